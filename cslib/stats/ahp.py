"""Analytic Hierarchy Process: priorities and consistency of pairwise matrices.

All matrix functions accept a single ``(n, n)`` matrix or a stack ``(..., n, n)`` and
are vectorised over the leading axes (many experts, many bootstrap resamples).

Judgement convention
--------------------
``a[i, j]`` is how many times more important item *i* is than item *j* on Saaty's
1–9 scale (1 equal, 3 moderate, 5 strong, 7 very strong, 9 extreme, 2/4/6/8 in
between), and ``a[j, i] = 1 / a[i, j]``.

In a questionnaire export ("survey mode") each pair is one column named
``left~right`` (e.g. ``A1~A2``) holding a signed code:

* ``k`` (2…9): *left* is k times as important as *right* → ``a[left, right] = k``;
* ``-k`` (−2…−9): *right* is k times as important as *left* → ``a[left, right] = 1/k``;
* ``1`` (or ``-1``): equally important → ``a[left, right] = 1``.

``0`` is never valid.  :func:`to_survey_code` and :func:`from_survey_code` convert
between ratios and codes; ``docs/ahp_input.md`` documents the file formats.

Random index
------------
:data:`RANDOM_INDEX` is Saaty's table of the mean consistency index of random
reciprocal matrices with entries drawn from the 1–9 scale, for n = 1…15, as given
in Saaty (1980), *The Analytic Hierarchy Process* (n = 1…10 is the table most papers
reprint: 0, 0, .58, .90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49; n = 11…15 is Saaty's
extension 1.51, 1.48, 1.56, 1.57, 1.59 — the dip at n = 12 is in the printed table,
a simulation artefact, and is kept as printed).  The values were checked against
several independent open-source AHP implementations (R, Java, JavaScript, PHP) that
carry the identical fifteen numbers; other tables exist (e.g. Alonso & Lamata 2006,
Donegan & Dodd 1991) and give slightly different CRs.  Saaty's table ends at n = 15; for
larger groups choose a declared alternative with ``ri_table`` — ``"alonso_lamata"``
(Alonso & Lamata 2006, any n; with it "CR ≤ α" is their λmax criterion) or
``"simulated"`` (seeded Monte-Carlo) — see :mod:`cslib.stats.random_index`.  For n ≤ 2 a
reciprocal matrix is always consistent and CR = 0.

References
----------
Saaty, T. L. (1977). A scaling method for priorities in hierarchical structures.
*Journal of Mathematical Psychology*, 15(3), 234–281.
Saaty, T. L. (1980). *The Analytic Hierarchy Process*. McGraw-Hill.
Saaty, T. L. (1990). How to make a decision: the analytic hierarchy process.
*European Journal of Operational Research*, 48(1), 9–26.
Crawford, G., & Williams, C. (1985). A note on the analysis of subjective judgment
matrices. *Journal of Mathematical Psychology*, 29(4), 387–405 (geometric mean).
Forman, E., & Peniwati, K. (1998). Aggregating individual judgments and priorities
with the analytic hierarchy process. *European Journal of Operational Research*,
108(1), 165–169 (AIJ and AIP).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd
from scipy import stats

from cslib.core.errors import InputError, Problem
from cslib.stats.random_index import SAATY_RI, RandomIndexTable
from cslib.stats.random_index import random_index as _ri

if TYPE_CHECKING:  # pragma: no cover
    pass

PriorityMethod = Literal["eigen", "geometric"]
Aggregation = Literal["AIJ", "AIP"]

#: Saaty's random consistency index RI(n) for n = 1..15 (Saaty 1980; see the module
#: docstring for the source and range).  n = 1, 2 are always consistent.
RANDOM_INDEX = SAATY_RI

#: The 17 values of Saaty's fundamental scale, 1/9 … 1 … 9 (ascending).
SAATY_VALUES = np.array([1 / k for k in range(9, 1, -1)] + [float(k) for k in range(1, 10)])

#: Label used for the first-level (goal) group in tables.
TOP = "(top)"

_POWER_TOL = 1e-15
_POWER_MAX_ITER = 500


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

    Examples
    --------
    Saaty (1990), houses compared on "size of house" (published priorities .754 .181 .065):

    >>> import numpy as np
    >>> a = np.array([[1, 6, 8], [1 / 6, 1, 4], [1 / 8, 1 / 4, 1]])
    >>> priorities(a).round(3).tolist()
    [0.754, 0.181, 0.065]

    For n = 3 the row geometric means give the same priorities as the eigenvector:

    >>> priorities(a, "geometric").round(3).tolist()
    [0.754, 0.181, 0.065]
    """
    a = _as_stack(matrices)
    if method == "geometric":
        w = _geometric(a)
    elif method == "eigen":
        w, _ = _perron(a)
    else:
        raise ValueError(f"method must be 'eigen' or 'geometric', not {method!r}")
    return w / w.sum(axis=-1, keepdims=True)


def _geometric(a: np.ndarray) -> np.ndarray:
    w = np.exp(np.log(a).mean(axis=-1))
    return w / w.sum(axis=-1, keepdims=True)


def _perron(a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Principal eigenvector (sum 1) and eigenvalue of positive matrices.

    Vectorised power iteration started from the row geometric means; a positive
    matrix has a simple dominant eigenvalue with a positive eigenvector
    (Perron–Frobenius), so the iteration converges.  Matrices that have not converged
    after ``_POWER_MAX_ITER`` steps fall back to ``numpy.linalg.eig``.  For 10 000
    11 × 11 matrices this is several times faster than ``eig`` on the stack.
    """
    shape = a.shape[:-2]
    n = a.shape[-1]
    flat = a.reshape(-1, n, n)
    w = _geometric(flat)
    done = np.zeros(len(flat), dtype=bool)
    for _ in range(_POWER_MAX_ITER):
        todo = ~done
        if not todo.any():
            break
        aw = np.einsum("kij,kj->ki", flat[todo], w[todo])
        new = aw / aw.sum(axis=-1, keepdims=True)
        converged = np.max(np.abs(new - w[todo]), axis=-1) <= _POWER_TOL
        w[todo] = new
        idx = np.flatnonzero(todo)
        done[idx[converged]] = True
    if not done.all():  # pragma: no cover - pathological inputs only
        idx = np.flatnonzero(~done)
        values, vectors = np.linalg.eig(flat[idx])
        k = np.argmax(values.real, axis=-1)
        v = np.abs(np.take_along_axis(vectors.real, k[:, None, None], axis=-1)[..., 0])
        w[idx] = v / v.sum(axis=-1, keepdims=True)
    lam = np.einsum("kij,kj->k", flat, w)  # Σ_i (A w)_i with Σ w = 1 is λ at the eigenvector
    return w.reshape(*shape, n), lam.reshape(shape)


def lambda_max(matrices: np.ndarray) -> np.ndarray:
    """Principal eigenvalue :math:`\\lambda_{max}` of each matrix.

    Examples
    --------
    Saaty (1990), houses compared on "size of house" (published λmax = 3.136):

    >>> import numpy as np
    >>> a = np.array([[1, 6, 8], [1 / 6, 1, 4], [1 / 8, 1 / 4, 1]])
    >>> round(float(lambda_max(a)), 3)
    3.136
    """
    a = _as_stack(matrices)
    return _perron(a)[1]


def random_index(n: int, table: RandomIndexTable = "saaty") -> float:
    """Random index RI(n) from the declared ``table`` (default Saaty, n ≤ 15).

    See :func:`cslib.stats.random_index.random_index`; Saaty's table raises
    :class:`InputError` above n = 15.

    Examples
    --------
    >>> random_index(3), random_index(8)
    (0.58, 1.41)
    >>> round(random_index(20, "alonso_lamata"), 4)  # Saaty's table stops at n = 15
    1.634
    """
    return _ri(n, table)


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
        Random index for n from ``ri_table``.
    cr : ndarray
        Consistency ratio CI/RI (0 for n ≤ 2).
    acceptable : ndarray of bool
        ``cr <= threshold`` (Saaty's 0.10 rule by default; with the Alonso–Lamata table
        this is their criterion λmax ≤ n + threshold·(1.7699 n − 4.3513)).
    ri_table : str
        Which random-index table was used (named in the report).

    Examples
    --------
    >>> import numpy as np
    >>> c = consistency(np.array([[1, 6, 8], [1 / 6, 1, 4], [1 / 8, 1 / 4, 1]]))
    >>> c.n, c.ri, round(float(c.cr), 3), bool(c.acceptable), c.ri_table
    (3, 0.58, 0.117, False, 'saaty')
    """

    n: int
    lambda_max: np.ndarray
    ci: np.ndarray
    ri: float
    cr: np.ndarray
    threshold: float
    acceptable: np.ndarray
    ri_table: str = "saaty"


def consistency(
    matrices: np.ndarray, threshold: float = 0.10, ri_table: RandomIndexTable = "saaty"
) -> Consistency:
    """λmax, CI, RI and CR of pairwise matrices (Saaty 1980).

    :math:`CI = (\\lambda_{max} - n)/(n-1)`, :math:`CR = CI / RI(n)`; a matrix is
    acceptably consistent when CR ≤ ``threshold`` (0.10).  ``ri_table`` declares the
    random-index source (:mod:`cslib.stats.random_index`).

    Examples
    --------
    Saaty (1990), houses compared on "size of house" (published λmax = 3.136, CI = 0.068,
    CR = 0.117 — above Saaty's 0.10):

    >>> import numpy as np
    >>> a = np.array([[1, 6, 8], [1 / 6, 1, 4], [1 / 8, 1 / 4, 1]])
    >>> c = consistency(a)
    >>> round(float(c.lambda_max), 3), round(float(c.ci), 3), round(float(c.cr), 3), bool(c.acceptable)
    (3.136, 0.068, 0.117, False)
    """
    a = _as_stack(matrices)
    return _consistency_from_lambda(lambda_max(a), a.shape[-1], threshold, ri_table)


def _consistency_from_lambda(
    lam: np.ndarray, n: int, threshold: float, ri_table: RandomIndexTable = "saaty"
) -> Consistency:
    lam = np.asarray(lam, dtype=float)
    if n <= 2:
        ci = np.zeros_like(lam)
        cr = np.zeros_like(lam)
        ri = 0.0
    else:
        ci = np.maximum((lam - n) / (n - 1), 0.0)
        ri = random_index(n, ri_table)
        cr = ci / ri
    return Consistency(n, lam, ci, ri, cr, threshold, cr <= threshold, ri_table)


def evaluate(
    matrices: np.ndarray,
    method: PriorityMethod = "eigen",
    threshold: float = 0.10,
    ri_table: RandomIndexTable = "saaty",
) -> tuple[np.ndarray, Consistency]:
    """Priorities and consistency in one vectorised pass (one eigen-solve per matrix).

    Parameters
    ----------
    matrices : array_like, shape (..., n, n)
    method : {"eigen", "geometric"}
        Priority method (consistency always uses the principal eigenvalue).
    threshold : float
        CR threshold (Saaty's 0.10).
    ri_table : {"saaty", "alonso_lamata", "simulated"}
        Random-index table (:mod:`cslib.stats.random_index`).

    Returns
    -------
    weights : ndarray, shape (..., n)
    consistency : Consistency

    Examples
    --------
    A stack of two experts' matrices: Saaty's (1990) "size of house" matrix and a perfectly
    consistent one (weights 4:2:1, CR = 0):

    >>> import numpy as np
    >>> a = np.array([[[1, 6, 8], [1 / 6, 1, 4], [1 / 8, 1 / 4, 1]],
    ...               [[1, 2, 4], [1 / 2, 1, 2], [1 / 4, 1 / 2, 1]]])
    >>> w, c = evaluate(a)
    >>> w.round(3).tolist()
    [[0.754, 0.181, 0.065], [0.571, 0.286, 0.143]]
    >>> c.cr.round(3).tolist(), c.acceptable.tolist()
    ([0.117, 0.0], [False, True])
    """
    a = _as_stack(matrices)
    w, lam = _perron(a)
    if method == "geometric":
        w = _geometric(a)
    elif method != "eigen":
        raise ValueError(f"method must be 'eigen' or 'geometric', not {method!r}")
    return w, _consistency_from_lambda(lam, a.shape[-1], threshold, ri_table)


# ---------------------------------------------------------------------------------------------
# Building and validating matrices


def nearest_saaty(ratio: np.ndarray | float) -> np.ndarray:
    """The Saaty scale value (1/9 … 9) nearest to ``ratio`` on the log scale (vectorised).

    Examples
    --------
    >>> nearest_saaty([2.4, 0.3, 12]).round(4).tolist()
    [2.0, 0.3333, 9.0]
    """
    r = np.log(np.asarray(ratio, dtype=float))
    grid = np.log(SAATY_VALUES)
    idx = np.abs(r[..., None] - grid).argmin(axis=-1)
    return SAATY_VALUES[idx]


def to_survey_code(ratio: np.ndarray | float) -> np.ndarray:
    """Survey code of a judgement ratio ``a[left, right]`` (rounded to the Saaty scale).

    ``k`` for a ratio k ≥ 1 (``1`` for equal), ``-k`` for a ratio 1/k.

    Examples
    --------
    >>> to_survey_code([6, 1 / 4, 1, 2.4]).tolist()
    [6, -4, 1, 2]
    """
    v = nearest_saaty(ratio)
    return np.where(v >= 1, np.rint(v), -np.rint(1 / v)).astype(int)


def from_survey_code(code: np.ndarray | int) -> np.ndarray:
    """Ratio ``a[left, right]`` of a survey code (see module docstring); rejects 0 and |k| > 9.

    Examples
    --------
    >>> from_survey_code([6, -4, 1]).tolist()
    [6.0, 0.25, 1.0]
    >>> from_survey_code(0)
    Traceback (most recent call last):
    ...
    ValueError: survey codes are integers 1…9 or −2…−9 (−1 = 1 = equal); 0 is invalid
    """
    c = np.asarray(code, dtype=float)
    if np.any(c == 0) or np.any(np.abs(c) > 9) or np.any(c % 1 != 0):
        raise ValueError("survey codes are integers 1…9 or −2…−9 (−1 = 1 = equal); 0 is invalid")
    return np.where(c > 0, c, 1 / np.abs(c))


def pair_index(n: int) -> list[tuple[int, int]]:
    """Upper-triangle pairs ``(i, j)``, ``i < j``, in row-major order (the survey column order).

    Examples
    --------
    >>> pair_index(3)
    [(0, 1), (0, 2), (1, 2)]
    """
    return [(i, j) for i in range(n) for j in range(i + 1, n)]


def pair_names(labels: Sequence[str]) -> list[str]:
    """Survey column names ``"left~right"`` for every pair of ``labels``, in row-major order.

    Examples
    --------
    >>> pair_names(["A", "B", "C"])
    ['A~B', 'A~C', 'B~C']
    """
    return [f"{labels[i]}~{labels[j]}" for i, j in pair_index(len(labels))]


def matrices_from_pairs(ratios: np.ndarray, n: int) -> np.ndarray:
    """Build reciprocal matrices from upper-triangle ratios.

    Parameters
    ----------
    ratios : array_like, shape (..., n (n - 1) / 2)
        ``a[i, j]`` for the pairs of :func:`pair_index` (row-major upper triangle).
    n : int

    Returns
    -------
    ndarray, shape (..., n, n)

    Examples
    --------
    >>> matrices_from_pairs([6, 8, 4], 3).round(3).tolist()
    [[1.0, 6.0, 8.0], [0.167, 1.0, 4.0], [0.125, 0.25, 1.0]]
    """
    r = np.asarray(ratios, dtype=float)
    iu = np.triu_indices(n, 1)
    if r.shape[-1] != len(iu[0]):
        raise ValueError(f"expected {len(iu[0])} pair values for n = {n}; got {r.shape[-1]}")
    out = np.ones((*r.shape[:-1], n, n))
    out[..., iu[0], iu[1]] = r
    out[..., iu[1], iu[0]] = 1.0 / r
    return out


def validate_matrices(
    matrices: np.ndarray,
    labels: Sequence[str],
    *,
    experts: Sequence[str] | None = None,
    group: str | None = None,
    source: str | None = None,
    rows: Sequence[Sequence[int]] | None = None,
    scale: Literal["saaty", "continuous"] = "saaty",
    tol: float = 0.02,
) -> np.ndarray:
    """Check pairwise matrices and return them cleaned, or raise a located :class:`InputError`.

    Checks, per expert: square ``n × n`` with ``n = len(labels)``; all entries finite and
    positive; diagonal 1; reciprocal, :math:`|a_{ij} a_{ji} - 1| \\le` ``tol``; with
    ``scale="saaty"`` every entry within relative ``tol`` of a Saaty value 1/9 … 9
    (``"continuous"``: anywhere in [1/9, 9]).  Every problem names the expert, the
    group and the pair; with ``rows`` (spreadsheet row of each matrix row, per expert)
    also the file row and column.

    Returns
    -------
    ndarray, shape (m, n, n)
        The upper triangle (snapped to the exact Saaty value for ``scale="saaty"``) with
        the lower triangle set to its exact reciprocal.

    Examples
    --------
    Entries rounded in a spreadsheet (0.167 for 1/6) are snapped to the exact reciprocal:

    >>> import numpy as np
    >>> a = np.array([[1, 6, 8], [0.167, 1, 4], [0.125, 0.25, 1]])
    >>> bool(validate_matrices(a, ["A", "B", "C"])[0, 1, 0] == 1 / 6)
    True

    A judgement that is not the reciprocal of its mirror is refused, naming expert and pair:

    >>> a[1, 0] = 0.5
    >>> validate_matrices(a, ["A", "B", "C"], experts=["E1"])
    Traceback (most recent call last):
    ...
    cslib.core.errors.InputError: <data frame>: expert E1, group (top), pair B~A: not the reciprocal of a[A,B] = 6; expected 1/6 (found '1/2')
    """
    a = np.asarray(matrices, dtype=float)
    if a.ndim == 2:
        a = a[None]
    n = len(labels)
    m = a.shape[0]
    experts = list(experts) if experts is not None else [f"#{k + 1}" for k in range(m)]
    gname = TOP if group is None else group
    if a.ndim != 3 or a.shape[1:] != (n, n):
        raise InputError.single(
            source,
            f"group {gname}: expected {n} × {n} matrices for {list(labels)}; "
            f"got shape {a.shape[1:]}",
        )
    problems: list[Problem] = []

    def add(k: int, i: int, j: int, what: str, value: float) -> None:
        row = rows[k][i] if rows is not None else None
        col = labels[j] if rows is not None else None
        problems.append(
            Problem(
                f"expert {experts[k]}, group {gname}, pair {labels[i]}~{labels[j]}: {what}",
                row,
                col,
                _fmt(value),
            )
        )

    with np.errstate(invalid="ignore", divide="ignore"):
        bad = ~np.isfinite(a) | (a <= 0)
        for k, i, j in zip(*np.nonzero(bad), strict=True):
            add(k, i, j, "expected a positive number (Saaty scale 1/9 … 9)", a[k, i, j])
        diag = np.abs(np.diagonal(a, axis1=1, axis2=2) - 1) > 1e-9
        for k, i in zip(*np.nonzero(diag & ~np.diagonal(bad, axis1=1, axis2=2)), strict=True):
            add(k, i, i, "the diagonal must be 1 (an item compared with itself)", a[k, i, i])
        iu = np.triu_indices(n, 1)
        upper, lower = a[:, iu[0], iu[1]], a[:, iu[1], iu[0]]
        ok = ~bad[:, iu[0], iu[1]] & ~bad[:, iu[1], iu[0]]
        nonrec = ok & (np.abs(upper * lower - 1) > tol)
        for k, p in zip(*np.nonzero(nonrec), strict=True):
            i, j = iu[0][p], iu[1][p]
            add(
                k,
                j,
                i,
                f"not the reciprocal of a[{labels[i]},{labels[j]}] = "
                f"{_fmt(upper[k, p])}; expected {_fmt(1 / upper[k, p])}",
                lower[k, p],
            )
        if scale == "saaty":
            snapped = nearest_saaty(np.where(ok, upper, 1.0))
            off = ok & (np.abs(upper / snapped - 1) > tol)
        else:
            snapped = np.where(ok, upper, 1.0)
            off = ok & ((upper < 1 / 9 * (1 - tol)) | (upper > 9 * (1 + tol)))
        for k, p in zip(*np.nonzero(off), strict=True):
            add(k, iu[0][p], iu[1][p], "not on Saaty's scale (1…9 or 1/2…1/9)", upper[k, p])
    if problems:
        problems.sort(key=lambda p: (p.row or 0, p.message))
        raise InputError(source, problems)
    if scale == "continuous":
        snapped = np.clip(snapped, 1 / 9, 9)
    return matrices_from_pairs(snapped, n)


def _fmt(value: float) -> str:
    if not np.isfinite(value):
        return str(value)
    for k in range(2, 10):
        if abs(value * k - 1) < 1e-9:
            return f"1/{k}"
    return f"{value:g}"


# ---------------------------------------------------------------------------------------------
# Inconsistent judgements


def inconsistent_judgments(
    matrix: np.ndarray,
    labels: Sequence[str] | None = None,
    *,
    method: PriorityMethod = "eigen",
    top: int | None = None,
    threshold: float = 0.10,
    ri_table: RandomIndexTable = "saaty",
) -> pd.DataFrame:
    """Rank the judgements of one matrix by how much they disagree with its priorities.

    For priorities *w*, Saaty's error of judgement (i, j) is

    .. math:: \\varepsilon_{ij} = a_{ij} \\, w_j / w_i ,

    which is 1 for every pair of a consistent matrix (and, with eigenvector priorities,
    :math:`\\sum_j \\varepsilon_{ij} = \\lambda_{max}`).  Pairs are ranked by
    :math:`|\\ln \\varepsilon_{ij}|` (symmetric in i, j; equivalent to ranking by
    :math:`\\max(\\varepsilon, 1/\\varepsilon)`).  The consistent value is
    :math:`w_i / w_j`; ``suggested`` is the nearest Saaty value and ``cr_if_revised``
    the CR after replacing this one judgement (and its reciprocal) by it.

    Parameters
    ----------
    matrix : array_like, shape (n, n)
    labels : sequence of str, optional
    method : {"eigen", "geometric"}
    top : int, optional
        Keep only the ``top`` worst pairs.
    threshold : float
        CR threshold used for ``cr_if_revised`` acceptability (column ``acceptable_if_revised``).

    Returns
    -------
    DataFrame
        Columns ``left, right, judgment, survey_code, epsilon, deviation`` (:math:`|\\varepsilon - 1|`),
        ``consistent_value, suggested, suggested_code, cr_if_revised, acceptable_if_revised``;
        worst first.

    References
    ----------
    Saaty (1980), §2.5 and Saaty (2003), Decision-making with the AHP: why is the principal
    eigenvector necessary, *EJOR* 145, 85–91 (the ε_ij rule for revising judgements).

    Examples
    --------
    In Saaty's (1990) "size of house" matrix (CR 0.117) no single judgement stands out;
    revising A–B from 6 to the consistent 4 gives the lowest CR:

    >>> import numpy as np
    >>> a = np.array([[1, 6, 8], [1 / 6, 1, 4], [1 / 8, 1 / 4, 1]])
    >>> t = inconsistent_judgments(a, ["A", "B", "C"])
    >>> t[["left", "right", "judgment", "suggested", "cr_if_revised"]].round(3).values.tolist()
    [['A', 'B', 6.0, 4.0, 0.046], ['A', 'C', 8.0, 9.0, 0.093], ['B', 'C', 4.0, 3.0, 0.063]]
    """
    a = _as_stack(matrix)
    if a.ndim != 2:
        raise ValueError("inconsistent_judgments takes one (n, n) matrix")
    n = a.shape[0]
    labels = list(labels) if labels is not None else [str(i + 1) for i in range(n)]
    w = priorities(a, method)
    pairs = pair_index(n)
    i_idx = np.array([p[0] for p in pairs])
    j_idx = np.array([p[1] for p in pairs])
    judg = a[i_idx, j_idx]
    eps = judg * w[j_idx] / w[i_idx]
    consistent = w[i_idx] / w[j_idx]
    suggested = nearest_saaty(consistent)
    revised = np.repeat(a[None], len(pairs), axis=0)
    k = np.arange(len(pairs))
    revised[k, i_idx, j_idx] = suggested
    revised[k, j_idx, i_idx] = 1 / suggested
    cr_rev = consistency(revised, threshold, ri_table)
    out = pd.DataFrame(
        {
            "left": [labels[i] for i in i_idx],
            "right": [labels[j] for j in j_idx],
            "judgment": judg,
            "survey_code": to_survey_code(judg),
            "epsilon": eps,
            "deviation": np.abs(eps - 1),
            "consistent_value": consistent,
            "suggested": suggested,
            "suggested_code": to_survey_code(suggested),
            "cr_if_revised": cr_rev.cr,
            "acceptable_if_revised": cr_rev.acceptable,
        }
    )
    order = np.argsort(-np.abs(np.log(eps)), kind="stable")
    out = out.iloc[order].reset_index(drop=True)
    return out if top is None else out.head(top)


# ---------------------------------------------------------------------------------------------
# Incomplete matrices


@dataclass(frozen=True)
class Completion:
    """An incomplete pairwise matrix completed by Harker's (1987) method.

    Attributes
    ----------
    matrix : ndarray, shape (n, n)
        Reciprocal matrix with every skipped judgement set to :math:`w_i / w_j`.
    priorities : ndarray, shape (n,)
        Harker's priorities (sum 1) — also the principal eigenvector of ``matrix``.
    missing : tuple of (i, j)
        Upper-triangle positions that were filled.

    Examples
    --------
    >>> import numpy as np
    >>> c = complete_harker(np.array([[1, 2, np.nan], [0.5, 1, 2], [np.nan, 0.5, 1]]))
    >>> c.missing, round(float(c.matrix[0, 2]), 12)
    (((0, 2),), 4.0)
    """

    matrix: np.ndarray
    priorities: np.ndarray
    missing: tuple[tuple[int, int], ...]


def complete_harker(matrix: np.ndarray) -> Completion:
    """Complete a pairwise matrix with skipped judgements (NaN) by Harker's eigenvector method.

    Harker (1987): put 0 in place of each missing :math:`a_{ij}` and add the number of
    missing entries of row *i*, :math:`m_i`, to the diagonal,

    .. math:: c_{ij} = a_{ij} \\text{ (known)}, \\quad c_{ij} = 0 \\text{ (missing)}, \\quad
              c_{ii} = 1 + m_i ,

    and take the principal eigenvector *w* of *C*.  Each missing judgement is then
    :math:`a_{ij} = w_i / w_j`; *w* is exactly the principal eigenvector of the completed
    matrix (so CR and priorities of the completed matrix are consistent with it).  The
    known comparisons must connect all items, otherwise the weights are not determined.
    Hand-written (a small eigenproblem, ``numpy.linalg.eig``); no maintained Python
    package implements it.

    Parameters
    ----------
    matrix : array_like, shape (n, n)
        Positive reciprocal entries, NaN where the judgement was skipped (either or both
        of ``a[i, j]``, ``a[j, i]``).

    Returns
    -------
    Completion

    References
    ----------
    Harker, P. T. (1987). Incomplete pairwise comparisons in the analytic hierarchy
    process. *Mathematical Modelling*, 9(11), 837–848.

    Examples
    --------
    A consistent 3 × 3 matrix (weights 4:2:1) with the A–C judgement skipped is completed
    to the consistent value 4:

    >>> a = np.array([[1, 2, np.nan], [0.5, 1, 2], [np.nan, 0.5, 1]])
    >>> c = complete_harker(a)
    >>> round(float(c.matrix[0, 2]), 12), np.round(c.priorities, 4).tolist()
    (4.0, [0.5714, 0.2857, 0.1429])
    """
    a = np.array(matrix, dtype=float)
    if a.ndim != 2 or a.shape[0] != a.shape[1]:
        raise ValueError(f"expected one square matrix; got shape {a.shape}")
    n = a.shape[0]
    miss = ~np.isfinite(a) | ~np.isfinite(a.T)
    np.fill_diagonal(miss, False)
    known = ~miss
    if np.any(a[known] <= 0):
        raise ValueError("pairwise judgements must be positive")
    # connectivity of the comparison graph (breadth-first from item 0)
    seen = np.zeros(n, dtype=bool)
    seen[0] = True
    frontier = [0]
    while frontier:
        nxt = np.flatnonzero(known[frontier].any(axis=0) & ~seen)
        seen[nxt] = True
        frontier = list(nxt)
    if not seen.all():
        raise ValueError(
            "the answered comparisons do not connect all items, so the weights of "
            f"{int((~seen).sum())} item(s) cannot be determined"
        )
    iu = np.triu_indices(n, 1)
    missing = tuple((int(i), int(j)) for i, j in zip(*iu, strict=True) if miss[i, j])
    if not missing:
        w, _ = _perron(_as_stack(a)[None])
        return Completion(a, w[0], ())
    c = np.where(miss, 0.0, a)
    c[np.diag_indices(n)] = 1.0 + miss.sum(axis=1)
    values, vectors = np.linalg.eig(c)
    k = int(np.argmax(values.real))
    w = np.abs(vectors[:, k].real)
    w = w / w.sum()
    out = np.where(miss, w[:, None] / w[None, :], a)
    out[np.diag_indices(n)] = 1.0
    return Completion(out, w, missing)


# ---------------------------------------------------------------------------------------------
# Group aggregation


def aggregate_judgments(matrices: np.ndarray, weights: np.ndarray | None = None) -> np.ndarray:
    """AIJ: element-wise (weighted) geometric mean of the experts' matrices.

    :math:`\\bar a_{ij} = \\prod_k a_{ij,k}^{\\lambda_k}` with :math:`\\sum \\lambda_k = 1`
    (Forman & Peniwati 1998); the result is again reciprocal.

    Parameters
    ----------
    matrices : array_like, shape (m, n, n)
    weights : array_like, shape (m,), optional
        Expert weights (default equal).

    Examples
    --------
    Two experts judge A over B 6 and 4 times as important: the group judgement is their
    geometric mean √24 ≈ 4.899.

    >>> import numpy as np
    >>> m = np.array([[[1, 6, 8], [1 / 6, 1, 4], [1 / 8, 1 / 4, 1]],
    ...               [[1, 4, 6], [1 / 4, 1, 2], [1 / 6, 1 / 2, 1]]])
    >>> aggregate_judgments(m).round(3).tolist()
    [[1.0, 4.899, 6.928], [0.204, 1.0, 2.828], [0.144, 0.354, 1.0]]
    """
    a = _as_stack(matrices)
    lam = _expert_weights(weights, a.shape[0])
    return np.exp(np.einsum("k,kij->ij", lam, np.log(a)))


def aggregate_priorities(prios: np.ndarray, weights: np.ndarray | None = None) -> np.ndarray:
    """AIP: normalised (weighted) geometric mean of the experts' priority vectors.

    :math:`\\bar w_i \\propto \\prod_k w_{i,k}^{\\lambda_k}` (Forman & Peniwati 1998).

    Examples
    --------
    >>> import numpy as np
    >>> p = np.array([[0.754, 0.181, 0.065], [0.701, 0.193, 0.106]])
    >>> aggregate_priorities(p).round(3).tolist()
    [0.729, 0.187, 0.083]
    """
    p = np.asarray(prios, dtype=float)
    if p.ndim != 2 or np.any(p <= 0):
        raise ValueError("priorities must be a positive (experts × items) array")
    lam = _expert_weights(weights, p.shape[0])
    g = np.exp(lam @ np.log(p))
    return g / g.sum()


def _expert_weights(weights: np.ndarray | None, m: int) -> np.ndarray:
    if m == 0:
        raise ValueError("no experts to aggregate")
    if weights is None:
        return np.full(m, 1.0 / m)
    lam = np.asarray(weights, dtype=float)
    if lam.shape != (m,) or np.any(lam < 0) or lam.sum() <= 0:
        raise ValueError(f"expert weights must be {m} non-negative numbers with a positive sum")
    return lam / lam.sum()


@dataclass(frozen=True)
class GroupJudgments:
    """The experts' pairwise matrices for one sibling group.

    Attributes
    ----------
    group : str or None
        Parent id (``None`` for the first-level group).
    labels : tuple of str
        Child ids, in matrix order.
    experts : tuple of str
    matrices : ndarray, shape (m, n, n)
        Validated reciprocal matrices.
    source : str or None
        File they were read from.
    rows : tuple of int or None
        Spreadsheet row of each expert (survey mode).
    filled : tuple of (expert, pair, value)
        Judgements the expert skipped that were completed by :func:`complete_harker`
        (``value`` is ``a[left, right]``); empty when the survey was complete.

    Examples
    --------
    >>> import numpy as np
    >>> g = GroupJudgments(None, ("A", "B"), ("E1", "E2"), np.array([[[1, 3], [1 / 3, 1]]] * 2))
    >>> g.name, g.matrices.shape
    ('(top)', (2, 2, 2))
    """

    group: str | None
    labels: tuple[str, ...]
    experts: tuple[str, ...]
    matrices: np.ndarray = field(repr=False)
    source: str | None = None
    rows: tuple[int, ...] | None = None
    filled: tuple[tuple[str, str, float], ...] = ()

    @property
    def name(self) -> str:
        return TOP if self.group is None else self.group


@dataclass(frozen=True)
class GroupResult:
    """AHP result for one sibling group.

    Attributes
    ----------
    group : str or None
    labels : tuple of str
    experts : tuple of str
        All experts who answered.
    expert_priorities : DataFrame
        Experts × labels.
    expert_consistency : DataFrame
        One row per expert: ``lambda_max, ci, ri, cr, acceptable, included``.
    excluded : tuple of str
        Experts left out of the aggregate (CR above the threshold), if exclusion was asked for.
    aggregate_matrix : ndarray
        AIJ matrix of the included experts (reported for both aggregation methods).
    aggregate_consistency : Consistency
        Consistency of ``aggregate_matrix``.
    weights : Series
        Aggregated local weights (sum 1), indexed by label.
    method, aggregation : str
    matrices : ndarray, shape (m, n, n)
        The experts' matrices (all, including excluded ones).

    Examples
    --------
    >>> import numpy as np
    >>> m = np.array([[[1, 6, 8], [1 / 6, 1, 4], [1 / 8, 1 / 4, 1]],
    ...               [[1, 4, 6], [1 / 4, 1, 2], [1 / 6, 1 / 2, 1]]])
    >>> r = analyse_group(GroupJudgments(None, ("A", "B", "C"), ("E1", "E2"), m))
    >>> r.weights.round(3).tolist(), r.expert_consistency["cr"].round(3).tolist()
    ([0.729, 0.187, 0.084], [0.117, 0.008])
    """

    group: str | None
    labels: tuple[str, ...]
    experts: tuple[str, ...]
    expert_priorities: pd.DataFrame
    expert_consistency: pd.DataFrame
    excluded: tuple[str, ...]
    aggregate_matrix: np.ndarray = field(repr=False)
    aggregate_consistency: Consistency
    weights: pd.Series
    method: str
    aggregation: str
    matrices: np.ndarray = field(repr=False)


def analyse_group(
    judgments: GroupJudgments,
    *,
    method: PriorityMethod = "eigen",
    aggregation: Aggregation = "AIJ",
    cr_threshold: float = 0.10,
    exclude_inconsistent: bool = False,
    ri_table: RandomIndexTable = "saaty",
) -> GroupResult:
    """Per-expert priorities and CR for one group, and the group aggregate.

    Parameters
    ----------
    judgments : GroupJudgments
    method : {"eigen", "geometric"}
        Priority method for experts and aggregate.
    aggregation : {"AIJ", "AIP"}
        Aggregate individual judgements (geometric mean of matrices, then priorities) or
        individual priorities (geometric mean of priority vectors).
    cr_threshold : float
        Saaty's 0.10 rule.
    exclude_inconsistent : bool
        Leave experts with CR > ``cr_threshold`` out of the aggregate (they are listed in
        ``excluded``).  Raises ``ValueError`` if that would leave nobody.
    ri_table : {"saaty", "alonso_lamata", "simulated"}
        Random-index table for CR (:mod:`cslib.stats.random_index`).

    Examples
    --------
    Expert E1 has CR 0.117 > 0.10; left out, the group weights are E2's alone:

    >>> import numpy as np
    >>> m = np.array([[[1, 6, 8], [1 / 6, 1, 4], [1 / 8, 1 / 4, 1]],
    ...               [[1, 4, 6], [1 / 4, 1, 2], [1 / 6, 1 / 2, 1]]])
    >>> g = GroupJudgments(None, ("A", "B", "C"), ("E1", "E2"), m)
    >>> r = analyse_group(g)
    >>> r.weights.round(3).tolist(), round(float(r.aggregate_consistency.cr), 3)
    ([0.729, 0.187, 0.084], 0.046)
    >>> r = analyse_group(g, exclude_inconsistent=True)
    >>> r.excluded, r.weights.round(3).tolist()
    (('E1',), [0.701, 0.193, 0.106])
    """
    if aggregation not in ("AIJ", "AIP"):
        raise ValueError(f"aggregation must be 'AIJ' or 'AIP', not {aggregation!r}")
    w, cons = evaluate(judgments.matrices, method, cr_threshold, ri_table)
    included = np.ones(len(judgments.experts), dtype=bool)
    if exclude_inconsistent:
        included = np.asarray(cons.acceptable, dtype=bool).copy()
        if not included.any():
            raise ValueError(
                f"group {judgments.name}: every expert has CR > {cr_threshold}; nothing to "
                "aggregate (lower the bar or re-ask the judgements)"
            )
    table = pd.DataFrame(
        {
            "expert": list(judgments.experts),
            "group": judgments.name,
            "n": cons.n,
            "lambda_max": cons.lambda_max,
            "ci": cons.ci,
            "ri": cons.ri,
            "cr": cons.cr,
            "acceptable": cons.acceptable,
            "included": included,
        }
    )
    agg = aggregate_judgments(judgments.matrices[included])
    agg_w, agg_cons = evaluate(agg, method, cr_threshold, ri_table)
    if aggregation == "AIP":
        agg_w = aggregate_priorities(w[included])
    return GroupResult(
        group=judgments.group,
        labels=judgments.labels,
        experts=judgments.experts,
        expert_priorities=pd.DataFrame(
            w, index=pd.Index(judgments.experts, name="expert"), columns=list(judgments.labels)
        ),
        expert_consistency=table,
        excluded=tuple(e for e, ok in zip(judgments.experts, included, strict=True) if not ok),
        aggregate_matrix=agg,
        aggregate_consistency=agg_cons,
        weights=pd.Series(agg_w, index=list(judgments.labels), name="weight"),
        method=method,
        aggregation=aggregation,
        matrices=judgments.matrices,
    )


# ---------------------------------------------------------------------------------------------
# Comparison with another weight table and sensitivity


@dataclass(frozen=True)
class WeightComparison:
    """Side-by-side comparison of two sets of combined weights.

    Attributes
    ----------
    table : DataFrame
        Indexed by indicator id: both weights (each normalised to sum 1), ``difference``
        (first − second), both ranks (1 = largest).
    spearman, spearman_p : float
        Spearman's ρ of the two weight vectors (``scipy.stats.spearmanr``).
    kendall, kendall_p : float
        Kendall's τ-b (``scipy.stats.kendalltau``).
    largest : DataFrame
        The rows of ``table`` with the largest absolute differences.
    names : tuple of str

    Examples
    --------
    >>> import pandas as pd
    >>> c = compare_weights(pd.Series({"A": 0.5, "B": 0.3, "C": 0.2}),
    ...                     pd.Series({"A": 0.35, "B": 0.35, "C": 0.3}), names=("AHP", "Delphi"),
    ...                     largest=2)
    >>> c.largest.index.tolist(), c.largest["difference"].round(3).tolist(), c.names
    (['A', 'C'], [0.15, -0.1], ('AHP', 'Delphi'))
    """

    table: pd.DataFrame
    spearman: float
    spearman_p: float
    kendall: float
    kendall_p: float
    largest: pd.DataFrame
    names: tuple[str, str]


def compare_weights(
    first: pd.Series,
    second: pd.Series,
    *,
    names: tuple[str, str] = ("AHP", "other"),
    largest: int = 3,
) -> WeightComparison:
    """Compare two weight tables indexed by indicator id (e.g. AHP vs Delphi weights).

    Both are normalised to sum 1 (so a percentage table compares directly); the index sets
    must be equal.  Rank agreement by Spearman's ρ and Kendall's τ-b (scipy).

    Examples
    --------
    A percentage table compares directly with fractions (both are normalised):

    >>> import pandas as pd
    >>> c = compare_weights(pd.Series({"A": 0.5, "B": 0.3, "C": 0.2}),
    ...                     pd.Series({"A": 40, "B": 40, "C": 20}), names=("AHP", "Delphi"))
    >>> c.table["difference"].round(3).tolist(), c.table["rank_Delphi"].tolist()
    ([0.1, -0.1, 0.0], [1, 1, 3])
    >>> round(c.spearman, 3), round(c.kendall, 3)
    (0.866, 0.816)
    """
    a = pd.Series(first, dtype=float)
    b = pd.Series(second, dtype=float)
    if set(a.index) != set(b.index):
        only_a = sorted(set(a.index) - set(b.index))
        only_b = sorted(set(b.index) - set(a.index))
        raise ValueError(
            f"the weight tables cover different indicators: only in {names[0]}: "
            f"{only_a}; only in {names[1]}: {only_b}"
        )
    b = b.loc[a.index]
    if (a < 0).any() or (b < 0).any() or a.sum() <= 0 or b.sum() <= 0:
        raise ValueError("weights must be non-negative with a positive sum")
    a, b = a / a.sum(), b / b.sum()
    table = pd.DataFrame(
        {
            names[0]: a,
            names[1]: b,
            "difference": a - b,
            f"rank_{names[0]}": a.rank(ascending=False, method="min").astype(int),
            f"rank_{names[1]}": b.rank(ascending=False, method="min").astype(int),
        }
    )
    sp = stats.spearmanr(a.to_numpy(), b.to_numpy())
    kt = stats.kendalltau(a.to_numpy(), b.to_numpy())
    order = np.argsort(-table["difference"].abs().to_numpy(), kind="stable")
    return WeightComparison(
        table,
        float(sp.statistic),
        float(sp.pvalue),
        float(kt.statistic),
        float(kt.pvalue),
        table.iloc[order[:largest]],
        names,
    )
