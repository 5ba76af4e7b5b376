package io.effortlens.model;

import static org.apache.spark.sql.functions.rand;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.effortlens.testing.SparkSessionExtension;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The metrics written to model_metrics are part of a rerun's output, which must be the same bits:
 * the same scored rows in another partitioning and order give the same AUCs, Brier score, log loss
 * and calibration table (before exact sums, Brier, log loss and 8 of 10 calibration means differed
 * in their last bits here), and those equal the figures computed by hand.
 */
@ExtendWith(SparkSessionExtension.class)
class ModelMetricsTest {
  private static final String P = "p";

  @Test
  void theSameRowsInAnotherPartitioningGiveBitIdenticalSummaryAndCalibration(SparkSession spark) {
    // 20,000 probabilities with 16 significant digits: a double sum of them depends on its order
    Dataset<Row> rows =
        spark.sql(
            "SELECT rand(11) AS p, CAST(rand(12) < 0.3 AS DOUBLE) AS label FROM range(0, 20000)");
    List<Metric> a = withoutCurves(ModelMetrics.of("m", rows.repartition(7), P));
    List<Metric> b = withoutCurves(ModelMetrics.of("m", rows.orderBy(rand(5)).repartition(3), P));

    assertEquals(a, b, "same rows, same bits");
    assertTrue(a.stream().anyMatch(m -> m.metric().equals("calibration_predicted")));
  }

  @Test
  void brierLogLossCalibrationAndTopDecileAreTheMeansOfTheirTerms(SparkSession spark) {
    Dataset<Row> rows =
        spark.sql(
            "SELECT * FROM VALUES (0.05D, 0D), (0.15D, 1D), (0.12D, 0D), (0.95D, 1D) AS t(p, label)");
    List<Metric> m = ModelMetrics.of("m", rows, P);

    double brier = (0.05 * 0.05 + 0.85 * 0.85 + 0.12 * 0.12 + 0.05 * 0.05) / 4;
    double logLoss = -(Math.log(0.95) + Math.log(0.15) + Math.log(0.88) + Math.log(0.95)) / 4;
    assertEquals(brier, value(m, "brier", null), 1e-15);
    assertEquals(logLoss, value(m, "log_loss", null), 1e-15);
    assertEquals(0.05, value(m, "calibration_predicted", 1), 1e-15);
    assertEquals((0.15 + 0.12) / 2, value(m, "calibration_predicted", 2), 1e-15);
    assertEquals(0.5, value(m, "calibration_observed", 2), 0.0);
    assertEquals(0.95, value(m, "calibration_predicted", 10), 1e-15);
    assertEquals(2.0, value(m, "calibration_rows", 2), 0.0);
    // the top decile is the row at 0.95 (a defector): rate 1 against 2/4 overall, 1 of 2 captured
    assertEquals(2.0, value(m, "lift_top_decile", null), 1e-15);
    assertEquals(0.5, value(m, "capture_top_decile", null), 1e-15);
    assertEquals(
        List.of("auc_roc", "auc_pr", "rows", "positives", "brier", "log_loss", "lift_top_decile"),
        m.subList(0, 7).stream().map(Metric::metric).toList(),
        "the order model_metrics rows are written in");
  }

  private static List<Metric> withoutCurves(List<Metric> metrics) {
    // Not compared: the chart points (MLlib's binned curves) and the top decile, whose threshold is
    // an approximate quantile merged per partition; train gives both its test rows in their stable
    // order (TrainingSet.inStableOrder), so a rerun sees the same partitions.
    return metrics.stream()
        .filter(m -> !m.metric().startsWith("roc_") && !m.metric().startsWith("pr_"))
        .filter(m -> !m.metric().endsWith("_top_decile"))
        .toList();
  }

  private static double value(List<Metric> metrics, String name, Integer bin) {
    return metrics.stream()
        .filter(m -> m.metric().equals(name) && java.util.Objects.equals(m.bin(), bin))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no metric " + name + " bin " + bin))
        .value();
  }
}
