package io.effortlens.model;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;

import java.util.List;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.param.ParamPair;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Both models of one backtest, tuned on its fit snapshots and calibrated on its held-out snapshot,
 * with the rows they were fitted on (weighted, in their stable order, persisted until {@link
 * #release()}) and tested on.
 */
record Fitted(
    PipelineModel logistic,
    PipelineModel gbt,
    ModelPipelines.Spec logisticSpec,
    ModelPipelines.Tuned logisticTuned,
    ModelPipelines.Spec gbtSpec,
    ModelPipelines.Tuned gbtTuned,
    Dataset<Row> fit,
    Dataset<Row> test) {
  private static final Logger LOG = LoggerFactory.getLogger(Fitted.class);

  /** Both models of the main backtest of {@code frames}. */
  static Fitted of(TrainingFrames frames, TrainSettings s) {
    Dataset<Row> all = frames.all();
    Backtest backtest = frames.main();
    List<Driver> drivers = frames.drivers();
    List<String> categories = frames.categories();
    // Every fit of these rows (both tunings, the logistic bootstrap) reads them in a
    // content-determined order (see TrainingSet.inStableOrder): on a cluster the GBT's split
    // statistics are otherwise merged in shuffle-arrival order, and two runs on the same lake grew
    // different trees (test AUC-ROC 0.5618 vs 0.5651). Persisted, so that order's shuffle and sort
    // run once instead of once per tuning split and per model.
    TrainJob.describe(all.sparkSession(), "train: fit rows");
    Dataset<Row> fit =
        TrainingSet.inStableOrder(
                weighted(TrainingFrames.rows(all, backtest.fit())), s.regressionPartitions())
            .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> calibration = TrainingFrames.rows(all, List.of(backtest.calibration()));
    Dataset<Row> test = TrainingFrames.rows(all, backtest.test()).cache();
    Map<String, List<String>> capped =
        TrainingSet.cappedLevels(fit, categories, TrainingSet.MAX_CATEGORY_LEVELS);
    capped.forEach(
        (c, kept) ->
            LOG.info(
                "stage=train-inputs category={} levels_kept={} (the most frequent in the fit rows;"
                    + " the others one-hot encoded as '{}')",
                c,
                kept.size(),
                TrainingSet.OTHER_LEVEL));
    ModelPipelines.Spec logistic = ModelPipelines.logistic(drivers, categories, capped);
    ModelPipelines.Spec gbt = ModelPipelines.gbt(drivers, categories, capped, s.seed());
    // the two tunings (and calibrations) are independent chains of small jobs: run side by side,
    // each seeded on the same persisted rows, so the models are those of one after the other
    ParallelFits.Step<Calibrated> tuningLr =
        tuned(logistic, fit, calibration, s.seed(), "train: tune logistic");
    ParallelFits.Step<Calibrated> tuningGb =
        tuned(gbt, fit, calibration, s.seed(), "train: tune gbt");
    List<ParallelFits.Step<Calibrated>> both = List.of(tuningLr, tuningGb);
    Calibrated lr = ParallelFits.whileRunning(both, tuningLr::join);
    Calibrated gb = ParallelFits.whileRunning(both, tuningGb::join);
    StoredRows.release(gb.tuned().vectors()); // only the logistic's are refitted (bootstrap)
    return new Fitted(lr.model(), gb.model(), logistic, lr.tuned(), gbt, gb.tuned(), fit, test);
  }

  /** A tuned model and its calibrated pipeline. */
  private record Calibrated(ModelPipelines.Tuned tuned, PipelineModel model) {}

  /** Tunes and calibrates {@code spec} on a driver thread of its own. */
  private static ParallelFits.Step<Calibrated> tuned(
      ModelPipelines.Spec spec,
      Dataset<Row> fit,
      Dataset<Row> calibration,
      int seed,
      String description) {
    return ParallelFits.start(
        fit.sparkSession(),
        description,
        () -> {
          ModelPipelines.Tuned tuned = ModelPipelines.tune(spec, fit, seed);
          TrainJob.describe(fit.sparkSession(), "train: calibrate");
          return new Calibrated(tuned, ModelPipelines.calibrate(tuned.model(), calibration));
        });
  }

  /** Rows with balanced class weights from their own positive share. */
  static Dataset<Row> weighted(Dataset<Row> rows) {
    double share = rows.agg(avg(col(TrainingSet.LABEL))).first().getDouble(0);
    return TrainingSet.withClassWeight(rows, share);
  }

  /** The chosen hyper-parameters of both models, as registry params. */
  Map<String, String> params() {
    // sorted: a ParamMap has no stable order, and the registry row of a rerun must be identical
    Map<String, String> out = new java.util.TreeMap<>();
    for (ParamPair<?> p : logisticTuned.best().toList()) {
      out.put("logistic." + p.param().name(), String.valueOf(p.value()));
    }
    for (ParamPair<?> p : gbtTuned.best().toList()) {
      out.put("gbt." + p.param().name(), String.valueOf(p.value()));
    }
    return out;
  }

  void release() {
    StoredRows.release(logisticTuned.vectors());
    fit.unpersist();
    test.unpersist();
  }
}
