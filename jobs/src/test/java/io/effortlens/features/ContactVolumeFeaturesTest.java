package io.effortlens.features;

import static io.effortlens.journey.Touch.activity;
import static io.effortlens.journey.Touch.contact;
import static io.effortlens.journey.Touch.selfService;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.effortlens.journey.EffortModel;
import io.effortlens.journey.Touch;
import io.effortlens.schema.InteractionSchema;
import io.effortlens.testing.SparkSessionExtension;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Contact volume as effort at T = 2024-06-01 (windows 30 and 90 days): {@code
 * assisted_contacts_<n>d} counts the contacts with a person started in the window before T (a chat
 * counts, an IVR-only call, a web self-service session and a web contact without an agent do not,
 * an app contact with an agent recorded does, a contact on the as-of day does not), and {@code
 * contacts_per_journey_<n>d} is their mean per journey of the window (0 for a journey without one,
 * null without journeys). The one-plan path of {@link FeatureJob} and the per-snapshot reference
 * give the same values.
 */
@ExtendWith(SparkSessionExtension.class)
class ContactVolumeFeaturesTest {
  private static final LocalDate T = LocalDate.of(2024, 6, 1);

  private static final List<Touch> ROWS =
      List.of(
          // C1, journey "billing" (last touchpoint 05-21): chat, IVR, phone = 2 with a person
          contact("c1-chat", "C1", "2024-05-20 10:00").intent("billing").channel("chat"),
          contact("c1-ivr", "C1", "2024-05-21 09:00").intent("billing").channel("ivr"),
          contact("c1-phone", "C1", "2024-05-21 09:05").intent("billing"),
          // C1, journey "delivery" (05-26): web self-service, web contact without agent, app
          // contact with an agent = 1 with a person
          selfService("c1-web", "C1", "2024-05-25 09:00", "failed").intent("delivery"),
          contact("c1-form", "C1", "2024-05-25 09:10").intent("delivery").channel("web"),
          contact("c1-app", "C1", "2024-05-26 10:00")
              .intent("delivery")
              .channel("app")
              .set(InteractionSchema.AGENT_ID, "A7"),
          // C1, journey "account" (04-01, 90-day window only): an email = 1 with a person
          contact("c1-email", "C1", "2024-04-01 10:00").intent("account").channel("email"),
          // on the as-of day: not known at T
          contact("c1-today", "C1", "2024-06-01 00:00").intent("billing"),
          // C2: one journey of an IVR call and self-service, no person
          contact("c2-ivr", "C2", "2024-05-10 10:00").intent("billing").channel("ivr"),
          selfService("c2-app", "C2", "2024-05-10 10:05", "success").intent("billing"),
          // C3: activity only, no journey
          activity("c3-login", "C3", "2024-05-10 10:00", "login"));

  @Test
  void countsContactsWithAPersonInEachWindowBeforeTheAsOfDate(SparkSession spark) {
    for (Map<String, Row> rows : bothPaths(spark)) {
      Row c1 = rows.get("C1");
      assertEquals(3L, (long) c1.getAs("assisted_contacts_30d"), "chat, phone, app with agent");
      assertEquals(4L, (long) c1.getAs("assisted_contacts_90d"), "and the April email");
      assertEquals(0L, (long) rows.get("C2").getAs("assisted_contacts_90d"), "IVR and app only");
      assertEquals(0L, (long) rows.get("C3").getAs("assisted_contacts_90d"), "no contacts");
      assertEquals(7L, (long) c1.getAs("touchpoints_90d"), "engagement counts every touchpoint");
    }
  }

  @Test
  void averagesContactsWithAPersonOverTheWindowsJourneys(SparkSession spark) {
    for (Map<String, Row> rows : bothPaths(spark)) {
      Row c1 = rows.get("C1");
      assertEquals(2L, (long) c1.getAs("journeys_30d"));
      assertEquals(1.5, (double) c1.getAs("contacts_per_journey_30d"), 1e-9, "(2 + 1) / 2");
      assertEquals(4.0 / 3, (double) c1.getAs("contacts_per_journey_90d"), 1e-6, "(2 + 1 + 1)/3");
      assertEquals(0.0, (double) rows.get("C2").getAs("contacts_per_journey_30d"), 1e-9);
      assertNull(rows.get("C3").getAs("contacts_per_journey_90d"), "no journeys: no mean");
    }
  }

  @Test
  void catalogsBothAsEffortPerWindow(SparkSession spark) {
    FeatureSet set =
        FeatureSet.of(Snapshot.WINDOWS, 5.0, FeatureSet.everywhere(List.of(T), List.of()), null);
    for (String name :
        List.of(
            "assisted_contacts_30d",
            "assisted_contacts_90d",
            "contacts_per_journey_30d",
            "contacts_per_journey_90d")) {
      Feature feature =
          set.all().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
      assertEquals(FeatureFamily.EFFORT, feature.family(), name);
      assertEquals(Integer.valueOf(name.endsWith("30d") ? 30 : 90), feature.windowDays(), name);
    }
  }

  /** The features of T by the per-snapshot reference and by the one-plan path of the job. */
  private static List<Map<String, Row>> bothPaths(SparkSession spark) {
    Dataset<Row> interactions = Touch.frame(spark, ROWS);
    Map<String, Row> reference =
        Snapshot.byCustomer(Snapshot.features(T, interactions, null, List.of()));
    return List.of(reference, Snapshot.byCustomer(onePlan(interactions)));
  }

  private static Dataset<Row> onePlan(Dataset<Row> interactions) {
    Dataset<Row> asOfs = PointInTime.asOfs(interactions.sparkSession(), List.of(T));
    Dataset<Row> known = PointInTime.explodeKnownBefore(interactions, asOfs);
    Dataset<Row> journeys = FeatureJob.pointInTimeJourneys(known, Snapshot.JOURNEYS);
    Map<LocalDate, EffortModel> models = FeatureJob.models(journeys, List.of(T), Snapshot.JOURNEYS);
    FeatureSet set =
        FeatureSet.of(Snapshot.WINDOWS, 5.0, FeatureSet.everywhere(List.of(T), List.of()), null);
    return CustomerFeatures.toCustomerGrain(
        CustomerSnapshots.toPopulation(interactions, null, asOfs),
        FeatureJob.scored(journeys, models),
        known,
        null,
        set);
  }
}
