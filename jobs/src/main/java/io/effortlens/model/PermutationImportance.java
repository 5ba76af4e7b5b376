package io.effortlens.model;

import static org.apache.spark.ml.functions.array_to_vector;
import static org.apache.spark.ml.functions.vector_to_array;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.feature.VectorAssembler;
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
 * dense row index (from {@code zipWithIndex}), never a global window.
 *
 * <p>The permutation is applied to the prepared feature vectors, not to the raw columns: the
 * preparation stages (cast, impute, encode, assemble) act on each driver column on its own and put
 * driver k at vector position k, so permuting the prepared value is permuting the raw value. The
 * test rows are prepared once (n rows, not |drivers| × n) and broadcast to the scenarios, spread
 * over the cores by driver; each scenario replaces one element of the vector and only the
 * classifier scores the |drivers| × n copies; AUC-PR per driver uses a window partitioned by driver
 * (the same partitioning: the copies are never shuffled). {@code PermutationImportanceTest} checks
 * the areas equal those of permuting the raw columns through the whole pipeline, to 0.0.
 */
public final class PermutationImportance {
  private static final String INDEX = "row_index";
  private static final String DONOR = "donor_index";
  private static final String POSITION = "position";
  private static final String VALUES = "feature_values";

  private PermutationImportance() {}

  /**
   * Driver name → drop in AUC-PR (positive = the model relies on the driver).
   *
   * @param model the preparation stages and the classifier (uncalibrated: the area reads the
   *     classifier's probability), as {@link ModelPipelines#tune} composes them
   */
  public static Map<String, Double> of(
      PipelineModel model, Dataset<Row> test, List<Driver> drivers, int seed) {
    Transformer[] stages = model.stages();
    Transformer classifier = stages[stages.length - 1];
    PipelineModel preparation =
        new Pipeline()
            .setStages(Arrays.copyOf(stages, stages.length - 1, PipelineStage[].class))
            .fit(test);
    Dataset<Row> vectors =
        preparation
            .transform(withIndex(test))
            .select(
                col(INDEX),
                col(TrainingSet.LABEL),
                vector_to_array(col(ModelPipelines.FEATURES), "float64").as(VALUES))
            .cache();
    long n = vectors.count();
    Dataset<Row> donors =
        vectors.select(col(INDEX).as("d__" + INDEX), col(VALUES).as("d__" + VALUES));
    // the scenarios are spread over the cores (by scenario, the partitioning the average-precision
    // window needs) and the prepared rows broadcast to them: the |drivers| × n copies are made,
    // scored and measured where they are, without a shuffle
    int cores = test.sparkSession().sparkContext().defaultParallelism();
    Dataset<Row> permuted =
        scenarios(test, drivers, positions(preparation, drivers), n, seed)
            .repartition(cores, col(Counterfactuals.SCENARIO))
            .crossJoin(broadcast(vectors))
            .withColumn(DONOR, pmod(col("a").multiply(col(INDEX)).plus(col("b")), lit(n)))
            .join(broadcast(donors), col(DONOR).equalTo(col("d__" + INDEX)))
            .select(
                col(Counterfactuals.SCENARIO),
                col(TrainingSet.LABEL),
                array_to_vector(permuted()).as(ModelPipelines.FEATURES));
    Map<String, Double> ap = areaUnderPr(classifier.transform(permuted));
    vectors.unpersist();
    Map<String, Double> drop = new LinkedHashMap<>();
    double base = ap.get(Counterfactuals.OBSERVED);
    drivers.forEach(d -> drop.put(d.name(), base - ap.get(d.name())));
    return drop;
  }

  /** The row's vector values with the scenario's position taken from the donor row. */
  private static Column permuted() {
    Column values = col(VALUES);
    Column k = col(POSITION);
    return when(k.lt(0), values)
        .otherwise(
            concat(
                slice(values, lit(1), k),
                array(element_at(col("d__" + VALUES), k.plus(1))),
                slice(values, k.plus(2), size(values).minus(k).minus(1))));
  }

  /**
   * One row per scenario: the observed rows (the identity, no position) and per driver its seeded
   * permutation (a, b) and its position in the feature vector.
   */
  private static Dataset<Row> scenarios(
      Dataset<Row> test, List<Driver> drivers, int[] positions, long n, int seed) {
    Random random = new Random(seed);
    List<Row> plan = new ArrayList<>();
    plan.add(RowFactory.create(Counterfactuals.OBSERVED, 1L, 0L, -1));
    for (int k = 0; k < drivers.size(); k++) {
      plan.add(
          RowFactory.create(
              drivers.get(k).name(),
              coprime(n, random),
              (long) random.nextInt((int) n),
              positions[k]));
    }
    StructType schema =
        new StructType()
            .add(Counterfactuals.SCENARIO, DataTypes.StringType)
            .add("a", DataTypes.LongType)
            .add("b", DataTypes.LongType)
            .add(POSITION, DataTypes.IntegerType);
    return test.sparkSession().createDataFrame(plan, schema);
  }

  /**
   * Each driver's position in the assembled vector: the assembler reads the imputed drivers first,
   * one element each, in order (see {@link ModelPipelines}); checked, since permuting the vector is
   * permuting the raw column only then.
   */
  private static int[] positions(PipelineModel preparation, List<Driver> drivers) {
    List<String> inputs =
        Arrays.stream(preparation.stages())
            .filter(VectorAssembler.class::isInstance)
            .map(a -> List.of(((VectorAssembler) a).getInputCols()))
            .findFirst()
            .orElse(List.of());
    int[] out = new int[drivers.size()];
    for (int k = 0; k < drivers.size(); k++) {
      out[k] = inputs.indexOf(drivers.get(k).imputed());
      if (out[k] != k) {
        throw new IllegalStateException(
            "Cannot permute driver "
                + drivers.get(k).name()
                + ": the assembler's input "
                + k
                + " is not its imputed column ("
                + inputs
                + ")");
      }
    }
    return out;
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
