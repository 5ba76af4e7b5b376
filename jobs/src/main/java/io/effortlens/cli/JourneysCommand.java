package io.effortlens.cli;

import io.effortlens.ExitCodes;
import io.effortlens.journey.JourneyJob;
import io.effortlens.lake.RunContext;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** {@code effortlens journeys}: rebuild the journeys table from all interactions. */
@Command(
    name = "journeys",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Stitch all interactions into journeys (case id, then intent within journey.gap-days, then"
          + " the open journey), measure each journey's effort, fit effort_score and replace the"
          + " 'journeys' table; the model's coefficients go to 'effort_models'."
    })
final class JourneysCommand extends LakeCommand {
  @Override
  int execute(RunContext ctx, PrintWriter out) {
    JourneyJob.Result result = JourneyJob.run(ctx);
    out.printf("run %s%n", ctx.runId());
    out.printf(
        "journeys: %d rows (version %d); effort_score %s on %d CES answers%n",
        result.journeys().inserted(),
        result.journeys().version(),
        result.model().method(),
        result.model().answers());
    return ExitCodes.OK;
  }
}
