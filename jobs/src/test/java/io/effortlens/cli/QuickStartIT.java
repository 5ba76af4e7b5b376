package io.effortlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.effortlens.testing.SparkSessionExtension;
import io.effortlens.testing.TestLakes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The README's Quick start, as a user runs it: bin/effortlens (a separate JVM, started from a
 * foreign working directory) runs the pipeline on the bundled sample; the lake then holds every
 * sample record, reconciled.
 */
@ExtendWith(SparkSessionExtension.class)
class QuickStartIT {
  private static final long SAMPLE_CONTACT_CENTER_ROWS = 15_161; // 13,627 records + 1,534 surveys
  private static final long SAMPLE_WEB_EVENTS = 246_358;
  private static final long SAMPLE_CUSTOMERS = 3_000;

  @Test
  void quickStartRunsThePipelineOnTheSampleFromAnyFolder(SparkSession spark)
      throws IOException, InterruptedException {
    Path cwd = TestLakes.tempDir("user-folder");
    Path samples = TestLakes.samples().resolve("sample");
    List<String> command = new ArrayList<>();
    command.add(TestLakes.repo().resolve("bin/effortlens").toString());
    command.addAll(
        List.of(
            "pipeline",
            "--allow-raw-ids",
            "--source",
            "contact-center",
            "--input",
            samples.resolve("contact_center").toString(),
            "--customers",
            samples.resolve("customers").toString(),
            "--source",
            "web-events",
            "--input",
            samples.resolve("web_events").toString()));
    Path out = cwd.resolve("out.txt");
    Path err = cwd.resolve("err.txt");
    Process process =
        new ProcessBuilder(command)
            .directory(cwd.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    assertTrue(process.waitFor(40, TimeUnit.MINUTES), "the quick start must finish in 40 minutes");
    String stdout = Files.readString(out, StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), stdout + Files.readString(err, StandardCharsets.UTF_8));

    String total = "total: %d = %d + 0 + 0";
    assertTrue(
        stdout.contains(total.formatted(SAMPLE_CONTACT_CENTER_ROWS, SAMPLE_CONTACT_CENTER_ROWS)),
        stdout);
    assertTrue(stdout.contains(total.formatted(SAMPLE_WEB_EVENTS, SAMPLE_WEB_EVENTS)), stdout);
    assertTrue(stdout.contains(total.formatted(SAMPLE_CUSTOMERS, SAMPLE_CUSTOMERS)), stdout);

    String lake = cwd.resolve("lakehouse").toString(); // the default lake is ./lakehouse
    long interactions = spark.read().format("delta").load(lake + "/interactions").count();
    assertEquals(SAMPLE_CONTACT_CENTER_ROWS + SAMPLE_WEB_EVENTS, interactions);
    assertEquals(SAMPLE_CUSTOMERS, spark.read().format("delta").load(lake + "/customers").count());
    long journeys = spark.read().format("delta").load(lake + "/journeys").count();
    assertTrue(journeys > 1000, "the sample yields thousands of journeys, got " + journeys);
    assertTrue(stdout.contains("journeys: " + journeys + " rows"), stdout);
    var features = spark.read().format("delta").load(lake + "/customer_features");
    var labels = spark.read().format("delta").load(lake + "/defection_labels");
    // 2024-02-01 .. 2024-10-01 (horizon observed by 2025-01-02) and the score date 2025-01-02
    assertEquals(10, features.select("as_of").distinct().count(), "training snapshots + score");
    assertEquals(features.count(), labels.count(), "one label per customer in each snapshot");
    assertEquals(
        features.count(),
        features.select("as_of", "customer_id").distinct().count(),
        "no duplicates");
    var scoreDate = java.sql.Date.valueOf("2025-01-02");
    long snapshot = features.filter(features.col("as_of").equalTo(scoreDate)).count();
    var risk = spark.read().format("delta").load(lake + "/customer_risk");
    assertEquals(snapshot, risk.count(), "every customer of the score date scored once");
    assertEquals(snapshot, risk.select("customer_key").distinct().count());
    Row current =
        spark.read().format("delta").load(lake + "/model_registry").where("is_current").first();
    assertEquals(current.<String>getAs("model_version"), risk.first().getAs("model_version"));
    assertTrue(stdout.contains("disloyalty pie"), stdout);
    assertTrue(stdout.contains("oracle"), "truth.json beside the sample gives the oracle AUC");
    for (String gold :
        List.of(
            "effort_kpis",
            "perception_gap",
            "research_replication",
            "next_issue_rules",
            "driver_effects",
            "delight_effects",
            "model_metrics")) {
      assertTrue(
          spark.read().format("delta").load(lake + "/" + gold).count() > 0, gold + " has rows");
    }
    assertTrue(
        Files.isRegularFile(cwd.resolve("lakehouse/reports/2025-01-02/index.html")),
        "the report of the score date");
    assertTrue(
        Files.isDirectory(cwd.resolve("lakehouse/spark-warehouse/effortlens.db")),
        "the catalog database of the gold tables lives in the lake");
    assertFalse(
        Files.exists(cwd.resolve("spark-warehouse")), "nothing is left in the user's folder");
    Row run = spark.read().format("delta").load(lake + "/runs").first();
    assertEquals("succeeded", run.getAs("status"));
    assertEquals("pipeline", run.getAs("command"));
  }
}
