"""Generate the sample competency-assessment data set for the training-needs notebook.

Writes, under ``data_samples/needs/``:

``ratings.csv``
    Long format ``agent_id, team, source, indicator_id, score``: ~300 agents in 12 teams
    rated on the 11 second-level indicators of the complaint-handling framework
    (A1..A4, B1..B4, C1..C3) on a 1–5 scale by up to four sources (self, leader, qa,
    peer).  Teams differ realistically (each team has its own strengths and weak
    spots), self-ratings are lenient, a few agents lack a peer or QA rating, and two
    agents have no self-assessment.
``target_profiles.csv``
    ``post, indicator_id, target``: the required level per indicator for the
    complaint-handling post and for the general hotline post.

Fixed seed; re-running gives byte-identical files.  Run from the project root::

    .venv/bin/python data_samples/generate_needs_samples.py
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

SEED = 20261123
OUT = Path(__file__).resolve().parent / "needs"
LEAVES = ("A1", "A2", "A3", "A4", "B1", "B2", "B3", "B4", "C1", "C2", "C3")
SOURCES = ("self", "leader", "qa", "peer")
N_TEAMS = 12

# Centre-wide typical level per indicator (true ability on 1–5): sales/offer (A4),
# reflective practice (C2) and self-motivation (B4) are the weak spots of the centre.
BASE = dict(
    zip(LEAVES, (3.75, 3.85, 3.55, 3.35, 3.60, 3.70, 3.95, 3.60, 3.70, 3.30, 3.80), strict=True)
)
# Rater bias per source (self-assessments are lenient, QA is strict).
BIAS = {"self": 0.40, "leader": 0.0, "qa": -0.15, "peer": 0.10}
NOISE = {"self": 0.45, "leader": 0.35, "qa": 0.35, "peer": 0.45}

TARGETS = {
    "complaint_handling": (4.0, 4.0, 4.5, 4.0, 4.5, 4.0, 3.5, 3.5, 4.0, 4.0, 4.0),
    "general_hotline": (4.0, 4.0, 4.0, 3.5, 4.0, 3.5, 3.5, 3.5, 3.5, 3.5, 4.0),
}


def main() -> None:
    rng = np.random.default_rng(SEED)
    OUT.mkdir(exist_ok=True)
    sizes = rng.integers(22, 29, size=N_TEAMS)
    team_effect = rng.normal(0.0, 0.25, size=(N_TEAMS, len(LEAVES)))
    team_level = rng.normal(0.0, 0.15, size=N_TEAMS)
    base = np.array([BASE[i] for i in LEAVES])
    rows: list[tuple[str, str, str, str, int]] = []
    agent_no = 0
    for t in range(N_TEAMS):
        team = f"T{t + 1:02d}"
        for _ in range(int(sizes[t])):
            agent_no += 1
            agent = f"A{agent_no:04d}"
            ability = (
                base
                + team_level[t]
                + team_effect[t]
                + rng.normal(0.0, 0.30)
                + rng.normal(0.0, 0.20, size=len(LEAVES))
            )
            u = rng.random()
            missing_source = "peer" if u < 0.04 else "self" if u < 0.047 else None
            qa_gaps = rng.random(len(LEAVES)) < (0.15 if rng.random() < 0.03 else 0.0)
            for source in SOURCES:
                if source == missing_source:
                    continue
                raw = ability + BIAS[source] + rng.normal(0.0, NOISE[source], size=len(LEAVES))
                score = np.clip(np.rint(raw), 1, 5).astype(int)
                for k, ind in enumerate(LEAVES):
                    if source == "qa" and qa_gaps[k]:
                        continue
                    rows.append((agent, team, source, ind, int(score[k])))
    with open(OUT / "ratings.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(("agent_id", "team", "source", "indicator_id", "score"))
        w.writerows(rows)
    with open(OUT / "target_profiles.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(("post", "indicator_id", "target"))
        for post, targets in TARGETS.items():
            for ind, target in zip(LEAVES, targets, strict=True):
                w.writerow((post, ind, f"{target:.1f}"))
    print(f"wrote {len(rows)} ratings of {agent_no} agents in {N_TEAMS} teams to {OUT}")


if __name__ == "__main__":
    main()
