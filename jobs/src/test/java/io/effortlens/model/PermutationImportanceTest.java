package io.effortlens.model;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.effortlens.testing.SparkSessionExtension;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.classification.GBTClassifier;
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
 * Permutation importance permutes the prepared feature vectors; this proves it gives what permuting
 * the raw driver columns and scoring them through the whole pipeline gave (the method it replaces),
 * exactly.
 */
@ExtendWith(SparkSessionExtension.class)
class PermutationImportanceTest {
  private static final int SEED = 11;

  @Test
  void permutingThePreparedVectorsGivesTheAreasOfPermutingTheRawColumns(SparkSession spark) {
    Dataset<Row> rows = TrainingSet.inStableOrder(LogisticBootstrapTest.fitRows(spark), 1).cache();
    PipelineModel model = gbt(rows);
    Map<String, Double> drop =
        PermutationImportance.of(model, rows, LogisticBootstrapTest.DRIVERS, SEED);
    assertEquals(rawColumns(model, rows, LogisticBootstrapTest.DRIVERS, SEED), drop);
    assertTrue(drop.values().stream().anyMatch(v -> v != 0.0), "some driver matters to the model");
  }

  @Test
  void refusesDriversOutOfTheAssemblersOrder(SparkSession spark) {
    Dataset<Row> rows = LogisticBootstrapTest.fitRows(spark);
    List<Driver> reversed = new ArrayList<>(LogisticBootstrapTest.DRIVERS);
    java.util.Collections.reverse(reversed);
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> PermutationImportance.of(gbt(rows), rows, reversed, SEED));
    assertTrue(e.getMessage().startsWith("Cannot permute driver tenure_days"), e.getMessage());
  }

  private static PipelineModel gbt(Dataset<Row> fit) {
    ModelPipelines.Spec spec =
        ModelPipelines.gbt(LogisticBootstrapTest.DRIVERS, List.of("plan"), 7);
    ((GBTClassifier) spec.classifier()).setMaxIter(5);
    return ModelPipelines.refit(spec, fit, spec.grid()[spec.grid().length - 1]);
  }

  /**
   * The reference: each driver's raw column permuted across the rows (the same seeded (a, b) per
   * driver and the same row order as the product), every copy scored by the whole pipeline.
   */
  private static Map<String, Double> rawColumns(
      PipelineModel model, Dataset<Row> test, List<Driver> drivers, int seed) {
    Dataset<Row> indexed =
        test.orderBy(TrainingSet.AS_OF, TrainingSet.CUSTOMER_ID)
            .coalesce(1)
            .withColumn("row_index", monotonically_increasing_id())
            .cache();
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
    Dataset<Row> donors =
        indexed.toDF(
            java.util.Arrays.stream(indexed.columns()).map(c -> "d__" + c).toArray(String[]::new));
    List<Column> out = new ArrayList<>(List.of(col(Counterfactuals.SCENARIO)));
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
        indexed
            .crossJoin(broadcast(test.sparkSession().createDataFrame(plan, schema)))
            .withColumn("donor", pmod(col("a").multiply(col("row_index")).plus(col("b")), lit(n)))
            .join(broadcast(donors), col("donor").equalTo(col("d__row_index")))
            .select(out.toArray(Column[]::new));
    Map<String, Double> ap =
        PermutationImportance.areaUnderPr(
            model.transform(permuted.repartition(2, col(Counterfactuals.SCENARIO))));
    Map<String, Double> drop = new LinkedHashMap<>();
    drivers.forEach(d -> drop.put(d.name(), ap.get(Counterfactuals.OBSERVED) - ap.get(d.name())));
    return drop;
  }

  private static long coprime(long n, Random random) {
    while (true) {
      long a = 1 + random.nextInt((int) Math.max(n - 1, 1));
      if (java.math.BigInteger.valueOf(a).gcd(java.math.BigInteger.valueOf(n)).longValue() == 1) {
        return a;
      }
    }
  }
}
