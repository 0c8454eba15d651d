r"""Inspector leniency by month against the other inspectors, and its self-starting residuals.

Model (routine calls): :math:`y = \alpha_{agent} + \beta_{inspector, month} + e`,
:math:`e \sim N(0, \sigma^2)`, fitted by least squares with the agent effects absorbed
exactly (Schur complement :math:`S = D_k - B^\top D_a^{-1} B` of the normal equations, with
:math:`D_a`, :math:`D_k` the calls per agent and per inspector-month and :math:`B` the
agent × inspector-month call counts; :math:`\hat\beta = S^{+} r`).

**Leave-one-out deviation.**  Inspector :math:`i`'s leniency in month :math:`t` is measured
against the *other* inspectors that month,

.. math::

    d_{it} = \hat\beta_{it} - \frac{1}{|J_{it}|} \sum_{j \in J_{it}} \hat\beta_{jt},

:math:`J_{it}` the other inspectors who scored routine calls in month :math:`t`.  A drifting
inspector does not pull its own reference (with the inspector in a call-weighted average, a
step :math:`\delta` appears as :math:`(1 - w_{it})\delta`: 12 % too small with eight equally
busy inspectors), and the reference is an unweighted mean so that a change in how many calls
each of the others scored (a rotation, a holiday) does not move it when their leniencies
differ.  The covariance of all deviations is exact under the model,
:math:`\hat\sigma^2 C S^{+} C^\top` with :math:`C` the contrast rows, so agent effects estimated
from few calls (new teams after a rotation) widen the standard errors instead of biasing them.

**Change against the baseline.**  ``change`` is :math:`d_{it}` minus the generalised-least-
squares mean of the inspector's first ``baseline_months`` deviations, with its exact standard
error.

**Self-starting residuals** (for the control chart of :mod:`cslib.stats.drift_ewma`).  From
month ``baseline_months + 1`` on, each deviation is compared with its best linear unbiased
prediction from all the inspector's earlier months (unknown constant mean, known covariance):
:math:`u_t = (d_t - \hat d_{t \mid < t}) / \operatorname{sd}`.  Under the model with a constant
leniency these are independent :math:`N(0, 1)` (recursive residuals; Brown, Durbin & Evans
1975; the self-starting idea of Hawkins 1987), so a chart on them has the in-control run length
its limits were calibrated for, without treating an estimated baseline as known.

References
----------
Brown, R. L., Durbin, J., & Evans, J. M. (1975). Techniques for testing the constancy of
regression relationships over time. *JRSS B*, 37(2), 149–192.
Hawkins, D. M. (1987). Self-starting CUSUM charts for location and scale. *The Statistician*,
36(4), 299–316.
Searle, S. R., Casella, G., & McCulloch, C. E. (1992). *Variance Components*, ch. 5 (absorption
of one factor in a two-way fixed-effects model). Wiley.

Examples
--------
>>> rng = np.random.default_rng(1)
>>> a = np.repeat(np.arange(40), 12)
>>> insp = np.tile(np.repeat(np.arange(4), 3), 40)
>>> month = np.tile(np.arange(3), 160)
>>> y = 80 + rng.normal(0, 3, 40)[a] + np.where((insp == 0) & (month == 2), 5.0, 0.0)
>>> y = y + rng.normal(0, 1, a.size)
>>> dev = inspector_deviations(a, insp, month, y)
>>> ch = drift_changes(dev, baseline_months=2)
>>> round(float(ch.change[(ch.inspector == 0) & (ch.month == 2)][0]), 1)
4.7
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from cslib.core.errors import InputError

__all__ = ["DriftChanges", "InspectorDeviations", "drift_changes", "inspector_deviations"]


@dataclass(frozen=True)
class InspectorDeviations:
    """Leave-one-out monthly deviations of every inspector, with their exact covariance.

    Attributes
    ----------
    inspector, month : ndarray
        Labels of each inspector-month cell, sorted by inspector then month.
    n : ndarray
        Routine calls in the cell.
    deviation : ndarray
        :math:`d_{it}`; NaN where undefined (see ``reason``).
    covariance : ndarray
        Covariance matrix of ``deviation`` (NaN rows/columns where undefined).
    residual_variance : float
        :math:`\\hat\\sigma^2` (RSS over residual degrees of freedom).
    df_residual : int
    reason : tuple of str
        Per cell, empty when defined; otherwise why not.

    Examples
    --------
    >>> d = inspector_deviations([0, 0, 1, 1], ["A", "B", "A", "B"], ["m"] * 4, [1, 3, 2, 4])
    >>> d.deviation.round(9).tolist(), d.df_residual
    ([-2.0, 2.0], 1)
    """

    inspector: np.ndarray
    month: np.ndarray
    n: np.ndarray
    deviation: np.ndarray
    covariance: np.ndarray
    residual_variance: float
    df_residual: int
    reason: tuple[str, ...]


def _as_1d(name: str, x: Sequence | np.ndarray, size: int | None = None) -> np.ndarray:
    v = np.asarray(x)
    if v.ndim != 1 or (size is not None and v.size != size):
        raise InputError.single(
            None, f"expected a 1-d array of length {size}", column=name, found=v.shape
        )
    return v


def inspector_deviations(
    agent: Sequence | np.ndarray,
    inspector: Sequence | np.ndarray,
    month: Sequence | np.ndarray,
    score: Sequence[float] | np.ndarray,
    *,
    exclude_from_reference: Sequence = (),
) -> InspectorDeviations:
    r"""Each inspector's leniency per month against the other inspectors that month.

    Parameters
    ----------
    agent, inspector, month : array-like
        One label per routine call (months sort in time order, e.g. ``"2026-03"``).
    score : array-like of float
    exclude_from_reference : sequence of inspector labels
        Inspectors left out of the *other* inspectors' references (e.g. those already found
        drifting, so that one inspector's drift does not move everybody else's leniency).
        Ignored in a month where nobody else would remain.

    Returns
    -------
    InspectorDeviations

    Examples
    --------
    >>> a = [0, 0, 1, 1, 2, 2, 0, 1]
    >>> r = ["A", "B", "A", "B", "A", "B", "A", "B"]
    >>> m = ["m1"] * 6 + ["m2"] * 2
    >>> y = [80, 82, 70, 72, 90, 92, 81, 73]
    >>> d = inspector_deviations(a, r, m, y)
    >>> [round(float(v), 6) for v in d.deviation]
    [-2.0, -2.0, 2.0, 2.0]
    """
    y = np.asarray(score, dtype=float)
    if y.ndim != 1 or y.size == 0 or not np.isfinite(y).all():
        raise InputError.single(None, "expected finite scores", column="score", found=y.size)
    a_lab = _as_1d("agent", agent, y.size)
    i_lab = _as_1d("inspector", inspector, y.size)
    m_lab = _as_1d("month", month, y.size)
    _, a = np.unique(a_lab, return_inverse=True)
    insp_levels, i_code = np.unique(i_lab, return_inverse=True)
    month_levels, m_code = np.unique(m_lab, return_inverse=True)
    cell_code = i_code * month_levels.size + m_code
    cells, k = np.unique(cell_code, return_inverse=True)
    n_a, n_k = int(a.max()) + 1, cells.size
    d_a = np.bincount(a, minlength=n_a).astype(float)
    d_k = np.bincount(k, minlength=n_k).astype(float)
    b = sparse.csr_array((np.ones(y.size), (a, k)), shape=(n_a, n_k))
    bt_da = (b.T @ sparse.diags(1.0 / d_a)).tocsr()
    s = np.diag(d_k) - (bt_da @ b).toarray()
    s = (s + s.T) / 2
    ya = np.bincount(a, weights=y, minlength=n_a)
    yk = np.bincount(k, weights=y, minlength=n_k)
    r = yk - bt_da @ ya
    evals, evecs = np.linalg.eigh(s)
    tol = max(1e-10 * float(evals.max(initial=0.0)), 1e-12)
    keep = evals > tol
    s_plus = (evecs[:, keep] / evals[keep]) @ evecs[:, keep].T
    null = evecs[:, ~keep]
    beta = s_plus @ r
    alpha = (ya - b @ beta) / d_a
    resid = y - alpha[a] - beta[k]
    df = int(y.size - n_a - int(keep.sum()))
    rss = float(resid @ resid)
    scale = float(np.abs(y).max()) or 1.0
    sigma2 = rss / df if df > 0 else math.nan
    if df > 0 and sigma2 <= (1e-12 * scale) ** 2:
        sigma2 = 0.0  # zero up to rounding: no residual variance
    cell_insp = cells // month_levels.size
    cell_month = cells % month_levels.size
    excluded = np.isin(insp_levels[cell_insp], np.asarray(list(exclude_from_reference)))
    contrast = np.zeros((n_k, n_k))
    reasons: list[str] = []
    for c in range(n_k):
        others = np.flatnonzero((cell_month == cell_month[c]) & (cell_insp != cell_insp[c]))
        if others.size and not excluded[others].all():
            others = others[~excluded[others]]
        if others.size == 0:
            reasons.append("no other inspector scored routine calls that month")
            contrast[c] = np.nan
            continue
        row = np.zeros(n_k)
        row[c] = 1.0
        row[others] -= 1.0 / others.size
        if null.size and np.abs(row @ null).max() > 1e-8:
            reasons.append("the inspector's agents are not linked to the others' by shared calls")
            contrast[c] = np.nan
            continue
        contrast[c] = row
        reasons.append("")
    ok = np.array([not x for x in reasons])
    dev = np.full(n_k, np.nan)
    cov = np.full((n_k, n_k), np.nan)
    if ok.any():
        c_ok = contrast[ok]
        dev[ok] = c_ok @ beta
        sub = sigma2 * (c_ok @ s_plus @ c_ok.T)
        cov[np.ix_(ok, ok)] = (sub + sub.T) / 2
    return InspectorDeviations(
        inspector=insp_levels[cell_insp],
        month=month_levels[cell_month],
        n=d_k.astype(int),
        deviation=dev,
        covariance=cov,
        residual_variance=float(sigma2),
        df_residual=df,
        reason=tuple(reasons),
    )


@dataclass(frozen=True)
class DriftChanges:
    """Per inspector-month: change against the baseline and the self-starting residual.

    Attributes
    ----------
    inspector, month, n, deviation : ndarray
        As in :class:`InspectorDeviations`.
    change, change_se : ndarray
        :math:`d_{it}` minus the GLS mean of the inspector's first ``baseline_months``
        deviations, and its standard error (NaN in the baseline months and where undefined).
    residual : ndarray
        Standardised self-starting residual :math:`u_t` (NaN in the baseline months).
    prediction_se : ndarray
        Standard deviation of the unstandardised residual (points).
    baseline_months : int
    reason : tuple of str
        Per cell, empty when ``residual`` is defined.

    Examples
    --------
    >>> d = InspectorDeviations(np.array(["A"] * 2), np.array(["m1", "m2"]), np.array([9, 9]),
    ...     np.array([0.0, 2.0]), np.eye(2), 1.0, 50, ("", ""))
    >>> drift_changes(d, baseline_months=1).change.tolist()
    [nan, 2.0]
    """

    inspector: np.ndarray
    month: np.ndarray
    n: np.ndarray
    deviation: np.ndarray
    change: np.ndarray
    change_se: np.ndarray
    residual: np.ndarray
    prediction_se: np.ndarray
    baseline_months: int
    reason: tuple[str, ...]


def _gls_weights(v: np.ndarray) -> np.ndarray:
    """Weights of the GLS mean of a series with covariance ``v``."""
    ones = np.ones(v.shape[0])
    x = np.linalg.lstsq(v, ones, rcond=None)[0]
    return x / (ones @ x)


def drift_changes(dev: InspectorDeviations, baseline_months: int = 2) -> DriftChanges:
    r"""Changes against each inspector's baseline and the self-starting residuals.

    Parameters
    ----------
    dev : InspectorDeviations
    baseline_months : int
        The first months of each inspector (with a defined deviation) that set its baseline.

    Returns
    -------
    DriftChanges

    Examples
    --------
    >>> d = InspectorDeviations(np.array(["A"] * 3), np.array(["m1", "m2", "m3"]),
    ...     np.array([50, 50, 50]), np.array([1.0, 1.0, 4.0]), np.eye(3), 1.0, 100, ("",) * 3)
    >>> ch = drift_changes(d, baseline_months=2)
    >>> float(ch.change[2]), round(float(ch.change_se[2]), 4), round(float(ch.residual[2]), 4)
    (3.0, 1.2247, 2.4495)
    """
    if not isinstance(baseline_months, (int, np.integer)) or baseline_months < 1:
        raise InputError.single(
            None, "expected a whole number ≥ 1", column="baseline_months", found=baseline_months
        )
    size = dev.deviation.size
    change = np.full(size, np.nan)
    change_se = np.full(size, np.nan)
    resid = np.full(size, np.nan)
    pred_se = np.full(size, np.nan)
    reasons = list(dev.reason)
    undefined_var = not (dev.residual_variance > 0)
    for insp in np.unique(dev.inspector):
        idx = np.flatnonzero((dev.inspector == insp) & np.isfinite(dev.deviation))
        idx = idx[np.argsort(dev.month[idx], kind="stable")]
        for pos, c in enumerate(idx):
            if pos < baseline_months:
                reasons[c] = reasons[c] or "baseline month"
        if idx.size <= baseline_months:
            continue
        d = dev.deviation[idx]
        v = dev.covariance[np.ix_(idx, idx)]
        base = np.arange(baseline_months)
        wb = _gls_weights(v[np.ix_(base, base)])
        for t in range(baseline_months, idx.size):
            g = np.zeros(t + 1)
            g[base] = -wb
            g[t] = 1.0
            change[idx[t]] = float(g @ d[: t + 1])
            var_c = float(g @ v[: t + 1, : t + 1] @ g)
            change_se[idx[t]] = math.sqrt(var_c) if var_c > 0 else math.nan
            prior = np.arange(t)
            vpp = v[np.ix_(prior, prior)]
            a = _gls_weights(vpp)
            u = np.linalg.lstsq(vpp, v[prior, t], rcond=None)[0]
            g = np.zeros(t + 1)
            g[prior] = -(a + u - a * u.sum())
            g[t] = 1.0
            var_r = float(g @ v[: t + 1, : t + 1] @ g)
            if undefined_var or not var_r > 0:
                reasons[idx[t]] = "the scores have no residual variance"
                continue
            pred_se[idx[t]] = math.sqrt(var_r)
            resid[idx[t]] = float(g @ d[: t + 1]) / math.sqrt(var_r)
    return DriftChanges(
        inspector=dev.inspector,
        month=dev.month,
        n=dev.n,
        deviation=dev.deviation,
        change=change,
        change_se=change_se,
        residual=resid,
        prediction_se=pred_se,
        baseline_months=int(baseline_months),
        reason=tuple(reasons),
    )
