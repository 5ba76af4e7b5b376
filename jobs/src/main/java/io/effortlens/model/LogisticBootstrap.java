package io.effortlens.model;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
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
   * One coefficient array per round, in driver order.
   *
   * @param vectors the prepared fit rows ({@link ModelPipelines#toVectors}), persisted by the
   *     caller
   */
  static List<double[]> replicates(
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
            vectors,
            tuned.getFeaturesCol(),
            problems,
            tuned.getStandardization(),
            tuned.getMaxIter())
        .stream()
        .map(BatchedLogistic.Solution::coefficients)
        .toList();
  }

  /** The coefficients of the logistic stage of a (possibly calibrated) pipeline model. */
  static double[] coefficients(PipelineModel model) {
    for (Transformer stage : model.stages()) {
      if (stage instanceof LogisticRegressionModel lr) {
        return lr.coefficients().toArray();
      }
      if (stage instanceof PipelineModel inner) {
        double[] found = coefficients(inner);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }
}
