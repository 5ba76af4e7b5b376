package io.effortlens.features;

import static io.effortlens.schema.InteractionSchema.ACTIVITY_TYPE;
import static io.effortlens.schema.InteractionSchema.KIND;
import static io.effortlens.schema.InteractionSchema.QUANTITY;
import static io.effortlens.schema.InteractionSchema.STARTED_AT;
import static org.apache.spark.sql.functions.bit_count;
import static org.apache.spark.sql.functions.bit_or;
import static org.apache.spark.sql.functions.call_function;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.unix_seconds;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;

/**
 * Engagement features, the usage baseline effort is judged against: activity rows (count and units,
 * in all and per activity type; active UTC days) and touchpoints in the window, recency of both,
 * and the activity trend of the last 30 days against the 60 before. Aggregates over known
 * interactions.
 */
final class EngagementFeatures {
  static final String TREND = "activity_trend_30d_vs_60d";

  private EngagementFeatures() {}

  /** An activity type as it appears in column names: lower-case, runs of other chars as '_'. */
  static Column normalizedType(Column activityType) {
    return regexp_replace(
        regexp_replace(lower(trim(activityType)), "[^a-z0-9]+", "_"), "^_+|_+$", "");
  }

  /** {@link #normalizedType} for a configured type. */
  static String normalizedType(String activityType) {
    return activityType
        .strip()
        .toLowerCase(Locale.ROOT)
        .replaceAll("[^a-z0-9]+", "_")
        .replaceAll("^_+|_+$", "");
  }

  static List<Feature> of(List<Integer> windows, List<String> activityTypes) {
    List<Feature> out = new ArrayList<>();
    Column activity = col(KIND).equalTo("activity");
    Column touchpoint = col(KIND).isin("contact", "self_service");
    for (int days : windows) {
      Column in = PointInTime.within(col(STARTED_AT), days);
      out.add(
          counted(
              WindowedCounts.TOUCHPOINTS,
              days,
              "Contacts and self-service sessions",
              touchpoint.and(in)));
      out.add(counted("activity_events", days, "Activity rows", activity.and(in)));
      out.add(
          feature(
              FeatureSet.windowed("activity_quantity", days),
              days,
              "Units of activity (sum of quantity, 1 when missing) in the window.",
              coalesce(sum(when(activity.and(in), coalesce(col(QUANTITY), lit(1)))), lit(0L)),
              0L));
      out.add(
          feature(
              FeatureSet.windowed("active_days", days),
              days,
              "Distinct UTC days with an activity row in the window.",
              activeDays(activity, days),
              0));
      for (String type : activityTypes) {
        Column ofType = activity.and(in).and(normalizedType(col(ACTIVITY_TYPE)).equalTo(type));
        out.add(
            feature(
                typeEvents(type, days),
                days,
                "Activity rows of type '" + type + "' in the window.",
                count(when(ofType, lit(1))),
                0L));
        out.add(
            feature(
                typeQuantity(type, days),
                days,
                "Units of activity of type '"
                    + type
                    + "' (sum of quantity, 1 when missing) in the window.",
                coalesce(sum(when(ofType, coalesce(col(QUANTITY), lit(1)))), lit(0L)),
                0L));
      }
    }
    out.add(recency("days_since_last_activity", "activity row", activity));
    out.add(recency("days_since_last_touchpoint", "touchpoint", touchpoint));
    out.add(trend(activity));
    return out;
  }

  /** The column counting activity rows of one type in a window. */
  static String typeEvents(String type, int days) {
    return FeatureSet.windowed("activity_" + type + "_events", days);
  }

  /** The column summing the quantity of one type's activity rows in a window. */
  static String typeQuantity(String type, int days) {
    return FeatureSet.windowed("activity_" + type + "_quantity", days);
  }

  private static Feature trend(Column activity) {
    Column last30 = count(when(activity.and(PointInTime.within(col(STARTED_AT), 30)), lit(1)));
    Column last90 = count(when(activity.and(PointInTime.within(col(STARTED_AT), 90)), lit(1)));
    Column recentRate = last30.divide(30.0);
    Column earlierRate = last90.minus(last30).divide(60.0);
    Column both = recentRate.plus(earlierRate);
    return feature(
        TREND,
        null,
        "(daily activity rate of the last 30 days - rate of the 60 days before) / (sum of both):"
            + " -1 stopped, 0 steady or no activity, +1 new.",
        when(both.gt(0), recentRate.minus(earlierRate).divide(both)).otherwise(lit(0.0)),
        0.0);
  }

  /**
   * Distinct UTC days with an activity row among the {@code days} days before T, as a bitmap: bit i
   * of bucket b marks day {@code 64 b + i} before T; the buckets are OR-ed per customer and their
   * bits counted, the last one masked to the window. Exactly the count of distinct days, without
   * {@code collect_set}: that one aggregate made Spark run all 104 interaction aggregates in an
   * ObjectHashAggregate, without generated code. The buckets do not depend on the window, so the
   * windows share them.
   */
  static Column activeDays(Column activity, int days) {
    // whole UTC days from the row to T: 0 for the last day before T
    Column day =
        floor(
                PointInTime.cutoffSeconds()
                    .minus(unix_seconds(col(STARTED_AT)))
                    .minus(1)
                    .divide(86_400))
            .cast("int");
    Column known = activity.and(col(STARTED_AT).lt(col(PointInTime.CUTOFF)));
    Column total = lit(0);
    for (int first = 0; first < days; first += 64) {
      Column offset = day.minus(first);
      Column bit = call_function("shiftleft", lit(1L), offset);
      Column bits = bit_or(when(known.and(offset.between(0, 63)), bit));
      long mask = days - first >= 64 ? -1L : (1L << (days - first)) - 1;
      total = total.plus(coalesce(bit_count(bits.bitwiseAND(lit(mask))), lit(0)));
    }
    return total;
  }

  private static Feature recency(String name, String what, Column rows) {
    return feature(
        name,
        null,
        "Days from the latest " + what + " to T; null if none.",
        PointInTime.daysSince(max(when(rows, col(STARTED_AT)))),
        null);
  }

  private static Feature counted(String name, int days, String what, Column condition) {
    return feature(
        FeatureSet.windowed(name, days),
        days,
        what + " in the window.",
        count(when(condition, lit(1))),
        0L);
  }

  private static Feature feature(
      String name, Integer days, String description, Column value, Object absent) {
    return new Feature(name, FeatureFamily.ENGAGEMENT, days, description, value, absent);
  }
}
