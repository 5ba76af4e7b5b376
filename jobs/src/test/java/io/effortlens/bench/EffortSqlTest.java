package io.effortlens.bench;

import static io.effortlens.journey.Touch.action;
import static io.effortlens.journey.Touch.contact;
import static io.effortlens.journey.Touch.selfService;
import static io.effortlens.journey.Touch.survey;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.unix_micros;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.effortlens.journey.JourneyMetrics;
import io.effortlens.journey.JourneySchema;
import io.effortlens.journey.Journeys;
import io.effortlens.journey.Touch;
import io.effortlens.testing.SparkSessionExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DuckDB peer's SQL stitches the same journeys as Spark's {@link Journeys} and {@link
 * JourneyMetrics}, on fixtures that exercise every rule (case across the gap, intent chains
 * interleaved and anchored to a case, gap-only continuation and restart) with actions and surveys
 * that must not change a journey key.
 */
@ExtendWith(SparkSessionExtension.class)
class EffortSqlTest {
  private static final List<Touch> FIXTURES =
      List.of(
          contact("a1", "C1", "2024-03-01 10:00").intent("billing"),
          contact("a2", "C1", "2024-03-08 10:00").intent("billing").channel("chat"),
          contact("a3", "C1", "2024-03-15 10:01").intent("billing"),
          contact("b1", "C2", "2024-03-01 10:00").caseId("K1").intent("billing").transfers(2),
          contact("b2", "C2", "2024-04-20 10:00").caseId("K1").transfers(1),
          contact("b3", "C2", "2024-04-21 10:00").caseId("K2").intent("billing"),
          selfService("c1", "C3", "2024-03-01 09:00", "failed").intent("billing"),
          contact("c2", "C3", "2024-03-01 10:00").caseId("K3").intent("billing"),
          contact("c3", "C3", "2024-03-02 10:00").channel("chat"),
          contact("c4", "C3", "2024-03-03 10:00").intent("delivery"),
          contact("c5", "C3", "2024-03-04 10:00").intent("billing").channel("email"),
          action("c6", "C3", "2024-03-04 11:00", "refund", 5.0).caseId("K3"),
          survey("c7", "C3", "2024-03-05 10:00", "2024-03-06 10:00").ces(2),
          contact("d1", "C4", "2024-03-01 10:00").transfers(3),
          contact("d2", "C4", "2024-03-05 10:00").channel("chat"),
          contact("d3", "C4", "2024-03-14 10:00"),
          contact("d4", "C4", "2024-03-14 10:00").source("alt"));

  @Test
  void duckDbStitchesTheSameJourneysWithTheSameMetricsAsSpark(SparkSession spark, @TempDir Path dir)
      throws Exception {
    Dataset<Row> interactions = Touch.frame(spark, FIXTURES);
    interactions.write().parquet(dir.resolve("interactions").toString());
    Set<String> expected = sparkJourneys(interactions);
    Set<String> actual = duckJourneys(dir.resolve("interactions").resolve("*.parquet"));
    assertEquals(expected, actual);
    assertEquals(8, actual.size(), "fixtures make 8 journeys: " + actual);
  }

  private static Set<String> sparkJourneys(Dataset<Row> interactions) {
    Dataset<Row> stitched = Journeys.withJourneyId(Journeys.filterJourneyRows(interactions), 7);
    List<Row> rows =
        JourneyMetrics.toJourneyGrain(stitched, lit(Touch.at("2024-06-01 00:00")), 7)
            .select(
                col(JourneySchema.JOURNEY_ID),
                col("customer_id"),
                unix_micros(col(JourneySchema.LAST_TOUCHPOINT_AT)),
                col(JourneySchema.REPEAT_CONTACTS),
                col(JourneySchema.TRANSFERS),
                col(JourneySchema.CHANNEL_SWITCHES))
            .collectAsList();
    Set<String> out = new TreeSet<>();
    rows.forEach(r -> out.add(r.mkString("|")));
    return out;
  }

  private static Set<String> duckJourneys(Path files) throws Exception {
    String sql =
        "SELECT concat_ws('|', journey_id, customer_id, last_touchpoint_us, repeat_contacts,"
            + " transfers, channel_switches) FROM ("
            + EffortSql.journeys(
                "read_parquet(" + DeltaFiles.quote(files.toString()) + ")", Long.MAX_VALUE, 7)
            + ")";
    Set<String> out = new TreeSet<>();
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = duck.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
