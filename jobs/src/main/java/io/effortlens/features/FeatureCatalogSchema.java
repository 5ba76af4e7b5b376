package io.effortlens.features;

import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code feature_catalog} table: one row per customer_features column, keyed by {@link #NAME}.
 * Models and reports group drivers by {@link #FAMILY} through it.
 */
public final class FeatureCatalogSchema {
  public static final String NAME = "name";
  public static final String FAMILY = "family";
  public static final String WINDOW_DAYS = "window_days";
  public static final String DESCRIPTION = "description";
  public static final String DATA_TYPE = "data_type";
  public static final String FORMULA_VERSION = "formula_version";

  public static final StructType SCHEMA =
      DataTypes.createStructType(
          new StructField[] {
            DataTypes.createStructField(NAME, StringType, true),
            DataTypes.createStructField(FAMILY, StringType, true),
            DataTypes.createStructField(WINDOW_DAYS, IntegerType, true),
            DataTypes.createStructField(DESCRIPTION, StringType, true),
            DataTypes.createStructField(DATA_TYPE, StringType, true),
            DataTypes.createStructField(FORMULA_VERSION, StringType, true)
          });

  private FeatureCatalogSchema() {}
}
