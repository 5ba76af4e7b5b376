package io.effortlens.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.effortlens.lake.RunContext;
import io.effortlens.lake.Runs;
import io.effortlens.lake.Table;
import io.effortlens.testing.SparkSessionExtension;
import io.effortlens.testing.TestLakes;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Plants recognizable personal values in JSON and CSV input ingested with {@code keep_unmapped},
 * then searches every table, every Delta log file and the captured log for them: none is found.
 */
@ExtendWith(SparkSessionExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PersonalDataLeakTest {
  /** Substrings of the planted values; none may appear anywhere in the lake or the log. */
  static final List<String> PLANTED = PlantedInput.PLANTED;

  private RunContext ctx;
  private final StringWriter log = new StringWriter();

  @BeforeAll
  void ingestPlantedRecords(SparkSession spark) throws IOException {
    Path dir = TestLakes.tempDir("privacy-input");
    ctx = TestLakes.newRun(spark, "ingest.max-quarantine-ratio=1");
    WriterAppender appender = captureLog();
    try {
      IngestJob.run(
          ctx,
          List.of(
              new IngestJob.Request(
                  PlantedInput.jsonMapping(dir).toString(),
                  List.of(PlantedInput.jsonLines(dir).toString()),
                  List.of()),
              new IngestJob.Request(
                  PlantedInput.csvMapping(dir).toString(),
                  List.of(PlantedInput.csv(dir).toString()),
                  List.of())));
      Runs.record(ctx, TestLakes.RUN_START.plusSeconds(60), "succeeded", 0, "ok");
    } finally {
      releaseLog(appender);
    }
  }

  @Test
  void noPlantedValueIsInAnyTable() {
    List<String> found = new ArrayList<>();
    StringBuilder all = new StringBuilder();
    for (Path table : tables()) {
      String rows =
          String.join(
              "\n",
              ctx.lake()
                  .spark()
                  .read()
                  .format("delta")
                  .load(table.toString())
                  .select(to_json(struct(col("*"))))
                  .as(org.apache.spark.sql.Encoders.STRING())
                  .collectAsList());
      all.append(rows);
      PLANTED.stream()
          .filter(rows::contains)
          .forEach(v -> found.add(table.getFileName() + ":" + v));
    }
    assertEquals(List.of(), found);
    assertTrue(all.toString().contains("\"plan\":\"gold\""), "the scan sees kept attributes");
  }

  @Test
  void noPlantedValueIsInAnyDeltaLogFile() throws IOException {
    List<String> found = new ArrayList<>();
    for (Path table : tables()) {
      try (Stream<Path> files = Files.list(table.resolve("_delta_log"))) {
        for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
          String text = Files.readString(file, StandardCharsets.UTF_8);
          PLANTED.stream().filter(text::contains).forEach(v -> found.add(file + ":" + v));
        }
      }
    }
    assertEquals(List.of(), found);
  }

  @Test
  void noPlantedValueIsInTheLogButTheExplicitMappingIsWarnedAbout() {
    String text = log.toString();
    assertEquals(List.of(), PLANTED.stream().filter(text::contains).toList());
    assertTrue(text.contains("stage=ingest-validate"), "the log was captured: " + text);
    assertTrue(
        text.contains("maps personal raw column 'customer_email_id' explicitly"),
        "explicitly mapped personal column is warned about: " + text);
  }

  @Test
  void everyRecordIsAccountedForSoNothingWasDroppedToHideIt() {
    Set<String> ids =
        Set.copyOf(
            ctx.lake()
                .read(Table.INTERACTIONS, "ingest")
                .select("interaction_id")
                .as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList());
    assertEquals(Set.of("P1", "W1"), ids);
    assertEquals(4L, ctx.lake().read(Table.QUARANTINE, "ingest").count(), "P2, P3, W2, W3");
  }

  @Test
  void personalColumnsAreLeftOutOfAttributesAndOtherValuesAreRedacted() {
    Row p1 = interaction("P1");
    scala.collection.Map<String, String> attributes = p1.getAs("attributes");
    assertEquals(Set.of("device_info", "device", "plan"), keys(attributes));
    assertEquals("owner [redacted-email] tel [redacted-phone]", attributes.apply("device_info"));
    assertEquals("{\"os\":\"ios\",\"owner_name\":\"[redacted]\"}", attributes.apply("device"));
    Row w1 = interaction("W1");
    assertEquals(Set.of("device_info", "plan"), keys(w1.getAs("attributes")));
  }

  @Test
  void quarantinedRawKeepsItsShapeWithPersonalValuesRedacted() {
    String raw =
        ctx.lake()
            .read(Table.QUARANTINE, "ingest")
            .filter(col("raw").contains("\"P2\""))
            .select("raw")
            .as(org.apache.spark.sql.Encoders.STRING())
            .first();
    assertTrue(raw.contains("\"full_name\":\"[redacted]\""), raw);
    assertTrue(raw.contains("\"callerEmail\":\"[redacted]\""), raw);
    assertTrue(
        raw.contains("\"device_info\":\"owner [redacted-email] tel [redacted-phone]\""), raw);
    assertTrue(raw.contains("\"ts\":\"not-a-time\""), "the defect stays visible: " + raw);
  }

  private Row interaction(String id) {
    return ctx.lake()
        .read(Table.INTERACTIONS, "ingest")
        .filter(col("interaction_id").equalTo(id))
        .first();
  }

  private static Set<String> keys(scala.collection.Map<String, String> map) {
    return Set.copyOf(scala.collection.JavaConverters.setAsJavaSet(map.keySet()));
  }

  private List<Path> tables() {
    try (Stream<Path> dirs = Files.list(Path.of(ctx.lake().root()))) {
      List<Path> tables =
          dirs.filter(d -> Files.isDirectory(d.resolve("_delta_log"))).sorted().toList();
      assertTrue(tables.size() >= 4, "interactions, quarantine, quality_results, runs: " + tables);
      return tables;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private WriterAppender captureLog() {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    WriterAppender appender =
        WriterAppender.createAppender(
            PatternLayout.newBuilder().withPattern("%-5p %c{1}: %m%n").build(),
            null,
            log,
            "privacy-capture",
            false,
            true);
    appender.start();
    context.getConfiguration().addAppender(appender);
    context.getConfiguration().getRootLogger().addAppender(appender, null, null);
    context.getConfiguration().getLoggerConfig("io.effortlens").addAppender(appender, null, null);
    context.updateLoggers();
    return appender;
  }

  private static void releaseLog(WriterAppender appender) {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    context.getConfiguration().getRootLogger().removeAppender(appender.getName());
    context.getConfiguration().getLoggerConfig("io.effortlens").removeAppender(appender.getName());
    context.updateLoggers();
    appender.stop();
  }
}
