"""A small lake holding the model and scoring tables in their contract schemas (see
docs/reference/tables.md), for the notebooks while the pipeline does not write those tables yet. Written by
Spark with Delta (from the app jar) in a separate process: `python contract_lake.py LAKE`."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import effortlens_ops as ops

MODEL_REGISTRY = """model_version STRING, trained_at TIMESTAMP, status STRING, is_current BOOLEAN,
chosen_model STRING, selection_metric STRING, selection_value DOUBLE, previous_version STRING,
previous_value DOUBLE, training_as_ofs ARRAY<DATE>, test_as_ofs ARRAY<DATE>, features ARRAY<STRING>,
catalog_version BIGINT, params MAP<STRING,STRING>, metrics MAP<STRING,DOUBLE>, code_version STRING,
model_path STRING, mlflow_run_id STRING, run_id STRING, reason STRING"""
DRIVER_EFFECTS = """model_version STRING, level STRING, driver STRING, family STRING, description STRING,
coefficient DOUBLE, odds_ratio_per_sd DOUBLE, odds_ratio_low DOUBLE, odds_ratio_high DOUBLE,
permutation_importance DOUBLE, counterfactual_value DOUBLE, defections_avoided DOUBLE,
defections_avoided_low DOUBLE, defections_avoided_high DOUBLE, share DOUBLE, stability_spearman DOUBLE,
rank INT, support BIGINT, low_support BOOLEAN"""
DELIGHT_EFFECTS = """model_version STRING, action STRING, horizon_days INT, method STRING, treated BIGINT,
controls BIGINT, effect DOUBLE, effect_low DOUBLE, effect_high DOUBLE, ipw_effect DOUBLE,
naive_effect DOUBLE, naive_low DOUBLE, naive_high DOUBLE, trimmed_share DOUBLE, propensity_p05 DOUBLE,
propensity_p50 DOUBLE, propensity_p95 DOUBLE, bootstrap_rounds INT"""
CUSTOMER_RISK = """as_of DATE, customer_key STRING, probability DOUBLE, risk_band STRING,
expected_months_to_defection DOUBLE, model_version STRING,
reasons ARRAY<STRUCT<rank INT, driver STRING, family STRING, contribution DOUBLE, sentence STRING,
next_step STRING>>"""

FAMILIES = ["effort", "delight", "experience", "engagement", "profile"]
V = "v20240701T000000Z-abc123"


def rows():
    trained = datetime(2024, 7, 1)
    registry = [(V, trained, "first", True, "logistic", "auc_roc", 0.78, None, None,
                 [date(2024, 3, 1)], [date(2024, 4, 1)], ["repeat_contacts_90d"], 1, {"seed": "7"},
                 {"auc_roc": 0.78}, "0.1.0", "models/" + V, None, "r1", None)]
    drivers, shares = [], [0.42, 0.08, 0.2, 0.18, 0.12]
    for i, (family, share) in enumerate(zip(FAMILIES, shares)):
        drivers.append((V, "family", family, family, f"{family} drivers", None, None, None, None, 0.01 * i,
                        None, 100.0 * share, 80.0 * share, 120.0 * share, share, 0.9, i + 1, 600, False))
        for j in range(3):
            ratio = 1.0 + 0.1 * (j + 1) * (1 if i % 2 == 0 else -0.5)
            drivers.append((V, "feature", f"{family}_driver_{j}", family, "a driver", 0.1, ratio, ratio - 0.05,
                            ratio + 0.05, 0.01, 0.0, 5.0, 3.0, 7.0, share / 3, 0.8, 3 * i + j + 1, 300, False))
    delight = [(V, action, 90, "aipw", 120, 480, effect, effect - 0.01, effect + 0.01, effect, naive,
                naive - 0.02, naive + 0.02, 0.03, 0.05, 0.2, 0.6, 200)
               for action, effect, naive in [("any", -0.016, 0.04), ("refund", -0.01, 0.05), ("gift", -0.02, 0.01)]]
    bands = ["low", "medium", "high"]
    risk = [(date(2024, 7, 1), f"k{n:04d}", (n % 97) / 97.0, bands[n % 3], 6.0, V,
             [(1, f"{FAMILIES[n % 5]}_driver_0", FAMILIES[n % 5], 0.3, "Waited long twice.", "Call back."),
              (2, "profile_driver_1", "profile", 0.1, "New customer.", "Welcome call.")])
             for n in range(60)]
    return {"model_registry": (MODEL_REGISTRY, registry), "driver_effects": (DRIVER_EFFECTS, drivers),
            "delight_effects": (DELIGHT_EFFECTS, delight), "customer_risk": (CUSTOMER_RISK, risk)}


def write(lake: str):
    from pyspark.sql import SparkSession

    spark = (SparkSession.builder.master("local[1]").config("spark.jars", str(ops.app_jar()))
             .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
             .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
             .config("spark.sql.session.timeZone", "UTC").config("spark.ui.enabled", "false")
             .config("spark.driver.host", "127.0.0.1").getOrCreate())
    for name, (schema, data) in rows().items():
        spark.createDataFrame(data, " ".join(schema.split())).write.format("delta").save(f"{lake}/{name}")
    spark.stop()


def build(lake: Path) -> Path:
    ops.run_logged([sys.executable, __file__, str(lake)], lake.parent / "contract-lake.log", timeout=300,
                   env=ops.spark_env(), cwd=Path(__file__).parent)
    return lake


if __name__ == "__main__":
    write(sys.argv[1])
