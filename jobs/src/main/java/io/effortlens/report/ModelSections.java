package io.effortlens.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.max;

import io.effortlens.lake.Lake;
import io.effortlens.model.DisloyaltyPie;
import io.effortlens.model.Measures;
import io.effortlens.model.causal.Findings;
import io.effortlens.report.Svg.Axis;
import io.effortlens.report.Svg.Bar;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Report sections from the model tables (driver_effects, delight_effects, customer_risk): each
 * reads a small aggregate, draws it, or says which command makes the missing table.
 */
final class ModelSections {
  static final String TRAIN = "effortlens train";

  private ModelSections() {}

  static void disloyaltyPie(Html html, Lake lake, ReportJob.Tally tally) {
    html.heading(
        "disloyalty",
        "What drives disloyalty",
        "Signed share of predicted defections by driver family (driver_effects, level 'family',"
            + " column share): + causes, − protects. A family's share is the defections avoided"
            + " with its drivers at their reference value over the sum of all drivers' absolute"
            + " defections avoided; the whiskers are its 95% bootstrap interval on the same scale."
            + " These are the numbers effortlens train prints.");
    Optional<List<Row>> families =
        ModelVersions.rowsOf(lake, "driver_effects")
            .map(
                rows ->
                    rows.filter(col("level").equalTo("family"))
                        .orderBy(col("share").desc_nulls_last(), col("driver"))
                        .collectAsList());
    if (families.isEmpty() || families.get().isEmpty()) {
      tally.missing(html.unavailable("driver_effects does not exist yet.", TRAIN));
      html.end();
      return;
    }
    List<Bar> bars = new ArrayList<>();
    List<List<String>> table = new ArrayList<>();
    List<String> withoutShare = new ArrayList<>();
    double lo = 0;
    double hi = 0;
    for (Row row : families.get()) {
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
      tally.missing(html.unavailable("driver_effects holds no family shares.", TRAIN));
      html.end();
      return;
    }
    double[] range = Cells.range(lo, hi, 0);
    Axis axis =
        new Axis(
            "signed share of predicted defections, % (+ causes, − protects)",
            range[0], range[1], v -> Cells.fixed(v, 0));
    tally.chart(
        html.markup(
            Svg.bars(
                "Disloyalty pie: signed family shares with 95% intervals",
                axis, bars, List.of("share"), 0)));
    html.table(
        List.of(
            "family", "share", "95% interval", "defections avoided", "95% interval (defections)"),
        table);
    if (!withoutShare.isEmpty()) {
      html.paragraph(
          "No share for "
              + String.join(", ", withoutShare)
              + ": none of its drivers has a reference value to set it to.");
    }
    html.end();
  }

  static void topDrivers(Html html, Lake lake, ReportJob.Tally tally) {
    html.heading(
        "drivers",
        "Top drivers of defection",
        "Odds ratio of defecting per one standard deviation of each measure, with its 95% interval,"
            + " and its signed share of predicted defections (driver_effects, level 'feature',"
            + " ranked). The windows of one measure (e.g. active_days over 30, 90 and 180 days) are"
            + " shown once: setting the longest window to 0 empties the shorter ones, so the"
            + " measure's effect is its longest ranked window's, whose row is shown.");
    Optional<List<Row>> drivers =
        ModelVersions.rowsOf(lake, "driver_effects")
            .map(
                rows ->
                    rows.filter(col("level").equalTo("feature").and(col("rank").isNotNull()))
                        .orderBy(col("rank"))
                        .collectAsList());
    if (drivers.isEmpty() || drivers.get().isEmpty()) {
      tally.missing(
          html.unavailable("driver_effects does not exist yet or has no ranked features.", TRAIN));
      withoutReference(html, lake);
      html.end();
      return;
    }
    Map<String, Row> byDriver = new LinkedHashMap<>();
    drivers.get().forEach(row -> byDriver.put(Cells.string(row, "driver"), row));
    List<Measures.Measure> measures =
        Measures.group(
                drivers.get().stream()
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
    List<Bar> bars = new ArrayList<>();
    List<List<String>> table = new ArrayList<>();
    double lo = 1;
    double hi = 1;
    for (Measures.Measure m : measures) {
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
    tally.chart(
        html.markup(
            Svg.bars(
                "Top drivers: odds ratio per SD with 95% interval",
                axis, bars, List.of("odds ratio"), 1)));
    html.table(
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
        table);
    withoutReference(html, lake);
    html.end();
  }

  /**
   * The drivers the pie leaves out (driver_effects rows of level 'feature' without a
   * counterfactual_value: recencies, trends, effort score levels, experience), ranked by
   * permutation importance, so that none is silently missing.
   */
  static void withoutReference(Html html, Lake lake) {
    Optional<List<Row>> drivers =
        ModelVersions.rowsOf(lake, "driver_effects")
            .map(
                rows ->
                    rows.filter(
                            col("level")
                                .equalTo("feature")
                                .and(col("counterfactual_value").isNull()))
                        .orderBy(col("permutation_importance").desc_nulls_last(), col("driver"))
                        .collectAsList());
    if (drivers.isEmpty() || drivers.get().isEmpty()) {
      return;
    }
    html.paragraph(
        "Drivers without a reference value (no value customers have means \"no effort\": a"
            + " recency, a trend, an effort score level, what customers said) are not in the pie"
            + " and their defections avoided are not computed; they are ranked here by permutation"
            + " importance, the drop in the gradient-boosted model's AUC-PR when the driver is"
            + " shuffled.");
    List<List<String>> table = new ArrayList<>();
    int rank = 0;
    for (Row row : drivers.get()) {
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
    html.table(
        List.of(
            "rank by importance",
            "driver",
            "family",
            "permutation importance",
            "odds ratio / SD",
            "description"),
        table);
  }

  static void delight(Html html, Lake lake, ReportJob.Tally tally) {
    html.heading(
        "delight",
        "Delight: causal estimate vs naive comparison",
        "Change in the probability of defecting after a delight action, in percentage points: the causal (AIPW) estimate next to the naive difference between customers with and without the action (delight_effects). An action is a finding only when its 95% interval excludes 0 and its p-value survives Holm's adjustment for the number of actions tested; any other action shows no distinct effect.");
    Optional<List<Row>> effects =
        ModelVersions.rowsOf(lake, GoldJob.DELIGHT_EFFECTS)
            .map(rows -> rows.orderBy(col("action")).collectAsList());
    if (effects.isEmpty() || effects.get().isEmpty()) {
      tally.missing(html.unavailable("delight_effects does not exist yet.", TRAIN));
      html.end();
      return;
    }
    List<Bar> bars = new ArrayList<>();
    List<List<String>> table = new ArrayList<>();
    double lo = 0;
    double hi = 0;
    for (Row row : effects.get()) {
      String action = Cells.string(row, "action");
      double[] causal = {
        100 * Cells.number(row, "effect"),
        100 * Cells.number(row, "effect_low"),
        100 * Cells.number(row, "effect_high")
      };
      double[] naive = {
        100 * Cells.number(row, "naive_effect"),
        100 * Cells.number(row, "naive_low"),
        100 * Cells.number(row, "naive_high")
      };
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
    tally.chart(
        html.markup(
            Svg.bars(
                "Delight effect by action, 95% intervals",
                axis, bars, List.of("causal (AIPW)", "naive"), 0)));
    html.table(
        List.of(
            "action",
            "treated",
            "controls",
            "causal effect (pp)",
            "95% interval (pp)",
            "naive (pp)",
            "horizon days",
            "verdict"),
        table);
    html.end();
  }

  static void riskBands(Html html, Lake lake, LocalDate asOf, ReportJob.Tally tally) {
    html.heading(
        "risk",
        "Customers by risk band",
        "Number of scored customers per risk band at the latest score on or before the report date (customer_risk).");
    Optional<Dataset<Row>> risk = lake.readIfExists("customer_risk");
    Row latest =
        risk.map(
                r ->
                    r.filter(col("as_of").leq(java.sql.Date.valueOf(asOf)))
                        .agg(max(col("as_of")))
                        .first())
            .orElse(null);
    if (latest == null || latest.isNullAt(0)) {
      tally.missing(
          html.unavailable(
              "customer_risk has no scores on or before " + asOf + ".",
              "effortlens score --as-of " + asOf));
      html.end();
      return;
    }
    List<Row> bands =
        risk.get()
            .filter(col("as_of").equalTo(latest.get(0)))
            .groupBy(col("risk_band"))
            .agg(count(col("risk_band")).as("customers"))
            .orderBy(col("risk_band"))
            .collectAsList();
    List<Bar> bars = new ArrayList<>();
    double hi = 0;
    for (Row row : bands) {
      double customers = Cells.number(row, "customers");
      bars.add(new Bar(Cells.string(row, "risk_band"), 0, customers, Double.NaN, Double.NaN));
      hi = Math.max(hi, customers);
    }
    Axis axis = new Axis("customers (count)", 0, hi * 1.05 + 1, v -> Cells.fixed(v, 0));
    html.paragraph("Scores as of " + latest.get(0) + ".");
    tally.chart(
        html.markup(Svg.bars("Customers by risk band", axis, bars, List.of("customers"), 0)));
    html.end();
  }
}
