"""EffortLens benchmark harness (issue #7): run with bench/run, see docs/performance.md.

For each size: generate the interaction logs once (Parquet, reused), then per repeat, in a fresh
lake, run each Spark stage through the real CLI with its event log on (wall seconds, rows/s,
peak driver heap, shuffle bytes, output rows from the `runs` table), the DuckDB peer on the same
lake (journeys + window features as SQL, checked equal to Spark's on a sample) and, up to
--featuretools-max-rows, the featuretools peer (checked equal to DuckDB's). Writes
<results>/<name>.json, <name>.md and <name>.png. Exit 0 when every stage ran and every check was
equal, 1 when a command failed, 3 when a peer's numbers differ from Spark's.
"""

import argparse
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
HOME = HERE.parent
sys.path.insert(0, str(HERE))

import report  # noqa: E402
import sparkstats  # noqa: E402

# From this many input rows the benchmark runs every command with the JVM's tiered compilation (C1
# then C2): the tasks' C2 code then saves more CPU than C2 costs, which at the sample's 261k rows
# only train's does (bench/results/profile-fixed-cost-2026-12-07.md).
TIERED_FROM_ROWS = 1_000_000
STAGES = ("ingest", "journeys", "features", "train", "score", "pipeline")
SYSTEMS = ("spark", "duckdb", "featuretools")
ROWS_PER_CUSTOMER_MONTH = 8  # what the generator makes on average (docs/operations.md, synthetic data)
START = dt.date(2024, 1, 1)  # the generator's default --start
HORIZON_DAYS = 90  # labels.horizon-days default: training snapshots need it observed
EXIT_FAILED, EXIT_DIFFERENT = 1, 3


class CommandFailed(RuntimeError):
    """A CLI, DuckDB or featuretools command exited non-zero."""

    def __init__(self, message, returncode):
        super().__init__(message)
        self.returncode = returncode


class NumbersDiffer(RuntimeError):
    """A peer's numbers differ from the reference (the check failed)."""


def parse_size(text):
    """'50k' -> 50000, '1M' -> 1000000, '2500' -> 2500."""
    match = re.fullmatch(r"(\d+(?:\.\d+)?)([kKmM]?)", text.strip())
    if not match:
        raise argparse.ArgumentTypeError(f"Cannot parse size '{text}': use e.g. 3k, 1M, 10M")
    scale = {"": 1, "k": 1_000, "m": 1_000_000}[match.group(2).lower()]
    return int(float(match.group(1)) * scale)


def label(rows):
    return f"{rows // 1_000_000}M" if rows % 1_000_000 == 0 else (
        f"{rows // 1000}k" if rows % 1000 == 0 else str(rows))


def options(argv):
    p = argparse.ArgumentParser(prog="bench/run", description=__doc__.splitlines()[0])
    p.add_argument("--sizes", default="1M,10M",
                   help="interaction rows per size, comma-separated (default 1M,10M)")
    p.add_argument("--repeats", type=int, default=3, help="runs per size (default 3)")
    p.add_argument("--stages", default=",".join(STAGES),
                   help=f"Spark stages to measure (default {','.join(STAGES)}); "
                        "ingest, journeys and features always run, they make the peers' input")
    p.add_argument("--systems", default=",".join(SYSTEMS),
                   help=f"systems (default {','.join(SYSTEMS)})")
    p.add_argument("--months", type=int, default=12, help="months of logs per size (default 12)")
    p.add_argument("--seed", type=int, default=7, help="generator seed (default 7)")
    p.add_argument("--data", default=os.environ.get("EFFORTLENS_BENCH_DATA", "bench-data"),
                   help="folder of generated inputs and run lakes "
                        "(default $EFFORTLENS_BENCH_DATA, else ./bench-data)")
    p.add_argument("--results", default=str(HERE / "results"),
                   help="folder of the .md/.png/.json results (default bench/results)")
    p.add_argument("--name", default=None, help="results name (default bench-<UTC date>)")
    p.add_argument("--sample", type=int, default=1000,
                   help="customers compared between DuckDB and Spark (default 1000)")
    p.add_argument("--featuretools-max-rows", type=parse_size, default=parse_size("1M"),
                   help="run featuretools on sizes up to this many rows (default 1M)")
    p.add_argument("--keep-lakes", action="store_true", help="keep every repeat's lake")
    args = p.parse_args(argv)
    args.sizes = sorted(parse_size(s) for s in args.sizes.split(","))
    asked = set(args.stages.split(",")) | set(args.systems.split(","))
    unknown = asked - set(STAGES) - set(SYSTEMS)
    args.stages = [s for s in STAGES if s in set(args.stages.split(",")) | {
        "ingest", "journeys", "features"}]
    args.systems = [s for s in SYSTEMS if s in args.systems.split(",")]
    if unknown or args.repeats < 1 or args.months < 6:
        p.error(f"Cannot run: unknown stages/systems {sorted(unknown)}, --repeats < 1 or --months < 6 "
                "(train needs labelled snapshots: at least 6 months)")
    args.name = args.name or "bench-" + dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d")
    args.data = Path(args.data).resolve()
    args.results = Path(args.results).resolve()
    return args


def run(cmd, log, env=None):
    """Runs a command, its output to log; returns (seconds, stdout text)."""
    started = time.perf_counter()
    with open(log, "w", encoding="utf-8") as out:
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=out, text=True, env=env,
                              cwd=HOME)
        out.write(proc.stdout)
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        # a negative code is the signal that ended it (-9 killed, -11 crashed)
        raise CommandFailed(f"Cannot measure: {' '.join(map(str, cmd[:3]))} ... exited "
                            f"{proc.returncode} (log: {log}); its last lines:\n"
                            f"{tail(log)}", proc.returncode)
    return seconds, proc.stdout


def tail(log, lines=15):
    """The last lines of a command's log, for the failure message."""
    text = Path(log).read_text(encoding="utf-8", errors="replace").splitlines()
    return "\n".join("    " + line for line in text[-lines:])


def differs(report_file, count_keys):
    """True when a peer's report exists and counts at least one difference."""
    if not report_file.exists():
        return False
    figures = json.loads(report_file.read_text())
    return any(figures.get(key, 0) for key in count_keys)


def cli(*args):
    return [str(HOME / "bin" / "effortlens"), *map(str, args)]


def dataset(args, rows):
    """Generates the Parquet logs for a size once; returns (folder, customers)."""
    customers = max(1, -(-rows // (ROWS_PER_CUSTOMER_MONTH * args.months)))
    folder = args.data / f"input-{label(rows)}-c{customers}-m{args.months}-s{args.seed}"
    if not (folder / ".complete").exists():
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        print(f"bench: generating {label(rows)} ({customers} customers x {args.months} months)",
              flush=True)
        run(cli("generate", "--customers", customers, "--months", args.months, "--seed",
                args.seed, "--out", folder / "logs", "--format", "parquet"),
            folder / "generate.log")
        write_mappings(folder / "sources")
        (folder / ".complete").write_text("generated\n")
    return folder, customers


def write_mappings(folder):
    """The shipped mappings, pointed at the generator's Parquet extracts (format parquet)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("contact-center", "web-events"):
        text = (HOME / "conf" / "sources" / f"{name}.yaml").read_text(encoding="utf-8")
        text, formats = re.subn(r"(?m)^(\s*)format: (json|csv)\s*$", r"\1format: parquet", text)
        if formats != 2:  # the interactions and the customers block
            raise RuntimeError(f"Cannot derive the Parquet mapping from conf/sources/{name}.yaml:"
                               " its format lines changed; update bench/harness.py write_mappings")
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")


def sources(folder):
    logs, maps = folder / "logs", folder / "sources"
    return ["--source", maps / "contact-center.yaml", "--input", logs / "contact_center",
            "--customers", logs / "customers",
            "--source", maps / "web-events.yaml", "--input", logs / "web_events"]


def as_of_dates(months):
    """Score date (the day after the last generated month) and the training snapshot range."""
    end = START.replace(year=START.year + (START.month - 1 + months) // 12,
                        month=(START.month - 1 + months) % 12 + 1)
    first = START.replace(month=START.month + 1) if START.month < 12 else START
    return end, first, end - dt.timedelta(days=HORIZON_DAYS)


def row_counts(lake, run_id):
    """The runs table's row_counts of one run, or of the latest run when the command does not
    print its run id (train); read with deltalake, no Spark."""
    from deltalake import DeltaTable
    rows = DeltaTable(str(lake / "runs")).to_pyarrow_table(
        columns=["run_id", "started_at", "row_counts"]).to_pylist()
    chosen = ([r for r in rows if r["run_id"] == run_id] if run_id
              else sorted(rows, key=lambda r: r["started_at"])[-1:])
    if not chosen:
        raise RuntimeError(f"Cannot find run {run_id} in {lake / 'runs'}")
    return dict(chosen[0]["row_counts"] or [])


OUTPUT_ROWS = {  # which row count of the runs table is a stage's output
    "ingest": lambda c, d: sum(v for k, v in c.items() if k.endswith(".interactions.inserted")),
    "journeys": lambda c, d: c.get("journeys.written"),
    "features": lambda c, d: c.get(f"customer_features.{d}"),
    "features_training": lambda c, d: sum(
        v for k, v in c.items() if k.startswith("customer_features.")),
    "train": lambda c, d: c.get("model_metrics"),
    "score": lambda c, d: c.get(f"customer_risk.{d}"),
    "pipeline": lambda c, d: c.get(f"customer_risk.{d}"),
}


def launcher_env(rows):
    """The launcher's environment for a size: unless the caller set EFFORTLENS_JIT, the JVM's tiered
    compilation from TIERED_FROM_ROWS on (as in the rounds before the launcher chose per command),
    below it the launcher's choice per command."""
    env = dict(os.environ)
    if rows >= TIERED_FROM_ROWS:
        env.setdefault("EFFORTLENS_JIT", "tiered")
    return env


def spark_stage(args, stage, cmd, lake, run_dir, as_of, env=None):
    events = run_dir / "events" / stage
    events.mkdir(parents=True)
    full = cmd[:1] + ["--lake", str(lake), *sparkstats.conf_args(events)] + cmd[1:]
    seconds, out = run(full, run_dir / f"{stage}.log", env)
    run_id = re.search(r"(?m)^run (\S+)", out)
    counts = row_counts(lake, run_id.group(1) if run_id else None)
    stats = sparkstats.read(events)
    result = {"system": "spark", "stage": stage, "seconds": round(seconds, 3),
              "output_rows": OUTPUT_ROWS[stage](counts, as_of), "row_counts": counts, **stats}
    print(f"bench: spark {stage}: {seconds:.1f} s, output {result['output_rows']} rows, "
          f"peak heap {stats['peak_heap_bytes'] / 2**20:.0f} MB, "
          f"shuffle {stats['shuffle_write_bytes'] / 2**20:.1f} MB", flush=True)
    if not args.keep_lakes:
        shutil.rmtree(events)
    return result


def spark_stages(args, folder, run_dir, input_rows_box, rows):
    as_of, first, last_training = as_of_dates(args.months)
    env = launcher_env(rows)
    lake = run_dir / "lake"
    out = []
    plan = [("ingest", cli("ingest", *sources(folder))),
            ("journeys", cli("journeys")),
            ("features", cli("features", "--as-of", as_of))]
    if "train" in args.stages or "score" in args.stages:
        plan += [("features_training", cli("features", "--snapshots", "monthly", "--from", first,
                                           "--to", last_training)),
                 ("train", cli("train", "--as-of", as_of))]
    if "score" in args.stages:
        plan.append(("score", cli("score", "--as-of", as_of, "--allow-raw-ids")))
    for stage, cmd in plan:
        out.append(spark_stage(args, stage, cmd, lake, run_dir, as_of, env))
        if stage == "ingest":
            input_rows_box.append(out[-1]["output_rows"])
    if "pipeline" in args.stages:
        out.append(spark_stage(args, "pipeline", cli("pipeline", "--allow-raw-ids", "--as-of",
                                                     as_of, *sources(folder)),
                               run_dir / "pipeline-lake", run_dir, as_of, env))
    return out, lake


def duckdb_classpath(args):
    """Test classes (compiled when missing or stale) and the DuckDB JDBC jar from Maven."""
    classes = HOME / "jobs" / "target" / "test-classes"
    peer = classes / "io" / "effortlens" / "bench" / "DuckDbPeer.class"
    sources_dir = HOME / "jobs" / "src" / "test" / "java" / "io" / "effortlens" / "bench"
    newest = max(p.stat().st_mtime for p in sources_dir.glob("*.java"))
    cp_file = args.data / "duckdb-classpath.txt"
    args.data.mkdir(parents=True, exist_ok=True)
    if not peer.exists() or peer.stat().st_mtime < newest or not cp_file.exists():
        print("bench: compiling the DuckDB peer (mvn test-compile)", flush=True)
        run(["mvn", "-B", "-q", "-o", "-f", str(HOME / "pom.xml"), "-pl", "jobs",
             "test-compile", "dependency:build-classpath", "-Dmdep.includeScope=test",
             f"-Dmdep.outputFile={cp_file}", "-Dfmt.skip=true"], args.data / "mvn.log")
    jars = [j for j in cp_file.read_text().strip().split(os.pathsep) if "duckdb_jdbc" in j]
    if not jars:
        raise RuntimeError("Cannot run the DuckDB peer: org.duckdb:duckdb_jdbc is not on the "
                           "jobs test classpath (jobs/pom.xml)")
    return f"{classes}{os.pathsep}{jars[0]}"


def duckdb_peer(args, classpath, lake, run_dir):
    as_of = as_of_dates(args.months)[0]
    out = run_dir / "duckdb"
    cmd = ["java", "-Xmx2g", "-cp", classpath, "io.effortlens.bench.DuckDbPeer", "--lake",
           str(lake), "--as-of", str(as_of), "--out", str(out), "--threads", "2", "--sample",
           str(args.sample)]
    try:
        run(cmd, run_dir / "duckdb.log")
    except CommandFailed as failed:
        if differs(out / "duckdb.json", ("feature_differences", "journey_differences")):
            raise NumbersDiffer(f"DuckDB and Spark differ: {(out / 'duckdb.json').read_text()}"
                                ) from failed
        raise
    figures = json.loads((out / "duckdb.json").read_text())
    print(f"bench: duckdb journeys {figures['journeys_seconds']} s, features "
          f"{figures['features_seconds']} s; {figures['checked_customers']} customers and "
          f"{figures['checked_journeys']} journeys equal to Spark's", flush=True)
    return figures, out


def featuretools_peer(args, duck_out, run_dir):
    as_of = as_of_dates(args.months)[0]
    report_file = run_dir / "featuretools.json"
    cmd = [sys.executable, str(HERE / "featuretools_peer.py"), "--journeys",
           str(duck_out / "pit_journeys.parquet"), "--expected",
           str(duck_out / "duckdb_features.parquet"), "--as-of", str(as_of), "--out",
           str(report_file)]
    try:
        run(cmd, run_dir / "featuretools.log")
    except CommandFailed as failed:
        if differs(report_file, ("differences",)):
            raise NumbersDiffer(f"featuretools and DuckDB differ: {report_file.read_text()}"
                                ) from failed
        raise
    figures = json.loads(report_file.read_text())
    print(f"bench: featuretools features {figures['features_seconds']} s, "
          f"{figures['features_rows']} customers equal to DuckDB's", flush=True)
    return figures


def measure(args):
    runs = []
    classpath = duckdb_classpath(args) if "duckdb" in args.systems else None
    for rows in args.sizes:
        folder, customers = dataset(args, rows)
        for repeat in range(1, args.repeats + 1):
            run_dir = args.data / "runs" / args.name / label(rows) / f"r{repeat}"
            shutil.rmtree(run_dir, ignore_errors=True)
            run_dir.mkdir(parents=True)
            print(f"bench: size {label(rows)}, repeat {repeat}/{args.repeats}", flush=True)
            input_rows = []
            results, lake = spark_stages(args, folder, run_dir, input_rows, rows)
            if "duckdb" in args.systems:
                duck, duck_out = duckdb_peer(args, classpath, lake, run_dir)
                results += [{"system": "duckdb", "stage": s, "seconds": duck[f"{s}_seconds"],
                             "output_rows": duck[f"{s}_rows"], "check": duck}
                            for s in ("journeys", "features")]
                if "featuretools" in args.systems and rows <= args.featuretools_max_rows:
                    ft = featuretools_peer(args, duck_out, run_dir)
                    results.append({"system": "featuretools", "stage": "features",
                                    "seconds": ft["features_seconds"],
                                    "output_rows": ft["features_rows"], "check": ft})
            for r in results:
                r.update(size=label(rows), target_rows=rows, input_rows=input_rows[0],
                         customers=customers, repeat=repeat)
            runs += results
            if not args.keep_lakes:
                for name in ("lake", "pipeline-lake"):
                    shutil.rmtree(run_dir / name, ignore_errors=True)
    return runs


def main(argv=None):
    args = options(argv)
    machine = report.machine()
    started = time.time()
    try:
        runs = measure(args)
    except NumbersDiffer as differ:
        print(f"bench: FAILED, numbers differ: {differ}", file=sys.stderr)
        return EXIT_DIFFERENT
    except (CommandFailed, RuntimeError) as failed:
        print(f"bench: FAILED: {failed}", file=sys.stderr)
        return EXIT_FAILED
    machine["load_average_end"] = os.getloadavg()
    machine["total_seconds"] = round(time.time() - started, 1)
    settings = {k: v for k, v in vars(args).items() if k not in ("data", "results")}
    written = report.write(args.results, args.name, runs, machine, settings)
    print("bench: wrote " + ", ".join(str(p) for p in written), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
