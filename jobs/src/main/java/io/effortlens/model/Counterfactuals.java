package io.effortlens.model;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * Counterfactual copies of the test rows, one per driver with a reference: the driver set to its
 * "no effort" value, all else as observed; plus the observed rows themselves (scenario {@link
 * #OBSERVED}). Grain in: one row per (as_of, customer_id); out: one per (scenario, as_of,
 * customer_id) — a broadcast cross join with the scenario list, one projection.
 *
 * <p>Windowed counts and sums ({@code <base>_<n>d} with reference 0) nest: removing the events of
 * the {@code n}-day window also empties the shorter windows of the same base and subtracts them
 * from the longer ones, so the counterfactual customer is consistent across windows.
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
    List<Column> out = new ArrayList<>();
    out.add(col(SCENARIO));
    for (String c : test.columns()) {
      Driver d = drivers.stream().filter(x -> x.name().equals(c)).findFirst().orElse(null);
      out.add(d == null ? col(c) : valueUnder(d, drivers).as(c));
    }
    return test.crossJoin(broadcast(scenarios)).select(out.toArray(Column[]::new));
  }

  /** The column's value in each scenario: changed only by its own or a nested window's scenario. */
  static Column valueUnder(Driver target, List<Driver> drivers) {
    Column value = col(target.name()).cast("double");
    Column result = value;
    for (Driver d : drivers) {
      if (!d.hasReference()) {
        continue;
      }
      Column changed = counterfactual(target, d);
      if (changed != null) {
        result = when(col(SCENARIO).equalTo(d.name()), changed).otherwise(result);
      }
    }
    return result;
  }

  /** The target column when driver {@code d} is at its reference, or null if unaffected. */
  private static Column counterfactual(Driver target, Driver d) {
    if (d.name().equals(target.name())) {
      return lit(d.reference());
    }
    Matcher t = WINDOWED.matcher(target.name());
    Matcher s = WINDOWED.matcher(d.name());
    boolean nested =
        d.reference() == 0.0
            && target.hasReference()
            && target.reference() == 0.0
            && t.matches()
            && s.matches()
            && t.group(1).equals(s.group(1));
    if (!nested) {
      return null;
    }
    int targetDays = Integer.parseInt(t.group(2));
    int scenarioDays = Integer.parseInt(s.group(2));
    return targetDays < scenarioDays
        ? lit(0.0)
        : col(target.name()).cast("double").minus(col(d.name()).cast("double"));
  }
}
