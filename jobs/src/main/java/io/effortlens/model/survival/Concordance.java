package io.effortlens.model.survival;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import org.apache.spark.ml.feature.QuantileDiscretizer;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Harrell's C of predicted survival times, computed by binned counting in Spark: nothing
 * customer-level reaches the driver. A pair (i, j) is comparable when i defected and j's time is
 * later (in whole days); it is concordant when j's predicted time is also longer, and counts half
 * when the predictions fall in the same of {@link #BUCKETS} quantile buckets. Rows are reduced to a
 * (day, prediction bucket) grid of counts; two running sums over the grid give, for every cell, the
 * rows that lasted longer and were predicted longer. Shuffles: one for the quantiles, one for the
 * grid, two small window sorts.
 */
public final class Concordance {
  /** Prediction buckets: pairs within one bucket (under 0.1% of them) count as ties. */
  static final int BUCKETS = 1000;

  private static final String DAY = "_day";
  private static final String BUCKET = "_bucket";
  private static final String ROWS = "_rows";
  private static final String EVENTS = "_events";
  private static final String LATER = "_later";

  private Concordance() {}

  /**
   * @param rows one row per subject
   * @param timeDays observed time in days (to the event or to censoring)
   * @param event 1.0 when the event happened, 0.0 when censored
   * @param predictedTime predicted time to the event (longer = lower risk)
   * @return Harrell's C in [0, 1]; NaN without comparable pairs
   */
  public static double harrell(
      Dataset<Row> rows, String timeDays, String event, String predictedTime) {
    Dataset<Row> grid = toGrid(rows, timeDays, event, predictedTime);
    WindowSpec laterDays =
        Window.partitionBy(BUCKET)
            .orderBy(col(DAY).desc())
            .rowsBetween(Window.unboundedPreceding(), -1);
    WindowSpec longerPredicted =
        Window.partitionBy(DAY)
            .orderBy(col(BUCKET).desc())
            .rowsBetween(Window.unboundedPreceding(), -1);
    WindowSpec sameDay = Window.partitionBy(DAY);
    Dataset<Row> counted =
        grid.withColumn(LATER, coalesce(sum(col(ROWS)).over(laterDays), lit(0L)))
            .withColumn("_concordant", coalesce(sum(col(LATER)).over(longerPredicted), lit(0L)))
            .withColumn("_comparable", sum(col(LATER)).over(sameDay));
    Column events = col(EVENTS).cast("double");
    Row totals =
        counted
            .agg(
                sum(events.multiply(col("_concordant").plus(col(LATER).multiply(0.5)))),
                sum(events.multiply(col("_comparable"))))
            .first();
    double comparable = totals.isNullAt(1) ? 0 : totals.getDouble(1);
    return comparable == 0 ? Double.NaN : totals.getDouble(0) / comparable;
  }

  /** Counts per (day, bucket) on the full grid of days seen x buckets seen (zeros included). */
  private static Dataset<Row> toGrid(
      Dataset<Row> rows, String timeDays, String event, String predictedTime) {
    Dataset<Row> bucketed =
        new QuantileDiscretizer()
            .setInputCol(predictedTime)
            .setOutputCol(BUCKET)
            .setNumBuckets(BUCKETS)
            .setRelativeError(1e-4)
            .setHandleInvalid("skip")
            .fit(rows)
            .transform(rows.filter(col(timeDays).isNotNull()));
    Dataset<Row> cells =
        bucketed
            .groupBy(floor(col(timeDays)).as(DAY), col(BUCKET))
            .agg(count(lit(1)).as(ROWS), sum(col(event)).cast("long").as(EVENTS));
    Dataset<Row> full = cells.select(DAY).distinct().crossJoin(cells.select(BUCKET).distinct());
    return full.join(
            cells,
            scala.collection.JavaConverters.asScalaBuffer(java.util.List.of(DAY, BUCKET)).toSeq(),
            "left")
        .select(
            col(DAY),
            col(BUCKET),
            coalesce(col(ROWS), lit(0L)).as(ROWS),
            coalesce(col(EVENTS), lit(0L)).as(EVENTS));
  }
}
