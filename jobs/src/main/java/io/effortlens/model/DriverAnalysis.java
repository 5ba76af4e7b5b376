package io.effortlens.model;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures every driver of a trained run: logistic coefficients with bootstrap intervals, GBT
 * permutation importance, counterfactual attribution with the chosen model, support, and the
 * stability of the attribution ranks over earlier rolling-origin windows (the chosen model kind,
 * refitted with its tuned parameters on each window).
 */
final class DriverAnalysis {
  private static final Logger LOG = LoggerFactory.getLogger(DriverAnalysis.class);

  private DriverAnalysis() {}

  /**
   * The references first (every other measure reads them); then the bootstrap, the permutation
   * importance, the attribution and each stability window's refit run side by side on driver
   * threads of their own ({@link ParallelFits#start}): independent chains of small jobs, each
   * seeded on its own inputs, so the measures are those of one after the other.
   */
  static DriverEffects.Inputs of(
      TrainingFrames frames, Fitted fitted, PipelineModel chosen, TrainSettings s) {
    SparkSession spark = frames.all().sparkSession();
    TrainJob.describe(spark, "train: driver references");
    List<Driver> drivers = DriverReferences.inSupport(fitted.fit(), frames.drivers());
    List<ParallelFits.Step<Map<String, double[]>>> windows =
        windows(frames, drivers, fitted, chosen, s);
    ParallelFits.Step<List<BatchedLogistic.Solution>> refits =
        ParallelFits.start(
            spark,
            "train: logistic bootstrap",
            () ->
                LogisticBootstrap.refits(
                    (LogisticRegression) fitted.logisticSpec().classifier(),
                    fitted.logisticTuned().best(),
                    fitted.logisticTuned().vectors(),
                    s.bootstrapRounds(),
                    s.seed()));
    ParallelFits.Step<Map<String, Double>> permutation =
        ParallelFits.start(
            spark,
            "train: permutation importance",
            () ->
                PermutationImportance.of(
                    fitted.gbtTuned().model(), fitted.test(), drivers, s.seed()));
    List<ParallelFits.Step<?>> started = new ArrayList<>(windows);
    started.add(refits);
    started.add(permutation);
    DriverEffects.Inputs draft =
        ParallelFits.whileRunning(
            started, () -> attributed(fitted, chosen, drivers, refits, permutation, s));
    Double stability =
        ParallelFits.whileRunning(started, () -> stability(frames.windows(), windows, draft));
    String gap = stabilityGap(frames.windows(), stability, s.stabilityWindows());
    if (gap != null) {
      LOG.warn("stage=train-stability stability_spearman={} not computed: {}", stability, gap);
    }
    logWithoutReference(draft);
    return new DriverEffects.Inputs(
        drivers,
        draft.coefficients(),
        draft.coefficientReplicates(),
        draft.permutation(),
        draft.avoided(),
        draft.support(),
        stability,
        s.minSupport());
  }

  /** The label's mean over the fit rows, whose balanced class weights the refits carry. */
  private static double positiveShare(Dataset<Row> fit) {
    return fit.agg(avg(col(TrainingSet.LABEL))).first().getDouble(0);
  }

  /**
   * The attribution, its replicates scored with the refitted logistics (the model's uncertainty
   * enters the intervals, not only the test customers': docs/model.md), while the permutation
   * importance still runs (joined only after).
   */
  private static DriverEffects.Inputs attributed(
      Fitted fitted,
      PipelineModel chosen,
      List<Driver> drivers,
      ParallelFits.Step<List<BatchedLogistic.Solution>> refits,
      ParallelFits.Step<Map<String, Double>> permutation,
      TrainSettings s) {
    List<BatchedLogistic.Solution> models = refits.join();
    TrainJob.describe(fitted.test().sparkSession(), "train: attribution");
    Map<String, double[]> avoided =
        Attribution.refitted(
            chosen,
            fitted.logistic(),
            fitted.test(),
            drivers,
            models,
            Attribution.priorShift(positiveShare(fitted.fit())),
            s.seed());
    Map<String, Long> support = Attribution.support(fitted.test(), drivers);
    return new DriverEffects.Inputs(
        drivers,
        LogisticBootstrap.coefficients(fitted.logistic()),
        models.stream().map(BatchedLogistic.Solution::coefficients).toList(),
        permutation.join(),
        avoided,
        support,
        null,
        s.minSupport());
  }

  /**
   * Says in one line which drivers are not in the pie and how they are ranked instead (by
   * permutation importance, in that order); the summary and the report give each one's reason.
   */
  private static void logWithoutReference(DriverEffects.Inputs in) {
    List<DriverEffects.Unreferenced> without = DriverEffects.withoutReference(in);
    if (without.isEmpty()) {
      return;
    }
    LOG.info(
        "stage=train-drivers without_reference={} defections_avoided=not computed;"
            + " ranked by permutation importance: {}",
        without.size(),
        without.stream()
            .map(
                u ->
                    u.driver()
                        + "="
                        + String.format(Locale.ROOT, "%.4f", u.permutationImportance()))
            .collect(Collectors.joining(", ")));
  }

  /**
   * Why stability_spearman is null or NaN, or null when it was computed: no window was asked for,
   * too few snapshots for an earlier window, or too few drivers ranked in both.
   */
  static String stabilityGap(List<Backtest> windows, Double stability, int requested) {
    if (requested <= 0) {
      return "train.stability-windows is " + requested;
    }
    if (windows.isEmpty()) {
      return "too few snapshots: no fully observed snapshot before the test period has 2 earlier"
          + " snapshots whose label horizon ends by it (train.stability-windows="
          + requested
          + ")";
    }
    if (stability == null || stability.isNaN()) {
      return "fewer than 2 drivers are ranked in both the main backtest and an earlier window";
    }
    return null;
  }

  /**
   * Each earlier window's attribution by the chosen model kind, refitted with its tuned parameters
   * on the window's fit rows and calibrated on its calibration snapshot; started on threads of
   * their own.
   */
  private static List<ParallelFits.Step<Map<String, double[]>>> windows(
      TrainingFrames frames,
      List<Driver> drivers,
      Fitted fitted,
      PipelineModel chosen,
      TrainSettings s) {
    boolean gbt = chosen == fitted.gbt();
    ModelPipelines.Spec spec = gbt ? fitted.gbtSpec() : fitted.logisticSpec();
    ParamMap best = gbt ? fitted.gbtTuned().best() : fitted.logisticTuned().best();
    Dataset<Row> all = frames.all();
    List<ParallelFits.Step<Map<String, double[]>>> out = new ArrayList<>();
    for (Backtest w : frames.windows()) {
      out.add(
          ParallelFits.start(
              all.sparkSession(),
              "train: stability windows",
              () -> window(all, w, drivers, spec, best, s)));
    }
    return out;
  }

  /** One window's attribution by {@code spec} refitted with {@code best} on its fit rows. */
  private static Map<String, double[]> window(
      Dataset<Row> all,
      Backtest w,
      List<Driver> drivers,
      ModelPipelines.Spec spec,
      ParamMap best,
      TrainSettings s) {
    Dataset<Row> rows = withoutEmptyDrivers(all, drivers, w);
    Dataset<Row> weighted = Fitted.weighted(TrainingFrames.rows(rows, w.fit()));
    // persisted: each preparation stage's fit reads these rows, which would otherwise repeat their
    // shuffle and sort
    Dataset<Row> fit =
        TrainingSet.inStableOrder(weighted, s.regressionPartitions())
            .persist(StorageLevel.MEMORY_AND_DISK());
    PipelineModel model;
    try {
      model =
          ModelPipelines.calibrate(
              ModelPipelines.refit(spec, fit, best),
              TrainingFrames.rows(rows, List.of(w.calibration())));
    } finally {
      fit.unpersist();
    }
    return Attribution.avoided(model, TrainingFrames.rows(rows, w.test()), drivers, 0, s.seed());
  }

  /** Mean Spearman between the main ranks and each earlier window's, or null without windows. */
  private static Double stability(
      List<Backtest> windows,
      List<ParallelFits.Step<Map<String, double[]>>> attributions,
      DriverEffects.Inputs main) {
    if (windows.isEmpty()) {
      return null;
    }
    Map<String, Double> mainValues = rankedValues(main);
    double sum = 0;
    for (int i = 0; i < windows.size(); i++) {
      Map<String, double[]> avoided = attributions.get(i).join();
      Map<String, Double> values = new LinkedHashMap<>();
      mainValues.keySet().forEach(k -> values.put(k, avoided.get(k)[0]));
      double rho = DriverEffects.spearman(mainValues, values);
      LOG.info("stage=train-stability window_test={} spearman={}", windows.get(i).test(), rho);
      sum += rho;
    }
    return sum / windows.size();
  }

  /**
   * An earlier window may have a driver without any value in its fit rows (a recency such as days
   * since an expedite before anyone got one), which the imputer cannot fill. Such a driver is a
   * constant 0 in that window: it carries no information there, and as a driver without a "no
   * effort" reference it is not ranked, so the ranks compared are unaffected.
   */
  private static Dataset<Row> withoutEmptyDrivers(
      Dataset<Row> all, List<Driver> drivers, Backtest window) {
    List<Driver> present = TrainingFrames.present(TrainingFrames.rows(all, window.fit()), drivers);
    Dataset<Row> out = all;
    List<String> empty = new ArrayList<>();
    for (Driver d : drivers) {
      if (!present.contains(d)) {
        empty.add(d.name());
        out =
            out.withColumn(
                d.name(),
                coalesce(
                    col("`" + d.name() + "`"),
                    lit(0).cast(all.schema().apply(d.name()).dataType())));
      }
    }
    if (!empty.isEmpty()) {
      LOG.info(
          "stage=train-stability window_test={} drivers_without_values={} (constant 0 there)",
          window.test(),
          empty);
    }
    return out;
  }

  private static Map<String, Double> rankedValues(DriverEffects.Inputs in) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (String name : new ArrayList<>(DriverEffects.ranks(in).keySet())) {
      out.put(name, in.avoided().get(name)[0]);
    }
    return out;
  }
}
