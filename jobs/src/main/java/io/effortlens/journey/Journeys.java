package io.effortlens.journey;

import static io.effortlens.schema.InteractionSchema.CASE_ID;
import static io.effortlens.schema.InteractionSchema.CUSTOMER_ID;
import static io.effortlens.schema.InteractionSchema.INTENT;
import static io.effortlens.schema.InteractionSchema.INTERACTION_ID;
import static io.effortlens.schema.InteractionSchema.KIND;
import static io.effortlens.schema.InteractionSchema.SOURCE;
import static io.effortlens.schema.InteractionSchema.STARTED_AT;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.last;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.unix_seconds;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Stitches canonical interactions into journeys: one customer's path through one issue, across
 * channels. Window functions only (sessionization with lag and running sums), after one shuffle by
 * customer_id; every window partition starts with customer_id so no further shuffle is needed.
 *
 * <p>Touchpoints are rows of kind {@code contact} or {@code self_service}, ordered per customer by
 * (started_at, source, interaction_id) so ties on the same instant are broken by the unique key.
 * Gaps are measured between started_at instants in exact 24-hour days, so DST and local midnights
 * of the raw data play no part. Precedence, first match wins:
 *
 * <ol>
 *   <li><b>case_id</b>: touchpoints with the same case_id form one journey, however far apart.
 *   <li><b>intent_gap</b>: a touchpoint without case_id but with an intent (its own, or for case
 *       touchpoints the case's first intent) continues the chain of that customer's touchpoints of
 *       the same intent when it starts at most {@code gapDays} after the previous one. A chain that
 *       contains case touchpoints joins the case of the nearest preceding case touchpoint in the
 *       chain, else the next one; a chain without cases is its own journey.
 *   <li><b>gap_only</b>: a touchpoint without case_id and intent joins the journey of the
 *       customer's previous touchpoint (of any intent) when it starts at most {@code gapDays} after
 *       it; else it starts its own journey, which later intent-less touchpoints may join.
 * </ol>
 *
 * <p>Action and survey rows attach to the journey with their case_id if that case has touchpoints,
 * else to the journey of the customer's latest touchpoint started at or before them when that is at
 * most {@code gapDays} earlier (a survey's started_at is when its contact ended). Other rows and
 * unattached actions or surveys get a null journey_id. {@code journey_id} is the SHA-256 of
 * customer_id, source and interaction_id of the journey's first touchpoint, so it is stable across
 * reruns on the same data.
 */
public final class Journeys {
  /**
   * Version of the stitching rules and journey metrics, stored in every journey row. v3: a contact
   * is assisted (with a person) on phone, chat, email, social or store, or with an agent recorded,
   * no longer on any channel but the IVR ({@link JourneyMetrics#assistedContact}).
   */
  public static final String RULE_VERSION = "journeys-v3";

  /** Added by {@link #withJourneyId}: whether the row is a touchpoint. */
  public static final String IS_TOUCHPOINT = "is_touchpoint";

  static final List<String> TOUCHPOINT_KINDS = List.of("contact", "self_service");
  private static final List<String> JOURNEY_KINDS =
      List.of("contact", "self_service", "action", "survey");

  private static final String TP = "_tp";
  private static final String SEC = "_sec";
  private static final String ISSUE = "_issue";
  private static final String CASE_HAS_TP = "_case_has_tp";
  private static final String SESSION = "_session";
  private static final String KEYED = "_keyed";
  private static final String PREV_TP_SEC = "_prev_tp_sec";
  private static final String GROUP = "_group";
  private static final String GROUP_KEY = "_group_key";
  private static final String JOURNEY_KEY = "_journey_key";
  private static final String FIRST = "_first";

  private Journeys() {}

  /** Keeps the rows journeys are made of: touchpoints, actions and surveys. */
  public static Dataset<Row> filterJourneyRows(Dataset<Row> interactions) {
    return interactions.filter(col(KIND).isin(JOURNEY_KINDS.toArray()));
  }

  /**
   * Adds {@code journey_id}, {@code stitch_rule} and {@link #IS_TOUCHPOINT} to every row (grain
   * unchanged; rows outside any journey get nulls). Shuffles once, by customer_id.
   *
   * @param scope columns that split a customer's rows into histories stitched apart, e.g. the as-of
   *     date of point-in-time journeys (each as-of date sees only the rows known before it); none
   *     for the journeys of all the data
   */
  public static Dataset<Row> withJourneyId(Dataset<Row> rows, int gapDays, String... scope) {
    long gap = gapDays * 86_400L;
    Dataset<Row> prepared =
        rows.repartition(col(CUSTOMER_ID))
            .withColumn(TP, col(KIND).isin(TOUCHPOINT_KINDS.toArray()))
            .withColumn(SEC, unix_seconds(col(STARTED_AT)));
    Dataset<Row> keyed = withIssueChains(prepared, gap, scope);
    Dataset<Row> grouped = withGapGroups(keyed, gap, scope);
    return withJourneyKeyOfAttachments(grouped, gap)
        .withColumn(FIRST, min(when(col(TP), touchpointOrder())).over(by(scope, col(JOURNEY_KEY))))
        .withColumn(
            JourneySchema.JOURNEY_ID,
            when(
                col(JOURNEY_KEY).isNotNull(),
                sha2(
                    concat_ws(
                        "|",
                        col(CUSTOMER_ID),
                        col(FIRST).getField(SOURCE),
                        col(FIRST).getField(INTERACTION_ID)),
                    256)))
        .withColumn(JourneySchema.STITCH_RULE, stitchRule(col(JOURNEY_KEY)))
        .withColumn(IS_TOUCHPOINT, col(TP))
        .drop(
            TP,
            SEC,
            ISSUE,
            CASE_HAS_TP,
            SESSION,
            KEYED,
            PREV_TP_SEC,
            GROUP,
            GROUP_KEY,
            JOURNEY_KEY,
            FIRST);
  }

  /** Rules 1 and 2: a journey key for touchpoints with a case_id or an intent. */
  private static Dataset<Row> withIssueChains(Dataset<Row> rows, long gap, String[] scope) {
    WindowSpec byCase =
        by(scope, col(CASE_ID))
            .orderBy(order())
            .rowsBetween(Window.unboundedPreceding(), Window.unboundedFollowing());
    Column caseIntent = first(when(col(TP), col(INTENT)), true).over(byCase);
    WindowSpec byIssue = by(scope, col(ISSUE)).orderBy(order());
    Column gapExceeded =
        coalesce(col(SEC).minus(lag(col(SEC), 1).over(byIssue)).gt(gap), lit(true));
    WindowSpec bySession = by(scope, col(ISSUE), col(SESSION)).orderBy(order());
    Column anchorCase =
        coalesce(
            last(col(CASE_ID), true)
                .over(bySession.rowsBetween(Window.unboundedPreceding(), Window.currentRow())),
            first(col(CASE_ID), true)
                .over(bySession.rowsBetween(Window.currentRow(), Window.unboundedFollowing())));
    return rows.withColumn(
            ISSUE, when(col(TP), coalesce(col(INTENT), when(col(CASE_ID).isNotNull(), caseIntent))))
        // the same window as caseIntent, so Spark computes both in one pass
        .withColumn(CASE_HAS_TP, max(col(TP).cast("int")).over(byCase).equalTo(1))
        .withColumn(
            SESSION,
            sum(gapExceeded.cast("int"))
                .over(byIssue.rowsBetween(Window.unboundedPreceding(), Window.currentRow())))
        .withColumn(
            KEYED,
            when(col(TP).and(col(CASE_ID).isNotNull()), caseKey(col(CASE_ID)))
                .when(
                    col(TP).and(col(ISSUE).isNotNull()),
                    coalesce(
                        caseKey(anchorCase),
                        concat_ws("|", lit("i"), col(ISSUE), col(SESSION).cast("string")))));
  }

  /**
   * Rule 3: every keyed touchpoint starts a group; an intent-less touchpoint continues the group of
   * the previous touchpoint within the gap, else starts a group of its own. A group's key is its
   * first row's, so every touchpoint's journey key is its group key.
   */
  private static Dataset<Row> withGapGroups(Dataset<Row> rows, long gap, String[] scope) {
    WindowSpec byCustomer = by(scope).orderBy(order());
    Column startsGroup =
        col(TP)
            .and(
                col(KEYED)
                    .isNotNull()
                    .or(col(PREV_TP_SEC).isNull())
                    .or(col(SEC).minus(col(PREV_TP_SEC)).gt(gap)));
    WindowSpec byGroup =
        by(scope, col(GROUP))
            .orderBy(order())
            .rowsBetween(Window.unboundedPreceding(), Window.unboundedFollowing());
    Column ownKey =
        coalesce(col(KEYED), concat_ws("|", lit("g"), col(SOURCE), col(INTERACTION_ID)));
    return rows.withColumn(
            PREV_TP_SEC,
            last(when(col(TP), col(SEC)), true)
                .over(byCustomer.rowsBetween(Window.unboundedPreceding(), -1)))
        .withColumn(
            GROUP,
            sum(startsGroup.cast("int"))
                .over(byCustomer.rowsBetween(Window.unboundedPreceding(), Window.currentRow())))
        .withColumn(GROUP_KEY, first(when(startsGroup, ownKey), true).over(byGroup));
  }

  /** Actions and surveys: their case's journey, else the journey they follow within the gap. */
  private static Dataset<Row> withJourneyKeyOfAttachments(Dataset<Row> rows, long gap) {
    Column followsWithinGap =
        col(PREV_TP_SEC).isNotNull().and(col(SEC).minus(col(PREV_TP_SEC)).leq(gap));
    return rows.withColumn(
        JOURNEY_KEY,
        when(col(TP), col(GROUP_KEY))
            .when(col(CASE_ID).isNotNull().and(col(CASE_HAS_TP)), caseKey(col(CASE_ID)))
            .when(followsWithinGap, col(GROUP_KEY)));
  }

  private static Column caseKey(Column caseId) {
    return when(caseId.isNotNull(), concat_ws("|", lit("c"), caseId));
  }

  private static Column stitchRule(Column journeyKey) {
    return when(journeyKey.startsWith("c|"), lit(JourneySchema.RULE_CASE_ID))
        .when(journeyKey.startsWith("i|"), lit(JourneySchema.RULE_INTENT_GAP))
        .when(journeyKey.startsWith("g|"), lit(JourneySchema.RULE_GAP_ONLY));
  }

  /** A window over one customer's rows of one scope, split further by {@code more}. */
  private static WindowSpec by(String[] scope, Column... more) {
    return Window.partitionBy(keys(scope, more));
  }

  /** customer_id, the scope columns, then {@code more}. */
  static Column[] keys(String[] scope, Column... more) {
    List<Column> out = new ArrayList<>();
    out.add(col(CUSTOMER_ID));
    for (String c : scope) {
      out.add(col(c));
    }
    out.addAll(List.of(more));
    return out.toArray(Column[]::new);
  }

  /** Touchpoints before actions and surveys at the same instant; then the unique key. */
  private static Column[] order() {
    return new Column[] {
      col(STARTED_AT), col(TP).desc(), col(SOURCE), col(INTERACTION_ID),
    };
  }

  private static Column touchpointOrder() {
    return struct(col(STARTED_AT), col(SOURCE), col(INTERACTION_ID));
  }
}
