package io.effortlens.journey;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log1p;
import static org.apache.spark.sql.functions.not;

import java.util.List;
import org.apache.spark.sql.Column;

/**
 * The journey effort metrics effort_score is built from, as numeric expressions over a {@code
 * journeys} row. Wait and duration enter as log1p so a few very long journeys do not dominate.
 */
final class EffortTerms {
  /** The counts that enter as they are, first in {@link #NAMES} and {@link #INPUTS}. */
  private static final List<String> COUNTS =
      List.of(
          JourneySchema.TOUCHPOINTS,
          JourneySchema.REPEAT_CONTACTS,
          JourneySchema.CHANNEL_SWITCHES,
          JourneySchema.SELF_SERVICE_FAILURES,
          JourneySchema.SELF_SERVICE_TO_ASSISTED,
          JourneySchema.TRANSFERS,
          JourneySchema.RE_EXPLANATIONS);

  static final List<String> NAMES =
      concat(COUNTS, "log_wait_minutes", "is_unresolved", "log_duration_hours");

  /**
   * Weights of the fixed composite used when too few CES answers exist to fit, in {@link #NAMES}
   * order, over an intercept of 1 (an effortless journey): each repeat contact +0.6, channel switch
   * +0.4, self-service failure +0.3, failed self-service then assisted +0.6, transfer +0.4,
   * re-explanation +0.5, log1p(wait minutes) x 0.3, unresolved +1.5, log1p(duration hours) x 0.2.
   */
  static final List<Double> COMPOSITE_WEIGHTS =
      List.of(0.0, 0.6, 0.4, 0.3, 0.6, 0.4, 0.5, 0.3, 1.5, 0.2);

  static final double COMPOSITE_INTERCEPT = 1.0;

  /** The journey columns the terms read. */
  static final List<String> INPUTS =
      concat(
          COUNTS,
          JourneySchema.WAIT_SECONDS,
          JourneySchema.IS_RESOLVED,
          JourneySchema.DURATION_HOURS);

  private EffortTerms() {}

  private static List<String> concat(List<String> first, String... more) {
    List<String> out = new java.util.ArrayList<>(first);
    out.addAll(List.of(more));
    return List.copyOf(out);
  }

  /** The terms as double columns, in {@link #NAMES} order. */
  static List<Column> columns() {
    return List.of(
        count(JourneySchema.TOUCHPOINTS),
        count(JourneySchema.REPEAT_CONTACTS),
        count(JourneySchema.CHANNEL_SWITCHES),
        count(JourneySchema.SELF_SERVICE_FAILURES),
        count(JourneySchema.SELF_SERVICE_TO_ASSISTED),
        count(JourneySchema.TRANSFERS),
        count(JourneySchema.RE_EXPLANATIONS),
        log1p(greatest(col(JourneySchema.WAIT_SECONDS), lit(0.0)).divide(60.0)),
        not(col(JourneySchema.IS_RESOLVED)).cast("double"),
        log1p(greatest(col(JourneySchema.DURATION_HOURS), lit(0.0))));
  }

  /** {@code intercept + sum(weight_i * term_i)}. */
  static Column linear(double intercept, List<Double> weights) {
    List<Column> terms = columns();
    Column sum = lit(intercept);
    for (int i = 0; i < terms.size(); i++) {
      sum = sum.plus(terms.get(i).multiply(weights.get(i)));
    }
    return sum;
  }

  private static Column count(String name) {
    return col(name).cast("double");
  }
}
