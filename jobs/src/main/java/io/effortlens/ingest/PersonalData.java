package io.effortlens.ingest;

import static org.apache.spark.sql.functions.regexp_replace;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps personal data out of the lake: redacts e-mail addresses and phone numbers inside kept
 * values, and personal fields and values inside the raw record text that {@code quarantine.raw}
 * stores. Built-in {@code regexp_replace} only; grain unchanged, no shuffle.
 */
public final class PersonalData {
  public static final String EMAIL_MARKER = "[redacted-email]";
  public static final String PHONE_MARKER = "[redacted-phone]";
  public static final String FIELD_MARKER = "[redacted]";

  /** local@domain.tld */
  static final String EMAIL = "[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}";

  /**
   * International (+49 151 2345678, 0049…), national with a leading 0 (0151-2345678, (030) 1234
   * 567) and North-American (555-123-4567) numbers. Not: ISO dates and times, zone offsets
   * (+01:00), epoch milliseconds and ids glued to letters, which have no leading + or 0, or other
   * separators.
   */
  static final String PHONE =
      "(?<![\\w+.:/-])(?:(?:\\+|00)[1-9](?:[ ./-]?\\(?[0-9]\\)?){6,14}"
          + "|\\(?0[1-9][0-9]{1,4}\\)?[ ./-]?[0-9](?:[ ./-]?[0-9]){4,10}"
          + "|\\(?[2-9][0-9]{2}\\)?[ .-][0-9]{3}[ .-][0-9]{4})(?![\\w:])";

  /** A JSON value: string (also one cut off by the line's end), number, literal, string array. */
  private static final String JSON_VALUE =
      "(?:\"(?:[^\"\\\\]|\\\\.)*(?:\"|$)|-?[0-9][0-9.eE+-]*|true|false"
          + "|\\[\\s*(?:\"(?:[^\"\\\\]|\\\\.)*\"\\s*,?\\s*)*\\])";

  private static final Logger LOG = LoggerFactory.getLogger(PersonalData.class);

  private PersonalData() {}

  /** The text with e-mail addresses and phone numbers replaced by fixed markers. */
  public static Column redactValues(Column text) {
    return regexp_replace(regexp_replace(text, EMAIL, EMAIL_MARKER), PHONE, PHONE_MARKER);
  }

  /**
   * Text (a raw JSON line, JSON of raw columns or of a nested value, a broken line, a plain value)
   * with the value of every personal JSON field, at any depth, replaced by {@value #FIELD_MARKER},
   * then e-mail addresses and phone numbers redacted. A regex, not a parse: it also works on
   * truncated JSON and never fails a row. The field name stays, so the record's shape is visible.
   */
  public static Column redactText(Column raw, PrivacyPolicy policy) {
    Column text = raw;
    if (!policy.pattern().isEmpty()) {
      text = regexp_replace(text, personalField(policy), "$1\"" + FIELD_MARKER + "\"");
    }
    return redactValues(text);
  }

  /**
   * Logs a WARN for every personal raw column a mapping names in its expressions: mapping it is the
   * user's explicit choice and is kept, but should be a conscious one.
   */
  public static void warnMapped(
      List<String> rawColumns, String expressions, String file, PrivacyPolicy policy) {
    for (String name : rawColumns) {
      if (policy.isPersonal(name) && MappedColumns.mentions(expressions, name)) {
        LOG.warn(
            "privacy: mapping {} maps personal raw column '{}' explicitly; it is kept as mapped"
                + " (add it to privacy.allowed-columns to silence this)",
            file,
            name);
      }
    }
  }

  /**
   * {@code ("<personal key>"\s*:\s*)<value>}: a key the pattern matches on whole name parts, as
   * {@link PrivacyPolicy#isPersonal}; allowed names excluded, case-sensitively.
   */
  private static String personalField(PrivacyPolicy policy) {
    String allowed = policy.allowed().stream().map(Pattern::quote).collect(Collectors.joining("|"));
    String notAllowed = allowed.isEmpty() ? "" : "(?!(?:" + allowed + ")\")";
    return "(\""
        + notAllowed
        + "[^\"\\\\]*?"
        + policy.wholeParts()
        + "[^\"\\\\]*\"\\s*:\\s*)"
        + JSON_VALUE;
  }
}
