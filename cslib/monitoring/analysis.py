"""Notebook 05 — QA monitoring design: G study of routine scores, D study, next month's
differentiated monitoring plan, inspector rotation and inspector drift.

All numerics come from :mod:`cslib.stats.gstudy` and :mod:`cslib.stats.rotation`; this module
shapes QA records into their inputs and their results into tables.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse, stats
from scipy.sparse import linalg as splinalg

from cslib.core.errors import InputError
from cslib.core.messages import both
from cslib.monitoring.phrases import PHRASES
from cslib.stats.gstudy import (
    MONITORING_COMPONENTS,
    CallsNeeded,
    CallsReason,
    ComponentIntervals,
    GStudy,
    calls_needed,
    dstudy,
    gstudy_reml,
    reml_intervals,
    zero_by_rounding,
)
from cslib.stats.gstudy_intervals import ProfileIntervals, profile_intervals
from cslib.stats.rotation import Rotation, rotate_inspectors


def routine(records: pd.DataFrame) -> pd.DataFrame:
    """Routine (not must-check) calls: the ones sampled without regard to their outcome."""
    return records.loc[~records["must_check"]]


def gstudy_routine(records: pd.DataFrame) -> GStudy:
    """REML G study of routine calls: agent, inspector, agent × inspector, residual."""
    r = routine(records)
    source = records.attrs.get("source")
    scores = r["score"].to_numpy(dtype=float)
    if scores.size and zero_by_rounding(float(np.var(scores)), scores):
        raise InputError.single(
            source, both(PHRASES, "no_variance", score=f"{scores[0]:g}"), column="score"
        )
    for column, key in (("agent_id", "one_agent"), ("inspector_id", "one_inspector")):
        if r[column].nunique() < 2:
            found = r[column].iloc[0] if len(r) else None
            raise InputError.single(source, both(PHRASES, key), column=column, found=found)
    try:
        return gstudy_reml(r["agent_id"].to_numpy(), r["inspector_id"].to_numpy(), scores)
    except InputError as exc:  # a precondition of the estimator: name the file
        raise InputError.single(source, exc.first.message, column="score") from None


def component_intervals(
    records: pd.DataFrame,
    g: GStudy,
    *,
    method: str = "profile",
    confidence_level: float = 0.95,
    n_resamples: int = 100,
    seed: int = 0,
) -> ComponentIntervals | ProfileIntervals:
    """Intervals for the G-study components of routine calls: profile likelihood on the REML
    deviance (:func:`cslib.stats.gstudy_intervals.profile_intervals`, default) or the seeded
    parametric bootstrap (:func:`cslib.stats.gstudy.reml_intervals`).

    The bootstrap percentile interval of the inspector component covered 78 % (nominal 95 %) in
    a simulation of the sample's design; the profile interval covered 95 % there and 97 % with
    four inspectors (``benchmarks/coverage_variance_intervals.py``, docs/qa_monitoring.md)."""
    r = routine(records)
    if method == "bootstrap":
        return reml_intervals(
            r["agent_id"],
            r["inspector_id"],
            g,
            n_resamples=n_resamples,
            confidence_level=confidence_level,
            seed=seed,
        )
    if method != "profile":
        raise InputError.single(
            None, '"profile" or "bootstrap"', column="interval_method", found=method
        )
    return profile_intervals(
        r["agent_id"].to_numpy(),
        r["inspector_id"].to_numpy(),
        r["score"].to_numpy(),
        confidence_level=confidence_level,
    )


def component_table(
    g: GStudy, ci: ComponentIntervals | ProfileIntervals | None = None
) -> pd.DataFrame:
    """Components with their SD, share of the total and (optionally) intervals."""
    rows = []
    share = g.share
    for k in MONITORING_COMPONENTS:
        row = {
            "component": k,
            "variance": g.estimate[k],
            "sd": math.sqrt(max(g.estimate[k], 0.0)),
            "share": share[k],
        }
        if ci is not None:
            row["ci_low"] = ci.ci_low[k]
            row["ci_high"] = ci.ci_high[k]
        rows.append(row)
    return pd.DataFrame(rows)


def dstudy_table(
    g: GStudy, max_calls: int = 30, n_inspectors: int = 1, confidence_level: float = 0.95
) -> pd.DataFrame:
    """Reliability and half-width for 1…``max_calls`` calls per agent and month."""
    n = np.arange(max(n_inspectors, 1), max_calls + 1)
    frame = dstudy(g, n, n_inspectors, confidence_level=confidence_level).frame()
    return frame.astype({"n_calls": int, "n_inspectors": int})


def calls_needed_design(
    g: GStudy,
    target: float,
    *,
    criterion: str = "g_coefficient",
    max_inspectors: int = 4,
    confidence_level: float = 0.95,
) -> tuple[CallsNeeded, int]:
    """Calls needed with the fewest inspectors per agent (1…``max_inspectors``) that can reach
    ``target``; returns the result and the number of inspectors (the last one tried when none
    can, with its ``reason_code``)."""
    result = None
    for r in range(1, max_inspectors + 1):
        result = calls_needed(
            g, target, criterion=criterion, n_inspectors=r, confidence_level=confidence_level
        )
        if result.n_calls is not None or result.reason_code is CallsReason.NO_AGENT_VARIANCE:
            return result, r
    assert result is not None
    return result, max_inspectors


def current_calls(records: pd.DataFrame) -> float:
    """Routine calls scored per agent and month now: the mean of
    :func:`calls_per_agent_month` over agents × months (the present design of the D study).

    Examples
    --------
    >>> import pandas as pd
    >>> records = pd.DataFrame({"agent_id": ["a", "a", "a", "b"], "month": ["2024-01"] * 4,
    ...                         "must_check": [False, False, True, False]})
    >>> current_calls(records)
    1.5
    """
    return float(calls_per_agent_month(records).mean())


def calls_per_agent_month(records: pd.DataFrame) -> pd.Series:
    """Routine calls each agent had scored per month (agents × months in the data)."""
    r = routine(records)
    return r.groupby(["agent_id", "month"]).size()


def previous_pairing(records: pd.DataFrame, months: int = 3) -> dict[str, str]:
    """Team → the inspector who scored most of its routine calls in the last ``months`` months
    (ties: the inspector first in sort order)."""
    r = routine(records)
    last = sorted(r["month"].unique())[-months:]
    recent = r.loc[r["month"].isin(last)]
    counts = recent.groupby(["team", "inspector_id"]).size().rename("n").reset_index()
    counts = counts.sort_values(["team", "n", "inspector_id"], ascending=[True, False, True])
    return dict(counts.drop_duplicates("team")[["team", "inspector_id"]].itertuples(index=False))


def next_rotation(records: pd.DataFrame, roster: pd.DataFrame, *, max_agents: int = 25) -> Rotation:
    """Next quarter's inspector → team assignment (1–2 teams, ≤ ``max_agents`` agents, no
    repeat of last quarter's pairs, balanced agent counts)."""
    sizes = roster.groupby("team").size().to_dict()
    inspectors = sorted(routine(records)["inspector_id"].unique())
    return rotate_inspectors(
        sizes,
        inspectors,
        previous_pairing(records),
        min_teams=1,
        max_teams=2,
        max_agents=max_agents,
    )


@dataclass(frozen=True)
class AgentStatus:
    """Per-agent evidence for planning (columns of :attr:`table`).

    ``mean`` (raw mean of the window), ``n`` (routine calls), ``estimated_score`` (shrunken universe
    score: the best linear predictor given the G-study components), ``sd`` (its posterior SD),
    ``p_misclassified`` (probability the agent is on the other side of the pass mark than the
    estimate says), ``new`` (hired within ``new_agent_months``), ``slope`` (points per month),
    ``falling`` (slope × months ≤ −``falling_points``).
    """

    table: pd.DataFrame
    window: tuple[str, ...]
    next_month: str


def agent_status(
    records: pd.DataFrame,
    roster: pd.DataFrame,
    g: GStudy,
    *,
    pass_mark: float,
    new_agent_months: int = 3,
    falling_points: float = 3.0,
    window_months: int = 3,
) -> AgentStatus:
    r"""Where each agent stands, using the last ``window_months`` months of routine calls.

    Estimate (best linear unbiased predictor of a random agent effect, one inspector per call):

    .. math::

        \hat\tau_a = \mu + \frac{\sigma^2_a}{\sigma^2_a + \sigma^2_{e}/n_a}(\bar X_a - \mu),
        \quad \mathrm{sd}_a = \Bigl(\frac{1}{\sigma^2_a} + \frac{n_a}{\sigma^2_e}\Bigr)^{-1/2}

    with :math:`\sigma^2_e` = inspector + agent × inspector + residual (a call's error around
    the agent's universe score), and
    :math:`P(\text{misclassified}) = \Phi(-|\hat\tau_a - \text{pass}|/\mathrm{sd}_a)`.
    Agents without calls get :math:`\mu` and :math:`\mathrm{sd} = \sigma_a`.
    """
    vc = g.used
    if vc["agent"] <= 0:
        raise InputError.single(
            records.attrs.get("source"), both(PHRASES, "no_agent_variance"), column="score"
        )
    r = routine(records)
    months = sorted(r["month"].unique())
    window = months[-window_months:]
    next_month = months[-1] + 1
    recent = r.loc[r["month"].isin(window)]
    mu = float(r["score"].mean())
    err = vc["inspector"] + vc["agent_inspector"] + vc["residual"]
    by = recent.groupby("agent_id")["score"].agg(["mean", "size"]).rename(columns={"size": "n"})
    t = roster.set_index("agent_id")[["team", "hire_date"]].join(by)
    t["n"] = t["n"].fillna(0).astype(int)
    n = t["n"].to_numpy(float)
    raw = t["mean"].fillna(mu).to_numpy(float)
    weight = vc["agent"] / (
        vc["agent"] + np.divide(err, n, out=np.full(n.size, np.inf), where=n > 0)
    )
    t["estimated_score"] = mu + weight * (raw - mu)
    t["sd"] = 1 / np.sqrt(1 / vc["agent"] + n / err)
    z = np.abs(t["estimated_score"] - pass_mark) / t["sd"]
    t["p_misclassified"] = stats.norm.sf(z)
    start = next_month.start_time
    hired = pd.to_datetime(t["hire_date"])
    t["new"] = hired.notna() & (hired > start - pd.DateOffset(months=new_agent_months))
    monthly = recent.groupby(["agent_id", "month"])["score"].mean().reset_index()
    monthly["k"] = monthly["month"].map({m: i for i, m in enumerate(window)})
    slopes = {}
    for agent, grp in monthly.groupby("agent_id"):
        if grp["k"].nunique() >= 2:
            slopes[agent] = float(np.polyfit(grp["k"], grp["score"], 1)[0])
    t["slope"] = pd.Series(slopes, dtype=float).reindex(t.index)
    span = max(len(window) - 1, 1)
    t["falling"] = (t["slope"] * span <= -falling_points).fillna(False).astype(bool)
    t = t.drop(columns=["hire_date"]).reset_index().rename(columns={"index": "agent_id"})
    return AgentStatus(t, tuple(str(m) for m in window), str(next_month))


def _largest_remainder(total: int, weights: np.ndarray) -> np.ndarray:
    """Integers summing to ``total`` proportional to ``weights`` (Hamilton's method; ties go
    to the earlier entry, so the result is deterministic).  When every weight is zero (or
    there are none that are positive) the total is shared equally instead — no call of the
    budget is left unassigned."""
    if total <= 0 or weights.size == 0:
        return np.zeros(weights.size, dtype=int)
    if not weights.sum() > 0:
        weights = np.ones(weights.size)
    quota = total * weights / weights.sum()
    base = np.floor(quota).astype(int)
    rest = total - int(base.sum())
    order = np.lexsort((np.arange(weights.size), -(quota - base)))
    base[order[:rest]] += 1
    return base


#: Kinds of :class:`PlanProblem`, in the order a report lists them.
PLAN_PROBLEMS = (
    "must_check_over_capacity",
    "min_calls_unmet",
    "target_over_capacity",
    "idle_inspectors",
)


@dataclass(frozen=True)
class PlanProblem:
    """A constraint the monitoring plan cannot keep, with what would make it keepable.

    ``kind`` is one of :data:`PLAN_PROBLEMS`:

    * ``must_check_over_capacity`` — the inspector's expected must-check calls (``needed``,
      reserved as a whole number) exceed ``available`` (their capacity); nothing else is
      planned for them.  ``remedy_capacity`` is the capacity that would hold them;
      ``remedy_inspectors`` the number of inspectors the whole centre needs at the given
      capacity for all must-check calls plus ``min_calls`` planned calls per agent.
    * ``min_calls_unmet`` — the planned budget left after must-check calls and the random
      share is below ``min_calls`` per agent (``needed`` planned calls, ``available``
      planned calls); ``remedy_capacity`` is the capacity that would give every agent
      ``min_calls``.
    * ``target_over_capacity`` — the calls per agent the D study asks for cannot be scored:
      ``needed`` routine calls in the month against ``available`` (all capacity left after
      must-check calls); ``remedy_capacity`` is the capacity each inspector would need,
      ``remedy_inspectors`` the inspectors needed at the present capacity.
    * ``idle_inspectors`` — inspectors (``inspectors``) with no team this month, whose
      ``available`` capacity is planned for nobody.
    """

    kind: str
    inspectors: tuple[str, ...]
    needed: float
    available: float
    remedy_capacity: int | None = None
    remedy_inspectors: int | None = None


@dataclass(frozen=True)
class MonitoringPlan:
    """Next month's monitoring plan and whether it keeps its constraints.

    Attributes
    ----------
    table : DataFrame
        One row per agent: ``inspector_id, team, agent_id, planned, random,
        must_check_expected, total, estimated_score, p_misclassified, new, falling``;
        ``must_check_expected`` is the agent's *expected* number of must-check calls (a mean,
        not a whole number) and ``total`` = planned + random + must_check_expected.
    inspectors : DataFrame
        One row per inspector with agents: ``inspector_id, agents, capacity,
        must_check_expected, must_check_reserved, planned, random, total`` where ``total``
        = planned + random + must_check_reserved; it equals ``capacity`` unless the
        must-check calls alone exceed it (then a :class:`PlanProblem` says so).
    problems : tuple of PlanProblem
        Every constraint the plan cannot keep; empty when it keeps them all.
    """

    table: pd.DataFrame
    inspectors: pd.DataFrame
    problems: tuple[PlanProblem, ...]

    @property
    def feasible(self) -> bool:
        """True when the plan keeps every constraint (no :attr:`problems`)."""
        return not self.problems


def monitoring_plan(
    status: AgentStatus,
    assignment: dict[str, str],
    must_check_per_agent: pd.Series,
    *,
    capacity: int,
    random_share: float = 0.3,
    min_calls: int = 2,
    seed: int = 0,
    inspectors: list[str] | tuple[str, ...] | None = None,
    calls_needed_per_agent: int | None = None,
) -> MonitoringPlan:
    r"""Next month's calls per agent: planned (priority-weighted), random (uniform, seeded) and
    expected must-check calls (taken off the inspector's capacity first).

    Rules, for each inspector *j* with agents :math:`A_j`:

    1. **Must-check reserve** :math:`R_j = \lceil \sum_{a \in A_j} m_a \rceil`, the expected
       must-check calls :math:`m_a` summed over the inspector's agents *before* rounding (rounding
       each agent's 0.3 calls down to 0 would reserve too little), rounded up so that the
       expected load never exceeds the capacity :math:`C`.
    2. **Budget** :math:`Q_j = \max(C - R_j, 0)`, split into :math:`\operatorname{round}(sQ_j)`
       random calls (share *s*, multinomial with equal probabilities,
       ``numpy.random.default_rng(seed)``) and the rest planned.
    3. **Planned calls**: every agent first gets ``min_calls`` (fewer, equally, when the planned
       budget is smaller); the rest goes by largest remainders in proportion to the priority
       weight P(misclassified) + 0.5 if new + 0.5 if falling — equally when every weight of the
       inspector's agents is zero.  Every call of the budget is assigned:
       planned + random + :math:`R_j` = *C* whenever :math:`R_j \le C`.

    A constraint that cannot be kept is never bent silently: it is returned as a
    :class:`PlanProblem` with the capacity or number of inspectors that would make it
    keepable — must-check calls above capacity, fewer planned calls than ``min_calls``,
    a D-study target (``calls_needed_per_agent`` routine calls per agent) above the capacity
    left after must-check calls, inspectors (``inspectors``, all of them) without a team.

    Returns
    -------
    MonitoringPlan
        Per-agent table sorted by inspector, team, agent; per-inspector totals; problems.

    Examples
    --------
    >>> st = AgentStatus(pd.DataFrame({"agent_id": ["a1", "a2"], "team": ["T1", "T1"],
    ...     "estimated_score": [78.0, 90.0], "p_misclassified": [0.3, 0.0],
    ...     "new": [False, False], "falling": [False, False]}), ("2026-06",), "2026-07")
    >>> p = monitoring_plan(st, {"T1": "Q1"}, pd.Series({"a1": 0.4, "a2": 0.3}), capacity=10)
    >>> p.inspectors[["must_check_reserved", "planned", "random", "total"]].iloc[0].tolist()
    [1, 6, 3, 10]
    >>> p.feasible
    True
    >>> monitoring_plan(st, {"T1": "Q1"}, pd.Series({"a1": 7.0, "a2": 6.0}),
    ...                 capacity=10).problems[0].kind
    'must_check_over_capacity'
    """
    if not isinstance(capacity, (int, np.integer)) or capacity < 0:
        raise InputError.single(
            None, "a whole number of calls ≥ 0", column="inspector_capacity", found=capacity
        )
    t = status.table.copy()
    t["inspector_id"] = t["team"].map(assignment)
    if t["inspector_id"].isna().any():
        team = t.loc[t["inspector_id"].isna(), "team"].iloc[0]
        raise InputError.single(
            None, "team has no inspector in the rotation", column="team", found=team
        )
    t["must_check_expected"] = (
        must_check_per_agent.reindex(t["agent_id"]).fillna(0.0).to_numpy(float)
    )
    t = t.sort_values(["inspector_id", "team", "agent_id"]).reset_index(drop=True)
    t["planned"] = 0
    t["random"] = 0
    rng = np.random.default_rng(seed)
    per: list[dict[str, object]] = []
    problems: list[PlanProblem] = []
    over: list[str] = []
    short: list[tuple[str, int, int, int]] = []
    for insp, idx in t.groupby("inspector_id").groups.items():
        rows = np.asarray(list(idx))
        k = rows.size
        expected = float(t.loc[rows, "must_check_expected"].sum())
        reserve = math.ceil(expected - 1e-9)
        quota = max(capacity - reserve, 0)
        n_random = int(round(random_share * quota))
        n_planned = quota - n_random
        if reserve > capacity:
            over.append(str(insp))
        if n_planned < min_calls * k and reserve <= capacity:
            short.append((str(insp), k, n_planned, reserve))
        floor = min(min_calls, n_planned // k)
        weights = (
            t.loc[rows, "p_misclassified"].to_numpy(float)
            + 0.5 * t.loc[rows, "new"].to_numpy(float)
            + 0.5 * t.loc[rows, "falling"].to_numpy(float)
        )
        extra = _largest_remainder(n_planned - floor * k, weights)
        t.loc[rows, "planned"] = floor + extra
        t.loc[rows, "random"] = rng.multinomial(n_random, np.full(k, 1 / k))
        per.append(
            {
                "inspector_id": insp,
                "agents": k,
                "capacity": capacity,
                "must_check_expected": expected,
                "must_check_reserved": reserve,
                "planned": n_planned,
                "random": n_random,
                "total": n_planned + n_random + reserve,
            }
        )
    by = pd.DataFrame(per)
    n_agents = len(t)
    all_reserve = int(by["must_check_reserved"].sum()) if len(by) else 0
    floor_need = all_reserve + math.ceil(min_calls * n_agents / max(1 - random_share, 1e-12))
    if over:
        need = by.set_index("inspector_id").loc[over, "must_check_reserved"]
        problems.append(
            PlanProblem(
                "must_check_over_capacity",
                tuple(over),
                float(need.sum()),
                float(capacity * len(over)),
                remedy_capacity=int(need.max()),
                remedy_inspectors=math.ceil(floor_need / capacity) if capacity else None,
            )
        )
    if short:
        needed = sum(min_calls * k for _, k, _, _ in short)
        have = sum(p for _, _, p, _ in short)
        cap = max(
            r + math.ceil(min_calls * k / max(1 - random_share, 1e-12)) for _, k, _, r in short
        )
        problems.append(
            PlanProblem(
                "min_calls_unmet",
                tuple(i for i, _, _, _ in short),
                float(needed),
                float(have),
                remedy_capacity=cap,
            )
        )
    if calls_needed_per_agent is not None:
        routine_left = int((capacity - by["must_check_reserved"]).clip(lower=0).sum())
        wanted = calls_needed_per_agent * n_agents
        if wanted > routine_left:
            n_insp = len(by)
            problems.append(
                PlanProblem(
                    "target_over_capacity",
                    tuple(by["inspector_id"]),
                    float(wanted),
                    float(routine_left),
                    remedy_capacity=math.ceil((wanted + all_reserve) / max(n_insp, 1)),
                    remedy_inspectors=(
                        math.ceil((wanted + all_reserve) / capacity) if capacity else None
                    ),
                )
            )
    if inspectors is not None:
        idle = tuple(sorted(set(map(str, inspectors)) - set(map(str, by["inspector_id"]))))
        if idle:
            problems.append(PlanProblem("idle_inspectors", idle, 0.0, float(capacity * len(idle))))
    t["total"] = t["planned"] + t["random"] + t["must_check_expected"]
    cols = [
        "inspector_id",
        "team",
        "agent_id",
        "planned",
        "random",
        "must_check_expected",
        "total",
        "estimated_score",
        "p_misclassified",
        "new",
        "falling",
    ]
    return MonitoringPlan(t[cols], by, tuple(problems))


def expected_must_check(records: pd.DataFrame, months: int = 3) -> pd.Series:
    """Average must-check calls per agent and month over the last ``months`` months."""
    all_months = sorted(records["month"].unique())[-months:]
    recent = records.loc[records["month"].isin(all_months) & records["must_check"]]
    return recent.groupby("agent_id").size() / len(all_months)


def inspector_drift(
    records: pd.DataFrame, *, threshold: float = 3.0, baseline_months: int = 2
) -> pd.DataFrame:
    r"""Each inspector's leniency by month, adjusted for the agents they scored.

    Least squares on routine calls, :math:`X = \alpha_{agent} + \beta_{inspector,month} + e`
    (:func:`scipy.sparse.linalg.lsqr`); leniency = :math:`\beta` minus the call-weighted mean of
    all inspectors that month; ``change`` = leniency minus the inspector's mean over their first
    ``baseline_months`` months; ``flagged`` when :math:`|change| \ge` ``threshold``.

    Returns
    -------
    DataFrame
        ``inspector_id, month, n, leniency, change, flagged``.
    """
    r = routine(records)
    a_levels, a_codes = np.unique(r["agent_id"].to_numpy(str), return_inverse=True)
    key = r["inspector_id"].astype(str) + "|" + r["month"].astype(str)
    k_levels, k_codes = np.unique(key.to_numpy(str), return_inverse=True)
    n = len(r)
    x = sparse.hstack(
        [
            sparse.csr_array((np.ones(n), (np.arange(n), a_codes)), shape=(n, a_levels.size)),
            sparse.csr_array((np.ones(n), (np.arange(n), k_codes)), shape=(n, k_levels.size)),
        ],
        format="csr",
    )
    sol = splinalg.lsqr(x, r["score"].to_numpy(float), atol=1e-12, btol=1e-12, iter_lim=20000)[0]
    beta = sol[a_levels.size :]
    out = pd.DataFrame(
        {
            "inspector_id": [s.split("|")[0] for s in k_levels],
            "month": [s.split("|")[1] for s in k_levels],
            "n": np.bincount(k_codes),
            "effect": beta,
        }
    )
    weighted = out.assign(w=out["effect"] * out["n"]).groupby("month")[["w", "n"]].sum()
    out["leniency"] = out["effect"] - out["month"].map(weighted["w"] / weighted["n"])
    out = out.sort_values(["inspector_id", "month"]).reset_index(drop=True)
    base = out.groupby("inspector_id")["leniency"].transform(
        lambda s: s.iloc[:baseline_months].mean()
    )
    out["change"] = out["leniency"] - base
    out["flagged"] = out["change"].abs() >= threshold
    return out[["inspector_id", "month", "n", "leniency", "change", "flagged"]]
