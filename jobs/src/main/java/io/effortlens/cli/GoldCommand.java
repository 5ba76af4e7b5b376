package io.effortlens.cli;

import io.effortlens.ExitCodes;
import io.effortlens.lake.RunContext;
import io.effortlens.report.GoldJob;
import java.io.PrintWriter;
import java.time.LocalDate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code effortlens gold}: the BI gold tables as known at an as-of date. */
@Command(
    name = "gold",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Write the BI gold tables as known at --as-of (only outcomes observed before it):"
          + " 'effort_kpis' (replaced whole), 'perception_gap', 'research_replication' and"
          + " 'next_issue_rules' (their as_of partition replaced on rerun), and register them in"
          + " the catalog database 'gold.catalog-database'."
    })
final class GoldCommand extends LakeCommand {
  @Option(
      names = "--as-of",
      required = true,
      paramLabel = "DATE",
      description = "The as-of date, e.g. 2024-12-01: days before it, outcomes known by it.")
  LocalDate asOf;

  @Option(
      names = "--allow-raw-ids",
      description =
          "Accepted like 'score --allow-raw-ids'. The gold tables hold aggregates only (no"
              + " customer-level rows), so they never need a customer key.")
  boolean allowRawIds;

  @Override
  int execute(RunContext ctx, PrintWriter out) {
    GoldJob.Result result = GoldJob.run(ctx, asOf);
    out.printf("run %s%n", ctx.runId());
    out.printf("as_of %s%n", result.asOf());
    out.printf("  effort_kpis           %d rows%n", result.effortKpis().inserted());
    out.printf("  perception_gap        %d rows%n", result.perceptionGap().inserted());
    out.printf("  research_replication  %d rows%n", result.researchReplication().inserted());
    out.printf("  next_issue_rules      %d rows%n", result.nextIssueRules().inserted());
    if (!result.registered().isEmpty()) {
      out.printf("registered %s%n", String.join(", ", result.registered()));
    }
    return ExitCodes.OK;
  }
}
