package io.effortlens.ingest;

/**
 * The reason codes a quarantined record may carry. Column-specific codes end in {@code :<column>},
 * e.g. {@code MISSING_REQUIRED:customer_id}. docs/ingest-and-mappings.md lists each with its fix.
 */
public final class ReasonCodes {
  /** The line is not valid JSON, or a CSV row has the wrong number of fields. */
  public static final String CORRUPT_RECORD = "CORRUPT_RECORD";

  /** The row fails the mapping's {@code where:} predicate (excluded on purpose). */
  public static final String FILTERED_BY_WHERE = "FILTERED_BY_WHERE";

  /** A required column is missing or empty. */
  public static final String MISSING_REQUIRED = "MISSING_REQUIRED";

  /** A value is present but not of the column's type (number, boolean, timestamp). */
  public static final String INVALID_VALUE = "INVALID_VALUE";

  /** A timestamp before {@code ingest.earliest-timestamp} or too far after the run started. */
  public static final String IMPLAUSIBLE_TIMESTAMP = "IMPLAUSIBLE_TIMESTAMP";

  /** {@code ended_at} before {@code started_at}: a negative duration. */
  public static final String ENDED_BEFORE_STARTED = "ENDED_BEFORE_STARTED";

  /** {@code answered_at} before {@code started_at}: an answer before the contact. */
  public static final String ANSWERED_BEFORE_STARTED = "ANSWERED_BEFORE_STARTED";

  /** A value outside a closed vocabulary (channel, kind, outcome, action_type, lifecycle_event). */
  public static final String UNKNOWN_VALUE = "UNKNOWN_VALUE";

  /** A survey answer or quantity outside its range. */
  public static final String OUT_OF_RANGE = "OUT_OF_RANGE";

  /** A count, duration or amount below zero. */
  public static final String NEGATIVE = "NEGATIVE";

  /** A column the row's kind needs (action_type for actions, …) is missing. */
  public static final String MISSING_FOR_KIND = "MISSING_FOR_KIND";

  private ReasonCodes() {}

  static String of(String code, String column) {
    return code + ":" + column;
  }
}
