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
 * horizon ({@link HorizonHazards}, exact in expectation); per family, the same with all its planted
 * drivers at their references at once ({@link #jointAvoided}, avoided_family_&lt;family&gt;) and
 * with all its in-pie drivers at once (avoided_in_pie_&lt;family&gt;, the estimand of train's
 * family rows). Grain in: one customer's history; out: one row per such snapshot (as_of,
 * expected_defections, avoided_&lt;driver&gt;, the family columns). {@link #toAsOfs} sums them per
 * T: one shuffle, at most one row per simulated month.
 */
final class DriverHorizons implements Serializable {
  static final String AS_OF = "as_of";
  static final String CUSTOMERS_AT_RISK = "customers_at_risk";
  static final String EXPECTED_DEFECTIONS = "expected_defections";
  static final String AVOIDED_PREFIX = "avoided_";
  static final String FAMILY_PREFIX = "avoided_family_";
  static final String IN_PIE_PREFIX = "avoided_in_pie_";
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
    for (Driver.Family family : Driver.Family.values()) {
      fields.add(createStructField(avoided(family), DoubleType, false));
      fields.add(createStructField(avoidedInPie(family), DoubleType, false));
    }
    return createStructType(fields);
  }

  static String avoided(Driver driver) {
    return AVOIDED_PREFIX + driver.column();
  }

  /** The column of the family's joint value with all its planted drivers at their references. */
  static String avoided(Driver.Family family) {
    return FAMILY_PREFIX + family.code();
  }

  /** The column of the family's joint value with its in-pie drivers at their references. */
  static String avoidedInPie(Driver.Family family) {
    return IN_PIE_PREFIX + family.code();
  }

  /** The planted drivers of {@code family}, only those in train's pie when {@code inPie}. */
  static List<Driver> members(Driver.Family family, boolean inPie) {
    List<Driver> out = new ArrayList<>();
    for (Driver driver : Driver.values()) {
      if (driver.family() == family && (!inPie || DriverEffectsByMonth.inPie(driver))) {
        out.add(driver);
      }
    }
    return out;
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
        int i = 2 + Driver.values().length;
        for (Driver.Family family : Driver.Family.values()) {
          values[i++] = jointAvoided(months, s, members(family, false));
          values[i++] = jointAvoided(months, s, members(family, true));
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
    return jointAvoided(months, s, List.of(driver));
  }

  /**
   * Expected defections in the horizon of {@code months[s]} as simulated minus with every driver of
   * {@code drivers} at its reference at once in each month's hazard: the sum of their log-odds
   * {@code coefficient * (value - reference)} removed. 0 for no drivers.
   */
  double jointAvoided(List<Touches.Month> months, int s, List<Driver> drivers) {
    if (drivers.isEmpty()) {
      return 0.0;
    }
    return HorizonHazards.expectedChange(months, s, month -> removed(month, drivers));
  }

  private double removed(Touches.Month month, List<Driver> drivers) {
    double removed = 0;
    for (Driver d : drivers) {
      removed += d.coefficient() * (month.values()[d.ordinal()] - references[d.ordinal()]);
    }
    return removed;
  }

  /**
   * Per T, ordered: customers at risk, expected defections, each driver's and each family's
   * defections avoided, summed as exact nano-units ({@link DefectionTruth#fromNanos} converts
   * back).
   */
  static Dataset<Row> toAsOfs(Dataset<Row> snapshots) {
    List<Column> sums = new ArrayList<>();
    sums.add(DefectionTruth.sumNanos(col(EXPECTED_DEFECTIONS)).as(EXPECTED_DEFECTIONS));
    for (Driver driver : Driver.values()) {
      sums.add(DefectionTruth.sumNanos(col(avoided(driver))).as(avoided(driver)));
    }
    for (Driver.Family family : Driver.Family.values()) {
      sums.add(DefectionTruth.sumNanos(col(avoided(family))).as(avoided(family)));
      sums.add(DefectionTruth.sumNanos(col(avoidedInPie(family))).as(avoidedInPie(family)));
    }
    return snapshots
        .groupBy(col(AS_OF))
        .agg(count(lit(1)).as(CUSTOMERS_AT_RISK), sums.toArray(Column[]::new))
        .orderBy(col(AS_OF));
  }
}
