package io.effortlens.features;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.effortlens.journey.EffortModel;
import io.effortlens.journey.EffortModelSchema;
import io.effortlens.journey.JourneyJob;
import io.effortlens.lake.Lake;
import io.effortlens.lake.Table;
import io.effortlens.schema.InteractionSchema;
import io.effortlens.testing.PlantedLake;
import io.effortlens.testing.SparkSessionExtension;
import io.effortlens.testing.TestLakes;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The one-plan features job equals the per-snapshot reference ({@link SnapshotReference}) at every
 * as-of date of a run: every feature and label of every customer (doubles within 1e-9 relative) and
 * every effort-model coefficient, on a small planted lake built through the real CLI (generate,
 * ingest, {@code features --snapshots monthly}, which computes its four dates in one plan).
 *
 * <p>The four dates (June to September 2024 of eight simulated months) cover what the one plan must
 * keep apart: a snapshot whose effort model falls back to the composite (June: 26 answers, fewer
 * than the 30 to fit) and three fitted ones, windows of 30 to 180 days that overlap across dates,
 * and a date after the data's end (censored labels). Each date costs a whole per-snapshot
 * reference, so the earlier three dates of the former seven (March to May, composite like June)
 * were dropped: about 40% of this test's CPU and no kind of snapshot the four lack.
 */
@ExtendWith(SparkSessionExtension.class)
class OnePlanFeaturesTest {
  private static final PlantedLake.Shape SHAPE = new PlantedLake.Shape(160, 8, 5, 6);

  @Test
  void everySnapshotOfTheOnePlanRunEqualsItsPerSnapshotReference(SparkSession spark) {
    PlantedLake planted = PlantedLake.of(spark, SHAPE);
    Lake lake = planted.lake(spark);
    FeatureSettings settings = FeatureSettings.from(TestLakes.settings());
    // read once for all references (each runs a dozen Spark jobs on them)
    Dataset<Row> interactions = lake.read(Table.INTERACTIONS, "test").cache();
    Dataset<Row> customers = lake.read(Table.CUSTOMERS, "test").cache();
    Timestamp dataEnd = JourneyJob.dataEnd(interactions);
    assertEquals(4, planted.asOfs().size(), "a run of several as-of dates");
    int fitted = 0;
    for (LocalDate asOf : planted.asOfs()) {
      SnapshotReference.Output reference =
          SnapshotReference.of(asOf, interactions, customers, settings, dataEnd);
      assertSameRows(reference.features(), snapshot(lake, Table.CUSTOMER_FEATURES, asOf), asOf);
      assertSameRows(reference.labels(), snapshot(lake, Table.DEFECTION_LABELS, asOf), asOf);
      assertEquals(
          Set.copyOf(reference.model().toRows(EffortModelSchema.SCOPE_FEATURES, asOf)),
          Set.copyOf(
              lake.read(Table.EFFORT_MODELS, "test")
                  .filter(col(EffortModelSchema.SCOPE).equalTo(EffortModelSchema.SCOPE_FEATURES))
                  .filter(col(EffortModelSchema.AS_OF).equalTo(Date.valueOf(asOf)))
                  .collectAsList()),
          "effort model as of " + asOf);
      fitted += reference.model().method().equals(EffortModel.FITTED) ? 1 : 0;
    }
    assertTrue(
        fitted >= 2 && fitted < planted.asOfs().size(),
        "snapshots that fit the effort model and one that falls back: " + fitted);
  }

  private static Dataset<Row> snapshot(Lake lake, Table table, LocalDate asOf) {
    return lake.read(table, "test").filter(col("as_of").equalTo(Date.valueOf(asOf)));
  }

  /**
   * Same customers, and every column of the reference equal in the actual rows; columns the
   * reference lacks (an activity type not among the most frequent at this date) are null.
   */
  private static void assertSameRows(Dataset<Row> expected, Dataset<Row> actual, LocalDate asOf) {
    Map<String, Row> want = byCustomer(expected.collectAsList());
    Map<String, Row> got = byCustomer(actual.collectAsList());
    assertEquals(want.keySet(), got.keySet(), "customers as of " + asOf);
    assertTrue(want.size() > 50, "customers as of " + asOf + ": " + want.size());
    Set<String> columns = Set.of(expected.columns());
    for (Map.Entry<String, Row> e : want.entrySet()) {
      Row w = e.getValue();
      Row g = got.get(e.getKey());
      for (String c : actual.columns()) {
        String where = c + " of " + e.getKey() + " as of " + asOf;
        if (!columns.contains(c)) {
          assertNull(g.get(g.fieldIndex(c)), where + " (not a column of this snapshot)");
        } else {
          assertEqual(w.get(w.fieldIndex(c)), g.get(g.fieldIndex(c)), where);
        }
      }
    }
  }

  private static void assertEqual(Object want, Object got, String where) {
    if (want instanceof Double a && got instanceof Double b) {
      assertEquals(a, b, 1e-9 * Math.max(1.0, Math.abs(a)), where);
    } else {
      assertEquals(want, got, where);
    }
  }

  private static Map<String, Row> byCustomer(List<Row> rows) {
    Map<String, Row> out = new HashMap<>();
    rows.forEach(r -> out.put(r.getAs(InteractionSchema.CUSTOMER_ID), r));
    return out;
  }
}
