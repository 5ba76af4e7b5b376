package io.effortlens.model;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.effortlens.testing.SparkSessionExtension;
import java.sql.Date;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The counterfactual copies scored on prepared vectors ({@link ScenarioVectors}) against the method
 * they replace: the raw copies of {@link Counterfactuals#explode} through the whole calibrated
 * pipeline. Every copy's vector (values and sparse or dense form), classifier probability and
 * calibrated probability must be equal, exactly, for both model kinds; the fixture has nulls and a
 * NaN in changed drivers (imputed), nested windows, a contained count whose counterpart window is
 * no driver, a reference other than 0, a driver without a reference and a one-hot category.
 */
@ExtendWith(SparkSessionExtension.class)
class ScenarioVectorsTest {
  private static final List<Driver> DRIVERS =
      List.of(
          new Driver("repeat_contacts_30d", "effort", "", 0.0),
          new Driver("repeat_contacts_90d", "effort", "", 0.0),
          new Driver("assisted_contacts_90d", "effort", "", 0.0),
          new Driver("assisted_contacts_180d", "effort", "", 0.0),
          new Driver("touchpoints_90d", "engagement", "", 0.0),
          new Driver("monthly_charge", "price", "", 44.0),
          new Driver("tenure_days", "profile", "", null));

  @Test
  void theLogisticScoresEveryCopyAsItsWholePipeline(SparkSession spark) {
    ModelPipelines.Spec spec = ModelPipelines.logistic(DRIVERS, List.of("plan"));
    assertSameCopies(calibrated(spark, spec));
  }

  @Test
  void theGbtScoresEveryCopyAsItsWholePipeline(SparkSession spark) {
    ModelPipelines.Spec spec = ModelPipelines.gbt(DRIVERS, List.of("plan"), 7);
    ((GBTClassifier) spec.classifier()).setMaxIter(8);
    assertSameCopies(calibrated(spark, spec));
  }

  @Test
  void attributionSumsEqualThoseOfTheWholePipeline(SparkSession spark) {
    ModelPipelines.Spec spec = ModelPipelines.logistic(DRIVERS, List.of("plan"));
    Case c = calibrated(spark, spec);
    assertTrue(ScenarioVectors.applies(c.model(), c.test(), DRIVERS), "the product's path");
    Map<String, double[]> avoided = Attribution.avoided(c.model(), c.test(), DRIVERS, 3, 5);
    Dataset<Row> whole = c.model().transform(Counterfactuals.explode(c.test(), DRIVERS));
    Column p = col(ModelPipelines.DEFECTION_PROBABILITY);
    Map<String, double[]> sums = new HashMap<>();
    for (Row r :
        whole
            .groupBy(Counterfactuals.SCENARIO)
            .agg(
                sum(p),
                sum(p.multiply(PoissonWeights.of(5, 0))),
                sum(p.multiply(PoissonWeights.of(5, 1))),
                sum(p.multiply(PoissonWeights.of(5, 2))))
            .collectAsList()) {
      sums.put(
          r.getString(0),
          new double[] {r.getDouble(1), r.getDouble(2), r.getDouble(3), r.getDouble(4)});
    }
    double[] observed = sums.get(Counterfactuals.OBSERVED);
    assertEquals(sums.keySet(), avoided.keySet());
    for (Map.Entry<String, double[]> e : avoided.entrySet()) {
      double[] expected = new double[4];
      for (int i = 0; i < 4; i++) {
        expected[i] =
            e.getKey().equals(Counterfactuals.OBSERVED)
                ? observed[i]
                : observed[i] - sums.get(e.getKey())[i];
      }
      assertArrayEquals(expected, e.getValue(), 1e-12, e.getKey());
    }
    assertTrue(avoided.get("repeat_contacts_90d")[0] != 0.0, "a driver changes the defections");
  }

  @Test
  void aModelWithoutAnImputedAssemblyIsLeftToItsWholePipeline(SparkSession spark) {
    Dataset<Row> test = rows(spark, 5, 3, "2024-07-01");
    PipelineModel formula =
        new Pipeline()
            .setStages(
                new PipelineStage[] {
                  new SQLTransformer()
                      .setStatement(
                          "SELECT *, 0.1 * repeat_contacts_90d AS defection_probability FROM"
                              + " __THIS__")
                })
            .fit(test);
    assertFalse(ScenarioVectors.applies(formula, test, DRIVERS));
  }

  private static void assertSameCopies(Case c) {
    assertTrue(ScenarioVectors.applies(c.model(), c.test(), DRIVERS), "the product's path");
    Map<String, Row> whole = byKey(c.model().transform(Counterfactuals.explode(c.test(), DRIVERS)));
    Map<String, Row> vectors = byKey(ScenarioVectors.scored(c.model(), c.test(), DRIVERS));
    assertEquals(whole.keySet(), vectors.keySet());
    int changed = 0;
    for (Map.Entry<String, Row> e : whole.entrySet()) {
      Row w = e.getValue();
      Row v = vectors.get(e.getKey());
      Vector expected = w.getAs(ModelPipelines.FEATURES);
      Vector actual = v.getAs(ModelPipelines.FEATURES);
      assertEquals(expected, actual, e.getKey());
      assertEquals(expected.getClass(), actual.getClass(), "sparse or dense: " + e.getKey());
      assertEquals(
          (Vector) w.getAs(ModelPipelines.PROBABILITY),
          v.getAs(ModelPipelines.PROBABILITY),
          e.getKey());
      double p = w.getAs(ModelPipelines.DEFECTION_PROBABILITY);
      assertEquals(p, (double) v.getAs(ModelPipelines.DEFECTION_PROBABILITY), 0.0, e.getKey());
      Row observed =
          whole.get(Counterfactuals.OBSERVED + e.getKey().substring(e.getKey().indexOf('|')));
      changed += observed.getAs(ModelPipelines.FEATURES).equals(expected) ? 0 : 1;
    }
    assertEquals(whole.size(), c.test().count() * Counterfactuals.scenarios(DRIVERS).size());
    assertTrue(changed > whole.size() / 3, "most copies differ from the observed rows: " + changed);
  }

  private static Map<String, Row> byKey(Dataset<Row> scored) {
    Map<String, Row> out = new HashMap<>();
    for (Row r :
        scored
            .select(
                Counterfactuals.SCENARIO,
                TrainingSet.CUSTOMER_ID,
                ModelPipelines.FEATURES,
                ModelPipelines.PROBABILITY,
                ModelPipelines.DEFECTION_PROBABILITY)
            .collectAsList()) {
      out.put(r.getString(0) + "|" + r.getString(1), r);
    }
    return out;
  }

  private record Case(PipelineModel model, Dataset<Row> test) {}

  private static Case calibrated(SparkSession spark, ModelPipelines.Spec spec) {
    Dataset<Row> fit = Fitted.weighted(rows(spark, 400, 1, "2024-01-01")).cache();
    PipelineModel model =
        ModelPipelines.calibrate(
            ModelPipelines.refit(spec, fit, spec.grid()[spec.grid().length - 1]),
            rows(spark, 300, 2, "2024-04-01"));
    return new Case(model, rows(spark, 50, 3, "2024-07-01").repartition(3).cache());
  }

  /** One snapshot of planted rows: repeats and the charge raise the defection odds. */
  private static Dataset<Row> rows(SparkSession spark, int n, int seed, String asOf) {
    StructType schema =
        new StructType()
            .add("as_of", DataTypes.DateType)
            .add("customer_id", DataTypes.StringType)
            .add("label", DataTypes.DoubleType)
            .add("repeat_contacts_30d", DataTypes.LongType)
            .add("repeat_contacts_90d", DataTypes.LongType)
            .add("repeat_contacts_180d", DataTypes.LongType)
            .add("assisted_contacts_90d", DataTypes.LongType)
            .add("assisted_contacts_180d", DataTypes.LongType)
            .add("touchpoints_90d", DataTypes.LongType)
            .add("monthly_charge", DataTypes.DoubleType)
            .add("tenure_days", DataTypes.IntegerType)
            .add("plan", DataTypes.StringType);
    Random random = new Random(seed);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long r30 = random.nextInt(3) == 0 ? random.nextInt(3) : 0;
      long r90 = r30 + random.nextInt(3);
      long r180 = r90 + random.nextInt(2);
      long a90 = r90 + random.nextInt(4);
      long a180 = Math.max(a90, r180) + random.nextInt(3);
      double charge = 40 + random.nextInt(80);
      double p = 1 / (1 + Math.exp(2.5 - 0.5 * r90 - 0.02 * (charge - 80)));
      rows.add(
          RowFactory.create(
              Date.valueOf(asOf),
              "c" + seed + "_" + i,
              random.nextDouble() < p ? 1.0 : 0.0,
              r30,
              i % 9 == 4 ? null : r90,
              r180,
              a90,
              i % 11 == 6 ? null : a180,
              a90 + random.nextInt(5),
              i % 13 == 7
                  ? Double.valueOf(Double.NaN)
                  : i % 17 == 3 ? null : Double.valueOf(charge),
              i % 7 == 0 ? null : 30 + random.nextInt(900),
              i % 3 == 0 ? "basic" : i % 3 == 1 ? "plus" : "pro"));
    }
    return spark.createDataFrame(rows, schema);
  }
}
