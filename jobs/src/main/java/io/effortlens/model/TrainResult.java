package io.effortlens.model;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * What one {@code train} run did, for the command's output.
 *
 * @param metrics per model name (logistic, gbt, oracle) its test metrics by name (unbinned)
 * @param oracleAucRoc null without truth
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
    List<DriverEffects.Slice> topDrivers,
    Backtest backtest,
    String modelPath,
    List<Row> delightEffects,
    double concordance,
    String mlflowRunId) {}
