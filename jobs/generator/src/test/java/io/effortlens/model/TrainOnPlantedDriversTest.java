package io.effortlens.model;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.to_timestamp;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.effortlens.ExitCodes;
import io.effortlens.cli.EffortLensCommand;
import io.effortlens.features.FeatureCatalogSchema;
import io.effortlens.generate.Generator;
import io.effortlens.generate.GeneratorOptions;
import io.effortlens.generate.OutputFormat;
import io.effortlens.generate.PlantedMonths;
import io.effortlens.lake.Lake;
import io.effortlens.lake.Table;
import io.effortlens.testing.SparkSessionExtension;
import io.effortlens.testing.TestLakes;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code effortlens train} on features that are the planted drivers themselves: a lake whose
 * customer_features are the generator's truth table (driver values at each month start, 2,500
 * customers x 15 months, seed 11) and whose labels are the simulated cancellations within 90 days.
 * With the feature pipeline out of the way this isolates the model side: discrimination against the
 * oracle, the planted effort order and shares, the gate and a rerun. Fast: no ingest, no feature
 * job.
 */
@ExtendWith(SparkSessionExtension.class)
@Tag("acceptance")
class TrainOnPlantedDriversTest {
  private static final String DATA_END = "2025-04-01";
  private static GeneratorOptions options;
  private static Path data;
  private static Path lakeDir;
  private static Lake lake;
  private static JsonNode truth;
  private static String firstOut;
  private static int firstCode;

  @BeforeAll
  static void buildLakeAndTrain() throws IOException {
    SparkSession spark = SparkSessionExtension.session();
    data = TestLakes.tempDir("planted-drivers-data");
    options =
        new GeneratorOptions(
            2500, 15, 11, GeneratorOptions.START_DEFAULT, OutputFormat.JSONL, data.toString());
    Generator.run(spark, options);
    truth = new ObjectMapper().readTree(data.resolve("truth.json").toFile());
    lakeDir = TestLakes.tempDir("planted-drivers-lake");
    lake = Lake.at(spark, lakeDir.toString());
    writeLake(spark);
    StringWriter out = new StringWriter();
    firstCode = train(out);
    firstOut = out.toString();
  }

  private static int train(StringWriter out) {
    return EffortLensCommand.execute(
        new PrintWriter(out),
        new PrintWriter(out),
        "--lake",
        lakeDir.toString(),
        "--set",
        "train.bootstrap-rounds=5",
        "--set",
        "train.stability-windows=1",
        // the planted delight driver counts actions in 90 days; there is no 30-day column here
        "--set",
        "delight.treatment-window-days=90",
        "train",
        "--truth",
        data.resolve("truth.json").toString());
  }

  private static Map<String, String> families() {
    Map<String, String> out = new LinkedHashMap<>();
    truth
        .at("/driver_contributions/drivers")
        .forEach(d -> out.put(d.get("name").asText(), d.get("family").asText()));
    return out;
  }

  private static void writeLake(SparkSession spark) {
    Map<String, String> families = families();
    Dataset<Row> months =
        PlantedMonths.of(spark, options)
            .withColumn("as_of", to_date(col("month_start")))
            .where(col("as_of").geq(lit("2024-04-01").cast("date")));
    List<Column> features = new ArrayList<>(List.of(col("as_of"), col("customer_id")));
    families.keySet().forEach(name -> features.add(col(name)));
    months
        .select(features.toArray(Column[]::new))
        .write()
        .format("delta")
        .partitionBy("as_of")
        .save(lake.path(Table.CUSTOMER_FEATURES));
    Dataset<Row> m = months.select("customer_id", "as_of", "defected");
    Dataset<Row> labels =
        m.as("k")
            .join(
                m.as("f"),
                col("k.customer_id")
                    .equalTo(col("f.customer_id"))
                    .and(col("f.as_of").geq(col("k.as_of")))
                    .and(col("f.as_of").lt(date_add(col("k.as_of"), 90))))
            .groupBy(col("k.as_of").as("as_of"), col("k.customer_id").as("customer_id"))
            .agg(max(col("f.defected")).as("is_defected"))
            .select(
                col("as_of"),
                col("customer_id"),
                lit("cancel").as("policy"),
                lit(90).as("horizon_days"),
                to_timestamp(date_add(col("as_of"), 90)).as("horizon_end_at"),
                col("is_defected"),
                lit(null).cast("timestamp").as("defected_at"),
                when(col("is_defected"), false)
                    .otherwise(date_add(col("as_of"), 90).gt(lit(DATA_END).cast("date")))
                    .as("is_censored"),
                lit("truth").as("label_version"));
    labels.write().format("delta").partitionBy("as_of").save(lake.path(Table.DEFECTION_LABELS));
    List<Row> catalog = new ArrayList<>();
    families.forEach(
        (name, family) ->
            catalog.add(
                RowFactory.create(
                    name,
                    family,
                    "profile".equals(family) ? null : 90,
                    "planted driver " + name,
                    "double",
                    "truth")));
    spark
        .createDataFrame(catalog, FeatureCatalogSchema.SCHEMA)
        .write()
        .format("delta")
        .save(lake.path(Table.FEATURE_CATALOG));
  }

  @Test
  void trainsAndPublishesTheFirstModel() {
    assertEquals(ExitCodes.OK, firstCode, firstOut);
    Row current = current();
    assertEquals(ModelRegistrySchema.FIRST, current.getAs(ModelRegistrySchema.STATUS));
    assertTrue(firstOut.contains("disloyalty pie"), firstOut);
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
    List<String> planted = new ArrayList<>();
    truth.at("/driver_contributions/effort_driver_order").forEach(n -> planted.add(n.asText()));
    Map<String, Double> expected = new LinkedHashMap<>();
    Map<String, Double> ours = new LinkedHashMap<>();
    Map<String, Double> avoided = avoided("feature");
    for (int i = 0; i < planted.size(); i++) {
      expected.put(planted.get(i), (double) planted.size() - i);
      ours.put(planted.get(i), avoided.get(planted.get(i)));
    }
    double rho = DriverEffects.spearman(expected, ours);
    assertTrue(rho >= 0.8, "Spearman " + rho + ", planted " + planted + ", ours " + ours);
  }

  @Test
  void effortShareIsWithinTenPointsAndDelightShareIsSmall() {
    double effort = share("effort");
    double planted = plantedShare("effort");
    assertTrue(Math.abs(effort - planted) <= 0.10, "effort " + effort + " vs planted " + planted);
    assertTrue(Math.abs(share("delight")) <= 0.05, "delight " + share("delight"));
  }

  @Test
  void rerunGivesTheSameVersionMetricsAndChosenModel() {
    Row before = current();
    List<Row> metricsBefore = metrics(before.getAs(ModelRegistrySchema.MODEL_VERSION));
    StringWriter out = new StringWriter();
    assertEquals(ExitCodes.OK, train(out), out.toString());
    Row after = current();
    assertEquals(
        (String) before.getAs(ModelRegistrySchema.MODEL_VERSION),
        after.getAs(ModelRegistrySchema.MODEL_VERSION));
    assertEquals(
        (String) before.getAs(ModelRegistrySchema.CHOSEN_MODEL),
        after.getAs(ModelRegistrySchema.CHOSEN_MODEL));
    assertEquals(1, lake.read(Table.MODEL_REGISTRY, "train").count(), "rerun replaced its row");
    assertEquals(metricsBefore, metrics(after.getAs(ModelRegistrySchema.MODEL_VERSION)));
  }

  private static List<Row> metrics(String version) {
    return lake.read(Table.MODEL_METRICS, "train")
        .where(col("model_version").equalTo(version))
        .select("model", "metric", "bin", "value")
        .orderBy("model", "metric", "bin")
        .collectAsList();
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

  private static Map<String, Double> avoided(String level) {
    Map<String, Double> out = new LinkedHashMap<>();
    lake.read(Table.DRIVER_EFFECTS, "train")
        .where(col("level").equalTo(level).and(col("defections_avoided").isNotNull()))
        .collectAsList()
        .forEach(r -> out.put(r.getAs("driver"), r.getAs("defections_avoided")));
    return out;
  }

  private static double share(String family) {
    return lake.read(Table.DRIVER_EFFECTS, "train")
        .where(col("level").equalTo("family").and(col("driver").equalTo(family)))
        .first()
        .getAs("share");
  }

  private static double plantedShare(String family) {
    for (JsonNode f : truth.at("/driver_contributions/families")) {
      if (f.get("family").asText().equals(family)) {
        return f.get("share").asDouble();
      }
    }
    throw new IllegalStateException("no planted family " + family);
  }
}
