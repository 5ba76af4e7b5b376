package io.effortlens.model;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.mllib.evaluation.BinaryClassificationMetrics;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import scala.Tuple2;

/**
 * Test-period metrics of one model from its scored rows ({@link TrainingSet#LABEL} and a
 * probability column): AUC-ROC and AUC-PR ({@link AreaUnderCurves}: exact, rerun-stable), Brier
 * score and log loss (exact decimal sums: independent of partitioning and task order), lift and
 * capture at the top decile, a 10-bin calibration table and ROC / PR chart points. Only aggregates
 * reach the driver.
 */
public final class ModelMetrics {
  static final int CHART_POINTS = 101;
  private static final double EPSILON = 1e-15;
  private static final DataType EXACT = DataTypes.createDecimalType(38, 18);

  private ModelMetrics() {}

  /** All metrics of {@code model} on {@code scored} (cache it: several passes). */
  public static List<Metric> of(String model, Dataset<Row> scored, String probability) {
    List<Metric> out = new ArrayList<>();
    AreaUnderCurves.Areas areas = AreaUnderCurves.of(scored, probability);
    out.add(Metric.of(model, "auc_roc", areas.roc()));
    out.add(Metric.of(model, "auc_pr", areas.pr()));
    out.addAll(summary(model, scored, probability));
    out.addAll(calibration(model, scored, probability));
    out.addAll(curves(model, scored, probability));
    return out;
  }

  /**
   * Rows, positives, Brier score and log loss; then lift and capture of the customers at or above
   * the 90th percentile of the probability (an approximate quantile: no global sort; ties at the
   * threshold are all in the top group). One aggregation after the quantile.
   */
  private static List<Metric> summary(String model, Dataset<Row> scored, String probability) {
    double threshold = scored.stat().approxQuantile(probability, new double[] {0.9}, 0.001)[0];
    Column top = col(probability).geq(threshold);
    Column p = least(greatest(col(probability), lit(EPSILON)), lit(1 - EPSILON));
    Column y = col(TrainingSet.LABEL);
    Row r =
        scored
            .agg(
                count(lit(1)).as("rows"),
                sum(y).as("positives"),
                exactSum(pow(col(probability).minus(y), 2)).as("brier"),
                exactSum(
                        y.multiply(log(p))
                            .plus(lit(1).minus(y).multiply(log(lit(1).minus(p))))
                            .multiply(-1))
                    .as("log_loss"),
                sum(when(top, 1L).otherwise(0L)).as("top_rows"),
                sum(when(top, y).otherwise(0.0)).as("top_positives"))
            .first();
    long rows = r.getLong(0);
    double positives = r.getDouble(1);
    double rate = positives / rows;
    double topRate = r.getLong(4) == 0 ? 0 : r.getDouble(5) / r.getLong(4);
    return List.of(
        Metric.of(model, "rows", rows),
        Metric.of(model, "positives", positives),
        Metric.of(model, "brier", mean(r.getDecimal(2), rows)),
        Metric.of(model, "log_loss", mean(r.getDecimal(3), rows)),
        Metric.of(model, "lift_top_decile", rate == 0 ? 0 : topRate / rate),
        Metric.of(model, "capture_top_decile", positives == 0 ? 0 : r.getDouble(5) / positives));
  }

  /**
   * A sum that does not depend on the order of its rows: each term rounded to 18 decimals, and
   * decimal sums are exact. A double sum merges partial sums in the order the tasks finish, and the
   * last bits of a rerun's Brier score or calibration mean differed (0.14159383404620982 vs
   * 0.1415938340462098).
   */
  private static Column exactSum(Column term) {
    return sum(term.cast(EXACT));
  }

  private static double mean(java.math.BigDecimal sum, long rows) {
    return rows == 0 ? Double.NaN : sum.doubleValue() / rows;
  }

  /** Ten equal-width bins of the predicted probability: mean predicted, observed rate, rows. */
  private static List<Metric> calibration(String model, Dataset<Row> scored, String probability) {
    Column bin = least(floor(col(probability).multiply(10)), lit(9)).plus(1).cast("int");
    List<Row> bins =
        scored
            .groupBy(bin.as("bin"))
            .agg(
                exactSum(col(probability)).as("predicted"),
                avg(col(TrainingSet.LABEL)).as("observed"),
                count(lit(1)).as("rows"))
            .orderBy("bin")
            .collectAsList();
    List<Metric> out = new ArrayList<>();
    for (Row r : bins) {
      int b = r.getInt(0);
      out.add(
          Metric.binned(model, "calibration_predicted", b, mean(r.getDecimal(1), r.getLong(3))));
      out.add(Metric.binned(model, "calibration_observed", b, r.getDouble(2)));
      out.add(Metric.binned(model, "calibration_rows", b, r.getLong(3)));
    }
    return out;
  }

  /** ROC (fpr, tpr) and PR (recall, precision) points, at most {@link #CHART_POINTS} each. */
  private static List<Metric> curves(String model, Dataset<Row> scored, String probability) {
    BinaryClassificationMetrics metrics =
        new BinaryClassificationMetrics(
            scored
                .select(col(probability).cast("double"), col(TrainingSet.LABEL))
                .toJavaRDD()
                .map(r -> new Tuple2<Object, Object>(r.getDouble(0), r.getDouble(1)))
                .rdd(),
            CHART_POINTS - 2);
    List<Metric> out = new ArrayList<>();
    addPoints(out, model, "roc_fpr", "roc_tpr", metrics.roc().toJavaRDD().collect());
    addPoints(out, model, "pr_recall", "pr_precision", metrics.pr().toJavaRDD().collect());
    metrics.unpersist();
    return out;
  }

  private static void addPoints(
      List<Metric> out, String model, String x, String y, List<Tuple2<Object, Object>> points) {
    int step = (points.size() + CHART_POINTS - 1) / CHART_POINTS;
    int index = 0;
    for (int i = 0; i < points.size(); i += Math.max(step, 1)) {
      out.add(Metric.binned(model, x, index, (Double) points.get(i)._1()));
      out.add(Metric.binned(model, y, index, (Double) points.get(i)._2()));
      index++;
    }
  }
}
