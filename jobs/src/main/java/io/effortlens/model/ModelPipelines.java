package io.effortlens.model;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.feature.Imputer;
import org.apache.spark.ml.feature.OneHotEncoder;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.regression.IsotonicRegression;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.ml.tuning.TrainValidationSplit;
import org.apache.spark.ml.tuning.TrainValidationSplitModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The two defection models as MLlib pipelines of built-in stages, their hyper-parameter search and
 * their calibration. Both read the customer_features columns of their drivers (cast to double,
 * nulls imputed with the training median) and end, once calibrated, in {@link
 * #DEFECTION_PROBABILITY}: the saved {@link PipelineModel} scores a customer_features frame with
 * one {@code transform}.
 */
public final class ModelPipelines {
  /** The calibrated probability of defecting within the label horizon (output of the model). */
  public static final String DEFECTION_PROBABILITY = "defection_probability";

  static final String LOGISTIC = "logistic";
  static final String GBT = "gbt";
  static final String PROBABILITY = "probability";
  static final String FEATURES = "features";
  private static final String ASSEMBLED = "features_assembled";
  private static final String CLASS = "predicted_class";
  private static final double TRAIN_RATIO = 0.75;

  private ModelPipelines() {}

  /** A model kind: its pipeline and its small hyper-parameter grid. */
  record Spec(String name, Pipeline pipeline, ParamMap[] grid) {}

  static Spec logistic(List<Driver> drivers, List<String> categories) {
    LogisticRegression lr =
        new LogisticRegression()
            .setFeaturesCol(FEATURES)
            .setLabelCol(TrainingSet.LABEL)
            .setWeightCol(TrainingSet.WEIGHT)
            .setPredictionCol(CLASS)
            .setStandardization(false)
            .setMaxIter(50);
    ParamMap[] grid =
        new ParamGridBuilder()
            .addGrid(lr.regParam(), new double[] {0.001, 0.01})
            .addGrid(lr.elasticNetParam(), new double[] {0.0, 0.5})
            .build();
    StandardScaler scaler =
        new StandardScaler().setInputCol(ASSEMBLED).setOutputCol(FEATURES).setWithStd(true);
    return new Spec(LOGISTIC, pipeline(drivers, categories, ASSEMBLED, scaler, lr), grid);
  }

  static Spec gbt(List<Driver> drivers, List<String> categories, int seed) {
    GBTClassifier gbt =
        new GBTClassifier()
            .setFeaturesCol(FEATURES)
            .setLabelCol(TrainingSet.LABEL)
            .setWeightCol(TrainingSet.WEIGHT)
            .setPredictionCol(CLASS)
            .setMaxIter(40)
            .setStepSize(0.1)
            .setSubsamplingRate(0.8)
            .setSeed(seed);
    ParamMap[] grid = new ParamGridBuilder().addGrid(gbt.maxDepth(), new int[] {2, 4}).build();
    return new Spec(GBT, pipeline(drivers, categories, FEATURES, gbt), grid);
  }

  /**
   * Cast → impute → [index and one-hot encode the categorical profile columns] → assemble → {@code
   * tail}. The drivers come first in the assembled vector, in order, so model coefficients line up
   * with them.
   */
  private static Pipeline pipeline(
      List<Driver> drivers, List<String> categories, String assembled, PipelineStage... tail) {
    String[] inputs = drivers.stream().map(Driver::input).toArray(String[]::new);
    String[] imputed = drivers.stream().map(Driver::imputed).toArray(String[]::new);
    String casts =
        drivers.stream()
            .map(d -> "CAST(`" + d.name() + "` AS DOUBLE) AS `" + d.input() + "`")
            .collect(Collectors.joining(", "));
    List<PipelineStage> stages = new ArrayList<>();
    stages.add(new SQLTransformer().setStatement("SELECT *, " + casts + " FROM __THIS__"));
    stages.add(new Imputer().setStrategy("median").setInputCols(inputs).setOutputCols(imputed));
    List<String> vector = new ArrayList<>(List.of(imputed));
    if (!categories.isEmpty()) {
      String[] cats = categories.toArray(String[]::new);
      String[] indexed = categories.stream().map(c -> "s__" + c).toArray(String[]::new);
      String[] encoded = categories.stream().map(c -> "o__" + c).toArray(String[]::new);
      stages.add(
          new StringIndexer()
              .setInputCols(cats)
              .setOutputCols(indexed)
              .setHandleInvalid("keep")
              .setStringOrderType("alphabetAsc"));
      stages.add(
          new OneHotEncoder()
              .setInputCols(indexed)
              .setOutputCols(encoded)
              .setHandleInvalid("keep"));
      vector.addAll(List.of(encoded));
    }
    stages.add(
        new VectorAssembler()
            .setInputCols(vector.toArray(String[]::new))
            .setOutputCol(assembled)
            .setHandleInvalid("keep"));
    stages.addAll(List.of(tail));
    return new Pipeline().setStages(stages.toArray(PipelineStage[]::new));
  }

  /** The tuned classifier: the grid's best by validation AUC-PR, refitted on all of {@code fit}. */
  record Tuned(PipelineModel model, ParamMap best, double validationAucPr) {}

  static Tuned tune(Spec spec, Dataset<Row> fit, int seed) {
    TrainValidationSplit tvs =
        new TrainValidationSplit()
            .setEstimator(spec.pipeline())
            .setEstimatorParamMaps(spec.grid())
            .setEvaluator(evaluator("areaUnderPR"))
            .setTrainRatio(TRAIN_RATIO)
            // two grid points fitted at once: each fit is seeded and reads the same split, so the
            // models are the same; on small data a fit is mostly job latency, and overlapping two
            // took the CI lake's train-fit from 97.0 to 81.7 s (one run each, equal outputs)
            .setParallelism(2)
            .setSeed(seed);
    TrainValidationSplitModel model = tvs.fit(fit);
    double[] metrics = model.validationMetrics();
    int best = 0;
    for (int i = 1; i < metrics.length; i++) {
      best = metrics[i] > metrics[best] ? i : best;
    }
    return new Tuned((PipelineModel) model.bestModel(), spec.grid()[best], metrics[best]);
  }

  /**
   * The classifier followed by an isotonic regression of the label on its probability, fitted on
   * the held-out {@code calibration} rows: one PipelineModel ending in {@link
   * #DEFECTION_PROBABILITY}.
   */
  static PipelineModel calibrate(PipelineModel classifier, Dataset<Row> calibration) {
    IsotonicRegression isotonic =
        new IsotonicRegression()
            .setFeaturesCol(PROBABILITY)
            .setFeatureIndex(1)
            .setLabelCol(TrainingSet.LABEL)
            .setPredictionCol(DEFECTION_PROBABILITY);
    return new Pipeline().setStages(new PipelineStage[] {classifier, isotonic}).fit(calibration);
  }

  static BinaryClassificationEvaluator evaluator(String metric) {
    return new BinaryClassificationEvaluator()
        .setLabelCol(TrainingSet.LABEL)
        .setRawPredictionCol(PROBABILITY)
        .setMetricName(metric);
  }
}
