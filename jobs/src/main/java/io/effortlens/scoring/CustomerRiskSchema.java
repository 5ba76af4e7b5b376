package io.effortlens.scoring;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code customer_risk} table: one row per customer in the as-of snapshot, partitioned by
 * {@link #AS_OF}, replaced on rerun. Customers are identified by a pseudonymous {@link
 * #CUSTOMER_KEY} (HMAC-SHA256 of the customer id), never the raw id unless explicitly allowed.
 */
public final class CustomerRiskSchema {
  public static final String AS_OF = "as_of";
  public static final String CUSTOMER_KEY = "customer_key";
  public static final String PROBABILITY = "probability";
  public static final String RISK_BAND = "risk_band";
  public static final String EXPECTED_MONTHS = "expected_months_to_defection";
  public static final String MODEL_VERSION = "model_version";
  public static final String REASONS = "reasons";
  public static final String NEXT_BEST_ACTION = "next_best_action";

  /** Fields of one reason. */
  public static final String RANK = "rank";

  public static final String DRIVER = "driver";
  public static final String FAMILY = "family";
  public static final String VALUE = "value";
  public static final String CONTRIBUTION = "contribution";
  public static final String SENTENCE = "sentence";
  public static final String NEXT_STEP = "next_step";

  public static final StructType REASON =
      DataTypes.createStructType(
          new StructField[] {
            DataTypes.createStructField(RANK, IntegerType, true),
            DataTypes.createStructField(DRIVER, StringType, true),
            DataTypes.createStructField(FAMILY, StringType, true),
            DataTypes.createStructField(VALUE, DoubleType, true),
            DataTypes.createStructField(CONTRIBUTION, DoubleType, true),
            DataTypes.createStructField(SENTENCE, StringType, true),
            DataTypes.createStructField(NEXT_STEP, StringType, true)
          });

  public static final StructType SCHEMA =
      DataTypes.createStructType(
          new StructField[] {
            DataTypes.createStructField(AS_OF, DateType, true),
            DataTypes.createStructField(CUSTOMER_KEY, StringType, true),
            DataTypes.createStructField(PROBABILITY, DoubleType, true),
            DataTypes.createStructField(RISK_BAND, StringType, true),
            DataTypes.createStructField(EXPECTED_MONTHS, DoubleType, true),
            DataTypes.createStructField(MODEL_VERSION, StringType, true),
            DataTypes.createStructField(REASONS, DataTypes.createArrayType(REASON), true),
            DataTypes.createStructField(NEXT_BEST_ACTION, StringType, true)
          });

  private CustomerRiskSchema() {}
}
