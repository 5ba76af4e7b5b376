package io.effortlens.reliability;

import io.effortlens.lake.Table;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the reliability harnesses know about each table: its key (no two rows may share it), its
 * unit of publication (a commit replaces or adds whole units, so after a crash every unit present
 * must be complete), and whether it is a per-run log that legitimately grows with every run. Every
 * {@link Table} needs a row: a new table without one fails the harnesses until it is added.
 */
final class TableRules {
  /** Whole-table unit: the table is published in one commit. */
  static final List<String> WHOLE = List.of();

  /**
   * Lineage columns that differ between two lakes built by different runs from the same input: the
   * run id and the run's start, and {@code model_path}, which names the model folder under the
   * lake's own location. Within one lake a rerun leaves them unchanged.
   */
  static final Set<String> LINEAGE =
      Set.of("run_id", "ingested_at", "quarantined_at", "trained_at", "model_path");

  /**
   * Rules of one table.
   *
   * @param keys columns that identify a row
   * @param unit columns whose values delimit what one commit publishes atomically
   * @param isRunLog one row per run (or per run and check): grows with reruns by design
   * @param restamped a rerun replaces its rows with the same content stamped with its own run
   *     (model tables: {@code trained_at}, {@code run_id}), so reruns are compared without lineage
   */
  record Rule(List<String> keys, List<String> unit, boolean isRunLog, boolean restamped) {
    Rule(List<String> keys, List<String> unit, boolean isRunLog) {
      this(keys, unit, isRunLog, false);
    }
  }

  private static final Map<Table, Rule> RULES =
      Map.ofEntries(
          Map.entry(
              Table.INTERACTIONS,
              new Rule(List.of("source", "interaction_id"), List.of("source"), false)),
          Map.entry(Table.CUSTOMERS, new Rule(List.of("customer_id"), WHOLE, false)),
          Map.entry(
              Table.QUARANTINE,
              new Rule(
                  List.of("target_table", "source", "source_file", "raw_hash", "occurrence"),
                  WHOLE,
                  false)),
          Map.entry(Table.RUNS, new Rule(List.of("run_id"), WHOLE, true)),
          Map.entry(
              Table.QUALITY_RESULTS,
              new Rule(
                  List.of("run_id", "target_table", "source", "check", "constraint"), WHOLE, true)),
          Map.entry(Table.JOURNEYS, new Rule(List.of("journey_id"), WHOLE, false)),
          Map.entry(
              Table.EFFORT_MODELS,
              new Rule(
                  List.of("scope", "as_of", "model", "term"), List.of("scope", "as_of"), false)),
          Map.entry(
              Table.CUSTOMER_FEATURES,
              new Rule(List.of("as_of", "customer_id"), List.of("as_of"), false)),
          Map.entry(Table.FEATURE_CATALOG, new Rule(List.of("name"), WHOLE, false)),
          Map.entry(
              Table.DEFECTION_LABELS,
              new Rule(List.of("as_of", "customer_id"), List.of("as_of"), false)),
          Map.entry(Table.MODEL_REGISTRY, new Rule(List.of("model_version"), WHOLE, false, true)),
          Map.entry(
              Table.MODEL_METRICS,
              new Rule(
                  List.of("model_version", "model", "period", "metric", "bin"),
                  List.of("model_version"),
                  false,
                  true)),
          Map.entry(
              Table.DRIVER_EFFECTS,
              new Rule(
                  List.of("model_version", "level", "driver"), List.of("model_version"), false)),
          Map.entry(
              Table.DELIGHT_EFFECTS,
              new Rule(List.of("model_version", "action"), List.of("model_version"), false)),
          Map.entry(
              Table.CUSTOMER_RISK,
              new Rule(List.of("as_of", "customer_key"), List.of("as_of"), false)),
          Map.entry(
              Table.EFFORT_KPIS,
              new Rule(List.of("day", "channel", "intent", "queue"), WHOLE, false)),
          Map.entry(
              Table.PERCEPTION_GAP,
              new Rule(List.of("as_of", "measure", "position"), List.of("as_of"), false)),
          Map.entry(
              Table.RESEARCH_REPLICATION,
              new Rule(List.of("as_of", "statement_id"), List.of("as_of"), false)),
          Map.entry(
              Table.NEXT_ISSUE_RULES,
              new Rule(
                  List.of("as_of", "antecedent_intent", "consequent_intent"),
                  List.of("as_of"),
                  false)));

  private TableRules() {}

  /** The rule of a table; fails naming the table when it has none yet. */
  static Rule of(Table table) {
    Rule rule = RULES.get(table);
    if (rule == null) {
      throw new AssertionError(
          "table '" + table.tableName() + "' has no row in TableRules: declare its key and unit");
    }
    return rule;
  }
}
