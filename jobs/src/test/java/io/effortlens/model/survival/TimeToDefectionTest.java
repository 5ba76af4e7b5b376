package io.effortlens.model.survival;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.effortlens.testing.SparkSessionExtension;
import io.effortlens.testing.TestLakes;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.regression.AFTSurvivalRegressionModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The survival model on snapshots whose ordering is known: the higher the effort level (0, 1, 2),
 * the more customers defect within the 90-day horizon (10%, 40%, 80%) and the sooner they do.
 */
@ExtendWith(SparkSessionExtension.class)
class TimeToDefectionTest {
  static Dataset<Row> known(SparkSession spark) {
    Column level = pmod(col("id"), lit(3));
    Column i = col("id").divide(3).cast("long");
    Column share = pmod(i, lit(10));
    Column defected =
        when(level.equalTo(2), share.lt(8))
            .when(level.equalTo(1), share.lt(4))
            .otherwise(share.lt(1));
    Column days =
        when(level.equalTo(2), pmod(i, lit(60)).plus(5))
            .when(level.equalTo(1), pmod(i, lit(60)).plus(20))
            .otherwise(pmod(i, lit(50)).plus(40));
    return spark
        .range(3000)
        .select(
            col("id").cast("string").as("customer_id"),
            expr("DATE'2024-06-01'").as("as_of"),
            defected.as("is_defected"),
            days.as("_days"),
            lit(90).as("horizon_days"),
            level.cast("int").as("effort_level"))
        .withColumn(
            "defected_at",
            expr(
                "CASE WHEN is_defected THEN CAST(date_add(as_of, CAST(_days AS INT)) AS TIMESTAMP) END"))
        .drop("_days");
  }

  @Test
  void expectsFewerMonthsForMoreEffortAndOrdersCustomersWell(SparkSession spark) {
    Dataset<Row> rows = known(spark);
    TimeToDefectionModel model = TimeToDefection.fit(rows, List.of("effort_level"));

    List<Row> byLevel =
        model
            .transform(rows)
            .groupBy("effort_level")
            .agg(avg(TimeToDefection.EXPECTED_MONTHS))
            .orderBy("effort_level")
            .collectAsList();
    double low = byLevel.get(0).getDouble(1);
    double mid = byLevel.get(1).getDouble(1);
    double high = byLevel.get(2).getDouble(1);
    assertTrue(low > mid && mid > high, byLevel.toString());
    assertTrue(high > 0.5 && high < 4, "80% defect within 3 months: " + high);
    assertTrue(model.concordance(rows) > 0.7, "concordance " + model.concordance(rows));
  }

  @Test
  void addsOnlyTheExpectedMonthsAndSurvivesSaveAndLoad(SparkSession spark) {
    Dataset<Row> rows = known(spark);
    TimeToDefectionModel model = TimeToDefection.fit(rows, List.of("effort_level"));
    String dir = TestLakes.tempDir("survival").resolve("model").toString();

    model.save(dir);
    TimeToDefectionModel loaded = TimeToDefectionModel.load(dir);

    Dataset<Row> scored = loaded.transform(rows);
    assertEquals(rows.columns().length + 1, scored.columns().length);
    assertEquals(
        0L,
        model
            .transform(rows)
            .join(
                scored.withColumnRenamed(TimeToDefection.EXPECTED_MONTHS, "_loaded"), "customer_id")
            .filter(col(TimeToDefection.EXPECTED_MONTHS).notEqual(col("_loaded")))
            .count());
  }

  @Test
  void fittingOnStoredVectorsGivesTheModelOfTheWholePipeline(SparkSession spark) {
    Dataset<Row> rows = known(spark).repartition(1).cache();
    List<String> features = List.of("effort_level");
    Dataset<Row> timed = SurvivalRows.withTimeAndEvent(rows);
    PipelineModel whole =
        new Pipeline()
            .setStages(
                new PipelineStage[] {
                  TimeToDefection.imputed(features),
                  new VectorAssembler()
                      .setInputCols(new String[] {TimeToDefection.input("effort_level")})
                      .setOutputCol(TimeToDefection.FEATURES),
                  TimeToDefection.regression()
                })
            .fit(timed);
    AFTSurvivalRegressionModel expected = (AFTSurvivalRegressionModel) whole.stages()[2];
    PipelineModel aft = (PipelineModel) TimeToDefection.fit(rows, features).pipeline().stages()[0];
    AFTSurvivalRegressionModel actual = (AFTSurvivalRegressionModel) aft.stages()[2];
    assertArrayEquals(expected.coefficients().toArray(), actual.coefficients().toArray(), 0.0);
    assertEquals(expected.intercept(), actual.intercept(), 0.0);
    assertEquals(expected.scale(), actual.scale(), 0.0);
  }
}
