package io.effortlens.cli;

import io.effortlens.ExitCodes;
import io.effortlens.lake.RunContext;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** {@code effortlens tables}: every table with rows, Delta version and last run. */
@Command(
    name = "tables",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "List every table of the lake with its rows, Delta version and last write.")
final class TablesCommand extends LakeCommand {
  @Override
  boolean recordsRun() {
    return false;
  }

  @Override
  int execute(RunContext ctx, PrintWriter out) {
    TableSummary.print(out, ctx.lake());
    return ExitCodes.OK;
  }
}
