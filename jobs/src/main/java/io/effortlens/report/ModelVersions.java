package io.effortlens.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;

import io.effortlens.lake.Lake;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Which model version's rows the gold tables and the report show. */
final class ModelVersions {
  static final String MODEL_REGISTRY = "model_registry";
  static final String MODEL_VERSION = "model_version";

  private ModelVersions() {}

  /**
   * The current model (model_registry is_current) when the table has rows of it, else the newest
   * model_version in the table; empty when the table has no rows.
   */
  static Optional<String> of(Lake lake, Dataset<Row> table) {
    Optional<String> current =
        lake.readIfExists(MODEL_REGISTRY)
            .flatMap(
                registry ->
                    registry
                        .filter(col("is_current"))
                        .select(col(MODEL_VERSION))
                        .takeAsList(1)
                        .stream()
                        .findFirst())
            .map(row -> row.getString(0))
            .filter(v -> !table.filter(col(MODEL_VERSION).equalTo(v)).isEmpty());
    if (current.isPresent()) {
      return current;
    }
    Row newest = table.agg(max(col(MODEL_VERSION))).first();
    return newest.isNullAt(0) ? Optional.empty() : Optional.of(newest.getString(0));
  }

  /** The table's rows of that version, or empty. */
  static Optional<Dataset<Row>> rowsOf(Lake lake, String tableName) {
    return lake.readIfExists(tableName)
        .flatMap(table -> of(lake, table).map(v -> table.filter(col(MODEL_VERSION).equalTo(v))));
  }
}
