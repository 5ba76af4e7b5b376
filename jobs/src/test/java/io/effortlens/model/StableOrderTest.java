package io.effortlens.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.effortlens.testing.Frames;
import io.effortlens.testing.SparkSessionExtension;
import java.util.List;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * MLlib's seeded randomness depends on partitions and row positions, so train puts its rows in an
 * order that depends only on their content: the same rows arriving in another order and
 * partitioning (a rewritten snapshot, another lake) give the same partitions in the same order, and
 * so the same seeded split.
 */
@ExtendWith(SparkSessionExtension.class)
class StableOrderTest {
  @Test
  void theSameRowsInAnotherOrderGiveTheSamePartitionsAndTheSameSeededSplit(SparkSession spark) {
    Dataset<Row> rows =
        spark.sql(
            "SELECT date_add(DATE'2024-01-01', CAST(id % 3 AS INT) * 31) AS as_of,"
                + " concat('c', CAST(id AS STRING)) AS customer_id, CAST(id % 7 AS DOUBLE) AS x"
                + " FROM range(0, 600)");
    Dataset<Row> other = rows.orderBy(org.apache.spark.sql.functions.rand(5)).repartition(7);

    Dataset<Row> a = TrainingSet.inStableOrder(rows, 3);
    Dataset<Row> b = TrainingSet.inStableOrder(other, 3);

    List<Row> partitionsA =
        a.withColumn("p", org.apache.spark.sql.functions.spark_partition_id()).collectAsList();
    List<Row> partitionsB =
        b.withColumn("p", org.apache.spark.sql.functions.spark_partition_id()).collectAsList();
    assertEquals(partitionsA, partitionsB, "same rows, same partitions, same order");
    assertEquals(
        a.randomSplit(new double[] {0.75, 0.25}, 11)[1].collectAsList(),
        b.randomSplit(new double[] {0.75, 0.25}, 11)[1].collectAsList(),
        "the same validation rows for the same seed");
  }

  @Test
  void regressionRowsInOneContentOrderedPartitionRefitToBitIdenticalCoefficients(
      SparkSession spark) {
    Dataset<Row> rows =
        TrainingSet.inStableOrder(
                spark.sql(
                    "SELECT date_add(DATE'2024-01-01', CAST(id % 6 AS INT) * 31) AS as_of,"
                        + " concat('c', CAST(id AS STRING)) AS customer_id,"
                        + " CAST(id % 7 AS DOUBLE) AS x, sin(id) AS y,"
                        + " CAST((id * 7919) % 10 < 3 + id % 7 AS DOUBLE) AS label"
                        + " FROM range(0, 3000)"),
                6)
            .cache();
    Dataset<Row> regression = TrainingSet.inStableOrder(rows, 1);

    assertEquals(1, regression.rdd().getNumPartitions());
    Frames.assertNoOrderEquals(rows, regression);
    Dataset<Row> shuffled =
        TrainingSet.inStableOrder(
            rows.orderBy(org.apache.spark.sql.functions.rand(3)).repartition(5), 1);
    assertTrue(
        withPartition(regression).equals(withPartition(shuffled)),
        "the same rows in another order give the same partitions in the same order");
    Dataset<Row> vectors =
        new VectorAssembler()
            .setInputCols(new String[] {"x", "y"})
            .setOutputCol("features")
            .transform(regression);
    double[] first = fit(vectors);
    for (int run = 0; run < 3; run++) {
      assertArrayEquals(first, fit(vectors), 0.0, "refit " + run + " differs");
    }
    rows.unpersist();
  }

  private static List<Row> withPartition(Dataset<Row> rows) {
    return rows.withColumn("p", org.apache.spark.sql.functions.spark_partition_id())
        .collectAsList();
  }

  private static double[] fit(Dataset<Row> vectors) {
    var model = new LogisticRegression().setRegParam(0.01).setMaxIter(50).setTol(1e-9).fit(vectors);
    double[] out = java.util.Arrays.copyOf(model.coefficients().toArray(), 3);
    out[2] = model.intercept();
    return out;
  }
}
