package io.effortlens.generate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Aggregates and output shape of the planted defection truth. Contributions are summed as exact
 * decimals so the result does not depend on the order partial sums arrive in.
 */
final class DefectionTruth {
  static final String DEFECTIONS = "defections";
  static final String EXPECTED_DEFECTIONS = "expected_defections";
  static final String CONTRIBUTION_PREFIX = "avoided_if_zero_";
  private static final String EXACT = "decimal(38,12)";

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
   * expected defections avoided if it were zero, and the summed delight effect.
   */
  static Column[] metrics() {
    List<Column> metrics = new ArrayList<>();
    metrics.add(sum(col(MonthRows.DEFECTED).cast("long")).as(DEFECTIONS));
    metrics.add(sum(col(MonthRows.P_DEFECT).cast(EXACT)).as(EXPECTED_DEFECTIONS));
    for (Driver driver : Driver.values()) {
      metrics.add(sum(avoidedIfZero(driver).cast(EXACT)).as(CONTRIBUTION_PREFIX + driver.column()));
    }
    metrics.add(sum(col(MonthRows.DELIGHT_FOLLOWUPS).cast("long")).as(MonthRows.DELIGHT_FOLLOWUPS));
    metrics.add(sum(col(MonthRows.DELIGHT_EFFECT).cast(EXACT)).as(MonthRows.DELIGHT_EFFECT));
    return metrics.toArray(Column[]::new);
  }

  /** {@code p - p(driver = 0)}: the hazard this driver's term adds in one customer-month. */
  static Column avoidedIfZero(Driver driver) {
    Column withoutTerm =
        col(MonthRows.LOGIT).minus(lit(driver.coefficient()).multiply(col(driver.column())));
    return col(MonthRows.P_DEFECT).minus(sigmoid(withoutTerm));
  }

  static Column sigmoid(Column logit) {
    return lit(1.0).divide(lit(1.0).plus(exp(logit.multiply(-1.0))));
  }
}
