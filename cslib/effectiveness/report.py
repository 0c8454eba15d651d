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

Outcomes (labels, better direction, valid range) live in one registry, :data:`OUTCOMES`; other
display values in the phrase table :data:`NAMES`; p-values are formatted by
:func:`cslib.core.i18n.format_p`.  Which KPI a course series is meant to move is a parameter of
:func:`analyse` (the notebook keeps the mapping), not a table in this module.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from cslib.core.courses import Catalogue
from cslib.core.errors import InputError
from cslib.core.i18n import (
    LABELS,
    Phrases,
    Side,
    clause_separator,
    concat_lists,
    each_language,
    format_number,
    format_p,
    join_languages,
    languages,
    list_separator,
    per_language,
    pick,
)
from cslib.core.i18n import label as core_label
from cslib.effectiveness.behaviour import (
    bacon_for,
    did_table,
    robust_table,
    team_before_after,
    treatment_panel,
    weekly_frame,
)
from cslib.effectiveness.io import MEASURES, EffectivenessData, pair_tests
from cslib.effectiveness.levels import learning_table, rate_table
from cslib.reporting.claims import percent_list
from cslib.reporting.fonts import figure_language
from cslib.stats.bacon import BaconResult
from cslib.stats.items import ItemAnalysis, item_analysis
from cslib.stats.paired import retention
from cslib.stats.panel import MIN_TREATED_CLUSTERS, EventStudyResult, event_study
from cslib.stats.power import (
    detectable_rate_difference,
    minimum_detectable_effect,
    paired_sample_size,
    smallest_detectable_difference,
    two_proportion_sample_size,
)
from cslib.stats.proportions import ProportionComparison, compare_proportions, proportion
from cslib.stats.staggered import AggregateResult, ControlGroup, aggregate


@dataclass(frozen=True)
class Outcome:
    """One measure a course may move: its labels, which direction is better and its range.

    The range (``lower``, ``upper``, ``integer``) is the one the readers validate against
    (:data:`cslib.effectiveness.io.MEASURES`); a test score has no fixed upper bound here.
    """

    key: str
    zh: str
    en: str
    direction: int
    lower: float = 0.0
    upper: float = math.inf
    integer: bool = False

    def label(self, lang: str = "zh") -> str:
        return pick(self.zh, self.en, lang)


def _outcome(key: str, zh: str, en: str, direction: int) -> Outcome:
    lo, hi, whole = MEASURES.get(key, (0.0, math.inf, False))
    return Outcome(key, zh, en, direction, lo, hi, whole)


#: The one outcome registry: labels, direction (+1 higher is better, −1 lower is better), range.
OUTCOMES: dict[str, Outcome] = {
    o.key: o
    for o in (
        _outcome("test_score", "测验得分", "Test score", 1),
        _outcome("qa_score", "质检得分", "QA score", 1),
        _outcome("qa_pass_rate", "质检合格率(%)", "QA pass rate (%)", 1),
        _outcome("repeat_tickets", "重复工单(件/人/周)", "Repeat tickets (per agent-week)", -1),
        _outcome("aht_s", "平均处理时长(秒)", "Average handle time (s)", -1),
        _outcome("csat", "客户满意度(%)", "Customer satisfaction (%)", 1),
        _outcome("sales_conversion", "营销成功率(%)", "Sales conversion (%)", 1),
    )
}

#: +1 when a higher value is better, −1 when lower is better (read from :data:`OUTCOMES`).
DIRECTION = {k: o.direction for k, o in OUTCOMES.items()}

#: Display names of the values the code produces (formats, staff groups, levels, axis text).
NAMES = Phrases(
    {
        "micro": ("微课", "Micro-course"),
        "classroom": ("传统课堂", "Classroom"),
        "front_line": ("一线员工", "Front line"),
        "back_office": ("后台人员", "Back office"),
        "overall": ("总体", "Overall"),
        "satisfaction": ("满意率", "Satisfaction rate"),
        "helpful": ("认为有帮助的比例", "Found it helpful"),
        "pre": ("前测", "Pre-test"),
        "post": ("后测", "Post-test"),
        "delayed": ("延迟测", "Delayed test"),
        "rel_week": ("相对培训周(周)", "Weeks relative to training"),
        "effect": ("与未培训坐席相比的变化", "Change vs untrained agents"),
        "course": ("课程", "Course"),
        "reaction": ("反应层（满意度）", "Reaction (satisfaction)"),
        "learning": ("学习层（测验）", "Learning (tests)"),
        "behaviour": ("行为层（质检得分）", "Behaviour (QA score)"),
        "results": ("结果层（业务指标）", "Results (KPIs)"),
        "difficulty": ("难度(答对率)", "Difficulty (share correct)"),
        "discrimination": ("区分度(校正题总相关)", "Discrimination (item–rest r)"),
        "score": ("得分", "Score"),
        "week": ("周", "Week"),
        "team": ("班组", "Team"),
        "before": ("培训前", "Before"),
        "after": ("培训后", "After"),
    }
)

#: Goodman-Bacon comparison types (the values of :attr:`cslib.stats.bacon.BaconResult.table`).
BACON_TYPES = Phrases(
    {
        "treated vs never treated": ("已培训 vs 从未培训", "treated vs never treated"),
        "earlier vs later (not yet treated)": (
            "先培训 vs 后培训（尚未培训作对照）",
            "earlier vs later (not yet treated)",
        ),
        "later vs earlier (already treated)": (
            "后培训 vs 先培训（已培训作对照）",
            "later vs earlier (already treated)",
        ),
        "later vs always treated": ("后培训 vs 一直已培训", "later vs always treated"),
    }
)

#: Item-analysis flags (the texts of :func:`cslib.stats.items.item_analysis`).
ITEM_FLAGS = Phrases(
    {
        "too easy": ("太容易", "too easy"),
        "too hard": ("太难", "too hard"),
        "negative discrimination (check the answer key)": (
            "区分度为负（请核对标准答案）",
            "negative discrimination (check the answer key)",
        ),
        "weak discrimination": ("区分度弱", "weak discrimination"),
    }
)


def item_flag(flag: str, lang: str = "zh") -> str:
    """An item-analysis flag (``"; "``-separated texts) in ``lang``.

    Examples
    --------
    >>> item_flag("too easy; weak discrimination", "zh")
    '太容易；区分度弱'
    """
    parts = [ITEM_FLAGS(f, lang) for f in flag.split("; ") if f]
    return clause_separator(lang).join(parts)


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
        "outcome_constant": (
            "该指标在每名坐席各周之间都没有变化，效果无从定义",
            "the outcome does not vary over the weeks for any agent, so an effect is undefined",
        ),
        "few_treated_clusters": (
            "参加培训（或未参加）的聚类单位少于 {min_treated} 个，聚类稳健标准误在这种情况下严重低估不确定性"
            "（MacKinnon & Webb 2017），因此不报告 p 值和置信区间",
            "fewer than {min_treated} trained (or untrained) clusters: cluster-robust standard errors "
            "badly understate the uncertainty with so few (MacKinnon & Webb 2017), so no "
            "p-value or interval is reported",
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
        "pretest_no_pre_cells": (
            "每个参与估计的批次在培训前都只有一周数据，没有可检验的培训前效应",
            "every estimated cohort has a single week before training, so there are no "
            "pre-training effects to test",
        ),
        "pretest_singular": (
            "培训前估计值的协方差矩阵奇异（估计值个数不少于坐席聚类数），无法做联合检验",
            "the covariance of the pre-training estimates is singular (as many estimates as "
            "agent clusters or more), so there is no joint test",
        ),
        "nevertreated": ("从未培训的坐席", "never-trained agents"),
        "notyettreated": ("尚未培训或从未培训的坐席", "agents not yet or never trained"),
    }
)


def not_estimable(code: str, *, min_cohort: int = 5) -> Verdict:
    """Verdict for an effect that cannot be estimated, saying why in zh and en."""
    return Verdict(
        "not_estimable",
        L34(
            "not_estimable",
            "zh",
            why=L34(code, "zh", min_cohort=min_cohort, min_treated=MIN_TREATED_CLUSTERS),
        ),
        L34(
            "not_estimable",
            "en",
            why=L34(code, "en", min_cohort=min_cohort, min_treated=MIN_TREATED_CLUSTERS),
        ),
    )


def label(key: str, lang: str = "zh") -> str:
    """Display label of ``key``: an outcome, a value in :data:`NAMES`, or a column label of
    :data:`cslib.core.i18n.LABELS`.  An unknown key is an error, so internal names never
    reach a report.

    Examples
    --------
    >>> label("aht_s", "en"), label("classroom", "zh"), label("estimate", "en")
    ('Average handle time (s)', '传统课堂', 'Estimate')
    """
    if key in OUTCOMES:
        return OUTCOMES[key].label(lang)
    if key in NAMES:
        return NAMES(key, lang)
    if key in LABELS:
        return core_label(key, lang)
    raise KeyError(f"no display label for {key!r}")


def _p(p: float) -> str:
    """``p = 0.023`` / ``p < 0.001`` through the one formatter of :mod:`cslib.core.i18n`."""
    return format_p(p, style="sentence")


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
        return pick(self.zh, self.en, lang)


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

    Examples
    --------
    >>> v = verdict(2.0, 1.0, 3.0, 0.004)
    >>> v.code, v.en
    ('improved', 'improved, significant after Holm correction (estimate +2.00, 95% CI 1.00 to 3.00, adjusted p = 0.004)')
    >>> verdict(2.0, 1.0, 3.0, 0.004, alpha=0.001).code
    'no_evidence'
    """
    m = _METHOD_NAME.get(correction, correction)
    conf = f"{100 * (1 - alpha):g}%"
    finite = estimate is not None and not (isinstance(estimate, float) and math.isnan(estimate))
    if finite and ci_low is not None and math.isfinite(ci_low) and ci_low == ci_high:
        # zero-width interval: every change the same, no variance (p is 0 or undefined)
        est = f"{estimate:+.{digits}f}{unit}"
        return Verdict(
            "not_estimable",
            f"无法检验：每个人的变化都相同（{est}），数据没有变异，给不出 p 值和置信区间",
            f"cannot be tested: every change is the same ({est}), so the data have no variance "
            "to give a p-value or an interval",
        )
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
            f"校正后{_p(p_adj)}）"
        )
        en = (
            f"{'improved' if good else 'worsened'}, significant after {m} correction "
            f"(estimate {est}, {conf} CI {ci_en}, adjusted {_p(p_adj)})"
        )
        return Verdict(code, zh, en)
    if p_raw is not None and not math.isnan(p_raw) and p_raw < alpha:
        zh = (
            f"经{m}校正后未发现变化的证据（估计 {est}，未校正{conf}置信区间 {ci}，未校正"
            f"{_p(p_raw)}，校正后{_p(p_adj)}）：只在不校正多重比较时显著，不足以认定有变化"
        )
        en = (
            f"no evidence of change after {m} correction (estimate {est}, unadjusted {conf} CI "
            f"{ci_en}, unadjusted {_p(p_raw)}, adjusted {_p(p_adj)}): significant only "
            "without correcting for multiple comparisons, not enough to claim a change"
        )
        return Verdict("no_evidence", zh, en)
    zh = (
        f"未发现变化的证据（估计 {est}，{conf}置信区间 {ci}，校正后{_p(p_adj)}）；"
        f"这不等于证明“没有效果”，区间内的变化都与数据相容"
    )
    en = (
        f"no evidence of change (estimate {est}, {conf} CI {ci_en}, adjusted {_p(p_adj)}); "
        "this does not prove there is no effect — changes within the interval remain compatible "
        "with the data"
    )
    return Verdict("no_evidence", zh, en)


#: Generated prose of this report (one phrase table; thresholds and numbers are arguments).
TEXT = Phrases(
    {
        "course_head": ("### {cid} {title}（{fmt}）", "### {cid} {title} ({fmt})"),
        "item": ("- **{name}**：{text}", "- **{name}**: {text}"),
        "rate": (
            "{rate}（{k}/{n}，{conf}置信区间 {lo}–{hi}）",
            "{rate} ({k}/{n}, {conf} CI {lo} to {hi})",
        ),
        "learning_numbers": (
            "n = {n}，前测 {pre} → 后测 {post}，d_z = {dz}，Hedges g_av = {gav}，Hake 归一化增益 {hake}；{verdict}",
            "n = {n}, pre {pre} → post {post}, d_z = {dz}, Hedges' g_av = {gav}, Hake gain {hake}; {verdict}",
        ),
        "hake_undefined": (
            "无法计算，因为前测均值已是满分",
            "undefined, because the pre-test mean is already the maximum score",
        ),
        "es_undefined": (
            "无法计算（所有学员的前后变化相同，变化的标准差为 0）",
            "undefined (every learner changed by the same amount, so the SD of the change is 0)",
        ),
        "retention": (
            "- 延迟测（n = {n}）：保持了 {kept} 的学习增益",
            "- Delayed test (n = {n}): {kept} of the learning gain retained",
        ),
        "retention_undefined": (
            "- 延迟测（n = {n}）：保持比例无法计算，因为平均没有学习增益可保持",
            "- Delayed test (n = {n}): the share retained is undefined, because there was no "
            "average learning gain to keep",
        ),
        "items_to_review": ("- 需复查的测验题：{items}", "- Test questions to review: {items}"),
        "results_name": ("{results}（{kpi}）", "{results} ({kpi})"),
        "verdict_line": ("**结论**：{text}", "**Verdict**: {text}"),
        "effective": (
            "有证据表明该课程有效：测验成绩和在岗表现/业务指标均有显著改善。",
            "Evidence that the course works: test scores and on-the-job measures improved "
            "significantly.",
        ),
        "partial": (
            "部分证据：有的层级显著改善，有的层级未发现变化的证据。",
            "Partial evidence: some levels improved significantly, others show no evidence of "
            "change.",
        ),
        "no_evidence": (
            "未发现该课程带来变化的证据（学习、行为和结果层均不显著）；建议复查课程内容与测验，"
            "而不是下结论说课程“无效”。",
            "No evidence that the course changed anything (learning, behaviour and results not "
            "significant); review the course and its test rather than declaring it useless.",
        ),
        "insufficient": ("数据不足，暂不能评价。", "Too few data to judge yet."),
        "mixed": (
            "结果不一致：至少一个层级显著变差，需要查明原因（例如培训占用了接线时间）。",
            "Mixed: at least one level got significantly worse; find out why (e.g. training "
            "time taken from the phones).",
        ),
        "quoted": ("《{t}》", "“{t}”"),
        "none": ("（无）", "(none)"),
        # level 1
        "l1_none": (
            "没有同时包含微课和传统课堂的问卷，无法比较两种形式。",
            "The survey does not cover both micro-courses and classroom courses; no comparison.",
        ),
        "l1_rates": (
            "微课满意率 {rm}（{km}/{nm}），传统课堂 {rc}（{kc}/{nc}），相差 {diff} 个百分点"
            "（Newcombe {conf}置信区间 {lo} ~ {hi}），两比例z检验（正态近似） {p}。",
            "Micro-course satisfaction {rm} ({km}/{nm}) vs classroom {rc} ({kc}/{nc}): "
            "difference {diff} points (Newcombe {conf} CI {lo} to {hi}), two-proportion z test "
            "(normal approximation) {p}. ",
        ),
        "l1_sig": (
            "在显著性水平 α = {alpha} 下差异**显著**。",
            "The difference is **significant** at α = {alpha}. ",
        ),
        "l1_nonsig": (
            "在显著性水平 α = {alpha} 下差异**不显著**，不能说微课满意度更高。",
            "The difference is **not significant** at α = {alpha}. ",
        ),
        "l1_n": (
            "要在 α = {alpha}、把握度 {power} 下检测出这样大小的差异，每组约需 {n} 份问卷；"
            "按当前样本量，微课满意率至少要比传统课堂高 {mdd} 个百分点才能以同样把握检测出来。",
            "Detecting a difference this size at α = {alpha} with {power} power needs about {n} "
            "responses per group; with the present numbers, micro-course satisfaction must "
            "exceed the classroom rate by at least {mdd} points to be detected with the same "
            "power.",
        ),
        # summary box
        "summary": ("摘要", "Summary"),
        "findings": ("**主要发现**", "**Findings**"),
        "next_steps": ("**下一步**", "**Next steps**"),
        "f_reaction": (
            "**学员反应**：微课满意率 {rm}，传统课堂 {rc}，相差 {diff} 个百分点（{p}），"
            "在 α = {alpha} 下{sig}。",
            "**Reaction**: micro-course satisfaction {rm} vs classroom {rc}, a difference of "
            "{diff} points ({p}), {sig} at α = {alpha}.",
        ),
        "sig": ("差异显著", "significant"),
        "nonsig": ("差异不显著", "not significant"),
        "f_helpful": (
            "**学员反应**：{groups}认为微课有帮助。",
            "**Reaction**: found the micro-courses helpful — {groups}.",
        ),
        "helpful_group": ("{g} {rate}", "{g} {rate}"),
        "f_effective": (
            "**有证据有效的课程**（{k}/{n}）：{names}——测验成绩提高，且在岗质检得分/业务指标与同期未培训坐席相比有显著改善。",
            "**Courses with evidence of effect** ({k} of {n}): {names} — test scores rose and "
            "on-the-job QA/KPIs improved relative to agents not yet trained.",
        ),
        "f_partial": (
            "**部分有证据的课程**（{k}/{n}）：{names}——至少一个层级显著改善，其余层级未发现变化的证据。",
            "**Partial evidence** ({k} of {n}): {names} — at least one level improved "
            "significantly, others show no evidence of change.",
        ),
        "f_mixed": (
            "**结果不一致的课程**（{k}/{n}）：{names}——至少一个层级显著变差，需要查明原因。",
            "**Mixed results** ({k} of {n}): {names} — at least one level got significantly "
            "worse; find out why.",
        ),
        "f_no_evidence": (
            "**未发现效果证据的课程**（{k}/{n}）：{names}——测验和在岗指标均未见显著变化。"
            "这不能证明课程“没用”，但提示应复查课程内容、练习设计和测验题。",
            "**No evidence of change** ({k} of {n}): {names} — neither tests nor on-the-job "
            "measures changed significantly. This does not prove the course is useless; review "
            "its content, practice and test.",
        ),
        "f_insufficient": (
            "**数据不足的课程**（{k}/{n}）：{names}。",
            "**Too few data** ({k} of {n}): {names}.",
        ),
        "f_method": (
            "**读法提示**：行为层和结果层的结论依据{estimator}：每个培训批次与同期尚未受训的坐席比较培训前后的变化，"
            "再按批次人数平均；双向固定效应估计只作为稳健性对照（交错培训且效果随时间变化时它可能有偏）。"
            "这些是与培训相关的变化，而非严格的因果证明；所有显著性都已做{method}多重比较校正（α = {alpha}）。",
            "**How to read this**: the level 3/4 conclusions rest on {estimator}: each training "
            "cohort's before/after change is compared with that of agents not trained by then, "
            "and the cohorts are averaged by size; the two-way fixed-effects estimate is kept "
            "only as a robustness check (it can be biased when training is staggered and effects "
            "change over time). These are changes associated with training, not proof of "
            "causation; all significance statements are {method}-corrected for multiple "
            "comparisons (α = {alpha}).",
        ),
        "s_items": (
            "下一期开课前修改被标记的测验题：{items}（太容易、太难或区分度低，会让测验量不准学习效果）。",
            "Before the next run, revise the flagged test questions: {items} (too easy, too hard "
            "or weakly discriminating, so the test cannot measure learning well).",
        ),
        "s_kr20": (
            "{courses}的测验信度 KR-20 低于 {kr20}，结论前应先改进测验（增加或替换题目）。",
            "The tests of {courses} have KR-20 below {kr20}; improve the test (add or replace "
            "questions) before relying on its scores.",
        ),
        "s_review": (
            "复查{names}的课程内容和练习设计，再决定是否继续开课。",
            "Review the content and practice of {names} before deciding whether to keep running "
            "them.",
        ),
        "s_mixed": (
            "查明{names}在某个层级变差的原因（例如培训占用了接线时间）。",
            "Find out why {names} got worse at some level (e.g. training time taken from the "
            "phones).",
        ),
        "s_sample": (
            "下一批测验人数：要以把握度 {power} 检测出 {gain} 分的提升，{courses}。",
            "Next cohort's test sample: to detect a {gain}-point gain with {power} power, "
            "{courses}.",
        ),
        "s_sample_course": (
            "{cid} 需 {need} 人（本期 {now} 人）",
            "{cid} needs {need} (now {now})",
        ),
        "s_pretrend": (
            "{names}在培训前已与对照坐席有差异（培训前检验 p < α = {alpha}），其行为/结果层结论需谨慎使用。",
            "{names} already differed from the comparison agents before training (pre-training "
            "test p < α = {alpha}); use their behaviour/results conclusions with care.",
        ),
        "item_rules": (
            "难度 = 答对率（> {easy} 太容易，< {hard} 太难）；区分度 = 该题与“其余各题总分”的相关"
            "（< {disc} 区分度弱，< 0 多半是答案设错了）；**KR-20** 是整份测验的信度（≥ {kr20} 一般可接受）。"
            "被标记的题目应在下一期前修改。",
            "Difficulty = share correct (> {easy} too easy, < {hard} too hard); discrimination = "
            "correlation with the rest of the test (< {disc} weak, < 0 check the answer key); "
            "**KR-20** = reliability of the whole test (≥ {kr20} usually acceptable). Flagged "
            "questions should be revised before the next run.",
        ),
        "team_window": (
            "每个班组在培训周前后各 {weeks} 周的平均值（重复工单为每 4 周的班组合计）；表中是“培训后 − 培训前”的变化，"
            "培训前后的数值在链接的完整表里。这是描述，不扣除同期的整体变化；扣除后的估计见上面的双重差分。",
            "Per team, {weeks} weeks before vs {weeks} weeks after its training week (repeat "
            "tickets = team total per 4 weeks); the table shows the change after − before, the "
            "before and after values are in the linked full table. Descriptive only; the "
            "difference-in-differences above nets out common changes.",
        ),
        "s_keep": (
            "继续按当前数据格式收集每周质检和业务指标，下一期重新运行本报告。",
            "Keep collecting weekly QA and KPI data in the present format and rerun this report "
            "after the next cycle.",
        ),
        # notebook 03: headings, notes and figure titles between the generated tables
        "no_excluded": ("没有未纳入分析的行。", "No rows were left out."),
        "helpful_head": ("**认为微课有帮助的比例**", "**Found the micro-courses helpful**"),
        "fig_rates": (
            "各课程满意率及{conf}置信区间（虚线 = 微课总体）",
            "Satisfaction rate per course with {conf} CI (dashed: all micro-courses)",
        ),
        "series_head": ("**按系列的满意率**", "**Satisfaction by series**"),
        "likert_head": ("**各题平均分（1–5）**", "**Mean Likert item scores (1–5)**"),
        "effect_sizes_head": ("**效应量**", "**Effect sizes**"),
        "fig_learning": (
            "前测与后测平均分（红色短条 = 提升的{conf}置信区间，数字 = 平均提升）",
            "Mean pre- and post-test score (red bar: {conf} CI of the gain; number: mean gain)",
        ),
        "no_retention": ("没有延迟测数据。", "No delayed tests."),
        "blank_discrimination": (
            "区分度空白的题：所有人都答对（或都答错），区分度无法计算。",
            "Blank discrimination: everyone answered the question the same way, so it is "
            "undefined.",
        ),
        "fig_items": (
            "{course}：各题难度与区分度（红色 = 需复查）",
            "{course}: difficulty and discrimination (red: to review)",
        ),
        "cs_head": (
            "**主要结果：Callaway–Sant'Anna 平均处理效应（培训后各周平均）**，对照组 = {control}；"
            "基期为变动基期（与 Callaway–Sant'Anna 原作者程序的默认设置相同）：培训后各周与培训前"
            "最后一周比较，"
            "培训前各周与其前一周比较",
            "**Primary result: Callaway–Sant'Anna average effect over the weeks after training**, "
            "comparison = {control}; base period: varying (the default of the authors' R "
            "package did): "
            "weeks after training are compared with the last week before it, weeks before "
            "training with the week before each",
        ),
        "estimates_head": (
            "**估计值**（重复工单和处理时长越低越好；空白 = 无法估计，原因见下）",
            "**Estimates** (lower is better for repeat tickets and handle time; blank = cannot be "
            "estimated, see below)",
        ),
        "padj_head": ("**校正后 p 值**", "**Adjusted p-values**"),
        "qa_detail_head": (
            "**质检得分详表**（最小可检测效应 = 按当前数据以 {power:.0f}% 把握能检测出的最小效果）",
            "**QA score in detail** (smallest detectable effect = the smallest effect these data "
            "detect with {power:.0f}% power)",
        ),
        "not_estimable_line": ("- {course} · {outcome}：{why}", "- {course} · {outcome}: {why}"),
        "no_weekly": (
            "没有每周质检/业务指标数据，跳过第3–4层。",
            "No weekly QA/KPI data: levels 3–4 skipped.",
        ),
        "fig_event_time": (
            "{course}：质检得分按距培训周数的变化",
            "{course}: QA score change by weeks since training",
        ),
        "cs_pretest": (
            "培训前各周联合检验：χ²({df}) = {statistic:.2f}，{p}（α = {alpha:g}）。{verdict}",
            "Joint test of the pre-training weeks: χ²({df}) = {statistic:.2f}, {p} "
            "(α = {alpha:g}). {verdict}",
        ),
        "no_pre_difference": ("未见培训前已有差异。", "No sign of pre-existing differences."),
        "pre_difference": (
            "培训前已有差异，结果需谨慎解读。",
            "Pre-training differences: read the estimates with caution.",
        ),
        "pretest_undefined": (
            "培训前检验无法进行：{why}",
            "The pre-training test cannot be done: {why}",
        ),
        "no_event_time": ("没有事件时间结果。", "No event-time results."),
        "twfe_head": (
            "**双向固定效应估计值**（对照）",
            "**Two-way fixed-effects estimates** (comparison)",
        ),
        "fig_did": (
            "双向固定效应：质检得分的变化及{conf}置信区间（实心 = 校正后显著）",
            "Two-way fixed effects: QA score change with {conf} CI (filled: significant after "
            "adjustment)",
        ),
        "bacon": (
            "**{course} 质检得分的 Goodman-Bacon 分解**：{n_units} 名每周都有数据的坐席"
            "（另有 {n_dropped} 名缺周未纳入）；单课程双向固定效应 = {twfe:.3f}，"
            "各 2×2 估计按权重加总 = {estimate:.3f}；以已培训坐席作对照的比较占权重 {already:.0f}%。",
            "**Goodman-Bacon decomposition, {course}, QA score**: {n_units} agents observed every "
            "week ({n_dropped} with gaps left out); single-course two-way fixed effects = "
            "{twfe:.3f}, weighted sum of the 2×2 estimates = {estimate:.3f}; comparisons with "
            "already-trained controls carry {already:.0f}% of the weight.",
        ),
        "fig_bacon": (
            "{course}：各 2×2 比较的估计值与权重（虚线 = 双向固定效应）",
            "{course}: 2×2 estimates and their weights (dashed: two-way fixed effects)",
        ),
        "no_bacon": ("Goodman-Bacon 分解无法进行：{why}", "No Goodman-Bacon decomposition: {why}"),
        "event_study_undefined": (
            "双向固定效应事件研究无法估计培训前各周（相对周哑变量与周固定效应共线或没有培训前数据），"
            "不给检验结果。",
            "The two-way fixed-effects event study cannot estimate the pre-training weeks "
            "(relative-week dummies collinear with week effects, or no pre-training data); no "
            "test is reported.",
        ),
        "fig_event_study": (
            "{course}：双向固定效应事件研究（阴影 = {conf}置信区间）",
            "{course}: two-way fixed-effects event study (shading: {conf} CI)",
        ),
        "event_study_pretest": (
            "培训前各周联合检验（平行趋势）：F = {statistic:.2f}，{p}（α = {alpha:g}）。{verdict}",
            "Joint test of the pre-training weeks (parallel trends): F = {statistic:.2f}, {p} "
            "(α = {alpha:g}). {verdict}",
        ),
        "did_pre_difference": (
            "培训前已有差异，双重差分结果需谨慎解读。",
            "Pre-training differences: read the difference-in-differences with caution.",
        ),
        "no_event_study": ("没有事件研究结果。", "No event study."),
        "full_table": ("完整表：{link}", "Full table: {link}"),
        "fig_team": (
            "各班组培训前后的平均处理时长（数字 = 变化，秒）",
            "Average handle time per team before and after training (number: change, s)",
        ),
        "no_team": ("没有班组前后对比。", "No team table."),
    }
)


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


def _pct(x: float, digits: int = 1) -> str:
    return format_number(x, digits, percent=True)


def _conf(level: float) -> str:
    """A confidence level as people write it: 95%, 99%, 99.5% (never rounded up to 100%)."""
    return f"{100 * level:g}%"


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
        return TEXT(self.overall, lang)

    @each_language("\n\n")
    def markdown(self, lang: str = "zh") -> str:
        """The one-page summary as Markdown (``zh+en``: the Chinese page, then the English)."""
        lines = [
            TEXT(
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
            rate = TEXT(
                "rate",
                lang,
                rate=_pct(r.rate),
                k=r.k,
                n=r.n,
                conf=_conf(self.confidence_level),
                lo=_pct(r.ci_low),
                hi=_pct(r.ci_high),
            )
            lines.append(TEXT("item", lang, name=label("reaction", lang), text=rate))
        L = self.learning
        if L.n >= 3 and math.isfinite(L.mean_change):
            extra = TEXT(
                "learning_numbers",
                lang,
                n=L.n,
                pre=format_number(L.mean_before, 1),
                post=format_number(L.mean_after, 1),
                dz=format_number(L.d_z, 2) if math.isfinite(L.d_z) else TEXT("es_undefined", lang),
                gav=format_number(L.g_av, 2)
                if math.isfinite(L.g_av)
                else TEXT("es_undefined", lang),
                hake=format_number(L.hake_gain, 2)
                if math.isfinite(L.hake_gain)
                else TEXT("hake_undefined", lang),
                verdict=self.learning_verdict.text(lang),
            )
            lines.append(TEXT("item", lang, name=label("learning", lang), text=extra))
        else:
            lines.append(
                TEXT(
                    "item",
                    lang,
                    name=label("learning", lang),
                    text=self.learning_verdict.text(lang),
                )
            )
        if self.retention:
            R = self.retention
            if math.isfinite(R.share_kept):
                lines.append(TEXT("retention", lang, n=R.n, kept=_pct(R.share_kept, 0)))
            else:
                lines.append(TEXT("retention_undefined", lang, n=R.n))
        if self.flagged_items:
            lines.append(
                TEXT("items_to_review", lang, items=list_separator(lang).join(self.flagged_items))
            )
        if self.behaviour_verdict is not None:
            lines.append(
                TEXT(
                    "item",
                    lang,
                    name=label("behaviour", lang),
                    text=self.behaviour_verdict.text(lang),
                )
            )
        if self.results_verdict is not None and self.primary_kpi:
            name = TEXT(
                "results_name",
                lang,
                results=label("results", lang),
                kpi=label(self.primary_kpi, lang),
            )
            lines.append(TEXT("item", lang, name=name, text=self.results_verdict.text(lang)))
        lines += ["", TEXT("verdict_line", lang, text=self.overall_text(lang))]
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


def reaction_level(
    data: EffectivenessData, *, alpha: float = 0.05, power: float = 0.8
) -> ReactionLevel:
    """Level 1: Wilson rates per course, series and format; micro vs classroom (two-proportion
    z test, Newcombe interval) with the sample size that difference needs; "helpful" by staff
    group; mean Likert items per course."""
    courses = data.catalogue.ids
    react = data.reaction
    by_course = rate_table(react, "course_id", alpha=alpha)
    by_course = (
        by_course.set_index("course_id")
        .reindex([c for c in courses if c in set(by_course["course_id"])])
        .reset_index()
    )
    by_series = rate_table(react, ["format", "series"], alpha=alpha)
    by_format = rate_table(react, "format", alpha=alpha).set_index("format")
    comparison = None
    l1_sample = None
    if {"micro", "classroom"} <= set(by_format.index):
        km, nm = int(by_format.loc["micro", "k"]), int(by_format.loc["micro", "n"])
        kc, nc = int(by_format.loc["classroom", "k"]), int(by_format.loc["classroom", "n"])
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
    helpful = rate_table(micro, "staff_group", "helpful", alpha=alpha)
    answered = micro["helpful"].dropna().astype(bool)
    if len(answered):
        pr = proportion(int(answered.sum()), len(answered), alpha=alpha)
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
        by_course, by_series, by_format.reset_index(), comparison, l1_sample, helpful, likert
    )


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
    item_rules: ItemRules = ItemRules(),
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
        res, kept = retention(pre.loc[keys, "score"], g["post"], g["delayed"], alpha=alpha)
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
    item_rules: ItemRules = ItemRules(),
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
        pz = _p(p)
        return Verdict(
            v.code, v.zh + L34("pretrend_warn", "zh", p=pz), v.en + L34("pretrend_warn", "en", p=pz)
        )
    return v


def _alpha(a: float) -> str:
    return f"{a:g}"


@each_language("\n\n")
def l1_text(report: EffectivenessReport, lang: str = "zh") -> str:
    """Micro-course vs classroom satisfaction in words, with significance at the report's
    ``alpha`` and the sample size that difference needs."""
    c = report.micro_vs_classroom
    m = report.l1_sample_size
    if c is None:
        return TEXT("l1_none", lang)
    a = _alpha(report.alpha)
    s = TEXT(
        "l1_rates",
        lang,
        rm=_pct(c.first.rate),
        km=c.first.k,
        nm=c.first.n,
        rc=_pct(c.second.rate),
        kc=c.second.k,
        nc=c.second.n,
        diff=f"{100 * c.difference:+.1f}",
        conf=_conf(1 - report.alpha),
        lo=format_number(100 * c.ci_low, 1),
        hi=format_number(100 * c.ci_high, 1),
        p=_p(c.pvalue),
    )
    s += TEXT("l1_sig" if c.pvalue < report.alpha else "l1_nonsig", lang, alpha=a)
    if m:
        s += TEXT(
            "l1_n",
            lang,
            alpha=a,
            power=_conf(m.power),
            n=m.n_per_group,
            mdd=format_number(100 * m.detectable_now, 1),
        )
    return s


def _names(summaries: list[CourseSummary], lang: str) -> str:
    return list_separator(lang).join(TEXT("quoted", lang, t=s.title(lang)) for s in summaries)


def _groups(report: EffectivenessReport) -> dict[str, list[CourseSummary]]:
    groups: dict[str, list[CourseSummary]] = {}
    for s in report.summaries:
        groups.setdefault(s.overall, []).append(s)
    return groups


def _reaction_findings(report: EffectivenessReport, lang: str) -> list[str]:
    out = []
    c = report.micro_vs_classroom
    if c is not None:
        out.append(
            TEXT(
                "f_reaction",
                lang,
                rm=_pct(c.first.rate),
                rc=_pct(c.second.rate),
                diff=f"{100 * c.difference:+.1f}",
                p=_p(c.pvalue),
                alpha=_alpha(report.alpha),
                sig=TEXT("sig" if c.pvalue < report.alpha else "nonsig", lang),
            )
        )
    h = report.helpful_by_group
    if len(h):
        # one precision for every number of the list (never 97% beside 97.9%)
        rates = percent_list([float(r) for r in h["rate"]], decimals=1)
        parts = [
            TEXT("helpful_group", lang, g=label(str(r.staff_group), lang), rate=rate)
            for r, rate in zip(h.itertuples(), rates, strict=True)
        ]
        out.append(TEXT("f_helpful", lang, groups=list_separator(lang).join(parts)))
    return out


def _course_findings(report: EffectivenessReport, lang: str) -> list[str]:
    groups = _groups(report)
    n = len(report.summaries)
    return [
        TEXT(f"f_{code}", lang, k=len(groups[code]), n=n, names=_names(groups[code], lang))
        for code in ("effective", "partial", "mixed", "no_evidence", "insufficient")
        if groups.get(code)
    ]


def _method_note(report: EffectivenessReport, lang: str) -> str:
    return TEXT(
        "f_method",
        lang,
        estimator=L34("estimator_cs", lang, control=L34(report.control_group, lang)),
        method=_METHOD_NAME.get(report.correction, report.correction),
        alpha=_alpha(report.alpha),
    )


@each_language("\n\n")
def conclusion_text(report: EffectivenessReport, lang: str = "zh") -> str:
    """Plain-language conclusion for trainers, generated from the numbers (numbered list)."""
    out = _reaction_findings(report, lang) + _course_findings(report, lang)
    out.append(_method_note(report, lang))
    return "\n".join(f"{i}. {line}" for i, line in enumerate(out, start=1))


@each_language(concat_lists)
def next_steps(report: EffectivenessReport, lang: str = "zh") -> list[str]:
    """What to do next, from the numbers: questions to revise, courses to review, the test
    sample the next cohort needs (at the report's ``power`` and ``target_gain``), courses whose
    pre-training test failed at ``alpha``."""
    out = []
    sep = list_separator(lang)
    flagged = [
        f"{s.course_id} {sep.join(s.flagged_items)}" for s in report.summaries if s.flagged_items
    ]
    if flagged:
        out.append(TEXT("s_items", lang, items=clause_separator(lang).join(flagged)))
    weak = [
        f"{c} ({format_number(ia.kr20, 2)})"
        for c, ia in report.items.items()
        if math.isfinite(ia.kr20) and ia.kr20 < report.item_rules.min_kr20
    ]
    if weak:
        out.append(
            TEXT("s_kr20", lang, courses=sep.join(weak), kr20=f"{report.item_rules.min_kr20:g}")
        )
    groups = _groups(report)
    if groups.get("no_evidence"):
        out.append(TEXT("s_review", lang, names=_names(groups["no_evidence"], lang)))
    if groups.get("mixed"):
        out.append(TEXT("s_mixed", lang, names=_names(groups["mixed"], lang)))
    plan = report.planning
    short = plan[plan["n_needed"] > plan["n_now"]] if len(plan) else plan
    if len(short):
        courses = sep.join(
            TEXT("s_sample_course", lang, cid=r.course_id, need=int(r.n_needed), now=int(r.n_now))
            for r in short.itertuples()
        )
        out.append(
            TEXT(
                "s_sample",
                lang,
                power=_conf(report.power),
                gain=f"{report.target_gain:g}",
                courses=courses,
            )
        )
    caution = [
        s
        for s in report.summaries
        if any(
            r is not None and not r.reason_code and r.pretrend_pvalue < report.alpha
            for r in (s.behaviour, s.results)
        )
    ]
    if caution:
        out.append(
            TEXT("s_pretrend", lang, names=_names(caution, lang), alpha=_alpha(report.alpha))
        )
    out.append(TEXT("s_keep", lang))
    return out


def summary_markdown(report: EffectivenessReport, lang: str = "zh") -> str:
    """The summary box that opens the report: ``## 摘要`` / ``## Summary``, 3–6 numbered
    findings with their numbers, then the next steps; all generated from ``report``.

    Thresholds in the sentences (``alpha``, ``power``, ``target_gain``) are the report's
    parameters.
    """
    head = "## " + TEXT("summary", lang)  # one heading, then the Chinese and the English box
    return "\n".join([head, "", *per_language(lang, lambda x: _summary_body(report, x))])


def _summary_body(report: EffectivenessReport, lang: str) -> str:
    findings = (_reaction_findings(report, lang) + _course_findings(report, lang))[:5]
    findings.append(_method_note(report, lang))
    lines = [TEXT("findings", lang), ""]
    lines += [f"{i}. {f}" for i, f in enumerate(findings, start=1)]
    lines += ["", TEXT("next_steps", lang), ""]
    lines += [f"- {s}" for s in next_steps(report, lang)]
    return "\n".join(lines)


def report_language(lang: str) -> str:
    """The language notebook 03 writes in: ``lang``, except that a Chinese-only report is
    written in English when no CJK font is installed (its figures could not show Chinese).

    Examples
    --------
    >>> report_language("en"), report_language("zh+en")
    ('en', 'zh+en')
    """
    return lang if "en" in languages(lang) else figure_language(lang)


def phrase(key: str, lang: str, /, *, sep: str = " ", **fmt: object) -> str:
    """:data:`TEXT` ``key`` written once per language of ``lang``, Chinese first, joined by
    ``sep``.

    A value in ``fmt`` that is callable is called with the language of the sentence being
    written (``"zh"`` or ``"en"``), so the words put into it — a label, a course title, a
    reason — are in that language; ``TEXT(key, "zh+en", …)`` would put bilingual words into
    each sentence instead.

    Examples
    --------
    >>> phrase("pretest_undefined", "zh+en", sep=" | ", why=lambda side: L34("collinear", side))
    ... # doctest: +ELLIPSIS
    '培训前检验无法进行：培训指标与坐席和周的固定效应完全共线... | The pre-training test cannot be done: the training dummy is a combination...'
    """

    def one(side: Side) -> str:
        return TEXT(key, side, **{k: v(side) if callable(v) else v for k, v in fmt.items()})

    return join_languages(lang, one, sep=sep)


def figure_title(key: str, lang: str, /, **fmt: object) -> str:
    """A figure title from :data:`TEXT` in the language figures can use
    (:func:`cslib.reporting.fonts.figure_language`); for ``"zh+en"`` one line per language.
    ``fmt`` as for :func:`phrase`.
    """
    return phrase(key, figure_language(lang), sep="\n", **fmt)


def course_name(catalogue: Catalogue, course_id: str) -> Callable[[str], str]:
    """``course_id`` and its title, as a function of the language (a value for :func:`phrase`).

    Examples
    --------
    >>> from cslib.core.courses import Catalogue
    >>> cat = Catalogue(pd.DataFrame({"course_id": ["MC01"], "title_zh": ["投诉处理"],
    ...                               "title_en": ["Complaint handling"]}))
    >>> name = course_name(cat, "MC01")
    >>> name("zh"), name("en")
    ('MC01 投诉处理', 'MC01 Complaint handling')
    """
    return lambda side: f"{course_id} {catalogue.title(course_id, side)}"


def item_rules_text(report: EffectivenessReport, lang: str = "zh") -> str:
    """How the test questions were judged, with the thresholds the analysis used."""
    r = report.item_rules
    return TEXT(
        "item_rules",
        lang,
        easy=f"{r.easy:g}",
        hard=f"{r.hard:g}",
        disc=f"{r.min_discrimination:g}",
        kr20=f"{r.min_kr20:g}",
    )


def team_text(report: EffectivenessReport, lang: str = "zh") -> str:
    """What the team before/after table shows, with the window the analysis used."""
    return TEXT("team_window", lang, weeks=report.team_weeks)


def series_label(series: str, lang: str = "zh", names: Mapping[str, str] | None = None) -> str:
    """A course series in ``lang``: the catalogue holds series names in Chinese only, so an
    English (or bilingual) report needs ``names`` (series → English name, a notebook parameter).

    Raises
    ------
    InputError
        When an English name is needed and ``names`` lacks the series.

    Examples
    --------
    >>> series_label("课堂面授", "en", {"课堂面授": "Classroom training"})
    'Classroom training'
    >>> series_label("课堂面授", "zh")
    '课堂面授'
    """
    if "en" not in languages(lang):
        return series
    if names is None or series not in names:
        raise InputError.single(
            None, "an English name for every course series", column="series_en", found=series
        )
    return pick(series, names[series], lang)


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
                "l1_z": c.statistic,
                "l1_p": c.pvalue,
                "l1_n_per_group_needed": (
                    report.l1_sample_size.n_per_group if report.l1_sample_size else None
                ),
            }
        )
    for s in report.summaries:
        L = s.learning
        out[f"l2_{s.course_id}"] = {
            "n": L.n,
            "mean_change": L.mean_change,
            "p_t": L.pvalue,
            "p_adj": L.p_adj,
            "p_wilcoxon": L.p_wilcoxon,
            "d_z": L.d_z,
            "g_av": L.g_av,
            "hake_gain": L.hake_gain,
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
        out["event_pretrend_p"] = report.event.pretrend_pvalue
    return {k: (None if isinstance(v, float) and np.isnan(v) else v) for k, v in out.items()}
