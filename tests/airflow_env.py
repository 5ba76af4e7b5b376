"""An isolated Airflow installation for tests: its own AIRFLOW_HOME and SQLite database, the repo's
DAG folder, the `effortlens_spark` connection and the effortlens_* Variables in the environment."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from pathlib import Path

import effortlens_ops as ops

DAGS = ops.REPO / "airflow" / "dags"


def airflow_env(home: Path, lake: Path, landing: Path, master: str = "local[2]",
                conf: Path | None = None, properties: Path | None = None) -> dict:
    home.mkdir(parents=True, exist_ok=True)
    connection = {"conn_type": "spark", "host": master, "extra": {"spark-binary": "spark-submit"}}
    variables = {"AIRFLOW_VAR_EFFORTLENS_SPARK_PROPERTIES": str(properties)} if properties else {}
    return ops.spark_env(
        {
            "AIRFLOW_HOME": str(home),
            "AIRFLOW__CORE__DAGS_FOLDER": str(DAGS),
            "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
            "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{home / 'airflow.db'}",
            "AIRFLOW__CORE__EXECUTOR": "SequentialExecutor",
            "AIRFLOW__LOGGING__LOGGING_LEVEL": "INFO",
            "AIRFLOW_CONN_EFFORTLENS_SPARK": json.dumps(connection),
            "AIRFLOW_VAR_EFFORTLENS_JAR": str(ops.app_jar()),
            "AIRFLOW_VAR_EFFORTLENS_CONF": str(conf or ops.REPO / "conf" / "effortlens.yaml"),
            "AIRFLOW_VAR_EFFORTLENS_LAKE": str(lake),
            "AIRFLOW_VAR_EFFORTLENS_LANDING": str(landing),
            "AIRFLOW_VAR_EFFORTLENS_HISTORY_START": "2024-01-01",
            **variables,
            # spark-submit from the pyspark package, first on the PATH the Spark hook searches
            "PATH": f"{ops.SPARK_HOME / 'bin'}{os.pathsep}{Path(os.sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        }
    )


def airflow_home(work: Path, files: Path, name: str, lake: Path, ds: str, **settings) -> tuple[Path, dict]:
    """A fresh Airflow home with its database migrated, `files` as the day's files in
    landing/<ds>; `settings` go to airflow_env (master, conf, properties)."""
    home, landing = work / f"airflow-{name}", work / f"landing-{name}"
    shutil.copytree(files, landing / ds)
    env = airflow_env(home, lake, landing, **settings)
    ops.run_logged(["airflow", "db", "migrate"], work / f"airflow-{name}-db.log", timeout=300, env=env)
    return home, env


def task_states(home: Path, dag_id: str) -> dict[str, str]:
    with sqlite3.connect(home / "airflow.db") as db:
        return dict(db.execute("select task_id, state from task_instance where dag_id = ?", (dag_id,)))
