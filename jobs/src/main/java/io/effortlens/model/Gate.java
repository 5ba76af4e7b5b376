package io.effortlens.model;

import io.effortlens.Version;
import io.effortlens.lake.Fingerprint;
import io.effortlens.lake.Lake;
import io.effortlens.lake.Table;
import java.util.Optional;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The third step of {@link TrainJob}: the model version and the regression gate's decision.
 *
 * @param catalogVersion the content fingerprint of feature_catalog
 * @param value the chosen model's selection metric on the test snapshots
 */
record Gate(String version, long catalogVersion, double value, ModelRegistry.Decision decision) {

  /**
   * The model version and the catalogue fingerprint it hashes: known from the training frames
   * alone, before any model is fitted.
   */
  record Identity(String version, long catalogVersion) {
    static Identity of(Lake lake, String settingsHash, TrainingFrames frames) {
      TrainJob.describe(lake.spark(), "train: version and regression gate");
      long catalogVersion = Fingerprint.of(lake.read(Table.FEATURE_CATALOG, "train"));
      String version =
          Gate.version(frames, Fingerprint.of(frames.all()), catalogVersion, settingsHash);
      return new Identity(version, catalogVersion);
    }
  }

  /** Gates the run's chosen model against the current one on the same rows. */
  static Gate of(Lake lake, Identity run, TrainSettings settings, Candidates fit) {
    TrainJob.describe(lake.spark(), "train: version and regression gate");
    String version = run.version();
    Optional<ModelRegistry.Current> current = ModelRegistry.current(lake);
    String metric = settings.selectionMetric();
    double value = fit.value(metric);
    Double currentValue = currentValue(current, version, fit.fitted().test(), metric);
    ModelRegistry.Decision decision =
        ModelRegistry.decide(
            version, value, current, currentValue, settings.maxRegression(), metric);
    return new Gate(version, run.catalogVersion(), value, decision);
  }

  /**
   * The model version: the same training and test as-ofs, the same rows (content fingerprint, so a
   * rerun that rewrites identical snapshots, or another lake built from the same input, gets the
   * same version), the same catalogue, drivers, settings and code give the same version.
   */
  private static String version(
      TrainingFrames frames, long rows, long catalog, String settingsHash) {
    return ModelRegistry.version(
        frames.main().training().toString(),
        frames.main().test().toString(),
        frames.windows().stream().map(w -> w.training() + "/" + w.test()).toList().toString(),
        Long.toString(rows),
        Long.toString(catalog),
        frames.drivers().stream().map(Driver::name).toList().toString(),
        settingsHash,
        Version.current());
  }

  /** The current model's metric on this run's test rows, or null if it is this version. */
  private static Double currentValue(
      Optional<ModelRegistry.Current> current, String version, Dataset<Row> test, String metric) {
    if (current.isEmpty() || current.get().version().equals(version)) {
      return null;
    }
    PipelineModel previous = PipelineModel.load(current.get().modelPath());
    Dataset<Row> scored = previous.transform(test).cache();
    AreaUnderCurves.Areas areas = AreaUnderCurves.of(scored, ModelPipelines.DEFECTION_PROBABILITY);
    double value = metric.equals("auc_roc") ? areas.roc() : areas.pr();
    scored.unpersist();
    return value;
  }

  /** The registry entry of {@link TrainResult}. */
  TrainResult.Registration registration(String modelPath, String mlflowRunId) {
    return new TrainResult.Registration(
        version, decision.status(), decision.publish(), decision.reason(), modelPath, mlflowRunId);
  }
}
