"""The notebooks execute with papermill against the end-to-end lake (`lake` parameter): no cell
fails and every chart cell shows an image. A notebook whose tables the pipeline does not produce yet
runs against a lake holding those tables in their contract schemas — but only while the CLI has no
command that writes them; once it has, the end-to-end lake must hold them."""

from __future__ import annotations

import os
import re
import subprocess
import time
from pathlib import Path

import nbformat
import papermill
import pytest

import effortlens_ops as ops
from conftest import TIMINGS
import contract_lake

NOTEBOOKS = ops.REPO / "notebooks"
# notebook -> (tables it reads, the command that writes them)
READS = {
    "01_explore_interactions_and_journeys.ipynb": ({"interactions", "journeys"}, "journeys"),
    "02_effort_versus_delight.ipynb": ({"model_registry", "driver_effects", "delight_effects"}, "train"),
    "03_customers_at_risk.ipynb": ({"customer_risk"}, "score"),
}


@pytest.fixture(scope="module")
def contract(tmp_path_factory):
    """Builds the contract-shaped lake on first use only."""
    built = {}

    def lake() -> Path:
        if "lake" not in built:
            built["lake"] = contract_lake.build(tmp_path_factory.mktemp("contract") / "lake")
        return built["lake"]

    return lake


@pytest.fixture(scope="module")
def cli_commands() -> str:
    result = subprocess.run(
        ["java", "-cp", f"{ops.app_jar()}:{ops.SPARK_HOME / 'jars'}/*", ops.MAIN_CLASS, "--help"],
        capture_output=True, text=True, timeout=120, env=ops.spark_env())
    return result.stdout + result.stderr


def test_notebooks_are_stored_without_outputs():
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        nbformat.validate(notebook)
        code = [c for c in notebook.cells if c.cell_type == "code"]
        assert all(not c.outputs and c.execution_count is None for c in code), path.name
        assert "parameters" in code[0].metadata.get("tags", []), f"{path.name}: papermill parameters cell first"
        assert code[0].source.splitlines()[1].startswith("lake = "), path.name
    assert sorted(p.name for p in NOTEBOOKS.glob("*.ipynb")) == sorted(READS)


@pytest.mark.parametrize("name", sorted(READS))
def test_notebook_executes_and_draws_every_chart(name, quick_start, cli_commands, contract, tmp_path):
    tables, command = READS[name]
    lake = quick_start.lake
    missing = tables - set(ops.delta_tables(lake))
    if missing:
        assert not re.search(rf"^  {command}\s", cli_commands, re.MULTILINE), (
            f"the CLI has '{command}' but the end-to-end lake lacks {sorted(missing)}: the pipeline"
            " must produce them")
        lake = contract()
    output = tmp_path / name
    os.environ.update({"SPARK_LOCAL_IP": "127.0.0.1", "TZ": "UTC"})  # inherited by the kernel
    started = time.monotonic()
    papermill.execute_notebook(
        str(NOTEBOOKS / name), str(output), parameters={"lake": str(lake), "delta_jars": str(ops.app_jar())},
        kernel_name="python3", cwd=str(tmp_path), progress_bar=False, execution_timeout=600)
    TIMINGS[f"notebook {name}"] = time.monotonic() - started
    executed = nbformat.read(output, as_version=4)
    charts = [c for c in executed.cells if c.cell_type == "code" and "plt.show()" in c.source]
    assert charts, "the notebook draws charts"
    for cell in charts:
        images = [o for o in cell.outputs if "image/png" in o.get("data", {})]
        assert images, f"{name}: no image from the chart cell\n{cell.source[:200]}"
    for cell in executed.cells:
        if cell.cell_type == "code":
            assert not [o for o in cell.outputs if o.output_type == "error"], name
