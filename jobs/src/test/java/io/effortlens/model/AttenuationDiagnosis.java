package io.effortlens.model;

import static org.apache.spark.ml.functions.vector_to_array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.sum;

import io.effortlens.lake.Lake;
import io.effortlens.lake.Table;
import io.effortlens.testing.SparkSessionExtension;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.ml.regression.LinearRegressionModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Not a test of the suite (its name matches no surefire pattern, and it is skipped without a lake):
 * the figures of docs/model.md "Why estimates differ from the planted values". On a lake trained
 * from generated data, it fits train's two models with train's defaults and prints (SLF4J, lines
 * starting DIAG) the family defections avoided under the chosen model, the calibrated logistic and
 * GBT, the logistic without isotonic calibration and an unpenalised, unweighted logistic; with the
 * generator's truth.json, also the regression of the planted log-odds at the test as-of on the
 * effort features and the planted effort value with the features at the as-of at 0 and that month's
 * hazard held over the horizon.
 *
 * <pre>
 * DIAGNOSE_LAKE=/tmp/copy/lakehouse DIAGNOSE_TRUTH=data-samples/sample/truth.json TZ=UTC \
 *   mvn -B -ntp -o test -pl jobs -Dtest=AttenuationDiagnosis -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@ExtendWith(SparkSessionExtension.class)
class AttenuationDiagnosis {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(AttenuationDiagnosis.class);

  /** The planted log-odds per count of the six effort drivers (jobs/generator's Driver). */
  private static final double[] PLANTED_EFFORT = {0.30, 0.20, 0.25, 0.20, 0.25, 0.70};

  @Test
  void printsFamilyValuesUnderEachModelVariant(SparkSession spark) {
    String root = System.getenv("DIAGNOSE_LAKE");
    Assumptions.assumeTrue(root != null);
    String truth = System.getenv("DIAGNOSE_TRUTH");
    Lake lake = Lake.at(spark, root);
    TrainSettings s = new TrainSettings(null, 1, "auc_pr", 0.01, 0, 30, truth, 0, 11, 90, 1);
    TrainingFrames frames =
        TrainingFrames.of(
            lake.read(Table.CUSTOMER_FEATURES, "f"),
            lake.read(Table.DEFECTION_LABELS, "f"),
            lake.read(Table.FEATURE_CATALOG, "f").collectAsList(),
            s);
    Fitted fitted = Fitted.of(frames, s);
    Candidates c = Candidates.of(fitted, s);
    say("DIAG chosen=" + c.chosen() + " test=" + frames.main().test());
    say("DIAG metrics=" + c.selection(s.selectionMetric()).metrics());
    List<Driver> drivers = DriverReferences.inSupport(fitted.fit(), frames.drivers());
    Dataset<Row> test = fitted.test();
    say(
        "DIAG test rows="
            + test.count()
            + " positives="
            + test.agg(sum(col(TrainingSet.LABEL))).first().get(0));
    print("a chosen calibrated", Attribution.avoided(c.model(), test, drivers, 0, 11));
    print("b logistic calibrated", Attribution.avoided(fitted.logistic(), test, drivers, 0, 11));
    print("b' gbt calibrated", Attribution.avoided(fitted.gbt(), test, drivers, 0, 11));
    double share =
        fitted
            .fit()
            .agg(org.apache.spark.sql.functions.avg(TrainingSet.LABEL))
            .first()
            .getDouble(0);
    double shift = Math.log((1 - share) / share);
    PipelineModel tuned = fitted.logisticTuned().model();
    print(
        "d logistic uncalibrated (class-weight intercept undone)",
        avoided(
            rows -> tuned.transform(rows),
            r ->
                logistic(
                    logit(vector_to_array(col("probability"), "float64").getItem(1)).minus(shift)),
            test,
            drivers));
    PipelineModel preparation = preparation(tuned);
    Dataset<Row> vectors = fitted.logisticTuned().vectors();
    BatchedLogistic.Solution free =
        BatchedLogistic.fit(
                vectors,
                ModelPipelines.FEATURES,
                List.of(new BatchedLogistic.Problem(col(TrainingSet.LABEL), lit(1.0), 0.0, 0.0)),
                false,
                300)
            .get(0);
    say("DIAG unpenalised unweighted coefficients per sd: " + coefficients(drivers, free));
    say(
        "DIAG tuned coefficients per sd: "
            + fitted.logisticTuned().best()
            + " "
            + coefficients(drivers, LogisticBootstrap.coefficients(fitted.logistic())));
    print(
        "c logistic regParam 0, unweighted, uncalibrated",
        avoided(
            preparation::transform,
            r -> free.probability(col(ModelPipelines.FEATURES)),
            test,
            drivers));
    if (truth != null) {
      planted(spark, truth, test, frames.main().test().get(0).toString());
    }
  }

  /** Regresses the planted month-T log-odds on the product features, and the as-of estimand. */
  private void planted(SparkSession spark, String truth, Dataset<Row> test, String asOf) {
    String dir = new java.io.File(truth).getParent() + "/truth/monthly_probabilities";
    Dataset<Row> months =
        spark
            .read()
            .parquet(dir)
            .where(col("month_start").cast("string").equalTo(asOf))
            .select(col("customer_id"), col("p_defect"));
    Dataset<Row> joined = test.join(months, "customer_id");
    say("DIAG planted at-risk rows at T=" + months.count() + " joined to test=" + joined.count());
    String[] effort = {
      "repeat_contacts_90d",
      "transfers_90d",
      "channel_switches_90d",
      "self_service_failures_90d",
      "re_explanations_90d",
      "unresolved_journeys_90d"
    };
    double[] coef = PLANTED_EFFORT;
    List<String> inputs = new ArrayList<>(Arrays.asList(effort));
    inputs.addAll(List.of("delight_actions_90d", "tenure_days", "monthly_value"));
    Dataset<Row> x = joined.withColumn("planted_logit", logit(col("p_defect")));
    for (String f : inputs) {
      x = x.withColumn(f, col(f).cast("double")).na().fill(0.0, new String[] {f});
    }
    Dataset<Row> assembled =
        new org.apache.spark.ml.feature.VectorAssembler()
            .setInputCols(inputs.toArray(String[]::new))
            .setOutputCol("x")
            .transform(x);
    LinearRegressionModel ols =
        new LinearRegression()
            .setFeaturesCol("x")
            .setLabelCol("planted_logit")
            .setRegParam(0)
            .fit(assembled);
    say(
        "DIAG OLS planted logit(T) on features: r2="
            + ols.summary().r2()
            + " coefficients "
            + inputs
            + " = "
            + Arrays.toString(ols.coefficients().toArray()));
    Column removed = lit(0.0);
    for (int i = 0; i < effort.length; i++) {
      removed = removed.plus(col(effort[i]).multiply(coef[i]));
    }
    Column p1 = col("p_defect");
    Column p0 = logistic(logit(p1).minus(removed));
    // the 90 days from 2024-10-01: October and November whole, 29 of December's 31 days
    Column held1 =
        lit(1).minus(pow(lit(1).minus(p1), 2).multiply(lit(1).minus(p1.multiply(29.0 / 31))));
    Column held0 =
        lit(1).minus(pow(lit(1).minus(p0), 2).multiply(lit(1).minus(p0.multiply(29.0 / 31))));
    Row r = x.agg(sum(held1), sum(held1.minus(held0)), sum(p1.minus(p0))).first();
    say(
        "DIAG planted as-of hazard held over horizon: expected="
            + r.get(0)
            + " effort avoided (features at T, hazard of month T held)="
            + r.get(1)
            + " month T only="
            + r.get(2));
  }

  private static void say(Object line) {
    LOG.info("{}", line);
  }

  private static String coefficients(List<Driver> drivers, BatchedLogistic.Solution s) {
    return coefficients(drivers, s.coefficients()) + " intercept " + s.intercept();
  }

  private static String coefficients(List<Driver> drivers, double[] b) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < drivers.size(); i++) {
      if (drivers.get(i).family().equals("effort") && drivers.get(i).name().endsWith("_90d")) {
        out.append(String.format(Locale.ROOT, "%s=%.3f ", drivers.get(i).name(), b[i]));
      }
    }
    return out.toString();
  }

  private static PipelineModel preparation(PipelineModel tuned) {
    Transformer[] stages = tuned.stages();
    return new PipelineModel("prep", java.util.Arrays.copyOf(stages, stages.length - 1));
  }

  private static Column logit(Column p) {
    return log(p.divide(lit(1).minus(p)));
  }

  private static Column logistic(Column eta) {
    return lit(1).divide(lit(1).plus(exp(eta.multiply(-1))));
  }

  private static Map<String, double[]> avoided(
      Function<Dataset<Row>, Dataset<Row>> score,
      Function<Dataset<Row>, Column> probability,
      Dataset<Row> test,
      List<Driver> drivers) {
    Dataset<Row> scored = score.apply(Counterfactuals.explode(test, drivers));
    List<Row> rows =
        scored
            .withColumn("p__", probability.apply(scored))
            .groupBy(Counterfactuals.SCENARIO)
            .agg(sum(col("p__")))
            .collectAsList();
    Map<String, Double> expected = new java.util.LinkedHashMap<>();
    rows.forEach(r -> expected.put(r.getString(0), r.getDouble(1)));
    Map<String, double[]> out = new java.util.LinkedHashMap<>();
    double observed = expected.get(Counterfactuals.OBSERVED);
    expected.forEach(
        (k, v) -> out.put(k, new double[] {k.equals(Counterfactuals.OBSERVED) ? v : observed - v}));
    return out;
  }

  private static void print(String name, Map<String, double[]> avoided) {
    StringBuilder out = new StringBuilder("DIAG " + name + ": observed=");
    out.append(String.format(Locale.ROOT, "%.1f", avoided.get(Counterfactuals.OBSERVED)[0]));
    avoided.forEach(
        (k, v) -> {
          if (k.startsWith(Counterfactuals.FAMILY_PREFIX)
              || k.equals("repeat_contacts_90d")
              || k.equals("unresolved_journeys_90d")) {
            out.append(String.format(Locale.ROOT, " %s=%.1f", k, v[0]));
          }
        });
    say(out);
  }
}
