"""The benchmark harness (bench/run, issue #7) keeps working: a smoke run on a tiny generated input
(about 3,000 interactions, one repeat) through the real CLI, DuckDB and featuretools, with the
equality checks on (started with the session's other long runs: conftest.run_bench_smoke); plus the
harness's own arithmetic on inline figures."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

HOME = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(HOME / "bench"))

import featuretools_peer  # noqa: E402
import harness  # noqa: E402
import report  # noqa: E402
import sparkstats  # noqa: E402


def test_smoke_run_measures_every_system_and_finds_duckdb_equal_to_spark(bench_smoke):
    assert bench_smoke["returncode"] == 0, bench_smoke["output"]
    results = bench_smoke["results"]
    result = json.loads((results / "smoke.json").read_text())
    measured = {(s["system"], s["stage"]) for s in result["summary"]}
    assert measured == {("spark", "ingest"), ("spark", "journeys"), ("spark", "features"),
                        ("duckdb", "journeys"), ("duckdb", "features"),
                        ("featuretools", "features")}
    duck = next(r["check"] for r in result["runs"] if r["system"] == "duckdb")
    assert duck["checked_customers_with_journeys"] > 0 and duck["checked_journeys"] > 0, duck
    assert duck["feature_differences"] == 0 and duck["journey_differences"] == 0, duck
    spark = {r["stage"]: r for r in result["runs"] if r["system"] == "spark"}
    assert spark["ingest"]["output_rows"] > 2000, spark["ingest"]
    assert spark["journeys"]["output_rows"] == duck["journeys_rows"]
    assert all(spark[s]["peak_heap_bytes"] > 0 for s in spark), spark
    assert spark["journeys"]["shuffle_write_bytes"] > 0
    assert (results / "smoke.png").stat().st_size > 0
    assert "| spark | features |" in (results / "smoke.md").read_text()


def test_featuretools_differences_name_the_customer_and_column():
    import pandas as pd
    actual = pd.DataFrame({"journeys_30d": [1, 2]}, index=pd.Index(["a", "b"], name="customer_id"))
    expected = pd.DataFrame({"customer_id": ["a", "b"], "journeys_30d": [1, 3]})
    assert featuretools_peer.differences(actual, expected) == [("b", "journeys_30d", 2, 3)]


def test_scaling_exponent_is_the_log_log_slope_of_the_medians():
    runs = [{"target_rows": n, "size": str(n), "system": "spark", "stage": "journeys",
             "seconds": s, "input_rows": n} for n, s in ((1000, 10.0), (1000, 30.0),
                                                          (1000, 20.0), (10000, 200.0))]
    summary = report.summarize(runs)
    assert [s["median_s"] for s in summary] == [20.0, 200.0]
    assert report.scaling(summary)[0]["exponent"] == pytest.approx(1.0)


def test_spark_figures_come_from_task_end_and_stage_metrics(tmp_path):
    events = [
        {"Event": "SparkListenerTaskEnd", "Task Executor Metrics": {"JVMHeapMemory": 100},
         "Task Metrics": {"Shuffle Write Metrics": {"Shuffle Bytes Written": 7}}},
        {"Event": "SparkListenerTaskEnd", "Task Executor Metrics": {"JVMHeapMemory": 50},
         "Task Metrics": {"Shuffle Write Metrics": {"Shuffle Bytes Written": 5}}},
        {"Event": "SparkListenerStageExecutorMetrics", "Executor Metrics": {"JVMHeapMemory": 300}},
    ]
    (tmp_path / "local-1").write_text("\n".join(json.dumps(e) for e in events) + "\n")
    assert sparkstats.read(tmp_path) == {"peak_heap_bytes": 300, "shuffle_write_bytes": 12,
                                         "tasks": 2, "applications": 1}


def test_a_peer_that_fails_with_no_difference_is_a_failure_with_its_exit_code_and_log(tmp_path):
    """A peer's report with 0 differences never turns a crash into "numbers differ": the failure
    says the exit code and the log's last lines (the CI run of a2c34f0 said only "differ")."""
    (tmp_path / "same.json").write_text(json.dumps({"differences": 0}))
    (tmp_path / "other.json").write_text(json.dumps({"feature_differences": 0,
                                                     "journey_differences": 2}))
    assert not harness.differs(tmp_path / "same.json", ("differences",))
    assert harness.differs(tmp_path / "other.json", ("feature_differences", "journey_differences"))
    assert not harness.differs(tmp_path / "missing.json", ("differences",))
    with pytest.raises(harness.CommandFailed) as failed:
        harness.run([sys.executable, "-c", "import sys; print('peer broke here', file=sys.stderr);"
                     " sys.exit(7)"], tmp_path / "peer.log")
    assert failed.value.returncode == 7
    assert "exited 7" in str(failed.value) and "peer broke here" in str(failed.value)
