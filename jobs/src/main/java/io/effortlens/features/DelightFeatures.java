package io.effortlens.features;

import static io.effortlens.schema.InteractionSchema.ACTION_TYPE;
import static io.effortlens.schema.InteractionSchema.AMOUNT;
import static io.effortlens.schema.InteractionSchema.KIND;
import static io.effortlens.schema.InteractionSchema.STARTED_AT;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.effortlens.schema.Vocabulary;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;

/**
 * Delight features: company actions (kind action) that started in the window, in total and per
 * action type: count, amount, days since the latest. Aggregates over known interactions.
 */
final class DelightFeatures {
  private DelightFeatures() {}

  static List<Feature> of(List<Integer> windows) {
    List<Feature> out = new ArrayList<>();
    Column action = col(KIND).equalTo("action");
    add(out, "delight", "company actions of any type", action, windows);
    for (String type : Vocabulary.ACTION_TYPE.allowed()) {
      Column ofType = action.and(col(ACTION_TYPE).equalTo(type));
      add(out, type, "'" + type + "' actions", ofType, windows);
    }
    return out;
  }

  private static void add(
      List<Feature> out, String prefix, String what, Column rows, List<Integer> windows) {
    for (int days : windows) {
      Column in = rows.and(PointInTime.within(col(STARTED_AT), days));
      out.add(
          feature(
              FeatureSet.windowed(prefix + "_actions", days),
              days,
              "Count of " + what + " in the window.",
              count(when(in, lit(1))),
              0L));
      out.add(
          feature(
              FeatureSet.windowed(prefix + "_amount", days),
              days,
              "Summed amount of " + what + " in the window.",
              coalesce(sum(when(in, col(AMOUNT))), lit(0.0)),
              0.0));
    }
    out.add(
        feature(
            "days_since_" + prefix + "_action",
            null,
            "Days from the latest of " + what + " to T; null if none.",
            PointInTime.daysSince(max(when(rows, col(STARTED_AT)))),
            null));
  }

  private static Feature feature(
      String name, Integer days, String description, Column value, Object absent) {
    return new Feature(name, FeatureFamily.DELIGHT, days, description, value, absent);
  }
}
