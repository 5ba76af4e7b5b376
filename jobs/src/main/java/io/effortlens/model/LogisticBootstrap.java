package io.effortlens.model;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Bootstrap replicates of the logistic coefficients (per standard deviation): the tuned pipeline
 * refitted {@code rounds} times with Poisson(1) weights on the training rows, seeded.
 */
final class LogisticBootstrap {
  private LogisticBootstrap() {}

  /** One coefficient array per round, in driver order. */
  static List<double[]> replicates(
      ModelPipelines.Spec logistic, ParamMap best, Dataset<Row> fit, int rounds, int seed) {
    List<double[]> out = new ArrayList<>();
    for (int b = 0; b < rounds; b++) {
      Dataset<Row> weighted =
          fit.withColumn(
              TrainingSet.WEIGHT, col(TrainingSet.WEIGHT).multiply(PoissonWeights.of(seed, b)));
      PipelineModel model = (PipelineModel) logistic.pipeline().fit(weighted, best);
      out.add(coefficients(model));
    }
    return out;
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
