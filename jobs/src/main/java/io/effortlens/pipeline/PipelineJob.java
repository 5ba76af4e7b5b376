package io.effortlens.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import io.effortlens.Problems;
import io.effortlens.config.ConfigKeys;
import io.effortlens.config.Settings;
import io.effortlens.features.AsOfDates;
import io.effortlens.features.FeatureJob;
import io.effortlens.ingest.IngestJob;
import io.effortlens.journey.JourneyJob;
import io.effortlens.lake.RunContext;
import io.effortlens.lake.Table;
import io.effortlens.model.TrainJob;
import io.effortlens.model.TrainResult;
import io.effortlens.model.TrainSettings;
import io.effortlens.model.tracking.MlflowTracker;
import io.effortlens.report.CustomerKeys;
import io.effortlens.report.GoldJob;
import io.effortlens.report.ReportJob;
import io.effortlens.schema.InteractionSchema;
import io.effortlens.scoring.ScoreJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.spark.sql.Row;

/**
 * {@code effortlens pipeline}: every stage of a run in order, on the as-of dates it chooses —
 * ingest (when inputs are given; without them the lake's current interactions are used), journeys,
 * features and labels for the training snapshots and the score date, train, score with the
 * published model, gold tables and the report. Each stage's result goes to a {@link Progress} as
 * the stage ends (the CLI prints it) and is returned in the {@link Result}.
 */
public final class PipelineJob {
  /**
   * What to run.
   *
   * @param inputs the sources to ingest first; empty: the lake's current interactions
   * @param asOf the score date; null: the day after the last event in the data
   * @param snapshots explicit training as-ofs; null: the first days of the months whose label
   *     horizon is observed before the score date
   * @param truth a generator truth.json for the oracle; null: a truth.json beside the first input
   *     when there is one
   * @param allowRawIds without a pseudonym key, key customer_risk by raw customer ids
   */
  public record Request(
      List<IngestJob.Request> inputs,
      LocalDate asOf,
      List<LocalDate> snapshots,
      String truth,
      boolean allowRawIds,
      Optional<MlflowTracker> tracker) {

    /**
     * Checks what can be checked before Spark starts: explicit snapshots against what train needs
     * (against the score date when it is given; without it, known only after ingest).
     */
    public void check(Settings settings) {
      if (snapshots != null) {
        explicit(settings, snapshots, asOf);
      }
    }
  }

  /**
   * The as-of dates of a run.
   *
   * @param scoreDate what score, gold and the report are as of
   * @param training the snapshots train fits and tests on
   */
  public record Dates(LocalDate scoreDate, List<LocalDate> training) {
    /** The feature snapshots: the training ones, then the score date unless it is one of them. */
    public List<LocalDate> snapshots() {
      List<LocalDate> snapshots = new ArrayList<>(training);
      if (!snapshots.contains(scoreDate)) {
        snapshots.add(scoreDate);
      }
      return snapshots;
    }
  }

  /** What every stage did, in the order they ran; {@code ingest} is empty without inputs. */
  public record Result(
      List<IngestJob.Result> ingest,
      JourneyJob.Result journeys,
      Dates dates,
      List<FeatureJob.Snapshot> features,
      TrainResult train,
      ScoreJob.Scored score,
      GoldJob.Result gold,
      ReportJob.Result report) {}

  /** Told each stage's result as the stage ends; ingest only when there were inputs. */
  public interface Progress {
    default void ingested(List<IngestJob.Result> results) {}

    default void journeys(JourneyJob.Result result) {}

    default void features(List<FeatureJob.Snapshot> snapshots) {}

    default void trained(TrainResult result) {}

    default void scored(ScoreJob.Scored result) {}

    default void gold(GoldJob.Result result) {}

    default void report(ReportJob.Result result) {}
  }

  private PipelineJob() {}

  /** Runs every stage in order; a failing stage stops the run with its error. */
  public static Result run(RunContext ctx, Request request, Progress progress) {
    List<IngestJob.Result> ingested = List.of();
    if (!request.inputs().isEmpty()) {
      ingested = tell(IngestJob.run(ctx, request.inputs()), progress::ingested);
    }
    JourneyJob.Result journeys = tell(JourneyJob.run(ctx), progress::journeys);
    Dates dates = dates(ctx, request);
    LocalDate date = dates.scoreDate();
    List<FeatureJob.Snapshot> features =
        tell(FeatureJob.run(ctx, dates.snapshots()), progress::features);
    TrainSettings train = TrainSettings.from(ctx.settings(), date, truth(request));
    TrainResult trained = tell(TrainJob.run(ctx, train, request.tracker()), progress::trained);
    ScoreJob.Scored scored =
        tell(
            ScoreJob.run(
                ctx,
                date,
                CustomerKeys.from(
                    ctx.settings(), request.allowRawIds(), Table.CUSTOMER_RISK.tableName())),
            progress::scored);
    GoldJob.Result gold = tell(GoldJob.run(ctx, date), progress::gold);
    ReportJob.Result report = tell(ReportJob.run(ctx, date), progress::report);
    return new Result(ingested, journeys, dates, features, trained, scored, gold, report);
  }

  /**
   * The dates of the run, from the interactions in the lake: the score date (given, or the day
   * after the last event) and the training snapshots (given and checked, or monthly from the first
   * event).
   */
  static Dates dates(RunContext ctx, Request request) {
    Row range =
        ctx.lake()
            .read(Table.INTERACTIONS, "ingest")
            .agg(min(col(InteractionSchema.STARTED_AT)), max(col(InteractionSchema.STARTED_AT)))
            .first();
    if (range.isNullAt(0)) {
      throw Problems.tableMissing(
          "interactions (rows)", ctx.lake().path(Table.INTERACTIONS), "ingest some input first");
    }
    LocalDate first = date(range.getTimestamp(0));
    LocalDate date =
        request.asOf() != null ? request.asOf() : date(range.getTimestamp(1)).plusDays(1);
    Settings settings = ctx.settings();
    List<LocalDate> training =
        request.snapshots() != null
            ? explicit(settings, request.snapshots(), date)
            : AsOfDates.training(
                first,
                date,
                settings.get(ConfigKeys.LABELS_HORIZON_DAYS),
                settings.get(ConfigKeys.PIPELINE_MAX_TRAINING_SNAPSHOTS));
    return new Dates(date, training);
  }

  /**
   * Explicit training snapshots, checked against what train needs when scoring at {@code date}
   * (null when not known yet: the check before the run).
   */
  private static List<LocalDate> explicit(
      Settings settings, List<LocalDate> snapshots, LocalDate date) {
    return AsOfDates.explicit(
        snapshots,
        date,
        settings.get(ConfigKeys.LABELS_HORIZON_DAYS),
        settings.get(ConfigKeys.TRAIN_TEST_SNAPSHOTS));
  }

  /** The truth file asked for, else a truth.json beside the first input (the generator's). */
  static String truth(Request request) {
    if (request.truth() != null) {
      return request.truth();
    }
    for (IngestJob.Request input : request.inputs()) {
      for (String file : input.inputs()) {
        Path parent = Path.of(file).toAbsolutePath().getParent();
        if (parent != null && Files.isRegularFile(parent.resolve("truth.json"))) {
          return parent.resolve("truth.json").toString();
        }
      }
    }
    return null;
  }

  private static <T> T tell(T result, Consumer<T> to) {
    to.accept(result);
    return result;
  }

  private static LocalDate date(Timestamp timestamp) {
    return timestamp.toInstant().atZone(ZoneOffset.UTC).toLocalDate();
  }
}
