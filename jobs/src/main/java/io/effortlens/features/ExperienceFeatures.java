package io.effortlens.features;

import static io.effortlens.schema.InteractionSchema.ANSWERED_AT;
import static io.effortlens.schema.InteractionSchema.CES;
import static io.effortlens.schema.InteractionSchema.CSAT;
import static io.effortlens.schema.InteractionSchema.KIND;
import static io.effortlens.schema.InteractionSchema.NPS;
import static io.effortlens.schema.InteractionSchema.STARTED_AT;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;

/**
 * Experience features: survey answers known in the window (answered_at, else started_at, in [T -
 * window, T)), per score: mean, number of answers and a has_ indicator so a missing mean is not
 * mistaken for a value. CES is 1-7 (7 very easy), CSAT 1-5, NPS 0-10.
 */
final class ExperienceFeatures {
  private ExperienceFeatures() {}

  static List<Feature> of(List<Integer> windows) {
    List<Feature> out = new ArrayList<>();
    Column answeredAt = coalesce(col(ANSWERED_AT), col(STARTED_AT));
    for (int days : windows) {
      Column in = col(KIND).equalTo("survey").and(PointInTime.within(answeredAt, days));
      add(out, CSAT, "CSAT (1-5)", in, days);
      add(out, CES, "CES (1-7, 7 = very easy)", in, days);
      add(out, NPS, "NPS likelihood (0-10)", in, days);
    }
    return out;
  }

  private static void add(List<Feature> out, String score, String what, Column in, int days) {
    Column answer = when(in, col(score));
    out.add(
        feature(
            score + "_mean",
            days,
            "Mean " + what + " answered in the window; null without answers.",
            avg(answer),
            null));
    out.add(
        feature(
            score + "_responses",
            days,
            "Answers of " + what + " in the window.",
            count(answer),
            0L));
    out.add(
        feature(
            "has_" + score,
            days,
            "Whether any " + what + " answer is known in the window (missingness indicator).",
            count(answer).gt(0),
            false));
  }

  private static Feature feature(
      String name, int days, String description, Column value, Object absent) {
    return new Feature(
        FeatureSet.windowed(name, days),
        FeatureFamily.EXPERIENCE,
        days,
        description,
        value,
        absent);
  }
}
