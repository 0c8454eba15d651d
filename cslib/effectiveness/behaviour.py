"""Kirkpatrick levels 3 and 4 on agent-week panels: treatment indicators from attendance,
the per-course difference-in-differences table, and team before/after summaries.

The estimators themselves are in :mod:`cslib.stats.panel` (TWFE), :mod:`cslib.stats.staggered`
(Callaway–Sant'Anna ATT(g,t), the primary estimate) and :mod:`cslib.stats.bacon`.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from cslib.effectiveness.phrases import PHRASES
from cslib.stats.bacon import BaconResult, bacon_decomposition
from cslib.stats.multitest import adjust_pvalues
from cslib.stats.panel import MIN_TREATED_CLUSTERS, twfe_many
from cslib.stats.staggered import ControlGroup, GroupTimeResult, aggregate, att_gt_many


def weekly_frame(qa: pd.DataFrame | None, kpi: pd.DataFrame | None) -> pd.DataFrame | None:
    """The weekly QA scores and KPIs in one frame (outer join on agent and week; an agent's team
    from the KPI file where the QA file has none); None when neither is given."""
    if qa is not None and kpi is not None:
        weekly = qa.merge(kpi.drop(columns=["team"]), on=["agent_id", "week"], how="outer")
        weekly["team"] = weekly["team"].fillna(
            weekly["agent_id"].map(dict(zip(kpi["agent_id"], kpi["team"], strict=False)))
        )
        return weekly
    return qa if qa is not None else kpi


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
    min_treated_clusters: int = MIN_TREATED_CLUSTERS,
) -> tuple[pd.DataFrame, dict]:
    """One joint TWFE per outcome with all courses' dummies; p-values adjusted across courses.

    ``cluster`` defaults to the agent; pass ``"team"`` when team-level shocks in the training
    weeks are a concern (training is scheduled by team) — but with few teams (< ~30) cluster-robust
    SEs are themselves unreliable (Cameron & Miller 2015), so read them as a sensitivity check.

    Returns
    -------
    table : DataFrame
        ``outcome, course_id, estimate, se, ci_low, ci_high, pvalue, p_adj, n_treated,
        reason_code`` (NaN estimates for a course whose dummy had to be dropped: ``reason_code``
        ``collinear`` when the dummy is a combination of agent and week effects — e.g. every
        trained agent trained in the same week and nobody untrained — or ``no_treated``; NaN
        ``se`` … ``p_adj`` with ``few_treated_clusters`` when fewer than
        ``min_treated_clusters`` clusters were trained (or untrained), and NaN throughout with
        ``outcome_constant`` when the outcome does not vary within agents).
    fits : dict
        outcome → :class:`DiDResult`.
    """
    regs = [f"D_{c}" for c in courses]
    rows = []
    fits = twfe_many(
        panel,
        list(outcomes),
        regs,
        confidence_level=1 - alpha,
        cluster=cluster,
        min_treated_clusters=min_treated_clusters,
    )
    treated_agents = {c: int(panel.loc[panel[f"D_{c}"] > 0, "agent_id"].nunique()) for c in courses}
    for y in outcomes:
        fit = fits[y]
        sub = []
        for c in courses:
            treated = treated_agents[c]
            if f"D_{c}" in fit.terms:
                sub.append(
                    {
                        "outcome": y,
                        "course_id": c,
                        **fit[f"D_{c}"],
                        "n_treated": treated,
                    }
                )
            else:
                sub.append(
                    {
                        "outcome": y,
                        "course_id": c,
                        "estimate": math.nan,
                        "se": math.nan,
                        "statistic": math.nan,
                        "pvalue": math.nan,
                        "ci_low": math.nan,
                        "ci_high": math.nan,
                        "n_treated": treated,
                        # no variation left after absorbing agent and week effects
                        "reason_code": "collinear" if treated else "no_treated",
                    }
                )
        part = pd.DataFrame(sub)
        part["p_adj"] = adjust_pvalues(part["pvalue"], correction, alpha)
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
    """Descriptive before/after table per team around the team's training week.

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


#: Why an ATT could not be estimated, most specific first (codes from :mod:`cslib.stats.staggered`).
def _words(code: str, min_cohort: int) -> str:
    """The English words of a ``reason_code`` (stored for developers; reports word the code
    in their own language through :data:`cslib.effectiveness.phrases.PHRASES`)."""
    return PHRASES(code, "en", min_cohort=min_cohort)


_REASON_ORDER = (
    "outcome_constant",
    "no_comparison",
    "too_few_units",
    "cohort_too_small",
    "no_pre_period",
)


def robust_table(
    panel: pd.DataFrame,
    outcomes: list[str],
    courses: list[str] | tuple[str, ...],
    *,
    control_group: ControlGroup = "notyettreated",
    alpha: float = 0.05,
    correction: str = "holm",
    cluster: str | None = None,
    min_cohort_size: int = 5,
    window: tuple[int, int] = (-8, 8),
) -> tuple[pd.DataFrame, dict[tuple[str, str], GroupTimeResult]]:
    """Callaway–Sant'Anna ATT per outcome and course: the primary level 3/4 estimate.

    A course's cohorts are its agents grouped by training week (``tw_<course>``); comparison
    agents are those not yet (or never) trained on that course (``control_group``).  Agents take
    several courses, so a comparison agent may have had *other* courses: the estimate is the
    change after this course relative to agents who have not had it yet, not net of the others
    (the joint TWFE, :func:`did_table`, holds the other courses fixed but is not robust to
    heterogeneous effects).  To keep the other courses' effects out, each 2×2 comparison uses
    only agents who started no *other* course between its two weeks ("clean" comparisons,
    ``other_first_treated`` of :func:`~cslib.stats.staggered.att_gt`); with courses scheduled
    close together this leaves fewer cells, and a cell without enough clean agents says so.

    The parallel-trends pre-test is the Wald χ² of the event-time effects before training within
    ``window`` (a handful of restrictions; the test over every pre-training cohort × week cell
    would have hundreds, more than agent-clustered covariances support).

    Returns
    -------
    table : DataFrame
        ``outcome, course_id, estimate, se, ci_low, ci_high, pvalue, p_adj, n_treated,
        n_cohorts, n_cohorts_used, pretrend_statistic, pretrend_df, pretrend_pvalue, pretrend_reason,
        reason_code, reason`` — ``estimate`` … ``p_adj`` are NaN exactly when ``reason_code`` is
        set (``no_treated`` when nobody in the panel was trained on the course, otherwise the
        code of the cells that failed).  ``p_adj`` is adjusted across the courses of an outcome.
    results : dict
        (outcome, course) → :class:`~cslib.stats.staggered.GroupTimeResult`.
    """
    # one fit per course for all outcomes (the panel is coded once per course)
    fits = {
        c: att_gt_many(
            panel,
            outcomes,
            "agent_id",
            "week",
            f"tw_{c}",
            control_group=control_group,
            cluster=cluster,
            confidence_level=1 - alpha,
            min_cohort_size=min_cohort_size,
            pretest=False,
            other_first_treated=[f"tw_{o}" for o in courses if o != c],
        )
        for c in courses
        if outcomes and panel[f"tw_{c}"].notna().any()
    }
    rows, results = [], {}
    for y in outcomes:
        part = []
        for c in courses:
            row: dict = {"outcome": y, "course_id": c}
            if c not in fits:
                row.update(reason_code="no_treated", reason=_words("no_treated", min_cohort_size))
                part.append(row)
                continue
            res = fits[c][y]
            results[(y, c)] = res
            pre = aggregate(res, "dynamic", min_e=window[0], max_e=-1, n_boot=1).pretest
            assert pre is not None  # dynamic aggregations always carry one
            agg = aggregate(res, "simple")
            used = res.cohorts[res.cohorts["reason_code"] == ""]
            row.update(
                n_treated=int(used["n_units"].sum()),
                n_cohorts=len(res.cohorts),
                n_cohorts_used=len(used),
                pretrend_statistic=pre.statistic,
                pretrend_df=pre.df,
                pretrend_pvalue=pre.pvalue,
                pretrend_reason=pre.reason_code,
            )
            if agg.reason_code:
                codes = res.table.loc[res.table["post"], "reason_code"]
                codes = codes[codes != ""]
                if len(res.cohorts) == 0:
                    code = "no_pre_period"
                else:
                    code = next((k for k in _REASON_ORDER if (codes == k).any()), "no_comparison")
                row.update(reason_code=code, reason=_words(code, min_cohort_size))
            else:
                row.update(
                    estimate=agg.estimate,
                    se=agg.se,
                    ci_low=agg.ci_low,
                    ci_high=agg.ci_high,
                    pvalue=agg.pvalue,
                    reason_code="",
                    reason="",
                )
            part.append(row)
        frame = pd.DataFrame(part).reindex(columns=_ROBUST_COLUMNS)
        frame["p_adj"] = adjust_pvalues(frame["pvalue"], correction, alpha)
        rows.append(frame)
    table = pd.concat(rows, ignore_index=True) if rows else pd.DataFrame(columns=_ROBUST_COLUMNS)
    table["reason_code"] = table["reason_code"].fillna("")
    table["reason"] = table["reason"].fillna("")
    return table, results


_ROBUST_COLUMNS = [
    "outcome",
    "course_id",
    "estimate",
    "se",
    "ci_low",
    "ci_high",
    "pvalue",
    "p_adj",
    "n_treated",
    "n_cohorts",
    "n_cohorts_used",
    "pretrend_statistic",
    "pretrend_df",
    "pretrend_pvalue",
    "pretrend_reason",
    "reason_code",
    "reason",
]


def bacon_for(panel: pd.DataFrame, outcome: str, course: str) -> BaconResult:
    """Goodman-Bacon decomposition of the single-course TWFE for ``course`` on ``outcome``
    (agents observed in every week; see :func:`cslib.stats.bacon.bacon_decomposition`)."""
    return bacon_decomposition(panel, outcome, "agent_id", "week", f"tw_{course}")


def isolated_effects(
    qa: pd.DataFrame | None,
    kpi: pd.DataFrame | None,
    sessions: pd.DataFrame,
    courses: list[str] | tuple[str, ...],
    outcomes: list[str] | tuple[str, ...],
    *,
    control_group: ControlGroup = "notyettreated",
    alpha: float = 0.05,
    correction: str = "holm",
    cluster: str | None = None,
    min_cohort_size: int = 5,
) -> tuple[pd.DataFrame, dict[str, dict[str, GroupTimeResult]]]:
    """Notebook 03's primary level 3/4 estimates (:func:`robust_table`) for other reports.

    The weekly files are joined as in notebook 03 (:func:`weekly_frame`) and the treatment
    panel built from the attendance; the outcomes missing from the weekly data are left out.

    Returns
    -------
    table : DataFrame
        :func:`robust_table`'s table.
    fits : dict
        course → {outcome → :class:`~cslib.stats.staggered.GroupTimeResult`} (the outcomes of
        a course are fitted together, so their influence functions share the unit coding).
    """
    weekly = weekly_frame(qa, kpi)
    if weekly is None:
        return pd.DataFrame(columns=_ROBUST_COLUMNS), {c: {} for c in courses}
    present = [o for o in outcomes if o in weekly]
    panel = treatment_panel(weekly, sessions, courses)
    table, results = robust_table(
        panel,
        present,
        courses,
        control_group=control_group,
        alpha=alpha,
        correction=correction,
        cluster=cluster,
        min_cohort_size=min_cohort_size,
    )
    fits: dict[str, dict[str, GroupTimeResult]] = {c: {} for c in courses}
    for (outcome, course), res in results.items():
        fits[course][outcome] = res
    return table, fits
