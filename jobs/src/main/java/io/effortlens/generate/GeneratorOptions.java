package io.effortlens.generate;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * What to generate: {@code customers} customers simulated for {@code months} months from {@code
 * start} (the CLI default is 2024-01-01), every random draw seeded from {@code seed}; the extracts
 * go to {@code outDir} in {@code format}. Same options, same bytes.
 */
public record GeneratorOptions(
    long customers, int months, long seed, LocalDate start, OutputFormat format, String outDir)
    implements Serializable {

  /** The start date the CLI uses when none is given. */
  public static final LocalDate START_DEFAULT = LocalDate.of(2024, 1, 1);

  /** Validates the options; messages name the bad value. */
  public GeneratorOptions {
    check(customers > 0 && customers < 100_000_000L, "customers must be in 1..99999999", customers);
    check(months > 0 && months <= 240, "months must be in 1..240", months);
    check(start != null, "start date is required", start);
    check(format != null, "format is required (jsonl|csv|parquet)", format);
    check(outDir != null && !outDir.isBlank(), "output directory is required", outDir);
  }

  private static void check(boolean ok, String why, Object value) {
    if (!ok) {
      throw new IllegalArgumentException("Cannot generate: " + why + " (got " + value + ")");
    }
  }
}
