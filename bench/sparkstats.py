"""Figures of one Spark application from its event log (spark.eventLog.enabled=true).

Peak heap: the largest JVMHeapMemory of the executor metrics that Spark records per task
(SparkListenerTaskEnd "Task Executor Metrics") and per stage (SparkListenerStageExecutorMetrics,
with spark.eventLog.logStageExecutorMetrics=true). On local Spark the driver is the only executor,
so this is the driver's peak used heap (garbage included, as the JVM reports it).
Shuffle bytes: the sum of "Shuffle Bytes Written" over all finished tasks.
"""

import json
from pathlib import Path


def read(event_dir):
    """{'peak_heap_bytes', 'shuffle_write_bytes', 'tasks', 'applications'} of every log in a folder."""
    logs = [p for p in Path(event_dir).iterdir() if p.is_file() and not p.name.startswith(".")]
    if not logs:
        raise RuntimeError(
            f"Cannot read Spark metrics: no event log in {event_dir} "
            "(was spark.eventLog.enabled passed with --set?)")
    stats = {"peak_heap_bytes": 0, "shuffle_write_bytes": 0, "tasks": 0, "applications": len(logs)}
    for log in logs:
        with open(log, encoding="utf-8") as lines:
            for line in lines:
                _add(stats, json.loads(line))
    return stats


def _add(stats, event):
    kind = event.get("Event")
    if kind == "SparkListenerTaskEnd":
        stats["tasks"] += 1
        heap = (event.get("Task Executor Metrics") or {}).get("JVMHeapMemory", 0)
        stats["peak_heap_bytes"] = max(stats["peak_heap_bytes"], heap)
        shuffle = (event.get("Task Metrics") or {}).get("Shuffle Write Metrics") or {}
        stats["shuffle_write_bytes"] += shuffle.get("Shuffle Bytes Written", 0)
    elif kind == "SparkListenerStageExecutorMetrics":
        heap = (event.get("Executor Metrics") or {}).get("JVMHeapMemory", 0)
        stats["peak_heap_bytes"] = max(stats["peak_heap_bytes"], heap)


def conf_args(event_dir):
    """The CLI's --set options that make a command write its event log into event_dir."""
    return [
        "--set", "spark.eventLog.enabled=true",
        "--set", f"spark.eventLog.dir={Path(event_dir).resolve().as_uri()}",
        "--set", "spark.eventLog.logStageExecutorMetrics=true",
        # Without polling, a task's heap peak is only what the last heartbeat (every 10 s) saw, so
        # a command whose tasks all end between two heartbeats recorded a peak of 0 (CI smoke run).
        "--set", "spark.executor.metrics.pollingInterval=100ms",
        "--set", "spark.executor.heartbeatInterval=1s",
    ]
