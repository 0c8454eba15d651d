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
from cslib.monitoring.preconditions import PRECONDITIONS
from cslib.stats.gstudy import (
    MONITORING_COMPONENTS,
    CallsNeeded,
    ComponentIntervals,
    GStudy,
    calls_needed,
    dstudy,
    gstudy_reml,
    zero_by_rounding,
)
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
            source, both(PRECONDITIONS, "no_variance", score=f"{scores[0]:g}"), column="score"
        )
    for column, key in (("agent_id", "one_agent"), ("inspector_id", "one_inspector")):
        if r[column].nunique() < 2:
            found = r[column].iloc[0] if len(r) else None
            raise InputError.single(source, both(PRECONDITIONS, key), column=column, found=found)
    try:
        return gstudy_reml(r["agent_id"].to_numpy(), r["inspector_id"].to_numpy(), scores)
    except InputError as exc:  # a precondition of the estimator: name the file
        raise InputError.single(source, exc.first.message, column="score") from None


def component_table(g: GStudy, ci: ComponentIntervals | None = None) -> pd.DataFrame:
    """Components with their SD, share of the total and (optionally) bootstrap intervals."""
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
    can, with its ``reason``)."""
    result = None
    for r in range(1, max_inspectors + 1):
        result = calls_needed(
            g, target, criterion=criterion, n_inspectors=r, confidence_level=confidence_level
        )
        if result.n_calls is not None or "no variance" in result.reason:
            return result, r
    assert result is not None
    return result, max_inspectors


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
            records.attrs.get("source"), both(PRECONDITIONS, "no_agent_variance"), column="score"
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
    to the earlier entry, so the result is deterministic)."""
    if total <= 0 or weights.sum() <= 0:
        return np.zeros(weights.size, dtype=int)
    quota = total * weights / weights.sum()
    base = np.floor(quota).astype(int)
    rest = total - int(base.sum())
    order = np.lexsort((np.arange(weights.size), -(quota - base)))
    base[order[:rest]] += 1
    return base


def monitoring_plan(
    status: AgentStatus,
    assignment: dict[str, str],
    must_check_per_agent: pd.Series,
    *,
    capacity: int,
    random_share: float = 0.3,
    min_calls: int = 2,
    seed: int = 0,
) -> pd.DataFrame:
    """Next month's calls per agent: planned (priority-weighted), random (uniform, seeded) and
    expected must-check calls (counted separately, taken off the inspector's capacity first).

    Priority weight = P(misclassified) + 0.5 if new + 0.5 if falling; every agent first gets
    ``min_calls`` planned calls when the planned budget allows.  The random share is drawn
    uniformly over the inspector's agents with ``numpy.random.default_rng(seed)``.

    Returns
    -------
    DataFrame
        ``inspector_id, team, agent_id, planned, random, must_check, total, p_misclassified,
        new, falling`` sorted by inspector, team, agent.
    """
    t = status.table.copy()
    t["inspector_id"] = t["team"].map(assignment)
    if t["inspector_id"].isna().any():
        team = t.loc[t["inspector_id"].isna(), "team"].iloc[0]
        raise InputError.single(
            None, "team has no inspector in the rotation", column="team", found=team
        )
    t["must_check"] = (
        must_check_per_agent.reindex(t["agent_id"]).fillna(0).round().astype(int).to_numpy()
    )
    t = t.sort_values(["inspector_id", "team", "agent_id"]).reset_index(drop=True)
    t["planned"] = 0
    t["random"] = 0
    rng = np.random.default_rng(seed)
    for insp, idx in t.groupby("inspector_id").groups.items():
        rows = np.asarray(list(idx))
        quota = max(capacity - int(t.loc[rows, "must_check"].sum()), 0)
        n_random = int(round(random_share * quota))
        n_planned = quota - n_random
        k = rows.size
        floor = min(min_calls, n_planned // k) if k else 0
        weights = (
            t.loc[rows, "p_misclassified"].to_numpy(float)
            + 0.5 * t.loc[rows, "new"].to_numpy(float)
            + 0.5 * t.loc[rows, "falling"].to_numpy(float)
        )
        extra = _largest_remainder(n_planned - floor * k, weights)
        t.loc[rows, "planned"] = floor + extra
        t.loc[rows, "random"] = rng.multinomial(n_random, np.full(k, 1 / k)) if k else 0
        del insp
    t["total"] = t["planned"] + t["random"] + t["must_check"]
    cols = [
        "inspector_id",
        "team",
        "agent_id",
        "planned",
        "random",
        "must_check",
        "total",
        "estimated_score",
        "p_misclassified",
        "new",
        "falling",
    ]
    return t[cols]


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
