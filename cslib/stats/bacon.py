r"""Goodman-Bacon (2021) decomposition of the two-way fixed-effects DiD coefficient.

With staggered adoption of one absorbing binary treatment on a balanced panel, the TWFE
coefficient of ``y_it = α_i + λ_t + β D_it + ε_it`` is a weighted average of every 2×2
difference in differences between *timing groups* (units first treated in the same period),
the never-treated and the always-treated (Goodman-Bacon 2021, Theorem 1):

* **treated vs never treated**: group k against the never-treated U, whole panel;
* **earlier vs later (not yet treated)**: k treated at t_k, ℓ treated later at t_ℓ as the
  control, periods before t_ℓ;
* **later vs earlier (already treated)**: ℓ treated, the *already treated* k as the control,
  periods from t_k on — the comparison that biases TWFE when effects change over time;
* **later vs always treated**: ℓ against units treated throughout.

With group shares n_k, treated shares of the periods D̄_k and V̂ᴰ the variance of the two-way
demeaned treatment dummy, the weights are (Goodman-Bacon 2021, eq. 10; n_kℓ = n_k/(n_k+n_ℓ))

.. math::

    s_{kU} &= (n_k+n_U)^2\, n_{kU}(1-n_{kU})\, \bar D_k(1-\bar D_k) / \hat V^D \\
    s^k_{k\ell} &= \bigl((n_k+n_\ell)(1-\bar D_\ell)\bigr)^2 n_{k\ell}(1-n_{k\ell})
        \frac{\bar D_k-\bar D_\ell}{1-\bar D_\ell}\frac{1-\bar D_k}{1-\bar D_\ell} / \hat V^D \\
    s^\ell_{k\ell} &= \bigl((n_k+n_\ell)\bar D_k\bigr)^2 n_{k\ell}(1-n_{k\ell})
        \frac{\bar D_\ell}{\bar D_k}\frac{\bar D_k-\bar D_\ell}{\bar D_k} / \hat V^D

They sum to one and the weighted sum of the 2×2 estimates equals the TWFE coefficient exactly;
:func:`bacon_decomposition` computes both sides independently (the TWFE by exact two-way
absorption) so the identity is a check, not an assumption.  Written by hand: no maintained
Python package provides it (R has ``bacondecomp``).

References
----------
Goodman-Bacon, A. (2021). Difference-in-differences with variation in treatment timing.
    Journal of Econometrics 225, 254–277.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
import pandas as pd

from cslib.core.errors import InputError
from cslib.stats.panel import demean_two_way
from cslib.stats.staggered import NEVER_TREATED, panel_layout

COMPARISONS = (
    "treated vs never treated",
    "earlier vs later (not yet treated)",
    "later vs earlier (already treated)",
    "later vs always treated",
)


class BaconReason(StrEnum):
    """Why the decomposition is undefined (the analysis package words it).

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"id": [1, 1, 2, 2], "t": [1, 2, 1, 2], "y": [0.0, 1.0, 0.0, 2.0],
    ...                    "g": [2, 2, 2, 2]})
    >>> bacon_decomposition(df, "y", "id", "t", "g").reason_code
    <BaconReason.NO_VARIATION: 'no_variation'>
    """

    #: No unit is observed in every period (the theorem needs a balanced panel).
    UNBALANCED = "unbalanced"
    #: The treatment does not vary after removing unit and period effects (everyone treated
    #: in the same period, or nobody treated).
    NO_VARIATION = "no_variation"


@dataclass(frozen=True)
class BaconResult:
    """The decomposition.

    Attributes
    ----------
    table : DataFrame
        One row per 2×2 comparison: ``type`` (one of :data:`COMPARISONS`), ``treated`` and
        ``control`` (first treated period; NaN for never-/always-treated), ``estimate``,
        ``weight``.
    estimate : float
        Σ weight · estimate.
    twfe : float
        The TWFE coefficient computed directly on the same balanced panel.
    weight_already_treated : float
        Total weight of comparisons that use already-treated units as controls.
    n_units, n_periods, n_dropped_units : int
        Units used (observed in every period), periods, and units left out because the panel
        was not balanced for them.
    reason_code : BaconReason or None
        Why the decomposition is undefined (``None`` when it is defined).

    Examples
    --------
    Two cohorts and a never-treated unit: the 2×2 weights sum to 1 and the weighted
    average reproduces the TWFE estimate.

    >>> import pandas as pd
    >>> df = pd.DataFrame({"id": [1] * 3 + [2] * 3 + [3] * 3, "t": [1, 2, 3] * 3,
    ...                    "y": [0.0, 1.0, 3.0, 0.0, 0.0, 2.0, 0.0, 0.0, 0.0],
    ...                    "g": [2] * 3 + [3] * 3 + [None] * 3})
    >>> res = bacon_decomposition(df, "y", "id", "t", "g")
    >>> round(res.twfe, 6), round(res.estimate, 6), res.n_units, res.reason_code
    (1.5, 1.5, 3, None)
    """

    table: pd.DataFrame
    estimate: float
    twfe: float
    weight_already_treated: float
    n_units: int
    n_periods: int
    n_dropped_units: int
    reason_code: BaconReason | None = None

    def by_type(self) -> pd.DataFrame:
        """Total weight and weighted average 2×2 estimate per comparison type.

        :math:`w_k = \\sum_{j \\in k} s_j` and :math:`\\bar\\beta_k = \\sum_{j \\in k} s_j
        \\hat\\beta_j / w_k` over the comparisons *j* of type *k* (Goodman-Bacon 2021, eq. 10
        grouped as in his Table 2), so that :math:`\\sum_k w_k \\bar\\beta_k` is
        :attr:`estimate`.  Types in order of first appearance in :attr:`table`; a type whose
        weights sum to 0 contributes nothing and is left out (its average is undefined).

        Examples
        --------
        >>> import pandas as pd
        >>> df = pd.DataFrame({"id": [1] * 3 + [2] * 3 + [3] * 3, "t": [1, 2, 3] * 3,
        ...                    "y": [0.0, 1.0, 3.0, 0.0, 0.0, 2.0, 0.0, 0.0, 0.0],
        ...                    "g": [2] * 3 + [3] * 3 + [None] * 3})
        >>> t = bacon_decomposition(df, "y", "id", "t", "g").by_type()
        >>> list(t["type"]), round(float((t["weight"] * t["estimate"]).sum()), 12)
        (['treated vs never treated', 'earlier vs later (not yet treated)', 'later vs earlier (already treated)'], 1.5)
        """
        rows = []
        for kind, g in self.table.groupby("type", sort=False):
            total = float(g["weight"].sum())
            if total > 0:
                rows.append((kind, total, float((g["weight"] * g["estimate"]).sum()) / total))
        return pd.DataFrame(rows, columns=["type", "weight", "estimate"])


def bacon_decomposition(
    data: pd.DataFrame, outcome: str, unit: str, time: str, first_treated: str
) -> BaconResult:
    """Decompose the single-treatment TWFE coefficient into 2×2 comparisons and weights.

    Units not observed (with an outcome) in every period are left out — the theorem needs a
    balanced panel — and counted in ``n_dropped_units``.  Units first treated after the last
    period count as never treated; units treated from the first period on are the
    always-treated group.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"id": [1] * 3 + [2] * 3 + [3] * 3, "t": [1, 2, 3] * 3,
    ...                    "y": [0.0, 1.0, 3.0, 0.0, 0.0, 2.0, 0.0, 0.0, 0.0],
    ...                    "g": [2] * 3 + [3] * 3 + [None] * 3})
    >>> res = bacon_decomposition(df, "y", "id", "t", "g")
    >>> round(float(res.table["weight"].sum()), 12), round(res.estimate - res.twfe, 12)
    (1.0, 0.0)
    """
    full = panel_layout(data, outcome, unit, time, first_treated)
    T = len(full.periods)
    balanced = ~np.isnan(full.y).any(axis=1)
    # always-treated units are dropped by panel_layout (no pre-period for ATT(g,t)); here they
    # form their own group, so count them back in from the raw data
    y = full.y[balanced]
    cohort = full.cohort[balanced]
    always = _always_treated_rows(data, outcome, unit, time, first_treated, full.periods)
    if len(always):
        y = np.vstack([y, always])
        cohort = np.concatenate([cohort, np.zeros(len(always), dtype=np.int64)])
    n_dropped = int((~balanced).sum()) + full.always_treated - len(always)
    N = len(y)
    empty = pd.DataFrame(columns=["type", "treated", "control", "estimate", "weight"])

    def undefined(reason: BaconReason) -> BaconResult:
        return BaconResult(empty, math.nan, math.nan, math.nan, N, T, n_dropped, reason)

    if N == 0 or T < 2:
        return undefined(BaconReason.UNBALANCED)
    timing = np.where(cohort == NEVER_TREATED, T, cohort)  # T = never treated in the panel
    D = (np.arange(T)[None, :] >= timing[:, None]).astype(float)
    u = np.repeat(np.arange(N), T)
    t = np.tile(np.arange(T), N)
    Dd = demean_two_way(D.ravel(), u, t)
    VD = float(Dd @ Dd) / (N * T)
    if VD <= 1e-12:
        return undefined(BaconReason.NO_VARIATION)
    yd = demean_two_way(y.ravel(), u, t)
    twfe = float(Dd @ yd / (Dd @ Dd))
    groups, counts = np.unique(timing, return_counts=True)
    share = dict(zip(groups.tolist(), (counts / N).tolist(), strict=True))
    means = {int(g): y[timing == g].mean(axis=0) for g in groups}
    dbar = {int(g): (T - g) / T for g in groups}

    def window(m: np.ndarray, a: int, b: int, c: int) -> float:
        """mean over [b, c) minus mean over [a, b)."""
        return float(m[b:c].mean() - m[a:b].mean())

    def label(g: int) -> float | object:
        return full.periods[g] if 0 < g < T else math.nan

    rows: list[tuple[str, object, object, float, float]] = []
    treated_groups = [int(g) for g in groups if 0 < g < T]
    if T in share:
        for k in treated_groups:
            nk, nu = share[k], share[T]
            nku = nk / (nk + nu)
            w = (nk + nu) ** 2 * nku * (1 - nku) * dbar[k] * (1 - dbar[k]) / VD
            est = window(means[k], 0, k, T) - window(means[T], 0, k, T)
            rows.append((COMPARISONS[0], label(k), math.nan, est, w))
    ordered = sorted(int(g) for g in groups if g < T)  # includes 0 = always treated
    for i, k in enumerate(ordered):
        for ell in ordered[i + 1 :]:
            nk, nl = share[k], share[ell]
            nkl = nk / (nk + nl)
            dk, dl = dbar[k], dbar[ell]
            if k > 0:  # k has a pre-period: k treated, ℓ not yet treated, periods before ℓ
                w = ((nk + nl) * (1 - dl)) ** 2 * nkl * (1 - nkl)
                w *= (dk - dl) / (1 - dl) * (1 - dk) / (1 - dl) / VD
                est = window(means[k], 0, k, ell) - window(means[ell], 0, k, ell)
                rows.append((COMPARISONS[1], label(k), label(ell), est, w))
            # ℓ treated, k already treated (or always treated), periods from k on
            w = ((nk + nl) * dk) ** 2 * nkl * (1 - nkl) * (dl / dk) * (dk - dl) / dk / VD
            est = window(means[ell], k, ell, T) - window(means[k], k, ell, T)
            kind = COMPARISONS[2] if k > 0 else COMPARISONS[3]
            rows.append((kind, label(ell), label(k), est, w))
    table = pd.DataFrame(rows, columns=["type", "treated", "control", "estimate", "weight"])
    estimate = float(table["estimate"] @ table["weight"])
    already = float(table.loc[table["type"] == COMPARISONS[2], "weight"].sum())
    return BaconResult(table, estimate, twfe, already, N, T, n_dropped)


def _always_treated_rows(
    data: pd.DataFrame,
    outcome: str,
    unit: str,
    time: str,
    first_treated: str,
    periods: np.ndarray,
) -> np.ndarray:
    """Outcome rows (units × periods) of always-treated units observed in every period."""
    ft = data[first_treated]
    sub = data[ft.notna() & (ft <= periods[0])]
    if sub.empty:
        return np.zeros((0, len(periods)))
    wide = sub.pivot_table(index=unit, columns=time, values=outcome, aggfunc="first")
    wide = wide.reindex(columns=periods)
    if wide.shape[1] != len(periods):  # pragma: no cover - reindex keeps the period count
        raise InputError.single(data.attrs.get("source"), "periods do not line up")
    return wide.dropna().to_numpy(dtype=float)
