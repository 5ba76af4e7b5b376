package io.effortlens.features;

import static io.effortlens.schema.InteractionSchema.ACTIVITY_TYPE;
import static io.effortlens.schema.InteractionSchema.CUSTOMER_ID;
import static io.effortlens.schema.InteractionSchema.KIND;
import static io.effortlens.schema.InteractionSchema.LIFECYCLE_EVENT;
import static io.effortlens.schema.InteractionSchema.STARTED_AT;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.timestamp_micros;
import static org.apache.spark.sql.functions.unix_micros;

import java.sql.Timestamp;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Defection labels at an as-of date T: snapshot grain ({@link CustomerSnapshots#toPopulation}) in
 * and out, one aggregation of the horizon's events (shuffle by customer_id) and a left join.
 *
 * <ul>
 *   <li>{@code cancel}: defected when a cancel lifecycle event lies in (T, T + H]; defected_at is
 *       the first one. A cancel exactly at T + H counts; one exactly at T does not (the customer is
 *       then not in the snapshot at all).
 *   <li>{@code inactivity}: defected when no activity row of the chosen types lies in (T, T + H].
 * </ul>
 *
 * A snapshot whose horizon end T + H lies after the data's last event is {@code is_censored}: its
 * labels are not fully observed, so it is scored but not trained on.
 */
public final class DefectionLabels {
  /** Version of the label rules, stored in every row. */
  public static final String LABEL_VERSION = "labels-v1";

  private static final String EVENT_CUSTOMER = "_event_customer_id";
  private static final String EVENT_AS_OF = "_event_as_of";
  private static final String EVENT_AT = "_event_at";
  private static final long MICROS_PER_DAY = 86_400_000_000L;

  private DefectionLabels() {}

  /**
   * @param population the snapshots ({@link CustomerSnapshots#toPopulation}), any number of as-of
   *     dates
   * @param interactions all interactions (the horizon lies after T)
   * @param dataEnd the last started_at in the data
   */
  public static Dataset<Row> toLabels(
      Dataset<Row> population, Dataset<Row> interactions, LabelPolicy policy, Timestamp dataEnd) {
    Column from = col(PointInTime.CUTOFF);
    Column to =
        timestamp_micros(unix_micros(from).plus(lit(policy.horizonDays() * MICROS_PER_DAY)));
    Dataset<Row> asOfs = population.select(col(PointInTime.AS_OF), from).distinct();
    Dataset<Row> events =
        interactions
            .filter(eventOf(policy))
            .select(col(CUSTOMER_ID), col(STARTED_AT))
            .crossJoin(broadcast(asOfs))
            .filter(col(STARTED_AT).gt(from).and(col(STARTED_AT).leq(to)))
            .groupBy(col(CUSTOMER_ID).as(EVENT_CUSTOMER), col(PointInTime.AS_OF).as(EVENT_AS_OF))
            .agg(min(col(STARTED_AT)).as(EVENT_AT));
    boolean cancel = LabelPolicy.CANCEL.equals(policy.name());
    Column hasEvent = col(EVENT_AT).isNotNull();
    Column joined =
        col(CUSTOMER_ID)
            .equalTo(col(EVENT_CUSTOMER))
            .and(col(PointInTime.AS_OF).equalTo(col(EVENT_AS_OF)));
    return population
        .join(events, joined, "left")
        .select(
            col(CustomerSnapshots.AS_OF).as(DefectionLabelSchema.AS_OF),
            col(CUSTOMER_ID).as(DefectionLabelSchema.CUSTOMER_ID),
            lit(policy.name()).as(DefectionLabelSchema.POLICY),
            lit(policy.horizonDays()).as(DefectionLabelSchema.HORIZON_DAYS),
            to.as(DefectionLabelSchema.HORIZON_END_AT),
            (cancel ? hasEvent : hasEvent.equalTo(false)).as(DefectionLabelSchema.IS_DEFECTED),
            (cancel ? col(EVENT_AT) : lit(null).cast("timestamp"))
                .as(DefectionLabelSchema.DEFECTED_AT),
            to.gt(lit(dataEnd)).as(DefectionLabelSchema.IS_CENSORED),
            lit(LABEL_VERSION).as(DefectionLabelSchema.LABEL_VERSION));
  }

  private static Column eventOf(LabelPolicy policy) {
    if (LabelPolicy.CANCEL.equals(policy.name())) {
      return col(KIND).equalTo("lifecycle").and(col(LIFECYCLE_EVENT).equalTo("cancel"));
    }
    Column activity = col(KIND).equalTo("activity");
    if (policy.activityTypes().isEmpty()) {
      return activity;
    }
    return activity.and(
        EngagementFeatures.normalizedType(col(ACTIVITY_TYPE))
            .isin(policy.activityTypes().toArray()));
  }
}
