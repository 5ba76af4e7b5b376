package io.effortlens.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.effortlens.testing.SparkSessionExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves truth.json parses and holds what a later model check needs: options, the planted model
 * with driver definitions, contributions by driver and family, the delight effect, the achieved
 * calibration and the path of the per-customer truth table. Also checks the Parquet layout.
 */
@ExtendWith(SparkSessionExtension.class)
class TruthDocumentTest {
  @TempDir static Path out;
  private static JsonNode truth;

  @BeforeAll
  static void generate(SparkSession spark) throws IOException {
    Generator.run(
        spark,
        new GeneratorOptions(
            500, 6, 5L, GeneratorOptions.START_DEFAULT, OutputFormat.PARQUET, out.toString()));
    truth = TruthJson.read(out);
  }

  @Test
  void holdsVersionOptionsAndPaths() {
    assertEquals(TruthDocument.VERSION, truth.path("generator_version").asText());
    assertEquals(500, truth.path("options").path("customers").asLong());
    assertEquals(5, truth.path("options").path("seed").asLong());
    assertEquals("2024-01-01", truth.path("options").path("start").asText());
    assertEquals("parquet", truth.path("options").path("format").asText());
    assertEquals("truth/monthly_probabilities", truth.path("truth_table").asText());
    assertTrue(Files.isDirectory(out.resolve(truth.path("truth_table").asText())));
  }

  @Test
  void holdsThePlantedModelWithDriverDefinitions() {
    JsonNode model = truth.path("defection_model");
    List<String> names = new ArrayList<>();
    model.path("drivers").forEach(d -> names.add(d.path("name").asText()));

    assertEquals(Driver.INTERCEPT, model.path("intercept").asDouble());
    assertEquals(Driver.values().length, names.size());
    assertTrue(
        names.containsAll(
            List.of(
                "repeat_contacts_90d",
                "transfers_90d",
                "channel_switches_90d",
                "self_service_failures_90d",
                "re_explanations_90d",
                "unresolved_journeys_90d",
                "delight_actions_90d")),
        names.toString());
    model
        .path("drivers")
        .forEach(
            d ->
                assertTrue(
                    d.path("coefficient").isNumber()
                        && !d.path("definition").asText().isEmpty()
                        && !d.path("window").asText().isEmpty(),
                    d.toString()));
  }

  /**
   * The truth sets each driver to the reference train uses: 0 where customers have it (counts,
   * indicators), the 5th percentile of the monthly fee, which no customer pays 0 of (the cheapest
   * plan lists 9.99, at most 20% off and 15% less on an annual contract).
   */
  @Test
  void contributionsUseInSupportReferences() {
    java.util.Map<String, Double> references = new java.util.HashMap<>();
    truth
        .path("driver_contributions")
        .path("drivers")
        .forEach(d -> references.put(d.path("name").asText(), d.path("reference").asDouble()));
    assertEquals(0.0, references.get("repeat_contacts_90d"));
    assertEquals(0.0, references.get("contract_annual"));
    double fee = references.get("monthly_fee_per_10");
    assertTrue(fee >= 0.999 * 0.8 * 0.85 && fee <= 1.999, "an observed fee / 10: " + fee);
  }

  @Test
  void holdsContributionsDelightEffectCalibrationAndChurn() {
    JsonNode contributions = truth.path("driver_contributions");
    List<String> families = new ArrayList<>();
    contributions.path("families").forEach(f -> families.add(f.path("family").asText()));

    assertEquals(List.of("effort", "delight", "experience", "engagement", "profile"), families);
    assertEquals(6, contributions.path("effort_driver_order").size());
    assertTrue(
        contributions.path("families").get(0).path("defections_avoided_if_zero").asDouble() > 0);
    assertTrue(truth.path("delight_effect").path("avg_effect_on_p_defect_90d_pp").isNumber());
    assertTrue(
        truth
            .path("delight_effect_by_action")
            .path("actions")
            .path("any")
            .path("effect_pp")
            .isNumber());
    assertEquals(4, truth.path("calibration").path("achieved").size());
    assertTrue(truth.path("churn").path("monthly_rate_observed").asDouble() > 0);
  }

  /**
   * driver_effects_by_month has one entry per month start whose 90-day horizon ends within the 6
   * simulated months (January to April 2024), each over the customers at risk then (the truth
   * table's rows of that month); a family is its joint counterfactual, all its drivers at once: for
   * the one-driver delight family that is its driver's value, for effort (same-signed drivers, a
   * convex hazard at these risks) less than their sum; the shares of the families in the pie have
   * absolute values summing to 1, and a driver's share is over the same sum (experience and the
   * categorical contract, not in train's pie, have none).
   */
  @Test
  void holdsDriverEffectsPerMonthStartOverTheCustomersAtRisk(SparkSession spark) {
    JsonNode byMonth = truth.path("driver_effects_by_month");
    List<String> asOfs = new ArrayList<>();
    byMonth.path("as_ofs").forEach(a -> asOfs.add(a.path("as_of").asText()));
    JsonNode april = byMonth.path("as_ofs").get(3);
    long atRisk =
        spark
            .read()
            .parquet(out.resolve("truth/monthly_probabilities").toString())
            .where("month_start = date'2024-04-01'")
            .count();
    double effort = 0;
    for (JsonNode d : april.path("drivers")) {
      effort += isEffort(d) ? avoided(d) : 0;
    }
    double absoluteShares = 0;
    for (JsonNode f : april.path("families")) {
      absoluteShares += Math.abs(f.path("share_in_pie").asDouble());
    }
    JsonNode families = april.path("families");
    JsonNode repeats = april.path("drivers").get(Driver.REPEAT_CONTACTS_90D.ordinal());

    assertEquals(List.of("2024-01-01", "2024-02-01", "2024-03-01", "2024-04-01"), asOfs);
    assertEquals(atRisk, april.path("customers_at_risk").asLong());
    assertTrue(april.path("expected_defections").asDouble() > 0);
    double joint = avoided(families.get(0));
    assertTrue(joint > 0 && joint < effort, "effort joint " + joint + " vs sum " + effort);
    assertEquals(joint, families.get(0).path("defections_avoided_in_pie").asDouble(), 1e-9);
    JsonNode delight = april.path("drivers").get(Driver.DELIGHT_ACTIONS_90D.ordinal());
    assertEquals(avoided(delight), avoided(families.get(1)), 1e-5, "one driver: its value");
    assertEquals(1.0, absoluteShares, 1e-5);
    double denominator = joint / families.get(0).path("share_in_pie").asDouble();
    assertEquals(
        denominator,
        avoided(repeats) / repeats.path("share").asDouble(),
        1e-3 * denominator,
        "drivers and families over one denominator");
    assertTrue(families.get(2).path("share").isNull());
    assertTrue(april.path("drivers").get(Driver.CONTRACT_ANNUAL.ordinal()).path("share").isNull());
    assertEquals("repeat_contacts_90d", byMonth.path("drivers").get(0).path("feature").asText());
  }

  private static boolean isEffort(JsonNode driver) {
    return List.of(
            "repeat_contacts_90d",
            "transfers_90d",
            "channel_switches_90d",
            "self_service_failures_90d",
            "re_explanations_90d",
            "unresolved_journeys_90d")
        .contains(driver.path("name").asText());
  }

  private static double avoided(JsonNode row) {
    return row.path("defections_avoided").asDouble();
  }

  @Test
  void parquetExtractsKeepTheNestedFieldsAndTypes(SparkSession spark) {
    String cc =
        spark.read().parquet(out.resolve("contact_center").toString()).schema().simpleString();
    String customers =
        spark.read().parquet(out.resolve("customers").toString()).schema().simpleString();
    String web = spark.read().parquet(out.resolve("web_events").toString()).schema().simpleString();

    assertTrue(
        cc.contains("legs:array<struct<queue:string,agent:string,wait_s:double,talk_s:double>>"),
        cc);
    assertTrue(cc.contains("survey:struct<ces:int,csat:int,nps:int,answered:bigint>"), cc);
    assertTrue(customers.contains("signup_date:date"), customers);
    assertTrue(web.contains("ts_epoch_ms:bigint"), web);
  }
}
