package io.effortlens.generate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the observed contribution sums into the truth.json section that lets a model check the
 * order of drivers: per driver and per family the expected defections avoided if it were zero, and
 * its share of the sum of absolute contributions (protective drivers have negative values).
 */
final class DriverContributions {
  static final String DEFINITION =
      "defections_avoided_if_zero = sum over at-risk customer-months of p_defect - p_defect with"
          + " that driver at its reference, all else equal: 0 (reference category for"
          + " indicators) when 0 lies within the driver's observed range, else its 5th percentile"
          + " over the at-risk customer-months (a value customers have, as train chooses it;"
          + " the monthly fee), given as reference; positive = the driver causes defections."
          + " share = value / sum of absolute values over all drivers; family values are sums of"
          + " their drivers.";

  private final Map<Driver, Double> avoided = new EnumMap<>(Driver.class);
  private final Map<Driver, Double> references = new EnumMap<>(Driver.class);
  private final double absoluteTotal;

  DriverContributions(Map<String, Object> metrics) {
    double total = 0;
    for (Driver driver : Driver.values()) {
      Object value = metrics.get(DefectionTruth.CONTRIBUTION_PREFIX + driver.column());
      double avoidedIfZero = DefectionTruth.fromNanos(value);
      avoided.put(driver, avoidedIfZero);
      Object reference = metrics.get(DefectionTruth.REFERENCE_PREFIX + driver.column());
      references.put(driver, reference == null ? 0.0 : ((Number) reference).doubleValue());
      total += Math.abs(avoidedIfZero);
    }
    this.absoluteTotal = total;
  }

  Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("definition", DEFINITION);
    json.put("drivers", drivers());
    json.put("families", families());
    json.put("effort_driver_order", effortOrder());
    return json;
  }

  private List<Map<String, Object>> drivers() {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Driver driver : Driver.values()) {
      Map<String, Object> row =
          row("name", driver.column(), driver.family().code(), avoided.get(driver));
      row.put("reference", TruthDocument.round(references.get(driver)));
      rows.add(row);
    }
    return rows;
  }

  private List<Map<String, Object>> families() {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Driver.Family family : Driver.Family.values()) {
      double sum = 0;
      for (Driver driver : Driver.values()) {
        sum += driver.family() == family ? avoided.get(driver) : 0;
      }
      rows.add(row("family", family.code(), null, sum));
    }
    return rows;
  }

  /** Effort drivers from the largest to the smallest contribution. */
  private List<String> effortOrder() {
    return avoided.keySet().stream()
        .filter(d -> d.family() == Driver.Family.EFFORT)
        .sorted(
            Comparator.comparingDouble((Driver d) -> -avoided.get(d)).thenComparing(Enum::ordinal))
        .map(Driver::column)
        .toList();
  }

  private Map<String, Object> row(String key, String name, String family, double value) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put(key, name);
    if (family != null) {
      row.put("family", family);
    }
    row.put("defections_avoided_if_zero", TruthDocument.round(value));
    row.put("share", TruthDocument.round(absoluteTotal == 0 ? 0 : value / absoluteTotal));
    return row;
  }
}
