package io.effortlens.model;

import io.effortlens.lake.ArtifactStaging;
import io.effortlens.model.tracking.MlflowTracker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * What {@code train} logs to MLflow: its parameters, the unbinned test metrics of every model as
 * {@code <model>.<metric>}, the driver_effects and delight_effects rows as CSV files under {@code
 * tables/}, and the saved model folder (defection pipeline and survival model) under {@code
 * model/}. The files are put together in an {@link ArtifactStaging} folder (the model folder copied
 * from the lake, any Hadoop file system) for the upload and removed after. Works on aggregates the
 * job already holds on the driver.
 */
final class TrainTracking {
  private TrainTracking() {}

  /** A small table already on the driver, with its schema (for the CSV header). */
  record CsvTable(String name, List<Row> rows, StructType schema) {}

  /** Logs one FINISHED run; returns its MLflow run id. A failure fails the training run. */
  static String log(
      MlflowTracker tracker,
      Configuration hadoop,
      Map<String, String> params,
      Map<String, List<Metric>> metrics,
      List<CsvTable> tables,
      String modelPath) {
    try (ArtifactStaging staging = ArtifactStaging.create("effortlens-mlflow-")) {
      Map<String, Path> artifacts = new LinkedHashMap<>();
      for (CsvTable table : tables) {
        String file = table.name() + ".csv";
        artifacts.put("tables/" + file, staging.writeText(file, csv(table)));
      }
      artifacts.put("model", staging.copyFromLake(hadoop, modelPath, "model"));
      return tracker.logRun(tracker.experiment(), params, flatten(metrics), artifacts);
    }
  }

  /** {@code <model>.<metric>} for every unbinned metric (bins are chart points, not metrics). */
  static Map<String, Double> flatten(Map<String, List<Metric>> metrics) {
    Map<String, Double> out = new LinkedHashMap<>();
    metrics.forEach(
        (model, values) ->
            values.stream()
                .filter(m -> m.bin() == null)
                .forEach(m -> out.put(model + "." + m.metric(), m.value())));
    return out;
  }

  /** RFC 4180 CSV: a header of the schema's columns, nulls as empty fields. */
  static String csv(CsvTable table) {
    StringBuilder out = new StringBuilder(String.join(",", table.schema().fieldNames()));
    out.append('\n');
    for (Row row : table.rows()) {
      List<String> fields = new ArrayList<>();
      for (int i = 0; i < row.length(); i++) {
        fields.add(row.isNullAt(i) ? "" : quoted(String.valueOf(row.get(i))));
      }
      out.append(String.join(",", fields)).append('\n');
    }
    return out.toString();
  }

  private static String quoted(String value) {
    if (value.contains(",") || value.contains("\"") || value.contains("\n")) {
      return "\"" + value.replace("\"", "\"\"") + "\"";
    }
    return value;
  }
}
