package io.effortlens.model;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import org.apache.spark.sql.Column;

/**
 * Bootstrap weights without resampling, the one implementation of the product (driver intervals and
 * the delight effects): a Poisson(1) count per row and round, drawn by inverting the Poisson CDF at
 * a uniform number taken from a hash of the row's key, the seed and the round. The same key gets
 * the same weight in every scenario, on any partitioning and in every run. Weighted sums over them
 * are bootstrap replicates of the sums.
 */
public final class PoissonWeights {
  /** Draws above this are folded into it: P(X &gt; 8) is about 1.0e-6 for Poisson(1). */
  public static final int CAP = 8;

  private static final double[] CDF = cdf(CAP);
  private static final long RESOLUTION = 1_000_000_007L;

  private PoissonWeights() {}

  /**
   * The Poisson(1) weight of a training row (keyed by as_of and customer_id) in {@code round}: one
   * draw per customer-snapshot.
   */
  static Column of(int seed, int round) {
    return draw(
        col(TrainingSet.AS_OF).cast("string"), col(TrainingSet.CUSTOMER_ID), lit(seed), lit(round));
  }

  /**
   * A Poisson(1) draw (a double in 0..{@link #CAP}) from the xxhash64 of {@code hashed}: pass the
   * key, the seed and the round. Rows with equal inputs get equal weights, so hashing a customer
   * (not a snapshot) resamples customers with all their snapshots.
   */
  public static Column draw(Column... hashed) {
    Column u = pmod(xxhash64(hashed), lit(RESOLUTION)).cast("double").divide(RESOLUTION);
    Column w = lit(CAP);
    for (int k = CDF.length - 1; k >= 0; k--) {
      w = when(u.lt(CDF[k]), lit(k)).otherwise(w);
    }
    return w.cast("double");
  }

  /** P(X &lt;= k) for k = 0 .. cap - 1. */
  private static double[] cdf(int cap) {
    double[] cdf = new double[cap];
    double mass = Math.exp(-1);
    double cumulative = 0;
    for (int k = 0; k < cap; k++) {
      cumulative += mass;
      cdf[k] = cumulative;
      mass /= k + 1;
    }
    return cdf;
  }
}
