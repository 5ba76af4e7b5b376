package io.effortlens.model;

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

  static DriverEffects.Inputs of(
      Dataset<Row> all,
      Backtest main,
      List<Backtest> windows,
      List<Driver> candidates,
      Fitted fitted,
      PipelineModel chosen,
      TrainSettings s) {
    SparkSession spark = all.sparkSession();
    TrainJob.describe(spark, "train: driver references");
    List<Driver> drivers = DriverReferences.inSupport(fitted.fit(), candidates);
    TrainJob.describe(spark, "train: logistic bootstrap");
    double[] coefficients = LogisticBootstrap.coefficients(fitted.logistic());
    List<double[]> replicates =
        LogisticBootstrap.replicates(
            (LogisticRegression) fitted.logisticSpec().classifier(),
            fitted.logisticTuned().best(),
            fitted.logisticTuned().vectors(),
            s.bootstrapRounds(),
            s.seed());
    TrainJob.describe(spark, "train: permutation importance");
    Map<String, Double> permutation =
        PermutationImportance.of(fitted.gbt(), fitted.test(), drivers, s.seed());
    TrainJob.describe(spark, "train: attribution");
    Map<String, double[]> avoided =
        Attribution.avoided(chosen, fitted.test(), drivers, s.bootstrapRounds(), s.seed());
    Map<String, Long> support = Attribution.support(fitted.test(), drivers);
    DriverEffects.Inputs draft =
        new DriverEffects.Inputs(
            drivers, coefficients, replicates, permutation, avoided, support, null, s.minSupport());
    TrainJob.describe(spark, "train: stability windows");
    Double stability = stability(all, windows, drivers, fitted, chosen, draft, s);
    String gap = stabilityGap(windows, stability, s.stabilityWindows());
    if (gap != null) {
      LOG.warn("stage=train-stability stability_spearman={} not computed: {}", stability, gap);
    }
    logWithoutReference(draft);
    return new DriverEffects.Inputs(
        drivers,
        coefficients,
        replicates,
        permutation,
        avoided,
        support,
        stability,
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

  /** Mean Spearman between the main ranks and each earlier window's, or null without windows. */
  private static Double stability(
      Dataset<Row> all,
      List<Backtest> windows,
      List<Driver> drivers,
      Fitted fitted,
      PipelineModel chosen,
      DriverEffects.Inputs main,
      TrainSettings s) {
    if (windows.isEmpty()) {
      return null;
    }
    Map<String, Double> mainValues = rankedValues(main);
    boolean gbt = chosen == fitted.gbt();
    ModelPipelines.Spec spec = gbt ? fitted.gbtSpec() : fitted.logisticSpec();
    ParamMap best = gbt ? fitted.gbtTuned().best() : fitted.logisticTuned().best();
    double sum = 0;
    for (Backtest w : windows) {
      Dataset<Row> rows = withoutEmptyDrivers(all, drivers, w);
      Dataset<Row> weighted = Fitted.weighted(TrainJob.rows(rows, w.fit()));
      Dataset<Row> fit = TrainingSet.inStableOrder(weighted, s.regressionPartitions());
      PipelineModel model =
          ModelPipelines.calibrate(
              ModelPipelines.refit(spec, fit, best), TrainJob.rows(rows, List.of(w.calibration())));
      Map<String, double[]> avoided =
          Attribution.avoided(model, TrainJob.rows(rows, w.test()), drivers, 0, s.seed());
      Map<String, Double> values = new LinkedHashMap<>();
      mainValues.keySet().forEach(k -> values.put(k, avoided.get(k)[0]));
      double rho = DriverEffects.spearman(mainValues, values);
      LOG.info("stage=train-stability window_test={} spearman={}", w.test(), rho);
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
    List<Driver> present = TrainJob.present(TrainJob.rows(all, window.fit()), drivers);
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
