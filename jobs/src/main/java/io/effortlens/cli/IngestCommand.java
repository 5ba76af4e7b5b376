package io.effortlens.cli;

import io.effortlens.ExitCodes;
import io.effortlens.config.Settings;
import io.effortlens.ingest.IngestJob;
import io.effortlens.lake.RunContext;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;

/** {@code effortlens ingest}: raw files through mappings into interactions and customers. */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Read raw interaction logs through mapping files, validate every record, and MERGE valid ones"
          + " into 'interactions' (and 'customers'); rejected records go to 'quarantine'.",
      "Repeat --source/--input/--customers to ingest several sources in one run.",
      "Prints the reconciliation read = accepted + quarantined + duplicates per file."
    })
final class IngestCommand extends LakeCommand {
  @ArgGroup(exclusive = false, multiplicity = "1..*")
  List<SourceInput> sources;

  @Override
  void check(Settings settings) {
    SourceInput.checkMappings(sources, settings);
  }

  @Override
  int execute(RunContext ctx, PrintWriter out) {
    List<IngestJob.Result> results = IngestJob.run(ctx, SourceInput.requests(sources));
    out.printf("run %s%n", ctx.runId());
    IngestSummary.print(out, results);
    return ExitCodes.OK;
  }
}
