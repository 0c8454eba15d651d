"""Benchmark: Cronbach's alpha with item statistics, against pingouin and the previous version.

Issue 13: the item table looped ``numpy.corrcoef`` per item and was about 2× slower than
``pingouin.cronbach_alpha`` (which computes alpha only).  The item statistics now come from
the one covariance matrix.  This script times, side by side on the same data (best of
``--repeat`` runs):

* ``baseline``  — the previous implementation (per-item ``corrcoef`` loop), copied below;
* ``pingouin``  — ``pingouin.cronbach_alpha`` (alpha and CI only, no item table);
* ``cslib``     — :func:`cslib.stats.agreement.cronbach_alpha` (alpha, CI and item table),

and prints the ratios.  It also checks that the three agree on alpha to 1e-12.

    python benchmarks/bench_agreement.py [--repeat 7]
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd
import pingouin as pg
from scipy import stats

from cslib.stats.agreement import cronbach_alpha


def baseline_cronbach(items: pd.DataFrame, confidence: float = 0.95) -> tuple[float, pd.DataFrame]:
    """The implementation before issue 13 (per-item corrcoef loop), for timing only."""
    data = items.astype(float)
    complete = data.dropna()
    n, k = complete.shape
    c = np.cov(complete.to_numpy(), rowvar=False, ddof=1)
    alpha = float(k / (k - 1) * (1 - np.trace(c) / c.sum()))
    a = 1 - confidence
    df1, df2 = n - 1, (n - 1) * (k - 1)
    stats.f.isf(a / 2, df1, df2)
    stats.f.isf(1 - a / 2, df1, df2)
    tot, rowsum, diag = c.sum(), c.sum(axis=1), np.diag(c)
    var_rest = tot - 2 * rowsum + diag
    if_deleted = (k - 1) / (k - 2) * (1 - (np.trace(c) - diag) / var_rest)
    x = complete.to_numpy()
    rest = x.sum(axis=1, keepdims=True) - x
    r_rest = np.array([np.corrcoef(x[:, i], rest[:, i])[0, 1] for i in range(k)])
    table = pd.DataFrame(
        {
            "item": [str(col) for col in complete.columns],
            "mean": x.mean(axis=0),
            "sd": x.std(axis=0, ddof=1),
            "item_rest_r": r_rest,
            "alpha_if_deleted": if_deleted,
        }
    )
    return alpha, table


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    rng = np.random.default_rng(13)
    print(f"{'respondents x items':>20} {'baseline':>10} {'pingouin':>10} {'cslib':>10} "
          f"{'base/cslib':>11} {'pg/cslib':>9}")  # fmt: skip
    for n, k in [(200, 12), (2_000, 40), (20_000, 100)]:
        latent = rng.normal(size=(n, 1))
        x = np.clip(np.rint(3 + latent + rng.normal(scale=1.0, size=(n, k))), 1, 5)
        frame = pd.DataFrame(x, columns=[f"q{i + 1}" for i in range(k)])
        a_base = baseline_cronbach(frame)[0]
        a_pg = pg.cronbach_alpha(frame)[0]
        a_new = cronbach_alpha(frame).statistic
        assert abs(a_base - a_new) < 1e-12 and abs(a_pg - a_new) < 1e-12
        t_base = best(lambda f=frame: baseline_cronbach(f), args.repeat)
        t_pg = best(lambda f=frame: pg.cronbach_alpha(f), args.repeat)
        t_new = best(lambda f=frame: cronbach_alpha(f), args.repeat)
        print(
            f"{f'{n} x {k}':>20} {1e3 * t_base:>8.2f}ms {1e3 * t_pg:>8.2f}ms "
            f"{1e3 * t_new:>8.2f}ms {t_base / t_new:>10.2f}x {t_pg / t_new:>8.2f}x"
        )


if __name__ == "__main__":
    main()
