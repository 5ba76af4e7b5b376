package io.effortlens.scoring;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.effortlens.ExitCodes;
import io.effortlens.cli.EffortLensCommand;
import io.effortlens.config.ConfigLoader;
import io.effortlens.config.PseudonymKey;
import io.effortlens.features.FeatureCatalogSchema;
import io.effortlens.ingest.Pseudonyms;
import io.effortlens.lake.Lake;
import io.effortlens.lake.RunContext;
import io.effortlens.lake.Table;
import io.effortlens.model.DriverEffectsSchema;
import io.effortlens.model.ModelRegistrySchema;
import io.effortlens.testing.SparkSessionExtension;
import io.effortlens.testing.TestLakes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code score} on a lake with a published model: one row per customer of the snapshot with the
 * model's probability, its band and reasons; a rerun replaces the as-of partition (identical rows,
 * no duplicates); customer keys are pseudonyms, and raw ids need --allow-raw-ids.
 */
@ExtendWith(SparkSessionExtension.class)
class ScoreJobTest {
  private static final LocalDate AS_OF = LocalDate.of(2024, 6, 1);
  private static final String VERSION = "vtest";

  @Test
  void scoresEverySnapshotCustomerOnceAndARerunReplacesThePartition(SparkSession spark) {
    Lake lake = publishedLake(spark);
    assertEquals(
        ExitCodes.OK,
        cli(lake, "score", "--as-of", AS_OF.toString(), "--allow-raw-ids"),
        lastError);
    List<Row> first = risk(lake);
    assertEquals(60, first.size(), "every customer of the 2024-06-01 snapshot, and only those");
    assertEquals(ExitCodes.OK, cli(lake, "score", "--as-of", AS_OF.toString(), "--allow-raw-ids"));
    assertEquals(first, risk(lake), "rerun: identical rows, reasons included");
    assertEquals(
        60, lake.read(Table.CUSTOMER_RISK, "score").select("customer_key").distinct().count());
    Row top = first.get(first.size() - 1);
    assertEquals("very_high", top.getAs("risk_band"));
    List<Row> reasons = top.getList(top.fieldIndex("reasons"));
    assertEquals("repeat_contacts_90d", reasons.get(0).getAs("driver"));
    assertTrue(((String) reasons.get(0).getAs("sentence")).startsWith("9 repeat contacts"));
    Row calmest = first.get(0);
    assertEquals("low", calmest.getAs("risk_band"));
    assertEquals(VERSION, calmest.getAs("model_version"));
  }

  @Test
  void refusesRawIdsWithoutTheFlagAndPseudonymizesWithAKey(SparkSession spark) {
    Lake lake = publishedLake(spark);
    assertEquals(ExitCodes.USAGE, cli(lake, "score", "--as-of", AS_OF.toString()));
    assertTrue(lastError.contains("--allow-raw-ids"), lastError);
    assertTrue(!lake.exists(Table.CUSTOMER_RISK), "nothing published");
    PseudonymKey key =
        ConfigLoader.load(
                TestLakes.repo().resolve("conf/effortlens.yaml"),
                true,
                List.of(),
                Map.of(ConfigLoader.PSEUDONYM_KEY_ENV, "a-test-secret-of-32-characters!!"))
            .pseudonymKey()
            .orElseThrow();
    RunContext ctx = TestLakes.run(lake, "run-key");
    ScoreJob.run(ctx, AS_OF, Registry.current(lake), c -> Pseudonyms.hmacSha256(c, key));
    List<String> keys =
        lake.read(Table.CUSTOMER_RISK, "score")
            .select("customer_key")
            .as(org.apache.spark.sql.Encoders.STRING())
            .collectAsList();
    assertTrue(keys.contains(Pseudonyms.hmacSha256("c7", key)));
    keys.forEach(k -> assertTrue(k.matches("[0-9a-f]{64}"), "64 hex characters: " + k));
    assertTrue(keys.stream().noneMatch(k -> k.matches("c\\d+")), "no raw id published");
  }

  @Test
  void failsWithTheFixWhenNoModelIsPublished(SparkSession spark) {
    Lake lake = Lake.at(spark, TestLakes.tempDir("lake").toString());
    writeFeatures(spark, lake);
    StringWriter err = new StringWriter();
    int code =
        EffortLensCommand.execute(
            new PrintWriter(new StringWriter()),
            new PrintWriter(err),
            "--lake",
            lake.root(),
            "--conf",
            TestLakes.repo().resolve("conf/effortlens.yaml").toString(),
            "score",
            "--as-of",
            AS_OF.toString(),
            "--allow-raw-ids");
    assertEquals(ExitCodes.INPUT_NOT_FOUND, code);
    assertTrue(err.toString().contains("run 'effortlens train' first"), err.toString());
  }

  private static List<Row> risk(Lake lake) {
    return lake.read(Table.CUSTOMER_RISK, "score")
        .orderBy(col("probability"), col("customer_key"))
        .collectAsList();
  }

  /** A lake with two snapshots of features, a toy published model and its driver effects. */
  private static Lake publishedLake(SparkSession spark) {
    Lake lake = Lake.at(spark, TestLakes.tempDir("lake").toString());
    Dataset<Row> features = writeFeatures(spark, lake);
    Random random = new Random(3);
    List<Row> training = new ArrayList<>();
    for (Row r : features.collectAsList()) {
      long repeats = r.getLong(2);
      double p = 1 / (1 + Math.exp(-(-3 + 0.8 * repeats)));
      training.add(RowFactory.create(repeats, r.getDouble(3), random.nextDouble() < p ? 1.0 : 0.0));
    }
    StructType schema =
        DataTypes.createStructType(
            List.of(
                DataTypes.createStructField("repeat_contacts_90d", DataTypes.LongType, false),
                DataTypes.createStructField("tenure_days", DataTypes.DoubleType, false),
                DataTypes.createStructField("label", DataTypes.DoubleType, false)));
    PipelineModel model =
        new Pipeline()
            .setStages(
                new PipelineStage[] {
                  new VectorAssembler()
                      .setInputCols(new String[] {"repeat_contacts_90d", "tenure_days"})
                      .setOutputCol("features"),
                  new LogisticRegression().setMaxIter(30)
                })
            .fit(spark.createDataFrame(training, schema));
    String path = lake.path("models/" + VERSION);
    try {
      model.write().overwrite().save(path);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Map<String, Object> registry = new HashMap<>();
    registry.put(ModelRegistrySchema.MODEL_VERSION, VERSION);
    registry.put(ModelRegistrySchema.TRAINED_AT, Timestamp.valueOf("2024-06-01 00:00:00"));
    registry.put(ModelRegistrySchema.STATUS, "first");
    registry.put(ModelRegistrySchema.IS_CURRENT, true);
    registry.put(ModelRegistrySchema.MODEL_PATH, path);
    registry.put(
        ModelRegistrySchema.FEATURES,
        scala.collection.JavaConverters.asScalaBuffer(List.of("repeat_contacts_90d", "tenure_days"))
            .toSeq());
    append(spark, lake, Table.MODEL_REGISTRY, List.of(registry));
    Map<String, Object> driver = new HashMap<>();
    driver.put(DriverEffectsSchema.MODEL_VERSION, VERSION);
    driver.put(DriverEffectsSchema.LEVEL, DriverEffectsSchema.FEATURE_LEVEL);
    driver.put(DriverEffectsSchema.DRIVER, "repeat_contacts_90d");
    driver.put(DriverEffectsSchema.FAMILY, "effort");
    driver.put(DriverEffectsSchema.COUNTERFACTUAL_VALUE, 0.0);
    driver.put(DriverEffectsSchema.SHARE, 0.4);
    driver.put(DriverEffectsSchema.LOW_SUPPORT, false);
    append(spark, lake, Table.DRIVER_EFFECTS, List.of(driver));
    return lake;
  }

  /** 60 customers as of 2024-06-01 (repeat contacts 0..9) and 5 of another snapshot. */
  private static Dataset<Row> writeFeatures(SparkSession spark, Lake lake) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      rows.add(RowFactory.create(Date.valueOf(AS_OF), "c" + i, (long) (i % 10), 30.0 * i));
    }
    for (int i = 0; i < 5; i++) {
      rows.add(RowFactory.create(Date.valueOf("2024-05-01"), "c" + i, 1L, 10.0));
    }
    StructType schema =
        DataTypes.createStructType(
            List.of(
                DataTypes.createStructField("as_of", DataTypes.DateType, false),
                DataTypes.createStructField("customer_id", DataTypes.StringType, false),
                DataTypes.createStructField("repeat_contacts_90d", DataTypes.LongType, false),
                DataTypes.createStructField("tenure_days", DataTypes.DoubleType, false)));
    Dataset<Row> features = spark.createDataFrame(rows, schema);
    features.write().format("delta").partitionBy("as_of").save(lake.path(Table.CUSTOMER_FEATURES));
    List<Map<String, Object>> catalog = new ArrayList<>();
    catalog.add(catalogRow("repeat_contacts_90d", "effort", 90, "bigint"));
    catalog.add(catalogRow("tenure_days", "profile", null, "double"));
    append(spark, lake, Table.FEATURE_CATALOG, catalog);
    return features.filter(col("as_of").equalTo(Date.valueOf(AS_OF)));
  }

  private static Map<String, Object> catalogRow(
      String name, String family, Integer days, String type) {
    Map<String, Object> row = new HashMap<>();
    row.put(FeatureCatalogSchema.NAME, name);
    row.put(FeatureCatalogSchema.FAMILY, family);
    row.put(FeatureCatalogSchema.WINDOW_DAYS, days);
    row.put(FeatureCatalogSchema.DESCRIPTION, name + " description.");
    row.put(FeatureCatalogSchema.DATA_TYPE, type);
    return row;
  }

  /** Appends rows given by column name (others null) in the table's declared schema. */
  private static void append(
      SparkSession spark, Lake lake, Table table, List<Map<String, Object>> values) {
    StructType schema = table.schema();
    List<Row> rows = new ArrayList<>();
    for (Map<String, Object> v : values) {
      Object[] cells = new Object[schema.size()];
      StructField[] fields = schema.fields();
      for (int i = 0; i < fields.length; i++) {
        cells[i] = v.get(fields[i].name());
      }
      rows.add(RowFactory.create(cells));
    }
    lake.append(table, spark.createDataFrame(rows, schema));
  }

  private static int cli(Lake lake, String... args) {
    List<String> all =
        new ArrayList<>(
            List.of(
                "--lake",
                lake.root(),
                "--conf",
                TestLakes.repo().resolve("conf/effortlens.yaml").toString()));
    all.addAll(List.of(args));
    StringWriter err = new StringWriter();
    int code =
        EffortLensCommand.execute(
            new PrintWriter(new StringWriter()), new PrintWriter(err), all.toArray(String[]::new));
    lastError = err.toString();
    return code;
  }

  private static String lastError = "";
}
