"""A Spark standalone cluster (master + workers on 127.0.0.1, from the pyspark 3.5 package) for the
tests: the Airflow daily DAG submits its tasks to it (conftest.daily_dag)."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import effortlens_ops as ops

MASTER_PORT = 7077
START_TIMEOUT = 120
# The JVM options the tests add to the driver's and executors' of conf/spark/standalone.properties:
# C1-only JIT. The tests' tasks are short runs on a few thousand rows, where a third to a half of a
# JVM's CPU would go to the C2 compiler (bench/results/profile-fixed-cost-2026-12-07.md); a cluster
# of real data keeps the shipped file's tiered compilation, which its long tasks pay back.
TEST_JVM_OPTIONS = "-XX:TieredStopAtLevel=1"
JAVA_OPTION_KEYS = ("spark.driver.extraJavaOptions", "spark.executor.extraJavaOptions")


def ci_properties(shipped: Path, out: Path) -> Path:
    """`shipped` (a spark-submit --properties-file) with TEST_JVM_OPTIONS appended to the driver's
    and executors' extraJavaOptions (set when absent), every other line as it is; written to `out`."""
    lines, seen = [], set()
    for line in shipped.read_text().splitlines():
        key = line.split(None, 1)[0] if line.strip() and not line.startswith("#") else None
        if key in JAVA_OPTION_KEYS:
            line, seen = f"{line.rstrip()} {TEST_JVM_OPTIONS}", seen | {key}
        lines.append(line)
    lines += [f"{key}  {TEST_JVM_OPTIONS}" for key in JAVA_OPTION_KEYS if key not in seen]
    out.write_text("\n".join(lines) + "\n")
    return out


def free_port(preferred: int | None = None) -> int:
    for port in ([preferred] if preferred else []) + [0]:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return s.getsockname()[1]
    raise AssertionError("no free port")


@contextmanager
def standalone_cluster(work: Path, workers: int = 2):
    """Spark standalone master and workers (1 core, 2 GB each); always stopped on exit."""
    work.mkdir(parents=True, exist_ok=True)
    port, ui = free_port(MASTER_PORT), free_port()
    env = ops.spark_env({"SPARK_NO_DAEMONIZE": "1", "SPARK_LOG_DIR": str(work / "logs")})
    spark_class = str(ops.SPARK_HOME / "bin" / "spark-class")
    master_url = f"spark://127.0.0.1:{port}"
    commands = [[spark_class, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                 "--port", str(port), "--webui-port", str(ui)]]
    for i in range(workers):
        commands.append([spark_class, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
                         "--cores", "1", "--memory", "2g", "--webui-port", str(free_port()),
                         "--work-dir", str(work / f"worker-{i}"), master_url])
    processes = []
    try:
        for i, command in enumerate(commands):
            log = open(work / f"cluster-{i}.log", "wb")
            processes.append(subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env,
                                              start_new_session=True))
            if i == 0:
                wait_for(lambda: master_state(ui) is not None, "the master to start", work)
        wait_for(lambda: alive_workers(ui) == workers, f"{workers} workers to register", work)
        yield master_url, ui
    finally:
        for process in reversed(processes):
            stop(process)


def master_state(ui: int):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{ui}/json/", timeout=5) as response:
            return json.load(response)
    except OSError:
        return None


def alive_workers(ui: int) -> int:
    state = master_state(ui) or {}
    return sum(1 for w in state.get("workers", []) if w.get("state") == "ALIVE")


def wait_for(condition, what: str, work: Path):
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(1)
    logs = "\n".join(ops.tail(p, 20) for p in sorted(work.glob("cluster-*.log")))
    raise AssertionError(f"timed out waiting for {what}\n{logs}")


def stop(process: subprocess.Popen):
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
