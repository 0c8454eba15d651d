"""Coverage of the TWFE cluster-robust 95 % interval by the number of treated agents.

Simulates staggered panels (60 agents, 20 weeks, agent and week effects, AR(1) errors within
agent, no treatment effect) with 1, 2, 3, 5, 10 and 20 treated agents and reports how often
the 95 % interval of :func:`cslib.stats.panel.twfe` covers the true effect 0.  This is the
evidence behind :data:`cslib.stats.panel.MIN_TREATED_CLUSTERS`: with few treated clusters the
cluster-robust interval covers far less often than stated (MacKinnon & Webb 2017).

Run: ``.venv/bin/python benchmarks/coverage_twfe_few_treated.py [n_reps]``
"""

from __future__ import annotations

import sys

import numpy as np
import pandas as pd

from cslib.stats.panel import twfe


def panel(rng: np.random.Generator, n_treated: int, n_agents: int = 60, n_weeks: int = 20):
    agent = np.repeat(np.arange(n_agents), n_weeks)
    week = np.tile(np.arange(n_weeks), n_agents)
    e = np.empty((n_agents, n_weeks))
    e[:, 0] = rng.standard_normal(n_agents)
    for t in range(1, n_weeks):  # serially correlated errors: what clustering is for
        e[:, t] = 0.6 * e[:, t - 1] + rng.standard_normal(n_agents) * 0.8
    start = np.full(n_agents, 10**6)
    start[:n_treated] = rng.integers(6, 15, n_treated)
    y = rng.standard_normal(n_agents)[agent] + 0.1 * week + e.ravel()
    d = (week >= start[agent]).astype(float)
    return pd.DataFrame({"agent_id": agent, "week": week, "y": y, "D": d})


def main(n_reps: int = 400) -> None:
    rng = np.random.default_rng(20261207)
    print("treated agents  coverage of the 95% interval  (reps)")
    for k in (1, 2, 3, 5, 10, 20):
        cover = 0
        for _ in range(n_reps):
            r = twfe(panel(rng, k), "y", ["D"], min_treated_clusters=1)["D"]
            cover += r["ci_low"] <= 0 <= r["ci_high"]
        print(f"{k:>14}  {cover / n_reps:>27.3f}  ({n_reps})")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 400)
