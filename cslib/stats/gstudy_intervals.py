r"""Profile-likelihood intervals for the REML variance components of the routine monitoring
design ``(c:a) × r`` (agent, inspector, agent × inspector, residual).

The REML deviance of :func:`cslib.stats.gstudy.gstudy_reml` (lme4's formulation; Bates et al.
2015) is, for relative standard deviations :math:`\theta` and residual variance
:math:`\sigma^2`,

.. math::

    d(\theta, \sigma^2) = \log|A_\theta| + \log r_X^2 + \frac{r^2(\theta)}{\sigma^2}
        + (n - 1)\log(2\pi\sigma^2)

(the code of ``gstudy`` returns it profiled over :math:`\sigma^2`, which is undone here).  For a
component *k* with standard deviation :math:`\sigma_k` the profile
:math:`p_k(s) = \min\{d : \sigma_k = s\}` is minimised over the other three standard
deviations, and the interval is every *s* with

.. math::

    p_k(s) - \min d \le \chi^2_{1,\,1-\alpha},

squared to the variance scale: the likelihood-ratio inversion of Bates et al. (2015, section
5.1).  lme4's ``confint(fit, method = "profile")`` profiles the *ML* deviance even for a REML
fit (its ``devfun2`` calls ``refitML``); ``method="ml"`` reproduces its numbers (the tests
compare them with lme4's), the default profiles the REML deviance the components are
estimated with.  When :math:`p_k(0)` is within the bound the interval starts at 0.

The likelihood-ratio calibration is asymptotic in the number of *levels* of the factor: with
8 inspectors it is approximate, and the benchmark ``benchmarks/bench_variance_intervals.py``
reports the coverage actually reached on the sample's design and on smaller ones.

References
----------
Bates, D., Mächler, M., Bolker, B. & Walker, S. (2015). Fitting linear mixed-effects models
using lme4. *Journal of Statistical Software* 67(1).
Pawitan, Y. (2001). *In All Likelihood*, ch. 2.6 and 9 (likelihood intervals).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import linalg, optimize, stats

from cslib.core.errors import InputError
from cslib.stats.gstudy import MONITORING_COMPONENTS, ProfiledREML, crossed_scores

_SIGMA_INDEX = {"agent": 0, "inspector": 1, "agent_inspector": 2}


@dataclass(frozen=True)
class ProfileIntervals:
    """Profile-likelihood intervals of variance components.

    Attributes
    ----------
    estimate : dict
        REML estimates of the variance components (from the same deviance).
    ci_low, ci_high : dict
        Component → interval on the variance scale (``ci_low`` 0 when zero is inside).
    confidence_level : float
    deviance : float
        Minimum REML deviance (lme4's ``REMLcrit``), or ML deviance with ``method="ml"``.

    Examples
    --------
    >>> rng = np.random.default_rng(3)
    >>> a = np.repeat(np.arange(30), 8); r = rng.integers(0, 4, a.size)
    >>> y = 80 + 3 * rng.standard_normal(30)[a] + 8 * rng.standard_normal(a.size)
    >>> ci = profile_intervals(a, r, y, components=["residual"])
    >>> ci.ci_low["residual"] < ci.estimate["residual"] < ci.ci_high["residual"]
    True
    """

    estimate: dict[str, float]
    ci_low: dict[str, float]
    ci_high: dict[str, float]
    confidence_level: float
    deviance: float


class _Parts(ProfiledREML):
    """:class:`~cslib.stats.gstudy.ProfiledREML` returning the pieces of the deviance
    (``log|A_θ|``, ``r_X²``, ``r²(θ)``) instead of their profiled sum, so that the deviance can
    be evaluated at any residual variance and in its ML form.  The body repeats
    ``ProfiledREML.solve`` (same block elimination) because that method returns only the sum;
    the tests check both against each other."""

    def parts(self, theta: np.ndarray) -> tuple[float, float, float]:
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
        return logdet, rx2, r2


class _Deviance:
    """REML (or ML) deviance in absolute standard deviations ``(σ_a, σ_r, σ_ar, σ_e)``:
    ``log|A_θ| + log r_X² + r²/σ² + (n − 1) log 2πσ²`` (REML) or
    ``log|A_θ| + r²/σ² + n log 2πσ²`` (ML)."""

    def __init__(self, model: _Parts, ml: bool = False) -> None:
        self.model = model
        self.ml = ml
        self.dof = model.n if ml else model.n - 1

    def __call__(self, sd: np.ndarray) -> float:
        s_e = max(float(sd[3]), 1e-12)
        theta = np.abs(np.asarray(sd[:3], dtype=float)) / s_e
        try:
            logdet, rx2, r2 = self.model.parts(theta)
        except np.linalg.LinAlgError:
            # only far from the optimum (relative SDs of 1e6 and more): not a candidate
            return 1e30
        var = s_e * s_e
        out = logdet + r2 / var + self.dof * math.log(2 * math.pi * var)
        return out if self.ml else out + math.log(rx2)


def _fit(dev: _Deviance, start: np.ndarray, free: list[int], fixed: dict[int, float], floor: float):
    """Minimise the deviance over the ``free`` standard deviations (others ``fixed``)."""

    def f(v: np.ndarray) -> float:
        sd = np.empty(4)
        for j, val in fixed.items():
            sd[j] = val
        sd[free] = v
        return dev(sd)

    bounds = [(floor if j == 3 else 0.0, None) for j in free]
    x0 = np.maximum(start[free], [floor if j == 3 else 0.0 for j in free])
    return optimize.minimize(f, x0, method="L-BFGS-B", bounds=bounds)


def profile_intervals(
    agents: object,
    inspectors: object,
    scores: object,
    *,
    components: Sequence[str] = MONITORING_COMPONENTS,
    confidence_level: float = 0.95,
    method: str = "reml",
) -> ProfileIntervals:
    r"""Profile-likelihood intervals of the REML variance components (lme4's
    ``confint(method = "profile")``).

    Parameters
    ----------
    agents, inspectors : array_like, shape (N,)
        Who was scored and who scored, one entry per scored call.
    scores : array_like of float, shape (N,)
    components : sequence of str
        Components to profile (any of ``agent``, ``inspector``, ``agent_inspector``,
        ``residual``); each costs a few hundred deviance evaluations.
    confidence_level : float
    method : {"reml", "ml"}
        The likelihood profiled: REML (default; the one the G study is estimated with) or ML.
        lme4's ``confint(method = "profile")`` refits a REML model by ML before profiling
        (``devfun2`` calls ``refitML``), so its numbers are those of ``method="ml"``.

    Returns
    -------
    ProfileIntervals
        With ``method="ml"`` the estimates are ML estimates.

    Notes
    -----
    The interval for component *k* is :math:`\{s^2 : p_k(s) - \min d \le
    \chi^2_{1,\text{level}}\}`; each end is found by Brent's method
    (:func:`scipy.optimize.brentq`) after bracketing by doubling.  The calibration by
    :math:`\chi^2_1` is asymptotic in the number of levels of the factor; see the module notes.

    Examples
    --------
    >>> rng = np.random.default_rng(3)
    >>> a = np.repeat(np.arange(30), 8); r = rng.integers(0, 4, a.size)
    >>> y = 80 + 3 * rng.standard_normal(30)[a] + 8 * rng.standard_normal(a.size)
    >>> ci = profile_intervals(a, r, y, components=["agent"])
    >>> ci.ci_low["agent"] < ci.estimate["agent"] < ci.ci_high["agent"]
    True
    """
    if not 0 < confidence_level < 1:
        raise InputError.single(
            None, "a level between 0 and 1", column="confidence_level", found=confidence_level
        )
    unknown = [k for k in components if k not in MONITORING_COMPONENTS]
    if unknown:
        raise InputError.single(
            None,
            f"components among {', '.join(MONITORING_COMPONENTS)}",
            column="components",
            found=", ".join(map(str, unknown)),
        )
    if method not in ("reml", "ml"):
        raise InputError.single(None, '"reml" or "ml"', column="method", found=method)
    y, cells = crossed_scores(agents, inspectors, scores)
    if cells.n_agents < 2 or cells.n_inspectors < 2:
        raise InputError.single(None, "need at least 2 agents and 2 inspectors")
    if y.size <= cells.n_cells:
        raise InputError.single(
            None, "need more scored calls than agent–inspector pairs to separate the residual"
        )
    dev = _Deviance(_Parts(y, cells), ml=method == "ml")
    sd_y = float(np.std(y)) or 1.0
    start = np.array([0.3, 0.3, 0.3, 1.0]) * sd_y
    floor = 1e-3 * sd_y  # residual SD searched above this (a thousandth of the scores' SD)
    best = _fit(dev, start, [0, 1, 2, 3], {}, floor)
    # a second start (each component near zero); keep the lower deviance
    alt = _fit(dev, np.array([0.05, 0.05, 0.05, 1.0]) * sd_y, [0, 1, 2, 3], {}, floor)
    if alt.fun < best.fun:
        best = alt
    sd_hat = np.abs(best.x)
    d_min = float(best.fun)
    q = float(stats.chi2.ppf(confidence_level, 1))
    names = list(MONITORING_COMPONENTS)
    estimate = {k: float(sd_hat[_index(k)] ** 2) for k in names}
    lo: dict[str, float] = {}
    hi: dict[str, float] = {}
    for k in components:
        j = _index(k)
        free = [i for i in range(4) if i != j]
        warm = {"x": sd_hat.copy()}
        s_hat = float(sd_hat[j])
        seen: dict[float, float] = {s_hat: -q}  # each point's value once: brentq re-asks ends

        def lr(
            s: float,
            j: int = j,
            free: list[int] = free,
            warm: dict[str, np.ndarray] = warm,
            seen: dict[float, float] = seen,
        ) -> float:
            if s in seen:
                return seen[s]
            res = _fit(dev, warm["x"], free, {j: s}, floor)
            if res.fun - d_min > q:  # maybe a poor restricted optimum: try from the estimate
                alt = _fit(dev, sd_hat, free, {j: s}, floor)
                res = alt if alt.fun < res.fun else res
            sd = warm["x"].copy()
            sd[free] = res.x
            sd[j] = s
            warm["x"] = sd
            # the restricted optimum can never be below the unrestricted one
            seen[s] = max(float(res.fun) - d_min, 0.0) - q
            return seen[s]

        low = floor if j == 3 else 0.0
        # lower end
        if s_hat <= low or lr(low) <= 0:
            lo[k] = low**2
        else:
            warm["x"] = sd_hat.copy()
            lo[k] = optimize.brentq(lr, low, s_hat, xtol=1e-6 * max(s_hat, 1e-3)) ** 2
        # upper end: bracket by doubling
        warm["x"] = sd_hat.copy()
        a = s_hat
        b = max(s_hat * 1.5, 0.05 * sd_y)
        while lr(b) < 0:
            a, b = b, b * 2
            if b > 1e3 * sd_y:  # pragma: no cover - a flat profile: no upper bound
                raise InputError.single(None, f"the profile of {k} does not rise: no upper bound")
        hi[k] = optimize.brentq(lr, a, b, xtol=1e-6 * max(b, 1e-3)) ** 2
    return ProfileIntervals(estimate, lo, hi, confidence_level, d_min)


def _index(component: str) -> int:
    return 3 if component == "residual" else _SIGMA_INDEX[component]
