package io.effortlens.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.effortlens.testing.SparkSessionExtension;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.SparkStatusTracker;
import org.apache.spark.api.java.function.ForeachFunction;
import org.apache.spark.ml.classification.GBTClassificationModel;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Train runs independent steps side by side on driver threads ({@link ParallelFits#start}): the
 * rerun-identity guarantee holds only if a seeded fit on one partition gives the same model whether
 * another fit runs beside it or not, and a step's failure must reach the caller.
 */
@ExtendWith(SparkSessionExtension.class)
class ParallelFitsTest {
  @Test
  void seededFitsSideBySideGiveTheModelsTheyGiveOneAfterTheOther(SparkSession spark) {
    Dataset<Row> vectors = vectors(spark).cache();
    double[] logisticAlone = logistic(vectors);
    String treesAlone = trees(vectors);

    ParallelFits.Step<double[]> logistic =
        ParallelFits.start(spark, "test: logistic", () -> logistic(vectors));
    ParallelFits.Step<String> trees = ParallelFits.start(spark, "test: gbt", () -> trees(vectors));

    assertArrayEquals(logisticAlone, logistic.join(), 0.0, "logistic coefficients");
    assertEquals(treesAlone, trees.join(), "the same trees and leaf values");
    vectors.unpersist();
  }

  @Test
  void aStepRunsUnderItsOwnJobDescription(SparkSession spark) {
    ParallelFits.Step<String> described =
        ParallelFits.start(
            spark,
            "test: described step",
            () -> spark.sparkContext().getLocalProperty("spark.job.description"));

    assertEquals("test: described step", described.join());
  }

  @Test
  void aFailingStepIsRethrownByJoin(SparkSession spark) {
    ParallelFits.Step<Integer> failing =
        ParallelFits.start(
            spark,
            "test: failing step",
            () -> {
              throw new IllegalArgumentException("Cannot fit: no rows");
            });

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, failing::join);
    assertEquals("Cannot fit: no rows", e.getMessage());
  }

  @Test
  void whenTheCallerFailsTheStepsBesideItAreCancelled(SparkSession spark) throws Exception {
    ParallelFits.Step<Long> slow =
        ParallelFits.start(
            spark,
            "test: slow step",
            () -> {
              spark.range(0, 2, 1, 2).foreach((ForeachFunction<Long>) id -> Thread.sleep(120_000));
              return 0L;
            });
    while (activeJobs(spark, slow.group()) == 0) {
      Thread.sleep(50);
    }

    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                ParallelFits.whileRunning(
                    List.of(slow),
                    () -> {
                      throw new IllegalStateException("Cannot attribute defections: no rows");
                    }));

    assertEquals("Cannot attribute defections: no rows", e.getMessage());
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (activeJobs(spark, slow.group()) > 0 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertEquals(
        0,
        activeJobs(spark, slow.group()),
        "the step's two-minute job was cancelled, not left running");
  }

  /** Jobs of {@code group} still running. */
  private static long activeJobs(SparkSession spark, String group) {
    SparkStatusTracker tracker = spark.sparkContext().statusTracker();
    Set<Integer> active =
        Arrays.stream(tracker.getActiveJobIds()).boxed().collect(Collectors.toSet());
    return Arrays.stream(tracker.getJobIdsForGroup(group)).filter(active::contains).count();
  }

  /** 1,200 rows with two features and a label, in one content-ordered partition. */
  private static Dataset<Row> vectors(SparkSession spark) {
    Dataset<Row> rows =
        TrainingSet.inStableOrder(
            spark.sql(
                "SELECT date_add(DATE'2024-01-01', CAST(id % 4 AS INT) * 31) AS as_of,"
                    + " concat('c', CAST(id AS STRING)) AS customer_id,"
                    + " CAST(id % 7 AS DOUBLE) AS x, sin(id) AS y,"
                    + " CAST((id * 7919) % 10 < 3 + id % 7 AS DOUBLE) AS label"
                    + " FROM range(0, 1200)"),
            1);
    return new VectorAssembler()
        .setInputCols(new String[] {"x", "y"})
        .setOutputCol("features")
        .transform(rows);
  }

  private static double[] logistic(Dataset<Row> vectors) {
    var model = new LogisticRegression().setRegParam(0.01).setMaxIter(30).fit(vectors);
    double[] out = java.util.Arrays.copyOf(model.coefficients().toArray(), 3);
    out[2] = model.intercept();
    return out;
  }

  /** The trees of a seeded GBT, split by split with their leaf values (not the random uid). */
  private static String trees(Dataset<Row> vectors) {
    return gbt(vectors).toDebugString().replaceAll("uid ?= ?\\w+", "");
  }

  private static GBTClassificationModel gbt(Dataset<Row> vectors) {
    return new GBTClassifier()
        .setMaxIter(5)
        .setMaxDepth(3)
        .setSubsamplingRate(0.8)
        .setSeed(7)
        .fit(vectors);
  }
}
