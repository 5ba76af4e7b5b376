package io.effortlens.ingest;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.effortlens.lake.RunContext;
import io.effortlens.lake.Table;
import io.effortlens.testing.SparkSessionExtension;
import io.effortlens.testing.TestLakes;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The README's example of a log nobody designed for us (conf/sources/telephony-cdr.yaml): local
 * German time across a DST change, mm:ss durations, a where filter, all reconciled.
 */
@ExtendWith(SparkSessionExtension.class)
class ForeignLogMappingTest {
  @Test
  void legacyTelephonyExportBecomesCanonicalAndReconciles(SparkSession spark) {
    RunContext ctx = TestLakes.newRun(spark, "ingest.max-quarantine-ratio=0.5");
    String file = TestLakes.samples().resolve("examples/telephony-cdr.csv").toString();
    IngestJob.Result result =
        IngestJob.run(ctx, new IngestJob.Request("telephony-cdr", List.of(file), List.of()));
    FileCount total = result.interactionTotal();
    assertEquals(5, total.read());
    assertEquals(2, total.accepted());
    assertEquals(3, total.quarantined(), "an outbound call, a test call, a call without account");
    assertEquals(2, total.filtered());

    Row first = row(ctx, "cdr-90001");
    assertEquals(
        "C0000001", first.getAs("customer_id"), "account numbers are trimmed, upper-cased");
    assertEquals(ts("2024-03-01T09:15:00Z"), first.getAs("started_at"), "CET is UTC+1");
    assertEquals(ts("2024-03-01T09:21:10Z"), first.getAs("ended_at"));
    assertEquals(90.0, (double) first.getAs("wait_seconds"));
    assertEquals(370.0, (double) first.getAs("handle_seconds"));
    assertEquals("billing", first.getAs("intent"));
    assertEquals(true, first.getAs("resolved"));
    Row afterDst = row(ctx, "cdr-90002");
    // 02:30 does not exist that night: the local time moves forward by the gap (java.time rules)
    assertEquals(ts("2024-03-31T01:30:00Z"), afterDst.getAs("started_at"));
  }

  private static Row row(RunContext ctx, String id) {
    return ctx.lake()
        .read(Table.INTERACTIONS, "ingest")
        .filter(col("interaction_id").equalTo(id))
        .first();
  }

  private static Timestamp ts(String instant) {
    return Timestamp.from(Instant.parse(instant));
  }
}
