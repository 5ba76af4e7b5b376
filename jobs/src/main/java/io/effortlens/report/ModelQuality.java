package io.effortlens.report;

import static org.apache.spark.sql.functions.col;

import io.effortlens.lake.Lake;
import io.effortlens.report.ReportPage.DataTable;
import io.effortlens.report.ReportPage.Note;
import io.effortlens.report.ReportPage.Section;
import io.effortlens.report.Svg.Axis;
import io.effortlens.report.Svg.Bar;
import io.effortlens.report.Svg.BarChart;
import io.effortlens.report.Svg.LineChart;
import io.effortlens.report.Svg.Point;
import io.effortlens.report.Svg.Series;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Row;

/**
 * The model quality section (template {@code model}) from model_metrics (current model version,
 * test period): ROC and PR curves and calibration of the chosen model, lift in the top decile per
 * model, a metrics table.
 */
final class ModelQuality {
  private static final List<String> TABLE_METRICS =
      List.of("auc_roc", "auc_pr", "brier", "log_loss", "lift_top_decile", "capture_top_decile");

  private ModelQuality() {}

  /** A chart of the section, or the note saying why it is missing. */
  record Figure(Optional<Note> note, Optional<LineChart> lines, Optional<BarChart> bars) {
    static Figure missing(String why) {
      return new Figure(
          Optional.of(new Note(why, ModelSections.TRAIN)), Optional.empty(), Optional.empty());
    }
  }

  record Quality(
      Optional<Note> note, Optional<String> chosen, List<Figure> figures, Optional<DataTable> table)
      implements Section {
    @Override
    public int charts() {
      return figures.stream().mapToInt(f -> ReportPage.present(f.lines(), f.bars())).sum();
    }

    @Override
    public int notes() {
      return ReportPage.present(note)
          + figures.stream().mapToInt(f -> ReportPage.present(f.note())).sum();
    }
  }

  static Quality of(Lake lake) {
    return quality(
        ModelSections.rowsOf(
            lake,
            "model_metrics",
            rows ->
                rows.filter(col("period").equalTo("test"))
                    .select("model", "metric", "bin", "value")));
  }

  /** The section's record from model_metrics' test rows (model, metric, bin, value). */
  static Quality quality(List<Row> rows) {
    if (rows.isEmpty()) {
      return new Quality(
          Optional.of(new Note("model_metrics does not exist yet.", ModelSections.TRAIN)),
          Optional.empty(),
          List.of(),
          Optional.empty());
    }
    String chosen = chosen(rows);
    Axis rate =
        new Axis("false positive rate (share of stayers flagged)", 0, 1, v -> Cells.fixed(v, 1));
    Axis tpr =
        new Axis("true positive rate (share of defectors caught)", 0, 1, v -> Cells.fixed(v, 1));
    Axis recall = new Axis("recall (share of defectors caught)", 0, 1, v -> Cells.fixed(v, 1));
    Axis precision =
        new Axis("precision (share of flagged who defect)", 0, 1, v -> Cells.fixed(v, 1));
    Axis predicted =
        new Axis("predicted defection probability (decile mean)", 0, 1, v -> Cells.fixed(v, 1));
    Axis observed = new Axis("observed defection rate", 0, 1, v -> Cells.fixed(v, 1));
    List<Figure> figures =
        List.of(
            curve(
                rows, chosen, "roc_fpr", "roc_tpr", "ROC curve (" + chosen + ")", rate, tpr, true),
            curve(
                rows,
                chosen,
                "pr_recall",
                "pr_precision",
                "Precision-recall curve (" + chosen + ")",
                recall,
                precision,
                false),
            curve(
                rows,
                chosen,
                "calibration_predicted",
                "calibration_observed",
                "Calibration by decile (" + chosen + ")",
                predicted,
                observed,
                true),
            lift(rows));
    return new Quality(Optional.empty(), Optional.of(chosen), figures, Optional.of(table(rows)));
  }

  private static String chosen(List<Row> rows) {
    return rows.stream()
        .filter(r -> Cells.string(r, "metric").equals("chosen") && Cells.number(r, "value") == 1.0)
        .map(r -> Cells.string(r, "model"))
        .findFirst()
        .orElse(Cells.string(rows.get(0), "model"));
  }

  private static Figure curve(
      List<Row> rows,
      String model,
      String xMetric,
      String yMetric,
      String title,
      Axis x,
      Axis y,
      boolean diagonal) {
    Map<Integer, double[]> byBin = new TreeMap<>();
    for (Row row : rows) {
      String metric = Cells.string(row, "metric");
      if (!Cells.string(row, "model").equals(model)
          || row.isNullAt(row.fieldIndex("bin"))
          || !(metric.equals(xMetric) || metric.equals(yMetric))) {
        continue;
      }
      double[] point =
          byBin.computeIfAbsent(
              row.getInt(row.fieldIndex("bin")), b -> new double[] {Double.NaN, Double.NaN});
      point[metric.equals(xMetric) ? 0 : 1] = Cells.number(row, "value");
    }
    List<Point> points = new ArrayList<>();
    byBin.values().stream()
        .filter(p -> Double.isFinite(p[0]) && Double.isFinite(p[1]))
        .forEach(p -> points.add(new Point(p[0], p[1])));
    if (points.isEmpty()) {
      return Figure.missing(
          "model_metrics has no " + xMetric + "/" + yMetric + " points for " + model + ".");
    }
    if (xMetric.equals("roc_fpr") || xMetric.equals("pr_recall")) {
      points.sort((a, b) -> Double.compare(a.x(), b.x()));
    }
    return new Figure(
        Optional.empty(),
        Optional.of(Svg.lines(title, x, y, List.of(new Series(model, points)), diagonal)),
        Optional.empty());
  }

  private static Figure lift(List<Row> rows) {
    List<Bar> bars = new ArrayList<>();
    double hi = 1;
    for (Row row : rows) {
      if (Cells.string(row, "metric").equals("lift_top_decile")) {
        double lift = Cells.number(row, "value");
        bars.add(new Bar(Cells.string(row, "model"), 0, lift, Double.NaN, Double.NaN));
        hi = Math.max(hi, lift);
      }
    }
    if (bars.isEmpty()) {
      return Figure.missing("model_metrics has no lift_top_decile rows.");
    }
    bars.sort((a, b) -> a.label().compareTo(b.label()));
    Axis axis =
        new Axis(
            "lift in the top risk decile (× the base defection rate)",
            0,
            hi * 1.1,
            v -> Cells.fixed(v, 1));
    return new Figure(
        Optional.empty(),
        Optional.empty(),
        Optional.of(Svg.bars("Lift of the top decile by model", axis, bars, List.of("lift"), 1)));
  }

  private static DataTable table(List<Row> rows) {
    Map<String, Map<String, Double>> byModel = new TreeMap<>();
    for (Row row : rows) {
      String metric = Cells.string(row, "metric");
      if (TABLE_METRICS.contains(metric) && row.isNullAt(row.fieldIndex("bin"))) {
        byModel
            .computeIfAbsent(Cells.string(row, "model"), m -> new TreeMap<>())
            .put(metric, Cells.number(row, "value"));
      }
    }
    List<List<String>> table = new ArrayList<>();
    byModel.forEach(
        (model, values) -> {
          List<String> line = new ArrayList<>(List.of(model));
          TABLE_METRICS.forEach(m -> line.add(Cells.fixed(values.getOrDefault(m, Double.NaN), 3)));
          table.add(line);
        });
    List<String> headers = new ArrayList<>(List.of("model"));
    headers.addAll(TABLE_METRICS);
    return DataTable.of(headers, table);
  }
}
