package io.effortlens.model;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.effortlens.testing.SparkSessionExtension;
import java.util.List;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.TrainValidationSplit;
import org.apache.spark.ml.tuning.TrainValidationSplitModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tuning prepares the vectors once per split and fits only the classifier per grid point; this
 * proves it gives what TrainValidationSplit over the whole pipeline gave (the method it replaces).
 */
@ExtendWith(SparkSessionExtension.class)
class ModelPipelinesTest {
  private static final List<String> CATEGORIES = List.of("plan");
  private static final int GBT_ROUNDS = 5;

  @Test
  void tuningGivesTheValidationMetricsAndModelOfASplitOverTheWholePipeline(SparkSession spark) {
    Dataset<Row> fit = TrainingSet.inStableOrder(LogisticBootstrapTest.fitRows(spark), 1).cache();
    for (ModelPipelines.Spec spec :
        List.of(ModelPipelines.logistic(LogisticBootstrapTest.DRIVERS, CATEGORIES), gbt())) {
      TrainValidationSplitModel whole =
          new TrainValidationSplit()
              .setEstimator(spec.pipeline())
              .setEstimatorParamMaps(spec.grid())
              .setEvaluator(ModelPipelines.evaluator("areaUnderPR"))
              .setTrainRatio(0.75)
              .setSeed(11)
              .fit(fit);
      ModelPipelines.Tuned tuned = ModelPipelines.tune(spec, fit, 11);
      double bestWhole = java.util.Arrays.stream(whole.validationMetrics()).max().orElseThrow();
      assertEquals(bestWhole, tuned.validationAucPr(), 0.0, spec.name() + " validation AUC-PR");
      assertEquals(
          probabilities((PipelineModel) whole.bestModel(), fit),
          probabilities(tuned.model(), fit),
          spec.name() + " refitted model");
      tuned.vectors().unpersist();
    }
  }

  @Test
  void preparingOnceThenFittingTheClassifierEqualsFittingTheWholePipeline(SparkSession spark) {
    Dataset<Row> fit = LogisticBootstrapTest.fitRows(spark);
    for (ModelPipelines.Spec spec :
        List.of(ModelPipelines.logistic(LogisticBootstrapTest.DRIVERS, CATEGORIES), gbt())) {
      ParamMap best = spec.grid()[spec.grid().length - 1];
      PipelineModel whole = (PipelineModel) spec.pipeline().fit(fit, best);
      PipelineModel twoSteps = ModelPipelines.refit(spec, fit, best);
      assertEquals(whole.stages().length, twoSteps.stages().length, spec.name() + " stages");
      assertEquals(probabilities(whole, fit), probabilities(twoSteps, fit), spec.name());
    }
  }

  @Test
  void theTunedLogisticHasTheCoefficientsOfTheWholePipelineWithTheBestParameters(
      SparkSession spark) {
    Dataset<Row> fit = LogisticBootstrapTest.fitRows(spark);
    ModelPipelines.Spec spec = ModelPipelines.logistic(LogisticBootstrapTest.DRIVERS, CATEGORIES);
    ModelPipelines.Tuned tuned = ModelPipelines.tune(spec, fit, 11);
    PipelineModel whole = (PipelineModel) spec.pipeline().fit(fit, tuned.best());
    assertArrayEquals(
        LogisticBootstrap.coefficients(whole),
        LogisticBootstrap.coefficients(tuned.model()),
        0.0,
        "the same vectors, rows and order give the same coefficients");
    tuned.vectors().unpersist();
  }

  /**
   * The shipped GBT spec with {@value #GBT_ROUNDS} boosting rounds instead of 40: what is compared
   * (the same prepared vectors, rows, order and seeded subsampling into the classifier) already
   * decides the first tree, so more rounds prove nothing more and cost a Spark job per round.
   */
  private static ModelPipelines.Spec gbt() {
    ModelPipelines.Spec spec = ModelPipelines.gbt(LogisticBootstrapTest.DRIVERS, CATEGORIES, 7);
    ((GBTClassifier) spec.classifier()).setMaxIter(GBT_ROUNDS);
    return spec;
  }

  private static List<Row> probabilities(PipelineModel model, Dataset<Row> rows) {
    return model
        .transform(rows)
        .select(
            col(TrainingSet.AS_OF),
            col(TrainingSet.CUSTOMER_ID),
            org.apache.spark.ml.functions.vector_to_array(
                col(ModelPipelines.PROBABILITY), "float64"))
        .orderBy(TrainingSet.AS_OF, TrainingSet.CUSTOMER_ID)
        .collectAsList();
  }
}
