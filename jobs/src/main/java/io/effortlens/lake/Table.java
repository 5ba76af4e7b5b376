package io.effortlens.lake;

import io.effortlens.features.CustomerFeatureSchema;
import io.effortlens.features.DefectionLabelSchema;
import io.effortlens.features.FeatureCatalogSchema;
import io.effortlens.journey.EffortModelSchema;
import io.effortlens.journey.JourneySchema;
import io.effortlens.model.DriverEffectsSchema;
import io.effortlens.model.ModelMetricsSchema;
import io.effortlens.model.ModelRegistrySchema;
import io.effortlens.model.causal.DelightEffectSchema;
import io.effortlens.report.EffortKpiSchema;
import io.effortlens.report.NextIssueRuleSchema;
import io.effortlens.report.PerceptionGapSchema;
import io.effortlens.report.ResearchReplicationSchema;
import io.effortlens.schema.CustomerSchema;
import io.effortlens.schema.InteractionSchema;
import io.effortlens.schema.QualityResultSchema;
import io.effortlens.schema.QuarantineSchema;
import io.effortlens.schema.RunSchema;
import io.effortlens.scoring.CustomerRiskSchema;
import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * Every Delta table of the lake: name (folder under the lake root), schema, partitioning, comment.
 */
public enum Table {
  INTERACTIONS(
      "interactions",
      InteractionSchema.SCHEMA,
      // Not partitioned: a day holds a few thousand rows (1M a year is 2,500 a day), so daily
      // partitions made one small file per day and per MERGE (336 files, 28 s for 51,690 rows in
      // the 1M benchmark); MERGE matches on (source, interaction_id), which no date partition
      // prunes. Lakes created partitioned by event_date keep that layout and work unchanged.
      List.of(),
      "Canonical touchpoints and events, one row per (source, interaction_id)."),
  CUSTOMERS(
      "customers",
      CustomerSchema.SCHEMA,
      List.of(),
      "Customer profile and control columns, one row per customer_id."),
  QUARANTINE(
      "quarantine",
      QuarantineSchema.SCHEMA,
      List.of(),
      "Rejected raw records with reason codes; one row per rejected record."),
  RUNS("runs", RunSchema.SCHEMA, List.of(), "One row per command run with row counts and status."),
  QUALITY_RESULTS(
      "quality_results",
      QualityResultSchema.SCHEMA,
      List.of(),
      "Data-quality constraint results (Deequ) per run."),
  // Written by 'effortlens journeys' (whole-table replace) and 'effortlens features'.
  JOURNEYS(
      "journeys",
      JourneySchema.SCHEMA,
      List.of(),
      "One row per journey (a customer's path through one issue across channels) with effort"
          + " metrics and effort_score; rebuilt from all interactions on every run."),
  EFFORT_MODELS(
      "effort_models",
      EffortModelSchema.SCHEMA,
      List.of(),
      "Coefficients of each effort_score model, one row per (scope, as_of, model, term)."),
  CUSTOMER_FEATURES(
      "customer_features",
      CustomerFeatureSchema.KEYS,
      List.of(CustomerFeatureSchema.AS_OF),
      "Point-in-time customer features, one row per (as_of, customer_id); columns are described"
          + " in feature_catalog."),
  FEATURE_CATALOG(
      "feature_catalog",
      FeatureCatalogSchema.SCHEMA,
      List.of(),
      "One row per customer_features column: family, window, description, formula version."),
  DEFECTION_LABELS(
      "defection_labels",
      DefectionLabelSchema.SCHEMA,
      List.of(DefectionLabelSchema.AS_OF),
      "Defection label per (as_of, customer_id) under the configured policy and horizon."),
  CUSTOMER_RISK(
      "customer_risk",
      CustomerRiskSchema.SCHEMA,
      List.of(CustomerRiskSchema.AS_OF),
      "Defection risk per (as_of, customer_key) from the published model: calibrated"
          + " probability, risk band, expected months to defection, top reasons with next steps."),
  MODEL_METRICS(
      "model_metrics",
      ModelMetricsSchema.SCHEMA,
      List.of(),
      "Test-period metrics per (model_version, model, metric, bin), calibration and chart points."),
  MODEL_REGISTRY(
      "model_registry",
      ModelRegistrySchema.SCHEMA,
      List.of(),
      "One row per training run: version, status, chosen model, metadata; is_current marks the"
          + " model scoring uses."),
  DRIVER_EFFECTS(
      "driver_effects",
      DriverEffectsSchema.SCHEMA,
      List.of(),
      "Defection drivers per (model_version, level, driver): odds ratios, permutation importance,"
          + " counterfactual defections avoided and share (the disloyalty pie)."),
  // Written by 'effortlens train' (replaceWhere on model_version).
  DELIGHT_EFFECTS(
      "delight_effects",
      DelightEffectSchema.SCHEMA,
      List.of(),
      "Causal effect of delight actions on defection within the horizon, one row per"
          + " (model_version, action): AIPW with IPW and naive beside it, intervals, overlap."),
  EFFORT_KPIS(
      "effort_kpis",
      EffortKpiSchema.SCHEMA,
      List.of(EffortKpiSchema.DAY),
      "Daily effort KPIs per (day, channel, intent, queue) of journeys that ended that day, as"
          + " known at as_of; replaced whole by every 'effortlens gold' run."),
  PERCEPTION_GAP(
      "perception_gap",
      PerceptionGapSchema.SCHEMA,
      List.of(PerceptionGapSchema.AS_OF),
      "Touchpoint view vs journey view of satisfaction and defection, one row per (as_of,"
          + " measure, position)."),
  RESEARCH_REPLICATION(
      "research_replication",
      ResearchReplicationSchema.SCHEMA,
      List.of(ResearchReplicationSchema.AS_OF),
      "The research's headline statements tested on this data, one row per (as_of, statement_id)"
          + " with n and a 95% interval."),
  NEXT_ISSUE_RULES(
      "next_issue_rules",
      NextIssueRuleSchema.SCHEMA,
      List.of(NextIssueRuleSchema.AS_OF),
      "What customers contact about next: one row per (as_of, antecedent_intent,"
          + " consequent_intent) mined with FPGrowth.");

  private final String tableName;
  private final StructType schema;
  private final List<String> partitionColumns;
  private final String comment;

  Table(String tableName, StructType schema, List<String> partitionColumns, String comment) {
    this.tableName = tableName;
    this.schema = schema;
    this.partitionColumns = partitionColumns;
    this.comment = comment;
  }

  public String tableName() {
    return tableName;
  }

  public StructType schema() {
    return schema;
  }

  public List<String> partitionColumns() {
    return partitionColumns;
  }

  public String comment() {
    return comment;
  }
}
