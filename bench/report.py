"""Results of a benchmark run: <name>.json (every measurement), <name>.md (median and spread per
size, system and stage, scaling exponents) and <name>.png (seconds vs input rows, log-log)."""

import datetime as dt
import json
import math
import os
import platform
import statistics
from collections import defaultdict
from pathlib import Path


def machine():
    """Cores, memory and load of this machine when the run starts."""
    memory = None
    with open("/proc/meminfo", encoding="utf-8") as info:
        for line in info:
            if line.startswith("MemTotal:"):
                memory = round(int(line.split()[1]) / 2**20, 1)
    return {"cores": os.cpu_count(), "memory_gib": memory, "platform": platform.platform(),
            "python": platform.python_version(), "load_average_start": os.getloadavg(),
            "started_utc": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M:%S"),
            "driver_memory": os.environ.get("EFFORTLENS_DRIVER_MEMORY", "4g")}


def summarize(runs):
    """One row per (size, system, stage): median, min, max seconds, rows/s and Spark figures."""
    groups = defaultdict(list)
    for r in runs:
        groups[(r["target_rows"], r["system"], r["stage"])].append(r)
    rows = []
    for (target, system, stage), rs in sorted(groups.items()):
        seconds = [r["seconds"] for r in rs]
        median = statistics.median(seconds)
        input_rows = statistics.median(r["input_rows"] for r in rs)
        rows.append({
            "size": rs[0]["size"], "target_rows": target, "input_rows": int(input_rows),
            "system": system, "stage": stage, "repeats": len(rs), "median_s": median,
            "min_s": min(seconds), "max_s": max(seconds),
            "rows_per_s": input_rows / median if median > 0 else None,
            "peak_heap_mb": _max_of(rs, "peak_heap_bytes", 2**20),
            "shuffle_mb": _max_of(rs, "shuffle_write_bytes", 2**20),
            "output_rows": rs[0].get("output_rows"),
        })
    return rows


def scaling(summary):
    """Log-log slope of median seconds against input rows between consecutive sizes."""
    lines = defaultdict(list)
    for s in summary:
        lines[(s["system"], s["stage"])].append(s)
    out = []
    for (system, stage), points in sorted(lines.items()):
        points.sort(key=lambda p: p["input_rows"])
        for a, b in zip(points, points[1:]):
            if a["median_s"] > 0 and b["median_s"] > 0 and b["input_rows"] > a["input_rows"]:
                slope = math.log(b["median_s"] / a["median_s"]) / math.log(
                    b["input_rows"] / a["input_rows"])
                out.append({"system": system, "stage": stage, "from": a["size"], "to": b["size"],
                            "exponent": slope})
    return out


def write(folder, name, runs, machine_info, settings):
    folder.mkdir(parents=True, exist_ok=True)
    summary = summarize(runs)
    slopes = scaling(summary)
    paths = [folder / f"{name}.json", folder / f"{name}.md", folder / f"{name}.png"]
    paths[0].write_text(json.dumps({"machine": machine_info, "settings": settings,
                                    "summary": summary, "scaling": slopes, "runs": runs},
                                   indent=1, default=str), encoding="utf-8")
    paths[1].write_text(markdown(name, summary, slopes, machine_info, settings), encoding="utf-8")
    chart(paths[2], summary)
    return paths


def markdown(name, summary, slopes, m, settings):
    lines = [
        f"# Benchmark {name}",
        "",
        f"Machine: {m['cores']} cores, {m['memory_gib']} GiB, {m['platform']}; driver heap "
        f"{m['driver_memory']}; load average at start {_load(m['load_average_start'])}, at end "
        f"{_load(m.get('load_average_end'))} (other processes on the machine slow every figure).",
        f"Started {m['started_utc']} UTC, {m.get('total_seconds')} s in all. Settings: sizes "
        f"{settings['sizes']}, {settings['repeats']} repeat(s), {settings['months']} months, seed "
        f"{settings['seed']}, stages {','.join(settings['stages'])}, systems "
        f"{','.join(settings['systems'])}.",
        "",
        "Spark seconds are wall seconds of the whole CLI command (JVM and Spark start included); "
        "DuckDB and featuretools seconds are the queries alone, timed in their process (input "
        "read included). rows/s is the size's interaction rows divided by the median. Spark's peak heap and shuffle bytes "
        "come from the event log (largest over repeats). DuckDB and featuretools compute the "
        "compared subset only (journeys_, repeat_contacts_, transfers_, channel_switches_ over "
        "30 and 90 days); Spark's journeys and features stages compute and write every column.",
        "",
        "| size | input rows | system | stage | repeats | median s | min-max s | rows/s "
        "| peak heap MB | shuffle MB | output rows |",
        "|---|---:|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for s in summary:
        lines.append(
            f"| {s['size']} | {s['input_rows']:,} | {s['system']} | {s['stage']} | {s['repeats']} "
            f"| {s['median_s']:.2f} | {s['min_s']:.2f}-{s['max_s']:.2f} "
            f"| {_num(s['rows_per_s'], '{:,.0f}')} | {_num(s['peak_heap_mb'], '{:,.0f}')} "
            f"| {_num(s['shuffle_mb'], '{:,.1f}')} | {_num(s['output_rows'], '{:,}')} |")
    lines += ["", "## Scaling exponents (log-log slope of median seconds vs input rows)", ""]
    if slopes:
        lines += ["| system | stage | from | to | exponent |", "|---|---|---|---|---:|"]
        lines += [f"| {s['system']} | {s['stage']} | {s['from']} | {s['to']} | "
                  f"{s['exponent']:.2f} |" for s in slopes]
    else:
        lines.append("One size only: no exponent.")
    return "\n".join(lines) + "\n"


def chart(path, summary):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    lines = defaultdict(list)
    for s in summary:
        lines[f"{s['system']} {s['stage']}"].append((s["input_rows"], s["median_s"]))
    fig, ax = plt.subplots(figsize=(8, 5.5))
    for name, points in sorted(lines.items()):
        points.sort()
        ax.plot([p[0] for p in points], [p[1] for p in points], marker="o", label=name)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("interaction rows")
    ax.set_ylabel("median wall seconds")
    ax.set_title(f"EffortLens benchmark: seconds vs rows ({path.stem})")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=7, ncol=2)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def _max_of(rs, key, scale):
    values = [r[key] for r in rs if r.get(key) is not None]
    return max(values) / scale if values else None


def _num(value, fmt):
    return "-" if value is None else fmt.format(value)


def _load(load):
    return "-" if load is None else ", ".join(f"{x:.1f}" for x in load)
