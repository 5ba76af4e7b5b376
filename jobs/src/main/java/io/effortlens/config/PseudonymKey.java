package io.effortlens.config;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;

/**
 * The secret of pseudonymization (HMAC-SHA256 key), read from {@value
 * ConfigLoader#PSEUDONYM_KEY_ENV} by {@link ConfigLoader} only. It never prints: {@link
 * #toString()} is a fixed text, so the key cannot reach a log line, the {@code runs} table or a
 * configuration dump by accident.
 */
public final class PseudonymKey implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Shortest accepted key; shorter secrets make hashes of short values easy to guess. */
  public static final int MIN_LENGTH = 16;

  private final byte[] bytes;

  PseudonymKey(String secret) {
    this.bytes = secret.getBytes(StandardCharsets.UTF_8);
  }

  /** A copy of the key's UTF-8 bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public String toString() {
    return "PseudonymKey[redacted]";
  }
}
