"""Helpers shared by the Python tests: the app jar, spark-submit, a reduced sample, lake reading.

Everything runs the real artefacts: the application jar from `mvn package`, Spark's own
`spark-submit` from the pyspark package (SPARK_HOME = the pyspark package folder), and Delta tables
read back with delta-rs (the `deltalake` package), independently of the JVM that wrote them.
"""

from __future__ import annotations

import csv
import gzip
import json
import os
import subprocess
import time
from pathlib import Path

import pandas as pd
import pyspark
from deltalake import DeltaTable

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "data-samples" / "sample"
MAIN_CLASS = "io.effortlens.cli.Main"
SPARK_HOME = Path(pyspark.__file__).resolve().parent

# Columns that hold when or by which run a row was written, not what the data says; they differ
# between any two runs and are left out of lake comparisons. Everything else must be equal.
RUN_COLUMNS = {
    "run_id",
    "ingested_at",
    "quarantined_at",
    "trained_at",
    "model_version",
    "previous_version",
    "model_path",
    "mlflow_run_id",
}
# In `runs` the start/end times and the arguments (lake path, master) are per run as well.
RUN_COLUMNS_BY_TABLE = {"runs": {"started_at", "ended_at", "arguments", "message"}}


# The fixed, non-secret key of the tests' runs with pseudonymisation (spark_env); real deployments
# set their own.
TEST_PSEUDONYM_KEY = "effortlens-ci-test-key-0001"


def pseudonym(customer_id: str, key: str = TEST_PSEUDONYM_KEY) -> str:
    """A customer's key as a run with `key` writes it: HMAC-SHA256 of the id, lower-case hex."""
    import hashlib
    import hmac

    return hmac.new(key.encode(), customer_id.encode(), hashlib.sha256).hexdigest()


def app_jar() -> Path:
    jars = sorted((REPO / "jobs" / "target").glob("effortlens-jobs-*-app.jar"))
    if not jars:
        raise AssertionError("no jobs/target/effortlens-jobs-*-app.jar: run `mvn -B -ntp package` first")
    return jars[-1]


def user_env() -> dict:
    """The environment of a user on a demo: no pseudonymisation key (the quick start passes
    --allow-raw-ids instead), UTC."""
    env = {k: v for k, v in os.environ.items() if k != "EFFORTLENS_PSEUDONYM_KEY"}
    env["TZ"] = "UTC"
    return env


def spark_env(extra: dict | None = None, pseudonym_key: bool = True) -> dict:
    """Environment of a spark-submit from the pyspark package; without `pseudonym_key` the run has
    no EFFORTLENS_PSEUDONYM_KEY (as the quick start, which passes --allow-raw-ids)."""
    env = user_env() if not pseudonym_key else dict(os.environ)
    env.update(
        {
            "SPARK_HOME": str(SPARK_HOME),
            "SPARK_LOCAL_IP": "127.0.0.1",
            "TZ": "UTC",
            "PYSPARK_PYTHON": str(Path(os.sys.executable)),
            # customer_risk and the gold tables key customers by a keyed pseudonym; a fixed test
            # key (not a secret) keeps runs comparable. Real deployments set their own.
        }
    )
    if pseudonym_key:
        env["EFFORTLENS_PSEUDONYM_KEY"] = os.environ.get("EFFORTLENS_PSEUDONYM_KEY", TEST_PSEUDONYM_KEY)
    env.update(extra or {})
    return env


def run_logged(command: list[str], log: Path, timeout: float, env: dict | None = None, cwd: Path | None = None) -> float:
    """Runs a command with output in `log`; fails with the log's tail on a non-zero exit."""
    started = time.monotonic()
    with open(log, "wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=cwd, start_new_session=True)
        try:
            code = process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, 9)
            process.wait()
            raise AssertionError(f"timed out after {timeout}s: {' '.join(command)}\n{tail(log)}")
    if code != 0:
        raise AssertionError(f"exit {code}: {' '.join(command)}\n{tail(log)}")
    return time.monotonic() - started


def tail(path: Path, lines: int = 60) -> str:
    text = path.read_text(errors="replace").splitlines()
    return "\n".join(text[-lines:])


# Settings that keep the end-to-end runs cheap on CI: 5 monthly training snapshots plus the score
# date (the fewest that train: a test snapshot and two training snapshots whose 90-day label horizon
# ends before it), few bootstrap rounds, one stability window. docs/operations.md "Run on a cluster" shows them.
CI_SETTINGS = [
    "pipeline.max-training-snapshots=5",
    "train.bootstrap-rounds=5",
    "train.stability-windows=1",
    "delight.bootstrap-rounds=20",
]


def ci_sets() -> list[str]:
    return [arg for setting in CI_SETTINGS for arg in ("--set", setting)]


def ci_conf(folder: Path) -> Path:
    """A copy of conf/ in `folder` whose effortlens.yaml has CI_SETTINGS applied, for runs that take
    a config file but no --set (the Airflow DAG passes only --conf). The copy is whole because a
    run reads sources/NAME.yaml and reasons.yaml beside its config file."""
    import shutil

    import yaml

    shutil.copytree(REPO / "conf", folder, dirs_exist_ok=True)
    out = folder / "effortlens.yaml"
    conf = yaml.safe_load(out.read_text())
    for setting in CI_SETTINGS:
        key, value = setting.split("=", 1)
        section, name = key.split(".", 1)
        conf[section][name] = yaml.safe_load(value)
    out.write_text(yaml.safe_dump(conf, sort_keys=False))
    return out


def quick_start_args(inputs: Path = SAMPLE) -> list[str]:
    """The README's first command after `bin/effortlens`: the pipeline on the bundled sample."""
    return [
        "pipeline", "--allow-raw-ids",
        "--source", "contact-center", "--input", str(inputs / "contact_center"),
        "--customers", str(inputs / "customers"),
        "--source", "web-events", "--input", str(inputs / "web_events"),
    ]


def reduced_sample(out: Path, customers: int) -> Path:
    """The bundled sample cut to its first `customers` customer ids, same files and formats."""
    ids = set()
    (out / "customers").mkdir(parents=True)
    with open(SAMPLE / "customers" / "part-00000.csv", newline="") as src, open(
        out / "customers" / "part-00000.csv", "w", newline=""
    ) as dst:
        reader, writer = csv.reader(src), csv.writer(dst, lineterminator="\n")
        writer.writerow(next(reader))
        for row in sorted(reader)[:customers]:
            ids.add(row[0])
            writer.writerow(row)
    (out / "contact_center").mkdir()
    with gzip.open(SAMPLE / "contact_center" / "part-00000.jsonl.gz", "rt") as src, gzip.open(
        out / "contact_center" / "part-00000.jsonl.gz", "wt"
    ) as dst:
        for line in src:
            if json.loads(line).get("cust_ref") in ids:
                dst.write(line)
    (out / "web_events").mkdir()
    with gzip.open(SAMPLE / "web_events" / "part-00000.csv.gz", "rt", newline="") as src, gzip.open(
        out / "web_events" / "part-00000.csv.gz", "wt", newline=""
    ) as dst:
        reader, writer = csv.reader(src), csv.writer(dst, lineterminator="\n")
        header = next(reader)
        writer.writerow(header)
        user = header.index("user_id")
        for row in reader:
            if row[user] in ids:
                writer.writerow(row)
    return out


def delta_tables(lake: Path) -> dict[str, Path]:
    """Every Delta table under the lake root, by its path relative to the root."""
    return {
        str(log.parent.relative_to(lake)): log.parent
        for log in sorted(lake.rglob("_delta_log"))
        if log.is_dir()
    }


def read_table(path: Path) -> pd.DataFrame:
    """A Delta table as pandas, with map columns as dicts (Arrow gives them as lists of key-value
    pairs in storage order, and the order of a map's entries means nothing)."""
    import pyarrow as pa

    table = DeltaTable(str(path)).to_pyarrow_table()
    frame = table.to_pandas()
    for field in table.schema:
        if pa.types.is_map(field.type):
            frame[field.name] = frame[field.name].map(lambda v: None if v is None else dict(v))
    return frame


def comparable(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """The frame without per-run columns, as sortable values, sorted on every column."""
    dropped = RUN_COLUMNS | RUN_COLUMNS_BY_TABLE.get(table, set())
    kept = frame.drop(columns=[c for c in frame.columns if c in dropped])
    kept = kept.apply(lambda column: column.map(_plain))
    ordered = sorted(kept.columns)
    kept = kept[ordered]
    exact = [c for c in ordered if kept[c].map(lambda v: not isinstance(v, float)).all()]
    # Exact columns first; float columns after them break ties (two rows of model_metrics that share
    # model, period and metric differ only in bin and value), rounded so that the tolerance of the
    # comparison does not reorder rows.
    keys = exact + [c for c in ordered if c not in exact]
    return kept.sort_values(by=keys, key=lambda s: s.map(_sort_key)).reset_index(drop=True)


def _sort_key(value) -> str:
    return f"{value:.5e}" if isinstance(value, float) else repr(value)


def _plain(value):
    """Lists, maps and structs from Arrow as plain, comparable Python values."""
    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, dict):
        return tuple(sorted((k, _plain(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return tuple(_plain(v) for v in value)
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    return value
