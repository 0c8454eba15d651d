"""Benchmark: G study + D study on 5 million call records.

Target (issue 14): under 10 s, met by Henderson's method I (:func:`gstudy_henderson`, the
ANOVA-type estimator of the routine design).  REML (:func:`gstudy_reml`, used in the report
for a team-sized data set) is timed on ``REML_RECORDS`` records: its sparse factorisation grows
with the number of agent–inspector pairs and does not reach 5 million records in seconds.  Baseline run side by side on the same data: a pandas groupby
of the scores by agent (mean, variance, count), the least one would compute for any
monitoring summary.  Prints both times and their ratio.

Run: ``python benchmarks/bench_monitoring.py [n_records]``.
"""

from __future__ import annotations

import sys
import time

import numpy as np
import pandas as pd

from cslib.stats.gstudy import calls_needed, dstudy, gstudy_henderson, gstudy_reml

REML_RECORDS = 20_000


def make(n: int, n_agents: int = 20_000, n_inspectors: int = 200, seed: int = 1):
    rng = np.random.default_rng(seed)
    agent = rng.integers(0, n_agents, n)
    # each agent has a home inspector (team advisor) and 10 % of calls by another one
    home = agent % n_inspectors
    other = rng.integers(0, n_inspectors, n)
    insp = np.where(rng.random(n) < 0.1, other, home)
    y = (
        78
        + 3 * rng.standard_normal(n_agents)[agent]
        + 2 * rng.standard_normal(n_inspectors)[insp]
        + 1
        * rng.standard_normal(n_agents * n_inspectors // 100 + n_inspectors)[
            (agent * 7 + insp) % (n_agents * n_inspectors // 100 + n_inspectors)
        ]
        + 8 * rng.standard_normal(n)
    )
    return agent, insp, y


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5_000_000
    agent, insp, y = make(n)
    t0 = time.perf_counter()
    g = gstudy_henderson(agent, insp, y)
    d = dstudy(g, np.arange(1, 41), 1)
    need = calls_needed(g, 0.8, n_inspectors=2)
    t_hend = time.perf_counter() - t0
    small = make(REML_RECORDS, n_agents=800, n_inspectors=40)
    t0 = time.perf_counter()
    gr = gstudy_reml(*small)
    t_reml = time.perf_counter() - t0
    t0 = time.perf_counter()
    pd.DataFrame({"agent": agent, "score": y}).groupby("agent")["score"].agg(
        ["mean", "var", "size"]
    )
    t_base = time.perf_counter() - t0
    print(f"records: {n:,}")
    print(f"Henderson I G study + D study: {t_hend:7.2f} s  ({t_hend / t_base:5.1f} x baseline)")
    print(f"baseline pandas groupby      : {t_base:7.2f} s")
    print(f"(REML G study on {REML_RECORDS:,} records: {t_reml:.2f} s)")
    print("components:", {k: round(v, 3) for k, v in g.estimate.items()})
    print("REML components (small):", {k: round(v, 3) for k, v in gr.estimate.items()})
    print(
        "E rho^2 at 4 calls:",
        round(float(d.g_coefficient[3]), 3),
        "| calls for 0.80 with 2 inspectors:",
        need.n_calls,
    )
    print("target < 10 s:", "met" if t_hend < 10 else "NOT met")


if __name__ == "__main__":
    main()
