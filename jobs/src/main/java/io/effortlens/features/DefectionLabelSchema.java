package io.effortlens.features;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code defection_labels} table: one row per customer in the snapshot per as-of date T,
 * partitioned by {@link #AS_OF}. The training set is the union of snapshots with {@link
 * #IS_CENSORED} false.
 */
public final class DefectionLabelSchema {
  public static final String AS_OF = "as_of";
  public static final String CUSTOMER_ID = "customer_id";
  public static final String POLICY = "policy";
  public static final String HORIZON_DAYS = "horizon_days";
  public static final String HORIZON_END_AT = "horizon_end_at";
  public static final String IS_DEFECTED = "is_defected";
  public static final String DEFECTED_AT = "defected_at";
  public static final String IS_CENSORED = "is_censored";
  public static final String LABEL_VERSION = "label_version";

  public static final StructType SCHEMA =
      DataTypes.createStructType(
          new StructField[] {
            DataTypes.createStructField(AS_OF, DateType, true),
            DataTypes.createStructField(CUSTOMER_ID, StringType, true),
            DataTypes.createStructField(POLICY, StringType, true),
            DataTypes.createStructField(HORIZON_DAYS, IntegerType, true),
            DataTypes.createStructField(HORIZON_END_AT, TimestampType, true),
            DataTypes.createStructField(IS_DEFECTED, BooleanType, true),
            DataTypes.createStructField(DEFECTED_AT, TimestampType, true),
            DataTypes.createStructField(IS_CENSORED, BooleanType, true),
            DataTypes.createStructField(LABEL_VERSION, StringType, true)
          });

  private DefectionLabelSchema() {}

  public static List<String> columns() {
    return Arrays.asList(SCHEMA.fieldNames());
  }
}
