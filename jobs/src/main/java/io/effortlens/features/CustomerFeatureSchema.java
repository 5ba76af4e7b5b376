package io.effortlens.features;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code customer_features} table: one row per customer per as-of date, partitioned by {@link
 * #AS_OF}. Only the key columns are fixed; the feature columns follow from the configured windows,
 * activity types and the customers mapping, and every one of them is described in {@code
 * feature_catalog} (built from the same definitions, see {@link FeatureSet}). New feature columns
 * are added to the table as they appear; a snapshot written before a column existed reads null.
 */
public final class CustomerFeatureSchema {
  public static final String AS_OF = "as_of";
  public static final String CUSTOMER_ID = "customer_id";

  /** The fixed key columns; feature columns follow them. */
  public static final StructType KEYS =
      DataTypes.createStructType(
          new StructField[] {
            DataTypes.createStructField(AS_OF, DateType, true),
            DataTypes.createStructField(CUSTOMER_ID, StringType, true)
          });

  private CustomerFeatureSchema() {}
}
