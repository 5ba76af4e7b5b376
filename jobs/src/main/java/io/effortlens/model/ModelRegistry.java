package io.effortlens.model;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.effortlens.lake.Lake;
import io.effortlens.lake.Table;
import io.effortlens.lake.WriteMetrics;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The model registry: deterministic model versions, the current model, the regression gate and the
 * one-commit registry update (the new row, and the previous current row demoted when the new one is
 * published).
 */
public final class ModelRegistry {
  private ModelRegistry() {}

  /**
   * The current model's registry row, if any; {@code modelPath} is resolved against the lake root
   * (the registry stores it relative, see {@link #modelFolder}).
   */
  public record Current(String version, String modelPath, Double selectionValue, Row row) {}

  /** The gate's decision. */
  public record Decision(
      String status, boolean publish, Current previous, Double previousValue, String reason) {}

  /**
   * A version that depends only on the inputs: the same data, settings and code give the same
   * version (so a rerun replaces its own rows).
   */
  public static String version(String... parts) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String p : parts) {
        sha.update(p.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      }
      return "v" + HexFormat.of().formatHex(sha.digest()).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Where a model version is saved, relative to the lake root: what {@code model_path} stores, so
   * that a lake that is copied or moved still finds its models.
   */
  public static String modelFolder(String version) {
    return "models/" + version;
  }

  /**
   * A registry's {@code model_path} as a path to load: relative ones (since 2026-11-30) under the
   * lake root; absolute ones (a local path or a URI with a scheme, as earlier versions wrote) as
   * they are.
   */
  public static String resolve(Lake lake, String modelPath) {
    boolean absolute =
        modelPath.startsWith("/") || modelPath.matches("^[A-Za-z][A-Za-z0-9+.-]+:.*");
    return absolute ? modelPath : lake.path(modelPath);
  }

  public static Optional<Current> current(Lake lake) {
    if (!lake.exists(Table.MODEL_REGISTRY)) {
      return Optional.empty();
    }
    List<Row> rows =
        lake.read(Table.MODEL_REGISTRY, "train")
            .where(col(ModelRegistrySchema.IS_CURRENT).equalTo(true))
            .collectAsList();
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    Row r = rows.get(0);
    return Optional.of(
        new Current(
            r.getAs(ModelRegistrySchema.MODEL_VERSION),
            resolve(lake, r.getAs(ModelRegistrySchema.MODEL_PATH)),
            r.getAs(ModelRegistrySchema.SELECTION_VALUE),
            r));
  }

  /**
   * Publish unless the current model (another version) does better by more than {@code
   * maxRegression} on the same test rows ({@code currentValue}, measured by the caller).
   */
  public static Decision decide(
      String version,
      double value,
      Optional<Current> current,
      Double currentValue,
      double maxRegression,
      String metric) {
    if (current.isEmpty()) {
      return new Decision(ModelRegistrySchema.FIRST, true, null, null, "first model");
    }
    Current c = current.get();
    if (c.version().equals(version)) {
      // A rerun on the same data replaces its own row with the same content: status, the model it
      // replaced and the reason stay those of the run that published it.
      Row row = c.row();
      String previous = row.getAs(ModelRegistrySchema.PREVIOUS_VERSION);
      return new Decision(
          row.getAs(ModelRegistrySchema.STATUS),
          true,
          previous == null ? null : new Current(previous, null, null, null),
          row.getAs(ModelRegistrySchema.PREVIOUS_VALUE),
          row.getAs(ModelRegistrySchema.REASON));
    }
    if (currentValue != null && value < currentValue - maxRegression) {
      String reason =
          String.format(
              java.util.Locale.ROOT,
              "%s %.4f is worse than the current model %s (%.4f) by more than train.max-regression"
                  + " %.4f on the same test period; kept %s",
              metric,
              value,
              c.version(),
              currentValue,
              maxRegression,
              c.version());
      return new Decision(ModelRegistrySchema.REJECTED, false, c, currentValue, reason);
    }
    String reason =
        currentValue == null
            ? "published; the current model " + c.version() + " could not be compared"
            : String.format(
                java.util.Locale.ROOT,
                "%s %.4f vs current %s %.4f: within train.max-regression %.4f",
                metric,
                value,
                c.version(),
                currentValue,
                maxRegression);
    return new Decision(ModelRegistrySchema.PUBLISHED, true, c, currentValue, reason);
  }

  /** Writes the new row and, when it is published, demotes the previous current row: one MERGE. */
  public static WriteMetrics write(Lake lake, Row newRow, Decision decision) {
    SparkSession spark = lake.spark();
    Dataset<Row> rows = spark.createDataFrame(List.of(newRow), Table.MODEL_REGISTRY.schema());
    if (decision.publish() && lake.exists(Table.MODEL_REGISTRY)) {
      // rows made by RowFactory have no schema: read the version by its position
      String version =
          newRow.getString(
              Table.MODEL_REGISTRY.schema().fieldIndex(ModelRegistrySchema.MODEL_VERSION));
      Dataset<Row> demoted =
          lake.read(Table.MODEL_REGISTRY, "train")
              .where(
                  col(ModelRegistrySchema.IS_CURRENT)
                      .equalTo(true)
                      .and(col(ModelRegistrySchema.MODEL_VERSION).notEqual(version)))
              .withColumn(ModelRegistrySchema.IS_CURRENT, lit(false))
              .select(Table.MODEL_REGISTRY.schema().fieldNames()[0], restColumns());
      rows = rows.unionByName(demoted);
    }
    return lake.merge(
        Table.MODEL_REGISTRY, rows, new String[] {ModelRegistrySchema.MODEL_VERSION}, "true");
  }

  private static String[] restColumns() {
    String[] all = Table.MODEL_REGISTRY.schema().fieldNames();
    return java.util.Arrays.copyOfRange(all, 1, all.length);
  }
}
