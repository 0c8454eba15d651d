"""Agreement among raters: Kendall's coefficient of concordance (and, later, ICC, kappa, alphas).

References
----------
Kendall, M. G., & Babington Smith, B. (1939). The problem of m rankings.
*Annals of Mathematical Statistics*, 10(3), 275–287.
Siegel, S., & Castellan, N. J. (1988). *Nonparametric Statistics for the Behavioral
Sciences* (2nd ed.), §9.4, McGraw-Hill (tie correction).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import stats


@dataclass(frozen=True)
class KendallW:
    """Kendall's W with its chi-square test.

    Attributes
    ----------
    w : float
        Coefficient of concordance, tie-corrected, in [0, 1].
    chi2 : float
        :math:`\\chi^2 = m (n - 1) W`.
    df : int
        ``n - 1``.
    pvalue : float
        Upper tail of :math:`\\chi^2_{n-1}`.
    m : int
        Number of raters (complete rows used).
    n : int
        Number of items ranked.
    """

    w: float
    chi2: float
    df: int
    pvalue: float
    m: int
    n: int


def kendall_w(scores: np.ndarray, *, ties: bool = True) -> KendallW:
    """Kendall's coefficient of concordance for ``m`` raters scoring ``n`` items.

    Each rater's scores are converted to ranks (mid-ranks for ties), then

    .. math::

        W = \\frac{12 S}{m^2 (n^3 - n) - m \\sum_k T_k}, \\qquad
        S = \\sum_i (R_i - \\bar R)^2, \\qquad T_k = \\sum_g (t_g^3 - t_g),

    where :math:`R_i` is the rank sum of item *i* and :math:`t_g` the size of each
    group of tied scores of rater *k*.  :math:`\\chi^2 = m (n-1) W` on ``n - 1``
    degrees of freedom; this equals the tie-corrected Friedman statistic
    (``scipy.stats.friedmanchisquare``).

    Parameters
    ----------
    scores : array_like, shape (m, n)
        One row per rater, one column per item; no missing values.
    ties : bool
        Apply the tie correction (default). ``False`` gives the uncorrected W.

    Returns
    -------
    KendallW

    References
    ----------
    Kendall & Babington Smith (1939); Siegel & Castellan (1988), §9.4.
    """
    x = np.asarray(scores, dtype=float)
    if x.ndim != 2:
        raise ValueError(f"scores must be a 2-D array (raters × items); got shape {x.shape}")
    m, n = x.shape
    if m < 2 or n < 2:
        raise ValueError(f"Kendall's W needs at least 2 raters and 2 items; got {m} × {n}")
    if not np.all(np.isfinite(x)):
        raise ValueError("scores contain missing or non-finite values")
    ranks = stats.rankdata(x, axis=1)
    rank_sums = ranks.sum(axis=0)
    s = float(((rank_sums - rank_sums.mean()) ** 2).sum())
    tie_term = _tie_term(x) if ties else 0.0
    denominator = m**2 * (n**3 - n) - m * tie_term
    # every rater giving all items the same score leaves W undefined; report no concordance
    w = 12.0 * s / denominator if denominator > 0 else 0.0
    chi2 = m * (n - 1) * w
    df = n - 1
    return KendallW(w=w, chi2=chi2, df=df, pvalue=float(stats.chi2.sf(chi2, df)), m=m, n=n)


def _tie_term(x: np.ndarray) -> float:
    """Σ over raters and tie groups of (t³ − t), vectorised over raters."""
    ordered = np.sort(x, axis=1)
    m, n = ordered.shape
    starts = np.ones((m, n), dtype=bool)
    starts[:, 1:] = ordered[:, 1:] != ordered[:, :-1]
    # run lengths: positions of run starts per row
    idx = np.flatnonzero(np.concatenate([starts, np.ones((m, 1), dtype=bool)], axis=1).ravel())
    flat_row = idx // (n + 1)
    lengths = np.diff(idx)
    valid = flat_row[:-1] == flat_row[1:]
    t = lengths[valid].astype(float)
    return float((t**3 - t).sum())
