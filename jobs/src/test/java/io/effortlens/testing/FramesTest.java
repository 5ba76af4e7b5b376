package io.effortlens.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The frame assertion passes on equal frames in any order and fails on a missing or changed row.
 */
@ExtendWith(SparkSessionExtension.class)
class FramesTest {
  private static Dataset<Row> rows(SparkSession spark, String values) {
    return spark.sql("SELECT * FROM VALUES " + values + " AS t(customer_id, x)");
  }

  @Test
  void noOrderEqualsIgnoresOrderAndPartitionsButNotContent(SparkSession spark) {
    Dataset<Row> base = rows(spark, "('c1', 1.0D), ('c2', 2.0D), ('c2', 2.0D)");
    Frames.assertNoOrderEquals(
        base, rows(spark, "('c2', 2.0D), ('c1', 1.0D), ('c2', 2.0D)").repartition(3));
    assertThrows(
        AssertionError.class,
        () -> Frames.assertNoOrderEquals(base, rows(spark, "('c1', 1.0D), ('c2', 2.0D)")),
        "a duplicate row missing");
    assertThrows(
        AssertionError.class,
        () ->
            Frames.assertNoOrderEquals(
                base, rows(spark, "('c1', 1.0D), ('c2', 2.0D), ('c2', 2.5D)")),
        "a changed value");
  }
}
