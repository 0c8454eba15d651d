r"""Staggered adoption: Callaway & Sant'Anna (2021) group-time average treatment effects.

Units (agents) start treatment (a course) in different periods (weeks) and stay treated.  A
*cohort* g is the set of units first treated in period g.  Under unconditional parallel trends
and no anticipation, the average effect in period t on cohort g is identified by a 2×2
difference in differences of means,

.. math::

    ATT(g, t) = E[Y_t - Y_b \mid G = g] - E[Y_t - Y_b \mid C_{g,t} = 1],

with base period b = g − 1 for t ≥ g and, for the pre-treatment placebo cells t < g, b = t − 1
(``base_period="varying"``, R ``did``'s default) or b = g − 1 (``"universal"``).  The comparison
units C are the never-treated (``control_group="nevertreated"``) or, in addition, the units not
yet treated by period max(t, b) (``"notyettreated"``).  Without covariates the outcome-regression
estimator of Callaway & Sant'Anna is exactly this difference of sample means.

Inference uses the influence function of each estimate.  For a cell with n_D treated and n_C
comparison units among the n units of the panel, unit i contributes

.. math::

    \psi_i = \frac{n}{n_D} D_i (\Delta Y_i - \bar{\Delta Y}_D)
           - \frac{n}{n_C} C_i (\Delta Y_i - \bar{\Delta Y}_C),

and the cluster-robust variance is :math:`\sum_c (\sum_{i\in c}\psi_i)^2 / n^2` (clusters = units
by default, i.e. agent-clustered).  This is R ``did``'s analytical standard error (``bstrap =
FALSE``).  Aggregations (:func:`aggregate`) weight cells by cohort size and add the influence
function of the estimated weights, as R ``did::aggte`` does; simultaneous bands for the
event-time curve use the multiplier bootstrap (Rademacher weights drawn per cluster) of the
sup-t statistic.  p-values and pointwise intervals use the normal approximation (asymptotic in
the number of clusters).

Written by hand because no maintained Python package provides it as a library with
agent-clustered analytical SEs and a stable API (``csdid`` and ``differences`` are used in the
tests as independent references).

Panels may be unbalanced: each 2×2 cell uses the units observed (non-missing outcome) in both of
its periods; parallel trends must then hold for the units observed.

References
----------
Callaway, B. & Sant'Anna, P. H. C. (2021). Difference-in-differences with multiple time periods.
    Journal of Econometrics 225, 200–230.
Montiel Olea, J. L. & Plagborg-Møller, M. (2019). Simultaneous confidence bands: theory,
    implementation, and an application to SVARs. Journal of Applied Econometrics 34, 1–17.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd
from scipy import stats

from cslib.core.errors import InputError

ControlGroup = Literal["nevertreated", "notyettreated"]
_NEVER = np.iinfo(np.int64).max


@dataclass(frozen=True)
class PanelLayout:
    """A long panel reshaped to units × periods.

    Attributes
    ----------
    y : ndarray (n_units, n_periods)
        Outcome, NaN where the unit was not observed.
    cohort : int ndarray (n_units,)
        Index of the first treated period, or a very large number for never-treated units
        (including units first treated after the last period).
    periods : ndarray
        Sorted period values.
    units : ndarray
        Unit labels in row order.
    cluster : int ndarray (n_units,)
        Cluster code per unit.
    always_treated : int
        Units treated in or before the first period (left out: no pre-period).

    Examples
    --------
    Unit a is first treated in period 2 (index 1), b in period 3 (index 2); c never.

    >>> import numpy as np, pandas as pd
    >>> df = pd.DataFrame({"id": np.repeat(list("abc"), 3), "t": np.tile([1, 2, 3], 3),
    ...                    "y": np.arange(9.0), "g": np.repeat([2, 3, np.nan], 3)})
    >>> lay = panel_layout(df, "y", "id", "t", "g")
    >>> lay.y.tolist(), lay.periods.tolist(), lay.cohort[:2].tolist()
    ([[0.0, 1.0, 2.0], [3.0, 4.0, 5.0], [6.0, 7.0, 8.0]], [1, 2, 3], [1, 2])
    """

    y: np.ndarray
    cohort: np.ndarray
    periods: np.ndarray
    units: np.ndarray
    cluster: np.ndarray
    always_treated: int


def panel_layout(
    data: pd.DataFrame,
    outcome: str,
    unit: str,
    time: str,
    first_treated: str,
    *,
    cluster: str | None = None,
) -> PanelLayout:
    """Reshape a long panel to units × periods and code each unit's cohort.

    ``first_treated`` holds, per row, the period in which the unit was first treated (same value
    on all rows of a unit; missing = never treated).  A value between two periods counts from the
    next period; units first treated after the last period are never-treated within the panel
    (as R ``did``); units treated in or before the first period have no pre-period and are left
    out (counted in ``always_treated``).

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> df = pd.DataFrame({"id": np.repeat(list("abc"), 3), "t": np.tile([1, 2, 3], 3),
    ...                    "y": np.arange(9.0), "g": np.repeat([2, 3, np.nan], 3)})
    >>> lay = panel_layout(df, "y", "id", "t", "g")
    >>> lay.y.shape, lay.periods.tolist(), lay.units.tolist()
    ((3, 3), [1, 2, 3], ['a', 'b', 'c'])
    """
    src = data.attrs.get("source")
    for col in (outcome, unit, time, first_treated, *([cluster] if cluster else [])):
        if col not in data:
            raise InputError.single(src, "column needed for ATT(g,t) is missing", column=col)
    if data[time].isna().any():
        row = int(np.flatnonzero(data[time].isna().to_numpy())[0])
        raise InputError.single(src, "period is missing", row=row + 2, column=time)
    y = pd.to_numeric(data[outcome], errors="coerce")
    bad = y.isna() & data[outcome].notna()
    if bad.any():
        row = int(np.flatnonzero(bad.to_numpy())[0])
        raise InputError.single(
            src,
            "outcome must be numeric",
            row=row + 2,
            column=outcome,
            found=data[outcome].iloc[row],
        )
    u, units = pd.factorize(data[unit], sort=True)
    periods = np.sort(pd.unique(data[time].to_numpy()))
    t = np.searchsorted(periods, data[time].to_numpy())
    n_u, n_t = len(units), len(periods)
    key = u.astype(np.int64) * n_t + t
    if np.bincount(key, minlength=n_u * n_t).max(initial=0) > 1:
        dup = pd.Series(key).duplicated().to_numpy()
        row = int(np.flatnonzero(dup)[0])
        raise InputError.single(
            src,
            "more than one row for the same unit and period",
            row=row + 2,
            column=time,
            found=(data[unit].iloc[row], data[time].iloc[row]),
        )
    wide = np.full(n_u * n_t, np.nan)
    wide[key] = y.to_numpy(dtype=float)
    ft = data[first_treated]
    has = ft.notna().to_numpy()
    # constant within unit: compare every non-missing value with the unit's first one
    ft_first = pd.Series(ft.to_numpy()).groupby(u).transform("first")
    varies = has & (ft.to_numpy() != ft_first.to_numpy()) | (
        ft.isna().to_numpy() & ft_first.notna().to_numpy()
    )
    if varies.any():
        row = int(np.flatnonzero(varies)[0])
        raise InputError.single(
            src,
            "first-treated period must be the same on all rows of a unit",
            row=row + 2,
            column=first_treated,
            found=ft.iloc[row],
        )
    per_unit = pd.Series(ft.to_numpy()).groupby(u).first().reindex(range(n_u))
    cohort = np.full(n_u, _NEVER, dtype=np.int64)
    known = per_unit.notna().to_numpy()
    pos = np.searchsorted(periods, per_unit[known].to_numpy(), side="left")
    cohort[known] = np.where(pos >= n_t, _NEVER, pos)
    if cluster is None or cluster == unit:
        cl = np.arange(n_u)
    else:
        c_codes = pd.factorize(data[cluster], sort=True)[0]
        first_c = pd.Series(c_codes).groupby(u).agg(["min", "max"])
        if (first_c["min"] != first_c["max"]).any():
            raise InputError.single(
                src, "each unit must belong to a single cluster", column=cluster
            )
        cl = pd.factorize(first_c["min"].to_numpy(), sort=True)[0]
    always = cohort == 0
    keep = ~always
    return PanelLayout(
        wide.reshape(n_u, n_t)[keep],
        cohort[keep],
        periods,
        np.asarray(units)[keep],
        pd.factorize(cl[keep], sort=True)[0],
        int(always.sum()),
    )


@dataclass(frozen=True)
class ParallelTrendsTest:
    """Wald pre-test that all pre-treatment ATT(g,t) are zero (chi-squared, ``df`` cells).

    ``statistic`` and ``pvalue`` are NaN, with ``reason`` saying why, when the test is undefined.

    Examples
    --------
    Cohort 3 has one pre-treatment cell (period 2 vs 1): its ATT 0.5 with SE 0.25 gives
    χ² = (0.5 / 0.25)² = 4 on 1 df.

    >>> import pandas as pd
    >>> df = pd.DataFrame({"id": [1] * 3 + [2] * 3 + [3] * 3 + [4] * 3, "t": [1, 2, 3] * 4,
    ...                    "y": [1.0, 2.0, 5.0, 2.0, 2.5, 7.0, 1.0, 1.5, 2.0, 3.0, 3.0, 4.0],
    ...                    "g": [3] * 6 + [None] * 6})
    >>> pt = att_gt(df, "y", "id", "t", "g", min_cohort_size=2).pretest
    >>> round(pt.statistic, 9), pt.df, round(pt.pvalue, 4), pt.reason_code
    (4.0, 1, 0.0455, '')
    >>> two = df[df["t"] > 1]  # one period before treatment: nothing to test
    >>> att_gt(two, "y", "id", "t", "g", min_cohort_size=2).pretest.reason_code
    'no_pre_cells'
    """

    statistic: float
    df: int
    pvalue: float
    reason: str = ""
    reason_code: str = ""


@dataclass(frozen=True)
class GroupTimeResult:
    """Group-time average treatment effects ATT(g,t).

    Attributes
    ----------
    table : DataFrame
        One row per (cohort, period) cell: ``group`` and ``time`` (period values), ``event_time``
        (periods since treatment), ``base_period``, ``post``, ``att``, ``se``, ``ci_low``,
        ``ci_high``, ``pvalue`` (normal), ``n_treated``, ``n_control``, ``reason`` (empty
        when the cell is estimated; the estimate columns are NaN otherwise) and ``reason_code``
        (``no_comparison``, ``too_few_units``, ``cohort_too_small``, ``no_pre_period``).
    cohorts : DataFrame
        One row per cohort: ``group``, ``n_units``, ``n_pre_periods``, ``share`` (P(G = g) among
        the n units) and ``reason`` (empty when the cohort is estimated).
    influence : ndarray (n_units, n_cells)
        Influence function of each cell (zeros for cells that are not estimated).
    pretest : ParallelTrendsTest

    Examples
    --------
    Two trained and two never-trained units, two periods: ATT(2, 2) = (3 + 4)/2 − (1 + 0)/2.

    >>> import pandas as pd
    >>> df = pd.DataFrame({"id": [1, 1, 2, 2, 3, 3, 4, 4], "t": [1, 2] * 4,
    ...                    "y": [1.0, 4.0, 2.0, 6.0, 1.0, 2.0, 3.0, 3.0],
    ...                    "g": [2, 2, 2, 2, None, None, None, None]})
    >>> res = att_gt(df, "y", "id", "t", "g", min_cohort_size=2)
    >>> res.control_group, res.n_units, res.n_never_treated
    ('nevertreated', 4, 2)
    >>> res.table[["group", "time", "att", "se"]].round(9).values.tolist()
    [[2.0, 2.0, 3.0, 0.5]]
    """

    outcome: str
    control_group: str
    base_period: str
    table: pd.DataFrame
    cohorts: pd.DataFrame
    influence: np.ndarray
    cohort_of_unit: np.ndarray
    cluster: np.ndarray
    n_units: int
    n_clusters: int
    n_never_treated: int
    always_treated: int
    pretest: ParallelTrendsTest
    confidence_level: float = 0.95


def _cluster_sums(psi: np.ndarray, cluster: np.ndarray, n_clusters: int) -> np.ndarray:
    if n_clusters == psi.shape[0]:
        return psi
    out = np.zeros((n_clusters, psi.shape[1]))
    np.add.at(out, cluster, psi)
    return out


def _se(psi: np.ndarray, cluster: np.ndarray, n_clusters: int, n: int) -> np.ndarray:
    s = _cluster_sums(psi, cluster, n_clusters)
    return np.sqrt(np.einsum("ij,ij->j", s, s)) / n


def att_gt(
    data: pd.DataFrame,
    outcome: str,
    unit: str,
    time: str,
    first_treated: str,
    *,
    control_group: ControlGroup = "nevertreated",
    base_period: Literal["varying", "universal"] = "varying",
    cluster: str | None = None,
    alpha: float = 0.05,
    min_cohort_size: int = 5,
    min_pre_periods: int = 1,
    pretest: bool = True,
    other_first_treated: tuple[str, ...] | list[str] = (),
) -> GroupTimeResult:
    """Callaway–Sant'Anna group-time average treatment effects without covariates.

    Parameters
    ----------
    data : DataFrame
        Long panel, one row per unit and period.
    outcome, unit, time : str
        Column names; ``time`` must be orderable (integers or dates).
    first_treated : str
        Column with the period in which the unit was first treated (missing = never treated).
    control_group : {"nevertreated", "notyettreated"}
        Comparison units: never treated only, or also those not yet treated.
    base_period : {"varying", "universal"}
        Base period of the pre-treatment cells (post cells always use g − 1).
    cluster : str, optional
        Cluster variable (constant within unit); default the unit.
    alpha : float
        1 − confidence level of the pointwise intervals.
    min_cohort_size : int
        Cohorts with fewer units are not estimated (``reason`` says so).
    min_pre_periods : int
        Cohorts with fewer periods before treatment are not estimated.
    other_first_treated : sequence of str
        First-treated columns of *other* treatments the units may receive (other courses).
        Each 2×2 cell then uses only units that started no other treatment between its two
        periods ("clean" comparisons), so an additive effect of another treatment cannot leak
        into this one's estimate; cells left with too few units say so in ``reason``.
    pretest : bool
        Compute the Wald pre-test over all pre-treatment cells (R ``did``'s ``W``).  With many
        cohorts this has hundreds of restrictions, more than a cluster-robust covariance can
        support; the event-time pre-test of :func:`aggregate` (``type="dynamic"``) over a
        window has few.

    Returns
    -------
    GroupTimeResult

    Notes
    -----
    A cell is not estimated (``reason``) when no comparison unit or fewer than two treated or
    comparison units are observed in both of its periods: with one unit the variance term of
    that side is identically zero and the standard error would be understated.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"id": [1, 1, 2, 2, 3, 3, 4, 4], "t": [1, 2] * 4,
    ...                    "y": [1.0, 4.0, 2.0, 6.0, 1.0, 2.0, 3.0, 3.0],
    ...                    "g": [2, 2, 2, 2, None, None, None, None]})
    >>> res = att_gt(df, "y", "id", "t", "g", min_cohort_size=2)
    >>> float(res.table["att"].iloc[0])  # (3 + 4)/2 − (1 + 0)/2
    3.0
    """
    if control_group not in ("nevertreated", "notyettreated"):
        raise InputError.single(
            None,
            "control_group must be 'nevertreated' or 'notyettreated'",
            column="control_group",
            found=control_group,
        )
    if base_period not in ("varying", "universal"):
        raise InputError.single(
            None,
            "base_period must be 'varying' or 'universal'",
            column="base_period",
            found=base_period,
        )
    if not 0 < alpha < 1:
        raise InputError.single(None, "alpha must be between 0 and 1", column="alpha", found=alpha)
    lay = panel_layout(data, outcome, unit, time, first_treated, cluster=cluster)
    Y, G, periods = lay.y, lay.cohort, lay.periods
    n, T = Y.shape
    if n == 0:
        raise InputError.single(data.attrs.get("source"), "no units left to analyse")
    n_clusters = int(lay.cluster.max()) + 1
    obs = ~np.isnan(Y)
    # other treatments: starts[i, p] = number of other treatments unit i started by period p
    starts = np.zeros((n, T), dtype=np.int32)
    if other_first_treated:
        row_of = pd.Index(lay.units)
        for col in other_first_treated:
            if col not in data:
                raise InputError.single(
                    data.attrs.get("source"), "column needed for ATT(g,t) is missing", column=col
                )
            per_unit = data.groupby(unit, sort=False)[col].first()
            per_unit = per_unit[per_unit.notna()]
            idx = row_of.get_indexer(per_unit.index)
            pos = np.searchsorted(periods, per_unit.to_numpy(), side="left")
            ok = (idx >= 0) & (pos < T)
            np.add.at(starts, (idx[ok], pos[ok]), 1)
        starts = np.cumsum(starts, axis=1)
    never = G == _NEVER
    cohort_ids = np.unique(G[~never])
    q = stats.norm.ppf(1 - alpha / 2)
    cohort_rows, cells, psi_cols = [], [], []
    for g in cohort_ids:
        in_g = G == g
        n_g = int(in_g.sum())
        reason = code = ""
        if n_g < min_cohort_size:
            code = "cohort_too_small"
            reason = (
                f"only {n_g} unit(s) in this cohort (at least {min_cohort_size} needed): "
                "too few to estimate"
            )
        elif g < min_pre_periods:
            code = "no_pre_period"
            reason = (
                f"only {g} period(s) before treatment (at least {min_pre_periods} needed): "
                "no base period to compare with"
            )
        cohort_rows.append(
            {
                "group": periods[g],
                "n_units": n_g,
                "n_pre_periods": int(g),
                "share": n_g / n,
                "reason": reason,
                "reason_code": code,
            }
        )
        for t in range(0 if base_period == "universal" else 1, T):
            if t >= g or base_period == "universal":
                b = g - 1
            else:
                b = t - 1
            if t == b:  # universal base: the reference cell itself
                continue
            row: dict = {
                "group": periods[g],
                "time": periods[t],
                "event_time": int(t - g),
                "base_period": periods[b],
                "post": bool(t >= g),
                "_g": int(g),
                "_t": int(t),
            }
            both = obs[:, t] & obs[:, b]
            if other_first_treated:  # no other treatment started in (min, max] of t and b
                both &= starts[:, max(t, b)] == starts[:, min(t, b)]
            treat = in_g & both
            if control_group == "nevertreated":
                ctrl = never & both
            else:
                ctrl = (never | ((G > max(t, b)) & (G != g))) & both
            n_d, n_c = int(treat.sum()), int(ctrl.sum())
            row.update(n_treated=n_d, n_control=n_c)
            cell_reason, cell_code = reason, code
            if not cell_reason:
                if n_c == 0:
                    cell_code = "no_comparison"
                    cell_reason = (
                        "no never-treated units observed in both periods"
                        if control_group == "nevertreated"
                        else "no never- or not-yet-treated units observed in both periods"
                    )
                elif n_d < 2 or n_c < 2:
                    cell_code = "too_few_units"
                    cell_reason = (
                        f"{n_d} treated and {n_c} comparison unit(s) observed in both periods: "
                        "at least 2 of each are needed for a standard error"
                    )
            row["reason"] = cell_reason
            row["reason_code"] = cell_code
            psi = np.zeros(n)
            if cell_reason:
                row["att"] = math.nan
            else:
                dy = Y[:, t] - Y[:, b]
                m_d = float(dy[treat].mean())
                m_c = float(dy[ctrl].mean())
                row["att"] = m_d - m_c
                psi[treat] = n / n_d * (dy[treat] - m_d)
                psi[ctrl] = -n / n_c * (dy[ctrl] - m_c)
            cells.append(row)
            psi_cols.append(psi)
    table = pd.DataFrame(
        cells,
        columns=[
            "group",
            "time",
            "event_time",
            "base_period",
            "post",
            "_g",
            "_t",
            "n_treated",
            "n_control",
            "reason",
            "reason_code",
            "att",
        ],
    )
    psi_all = np.column_stack(psi_cols) if psi_cols else np.zeros((n, 0))
    se = _se(psi_all, lay.cluster, n_clusters, n)
    ok = table["reason"].eq("").to_numpy()
    se = np.where(ok, se, np.nan)
    att = table["att"].to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = att / se
    table["se"] = se
    table["ci_low"] = att - q * se
    table["ci_high"] = att + q * se
    table["pvalue"] = np.where(se > 0, 2 * stats.norm.sf(np.abs(z)), np.nan)
    pre_test = (
        _pretest(table, psi_all, lay.cluster, n_clusters, n)
        if pretest
        else ParallelTrendsTest(math.nan, 0, math.nan, "not requested", "not_requested")
    )
    return GroupTimeResult(
        outcome,
        control_group,
        base_period,
        table,
        pd.DataFrame(
            cohort_rows,
            columns=["group", "n_units", "n_pre_periods", "share", "reason", "reason_code"],
        ),
        psi_all,
        G,
        lay.cluster,
        n,
        n_clusters,
        int(never.sum()),
        lay.always_treated,
        pre_test,
        1 - alpha,
    )


def _pretest(
    table: pd.DataFrame, psi: np.ndarray, cluster: np.ndarray, n_clusters: int, n: int
) -> ParallelTrendsTest:
    pre = (~table["post"].to_numpy(dtype=bool)) & table["reason"].eq("").to_numpy()
    return _wald(table["att"].to_numpy(dtype=float)[pre], psi[:, pre], cluster, n_clusters, n)


def _wald(
    b: np.ndarray, psi: np.ndarray, cluster: np.ndarray, n_clusters: int, n: int
) -> ParallelTrendsTest:
    """Wald χ² that the estimates ``b`` (influence functions ``psi``) are all zero."""
    k = len(b)
    if k == 0:
        return ParallelTrendsTest(
            math.nan,
            0,
            math.nan,
            "no pre-treatment cells to test (every estimated cohort has a single period "
            "before treatment)",
            "no_pre_cells",
        )
    s = _cluster_sums(psi, cluster, n_clusters)
    V = s.T @ s / n**2
    w, vecs = np.linalg.eigh(V)
    if w.min() <= 1e-12 * max(w.max(), 1e-300) or k >= n_clusters:
        return ParallelTrendsTest(
            math.nan,
            k,
            math.nan,
            f"the covariance of the {k} pre-treatment estimates is singular (as many or more "
            f"estimates than the {n_clusters} clusters can identify), so no joint test",
            "singular",
        )
    proj = vecs.T @ b
    W = float(np.sum(proj**2 / w))
    return ParallelTrendsTest(W, k, float(stats.chi2.sf(W, k)))


# ------------------------------------------------------------------------------ aggregation
@dataclass(frozen=True)
class AggregateResult:
    """An aggregation of ATT(g,t) (R ``did::aggte``).

    Attributes
    ----------
    type : {"simple", "group", "dynamic"}
    estimate, se, ci_low, ci_high, pvalue : float
        The overall average effect (NaN with ``reason`` when nothing is estimated): for
        ``"simple"`` the cohort-size weighted mean of all post-treatment cells; for ``"group"``
        the cohort-size weighted mean of the cohort averages; for ``"dynamic"`` the mean of the
        event-time effects at event times ≥ 0.
    table : DataFrame
        ``"group"``: one row per cohort (``group``); ``"dynamic"``: one row per event time
        (``event_time``); with ``estimate, se, ci_low, ci_high, pvalue, band_low, band_high``.
        The band is simultaneous over the rows shown (multiplier bootstrap, sup-t).
    critical_value : float
        Simultaneous critical value of the band (NaN for ``"simple"``).
    pretest : ParallelTrendsTest or None
        ``"dynamic"`` only: Wald χ² that the event-time effects before treatment (within
        ``min_e``, ``max_e``) are all zero — a pre-test with few restrictions.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"id": [1, 1, 2, 2, 3, 3, 4, 4], "t": [1, 2] * 4,
    ...                    "y": [1.0, 4.0, 2.0, 6.0, 1.0, 2.0, 3.0, 3.0],
    ...                    "g": [2, 2, 2, 2, None, None, None, None]})
    >>> agg = aggregate(att_gt(df, "y", "id", "t", "g", min_cohort_size=2), "simple")
    >>> agg.type, round(agg.estimate, 9), agg.confidence_level, agg.reason
    ('simple', 3.0, 0.95, '')
    """

    type: str
    estimate: float
    se: float
    ci_low: float
    ci_high: float
    pvalue: float
    table: pd.DataFrame
    critical_value: float
    confidence_level: float
    reason: str = ""
    influence: np.ndarray | None = None
    pretest: ParallelTrendsTest | None = None


def _weights_influence(
    cohort_of_unit: np.ndarray, cell_groups: np.ndarray, pg: np.ndarray
) -> np.ndarray:
    """Influence function of the weights pg_k / Σ pg (R ``did`` ``wif``)."""
    S = pg.sum()
    ind = (cohort_of_unit[:, None] == cell_groups[None, :]).astype(float) - pg[None, :]
    if1 = ind / S
    if2 = ind.sum(axis=1, keepdims=True) * (pg / S**2)[None, :]
    return if1 - if2


def _combine(
    res: GroupTimeResult, cols: np.ndarray, weights: np.ndarray, with_wif: bool
) -> tuple[float, np.ndarray]:
    att = res.table["att"].to_numpy(dtype=float)[cols]
    est = float(weights @ att)
    inf = res.influence[:, cols] @ weights
    if with_wif:
        g = res.table["_g"].to_numpy()[cols]
        pg = np.bincount(res.cohort_of_unit[res.cohort_of_unit != _NEVER])[g] / res.n_units
        inf = inf + _weights_influence(res.cohort_of_unit, g, pg) @ att
    return est, inf


def _sup_t_critical(
    inf: np.ndarray,
    se: np.ndarray,
    cluster: np.ndarray,
    n_clusters: int,
    n: int,
    alpha: float,
    n_boot: int,
    seed: int,
) -> float:
    """Multiplier-bootstrap critical value of max_j |θ*_j/se_j| (Rademacher per cluster)."""
    s = _cluster_sums(inf, cluster, n_clusters) / n
    rng = np.random.default_rng(seed)
    sup = np.empty(n_boot)
    chunk = max(1, min(n_boot, 4_000_000 // max(n_clusters, 1)))
    for start in range(0, n_boot, chunk):
        m = min(chunk, n_boot - start)
        v = rng.integers(0, 2, size=(m, n_clusters), dtype=np.int8).astype(float) * 2 - 1
        sup[start : start + m] = np.max(np.abs(v @ s) / se[None, :], axis=1)
    return float(np.quantile(sup, 1 - alpha, method="inverted_cdf"))


def aggregate(
    result: GroupTimeResult,
    type: Literal["simple", "group", "dynamic"] = "simple",
    *,
    alpha: float | None = None,
    n_boot: int = 999,
    seed: int = 20240601,
    min_e: float = -math.inf,
    max_e: float = math.inf,
) -> AggregateResult:
    """Aggregate ATT(g,t) to an overall, per-cohort or event-time (dynamic) effect.

    Weights are cohort shares P(G = g) over the estimated cells (Callaway & Sant'Anna 2021,
    section 3); the influence function includes the estimation of the weights, as in R
    ``did::aggte``.  Cells that are not estimated (``reason``) are left out, and so are cohorts
    marked unidentified.

    Parameters
    ----------
    type : {"simple", "group", "dynamic"}
    alpha : float, optional
        Default ``1 − result.confidence_level``.
    n_boot, seed : int
        Multiplier-bootstrap draws and seed for the simultaneous bands (deterministic).
    min_e, max_e : float
        Event-time window for ``"dynamic"``.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"id": [1, 1, 2, 2, 3, 3, 4, 4], "t": [1, 2] * 4,
    ...                    "y": [1.0, 4.0, 2.0, 6.0, 1.0, 2.0, 3.0, 3.0],
    ...                    "g": [2, 2, 2, 2, None, None, None, None]})
    >>> agg = aggregate(att_gt(df, "y", "id", "t", "g", min_cohort_size=2), "simple")
    >>> agg.estimate
    3.0
    """
    if type not in ("simple", "group", "dynamic"):
        raise InputError.single(
            None, "type must be 'simple', 'group' or 'dynamic'", column="type", found=type
        )
    alpha = 1 - result.confidence_level if alpha is None else alpha
    q = stats.norm.ppf(1 - alpha / 2)
    tab = result.table
    ok = tab["reason"].eq("").to_numpy()
    post = tab["post"].to_numpy(dtype=bool)
    g_all = tab["_g"].to_numpy()
    e_all = tab["event_time"].to_numpy()
    n, cl, n_cl = result.n_units, result.cluster, result.n_clusters
    conf = 1 - alpha

    def summary(est: float, inf: np.ndarray) -> tuple[float, float, float, float]:
        se = float(_se(inf[:, None], cl, n_cl, n)[0])
        p = float(2 * stats.norm.sf(abs(est / se))) if se > 0 else math.nan
        return se, est - q * se, est + q * se, p

    def undefined(reason: str, table: pd.DataFrame) -> AggregateResult:
        nan = math.nan
        pre = (
            ParallelTrendsTest(
                nan, 0, nan, "no pre-treatment event time could be estimated", "no_pre_cells"
            )
            if type == "dynamic"
            else None
        )
        return AggregateResult(type, nan, nan, nan, nan, nan, table, nan, conf, reason, None, pre)

    rows, infs = [], []
    if type == "simple":
        cols = np.flatnonzero(ok & post)
        if cols.size == 0:
            return undefined("no post-treatment effect could be estimated", pd.DataFrame())
        pg = result.cohorts.set_index("group")["share"]
        w = pg.reindex(tab["group"].to_numpy()[cols]).to_numpy(dtype=float)
        est, inf = _combine(result, cols, w / w.sum(), True)
        se, lo, hi, p = summary(est, inf)
        return AggregateResult(type, est, se, lo, hi, p, pd.DataFrame(), math.nan, conf, "", inf)
    if type == "group":
        keys = [g for g in np.unique(g_all) if np.any(ok & post & (g_all == g))]
        for g in keys:
            cols = np.flatnonzero(ok & post & (g_all == g))
            est, inf = _combine(result, cols, np.full(cols.size, 1 / cols.size), False)
            rows.append({"group": tab["group"].to_numpy()[cols[0]], "estimate": est, "_g": g})
            infs.append(inf)
    else:
        window = (e_all >= min_e) & (e_all <= max_e)
        keys = sorted({int(e) for e in e_all[ok & window]})
        for e in keys:
            cols = np.flatnonzero(ok & (e_all == e))
            pg = np.bincount(result.cohort_of_unit[result.cohort_of_unit != _NEVER])[g_all[cols]]
            est, inf = _combine(result, cols, pg / pg.sum(), True)
            rows.append({"event_time": e, "estimate": est})
            infs.append(inf)
    if not rows:
        return undefined("no effect could be estimated", pd.DataFrame())
    table = pd.DataFrame(rows)
    psi = np.column_stack(infs)
    se_k = _se(psi, cl, n_cl, n)
    est_k = table["estimate"].to_numpy(dtype=float)
    table["se"] = se_k
    table["ci_low"] = est_k - q * se_k
    table["ci_high"] = est_k + q * se_k
    with np.errstate(divide="ignore", invalid="ignore"):
        table["pvalue"] = np.where(se_k > 0, 2 * stats.norm.sf(np.abs(est_k / se_k)), np.nan)
    pos = se_k > 0
    crit = (
        _sup_t_critical(psi[:, pos], se_k[pos], cl, n_cl, n, alpha, n_boot, seed)
        if pos.any()
        else math.nan
    )
    table["band_low"] = est_k - crit * se_k
    table["band_high"] = est_k + crit * se_k
    if type == "group":
        pg_g = (
            np.bincount(result.cohort_of_unit[result.cohort_of_unit != _NEVER])[
                table["_g"].to_numpy()
            ]
            / n
        )
        S = pg_g.sum()
        est = float(pg_g @ est_k / S)
        wif = _weights_influence(result.cohort_of_unit, table["_g"].to_numpy(), pg_g)
        inf = psi @ (pg_g / S) + wif @ est_k
        table = table.drop(columns="_g")
    pre_test = None
    if type == "dynamic":
        post_e = table["event_time"].to_numpy() >= 0
        pre_e = ~post_e & (se_k > 0)
        if pre_e.any():
            pre_test = _wald(est_k[pre_e], psi[:, pre_e], cl, n_cl, n)
        else:
            pre_test = ParallelTrendsTest(
                math.nan, 0, math.nan, "no pre-treatment event time in the window", "no_pre_cells"
            )
        if not post_e.any():
            nan = math.nan
            return AggregateResult(
                type,
                nan,
                nan,
                nan,
                nan,
                nan,
                table,
                crit,
                conf,
                "no post-treatment event time could be estimated",
                None,
                pre_test,
            )
        est = float(est_k[post_e].mean())
        inf = psi[:, post_e].mean(axis=1)
    se, lo, hi, p = summary(est, inf)
    return AggregateResult(type, est, se, lo, hi, p, table, crit, conf, "", inf, pre_test)
