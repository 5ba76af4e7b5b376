package io.effortlens.ingest;

import io.effortlens.config.ConfigKeys;
import io.effortlens.config.PseudonymKey;
import io.effortlens.config.Settings;
import java.util.Arrays;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which raw columns are personal and what ingest does with them, read once from {@link Settings}. A
 * column is personal when {@code privacy.personal-column-pattern} matches one or more whole parts
 * of its name (any case) and it is not listed in {@code privacy.allowed-columns}. Name parts are
 * split at anything that is not a letter or digit ({@code _ - . space}), at camelCase humps and
 * between letters and digits: {@code mail} matches {@code mail}, {@code caller_mail} and {@code
 * callerMail}, never the inside of {@code mailing} or {@code vmail}. The pattern may span parts
 * ({@code e[-_. ]?mail} matches {@code e_mail} and {@code eMail}).
 *
 * @param pattern the personal-name expression, or empty for none
 * @param allowed raw column names kept although the pattern matches them
 * @param hash true: personal unmapped columns are kept as HMAC-SHA256; false: dropped
 * @param key the HMAC key, null unless hash mode (then never null: the loader refused that)
 */
public record PrivacyPolicy(String pattern, Set<String> allowed, boolean hash, PseudonymKey key) {
  /** A boundary between name parts: case-sensitive on purpose, the humps of camelCase are case. */
  private static final String BOUNDARY =
      "(?<=\\p{Ll})(?=\\p{Lu})|(?<=\\p{Lu})(?=\\p{Lu}\\p{Ll})|(?<=\\p{L})(?=\\p{N})|(?<=\\p{N})(?=\\p{L})";

  private static final String PART_START = "(?:(?<![\\p{L}\\p{N}])|" + BOUNDARY + ")";
  private static final String PART_END = "(?:(?![\\p{L}\\p{N}])|" + BOUNDARY + ")";

  public PrivacyPolicy {
    allowed = Set.copyOf(allowed);
    if (hash && key == null) {
      throw new IllegalArgumentException("hash mode needs a pseudonym key");
    }
  }

  public static PrivacyPolicy from(Settings settings) {
    boolean hash = "hash".equals(settings.get(ConfigKeys.PRIVACY_MODE));
    Set<String> allowed =
        Arrays.stream(settings.get(ConfigKeys.PRIVACY_ALLOWED_COLUMNS).split(","))
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .collect(Collectors.toSet());
    return new PrivacyPolicy(
        settings.get(ConfigKeys.PRIVACY_PERSONAL_COLUMN_PATTERN),
        allowed,
        hash,
        hash ? settings.pseudonymKey().orElse(null) : null);
  }

  /** Whether a raw column (or JSON field) name is personal. */
  public boolean isPersonal(String name) {
    return !pattern.isEmpty()
        && !allowed.contains(name)
        && Pattern.compile(wholeParts()).matcher(name).find();
  }

  /**
   * The pattern, any case, where it starts and ends on name-part boundaries; embeddable in a larger
   * expression (the quarantine text redaction uses it inside JSON keys).
   */
  public String wholeParts() {
    return PART_START + "(?i:" + pattern + ")" + PART_END;
  }

  @Override
  public String toString() {
    return "PrivacyPolicy[pattern=" + pattern + ", allowed=" + allowed + ", hash=" + hash + "]";
  }
}
