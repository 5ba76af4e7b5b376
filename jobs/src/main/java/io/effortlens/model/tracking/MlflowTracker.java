package io.effortlens.model.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import io.effortlens.Problems;
import io.effortlens.config.ConfigLoader;
import io.effortlens.config.MlflowEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a training run to an MLflow tracking server through its REST API 2.0: the experiment is
 * found by name (created when missing), a run is created, parameters and metrics are sent in
 * batches, files and folders are uploaded through the server's artifact proxy ({@code
 * mlflow-artifacts:}), and the run ends FINISHED — or FAILED when any step fails, which then fails
 * the caller. Nothing here talks to Spark; the caller passes aggregates only.
 */
public final class MlflowTracker {
  /** Variables read by {@link #fromUriOrEnv(String)}, as the MLflow clients name them. */
  public static final String URI_VARIABLE = MlflowEnvironment.URI_VARIABLE;

  public static final String EXPERIMENT_VARIABLE = MlflowEnvironment.EXPERIMENT_VARIABLE;

  /** The experiment when neither the option nor {@link #EXPERIMENT_VARIABLE} names one. */
  public static final String DEFAULT_EXPERIMENT = "effortlens";

  static final int MAX_PARAMS_PER_BATCH = 100;
  static final int MAX_METRICS_PER_BATCH = 1000;
  private static final Logger LOG = LoggerFactory.getLogger(MlflowTracker.class);
  private static final String API = "api/2.0/mlflow/";
  private static final String ARTIFACTS_API = "api/2.0/mlflow-artifacts/artifacts/";
  private static final String PROXIED_SCHEME = "mlflow-artifacts:";

  private final MlflowRest rest;
  private final String experiment;

  MlflowTracker(MlflowRest rest, String experiment) {
    this.rest = rest;
    this.experiment = experiment;
  }

  /**
   * The tracker for {@code uri}, else for {@code MLFLOW_TRACKING_URI}; empty when neither is set
   * (training then runs without tracking). Credentials come from {@code MLFLOW_TRACKING_TOKEN} or
   * {@code MLFLOW_TRACKING_USERNAME}/{@code MLFLOW_TRACKING_PASSWORD}.
   */
  public static Optional<MlflowTracker> fromUriOrEnv(String uri) {
    return fromUriOrEnv(uri, null, ConfigLoader.mlflowEnvironment());
  }

  /**
   * As {@link #fromUriOrEnv(String)}; runs go to {@code experiment}, else to {@code
   * MLFLOW_EXPERIMENT_NAME}, else to {@value #DEFAULT_EXPERIMENT}.
   */
  public static Optional<MlflowTracker> fromUriOrEnv(String uri, String experiment) {
    return fromUriOrEnv(uri, experiment, ConfigLoader.mlflowEnvironment());
  }

  static Optional<MlflowTracker> fromUriOrEnv(String uri, Map<String, String> env) {
    return fromUriOrEnv(uri, null, MlflowEnvironment.of(env));
  }

  static Optional<MlflowTracker> fromUriOrEnv(
      String uri, String experiment, Map<String, String> env) {
    return fromUriOrEnv(uri, experiment, MlflowEnvironment.of(env));
  }

  /**
   * The tracker for {@code uri}, else for the environment's tracking URI; runs go to {@code
   * experiment}, else to the environment's, else to {@value #DEFAULT_EXPERIMENT}.
   */
  public static Optional<MlflowTracker> fromUriOrEnv(
      String uri, String experiment, MlflowEnvironment env) {
    String chosen = uri != null && !uri.isBlank() ? uri : env.trackingUri();
    if (chosen == null || chosen.isBlank()) {
      return Optional.empty();
    }
    if (!chosen.startsWith("http://") && !chosen.startsWith("https://")) {
      throw Problems.badArgument("--mlflow-uri", chosen, "an http(s):// tracking server URL");
    }
    URI base = URI.create(chosen.endsWith("/") ? chosen : chosen + "/");
    var authorization = MlflowRest.authorization(env.token(), env.username(), env.password());
    String name = firstSet(experiment, env.experiment(), DEFAULT_EXPERIMENT);
    return Optional.of(new MlflowTracker(new MlflowRest(base, authorization), name));
  }

  private static String firstSet(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v.strip();
      }
    }
    throw new IllegalArgumentException("no value set");
  }

  /** The experiment this tracker's runs go to. */
  public String experiment() {
    return experiment;
  }

  /** The server this tracker logs to. */
  public URI uri() {
    return rest.base();
  }

  /**
   * Logs one finished run; returns its MLflow run id. {@code artifactFiles} maps an artifact path
   * (e.g. {@code "tables/driver_effects.csv"} or {@code "model"}) to a local file or folder; a
   * folder is uploaded with its whole tree under that path.
   */
  public String logRun(
      String experiment,
      Map<String, String> params,
      Map<String, Double> metrics,
      Map<String, Path> artifactFiles) {
    String experimentId = experimentId(experiment);
    long started = System.currentTimeMillis();
    JsonNode run =
        rest.post(API + "runs/create", Map.of("experiment_id", experimentId, "start_time", started))
            .path("run")
            .path("info");
    String runId = run.path("run_id").asText();
    try {
      logParams(runId, params);
      logMetrics(runId, metrics, started);
      uploadArtifacts(runId, run.path("artifact_uri").asText(), artifactFiles);
      end(runId, "FINISHED");
    } catch (RuntimeException e) {
      try {
        end(runId, "FAILED");
      } catch (RuntimeException alsoFailed) {
        e.addSuppressed(alsoFailed);
      }
      throw e;
    }
    LOG.info(
        "stage=mlflow experiment={} run_id={} params={} metrics={} artifacts={}",
        experiment,
        runId,
        params.size(),
        metrics.size(),
        artifactFiles.size());
    return runId;
  }

  String experimentId(String name) {
    Optional<JsonNode> found =
        rest.get(API + "experiments/get-by-name", Map.of("experiment_name", name));
    if (found.isPresent()) {
      return found.get().path("experiment").path("experiment_id").asText();
    }
    return rest.post(API + "experiments/create", Map.of("name", name))
        .path("experiment_id")
        .asText();
  }

  private void logParams(String runId, Map<String, String> params) {
    List<Map<String, Object>> rows = new ArrayList<>();
    params.forEach((key, value) -> rows.add(Map.of("key", key, "value", String.valueOf(value))));
    for (List<Map<String, Object>> batch : batches(rows, MAX_PARAMS_PER_BATCH)) {
      rest.post(API + "runs/log-batch", Map.of("run_id", runId, "params", batch));
    }
  }

  private void logMetrics(String runId, Map<String, Double> metrics, long timestamp) {
    List<Map<String, Object>> rows = new ArrayList<>();
    metrics.forEach(
        (key, value) -> {
          if (value == null || !Double.isFinite(value)) {
            // JSON has no NaN or infinity; an undefined metric is left out rather than faked
            LOG.warn("stage=mlflow metric={} value={} not logged: not a finite number", key, value);
          } else {
            rows.add(Map.of("key", key, "value", value, "timestamp", timestamp, "step", 0));
          }
        });
    for (List<Map<String, Object>> batch : batches(rows, MAX_METRICS_PER_BATCH)) {
      rest.post(API + "runs/log-batch", Map.of("run_id", runId, "metrics", batch));
    }
  }

  private void uploadArtifacts(String runId, String artifactUri, Map<String, Path> files) {
    if (files.isEmpty()) {
      return;
    }
    if (!artifactUri.startsWith(PROXIED_SCHEME)) {
      throw Problems.mlflowArtifactsNotProxied(runId, artifactUri);
    }
    String root = artifactUri.substring(PROXIED_SCHEME.length()).replaceAll("^/+", "");
    for (var entry : expand(files).entrySet()) {
      rest.put(ARTIFACTS_API + root + "/" + entry.getKey(), entry.getValue());
    }
  }

  /** Artifact path -> regular file, with every folder walked (sorted, so uploads are ordered). */
  static Map<String, Path> expand(Map<String, Path> files) {
    Map<String, Path> out = new LinkedHashMap<>();
    for (var entry : files.entrySet()) {
      String target = entry.getKey().replaceAll("^/+|/+$", "");
      Path source = entry.getValue();
      if (!Files.isDirectory(source)) {
        out.put(target, source);
        continue;
      }
      try (Stream<Path> tree = Files.walk(source)) {
        tree.filter(Files::isRegularFile)
            .sorted()
            .forEach(file -> out.put(target + "/" + relative(source, file), file));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot list artifact folder " + source, e);
      }
    }
    return out;
  }

  private static String relative(Path folder, Path file) {
    return folder.relativize(file).toString().replace('\\', '/');
  }

  private void end(String runId, String status) {
    rest.post(
        API + "runs/update",
        Map.of("run_id", runId, "status", status, "end_time", System.currentTimeMillis()));
  }

  static <T> List<List<T>> batches(List<T> rows, int size) {
    List<List<T>> out = new ArrayList<>();
    for (int start = 0; start < rows.size(); start += size) {
      out.add(rows.subList(start, Math.min(rows.size(), start + size)));
    }
    return out;
  }
}
