package io.effortlens.model;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.effortlens.testing.SparkSessionExtension;
import java.sql.Date;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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

/**
 * Bootstrap replicates fit the preparation stages once and all rounds' regressions together; this
 * proves each equals refitting the whole tuned pipeline with that round's Poisson weights (the
 * method they replace), run to convergence.
 */
@ExtendWith(SparkSessionExtension.class)
class LogisticBootstrapTest {
  static final List<Driver> DRIVERS =
      List.of(
          new Driver("repeat_contacts_90d", "effort", "", 0.0),
          new Driver("tenure_days", "profile", "", null));

  static Dataset<Row> fitRows(SparkSession spark) {
    StructType schema =
        new StructType()
            .add("as_of", DataTypes.DateType)
            .add("customer_id", DataTypes.StringType)
            .add("label", DataTypes.DoubleType)
            .add("repeat_contacts_90d", DataTypes.LongType)
            .add("tenure_days", DataTypes.IntegerType)
            .add("plan", DataTypes.StringType);
    Random random = new Random(5);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      long repeats = random.nextInt(5);
      Integer tenure = i % 7 == 0 ? null : 30 + random.nextInt(900);
      double label = random.nextDouble() < 0.1 + 0.15 * repeats ? 1.0 : 0.0;
      rows.add(
          RowFactory.create(
              Date.valueOf("2024-0" + (1 + i % 3) + "-01"),
              "c" + i,
              label,
              repeats,
              tenure,
              i % 3 == 0 ? "basic" : "plus"));
    }
    return Fitted.weighted(spark.createDataFrame(rows, schema)).cache();
  }

  @Test
  void replicatesEqualRefittingTheWholePipelineWithPoissonWeights(SparkSession spark) {
    Dataset<Row> fit = fitRows(spark);
    ModelPipelines.Spec spec = ModelPipelines.logistic(DRIVERS, List.of("plan"));
    ParamMap best = spec.grid()[1];
    LogisticRegression regression = (LogisticRegression) spec.classifier();
    ParamMap converged = best.copy().put(regression.maxIter(), 5000).put(regression.tol(), 1e-15);
    Dataset<Row> vectors = ModelPipelines.toVectors(spec.preparation().fit(fit), fit).cache();
    List<double[]> replicates = LogisticBootstrap.replicates(regression, best, vectors, 3, 11);
    assertEquals(3, replicates.size());
    for (int b = 0; b < 3; b++) {
      Dataset<Row> weighted =
          fit.withColumn(
              TrainingSet.WEIGHT, col(TrainingSet.WEIGHT).multiply(PoissonWeights.of(11, b)));
      double[] whole =
          LogisticBootstrap.coefficients((PipelineModel) spec.pipeline().fit(weighted, converged));
      assertArrayEquals(whole, replicates.get(b), 1e-6, "round " + b);
    }
    assertFalse(
        Arrays.equals(replicates.get(0), replicates.get(1)), "rounds differ by their weights");
  }

  @Test
  void noRoundsGiveNoReplicates(SparkSession spark) {
    ModelPipelines.Spec spec = ModelPipelines.logistic(DRIVERS, List.of("plan"));
    assertEquals(
        List.of(),
        LogisticBootstrap.replicates(
            (org.apache.spark.ml.classification.LogisticRegression) spec.classifier(),
            spec.grid()[0],
            fitRows(spark),
            0,
            11));
  }
}
