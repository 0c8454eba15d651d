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
import warnings
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

import numpy as np
import pandas as pd
from scipy import stats

from cslib.core.errors import InputError

ControlGroup = Literal["nevertreated", "notyettreated"]
NEVER_TREATED = np.iinfo(np.int64).max


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


OUTCOME_CONSTANT = "the outcome does not vary within any unit over time, so the effect is undefined"


class AggregateReason(StrEnum):
    """Why an aggregation (:func:`aggregate`) has no estimate (the analysis package words it).

    A ``str`` enum: a code compares equal to its value.  :class:`AggregateResult` carries it
    as ``reason_code`` next to its English ``reason`` (for developers and logs).

    Examples
    --------
    >>> AggregateReason("no_post_effect") is AggregateReason.NO_POST_EFFECT
    True
    """

    #: The outcome never changes within a unit: every effect would be 0 with SE 0.
    OUTCOME_CONSTANT = "outcome_constant"
    #: No post-treatment cell could be estimated (``"simple"``).
    NO_POST_EFFECT = "no_post_effect"
    #: No cohort or event time could be estimated (``"group"``, ``"dynamic"``).
    NO_EFFECT = "no_effect"
    #: ``"dynamic"``: no event time at or after treatment in the window could be estimated.
    NO_POST_EVENT_TIME = "no_post_event_time"


#: The English ``reason`` that goes with each :class:`AggregateReason`.
AGGREGATE_MESSAGES: dict[AggregateReason, str] = {
    AggregateReason.OUTCOME_CONSTANT: OUTCOME_CONSTANT,
    AggregateReason.NO_POST_EFFECT: "no post-treatment effect could be estimated",
    AggregateReason.NO_EFFECT: "no effect could be estimated",
    AggregateReason.NO_POST_EVENT_TIME: "no post-treatment event time could be estimated",
}


def spreadsheet_row(data: pd.DataFrame, position: int) -> int | None:
    """The spreadsheet row (header = row 1) of the row at ``position`` of ``data``.

    Frames read by :func:`cslib.core.io.read_table` are indexed by spreadsheet row, and keep
    that index when rows are filtered, so the row's index label is its row.  A frame with the
    default index (0, 1, 2, … — made in code, not read) counts rows as a file with one header
    row would: ``position + 2``.  Any other index says nothing about rows: ``None``.

    Examples
    --------
    >>> import pandas as pd
    >>> spreadsheet_row(pd.DataFrame({"x": [1, 2, 3]}, index=[2, 5, 9]), 1)
    5
    >>> spreadsheet_row(pd.DataFrame({"x": [1, 2, 3]}), 1)
    3
    """
    index = data.index
    if isinstance(index, pd.RangeIndex) and index.start == 0 and index.step == 1:
        return position + 2
    label = index[position]
    return int(label) if isinstance(label, (int, np.integer)) else None


def _check_panel(data: pd.DataFrame, columns: list[str], time: str) -> None:
    """Every needed column present; no missing period."""
    src = data.attrs.get("source")
    for col in columns:
        if col not in data:
            raise InputError.single(src, "column needed for ATT(g,t) is missing", column=col)
    if data[time].isna().any():
        row = int(np.flatnonzero(data[time].isna().to_numpy())[0])
        raise InputError.single(
            src, "period is missing", row=spreadsheet_row(data, row), column=time
        )


def _numeric_outcome(data: pd.DataFrame, outcome: str) -> np.ndarray:
    """The outcome as floats (NaN where missing); a non-numeric entry is an error."""
    y = pd.to_numeric(data[outcome], errors="coerce")
    bad = y.isna() & data[outcome].notna()
    if bad.any():
        row = int(np.flatnonzero(bad.to_numpy())[0])
        raise InputError.single(
            data.attrs.get("source"),
            "outcome must be numeric",
            row=spreadsheet_row(data, row),
            column=outcome,
            found=data[outcome].iloc[row],
        )
    return y.to_numpy(dtype=float)


@dataclass(frozen=True)
class _Coding:
    """Where each row of a long panel goes in the units × periods layout, and each unit's cohort.

    ``key`` is the flat position ``unit · n_periods + period`` of every row over *all* units;
    ``keep`` marks the units that stay (not always treated).  Shared by every outcome analysed
    for the same treatment, so the unit and period coding is done once.
    """

    unit_code: np.ndarray
    key: np.ndarray
    periods: np.ndarray
    units: np.ndarray
    cohort: np.ndarray
    cluster: np.ndarray
    keep: np.ndarray
    always_treated: int

    def wide(self, values: np.ndarray) -> np.ndarray:
        """Row values (one per row of the long panel) as kept units × periods, NaN if absent."""
        n_t = len(self.periods)
        out = np.full(len(self.keep) * n_t, np.nan)
        out[self.key] = values
        return out.reshape(len(self.keep), n_t)[self.keep]


def _coding(
    data: pd.DataFrame, unit: str, time: str, first_treated: str, cluster: str | None
) -> _Coding:
    src = data.attrs.get("source")
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
            row=spreadsheet_row(data, row),
            column=time,
            found=(data[unit].iloc[row], data[time].iloc[row]),
        )
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
            row=spreadsheet_row(data, row),
            column=first_treated,
            found=ft.iloc[row],
        )
    per_unit = pd.Series(ft.to_numpy()).groupby(u).first().reindex(range(n_u))
    cohort = np.full(n_u, NEVER_TREATED, dtype=np.int64)
    known = per_unit.notna().to_numpy()
    pos = np.searchsorted(periods, per_unit[known].to_numpy(), side="left")
    cohort[known] = np.where(pos >= n_t, NEVER_TREATED, pos)
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
    return _Coding(
        u,
        key,
        periods,
        np.asarray(units)[keep],
        cohort[keep],
        pd.factorize(cl[keep], sort=True)[0],
        keep,
        int(always.sum()),
    )


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
    _check_panel(data, [outcome, unit, time, first_treated, *([cluster] if cluster else [])], time)
    y = _numeric_outcome(data, outcome)
    cod = _coding(data, unit, time, first_treated, cluster)
    return PanelLayout(
        cod.wide(y), cod.cohort, cod.periods, cod.units, cod.cluster, cod.always_treated
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
    confidence_level: float = 0.95,
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
    confidence_level : float
        Of the pointwise intervals (default 0.95).
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

    Several outcomes of the same treatment: :func:`att_gt_many` codes the panel once.

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
    return att_gt_many(
        data,
        [outcome],
        unit,
        time,
        first_treated,
        control_group=control_group,
        base_period=base_period,
        cluster=cluster,
        confidence_level=confidence_level,
        min_cohort_size=min_cohort_size,
        min_pre_periods=min_pre_periods,
        pretest=pretest,
        other_first_treated=other_first_treated,
    )[outcome]


def att_gt_many(
    data: pd.DataFrame,
    outcomes: list[str] | tuple[str, ...],
    unit: str,
    time: str,
    first_treated: str,
    *,
    control_group: ControlGroup = "nevertreated",
    base_period: Literal["varying", "universal"] = "varying",
    cluster: str | None = None,
    confidence_level: float = 0.95,
    min_cohort_size: int = 5,
    min_pre_periods: int = 1,
    pretest: bool = True,
    other_first_treated: tuple[str, ...] | list[str] = (),
) -> dict[str, GroupTimeResult]:
    """:func:`att_gt` for several outcomes of the same treatment.

    Each outcome gets exactly the result :func:`att_gt` gives it alone; the units, periods,
    cohorts, clusters and other treatments' start periods are coded once for all of them.
    Parameters as :func:`att_gt`.

    Returns
    -------
    dict
        outcome → :class:`GroupTimeResult`, in the order of ``outcomes``.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"id": [1, 1, 2, 2, 3, 3, 4, 4], "t": [1, 2] * 4,
    ...                    "y": [1.0, 4.0, 2.0, 6.0, 1.0, 2.0, 3.0, 3.0],
    ...                    "g": [2, 2, 2, 2, None, None, None, None]})
    >>> res = att_gt_many(df.assign(y2=2 * df["y"]), ["y", "y2"], "id", "t", "g",
    ...                   min_cohort_size=2)
    >>> [float(r.table["att"].iloc[0]) for r in res.values()]
    [3.0, 6.0]
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
    if not 0 < confidence_level < 1:
        raise InputError.single(
            None,
            "expected a confidence level between 0 and 1",
            column="confidence_level",
            found=confidence_level,
        )
    outcomes = list(outcomes)
    _check_panel(
        data, [*outcomes, unit, time, first_treated, *([cluster] if cluster else [])], time
    )
    values = [_numeric_outcome(data, y) for y in outcomes]
    cod = _coding(data, unit, time, first_treated, cluster)
    if len(cod.units) == 0:
        raise InputError.single(data.attrs.get("source"), "no units left to analyse")
    starts = _other_starts(data, cod, list(other_first_treated)) if other_first_treated else None
    return {
        y: _att_gt_wide(
            y,
            cod.wide(v),
            cod,
            starts,
            control_group=control_group,
            base_period=base_period,
            confidence_level=confidence_level,
            min_cohort_size=min_cohort_size,
            min_pre_periods=min_pre_periods,
            pretest=pretest,
        )
        for y, v in zip(outcomes, values, strict=True)
    }


def _other_starts(data: pd.DataFrame, cod: _Coding, columns: list[str]) -> np.ndarray:
    """starts[i, p] = number of the other treatments that kept unit i had started by period p.

    A unit's start of another treatment is its first non-missing value in that column."""
    n, T = len(cod.units), len(cod.periods)
    kept_row = np.full(len(cod.keep), -1)
    kept_row[cod.keep] = np.arange(n)
    starts = np.zeros((n, T), dtype=np.int32)
    for col in columns:
        if col not in data:
            raise InputError.single(
                data.attrs.get("source"), "column needed for ATT(g,t) is missing", column=col
            )
        rows = np.flatnonzero(data[col].notna().to_numpy() & (cod.unit_code >= 0))
        units, first = np.unique(cod.unit_code[rows], return_index=True)
        idx = kept_row[units]
        pos = np.searchsorted(cod.periods, data[col].to_numpy()[rows[first]], side="left")
        ok = (idx >= 0) & (pos < T)
        np.add.at(starts, (idx[ok], pos[ok]), 1)
    return np.cumsum(starts, axis=1)


def _att_gt_wide(
    outcome: str,
    Y: np.ndarray,
    cod: _Coding,
    starts: np.ndarray | None,
    *,
    control_group: ControlGroup,
    base_period: str,
    confidence_level: float,
    min_cohort_size: int,
    min_pre_periods: int,
    pretest: bool,
) -> GroupTimeResult:
    """ATT(g,t) of one outcome laid out as units × periods (``Y``, NaN = not observed).

    The cells of a cohort are computed together: row j of the (cells × units) masks says which
    units are treated / comparison units of cell j.  Each cell mean is taken over that cell's
    units in unit order, exactly as a one-cell-at-a-time loop would sum them.
    """
    G, periods = cod.cohort, cod.periods
    n, T = Y.shape
    n_clusters = int(cod.cluster.max()) + 1
    YT = np.ascontiguousarray(Y.T)  # periods × units: one contiguous row per period
    obsT = ~np.isnan(YT)
    startsT = None if starts is None else np.ascontiguousarray(starts.T)
    never = G == NEVER_TREATED
    cohort_ids = np.unique(G[~never])
    q = stats.norm.ppf(0.5 + confidence_level / 2)
    universal = base_period == "universal"
    c_units, c_reasons, c_codes = [], [], []  # per cohort
    # an outcome that never changes within a unit gives ATT 0 with SE 0: undefined, not zero
    with np.errstate(invalid="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # units never observed: all-NaN rows
        within = Y - np.nanmean(Y, axis=1, keepdims=True)
        scale = float(np.nanmean(np.square(Y))) if np.isfinite(Y).any() else 0.0
    constant = bool(np.nansum(np.square(within)) <= 1e-12 * scale * max(int(obsT.sum()), 1))
    parts, psi_blocks = [], []  # per cohort: its cells' table columns and influence functions
    for g in cohort_ids:
        in_g = G == g
        n_g = int(in_g.sum())
        reason = code = ""
        if constant:
            code = "outcome_constant"
            reason = OUTCOME_CONSTANT
        elif n_g < min_cohort_size:
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
        c_units.append(n_g)
        c_reasons.append(reason)
        c_codes.append(code)
        # the cells of cohort g: periods t with base b = g − 1 (post, or universal base) or
        # b = t − 1 (varying base before treatment); the universal reference cell t = b is skipped
        t_c = np.arange(0 if universal else 1, T)
        b_c = np.where((t_c >= g) | universal, g - 1, t_c - 1)
        t_c, b_c = t_c[t_c != b_c], b_c[t_c != b_c]
        k = len(t_c)
        if k == 0:
            continue
        hi, lo = np.maximum(t_c, b_c), np.minimum(t_c, b_c)
        both = obsT[t_c] & obsT[b_c]  # cells × units: observed in both periods
        if startsT is not None:  # no other treatment started in (min, max] of t and b
            both &= startsT[hi] == startsT[lo]
        treat = both & in_g
        if control_group == "nevertreated":
            ctrl = both & never
        else:
            ctrl = both & (never | ((G[None, :] > hi[:, None]) & (G != g)))
        n_d, n_c = treat.sum(axis=1), ctrl.sum(axis=1)
        if reason:
            codes = [code] * k
            reasons = [reason] * k
        else:
            codes, reasons = [], []
            no_comp = (
                "no never-treated units observed in both periods"
                if control_group == "nevertreated"
                else "no never- or not-yet-treated units observed in both periods"
            )
            for nd, nc in zip(n_d.tolist(), n_c.tolist(), strict=True):
                if nc == 0:
                    codes.append("no_comparison")
                    reasons.append(no_comp)
                elif nd < 2 or nc < 2:
                    codes.append("too_few_units")
                    reasons.append(
                        f"{nd} treated and {nc} comparison unit(s) observed in both periods: "
                        "at least 2 of each are needed for a standard error"
                    )
                else:
                    codes.append("")
                    reasons.append("")
        est = np.array([c == "" for c in codes])
        dy = YT[t_c] - YT[b_c]
        m_d = _cell_means(dy, treat, n_d, est)
        m_c = _cell_means(dy, ctrl, n_c, est)
        att = np.where(est, m_d - m_c, np.nan)
        w_d = np.where(est, n / np.maximum(n_d, 1), 0.0)
        w_c = np.where(est, -n / np.maximum(n_c, 1), 0.0)
        # influence function ψ_i (module docstring); zero for cells not estimated
        psi = np.where(
            treat & est[:, None],
            w_d[:, None] * (dy - m_d[:, None]),
            np.where(ctrl & est[:, None], w_c[:, None] * (dy - m_c[:, None]), 0.0),
        )
        psi_blocks.append(psi)
        parts.append(
            {
                "group": periods[np.full(k, g)],
                "time": periods[t_c],
                "event_time": (t_c - g).astype(np.int64),
                "base_period": periods[b_c],
                "post": t_c >= g,
                "_g": np.full(k, g, dtype=np.int64),
                "_t": t_c.astype(np.int64),
                "n_treated": n_d.astype(np.int64),
                "n_control": n_c.astype(np.int64),
                "reason": reasons,
                "reason_code": codes,
                "att": att,
            }
        )
    columns = [
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
    ]
    if parts:
        cols = {
            c: np.concatenate([p[c] for p in parts])
            if c not in ("reason", "reason_code")
            else [s for p in parts for s in p[c]]
            for c in columns
        }
        # units × cells, C order (the layout the one-cell-at-a-time column_stack had)
        psi_all = np.ascontiguousarray(np.concatenate(psi_blocks).T)
        ok = np.array([r == "" for r in cols["reason"]])
        att = np.concatenate([p["att"] for p in parts])
        table = pd.DataFrame(
            {**cols, **_inference(att, ok, psi_all, cod.cluster, n_clusters, n, q)}
        )
    else:
        table = pd.DataFrame([], columns=columns)
        psi_all = np.zeros((n, 0))
        extra = _inference(np.zeros(0), np.zeros(0, bool), psi_all, cod.cluster, n_clusters, n, q)
        for c, v in extra.items():
            table[c] = v
    cohorts = (
        pd.DataFrame(
            {
                "group": periods[cohort_ids],
                "n_units": np.array(c_units, dtype=np.int64),
                "n_pre_periods": cohort_ids.astype(np.int64),
                "share": np.array(c_units, dtype=np.int64) / n,
                "reason": c_reasons,
                "reason_code": c_codes,
            }
        )
        if len(cohort_ids)
        else pd.DataFrame(
            [], columns=["group", "n_units", "n_pre_periods", "share", "reason", "reason_code"]
        )
    )
    pre_test = (
        _pretest(table, psi_all, cod.cluster, n_clusters, n)
        if pretest
        else ParallelTrendsTest(math.nan, 0, math.nan, "not requested", "not_requested")
    )
    return GroupTimeResult(
        outcome,
        control_group,
        base_period,
        table,
        cohorts,
        psi_all,
        G,
        cod.cluster,
        n,
        n_clusters,
        int(never.sum()),
        cod.always_treated,
        pre_test,
        confidence_level,
    )


def _cell_means(
    values: np.ndarray, mask: np.ndarray, count: np.ndarray, wanted: np.ndarray
) -> np.ndarray:
    """Mean of ``values[j][mask[j]]`` for each row j where ``wanted`` (NaN elsewhere).

    The masked values of all rows are taken in one step (row by row, in column order); each row
    is then a contiguous slice summed by ``np.add.reduce`` and divided by its count — exactly
    what ``values[j][mask[j]].mean()`` computes, so the result does not depend on how many
    cells are computed together.
    """
    flat = values[mask]
    ends = np.cumsum(count)
    out = np.full(len(count), np.nan)
    for j in np.flatnonzero(wanted).tolist():
        out[j] = np.add.reduce(flat[ends[j] - count[j] : ends[j]]) / count[j]
    return out


def _inference(
    att: np.ndarray,
    ok: np.ndarray,
    psi: np.ndarray,
    cluster: np.ndarray,
    n_clusters: int,
    n: int,
    q: float,
) -> dict[str, np.ndarray]:
    """Columns ``se, ci_low, ci_high, pvalue`` of the cells (normal; NaN where not ``ok``)."""
    se = np.where(ok, _se(psi, cluster, n_clusters, n), np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = att / se
    return {
        "se": se,
        "ci_low": att - q * se,
        "ci_high": att + q * se,
        "pvalue": np.where(se > 0, 2 * stats.norm.sf(np.abs(z)), np.nan),
    }


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
        The overall average effect (NaN with ``reason_code`` when nothing is estimated): for
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
    >>> agg.type, round(agg.estimate, 9), agg.confidence_level, agg.reason_code
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
    #: ``""`` when estimated, else an :class:`AggregateReason` (``reason`` is its English text)
    reason_code: str = ""


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
    res: GroupTimeResult,
    att_all: np.ndarray,
    g_all: np.ndarray,
    counts: np.ndarray,
    cols: np.ndarray,
    weights: np.ndarray,
    with_wif: bool,
) -> tuple[float, np.ndarray]:
    """Weighted mean of the cells ``cols`` and its influence function (``counts``: units per
    cohort index, ``att_all``/``g_all``: the table's ``att`` and ``_g`` columns)."""
    att = att_all[cols]
    est = float(weights @ att)
    inf = res.influence[:, cols] @ weights
    if with_wif:
        g = g_all[cols]
        pg = counts[g] / res.n_units
        inf = inf + _weights_influence(res.cohort_of_unit, g, pg) @ att
    return est, inf


def _sup_t_critical(
    inf: np.ndarray,
    se: np.ndarray,
    cluster: np.ndarray,
    n_clusters: int,
    n: int,
    confidence_level: float,
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
    return float(np.quantile(sup, confidence_level, method="inverted_cdf"))


def aggregate(
    result: GroupTimeResult,
    type: Literal["simple", "group", "dynamic"] = "simple",
    *,
    confidence_level: float | None = None,
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
    confidence_level : float, optional
        Of the pointwise intervals and the simultaneous bands; default
        ``result.confidence_level``.
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
    conf = result.confidence_level if confidence_level is None else confidence_level
    if not 0 < conf < 1:
        raise InputError.single(
            None,
            "expected a confidence level between 0 and 1",
            column="confidence_level",
            found=conf,
        )
    q = stats.norm.ppf(0.5 + conf / 2)
    tab = result.table
    ok = tab["reason"].eq("").to_numpy()
    post = tab["post"].to_numpy(dtype=bool)
    g_all = tab["_g"].to_numpy()
    e_all = tab["event_time"].to_numpy()
    n, cl, n_cl = result.n_units, result.cluster, result.n_clusters

    def summary(est: float, inf: np.ndarray) -> tuple[float, float, float, float]:
        se = float(_se(inf[:, None], cl, n_cl, n)[0])
        p = float(2 * stats.norm.sf(abs(est / se))) if se > 0 else math.nan
        return se, est - q * se, est + q * se, p

    def undefined(code: AggregateReason, table: pd.DataFrame) -> AggregateResult:
        nan = math.nan
        pre = (
            ParallelTrendsTest(
                nan, 0, nan, "no pre-treatment event time could be estimated", "no_pre_cells"
            )
            if type == "dynamic"
            else None
        )
        reason = AGGREGATE_MESSAGES[code]
        return AggregateResult(
            type, nan, nan, nan, nan, nan, table, nan, conf, reason, None, pre, code
        )

    att_all = tab["att"].to_numpy(dtype=float)
    counts = np.bincount(result.cohort_of_unit[result.cohort_of_unit != NEVER_TREATED])
    keys: list = []
    ests: list[float] = []
    infs: list[np.ndarray] = []
    if type == "simple":
        cols = np.flatnonzero(ok & post)
        if cols.size == 0:
            why = set(tab.loc[post, "reason_code"])
            return undefined(
                AggregateReason.OUTCOME_CONSTANT
                if why == {"outcome_constant"}
                else AggregateReason.NO_POST_EFFECT,
                pd.DataFrame(),
            )
        # the cohort share P(G = g) of each cell (cohorts are listed by cohort index)
        share = result.cohorts["share"].to_numpy(dtype=float)
        w = share[np.searchsorted(result.cohorts["n_pre_periods"].to_numpy(), g_all[cols])]
        est, inf = _combine(result, att_all, g_all, counts, cols, w / w.sum(), True)
        se, lo, hi, p = summary(est, inf)
        return AggregateResult(type, est, se, lo, hi, p, pd.DataFrame(), math.nan, conf, "", inf)
    if type == "group":
        keys = [g for g in np.unique(g_all) if np.any(ok & post & (g_all == g))]
        first_cell = []
        for g in keys:
            cols = np.flatnonzero(ok & post & (g_all == g))
            w = np.full(cols.size, 1 / cols.size)
            est, inf = _combine(result, att_all, g_all, counts, cols, w, False)
            first_cell.append(cols[0])
            ests.append(est)
            infs.append(inf)
        head = {"group": tab["group"].to_numpy()[first_cell]}
    else:
        window = (e_all >= min_e) & (e_all <= max_e)
        keys = sorted({int(e) for e in e_all[ok & window]})
        for e in keys:
            cols = np.flatnonzero(ok & (e_all == e))
            pg = counts[g_all[cols]]
            est, inf = _combine(result, att_all, g_all, counts, cols, pg / pg.sum(), True)
            ests.append(est)
            infs.append(inf)
        head = {"event_time": np.array(keys, dtype=np.int64)}
    if not keys:
        return undefined(AggregateReason.NO_EFFECT, pd.DataFrame())
    psi = np.column_stack(infs)
    se_k = _se(psi, cl, n_cl, n)
    est_k = np.array(ests, dtype=float)
    pos = se_k > 0
    crit = (
        _sup_t_critical(psi[:, pos], se_k[pos], cl, n_cl, n, conf, n_boot, seed)
        if pos.any()
        else math.nan
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        pvalue = np.where(se_k > 0, 2 * stats.norm.sf(np.abs(est_k / se_k)), np.nan)
    table = pd.DataFrame(
        {
            **head,
            "estimate": est_k,
            "se": se_k,
            "ci_low": est_k - q * se_k,
            "ci_high": est_k + q * se_k,
            "pvalue": pvalue,
            "band_low": est_k - crit * se_k,
            "band_high": est_k + crit * se_k,
        }
    )
    if type == "group":
        g_k = np.array(keys, dtype=np.int64)
        pg_g = counts[g_k] / n
        S = pg_g.sum()
        est = float(pg_g @ est_k / S)
        wif = _weights_influence(result.cohort_of_unit, g_k, pg_g)
        inf = psi @ (pg_g / S) + wif @ est_k
    pre_test = None
    if type == "dynamic":
        post_e = head["event_time"] >= 0
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
                AGGREGATE_MESSAGES[AggregateReason.NO_POST_EVENT_TIME],
                None,
                pre_test,
                AggregateReason.NO_POST_EVENT_TIME,
            )
        est = float(est_k[post_e].mean())
        inf = psi[:, post_e].mean(axis=1)
    se, lo, hi, p = summary(est, inf)
    return AggregateResult(type, est, se, lo, hi, p, table, crit, conf, "", inf, pre_test)


# ------------------------------------------------------------------------------ joint draws
def joint_draws(
    aggregates: list[AggregateResult] | tuple[AggregateResult, ...],
    cluster: np.ndarray,
    *,
    n_draws: int = 1999,
    seed: int = 20240601,
    multiplier: Literal["rademacher", "normal"] = "rademacher",
) -> np.ndarray:
    r"""Joint multiplier-bootstrap draws of several aggregated effects on the same panel.

    Each aggregation k (of one outcome) carries its estimate :math:`\hat\theta_k` and influence
    function :math:`\psi_{ik}` over the same n units (the outcomes of one treatment fitted
    together by :func:`att_gt_many` share the unit coding).  Draw b perturbs every estimate with
    the *same* multiplier :math:`V_{bc}` per cluster c,

    .. math::

        \theta^*_{bk} = \hat\theta_k + \frac{1}{n} \sum_c V_{bc} \sum_{i \in c} \psi_{ik},

    so the draws keep the estimates' cluster-robust covariance (the covariance of the rows is
    :math:`\sum_c S_{ck} S_{cl} / n^2`, the analytical one of :func:`aggregate`, exactly for
    normal multipliers and in expectation for Rademacher ones).  This is the multiplier
    bootstrap of Callaway & Sant'Anna (2021, section 4) applied jointly to several outcomes;
    a function of several effects (e.g. money from several KPIs) is then evaluated per draw.

    Parameters
    ----------
    aggregates : sequence of AggregateResult
        Aggregations with an influence function (``reason`` empty), all of the same panel
        coding (same length n).
    cluster : int ndarray (n,)
        Cluster code of each unit (``GroupTimeResult.cluster`` of any of the fits).
    n_draws, seed : int
        Number of draws and the seed (deterministic).
    multiplier : {"rademacher", "normal"}
        ±1 with probability ½ each (R ``did``'s default) or standard normal.

    Returns
    -------
    ndarray (n_draws, k)

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"id": [1, 1, 2, 2, 3, 3, 4, 4], "t": [1, 2] * 4,
    ...                    "y": [1.0, 4.0, 2.0, 6.0, 1.0, 2.0, 3.0, 3.0],
    ...                    "g": [2, 2, 2, 2, None, None, None, None]})
    >>> fits = att_gt_many(df.assign(y2=2 * df["y"]), ["y", "y2"], "id", "t", "g",
    ...                    min_cohort_size=2)
    >>> aggs = [aggregate(r, "simple") for r in fits.values()]
    >>> d = joint_draws(aggs, fits["y"].cluster, n_draws=500, seed=1)
    >>> d.shape, bool(np.allclose(d[:, 1], 2 * d[:, 0]))  # y2 = 2y: perfectly correlated
    ((500, 2), True)
    """
    aggs = list(aggregates)
    if not aggs:
        raise InputError.single(None, "at least one aggregation", column="aggregates", found=0)
    if multiplier not in ("rademacher", "normal"):
        raise InputError.single(
            None, "'rademacher' or 'normal'", column="multiplier", found=multiplier
        )
    if int(n_draws) != n_draws or n_draws < 1:
        raise InputError.single(None, "a whole number ≥ 1", column="n_draws", found=n_draws)
    cl = np.asarray(cluster)
    n = len(cl)
    for k, a in enumerate(aggs):
        if a.influence is None or a.reason_code or not math.isfinite(a.estimate):
            raise InputError.single(
                None,
                "an estimated aggregation with an influence function",
                column=f"aggregates[{k}]",
                found=a.reason or "no influence function",
            )
        if a.influence.shape != (n,):
            raise InputError.single(
                None,
                f"an influence function over the same {n} units as the cluster codes",
                column=f"aggregates[{k}]",
                found=a.influence.shape,
            )
    n_clusters = int(cl.max()) + 1 if n else 0
    psi = np.column_stack([np.asarray(a.influence) for a in aggs])
    s = _cluster_sums(psi, cl, n_clusters) / n
    est = np.array([a.estimate for a in aggs], dtype=float)
    rng = np.random.default_rng(seed)
    if multiplier == "rademacher":
        v = rng.integers(0, 2, size=(int(n_draws), n_clusters), dtype=np.int8).astype(float) * 2 - 1
    else:
        v = rng.standard_normal((int(n_draws), n_clusters))
    return est[None, :] + v @ s
