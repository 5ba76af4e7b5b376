"""Calibration by simulation (issue #23 item 2): do the intervals EffortLens prints cover the planted
truth, over many seeds?

For each seed: `effortlens generate` writes a planted scenario (its truth.json beside the logs),
`effortlens pipeline` runs on it exactly as the README's quick start runs on the bundled sample, and
the harness compares what `train` wrote with the planted value of the same estimand:

- delight_effects, per action type and 'any': is the planted effect
  (truth.json `delight_effect_by_action.actions.<type>.effect_pp`) inside [effect_low, effect_high]?
  bias, interval width, and whether the type was reported as a finding (Holm over the types) with an
  interval that excludes the planted value (a false claim about its size) or of the wrong sign;
- the chosen model's AUC-ROC over the oracle's (model_metrics `oracle_ratio`, `oracle_as_of_ratio`).

Driver and family defections avoided are not compared yet: their planted value for the same
estimand does not exist (issue #23 item 1), so by default the pipeline runs without the driver
bootstrap and stability windows (`--set` overrides, e.g. `--set train.bootstrap-rounds=20`).

    bench/calibrate --seeds 20 --first-seed 100 --customers 3000 --months 12

Per seed the inputs and lake stay in --data (a finished seed is reused: rerun to add seeds); the
table goes to --results as <name>.md and <name>.json. One seed of 3,000 customers x 12 months takes
about 4 minutes alone on 2 cores.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import subprocess
import sys
import time
from pathlib import Path

HOME = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(HOME / "tests"))
import effortlens_ops as ops  # noqa: E402  (the tests' Delta reader, one implementation)

DEFAULT_SETS = ["train.bootstrap-rounds=0", "train.stability-windows=0"]


def options(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--seeds", type=int, default=20, help="scenarios (default 20)")
    p.add_argument("--first-seed", type=int, default=100, help="seed of the first (default 100)")
    p.add_argument("--customers", type=int, default=3000, help="customers per scenario (default 3000)")
    p.add_argument("--months", type=int, default=12, help="simulated months (default 12)")
    p.add_argument("--set", action="append", default=None, metavar="KEY=VALUE",
                   help="configuration passed to the pipeline (default: "
                        + " ".join(DEFAULT_SETS) + "); repeat for several")
    p.add_argument("--data", type=Path,
                   default=Path(os.environ.get("EFFORTLENS_BENCH_DATA", "bench-data")) / "calibration",
                   help="folder of the scenarios and their lakes (default "
                        "$EFFORTLENS_BENCH_DATA/calibration, else ./bench-data/calibration)")
    p.add_argument("--results", type=Path, default=HOME / "bench" / "results",
                   help="folder of the .md/.json table (default bench/results)")
    p.add_argument("--name", default=f"calibration-{dt.datetime.now(dt.timezone.utc):%Y-%m-%d}",
                   help="results name (default calibration-<UTC date>)")
    args = p.parse_args(argv)
    args.set = DEFAULT_SETS if args.set is None else args.set
    args.data = args.data.resolve()
    return args


def run(cmd: list, log: Path) -> float:
    started = time.monotonic()
    with open(log, "w", encoding="utf-8") as out:
        proc = subprocess.run([str(c) for c in cmd], stdout=out, stderr=subprocess.STDOUT,
                              env=ops.user_env(), cwd=log.parent)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, cmd[:2]))} exited {proc.returncode}; log: {log}\n"
                           + ops.tail(log, 30))
    return time.monotonic() - started


def scenario(args, seed: int) -> Path:
    """Generates and runs the pipeline on one seed, unless a finished run is there."""
    folder = args.data / f"c{args.customers}-m{args.months}-s{seed}"
    done = folder / ".complete"
    settings = json.dumps(args.set)
    if done.exists() and done.read_text() == settings:
        return folder
    if folder.exists():
        subprocess.run(["rm", "-rf", str(folder)], check=True)
    folder.mkdir(parents=True)
    launcher = HOME / "bin" / "effortlens"
    run([launcher, "generate", "--customers", args.customers, "--months", args.months,
         "--seed", seed, "--out", folder / "input"], folder / "generate.log")
    sets = [x for kv in args.set for x in ("--set", kv)]
    inputs = folder / "input"
    seconds = run([launcher, *sets, "pipeline", "--allow-raw-ids",
                   "--source", "contact-center", "--input", inputs / "contact_center",
                   "--customers", inputs / "customers",
                   "--source", "web-events", "--input", inputs / "web_events"],
                  folder / "pipeline.log")
    (folder / "seconds").write_text(f"{seconds:.0f}\n")
    done.write_text(settings)
    return folder


def measured(folder: Path, seed: int) -> list[dict]:
    """One row per delight action of the scenario's current model, with its planted value."""
    truth = json.loads((folder / "input" / "truth.json").read_text())
    planted = truth["delight_effect_by_action"]["actions"]
    lake = folder / "lakehouse"
    registry = ops.read_table(lake / "model_registry")
    version = registry.loc[registry["is_current"], "model_version"].iloc[0]
    metrics = ops.read_table(lake / "model_metrics")
    chosen = registry.loc[registry["is_current"], "chosen_model"].iloc[0]
    mine = metrics[(metrics["model_version"] == version) & (metrics["model"] == chosen)
                   & metrics["bin"].isna()]
    ratio = dict(zip(mine["metric"], mine["value"]))
    effects = ops.read_table(lake / "delight_effects")
    rows = []
    for e in effects[effects["model_version"] == version].itertuples():
        if e.action not in planted:
            continue
        truth_pp = planted[e.action]["effect_pp"]
        low, high = 100 * e.effect_low, 100 * e.effect_high
        rows.append({
            "seed": seed, "action": e.action, "treated": int(e.treated),
            "planted_pp": truth_pp, "effect_pp": 100 * e.effect, "low_pp": low, "high_pp": high,
            "covered": bool(low <= truth_pp <= high), "finding": bool(e.is_finding),
            "oracle_ratio": ratio.get("oracle_ratio"), "oracle_as_of_ratio": ratio.get("oracle_as_of_ratio"),
        })
    return rows


def summary(rows: list[dict]) -> list[dict]:
    """Per action: seeds estimated, coverage, mean bias and width, findings and false claims."""
    out = []
    for action in sorted({r["action"] for r in rows}, key=lambda a: (a != "any", a)):
        mine = [r for r in rows if r["action"] == action]
        n = len(mine)
        out.append({
            "action": action, "seeds": n,
            "coverage": sum(r["covered"] for r in mine) / n,
            "mean_bias_pp": sum(r["effect_pp"] - r["planted_pp"] for r in mine) / n,
            "mean_width_pp": sum(r["high_pp"] - r["low_pp"] for r in mine) / n,
            "findings": sum(r["finding"] for r in mine),
            "findings_excluding_planted": sum(r["finding"] and not r["covered"] for r in mine),
            "findings_wrong_sign": sum(r["finding"] and r["effect_pp"] * r["planted_pp"] < 0 for r in mine),
            "mean_treated": sum(r["treated"] for r in mine) / n,
        })
    return out


def markdown(args, rows, table, seconds) -> str:
    seeds = sorted({r["seed"] for r in rows})
    ratios = sorted({(r["seed"], r["oracle_as_of_ratio"]) for r in rows if r["oracle_as_of_ratio"] is not None})
    lines = [
        f"# Calibration by simulation ({dt.datetime.now(dt.timezone.utc):%Y-%m-%d})", "",
        f"`bench/calibrate --seeds {args.seeds} --first-seed {args.first_seed} --customers "
        f"{args.customers} --months {args.months} " + " ".join(f"--set {s}" for s in args.set) + "`", "",
        f"Seeds {seeds[0]}–{seeds[-1]} ({len(seeds)} scenarios); pipeline seconds per seed: "
        f"median {sorted(seconds)[len(seconds) // 2]:.0f}. Delight effects: the 95% interval of "
        "`delight_effects` against the planted value of the same estimand (truth.json "
        "`delight_effect_by_action`), in points of the probability of defecting within 90 days.", "",
        "| action | seeds | coverage | mean bias | mean width | findings | findings whose interval excludes the planted value | wrong-sign findings | treated per seed |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for t in table:
        lines.append(f"| {t['action']} | {t['seeds']} | {t['coverage']:.0%} | {t['mean_bias_pp']:+.2f} | "
                     f"{t['mean_width_pp']:.1f} | {t['findings']} | {t['findings_excluding_planted']} | "
                     f"{t['findings_wrong_sign']} | {t['mean_treated']:.0f} |")
    if ratios:
        values = [r for _, r in ratios]
        lines += ["", f"Model AUC-ROC over the oracle's from what is known at the as-of date: min "
                      f"{min(values):.3f}, median {sorted(values)[len(values) // 2]:.3f}, max {max(values):.3f}."]
    lines += ["", "Per seed and action: the JSON file of the same name."]
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    args = options(argv)
    args.data.mkdir(parents=True, exist_ok=True)
    rows, seconds = [], []
    for seed in range(args.first_seed, args.first_seed + args.seeds):
        started = time.monotonic()
        folder = scenario(args, seed)
        seconds.append(float((folder / "seconds").read_text()))
        found = measured(folder, seed)
        rows += found
        print(f"calibration: seed {seed} ({time.monotonic() - started:.0f} s): " + ", ".join(
            f"{r['action']} {r['effect_pp']:+.1f} [{r['low_pp']:+.1f}, {r['high_pp']:+.1f}] planted "
            f"{r['planted_pp']:+.2f}" for r in found), flush=True)
    table = summary(rows)
    args.results.mkdir(parents=True, exist_ok=True)
    (args.results / f"{args.name}.json").write_text(json.dumps(
        {"command": sys.argv, "sets": args.set, "summary": table, "rows": rows}, indent=1, default=float))
    (args.results / f"{args.name}.md").write_text(markdown(args, rows, table, seconds))
    print(markdown(args, rows, table, seconds))
    return 0


if __name__ == "__main__":
    sys.exit(main())
