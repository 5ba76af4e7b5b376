package io.effortlens.model;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code model_registry} table: one row per training run, keyed by model_version. The current
 * model is the one row with {@link #IS_CURRENT} true.
 */
public final class ModelRegistrySchema {
  public static final String MODEL_VERSION = "model_version";
  public static final String TRAINED_AT = "trained_at";
  public static final String STATUS = "status";
  public static final String IS_CURRENT = "is_current";
  public static final String CHOSEN_MODEL = "chosen_model";
  public static final String SELECTION_METRIC = "selection_metric";
  public static final String SELECTION_VALUE = "selection_value";
  public static final String PREVIOUS_VERSION = "previous_version";
  public static final String PREVIOUS_VALUE = "previous_value";
  public static final String TRAINING_AS_OFS = "training_as_ofs";
  public static final String TEST_AS_OFS = "test_as_ofs";
  public static final String FEATURES = "features";
  public static final String CATALOG_VERSION = "catalog_version";
  public static final String PARAMS = "params";
  public static final String METRICS = "metrics";
  public static final String CODE_VERSION = "code_version";
  public static final String MODEL_PATH = "model_path";
  public static final String MLFLOW_RUN_ID = "mlflow_run_id";
  public static final String RUN_ID = "run_id";
  public static final String REASON = "reason";

  public static final String PUBLISHED = "published";
  public static final String REJECTED = "rejected";
  public static final String FIRST = "first";

  public static final StructType SCHEMA =
      DataTypes.createStructType(
          new StructField[] {
            DataTypes.createStructField(MODEL_VERSION, StringType, true),
            DataTypes.createStructField(TRAINED_AT, TimestampType, true),
            DataTypes.createStructField(STATUS, StringType, true),
            DataTypes.createStructField(IS_CURRENT, BooleanType, true),
            DataTypes.createStructField(CHOSEN_MODEL, StringType, true),
            DataTypes.createStructField(SELECTION_METRIC, StringType, true),
            DataTypes.createStructField(SELECTION_VALUE, DoubleType, true),
            DataTypes.createStructField(PREVIOUS_VERSION, StringType, true),
            DataTypes.createStructField(PREVIOUS_VALUE, DoubleType, true),
            DataTypes.createStructField(
                TRAINING_AS_OFS, DataTypes.createArrayType(DateType, true), true),
            DataTypes.createStructField(
                TEST_AS_OFS, DataTypes.createArrayType(DateType, true), true),
            DataTypes.createStructField(
                FEATURES, DataTypes.createArrayType(StringType, true), true),
            DataTypes.createStructField(CATALOG_VERSION, LongType, true),
            DataTypes.createStructField(
                PARAMS, DataTypes.createMapType(StringType, StringType, true), true),
            DataTypes.createStructField(
                METRICS, DataTypes.createMapType(StringType, DoubleType, true), true),
            DataTypes.createStructField(CODE_VERSION, StringType, true),
            DataTypes.createStructField(MODEL_PATH, StringType, true),
            DataTypes.createStructField(MLFLOW_RUN_ID, StringType, true),
            DataTypes.createStructField(RUN_ID, StringType, true),
            DataTypes.createStructField(REASON, StringType, true)
          });

  private ModelRegistrySchema() {}
}
