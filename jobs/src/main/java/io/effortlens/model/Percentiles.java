package io.effortlens.model;

import java.util.Arrays;

/**
 * The one percentile definition of EffortLens: linear interpolation between the closest ranks
 * (Hyndman and Fan's type 7, the default of R, NumPy and Spark SQL's exact {@code percentile}): the
 * q-th percentile of n sorted values sits at position {@code q (n - 1)}, between the values below
 * and above it. Chosen over the nearest rank because it is continuous in q and in the data, so an
 * interval does not jump by a whole replicate when one bootstrap round is added, and because it is
 * what an analyst recomputing our intervals in R, NumPy or Spark SQL gets. Used by the bootstrap
 * intervals of driver_effects and of delight_effects.
 */
public final class Percentiles {
  /** The lower and upper quantiles of a two-sided 95% percentile interval. */
  public static final double LOW_95 = 0.025;

  public static final double HIGH_95 = 0.975;

  private Percentiles() {}

  /**
   * The {@code q}-th percentile ({@code 0 <= q <= 1}) of values sorted ascending; NaN when there
   * are none.
   */
  public static double ofSorted(double[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    double position = q * (sorted.length - 1);
    int below = (int) Math.floor(position);
    int above = Math.min(below + 1, sorted.length - 1);
    return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
  }

  /**
   * The 2.5% and 97.5% percentiles of bootstrap replicates (any order; non-finite replicates are
   * left out), NaN when none is finite.
   */
  public static double[] interval95(double[] replicates) {
    double[] sorted = Arrays.stream(replicates).filter(Double::isFinite).sorted().toArray();
    return new double[] {ofSorted(sorted, LOW_95), ofSorted(sorted, HIGH_95)};
  }
}
