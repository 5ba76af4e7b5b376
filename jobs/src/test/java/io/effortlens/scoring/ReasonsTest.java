package io.effortlens.scoring;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.effortlens.testing.SparkSessionExtension;
import io.effortlens.testing.TestLakes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.functions;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Per-customer reasons are exact counterfactuals of the model: each contribution equals the
 * probability drop when that one driver is set to its reference, reasons are the largest positive
 * ones in order, sentences carry the customer's own numbers, and the next best action removes
 * effort before offering delight.
 */
@ExtendWith(SparkSessionExtension.class)
class ReasonsTest {
  private static final StructType SCHEMA =
      DataTypes.createStructType(
          List.of(
              DataTypes.createStructField("customer_id", DataTypes.StringType, false),
              DataTypes.createStructField("repeat_contacts_90d", DataTypes.LongType, false),
              DataTypes.createStructField("wait_seconds_90d", DataTypes.DoubleType, false),
              DataTypes.createStructField("refund_actions_90d", DataTypes.LongType, false),
              DataTypes.createStructField("tenure_days", DataTypes.DoubleType, false)));
  private static final Function<Dataset<Row>, Column> P1 =
      d -> functions.vector_to_array(col("probability"), "float64").getItem(1);
  private static final List<Candidate> CANDIDATES =
      List.of(
          new Candidate("repeat_contacts_90d", "effort", 0, "Repeat contacts", 90, true),
          new Candidate("wait_seconds_90d", "effort", 0, "Seconds waited", 90, false),
          new Candidate("refund_actions_90d", "delight", 0, "Refunds", 90, true));

  private static PipelineModel model;
  private static ReasonCatalog catalog;

  @BeforeAll
  static void fit(SparkSession spark) {
    Random random = new Random(5);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      long repeats = random.nextInt(5);
      double wait = random.nextDouble() * 600;
      long refunds = random.nextInt(3);
      double tenure = random.nextDouble() * 1000;
      double logit = -3 + 0.9 * repeats + 0.004 * wait + 0.5 * refunds - 0.001 * tenure;
      double label = random.nextDouble() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
      rows.add(RowFactory.create("c" + i, repeats, wait, refunds, tenure, label));
    }
    StructType withLabel = SCHEMA.add("label", DataTypes.DoubleType);
    Dataset<Row> training = spark.createDataFrame(rows, withLabel);
    VectorAssembler assembler =
        new VectorAssembler()
            .setInputCols(
                new String[] {
                  "repeat_contacts_90d", "wait_seconds_90d", "refund_actions_90d", "tenure_days"
                })
            .setOutputCol("features");
    model =
        new Pipeline()
            .setStages(new PipelineStage[] {assembler, new LogisticRegression().setMaxIter(50)})
            .fit(training);
    catalog = ReasonCatalog.load(TestLakes.repo().resolve("conf"));
  }

  private static Dataset<Row> customers(SparkSession spark) {
    return spark.createDataFrame(
        List.of(
            RowFactory.create("heavy", 4L, 500.0, 2L, 100.0),
            RowFactory.create("calm", 0L, 0.0, 0L, 900.0),
            RowFactory.create("refunded", 0L, 0.0, 2L, 500.0)),
        SCHEMA);
  }

  @Test
  void contributionsAreTheProbabilityDropOfEachCounterfactual(SparkSession spark) {
    Dataset<Row> customers = customers(spark);
    Map<String, Row> explained = explain(customers);
    Row heavy = explained.get("heavy");
    double observed = probability(customers, "heavy", null, 0);
    assertEquals(observed, heavy.getDouble(1), 1e-12);
    List<Row> reasons = heavy.getList(2);
    assertEquals(3, reasons.size());
    double previous = Double.MAX_VALUE;
    for (Row reason : reasons) {
      String driver = reason.getAs("driver");
      double expected = observed - probability(customers, "heavy", driver, 0);
      assertEquals(expected, reason.<Double>getAs("contribution"), 1e-12, driver);
      assertTrue(reason.<Double>getAs("contribution") <= previous, "ordered by contribution");
      previous = reason.getAs("contribution");
    }
    assertEquals("repeat_contacts_90d", reasons.get(0).getAs("driver"));
    assertEquals(1, (int) reasons.get(0).<Integer>getAs("rank"));
    assertEquals(
        "4 repeat contacts about the same issue in the last 90 days",
        reasons.get(0).getAs("sentence"));
    assertEquals(
        "Proactive callback by a senior agent who owns the case to closure",
        heavy.getAs("next_best_action"));
  }

  @Test
  void driversAlreadyAtTheirReferenceAreNoReason(SparkSession spark) {
    Map<String, Row> explained = explain(customers(spark));
    assertTrue(explained.get("calm").getList(2).isEmpty(), "nothing to remove, no reason");
    assertNull(explained.get("calm").getAs("next_best_action"));
    List<Row> refunded = explained.get("refunded").getList(2);
    assertEquals(1, refunded.size());
    assertEquals("delight", refunded.get(0).getAs("family"));
    assertEquals("Refunds: 2", refunded.get(0).getAs("sentence"), "catalogue fallback sentence");
  }

  @Test
  void nextBestActionRemovesEffortBeforeDelightEvenWhenDelightWeighsMore(SparkSession spark) {
    Dataset<Row> one =
        spark.createDataFrame(List.of(RowFactory.create("mixed", 1L, 0.0, 4L, 500.0)), SCHEMA);
    Row mixed = explain(one).get("mixed");
    List<Row> reasons = mixed.getList(2);
    assertEquals("refund_actions_90d", reasons.get(0).getAs("driver"), "delight adds most");
    assertEquals(
        "Proactive callback by a senior agent who owns the case to closure",
        mixed.getAs("next_best_action"),
        "but the effort reason's step comes first");
  }

  @Test
  void withoutCandidatesTheReasonsKeepTheirDeclaredTypeSoDeltaCanStoreThem(SparkSession spark) {
    // a model whose drivers all lack support has no candidates; the lookups were then typed
    // null, and Delta refused the column (DELTA_COMPLEX_TYPE_COLUMN_CONTAINS_NULL_TYPE)
    Dataset<Row> explained =
        Reasons.explain(customers(spark), "customer_id", model, P1, List.of(), catalog, 3);

    assertEquals(
        org.apache.spark.sql.types.DataTypes.createArrayType(CustomerRiskSchema.REASON),
        explained.schema().apply(CustomerRiskSchema.REASONS).dataType());
    assertEquals(
        org.apache.spark.sql.types.DataTypes.StringType,
        explained.schema().apply(CustomerRiskSchema.NEXT_BEST_ACTION).dataType());
    assertTrue(explained.collectAsList().stream().allMatch(r -> r.getList(2).isEmpty()));
  }

  private static Map<String, Row> explain(Dataset<Row> customers) {
    return Reasons.explain(customers, "customer_id", model, P1, CANDIDATES, catalog, 3)
        .collectAsList()
        .stream()
        .collect(Collectors.toMap(r -> r.getString(0), r -> r));
  }

  /** The model's probability for one customer, with one driver replaced (null: as observed). */
  private static double probability(
      Dataset<Row> customers, String id, String driver, double value) {
    Dataset<Row> one = customers.filter(col("customer_id").equalTo(id));
    if (driver != null) {
      one = one.withColumn(driver, lit(value).cast(one.schema().apply(driver).dataType()));
    }
    Dataset<Row> scored = model.transform(one);
    return scored.select(P1.apply(scored)).first().getDouble(0);
  }
}
