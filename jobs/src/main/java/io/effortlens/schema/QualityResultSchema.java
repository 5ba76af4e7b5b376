package io.effortlens.schema;

import static io.effortlens.schema.InteractionSchema.field;
import static io.effortlens.schema.InteractionSchema.struct;
import static org.apache.spark.sql.types.DataTypes.StringType;

import org.apache.spark.sql.types.StructType;

/**
 * The {@code quality_results} table: one row per data-quality constraint per run, target table and
 * source (one run may ingest several sources into the same table).
 */
public final class QualityResultSchema {
  public static final String RUN_ID = "run_id";
  public static final String TARGET_TABLE = "target_table";
  public static final String CHECK = "check";
  public static final String CONSTRAINT = "constraint";
  public static final String STATUS = "status";
  public static final String MESSAGE = "message";
  public static final String SOURCE = "source";

  public static final StructType SCHEMA =
      struct(
          field(RUN_ID, StringType),
          field(TARGET_TABLE, StringType),
          field(CHECK, StringType),
          field(CONSTRAINT, StringType),
          field(STATUS, StringType),
          field(MESSAGE, StringType),
          field(SOURCE, StringType));

  private QualityResultSchema() {}
}
