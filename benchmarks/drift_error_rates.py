"""Error rates of notebook 05's drift rules, by simulation on the sample's own design.

Issue 25: the old rule (leniency against the mean of *all* inspectors that month, change
against the first two months, flagged at ±4 points) raised 0.58 % false alarms per
inspector-month, flagged a true step of +4 in 23–43 % of months and +6 in 77–92 %, and
estimated the change 6–16 % too small.  This script simulates data sets on the sample's design
(who scored whom in which month, exactly as in ``data_samples/monitoring/qa_records.csv``:
4,099 routine calls, 147 agents, 8 inspectors, 6 months, rotation after month 3) with the
sample generator's components (agent 9, inspector 4, agent × inspector 1, residual 64) and

* ``in-control`` — no inspector changes;
* ``step+4`` / ``step+6`` — one inspector (each of the eight in turn) scores 4 or 6 points more
  leniently from month 3 on (the first month after the baseline),

and prints, for the old threshold rule and the new chart
(:func:`cslib.monitoring.drift.drift_monitor`: leave-one-out leniency, self-starting EWMA,
limit calibrated to 0.1 false alarms per inspector-year; inspectors found drifting
leave the others' references):

* false alarms per inspector-month (charted months 3–6) and the share of six-month reports that
  flag some inspector falsely; for the chart also the rate its calibration predicts for these
  four months (:math:`2\\Phi(-h/\\sigma_t)` per month);
* the share of drifting months flagged, and the share of drifting inspectors flagged within
  3 months (months 3–5), with the chart's predicted detection probability;
* the bias of the estimated change, mean(estimate) / true − 1, over the drifting months.

Figures are rates and ratios (no timings).  Seeds are fixed.

    python benchmarks/drift_error_rates.py [--reps 200]

Run time: about 4 minutes of CPU for 300 repetitions per scenario (the figures in
``docs/qa_monitoring.md``; 25 minutes of wall time on the shared, loaded machine).
"""

from __future__ import annotations

import argparse
import math
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats

from cslib.monitoring import analysis as mon
from cslib.monitoring import io as mio
from cslib.monitoring.drift import drift_monitor
from cslib.stats.drift_ewma import ewma_limit
from cslib.stats.drift_power import detection_probability

ROOT = Path(__file__).resolve().parents[1]
TRUE = {"agent": 9.0, "inspector": 4.0, "agent_inspector": 1.0, "residual": 64.0}
RATE, LAM, BASE, THRESHOLD = 0.1, 0.3, 2, 4.0


def design() -> pd.DataFrame:
    rec = mio.read_qa_records(ROOT / "data_samples" / "monitoring" / "qa_records.csv")
    r = mon.routine(rec)
    out = pd.DataFrame(
        {
            "agent_id": r["agent_id"].to_numpy(str),
            "inspector_id": r["inspector_id"].to_numpy(str),
            "month": r["month"].astype(str).to_numpy(str),
            "must_check": False,
        }
    )
    return out


def simulate(d: pd.DataFrame, rng, drifter: str | None, step: float) -> np.ndarray:
    _, ac = np.unique(d["agent_id"], return_inverse=True)
    _, rc = np.unique(d["inspector_id"], return_inverse=True)
    _, cc = np.unique(ac * (rc.max() + 1) + rc, return_inverse=True)
    y = 80 + math.sqrt(TRUE["residual"]) * rng.standard_normal(len(d))
    y += math.sqrt(TRUE["agent"]) * rng.standard_normal(ac.max() + 1)[ac]
    y += math.sqrt(TRUE["inspector"]) * rng.standard_normal(rc.max() + 1)[rc]
    y += math.sqrt(TRUE["agent_inspector"]) * rng.standard_normal(cc.max() + 1)[cc]
    if drifter is not None:
        months = sorted(d["month"].unique())
        late = d["month"].isin(months[BASE:]) & d["inspector_id"].eq(drifter)
        y = y + step * late.to_numpy()
    return y


def new_rule(d: pd.DataFrame, y: np.ndarray) -> pd.DataFrame:
    res = drift_monitor(
        d.assign(score=y), baseline_months=BASE, false_alarms_per_year=RATE, smoothing=LAM
    )
    t = res.table
    t.attrs["se"] = res.typical_se
    return t


def old_rule(d: pd.DataFrame, y: np.ndarray) -> pd.DataFrame:
    rec = d.assign(score=y)
    return mon.inspector_drift(rec, threshold=THRESHOLD, baseline_months=BASE)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--reps", type=int, default=200)
    args = ap.parse_args()
    d = design()
    inspectors = sorted(d["inspector_id"].unique())
    months = sorted(d["month"].unique())
    charted = months[BASE:]
    big_l = ewma_limit(LAM, 12 / RATE)
    h = big_l * math.sqrt(LAM / (2 - LAM))
    sig = [math.sqrt(LAM / (2 - LAM) * (1 - (1 - LAM) ** (2 * t))) for t in range(1, 5)]
    predicted = float(np.mean([2 * stats.norm.sf(h / s) for s in sig]))
    print(f"design: {len(d)} routine calls, {d['agent_id'].nunique()} agents, "
          f"{len(inspectors)} inspectors, months {months[0]}..{months[-1]}")  # fmt: skip
    print(f"chart: lambda={LAM}, L={big_l:.4f} (in-control ARL {12 / RATE:.0f} months = "
          f"{RATE} false alarms per inspector-year), baseline {BASE} months")  # fmt: skip
    for name, step in (("in-control", 0.0), ("step+4", 4.0), ("step+6", 6.0)):
        rng = np.random.default_rng({"in-control": 1, "step+4": 2, "step+6": 3}[name])
        res: dict[str, list[float]] = {}
        ses = []
        for rep in range(args.reps):
            drifter = None if step == 0 else inspectors[rep % len(inspectors)]
            y = simulate(d, rng, drifter, step)
            for rule, t in (("old", old_rule(d, y)), ("new", new_rule(d, y))):
                t = t[t["month"].isin(charted)]
                if rule == "new":
                    ses.append(t.attrs.get("se", math.nan))
                other = t[t["inspector_id"] != drifter]
                res.setdefault(f"{rule} false/insp-month", []).append(other["flagged"].mean())
                res.setdefault(f"{rule} reports with a false flag", []).append(
                    float(other["flagged"].any())
                )
                if drifter is not None:
                    mine = t[t["inspector_id"] == drifter]
                    res.setdefault(f"{rule} drifting months flagged", []).append(
                        mine["flagged"].mean()
                    )
                    res.setdefault(f"{rule} detected within 3 months", []).append(
                        float(mine[mine["month"].isin(charted[:3])]["flagged"].any())
                    )
                    res.setdefault(f"{rule} change bias", []).append(
                        mine["change"].mean() / step - 1
                    )
        print(f"\n{name} ({args.reps} data sets)")
        for k, v in res.items():
            a = np.asarray(v, dtype=float)
            se = a.std(ddof=1) / math.sqrt(a.size)
            print(f"  {k:34s} {a.mean():8.2%}  (MC SE {se:.2%})")
        if step == 0:
            print(f"  {'new predicted false/insp-month':34s} {predicted:8.2%}")
        else:
            p = detection_probability(
                step,
                float(np.median(ses)),
                baseline_months=BASE,
                within=3,
                smoothing=LAM,
                limit=big_l,
            )
            print(f"  {'new predicted within 3 months':34s} {p:8.2%}")


if __name__ == "__main__":
    main()
