package io.effortlens.generate;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The research calibration measured on canonical journey rows: among customers with at least one
 * service journey (one with an assisted contact) in a calendar year, the share who re-explained,
 * switched channel, were transferred, or contacted more than once about the same issue. Journey
 * grain in, customer-year grain, then one row out; one shuffle.
 */
final class CalibrationShares {
  static final String HAS_RE_EXPLAINED = "has_re_explained";
  static final String HAS_SWITCHED_CHANNEL = "has_switched_channel";
  static final String HAS_BEEN_TRANSFERRED = "has_been_transferred";
  static final String HAS_REPEAT_CONTACT = "has_repeat_contact";
  static final String CUSTOMER_YEARS = "customer_years";
  static final String[] FLAGS = {
    HAS_RE_EXPLAINED, HAS_SWITCHED_CHANNEL, HAS_BEEN_TRANSFERRED, HAS_REPEAT_CONTACT
  };

  /** Research targets, in the order of {@link #FLAGS}. */
  static final double[] TARGETS = {0.56, 0.57, 0.59, 0.62};

  private CalibrationShares() {}

  static Dataset<Row> toCustomerYears(Dataset<Row> journeys) {
    return journeys
        .filter(col(JourneyRows.ASSISTED_CONTACTS).gt(0))
        .groupBy(col(JourneyRows.CUSTOMER_ID), col(JourneyRows.YEAR))
        .agg(
            max(flag(col(JourneyRows.REPEATED_INFO_CONTACTS).gt(0))).as(HAS_RE_EXPLAINED),
            max(flag(col(JourneyRows.CHANNEL_SWITCHES).gt(0))).as(HAS_SWITCHED_CHANNEL),
            max(flag(col(JourneyRows.TRANSFERS).gt(0))).as(HAS_BEEN_TRANSFERRED),
            max(flag(col(JourneyRows.ASSISTED_CONTACTS).gt(1))).as(HAS_REPEAT_CONTACT));
  }

  /** One row: {@code customer_years} and the share of each flag. */
  static Dataset<Row> toShares(Dataset<Row> customerYears) {
    return customerYears.agg(
        count(lit(1)).as(CUSTOMER_YEARS),
        avg(col(HAS_RE_EXPLAINED)).as(HAS_RE_EXPLAINED),
        avg(col(HAS_SWITCHED_CHANNEL)).as(HAS_SWITCHED_CHANNEL),
        avg(col(HAS_BEEN_TRANSFERRED)).as(HAS_BEEN_TRANSFERRED),
        avg(col(HAS_REPEAT_CONTACT)).as(HAS_REPEAT_CONTACT));
  }

  private static Column flag(Column condition) {
    return condition.cast("int");
  }
}
