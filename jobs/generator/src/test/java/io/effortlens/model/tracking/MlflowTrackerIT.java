package io.effortlens.model.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.effortlens.EffortLensException;
import io.effortlens.ExitCodes;
import io.effortlens.cli.EffortLensCommand;
import io.effortlens.lake.Lake;
import io.effortlens.lake.Table;
import io.effortlens.model.ModelRegistrySchema;
import io.effortlens.testing.PlantedLake;
import io.effortlens.testing.SparkSessionExtension;
import io.effortlens.testing.TestLakes;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * MlflowTracker against a real {@code mlflow server} (from .venv) on 127.0.0.1: what the tracker
 * logs is read back through the server's own REST API — params, metrics, status, and the bytes of
 * every artifact, including a model folder; and a real {@code train --mlflow-uri} on a small
 * planted lake records in model_registry the id of a FINISHED run that holds its metrics, tables
 * and model.
 */
@ExtendWith(SparkSessionExtension.class)
class MlflowTrackerIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * 300 customers x 12 months, snapshots from April 2024: the fewest months that give train a test
   * snapshot and two training snapshots whose 90-day horizons end before it. Only this test uses
   * this shape, so it may write to it.
   */
  private static final PlantedLake.Shape SMALL = new PlantedLake.Shape(300, 12, 11, 4);

  private static MlflowServer server;

  @BeforeAll
  static void startServer() throws IOException, InterruptedException {
    server = MlflowServer.start();
  }

  @AfterAll
  static void stopServer() throws InterruptedException {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void logsParamsMetricsAndArtifactsThatTheServerReturns() throws Exception {
    MlflowTracker tracker = MlflowTracker.fromUriOrEnv(server.uri().toString(), Map.of()).get();
    Path dir = TestLakes.tempDir("artifacts");
    Path table = Files.writeString(dir.resolve("driver_effects.csv"), "driver,share\nwait,0.4\n");
    Path model = Files.createDirectories(dir.resolve("model/stages/0"));
    Files.writeString(dir.resolve("model/metadata.json"), "{\"class\":\"PipelineModel\"}");
    Files.writeString(model.resolve("coefficients.txt"), "0.5 -0.25");
    Map<String, String> params = new LinkedHashMap<>();
    // more than one log-batch request's worth of params (the API takes at most 100 at once)
    IntStream.range(0, 130).forEach(i -> params.put("feature_" + i, "f" + i));
    params.put("chosen_model", "gbt");

    String runId =
        tracker.logRun(
            "effortlens-it",
            params,
            Map.of("auc_roc", 0.8125, "brier", 0.125, "concordance", Double.NaN),
            Map.of("tables/driver_effects.csv", table, "model", dir.resolve("model")));

    JsonNode run = JSON.readTree(server.get("api/2.0/mlflow/runs/get?run_id=" + runId)).get("run");
    assertEquals("FINISHED", run.at("/info/status").asText());
    assertEquals(
        MlflowTracker.fromUriOrEnv(server.uri().toString(), Map.of())
            .get()
            .experimentId("effortlens-it"),
        run.at("/info/experiment_id").asText(),
        "the run is in the experiment it was logged to");
    Map<String, String> loggedParams = new LinkedHashMap<>();
    run.at("/data/params")
        .forEach(p -> loggedParams.put(p.get("key").asText(), p.get("value").asText()));
    assertEquals(params, loggedParams);
    Map<String, Double> loggedMetrics = new LinkedHashMap<>();
    run.at("/data/metrics")
        .forEach(m -> loggedMetrics.put(m.get("key").asText(), m.get("value").asDouble()));
    // NaN (an undefined metric) is left out: JSON cannot carry it
    assertEquals(Map.of("auc_roc", 0.8125, "brier", 0.125), loggedMetrics);

    assertEquals(
        Set.of(
            "tables/driver_effects.csv", "model/metadata.json", "model/stages/0/coefficients.txt"),
        artifactFiles(runId, ""));
    assertEquals(
        "driver,share\nwait,0.4\n",
        server.get(
            "get-artifact?run_id="
                + runId
                + "&path="
                + URLEncoder.encode("tables/driver_effects.csv", StandardCharsets.UTF_8)));
    assertEquals(
        "0.5 -0.25",
        server.get("get-artifact?run_id=" + runId + "&path=model/stages/0/coefficients.txt"));
  }

  /**
   * Heavy (about 5 minutes on 2 idle cores, 18 under load: it builds a 300-customer planted lake
   * and trains); run with {@code -Dtest.groups.excluded=}.
   */
  @Test
  @Tag("heavy")
  void trainRecordsTheIdOfAFinishedRunWithItsMetricsTablesAndModel(SparkSession spark)
      throws Exception {
    PlantedLake planted = PlantedLake.of(spark, SMALL);
    StringWriter out = new StringWriter();
    int code =
        EffortLensCommand.execute(
            new PrintWriter(out),
            new PrintWriter(out),
            "--lake",
            planted.lakeDir().toString(),
            "--set",
            "train.bootstrap-rounds=2",
            "--set",
            "train.stability-windows=1",
            "--set",
            "delight.bootstrap-rounds=10",
            "train",
            "--mlflow-uri",
            server.uri().toString(),
            "--mlflow-experiment",
            "effortlens-it");
    assertEquals(ExitCodes.OK, code, out.toString());

    Lake lake = planted.lake(spark);
    List<Row> registry = lake.read(Table.MODEL_REGISTRY, "train").collectAsList();
    assertEquals(1, registry.size());
    String runId = registry.get(0).getAs(ModelRegistrySchema.MLFLOW_RUN_ID);
    String version = registry.get(0).getAs(ModelRegistrySchema.MODEL_VERSION);
    assertTrue(out.toString().contains("mlflow run " + runId), out.toString());

    JsonNode run = JSON.readTree(server.get("api/2.0/mlflow/runs/get?run_id=" + runId)).get("run");
    assertEquals("FINISHED", run.at("/info/status").asText());
    assertEquals(
        MlflowTracker.fromUriOrEnv(server.uri().toString(), Map.of())
            .get()
            .experimentId("effortlens-it"),
        run.at("/info/experiment_id").asText(),
        "the run is in the experiment --mlflow-experiment names");
    Map<String, String> params = new LinkedHashMap<>();
    run.at("/data/params").forEach(p -> params.put(p.get("key").asText(), p.get("value").asText()));
    assertEquals(version, params.get("model_version"));
    assertEquals("2", params.get("train.bootstrap-rounds"));
    Map<String, Double> metrics = new LinkedHashMap<>();
    run.at("/data/metrics")
        .forEach(m -> metrics.put(m.get("key").asText(), m.get("value").asDouble()));
    // the registry's metrics of the chosen model are the ones logged under its name
    String chosen = registry.get(0).getAs(ModelRegistrySchema.CHOSEN_MODEL);
    Map<String, Double> chosenMetrics =
        registry.get(0).getJavaMap(registry.get(0).fieldIndex(ModelRegistrySchema.METRICS));
    assertTrue(metrics.containsKey(chosen + ".auc_roc"), metrics.toString());
    chosenMetrics.forEach(
        (name, value) -> {
          if (Double.isFinite(value)) {
            assertEquals(value, metrics.get(chosen + "." + name), 1e-12, name);
          }
        });
    assertTrue(metrics.containsKey("survival.concordance"), metrics.toString());

    Set<String> artifacts = artifactFiles(runId, "");
    assertTrue(artifacts.contains("tables/driver_effects.csv"), artifacts.toString());
    assertTrue(artifacts.contains("tables/delight_effects.csv"), artifacts.toString());
    assertTrue(artifacts.contains("model/metadata/part-00000"), artifacts.toString());
    assertTrue(
        artifacts.stream().anyMatch(a -> a.startsWith("model/survival/")), artifacts.toString());
    String effects = server.get("get-artifact?run_id=" + runId + "&path=tables/driver_effects.csv");
    assertEquals(
        lake.read(Table.DRIVER_EFFECTS, "train").count() + 1,
        effects.lines().count(),
        "a header and one line per driver_effects row");
    assertTrue(effects.startsWith(ModelRegistrySchema.MODEL_VERSION + ","), effects);
  }

  @Test
  void reusesTheExperimentOfTheSameName() {
    MlflowTracker tracker = MlflowTracker.fromUriOrEnv(server.uri().toString(), Map.of()).get();
    String first = tracker.experimentId("effortlens-reuse");
    assertEquals(first, tracker.experimentId("effortlens-reuse"));
    assertTrue(!first.equals(tracker.experimentId("effortlens-other")), "a new name is a new one");
  }

  @Test
  void takesTheUriFromTheEnvironmentAndIsAbsentWithoutOne() {
    assertTrue(MlflowTracker.fromUriOrEnv(null, Map.of()).isEmpty());
    assertEquals(
        server.uri(),
        MlflowTracker.fromUriOrEnv(
                null, Map.of(MlflowTracker.URI_VARIABLE, server.uri().toString()))
            .get()
            .uri());
  }

  @Test
  void takesTheExperimentFromTheOptionElseTheEnvironmentElseTheDefault() {
    String uri = server.uri().toString();
    Map<String, String> env = Map.of(MlflowTracker.EXPERIMENT_VARIABLE, "from-env");
    assertEquals(
        "from-option", MlflowTracker.fromUriOrEnv(uri, "from-option", env).get().experiment());
    assertEquals("from-env", MlflowTracker.fromUriOrEnv(uri, null, env).get().experiment());
    assertEquals(
        MlflowTracker.DEFAULT_EXPERIMENT,
        MlflowTracker.fromUriOrEnv(uri, " ", Map.of()).get().experiment());
  }

  @Test
  void anUnreachableServerFailsNamingTheUriAndTheFix() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String uri = "http://127.0.0.1:" + closedPort;
    MlflowTracker tracker = MlflowTracker.fromUriOrEnv(uri, Map.of()).get();
    EffortLensException e =
        assertThrows(
            EffortLensException.class, () -> tracker.logRun("x", Map.of(), Map.of(), Map.of()));
    assertTrue(
        e.getMessage().startsWith("Cannot reach the MLflow tracking server at " + uri),
        e.getMessage());
    assertTrue(e.getMessage().contains("Fix: "), e.getMessage());
  }

  private Set<String> artifactFiles(String runId, String path) throws Exception {
    String query = "api/2.0/mlflow/artifacts/list?run_id=" + runId;
    if (!path.isEmpty()) {
      query += "&path=" + URLEncoder.encode(path, StandardCharsets.UTF_8);
    }
    Set<String> out = new TreeSet<>();
    for (JsonNode file : JSON.readTree(server.get(query)).path("files")) {
      if (file.path("is_dir").asBoolean()) {
        out.addAll(artifactFiles(runId, file.get("path").asText()));
      } else {
        out.add(file.get("path").asText());
      }
    }
    return out;
  }
}
