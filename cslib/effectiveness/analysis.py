"""Notebook 03's analysis: every Kirkpatrick level on one data set, in one call.

:func:`analyse` runs every level on an :class:`~cslib.effectiveness.io.EffectivenessData` and
returns an :class:`~cslib.effectiveness.results.EffectivenessReport` (tables + per-course
summaries with their verdicts, :mod:`cslib.effectiveness.verdicts`).

Level 3/4 verdicts use the Callaway–Sant'Anna ATT (:func:`cslib.effectiveness.behaviour.
robust_table`); the two-way fixed-effects table stays beside it as a robustness check.
Level 3/4 estimates come from an observational before/after design with a comparison group
(:mod:`cslib.stats.panel`); the text says "associated with", not "caused".  Which KPI a course
series is meant to move is a parameter of :func:`analyse` (the notebook keeps the mapping).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from cslib.core.errors import InputError
from cslib.effectiveness.behaviour import (
    bacon_for,
    did_table,
    robust_table,
    team_before_after,
    treatment_panel,
    weekly_frame,
)
from cslib.effectiveness.io import EffectivenessData, pair_tests
from cslib.effectiveness.levels import learning_table, rate_table
from cslib.effectiveness.phrases import PHRASES
from cslib.effectiveness.results import (
    OUTCOMES,
    CourseSummary,
    EffectivenessReport,
    EffectRow,
    ItemRules,
    LearningRow,
    PanelInfo,
    RatePlan,
    RateRow,
    RetentionRow,
)
from cslib.effectiveness.verdicts import Verdict, not_estimable, p_sentence, verdict
from cslib.stats.bacon import BaconResult
from cslib.stats.items import ItemAnalysis, item_analysis
from cslib.stats.paired import retention
from cslib.stats.panel import EventStudyResult, event_study
from cslib.stats.power import (
    detectable_rate_difference,
    minimum_detectable_effect,
    paired_sample_size,
    smallest_detectable_difference,
    two_proportion_sample_size,
)
from cslib.stats.proportions import ProportionComparison, compare_proportions, proportion
from cslib.stats.staggered import AggregateResult, ControlGroup, aggregate


def _f(x: object) -> float:
    return math.nan if x is None else float(x)  # type: ignore[arg-type]


def _effect_row(outcome: str, row: Mapping[str, object]) -> EffectRow:
    return EffectRow(
        outcome,
        _f(row.get("estimate")),
        _f(row.get("se")),
        _f(row.get("ci_low")),
        _f(row.get("ci_high")),
        _f(row.get("pvalue")),
        _f(row.get("p_adj")),
        _f(row.get("pretrend_pvalue")),
        _f(row.get("mde")),
        str(row.get("reason_code") or ""),
    )


#: The item-analysis thresholds used when none are given (frozen, so one instance serves).
DEFAULT_ITEM_RULES = ItemRules()


#: Fewer respondents than this and level 1 states no rate of staff: one person's answer is
#: 0 % or 100 %, not a share of the staff (issue 26).
MIN_L1_RESPONDENTS = 2


@dataclass(frozen=True)
class ReactionLevel:
    """Level 1 tables (see :func:`reaction_level`)."""

    by_course: pd.DataFrame
    by_series: pd.DataFrame
    by_format: pd.DataFrame
    comparison: ProportionComparison | None
    sample_size: RatePlan | None
    helpful: pd.DataFrame
    likert: pd.DataFrame
    #: people who answered the survey (distinct ``agent_id``); with fewer than
    #: :data:`MIN_L1_RESPONDENTS` no rate is a statement about the staff
    n_respondents: int = MIN_L1_RESPONDENTS


def reaction_level(
    data: EffectivenessData, *, alpha: float = 0.05, power: float = 0.8
) -> ReactionLevel:
    """Level 1: Wilson rates per course, series and format; micro vs classroom (two-proportion
    z test, Newcombe interval) with the sample size that difference needs; "helpful" by staff
    group; mean Likert items per course."""
    courses = data.catalogue.ids
    react = data.reaction
    by_course = rate_table(react, "course_id", confidence_level=1 - alpha)
    by_course = (
        by_course.set_index("course_id")
        .reindex([c for c in courses if c in set(by_course["course_id"])])
        .reset_index()
    )
    by_series = rate_table(react, ["format", "series"], confidence_level=1 - alpha)
    by_format = rate_table(react, "format", confidence_level=1 - alpha).set_index("format")
    comparison = None
    l1_sample = None
    km = nm = kc = nc = 0
    if {"micro", "classroom"} <= set(by_format.index):
        km, nm = int(by_format.loc["micro", "k"]), int(by_format.loc["micro", "n"])
        kc, nc = int(by_format.loc["classroom", "k"]), int(by_format.loc["classroom", "n"])
    # one answer per format is 0 % or 100 %: no comparison (and no sample size from it)
    if min(nm, nc) >= MIN_L1_RESPONDENTS:
        comparison = compare_proportions(km, nm, kc, nc, alpha=alpha, power=power)
        if comparison.difference != 0:
            l1_n = two_proportion_sample_size(
                comparison.first.rate, comparison.second.rate, power=power, alpha=alpha
            )
            l1_sample = RatePlan(
                l1_n.n,
                l1_n.effect_size,
                # prospective: smallest difference above the classroom rate these n can detect
                detectable_rate_difference(
                    comparison.second.rate, nm, nc, power=power, alpha=alpha
                ),
                nm,
                nc,
                power,
            )
    micro = react[react["format"] == "micro"]
    helpful = rate_table(micro, "staff_group", "helpful", confidence_level=1 - alpha)
    answered = micro["helpful"].dropna().astype(bool)
    if len(answered):
        pr = proportion(int(answered.sum()), len(answered), confidence_level=1 - alpha)
        overall = {
            "staff_group": "overall",
            "k": pr.k,
            "n": pr.n,
            "rate": pr.rate,
            "ci_low": pr.ci_low,
            "ci_high": pr.ci_high,
            "n_missing": int(micro["helpful"].isna().sum()),
        }
        helpful = pd.concat([helpful, pd.DataFrame([overall])], ignore_index=True)
    likert_cols = [q for q in react.columns if q.startswith("q_")]
    likert = (
        react.groupby("course_id", sort=False)[likert_cols]
        .mean()
        .reindex([c for c in courses if c in set(react["course_id"])])
        .reset_index()
        if likert_cols
        else pd.DataFrame()
    )
    return ReactionLevel(
        by_course,
        by_series,
        by_format.reset_index(),
        comparison,
        l1_sample,
        helpful,
        likert,
        _respondents(react),
    )


def _respondents(react: pd.DataFrame) -> int:
    """People who answered: distinct ``agent_id`` (or ``response_id``; an anonymous survey
    without either counts each row as one person)."""
    for col in ("agent_id", "response_id"):
        if col in react and react[col].notna().any():
            return int(react[col].nunique())
    return len(react)


@dataclass(frozen=True)
class LearningLevel:
    """Level 2 tables (see :func:`learning_level`)."""

    learning: pd.DataFrame
    retention: pd.DataFrame
    items: dict[str, ItemAnalysis]
    excluded: pd.DataFrame


def learning_level(
    data: EffectivenessData,
    *,
    alpha: float = 0.05,
    correction: str = "holm",
    item_rules: ItemRules = DEFAULT_ITEM_RULES,
) -> LearningLevel:
    """Level 2: paired pre → post per course (adjusted across courses), retention at the
    delayed test, and item analysis of the post-test with ``item_rules``."""
    courses = data.catalogue.ids
    paired, excl_pairs = pair_tests(data.tests, "pre", "post")
    learn = learning_table(paired, courses, alpha=alpha, correction=correction)
    rows = []
    pre = data.tests.scores[data.tests.scores["test"] == "pre"].set_index(["agent_id", "course_id"])
    delayed_pairs, _ = pair_tests(data.tests, "post", "delayed")
    for c in courses:
        g = delayed_pairs[delayed_pairs["course_id"] == c]
        keys = list(zip(g["agent_id"], g["course_id"], strict=True))
        keys = [k for k in keys if k in pre.index]
        if len(keys) < 3:
            continue
        g = g.set_index(["agent_id", "course_id"]).loc[keys]
        res, kept = retention(
            pre.loc[keys, "score"], g["post"], g["delayed"], confidence_level=1 - alpha
        )
        rows.append(
            {
                "course_id": c,
                "n": res.n,
                "mean_pre": float(pre.loc[keys, "score"].mean()),
                "mean_post": res.mean_before,
                "mean_delayed": res.mean_after,
                "change": res.mean_change,
                "ci_low": res.ci_low,
                "ci_high": res.ci_high,
                "p": res.pvalue,
                "share_kept": kept,
            }
        )
    items: dict[str, ItemAnalysis] = {}
    if data.items is not None:
        post_items = data.items[data.items["test"] == "post"]
        for c in courses:
            g = post_items[post_items["course_id"] == c]
            if len(g) >= 5:
                cols = [q for q in g.columns if q not in ("agent_id", "course_id", "test")]
                items[c] = item_analysis(
                    g[cols],
                    easy=item_rules.easy,
                    hard=item_rules.hard,
                    min_discrimination=item_rules.min_discrimination,
                )
    return LearningLevel(learn, pd.DataFrame(rows), items, excl_pairs)


@dataclass(frozen=True)
class BehaviourLevel:
    """Levels 3/4 tables (see :func:`behaviour_level`); empty when there are no weekly data."""

    did: pd.DataFrame = field(default_factory=pd.DataFrame)
    robust: pd.DataFrame = field(default_factory=pd.DataFrame)
    event: EventStudyResult | None = None
    event_robust: AggregateResult | None = None
    bacon: BaconResult | None = None
    team: pd.DataFrame = field(default_factory=pd.DataFrame)
    info: PanelInfo = field(default_factory=PanelInfo)


def behaviour_level(
    data: EffectivenessData,
    *,
    outcomes: tuple[str, ...],
    alpha: float = 0.05,
    correction: str = "holm",
    power: float = 0.8,
    event_course: str | None = None,
    event_outcome: str = "qa_score",
    event_window: tuple[int, int] = (-8, 8),
    team_weeks: int = 8,
    cluster: str | None = None,
    control_group: ControlGroup = "notyettreated",
    min_cohort_size: int = 5,
) -> BehaviourLevel:
    """Levels 3/4 on the weekly QA and KPI data: Callaway–Sant'Anna ATT per course and outcome
    (primary, with its minimum detectable effect), the TWFE table, the TWFE event study, the
    dynamic ATT and the Goodman-Bacon decomposition for ``event_course``, and the descriptive
    team before/after table."""
    cat = data.catalogue
    courses = cat.ids
    weekly = weekly_frame(data.qa, data.kpi)
    if weekly is None:
        return BehaviourLevel()
    present = [o for o in outcomes if o in weekly]
    panel = treatment_panel(weekly, data.sessions, courses)
    did, _fits = did_table(
        panel, present, courses, alpha=alpha, correction=correction, cluster=cluster
    )
    robust, robust_results = robust_table(
        panel,
        present,
        courses,
        control_group=control_group,
        alpha=alpha,
        correction=correction,
        cluster=cluster,
        min_cohort_size=min_cohort_size,
        window=event_window,
    )
    robust["mde"] = [
        minimum_detectable_effect(se, n, power=power, alpha=alpha).mde
        if not r and se > 0 and n >= 2
        else math.nan
        for se, n, r in zip(
            robust["se"], robust["n_treated"].fillna(0), robust["reason_code"], strict=True
        )
    ]
    ev_course = event_course or cat.courses("micro")[0]
    event = event_robust = bacon = None
    if event_outcome in panel:
        event = event_study(
            panel, event_outcome, ev_course, window=event_window, confidence_level=1 - alpha
        )
        if (event_outcome, ev_course) in robust_results:
            event_robust = aggregate(
                robust_results[(event_outcome, ev_course)],
                "dynamic",
                min_e=event_window[0],
                max_e=event_window[1],
            )
        bacon = bacon_for(panel, event_outcome, ev_course)
    team_measures = [
        m for m in ("qa_score", "qa_pass_rate", "repeat_tickets", "aht_s", "csat") if m in panel
    ]
    team = team_before_after(panel, ev_course, team_measures, weeks=team_weeks)
    info = PanelInfo(
        len(panel),
        int(panel["agent_id"].nunique()),
        int(panel["week"].nunique()),
        ev_course,
        tuple(present),
    )
    return BehaviourLevel(did, robust, event, event_robust, bacon, team, info)


def planning_table(
    learning: pd.DataFrame, *, target_gain: float, power: float = 0.8, alpha: float = 0.05
) -> pd.DataFrame:
    """Per course with a defined SD of change: pairs needed to detect ``target_gain`` points
    and the smallest gain detectable with the present n (paired t test, two-sided)."""
    rows = []
    for _, r in learning.iterrows():
        if r.get("n", 0) >= 3 and r.get("sd_change", 0) > 0:
            need = paired_sample_size(target_gain, float(r["sd_change"]), power=power, alpha=alpha)
            mdd = smallest_detectable_difference(
                int(r["n"]), float(r["sd_change"]), power=power, alpha=alpha
            )
            rows.append(
                {
                    "course_id": r["course_id"],
                    "sd_change": r["sd_change"],
                    "n_now": int(r["n"]),
                    "detectable_now": mdd,
                    "target_gain": target_gain,
                    "n_needed": need.n,
                }
            )
    # no course with a spread of changes (e.g. every score identical): an empty table with its
    # columns, so the report shows "no rows" rather than failing
    columns = ["course_id", "sd_change", "n_now", "detectable_now", "target_gain", "n_needed"]
    return pd.DataFrame(rows, columns=columns)


def _learning_row(r: Mapping[str, object]) -> LearningRow:
    return LearningRow(
        int(r["n"]),  # type: ignore[call-overload]
        *(
            _f(r.get(k))
            for k in (
                "mean_before",
                "mean_after",
                "mean_change",
                "change_ci_low",
                "change_ci_high",
                "sd_change",
                "pvalue",
                "p_wilcoxon",
                "p_adj",
                "d_z",
                "g_av",
                "hake_gain",
            )
        ),
    )


def overall_code(codes: list[str]) -> str:
    """Course verdict from its level verdict codes (levels that could not be tested ignored).

    Examples
    --------
    >>> overall_code(["improved", "not_estimable"]), overall_code(["improved", "no_evidence"])
    ('effective', 'partial')
    """
    tested = [x for x in codes if x not in ("insufficient", "not_estimable")]
    if not tested:
        return "insufficient"
    if any(x == "worsened" for x in tested):
        return "mixed"
    if all(x == "improved" for x in tested):
        return "effective"
    if any(x == "improved" for x in tested):
        return "partial"
    return "no_evidence"


def course_summaries(
    data: EffectivenessData,
    l1: ReactionLevel,
    l2: LearningLevel,
    l34: BehaviourLevel,
    *,
    primary_kpi_by_series: Mapping[str, str],
    alpha: float = 0.05,
    correction: str = "holm",
    min_cohort_size: int = 5,
) -> tuple[CourseSummary, ...]:
    """One :class:`CourseSummary` per course, in catalogue order."""
    cat = data.catalogue
    learn = l2.learning.set_index("course_id")
    rc = l1.by_course.set_index("course_id")
    rt_tab = l2.retention.set_index("course_id") if len(l2.retention) else None
    d = l34.robust.set_index(["outcome", "course_id"]) if len(l34.robust) else None
    out = []
    for c in cat.ids:
        lr = _learning_row(learn.loc[c].to_dict())
        lv = verdict(
            lr.mean_change,
            lr.change_ci_low,
            lr.change_ci_high,
            lr.p_adj,
            alpha=alpha,
            correction=correction,
            unit="",
            digits=1,
            p_raw=lr.pvalue,
        )
        reaction = None
        if c in rc.index:
            x = rc.loc[c]
            reaction = RateRow(
                int(x["k"]), int(x["n"]), float(x["rate"]), float(x["ci_low"]), float(x["ci_high"])
            )
        rt = None
        if rt_tab is not None and c in rt_tab.index:
            x = rt_tab.loc[c]
            rt = RetentionRow(
                int(x["n"]),
                *(
                    float(x[k])
                    for k in (
                        "mean_pre",
                        "mean_post",
                        "mean_delayed",
                        "change",
                        "ci_low",
                        "ci_high",
                        "p",
                        "share_kept",
                    )
                ),
            )
        beh = bv = res_row = rv = None
        kpi = primary_kpi_by_series.get(c, primary_kpi_by_series.get(cat.series_of(c)))
        if d is not None:
            if ("qa_score", c) in d.index:
                beh = _effect_row("qa_score", d.loc[("qa_score", c)].to_dict())
                bv = l34_verdict(beh, "qa_score", alpha, correction, min_cohort_size)
            if kpi is not None and (kpi, c) in d.index:
                res_row = _effect_row(kpi, d.loc[(kpi, c)].to_dict())
                rv = l34_verdict(res_row, kpi, alpha, correction, min_cohort_size)
        flagged = tuple(l2.items[c].flagged["item"]) if c in l2.items else ()
        code = overall_code([v.code for v in (lv, bv, rv) if v is not None])
        out.append(
            CourseSummary(
                c,
                cat.title(c, "zh"),
                cat.title(c, "en"),
                cat.format_of(c),
                cat.series_of(c),
                reaction,
                lr,
                lv,
                rt,
                beh,
                bv,
                res_row,
                rv,
                kpi,
                flagged,
                code,
                1 - alpha,
            )
        )
    return tuple(out)


def analyse(
    data: EffectivenessData,
    *,
    alpha: float = 0.05,
    correction: str = "holm",
    power: float = 0.8,
    target_gain: float = 5.0,
    outcomes: tuple[str, ...] = (
        "qa_score",
        "qa_pass_rate",
        "repeat_tickets",
        "aht_s",
        "csat",
        "sales_conversion",
    ),
    primary_kpi_by_series: Mapping[str, str] | None = None,
    event_course: str | None = None,
    event_outcome: str = "qa_score",
    event_window: tuple[int, int] = (-8, 8),
    team_weeks: int = 8,
    cluster: str | None = None,
    control_group: ControlGroup = "notyettreated",
    min_cohort_size: int = 5,
    item_rules: ItemRules = DEFAULT_ITEM_RULES,
) -> EffectivenessReport:
    """Run levels 1–4 and the planning calculations.

    Parameters
    ----------
    alpha : float
        Significance level (two-sided).
    correction : str
        statsmodels ``multipletests`` method for the per-course families (``"holm"``, ``"fdr_bh"``).
    power : float
        Target power for the sample-size plans.
    target_gain : float
        Smallest test-score gain (points) worth detecting next cycle.
    outcomes : tuple of str
        Weekly measures analysed at levels 3/4 (keys of :data:`OUTCOMES`).
    primary_kpi_by_series : mapping, optional
        Course series (or a single course id, which takes precedence) → the level 4 KPI that
        course is meant to move.  Courses not covered get no results-level verdict (default:
        none).  The mapping belongs to the user's data, so it is a parameter of the notebook.
    event_course : str, optional
        Course for the event-study figure (default: the first micro-course).
    cluster : str, optional
        Cluster variable of the DiD standard errors (default the agent; ``"team"`` as a
        sensitivity check, see :func:`cslib.effectiveness.behaviour.did_table`).
    control_group : {"notyettreated", "nevertreated"}
        Comparison agents of the primary level 3/4 estimate (Callaway–Sant'Anna ATT, see
        :func:`cslib.effectiveness.behaviour.robust_table`); verdicts use it, the TWFE table is
        kept as a robustness check.
    min_cohort_size : int
        Training cohorts (agents trained in the same week) smaller than this are not estimated.
    team_weeks : int
        Weeks before and after a team's training week in the descriptive team table.
    item_rules : ItemRules
        Thresholds of the item analysis.

    Raises
    ------
    InputError
        An outcome or a KPI of ``primary_kpi_by_series`` that is not in :data:`OUTCOMES`.
    """
    primary = dict(primary_kpi_by_series or {})
    for o in outcomes:
        if o not in OUTCOMES:
            raise InputError.single(
                None, f"one of {', '.join(OUTCOMES)}", column="outcomes", found=o
            )
    for key, kpi in primary.items():
        if kpi not in OUTCOMES:
            raise InputError.single(
                None,
                f"one of {', '.join(OUTCOMES)}",
                column=f"primary_kpi_by_series[{key!r}]",
                found=kpi,
            )
    l1 = reaction_level(data, alpha=alpha, power=power)
    l2 = learning_level(data, alpha=alpha, correction=correction, item_rules=item_rules)
    l34 = behaviour_level(
        data,
        outcomes=outcomes,
        alpha=alpha,
        correction=correction,
        power=power,
        event_course=event_course,
        event_outcome=event_outcome,
        event_window=event_window,
        team_weeks=team_weeks,
        cluster=cluster,
        control_group=control_group,
        min_cohort_size=min_cohort_size,
    )
    planning = planning_table(l2.learning, target_gain=target_gain, power=power, alpha=alpha)
    summaries = course_summaries(
        data,
        l1,
        l2,
        l34,
        primary_kpi_by_series=primary,
        alpha=alpha,
        correction=correction,
        min_cohort_size=min_cohort_size,
    )
    return EffectivenessReport(
        alpha,
        correction,
        l1.by_course,
        l1.by_series,
        l1.by_format,
        l1.comparison,
        l1.helpful,
        l2.learning,
        l2.retention,
        l2.items,
        l34.did,
        l34.event,
        l34.team,
        planning,
        l1.sample_size,
        summaries,
        pd.concat([data.excluded, l2.excluded], ignore_index=True),
        l34.info,
        l1.likert,
        robust=l34.robust,
        event_robust=l34.event_robust,
        bacon=l34.bacon,
        control_group=control_group,
        min_cohort_size=min_cohort_size,
        power=power,
        target_gain=target_gain,
        team_weeks=team_weeks,
        item_rules=item_rules,
        n_respondents=l1.n_respondents,
    )


def l34_verdict(
    row: EffectRow | Mapping[str, object],
    outcome: str,
    alpha: float,
    correction: str,
    min_cohort_size: int = 5,
) -> Verdict:
    """Verdict on a level 3/4 result (an :class:`EffectRow` or a row of
    :func:`cslib.effectiveness.behaviour.robust_table`): the reason when it cannot be estimated,
    otherwise :func:`verdict` plus a caution when the pre-training test rejects parallel trends
    at ``alpha``."""
    r = row if isinstance(row, EffectRow) else _effect_row(outcome, row)
    if r.reason_code:
        return not_estimable(r.reason_code, min_cohort=min_cohort_size)
    v = verdict(
        r.estimate,
        r.ci_low,
        r.ci_high,
        r.p_adj,
        alpha=alpha,
        correction=correction,
        direction=OUTCOMES[outcome].direction if outcome in OUTCOMES else 1,
        p_raw=r.pvalue,
    )
    p = r.pretrend_pvalue
    if math.isfinite(p) and p < alpha:
        pz = p_sentence(p)
        return Verdict(
            v.code,
            v.zh + PHRASES("pretrend_warn", "zh", p=pz),
            v.en + PHRASES("pretrend_warn", "en", p=pz),
        )
    return v
