package io.effortlens.report;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.effortlens.lake.Lake;
import io.effortlens.lake.RunContext;
import io.effortlens.lake.Table;
import io.effortlens.testing.SparkSessionExtension;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The numbers of each gold table on the hand-built journeys of {@link GoldFixture}. */
@ExtendWith(SparkSessionExtension.class)
class GoldTablesTest {
  private static final double EPS = 1e-9;

  private static Dataset<Row> read(SparkSession spark, Table table) {
    return GoldFixture.ctx(spark).lake().read(table, "gold");
  }

  private static Row kpi(SparkSession spark, String day, String channel, String intent) {
    List<Row> rows =
        read(spark, Table.EFFORT_KPIS)
            .filter(
                col("day")
                    .equalTo(java.sql.Date.valueOf(day))
                    .and(col("channel").equalTo(channel))
                    .and(col("intent").equalTo(intent)))
            .collectAsList();
    assertEquals(1, rows.size(), "one KPI row for " + day + " " + channel + " " + intent);
    return rows.get(0);
  }

  @Test
  void effortKpisHaveOneRowPerDayChannelIntentAndQueueOfJourneysEndedBeforeAsOf(
      SparkSession spark) {
    List<String> keys =
        read(spark, Table.EFFORT_KPIS).orderBy("day", "channel", "intent").collectAsList().stream()
            .map(r -> r.get(1) + "|" + r.getString(2) + "|" + r.getString(3) + "|" + r.getString(4))
            .toList();
    assertEquals(
        List.of(
            "2024-01-10|phone|billing|Q1",
            "2024-01-10|web|billing|none",
            "2024-01-11|web|billing|Q1",
            "2024-01-14|phone|refund|Q2",
            "2024-01-15|phone|refund|Q2",
            "2024-03-25|phone|billing|Q1"),
        keys);
  }

  @Test
  void effortKpisMeasureTheEffortOfCustomerAsJourney(SparkSession spark) {
    Row a = kpi(spark, "2024-01-11", "web", "billing");
    assertEquals(1L, a.<Long>getAs("journeys"));
    assertEquals(1.0, a.<Double>getAs("repeat_contact_rate"), EPS);
    assertEquals(1.0, a.<Double>getAs("transfer_rate"), EPS);
    assertEquals(1.0, a.<Double>getAs("channel_switch_rate"), EPS);
    assertEquals(1.0, a.<Double>getAs("self_service_failure_rate"), EPS);
    assertEquals(0.0, a.<Double>getAs("first_contact_resolution_rate"), EPS);
    assertEquals(6.0, a.<Double>getAs("ces_mean"), EPS);
    double effort =
        GoldFixture.ctx(spark)
            .lake()
            .read(Table.JOURNEYS, "journeys")
            .filter(col("customer_id").equalTo("A"))
            .first()
            .getAs("effort_score");
    assertEquals(effort, a.<Double>getAs("effort_index"), EPS);
    Row c = kpi(spark, "2024-01-10", "phone", "billing");
    assertEquals(1.0, c.<Double>getAs("first_contact_resolution_rate"), EPS);
    assertEquals(0.0, c.<Double>getAs("repeat_contact_rate"), EPS);
  }

  @Test
  void defectionRateCountsDefectionsInTheObservedHorizonOnly(SparkSession spark) {
    Row a = kpi(spark, "2024-01-11", "web", "billing");
    assertEquals(1L, a.<Long>getAs("customers_observed"));
    assertEquals(1L, a.<Long>getAs("customers_defected"));
    assertEquals(1.0, a.<Double>getAs("defection_rate"), EPS);
    assertEquals(0.0, kpi(spark, "2024-01-14", "phone", "refund").<Double>getAs("defection_rate"));
    // D cancels on 04-10, after as_of, and its horizon ends after as_of: not observed, not 0
    Row d = kpi(spark, "2024-03-25", "phone", "billing");
    assertEquals(0L, d.<Long>getAs("customers_observed"));
    assertNull(d.getAs("defection_rate"));
    assertEquals(30, d.<Integer>getAs("defection_horizon_days"));
  }

  @Test
  void researchReplicationComparesDefectionWithAndWithoutEachEffortDriver(SparkSession spark) {
    Map<String, Row> rows = byKey(read(spark, Table.RESEARCH_REPLICATION), "statement_id");
    Row repeat = rows.get("repeat_contact_defection");
    assertEquals(1L, repeat.<Long>getAs("n_a"));
    assertEquals(4L, repeat.<Long>getAs("n_b"));
    assertEquals(1.0, repeat.<Double>getAs("estimate"), EPS);
    // Newcombe: 1 - sqrt((1 - 0.2065)^2 + 0.4899^2) with Wilson(1/1) and Wilson(0/4)
    assertEquals(0.0675, repeat.<Double>getAs("low"), 1e-3);
    assertEquals(1.0, repeat.<Double>getAs("high"), EPS);
    assertEquals("estimated", repeat.getAs("status"));
    Row satisfied = rows.get("satisfied_who_defected");
    assertEquals(1L, satisfied.<Long>getAs("n"));
    assertEquals(1.0, satisfied.<Double>getAs("estimate"), EPS);
    Row stayed = rows.get("dissatisfied_who_stayed");
    assertEquals(1L, stayed.<Long>getAs("n"));
    assertEquals(1.0, stayed.<Double>getAs("estimate"), EPS);
    Row delight = rows.get("delight_effect");
    assertEquals("not estimated", delight.getAs("status"));
    assertTrue(delight.<String>getAs("finding").contains("effortlens train"));
    assertEquals(8, rows.size());
  }

  @Test
  void perceptionGapShowsSatisfiedTouchpointsOfADefectedCustomer(SparkSession spark) {
    List<Row> rows =
        read(spark, Table.PERCEPTION_GAP).orderBy("measure", "position").collectAsList();
    Map<String, Row> byMeasure =
        rows.stream()
            .filter(r -> r.isNullAt(2))
            .collect(Collectors.toMap(r -> r.getString(1), r -> r));
    Row satisfied = byMeasure.get(PerceptionGapSchema.SATISFIED_DEFECTED);
    assertEquals(1L, satisfied.<Long>getAs("n"));
    assertEquals(1.0, satisfied.<Double>getAs("value"), EPS);
    assertEquals(
        0.0, byMeasure.get(PerceptionGapSchema.UNSATISFIED_DEFECTED).<Double>getAs("value"), EPS);
    // A's journey is the only one with 3+ touchpoints: CSAT 5 then 4
    List<Row> positions =
        rows.stream()
            .filter(r -> r.getString(1).equals(PerceptionGapSchema.CSAT_BY_POSITION))
            .toList();
    assertEquals(2, positions.size());
    assertEquals(5.0, positions.get(0).<Double>getAs("value"), EPS);
    assertEquals(4.0, positions.get(1).<Double>getAs("value"), EPS);
    // mean CSAT 4.5 defected, 2 stayed: a perfect positive correlation over two journeys
    Row corr = byMeasure.get(PerceptionGapSchema.CORR_CSAT);
    assertEquals(2L, corr.<Long>getAs("n"));
    assertEquals(1.0, corr.<Double>getAs("value"), 1e-6);
    assertNull(corr.getAs("low"), "no interval from two pairs");
  }

  @Test
  void nextIssueRulesFindRefundAfterBillingWithSupportConfidenceAndLift(SparkSession spark) {
    List<Row> rules = read(spark, Table.NEXT_ISSUE_RULES).collectAsList();
    assertEquals(1, rules.size(), "only billing -> refund has both intents in order");
    Row rule = rules.get(0);
    assertEquals("billing", rule.getAs("antecedent_intent"));
    assertEquals("refund", rule.getAs("consequent_intent"));
    // baskets: A, B, C (billing) and B, C (refund); D's window is not over, E is after as_of
    assertEquals(5L, rule.<Long>getAs("baskets"));
    assertEquals(2L, rule.<Long>getAs("rule_journeys"));
    assertEquals(0.4, rule.<Double>getAs("support"), EPS);
    assertEquals(2.0 / 3, rule.<Double>getAs("confidence"), EPS);
    assertEquals((2.0 / 3) / 0.4, rule.<Double>getAs("lift"), EPS);
    assertEquals(
        "After a journey about billing, 67% of customers contacted about refund within 10 days"
            + " (1.7 times the usual rate).",
        rule.getAs("sentence"));
  }

  @Test
  void rerunForTheSameAsOfReplacesRowsAndKeepsCatalogNames(SparkSession spark) {
    RunContext ctx = GoldFixture.ctx(spark);
    Lake lake = ctx.lake();
    long before = lake.read(Table.RESEARCH_REPLICATION, "gold").count();
    GoldJob.Result again = GoldJob.run(ctx, GoldFixture.AS_OF);
    assertEquals(before, lake.read(Table.RESEARCH_REPLICATION, "gold").count());
    assertEquals(6L, lake.read(Table.EFFORT_KPIS, "gold").count());
    assertEquals(1L, lake.read(Table.NEXT_ISSUE_RULES, "gold").count());
    assertEquals(
        List.of(
            "effortlens_test.effort_kpis",
            "effortlens_test.perception_gap",
            "effortlens_test.research_replication",
            "effortlens_test.next_issue_rules"),
        again.registered());
    assertEquals(6L, spark.table("effortlens_test.effort_kpis").count());
  }

  @Test
  void tablesCarryTableAndColumnComments(SparkSession spark) {
    GoldFixture.ctx(spark);
    Row detail = spark.sql("DESCRIBE DETAIL effortlens_test.effort_kpis").first();
    assertTrue(detail.<String>getAs("description").startsWith("Daily effort KPIs"));
    List<Row> columns =
        spark.sql("DESCRIBE TABLE effortlens_test.next_issue_rules").collectAsList();
    Row lift =
        columns.stream().filter(r -> r.getString(0).equals("lift")).findFirst().orElseThrow();
    assertEquals("confidence / P(consequent within window)", lift.getString(2));
    assertFalse(columns.stream().anyMatch(r -> r.getString(0).equals("customer_id")));
  }

  private static Map<String, Row> byKey(Dataset<Row> rows, String key) {
    return rows.collectAsList().stream().collect(Collectors.toMap(r -> r.getAs(key), r -> r));
  }
}
