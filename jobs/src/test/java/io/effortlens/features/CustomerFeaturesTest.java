package io.effortlens.features;

import static io.effortlens.journey.Touch.action;
import static io.effortlens.journey.Touch.activity;
import static io.effortlens.journey.Touch.contact;
import static io.effortlens.journey.Touch.survey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.effortlens.journey.Touch;
import io.effortlens.testing.SparkSessionExtension;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Customer features at T = 2024-06-01: windows, exclusive cutoffs, families, catalog. */
@ExtendWith(SparkSessionExtension.class)
class CustomerFeaturesTest {
  private static final LocalDate T = LocalDate.of(2024, 6, 1);

  @Test
  void countsOnlyRowsStartedBeforeTheExclusiveCutoffWithinEachWindow(SparkSession spark) {
    Row c1 =
        features(
                spark,
                contact("last", "C1", "2024-05-31 23:59:59"),
                contact("at-cutoff", "C1", "2024-06-01 00:00"), // not before T
                contact("window-start", "C1", "2024-05-02 00:00"), // exactly T - 30 days: in
                contact("just-outside", "C1", "2024-05-01 23:59")) // in 90d only
            .get("C1");
    assertEquals(2L, (long) c1.getAs("touchpoints_30d"));
    assertEquals(3L, (long) c1.getAs("touchpoints_90d"));
    assertEquals(1.0 / 86_400, (double) c1.getAs("days_since_last_touchpoint"), 1e-6);
  }

  @Test
  void usesASurveyOnlyOnceItsAnswerIsKnown(SparkSession spark) {
    Row c1 =
        features(
                spark,
                contact("p1", "C1", "2024-05-10 10:00").intent("billing").resolved(true),
                survey("early", "C1", "2024-05-10 10:30", "2024-05-11 08:00").ces(6).nps(9),
                contact("p2", "C1", "2024-05-20 10:00").intent("refund").resolved(true),
                survey("late", "C1", "2024-05-20 10:30", "2024-06-02 08:00").ces(1), // after T
                survey("at-t", "C1", "2024-05-20 10:40", "2024-06-01 00:00").csat(1)) // at T
            .get("C1");
    assertEquals(6.0, (double) c1.getAs("ces_mean_30d"), 1e-9);
    assertEquals(1L, (long) c1.getAs("ces_responses_30d"));
    assertTrue((boolean) c1.getAs("has_ces_30d"));
    assertEquals(9.0, (double) c1.getAs("nps_mean_90d"), 1e-9);
    assertFalse((boolean) c1.getAs("has_csat_30d"));
    assertNull(c1.getAs("csat_mean_30d"));
    assertEquals(0.5, (double) c1.getAs("survey_response_rate_30d"), 1e-9);
  }

  @Test
  void seesAJourneyThatContinuesAfterTheCutoffTruncatedAtIt(SparkSession spark) {
    Row c1 =
        features(
                spark,
                contact("a", "C1", "2024-05-30 10:00").intent("billing").transfers(1),
                contact("b", "C1", "2024-05-31 10:00").intent("billing").waitSeconds(600),
                contact("c", "C1", "2024-06-02 10:00").intent("billing").transfers(3),
                contact("d", "C1", "2024-06-03 10:00").intent("billing").resolved(true))
            .get("C1");
    assertEquals(1L, (long) c1.getAs("journeys_30d"));
    assertEquals(1L, (long) c1.getAs("repeat_contacts_30d"));
    assertEquals(1L, (long) c1.getAs("transfers_30d"));
    assertEquals(600.0, (double) c1.getAs("wait_seconds_30d"), 1e-9);
    assertEquals(1L, (long) c1.getAs("unresolved_journeys_30d"));
    assertEquals(1L, (long) c1.getAs("open_journeys"), "unresolved as of T, though resolved later");
  }

  @Test
  void givesAbsentValuesToACustomerWithoutInteractions(SparkSession spark) {
    Dataset<Row> customers =
        Snapshot.customers(
            spark,
            Snapshot.customer("C9", "2024-01-01 00:00", "premium", "annual", 3),
            Snapshot.customer("C8", "2024-07-01 00:00", "basic", "monthly", 1)); // after T
    Dataset<Row> interactions = Touch.frame(spark, contact("x", "C1", "2024-05-01 10:00"));
    Map<String, Row> rows =
        Snapshot.byCustomer(Snapshot.features(T, interactions, customers, List.of("login")));
    assertEquals(Set.of("C1", "C9"), rows.keySet());
    Row c9 = rows.get("C9");
    assertEquals(0L, (long) c9.getAs("journeys_30d"));
    assertEquals(0L, (long) c9.getAs("touchpoints_90d"));
    assertEquals(0L, (long) c9.getAs("activity_login_events_90d"));
    assertEquals(0.0, (double) c9.getAs("refund_amount_90d"), 1e-9);
    assertFalse((boolean) c9.getAs("has_ces_90d"));
    assertNull(c9.getAs("ces_mean_90d"));
    assertNull(c9.getAs("effort_score_max_30d"));
    assertNull(c9.getAs("days_since_last_activity"));
    assertEquals(152.0, (double) c9.getAs("tenure_days"), 1e-9);
    assertEquals("premium", c9.getAs("plan"));
    assertEquals("annual", c9.getAs("contract"));
    assertEquals(3, (int) c9.getAs("seats"));
    assertNull(rows.get("C1").getAs("plan"), "C1 is not in the customers table");
  }

  @Test
  void countsDelightActionsAndEngagementAgainstTheWindows(SparkSession spark) {
    Row c1 =
        features(
                spark,
                action("r", "C1", "2024-05-20 10:00", "refund", 10.0),
                action("c", "C1", "2024-04-20 10:00", "credit", 5.0),
                activity("l1", "C1", "2024-05-25 10:00", "Login"),
                activity("l2", "C1", "2024-05-25 18:00", "login"),
                activity("l3", "C1", "2024-05-26 10:00", "login").set("quantity", 12),
                activity("p1", "C1", "2024-04-01 10:00", "play"))
            .get("C1");
    assertEquals(1L, (long) c1.getAs("delight_actions_30d"));
    assertEquals(15.0, (double) c1.getAs("delight_amount_90d"), 1e-9);
    assertEquals(10.0, (double) c1.getAs("refund_amount_30d"), 1e-9);
    assertEquals(0L, (long) c1.getAs("credit_actions_30d"));
    assertEquals(11.0 + 14.0 / 24, (double) c1.getAs("days_since_refund_action"), 1e-6);
    assertNull(c1.getAs("days_since_gift_action"));
    assertEquals(3L, (long) c1.getAs("activity_login_events_30d"));
    assertEquals(1L, (long) c1.getAs("activity_play_events_90d"));
    // "12 logins" in one row weigh 12, rows without a quantity 1 each
    assertEquals(14L, (long) c1.getAs("activity_login_quantity_30d"));
    assertEquals(1L, (long) c1.getAs("activity_play_quantity_90d"));
    assertEquals(2, (int) c1.getAs("active_days_30d"));
    // rate 3/30 in the last 30 days vs 1/60 before: (0.1 - 0.0167) / (0.1 + 0.0167)
    assertEquals(
        (0.1 - 1 / 60.0) / (0.1 + 1 / 60.0), (double) c1.getAs("activity_trend_30d_vs_60d"), 1e-6);
  }

  @Test
  void catalogsEveryFeatureColumnWithItsFamily(SparkSession spark) {
    Dataset<Row> customers =
        Snapshot.customers(spark, Snapshot.customer("C9", "2024-01-01 00:00", "p", "annual", 3));
    FeatureSet set =
        FeatureSet.of(
            Snapshot.WINDOWS,
            5.0,
            FeatureSet.everywhere(List.of(T), List.of("login")),
            customers.schema());
    Dataset<Row> rows =
        Snapshot.features(
            T,
            Touch.frame(spark, contact("x", "C1", "2024-05-01 10:00")),
            customers,
            List.of("login"));
    List<Row> catalog = FeatureCatalog.toRows(set, rows.schema());
    List<String> columns = Arrays.asList(rows.columns()).subList(2, rows.columns().length);
    assertEquals(columns, catalog.stream().map(r -> r.getString(0)).toList());
    Set<String> families = catalog.stream().map(r -> r.getString(1)).collect(Collectors.toSet());
    assertEquals(Set.of("effort", "delight", "experience", "engagement", "profile"), families);
    Row seats = catalog.stream().filter(r -> r.getString(0).equals("seats")).findFirst().get();
    assertEquals("int", seats.getString(4));
  }

  private static Map<String, Row> features(SparkSession spark, Touch... touches) {
    return Snapshot.byCustomer(
        Snapshot.features(T, Touch.frame(spark, touches), null, List.of("login", "play")));
  }
}
