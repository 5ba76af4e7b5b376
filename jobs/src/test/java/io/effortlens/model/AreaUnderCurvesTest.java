package io.effortlens.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.effortlens.testing.SparkSessionExtension;
import org.apache.spark.mllib.evaluation.BinaryClassificationMetrics;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import scala.Tuple2;

/**
 * The areas under the ROC and PR curves equal MLlib's unbinned areas (also per group, as
 * permutation importance computes them), and the same rows in any order and partitioning give
 * bit-identical values (which MLlib's merge of floating-point partial areas in task-completion
 * order does not promise).
 */
@ExtendWith(SparkSessionExtension.class)
class AreaUnderCurvesTest {

  @Test
  void aHandComputedExampleWithTies(SparkSession spark) {
    // scores 0.9 (+), 0.8 (+, -), 0.3 (-), 0.1 (+): positive-negative pairs ordered right 3 of
    // 6, tied 1 → ROC (3 + 0.5) / 6; PR points (0, 1), (1/3, 1), (2/3, 2/3), (2/3, 1/2), (1, 3/5)
    Dataset<Row> rows =
        spark.sql(
            "SELECT * FROM VALUES (0.9D, 1D), (0.8D, 1D), (0.8D, 0D), (0.3D, 0D), (0.1D, 1D)"
                + " AS t(p, label)");

    AreaUnderCurves.Areas areas = AreaUnderCurves.of(rows, "p");

    assertEquals(3.5 / 6, areas.roc(), 1e-15);
    double pr = 1.0 / 3 * 1 + 1.0 / 3 * (1 + 2.0 / 3) / 2 + 0 + 1.0 / 3 * (0.5 + 0.6) / 2;
    assertEquals(pr, areas.pr(), 1e-15);
    assertEquals(3, areas.positives());
    assertEquals(2, areas.negatives());
    assertEquals(areas.roc(), mllib(rows, "p").areaUnderROC(), 1e-15);
    assertEquals(areas.pr(), mllib(rows, "p").areaUnderPR(), 1e-15);
  }

  @Test
  void manyScoresWithTiesAndScoresOutsideZeroToOneMatchMllibUnbinned(SparkSession spark) {
    // 20 000 rows, 4 000 distinct scores (ties) spread over [-0.2, 1.2): every bucket, both edges
    Dataset<Row> rows =
        spark.sql(
            "SELECT round(rand(7) * 1.4 - 0.2, 3) AS p,"
                + " CAST(rand(8) < 0.15 + 0.5 * rand(7) AS DOUBLE) AS label FROM range(0, 20000)");

    AreaUnderCurves.Areas areas = AreaUnderCurves.of(rows, "p");
    BinaryClassificationMetrics reference = mllib(rows, "p");

    assertTrue(areas.roc() > 0.6, "the labels follow the score: " + areas.roc());
    assertEquals(reference.areaUnderROC(), areas.roc(), 1e-12);
    assertEquals(reference.areaUnderPR(), areas.pr(), 1e-12);
  }

  @Test
  void theSameRowsInAnyOrderAndPartitioningGiveBitIdenticalAreas(SparkSession spark) {
    Dataset<Row> rows =
        spark
            .sql(
                "SELECT rand(3) * rand(4) AS p, CAST(rand(5) < 0.3 AS DOUBLE) AS label"
                    + " FROM range(0, 30000)")
            .cache();
    AreaUnderCurves.Areas first = AreaUnderCurves.of(rows.coalesce(1), "p");

    for (int partitions : new int[] {2, 5, 13}) {
      Dataset<Row> shuffled = rows.orderBy(functions.rand(partitions)).repartition(partitions);
      AreaUnderCurves.Areas again = AreaUnderCurves.of(shuffled, "p");
      assertEquals(first, again, partitions + " partitions in another order");
    }
    rows.unpersist();
  }

  @Test
  void perGroupAreasAreTheSameDefinitionAsTheWholeAreaAndMllibUnbinnedWithTies(SparkSession spark) {
    // group a: the hand-computed example above; group b: 3 000 rows, 300 distinct scores (ties);
    // group c: no negative, so no area. Permutation importance takes its AUC-PR per scenario here.
    Dataset<Row> a =
        spark.sql(
            "SELECT 'a' AS g, * FROM VALUES (0.9D, 1D), (0.8D, 1D), (0.8D, 0D), (0.3D, 0D),"
                + " (0.1D, 1D) AS t(p, label)");
    Dataset<Row> b =
        spark.sql(
            "SELECT 'b' AS g, round(rand(21), 2) * 3 AS p, CAST(rand(22) < 0.2 + 0.3 * rand(21)"
                + " AS DOUBLE) AS label FROM range(0, 3000)");
    Dataset<Row> c = spark.sql("SELECT 'c' AS g, 0.5D AS p, 1D AS label");
    Dataset<Row> rows = a.unionByName(b).unionByName(c).repartition(3, functions.col("g"));

    java.util.Map<String, Double> pr = AreaUnderCurves.prByGroup(rows, "g", functions.col("p"));

    double hand = 1.0 / 3 * 1 + 1.0 / 3 * (1 + 2.0 / 3) / 2 + 0 + 1.0 / 3 * (0.5 + 0.6) / 2;
    assertEquals(hand, pr.get("a"), 1e-15);
    assertEquals(AreaUnderCurves.of(a, "p").pr(), pr.get("a"));
    assertEquals(AreaUnderCurves.of(b, "p").pr(), pr.get("b"), "bit for bit: the same terms");
    assertEquals(mllib(b, "p").areaUnderPR(), pr.get("b"), 1e-12);
    assertTrue(Double.isNaN(pr.get("c")), "no negative: undefined");
  }

  @Test
  void withoutPositivesOrNegativesTheAreasAreUndefined(SparkSession spark) {
    Dataset<Row> rows = spark.sql("SELECT * FROM VALUES (0.9D, 0D), (0.2D, 0D) AS t(p, label)");

    AreaUnderCurves.Areas areas = AreaUnderCurves.of(rows, "p");

    assertTrue(Double.isNaN(areas.roc()) && Double.isNaN(areas.pr()), areas.toString());
    assertEquals(0, areas.positives());
  }

  private static BinaryClassificationMetrics mllib(Dataset<Row> rows, String score) {
    return new BinaryClassificationMetrics(
        rows.select(score, TrainingSet.LABEL)
            .toJavaRDD()
            .map(r -> new Tuple2<Object, Object>(r.getDouble(0), r.getDouble(1)))
            .rdd(),
        0);
  }
}
