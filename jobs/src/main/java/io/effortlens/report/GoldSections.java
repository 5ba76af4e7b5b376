package io.effortlens.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_trunc;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;

import io.effortlens.lake.Lake;
import io.effortlens.lake.Table;
import io.effortlens.report.ReportPage.DataTable;
import io.effortlens.report.ReportPage.Note;
import io.effortlens.report.ReportPage.Section;
import io.effortlens.report.Svg.Axis;
import io.effortlens.report.Svg.Bar;
import io.effortlens.report.Svg.BarChart;
import io.effortlens.report.Svg.LineChart;
import io.effortlens.report.Svg.Point;
import io.effortlens.report.Svg.Series;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Report sections from the gold tables of the report's as-of date (templates {@code kpis}, {@code
 * perception}, {@code research}, {@code next-issue}): each reads the table's rows of the date and
 * computes its section's record, or a note naming the command when there are none.
 */
final class GoldSections {
  private GoldSections() {}

  record KpiTrends(Optional<Note> note, Optional<LineChart> effort, Optional<LineChart> repeat)
      implements Section {
    @Override
    public int charts() {
      return ReportPage.present(effort, repeat);
    }

    @Override
    public int notes() {
      return ReportPage.present(note);
    }
  }

  record Perception(Optional<Note> note, Optional<DataTable> table, Optional<BarChart> positions)
      implements Section {
    @Override
    public int charts() {
      return ReportPage.present(positions);
    }

    @Override
    public int notes() {
      return ReportPage.present(note);
    }
  }

  /** A section that is one table (research replication, next issues). */
  record Tabular(Optional<Note> note, Optional<DataTable> table) implements Section {
    @Override
    public int charts() {
      return 0;
    }

    @Override
    public int notes() {
      return ReportPage.present(note);
    }
  }

  /** The table's rows of as_of, or empty when there are none. */
  private static Optional<Dataset<Row>> ofAsOf(Lake lake, Table table, LocalDate asOf) {
    return lake.readIfExists(table.tableName())
        .map(r -> r.filter(col("as_of").equalTo(Date.valueOf(asOf))))
        .filter(rows -> !rows.isEmpty());
  }

  /** The note shown when {@code table} has no rows of {@code asOf}. */
  static Note missing(Table table, LocalDate asOf) {
    return new Note(
        table.tableName() + " has no rows for " + asOf + ".", "effortlens gold --as-of " + asOf);
  }

  static KpiTrends kpiTrends(Lake lake, LocalDate asOf) {
    Optional<Dataset<Row>> kpis = ofAsOf(lake, Table.EFFORT_KPIS, asOf);
    if (kpis.isEmpty()) {
      return new KpiTrends(
          Optional.of(missing(Table.EFFORT_KPIS, asOf)), Optional.empty(), Optional.empty());
    }
    return kpiTrends(
        kpis.get()
            .groupBy(to_date(date_trunc("week", col("day"))).as("week"), col("channel"))
            .agg(
                sum(col("journeys")).as("journeys"),
                sum(col("effort_index").multiply(col("journeys"))).as("effort_sum"),
                sum(col("repeat_contact_rate").multiply(col("journeys"))).as("repeat_sum"))
            .orderBy(col("channel"), col("week"))
            .collectAsList());
  }

  /** The KPI charts from weekly rows (week, channel, journeys, effort_sum, repeat_sum). */
  static KpiTrends kpiTrends(List<Row> weekly) {
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
    Optional<LineChart> effortChart = Optional.empty();
    if (!effort.isEmpty()) {
      Axis y =
          new Axis(
              "customer effort index (1-7)",
              1,
              Math.min(7, Math.ceil(maxEffort)),
              v -> Cells.fixed(v, 1));
      effortChart =
          Optional.of(
              Svg.lines("Customer effort index by entry channel", weeks, y, series(effort), false));
    }
    Axis y = new Axis("repeat-contact rate (% of journeys)", 0, 100, v -> Cells.fixed(v, 0));
    return new KpiTrends(
        Optional.empty(),
        effortChart,
        Optional.of(
            Svg.lines("Repeat-contact rate by entry channel", weeks, y, series(repeat), false)));
  }

  private static List<Series> series(Map<String, List<Point>> byName) {
    List<Series> out = new ArrayList<>();
    byName.forEach((name, points) -> out.add(new Series(name, points)));
    return out;
  }

  static Perception perceptionGap(Lake lake, LocalDate asOf) {
    return ofAsOf(lake, Table.PERCEPTION_GAP, asOf)
        .map(gap -> perception(gap.orderBy(col("measure"), col("position")).collectAsList()))
        .orElseGet(
            () ->
                new Perception(
                    Optional.of(missing(Table.PERCEPTION_GAP, asOf)),
                    Optional.empty(),
                    Optional.empty()));
  }

  /** The perception gap's table and CSAT-by-position chart from perception_gap's rows. */
  static Perception perception(List<Row> rows) {
    List<List<String>> table = new ArrayList<>();
    List<Bar> positions = new ArrayList<>();
    for (Row row : rows) {
      boolean share = Cells.string(row, "unit").equals("share");
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
    Optional<BarChart> chart =
        positions.isEmpty()
            ? Optional.empty()
            : Optional.of(
                Svg.bars(
                    "CSAT by survey position in journeys with 3+ touchpoints",
                    new Axis("mean CSAT (1-5)", 1, 5, v -> Cells.fixed(v, 1)),
                    positions,
                    List.of("mean CSAT"),
                    1));
    return new Perception(
        Optional.empty(),
        Optional.of(DataTable.of(List.of("measure", "n", "value", "95% interval"), table)),
        chart);
  }

  static Tabular replication(Lake lake, LocalDate asOf) {
    return tabular(
        lake,
        Table.RESEARCH_REPLICATION,
        asOf,
        rows -> replication(rows.orderBy(col("statement_id")).collectAsList()));
  }

  /** The research replication's table from research_replication's rows. */
  static DataTable replication(List<Row> rows) {
    List<List<String>> table = new ArrayList<>();
    for (Row row : rows) {
      boolean bootstrap = Cells.string(row, "interval_method").equals("bootstrap");
      boolean difference = !Cells.string(row, "group_b").isEmpty() || bootstrap;
      double estimate = Cells.number(row, "estimate");
      table.add(
          List.of(
              Cells.string(row, "statement"),
              Cells.string(row, "n"),
              difference ? Cells.fixed(100 * estimate, 1) + " pp" : Cells.percent(estimate),
              Cells.interval(Cells.number(row, "low"), Cells.number(row, "high"), true),
              Cells.string(row, "status"),
              Cells.string(row, "finding")));
    }
    return DataTable.of(
        List.of("statement", "n", "estimate", "95% interval", "status", "finding"), table);
  }

  static Tabular nextIssues(Lake lake, LocalDate asOf) {
    return tabular(
        lake,
        Table.NEXT_ISSUE_RULES,
        asOf,
        rows -> nextIssues(rows.orderBy(col("rank")).limit(10).collectAsList()));
  }

  /** The next-issue rules' table from next_issue_rules' rows, by rank. */
  static DataTable nextIssues(List<Row> rules) {
    List<List<String>> table = new ArrayList<>();
    for (Row row : rules) {
      table.add(
          List.of(
              Cells.string(row, "rank"),
              Cells.string(row, "sentence"),
              Cells.fixed(Cells.number(row, "support"), 4),
              Cells.percent(Cells.number(row, "confidence")),
              Cells.fixed(Cells.number(row, "lift"), 2)));
    }
    return DataTable.of(List.of("rank", "rule", "support", "confidence", "lift"), table);
  }

  private static Tabular tabular(
      Lake lake, Table table, LocalDate asOf, Function<Dataset<Row>, DataTable> toTable) {
    return ofAsOf(lake, table, asOf)
        .map(rows -> new Tabular(Optional.empty(), Optional.of(toTable.apply(rows))))
        .orElseGet(() -> new Tabular(Optional.of(missing(table, asOf)), Optional.empty()));
  }
}
