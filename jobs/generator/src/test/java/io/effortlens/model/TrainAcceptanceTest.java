package io.effortlens.model;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.effortlens.ExitCodes;
import io.effortlens.cli.EffortLensCommand;
import io.effortlens.lake.Lake;
import io.effortlens.lake.Table;
import io.effortlens.testing.PlantedLake;
import io.effortlens.testing.SparkSessionExtension;
import io.effortlens.testing.TestLakes;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Acceptance of {@code effortlens train} on the planted lake (2,500 customers x 15 months, seed
 * 11): discrimination against the oracle, the effort drivers' order and the pie against the planted
 * truth, contract schemas, the saved model, and a rerun that changes nothing. Runs train twice
 * through the real CLI on a copy of the shared fixture.
 */
@ExtendWith(SparkSessionExtension.class)
@Tag("acceptance")
class TrainAcceptanceTest {
  /** Our feature for each planted effort driver (truth.json names → customer_features). */
  static final Map<String, String> EFFORT_DRIVERS =
      Map.of(
          "repeat_contacts_90d", "repeat_contacts_90d",
          "transfers_90d", "transfers_90d",
          "channel_switches_90d", "channel_switches_90d",
          "self_service_failures_90d", "self_service_failures_90d",
          "re_explanations_90d", "re_explanations_90d",
          "unresolved_journeys_90d", "unresolved_journeys_90d");

  private static PlantedLake planted;
  private static Lake lake;
  private static JsonNode truth;
  private static Run first;
  private static Run second;

  record Run(int code, String out) {}

  @BeforeAll
  static void trainTwice() throws IOException {
    SparkSession spark = SparkSessionExtension.session();
    planted = PlantedLake.of(spark, PlantedLake.MODEL_TESTS);
    Path copy = copy(planted.lakeDir());
    lake = Lake.at(spark, copy.toString());
    truth = new ObjectMapper().readTree(planted.truthJson().toFile());
    first = train(copy);
    second = train(copy);
  }

  private static Run train(Path lakeDir) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        EffortLensCommand.execute(
            new PrintWriter(out),
            new PrintWriter(err),
            "--lake",
            lakeDir.toString(),
            "--set",
            "train.bootstrap-rounds=5",
            "--set",
            "train.stability-windows=1",
            "train",
            "--truth",
            planted.truthJson().toString());
    return new Run(code, out + "\n" + err);
  }

  @Test
  void trainsPublishesAndPrintsTheSummary() {
    assertEquals(ExitCodes.OK, first.code(), first.out());
    for (String expected :
        List.of("test rows", "logistic", "gbt", "oracle ratio", "disloyalty pie", "top drivers")) {
      assertTrue(
          first.out().contains(expected), "output lacks '" + expected + "':\n" + first.out());
    }
  }

  /**
   * The discrimination target, against the oracle a leakage-free model can be held to: the
   * planted hazard at as_of, known from the drivers before it, held over the horizon. The hindsight
   * oracle ({@code oracle_auc_roc}: the planted hazards of every month in the horizon) also sees
   * effort that happens after as_of; even the exact planted drivers at as_of reach only 0.911-0.971
   * of it on this generator (docs/model.md, Metrics), so 0.97 x hindsight would demand leakage.
   * Both stay in {@code model_metrics}; the message prints both.
   */
  @Test
  void chosenModelReachesNinetySevenPercentOfTheAsOfOracleAuc() {
    String chosen = current().getAs(ModelRegistrySchema.CHOSEN_MODEL);
    double auc = metric(chosen, "auc_roc");
    double oracle = metric("oracle", "oracle_as_of_auc_roc");
    double hindsight = metric("oracle", "oracle_auc_roc");
    assertTrue(
        auc >= 0.97 * oracle,
        chosen + " AUC " + auc + " vs as-of oracle " + oracle + " (hindsight " + hindsight + ")");
  }

  @Test
  void effortDriversRankInThePlantedOrder() {
    List<String> planted = new java.util.ArrayList<>();
    truth.at("/driver_contributions/effort_driver_order").forEach(n -> planted.add(n.asText()));
    Map<String, Double> plantedValues = new LinkedHashMap<>();
    Map<String, Double> ours = new LinkedHashMap<>();
    Map<String, Double> avoided = featureAvoided();
    for (int i = 0; i < planted.size(); i++) {
      plantedValues.put(planted.get(i), (double) planted.size() - i);
      ours.put(planted.get(i), avoided.get(EFFORT_DRIVERS.get(planted.get(i))));
    }
    double rho = DriverEffects.spearman(plantedValues, ours);
    assertTrue(rho >= 0.8, "Spearman " + rho + " planted " + planted + " ours " + ours);
  }

  @Test
  void effortShareOfThePieIsWithinTenPointsOfPlanted() {
    double planted = plantedFamilyShare("effort");
    double ours = familyShare("effort");
    assertTrue(Math.abs(ours - planted) <= 0.10, "effort share " + ours + " vs planted " + planted);
  }

  @Test
  void delightShareOfThePieIsSmall() {
    double ours = familyShare("delight");
    assertTrue(Math.abs(ours) <= 0.05, "delight share " + ours);
  }

  @Test
  void rerunOnTheSameDataGivesTheSameVersionMetricsAndModel() {
    assertEquals(ExitCodes.OK, second.code(), second.out());
    Dataset<Row> registry = lake.read(Table.MODEL_REGISTRY, "train");
    assertEquals(1, registry.count(), "the rerun replaced its own row");
    assertEquals(1, registry.where(col(ModelRegistrySchema.IS_CURRENT)).count());
    Dataset<Row> metrics = lake.read(Table.MODEL_METRICS, "train");
    assertEquals(
        1, metrics.select(ModelMetricsSchema.MODEL_VERSION).distinct().count(), "one version");
    assertEquals(firstLines(first.out()), firstLines(second.out()), "same printed metrics");
  }

  @Test
  void tablesHaveTheContractSchemas() {
    assertEquals(ModelMetricsSchema.SCHEMA, lake.read(Table.MODEL_METRICS, "train").schema());
    assertEquals(ModelRegistrySchema.SCHEMA, lake.read(Table.MODEL_REGISTRY, "train").schema());
    assertEquals(DriverEffectsSchema.SCHEMA, lake.read(Table.DRIVER_EFFECTS, "train").schema());
  }

  @Test
  void savedModelScoresCustomerFeaturesWithOneTransform() {
    String stored = current().getAs(ModelRegistrySchema.MODEL_PATH);
    assertEquals("models/" + current().getAs(ModelRegistrySchema.MODEL_VERSION), stored);
    PipelineModel model = PipelineModel.load(ModelRegistry.resolve(lake, stored));
    Dataset<Row> features = lake.read(Table.CUSTOMER_FEATURES, "features");
    Row range =
        model
            .transform(features.where(col("as_of").equalTo(java.sql.Date.valueOf("2025-04-01"))))
            .agg(
                org.apache.spark.sql.functions.min(ModelPipelines.DEFECTION_PROBABILITY),
                org.apache.spark.sql.functions.max(ModelPipelines.DEFECTION_PROBABILITY),
                org.apache.spark.sql.functions.count(ModelPipelines.DEFECTION_PROBABILITY))
            .first();
    assertTrue(range.getDouble(0) >= 0 && range.getDouble(1) <= 1, range.toString());
    assertTrue(range.getLong(2) > 1000, range.toString());
  }

  private static Row current() {
    return lake.read(Table.MODEL_REGISTRY, "train")
        .where(col(ModelRegistrySchema.IS_CURRENT))
        .first();
  }

  private static double metric(String model, String name) {
    return lake.read(Table.MODEL_METRICS, "train")
        .where(
            col("model").equalTo(model).and(col("metric").equalTo(name)).and(col("bin").isNull()))
        .first()
        .getAs("value");
  }

  private static Map<String, Double> featureAvoided() {
    Map<String, Double> out = new LinkedHashMap<>();
    lake.read(Table.DRIVER_EFFECTS, "train")
        .where(col("level").equalTo("feature").and(col("defections_avoided").isNotNull()))
        .collectAsList()
        .forEach(r -> out.put(r.getAs("driver"), r.getAs("defections_avoided")));
    return out;
  }

  private static double familyShare(String family) {
    return lake.read(Table.DRIVER_EFFECTS, "train")
        .where(col("level").equalTo("family").and(col("driver").equalTo(family)))
        .first()
        .getAs("share");
  }

  /**
   * The planted share of the family in the estimand of train's family rows: its joint in-pie
   * defections avoided summed over the model's test as-ofs (truth.json driver_effects_by_month),
   * over the families' absolute sums.
   */
  private static double plantedFamilyShare(String family) {
    Row current =
        lake.read(Table.MODEL_REGISTRY, "train").where(col(ModelRegistrySchema.IS_CURRENT)).first();
    List<String> tests =
        current.getList(current.fieldIndex(ModelRegistrySchema.TEST_AS_OFS)).stream()
            .map(Object::toString)
            .toList();
    Map<String, Double> sums = new LinkedHashMap<>();
    for (JsonNode month : truth.at("/driver_effects_by_month/as_ofs")) {
      if (tests.contains(month.get("as_of").asText())) {
        for (JsonNode f : month.get("families")) {
          sums.merge(
              f.get("family").asText(), f.get("defections_avoided_in_pie").asDouble(), Double::sum);
        }
      }
    }
    double total = sums.values().stream().mapToDouble(Math::abs).sum();
    if (!sums.containsKey(family) || total == 0) {
      throw new IllegalStateException(
          "no planted family " + family + " at the test as-ofs " + tests);
    }
    return sums.get(family) / total;
  }

  /** The printed lines up to the drivers (the model path and run-specific lines excluded). */
  private static String firstLines(String out) {
    int end = out.indexOf("published:");
    return end < 0 ? out : out.substring(0, end);
  }

  private static Path copy(Path from) {
    Path to = TestLakes.tempDir("train-lake");
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return to;
  }
}
