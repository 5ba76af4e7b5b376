package io.effortlens.generate;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The delight estimate's training rows straight from the simulation, one per at-risk customer-month
 * T: what {@code customer_features} joined with {@code defection_labels} holds for the delight
 * estimate, with the planted drivers as the confounders. Columns: customer_id, as_of, is_defected
 * (a CANCEL in (T, T + 90 days]), horizon_days, horizon_end_ms, every non-delight driver's value at
 * T, the delight action counts in [T - 30 days, T) (any and per type) and in [T - 90 days, T), and
 * the snapshot's expected delight effect ({@link DelightSnapshots}; 0 when untreated).
 */
final class DelightSnapshotRows {
  static final String CUSTOMER_ID = "customer_id";
  static final String AS_OF = "as_of";
  static final String IS_DEFECTED = "is_defected";
  static final String HORIZON_DAYS = "horizon_days";
  static final String HORIZON_END_MS = "horizon_end_ms";
  static final String EXPECTED_EFFECT = MonthRows.DELIGHT_EXPECTED_EFFECT;
  static final String ANY_ACTIONS = "delight_actions_" + DelightEffects.SNAPSHOT_WINDOW_DAYS + "d";
  static final String ANY_ACTIONS_90D = "delight_actions_" + Driver.WINDOW_DAYS + "d";
  static final String EFFORT_30D = "effort_count_30d";
  static final String OPEN_JOURNEYS = "open_journeys";
  static final String OPEN_JOURNEY_EFFORT = "open_journey_effort";

  /** A journey is open at T when unresolved with a contact in the last 7 days (journey gap). */
  static final int OPEN_GAP_DAYS = 7;

  static final StructType SCHEMA = schema();

  private DelightSnapshotRows() {}

  /**
   * The confounders besides the drivers: what is known at T about the journeys delight is granted
   * in (their effort in the last 30 days, journeys still open at T and their effort so far), as
   * customer_features has them.
   */
  static List<String> journeyState() {
    return List.of(EFFORT_30D, OPEN_JOURNEYS, OPEN_JOURNEY_EFFORT);
  }

  /** The planted drivers but delight's own. */
  static List<Driver> confounders() {
    return Arrays.stream(Driver.values()).filter(d -> d != Driver.DELIGHT_ACTIONS_90D).toList();
  }

  static String actionsOf(Intent.Delight type) {
    return type.name().toLowerCase(Locale.ROOT)
        + "_actions_"
        + DelightEffects.SNAPSHOT_WINDOW_DAYS
        + "d";
  }

  private static StructType schema() {
    List<StructField> fields = new ArrayList<>();
    fields.add(createStructField(CUSTOMER_ID, StringType, false));
    fields.add(createStructField(AS_OF, StringType, false));
    fields.add(createStructField(IS_DEFECTED, BooleanType, false));
    fields.add(createStructField(HORIZON_DAYS, IntegerType, false));
    fields.add(createStructField(HORIZON_END_MS, LongType, false));
    for (Driver driver : confounders()) {
      fields.add(createStructField(driver.column(), DoubleType, false));
    }
    for (String name : journeyState()) {
      fields.add(createStructField(name, DoubleType, false));
    }
    fields.add(createStructField(ANY_ACTIONS, LongType, false));
    fields.add(createStructField(ANY_ACTIONS_90D, LongType, false));
    for (Intent.Delight type : Intent.Delight.values()) {
      fields.add(createStructField(actionsOf(type), LongType, false));
    }
    fields.add(createStructField(EXPECTED_EFFECT, DoubleType, false));
    return createStructType(fields);
  }

  static List<Row> of(CustomerHistory history) {
    List<Row> rows = new ArrayList<>(history.months.size());
    for (Touches.Month month : history.months) {
      rows.add(row(history, month));
    }
    return rows;
  }

  private static Row row(CustomerHistory history, Touches.Month month) {
    long t = month.monthStartMs();
    long horizonEnd = t + DelightEffects.SNAPSHOT_HORIZON_DAYS * Horizon.DAY_MS;
    List<Object> values = new ArrayList<>();
    values.add(history.profile.customerRef());
    values.add(month.monthStart().toString());
    values.add(
        history.events.stream()
            .anyMatch(e -> "CANCEL".equals(e.type()) && e.ms() > t && e.ms() <= horizonEnd));
    values.add(DelightEffects.SNAPSHOT_HORIZON_DAYS);
    values.add(horizonEnd);
    for (Driver driver : confounders()) {
      values.add(month.values()[driver.ordinal()]);
    }
    values.add(effort(history, t - DelightEffects.SNAPSHOT_WINDOW_DAYS * Horizon.DAY_MS, t, null));
    double[] open = openJourneys(history, t);
    values.add(open[0]);
    values.add(open[1]);
    values.add(actions(history, t, DelightEffects.SNAPSHOT_WINDOW_DAYS, null));
    values.add(actions(history, t, Driver.WINDOW_DAYS, null));
    for (Intent.Delight type : Intent.Delight.values()) {
      values.add(actions(history, t, DelightEffects.SNAPSHOT_WINDOW_DAYS, type));
    }
    values.add(month.isDelightSnapshot() ? month.delightExpectedEffect() : 0.0);
    return RowFactory.create(values.toArray());
  }

  /** Effort events of contacts (of journey {@code journey} when not null) in [from, to). */
  private static double effort(CustomerHistory history, long fromMs, long toMs, Integer journey) {
    double sum = 0;
    for (Touches.Contact c : history.contacts) {
      if (c.startMs() >= fromMs
          && c.startMs() < toMs
          && (journey == null || c.journey() == journey)) {
        sum += (c.repeat() && !c.isIvr() ? 1 : 0) + c.transfers() + (c.channelSwitch() ? 1 : 0);
        sum += (c.repeatedInfo() ? 1 : 0) + (c.gaveUp() ? 1 : 0);
      }
    }
    if (journey == null) {
      sum +=
          history.selfService.stream()
              .filter(s -> s.ms() >= fromMs && s.ms() < toMs && s.failed())
              .count();
    }
    return sum;
  }

  /** {open journeys at t, their effort so far}. */
  private static double[] openJourneys(CustomerHistory history, long t) {
    Map<Integer, long[]> journeys = new TreeMap<>(); // last contact, closed
    for (Touches.Contact c : history.contacts) {
      if (c.startMs() < t) {
        long[] j = journeys.computeIfAbsent(c.journey(), k -> new long[2]);
        j[0] = Math.max(j[0], c.startMs());
        j[1] |= c.resolved() || c.gaveUp() ? 1 : 0;
      }
    }
    double[] out = new double[2];
    journeys.forEach(
        (journey, j) -> {
          if (j[1] == 0 && j[0] >= t - OPEN_GAP_DAYS * Horizon.DAY_MS) {
            out[0]++;
            out[1] += effort(history, 0, t, journey);
          }
        });
    return out;
  }

  /** Actions (of {@code type}, or any when null) in [t - days, t). */
  private static long actions(CustomerHistory history, long t, int days, Intent.Delight type) {
    long from = t - days * Horizon.DAY_MS;
    return history.actions.stream()
        .filter(a -> a.ms() >= from && a.ms() < t && (type == null || a.type() == type))
        .count();
  }
}
