package io.effortlens.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.effortlens.report.ReportPage.DataTable;
import io.effortlens.report.ReportPage.Note;
import io.effortlens.report.ReportPage.TableRow;
import java.sql.Date;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * Each report section's record computed from a few aggregate rows, checked without rendering or
 * parsing HTML: the table cells as the page shows them, what the charts draw, the notes.
 */
class ReportSectionsTest {
  private static final String FAMILY =
      "driver STRING, share DOUBLE, defections_avoided DOUBLE, defections_avoided_low DOUBLE,"
          + " defections_avoided_high DOUBLE";
  private static final String FEATURE =
      "driver STRING, family STRING, rank INT, counterfactual_value DOUBLE,"
          + " odds_ratio_per_sd DOUBLE, odds_ratio_low DOUBLE, odds_ratio_high DOUBLE,"
          + " defections_avoided DOUBLE, share DOUBLE, permutation_importance DOUBLE,"
          + " description STRING";

  static Row row(String ddl, Object... values) {
    return new GenericRowWithSchema(values, StructType.fromDDL(ddl));
  }

  private static List<List<String>> cells(DataTable table) {
    return table.rows().stream().map(TableRow::cells).toList();
  }

  @Test
  void disloyaltyShowsSignedSharesAndNamesTheFamilyWithoutOne() {
    ModelSections.Disloyalty pie =
        ModelSections.disloyalty(
            List.of(
                row(FAMILY, "effort", 0.6, 30.0, 24.0, 36.0),
                row(FAMILY, "delight", -0.1, -5.0, -8.0, -2.0),
                row(FAMILY, "experience", null, null, null, null)));
    assertEquals(
        List.of(
            List.of("effort", "+60.0%", "+48.0% to +72.0%", "30.0", "24.0 to 36.0"),
            List.of("delight", "-10.0%", "-16.0% to -4.0%", "-5.0", "-8.0 to -2.0")),
        cells(pie.table().orElseThrow()));
    assertEquals(Optional.of("experience"), pie.withoutShare());
    assertEquals(
        List.of("effort", "delight"),
        pie.chart().orElseThrow().bars().stream().map(b -> b.label().text()).toList());
    assertEquals(1, pie.charts());
    assertEquals(0, pie.notes());
  }

  @Test
  void disloyaltyWithoutAnyShareIsANote() {
    ModelSections.Disloyalty pie =
        ModelSections.disloyalty(List.of(row(FAMILY, "experience", null, null, null, null)));
    assertEquals(
        Optional.of(new Note("driver_effects holds no family shares.", "effortlens train")),
        pie.note());
    assertEquals(0, pie.charts());
  }

  @Test
  void driversShowOneRowPerMeasureAndRankTheUnreferencedByImportance() {
    ModelSections.Drivers drivers =
        ModelSections.drivers(
            List.of(
                feature("active_days_180d", "engagement", 1, 0.0, 0.5, 0.02),
                feature("active_days_30d", "engagement", 2, 0.0, 0.9, 0.01),
                feature("repeat_contacts_90d", "effort", 3, 0.0, 1.5, 0.03)),
            List.of(feature("csat_mean_90d", "experience", null, null, 1.2, 0.03)));
    List<List<String>> rows = cells(drivers.table().orElseThrow());
    assertEquals(2, rows.size(), "active_days shown once");
    assertEquals("active_days (30d, 180d windows)", rows.get(0).get(1));
    assertEquals("active_days_180d", rows.get(0).get(2));
    assertEquals("0.50", rows.get(0).get(4));
    assertEquals("0.450 to 0.550", rows.get(0).get(5));
    assertEquals(
        List.of(List.of("1", "csat_mean_90d", "experience", "0.0300", "1.20", "why")),
        cells(drivers.withoutReference().orElseThrow()));
    assertEquals(2, drivers.chart().orElseThrow().bars().size(), "one bar per measure");
  }

  @Test
  void driversWithoutRankedFeaturesStillListTheUnreferenced() {
    ModelSections.Drivers drivers =
        ModelSections.drivers(
            List.of(), List.of(feature("csat_mean_90d", "experience", null, null, 1.2, 0.03)));
    assertEquals(1, drivers.notes());
    assertEquals(0, drivers.charts());
    assertTrue(drivers.withoutReference().isPresent());
  }

  private static Row feature(
      String driver, String family, Integer rank, Double reference, double or, double importance) {
    return row(
        FEATURE,
        driver,
        family,
        rank,
        reference,
        or,
        or * 0.9,
        or * 1.1,
        10.0,
        0.05,
        importance,
        "why");
  }

  @Test
  void delightShowsCausalAndNaiveInPercentagePointsWithTheVerdict() {
    String ddl =
        "action STRING, treated BIGINT, controls BIGINT, effect DOUBLE, effect_low DOUBLE,"
            + " effect_high DOUBLE, naive_effect DOUBLE, naive_low DOUBLE, naive_high DOUBLE,"
            + " horizon_days INT, p_adjusted DOUBLE, family_size INT, is_finding BOOLEAN";
    DelightSection.Delight delight =
        DelightSection.delight(
            List.of(
                row(
                    ddl, "refund", 250L, 2750L, -0.021, -0.033, -0.009, 0.055, 0.045, 0.065, 90,
                    0.06, 3, false)));
    assertEquals(
        List.of(
            List.of(
                "refund",
                "250",
                "2750",
                "-2.10",
                "-3.30 to -0.90",
                "5.50",
                "90",
                "no distinct effect (Holm-adjusted p 0.060 over 3 actions)")),
        cells(delight.table().orElseThrow()));
    assertEquals(
        List.of("refund (causal)", "refund (naive)"),
        delight.chart().orElseThrow().bars().stream().map(b -> b.label().text()).toList());
    assertEquals(2, delight.chart().orElseThrow().legend().size(), "causal and naive");
  }

  @Test
  void missingModelTablesAreNotesNamingTrain() {
    assertEquals(1, DelightSection.delight(List.of()).notes());
    ModelQuality.Quality quality = ModelQuality.quality(List.of());
    assertEquals(
        Optional.of(new Note("model_metrics does not exist yet.", "effortlens train")),
        quality.note());
    assertEquals(0, quality.charts());
  }

  @Test
  void modelQualityDrawsTheChosenModelsCurvesAndNotesAMissingOne() {
    String ddl = "model STRING, metric STRING, bin INT, value DOUBLE";
    List<Row> rows =
        List.of(
            row(ddl, "logistic", "chosen", null, 0.0),
            row(ddl, "gbt", "chosen", null, 1.0),
            row(ddl, "gbt", "auc_roc", null, 0.78),
            row(ddl, "gbt", "lift_top_decile", null, 3.1),
            row(ddl, "gbt", "roc_fpr", 1, 0.5),
            row(ddl, "gbt", "roc_tpr", 1, 0.7),
            row(ddl, "gbt", "roc_fpr", 0, 0.0),
            row(ddl, "gbt", "roc_tpr", 0, 0.0));
    ModelQuality.Quality quality = ModelQuality.quality(rows);
    assertEquals(Optional.of("gbt"), quality.chosen());
    assertEquals(
        "190.0,300.0 440.0,127.8",
        quality.figures().get(0).lines().orElseThrow().series().get(0).polyline());
    assertEquals(
        Optional.of(
            new Note(
                "model_metrics has no pr_recall/pr_precision points for gbt.", "effortlens train")),
        quality.figures().get(1).note());
    assertEquals(2, quality.charts(), "ROC and lift");
    assertEquals(2, quality.notes(), "PR and calibration");
    assertEquals(
        List.of("gbt", "0.780", "–", "–", "–", "3.100", "–"),
        cells(quality.table().orElseThrow()).get(0));
  }

  @Test
  void kpiTrendsDrawEffortAndRepeatByChannelAndWeek() {
    String ddl = "week DATE, channel STRING, journeys BIGINT, effort_sum DOUBLE, repeat_sum DOUBLE";
    GoldSections.KpiTrends kpis =
        GoldSections.kpiTrends(
            List.of(
                row(ddl, Date.valueOf("2024-03-04"), "chat", 10L, 30.0, 2.0),
                row(ddl, Date.valueOf("2024-03-11"), "chat", 10L, null, 5.0)));
    assertEquals(2, kpis.charts());
    assertEquals(1, kpis.effort().orElseThrow().series().get(0).points().size());
    assertEquals("190.0,250.8 690.0,177.0", kpis.repeat().orElseThrow().series().get(0).polyline());
    assertEquals("2024-03-04", kpis.repeat().orElseThrow().xAxis().ticks().get(0).label().text());
  }

  @Test
  void perceptionGapSplitsTheTableFromTheCsatByPositionChart() {
    String ddl =
        "measure STRING, position INT, description STRING, n BIGINT, unit STRING, value DOUBLE,"
            + " low DOUBLE, high DOUBLE";
    GoldSections.Perception gap =
        GoldSections.perception(
            List.of(
                row(ddl, PerceptionGapSchema.CSAT_BY_POSITION, 1, "d", 40L, "csat", 4.2, 4.0, 4.4),
                row(ddl, "loyal_share", null, "Satisfied but left", 40L, "share", 0.25, 0.1, 0.4),
                row(ddl, "corr", null, "Correlation", 40L, "r", 0.1234, null, null)));
    assertEquals(
        List.of(
            List.of("Satisfied but left", "40", "25.0%", "10.0% to 40.0%"),
            List.of("Correlation", "40", "0.123", "–")),
        cells(gap.table().orElseThrow()));
    assertEquals("survey 1", gap.positions().orElseThrow().bars().get(0).label().text());
  }

  @Test
  void replicationShowsDifferencesInPointsAndSharesInPercent() {
    String ddl =
        "statement STRING, n BIGINT, estimate DOUBLE, low DOUBLE, high DOUBLE, status STRING,"
            + " finding STRING, group_b STRING, interval_method STRING";
    DataTable table =
        GoldSections.replication(
            List.of(
                row(ddl, "a share", 10L, 0.25, 0.2, 0.3, "estimated", "f", "", "wilson"),
                row(ddl, "a gap", 10L, 0.05, 0.01, 0.09, "estimated", "f", "b", "newcombe"),
                row(
                    ddl,
                    "an effect",
                    10L,
                    -0.0158,
                    -0.03,
                    -0.004,
                    "estimated",
                    "f",
                    "",
                    "bootstrap")));
    assertEquals(
        List.of("25.0%", "5.0 pp", "-1.6 pp"), cells(table).stream().map(r -> r.get(2)).toList());
  }

  @Test
  void nextIssuesFormatSupportConfidenceAndLift() {
    String ddl = "rank INT, sentence STRING, support DOUBLE, confidence DOUBLE, lift DOUBLE";
    assertEquals(
        List.of(List.of("1", "billing then refund", "0.0123", "45.0%", "3.20")),
        cells(
            GoldSections.nextIssues(
                List.of(row(ddl, 1, "billing then refund", 0.01234, 0.45, 3.2)))));
  }

  @Test
  void riskCountsCustomersPerBand() {
    String ddl = "risk_band STRING, customers BIGINT";
    RiskSection.Risk risk =
        RiskSection.risk("2024-04-01", List.of(row(ddl, "high", 10L), row(ddl, "low", 30L)));
    assertEquals(Optional.of("2024-04-01"), risk.scoresAsOf());
    assertEquals(
        List.of("high", "low"),
        risk.chart().orElseThrow().bars().stream().map(b -> b.label().text()).toList());
    // axis 0..32.5 customers (the largest band plus 5% and 1) over 500 px
    assertEquals(500 * 30 / 32.5, risk.chart().orElseThrow().bars().get(1).width(), 1e-9);
  }
}
