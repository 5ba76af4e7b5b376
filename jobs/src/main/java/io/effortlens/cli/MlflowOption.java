package io.effortlens.cli;

import io.effortlens.model.tracking.MlflowTracker;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --mlflow-uri}, shared by {@code train} and {@code pipeline}. */
final class MlflowOption {
  @Option(
      names = "--mlflow-uri",
      paramLabel = "URI",
      description =
          "Log the training run (params, metrics, driver and delight tables, model) to this MLflow"
              + " tracking server (default: env MLFLOW_TRACKING_URI; neither = no tracking).")
  String uri;

  /** The tracker for --mlflow-uri or MLFLOW_TRACKING_URI, checked before any work is done. */
  Optional<MlflowTracker> tracker() {
    return MlflowTracker.fromUriOrEnv(uri);
  }
}
