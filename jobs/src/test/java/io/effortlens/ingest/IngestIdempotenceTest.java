package io.effortlens.ingest;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.effortlens.EffortLensException;
import io.effortlens.ExitCodes;
import io.effortlens.lake.Lake;
import io.effortlens.lake.RunContext;
import io.effortlens.lake.Table;
import io.effortlens.testing.SparkSessionExtension;
import io.effortlens.testing.TestLakes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Re-ingest changes nothing, a newer delivery replaces an older one, a failed gate publishes
 * nothing.
 */
@ExtendWith(SparkSessionExtension.class)
class IngestIdempotenceTest {
  private static final String LINE =
      "{\"record_type\":\"contact\",\"contact_id\":\"X1\",\"cust_ref\":\"C1\",\"channel_code\":\"CHAT\","
          + "\"start_time\":\"2024-03-01T10:15:00Z\",\"reason\":\"%s\",\"survey\":null}\n";

  @Test
  void reingestingTheSameFilesChangesNothing(SparkSession spark) throws IOException {
    Path dir = TestLakes.tempDir("in");
    write(
        dir.resolve("a.jsonl"),
        LINE.formatted("billing") + LINE.replace("X1", "X2").formatted("delivery"),
        0);
    RunContext first = TestLakes.newRun(spark);
    IngestJob.Result one = ingest(first, dir.toString());
    RunContext second = TestLakes.run(first.lake(), "run-2");
    IngestJob.Result two = ingest(second, dir.toString());
    assertEquals(2, one.interactions().inserted());
    assertEquals(0, two.interactions().inserted());
    assertEquals(0, two.interactions().updated());
    assertEquals(2, first.lake().read(Table.INTERACTIONS, "ingest").count());
  }

  @Test
  void newerDeliveryReplacesTheOlderVersionAndNeverTheReverse(SparkSession spark)
      throws IOException {
    Path dir = TestLakes.tempDir("in");
    Path older = write(dir.resolve("day1.jsonl"), LINE.formatted("billing"), 0);
    Path newer = write(dir.resolve("day2.jsonl"), LINE.formatted("delivery"), 3600);
    RunContext ctx = TestLakes.newRun(spark);
    ingest(ctx, older.toString());
    IngestJob.Result replaced = ingest(TestLakes.run(ctx.lake(), "run-2"), newer.toString());
    IngestJob.Result stale = ingest(TestLakes.run(ctx.lake(), "run-3"), older.toString());
    assertEquals(1, replaced.interactions().updated());
    assertEquals(0, stale.interactions().updated(), "an older delivery must not win");
    var rows = ctx.lake().read(Table.INTERACTIONS, "ingest").select("intent").collectAsList();
    assertEquals(1, rows.size());
    assertEquals("delivery", rows.get(0).getString(0));
  }

  @Test
  void failedQualityGatePublishesNothingAndSaysWhy(SparkSession spark) {
    RunContext ctx = TestLakes.newRun(spark);
    String bad = TestLakes.samples().resolve("bad/contact-center-bad.jsonl").toString();
    EffortLensException e = assertThrows(EffortLensException.class, () -> ingest(ctx, bad));
    assertEquals(ExitCodes.QUALITY_GATE, e.exitCode());
    assertTrue(e.getMessage().contains("22 of 35 records quarantined"), e.getMessage());
    assertTrue(e.getMessage().contains("ingest.max-quarantine-ratio"), e.getMessage());
    Lake lake = ctx.lake();
    assertFalse(lake.exists(Table.INTERACTIONS), "nothing may be published to interactions");
    assertEquals(22, lake.read(Table.QUARANTINE, "ingest").count());
    long failed =
        lake.read(Table.QUALITY_RESULTS, "ingest").filter(col("status").equalTo("Failure")).count();
    assertEquals(1, failed);
  }

  @Test
  void quarantineIsNotDuplicatedByARerun(SparkSession spark) {
    RunContext ctx = TestLakes.newRun(spark, "ingest.max-quarantine-ratio=1");
    String bad = TestLakes.samples().resolve("bad/contact-center-bad.jsonl").toString();
    ingest(ctx, bad);
    ingest(TestLakes.run(ctx.lake(), "run-2", "ingest.max-quarantine-ratio=1"), bad);
    assertEquals(22, ctx.lake().read(Table.QUARANTINE, "ingest").count());
  }

  private static IngestJob.Result ingest(RunContext ctx, String input) {
    return IngestJob.run(ctx, new IngestJob.Request("contact-center", List.of(input), List.of()));
  }

  private static Path write(Path file, String text, long secondsAfterEpochBase) throws IOException {
    Files.writeString(file, text);
    Instant mtime = Instant.parse("2025-01-01T00:00:00Z").plusSeconds(secondsAfterEpochBase);
    Files.setLastModifiedTime(file, FileTime.from(mtime));
    return file;
  }
}
