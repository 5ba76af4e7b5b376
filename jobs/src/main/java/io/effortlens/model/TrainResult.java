package io.effortlens.model;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * What one {@code train} run did, for the command's output: one part per step of {@link TrainJob}.
 *
 * @param backtest the training and test snapshots (load training frames)
 * @param selection the measured models and the one chosen (tune and fit)
 * @param drivers the disloyalty pie and driver ranking (attribute drivers)
 * @param delightEffects one delight_effects row per action type (delight effects)
 * @param concordance Harrell's C of the time-to-defection model on the test snapshots (survival)
 * @param registration the version, the gate's decision and where it was saved (register)
 */
public record TrainResult(
    Backtest backtest,
    Selection selection,
    Drivers drivers,
    List<Row> delightEffects,
    double concordance,
    Registration registration) {

  /**
   * The models measured on the test snapshots and the one chosen.
   *
   * @param rows test rows of the chosen model
   * @param positives defections among them
   * @param metrics per model name (logistic, gbt, oracle) its test metrics by name (unbinned)
   * @param oracleAucRoc null without truth
   */
  public record Selection(
      String chosenModel,
      String selectionMetric,
      long rows,
      long positives,
      Map<String, Map<String, Double>> metrics,
      Double oracleAucRoc) {}

  /**
   * The drivers of defection.
   *
   * @param familiesWithoutShare families none of whose drivers has a reference (no share)
   * @param withoutReference drivers not in the pie (no reference value), ranked by permutation
   *     importance
   * @param stability mean Spearman of driver ranks over earlier windows; null or NaN when not
   *     computed
   * @param stabilityGap why stability was not computed, or null when it was
   */
  public record Drivers(
      List<DriverEffects.Slice> pie,
      List<String> familiesWithoutShare,
      List<DriverEffects.Slice> topDrivers,
      List<DriverEffects.Unreferenced> withoutReference,
      Double stability,
      String stabilityGap) {

    /** The summary of {@code effects}, with the top five drivers. */
    public static Drivers of(DriverEffects.Inputs effects, String stabilityGap) {
      return new Drivers(
          DriverEffects.pie(effects),
          DriverEffects.withoutShare(effects),
          DriverEffects.top(effects, 5),
          DriverEffects.withoutReference(effects),
          effects.stability(),
          stabilityGap);
    }
  }

  /**
   * The registry entry of the run.
   *
   * @param modelPath the saved model folder
   * @param mlflowRunId the MLflow run it was logged to; null without tracking
   */
  public record Registration(
      String modelVersion,
      String status,
      boolean published,
      String reason,
      String modelPath,
      String mlflowRunId) {}
}
