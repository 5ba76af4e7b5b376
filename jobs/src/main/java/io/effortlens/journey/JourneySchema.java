package io.effortlens.journey;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import io.effortlens.schema.Vocabulary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code journeys} table: one row per journey (one customer's path through one issue, across
 * channels), keyed by {@link #JOURNEY_ID}. Counts are over touchpoints (kind contact or
 * self_service); delight and survey columns come from the action and survey rows attached to the
 * journey. Delight columns exist per action type: {@code <type>_actions}, {@code <type>_amount}.
 */
public final class JourneySchema {
  public static final String JOURNEY_ID = "journey_id";
  public static final String CUSTOMER_ID = "customer_id";
  public static final String INTENT = "intent";
  public static final String STARTED_AT = "started_at";
  public static final String ENDED_AT = "ended_at";
  public static final String LAST_TOUCHPOINT_AT = "last_touchpoint_at";
  public static final String DURATION_HOURS = "duration_hours";
  public static final String TOUCHPOINTS = "touchpoints";
  public static final String ASSISTED_CONTACTS = "assisted_contacts";
  public static final String REPEAT_CONTACTS = "repeat_contacts";
  public static final String CHANNELS_USED = "channels_used";
  public static final String CHANNEL_SWITCHES = "channel_switches";
  public static final String SELF_SERVICE_FAILURES = "self_service_failures";
  public static final String SELF_SERVICE_TO_ASSISTED = "self_service_to_assisted";
  public static final String TRANSFERS = "transfers";
  public static final String RE_EXPLANATIONS = "re_explanations";
  public static final String WAIT_SECONDS = "wait_seconds";
  public static final String HANDLE_SECONDS = "handle_seconds";
  public static final String IS_RESOLVED = "is_resolved";
  public static final String IS_OPEN_AT_END = "is_open_at_end";
  public static final String DELIGHT_ACTIONS = "delight_actions";
  public static final String DELIGHT_AMOUNT = "delight_amount";
  public static final String SURVEY_ANSWERS = "survey_answers";
  public static final String FIRST_CSAT = "first_csat";
  public static final String LAST_CSAT = "last_csat";
  public static final String FIRST_CES = "first_ces";
  public static final String LAST_CES = "last_ces";
  public static final String CHANNEL_PATH = "channel_path";
  public static final String EFFORT_SCORE = "effort_score";
  public static final String STITCH_RULE = "stitch_rule";
  public static final String RULE_VERSION = "rule_version";

  /** stitch_rule values: the rule that formed the journey (see {@link Journeys}). */
  public static final String RULE_CASE_ID = "case_id";

  public static final String RULE_INTENT_GAP = "intent_gap";
  public static final String RULE_GAP_ONLY = "gap_only";

  /** The full table schema, in table order. */
  public static final StructType SCHEMA = schema();

  /** Columns {@link JourneyMetrics#toJourneyGrain} produces: all but {@link #EFFORT_SCORE}. */
  public static final List<String> GRAIN_COLUMNS =
      Arrays.stream(SCHEMA.fieldNames()).filter(name -> !name.equals(EFFORT_SCORE)).toList();

  private JourneySchema() {}

  /** Count of attached actions of one type, e.g. {@code refund_actions}. */
  public static String actionsOf(String actionType) {
    return actionType + "_actions";
  }

  /** Sum of amounts of attached actions of one type, e.g. {@code refund_amount}. */
  public static String amountOf(String actionType) {
    return actionType + "_amount";
  }

  /** Column names in table order. */
  public static List<String> columns() {
    return Arrays.asList(SCHEMA.fieldNames());
  }

  private static StructType schema() {
    List<StructField> fields =
        new ArrayList<>(
            List.of(
                field(JOURNEY_ID, StringType),
                field(CUSTOMER_ID, StringType),
                field(INTENT, StringType),
                field(STARTED_AT, TimestampType),
                field(ENDED_AT, TimestampType),
                field(LAST_TOUCHPOINT_AT, TimestampType),
                field(DURATION_HOURS, DoubleType),
                field(TOUCHPOINTS, LongType),
                field(ASSISTED_CONTACTS, LongType),
                field(REPEAT_CONTACTS, LongType),
                field(CHANNELS_USED, IntegerType),
                field(CHANNEL_SWITCHES, LongType),
                field(SELF_SERVICE_FAILURES, LongType),
                field(SELF_SERVICE_TO_ASSISTED, LongType),
                field(TRANSFERS, LongType),
                field(RE_EXPLANATIONS, LongType),
                field(WAIT_SECONDS, DoubleType),
                field(HANDLE_SECONDS, DoubleType),
                field(IS_RESOLVED, BooleanType),
                field(IS_OPEN_AT_END, BooleanType),
                field(DELIGHT_ACTIONS, LongType),
                field(DELIGHT_AMOUNT, DoubleType)));
    for (String type : Vocabulary.ACTION_TYPE.allowed()) {
      fields.add(field(actionsOf(type), LongType));
      fields.add(field(amountOf(type), DoubleType));
    }
    fields.addAll(
        List.of(
            field(SURVEY_ANSWERS, LongType),
            field(FIRST_CSAT, IntegerType),
            field(LAST_CSAT, IntegerType),
            field(FIRST_CES, IntegerType),
            field(LAST_CES, IntegerType),
            field(CHANNEL_PATH, StringType),
            field(EFFORT_SCORE, DoubleType),
            field(STITCH_RULE, StringType),
            field(RULE_VERSION, StringType)));
    return DataTypes.createStructType(fields);
  }

  private static StructField field(String name, DataType type) {
    return DataTypes.createStructField(name, type, true);
  }
}
