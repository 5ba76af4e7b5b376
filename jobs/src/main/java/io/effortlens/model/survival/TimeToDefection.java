package io.effortlens.model.survival;

import io.effortlens.model.StoredRows;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.commons.math3.special.Gamma;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.regression.AFTSurvivalRegression;
import org.apache.spark.ml.regression.AFTSurvivalRegressionModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Time to defection: a Weibull accelerated-failure-time model (MLlib {@link AFTSurvivalRegression})
 * of the days from the as-of date to defection, censored at the label horizon, on the given
 * features (nulls read as 0). The fitted {@link PipelineModel} adds {@link #EXPECTED_MONTHS}: the
 * Weibull mean {@code exp(x'b) * Gamma(1 + scale)} in months of 365.25/12 days. Grain: snapshot
 * rows in and out.
 */
public final class TimeToDefection {
  /** The output column: expected months from the as-of date to defection. */
  public static final String EXPECTED_MONTHS = "expected_months_to_defection";

  static final String FEATURES = "_survival_features";
  static final String PREDICTION = "_survival_scale";

  private TimeToDefection() {}

  /**
   * @param training uncensored labelled snapshots (as_of, is_defected, defected_at, horizon_days
   *     and the features)
   * @param features numeric feature columns
   */
  public static TimeToDefectionModel fit(Dataset<Row> training, List<String> features) {
    Dataset<Row> rows = SurvivalRows.withTimeAndEvent(training);
    PipelineStage[] preparation = {
      imputed(features),
      new VectorAssembler()
          .setInputCols(features.stream().map(TimeToDefection::input).toArray(String[]::new))
          .setOutputCol(FEATURES)
    };
    // the regression reads the assembled vectors stored with their lineage cut: each of its ~120
    // L-BFGS jobs would otherwise serialize the plan of the wide training rows
    Dataset<Row> vectors =
        StoredRows.of(
            new Pipeline()
                .setStages(preparation)
                .fit(rows)
                .transform(rows)
                .select(FEATURES, SurvivalRows.TIME_MONTHS, SurvivalRows.EVENT));
    AFTSurvivalRegressionModel regression;
    try {
      regression = regression().fit(vectors);
    } finally {
      StoredRows.release(vectors);
    }
    PipelineStage[] stages = Arrays.copyOf(preparation, preparation.length + 1);
    stages[preparation.length] = regression;
    PipelineModel aft = new Pipeline().setStages(stages).fit(rows);
    PipelineModel model =
        new Pipeline()
            .setStages(new PipelineStage[] {aft, expectedMonths(regression.scale())})
            .fit(rows);
    return new TimeToDefectionModel(model);
  }

  static AFTSurvivalRegression regression() {
    return new AFTSurvivalRegression()
        .setFeaturesCol(FEATURES)
        .setLabelCol(SurvivalRows.TIME_MONTHS)
        .setCensorCol(SurvivalRows.EVENT)
        .setPredictionCol(PREDICTION)
        .setMaxIter(100)
        .setTol(1e-7);
  }

  static String input(String feature) {
    return "_s_" + feature;
  }

  /** Nulls read as 0 (no events in the window), every feature as double. */
  static SQLTransformer imputed(List<String> features) {
    String columns =
        features.stream()
            .map(f -> "coalesce(cast(`" + f + "` as double), 0D) AS `" + input(f) + "`")
            .collect(Collectors.joining(", "));
    return new SQLTransformer().setStatement("SELECT *, " + columns + " FROM __THIS__");
  }

  /** Weibull mean from the fitted scale exp(x'b) and the shape 1/scale: x Gamma(1 + scale). */
  private static SQLTransformer expectedMonths(double scale) {
    double factor = Gamma.gamma(1 + scale);
    return new SQLTransformer()
        .setStatement(
            "SELECT *, "
                + PREDICTION
                + " * "
                + factor
                + "D AS "
                + EXPECTED_MONTHS
                + " FROM __THIS__");
  }
}
