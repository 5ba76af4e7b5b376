package io.effortlens.model;

import io.effortlens.Version;
import io.effortlens.lake.RunContext;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import scala.collection.JavaConverters;

/**
 * The rows {@link TrainJob} writes about a run (model_metrics and model_registry) and the params it
 * records, built from the records of its steps. Pure: the job writes them.
 */
final class TrainRecords {
  private TrainRecords() {}

  /**
   * model_metrics: every metric of every model, plus a {@code chosen} row (1 or 0) per classifier
   * (not for {@link TrainJob#SURVIVAL}).
   */
  static List<Row> metrics(
      String version, Timestamp trainedAt, Map<String, List<Metric>> metrics, String chosen) {
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<String, List<Metric>> e : metrics.entrySet()) {
      for (Metric m : e.getValue()) {
        rows.add(
            RowFactory.create(
                version, trainedAt, e.getKey(), m.period(), m.metric(), m.bin(), m.value()));
      }
      if (e.getKey().equals(TrainJob.SURVIVAL)) {
        continue;
      }
      double isChosen = e.getKey().equals(chosen) ? 1.0 : 0.0;
      rows.add(RowFactory.create(version, trainedAt, e.getKey(), "test", "chosen", null, isChosen));
    }
    return rows;
  }

  /** The model_registry row of the run ({@code folder} relative to the lake root). */
  static Row registry(
      RunContext ctx,
      TrainSettings settings,
      TrainingFrames frames,
      Candidates fit,
      Gate gate,
      String folder,
      String mlflowRunId) {
    ModelRegistry.Decision decision = gate.decision();
    return RowFactory.create(
        gate.version(),
        Timestamp.from(ctx.startedAt()),
        decision.status(),
        decision.publish(),
        fit.chosen(),
        settings.selectionMetric(),
        gate.value(),
        decision.previous() == null ? null : decision.previous().version(),
        decision.previousValue(),
        seq(frames.main().training().stream().map(Date::valueOf).toList()),
        seq(frames.main().test().stream().map(Date::valueOf).toList()),
        seq(frames.drivers().stream().map(Driver::name).toList()),
        gate.catalogVersion(),
        JavaConverters.mapAsScalaMap(params(fit.fitted(), settings)),
        JavaConverters.mapAsScalaMap(Candidates.unbinned(fit.metrics().get(fit.chosen()))),
        Version.current(),
        folder,
        mlflowRunId,
        ctx.runId(),
        decision.reason());
  }

  /** The chosen hyper-parameters and the settings that shape the models. */
  static Map<String, String> params(Fitted fitted, TrainSettings settings) {
    Map<String, String> params = new LinkedHashMap<>(fitted.params());
    params.put("train.test-snapshots", String.valueOf(settings.testSnapshots()));
    params.put("train.bootstrap-rounds", String.valueOf(settings.bootstrapRounds()));
    params.put("train.seed", String.valueOf(settings.seed()));
    params.put("labels.horizon-days", String.valueOf(settings.horizonDays()));
    return params;
  }

  /** The registry params plus what identifies the run in MLflow's UI. */
  static Map<String, String> trackedParams(
      RunContext ctx, TrainSettings settings, Backtest main, Candidates fit, Gate gate) {
    Map<String, String> out = new LinkedHashMap<>(params(fit.fitted(), settings));
    out.put("model_version", gate.version());
    out.put("chosen_model", fit.chosen());
    out.put("status", gate.decision().status());
    out.put("training_snapshots", main.training().toString());
    out.put("test_snapshots", main.test().toString());
    out.put("effortlens_run_id", ctx.runId());
    return out;
  }

  private static <T> Object seq(List<T> items) {
    return JavaConverters.asScalaBuffer(items).toSeq();
  }
}
