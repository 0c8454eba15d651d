"""Generate the QA-monitoring sample data of notebook 05 (seeded, reproducible).

12 teams (10–16 agents each) over 6 months (2026-01 … 2026-06), 8 inspectors, each with one
or two teams per quarter; inspectors rotate after month 3, and about 10 % of routine calls are
scored by a stand-in inspector from another team, so agents and inspectors are partly crossed.

Known variance components of a routine call's score (points out of 100):

    agent 9 (SD 3), inspector 4 (SD 2), agent × inspector 1, residual 64 (SD 8)

plus integer rounding of the score (adds 1/12 to the residual).  Inspector QA06 drifts: from
month 3 on they score 1.5 points more leniently each month (+1.5, +3, +4.5, +6).  Must-check
calls (complaints, dissatisfied customers, about one agent in four a month) score 6 points
lower on average and are excluded from the G study.

Files written to ``data_samples/monitoring/``:

* ``qa_records.csv``  — call_id, agent_id, team, inspector_id, date, score, must_check
* ``agents.csv``      — agent_id, team, hire_date

Run: ``python data_samples/generate_monitoring_samples.py``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

SEED = 20260514
OUT = Path(__file__).resolve().parent / "monitoring"
TRUE = {"agent": 9.0, "inspector": 4.0, "agent_inspector": 1.0, "residual": 64.0}
MEAN = 78.0
MONTHS = pd.period_range("2026-01", periods=6, freq="M")
DRIFTER, DRIFT = "QA06", [0.0, 0.0, 1.5, 3.0, 4.5, 6.0]


def main() -> None:
    rng = np.random.default_rng(SEED)
    teams = [f"T{k:02d}" for k in range(1, 13)]
    inspectors = [f"QA{k:02d}" for k in range(1, 9)]
    sizes = rng.integers(10, 17, size=len(teams))
    agents = []
    for team, size in zip(teams, sizes, strict=True):
        for j in range(int(size)):
            agents.append((f"{team}A{j + 1:02d}", team))
    roster = pd.DataFrame(agents, columns=["agent_id", "team"])
    n_agents = len(roster)
    hire = pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 700, n_agents), "D")
    new = rng.random(n_agents) < 0.08  # a few agents join during the period
    hire = hire.where(
        ~new, pd.Timestamp("2026-04-01") + pd.to_timedelta(rng.integers(0, 40, n_agents), "D")
    )
    roster["hire_date"] = hire.strftime("%Y-%m-%d")

    agent_eff = dict(zip(roster["agent_id"], rng.normal(0, 3.0, n_agents), strict=True))
    insp_eff = dict(zip(inspectors, rng.normal(0, 2.0, len(inspectors)), strict=True))
    ai_eff: dict[tuple[str, str], float] = {}
    # quarter 1: QA01–QA04 two teams each, QA05–QA08 one team; quarter 2 rotates
    q1 = {t: inspectors[k // 2] if k < 8 else inspectors[k - 4] for k, t in enumerate(teams)}
    q2 = {t: inspectors[(inspectors.index(q1[t]) + 3) % 8] for t in teams}
    rows = []
    call = 0
    for m, month in enumerate(MONTHS):
        owner = q1 if m < 3 else q2
        days = month.days_in_month
        for agent, team, hired in roster.itertuples(index=False):
            start = pd.Timestamp(hired)
            if start > month.end_time:
                continue
            n_routine = int(rng.integers(3, 8))
            n_must = int(rng.random() < 0.25) + int(rng.random() < 0.05)
            for k in range(n_routine + n_must):
                must = k >= n_routine
                insp = owner[team]
                if not must and rng.random() < 0.10:
                    insp = inspectors[int(rng.integers(0, 8))]
                key = (agent, insp)
                if key not in ai_eff:
                    ai_eff[key] = rng.normal(0, 1.0)
                drift = DRIFT[m] if insp == DRIFTER else 0.0
                score = (
                    MEAN
                    + agent_eff[agent]
                    + insp_eff[insp]
                    + ai_eff[key]
                    + drift
                    + rng.normal(0, 8.0)
                    - (6.0 if must else 0.0)
                )
                day = int(rng.integers(1, days + 1))
                date = pd.Timestamp(year=month.year, month=month.month, day=day)
                if date < start:
                    date = start
                call += 1
                rows.append(
                    (
                        f"C{call:05d}",
                        agent,
                        team,
                        insp,
                        date.strftime("%Y-%m-%d"),
                        int(np.clip(np.rint(score), 0, 100)),
                        int(must),
                    )
                )
    records = pd.DataFrame(
        rows,
        columns=["call_id", "agent_id", "team", "inspector_id", "date", "score", "must_check"],
    )
    OUT.mkdir(parents=True, exist_ok=True)
    records.to_csv(OUT / "qa_records.csv", index=False)
    roster.to_csv(OUT / "agents.csv", index=False)
    print(f"{len(records)} calls, {n_agents} agents -> {OUT}")


if __name__ == "__main__":
    main()
