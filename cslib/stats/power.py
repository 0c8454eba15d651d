"""Prospective sample-size planning and the smallest detectable difference.

Thin wrappers around :mod:`statsmodels.stats.power` that return frozen results with the
assumptions used (alpha, power, sides).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from scipy import stats
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
    alpha : float
        Significance level α of the planned two-sided test, not a confidence level (named
        ``alpha`` as in :mod:`statsmodels.stats.power`); the matching interval would have
        confidence level 1 − α.
    power : float
        Probability that the planned test rejects when the effect is ``effect_size``.
    test : str
        Which test was planned (``"paired t"`` or ``"two proportions"``).

    Examples
    --------
    >>> r = paired_sample_size(5.0, 15.0, alpha=0.05, power=0.8)
    >>> r.n, r.alpha, r.power, r.test
    (73, 0.05, 0.8, 'paired t')
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

    Examples
    --------
    >>> r = paired_sample_size(5.0, 15.0)
    >>> r.n, round(r.n_exact, 3), round(r.effect_size, 4)
    (73, 72.584, 0.3333)
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

    Examples
    --------
    >>> r = two_proportion_sample_size(0.969, 0.935)
    >>> r.n, round(r.effect_size, 4)
    (602, 0.1616)
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
    """Smallest mean gain detectable with ``n`` pairs (TTestPower solved for the effect size).

    Examples
    --------
    >>> round(smallest_detectable_difference(84, 17.5), 3)
    5.412
    """
    dz = float(TTestPower().solve_power(nobs=n, power=power, alpha=alpha))
    return dz * sd_change


# ------------------------------------------------------------ prospective, not post hoc
@dataclass(frozen=True)
class DetectableEffect:
    """Smallest effect a design can detect, and the size needed for a target effect.

    Attributes
    ----------
    mde : float
        Minimum detectable effect: the true effect that a two-sided test at ``alpha`` would
        detect with probability ``power``, given the standard error ``se`` of the estimate.
    se : float
    n : int
        Units (agents, clusters) behind ``se``.
    alpha : float
        Significance level α of the planned two-sided test (not a confidence level).
    power : float
        Probability of detecting an effect of size ``mde``.
    target : float or None
        Effect worth detecting (input); ``n_for_target`` units needed for it (``None`` when no
        target was given), assuming the SE shrinks as 1/√n with the same design.

    Examples
    --------
    >>> r = minimum_detectable_effect(1.0, 40, target=2.0)
    >>> round(r.mde, 3), r.n_for_target
    (2.802, 79)
    """

    mde: float
    se: float
    n: int
    alpha: float
    power: float
    target: float | None = None
    n_for_target: int | None = None


def minimum_detectable_effect(
    se: float, n: int, *, target: float | None = None, power: float = 0.8, alpha: float = 0.05
) -> DetectableEffect:
    r"""Prospective planning from a standard error: MDE = (z₁₋α/₂ + z_power) · SE (Bloom 1995).

    Unlike "achieved power" computed from the observed estimate (a restatement of the p-value),
    this uses only the precision of the design: how large a true effect must be for the data at
    hand to detect it.  The multiplier z₁₋α/₂ + z_power is the standardised effect at which
    :class:`statsmodels.stats.power.NormalIndPower` (one-sample z test, ``ratio=0``) gives
    ``power`` (to 1e-6: the far rejection tail is ignored).

    References
    ----------
    Bloom, H. S. (1995). Minimum detectable effects. Evaluation Review 19, 547–556.

    Examples
    --------
    >>> d = minimum_detectable_effect(0.5, 100, target=0.7)
    >>> round(d.mde, 4), d.n_for_target
    (1.4008, 401)
    """
    if not (se > 0 and math.isfinite(se)) or n < 2:
        raise InputError.single(
            None, "need a positive, finite standard error and n ≥ 2", column="se", found=se
        )
    # closed form of the z test's power equation without the far rejection tail (its
    # contribution is below 1e-6 for power ≥ 0.5); statsmodels' solve_power root-finder is only
    # accurate to ~1e-5 in power, so the tests check this against NormalIndPower().power instead
    k = float(stats.norm.ppf(1 - alpha / 2) + stats.norm.ppf(power))
    mde = k * se
    n_target = None
    if target is not None:
        if target == 0:
            raise InputError.single(None, "the target effect must not be zero", column="target")
        n_target = math.ceil(n * (mde / abs(target)) ** 2 - 1e-9)
    return DetectableEffect(mde, se, n, alpha, power, target, n_target)


def detectable_rate_difference(
    p_ref: float, n1: int, n2: int, *, power: float = 0.8, alpha: float = 0.05
) -> float:
    """Smallest rate above ``p_ref`` detectable with ``n1`` vs ``n2`` responses (two-sided z
    test on Cohen's h, h = (z₁₋α/₂ + z_power)·√(1/n1 + 1/n2), the effect at which
    :class:`statsmodels.stats.power.NormalIndPower` gives ``power``); returns the difference
    in proportion (NaN-free: 1 − p_ref when even a rate of 1 would not be detectable).

    Examples
    --------
    >>> round(detectable_rate_difference(0.935, 1922, 263), 4)
    0.0378
    """
    h = float(stats.norm.ppf(1 - alpha / 2) + stats.norm.ppf(power)) * math.sqrt(1 / n1 + 1 / n2)
    phi = 2 * math.asin(math.sqrt(p_ref)) + h
    p1 = 1.0 if phi >= math.pi else math.sin(phi / 2) ** 2
    return p1 - p_ref
