package io.effortlens.schema;

import static io.effortlens.schema.InteractionSchema.field;
import static io.effortlens.schema.InteractionSchema.struct;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * The optional {@code customers} table: one row per customer, keyed by {@link #CUSTOMER_ID}. A
 * mapping may add further control columns (numeric or categorical); they are added to the table.
 */
public final class CustomerSchema {
  public static final String CUSTOMER_ID = "customer_id";
  public static final String SIGNUP_AT = "signup_at";
  public static final String PLAN = "plan";
  public static final String MONTHLY_VALUE = "monthly_value";
  public static final String SEGMENT = "segment";
  public static final String REGION = "region";

  public static final List<String> REQUIRED = List.of(CUSTOMER_ID);

  /** The canonical columns; extra mapped columns follow them. */
  public static final StructType MAPPED =
      struct(
          field(CUSTOMER_ID, StringType),
          field(SIGNUP_AT, TimestampType),
          field(PLAN, StringType),
          field(MONTHLY_VALUE, DoubleType),
          field(SEGMENT, StringType),
          field(REGION, StringType));

  public static final StructType SCHEMA =
      InteractionSchema.concat(
          MAPPED,
          struct(
              field(InteractionSchema.SOURCE, StringType),
              field(InteractionSchema.RECORD_HASH, StringType),
              field(InteractionSchema.INGESTED_AT, TimestampType),
              field(InteractionSchema.RUN_ID, StringType)));

  private CustomerSchema() {}
}
