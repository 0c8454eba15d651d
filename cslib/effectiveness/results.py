"""The frozen results of notebook 03's analysis (the analysis room of :mod:`cslib.effectiveness`).

:data:`OUTCOMES` is the registry of measures a course may move (better direction, valid range;
names in :data:`cslib.effectiveness.phrases.PHRASES`); the dataclasses are what
:func:`cslib.effectiveness.analysis.analyse` returns: rows per level, one
:class:`CourseSummary` per course and the :class:`EffectivenessReport` holding every table.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from cslib.core.i18n import each_language, format_number, list_separator, pick
from cslib.effectiveness.io import MEASURES
from cslib.effectiveness.phrases import PHRASES, confidence_text, label, percent
from cslib.effectiveness.verdicts import Verdict
from cslib.stats.bacon import BaconResult
from cslib.stats.items import ItemAnalysis
from cslib.stats.panel import EventStudyResult
from cslib.stats.proportions import ProportionComparison
from cslib.stats.staggered import AggregateResult


@dataclass(frozen=True)
class Outcome:
    """One measure a course may move: its labels, which direction is better and its range.

    The range (``lower``, ``upper``, ``integer``) is the one the readers validate against
    (:data:`cslib.effectiveness.io.MEASURES`); a test score has no fixed upper bound here.
    """

    key: str
    direction: int
    lower: float = 0.0
    upper: float = math.inf
    integer: bool = False

    def label(self, lang: str = "zh") -> str:
        """The outcome's name in ``lang`` (from :data:`cslib.effectiveness.phrases.PHRASES`)."""
        return PHRASES(f"outcome_{self.key}", lang)

    @property
    def zh(self) -> str:
        return self.label("zh")

    @property
    def en(self) -> str:
        return self.label("en")


def _outcome(key: str, direction: int) -> Outcome:
    lo, hi, whole = MEASURES.get(key, (0.0, math.inf, False))
    return Outcome(key, direction, lo, hi, whole)


#: The one outcome registry: direction (+1 higher is better, −1 lower is better), range.
OUTCOMES: dict[str, Outcome] = {
    o.key: o
    for o in (
        _outcome("test_score", 1),
        _outcome("qa_score", 1),
        _outcome("qa_pass_rate", 1),
        _outcome("repeat_tickets", -1),
        _outcome("aht_s", -1),
        _outcome("csat", 1),
        _outcome("sales_conversion", 1),
    )
}

#: +1 when a higher value is better, −1 when lower is better (read from :data:`OUTCOMES`).
DIRECTION = {k: o.direction for k, o in OUTCOMES.items()}


@dataclass(frozen=True)
class RateRow:
    """A satisfaction rate with its Wilson interval (level 1)."""

    k: int
    n: int
    rate: float
    ci_low: float
    ci_high: float


@dataclass(frozen=True)
class LearningRow:
    """Pre → post result of one course (level 2); statistics are NaN when ``n < 3``."""

    n: int
    mean_before: float = math.nan
    mean_after: float = math.nan
    mean_change: float = math.nan
    change_ci_low: float = math.nan
    change_ci_high: float = math.nan
    sd_change: float = math.nan
    pvalue: float = math.nan
    p_wilcoxon: float = math.nan
    p_adj: float = math.nan
    d_z: float = math.nan
    g_av: float = math.nan
    hake_gain: float = math.nan


@dataclass(frozen=True)
class RetentionRow:
    """Post → delayed result of one course; ``share_kept`` NaN when there was no gain."""

    n: int
    mean_pre: float
    mean_post: float
    mean_delayed: float
    change: float
    ci_low: float
    ci_high: float
    pvalue: float
    share_kept: float


@dataclass(frozen=True)
class EffectRow:
    """Level 3/4 Callaway–Sant'Anna result of one course on one outcome.

    ``reason_code`` is empty when estimated, otherwise why not (numbers are then NaN).
    """

    outcome: str
    estimate: float
    se: float
    ci_low: float
    ci_high: float
    pvalue: float
    p_adj: float
    pretrend_pvalue: float = math.nan
    mde: float = math.nan
    reason_code: str = ""


@dataclass(frozen=True)
class CourseSummary:
    """One-page summary of one course across the four Kirkpatrick levels.

    Attributes
    ----------
    course_id, title_zh, title_en, format, series : str
    reaction : RateRow or None
        Satisfaction rate with its Wilson interval.
    learning : LearningRow
        Pre → post result; ``learning_verdict`` its verdict.
    retention : RetentionRow or None
        When delayed tests exist.
    behaviour : EffectRow or None
        Callaway–Sant'Anna result for the QA score; ``behaviour_verdict`` its verdict.
    results : EffectRow or None
        Callaway–Sant'Anna result for the course's primary KPI; ``results_verdict`` its verdict.
    flagged_items : tuple of str
        Test questions flagged by the item analysis.
    overall : str
        ``effective`` (every tested level improved), ``partial`` (some improved, none worse),
        ``mixed`` (some level significantly worse), ``no_evidence`` or ``insufficient``.
    """

    course_id: str
    title_zh: str
    title_en: str
    format: str
    series: str
    reaction: RateRow | None
    learning: LearningRow
    learning_verdict: Verdict
    retention: RetentionRow | None
    behaviour: EffectRow | None
    behaviour_verdict: Verdict | None
    results: EffectRow | None
    results_verdict: Verdict | None
    primary_kpi: str | None
    flagged_items: tuple[str, ...] = ()
    overall: str = "insufficient"
    confidence_level: float = 0.95

    def title(self, lang: str = "zh") -> str:
        return pick(self.title_zh, self.title_en, lang)

    def overall_text(self, lang: str = "zh") -> str:
        """A one-sentence verdict for the course."""
        return PHRASES(self.overall, lang)

    @each_language("\n\n")
    def markdown(self, lang: str = "zh") -> str:
        """The one-page summary as Markdown (``zh+en``: the Chinese page, then the English)."""
        lines = [
            PHRASES(
                "course_head",
                lang,
                cid=self.course_id,
                title=self.title(lang),
                fmt=label(self.format, lang),
            ),
            "",
        ]
        if self.reaction:
            r = self.reaction
            rate = PHRASES(
                "rate",
                lang,
                rate=percent(r.rate),
                k=r.k,
                n=r.n,
                conf=confidence_text(self.confidence_level),
                lo=percent(r.ci_low),
                hi=percent(r.ci_high),
            )
            lines.append(PHRASES("item", lang, name=label("reaction", lang), text=rate))
        L = self.learning
        if L.n >= 3 and math.isfinite(L.mean_change):
            extra = PHRASES(
                "learning_numbers",
                lang,
                n=L.n,
                pre=format_number(L.mean_before, 1),
                post=format_number(L.mean_after, 1),
                dz=format_number(L.d_z, 2)
                if math.isfinite(L.d_z)
                else PHRASES("es_undefined", lang),
                gav=format_number(L.g_av, 2)
                if math.isfinite(L.g_av)
                else PHRASES("es_undefined", lang),
                hake=format_number(L.hake_gain, 2)
                if math.isfinite(L.hake_gain)
                else PHRASES("hake_undefined", lang),
                verdict=self.learning_verdict.text(lang),
            )
            lines.append(PHRASES("item", lang, name=label("learning", lang), text=extra))
        else:
            lines.append(
                PHRASES(
                    "item",
                    lang,
                    name=label("learning", lang),
                    text=self.learning_verdict.text(lang),
                )
            )
        if self.retention:
            R = self.retention
            if math.isfinite(R.share_kept):
                lines.append(PHRASES("retention", lang, n=R.n, kept=percent(R.share_kept, 0)))
            else:
                lines.append(PHRASES("retention_undefined", lang, n=R.n))
        if self.flagged_items:
            lines.append(
                PHRASES(
                    "items_to_review", lang, items=list_separator(lang).join(self.flagged_items)
                )
            )
        if self.behaviour_verdict is not None:
            lines.append(
                PHRASES(
                    "item",
                    lang,
                    name=label("behaviour", lang),
                    text=self.behaviour_verdict.text(lang),
                )
            )
        if self.results_verdict is not None and self.primary_kpi:
            name = PHRASES(
                "results_name",
                lang,
                results=label("results", lang),
                kpi=label(self.primary_kpi, lang),
            )
            lines.append(PHRASES("item", lang, name=name, text=self.results_verdict.text(lang)))
        lines += ["", PHRASES("verdict_line", lang, text=self.overall_text(lang))]
        return "\n".join(lines)


@dataclass(frozen=True)
class ItemRules:
    """Thresholds of the item analysis (see :func:`cslib.stats.items.item_analysis`): share
    correct above ``easy`` is too easy, below ``hard`` too hard; item–rest correlation below
    ``min_discrimination`` is weak; a test with KR-20 below ``min_kr20`` is unreliable."""

    easy: float = 0.9
    hard: float = 0.2
    min_discrimination: float = 0.2
    min_kr20: float = 0.7


@dataclass(frozen=True)
class RatePlan:
    """Sample size for the micro-course vs classroom satisfaction difference (level 1).

    ``n_per_group`` responses per format detect the observed difference with ``power``
    (Cohen's h ``cohens_h``); ``detectable_now`` is the smallest rate difference above the
    classroom rate the present ``n_micro`` and ``n_classroom`` detect with the same power.
    """

    n_per_group: int
    cohens_h: float
    detectable_now: float
    n_micro: int
    n_classroom: int
    power: float


@dataclass(frozen=True)
class PanelInfo:
    """Size of the weekly panel used at levels 3/4 and the course of the event-time figures."""

    n_agent_weeks: int = 0
    n_agents: int = 0
    n_weeks: int = 0
    event_course: str | None = None
    outcomes: tuple[str, ...] = ()


@dataclass(frozen=True)
class EffectivenessReport:
    """Every table of a run (see :func:`analyse`)."""

    alpha: float
    correction: str
    satisfaction_by_course: pd.DataFrame
    satisfaction_by_series: pd.DataFrame
    satisfaction_by_format: pd.DataFrame
    micro_vs_classroom: ProportionComparison | None
    helpful_by_group: pd.DataFrame
    learning: pd.DataFrame
    retention: pd.DataFrame
    items: dict[str, ItemAnalysis]
    did: pd.DataFrame
    event: EventStudyResult | None
    team_table: pd.DataFrame
    planning: pd.DataFrame
    l1_sample_size: RatePlan | None
    summaries: tuple[CourseSummary, ...]
    excluded: pd.DataFrame
    panel_info: PanelInfo = field(default_factory=PanelInfo)
    likert_by_course: pd.DataFrame = field(default_factory=pd.DataFrame)
    robust: pd.DataFrame = field(default_factory=pd.DataFrame)
    event_robust: AggregateResult | None = None
    bacon: BaconResult | None = None
    control_group: str = "notyettreated"
    min_cohort_size: int = 5
    power: float = 0.8
    target_gain: float = 5.0
    team_weeks: int = 8
    item_rules: ItemRules = ItemRules()
    #: people who answered the level 1 survey (below 2, no rate of staff is stated)
    n_respondents: int = 2
