package io.effortlens.cli;

import io.effortlens.ExitCodes;
import io.effortlens.config.Settings;
import io.effortlens.features.AsOfDates;
import io.effortlens.features.FeatureJob;
import io.effortlens.lake.RunContext;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code effortlens features}: point-in-time customer features and defection labels. */
@Command(
    name = "features",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Compute customer features and defection labels as of explicit dates (--as-of, repeatable,"
          + " e.g. the cohort dates of a static export) or monthly snapshots, from what was known"
          + " before each date (exclusive cutoff at 00:00 UTC). All dates of a run are computed in"
          + " one Spark plan.",
      "Writes 'customer_features' and 'defection_labels' (the run's as_of dates replaced in one"
          + " commit each, so a rerun replaces its own rows), 'feature_catalog' and the"
          + " point-in-time 'effort_models'."
    })
final class FeaturesCommand extends LakeCommand {
  @ArgGroup(exclusive = true, multiplicity = "1")
  When when;

  /** Exactly one of --as-of (repeatable) or --snapshots with its range. */
  static final class When {
    @Option(
        names = "--as-of",
        paramLabel = "DATE",
        description =
            "An as-of date, e.g. 2024-06-01; repeat it (--as-of D1 --as-of D2) or separate dates"
                + " by commas for several.",
        split = ",")
    List<LocalDate> asOfs;

    @ArgGroup(exclusive = false)
    Snapshots snapshots;
  }

  /** --snapshots monthly --from D1 --to D2. */
  static final class Snapshots {
    @Option(
        names = "--snapshots",
        required = true,
        paramLabel = "CADENCE",
        description = "Snapshot cadence; 'monthly' = the first day of every month in the range.")
    String cadence;

    @Option(names = "--from", required = true, paramLabel = "DATE", description = "Range start.")
    LocalDate from;

    @Option(names = "--to", required = true, paramLabel = "DATE", description = "Range end.")
    LocalDate to;
  }

  @Override
  void check(Settings settings) {
    asOfs();
  }

  @Override
  int execute(RunContext ctx, PrintWriter out) {
    List<FeatureJob.Snapshot> snapshots = FeatureJob.run(ctx, asOfs());
    out.printf("run %s%n", ctx.runId());
    for (FeatureJob.Snapshot snapshot : snapshots) {
      out.printf(
          "as_of %s: customer_features %d rows, defection_labels %d rows, effort_score %s on %d"
              + " CES answers%n",
          snapshot.asOf(),
          snapshot.customers(),
          snapshot.customers(),
          snapshot.model().method(),
          snapshot.model().answers());
    }
    return ExitCodes.OK;
  }

  /** The as-of dates; an unknown cadence or an empty range fails. */
  private List<LocalDate> asOfs() {
    return when.asOfs != null
        ? when.asOfs.stream().distinct().sorted().toList()
        : AsOfDates.snapshots(when.snapshots.cadence, when.snapshots.from, when.snapshots.to);
  }
}
