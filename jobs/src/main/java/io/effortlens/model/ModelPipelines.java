package io.effortlens.model;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.Predictor;
import org.apache.spark.ml.Transformer;
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

  /**
   * A model kind: its preparation stages (cast, impute, encode, assemble and, for the logistic,
   * scale into {@link #FEATURES}; none reads the label or the weight), its classifier and its small
   * hyper-parameter grid (classifier parameters only).
   */
  record Spec(String name, Pipeline preparation, Predictor<?, ?, ?> classifier, ParamMap[] grid) {
    /** Preparation then classifier: what {@link #tune} and {@link #refit} fit in two steps. */
    Pipeline pipeline() {
      List<PipelineStage> stages = new ArrayList<>(List.of(preparation.getStages()));
      stages.add(classifier);
      return new Pipeline().setStages(stages.toArray(PipelineStage[]::new));
    }
  }

  static Spec logistic(List<Driver> drivers, List<String> categories) {
    return logistic(drivers, categories, Map.of());
  }

  static Spec gbt(List<Driver> drivers, List<String> categories, int seed) {
    return gbt(drivers, categories, Map.of(), seed);
  }

  /**
   * @param capped per category with too many levels, the levels kept (see {@link
   *     TrainingSet#cappedLevels}); the others are mapped to {@link TrainingSet#OTHER_LEVEL}
   */
  static Spec logistic(
      List<Driver> drivers, List<String> categories, Map<String, List<String>> capped) {
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
    return new Spec(
        LOGISTIC, preparation(drivers, categories, capped, ASSEMBLED, scaler), lr, grid);
  }

  static Spec gbt(
      List<Driver> drivers, List<String> categories, Map<String, List<String>> capped, int seed) {
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
    return new Spec(GBT, preparation(drivers, categories, capped, FEATURES), gbt, grid);
  }

  /**
   * Cast → impute → [map the rare levels of capped categories to "other", index and one-hot encode
   * the categorical profile columns] → assemble → {@code tail} (the scaler of the logistic). The
   * drivers come first in the assembled vector, in order, so model coefficients line up with them.
   */
  private static Pipeline preparation(
      List<Driver> drivers,
      List<String> categories,
      Map<String, List<String>> capped,
      String assembled,
      PipelineStage... tail) {
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
      if (!capped.isEmpty()) {
        stages.add(new SQLTransformer().setStatement(cappedLevels(capped)));
      }
      String[] cats =
          categories.stream()
              .map(c -> capped.containsKey(c) ? "k__" + c : c)
              .toArray(String[]::new);
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

  /**
   * {@code SELECT *, CASE WHEN c IN (kept…) THEN c WHEN c IS NOT NULL THEN 'other' END AS k__c}.
   */
  private static String cappedLevels(Map<String, List<String>> capped) {
    String columns =
        capped.entrySet().stream()
            .map(
                e ->
                    "CASE WHEN `"
                        + e.getKey()
                        + "` IN ("
                        + e.getValue().stream()
                            .map(ModelPipelines::literal)
                            .collect(Collectors.joining(", "))
                        + ") THEN `"
                        + e.getKey()
                        + "` WHEN `"
                        + e.getKey()
                        + "` IS NOT NULL THEN "
                        + literal(TrainingSet.OTHER_LEVEL)
                        + " END AS `k__"
                        + e.getKey()
                        + "`")
            .collect(Collectors.joining(", "));
    return "SELECT *, " + columns + " FROM __THIS__";
  }

  private static String literal(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  /**
   * The tuned model: preparation and classifier, the grid's best by validation AUC-PR refitted on
   * all of {@code fit}; with the prepared vectors of {@code fit} (stored, for refits with other
   * weights; {@link StoredRows#release} when done).
   */
  record Tuned(PipelineModel model, ParamMap best, double validationAucPr, Dataset<Row> vectors) {}

  /**
   * What MLlib's {@code TrainValidationSplit} over the whole pipeline gives (the same seeded split,
   * the same validation AUC-PR per grid point, the best refitted on all of {@code fit}), with the
   * preparation fitted twice instead of once per grid point and refit: on the training split (its
   * vectors and the validation split's stored narrow, {@link StoredRows}, so each grid point fits
   * only the classifier) and on all fit rows (their vectors stored for the refit and the
   * bootstrap).
   */
  static Tuned tune(Spec spec, Dataset<Row> fit, int seed) {
    // the split TrainValidationSplit draws: randomSplit of these same columns and partitions
    Dataset<Row>[] split = fit.randomSplit(new double[] {TRAIN_RATIO, 1 - TRAIN_RATIO}, seed);
    PipelineModel splitPreparation = spec.preparation().fit(split[0]);
    Dataset<Row> training = StoredRows.of(toVectors(splitPreparation, split[0]));
    Dataset<Row> validation = StoredRows.of(toVectors(splitPreparation, split[1]));
    double[] metrics;
    try {
      metrics = validationAucPr(spec, training, validation);
    } finally {
      StoredRows.release(training);
      StoredRows.release(validation);
    }
    int best = 0;
    for (int i = 1; i < metrics.length; i++) {
      best = metrics[i] > metrics[best] ? i : best;
    }
    PipelineModel preparation = spec.preparation().fit(fit);
    Dataset<Row> vectors = StoredRows.of(toVectors(preparation, fit));
    Transformer classifier = spec.classifier().fit(vectors, spec.grid()[best]);
    return new Tuned(
        compose(preparation, classifier, fit), spec.grid()[best], metrics[best], vectors);
  }

  /**
   * Validation AUC-PR of each grid point, two fitted at once: each fit is seeded and reads the same
   * split, so the models are the same; on small data a fit is mostly job latency.
   */
  private static double[] validationAucPr(
      Spec spec, Dataset<Row> training, Dataset<Row> validation) {
    BinaryClassificationEvaluator evaluator = evaluator("areaUnderPR");
    return ParallelFits.run(
            spec.grid().length,
            2,
            i ->
                evaluator.evaluate(
                    spec.classifier().fit(training, spec.grid()[i]).transform(validation)))
        .stream()
        .mapToDouble(Double::doubleValue)
        .toArray();
  }

  /** {@code spec} with {@code params} fitted on {@code fit}: the whole pipeline's model. */
  static PipelineModel refit(Spec spec, Dataset<Row> fit, ParamMap params) {
    PipelineModel preparation = spec.preparation().fit(fit);
    Dataset<Row> vectors = StoredRows.of(toVectors(preparation, fit));
    try {
      return compose(preparation, (Transformer) spec.classifier().fit(vectors, params), fit);
    } finally {
      StoredRows.release(vectors);
    }
  }

  /**
   * The stages of a fitted pipeline, nested pipelines (a calibrated model's classifier) flattened
   * in place, in the order they transform.
   */
  static List<Transformer> stages(PipelineModel model) {
    List<Transformer> out = new ArrayList<>();
    for (Transformer t : model.stages()) {
      if (t instanceof PipelineModel inner) {
        out.addAll(stages(inner));
      } else {
        out.add(t);
      }
    }
    return out;
  }

  /**
   * Keys, label, weight and {@link #FEATURES} of the prepared rows: narrow, so that caching them
   * and every MLlib job over them (one per L-BFGS iteration or tree level) carry 5 columns, not the
   * ~160 of the feature plan. Row order and partitions are those of {@code fit}.
   */
  static Dataset<Row> toVectors(PipelineModel preparation, Dataset<Row> fit) {
    return preparation
        .transform(fit)
        .select(
            col(TrainingSet.AS_OF),
            col(TrainingSet.CUSTOMER_ID),
            col(TrainingSet.LABEL),
            col(TrainingSet.WEIGHT),
            col(FEATURES));
  }

  /**
   * One flat PipelineModel of the fitted preparation stages and the classifier: the stages a whole
   * pipeline's fit gives (fitting a pipeline of transformers fits nothing).
   */
  private static PipelineModel compose(
      PipelineModel preparation, Transformer classifier, Dataset<Row> fit) {
    List<PipelineStage> stages = new ArrayList<>(List.of(preparation.stages()));
    stages.add(classifier);
    return new Pipeline().setStages(stages.toArray(PipelineStage[]::new)).fit(fit);
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
