package io.effortlens.features;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.effortlens.journey.EffortModel;
import io.effortlens.lake.RunContext;
import io.effortlens.lake.Table;
import io.effortlens.testing.SparkSessionExtension;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Metamorphic leakage audit: appending rows that only exist after T (interactions after T, surveys
 * answered after T about earlier contacts, a cancel after T, a new activity type, a new customer,
 * an action joining an earlier case) leaves every feature for T unchanged, as well as the
 * point-in-time effort model. The second run is also a rerun of the same as_of on the same knowable
 * data: it replaces the partition (same row count) with identical rows.
 */
@ExtendWith(SparkSessionExtension.class)
class LeakageAuditTest {
  private static final LocalDate T = LocalDate.of(2024, 6, 1);

  @Test
  void futureRowsChangeNoFeatureOfTheSnapshot(SparkSession spark) {
    Path lake = Scenario.tempLake();
    // 5 answers suffice to fit, so late CES answers would move the model if they leaked
    RunContext first = Scenario.run(spark, lake, "run-1", "journey.effort-min-answers=5");
    Scenario.append(first, Scenario.past());
    EffortModel before = FeatureJob.run(first, List.of(T)).get(0).model();
    List<Row> features = snapshot(first);

    RunContext later = Scenario.run(spark, lake, "run-2", "journey.effort-min-answers=5");
    Scenario.append(later, Scenario.future());
    EffortModel after = FeatureJob.run(later, List.of(T)).get(0).model();
    assertEquals(EffortModel.FITTED, before.method());
    assertEquals(before, after, "the point-in-time effort model ignores the future");
    List<Row> withFuture = snapshot(later);
    assertEquals(features.size(), withFuture.size());
    for (int i = 0; i < features.size(); i++) {
      assertEquals(features.get(i), withFuture.get(i), "features of " + features.get(i).get(1));
    }
    assertTrue(features.size() >= 6);
  }

  private static List<Row> snapshot(RunContext ctx) {
    Dataset<Row> rows =
        ctx.lake()
            .read(Table.CUSTOMER_FEATURES, "features")
            .filter(col(CustomerFeatureSchema.AS_OF).equalTo(java.sql.Date.valueOf(T)));
    return rows.orderBy(col(CustomerFeatureSchema.CUSTOMER_ID)).collectAsList();
  }
}
