package io.effortlens.journey;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.ml.regression.LinearRegressionModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Fits the effort_score model on journeys (journey grain in, an {@link EffortModel} out; runs Spark
 * jobs, so it belongs to jobs, not to stages).
 *
 * <ol>
 *   <li>Response propensity: a {@code Pipeline} of VectorAssembler and LogisticRegression predicts
 *       "the journey has a CES answer" from {@link EffortTerms} over all journeys.
 *   <li>Effort: a {@code Pipeline} of VectorAssembler and LinearRegression (normal equations, L2
 *       0.01) regresses {@code 8 - last_ces} on the same terms over answered journeys, each
 *       weighted by 1 / propensity with the propensity floored at 0.05 (weights at most 20), so
 *       journeys like the few that get answered do not speak for everyone.
 * </ol>
 *
 * <p>The training rows are spread over as many partitions as the cluster has cores (Spark's default
 * parallelism) before they are cached: every L-BFGS iteration is one Spark job over all partitions,
 * and the journeys arrive in {@code spark.sql.shuffle.partitions} partitions, which adaptive
 * execution does not coalesce for a cached plan's last stage. On 2 cores, 16 partitions made the
 * propensity fit's ~30 jobs take 19 s for 20k journeys, 2 partitions 8 s (1M benchmark).
 *
 * <p>Both estimators are deterministic (no random initialisation or sampling, so no seed);
 * coefficients are rounded to 6 decimals. With fewer than {@code minAnswers} answered journeys the
 * fixed composite ({@link EffortModel#composite}) is returned instead.
 */
public final class EffortModelTrainer {
  static final double MIN_PROPENSITY = 0.05;
  private static final double REG_PARAM = 0.01;
  private static final String FEATURES = "_features";
  private static final String HAS_CES = "_has_ces";
  private static final String TARGET = "_effort_target";
  private static final String WEIGHT = "_weight";

  private EffortModelTrainer() {}

  /** Fits on the given journeys (schema {@link JourneySchema#GRAIN_COLUMNS} at least). */
  public static EffortModel fit(Dataset<Row> journeys, int minAnswers) {
    Dataset<Row> data =
        withTrainingColumns(journeys)
            .repartition(journeys.sparkSession().sparkContext().defaultParallelism())
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Row counts = data.agg(count(lit(1)), sum(col(HAS_CES))).first();
      long total = counts.getLong(0);
      long answers = counts.isNullAt(1) ? 0L : (long) counts.getDouble(1);
      if (answers < minAnswers) {
        return EffortModel.composite(answers, total);
      }
      EffortModel propensity =
          answers < total ? fitPropensity(data, answers, total) : unweighted(answers, total);
      return fitEffort(data, propensity);
    } finally {
      data.unpersist();
    }
  }

  /** Adds the response weight 1 / max(propensity, 0.05) for answered journeys. */
  static Dataset<Row> withResponseWeight(Dataset<Row> journeys, EffortModel propensity) {
    return journeys.withColumn(
        WEIGHT,
        least(
            lit(1.0).divide(greatest(propensity.responsePropensity(), lit(MIN_PROPENSITY))),
            lit(1.0 / MIN_PROPENSITY)));
  }

  /** The metrics the terms read, the terms as {@code _term_<name>}, answer flag and target. */
  private static Dataset<Row> withTrainingColumns(Dataset<Row> journeys) {
    List<Column> inputs = new ArrayList<>();
    for (String metric : EffortTerms.INPUTS) {
      inputs.add(col(metric));
    }
    inputs.add(col(JourneySchema.LAST_CES));
    Dataset<Row> data = journeys.select(inputs.toArray(Column[]::new));
    List<Column> terms = EffortTerms.columns();
    for (int i = 0; i < terms.size(); i++) {
      data = data.withColumn(termColumn(i), terms.get(i));
    }
    Column lastCes = col(JourneySchema.LAST_CES);
    return data.withColumn(HAS_CES, lastCes.isNotNull().cast("double"))
        .withColumn(TARGET, lit(8.0).minus(lastCes.cast("double")));
  }

  private static String termColumn(int index) {
    return "_term_" + EffortTerms.NAMES.get(index);
  }

  private static EffortModel fitPropensity(Dataset<Row> data, long answers, long total) {
    LogisticRegression logistic =
        new LogisticRegression()
            .setFamily("binomial")
            .setLabelCol(HAS_CES)
            .setFeaturesCol(FEATURES)
            .setRegParam(REG_PARAM)
            .setElasticNetParam(0.0)
            .setMaxIter(50)
            .setTol(1e-7);
    PipelineModel model = pipeline(logistic).fit(data);
    LogisticRegressionModel fitted = (LogisticRegressionModel) model.stages()[1];
    return new EffortModel(
        EffortModel.FITTED,
        answers,
        total,
        0.0,
        List.of(),
        round(fitted.intercept()),
        round(fitted.coefficients().toArray()));
  }

  private static EffortModel unweighted(long answers, long total) {
    return new EffortModel(EffortModel.FITTED, answers, total, 0.0, List.of(), 0.0, List.of());
  }

  private static EffortModel fitEffort(Dataset<Row> data, EffortModel propensity) {
    Dataset<Row> answered = withResponseWeight(data.filter(col(HAS_CES).equalTo(1.0)), propensity);
    LinearRegression regression =
        new LinearRegression()
            .setSolver("normal")
            .setLabelCol(TARGET)
            .setFeaturesCol(FEATURES)
            .setWeightCol(WEIGHT)
            .setRegParam(REG_PARAM)
            .setElasticNetParam(0.0);
    PipelineModel model = pipeline(regression).fit(answered);
    LinearRegressionModel fitted = (LinearRegressionModel) model.stages()[1];
    return new EffortModel(
        EffortModel.FITTED,
        propensity.answers(),
        propensity.journeys(),
        round(fitted.intercept()),
        round(fitted.coefficients().toArray()),
        propensity.propensityIntercept(),
        propensity.propensityCoefficients());
  }

  private static Pipeline pipeline(PipelineStage estimator) {
    VectorAssembler assembler =
        new VectorAssembler()
            .setInputCols(
                java.util.stream.IntStream.range(0, EffortTerms.NAMES.size())
                    .mapToObj(EffortModelTrainer::termColumn)
                    .toArray(String[]::new))
            .setOutputCol(FEATURES);
    return new Pipeline().setStages(new PipelineStage[] {assembler, estimator});
  }

  private static double round(double value) {
    return Math.round(value * 1e6) / 1e6;
  }

  private static List<Double> round(double[] values) {
    List<Double> out = new ArrayList<>();
    for (double value : values) {
      out.add(round(value));
    }
    return out;
  }
}
