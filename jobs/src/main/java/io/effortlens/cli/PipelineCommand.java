package io.effortlens.cli;

import io.effortlens.ExitCodes;
import io.effortlens.config.Settings;
import io.effortlens.features.FeatureJob;
import io.effortlens.ingest.IngestJob;
import io.effortlens.journey.JourneyJob;
import io.effortlens.lake.RunContext;
import io.effortlens.model.TrainResult;
import io.effortlens.pipeline.PipelineJob;
import io.effortlens.report.GoldJob;
import io.effortlens.report.ReportJob;
import io.effortlens.scoring.ScoreJob;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code effortlens pipeline}: parses the options of a {@link PipelineJob} run (which owns the
 * order of the stages and their as-of dates), prints each stage's summary as it ends and the tables
 * at the end.
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
    PipelineJob.Request request = request(); // an invalid --mlflow-uri fails first
    SourceInput.checkMappings(sources, settings);
    ScoreCommand.keys(settings, allowRawIds);
    request.check(settings);
  }

  @Override
  int execute(RunContext ctx, PrintWriter out) {
    PipelineJob.Request request = request();
    out.printf("run %s%n", ctx.runId());
    PipelineJob.run(ctx, request, new Printer(ctx, out));
    TableSummary.print(out, ctx.lake());
    return ExitCodes.OK;
  }

  private PipelineJob.Request request() {
    return new PipelineJob.Request(
        SourceInput.requests(sources),
        asOf,
        explicitSnapshots,
        truth,
        allowRawIds,
        mlflow.tracker());
  }

  /** Prints each stage's summary as the stage ends. */
  private record Printer(RunContext ctx, PrintWriter out) implements PipelineJob.Progress {
    @Override
    public void ingested(List<IngestJob.Result> results) {
      IngestSummary.print(out, results);
    }

    @Override
    public void journeys(JourneyJob.Result journeys) {
      out.printf(
          "journeys: %d rows; effort_score %s on %d CES answers%n",
          journeys.journeys().inserted(), journeys.model().method(), journeys.model().answers());
    }

    @Override
    public void features(List<FeatureJob.Snapshot> snapshots) {
      for (FeatureJob.Snapshot snapshot : snapshots) {
        out.printf(
            "features as of %s: %d customers, %d labels%n",
            snapshot.asOf(), snapshot.customers(), snapshot.customers());
      }
    }

    @Override
    public void trained(TrainResult trained) {
      TrainCommand.print(trained, out);
      if (!trained.registration().published()) {
        out.printf("train: the current model stays in use (%s)%n", trained.registration().reason());
      }
    }

    @Override
    public void scored(ScoreJob.Scored scored) {
      ScoreCommand.print(scored, ctx, out);
    }

    @Override
    public void gold(GoldJob.Result gold) {
      out.printf(
          "gold as of %s: effort_kpis %d, perception_gap %d, research_replication %d,"
              + " next_issue_rules %d rows%n",
          gold.asOf(),
          gold.effortKpis().inserted(),
          gold.perceptionGap().inserted(),
          gold.researchReplication().inserted(),
          gold.nextIssueRules().inserted());
    }

    @Override
    public void report(ReportJob.Result report) {
      out.printf(
          Locale.ROOT,
          "report %s: %d sections, %d charts, %d not available%n",
          report.path(),
          report.sections(),
          report.charts(),
          report.unavailable());
    }
  }
}
