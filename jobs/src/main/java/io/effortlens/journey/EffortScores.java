package io.effortlens.journey;

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
}
