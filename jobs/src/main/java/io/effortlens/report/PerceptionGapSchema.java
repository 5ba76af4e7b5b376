package io.effortlens.report;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code perception_gap} table: touchpoint view vs journey view, one row per (as_of, measure,
 * position), partitioned by {@link #AS_OF}. Measures:
 *
 * <ul>
 *   <li>{@code satisfied_touchpoints_defected}: share of journeys whose every surveyed touchpoint
 *       had CSAT &ge; 4 whose customer still defected (Wilson interval);
 *   <li>{@code unsatisfied_touchpoints_defected}: the same for journeys with a CSAT below 4;
 *   <li>{@code csat_by_position}: mean CSAT (1-5) of the n-th survey in journeys with at least 3
 *       touchpoints ({@link #POSITION} 1..5, 5 = fifth and later; normal interval);
 *   <li>{@code corr_touchpoint_csat_defection} and {@code corr_journey_effort_defection}: Pearson
 *       correlation of the journey's mean CSAT, and of its effort_score, with defection (0/1;
 *       Fisher-z interval).
 * </ul>
 */
public final class PerceptionGapSchema {
  public static final String AS_OF = "as_of";
  public static final String MEASURE = "measure";
  public static final String POSITION = "position";
  public static final String N = "n";
  public static final String VALUE = "value";
  public static final String LOW = "low";
  public static final String HIGH = "high";
  public static final String UNIT = "unit";
  public static final String DESCRIPTION = "description";

  public static final String SATISFIED_DEFECTED = "satisfied_touchpoints_defected";
  public static final String UNSATISFIED_DEFECTED = "unsatisfied_touchpoints_defected";
  public static final String CSAT_BY_POSITION = "csat_by_position";
  public static final String CORR_CSAT = "corr_touchpoint_csat_defection";
  public static final String CORR_EFFORT = "corr_journey_effort_defection";

  public static final StructType SCHEMA =
      DataTypes.createStructType(
          new StructField[] {
            GoldField.of(AS_OF, DateType, "The as-of date; only outcomes observed before it"),
            GoldField.of(MEASURE, StringType, "What is measured (see docs/reference/tables.md)"),
            GoldField.of(POSITION, IntegerType, "Survey position in the journey, else null"),
            GoldField.of(N, LongType, "Journeys (or surveys, for csat_by_position) measured"),
            GoldField.of(VALUE, DoubleType, "The estimate"),
            GoldField.of(LOW, DoubleType, "Lower end of the 95% interval"),
            GoldField.of(HIGH, DoubleType, "Upper end of the 95% interval"),
            GoldField.of(UNIT, StringType, "share | csat_1_5 | pearson_r"),
            GoldField.of(DESCRIPTION, StringType, "The measure in one sentence")
          });

  private PerceptionGapSchema() {}

  public static List<String> columns() {
    return Arrays.asList(SCHEMA.fieldNames());
  }
}
