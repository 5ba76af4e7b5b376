package io.effortlens.report;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_union;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.transform;

import io.effortlens.features.PointInTime;
import io.effortlens.journey.JourneySchema;
import java.sql.Date;
import java.time.LocalDate;
import org.apache.spark.ml.fpm.FPGrowth;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * What customers contact about next. One basket per journey that ended at least the window before
 * as_of: {@code A:<its intent>} plus {@code B:<intent>} of every journey of the same customer that
 * started within the window after it ended. FPGrowth's association rules {@code [A:x] => [B:y]}
 * then read "after a journey about x, the customer contacted about y within the window" with
 * support, confidence and lift. The self-join shuffles by customer_id.
 */
final class NextIssueRules {
  static final String ITEMS = "items";
  private static final String A = "A:";
  private static final String B = "B:";

  private NextIssueRules() {}

  /** One basket (array of items) per eligible journey. */
  static Dataset<Row> toBaskets(Dataset<Row> journeys, LocalDate asOf, int windowDays) {
    Column cutoff = lit(PointInTime.cutoff(asOf));
    Dataset<Row> known =
        journeys
            .filter(col(JourneySchema.INTENT).isNotNull())
            .select(
                col(JourneySchema.JOURNEY_ID),
                col(JourneySchema.CUSTOMER_ID),
                col(JourneySchema.INTENT),
                col(JourneySchema.STARTED_AT),
                col(JourneySchema.ENDED_AT));
    Dataset<Row> earlier =
        known.filter(JourneyOutcomes.plusDays(col(JourneySchema.ENDED_AT), windowDays).lt(cutoff));
    Dataset<Row> later = known.toDF("l_id", "l_customer", "l_intent", "l_started_at", "l_ended_at");
    Column follows =
        col(JourneySchema.CUSTOMER_ID)
            .equalTo(col("l_customer"))
            .and(col("l_started_at").gt(col(JourneySchema.ENDED_AT)))
            .and(
                col("l_started_at")
                    .leq(JourneyOutcomes.plusDays(col(JourneySchema.ENDED_AT), windowDays)));
    return earlier
        .join(later, follows, "left")
        .groupBy(col(JourneySchema.JOURNEY_ID), col(JourneySchema.INTENT))
        .agg(collect_set(col("l_intent")).as("_next"))
        .select(
            array_union(
                    array(concat(lit(A), col(JourneySchema.INTENT))),
                    transform(col("_next"), x -> concat(lit(B), x)))
                .as(ITEMS));
  }

  /**
   * Mines the baskets (FPGrowth fits: runs Spark jobs) and keeps the rules {@code [A:x] => [B:y]},
   * ranked by lift, in {@link NextIssueRuleSchema} order.
   */
  static Dataset<Row> mine(
      Dataset<Row> baskets,
      long basketCount,
      LocalDate asOf,
      int windowDays,
      double minSupport,
      double minConfidence) {
    Dataset<Row> rules =
        new FPGrowth()
            .setItemsCol(ITEMS)
            .setMinSupport(minSupport)
            .setMinConfidence(minConfidence)
            .fit(baskets)
            .associationRules();
    Column antecedent = element_at(col("antecedent"), 1);
    Column consequent = element_at(col("consequent"), 1);
    return rules
        .filter(
            size(col("antecedent"))
                .equalTo(1)
                .and(size(col("consequent")).equalTo(1))
                .and(antecedent.startsWith(A))
                .and(consequent.startsWith(B)))
        .select(
            substring(antecedent, 3, 1000).as(NextIssueRuleSchema.ANTECEDENT_INTENT),
            substring(consequent, 3, 1000).as(NextIssueRuleSchema.CONSEQUENT_INTENT),
            col("support").as(NextIssueRuleSchema.SUPPORT),
            col("confidence").as(NextIssueRuleSchema.CONFIDENCE),
            col("lift").as(NextIssueRuleSchema.LIFT))
        .withColumn(NextIssueRuleSchema.AS_OF, lit(Date.valueOf(asOf)))
        .withColumn(NextIssueRuleSchema.WINDOW_DAYS, lit(windowDays))
        .withColumn(NextIssueRuleSchema.BASKETS, lit(basketCount))
        .withColumn(
            NextIssueRuleSchema.RULE_JOURNEYS,
            round(col(NextIssueRuleSchema.SUPPORT).multiply(basketCount)).cast("long"))
        .withColumn(
            NextIssueRuleSchema.RANK,
            row_number()
                .over(
                    Window.orderBy(
                        col(NextIssueRuleSchema.LIFT).desc(),
                        col(NextIssueRuleSchema.CONFIDENCE).desc(),
                        col(NextIssueRuleSchema.ANTECEDENT_INTENT),
                        col(NextIssueRuleSchema.CONSEQUENT_INTENT))))
        .withColumn(NextIssueRuleSchema.SENTENCE, sentence())
        .select(NextIssueRuleSchema.columns().stream().map(c -> col(c)).toArray(Column[]::new));
  }

  private static Column sentence() {
    return format_string(
        "After a journey about %s, %.0f%% of customers contacted about %s within %d days"
            + " (%.1f times the usual rate).",
        col(NextIssueRuleSchema.ANTECEDENT_INTENT),
        col(NextIssueRuleSchema.CONFIDENCE).multiply(100),
        col(NextIssueRuleSchema.CONSEQUENT_INTENT),
        col(NextIssueRuleSchema.WINDOW_DAYS),
        col(NextIssueRuleSchema.LIFT));
  }
}
