"""DAG integrity: the DAG file imports, both DAGs have the expected tasks in order, schedules,
retry policy, and every task is a spark-submit of the app jar; exit code 3 fails without retry."""

from __future__ import annotations

import os
import subprocess
import sys
from types import SimpleNamespace

import pytest

import effortlens_ops as ops
from airflow_env import DAGS, airflow_env

DAILY = ["ingest", "journeys", "features", "score", "gold", "report"]
TRAINING = ["feature_snapshots", "train"]


@pytest.fixture(scope="module")
def dagbag(tmp_path_factory):
    home = tmp_path_factory.mktemp("airflow-home")
    os.environ.update(airflow_env(home, home / "lake", home / "landing"))
    from airflow.models import DagBag

    bag = DagBag(dag_folder=str(DAGS), include_examples=False)
    return bag


def test_dag_file_imports_without_errors(dagbag):
    assert dagbag.import_errors == {}
    assert set(dagbag.dag_ids) == {"effortlens_daily", "effortlens_training"}


def test_no_cycles_and_tasks_run_in_pipeline_order(dagbag):
    from airflow.utils.dag_cycle_tester import check_cycle

    for dag_id, order in [("effortlens_daily", DAILY), ("effortlens_training", TRAINING)]:
        dag = dagbag.dags[dag_id]
        check_cycle(dag)
        assert [t.task_id for t in dag.topological_sort()] == order
        for upstream, downstream in zip(order, order[1:]):
            assert dag.get_task(downstream).upstream_task_ids == {upstream}


def test_schedules_and_default_args(dagbag):
    daily, training = dagbag.dags["effortlens_daily"], dagbag.dags["effortlens_training"]
    assert daily.schedule_interval == "@daily"
    assert training.schedule_interval == "@monthly"
    for dag in (daily, training):
        assert dag.max_active_runs == 1, "runs of one lake must not overlap"
        assert not dag.catchup
        for task in dag.tasks:
            assert task.retries == 3
            assert task.retry_exponential_backoff
            assert task.retry_delay.total_seconds() == 300
            assert task._conn_id == "effortlens_spark"
            assert task._java_class == "io.effortlens.cli.Main"


def test_commands_follow_the_cli_contract(dagbag):
    daily = dagbag.dags["effortlens_daily"]
    args = {t.task_id: " ".join(t.application_args) for t in daily.tasks}
    for task_id in DAILY:
        assert "--lake {{ params.lake or var.value.effortlens_lake }}" in args[task_id]
    assert "ingest --source contact-center --input" in args["ingest"]
    assert "/{{ ds }}/contact_center" in args["ingest"]
    for task_id in ("features", "score", "gold", "report"):
        assert args[task_id].endswith(f"{task_id} --as-of {{{{ ds }}}}")
    training = dagbag.dags["effortlens_training"]
    assert " ".join(training.get_task("train").application_args).endswith("train --as-of {{ ds }}")


def test_a_properties_file_is_passed_only_when_set(dagbag):
    """The param (or Variable) effortlens_spark_properties becomes spark-submit --properties-file;
    unset, the operator passes an empty value, which the hook skips."""
    import copy

    properties = str(ops.REPO / "conf" / "spark" / "standalone.properties")
    for dag_id, task_id in (("effortlens_daily", "journeys"), ("effortlens_training", "train")):
        task = dagbag.dags[dag_id].get_task(task_id)
        unset, chosen = copy.deepcopy(task), copy.deepcopy(task)
        render(unset, "lake")
        render(chosen, "lake", {"spark_properties": properties})
        assert unset.properties_file == "" and chosen.properties_file == properties


def render(operator, lake, extra=None):
    context = {
        "params": {"jar": str(ops.app_jar()), "conf": str(ops.REPO / "conf" / "effortlens.yaml"),
                   "lake": str(lake), "landing": "", "history_start": "", "spark_properties": "",
                   **(extra or {})},
        "ds": "2024-07-01",
        "ds_nodash": "20240701",
        "ti": SimpleNamespace(task_id=operator.task_id),
        # Variables as Airflow's VariableAccessor gives them: none is set
        "var": SimpleNamespace(value=SimpleNamespace(get=lambda name, default=None: default)),
    }
    operator.render_template_fields(context)
    return context


def test_exit_code_3_fails_without_retry_and_others_retry(dagbag, tmp_path):
    """Real spark-submit runs: a quality-gate stop (exit 3) raises AirflowFailException (no retry);
    a usage error (exit 2) raises a plain AirflowException, which Airflow retries."""
    from airflow.exceptions import AirflowException, AirflowFailException

    sys.path.insert(0, str(DAGS))
    import effortlens as dag_module

    bad = ops.REPO / "data-samples" / "bad" / "contact-center-bad.jsonl"
    gate = dag_module.EffortLensSubmitOperator(
        task_id="gate", command=["ingest", "--source", "contact-center", "--input", str(bad)])
    with pytest.raises(AirflowFailException, match="exit code 3"):
        gate.execute(render(gate, tmp_path / "lake"))

    usage = dag_module.EffortLensSubmitOperator(task_id="usage", command=["features", "--as-of", "not-a-date"])
    with pytest.raises(AirflowException) as error:
        usage.execute(render(usage, tmp_path / "lake"))
    assert not isinstance(error.value, AirflowFailException)
    assert dag_module.exit_code(usage, error.value) == 2
