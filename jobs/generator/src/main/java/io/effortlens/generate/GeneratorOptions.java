package io.effortlens.generate;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * What to generate: {@code customers} customers simulated for {@code months} months from {@code
 * start} (the CLI default is 2024-01-01), every random draw seeded from {@code seed}; the extracts
 * go to {@code outDir} in {@code format}. Same options, same bytes.
 *
 * <p>{@code delightRateScale} multiplies the chance that an agent grants a delight action after a
 * contact (still capped, still targeted at high effort); 1 is the standard scenario. Tests of the
 * delight estimate raise it to get enough treated customers from a few thousand customers; the
 * planted effect per action does not change.
 */
public record GeneratorOptions(
    long customers,
    int months,
    long seed,
    LocalDate start,
    OutputFormat format,
    String outDir,
    double delightRateScale)
    implements Serializable {

  /** The standard scenario ({@link #DELIGHT_RATE_SCALE_DEFAULT}). */
  public GeneratorOptions(
      long customers, int months, long seed, LocalDate start, OutputFormat format, String outDir) {
    this(customers, months, seed, start, format, outDir, DELIGHT_RATE_SCALE_DEFAULT);
  }

  /** The delight rate scale of the standard scenario. */
  public static final double DELIGHT_RATE_SCALE_DEFAULT = 1.0;

  /** The start date the CLI uses when none is given. */
  public static final LocalDate START_DEFAULT = LocalDate.of(2024, 1, 1);

  /** Validates the options; messages name the bad value. */
  public GeneratorOptions {
    check(customers > 0 && customers < 100_000_000L, "customers must be in 1..99999999", customers);
    check(months > 0 && months <= 240, "months must be in 1..240", months);
    check(start != null, "start date is required", start);
    check(format != null, "format is required (jsonl|csv|parquet)", format);
    check(outDir != null && !outDir.isBlank(), "output directory is required", outDir);
    check(
        delightRateScale > 0 && delightRateScale <= 20,
        "delight rate scale must be in (0, 20]",
        delightRateScale);
  }

  private static void check(boolean ok, String why, Object value) {
    if (!ok) {
      throw new IllegalArgumentException("Cannot generate: " + why + " (got " + value + ")");
    }
  }
}
