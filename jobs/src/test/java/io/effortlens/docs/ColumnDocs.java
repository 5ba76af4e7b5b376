package io.effortlens.docs;

import io.effortlens.schema.Vocabulary;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Descriptions of the columns whose schema declares no column comment (the gold tables carry theirs
 * in code, see {@code GoldField}), keyed {@code table.column} ({@code table.column[].field} for the
 * fields of an array of structs). {@link ReferenceDocsTest} fails on a column with no description
 * and on an entry that names no column, so this list follows the schemas.
 */
final class ColumnDocs {
  static final Map<String, String> ALL = all();

  private ColumnDocs() {}

  private static Map<String, String> all() {
    Map<String, String> docs = new LinkedHashMap<>();
    interactions(docs);
    customers(docs);
    quarantine(docs);
    runs(docs);
    qualityResults(docs);
    journeys(docs);
    effortModels(docs);
    features(docs);
    model(docs);
    driverEffects(docs);
    delightEffects(docs);
    customerRisk(docs);
    return java.util.Collections.unmodifiableMap(docs);
  }

  private static String values(Vocabulary vocabulary) {
    return String.join(", ", vocabulary.allowed());
  }

  private static void interactions(Map<String, String> d) {
    String t = "interactions.";
    d.put(
        t + "interaction_id",
        "Id within its source (required); a re-delivered id replaces the older version.");
    d.put(t + "customer_id", "Customer id (required).");
    d.put(
        t + "started_at",
        "UTC start (required); raw: ISO-8601 with offset (none = UTC), a date, or epoch milliseconds.");
    d.put(t + "ended_at", "UTC end.");
    d.put(t + "channel", "Channel (required): " + values(Vocabulary.CHANNEL) + ".");
    d.put(
        t + "kind",
        "Kind (required): contact (a person handled it), self_service, survey, action (something the company did for the customer), lifecycle, activity (product usage).");
    d.put(t + "case_id", "Case or ticket id.");
    d.put(t + "intent", "Reason for contact, lower-cased.");
    d.put(t + "queue", "Team or queue that handled the contact.");
    d.put(t + "agent_id", "Agent who handled the contact.");
    d.put(t + "transfers", "Transfers inside this contact (>= 0).");
    d.put(t + "wait_seconds", "Seconds waited (>= 0).");
    d.put(t + "handle_seconds", "Seconds handled (>= 0).");
    d.put(
        t + "resolved", "The agent marked the issue resolved (raw: true/false, yes/no, y/n, 1/0).");
    d.put(t + "repeated_info", "The customer had to repeat information already given.");
    d.put(t + "outcome", "Self-service outcome: " + values(Vocabulary.OUTCOME) + ".");
    d.put(t + "action_type", "Action type: " + values(Vocabulary.ACTION_TYPE) + ".");
    d.put(t + "amount", "Money value of an action (>= 0).");
    d.put(t + "ces", "Customer Effort Score answer, 1-7 (7 = very easy).");
    d.put(t + "csat", "Satisfaction answer, 1-5.");
    d.put(t + "nps", "Net Promoter answer, 0-10.");
    d.put(t + "answered_at", "When a survey answer became known (late facts).");
    d.put(t + "lifecycle_event", "Lifecycle event: " + values(Vocabulary.LIFECYCLE_EVENT) + ".");
    d.put(t + "activity_type", "Activity: what the customer did.");
    d.put(t + "quantity", "Activity: how many such events the row stands for (>= 1, default 1).");
    d.put(
        t + "attributes",
        "Unmapped raw fields, when the mapping sets keep_unmapped (personal ones dropped or hashed).");
    d.put(t + "source", "Set by ingest: the mapping's name.");
    d.put(t + "source_file", "Set by ingest: the file the row came from.");
    d.put(t + "delivered_at", "Set by ingest: the file's modification time.");
    d.put(t + "record_hash", "Set by ingest: SHA-256 of the canonical content.");
    d.put(t + "ingested_at", "Set by ingest: start of the run that inserted or replaced the row.");
    d.put(t + "run_id", "Set by ingest: the run that inserted or replaced the row.");
    d.put(
        t + "event_date",
        "UTC date of started_at (lakes made by earlier versions are partitioned by it).");
  }

  private static void customers(Map<String, String> d) {
    String t = "customers.";
    d.put(t + "customer_id", "Customer id (the key).");
    d.put(t + "signup_at", "When the customer signed up.");
    d.put(t + "plan", "Plan or product.");
    d.put(t + "monthly_value", "Monthly price or value.");
    d.put(t + "segment", "Customer segment.");
    d.put(t + "region", "Region.");
    d.put(t + "source", "Set by ingest: the mapping's name.");
    d.put(t + "record_hash", "Set by ingest: SHA-256 of the canonical content.");
    d.put(t + "ingested_at", "Set by ingest: start of the run that inserted or replaced the row.");
    d.put(t + "run_id", "Set by ingest: the run that inserted or replaced the row.");
  }

  private static void quarantine(Map<String, String> d) {
    String t = "quarantine.";
    d.put(t + "target_table", "Table the record was meant for: interactions or customers.");
    d.put(t + "source", "Mapping name.");
    d.put(t + "source_file", "File the record came from.");
    d.put(
        t + "raw",
        "The record's text (JSON for Parquet, ORC and Delta inputs), personal values redacted.");
    d.put(
        t + "raw_hash",
        "Hash of the raw record; with file and occurrence the key, so a rerun adds nothing.");
    d.put(t + "occurrence", "Occurrence of the same raw record within its file.");
    d.put(t + "record_key", "The record's id, when it could be read.");
    d.put(t + "reasons", "Every reason code of the record, e.g. MISSING_REQUIRED:customer_id.");
    d.put(t + "message", "The reasons in words.");
    d.put(t + "run_id", "Run that quarantined the record.");
    d.put(t + "quarantined_at", "Start of that run.");
  }

  private static void runs(Map<String, String> d) {
    String t = "runs.";
    d.put(
        t + "run_id", "Id of the run; every Delta commit of the run carries it as user metadata.");
    d.put(t + "command", "The command, e.g. ingest or pipeline.");
    d.put(t + "arguments", "The command's arguments.");
    d.put(t + "config_hash", "Hash of the effective settings (secrets left out).");
    d.put(t + "code_version", "Version of the jar.");
    d.put(t + "started_at", "Start of the run.");
    d.put(t + "ended_at", "End of the run.");
    d.put(t + "status", "succeeded, failed or quality_failed.");
    d.put(t + "exit_code", "The command's exit code.");
    d.put(
        t + "row_counts",
        "Named counts, e.g. the per-file reconciliation of ingest (<source>.<table>.read ...).");
    d.put(t + "message", "Failure message, else a summary.");
  }

  private static void qualityResults(Map<String, String> d) {
    String t = "quality_results.";
    d.put(t + "run_id", "Run that checked the batch.");
    d.put(t + "target_table", "Table the batch was meant for.");
    d.put(t + "check", "Deequ check name.");
    d.put(t + "constraint", "The constraint, e.g. completeness or uniqueness of a column.");
    d.put(t + "status", "Success or Failure.");
    d.put(t + "message", "Deequ's message on failure.");
    d.put(t + "source", "Mapping name of the batch.");
  }

  private static void journeys(Map<String, String> d) {
    String t = "journeys.";
    d.put(
        t + "journey_id",
        "SHA-256 of customer_id, source and interaction_id of the first touchpoint: stable across reruns.");
    d.put(t + "customer_id", "Customer id.");
    d.put(t + "intent", "First intent of the journey's touchpoints.");
    d.put(t + "started_at", "Start of the first touchpoint.");
    d.put(t + "ended_at", "Last end (else start) of the touchpoints.");
    d.put(t + "last_touchpoint_at", "Start of the last touchpoint.");
    d.put(t + "duration_hours", "Hours between the first start and the last end.");
    d.put(t + "touchpoints", "Touchpoints (kind contact or self_service).");
    d.put(t + "assisted_contacts", "Contacts with a person (kind contact, channel not ivr).");
    d.put(t + "repeat_contacts", "Assisted contacts after the first.");
    d.put(t + "channels_used", "Distinct channel groups (ivr counts as phone, app as web).");
    d.put(t + "channel_switches", "Consecutive touchpoints in different channel groups.");
    d.put(t + "self_service_failures", "Self-service with outcome failed or abandoned.");
    d.put(
        t + "self_service_to_assisted",
        "Such a failure whose next touchpoint is a contact, IVR included.");
    d.put(t + "transfers", "Sum of transfers over the touchpoints.");
    d.put(t + "re_explanations", "Touchpoints with repeated_info (one per contact).");
    d.put(t + "wait_seconds", "Sum of wait seconds.");
    d.put(t + "handle_seconds", "Sum of handle seconds.");
    d.put(
        t + "is_resolved",
        "The last resolution signal (resolved, else self-service success); false when none.");
    d.put(
        t + "is_open_at_end",
        "Not resolved and the last touchpoint at most journey.gap-days before the end of the data.");
    d.put(t + "delight_actions", "Attached actions (refunds, credits, gifts ...).");
    d.put(t + "delight_amount", "Money value of the attached actions.");
    for (String type : Vocabulary.ACTION_TYPE.allowed()) {
      d.put(t + type + "_actions", "Attached actions of type " + type + ".");
      d.put(t + type + "_amount", "Money value of the attached " + type + " actions.");
    }
    d.put(t + "survey_answers", "Attached answered surveys.");
    d.put(t + "first_csat", "CSAT of the first answered survey (by the contact it is about).");
    d.put(t + "last_csat", "CSAT of the last answered survey.");
    d.put(t + "first_ces", "CES of the first answered survey.");
    d.put(t + "last_ces", "CES of the last answered survey.");
    d.put(t + "channel_path", "Ordered channels, e.g. web>phone>phone.");
    d.put(
        t + "effort_score",
        "1 (effortless) to 7 (most effort), fitted on CES answers or the composite.");
    d.put(t + "stitch_rule", "Rule of the journey's key: case_id, intent_gap or gap_only.");
    d.put(t + "rule_version", "Version of the stitching rules, e.g. journeys-v2.");
  }

  private static void effortModels(Map<String, String> d) {
    String t = "effort_models.";
    d.put(t + "scope", "journeys (the journeys table's model) or features (one snapshot's model).");
    d.put(t + "as_of", "As-of date of a features-scope model; null for scope journeys.");
    d.put(t + "model", "effort (the effort_score regression) or propensity (of a CES answer).");
    d.put(t + "term", "intercept or an effort term.");
    d.put(t + "coefficient", "The term's coefficient, rounded to 6 decimals.");
    d.put(t + "method", "fitted (weighted ridge) or composite (fixed weights).");
    d.put(t + "answers", "Journeys with a CES answer the model saw.");
    d.put(t + "journeys", "Journeys the model saw.");
    d.put(t + "rule_version", "Journey rule version of those journeys.");
  }

  private static void features(Map<String, String> d) {
    d.put("customer_features.as_of", "The as-of date T: only facts known before T 00:00 UTC.");
    d.put(
        "customer_features.customer_id",
        "Customer id; feature columns follow (see feature_catalog).");
    String c = "feature_catalog.";
    d.put(c + "name", "Column of customer_features.");
    d.put(c + "family", "effort, delight, experience, engagement or profile.");
    d.put(c + "window_days", "Look-back window in days; null without one.");
    d.put(c + "description", "What the value means.");
    d.put(c + "data_type", "Spark SQL type of the column.");
    d.put(c + "formula_version", "Version of the feature formulas, e.g. features-v2.");
    String l = "defection_labels.";
    d.put(l + "as_of", "The as-of date T.");
    d.put(l + "customer_id", "Customer in the snapshot at T.");
    d.put(l + "policy", "labels.policy: cancel or inactivity.");
    d.put(l + "horizon_days", "labels.horizon-days H.");
    d.put(l + "horizon_end_at", "T + H.");
    d.put(l + "is_defected", "Defected in (T, T + H] under the policy.");
    d.put(l + "defected_at", "First cancel in the horizon (policy cancel).");
    d.put(
        l + "is_censored",
        "T + H lies after the data's last event: the label is not fully observed.");
    d.put(l + "label_version", "Version of the label rules.");
  }

  private static void model(Map<String, String> d) {
    String m = "model_metrics.";
    d.put(m + "model_version", "The trained model version.");
    d.put(m + "trained_at", "When it was trained.");
    d.put(m + "model", "logistic, gbt, oracle (with a truth file) or survival.");
    d.put(m + "period", "The period the metric is measured on, e.g. test.");
    d.put(
        m + "metric",
        "The metric, e.g. auc_roc, auc_pr, brier, log_loss, lift_top_decile, calibration_observed, rows, positives, chosen, oracle_ratio, concordance.");
    d.put(m + "bin", "Calibration bin or chart point; null otherwise.");
    d.put(m + "value", "The metric's value.");
    String r = "model_registry.";
    d.put(
        r + "model_version",
        "Hash of the snapshots, the training rows' content fingerprint, catalogue, drivers, settings and code version.");
    d.put(r + "trained_at", "When it was trained.");
    d.put(r + "status", "first, published or rejected (by the regression gate).");
    d.put(r + "is_current", "The model score uses (one row).");
    d.put(r + "chosen_model", "logistic or gbt, by train.selection-metric.");
    d.put(r + "selection_metric", "train.selection-metric.");
    d.put(r + "selection_value", "The chosen model's selection metric on the test period.");
    d.put(r + "previous_version", "The current model when this one was trained.");
    d.put(r + "previous_value", "That model's selection metric re-scored on the same test rows.");
    d.put(r + "training_as_ofs", "As-of dates of the training snapshots.");
    d.put(r + "test_as_ofs", "As-of dates of the test snapshots.");
    d.put(r + "features", "The model's input columns.");
    d.put(r + "catalog_version", "Fingerprint of feature_catalog.");
    d.put(r + "params", "The chosen pipelines' settings, train.* and labels.horizon-days.");
    d.put(r + "metrics", "Test metrics of the chosen model.");
    d.put(r + "code_version", "Version of the jar.");
    d.put(
        r + "model_path",
        "The saved PipelineModel, relative to the lake root (models/<model_version>).");
    d.put(r + "mlflow_run_id", "MLflow run, null without tracking.");
    d.put(r + "run_id", "The train run.");
    d.put(r + "reason", "Why the status: first model, or the regression gate's comparison.");
  }

  private static void driverEffects(Map<String, String> d) {
    String t = "driver_effects.";
    d.put(t + "model_version", "The model version.");
    d.put(
        t + "level",
        "feature (driver = a customer_features column) or family (driver = the family).");
    d.put(t + "driver", "Feature or family name.");
    d.put(t + "family", "The driver's family.");
    d.put(t + "description", "The feature's catalogue description.");
    d.put(t + "coefficient", "Logistic coefficient per standard deviation.");
    d.put(t + "odds_ratio_per_sd", "Its odds ratio.");
    d.put(t + "odds_ratio_low", "Low end of the 95% bootstrap interval.");
    d.put(t + "odds_ratio_high", "High end of the 95% bootstrap interval.");
    d.put(t + "permutation_importance", "Drop in test AUC-PR of the GBT with the driver permuted.");
    d.put(
        t + "counterfactual_value",
        "The driver's reference (\"no effort\") value; null without one.");
    d.put(
        t + "defections_avoided",
        "Expected defections as observed minus with the driver at its reference (a family row:"
            + " all its drivers with a reference at their references at once).");
    d.put(
        t + "defections_avoided_low",
        "Low end of the 95% interval: Poisson-bootstrap replicates over test customers plus the"
            + " change refitting the logistic on the replicate's fit-row weights makes.");
    d.put(t + "defections_avoided_high", "High end of that 95% interval.");
    d.put(
        t + "share",
        "Defections avoided / the sum of the families' absolute defections avoided: the"
            + " disloyalty pie (signed; driver rows over the same sum).");
    d.put(
        t + "stability_spearman",
        "Spearman of driver ranks across rolling-origin windows (one value per run).");
    d.put(t + "rank", "Rank by defections avoided (rounded to 1e-6, ties by name).");
    d.put(t + "support", "Test customers off the driver's reference value.");
    d.put(t + "low_support", "Support below train.min-support: not ranked.");
  }

  private static void delightEffects(Map<String, String> d) {
    String t = "delight_effects.";
    d.put(t + "model_version", "The model version.");
    d.put(t + "action", "any, or an action type.");
    d.put(t + "horizon_days", "Outcome horizon (labels.horizon-days).");
    d.put(t + "method", "aipw (doubly robust).");
    d.put(t + "treated", "Treated snapshots after trimming.");
    d.put(t + "controls", "Control snapshots after trimming.");
    d.put(
        t + "effect", "AIPW effect on P(defect within the horizon); -0.0158 = 1.58 points fewer.");
    d.put(
        t + "effect_low",
        "Low end of the 95% interval: Poisson bootstrap over customers of the AIPW estimating"
            + " equations (cross-fitted nuisance models, not refitted per round).");
    d.put(t + "effect_high", "High end of that 95% interval.");
    d.put(t + "ipw_effect", "Inverse-propensity weighting alone (normalized weights).");
    d.put(t + "naive_effect", "Raw difference of defection rates, treated minus controls.");
    d.put(t + "naive_low", "Low end of its 95% interval.");
    d.put(t + "naive_high", "High end of its 95% interval.");
    d.put(t + "trimmed_share", "Share of snapshots left out by the overlap trimming.");
    d.put(t + "propensity_p05", "5th percentile of the propensity before trimming.");
    d.put(t + "propensity_p50", "Median propensity before trimming.");
    d.put(t + "propensity_p95", "95th percentile of the propensity before trimming.");
    d.put(t + "bootstrap_rounds", "delight.bootstrap-rounds.");
  }

  private static void customerRisk(Map<String, String> d) {
    String t = "customer_risk.";
    d.put(t + "as_of", "The scored snapshot.");
    d.put(
        t + "customer_key",
        "HMAC-SHA256 of customer_id with EFFORTLENS_PSEUDONYM_KEY (the raw id only with --allow-raw-ids).");
    d.put(t + "probability", "Calibrated probability of defecting within the horizon.");
    d.put(t + "risk_band", "Band by score.risk-band-cutoffs and score.risk-band-names.");
    d.put(
        t + "expected_months_to_defection",
        "Mean of the fitted Weibull time to defection, in months.");
    d.put(t + "model_version", "The published model that scored.");
    d.put(
        t + "reasons",
        "The score.top-reasons drivers that add most to this customer's probability.");
    d.put(t + "reasons[].rank", "1 = adds most.");
    d.put(t + "reasons[].driver", "The feature.");
    d.put(t + "reasons[].family", "Its family.");
    d.put(t + "reasons[].value", "The customer's value of it.");
    d.put(
        t + "reasons[].contribution",
        "Drop in probability with the driver at its reference value.");
    d.put(t + "reasons[].sentence", "The reason in words, from conf/reasons.yaml.");
    d.put(t + "reasons[].next_step", "What to do, from conf/reasons.yaml.");
    d.put(
        t + "next_best_action",
        "The step of the reason whose family comes first by priority in conf/reasons.yaml.");
  }
}
