package io.effortlens.model;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.effortlens.features.FeatureSet;
import io.effortlens.features.WindowedCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * The one counterfactual of EffortLens, used by the disloyalty pie (driver_effects) and by each
 * customer's reasons (customer_risk): one driver set to its reference value (see {@link
 * DriverReferences}), all else as observed except the counts that hold the same events.
 *
 * <p>{@link #explode} makes counterfactual copies of the test rows, one per driver with a reference
 * and one per family with such a driver (below), plus the observed rows themselves (scenario {@link
 * #OBSERVED}). Grain in: one row per (as_of, customer_id); out: one per (scenario, as_of,
 * customer_id) — a broadcast cross join with the scenario list, one projection. {@link #valueUnder}
 * is the value of one column in each scenario, which the reasons apply to their own copies.
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
 *
 * <p>Family scenarios ({@link #family}, named {@value #FAMILY_PREFIX}{@code <family>}): every
 * driver of the family that has a reference at its reference at once — the disloyalty pie's family
 * rows. Consistently: a column of the family with a reference is at it; another window of a nested
 * base follows the family's longest window of that base at reference 0 (shorter windows empty,
 * longer ones lose its events); a containing count outside the family (or without a reference)
 * loses, per window, the largest change among the family's contained counts of that window (they
 * are chained subsets, so the largest is the outermost; at least 0; unknown changes are skipped, as
 * observed when none is known). Summing the single-driver scenarios instead would remove the same
 * events once per window and once per containing count.
 */
public final class Counterfactuals {
  public static final String SCENARIO = "scenario";
  public static final String OBSERVED = "__observed";

  /** The prefix of family scenarios: a ':' no feature name (snake_case) can hold. */
  public static final String FAMILY_PREFIX = "family:";

  private Counterfactuals() {}

  public static Dataset<Row> explode(Dataset<Row> test, List<Driver> drivers) {
    Dataset<Row> scenarios =
        test.sparkSession().createDataset(scenarios(drivers), Encoders.STRING()).toDF(SCENARIO);
    Set<String> columns = Set.of(test.columns());
    List<Column> out = new ArrayList<>();
    out.add(col(SCENARIO));
    for (String c : test.columns()) {
      boolean isDriver = drivers.stream().anyMatch(x -> x.name().equals(c));
      Column changed = isDriver ? changedUnder(c, drivers, columns) : null;
      out.add(changed != null ? changed.as(c) : isDriver ? value(c).as(c) : col(c));
    }
    return test.crossJoin(broadcast(scenarios)).select(out.toArray(Column[]::new));
  }

  /**
   * The scenario names {@link #explode} makes, in its order: {@link #OBSERVED}, each driver with a
   * reference, each family with such a driver ({@link #family}).
   */
  static List<String> scenarios(List<Driver> drivers) {
    List<String> names = new ArrayList<>();
    names.add(OBSERVED);
    drivers.stream().filter(Driver::hasReference).forEach(d -> names.add(d.name()));
    families(drivers).forEach(f -> names.add(family(f)));
    return names;
  }

  /**
   * Column {@code c} (a double) in the scenario the {@link #SCENARIO} column names: a driver's, a
   * family's, or as observed; null when no scenario of {@code drivers} changes it.
   *
   * @param columns the columns of the rows (see {@link #valueUnder})
   */
  static Column changedUnder(String c, List<Driver> drivers, Set<String> columns) {
    boolean changed = changes(drivers, c, columns);
    Column value = valueUnder(c, drivers, col(SCENARIO), columns);
    for (String f : families(drivers)) {
      Column joint = underFamily(c, members(drivers, f), columns);
      if (joint != null) {
        changed = true;
        value = when(col(SCENARIO).equalTo(family(f)), joint).otherwise(value);
      }
    }
    return changed ? value : null;
  }

  /** The scenario name of a family: {@value #FAMILY_PREFIX}{@code <family>}. */
  public static String family(String family) {
    return FAMILY_PREFIX + family;
  }

  /** The families with at least one driver with a reference, sorted: those with a scenario. */
  public static List<String> families(List<Driver> drivers) {
    return drivers.stream()
        .filter(Driver::hasReference)
        .map(Driver::family)
        .distinct()
        .sorted()
        .toList();
  }

  private static List<Driver> members(List<Driver> drivers, String family) {
    return drivers.stream().filter(d -> d.hasReference() && d.family().equals(family)).toList();
  }

  /**
   * Column {@code target} with every driver of {@code members} (one family's, with references) at
   * its reference at once, or null if unaffected.
   */
  private static Column underFamily(String target, List<Driver> members, Set<String> columns) {
    for (Driver d : members) {
      if (d.name().equals(target)) {
        return lit(d.reference());
      }
    }
    Column nested = nestedUnderFamily(target, members);
    return nested != null ? nested : containedUnderFamily(target, members, columns);
  }

  /**
   * Another window of a nested base of the family: it follows the family's longest window of that
   * base at reference 0 (the one holding the most events), or null when there is none.
   */
  private static Column nestedUnderFamily(String target, List<Driver> members) {
    Driver longest = null;
    for (Driver d : members) {
      if (nested(target, d) != null && (longest == null || days(d.name()) > days(longest.name()))) {
        longest = d;
      }
    }
    return longest == null ? null : nested(target, longest);
  }

  /**
   * A window of a count containing some of the family's counts: lowered by the largest of their
   * changes in that window, at least 0; as observed when no change is known.
   */
  private static Column containedUnderFamily(
      String target, List<Driver> members, Set<String> columns) {
    Optional<WindowedCounts.Windowed> t = WindowedCounts.parse(target);
    if (t.isEmpty()) {
      return null;
    }
    List<Column> changes = new ArrayList<>();
    for (String base : members.stream().map(d -> base(d.name())).distinct().toList()) {
      String counterpart = FeatureSet.windowed(base, t.get().days());
      if (base.isEmpty()
          || !WindowedCounts.containersOf(base).contains(t.get().base())
          || !columns.contains(counterpart)) {
        continue;
      }
      Column under = underFamily(counterpart, members, columns);
      if (under != null) {
        changes.add(value(counterpart).minus(under));
      }
    }
    if (changes.isEmpty()) {
      return null;
    }
    // greatest skips nulls: an unknown change leaves the others; null only when none is known
    Column change = changes.size() == 1 ? changes.get(0) : greatest(changes.toArray(Column[]::new));
    Column observed = value(target);
    return when(observed.isNull().or(change.isNull()), observed)
        .otherwise(greatest(observed.minus(change), lit(0.0)));
  }

  /**
   * The base of a windowed name ({@code repeat_contacts} of {@code repeat_contacts_90d}), or "".
   */
  private static String base(String name) {
    return WindowedCounts.parse(name).map(WindowedCounts.Windowed::base).orElse("");
  }

  private static int days(String name) {
    return WindowedCounts.parse(name).map(WindowedCounts.Windowed::days).orElse(0);
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
    Optional<WindowedCounts.Windowed> t = WindowedCounts.parse(target);
    Optional<WindowedCounts.Windowed> s = WindowedCounts.parse(d.name());
    boolean nested =
        d.reference() == 0.0
            && t.isPresent()
            && s.isPresent()
            && t.get().base().equals(s.get().base())
            && WindowedCounts.nests(t.get().base());
    if (!nested) {
      return null;
    }
    return t.get().days() < s.get().days() ? lit(0.0) : value(target).minus(value(d.name()));
  }

  /**
   * A window of a count containing the driver's base: lowered by what the scenario removes from the
   * base's window of the same length (the driver itself or a nested window), clamped at 0; as
   * observed when that change is unknown (null).
   */
  private static Column contained(String target, Driver d, Set<String> columns) {
    Optional<WindowedCounts.Windowed> t = WindowedCounts.parse(target);
    Optional<WindowedCounts.Windowed> s = WindowedCounts.parse(d.name());
    if (t.isEmpty()
        || s.isEmpty()
        || !WindowedCounts.containersOf(s.get().base()).contains(t.get().base())) {
      return null;
    }
    String counterpart = s.get().over(t.get().days());
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
