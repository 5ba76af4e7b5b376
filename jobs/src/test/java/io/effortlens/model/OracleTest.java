package io.effortlens.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.effortlens.testing.SparkSessionExtension;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The oracle probability is 1 - prod(1 - p) over the true monthly hazards in the horizon, and its
 * value does not depend on the order or partitioning the months arrive in. The as-of oracle holds
 * the hazard known at as_of over the horizon.
 */
@ExtendWith(SparkSessionExtension.class)
class OracleTest {
  @Test
  void oracleProbabilityIsOneMinusTheSurvivalOverTheHorizonInAnyOrder(SparkSession spark) {
    Dataset<Row> test =
        spark.sql("SELECT DATE'2024-03-01' AS as_of, 'c1' AS customer_id, 1.0 AS label");
    Dataset<Row> months =
        spark.sql(
            "SELECT 'c1' AS customer_id, month_start, p_defect FROM VALUES"
                + " ('2024-02-01', 0.5), ('2024-03-01', 0.1), ('2024-04-01', 0.2),"
                + " ('2024-05-01', 0.3), ('2024-06-01', 0.9) AS t(month_start, p_defect)");
    Dataset<Row> shuffled = months.orderBy(org.apache.spark.sql.functions.rand(9)).repartition(3);

    double expected = 1 - (1 - 0.1) * (1 - 0.2) * (1 - 0.3);
    List<Row> a = Oracle.withOracleProbability(test, months, 90).collectAsList();
    List<Row> b = Oracle.withOracleProbability(test, shuffled, 90).collectAsList();
    double p = a.get(0).getAs(Oracle.ORACLE_PROBABILITY);
    assertEquals(expected, p, 1e-12, "March, April, May are in the 90 days from March 1");
    assertEquals(a, b, "bit-identical whatever the order of the months");
    double asOf = a.get(0).getAs(Oracle.ORACLE_AS_OF_PROBABILITY);
    assertEquals(
        1 - Math.pow(1 - 0.1, 3),
        asOf,
        1e-12,
        "known at March 1: March's hazard (from drivers before it) held for the 3 months");
  }

  @Test
  void theAsOfOracleUsesTheMonthStartingLastBeforeAMidMonthAsOf(SparkSession spark) {
    Dataset<Row> test =
        spark.sql("SELECT DATE'2024-03-15' AS as_of, 'c1' AS customer_id, 0.0 AS label");
    Dataset<Row> months =
        spark.sql(
            "SELECT 'c1' AS customer_id, month_start, p_defect FROM VALUES"
                + " ('2024-02-01', 0.5), ('2024-03-01', 0.1), ('2024-04-01', 0.2)"
                + " AS t(month_start, p_defect)");

    Row r = Oracle.withOracleProbability(test, months, 30).first();

    assertEquals(0.2, (double) r.getAs(Oracle.ORACLE_PROBABILITY), 1e-12, "April 1 is in horizon");
    assertEquals(
        0.1,
        (double) r.getAs(Oracle.ORACLE_AS_OF_PROBABILITY),
        1e-12,
        "March's hazard, not April's: April's depends on effort after March 15");
  }
}
