package io.effortlens.cli;

import io.effortlens.ExitCodes;
import io.effortlens.config.Settings;
import io.effortlens.lake.RunContext;
import io.effortlens.model.DisloyaltyPie;
import io.effortlens.model.DriverEffects;
import io.effortlens.model.Measures;
import io.effortlens.model.TrainJob;
import io.effortlens.model.TrainResult;
import io.effortlens.model.TrainSettings;
import io.effortlens.model.causal.DelightEffectSchema;
import io.effortlens.model.causal.Findings;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code effortlens train}: the defection models, their metrics, drivers and registry entry. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Train the defection models (logistic regression and gradient-boosted trees, calibrated) on"
          + " labelled uncensored snapshots, test them on the latest fully observed snapshot(s),"
          + " choose one and publish it unless it is worse than the current model by more than"
          + " train.max-regression (then exit 3 and keep the current one).",
      "Writes 'model_metrics', 'driver_effects', 'model_registry' and <lake>/models/<version>/."
    })
final class TrainCommand extends LakeCommand {
  @Option(
      names = "--as-of",
      paramLabel = "DATE",
      description = "Use only snapshots whose label horizon ends on or before DATE (default: all).")
  LocalDate asOf;

  @Option(
      names = "--truth",
      paramLabel = "PATH",
      description =
          "A generator truth.json: also report the oracle AUC of the true probabilities"
              + " (default: config train.truth).")
  String truth;

  @Mixin MlflowOption mlflow = new MlflowOption();

  @Override
  void check(Settings settings) {
    mlflow.tracker();
  }

  @Override
  int execute(RunContext ctx, PrintWriter out) {
    TrainResult r =
        TrainJob.run(ctx, TrainSettings.from(ctx.settings(), asOf, truth), mlflow.tracker());
    print(r, out);
    return r.published() ? ExitCodes.OK : ExitCodes.QUALITY_GATE;
  }

  static void print(TrainResult r, PrintWriter out) {
    out.printf(
        "model %s (%s): train %s, test %s%n",
        r.modelVersion(), r.status(), r.backtest().training(), r.backtest().test());
    out.printf("test rows %d, positives %d%n", r.rows(), r.positives());
    for (Map.Entry<String, Map<String, Double>> e : r.metrics().entrySet()) {
      if (!e.getKey().equals("oracle") && !e.getKey().equals(TrainJob.SURVIVAL)) {
        Map<String, Double> m = e.getValue();
        out.printf(
            Locale.ROOT,
            "  %-9s AUC-ROC %.3f  AUC-PR %.3f  lift@10%% %.2f%s%s%n",
            e.getKey(),
            m.get("auc_roc"),
            m.get("auc_pr"),
            m.get("lift_top_decile"),
            m.containsKey("oracle_ratio")
                ? String.format(
                    Locale.ROOT,
                    "  oracle ratio %.3f (as-of %.3f)",
                    m.get("oracle_ratio"),
                    m.get("oracle_as_of_ratio"))
                : "",
            e.getKey().equals(r.chosenModel()) ? "  <- chosen by " + r.selectionMetric() : "");
      }
    }
    if (r.oracleAucRoc() != null) {
      out.printf(
          Locale.ROOT,
          "  oracle    AUC-ROC %.3f (true probabilities; %.3f from what is known at as-of)%n",
          r.oracleAucRoc(),
          r.metrics().get("oracle").get("oracle_as_of_auc_roc"));
    }
    out.println("disloyalty pie (" + DisloyaltyPie.DEFINITION + "):");
    for (DriverEffects.Slice s : r.pie()) {
      out.println(pieLine(s));
    }
    for (String family : r.familiesWithoutShare()) {
      out.printf("  %-10s no share: none of its drivers has a reference value%n", family);
    }
    out.println("top drivers (a measure's windows grouped; its effect is its longest window's):");
    for (DriverEffects.Slice s : r.topDrivers()) {
      out.println(driverLine(s));
    }
    printWithoutReference(r.driversWithoutReference(), out);
    out.println(stabilityLine(r));
    out.printf(Locale.ROOT, "time to defection: concordance (Harrell's C) %.3f%n", r.concordance());
    for (Row d : r.delightEffects()) {
      out.printf(
          Locale.ROOT,
          "delight '%s': %s; %+.1f points of defection within %d days (95%% %+.1f to %+.1f;"
              + " naive %+.1f), %d treated%n",
          d.getAs(DelightEffectSchema.ACTION),
          Findings.verdict(d),
          100 * d.<Double>getAs(DelightEffectSchema.EFFECT),
          d.<Integer>getAs(DelightEffectSchema.HORIZON_DAYS),
          100 * nz(d.getAs(DelightEffectSchema.EFFECT_LOW)),
          100 * nz(d.getAs(DelightEffectSchema.EFFECT_HIGH)),
          100 * nz(d.getAs(DelightEffectSchema.NAIVE_EFFECT)),
          d.<Long>getAs(DelightEffectSchema.TREATED));
    }
    out.printf("%s: %s%n", r.published() ? "published" : "rejected", r.reason());
    out.printf("model saved at %s%n", r.modelPath());
    if (r.mlflowRunId() != null) {
      out.printf("mlflow run %s%n", r.mlflowRunId());
    }
  }

  /** {@code effort +14.6% (95% +11.7% to +17.3%; 148.7 defections avoided)}. */
  static String pieLine(DriverEffects.Slice s) {
    double[] ci = s.shareInterval();
    return String.format(
        Locale.ROOT,
        "  %-10s %7s  (95%% %s to %s; %.1f defections avoided)",
        s.family(),
        DisloyaltyPie.percent(s.share()),
        DisloyaltyPie.percent(ci[0]),
        DisloyaltyPie.percent(ci[1]),
        s.avoided());
  }

  /**
   * {@code active days within 180 days (engagement; windows 30/90/180 days grouped): +3.1% of
   * predicted defections}.
   */
  static String driverLine(DriverEffects.Slice s) {
    String windows = Measures.windows(s.members());
    windows = windows.isEmpty() ? "" : "; windows " + windows + " days grouped";
    return String.format(
        Locale.ROOT,
        "  %s (%s%s): %s of predicted defections",
        plain(s.driver()),
        s.family(),
        windows,
        DisloyaltyPie.percent(s.share()));
  }

  /** Shown at most, of the drivers without a reference; the others are counted. */
  static final int WITHOUT_REFERENCE_SHOWN = 5;

  /**
   * The drivers the pie leaves out (no reference value customers have), ranked by permutation
   * importance: never silently missing.
   */
  static void printWithoutReference(List<DriverEffects.Unreferenced> drivers, PrintWriter out) {
    if (drivers.isEmpty()) {
      return;
    }
    out.println(
        "drivers without a reference value (not in the pie, defections avoided not computed;"
            + " ranked by permutation importance, the drop in AUC-PR when shuffled):");
    for (DriverEffects.Unreferenced u :
        drivers.subList(0, Math.min(drivers.size(), WITHOUT_REFERENCE_SHOWN))) {
      out.printf(
          Locale.ROOT,
          "  %d. %s (%s): permutation importance %.4f (%s)%n",
          u.rank(),
          plain(u.driver()),
          u.family(),
          u.permutationImportance(),
          u.why());
    }
    if (drivers.size() > WITHOUT_REFERENCE_SHOWN) {
      out.printf(
          "  and %d more in driver_effects (counterfactual_value null)%n",
          drivers.size() - WITHOUT_REFERENCE_SHOWN);
    }
  }

  /** The stability of driver ranks, or why it was not computed. */
  static String stabilityLine(TrainResult r) {
    return r.stabilityGap() == null
        ? String.format(
            Locale.ROOT, "driver rank stability (Spearman, earlier windows): %.3f", r.stability())
        : "driver rank stability: not computed (" + r.stabilityGap() + ")";
  }

  private static double nz(Object value) {
    return value == null ? Double.NaN : ((Number) value).doubleValue();
  }

  /** repeat_contacts_90d → "repeat contacts within 90 days". */
  static String plain(String feature) {
    String words = feature.replaceAll("_(\\d+)d$", " within $1 days").replace('_', ' ');
    return words;
  }
}
