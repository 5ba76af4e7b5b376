package io.effortlens.model.survival;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.unix_timestamp;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Survival time and event of labelled snapshots: the time from the as-of date T to the defection
 * when it happened within the horizon (event), else the horizon (censored: the customer stayed at
 * least that long). Snapshot grain in and out, no shuffle.
 */
final class SurvivalRows {
  static final String TIME_DAYS = "_time_days";
  static final String TIME_MONTHS = "_time_months";
  static final String EVENT = "_event";

  /** Average days per month, so 'months' reads as calendar months. */
  static final double DAYS_PER_MONTH = 365.25 / 12;

  private static final double SECONDS_PER_DAY = 86_400.0;

  private SurvivalRows() {}

  /** Adds {@link #TIME_DAYS}, {@link #TIME_MONTHS} and {@link #EVENT} (1.0 = defected). */
  static Dataset<Row> withTimeAndEvent(Dataset<Row> labelled) {
    Column start = unix_timestamp(col("as_of").cast("timestamp"));
    Column defected = col("is_defected").equalTo(true).and(col("defected_at").isNotNull());
    Column days =
        when(defected, unix_timestamp(col("defected_at")).minus(start).divide(SECONDS_PER_DAY))
            .otherwise(col("horizon_days").cast("double"));
    return labelled
        .withColumn(TIME_DAYS, days)
        .withColumn(TIME_MONTHS, col(TIME_DAYS).divide(lit(DAYS_PER_MONTH)))
        .withColumn(EVENT, when(defected, lit(1.0)).otherwise(lit(0.0)));
  }
}
