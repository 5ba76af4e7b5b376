package io.effortlens.model.causal;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.effortlens.model.PoissonWeights;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A Poisson bootstrap over customers, done as one aggregation: every snapshot is repeated once per
 * round (explode), weighted by a {@link PoissonWeights} draw of (customer_id, round, seed), and the
 * {@link EffectTerm} sums are taken per round (shuffle by round). All snapshots of a customer share
 * the weight, so the intervals respect that a customer appears in many monthly snapshots. The
 * nuisance models are cross-fitted ({@link ScoredSnapshots}: every snapshot scored by models that
 * did not learn from its customer) and not refitted per round: the intervals are a bootstrap of the
 * estimating equations (influence terms), the double/debiased machine learning interval, valid for
 * AIPW with cross-fitted nuisances. Round 0 has weight 1 everywhere and gives the point estimate.
 * Output: round + one sum per term, rounds + 1 rows.
 */
final class Bootstrap {
  static final String ROUND = "round";
  private static final String WEIGHT = "_weight";

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

  /** 1 in round 0, else a {@link PoissonWeights} draw of (customer, round, seed). */
  static Column weight(Column customer, Column round, long seed) {
    return when(round.equalTo(0), lit(1.0))
        .otherwise(PoissonWeights.draw(customer, round, lit(seed)));
  }
}
