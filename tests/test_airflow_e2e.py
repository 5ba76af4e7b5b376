"""`airflow dags test` of the daily DAG for one ds: every task spark-submits the app jar in local
mode on the day's files (the reduced sample put in the landing folder for that ds), every task
succeeds, and the lake holds that ds's results; rerunning tasks of the same ds changes nothing.

Scoring needs a model, so the lake is first set up as on a new deployment: the day's files are
ingested and stitched into journeys (`airflow tasks test`), then the training DAG runs for ds
(`airflow dags test effortlens_training`). The config file (Variable effortlens_conf) is a copy of
conf/ whose effortlens.yaml has the CI settings of effortlens_ops.CI_SETTINGS."""

from __future__ import annotations

import pytest

import shutil
import sqlite3
import time

import pandas as pd

import effortlens_ops as ops
from airflow_env import airflow_env
from conftest import CUSTOMERS, TIMINGS

DS = "2024-08-01"  # the first ds with a test snapshot and two training snapshots before it
DAILY = ["ingest", "journeys", "features", "score", "gold", "report"]
TRAINING = ["feature_snapshots", "train"]


def task_states(home, dag_id):
    with sqlite3.connect(home / "airflow.db") as db:
        return dict(db.execute("select task_id, state from task_instance where dag_id = ?", (dag_id,)))


@pytest.mark.e2e
def test_daily_dag_runs_every_task_for_one_ds(work, sample):
    home, lake, landing = work / "airflow", work / "lake-airflow", work / "landing"
    shutil.copytree(sample, landing / DS)
    env = airflow_env(home, lake, landing, conf=ops.ci_conf(work / "conf-ci"))
    ops.run_logged(["airflow", "db", "migrate"], work / "airflow-db.log", timeout=300, env=env)
    started = time.monotonic()
    for task in ("ingest", "journeys"):
        ops.run_logged(["airflow", "tasks", "test", "effortlens_daily", task, DS],
                       work / f"airflow-setup-{task}.log", timeout=900, env=env)
    log = work / "airflow-dags-test-training.log"
    ops.run_logged(["airflow", "dags", "test", "effortlens_training", DS], log, timeout=2400, env=env)
    states = task_states(home, "effortlens_training")
    assert states == {task: "success" for task in TRAINING}, f"{states}\n{ops.tail(log, 80)}"
    TIMINGS["airflow setup: ingest, journeys, dags test effortlens_training"] = time.monotonic() - started
    started = time.monotonic()
    log = work / "airflow-dags-test.log"
    try:
        ops.run_logged(["airflow", "dags", "test", "effortlens_daily", DS], log, timeout=2400, env=env)
    finally:
        TIMINGS["airflow dags test effortlens_daily"] = time.monotonic() - started
    states = task_states(home, "effortlens_daily")
    assert states == {task: "success" for task in DAILY}, f"{states}\n{ops.tail(log, 80)}"

    runs = ops.read_table(lake / "runs")
    succeeded = set(runs.loc[runs["status"] == "succeeded", "command"])
    assert set(DAILY) <= succeeded, f"every task's command recorded a successful run: {succeeded}"
    features = ops.read_table(lake / "customer_features")
    day = features[features["as_of"].astype(str) == DS]
    assert 0 < len(day) <= CUSTOMERS, "customers still active on ds have features as of ds"
    assert day["customer_id"].is_unique
    labels = ops.read_table(lake / "defection_labels")
    assert (labels["as_of"].astype(str) == DS).sum() == len(day), "one label per feature row"
    risk = ops.read_table(lake / "customer_risk")
    assert (risk["as_of"].astype(str) == DS).sum() == len(day), "every featured customer scored as of ds"
    assert (lake / "reports" / DS / "index.html").is_file(), "the report for ds"

    # a rerun of the same ds (retry, clear or backfill) replaces its own output: same rows
    before = {t: len(ops.read_table(lake / t)) for t in ("interactions", "journeys", "customer_features")}
    for task in ("ingest", "features"):
        ops.run_logged(["airflow", "tasks", "test", "effortlens_daily", task, DS],
                       work / f"airflow-rerun-{task}.log", timeout=900, env=env)
    after = {t: len(ops.read_table(lake / t)) for t in before}
    assert after == before
    rerun = ops.read_table(lake / "customer_features")
    pd.testing.assert_frame_equal(
        ops.comparable("customer_features", rerun[rerun["as_of"].astype(str) == DS]),
        ops.comparable("customer_features", day))
