"""Coverage of the 95 % ROI interval of notebook 06 on simulated staggered panels.

Each replication simulates a weekly agent panel with a known training effect on two KPIs
(average handle time in seconds per call and repeat tickets per agent-week, with correlated
noise), staggered training cohorts and agents not yet or never trained, then runs the chain
of notebook 06 — Callaway–Sant'Anna fits of both KPIs together (``att_gt_many``, not-yet-trained
comparisons), joint multiplier-bootstrap draws, money values, a one-year horizon and known
fully loaded costs — and checks whether the 95 % percentile interval of ROI % covers the true
ROI (the ROI of the true effects with the same costs, values and horizon).

Scenarios: a homogeneous effect; effects that differ by cohort (the true ATT is then the
cohort-share weighted mean over post-treatment cells, the estimand of the simple aggregation);
a small panel.  Prints coverage with its Monte Carlo standard error
sqrt(c (1 − c) / reps).  Seeded, so the table is reproducible.

    python benchmarks/coverage_roi.py            # 400 replications per scenario (~5 min on 1 core)
    python benchmarks/coverage_roi.py --reps 100
"""

from __future__ import annotations

import argparse
import math
import time

import numpy as np
import pandas as pd

from cslib.roi.analysis import Horizon, benefit_cost, course_roi
from cslib.roi.costs import CourseCosts
from cslib.roi.io import KpiValues
from cslib.stats.staggered import att_gt_many

WEEKS = 20
#: money per unit per agent-week: 0.0125 per second × 200 calls; 12 per repeat ticket
MONEY = {"aht_s": 2.5, "repeat_tickets": 12.0}
DIRECTION = {"aht_s": -1, "repeat_tickets": -1}
HORIZON = Horizon(52)


def values() -> KpiValues:
    return KpiValues(
        pd.DataFrame(
            {
                "kpi": ["aht_s", "repeat_tickets"],
                "unit": ["s", "ticket"],
                "direction": [-1, -1],
                "value": [0.0125, 12.0],
                "volume": [200.0, 1.0],
                "intangible": [False, False],
                "money_per_unit": [MONEY["aht_s"], MONEY["repeat_tickets"]],
                "source_note": ["", ""],
                "row": [2, 3],
            }
        )
    )


def simulate(
    rng: np.random.Generator,
    cohorts: dict[int, int],
    n_never: int,
    effects: dict[str, dict[int, float]],
) -> pd.DataFrame:
    """Agent × week panel: agent and week effects, correlated noise, effect from the cohort's
    first week on (``cohorts``: first week → agents)."""
    first = np.concatenate(
        [np.full(n, g, float) for g, n in cohorts.items()] + [np.full(n_never, np.nan)]
    )
    n = len(first)
    week = np.tile(np.arange(1, WEEKS + 1), n)
    agent = np.repeat(np.arange(n), WEEKS)
    g = np.repeat(first, WEEKS)
    treated = ~np.isnan(g) & (week >= np.nan_to_num(g, nan=np.inf))
    shock = rng.standard_normal((n * WEEKS, 2)) @ np.linalg.cholesky([[1, 0.4], [0.4, 1]]).T
    week_fx = rng.normal(0, 2, WEEKS)
    out = {"agent": agent, "week": week, "g": g}
    for k, (kpi, sd_agent, sd) in enumerate((("aht_s", 15.0, 12.0), ("repeat_tickets", 0.8, 1.0))):
        base = 200.0 if kpi == "aht_s" else 3.0
        fx = np.repeat(rng.normal(0, sd_agent, n), WEEKS)
        eff = np.zeros(n * WEEKS)
        for cohort, theta in effects[kpi].items():
            eff[treated & (g == cohort)] = theta
        scale = 1.0 if kpi == "aht_s" else 0.1
        out[kpi] = base + fx + week_fx[week - 1] * scale + sd * shock[:, k] + eff
    return pd.DataFrame(out)


def true_att(cohorts: dict[int, int], effect: dict[int, float]) -> float:
    """The simple aggregation's estimand: post cells weighted by cohort share."""
    w = {g: n * (WEEKS - g + 1) for g, n in cohorts.items()}
    return sum(w[g] * effect[g] for g in cohorts) / sum(w.values())


def one_rep(seed: int, scenario: dict, n_draws: int = 999) -> tuple[bool, float]:
    """(interval covers the true ROI, interval width in ROI points)."""
    rng = np.random.default_rng(seed)
    cohorts, n_never, effects = scenario["cohorts"], scenario["never"], scenario["effects"]
    panel = simulate(rng, cohorts, n_never, effects)
    fits = att_gt_many(
        panel,
        ["aht_s", "repeat_tickets"],
        "agent",
        "week",
        "g",
        control_group="notyettreated",
        min_cohort_size=5,
        pretest=False,
    )
    n_trained = sum(cohorts.values())
    costs = CourseCosts("SIM", pd.DataFrame(), scenario["costs"], n_trained, 1.0, 1)
    r = course_roi(
        "SIM",
        fits,
        costs,
        values(),
        HORIZON,
        kpis=["aht_s", "repeat_tickets"],
        n_draws=n_draws,
        seed=seed + 1,
    )
    true_b = sum(
        DIRECTION[k]
        * MONEY[k]
        * n_trained
        * HORIZON.effective_weeks
        * true_att(cohorts, effects[k])
        for k in MONEY
    )
    truth = benefit_cost(true_b, scenario["costs"]).roi_percent
    lo, hi = r.roi_ci
    return bool(lo <= truth <= hi), hi - lo


SCENARIOS = {
    "homogeneous, 150 agents": {
        "cohorts": {6: 30, 9: 30, 12: 30, 15: 30},
        "never": 30,
        "effects": {
            "aht_s": {6: -6.0, 9: -6.0, 12: -6.0, 15: -6.0},
            "repeat_tickets": {6: -0.3, 9: -0.3, 12: -0.3, 15: -0.3},
        },
        "costs": 150_000.0,
    },
    "effects differ by cohort": {
        "cohorts": {6: 30, 9: 30, 12: 30, 15: 30},
        "never": 30,
        "effects": {
            "aht_s": {6: -9.0, 9: -6.0, 12: -4.0, 15: -2.0},
            "repeat_tickets": {6: -0.5, 9: -0.3, 12: -0.2, 15: 0.0},
        },
        "costs": 150_000.0,
    },
    "small panel, 50 agents": {
        "cohorts": {6: 10, 10: 10, 14: 10},
        "never": 20,
        "effects": {
            "aht_s": {6: -6.0, 10: -6.0, 14: -6.0},
            "repeat_tickets": {6: -0.3, 10: -0.3, 14: -0.3},
        },
        "costs": 40_000.0,
    },
}


def coverage(
    scenario: dict, reps: int, seed: int, n_draws: int = 999
) -> tuple[float, float, float]:
    """(coverage, its Monte Carlo SE, median width)."""
    hits, widths = [], []
    for i in range(reps):
        hit, width = one_rep(seed + 1000 * i, scenario, n_draws)
        hits.append(hit)
        widths.append(width)
    c = float(np.mean(hits))
    return c, math.sqrt(c * (1 - c) / reps), float(np.median(widths))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reps", type=int, default=400)
    args = ap.parse_args()
    print(f"nominal 0.95, {args.reps} replications per scenario, 999 joint draws each")
    print(f"{'scenario':<28} {'coverage':>8} {'MC SE':>7} {'median width (ROI pts)':>23} {'s':>6}")
    for name, sc in SCENARIOS.items():
        t0 = time.perf_counter()
        c, se, w = coverage(sc, args.reps, seed=20261207)
        print(f"{name:<28} {c:>8.3f} {se:>7.3f} {w:>23.1f} {time.perf_counter() - t0:>6.1f}")


if __name__ == "__main__":
    main()
