package io.effortlens.model;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * What one {@code train} run did, for the command's output.
 *
 * @param metrics per model name (logistic, gbt, oracle) its test metrics by name (unbinned)
 * @param oracleAucRoc null without truth
 * @param familiesWithoutShare families none of whose drivers has a reference (no share)
 * @param driversWithoutReference drivers not in the pie (no reference value), ranked by permutation
 *     importance
 * @param stability mean Spearman of driver ranks over earlier windows; null or NaN when not
 *     computed
 * @param stabilityGap why stability was not computed, or null when it was
 * @param mlflowRunId the MLflow run it was logged to; null without tracking
 */
public record TrainResult(
    String modelVersion,
    String status,
    boolean published,
    String reason,
    String chosenModel,
    String selectionMetric,
    long rows,
    long positives,
    Map<String, Map<String, Double>> metrics,
    Double oracleAucRoc,
    List<DriverEffects.Slice> pie,
    List<String> familiesWithoutShare,
    List<DriverEffects.Slice> topDrivers,
    List<DriverEffects.Unreferenced> driversWithoutReference,
    Backtest backtest,
    String modelPath,
    List<Row> delightEffects,
    double concordance,
    Double stability,
    String stabilityGap,
    String mlflowRunId) {}
