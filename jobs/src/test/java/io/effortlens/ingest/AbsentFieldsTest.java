package io.effortlens.ingest;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.effortlens.ExitCodes;
import io.effortlens.cli.EffortLensCommand;
import io.effortlens.testing.SparkSessionExtension;
import io.effortlens.testing.TestLakes;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A JSON source without {@code schema:} whose day's file lacks an optional field: the field reads
 * as null with one WARN, as long as an earlier run had it; a field no run ever had fails (exit 2).
 */
@ExtendWith(SparkSessionExtension.class)
class AbsentFieldsTest {
  private static final String MAPPING =
      "name: days\nformat: json\ncolumns:\n  interaction_id: id\n  customer_id: cust\n"
          + "  started_at: ts\n  channel: \"'web'\"\n  kind: \"'self_service'\"\n"
          + "  outcome: selfServiceResult\n";
  private static final String BUSY_DAY =
      "{\"id\":\"D1-1\",\"cust\":\"C1\",\"ts\":\"2024-03-01T09:00:00Z\",\"selfServiceResult\":\"success\"}\n"
          + "{\"id\":\"D1-2\",\"cust\":\"C2\",\"ts\":\"2024-03-01T10:00:00Z\",\"selfServiceResult\":\"failed\"}\n"
          + "{\"id\":\"D1-3\",\"cust\":\"C3\",\"ts\":\"2024-03-01T11:00:00Z\"}\n";
  private static final String QUIET_DAY =
      "{\"id\":\"D2-1\",\"cust\":\"C1\",\"ts\":\"2024-03-02T09:00:00Z\"}\n"
          + "{\"id\":\"D2-2\",\"cust\":\"C2\",\"ts\":\"2024-03-02T10:00:00Z\"}\n"
          + "{\"id\":\"D2-3\",\"cust\":\"C3\",\"ts\":\"2024-03-02T11:00:00Z\"}\n";
  private static final String WARNING = "absent from every file of this run";

  private final Path dir = TestLakes.tempDir("absent-fields");

  @Test
  void aQuietDayReadsTheMissingFieldAsNullWithOneWarning(SparkSession spark) throws IOException {
    String lake = dir.resolve("lake").toString();
    Path mapping = write("days.yaml", MAPPING);
    assertEquals(0, ingest(lake, mapping, write("day-1.jsonl", BUSY_DAY)).code());

    StringWriter log = new StringWriter();
    WriterAppender appender = captureLog(log);
    Outcome quiet;
    try {
      quiet = ingest(lake, mapping, write("day-2.jsonl", QUIET_DAY));
    } finally {
      releaseLog(appender);
    }

    assertEquals(ExitCodes.OK, quiet.code(), quiet.err());
    List<String> warnings = log.toString().lines().filter(l -> l.contains(WARNING)).toList();
    assertEquals(1, warnings.size(), log.toString());
    assertTrue(warnings.get(0).startsWith("WARN"), warnings.get(0));
    assertTrue(warnings.get(0).contains("[selfServiceResult]"), warnings.get(0));
    assertTrue(warnings.get(0).contains("day-2.jsonl"), warnings.get(0));
    var interactions = spark.read().format("delta").load(lake + "/interactions");
    assertEquals(3, interactions.filter(col("interaction_id").startsWith("D2-")).count());
    for (Row r : interactions.filter(col("interaction_id").startsWith("D2-")).collectAsList()) {
      assertNull(r.getAs("outcome"), r.toString());
    }
    assertEquals(2, interactions.filter(col("outcome").isNotNull()).count(), "day 1 kept its own");
    Map<String, Long> counts = lastRunCounts(spark, lake);
    assertEquals(3L, counts.get("days.interactions.raw_field_absent[selfServiceResult]"));
    assertFalse(counts.containsKey("days.interactions.raw_field[selfServiceResult]"), "not seen");
  }

  @Test
  void aFieldNoFileEverHadFailsNamingItAndSuggestingSchema() throws IOException {
    String lake = dir.resolve("typo-lake").toString();
    Path mapping = write("typo.yaml", MAPPING + "  intent: helpTopic\n");
    Outcome o = ingest(lake, mapping, write("day-1.jsonl", BUSY_DAY));
    assertEquals(ExitCodes.USAGE, o.code(), o.err());
    assertTrue(o.err().contains("raw field(s) 'helpTopic'"), o.err());
    assertTrue(o.err().contains("no earlier ingest of source 'days'"), o.err());
    assertTrue(o.err().contains("under 'schema:' in the mapping"), o.err());
  }

  @Test
  void findsTheTopLevelFieldsOfExpressionsAndQueriesButNotLambdaVariables(SparkSession spark) {
    Dataset<Row> raw = spark.sql("SELECT 'x' AS id, array(named_struct('q', 'a')) AS legs");
    Map<String, String> columns = new LinkedHashMap<>();
    columns.put("interaction_id", "id");
    columns.put("outcome", "selfServiceResult");
    columns.put("queue", "transform(legs, l -> l.q)[0]");
    columns.put("intent", "coalesce(topic, TOPIC, Topic2)");
    var block =
        new SourceMapping.Block(
            "json", Map.of(), null, "flag = 'y'", columns, false, null, Map.of());
    assertEquals(
        List.of("selfServiceResult", "topic", "Topic2", "flag"),
        List.copyOf(AbsentFields.find(spark, raw, block)));
    var sql =
        new SourceMapping.Block(
            "json",
            Map.of(),
            null,
            null,
            Map.of(),
            false,
            "SELECT id, upper(topic) AS intent FROM raw WHERE kind2 IS NULL",
            Map.of());
    assertEquals(Set.of("topic", "kind2"), Set.copyOf(AbsentFields.find(spark, raw, sql)));
    assertEquals(
        List.of("id", "legs", "topic"),
        List.of(AbsentFields.withNulls(raw, List.of("topic")).columns()));
  }

  record Outcome(int code, String out, String err) {}

  private Outcome ingest(String lake, Path mapping, Path input) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String conf = TestLakes.repo().resolve("conf/effortlens.yaml").toString();
    int code =
        EffortLensCommand.execute(
            new PrintWriter(out),
            new PrintWriter(err),
            "ingest",
            "--lake",
            lake,
            "--conf",
            conf,
            "--source",
            mapping.toString(),
            "--input",
            input.toString());
    return new Outcome(code, out.toString(), err.toString());
  }

  private static Map<String, Long> lastRunCounts(SparkSession spark, String lake) {
    Row run =
        spark.read().format("delta").load(lake + "/runs").orderBy(col("started_at").desc()).first();
    return run.getJavaMap(run.fieldIndex("row_counts"));
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  private static WriterAppender captureLog(StringWriter log) {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    WriterAppender appender =
        WriterAppender.createAppender(
            PatternLayout.newBuilder().withPattern("%-5p %c{1}: %m%n").build(),
            null,
            log,
            "absent-fields-capture",
            false,
            true);
    appender.start();
    context.getConfiguration().addAppender(appender);
    context.getConfiguration().getLoggerConfig("io.effortlens").addAppender(appender, null, null);
    context.updateLoggers();
    return appender;
  }

  private static void releaseLog(WriterAppender appender) {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    context.getConfiguration().getLoggerConfig("io.effortlens").removeAppender(appender.getName());
    context.updateLoggers();
    appender.stop();
  }
}
