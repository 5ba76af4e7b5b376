package io.effortlens.reliability;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.effortlens.ExitCodes;
import io.effortlens.ingest.PlantedInput;
import io.effortlens.lake.Lake;
import io.effortlens.lake.Table;
import io.effortlens.testing.SparkSessionExtension;
import io.effortlens.testing.TestLakes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Personal data end to end: the whole {@code pipeline} (ingest, journeys, features, train, score,
 * gold, report) runs as its own driver with {@code EFFORTLENS_PSEUDONYM_KEY} set and hash mode on,
 * over the generated input plus JSON and CSV sources carrying recognizable personal values (names,
 * e-mail addresses, phone numbers, an address, notes). Then every table's rows, every Delta log
 * file, the HTML report and the driver's output are searched for the planted values and for the
 * secret: none is found, and {@code customer_risk} holds no raw customer id.
 */
@ExtendWith(SparkSessionExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("heavy")
class PipelinePrivacyIT {
  private static final String SECRET = "s3cret-pseudonym-key-for-tests-only";
  private final SparkSession spark;
  private Path dir;
  private Lake lake;
  private String driverOutput;
  private List<String> searched;

  PipelinePrivacyIT(SparkSession spark) {
    this.spark = spark;
  }

  @BeforeAll
  void runThePipelineOnPlantedInput() throws IOException, InterruptedException {
    Path planted = TestLakes.tempDir("privacy-planted");
    // the planted sources join the input groups, before the pipeline's own options
    List<String> args = new ArrayList<>(Stages.ingestArgs(ModelInput.get()));
    args.set(0, "pipeline");
    args.addAll(
        List.of(
            "--source",
            PlantedInput.jsonMapping(planted).toString(),
            "--input",
            PlantedInput.jsonLines(planted).toString(),
            "--source",
            PlantedInput.csvMapping(planted).toString(),
            "--input",
            PlantedInput.csv(planted).toString(),
            "--as-of",
            Stages.AS_OF,
            "--set",
            "privacy.mode=hash",
            // the planted sources are mostly defects (2 of 3 records each) on purpose
            "--set",
            "ingest.max-quarantine-ratio=1"));
    searched = new ArrayList<>(PlantedInput.PLANTED);
    searched.add(SECRET);
    dir = TestLakes.tempDir("privacy-lake");
    Path logs = TestLakes.tempDir("privacy-logs");
    ChildCli child =
        ChildCli.start(dir, args, logs, "pipeline", Map.of("EFFORTLENS_PSEUDONYM_KEY", SECRET));
    int code = child.await();
    driverOutput = child.text();
    assertEquals(ExitCodes.OK, code, driverOutput);
    lake = Lake.at(spark, dir.toString());
  }

  @Test
  void noPlantedValueOrSecretIsInAnyTableRow() throws IOException {
    List<String> found = new ArrayList<>();
    List<Path> tables = tables();
    for (Path table : tables) {
      Dataset<Row> json =
          spark
              .read()
              .format("delta")
              .load(table.toString())
              .select(to_json(struct(col("*"))).as("j"));
      for (String value : searched) {
        long rows = json.where(col("j").contains(value)).count();
        if (rows > 0) {
          found.add(table.getFileName() + ": " + rows + " rows contain a planted value");
        }
      }
    }
    assertEquals(List.of(), found);
    assertTrue(tables.size() >= Table.values().length - 1, "every table searched: " + tables);
  }

  @Test
  void noPlantedValueOrSecretIsInAnyDeltaLogFileTheReportOrTheDriverOutput() throws IOException {
    List<String> found = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    for (Path table : tables()) {
      try (Stream<Path> log = Files.list(table.resolve("_delta_log"))) {
        files.addAll(log.filter(f -> f.toString().endsWith(".json")).toList());
      }
    }
    Path report = dir.resolve("reports").resolve(Stages.AS_OF).resolve("index.html");
    assertTrue(Files.isRegularFile(report), "the report was written: " + report);
    files.add(report);
    for (Path file : files) {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      searched.stream().filter(text::contains).forEach(v -> found.add(file + ": " + v));
    }
    searched.stream().filter(driverOutput::contains).forEach(v -> found.add("driver output: " + v));
    assertEquals(List.of(), found);
    assertTrue(driverOutput.contains("customer_risk"), "the output was captured");
  }

  @Test
  void customerRiskIsKeyedByPseudonymsNotRawIds() {
    Dataset<Row> risk = lake.read(Table.CUSTOMER_RISK, "test");
    Dataset<Row> customers = lake.read(Table.CUSTOMERS, "test");
    assertTrue(risk.count() > 100, "scored customers");
    Column raw = risk.col("customer_key").equalTo(customers.col("customer_id"));
    assertEquals(0L, risk.join(customers, raw).count(), "no raw customer id in customer_risk");
    assertEquals(
        0L,
        risk.where(col("customer_key").rlike("^[0-9a-f]{64}$").equalTo(lit(false))).count(),
        "every key is an HMAC-SHA256 hex");
  }

  private List<Path> tables() throws IOException {
    try (Stream<Path> dirs = Files.list(dir)) {
      return dirs.filter(d -> Files.isDirectory(d.resolve("_delta_log"))).sorted().toList();
    }
  }
}
