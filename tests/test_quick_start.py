"""The README's quick start, as a user runs it: `bin/effortlens pipeline` (a separate JVM, started
from a foreign working folder, no pseudonymisation key) on the bundled sample; the lake then holds
every sample record, reconciled, and every table the README promises. This run's lake is the one lake
of the test session (conftest): the cluster comparison, the Airflow daily DAG and the notebooks read it."""

from __future__ import annotations

import pandas as pd

import effortlens_ops as ops

SAMPLE_CONTACT_CENTER_ROWS = 15_161  # 13,627 records + 1,534 surveys
SAMPLE_WEB_EVENTS = 246_358
SAMPLE_CUSTOMERS = 3_000
SCORE_DATE = "2025-01-02"  # the day after the sample's last event
GOLD = ["effort_kpis", "perception_gap", "research_replication", "next_issue_rules", "driver_effects",
        "delight_effects", "model_metrics"]


def table(quick_start, name: str) -> pd.DataFrame:
    return ops.read_table(quick_start.lake / name)


def test_every_sample_record_is_accounted_for(quick_start):
    total = "total: {0} = {0} + 0 + 0"  # read = accepted + quarantined + duplicates, per source
    for rows in (SAMPLE_CONTACT_CENTER_ROWS, SAMPLE_WEB_EVENTS, SAMPLE_CUSTOMERS):
        assert total.format(rows) in quick_start.stdout, quick_start.stdout
    assert len(table(quick_start, "interactions")) == SAMPLE_CONTACT_CENTER_ROWS + SAMPLE_WEB_EVENTS
    assert len(table(quick_start, "customers")) == SAMPLE_CUSTOMERS
    journeys = len(table(quick_start, "journeys"))
    assert journeys > 1000, f"the sample yields thousands of journeys, got {journeys}"
    assert f"journeys: {journeys} rows" in quick_start.stdout


def test_features_labels_and_scores_cover_every_snapshot_once(quick_start):
    features, labels = table(quick_start, "customer_features"), table(quick_start, "defection_labels")
    as_of = features["as_of"].astype(str)
    # 2024-02-01 .. 2024-10-01 (horizon observed by 2025-01-02) and the score date
    assert as_of.nunique() == 10, "training snapshots + score date"
    assert len(features) == len(labels), "one label per customer in each snapshot"
    assert not features.duplicated(["as_of", "customer_id"]).any(), "no duplicates"
    snapshot = int((as_of == SCORE_DATE).sum())
    risk = table(quick_start, "customer_risk")
    assert len(risk) == snapshot, "every customer of the score date scored once"
    assert risk["customer_key"].is_unique
    registry = table(quick_start, "model_registry")
    current = registry[registry["is_current"]]
    assert len(current) == 1 and set(risk["model_version"]) == set(current["model_version"])


def test_summary_gold_tables_report_and_catalog(quick_start):
    assert "disloyalty pie" in quick_start.stdout, quick_start.stdout
    assert "oracle" in quick_start.stdout, "truth.json beside the sample gives the oracle AUC"
    for gold in GOLD:
        assert len(table(quick_start, gold)) > 0, f"{gold} has rows"
    assert (quick_start.lake / "reports" / SCORE_DATE / "index.html").is_file(), "the report of the score date"
    assert (quick_start.lake / "spark-warehouse" / "effortlens.db").is_dir(), \
        "the catalog database of the gold tables lives in the lake"
    assert not (quick_start.folder / "spark-warehouse").exists(), "nothing is left in the user's folder"
    runs = table(quick_start, "runs")
    assert set(runs["command"]) == {"pipeline"} and set(runs["status"]) == {"succeeded"}
