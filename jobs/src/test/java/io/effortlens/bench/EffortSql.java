package io.effortlens.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * The journeys of {@code io.effortlens.journey.Journeys} and a named subset of the window features
 * of {@code io.effortlens.features.EffortFeatures}, as DuckDB SQL over the interactions' Parquet
 * files. Only touchpoints (kind contact or self_service) decide journey keys in the Spark stitch
 * (actions and surveys only attach to them), so only touchpoints are read here. Times are compared
 * as epoch microseconds and gaps in whole epoch seconds ({@code unix_seconds}), as in Spark.
 *
 * <p>Features per customer at T, window [T - n days, T) on the journey's last touchpoint: journeys,
 * repeat_contacts (contacts with a person after the first: phone, chat, email, social, store, or an
 * agent recorded; never IVR), transfers, channel_switches (consecutive touchpoints in different
 * channel groups: ivr is phone, app is web), for n in {@link #WINDOWS_DAYS}.
 */
final class EffortSql {
  /** Windows of the compared features; both are in the default {@code features.windows-days}. */
  static final List<Integer> WINDOWS_DAYS = List.of(30, 90);

  /** Compared per-journey metrics, summed per window; plus the window's journey count. */
  static final List<String> METRICS = List.of("repeat_contacts", "transfers", "channel_switches");

  private static final String ORDER = "us, source, interaction_id";

  private EffortSql() {}

  /** The feature columns compared with Spark's customer_features, e.g. journeys_30d. */
  static List<String> featureColumns() {
    List<String> out = new ArrayList<>();
    for (int days : WINDOWS_DAYS) {
      out.add("journeys_" + days + "d");
      METRICS.forEach(m -> out.add(m + "_" + days + "d"));
    }
    return out;
  }

  /**
   * One row per journey (customer_id, journey_id, last_touchpoint_us and the metrics) from the
   * touchpoints started before {@code cutoffUs} (Long.MAX_VALUE: all of them).
   */
  static String journeys(String interactions, long cutoffUs, int gapDays) {
    long gap = gapDays * 86_400L;
    return """
        WITH tp AS (
          SELECT customer_id, source, interaction_id, case_id, intent, channel, kind, transfers,
                 agent_id, epoch_us(started_at) AS us, epoch_us(started_at) // 1000000 AS sec
          FROM %1$s
          WHERE kind IN ('contact', 'self_service') AND epoch_us(started_at) < %2$d),
        issues AS (
          SELECT *, coalesce(intent, CASE WHEN case_id IS NOT NULL THEN first_value(intent IGNORE NULLS)
                    OVER (PARTITION BY customer_id, case_id ORDER BY %4$s
                          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) END) AS issue
          FROM tp),
        gaps AS (
          SELECT *, lag(sec) OVER (PARTITION BY customer_id, issue ORDER BY %4$s) AS prev_issue_sec
          FROM issues),
        sessions AS (
          SELECT *, sum(CASE WHEN prev_issue_sec IS NULL OR sec - prev_issue_sec > %3$d THEN 1 ELSE 0 END)
                    OVER (PARTITION BY customer_id, issue ORDER BY %4$s ROWS UNBOUNDED PRECEDING) AS session
          FROM gaps),
        keyed AS (
          SELECT *, CASE
              WHEN case_id IS NOT NULL THEN 'c|' || case_id
              WHEN issue IS NOT NULL THEN coalesce('c|' || coalesce(
                  last_value(case_id IGNORE NULLS) OVER (PARTITION BY customer_id, issue, session
                      ORDER BY %4$s ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW),
                  first_value(case_id IGNORE NULLS) OVER (PARTITION BY customer_id, issue, session
                      ORDER BY %4$s ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING)),
                'i|' || issue || '|' || session::VARCHAR)
              END AS key
          FROM sessions),
        starts AS (
          SELECT *, key IS NOT NULL OR prev_sec IS NULL OR sec - prev_sec > %3$d AS starts_group
          FROM (SELECT *, lag(sec) OVER (PARTITION BY customer_id ORDER BY %4$s) AS prev_sec FROM keyed)),
        groups AS (
          SELECT *, sum(starts_group::INT)
                    OVER (PARTITION BY customer_id ORDER BY %4$s ROWS UNBOUNDED PRECEDING) AS grp
          FROM starts),
        stitched AS (
          SELECT *, first_value(CASE WHEN starts_group
                      THEN coalesce(key, 'g|' || source || '|' || interaction_id) END IGNORE NULLS)
                    OVER (PARTITION BY customer_id, grp ORDER BY %4$s
                          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS journey_key
          FROM groups),
        ordered AS (
          SELECT *, lag(channel_group) OVER j AS prev_channel, row_number() OVER j AS rn
          FROM (SELECT *, CASE channel WHEN 'ivr' THEN 'phone' WHEN 'app' THEN 'web'
                          ELSE channel END AS channel_group FROM stitched)
          WINDOW j AS (PARTITION BY customer_id, journey_key ORDER BY %4$s))
        SELECT customer_id,
               max(CASE WHEN rn = 1 THEN sha256(customer_id || '|' || source || '|' || interaction_id) END)
                 AS journey_id,
               max(us) AS last_touchpoint_us,
               greatest(count(*) FILTER (WHERE kind = 'contact'
                   AND (channel IN ('phone', 'chat', 'email', 'social', 'store')
                        OR (agent_id IS NOT NULL AND channel IS DISTINCT FROM 'ivr'))) - 1, 0)
                 AS repeat_contacts,
               coalesce(sum(transfers), 0) AS transfers,
               count(*) FILTER (WHERE prev_channel <> channel_group) AS channel_switches
        FROM ordered
        GROUP BY customer_id, journey_key
        """
        .formatted(interactions, cutoffUs, gap, ORDER);
  }

  /** One row per customer with journeys before T: {@link #featureColumns()}. */
  static String features(String journeys, long cutoffUs) {
    StringJoiner columns = new StringJoiner(",\n       ", "SELECT customer_id,\n       ", "\n");
    for (int days : WINDOWS_DAYS) {
      String in = "last_touchpoint_us >= %d".formatted(cutoffUs - days * 86_400_000_000L);
      columns.add("count(*) FILTER (WHERE %s) AS journeys_%dd".formatted(in, days));
      for (String metric : METRICS) {
        columns.add(
            "coalesce(sum(%1$s) FILTER (WHERE %2$s), 0) AS %1$s_%3$dd".formatted(metric, in, days));
      }
    }
    return columns
        + "FROM %s\nWHERE last_touchpoint_us < %d\nGROUP BY customer_id"
            .formatted(journeys, cutoffUs);
  }
}
