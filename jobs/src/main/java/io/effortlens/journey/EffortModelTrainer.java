package io.effortlens.journey;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import scala.collection.JavaConverters;

/**
 * Fits the effort_score model on journeys, one model per value of a group column (the as-of date of
 * point-in-time journeys, or one group for all journeys), every group in the same few Spark jobs:
 * each step is one aggregation grouped by the group column whose sums reach the driver (a few
 * hundred numbers per group), never the journeys. Journey grain in, an {@link EffortModel} per
 * group out.
 *
 * <ol>
 *   <li>Response propensity: logistic regression of "the journey has a CES answer" on {@link
 *       EffortTerms} over all journeys, L2 0.01 on the standardized coefficients (sample standard
 *       deviation), intercept unpenalized: the objective of MLlib's {@code LogisticRegression} with
 *       {@code standardization} on, solved by Newton's method (one aggregation of gradient and
 *       Hessian per iteration, to a step below 1e-10).
 *   <li>Effort: ridge regression of {@code 8 - last_ces} on the same terms over answered journeys,
 *       each weighted by 1 / propensity with the propensity floored at 0.05 (weights at most 20),
 *       so journeys like the few that get answered do not speak for everyone. The objective of
 *       MLlib's {@code LinearRegression} with the normal solver (features and label standardized
 *       with population deviations, L2 0.01), solved in closed form from the weighted moments.
 * </ol>
 *
 * <p>Both are deterministic (no random initialisation or sampling, so no seed); coefficients are
 * rounded to 6 decimals. A term without variation in a group gets coefficient 0. With fewer than
 * {@code minAnswers} answered journeys the fixed composite ({@link EffortModel#composite}) is used.
 */
public final class EffortModelTrainer {
  static final double MIN_PROPENSITY = 0.05;
  private static final double REG_PARAM = 0.01;
  private static final int MAX_ITERATIONS = 100;
  private static final double TOLERANCE = 1e-10;

  /** Relative variance below which a term counts as constant (rounding residue of the sums). */
  private static final double NO_VARIANCE = 1e-12;

  private static final String GROUP = "_group";
  private static final String HAS_CES = "_has_ces";
  private static final String TARGET = "_effort_target";
  private static final String WEIGHT = "_weight";
  private static final String PROBABILITY = "_p";
  private static final String RESIDUAL = "_residual";
  private static final String CURVATURE = "_curvature";
  private static final int K = EffortTerms.NAMES.size();

  private EffortModelTrainer() {}

  /** Fits one model on all the given journeys (schema {@link JourneySchema#GRAIN_COLUMNS}). */
  public static EffortModel fit(Dataset<Row> journeys, int minAnswers) {
    Map<Object, EffortModel> models =
        fitEach(journeys.withColumn(GROUP, lit(0)), GROUP, minAnswers);
    return models.isEmpty() ? EffortModel.composite(0, 0) : models.values().iterator().next();
  }

  /**
   * One model per distinct value of {@code group} (e.g. as_of), in a handful of Spark jobs for all
   * groups together: one for the moments, one per Newton iteration, one for the effort fit.
   */
  public static Map<Object, EffortModel> fitEach(
      Dataset<Row> journeys, String group, int minAnswers) {
    Dataset<Row> data =
        withTrainingColumns(journeys, group)
            .repartition(journeys.sparkSession().sparkContext().defaultParallelism())
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Map<Object, Moments> moments = moments(data);
      Map<Object, double[]> propensities = new LinkedHashMap<>();
      Map<Object, EffortModel> out = new LinkedHashMap<>();
      for (Map.Entry<Object, Moments> e : moments.entrySet()) {
        Moments m = e.getValue();
        if (m.answers == 0 || m.answers < minAnswers) {
          out.put(e.getKey(), EffortModel.composite(m.answers, m.total));
        } else if (m.answers < m.total) {
          propensities.put(e.getKey(), m.startingPoint());
        }
      }
      fitPropensities(data, moments, propensities);
      Map<Object, EffortModel> effort = fitEffort(data, moments, propensities, out.keySet());
      Map<Object, EffortModel> all = new LinkedHashMap<>();
      for (Object key : moments.keySet()) {
        all.put(key, out.containsKey(key) ? out.get(key) : effort.get(key));
      }
      return all;
    } finally {
      data.unpersist();
    }
  }

  /** Adds the response weight 1 / max(propensity, 0.05) for answered journeys. */
  static Dataset<Row> withResponseWeight(Dataset<Row> journeys, EffortModel propensity) {
    return journeys.withColumn(WEIGHT, responseWeight(propensity.responsePropensity()));
  }

  private static Column responseWeight(Column propensity) {
    return least(
        lit(1.0).divide(greatest(propensity, lit(MIN_PROPENSITY))), lit(1.0 / MIN_PROPENSITY));
  }

  /** The group, the terms as {@code _t<i>} (doubles), answer flag and target. */
  private static Dataset<Row> withTrainingColumns(Dataset<Row> journeys, String group) {
    List<Column> out = new ArrayList<>();
    out.add(col(group).as(GROUP));
    List<Column> terms = EffortTerms.columns();
    for (int i = 0; i < K; i++) {
      out.add(terms.get(i).as(term(i)));
    }
    Column lastCes = col(JourneySchema.LAST_CES);
    out.add(lastCes.isNotNull().cast("double").as(HAS_CES));
    out.add(lit(8.0).minus(lastCes.cast("double")).as(TARGET));
    return journeys.select(out.toArray(Column[]::new));
  }

  private static String term(int i) {
    return "_t" + i;
  }

  /** Term i, with term -1 the constant 1 of the intercept. */
  private static Column x(int i) {
    return i < 0 ? lit(1.0) : col(term(i));
  }

  /** Counts, answers and the terms' first and second moments, per group (one job). */
  private static Map<Object, Moments> moments(Dataset<Row> data) {
    List<Column> sums = new ArrayList<>();
    sums.add(sum(col(HAS_CES)));
    for (int i = 0; i < K; i++) {
      sums.add(sum(x(i)));
    }
    for (int i = 0; i < K; i++) {
      for (int j = i; j < K; j++) {
        sums.add(sum(x(i).multiply(x(j))));
      }
    }
    Map<Object, Moments> out = new LinkedHashMap<>();
    for (Row r : aggregate(data, count(lit(1)), sums)) {
      double[] s = values(r, 2);
      out.put(r.get(0), new Moments(r.getLong(1), (long) s[0], s));
    }
    return out;
  }

  /**
   * Newton's method for every group's propensity logit at once; {@code beta} holds each group's
   * intercept and coefficients (raw scale) and is updated in place.
   */
  private static void fitPropensities(
      Dataset<Row> data, Map<Object, Moments> moments, Map<Object, double[]> beta) {
    Map<Object, double[]> open = new LinkedHashMap<>(beta);
    for (int iteration = 0; iteration < MAX_ITERATIONS && !open.isEmpty(); iteration++) {
      Column p = EffortModel.logistic(linear());
      List<Column> sums = new ArrayList<>();
      for (int i = -1; i < K; i++) {
        sums.add(sum(col(RESIDUAL).multiply(x(i))));
      }
      for (int i = -1; i < K; i++) {
        for (int j = i; j < K; j++) {
          sums.add(sum(col(CURVATURE).multiply(x(i)).multiply(x(j))));
        }
      }
      // the probability once per row, not once per sum
      Dataset<Row> rows =
          withCoefficients(data, open)
              .withColumn(PROBABILITY, p)
              .withColumn(RESIDUAL, col(PROBABILITY).minus(col(HAS_CES)))
              .withColumn(CURVATURE, col(PROBABILITY).multiply(lit(1.0).minus(col(PROBABILITY))));
      Map<Object, double[]> next = new LinkedHashMap<>();
      for (Row r : aggregate(rows, count(lit(1)), sums)) {
        Object key = r.get(0);
        double[] b = open.get(key);
        double[] step = newtonStep(moments.get(key), b, values(r, 2));
        double largest = 0;
        for (int i = 0; i < b.length; i++) {
          b[i] -= step[i];
          largest = Math.max(largest, Math.abs(step[i]));
        }
        if (largest >= TOLERANCE) {
          next.put(key, b);
        }
      }
      open = next;
    }
  }

  /**
   * H^-1 g of the mean log loss plus (0.01 / 2) sum (sd_j b_j)^2, from the gradient and Hessian
   * sums (intercept first); terms without variation are held at 0.
   */
  private static double[] newtonStep(Moments m, double[] b, double[] s) {
    int n = K + 1;
    double[] g = new double[n];
    double[][] h = new double[n][n];
    int at = 0;
    for (int i = 0; i < n; i++) {
      g[i] = s[at++] / m.total;
    }
    for (int i = 0; i < n; i++) {
      for (int j = i; j < n; j++) {
        h[i][j] = s[at++] / m.total;
        h[j][i] = h[i][j];
      }
    }
    for (int i = 1; i < n; i++) {
      double variance = m.sampleVariance(i - 1);
      g[i] += REG_PARAM * variance * b[i];
      h[i][i] += REG_PARAM * variance;
    }
    return solve(h, g, m.varying());
  }

  /**
   * The weighted ridge fit of every group with enough answers (one job); the groups in {@code
   * skipped} took the composite.
   */
  private static Map<Object, EffortModel> fitEffort(
      Dataset<Row> data,
      Map<Object, Moments> moments,
      Map<Object, double[]> propensities,
      java.util.Set<Object> skipped) {
    Map<Object, EffortModel> out = new LinkedHashMap<>();
    List<Object> groups = moments.keySet().stream().filter(k -> !skipped.contains(k)).toList();
    if (groups.isEmpty()) {
      return out;
    }
    Column weight = col(WEIGHT);
    Column y = col(TARGET);
    List<Column> sums = new ArrayList<>();
    for (int i = -1; i < K; i++) {
      sums.add(sum(weight.multiply(x(i))));
    }
    for (int i = 0; i < K; i++) {
      for (int j = i; j < K; j++) {
        sums.add(sum(weight.multiply(x(i)).multiply(x(j))));
      }
    }
    for (int i = 0; i < K; i++) {
      sums.add(sum(weight.multiply(x(i)).multiply(y)));
    }
    sums.add(sum(weight.multiply(y)));
    sums.add(sum(weight.multiply(y).multiply(y)));
    Dataset<Row> answered =
        weighted(
            data.filter(col(HAS_CES).equalTo(1.0).and(col(GROUP).isin(groups.toArray()))),
            propensities);
    for (Row r : aggregate(answered, count(lit(1)), sums)) {
      Object key = r.get(0);
      Moments m = moments.get(key);
      double[] effort = ridge(values(r, 2));
      double[] propensity = propensities.get(key);
      out.put(
          key,
          new EffortModel(
              EffortModel.FITTED,
              m.answers,
              m.total,
              round(effort[0]),
              round(tail(effort)),
              propensity == null ? 0.0 : round(propensity[0]),
              propensity == null ? List.of() : round(tail(propensity))));
    }
    return out;
  }

  /**
   * The rows with their response weight under their group's propensity logit (1 for groups without
   * one: every journey answered).
   */
  private static Dataset<Row> weighted(Dataset<Row> rows, Map<Object, double[]> propensities) {
    if (propensities.isEmpty()) {
      return rows.withColumn(WEIGHT, lit(1.0));
    }
    Column p = EffortModel.logistic(linear());
    Column weight = when(col(coefficient(0)).isNull(), lit(1.0)).otherwise(responseWeight(p));
    return withCoefficients(rows, propensities, "left").withColumn(WEIGHT, weight);
  }

  /**
   * Ridge as MLlib's normal solver: (C + 0.01 / sd_y diag(sd_x^2)) b = c with C, c, sd the weighted
   * population (co)variances; intercept = mean_y - mean_x b. A constant target gives b = 0.
   */
  private static double[] ridge(double[] s) {
    double w = s[0];
    double[] mean = new double[K];
    for (int i = 0; i < K; i++) {
      mean[i] = s[1 + i] / w;
    }
    int at = 1 + K;
    double[][] c = new double[K][K];
    for (int i = 0; i < K; i++) {
      for (int j = i; j < K; j++) {
        c[i][j] = s[at++] / w - mean[i] * mean[j];
        c[j][i] = c[i][j];
      }
    }
    double meanY = s[at + K] / w;
    double[] cy = new double[K];
    for (int i = 0; i < K; i++) {
      cy[i] = s[at + i] / w - mean[i] * meanY;
    }
    double sdY = Math.sqrt(Math.max(s[at + K + 1] / w - meanY * meanY, 0.0));
    double[] out = new double[K + 1];
    if (sdY == 0.0) {
      out[0] = meanY;
      return out;
    }
    boolean[] varying = new boolean[K];
    for (int i = 0; i < K; i++) {
      c[i][i] = Math.max(c[i][i], 0.0);
      varying[i] = c[i][i] > NO_VARIANCE * Math.max(1.0, mean[i] * mean[i]);
    }
    double[][] system = new double[K][K];
    for (int i = 0; i < K; i++) {
      system[i] = c[i].clone();
      system[i][i] += REG_PARAM / sdY * c[i][i];
    }
    double[] b = solve(system, cy, varying);
    double intercept = meanY;
    for (int i = 0; i < K; i++) {
      out[1 + i] = b[i];
      intercept -= b[i] * mean[i];
    }
    out[0] = intercept;
    return out;
  }

  /** Solves a x = y over the rows and columns marked in {@code use}; the others get 0. */
  private static double[] solve(double[][] a, double[] y, boolean[] use) {
    List<Integer> index = new ArrayList<>();
    for (int i = 0; i < use.length; i++) {
      if (use[i]) {
        index.add(i);
      }
    }
    double[] out = new double[use.length];
    if (index.isEmpty()) {
      return out;
    }
    RealMatrix m = MatrixUtils.createRealMatrix(index.size(), index.size());
    double[] v = new double[index.size()];
    for (int i = 0; i < index.size(); i++) {
      v[i] = y[index.get(i)];
      for (int j = 0; j < index.size(); j++) {
        m.setEntry(i, j, a[index.get(i)][index.get(j)]);
      }
    }
    double[] x =
        new LUDecomposition(m).getSolver().solve(MatrixUtils.createRealVector(v)).toArray();
    for (int i = 0; i < index.size(); i++) {
      out[index.get(i)] = x[i];
    }
    return out;
  }

  /**
   * The rows of the groups in {@code beta} with each group's coefficients as columns {@code _b<i>}
   * (a broadcast join with a row per group): the coefficients are data, not literals, so every
   * Newton iteration runs the same generated code.
   */
  private static Dataset<Row> withCoefficients(Dataset<Row> rows, Map<Object, double[]> beta) {
    return withCoefficients(rows, beta, "inner");
  }

  private static Dataset<Row> withCoefficients(
      Dataset<Row> rows, Map<Object, double[]> beta, String join) {
    StructType schema = new StructType().add(GROUP, rows.schema().apply(GROUP).dataType());
    for (int i = 0; i <= K; i++) {
      schema = schema.add(coefficient(i), DataTypes.DoubleType);
    }
    List<Row> values = new ArrayList<>();
    for (Map.Entry<Object, double[]> e : beta.entrySet()) {
      Object[] row = new Object[K + 2];
      row[0] = e.getKey();
      for (int i = 0; i <= K; i++) {
        row[1 + i] = e.getValue()[i];
      }
      values.add(RowFactory.create(row));
    }
    Dataset<Row> coefficients = rows.sparkSession().createDataFrame(values, schema);
    return rows.join(
        broadcast(coefficients), JavaConverters.asScalaBuffer(List.of(GROUP)).toSeq(), join);
  }

  /** b_0 + sum b_(i+1) term_i over the row's coefficient columns. */
  private static Column linear() {
    Column value = col(coefficient(0));
    for (int i = 0; i < K; i++) {
      value = value.plus(col(term(i)).multiply(col(coefficient(1 + i))));
    }
    return value;
  }

  private static String coefficient(int i) {
    return "_b" + i;
  }

  private static List<Row> aggregate(Dataset<Row> rows, Column first, List<Column> rest) {
    List<Column> aggregates = new ArrayList<>(List.of(first));
    aggregates.addAll(rest);
    return rows.groupBy(col(GROUP))
        .agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new))
        .collectAsList();
  }

  /** The row's doubles from column {@code from} on (null sums are 0). */
  private static double[] values(Row r, int from) {
    double[] out = new double[r.size() - from];
    for (int i = from; i < r.size(); i++) {
      out[i - from] = r.isNullAt(i) ? 0.0 : ((Number) r.get(i)).doubleValue();
    }
    return out;
  }

  private static double[] tail(double[] values) {
    return java.util.Arrays.copyOfRange(values, 1, values.length);
  }

  private static double round(double value) {
    return Math.round(value * 1e6) / 1e6;
  }

  private static List<Double> round(double[] values) {
    List<Double> out = new ArrayList<>();
    for (double value : values) {
      out.add(round(value));
    }
    return out;
  }

  /**
   * A group's journey count, answer count and term sums: s[1 + i] = sum term_i, then sum term_i
   * term_j for i &lt;= j.
   */
  private record Moments(long total, long answers, double[] s) {
    /** Sample variance of term i (n - 1), as MLlib standardizes logistic features. */
    double sampleVariance(int i) {
      if (total < 2) {
        return 0.0;
      }
      double sum = s[1 + i];
      double squares = s[1 + K + offset(i, i)];
      double variance = (squares - sum * sum / total) / (total - 1);
      double mean = sum / total;
      // a constant term leaves rounding residue, not variance
      return variance > NO_VARIANCE * Math.max(1.0, mean * mean) ? variance : 0.0;
    }

    /** Intercept and terms that vary (the intercept always does). */
    boolean[] varying() {
      boolean[] out = new boolean[K + 1];
      out[0] = true;
      for (int i = 0; i < K; i++) {
        out[1 + i] = sampleVariance(i) > 0.0;
      }
      return out;
    }

    /** The logit of the answer rate, all coefficients 0. */
    double[] startingPoint() {
      double[] b = new double[K + 1];
      double rate = (double) answers / total;
      b[0] = Math.log(rate / (1.0 - rate));
      return b;
    }

    private static int offset(int i, int j) {
      // position of (i, j), i <= j, in the upper triangle listed row by row
      return i * K - i * (i - 1) / 2 + (j - i);
    }
  }
}
