"""Calibration by simulation (issue #23 item 2): do the intervals EffortLens prints cover the planted
truth, over many seeds?

For each seed: `effortlens generate` writes a planted scenario (its truth.json beside the logs),
`effortlens pipeline` runs on it exactly as the README's quick start runs on the bundled sample, and
the harness compares what `train` wrote with the planted value of the same estimand:

- delight_effects, per action type and 'any': is the planted effect
  (truth.json `delight_effect_by_action.actions.<type>.effect_pp`) inside [effect_low, effect_high]?
  bias, interval width, and whether the type was reported as a finding (Holm over the types) with an
  interval that excludes the planted value (a false claim about its size) or of the wrong sign;
- the chosen model's AUC-ROC over the oracle's (model_metrics `oracle_ratio`, `oracle_as_of_ratio`);
- driver_effects of the current model, per family (and per planted driver that one product feature
  measures, e.g. `repeat_contacts_90d`): is the planted value of the same estimand at the lake's test
  as-of (model_registry `test_as_ofs`; truth.json `driver_effects_by_month`, summed over the test
  as-ofs) inside [defections_avoided_low, defections_avoided_high], and its share inside the share
  interval (the avoided interval over the share's own denominator, as DisloyaltyPie draws it)? bias and
  width of both.

The driver intervals exist only with the driver bootstrap, so by default the pipeline runs with
`train.bootstrap-rounds=20` and without stability windows (`--set` overrides them all).

    bench/calibrate --seeds 20 --first-seed 100 --customers 3000 --months 12

Per seed the inputs and lake stay in --data (a finished seed is reused: rerun to add seeds); the
table goes to --results as <name>.md and <name>.json. One seed of 3,000 customers x 12 months takes
about 4 minutes alone on 2 cores.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import sys
import time
from pathlib import Path

HOME = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(HOME / "tests"))
import effortlens_ops as ops  # noqa: E402  (the tests' Delta reader, one implementation)

DEFAULT_SETS = ["train.bootstrap-rounds=20", "train.stability-windows=0"]


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


# a scenario's longest command: the pipeline on 3,000 customers took 434–1,439 s on a shared machine
COMMAND_TIMEOUT = 7200


def run(cmd: list, log: Path) -> float:
    """One launcher command in the scenario's folder, as a user runs it; its seconds."""
    return ops.run_logged([str(c) for c in cmd], log, timeout=COMMAND_TIMEOUT, env=ops.user_env(),
                          cwd=log.parent)


def scenario(args, seed: int) -> Path:
    """Generates and runs the pipeline on one seed, unless a finished run is there."""
    folder = args.data / f"c{args.customers}-m{args.months}-s{seed}"
    done = folder / ".complete"
    settings = json.dumps(args.set)
    if done.exists() and done.read_text() == settings:
        return folder
    if folder.exists():
        shutil.rmtree(folder)
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


def planted_drivers(truth: dict, test_as_ofs: list[str]) -> tuple[dict, dict]:
    """The planted defections avoided and share per family and per one-feature driver, summed over
    the test as-ofs. A family's value is its joint counterfactual (truth.json: all its drivers at
    their references at once), of its drivers in train's pie (`defections_avoided_in_pie`, the
    estimand of the family rows of driver_effects) and, as `all`, of every planted driver of the
    family (plan, contract and segment are categories train leaves out of the pie). Shares, of
    families and drivers alike, are over the families' summed absolute in-pie values, as train's."""
    section = truth["driver_effects_by_month"]
    by_as_of = {a["as_of"]: a for a in section["as_ofs"]}
    missing = [t for t in test_as_ofs if t not in by_as_of]
    if missing:
        raise RuntimeError(f"truth.json has no driver_effects_by_month for test as-of {missing}")
    meta = {d["name"]: d for d in section["drivers"]}
    avoided = {n: sum(next(d["defections_avoided"] for d in by_as_of[t]["drivers"] if d["name"] == n)
                      for t in test_as_ofs) for n in meta}
    in_pie_families = {d["family"] for d in section["drivers"] if d["in_pie"]}
    families = {}
    for t in test_as_ofs:
        for f in by_as_of[t]["families"]:
            family = families.setdefault(f["family"], {"all": 0.0, "avoided": 0.0})
            family["all"] += f["defections_avoided"]
            family["avoided"] += f["defections_avoided_in_pie"]
    total = sum(abs(x["avoided"]) for f, x in families.items() if f in in_pie_families)
    features = [d["feature"] for d in section["drivers"]]
    one_feature = {d["feature"]: d["name"] for d in section["drivers"]
                   if d["feature"] and features.count(d["feature"]) == 1 and d["in_pie"]}
    family_truth = {f: {"avoided": x["avoided"], "share": x["avoided"] / total, "all": x["all"]}
                    for f, x in families.items() if f in in_pie_families}
    feature_truth = {f: {"avoided": avoided[n], "share": avoided[n] / total, "all": avoided[n]}
                     for f, n in one_feature.items()}
    return family_truth, feature_truth


def measured_drivers(folder: Path, seed: int) -> list[dict]:
    """One row per family of the pie and per one-feature planted driver of the current model."""
    truth = json.loads((folder / "input" / "truth.json").read_text())
    lake = folder / "lakehouse"
    registry = ops.read_table(lake / "model_registry")
    current = registry[registry["is_current"]].iloc[0]
    test_as_ofs = [str(t) for t in current["test_as_ofs"]]
    families, features = planted_drivers(truth, test_as_ofs)
    effects = ops.read_table(lake / "driver_effects")
    mine = effects[(effects["model_version"] == current["model_version"])
                   & effects["defections_avoided"].notna()]
    rows = []
    for e in mine.itertuples():
        planted = (families if e.level == "family" else features).get(e.driver)
        if planted is None:
            continue
        # the share interval as DisloyaltyPie draws it; a feature the model does not use has 0 [0, 0]
        per_defection = e.share / e.defections_avoided if e.defections_avoided else 0.0
        low, high = e.defections_avoided_low, e.defections_avoided_high
        share_low, share_high = sorted([low * per_defection, high * per_defection])
        rows.append({
            "seed": seed, "level": e.level, "name": e.driver, "test_as_ofs": test_as_ofs,
            "planted": planted["avoided"], "avoided": e.defections_avoided, "low": low, "high": high,
            "covered": bool(low <= planted["avoided"] <= high),
            "planted_all": planted["all"], "covered_all": bool(low <= planted["all"] <= high),
            "planted_share": planted["share"], "share": e.share, "share_low": share_low,
            "share_high": share_high,
            "share_covered": bool(share_low <= planted["share"] <= share_high),
        })
    return rows


def driver_summary(rows: list[dict]) -> list[dict]:
    """Per family and per driver: seeds, coverage, mean bias and width of avoided and of share."""
    out = []
    for level, name in sorted({(r["level"], r["name"]) for r in rows}, key=lambda k: (k[0] != "family", k[1])):
        mine = [r for r in rows if r["level"] == level and r["name"] == name]
        n = len(mine)
        out.append({
            "level": level, "name": name, "seeds": n,
            "coverage": sum(r["covered"] for r in mine) / n,
            "mean_bias": sum(r["avoided"] - r["planted"] for r in mine) / n,
            "mean_width": sum(r["high"] - r["low"] for r in mine) / n,
            "mean_planted": sum(r["planted"] for r in mine) / n,
            "mean_planted_all": sum(r["planted_all"] for r in mine) / n,
            "coverage_all": sum(r["covered_all"] for r in mine) / n,
            "share_coverage": sum(r["share_covered"] for r in mine) / n,
            "mean_share_bias_pp": 100 * sum(r["share"] - r["planted_share"] for r in mine) / n,
            "mean_share_width_pp": 100 * sum(r["share_high"] - r["share_low"] for r in mine) / n,
        })
    return out


def driver_markdown(rows: list[dict], table: list[dict]) -> list[str]:
    if not table:
        return []
    lines = [
        "", "Driver effects: the 95% interval of `driver_effects.defections_avoided` (families, and "
        "planted drivers that one product feature measures) against the planted value of the same "
        "estimand at the lake's test as-of (truth.json `driver_effects_by_month`: a family's planted "
        "drivers whose product feature is in the pie, at their references at once), and the share "
        "interval against the planted share (over the families' absolute values); bias = estimate "
        "- planted. Last two columns: the family's every planted driver (plan, contract and "
        "segment, categories outside train's pie, included).", "",
        "| level | name | seeds | coverage | mean planted | mean bias | mean width | share coverage | share mean bias (points) | share mean width (points) | mean planted, all drivers | coverage of it |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for t in table:
        lines.append(f"| {t['level']} | {t['name']} | {t['seeds']} | {t['coverage']:.0%} | "
                     f"{t['mean_planted']:+.1f} | {t['mean_bias']:+.1f} | {t['mean_width']:.1f} | "
                     f"{t['share_coverage']:.0%} | {t['mean_share_bias_pp']:+.1f} | "
                     f"{t['mean_share_width_pp']:.1f} | {t['mean_planted_all']:+.1f} | "
                     f"{t['coverage_all']:.0%} |")
    return lines


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


def markdown(args, rows, table, seconds, drivers=(), driver_table=()) -> str:
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
    lines += driver_markdown(list(drivers), list(driver_table))
    lines += ["", "Per seed, action and driver: the JSON file of the same name."]
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    args = options(argv)
    args.data.mkdir(parents=True, exist_ok=True)
    rows, seconds, drivers = [], [], []
    for seed in range(args.first_seed, args.first_seed + args.seeds):
        started = time.monotonic()
        folder = scenario(args, seed)
        seconds.append(float((folder / "seconds").read_text()))
        found = measured(folder, seed)
        rows += found
        mine = measured_drivers(folder, seed)
        drivers += mine
        print(f"calibration: seed {seed} ({time.monotonic() - started:.0f} s): " + ", ".join(
            f"{r['action']} {r['effect_pp']:+.1f} [{r['low_pp']:+.1f}, {r['high_pp']:+.1f}] planted "
            f"{r['planted_pp']:+.2f}" for r in found), flush=True)
        print(f"calibration: seed {seed} driver effects: " + ", ".join(
            f"{r['name']} {r['avoided']:+.1f} [{r['low']:+.1f}, {r['high']:+.1f}] planted "
            f"{r['planted']:+.1f}" for r in mine), flush=True)
    table = summary(rows)
    driver_table = driver_summary(drivers)
    args.results.mkdir(parents=True, exist_ok=True)
    (args.results / f"{args.name}.json").write_text(json.dumps(
        {"command": sys.argv, "sets": args.set, "summary": table, "rows": rows,
         "driver_summary": driver_table, "driver_rows": drivers}, indent=1, default=float))
    (args.results / f"{args.name}.md").write_text(markdown(args, rows, table, seconds, drivers, driver_table))
    print(markdown(args, rows, table, seconds, drivers, driver_table))
    return 0


if __name__ == "__main__":
    sys.exit(main())
