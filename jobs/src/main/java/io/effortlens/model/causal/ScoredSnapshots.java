package io.effortlens.model.causal;

import static org.apache.spark.ml.functions.vector_to_array;
import static org.apache.spark.sql.functions.col;

import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The nuisance models of one action, fitted with MLlib logistic regressions (standardized features,
 * L2) on the confounder vector: the propensity e(x) = P(T = 1 | x) on all snapshots, and the
 * outcome models m0(x) = P(Y = 1 | x, T = 0) and m1(x) = P(Y = 1 | x, T = 1), each fitted on its
 * arm and predicted for everyone. Snapshot grain in and out; fitting runs Spark jobs.
 */
final class ScoredSnapshots {
  static final String CUSTOMER_ID = "customer_id";
  static final String FEATURES = "_confounders";
  static final String TREATED = "_treated";
  static final String OUTCOME = "_outcome";
  static final String PROPENSITY = "_propensity";
  static final String MU0 = "_mu0";
  static final String MU1 = "_mu1";

  private static final int MAX_ITER = 100;

  private ScoredSnapshots() {}

  /**
   * @param rows customer_id, {@link #FEATURES}, {@link #TREATED} and {@link #OUTCOME} (0/1 doubles)
   * @return the same rows with {@link #PROPENSITY}, {@link #MU0} and {@link #MU1}
   */
  static Dataset<Row> withNuisance(Dataset<Row> rows, double regParam) {
    LogisticRegressionModel propensity = fit(rows, TREATED, regParam);
    LogisticRegressionModel control =
        fit(rows.filter(col(TREATED).equalTo(0.0)), OUTCOME, regParam);
    LogisticRegressionModel treated =
        fit(rows.filter(col(TREATED).equalTo(1.0)), OUTCOME, regParam);
    Dataset<Row> scored = predict(propensity, rows, PROPENSITY);
    scored = predict(control, scored, MU0);
    return predict(treated, scored, MU1);
  }

  private static LogisticRegressionModel fit(Dataset<Row> rows, String label, double regParam) {
    return new LogisticRegression()
        .setFeaturesCol(FEATURES)
        .setLabelCol(label)
        .setFamily("binomial")
        .setStandardization(true)
        .setRegParam(regParam)
        .setElasticNetParam(0.0)
        .setMaxIter(MAX_ITER)
        .setTol(1e-7)
        .fit(rows);
  }

  private static Dataset<Row> predict(
      LogisticRegressionModel model, Dataset<Row> rows, String output) {
    String probability = output + "_probability";
    LogisticRegressionModel renamed =
        model
            .copy(new org.apache.spark.ml.param.ParamMap())
            .setProbabilityCol(probability)
            .setRawPredictionCol(output + "_raw")
            .setPredictionCol(output + "_prediction");
    return renamed
        .transform(rows)
        .withColumn(output, vector_to_array(col(probability), "float64").getItem(1))
        .drop(probability, output + "_raw", output + "_prediction");
  }
}
