package io.effortlens.model;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Bootstrap replicates of the logistic coefficients (per standard deviation): the tuned pipeline
 * refitted {@code rounds} times with Poisson(1) weights on the training rows, seeded.
 *
 * <p>The stages before the regression (cast, median imputer, string indexer, one-hot encoder,
 * assembler, scaler) do not read the weight column, so they are fitted once and their output
 * vectors cached; each round refits only the regression on them. The replicates are the ones a
 * refit of the whole pipeline gives (same vectors, same partitions), without its 3 extra jobs and
 * its recomputation per round. Rounds are independent, so {@link ParallelFits} runs two at once.
 */
final class LogisticBootstrap {
  private LogisticBootstrap() {}

  /** One coefficient array per round, in driver order. */
  static List<double[]> replicates(
      ModelPipelines.Spec logistic, ParamMap best, Dataset<Row> fit, int rounds, int seed) {
    List<double[]> out = new ArrayList<>();
    if (rounds == 0) {
      return out;
    }
    PipelineStage[] stages = logistic.pipeline().getStages();
    LogisticRegression regression = (LogisticRegression) stages[stages.length - 1];
    Dataset<Row> vectors =
        toVectors(new Pipeline().setStages(Arrays.copyOf(stages, stages.length - 1)), fit)
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      out.addAll(
          ParallelFits.run(
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
                      .toArray()));
    } finally {
      vectors.unpersist();
    }
    return out;
  }

  /** Keys, label, weight and the scaled feature vector of the fit rows. */
  private static Dataset<Row> toVectors(Pipeline preparation, Dataset<Row> fit) {
    return preparation
        .fit(fit)
        .transform(fit)
        .select(
            col(TrainingSet.AS_OF),
            col(TrainingSet.CUSTOMER_ID),
            col(TrainingSet.LABEL),
            col(TrainingSet.WEIGHT),
            col(ModelPipelines.FEATURES));
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
