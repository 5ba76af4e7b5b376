"""`airflow dags test` of both DAGs: every task spark-submits the app jar in local mode, every task
succeeds, and the lake holds that ds's results; rerunning tasks of the same ds changes nothing.

The config file (Variable effortlens_conf) is a copy of conf/ whose effortlens.yaml has the CI
settings of effortlens_ops.CI_SETTINGS; the landing folder for ds holds the reduced sample.

- The daily DAG runs in every build. It starts from a copy of the quick start's lake (a deployment
  that has history and a published model; conftest) and runs for the score date of that lake, the
  day after the sample's last event: ingest reads every record again and inserts none (the MERGE
  finds them all: a rerun of ingest for a day adds nothing), journeys, features, score, gold and
  report replace their rows for ds; a rerun of features for ds replaces its rows again.
- The training DAG (monthly snapshots, then train behind the regression gate) runs on a new lake
  set up by the daily DAG's ingest and journeys tasks. It is marked e2e (about 6 min on 2 cores)
  and runs with -Dpytest.select=e2e."""

from __future__ import annotations

import pytest

import shutil
import sqlite3
import time

import pandas as pd

import effortlens_ops as ops
from airflow_env import airflow_env
from conftest import TIMINGS
from test_quick_start import SAMPLE_CUSTOMERS

DS = "2025-01-02"  # the local lake's score date: the day after the sample's last event
TRAINING_DS = "2024-08-01"  # the first ds with a test snapshot and two training snapshots before it
DAILY = ["ingest", "journeys", "features", "score", "gold", "report"]
TRAINING = ["feature_snapshots", "train"]


def task_states(home, dag_id):
    with sqlite3.connect(home / "airflow.db") as db:
        return dict(db.execute("select task_id, state from task_instance where dag_id = ?", (dag_id,)))


def airflow(work, sample, name, lake, ds, conf=None):
    """A fresh Airflow home with its database migrated, the day's files in landing/<ds>."""
    home, landing = work / f"airflow-{name}", work / f"landing-{name}"
    shutil.copytree(sample, landing / ds)
    env = airflow_env(home, lake, landing, conf=conf)
    ops.run_logged(["airflow", "db", "migrate"], work / f"airflow-{name}-db.log", timeout=300, env=env)
    return home, env


def test_daily_dag_runs_every_task_for_one_ds(work, quick_start):
    lake = work / "lake-airflow-daily"
    shutil.copytree(quick_start.lake, lake)
    # the quick start's inputs and configuration (conf/effortlens.yaml) for the day's files
    home, env = airflow(work, ops.SAMPLE, "daily", lake, DS)
    assert set(ops.read_table(lake / "runs")["command"]) == {"pipeline"}, "only the pipeline ran before"
    before = {t: len(ops.read_table(lake / t)) for t in ("interactions", "journeys", "customer_features")}
    started = time.monotonic()
    log = work / "airflow-dags-test-daily.log"
    try:
        ops.run_logged(["airflow", "dags", "test", "effortlens_daily", DS], log, timeout=2400, env=env)
    finally:
        TIMINGS["airflow dags test effortlens_daily"] = time.monotonic() - started
    states = task_states(home, "effortlens_daily")
    assert states == {task: "success" for task in DAILY}, f"{states}\n{ops.tail(log, 80)}"

    runs = ops.read_table(lake / "runs")
    succeeded = runs.loc[runs["status"] == "succeeded", "command"]
    assert sorted(succeeded) == sorted(DAILY + ["pipeline"]), f"one successful run per task: {list(succeeded)}"
    counts = dict(runs.loc[runs["command"] == "ingest", "row_counts"].iloc[0])
    read = sum(v for k, v in counts.items() if k.endswith(".read"))
    inserted = sum(v for k, v in counts.items() if k.endswith(".inserted"))
    assert read > 0 and inserted == 0, f"the day's files were ingested before, nothing is new: {counts}"
    features = ops.read_table(lake / "customer_features")
    day = features[features["as_of"].astype(str) == DS]
    assert 0 < len(day) <= SAMPLE_CUSTOMERS, "customers still active on ds have features as of ds"
    assert day["customer_id"].is_unique
    labels = ops.read_table(lake / "defection_labels")
    assert (labels["as_of"].astype(str) == DS).sum() == len(day), "one label per feature row"
    risk = ops.read_table(lake / "customer_risk")
    assert (risk["as_of"].astype(str) == DS).sum() == len(day), "every featured customer scored as of ds"
    assert (lake / "reports" / DS / "index.html").is_file(), "the report for ds"
    after = {t: len(ops.read_table(lake / t)) for t in before}
    assert after == before, "the DAG replaced ds's rows of the pipeline's lake, it did not add to them"

    # a rerun of the same ds (retry, clear or backfill) replaces its own output: same rows
    ops.run_logged(["airflow", "tasks", "test", "effortlens_daily", "features", DS],
                   work / "airflow-rerun-features.log", timeout=900, env=env)
    assert {t: len(ops.read_table(lake / t)) for t in before} == before
    rerun = ops.read_table(lake / "customer_features")
    pd.testing.assert_frame_equal(
        ops.comparable("customer_features", rerun[rerun["as_of"].astype(str) == DS]),
        ops.comparable("customer_features", day))


@pytest.mark.e2e
def test_training_dag_snapshots_and_trains_behind_the_gate(work, sample):
    lake = work / "lake-airflow-training"
    home, env = airflow(work, sample, "training", lake, TRAINING_DS, conf=ops.ci_conf(work / "conf-ci-training"))
    started = time.monotonic()
    for task in ("ingest", "journeys"):
        ops.run_logged(["airflow", "tasks", "test", "effortlens_daily", task, TRAINING_DS],
                       work / f"airflow-setup-{task}.log", timeout=900, env=env)
    log = work / "airflow-dags-test-training.log"
    try:
        ops.run_logged(["airflow", "dags", "test", "effortlens_training", TRAINING_DS], log,
                       timeout=2400, env=env)
    finally:
        TIMINGS["airflow setup and dags test effortlens_training"] = time.monotonic() - started
    states = task_states(home, "effortlens_training")
    assert states == {task: "success" for task in TRAINING}, f"{states}\n{ops.tail(log, 80)}"
    snapshots = set(ops.read_table(lake / "customer_features")["as_of"].astype(str))
    assert TRAINING_DS in snapshots and len(snapshots) >= 3, f"monthly snapshots up to ds: {snapshots}"
    registry = ops.read_table(lake / "model_registry")
    assert len(registry) == 1 and registry["is_current"].all(), f"the first model is published\n{registry}"
    assert (lake / "models" / registry["model_version"].iloc[0]).is_dir()
