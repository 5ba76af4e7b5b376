package io.effortlens.generate;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The planted truth of one at-risk customer-month: hazard, outcome, every driver value, the delight
 * effect of the actions whose follow-up starts in this month, the delight effect of this month as a
 * treated snapshot (see {@link DelightEffects#snapshotEffect}), its expected value and action types
 * ({@link DelightSnapshots}), and per driver the hazard its term adds ({@code
 * avoided_if_zero_<driver>}). Internal, canonical grain.
 */
final class MonthRows {
  static final String CUSTOMER_ID = "customer_id";
  static final String MONTH_START = "month_start";
  static final String P_DEFECT = "p_defect";
  static final String DEFECTED = "defected";
  static final String LOGIT = "logit";
  static final String DELIGHT_FOLLOWUPS = "delight_followups";
  static final String DELIGHT_EFFECT = "delight_effect";
  static final String IS_DELIGHT_SNAPSHOT = "is_delight_snapshot";
  static final String DELIGHT_SNAPSHOT_EFFECT = "delight_snapshot_effect";
  static final String DELIGHT_EXPECTED_EFFECT = "delight_expected_effect";
  static final String IS_DELIGHT_SNAPSHOT_PREFIX = "is_delight_snapshot_";
  static final StructType SCHEMA = schema();

  private MonthRows() {}

  private static StructType schema() {
    List<StructField> fields = new ArrayList<>();
    fields.add(createStructField(CUSTOMER_ID, StringType, false));
    fields.add(createStructField(MONTH_START, StringType, false));
    fields.add(createStructField(P_DEFECT, DoubleType, false));
    fields.add(createStructField(DEFECTED, BooleanType, false));
    fields.add(createStructField(LOGIT, DoubleType, false));
    for (Driver driver : Driver.values()) {
      fields.add(createStructField(driver.column(), DoubleType, false));
    }
    fields.add(createStructField(DELIGHT_FOLLOWUPS, IntegerType, false));
    fields.add(createStructField(DELIGHT_EFFECT, DoubleType, false));
    fields.add(createStructField(IS_DELIGHT_SNAPSHOT, BooleanType, false));
    fields.add(createStructField(DELIGHT_SNAPSHOT_EFFECT, DoubleType, false));
    fields.add(createStructField(DELIGHT_EXPECTED_EFFECT, DoubleType, false));
    for (Intent.Delight type : Intent.Delight.values()) {
      fields.add(createStructField(isDelightSnapshot(type), BooleanType, false));
    }
    for (Driver driver : Driver.values()) {
      String name = DefectionTruth.CONTRIBUTION_PREFIX + driver.column();
      fields.add(createStructField(name, DoubleType, false));
    }
    return createStructType(fields);
  }

  /** {@code is_delight_snapshot_<type>}: a treated snapshot with an action of this type. */
  static String isDelightSnapshot(Intent.Delight type) {
    return IS_DELIGHT_SNAPSHOT_PREFIX + type.name().toLowerCase(Locale.ROOT);
  }

  static List<Row> of(CustomerHistory history) {
    List<Row> rows = new ArrayList<>(history.months.size());
    for (Touches.Month m : history.months) {
      Object[] values = new Object[SCHEMA.size()];
      values[0] = history.profile.customerRef();
      values[1] = m.monthStart().toString();
      values[2] = m.probability();
      values[3] = m.defected();
      values[4] = m.logit();
      for (Driver driver : Driver.values()) {
        values[5 + driver.ordinal()] = m.values()[driver.ordinal()];
      }
      int next = 5 + Driver.values().length;
      values[next++] = m.delightFollowups();
      values[next++] = m.delightEffect();
      values[next++] = m.isDelightSnapshot();
      values[next++] = m.delightSnapshotEffect();
      values[next++] = m.delightExpectedEffect();
      for (Intent.Delight type : Intent.Delight.values()) {
        values[next++] = m.hasDelightType(type);
      }
      for (Driver driver : Driver.values()) {
        values[next++] = driver.avoidedIfZero(m.logit(), m.values()[driver.ordinal()]);
      }
      rows.add(RowFactory.create(values));
    }
    return rows;
  }
}
