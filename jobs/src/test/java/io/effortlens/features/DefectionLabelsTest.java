package io.effortlens.features;

import static io.effortlens.journey.Touch.activity;
import static io.effortlens.journey.Touch.contact;
import static io.effortlens.journey.Touch.lifecycle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.effortlens.journey.Touch;
import io.effortlens.testing.SparkSessionExtension;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Snapshot membership and defection labels at T = 2024-06-01 with H = 90 (T + H = 08-30). */
@ExtendWith(SparkSessionExtension.class)
class DefectionLabelsTest {
  private static final LocalDate T = LocalDate.of(2024, 6, 1);

  private static List<Touch> history() {
    return List.of(
        lifecycle("s1", "C1", "2024-01-01 00:00", "signup"),
        lifecycle("x1", "C1", "2024-06-01 00:00", "cancel"), // exactly at T: gone at T
        lifecycle("s2", "C2", "2024-01-01 00:00", "signup"),
        lifecycle("x2", "C2", "2024-08-30 00:00", "cancel"), // exactly at T + H: defected
        contact("k3", "C3", "2024-02-01 00:00"),
        lifecycle("x3", "C3", "2024-08-30 00:00:01", "cancel"), // just after the horizon
        lifecycle("s4", "C4", "2024-01-01 00:00", "signup"),
        lifecycle("x4", "C4", "2024-03-01 00:00", "cancel"),
        lifecycle("r4", "C4", "2024-04-01 00:00", "signup"), // returned: new from 04-01
        lifecycle("s5", "C5", "2024-01-01 00:00", "signup"),
        lifecycle("x5", "C5", "2024-03-01 00:00", "cancel"), // left, never returned
        lifecycle("s7", "C7", "2024-01-01 00:00", "signup"),
        lifecycle("x7", "C7", "2024-03-01 00:00", "cancel"),
        lifecycle("r7", "C7", "2024-06-15 00:00", "signup"), // returns only after T
        activity("a8", "C8", "2024-05-01 00:00", "login"),
        activity("b8", "C8", "2024-06-10 00:00", "login"),
        contact("end", "C3", "2024-09-30 00:00")); // the data's last event
  }

  @Test
  void labelsCancelsInTheHalfOpenHorizonAndKeepsTheSnapshotHonest(SparkSession spark) {
    Map<String, Row> labels = labels(spark, T, new LabelPolicy("cancel", 90, List.of()));
    assertEquals(Set.of("C2", "C3", "C4", "C6", "C8"), labels.keySet());
    assertTrue((boolean) labels.get("C2").getAs(DefectionLabelSchema.IS_DEFECTED));
    assertEquals(
        Touch.at("2024-08-30 00:00"), labels.get("C2").getAs(DefectionLabelSchema.DEFECTED_AT));
    assertFalse((boolean) labels.get("C3").getAs(DefectionLabelSchema.IS_DEFECTED));
    assertFalse((boolean) labels.get("C6").getAs(DefectionLabelSchema.IS_DEFECTED));
    assertFalse((boolean) labels.get("C2").getAs(DefectionLabelSchema.IS_CENSORED));
    assertEquals(
        Touch.at("2024-08-30 00:00"), labels.get("C2").getAs(DefectionLabelSchema.HORIZON_END_AT));
  }

  @Test
  void countsAReturningCustomerAsNewFromTheSignup(SparkSession spark) {
    Map<String, Row> population = population(spark, T);
    Row c4 = population.get("C4");
    assertEquals(Touch.at("2024-04-01 00:00"), c4.getAs(CustomerSnapshots.SPELL_STARTED_AT));
    assertEquals(1L, (long) c4.getAs(CustomerSnapshots.PRIOR_CANCELLATIONS));
    assertEquals(
        Touch.at("2024-02-01 00:00"),
        population.get("C6").getAs(CustomerSnapshots.SPELL_STARTED_AT));
    assertFalse(population.containsKey("C7"), "re-signup after T is a new customer after T");
  }

  @Test
  void marksSnapshotsWhoseHorizonPassesTheDataAsCensored(SparkSession spark) {
    Map<String, Row> labels =
        labels(spark, LocalDate.of(2024, 7, 15), new LabelPolicy("cancel", 90, List.of()));
    assertTrue((boolean) labels.get("C3").getAs(DefectionLabelSchema.IS_CENSORED));
    assertTrue((boolean) labels.get("C2").getAs(DefectionLabelSchema.IS_DEFECTED), "still seen");
  }

  @Test
  void labelsInactivityByTheChosenActivityTypes(SparkSession spark) {
    Map<String, Row> any = labels(spark, T, new LabelPolicy("inactivity", 90, List.of()));
    assertFalse((boolean) any.get("C8").getAs(DefectionLabelSchema.IS_DEFECTED));
    assertTrue((boolean) any.get("C6").getAs(DefectionLabelSchema.IS_DEFECTED));
    assertNull(any.get("C6").getAs(DefectionLabelSchema.DEFECTED_AT));
    Map<String, Row> purchases =
        labels(spark, T, new LabelPolicy("inactivity", 90, List.of("purchase")));
    assertTrue((boolean) purchases.get("C8").getAs(DefectionLabelSchema.IS_DEFECTED));
  }

  private static Map<String, Row> population(SparkSession spark, LocalDate asOf) {
    return byCustomer(
        CustomerSnapshots.toPopulation(
            Touch.frame(spark, history()),
            customers(spark),
            PointInTime.asOfs(spark, List.of(asOf))));
  }

  private static Map<String, Row> labels(SparkSession spark, LocalDate asOf, LabelPolicy policy) {
    Dataset<Row> interactions = Touch.frame(spark, history());
    Dataset<Row> population =
        CustomerSnapshots.toPopulation(
            interactions, customers(spark), PointInTime.asOfs(spark, List.of(asOf)));
    return byCustomer(
        DefectionLabels.toLabels(population, interactions, policy, Touch.at("2024-09-30 00:00")));
  }

  /** C6 exists only in the customers table; C8 has a customers row signed up after T. */
  private static Dataset<Row> customers(SparkSession spark) {
    return Snapshot.customers(
        spark,
        Snapshot.customer("C6", "2024-02-01 00:00", "basic", "monthly", 1),
        Snapshot.customer("C8", "2024-07-01 00:00", "basic", "monthly", 1));
  }

  private static Map<String, Row> byCustomer(Dataset<Row> rows) {
    Map<String, Row> out = new HashMap<>();
    rows.collectAsList().forEach(r -> out.put(r.getAs("customer_id"), r));
    return out;
  }
}
