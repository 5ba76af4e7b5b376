package io.effortlens.report;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code research_replication} table: one row per (as_of, statement_id), partitioned by {@link
 * #AS_OF}. A comparison statement has groups a and b with their defection shares and the difference
 * a - b as {@link #ESTIMATE} (Newcombe interval); a single-share statement has group a only (Wilson
 * interval); the delight statement is the causal estimate from delight_effects.
 */
public final class ResearchReplicationSchema {
  public static final String AS_OF = "as_of";
  public static final String STATEMENT_ID = "statement_id";
  public static final String STATEMENT = "statement";
  public static final String GROUP_A = "group_a";
  public static final String GROUP_B = "group_b";
  public static final String N = "n";
  public static final String N_A = "n_a";
  public static final String N_B = "n_b";
  public static final String ESTIMATE_A = "estimate_a";
  public static final String ESTIMATE_B = "estimate_b";
  public static final String ESTIMATE = "estimate";
  public static final String LOW = "low";
  public static final String HIGH = "high";
  public static final String INTERVAL_METHOD = "interval_method";
  public static final String STATUS = "status";
  public static final String FINDING = "finding";

  /** status values. */
  public static final String ESTIMATED = "estimated";

  public static final String NOT_ESTIMATED = "not estimated";

  public static final StructType SCHEMA =
      DataTypes.createStructType(
          new StructField[] {
            GoldField.of(AS_OF, DateType, "The as-of date; only outcomes observed before it"),
            GoldField.of(STATEMENT_ID, StringType, "Stable id of the research statement"),
            GoldField.of(STATEMENT, StringType, "The statement as the research puts it"),
            GoldField.of(GROUP_A, StringType, "The group the statement is about"),
            GoldField.of(GROUP_B, StringType, "The comparison group, null for a single share"),
            GoldField.of(N, LongType, "Units measured (journeys, or customers for delight)"),
            GoldField.of(N_A, LongType, "Units in group a"),
            GoldField.of(N_B, LongType, "Units in group b"),
            GoldField.of(ESTIMATE_A, DoubleType, "Share in group a (0..1)"),
            GoldField.of(ESTIMATE_B, DoubleType, "Share in group b (0..1)"),
            GoldField.of(ESTIMATE, DoubleType, "The estimate: a share, or a - b (0..1 scale)"),
            GoldField.of(LOW, DoubleType, "Lower end of the 95% interval"),
            GoldField.of(HIGH, DoubleType, "Upper end of the 95% interval"),
            GoldField.of(INTERVAL_METHOD, StringType, "wilson | newcombe | bootstrap"),
            GoldField.of(STATUS, StringType, "'estimated' or 'not estimated'"),
            GoldField.of(FINDING, StringType, "The result in one sentence, or why it is missing")
          });

  private ResearchReplicationSchema() {}

  public static List<String> columns() {
    return Arrays.asList(SCHEMA.fieldNames());
  }
}
