package io.effortlens.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * DuckDB's numbers against Spark's, on a sample of customers: the first {@code sample} customers of
 * Spark's customer_features at T in SHA-256 order of customer_id (deterministic, spread over the id
 * space). A customer DuckDB has no journey for must have zeros in Spark. Refuses a vacuous check
 * (no sampled customer with a journey in the widest window).
 */
final class PeerCheck {
  private static final int SHOWN = 5;

  private PeerCheck() {}

  /** Whether every compared number is equal; puts the counts and first differences in report. */
  static boolean run(
      Connection duck, Path lake, LocalDate asOf, int sample, Map<String, Object> report)
      throws SQLException {
    String sparkFeatures =
        DeltaFiles.readParquet(
            DeltaFiles.current(duck, lake.resolve("customer_features"), "as_of=" + asOf + "/"));
    String sparkJourneys =
        DeltaFiles.readParquet(DeltaFiles.current(duck, lake.resolve("journeys"), ""));
    DuckDbPeer.execute(
        duck,
        "CREATE TEMP TABLE sample AS SELECT customer_id FROM "
            + sparkFeatures
            + " ORDER BY sha256(customer_id) LIMIT "
            + sample);
    String widest = "journeys_" + EffortSql.WINDOWS_DAYS.get(EffortSql.WINDOWS_DAYS.size() - 1);
    long withJourneys =
        DuckDbPeer.longValue(
            duck,
            "SELECT count(*) FROM %s WHERE customer_id IN (SELECT customer_id FROM sample) AND %sd > 0"
                .formatted(sparkFeatures, widest));
    report.put("checked_customers", DuckDbPeer.count(duck, "sample"));
    report.put("checked_customers_with_journeys", withJourneys);
    report.put("checked_features", String.join(",", EffortSql.featureColumns()));
    long featureDiffs = differences(duck, featureDiffSql(sparkFeatures), "feature", report);
    long journeyDiffs = differences(duck, journeyDiffSql(sparkJourneys), "journey", report);
    report.put(
        "checked_journeys",
        DuckDbPeer.longValue(
            duck,
            "SELECT count(*) FROM journeys_all WHERE customer_id IN (SELECT customer_id FROM"
                + " sample)"));
    if (withJourneys == 0) {
      report.put("check_problem", "vacuous: no sampled customer has a journey in the window");
      System.err.println("DuckDB peer: the check is vacuous (no sampled customer has journeys)");
      return false;
    }
    return featureDiffs == 0 && journeyDiffs == 0;
  }

  /** Spark's features of the sample against DuckDB's (zeros for customers without journeys). */
  private static String featureDiffSql(String sparkFeatures) {
    List<String> columns = EffortSql.featureColumns();
    StringJoiner select = new StringJoiner(", ");
    StringJoiner differs = new StringJoiner(" OR ");
    for (String c : columns) {
      select.add("s.%1$s AS spark_%1$s, coalesce(d.%1$s, 0) AS duckdb_%1$s".formatted(c));
      differs.add("s.%1$s IS DISTINCT FROM coalesce(d.%1$s, 0)".formatted(c));
    }
    return ("SELECT s.customer_id, %s FROM %s s JOIN sample USING (customer_id)"
            + " LEFT JOIN features d USING (customer_id) WHERE %s ORDER BY s.customer_id")
        .formatted(select, sparkFeatures, differs);
  }

  /** Spark's journeys of the sample against DuckDB's, both ways, by journey_id. */
  private static String journeyDiffSql(String sparkJourneys) {
    return """
        WITH s AS (
          SELECT journey_id, customer_id, epoch_us(last_touchpoint_at) AS last_touchpoint_us,
                 repeat_contacts, transfers, channel_switches
          FROM %s WHERE customer_id IN (SELECT customer_id FROM sample)),
        d AS (SELECT * FROM journeys_all WHERE customer_id IN (SELECT customer_id FROM sample))
        SELECT coalesce(s.journey_id, d.journey_id) AS journey_id,
               s.customer_id AS spark_customer, d.customer_id AS duckdb_customer,
               s.last_touchpoint_us AS spark_last_us, d.last_touchpoint_us AS duckdb_last_us,
               s.repeat_contacts AS spark_repeat, d.repeat_contacts AS duckdb_repeat,
               s.transfers AS spark_transfers, d.transfers AS duckdb_transfers,
               s.channel_switches AS spark_switches, d.channel_switches AS duckdb_switches
        FROM s FULL OUTER JOIN d ON s.journey_id = d.journey_id
        WHERE s.journey_id IS NULL OR d.journey_id IS NULL
           OR s.customer_id IS DISTINCT FROM d.customer_id
           OR s.last_touchpoint_us IS DISTINCT FROM d.last_touchpoint_us
           OR s.repeat_contacts IS DISTINCT FROM d.repeat_contacts
           OR s.transfers IS DISTINCT FROM d.transfers
           OR s.channel_switches IS DISTINCT FROM d.channel_switches
        ORDER BY 1
        """
        .formatted(sparkJourneys);
  }

  /** Counts the rows of a difference query; prints and reports the first few. */
  private static long differences(
      Connection duck, String sql, String what, Map<String, Object> report) throws SQLException {
    long rows = 0;
    StringJoiner shown = new StringJoiner("; ");
    try (Statement st = duck.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        if (rows++ < SHOWN) {
          StringJoiner row = new StringJoiner(", ", "{", "}");
          for (int i = 1; i <= columns; i++) {
            row.add(rs.getMetaData().getColumnLabel(i) + "=" + rs.getString(i));
          }
          shown.add(row.toString());
        }
      }
    }
    report.put(what + "_differences", rows);
    if (rows > 0) {
      report.put(what + "_first_differences", shown.toString());
      System.err.printf(
          "DuckDB peer: %d %s rows differ between Spark and DuckDB, first: %s%n",
          rows, what, shown);
    }
    return rows;
  }
}
