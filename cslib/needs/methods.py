"""The methods paragraph of the training-needs report (notebook 04), from what the run did.

:func:`needs_methods` states, in the report's language, how the 360° ratings were combined
(sources and their weights, the rule for a missing source), the composite score and levels,
the gaps to the post's targets, the needs ranking and its sensitivity to the weight source
(Kendall's τ_b), the course recommendation and the plan, and how people are shown.  It is a
descriptive analysis: no test is run, and the paragraph says so.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cslib.core.i18n import (
    Lang,
    Phrases,
    check_lang,
    format_number,
    list_separator,
    per_language,
    pick,
    sentence_separator,
)
from cslib.core.references import Methods, cite_all

PHRASES = Phrases(
    {
        "ratings": (
            "{n_agents} 名坐席（{n_teams} 个班组）在 {n_items} 个指标上由{sources}按 {lo}–{hi} 分"
            "评分（360° 评估）；各来源按权重合成为指标得分：{weights}。{missing}",
            "{n_agents} agents in {n_teams} teams were rated on {n_items} indicators by "
            "{sources} on a {lo}–{hi} scale (360° assessment); the sources were combined with "
            "the weights {weights}. {missing}",
        ),
        "missing_renormalise": (
            "缺少某一来源的评分时，其余来源的权重重新归一，受影响的评分在报告中列出。",
            "Where a source was missing, the other sources' weights were renormalised and the "
            "ratings affected are listed.",
        ),
        "missing_exclude": (
            "缺少某一来源的评分时，该坐席该指标的评分被剔除，并在报告中列出。",
            "Where a source was missing, that agent's rating of that indicator was left out "
            "and listed.",
        ),
        "composite": (
            "综合胜任力得分 C = Σ 指标权重 × 指标得分，指标权重取{primary}；得分率 P = 100 × C / 满分，"
            "按等级分段归档。与{post}的岗位目标比较，差距 g = max(目标 − 得分, 0)，加权差距 = "
            "指标权重 × g。",
            "The composite score C = Σ indicator weight × indicator score used the {primary} "
            "weights; the percentage P = 100 × C / maximum was banded into levels. Against the "
            "targets of the {post} post, the gap is g = max(target − score, 0) and the "
            "weighted gap is weight × g.",
        ),
        "ranking": (
            "培训需求 N = 指标权重 × 全中心平均差距，从大到小排序；不同权重来源下的排序用肯德尔"
            " τ_b 比较（Kendall，1945）。本报告为描述性分析，不做显著性检验。",
            "The training need N = indicator weight × centre-wide mean gap was ranked; the "
            "rankings under the different weight sources were compared with Kendall's τ_b "
            "(Kendall, 1945). The analysis is descriptive; no significance test is made.",
        ),
        "courses": (
            "每个班组和每名坐席取加权差距最大的 {top_k} 项，从课程库中选出覆盖这些指标、加权差距"
            "总和最大的课程（同分时优先微课），每个班组的计划最多 {max_courses} 门课程。{privacy}"
            "计算使用 cslib {version}。",
            "For each team and agent the {top_k} largest weighted gaps were taken and the "
            "catalogue courses covering them with the largest total weighted gap were chosen "
            "(micro-courses first on ties), at most {max_courses} courses per team plan. "
            "{privacy}Computations used cslib {version}.",
        ),
        "privacy_on": (
            "报告中的坐席以加密化名（HMAC-SHA256）显示。",
            "Agents appear under keyed pseudonyms (HMAC-SHA256). ",
        ),
        "privacy_off": ("", ""),
    }
)


def needs_methods(
    ratings: Any,
    source_weights: Mapping[str, float],
    *,
    missing_rule: str,
    primary: str,
    post: tuple[str, str],
    top_k: int,
    max_courses_per_team: int,
    pseudonymised: bool,
    lang: Lang | str = "zh",
) -> Methods:
    """The methods section of notebook 04 in ``lang``.

    Parameters
    ----------
    ratings : cslib.needs.assessment.Assessments
    source_weights : mapping
        Source code → weight, as used.
    missing_rule : {"renormalise", "exclude"}
    primary : str
        Name of the primary weight source, as the report shows it.
    post : (str, str)
        Name of the post whose targets were used, in Chinese and English.
    top_k, max_courses_per_team : int
    pseudonymised : bool
    lang : {"zh", "en", "zh+en"}
    """
    lang = check_lang(lang)
    args = (ratings, source_weights, missing_rule, primary, post, top_k, max_courses_per_team)
    versions = per_language(lang, lambda side: _paragraphs(*args, pseudonymised, side))
    paragraphs = tuple(p for paras in versions for p in paras)
    return Methods(paragraphs, cite_all(["kendall1945"]), lang)


def _paragraphs(
    ratings: Any,
    source_weights: Mapping[str, float],
    missing_rule: str,
    primary: str,
    post: tuple[str, str],
    top_k: int,
    max_courses: int,
    pseudonymised: bool,
    lang: str,
) -> list[str]:
    import cslib
    from cslib.needs.assessment import source_label

    P = PHRASES
    sep = list_separator(lang)
    used = [s for s in source_weights if s in ratings.sources]
    lo, hi = ratings.scale
    first = P(
        "ratings",
        lang,
        n_agents=len(ratings.agents),
        n_teams=ratings.agents.nunique(),
        n_items=len(ratings.indicators),
        sources=sep.join(source_label(s, lang) for s in used),
        lo=lo,
        hi=hi,
        weights=sep.join(
            f"{source_label(s, lang)} {format_number(source_weights[s], 0, percent=True)}"
            for s in used
        ),
        missing=P(f"missing_{missing_rule}", lang),
    )
    second = sentence_separator(lang).join(
        [P("composite", lang, primary=primary, post=pick(*post, lang)), P("ranking", lang)]
    )
    third = P(
        "courses",
        lang,
        top_k=top_k,
        max_courses=max_courses,
        privacy=P("privacy_on" if pseudonymised else "privacy_off", lang),
        version=cslib.__version__,
    )
    return [first, second, third]
