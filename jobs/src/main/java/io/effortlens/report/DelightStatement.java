package io.effortlens.report;

import io.effortlens.model.causal.Findings;
import java.sql.Date;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The research replication row on delight: the causal (AIPW) estimate of delight actions of any
 * type from {@code delight_effects}, or a 'not estimated' row naming the command that makes it. The
 * sentence calls the effect a finding only when it survives Holm's adjustment for the number of
 * actions tested ({@link Findings}); otherwise it reads 'No distinct effect'.
 */
final class DelightStatement {
  static final String ID = "delight_effect";
  static final String STATEMENT =
      "Delighting customers (refunds, credits, gifts, upgrades) barely improves loyalty";

  private DelightStatement() {}

  /**
   * @param delight the delight_effects row of action 'any' for the current model, if any
   */
  static Row toRow(Date day, Optional<Row> delight, int horizonDays) {
    if (delight.isEmpty()) {
      return RowFactory.create(
          day,
          ID,
          STATEMENT,
          "delight action",
          "no delight action",
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          ResearchReplicationSchema.NOT_ESTIMATED,
          "not estimated: delight_effects does not exist yet; run `effortlens train`");
    }
    Row row = delight.get();
    long treated = (long) number(row, "treated");
    long controls = (long) number(row, "controls");
    double effect = number(row, "effect");
    double low = number(row, "effect_low");
    double high = number(row, "effect_high");
    double horizonOfEffect = number(row, "horizon_days");
    int horizon = Double.isNaN(horizonOfEffect) ? horizonDays : (int) horizonOfEffect;
    String finding = sentence(row, horizon, effect, low, high);
    return RowFactory.create(
        day,
        ID,
        STATEMENT,
        "delight action",
        "no delight action",
        treated + controls,
        treated,
        controls,
        null,
        null,
        ResearchReplication.nullable(effect),
        ResearchReplication.nullable(low),
        ResearchReplication.nullable(high),
        "bootstrap",
        ResearchReplicationSchema.ESTIMATED,
        finding);
  }

  /**
   * The result in one sentence, leading with the verdict of {@link Findings}: a finding only when
   * the effect survives the adjustment for the actions tested, else 'no distinct effect'.
   */
  private static String sentence(Row row, int horizon, double effect, double low, double high) {
    String numbers =
        String.format(
            Locale.ROOT,
            "%+.1f points (95%% %+.1f to %+.1f; %s; causal AIPW estimate, naive difference %+.1f"
                + " points)",
            100 * effect,
            100 * low,
            100 * high,
            Findings.adjustment(row),
            100 * number(row, "naive_effect"));
    if (Findings.isFinding(row)) {
      return String.format(
          Locale.ROOT,
          "Finding: a delight action changed the probability of defecting within %d days by %s",
          horizon,
          numbers);
    }
    return String.format(
        Locale.ROOT,
        "No distinct effect of a delight action on the probability of defecting within %d days: %s",
        horizon,
        numbers);
  }

  private static double number(Row row, String column) {
    int i = row.fieldIndex(column);
    return row.isNullAt(i) ? Double.NaN : ((Number) row.get(i)).doubleValue();
  }
}
