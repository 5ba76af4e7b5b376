package io.effortlens.report;

import static org.apache.spark.sql.functions.col;

import io.effortlens.lake.Lake;
import io.effortlens.model.causal.Findings;
import io.effortlens.report.ReportPage.DataTable;
import io.effortlens.report.ReportPage.Note;
import io.effortlens.report.Svg.Axis;
import io.effortlens.report.Svg.Bar;
import io.effortlens.report.Svg.BarChart;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Row;

/**
 * The delight section (template {@code delight}): per action of delight_effects, the causal (AIPW)
 * estimate next to the naive comparison, in percentage points, with its verdict.
 */
final class DelightSection {
  private DelightSection() {}

  record Delight(Optional<Note> note, Optional<BarChart> chart, Optional<DataTable> table)
      implements ReportPage.ChartSection {}

  static Delight of(Lake lake) {
    return delight(
        ModelSections.rowsOf(lake, GoldJob.DELIGHT_EFFECTS, rows -> rows.orderBy(col("action"))));
  }

  /** The section's record from delight_effects' rows, by action. */
  static Delight delight(List<Row> effects) {
    if (effects.isEmpty()) {
      return new Delight(
          Optional.of(new Note("delight_effects does not exist yet.", ModelSections.TRAIN)),
          Optional.empty(),
          Optional.empty());
    }
    List<Bar> bars = new ArrayList<>();
    List<List<String>> table = new ArrayList<>();
    double lo = 0;
    double hi = 0;
    for (Row row : effects) {
      String action = Cells.string(row, "action");
      double[] causal = percentagePoints(row, "effect", "effect_low", "effect_high");
      double[] naive = percentagePoints(row, "naive_effect", "naive_low", "naive_high");
      bars.add(new Bar(action + " (causal)", 0, causal[0], causal[1], causal[2]));
      bars.add(new Bar(action + " (naive)", 1, naive[0], naive[1], naive[2]));
      for (double v :
          new double[] {causal[1], causal[2], naive[1], naive[2], causal[0], naive[0]}) {
        if (Double.isFinite(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
      table.add(
          List.of(
              action,
              Cells.string(row, "treated"),
              Cells.string(row, "controls"),
              Cells.fixed(causal[0], 2),
              Cells.fixed(causal[1], 2) + " to " + Cells.fixed(causal[2], 2),
              Cells.fixed(naive[0], 2),
              Cells.string(row, "horizon_days"),
              Findings.verdict(row)));
    }
    double[] range = Cells.range(lo, hi, 0);
    Axis axis =
        new Axis(
            "change in P(defect within horizon), percentage points",
            range[0],
            range[1],
            v -> Cells.fixed(v, 1));
    BarChart chart =
        Svg.bars(
            "Delight effect by action, 95% intervals",
            axis, bars, List.of("causal (AIPW)", "naive"), 0);
    return new Delight(Optional.empty(), Optional.of(chart), Optional.of(table(table)));
  }

  private static double[] percentagePoints(Row row, String value, String low, String high) {
    return new double[] {
      100 * Cells.number(row, value), 100 * Cells.number(row, low), 100 * Cells.number(row, high)
    };
  }

  private static DataTable table(List<List<String>> rows) {
    return DataTable.of(
        List.of(
            "action",
            "treated",
            "controls",
            "causal effect (pp)",
            "95% interval (pp)",
            "naive (pp)",
            "horizon days",
            "verdict"),
        rows);
  }
}
