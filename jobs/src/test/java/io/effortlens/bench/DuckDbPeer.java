package io.effortlens.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's DuckDB peer ({@code bench/run}): journeys and the {@link EffortSql} window
 * features computed by DuckDB (JDBC, in memory) over the Parquet files of a lake's {@code
 * interactions} table, the same input Spark's journeys and features stages read. Then the equality
 * check: on a sample of customers of Spark's {@code customer_features} at the as-of date, every
 * compared feature must be equal, and every journey of those customers in Spark's {@code journeys}
 * table must exist here with the same last touchpoint and metrics.
 *
 * <p>Arguments: {@code --lake DIR --as-of DATE --out DIR [--gap-days 7] [--threads 2] [--sample
 * 1000]}. Writes {@code duckdb.json} (seconds and rows per step, checked customers and journeys,
 * differences), {@code pit_journeys.parquet} and {@code duckdb_features.parquet} (for the
 * featuretools peer) into {@code --out}. Exit 0 when equal, 1 when any number differs (the first
 * differences on standard error), 2 on bad arguments.
 */
public final class DuckDbPeer {
  private DuckDbPeer() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = PeerOptions.parse(args);
    Path lake = Path.of(options.get("lake"));
    Path out = Path.of(options.get("out"));
    LocalDate asOf = LocalDate.parse(options.get("as-of"));
    Files.createDirectories(out);
    Map<String, Object> report = new LinkedHashMap<>();
    boolean equal;
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
      execute(duck, "SET threads = " + Integer.parseInt(options.get("threads")));
      report.put("threads", Integer.parseInt(options.get("threads")));
      compute(duck, lake, asOf, Integer.parseInt(options.get("gap-days")), report);
      equal = PeerCheck.run(duck, lake, asOf, Integer.parseInt(options.get("sample")), report);
      export(duck, out);
    }
    Files.writeString(out.resolve("duckdb.json"), Json.of(report));
    System.exit(equal ? 0 : 1);
  }

  /** Times the two steps, each materialized as a table (what the Spark stages write). */
  private static void compute(
      Connection duck, Path lake, LocalDate asOf, int gapDays, Map<String, Object> report)
      throws SQLException {
    long cutoffUs = asOf.atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000L;
    String interactions =
        DeltaFiles.readParquet(DeltaFiles.current(duck, lake.resolve("interactions"), ""));
    long started = System.nanoTime();
    execute(
        duck,
        "CREATE TEMP TABLE journeys_all AS "
            + EffortSql.journeys(interactions, Long.MAX_VALUE, gapDays));
    report.put("journeys_seconds", seconds(started));
    report.put("journeys_rows", count(duck, "journeys_all"));
    started = System.nanoTime();
    execute(
        duck,
        "CREATE TEMP TABLE pit_journeys AS " + EffortSql.journeys(interactions, cutoffUs, gapDays));
    execute(duck, "CREATE TEMP TABLE features AS " + EffortSql.features("pit_journeys", cutoffUs));
    report.put("features_seconds", seconds(started));
    report.put("features_rows", count(duck, "features"));
    report.put("pit_journeys_rows", count(duck, "pit_journeys"));
  }

  /** Point-in-time journeys and features as Parquet, for the featuretools peer. */
  private static void export(Connection duck, Path out) throws SQLException, IOException {
    execute(
        duck,
        "COPY (SELECT customer_id, journey_id, make_timestamp(last_touchpoint_us) AS"
            + " last_touchpoint_at, repeat_contacts, transfers, channel_switches FROM pit_journeys"
            + " ORDER BY customer_id, journey_id) TO "
            + DeltaFiles.quote(out.resolve("pit_journeys.parquet").toString())
            + " (FORMAT parquet)");
    execute(
        duck,
        "COPY (SELECT * FROM features ORDER BY customer_id) TO "
            + DeltaFiles.quote(out.resolve("duckdb_features.parquet").toString())
            + " (FORMAT parquet)");
  }

  static void execute(Connection duck, String sql) throws SQLException {
    try (Statement st = duck.createStatement()) {
      st.execute(sql);
    }
  }

  static long count(Connection duck, String table) throws SQLException {
    return longValue(duck, "SELECT count(*) FROM " + table);
  }

  static long longValue(Connection duck, String sql) throws SQLException {
    try (Statement st = duck.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static double seconds(long startedNanos) {
    return Math.round((System.nanoTime() - startedNanos) / 1e6) / 1e3;
  }

  /** {@code --key value} pairs with defaults; unknown or missing ones end with exit 2. */
  static final class PeerOptions {
    private static final List<String> REQUIRED = List.of("lake", "as-of", "out");

    private PeerOptions() {}

    static Map<String, String> parse(String[] args) {
      Map<String, String> options = new LinkedHashMap<>();
      options.put("gap-days", "7");
      options.put("threads", "2");
      options.put("sample", "1000");
      for (int i = 0; i + 1 < args.length; i += 2) {
        String key = args[i].replaceFirst("^--", "");
        if (!options.containsKey(key) && !REQUIRED.contains(key)) {
          usage("unknown option " + args[i]);
        }
        options.put(key, args[i + 1]);
      }
      REQUIRED.stream().filter(k -> !options.containsKey(k)).forEach(k -> usage("missing --" + k));
      return options;
    }

    private static void usage(String problem) {
      System.err.println(
          "Cannot run the DuckDB peer: "
              + problem
              + " (usage: --lake DIR --as-of DATE --out DIR [--gap-days 7] [--threads 2]"
              + " [--sample 1000])");
      System.exit(2);
    }
  }
}
