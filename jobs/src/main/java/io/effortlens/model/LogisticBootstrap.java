package io.effortlens.model;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Bootstrap replicates of the logistic coefficients (per standard deviation): the tuned regression
 * refitted {@code rounds} times with Poisson(1) weights on the training rows, seeded.
 *
 * <p>The stages before the regression (cast, median imputer, string indexer, one-hot encoder,
 * assembler, scaler) do not read the weight column, so each round refits only the regression on the
 * vectors the tuning prepared and cached ({@link ModelPipelines.Tuned#vectors()}). All rounds are
 * fitted together by {@link BatchedLogistic} (one Spark job evaluates every round), each on the
 * MLlib objective with the tuned regularisation and the tuned regression's iteration cap, as the
 * point estimate was fitted.
 */
final class LogisticBootstrap {
  private LogisticBootstrap() {}

  /**
   * One coefficient array per round, in driver order: the coefficients of {@link #refits}.
   *
   * @param vectors the prepared fit rows ({@link ModelPipelines#toVectors}), persisted by the
   *     caller
   */
  static List<double[]> replicates(
      LogisticRegression regression, ParamMap best, Dataset<Row> vectors, int rounds, int seed) {
    return refits(regression, best, vectors, rounds, seed).stream()
        .map(BatchedLogistic.Solution::coefficients)
        .toList();
  }

  /**
   * The regression refitted once per round with that round's Poisson weights on the fit rows, with
   * intercepts: the models of {@link Attribution#refitted}'s replicates (they score the same
   * prepared vectors as the tuned model, on its class-weighted scale; Attribution undoes the class
   * weights' shift and does not pass them through the isotonic map).
   *
   * @param vectors the prepared fit rows ({@link ModelPipelines#toVectors}), persisted by the
   *     caller
   */
  static List<BatchedLogistic.Solution> refits(
      LogisticRegression regression, ParamMap best, Dataset<Row> vectors, int rounds, int seed) {
    if (rounds == 0) {
      return new ArrayList<>();
    }
    LogisticRegression tuned = (LogisticRegression) regression.copy(best);
    if (!tuned.getFitIntercept() || "multinomial".equals(tuned.getFamily())) {
      throw new IllegalArgumentException(
          "The bootstrap refits binomial logistic regressions with an intercept, not "
              + tuned.getFamily()
              + " fitIntercept="
              + tuned.getFitIntercept());
    }
    List<BatchedLogistic.Problem> problems = new ArrayList<>();
    for (int b = 0; b < rounds; b++) {
      problems.add(
          new BatchedLogistic.Problem(
              col(tuned.getLabelCol()),
              col(tuned.getWeightCol()).multiply(PoissonWeights.of(seed, b)),
              tuned.getRegParam(),
              tuned.getElasticNetParam()));
    }
    return BatchedLogistic.fit(
        vectors, tuned.getFeaturesCol(), problems, tuned.getStandardization(), tuned.getMaxIter());
  }

  /** The coefficients and intercept of the logistic stage of a (possibly calibrated) pipeline. */
  static BatchedLogistic.Solution solution(PipelineModel model) {
    LogisticRegressionModel lr = regression(model);
    if (lr == null) {
      throw new IllegalArgumentException("Cannot find a logistic regression in " + model);
    }
    return new BatchedLogistic.Solution(
        lr.coefficients().toArray(), lr.intercept(), lr.getMaxIter(), true);
  }

  /** The logistic stage of a (possibly calibrated, possibly nested) pipeline, or null. */
  private static LogisticRegressionModel regression(PipelineModel model) {
    return ModelPipelines.stages(model).stream()
        .filter(LogisticRegressionModel.class::isInstance)
        .map(LogisticRegressionModel.class::cast)
        .findFirst()
        .orElse(null);
  }

  /** The coefficients of the logistic stage of a (possibly calibrated) pipeline model. */
  static double[] coefficients(PipelineModel model) {
    LogisticRegressionModel lr = regression(model);
    return lr == null ? null : lr.coefficients().toArray();
  }
}
