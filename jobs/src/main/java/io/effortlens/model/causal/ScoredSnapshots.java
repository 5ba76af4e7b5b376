package io.effortlens.model.causal;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import io.effortlens.model.BatchedLogistic;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The nuisance models of the delight actions, logistic regressions (MLlib's objective: standardized
 * features, L2) on the confounder vector: per action the propensity e(x) = P(T = 1 | x) on the
 * action's population, and the outcome models m0(x) = P(Y = 1 | x, T = 0) and m1(x) = P(Y = 1 | x,
 * T = 1), each fitted on its arm.
 *
 * <p>Cross-fitted: customers fall in {@link #FOLDS} folds (a seeded hash of customer_id, so all
 * snapshots of a customer share one), and a snapshot is scored by the models fitted on the other
 * folds. A model never scores the rows it learnt from: with ~70 treated snapshots and ~90
 * confounders an in-sample propensity separates the treated it memorised from their controls and
 * the effect follows the noise (Chernozhukov et al. 2018, double/debiased machine learning). The
 * models of all actions and folds are fitted together ({@link BatchedLogistic}: rows outside a
 * model's population, arm or training folds weigh 0), so 3 x folds models per action cost the Spark
 * jobs of the slowest one.
 */
final class ScoredSnapshots {
  static final String CUSTOMER_ID = "customer_id";
  static final String FEATURES = "_confounders";
  static final String TREATED = "_treated";
  static final String OUTCOME = "_outcome";
  static final String PROPENSITY = "_propensity";
  static final String MU0 = "_mu0";
  static final String MU1 = "_mu1";
  static final String FOLD = "_fold";

  /** Cross-fitting folds: each model learns from 4/5 of the customers. */
  static final int FOLDS = 5;

  /** MLlib's iteration cap of these fits (as the MLlib fits they replace had). */
  private static final int MAX_ITER = 100;

  private ScoredSnapshots() {}

  /** The fitted nuisance models of one action, one per fold (fitted without that fold). */
  record Nuisance(
      List<BatchedLogistic.Solution> propensity,
      List<BatchedLogistic.Solution> control,
      List<BatchedLogistic.Solution> treated) {}

  /** The fold of a customer: a seeded hash in 0..folds - 1. */
  static Column fold(Column customer, long seed, int folds) {
    return pmod(xxhash64(customer, lit(seed)), lit((long) folds)).cast("int");
  }

  /**
   * The nuisance models of every action and fold, fitted together on the prepared snapshots. With
   * one fold they are fitted on all rows and score the rows they learnt from (no cross-fitting).
   *
   * @param prepared customer_id, {@link #FOLD}, {@link #FEATURES}, {@link #OUTCOME} (0/1 double)
   *     and the columns the actions' populations and treatments read
   */
  static List<Nuisance> fit(
      Dataset<Row> prepared, List<DelightAction> actions, double regParam, int folds) {
    List<BatchedLogistic.Problem> problems = new ArrayList<>();
    for (DelightAction action : actions) {
      Column treated = action.isTreated();
      for (int k = 0; k < folds; k++) {
        Column population =
            folds == 1
                ? action.inPopulation()
                : action.inPopulation().and(col(FOLD).notEqual(lit(k)));
        problems.add(problem(when(treated, lit(1.0)).otherwise(lit(0.0)), population, regParam));
        problems.add(
            problem(col(OUTCOME), population.and(not(coalesce(treated, lit(false)))), regParam));
        problems.add(problem(col(OUTCOME), population.and(treated), regParam));
      }
    }
    List<BatchedLogistic.Solution> fits =
        BatchedLogistic.fit(prepared, FEATURES, problems, true, MAX_ITER);
    List<Nuisance> out = new ArrayList<>();
    for (int a = 0; a < actions.size(); a++) {
      List<BatchedLogistic.Solution> of = fits.subList(3 * folds * a, 3 * folds * (a + 1));
      out.add(new Nuisance(every(of, 0), every(of, 1), every(of, 2)));
    }
    return out;
  }

  /** The {@code model}-th of each fold's three models. */
  private static List<BatchedLogistic.Solution> every(
      List<BatchedLogistic.Solution> fits, int model) {
    return IntStream.range(0, fits.size() / 3).mapToObj(k -> fits.get(3 * k + model)).toList();
  }

  private static BatchedLogistic.Problem problem(Column label, Column rows, double regParam) {
    return new BatchedLogistic.Problem(
        label, when(rows, lit(1.0)).otherwise(lit(0.0)), regParam, 0.0);
  }

  /**
   * @param rows customer_id, {@link #FOLD}, {@link #FEATURES}, {@link #TREATED} and {@link
   *     #OUTCOME} (0/1 doubles)
   * @return the same rows with {@link #PROPENSITY}, {@link #MU0} and {@link #MU1}, each from the
   *     models fitted without the row's fold
   */
  static Dataset<Row> withNuisance(Dataset<Row> rows, Nuisance nuisance) {
    return rows.withColumn(PROPENSITY, outOfFold(nuisance.propensity()))
        .withColumn(MU0, outOfFold(nuisance.control()))
        .withColumn(MU1, outOfFold(nuisance.treated()));
  }

  private static Column outOfFold(List<BatchedLogistic.Solution> models) {
    Column features = col(FEATURES);
    Column out = models.get(models.size() - 1).probability(features);
    for (int k = models.size() - 2; k >= 0; k--) {
      out = when(col(FOLD).equalTo(lit(k)), models.get(k).probability(features)).otherwise(out);
    }
    return out;
  }
}
