package io.effortlens.model.causal;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code delight_effects} table: one row per (model_version, action), not partitioned. Effects
 * are differences in the probability of defecting within {@link #HORIZON_DAYS} (e.g. -0.0158 = 1.58
 * percentage points fewer defections).
 *
 * <p>The last six columns say whether the row is a finding: the bootstrap standard error, the
 * two-sided p-value of effect = 0, the p-value adjusted over the {@code family_size} actions of the
 * model version ({@code adjustment} = 'holm', see {@link Findings}) and {@code is_finding}. They
 * were added after the first release: rows written before have them null, and a null {@code
 * is_finding} reads as not a finding.
 */
public final class DelightEffectSchema {
  public static final String MODEL_VERSION = "model_version";
  public static final String ACTION = "action";
  public static final String HORIZON_DAYS = "horizon_days";
  public static final String METHOD = "method";
  public static final String TREATED = "treated";
  public static final String CONTROLS = "controls";
  public static final String EFFECT = "effect";
  public static final String EFFECT_LOW = "effect_low";
  public static final String EFFECT_HIGH = "effect_high";
  public static final String IPW_EFFECT = "ipw_effect";
  public static final String NAIVE_EFFECT = "naive_effect";
  public static final String NAIVE_LOW = "naive_low";
  public static final String NAIVE_HIGH = "naive_high";
  public static final String TRIMMED_SHARE = "trimmed_share";
  public static final String PROPENSITY_P05 = "propensity_p05";
  public static final String PROPENSITY_P50 = "propensity_p50";
  public static final String PROPENSITY_P95 = "propensity_p95";
  public static final String BOOTSTRAP_ROUNDS = "bootstrap_rounds";
  public static final String EFFECT_SE = "effect_se";
  public static final String P_VALUE = "p_value";
  public static final String P_ADJUSTED = "p_adjusted";
  public static final String ADJUSTMENT = "adjustment";
  public static final String FAMILY_SIZE = "family_size";
  public static final String IS_FINDING = "is_finding";

  /** The one method written: augmented inverse-propensity weighting (doubly robust). */
  public static final String METHOD_AIPW = "aipw";

  public static final StructType SCHEMA =
      DataTypes.createStructType(
          new StructField[] {
            DataTypes.createStructField(MODEL_VERSION, StringType, true),
            DataTypes.createStructField(ACTION, StringType, true),
            DataTypes.createStructField(HORIZON_DAYS, IntegerType, true),
            DataTypes.createStructField(METHOD, StringType, true),
            DataTypes.createStructField(TREATED, LongType, true),
            DataTypes.createStructField(CONTROLS, LongType, true),
            DataTypes.createStructField(EFFECT, DoubleType, true),
            DataTypes.createStructField(EFFECT_LOW, DoubleType, true),
            DataTypes.createStructField(EFFECT_HIGH, DoubleType, true),
            DataTypes.createStructField(IPW_EFFECT, DoubleType, true),
            DataTypes.createStructField(NAIVE_EFFECT, DoubleType, true),
            DataTypes.createStructField(NAIVE_LOW, DoubleType, true),
            DataTypes.createStructField(NAIVE_HIGH, DoubleType, true),
            DataTypes.createStructField(TRIMMED_SHARE, DoubleType, true),
            DataTypes.createStructField(PROPENSITY_P05, DoubleType, true),
            DataTypes.createStructField(PROPENSITY_P50, DoubleType, true),
            DataTypes.createStructField(PROPENSITY_P95, DoubleType, true),
            DataTypes.createStructField(BOOTSTRAP_ROUNDS, IntegerType, true),
            DataTypes.createStructField(EFFECT_SE, DoubleType, true)
                .withComment("Bootstrap standard error of effect (sd of the rounds' estimates)."),
            DataTypes.createStructField(P_VALUE, DoubleType, true)
                .withComment("Two-sided p-value of effect = 0 (normal, with effect_se)."),
            DataTypes.createStructField(P_ADJUSTED, DoubleType, true)
                .withComment("p_value adjusted over the family_size actions of the version."),
            DataTypes.createStructField(ADJUSTMENT, StringType, true)
                .withComment("The multiplicity adjustment of p_adjusted: holm."),
            DataTypes.createStructField(FAMILY_SIZE, IntegerType, true)
                .withComment("Actions of the model version tested together, 'any' included."),
            DataTypes.createStructField(IS_FINDING, BooleanType, true)
                .withComment(
                    "Finding: p_adjusted < 0.05 and the 95% interval excludes 0; false: no"
                        + " distinct effect; null: written before the adjustment.")
          });

  private DelightEffectSchema() {}
}
