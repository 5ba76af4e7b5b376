package io.effortlens.generate;

import java.util.SplittableRandom;

/**
 * Random instants in whole seconds; customer-initiated touches happen between 07:00 and 22:00 UTC.
 */
final class Clock {
  private static final int DAY_START_SECONDS = 7 * 3600;
  private static final int DAYTIME_SECONDS = 15 * 3600;

  private Clock() {}

  /** A uniform instant in {@code [fromMs, toMs)}, whole seconds. */
  static long uniform(long fromMs, long toMs, SplittableRandom rng) {
    long seconds = Math.max(1, (toMs - fromMs) / 1000);
    return fromMs + 1000L * (long) (rng.nextDouble() * seconds);
  }

  /** A daytime instant on the day of {@code dayMs}. */
  static long daytime(long dayMs, SplittableRandom rng) {
    long midnight = Math.floorDiv(dayMs, Horizon.DAY_MS) * Horizon.DAY_MS;
    return midnight + 1000L * (DAY_START_SECONDS + rng.nextInt(DAYTIME_SECONDS));
  }

  /**
   * A daytime instant in {@code [fromMs, toMs)}, or a uniform one when the day's window is missed.
   */
  static long daytimeBetween(long fromMs, long toMs, SplittableRandom rng) {
    long instant = uniform(fromMs, toMs, rng);
    long daytime = daytime(instant, rng);
    return daytime >= fromMs && daytime < toMs ? daytime : instant;
  }

  /** The next touch {@code days} later in daytime, at least half an hour after {@code afterMs}. */
  static long later(long afterMs, int days, SplittableRandom rng) {
    long next = daytime(afterMs + days * Horizon.DAY_MS, rng);
    return next > afterMs + 1_800_000L ? next : afterMs + 1000L * (1800 + rng.nextInt(7200));
  }
}
