package io.effortlens.generate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Aggregates and output shape of the planted defection truth. Probabilities are summed as whole
 * nano-units (longs), which is exact, so the result does not depend on the order in which partial
 * sums arrive; {@link #fromNanos} converts back.
 */
final class DefectionTruth {
  static final String DEFECTIONS = "defections";
  static final String EXPECTED_DEFECTIONS = "expected_defections";
  static final String CONTRIBUTION_PREFIX = "avoided_if_zero_";
  private static final double NANOS = 1e9;

  private DefectionTruth() {}

  /** The published per customer-month table: customer_id, month_start, p_defect, defected. */
  static Dataset<Row> toMonthlyProbabilities(Dataset<Row> months) {
    return months.select(
        col(MonthRows.CUSTOMER_ID),
        to_date(col(MonthRows.MONTH_START)).as(MonthRows.MONTH_START),
        col(MonthRows.P_DEFECT),
        col(MonthRows.DEFECTED));
  }

  /**
   * Metrics over at-risk customer-months: defections, expected defections, for each driver the
   * expected defections avoided if it were zero, the summed delight effect per action and per
   * treated snapshot.
   */
  static Column[] metrics() {
    List<Column> metrics = new ArrayList<>();
    metrics.add(sum(col(MonthRows.DEFECTED).cast("long")).as(DEFECTIONS));
    metrics.add(sumNanos(col(MonthRows.P_DEFECT)).as(EXPECTED_DEFECTIONS));
    for (Driver driver : Driver.values()) {
      String column = CONTRIBUTION_PREFIX + driver.column();
      metrics.add(sumNanos(col(column)).as(column));
    }
    metrics.add(sum(col(MonthRows.DELIGHT_FOLLOWUPS).cast("long")).as(MonthRows.DELIGHT_FOLLOWUPS));
    metrics.add(sumNanos(col(MonthRows.DELIGHT_EFFECT)).as(MonthRows.DELIGHT_EFFECT));
    metrics.add(
        sum(col(MonthRows.IS_DELIGHT_SNAPSHOT).cast("long")).as(MonthRows.IS_DELIGHT_SNAPSHOT));
    metrics.add(
        sumNanos(col(MonthRows.DELIGHT_SNAPSHOT_EFFECT)).as(MonthRows.DELIGHT_SNAPSHOT_EFFECT));
    return metrics.toArray(Column[]::new);
  }

  static double fromNanos(Object sum) {
    return sum == null ? 0.0 : ((Long) sum) / NANOS;
  }

  private static Column sumNanos(Column probability) {
    return sum(floor(probability.multiply(NANOS).plus(0.5)));
  }
}
