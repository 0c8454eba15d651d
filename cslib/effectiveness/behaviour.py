"""Kirkpatrick levels 3 and 4 on agent-week panels: treatment indicators from attendance,
the per-course difference-in-differences table, and team before/after summaries.

The estimators themselves are in :mod:`cslib.stats.panel`.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from cslib.stats.multitest import adjust_pvalues
from cslib.stats.panel import twfe_many


def treatment_panel(
    weekly: pd.DataFrame, sessions: pd.DataFrame, courses: list[str] | tuple[str, ...]
) -> pd.DataFrame:
    """Add, per course, the training week ``tw_<course>`` and the dummy ``D_<course>``.

    ``D_<course>`` is 1 from the week that contains the agent's session onwards (weeks start on
    the date in ``week``; a session on any day of that week counts for it).  Agents in the weekly
    file who never attended have ``D = 0`` throughout (the comparison group).  Sessions of agents
    without weekly data (e.g. back office) are simply not used.
    """
    panel = weekly.copy()
    week = panel["week"].to_numpy(dtype="datetime64[ns]")
    starts = np.unique(week)
    codes, agents = pd.factorize(panel["agent_id"], sort=False)
    for c in courses:
        s = sessions.loc[sessions["course_id"] == c, ["agent_id", "date"]]
        by_agent = np.full(len(agents), np.datetime64("NaT"), dtype="datetime64[ns]")
        where = agents.get_indexer(s["agent_id"])
        found = where >= 0
        by_agent[where[found]] = s["date"].to_numpy(dtype="datetime64[ns]")[found]
        # the panel's week that contains the session: the last week start ≤ session date
        session_week = by_agent.copy()
        has = ~np.isnat(by_agent)
        pos = np.searchsorted(starts, by_agent[has], side="right") - 1
        # a session before the first week of the panel stays at its date: treated throughout
        session_week[has] = np.where(pos >= 0, starts[np.maximum(pos, 0)], by_agent[has])
        tw = session_week[codes]
        panel[f"tw_{c}"] = tw
        panel[f"D_{c}"] = (~np.isnat(tw) & (week >= tw)).astype(float)
    return panel


def did_table(
    panel: pd.DataFrame,
    outcomes: list[str],
    courses: list[str] | tuple[str, ...],
    *,
    alpha: float = 0.05,
    correction: str = "holm",
    cluster: str | None = None,
) -> tuple[pd.DataFrame, dict]:
    """One joint TWFE per outcome with all courses' dummies; p-values adjusted across courses.

    ``cluster`` defaults to the agent; pass ``"team"`` when team-level shocks in the training
    weeks are a concern (training is scheduled by team) — but with few teams (< ~30) cluster-robust
    SEs are themselves unreliable (Cameron & Miller 2015), so read them as a sensitivity check.

    Returns
    -------
    table : DataFrame
        ``outcome, course_id, estimate, se, ci_low, ci_high, p_value, p_adj, n_treated`` (NaN for a
        course whose dummy had to be dropped).
    fits : dict
        outcome → :class:`DiDResult`.
    """
    regs = [f"D_{c}" for c in courses]
    rows = []
    fits = twfe_many(panel, list(outcomes), regs, alpha=alpha, cluster=cluster)
    treated_agents = {c: int(panel.loc[panel[f"D_{c}"] > 0, "agent_id"].nunique()) for c in courses}
    for y in outcomes:
        fit = fits[y]
        sub = []
        for c in courses:
            treated = treated_agents[c]
            if f"D_{c}" in fit.terms:
                sub.append({"outcome": y, "course_id": c, **fit[f"D_{c}"], "n_treated": treated})
            else:
                sub.append(
                    {
                        "outcome": y,
                        "course_id": c,
                        "estimate": math.nan,
                        "se": math.nan,
                        "t": math.nan,
                        "p_value": math.nan,
                        "ci_low": math.nan,
                        "ci_high": math.nan,
                        "n_treated": treated,
                    }
                )
        part = pd.DataFrame(sub)
        part["p_adj"] = adjust_pvalues(part["p_value"], correction, alpha)
        rows.append(part)
    return pd.concat(rows, ignore_index=True), fits


def team_before_after(
    panel: pd.DataFrame,
    course: str,
    measures: list[str],
    *,
    weeks: int = 8,
    sums: tuple[str, ...] = ("repeat_tickets",),
    per: int = 4,
) -> pd.DataFrame:
    """Descriptive before/after table per team around the team's training week (docs/background.md §3).

    The team's training week is the most common training week of its agents for ``course``.
    "Before" = the ``weeks`` weeks before it, "after" = the ``weeks`` weeks after it (the
    training week itself is left out).  Rates and times are means over agent-weeks; count
    measures in ``sums`` are team totals per ``per`` weeks (≈ a month).  Teams not trained on
    the course are listed with NaN.  This is description, not inference: the DiD gives the
    estimate net of what happened to untrained teams over the same weeks.
    """
    rows = []
    for team, g in panel.groupby("team", sort=True):
        t_week = g[f"tw_{course}"].dropna()
        row: dict = {"team": team, "n_agents": int(g["agent_id"].nunique())}
        if t_week.empty:
            row["training_week"] = pd.NaT
            rows.append(row)
            continue
        start = t_week.mode().iloc[0]
        row["training_week"] = start
        rel = (g["week"] - start).dt.days // 7
        before = g[(rel >= -weeks) & (rel <= -1)]
        after = g[(rel >= 1) & (rel <= weeks)]
        for m in measures:
            if m in sums:
                b = before.groupby("week")[m].sum().mean() * per if len(before) else math.nan
                a = after.groupby("week")[m].sum().mean() * per if len(after) else math.nan
            else:
                b, a = before[m].mean(), after[m].mean()
            row[f"{m}_before"], row[f"{m}_after"], row[f"{m}_change"] = b, a, a - b
        rows.append(row)
    return pd.DataFrame(rows)
