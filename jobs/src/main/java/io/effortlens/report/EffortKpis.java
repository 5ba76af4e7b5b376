package io.effortlens.report;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.effortlens.journey.JourneySchema;
import java.sql.Date;
import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Daily effort KPIs: journey grain ({@link JourneyOutcomes}) in, one row per (day, channel, intent,
 * queue) out; shuffles once by the group.
 */
final class EffortKpis {
  private EffortKpis() {}

  static Dataset<Row> toDailyKpis(Dataset<Row> outcomes, LocalDate asOf, int horizonDays) {
    Column observed = col(JourneyOutcomes.IS_OBSERVED);
    Column customer = col(JourneySchema.CUSTOMER_ID);
    Column observedCustomers = countDistinct(when(observed, customer));
    return outcomes
        .groupBy(
            col(JourneyOutcomes.END_DAY).as(EffortKpiSchema.DAY),
            col(JourneyOutcomes.ENTRY_CHANNEL).as(EffortKpiSchema.CHANNEL),
            coalesce(col(JourneySchema.INTENT), lit(EffortKpiSchema.NONE))
                .as(EffortKpiSchema.INTENT),
            col(JourneyOutcomes.FIRST_QUEUE).as(EffortKpiSchema.QUEUE))
        .agg(
            count(lit(1)).as(EffortKpiSchema.JOURNEYS),
            countDistinct(customer).as(EffortKpiSchema.CUSTOMERS),
            avg(col(JourneySchema.EFFORT_SCORE)).as(EffortKpiSchema.EFFORT_INDEX),
            avg(col(JourneyOutcomes.MEAN_CES)).as(EffortKpiSchema.CES_MEAN),
            count(col(JourneyOutcomes.MEAN_CES)).as(EffortKpiSchema.CES_ANSWERS),
            share(col(JourneySchema.REPEAT_CONTACTS).gt(0)).as(EffortKpiSchema.REPEAT_CONTACT_RATE),
            share(col(JourneySchema.TRANSFERS).gt(0)).as(EffortKpiSchema.TRANSFER_RATE),
            share(col(JourneySchema.CHANNEL_SWITCHES).gt(0))
                .as(EffortKpiSchema.CHANNEL_SWITCH_RATE),
            share(col(JourneySchema.RE_EXPLANATIONS).gt(0)).as(EffortKpiSchema.RE_EXPLANATION_RATE),
            share(col(JourneySchema.SELF_SERVICE_FAILURES).gt(0))
                .as(EffortKpiSchema.SELF_SERVICE_FAILURE_RATE),
            share(col(JourneySchema.IS_RESOLVED).and(col(JourneySchema.TOUCHPOINTS).equalTo(1)))
                .as(EffortKpiSchema.FIRST_CONTACT_RESOLUTION_RATE),
            observedCustomers.as(EffortKpiSchema.CUSTOMERS_OBSERVED),
            countDistinct(when(observed.and(col(JourneyOutcomes.IS_DEFECTED)), customer))
                .as(EffortKpiSchema.CUSTOMERS_DEFECTED))
        .withColumn(EffortKpiSchema.AS_OF, lit(Date.valueOf(asOf)))
        .withColumn(EffortKpiSchema.DEFECTION_HORIZON_DAYS, lit(horizonDays))
        .withColumn(
            EffortKpiSchema.DEFECTION_RATE,
            when(
                col(EffortKpiSchema.CUSTOMERS_OBSERVED).gt(0),
                col(EffortKpiSchema.CUSTOMERS_DEFECTED)
                    .divide(col(EffortKpiSchema.CUSTOMERS_OBSERVED))))
        .select(EffortKpiSchema.columns().stream().map(c -> col(c)).toArray(Column[]::new));
  }

  /** Share of rows where the condition holds (null counts as false). */
  static Column share(Column condition) {
    return avg(when(coalesce(condition, lit(false)), 1.0).otherwise(0.0));
  }
}
