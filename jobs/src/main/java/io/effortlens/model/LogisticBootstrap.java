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
 * Bootstrap replicates of the logistic coefficients (per standard deviation): the tuned pipeline
 * refitted {@code rounds} times with Poisson(1) weights on the training rows, seeded.
 *
 * <p>The stages before the regression (cast, median imputer, string indexer, one-hot encoder,
 * assembler, scaler) do not read the weight column, so each round refits only the regression on the
 * vectors the tuning prepared and cached ({@link ModelPipelines.Tuned#vectors()}). The replicates
 * are the ones a refit of the whole pipeline gives (same vectors, same partitions), without its 3
 * extra jobs and its recomputation per round. Rounds are independent, so {@link ParallelFits} runs
 * two at once.
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
    return ParallelFits.run(
        rounds,
        ParallelFits.THREADS_DEFAULT,
        b ->
            regression
                .fit(
                    vectors.withColumn(
                        TrainingSet.WEIGHT,
                        col(TrainingSet.WEIGHT).multiply(PoissonWeights.of(seed, b))),
                    best)
                .coefficients()
                .toArray());
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
