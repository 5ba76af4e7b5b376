package io.effortlens.scoring;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.effortlens.Problems;
import io.effortlens.features.FeatureCatalogSchema;
import io.effortlens.lake.Lake;
import io.effortlens.lake.ModelFolders;
import io.effortlens.lake.Table;
import io.effortlens.model.DriverEffectsSchema;
import io.effortlens.model.ModelRegistry;
import io.effortlens.model.ModelRegistrySchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Reads the published model from {@code model_registry} (the row with is_current) and its candidate
 * drivers from {@code driver_effects} and {@code feature_catalog}. These are model metadata (a few
 * hundred rows at most), so they are collected; customer rows never are.
 */
public final class Registry {
  private static final Set<String> INTEGRAL =
      Set.of("bigint", "int", "smallint", "tinyint", "long", "integer");

  private Registry() {}

  /** The current model; fails with exit 4 and the fix when none was published. */
  public static PublishedModel current(Lake lake) {
    ModelRegistry.Current current =
        ModelRegistry.current(lake)
            .orElseThrow(
                () ->
                    Problems.noModel(
                        lake.root(),
                        lake.exists(Table.MODEL_REGISTRY)
                            ? "no model in model_registry is current"
                            : "there is no model_registry table"));
    Row row = current.row();
    List<String> features = row.getList(row.fieldIndex(ModelRegistrySchema.FEATURES));
    String path = current.modelPath();
    return new PublishedModel(
        current.version(),
        path,
        List.copyOf(features),
        candidates(lake, current.version()),
        survivalPath(lake, path));
  }

  private static List<Candidate> candidates(Lake lake, String version) {
    if (!lake.exists(Table.DRIVER_EFFECTS)) {
      return List.of();
    }
    Dataset<Row> catalog =
        lake.read(Table.FEATURE_CATALOG, "features")
            .select(
                col(FeatureCatalogSchema.NAME).as(DriverEffectsSchema.DRIVER),
                col(FeatureCatalogSchema.DESCRIPTION).as("_description"),
                col(FeatureCatalogSchema.WINDOW_DAYS),
                col(FeatureCatalogSchema.DATA_TYPE));
    return lake
        .read(Table.DRIVER_EFFECTS, "train")
        .filter(col(DriverEffectsSchema.MODEL_VERSION).equalTo(version))
        .filter(col(DriverEffectsSchema.LEVEL).equalTo(DriverEffectsSchema.FEATURE_LEVEL))
        .filter(col(DriverEffectsSchema.COUNTERFACTUAL_VALUE).isNotNull())
        .filter(coalesce(col(DriverEffectsSchema.LOW_SUPPORT), lit(false)).equalTo(false))
        .join(catalog, DriverEffectsSchema.DRIVER)
        .orderBy(
            coalesce(col(DriverEffectsSchema.SHARE), lit(0.0)).desc(),
            col(DriverEffectsSchema.DRIVER))
        .select(
            col(DriverEffectsSchema.DRIVER),
            col(DriverEffectsSchema.FAMILY),
            col(DriverEffectsSchema.COUNTERFACTUAL_VALUE),
            col("_description"),
            col(FeatureCatalogSchema.WINDOW_DAYS),
            col(FeatureCatalogSchema.DATA_TYPE))
        .collectAsList()
        .stream()
        .map(
            r ->
                new Candidate(
                    r.getString(0),
                    r.getString(1),
                    r.getDouble(2),
                    r.getString(3),
                    r.isNullAt(4) ? null : r.getInt(4),
                    !r.isNullAt(5) && INTEGRAL.contains(r.getString(5).toLowerCase())))
        .toList();
  }

  /** The time-to-defection model saved beside the classifier, when train wrote one. */
  private static String survivalPath(Lake lake, String modelPath) {
    Path survival = new Path(modelPath, ModelFolders.SURVIVAL);
    try {
      return survival
              .getFileSystem(lake.spark().sparkContext().hadoopConfiguration())
              .exists(survival)
          ? survival.toString()
          : null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
