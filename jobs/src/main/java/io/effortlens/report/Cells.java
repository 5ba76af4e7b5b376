package io.effortlens.report;

import java.util.Locale;
import org.apache.spark.sql.Row;

/** Reading small aggregate rows on the driver and formatting their values for the report. */
final class Cells {
  private Cells() {}

  static double number(Row row, String column) {
    int i = row.fieldIndex(column);
    return row.isNullAt(i) ? Double.NaN : ((Number) row.get(i)).doubleValue();
  }

  static String string(Row row, String column) {
    int i = row.fieldIndex(column);
    return row.isNullAt(i) ? "" : String.valueOf(row.get(i));
  }

  static String fixed(double value, int decimals) {
    return Double.isFinite(value) ? String.format(Locale.ROOT, "%." + decimals + "f", value) : "–";
  }

  static String percent(double share) {
    return Double.isFinite(share) ? String.format(Locale.ROOT, "%.1f%%", 100 * share) : "–";
  }

  static String interval(double low, double high, boolean asPercent) {
    if (!Double.isFinite(low) || !Double.isFinite(high)) {
      return "–";
    }
    return asPercent
        ? percent(low) + " to " + percent(high)
        : fixed(low, 3) + " to " + fixed(high, 3);
  }

  /** A range [min, max] padded by 5% and including {@code include}. */
  static double[] range(double min, double max, double include) {
    double lo = Math.min(min, include);
    double hi = Math.max(max, include);
    double pad = (hi - lo) == 0 ? 1 : (hi - lo) * 0.05;
    return new double[] {lo - pad, hi + pad};
  }
}
