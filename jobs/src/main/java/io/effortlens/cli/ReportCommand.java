package io.effortlens.cli;

import io.effortlens.ExitCodes;
import io.effortlens.lake.RunContext;
import io.effortlens.report.ReportJob;
import java.io.PrintWriter;
import java.time.LocalDate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code effortlens report}: the self-contained HTML report of an as-of date. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Write <lake>/reports/<as_of>/index.html: one self-contained page (inline SVG charts, no"
          + " scripts, no network) from the model, driver, delight, risk and gold tables. A"
          + " section whose table does not exist yet names the command that makes it."
    })
final class ReportCommand extends LakeCommand {
  @Option(
      names = "--as-of",
      required = true,
      paramLabel = "DATE",
      description = "The as-of date of the report, e.g. 2024-12-01.")
  LocalDate asOf;

  @Override
  int execute(RunContext ctx, PrintWriter out) {
    ReportJob.Result result = ReportJob.run(ctx, asOf);
    out.printf("run %s%n", ctx.runId());
    out.printf(
        "report %s: %d sections, %d charts, %d not available%n",
        result.path(), result.sections(), result.charts(), result.unavailable());
    return ExitCodes.OK;
  }
}
