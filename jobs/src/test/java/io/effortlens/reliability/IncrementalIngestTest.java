package io.effortlens.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.effortlens.ingest.IngestJob;
import io.effortlens.lake.Lake;
import io.effortlens.lake.Table;
import io.effortlens.testing.SparkSessionExtension;
import io.effortlens.testing.TestLakes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Daily deliveries ingested one run per day give the same {@code interactions} as a backfill that
 * ingests the whole month in one run. Only the lineage columns {@code run_id} and {@code
 * ingested_at} differ (they name the run that inserted a row); {@code source_file}, {@code
 * delivered_at} and {@code record_hash} are equal.
 */
@ExtendWith(SparkSessionExtension.class)
@Tag("heavy")
class IncrementalIngestTest {
  private static final String MONTH = "2024-03";
  private static final Pattern START = Pattern.compile("\"start_time\":\"(\\d{4}-\\d{2}-\\d{2})");

  @Test
  void ingestingAMonthDayByDayGivesTheSameInteractionsAsIngestingItAtOnce(SparkSession spark)
      throws IOException {
    List<Path> days = deliveriesPerDay(TestLakes.tempDir("deliveries"));
    assertTrue(days.size() >= 28, "a delivery per day of " + MONTH + ": " + days.size());

    Lake daily = Lake.at(spark, TestLakes.tempDir("daily-lake").toString());
    for (int day = 0; day < days.size(); day++) {
      ingest(daily, "day-" + day, List.of(days.get(day).toString()));
    }
    Lake once = Lake.at(spark, TestLakes.tempDir("month-lake").toString());
    ingest(once, "month", List.of(days.get(0).getParent().toString()));

    Map<Table, Long> dailyRows = new EnumMap<>(Table.class);
    Map<Table, Long> onceRows = new EnumMap<>(Table.class);
    assertEquals(List.of(), LakeState.soundness(daily, dailyRows));
    assertEquals(List.of(), LakeState.soundness(once, onceRows));
    assertEquals(
        List.of(),
        LakeState.differences(
            LakeState.State.current(daily, true), LakeState.State.current(once, true), true));
    assertTrue(onceRows.get(Table.INTERACTIONS) > 100, "rows of the month: " + onceRows);
    long dailyRunIds = daily.read(Table.INTERACTIONS, "ingest").select("run_id").distinct().count();
    assertEquals(days.size(), dailyRunIds, "each day's rows name the run that inserted them");
  }

  private static void ingest(Lake lake, String runId, List<String> inputs) {
    IngestJob.run(
        TestLakes.run(lake, runId), new IngestJob.Request("contact-center", inputs, List.of()));
  }

  /**
   * The slice's contact-centre records of the month, one file per day of start_time, each modified
   * at the end of its day as a daily delivery would be.
   */
  private static List<Path> deliveriesPerDay(Path dir) throws IOException {
    Map<String, StringBuilder> byDay = new TreeMap<>();
    Path source = Stages.slice().resolve("contact_center/part-00000.jsonl.gz");
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(source)), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        Matcher m = START.matcher(line);
        if (m.find() && m.group(1).startsWith(MONTH)) {
          byDay.computeIfAbsent(m.group(1), d -> new StringBuilder()).append(line).append('\n');
        }
      }
    }
    List<Path> files = new ArrayList<>();
    for (var entry : byDay.entrySet()) {
      Path file = dir.resolve(entry.getKey() + ".jsonl");
      Files.writeString(file, entry.getValue());
      LocalDate day = LocalDate.parse(entry.getKey());
      Files.setLastModifiedTime(
          file, FileTime.from(day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC)));
      files.add(file);
    }
    return files;
  }
}
