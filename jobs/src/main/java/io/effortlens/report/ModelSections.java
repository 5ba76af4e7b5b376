package io.effortlens.report;

import static org.apache.spark.sql.functions.col;

import io.effortlens.lake.Lake;
import io.effortlens.model.DisloyaltyPie;
import io.effortlens.model.Measures;
import io.effortlens.report.ReportPage.DataTable;
import io.effortlens.report.ReportPage.Note;
import io.effortlens.report.Svg.Axis;
import io.effortlens.report.Svg.Bar;
import io.effortlens.report.Svg.BarChart;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Report sections from driver_effects (templates {@code disloyalty} and {@code drivers}): each
 * reads a small aggregate of the current model version and computes its section's record (chart
 * geometry and formatted table cells), or a note naming the command that makes the missing table.
 */
final class ModelSections {
  static final String TRAIN = "effortlens train";
  private static final String DRIVER_EFFECTS = "driver_effects";

  private ModelSections() {}

  /** The disloyalty pie: signed family shares with 95% intervals. */
  record Disloyalty(
      Optional<Note> note,
      Optional<BarChart> chart,
      Optional<DataTable> table,
      Optional<String> withoutShare)
      implements ReportPage.ChartSection {
    static Disloyalty missing(String why) {
      return new Disloyalty(
          Optional.of(new Note(why, TRAIN)), Optional.empty(), Optional.empty(), Optional.empty());
    }
  }

  /** The top drivers (one row per measure) and the drivers without a reference value. */
  record Drivers(
      Optional<Note> note,
      Optional<BarChart> chart,
      Optional<DataTable> table,
      Optional<DataTable> withoutReference)
      implements ReportPage.ChartSection {}

  /** The current model version's rows of {@code table} after {@code query}; empty without one. */
  static List<Row> rowsOf(Lake lake, String table, UnaryOperator<Dataset<Row>> query) {
    return ModelVersions.rowsOf(lake, table)
        .map(rows -> query.apply(rows).collectAsList())
        .orElse(List.of());
  }

  static Disloyalty disloyaltyPie(Lake lake) {
    return disloyalty(
        rowsOf(
            lake,
            DRIVER_EFFECTS,
            rows ->
                rows.filter(col("level").equalTo("family"))
                    .orderBy(col("share").desc_nulls_last(), col("driver"))));
  }

  /** The pie's record from driver_effects' family rows, largest share first. */
  static Disloyalty disloyalty(List<Row> families) {
    if (families.isEmpty()) {
      return Disloyalty.missing("driver_effects does not exist yet.");
    }
    List<Bar> bars = new ArrayList<>();
    List<List<String>> table = new ArrayList<>();
    List<String> withoutShare = new ArrayList<>();
    double lo = 0;
    double hi = 0;
    for (Row row : families) {
      double share = Cells.number(row, "share");
      String family = Cells.string(row, "driver");
      if (!Double.isFinite(share)) {
        withoutShare.add(family);
        continue;
      }
      double avoided = Cells.number(row, "defections_avoided");
      double low = Cells.number(row, "defections_avoided_low");
      double high = Cells.number(row, "defections_avoided_high");
      double[] ci = DisloyaltyPie.shareInterval(share, avoided, low, high);
      bars.add(new Bar(family, 0, 100 * share, 100 * ci[0], 100 * ci[1]));
      for (double v : new double[] {share, ci[0], ci[1]}) {
        lo = Double.isFinite(v) ? Math.min(lo, 100 * v) : lo;
        hi = Double.isFinite(v) ? Math.max(hi, 100 * v) : hi;
      }
      table.add(
          List.of(
              family,
              DisloyaltyPie.percent(share),
              DisloyaltyPie.percent(ci[0]) + " to " + DisloyaltyPie.percent(ci[1]),
              Cells.fixed(avoided, 1),
              Cells.fixed(low, 1) + " to " + Cells.fixed(high, 1)));
    }
    if (bars.isEmpty()) {
      return Disloyalty.missing("driver_effects holds no family shares.");
    }
    return new Disloyalty(
        Optional.empty(),
        Optional.of(pieChart(bars, lo, hi)),
        Optional.of(
            DataTable.of(
                List.of(
                    "family",
                    "share",
                    "95% interval",
                    "defections avoided",
                    "95% interval (defections)"),
                table)),
        withoutShare.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", withoutShare)));
  }

  /** Signed shares in percent from {@code lo} to {@code hi} (and 0), with their intervals. */
  private static BarChart pieChart(List<Bar> bars, double lo, double hi) {
    double[] range = Cells.range(lo, hi, 0);
    Axis axis =
        new Axis(
            "signed share of predicted defections, % (+ causes, − protects)",
            range[0], range[1], v -> Cells.fixed(v, 0));
    return Svg.bars(
        "Disloyalty pie: signed family shares with 95% intervals", axis, bars, List.of("share"), 0);
  }

  static Drivers topDrivers(Lake lake) {
    List<Row> ranked =
        rowsOf(
            lake,
            DRIVER_EFFECTS,
            rows ->
                rows.filter(col("level").equalTo("feature").and(col("rank").isNotNull()))
                    .orderBy(col("rank")));
    List<Row> withoutReference =
        rowsOf(
            lake,
            DRIVER_EFFECTS,
            rows ->
                rows.filter(
                        col("level").equalTo("feature").and(col("counterfactual_value").isNull()))
                    .orderBy(col("permutation_importance").desc_nulls_last(), col("driver")));
    return drivers(ranked, withoutReference);
  }

  /**
   * The drivers' record from driver_effects' ranked feature rows (by rank) and its feature rows
   * without a counterfactual_value (by permutation importance).
   */
  static Drivers drivers(List<Row> ranked, List<Row> withoutReference) {
    Optional<DataTable> unreferenced = withoutReference(withoutReference);
    if (ranked.isEmpty()) {
      return new Drivers(
          Optional.of(
              new Note("driver_effects does not exist yet or has no ranked features.", TRAIN)),
          Optional.empty(),
          Optional.empty(),
          unreferenced);
    }
    Map<String, Row> byDriver = new LinkedHashMap<>();
    ranked.forEach(row -> byDriver.put(Cells.string(row, "driver"), row));
    List<Bar> bars = new ArrayList<>();
    List<List<String>> table = new ArrayList<>();
    double lo = 1;
    double hi = 1;
    for (Measures.Measure m : measures(ranked)) {
      Row row = byDriver.get(m.driver());
      double or = Cells.number(row, "odds_ratio_per_sd");
      double low = Cells.number(row, "odds_ratio_low");
      double high = Cells.number(row, "odds_ratio_high");
      bars.add(new Bar(m.label(), 0, or, low, high));
      lo = Math.min(lo, Double.isFinite(low) ? low : or);
      hi = Math.max(hi, Double.isFinite(high) ? high : or);
      table.add(
          List.of(
              Cells.string(row, "rank"),
              m.label(),
              m.driver(),
              Cells.string(row, "family"),
              Cells.fixed(or, 2),
              Cells.interval(low, high, false),
              Cells.fixed(Cells.number(row, "defections_avoided"), 1),
              DisloyaltyPie.percent(Cells.number(row, "share")),
              Cells.string(row, "description")));
    }
    double[] range = Cells.range(lo, hi, 1);
    Axis axis =
        new Axis(
            "odds ratio of defecting per 1 SD (×, 1 = no effect)",
            range[0],
            range[1],
            v -> Cells.fixed(v, 2));
    BarChart chart =
        Svg.bars(
            "Top drivers: odds ratio per SD with 95% interval",
            axis, bars, List.of("odds ratio"), 1);
    return new Drivers(
        Optional.empty(), Optional.of(chart), Optional.of(driversTable(table)), unreferenced);
  }

  /** The top 10 measures: the windows of one measure grouped, its longest ranked window shown. */
  private static List<Measures.Measure> measures(List<Row> ranked) {
    return Measures.group(
            ranked.stream()
                .map(
                    row ->
                        new Measures.Ranked(
                            Cells.string(row, "driver"),
                            Cells.string(row, "family"),
                            row.isNullAt(row.fieldIndex("counterfactual_value"))
                                ? null
                                : Cells.number(row, "counterfactual_value")))
                .toList())
        .stream()
        .limit(10)
        .toList();
  }

  private static DataTable driversTable(List<List<String>> rows) {
    return DataTable.of(
        List.of(
            "rank",
            "measure",
            "effect of",
            "family",
            "odds ratio / SD",
            "95% interval",
            "defections avoided",
            "share",
            "description"),
        rows);
  }

  /**
   * The drivers the pie leaves out (recencies, trends, effort score levels, experience), ranked by
   * permutation importance, so that none is silently missing; empty when there are none.
   */
  private static Optional<DataTable> withoutReference(List<Row> drivers) {
    if (drivers.isEmpty()) {
      return Optional.empty();
    }
    List<List<String>> table = new ArrayList<>();
    int rank = 0;
    for (Row row : drivers) {
      rank++;
      table.add(
          List.of(
              String.valueOf(rank),
              Cells.string(row, "driver"),
              Cells.string(row, "family"),
              Cells.fixed(Cells.number(row, "permutation_importance"), 4),
              Cells.fixed(Cells.number(row, "odds_ratio_per_sd"), 2),
              Cells.string(row, "description")));
    }
    return Optional.of(
        DataTable.of(
            List.of(
                "rank by importance",
                "driver",
                "family",
                "permutation importance",
                "odds ratio / SD",
                "description"),
            table));
  }
}
