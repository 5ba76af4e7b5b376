"""EffortLens on Airflow: a daily DAG (ingest the day's files -> journeys -> features -> score ->
gold -> report, all as of `ds`) and a monthly training DAG (monthly feature snapshots -> train with
the model-regression gate).

Every task is a SparkSubmitOperator running the application jar (`io.effortlens.cli.Main`) through
the Airflow connection `effortlens_spark` (its host is the master: yarn, k8s://..., spark://...,
local[*]). The jar, config file, lake and landing folder come from the DAG params when a run sets
them, else from these Airflow Variables:

    effortlens_jar      the application jar (effortlens-jobs-<version>-app.jar)
    effortlens_conf     conf/effortlens.yaml as the driver sees it, with sources/ and
                        reasons.yaml beside it (the conf/ folder as shipped)
    effortlens_lake     lake root: a folder or s3a://, abfss://, gs:// URI
    effortlens_landing  root of the day's files: <landing>/<ds>/{contact_center,web_events,customers}
    effortlens_history_start  first snapshot date for training (e.g. 2024-01-01)
    effortlens_spark_properties  optional: a spark-submit --properties-file for the cluster, e.g.
                        conf/spark/standalone.properties or emr.properties (unset: none)

Reruns and backfills of a `ds` are idempotent: ingest MERGEs, and every later step replaces its own
`as_of` partition. Exit code 3 (data-quality gate or model-regression gate) fails the task at once,
without retries; any other failure retries with exponential backoff.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from airflow import DAG
from airflow.exceptions import AirflowException, AirflowFailException
from airflow.models.param import Param
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

MAIN_CLASS = "io.effortlens.cli.Main"
SPARK_CONN_ID = "effortlens_spark"
QUALITY_GATE_EXIT_CODE = 3
_EXIT_CODE = re.compile(r"(?:Error code is|exit code)\W+(\d+)", re.IGNORECASE)


def setting(name: str) -> str:
    """Template for a setting: the run's param when set, else the Airflow Variable."""
    return "{{ params.%s or var.value.effortlens_%s }}" % (name, name)


def optional_setting(name: str) -> str:
    """Template for an optional setting: the run's param, else the Variable, else empty."""
    return "{{ params.%s or var.value.get('effortlens_%s', '') }}" % (name, name)


class EffortLensSubmitOperator(SparkSubmitOperator):
    """spark-submit of one effortlens command; exit code 3 is a gate, not a transient failure."""

    def __init__(self, *, command: list[str], **kwargs):
        super().__init__(
            application=setting("jar"),
            java_class=MAIN_CLASS,
            conn_id=SPARK_CONN_ID,
            name="effortlens-{{ ti.task_id }}-{{ ds_nodash }}",
            application_args=["--conf", setting("conf"), "--lake", setting("lake"), *command],
            properties_file=optional_setting("spark_properties"),
            **kwargs,
        )

    def execute(self, context):
        try:
            return super().execute(context)
        except AirflowException as error:
            if exit_code(self, error) == QUALITY_GATE_EXIT_CODE:
                raise AirflowFailException(
                    f"effortlens {self.task_id} stopped at a gate (exit code 3): a data-quality or"
                    " model-regression check failed, so retrying cannot help. Inspect the runs and"
                    " quality_results tables for this run, fix the data, then clear the task."
                ) from error
            raise


def exit_code(operator: SparkSubmitOperator, error: Exception) -> int | None:
    """spark-submit's exit code: from the hook's process, else from the hook's error message."""
    process = getattr(getattr(operator, "_hook", None), "_submit_sp", None)
    if process is not None and process.returncode is not None:
        return process.returncode
    match = _EXIT_CODE.search(str(error))
    return int(match.group(1)) if match else None


DEFAULT_ARGS = {
    "owner": "effortlens",
    "depends_on_past": False,
    "retries": 3,
    "retry_delay": timedelta(minutes=5),
    "retry_exponential_backoff": True,
    "max_retry_delay": timedelta(hours=1),
    "execution_timeout": timedelta(hours=6),
}

PARAMS = {
    name: Param("", type="string", description=f"Overrides the Variable effortlens_{name}")
    for name in ("jar", "conf", "lake", "landing", "history_start", "spark_properties")
}

DAY = "{{ ds }}"
LANDING_DAY = setting("landing") + "/" + DAY

with DAG(
    dag_id="effortlens_daily",
    description="Ingest the day's files, rebuild journeys, features, risk, gold tables and report as of ds",
    schedule="@daily",
    start_date=datetime(2024, 1, 1),
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    params=PARAMS,
    tags=["effortlens"],
) as daily:
    ingest = EffortLensSubmitOperator(
        task_id="ingest",
        command=[
            "ingest",
            "--source", "contact-center", "--input", LANDING_DAY + "/contact_center",
            "--customers", LANDING_DAY + "/customers",
            "--source", "web-events", "--input", LANDING_DAY + "/web_events",
        ],
    )
    journeys = EffortLensSubmitOperator(task_id="journeys", command=["journeys"])
    features = EffortLensSubmitOperator(task_id="features", command=["features", "--as-of", DAY])
    score = EffortLensSubmitOperator(task_id="score", command=["score", "--as-of", DAY])
    gold = EffortLensSubmitOperator(task_id="gold", command=["gold", "--as-of", DAY])
    report = EffortLensSubmitOperator(task_id="report", command=["report", "--as-of", DAY])
    ingest >> journeys >> features >> score >> gold >> report

with DAG(
    dag_id="effortlens_training",
    description="Monthly feature snapshots from history_start to ds, then train behind the regression gate",
    schedule="@monthly",
    start_date=datetime(2024, 1, 1),
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    params=PARAMS,
    tags=["effortlens"],
) as training:
    snapshots = EffortLensSubmitOperator(
        task_id="feature_snapshots",
        command=["features", "--snapshots", "monthly", "--from", setting("history_start"), "--to", DAY],
    )
    train = EffortLensSubmitOperator(task_id="train", command=["train", "--as-of", DAY])
    snapshots >> train
