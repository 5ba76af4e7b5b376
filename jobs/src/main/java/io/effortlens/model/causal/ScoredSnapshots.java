package io.effortlens.model.causal;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import io.effortlens.model.BatchedLogistic;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The nuisance models of the delight actions, logistic regressions (MLlib's objective: standardized
 * features, L2) on the confounder vector: per action the propensity e(x) = P(T = 1 | x) on the
 * action's population, and the outcome models m0(x) = P(Y = 1 | x, T = 0) and m1(x) = P(Y = 1 | x,
 * T = 1), each fitted on its arm and predicted for everyone. The models of all actions are fitted
 * together ({@link BatchedLogistic}: rows outside a model's population or arm weigh 0), so three
 * models per action cost the Spark jobs of the slowest one, not ~100 jobs each.
 */
final class ScoredSnapshots {
  static final String CUSTOMER_ID = "customer_id";
  static final String FEATURES = "_confounders";
  static final String TREATED = "_treated";
  static final String OUTCOME = "_outcome";
  static final String PROPENSITY = "_propensity";
  static final String MU0 = "_mu0";
  static final String MU1 = "_mu1";

  /** MLlib's iteration cap of these fits (as the MLlib fits they replace had). */
  private static final int MAX_ITER = 100;

  private ScoredSnapshots() {}

  /** The three fitted nuisance models of one action. */
  record Nuisance(
      BatchedLogistic.Solution propensity,
      BatchedLogistic.Solution control,
      BatchedLogistic.Solution treated) {}

  /**
   * The nuisance models of every action, fitted together on the prepared snapshots.
   *
   * @param prepared customer_id, {@link #FEATURES}, {@link #OUTCOME} (0/1 double) and the columns
   *     the actions' populations and treatments read
   */
  static List<Nuisance> fit(Dataset<Row> prepared, List<DelightAction> actions, double regParam) {
    List<BatchedLogistic.Problem> problems = new ArrayList<>();
    for (DelightAction action : actions) {
      Column population = action.inPopulation();
      Column treated = action.isTreated();
      problems.add(problem(when(treated, lit(1.0)).otherwise(lit(0.0)), population, regParam));
      problems.add(
          problem(col(OUTCOME), population.and(not(coalesce(treated, lit(false)))), regParam));
      problems.add(problem(col(OUTCOME), population.and(treated), regParam));
    }
    List<BatchedLogistic.Solution> fits =
        BatchedLogistic.fit(prepared, FEATURES, problems, true, MAX_ITER);
    List<Nuisance> out = new ArrayList<>();
    for (int a = 0; a < actions.size(); a++) {
      out.add(new Nuisance(fits.get(3 * a), fits.get(3 * a + 1), fits.get(3 * a + 2)));
    }
    return out;
  }

  private static BatchedLogistic.Problem problem(Column label, Column rows, double regParam) {
    return new BatchedLogistic.Problem(
        label, when(rows, lit(1.0)).otherwise(lit(0.0)), regParam, 0.0);
  }

  /**
   * @param rows customer_id, {@link #FEATURES}, {@link #TREATED} and {@link #OUTCOME} (0/1 doubles)
   * @return the same rows with {@link #PROPENSITY}, {@link #MU0} and {@link #MU1}
   */
  static Dataset<Row> withNuisance(Dataset<Row> rows, Nuisance nuisance) {
    Column features = col(FEATURES);
    return rows.withColumn(PROPENSITY, nuisance.propensity().probability(features))
        .withColumn(MU0, nuisance.control().probability(features))
        .withColumn(MU1, nuisance.treated().probability(features));
  }
}
