r"""Quarterly assignment of QA inspectors to teams, solved exactly as a small integer programme.

Each team gets exactly one inspector; each inspector gets between ``min_teams`` and
``max_teams`` teams with at most ``max_agents`` agents in total; last quarter's pairings are
forbidden (a hard constraint).  Among the feasible assignments the solver minimises the largest
deviation of an inspector's agent count from the average :math:`\bar L = \sum_t a_t / R`:

.. math::

    \min\; D \quad \text{s.t.}\quad \sum_r x_{rt} = 1,\;
    m \le \sum_t x_{rt} \le M,\; \sum_t a_t x_{rt} \le A,\;
    -D \le \sum_t a_t x_{rt} - \bar L \le D,\; x_{rt} = 0 \text{ if } (r,t)
    \text{ paired last quarter},\; x \in \{0,1\}

solved by :func:`scipy.optimize.milp` (HiGHS branch and bound: an exact optimum, not a
heuristic).  A tiny secondary cost (proportional to the inspectors' positions in the list,
far below one agent of deviation) and HiGHS's deterministic search make the choice among
equally balanced assignments reproducible for the same inputs and scipy version; it is not
a lexicographic rule (two assignments with the same sum of inspector positions cost the same).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
from scipy import optimize, sparse

from cslib.core.errors import InputError


class RotationReason(StrEnum):
    """Why there is no rotation (the analysis package words it, with the limits in
    :class:`Rotation`).

    Examples
    --------
    >>> rotate_inspectors({"T1": 30}, ["A"], max_agents=25).reason_code
    <RotationReason.INFEASIBLE: 'infeasible'>
    """

    #: No assignment gives every team one inspector, each inspector ``min_teams``–``max_teams``
    #: teams and at most ``max_agents`` agents without repeating last quarter's pairs.
    INFEASIBLE = "infeasible"


@dataclass(frozen=True)
class Rotation:
    """An optimal rotation, or why there is none.

    Attributes
    ----------
    assignment : dict
        Team → inspector (empty when infeasible).
    load : dict
        Inspector → agents assigned.
    max_deviation : float
        Largest |load − average| (NaN when infeasible).
    feasible : bool
    reason_code : RotationReason or None
        Why no assignment satisfies the constraints (``None`` when feasible).
    min_teams, max_teams, max_agents : int
        The limits the assignment had to keep (data for the reason's message).

    Examples
    --------
    >>> r = rotate_inspectors({"T1": 12, "T2": 10, "T3": 14}, ["A", "B"],
    ...                       previous={"T1": "A", "T2": "A", "T3": "B"})
    >>> r.feasible, r.max_deviation, r.reason_code
    (True, 4.0, None)
    """

    assignment: dict[str, str]
    load: dict[str, int]
    max_deviation: float
    feasible: bool
    reason_code: RotationReason | None = None
    min_teams: int = 1
    max_teams: int = 2
    max_agents: int = 25


def rotate_inspectors(
    team_sizes: Mapping[str, int],
    inspectors: Sequence[str],
    previous: Mapping[str, str] | None = None,
    *,
    min_teams: int = 1,
    max_teams: int = 2,
    max_agents: int = 25,
) -> Rotation:
    """Assign inspectors to teams for the next quarter (see module docstring).

    Parameters
    ----------
    team_sizes : mapping
        Team → number of agents.
    inspectors : sequence of str
    previous : mapping, optional
        Team → last quarter's inspector (these pairs are not repeated).
    min_teams, max_teams, max_agents : int

    Examples
    --------
    >>> r = rotate_inspectors({"T1": 12, "T2": 10, "T3": 14}, ["A", "B"],
    ...                       previous={"T1": "A", "T2": "A", "T3": "B"})
    >>> r.assignment, r.load
    ({'T1': 'B', 'T2': 'B', 'T3': 'A'}, {'A': 14, 'B': 22})
    """
    teams = sorted(team_sizes)
    insp = list(dict.fromkeys(inspectors))
    if not teams or not insp:
        raise InputError.single(None, "need at least one team and one inspector")
    sizes = np.array([int(team_sizes[t]) for t in teams], dtype=float)
    if (sizes < 0).any():
        raise InputError.single(None, "team sizes must be ≥ 0", column="team_sizes")
    if not 0 <= min_teams <= max_teams:
        raise InputError.single(None, "expected 0 ≤ min_teams ≤ max_teams", column="min_teams")
    previous = dict(previous or {})
    n_r, n_t = len(insp), len(teams)
    nx = n_r * n_t  # x[r, t] flattened row-major, then D
    average = sizes.sum() / n_r

    def idx(r: int, t: int) -> int:
        return r * n_t + t

    rows: list[np.ndarray] = []
    lo: list[float] = []
    hi: list[float] = []
    for t in range(n_t):  # one inspector per team
        row = np.zeros(nx + 1)
        row[[idx(r, t) for r in range(n_r)]] = 1
        rows.append(row)
        lo.append(1)
        hi.append(1)
    for r in range(n_r):
        count = np.zeros(nx + 1)
        count[[idx(r, t) for t in range(n_t)]] = 1
        rows.append(count)
        lo.append(min_teams)
        hi.append(max_teams)
        load_row = np.zeros(nx + 1)
        load_row[[idx(r, t) for t in range(n_t)]] = sizes
        rows.append(load_row.copy())
        lo.append(-np.inf)
        hi.append(max_agents)
        up = load_row.copy()
        up[nx] = -1  # load − D ≤ average
        rows.append(up)
        lo.append(-np.inf)
        hi.append(average)
        down = load_row.copy()
        down[nx] = 1  # load + D ≥ average
        rows.append(down)
        lo.append(average)
        hi.append(np.inf)
    upper = np.ones(nx + 1)
    upper[nx] = np.inf
    for t, team in enumerate(teams):
        if team in previous and previous[team] in insp:
            upper[idx(insp.index(previous[team]), t)] = 0
    cost = np.zeros(nx + 1)
    cost[nx] = 1.0
    cost[:nx] = 1e-6 * np.arange(nx) / nx  # reproducible tie-break, far below one agent
    integrality = np.ones(nx + 1)
    integrality[nx] = 0
    res = optimize.milp(
        cost,
        constraints=optimize.LinearConstraint(sparse.csr_array(np.vstack(rows)), lo, hi),
        integrality=integrality,
        bounds=optimize.Bounds(np.zeros(nx + 1), upper),
    )
    limits = {"min_teams": min_teams, "max_teams": max_teams, "max_agents": max_agents}
    if res.status != 0 or res.x is None:
        return Rotation({}, {}, float("nan"), False, RotationReason.INFEASIBLE, **limits)
    x = np.rint(res.x[:nx]).reshape(n_r, n_t).astype(int)
    assignment = {teams[t]: insp[int(np.argmax(x[:, t]))] for t in range(n_t)}
    load = {insp[r]: int((x[r] * sizes).sum()) for r in range(n_r)}
    dev = float(max(abs(v - average) for v in load.values()))
    return Rotation(assignment, load, dev, True, None, **limits)
