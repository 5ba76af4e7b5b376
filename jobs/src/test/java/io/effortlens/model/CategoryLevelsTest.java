package io.effortlens.model;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.effortlens.testing.SparkSessionExtension;
import io.effortlens.testing.TestLakes;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Extra customer columns: strings are one-hot encoded with their most frequent levels, the rest
 * "other" inside the saved pipeline; columns the models cannot read are named with the reason.
 */
@ExtendWith(SparkSessionExtension.class)
class CategoryLevelsTest {
  @Test
  void rareAndUnseenLevelsBecomeOtherInTheSavedPipeline(SparkSession spark) throws Exception {
    // states s0..s5; s0, s1 and s2 are the most frequent (c0..c59: i % 10 < 7 → s(i % 3))
    Dataset<Row> fit =
        LogisticBootstrapTest.fitRows(spark)
            .withColumn("n", col("customer_id").substr(2, 3).cast("int"))
            .withColumn(
                "state",
                when(col("n").mod(10).lt(7), concat(lit("s"), col("n").mod(3).cast("string")))
                    .otherwise(concat(lit("s"), col("n").mod(3).plus(3).cast("string"))))
            .drop("n");
    List<String> categories = List.of("plan", "state");
    Map<String, List<String>> capped = TrainingSet.cappedLevels(fit, categories, 3);
    assertEquals(Map.of("state", List.of("s0", "s1", "s2")), capped, "plan has 2 levels");

    ModelPipelines.Spec spec =
        ModelPipelines.logistic(LogisticBootstrapTest.DRIVERS, categories, capped);
    String path = TestLakes.tempDir("capped-model").resolve("model").toString();
    spec.pipeline().fit(fit, spec.grid()[0]).write().save(path);
    Dataset<Row> scoring =
        fit.limit(4)
            .withColumn(
                "state",
                when(col("customer_id").equalTo("c0"), "s1")
                    .when(col("customer_id").equalTo("c1"), "s4")
                    .when(col("customer_id").equalTo("c2"), "never seen")
                    .otherwise(lit(null).cast("string")));
    List<Row> mapped =
        PipelineModel.load(path)
            .transform(scoring)
            .select("customer_id", "k__state")
            .orderBy("customer_id")
            .collectAsList();
    assertEquals(
        "[[c0,s1], [c1,other], [c2,other], [c3,null]]", mapped.toString(), "kept, rare, unseen");
  }

  @Test
  void columnsTheModelsCannotReadAreNamedWithTheReason(SparkSession spark) {
    List<Row> catalog =
        spark
            .sql(
                "SELECT * FROM VALUES ('plan', 'profile', 'p'), ('monthly_value', 'profile', 'm'),"
                    + " ('renewal_date', 'profile', 'r'), ('tags', 'profile', 't'),"
                    + " ('channel_name', 'effort', 'c') AS t(name, family, description)")
            .collectAsList();
    StructType features =
        new StructType()
            .add("plan", DataTypes.StringType)
            .add("monthly_value", DataTypes.DoubleType)
            .add("renewal_date", DataTypes.DateType)
            .add("tags", DataTypes.createArrayType(DataTypes.StringType))
            .add("channel_name", DataTypes.StringType);
    Map<String, String> leftOut = TrainingSet.leftOut(catalog, features);
    assertEquals(List.of("channel_name", "renewal_date", "tags"), List.copyOf(leftOut.keySet()));
    assertEquals("a string outside the profile family", leftOut.get("channel_name"));
    assertEquals(
        "type date is neither a number, a boolean nor a string (cast or derive it in the mapping,"
            + " e.g. days since a date)",
        leftOut.get("renewal_date"));
    assertEquals(List.of("plan"), TrainingSet.categories(catalog, features));
  }
}
