package io.effortlens.generate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.percentile_approx;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import io.effortlens.model.DriverReferences;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
  static final String REFERENCE_PREFIX = "reference_";
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
   * The reference of each planted driver, chosen as {@code train} chooses it (see {@link
   * DriverReferences}) over the at-risk customer-months: 0 when 0 lies within the driver's observed
   * range, else its 5th percentile ({@code percentile_approx}, an observed value). Only a profile
   * driver such as the monthly fee, which no customer has at 0, gets a non-zero one. One
   * aggregation.
   */
  static Map<Driver, Double> references(Dataset<Row> months) {
    List<Column> aggregates = new ArrayList<>();
    for (Driver driver : Driver.values()) {
      Column v = col(driver.column());
      aggregates.add(min(v));
      aggregates.add(max(v));
      aggregates.add(
          percentile_approx(
              v, lit(DriverReferences.LOW_PERCENTILE), lit(DriverReferences.ACCURACY)));
    }
    Row r =
        months
            .agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new))
            .first();
    Map<Driver, Double> out = new EnumMap<>(Driver.class);
    for (Driver driver : Driver.values()) {
      int at = 3 * driver.ordinal();
      out.put(
          driver,
          r.isNullAt(at)
              ? 0.0
              : DriverReferences.valueIn(
                  r.getDouble(at), r.getDouble(at + 1), r.getDouble(at + 2)));
    }
    return out;
  }

  /**
   * Metrics over at-risk customer-months: defections, expected defections, for each driver the
   * expected defections avoided with it at its reference ({@code avoided_if_zero_<driver>}, named
   * for the usual reference 0), the summed delight effect per action and per treated snapshot.
   */
  static Column[] metrics(Map<Driver, Double> references) {
    List<Column> metrics = new ArrayList<>();
    metrics.add(sum(col(MonthRows.DEFECTED).cast("long")).as(DEFECTIONS));
    metrics.add(sumNanos(col(MonthRows.P_DEFECT)).as(EXPECTED_DEFECTIONS));
    for (Driver driver : Driver.values()) {
      String column = CONTRIBUTION_PREFIX + driver.column();
      double reference = references.getOrDefault(driver, 0.0);
      metrics.add(
          sumNanos(reference == 0.0 ? col(column) : avoidedAt(driver, reference)).as(column));
    }
    metrics.add(sum(col(MonthRows.DELIGHT_FOLLOWUPS).cast("long")).as(MonthRows.DELIGHT_FOLLOWUPS));
    metrics.add(sumNanos(col(MonthRows.DELIGHT_EFFECT)).as(MonthRows.DELIGHT_EFFECT));
    metrics.add(
        sum(col(MonthRows.IS_DELIGHT_SNAPSHOT).cast("long")).as(MonthRows.IS_DELIGHT_SNAPSHOT));
    metrics.add(
        sumNanos(col(MonthRows.DELIGHT_SNAPSHOT_EFFECT)).as(MonthRows.DELIGHT_SNAPSHOT_EFFECT));
    metrics.addAll(delightByAction());
    return metrics.toArray(Column[]::new);
  }

  /**
   * Per action type, treated snapshots ({@code is_delight_snapshot_<type>}) and their summed
   * expected effect ({@code delight_expected_effect_<type>}); {@code delight_expected_effect} sums
   * it over every treated snapshot ('any').
   */
  private static List<Column> delightByAction() {
    List<Column> metrics = new ArrayList<>();
    metrics.add(
        sumNanos(col(MonthRows.DELIGHT_EXPECTED_EFFECT)).as(MonthRows.DELIGHT_EXPECTED_EFFECT));
    for (Intent.Delight type : Intent.Delight.values()) {
      Column treated = col(MonthRows.isDelightSnapshot(type));
      metrics.add(sum(treated.cast("long")).as(MonthRows.isDelightSnapshot(type)));
      metrics.add(
          sumNanos(when(treated, col(MonthRows.DELIGHT_EXPECTED_EFFECT)).otherwise(lit(0.0)))
              .as(expectedEffectOf(type)));
    }
    return metrics;
  }

  /**
   * The metric summing the expected delight effect over the snapshots treated with {@code type}.
   */
  static String expectedEffectOf(Intent.Delight type) {
    return MonthRows.DELIGHT_EXPECTED_EFFECT + "_" + type.name().toLowerCase(Locale.ROOT);
  }

  /** {@code p - p(driver at reference)} of a customer-month, from its logit and driver value. */
  private static Column avoidedAt(Driver driver, double reference) {
    Column logit = col(MonthRows.LOGIT);
    Column shifted =
        logit.minus(col(driver.column()).minus(lit(reference)).multiply(driver.coefficient()));
    return sigmoid(logit).minus(sigmoid(shifted));
  }

  private static Column sigmoid(Column eta) {
    return lit(1.0).divide(lit(1.0).plus(exp(eta.unary_$minus())));
  }

  static double fromNanos(Object sum) {
    return sum == null ? 0.0 : ((Long) sum) / NANOS;
  }

  static Column sumNanos(Column probability) {
    return sum(floor(probability.multiply(NANOS).plus(0.5)));
  }
}
