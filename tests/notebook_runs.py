"""Executes the notebooks with papermill against a lake (`lake` parameter), each into its own
output file: used by the session's background run of the notebooks on the quick start's lake
(conftest) and by test_notebooks for a contract-shaped lake."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

import papermill

import effortlens_ops as ops

NOTEBOOKS = ops.REPO / "notebooks"
# notebook -> (tables it reads, the command that writes them)
READS = {
    "01_explore_interactions_and_journeys.ipynb": ({"interactions", "journeys"}, "journeys"),
    "02_effort_versus_delight.ipynb": ({"model_registry", "driver_effects", "delight_effects"}, "train"),
    "03_customers_at_risk.ipynb": ({"customer_risk"}, "score"),
}


@dataclass(frozen=True)
class Run:
    output: Path | None  # the executed notebook
    seconds: float
    error: BaseException | None  # what papermill raised (a failing cell), or None


def execute(name: str, lake: Path, folder: Path) -> Path:
    """Runs notebook `name` on `lake` with the working directory `folder`; returns the output."""
    folder.mkdir(parents=True, exist_ok=True)
    output = folder / name
    os.environ.update({"SPARK_LOCAL_IP": "127.0.0.1", "TZ": "UTC"})  # inherited by the kernel
    papermill.execute_notebook(
        str(NOTEBOOKS / name), str(output), parameters={"lake": str(lake), "delta_jars": str(ops.app_jar())},
        kernel_name="python3", cwd=str(folder), progress_bar=False, execution_timeout=600)
    return output


def execute_all(lake: Path, folder: Path) -> dict[str, Run]:
    """Every notebook whose tables `lake` holds, one after the other; a failure is kept, not raised."""
    present = set(ops.delta_tables(lake))
    runs = {}
    for name, (tables, _) in sorted(READS.items()):
        if not tables <= present:
            continue
        started = time.monotonic()
        try:
            runs[name] = Run(execute(name, lake, folder / name.removesuffix(".ipynb")),
                             time.monotonic() - started, None)
        except Exception as error:  # noqa: BLE001 - reported by the notebook's own test
            runs[name] = Run(None, time.monotonic() - started, error)
    return runs
