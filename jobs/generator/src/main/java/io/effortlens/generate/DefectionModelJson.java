package io.effortlens.generate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The planted defection model and delight effect as truth.json sections. */
final class DefectionModelJson {
  static final String FORM =
      "monthly hazard p_defect = 1 / (1 + exp(-(intercept + sum(coefficient * value)))), evaluated"
          + " at each month_start for every customer active at that instant (signed up before it"
          + " and not cancelled); defection = account_event CANCEL at a uniform random instant in"
          + " that month, after which the customer leaves no records until a later SIGNUP";
  static final String DELIGHT_DEFINITION =
      "per delight action: probability of defecting over the at-risk months whose 90-day window"
          + " contains the action (month_start in (action, action + 90 days]), with the hazard as"
          + " simulated minus with this action's term removed, in percentage points, averaged over"
          + " actions followed by at least one at-risk month; negative = protective";
  static final String DELIGHT_SNAPSHOT_DEFINITION =
      "per treated snapshot (the quantity 'effortlens train' estimates as the ATT of 'any' delight"
          + " action with the default delight.treatment-window-days = 30 and labels.horizon-days ="
          + " 90): at a month_start T where the customer is at risk and got delight actions in"
          + " [T - 30 days, T), the probability of defecting over the at-risk months starting in"
          + " [T, T + 90 days] (up to the first defection), with the hazard as simulated minus with"
          + " those actions' terms removed, in percentage points, averaged over such snapshots"
          + " whose 90 days end within the simulation";
  static final String DELIGHT_TARGETING =
      "delight is granted more often after high effort (in the journey and in the trailing 90"
          + " days), so delighted customers defect more often although the planted effect is"
          + " protective";

  static final String DELIGHT_BY_ACTION_DEFINITION =
      "what 'effortlens train' reports in delight_effects.effect (delight.estimand = att, the"
          + " defaults delight.treatment-window-days = 30 and labels.horizon-days = 90), per action:"
          + " over the snapshots (customer at risk at a month_start T, T + 90 days within the"
          + " simulation) with an action of that type ('any': of any type) in [T - 30 days, T), the"
          + " mean of P(CANCEL in (T, T + 90 days] | the hazard as simulated) - P(same | the terms"
          + " of every action in [T - 30 days, T) removed), in percentage points; each snapshot's"
          + " value is the unbiased path estimate of that expectation (a month's CANCEL is uniform"
          + " in the month, so a month counts with the share of it inside the horizon; the months"
          + " after a defection are weighted in through the survival ratio). A type is compared"
          + " with snapshots without any delight action, as train does, so a snapshot with two"
          + " types counts for both";

  private DefectionModelJson() {}

  /** {@code delight_effect_by_action}: the planted value of each delight_effects row. */
  static Map<String, Object> delightByAction(Map<String, Object> months) {
    Map<String, Object> actions = new LinkedHashMap<>();
    actions.put(
        "any",
        action(
            months.get(MonthRows.IS_DELIGHT_SNAPSHOT),
            months.get(MonthRows.DELIGHT_EXPECTED_EFFECT)));
    for (Intent.Delight type : Intent.Delight.values()) {
      actions.put(
          type.name().toLowerCase(Locale.ROOT),
          action(
              months.get(MonthRows.isDelightSnapshot(type)),
              months.get(DefectionTruth.expectedEffectOf(type))));
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("estimand", "att");
    json.put("treatment_window_days", DelightEffects.SNAPSHOT_WINDOW_DAYS);
    json.put("horizon_days", DelightEffects.SNAPSHOT_HORIZON_DAYS);
    json.put("unit", "percentage points of the probability of defecting within the horizon");
    json.put("definition", DELIGHT_BY_ACTION_DEFINITION);
    json.put("actions", actions);
    return json;
  }

  private static Map<String, Object> action(Object snapshots, Object effectNanos) {
    double n = TruthDocument.number(snapshots);
    double sum = DefectionTruth.fromNanos(effectNanos);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("effect_pp", TruthDocument.round(n == 0 ? 0 : 100 * sum / n));
    json.put("treated_snapshots", (long) n);
    return json;
  }

  static Map<String, Object> model() {
    List<Map<String, Object>> drivers = new ArrayList<>();
    for (Driver driver : Driver.values()) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("name", driver.column());
      json.put("family", driver.family().code());
      json.put("coefficient", driver.coefficient());
      json.put("unit", driver.unit());
      json.put("window", driver.window());
      json.put("definition", driver.definition());
      drivers.add(json);
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("form", FORM);
    json.put("scale", "log-odds");
    json.put("intercept", Driver.INTERCEPT);
    json.put("drivers", drivers);
    return json;
  }

  static Map<String, Object> delight(Map<String, Object> months) {
    double actions = TruthDocument.number(months.get(MonthRows.DELIGHT_FOLLOWUPS));
    double effect = DefectionTruth.fromNanos(months.get(MonthRows.DELIGHT_EFFECT));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("driver", Driver.DELIGHT_ACTIONS_90D.column());
    json.put("log_odds_coefficient", Driver.DELIGHT_ACTIONS_90D.coefficient());
    json.put(
        "avg_effect_on_p_defect_90d_pp",
        TruthDocument.round(actions == 0 ? 0 : 100 * effect / actions));
    json.put("treated_actions", (long) actions);
    json.put("definition", DELIGHT_DEFINITION);
    double snapshots = TruthDocument.number(months.get(MonthRows.IS_DELIGHT_SNAPSHOT));
    double snapshotEffect = DefectionTruth.fromNanos(months.get(MonthRows.DELIGHT_SNAPSHOT_EFFECT));
    json.put(
        "att_snapshot_30d_on_p_defect_90d_pp",
        TruthDocument.round(snapshots == 0 ? 0 : 100 * snapshotEffect / snapshots));
    json.put("treated_snapshots", (long) snapshots);
    json.put("snapshot_definition", DELIGHT_SNAPSHOT_DEFINITION);
    json.put("targeting", DELIGHT_TARGETING);
    return json;
  }
}
