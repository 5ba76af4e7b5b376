package io.effortlens.ingest;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.effortlens.ExitCodes;
import io.effortlens.cli.EffortLensCommand;
import io.effortlens.lake.RunContext;
import io.effortlens.testing.SparkSessionExtension;
import io.effortlens.testing.TestLakes;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * sql mode accounts for every raw record: raw read = with output + dropped_by_query per file,
 * printed and stored in {@code runs.row_counts}. File a: 4 records, A1 gives two rows (activity and
 * survey), A3 one, A2 and A4 none. File b: 3 records, B1 gives one row, B2 none, B3 is broken (its
 * CORRUPT_RECORD row is its output).
 */
@ExtendWith(SparkSessionExtension.class)
class SqlModeAccountingTest {
  private static final String SELECT =
      "SELECT id AS interaction_id, cust AS customer_id, ts AS started_at, 'app' AS channel,";
  private static final String QUERY =
      SELECT
          + " 'activity' AS kind, 'login' AS activity_type, n AS quantity, CAST(NULL AS INT) AS"
          + " ces, _source_file, _raw, _delivered_at, _ordinal FROM raw WHERE n > 0 UNION ALL "
          + "SELECT concat(id, '-survey'), cust, ts, 'app', 'survey', NULL, NULL,"
          + " CAST(survey AS INT), _source_file, _raw, _delivered_at, _ordinal FROM raw"
          + " WHERE survey IS NOT NULL";
  private static final String FILE_A =
      "{\"id\":\"A1\",\"cust\":\"C1\",\"ts\":\"2024-03-01T09:00:00Z\",\"n\":2,\"survey\":5}\n"
          + "{\"id\":\"A2\",\"cust\":\"C1\",\"ts\":\"2024-03-01T10:00:00Z\",\"n\":0}\n"
          + "{\"id\":\"A3\",\"cust\":\"C2\",\"ts\":\"2024-03-01T11:00:00Z\",\"n\":1}\n"
          + "{\"id\":\"A4\",\"cust\":\"C2\",\"ts\":\"2024-03-01T12:00:00Z\",\"n\":0}\n";
  private static final String FILE_B =
      "{\"id\":\"B1\",\"cust\":\"C3\",\"ts\":\"2024-03-02T09:00:00Z\",\"n\":3}\n"
          + "{\"id\":\"B2\",\"cust\":\"C3\",\"ts\":\"2024-03-02T10:00:00Z\",\"n\":0}\n"
          + "{\"id\":\"B3\",\"cust\":\n";

  private final Path dir = TestLakes.tempDir("sql-accounting");

  @Test
  void everyRawRecordHasOutputOrIsDroppedByTheQueryPerFileInRuns(SparkSession spark)
      throws IOException {
    String lake = dir.resolve("lake").toString();
    Path mapping = mapping("sql-counts", QUERY);
    Path a = write("a.jsonl", FILE_A);
    Path b = write("b.jsonl", FILE_B);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        EffortLensCommand.execute(
            new PrintWriter(out),
            new PrintWriter(err),
            "ingest",
            "--lake",
            lake,
            "--conf",
            TestLakes.repo().resolve("conf/effortlens.yaml").toString(),
            "--set",
            "ingest.max-quarantine-ratio=1",
            "--source",
            mapping.toString(),
            "--input",
            a.toString(),
            b.toString());

    assertEquals(ExitCodes.OK, code, err.toString());
    String summary = out.toString();
    assertTrue(summary.contains("raw read = with output + dropped_by_query"), summary);
    assertTrue(summary.contains("a.jsonl: 4 = 2 + 2"), summary);
    assertTrue(summary.contains("b.jsonl: 3 = 2 + 1"), summary);
    assertTrue(summary.contains("total: 7 = 4 + 3"), summary);
    assertTrue(summary.contains("total: 5 = 4 + 1 + 0"), "output rows as before: " + summary);
    assertFalse(summary.contains("MISMATCH"), summary);
    Row run = spark.read().format("delta").load(lake + "/runs").first();
    Map<String, Long> counts = run.getJavaMap(run.fieldIndex("row_counts"));
    String name = "sql-counts.interactions.";
    String fileA = "[" + a.toUri().toString().replace("file:///", "file:/") + "]";
    String fileB = "[" + b.toUri().toString().replace("file:///", "file:/") + "]";
    assertEquals(4L, counts.get(name + "raw_read" + fileA), counts.toString());
    assertEquals(2L, counts.get(name + "with_output" + fileA));
    assertEquals(2L, counts.get(name + "dropped_by_query" + fileA));
    assertEquals(3L, counts.get(name + "raw_read" + fileB));
    assertEquals(2L, counts.get(name + "with_output" + fileB));
    assertEquals(1L, counts.get(name + "dropped_by_query" + fileB));
    assertEquals(7L, counts.get(name + "raw_read"));
    assertEquals(3L, counts.get(name + "dropped_by_query"));
    assertEquals(5L, counts.get(name + "read"), "read stays the query's rows");
  }

  @Test
  void aQueryWithoutLineageCountsRawRecordsOnly(SparkSession spark) throws IOException {
    RunContext ctx = TestLakes.newRun(spark, "ingest.max-quarantine-ratio=1");
    String untraced = QUERY.replace(", _source_file, _raw, _delivered_at, _ordinal", "");
    Path mapping = mapping("sql-untraced", untraced);
    IngestJob.Result result =
        IngestJob.run(
            ctx,
            new IngestJob.Request(
                mapping.toString(), List.of(write("a.jsonl", FILE_A).toString()), List.of()));

    QueryCount total = result.interactionQueryTotal();
    assertFalse(total.traced());
    assertEquals(4, total.rawRead());
    assertEquals(4L, ctx.rowCounts().get("sql-untraced.interactions.raw_read"));
    assertFalse(ctx.rowCounts().containsKey("sql-untraced.interactions.dropped_by_query"));
    assertEquals(
        3,
        ctx.lake()
            .read(io.effortlens.lake.Table.INTERACTIONS, "ingest")
            .filter(col("source").equalTo("sql-untraced"))
            .count());
  }

  private Path mapping(String name, String query) throws IOException {
    return write(name + ".yaml", "name: " + name + "\nformat: json\nsql: \"" + query + "\"\n");
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }
}
