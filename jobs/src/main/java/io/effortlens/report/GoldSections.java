package io.effortlens.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_trunc;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;

import io.effortlens.lake.Lake;
import io.effortlens.lake.Table;
import io.effortlens.report.Svg.Axis;
import io.effortlens.report.Svg.Bar;
import io.effortlens.report.Svg.Point;
import io.effortlens.report.Svg.Series;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Report sections from the gold tables of the report's as-of date. */
final class GoldSections {
  private GoldSections() {}

  /** The table's rows of as_of, or empty (with a note naming the command) when there are none. */
  private static Optional<Dataset<Row>> ofAsOf(
      Html html, Lake lake, Table table, LocalDate asOf, ReportJob.Tally tally) {
    Optional<Dataset<Row>> rows =
        lake.readIfExists(table.tableName())
            .map(r -> r.filter(col("as_of").equalTo(Date.valueOf(asOf))));
    if (rows.isEmpty() || rows.get().isEmpty()) {
      tally.missing(
          html.unavailable(
              table.tableName() + " has no rows for " + asOf + ".",
              "effortlens gold --as-of " + asOf));
      return Optional.empty();
    }
    return rows;
  }

  static void kpiTrends(Html html, Lake lake, LocalDate asOf, ReportJob.Tally tally) {
    html.heading(
        "kpis",
        "Effort KPI trends by channel",
        "Weekly customer effort index (mean effort_score, 1 = effortless, 7 = most effort) and repeat-contact rate of journeys by the channel they started in (effort_kpis).");
    Optional<Dataset<Row>> kpis = ofAsOf(html, lake, Table.EFFORT_KPIS, asOf, tally);
    if (kpis.isPresent()) {
      List<Row> weekly =
          kpis.get()
              .groupBy(to_date(date_trunc("week", col("day"))).as("week"), col("channel"))
              .agg(
                  sum(col("journeys")).as("journeys"),
                  sum(col("effort_index").multiply(col("journeys"))).as("effort_sum"),
                  sum(col("repeat_contact_rate").multiply(col("journeys"))).as("repeat_sum"))
              .orderBy(col("channel"), col("week"))
              .collectAsList();
      Map<String, List<Point>> effort = new LinkedHashMap<>();
      Map<String, List<Point>> repeat = new LinkedHashMap<>();
      double minX = Double.MAX_VALUE;
      double maxX = -Double.MAX_VALUE;
      double maxEffort = 1;
      for (Row row : weekly) {
        double x = ((Date) row.get(0)).toLocalDate().toEpochDay();
        double journeys = Cells.number(row, "journeys");
        double e = Cells.number(row, "effort_sum") / journeys;
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        if (Double.isFinite(e)) {
          effort
              .computeIfAbsent(Cells.string(row, "channel"), c -> new ArrayList<>())
              .add(new Point(x, e));
          maxEffort = Math.max(maxEffort, e);
        }
        repeat
            .computeIfAbsent(Cells.string(row, "channel"), c -> new ArrayList<>())
            .add(new Point(x, 100 * Cells.number(row, "repeat_sum") / journeys));
      }
      Axis weeks =
          new Axis(
              "week (UTC, journeys by end day)",
              minX,
              maxX == minX ? minX + 7 : maxX,
              v -> LocalDate.ofEpochDay(Math.round(v)).toString());
      if (!effort.isEmpty()) {
        Axis y =
            new Axis(
                "customer effort index (1-7)",
                1,
                Math.min(7, Math.ceil(maxEffort)),
                v -> Cells.fixed(v, 1));
        tally.chart(
            html.markup(
                Svg.lines(
                    "Customer effort index by entry channel", weeks, y, series(effort), false)));
      }
      Axis y = new Axis("repeat-contact rate (% of journeys)", 0, 100, v -> Cells.fixed(v, 0));
      tally.chart(
          html.markup(
              Svg.lines("Repeat-contact rate by entry channel", weeks, y, series(repeat), false)));
    }
    html.end();
  }

  private static List<Series> series(Map<String, List<Point>> byName) {
    List<Series> out = new ArrayList<>();
    byName.forEach((name, points) -> out.add(new Series(name, points)));
    return out;
  }

  static void perceptionGap(Html html, Lake lake, LocalDate asOf, ReportJob.Tally tally) {
    html.heading(
        "perception",
        "The perception gap",
        "Touchpoint surveys vs the journey: satisfied touchpoints do not mean a loyal customer (perception_gap).");
    Optional<Dataset<Row>> gap = ofAsOf(html, lake, Table.PERCEPTION_GAP, asOf, tally);
    if (gap.isPresent()) {
      List<Row> rows = gap.get().orderBy(col("measure"), col("position")).collectAsList();
      List<List<String>> table = new ArrayList<>();
      List<Bar> positions = new ArrayList<>();
      for (Row row : rows) {
        String unit = Cells.string(row, "unit");
        boolean share = unit.equals("share");
        if (Cells.string(row, "measure").equals(PerceptionGapSchema.CSAT_BY_POSITION)) {
          positions.add(
              new Bar(
                  "survey " + Cells.string(row, "position"),
                  0,
                  Cells.number(row, "value"),
                  Cells.number(row, "low"),
                  Cells.number(row, "high")));
          continue;
        }
        table.add(
            List.of(
                Cells.string(row, "description"),
                Cells.string(row, "n"),
                share
                    ? Cells.percent(Cells.number(row, "value"))
                    : Cells.fixed(Cells.number(row, "value"), 3),
                Cells.interval(Cells.number(row, "low"), Cells.number(row, "high"), share)));
      }
      html.table(List.of("measure", "n", "value", "95% interval"), table);
      if (!positions.isEmpty()) {
        Axis axis = new Axis("mean CSAT (1-5)", 1, 5, v -> Cells.fixed(v, 1));
        tally.chart(
            html.markup(
                Svg.bars(
                    "CSAT by survey position in journeys with 3+ touchpoints",
                    axis,
                    positions,
                    List.of("mean CSAT"),
                    1)));
      }
    }
    html.end();
  }

  static void replication(Html html, Lake lake, LocalDate asOf, ReportJob.Tally tally) {
    html.heading(
        "research",
        "The research, replicated on our data",
        "Each headline statement tested on journeys whose outcome is observed, with n and a 95% interval (research_replication).");
    Optional<Dataset<Row>> rows = ofAsOf(html, lake, Table.RESEARCH_REPLICATION, asOf, tally);
    if (rows.isPresent()) {
      List<List<String>> table = new ArrayList<>();
      for (Row row : rows.get().orderBy(col("statement_id")).collectAsList()) {
        boolean difference =
            !Cells.string(row, "group_b").isEmpty()
                && !Cells.string(row, "interval_method").equals("bootstrap");
        String estimate =
            difference
                ? Cells.fixed(100 * Cells.number(row, "estimate"), 1) + " pp"
                : Cells.percent(Cells.number(row, "estimate"));
        if (Cells.string(row, "interval_method").equals("bootstrap")) {
          estimate = Cells.fixed(100 * Cells.number(row, "estimate"), 1) + " pp";
        }
        table.add(
            List.of(
                Cells.string(row, "statement"),
                Cells.string(row, "n"),
                estimate,
                Cells.interval(Cells.number(row, "low"), Cells.number(row, "high"), true),
                Cells.string(row, "status"),
                Cells.string(row, "finding")));
      }
      html.table(List.of("statement", "n", "estimate", "95% interval", "status", "finding"), table);
    }
    html.end();
  }

  static void nextIssues(Html html, Lake lake, LocalDate asOf, ReportJob.Tally tally) {
    html.heading(
        "next-issue",
        "Forestall the next issue",
        "What customers contact about next within the window after a journey (next_issue_rules, top 10 by lift).");
    Optional<Dataset<Row>> rules = ofAsOf(html, lake, Table.NEXT_ISSUE_RULES, asOf, tally);
    if (rules.isPresent()) {
      List<List<String>> table = new ArrayList<>();
      for (Row row : rules.get().orderBy(col("rank")).limit(10).collectAsList()) {
        table.add(
            List.of(
                Cells.string(row, "rank"),
                Cells.string(row, "sentence"),
                Cells.fixed(Cells.number(row, "support"), 4),
                Cells.percent(Cells.number(row, "confidence")),
                Cells.fixed(Cells.number(row, "lift"), 2)));
      }
      html.table(List.of("rank", "rule", "support", "confidence", "lift"), table);
    }
    html.end();
  }
}
