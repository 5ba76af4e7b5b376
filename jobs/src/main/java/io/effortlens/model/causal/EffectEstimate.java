package io.effortlens.model.causal;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.percentile_approx;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.effortlens.model.Percentiles;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.storage.StorageLevel;

/** The estimate of one action: point values, intervals and overlap diagnostics. */
record EffectEstimate(
    int horizonDays,
    long treated,
    long controls,
    double effect,
    double[] effectInterval,
    double standardError,
    double ipw,
    double naive,
    double[] naiveInterval,
    double trimmedShare,
    double[] propensityQuantiles) {
  private static final int QUANTILE_ACCURACY = 10_000;

  static EffectEstimate of(
      Dataset<Row> prepared,
      DelightAction action,
      ScoredSnapshots.Nuisance nuisance,
      DelightSettings s) {
    Dataset<Row> rows =
        prepared
            .filter(action.inPopulation())
            .withColumn(
                ScoredSnapshots.TREATED, when(action.isTreated(), lit(1.0)).otherwise(lit(0.0)));
    Dataset<Row> scored =
        ScoredSnapshots.withNuisance(rows, nuisance).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Row overlap = overlap(scored, s);
      List<EffectSums> rounds =
          Bootstrap.toRoundSums(
                  scored.filter(s.estimand().inOverlap(s.trimLow(), s.trimHigh())),
                  s.bootstrapRounds(),
                  s.seed())
              .collectAsList()
              .stream()
              .map(EffectSums::of)
              .toList();
      return of(overlap, rounds, s.estimand());
    } finally {
      scored.unpersist();
    }
  }

  /** Count, trimmed count, propensity p05/p50/p95 (before trimming) and the horizon. */
  private static Row overlap(Dataset<Row> scored, DelightSettings s) {
    return scored
        .agg(
            count(lit(1)),
            sum(when(not(s.estimand().inOverlap(s.trimLow(), s.trimHigh())), 1L).otherwise(0L)),
            percentile_approx(
                col(ScoredSnapshots.PROPENSITY),
                array(lit(0.05), lit(0.5), lit(0.95)),
                lit(QUANTILE_ACCURACY)),
            max(col("horizon_days")))
        .first();
  }

  static EffectEstimate of(Row overlap, List<EffectSums> rounds, Estimand estimand) {
    EffectSums observed = rounds.get(0);
    List<EffectSums> resampled = rounds.subList(1, rounds.size());
    List<Double> quantiles = overlap.getList(2);
    return new EffectEstimate(
        overlap.getInt(3),
        Math.round(observed.get(EffectTerm.N_T)),
        Math.round(observed.get(EffectTerm.N_C)),
        estimand.aipw(observed),
        interval(resampled, estimand::aipw),
        standardError(resampled, estimand::aipw),
        estimand.ipw(observed),
        Estimand.naive(observed),
        interval(resampled, Estimand::naive),
        overlap.getLong(0) == 0 ? 0.0 : (double) overlap.getLong(1) / overlap.getLong(0),
        quantiles.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /** The 2.5% and 97.5% percentiles (linear interpolation) of the rounds' estimates. */
  static double[] interval(List<EffectSums> rounds, ToDoubleFunction<EffectSums> estimator) {
    double[] values = rounds.stream().mapToDouble(estimator).filter(Double::isFinite).toArray();
    Arrays.sort(values);
    return Percentiles.interval95(values);
  }

  /** The standard deviation (n - 1) of the rounds' finite estimates; NaN below two. */
  static double standardError(List<EffectSums> rounds, ToDoubleFunction<EffectSums> estimator) {
    double[] values = rounds.stream().mapToDouble(estimator).filter(Double::isFinite).toArray();
    return values.length < 2 ? Double.NaN : new StandardDeviation(true).evaluate(values);
  }

  /** The effect as one test of the family {@link Findings} adjusts. */
  Findings.Tested tested() {
    return new Findings.Tested(effect, standardError, effectInterval[0], effectInterval[1]);
  }

  Row toRow(String modelVersion, String action, DelightSettings s, Findings.Verdict verdict) {
    return RowFactory.create(
        modelVersion,
        action,
        horizonDays,
        DelightEffectSchema.METHOD_AIPW,
        treated,
        controls,
        effect,
        effectInterval[0],
        effectInterval[1],
        ipw,
        naive,
        naiveInterval[0],
        naiveInterval[1],
        trimmedShare,
        propensityQuantiles[0],
        propensityQuantiles[1],
        propensityQuantiles[2],
        s.bootstrapRounds(),
        standardError,
        verdict.pValue(),
        verdict.pAdjusted(),
        Findings.METHOD_HOLM,
        verdict.familySize(),
        verdict.isFinding());
  }
}
