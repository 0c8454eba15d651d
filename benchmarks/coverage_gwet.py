"""Coverage of the 95 % intervals of Gwet's AC1 and Fleiss' kappa on pass/fail QA panels.

Simulates calibration rounds of ``n`` calls rated pass/fail by ``r`` inspectors: each call
truly passes with probability ``prevalence`` and each inspector records the wrong class with
probability ``error``.  The population value of each coefficient is estimated once from
400 000 calls; the script prints the share of 2 000 simulated rounds whose interval covers
it (nominal 0.95; Monte-Carlo SE about 0.005).  Seeded, so the table is reproducible.

    python benchmarks/coverage_gwet.py
"""

from __future__ import annotations

import numpy as np

from cslib.stats.gwet import fleiss_kappa, gwet_ac

ROUNDS = 2_000


def panel(rng, n, r, prevalence, error):
    truth = rng.random(n) < prevalence
    flip = rng.random((n, r)) < error
    return np.where(flip, ~truth[:, None], truth[:, None]).astype(int)


def main() -> None:
    rng = np.random.default_rng(20261123)
    print(
        f"{'calls':>6} {'raters':>6} {'pass %':>7} {'AC1':>7} {'cover':>6} {'kappa':>7} {'cover':>6}"
    )
    for n, r, prev, err in [
        (20, 3, 0.95, 0.03),
        (40, 3, 0.95, 0.03),
        (40, 5, 0.80, 0.05),
        (100, 3, 0.95, 0.03),
        (100, 5, 0.50, 0.10),
    ]:
        big = panel(rng, 400_000, r, prev, err)
        t_ac1 = gwet_ac(big, categories=[0, 1]).statistic
        t_k = fleiss_kappa(big, categories=[0, 1]).statistic
        hit_a = hit_k = used_k = 0
        for _ in range(ROUNDS):
            x = panel(rng, n, r, prev, err)
            a = gwet_ac(x, categories=[0, 1])
            k = fleiss_kappa(x, categories=[0, 1])
            hit_a += (
                a.ci_low <= t_ac1 <= a.ci_high if a.pvalue_reason is None else a.statistic == t_ac1
            )
            if k.defined and k.pvalue_reason is None:
                used_k += 1
                hit_k += k.ci_low <= t_k <= k.ci_high
        print(
            f"{n:>6} {r:>6} {100 * prev:>6.0f}% {t_ac1:>7.3f} {hit_a / ROUNDS:>6.3f} "
            f"{t_k:>7.3f} {hit_k / max(used_k, 1):>6.3f}"
        )
    print("(kappa coverage over the rounds where kappa and its SE are defined)")


if __name__ == "__main__":
    main()
