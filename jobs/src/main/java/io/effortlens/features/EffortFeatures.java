package io.effortlens.features;

import static io.effortlens.schema.InteractionSchema.STARTED_AT;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.effortlens.journey.JourneyMetrics;
import io.effortlens.journey.JourneySchema;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;

/**
 * Effort-driver features, aggregated over the customer's point-in-time journeys (journeys rebuilt
 * from what was known before T, scored with the model fitted at T). A journey is in a window when
 * its last touchpoint falls in [T - window, T): the customer lived it recently. {@link
 * #assistedContacts} aggregates known interactions instead: a contact is in a window when it
 * started in it.
 */
final class EffortFeatures {
  private EffortFeatures() {}

  static List<Feature> of(List<Integer> windows, double highEffort) {
    Column highEffortJourney = col(JourneySchema.EFFORT_SCORE).geq(highEffort);
    List<Feature> out = new ArrayList<>();
    for (int days : windows) {
      out.addAll(drivers(days));
      out.addAll(outcomes(days, highEffortJourney));
    }
    out.add(
        new Feature(
            "open_journeys",
            FeatureFamily.EFFORT,
            null,
            "Journeys still open at T: unresolved, last touchpoint within journey.gap-days.",
            count(when(col(JourneySchema.IS_OPEN_AT_END), lit(1))),
            0L));
    out.add(
        new Feature(
            "days_since_high_effort_journey",
            FeatureFamily.EFFORT,
            null,
            "Days from the last touchpoint of the latest high-effort journey to T; null if none.",
            PointInTime.daysSince(
                max(when(highEffortJourney, col(JourneySchema.LAST_TOUCHPOINT_AT)))),
            null));
    return out;
  }

  /** Journeys and the effort drivers summed over them. */
  private static List<Feature> drivers(int days) {
    Column in = inWindow(days);
    return List.of(
        countOf("journeys", days, "Journeys with their last touchpoint in the window.", in),
        feature(
            WindowedCounts.CONTACTS_PER_JOURNEY,
            days,
            "Mean contacts with a person (assisted_contacts: phone, chat, email, social, store, or"
                + " an agent recorded; not IVR, not self-service) per journey of the window;"
                + " null without journeys.",
            avg(when(in, col(JourneySchema.ASSISTED_CONTACTS))),
            null),
        total(
            JourneySchema.REPEAT_CONTACTS, days, in, "Assisted contacts (not IVR) after the first"),
        total(JourneySchema.TRANSFERS, days, in, "Transfers between agents or queues"),
        total(
            JourneySchema.CHANNEL_SWITCHES,
            days,
            in,
            "Switches of channel group (IVR = phone, app = web)"),
        total(JourneySchema.SELF_SERVICE_FAILURES, days, in, "Failed/abandoned self-service"),
        total(
            JourneySchema.SELF_SERVICE_TO_ASSISTED,
            days,
            in,
            "Failed self-service followed by an assisted contact"),
        total(
            JourneySchema.RE_EXPLANATIONS, days, in, "Contacts on which the customer re-explained"),
        feature(
            JourneySchema.WAIT_SECONDS,
            days,
            "Seconds waited in the window's journeys.",
            coalesce(sum(when(in, col(JourneySchema.WAIT_SECONDS))), lit(0.0)),
            0.0));
  }

  /** Unresolved and high-effort journeys, and effort_score's maximum and mean. */
  private static List<Feature> outcomes(int days, Column highEffortJourney) {
    Column in = inWindow(days);
    return List.of(
        countOf(
            "unresolved_journeys",
            days,
            "Journeys not resolved (open ones included).",
            in.and(col(JourneySchema.IS_RESOLVED).equalTo(false))),
        countOf(
            "high_effort_journeys",
            days,
            "Journeys with effort_score at or above journey.high-effort-threshold.",
            in.and(highEffortJourney)),
        feature(
            "effort_score_max",
            days,
            "Highest effort_score (1 effortless .. 7 most effort); null without journeys.",
            max(when(in, col(JourneySchema.EFFORT_SCORE))),
            null),
        feature(
            "effort_score_mean",
            days,
            "Mean effort_score; null without journeys.",
            avg(when(in, col(JourneySchema.EFFORT_SCORE))),
            null));
  }

  /**
   * Contacts with a person started in the window, over known interactions: having to contact the
   * company at all is effort, so their volume is an effort driver (touchpoints_* stay engagement).
   */
  static List<Feature> assistedContacts(List<Integer> windows) {
    List<Feature> out = new ArrayList<>();
    for (int days : windows) {
      Column in = JourneyMetrics.assistedContact().and(PointInTime.within(col(STARTED_AT), days));
      out.add(
          countOf(
              WindowedCounts.ASSISTED_CONTACTS,
              days,
              "Contacts with a person started in the window: kind contact on phone, chat, email,"
                  + " social or store, or on another channel with an agent recorded (agent_id);"
                  + " not IVR-only calls, not web/app self-service.",
              in));
    }
    return out;
  }

  private static Column inWindow(int days) {
    return PointInTime.within(col(JourneySchema.LAST_TOUCHPOINT_AT), days);
  }

  /** Survey response rate over journeys: an experience feature computed from journeys. */
  static List<Feature> responseRates(List<Integer> windows) {
    List<Feature> out = new ArrayList<>();
    for (int days : windows) {
      Column in = inWindow(days);
      Column journeys = count(when(in, lit(1)));
      Column answered = count(when(in.and(col(JourneySchema.SURVEY_ANSWERS).gt(0)), lit(1)));
      out.add(
          new Feature(
              FeatureSet.windowed("survey_response_rate", days),
              FeatureFamily.EXPERIENCE,
              days,
              "Share of the window's journeys with a survey answer known before T; null without"
                  + " journeys.",
              when(journeys.gt(0), answered.divide(journeys)),
              null));
    }
    return out;
  }

  private static Feature countOf(String name, int days, String description, Column condition) {
    return feature(name, days, description, count(when(condition, lit(1))), 0L);
  }

  private static Feature total(String metric, int days, Column in, String what) {
    return feature(
        metric,
        days,
        what + ", summed over the window's journeys.",
        coalesce(sum(when(in, col(metric))), lit(0L)),
        0L);
  }

  private static Feature feature(
      String name, int days, String description, Column value, Object absent) {
    return new Feature(
        FeatureSet.windowed(name, days), FeatureFamily.EFFORT, days, description, value, absent);
  }
}
