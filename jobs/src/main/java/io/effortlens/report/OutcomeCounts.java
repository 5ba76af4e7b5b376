package io.effortlens.report;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.corr;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.effortlens.journey.JourneySchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Counts of observed journeys and of their defections per group, in one aggregation pass: journey
 * grain in, one row out ({@code n_<group>}, {@code d_<group>}, plus the correlations). Groups are
 * the research's comparisons (high vs low effort, with vs without a repeat contact, ...).
 */
final class OutcomeCounts {
  static final String CORR_CSAT = "corr_csat";
  static final String N_CORR_CSAT = "n_corr_csat";
  static final String CORR_EFFORT = "corr_effort";
  static final String N_CORR_EFFORT = "n_corr_effort";

  private OutcomeCounts() {}

  /** The groups by name, given the high-effort threshold. */
  static Map<String, Column> groups(double highEffort) {
    Column effort = col(JourneySchema.EFFORT_SCORE);
    Column csat = col(JourneyOutcomes.MIN_CSAT);
    Map<String, Column> groups = new LinkedHashMap<>();
    groups.put("high_effort", effort.geq(highEffort));
    groups.put("low_effort", effort.lt(highEffort));
    groups.put("satisfied", csat.geq(4));
    groups.put("unsatisfied", csat.lt(4));
    groups.put("dissatisfied", csat.leq(2));
    withAndWithout(groups, "repeat_contact", col(JourneySchema.REPEAT_CONTACTS).gt(0));
    withAndWithout(groups, "transfer", col(JourneySchema.TRANSFERS).gt(0));
    withAndWithout(groups, "channel_switch", col(JourneySchema.CHANNEL_SWITCHES).gt(0));
    withAndWithout(groups, "re_explanation", col(JourneySchema.RE_EXPLANATIONS).gt(0));
    return groups;
  }

  static Dataset<Row> toCounts(Dataset<Row> outcomes, double highEffort) {
    Dataset<Row> observed = outcomes.filter(col(JourneyOutcomes.IS_OBSERVED));
    Column defected = col(JourneyOutcomes.IS_DEFECTED);
    Column defected01 = when(defected, 1.0).otherwise(0.0);
    List<Column> aggregates = new ArrayList<>();
    for (Map.Entry<String, Column> group : groups(highEffort).entrySet()) {
      Column in = coalesce(group.getValue(), lit(false));
      aggregates.add(count(when(in, lit(1))).as("n_" + group.getKey()));
      aggregates.add(count(when(in.and(defected), lit(1))).as("d_" + group.getKey()));
    }
    Column csat = col(JourneyOutcomes.MEAN_CSAT);
    Column effort = col(JourneySchema.EFFORT_SCORE);
    aggregates.add(corr(csat, defected01).as(CORR_CSAT));
    aggregates.add(count(csat).as(N_CORR_CSAT));
    aggregates.add(corr(effort, defected01).as(CORR_EFFORT));
    aggregates.add(count(effort).as(N_CORR_EFFORT));
    aggregates.add(sum(lit(1L)).as("n_all"));
    return observed.agg(
        aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new));
  }

  static long n(Row counts, String group) {
    return counts.getLong(counts.fieldIndex("n_" + group));
  }

  static long defected(Row counts, String group) {
    return counts.getLong(counts.fieldIndex("d_" + group));
  }

  /** A double column of the counts row; NaN when null (no pairs). */
  static double value(Row counts, String column) {
    int i = counts.fieldIndex(column);
    return counts.isNullAt(i) ? Double.NaN : counts.getDouble(i);
  }

  private static void withAndWithout(Map<String, Column> groups, String name, Column condition) {
    groups.put(name, condition);
    groups.put("no_" + name, coalesce(condition, lit(false)).equalTo(false));
  }
}
