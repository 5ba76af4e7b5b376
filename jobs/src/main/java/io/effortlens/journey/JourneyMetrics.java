package io.effortlens.journey;

import static io.effortlens.journey.JourneySchema.JOURNEY_ID;
import static io.effortlens.schema.InteractionSchema.ACTION_TYPE;
import static io.effortlens.schema.InteractionSchema.AGENT_ID;
import static io.effortlens.schema.InteractionSchema.AMOUNT;
import static io.effortlens.schema.InteractionSchema.ANSWERED_AT;
import static io.effortlens.schema.InteractionSchema.CES;
import static io.effortlens.schema.InteractionSchema.CHANNEL;
import static io.effortlens.schema.InteractionSchema.CSAT;
import static io.effortlens.schema.InteractionSchema.ENDED_AT;
import static io.effortlens.schema.InteractionSchema.HANDLE_SECONDS;
import static io.effortlens.schema.InteractionSchema.INTENT;
import static io.effortlens.schema.InteractionSchema.INTERACTION_ID;
import static io.effortlens.schema.InteractionSchema.KIND;
import static io.effortlens.schema.InteractionSchema.NPS;
import static io.effortlens.schema.InteractionSchema.OUTCOME;
import static io.effortlens.schema.InteractionSchema.REPEATED_INFO;
import static io.effortlens.schema.InteractionSchema.RESOLVED;
import static io.effortlens.schema.InteractionSchema.SOURCE;
import static io.effortlens.schema.InteractionSchema.STARTED_AT;
import static io.effortlens.schema.InteractionSchema.TRANSFERS;
import static io.effortlens.schema.InteractionSchema.WAIT_SECONDS;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.unix_millis;
import static org.apache.spark.sql.functions.unix_seconds;
import static org.apache.spark.sql.functions.when;

import io.effortlens.Elapsed;
import io.effortlens.lake.SparkSessions;
import io.effortlens.schema.Vocabulary;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Journey metrics: from stitched interaction rows ({@link Journeys#withJourneyId}) to one row per
 * journey ({@link JourneySchema#GRAIN_COLUMNS}). Reuses the customer_id partitioning of the stitch,
 * so no shuffle beyond it.
 *
 * <p>Definitions (touchpoint = kind contact or self_service; assisted = a contact with a person,
 * {@link #assistedContact}: phone, chat, email, social or store, or another channel with an agent
 * recorded, never ivr, the phone line's automated front door; channel group = the channel, with ivr
 * counted as phone and app as web, so reaching an agent through the IVR or moving between the
 * website and the app is not a change of channel): repeat_contacts = assisted contacts after the
 * first; channel_switches = consecutive touchpoints in different channel groups; channels_used =
 * distinct channel groups; self_service_failures = self-service with outcome failed or abandoned;
 * self_service_to_assisted = such a failure whose next touchpoint is a contact (IVR included);
 * re_explanations = touchpoints with repeated_info (one per contact, however many legs it had: its
 * transfers are counted as transfers); is_resolved = the last known resolution signal (resolved,
 * else a self-service outcome: success = resolved, failed/abandoned = not), false when none;
 * is_open_at_end = not resolved and the last touchpoint at most the gap before {@code end}, so a
 * new touchpoint could still join it. Surveys are ordered by the contact they are about (their
 * started_at), then answered_at; first/last take the first/last non-null answer.
 */
public final class JourneyMetrics {
  private static final String PREV_CHANNEL = "_prev_channel";
  private static final String NEXT_KIND = "_next_kind";
  private static final String RESOLUTION = "_resolution";
  private static final String SS_FAILED = "_ss_failed";
  private static final String AUTOMATED_CHANNEL = Vocabulary.AUTOMATED_CHANNEL;

  private static final Logger LOG = LoggerFactory.getLogger(JourneyMetrics.class);

  private JourneyMetrics() {}

  /**
   * The journeys of {@code interactions} (rows of any kind; {@code end} and {@code gapDays} as in
   * {@link #toJourneyGrain}), persisted and computed, ready for several reads; logs the stage line
   * {@code journeys-stitch} with their count. The caller unpersists them.
   *
   * <p>The per-journey aggregate runs sort-based. Its input is already sorted by customer_id and
   * journey_id (the order of the last window), but collect_set and collect_list make Spark pick an
   * ObjectHashAggregate, which past 128 keys per task falls back to sorting the rows again. {@code
   * spark.sql.execution.replaceHashWithSortAgg} lets the planner stream the sorted rows instead
   * (10M benchmark, 518,869 journey rows on 2 cores: the stitch job's task time 59.1 to 49.2 s).
   * The setting is on only while this plan is made and its cache filled; adaptive execution
   * re-plans stages with the setting of the moment, so the cache is filled here.
   */
  public static Dataset<Row> measured(
      Dataset<Row> interactions, Column end, int gapDays, String... scope) {
    Dataset<Row> journeys =
        toJourneyGrain(
            Journeys.withJourneyId(Journeys.filterJourneyRows(interactions), gapDays, scope),
            end,
            gapDays,
            scope);
    return SparkSessions.withConf(
        interactions.sparkSession(),
        "spark.sql.execution.replaceHashWithSortAgg",
        "true",
        () -> {
          long start = System.nanoTime();
          Dataset<Row> cached = journeys.persist(StorageLevel.MEMORY_AND_DISK());
          long count = cached.count();
          LOG.info(
              "stage=journeys-stitch scope={} journeys={} seconds={}",
              scope.length == 0 ? "all" : String.join(",", scope),
              count,
              Elapsed.seconds(start));
          return cached;
        });
  }

  /**
   * One row per journey_id (and scope). {@code end} is when the observation ends (the data's last
   * instant, or the as-of cutoff column for point-in-time journeys); it decides {@code
   * is_open_at_end}, so when it is a column it must be one of the {@code scope} columns.
   */
  public static Dataset<Row> toJourneyGrain(
      Dataset<Row> stitched, Column end, int gapDays, String... scope) {
    WindowSpec touchpointsInOrder =
        Window.partitionBy(Journeys.keys(scope, col(JOURNEY_ID), col(Journeys.IS_TOUCHPOINT)))
            .orderBy(col(STARTED_AT), col(SOURCE), col(INTERACTION_ID));
    Dataset<Row> rows =
        stitched
            .filter(col(JOURNEY_ID).isNotNull())
            .withColumn(PREV_CHANNEL, lag(channelGroup(), 1).over(touchpointsInOrder))
            .withColumn(NEXT_KIND, lead(col(KIND), 1).over(touchpointsInOrder))
            .withColumn(SS_FAILED, touchpoint().and(selfServiceFailed()))
            .withColumn(RESOLUTION, when(touchpoint(), resolution()));
    List<Column> aggregates = new ArrayList<>(touchpointAggregates());
    aggregates.addAll(attachmentAggregates());
    Column[] rest = aggregates.subList(1, aggregates.size()).toArray(Column[]::new);
    Dataset<Row> grain =
        rows.groupBy(Journeys.keys(scope, col(JOURNEY_ID))).agg(aggregates.get(0), rest);
    List<Column> out = new ArrayList<>();
    for (String c : scope) {
      out.add(col(c));
    }
    JourneySchema.GRAIN_COLUMNS.forEach(c -> out.add(col(c)));
    return withDerived(grain, end, gapDays).select(out.toArray(Column[]::new));
  }

  private static List<Column> touchpointAggregates() {
    Column tp = touchpoint();
    return List.of(
        min_by(when(tp, col(INTENT)), struct(when(tp, col(INTENT)).isNull(), order()))
            .as(JourneySchema.INTENT),
        min(when(tp, col(STARTED_AT))).as(JourneySchema.STARTED_AT),
        max(when(tp, coalesce(col(ENDED_AT), col(STARTED_AT)))).as(JourneySchema.ENDED_AT),
        max(when(tp, col(STARTED_AT))).as(JourneySchema.LAST_TOUCHPOINT_AT),
        count(when(tp, lit(1))).as(JourneySchema.TOUCHPOINTS),
        count(when(tp.and(assistedContact()), lit(1))).as(JourneySchema.ASSISTED_CONTACTS),
        size(collect_set(when(tp, channelGroup()))).as(JourneySchema.CHANNELS_USED),
        count(when(tp.and(col(PREV_CHANNEL).notEqual(channelGroup())), lit(1)))
            .as(JourneySchema.CHANNEL_SWITCHES),
        count(when(col(SS_FAILED), lit(1))).as(JourneySchema.SELF_SERVICE_FAILURES),
        count(when(col(SS_FAILED).and(col(NEXT_KIND).equalTo("contact")), lit(1)))
            .as(JourneySchema.SELF_SERVICE_TO_ASSISTED),
        coalesce(sum(when(tp, col(TRANSFERS))), lit(0L)).as(JourneySchema.TRANSFERS),
        count(when(tp.and(col(REPEATED_INFO)), lit(1))).as(JourneySchema.RE_EXPLANATIONS),
        coalesce(sum(when(tp, col(WAIT_SECONDS))), lit(0.0)).as(JourneySchema.WAIT_SECONDS),
        coalesce(sum(when(tp, col(HANDLE_SECONDS))), lit(0.0)).as(JourneySchema.HANDLE_SECONDS),
        coalesce(max_by(col(RESOLUTION), struct(col(RESOLUTION).isNotNull(), order())), lit(false))
            .as(JourneySchema.IS_RESOLVED),
        concat_ws(
                ">",
                transform(
                    array_sort(collect_list(when(tp, struct(order(), col(CHANNEL))))),
                    x -> x.getField(CHANNEL)))
            .as(JourneySchema.CHANNEL_PATH),
        max(col(JourneySchema.STITCH_RULE)).as(JourneySchema.STITCH_RULE));
  }

  private static List<Column> attachmentAggregates() {
    List<Column> out = new ArrayList<>();
    Column action = col(KIND).equalTo("action");
    out.add(count(when(action, lit(1))).as(JourneySchema.DELIGHT_ACTIONS));
    out.add(coalesce(sum(when(action, col(AMOUNT))), lit(0.0)).as(JourneySchema.DELIGHT_AMOUNT));
    for (String type : Vocabulary.ACTION_TYPE.allowed()) {
      Column ofType = action.and(col(ACTION_TYPE).equalTo(type));
      out.add(count(when(ofType, lit(1))).as(JourneySchema.actionsOf(type)));
      out.add(coalesce(sum(when(ofType, col(AMOUNT))), lit(0.0)).as(JourneySchema.amountOf(type)));
    }
    Column survey = col(KIND).equalTo("survey");
    Column answered = col(CSAT).isNotNull().or(col(CES).isNotNull()).or(col(NPS).isNotNull());
    out.add(count(when(survey.and(answered), lit(1))).as(JourneySchema.SURVEY_ANSWERS));
    out.add(firstAnswer(CSAT).as(JourneySchema.FIRST_CSAT));
    out.add(lastAnswer(CSAT).as(JourneySchema.LAST_CSAT));
    out.add(firstAnswer(CES).as(JourneySchema.FIRST_CES));
    out.add(lastAnswer(CES).as(JourneySchema.LAST_CES));
    return out;
  }

  private static Dataset<Row> withDerived(Dataset<Row> grain, Column end, int gapDays) {
    // end in milliseconds, as the instant's getTime() / 1000.0 gave it before it was a column
    Column sinceLast =
        unix_millis(end)
            .cast("double")
            .divide(1000.0)
            .minus(unix_seconds(col(JourneySchema.LAST_TOUCHPOINT_AT)));
    return grain
        .withColumn(
            JourneySchema.DURATION_HOURS,
            unix_seconds(col(JourneySchema.ENDED_AT))
                .minus(unix_seconds(col(JourneySchema.STARTED_AT)))
                .divide(3600.0))
        .withColumn(
            JourneySchema.REPEAT_CONTACTS,
            greatest(col(JourneySchema.ASSISTED_CONTACTS).minus(1), lit(0L)))
        .withColumn(
            JourneySchema.IS_OPEN_AT_END,
            not(col(JourneySchema.IS_RESOLVED)).and(sinceLast.leq(gapDays * 86_400.0)))
        .withColumn(JourneySchema.RULE_VERSION, lit(Journeys.RULE_VERSION));
  }

  private static Column touchpoint() {
    return col(Journeys.IS_TOUCHPOINT);
  }

  private static Column selfServiceFailed() {
    return col(KIND).equalTo("self_service").and(col(OUTCOME).isin("failed", "abandoned"));
  }

  /** The row's resolution signal: resolved, else what a self-service outcome says. */
  private static Column resolution() {
    return coalesce(
        col(RESOLVED),
        when(col(KIND).equalTo("self_service").and(col(OUTCOME).equalTo("success")), lit(true))
            .when(selfServiceFailed(), lit(false)));
  }

  /**
   * A contact with a person (an assisted contact): kind {@code contact} on a channel of {@link
   * Vocabulary#PERSON_CHANNELS} (phone, chat, email, social, store), or on web, app or other when
   * an agent is recorded ({@code agent_id}); never on the IVR. The one definition of "with a
   * person" of journeys and customer features. Reads kind, channel and agent_id.
   */
  public static Column assistedContact() {
    Column agentRecorded =
        col(AGENT_ID).isNotNull().and(not(col(CHANNEL).eqNullSafe(AUTOMATED_CHANNEL)));
    return col(KIND)
        .equalTo("contact")
        .and(col(CHANNEL).isin(Vocabulary.PERSON_CHANNELS.toArray()).or(agentRecorded));
  }

  /** The channel as the customer experiences it: the IVR is the phone line, the app the web. */
  private static Column channelGroup() {
    return when(col(CHANNEL).equalTo(AUTOMATED_CHANNEL), lit("phone"))
        .when(col(CHANNEL).equalTo("app"), lit("web"))
        .otherwise(col(CHANNEL));
  }

  private static Column firstAnswer(String score) {
    Column answer = when(col(KIND).equalTo("survey"), col(score));
    return min_by(answer, struct(answer.isNull(), surveyOrder()));
  }

  private static Column lastAnswer(String score) {
    Column answer = when(col(KIND).equalTo("survey"), col(score));
    return max_by(answer, struct(answer.isNotNull(), surveyOrder()));
  }

  /** By the contact a survey is about (its started_at), then by when it was answered. */
  private static Column surveyOrder() {
    return struct(col(STARTED_AT), col(ANSWERED_AT), col(SOURCE), col(INTERACTION_ID));
  }

  private static Column order() {
    return struct(col(STARTED_AT), col(SOURCE), col(INTERACTION_ID));
  }
}
