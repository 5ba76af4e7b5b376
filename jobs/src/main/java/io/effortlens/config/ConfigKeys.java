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
          "(?:first|last|full|given|middle|maiden|sur|user|nick)?names?"
              + "|(?:e[-_. ]?)?(?<!voice[-_. ]?)mail(?:address|addr)?"
              + "|(?:mobile|home|work|cell)?phone(?:number|no|num)?|mobile(?:number|no|num)?|msisdn"
              + "|(?:home|street|postal|mailing|billing|shipping)?address(?:es)?|street"
              + "|zip(?:code)?|post(?:al)?[-_. ]?code"
              + "|(?:agent|call|case)?notes?|comments?|transcripts?",
          "Raw columns (and JSON fields) of which this expression matches whole name parts, in any"
              + " case, are personal: never copied to attributes, redacted in quarantine.raw. Parts"
              + " are split at _ - . space, camelCase and digits (callerEmail, e_mail, agent_notes);"
              + " 'mail' inside 'vmail' or after 'voice' is not one. Empty = none by name.");

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

  public static final ConfigKey<List<Double>> SCORE_RISK_BAND_CUTOFFS =
      ConfigKey.ofDoubleList(
          "score.risk-band-cutoffs",
          List.of(0.05, 0.15, 0.30),
          "Ascending probability cut-offs between risk bands: n cut-offs make n + 1 bands, named"
              + " by score.risk-band-names (a probability equal to a cut-off is in the upper band).");

  public static final ConfigKey<String> SCORE_RISK_BAND_NAMES =
      ConfigKey.ofString(
          "score.risk-band-names",
          "low,medium,high,very_high",
          "Comma-separated names of the risk bands, lowest first; one more than the cut-offs.");

  public static final ConfigKey<Integer> SCORE_TOP_REASONS =
      ConfigKey.ofInt(
          "score.top-reasons", 3, 1, 10, "Reasons kept per customer (the drivers adding most).");

  public static final ConfigKey<Integer> SCORE_REASON_CANDIDATES =
      ConfigKey.ofInt(
          "score.reason-candidates",
          15,
          1,
          200,
          "Drivers tried per customer: the model's drivers with the largest counterfactual share"
              + " (each one more model pass over the customers).");

  public static final ConfigKey<Integer> PIPELINE_MAX_TRAINING_SNAPSHOTS =
      ConfigKey.ofInt(
          "pipeline.max-training-snapshots",
          0,
          0,
          1000,
          "Monthly snapshots 'pipeline' computes for training: 0 = every month whose label horizon"
              + " is observed before the score date; n = only the latest n.");
  public static final ConfigKey<Integer> TRAIN_TEST_SNAPSHOTS =
      ConfigKey.ofInt(
          "train.test-snapshots",
          1,
          1,
          24,
          "Latest fully observed snapshots held out as the test period; training uses earlier"
              + " snapshots whose label horizon ends on or before the first test as-of date.");

  public static final ConfigKey<String> TRAIN_SELECTION_METRIC =
      ConfigKey.ofChoice(
          "train.selection-metric",
          "auc_pr",
          Set.of("auc_pr", "auc_roc"),
          "Test-period metric that chooses between the logistic and the GBT model and that the"
              + " regression gate compares.");

  public static final ConfigKey<Double> TRAIN_MAX_REGRESSION =
      ConfigKey.ofDouble(
          "train.max-regression",
          0.01,
          0.0,
          1.0,
          "A new model is published only if its selection metric is at most this much below the"
              + " current model's on the same test period; else it is rejected (exit 3).");

  public static final ConfigKey<Integer> TRAIN_BOOTSTRAP_ROUNDS =
      ConfigKey.ofInt(
          "train.bootstrap-rounds",
          20,
          0,
          1000,
          "Seeded bootstrap resamples for the 95% intervals of odds ratios and defections avoided;"
              + " 0 = no intervals.");

  public static final ConfigKey<Integer> TRAIN_MIN_SUPPORT =
      ConfigKey.ofInt(
          "train.min-support",
          30,
          0,
          Integer.MAX_VALUE,
          "Fewest test customers with a value other than the driver's reference for the driver to"
              + " be ranked; below it the driver is flagged low_support.");

  public static final ConfigKey<String> TRAIN_TRUTH =
      ConfigKey.ofString(
          "train.truth",
          "",
          "Path to a generator truth.json; when set, train also reports the oracle AUC of the true"
              + " probabilities on the test period. Empty = none (real data).");

  public static final ConfigKey<Integer> TRAIN_STABILITY_WINDOWS =
      ConfigKey.ofInt(
          "train.stability-windows",
          2,
          0,
          12,
          "Earlier rolling-origin backtest windows refitted (logistic) to measure the Spearman"
              + " stability of driver ranks; 0 = no stability.");

  public static final ConfigKey<Integer> TRAIN_REGRESSION_PARTITIONS =
      ConfigKey.ofInt(
          "train.regression-partitions",
          1,
          1,
          100_000,
          "Partitions each logistic, delight and survival regression reads. MLlib adds partial"
              + " sums in the order its tasks finish, so only 1 gives bit-identical reruns; more"
              + " fit faster on a cluster, and a rerun's estimates then agree to about 1e-11"
              + " (logistic) and 1e-5 (survival, delight).");

  public static final ConfigKey<Integer> TRAIN_SEED =
      ConfigKey.ofInt(
          "train.seed",
          11,
          0,
          Integer.MAX_VALUE,
          "Seed of every random step of train: validation split, trees, bootstrap, permutation.");
  public static final ConfigKey<Integer> DELIGHT_TREATMENT_WINDOW_DAYS =
      ConfigKey.ofInt(
          "delight.treatment-window-days",
          30,
          1,
          3650,
          "A snapshot is treated when a delight action started in this many days before the as-of"
              + " date; must be one of features.windows-days (the count column is read).");

  public static final ConfigKey<String> DELIGHT_ACTION_TYPES =
      ConfigKey.ofString(
          "delight.action-types",
          "refund,credit,gift,upgrade,expedite,discount,apology,other",
          "Comma-separated action types estimated one by one besides 'any'; types with fewer"
              + " than delight.min-treated treated snapshots are skipped. Empty = 'any' only.");

  public static final ConfigKey<Integer> DELIGHT_MIN_TREATED =
      ConfigKey.ofInt(
          "delight.min-treated",
          50,
          1,
          Integer.MAX_VALUE,
          "Fewest treated snapshots (after trimming) to estimate an action's effect.");

  public static final ConfigKey<String> DELIGHT_ESTIMAND =
      ConfigKey.ofChoice(
          "delight.estimand",
          "att",
          Set.of("att", "ate"),
          "'att' = effect on the customers who got the action (what the generator plants),"
              + " 'ate' = effect had everyone got it versus no one.");

  public static final ConfigKey<Double> DELIGHT_TRIM_LOW =
      ConfigKey.ofDouble(
          "delight.trim-low",
          0.01,
          0.0,
          0.5,
          "Snapshots with a propensity below this are left out of the estimate (overlap).");

  public static final ConfigKey<Double> DELIGHT_TRIM_HIGH =
      ConfigKey.ofDouble(
          "delight.trim-high",
          0.9,
          0.5,
          1.0,
          "Snapshots with a propensity above this are left out of the estimate (overlap). 0.9"
              + " follows the [0.1, 0.9] rule of Crump et al. (2009): on the planted lake a"
              + " handful of controls in (0.9, 0.99] carried weights of 9 to 99 and moved AIPW"
              + " from -1.0 to -7.9 pp.");

  public static final ConfigKey<Integer> DELIGHT_BOOTSTRAP_ROUNDS =
      ConfigKey.ofInt(
          "delight.bootstrap-rounds",
          200,
          10,
          10_000,
          "Poisson bootstrap rounds (resampling customers) of the 95% intervals.");

  public static final ConfigKey<Integer> DELIGHT_SEED =
      ConfigKey.ofInt("delight.seed", 11, 0, Integer.MAX_VALUE, "Seed of the bootstrap weights.");

  public static final ConfigKey<Double> DELIGHT_REG_PARAM =
      ConfigKey.ofDouble(
          "delight.reg-param",
          0.001,
          0.0,
          10.0,
          "L2 regularization of the propensity and outcome logistic regressions.");
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
          SCORE_RISK_BAND_CUTOFFS,
          SCORE_RISK_BAND_NAMES,
          SCORE_TOP_REASONS,
          SCORE_REASON_CANDIDATES,
          PIPELINE_MAX_TRAINING_SNAPSHOTS,
          TRAIN_TEST_SNAPSHOTS,
          TRAIN_SELECTION_METRIC,
          TRAIN_MAX_REGRESSION,
          TRAIN_BOOTSTRAP_ROUNDS,
          TRAIN_MIN_SUPPORT,
          TRAIN_TRUTH,
          TRAIN_STABILITY_WINDOWS,
          TRAIN_REGRESSION_PARTITIONS,
          TRAIN_SEED,
          DELIGHT_TREATMENT_WINDOW_DAYS,
          DELIGHT_ACTION_TYPES,
          DELIGHT_MIN_TREATED,
          DELIGHT_ESTIMAND,
          DELIGHT_TRIM_LOW,
          DELIGHT_TRIM_HIGH,
          DELIGHT_BOOTSTRAP_ROUNDS,
          DELIGHT_SEED,
          DELIGHT_REG_PARAM,
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
