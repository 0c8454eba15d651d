"""The methods paragraph of the consistency report (notebook 02), from what the run did.

:func:`consistency_methods` reads the AHP survey result, the QA agreement summary and the
Cronbach's alpha result of a run and states, in the report's language: the AHP design (experts,
matrices, priority method, the random-index table and CR limit, completion of skipped
judgements, group aggregation and exclusion rule), the QA calibration (calls, inspectors and
every coefficient with its interval and banding rule), the inspector-bias test and the
internal consistency of the self-assessment.
"""

from __future__ import annotations

from typing import Any

from cslib.core.i18n import Lang, Phrases, check_lang, format_number, per_language
from cslib.core.references import Methods, cite_all

PHRASES = Phrases(
    {
        "ahp": (
            "层次分析法（Saaty，1980）：{n_experts} 位专家对 {n_groups} 组指标做两两比较，共"
            "{n_matrices} 个判断矩阵；优先级按{priority}计算，一致性比率 CR = CI/RI，"
            "CI = (λmax − n)/(n − 1)，RI 取{ri}，CR ≤ {cr} 视为可接受。",
            "Analytic hierarchy process (Saaty, 1980): {n_experts} experts compared the "
            "indicators of {n_groups} groups in pairs, {n_matrices} judgement matrices in all; "
            "priorities by {priority}; consistency ratio CR = CI/RI with CI = (λmax − n)/(n − 1) "
            "and RI from {ri}, acceptable at CR ≤ {cr}.",
        ),
        "priority_eigen": ("主特征向量法", "the principal eigenvector"),
        "priority_geometric": ("行几何平均法", "row geometric means"),
        "ri_saaty": ("Saaty 的随机一致性指标表", "Saaty's random-index table"),
        "ri_alonso_lamata": ("Alonso 与 Lamata 的公式", "Alonso and Lamata's formula"),
        "ri_simulated": ("模拟得到的随机一致性指标", "simulated random indices"),
        "filled": (
            "专家跳过的 {n} 个两两比较按 Harker（1987）的特征向量法补全。",
            "{n} skipped comparisons were completed by Harker's (1987) eigenvector method.",
        ),
        "aggregate_AIJ": (
            "群体权重由各专家判断的几何平均（AIJ）求得{excluded}。",
            "Group weights came from the geometric mean of the experts' judgements "
            "(AIJ){excluded}.",
        ),
        "aggregate_AIP": (
            "群体权重由各专家优先级的几何平均（AIP）求得{excluded}。",
            "Group weights came from the geometric mean of the experts' priorities "
            "(AIP){excluded}.",
        ),
        "excluded_yes": (
            "，CR 超过上限的矩阵不参与汇总",
            ", leaving out matrices with CR above the limit",
        ),
        "excluded_no": ("，全部矩阵参与汇总", ", with every matrix included"),
        "qa": (
            "质检员一致性：{n_raters} 名质检员对 {n_calls} 通录音打分（完整评分的录音）。"
            "ICC(2,1)（双向随机、绝对一致、单个评分者）与 ICC(3,k)（双向混合、一致性、k 人平均）"
            "按 Shrout 与 Fleiss（1979）及 McGraw 与 Wong（1996）计算，附 {level} 置信区间，按"
            "Koo 与 Li（2016）解读；以 {pass_mark} 分为合格线，合格判定的一致性用 Fleiss κ 和"
            "Gwet AC1 表示，标准误与区间按 Gwet（2008），等级按隶属概率判定（Gwet，2014）；"
            "另报告两两 Cohen κ（总分等级用二次加权）、Krippendorff α（总分按等距尺度、"
            "各评分项按顺序尺度，允许漏评）和肯德尔 W。",
            "Rater agreement: {n_raters} inspectors scored {n_calls} calls (calls scored by "
            "all). ICC(2,1) (two-way random, absolute agreement, single rater) and ICC(3,k) "
            "(two-way mixed, consistency, mean of k) follow Shrout and Fleiss (1979) and McGraw "
            "and Wong (1996), with {level} intervals read after Koo and Li (2016); with a pass "
            "mark of {pass_mark}, pass/fail agreement is given by Fleiss' κ and Gwet's AC1 with "
            "Gwet's (2008) standard errors and intervals, banded by membership probability "
            "(Gwet, 2014); pairwise Cohen's κ (quadratic weights for grade bands), "
            "Krippendorff's α (interval level for totals, ordinal for items, missing ratings "
            "allowed) and Kendall's W are also reported.",
        ),
        "bias_panel": (
            "每名质检员的偏差为其总分与全体质检员对同一录音平均分之差的均值，用 t 检验并做 Holm "
            "校正（Holm，1979）；显著且偏差不少于 {practical} 分的质检员标为需要校准。",
            "Each inspector's bias is the mean difference between their total and all "
            "inspectors' mean on the same call, tested by t tests with Holm's correction "
            "(Holm, 1979); inspectors with a significant bias of at least {practical} points "
            "are flagged for calibration.",
        ),
        "bias_others": (
            "每名质检员的偏差为其总分与其他质检员对同一录音平均分之差的均值，用 t 检验并做 Holm "
            "校正（Holm，1979）；显著且偏差不少于 {practical} 分的质检员标为需要校准。",
            "Each inspector's bias is the mean difference between their total and the other "
            "inspectors' mean on the same call, tested by t tests with Holm's correction "
            "(Holm, 1979); inspectors with a significant bias of at least {practical} points "
            "are flagged for calibration.",
        ),
        "alpha": (
            "自评问卷 {n_items} 题的内部一致性用 Cronbach α（Cronbach，1951）及 Feldt（1965）"
            "的 {level} 置信区间表示，并列出删除各题后的 α。",
            "Internal consistency of the {n_items}-item self-assessment is Cronbach's α "
            "(Cronbach, 1951) with Feldt's (1965) {level} interval, and α if each item is "
            "deleted.",
        ),
        "schemes": (
            "考核方案的自洽性逐项检查：各项分值之和是否等于上级分值与总分，等级区间是否重叠或"
            "留有空档（区分开闭端点）。计算使用 cslib {version}。",
            "Scoring schemes were checked for points adding up to their parent and the total, "
            "and for grade bands that overlap or leave gaps (open and closed ends "
            "distinguished). Computations used cslib {version}.",
        ),
    }
)


def consistency_methods(
    survey: Any,
    qa: Any,
    alpha: Any,
    *,
    confidence_level: float,
    lang: Lang | str = "zh",
) -> Methods:
    """The methods section of notebook 02 in ``lang``.

    Parameters
    ----------
    survey : cslib.consistency.ahp_survey.SurveyResult
    qa : cslib.consistency.summary.QASummary
    alpha : Cronbach's alpha result (its ``items`` table lists the items)
    confidence_level : float
    lang : {"zh", "en", "zh+en"}
    """
    lang = check_lang(lang)
    versions = per_language(
        lang, lambda side: _paragraphs(survey, qa, alpha, confidence_level, side)
    )
    paragraphs = tuple(p for paras in versions for p in paras)
    cited = [
        "saaty1980",
        "shrout1979",
        "mcgraw1996",
        "koo2016",
        "gwet2008",
        "gwet2014",
        "holm1979",
        "cronbach1951",
        "feldt1965",
    ]
    if survey.filled is not None and len(survey.filled):
        cited.append("harker1987")
    if survey.ri_table == "alonso_lamata":
        cited.append("alonso2006")
    return Methods(paragraphs, cite_all(cited), lang)


def _paragraphs(survey: Any, qa: Any, alpha: Any, confidence_level: float, lang: str) -> list[str]:
    import cslib
    from cslib.core.i18n import sentence_separator

    P = PHRASES
    join = sentence_separator(lang)
    level = format_number(confidence_level, 0, percent=True)
    cons = survey.consistency
    ahp = P(
        "ahp",
        lang,
        n_experts=cons["expert"].nunique(),
        n_groups=cons["group"].nunique(),
        n_matrices=len(cons),
        priority=P(f"priority_{survey.method}", lang),
        ri=P(f"ri_{survey.ri_table}", lang),
        cr=f"{survey.cr_threshold:g}",
    )
    if survey.filled is not None and len(survey.filled):
        ahp += join + P("filled", lang, n=len(survey.filled))
    excluded = P("excluded_yes" if bool((~cons["included"]).any()) else "excluded_no", lang)
    ahp += join + P(f"aggregate_{survey.aggregation}", lang, excluded=excluded)
    qa_text = (
        P(
            "qa",
            lang,
            n_raters=qa.bias.table["rater"].nunique(),
            n_calls=qa.calls_used,
            level=level,
            pass_mark=f"{qa.pass_mark:g}",
        )
        + join
        + P(f"bias_{qa.bias.reference}", lang, practical=f"{qa.bias.practical:g}")
    )
    return [
        ahp,
        qa_text,
        P("alpha", lang, n_items=len(alpha.items), level=level)
        + join
        + P("schemes", lang, version=cslib.__version__),
    ]
