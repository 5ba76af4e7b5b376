package io.effortlens.generate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Training rows for the delight estimate simulated directly, without writing extracts or building a
 * lake: the uncensored customer-month snapshots of a planted scenario with the planted drivers as
 * confounders, the delight action counts {@code delight_actions_30d}, {@code delight_actions_90d}
 * and {@code <type>_actions_30d}, and each snapshot's planted effect. Calibration harnesses run the
 * estimator over many seeds on these. The same options give the same rows.
 */
public final class PlantedSnapshots {
  /** The planted per-snapshot effect (a probability difference; 0 when untreated). */
  public static final String EXPECTED_EFFECT = DelightSnapshotRows.EXPECTED_EFFECT;

  private PlantedSnapshots() {}

  /** The uncensored snapshots (T + 90 days within the simulation), in the simulation's order. */
  public static Dataset<Row> toFrame(SparkSession spark, GeneratorOptions options) {
    long endMs = new Horizon(options.start(), options.months()).endMs();
    return SimulatedTables.toTable(spark, options, SimulatedTables.Table.DELIGHT_SNAPSHOTS)
        .filter(col(DelightSnapshotRows.HORIZON_END_MS).leq(lit(endMs)))
        .drop(DelightSnapshotRows.HORIZON_END_MS);
  }

  /**
   * The confounder columns: the planted drivers but delight's own, and the state of the customer's
   * journeys at T ({@link DelightSnapshotRows#journeyState}).
   */
  public static List<String> confounders() {
    List<String> out = new ArrayList<>();
    DelightSnapshotRows.confounders().forEach(d -> out.add(d.column()));
    out.addAll(DelightSnapshotRows.journeyState());
    return out;
  }

  /** The planted drivers but delight's own: the confounders known without journey state. */
  public static List<String> driverConfounders() {
    return DelightSnapshotRows.confounders().stream().map(Driver::column).toList();
  }

  /** The simulated delight action types, e.g. {@code refund}. */
  public static List<String> actionTypes() {
    return Arrays.stream(Intent.Delight.values())
        .map(t -> t.name().toLowerCase(Locale.ROOT))
        .toList();
  }
}
