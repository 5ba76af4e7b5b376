package io.effortlens.model;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.effortlens.testing.SparkSessionExtension;
import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The batched fits reach the optimum of MLlib's LogisticRegression objective for each model's
 * weights and regularisation (MLlib run to convergence is the reference), including L1, L2 and
 * elastic-net penalties, standardization on and off, sparse rows, a constant and an all-zero
 * feature, and a model with its own label on a subset of rows (weight 0 elsewhere); and twenty
 * models fitted together cost at most a third of the Spark jobs of fitting them one by one.
 */
@ExtendWith(SparkSessionExtension.class)
class BatchedLogisticTest {
  private static final double TOLERANCE = 2e-6;

  static Dataset<Row> rows(SparkSession spark) {
    StructType schema =
        new StructType()
            .add(TrainingSet.AS_OF, DataTypes.DateType)
            .add(TrainingSet.CUSTOMER_ID, DataTypes.StringType)
            .add("label", DataTypes.DoubleType)
            .add("arm", DataTypes.IntegerType)
            .add("other", DataTypes.DoubleType)
            .add("features", SQLDataTypes.VectorType());
    Random random = new Random(17);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      double a = random.nextGaussian();
      double flag = random.nextDouble() < 0.3 ? 1 : 0;
      double count = random.nextDouble() < 0.8 ? 0 : 1 + random.nextInt(4);
      double near = 0.7 * a + 0.3 * random.nextGaussian();
      double margin = -1.0 + 0.9 * a + 0.6 * flag + 0.25 * count - 0.2 * near;
      double label = random.nextDouble() < 1 / (1 + Math.exp(-margin)) ? 1 : 0;
      double[] x = {a, flag, count, 1.0, 0.0, near};
      rows.add(
          RowFactory.create(
              Date.valueOf("2024-0" + (1 + i % 3) + "-01"),
              "c" + i,
              label,
              i % 3 == 0 ? 1 : 0,
              random.nextDouble() < 1 / (1 + Math.exp(0.5 - a)) ? 1.0 : 0.0,
              i % 2 == 0 ? Vectors.dense(x) : Vectors.dense(x).toSparse()));
    }
    return spark.createDataFrame(rows, schema).repartition(3).cache();
  }

  @Test
  void eachModelReachesTheOptimumOfMllibsObjective(SparkSession spark) {
    Dataset<Row> rows = rows(spark);
    List<BatchedLogistic.Problem> problems =
        List.of(
            new BatchedLogistic.Problem(col("label"), lit(1.0), 0.01, 0.5),
            new BatchedLogistic.Problem(col("label"), PoissonWeights.of(3, 0), 0.001, 0.0),
            new BatchedLogistic.Problem(col("label"), PoissonWeights.of(3, 1), 0.05, 1.0),
            new BatchedLogistic.Problem(
                col("label"), PoissonWeights.of(3, 2).multiply(2.5), 0.0, 0.0),
            new BatchedLogistic.Problem(
                col("other"), when(col("arm").equalTo(1), 1.0).otherwise(0.0), 0.02, 0.0));
    for (boolean standardization : new boolean[] {false, true}) {
      List<BatchedLogistic.Solution> fits =
          BatchedLogistic.fit(rows, "features", problems, standardization, 1000);
      for (int k = 0; k < problems.size(); k++) {
        BatchedLogistic.Problem p = problems.get(k);
        LogisticRegressionModel mllib =
            new LogisticRegression()
                .setWeightCol("w")
                .setLabelCol("y")
                .setRegParam(p.regParam())
                .setElasticNetParam(p.elasticNet())
                .setStandardization(standardization)
                .setMaxIter(2000)
                .setTol(1e-14)
                .fit(
                    rows.withColumn("w", p.weight())
                        .withColumn("y", p.label())
                        .filter(col("w").gt(0)));
        BatchedLogistic.Solution fit = fits.get(k);
        String what = "model " + k + " standardization " + standardization;
        assertTrue(fit.converged(), what + " converged");
        double[] expected = mllib.coefficients().toArray();
        for (int j = 0; j < expected.length; j++) {
          assertEquals(expected[j], fit.coefficients()[j], TOLERANCE, what + " coefficient " + j);
        }
        assertEquals(mllib.intercept(), fit.intercept(), TOLERANCE, what + " intercept");
        assertEquals(0.0, fit.coefficients()[3], 0.0, what + ": a constant feature stays 0");
        assertEquals(0.0, fit.coefficients()[4], 0.0, what + ": an all-zero feature stays 0");
      }
    }
  }

  @Test
  void twentyModelsCostAThirdOfTheJobsOfTwentyFits(SparkSession spark) throws Exception {
    Dataset<Row> rows = rows(spark);
    rows.count();
    int one = jobs(spark, rows, 1);
    int twenty = jobs(spark, rows, 20);
    assertTrue(
        twenty <= 20 * one / 3, "20 bootstrap fits ran " + twenty + " jobs, one fit alone " + one);
  }

  private static int jobs(SparkSession spark, Dataset<Row> rows, int models) throws Exception {
    List<BatchedLogistic.Problem> problems = new ArrayList<>();
    for (int b = 0; b < models; b++) {
      Column w = models == 1 ? lit(1.0) : PoissonWeights.of(5, b);
      problems.add(new BatchedLogistic.Problem(col("label"), w, 0.01, 0.5));
    }
    AtomicInteger started = new AtomicInteger();
    SparkListener listener =
        new SparkListener() {
          @Override
          public void onJobStart(SparkListenerJobStart jobStart) {
            started.incrementAndGet();
          }
        };
    spark.sparkContext().addSparkListener(listener);
    try {
      BatchedLogistic.fit(rows, "features", problems, false, 1000);
      spark.sparkContext().listenerBus().waitUntilEmpty();
    } finally {
      spark.sparkContext().removeSparkListener(listener);
    }
    return started.get();
  }
}
