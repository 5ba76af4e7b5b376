package io.effortlens.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.effortlens.generate.SimulatedTables.Table;
import io.effortlens.testing.SparkSessionExtension;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Proves the default rates reproduce the research: among customers with a service journey in a
 * year, 56% re-explained, 57% switched channel, 59% were transferred and 62% made a repeat contact,
 * each within 5 percentage points, measured by a Spark aggregation on the canonical journey rows.
 */
@ExtendWith(SparkSessionExtension.class)
class CalibrationSharesTest {
  private static final double TOLERANCE = 0.05;

  @Test
  void defaultRatesHitTheResearchSharesForTwoSeeds(SparkSession spark) {
    for (long seed : new long[] {42L, 2024L}) {
      Row shares = measure(spark, seed);
      assertTrue(shares.getLong(0) > 1500, "customer-years " + shares.getLong(0));
      for (int i = 0; i < CalibrationShares.FLAGS.length; i++) {
        double share = shares.getAs(CalibrationShares.FLAGS[i]);
        double target = CalibrationShares.TARGETS[i];
        assertTrue(
            Math.abs(share - target) <= TOLERANCE,
            CalibrationShares.FLAGS[i]
                + " = "
                + share
                + " (target "
                + target
                + ", seed "
                + seed
                + ")");
      }
    }
  }

  @Test
  void customerYearCountsOnlyJourneysWithAnAssistedContact(SparkSession spark) {
    List<Row> journeys =
        List.of(
            journey("C1", 2024, 2, 0, 1, 0),
            journey("C1", 2024, 1, 1, 0, 0),
            journey("C2", 2024, 1, 0, 0, 1),
            journey("C3", 2024, 0, 0, 0, 1));
    Row shares =
        CalibrationShares.toShares(
                CalibrationShares.toCustomerYears(
                    spark.createDataFrame(journeys, JourneyRows.SCHEMA)))
            .first();

    assertEquals(2L, shares.getLong(0));
    assertEquals(0.5, (double) shares.getAs(CalibrationShares.HAS_RE_EXPLAINED));
    assertEquals(0.5, (double) shares.getAs(CalibrationShares.HAS_SWITCHED_CHANNEL));
    assertEquals(0.5, (double) shares.getAs(CalibrationShares.HAS_BEEN_TRANSFERRED));
    assertEquals(0.5, (double) shares.getAs(CalibrationShares.HAS_REPEAT_CONTACT));
  }

  private static Row measure(SparkSession spark, long seed) {
    GeneratorOptions options =
        new GeneratorOptions(
            3000, 12, seed, GeneratorOptions.START_DEFAULT, OutputFormat.JSONL, "unused");
    return CalibrationShares.toShares(
            CalibrationShares.toCustomerYears(
                SimulatedTables.toTable(spark, options, Table.JOURNEYS)))
        .first();
  }

  private static Row journey(
      String customer, int year, int assisted, int transfers, int repeatedInfo, int switches) {
    return RowFactory.create(
        customer,
        customer + assisted,
        "billing",
        0L,
        year,
        assisted,
        transfers,
        repeatedInfo,
        switches,
        false,
        true,
        false);
  }
}
