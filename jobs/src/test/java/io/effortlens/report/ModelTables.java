package io.effortlens.report;

import io.effortlens.lake.Lake;
import org.apache.spark.sql.SparkSession;

/**
 * Model tables with the contract schemas (model_registry, model_metrics, driver_effects,
 * delight_effects, customer_risk) and plausible values, for report tests. Written straight with
 * Spark: in production the train and score commands write them.
 */
final class ModelTables {
  static final String VERSION = "v20240401T000000-abc123";

  /** A driver description with markup characters: the report must escape it. */
  static final String TRICKY_DESCRIPTION = "<b>Repeat</b> contacts & \"re-explaining\"";

  private ModelTables() {}

  static void write(Lake lake) {
    SparkSession spark = lake.spark();
    save(
        lake,
        "model_registry",
        spark,
        """
        SELECT '%1$s' AS model_version, TIMESTAMP'2024-04-01 00:00:00' AS trained_at,
          'first' AS status, true AS is_current, 'gbt' AS chosen_model,
          'auc_pr' AS selection_metric, 0.41D AS selection_value,
          CAST(NULL AS STRING) AS previous_version, CAST(NULL AS DOUBLE) AS previous_value,
          array(DATE'2024-01-01', DATE'2024-02-01') AS training_as_ofs,
          array(DATE'2024-03-01') AS test_as_ofs, array('repeat_contacts_90d') AS features,
          3L AS catalog_version, map('maxDepth', '5') AS params, map('auc_roc', 0.78D) AS metrics,
          'test' AS code_version, 'models/%1$s' AS model_path,
          CAST(NULL AS STRING) AS mlflow_run_id, 'run-0' AS run_id, 'first model' AS reason
        """);
    save(
        lake,
        "model_metrics",
        spark,
        """
        SELECT '%1$s' AS model_version, TIMESTAMP'2024-04-01 00:00:00' AS trained_at, model,
          'test' AS period, metric, CAST(bin AS INT) AS bin, CAST(value AS DOUBLE) AS value
        FROM (
          SELECT * FROM VALUES
            ('gbt', 'auc_roc', NULL, 0.78), ('gbt', 'auc_pr', NULL, 0.41),
            ('gbt', 'brier', NULL, 0.12), ('gbt', 'log_loss', NULL, 0.39),
            ('gbt', 'lift_top_decile', NULL, 3.1), ('gbt', 'capture_top_decile', NULL, 0.31),
            ('gbt', 'chosen', NULL, 1.0), ('logistic', 'chosen', NULL, 0.0),
            ('logistic', 'auc_roc', NULL, 0.75), ('logistic', 'lift_top_decile', NULL, 2.8)
            AS t(model, metric, bin, value)
          UNION ALL SELECT 'gbt', 'roc_fpr', id, id / 20.0 FROM range(0, 21)
          UNION ALL SELECT 'gbt', 'roc_tpr', id, sqrt(id / 20.0) FROM range(0, 21)
          UNION ALL SELECT 'gbt', 'pr_recall', id, id / 20.0 FROM range(0, 21)
          UNION ALL SELECT 'gbt', 'pr_precision', id, 0.7 - 0.5 * id / 20.0 FROM range(0, 21)
          UNION ALL SELECT 'gbt', 'calibration_predicted', id, (id - 0.5) * 0.06 FROM range(1, 11)
          UNION ALL SELECT 'gbt', 'calibration_observed', id, (id - 0.5) * 0.057 FROM range(1, 11))
        """);
    save(
        lake,
        "driver_effects",
        spark,
        """
        SELECT '%1$s' AS model_version, level, driver, family, description,
          CAST(coefficient AS DOUBLE) AS coefficient, CAST(odds AS DOUBLE) AS odds_ratio_per_sd,
          CAST(odds * 0.9 AS DOUBLE) AS odds_ratio_low, CAST(odds * 1.1 AS DOUBLE) AS odds_ratio_high,
          0.01D AS permutation_importance, 0.0D AS counterfactual_value,
          CAST(share * 100 AS DOUBLE) AS defections_avoided,
          CAST(share * 80 AS DOUBLE) AS defections_avoided_low,
          CAST(share * 120 AS DOUBLE) AS defections_avoided_high, CAST(share AS DOUBLE) AS share,
          0.9D AS stability_spearman, CAST(rnk AS INT) AS rank, 1000L AS support,
          false AS low_support
        FROM VALUES
          ('family', 'effort', 'effort', 'Effort drivers', 0.5, 1.6, 0.55, NULL),
          ('family', 'delight', 'delight', 'Delight actions', -0.05, 0.97, 0.05, NULL),
          ('family', 'experience', 'experience', 'Experience', 0.2, 1.2, 0.2, NULL),
          ('family', 'engagement', 'engagement', 'Engagement', -0.2, 0.85, 0.15, NULL),
          ('family', 'profile', 'profile', 'Profile', 0.05, 1.05, 0.05, NULL),
          ('feature', 'repeat_contacts_90d', 'effort', '%2$s', 0.4, 1.5, 0.3, 1),
          ('feature', 'transfers_90d', 'effort', 'Transfers in 90 days', 0.3, 1.35, 0.15, 2),
          ('feature', 'logins_30d', 'engagement', 'Logins in 30 days', -0.3, 0.74, 0.1, 3),
          ('feature', 'gift_actions_90d', 'delight', 'Gifts in 90 days', -0.02, 0.98, 0.02, 4)
          AS t(level, driver, family, description, coefficient, odds, share, rnk)
        """);
    save(
        lake,
        "delight_effects",
        spark,
        """
        SELECT '%1$s' AS model_version, action, 90 AS horizon_days, 'aipw' AS method,
          CAST(treated AS BIGINT) AS treated, CAST(controls AS BIGINT) AS controls,
          CAST(effect AS DOUBLE) AS effect, CAST(effect - 0.012 AS DOUBLE) AS effect_low,
          CAST(effect + 0.012 AS DOUBLE) AS effect_high, CAST(effect AS DOUBLE) AS ipw_effect,
          CAST(naive AS DOUBLE) AS naive_effect, CAST(naive - 0.01 AS DOUBLE) AS naive_low,
          CAST(naive + 0.01 AS DOUBLE) AS naive_high, 0.02D AS trimmed_share,
          0.05D AS propensity_p05, 0.2D AS propensity_p50, 0.6D AS propensity_p95,
          200 AS bootstrap_rounds, 0.006D AS effect_se, CAST(p AS DOUBLE) AS p_value,
          CAST(p_adjusted AS DOUBLE) AS p_adjusted, 'holm' AS adjustment, 3 AS family_size,
          is_finding
        FROM VALUES ('any', 600, 2400, -0.0158, 0.042, 0.008, 0.024, true),
          ('refund', 250, 2750, -0.021, 0.055, 0.03, 0.06, false),
          ('gift', 150, 2850, -0.004, 0.03, 0.5, 0.5, false)
          AS t(action, treated, controls, effect, naive, p, p_adjusted, is_finding)
        """);
    save(
        lake,
        "customer_risk",
        spark,
        """
        SELECT DATE'2024-04-01' AS as_of, sha2(CAST(id AS STRING), 256) AS customer_key,
          CAST(id / 40.0 AS DOUBLE) AS probability,
          CASE WHEN id >= 30 THEN 'high' WHEN id >= 15 THEN 'medium' ELSE 'low' END AS risk_band,
          CAST(40 - id AS DOUBLE) / 4 AS expected_months_to_defection,
          '%1$s' AS model_version,
          array(named_struct('rank', 1, 'driver', 'repeat_contacts_90d', 'family', 'effort',
            'contribution', 0.2D, 'sentence', '3 repeat contacts about billing',
            'next_step', 'proactive callback')) AS reasons
        FROM range(0, 40)
        """);
  }

  private static void save(Lake lake, String table, SparkSession spark, String sql) {
    spark
        .sql(sql.formatted(VERSION, TRICKY_DESCRIPTION.replace("'", "\\'")))
        .write()
        .format("delta")
        .mode("overwrite")
        .save(lake.path(table));
  }
}
