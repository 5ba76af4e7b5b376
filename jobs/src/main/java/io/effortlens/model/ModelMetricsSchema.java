package io.effortlens.model;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code model_metrics} table: one row per (model_version, model, period, metric, bin); bin is
 * null except for calibration bins and chart points. Rows of a model_version are replaced on rerun.
 */
public final class ModelMetricsSchema {
  public static final String MODEL_VERSION = "model_version";
  public static final String TRAINED_AT = "trained_at";
  public static final String MODEL = "model";
  public static final String PERIOD = "period";
  public static final String METRIC = "metric";
  public static final String BIN = "bin";
  public static final String VALUE = "value";

  public static final StructType SCHEMA =
      DataTypes.createStructType(
          new StructField[] {
            DataTypes.createStructField(MODEL_VERSION, StringType, true),
            DataTypes.createStructField(TRAINED_AT, TimestampType, true),
            DataTypes.createStructField(MODEL, StringType, true),
            DataTypes.createStructField(PERIOD, StringType, true),
            DataTypes.createStructField(METRIC, StringType, true),
            DataTypes.createStructField(BIN, IntegerType, true),
            DataTypes.createStructField(VALUE, DoubleType, true)
          });

  private ModelMetricsSchema() {}
}
