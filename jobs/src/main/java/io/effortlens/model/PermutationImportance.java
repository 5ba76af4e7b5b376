package io.effortlens.model;

import static org.apache.spark.ml.functions.vector_to_array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Permutation importance: the drop in test AUC-PR ({@link AreaUnderCurves}, the one definition of
 * the product) when one driver's values are permuted across the test rows. The permutation of
 * driver k maps row i to row (a_k * i + b_k) mod n with seeded a_k coprime to n, so it needs only a
 * dense row index (from {@code zipWithIndex}), never a global window. All drivers are scored in one
 * transform, spread over the cores by driver; AUC-PR per driver uses a window partitioned by driver
 * (the same partitioning, no second shuffle).
 */
public final class PermutationImportance {
  private static final String INDEX = "row_index";
  private static final String DONOR = "donor_index";

  private PermutationImportance() {}

  /** Driver name → drop in AUC-PR (positive = the model relies on the driver). */
  public static Map<String, Double> of(
      PipelineModel model, Dataset<Row> test, List<Driver> drivers, int seed) {
    Dataset<Row> indexed = withIndex(test).cache();
    long n = indexed.count();
    Random random = new Random(seed);
    List<Row> plan = new ArrayList<>();
    plan.add(RowFactory.create(Counterfactuals.OBSERVED, 1L, 0L));
    for (Driver d : drivers) {
      plan.add(RowFactory.create(d.name(), coprime(n, random), (long) random.nextInt((int) n)));
    }
    StructType schema =
        new StructType()
            .add(Counterfactuals.SCENARIO, DataTypes.StringType)
            .add("a", DataTypes.LongType)
            .add("b", DataTypes.LongType);
    Dataset<Row> scenarios = test.sparkSession().createDataFrame(plan, schema);
    Dataset<Row> rows =
        indexed
            .crossJoin(broadcast(scenarios))
            .withColumn(DONOR, pmod(col("a").multiply(col(INDEX)).plus(col("b")), lit(n)));
    Dataset<Row> donors = indexed.toDF(prefixed(indexed.columns()));
    List<Column> out = new ArrayList<>();
    out.add(col(Counterfactuals.SCENARIO));
    for (String c : indexed.columns()) {
      boolean isDriver = drivers.stream().anyMatch(d -> d.name().equals(c));
      out.add(
          isDriver
              ? when(col(Counterfactuals.SCENARIO).equalTo(c), col("d__" + c))
                  .otherwise(col(c))
                  .as(c)
              : col(c));
    }
    Dataset<Row> permuted =
        rows.join(broadcast(donors), col(DONOR).equalTo(col("d__" + INDEX)))
            .select(out.toArray(Column[]::new));
    // the scored copies are |drivers| times the test rows and scoring them is the costly step:
    // spread
    // them over the cores by scenario, the partitioning the average-precision window needs anyway
    int cores = test.sparkSession().sparkContext().defaultParallelism();
    Map<String, Double> ap =
        areaUnderPr(model.transform(permuted.repartition(cores, col(Counterfactuals.SCENARIO))));
    indexed.unpersist();
    Map<String, Double> drop = new LinkedHashMap<>();
    double base = ap.get(Counterfactuals.OBSERVED);
    drivers.forEach(d -> drop.put(d.name(), base - ap.get(d.name())));
    return drop;
  }

  private static Dataset<Row> withIndex(Dataset<Row> test) {
    Dataset<Row> sorted = test.orderBy(TrainingSet.AS_OF, TrainingSet.CUSTOMER_ID);
    StructType schema = sorted.schema().add(INDEX, DataTypes.LongType);
    return test.sparkSession()
        .createDataFrame(
            sorted
                .toJavaRDD()
                .zipWithIndex()
                .map(
                    t -> {
                      Object[] values = new Object[t._1().size() + 1];
                      for (int i = 0; i < t._1().size(); i++) {
                        values[i] = t._1().get(i);
                      }
                      values[values.length - 1] = t._2();
                      return RowFactory.create(values);
                    }),
            schema);
  }

  private static String[] prefixed(String[] columns) {
    String[] out = new String[columns.length];
    for (int i = 0; i < columns.length; i++) {
      out[i] = "d__" + columns[i];
    }
    return out;
  }

  private static long coprime(long n, Random random) {
    while (true) {
      long a = 1 + random.nextInt((int) Math.max(n - 1, 1));
      if (java.math.BigInteger.valueOf(a).gcd(java.math.BigInteger.valueOf(n)).longValue() == 1) {
        return a;
      }
    }
  }

  /** AUC-PR per scenario over the classifier's probability ({@link AreaUnderCurves}). */
  static Map<String, Double> areaUnderPr(Dataset<Row> scored) {
    Column p = vector_to_array(col(ModelPipelines.PROBABILITY), "float64").getItem(1);
    return AreaUnderCurves.prByGroup(scored, Counterfactuals.SCENARIO, p);
  }
}
