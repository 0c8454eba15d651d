"""Prospective sample-size planning and the smallest detectable difference.

Thin wrappers around :mod:`statsmodels.stats.power` that return frozen results with the
assumptions used (alpha, power, sides).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from statsmodels.stats.power import NormalIndPower, TTestPower
from statsmodels.stats.proportion import (
    proportion_effectsize,
)

from cslib.core.errors import InputError


# ----------------------------------------------------------------------------- planning
@dataclass(frozen=True)
class SampleSize:
    """Result of a sample-size calculation.

    Attributes
    ----------
    n : int
        Required size (rounded up): pairs for a paired test, per group for two proportions.
    n_exact : float
        Unrounded solution from statsmodels.
    effect_size : float
        Standardised effect (d_z for paired tests, Cohen's h for proportions).
    alpha, power : float
    """

    n: int
    n_exact: float
    effect_size: float
    alpha: float
    power: float
    test: str


def paired_sample_size(
    gain: float, sd_change: float, *, power: float = 0.8, alpha: float = 0.05
) -> SampleSize:
    """Pairs needed to detect a mean gain with a two-sided paired t test.

    ``d_z = gain / sd_change``; solved with :class:`statsmodels.stats.power.TTestPower`.
    """
    if sd_change <= 0 or gain == 0:
        raise InputError.single(None, "need a non-zero gain and a positive SD of the change")
    dz = abs(gain) / sd_change
    n = float(
        TTestPower().solve_power(effect_size=dz, power=power, alpha=alpha, alternative="two-sided")
    )
    return SampleSize(math.ceil(n - 1e-9), n, dz, alpha, power, "paired t")


def two_proportion_sample_size(
    p1: float, p2: float, *, power: float = 0.8, alpha: float = 0.05, ratio: float = 1.0
) -> SampleSize:
    """Per-group n (first group; second = ratio·n) to detect p1 vs p2 with a two-sided z test.

    Uses Cohen's h (:func:`statsmodels.stats.proportion.proportion_effectsize`) and
    :class:`statsmodels.stats.power.NormalIndPower` (arcsine approximation).
    """
    h = float(proportion_effectsize(p1, p2))
    if h == 0:
        raise InputError.single(None, "the two proportions are equal; nothing to detect")
    n = float(
        NormalIndPower().solve_power(effect_size=abs(h), power=power, alpha=alpha, ratio=ratio)
    )
    return SampleSize(math.ceil(n - 1e-9), n, h, alpha, power, "two proportions")


def smallest_detectable_difference(
    n: int, sd_change: float, *, power: float = 0.8, alpha: float = 0.05
) -> float:
    """Smallest mean gain detectable with ``n`` pairs (TTestPower solved for the effect size)."""
    dz = float(TTestPower().solve_power(nobs=n, power=power, alpha=alpha))
    return dz * sd_change
