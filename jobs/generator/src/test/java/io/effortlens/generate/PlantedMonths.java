package io.effortlens.generate;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * For model tests: the simulated customer-months with the planted driver values at each month start
 * (the truth table before it is projected to customer_id, month_start, p_defect, defected).
 */
public final class PlantedMonths {
  private PlantedMonths() {}

  /** One row per at-risk customer-month; driver columns named as in truth.json. */
  public static Dataset<Row> of(SparkSession spark, GeneratorOptions options) {
    return SimulatedTables.toTable(spark, options, SimulatedTables.Table.MONTHS);
  }
}
