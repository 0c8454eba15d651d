"""Multiple-testing adjustment of p-values (Holm, Bonferroni, Benjamini–Hochberg …).

Delegates to :func:`statsmodels.stats.multitest.multipletests`, except Holm's step-down
adjustment, which is computed here: statsmodels (0.14–0.15) runs a full ``gc.collect()`` on
every Holm call, which costs a quarter of a second in a process holding a notebook's data
(statsmodels pull request #8671 removes it; not released).  The tests check this Holm
against statsmodels' to 1e-15.
"""

from __future__ import annotations

import numpy as np


def holm(p_values) -> np.ndarray:
    r"""Holm (1979) step-down adjusted p-values.

    With the :math:`m` p-values sorted, :math:`p_{(1)} \le \dots \le p_{(m)}`,

    .. math::

        \tilde p_{(i)} = \max_{j \le i} \min\{1, (m - j + 1)\, p_{(j)}\}

    returned in the original order (no NaN allowed: see :func:`adjust_pvalues`).

    References
    ----------
    Holm, S. (1979). A simple sequentially rejective multiple test procedure.
    *Scandinavian Journal of Statistics* 6(2), 65–70.

    Examples
    --------
    >>> holm([0.01, 0.04, 0.03]).round(4).tolist()
    [0.03, 0.06, 0.06]
    """
    p = np.asarray(p_values, dtype=float)
    m = p.size
    order = np.argsort(p, kind="stable")
    stepped = np.minimum(1.0, np.maximum.accumulate(p[order] * np.arange(m, 0, -1)))
    out = np.empty(m)
    out[order] = stepped
    return out


def adjust_pvalues(p_values, method: str = "holm", alpha: float = 0.05) -> np.ndarray:
    """Adjusted p-values across courses (:func:`statsmodels.stats.multitest.multipletests`).

    ``method`` is a statsmodels name: ``"holm"`` (family-wise error, Holm 1979) or ``"fdr_bh"``
    (false-discovery rate, Benjamini & Hochberg 1995).  NaN p-values stay NaN.

    Examples
    --------
    >>> adjust_pvalues([0.01, 0.04, 0.03, float("nan")]).round(4).tolist()
    [0.03, 0.06, 0.06, nan]
    """
    p = np.asarray(p_values, dtype=float)
    out = np.full(p.shape, np.nan)
    ok = ~np.isnan(p)
    if ok.any():
        if method.lower() in ("holm", "h"):
            out[ok] = holm(p[ok])
        else:
            from statsmodels.stats.multitest import multipletests

            out[ok] = multipletests(p[ok], alpha=alpha, method=method)[1]
    return out
