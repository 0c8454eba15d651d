"""Paired change (pre/post) with standardised effect sizes.

Paired t test and Wilcoxon signed-rank from :mod:`scipy.stats`; the effect sizes d_z and d_av
with Hedges' small-sample correction, their noncentral-t confidence interval and Hake's
normalised gain are written here (no maintained library returns them together) and are tested
against published worked examples.

References
----------
Lakens, D. (2013). Calculating and reporting effect sizes to facilitate cumulative science.
    Frontiers in Psychology 4:863.
Hake, R. R. (1998). Interactive-engagement versus traditional methods. Am. J. Phys. 66, 64–74.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import optimize, stats

from cslib.core.errors import InputError
from cslib.stats.proportions import scalar_fields


# ------------------------------------------------------------------------------ level 2
@dataclass(frozen=True)
class PairedResult:
    r"""Paired before/after comparison of one course's test scores.

    Attributes
    ----------
    n : int
        Agents with both scores.
    mean_before, mean_after, sd_before, sd_after : float
    mean_change, sd_change : float
        Mean and SD (ddof=1) of after − before.
    ci_low, ci_high : float
        t interval for the mean change.
    statistic, df, pvalue : float
        Paired t test (:func:`scipy.stats.ttest_rel`, two-sided, exact t distribution).
    w, p_wilcoxon : float
        Wilcoxon signed-rank test (:func:`scipy.stats.wilcoxon`, zero differences dropped,
        exact/normal method chosen by scipy).
    d_z, d_z_ci : float, (float, float)
        Cohen's :math:`d_z = \bar D / s_D` (Lakens 2013, eq. 6) with an exact CI from the
        noncentral t distribution (:math:`t = d_z\sqrt n`, df = n − 1).
    g_av, g_av_ci : float, (float, float)
        Hedges' :math:`g_{av} = J\,\bar D / ((s_1+s_2)/2)`, :math:`J = 1 - 3/(4(2n)-9)`
        (average-SD form, Lakens 2013 eqs. 10–11; comparable to between-group d).  Its CI rescales
        the d_z interval by :math:`J s_D / s_{av}`, treating the SDs as fixed (approximate).
    hake_gain : float or None
        Class-average normalised gain :math:`\langle g\rangle = (\bar y_{post}-\bar y_{pre})/
        (\text{max}-\bar y_{pre})` (Hake 1998); ``None`` without a maximum score.
    confidence_level : float
        Coverage of the intervals.

    Examples
    --------
    >>> r = paired_change([50, 60, 55, 70, 65], [60, 66, 58, 80, 70], max_score=100)
    >>> r.n, r.mean_change, round(r.statistic, 4), r.df, r.confidence_level
    (5, 6.8, 4.8821, 4, 0.95)
    """

    n: int
    mean_before: float
    mean_after: float
    sd_before: float
    sd_after: float
    mean_change: float
    sd_change: float
    ci_low: float
    ci_high: float
    statistic: float
    df: int
    pvalue: float
    w: float
    p_wilcoxon: float
    d_z: float
    d_z_ci: tuple[float, float]
    g_av: float
    g_av_ci: tuple[float, float]
    hake_gain: float | None
    confidence_level: float = 0.95

    def as_dict(self) -> dict:
        return scalar_fields(self)


def _nct_ci(t_obs: float, df: int, alpha: float) -> tuple[float, float]:
    """Confidence limits for the noncentrality parameter given an observed t (inverting the
    noncentral t cdf; scipy has no built-in inversion for the ncp)."""
    spread = math.sqrt(1.0 + t_obs * t_obs / (2.0 * df))  # approximate SD of t given ncp

    def cdf(ncp: float) -> float:
        v = float(stats.nct.cdf(t_obs, df, ncp))
        if math.isnan(v):  # scipy/boost returns NaN deep in a tail; the tail value is 0 or 1
            v = 1.0 if ncp < t_obs else 0.0
        return v

    def limit(target):
        f = lambda ncp: cdf(ncp) - target  # noqa: E731
        lo, hi = t_obs - 10 * spread, t_obs + 10 * spread
        while f(lo) < 0:
            lo -= 10 * spread
        while f(hi) > 0:
            hi += 10 * spread
        return optimize.brentq(f, lo, hi, xtol=1e-12)

    return limit(1 - alpha / 2), limit(alpha / 2)


def hedges_j(n: int) -> float:
    """Small-sample correction used by Lakens (2013, eq. 11 applied to two paired means):
    ``J = 1 − 3 / (4·(n1+n2) − 9)`` with n1 = n2 = n.

    Examples
    --------
    >>> round(hedges_j(10), 4)
    0.9577
    """
    return 1.0 - 3.0 / (4.0 * (2 * n) - 9.0)


def paired_change(
    before, after, *, max_score: float | None = None, confidence_level: float = 0.95
) -> PairedResult:
    """Paired comparison of two measurements on the same agents (pre → post, post → delayed).

    Parameters
    ----------
    before, after : array-like
        Scores of the same agents in the same order; pairs with a missing value are an error
        (pair them first with :func:`cslib.effectiveness.io.pair_tests`, which reports exclusions).
    max_score : float, optional
        Highest possible score, for Hake's normalised gain.
    confidence_level : float
        Of the intervals of the mean change, d_z and g_av (default 0.95).

    Raises
    ------
    InputError
        Fewer than 3 pairs, missing values or unequal lengths.

    Examples
    --------
    >>> r = paired_change([50, 60, 55, 70, 65], [60, 66, 58, 80, 70], max_score=100)
    >>> r.mean_change, round(r.statistic, 4), round(r.pvalue, 4)
    (6.8, 4.8821, 0.0081)
    >>> round(r.ci_low, 3), round(r.ci_high, 3), round(r.d_z, 3), round(r.hake_gain, 3)
    (2.933, 10.667, 2.183, 0.17)
    """
    x = np.asarray(before, dtype=float)
    y = np.asarray(after, dtype=float)
    if x.shape != y.shape or x.ndim != 1:
        raise InputError.single(None, "before and after need the same number of scores")
    if np.isnan(x).any() or np.isnan(y).any():
        raise InputError.single(None, "missing scores; pair the tests first (pair_tests)")
    n = len(x)
    if n < 3:
        raise InputError.single(None, f"need at least 3 pairs for a paired test (got {n})")
    if not 0 < confidence_level < 1:
        raise InputError.single(
            None,
            "expected a confidence level between 0 and 1",
            column="confidence_level",
            found=confidence_level,
        )
    d = y - x
    mean_d, sd_d = float(d.mean()), float(d.std(ddof=1))
    tt = stats.ttest_rel(y, x)
    ci = tt.confidence_interval(confidence_level)
    if np.all(d == 0):
        w, pw = 0.0, 1.0
    else:
        wres = stats.wilcoxon(y, x)
        w, pw = float(wres.statistic), float(wres.pvalue)
    s1, s2 = float(x.std(ddof=1)), float(y.std(ddof=1))
    if sd_d > 0:
        dz = mean_d / sd_d
        lo, hi = _nct_ci(float(tt.statistic), n - 1, 1 - confidence_level)
        dz_ci = (lo / math.sqrt(n), hi / math.sqrt(n))
    else:
        dz, dz_ci = math.nan, (math.nan, math.nan)
    s_av = (s1 + s2) / 2
    j = hedges_j(n)
    g = j * mean_d / s_av if s_av > 0 else math.nan
    scale = j * sd_d / s_av if s_av > 0 else math.nan
    g_ci = (dz_ci[0] * scale, dz_ci[1] * scale)
    hake = None
    if max_score is not None:
        room = max_score - x.mean()
        hake = float((y.mean() - x.mean()) / room) if room > 0 else None
    return PairedResult(
        n,
        float(x.mean()),
        float(y.mean()),
        s1,
        s2,
        mean_d,
        sd_d,
        float(ci.low),
        float(ci.high),
        float(tt.statistic),
        n - 1,
        float(tt.pvalue),
        w,
        pw,
        float(dz),
        dz_ci,
        float(g),
        g_ci,
        hake,
        confidence_level,
    )


def retention(pre, post, delayed, *, confidence_level: float = 0.95) -> tuple[PairedResult, float]:
    """Post → delayed comparison and the share of the learning gain retained.

    Returns the :class:`PairedResult` of delayed vs post and
    ``(mean(delayed) − mean(pre)) / (mean(post) − mean(pre))`` (1 = all of the gain kept;
    NaN when there was no gain to keep).

    Examples
    --------
    >>> res, kept = retention([50, 60, 55, 70], [60, 70, 65, 80], [58, 66, 62, 78])
    >>> res.mean_change, kept
    (-2.75, 0.725)
    """
    res = paired_change(post, delayed, confidence_level=confidence_level)
    pre, post, delayed = (np.asarray(v, float) for v in (pre, post, delayed))
    gain = post.mean() - pre.mean()
    kept = float((delayed.mean() - pre.mean()) / gain) if gain != 0 else math.nan
    return res, kept
