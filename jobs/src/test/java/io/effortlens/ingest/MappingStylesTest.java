package io.effortlens.ingest;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.effortlens.lake.RunContext;
import io.effortlens.lake.Table;
import io.effortlens.testing.SparkSessionExtension;
import io.effortlens.testing.TestLakes;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Both mapping styles produce the canonical values: sql mode (contact-centre export with nested
 * legs and embedded surveys) and columns mode (web events CSV), plus the customers block.
 */
@ExtendWith(SparkSessionExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MappingStylesTest {
  private RunContext ctx;

  @BeforeAll
  void ingestGoodRecords(SparkSession spark) {
    ctx = TestLakes.newRun(spark, "ingest.max-quarantine-ratio=1");
    String bad = TestLakes.samples().resolve("bad").toString();
    String customers =
        TestLakes.repo().resolve("jobs/src/test/resources/ingest/customers.csv").toString();
    IngestJob.run(
        ctx,
        List.of(
            new IngestJob.Request(
                "contact-center", List.of(bad + "/contact-center-bad.jsonl"), List.of(customers)),
            new IngestJob.Request("web-events", List.of(bad + "/web-events-bad.csv"), List.of())));
  }

  @Test
  void sqlModeFlattensTransferLegsAndNormalizesZones() {
    Row r = row("GOOD-01");
    assertEquals(ts("2024-03-01T09:15:00Z"), r.getAs("started_at"), "+01:00 becomes UTC");
    assertEquals("phone", r.getAs("channel"));
    assertEquals("contact", r.getAs("kind"));
    assertEquals("billing", r.getAs("intent"), "intent is lower-cased");
    assertEquals(1, (int) r.getAs("transfers"), "two legs are one transfer");
    assertEquals(45.0, (double) r.getAs("wait_seconds"));
    assertEquals(340.0, (double) r.getAs("handle_seconds"));
    assertEquals("tech", r.getAs("queue"));
    assertEquals(false, r.getAs("resolved"));
    assertEquals(true, r.getAs("repeated_info"));
    assertEquals("T1", r.getAs("case_id"));
  }

  @Test
  void sqlModeTurnsAnEmbeddedSurveyIntoASurveyRow() {
    Row r = row("GOOD-01-survey");
    assertEquals("survey", r.getAs("kind"));
    assertEquals(3, (int) r.getAs("ces"));
    assertEquals(2, (int) r.getAs("csat"));
    assertEquals(4, (int) r.getAs("nps"));
    assertEquals(Timestamp.from(Instant.ofEpochMilli(1709388100000L)), r.getAs("answered_at"));
  }

  @Test
  void epochMillisOffsetsAndActionsAreCanonical() {
    Row action = row("GOOD-03");
    assertEquals(ts("2024-03-03T09:00:00Z"), action.getAs("started_at"), "epoch millis text");
    assertEquals("refund", action.getAs("action_type"));
    assertEquals(12.5, (double) action.getAs("amount"));
    Row cancel = row("GOOD-04");
    assertEquals(ts("2024-04-03T03:30:00Z"), cancel.getAs("started_at"), "+05:30 becomes UTC");
    assertEquals("lifecycle", cancel.getAs("kind"));
    assertEquals("cancel", cancel.getAs("lifecycle_event"));
    assertEquals(java.sql.Date.valueOf("2024-04-03"), cancel.getAs("event_date"));
  }

  @Test
  void columnsModeMapsSelfServiceAndActivity() {
    Row help = row("GOOD-W1");
    assertEquals("web", help.getAs("channel"));
    assertEquals("self_service", help.getAs("kind"));
    assertEquals("failed", help.getAs("outcome"));
    assertEquals("billing", help.getAs("intent"));
    Row login = row("GOOD-W2");
    assertEquals("app", login.getAs("channel"));
    assertEquals("activity", login.getAs("kind"));
    assertEquals("login", login.getAs("activity_type"));
    assertEquals(5, (int) login.getAs("quantity"));
    assertNull(login.getAs("outcome"));
    scala.collection.Map<String, String> attributes = login.getAs("attributes");
    assertEquals("S2", attributes.apply("session_id"), "unmapped raw columns are kept");
    assertFalse(attributes.contains("user_id"), "mapped raw columns are not repeated");
  }

  @Test
  void customersBlockKeepsExtraControlColumns() {
    Row c =
        ctx.lake()
            .read(Table.CUSTOMERS, "ingest")
            .filter(col("customer_id").equalTo("C9000001"))
            .first();
    assertEquals(ts("2023-01-05T00:00:00Z"), c.getAs("signup_at"));
    assertEquals(9.99, (double) c.getAs("monthly_value"));
    assertEquals("annual", c.getAs("contract"), "an extra mapped column becomes a table column");
  }

  private Row row(String id) {
    return ctx.lake()
        .read(Table.INTERACTIONS, "ingest")
        .filter(col("interaction_id").equalTo(id))
        .first();
  }

  private static Timestamp ts(String instant) {
    return Timestamp.from(Instant.parse(instant));
  }
}
