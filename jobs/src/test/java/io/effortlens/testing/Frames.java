package io.effortlens.testing;

import com.holdenkarau.spark.testing.JavaDataFrameSuiteBase;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * spark-testing-base's DataFrame comparisons for Jupiter tests on the shared session: schema first,
 * then rows, with a report of the differing rows. The suite base is used for its assertions only;
 * it starts no context of its own (the frames carry the shared one). Its approximate variant
 * ({@code assertDataFrameApproximateEquals}) needs Hive's classes, which the project does not ship;
 * compare doubles with a tolerance on collected aggregates instead.
 */
public final class Frames {
  private static final JavaDataFrameSuiteBase BASE = new JavaDataFrameSuiteBase();

  private Frames() {}

  /** Same schema and the same rows as a multiset, whatever their order and partitioning. */
  public static void assertNoOrderEquals(Dataset<Row> expected, Dataset<Row> actual) {
    BASE.assertDataFrameNoOrderEquals(expected, actual);
  }
}
