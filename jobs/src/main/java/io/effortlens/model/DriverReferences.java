package io.effortlens.model;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.percentile_approx;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The counterfactual reference of each driver: the value the disloyalty pie and the customers'
 * reasons set it to. A reference is always a value customers have, so the model is never asked
 * about a world outside its data.
 *
 * <p>Which drivers have one ({@link #of}), by family:
 *
 * <ul>
 *   <li>effort, delight, engagement: counts, sums, amounts, rates and flags; recency ({@code
 *       days_since_*}), effort_score levels and trends have no "no effort" value → none;
 *   <li>experience (CSAT, CES, NPS and response): what customers said is an outcome, not a lever
 *       with a neutral value → none;
 *   <li>profile: numeric and indicator columns (tenure, fee, the reference category).
 * </ul>
 *
 * <p>Its value ({@link #inSupport}), from the fit rows: 0 ("no effort", "no action", the reference
 * category) when 0 lies within the observed range [min, max] of the driver; otherwise the driver's
 * 5th percentile in the fit rows ({@code percentile_approx}, which returns an observed value). A
 * monthly charge between 40 and 120 is thus compared with the charge of the cheapest 5% of
 * customers (about 44), not with 0, which no customer pays. Drivers without a reference are left
 * out of the pie and ranked by permutation importance instead.
 */
public final class DriverReferences {
  /** The low percentile a driver whose 0 lies outside the data is set to. */
  public static final double LOW_PERCENTILE = 0.05;

  private static final Logger LOG = LoggerFactory.getLogger(DriverReferences.class);

  /** The accuracy of {@code percentile_approx} (relative error 1 / accuracy). */
  public static final int ACCURACY = 10_000;

  private DriverReferences() {}

  /** 0 as the candidate reference of a driver that has one, null for one that has none. */
  static Double of(String name, String family) {
    String n = name.toLowerCase(Locale.ROOT);
    if ("experience".equals(family) || n.startsWith("days_since") || n.contains("trend")) {
      return null;
    }
    if (n.startsWith("effort_score")) {
      return null;
    }
    return 0.0;
  }

  /** Why a driver without a reference has none, for the summary and the report. */
  public static String whyNone(String name, String family) {
    String n = name.toLowerCase(Locale.ROOT);
    if ("experience".equals(family)) {
      return "what customers said is an outcome, not a lever with a neutral value";
    }
    if (n.startsWith("days_since")) {
      return "a recency has no 'no effort' value";
    }
    if (n.contains("trend")) {
      return "a trend has no 'no effort' value";
    }
    if (n.startsWith("effort_score")) {
      return "an effort score level has no 'no effort' value";
    }
    return "no value in the fit rows";
  }

  /**
   * The drivers with their in-support references computed from {@code fit} in one aggregation (min,
   * max and 5th percentile of each driver with a reference); drivers without a reference, or
   * without any value in {@code fit}, keep none.
   */
  static List<Driver> inSupport(Dataset<Row> fit, List<Driver> drivers) {
    List<Driver> referenced = drivers.stream().filter(Driver::hasReference).toList();
    if (referenced.isEmpty()) {
      return drivers;
    }
    List<Column> aggregates = new ArrayList<>();
    for (Driver d : referenced) {
      Column v = col("`" + d.name() + "`").cast("double");
      aggregates.add(min(v));
      aggregates.add(max(v));
      aggregates.add(percentile_approx(v, lit(LOW_PERCENTILE), lit(ACCURACY)));
    }
    Row r =
        fit.agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new))
            .first();
    List<Driver> out = new ArrayList<>();
    for (Driver d : drivers) {
      int i = referenced.indexOf(d);
      out.add(i < 0 ? d : withReference(d, r, 3 * i));
    }
    return out;
  }

  private static Driver withReference(Driver d, Row r, int at) {
    if (r.isNullAt(at)) {
      return new Driver(d.name(), d.family(), d.description(), null);
    }
    double low = r.getDouble(at);
    double high = r.getDouble(at + 1);
    double reference = valueIn(low, high, r.getDouble(at + 2));
    if (reference != 0.0) {
      LOG.info(
          "stage=train-references driver={} reference={} (0 is outside the observed range [{}, {}]:"
              + " the {}th percentile instead)",
          d.name(),
          reference,
          low,
          high,
          Math.round(100 * LOW_PERCENTILE));
    }
    return new Driver(d.name(), d.family(), d.description(), reference);
  }

  /**
   * The rule itself: 0 when it lies within [min, max], else the low percentile. Shared with the
   * generator's truth, which sets its planted drivers to the same references.
   */
  public static double valueIn(double min, double max, double lowPercentile) {
    return min <= 0.0 && 0.0 <= max ? 0.0 : lowPercentile;
  }
}
