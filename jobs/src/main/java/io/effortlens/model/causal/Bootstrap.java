package io.effortlens.model.causal;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A Poisson bootstrap over customers, done as one aggregation: every snapshot is repeated once per
 * round (explode), weighted by a Poisson(1) draw derived from a hash of (customer_id, round, seed),
 * and the {@link EffectTerm} sums are taken per round (shuffle by round). All snapshots of a
 * customer share the weight, so the intervals respect that a customer appears in many monthly
 * snapshots. The nuisance models are fitted once and not refitted per round: the intervals are a
 * bootstrap of the estimating equations (influence terms), which is first-order valid for AIPW.
 * Round 0 has weight 1 everywhere and gives the point estimate. Output: round + one sum per term,
 * rounds + 1 rows.
 */
final class Bootstrap {
  static final String ROUND = "round";
  private static final String WEIGHT = "_weight";
  private static final long MODULUS = 1_000_000_007L;

  private Bootstrap() {}

  static Dataset<Row> toRoundSums(Dataset<Row> scored, int rounds, long seed) {
    List<Column> sums = new ArrayList<>();
    for (EffectTerm term : EffectTerm.values()) {
      sums.add(sum(col(WEIGHT).multiply(term.value())).as(term.column()));
    }
    return scored
        .withColumn(ROUND, explode(sequence(lit(0), lit(rounds))))
        .withColumn(WEIGHT, weight(col(ScoredSnapshots.CUSTOMER_ID), col(ROUND), seed))
        .groupBy(col(ROUND))
        .agg(sums.get(0), sums.subList(1, sums.size()).toArray(new Column[0]))
        .orderBy(col(ROUND));
  }

  /** 1 in round 0, else a Poisson(1) draw by inverting its CDF at a hash-uniform number. */
  static Column weight(Column customer, Column round, long seed) {
    Column uniform =
        pmod(xxhash64(customer, round, lit(seed)), lit(MODULUS)).cast("double").divide(MODULUS);
    Column draw = lit(poissonUpperTail());
    double cumulative = 0;
    double mass = Math.exp(-1);
    List<double[]> steps = new ArrayList<>();
    for (int k = 0; k < poissonUpperTail(); k++) {
      cumulative += mass;
      steps.add(new double[] {k, cumulative});
      mass /= k + 1;
    }
    for (int i = steps.size() - 1; i >= 0; i--) {
      draw = when(uniform.lt(steps.get(i)[1]), lit(steps.get(i)[0])).otherwise(draw);
    }
    return when(round.equalTo(0), lit(1.0)).otherwise(draw.cast("double"));
  }

  /** Draws above this are folded into it (P(X &gt; 8) is about 1e-6). */
  private static int poissonUpperTail() {
    return 8;
  }
}
