"""An isolated Airflow installation for tests: its own AIRFLOW_HOME and SQLite database, the repo's
DAG folder, the `effortlens_spark` connection and the effortlens_* Variables in the environment."""

from __future__ import annotations

import json
import os
from pathlib import Path

import effortlens_ops as ops

DAGS = ops.REPO / "airflow" / "dags"


def airflow_env(home: Path, lake: Path, landing: Path, master: str = "local[2]",
                conf: Path | None = None) -> dict:
    home.mkdir(parents=True, exist_ok=True)
    connection = {"conn_type": "spark", "host": master, "extra": {"spark-binary": "spark-submit"}}
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
            # spark-submit from the pyspark package, first on the PATH the Spark hook searches
            "PATH": f"{ops.SPARK_HOME / 'bin'}{os.pathsep}{Path(os.sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        }
    )
