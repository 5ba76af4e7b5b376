package io.effortlens.model;

import io.effortlens.model.tracking.MlflowTracker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * What {@code train} logs to MLflow: its parameters, the unbinned test metrics of every model as
 * {@code <model>.<metric>}, the driver_effects and delight_effects rows as CSV files under {@code
 * tables/}, and the saved model folder (defection pipeline and survival model) under {@code
 * model/}. The model folder is copied from the lake (any Hadoop file system) to a local temp folder
 * for the upload and removed after. Works on aggregates the job already holds on the driver.
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
    Path dir = tempDir();
    try {
      Map<String, Path> artifacts = new LinkedHashMap<>();
      for (CsvTable table : tables) {
        Path file = dir.resolve(table.name() + ".csv");
        write(file, csv(table));
        artifacts.put("tables/" + table.name() + ".csv", file);
      }
      artifacts.put("model", copyToLocal(hadoop, modelPath, dir.resolve("model")));
      return tracker.logRun(tracker.experiment(), params, flatten(metrics), artifacts);
    } finally {
      delete(dir);
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

  private static Path copyToLocal(Configuration hadoop, String source, Path target) {
    org.apache.hadoop.fs.Path from = new org.apache.hadoop.fs.Path(source);
    try {
      FileSystem fs = from.getFileSystem(hadoop);
      // raw local file system: no .crc side files next to the copy
      fs.copyToLocalFile(false, from, new org.apache.hadoop.fs.Path(target.toUri()), true);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot copy the model folder " + source + " for MLflow to " + target, e);
    }
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("effortlens-mlflow-");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a temp folder for MLflow artifacts", e);
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the MLflow artifact " + file, e);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> tree = Files.walk(dir)) {
      tree.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot remove the temp folder " + dir, e);
    }
  }
}
