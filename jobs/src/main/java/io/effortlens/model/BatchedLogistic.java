package io.effortlens.model;

import static org.apache.spark.ml.functions.vector_to_array;
import static org.apache.spark.sql.functions.aggregate;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.zip_with;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Many binomial logistic regressions over the same feature vectors, each with its own row weights
 * and regularisation, fitted together: one Spark job evaluates the loss and gradient of every model
 * still running, so {@code k} models cost as many jobs as the slowest one needs evaluations, not
 * the sum over all of them (a bootstrap of 20 MLlib refits ran ~1,500 jobs).
 *
 * <p>Each model minimises MLlib's {@code LogisticRegression} objective (binomial, with an
 * unpenalised intercept): {@code (1/W) Σ w_i logloss_i + λ(1-α)/2 Σ (s_j β_j)² + λα Σ |s_j β_j|},
 * where {@code s_j} is the feature's weighted standard deviation (MLlib's unbiased weighted
 * formula) with standardization on and 1 with it off, and a feature without weighted variance gets
 * coefficient 0, as in MLlib. The minimiser is OWL-QN (L-BFGS with orthant-wise steps for the L1
 * term; Andrew and Gao 2007), run until the pseudo-gradient's largest component is below {@link
 * #GRADIENT_TOLERANCE} (or rounding stops progress within {@link #STALL_TOLERANCE}), or until
 * MLlib's iteration cap ({@code maxIter}); a converged model is the objective's optimum to that
 * tolerance (the path to it is not MLlib's).
 *
 * <p>The sums of every evaluation are taken per partition and added on the driver in partition
 * order, so the result does not depend on which task finishes first. The driver receives per-model
 * sums (a few kilobytes), never rows.
 */
public final class BatchedLogistic {
  private static final Logger LOG = LoggerFactory.getLogger(BatchedLogistic.class);
  static final double GRADIENT_TOLERANCE = 1e-9;

  /** The largest pseudo-gradient component still called converged where rounding stops OWL-QN. */
  static final double STALL_TOLERANCE = 1e-6;

  private BatchedLogistic() {}

  /**
   * One model: its label and row weights (column expressions; weight 0 leaves a row out) and its
   * regularisation.
   */
  public record Problem(Column label, Column weight, double regParam, double elasticNet) {}

  /** A fitted model in the original feature scale. */
  public record Solution(
      double[] coefficients, double intercept, int iterations, boolean converged) {

    /**
     * The model's probability of label 1 for the vector column {@code features}, as built-in column
     * functions: {@code 1 / (1 + exp(-(intercept + Σ β_j x_j)))}, what MLlib's binomial model
     * gives.
     */
    public Column probability(Column features) {
      return probabilityOfValues(vector_to_array(features, "float64"));
    }

    /**
     * As {@link #probability}, of an array column of the vector's values ({@code vector_to_array}
     * taken once when many models score the same rows).
     */
    public Column probabilityOfValues(Column values) {
      Column[] betas = Arrays.stream(coefficients).mapToObj(functions::lit).toArray(Column[]::new);
      Column margin =
          aggregate(zip_with(values, array(betas), Column::multiply), lit(intercept), Column::plus);
      return lit(1.0).divide(lit(1.0).plus(exp(functions.negate(margin))));
    }

    /**
     * {@code rows} with this model's probability of label 1 for the vector column {@code features}
     * as double column {@code name}, scored by an MLlib binomial model of these coefficients: a
     * compiled dot product, where {@link #probability}'s higher-order functions are interpreted per
     * row (70 of 85 s of task CPU when 21 models scored the attribution's copies). Equal to {@link
     * #probability} up to the order of the floating-point sum.
     */
    public Dataset<Row> withProbability(Dataset<Row> rows, String features, String name) {
      LogisticRegressionModel model =
          new LogisticRegressionModel(name, Vectors.dense(coefficients), intercept);
      model
          .setFeaturesCol(features)
          .setRawPredictionCol("")
          .setPredictionCol("")
          .setProbabilityCol(name + "__vector");
      return model
          .transform(rows)
          .withColumn(name, vector_to_array(col(name + "__vector"), "float64").getItem(1))
          .drop(name + "__vector");
    }
  }

  /**
   * Fits every problem on the rows of {@code vectors}.
   *
   * @param vectors rows with {@code featuresCol} (ml Vector) and what the problems' labels (0/1)
   *     and weights read
   * @param standardization MLlib's parameter of the same name (penalty on standardised
   *     coefficients)
   * @param maxIterations MLlib's {@code maxIter}: accepted steps per model at most (a model that
   *     reaches it is reported as not converged, as MLlib's stop there is)
   */
  public static List<Solution> fit(
      Dataset<Row> vectors,
      String featuresCol,
      List<Problem> problems,
      boolean standardization,
      int maxIterations) {
    if (problems.isEmpty()) {
      return List.of();
    }
    Column[] weights = problems.stream().map(Problem::weight).toArray(Column[]::new);
    Column[] labels = problems.stream().map(p -> p.label().cast("double")).toArray(Column[]::new);
    JavaRDD<Point> points =
        vectors
            .select(col(featuresCol), array(labels), array(weights))
            .javaRDD()
            .map(Point::of)
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      return solve(points, problems, standardization, maxIterations);
    } finally {
      points.unpersist(false);
    }
  }

  private static List<Solution> solve(
      JavaRDD<Point> points, List<Problem> problems, boolean standardization, int maxIterations) {
    Moments moments = Moments.of(points, problems.size());
    List<OwlqnSearch> searches = new ArrayList<>();
    for (int k = 0; k < problems.size(); k++) {
      Problem p = problems.get(k);
      searches.add(
          new OwlqnSearch(
              k,
              moments.penalties(k, p.regParam(), p.elasticNet(), standardization),
              maxIterations));
    }
    int evaluations = 0;
    List<OwlqnSearch> running = new ArrayList<>(searches);
    while (!running.isEmpty()) {
      double[][] trials = running.stream().map(OwlqnSearch::point).toArray(double[][]::new);
      int[] models = running.stream().mapToInt(OwlqnSearch::model).toArray();
      double[][] sums = evaluate(points, models, trials, moments.dimension());
      evaluations++;
      for (int i = 0; i < running.size(); i++) {
        running.get(i).evaluated(sums[i]);
      }
      running.removeIf(OwlqnSearch::done);
    }
    int slowest = searches.stream().mapToInt(OwlqnSearch::iterations).max().orElse(0);
    long converged = searches.stream().filter(OwlqnSearch::converged).count();
    LOG.info(
        "stage=batched-logistic models={} converged={} evaluations={} max_iterations={}",
        searches.size(),
        converged,
        evaluations,
        slowest);
    return searches.stream().map(OwlqnSearch::solution).toList();
  }

  /**
   * Per requested model: the weighted log-loss sum at its trial point (last element) and the
   * gradient sums (coefficients, then intercept). One Spark job.
   */
  private static double[][] evaluate(
      JavaRDD<Point> points, int[] models, double[][] trials, int dimension) {
    List<double[][]> parts =
        points
            .mapPartitions(
                (Iterator<Point> it) -> {
                  double[][] sums = new double[models.length][dimension + 2];
                  while (it.hasNext()) {
                    it.next().addLossAndGradient(models, trials, sums, dimension);
                  }
                  return Collections.singletonList(sums).iterator();
                })
            .collect();
    return inPartitionOrder(parts);
  }

  /**
   * The element-wise sum of per-partition arrays, added in partition order (the order {@code
   * collect} returns), so the result does not depend on which task finished first; null if none.
   */
  private static double[][] inPartitionOrder(List<double[][]> parts) {
    double[][] total = null;
    for (double[][] part : parts) {
      if (total == null) {
        total = new double[part.length][part[0].length];
      }
      for (int m = 0; m < part.length; m++) {
        for (int j = 0; j < part[m].length; j++) {
          total[m][j] += part[m][j];
        }
      }
    }
    return total;
  }

  /**
   * Per model: total weight, weighted label sum and MLlib's weighted feature variances (the
   * summariser's unbiased formula {@code (Σw x² − (Σw x)²/W) / (W − Σw²/W)}). One Spark job.
   */
  record Moments(int dimension, double[][] sums) {
    static Moments of(JavaRDD<Point> points, int models) {
      List<double[][]> parts =
          points
              .mapPartitions(
                  (Iterator<Point> it) -> {
                    List<double[][]> out = new ArrayList<>();
                    double[][] s = null;
                    while (it.hasNext()) {
                      Point p = it.next();
                      if (s == null) {
                        s = new double[models][3 + 2 * p.size()];
                      }
                      p.addMoments(s);
                    }
                    if (s != null) {
                      out.add(s);
                    }
                    return out.iterator();
                  })
              .collect();
      double[][] total = inPartitionOrder(parts);
      if (total == null) {
        throw new IllegalArgumentException("Cannot fit a logistic regression on no rows");
      }
      return new Moments((total[0].length - 3) / 2, total);
    }

    /** Per coefficient of model {@code k}: its L1 and L2 weights, or NaN when it stays at 0. */
    OwlqnSearch.Penalties penalties(
        int k, double regParam, double elasticNet, boolean standardization) {
      double[] s = sums[k];
      double total = s[0];
      double squares = s[1];
      double denominator = total - squares / total;
      double[] l1 = new double[dimension];
      double[] l2 = new double[dimension];
      double[] mean = new double[dimension];
      double[] std = new double[dimension];
      for (int j = 0; j < dimension; j++) {
        double sum = s[3 + j];
        double sumSquares = s[3 + dimension + j];
        double variance =
            denominator > 0 ? Math.max((sumSquares - sum * sum / total) / denominator, 0) : 0;
        boolean constant = variance <= 1e-12 * (sumSquares / total);
        mean[j] = sum / total;
        std[j] = Math.sqrt(variance);
        double scale = standardization ? std[j] : 1.0;
        l1[j] = constant ? Double.NaN : regParam * elasticNet * scale;
        l2[j] = constant ? Double.NaN : regParam * (1 - elasticNet) * scale * scale;
      }
      return new OwlqnSearch.Penalties(total, s[2], l1, l2, mean, std);
    }
  }

  /** A row as the solver reads it: sparse or dense features, one label and weight per model. */
  record Point(int size, int[] indices, double[] values, double[] labels, double[] weights)
      implements Serializable {
    static Point of(Row row) {
      Vector v = row.getAs(0);
      double[] labels = doubles(row.getList(1));
      double[] weights = doubles(row.getList(2));
      if (v instanceof SparseVector sparse) {
        return new Point(sparse.size(), sparse.indices(), sparse.values(), labels, weights);
      }
      DenseVector dense = (DenseVector) v.toDense();
      return new Point(dense.size(), null, dense.values(), labels, weights);
    }

    /** Null weights count as 0 (the row is left out); a null label with weight is an error. */
    private static double[] doubles(List<Object> values) {
      double[] out = new double[values.size()];
      for (int k = 0; k < out.length; k++) {
        Object v = values.get(k);
        out[k] = v == null ? Double.NaN : ((Number) v).doubleValue();
      }
      return out;
    }

    int index(int i) {
      return indices == null ? i : indices[i];
    }

    /** Per model: Σw, Σw², Σw·label, Σw·x_j, Σw·x_j². */
    void addMoments(double[][] sums) {
      for (int m = 0; m < weights.length; m++) {
        double w = weights[m];
        if (w == 0.0 || Double.isNaN(w)) {
          continue;
        }
        if (Double.isNaN(labels[m]) || labels[m] < 0 || labels[m] > 1) {
          throw new IllegalArgumentException(
              "A logistic regression needs labels 0 or 1 on weighted rows, model "
                  + m
                  + " has "
                  + labels[m]);
        }
        double[] s = sums[m];
        s[0] += w;
        s[1] += w * w;
        s[2] += w * labels[m];
        for (int i = 0; i < values.length; i++) {
          double x = values[i];
          s[3 + index(i)] += w * x;
          s[3 + size + index(i)] += w * x * x;
        }
      }
    }

    void addLossAndGradient(int[] models, double[][] trials, double[][] sums, int dimension) {
      for (int m = 0; m < models.length; m++) {
        double w = weights[models[m]];
        if (w == 0.0 || Double.isNaN(w)) {
          continue;
        }
        double label = labels[models[m]];
        double[] beta = trials[m];
        double margin = beta[dimension];
        for (int i = 0; i < values.length; i++) {
          margin += beta[index(i)] * values[i];
        }
        double[] sum = sums[m];
        sum[dimension + 1] +=
            w * (Math.max(margin, 0) + Math.log1p(Math.exp(-Math.abs(margin))) - label * margin);
        double multiplier = w * (1.0 / (1.0 + Math.exp(-margin)) - label);
        for (int i = 0; i < values.length; i++) {
          sum[index(i)] += multiplier * values[i];
        }
        sum[dimension] += multiplier;
      }
    }
  }
}
