r"""Generalizability theory: variance components (G study) and decision studies (D study).

Two single-facet designs are estimated from balanced data by ANOVA expected mean squares
(Brennan 2001, ch. 2–3):

* crossed ``p × i`` (:func:`gstudy_crossed`) — the calibration design: every inspector
  (the facet *i*) scores every call (the object *p*);
* nested ``i:p`` (:func:`gstudy_nested`) — the routine design: each agent (*p*) has their own
  calls (*i*); :func:`gstudy_nested_unbalanced` gives the ANOVA (Henderson method I) estimator
  when agents have different numbers of calls, vectorised for millions of records.

The routine QA design — calls nested in agents, each call scored by one inspector, inspectors
partly crossed with agents because they rotate — is unbalanced and has crossed random effects.
:func:`gstudy_reml` estimates it by REML, minimising lme4's profiled REML deviance (the same
model as statsmodels' ``MixedLM`` in its variance-components formulation, which was too slow
and stopped short of the optimum here); :func:`gstudy_henderson` gives Henderson's method I
(ANOVA-type, unbiased, vectorised for millions of records).  Components for ``agent``,
``inspector``, ``agent × inspector`` and the residual (call within agent, including the call ×
inspector interaction) are reported.

Negative ANOVA estimates are kept in ``estimate`` and reported in ``negative``; the D study
uses them set to zero (the "set to zero" convention discussed by Brennan 2001 and Cronbach et al.
1972).  REML cannot give negative estimates; a component on the boundary (zero) is reported in
``boundary``.

D study for the monitoring design (:func:`dstudy`): an agent's mean over ``n_calls`` calls
scored by ``n_inspectors`` inspectors (calls spread evenly over them) has

.. math::

    \sigma^2(\delta) = \frac{\sigma^2_{ar}}{n_r} + \frac{\sigma^2_{c:a}}{n_c}, \qquad
    \sigma^2(\Delta) = \frac{\sigma^2_{r}}{n_r} + \sigma^2(\delta),

    E\rho^2 = \frac{\sigma^2_a}{\sigma^2_a + \sigma^2(\delta)}, \qquad
    \Phi = \frac{\sigma^2_a}{\sigma^2_a + \sigma^2(\Delta)}

and the half-width of a normal-theory interval for the agent's universe score is
:math:`z_{(1+\gamma)/2}\,\sigma(\Delta)` (absolute error, because agents are judged against
a pass mark, not only ranked against each other).

References
----------
Brennan, R. L. (2001). *Generalizability Theory*. New York: Springer.
Cronbach, L. J., Gleser, G. C., Nanda, H. & Rajaratnam, N. (1972). *The Dependability of
    Behavioral Measurements*. New York: Wiley.
Searle, S. R., Casella, G. & McCulloch, C. E. (1992). *Variance Components*. New York: Wiley.
Efron, B. & Tibshirani, R. J. (1993). *An Introduction to the Bootstrap*. New York: Chapman &
    Hall.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np
import pandas as pd
from scipy import linalg, optimize, stats

from cslib.core.errors import InputError

# the API; crossed_scores and ProfiledREML are shared with stats.gstudy_intervals only
__all__ = [
    "zero_by_rounding",
    "GStudy",
    "gstudy_crossed",
    "gstudy_nested",
    "gstudy_nested_unbalanced",
    "gstudy_henderson",
    "gstudy_reml",
    "ComponentIntervals",
    "reml_intervals",
    "DStudy",
    "DStudyReason",
    "dstudy",
    "CallsNeeded",
    "CallsReason",
    "calls_needed",
]

MONITORING_COMPONENTS = ("agent", "inspector", "agent_inspector", "residual")


#: A variance below this share of the data's mean square is zero up to rounding: its standard
#: deviation is under a millionth of the scores' size (six significant digits), far below any
#: difference a score can express, and what floating-point sums and the REML optimiser leave
#: behind when the data have no such variation (e.g. 1e-14 for scores that are all 100).
ROUNDING = 1e-12


def zero_by_rounding(value: float, data: object) -> bool:
    """Whether a variance ``value`` is zero up to rounding relative to the scale of ``data``:
    ``|value| ≤ ROUNDING · mean(data²)``.

    Examples
    --------
    >>> zero_by_rounding(1e-14, [100.0, 100.0]), zero_by_rounding(0.01, [100.0, 100.2])
    (True, False)
    """
    y = np.asarray(data, dtype=float)
    scale = float(np.mean(np.square(y[np.isfinite(y)]))) if y.size else 0.0
    return abs(value) <= ROUNDING * scale


def _rounded(estimate: dict[str, float], data: object) -> dict[str, float]:
    """Components that are zero up to rounding (:func:`zero_by_rounding`) set to exactly 0."""
    return {k: 0.0 if zero_by_rounding(v, data) else v for k, v in estimate.items()}


@dataclass(frozen=True)
class GStudy:
    """Estimated variance components of one G study.

    Attributes
    ----------
    design : str
        ``"p x i"``, ``"i:p"`` or ``"(c:a) x r"`` (routine monitoring design).
    method : str
        ``"anova"`` (expected mean squares) or ``"reml"``.
    estimate : dict
        Component → estimate as computed (ANOVA estimates may be negative).
    df, ss, ms : dict
        Degrees of freedom, sums of squares and mean squares per effect (ANOVA only; empty for
        REML).
    n : dict
        Sample sizes: ``n_p``, ``n_i`` (balanced) or ``n_records``, ``n_objects`` and
        ``n_conditions``.
    negative : tuple of str
        Components whose ANOVA estimate is below zero (set to zero in :attr:`used`).
    boundary : tuple of str
        REML components estimated at zero (the boundary of the parameter space).
    reml_criterion : float
        −2 × restricted log-likelihood at the optimum (as lme4's ``REMLcrit``); NaN for ANOVA.

    Examples
    --------
    >>> g = gstudy_crossed([[1, 2, 3], [2, 3, 5], [4, 4, 6], [3, 5, 6]])
    >>> g.design, g.method, {k: round(v, 4) for k, v in g.estimate.items()}
    ('p x i', 'anova', {'p': 1.5556, 'i': 1.5278, 'pi,e': 0.2222})
    """

    design: str
    method: str
    estimate: dict[str, float]
    df: dict[str, float] = field(default_factory=dict)
    ss: dict[str, float] = field(default_factory=dict)
    ms: dict[str, float] = field(default_factory=dict)
    n: dict[str, float] = field(default_factory=dict)
    negative: tuple[str, ...] = ()
    boundary: tuple[str, ...] = ()
    reml_criterion: float = math.nan

    @property
    def used(self) -> dict[str, float]:
        """Components used in D studies: negative estimates set to zero."""
        return {k: max(v, 0.0) for k, v in self.estimate.items()}

    @property
    def share(self) -> dict[str, float]:
        """Each (zero-floored) component as a share of their total."""
        used = self.used
        total = sum(used.values())
        return {k: (v / total if total > 0 else math.nan) for k, v in used.items()}


def _balanced(scores: object, name: str = "scores") -> tuple[np.ndarray, float, np.ndarray, float]:
    """A complete objects × conditions table, its grand mean, the object (row) means and the
    sum of squares between objects, :math:`n_i \\sum_p (\\bar y_p - \\bar y)^2`."""
    a = _matrix(scores, name)
    grand = float(a.mean())
    row = a.mean(axis=1)
    return a, grand, row, a.shape[1] * float(((row - grand) ** 2).sum())


def _matrix(scores: object, name: str) -> np.ndarray:
    a = np.asarray(scores, dtype=float)
    if a.ndim != 2:
        raise InputError.single(None, "expected a 2-D table (objects × conditions)", column=name)
    if a.shape[0] < 2 or a.shape[1] < 2:
        raise InputError.single(
            None, "need at least 2 objects and 2 conditions", column=name, found=a.shape
        )
    if not np.isfinite(a).all():
        raise InputError.single(
            None, "the balanced ANOVA needs a complete table (no missing scores)", column=name
        )
    return a


def gstudy_crossed(scores: object) -> GStudy:
    r"""Variance components of a balanced ``p × i`` design by ANOVA expected mean squares.

    .. math::

        \hat\sigma^2_{pi,e} = MS_{pi}, \quad
        \hat\sigma^2_p = \frac{MS_p - MS_{pi}}{n_i}, \quad
        \hat\sigma^2_i = \frac{MS_i - MS_{pi}}{n_p}

    Parameters
    ----------
    scores : array_like, shape (n_p, n_i)
        One row per object of measurement (a call, an agent), one column per condition
        (inspector, item); complete.

    Returns
    -------
    GStudy
        Components ``p``, ``i``, ``pi,e``.

    References
    ----------
    Brennan (2001), ch. 2 (Synthetic Data Set No. 1).

    Examples
    --------
    >>> g = gstudy_crossed([[1, 2, 3], [2, 3, 5], [4, 4, 6], [3, 5, 6]])
    >>> {k: round(v, 4) for k, v in g.estimate.items()}
    {'p': 1.5556, 'i': 1.5278, 'pi,e': 0.2222}
    """
    a, grand, row, ss_p = _balanced(scores)
    n_p, n_i = a.shape
    col = a.mean(axis=0)
    ss_i = n_p * float(((col - grand) ** 2).sum())
    ss_t = float(((a - grand) ** 2).sum())
    ss_pi = ss_t - ss_p - ss_i
    df = {"p": n_p - 1.0, "i": n_i - 1.0, "pi,e": (n_p - 1.0) * (n_i - 1.0)}
    ss = {"p": ss_p, "i": ss_i, "pi,e": ss_pi}
    ms = {k: ss[k] / df[k] for k in ss}
    est = {
        "p": (ms["p"] - ms["pi,e"]) / n_i,
        "i": (ms["i"] - ms["pi,e"]) / n_p,
        "pi,e": ms["pi,e"],
    }
    est = _rounded(est, a)
    neg = tuple(k for k, v in est.items() if v < 0)
    return GStudy("p x i", "anova", est, df, ss, ms, {"n_p": n_p, "n_i": n_i}, neg)


def gstudy_nested(scores: object) -> GStudy:
    r"""Variance components of a balanced ``i:p`` design (conditions nested in objects).

    .. math::

        \hat\sigma^2_{i:p} = MS_{i:p}, \quad \hat\sigma^2_p = \frac{MS_p - MS_{i:p}}{n_i}

    Parameters
    ----------
    scores : array_like, shape (n_p, n_i)
        Row ``k`` holds the ``n_i`` scores of object ``k`` (e.g. an agent's calls); columns
        carry no meaning across rows.

    References
    ----------
    Brennan (2001), ch. 2 (Synthetic Data Set No. 2).

    Examples
    --------
    >>> g = gstudy_nested([[80, 84, 82], [90, 86, 88], [70, 75, 74]])
    >>> {k: round(v, 4) for k, v in g.estimate.items()}
    {'p': 55.3333, 'i:p': 5.0}
    """
    a, _, row, ss_p = _balanced(scores)
    n_p, n_i = a.shape
    ss_w = float(((a - row[:, None]) ** 2).sum())
    df = {"p": n_p - 1.0, "i:p": n_p * (n_i - 1.0)}
    ss = {"p": ss_p, "i:p": ss_w}
    ms = {k: ss[k] / df[k] for k in ss}
    est = {"p": (ms["p"] - ms["i:p"]) / n_i, "i:p": ms["i:p"]}
    est = _rounded(est, a)
    neg = tuple(k for k, v in est.items() if v < 0)
    return GStudy("i:p", "anova", est, df, ss, ms, {"n_p": n_p, "n_i": n_i}, neg)


def gstudy_nested_unbalanced(objects: object, scores: object) -> GStudy:
    r"""ANOVA (Henderson method I) components of an unbalanced ``i:p`` design.

    With :math:`N` records, :math:`n_p` objects and :math:`n_k` records for object *k*,

    .. math::

        \hat\sigma^2_{i:p} = MS_W, \quad
        \hat\sigma^2_p = \frac{MS_B - MS_W}{n_0}, \quad
        n_0 = \frac{N - \sum_k n_k^2 / N}{n_p - 1}

    (Searle, Casella & McCulloch 1992, ch. 3).  Equal :math:`n_k` give
    :func:`gstudy_nested` exactly.  Written with :func:`numpy.bincount` so that millions of
    records take well under a second; no maintained library offers this estimator vectorised.

    Parameters
    ----------
    objects : array_like of int or str, shape (N,)
        The object (agent) of each record.
    scores : array_like of float, shape (N,)

    Examples
    --------
    >>> g = gstudy_nested_unbalanced([0, 0, 0, 1, 1, 1, 2, 2, 2],
    ...                              [80, 84, 82, 90, 86, 88, 70, 75, 74])
    >>> round(g.estimate["p"], 4), round(g.estimate["i:p"], 4)
    (55.3333, 5.0)
    """
    y = np.asarray(scores, dtype=float)
    obj = np.asarray(objects)
    if y.ndim != 1 or obj.shape != y.shape:
        raise InputError.single(None, "objects and scores must be 1-D and of equal length")
    if not np.isfinite(y).all():
        raise InputError.single(None, "scores must be finite numbers", column="scores")
    if obj.dtype.kind in "iu" and obj.size and obj.min() >= 0:
        codes = obj.astype(np.intp)
    else:
        _, codes = np.unique(obj, return_inverse=True)
    counts = np.bincount(codes).astype(float)
    present = counts > 0
    counts = counts[present]
    sums = np.bincount(codes, weights=y)[present]
    n_total = float(y.size)
    n_p = int(counts.size)
    if n_p < 2 or n_total - n_p < 1:
        raise InputError.single(
            None, "need at least 2 objects and one object with 2 or more records"
        )
    grand = float(y.sum()) / n_total
    means = sums / counts
    ss_b = float((counts * (means - grand) ** 2).sum())
    ss_t = float(((y - grand) ** 2).sum())
    ss_w = ss_t - ss_b
    df = {"p": n_p - 1.0, "i:p": n_total - n_p}
    ss = {"p": ss_b, "i:p": ss_w}
    ms = {k: ss[k] / df[k] for k in ss}
    n0 = (n_total - float((counts**2).sum()) / n_total) / (n_p - 1)
    est = {"p": (ms["p"] - ms["i:p"]) / n0, "i:p": ms["i:p"]}
    est = _rounded(est, y)
    neg = tuple(k for k, v in est.items() if v < 0)
    n = {"n_records": n_total, "n_objects": n_p, "n0": n0}
    return GStudy("i:p", "anova", est, df, ss, ms, n, neg)


def gstudy_henderson(agents: object, inspectors: object, scores: object) -> GStudy:
    r"""Henderson method I (ANOVA-type) components of the unbalanced ``(c:a) × r`` design.

    With :math:`n_{ar}` calls of agent *a* scored by inspector *r*, totals :math:`y_{ar\cdot}`,
    :math:`T_y = \sum y^2`, :math:`T_{ar} = \sum y_{ar\cdot}^2/n_{ar}`,
    :math:`T_a = \sum y_{a\cdot\cdot}^2/n_{a\cdot}`, :math:`T_r` likewise and
    :math:`T_0 = y_{\cdot\cdot\cdot}^2/N`, the expectations

    .. math::

        E T_y &= N\mu^2 + N(\sigma^2_a + \sigma^2_r + \sigma^2_{ar} + \sigma^2_e) \\
        E T_{ar} &= N\mu^2 + N(\sigma^2_a + \sigma^2_r + \sigma^2_{ar}) + s\,\sigma^2_e \\
        E T_a &= N\mu^2 + N\sigma^2_a + k_a(\sigma^2_r + \sigma^2_{ar}) + n_a\sigma^2_e \\
        E T_r &= N\mu^2 + N\sigma^2_r + k_r(\sigma^2_a + \sigma^2_{ar}) + n_r\sigma^2_e \\
        E T_0 &= N\mu^2 + \frac{\sum n_{a\cdot}^2}{N}\sigma^2_a
            + \frac{\sum n_{\cdot r}^2}{N}\sigma^2_r + \frac{\sum n_{ar}^2}{N}\sigma^2_{ar}
            + \sigma^2_e

    (:math:`s` non-empty cells, :math:`k_a = \sum_a \sum_r n_{ar}^2/n_{a\cdot}`,
    :math:`k_r = \sum_r \sum_a n_{ar}^2/n_{\cdot r}`) are equated to the observed T's and
    the four differences from :math:`T_0` solved (Searle, Casella & McCulloch 1992, ch. 5;
    Brennan 2001, ch. 7, "analogous ANOVA").  On balanced data this is the ANOVA EMS
    estimator.  Unbiased, needs only sums per agent, inspector and cell (:func:`numpy.bincount`),
    so millions of records take about a second — no maintained library provides it.  Estimates
    may be negative (listed in ``negative``).

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> a = np.repeat(np.arange(50), 10); r = rng.integers(0, 5, a.size)
    >>> y = 80 + 3 * rng.standard_normal(50)[a] + 8 * rng.standard_normal(a.size)
    >>> sorted(gstudy_henderson(a, r, y).estimate)
    ['agent', 'agent_inspector', 'inspector', 'residual']
    """
    y, cells = crossed_scores(agents, inspectors, scores)
    a_codes, r_codes, c_codes = cells.agent, cells.inspector, cells.cell
    n_total = float(y.size)
    n_cells = cells.n_cells
    if cells.n_agents < 2 or cells.n_inspectors < 2 or n_total <= n_cells:
        raise InputError.single(
            None, "need 2+ agents, 2+ inspectors and more calls than agent–inspector pairs"
        )
    n_a = np.bincount(a_codes).astype(float)
    n_r = np.bincount(r_codes).astype(float)
    n_c = np.bincount(c_codes).astype(float)
    # centre first: the T's differ by O(N mu^2) otherwise and lose digits
    yc = y - float(y.mean())
    s_a = np.bincount(a_codes, weights=yc)
    s_r = np.bincount(r_codes, weights=yc)
    s_c = np.bincount(c_codes, weights=yc)
    cell_a = np.asarray(cells.cell_levels // cells.n_inspectors, dtype=np.intp)
    cell_r = np.asarray(cells.cell_levels % cells.n_inspectors, dtype=np.intp)
    t_y = float((yc**2).sum())
    t_c = float((s_c**2 / n_c).sum())
    t_a = float((s_a**2 / n_a).sum())
    t_r = float((s_r**2 / n_r).sum())
    t_0 = float(yc.sum()) ** 2 / n_total
    k_a = float((n_c**2 / n_a[cell_a]).sum())
    k_r = float((n_c**2 / n_r[cell_r]).sum())
    q_a = float((n_a**2).sum()) / n_total
    q_r = float((n_r**2).sum()) / n_total
    q_c = float((n_c**2).sum()) / n_total
    n = n_total
    # rows: E[T - T_0] as coefficients of (agent, inspector, agent_inspector, residual)
    coef = np.array(
        [
            [n - q_a, n - q_r, n - q_c, n - 1],
            [n - q_a, n - q_r, n - q_c, n_cells - 1],
            [n - q_a, k_a - q_r, k_a - q_c, cells.n_agents - 1],
            [k_r - q_a, n - q_r, k_r - q_c, cells.n_inspectors - 1],
        ]
    )
    rhs = np.array([t_y - t_0, t_c - t_0, t_a - t_0, t_r - t_0])
    sol = np.linalg.solve(coef, rhs)
    est = {k: float(v) for k, v in zip(MONITORING_COMPONENTS, sol, strict=True)}
    est = _rounded(est, y)
    neg = tuple(k for k, v in est.items() if v < 0)
    return GStudy("(c:a) x r", "anova", est, n=cells.counts(), negative=neg)


def _codes(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Integer codes 0…k−1 in sorted order of the levels (stable, deterministic)."""
    codes, levels = pd.factorize(values, sort=True)
    return codes.astype(np.intp), np.asarray(levels)


@dataclass(frozen=True)
class _Cells:
    """Integer codes of the agent, the inspector and the agent–inspector cell of each record."""

    agent: np.ndarray
    inspector: np.ndarray
    cell: np.ndarray
    n_agents: int
    n_inspectors: int
    cell_levels: np.ndarray  # agent code × n_inspectors + inspector code of each cell

    @property
    def n_cells(self) -> int:
        return len(self.cell_levels)

    def counts(self) -> dict[str, float]:
        """The ``n`` of a :class:`GStudy` of the ``(c:a) x r`` design."""
        return {
            "n_records": float(self.agent.size),
            "n_agents": float(self.n_agents),
            "n_inspectors": float(self.n_inspectors),
            "n_agent_inspector": float(self.n_cells),
        }


def _cells(agents: np.ndarray, inspectors: np.ndarray) -> _Cells:
    a_codes, a_levels = _codes(agents)
    r_codes, r_levels = _codes(inspectors)
    c_codes, c_levels = _codes(a_codes.astype(np.int64) * len(r_levels) + r_codes)
    return _Cells(a_codes, r_codes, c_codes, len(a_levels), len(r_levels), c_levels)


def crossed_scores(agents: object, inspectors: object, scores: object) -> tuple[np.ndarray, _Cells]:
    """Scores as floats and the codes of a ``(c:a) x r`` record list, checked: 1-D, equal
    length, finite scores."""
    y = np.asarray(scores, dtype=float)
    a = np.asarray(agents)
    r = np.asarray(inspectors)
    if y.ndim != 1 or a.shape != y.shape or r.shape != y.shape:
        raise InputError.single(None, "agents, inspectors and scores must be 1-D, equal length")
    if not np.isfinite(y).all():
        raise InputError.single(None, "scores must be finite numbers", column="scores")
    return y, _cells(a, r)


class ProfiledREML:
    r"""Profiled REML deviance of the routine design ``y = μ + a + r + ar + e``, in lme4's
    formulation (Bates et al. 2015): :math:`b = \Lambda_\theta u` with
    :math:`\Lambda_\theta` diagonal holding each block's :math:`\theta_k = \sigma_k/\sigma_e`,

    .. math::

        d_R(\theta) = \log|A_\theta| + \log r_X^2 + (n-1)\Bigl[1 +
            \log\frac{2\pi\, r^2(\theta)}{n-1}\Bigr], \quad
        A_\theta = \Lambda_\theta Z^\top Z \Lambda_\theta + I

    with :math:`r^2(\theta)` the penalised residual sum of squares.

    Written by hand because no maintained Python library fits crossed random effects at this
    size fast enough (statsmodels' MixedLM needs minutes here and its gradient optimisers stop
    short of the optimum when a component is near zero).  :math:`A_\theta` is never formed:
    its structure is used instead.  Each agent–inspector cell ``c`` touches only its agent and
    its inspector, agents never touch each other, and neither do inspectors, so eliminating
    the cells (a diagonal block) and then the agents (diagonal again after the first step)
    leaves a dense system of the size of the number of inspectors:

    .. math::

        g_c = \lambda_C^2 n_c + 1, \quad
        h_a = \lambda_A^2 n_a + 1 - \lambda_A^2 \lambda_C^2 \sum_{c \in a} n_c^2 / g_c, \quad
        s_{ar} = \lambda_A \lambda_R\, n_{c(a,r)} / g_{c(a,r)},

        T = \operatorname{diag}\Bigl(\lambda_R^2 n_r + 1 - \lambda_R^2 \lambda_C^2
            \sum_{c \in r} n_c^2 / g_c\Bigr) - S^\top H^{-1} S, \qquad
        \log|A_\theta| = \sum_c \log g_c + \sum_a \log h_a + \log|T| .

    The cost per evaluation is linear in the number of cells (plus agents × inspectors and a
    Cholesky factor of ``T``), instead of a sparse LU of the whole of :math:`A_\theta`.  The
    tests check the deviance against a dense evaluation of the formula above and the optimum
    against lme4 (``REMLcrit``).
    """

    def __init__(self, y: np.ndarray, cells: _Cells) -> None:
        self.y = y
        self.n = y.size
        self.n_a, self.n_r = cells.n_agents, cells.n_inspectors
        self.codes = (cells.agent, cells.inspector, cells.cell)
        self.cell_a = np.asarray(cells.cell_levels // self.n_r, dtype=np.intp)
        self.cell_r = np.asarray(cells.cell_levels % self.n_r, dtype=np.intp)
        self.counts = tuple(np.bincount(c).astype(float) for c in self.codes)  # Z'Z diagonal
        self.sums = tuple(np.bincount(c, weights=y) for c in self.codes)  # Z'y by block
        self.y_sum = float(y.sum())

    def _solve(
        self,
        lam: np.ndarray,
        g: np.ndarray,
        h: np.ndarray,
        s: np.ndarray,
        chol: tuple[np.ndarray, bool],
        rhs: tuple[np.ndarray, np.ndarray, np.ndarray],
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Solve :math:`A_\\theta u = b` by block elimination (cells, agents, inspectors),
        given the pieces :meth:`solve` computed: ``g``, ``h``, ``s`` and the Cholesky factor
        of ``T``."""
        la, lr, lc = lam
        n_c = self.counts[2]
        b_a, b_r, b_c = rhs
        w = b_c / g  # G^{-1} b_C
        b_a = b_a - la * lc * np.bincount(self.cell_a, weights=n_c * w, minlength=self.n_a)
        b_r = b_r - lr * lc * np.bincount(self.cell_r, weights=n_c * w, minlength=self.n_r)
        b_r = b_r - s.T @ (b_a / h)
        u_r = linalg.cho_solve(chol, b_r)
        u_a = (b_a - s @ u_r) / h
        u_c = (b_c - lc * n_c * (la * u_a[self.cell_a] + lr * u_r[self.cell_r])) / g
        return u_a, u_r, u_c

    def _s(self, lam: np.ndarray, g: np.ndarray) -> np.ndarray:
        s = np.zeros((self.n_a, self.n_r))
        s[self.cell_a, self.cell_r] = lam[0] * lam[1] * self.counts[2] / g
        return s

    def solve(self, theta: np.ndarray) -> tuple[float, float, float]:
        """Return (deviance, mu, sigma2_e) at ``theta``."""
        lam = np.asarray(theta, dtype=float)
        la, lr, lc = lam
        n_a, n_r, n_c = self.counts
        g = lc**2 * n_c + 1
        shrink = lc**2 * n_c**2 / g
        h = la**2 * (n_a - np.bincount(self.cell_a, weights=shrink, minlength=self.n_a)) + 1
        d = lr**2 * (n_r - np.bincount(self.cell_r, weights=shrink, minlength=self.n_r)) + 1
        s = self._s(lam, g)
        t = np.diag(d) - s.T @ (s / h[:, None])
        chol = linalg.cho_factor(t, lower=True)
        logdet = float(np.log(g).sum() + np.log(h).sum() + 2 * np.log(np.diag(chol[0])).sum())
        # Z'y and Z'1 scaled by Lambda, block by block
        b = tuple(lk * zk for lk, zk in zip(lam, self.sums, strict=True))
        c = tuple(lk * nk for lk, nk in zip(lam, self.counts, strict=True))
        ainv_b = self._solve(lam, g, h, s, chol, b)
        ainv_c = self._solve(lam, g, h, s, chol, c)
        c_ainv_c = sum(float(ck @ vk) for ck, vk in zip(c, ainv_c, strict=True))
        c_ainv_b = sum(float(ck @ vk) for ck, vk in zip(c, ainv_b, strict=True))
        rx2 = self.n - c_ainv_c
        mu = (self.y_sum - c_ainv_b) / rx2
        u = [ub - uc * mu for ub, uc in zip(ainv_b, ainv_c, strict=True)]
        fitted = mu + sum(lk * uk[ck] for lk, uk, ck in zip(lam, u, self.codes, strict=True))
        r2 = float(((self.y - fitted) ** 2).sum() + sum(float(uk @ uk) for uk in u))
        dof = self.n - 1
        dev = logdet + math.log(rx2) + dof * (1 + math.log(2 * math.pi * r2 / dof))
        return dev, mu, r2 / dof


def gstudy_reml(agents: object, inspectors: object, scores: object) -> GStudy:
    r"""REML variance components of the routine monitoring design ``(c:a) × r``.

    Model: :math:`X_{car} = \mu + a + r + ar + e_{c:a}` with independent normal random
    effects; the profiled REML deviance (lme4's formulation, see :class:`ProfiledREML`) is
    minimised over the relative standard deviations :math:`\theta \ge 0` with L-BFGS-B and
    polished with bounded Powell (:func:`scipy.optimize.minimize`).

    Parameters
    ----------
    agents, inspectors : array_like, shape (N,)
        Who was scored and who scored, one entry per scored call.
    scores : array_like of float, shape (N,)

    Returns
    -------
    GStudy
        Components ``agent``, ``inspector``, ``agent_inspector``, ``residual``; components at
        zero listed in ``boundary``; ``reml_criterion`` comparable with lme4's ``REMLcrit``.

    References
    ----------
    Bates, D., Mächler, M., Bolker, B. & Walker, S. (2015). Fitting linear mixed-effects models
    using lme4. *Journal of Statistical Software* 67(1).

    Examples
    --------
    >>> rng = np.random.default_rng(1)
    >>> a = np.repeat(np.arange(30), 8); r = rng.integers(0, 4, a.size)
    >>> y = 80 + 3 * rng.standard_normal(30)[a] + 8 * rng.standard_normal(a.size)
    >>> g = gstudy_reml(a, r, y)
    >>> sorted(g.estimate)
    ['agent', 'agent_inspector', 'inspector', 'residual']
    """
    y, cells = crossed_scores(agents, inspectors, scores)
    if cells.n_agents < 2 or cells.n_inspectors < 2:
        raise InputError.single(None, "need at least 2 agents and 2 inspectors")
    if y.size <= cells.n_cells:
        raise InputError.single(
            None, "need more scored calls than agent–inspector pairs to separate the residual"
        )
    if zero_by_rounding(float(np.var(y)), y):  # constant scores: every component is 0
        zero = dict.fromkeys(MONITORING_COMPONENTS, 0.0)
        return GStudy("(c:a) x r", "reml", zero, n=cells.counts(), boundary=tuple(zero))
    model = ProfiledREML(y, cells)
    est, crit = _fit_reml(model)
    est = _rounded(est, y)
    boundary = tuple(k for k, v in est.items() if v <= 1e-6 * est["residual"])
    return GStudy(
        "(c:a) x r", "reml", est, n=cells.counts(), boundary=boundary, reml_criterion=crit
    )


def _fit_reml(
    model: ProfiledREML, start: np.ndarray | None = None, *, polish: bool = True
) -> tuple[dict[str, float], float]:
    def deviance(theta: np.ndarray) -> float:
        return model.solve(np.abs(theta))[0]

    x0 = np.full(3, 0.3) if start is None else start
    bounds = [(0.0, None)] * 3
    first = optimize.minimize(deviance, x0, method="L-BFGS-B", bounds=bounds)
    best = first
    if polish:
        again = optimize.minimize(
            deviance, first.x, method="Powell", bounds=bounds, options={"xtol": 1e-8, "ftol": 1e-12}
        )
        best = again if again.fun <= first.fun else first
    theta = np.abs(best.x)
    dev, _, s2 = model.solve(theta)
    est = {k: float(t**2 * s2) for k, t in zip(MONITORING_COMPONENTS[:3], theta, strict=True)}
    est["residual"] = float(s2)
    return est, float(dev)


@dataclass(frozen=True)
class ComponentIntervals:
    """Parametric-bootstrap percentile intervals of REML variance components.

    Attributes
    ----------
    ci_low, ci_high : dict
        Component → interval bounds.
    confidence_level : float
    n_resamples : int
    seed : int

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(2)
    >>> a = np.repeat(np.arange(20), 6); r = rng.integers(0, 3, a.size)
    >>> y = 80 + 3 * rng.standard_normal(20)[a] + 8 * rng.standard_normal(a.size)
    >>> ci = reml_intervals(a, r, gstudy_reml(a, r, y), n_resamples=20, seed=1)
    >>> sorted(ci.ci_low), ci.confidence_level, ci.n_resamples, ci.seed
    (['agent', 'agent_inspector', 'inspector', 'residual'], 0.95, 20, 1)
    """

    ci_low: dict[str, float]
    ci_high: dict[str, float]
    confidence_level: float
    n_resamples: int
    seed: int


def reml_intervals(
    agents: object,
    inspectors: object,
    estimate: GStudy,
    *,
    n_resamples: int = 200,
    confidence_level: float = 0.95,
    seed: int = 0,
) -> ComponentIntervals:
    """Percentile intervals for :func:`gstudy_reml` components by seeded parametric bootstrap.

    New scores are simulated from the fitted model (normal effects with the estimated
    components, the same agents, inspectors and call counts), refitted by REML, and the
    ``(1 ± confidence_level)/2`` quantiles of the refitted components are reported
    (Efron & Tibshirani 1993, ch. 6 and 13, parametric bootstrap and percentile intervals).

    Examples
    --------
    >>> rng = np.random.default_rng(2)
    >>> a = np.repeat(np.arange(20), 6); r = rng.integers(0, 3, a.size)
    >>> y = 80 + 3 * rng.standard_normal(20)[a] + 8 * rng.standard_normal(a.size)
    >>> g = gstudy_reml(a, r, y)
    >>> ci = reml_intervals(a, r, g, n_resamples=20, seed=1)
    >>> ci.ci_low["residual"] < g.estimate["residual"] < ci.ci_high["residual"]
    True
    """
    if not 0 < confidence_level < 1:
        raise InputError.single(
            None,
            "expected a level between 0 and 1",
            column="confidence_level",
            found=confidence_level,
        )
    if n_resamples < 10:
        raise InputError.single(
            None, "expected at least 10", column="n_resamples", found=n_resamples
        )
    cells = _cells(np.asarray(agents), np.asarray(inspectors))
    codes = [cells.agent, cells.inspector, cells.cell]
    rng = np.random.default_rng(seed)
    sd = {k: math.sqrt(v) for k, v in estimate.used.items()}
    names = MONITORING_COMPONENTS
    draws = np.empty((n_resamples, 4))
    start = np.array([math.sqrt(estimate.used[k] / estimate.used["residual"]) for k in names[:3]])
    for b in range(n_resamples):
        y = sd["residual"] * rng.standard_normal(cells.agent.size)
        for name, c in zip(names[:3], codes, strict=True):
            y = y + sd[name] * rng.standard_normal(int(c.max()) + 1)[c]
        # L-BFGS-B only: the Powell polish moves estimates by < 1e-4 relative, far below
        # the bootstrap spread, and would triple the run time
        est, _ = _fit_reml(ProfiledREML(y, cells), start=np.maximum(start, 0.05), polish=False)
        draws[b] = [est[k] for k in names]
    tail = (1 - confidence_level) / 2
    lo = np.quantile(draws, tail, axis=0)
    hi = np.quantile(draws, 1 - tail, axis=0)
    return ComponentIntervals(
        dict(zip(names, map(float, lo), strict=True)),
        dict(zip(names, map(float, hi), strict=True)),
        confidence_level,
        n_resamples,
        seed,
    )


# ------------------------------------------------------------------------------ D study
class DStudyReason(StrEnum):
    """Why D-study coefficients are undefined (the analysis package words it).

    Examples
    --------
    >>> dstudy({"agent": 0.0, "inspector": 0.0, "agent_inspector": 0.0, "residual": 4.0},
    ...        4).reason_code
    <DStudyReason.NO_AGENT_VARIANCE: 'no_agent_variance'>
    """

    #: The agent component is 0: no number of calls makes agents distinguishable.
    NO_AGENT_VARIANCE = "no_agent_variance"


class CallsReason(StrEnum):
    """Why no number of calls meets a target (:class:`CallsNeeded`; data for the message in
    its fields ``n_inspectors`` and ``max_calls``).

    Examples
    --------
    >>> vc = {"agent": 1.0, "inspector": 0.0, "agent_inspector": 1.0, "residual": 4.0}
    >>> r = calls_needed(vc, 0.8)
    >>> r.n_calls, r.reason_code, r.n_inspectors
    (None, <CallsReason.UNREACHABLE: 'unreachable'>, 1)
    """

    #: The agent component is 0: reliability is undefined whatever the number of calls.
    NO_AGENT_VARIANCE = "no_agent_variance"
    #: With ``n_inspectors`` inspectors per agent the inspector-related error alone exceeds
    #: what the target allows, whatever the number of calls.
    UNREACHABLE = "unreachable"
    #: More than ``max_calls`` calls would be needed.
    TOO_MANY = "too_many"


@dataclass(frozen=True)
class DStudy:
    """Reliability and precision of agents' mean scores for given numbers of calls.

    Attributes
    ----------
    n_calls, n_inspectors : ndarray of float
        The D-study sample sizes (broadcast together).
    relative_error, absolute_error : ndarray
        :math:`\\sigma^2(\\delta)`, :math:`\\sigma^2(\\Delta)`.
    g_coefficient, phi : ndarray
        :math:`E\\rho^2` and :math:`\\Phi`; NaN where undefined (see ``reason_code``).
    half_width : ndarray
        Half-width of the ``confidence_level`` interval of an agent's universe score.
    confidence_level : float
    reason_code : DStudyReason or None
        ``None`` when the coefficients are defined; otherwise why not
        (:attr:`DStudyReason.NO_AGENT_VARIANCE`).

    Examples
    --------
    Between-agent SD 3, call-to-call SD 8, four calls per agent:

    >>> vc = {"agent": 9.0, "inspector": 0.0, "agent_inspector": 0.0, "residual": 64.0}
    >>> d = dstudy(vc, 4)
    >>> round(float(d.g_coefficient), 3), round(float(d.phi), 3), round(float(d.half_width), 2)
    (0.36, 0.36, 7.84)
    """

    n_calls: np.ndarray
    n_inspectors: np.ndarray
    relative_error: np.ndarray
    absolute_error: np.ndarray
    g_coefficient: np.ndarray
    phi: np.ndarray
    half_width: np.ndarray
    confidence_level: float
    reason_code: DStudyReason | None = None

    def frame(self) -> pd.DataFrame:
        """One row per sample size: ``n_calls, n_inspectors, g_coefficient, phi, half_width``."""
        return pd.DataFrame(
            {
                "n_calls": np.ravel(self.n_calls),
                "n_inspectors": np.ravel(self.n_inspectors),
                "g_coefficient": np.ravel(self.g_coefficient),
                "phi": np.ravel(self.phi),
                "half_width": np.ravel(self.half_width),
            }
        )


def _components(components: dict[str, float] | GStudy) -> dict[str, float]:
    vc = components.used if isinstance(components, GStudy) else dict(components)
    missing = [k for k in MONITORING_COMPONENTS if k not in vc]
    if missing:
        raise InputError.single(
            None,
            f"variance components must name {list(MONITORING_COMPONENTS)}",
            column="components",
            found=sorted(vc),
        )
    out = {k: float(vc[k]) for k in MONITORING_COMPONENTS}
    bad = [k for k, v in out.items() if not math.isfinite(v) or v < 0]
    if bad:
        raise InputError.single(
            None, "components must be finite and ≥ 0", column=bad[0], found=out[bad[0]]
        )
    return out


def dstudy(
    components: dict[str, float] | GStudy,
    n_calls: object,
    n_inspectors: object = 1,
    *,
    confidence_level: float = 0.95,
) -> DStudy:
    r"""D study of an agent's mean score over ``n_calls`` calls and ``n_inspectors`` inspectors.

    Formulas in the module docstring.  Inputs broadcast (e.g. ``n_calls=np.arange(1, 31)``).

    Parameters
    ----------
    components : GStudy or dict
        ``agent, inspector, agent_inspector, residual`` (negative values are not allowed; pass a
        :class:`GStudy` to use its zero-floored :attr:`GStudy.used`).
    n_calls : array_like of float
        Calls scored per agent (≥ 1).
    n_inspectors : array_like of float
        Different inspectors scoring an agent's calls (1 ≤ ``n_inspectors`` ≤ ``n_calls``).
    confidence_level : float
        For ``half_width``.

    Examples
    --------
    The issue's example: call-to-call SD 8, between-agent SD 3, four calls:

    >>> vc = {"agent": 9.0, "inspector": 0.0, "agent_inspector": 0.0, "residual": 64.0}
    >>> d = dstudy(vc, 4)
    >>> round(float(d.g_coefficient), 3), round(float(d.half_width), 2)
    (0.36, 7.84)
    """
    vc = _components(components)
    if not 0 < confidence_level < 1:
        raise InputError.single(
            None,
            "expected a level between 0 and 1",
            column="confidence_level",
            found=confidence_level,
        )
    nc, nr = np.broadcast_arrays(
        np.asarray(n_calls, dtype=float), np.asarray(n_inspectors, dtype=float)
    )
    if (nc < 1).any() or (nr < 1).any() or (nr > nc).any():
        raise InputError.single(
            None,
            "expected 1 ≤ inspectors ≤ calls",
            column="n_calls",
            found=(nc.min(), nr.min()),
        )
    rel = vc["agent_inspector"] / nr + vc["residual"] / nc
    absolute = rel + vc["inspector"] / nr
    reason: DStudyReason | None = None
    if vc["agent"] <= 0:
        reason = DStudyReason.NO_AGENT_VARIANCE
        g = np.full(rel.shape, math.nan)
        phi = np.full(rel.shape, math.nan)
    else:
        with np.errstate(divide="ignore", invalid="ignore"):
            g = vc["agent"] / (vc["agent"] + rel)
            phi = vc["agent"] / (vc["agent"] + absolute)
    z = float(stats.norm.ppf(0.5 + confidence_level / 2))
    hw = z * np.sqrt(absolute)
    return DStudy(nc, nr, rel, absolute, g, phi, hw, confidence_level, reason)


@dataclass(frozen=True)
class CallsNeeded:
    """Smallest number of calls per agent meeting a target.

    Attributes
    ----------
    n_calls : int or None
        ``None`` when the target cannot be met (see ``reason_code``).
    achieved : float
        The coefficient (or half-width) reached with ``n_calls``; NaN when ``n_calls`` is None.
    target : float
    criterion : str
        ``"g_coefficient"``, ``"phi"`` or ``"half_width"``.
    reason_code : CallsReason or None
        ``None`` when ``n_calls`` meets the target; otherwise why no number does.
    n_inspectors : int
        Inspectors per agent the search assumed.
    max_calls : int
        The largest number of calls searched.

    Examples
    --------
    >>> vc = {"agent": 9.0, "inspector": 0.0, "agent_inspector": 0.0, "residual": 64.0}
    >>> r = calls_needed(vc, 0.8)
    >>> r.n_calls, round(r.achieved, 3), r.target, r.criterion, r.reason_code
    (29, 0.803, 0.8, 'g_coefficient', None)
    >>> calls_needed({**vc, "agent": 0.0}, 0.8).reason_code
    <CallsReason.NO_AGENT_VARIANCE: 'no_agent_variance'>
    """

    n_calls: int | None
    achieved: float
    target: float
    criterion: str
    reason_code: CallsReason | None = None
    n_inspectors: int = 1
    max_calls: int = 10_000


def calls_needed(
    components: dict[str, float] | GStudy,
    target: float,
    *,
    criterion: str = "g_coefficient",
    n_inspectors: int = 1,
    confidence_level: float = 0.95,
    max_calls: int = 10_000,
) -> CallsNeeded:
    r"""Smallest ``n_calls`` with :math:`E\rho^2` (or :math:`\Phi`) ≥ ``target``, or with
    ``half_width`` ≤ ``target``, for a fixed number of inspectors per agent.

    Solved in closed form, then checked: for :math:`E\rho^2 \ge t`,
    :math:`n_c \ge \sigma^2_{c:a} / (\sigma^2_a (1-t)/t - \sigma^2_{ar}/n_r)`; when the
    denominator is ≤ 0 the target is out of reach with ``n_inspectors`` inspectors, whatever
    the number of calls (inspector error does not average out over calls).

    Examples
    --------
    >>> vc = {"agent": 9.0, "inspector": 0.0, "agent_inspector": 0.0, "residual": 64.0}
    >>> calls_needed(vc, 0.8).n_calls
    29
    >>> calls_needed(vc, 3.0, criterion="half_width").n_calls
    28
    """
    vc = _components(components)
    if criterion not in ("g_coefficient", "phi", "half_width"):
        raise InputError.single(
            None, "expected g_coefficient, phi or half_width", column="criterion", found=criterion
        )
    if n_inspectors < 1:
        raise InputError.single(None, "expected ≥ 1", column="n_inspectors", found=n_inspectors)
    nr = float(n_inspectors)
    fixed = vc["agent_inspector"] / nr + (
        vc["inspector"] / nr if criterion != "g_coefficient" else 0.0
    )
    if criterion == "half_width":
        if not target > 0:
            raise InputError.single(
                None, "expected a half-width > 0", column="target", found=target
            )
        z = float(stats.norm.ppf(0.5 + confidence_level / 2))
        budget = (target / z) ** 2 - fixed
    else:
        if not 0 < target < 1:
            raise InputError.single(
                None, "expected a reliability in (0, 1)", column="target", found=target
            )
        if vc["agent"] <= 0:
            return CallsNeeded(
                None,
                math.nan,
                target,
                criterion,
                CallsReason.NO_AGENT_VARIANCE,
                n_inspectors,
                max_calls,
            )
        budget = vc["agent"] * (1 - target) / target - fixed
    if budget <= 0:
        return CallsNeeded(
            None, math.nan, target, criterion, CallsReason.UNREACHABLE, n_inspectors, max_calls
        )
    n = max(int(math.ceil(vc["residual"] / budget - 1e-9)), int(nr), 1)

    def value(k: int) -> float:
        d = dstudy(vc, k, nr, confidence_level=confidence_level)
        return float(getattr(d, criterion))

    def ok(k: int) -> bool:
        v = value(k)
        return v <= target if criterion == "half_width" else v >= target

    while n > max(int(nr), 1) and ok(n - 1):  # guard against rounding in the closed form
        n -= 1
    while not ok(n):
        n += 1
    if n > max_calls:
        return CallsNeeded(
            None, math.nan, target, criterion, CallsReason.TOO_MANY, n_inspectors, max_calls
        )
    return CallsNeeded(n, value(n), target, criterion, None, n_inspectors, max_calls)
