package io.effortlens.model.causal;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.effortlens.EffortLensException;
import io.effortlens.lake.Lake;
import io.effortlens.lake.Table;
import io.effortlens.testing.SparkSessionExtension;
import io.effortlens.testing.TestLakes;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * AIPW and IPW on a hand-built population whose effect is known analytically: severity x (half the
 * customers severe) raises both the chance of delight (20% vs 80%) and of defection (10%/50%
 * without delight), and delight lowers defection by exactly 5 points in both strata, so ATT = ATE =
 * -0.05 while the naive difference is 0.37 - 0.18 = +0.19.
 */
@ExtendWith(SparkSessionExtension.class)
class DelightEffectsTest {
  private static final DelightSettings SETTINGS =
      new DelightSettings(30, List.of(), 1, Estimand.ATT, 0.01, 0.99, 50, 7, 0.0);

  /** 2,000 snapshots: per stratum of 1,000, the first treated ones, then controls. */
  static Dataset<Row> confounded(SparkSession spark) {
    Column severe = col("id").geq(1000);
    Column i = pmod(col("id"), lit(1000));
    Column treated = when(severe, i.lt(800)).otherwise(i.lt(200));
    Column defected =
        when(severe, when(treated, i.lt(360)).otherwise(i.geq(800).and(i.lt(900))))
            .otherwise(when(treated, i.lt(10)).otherwise(i.geq(200).and(i.lt(280))));
    return spark
        .range(2000)
        .select(
            concat(lit("c"), col("id").cast("string")).as("customer_id"),
            defected.as("is_defected"),
            lit(90).as("horizon_days"),
            when(treated, 1L).otherwise(0L).as("delight_actions_30d"),
            when(severe, 1L).otherwise(0L).as("high_effort_journeys_30d"));
  }

  @Test
  void aipwAndIpwRecoverTheKnownEffectWhereTheNaiveDifferenceHasTheWrongSign(SparkSession spark) {
    Row any = estimate(spark, SETTINGS);

    assertEquals("any", any.getAs(DelightEffectSchema.ACTION));
    assertEquals(-0.05, any.<Double>getAs(DelightEffectSchema.EFFECT), 0.002);
    assertEquals(-0.05, any.<Double>getAs(DelightEffectSchema.IPW_EFFECT), 0.002);
    assertEquals(0.19, any.<Double>getAs(DelightEffectSchema.NAIVE_EFFECT), 1e-9);
    assertTrue(any.<Double>getAs(DelightEffectSchema.EFFECT_LOW) < -0.05);
    assertTrue(any.<Double>getAs(DelightEffectSchema.EFFECT_HIGH) > -0.05);
    assertTrue(any.<Double>getAs(DelightEffectSchema.NAIVE_LOW) > 0.1, "naive interval excludes 0");
    assertEquals(1000L, any.<Long>getAs(DelightEffectSchema.TREATED));
    assertEquals(1000L, any.<Long>getAs(DelightEffectSchema.CONTROLS));
    // cross-fitted: each fold's propensities come from the other four folds' 20% / 80% strata
    assertEquals(0.2, any.<Double>getAs(DelightEffectSchema.PROPENSITY_P05), 0.01);
    assertEquals(0.8, any.<Double>getAs(DelightEffectSchema.PROPENSITY_P95), 0.01);
    assertEquals(0.0, any.<Double>getAs(DelightEffectSchema.TRIMMED_SHARE));
    assertEquals(90, any.<Integer>getAs(DelightEffectSchema.HORIZON_DAYS));
  }

  @Test
  void theAverageEffectOverEveryoneIsAlsoRecovered(SparkSession spark) {
    Row any =
        estimate(
            spark, new DelightSettings(30, List.of(), 1, Estimand.ATE, 0.01, 0.99, 20, 7, 0.0));

    assertEquals(-0.05, any.<Double>getAs(DelightEffectSchema.EFFECT), 0.002);
    assertEquals(-0.05, any.<Double>getAs(DelightEffectSchema.IPW_EFFECT), 0.002);
  }

  @Test
  void snapshotsOutsideTheOverlapAreTrimmedAndCounted(SparkSession spark) {
    Row any =
        estimate(
            spark, new DelightSettings(30, List.of(), 1, Estimand.ATE, 0.25, 0.99, 20, 7, 0.0));

    // the mild stratum (propensity 0.2) falls below 0.25: half the snapshots leave the estimate
    // (a lower bound applies to the ATE only: for the ATT such controls weigh next to nothing)
    assertEquals(0.5, any.<Double>getAs(DelightEffectSchema.TRIMMED_SHARE), 1e-9);
    assertEquals(800L, any.<Long>getAs(DelightEffectSchema.TREATED));
    assertEquals(-0.05, any.<Double>getAs(DelightEffectSchema.EFFECT), 0.002);
  }

  @Test
  void rewritingAModelVersionReplacesItsRowsOnly(SparkSession spark) {
    Lake lake = TestLakes.newRun(spark).lake();

    DelightEffects.write(lake, effects(spark, "v1", 0.01), "v1");
    DelightEffects.write(lake, effects(spark, "v2", 0.02), "v2");
    DelightEffects.write(lake, effects(spark, "v1", 0.03), "v1");

    Dataset<Row> table = lake.read(Table.DELIGHT_EFFECTS, "train");
    assertEquals(DelightEffectSchema.SCHEMA, table.schema());
    assertEquals(2L, table.count());
    assertEquals(
        List.of(0.03),
        table
            .filter(col("model_version").equalTo("v1"))
            .select("effect")
            .as(Encoders.DOUBLE())
            .collectAsList());
  }

  @Test
  void aTableWrittenBeforeTheFindingColumnsGainsThemAndKeepsItsRows(SparkSession spark) {
    Lake lake = TestLakes.newRun(spark).lake();
    String path = lake.path(Table.DELIGHT_EFFECTS);
    withoutFindingColumns(spark, "v0").write().format("delta").save(path);

    DelightEffects.write(lake, effects(spark, "v1", 0.02), "v1");

    Dataset<Row> table = lake.read(Table.DELIGHT_EFFECTS, "train");
    assertEquals(DelightEffectSchema.SCHEMA, table.schema());
    Row old = table.filter(col("model_version").equalTo("v0")).first();
    assertTrue(old.isNullAt(old.fieldIndex(DelightEffectSchema.IS_FINDING)), "old row: null");
    Row written = table.filter(col("model_version").equalTo("v1")).first();
    assertEquals(false, written.getAs(DelightEffectSchema.IS_FINDING));
    assertEquals("holm", written.getAs(DelightEffectSchema.ADJUSTMENT));
  }

  @Test
  void oneActionAloneIsAFamilyOfOneAndItsPValueComesFromTheBootstrapError(SparkSession spark) {
    Row any = estimate(spark, SETTINGS);

    double effect = any.getAs(DelightEffectSchema.EFFECT);
    double se = any.getAs(DelightEffectSchema.EFFECT_SE);
    double p = any.getAs(DelightEffectSchema.P_VALUE);
    assertEquals(1, any.<Integer>getAs(DelightEffectSchema.FAMILY_SIZE));
    assertEquals(p, any.<Double>getAs(DelightEffectSchema.P_ADJUSTED));
    assertEquals(Findings.pValue(effect, se), p, 1e-15);
    // 2,000 customers do not tell -5 points from 0 at 5% (p about 0.1): no distinct effect
    assertTrue(se > 0.02 && p > 0.05, "se " + se + " p " + p);
    assertEquals(false, any.getAs(DelightEffectSchema.IS_FINDING));
  }

  @Test
  void aMissingTreatmentColumnNamesItAndTheFix(SparkSession spark) {
    Dataset<Row> rows = confounded(spark).drop("delight_actions_30d");

    EffortLensException e =
        assertThrows(
            EffortLensException.class,
            () -> DelightEffects.estimate(rows, features(), SETTINGS, "v1"));

    assertTrue(e.getMessage().startsWith("Cannot estimate delight effects"), e.getMessage());
    assertTrue(e.getMessage().contains("delight_actions_30d"), e.getMessage());
  }

  private static Dataset<Row> effects(SparkSession spark, String version, double effect) {
    Row row =
        RowFactory.create(
            version,
            "any",
            90,
            "aipw",
            10L,
            90L,
            effect,
            effect - 0.01,
            effect + 0.01,
            effect,
            0.1,
            0.05,
            0.15,
            0.0,
            0.1,
            0.2,
            0.4,
            20,
            0.005,
            0.05,
            0.05,
            "holm",
            1,
            false);
    return spark.createDataFrame(List.of(row), DelightEffectSchema.SCHEMA);
  }

  /** The same row as written before the finding columns existed (the first 18 columns). */
  private static Dataset<Row> withoutFindingColumns(SparkSession spark, String version) {
    Dataset<Row> row = effects(spark, version, 0.01);
    return row.select(
        java.util.Arrays.stream(DelightEffectSchema.SCHEMA.fieldNames())
            .limit(18)
            .map(org.apache.spark.sql.functions::col)
            .toArray(Column[]::new));
  }

  private static List<String> features() {
    return List.of("high_effort_journeys_30d");
  }

  private static Row estimate(SparkSession spark, DelightSettings settings) {
    List<Row> rows =
        DelightEffects.estimate(confounded(spark), features(), settings, "v1").collectAsList();
    assertEquals(1, rows.size());
    return rows.get(0);
  }
}
