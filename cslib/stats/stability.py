"""Exact paired tests for small panels: Wilcoxon signed-rank (permutation) and sign test.

Between two Delphi rounds each expert scores each indicator twice; the paired
differences are few (8–30 experts), heavily tied (Likert scores) and mostly zero.
In that setting the normal approximation of the signed-rank statistic is far off
(four experts raising a score by one point give an approximate p of 0.046, while four
changes can never reach 0.05: the exact p is 2/2⁴ = 0.125).

:func:`signed_rank_exact` therefore computes the *exact conditional permutation*
distribution of the signed-rank statistic: given the observed absolute differences,
every non-zero difference is equally likely to be positive or negative under the null
hypothesis of symmetry about zero.  Ranks are mid-ranks of ``|d|``; zero differences
are either dropped before ranking (``zero_method="wilcox"``) or ranked and then given
no sign (``"pratt"``).  Because mid-ranks are multiples of ½, the distribution of
:math:`2T^+` is an integer convolution computed exactly by dynamic programming in
:math:`O(n \\sum r_i)` — no enumeration, no approximation, any ties, any zeros.

Written by hand because scipy's ``wilcoxon(method="exact")`` conditions neither on
tied ranks nor on zeros in every version we support; it is tested against scipy where
scipy is exact (no ties, no zeros) and against brute-force enumeration of all sign
vectors elsewhere.  The sign test is :func:`scipy.stats.binomtest`.

References
----------
Pratt, J. W. (1959). Remarks on zeros and ties in the Wilcoxon signed rank procedures.
*Journal of the American Statistical Association*, 54(287), 655–667.
Lehmann, E. L. (1975). *Nonparametrics: Statistical Methods Based on Ranks*, ch. 3
(conditional permutation distribution with ties). Holden-Day.
Conover, W. J. (1999). *Practical Nonparametric Statistics* (3rd ed.), §3.4 (sign test),
§5.7 (signed-rank test). Wiley.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from scipy import stats

from cslib.core.errors import InputError

Alternative = Literal["two-sided", "greater", "less"]


@dataclass(frozen=True)
class PairedTest:
    """Result of an exact paired test.

    Attributes
    ----------
    statistic : float
        :math:`T^+` (sum of ranks of positive differences) for the signed-rank test; the
        number of positive differences for the sign test.
    pvalue : float
        Exact p-value; 1.0 when every difference is zero (nothing changed).
    n_pos, n_neg, n_zero : int
        Positive, negative and zero differences.
    method : str
        ``"exact permutation"``, ``"exact binomial"`` or (more than 200 non-zero
        differences) ``"normal approximation"``; ``"no change"`` when all differences are
        zero.
    minimum_pvalue : float
        The smallest p-value the test could give for these absolute differences (two
        changes can never be significant: ``minimum_pvalue = 0.5``).

    Examples
    --------
    >>> res = signed_rank_exact([1, 1, 1, 1] + [0] * 11)
    >>> float(res.statistic), float(res.pvalue), res.method, float(res.minimum_pvalue)
    (54.0, 0.125, 'exact permutation', 0.125)
    """

    statistic: float
    pvalue: float
    n_pos: int
    n_neg: int
    n_zero: int
    method: str
    minimum_pvalue: float


def _differences(x: object, y: object | None) -> np.ndarray:
    a = np.asarray(x, dtype=float)
    if y is not None:
        b = np.asarray(y, dtype=float)
        if a.shape != b.shape:
            raise InputError.single(
                None, "paired samples must have the same length", column="y", found=b.shape
            )
        a = a - b
    if a.ndim != 1:
        raise InputError.single(None, "expected a 1-D array of differences", found=a.shape)
    if not np.all(np.isfinite(a)):
        raise InputError.single(None, "differences must be finite numbers", found="NaN/inf")
    return a


def _tail_p(dist: np.ndarray, t2: int, center2: float, alternative: Alternative) -> float:
    """p-value from the probability mass of 2T⁺ (index = 2T⁺)."""
    values = np.arange(dist.size)
    eps = 1e-7  # statistics on the half-integer grid: a tolerance well below 1/2
    if alternative == "greater":
        return float(dist[values >= t2 - eps].sum())
    if alternative == "less":
        return float(dist[values <= t2 + eps].sum())
    far = np.abs(values - center2) >= abs(t2 - center2) - eps
    return float(min(1.0, dist[far].sum()))


EXACT_MAX = 200
"""Largest number of non-zero differences for the exact distribution (cost grows as k³)."""


def signed_rank_exact(
    x: object,
    y: object | None = None,
    *,
    zero_method: Literal["pratt", "wilcox"] = "pratt",
    alternative: Alternative = "two-sided",
) -> PairedTest:
    """Exact permutation Wilcoxon signed-rank test, valid with ties and zeros.

    With differences :math:`d_i = x_i - y_i` and mid-ranks :math:`r_i` of :math:`|d_i|`,
    :math:`T^+ = \\sum_{d_i > 0} r_i`.  Under :math:`H_0` the signs of the non-zero
    :math:`d_i` are independent fair coin flips, so
    :math:`P(2T^+ = t) = 2^{-k}\\,\\#\\{S \\subseteq \\text{nonzero}: \\sum_{i\\in S} 2r_i = t\\}`
    (``k`` non-zero differences).  The two-sided p-value sums the probabilities of all
    values at least as far from :math:`E[T^+] = \\tfrac12\\sum_{d_i\\ne 0} r_i` as observed.
    Above ``EXACT_MAX`` (200) non-zero differences — far beyond Delphi panels — the
    tie-corrected normal approximation of :func:`scipy.stats.wilcoxon` is used and
    ``method`` says ``"normal approximation"``.

    Parameters
    ----------
    x, y : array_like
        Paired samples (``y`` omitted: ``x`` holds the differences).
    zero_method : {"pratt", "wilcox"}
        ``"pratt"`` ranks zeros with the rest and gives them no sign (Pratt 1959);
        ``"wilcox"`` drops them before ranking.
    alternative : {"two-sided", "greater", "less"}

    Returns
    -------
    PairedTest

    Examples
    --------
    Four of fifteen experts raise a score by one point:

    >>> d = [1, 1, 1, 1] + [0] * 11
    >>> res = signed_rank_exact(d)
    >>> float(res.pvalue), res.n_pos, res.n_zero
    (0.125, 4, 11)
    """
    d = _differences(x, y)
    if zero_method not in ("pratt", "wilcox"):
        raise InputError.single(
            None, "expected 'pratt' or 'wilcox'", column="zero_method", found=zero_method
        )
    nonzero = d != 0
    n_pos, n_neg = int((d > 0).sum()), int((d < 0).sum())
    n_zero = int(d.size - n_pos - n_neg)
    if n_pos + n_neg == 0:
        return PairedTest(0.0, 1.0, 0, 0, n_zero, "no change", 1.0)
    if zero_method == "pratt":
        ranks = stats.rankdata(np.abs(d))[nonzero]
    else:
        ranks = stats.rankdata(np.abs(d[nonzero]))
    if n_pos + n_neg > EXACT_MAX:
        res = stats.wilcoxon(
            d, zero_method=zero_method, alternative=alternative, method="asymptotic"
        )
        t_plus = float(np.sum(ranks[d[nonzero] > 0]))
        # smallest attainable p: every non-zero difference of one sign, z = E[T+] / SD[T+]
        z = float(ranks.sum() / 2 / np.sqrt((ranks**2).sum() / 4))
        p_min = stats.norm.sf(z) * (2 if alternative == "two-sided" else 1)
        return PairedTest(
            t_plus, float(res.pvalue), n_pos, n_neg, n_zero, "normal approximation", float(p_min)
        )
    signs = d[nonzero] > 0
    r2 = np.rint(2 * ranks).astype(np.int64)  # mid-ranks are multiples of 1/2
    dist = np.zeros(int(r2.sum()) + 1)
    dist[0] = 1.0
    top = 0
    for r in r2:  # convolution with the two-point law {0, r} of each signed rank
        shifted = np.zeros_like(dist)
        shifted[r : top + r + 1] = dist[: top + 1]
        dist = 0.5 * (dist + shifted)
        top += int(r)
    t2 = int(r2[signs].sum())
    center2 = r2.sum() / 2
    p = _tail_p(dist, t2, center2, alternative)
    extreme = int(r2.sum()) if alternative != "less" else 0
    p_min = _tail_p(dist, extreme, center2, alternative)
    return PairedTest(t2 / 2, p, n_pos, n_neg, n_zero, "exact permutation", float(p_min))


def signed_rank_columns(diff: object) -> list[PairedTest]:
    """:func:`signed_rank_exact` (Pratt, two-sided) for every column of a differences matrix.

    Same results as calling it per column; columns with more than ``EXACT_MAX`` non-zero
    differences share one vectorised call of the normal approximation.

    Examples
    --------
    >>> [t.pvalue for t in signed_rank_columns(np.array([[1, 0], [1, 0], [1, 1]]))]
    [0.25, 1.0]
    """
    d = np.asarray(diff, dtype=float)
    if d.ndim != 2:
        raise InputError.single(None, "expected a 2-D array of differences", found=d.shape)
    large = (d != 0).sum(axis=0) > EXACT_MAX
    out: list[PairedTest | None] = [None] * d.shape[1]
    for k in np.flatnonzero(~large):
        out[k] = signed_rank_exact(d[:, k])
    if large.any():
        cols = np.flatnonzero(large)
        block = d[:, cols]
        res = stats.wilcoxon(block, zero_method="pratt", method="asymptotic", axis=0)
        ranks = stats.rankdata(np.abs(block), axis=0)
        for j, k in enumerate(cols):
            col = block[:, j]
            r = ranks[col != 0, j]
            z = float(r.sum() / 2 / np.sqrt((r**2).sum() / 4))
            out[k] = PairedTest(
                float(r[col[col != 0] > 0].sum()),
                float(res.pvalue[j]),
                int((col > 0).sum()),
                int((col < 0).sum()),
                int((col == 0).sum()),
                "normal approximation",
                float(2 * stats.norm.sf(z)),
            )
    return [t for t in out if t is not None]


def sign_test(
    x: object, y: object | None = None, *, alternative: Alternative = "two-sided"
) -> PairedTest:
    """Exact sign test: positive vs negative differences, zeros dropped.

    :math:`p` is the exact binomial test of :math:`k = n_+` successes out of
    :math:`n_+ + n_-` trials with :math:`\\pi = 1/2` (equal to
    :func:`scipy.stats.binomtest`, against which it is tested).

    Examples
    --------
    Nine of fifteen experts prefer the first item, two the second, four are tied:

    >>> res = sign_test([1] * 9 + [-1] * 2 + [0] * 4)
    >>> round(res.pvalue, 4)
    0.0654
    """
    d = _differences(x, y)
    n_pos, n_neg = int((d > 0).sum()), int((d < 0).sum())
    n_zero = int(d.size - n_pos - n_neg)
    if n_pos + n_neg == 0:
        return PairedTest(0.0, 1.0, 0, 0, n_zero, "no change", 1.0)
    n = n_pos + n_neg
    # Bin(n, 1/2) is symmetric, so scipy.stats.binomtest's two-sided p (the probability of
    # outcomes no more likely than the observed one) is twice the smaller tail; computed
    # directly because binomtest's general search is slow over hundreds of indicators.
    lower = stats.binom.cdf(n_pos, n, 0.5)
    upper = stats.binom.sf(n_pos - 1, n, 0.5)
    if alternative == "greater":
        p, p_min = upper, 0.5**n
    elif alternative == "less":
        p, p_min = lower, 0.5**n
    else:
        p, p_min = min(1.0, 2 * min(lower, upper)), min(1.0, 2 * 0.5**n)
    return PairedTest(float(n_pos), float(p), n_pos, n_neg, n_zero, "exact binomial", float(p_min))
