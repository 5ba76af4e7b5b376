"""Session fixtures: the reduced sample and ONE local-mode end-to-end lake, shared by the cluster
comparison, the daily Airflow DAG and the notebooks so the pipeline runs once in local mode per test
session."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

import effortlens_ops as ops

# Customers kept from the bundled 3,000-customer sample; EFFORTLENS_CI_CUSTOMERS=3000 runs it all.
CUSTOMERS = int(os.environ.get("EFFORTLENS_CI_CUSTOMERS", "600"))
TIMINGS: dict[str, float] = {}


@pytest.fixture(scope="session")
def work(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("ops")


@pytest.fixture(scope="session")
def sample(work) -> Path:
    return ops.reduced_sample(work / "sample", CUSTOMERS)


@pytest.fixture(scope="session")
def local_lake(work, sample) -> Path:
    """`pipeline` through spark-submit --master local[2]: the end-to-end lake every check reads."""
    lake = work / "lake-local"
    seconds = ops.run_logged(
        ops.submit_command("local[2]", lake, ops.pipeline_args(sample)),
        work / "pipeline-local.log",
        timeout=2400,  # measured: >1200 s on 2 cores shared with two other builds
        env=ops.spark_env(),
    )
    TIMINGS["pipeline local[2]"] = seconds
    return lake


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "e2e: the Airflow training DAG on a new lake; deselected by default, run with"
        " mvn verify -Dpytest.select=e2e",
    )


def pytest_terminal_summary(terminalreporter):
    for name, seconds in TIMINGS.items():
        terminalreporter.write_line(f"timing: {name} {seconds:.0f}s")
