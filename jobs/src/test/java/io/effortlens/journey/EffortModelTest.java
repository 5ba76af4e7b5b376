package io.effortlens.journey;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.effortlens.testing.SparkSessionExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.ml.regression.LinearRegressionModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The effort_score model: fit on a planted relation, fallback, weights, persistence rows. */
@ExtendWith(SparkSessionExtension.class)
class EffortModelTest {
  private static final StructType JOURNEYS =
      new StructType()
          .add("id", DataTypes.IntegerType)
          .add(JourneySchema.TOUCHPOINTS, DataTypes.LongType)
          .add(JourneySchema.REPEAT_CONTACTS, DataTypes.LongType)
          .add(JourneySchema.CHANNEL_SWITCHES, DataTypes.LongType)
          .add(JourneySchema.SELF_SERVICE_FAILURES, DataTypes.LongType)
          .add(JourneySchema.SELF_SERVICE_TO_ASSISTED, DataTypes.LongType)
          .add(JourneySchema.TRANSFERS, DataTypes.LongType)
          .add(JourneySchema.RE_EXPLANATIONS, DataTypes.LongType)
          .add(JourneySchema.WAIT_SECONDS, DataTypes.DoubleType)
          .add(JourneySchema.IS_RESOLVED, DataTypes.BooleanType)
          .add(JourneySchema.DURATION_HOURS, DataTypes.DoubleType)
          .add(JourneySchema.LAST_CES, DataTypes.IntegerType);

  /**
   * Planted: effort = 1 + repeat_contacts + transfers + unresolved, CES = 8 - effort. Easy journeys
   * answer more often (every one) than hard ones (two in three), so answers are biased; the
   * weighted fit still recovers the relation for answered and unanswered journeys alike.
   */
  @Test
  void recoversAPlantedRelationFromBiasedCesAnswers(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      int repeats = i % 4;
      int transfers = (i / 4) % 3;
      boolean resolved = (i / 12) % 2 == 0;
      int effort = 1 + repeats + transfers + (resolved ? 0 : 1);
      boolean answers = effort <= 3 || i % 3 != 0;
      rows.add(journey(i, repeats, transfers, resolved, (i * 7) % 5, answers ? 8 - effort : null));
    }
    Dataset<Row> journeys = spark.createDataFrame(rows, JOURNEYS);
    EffortModel model = EffortModelTrainer.fit(journeys, 30);
    assertEquals(EffortModel.FITTED, model.method());
    assertEquals(rows.stream().filter(r -> !r.isNullAt(11)).count(), model.answers());
    assertEquals(120, model.journeys());
    assertTrue(model.propensityCoefficients().size() == EffortTerms.NAMES.size());
    List<Row> scored =
        EffortScores.withEffortScore(journeys, model).orderBy(col("id")).collectAsList();
    for (Row row : scored) {
      int i = row.getInt(0);
      double planted = 1 + i % 4 + (i / 4) % 3 + ((i / 12) % 2 == 0 ? 0 : 1);
      double score = row.getAs(JourneySchema.EFFORT_SCORE);
      assertEquals(planted, score, 0.15, "journey " + i);
    }
  }

  /**
   * The trainer solves exactly the objectives of MLlib's estimators the model was first fitted
   * with: LogisticRegression (L2 0.01 on standardized coefficients) for the propensity and the
   * normal-equation LinearRegression (L2 0.01, standardized) for effort, here run by MLlib to
   * convergence on the same terms; coefficients agree to the 6 decimals they are rounded to.
   */
  @Test
  void solvesTheObjectivesOfMllibsLogisticAndNormalEquationFits(SparkSession spark) {
    Dataset<Row> journeys = spark.createDataFrame(varied(), JOURNEYS);
    EffortModel ours = EffortModelTrainer.fit(journeys, 30);
    Dataset<Row> terms = withTerms(journeys);
    LogisticRegressionModel propensity =
        new LogisticRegression()
            .setLabelCol("_answered")
            .setRegParam(0.01)
            .setMaxIter(1000)
            .setTol(1e-12)
            .fit(terms);
    assertClose(propensity.intercept(), ours.propensityIntercept(), "propensity intercept");
    double[] p = propensity.coefficients().toArray();
    for (int i = 0; i < p.length; i++) {
      assertClose(p[i], ours.propensityCoefficients().get(i), "propensity " + i);
    }
    Column p1 =
        org.apache.spark.ml.functions.vector_to_array(col("probability"), "float64").getItem(1);
    Dataset<Row> answered =
        propensity
            .transform(terms)
            .filter(col("_answered").equalTo(1.0))
            .withColumn(
                "_weight",
                functions.least(lit(1.0).divide(functions.greatest(p1, lit(0.05))), lit(20.0)))
            .drop("prediction", "rawPrediction", "probability");
    LinearRegressionModel effort =
        new LinearRegression()
            .setSolver("normal")
            .setLabelCol("_target")
            .setWeightCol("_weight")
            .setRegParam(0.01)
            .fit(answered);
    assertClose(effort.intercept(), ours.intercept(), "effort intercept");
    double[] e = effort.coefficients().toArray();
    for (int i = 0; i < e.length; i++) {
      assertClose(e[i], ours.coefficients().get(i), "effort " + i);
    }
  }

  /** Models fitted per group in one pass equal each group fitted alone. */
  @Test
  void fitsEveryGroupAsIfItWereAlone(SparkSession spark) {
    Dataset<Row> all = spark.createDataFrame(varied(), JOURNEYS);
    Dataset<Row> first = all.filter(col("id").lt(150));
    Dataset<Row> grouped =
        first
            .withColumn("_g", lit("a"))
            .unionByName(all.withColumn("_g", lit("b")))
            .unionByName(all.filter(col("id").lt(5)).withColumn("_g", lit("c")));
    Map<Object, EffortModel> models = EffortModelTrainer.fitEach(grouped, "_g", 30);
    assertEquals(EffortModelTrainer.fit(first, 30), models.get("a"));
    assertEquals(EffortModelTrainer.fit(all, 30), models.get("b"));
    assertEquals(EffortModel.COMPOSITE, models.get("c").method());
    assertEquals(EffortModel.FITTED, models.get("a").method());
  }

  private static void assertClose(double mllib, double ours, String what) {
    assertEquals(mllib, ours, 2e-6, what);
  }

  /** 240 journeys whose answers depend on the terms (so the propensity has something to fit). */
  private static List<Row> varied() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 240; i++) {
      int repeats = i % 4;
      int transfers = (i / 4) % 3;
      boolean resolved = (i / 12) % 3 != 0;
      int wait = (i * 7) % 11;
      double noise = ((i * 37) % 7 - 3) / 3.0;
      long ces = Math.max(1, Math.min(7, Math.round(7 - repeats - transfers * 0.7 + noise)));
      boolean answers = (i * 13) % 5 < (repeats < 2 ? 3 : 1) + (resolved ? 1 : 0);
      rows.add(journey(i, repeats, transfers, resolved, wait, answers ? (int) ces : null));
    }
    return rows;
  }

  /** The ten terms as an MLlib vector, the answer flag and the effort target. */
  private static Dataset<Row> withTerms(Dataset<Row> journeys) {
    List<Column> terms = EffortTerms.columns();
    Dataset<Row> out = journeys;
    String[] names = new String[terms.size()];
    for (int i = 0; i < terms.size(); i++) {
      names[i] = "_t" + i;
      out = out.withColumn(names[i], terms.get(i));
    }
    Column ces = col(JourneySchema.LAST_CES);
    out =
        out.withColumn("_answered", ces.isNotNull().cast("double"))
            .withColumn("_target", lit(8.0).minus(ces.cast("double")));
    return new VectorAssembler().setInputCols(names).setOutputCol("features").transform(out);
  }

  @Test
  void fallsBackToTheDocumentedCompositeWithTooFewAnswers(SparkSession spark) {
    Dataset<Row> journeys =
        spark.createDataFrame(
            List.of(
                journey(1, 0, 0, true, 0, 7),
                journey(2, 2, 1, false, 0, 2),
                journey(3, 20, 10, false, 0, null)),
            JOURNEYS);
    EffortModel model = EffortModelTrainer.fit(journeys, 30);
    assertEquals(EffortModel.COMPOSITE, model.method());
    assertEquals(2, model.answers());
    List<Row> scored =
        EffortScores.withEffortScore(journeys, model).orderBy(col("id")).collectAsList();
    // touchpoints 1 and no wait or duration: 1 (effortless)
    assertEquals(1.0, (double) scored.get(0).getAs(JourneySchema.EFFORT_SCORE), 1e-9);
    // 1 + 2 x 0.6 repeats + 1 x 0.4 transfer + 1.5 unresolved
    assertEquals(4.1, (double) scored.get(1).getAs(JourneySchema.EFFORT_SCORE), 1e-9);
    // clipped to the scale
    assertEquals(7.0, (double) scored.get(2).getAs(JourneySchema.EFFORT_SCORE), 1e-9);
  }

  @Test
  void weightsAnswersByInverseResponsePropensityClippedAtTwenty(SparkSession spark) {
    List<Double> zeros = new ArrayList<>(java.util.Collections.nCopies(10, 0.0));
    List<Double> perRepeat = new ArrayList<>(zeros);
    perRepeat.set(1, -10.0); // each repeat contact makes an answer e^10 times less likely
    EffortModel propensity = new EffortModel("fitted", 2, 2, 0, zeros, 0.0, perRepeat);
    List<Row> weights =
        EffortModelTrainer.withResponseWeight(
                spark.createDataFrame(
                    List.of(journey(1, 0, 0, true, 0, 7), journey(2, 3, 0, true, 0, 4)), JOURNEYS),
                propensity)
            .orderBy(col("id"))
            .select("_weight")
            .collectAsList();
    assertEquals(2.0, weights.get(0).getDouble(0), 1e-9); // p = 0.5
    assertEquals(20.0, weights.get(1).getDouble(0), 1e-9); // p ~ 0 floored at 0.05
  }

  @Test
  void describesItselfAsRowsOfTheEffortModelsTable(SparkSession spark) {
    EffortModel model = EffortModel.composite(3, 9);
    List<Row> rows = model.toRows(EffortModelSchema.SCOPE_JOURNEYS, null);
    assertEquals(1 + EffortTerms.NAMES.size(), rows.size());
    Dataset<Row> table = spark.createDataFrame(rows, EffortModelSchema.SCHEMA);
    assertEquals(
        1.5,
        table.filter(col(EffortModelSchema.TERM).equalTo("is_unresolved")).first().getDouble(4),
        1e-9);
  }

  private static Row journey(
      int id, int repeats, int transfers, boolean resolved, int waitMinutes, Integer ces) {
    return RowFactory.create(
        id,
        (long) repeats + 1,
        (long) repeats,
        0L,
        0L,
        0L,
        (long) transfers,
        0L,
        waitMinutes * 60.0,
        resolved,
        0.0,
        ces);
  }
}
