package io.effortlens.model;

import static org.apache.spark.ml.functions.vector_to_array;
import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.effortlens.testing.SparkSessionExtension;
import java.sql.Date;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The attribution's replicates carry the model's uncertainty ({@link Attribution#refitted}): each
 * adds the difference between the logistic refitted on that round's Poisson-weighted fit rows and
 * the tuned one. Proves that the margin from the prepared vector scores as the pipeline's
 * regression does, that refits equal to the tuned model give exactly the test-resampling
 * replicates, that the intervals widen when the fit rows are few (the model's uncertainty
 * dominates) and stay close to the test-resampling ones when they are many, and that the estimate
 * is unchanged.
 */
@ExtendWith(SparkSessionExtension.class)
class RefittedIntervalsTest {
  private static final List<Driver> DRIVERS =
      List.of(
          new Driver("repeat_contacts_90d", "effort", "", 0.0),
          new Driver("tenure_days", "profile", "", null));
  private static final String REPEATS = "repeat_contacts_90d";
  private static final int ROUNDS = 20;
  private static final int SEED = 13;
  private static final Logger LOG = LoggerFactory.getLogger(RefittedIntervalsTest.class);

  @Test
  void refitsEqualToTheTunedModelAddNoModelComponent(SparkSession spark) {
    Case c = Case.of(spark, 400);
    List<BatchedLogistic.Solution> same =
        Collections.nCopies(5, LogisticBootstrap.solution(c.model));
    Map<String, double[]> today = Attribution.avoided(c.model, c.test, DRIVERS, 5, SEED);
    Map<String, double[]> refitted =
        Attribution.refitted(c.model, c.model, c.test, DRIVERS, same, c.shift(), SEED);
    for (String scenario : today.keySet()) {
      assertArrayEquals(today.get(scenario), refitted.get(scenario), 1e-9, scenario);
    }
  }

  @Test
  void aChosenGbtKeepsItsOwnEstimateAndTestReplicates(SparkSession spark) {
    Case c = Case.of(spark, 400);
    ModelPipelines.Spec gbt = ModelPipelines.gbt(DRIVERS, List.of(), SEED);
    PipelineModel chosen =
        ModelPipelines.calibrate(
            ModelPipelines.refit(gbt, c.fit, gbt.grid()[0]), rows(spark, 3000, 2, "2024-04-01"));
    List<BatchedLogistic.Solution> same =
        Collections.nCopies(5, LogisticBootstrap.solution(c.model));
    Map<String, double[]> today = Attribution.avoided(chosen, c.test, DRIVERS, 5, SEED);
    Map<String, double[]> refitted =
        Attribution.refitted(chosen, c.model, c.test, DRIVERS, same, c.shift(), SEED);
    for (String scenario : today.keySet()) {
      assertArrayEquals(today.get(scenario), refitted.get(scenario), 1e-9, scenario);
    }
  }

  @Test
  void theTunedSolutionScoresAsThePipeline(SparkSession spark) {
    Case c = Case.of(spark, 400);
    Dataset<Row> scored = c.model.transform(c.test);
    Row r =
        scored
            .select(
                max(
                    abs(
                        LogisticBootstrap.solution(c.model)
                            .probability(col(ModelPipelines.FEATURES))
                            .minus(
                                vector_to_array(col(ModelPipelines.PROBABILITY), "float64")
                                    .getItem(1)))))
            .first();
    assertTrue(r.getDouble(0) < 1e-12, "largest difference " + r.getDouble(0));
  }

  @Test
  void intervalsWidenWhenTheFitRowsAreFew(SparkSession spark) {
    Case few = Case.of(spark, 150);
    double[] widths = widths(few);
    assertTrue(
        widths[1] > 2 * widths[0],
        "refitted width " + widths[1] + " vs test resampling only " + widths[0]);
  }

  @Test
  void intervalsStayCloseWhenTheFitRowsAreMany(SparkSession spark) {
    Case many = Case.of(spark, 4000);
    double[] widths = widths(many);
    assertTrue(
        widths[1] >= 0.95 * widths[0] && widths[1] < 1.5 * widths[0],
        "refitted width " + widths[1] + " vs test resampling only " + widths[0]);
  }

  /** Width of the 95% interval of repeat contacts' defections avoided: today's, refitted. */
  private static double[] widths(Case c) {
    Map<String, double[]> today = Attribution.avoided(c.model, c.test, DRIVERS, ROUNDS, SEED);
    Map<String, double[]> refitted =
        Attribution.refitted(c.model, c.model, c.test, DRIVERS, c.refits(), c.shift(), SEED);
    assertEquals(today.get(REPEATS)[0], refitted.get(REPEATS)[0], 1e-12, "the same estimate");
    double[] widths = {width(today.get(REPEATS)), width(refitted.get(REPEATS))};
    LOG.info(
        "estimate {} width test resampling {} refitted {}",
        today.get(REPEATS)[0],
        widths[0],
        widths[1]);
    return widths;
  }

  private static double width(double[] values) {
    double[] ci = Percentiles.interval95(Arrays.copyOfRange(values, 1, values.length));
    return ci[1] - ci[0];
  }

  /** A calibrated logistic fitted on {@code fitRows} planted rows, its vectors and test rows. */
  private record Case(
      Dataset<Row> fit,
      PipelineModel model,
      ModelPipelines.Spec spec,
      ParamMap best,
      Dataset<Row> vectors,
      Dataset<Row> test,
      double share) {
    static Case of(SparkSession spark, int fitRows) {
      Dataset<Row> fit = Fitted.weighted(rows(spark, fitRows, 1, "2024-01-01")).cache();
      ModelPipelines.Spec spec = ModelPipelines.logistic(DRIVERS, List.of());
      ParamMap best = spec.grid()[0];
      PipelineModel model =
          ModelPipelines.calibrate(
              ModelPipelines.refit(spec, fit, best), rows(spark, 3000, 2, "2024-04-01"));
      Dataset<Row> vectors = ModelPipelines.toVectors(spec.preparation().fit(fit), fit).cache();
      double share = fit.agg(avg(col(TrainingSet.LABEL))).first().getDouble(0);
      return new Case(
          fit, model, spec, best, vectors, rows(spark, 600, 3, "2024-07-01").cache(), share);
    }

    double shift() {
      return Attribution.priorShift(share);
    }

    List<BatchedLogistic.Solution> refits() {
      return LogisticBootstrap.refits(
          (LogisticRegression) spec.classifier(), best, vectors, ROUNDS, SEED);
    }
  }

  /** Rows of one snapshot: P(label) = sigmoid(-2.2 + 0.45 repeats), tenure without effect. */
  private static Dataset<Row> rows(SparkSession spark, int n, int seed, String asOf) {
    StructType schema =
        new StructType()
            .add("as_of", DataTypes.DateType)
            .add("customer_id", DataTypes.StringType)
            .add("label", DataTypes.DoubleType)
            .add(REPEATS, DataTypes.LongType)
            .add("tenure_days", DataTypes.IntegerType);
    Random random = new Random(seed * 1_000_003L + n);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long repeats = random.nextInt(4) == 0 ? random.nextInt(6) : 0;
      double p = 1 / (1 + Math.exp(2.2 - 0.45 * repeats));
      rows.add(
          RowFactory.create(
              Date.valueOf(asOf),
              "c" + seed + "_" + i,
              random.nextDouble() < p ? 1.0 : 0.0,
              repeats,
              30 + random.nextInt(900)));
    }
    return spark.createDataFrame(rows, schema);
  }
}
