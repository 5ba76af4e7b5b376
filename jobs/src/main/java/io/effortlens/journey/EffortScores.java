package io.effortlens.journey;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Scores journeys: adds {@code effort_score} (1 = effortless .. 7 = most effort) from an {@link
 * EffortModel}. Journey grain in and out; a narrow projection, no shuffle.
 */
public final class EffortScores {
  private EffortScores() {}

  /** Adds effort_score to journey rows. */
  public static Dataset<Row> withEffortScore(Dataset<Row> journeys, EffortModel model) {
    return journeys.withColumn(JourneySchema.EFFORT_SCORE, model.score());
  }

  /**
   * Adds effort_score to journey rows of several groups (e.g. as-of dates), each scored by its
   * group's model: a CASE over the groups, no join.
   */
  public static Dataset<Row> withEffortScore(
      Dataset<Row> journeys, String group, Map<?, EffortModel> models) {
    Column score = null;
    for (Map.Entry<?, EffortModel> e : models.entrySet()) {
      Column matches = col(group).equalTo(lit(e.getKey()));
      Column value = e.getValue().score();
      score = score == null ? when(matches, value) : score.when(matches, value);
    }
    return journeys.withColumn(
        JourneySchema.EFFORT_SCORE, score == null ? lit(null).cast("double") : score);
  }
}
