package io.effortlens.ingest;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.get_json_object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.effortlens.lake.RunContext;
import io.effortlens.lake.Table;
import io.effortlens.testing.SparkSessionExtension;
import io.effortlens.testing.TestLakes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Binary inputs carry their record as a struct until validation; only quarantined rows get it as
 * text. The stored text is what a text-format read stores: JSON of the record's columns.
 */
@ExtendWith(SparkSessionExtension.class)
class ParquetQuarantineTest {

  @Test
  void columnsModeQuarantinesTheSameRecordsWithTheSameTextAsTheCsvRead(SparkSession spark)
      throws IOException {
    String csv = TestLakes.samples().resolve("bad/web-events-bad.csv").toString();
    Path dir = TestLakes.tempDir("parquet-input");
    spark.read().option("header", "true").csv(csv).write().parquet(dir.resolve("web").toString());
    Path mapping = asParquet(dir, "web-events", "format: csv");

    RunContext fromCsv = TestLakes.newRun(spark, "ingest.max-quarantine-ratio=1");
    IngestJob.Result csvRun =
        IngestJob.run(fromCsv, new IngestJob.Request("web-events", List.of(csv), List.of()));
    RunContext fromParquet = TestLakes.newRun(spark, "ingest.max-quarantine-ratio=1");
    IngestJob.Result parquetRun = ingest(fromParquet, mapping, dir.resolve("web"));

    List<Row> expected = quarantined(fromCsv);
    assertTrue(expected.size() >= 3, "the bad sample quarantines records: " + expected);
    assertEquals(expected, quarantined(fromParquet));
    // a CSV line that does not parse is corrupt there, but was written to Parquet with its
    // fields as Spark's lenient CSV reader split them: only the record count is the same
    assertEquals(csvRun.interactionTotal().read(), parquetRun.interactionTotal().read());
  }

  @Test
  void sqlModePassingRawThroughStoresEachQuarantinedRecordAsJson(SparkSession spark)
      throws IOException {
    String jsonl = TestLakes.samples().resolve("bad/contact-center-bad.jsonl").toString();
    Path dir = TestLakes.tempDir("parquet-input");
    String schema =
        SourceMappings.load("contact-center", TestLakes.repo().resolve("conf").toString())
            .input()
            .schema();
    spark
        .read()
        .schema(StructType.fromDDL(schema))
        .json(jsonl)
        .write()
        .parquet(dir.resolve("cc").toString());
    Path mapping = asParquet(dir, "contact-center", "format: json");

    RunContext ctx = TestLakes.newRun(spark, "ingest.max-quarantine-ratio=1");
    IngestJob.Result run = ingest(ctx, mapping, dir.resolve("cc"));

    Dataset<Row> quarantine = ctx.lake().read(Table.QUARANTINE, "test");
    long stored = quarantine.count();
    assertEquals(run.interactionTotal().quarantined(), stored);
    assertTrue(stored >= 5, "the bad sample quarantines records: " + stored);
    // every stored text is a JSON object of the raw columns: its contact_id is the record's
    long matching =
        quarantine
            .filter(col("record_key").isNotNull())
            .filter(
                col("record_key")
                    .startsWith(get_json_object(col("raw"), "$.contact_id"))
                    .and(col("raw").startsWith("{\"record_type\"")))
            .count();
    assertEquals(quarantine.filter(col("record_key").isNotNull()).count(), matching);
  }

  private static IngestJob.Result ingest(RunContext ctx, Path mapping, Path input) {
    return IngestJob.run(
        ctx, new IngestJob.Request(mapping.toString(), List.of(input.toString()), List.of()));
  }

  /** The repo's mapping of a source, reading Parquet instead of its text format. */
  private static Path asParquet(Path dir, String source, String format) throws IOException {
    Path conf = TestLakes.repo().resolve("conf/sources/" + source + ".yaml");
    Path out = dir.resolve(source + "-parquet.yaml");
    Files.writeString(
        out, Files.readString(conf).replace("\n" + format + "\n", "\nformat: parquet\n"));
    return out;
  }

  private static List<Row> quarantined(RunContext ctx) {
    return ctx.lake()
        .read(Table.QUARANTINE, "test")
        .filter(array_contains(col("reasons"), ReasonCodes.CORRUPT_RECORD).unary_$bang())
        .select("record_key", "reasons", "message", "raw")
        .orderBy("record_key", "raw")
        .collectAsList();
  }
}
