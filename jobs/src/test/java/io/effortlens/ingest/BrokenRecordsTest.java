package io.effortlens.ingest;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.effortlens.lake.RunContext;
import io.effortlens.lake.Table;
import io.effortlens.testing.SparkSessionExtension;
import io.effortlens.testing.TestLakes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Ingests data-samples/bad (one record per defect kind, ids naming the defect) and proves every
 * record is accounted for with the documented reason code.
 */
@ExtendWith(SparkSessionExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrokenRecordsTest {
  private RunContext ctx;
  private List<IngestJob.Result> results;

  @BeforeAll
  void ingestBrokenFiles(SparkSession spark) {
    ctx = TestLakes.newRun(spark, "ingest.max-quarantine-ratio=1");
    String bad = TestLakes.samples().resolve("bad").toString();
    results =
        IngestJob.run(
            ctx,
            List.of(
                new IngestJob.Request(
                    "contact-center", List.of(bad + "/contact-center-bad.jsonl"), List.of()),
                new IngestJob.Request(
                    "web-events", List.of(bad + "/web-events-bad.csv"), List.of())));
  }

  @Test
  void contactCentreFileReconcilesExactly() {
    FileCount total = results.get(0).interactionTotal();
    // 30 non-blank lines: 28 parse, 2 do not; the sql mapping adds 5 survey rows
    assertEquals(35, total.read());
    assertEquals(11, total.accepted());
    assertEquals(22, total.quarantined());
    assertEquals(2, total.duplicates());
    assertTrue(total.balances());
  }

  @Test
  void webEventsFileReconcilesExactly() {
    FileCount total = results.get(1).interactionTotal();
    assertEquals(8, total.read());
    assertEquals(2, total.accepted());
    assertEquals(6, total.quarantined());
    assertEquals(0, total.duplicates());
  }

  @Test
  void publishedRowsAreExactlyTheAcceptedOnes() {
    long rows = ctx.lake().read(Table.INTERACTIONS, "ingest").count();
    assertEquals(13, rows);
    assertEquals(
        13, results.get(0).interactions().inserted() + results.get(1).interactions().inserted());
  }

  @Test
  void everyDefectCarriesItsReasonCode() {
    Map<String, Set<String>> reasons = quarantineReasons();
    assertEquals(Set.of("MISSING_REQUIRED:customer_id"), reasons.get("BAD-02-missing-customer"));
    assertEquals(Set.of("INVALID_VALUE:started_at"), reasons.get("BAD-04-unparseable-time"));
    assertEquals(Set.of("MISSING_REQUIRED:started_at"), reasons.get("BAD-05-missing-time"));
    assertEquals(Set.of("IMPLAUSIBLE_TIMESTAMP:started_at"), reasons.get("BAD-06-far-past"));
    assertEquals(Set.of("IMPLAUSIBLE_TIMESTAMP:started_at"), reasons.get("BAD-07-far-future"));
    assertEquals(Set.of("ENDED_BEFORE_STARTED"), reasons.get("BAD-08-negative-duration"));
    assertEquals(Set.of("UNKNOWN_VALUE:channel"), reasons.get("BAD-09-unknown-channel"));
    assertEquals(Set.of("OUT_OF_RANGE:ces"), reasons.get("BAD-10-ces-out-of-range-survey"));
    assertEquals(Set.of("OUT_OF_RANGE:csat"), reasons.get("BAD-11-csat-out-of-range-survey"));
    assertEquals(Set.of("OUT_OF_RANGE:nps"), reasons.get("BAD-12-nps-out-of-range-survey"));
    assertEquals(Set.of("NEGATIVE:wait_seconds"), reasons.get("BAD-13-negative-wait"));
    assertEquals(Set.of("UNKNOWN_VALUE:action_type"), reasons.get("BAD-14-unknown-action"));
    assertEquals(Set.of("NEGATIVE:amount"), reasons.get("BAD-15-negative-amount"));
    assertEquals(Set.of("UNKNOWN_VALUE:lifecycle_event"), reasons.get("BAD-16-unknown-event"));
    assertEquals(Set.of("MISSING_FOR_KIND:action_type"), reasons.get("BAD-17-action-without-type"));
    assertEquals(Set.of("INVALID_VALUE:resolved"), reasons.get("BAD-18-bad-boolean"));
    assertEquals(
        Set.of("ANSWERED_BEFORE_STARTED"), reasons.get("BAD-19-answer-before-contact-survey"));
    assertEquals(Set.of("INVALID_VALUE:amount"), reasons.get("BAD-20-wrong-type"));
    assertEquals(
        Set.of(
            "MISSING_REQUIRED:customer_id",
            "UNKNOWN_VALUE:channel",
            "ENDED_BEFORE_STARTED",
            "INVALID_VALUE:resolved"),
        reasons.get("BAD-23-many-defects"));
  }

  @Test
  void webDefectsCarryTheirReasonCodes() {
    Map<String, Set<String>> reasons = quarantineReasons();
    assertEquals(Set.of("UNKNOWN_VALUE:channel"), reasons.get("BAD-W2-unknown-platform"));
    assertEquals(Set.of("OUT_OF_RANGE:quantity"), reasons.get("BAD-W3-zero-count"));
    assertEquals(Set.of("INVALID_VALUE:started_at"), reasons.get("BAD-W4-bad-time"));
    assertEquals(Set.of("MISSING_REQUIRED:customer_id"), reasons.get("BAD-W5-missing-user"));
    assertEquals(Set.of("INVALID_VALUE:quantity"), reasons.get("BAD-W6-count-not-number"));
  }

  @Test
  void brokenLinesAreQuarantinedWithTheirRawText(SparkSession spark) {
    List<Row> corrupt =
        ctx.lake()
            .read(Table.QUARANTINE, "ingest")
            .filter(functionsArrayContains("CORRUPT_RECORD"))
            .select("raw", "source")
            .collectAsList();
    Set<String> raws = new TreeSet<>();
    corrupt.forEach(r -> raws.add(r.getString(0)));
    assertEquals(3, corrupt.size(), "truncated JSON, a top-level array, a CSV row with 10 fields");
    assertTrue(raws.stream().anyMatch(r -> r.contains("BAD-01-truncated-json")));
    assertTrue(raws.stream().anyMatch(r -> r.contains("BAD-24-not-an-object")));
    assertTrue(raws.stream().anyMatch(r -> r.contains("BAD-W1-too-many-fields")));
  }

  @Test
  void emptyIdIsMissingNotInvalid() {
    Row row =
        ctx.lake()
            .read(Table.QUARANTINE, "ingest")
            // the record's marker sits in agent_notes, which quarantine.raw redacts (personal)
            .filter(col("raw").contains("\"contact_id\":\"\""))
            .select("reasons")
            .first();
    assertEquals(List.of("MISSING_REQUIRED:interaction_id"), row.getList(0));
  }

  @Test
  void newestDeliveryOfARepeatedIdWins() {
    Row row =
        ctx.lake()
            .read(Table.INTERACTIONS, "ingest")
            .filter(col("interaction_id").equalTo("BAD-21-redelivered"))
            .select("intent")
            .first();
    assertEquals("delivery", row.getString(0));
  }

  private Map<String, Set<String>> quarantineReasons() {
    Map<String, Set<String>> out = new HashMap<>();
    ctx.lake()
        .read(Table.QUARANTINE, "ingest")
        .filter(col("record_key").isNotNull())
        .select("record_key", "reasons")
        .collectAsList()
        .forEach(r -> out.put(r.getString(0), new TreeSet<>(r.<String>getList(1))));
    out.replaceAll((k, v) -> Set.copyOf(v));
    return out;
  }

  private static org.apache.spark.sql.Column functionsArrayContains(String code) {
    return org.apache.spark.sql.functions.array_contains(col("reasons"), code);
  }
}
