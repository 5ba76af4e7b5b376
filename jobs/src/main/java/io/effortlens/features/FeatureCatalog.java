package io.effortlens.features;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/** The {@code feature_catalog} rows of a feature set: one per customer_features column. */
public final class FeatureCatalog {
  /** Update condition of the catalog MERGE on name: any described attribute changed. */
  public static final String CHANGED =
      "NOT (s.family <=> t.family AND s.window_days <=> t.window_days"
          + " AND s.description <=> t.description AND s.data_type <=> t.data_type"
          + " AND s.formula_version <=> t.formula_version)";

  private FeatureCatalog() {}

  /**
   * @param features the feature set written
   * @param written the schema of the written customer_features rows (for data types)
   */
  public static List<Row> toRows(FeatureSet features, StructType written) {
    List<Row> rows = new ArrayList<>();
    for (Feature feature : features.all()) {
      rows.add(
          RowFactory.create(
              feature.name(),
              feature.family().label(),
              feature.windowDays(),
              feature.description(),
              written.apply(feature.name()).dataType().simpleString(),
              FeatureSet.FORMULA_VERSION));
    }
    return rows;
  }
}
