"""Writes the cohort example: a static churn export as a company would hand it over.

    python3 data-samples/examples/cohort/make_cohort.py   # seeded: rewrites identical files

customers.csv       one row per customer: signup date, plan, monthly charge, region, contract
churn_export.csv    one row per customer per quarterly cohort date (2024-01-01 .. 2025-01-01) for
                    every customer signed up before the date and not yet churned: usage and service
                    calls of the 90 days before the date, tenure, and whether the customer churned
                    in the 89 days after it (with the date). The last cohort (2025-01-01) is the
                    current base: its churn columns are empty (not known yet).

Churn depends on service calls (unresolved ones most, recent ones more), logins and their recency,
so a model can learn it.
Only the standard library is used; the seed fixes every value.
"""

import csv
import math
import random
from datetime import date, timedelta
from pathlib import Path

SEED = 25
COHORTS = [date(2024, 1, 1), date(2024, 4, 1), date(2024, 7, 1), date(2024, 10, 1), date(2025, 1, 1)]
INITIAL = 200
NEW_PER_QUARTER = 30
PLANS = [("basic", 19.0), ("standard", 29.0), ("premium", 49.0)]
REGIONS = ["north", "south", "east", "west"]
OUT = Path(__file__).resolve().parent


def poisson(rng, mean):
    # Knuth; the means here are small
    limit, k, p = math.exp(-mean), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def customers(rng):
    out = []
    for i in range(INITIAL):
        out.append(date(2021, 1, 1) + timedelta(days=rng.randrange(0, 1003)))  # .. 2023-09-30
    for start in COHORTS:
        quarter = start - timedelta(days=92)  # signups in the quarter before each cohort date
        for _ in range(NEW_PER_QUARTER):
            out.append(quarter + timedelta(days=rng.randrange(0, 85)))
    rows = []
    for i, signup in enumerate(sorted(out)):
        plan, fee = PLANS[rng.choices(range(3), weights=[5, 3, 2])[0]]
        rows.append(
            {
                "customer_id": f"C{i + 1:04d}",
                "signup_date": signup.isoformat(),
                "plan": plan,
                "monthly_charge": f"{fee:.2f}",
                "region": rng.choice(REGIONS),
                "contract": rng.choice(["monthly", "monthly", "annual"]),
                "_engagement": rng.lognormvariate(0, 0.6),
                "_frustration": rng.random(),
            }
        )
    return rows


def cohort_row(rng, customer, cohort):
    signup = date.fromisoformat(customer["signup_date"])
    tenure = (cohort - signup).days
    window = min(90, tenure)
    logins = poisson(rng, customer["_engagement"] * 25 * window / 90)
    since = min(window, 1 + int(rng.expovariate(1 / (4 + 20 / customer["_engagement"])))) if logins else None
    calls = poisson(rng, 0.3 + 3.5 * customer["_frustration"] ** 2)
    unresolved = sum(rng.random() < 0.15 + 0.5 * customer["_frustration"] for _ in range(calls))
    # the calls of a quarter are one issue: the last one this many days before the cohort date
    last_call = min(window, 1 + int(rng.expovariate(1 / 25))) if calls else None
    score = -2.6 + 0.3 * calls + 0.7 * unresolved - 0.035 * logins + (0.02 * since if since else 1.2)
    score += 0.8 if last_call and last_call <= 30 and unresolved else 0.0
    churned = rng.random() < 1 / (1 + math.exp(-score))
    current = cohort == COHORTS[-1]
    return {
        "customer_id": customer["customer_id"],
        "cohort_date": cohort.isoformat(),
        "tenure_days": tenure,
        "logins_90d": logins,
        "days_since_last_login": "" if since is None else since,
        "service_calls_90d": calls,
        "days_since_last_call": "" if last_call is None else last_call,
        "unresolved_calls_90d": unresolved,
        "churn_flag": "" if current else ("Y" if churned else "N"),
        "churn_date": ""
        if current or not churned
        else (cohort + timedelta(days=rng.randint(1, 89))).isoformat(),
    }


def main():
    rng = random.Random(SEED)
    people = customers(rng)
    export, gone = [], set()
    for cohort in COHORTS:
        for customer in people:
            if customer["customer_id"] in gone or date.fromisoformat(customer["signup_date"]) >= cohort:
                continue
            row = cohort_row(rng, customer, cohort)
            export.append(row)
            if row["churn_flag"] == "Y":
                gone.add(customer["customer_id"])
    with open(OUT / "customers.csv", "w", newline="") as f:
        fields = ["customer_id", "signup_date", "plan", "monthly_charge", "region", "contract"]
        writer = csv.DictWriter(f, fields, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(people)
    with open(OUT / "churn_export.csv", "w", newline="") as f:
        writer = csv.DictWriter(f, list(export[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(export)
    for cohort in COHORTS:
        rows = [r for r in export if r["cohort_date"] == cohort.isoformat()]
        churners = sum(r["churn_flag"] == "Y" for r in rows)
        print(f"{cohort}: {len(rows)} customers, {churners} churned")


if __name__ == "__main__":
    main()
