package io.effortlens.schema;

import static io.effortlens.schema.InteractionSchema.field;
import static io.effortlens.schema.InteractionSchema.struct;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The {@code runs} table: one row per command run, keyed by {@link #RUN_ID}. */
public final class RunSchema {
  public static final String RUN_ID = "run_id";
  public static final String COMMAND = "command";
  public static final String ARGUMENTS = "arguments";
  public static final String CONFIG_HASH = "config_hash";
  public static final String CODE_VERSION = "code_version";
  public static final String STARTED_AT = "started_at";
  public static final String ENDED_AT = "ended_at";
  public static final String STATUS = "status";
  public static final String EXIT_CODE = "exit_code";
  public static final String ROW_COUNTS = "row_counts";
  public static final String MESSAGE = "message";

  public static final StructType SCHEMA =
      struct(
          field(RUN_ID, StringType),
          field(COMMAND, StringType),
          field(ARGUMENTS, DataTypes.createArrayType(StringType)),
          field(CONFIG_HASH, StringType),
          field(CODE_VERSION, StringType),
          field(STARTED_AT, TimestampType),
          field(ENDED_AT, TimestampType),
          field(STATUS, StringType),
          field(EXIT_CODE, IntegerType),
          field(ROW_COUNTS, DataTypes.createMapType(StringType, LongType)),
          field(MESSAGE, StringType));

  private RunSchema() {}
}
