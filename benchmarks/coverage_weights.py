"""Coverage study: do the bootstrap weight intervals cover what they claim?

Simulates Delphi panels of 8, 15 and 40 experts from a known population and counts how
often the 95 % interval of each lowest-level combined weight contains the population
weight.  The population: each indicator of the sample framework
(``data_samples/framework_complaint_handling.yaml``) gets the score distribution (1–5)
observed for it in the last round of ``data_samples/delphi_ratings.csv``; experts draw
their scores independently from these distributions.  The population weight is the
weighting method applied to the population mean scores (for ``rank_sum``, to the
population mean within-group ranks, estimated once from 200,000 simulated experts).

Percentile, BCa and expanded-percentile (Hesterberg 2015) intervals are computed from the
*same* resamples (same seed) and printed side by side with their differences from the
percentile baseline; ``MC s.e.`` is the binomial Monte-Carlo standard error of one
indicator's coverage at the nominal level; ``exp min/max`` the range over indicators.

    python benchmarks/coverage_weights.py [--sims 1000] [--n-boot 1000] [--method ahp_mean_diff]

No timing here; the output is the coverage table quoted in docs/delphi.md.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cslib.core.framework import load_framework  # noqa: E402
from cslib.delphi.io import Ratings, read_ratings  # noqa: E402
from cslib.delphi.weights import derive_weights  # noqa: E402


def population(fw, method: str, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Score probabilities per indicator (K × 5) and the population combined weights."""
    sample = read_ratings(ROOT / "data_samples" / "delphi_ratings.csv", fw)
    x = sample.matrix(sample.rounds[-1], list(fw.ids)).to_numpy()
    probs = np.stack([(x == s).mean(axis=0) for s in range(1, 6)], axis=1)
    big = draw(probs, 200_000, rng)
    # the population weight: the method applied to (a very large panel ≈) the population
    truth = derive_weights(as_ratings(fw, big), method=method, n_boot=0).combined()
    if method != "rank_sum":
        means = probs @ np.arange(1, 6)
        exact = derive_weights(as_ratings(fw, np.tile(means, (2, 1))), method=method, n_boot=0)
        truth = exact.combined()
    return probs, truth.to_numpy()


def draw(probs: np.ndarray, m: int, rng: np.random.Generator) -> np.ndarray:
    cum = probs.cumsum(axis=1)
    u = rng.random((m, probs.shape[0], 1))
    return 1 + (u > cum[None, :, :]).sum(axis=2)


def as_ratings(fw, x: np.ndarray) -> Ratings:
    m, k = x.shape
    data = pd.DataFrame(
        {
            "round": 1,
            "expert_id": np.repeat([f"E{e:06d}" for e in range(m)], k),
            "indicator_id": np.tile(list(fw.ids), m),
            "score": x.ravel(),
        }
    )
    return Ratings(data=data, framework=fw)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sims", type=int, default=1000)
    ap.add_argument("--n-boot", type=int, default=1000)
    ap.add_argument("--method", default="ahp_mean_diff")
    ap.add_argument("--sizes", default="8,15,40")
    ap.add_argument("--seed", type=int, default=20261123)
    args = ap.parse_args()
    fw = load_framework(ROOT / "data_samples" / "framework_complaint_handling.yaml")
    rng = np.random.default_rng(args.seed)
    probs, truth = population(fw, args.method, rng)
    print(
        f"method={args.method}  sims={args.sims}  n_boot={args.n_boot}  nominal=95.0%  "
        f"indicators={truth.size} (lowest level, combined weights)"
    )
    print(
        f"{'experts':>8} {'pct %':>7} {'BCa %':>7} {'exp %':>7} {'BCa-pct':>8} {'exp-pct':>8} "
        f"{'MC s.e.':>8} {'exp min':>8} {'exp max':>8} {'BCa ±2':>7} {'exp ±2':>7}"
    )
    for m in (int(s) for s in args.sizes.split(",")):
        hit = {c: np.zeros(truth.size) for c in ("bca", "percentile", "expanded")}
        for s in range(args.sims):
            ratings = as_ratings(fw, draw(probs, m, rng))
            for ci in hit:
                res = derive_weights(
                    ratings, method=args.method, n_boot=args.n_boot, seed=s, ci_method=ci
                )
                leaves = res.table[res.table["is_leaf"]]
                lo = leaves["combined_lo"].to_numpy()
                hi = leaves["combined_hi"].to_numpy()
                hit[ci] += (lo <= truth) & (truth <= hi)
        pct, bca, exp = (hit[c] / args.sims for c in ("percentile", "bca", "expanded"))
        se = np.sqrt(0.95 * 0.05 / args.sims)  # per indicator, at nominal coverage

        def ok(c: np.ndarray) -> str:
            return "yes" if abs(c.mean() - 0.95) <= 0.02 else "no"

        print(
            f"{m:>8d} {100 * pct.mean():7.1f} {100 * bca.mean():7.1f} {100 * exp.mean():7.1f} "
            f"{100 * (bca.mean() - pct.mean()):+8.1f} {100 * (exp.mean() - pct.mean()):+8.1f} "
            f"{100 * se:8.1f} {100 * exp.min():8.1f} {100 * exp.max():8.1f} "
            f"{ok(bca):>7} {ok(exp):>7}",
            flush=True,
        )


if __name__ == "__main__":
    main()
