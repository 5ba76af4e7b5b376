package io.effortlens.journey;

import static org.apache.spark.sql.functions.col;

import io.effortlens.schema.InteractionSchema;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Test view of a stitch: journey id and rule per interaction id. */
final class Stitched {
  final Map<String, String> journeyOf = new HashMap<>();
  final Map<String, String> ruleOf = new HashMap<>();

  static Stitched of(SparkSession spark, int gapDays, List<Touch> touches) {
    Stitched out = new Stitched();
    List<Row> rows =
        Journeys.withJourneyId(Journeys.filterJourneyRows(Touch.frame(spark, touches)), gapDays)
            .select(
                col(InteractionSchema.INTERACTION_ID),
                col(JourneySchema.JOURNEY_ID),
                col(JourneySchema.STITCH_RULE))
            .collectAsList();
    for (Row row : rows) {
      out.journeyOf.put(row.getString(0), row.getString(1));
      out.ruleOf.put(row.getString(0), row.getString(2));
    }
    return out;
  }

  static Stitched of(SparkSession spark, Touch... touches) {
    return of(spark, 7, List.of(touches));
  }

  boolean together(String... ids) {
    String first = journeyOf.get(ids[0]);
    for (String id : ids) {
      if (first == null || !first.equals(journeyOf.get(id))) {
        return false;
      }
    }
    return true;
  }

  long journeys() {
    return journeyOf.values().stream().filter(v -> v != null).distinct().count();
  }
}
