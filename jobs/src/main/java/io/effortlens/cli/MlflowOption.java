package io.effortlens.cli;

import io.effortlens.model.tracking.MlflowTracker;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --mlflow-uri} and {@code --mlflow-experiment}, shared by {@code train} and {@code
 * pipeline}.
 */
final class MlflowOption {
  @Option(
      names = "--mlflow-uri",
      paramLabel = "URI",
      description =
          "Log the training run (params, metrics, driver and delight tables, model) to this MLflow"
              + " tracking server (default: env MLFLOW_TRACKING_URI; neither = no tracking).")
  String uri;

  @Option(
      names = "--mlflow-experiment",
      paramLabel = "NAME",
      description =
          "MLflow experiment of the run, created when missing (default: env"
              + " MLFLOW_EXPERIMENT_NAME, else effortlens).")
  String experiment;

  /**
   * The tracker for --mlflow-uri or MLFLOW_TRACKING_URI and its experiment, checked before any work
   * is done.
   */
  Optional<MlflowTracker> tracker() {
    return MlflowTracker.fromUriOrEnv(uri, experiment);
  }
}
