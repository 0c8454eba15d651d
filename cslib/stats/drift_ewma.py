r"""Two-sided EWMA control chart: run-length distribution, calibrated limits and the chart itself.

The exponentially weighted moving average of standardised observations :math:`x_t`,

.. math::

    z_t = \lambda x_t + (1 - \lambda) z_{t-1}, \qquad z_0 = 0,

signals at the first :math:`t` with :math:`|z_t| > h`, where the limit is
:math:`h = L \sqrt{\lambda / (2 - \lambda)}` (fixed limits in units of the asymptotic standard
deviation of :math:`z_t` for in-control :math:`x_t \sim N(0, 1)`; Roberts 1959, Lucas &
Saccucci 1990).

The average run length (ARL) solves Crowder's (1987) integral equation

.. math::

    A(z) = 1 + \int_{-h}^{h} \frac{1}{\lambda}\,
        \varphi\!\left(\frac{y - (1-\lambda) z}{\lambda} - \mu\right) A(y)\,dy,

evaluated here by the Nyström method with Gauss–Legendre nodes on :math:`[-h, h]` (the
method of R's ``spc::xewma.arl``, Knoth 2005).  The run-length survival function
:math:`P(\mathrm{RL} > t)` is obtained by propagating the density of the not-yet-signalled
statistic over the same nodes; the mean :math:`\mu_t` may differ from step to step, which gives
the detection probability of a shift whose standardised size changes over time (as the
self-starting residuals of :mod:`cslib.stats.drift_effects` do after a step).

Written by hand: scipy and statsmodels have no control-chart run-length routines; the numbers
are checked against R ``spc`` 0.6.7 (``tests/r_reference/drift_ewma_spc.R``).

References
----------
Roberts, S. W. (1959). Control chart tests based on geometric moving averages.
*Technometrics*, 1(3), 239–250.
Crowder, S. V. (1987). A simple method for studying run-length distributions of exponentially
weighted moving average charts. *Technometrics*, 29(4), 401–407.
Lucas, J. M., & Saccucci, M. S. (1990). Exponentially weighted moving average control schemes:
properties and enhancements. *Technometrics*, 32(1), 1–12.
Knoth, S. (2005). Accurate ARL computation for EWMA-S² control charts. *Statistics and
Computing*, 15, 341–352.
Montgomery, D. C. (2019). *Introduction to Statistical Quality Control* (8th ed.), ch. 9.
Wiley.

Examples
--------
>>> round(ewma_arl(0.1, 2.814), 2)   # Lucas & Saccucci (1990): about 500
499.58
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import optimize

from cslib.core.errors import InputError

__all__ = [
    "EwmaChart",
    "ewma_arl",
    "ewma_chart",
    "ewma_limit",
    "ewma_survival",
]

_NODES = 80


def _check(smoothing: float, limit: float) -> None:
    if not (isinstance(smoothing, (int, float)) and 0 < smoothing <= 1):
        raise InputError.single(
            None, "expected a smoothing constant 0 < λ ≤ 1", column="smoothing", found=smoothing
        )
    if not (isinstance(limit, (int, float)) and math.isfinite(limit) and limit > 0):
        raise InputError.single(None, "expected a positive limit", column="limit", found=limit)


def _phi(x: np.ndarray) -> np.ndarray:
    return np.exp(-0.5 * x * x) / math.sqrt(2 * math.pi)


@functools.lru_cache(maxsize=8)
def _legendre(nodes: int) -> tuple[np.ndarray, np.ndarray]:
    return np.polynomial.legendre.leggauss(nodes)


def _grid(smoothing: float, limit: float, nodes: int) -> tuple[float, np.ndarray, np.ndarray]:
    h = limit * math.sqrt(smoothing / (2 - smoothing))
    x, w = _legendre(nodes)
    return h, h * x, h * w


def _kernel(z_from: np.ndarray, y: np.ndarray, smoothing: float, mu: float) -> np.ndarray:
    """Density of z_t = y given z_{t-1} = z_from (rows) at nodes y (columns)."""
    lam = smoothing
    return _phi((y[None, :] - (1 - lam) * z_from[:, None]) / lam - mu) / lam


def ewma_arl(
    smoothing: float, limit: float, shift: float = 0.0, *, start: float = 0.0, nodes: int = _NODES
) -> float:
    r"""Average run length of the two-sided EWMA chart with fixed limits.

    Parameters
    ----------
    smoothing : float
        :math:`\lambda`, 0 < λ ≤ 1.
    limit : float
        :math:`L`: the chart signals when :math:`|z_t| > L\sqrt{\lambda/(2-\lambda)}`.
    shift : float
        Mean of the standardised observations (0 = in control).
    start : float
        :math:`z_0` (0 unless a head start is wanted).
    nodes : int
        Gauss–Legendre nodes of the Nyström approximation.

    Returns
    -------
    float
        The ARL (expected number of observations up to and including the signal).

    Examples
    --------
    >>> round(ewma_arl(0.2, 2.962), 2)
    499.74
    """
    _check(smoothing, limit)
    h, y, w = _grid(smoothing, limit, nodes)
    q = _kernel(y, y, smoothing, shift) * w[None, :]
    a = np.linalg.solve(np.eye(nodes) - q, np.ones(nodes))
    k0 = _kernel(np.array([start]), y, smoothing, shift)[0] * w
    return float(1.0 + k0 @ a)


def ewma_survival(
    smoothing: float,
    limit: float,
    shifts: Sequence[float] | np.ndarray,
    *,
    start: float = 0.0,
    nodes: int = _NODES,
) -> np.ndarray:
    r"""Probability of no signal through each step, :math:`P(\mathrm{RL} > t)`, t = 1 … n.

    ``shifts[t-1]`` is the mean of the standardised observation at step ``t`` (a constant
    sequence for the classical run-length distribution).

    Examples
    --------
    >>> np.round(ewma_survival(0.3, 3.0, [1.0] * 3), 6)
    array([0.999315, 0.979395, 0.926813])
    """
    _check(smoothing, limit)
    mus = np.asarray(shifts, dtype=float)
    if mus.ndim != 1 or mus.size == 0 or not np.isfinite(mus).all():
        raise InputError.single(
            None, "expected a non-empty sequence of finite means", column="shifts", found=shifts
        )
    h, y, w = _grid(smoothing, limit, nodes)
    dens = _kernel(np.array([start]), y, smoothing, float(mus[0]))[0]
    out = [float(w @ dens)]
    for mu in mus[1:]:
        dens = (dens * w) @ _kernel(y, y, smoothing, float(mu))
        out.append(float(w @ dens))
    return np.clip(np.asarray(out), 0.0, 1.0)


@functools.lru_cache(maxsize=64)
def ewma_limit(smoothing: float, arl0: float, *, nodes: int = _NODES) -> float:
    r"""The limit :math:`L` whose in-control ARL equals ``arl0`` (root of :func:`ewma_arl`).

    Examples
    --------
    >>> round(ewma_limit(0.3, 120), 4)
    2.5235
    """
    _check(smoothing, 1.0)
    if not (isinstance(arl0, (int, float)) and math.isfinite(arl0) and arl0 > 1):
        raise InputError.single(None, "expected an in-control ARL > 1", column="arl0", found=arl0)
    return float(
        optimize.brentq(lambda c: ewma_arl(smoothing, c, nodes=nodes) - arl0, 0.1, 8.0, xtol=1e-10)
    )


@dataclass(frozen=True)
class EwmaChart:
    """The chart of one series: the EWMA, its limit and the steps that signal.

    Attributes
    ----------
    statistic : ndarray
        :math:`z_t`.
    limit : float
        :math:`h = L\\sqrt{\\lambda/(2-\\lambda)}`.
    signal : ndarray of bool
        :math:`|z_t| > h`.
    first_signal : int or None
        0-based index of the first signal.

    Examples
    --------
    >>> ewma_chart([0.0, 5.0], 0.3, 2.5).signal.tolist()
    [False, True]
    """

    statistic: np.ndarray
    limit: float
    signal: np.ndarray
    first_signal: int | None


def ewma_chart(x: Sequence[float] | np.ndarray, smoothing: float, limit: float) -> EwmaChart:
    r"""Run the two-sided EWMA chart over standardised observations ``x``.

    Examples
    --------
    >>> c = ewma_chart([0.1, 3.0, 4.0], 0.3, 2.5)
    >>> c.first_signal, round(c.limit, 4)
    (2, 1.0502)
    """
    _check(smoothing, limit)
    v = np.asarray(x, dtype=float)
    if v.ndim != 1 or not np.isfinite(v).all():
        raise InputError.single(None, "expected finite observations", column="x", found=x)
    z = np.empty(v.size)
    prev = 0.0
    for t, xt in enumerate(v):
        prev = smoothing * xt + (1 - smoothing) * prev
        z[t] = prev
    h = limit * math.sqrt(smoothing / (2 - smoothing))
    sig = np.abs(z) > h
    first = int(np.argmax(sig)) if sig.any() else None
    return EwmaChart(z, float(h), sig, first)
