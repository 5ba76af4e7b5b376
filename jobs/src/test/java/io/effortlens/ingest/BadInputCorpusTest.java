package io.effortlens.ingest;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.effortlens.EffortLensException;
import io.effortlens.ExitCodes;
import io.effortlens.lake.RunContext;
import io.effortlens.lake.Table;
import io.effortlens.testing.SparkSessionExtension;
import io.effortlens.testing.TestLakes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Ingests the file-level corpus of data-samples/bad/files (plus a 10 MB line generated here) in one
 * run of four sources and proves, for every file given, that read = accepted + quarantined +
 * duplicates and that read equals the records counted in plain Java; then checks each documented
 * outcome.
 */
@ExtendWith(SparkSessionExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputCorpusTest {
  private static final Path BAD = TestLakes.samples().resolve("bad");
  private static final Path FILES = BAD.resolve("files");
  private static final int TEN_MB = 10 * 1024 * 1024;

  /** One input file of a source with the number of records counted independently. */
  private record Input(String source, Path file, long records) {}

  private final List<Input> inputs = new ArrayList<>();
  private final Map<String, FileCount> counts = new HashMap<>();
  private RunContext ctx;

  @BeforeAll
  void ingestCorpus(SparkSession spark) {
    Path bigLine = writeBigLine();
    ctx = TestLakes.newRun(spark, "ingest.max-quarantine-ratio=1");
    List<IngestJob.Result> results =
        IngestJob.run(
            ctx,
            List.of(
                request("contact-center", contactCentreInputs(bigLine)),
                request("web-events", webEventInputs()),
                request(mapping("web-events-multiline"), multiLineInputs()),
                request(mapping("contact-center-utf16"), utf16Inputs())));
    for (IngestJob.Result result : results) {
      result.interactionFiles().forEach(c -> counts.put(key(result.source(), c.file()), c));
    }
  }

  private List<Input> contactCentreInputs(Path bigLine) {
    String source = "contact-center";
    List<Input> added = new ArrayList<>();
    for (String name :
        List.of(
            "bom.jsonl",
            "invalid-utf8.jsonl",
            "empty.jsonl",
            "zero-byte.jsonl",
            "mixed-timestamps.jsonl",
            "mixed-formats/2024-03-01.jsonl",
            "mixed-formats/2024-03-01.csv")) {
      added.add(jsonInput(source, FILES.resolve(name)));
    }
    added.add(jsonInput(source, bigLine));
    return added;
  }

  private List<Input> webEventInputs() {
    String source = "web-events";
    List<Input> added = new ArrayList<>();
    for (String name :
        List.of(
            "bom.csv",
            "embedded-newlines.csv",
            "missing-fields.csv",
            "drift/2024-03-01.csv",
            "drift/2024-03-02.csv",
            "drift/2024-03-03.csv",
            "header-only.csv",
            "zero-byte.csv")) {
      Path file = FILES.resolve(name);
      added.add(new Input(source, file, RecordCounts.csvLines(file)));
    }
    return added;
  }

  private List<Input> multiLineInputs() {
    Path file = FILES.resolve("embedded-newlines.csv");
    return List.of(new Input("web-events-multiline", file, RecordCounts.csvRecords(file)));
  }

  private List<Input> utf16Inputs() {
    Path file = FILES.resolve("utf16.jsonl");
    return List.of(
        new Input(
            "contact-center-utf16", file, RecordCounts.jsonLines(file, StandardCharsets.UTF_16)));
  }

  private static Input jsonInput(String source, Path file) {
    return new Input(source, file, RecordCounts.jsonLines(file, StandardCharsets.UTF_8));
  }

  private IngestJob.Request request(String source, List<Input> files) {
    inputs.addAll(files);
    return new IngestJob.Request(
        source, files.stream().map(i -> i.file().toString()).toList(), List.of());
  }

  @Test
  void everyFileReconcilesAndReadsEveryRecordCountedInJava() {
    assertEquals(18, inputs.size());
    for (Input input : inputs) {
      FileCount count = counts.get(key(input.source(), input.file().toUri().toString()));
      String name = input.source() + " " + input.file().getFileName();
      long read = count == null ? 0 : count.read();
      assertEquals(input.records(), read, name + ": records in the file vs read");
      assertTrue(count == null || count.balances(), name + " does not balance: " + count);
    }
    assertEquals(counts.size(), inputs.stream().filter(i -> i.records() > 0).count());
  }

  @Test
  void emptyAndZeroByteFilesReadNothingAndFailNothing() {
    assertAll(
        () -> assertEquals(0, Files.size(FILES.resolve("zero-byte.jsonl"))),
        () -> assertEquals(0, Files.size(FILES.resolve("zero-byte.csv"))),
        () -> assertEquals(0, read("contact-center", "empty.jsonl")),
        () -> assertEquals(0, read("contact-center", "zero-byte.jsonl")),
        () -> assertEquals(0, read("web-events", "header-only.csv")),
        () -> assertEquals(0, read("web-events", "zero-byte.csv")));
  }

  @Test
  void outcomesPerRecordAreTheDocumentedOnes() {
    Map<String, String> outcomes = outcomes();
    Map<String, String> expected = new TreeMap<>();
    expected.put("contact-center FILE-01-bom-first-line", "accepted");
    expected.put("contact-center FILE-01-bom-second-line", "accepted");
    expected.put("web-events FILE-02-bom-csv-a", "accepted");
    expected.put("web-events FILE-02-bom-csv-b", "accepted");
    expected.put("contact-center FILE-03-invalid-utf8-in-value", "accepted");
    expected.put("contact-center-utf16 FILE-04-utf16-first", "accepted");
    expected.put("contact-center-utf16 FILE-04-utf16-second", "accepted");
    expected.put("web-events FILE-05-plain", "accepted");
    expected.put("web-events FILE-05-quoted-comma", "accepted");
    expected.put("web-events FILE-05-doubled-quotes", "accepted");
    expected.put("web-events-multiline FILE-05-plain", "accepted");
    expected.put("web-events-multiline FILE-05-quoted-comma", "accepted");
    expected.put("web-events-multiline FILE-05-doubled-quotes", "accepted");
    expected.put("web-events-multiline FILE-05-embedded-newline", "accepted");
    expected.put("web-events FILE-05-embedded-newline", "CORRUPT_RECORD");
    expected.put("web-events line two\"", "CORRUPT_RECORD");
    expected.put("web-events FILE-06-complete", "accepted");
    expected.put("web-events FILE-06-missing-fields", "CORRUPT_RECORD");
    expected.put("web-events FILE-07-drift-day1", "accepted");
    expected.put("web-events FILE-07-drift-day2-reordered-extra-no-topic", "accepted");
    expected.put("web-events FILE-07-drift-day3-no-user-column", "MISSING_REQUIRED:customer_id");
    expected.put("contact-center FILE-08-ten-megabyte-line", "accepted");
    expected.put("contact-center FILE-08-after-the-big-line", "accepted");
    expected.put("contact-center FILE-09-mixed-json-a", "accepted");
    expected.put("contact-center FILE-09-mixed-json-b", "accepted");
    for (String id :
        List.of("zulu", "offset", "negative-offset", "space-no-zone", "fraction", "epoch-millis")) {
      expected.put("contact-center FILE-10-ts-" + id, "accepted");
    }
    expected.put("contact-center FILE-10-ts-region-zone", "accepted");
    expected.put("contact-center FILE-10-ts-date-only", "accepted");
    expected.put("contact-center FILE-10-ts-epoch-seconds", "IMPLAUSIBLE_TIMESTAMP:started_at");
    expected.put("contact-center FILE-10-ts-us-format", "INVALID_VALUE:started_at");
    expected.put("contact-center FILE-10-ts-rfc1123", "INVALID_VALUE:started_at");
    assertEquals(expected, outcomes);
  }

  @Test
  void brokenLinesAreQuarantinedAsCorruptWithTheirRawText() {
    List<String> raws =
        ctx.lake()
            .read(Table.QUARANTINE, "ingest")
            .filter(array_contains(col("reasons"), "CORRUPT_RECORD"))
            .orderBy("source", "raw")
            .selectExpr("concat(source, ' ', substr(raw, 1, 24))")
            .as(Encoders.STRING())
            .collectAsList();
    assertEquals(
        List.of(
            "contact-center FILE-09-mixed-csv-row,C9",
            "contact-center event_id,user_id,ts_epoc",
            "contact-center {\"record_type\":\"contact\"",
            "web-events FILE-05-embedded-newline",
            "web-events FILE-06-missing-fields,C",
            "web-events line two\",ok,S4,1"),
        raws);
  }

  @Test
  void mixedTimestampFormatsAndZonesMeanTheSameInstant() {
    Map<String, String> at = values("contact-center", "cast(started_at AS STRING)");
    for (String id :
        List.of("zulu", "offset", "negative-offset", "space-no-zone", "fraction", "region-zone")) {
      assertEquals("2024-03-01 10:15:00", at.get("FILE-10-ts-" + id), id);
    }
    assertEquals("2024-03-01 10:15:00", at.get("FILE-10-ts-epoch-millis"));
    assertEquals("2024-03-01 00:00:00", at.get("FILE-10-ts-date-only"));
  }

  @Test
  void quotedFieldsKeepCommasQuotesAndNewlinesWithMultiLine() {
    // intent is normalized: lower case, runs of white space and '-' become '_'
    Map<String, String> intent = values("web-events-multiline", "intent");
    assertEquals("billing,_refunds", intent.get("FILE-05-quoted-comma"));
    assertEquals("the_\"new\"_plan", intent.get("FILE-05-doubled-quotes"));
    assertEquals("line_one_line_two", intent.get("FILE-05-embedded-newline"));
  }

  @Test
  void driftedHeadersAreReadByNameAndExtraColumnsKept() {
    Map<String, String> drifted =
        values("web-events", "concat_ws('|', intent, attributes.referrer)");
    assertEquals("billing", drifted.get("FILE-07-drift-day1"));
    assertEquals("newsletter", drifted.get("FILE-07-drift-day2-reordered-extra-no-topic"));
  }

  @Test
  void invalidUtf8BytesInAValueBecomeReplacementCharacters() {
    String intent = values("contact-center", "intent").get("FILE-03-invalid-utf8-in-value");
    assertEquals("billing_\uFFFD(_\uFFFD", intent);
  }

  @Test
  void utf16WithoutTheEncodingOptionStopsNamingTheFileAndTheFix(SparkSession spark) {
    String file = FILES.resolve("utf16.jsonl").toString();
    EffortLensException e =
        assertThrows(
            EffortLensException.class,
            () ->
                IngestJob.run(
                    TestLakes.newRun(spark),
                    new IngestJob.Request("contact-center", List.of(file), List.of())));
    assertEquals(ExitCodes.USAGE, e.exitCode());
    assertTrue(e.getMessage().contains("utf16.jsonl"), e.getMessage());
    assertTrue(e.getMessage().contains("options: {encoding: UTF-16}"), e.getMessage());
  }

  @Test
  void jsonFileInACsvSourceStopsInsteadOfLosingItsFirstRecord(SparkSession spark) {
    String folder = FILES.resolve("mixed-formats").toString();
    EffortLensException e =
        assertThrows(
            EffortLensException.class,
            () ->
                IngestJob.run(
                    TestLakes.newRun(spark),
                    new IngestJob.Request("web-events", List.of(folder), List.of())));
    assertEquals(ExitCodes.USAGE, e.exitCode());
    assertTrue(e.getMessage().contains("2024-03-01.jsonl as CSV"), e.getMessage());
  }

  @Test
  void zeroByteCsvDeliveryWithoutSchemaStopsNamingTheFix(SparkSession spark) {
    String file = FILES.resolve("zero-byte.csv").toString();
    EffortLensException e =
        assertThrows(
            EffortLensException.class,
            () ->
                IngestJob.run(
                    TestLakes.newRun(spark),
                    new IngestJob.Request("web-events", List.of(file), List.of())));
    assertEquals(ExitCodes.USAGE, e.exitCode());
    assertTrue(e.getMessage().contains("declare the raw columns with 'schema:'"), e.getMessage());
  }

  @Test
  void zeroByteCsvDeliveryWithSchemaReadsNothingAndFailsNothing(SparkSession spark) {
    String file = FILES.resolve("zero-byte.csv").toString();
    IngestJob.Result result =
        IngestJob.run(
            TestLakes.newRun(spark),
            new IngestJob.Request(mapping("web-events-multiline"), List.of(file), List.of()));
    assertEquals(new FileCount("total", 0, 0, 0, 0, 0), result.interactionTotal());
  }

  /** "source id" → "accepted", a duplicate, or the sorted reason codes of a quarantined row. */
  private Map<String, String> outcomes() {
    Map<String, String> out = new TreeMap<>();
    ctx.lake()
        .read(Table.INTERACTIONS, "ingest")
        .select("source", "interaction_id")
        .collectAsList()
        .forEach(r -> out.put(r.getString(0) + " " + r.getString(1), "accepted"));
    ctx.lake()
        .read(Table.QUARANTINE, "ingest")
        .filter(col("record_key").isNotNull())
        .select("source", "record_key", "reasons")
        .collectAsList()
        .forEach(r -> out.put(r.getString(0) + " " + r.getString(1), reasons(r)));
    return out;
  }

  /** interaction_id → a SQL expression over the published rows of one source. */
  private Map<String, String> values(String source, String expression) {
    Map<String, String> out = new HashMap<>();
    ctx.lake()
        .read(Table.INTERACTIONS, "ingest")
        .filter(col("source").equalTo(source))
        .selectExpr("interaction_id", expression)
        .collectAsList()
        .forEach(r -> out.put(r.getString(0), r.getString(1)));
    return out;
  }

  private static String reasons(Row row) {
    return String.join(",", new TreeSet<>(row.<String>getList(2)));
  }

  private long read(String source, String name) {
    FileCount count = counts.get(key(source, FILES.resolve(name).toUri().toString()));
    return count == null ? 0 : count.read();
  }

  private static String key(String source, String file) {
    return source + " " + Path.of(URI.create(file.replace("file:/", "file:///"))).normalize();
  }

  private static String mapping(String name) {
    return BAD.resolve("mappings").resolve(name + ".yaml").toString();
  }

  /** One JSON line of about 10 MB (an agent note), then an ordinary line. */
  private static Path writeBigLine() {
    Path file = TestLakes.tempDir("big-line").resolve("big-line.jsonl");
    String record =
        "{\"record_type\":\"contact\",\"contact_id\":\"%s\",\"cust_ref\":\"C9100001\","
            + "\"channel_code\":\"CHAT\",\"start_time\":\"2024-03-01T10:15:00Z\","
            + "\"agent_notes\":\"%s\"}\n";
    String big = String.format(record, "FILE-08-ten-megabyte-line", "x".repeat(TEN_MB));
    String after = String.format(record, "FILE-08-after-the-big-line", "short");
    try {
      Files.writeString(file, big + after);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }
}
