r"""Detection probability of a step in an inspector's leniency by the self-starting EWMA chart.

A step of :math:`\delta` points in an inspector's leniency, starting in the first month after
its ``b`` baseline months, enters the self-starting residuals of
:func:`cslib.stats.drift_effects.drift_changes` with a mean that fades as the shifted months
join the reference: with independent monthly deviations of equal standard error :math:`s`,
the :math:`k`-th month after the baseline (:math:`k = 1, 2, \dots`) has

.. math::

    \mu_k = \frac{\delta\, b / (b + k - 1)}{s \sqrt{1 + 1/(b + k - 1)}}.

The probability that the chart of :mod:`cslib.stats.drift_ewma` signals within :math:`N`
months is :math:`1 - P(\mathrm{RL} > N)` for these means (the run-length survival function
with step-dependent means), and the step detected with a given probability is its root in
:math:`\delta`.

References
----------
Hawkins, D. M., & Olwell, D. H. (1998). *Cumulative Sum Charts and Charting for Quality
Improvement*, ch. 7 (self-starting charts). Springer.
Lucas, J. M., & Saccucci, M. S. (1990). Exponentially weighted moving average control schemes.
*Technometrics*, 32(1), 1–12.

Examples
--------
>>> p = detection_probability(4.0, 1.0, baseline_months=2, within=3, smoothing=0.3, limit=2.78)
>>> 0.5 < p < 1
True
"""

from __future__ import annotations

import math

import numpy as np
from scipy import optimize

from cslib.core.errors import InputError
from cslib.stats.drift_ewma import ewma_survival

__all__ = ["detectable_step", "detection_probability", "self_starting_means"]


def self_starting_means(step: float, se: float, baseline_months: int, months: int) -> np.ndarray:
    r"""Means :math:`\mu_1 \dots \mu_N` of the standardised self-starting residuals after a step.

    Examples
    --------
    >>> np.round(self_starting_means(2.0, 1.0, 2, 3), 4)
    array([1.633 , 1.1547, 0.8944])
    """
    if not (math.isfinite(se) and se > 0):
        raise InputError.single(None, "expected a positive standard error", column="se", found=se)
    if baseline_months < 1 or months < 1:
        raise InputError.single(
            None, "expected whole numbers ≥ 1", column="baseline_months", found=baseline_months
        )
    prior = baseline_months + np.arange(months)  # months in the reference before month k
    return step * baseline_months / prior / (se * np.sqrt(1 + 1 / prior))


def detection_probability(
    step: float, se: float, *, baseline_months: int, within: int, smoothing: float, limit: float
) -> float:
    """Probability that a step of ``step`` points is signalled within ``within`` months.

    Examples
    --------
    >>> round(detection_probability(0.0, 1.0, baseline_months=2, within=1, smoothing=1.0,
    ...     limit=1.959963984540054), 4)   # Shewhart chart, in control: 5 %
    0.05
    """
    mus = self_starting_means(step, se, baseline_months, within)
    return float(1.0 - ewma_survival(smoothing, limit, mus)[-1])


def detectable_step(
    se: float,
    *,
    baseline_months: int,
    within: int,
    smoothing: float,
    limit: float,
    power: float = 0.8,
) -> float:
    """The step (points) signalled within ``within`` months with probability ``power``.

    Examples
    --------
    >>> round(detectable_step(1.0, baseline_months=2, within=1, smoothing=1.0,
    ...     limit=1.959963984540054), 3)   # Shewhart: (1.96 + 0.84) × √1.5 ≈ 3.43
    3.431
    """
    if not 0 < power < 1:
        raise InputError.single(None, "expected 0 < power < 1", column="power", found=power)

    def gap(step: float) -> float:
        return (
            detection_probability(
                step,
                se,
                baseline_months=baseline_months,
                within=within,
                smoothing=smoothing,
                limit=limit,
            )
            - power
        )

    hi = se
    while gap(hi) < 0:
        hi *= 2
        if hi > 1e6 * se:  # pragma: no cover - power < 1 is always reached
            return math.nan
    return float(optimize.brentq(gap, 0.0, hi, xtol=1e-8 * se))
