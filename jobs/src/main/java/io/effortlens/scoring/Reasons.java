package io.effortlens.scoring;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.format_number;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;

import io.effortlens.model.Counterfactuals;
import io.effortlens.model.Driver;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.ml.Transformer;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * Why each customer is at risk: a per-customer counterfactual, the one of the disloyalty pie
 * ({@link Counterfactuals}). Every customer is scored as observed and once more per candidate
 * driver with that driver at its reference ({@code driver_effects.counterfactual_value}, a value
 * customers have) and the other windows of its measure adjusted as the pie adjusts them; a driver's
 * contribution is the drop in probability, this customer's term of the pie's defections avoided.
 * The drivers that add most (contribution &gt; 0) become the customer's reasons, each with a
 * sentence built from the customer's own value and the next step from {@code conf/reasons.yaml}.
 *
 * <p>All variants go through the model in one transform of (customers × (1 + candidates)) rows, so
 * it works for any model in the registry (logistic or trees) and stays a Spark job: nothing is
 * collected.
 */
public final class Reasons {
  static final String DRIVER = "_driver";
  static final String VALUE = "_value";
  static final String PROBABILITY = "_p";
  private static final String COUNTERFACTUALS = "_cf";
  private static final String OBSERVED = "";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(value|days)}");

  private Reasons() {}

  /**
   * Scores {@code features} as observed and under each counterfactual.
   *
   * @param features one row per customer: the key column and every model input
   * @param key the customer column kept in the output
   * @param model the published model
   * @param probability the calibrated probability of the model's output, as a column expression
   * @return key, probability, reasons (array of {@link CustomerRiskSchema#REASON}) and
   *     next_best_action
   */
  public static Dataset<Row> explain(
      Dataset<Row> features,
      String key,
      Transformer model,
      Function<Dataset<Row>, Column> probability,
      List<Candidate> candidates,
      ReasonCatalog catalog,
      int top) {
    Dataset<Row> scored = model.transform(variants(features, candidates));
    Column driver = col(DRIVER);
    Dataset<Row> perCustomer =
        scored
            .select(col(key), driver, col(VALUE), probability.apply(scored).as(PROBABILITY))
            .groupBy(col(key))
            .agg(
                max(when(driver.equalTo(OBSERVED), col(PROBABILITY))).as(PROBABILITY),
                collect_list(
                        when(
                            driver.notEqual(OBSERVED),
                            struct(driver.as("d"), col(VALUE).as("v"), col(PROBABILITY).as("p"))))
                    .as(COUNTERFACTUALS));
    return perCustomer
        .select(
            col(key),
            col(PROBABILITY).as(CustomerRiskSchema.PROBABILITY),
            // the declared type: without candidates the lookups are typed null, which Delta
            // refuses to store
            reasons(candidates, catalog, top)
                .cast(DataTypes.createArrayType(CustomerRiskSchema.REASON))
                .as(CustomerRiskSchema.REASONS))
        .withColumn(
            CustomerRiskSchema.NEXT_BEST_ACTION,
            nextBestAction(candidates, catalog).cast(DataTypes.StringType));
  }

  /**
   * The customers as observed and once per candidate with that driver at its reference, by the
   * counterfactual of the disloyalty pie ({@link Counterfactuals#valueUnder}: the same reference
   * values, the other windows of a measure and the containing counts adjusted the same way); each
   * column keeps its type. Adds the scenario ({@link #DRIVER}, empty when observed) and the
   * candidate's observed value.
   */
  static Dataset<Row> variants(Dataset<Row> features, List<Candidate> candidates) {
    List<Driver> scenarios = candidates.stream().map(Reasons::asDriver).toList();
    List<Column> names = new ArrayList<>();
    names.add(lit(OBSERVED));
    candidates.forEach(c -> names.add(lit(c.feature())));
    Dataset<Row> exploded =
        features.withColumn(DRIVER, explode(array(names.toArray(Column[]::new))));
    Column driver = col(DRIVER);
    Column value = lit(null).cast("double");
    for (Candidate c : candidates) {
      value = when(driver.equalTo(c.feature()), col(c.feature()).cast("double")).otherwise(value);
    }
    Set<String> present = Set.of(features.columns());
    List<Column> columns = new ArrayList<>();
    for (StructField field : features.schema().fields()) {
      String column = field.name();
      columns.add(
          Counterfactuals.changes(scenarios, column, present)
              ? Counterfactuals.valueUnder(column, scenarios, driver, present)
                  .cast(field.dataType())
                  .as(column)
              : col("`" + column + "`"));
    }
    columns.add(driver);
    columns.add(value.as(VALUE));
    return exploded.select(columns.toArray(Column[]::new));
  }

  /** A candidate as the driver of a counterfactual scenario. */
  static Driver asDriver(Candidate c) {
    return new Driver(c.feature(), c.family(), c.description(), c.reference());
  }

  /** The top reasons: the largest positive contributions, ties by driver name. */
  private static Column reasons(List<Candidate> candidates, ReasonCatalog catalog, int top) {
    Column p = col(PROBABILITY);
    // Ascending sort of (-contribution, driver): largest contribution first, ties by name.
    Column ranked =
        array_sort(
            filter(
                transform(
                    col(COUNTERFACTUALS),
                    cf ->
                        struct(
                            p.minus(cf.getField("p")).unary_$minus().as("neg"),
                            cf.getField("d").as("d"),
                            cf.getField("v").as("v"))),
                r -> r.getField("neg").lt(0)));
    return transform(
        slice(ranked, 1, top),
        (r, i) ->
            struct(
                i.plus(1).as(CustomerRiskSchema.RANK),
                r.getField("d").as(CustomerRiskSchema.DRIVER),
                lookup(candidates, Candidate::family)
                    .apply(r.getField("d"))
                    .as(CustomerRiskSchema.FAMILY),
                r.getField("v").as(CustomerRiskSchema.VALUE),
                r.getField("neg").unary_$minus().as(CustomerRiskSchema.CONTRIBUTION),
                sentence(candidates, catalog, r.getField("d"), r.getField("v"))
                    .as(CustomerRiskSchema.SENTENCE),
                lookup(candidates, c -> catalog.nextStep(c.feature(), c.family()))
                    .apply(r.getField("d"))
                    .as(CustomerRiskSchema.NEXT_STEP)));
  }

  /** The next step of the reason whose family comes first, then by rank. */
  private static Column nextBestAction(List<Candidate> candidates, ReasonCatalog catalog) {
    Column withReasons = col(CustomerRiskSchema.REASONS);
    return element_at(
            array_sort(
                transform(
                    withReasons,
                    r ->
                        struct(
                            lookup(candidates, c -> catalog.priority(c.family()))
                                .apply(r.getField(CustomerRiskSchema.DRIVER))
                                .as("priority"),
                            r.getField(CustomerRiskSchema.RANK).as("rank"),
                            r.getField(CustomerRiskSchema.NEXT_STEP).as("step")))),
            1)
        .getField("step");
  }

  /** A map lookup of a per-candidate constant, keyed by the driver column. */
  private static <T> Function<Column, Column> lookup(
      List<Candidate> candidates, Function<Candidate, T> valueOf) {
    if (candidates.isEmpty()) {
      return d -> lit(null);
    }
    List<Column> entries = new ArrayList<>();
    for (Candidate c : candidates) {
      entries.add(lit(c.feature()));
      entries.add(lit(valueOf.apply(c)));
    }
    Column lookupMap = map(entries.toArray(Column[]::new));
    return d -> element_at(lookupMap, d);
  }

  /** The sentence of the driver in {@code d} with the customer's value {@code v}. */
  static Column sentence(List<Candidate> candidates, ReasonCatalog catalog, Column d, Column v) {
    Column out = lit(null).cast("string");
    for (Candidate c : candidates) {
      String template = catalog.sentence(c.feature(), c.description());
      Column shown = format_number(v, c.integral() ? 0 : 1);
      out = when(d.equalTo(c.feature()), render(template, shown, c.windowDays())).otherwise(out);
    }
    return out;
  }

  /** The template with {value} replaced by the column and {days} by the window. */
  static Column render(String template, Column value, Integer days) {
    List<Column> parts = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(template);
    int at = 0;
    while (m.find()) {
      parts.add(lit(template.substring(at, m.start())));
      parts.add("value".equals(m.group(1)) ? value : lit(days == null ? "" : String.valueOf(days)));
      at = m.end();
    }
    parts.add(lit(template.substring(at)));
    return concat(parts.toArray(Column[]::new));
  }
}
