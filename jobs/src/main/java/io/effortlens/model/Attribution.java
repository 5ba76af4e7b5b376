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
 * ({@link Counterfactuals#family}), with Poisson-bootstrap replicates over customers; and each
 * driver's support (customers with a non-reference value). Only per-driver sums reach the driver
 * program. The scenario copies are scored spread over the cores by scenario.
 */
final class Attribution {
  private Attribution() {}

  /**
   * Scenario name (a driver's, or a family's {@link Counterfactuals#family}) → defections avoided:
   * index 0 the estimate, 1..rounds the bootstrap replicates, the same weights in every scenario.
   * The {@link Counterfactuals#OBSERVED} entry holds the expected defections as observed.
   */
  static Map<String, double[]> avoided(
      PipelineModel model, Dataset<Row> test, List<Driver> drivers, int rounds, int seed) {
    // |drivers| copies of the test rows: score them over all cores, partitioned by scenario as the
    // sums per scenario need (no second shuffle)
    int cores = test.sparkSession().sparkContext().defaultParallelism();
    Dataset<Row> scored =
        model.transform(
            Counterfactuals.explode(test, drivers)
                .repartition(cores, col(Counterfactuals.SCENARIO)));
    Column p = col(ModelPipelines.DEFECTION_PROBABILITY);
    List<Column> sums = new ArrayList<>();
    for (int b = 0; b < rounds; b++) {
      sums.add(sum(p.multiply(PoissonWeights.of(seed, b))));
    }
    List<Row> rows =
        scored
            .groupBy(Counterfactuals.SCENARIO)
            .agg(sum(p), sums.toArray(Column[]::new))
            .collectAsList();
    Map<String, double[]> expected = new LinkedHashMap<>();
    for (Row r : rows) {
      double[] values = new double[rounds + 1];
      for (int i = 0; i <= rounds; i++) {
        values[i] = r.getDouble(i + 1);
      }
      expected.put(r.getString(0), values);
    }
    double[] observed = expected.get(Counterfactuals.OBSERVED);
    if (observed == null) {
      throw new IllegalStateException("Cannot attribute defections: the test rows are empty");
    }
    Map<String, double[]> out = new LinkedHashMap<>();
    out.put(Counterfactuals.OBSERVED, observed);
    for (Map.Entry<String, double[]> e : expected.entrySet()) {
      if (!e.getKey().equals(Counterfactuals.OBSERVED)) {
        double[] avoided = new double[rounds + 1];
        for (int i = 0; i <= rounds; i++) {
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
