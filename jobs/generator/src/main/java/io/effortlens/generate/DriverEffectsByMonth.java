package io.effortlens.generate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * The truth.json section {@code driver_effects_by_month}: the planted value of the defections
 * avoided and shares that {@code effortlens train} writes to driver_effects, per month start T (see
 * {@link DriverHorizons}), with the product feature each planted driver corresponds to.
 */
final class DriverEffectsByMonth {
  static final String DEFINITION =
      "what 'effortlens train' reports in driver_effects (defections_avoided and share, labels"
          + " horizon-days = 90) for a lake whose test as-of is T (model_registry test_as_ofs), per"
          + " month_start T whose horizon (T, T + 90 days] ends within the simulation: over the"
          + " customers at risk at T (signed up before T, not cancelled), expected_defections = the"
          + " sum of P(CANCEL in (T, T + 90 days] | the hazard as simulated); a driver's"
          + " defections_avoided = expected_defections minus the same sum with that driver at its"
          + " reference in the hazard of every month whose month_start lies in [T, T + 90 days)"
          + " (the log-odds coefficient * (value - reference) removed, every other driver as"
          + " simulated); each customer's value is the unbiased path estimate of that expectation"
          + " (a month's CANCEL is uniform in the month, so a month counts with the share of it"
          + " inside the horizon; the months after a defection are weighted in through the"
          + " survival ratio). reference: train's rule (DriverReferences: 0 when 0 lies within the"
          + " driver's observed range over the at-risk customer-months, else its 5th percentile)."
          + " in_pie: the driver's product feature has a reference in train, so it is in the pie"
          + " (not the experience measures, which have none, nor plan, contract and segment, which"
          + " train one-hot encodes as categories). A planted family's defections_avoided is"
          + " the joint counterfactual: expected_defections minus the same sum with all its"
          + " planted drivers at their references at once in the same hazards (their log-odds"
          + " terms removed together), not the sum of its drivers' values (the hazard is not"
          + " additive in them); defections_avoided_in_pie is the"
          + " same with only its in_pie drivers at their references at once, the estimand of the"
          + " family rows of driver_effects (train's joint family scenario). share (share_in_pie)"
          + " = that value / the sum over the families of the absolute defections_avoided_in_pie;"
          + " a driver's share = its defections_avoided / the same sum (train's one denominator),"
          + " signed: + causes"
          + " defections, - protects; null for a driver or family with no in_pie driver. feature:"
          + " the product feature that measures the planted driver (null when several features"
          + " do, as for the usage level)";

  private final List<Row> asOfs;
  private final double[] references;

  DriverEffectsByMonth(List<Row> asOfs, Map<String, Object> months) {
    this.asOfs = asOfs;
    this.references = new double[Driver.values().length];
    for (Driver driver : Driver.values()) {
      references[driver.ordinal()] =
          TruthDocument.number(months.get(DefectionTruth.REFERENCE_PREFIX + driver.column()));
    }
  }

  /**
   * The product feature (customer_features column) that measures the planted driver, or null when
   * none does alone. Indicators map to their categorical column, the tenure in years to its days,
   * the fee to the customers column the bundled mappings fill from it.
   */
  static String featureOf(Driver driver) {
    return switch (driver) {
      case CSAT_CENTERED_90D -> "csat_mean_90d";
      case ACTIVITY_LOG_PER_WEEK_90D -> null;
      case TENURE_YEARS -> "tenure_days";
      case PLAN_STANDARD, PLAN_PREMIUM -> "plan";
      case MONTHLY_FEE_PER_10 -> "monthly_value";
      case CONTRACT_ANNUAL -> "contract";
      case SEGMENT_SMALL_BUSINESS -> "segment";
      default -> driver.column();
    };
  }

  /**
   * Whether train puts the driver's product feature in the pie: it has a reference (experience
   * measures have none) and is a number (train one-hot encodes string profile columns as
   * categories, with no reference).
   */
  static boolean inPie(Driver driver) {
    return switch (driver) {
      case CSAT_CENTERED_90D,
              PLAN_STANDARD,
              PLAN_PREMIUM,
              CONTRACT_ANNUAL,
              SEGMENT_SMALL_BUSINESS ->
          false;
      default -> true;
    };
  }

  Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("definition", DEFINITION);
    json.put("horizon_days", DelightEffects.SNAPSHOT_HORIZON_DAYS);
    json.put("unit", "expected defections (customers) within the horizon");
    json.put("drivers", drivers());
    List<Map<String, Object>> rows = new ArrayList<>();
    asOfs.forEach(r -> rows.add(asOf(r)));
    json.put("as_ofs", rows);
    return json;
  }

  private List<Map<String, Object>> drivers() {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Driver driver : Driver.values()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("name", driver.column());
      row.put("family", driver.family().code());
      row.put("feature", featureOf(driver));
      row.put("in_pie", inPie(driver));
      row.put("reference", TruthDocument.round(references[driver.ordinal()]));
      rows.add(row);
    }
    return rows;
  }

  private static Map<String, Object> asOf(Row r) {
    double[] avoided = new double[Driver.values().length];
    for (Driver driver : Driver.values()) {
      avoided[driver.ordinal()] = DefectionTruth.fromNanos(r.getAs(DriverHorizons.avoided(driver)));
    }
    double total = 0;
    for (Driver.Family family : Driver.Family.values()) {
      total += Math.abs(DefectionTruth.fromNanos(r.getAs(DriverHorizons.avoidedInPie(family))));
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("as_of", r.getAs(DriverHorizons.AS_OF));
    json.put("customers_at_risk", r.getAs(DriverHorizons.CUSTOMERS_AT_RISK));
    json.put(
        "expected_defections",
        TruthDocument.round(DefectionTruth.fromNanos(r.getAs(DriverHorizons.EXPECTED_DEFECTIONS))));
    List<Map<String, Object>> drivers = new ArrayList<>();
    for (Driver driver : Driver.values()) {
      drivers.add(row("name", driver.column(), avoided[driver.ordinal()], inPie(driver), total));
    }
    json.put("drivers", drivers);
    json.put("families", families(r, total));
    return json;
  }

  /** Each family's joint values: all its planted drivers, and its in_pie drivers, at once. */
  private static List<Map<String, Object>> families(Row r, double total) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Driver.Family family : Driver.Family.values()) {
      double joint = DefectionTruth.fromNanos(r.getAs(DriverHorizons.avoided(family)));
      double inPie = DefectionTruth.fromNanos(r.getAs(DriverHorizons.avoidedInPie(family)));
      boolean anyInPie = !DriverHorizons.members(family, true).isEmpty();
      Map<String, Object> row = row("family", family.code(), joint, anyInPie, total);
      row.put("defections_avoided_in_pie", TruthDocument.round(inPie));
      row.put("share_in_pie", anyInPie && total != 0 ? TruthDocument.round(inPie / total) : null);
      rows.add(row);
    }
    return rows;
  }

  private static Map<String, Object> row(
      String key, String name, double avoided, boolean inPie, double total) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put(key, name);
    row.put("defections_avoided", TruthDocument.round(avoided));
    row.put("share", inPie && total != 0 ? TruthDocument.round(avoided / total) : null);
    return row;
  }
}
