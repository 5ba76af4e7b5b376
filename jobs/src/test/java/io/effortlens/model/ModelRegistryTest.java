package io.effortlens.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.junit.jupiter.api.Test;

/** Versions and the regression gate of the registry. */
class ModelRegistryTest {
  private static Optional<ModelRegistry.Current> current(String version) {
    return Optional.of(
        new ModelRegistry.Current(version, "/lake/models/" + version, 0.40, RowFactory.create()));
  }

  @Test
  void versionDependsOnlyOnTheInputs() {
    assertEquals(ModelRegistry.version("a", "b"), ModelRegistry.version("a", "b"));
    assertNotEquals(ModelRegistry.version("a", "b"), ModelRegistry.version("ab", ""));
    assertTrue(ModelRegistry.version("a").matches("v[0-9a-f]{12}"));
  }

  @Test
  void firstModelIsPublishedAsFirst() {
    ModelRegistry.Decision d =
        ModelRegistry.decide("v1", 0.3, Optional.empty(), null, 0.01, "auc_pr");
    assertEquals(ModelRegistrySchema.FIRST, d.status());
    assertTrue(d.publish());
  }

  @Test
  void worseByMoreThanMaxRegressionIsRejectedWithTheReason() {
    ModelRegistry.Decision d =
        ModelRegistry.decide("v2", 0.38, current("v1"), 0.40, 0.01, "auc_pr");
    assertEquals(ModelRegistrySchema.REJECTED, d.status());
    assertFalse(d.publish());
    assertTrue(
        d.reason().contains("auc_pr 0.3800 is worse than the current model v1 (0.4000)"),
        d.reason());
  }

  @Test
  void slightlyWorseWithinMaxRegressionIsPublished() {
    ModelRegistry.Decision d =
        ModelRegistry.decide("v2", 0.395, current("v1"), 0.40, 0.01, "auc_pr");
    assertEquals(ModelRegistrySchema.PUBLISHED, d.status());
    assertTrue(d.publish());
    assertEquals("v1", d.previous().version());
  }

  @Test
  void aRerunOfTheCurrentVersionKeepsItsStatusPreviousModelAndReason() {
    Object[] values = new Object[ModelRegistrySchema.SCHEMA.size()];
    values[ModelRegistrySchema.SCHEMA.fieldIndex(ModelRegistrySchema.MODEL_VERSION)] = "v2";
    values[ModelRegistrySchema.SCHEMA.fieldIndex(ModelRegistrySchema.STATUS)] =
        ModelRegistrySchema.PUBLISHED;
    values[ModelRegistrySchema.SCHEMA.fieldIndex(ModelRegistrySchema.PREVIOUS_VERSION)] = "v1";
    values[ModelRegistrySchema.SCHEMA.fieldIndex(ModelRegistrySchema.PREVIOUS_VALUE)] = 0.39;
    values[ModelRegistrySchema.SCHEMA.fieldIndex(ModelRegistrySchema.REASON)] = "within the gate";
    Optional<ModelRegistry.Current> current =
        Optional.of(
            new ModelRegistry.Current(
                "v2",
                "/lake/models/v2",
                0.40,
                new GenericRowWithSchema(values, ModelRegistrySchema.SCHEMA)));

    ModelRegistry.Decision d = ModelRegistry.decide("v2", 0.40, current, null, 0.01, "auc_pr");

    assertEquals(ModelRegistrySchema.PUBLISHED, d.status());
    assertTrue(d.publish());
    assertEquals("v1", d.previous().version());
    assertEquals(0.39, d.previousValue());
    assertEquals("within the gate", d.reason(), "the row a rerun writes equals the first run's");
  }
}
