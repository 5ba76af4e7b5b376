package io.effortlens.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.effortlens.testing.SparkSessionExtension;
import java.sql.Date;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Counterfactual rows: one driver at its reference, nested windows kept consistent. */
@ExtendWith(SparkSessionExtension.class)
class CounterfactualsTest {
  private static final List<Driver> DRIVERS =
      List.of(
          new Driver("repeat_contacts_30d", "effort", "", 0.0),
          new Driver("repeat_contacts_90d", "effort", "", 0.0),
          new Driver("repeat_contacts_180d", "effort", "", 0.0),
          new Driver("transfers_90d", "effort", "", 0.0),
          new Driver("days_since_high_effort_journey", "effort", "", null));

  private static Dataset<Row> oneCustomer(SparkSession spark) {
    StructType schema =
        new StructType()
            .add("as_of", DataTypes.DateType)
            .add("customer_id", DataTypes.StringType)
            .add("repeat_contacts_30d", DataTypes.LongType)
            .add("repeat_contacts_90d", DataTypes.LongType)
            .add("repeat_contacts_180d", DataTypes.LongType)
            .add("transfers_90d", DataTypes.LongType)
            .add("days_since_high_effort_journey", DataTypes.IntegerType);
    return spark.createDataFrame(
        List.of(RowFactory.create(Date.valueOf("2025-01-01"), "c1", 1L, 3L, 5L, 2L, 12)), schema);
  }

  private static Row scenario(Dataset<Row> rows, String name) {
    return rows.where(rows.col(Counterfactuals.SCENARIO).equalTo(name)).first();
  }

  @Test
  void zeroingNinetyDaysEmptiesThirtyAndSubtractsFromOneEighty(SparkSession spark) {
    Dataset<Row> rows = Counterfactuals.explode(oneCustomer(spark), DRIVERS).cache();
    assertEquals(5, rows.count(), "observed + one scenario per driver with a reference");
    Row r = scenario(rows, "repeat_contacts_90d");
    assertEquals(0.0, r.<Double>getAs("repeat_contacts_30d"));
    assertEquals(0.0, r.<Double>getAs("repeat_contacts_90d"));
    assertEquals(2.0, r.<Double>getAs("repeat_contacts_180d"));
    assertEquals(2.0, r.<Double>getAs("transfers_90d"), "other drivers as observed");
    assertEquals(12.0, r.<Double>getAs("days_since_high_effort_journey"));
  }

  /**
   * With in-support references a long window may have one above 0 (everyone active in 180 days):
   * set alone, it changes no other window; zeroing a shorter window still subtracts from it.
   */
  @Test
  void aWindowWhoseReferenceIsNotZeroIsSetAloneYetShorterZerosStillNestInIt(SparkSession spark) {
    List<Driver> drivers =
        List.of(
            new Driver("repeat_contacts_30d", "effort", "", 0.0),
            new Driver("repeat_contacts_90d", "effort", "", 0.0),
            new Driver("repeat_contacts_180d", "effort", "", 2.0));
    Dataset<Row> rows = Counterfactuals.explode(oneCustomer(spark), drivers).cache();
    Row longest = scenario(rows, "repeat_contacts_180d");
    assertEquals(2.0, longest.<Double>getAs("repeat_contacts_180d"));
    assertEquals(1.0, longest.<Double>getAs("repeat_contacts_30d"), "shorter windows as observed");
    assertEquals(3.0, longest.<Double>getAs("repeat_contacts_90d"));
    Row shortest = scenario(rows, "repeat_contacts_30d");
    assertEquals(2.0, shortest.<Double>getAs("repeat_contacts_90d"), "3 - 1");
    assertEquals(4.0, shortest.<Double>getAs("repeat_contacts_180d"), "5 - 1");
  }

  @Test
  void observedScenarioKeepsEveryValueAndDriversWithoutReferenceGetNoScenario(SparkSession spark) {
    Dataset<Row> rows = Counterfactuals.explode(oneCustomer(spark), DRIVERS).cache();
    Row r = scenario(rows, Counterfactuals.OBSERVED);
    assertEquals(3.0, r.<Double>getAs("repeat_contacts_90d"));
    assertEquals(
        0,
        rows.where(rows.col(Counterfactuals.SCENARIO).equalTo("days_since_high_effort_journey"))
            .count());
    assertNull(DriverReferences.of("csat_mean_90d", "experience"));
  }
}
