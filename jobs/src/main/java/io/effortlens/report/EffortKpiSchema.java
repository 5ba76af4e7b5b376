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
 * The {@code effort_kpis} table: one row per (day, channel, intent, queue) of the journeys that
 * ended that day, as known at {@link #AS_OF}; partitioned by {@link #DAY}. Rates are shares of the
 * group's journeys (0..1). The defection columns count customers whose horizon after the journey
 * lies wholly before as_of; they are null while that is not yet observed.
 */
public final class EffortKpiSchema {
  public static final String AS_OF = "as_of";
  public static final String DAY = "day";
  public static final String CHANNEL = "channel";
  public static final String INTENT = "intent";
  public static final String QUEUE = "queue";
  public static final String JOURNEYS = "journeys";
  public static final String CUSTOMERS = "customers";
  public static final String EFFORT_INDEX = "effort_index";
  public static final String CES_MEAN = "ces_mean";
  public static final String CES_ANSWERS = "ces_answers";
  public static final String REPEAT_CONTACT_RATE = "repeat_contact_rate";
  public static final String TRANSFER_RATE = "transfer_rate";
  public static final String CHANNEL_SWITCH_RATE = "channel_switch_rate";
  public static final String RE_EXPLANATION_RATE = "re_explanation_rate";
  public static final String SELF_SERVICE_FAILURE_RATE = "self_service_failure_rate";
  public static final String FIRST_CONTACT_RESOLUTION_RATE = "first_contact_resolution_rate";
  public static final String DEFECTION_HORIZON_DAYS = "defection_horizon_days";
  public static final String CUSTOMERS_OBSERVED = "customers_observed";
  public static final String CUSTOMERS_DEFECTED = "customers_defected";
  public static final String DEFECTION_RATE = "defection_rate";

  /** Placeholder of a journey without assisted contact (no queue) or without intent. */
  public static final String NONE = "none";

  public static final StructType SCHEMA =
      DataTypes.createStructType(
          new StructField[] {
            GoldField.of(AS_OF, DateType, "The as-of date these KPIs were computed for"),
            GoldField.of(DAY, DateType, "UTC day the journeys ended (last touchpoint), < as_of"),
            GoldField.of(CHANNEL, StringType, "Entry channel: the journey's first touchpoint"),
            GoldField.of(INTENT, StringType, "Journey intent ('none' when unknown)"),
            GoldField.of(QUEUE, StringType, "Queue of the first assisted contact, or 'none'"),
            GoldField.of(JOURNEYS, LongType, "Journeys that ended that day"),
            GoldField.of(CUSTOMERS, LongType, "Distinct customers of those journeys"),
            GoldField.of(EFFORT_INDEX, DoubleType, "Customer effort index: mean effort_score 1-7"),
            GoldField.of(CES_MEAN, DoubleType, "Mean CES (1-7) of the answers known before as_of"),
            GoldField.of(CES_ANSWERS, LongType, "Journeys with a CES answer"),
            GoldField.of(REPEAT_CONTACT_RATE, DoubleType, "Share with a repeat assisted contact"),
            GoldField.of(TRANSFER_RATE, DoubleType, "Share with at least one transfer"),
            GoldField.of(CHANNEL_SWITCH_RATE, DoubleType, "Share with a channel switch"),
            GoldField.of(RE_EXPLANATION_RATE, DoubleType, "Share where the customer re-explained"),
            GoldField.of(
                SELF_SERVICE_FAILURE_RATE, DoubleType, "Share with a failed self-service attempt"),
            GoldField.of(
                FIRST_CONTACT_RESOLUTION_RATE,
                DoubleType,
                "Share resolved with a single touchpoint"),
            GoldField.of(
                DEFECTION_HORIZON_DAYS, IntegerType, "Days after the journey a defection counts"),
            GoldField.of(
                CUSTOMERS_OBSERVED,
                LongType,
                "Customers whose defection horizon after the journey ended before as_of"),
            GoldField.of(CUSTOMERS_DEFECTED, LongType, "Of those, customers who defected in it"),
            GoldField.of(
                DEFECTION_RATE,
                DoubleType,
                "customers_defected / customers_observed; null while not observed")
          });

  private EffortKpiSchema() {}

  public static List<String> columns() {
    return Arrays.asList(SCHEMA.fieldNames());
  }
}
