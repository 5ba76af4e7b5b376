"""The featuretools peer: the same per-customer window features with featuretools' deep feature
synthesis, from the point-in-time journeys the DuckDB peer exported (featuretools aggregates rows
it is given; stitching interactions into journeys is not something it can express).

Per window n in (30, 90) days: COUNT(journeys) and SUM of repeat_contacts, transfers,
channel_switches over journeys whose last touchpoint is in [T - n days, T) (training_window with
include_cutoff_time=False, time index last_touchpoint_at). The result must equal DuckDB's
features (which the DuckDB peer checked against Spark's); exit 1 when a number differs.

Usage: featuretools_peer.py --journeys pit_journeys.parquet --expected duckdb_features.parquet
       --as-of DATE --out featuretools.json
"""

import argparse
import json
import os
import sys
import time
import warnings

import featuretools as ft
import pandas as pd

WINDOWS_DAYS = (30, 90)
METRICS = ("repeat_contacts", "transfers", "channel_switches")


def features(journeys, as_of):
    """One row per customer of the journeys, columns journeys_<n>d and <metric>_<n>d."""
    customers = pd.DataFrame({"customer_id": journeys["customer_id"].unique()})
    es = ft.EntitySet(id="effort")
    es.add_dataframe(dataframe_name="customers", dataframe=customers, index="customer_id")
    es.add_dataframe(
        dataframe_name="journeys", dataframe=journeys, index="journey_id",
        time_index="last_touchpoint_at")
    es.add_relationship("customers", "customer_id", "journeys", "customer_id")
    cutoff = pd.DataFrame({"customer_id": customers["customer_id"], "time": as_of})
    out = pd.DataFrame(index=customers["customer_id"])
    for days in WINDOWS_DAYS:
        matrix = ft.dfs(
            entityset=es, target_dataframe_name="customers", agg_primitives=["count", "sum"],
            trans_primitives=[], max_depth=1, cutoff_time=cutoff,
            training_window=f"{days} days", include_cutoff_time=False, verbose=False)[0]
        out[f"journeys_{days}d"] = matrix["COUNT(journeys)"]
        for metric in METRICS:
            out[f"{metric}_{days}d"] = matrix[f"SUM(journeys.{metric})"]
    return out.fillna(0).astype("int64")


def differences(actual, expected):
    """Rows (customer, column, featuretools, duckdb) where the two differ."""
    expected = expected.set_index("customer_id").sort_index()
    actual = actual.reindex(expected.index)
    out = []
    for column in actual.columns:
        differ = actual[column].fillna(-1).astype("int64") != expected[column].astype("int64")
        for customer in actual.index[differ]:
            out.append((customer, column, actual.at[customer, column], expected.at[customer, column]))
    return out


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--journeys", required=True)
    parser.add_argument("--expected", required=True)
    parser.add_argument("--as-of", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args(argv)
    # woodwork's type inference and featuretools' own notices, one per call: noise in the log
    warnings.simplefilter("ignore", category=UserWarning)
    warnings.simplefilter("ignore", category=FutureWarning)
    journeys = pd.read_parquet(args.journeys)
    journeys["last_touchpoint_at"] = pd.to_datetime(journeys["last_touchpoint_at"])
    as_of = pd.Timestamp(args.as_of)
    started = time.perf_counter()
    result = features(journeys, as_of)
    seconds = time.perf_counter() - started
    diffs = differences(result, pd.read_parquet(args.expected))
    report = {"features_seconds": round(seconds, 3), "features_rows": len(result),
              "journeys_rows": len(journeys), "differences": len(diffs),
              "first_differences": [list(map(str, d)) for d in diffs[:5]]}
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(report, f, indent=2)
    if diffs:
        print(f"featuretools peer: {len(diffs)} numbers differ from DuckDB's, first: {diffs[:5]}",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    # The report is written and the answer known: end here, not in the interpreter's shutdown,
    # where the threads of featuretools' dependencies can still fail. The CI run of a2c34f0 saw
    # this peer exit non-zero after it had written a report with 0 differences (not reproduced
    # in 23 runs since, so the shutdown is the likely place, not a proven one).
    os._exit(code)
