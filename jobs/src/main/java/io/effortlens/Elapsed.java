package io.effortlens;

/** Wall seconds for the stage log lines ({@code seconds=…}), from a {@link System#nanoTime()}. */
public final class Elapsed {
  private Elapsed() {}

  /** Seconds since {@code startNanos}, rounded to hundredths. */
  public static double seconds(long startNanos) {
    return Math.round((System.nanoTime() - startNanos) / 1e7) / 100.0;
  }
}
