package io.effortlens.report;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.timestamp_seconds;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.unix_seconds;
import static org.apache.spark.sql.functions.when;

import io.effortlens.features.LabelPolicy;
import io.effortlens.features.PointInTime;
import io.effortlens.journey.JourneySchema;
import io.effortlens.schema.InteractionSchema;
import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Journey-grain inputs of the gold tables, as known at an as-of date: journeys that ended before
 * it, their entry channel, first queue, survey answers and whether the customer defected within the
 * label horizon after the journey ended (observed only when that horizon ended before as_of).
 * Grain: one row per journey in and out; joins shuffle by journey_id and customer_id.
 */
final class JourneyOutcomes {
  static final String END_DAY = "end_day";
  static final String ENTRY_CHANNEL = "entry_channel";
  static final String FIRST_QUEUE = "first_queue";
  static final String MIN_CSAT = "min_csat";
  static final String MEAN_CSAT = "mean_csat";
  static final String MEAN_CES = "mean_ces";
  static final String IS_OBSERVED = "is_outcome_observed";
  static final String IS_DEFECTED = "is_defected_after";
  static final String POSITION = "survey_position";

  private static final String EVENT_CUSTOMER = "_event_customer_id";
  private static final String EVENT_AT = "_event_at";
  private static final String HAS_EVENT = "_has_event";
  private static final String JID = "_journey_id";

  private JourneyOutcomes() {}

  /** Journeys whose last touchpoint ended before as_of (00:00 UTC), with end day and channel. */
  static Dataset<Row> filterEndedBefore(Dataset<Row> journeys, LocalDate asOf) {
    Column entry = split(col(JourneySchema.CHANNEL_PATH), ">").getItem(0);
    return journeys
        .filter(col(JourneySchema.ENDED_AT).lt(lit(PointInTime.cutoff(asOf))))
        .withColumn(END_DAY, to_date(col(JourneySchema.ENDED_AT)))
        .withColumn(ENTRY_CHANNEL, when(entry.notEqual(""), entry).otherwise(EffortKpiSchema.NONE));
  }

  /**
   * Adds the first assisted contact's queue and the journey's CSAT answers known before as_of, from
   * interaction rows carrying journey_id ({@code Journeys.withJourneyId}).
   */
  static Dataset<Row> withQueueAndCsat(
      Dataset<Row> journeys, Dataset<Row> stitched, LocalDate asOf) {
    Column contact = col(InteractionSchema.KIND).equalTo("contact");
    Column queue = when(contact, trim(col(InteractionSchema.QUEUE)));
    Column csat = when(surveyKnown(asOf), col(InteractionSchema.CSAT));
    Dataset<Row> perJourney =
        stitched
            .filter(col(JourneySchema.JOURNEY_ID).isNotNull())
            .groupBy(col(JourneySchema.JOURNEY_ID).as(JID))
            .agg(
                min_by(queue, struct(queue.isNull(), order())).as(FIRST_QUEUE),
                min(csat).as(MIN_CSAT),
                avg(csat).as(MEAN_CSAT),
                avg(when(surveyKnown(asOf), col(InteractionSchema.CES))).as(MEAN_CES));
    return journeys
        .join(perJourney, col(JourneySchema.JOURNEY_ID).equalTo(col(JID)), "left")
        .drop(JID)
        .withColumn(
            FIRST_QUEUE,
            coalesce(
                when(col(FIRST_QUEUE).notEqual(""), col(FIRST_QUEUE)), lit(EffortKpiSchema.NONE)));
  }

  /** Survey answers (CSAT) known before as_of with their 1-based position in the journey. */
  static Dataset<Row> toSurveyPositions(Dataset<Row> stitched, LocalDate asOf) {
    return stitched
        .filter(
            col(JourneySchema.JOURNEY_ID)
                .isNotNull()
                .and(surveyKnown(asOf))
                .and(col(InteractionSchema.CSAT).isNotNull()))
        .withColumn(
            POSITION,
            row_number().over(Window.partitionBy(col(JourneySchema.JOURNEY_ID)).orderBy(order())))
        .select(
            col(JourneySchema.JOURNEY_ID),
            col(POSITION),
            col(InteractionSchema.CSAT).cast("double").as(InteractionSchema.CSAT));
  }

  /**
   * Adds {@link #IS_OBSERVED} (the horizon (ended_at, ended_at + H days] ended before as_of) and
   * {@link #IS_DEFECTED} (under the label policy: a cancel event in the horizon, or no activity in
   * it), using only events before as_of.
   */
  static Dataset<Row> withDefection(
      Dataset<Row> journeys, Dataset<Row> interactions, LabelPolicy policy, LocalDate asOf) {
    Column cutoff = lit(PointInTime.cutoff(asOf));
    Column horizonEnd = plusDays(col(JourneySchema.ENDED_AT), policy.horizonDays());
    Dataset<Row> events =
        interactions
            .filter(eventOf(policy).and(col(InteractionSchema.STARTED_AT).lt(cutoff)))
            .select(
                col(InteractionSchema.CUSTOMER_ID).as(EVENT_CUSTOMER),
                col(InteractionSchema.STARTED_AT).as(EVENT_AT));
    Dataset<Row> flags =
        journeys
            .select(
                col(JourneySchema.JOURNEY_ID).as(JID),
                col(JourneySchema.CUSTOMER_ID),
                col(JourneySchema.ENDED_AT))
            .join(
                events,
                col(JourneySchema.CUSTOMER_ID)
                    .equalTo(col(EVENT_CUSTOMER))
                    .and(col(EVENT_AT).gt(col(JourneySchema.ENDED_AT)))
                    .and(col(EVENT_AT).leq(horizonEnd)),
                "left")
            .groupBy(col(JID))
            .agg(count(col(EVENT_AT)).gt(0).as(HAS_EVENT));
    boolean cancel = LabelPolicy.CANCEL.equals(policy.name());
    Column observed = horizonEnd.lt(cutoff);
    Column defected = cancel ? col(HAS_EVENT) : col(HAS_EVENT).equalTo(false);
    return journeys
        .join(flags, col(JourneySchema.JOURNEY_ID).equalTo(col(JID)), "left")
        .withColumn(IS_OBSERVED, observed)
        .withColumn(IS_DEFECTED, when(observed, defected))
        .drop(JID, HAS_EVENT);
  }

  /** The timestamp plus exact days (UTC seconds, no calendar or zone arithmetic). */
  static Column plusDays(Column timestamp, int days) {
    return timestamp_seconds(unix_seconds(timestamp).plus(days * 86_400L));
  }

  /** A survey answered before as_of (answered_at, else the survey's time). */
  private static Column surveyKnown(LocalDate asOf) {
    Column answered =
        coalesce(col(InteractionSchema.ANSWERED_AT), col(InteractionSchema.STARTED_AT));
    return col(InteractionSchema.KIND)
        .equalTo("survey")
        .and(answered.lt(lit(PointInTime.cutoff(asOf))));
  }

  private static Column order() {
    return struct(
        col(InteractionSchema.STARTED_AT),
        col(InteractionSchema.SOURCE),
        col(InteractionSchema.INTERACTION_ID));
  }

  /** The label policy's defining event, as in DefectionLabels. */
  private static Column eventOf(LabelPolicy policy) {
    if (LabelPolicy.CANCEL.equals(policy.name())) {
      return col(InteractionSchema.KIND)
          .equalTo("lifecycle")
          .and(col(InteractionSchema.LIFECYCLE_EVENT).equalTo("cancel"));
    }
    Column activity = col(InteractionSchema.KIND).equalTo("activity");
    if (policy.activityTypes().isEmpty()) {
      return activity;
    }
    Column normalized =
        regexp_replace(
            regexp_replace(lower(trim(col(InteractionSchema.ACTIVITY_TYPE))), "[^a-z0-9]+", "_"),
            "^_+|_+$",
            "");
    return activity.and(normalized.isin(policy.activityTypes().toArray()));
  }
}
