package io.effortlens.config;

import io.effortlens.Problems;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Loads {@link Settings}: defaults, then the YAML file, then {@code --set key=value}. Unknown keys
 * and invalid values fail with the key, the file and line, and the closest valid key.
 */
public final class ConfigLoader {
  /** Where the launcher installed EffortLens; the default config is looked up there too. */
  public static final String HOME_ENV = "EFFORTLENS_HOME";

  /** The secret of pseudonymous keys and hashed columns (HMAC-SHA256); never logged or stored. */
  public static final String PSEUDONYM_KEY_ENV = "EFFORTLENS_PSEUDONYM_KEY";

  private ConfigLoader() {}

  /**
   * Loads settings.
   *
   * @param file the config file; when {@code explicit} is false and it does not exist, defaults
   *     apply
   * @param explicit whether the user named the file (then it must exist)
   * @param sets the {@code --set} options in order
   */
  public static Settings load(Path file, boolean explicit, List<String> sets) {
    return load(file, explicit, sets, System.getenv());
  }

  /**
   * The MLflow client variables of the process's environment ({@code MLFLOW_TRACKING_URI}, {@code
   * MLFLOW_EXPERIMENT_NAME} and the credentials), for {@code train --mlflow-uri}'s fallback.
   */
  public static MlflowEnvironment mlflowEnvironment() {
    return MlflowEnvironment.of(System.getenv());
  }

  /**
   * Loads settings with the given environment instead of the process's (for tests).
   *
   * @param environment variables; {@value #PSEUDONYM_KEY_ENV} and {@value #HOME_ENV} are read
   */
  public static Settings load(
      Path file, boolean explicit, List<String> sets, Map<String, String> environment) {
    Path resolved = resolve(file, explicit, environment);
    Map<String, Object> values = new HashMap<>();
    Map<String, String> spark = new LinkedHashMap<>();
    if (resolved != null) {
      for (YamlEntry entry : readYaml(resolved)) {
        apply(entry.key(), entry.value(), resolved + " line " + entry.line(), values, spark);
      }
    }
    for (String set : sets) {
      int eq = set.indexOf('=');
      if (eq <= 0) {
        throw Problems.badSetOption(set);
      }
      apply(set.substring(0, eq).strip(), set.substring(eq + 1), "--set " + set, values, spark);
    }
    Path dir = resolved == null ? file.toAbsolutePath().getParent() : resolved.getParent();
    PseudonymKey key = pseudonymKey(environment, values);
    return new Settings(values, spark, dir == null ? "." : dir.toString(), key);
  }

  /** The key from the environment (blank = unset); hash mode needs one of a minimum length. */
  private static PseudonymKey pseudonymKey(
      Map<String, String> environment, Map<String, Object> values) {
    String secret = environment.get(PSEUDONYM_KEY_ENV);
    boolean hashMode = "hash".equals(values.get(ConfigKeys.PRIVACY_MODE.name()));
    if (secret == null || secret.isBlank()) {
      if (hashMode) {
        throw Problems.pseudonymKeyMissing(PSEUDONYM_KEY_ENV, ConfigKeys.PRIVACY_MODE.name());
      }
      return null;
    }
    if (secret.length() < PseudonymKey.MIN_LENGTH) {
      throw Problems.pseudonymKeyTooShort(PSEUDONYM_KEY_ENV, PseudonymKey.MIN_LENGTH);
    }
    return new PseudonymKey(secret);
  }

  private static Path resolve(Path file, boolean explicit, Map<String, String> environment) {
    if (Files.isRegularFile(file)) {
      return file.toAbsolutePath().normalize();
    }
    if (explicit) {
      throw Problems.configNotFound(file.toString());
    }
    String home = environment.get(HOME_ENV);
    if (home != null && !file.isAbsolute()) {
      Path fallback = Path.of(home).resolve(file);
      if (Files.isRegularFile(fallback)) {
        return fallback.toAbsolutePath().normalize();
      }
    }
    return null;
  }

  private static void apply(
      String key, Object raw, String where, Map<String, Object> values, Map<String, String> spark) {
    if (key.startsWith("spark.")) {
      spark.put(key, String.valueOf(raw));
      return;
    }
    ConfigKey<?> configKey = ConfigKeys.all().get(key);
    if (configKey == null) {
      throw Problems.unknownConfigKey(key, where, Suggestions.closest(key, ConfigKeys.names()));
    }
    try {
      values.put(key, configKey.parse(raw));
    } catch (IllegalArgumentException e) {
      throw Problems.badConfigValue(key, where, raw, configKey.expected());
    }
  }

  /** A flattened YAML leaf: dotted key, String or List of String value, 1-based line. */
  record YamlEntry(String key, Object value, int line) {}

  static List<YamlEntry> readYaml(Path file) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      Node root = new Yaml(new LoaderOptions()).compose(reader);
      List<YamlEntry> out = new ArrayList<>();
      if (root != null) {
        flatten("", root, file.toString(), out);
      }
      return out;
    } catch (MarkedYAMLException e) {
      var mark = e.getProblemMark();
      throw Problems.yamlSyntax(
          file.toString(), mark.getLine() + 1, mark.getColumn() + 1, e.getProblem());
    } catch (IOException e) {
      throw Problems.fileNotFound("configuration", file.toString(), "check the file permissions");
    }
  }

  private static void flatten(String prefix, Node node, String file, List<YamlEntry> out) {
    int line = node.getStartMark().getLine() + 1;
    if (node instanceof MappingNode mapping) {
      for (NodeTuple tuple : mapping.getValue()) {
        String name = ((ScalarNode) tuple.getKeyNode()).getValue();
        flatten(prefix.isEmpty() ? name : prefix + "." + name, tuple.getValueNode(), file, out);
      }
    } else if (node instanceof SequenceNode sequence) {
      List<String> items = new ArrayList<>();
      for (Node item : sequence.getValue()) {
        if (!(item instanceof ScalarNode scalar)) {
          throw Problems.yamlSyntax(file, line, 1, "'" + prefix + "' must be a list of values");
        }
        items.add(scalar.getValue());
      }
      out.add(new YamlEntry(prefix, items, line));
    } else if (prefix.isEmpty()) {
      throw Problems.yamlSyntax(file, line, 1, "the file must be a mapping of keys to values");
    } else {
      out.add(new YamlEntry(prefix, ((ScalarNode) node).getValue(), line));
    }
  }
}
