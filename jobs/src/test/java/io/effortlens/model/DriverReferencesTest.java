package io.effortlens.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.effortlens.testing.SparkSessionExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * In-support references: 0 where the fit rows have 0 within their range (counts, flags), the 5th
 * percentile (an observed value) where 0 lies outside it (a monthly charge, a tenure nobody has at
 * 0), and none for a recency.
 */
@ExtendWith(SparkSessionExtension.class)
class DriverReferencesTest {
  private static final List<Driver> CANDIDATES =
      List.of(
          new Driver("repeat_contacts_90d", "effort", "", 0.0),
          new Driver("is_premium", "profile", "", 0.0),
          new Driver("monthly_charge", "profile", "", 0.0),
          new Driver("balance_change", "profile", "", 0.0),
          new Driver("days_since_last_login", "engagement", "", null));

  @Test
  void zeroInsideTheDataStaysZeroAndAChargeGetsItsFifthPercentile(SparkSession spark) {
    StructType schema =
        new StructType()
            .add("repeat_contacts_90d", DataTypes.LongType)
            .add("is_premium", DataTypes.BooleanType)
            .add("monthly_charge", DataTypes.DoubleType)
            .add("balance_change", DataTypes.DoubleType)
            .add("days_since_last_login", DataTypes.IntegerType);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      // charge 40, 40.8, ..., 119.2; balance change -50..49 (0 inside, never exactly 0 is fine)
      rows.add(RowFactory.create((long) (i % 4), i % 3 == 0, 40 + 0.8 * i, i - 49.5, 3 + i));
    }
    Map<String, Driver> out =
        DriverReferences.inSupport(spark.createDataFrame(rows, schema), CANDIDATES).stream()
            .collect(Collectors.toMap(Driver::name, Function.identity()));
    assertEquals(0.0, out.get("repeat_contacts_90d").reference());
    assertEquals(0.0, out.get("is_premium").reference());
    assertEquals(0.0, out.get("balance_change").reference(), "0 lies between -49.5 and 49.5");
    double charge = out.get("monthly_charge").reference();
    assertEquals(43.2, charge, 1e-9, "the 5th percentile, a charge customers pay");
    assertTrue(charge >= 40, "never below the observed minimum");
    assertNull(out.get("days_since_last_login").reference(), "a recency has no reference");
  }

  /**
   * A charge of 40..120 with no planted effect, which the model picked up a small slope for (0.005
   * per unit, as a fit on noise does): set to 0, a charge nobody pays, it moved every customer by
   * 80 units and ranked first in the pie; set to its 5th percentile it ranks below both planted
   * effort drivers.
   */
  @Test
  void aChargeWithoutEffectLeavesTheTopOfThePieOnceItsReferenceIsInTheData(SparkSession spark) {
    StructType schema =
        new StructType()
            .add("as_of", DataTypes.DateType)
            .add("customer_id", DataTypes.StringType)
            .add("repeat_contacts_90d", DataTypes.DoubleType)
            .add("transfers_90d", DataTypes.DoubleType)
            .add("monthly_charge", DataTypes.DoubleType);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      rows.add(
          RowFactory.create(
              java.sql.Date.valueOf("2025-01-01"),
              "c" + i,
              (double) ((i % 4) * (i % 2)),
              i % 3 == 0 ? 1.0 : 0.0,
              40 + 0.4 * i));
    }
    org.apache.spark.sql.Dataset<Row> test = spark.createDataFrame(rows, schema).cache();
    org.apache.spark.ml.PipelineModel model =
        new org.apache.spark.ml.Pipeline()
            .setStages(
                new org.apache.spark.ml.PipelineStage[] {
                  new org.apache.spark.ml.feature.SQLTransformer()
                      .setStatement(
                          "SELECT *, 1 / (1 + exp(-(-2 + 0.3 * repeat_contacts_90d + 0.8 *"
                              + " transfers_90d + 0.005 * monthly_charge))) AS "
                              + ModelPipelines.DEFECTION_PROBABILITY
                              + " FROM __THIS__")
                })
            .fit(test);
    List<Driver> zero =
        List.of(
            new Driver("monthly_charge", "profile", "", 0.0),
            new Driver("repeat_contacts_90d", "effort", "", 0.0),
            new Driver("transfers_90d", "effort", "", 0.0));
    assertEquals(1, rank(model, test, zero), "at 0 the charge tops the pie");
    List<Driver> inSupport = DriverReferences.inSupport(test, zero);
    assertEquals(3, rank(model, test, inSupport), "in the data it ranks last");
  }

  private static int rank(
      org.apache.spark.ml.PipelineModel model,
      org.apache.spark.sql.Dataset<Row> test,
      List<Driver> drivers) {
    DriverEffects.Inputs in =
        new DriverEffects.Inputs(
            drivers,
            null,
            List.of(),
            Map.of(),
            Attribution.avoided(model, test, drivers, 0, 3),
            Attribution.support(test, drivers),
            null,
            1);
    return DriverEffects.ranks(in).get("monthly_charge");
  }

  @Test
  void zeroIsInsideWhenBetweenMinAndMaxInclusive() {
    assertEquals(0.0, DriverReferences.valueIn(0, 5, 0));
    assertEquals(0.0, DriverReferences.valueIn(-3, 0, -2));
    assertEquals(44.0, DriverReferences.valueIn(40, 120, 44));
    assertEquals(-10.0, DriverReferences.valueIn(-50, -5, -10), "all negative: in support too");
  }

  @Test
  void everyDriverWithoutAReferenceSaysWhy() {
    assertTrue(DriverReferences.whyNone("days_since_last_login", "engagement").contains("recency"));
    assertTrue(DriverReferences.whyNone("effort_trend_90d", "effort").contains("trend"));
    assertTrue(DriverReferences.whyNone("csat_mean_90d", "experience").contains("outcome"));
    assertTrue(DriverReferences.whyNone("effort_score_high", "effort").contains("effort score"));
  }
}
