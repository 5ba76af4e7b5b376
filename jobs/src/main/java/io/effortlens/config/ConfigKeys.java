package io.effortlens.config;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every configuration key EffortLens knows, with its default. Keys under {@code spark.} are passed
 * to the Spark session as they are. Precedence: {@code --set} &gt; config file &gt; default.
 */
public final class ConfigKeys {
  public static final ConfigKey<Double> INGEST_MAX_QUARANTINE_RATIO =
      ConfigKey.ofDouble(
          "ingest.max-quarantine-ratio",
          0.05,
          0.0,
          1.0,
          "Largest share of a batch's records that may be quarantined before the run fails (exit 3)"
              + " and publishes nothing to interactions.");

  public static final ConfigKey<LocalDate> INGEST_EARLIEST_TIMESTAMP =
      ConfigKey.ofDate(
          "ingest.earliest-timestamp",
          LocalDate.of(1990, 1, 1),
          "Timestamps before this date are implausible and quarantined.");

  public static final ConfigKey<Integer> INGEST_MAX_FUTURE_HOURS =
      ConfigKey.ofInt(
          "ingest.max-future-hours",
          24,
          0,
          24 * 365,
          "Timestamps more than this many hours after the run started are quarantined.");

  public static final ConfigKey<Integer> JOURNEY_GAP_DAYS =
      ConfigKey.ofInt(
          "journey.gap-days",
          7,
          1,
          365,
          "Touchpoints of one customer with the same intent (or without intent) at most this many"
              + " days (exact 24-hour days) after the previous one continue its journey.");

  public static final ConfigKey<Double> JOURNEY_HIGH_EFFORT_THRESHOLD =
      ConfigKey.ofDouble(
          "journey.high-effort-threshold",
          5.0,
          1.0,
          7.0,
          "A journey with effort_score at or above this value (1 = effortless, 7 = most effort)"
              + " counts as high effort in customer features.");

  public static final ConfigKey<Integer> JOURNEY_EFFORT_MIN_ANSWERS =
      ConfigKey.ofInt(
          "journey.effort-min-answers",
          30,
          2,
          Integer.MAX_VALUE,
          "Fewest journeys with a CES answer needed to fit the effort_score regression; with fewer"
              + " the documented fixed-weight composite is used.");

  public static final ConfigKey<List<Integer>> FEATURES_WINDOWS_DAYS =
      ConfigKey.ofIntList(
          "features.windows-days",
          List.of(30, 90, 180),
          1,
          3650,
          "Look-back windows of customer features, in days ending just before the as-of date.");

  public static final ConfigKey<String> FEATURES_ACTIVITY_TYPES =
      ConfigKey.ofString(
          "features.activity-types",
          "",
          "Comma-separated activity types counted one column each (e.g. 'login,play,purchase');"
              + " empty = the 20 most frequent types seen before each as-of date.");

  public static final ConfigKey<String> LABELS_POLICY =
      ConfigKey.ofChoice(
          "labels.policy",
          "cancel",
          Set.of("cancel", "inactivity"),
          "How defection is labelled: 'cancel' = a cancel lifecycle event in (T, T + horizon];"
              + " 'inactivity' = no activity of the chosen types in (T, T + horizon].");

  public static final ConfigKey<Integer> LABELS_HORIZON_DAYS =
      ConfigKey.ofInt(
          "labels.horizon-days",
          90,
          1,
          3650,
          "Days after the as-of date a defection may happen in.");

  public static final ConfigKey<String> LABELS_INACTIVITY_KINDS =
      ConfigKey.ofString(
          "labels.inactivity-kinds",
          "",
          "Comma-separated activity types that count as being active under the 'inactivity'"
              + " policy (e.g. 'login,purchase'); empty = any activity row.");

  public static final ConfigKey<String> PRIVACY_PERSONAL_COLUMN_PATTERN =
      ConfigKey.ofNamePattern(
          "privacy.personal-column-pattern",
          "name|mail|phone|mobile|msisdn|address|street|zip|post_?code|note|comment|transcript",
          "Raw columns (and JSON fields) whose name contains a match, in any case, are personal:"
              + " never copied to attributes, redacted in quarantine.raw. Empty = none by name.");

  public static final ConfigKey<String> PRIVACY_ALLOWED_COLUMNS =
      ConfigKey.ofString(
          "privacy.allowed-columns",
          "",
          "Comma-separated raw column names (exact) kept although the personal-column pattern"
              + " matches them, e.g. 'plan_name,queue_name'.");

  public static final ConfigKey<String> PRIVACY_MODE =
      ConfigKey.ofChoice(
          "privacy.mode",
          "drop",
          Set.of("drop", "hash"),
          "What ingest does with personal unmapped columns: 'drop' them, or 'hash' = keep"
              + " HMAC-SHA256 with the key from EFFORTLENS_PSEUDONYM_KEY.");

  public static final ConfigKey<String> GOLD_CATALOG_DATABASE =
      ConfigKey.ofString(
          "gold.catalog-database",
          "effortlens",
          "Catalog database the gold tables are registered in (CREATE TABLE ... USING DELTA"
              + " LOCATION); empty = path-based tables only.");

  public static final ConfigKey<Integer> GOLD_RULES_WINDOW_DAYS =
      ConfigKey.ofInt(
          "gold.rules-window-days",
          30,
          1,
          365,
          "next_issue_rules: a follow-up journey counts when it starts at most this many days"
              + " after the earlier journey ended.");

  public static final ConfigKey<Double> GOLD_RULES_MIN_SUPPORT =
      ConfigKey.ofDouble(
          "gold.rules-min-support",
          0.002,
          0.0,
          1.0,
          "next_issue_rules: smallest share of journeys a rule (intent, follow-up intent) must"
              + " cover (FPGrowth minSupport).");

  public static final ConfigKey<Double> GOLD_RULES_MIN_CONFIDENCE =
      ConfigKey.ofDouble(
          "gold.rules-min-confidence",
          0.02,
          0.0,
          1.0,
          "next_issue_rules: smallest confidence (share of the intent's journeys followed by the"
              + " follow-up intent) a rule must reach (FPGrowth minConfidence).");

  private static final Map<String, ConfigKey<?>> ALL =
      index(
          INGEST_MAX_QUARANTINE_RATIO,
          INGEST_EARLIEST_TIMESTAMP,
          INGEST_MAX_FUTURE_HOURS,
          JOURNEY_GAP_DAYS,
          JOURNEY_HIGH_EFFORT_THRESHOLD,
          JOURNEY_EFFORT_MIN_ANSWERS,
          FEATURES_WINDOWS_DAYS,
          FEATURES_ACTIVITY_TYPES,
          LABELS_POLICY,
          LABELS_HORIZON_DAYS,
          LABELS_INACTIVITY_KINDS,
          PRIVACY_PERSONAL_COLUMN_PATTERN,
          PRIVACY_ALLOWED_COLUMNS,
          PRIVACY_MODE,
          GOLD_CATALOG_DATABASE,
          GOLD_RULES_WINDOW_DAYS,
          GOLD_RULES_MIN_SUPPORT,
          GOLD_RULES_MIN_CONFIDENCE);

  private ConfigKeys() {}

  /** All keys by name, in declaration order. */
  public static Map<String, ConfigKey<?>> all() {
    return ALL;
  }

  static Set<String> names() {
    return ALL.keySet();
  }

  private static Map<String, ConfigKey<?>> index(ConfigKey<?>... keys) {
    Map<String, ConfigKey<?>> byName = new LinkedHashMap<>();
    for (ConfigKey<?> key : List.of(keys)) {
      byName.put(key.name(), key);
    }
    return java.util.Collections.unmodifiableMap(byName);
  }
}
