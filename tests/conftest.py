"""Session fixtures: ONE lake per test session, made by the README's quick start (`bin/effortlens
pipeline` on the bundled sample, from a user's folder, local mode), read by the quick-start checks,
the notebooks, and the Airflow daily DAG, which runs every task on a copy of it on a Spark standalone
cluster: the cluster comparison checks that the DAG's lake equals the quick start's.

The long runs the selected tests need (the quick start; after it the benchmark's smoke run) start
when the session starts, each in a thread, so that their Spark applications overlap: much of a Spark
run's wall time is driver latency (JVM start, planning, scheduling of small jobs), which another
application's tasks can fill. A test waits for the run it reads."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

import cluster
import effortlens_ops as ops
from airflow_env import airflow_home, task_states

# Customers kept from the bundled 3,000-customer sample for the training DAG's new lake (e2e tier).
CUSTOMERS = int(os.environ.get("EFFORTLENS_CI_CUSTOMERS", "600"))
TIMINGS: dict[str, float] = {}
QUICK_START_TIMEOUT = 2400  # seconds; measured 324 s alone on an idle machine
DAILY_DAG_TIMEOUT = 2400
DS = "2025-01-02"  # the quick start's score date: the day after the sample's last event


@dataclass(frozen=True)
class QuickStart:
    folder: Path  # the user's working folder the command ran in
    lake: Path  # folder/lakehouse, the default lake
    stdout: str  # what the command printed, its log lines included (stderr)


@pytest.fixture(scope="session")
def work(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("ops")


@pytest.fixture(scope="session")
def sample(work) -> Path:
    return ops.reduced_sample(work / "sample", CUSTOMERS)


def run_quick_start(folder: Path) -> QuickStart:
    """The README's first command as a user runs it: bin/effortlens from a foreign folder, no key.

    For local iterations on the Python tests only (CI never sets it), EFFORTLENS_TEST_QUICK_START
    names the folder of a finished quick start (its out.txt and lakehouse/) to read instead."""
    reused = os.environ.get("EFFORTLENS_TEST_QUICK_START")
    if reused:
        folder = Path(reused)
        return QuickStart(folder, folder / "lakehouse", (folder / "out.txt").read_text())
    folder.mkdir(parents=True)
    log = folder / "out.txt"  # the command's output and its log lines
    TIMINGS["quick start (bin/effortlens pipeline)"] = ops.run_logged(
        [str(ops.REPO / "bin" / "effortlens")] + ops.quick_start_args(), log,
        timeout=QUICK_START_TIMEOUT, env=ops.user_env(), cwd=folder)
    stdout = log.read_text()
    return QuickStart(folder, folder / "lakehouse", stdout)


def run_bench_smoke(work: Path) -> dict:
    """bench/run on a tiny generated input (about 3,000 interactions, one repeat) through the real
    CLI, DuckDB and featuretools, with the equality checks on."""
    started = time.monotonic()
    proc = subprocess.run(
        [str(ops.REPO / "bench" / "run"), "--sizes", "3k", "--repeats", "1",
         "--stages", "ingest,journeys,features", "--data", str(work / "data"),
         "--results", str(work / "results"), "--name", "smoke", "--sample", "1000"],
        capture_output=True, text=True, timeout=1800, cwd=ops.REPO)
    TIMINGS["bench smoke run"] = time.monotonic() - started
    return {"returncode": proc.returncode, "output": proc.stdout[-3000:] + proc.stderr[-3000:],
            "results": work / "results"}


STARTERS = {
    "quick_start": lambda work: run_quick_start(work / "user-folder"),
    "bench_smoke": lambda work: run_bench_smoke(work / "bench-smoke"),
}
# A run that starts when another has finished (failed or not): the bench smoke run, short and
# independent, waits for the quick start, which the most tests wait for, and then overlaps the
# Airflow DAG and the notebooks (CI of 2026-12-07: quick start 790 s while all three ran at once).
AFTER = {"bench_smoke": "quick_start"}


@pytest.fixture(scope="session", autouse=True)
def background(request, work) -> dict[str, Future]:
    """Starts the long runs whose fixtures the selected tests use, at once or after the run they follow."""
    needed = set()
    for item in request.session.items:
        needed.update(getattr(item, "fixturenames", ()))
    pool = ThreadPoolExecutor(max_workers=len(STARTERS), thread_name_prefix="run")
    runs: dict[str, Future] = {}
    for name, start in STARTERS.items():
        if name in needed:
            runs[name] = pool.submit(after_then, runs.get(AFTER.get(name, "")), start, work)
    yield runs
    pool.shutdown(wait=True, cancel_futures=True)


def after_then(before: Future | None, start, work: Path):
    if before is not None:
        before.exception()  # waits; the run's own test reports its failure
    return start(work)


@pytest.fixture(scope="session")
def quick_start(background) -> QuickStart:
    return background["quick_start"].result()


@dataclass(frozen=True)
class DailyDag:
    lake: Path  # a copy of the quick start's lake, after the DAG
    home: Path  # the Airflow home (task states in its database)
    log: Path  # the output of `airflow dags test`
    apps: list  # the Spark applications the cluster's master completed


@pytest.fixture(scope="session")
def daily_dag(work, quick_start, sample) -> DailyDag:
    """`airflow dags test effortlens_daily` for the quick start's score date, every task a
    spark-submit to a 2-worker standalone cluster with conf/spark/standalone.properties (its driver
    and executors C1-only: cluster.ci_properties), on a copy of the quick start's lake (a
    deployment with history and a published model), the day's files being
    the first CUSTOMERS customers of the bundled sample (all of them ingested before, as a day's
    redelivery would be). Every task reruns its stage for a ds whose output the quick start has
    written already (as a retry, clear or backfill of ds would): the cluster comparison's equality
    with the quick start's lake shows that each replaced its rows instead of adding to them."""
    lake = work / "lake-airflow-daily"
    shutil.copytree(quick_start.lake, lake)
    started = time.monotonic()
    with cluster.standalone_cluster(work / "cluster") as (master, ui):
        home, env = airflow_home(work, sample, "daily", lake, DS, master=master,
                                 properties=cluster.ci_properties(
                                     ops.REPO / "conf" / "spark" / "standalone.properties",
                                     work / "standalone-test.properties"))
        log = work / "airflow-dags-test-daily.log"
        try:
            ops.run_logged(["airflow", "dags", "test", "effortlens_daily", DS], log,
                           timeout=DAILY_DAG_TIMEOUT, env=env)
        finally:
            TIMINGS["airflow dags test effortlens_daily (standalone cluster)"] = time.monotonic() - started
        apps = (cluster.master_state(ui) or {}).get("completedapps", [])
    TIMINGS["daily DAG and cluster (start, run, stop)"] = time.monotonic() - started
    return DailyDag(lake, home, log, apps)


@pytest.fixture(scope="session")
def bench_smoke(background) -> dict:
    return background["bench_smoke"].result()


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "e2e: the Airflow training DAG on a new lake; deselected by default, run with"
        " mvn verify -Dpytest.select=e2e",
    )


def pytest_terminal_summary(terminalreporter):
    for name, seconds in TIMINGS.items():
        terminalreporter.write_line(f"timing: {name} {seconds:.0f}s")
