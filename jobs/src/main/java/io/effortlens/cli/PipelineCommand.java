package io.effortlens.cli;

import io.effortlens.ExitCodes;
import io.effortlens.features.FeatureJob;
import io.effortlens.ingest.IngestJob;
import io.effortlens.journey.JourneyJob;
import io.effortlens.lake.RunContext;
import io.effortlens.lake.Table;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code effortlens pipeline}: every stage in order — ingest (when inputs are given; without them
 * the lake's current interactions are used), journeys, then features and labels as of one date.
 * Later stages (train, score, report) join here as they land.
 */
@Command(
    name = "pipeline",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Run all stages in order: ingest (when --source/--input are given), journeys, features and"
          + " labels as of --as-of (default: the day after the last event in the data).",
      "Ends with a summary of every table."
    })
final class PipelineCommand extends LakeCommand {
  @ArgGroup(exclusive = false, multiplicity = "0..*")
  List<SourceInput> sources;

  @Option(
      names = "--as-of",
      paramLabel = "DATE",
      description = "Snapshot date for features (default: the day after the last event).")
  LocalDate asOf;

  @Override
  int execute(RunContext ctx, PrintWriter out) {
    List<IngestJob.Request> requests = SourceInput.requests(sources);
    out.printf("run %s%n", ctx.runId());
    if (!requests.isEmpty()) {
      IngestSummary.print(out, IngestJob.run(ctx, requests));
    }
    JourneyJob.Result journeys = JourneyJob.run(ctx);
    out.printf(
        "journeys: %d rows; effort_score %s on %d CES answers%n",
        journeys.journeys().inserted(), journeys.model().method(), journeys.model().answers());
    LocalDate date = asOf != null ? asOf : dayAfterLastEvent(ctx);
    for (FeatureJob.Snapshot snapshot : FeatureJob.run(ctx, List.of(date))) {
      out.printf(
          "features as of %s: %d customers, %d labels%n",
          snapshot.asOf(), snapshot.features().inserted(), snapshot.labels().inserted());
    }
    TableSummary.print(out, ctx.lake());
    return ExitCodes.OK;
  }

  private static LocalDate dayAfterLastEvent(RunContext ctx) {
    var end = JourneyJob.dataEnd(ctx.lake().read(Table.INTERACTIONS, "ingest"));
    return end.toInstant().atZone(ZoneOffset.UTC).toLocalDate().plusDays(1);
  }
}
