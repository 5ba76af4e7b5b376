package io.effortlens.generate;

import java.util.Locale;

/**
 * File format of the generated vendor extracts. {@code JSONL} and {@code CSV} produce the same
 * layout (the contact-centre extract is nested and therefore always JSON lines; web events and
 * customers are CSV); {@code PARQUET} writes every extract as Parquet with the same fields.
 */
public enum OutputFormat {
  JSONL,
  CSV,
  PARQUET;

  /** Parses {@code jsonl|csv|parquet} (case-insensitive). */
  public static OutputFormat parse(String value) {
    if (value == null) {
      throw new IllegalArgumentException(
          "Cannot parse output format: value is null (use jsonl|csv|parquet)");
    }
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Cannot parse output format: unknown value (" + value + "; use jsonl|csv|parquet)", e);
    }
  }

  /** The lower-case name used on the command line and in truth.json. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
