package io.effortlens.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.effortlens.model.Backtest;
import io.effortlens.model.TrainResult;
import io.effortlens.model.causal.DelightEffectSchema;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.junit.jupiter.api.Test;

/**
 * The train summary's delight lines lead with the verdict of delight_effects: a finding only when
 * the row survived Holm's adjustment, otherwise "no distinct effect", even when the action's own
 * 95% interval excludes 0.
 */
class DelightSummaryLinesTest {

  @Test
  void aSurvivingActionIsAFindingAndAnActionOnlySignificantAloneIsNot() {
    String summary =
        summary(
            List.of(
                row("refund", -0.168, -0.253, -0.094, 0.00018, true),
                row("credit", -0.03, -0.06, -0.001, 0.12, false)));

    assertTrue(
        summary.contains(
            "delight 'refund': finding (Holm-adjusted p < 0.001 over 5 actions); -16.8 points of"
                + " defection within 90 days (95% -25.3 to -9.4; naive +13.0), 71 treated"),
        summary);
    assertTrue(
        summary.contains(
            "delight 'credit': no distinct effect (Holm-adjusted p 0.120 over 5 actions); -3.0"
                + " points"),
        summary);
  }

  private static Row row(
      String action, double effect, double low, double high, double pAdjusted, boolean finding) {
    return new GenericRowWithSchema(
        new Object[] {
          "v1",
          action,
          90,
          "aipw",
          71L,
          16916L,
          effect,
          low,
          high,
          effect,
          0.13,
          0.1,
          0.16,
          0.0,
          0.01,
          0.02,
          0.1,
          200,
          0.04,
          pAdjusted / 5,
          pAdjusted,
          "holm",
          5,
          finding
        },
        DelightEffectSchema.SCHEMA);
  }

  private static String summary(List<Row> delight) {
    LocalDate d = LocalDate.parse("2024-01-01");
    TrainResult r =
        new TrainResult(
            "v1",
            "first",
            true,
            "first model",
            "gbt",
            "auc_pr",
            100,
            10,
            Map.of(),
            null,
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            new Backtest(List.of(d), d.plusMonths(1), List.of(d.plusMonths(2))),
            "models/v1",
            delight,
            0.7,
            null,
            "too few snapshots",
            null);
    StringWriter out = new StringWriter();
    TrainCommand.print(r, new PrintWriter(out, true));
    return out.toString();
  }
}
