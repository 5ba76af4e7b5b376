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
 * The {@code next_issue_rules} table: one row per (as_of, antecedent_intent, consequent_intent),
 * partitioned by {@link #AS_OF}. A basket is one journey that ended at least {@link #WINDOW_DAYS}
 * before as_of: its intent and the intents of the customer's journeys that started within the
 * window after it ended.
 */
public final class NextIssueRuleSchema {
  public static final String AS_OF = "as_of";
  public static final String ANTECEDENT_INTENT = "antecedent_intent";
  public static final String CONSEQUENT_INTENT = "consequent_intent";
  public static final String WINDOW_DAYS = "window_days";
  public static final String BASKETS = "baskets";
  public static final String RULE_JOURNEYS = "rule_journeys";
  public static final String SUPPORT = "support";
  public static final String CONFIDENCE = "confidence";
  public static final String LIFT = "lift";
  public static final String RANK = "rank";
  public static final String SENTENCE = "sentence";

  public static final StructType SCHEMA =
      DataTypes.createStructType(
          new StructField[] {
            GoldField.of(AS_OF, DateType, "The as-of date; only journeys whose window ended"),
            GoldField.of(ANTECEDENT_INTENT, StringType, "Intent of the earlier journey"),
            GoldField.of(CONSEQUENT_INTENT, StringType, "Intent contacted about next"),
            GoldField.of(WINDOW_DAYS, IntegerType, "Days after the earlier journey ended"),
            GoldField.of(BASKETS, LongType, "Journeys mined (one basket each)"),
            GoldField.of(RULE_JOURNEYS, LongType, "Journeys with both intents in order"),
            GoldField.of(SUPPORT, DoubleType, "rule_journeys / baskets"),
            GoldField.of(CONFIDENCE, DoubleType, "P(consequent within window | antecedent)"),
            GoldField.of(LIFT, DoubleType, "confidence / P(consequent within window)"),
            GoldField.of(RANK, IntegerType, "1 = highest lift (ties: confidence, then names)"),
            GoldField.of(SENTENCE, StringType, "The rule in plain words")
          });

  private NextIssueRuleSchema() {}

  public static List<String> columns() {
    return Arrays.asList(SCHEMA.fieldNames());
  }
}
