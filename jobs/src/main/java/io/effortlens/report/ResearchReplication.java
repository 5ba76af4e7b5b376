package io.effortlens.report;

import io.effortlens.report.Intervals.Estimate;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The research's headline statements tested on the company's data: from the one-row {@link
 * OutcomeCounts} (and the delight_effects row for action 'any', when that table exists) to one row
 * per statement in {@link ResearchReplicationSchema} order. Driver-side arithmetic on counts only.
 */
final class ResearchReplication {
  /** Effort drivers the research names: group and statement. */
  private static final String[][] DRIVERS = {
    {"repeat_contact", "Having to contact the company again about the same issue drives defection"},
    {"transfer", "Being transferred drives defection"},
    {"channel_switch", "Having to switch channels drives defection"},
    {"re_explanation", "Having to repeat information drives defection"}
  };

  private ResearchReplication() {}

  static List<Row> toRows(Row counts, Optional<Row> delight, LocalDate asOf, int horizonDays) {
    Date day = Date.valueOf(asOf);
    String outcome = "defected within " + horizonDays + " days";
    List<Row> rows = new ArrayList<>();
    rows.add(
        comparison(
            day,
            counts,
            "high_effort_defection",
            "Customers with high-effort experiences are far more likely to defect",
            "high_effort",
            "low_effort",
            outcome));
    rows.add(
        share(
            day,
            counts,
            "satisfied_who_defected",
            "Satisfied customers defect too: satisfaction does not predict loyalty",
            "satisfied",
            false,
            outcome));
    rows.add(
        share(
            day,
            counts,
            "dissatisfied_who_stayed",
            "Many dissatisfied customers stay",
            "dissatisfied",
            true,
            "stayed " + horizonDays + " days"));
    for (String[] driver : DRIVERS) {
      rows.add(
          comparison(
              day,
              counts,
              driver[0] + "_defection",
              driver[1],
              driver[0],
              "no_" + driver[0],
              outcome));
    }
    rows.add(DelightStatement.toRow(day, delight, horizonDays));
    return rows;
  }

  private static Row comparison(
      Date day, Row counts, String id, String statement, String a, String b, String outcome) {
    long nA = OutcomeCounts.n(counts, a);
    long nB = OutcomeCounts.n(counts, b);
    long dA = OutcomeCounts.defected(counts, a);
    long dB = OutcomeCounts.defected(counts, b);
    Estimate diff = Intervals.newcombe(dA, nA, dB, nB);
    boolean estimated = nA > 0 && nB > 0;
    String finding =
        estimated
            ? String.format(
                Locale.ROOT,
                "%s journeys: %.1f%% %s vs %.1f%% (%s); difference %+.1f points (95%% %+.1f to"
                    + " %+.1f)",
                label(a),
                100 * (double) dA / nA,
                outcome,
                100 * (double) dB / nB,
                label(b),
                100 * diff.value(),
                100 * diff.low(),
                100 * diff.high())
            : "not enough observed journeys in one of the groups (" + nA + " vs " + nB + ")";
    return RowFactory.create(
        day,
        id,
        statement,
        label(a),
        label(b),
        nA + nB,
        nA,
        nB,
        nullable((double) dA / nA),
        nullable((double) dB / nB),
        nullable(diff.value()),
        nullable(diff.low()),
        nullable(diff.high()),
        "newcombe",
        estimated ? ResearchReplicationSchema.ESTIMATED : ResearchReplicationSchema.NOT_ESTIMATED,
        finding);
  }

  private static Row share(
      Date day,
      Row counts,
      String id,
      String statement,
      String group,
      boolean stayed,
      String outcome) {
    long n = OutcomeCounts.n(counts, group);
    long d = OutcomeCounts.defected(counts, group);
    long hits = stayed ? n - d : d;
    Estimate share = Intervals.wilson(hits, n);
    String finding =
        n > 0
            ? String.format(
                Locale.ROOT,
                "%.1f%% of %d %s journeys' customers %s (95%% %.1f%% to %.1f%%)",
                100 * share.value(),
                n,
                label(group),
                outcome,
                100 * share.low(),
                100 * share.high())
            : "no observed " + label(group) + " journeys";
    return RowFactory.create(
        day,
        id,
        statement,
        label(group),
        null,
        n,
        n,
        null,
        nullable(share.value()),
        null,
        nullable(share.value()),
        nullable(share.low()),
        nullable(share.high()),
        "wilson",
        n > 0 ? ResearchReplicationSchema.ESTIMATED : ResearchReplicationSchema.NOT_ESTIMATED,
        finding);
  }

  static String label(String group) {
    return group.replace('_', ' ').replace("no ", "without ");
  }

  /** NaN and infinities as null, so BI tools see a missing value, not a number. */
  static Double nullable(double value) {
    return Double.isFinite(value) ? value : null;
  }
}
