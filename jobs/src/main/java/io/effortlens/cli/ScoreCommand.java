package io.effortlens.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;

import io.effortlens.ExitCodes;
import io.effortlens.config.Settings;
import io.effortlens.lake.RunContext;
import io.effortlens.lake.Table;
import io.effortlens.report.CustomerKeys;
import io.effortlens.scoring.CustomerRiskSchema;
import io.effortlens.scoring.ScoreJob;
import java.io.PrintWriter;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code effortlens score}: customer_risk for one as-of date with the published model. */
@Command(
    name = "score",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Score the customer_features snapshot of --as-of with the current model of model_registry:"
          + " calibrated defection probability, risk band, expected months to defection and the"
          + " top reasons (per-customer counterfactuals) with sentences and next steps"
          + " (conf/reasons.yaml).",
      "Writes 'customer_risk' (its as_of partition, replaced on rerun), keyed by a pseudonymous"
          + " customer_key (HMAC-SHA256 with EFFORTLENS_PSEUDONYM_KEY)."
    })
final class ScoreCommand extends LakeCommand {
  @Option(
      names = "--as-of",
      required = true,
      paramLabel = "DATE",
      description = "The snapshot to score (customer_features must hold it).")
  LocalDate asOf;

  @Option(
      names = "--allow-raw-ids",
      description =
          "Without EFFORTLENS_PSEUDONYM_KEY, publish raw customer ids as customer_key (local"
              + " demos only); with the key, customers are always pseudonymous.")
  boolean allowRawIds;

  @Override
  void check(Settings settings) {
    keys(settings, allowRawIds);
  }

  @Override
  int execute(RunContext ctx, PrintWriter out) {
    out.printf("run %s%n", ctx.runId());
    print(ScoreJob.run(ctx, asOf, keys(ctx.settings(), allowRawIds)), ctx, out);
    return ExitCodes.OK;
  }

  /** The customer keys of customer_risk; without a key nor --allow-raw-ids, a usage error. */
  static CustomerKeys keys(Settings settings, boolean allowRawIds) {
    return CustomerKeys.from(settings, allowRawIds, Table.CUSTOMER_RISK.tableName());
  }

  static void print(ScoreJob.Scored scored, RunContext ctx, PrintWriter out) {
    out.printf(
        "customer_risk as of %s: %d customers scored with model %s%n",
        scored.asOf(), scored.written().inserted(), scored.modelVersion());
    List<Row> bands =
        ctx.lake()
            .read(Table.CUSTOMER_RISK, "score")
            .filter(col(CustomerRiskSchema.AS_OF).equalTo(lit(Date.valueOf(scored.asOf()))))
            .groupBy(col(CustomerRiskSchema.RISK_BAND))
            .agg(count(lit(1)), min(col(CustomerRiskSchema.PROBABILITY)).as("_lowest"))
            .orderBy(col("_lowest"))
            .collectAsList();
    for (Row band : bands) {
      out.printf("  %-10s %d customers%n", band.getString(0), band.getLong(1));
    }
  }
}
