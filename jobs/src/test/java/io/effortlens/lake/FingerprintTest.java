package io.effortlens.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.effortlens.testing.SparkSessionExtension;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A model's version rests on the fingerprint of its input: it must ignore row order, partitioning
 * and column order, and change with any changed, added or removed row.
 */
@ExtendWith(SparkSessionExtension.class)
class FingerprintTest {
  private static Dataset<Row> rows(SparkSession spark, String values) {
    return spark.sql(
        "SELECT * FROM VALUES " + values + " AS t(as_of, customer_id, label, repeat_contacts)");
  }

  private static final String BASE =
      "(DATE'2024-05-01', 'c1', 1.0D, 2), (DATE'2024-05-01', 'c2', 0.0D, NULL),"
          + " (DATE'2024-06-01', 'c1', 0.0D, 0)";

  @Test
  void sameRowsGiveTheSameFingerprintWhateverTheirOrderPartitionsAndColumnOrder(
      SparkSession spark) {
    long base = Fingerprint.of(rows(spark, BASE));
    Dataset<Row> shuffled =
        rows(
                spark,
                "(DATE'2024-06-01', 'c1', 0.0D, 0), (DATE'2024-05-01', 'c2', 0.0D, NULL),"
                    + " (DATE'2024-05-01', 'c1', 1.0D, 2)")
            .repartition(3);
    assertEquals(base, Fingerprint.of(shuffled));
    assertEquals(
        base, Fingerprint.of(shuffled.select("repeat_contacts", "label", "customer_id", "as_of")));
  }

  @Test
  void aChangedAddedOrRemovedRowChangesIt(SparkSession spark) {
    long base = Fingerprint.of(rows(spark, BASE));
    assertNotEquals(
        base,
        Fingerprint.of(
            rows(
                spark,
                "(DATE'2024-05-01', 'c1', 1.0D, 3), (DATE'2024-05-01', 'c2', 0.0D, NULL),"
                    + " (DATE'2024-06-01', 'c1', 0.0D, 0)")),
        "changed value");
    assertNotEquals(
        base,
        Fingerprint.of(rows(spark, BASE + ", (DATE'2024-06-01', 'c2', 0.0D, 0)")),
        "added row");
    assertNotEquals(
        base,
        Fingerprint.of(
            rows(spark, "(DATE'2024-05-01', 'c1', 1.0D, 2), (DATE'2024-06-01', 'c1', 0.0D, 0)")),
        "removed row");
    assertNotEquals(
        base,
        Fingerprint.of(rows(spark, BASE + ", (DATE'2024-06-01', 'c1', 0.0D, 0)")),
        "a duplicated row, which XOR alone would not see");
  }
}
