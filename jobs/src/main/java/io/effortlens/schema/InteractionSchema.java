package io.effortlens.schema;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The canonical {@code interactions} table: one row per touchpoint or event, partitioned by {@link
 * #EVENT_DATE} (UTC date of {@link #STARTED_AT}), keyed by ({@link #SOURCE}, {@link
 * #INTERACTION_ID}).
 */
public final class InteractionSchema {
  public static final String INTERACTION_ID = "interaction_id";
  public static final String CUSTOMER_ID = "customer_id";
  public static final String STARTED_AT = "started_at";
  public static final String ENDED_AT = "ended_at";
  public static final String CHANNEL = "channel";
  public static final String KIND = "kind";
  public static final String CASE_ID = "case_id";
  public static final String INTENT = "intent";
  public static final String QUEUE = "queue";
  public static final String AGENT_ID = "agent_id";
  public static final String TRANSFERS = "transfers";
  public static final String WAIT_SECONDS = "wait_seconds";
  public static final String HANDLE_SECONDS = "handle_seconds";
  public static final String RESOLVED = "resolved";
  public static final String REPEATED_INFO = "repeated_info";
  public static final String OUTCOME = "outcome";
  public static final String ACTION_TYPE = "action_type";
  public static final String AMOUNT = "amount";
  public static final String CES = "ces";
  public static final String CSAT = "csat";
  public static final String NPS = "nps";
  public static final String ANSWERED_AT = "answered_at";
  public static final String LIFECYCLE_EVENT = "lifecycle_event";
  public static final String ACTIVITY_TYPE = "activity_type";
  public static final String QUANTITY = "quantity";
  public static final String ATTRIBUTES = "attributes";
  public static final String SOURCE = "source";
  public static final String SOURCE_FILE = "source_file";
  public static final String DELIVERED_AT = "delivered_at";
  public static final String RECORD_HASH = "record_hash";
  public static final String INGESTED_AT = "ingested_at";
  public static final String RUN_ID = "run_id";
  public static final String EVENT_DATE = "event_date";

  /** Columns a mapping must produce (non-null on every accepted row). */
  public static final List<String> REQUIRED =
      List.of(INTERACTION_ID, CUSTOMER_ID, STARTED_AT, CHANNEL, KIND);

  /** Columns a mapping may produce, with their canonical types, in table order. */
  public static final StructType MAPPED =
      struct(
          field(INTERACTION_ID, StringType),
          field(CUSTOMER_ID, StringType),
          field(STARTED_AT, TimestampType),
          field(ENDED_AT, TimestampType),
          field(CHANNEL, StringType),
          field(KIND, StringType),
          field(CASE_ID, StringType),
          field(INTENT, StringType),
          field(QUEUE, StringType),
          field(AGENT_ID, StringType),
          field(TRANSFERS, IntegerType),
          field(WAIT_SECONDS, DoubleType),
          field(HANDLE_SECONDS, DoubleType),
          field(RESOLVED, BooleanType),
          field(REPEATED_INFO, BooleanType),
          field(OUTCOME, StringType),
          field(ACTION_TYPE, StringType),
          field(AMOUNT, DoubleType),
          field(CES, IntegerType),
          field(CSAT, IntegerType),
          field(NPS, IntegerType),
          field(ANSWERED_AT, TimestampType),
          field(LIFECYCLE_EVENT, StringType),
          field(ACTIVITY_TYPE, StringType),
          field(QUANTITY, IntegerType),
          field(ATTRIBUTES, DataTypes.createMapType(StringType, StringType)));

  /** Columns set by ingest: lineage and partitioning. */
  public static final StructType LINEAGE =
      struct(
          field(SOURCE, StringType),
          field(SOURCE_FILE, StringType),
          field(DELIVERED_AT, TimestampType),
          field(RECORD_HASH, StringType),
          field(INGESTED_AT, TimestampType),
          field(RUN_ID, StringType),
          field(EVENT_DATE, DateType));

  /** The full table schema. */
  public static final StructType SCHEMA = concat(MAPPED, LINEAGE);

  private InteractionSchema() {}

  /** All column names of the table, in order. */
  public static List<String> columns() {
    return Arrays.asList(SCHEMA.fieldNames());
  }

  static StructField field(String name, DataType type) {
    return DataTypes.createStructField(name, type, true);
  }

  static StructType struct(StructField... fields) {
    return DataTypes.createStructType(fields);
  }

  static StructType concat(StructType a, StructType b) {
    StructField[] all = Arrays.copyOf(a.fields(), a.fields().length + b.fields().length);
    System.arraycopy(b.fields(), 0, all, a.fields().length, b.fields().length);
    return DataTypes.createStructType(all);
  }
}
