package io.effortlens.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The validated, immutable configuration of one run: every known key with its value (default, file
 * or --set) plus the Spark settings, the directory holding source mappings, and secrets read from
 * the environment by {@link ConfigLoader}. Secrets never appear in {@link #toString()} or {@link
 * #hash()}.
 */
public final class Settings {
  private final Map<String, Object> values;
  private final Map<String, String> spark;
  private final String confDir;
  private final PseudonymKey pseudonymKey;

  Settings(
      Map<String, Object> values,
      Map<String, String> spark,
      String confDir,
      PseudonymKey pseudonymKey) {
    this.values = Map.copyOf(values);
    this.spark = Map.copyOf(spark);
    this.confDir = confDir;
    this.pseudonymKey = pseudonymKey;
  }

  /** The value of a key. */
  @SuppressWarnings("unchecked")
  public <T> T get(ConfigKey<T> key) {
    Object value = values.get(key.name());
    return value == null ? key.defaultValue() : (T) value;
  }

  /** Spark settings from the {@code spark:} block and {@code --set spark.x=y}. */
  public Map<String, String> spark() {
    return spark;
  }

  /** Directory of the configuration file; mappings live in its {@code sources/} folder. */
  public String confDir() {
    return confDir;
  }

  /**
   * The pseudonymization key from {@value ConfigLoader#PSEUDONYM_KEY_ENV}, if set. Deliberately
   * left out of {@link #toString()} and {@link #hash()}.
   */
  public Optional<PseudonymKey> pseudonymKey() {
    return Optional.ofNullable(pseudonymKey);
  }

  /** SHA-256 of all settings in key order, to tell runs with different configuration apart. */
  public String hash() {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  @Override
  public String toString() {
    Map<String, Object> all = new TreeMap<>();
    ConfigKeys.all().values().forEach(key -> all.put(key.name(), get(key)));
    all.putAll(spark);
    return all.toString();
  }
}
