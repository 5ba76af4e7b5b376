package io.effortlens.generate;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The generator's only writer. Writes a dataset as JSON lines, CSV or Parquet (overwriting), takes
 * the row count and any extra metrics from aggregations observed during the write, and renames the
 * part files to {@code part-NNNNN.<ext>} so that a run's output is byte-identical to the next.
 */
final class OutputFiles {
  static final String ROWS = "rows";
  static final String JSONL = "jsonl";
  static final String CSV = "csv";
  static final String PARQUET = "parquet";
  private static final Pattern PART = Pattern.compile("part-(\\d{5})-.*");

  private OutputFiles() {}

  /**
   * Writes {@code shape(rows)} as JSON lines ({@code shape} must yield one string column), CSV with
   * a header, or Parquet; the metrics are aggregated over {@code rows} during the same job.
   */
  static Map<String, Object> write(
      Dataset<Row> rows,
      UnaryOperator<Dataset<Row>> shape,
      String extension,
      String dir,
      Column... metrics) {
    Observation observation = new Observation();
    Dataset<Row> observed = rows.observe(observation, count(lit(1)).as(ROWS), metrics);
    DataFrameWriter<Row> writer = shape.apply(observed).write().mode(SaveMode.Overwrite);
    switch (extension) {
      case JSONL -> writer.text(dir);
      case CSV -> writer.option("header", "true").csv(dir);
      case PARQUET -> writer.parquet(dir);
      default ->
          throw new IllegalArgumentException(
              "Cannot write " + dir + ": unknown extension " + extension);
    }
    renameParts(rows.sparkSession(), dir, extension);
    return metrics(observation, dir);
  }

  private static Map<String, Object> metrics(Observation observation, String dir) {
    try {
      return observation.getAsJava();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "Cannot read the write metrics of " + dir + ": interrupted", e);
    }
  }

  /** Writes a small UTF-8 text file (truth.json) from the driver. */
  static void writeText(SparkSession spark, String file, String text) {
    Path path = new Path(file);
    try (OutputStream out = fileSystem(spark, path).create(path, true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static void renameParts(SparkSession spark, String dir, String extension) {
    Path root = new Path(dir);
    try {
      FileSystem fs = fileSystem(spark, root);
      List<FileStatus> files = new ArrayList<>(List.of(fs.listStatus(root)));
      for (FileStatus file : files) {
        Matcher part = PART.matcher(file.getPath().getName());
        if (part.matches()) {
          fs.rename(file.getPath(), new Path(root, "part-" + part.group(1) + "." + extension));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot rename part files in " + dir + ": " + e.getMessage(), e);
    }
  }

  private static FileSystem fileSystem(SparkSession spark, Path path) throws IOException {
    return path.getFileSystem(spark.sparkContext().hadoopConfiguration());
  }
}
