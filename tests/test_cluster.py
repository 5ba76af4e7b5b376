"""The application jar on a real Spark standalone cluster (master + 2 workers on 127.0.0.1, from the
pyspark 3.5 package), submitted by Airflow's daily DAG as a deployment would (conftest.daily_dag), gives
the same lake as the README's quick start in local mode, and carries no class that Spark's own jars
already have."""

from __future__ import annotations

import zipfile

import pandas as pd

import effortlens_ops as ops

LOGS = {"runs", "quality_results"}  # one row set per run: the DAG's runs add to the quick start's
# Customer keys: the quick start runs without a pseudonymisation key (--allow-raw-ids), the DAG's
# tasks with the tests' key, so the quick start's raw ids are compared as their pseudonyms.
KEYED = {"customer_risk": "customer_key"}


def test_app_jar_has_no_class_that_spark_ships():
    """Spark, Scala, Hadoop and logging come from the cluster; the jar must not carry a second copy."""
    spark_classes = set()
    for jar in (ops.SPARK_HOME / "jars").glob("*.jar"):
        with zipfile.ZipFile(jar) as z:
            spark_classes.update(n for n in z.namelist() if n.endswith(".class") and "module-info" not in n)
    with zipfile.ZipFile(ops.app_jar()) as z:
        ours = {n for n in z.namelist() if n.endswith(".class")}
    assert len(spark_classes) > 10_000, "Spark's jars were not found in the pyspark package"
    clashes = sorted(ours & spark_classes)
    assert not clashes, f"{len(clashes)} classes also in Spark's jars, e.g. {clashes[:10]}"
    assert not any(n.startswith(("scala/", "org/apache/hadoop/", "org/slf4j/", "org/apache/logging/")) for n in ours)
    assert "io/effortlens/cli/Main.class" in ours
    assert any(n.startswith("io/delta/") or n.startswith("org/apache/spark/sql/delta/") for n in ours), \
        "Delta is not in the jar: a cluster without it could not run the jobs"


def test_daily_dag_on_standalone_cluster_equals_local_mode(quick_start, daily_dag):
    """The DAG's tasks for the quick start's score date (ingest, journeys, features, score, gold,
    report) ran as applications of the cluster and left every Delta table equal to
    the quick start's, row for row (per-run columns aside: see ops.RUN_COLUMNS), except the runs and
    quality logs, which gain the DAG's runs; customer keys are the pseudonyms of the quick start's
    raw ids."""
    apps = daily_dag.apps
    assert len(apps) == 6 and all(a["state"] == "FINISHED" for a in apps), \
        f"the six tasks ran on the cluster: {apps}"
    local, cluster = ops.delta_tables(quick_start.lake), ops.delta_tables(daily_dag.lake)
    assert sorted(cluster) == sorted(local)
    assert {"interactions", "customers", "journeys", "customer_features", "defection_labels", "runs",
            "driver_effects", "delight_effects", "customer_risk"} <= set(local)
    for table in sorted(set(local) - LOGS):
        expected = ops.read_table(local[table])
        if table in KEYED:
            expected[KEYED[table]] = expected[KEYED[table]].map(ops.pseudonym)
        expected = ops.comparable(table, expected)
        actual = ops.comparable(table, ops.read_table(cluster[table]))
        assert len(expected) > 0 or table == "quarantine", f"{table} is empty"  # a clean sample
        pd.testing.assert_frame_equal(actual, expected, check_exact=False, rtol=1e-6, atol=1e-9,
                                      obj=f"table {table}")
