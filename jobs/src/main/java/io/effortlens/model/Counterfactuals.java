package io.effortlens.model;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.effortlens.features.WindowedCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * The one counterfactual of EffortLens, used by the disloyalty pie (driver_effects) and by each
 * customer's reasons (customer_risk): one driver set to its reference value (see {@link
 * DriverReferences}), all else as observed except the counts that hold the same events.
 *
 * <p>{@link #explode} makes counterfactual copies of the test rows, one per driver with a
 * reference, plus the observed rows themselves (scenario {@link #OBSERVED}). Grain in: one row per
 * (as_of, customer_id); out: one per (scenario, as_of, customer_id) — a broadcast cross join with
 * the scenario list, one projection. {@link #valueUnder} is the value of one column in each
 * scenario, which the reasons apply to their own copies.
 *
 * <p>Windowed counts and sums ({@code <base>_<n>d}) nest: setting the {@code n}-day window to a
 * reference of 0 removes its events, which also empties the shorter windows of the same base and
 * subtracts them from the longer ones, so the counterfactual customer is consistent across windows.
 * A window whose reference is not 0 (0 lies outside the data) is set alone, and so is a window of a
 * per-window mean or rate ({@link WindowedCounts#nests}).
 *
 * <p>Contained counts ({@link WindowedCounts#CONTAINMENTS}, e.g. repeat contacts among assisted
 * contacts among touchpoints): when a scenario changes a window of a contained count, the
 * containing count of the same window changes by the same amount, at least 0. Setting 3 repeat
 * contacts of 5 assisted contacts to 0 leaves 2 assisted contacts.
 */
public final class Counterfactuals {
  public static final String SCENARIO = "scenario";
  public static final String OBSERVED = "__observed";
  private static final Pattern WINDOWED = Pattern.compile("^(.+)_(\\d+)d$");

  private Counterfactuals() {}

  public static Dataset<Row> explode(Dataset<Row> test, List<Driver> drivers) {
    List<String> names = new ArrayList<>();
    names.add(OBSERVED);
    drivers.stream().filter(Driver::hasReference).forEach(d -> names.add(d.name()));
    Dataset<Row> scenarios =
        test.sparkSession().createDataset(names, Encoders.STRING()).toDF(SCENARIO);
    Set<String> columns = Set.of(test.columns());
    List<Column> out = new ArrayList<>();
    out.add(col(SCENARIO));
    for (String c : test.columns()) {
      boolean isDriver = drivers.stream().anyMatch(x -> x.name().equals(c));
      out.add(isDriver ? valueUnder(c, drivers, col(SCENARIO), columns).as(c) : col(c));
    }
    return test.crossJoin(broadcast(scenarios)).select(out.toArray(Column[]::new));
  }

  /**
   * The double value of column {@code target} in the scenario named by {@code scenario}: changed
   * only by its own scenario, a nested window's or a contained count's, as observed in any other.
   *
   * @param scenarios the drivers that have a scenario (those without a reference are skipped)
   * @param columns the columns of the rows: a contained count's window changes its container's only
   *     when the rows have it
   */
  public static Column valueUnder(
      String target, List<Driver> scenarios, Column scenario, Set<String> columns) {
    Column result = value(target);
    for (Driver d : scenarios) {
      if (!d.hasReference()) {
        continue;
      }
      Column changed = counterfactual(target, d, columns);
      if (changed != null) {
        result = when(scenario.equalTo(d.name()), changed).otherwise(result);
      }
    }
    return result;
  }

  /** Whether some scenario of {@code scenarios} changes column {@code target}. */
  public static boolean changes(List<Driver> scenarios, String target, Set<String> columns) {
    return scenarios.stream()
        .anyMatch(d -> d.hasReference() && counterfactual(target, d, columns) != null);
  }

  /** The target column when driver {@code d} is at its reference, or null if unaffected. */
  private static Column counterfactual(String target, Driver d, Set<String> columns) {
    if (d.name().equals(target)) {
      return lit(d.reference());
    }
    Column nested = nested(target, d);
    return nested != null ? nested : contained(target, d, columns);
  }

  /** Another window of the driver's own base, when both nest and the reference is 0. */
  private static Column nested(String target, Driver d) {
    Matcher t = WINDOWED.matcher(target);
    Matcher s = WINDOWED.matcher(d.name());
    boolean nested =
        d.reference() == 0.0
            && t.matches()
            && s.matches()
            && t.group(1).equals(s.group(1))
            && WindowedCounts.nests(t.group(1));
    if (!nested) {
      return null;
    }
    int targetDays = Integer.parseInt(t.group(2));
    int scenarioDays = Integer.parseInt(s.group(2));
    return targetDays < scenarioDays ? lit(0.0) : value(target).minus(value(d.name()));
  }

  /**
   * A window of a count containing the driver's base: lowered by what the scenario removes from the
   * base's window of the same length (the driver itself or a nested window), clamped at 0; as
   * observed when that change is unknown (null).
   */
  private static Column contained(String target, Driver d, Set<String> columns) {
    Matcher t = WINDOWED.matcher(target);
    Matcher s = WINDOWED.matcher(d.name());
    if (!t.matches()
        || !s.matches()
        || !WindowedCounts.containersOf(s.group(1)).contains(t.group(1))) {
      return null;
    }
    String counterpart = s.group(1) + "_" + t.group(2) + "d";
    Column under = counterpart.equals(d.name()) ? lit(d.reference()) : nested(counterpart, d);
    if (under == null || !columns.contains(counterpart)) {
      return null;
    }
    Column change = value(counterpart).minus(under);
    Column observed = value(target);
    return when(observed.isNull().or(change.isNull()), observed)
        .otherwise(greatest(observed.minus(change), lit(0.0)));
  }

  private static Column value(String column) {
    return col("`" + column + "`").cast("double");
  }
}
