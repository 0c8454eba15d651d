"""Put the Kirkpatrick analyses together: one call for the notebook, verdicts and plain text.

:func:`analyse` runs every level on an :class:`~cslib.effectiveness.io.EffectivenessData` and
returns an :class:`EffectivenessReport` (tables + per-course summaries).  :func:`verdict` turns an
estimate, its interval and its *adjusted* p-value into wording that does not over-claim:

* ``improved``    — "improved, significant after <method> correction";
* ``worsened``    — "worsened, significant after <method> correction";
* ``no_evidence`` — "no evidence of change" with the interval of changes the data still allow
  (never "no effect proven": absence of evidence is not evidence of absence);
* ``insufficient`` — too few data to test;
* ``not_estimable`` — a level 3/4 effect the design cannot identify (no comparison agents in the
  weeks after training, cohorts too small, no weeks before training); the sentence says why and
  no estimate, interval or p-value is printed.

Level 3/4 verdicts use the Callaway–Sant'Anna ATT (:func:`cslib.effectiveness.behaviour.
robust_table`); the two-way fixed-effects table stays beside it as a robustness check.

Level 3/4 estimates come from an observational before/after design with a comparison group
(:mod:`cslib.stats.panel`); the text says "associated with", not "caused".

Label text lives in :data:`LABELS` (``"zh"`` / ``"en"``); the project-wide ``cslib.core.i18n`` is owned
by another module and not used here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from cslib.core.i18n import Phrases
from cslib.effectiveness.behaviour import (
    bacon_for,
    did_table,
    robust_table,
    team_before_after,
    treatment_panel,
)
from cslib.effectiveness.io import EffectivenessData, pair_tests
from cslib.effectiveness.levels import learning_table, rate_table
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

#: +1 when a higher value is better, −1 when lower is better.
DIRECTION = {
    "test_score": 1,
    "qa_score": 1,
    "qa_pass_rate": 1,
    "repeat_tickets": -1,
    "aht_s": -1,
    "csat": 1,
    "sales_conversion": 1,
}

#: Default level 4 key result per course series (a course's "primary" KPI).
PRIMARY_KPI_BY_SERIES = {
    "MOT服务技巧": "csat",
    "营销五部曲": "sales_conversion",
    "课堂面授": "qa_pass_rate",
}

LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "test_score": "测验得分",
        "qa_score": "质检得分",
        "qa_pass_rate": "质检合格率(%)",
        "repeat_tickets": "重复工单(件/人/周)",
        "aht_s": "平均处理时长(秒)",
        "csat": "客户满意度(%)",
        "sales_conversion": "营销成功率(%)",
        "micro": "微课",
        "classroom": "传统课堂",
        "front_line": "一线员工",
        "back_office": "后台人员",
        "overall": "总体",
        "satisfaction": "满意率",
        "helpful": "认为有帮助的比例",
        "pre": "前测",
        "post": "后测",
        "delayed": "延迟测",
        "rel_week": "相对培训周(周)",
        "effect": "与未培训坐席相比的变化",
        "course": "课程",
        "reaction": "反应层（满意度）",
        "learning": "学习层（测验）",
        "behaviour": "行为层（质检得分）",
        "results": "结果层（业务指标）",
        "difficulty": "难度(答对率)",
        "discrimination": "区分度(校正题总相关)",
        "score": "得分",
        "week": "周",
        "team": "班组",
        "before": "培训前",
        "after": "培训后",
    },
    "en": {
        "test_score": "Test score",
        "qa_score": "QA score",
        "qa_pass_rate": "QA pass rate (%)",
        "repeat_tickets": "Repeat tickets (per agent-week)",
        "aht_s": "Average handle time (s)",
        "csat": "Customer satisfaction (%)",
        "sales_conversion": "Sales conversion (%)",
        "micro": "Micro-course",
        "classroom": "Classroom",
        "front_line": "Front line",
        "back_office": "Back office",
        "overall": "Overall",
        "satisfaction": "Satisfaction rate",
        "helpful": "Found it helpful",
        "pre": "Pre-test",
        "post": "Post-test",
        "delayed": "Delayed test",
        "rel_week": "Weeks relative to training",
        "effect": "Change vs untrained agents",
        "course": "Course",
        "reaction": "Reaction (satisfaction)",
        "learning": "Learning (tests)",
        "behaviour": "Behaviour (QA score)",
        "results": "Results (KPIs)",
        "difficulty": "Difficulty (share correct)",
        "discrimination": "Discrimination (item–rest r)",
        "score": "Score",
        "week": "Week",
        "team": "Team",
        "before": "Before",
        "after": "After",
    },
}

_METHOD_NAME = {"holm": "Holm", "fdr_bh": "Benjamini–Hochberg", "bonferroni": "Bonferroni"}

#: Level 3/4 wording: why an effect cannot be estimated, pre-trend cautions, estimator names.
L34 = Phrases(
    {
        "not_estimable": ("无法估计：{why}", "cannot be estimated: {why}"),
        "no_treated": ("数据中没有人参加该课程", "nobody in the weekly data took this course"),
        "no_comparison": (
            "培训后的各周没有尚未培训（或从未培训）的坐席可作对照，课程效果与当周所有人共同的变化无法区分",
            "in the weeks after training there are no agents not yet (or never) trained to "
            "compare with, so the course's effect cannot be told apart from what changed for "
            "everyone in those weeks",
        ),
        "too_few_units": (
            "所比较的周内已培训或对照坐席不足2人，无法估计标准误",
            "fewer than 2 trained or comparison agents were observed in the weeks compared, "
            "too few for a standard error",
        ),
        "cohort_too_small": (
            "每个培训批次（同一周培训的坐席）都少于 {min_cohort} 人",
            "every training cohort (agents trained in the same week) has fewer than "
            "{min_cohort} agents",
        ),
        "no_pre_period": (
            "培训前没有数据周，没有“培训前”可比",
            "there are no weeks of data before training, so there is no 'before' to compare with",
        ),
        "collinear": (
            "培训指标与坐席和周的固定效应完全共线（例如所有人同一周培训且没有未培训坐席）",
            "the training dummy is a combination of agent and week effects (e.g. everyone "
            "trained in the same week and nobody untrained)",
        ),
        "pretrend_warn": (
            "；注意：培训前已与对照组有差异（培训前各周联合检验 {p}），该估计需谨慎解读",
            "; caution: trained and comparison agents already differed before training "
            "(joint pre-training test {p}), so read this estimate with care",
        ),
        "estimator_cs": (
            "交错双重差分（Callaway–Sant'Anna，对照组：{control}）",
            "staggered difference-in-differences (Callaway–Sant'Anna, comparison: {control})",
        ),
        "nevertreated": ("从未培训的坐席", "never-trained agents"),
        "notyettreated": ("尚未培训或从未培训的坐席", "agents not yet or never trained"),
    }
)


def not_estimable(code: str, *, min_cohort: int = 5) -> Verdict:
    """Verdict for an effect that cannot be estimated, saying why in zh and en."""
    return Verdict(
        "not_estimable",
        L34("not_estimable", "zh", why=L34(code, "zh", min_cohort=min_cohort)),
        L34("not_estimable", "en", why=L34(code, "en", min_cohort=min_cohort)),
    )


def label(key: str, lang: str = "zh") -> str:
    """Display label of ``key`` in ``lang`` (falls back to English, then the key)."""
    return LABELS.get(lang, LABELS["en"]).get(key, LABELS["en"].get(key, key))


def _fmt_p(p: float) -> str:
    return "< 0.001" if p < 0.001 else f"= {p:.3f}"


@dataclass(frozen=True)
class Verdict:
    """Plain-language verdict on one estimate.

    Attributes
    ----------
    code : str
        ``improved``, ``worsened``, ``no_evidence``, ``insufficient`` or ``not_estimable``.
    zh, en : str
        The sentence in Chinese and English.
    """

    code: str
    zh: str
    en: str

    def text(self, lang: str = "zh") -> str:
        return self.zh if lang == "zh" else self.en


def verdict(
    estimate: float,
    ci_low: float,
    ci_high: float,
    p_adj: float,
    *,
    alpha: float = 0.05,
    direction: int = 1,
    correction: str = "holm",
    unit: str = "",
    digits: int = 2,
    p_raw: float | None = None,
) -> Verdict:
    """Word a result by its adjusted p-value and the sign of the estimate.

    Significant (``p_adj < alpha``) in the good ``direction`` → "improved", in the bad one →
    "worsened"; otherwise "no evidence of change", quoting the confidence interval so a reader
    sees how large a change the data cannot exclude.  When the unadjusted ``p_raw`` is below
    ``alpha`` but the adjusted one is not, the text says so (the unadjusted interval may then
    exclude zero).  NaN inputs → "insufficient".
    """
    m = _METHOD_NAME.get(correction, correction)
    conf = f"{100 * (1 - alpha):g}%"
    if any(v is None or (isinstance(v, float) and math.isnan(v)) for v in (estimate, p_adj)):
        return Verdict("insufficient", "数据不足，无法检验", "too few data to test")
    est = f"{estimate:+.{digits}f}{unit}"
    ci = f"{ci_low:.{digits}f} ~ {ci_high:.{digits}f}{unit}"
    ci_en = f"{ci_low:.{digits}f} to {ci_high:.{digits}f}{unit}"
    if p_adj < alpha:
        good = estimate * direction > 0
        code = "improved" if good else "worsened"
        zh = (
            f"{'有改善' if good else '变差'}，经{m}校正后仍显著（估计 {est}，{conf}置信区间 {ci}，"
            f"校正后p {_fmt_p(p_adj)}）"
        )
        en = (
            f"{'improved' if good else 'worsened'}, significant after {m} correction "
            f"(estimate {est}, {conf} CI {ci_en}, adjusted p {_fmt_p(p_adj)})"
        )
        return Verdict(code, zh, en)
    if p_raw is not None and not math.isnan(p_raw) and p_raw < alpha:
        zh = (
            f"经{m}校正后未发现变化的证据（估计 {est}，未校正{conf}置信区间 {ci}，未校正p "
            f"{_fmt_p(p_raw)}，校正后p {_fmt_p(p_adj)}）：只在不校正多重比较时显著，不足以认定有变化"
        )
        en = (
            f"no evidence of change after {m} correction (estimate {est}, unadjusted {conf} CI "
            f"{ci_en}, unadjusted p {_fmt_p(p_raw)}, adjusted p {_fmt_p(p_adj)}): significant only "
            "without correcting for multiple comparisons, not enough to claim a change"
        )
        return Verdict("no_evidence", zh, en)
    zh = (
        f"未发现变化的证据（估计 {est}，{conf}置信区间 {ci}，校正后p {_fmt_p(p_adj)}）；"
        f"这不等于证明“没有效果”，区间内的变化都与数据相容"
    )
    en = (
        f"no evidence of change (estimate {est}, {conf} CI {ci_en}, adjusted p {_fmt_p(p_adj)}); "
        "this does not prove there is no effect — changes within the interval remain compatible "
        "with the data"
    )
    return Verdict("no_evidence", zh, en)


@dataclass(frozen=True)
class CourseSummary:
    """One-page summary of one course across the four Kirkpatrick levels.

    Attributes
    ----------
    course_id, title_zh, title_en, format, series : str
    reaction : dict or None
        ``k, n, rate, ci_low, ci_high`` of the satisfaction rate.
    learning : dict
        Row of :func:`cslib.effectiveness.levels.learning_table`.
    learning_verdict : Verdict
    retention : dict or None
        ``n, mean_post, mean_delayed, share_kept, p`` when delayed tests exist.
    behaviour : dict or None
        Callaway–Sant'Anna row for the QA score; ``behaviour_verdict`` its verdict.
    results : dict or None
        Callaway–Sant'Anna row for the series' primary KPI; ``results_verdict`` its verdict.
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
    reaction: dict | None
    learning: dict
    learning_verdict: Verdict
    retention: dict | None
    behaviour: dict | None
    behaviour_verdict: Verdict | None
    results: dict | None
    results_verdict: Verdict | None
    primary_kpi: str | None
    flagged_items: tuple[str, ...] = ()
    overall: str = "insufficient"
    confidence: float = 0.95

    def overall_text(self, lang: str = "zh") -> str:
        """A one-sentence verdict for the course."""
        zh = {
            "effective": "有证据表明该课程有效：测验成绩和在岗表现/业务指标均有显著改善。",
            "partial": "部分证据：有的层级显著改善，有的层级未发现变化的证据。",
            "no_evidence": "未发现该课程带来变化的证据（学习、行为和结果层均不显著）；"
            "建议复查课程内容与测验，而不是下结论说课程“无效”。",
            "insufficient": "数据不足，暂不能评价。",
            "mixed": "结果不一致：至少一个层级显著变差，需要查明原因（例如培训占用了接线时间）。",
        }
        en = {
            "effective": "Evidence that the course works: test scores and on-the-job measures "
            "improved significantly.",
            "partial": "Partial evidence: some levels improved significantly, others show no "
            "evidence of change.",
            "no_evidence": "No evidence that the course changed anything (learning, behaviour and "
            "results not significant); review the course and its test rather than "
            "declaring it useless.",
            "insufficient": "Too few data to judge yet.",
            "mixed": "Mixed: at least one level got significantly worse; find out why (e.g. training "
            "time taken from the phones).",
        }
        return (zh if lang == "zh" else en)[self.overall]

    def markdown(self, lang: str = "zh") -> str:
        """The one-page summary as Markdown."""
        title = self.title_zh if lang == "zh" else self.title_en
        fmt = label(self.format, lang)
        lines = [
            f"### {self.course_id} {title}（{fmt}）"
            if lang == "zh"
            else f"### {self.course_id} {title} ({fmt})",
            "",
        ]
        if self.reaction:
            r = self.reaction
            conf = f"{100 * self.confidence:g}%"
            rate = (
                (
                    f"{100 * r['rate']:.1f}%（{r['k']}/{r['n']}，{conf}CI {100 * r['ci_low']:.1f}–"
                    f"{100 * r['ci_high']:.1f}%）"
                )
                if lang == "zh"
                else (
                    f"{100 * r['rate']:.1f}% ({r['k']}/{r['n']}, {conf} CI {100 * r['ci_low']:.1f}–"
                    f"{100 * r['ci_high']:.1f}%)"
                )
            )
            lines.append(
                f"- **{label('reaction', lang)}**：{rate}"
                if lang == "zh"
                else f"- **{label('reaction', lang)}**: {rate}"
            )
        L = self.learning
        sep = "：" if lang == "zh" else ": "
        if L.get("n", 0) >= 3:
            if lang == "zh":
                extra = (
                    f"n = {L['n']}，前测 {L['mean_before']:.1f} → 后测 {L['mean_after']:.1f}，"
                    f"d_z = {L['d_z']:.2f}，Hedges g_av = {L['g_av']:.2f}，"
                    f"Hake 归一化增益 {L['hake_gain']:.2f}"
                )
            else:
                extra = (
                    f"n = {L['n']}, pre {L['mean_before']:.1f} → post {L['mean_after']:.1f}, "
                    f"d_z = {L['d_z']:.2f}, Hedges' g_av = {L['g_av']:.2f}, "
                    f"Hake gain {L['hake_gain']:.2f}"
                )
            lines.append(
                f"- **{label('learning', lang)}**{sep}{extra}；{self.learning_verdict.text(lang)}"
                if lang == "zh"
                else f"- **{label('learning', lang)}**{sep}{extra}; {self.learning_verdict.text(lang)}"
            )
        else:
            lines.append(f"- **{label('learning', lang)}**{sep}{self.learning_verdict.text(lang)}")
        if self.retention:
            R = self.retention
            lines.append(
                f"- 延迟测（约6周后，n = {R['n']}）：保持了 {100 * R['share_kept']:.0f}% 的学习增益"
                if lang == "zh"
                else f"- Delayed test (about 6 weeks later, n = {R['n']}): {100 * R['share_kept']:.0f}% "
                "of the learning gain retained"
            )
        if self.flagged_items:
            lines.append(
                f"- 需复查的测验题：{', '.join(self.flagged_items)}"
                if lang == "zh"
                else f"- Test questions to review: {', '.join(self.flagged_items)}"
            )
        if self.behaviour_verdict is not None:
            lines.append(
                f"- **{label('behaviour', lang)}**{sep}{self.behaviour_verdict.text(lang)}"
            )
        if self.results_verdict is not None and self.primary_kpi:
            name = label(self.primary_kpi, lang)
            lines.append(
                f"- **{label('results', lang)}**（{name}）{sep}{self.results_verdict.text(lang)}"
                if lang == "zh"
                else f"- **{label('results', lang)}** ({name}){sep}{self.results_verdict.text(lang)}"
            )
        lines += ["", f"**{'结论' if lang == 'zh' else 'Verdict'}**{sep}{self.overall_text(lang)}"]
        return "\n".join(lines)


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
    l1_sample_size: dict
    summaries: tuple[CourseSummary, ...]
    excluded: pd.DataFrame
    panel_info: dict = field(default_factory=dict)
    likert_by_course: pd.DataFrame = field(default_factory=pd.DataFrame)
    robust: pd.DataFrame = field(default_factory=pd.DataFrame)
    event_robust: AggregateResult | None = None
    bacon: BaconResult | None = None
    control_group: str = "notyettreated"
    min_cohort_size: int = 5


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
    primary_kpi_by_series: dict[str, str] | None = None,
    event_course: str | None = None,
    event_outcome: str = "qa_score",
    event_window: tuple[int, int] = (-8, 8),
    team_weeks: int = 8,
    cluster: str | None = None,
    control_group: ControlGroup = "notyettreated",
    min_cohort_size: int = 5,
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
    primary_kpi_by_series : dict, optional
        Series (or a single course id, which takes precedence) → the level 4 KPI that course is
        meant to move (default :data:`PRIMARY_KPI_BY_SERIES`).
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
    """
    cat = data.catalogue
    primary = dict(
        PRIMARY_KPI_BY_SERIES if primary_kpi_by_series is None else primary_kpi_by_series
    )
    courses = cat.ids
    react = data.reaction
    # ---------------------------------------------------------------- level 1
    by_course = rate_table(react, "course_id", alpha=alpha)
    by_course = by_course.set_index("course_id").reindex(
        [c for c in courses if c in set(by_course["course_id"])]
    )
    by_course = by_course.reset_index()
    by_series = rate_table(react, ["format", "series"], alpha=alpha)
    by_format = rate_table(react, "format", alpha=alpha).set_index("format")
    comparison = None
    l1_sample: dict = {}
    if {"micro", "classroom"} <= set(by_format.index):
        km, nm = int(by_format.loc["micro", "k"]), int(by_format.loc["micro", "n"])
        kc, nc = int(by_format.loc["classroom", "k"]), int(by_format.loc["classroom", "n"])
        comparison = compare_proportions(km, nm, kc, nc, alpha=alpha, power=power)
        if comparison.difference != 0:
            l1_n = two_proportion_sample_size(
                comparison.first.rate, comparison.second.rate, power=power, alpha=alpha
            )
            l1_sample = {
                "n_per_group": l1_n.n,
                "cohens_h": l1_n.effect_size,
                # prospective: smallest difference above the classroom rate these n can detect
                "detectable_now": detectable_rate_difference(
                    comparison.second.rate, nm, nc, power=power, alpha=alpha
                ),
                "n_micro": nm,
                "n_classroom": nc,
                "power": power,
            }
    by_format = by_format.reset_index()
    micro = react[react["format"] == "micro"]
    helpful = rate_table(micro, "staff_group", "helpful", alpha=alpha)
    answered = micro["helpful"].dropna().astype(bool)
    if len(answered):
        helpful_all = proportion(int(answered.sum()), len(answered), alpha=alpha)
        helpful = pd.concat(
            [
                helpful,
                pd.DataFrame(
                    [
                        {
                            "staff_group": "overall",
                            "k": helpful_all.k,
                            "n": helpful_all.n,
                            "rate": helpful_all.rate,
                            "ci_low": helpful_all.ci_low,
                            "ci_high": helpful_all.ci_high,
                            "n_missing": int(micro["helpful"].isna().sum()),
                        }
                    ]
                ),
            ],
            ignore_index=True,
        )
    # ---------------------------------------------------------------- level 2
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
        res, kept = retention(pre.loc[keys, "score"], g["post"], g["delayed"], alpha=alpha)
        rows.append(
            {
                "course_id": c,
                "n": res.n,
                "mean_pre": float(pre.loc[keys, "score"].mean()),
                "mean_post": res.mean_before,
                "mean_delayed": res.mean_after,
                "change": res.mean_change,
                "ci_low": res.change_ci[0],
                "ci_high": res.change_ci[1],
                "p": res.p_t,
                "share_kept": kept,
            }
        )
    reten = pd.DataFrame(rows)
    items: dict[str, ItemAnalysis] = {}
    if data.items is not None:
        post_items = data.items[data.items["test"] == "post"]
        for c in courses:
            g = post_items[post_items["course_id"] == c]
            if len(g) >= 5:
                cols = [q for q in g.columns if q not in ("agent_id", "course_id", "test")]
                items[c] = item_analysis(g[cols])
    # ------------------------------------------------------------- levels 3/4
    did = pd.DataFrame()
    robust = pd.DataFrame()
    event_robust = None
    bacon = None
    event = None
    team = pd.DataFrame()
    info: dict = {}
    weekly = None
    if data.qa is not None and data.kpi is not None:
        weekly = data.qa.merge(
            data.kpi.drop(columns=["team"]), on=["agent_id", "week"], how="outer"
        )
        weekly["team"] = weekly["team"].fillna(
            weekly["agent_id"].map(dict(zip(data.kpi["agent_id"], data.kpi["team"], strict=False)))
        )
    elif data.qa is not None or data.kpi is not None:
        weekly = data.qa if data.qa is not None else data.kpi
    if weekly is not None:
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
        if event_outcome in panel:
            event = event_study(panel, event_outcome, ev_course, window=event_window, alpha=alpha)
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
        info = {
            "n_agent_weeks": len(panel),
            "n_agents": int(panel["agent_id"].nunique()),
            "n_weeks": int(panel["week"].nunique()),
            "event_course": ev_course,
            "outcomes": present,
        }
    # -------------------------------------------------------------- planning
    plan_rows = []
    for _, r in learn.iterrows():
        if r.get("n", 0) >= 3 and r.get("sd_change", 0) > 0:
            need = paired_sample_size(target_gain, float(r["sd_change"]), power=power, alpha=alpha)
            mdd = smallest_detectable_difference(
                int(r["n"]), float(r["sd_change"]), power=power, alpha=alpha
            )
            plan_rows.append(
                {
                    "course_id": r["course_id"],
                    "sd_change": r["sd_change"],
                    "n_now": int(r["n"]),
                    "detectable_now": mdd,
                    "target_gain": target_gain,
                    "n_needed": need.n,
                }
            )
    planning = pd.DataFrame(plan_rows)
    # -------------------------------------------------------------- summaries
    summaries = []
    for c in courses:
        lr = learn.set_index("course_id").loc[c].to_dict()
        lr["course_id"] = c
        lr["n"] = int(lr["n"])
        lv = verdict(
            lr.get("mean_change", math.nan),
            lr.get("change_ci_low", math.nan),
            lr.get("change_ci_high", math.nan),
            lr.get("p_adj", math.nan),
            alpha=alpha,
            correction=correction,
            unit="",
            digits=1,
            p_raw=lr.get("p_t"),
        )
        rc = by_course.set_index("course_id")
        reaction = None
        if c in rc.index:
            reaction = rc.loc[c, ["rate", "ci_low", "ci_high"]].to_dict()
            reaction.update(k=int(rc.loc[c, "k"]), n=int(rc.loc[c, "n"]))
        rt = (
            reten.set_index("course_id").loc[c].to_dict()
            if len(reten) and c in set(reten["course_id"])
            else None
        )
        if rt is not None:
            rt["n"] = int(rt["n"])
        beh = bv = res_row = rv = None
        kpi = primary.get(c, primary.get(cat.series_of(c)))
        if len(robust):
            d = robust.set_index(["outcome", "course_id"])
            if ("qa_score", c) in d.index:
                beh = d.loc[("qa_score", c)].to_dict()
                bv = l34_verdict(beh, "qa_score", alpha, correction, min_cohort_size)
            if kpi is not None and (kpi, c) in d.index:
                res_row = d.loc[(kpi, c)].to_dict()
                rv = l34_verdict(res_row, kpi, alpha, correction, min_cohort_size)
        flagged = tuple(items[c].flagged["item"]) if c in items else ()
        codes = [v.code for v in (lv, bv, rv) if v is not None]
        tested = [x for x in codes if x not in ("insufficient", "not_estimable")]
        if not tested:
            verdict_code = "insufficient"
        elif any(x == "worsened" for x in tested):
            verdict_code = "mixed"
        elif all(x == "improved" for x in tested):
            verdict_code = "effective"
        elif any(x == "improved" for x in tested):
            verdict_code = "partial"
        else:
            verdict_code = "no_evidence"
        summaries.append(
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
                verdict_code,
                1 - alpha,
            )
        )
    excluded = pd.concat([data.excluded, excl_pairs], ignore_index=True)
    likert_cols = [q for q in react.columns if q.startswith("q_")]
    likert = (
        react.groupby("course_id", sort=False)[likert_cols]
        .mean()
        .reindex([c for c in courses if c in set(react["course_id"])])
        .reset_index()
        if likert_cols
        else pd.DataFrame()
    )
    return EffectivenessReport(
        alpha,
        correction,
        by_course,
        by_series,
        by_format,
        comparison,
        helpful,
        learn,
        reten,
        items,
        did,
        event,
        team,
        planning,
        l1_sample,
        tuple(summaries),
        excluded,
        info,
        likert,
        robust=robust,
        event_robust=event_robust,
        bacon=bacon,
        control_group=control_group,
        min_cohort_size=min_cohort_size,
    )


def l34_verdict(
    row: dict, outcome: str, alpha: float, correction: str, min_cohort_size: int = 5
) -> Verdict:
    """Verdict on a level 3/4 row of :func:`cslib.effectiveness.behaviour.robust_table`: the
    reason when it cannot be estimated, otherwise :func:`verdict` plus a caution when the
    pre-training test rejects parallel trends at ``alpha``."""
    if row.get("reason_code"):
        return not_estimable(str(row["reason_code"]), min_cohort=min_cohort_size)
    v = verdict(
        row["estimate"],
        row["ci_low"],
        row["ci_high"],
        row["p_adj"],
        alpha=alpha,
        correction=correction,
        direction=DIRECTION.get(outcome, 1),
        p_raw=row["p_value"],
    )
    p = row.get("pretrend_p", math.nan)
    if p is not None and not math.isnan(p) and p < alpha:
        pz = "p " + _fmt_p(p)
        return Verdict(
            v.code, v.zh + L34("pretrend_warn", "zh", p=pz), v.en + L34("pretrend_warn", "en", p=pz)
        )
    return v


def l1_text(report: EffectivenessReport, lang: str = "zh") -> str:
    """Micro-course vs classroom satisfaction in words, with significance and the n needed."""
    c = report.micro_vs_classroom
    m = report.l1_sample_size
    if c is None:
        return (
            "没有同时包含微课和传统课堂的问卷，无法比较两种形式。"
            if lang == "zh"
            else "The survey does not cover both micro-courses and classroom courses; no comparison."
        )
    sig = c.p_value < report.alpha
    diff = 100 * c.difference
    lo, hi = 100 * c.ci_low, 100 * c.ci_high
    conf = f"{100 * (1 - report.alpha):g}%"
    if lang == "zh":
        s = (
            f"微课满意率 {100 * c.first.rate:.1f}%（{c.first.k}/{c.first.n}），传统课堂 "
            f"{100 * c.second.rate:.1f}%（{c.second.k}/{c.second.n}），相差 {diff:+.1f} 个百分点"
            f"（Newcombe {conf}置信区间 {lo:.1f} ~ {hi:.1f}），两比例z检验 p {_fmt_p(c.p_value)}。"
        )
        s += (
            "在本样本量下差异**显著**。"
            if sig
            else "在本样本量下差异**不显著**，不能说微课满意度更高。"
        )
        if m:
            s += (
                f"要以 {100 * (1 - report.alpha):.0f}% 置信、{100 * m['power']:.0f}% 把握检测出这样大小的差异，"
                f"每组约需 {m['n_per_group']} 份问卷；按当前样本量，微课满意率至少要比传统课堂高 "
                f"{100 * m['detectable_now']:.1f} 个百分点才能以同样把握检测出来。"
            )
        return s
    s = (
        f"Micro-course satisfaction {100 * c.first.rate:.1f}% ({c.first.k}/{c.first.n}) vs "
        f"classroom {100 * c.second.rate:.1f}% ({c.second.k}/{c.second.n}): difference "
        f"{diff:+.1f} points (Newcombe {conf} CI {lo:.1f} to {hi:.1f}), two-proportion z test "
        f"p {_fmt_p(c.p_value)}. "
    )
    s += (
        "The difference is **significant** at these sample sizes. "
        if sig
        else "The difference is **not significant** at these sample sizes. "
    )
    if m:
        s += (
            f"Detecting a difference this size with {100 * m['power']:.0f}% power needs about {m['n_per_group']} "
            f"responses per group; with the present numbers, micro-course satisfaction must exceed "
            f"the classroom rate by at least {100 * m['detectable_now']:.1f} points to be detected "
            "with the same power."
        )
    return s


def conclusion_text(report: EffectivenessReport, lang: str = "zh") -> str:
    """Plain-language conclusion for trainers, generated from the numbers."""
    groups: dict[str, list[CourseSummary]] = {}
    for s in report.summaries:
        groups.setdefault(s.overall, []).append(s)

    def names(code):
        return (
            "、".join(f"《{s.title_zh}》" for s in groups.get(code, []))
            if lang == "zh"
            else ", ".join(f"“{s.title_en}”" for s in groups.get(code, []))
        )

    h = (
        report.helpful_by_group.set_index("staff_group")["rate"]
        if len(report.helpful_by_group)
        else pd.Series(dtype=float)
    )
    c = report.micro_vs_classroom

    def pct(key, digits=1):
        return f"{100 * h[key]:.{digits}f}%" if key in h.index else "—"

    out = []
    if lang == "zh":
        first = "**学员反应**："
        if c is not None:
            first += (
                f"微课满意率 {100 * c.first.rate:.1f}%，传统课堂 {100 * c.second.rate:.1f}%；"
                f"{'差异显著' if c.p_value < report.alpha else '差异不显著'}（p {_fmt_p(c.p_value)}）。"
            )
        first += (
            f"认为微课有帮助的比例：一线 {pct('front_line')}，后台 {pct('back_office', 0)}，"
            f"总体 {pct('overall')}。"
        )
        out.append(first)
        if groups.get("effective"):
            out.append(
                f"**有证据有效的课程**：{names('effective')}——测验成绩提高，且在岗质检得分/业务指标"
                "与同期未培训坐席相比有显著改善。"
            )
        if groups.get("partial"):
            out.append(
                f"**部分有证据的课程**：{names('partial')}——至少一个层级显著改善，其余层级未发现变化的证据。"
            )
        if groups.get("mixed"):
            out.append(
                f"**结果不一致的课程**：{names('mixed')}——至少一个层级显著变差，需要查明原因。"
            )
        if groups.get("no_evidence"):
            out.append(
                f"**未发现效果证据的课程**：{names('no_evidence')}——测验和在岗指标均未见显著变化。"
                "这不能证明课程“没用”，但提示应复查课程内容、练习设计和测验题。"
            )
        if groups.get("insufficient"):
            out.append(f"**数据不足的课程**：{names('insufficient')}。")
        out.append(
            "**读法提示**：行为层和结果层的结论依据"
            + L34("estimator_cs", "zh", control=L34(report.control_group, "zh"))
            + "：每个培训批次与同期尚未受训的坐席比较培训前后的变化，再按批次人数平均；"
            "双向固定效应估计只作为稳健性对照（交错培训且效果随时间变化时它可能有偏）。"
            "这些是与培训相关的变化，而非严格的因果证明；所有显著性都已做多重比较校正。"
        )
    else:
        first = "**Reaction**: "
        if c is not None:
            first += (
                f"micro-course satisfaction {100 * c.first.rate:.1f}% vs classroom "
                f"{100 * c.second.rate:.1f}%; the difference is "
                f"{'significant' if c.p_value < report.alpha else 'not significant'} "
                f"(p {_fmt_p(c.p_value)}). "
            )
        first += (
            f"Found micro-courses helpful: front line {pct('front_line')}, back office "
            f"{pct('back_office', 0)}, overall {pct('overall')}."
        )
        out.append(first)
        if groups.get("effective"):
            out.append(
                f"**Courses with evidence of effect**: {names('effective')} — test scores rose "
                "and on-the-job QA/KPIs improved relative to agents not yet trained."
            )
        if groups.get("partial"):
            out.append(
                f"**Partial evidence**: {names('partial')} — at least one level improved "
                "significantly, others show no evidence of change."
            )
        if groups.get("mixed"):
            out.append(
                f"**Mixed results**: {names('mixed')} — at least one level got significantly "
                "worse; find out why."
            )
        if groups.get("no_evidence"):
            out.append(
                f"**No evidence of change**: {names('no_evidence')} — neither tests nor "
                "on-the-job measures changed significantly. This does not prove the course is "
                "useless; review its content, practice and test."
            )
        if groups.get("insufficient"):
            out.append(f"**Too few data**: {names('insufficient')}.")
        out.append(
            "**How to read this**: the level 3/4 conclusions rest on "
            + L34("estimator_cs", "en", control=L34(report.control_group, "en"))
            + ": each training cohort's before/after change is compared with that of agents "
            "not trained by then, and the cohorts are averaged by size; the two-way fixed-effects "
            "estimate is kept only as a robustness check (it can be biased when training is "
            "staggered and effects change over time). These are changes associated with "
            "training, not proof of causation; all significance statements are corrected for "
            "multiple comparisons."
        )
    return "\n".join(f"{i}. {line}" for i, line in enumerate(out, start=1))


def key_numbers(report: EffectivenessReport) -> dict[str, object]:
    """Flat dict of the numbers a notebook records for regression tests."""
    c = report.micro_vs_classroom
    h = (
        report.helpful_by_group.set_index("staff_group")["rate"]
        if len(report.helpful_by_group)
        else pd.Series(dtype=float)
    )
    out: dict[str, object] = {f"l1_helpful_{g}": h[g] for g in h.index}
    if c is not None:
        out.update(
            {
                "l1_satisfaction_micro": c.first.rate,
                "l1_satisfaction_classroom": c.second.rate,
                "l1_difference": c.difference,
                "l1_difference_ci": [c.ci_low, c.ci_high],
                "l1_z": c.z,
                "l1_p": c.p_value,
                "l1_n_per_group_needed": report.l1_sample_size.get("n_per_group"),
            }
        )
    for s in report.summaries:
        L = s.learning
        out[f"l2_{s.course_id}"] = {
            k: L.get(k)
            for k in ("n", "mean_change", "p_t", "p_adj", "p_wilcoxon", "d_z", "g_av", "hake_gain")
        }
        out[f"verdict_{s.course_id}"] = {
            "learning": s.learning_verdict.code,
            "behaviour": s.behaviour_verdict.code if s.behaviour_verdict else None,
            "results": s.results_verdict.code if s.results_verdict else None,
            "overall": s.overall,
        }
    for c_id, ia in report.items.items():
        out[f"kr20_{c_id}"] = ia.kr20
    if len(report.did):
        for o, g in report.did.groupby("outcome", sort=False):
            out[f"did_{o}"] = {r.course_id: [r.estimate, r.se, r.p_adj] for r in g.itertuples()}
    if len(report.robust):
        for o, g in report.robust.groupby("outcome", sort=False):
            out[f"att_{o}"] = {r.course_id: [r.estimate, r.se, r.p_adj] for r in g.itertuples()}
    if report.event is not None:
        out["event_pretrend_p"] = report.event.pretrend_p
    return {k: (None if isinstance(v, float) and np.isnan(v) else v) for k, v in out.items()}
