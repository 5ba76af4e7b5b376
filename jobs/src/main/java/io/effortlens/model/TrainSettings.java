package io.effortlens.model;

import io.effortlens.config.ConfigKeys;
import io.effortlens.config.Settings;
import java.time.LocalDate;

/**
 * Settings of {@code effortlens train}, read once at the edge. Precedence: {@code --set} &gt;
 * config file &gt; default (see {@link ConfigKeys}); {@code --as-of} and {@code --truth} come from
 * the command line.
 *
 * @param asOf only snapshots whose label horizon ends on or before this date; null = all
 * @param truthPath generator truth.json for the oracle, or null
 */
public record TrainSettings(
    LocalDate asOf,
    int testSnapshots,
    String selectionMetric,
    double maxRegression,
    int bootstrapRounds,
    int minSupport,
    String truthPath,
    int stabilityWindows,
    int seed,
    int horizonDays,
    int regressionPartitions) {

  /** From the run's settings; {@code truth} (command line) wins over {@code train.truth}. */
  public static TrainSettings from(Settings settings, LocalDate asOf, String truth) {
    String configured = settings.get(ConfigKeys.TRAIN_TRUTH);
    String truthPath =
        truth != null && !truth.isBlank()
            ? truth
            : configured == null || configured.isBlank() ? null : configured;
    return new TrainSettings(
        asOf,
        settings.get(ConfigKeys.TRAIN_TEST_SNAPSHOTS),
        settings.get(ConfigKeys.TRAIN_SELECTION_METRIC),
        settings.get(ConfigKeys.TRAIN_MAX_REGRESSION),
        settings.get(ConfigKeys.TRAIN_BOOTSTRAP_ROUNDS),
        settings.get(ConfigKeys.TRAIN_MIN_SUPPORT),
        truthPath,
        settings.get(ConfigKeys.TRAIN_STABILITY_WINDOWS),
        settings.get(ConfigKeys.TRAIN_SEED),
        settings.get(ConfigKeys.LABELS_HORIZON_DAYS),
        settings.get(ConfigKeys.TRAIN_REGRESSION_PARTITIONS));
  }
}
