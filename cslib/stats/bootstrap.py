"""Bias-corrected and accelerated (BCa) bootstrap intervals from a given bootstrap sample.

:func:`scipy.stats.bootstrap` draws its own resamples and evaluates a statistic on each;
Delphi weights are cheaper to compute for all resamples at once (one matrix product of
resample counts and scores), and the same resamples serve every indicator.  This module
therefore takes the bootstrap distribution and the jackknife (leave-one-out) values that
the caller computed and turns them into BCa limits with exactly the formulas of
``scipy.stats.bootstrap(method="BCa")`` (Efron & Tibshirani 1993, §14.3 and eq. 14.15):

.. math::

    \\hat z_0 = \\Phi^{-1}\\Big(\\frac{\\#\\{\\hat\\theta^*_b < \\hat\\theta\\}
                 + \\#\\{\\hat\\theta^*_b \\le \\hat\\theta\\}}{2B}\\Big), \\qquad
    \\hat a = \\frac{\\sum_i (\\bar\\theta_{(\\cdot)} - \\hat\\theta_{(i)})^3}
                 {6 \\big[\\sum_i (\\bar\\theta_{(\\cdot)} - \\hat\\theta_{(i)})^2\\big]^{3/2}},

.. math::

    \\alpha_{1,2} = \\Phi\\Big(\\hat z_0 + \\frac{\\hat z_0 + z_{\\alpha/2,\\,1-\\alpha/2}}
                   {1 - \\hat a (\\hat z_0 + z_{\\alpha/2,\\,1-\\alpha/2})}\\Big),

and the limits are the :math:`\\alpha_1`, :math:`\\alpha_2` quantiles (linear
interpolation) of the bootstrap distribution.  It is tested against
``scipy.stats.bootstrap`` fed the same resamples.  Degenerate columns (a constant
bootstrap distribution, or an estimate outside every resample so that
:math:`\\hat z_0 = \\pm\\infty`) are reported in ``degenerate`` and get the percentile
interval (a constant distribution gives the point itself).

References
----------
Efron, B. (1987). Better bootstrap confidence intervals. *Journal of the American
Statistical Association*, 82(397), 171–185.
Efron, B., & Tibshirani, R. J. (1993). *An Introduction to the Bootstrap*, ch. 14.
Chapman & Hall.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import stats
from scipy.special import ndtr, ndtri

from cslib.core.errors import InputError


@dataclass(frozen=True)
class BootstrapInterval:
    """Bootstrap confidence limits for each column of a statistic.

    Attributes
    ----------
    ci_low, ci_high : ndarray
        Limits, one per column.
    confidence_level : float
    method : str
        ``"BCa"`` or ``"percentile"``.
    z0, acceleration : ndarray
        Bias correction :math:`\\hat z_0` and acceleration :math:`\\hat a` (BCa only; NaN
        for the percentile method).
    degenerate : ndarray of bool
        Columns where BCa is undefined and the percentile interval was used.

    Examples
    --------
    >>> import numpy as np
    >>> r = percentile_interval(50.0, np.arange(101.0), 0.9)
    >>> round(float(r.ci_low[0]), 9), round(float(r.ci_high[0]), 9), r.confidence_level, r.method
    (5.0, 95.0, 0.9, 'percentile')
    """

    ci_low: np.ndarray
    ci_high: np.ndarray
    confidence_level: float
    method: str
    z0: np.ndarray
    acceleration: np.ndarray
    degenerate: np.ndarray


def _check(estimate: object, boot: object, confidence_level: float) -> tuple[np.ndarray, ...]:
    if not 0 < confidence_level < 1:
        raise InputError.single(
            None,
            "expected a number between 0 and 1",
            column="confidence_level",
            found=confidence_level,
        )
    theta = np.atleast_1d(np.asarray(estimate, dtype=float))
    b = np.asarray(boot, dtype=float)
    if b.ndim == 1:
        b = b[:, None]
    if b.ndim != 2 or b.shape[1] != theta.size or b.shape[0] < 2:
        raise InputError.single(
            None,
            "expected a (resamples × statistics) array matching the estimate",
            column="boot",
            found=b.shape,
        )
    return theta, b


def percentile_interval(
    estimate: object, boot: object, confidence_level: float = 0.95
) -> BootstrapInterval:
    """Percentile interval: the :math:`\\alpha/2` and :math:`1-\\alpha/2` quantiles.

    Examples
    --------
    >>> boot = np.arange(101.0)
    >>> res = percentile_interval(50.0, boot, 0.9)
    >>> round(float(res.ci_low[0]), 9), round(float(res.ci_high[0]), 9)
    (5.0, 95.0)
    """
    theta, b = _check(estimate, boot, confidence_level)
    tail = (1 - confidence_level) / 2
    lo, hi = np.quantile(b, [tail, 1 - tail], axis=0)
    nan = np.full(theta.size, np.nan)
    return BootstrapInterval(
        lo, hi, confidence_level, "percentile", nan, nan, np.zeros(theta.size, dtype=bool)
    )


def expanded_percentile_interval(
    estimate: object, boot: object, n: int, confidence_level: float = 0.95
) -> BootstrapInterval:
    """Expanded percentile interval for small samples (Hesterberg 2015).

    Bootstrap distributions are too narrow by about :math:`\\sqrt{(n-1)/n}` and the normal
    quantile ignores that the spread is estimated; the expanded interval takes the
    percentile interval at the adjusted tail probability

    .. math::

        \\alpha' / 2 = \\Phi\\Big(-\\sqrt{n/(n-1)}\\; t_{1-\\alpha/2,\\,n-1}\\Big),

    so it widens the interval most for the smallest panels (by about 29 % at n = 8, 13 %
    at n = 15 and 4 % at n = 40 for a normal-shaped bootstrap distribution).

    References
    ----------
    Hesterberg, T. C. (2015). What teachers should know about the bootstrap: resampling in
    the undergraduate statistics curriculum. *The American Statistician*, 69(4), 371–386,
    §4.2 (expanded percentile interval).

    Examples
    --------
    >>> boot = np.random.default_rng(1).normal(size=4000)
    >>> wide = expanded_percentile_interval(0.0, boot, n=8)
    >>> plain = percentile_interval(0.0, boot)
    >>> bool(wide.ci_high[0] > plain.ci_high[0])
    True
    """
    theta, b = _check(estimate, boot, confidence_level)
    if int(n) != n or n < 2:
        raise InputError.single(None, "expected a whole number ≥ 2", column="n", found=n)
    alpha = 1 - confidence_level
    z = np.sqrt(n / (n - 1)) * stats.t.ppf(1 - alpha / 2, n - 1)
    tail = float(ndtr(-z))
    lo, hi = np.quantile(b, [tail, 1 - tail], axis=0)
    nan = np.full(theta.size, np.nan)
    return BootstrapInterval(
        lo, hi, confidence_level, "expanded percentile", nan, nan, np.zeros(theta.size, dtype=bool)
    )


def bca_interval(
    estimate: object, boot: object, jackknife: object, confidence_level: float = 0.95
) -> BootstrapInterval:
    """BCa interval from a bootstrap distribution and jackknife values (see module doc).

    Parameters
    ----------
    estimate : array_like, shape (k,)
        The statistic on the full sample.
    boot : array_like, shape (B, k)
        The statistic on each of ``B`` bootstrap resamples.
    jackknife : array_like, shape (n, k)
        The statistic with each of the ``n`` observations left out in turn.
    confidence_level : float

    Examples
    --------
    The mean of a skewed sample: the BCa interval sits to the right of the percentile one.

    >>> rng = np.random.default_rng(0)
    >>> x = rng.exponential(size=20)
    >>> idx = rng.integers(0, 20, (2000, 20))
    >>> boot = x[idx].mean(axis=1)
    >>> jack = (x.sum() - x) / 19
    >>> bca = bca_interval(x.mean(), boot, jack)
    >>> pct = percentile_interval(x.mean(), boot)
    >>> bool(bca.ci_high[0] > pct.ci_high[0])
    True
    """
    theta, b = _check(estimate, boot, confidence_level)
    jack = np.asarray(jackknife, dtype=float)
    if jack.ndim == 1:
        jack = jack[:, None]
    if jack.ndim != 2 or jack.shape[1] != theta.size or jack.shape[0] < 2:
        raise InputError.single(
            None,
            "expected an (observations × statistics) array matching the estimate",
            column="jackknife",
            found=jack.shape,
        )
    n_boot = b.shape[0]
    share = ((b < theta).sum(axis=0) + (b <= theta).sum(axis=0)) / (2 * n_boot)
    with np.errstate(divide="ignore", invalid="ignore"):
        z0 = ndtri(share)
        u = jack.mean(axis=0) - jack
        num = (u**3).sum(axis=0)
        den = (u**2).sum(axis=0)
        a = np.where(den > 0, num / (6 * den**1.5), 0.0)
        alpha = (1 - confidence_level) / 2
        z = ndtri(np.array([alpha, 1 - alpha]))[:, None]
        shifted = z0 + z
        levels = ndtr(z0 + shifted / (1 - a * shifted))
    constant = b.max(axis=0) == b.min(axis=0)
    degenerate = ~np.isfinite(z0) | ~np.all(np.isfinite(levels), axis=0) | constant
    levels[:, degenerate] = np.array([alpha, 1 - alpha])[:, None]
    lo = np.array([np.quantile(b[:, k], levels[0, k]) for k in range(theta.size)])
    hi = np.array([np.quantile(b[:, k], levels[1, k]) for k in range(theta.size)])
    return BootstrapInterval(lo, hi, confidence_level, "BCa", z0, a, degenerate)
