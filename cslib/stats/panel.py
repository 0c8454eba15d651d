"""Kirkpatrick levels 3 and 4: difference-in-differences on weekly agent panels.

Specification (two-way fixed effects, TWFE)::

    y_it = α_i + λ_t + Σ_c β_c · D_it^c + ε_it

with agent effects α_i, week effects λ_t and, per course c, ``D_it^c = 1`` from the week in which
agent i attended course c onwards (staggered adoption: teams are trained in different weeks;
agents not yet trained, and never trained, are the comparison group).  β_c is the average change
in y after course c relative to the change among agents not (yet) trained, holding the other
courses fixed.  Standard errors are cluster-robust by agent (Liang & Zeger 1986) with the
small-sample factor ``G/(G−1)·(N−1)/(N−K)`` that statsmodels uses (``cov_type="cluster"``), K
counting the absorbed agent and week dummies; p-values and intervals use t with G − 1 degrees
of freedom (Cameron & Miller 2015).

The fixed effects are absorbed by the within transformation (alternating projections; exact in
one sweep for a balanced panel, iterated to ``tol`` otherwise — Guimarães & Portugal 2010), and
the cluster sandwich is computed with numpy, because ``statsmodels.OLS`` with 10 000 agent
dummies is far too slow; ``tests/test_did.py`` checks both against statsmodels with explicit
dummies.

**Caveat (staggered adoption).**  With effects that change over time since training or differ
between early and late teams, the TWFE β is a weighted average of 2×2 comparisons some of which
use already-trained agents as controls and can even get negative weights (Goodman-Bacon 2021;
de Chaisemartin & D'Haultfœuille 2020; Sun & Abraham 2021).  :func:`event_study` estimates
relative-week effects, so a reader can see whether pre-training weeks are flat (parallel trends)
and whether the effect builds up or fades.

References
----------
Angrist, J. D. & Pischke, J.-S. (2009). Mostly Harmless Econometrics, ch. 5.
Cameron, A. C. & Miller, D. L. (2015). A practitioner's guide to cluster-robust inference.
    Journal of Human Resources 50, 317–372.
Guimarães, P. & Portugal, P. (2010). A simple feasible procedure to fit models with
    high-dimensional fixed effects. Stata Journal 10, 628–649.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np
import pandas as pd
from scipy import stats

from cslib.core.errors import InputError


def demean(
    values: np.ndarray, groups: list[np.ndarray], *, tol: float = 1e-10, max_iter: int = 10_000
) -> tuple[np.ndarray, int]:
    """Remove several sets of fixed effects by alternating projections.

    Parameters
    ----------
    values : ndarray, shape (n,) or (n, k)
    groups : list of int arrays, each shape (n,)
        Integer codes 0 … G−1 of each fixed-effect factor (e.g. agent, week).

    Returns
    -------
    demeaned : ndarray
        Residuals of ``values`` on all the factors' dummies.
    iterations : int

    Notes
    -----
    Repeatedly subtracts group means (``np.bincount``) for each factor until the largest change
    is below ``tol`` times the scale of the data (method of alternating projections).

    Examples
    --------
    >>> import numpy as np
    >>> d, iterations = demean(np.array([1.0, 3.0, 2.0, 5.0]), [np.array([0, 0, 1, 1])])
    >>> d.tolist(), iterations
    ([-1.0, 1.0, -1.5, 1.5], 1)
    """
    x = np.array(values, dtype=float, copy=True)
    one_d = x.ndim == 1
    if one_d:
        x = x[:, None]
    counts = [np.bincount(g) for g in groups]
    scale = max(1.0, float(np.abs(x).max())) if x.size else 1.0
    for it in range(1, max_iter + 1):  # noqa: B007 - returned below
        change = 0.0
        for g, cnt in zip(groups, counts, strict=True):
            safe = np.where(cnt > 0, cnt, 1)
            for j in range(x.shape[1]):
                means = np.bincount(g, weights=x[:, j], minlength=len(cnt)) / safe
                step = means[g]
                x[:, j] -= step
                change = max(change, float(np.abs(step).max()))
        if change <= tol * scale or len(groups) == 1:
            break
    else:  # pragma: no cover - would need a pathological panel
        raise InputError.single(None, f"fixed effects did not converge in {max_iter} iterations")
    return (x[:, 0] if one_d else x), it


def _time_components(N: np.ndarray) -> tuple[np.ndarray, int]:
    """Connected components of the bipartite unit–time graph (edge = at least one row), as a
    component label per time period (−1 for a period with no rows) and the number of components.

    Two periods are connected when some chain of units observed in both links them; the week
    effects are identified only up to one constant per component (Abowd, Creecy & Kramarz 2002).
    """
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    U, T = N.shape
    r, c = np.nonzero(N)
    adj = coo_matrix((np.ones(len(r)), (r, U + c)), shape=(U + T, U + T))
    n_comp, labels = connected_components(adj, directed=False)
    time_label = labels[U:].copy()
    time_label[N.sum(axis=0) == 0] = -1
    return time_label, n_comp


def demean_two_way(values: np.ndarray, unit: np.ndarray, time: np.ndarray) -> np.ndarray:
    r"""Exact residuals of ``values`` on unit and time dummies, for any (unbalanced) panel.

    By Frisch–Waugh–Lovell, with unit indicators U and time indicators W:
    :math:`\hat\lambda` solves :math:`(W'M_UW)\lambda = W'M_Ux`, then the residual is
    :math:`M_U(x - W\hat\lambda)`.  :math:`A = W'M_UW = \mathrm{diag}(n_t) -
    N'\mathrm{diag}(1/n_u)N` (N the unit × time count table) is a weighted graph Laplacian on
    the periods: singular, with one null direction per connected component of the unit–time
    graph.  Instead of a pseudo-inverse (whose cutoff decides whether a rounding-level singular
    value is inverted — machine-dependent and wrong on balanced panels), one period per
    component is fixed at λ = 0 (the usual reference-category normalisation); the remaining
    system is symmetric positive definite and solved by Cholesky.  Only group sums
    (``np.bincount``) touch the n rows.

    Examples
    --------
    >>> import numpy as np
    >>> unit = np.array([0, 0, 1, 1, 2])
    >>> time = np.array([0, 1, 0, 1, 0])
    >>> x = np.array([1.0, 3.0, 2.0, 5.0, 7.0])
    >>> np.round(demean_two_way(x, unit, time), 12) + 0.0
    array([ 0.25, -0.25, -0.25,  0.25,  0.  ])
    """
    from scipy.linalg import cho_factor, cho_solve

    x = np.array(values, dtype=float, copy=True, order="F")  # column-major: columns contiguous
    one_d = x.ndim == 1
    if one_d:
        x = x[:, None]
    n_u = np.bincount(unit)
    n_t = np.bincount(time)
    U, T = len(n_u), len(n_t)
    N = np.bincount(unit * T + time, minlength=U * T).reshape(U, T).astype(float)
    inv_u = np.where(n_u > 0, 1.0 / np.where(n_u > 0, n_u, 1), 0.0)
    k = x.shape[1]
    ux = np.empty((U, k))
    tx = np.empty((T, k))
    for j in range(k):
        ux[:, j] = np.bincount(unit, weights=x[:, j], minlength=U)
        tx[:, j] = np.bincount(time, weights=x[:, j], minlength=T)
    # free periods: observed, and not the first period of their connected component
    label, _ = _time_components(N)
    free = label >= 0
    _, first = np.unique(np.where(free, label, label.max() + 1), return_index=True)
    free[first] = False
    lam = np.zeros((T, k))
    if free.any():
        Nf = N[:, free]
        # einsum, not BLAS: a 50 × 20 000 × 50 product is slower through a multithreaded
        # BLAS on a busy machine than a plain loop
        A = np.diag(n_t[free].astype(float)) - np.einsum("ui,uj->ij", Nf, Nf * inv_u[:, None])
        rhs = tx[free] - np.einsum("ui,uj->ij", Nf, ux * inv_u[:, None])
        lam[free] = cho_solve(cho_factor(A), rhs)
    # unit sums of (x − λ[time]) = ux − N λ, so one more pass per column suffices
    unit_mean = (ux - N @ lam) * inv_u[:, None]
    for j in range(k):
        col = x[:, j]
        col -= lam[time, j]
        col -= unit_mean[unit, j]
    return x[:, 0] if one_d else x


def cluster_vcov(
    X: np.ndarray, resid: np.ndarray, clusters: np.ndarray, *, k_params: int | None = None
) -> np.ndarray:
    r"""Cluster-robust (sandwich) covariance of OLS coefficients.

    .. math:: \hat V = c\,(X'X)^{-1}\Bigl(\sum_g X_g'\hat u_g \hat u_g' X_g\Bigr)(X'X)^{-1},
              \quad c = \frac{G}{G-1}\frac{N-1}{N-K}

    Parameters
    ----------
    X : ndarray (n, k)
        Regressors (already demeaned when fixed effects were absorbed).
    resid : ndarray (n,)
    clusters : int array (n,)
        Cluster codes 0 … G−1.
    k_params : int, optional
        K in the correction; default ``X.shape[1]``.  With absorbed fixed effects pass the number
        of parameters of the equivalent dummy regression (as statsmodels counts them).

    Examples
    --------
    Two clusters, N = 4, K = 2, so c = 2/1 · 3/2 = 3:

    >>> import numpy as np
    >>> X = np.array([[1.0, 0], [1, 1], [1, 2], [1, 3]])
    >>> u = np.array([0.5, -0.5, 0.25, -0.25])
    >>> cluster_vcov(X, u, np.array([0, 0, 1, 1])).round(6).tolist()
    [[0.084375, -0.05625], [-0.05625, 0.0375]]
    """
    n, k = X.shape
    k_params = k if k_params is None else k_params
    G = int(clusters.max()) + 1
    score = np.empty((G, k))
    for j in range(k):
        score[:, j] = np.bincount(clusters, weights=X[:, j] * resid, minlength=G)
    G_used = int(np.count_nonzero(np.bincount(clusters, minlength=G)))
    bread = np.linalg.inv(X.T @ X)
    meat = score.T @ score
    c = G_used / (G_used - 1) * (n - 1) / (n - k_params)
    return c * bread @ meat @ bread


@dataclass(frozen=True)
class DiDResult:
    """A TWFE difference-in-differences fit.

    Attributes
    ----------
    outcome : str
    terms : tuple of str
        Estimated regressors (course treatment dummies, or event-time dummies).
    coef, se, statistic, pvalue, ci_low, ci_high : ndarray
        Per term; t-based with ``df`` = clusters − 1.
    vcov : ndarray
        Cluster-robust covariance.
    n_obs, n_units, n_periods, n_clusters, df : int
    n_missing : int
        Rows left out because the outcome was missing (reported, not silent).
    dropped : tuple of str
        Terms with no variation after absorbing the fixed effects (e.g. nobody trained yet).
    spec : str
        Plain statement of the model.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> y = [1.7, 2.4, 4.7, 4.3, 3.0, 3.2, 5.2, 6.3, 0.7, 1.1, 1.5, 4.3,
    ...      1.1, 1.9, 2.3, 5.3, 3.5, 3.9, 4.1, 4.9, 2.5, 2.9, 4.1, 4.5]
    >>> df = pd.DataFrame({"agent_id": np.repeat(list("abcdef"), 4),
    ...                    "week": np.tile([1, 2, 3, 4], 6), "y": y})
    >>> first = {"a": 3, "b": 3, "c": 4, "d": 4}
    >>> df["D"] = [float(a in first and w >= first[a]) for a, w in zip(df.agent_id, df.week)]
    >>> fit = twfe(df, "y", ["D"], min_treated_clusters=2)  # a toy panel: see the rule below
    >>> fit.terms, fit.n_obs, fit.n_clusters, fit.df
    (('D',), 24, 6, 5)
    >>> fit.table()[["term", "estimate", "se"]].round(6).values.tolist()
    [['D', 1.78, 0.307419]]
    """

    outcome: str
    terms: tuple[str, ...]
    coef: np.ndarray
    se: np.ndarray
    statistic: np.ndarray
    pvalue: np.ndarray
    ci_low: np.ndarray
    ci_high: np.ndarray
    vcov: np.ndarray
    n_obs: int
    n_units: int
    n_periods: int
    n_clusters: int
    df: int
    n_missing: int = 0
    dropped: tuple[str, ...] = ()
    spec: str = (
        "two-way fixed effects (agent + week), treatment dummies from the training week "
        "on, agent-clustered SEs"
    )
    iterations: int = 1
    confidence_level: float = 0.95
    extra: dict = field(default_factory=dict)
    #: per term: ``""`` when inference is reported, otherwise a :class:`PanelReason`
    #: (``few_treated_clusters``, ``outcome_constant``) whose ``se`` … ``ci_high`` are NaN; ``reasons`` says it in words
    reason_codes: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()
    #: per term: clusters with a non-zero value of the regressor, and clusters with a zero value
    n_treated_clusters: tuple[int, ...] = ()
    n_untreated_clusters: tuple[int, ...] = ()

    def table(self) -> pd.DataFrame:
        """One row per term: estimate, se, t, p, CI, ``reason_code`` and ``reason``."""
        k = len(self.terms)
        return pd.DataFrame(
            {
                "term": self.terms,
                "estimate": self.coef,
                "se": self.se,
                "statistic": self.statistic,
                "pvalue": self.pvalue,
                "ci_low": self.ci_low,
                "ci_high": self.ci_high,
                "reason_code": self.reason_codes or ("",) * k,
                "reason": self.reasons or ("",) * k,
            }
        )

    def __getitem__(self, term: str) -> dict:
        i = self.terms.index(term)
        return {
            "estimate": float(self.coef[i]),
            "se": float(self.se[i]),
            "statistic": float(self.statistic[i]),
            "pvalue": float(self.pvalue[i]),
            "ci_low": float(self.ci_low[i]),
            "ci_high": float(self.ci_high[i]),
            "reason_code": self.reason_codes[i] if self.reason_codes else "",
        }


#: Fewest clusters on each side of a regressor (clusters with a non-zero value — treated — and
#: clusters with a zero value — untreated observations) for which cluster-robust inference is
#: reported.  With few treated (or
#: few untreated) clusters the cluster-robust variance is dominated by those clusters'
#: residuals and t-tests over-reject badly — with one treated cluster the residual of that
#: cluster is ~0 by construction and the interval almost never covers (MacKinnon & Webb 2017;
#: Conley & Taber 2011).  ``benchmarks/coverage_twfe_few_treated.py`` measures the coverage of
#: our 95 % intervals by the number of treated clusters; below this many we report no
#: standard error, p-value or interval, and say why.
MIN_TREATED_CLUSTERS = 10


class PanelReason(StrEnum):
    """Why a two-way fixed-effects term reports no inference (the analysis package words it).

    A ``str`` enum: a code compares equal to its value.  :class:`DiDResult` carries one per
    term in ``reason_codes`` with the data for the message (``n_treated_clusters``,
    ``n_untreated_clusters``); ``reasons`` is its English text, for developers and logs.

    Examples
    --------
    >>> PanelReason("few_treated_clusters") is PanelReason.FEW_TREATED_CLUSTERS
    True
    """

    #: Fewer than :data:`MIN_TREATED_CLUSTERS` treated (or untreated) clusters.
    FEW_TREATED_CLUSTERS = "few_treated_clusters"
    #: The outcome does not vary within units over time: the effect is undefined.
    OUTCOME_CONSTANT = "outcome_constant"


_FEW_TREATED = (
    "only {k} {side} cluster(s) (at least {m} needed): cluster-robust standard errors are "
    "unreliable with so few (MacKinnon & Webb 2017)"
)
_CONSTANT = (
    "the outcome does not vary within units over time (after removing unit and period "
    "effects), so the effect is undefined"
)


def _side_counts(X: np.ndarray, clusters: np.ndarray, G: int) -> tuple[np.ndarray, np.ndarray]:
    """Per column of ``X``: clusters with a non-zero value (treated), clusters with a zero
    value (contributing untreated observations, e.g. an agent's weeks before training)."""
    k = X.shape[1]
    treated, untreated = np.zeros(k, dtype=int), np.zeros(k, dtype=int)
    for j in range(k):
        nz = X[:, j] != 0
        treated[j] = np.count_nonzero(np.bincount(clusters, weights=nz, minlength=G))
        untreated[j] = np.count_nonzero(np.bincount(clusters, weights=~nz, minlength=G))
    return treated, untreated


def _independent(gram: np.ndarray, tol: float = 1e-10) -> np.ndarray:
    """Greedy selection of linearly independent columns from their Gram matrix X'X
    (a column is kept when its residual on the kept ones is not ~0 relative to its norm)."""
    k = gram.shape[0]
    keep = np.zeros(k, dtype=bool)
    for j in range(k):
        g_jj = gram[j, j]
        if g_jj <= 1e-18:
            continue
        idx = np.flatnonzero(keep)
        if idx.size:
            g = gram[idx, j]
            resid = g_jj - g @ np.linalg.solve(gram[np.ix_(idx, idx)], g)
        else:
            resid = g_jj
        keep[j] = resid > tol * g_jj
    return keep


def twfe_many(
    panel: pd.DataFrame,
    outcomes: list[str],
    regressors: list[str],
    *,
    unit: str = "agent_id",
    time: str = "week",
    cluster: str | None = None,
    confidence_level: float = 0.95,
    method: str = "exact",
    tol: float = 1e-10,
    min_treated_clusters: int = MIN_TREATED_CLUSTERS,
) -> dict[str, DiDResult]:
    """:func:`twfe` for several outcomes sharing the regressors (absorbs the fixed effects once
    per pattern of missing outcome values).

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> y = [1.7, 2.4, 4.7, 4.3, 3.0, 3.2, 5.2, 6.3, 0.7, 1.1, 1.5, 4.3,
    ...      1.1, 1.9, 2.3, 5.3, 3.5, 3.9, 4.1, 4.9, 2.5, 2.9, 4.1, 4.5]
    >>> df = pd.DataFrame({"agent_id": np.repeat(list("abcdef"), 4),
    ...                    "week": np.tile([1, 2, 3, 4], 6), "y": y})
    >>> first = {"a": 3, "b": 3, "c": 4, "d": 4}
    >>> df["D"] = [float(a in first and w >= first[a]) for a, w in zip(df.agent_id, df.week)]
    >>> fits = twfe_many(df.assign(y2=df["y"] * 2), ["y", "y2"], ["D"], min_treated_clusters=2)
    >>> round(fits["y"]["D"]["estimate"], 6), round(fits["y2"]["D"]["estimate"], 6)
    (1.78, 3.56)
    """
    if not 0 < confidence_level < 1:
        raise InputError.single(
            None,
            "expected a confidence level between 0 and 1",
            column="confidence_level",
            found=confidence_level,
        )
    missing_cols = [c for c in [*outcomes, unit, time, *regressors] if c not in panel]
    if missing_cols:
        raise InputError.single(
            panel.attrs.get("source"),
            "column needed for the DiD is missing",
            column=missing_cols[0],
        )
    Y = panel[list(outcomes)].to_numpy(dtype=float)
    X = panel[list(regressors)].to_numpy(dtype=float)
    u_all = pd.factorize(panel[unit], sort=False)[0]
    t_all = pd.factorize(panel[time], sort=False)[0]
    c_all = u_all if cluster in (None, unit) else pd.factorize(panel[cluster], sort=False)[0]
    groups: dict[bytes, list[int]] = {}
    for j in range(Y.shape[1]):
        groups.setdefault(np.isnan(Y[:, j]).tobytes(), []).append(j)
    out: dict[str, DiDResult] = {}
    for key, cols in groups.items():
        ok = ~np.frombuffer(key, dtype=bool)
        n_missing = int((~ok).sum())
        if n_missing:
            u, t, c = u_all[ok], t_all[ok], c_all[ok]
            block = np.asfortranarray(np.column_stack([Y[ok][:, cols], X[ok]]))
        else:  # no copies of the n rows when nothing is missing
            u, t, c = u_all, t_all, c_all
            block = np.asfortranarray(np.column_stack([Y[:, cols], X]))
        if method == "exact":
            both, iters = demean_two_way(block, u, t), 1
        else:
            both, iters = demean(block, [u, t], tol=tol)
        Xd = both[:, len(cols) :]
        n_units = int(np.count_nonzero(np.bincount(u)))
        n_periods = int(np.count_nonzero(np.bincount(t)))
        gram = Xd.T @ Xd
        keep = _independent(gram)
        dropped = tuple(r for r, k in zip(regressors, keep, strict=True) if not k)
        terms = tuple(r for r, k in zip(regressors, keep, strict=True) if k)
        Xk = Xd if keep.all() else Xd[:, keep]
        n = len(Xd)
        if n <= Xk.shape[1] + n_units + n_periods:
            raise InputError.single(
                panel.attrs.get("source"), f"too few rows ({n}) for the fixed-effects model"
            )
        gk = gram[np.ix_(keep, keep)]
        k_params = Xk.shape[1] + n_units + n_periods - 1
        G = int(np.count_nonzero(np.bincount(c)))
        df = G - 1
        q = stats.t.ppf(0.5 + confidence_level / 2, df)
        raw = X[ok] if n_missing else X
        n_tr, n_un = _side_counts(raw[:, keep], c, int(c.max()) + 1 if len(c) else 0)
        few = np.minimum(n_tr, n_un) < min_treated_clusters
        for pos, j in enumerate(cols):
            yd = both[:, pos]
            # normal equations on the small Gram matrix: X'X is k × k and well conditioned for
            # 0/1 dummies; avoids an n × k QR for every outcome
            beta = np.linalg.solve(gk, Xk.T @ yd) if Xk.shape[1] else np.zeros(0)
            resid = yd - Xk @ beta
            V = cluster_vcov(Xk, resid, c, k_params=k_params)
            se = np.sqrt(np.diag(V))
            with np.errstate(divide="ignore", invalid="ignore"):
                tval = beta / se
            p = 2 * stats.t.sf(np.abs(tval), df)
            y_raw = Y[ok, j] if n_missing else Y[:, j]
            constant = _zero_by_rounding(float(yd @ yd) / max(n, 1), y_raw)
            codes: tuple[str, ...] = tuple(
                PanelReason.OUTCOME_CONSTANT.value
                if constant
                else (PanelReason.FEW_TREATED_CLUSTERS.value if f else "")
                for f in few
            )
            why = tuple(
                _CONSTANT
                if code == PanelReason.OUTCOME_CONSTANT
                else _FEW_TREATED.format(
                    k=min(a, b),
                    side="treated" if a <= b else "untreated",
                    m=min_treated_clusters,
                )
                if code
                else ""
                for code, a, b in zip(codes, n_tr.tolist(), n_un.tolist(), strict=True)
            )
            bad = np.array([bool(code) for code in codes], dtype=bool)
            if constant:
                beta = np.where(bad, np.nan, beta)
            se, tval, p = (np.where(bad, np.nan, v) for v in (se, tval, p))
            out[outcomes[j]] = DiDResult(
                outcomes[j],
                terms,
                beta,
                se,
                tval,
                p,
                beta - q * se,
                beta + q * se,
                V,
                n,
                n_units,
                n_periods,
                G,
                df,
                n_missing,
                dropped,
                iterations=iters,
                confidence_level=confidence_level,
                reason_codes=codes,
                reasons=why,
                n_treated_clusters=tuple(int(v) for v in n_tr),
                n_untreated_clusters=tuple(int(v) for v in n_un),
            )
    return out


def _zero_by_rounding(mean_square: float, y: np.ndarray) -> bool:
    """A mean square that is zero up to rounding relative to the outcome's scale (the rule of
    :func:`cslib.stats.gstudy.zero_by_rounding`: below 1e-12 of the outcome's mean square)."""
    scale = float(np.mean(np.square(y))) if y.size else 0.0
    return mean_square <= 1e-12 * scale


def twfe(
    panel: pd.DataFrame,
    outcome: str,
    regressors: list[str],
    *,
    unit: str = "agent_id",
    time: str = "week",
    cluster: str | None = None,
    confidence_level: float = 0.95,
    method: str = "exact",
    tol: float = 1e-10,
    min_treated_clusters: int = MIN_TREATED_CLUSTERS,
) -> DiDResult:
    """Fit ``outcome ~ regressors + unit FE + time FE`` with cluster-robust SEs.

    Parameters
    ----------
    panel : DataFrame
        One row per unit and period.
    regressors : list of str
        Numeric columns (0/1 treatment dummies, event-time dummies, controls).
    cluster : str, optional
        Column to cluster on; default ``unit``.
    confidence_level : float
        Of the pointwise intervals (t with G − 1 degrees of freedom); default 0.95.
    method : {"exact", "map"}
        Fixed-effect absorption: exact two-way solve (:func:`demean_two_way`, default) or
        alternating projections (:func:`demean`) to ``tol``.
    min_treated_clusters : int
        Fewest clusters with a non-zero regressor (treated), and with a zero value of it
        (untreated observations), for which a standard error, p-value and interval are reported
        (:data:`MIN_TREATED_CLUSTERS`); below it they are NaN with ``reason_codes``
        ``few_treated_clusters``.  An outcome that does not vary within units over time gives
        ``outcome_constant`` and no estimate at all.

    Returns
    -------
    DiDResult
        Equal (to rounding) to ``statsmodels.OLS(y, [X, unit dummies, time dummies]).fit(
        cov_type="cluster", cov_kwds={"groups": unit}, use_t=True)`` for the regressors.
        Rows with a missing outcome are counted in ``n_missing``; regressors without variation
        after absorbing the fixed effects are listed in ``dropped``.

    Examples
    --------
    Six agents, four weeks, four of them trained in week 3 or 4; estimate and cluster-robust
    SE agree with statsmodels OLS on agent and week dummies
    (``cov_type="cluster"``: 1.78 and 0.307419):

    >>> import numpy as np, pandas as pd
    >>> y = [1.7, 2.4, 4.7, 4.3, 3.0, 3.2, 5.2, 6.3, 0.7, 1.1, 1.5, 4.3,
    ...      1.1, 1.9, 2.3, 5.3, 3.5, 3.9, 4.1, 4.9, 2.5, 2.9, 4.1, 4.5]
    >>> df = pd.DataFrame({"agent_id": np.repeat(list("abcdef"), 4),
    ...                    "week": np.tile([1, 2, 3, 4], 6), "y": y})
    >>> first = {"a": 3, "b": 3, "c": 4, "d": 4}
    >>> df["D"] = [float(a in first and w >= first[a]) for a, w in zip(df.agent_id, df.week)]
    >>> r = twfe(df, "y", ["D"], min_treated_clusters=2)["D"]
    >>> round(r["estimate"], 6), round(r["se"], 6), round(r["pvalue"], 4)
    (1.78, 0.307419, 0.0022)

    With the default rule (at least ten treated and ten untreated agents) this toy panel's
    four treated agents give an estimate but no standard error, p-value or interval:

    >>> r = twfe(df, "y", ["D"])
    >>> r["D"]["se"], r.reason_codes, r.n_treated_clusters
    (nan, ('few_treated_clusters',), (4,))
    """
    return twfe_many(
        panel,
        [outcome],
        regressors,
        unit=unit,
        time=time,
        cluster=cluster,
        confidence_level=confidence_level,
        method=method,
        tol=tol,
        min_treated_clusters=min_treated_clusters,
    )[outcome]


@dataclass(frozen=True)
class EventStudyResult:
    """Relative-week effects of one course around its training week.

    Attributes
    ----------
    course : str
    table : DataFrame
        ``rel_week, estimate, se, ci_low, ci_high, pvalue``; the reference week (−1) has
        estimate 0; the end bins collect all weeks at or beyond them.
    pretrend_statistic : float
        F statistic of the joint Wald test that all pre-training coefficients are zero:
        ``b' V⁻¹ b / q`` with ``b`` the q pre-training coefficients and ``V`` their
        cluster-robust covariance; NaN when no pre-training week is estimable.
    pretrend_pvalue : float
        Its upper-tail p-value from the F(q, G − 1) distribution (G clusters), the same small-
        sample reference as the coefficient tests.
    fit : DiDResult

    Examples
    --------
    One pre-training week (−2) is tested; F = 0.0003 on (1, 5) df, no sign of a pre-trend:

    >>> import numpy as np, pandas as pd
    >>> y = [1.7, 2.4, 4.7, 4.3, 3.0, 3.2, 5.2, 6.3, 0.7, 1.1, 1.5, 4.3,
    ...      1.1, 1.9, 2.3, 5.3, 3.5, 3.9, 4.1, 4.9, 2.5, 2.9, 4.1, 4.5]
    >>> weeks = pd.date_range("2025-01-06", periods=4, freq="7D")
    >>> df = pd.DataFrame({"agent_id": np.repeat(list("abcdef"), 4),
    ...                    "week": np.tile(weeks, 6), "qa": y})
    >>> df["tw_X"] = df["agent_id"].map({"a": weeks[2], "b": weeks[2], "c": weeks[3],
    ...                                  "d": weeks[3]})
    >>> es = event_study(df, "qa", "X", window=(-2, 1), min_treated_clusters=2)
    >>> es.course, es.reference, round(es.pretrend_statistic, 5), round(es.pretrend_pvalue, 3)
    ('X', -1, 0.00032, 0.986)
    """

    course: str
    outcome: str
    table: pd.DataFrame
    pretrend_statistic: float
    pretrend_pvalue: float
    fit: DiDResult
    reference: int = -1


def event_study(
    panel: pd.DataFrame,
    outcome: str,
    course: str,
    *,
    window: tuple[int, int] = (-8, 8),
    reference: int = -1,
    controls: list[str] | None = None,
    confidence_level: float = 0.95,
    min_treated_clusters: int = MIN_TREATED_CLUSTERS,
) -> EventStudyResult:
    """Event-study TWFE: dummies for each week relative to the training week of ``course``.

    ``y_it = α_i + λ_t + Σ_{e≠ref} δ_e 1[t − T_i = e] + controls + ε``; weeks before ``window[0]``
    and after ``window[1]`` are binned into the end dummies; never-trained agents have all dummies
    zero.  ``controls`` default to the other courses' ``D_`` columns in ``panel``.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> y = [1.7, 2.4, 4.7, 4.3, 3.0, 3.2, 5.2, 6.3, 0.7, 1.1, 1.5, 4.3,
    ...      1.1, 1.9, 2.3, 5.3, 3.5, 3.9, 4.1, 4.9, 2.5, 2.9, 4.1, 4.5]
    >>> weeks = pd.date_range("2025-01-06", periods=4, freq="7D")
    >>> df = pd.DataFrame({"agent_id": np.repeat(list("abcdef"), 4),
    ...                    "week": np.tile(weeks, 6), "qa": y})
    >>> df["tw_X"] = df["agent_id"].map({"a": weeks[2], "b": weeks[2], "c": weeks[3],
    ...                                  "d": weeks[3]})
    >>> es = event_study(df, "qa", "X", window=(-2, 1), min_treated_clusters=2)
    >>> es.table[["rel_week", "estimate"]].round(3).values.tolist()
    [[-2.0, 0.004], [-1.0, 0.0], [0.0, 1.847], [1.0, 1.189]]
    """
    tw = panel[f"tw_{course}"]
    rel = (panel["week"] - tw).dt.days // 7
    lo, hi = window
    rel = rel.clip(lo, hi)
    names, cols = [], {}
    for e in range(lo, hi + 1):
        if e == reference:
            continue
        name = f"e{e:+d}"
        names.append(name)
        cols[name] = (rel == e).astype(float).to_numpy()
    if controls is None:
        controls = [c for c in panel.columns if c.startswith("D_") and c != f"D_{course}"]
    data = panel[["agent_id", "week", outcome, *controls]].assign(**cols)
    fit = twfe(
        data,
        outcome,
        names + list(controls),
        confidence_level=confidence_level,
        min_treated_clusters=min_treated_clusters,
    )
    rows = []
    for e in range(lo, hi + 1):
        name = f"e{e:+d}"
        if e == reference:
            rows.append(
                {
                    "rel_week": e,
                    "estimate": 0.0,
                    "se": 0.0,
                    "ci_low": 0.0,
                    "ci_high": 0.0,
                    "pvalue": math.nan,
                }
            )
        elif name in fit.terms:
            r = fit[name]
            rows.append(
                {
                    "rel_week": e,
                    **{k: r[k] for k in ("estimate", "se", "ci_low", "ci_high", "pvalue")},
                }
            )
    table = pd.DataFrame(rows)
    pre = [f"e{e:+d}" for e in range(lo, reference) if f"e{e:+d}" in fit.terms]
    if pre:
        idx = [fit.terms.index(t) for t in pre]
        b = fit.coef[idx]
        V = fit.vcov[np.ix_(idx, idx)]
        f_stat = float(b @ np.linalg.solve(V, b) / len(idx))
        p = float(stats.f.sf(f_stat, len(idx), fit.df))
    else:
        f_stat = p = math.nan
    return EventStudyResult(course, outcome, table, f_stat, p, fit, reference)
