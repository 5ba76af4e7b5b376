package io.effortlens.features;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.effortlens.testing.SparkSessionExtension;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link EngagementFeatures#activeDays} (a bitmap per 64-day bucket) counts exactly what {@code
 * size(collect_set(to_date(started_at)))} over the window's activity rows counted, at the window's
 * edges and across bucket boundaries.
 */
@ExtendWith(SparkSessionExtension.class)
class ActiveDaysTest {
  private static final LocalDate T = LocalDate.of(2024, 6, 1);
  private static final Instant CUTOFF = T.atStartOfDay(ZoneOffset.UTC).toInstant();
  private static final int[] WINDOWS = {1, 30, 63, 64, 65, 90, 127, 128, 129, 180, 365};

  @Test
  void equalsTheDistinctDaysOfCollectSetForEveryWindow(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    Random random = new Random(7);
    for (int c = 0; c < 40; c++) {
      String customer = "C" + c;
      int n = 1 + random.nextInt(60);
      for (int i = 0; i < n; i++) {
        long back = (long) (random.nextDouble() * 400 * 86_400_000L); // up to 400 days before T
        String kind = random.nextInt(5) == 0 ? "contact" : "activity";
        rows.add(row(customer, kind, CUTOFF.minusMillis(back)));
      }
    }
    // edges: at T (not before it), the last microsecond before T, each window's first instant
    // and the instant before it, bucket boundaries at 64 and 128 days
    rows.add(row("EDGE", "activity", CUTOFF));
    rows.add(row("EDGE", "activity", CUTOFF.minusNanos(1_000)));
    for (int days : WINDOWS) {
      rows.add(row("EDGE", "activity", CUTOFF.minus(Duration.ofDays(days))));
      rows.add(row("EDGE", "activity", CUTOFF.minus(Duration.ofDays(days)).minusNanos(1_000)));
    }
    rows.add(row("EDGE", "activity", CUTOFF.plus(Duration.ofDays(3)))); // after T
    Dataset<Row> interactions =
        spark.createDataFrame(
            rows, StructType.fromDDL("customer_id STRING, kind STRING, started_at TIMESTAMP"));

    Column activity = col("kind").equalTo("activity");
    List<Column> aggregates = new ArrayList<>();
    for (int days : WINDOWS) {
      Column in = PointInTime.within(col("started_at"), days);
      aggregates.add(size(collect_set(when(activity.and(in), to_date(col("started_at"))))));
      aggregates.add(EngagementFeatures.activeDays(activity, days));
    }
    List<Row> counted =
        PointInTime.withAsOf(interactions, T)
            .groupBy("customer_id")
            .agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new))
            .collectAsList();

    assertEquals(41, counted.size());
    int nonZero = 0;
    for (Row r : counted) {
      for (int w = 0; w < WINDOWS.length; w++) {
        int expected = r.getInt(1 + 2 * w);
        assertEquals(
            expected,
            r.getInt(2 + 2 * w),
            r.getString(0) + ", " + WINDOWS[w] + "-day window: active days");
        nonZero += expected > 0 ? 1 : 0;
      }
      if (r.getString(0).equals("EDGE")) {
        // the last microsecond before T and the first instant of the 1-day window fall on day 0;
        // in 365 days: days w - 1 and w before T for each window w (0, 1, 29, 30, 62 ... 180,
        // 364), 17 distinct, day 365 and the rows at or after T left out
        assertEquals(1, r.getInt(2));
        assertEquals(17, r.getInt(2 + 2 * (WINDOWS.length - 1)));
      }
    }
    assertTrue(nonZero > 300, "the random rows exercise most windows: " + nonZero);
  }

  private static Row row(String customer, String kind, Instant startedAt) {
    return RowFactory.create(customer, kind, Timestamp.from(startedAt));
  }
}
