package io.effortlens.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import io.effortlens.ExitCodes;
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
import io.effortlens.report.GoldJob;
import io.effortlens.report.ReportJob;
import io.effortlens.schema.InteractionSchema;
import io.effortlens.scoring.ScoreJob;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code effortlens pipeline}: every stage in order — ingest (when inputs are given; without them
 * the lake's current interactions are used), journeys, features for the training snapshots
 * (monthly, or the explicit dates of {@code --snapshots}) and the score date, train, score, gold
 * tables and the report.
 */
@Command(
    name = "pipeline",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Run all stages in order: ingest (when --source/--input are given), journeys, features and"
          + " labels for the training snapshots and for --as-of itself, train, score, gold, report.",
      "Training snapshots are the first days of the months whose label horizon is observed before"
          + " --as-of, or exactly the dates of --snapshots (e.g. the cohort dates of a static churn"
          + " export, where monthly snapshots would mislabel the cohorts).",
      "--as-of defaults to the day after the last event in the data. Ends with a summary of every"
          + " table."
    })
final class PipelineCommand extends LakeCommand {
  @ArgGroup(exclusive = false, multiplicity = "0..*")
  List<SourceInput> sources;

  @Option(
      names = "--as-of",
      paramLabel = "DATE",
      description = "Score date (default: the day after the last event in the data).")
  LocalDate asOf;

  @Option(
      names = "--snapshots",
      paramLabel = "DATE",
      split = ",",
      description =
          "Explicit training as-of dates instead of monthly ones, e.g."
              + " 2024-01-01,2024-04-01,2024-07-01,2024-10-01 (repeatable or comma-separated)."
              + " Train tests on the latest date(s) (train.test-snapshots) and fits on the earlier"
              + " ones, so it needs at least train.test-snapshots + 2 dates spaced by at least"
              + " labels.horizon-days, the latest one horizon-days or more before --as-of.")
  List<LocalDate> explicitSnapshots;

  @Option(
      names = "--truth",
      paramLabel = "PATH",
      description =
          "A generator truth.json for the oracle AUC (default: truth.json beside the inputs when"
              + " there is one, e.g. the bundled sample).")
  String truth;

  @Option(
      names = "--allow-raw-ids",
      description =
          "Without EFFORTLENS_PSEUDONYM_KEY, key customer_risk by raw customer ids (local demos"
              + " only).")
  boolean allowRawIds;

  @Mixin MlflowOption mlflow = new MlflowOption();

  @Override
  void check(Settings settings) {
    mlflow.tracker();
    SourceInput.checkMappings(sources, settings);
    ScoreCommand.keys(settings, allowRawIds);
    if (explicitSnapshots != null) {
      explicit(settings, asOf); // the score date, when not given, is known only after ingest
    }
  }

  @Override
  int execute(RunContext ctx, PrintWriter out) {
    var tracker = mlflow.tracker();
    List<IngestJob.Request> requests = SourceInput.requests(sources);
    out.printf("run %s%n", ctx.runId());
    if (!requests.isEmpty()) {
      IngestSummary.print(out, IngestJob.run(ctx, requests));
    }
    JourneyJob.Result journeys = JourneyJob.run(ctx);
    out.printf(
        "journeys: %d rows; effort_score %s on %d CES answers%n",
        journeys.journeys().inserted(), journeys.model().method(), journeys.model().answers());

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
    LocalDate date = asOf != null ? asOf : date(range.getTimestamp(1)).plusDays(1);
    List<LocalDate> training =
        explicitSnapshots != null
            ? explicit(ctx.settings(), date)
            : AsOfDates.training(
                first,
                date,
                ctx.settings().get(ConfigKeys.LABELS_HORIZON_DAYS),
                ctx.settings().get(ConfigKeys.PIPELINE_MAX_TRAINING_SNAPSHOTS));
    List<LocalDate> snapshots = new ArrayList<>(training);
    if (!snapshots.contains(date)) {
      snapshots.add(date);
    }
    for (FeatureJob.Snapshot snapshot : FeatureJob.run(ctx, snapshots)) {
      out.printf(
          "features as of %s: %d customers, %d labels%n",
          snapshot.asOf(), snapshot.customers(), snapshot.customers());
    }

    TrainResult trained =
        TrainJob.run(ctx, TrainSettings.from(ctx.settings(), date, truth(requests)), tracker);
    TrainCommand.print(trained, out);
    if (!trained.published()) {
      out.printf("train: the current model stays in use (%s)%n", trained.reason());
    }
    ScoreJob.Scored scored = ScoreCommand.score(ctx, date, allowRawIds);
    ScoreCommand.print(scored, ctx, out);
    GoldJob.Result gold = GoldJob.run(ctx, date);
    out.printf(
        "gold as of %s: effort_kpis %d, perception_gap %d, research_replication %d,"
            + " next_issue_rules %d rows%n",
        gold.asOf(),
        gold.effortKpis().inserted(),
        gold.perceptionGap().inserted(),
        gold.researchReplication().inserted(),
        gold.nextIssueRules().inserted());
    ReportJob.Result report = ReportJob.run(ctx, date);
    out.printf(
        Locale.ROOT,
        "report %s: %d sections, %d charts, %d not available%n",
        report.path(),
        report.sections(),
        report.charts(),
        report.unavailable());
    TableSummary.print(out, ctx.lake());
    return ExitCodes.OK;
  }

  /** The --snapshots dates, checked against what train needs when scoring at {@code date}. */
  private List<LocalDate> explicit(Settings settings, LocalDate date) {
    return AsOfDates.explicit(
        explicitSnapshots,
        date,
        settings.get(ConfigKeys.LABELS_HORIZON_DAYS),
        settings.get(ConfigKeys.TRAIN_TEST_SNAPSHOTS));
  }

  /** --truth, else a truth.json beside the first input (the generator writes one there). */
  private String truth(List<IngestJob.Request> requests) {
    if (truth != null) {
      return truth;
    }
    for (IngestJob.Request request : requests) {
      for (String input : request.inputs()) {
        Path parent = Path.of(input).toAbsolutePath().getParent();
        if (parent != null && Files.isRegularFile(parent.resolve("truth.json"))) {
          return parent.resolve("truth.json").toString();
        }
      }
    }
    return null;
  }

  private static LocalDate date(Timestamp timestamp) {
    return timestamp.toInstant().atZone(ZoneOffset.UTC).toLocalDate();
  }
}
