package io.effortlens.model;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;

import io.effortlens.Elapsed;
import io.effortlens.Version;
import io.effortlens.lake.Fingerprint;
import io.effortlens.lake.Lake;
import io.effortlens.lake.ModelFolders;
import io.effortlens.lake.RunContext;
import io.effortlens.lake.Table;
import io.effortlens.model.causal.DelightEffectSchema;
import io.effortlens.model.causal.DelightEffects;
import io.effortlens.model.causal.DelightSettings;
import io.effortlens.model.causal.DelightTrainingRows;
import io.effortlens.model.survival.TimeToDefection;
import io.effortlens.model.survival.TimeToDefectionModel;
import io.effortlens.model.tracking.MlflowTracker;
import io.effortlens.scoring.Registry;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.collection.JavaConverters;

/**
 * {@code effortlens train}: backtest by time, fit and calibrate the logistic and GBT pipelines,
 * measure them on the test period, choose one, gate it against the current model, save it and write
 * model_metrics, driver_effects and model_registry.
 */
public final class TrainJob {
  private static final Logger LOG = LoggerFactory.getLogger(TrainJob.class);

  /** The model_metrics model of the time-to-defection model. */
  public static final String SURVIVAL = "survival";

  private TrainJob() {}

  public static TrainResult run(RunContext ctx, TrainSettings settings) {
    return run(ctx, settings, Optional.empty());
  }

  /**
   * Trains; with a {@code tracker} the run is also logged to MLflow (before the registry row, which
   * records its run id).
   */
  public static TrainResult run(
      RunContext ctx, TrainSettings settings, Optional<MlflowTracker> tracker) {
    Lake lake = ctx.lake();
    long start = System.nanoTime();
    describe(ctx, "train: plan backtest");
    Dataset<Row> features = lake.read(Table.CUSTOMER_FEATURES, "features");
    Dataset<Row> labels = lake.read(Table.DEFECTION_LABELS, "features");
    List<Row> catalog = lake.read(Table.FEATURE_CATALOG, "features").collectAsList();
    List<Backtest.Snapshot> snapshots =
        TrainingSet.snapshots(TrainingSet.toSnapshotCoverage(labels).collectAsList());
    Backtest main = Backtest.plan(snapshots, settings.testSnapshots(), settings.asOf());
    List<Backtest> windows =
        Backtest.rollingOrigins(snapshots, main, settings.stabilityWindows(), settings.asOf());
    List<LocalDate> used = new ArrayList<>(main.training());
    used.addAll(main.test());
    windows.forEach(
        w -> {
          used.addAll(w.training());
          used.addAll(w.test());
        });
    List<Driver> candidates = TrainingSet.drivers(catalog, features.schema());
    List<String> categories = TrainingSet.categories(catalog, features.schema());
    List<LocalDate> usedSnapshots = used.stream().distinct().toList();
    Dataset<Row> all =
        TrainingSet.inStableOrder(
                TrainingSet.labelled(features, labels, candidates, categories, usedSnapshots),
                usedSnapshots.size())
            .cache();
    List<Driver> drivers = present(rows(all, main.fit()), candidates);
    logLeftOut(TrainingSet.leftOut(catalog, features.schema()), candidates, drivers);
    log("train-set", "labelled_rows=" + all.count(), start);

    Fitted fitted = Fitted.of(all, main, drivers, categories, settings);
    describe(ctx, "train: measure");
    Map<String, List<Metric>> metrics = new LinkedHashMap<>();
    metrics.put(ModelPipelines.LOGISTIC, measure(fitted.logistic(), fitted.test()));
    metrics.put(ModelPipelines.GBT, measure(fitted.gbt(), fitted.test()));
    describe(ctx, "train: oracle");
    Double oracle = oracle(ctx, settings, fitted.test(), metrics);
    String chosen = choose(metrics, settings.selectionMetric());
    PipelineModel model = chosen.equals(ModelPipelines.GBT) ? fitted.gbt() : fitted.logistic();
    log(
        "train-fit",
        "models=2 fit_rows="
            + fitted.fit().count()
            + " test_rows="
            + (long) value(metrics.get(chosen), "rows"),
        start);

    describe(ctx, "train: version and regression gate");
    long catalogVersion = Fingerprint.of(lake.read(Table.FEATURE_CATALOG, "train"));
    String version = version(ctx, main, windows, drivers, Fingerprint.of(all), catalogVersion);
    Optional<ModelRegistry.Current> current = ModelRegistry.current(lake);
    double value = value(metrics.get(chosen), settings.selectionMetric());
    Double currentValue = currentValue(current, version, fitted.test(), settings.selectionMetric());
    ModelRegistry.Decision decision =
        ModelRegistry.decide(
            version,
            value,
            current,
            currentValue,
            settings.maxRegression(),
            settings.selectionMetric());

    DriverEffects.Inputs effects =
        DriverAnalysis.of(all, main, windows, drivers, fitted, model, settings);
    log("train-drivers", "drivers=" + drivers.size(), start);

    describe(ctx, "train: delight effects");
    List<LocalDate> observed = new ArrayList<>(main.training());
    observed.addAll(main.test());
    Dataset<Row> labelled =
        TrainingSet.inStableOrder(
                rows(DelightTrainingRows.load(lake), observed), settings.regressionPartitions())
            .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> delight =
        DelightEffects.estimate(
            labelled,
            DelightTrainingRows.confounders(lake, labelled),
            DelightSettings.from(ctx.settings()),
            version);
    List<Row> delightRows = delight.collectAsList(); // one row per action type
    log("train-delight", "action_types=" + delightRows.size(), start);
    describe(ctx, "train: survival");
    TimeToDefectionModel survival =
        TimeToDefection.fit(
            rows(labelled, main.training()), drivers.stream().map(Driver::name).toList());
    double concordance = survival.concordance(rows(labelled, main.test()));
    metrics.put(SURVIVAL, List.of(Metric.of(SURVIVAL, "concordance", concordance)));
    log("train-survival", "models=1 concordance=" + concordance, start);

    describe(ctx, "train: save");
    String relativePath = ModelRegistry.modelFolder(version);
    String path = lake.path(relativePath);
    save(model, path);
    survival.save(path + "/" + Registry.SURVIVAL_FOLDER);
    Timestamp trainedAt = Timestamp.from(ctx.startedAt());
    writeMetrics(ctx, version, trainedAt, metrics, chosen);
    List<Row> effectRows = DriverEffects.toRows(version, effects);
    lake.replaceWhere(
        Table.DRIVER_EFFECTS,
        lake.spark().createDataFrame(effectRows, Table.DRIVER_EFFECTS.schema()),
        "model_version = '" + version + "'");
    ctx.count("driver_effects", effectRows.size());
    DelightEffects.write(
        lake, lake.spark().createDataFrame(delightRows, DelightEffectSchema.SCHEMA), version);
    ctx.count("delight_effects", delightRows.size());
    labelled.unpersist();
    Map<String, String> params = params(fitted, settings);
    String mlflowRunId =
        tracker
            .map(
                t ->
                    TrainTracking.log(
                        t,
                        lake.spark().sparkContext().hadoopConfiguration(),
                        trackedParams(ctx, version, chosen, decision, main, params),
                        metrics,
                        List.of(
                            new TrainTracking.CsvTable(
                                "driver_effects", effectRows, Table.DRIVER_EFFECTS.schema()),
                            new TrainTracking.CsvTable(
                                "delight_effects", delightRows, DelightEffectSchema.SCHEMA)),
                        path))
            .orElse(null);
    Row registry =
        registryRow(
            ctx,
            version,
            trainedAt,
            decision,
            chosen,
            value,
            main,
            drivers,
            params,
            metrics.get(chosen),
            relativePath,
            mlflowRunId,
            settings,
            catalogVersion);
    ModelRegistry.write(lake, registry, decision);
    ctx.count("model_registry", 1);
    log("train", "model_version=" + version + " status=" + decision.status(), start);
    Map<String, Map<String, Double>> summary = new LinkedHashMap<>();
    metrics.forEach((k, v) -> summary.put(k, unbinned(v)));
    Map<String, Double> chosenMetrics = summary.get(chosen);
    long rows = chosenMetrics.get("rows").longValue();
    long positives = chosenMetrics.get("positives").longValue();
    fitted.release();
    all.unpersist();
    return new TrainResult(
        version,
        decision.status(),
        decision.publish(),
        decision.reason(),
        chosen,
        settings.selectionMetric(),
        rows,
        positives,
        summary,
        oracle,
        DriverEffects.pie(effects),
        DriverEffects.withoutShare(effects),
        DriverEffects.top(effects, 5),
        DriverEffects.withoutReference(effects),
        main,
        path,
        delightRows,
        concordance,
        effects.stability(),
        DriverAnalysis.stabilityGap(windows, effects.stability(), settings.stabilityWindows()),
        mlflowRunId);
  }

  /** Writes the model folder before the registry row: a crash between leaves an unused folder. */
  private static void save(PipelineModel model, String path) {
    ModelFolders.save(model, path);
  }

  static Dataset<Row> rows(Dataset<Row> all, List<LocalDate> asOfs) {
    return all.where(col(TrainingSet.AS_OF).isin(asOfs.stream().map(Date::valueOf).toArray()));
  }

  /** Drivers with at least one known value in the fit rows (the imputer needs one). */
  static List<Driver> present(Dataset<Row> fit, List<Driver> candidates) {
    Column[] counts =
        candidates.stream().map(d -> count(col(d.name())).as(d.name())).toArray(Column[]::new);
    Row r = fit.agg(counts[0], java.util.Arrays.copyOfRange(counts, 1, counts.length)).first();
    List<Driver> out = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) {
      if (r.getLong(i) > 0) {
        out.add(candidates.get(i));
      }
    }
    return out;
  }

  private static List<Metric> measure(PipelineModel model, Dataset<Row> test) {
    // narrow before caching: the metrics read the keys, label and probability, and every one of
    // their jobs would otherwise plan and carry the ~160 feature columns
    Dataset<Row> scored =
        model
            .transform(test)
            .select(
                TrainingSet.AS_OF,
                TrainingSet.CUSTOMER_ID,
                TrainingSet.LABEL,
                ModelPipelines.DEFECTION_PROBABILITY)
            .cache();
    List<Metric> out = ModelMetrics.of("", scored, ModelPipelines.DEFECTION_PROBABILITY);
    scored.unpersist();
    return out;
  }

  private static Double oracle(
      RunContext ctx,
      TrainSettings settings,
      Dataset<Row> test,
      Map<String, List<Metric>> metrics) {
    if (settings.truthPath() == null) {
      return null;
    }
    Dataset<Row> months = Oracle.readMonths(ctx.lake().spark(), settings.truthPath());
    Dataset<Row> scored =
        Oracle.withOracleProbability(test, months, settings.horizonDays()).cache();
    AreaUnderCurves.Areas areas = AreaUnderCurves.of(scored, Oracle.ORACLE_PROBABILITY);
    double auc = areas.roc();
    double aucPr = areas.pr();
    double asOf = AreaUnderCurves.of(scored, Oracle.ORACLE_AS_OF_PROBABILITY).roc();
    scored.unpersist();
    for (Map.Entry<String, List<Metric>> e : metrics.entrySet()) {
      double modelAuc = value(e.getValue(), "auc_roc");
      e.getValue().add(Metric.of("", "oracle_auc_roc", auc));
      e.getValue().add(Metric.of("", "oracle_ratio", modelAuc / auc));
      e.getValue().add(Metric.of("", "oracle_as_of_auc_roc", asOf));
      e.getValue().add(Metric.of("", "oracle_as_of_ratio", modelAuc / asOf));
    }
    List<Metric> own = new ArrayList<>();
    own.add(Metric.of("", "oracle_auc_roc", auc));
    own.add(Metric.of("", "auc_roc", auc));
    own.add(Metric.of("", "auc_pr", aucPr));
    own.add(Metric.of("", "oracle_as_of_auc_roc", asOf));
    metrics.put("oracle", own);
    return auc;
  }

  private static String choose(Map<String, List<Metric>> metrics, String metric) {
    double logistic = value(metrics.get(ModelPipelines.LOGISTIC), metric);
    double gbt = value(metrics.get(ModelPipelines.GBT), metric);
    return gbt > logistic ? ModelPipelines.GBT : ModelPipelines.LOGISTIC;
  }

  static double value(List<Metric> metrics, String name) {
    return metrics.stream()
        .filter(m -> m.metric().equals(name) && m.bin() == null)
        .findFirst()
        .orElseThrow()
        .value();
  }

  private static Map<String, Double> unbinned(List<Metric> metrics) {
    Map<String, Double> out = new LinkedHashMap<>();
    metrics.stream().filter(m -> m.bin() == null).forEach(m -> out.put(m.metric(), m.value()));
    return out;
  }

  /** The current model's metric on this run's test rows, or null if it is this version. */
  private static Double currentValue(
      Optional<ModelRegistry.Current> current, String version, Dataset<Row> test, String metric) {
    if (current.isEmpty() || current.get().version().equals(version)) {
      return null;
    }
    PipelineModel previous = PipelineModel.load(current.get().modelPath());
    Dataset<Row> scored = previous.transform(test).cache();
    AreaUnderCurves.Areas areas = AreaUnderCurves.of(scored, ModelPipelines.DEFECTION_PROBABILITY);
    double value = metric.equals("auc_roc") ? areas.roc() : areas.pr();
    scored.unpersist();
    return value;
  }

  /**
   * The model version: the same training and test as-ofs, the same rows (content fingerprint, so a
   * rerun that rewrites identical snapshots, or another lake built from the same input, gets the
   * same version), the same catalogue, drivers, settings and code give the same version.
   */
  private static String version(
      RunContext ctx,
      Backtest main,
      List<Backtest> windows,
      List<Driver> drivers,
      long rows,
      long catalog) {
    return ModelRegistry.version(
        main.training().toString(),
        main.test().toString(),
        windows.stream().map(w -> w.training() + "/" + w.test()).toList().toString(),
        Long.toString(rows),
        Long.toString(catalog),
        drivers.stream().map(Driver::name).toList().toString(),
        ctx.settings().hash(),
        Version.current());
  }

  private static void writeMetrics(
      RunContext ctx,
      String version,
      Timestamp trainedAt,
      Map<String, List<Metric>> metrics,
      String chosen) {
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<String, List<Metric>> e : metrics.entrySet()) {
      for (Metric m : e.getValue()) {
        rows.add(
            RowFactory.create(
                version, trainedAt, e.getKey(), m.period(), m.metric(), m.bin(), m.value()));
      }
      if (e.getKey().equals(SURVIVAL)) {
        continue;
      }
      double isChosen = e.getKey().equals(chosen) ? 1.0 : 0.0;
      rows.add(RowFactory.create(version, trainedAt, e.getKey(), "test", "chosen", null, isChosen));
    }
    Lake lake = ctx.lake();
    lake.replaceWhere(
        Table.MODEL_METRICS,
        lake.spark().createDataFrame(rows, Table.MODEL_METRICS.schema()),
        "model_version = '" + version + "'");
    ctx.count("model_metrics", rows.size());
  }

  private static Row registryRow(
      RunContext ctx,
      String version,
      Timestamp trainedAt,
      ModelRegistry.Decision decision,
      String chosen,
      double value,
      Backtest main,
      List<Driver> drivers,
      Map<String, String> params,
      List<Metric> chosenMetrics,
      String path,
      String mlflowRunId,
      TrainSettings settings,
      long catalogVersion) {
    return RowFactory.create(
        version,
        trainedAt,
        decision.status(),
        decision.publish(),
        chosen,
        settings.selectionMetric(),
        value,
        decision.previous() == null ? null : decision.previous().version(),
        decision.previousValue(),
        seq(main.training().stream().map(Date::valueOf).toList()),
        seq(main.test().stream().map(Date::valueOf).toList()),
        seq(drivers.stream().map(Driver::name).toList()),
        catalogVersion,
        JavaConverters.mapAsScalaMap(params),
        JavaConverters.mapAsScalaMap(unbinned(chosenMetrics)),
        Version.current(),
        path,
        mlflowRunId,
        ctx.runId(),
        decision.reason());
  }

  private static Map<String, String> params(Fitted fitted, TrainSettings settings) {
    Map<String, String> params = new LinkedHashMap<>(fitted.params());
    params.put("train.test-snapshots", String.valueOf(settings.testSnapshots()));
    params.put("train.bootstrap-rounds", String.valueOf(settings.bootstrapRounds()));
    params.put("train.seed", String.valueOf(settings.seed()));
    params.put("labels.horizon-days", String.valueOf(settings.horizonDays()));
    return params;
  }

  /** The registry params plus what identifies the run in MLflow's UI. */
  private static Map<String, String> trackedParams(
      RunContext ctx,
      String version,
      String chosen,
      ModelRegistry.Decision decision,
      Backtest main,
      Map<String, String> params) {
    Map<String, String> out = new LinkedHashMap<>(params);
    out.put("model_version", version);
    out.put("chosen_model", chosen);
    out.put("status", decision.status());
    out.put("training_snapshots", main.training().toString());
    out.put("test_snapshots", main.test().toString());
    out.put("effortlens_run_id", ctx.runId());
    return out;
  }

  private static <T> Object seq(List<T> items) {
    return JavaConverters.asScalaBuffer(items).toSeq();
  }

  private static void describe(RunContext ctx, String step) {
    describe(ctx.lake().spark(), step);
  }

  /** Names the Spark jobs of a train step (the Spark UI and event log read like the steps). */
  static void describe(org.apache.spark.sql.SparkSession spark, String step) {
    spark.sparkContext().setJobDescription(step);
  }

  /**
   * One line naming every catalog column the models do not read, with the reason: its type, or no
   * value in the fit rows (the imputer needs one).
   */
  private static void logLeftOut(
      Map<String, String> leftOut, List<Driver> candidates, List<Driver> drivers) {
    Map<String, String> all = new java.util.TreeMap<>(leftOut);
    candidates.stream()
        .filter(d -> !drivers.contains(d))
        .forEach(d -> all.put(d.name(), "no value in the fit rows"));
    if (!all.isEmpty()) {
      LOG.info(
          "stage=train-inputs left_out={} columns not used by the models: {}", all.size(), all);
    }
  }

  /** One stage line: what the stage counted, named, and the seconds since train started. */
  private static void log(String stage, String counts, long startNanos) {
    LOG.info("stage={} {} seconds={}", stage, counts, Elapsed.seconds(startNanos));
  }
}
