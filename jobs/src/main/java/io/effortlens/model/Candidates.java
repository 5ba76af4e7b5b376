package io.effortlens.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The second step of {@link TrainJob}: both fitted models measured on the test snapshots (and the
 * oracle's true probabilities, when there is truth), and the one chosen.
 *
 * @param metrics per model name (logistic, gbt, oracle) its test metrics, binned ones included
 * @param oracleAucRoc null without truth
 */
record Candidates(
    Fitted fitted, Map<String, List<Metric>> metrics, Double oracleAucRoc, String chosen) {

  /** The chosen model. */
  PipelineModel model() {
    return chosen.equals(ModelPipelines.GBT) ? fitted.gbt() : fitted.logistic();
  }

  /** An unbinned test metric of the chosen model. */
  double value(String name) {
    return value(metrics.get(chosen), name);
  }

  /** The summary of {@link TrainResult}. */
  TrainResult.Selection selection(String selectionMetric) {
    Map<String, Map<String, Double>> summary = new LinkedHashMap<>();
    metrics.forEach((k, v) -> summary.put(k, unbinned(v)));
    Map<String, Double> chosenMetrics = summary.get(chosen);
    return new TrainResult.Selection(
        chosen,
        selectionMetric,
        chosenMetrics.get("rows").longValue(),
        chosenMetrics.get("positives").longValue(),
        summary,
        oracleAucRoc);
  }

  /**
   * Measures both models and the oracle (with truth) on the test snapshots, and chooses one. The
   * three measures are independent small jobs over the cached test rows: each runs on a driver
   * thread of its own.
   */
  static Candidates of(Fitted fitted, TrainSettings settings) {
    SparkSession spark = fitted.test().sparkSession();
    ParallelFits.Step<OracleAreas> oracle =
        settings.truthPath() == null
            ? null
            : ParallelFits.start(
                spark,
                "train: oracle",
                () ->
                    OracleAreas.of(
                        fitted.test(),
                        Oracle.readMonths(spark, settings.truthPath()),
                        settings.horizonDays()));
    ParallelFits.Step<List<Metric>> gbt =
        ParallelFits.start(spark, "train: measure", () -> measure(fitted.gbt(), fitted.test()));
    List<ParallelFits.Step<?>> started = oracle == null ? List.of(gbt) : List.of(gbt, oracle);
    return ParallelFits.whileRunning(
        started,
        () -> {
          TrainJob.describe(spark, "train: measure");
          Map<String, List<Metric>> metrics = new LinkedHashMap<>();
          metrics.put(ModelPipelines.LOGISTIC, measure(fitted.logistic(), fitted.test()));
          metrics.put(ModelPipelines.GBT, gbt.join());
          Double oracleAuc = oracle == null ? null : oracle.join().addTo(metrics);
          String chosen = choose(metrics, settings.selectionMetric());
          return new Candidates(fitted, metrics, oracleAuc, chosen);
        });
  }

  private static List<Metric> measure(PipelineModel model, Dataset<Row> test) {
    // narrow before caching: the metrics read the keys, label and probability, and every one of
    // their jobs would otherwise plan and carry the ~160 feature columns
    Dataset<Row> scored =
        model
            .transform(test)
            .select(
                TrainingSet.AS_OF,
                TrainingSet.CUSTOMER_ID,
                TrainingSet.LABEL,
                ModelPipelines.DEFECTION_PROBABILITY)
            .cache();
    List<Metric> out = ModelMetrics.of("", scored, ModelPipelines.DEFECTION_PROBABILITY);
    scored.unpersist();
    return out;
  }

  /** The oracle's areas on the test rows: the true probabilities of the generator's months. */
  private record OracleAreas(double auc, double aucPr, double asOf) {
    static OracleAreas of(Dataset<Row> test, Dataset<Row> months, int horizon) {
      Dataset<Row> scored = Oracle.withOracleProbability(test, months, horizon).cache();
      AreaUnderCurves.Areas areas = AreaUnderCurves.of(scored, Oracle.ORACLE_PROBABILITY);
      double asOf = AreaUnderCurves.of(scored, Oracle.ORACLE_AS_OF_PROBABILITY).roc();
      scored.unpersist();
      return new OracleAreas(areas.roc(), areas.pr(), asOf);
    }

    /**
     * Adds the oracle's areas to every model's metrics and as a model of its own; returns the
     * oracle's AUC-ROC.
     */
    double addTo(Map<String, List<Metric>> metrics) {
      for (Map.Entry<String, List<Metric>> e : metrics.entrySet()) {
        double modelAuc = value(e.getValue(), "auc_roc");
        e.getValue().add(Metric.of("", "oracle_auc_roc", auc));
        e.getValue().add(Metric.of("", "oracle_ratio", modelAuc / auc));
        e.getValue().add(Metric.of("", "oracle_as_of_auc_roc", asOf));
        e.getValue().add(Metric.of("", "oracle_as_of_ratio", modelAuc / asOf));
      }
      List<Metric> own = new ArrayList<>();
      own.add(Metric.of("", "oracle_auc_roc", auc));
      own.add(Metric.of("", "auc_roc", auc));
      own.add(Metric.of("", "auc_pr", aucPr));
      own.add(Metric.of("", "oracle_as_of_auc_roc", asOf));
      metrics.put("oracle", own);
      return auc;
    }
  }

  /** GBT when it beats the logistic regression on {@code metric}, else the logistic. */
  private static String choose(Map<String, List<Metric>> metrics, String metric) {
    double logistic = value(metrics.get(ModelPipelines.LOGISTIC), metric);
    double gbt = value(metrics.get(ModelPipelines.GBT), metric);
    return gbt > logistic ? ModelPipelines.GBT : ModelPipelines.LOGISTIC;
  }

  static double value(List<Metric> metrics, String name) {
    return metrics.stream()
        .filter(m -> m.metric().equals(name) && m.bin() == null)
        .findFirst()
        .orElseThrow()
        .value();
  }

  static Map<String, Double> unbinned(List<Metric> metrics) {
    Map<String, Double> out = new LinkedHashMap<>();
    metrics.stream().filter(m -> m.bin() == null).forEach(m -> out.put(m.metric(), m.value()));
    return out;
  }
}
