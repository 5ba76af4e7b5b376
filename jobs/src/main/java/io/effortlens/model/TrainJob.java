package io.effortlens.model;

import io.effortlens.Elapsed;
import io.effortlens.lake.Lake;
import io.effortlens.lake.ModelFolders;
import io.effortlens.lake.RunContext;
import io.effortlens.lake.Table;
import io.effortlens.model.causal.DelightEffects;
import io.effortlens.model.causal.DelightSettings;
import io.effortlens.model.causal.DelightTrainingRows;
import io.effortlens.model.survival.TimeToDefection;
import io.effortlens.model.survival.TimeToDefectionModel;
import io.effortlens.model.tracking.MlflowTracker;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code effortlens train}: backtest by time, fit and calibrate the logistic and GBT pipelines,
 * measure them on the test period, choose one, gate it against the current model, attribute the
 * drivers, estimate the delight effects and the time-to-defection model, save the model folder and
 * write model_metrics, driver_effects, delight_effects and model_registry. Each step returns a
 * record and logs one line with its counts and the seconds since train started.
 */
public final class TrainJob {
  private static final Logger LOG = LoggerFactory.getLogger(TrainJob.class);

  /** The model_metrics model of the time-to-defection model. */
  public static final String SURVIVAL = "survival";

  /** The fitted time-to-defection model and its concordance on the test snapshots. */
  private record Survival(TimeToDefectionModel model, double concordance) {
    List<Metric> metrics() {
      return List.of(Metric.of(SURVIVAL, "concordance", concordance));
    }
  }

  private TrainJob() {}

  /**
   * Trains; with a {@code tracker} the run is also logged to MLflow (before the registry row, which
   * records its run id).
   */
  public static TrainResult run(
      RunContext ctx, TrainSettings settings, Optional<MlflowTracker> tracker) {
    long start = System.nanoTime();
    TrainingFrames frames = loadTrainingFrames(ctx, settings, start);
    Gate.Identity identity = Gate.Identity.of(ctx.lake(), ctx.settings().hash(), frames);
    // the delight and survival estimates read their own rows and not the defection models: they
    // run beside them, on a driver thread of their own (each fit seeded, results unchanged)
    ParallelFits.Step<Outcomes> outcomes =
        ParallelFits.start(
            ctx.lake().spark(),
            "train: delight effects",
            () -> outcomes(ctx, settings, frames, identity.version(), start));
    Modelled modelled =
        ParallelFits.whileRunning(
            List.of(outcomes), () -> modelled(ctx, settings, frames, identity, start));
    Candidates fit = modelled.fit();
    Gate gate = modelled.gate();
    DriverEffects.Inputs effects = modelled.effects();
    Outcomes side = outcomes.join();
    List<Row> delight = side.delight();
    Survival survival = side.survival();
    describe(ctx, "train: save");
    String folder = ModelRegistry.modelFolder(gate.version());
    String path = ModelFolders.save(ctx.lake(), folder, fit.model(), survival.model().pipeline());
    Map<String, List<Metric>> metrics = new LinkedHashMap<>(fit.metrics());
    metrics.put(SURVIVAL, survival.metrics());
    Timestamp trainedAt = Timestamp.from(ctx.startedAt());
    List<Row> metricRows = TrainRecords.metrics(gate.version(), trainedAt, metrics, fit.chosen());
    write(ctx, Table.MODEL_METRICS, metricRows, gate);
    List<Row> effectRows = DriverEffects.toRows(gate.version(), effects);
    write(ctx, Table.DRIVER_EFFECTS, effectRows, gate);
    DelightEffects.write(ctx.lake(), frame(ctx, delight, Table.DELIGHT_EFFECTS), gate.version());
    ctx.count("delight_effects", delight.size());
    Map<String, String> params =
        TrainRecords.trackedParams(ctx, settings, frames.main(), fit, gate);
    List<TrainTracking.CsvTable> tables = TrainTracking.tables(effectRows, delight);
    Configuration hadoop = ctx.lake().spark().sparkContext().hadoopConfiguration();
    String mlflowRunId =
        tracker.map(t -> TrainTracking.log(t, hadoop, params, metrics, tables, path)).orElse(null);
    Row registry = TrainRecords.registry(ctx, settings, frames, fit, gate, folder, mlflowRunId);
    ModelRegistry.write(ctx.lake(), registry, gate.decision());
    ctx.count("model_registry", 1);
    log("train", "model_version=" + gate.version() + " status=" + gate.decision().status(), start);
    fit.fitted().release();
    frames.release();
    String gap =
        DriverAnalysis.stabilityGap(
            frames.windows(), effects.stability(), settings.stabilityWindows());
    return new TrainResult(
        frames.main(),
        fit.selection(settings.selectionMetric()),
        TrainResult.Drivers.of(effects, gap),
        delight,
        survival.concordance(),
        gate.registration(path, mlflowRunId));
  }

  /** Plans the backtest and labels the features of the snapshots it uses (cached). */
  private static TrainingFrames loadTrainingFrames(
      RunContext ctx, TrainSettings settings, long start) {
    Lake lake = ctx.lake();
    describe(ctx, "train: plan backtest");
    TrainingFrames frames =
        TrainingFrames.of(
            lake.read(Table.CUSTOMER_FEATURES, "features"),
            lake.read(Table.DEFECTION_LABELS, "features"),
            lake.read(Table.FEATURE_CATALOG, "features").collectAsList(),
            settings);
    if (!frames.leftOut().isEmpty()) {
      LOG.info(
          "stage=train-inputs left_out={} columns not used by the models: {}",
          frames.leftOut().size(),
          frames.leftOut());
    }
    log("train-set", "labelled_rows=" + frames.all().count(), start);
    return frames;
  }

  /** Tunes, fits and calibrates both models, measures them (and the oracle) and chooses one. */
  private static Candidates tuneAndFit(TrainSettings settings, TrainingFrames frames, long start) {
    Fitted fitted = Fitted.of(frames, settings);
    Candidates fit = Candidates.of(fitted, settings);
    long testRows = (long) fit.value("rows");
    log("train-fit", "models=2 fit_rows=" + fitted.fit().count() + " test_rows=" + testRows, start);
    return fit;
  }

  /** Coefficients, permutation importance, attribution and stability of every driver. */
  private static DriverEffects.Inputs attributeDrivers(
      TrainSettings settings, TrainingFrames frames, Candidates fit, long start) {
    DriverEffects.Inputs effects = DriverAnalysis.of(frames, fit.fitted(), fit.model(), settings);
    log("train-drivers", "drivers=" + frames.drivers().size(), start);
    return effects;
  }

  /** The defection models, the gate's decision on the chosen one and its drivers. */
  private record Modelled(Candidates fit, Gate gate, DriverEffects.Inputs effects) {}

  private static Modelled modelled(
      RunContext ctx,
      TrainSettings settings,
      TrainingFrames frames,
      Gate.Identity identity,
      long start) {
    Candidates fit = tuneAndFit(settings, frames, start);
    Gate gate = Gate.of(ctx.lake(), identity, settings, fit);
    return new Modelled(fit, gate, attributeDrivers(settings, frames, fit, start));
  }

  /** The delight effects and the time-to-defection model. */
  private record Outcomes(List<Row> delight, Survival survival) {}

  /** Both estimates on the delight training rows of the main backtest's snapshots. */
  private static Outcomes outcomes(
      RunContext ctx, TrainSettings settings, TrainingFrames frames, String version, long start) {
    Dataset<Row> observed = observedRows(ctx, settings, frames.main());
    try {
      List<Row> delight = delightEffects(ctx, observed, version, start);
      return new Outcomes(delight, survival(ctx, observed, frames, start));
    } finally {
      observed.unpersist();
    }
  }

  /** The delight training rows of the main backtest's snapshots, persisted for two steps. */
  private static Dataset<Row> observedRows(RunContext ctx, TrainSettings settings, Backtest main) {
    describe(ctx, "train: delight effects");
    List<LocalDate> observed = new ArrayList<>(main.training());
    observed.addAll(main.test());
    return TrainingSet.inStableOrder(
            TrainingFrames.rows(DelightTrainingRows.load(ctx.lake()), observed),
            settings.regressionPartitions())
        .persist(StorageLevel.MEMORY_AND_DISK());
  }

  /** One delight_effects row per action type (a handful: collected). */
  private static List<Row> delightEffects(
      RunContext ctx, Dataset<Row> observed, String version, long start) {
    List<String> confounders = DelightTrainingRows.confounders(ctx.lake(), observed);
    DelightSettings settings = DelightSettings.from(ctx.settings());
    List<Row> rows =
        DelightEffects.estimate(observed, confounders, settings, version).collectAsList();
    log("train-delight", "action_types=" + rows.size(), start);
    return rows;
  }

  /** The time-to-defection model, fitted on the training snapshots, scored on the test ones. */
  private static Survival survival(
      RunContext ctx, Dataset<Row> observed, TrainingFrames frames, long start) {
    describe(ctx, "train: survival");
    TimeToDefectionModel model =
        TimeToDefection.fit(
            TrainingFrames.rows(observed, frames.main().training()),
            frames.drivers().stream().map(Driver::name).toList());
    double concordance = model.concordance(TrainingFrames.rows(observed, frames.main().test()));
    log("train-survival", "models=1 concordance=" + concordance, start);
    return new Survival(model, concordance);
  }

  /** Replaces the rows of this model version in {@code table} and counts them. */
  private static void write(RunContext ctx, Table table, List<Row> rows, Gate gate) {
    String thisVersion = "model_version = '" + gate.version() + "'";
    ctx.lake().replaceWhere(table, frame(ctx, rows, table), thisVersion);
    ctx.count(table.tableName(), rows.size());
  }

  private static Dataset<Row> frame(RunContext ctx, List<Row> rows, Table table) {
    return ctx.lake().spark().createDataFrame(rows, table.schema());
  }

  private static void describe(RunContext ctx, String step) {
    describe(ctx.lake().spark(), step);
  }

  /** Names the Spark jobs of a train step (the Spark UI and event log read like the steps). */
  static void describe(SparkSession spark, String step) {
    spark.sparkContext().setJobDescription(step);
  }

  /** One stage line: what the stage counted, named, and the seconds since train started. */
  private static void log(String stage, String counts, long startNanos) {
    LOG.info("stage={} {} seconds={}", stage, counts, Elapsed.seconds(startNanos));
  }
}
