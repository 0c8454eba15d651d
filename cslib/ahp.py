"""Analytic Hierarchy Process: priorities and consistency of pairwise matrices.

All functions accept a single ``(n, n)`` matrix or a stack ``(..., n, n)`` and are
vectorised over the leading axes (many experts, many bootstrap resamples).

References
----------
Saaty, T. L. (1980). *The Analytic Hierarchy Process*. McGraw-Hill.
Saaty, T. L. (1977). A scaling method for priorities in hierarchical structures.
*Journal of Mathematical Psychology*, 15(3), 234–281.
Crawford, G., & Williams, C. (1985). A note on the analysis of subjective judgment
matrices. *Journal of Mathematical Psychology*, 29(4), 387–405 (geometric mean).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

PriorityMethod = Literal["eigen", "geometric"]

#: Saaty's random consistency index RI(n) for n = 1..15 (Saaty 1980, Table 1.3 extended;
#: as used by R ``ahpsurvey`` and Python ``ahpy``). n = 1, 2 are always consistent.
RANDOM_INDEX = {
    1: 0.0, 2: 0.0, 3: 0.58, 4: 0.90, 5: 1.12, 6: 1.24, 7: 1.32, 8: 1.41,
    9: 1.45, 10: 1.49, 11: 1.51, 12: 1.48, 13: 1.56, 14: 1.57, 15: 1.59,
}


def _as_stack(matrices: np.ndarray) -> np.ndarray:
    a = np.asarray(matrices, dtype=float)
    if a.ndim < 2 or a.shape[-1] != a.shape[-2]:
        raise ValueError(f"expected square matrices of shape (..., n, n); got {a.shape}")
    if not np.all(np.isfinite(a)) or np.any(a <= 0):
        raise ValueError("pairwise judgments must be finite and positive")
    return a


def priorities(matrices: np.ndarray, method: PriorityMethod = "eigen") -> np.ndarray:
    """Priority vectors of pairwise comparison matrices.

    Parameters
    ----------
    matrices : array_like, shape (..., n, n)
        Positive reciprocal matrices, ``a[i, j]`` = importance of i over j.
    method : {"eigen", "geometric"}
        ``"eigen"``: normalised principal right eigenvector (Saaty 1977).
        ``"geometric"``: normalised row geometric means,
        :math:`w_i \\propto (\\prod_j a_{ij})^{1/n}` (Crawford & Williams 1985).

    Returns
    -------
    ndarray, shape (..., n)
        Priorities summing to 1.
    """
    a = _as_stack(matrices)
    if method == "geometric":
        w = np.exp(np.log(a).mean(axis=-1))
    elif method == "eigen":
        w = _principal_eigenvector(a)
    else:
        raise ValueError(f"method must be 'eigen' or 'geometric', not {method!r}")
    return w / w.sum(axis=-1, keepdims=True)


def _principal_eigenvector(a: np.ndarray) -> np.ndarray:
    # A positive matrix has a simple real dominant eigenvalue with a positive
    # eigenvector (Perron–Frobenius); numpy returns eigenvalues unordered.
    values, vectors = np.linalg.eig(a)
    k = np.argmax(values.real, axis=-1)
    v = np.take_along_axis(vectors.real, k[..., None, None], axis=-1)[..., 0]
    return np.abs(v)


def lambda_max(matrices: np.ndarray) -> np.ndarray:
    """Principal eigenvalue :math:`\\lambda_{max}` of each matrix."""
    a = _as_stack(matrices)
    return np.max(np.linalg.eigvals(a).real, axis=-1)


def random_index(n: int) -> float:
    """Saaty's random index RI(n); raises for n outside 1..15 (no agreed table value)."""
    if n not in RANDOM_INDEX:
        raise ValueError(f"Saaty's random index is tabulated for n = 1..15, not n = {n}")
    return RANDOM_INDEX[n]


@dataclass(frozen=True)
class Consistency:
    """Consistency of one or many pairwise matrices (arrays follow the input's leading shape).

    Attributes
    ----------
    lambda_max : ndarray
        Principal eigenvalue.
    ci : ndarray
        Consistency index :math:`(\\lambda_{max} - n)/(n - 1)`.
    ri : float
        Saaty's random index for n.
    cr : ndarray
        Consistency ratio CI/RI (0 for n ≤ 2).
    acceptable : ndarray of bool
        ``cr <= threshold`` (Saaty's 0.10 rule by default).
    """

    n: int
    lambda_max: np.ndarray
    ci: np.ndarray
    ri: float
    cr: np.ndarray
    threshold: float
    acceptable: np.ndarray


def consistency(matrices: np.ndarray, threshold: float = 0.10) -> Consistency:
    """λmax, CI, RI and CR of pairwise matrices (Saaty 1980).

    :math:`CI = (\\lambda_{max} - n)/(n-1)`, :math:`CR = CI / RI(n)`; a matrix is
    acceptably consistent when CR ≤ ``threshold`` (0.10).
    """
    a = _as_stack(matrices)
    n = a.shape[-1]
    lam = lambda_max(a)
    if n <= 2:
        ci = np.zeros_like(lam)
        cr = np.zeros_like(lam)
        ri = 0.0
    else:
        ci = np.maximum((lam - n) / (n - 1), 0.0)
        ri = random_index(n)
        cr = ci / ri
    return Consistency(n, lam, ci, ri, cr, threshold, cr <= threshold)
