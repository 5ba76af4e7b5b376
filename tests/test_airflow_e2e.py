"""`airflow dags test` of both DAGs: every task spark-submits the app jar, every task succeeds, and
the lake holds that ds's results; rerunning tasks of the same ds changes nothing.

- The daily DAG runs in every build (conftest.daily_dag): on a copy of the quick start's lake (a
  deployment that has history and a published model), every task submitted to a Spark standalone
  cluster, for the score date of that lake, the day after the sample's last event, the day's files
  being the first 600 customers of the bundled sample: ingest reads their records again and inserts
  none (the MERGE finds them all: a redelivery adds nothing), journeys, features, score, gold and
  report replace the rows the quick start wrote for ds (test_cluster: the whole lake then equals
  the quick start's).
- The training DAG (monthly snapshots, then train behind the regression gate) runs on a new lake
  set up by the daily DAG's ingest and journeys tasks, in local mode. It is marked e2e (about 6 min
  on 2 cores) and runs with -Dpytest.select=e2e. The config file (Variable effortlens_conf) is a
  copy of conf/ whose effortlens.yaml has the CI settings of effortlens_ops.CI_SETTINGS; the landing
  folder for ds holds the reduced sample."""

from __future__ import annotations

import pytest

import time

import effortlens_ops as ops
from airflow_env import airflow_home, task_states
from conftest import DS, TIMINGS
from test_quick_start import SAMPLE_CUSTOMERS

TRAINING_DS = "2024-08-01"  # the first ds with a test snapshot and two training snapshots before it
DAILY = ["ingest", "journeys", "features", "score", "gold", "report"]
TRAINING = ["feature_snapshots", "train"]


def test_daily_dag_runs_every_task_for_one_ds(quick_start, daily_dag):
    lake = daily_dag.lake
    states = task_states(daily_dag.home, "effortlens_daily")
    assert states == {task: "success" for task in DAILY}, f"{states}\n{ops.tail(daily_dag.log, 80)}"
    text = daily_dag.log.read_text()
    assert "stage=features-write" in text and "stage=score" in text, "the tasks' stage lines"
    assert " INFO DAGScheduler:" not in text, \
        "spark-submit logs as bin/effortlens does (cli.CliLogging), not Spark's every event at INFO"

    runs = ops.read_table(lake / "runs")
    succeeded = runs.loc[runs["status"] == "succeeded", "command"]
    assert sorted(succeeded) == sorted(DAILY + ["pipeline"]), \
        f"one successful run per task and the quick start's: {list(succeeded)}"
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
    for name in ("interactions", "journeys", "customer_features"):
        assert len(ops.read_table(lake / name)) == len(ops.read_table(quick_start.lake / name)), \
            f"{name}: the DAG replaced ds's rows of the pipeline's lake, it did not add to them"


@pytest.mark.e2e
def test_training_dag_snapshots_and_trains_behind_the_gate(work, sample):
    lake = work / "lake-airflow-training"
    home, env = airflow_home(work, sample, "training", lake, TRAINING_DS,
                             conf=ops.ci_conf(work / "conf-ci-training"))
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
