"""Random consistency indices for AHP matrices of any size, and the Alonso–Lamata criterion.

Saaty's consistency ratio CR = CI/RI(n) needs the mean consistency index RI(n) of random
reciprocal matrices.  Saaty's printed table stops at n = 15, so a 19-indicator group had no
CR.  Three declared sources are offered (the report names the one used):

``"saaty"``
    Saaty (1980) as reprinted in most papers, n ≤ 15 (see :data:`cslib.stats.ahp.RANDOM_INDEX`).
``"alonso_lamata"``
    Alonso & Lamata (2006) fitted the mean principal eigenvalue of random matrices
    (entries drawn uniformly from the 17 Saaty values 1/9 … 9) by the straight line
    :math:`\\bar\\lambda_{max}(n) = 2.7699\\,n - 4.3513`, so
    :math:`RI(n) = (1.7699\\,n - 4.3513)/(n - 1)` for every n ≥ 3.  With this RI, "CR ≤ α"
    is exactly their acceptance rule :math:`\\lambda_{max} \\le n + \\alpha\\,(1.7699\\,n -
    4.3513)` (:func:`alonso_lamata_threshold`).
``"simulated"``
    Our own Monte-Carlo estimate with the same random-matrix model (upper-triangle
    entries i.i.d. uniform on the 17 Saaty values, reciprocal below, λmax by the
    principal eigenvalue), ``numpy.random.default_rng(seed)``, ``n_matrices`` matrices
    (default 20 000 and seed 20061), so the value is reproducible and the report can
    state the seed and sample size (:func:`simulate_random_index`).

The three agree closely where they overlap (within 0.03 for n = 4…15 apart from the dip
in Saaty's printed value at n = 12; tested).  They differ most at n = 3: Saaty 0.58, our
simulation 0.52, Alonso & Lamata's straight line 0.48 — a 3 × 3 matrix with CI = 0.05 has
CR 0.086, 0.096 or 0.104 depending on the table, which is why the report names it.  The
simulation reproduces Alonso & Lamata's line for n = 4…20 (tested), an independent check of
their published coefficients.  Written here because
no maintained Python package provides these tables.

References
----------
Saaty, T. L. (1980). *The Analytic Hierarchy Process*. McGraw-Hill.
Alonso, J. A., & Lamata, M. T. (2006). Consistency in the analytic hierarchy process: a
new approach. *International Journal of Uncertainty, Fuzziness and Knowledge-Based
Systems*, 14(4), 445–459.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

import numpy as np

from cslib.core.errors import InputError

RandomIndexTable = Literal["saaty", "alonso_lamata", "simulated"]
RANDOM_INDEX_TABLES: tuple[str, ...] = ("saaty", "alonso_lamata", "simulated")

#: Saaty's random index RI(n), n = 1…15 (Saaty 1980; the printed table incl. the dip at 12).
SAATY_RI = {
    1: 0.0, 2: 0.0, 3: 0.58, 4: 0.90, 5: 1.12, 6: 1.24, 7: 1.32, 8: 1.41, 9: 1.45,
    10: 1.49, 11: 1.51, 12: 1.48, 13: 1.56, 14: 1.57, 15: 1.59,
}  # fmt: skip

#: Alonso & Lamata (2006): mean random λmax ≈ SLOPE·n − INTERCEPT.
AL_SLOPE = 2.7699
AL_INTERCEPT = 4.3513

SIM_SEED = 20061
SIM_MATRICES = 20_000

_SAATY_VALUES = np.array([1 / k for k in range(9, 1, -1)] + [float(k) for k in range(1, 10)])


def alonso_lamata_ri(n: int) -> float:
    """Random index implied by Alonso & Lamata's fit: :math:`(1.7699 n - 4.3513)/(n - 1)`.

    Examples
    --------
    >>> round(alonso_lamata_ri(3), 4), round(alonso_lamata_ri(19), 4)
    (0.4792, 1.6265)
    """
    _check_n(n)
    if n <= 2:
        return 0.0
    return ((AL_SLOPE - 1.0) * n - AL_INTERCEPT) / (n - 1)


def alonso_lamata_threshold(n: int, alpha: float = 0.10) -> float:
    """Largest acceptable λmax: :math:`n + \\alpha (1.7699 n - 4.3513)` (Alonso & Lamata 2006).

    Examples
    --------
    >>> round(alonso_lamata_threshold(3), 4), round(alonso_lamata_threshold(4), 4)
    (3.0958, 4.2728)
    """
    _check_n(n)
    if n <= 2:
        return float(n)
    return n + alpha * ((AL_SLOPE - 1.0) * n - AL_INTERCEPT)


def _check_n(n: int) -> None:
    if not isinstance(n, int | np.integer) or n < 1:
        raise InputError.single(None, "expected a matrix size n ≥ 1", column="n", found=n)


def _lambda_max(a: np.ndarray) -> np.ndarray:
    """Principal eigenvalue of a stack of positive matrices (``numpy.linalg.eigvals``)."""
    return np.linalg.eigvals(a).real.max(axis=-1)


@lru_cache(maxsize=64)
def simulate_random_index(n: int, n_matrices: int = SIM_MATRICES, seed: int = SIM_SEED) -> float:
    """Monte-Carlo RI(n): mean CI of ``n_matrices`` random reciprocal Saaty-scale matrices.

    Upper-triangle entries are drawn independently and uniformly from the 17 values
    1/9 … 1 … 9 with ``numpy.random.default_rng(seed)``; the lower triangle holds the
    reciprocals; :math:`CI = (\\lambda_{max} - n)/(n - 1)`.  The standard error of the
    mean at the default size is below 0.002 for n ≤ 30.  Cached per (n, size, seed).

    Examples
    --------
    >>> abs(simulate_random_index(5, 4000) - 1.12) < 0.03
    True
    """
    _check_n(n)
    if n <= 2:
        return 0.0
    rng = np.random.default_rng(seed)
    iu = np.triu_indices(n, 1)
    total = 0.0
    done = 0
    chunk = max(1, min(n_matrices, 200_000 // (n * n)))
    while done < n_matrices:
        m = min(chunk, n_matrices - done)
        a = np.ones((m, n, n))
        draws = _SAATY_VALUES[rng.integers(0, 17, size=(m, len(iu[0])))]
        a[:, iu[0], iu[1]] = draws
        a[:, iu[1], iu[0]] = 1.0 / draws
        total += float(((_lambda_max(a) - n) / (n - 1)).sum())
        done += m
    return total / n_matrices


def random_index(n: int, table: RandomIndexTable = "saaty") -> float:
    """RI(n) from the declared ``table`` (see the module docstring).

    Raises :class:`InputError` for ``"saaty"`` above n = 15 (Saaty's table ends there —
    choose ``"alonso_lamata"`` or ``"simulated"``) and for unknown tables.

    Examples
    --------
    >>> random_index(5), round(random_index(19, "alonso_lamata"), 4)
    (1.12, 1.6265)
    """
    _check_n(n)
    if table == "saaty":
        if n not in SAATY_RI:
            raise InputError.single(
                None,
                f"Saaty's random index is tabulated for n = 1..15, not n = {n}; choose "
                "random_index_table = 'alonso_lamata' or 'simulated'",
                column="random_index_table",
                found=table,
            )
        return SAATY_RI[n]
    if table == "alonso_lamata":
        return alonso_lamata_ri(n)
    if table == "simulated":
        return simulate_random_index(n)
    raise InputError.single(
        None,
        f"expected one of {list(RANDOM_INDEX_TABLES)}",
        column="random_index_table",
        found=table,
    )
