package io.effortlens.schema;

import static io.effortlens.schema.InteractionSchema.field;
import static io.effortlens.schema.InteractionSchema.struct;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code quarantine} table: one row per rejected record with its raw text and every reason.
 * Keyed by ({@link #SOURCE}, {@link #SOURCE_FILE}, {@link #RAW_HASH}, {@link #OCCURRENCE}) so a
 * rerun over the same files adds nothing.
 */
public final class QuarantineSchema {
  public static final String TARGET_TABLE = "target_table";
  public static final String SOURCE = "source";
  public static final String SOURCE_FILE = "source_file";
  public static final String RAW = "raw";
  public static final String RAW_HASH = "raw_hash";
  public static final String OCCURRENCE = "occurrence";
  public static final String RECORD_KEY = "record_key";
  public static final String REASONS = "reasons";
  public static final String MESSAGE = "message";
  public static final String RUN_ID = "run_id";
  public static final String QUARANTINED_AT = "quarantined_at";

  public static final StructType SCHEMA =
      struct(
          field(TARGET_TABLE, StringType),
          field(SOURCE, StringType),
          field(SOURCE_FILE, StringType),
          field(RAW, StringType),
          field(RAW_HASH, StringType),
          field(OCCURRENCE, IntegerType),
          field(RECORD_KEY, StringType),
          field(REASONS, DataTypes.createArrayType(StringType)),
          field(MESSAGE, StringType),
          field(RUN_ID, StringType),
          field(QUARANTINED_AT, TimestampType));

  private QuarantineSchema() {}
}
