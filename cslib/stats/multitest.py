"""Multiple-testing adjustment of p-values (Holm, Bonferroni, Benjamini–Hochberg …).

Delegates to :func:`statsmodels.stats.multitest.multipletests`.
"""

from __future__ import annotations

import numpy as np
from statsmodels.stats.multitest import multipletests


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
        out[ok] = multipletests(p[ok], alpha=alpha, method=method)[1]
    return out
