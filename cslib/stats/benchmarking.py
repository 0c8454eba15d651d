"""Benchmarking an agreement coefficient by membership probability (Gwet 2014, ch. 6).

Reading a kappa of 0.67 as "substantial" because 0.61 ≤ 0.67 ≤ 0.80 ignores its standard
error: with 12 units the true coefficient may well be 0.45.  Gwet's procedure treats the
estimate as normal with its standard error, truncated to [−1, 1], computes the probability
that the true coefficient lies in each band of a benchmark scale, accumulates these from
the top band down, and retains the *highest band whose cumulative membership probability
reaches the threshold* (0.95 by default).  The result is the band one can claim with 95 %
confidence; it is never higher than the point-estimate band.

Scales (lower limits of each band, best first):

* Landis & Koch (1977): 0.8 almost perfect, 0.6 substantial, 0.4 moderate, 0.2 fair,
  0.0 slight, −1 poor.
* Altman (1991): 0.8 very good, 0.6 good, 0.4 moderate, 0.2 fair, −1 poor.

Hand-written (a few lines of ``scipy.stats.norm``); tested against the worked example of
the ``irrCAC`` documentation (κ = 0.67, SE = 0.15 → cumulative probabilities 0.18168,
0.67511, 0.96356, 0.99912, 1 on the Altman scale, so "moderate").

References
----------
Gwet, K. L. (2014). *Handbook of Inter-Rater Reliability* (4th ed.), ch. 6.
Landis, J. R., & Koch, G. G. (1977). The measurement of observer agreement for
categorical data. *Biometrics*, 33(1), 159–174.
Altman, D. G. (1991). *Practical Statistics for Medical Research*. Chapman & Hall, p. 404.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats

from cslib.core.errors import InputError
from cslib.stats.reasons import AgreementReason, message


@dataclass(frozen=True)
class BenchmarkScale:
    """A benchmark scale: bands from best to worst.

    Attributes
    ----------
    name : str
    lower : tuple of float
        Lower limit of each band, strictly decreasing; the last is −1.
    labels : tuple of str
        Band keys (language-free; the report layer translates them).

    Examples
    --------
    >>> ALTMAN.name, ALTMAN.labels
    ('Altman', ('very_good', 'good', 'moderate', 'fair', 'poor'))
    """

    name: str
    lower: tuple[float, ...]
    labels: tuple[str, ...]

    def __post_init__(self) -> None:
        lo = np.asarray(self.lower, dtype=float)
        if len(self.lower) != len(self.labels) or len(lo) < 2:
            raise InputError.single(None, "a scale needs one label per band and ≥ 2 bands")
        if np.any(np.diff(lo) >= 0) or lo[-1] != -1.0 or lo[0] >= 1.0:
            raise InputError.single(
                None,
                "band lower limits must decrease strictly from below 1 down to −1",
                column="lower",
                found=self.lower,
            )

    @property
    def upper(self) -> tuple[float, ...]:
        return (1.0, *self.lower[:-1])


LANDIS_KOCH = BenchmarkScale(
    "Landis-Koch",
    (0.8, 0.6, 0.4, 0.2, 0.0, -1.0),
    ("almost_perfect", "substantial", "moderate", "fair", "slight", "poor"),
)
ALTMAN = BenchmarkScale(
    "Altman",
    (0.8, 0.6, 0.4, 0.2, -1.0),
    ("very_good", "good", "moderate", "fair", "poor"),
)


@dataclass(frozen=True)
class Benchmark:
    """Result of :func:`benchmark`.

    Attributes
    ----------
    scale : BenchmarkScale
    statistic, se : float
    threshold : float
        Cumulative membership probability required (0.95).
    band : str or None
        Label of the highest band reached with that probability; ``None`` when undefined.
    point_band : str or None
        The band the point estimate falls in (what a naive reading would claim).
    table : DataFrame
        One row per band: ``band, lower, upper, probability, cumulative``.
    reason : str or None
        Why no band can be given (undefined statistic or standard error); ``reason_code``
        is the same as a :class:`cslib.stats.reasons.AgreementReason`.

    Examples
    --------
    κ = 0.67 with SE 0.15 on Altman's scale: the point estimate is "good", but only
    "moderate" is reached with 95 % probability.

    >>> b = benchmark(0.67, 0.15, ALTMAN)
    >>> b.statistic, b.threshold, b.point_band, b.band
    (0.67, 0.95, 'good', 'moderate')
    """

    scale: BenchmarkScale
    statistic: float
    se: float
    threshold: float
    band: str | None
    point_band: str | None
    table: pd.DataFrame = field(repr=False)
    reason: str | None = None
    reason_code: AgreementReason | None = None


def benchmark(
    statistic: float, se: float, scale: BenchmarkScale = LANDIS_KOCH, *, threshold: float = 0.95
) -> Benchmark:
    """Benchmark a coefficient on ``scale`` by cumulative membership probability.

    With :math:`\\hat\\kappa` and its standard error *s*, the probability that the true
    coefficient lies in band :math:`[a, b)` is (normal truncated to [−1, 1])

    .. math::

        P(a \\le \\kappa < b) = \\frac{\\Phi((\\hat\\kappa - a)/s) - \\Phi((\\hat\\kappa - b)/s)}
        {\\Phi((\\hat\\kappa + 1)/s) - \\Phi((\\hat\\kappa - 1)/s)}.

    Bands are accumulated from the top; the first whose cumulative probability reaches
    ``threshold`` is retained (Gwet 2014, §6.4).  A standard error of 0 (every unit agrees
    identically) puts all probability on the point estimate's band.

    Parameters
    ----------
    statistic, se : float
        Coefficient and its standard error (e.g. from :func:`cslib.stats.gwet.gwet_ac`).
    scale : BenchmarkScale
        :data:`LANDIS_KOCH` (default) or :data:`ALTMAN`, or your own.
    threshold : float
        Required cumulative membership probability, in (0, 1).

    Returns
    -------
    Benchmark

    Examples
    --------
    >>> b = benchmark(0.67, 0.15, ALTMAN)
    >>> b.table["cumulative"].round(5).tolist()
    [0.18168, 0.67511, 0.96356, 0.99912, 1.0]
    >>> b.point_band, b.band
    ('good', 'moderate')
    """
    if not 0 < threshold < 1:
        raise InputError.single(
            None, "threshold must lie strictly between 0 and 1", column="threshold",
            found=threshold,
        )  # fmt: skip
    lower = np.asarray(scale.lower, dtype=float)
    upper = np.asarray(scale.upper, dtype=float)
    empty = pd.DataFrame(
        {"band": scale.labels, "lower": lower, "upper": upper,
         "probability": np.nan, "cumulative": np.nan}
    )  # fmt: skip
    if not np.isfinite(statistic):
        return Benchmark(
            scale, statistic, se, threshold, None, None, empty,
            reason=message(AgreementReason.UNDEFINED_COEFFICIENT),
            reason_code=AgreementReason.UNDEFINED_COEFFICIENT,
        )  # fmt: skip
    point = scale.labels[int(np.flatnonzero(statistic >= lower)[0])] if statistic >= -1 else None
    if not np.isfinite(se) or se < 0:
        return Benchmark(
            scale, statistic, se, threshold, None, point, empty,
            reason=message(AgreementReason.UNDEFINED_SE),
            reason_code=AgreementReason.UNDEFINED_SE,
        )  # fmt: skip
    if se == 0:
        prob = (statistic >= lower) & (statistic < upper) | ((statistic == 1.0) & (upper == 1.0))
        prob = prob.astype(float)
    else:
        mass = stats.norm.cdf((statistic - lower) / se) - stats.norm.cdf((statistic - upper) / se)
        total = stats.norm.cdf((statistic + 1) / se) - stats.norm.cdf((statistic - 1) / se)
        prob = mass / total
    cumulative = np.cumsum(prob)
    reached = np.flatnonzero(cumulative >= threshold - 1e-12)
    band = scale.labels[int(reached[0])] if reached.size else scale.labels[-1]
    table = empty.assign(probability=prob, cumulative=cumulative)
    return Benchmark(scale, float(statistic), float(se), threshold, band, point, table)
