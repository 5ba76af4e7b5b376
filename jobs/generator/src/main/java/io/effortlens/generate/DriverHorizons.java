package io.effortlens.generate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The planted value of {@code driver_effects}' defections avoided, per snapshot: for a customer at
 * risk at a month start T whose horizon (T, T + {@value DelightEffects#SNAPSHOT_HORIZON_DAYS} days]
 * ends within the simulation, the expected defections in the horizon as simulated and, per planted
 * driver, that minus the same with the driver at its reference in the hazard of every month of the
 * horizon ({@link HorizonHazards}, exact in expectation). Grain in: one customer's history; out:
 * one row per such snapshot (as_of, expected_defections, avoided_&lt;driver&gt;). {@link #toAsOfs}
 * sums them per T: one shuffle, at most one row per simulated month.
 */
final class DriverHorizons implements Serializable {
  static final String AS_OF = "as_of";
  static final String CUSTOMERS_AT_RISK = "customers_at_risk";
  static final String EXPECTED_DEFECTIONS = "expected_defections";
  static final String AVOIDED_PREFIX = "avoided_";
  static final StructType SCHEMA = schema();
  private static final long serialVersionUID = 1L;

  private final double[] references;
  private final long endMs;

  /**
   * @param references each driver's reference by ordinal (see {@link DefectionTruth#references})
   * @param endMs the exclusive end of the simulation
   */
  DriverHorizons(double[] references, long endMs) {
    this.references = references.clone();
    this.endMs = endMs;
  }

  private static StructType schema() {
    List<StructField> fields = new ArrayList<>();
    fields.add(createStructField(AS_OF, StringType, false));
    fields.add(createStructField(EXPECTED_DEFECTIONS, DoubleType, false));
    for (Driver driver : Driver.values()) {
      fields.add(createStructField(avoided(driver), DoubleType, false));
    }
    return createStructType(fields);
  }

  static String avoided(Driver driver) {
    return AVOIDED_PREFIX + driver.column();
  }

  /** One row per snapshot of the customer whose horizon ends within the simulation. */
  List<Row> rows(CustomerHistory history) {
    List<Row> rows = new ArrayList<>();
    List<Touches.Month> months = history.months;
    for (int s = 0; s < months.size(); s++) {
      Touches.Month month = months.get(s);
      if (HorizonHazards.horizonEndMs(month.monthStartMs()) <= endMs) {
        Object[] values = new Object[SCHEMA.size()];
        values[0] = month.monthStart().toString();
        values[1] = HorizonHazards.expectedDefections(months, s);
        for (Driver driver : Driver.values()) {
          values[2 + driver.ordinal()] = avoided(months, s, driver);
        }
        rows.add(RowFactory.create(values));
      }
    }
    return rows;
  }

  /**
   * Expected defections in the horizon of {@code months[s]} as simulated minus with {@code driver}
   * at its reference in each month's hazard: the log-odds {@code coefficient * (value - reference)}
   * removed.
   */
  double avoided(List<Touches.Month> months, int s, Driver driver) {
    double reference = references[driver.ordinal()];
    return HorizonHazards.expectedChange(
        months, s, month -> driver.coefficient() * (month.values()[driver.ordinal()] - reference));
  }

  /**
   * Per T, ordered: customers at risk, expected defections and each driver's defections avoided,
   * summed as exact nano-units ({@link DefectionTruth#fromNanos} converts back).
   */
  static Dataset<Row> toAsOfs(Dataset<Row> snapshots) {
    List<Column> sums = new ArrayList<>();
    sums.add(DefectionTruth.sumNanos(col(EXPECTED_DEFECTIONS)).as(EXPECTED_DEFECTIONS));
    for (Driver driver : Driver.values()) {
      sums.add(DefectionTruth.sumNanos(col(avoided(driver))).as(avoided(driver)));
    }
    return snapshots
        .groupBy(col(AS_OF))
        .agg(count(lit(1)).as(CUSTOMERS_AT_RISK), sums.toArray(Column[]::new))
        .orderBy(col(AS_OF));
  }
}
