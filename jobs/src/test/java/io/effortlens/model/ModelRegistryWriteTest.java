package io.effortlens.model;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.effortlens.lake.Lake;
import io.effortlens.lake.Table;
import io.effortlens.testing.SparkSessionExtension;
import io.effortlens.testing.TestLakes;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.commons.io.FileUtils;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The registry as {@code train} writes it, with rows built like TrainJob builds them (RowFactory,
 * no schema): a first model, its rerun, then a second published model that demotes it. A rerun or a
 * second model on a lake that has a registry used to fail with "fieldIndex on a Row without
 * schema".
 */
@ExtendWith(SparkSessionExtension.class)
class ModelRegistryWriteTest {
  private static Row row(String version, String status, boolean current) {
    Object[] values = new Object[ModelRegistrySchema.SCHEMA.size()];
    values[ModelRegistrySchema.SCHEMA.fieldIndex(ModelRegistrySchema.MODEL_VERSION)] = version;
    values[ModelRegistrySchema.SCHEMA.fieldIndex(ModelRegistrySchema.STATUS)] = status;
    values[ModelRegistrySchema.SCHEMA.fieldIndex(ModelRegistrySchema.IS_CURRENT)] = current;
    values[ModelRegistrySchema.SCHEMA.fieldIndex(ModelRegistrySchema.SELECTION_VALUE)] = 0.4;
    values[ModelRegistrySchema.SCHEMA.fieldIndex(ModelRegistrySchema.MODEL_PATH)] =
        "/lake/models/" + version;
    return RowFactory.create(values);
  }

  @Test
  void aRerunReplacesItsRowAndANewModelDemotesTheCurrentOne(SparkSession spark) {
    Lake lake = TestLakes.newRun(spark).lake();
    ModelRegistry.Decision first =
        ModelRegistry.decide("v1", 0.4, Optional.empty(), null, 0.01, "auc_pr");
    ModelRegistry.write(lake, row("v1", first.status(), true), first);

    ModelRegistry.Decision rerun =
        ModelRegistry.decide("v1", 0.4, ModelRegistry.current(lake), null, 0.01, "auc_pr");
    ModelRegistry.write(lake, row("v1", rerun.status(), true), rerun);
    assertEquals(1L, lake.read(Table.MODEL_REGISTRY, "test").count(), "a rerun adds no row");

    ModelRegistry.Decision second =
        ModelRegistry.decide("v2", 0.41, ModelRegistry.current(lake), 0.4, 0.01, "auc_pr");
    ModelRegistry.write(lake, row("v2", second.status(), true), second);
    List<Row> current =
        lake.read(Table.MODEL_REGISTRY, "test")
            .where(col(ModelRegistrySchema.IS_CURRENT))
            .select(ModelRegistrySchema.MODEL_VERSION)
            .collectAsList();
    assertEquals(List.of(RowFactory.create("v2")), current, "only the new model is current");
    assertEquals(2L, lake.read(Table.MODEL_REGISTRY, "test").count());
  }

  /**
   * model_path is stored relative to the lake, so a lake copied elsewhere resolves its current
   * model under its new root; absolute paths of older registries are read as they are.
   */
  @Test
  void aCopiedLakeFindsItsCurrentModelUnderItsOwnRoot(SparkSession spark) throws IOException {
    Lake lake = TestLakes.newRun(spark).lake();
    Row relative = row("v1", "published", true);
    Object[] values = new Object[relative.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = relative.get(i);
    }
    values[ModelRegistrySchema.SCHEMA.fieldIndex(ModelRegistrySchema.MODEL_PATH)] =
        ModelRegistry.modelFolder("v1");
    ModelRegistry.write(
        lake,
        RowFactory.create(values),
        ModelRegistry.decide("v1", 0.4, Optional.empty(), null, 0.01, "auc_pr"));
    Path copy = TestLakes.tempDir("moved-lake").resolve("lake");
    FileUtils.copyDirectory(new File(lake.root()), copy.toFile());
    Lake moved = Lake.at(spark, copy.toString());

    assertEquals(moved.path("models/v1"), ModelRegistry.current(moved).orElseThrow().modelPath());
    assertEquals(lake.path("models/v1"), ModelRegistry.current(lake).orElseThrow().modelPath());
    for (String absolute :
        List.of("/old/lake/models/v1", "file:/old/lake/models/v1", "s3a://bucket/lake/models/v1")) {
      assertEquals(absolute, ModelRegistry.resolve(moved, absolute));
    }
  }
}
