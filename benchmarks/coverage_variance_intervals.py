"""Coverage of 95 % intervals for the REML variance components of notebook 05's design.

Issue 25: in a simulation from the sample's own design the parametric-bootstrap percentile
interval of the *inspector* component covered the truth 78 % of the time.  This script
simulates data sets with known components on

* ``sample``  — the sample's own design (4,099 routine calls, 147 agents, 8 inspectors: who
  scored whom exactly as in ``data_samples/monitoring/qa_records.csv``);
* ``small``   — 40 agents × 10 calls, 4 inspectors (each agent's calls split at random);
* ``large-r`` — 60 agents × 10 calls, 20 inspectors (to show where the calibration improves),

with the components the sample generator used (agent 9, inspector 4, agent × inspector 1,
residual 64), fits REML and computes the profile-likelihood interval
(:func:`cslib.stats.gstudy_intervals.profile_intervals`, lme4's ``confint(method =
"profile")``) and, on the small designs, the parametric-bootstrap percentile interval
(:func:`cslib.stats.gstudy.reml_intervals`).  It prints, per design, component and method, the
share of intervals containing the truth, the Monte Carlo standard error
:math:`\\sqrt{c(1-c)/R}` and the shares missing below and above.

    python benchmarks/coverage_variance_intervals.py [--reps-sample 20] [--reps-small 30]
        [--boot 30]

Run time: 35 minutes measured with the defaults on the shared 2-core machine under a load of
about 14 (sample 685 s, small 1,313 s, large-r 114 s), i.e. roughly 5 minutes on an unloaded
core; the bootstrap of the small design is most of it (``--boot 0`` skips it).  With
``--reps-sample 120 --reps-small 120 --boot 0`` (the figures in ``docs/qa_monitoring.md``, MC
SE about 2 %): sample 259 s, small 3,116 s, large-r 251 s under a load of about 10.
``--designs`` runs a subset.  Seeds are fixed.
"""

from __future__ import annotations

import argparse
import math
import time
from pathlib import Path

import numpy as np

from cslib.stats.gstudy import gstudy_reml, reml_intervals
from cslib.stats.gstudy_intervals import profile_intervals

ROOT = Path(__file__).resolve().parents[1]
TRUE = {"agent": 9.0, "inspector": 4.0, "agent_inspector": 1.0, "residual": 64.0}


def sample_design() -> tuple[np.ndarray, np.ndarray]:
    from cslib.monitoring import analysis as mon
    from cslib.monitoring import io as mio

    r = mon.routine(mio.read_qa_records(ROOT / "data_samples" / "monitoring" / "qa_records.csv"))
    return r["agent_id"].to_numpy(str), r["inspector_id"].to_numpy(str)


def random_design(n_agents: int, calls: int, n_insp: int, seed: int):
    rng = np.random.default_rng(seed)
    a = np.repeat(np.arange(n_agents), calls)
    # each agent mostly with one inspector, some calls with others (as after a rotation)
    home = rng.integers(0, n_insp, n_agents)
    r = np.where(rng.random(a.size) < 0.6, home[a], rng.integers(0, n_insp, a.size))
    return a, r


def simulate(a: np.ndarray, r: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    _, ac = np.unique(a, return_inverse=True)
    _, rc = np.unique(r, return_inverse=True)
    _, cc = np.unique(ac * (rc.max() + 1) + rc, return_inverse=True)
    y = 80 + math.sqrt(TRUE["residual"]) * rng.standard_normal(a.size)
    y += math.sqrt(TRUE["agent"]) * rng.standard_normal(ac.max() + 1)[ac]
    y += math.sqrt(TRUE["inspector"]) * rng.standard_normal(rc.max() + 1)[rc]
    y += math.sqrt(TRUE["agent_inspector"]) * rng.standard_normal(cc.max() + 1)[cc]
    return y


def run(name, a, r, reps, components, boot, seed):
    rng = np.random.default_rng(seed)
    hits: dict[tuple[str, str], list[int]] = {}
    t0 = time.perf_counter()
    for _ in range(reps):
        y = simulate(a, r, rng)
        prof = profile_intervals(a, r, y, components=components)
        for k in components:
            v = TRUE[k]
            side = -1 if v < prof.ci_low[k] else (1 if v > prof.ci_high[k] else 0)
            hits.setdefault((k, "profile"), []).append(side)
        if boot:
            g = gstudy_reml(a, r, y)
            bs = reml_intervals(a, r, g, n_resamples=boot, seed=int(rng.integers(1 << 31)))
            for k in components:
                v = TRUE[k]
                side = -1 if v < bs.ci_low[k] else (1 if v > bs.ci_high[k] else 0)
                hits.setdefault((k, f"bootstrap-{boot}"), []).append(side)
    secs = time.perf_counter() - t0
    n_r = len(np.unique(r))
    for (k, method), sides in hits.items():
        s = np.asarray(sides)
        c = float((s == 0).mean())
        se = math.sqrt(c * (1 - c) / s.size)
        print(
            f"{name:8s} {len(np.unique(a)):4d} {n_r:3d} {a.size:5d}  {k:16s} {method:13s} "
            f"{s.size:4d}  {c:6.1%}  {se:5.1%}  {(s == -1).mean():6.1%} {(s == 1).mean():6.1%}"
        )
    print(f"  ({name}: {secs:.0f} s)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--reps-sample", type=int, default=20)
    ap.add_argument("--reps-small", type=int, default=30)
    ap.add_argument("--boot", type=int, default=30)
    ap.add_argument(
        "--designs", default="sample,small,large-r", help="comma-separated subset to run"
    )
    args = ap.parse_args()
    designs = set(args.designs.split(","))
    print("design   agts insp calls  component        method        reps  cover  MC-SE  "
          "below  above")  # fmt: skip
    if "sample" in designs:
        a, r = sample_design()
        run("sample", a, r, args.reps_sample, ["inspector", "agent"], 0, 11)
    if "small" in designs:
        a, r = random_design(40, 10, 4, 5)
        comps = ["agent", "inspector", "residual"]
        run("small", a, r, args.reps_small, comps, args.boot, 12)
    if "large-r" in designs:
        a, r = random_design(60, 10, 20, 6)
        run("large-r", a, r, args.reps_small, ["inspector"], 0, 13)


if __name__ == "__main__":
    main()
