"""Proportions: Wilson intervals and the Newcombe difference of two proportions.

References
----------
Wilson, E. B. (1927). Probable inference, the law of succession, and statistical inference.
    JASA 22, 209–212.
Newcombe, R. G. (1998). Interval estimation for the difference between independent proportions:
    comparison of eleven methods. Statistics in Medicine 17, 873–890 (method 10).
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd
from statsmodels.stats.power import NormalIndPower
from statsmodels.stats.proportion import (
    confint_proportions_2indep,
    proportion_confint,
    proportion_effectsize,
    proportions_ztest,
)

from cslib.core.errors import InputError

# the API; scalar_fields is shared with stats.paired only
__all__ = ["Proportion", "proportion", "ProportionComparison", "compare_proportions"]


def scalar_fields(obj) -> dict:
    return {k: v for k, v in asdict(obj).items() if not isinstance(v, np.ndarray | pd.DataFrame)}


# ------------------------------------------------------------------------------ level 1
@dataclass(frozen=True)
class Proportion:
    """A proportion with its confidence interval.

    Attributes
    ----------
    k, n : int
        Successes and trials.
    rate : float
        k / n.
    ci_low, ci_high : float
        Confidence limits (``method``, default Wilson score).
    confidence_level : float
        Coverage the interval claims.

    Examples
    --------
    81 of 263 trainees found the course helpful (Wilson interval):

    >>> r = proportion(81, 263)
    >>> r.k, r.n, round(r.rate, 4), r.method
    (81, 263, 0.308, 'wilson')
    """

    k: int
    n: int
    rate: float
    ci_low: float
    ci_high: float
    confidence_level: float = 0.95
    method: str = "wilson"

    def as_dict(self) -> dict:
        return scalar_fields(self)


def proportion(
    k: int, n: int, *, confidence_level: float = 0.95, method: str = "wilson"
) -> Proportion:
    r"""Proportion ``k/n`` with a Wilson score interval (statsmodels ``proportion_confint``).

    .. math:: \frac{\hat p + \frac{z^2}{2n} \pm z\sqrt{\frac{\hat p(1-\hat p)}{n}+\frac{z^2}{4n^2}}}
              {1 + z^2/n}

    Wilson (1927); recommended over the Wald interval by Newcombe (1998, single proportion).

    Examples
    --------
    >>> r = proportion(81, 263)
    >>> round(r.rate, 4), round(r.ci_low, 4), round(r.ci_high, 4), r.confidence_level
    (0.308, 0.2553, 0.3662, 0.95)
    """
    if n <= 0 or not 0 <= k <= n:
        raise InputError.single(None, f"a proportion needs 0 ≤ k ≤ n and n > 0 (got k={k}, n={n})")
    if not 0 < confidence_level < 1:
        raise InputError.single(
            None,
            "expected a confidence level between 0 and 1",
            column="confidence_level",
            found=confidence_level,
        )
    lo, hi = proportion_confint(k, n, alpha=1 - confidence_level, method=method)
    return Proportion(int(k), int(n), k / n, float(lo), float(hi), confidence_level, method)


@dataclass(frozen=True)
class ProportionComparison:
    """Two independent proportions compared.

    Attributes
    ----------
    first, second : Proportion
    difference : float
        first.rate − second.rate.
    ci_low, ci_high : float
        Newcombe (1998) hybrid score interval for the difference (method 10).
    statistic, pvalue : float
        Pooled two-proportion z statistic and its two-sided p-value (normal approximation;
        z² equals Pearson's χ² without continuity correction, R ``prop.test(correct=FALSE)``).
    cohens_h : float
        2·asin√p1 − 2·asin√p2 (Cohen 1988), used for power.
    n_needed_per_group : float
        Per-group n (equal groups) for ``power`` to detect this difference at 1 − confidence level.
    confidence_level : float
        Coverage of the interval (1 − alpha); the test is significant when
        ``pvalue < 1 − confidence_level``.

    Examples
    --------
    >>> c = compare_proportions(1862, 1922, 246, 263)
    >>> round(c.first.rate, 4), round(c.second.rate, 4), round(c.difference, 4), c.significant
    (0.9688, 0.9354, 0.0334, True)
    """

    first: Proportion
    second: Proportion
    difference: float
    ci_low: float
    ci_high: float
    statistic: float
    pvalue: float
    cohens_h: float
    power: float
    n_needed_per_group: float
    confidence_level: float = 0.95

    @property
    def significant(self) -> bool:
        return self.pvalue < round(1 - self.confidence_level, 12)


def compare_proportions(
    k1: int, n1: int, k2: int, n2: int, *, alpha: float = 0.05, power: float = 0.8
) -> ProportionComparison:
    """Compare two independent proportions (e.g. micro-course vs classroom satisfaction).

    Uses :func:`statsmodels.stats.proportion.proportions_ztest` (pooled z test),
    :func:`~statsmodels.stats.proportion.confint_proportions_2indep` with
    ``method="newcomb"`` (Newcombe 1998, method 10) and
    :class:`~statsmodels.stats.power.NormalIndPower` on Cohen's h for the achieved power and the
    per-group n needed for ``power``.

    Examples
    --------
    Micro-course vs classroom satisfaction of the sample survey:

    >>> c = compare_proportions(1862, 1922, 246, 263)
    >>> round(c.difference, 4), round(c.ci_low, 4), round(c.ci_high, 4)
    (0.0334, 0.008, 0.0705)
    >>> round(c.statistic, 4), round(c.pvalue, 4), c.significant
    (2.7569, 0.0058, True)
    """
    p1 = proportion(k1, n1, confidence_level=1 - alpha)
    p2 = proportion(k2, n2, confidence_level=1 - alpha)
    with np.errstate(divide="ignore", invalid="ignore"):  # 0/n vs 0/m: z undefined (NaN)
        z, p = proportions_ztest([k1, k2], [n1, n2])
    lo, hi = confint_proportions_2indep(
        k1, n1, k2, n2, method="newcomb", compare="diff", alpha=alpha
    )
    h = float(proportion_effectsize(p1.rate, p2.rate))
    achieved = float(NormalIndPower().power(h, nobs1=n1, alpha=alpha, ratio=n2 / n1))
    needed = (
        float(NormalIndPower().solve_power(abs(h), power=power, alpha=alpha, ratio=1.0))
        if h != 0
        else math.inf
    )
    return ProportionComparison(
        p1,
        p2,
        p1.rate - p2.rate,
        float(lo),
        float(hi),
        float(z),
        float(p),
        h,
        achieved,
        needed,
        1 - alpha,
    )
