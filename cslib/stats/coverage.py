r"""Choosing courses that cover the most weighted gap: an exact weighted maximum-coverage
problem under a course-count and a minutes budget.

A unit (an agent or a team) has a weighted gap :math:`g_i \ge 0` on each indicator *i* (negative
gaps, i.e. scores above target, count as 0).  Course *c* targets the indicators :math:`T_c` and
takes :math:`d_c` minutes.  With :math:`x_c \in \{0, 1\}` (course chosen) and coverage levels
:math:`y_{im} \in [0, 1]` (the *m*-th chosen course on indicator *i*), the choice solves

.. math::

    \max_{x, y}\; \sum_i g_i \sum_{m=1}^{M_i} \delta^{m-1} y_{im}
    \quad\text{s.t.}\quad
    \sum_m y_{im} \le \sum_{c:\, i \in T_c} x_c,\;
    \sum_c x_c \le k,\; \sum_c d_c x_c \le D

where :math:`\delta \in [0, 1]` (``repeat_value``) is what a second course on an already
covered indicator is worth relative to the first, a third :math:`\delta^2`, and so on.  With
:math:`\delta = 0` (the default) each indicator's gap is counted once: the objective is the
weighted gap of the indicators the chosen courses reach (weighted maximum coverage,
Nemhauser, Wolsey & Fisher 1978; Khuller, Moss & Naor 1999 with a budget).  Because
:math:`\delta^{m-1}` falls with *m*, the levels fill in order and the optimum is integral.

The problem is solved exactly by :func:`scipy.optimize.milp` (HiGHS branch and bound) — the
greedy rule "best course for each of the top gaps in turn" is not optimal: it can pick a course
that adds nothing to what an earlier pick already covers.

**Ties** (several selections cover the same weighted gap, to a relative 1e-9) are broken by a
declared rule, solved exactly in further integer programmes over the optimal selections:

1. the fewest *avoided* courses (``avoid``: e.g. classroom courses that do not fit the rosters,
   or courses without evidence of effect) — an avoided course enters only when no selection
   without it covers as much;
2. then the fewest minutes (rounded to whole minutes);
3. then the fewest courses;
4. then the selection that comes first in ``order`` (catalogue order by default), compared
   lexicographically: the one containing the earliest course, then the next earliest, …

The result is therefore a function of the inputs alone, not of the solver's search order.

References
----------
Nemhauser, G. L., Wolsey, L. A. & Fisher, M. L. (1978). An analysis of approximations for
maximizing submodular set functions — I. *Mathematical Programming* 14, 265–294.
Khuller, S., Moss, A. & Naor, J. (1999). The budgeted maximum coverage problem. *Information
Processing Letters* 70(1), 39–45.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike
from scipy import optimize, sparse

from cslib.core.errors import InputError

_REL_TOL = 1e-9
#: Up to this many candidate courses the last tie-break is one integer programme with weights
#: 2^r; above it, one feasibility check per course in preference order.
_EXACT_BITS = 16
#: Largest integer tie-break cost solved in one programme (rules 1–4 together): far below
#: 1 / HiGHS's feasibility tolerance (1e-6), so a unit of cost is never lost to rounding.
_MAX_EXACT_COST = 2.0**18
_FORCE: str | None = None  # tests: "separate" or "walk" to check every tie-break path agrees


@dataclass(frozen=True)
class CoverageChoice:
    """The courses chosen for one unit and what they cover.

    Attributes
    ----------
    selected : tuple of int
        Positions of the chosen courses (ascending).
    covered : float
        The objective at the optimum: weighted gap covered (with ``repeat_value`` credit for
        repeated coverage, when given).
    total_gap : float
        :math:`\\sum_i \\max(g_i, 0)`, the weighted gap there is to cover.
    minutes : float
        Total minutes of the chosen courses.
    reason : str
        Why nothing is chosen (empty otherwise): no positive gap, or no course reaches one
        within the limits.

    Examples
    --------
    >>> c = max_coverage([3.0, 2.0, 2.0], [[1, 1, 0], [1, 0, 0], [0, 0, 1]], max_courses=2)
    >>> c.selected, c.covered, c.share
    ((0, 2), 7.0, 1.0)
    """

    selected: tuple[int, ...]
    covered: float
    total_gap: float
    minutes: float
    reason: str = ""

    @property
    def share(self) -> float:
        """Share of the positive weighted gap covered (``covered / total_gap``; 0 when there
        is no gap).  With ``repeat_value`` > 0 it can exceed 1."""
        return self.covered / self.total_gap if self.total_gap > 0 else 0.0


def _vector(name: str, value: ArrayLike, n: int, *, bool_: bool = False) -> np.ndarray:
    arr = np.asarray(value, dtype=bool if bool_ else float)
    if arr.shape != (n,):
        raise InputError.single(
            None, f"{n} values, one per course", column=name, found=f"shape {arr.shape}"
        )
    if not bool_ and (not np.isfinite(arr).all() or (arr < 0).any()):
        raise InputError.single(None, "finite values ≥ 0", column=name, found=arr.tolist())
    return arr


def max_coverage(
    gaps: ArrayLike,
    targets: ArrayLike,
    *,
    max_courses: int | None = None,
    durations: ArrayLike | None = None,
    max_minutes: float | None = None,
    repeat_value: float = 0.0,
    avoid: ArrayLike | None = None,
    order: Sequence[int] | None = None,
) -> CoverageChoice:
    r"""Courses that cover the most weighted gap within the limits, solved exactly.

    Parameters
    ----------
    gaps : array_like, shape (n_indicators,)
        Weighted gaps :math:`g_i`; values ≤ 0 count as 0.
    targets : array_like of bool, shape (n_courses, n_indicators)
        ``targets[c, i]`` is true when course *c* targets indicator *i* (and counts for it).
    max_courses : int, optional
        At most this many courses (*k*); no limit when omitted.
    durations : array_like, shape (n_courses,), optional
        Minutes of each course (needed for ``max_minutes`` and the minutes tie-break).
    max_minutes : float, optional
        At most this many minutes in total (*D*).
    repeat_value : float in [0, 1]
        Credit :math:`\delta` for each further course on an already covered indicator (0: each
        indicator's gap counted once).
    avoid : array_like of bool, shape (n_courses,), optional
        Courses chosen only when nothing without them covers as much (tie-break rule 1).
    order : sequence of int, optional
        Preference order of the courses for the last tie-break (default: their positions).

    Returns
    -------
    CoverageChoice

    Notes
    -----
    The objective, the constraints and the tie-break rule are in the module docstring.  Up to
    Two small integer programmes are solved: the optimum, then the tie-break rules 1–4 as one
    integer cost over the optimal selections.  When that cost would be too large to be exact
    (many courses, minutes without a common divisor), rules 1–3 and rule 4 are solved one after
    the other, and with more than 16 candidate courses rule 4 takes one feasibility check per
    course in preference order.

    Examples
    --------
    Course 0 covers the two largest gaps; the greedy rule "best course for the largest gap,
    then for the next" would pick course 0 and then course 1, which adds nothing:

    >>> gaps = [3.0, 2.5, 2.0]
    >>> targets = [[1, 1, 0], [0, 1, 0], [0, 0, 1]]
    >>> max_coverage(gaps, targets, max_courses=2).selected
    (0, 2)
    >>> max_coverage(gaps, targets, max_courses=2, durations=[120, 60, 60], max_minutes=150)
    CoverageChoice(selected=(0,), covered=5.5, total_gap=7.5, minutes=120.0, reason='')
    """
    g = np.asarray(gaps, dtype=float)
    if g.ndim != 1 or not np.isfinite(g).all():
        raise InputError.single(None, "finite weighted gaps, one per indicator", column="gaps")
    t = np.asarray(targets)
    if t.ndim != 2 or t.shape[1] != g.size:
        raise InputError.single(
            None,
            f"a courses × {g.size} indicators matrix",
            column="targets",
            found=f"shape {t.shape}",
        )
    t = t.astype(bool)
    n_c = t.shape[0]
    d = np.zeros(n_c) if durations is None else _vector("durations", durations, n_c)
    if max_minutes is not None and durations is None:
        raise InputError.single(
            None, "durations when max_minutes is given", column="durations", found="none"
        )
    if max_courses is not None and (int(max_courses) != max_courses or max_courses < 0):
        raise InputError.single(None, "a whole number ≥ 0", column="max_courses", found=max_courses)
    if max_minutes is not None and not (np.isfinite(max_minutes) and max_minutes >= 0):
        raise InputError.single(None, "minutes ≥ 0", column="max_minutes", found=max_minutes)
    if not 0.0 <= repeat_value <= 1.0:
        raise InputError.single(
            None, "a value in [0, 1]", column="repeat_value", found=repeat_value
        )
    av = np.zeros(n_c, bool) if avoid is None else _vector("avoid", avoid, n_c, bool_=True)
    pref = list(range(n_c)) if order is None else [int(c) for c in order]
    if sorted(pref) != list(range(n_c)):
        raise InputError.single(
            None, f"a permutation of 0…{n_c - 1}", column="order", found=list(order or [])
        )

    gp = np.clip(g, 0.0, None)
    total = float(gp.sum())
    live = np.flatnonzero(gp > 0)
    if live.size == 0:
        return CoverageChoice((), 0.0, total, 0.0, "no positive gap")
    # candidate courses: those reaching a positive gap (any other course only adds cost)
    cand = np.flatnonzero(t[:, live].any(axis=1))
    if cand.size == 0:
        return CoverageChoice((), 0.0, total, 0.0, "no course targets an indicator with a gap")

    # variables: x (one per candidate course), then y_{i,m} (levels per live indicator)
    levels = []  # (indicator position in live, level m, objective weight)
    for j, i in enumerate(live):
        m_i = int(t[cand, i].sum()) if repeat_value > 0 else 1
        for m in range(m_i):
            w = gp[i] * repeat_value**m
            if m == 0 or w > 0:
                levels.append((j, m, w))
    n_x, n_y = cand.size, len(levels)
    value = np.concatenate([np.zeros(n_x), [w for _, _, w in levels]])

    rows: list[np.ndarray] = []
    lo: list[float] = []
    hi: list[float] = []
    # coverage: sum_m y_im - sum_{c covers i} x_c <= 0
    cover = np.zeros((live.size, n_x + n_y))
    cover[:, :n_x] = -t[np.ix_(cand, live)].T.astype(float)
    for k, (j, _, _) in enumerate(levels):
        cover[j, n_x + k] = 1.0
    rows.append(cover)
    lo += [-np.inf] * live.size
    hi += [0.0] * live.size
    if max_courses is not None:
        rows.append(np.concatenate([np.ones(n_x), np.zeros(n_y)])[None, :])
        lo.append(-np.inf)
        hi.append(float(max_courses))
    if max_minutes is not None:
        rows.append(np.concatenate([d[cand], np.zeros(n_y)])[None, :])
        lo.append(-np.inf)
        hi.append(float(max_minutes) + 1e-9)
    integrality = np.concatenate([np.ones(n_x), np.zeros(n_y)])
    bounds = optimize.Bounds(np.zeros(n_x + n_y), np.ones(n_x + n_y))
    opts = {"mip_rel_gap": 0.0}

    def solve(cost: np.ndarray, extra: list[tuple[np.ndarray, float, float]]):
        a = np.vstack(rows + [r[None, :] for r, _, _ in extra])
        cons = optimize.LinearConstraint(
            sparse.csr_array(a), lo + [x for _, x, _ in extra], hi + [x for _, _, x in extra]
        )
        return optimize.milp(
            cost, constraints=cons, integrality=integrality, bounds=bounds, options=opts
        )

    best = solve(-value, [])
    if not best.success:  # pragma: no cover - the empty selection is always feasible
        raise RuntimeError(f"coverage MILP failed: {best.message}")
    optimum = float(value @ best.x)
    if optimum <= _REL_TOL * total:
        return CoverageChoice(
            (), 0.0, total, 0.0, "no course reaches an indicator with a gap within the limits"
        )
    keep = [(value, optimum - _REL_TOL * max(1.0, optimum), np.inf)]
    # tie-breaks 1–3 as one integer cost, lexicographic through its weights:
    # avoided courses ≫ minutes ≫ number of courses (integers: whole minutes divided by
    # their greatest common divisor, so the cost stays small)
    dm = np.round(d[cand])
    unit_min = np.gcd.reduce(dm.astype(np.int64)) if dm.any() else 1
    dm = dm / max(int(unit_min), 1)
    minute_w = float(n_x + 1)
    avoid_w = minute_w * (float(dm.sum()) + 1.0) + n_x + 1.0
    tie_x = av[cand] * avoid_w + dm * minute_w + 1.0
    tie = np.concatenate([tie_x, np.zeros(n_y)])
    # tie-break 4 (preference order, lexicographic on the sorted ranks; all tied optima have
    # the same number of courses after rule 3): weights 2^(n_x-1-r) for the course of rank r
    rank = {c: r for r, c in enumerate(pref)}
    by_pref = sorted(range(n_x), key=lambda j: rank[int(cand[j])])
    lex = np.zeros(n_x + n_y)
    for r, j in enumerate(by_pref):
        lex[j] = -(2.0 ** (n_x - 1 - r))
    bits = 2.0**n_x
    if (float(tie_x.sum()) + 1.0) * bits <= _MAX_EXACT_COST and _FORCE is None:
        # rules 1–4 in one integer cost: a unit of rules 1–3 outweighs all of rule 4
        merged = solve(tie * bits + lex, keep)
        x = merged.x if merged.success else best.x
        fixed_in: list[int] = [int(j) for j in np.flatnonzero(np.round(x[:n_x]))]
    else:
        second = solve(tie, keep)
        x = second.x if second.success else best.x
        keep.append((tie, -np.inf, float(tie @ x) + 0.5))
        chosen = np.round(x[:n_x]).astype(bool)
        if n_x <= _EXACT_BITS and _FORCE != "walk":
            third = solve(lex, keep)
            xs = third.x if third.success else x
            fixed_in = [int(j) for j in np.flatnonzero(np.round(xs[:n_x]))]
        else:
            # walk the preference order, fixing each course in if some tied optimum has it
            # (the current witness `chosen` is such an optimum when it contains the course)
            n_target = int(chosen.sum())
            fixed_in = []
            fixed_out: list[int] = []
            for j in by_pref:
                if len(fixed_in) == n_target:
                    break
                if not chosen[j]:
                    trial = solve(
                        tie,
                        keep
                        + [(_unit(n_x + n_y, i), 1.0, 1.0) for i in [*fixed_in, j]]
                        + [(_unit(n_x + n_y, i), 0.0, 0.0) for i in fixed_out],
                    )
                    if not trial.success:
                        fixed_out.append(j)
                        continue
                    chosen = np.round(trial.x[:n_x]).astype(bool)
                fixed_in.append(j)
    sel = tuple(sorted(int(cand[j]) for j in fixed_in))
    covered = _objective(gp, t, sel, repeat_value)
    return CoverageChoice(sel, covered, total, float(d[list(sel)].sum()))


def _unit(n: int, j: int) -> np.ndarray:
    e = np.zeros(n)
    e[j] = 1.0
    return e


def _objective(gp: np.ndarray, t: np.ndarray, selected: Sequence[int], delta: float) -> float:
    """The coverage objective of a given selection, evaluated directly."""
    hits = t[list(selected)].sum(axis=0) if len(selected) else np.zeros(gp.size)
    credit = np.array([sum(delta**m for m in range(int(h))) for h in hits])  # 0**0 == 1
    return float(gp @ credit)


def coverage_value(
    gaps: ArrayLike, targets: ArrayLike, selected: Sequence[int], *, repeat_value: float = 0.0
) -> float:
    r"""The weighted gap a given selection of courses covers (the objective of
    :func:`max_coverage`, for comparing any selection, e.g. a greedy one, with the optimum).

    Examples
    --------
    >>> coverage_value([3.0, 2.5, 2.0], [[1, 1, 0], [0, 1, 0], [0, 0, 1]], [0, 1])
    5.5
    """
    g = np.clip(np.asarray(gaps, dtype=float), 0.0, None)
    t = np.asarray(targets).astype(bool)
    if t.ndim != 2 or t.shape[1] != g.size:
        raise InputError.single(
            None,
            f"a courses × {g.size} indicators matrix",
            column="targets",
            found=f"shape {t.shape}",
        )
    if any(not 0 <= int(c) < t.shape[0] for c in selected):
        raise InputError.single(
            None, f"course positions 0…{t.shape[0] - 1}", column="selected", found=list(selected)
        )
    return _objective(g, t, [int(c) for c in selected], repeat_value)
