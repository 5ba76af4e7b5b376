package io.effortlens.report;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.stddev_samp;

import io.effortlens.journey.JourneySchema;
import io.effortlens.report.Intervals.Estimate;
import io.effortlens.schema.InteractionSchema;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The perception gap: what the touchpoint view (each survey satisfied) hides that the journey view
 * (effort, defection) shows. Spark aggregates to a handful of rows; intervals on the driver.
 */
final class PerceptionGap {
  /** Surveys at this position and later are pooled. */
  static final int LAST_POSITION = 5;

  /** Journeys with at least this many touchpoints are "long" for CSAT by position. */
  static final int LONG_JOURNEY_TOUCHPOINTS = 3;

  private PerceptionGap() {}

  /** Mean and spread of CSAT by survey position in long journeys: at most 5 rows. */
  static Dataset<Row> toCsatByPosition(Dataset<Row> surveys, Dataset<Row> journeys) {
    Dataset<Row> longJourneys =
        journeys
            .filter(col(JourneySchema.TOUCHPOINTS).geq(LONG_JOURNEY_TOUCHPOINTS))
            .select(col(JourneySchema.JOURNEY_ID));
    return surveys
        .join(longJourneys, JourneySchema.JOURNEY_ID)
        .groupBy(least(col(JourneyOutcomes.POSITION), lit(LAST_POSITION)).as("position"))
        .agg(
            count(lit(1)).as("n"),
            avg(col(InteractionSchema.CSAT)).as("mean"),
            stddev_samp(col(InteractionSchema.CSAT)).as("stddev"))
        .orderBy(col("position"));
  }

  /** Rows in {@link PerceptionGapSchema} order. */
  static List<Row> toRows(Row counts, List<Row> csatByPosition, LocalDate asOf) {
    Date day = Date.valueOf(asOf);
    List<Row> rows = new ArrayList<>();
    rows.add(
        share(
            day,
            counts,
            "satisfied",
            PerceptionGapSchema.SATISFIED_DEFECTED,
            "Share of journeys whose every surveyed touchpoint had CSAT >= 4 whose customer"
                + " defected"));
    rows.add(
        share(
            day,
            counts,
            "unsatisfied",
            PerceptionGapSchema.UNSATISFIED_DEFECTED,
            "Share of journeys with a surveyed touchpoint below CSAT 4 whose customer defected"));
    for (Row position : csatByPosition) {
      long n = position.getLong(1);
      Estimate mean =
          Intervals.mean(
              n, position.getDouble(2), position.isNullAt(3) ? Double.NaN : position.getDouble(3));
      int at = position.getInt(0);
      rows.add(
          row(
              day,
              PerceptionGapSchema.CSAT_BY_POSITION,
              at,
              n,
              mean,
              "csat_1_5",
              "Mean CSAT of the "
                  + (at == LAST_POSITION ? at + "th and later" : ordinal(at))
                  + " survey in journeys with "
                  + LONG_JOURNEY_TOUCHPOINTS
                  + "+ touchpoints"));
    }
    rows.add(
        correlation(
            day,
            counts,
            OutcomeCounts.CORR_CSAT,
            OutcomeCounts.N_CORR_CSAT,
            PerceptionGapSchema.CORR_CSAT,
            "Correlation of a journey's mean touchpoint CSAT with defection (0/1)"));
    rows.add(
        correlation(
            day,
            counts,
            OutcomeCounts.CORR_EFFORT,
            OutcomeCounts.N_CORR_EFFORT,
            PerceptionGapSchema.CORR_EFFORT,
            "Correlation of a journey's effort_score with defection (0/1)"));
    return rows;
  }

  private static Row share(Date day, Row counts, String group, String measure, String text) {
    long n = OutcomeCounts.n(counts, group);
    Estimate share = Intervals.wilson(OutcomeCounts.defected(counts, group), n);
    return row(day, measure, null, n, share, "share", text);
  }

  private static Row correlation(
      Date day, Row counts, String column, String nColumn, String measure, String text) {
    long n = counts.getLong(counts.fieldIndex(nColumn));
    Estimate r = Intervals.correlation(n, OutcomeCounts.value(counts, column));
    return row(day, measure, null, n, r, "pearson_r", text);
  }

  private static Row row(
      Date day, String measure, Integer position, long n, Estimate e, String unit, String text) {
    return RowFactory.create(
        day,
        measure,
        position,
        n,
        ResearchReplication.nullable(e.value()),
        ResearchReplication.nullable(e.low()),
        ResearchReplication.nullable(e.high()),
        unit,
        text);
  }

  private static String ordinal(int n) {
    return switch (n) {
      case 1 -> "1st";
      case 2 -> "2nd";
      case 3 -> "3rd";
      default -> n + "th";
    };
  }
}
