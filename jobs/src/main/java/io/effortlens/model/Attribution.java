package io.effortlens.model;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Counterfactual attribution with a calibrated model: expected defections of the test customers as
 * observed minus with one driver at its reference value, or one family's drivers at theirs at once
 * ({@link Counterfactuals#family}), with Poisson-bootstrap replicates over customers (and over the
 * fit rows, by the refitted logistic, in {@link #refitted}); and each driver's support (customers
 * with a non-reference value). Only per-driver sums reach the driver program. The scenario copies
 * are made and scored on prepared vectors where the model allows ({@link ScenarioVectors}), spread
 * over the cores by scenario, and summed where they are.
 */
final class Attribution {
  private static final String TUNED = "tuned__";
  private static final String REFIT = "refit__p";

  private Attribution() {}

  /**
   * Scenario name (a driver's, or a family's {@link Counterfactuals#family}) → defections avoided:
   * index 0 the estimate, 1..rounds the bootstrap replicates over test customers under the one
   * fitted {@code model}, the same weights in every scenario. The {@link Counterfactuals#OBSERVED}
   * entry holds the expected defections as observed.
   */
  static Map<String, double[]> avoided(
      PipelineModel model, Dataset<Row> test, List<Driver> drivers, int rounds, int seed) {
    Column p = col(ModelPipelines.DEFECTION_PROBABILITY);
    List<Column> sums = new ArrayList<>();
    sums.add(sum(p));
    for (int b = 0; b < rounds; b++) {
      sums.add(sum(p.multiply(PoissonWeights.of(seed, b))));
    }
    return differences(expected(scored(model, test, drivers), sums));
  }

  /**
   * As {@link #avoided}, with replicates that carry the model's uncertainty as well as the test
   * customers': replicate b is the chosen model's test-customer replicate b plus the model
   * component of round b, the defections avoided under the logistic refitted on the fit rows with
   * round b's Poisson weights ({@code refits.get(b)}, {@link LogisticBootstrap#refits}) minus those
   * under the tuned logistic, both summed with round b's test weights (fit and test rows are other
   * snapshots, so their weights are independent draws). Index 0 stays the chosen model's estimate.
   *
   * <p>The component is measured on the logistic's own smooth scale: each model's margin from the
   * prepared vector ({@link ModelPipelines#FEATURES}) by an MLlib model of its coefficients (a
   * compiled dot product, not 21 interpreted higher-order functions per copy), with the class
   * weights' intercept shift undone ({@code priorShift}), not through the isotonic calibration map:
   * that map is a step function of the tuned model's probabilities, and refits' small shifts across
   * its steps tripled the spread on 8,000 fit rows. A chosen GBT gets the same logistic component:
   * refitting 40 trees per round, 20 rounds, would cost more than the rest of train.
   *
   * @param logistic the calibrated logistic pipeline whose regression {@code refits} refitted
   * @param priorShift added to every margin ({@link #priorShift})
   */
  static Map<String, double[]> refitted(
      PipelineModel chosen,
      PipelineModel logistic,
      Dataset<Row> test,
      List<Driver> drivers,
      List<BatchedLogistic.Solution> refits,
      double priorShift,
      int seed) {
    int rounds = refits.size();
    Dataset<Row> scored = scored(logistic, test, drivers);
    scored =
        shifted(LogisticBootstrap.solution(logistic), priorShift)
            .withProbability(scored, ModelPipelines.FEATURES, TUNED + "p");
    Column tuned = col(TUNED + "p");
    Column p = col(ModelPipelines.DEFECTION_PROBABILITY);
    List<Column> sums = new ArrayList<>();
    sums.add(sum(p));
    for (int b = 0; b < rounds; b++) {
      scored =
          shifted(refits.get(b), priorShift)
              .withProbability(scored, ModelPipelines.FEATURES, REFIT + b);
      sums.add(sum(col(REFIT + b).minus(tuned).multiply(PoissonWeights.of(seed, b))));
    }
    boolean same = chosen == logistic;
    for (int b = 0; same && b < rounds; b++) {
      sums.add(sum(p.multiply(PoissonWeights.of(seed, b))));
    }
    Map<String, double[]> component = differences(expected(scored, sums));
    Map<String, double[]> out =
        same ? resampled(component, rounds) : avoided(chosen, test, drivers, rounds, seed);
    out.forEach(
        (scenario, v) -> {
          for (int b = 1; b <= rounds; b++) {
            v[b] += component.get(scenario)[b];
          }
        });
    return out;
  }

  /**
   * The margin shift that undoes balanced class weights ({@link TrainingSet#withClassWeight}) on
   * fit rows whose positive share is {@code share}: the weighted fit's log-odds are the unweighted
   * ones plus log(w₁ / w₀) = log((1 - share) / share).
   */
  static double priorShift(double share) {
    return -Math.log((1 - share) / share);
  }

  private static BatchedLogistic.Solution shifted(BatchedLogistic.Solution s, double shift) {
    return new BatchedLogistic.Solution(
        s.coefficients(), s.intercept() + shift, s.iterations(), s.converged());
  }

  /** The estimate and, after the component's sums, the test-resampling sums: {@code rounds + 1}. */
  private static Map<String, double[]> resampled(Map<String, double[]> sums, int rounds) {
    Map<String, double[]> out = new LinkedHashMap<>();
    sums.forEach(
        (scenario, v) -> {
          double[] values = new double[rounds + 1];
          values[0] = v[0];
          System.arraycopy(v, rounds + 1, values, 1, rounds);
          out.put(scenario, values);
        });
    return out;
  }

  /**
   * The scenario copies of the test rows scored by {@code model}: on prepared vectors ({@link
   * ScenarioVectors}) when its preparation allows, else the raw copies ({@link
   * Counterfactuals#explode}) through the whole pipeline, spread over the cores by scenario as the
   * sums per scenario need (no second shuffle).
   */
  private static Dataset<Row> scored(PipelineModel model, Dataset<Row> test, List<Driver> drivers) {
    if (ScenarioVectors.applies(model, test, drivers)) {
      return ScenarioVectors.scored(model, test, drivers);
    }
    int cores = test.sparkSession().sparkContext().defaultParallelism();
    return model.transform(
        Counterfactuals.explode(test, drivers).repartition(cores, col(Counterfactuals.SCENARIO)));
  }

  /** Scenario → the values of {@code sums} over its rows, in order (one aggregation). */
  private static Map<String, double[]> expected(Dataset<Row> scored, List<Column> sums) {
    List<Row> rows =
        scored
            .groupBy(Counterfactuals.SCENARIO)
            .agg(sums.get(0), sums.subList(1, sums.size()).toArray(Column[]::new))
            .collectAsList();
    Map<String, double[]> expected = new LinkedHashMap<>();
    for (Row r : rows) {
      double[] values = new double[sums.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = r.getDouble(i + 1);
      }
      expected.put(r.getString(0), values);
    }
    return expected;
  }

  /** Each scenario's sums subtracted from the observed ones; the observed entry kept as it is. */
  private static Map<String, double[]> differences(Map<String, double[]> expected) {
    double[] observed = expected.get(Counterfactuals.OBSERVED);
    if (observed == null) {
      throw new IllegalStateException("Cannot attribute defections: the test rows are empty");
    }
    Map<String, double[]> out = new LinkedHashMap<>();
    out.put(Counterfactuals.OBSERVED, observed);
    for (Map.Entry<String, double[]> e : expected.entrySet()) {
      if (!e.getKey().equals(Counterfactuals.OBSERVED)) {
        double[] avoided = new double[observed.length];
        for (int i = 0; i < avoided.length; i++) {
          avoided[i] = observed[i] - e.getValue()[i];
        }
        out.put(e.getKey(), avoided);
      }
    }
    return out;
  }

  /** Driver name → test rows whose value is known and differs from the reference (or is known). */
  static Map<String, Long> support(Dataset<Row> test, List<Driver> drivers) {
    List<Column> counts = new ArrayList<>();
    for (Driver d : drivers) {
      Column v = col(d.name()).cast("double");
      Column differs =
          d.hasReference() ? v.isNotNull().and(v.notEqual(d.reference())) : v.isNotNull();
      counts.add(count(when(differs, lit(1))));
    }
    Row r =
        test.agg(counts.get(0), counts.subList(1, counts.size()).toArray(Column[]::new)).first();
    Map<String, Long> out = new LinkedHashMap<>();
    for (int i = 0; i < drivers.size(); i++) {
      out.put(drivers.get(i).name(), r.getLong(i));
    }
    return out;
  }
}
