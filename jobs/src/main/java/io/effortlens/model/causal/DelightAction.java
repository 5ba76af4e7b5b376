package io.effortlens.model.causal;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.effortlens.features.FeatureSet;
import org.apache.spark.sql.Column;

/**
 * One treatment: 'any' delight action, or one action type, started in the treatment window before
 * the as-of date. A type is compared with snapshots that got no delight action at all in the window
 * (snapshots that got only other types are left out), so each row answers "this action versus
 * none".
 *
 * @param name 'any' or the action type
 * @param countColumn the customer_features column counting the actions in the window
 * @param anyColumn the column counting any delight action in the window
 */
record DelightAction(String name, String countColumn, String anyColumn) {
  static DelightAction any(int windowDays) {
    String column = FeatureSet.windowed("delight_actions", windowDays);
    return new DelightAction(DelightEffects.ANY, column, column);
  }

  static DelightAction ofType(String type, int windowDays) {
    return new DelightAction(
        type,
        FeatureSet.windowed(type + "_actions", windowDays),
        FeatureSet.windowed("delight_actions", windowDays));
  }

  Column isTreated() {
    return col(countColumn).gt(0);
  }

  /** Treated snapshots plus the snapshots without any delight action in the window. */
  Column inPopulation() {
    return isTreated().or(col(anyColumn).equalTo(lit(0)));
  }
}
