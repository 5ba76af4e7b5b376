package io.effortlens.features;

import static io.effortlens.schema.InteractionSchema.ACTIVITY_TYPE;
import static io.effortlens.schema.InteractionSchema.CUSTOMER_ID;
import static io.effortlens.schema.InteractionSchema.KIND;
import static io.effortlens.schema.InteractionSchema.LIFECYCLE_EVENT;
import static io.effortlens.schema.InteractionSchema.STARTED_AT;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;

import java.sql.Timestamp;
import java.time.LocalDate;
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
  private static final String EVENT_AT = "_event_at";

  private DefectionLabels() {}

  /**
   * @param population the snapshot at T
   * @param interactions all interactions (the horizon lies after T)
   * @param dataEnd the last started_at in the data
   */
  public static Dataset<Row> toLabels(
      Dataset<Row> population,
      Dataset<Row> interactions,
      LocalDate asOf,
      LabelPolicy policy,
      Timestamp dataEnd) {
    Timestamp from = PointInTime.cutoff(asOf);
    Timestamp to = PointInTime.daysBefore(asOf, -policy.horizonDays());
    Column inHorizon = col(STARTED_AT).gt(lit(from)).and(col(STARTED_AT).leq(lit(to)));
    Dataset<Row> events =
        interactions
            .filter(inHorizon.and(eventOf(policy)))
            .groupBy(col(CUSTOMER_ID).as(EVENT_CUSTOMER))
            .agg(min(col(STARTED_AT)).as(EVENT_AT));
    boolean cancel = LabelPolicy.CANCEL.equals(policy.name());
    Column hasEvent = col(EVENT_AT).isNotNull();
    return population
        .join(events, col(CUSTOMER_ID).equalTo(col(EVENT_CUSTOMER)), "left")
        .select(
            col(CustomerSnapshots.AS_OF).as(DefectionLabelSchema.AS_OF),
            col(CUSTOMER_ID).as(DefectionLabelSchema.CUSTOMER_ID),
            lit(policy.name()).as(DefectionLabelSchema.POLICY),
            lit(policy.horizonDays()).as(DefectionLabelSchema.HORIZON_DAYS),
            lit(to).as(DefectionLabelSchema.HORIZON_END_AT),
            (cancel ? hasEvent : hasEvent.equalTo(false)).as(DefectionLabelSchema.IS_DEFECTED),
            (cancel ? col(EVENT_AT) : lit(null).cast("timestamp"))
                .as(DefectionLabelSchema.DEFECTED_AT),
            lit(to.after(dataEnd)).as(DefectionLabelSchema.IS_CENSORED),
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
