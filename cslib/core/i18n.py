"""Bilingual (Chinese / English) text: labels, phrase tables and the rules for language.

Every piece of report text that depends on the language goes through this module:

- words come from a phrase table (:class:`Phrases`, one per analysis package; :data:`LABELS`
  for column labels) or from :func:`pick` for a ``(zh, en)`` pair held in data;
- separators and quotation marks come from :func:`list_separator`, :func:`clause_separator`,
  :func:`sentence_separator`, :func:`join_and` and :func:`quote`;
- a bilingual (``"zh+en"``) text is built one language at a time, Chinese first, by
  :func:`per_language`, :func:`join_languages`, :func:`merge_languages` or the
  :func:`each_language` decorator;
- where only one side can be shown (a figure, a sheet name, one side of a bilingual name)
  :func:`name_side` and :func:`choose` decide: the Chinese side for ``"zh+en"``.

``tests/test_i18n.py`` fails if a module elsewhere compares a language to ``"zh"`` or
``"en"`` itself.
"""

from __future__ import annotations

import functools
import inspect
import math
from collections.abc import Callable, Sequence
from typing import Any, Literal, ParamSpec, TypeVar, overload

import pandas as pd

from cslib.core.errors import InputError

LANGS = ("zh", "en")

LABELS: dict[str, tuple[str, str]] = {
    "indicator_id": ("指标编号", "Indicator"),
    "name": ("指标名称", "Indicator name"),
    "name_zh": ("指标名称", "Name (Chinese)"),
    "name_en": ("指标名称（英文）", "Indicator name"),
    "level": ("层级", "Level"),
    "parent": ("上级指标", "Parent"),
    "n": ("样本量", "n"),
    "mean": ("均值", "Mean"),
    "sd": ("标准差", "SD"),
    "cv": ("变异系数", "CV"),
    "median": ("中位数", "Median"),
    "q1": ("下四分位数", "Q1"),
    "q3": ("上四分位数", "Q3"),
    "iqr": ("四分位距", "IQR"),
    "full_score": ("满分频率", "Full-score freq."),
    "verdict": ("筛选结论", "Screening"),
    "keep": ("保留", "keep"),
    "revise": ("修改", "revise"),
    "drop": ("考虑删除", "consider dropping"),
    "round": ("轮次", "Round"),
    "sent": ("发放", "Sent"),
    "returned": ("回收", "Returned"),
    "rate": ("比率", "Rate"),
    "positive_rate": ("积极系数（回收率）", "Positive coefficient"),
    "scope": ("范围", "Scope"),
    "group": ("指标组", "Group"),
    "n_items": ("指标数", "Items"),
    "m_experts": ("专家数", "Experts"),
    "w": ("肯德尔W", "Kendall's W"),
    "chi2": ("χ²", "χ²"),
    "df": ("自由度", "df"),
    "p": ("P值", "p"),
    "local": ("层级权重", "Level weight"),
    "combined": ("组合权重", "Combined weight"),
    "combined_lo": ("组合权重下限", "Combined CI low"),
    "combined_hi": ("组合权重上限", "Combined CI high"),
    "local_lo": ("层级权重下限", "Level CI low"),
    "local_hi": ("层级权重上限", "Level CI high"),
    "rank": ("排序", "Rank"),
    "mean_1": ("前轮均值", "Mean (earlier)"),
    # --- Delphi statistics (issue 10: stability, consensus, content validity): new labels go directly below this line
    "cv_reason": ("CV相对变化说明", "Note on CV change"),
    "consistency_index": ("一致性指标CI", "Consistency index CI"),
    "n_essential": ("评为必要的专家数", "Experts rating essential"),
    "cvr": ("内容效度比CVR", "CVR"),
    "significant": ("达到临界值", "Reaches critical value"),
    "p_method": ("P值计算方法", "p-value method"),
    "n_perm": ("置换次数", "Permutations"),
    "n_paired": ("两轮均作答专家数", "Experts in both rounds"),
    "share_unchanged": ("未改分比例", "Share unchanged"),
    "cv_change_rel": ("CV相对变化", "Relative CV change"),
    "p_sign": ("符号检验P", "Sign test p"),
    "p_min": ("可能的最小P", "Smallest attainable p"),
    "stable_descriptive": ("达稳定判据", "Meets stability rule"),
    "shift": ("系统性变化", "Systematic shift"),
    "consensus_2": ("后轮达成共识", "Consensus (later)"),
    "share_agree": ("高分比例", "Share agreeing"),
    "consensus": ("达成共识", "Consensus"),
    "i_cvi": ("I-CVI", "I-CVI"),
    "pc": ("随机一致概率pc", "Chance agreement pc"),
    "kappa_star": ("调整kappa κ*", "Modified kappa κ*"),
    "interpretation": ("评价", "Evaluation"),
    "n_relevant": ("评为相关的专家数", "Experts rating relevant"),
    "aiken_v": ("Aiken V", "Aiken's V"),
    "aiken_p": ("Aiken V 的P值", "Aiken's V p"),
    "checklist_answer": ("内容", "Content"),
    "checklist_item": ("报告条目", "Reporting item"),
    "expert_id": ("专家编号", "Expert"),
    "score": ("评分", "Score"),
    "mean_2": ("后轮均值", "Mean (later)"),
    "delta_mean": ("均值变化", "Δ mean"),
    "cv_1": ("前轮CV", "CV (earlier)"),
    "cv_2": ("后轮CV", "CV (later)"),
    "delta_cv": ("CV变化", "Δ CV"),
    "n_changed": ("改分专家数", "Experts who changed"),
    "wilcoxon_stat": ("Wilcoxon统计量", "Wilcoxon statistic"),
    "stable": ("稳定", "Stable"),
    "w_1": ("前轮W", "W (earlier)"),
    "w_2": ("后轮W", "W (later)"),
    "p_1": ("前轮P", "p (earlier)"),
    "p_2": ("后轮P", "p (later)"),
    "delta_w": ("W变化", "Δ W"),
    "ca": ("判断依据Ca", "Judgment basis Ca"),
    "cs": ("熟悉程度Cs", "Familiarity Cs"),
    "authority_cr": ("权威系数Cr", "Authority Cr"),
    "cr": ("一致性比率CR", "CR"),
    "lambda_max": ("最大特征根", "λmax"),
    "ci": ("CI", "CI"),
    "ri": ("RI", "RI"),
    "acceptable": ("一致性可接受", "Acceptable"),
    "consistency_ratio": ("一致性比率CR", "Consistency ratio CR"),
    "rule": ("规则", "Rule"),
    "severity": ("性质", "Severity"),
    "where": ("位置", "Where"),
    "message": ("说明", "Explanation"),
    "printed": ("印刷值", "Printed"),
    "expected": ("应为", "Implied"),
    "yes": ("是", "yes"),
    "rounding": ("可由四舍五入解释", "explainable by rounding"),
    "problem": ("不一致（无法由四舍五入解释）", "inconsistent"),
    "no": ("否", "no"),
    # consistency checks, effectiveness and training needs
    "(top)": ("一级指标", "(top)"),
    "agent_id": ("坐席", "Agent"),
    "alpha": ("α系数", "alpha"),
    "alpha_if_deleted": ("删除该题后的α", "alpha if deleted"),
    "answer": ("原回答", "Answer"),
    "band": ("等级", "Band"),
    "call_id": ("录音编号", "Call"),
    "change": ("变化", "Change"),
    # --- rater agreement and AHP (issue 10: Gwet AC1/AC2, benchmarking, RI tables): new labels go directly below this line
    "coefficient": ("系数", "Coefficient"),
    "confidence_level": ("置信水平", "Confidence level"),
    "note": ("说明", "Note"),
    "order_now": ("当前前几名顺序", "Current top order"),
    "order_below": ("低于下限时的顺序", "Order below the interval"),
    "order_above": ("高于上限时的顺序", "Order above the interval"),
    "f_stat": ("F 值", "F"),
    "df1": ("分子自由度", "df1"),
    "df2": ("分母自由度", "df2"),
    "kripp_alpha": ("Krippendorff α", "Krippendorff α"),
    "item_name": ("评分项名称", "Item name"),
    "n_respondents": ("答卷人数", "Respondents"),
    "n_dropped": ("因漏答剔除", "Left out (missing answers)"),
    "check": ("检查项", "Check"),
    "inspector": ("质检员", "Inspector"),
    "sd_diff": ("差值标准差", "SD of differences"),
    "t_stat": ("t 值", "t"),
    "max_decrease_pp": ("最多可减少（百分点）", "Max decrease (points)"),
    "max_increase_pp": ("最多可增加（百分点）", "Max increase (points)"),
    "ac1_pass": ("合格判定 AC1", "AC1 (pass/fail)"),
    "kappa_pass": ("合格判定 κ", "Kappa (pass/fail)"),
    "kappa_pass_low": ("κ 下限", "Kappa CI low"),
    "kappa_pass_high": ("κ 上限", "Kappa CI high"),
    "weighted_kappa_band": ("等级加权 κ", "Weighted kappa (grade band)"),
    "se": ("标准误", "SE"),
    "point_band": ("点估计所在等级", "Band of the point estimate"),
    "threshold": ("所需概率", "Required probability"),
    "scale": ("标尺", "Scale"),
    "mcgraw_wong": ("McGraw–Wong 形式", "McGraw–Wong form"),
    "filled_value": ("补全值", "Filled value"),
    "change_ci_low": ("变化下限", "Change CI low"),
    "change_ci_high": ("变化上限", "Change CI high"),
    "ci_low": ("置信下限", "CI low"),
    "ci_high": ("置信上限", "CI high"),
    "consistent_value": ("一致时应为", "Consistent value"),
    "count": ("数量", "Count"),
    "course": ("课程", "Course"),
    "course_id": ("课程编号", "Course"),
    "cr_if_revised": ("修改后CR", "CR if revised"),
    "description": ("说明", "Description"),
    "detectable_now": ("当前可检测差异", "Detectable now"),
    "difference": ("差异", "Difference"),
    "difficulty": ("难度", "Difficulty"),
    "dropped": ("剔除", "Dropped"),
    "duration_min": ("时长（分钟）", "Minutes"),
    "epsilon": ("偏离ε", "ε"),
    "expert": ("专家", "Expert"),
    "experts_used": ("纳入专家数", "Experts used"),
    "file": ("文件", "File"),
    "flag": ("标记", "Flag"),
    "flagged": ("需关注", "Flagged"),
    "form": ("形式", "Form"),
    "format": ("形式", "Format"),
    "global": ("组合权重", "Global weight"),
    "hake_gain": ("Hake归一化增益", "Hake gain"),
    "id": ("编号", "Id"),
    "indicators": ("指标", "Indicators"),
    "inspector_id": ("质检员", "Inspector"),
    "interval": ("区间", "Interval"),
    "item": ("项目", "Item"),
    "item_rest_r": ("题总相关", "Item-rest r"),
    "lower": ("下限", "Lower"),
    "upper": ("上限", "Upper"),
    "max": ("最大值", "Max"),
    "min": ("最小值", "Min"),
    "max_decrease": ("最多可减少", "Max decrease"),
    "max_increase": ("最多可增加", "Max increase"),
    "mean_after": ("培训后均值", "Mean after"),
    "mean_before": ("培训前均值", "Mean before"),
    "mean_change": ("平均变化", "Mean change"),
    # --- panel estimators (issue 9: identification, ATT(g,t), Bacon decomposition): new labels go directly below this line
    "k": ("回答“是”的人数", "Yes answers"),
    "q_content": ("内容（1–5分）", "Content (1–5)"),
    "q_trainer": ("讲师（1–5分）", "Trainer (1–5)"),
    "q_relevance": ("与工作相关（1–5分）", "Relevance to the job (1–5)"),
    "q_format": ("形式（1–5分）", "Format (1–5)"),
    "r_pb": ("点二列相关", "Point-biserial r"),
    "r_rest": ("校正题总相关", "Item–rest r"),
    "kr20": ("KR-20信度", "KR-20 reliability"),
    "d_z": ("效应量d_z", "Cohen's d_z"),
    "d_z_ci_low": ("d_z下限", "d_z CI low"),
    "d_z_ci_high": ("d_z上限", "d_z CI high"),
    "g_av": ("Hedges g_av", "Hedges' g_av"),
    "mde": ("最小可检测效应", "Smallest detectable effect"),
    "n_items_flagged": ("需复查的题", "Questions to review"),
    "estimate": ("估计值", "Estimate"),
    "n_treated": ("已培训坐席数", "Trained agents"),
    "n_cohorts": ("培训批次数", "Cohorts"),
    "n_cohorts_used": ("参与估计的批次数", "Cohorts estimated"),
    "pretrend_statistic": ("培训前检验统计量(χ²)", "Pre-test χ²"),
    "pretrend_df": ("自由度", "df"),
    "pretrend_pvalue": ("培训前检验P值", "Pre-test p"),
    "event_time": ("距培训周数", "Weeks since training"),
    "band_low": ("同时置信带下限", "Band low"),
    "band_high": ("同时置信带上限", "Band high"),
    "treated": ("处理组(培训周)", "Treated (training week)"),
    "control": ("对照组(培训周)", "Control (training week)"),
    "comparison": ("比较类型", "Comparison"),
    "estimator": ("估计方法", "Estimator"),
    "mean_delayed": ("延迟测均值", "Mean (delayed)"),
    "mean_diff": ("平均差", "Mean difference"),
    "mean_gap": ("平均差距", "Mean gap"),
    "mean_post": ("后测均值", "Mean post"),
    "mean_pre": ("前测均值", "Mean pre"),
    "mean_score": ("平均得分", "Mean score"),
    "missing_sources": ("缺少的来源", "Missing sources"),
    "n_agents": ("坐席数", "Agents"),
    "n_attendees": ("参训人数", "Attendees"),
    "n_missing": ("缺失数", "Missing"),
    "n_needed": ("所需样本量", "n needed"),
    "n_now": ("当前样本量", "n now"),
    "need": ("需求", "Need"),
    "outcome": ("指标", "Outcome"),
    "p_adj": ("校正后P值", "Adjusted p"),
    "p_holm": ("Holm校正P值", "Holm p"),
    "p_wilcoxon": ("Wilcoxon P值", "p (Wilcoxon)"),
    "pair": ("比较对", "Pair"),
    "priority": ("优先级", "Priority"),
    "pvalue": ("P值", "p"),
    "rater": ("评分者", "Rater"),
    "reason": ("原因", "Reason"),
    "row": ("行号", "Row"),
    "rows": ("行数", "Rows"),
    "sd_change": ("变化标准差", "SD of change"),
    "series": ("系列", "Series"),
    "share_below": ("未达标比例", "Share below target"),
    "share_kept": ("保留比例", "Share kept"),
    "slot": ("时段", "Slot"),
    "source": ("来源", "Source"),
    "staff_group": ("人员类别", "Staff group"),
    "statistic": ("统计量", "Statistic"),
    "std": ("标准差", "SD"),
    "suggested": ("建议回答", "Suggested"),
    "target": ("目标", "Target"),
    "target_gain": ("目标提升", "Target gain"),
    "team": ("班组", "Team"),
    "test": ("测验", "Test"),
    "title_zh": ("课程名称", "Title (Chinese)"),
    # --- QA monitoring design (issue 14): new labels go directly below this line
    "planned": ("计划抽检", "Planned"),
    "random": ("随机抽检", "Random"),
    "must_check": ("必检", "Must-check"),
    "must_check_expected": ("预计必检", "Must-check (expected)"),
    "must_check_reserved": ("预留必检", "Must-check (reserved)"),
    "capacity": ("评分能力（通/月）", "Capacity (calls/month)"),
    "total": ("合计", "Total"),
    "component": ("方差来源", "Source of variance"),
    "variance": ("方差分量", "Variance component"),
    "share": ("占比", "Share"),
    "n_calls": ("每人每月通数", "Calls per agent-month"),
    "n_inspectors": ("每人质检员数", "Inspectors per agent"),
    "g_coefficient": ("信度Eρ²", "Reliability Eρ²"),
    "phi": ("可靠度Φ", "Dependability Φ"),
    "half_width": ("置信区间半宽", "CI half-width"),
    "estimated_score": ("估计得分", "Estimated score"),
    "p_misclassified": ("误判概率", "P(misclassified)"),
    "new": ("新员工", "New"),
    "falling": ("成绩下滑", "Falling"),
    "leniency": ("宽严度", "Leniency"),
    "ewma": ("EWMA 统计量", "EWMA statistic"),
    "month": ("月份", "Month"),
    "slope": ("月变化趋势", "Trend per month"),
    "calls": ("通数", "Calls"),
    "agents": ("坐席数", "Agents"),
    "teams": ("班组", "Teams"),
    "title_en": ("课程名称（英文）", "Title"),
    "training_week": ("培训周", "Training week"),
    "unit": ("对象", "Unit"),
    "value": ("数值", "Value"),
    "week": ("周", "Week"),
    "weight": ("权重", "Weight"),
    "weight_used": ("所用权重", "Weight used"),
    "weighted_gap": ("加权差距", "Weighted gap"),
    "course_score": ("课程匹配分", "Course score"),
    "level_zh": ("等级", "Level"),
    "level_en": ("等级（英文）", "Level"),
    # --- training needs (notebook 04): new labels go directly below this line
    "competency_level": ("胜任力等级", "Competency level"),
    "band_range": ("得分率范围", "Score range"),
    "mean_percent": ("平均得分率", "Mean score (% of full marks)"),
    "min_percent": ("最低得分率", "Lowest score (% of full marks)"),
    "max_percent": ("最高得分率", "Highest score (% of full marks)"),
    "weight_source": ("权重来源", "Weight source"),
    "course_title": ("课程名称", "Course title"),
    "plan_slot": ("安排", "Schedule"),
    "statistic_name": ("描述统计量", "Descriptive statistic"),
    "percent_of_full": ("得分率", "Score (% of full marks)"),
    # --- Delphi returns collected by `cslib collect` (notebook 01)
    "iqr_side": ("相对上轮四分位区间", "Against last round's IQR"),
    "expert_reason": ("专家说明的理由", "Reason given"),
    "expert_comment": ("专家意见", "Comment"),
}


Lang = Literal["zh", "en", "zh+en"]
"""A report language: Chinese, English, or both (an explicit choice, Chinese first)."""


def check_lang(lang: object, *, parameter: str = "lang") -> Lang:
    """Validate a language parameter; the one place that decides which languages exist.

    Raises
    ------
    InputError
        Naming the parameter, what was expected and what was found.
    """
    if lang not in (*LANGS, "zh+en"):
        raise InputError.single(
            None, "expected 'zh', 'en' or 'zh+en'", column=parameter, found=lang
        )
    return lang  # type: ignore[return-value]


def pick(zh: str, en: str, lang: str = "zh", *, sep: str = " ") -> str:
    """The one language rule: the Chinese or English side, or both (Chinese first) for ``zh+en``.

    For ``zh+en`` the two sides are joined with ``sep``; a side that is empty or equal to the
    other is not repeated.  Any other ``lang`` is an error (:func:`check_lang`); there is no
    silent fallback.

    Examples
    --------
    >>> pick("均值", "Mean", "en"), pick("均值", "Mean", "zh+en")
    ('Mean', '均值 Mean')
    >>> pick("均值", "Mean", "zh+en", sep=" · "), pick("", "Mean", "zh+en")
    ('均值 · Mean', 'Mean')
    """
    lang = check_lang(lang)
    if lang == "zh+en":
        return zh if zh == en or not en else en if not zh else f"{zh}{sep}{en}"
    return en if lang == "en" else zh


Side = Literal["zh", "en"]
"""One language: the side of a ``(zh, en)`` pair."""

T = TypeVar("T")
Params = ParamSpec("Params")

_SIDES: dict[str, tuple[Side, ...]] = {"zh": ("zh",), "en": ("en",), "zh+en": ("zh", "en")}


def languages(lang: str) -> tuple[Side, ...]:
    """The languages a ``lang`` report is written in, Chinese first: ``("zh", "en")`` for ``zh+en``.

    Examples
    --------
    >>> languages("zh+en"), languages("en")
    (('zh', 'en'), ('en',))
    """
    return _SIDES[check_lang(lang)]


def name_side(lang: str) -> Side:
    """The one side shown where a text cannot hold both languages (a figure label, a sheet name,
    one side of a bilingual name, a list of steps): the report's language, Chinese for ``zh+en``.

    Examples
    --------
    >>> name_side("en"), name_side("zh+en")
    ('en', 'zh')
    """
    return languages(lang)[0]


def choose(zh: T, en: T, lang: str) -> T:
    """The ``zh`` or ``en`` value (any type) for the side :func:`name_side` picks.

    For text shown in both languages use :func:`pick`; ``choose`` is for values that stay one
    language: names in figures, column names, layout sizes that depend on the script.

    Examples
    --------
    >>> choose("name_zh", "name_en", "en"), choose(8, 14, "zh+en")
    ('name_en', 8)
    """
    return en if name_side(lang) == "en" else zh


def both_sides(lang: str) -> tuple[Side, Side]:
    """Both languages, the report's first (Chinese first for ``zh+en``): for texts that are
    always bilingual, such as the instructions sheet of an input template.

    Examples
    --------
    >>> both_sides("en"), both_sides("zh+en")
    (('en', 'zh'), ('zh', 'en'))
    """
    first = name_side(lang)
    return (first, choose("en", "zh", first))


def html_lang(lang: str) -> str:
    """The HTML ``lang`` attribute of a ``lang`` report (``zh-CN`` unless English only).

    Examples
    --------
    >>> html_lang("en"), html_lang("zh+en")
    ('en', 'zh-CN')
    """
    return choose("zh-CN", "en", lang)


def per_language(lang: str, build: Callable[[Side], T]) -> list[T]:
    """``build`` called once per language of ``lang``, Chinese first.

    The one way a bilingual text is made: each language's text is built whole by ``build``
    (so sentence structure, word order and punctuation stay within one language), then the
    parts are put together by the caller (or by :func:`join_languages`,
    :func:`merge_languages`).

    Examples
    --------
    >>> per_language("zh+en", lambda side: side.upper())
    ['ZH', 'EN']
    """
    return [build(side) for side in languages(lang)]


def join_languages(lang: str, build: Callable[[Side], str], sep: str = "\n\n") -> str:
    """The texts :func:`per_language` builds, joined with ``sep`` (Chinese block first).

    Examples
    --------
    >>> join_languages("zh+en", lambda side: pick("你好", "Hello", side), sep=" / ")
    '你好 / Hello'
    """
    return sep.join(per_language(lang, build))


def merge_languages(versions: Sequence[Sequence[str]], sep: str = " ") -> list[str]:
    """Item-wise merge of the same list built in each language (:func:`per_language`): the
    Chinese sentence, then its English one, joined by ``sep``; identical or empty items once.

    Examples
    --------
    >>> merge_languages([["一。", "二。", "D"], ["One.", "Two.", "D"]])
    ['一。 One.', '二。 Two.', 'D']
    """
    out = []
    for items in zip(*versions, strict=True):
        out.append(sep.join(x for x in dict.fromkeys(items) if x))
    return out


@overload
def each_language(
    join: str = "\n\n",
) -> Callable[[Callable[Params, str]], Callable[Params, str]]: ...


@overload
def each_language(
    join: Callable[[list[T]], T],
) -> Callable[[Callable[Params, T]], Callable[Params, T]]: ...


def each_language(
    join: str | Callable[[list[Any]], Any] = "\n\n",
) -> Callable[[Callable[Params, Any]], Callable[Params, Any]]:
    """Decorate a function that writes text in one language (its ``lang`` argument) so that
    ``lang="zh+en"`` calls it for Chinese, then English, and joins the results with ``join``
    (a separator, or a function of the list of results).  The ``lang`` passed on is checked.

    Examples
    --------
    >>> @each_language(" | ")
    ... def hello(name: str, lang: str = "zh") -> str:
    ...     return pick(f"你好，{name}", f"Hello, {name}", lang)
    >>> hello("Li", lang="zh+en")
    '你好，Li | Hello, Li'
    >>> @each_language(lambda parts: [x for p in parts for x in p])
    ... def steps(lang: str = "zh") -> list[str]:
    ...     return [pick("一", "one", lang)]
    >>> steps("zh+en")
    ['一', 'one']
    """

    def decorate(func: Callable[Params, Any]) -> Callable[Params, Any]:
        signature = inspect.signature(func)

        @functools.wraps(func)
        def wrapper(*args: Params.args, **kwargs: Params.kwargs) -> Any:
            bound = signature.bind(*args, **kwargs)
            bound.apply_defaults()
            sides = languages(bound.arguments["lang"])

            def one(side: Side) -> Any:
                bound.arguments["lang"] = side
                return func(*bound.args, **bound.kwargs)

            parts = [one(side) for side in sides]
            if len(parts) == 1:
                return parts[0]
            if isinstance(join, str):
                return join.join(parts)
            return join(parts)

        return wrapper

    return decorate


def concat_lists(parts: list[list[T]]) -> list[T]:
    """The lists :func:`per_language` builds, one after the other (a ``join`` for
    :func:`each_language` of functions returning lists: the Chinese items, then the English).

    Examples
    --------
    >>> concat_lists([["一"], ["one"]])
    ['一', 'one']
    """
    return [x for part in parts for x in part]


_SEPARATORS: dict[str, dict[str, str]] = {
    # zh+en lists hold "中文 English" pairs, so a semicolon keeps the items apart
    "list": {"zh": "、", "en": ", ", "zh+en": "; "},
    "clause": {"zh": "；", "en": "; ", "zh+en": "；"},
    "sentence": {"zh": "", "en": " ", "zh+en": " "},
    "and": {"zh": "和", "en": " and ", "zh+en": "; "},
    "quote": {"zh": "“{}”", "en": "'{}'", "zh+en": "“{}”"},
}


def list_separator(lang: str) -> str:
    """Between items of a list: ``、`` / ``, `` (``; `` for ``zh+en``, whose items are pairs).

    Examples
    --------
    >>> "".join([list_separator("zh"), list_separator("en"), list_separator("zh+en")])
    '、, ; '
    """
    return _SEPARATORS["list"][check_lang(lang)]


def clause_separator(lang: str) -> str:
    """Between clauses of one sentence: ``；`` / ``; `` (the Chinese one for ``zh+en``)."""
    return _SEPARATORS["clause"][check_lang(lang)]


def sentence_separator(lang: str) -> str:
    """Between sentences: nothing in Chinese (``。`` ends them), a space in English."""
    return _SEPARATORS["sentence"][check_lang(lang)]


def join_and(items: Sequence[str], lang: str) -> str:
    """``a、b和c`` / ``a, b and c``; ``zh+en`` lists pairs with ``; ``.

    Examples
    --------
    >>> join_and(["甲", "乙", "丙"], "zh"), join_and(["a", "b", "c"], "en"), join_and(["a"], "en")
    ('甲、乙和丙', 'a, b and c', 'a')
    """
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    last = _SEPARATORS["and"][check_lang(lang)]
    return list_separator(lang).join(items[:-1]) + last + items[-1]


def quote(text: str, lang: str) -> str:
    """``text`` in quotation marks: “…” in Chinese (and ``zh+en``), '…' in English.

    Examples
    --------
    >>> quote("服务态度", "zh"), quote("Attitude", "en")
    ('“服务态度”', "'Attitude'")
    """
    return _SEPARATORS["quote"][check_lang(lang)].format(text)


class Phrases(dict[str, tuple[str, str]]):
    """A phrase table: key → ``(zh, en)``; each analysis package keeps its own.

    ``phrases(key, lang, **fmt)`` picks the side for ``lang`` and fills in ``fmt``; ``"zh+en"``
    gives both, Chinese first.  An unknown key or language is an error (no silent fallback).

    Examples
    --------
    >>> P = Phrases({"n": ("共{n}人", "{n} people")})
    >>> P("n", "en", n=3)
    '3 people'
    >>> P("n", "zh+en", n=3)
    '共3人 3 people'
    """

    def __call__(self, key: str, lang: str = "zh", /, **fmt: object) -> str:
        zh, en = self[key]
        return pick(zh.format(**fmt), en.format(**fmt), lang)


def text(table: dict[str, tuple[str, str]], key: str, lang: str = "zh", **fmt: object) -> str:
    """Pick the ``lang`` side of a ``(zh, en)`` phrase-table entry and fill in ``fmt``.

    The same rule as :class:`Phrases` (which it calls): ``"zh"``, ``"en"`` or ``"zh+en"``;
    any other language is an error.
    """
    return Phrases(table)(key, lang, **fmt)


def label(key: str, lang: str = "zh") -> str:
    """Label of ``key`` in ``"zh"``, ``"en"`` or ``"zh+en"`` (unknown keys are returned as is)."""
    return text(LABELS, key, lang) if key in LABELS else key


def format_p(p: float, *, style: Literal["table", "sentence"] = "table") -> str:
    """The one p-value formatter: never ``0.000``.

    ``style="table"`` gives ``<0.001`` / ``0.023``; ``"sentence"`` gives ``p < 0.001`` /
    ``p = 0.023``.  A p-value that is undefined (NaN) is an error here: callers must say why a
    test could not be done instead of printing a placeholder.

    Examples
    --------
    >>> format_p(0.0004), format_p(0.0234), format_p(0.0004, style="sentence")
    ('<0.001', '0.023', 'p < 0.001')
    """
    if not math.isfinite(p) or p < 0 or p > 1:
        raise ValueError(f"not a p-value: {p!r}")
    if style == "table":
        return "<0.001" if p < 0.001 else f"{p:.3f}"
    return "p < 0.001" if p < 0.001 else f"p = {p:.3f}"


def format_number(x: float, digits: int = 3, *, percent: bool = False) -> str:
    """A number with ``digits`` decimals (``percent=True``: ×100 with a ``%`` sign).

    Undefined values (NaN, ±inf) raise: a report must say why a number is missing.

    Examples
    --------
    >>> format_number(0.12345), format_number(0.12345, 1, percent=True)
    ('0.123', '12.3%')
    """
    if not math.isfinite(x):
        raise ValueError(f"not a finite number: {x!r}")
    return f"{100 * x:.{digits}f}%" if percent else f"{x:.{digits}f}"


P_COLUMNS = ("p", "p_1", "p_2", "pvalue", "p_adj", "p_holm", "p_wilcoxon", "pretrend_pvalue")


def translate_columns(frame: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """Rename known columns to their labels in ``lang`` (data unchanged)."""
    return frame.rename(columns={c: label(c, lang) for c in frame.columns})


def translate_values(series: pd.Series, lang: str = "zh") -> pd.Series:
    """Translate known categorical values (keep / revise / drop, yes / no)."""
    return series.map(lambda v: label(v, lang) if isinstance(v, str) else v)
