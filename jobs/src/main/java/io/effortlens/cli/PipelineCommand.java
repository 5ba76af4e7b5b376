package io.effortlens.cli;

import io.effortlens.ExitCodes;
import io.effortlens.ingest.IngestJob;
import io.effortlens.lake.RunContext;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;

/**
 * {@code effortlens pipeline}: every stage in order. Today: ingest (when inputs are given; without
 * them the lake's current tables are used). Later stages (journeys, features, train, score, report)
 * join here as they land.
 */
@Command(
    name = "pipeline",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Run all stages in order: ingest (when --source/--input are given), then the later stages.",
      "Ends with a summary of every table."
    })
final class PipelineCommand extends LakeCommand {
  @ArgGroup(exclusive = false, multiplicity = "0..*")
  List<SourceInput> sources;

  @Override
  int execute(RunContext ctx, PrintWriter out) {
    List<IngestJob.Request> requests = SourceInput.requests(sources);
    out.printf("run %s%n", ctx.runId());
    if (!requests.isEmpty()) {
      IngestSummary.print(out, IngestJob.run(ctx, requests));
    }
    TableSummary.print(out, ctx.lake());
    return ExitCodes.OK;
  }
}
