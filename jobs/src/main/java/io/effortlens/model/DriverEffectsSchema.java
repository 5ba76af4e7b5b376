package io.effortlens.model;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code driver_effects} table: one row per (model_version, level, driver), level 'feature'
 * (driver = a customer_features column) or 'family' (driver = the family name).
 */
public final class DriverEffectsSchema {
  public static final String MODEL_VERSION = "model_version";
  public static final String LEVEL = "level";
  public static final String DRIVER = "driver";
  public static final String FAMILY = "family";
  public static final String DESCRIPTION = "description";
  public static final String COEFFICIENT = "coefficient";
  public static final String ODDS_RATIO_PER_SD = "odds_ratio_per_sd";
  public static final String ODDS_RATIO_LOW = "odds_ratio_low";
  public static final String ODDS_RATIO_HIGH = "odds_ratio_high";
  public static final String PERMUTATION_IMPORTANCE = "permutation_importance";
  public static final String COUNTERFACTUAL_VALUE = "counterfactual_value";
  public static final String DEFECTIONS_AVOIDED = "defections_avoided";
  public static final String DEFECTIONS_AVOIDED_LOW = "defections_avoided_low";
  public static final String DEFECTIONS_AVOIDED_HIGH = "defections_avoided_high";
  public static final String SHARE = "share";
  public static final String STABILITY_SPEARMAN = "stability_spearman";
  public static final String RANK = "rank";
  public static final String SUPPORT = "support";
  public static final String LOW_SUPPORT = "low_support";

  public static final String FEATURE_LEVEL = "feature";
  public static final String FAMILY_LEVEL = "family";

  public static final StructType SCHEMA =
      DataTypes.createStructType(
          new StructField[] {
            DataTypes.createStructField(MODEL_VERSION, StringType, true),
            DataTypes.createStructField(LEVEL, StringType, true),
            DataTypes.createStructField(DRIVER, StringType, true),
            DataTypes.createStructField(FAMILY, StringType, true),
            DataTypes.createStructField(DESCRIPTION, StringType, true),
            DataTypes.createStructField(COEFFICIENT, DoubleType, true),
            DataTypes.createStructField(ODDS_RATIO_PER_SD, DoubleType, true),
            DataTypes.createStructField(ODDS_RATIO_LOW, DoubleType, true),
            DataTypes.createStructField(ODDS_RATIO_HIGH, DoubleType, true),
            DataTypes.createStructField(PERMUTATION_IMPORTANCE, DoubleType, true),
            DataTypes.createStructField(COUNTERFACTUAL_VALUE, DoubleType, true),
            DataTypes.createStructField(DEFECTIONS_AVOIDED, DoubleType, true),
            DataTypes.createStructField(DEFECTIONS_AVOIDED_LOW, DoubleType, true),
            DataTypes.createStructField(DEFECTIONS_AVOIDED_HIGH, DoubleType, true),
            DataTypes.createStructField(SHARE, DoubleType, true),
            DataTypes.createStructField(STABILITY_SPEARMAN, DoubleType, true),
            DataTypes.createStructField(RANK, IntegerType, true),
            DataTypes.createStructField(SUPPORT, LongType, true),
            DataTypes.createStructField(LOW_SUPPORT, BooleanType, true)
          });

  private DriverEffectsSchema() {}
}
