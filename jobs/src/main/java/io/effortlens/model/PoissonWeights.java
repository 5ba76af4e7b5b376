package io.effortlens.model;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import org.apache.spark.sql.Column;

/**
 * Bootstrap weights without resampling: each customer-snapshot gets a Poisson(1) count per round,
 * drawn from a hash of its key, the seed and the round (the same in every scenario and on any
 * partitioning). Weighted sums over them are bootstrap replicates of the sums.
 */
final class PoissonWeights {
  private static final double[] CDF = {
    0.3678794, 0.7357589, 0.9196986, 0.9810118, 0.9963402, 0.9994058, 0.9999168
  };
  private static final long RESOLUTION = 1_000_000_007L;

  private PoissonWeights() {}

  /** The Poisson(1) weight of a row (keyed by as_of and customer_id) in {@code round}. */
  static Column of(int seed, int round) {
    Column u =
        pmod(
                xxhash64(
                    col(TrainingSet.AS_OF).cast("string"),
                    col(TrainingSet.CUSTOMER_ID),
                    lit(seed),
                    lit(round)),
                lit(RESOLUTION))
            .cast("double")
            .divide(RESOLUTION);
    Column w = lit(CDF.length);
    for (int k = CDF.length - 1; k >= 0; k--) {
      w = when(u.lt(CDF[k]), lit(k)).otherwise(w);
    }
    return w.cast("double");
  }
}
