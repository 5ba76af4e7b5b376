package io.effortlens.journey;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code effort_models} table: the coefficients of every effort_score model used, one row per
 * (scope, as_of, model, term). Scope {@code journeys} is the model of the journeys table (as_of
 * null); scope {@code features} is the point-in-time model fitted for one feature snapshot.
 */
public final class EffortModelSchema {
  public static final String SCOPE = "scope";
  public static final String AS_OF = "as_of";
  public static final String MODEL = "model";
  public static final String TERM = "term";
  public static final String COEFFICIENT = "coefficient";
  public static final String METHOD = "method";
  public static final String ANSWERS = "answers";
  public static final String JOURNEYS = "journeys";
  public static final String RULE_VERSION = "rule_version";

  public static final String SCOPE_JOURNEYS = "journeys";
  public static final String SCOPE_FEATURES = "features";

  public static final StructType SCHEMA =
      DataTypes.createStructType(
          new org.apache.spark.sql.types.StructField[] {
            DataTypes.createStructField(SCOPE, StringType, true),
            DataTypes.createStructField(AS_OF, DateType, true),
            DataTypes.createStructField(MODEL, StringType, true),
            DataTypes.createStructField(TERM, StringType, true),
            DataTypes.createStructField(COEFFICIENT, DoubleType, true),
            DataTypes.createStructField(METHOD, StringType, true),
            DataTypes.createStructField(ANSWERS, LongType, true),
            DataTypes.createStructField(JOURNEYS, LongType, true),
            DataTypes.createStructField(RULE_VERSION, StringType, true)
          });

  private EffortModelSchema() {}
}
