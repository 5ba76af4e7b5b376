package io.effortlens.model.survival;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.effortlens.testing.SparkSessionExtension;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Harrell's C by binned counting equals the pair-by-pair definition on hand-checked rows. */
@ExtendWith(SparkSessionExtension.class)
class ConcordanceTest {
  private static final StructType SCHEMA =
      new StructType()
          .add("days", DataTypes.DoubleType)
          .add("event", DataTypes.DoubleType)
          .add("predicted", DataTypes.DoubleType);

  @Test
  void countsConcordantComparablePairsAndHalfForTiedPredictions(SparkSession spark) {
    // comparable pairs (i defected, j later): A-B A-C A-D A-E, B-C B-D B-E, D-E = 8;
    // concordant (j predicted longer): A-B A-D A-E B-D B-E = 5, D-E tied = 0.5 -> 5.5 / 8
    Dataset<Row> rows =
        rows(
            spark,
            row(10.2, 1, 5), // A
            row(20.0, 1, 10), // B
            row(30.0, 0, 3), // C censored: never the earlier of a pair
            row(40.7, 1, 20), // D
            row(50.0, 0, 20)); // E censored, tied with D

    assertEquals(5.5 / 8, Concordance.harrell(rows, "days", "event", "predicted"), 1e-12);
  }

  @Test
  void isOneForAPerfectOrderingAndZeroForItsReverse(SparkSession spark) {
    Dataset<Row> perfect = rows(spark, row(1, 1, 1), row(2, 1, 2), row(3, 0, 3), row(4, 1, 4));
    Dataset<Row> reverse = rows(spark, row(1, 1, 4), row(2, 1, 3), row(3, 0, 2), row(4, 1, 1));

    assertEquals(1.0, Concordance.harrell(perfect, "days", "event", "predicted"), 1e-12);
    assertEquals(0.0, Concordance.harrell(reverse, "days", "event", "predicted"), 1e-12);
  }

  @Test
  void isUndefinedWithoutAnEvent(SparkSession spark) {
    Dataset<Row> censored = rows(spark, row(1, 0, 1), row(2, 0, 2));

    assertTrue(Double.isNaN(Concordance.harrell(censored, "days", "event", "predicted")));
  }

  private static Row row(double days, double event, double predicted) {
    return RowFactory.create(days, event, predicted);
  }

  private static Dataset<Row> rows(SparkSession spark, Row... rows) {
    return spark.createDataFrame(List.of(rows), SCHEMA);
  }
}
