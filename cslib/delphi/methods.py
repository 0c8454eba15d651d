"""The methods paragraph of a Delphi report, written from what the run actually did.

:func:`delphi_methods` takes the objects notebook 01 computed (rounds and returns, the rules
set in advance, Kendall's W tables, the round comparison, the weights) and states, in the
report's language, what was done: rounds, questionnaires sent and returned per round, the
scale, the consensus, stability and screening rules, Kendall's W with the p-value method
each group actually used, the exact tests between rounds with their correction, the weighting
method, and the bootstrap interval with the coverage it was checked for.  Every number and
choice comes from the arguments; nothing is assumed.

The coverage figures are those of the project's simulation (``benchmarks/coverage_weights.py``,
1,000 simulated panels per size for mean-difference AHP, 500 for normalised means; nominal
95 %), kept in :data:`COVERAGE` and explained in the report's appendix.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from cslib.core.i18n import (
    Lang,
    Phrases,
    check_lang,
    clause_separator,
    format_number,
    per_language,
    sentence_separator,
)
from cslib.core.references import Methods, cite_all

PHRASES = Phrases(
    {
        "design": (
            "本研究采用德尔菲法，共进行 {n_rounds} 轮专家咨询。{returns}",
            "A Delphi consultation was run in {n_rounds} {rounds_word}. {returns}",
        ),
        "round_word_one": ("", "round"),
        "round_word_many": ("", "rounds"),
        "return_round": (
            "第 {r} 轮发放问卷 {sent} 份、回收 {returned} 份（回收率 {rate}）",
            "round {r}: {sent} questionnaires sent, {returned} returned ({rate})",
        ),
        "returns_end": ("。", "."),
        "returns_en_start": ("", "Returns by round — "),
        "later_rounds": (
            "第 2 轮起问卷只发给上一轮回复的专家。",
            "From round 2 on, questionnaires went to the experts who answered the round before.",
        ),
        "authority": (
            "专家权威系数 Cr 为判断依据 Ca 与熟悉程度 Cs 的均值，Cr ≥ {t} 视为可接受；"
            "第 {r} 轮专家的平均 Cr 为 {cr}，{share} 的专家达到该标准。",
            "Expert authority Cr was the mean of judgement basis Ca and familiarity Cs, "
            "acceptable at Cr ≥ {t}; the round-{r} panel's mean Cr was {cr}, and {share} of "
            "the experts met the threshold.",
        ),
        "scale": (
            "专家按 {lo}–{hi} 分 Likert 量表评定 {n_items} 个指标的重要性。",
            "Experts rated the importance of {n_items} indicators on a {lo}–{hi} Likert scale.",
        ),
        "rules": (
            "以下判定规则在第 1 轮之前确定（Diamond 等，2014）：共识为{consensus}；"
            "稳定为{stability}；指标筛选标准为{screening}，一项不达标的指标标为“修改”，"
            "两项及以上标为“考虑删除”，由研究者讨论决定，不自动删除。",
            "The following rules were fixed before round 1 (Diamond et al., 2014): consensus, "
            "{consensus}; stability, {stability}; screening, {screening}, an indicator failing "
            "one criterion being flagged for revision and failing two or more for discussion of "
            "its removal (never removed automatically).",
        ),
        "kendall": (
            "专家意见的协调程度用肯德尔协调系数 W（同分校正；Kendall 与 Babington Smith，1939）"
            "按层级和同级指标组计算，P 值的计算方法为：{methods}。",
            "Agreement was measured with Kendall's coefficient of concordance W with tie "
            "correction (Kendall & Babington Smith, 1939) per level and per sibling group; "
            "p-values were {methods}.",
        ),
        "kendall_exact": (
            "2–3 个指标的组用精确置换分布",
            "from the exact permutation distribution for groups of 2–3 indicators",
        ),
        "kendall_mc": (
            "4–7 个指标的组用 {n_perm} 次蒙特卡洛置换（随机种子 {seed}；Legendre，2005）",
            "from {n_perm} Monte-Carlo permutations (seed {seed}; Legendre, 2005) for groups of "
            "4–7 indicators",
        ),
        "kendall_chi2": (
            "8 个及以上指标的组用 χ² = m(n − 1)W（自由度 n − 1）近似",
            "from the χ² approximation m(n − 1)W on n − 1 degrees of freedom for groups of 8 or "
            "more indicators",
        ),
        "kendall_undefined": (
            "全部专家对一组指标评分相同时 W 无定义（0/0），不报告检验",
            "W is undefined (0/0) when every expert gives every indicator of a group the same "
            "score, and no test is reported then",
        ),
        "compare": (
            "第 {a} 轮与第 {b} 轮之间，{n} 位两轮均作答专家的配对评分用精确 Wilcoxon 符号秩检验"
            "（零差值按 Pratt 法处理，同分用中秩；Pratt，1959）和精确符号检验比较，符号秩检验的"
            " P 值在各指标之间做 Holm 校正（Holm，1979），显著性水平 α = {alpha}；检验不显著不作为稳定的证据。",
            "Between rounds {a} and {b}, the paired scores of the {n} experts who answered both "
            "were compared with the exact Wilcoxon signed-rank test (zeros by Pratt's method, "
            "mid-ranks for ties; Pratt, 1959) and the exact sign test, the signed-rank p-values "
            "Holm-adjusted across indicators (Holm, 1979) at α = {alpha}; a non-significant test was not taken as "
            "evidence of stability.",
        ),
        "weights_mean": (
            "指标权重由第 {r} 轮评分计算：各指标的平均重要性在同级指标组内归一化得到层级权重。",
            "Weights were derived from the round-{r} ratings: each indicator's mean importance, "
            "normalised within its sibling group, gave its level weight.",
        ),
        "weights_rank_sum": (
            "指标权重由第 {r} 轮评分计算：每位专家在同级指标组内的评分秩（同分取中秩）求和后"
            "归一化得到层级权重。",
            "Weights were derived from the round-{r} ratings: each expert's within-group "
            "mid-ranks were summed and normalised to give the level weights.",
        ),
        "weights_ahp": (
            "指标权重由第 {r} 轮评分按均值差层次分析法计算（Saaty，1980）：同级指标 i、j 的判断值"
            "为 aᵢⱼ = 1 + (mᵢ − mⱼ)（mᵢ ≥ mⱼ 时，否则取其倒数），m 为平均重要性；优先级按"
            "{priority}求得，判断矩阵一致性比率 CR ≤ {cr_max} 视为可接受。",
            "Weights were derived from the round-{r} ratings by mean-difference AHP (Saaty, "
            "1980): the judgement between sibling indicators i and j was aᵢⱼ = 1 + (mᵢ − mⱼ) "
            "when mᵢ ≥ mⱼ and its reciprocal otherwise, m being the mean importance; "
            "priorities were {priority}, and a judgement matrix with consistency ratio "
            "CR ≤ {cr_max} was accepted.",
        ),
        "priority_geometric": ("行几何平均法", "row geometric means"),
        "priority_eigen": ("主特征向量法", "the principal eigenvector"),
        "combined": (
            "组合权重为各级层级权重沿指标体系的乘积。",
            "Combined weights are the products of the level weights down the hierarchy.",
        ),
        "ci": (
            "权重的 {level} 置信区间由对专家的 {n_boot} 次有放回自助重抽样（随机种子 {seed}）"
            "按{ci}计算。",
            "{level} confidence intervals came from {n_boot} bootstrap resamples of experts "
            "with replacement (seed {seed}) by the {ci}.",
        ),
        "ci_expanded": (
            "扩展百分位法（Hesterberg，2015）",
            "expanded percentile method (Hesterberg, 2015)",
        ),
        "ci_bca": ("BCa 法（Efron，1987）", "BCa method (Efron, 1987)"),
        "ci_percentile": ("百分位法", "percentile method"),
        "coverage": (
            "在以本项目示例数据第 2 轮评分分布生成的模拟专家组中（名义 95%），该区间在 8、15、40 位专家时的"
            "覆盖率分别为 {c8}、{c15} 和 {c40}（见附录）。",
            "In simulated panels drawn from the round-2 score distributions of the project's "
            "sample data "
            "(nominal 95 %), this interval covered the true weight {c8}, {c15} and {c40} of "
            "the time with 8, 15 and 40 experts (see the appendix).",
        ),
        "coverage_unknown": (
            "该区间在{method}下的覆盖率未经模拟检验。",
            "The coverage of this interval has not been checked by simulation for {method}.",
        ),
        "small_panel": (
            "本研究专家少于 {n_min} 人（模拟检验过的最小规模），区间应视为近似。",
            "With fewer than {n_min} experts (the smallest panel simulated) the intervals are "
            "approximate.",
        ),
        "no_ci": ("未计算权重的置信区间。", "No confidence intervals were computed."),
        "cvi": (
            "内容效度用条目水平内容效度指数 I-CVI、量表水平 S-CVI/Ave 与 S-CVI/UA 及调整 kappa "
            "评价（Polit 等，2007），并计算 Aiken V 及其精确右尾 P 值（Aiken，1985）；{source}",
            "Content validity was assessed with the item-level I-CVI, the scale-level S-CVI/Ave "
            "and S-CVI/UA and the modified kappa (Polit et al., 2007), and with Aiken's V and "
            "its exact right-tail p-value (Aiken, 1985); {source}",
        ),
        "cvi_file": (
            "相关性由专家在 1–4 分量表上单独评定，3–4 分视为相关。",
            "relevance was rated separately on a 1–4 scale, 3–4 counting as relevant.",
        ),
        "cvi_ratings": (
            "相关性取第 {r} 轮的重要性评分，评分 ≥ {t} 视为相关。",
            "relevance was taken from the round-{r} importance ratings, a score of {t} or more "
            "counting as relevant.",
        ),
        "reporting": (
            "报告按 CREDES 指南（Jünger 等，2017）的条目组织。计算使用 cslib {version}。",
            "Reporting follows the CREDES guidance (Jünger et al., 2017). Computations used "
            "cslib {version}.",
        ),
    }
)

COVERAGE: dict[str, dict[str, tuple[float, float, float]]] = {
    "ahp_mean_diff": {
        "percentile": (0.884, 0.914, 0.940),
        "bca": (0.885, 0.917, 0.941),
        "expanded": (0.940, 0.945, 0.950),
    },
    "mean": {
        "percentile": (0.873, 0.920, 0.942),
        "bca": (0.878, 0.921, 0.940),
        "expanded": (0.936, 0.951, 0.950),
    },
}
"""Simulated coverage of the 95 % weight intervals at 8, 15 and 40 experts, by weighting
method and interval method (``benchmarks/coverage_weights.py``; rank-sum weights were not
simulated)."""

COVERAGE_MIN_EXPERTS = 8
"""The smallest panel size in the coverage simulation."""


def delphi_methods(
    ratings: Any,
    positive: pd.DataFrame,
    concordance: Mapping[int, pd.DataFrame],
    weights: Any,
    *,
    consensus: Any,
    stability: Any,
    screening: Any,
    analysis_round: int,
    n_items: int,
    comparison: Any | None = None,
    authority: Any | None = None,
    alpha: float = 0.05,
    n_perm: int = 10000,
    seed: int | None = None,
    relevance_file: bool = False,
    relevant_min: float = 4,
    lang: Lang | str = "zh",
) -> Methods:
    """The methods section of a Delphi report (paragraphs and references) in ``lang``.

    Parameters
    ----------
    ratings : cslib.delphi.io.Ratings
        The ratings analysed (rounds, scale).
    positive : DataFrame
        :func:`cslib.delphi.statistics.positive_coefficient` (``round, sent, returned, rate``).
    concordance : mapping
        Round → :func:`cslib.delphi.statistics.concordance` table (its ``p_method`` column
        says which p-value method each group used).
    weights : cslib.delphi.weights.WeightResult
    consensus, stability, screening
        The :class:`~cslib.delphi.statistics.ConsensusRule`, ``StabilityRule`` and
        ``ScreeningRule`` of the run.
    analysis_round : int
        The round the weights and screening are based on.
    n_items : int
        Number of indicators rated.
    comparison : RoundComparison, optional
        The comparison of the last two rounds, if there were two.
    authority : Authority, optional
        Expert authority, when expert profiles were given.
    alpha, n_perm, seed
        Significance level, Monte-Carlo permutations and seed of the run.
    relevance_file : bool
        Content validity came from a separate relevance file (else from the ratings, with
        ``relevant_min``).
    lang : {"zh", "en", "zh+en"}

    Returns
    -------
    cslib.core.references.Methods
    """
    lang = check_lang(lang)
    args = {k: v for k, v in locals().items() if k in _PARAMETERS}
    # one language at a time, Chinese first ("zh+en": the Chinese section, then the English)
    versions = per_language(lang, lambda side: _paragraphs(**args, lang=side))
    paragraphs = tuple(p for paras, _ in versions for p in paras)
    return Methods(paragraphs, cite_all(*(cited for _, cited in versions)), lang)


def _paragraphs(
    ratings: Any,
    positive: pd.DataFrame,
    concordance: Mapping[int, pd.DataFrame],
    weights: Any,
    *,
    consensus: Any,
    stability: Any,
    screening: Any,
    analysis_round: int,
    n_items: int,
    comparison: Any | None,
    authority: Any | None,
    alpha: float,
    n_perm: int,
    seed: int | None,
    relevance_file: bool,
    relevant_min: float,
    lang: str,
) -> tuple[list[str], list[str]]:
    """The paragraphs in one language and the keys of the works they cite."""
    import cslib

    P = PHRASES
    rounds = list(positive["round"])
    returns = [
        P(
            "return_round",
            lang,
            r=int(r.round),
            sent=int(r.sent),
            returned=int(r.returned),
            rate=format_number(float(r.rate), 1, percent=True),
        )
        for r in positive.itertuples()
    ]
    returns_text = (
        P("returns_en_start", lang) + clause_separator(lang).join(returns) + P("returns_end", lang)
    )
    if len(rounds) > 1:
        returns_text += sentence_separator(lang) + P("later_rounds", lang)
    design = P(
        "design",
        lang,
        n_rounds=len(rounds),
        rounds_word=P("round_word_one" if len(rounds) == 1 else "round_word_many", lang),
        returns=returns_text,
    )
    cited = ["diamond2014", "kendall1939", "junger2017"]
    p1 = [design]
    if authority is not None:
        p1.append(
            P(
                "authority",
                lang,
                t=f"{authority.threshold:g}",
                r=analysis_round,
                cr=format_number(authority.mean_cr, 2),
                share=format_number(authority.share_acceptable, 0, percent=True),
            )
        )
    lo, hi = ratings.scale
    p1.append(P("scale", lang, lo=lo, hi=hi, n_items=n_items))
    p1.append(
        P(
            "rules",
            lang,
            consensus=consensus.describe(lang, hi),
            stability=stability.describe(lang),
            screening=screening.describe(lang),
        )
    )

    used = {str(m) for t in concordance.values() for m in t["p_method"]}
    methods = []
    if "exact" in used:
        methods.append(P("kendall_exact", lang))
    if "monte_carlo" in used:
        methods.append(P("kendall_mc", lang, n_perm=f"{n_perm:,}", seed=seed))
        cited.append("legendre2005")
    if "chi2" in used:
        methods.append(P("kendall_chi2", lang))
    if "undefined" in used:
        methods.append(P("kendall_undefined", lang))
    p2 = [P("kendall", lang, methods=clause_separator(lang).join(methods))]
    if comparison is not None:
        p2.append(
            P(
                "compare",
                lang,
                a=comparison.first,
                b=comparison.second,
                n=comparison.n_paired,
                alpha=f"{alpha:g}",
            )
        )
        cited += ["pratt1959", "holm1979"]

    method = weights.method
    if method == "ahp_mean_diff":
        p3 = [
            P(
                "weights_ahp",
                lang,
                r=analysis_round,
                priority=P(f"priority_{weights.priority}", lang),
                cr_max=f"{weights.cr_max:g}",
            )
        ]
        cited.append("saaty1980")
    else:
        p3 = [P(f"weights_{method}", lang, r=analysis_round)]
    p3.append(P("combined", lang))
    if weights.n_boot:
        ci_method = weights.ci_method
        p3.append(
            P(
                "ci",
                lang,
                level=format_number(weights.ci_level, 0, percent=True),
                n_boot=f"{weights.n_boot:,}",
                seed=weights.seed,
                ci=P(f"ci_{ci_method}", lang),
            )
        )
        if ci_method == "expanded":
            cited.append("hesterberg2015")
        elif ci_method == "bca":
            cited.append("efron1987")
        cov = COVERAGE.get(method, {}).get(ci_method)
        if cov is not None:
            c8, c15, c40 = (format_number(c, 1, percent=True) for c in cov)
            p3.append(P("coverage", lang, c8=c8, c15=c15, c40=c40))
        else:
            from cslib.delphi.weights import method_label

            p3.append(P("coverage_unknown", lang, method=method_label(method, lang)))
        if weights.n_experts < COVERAGE_MIN_EXPERTS:
            p3.append(P("small_panel", lang, n_min=COVERAGE_MIN_EXPERTS))
    else:
        p3.append(P("no_ci", lang))

    source = (
        P("cvi_file", lang)
        if relevance_file
        else P("cvi_ratings", lang, r=analysis_round, t=f"{relevant_min:g}")
    )
    p4 = [
        P("cvi", lang, source=source),
        P("reporting", lang, version=cslib.__version__),
    ]
    cited += ["polit2007", "aiken1985"]
    join = sentence_separator(lang)
    return [join.join(p) for p in (p1, p2, p3, p4)], cited


_PARAMETERS = (
    "ratings",
    "positive",
    "concordance",
    "weights",
    "consensus",
    "stability",
    "screening",
    "analysis_round",
    "n_items",
    "comparison",
    "authority",
    "alpha",
    "n_perm",
    "seed",
    "relevance_file",
    "relevant_min",
)


APPENDIX = Phrases(
    {
        "coverage_text": (
            "权重置信区间的覆盖率用模拟检验：每种专家人数（8、15、40）模拟 1,000 个专家组"
            "（均值归一化法 500 个），每位模拟专家对每个指标的评分从样本数据第 2 轮该指标的评分"
            "分布中抽取；“真实”权重为同一方法用于总体平均评分的结果；每个模拟专家组做 1,000 次"
            "自助重抽样，统计 95% 区间覆盖真实组合权重的比例（11 个末级指标的平均；单个指标覆盖率"
            "的蒙特卡洛标准误约 0.7 个百分点）。普通百分位区间和 BCa 区间在小专家组中偏窄（BCa 校正"
            "的是偏倚和偏度，而非自助分布过窄），扩展百分位区间（Hesterberg，2015）在三种规模下与"
            "95% 相差不超过 2 个百分点，因此作为默认方法。秩和法未做模拟。",
            "The coverage of the weight intervals was checked by simulation: 1,000 panels for "
            "each panel size (8, 15, 40 experts; 500 for normalised means), each simulated "
            "expert drawing every indicator's score from that indicator's round-2 score "
            "distribution in the sample data; the 'true' weight is the method applied to the "
            "population mean scores; each panel was resampled 1,000 times and the share of 95 % "
            "intervals covering the true combined weight was counted (mean over the 11 "
            "lowest-level indicators; Monte-Carlo standard error of one indicator's coverage "
            "about 0.7 points). Percentile and BCa intervals are too narrow in small panels "
            "(BCa corrects bias and skew, not a bootstrap distribution that is too narrow); the "
            "expanded percentile interval (Hesterberg, 2015) is within 2 points of 95 % at all "
            "three sizes and is therefore the default. Rank-sum weights were not simulated.",
        ),
        "weighting": ("赋权方法", "Weighting method"),
        "interval": ("区间方法", "Interval method"),
        "experts": ("{n} 位专家", "{n} experts"),
    }
)


def coverage_appendix(lang: Lang | str = "zh") -> tuple[str, pd.DataFrame]:
    """The appendix on the coverage of the weight intervals: a paragraph and its table.

    The table has one row per weighting and interval method and the simulated coverage at
    8, 15 and 40 experts (:data:`COVERAGE`), headers in ``lang``.

    Examples
    --------
    >>> text, table = coverage_appendix("en")
    >>> table.iloc[2].tolist()
    ['mean-difference AHP', 'expanded percentile method (Hesterberg, 2015)', '94.0%', '94.5%', '95.0%']
    """
    from cslib.delphi.weights import method_label

    lang = check_lang(lang)
    rows = []
    for method, by_interval in COVERAGE.items():
        for interval in ("percentile", "bca", "expanded"):
            rows.append(
                [method_label(method, lang), PHRASES(f"ci_{interval}", lang)]
                + [format_number(c, 1, percent=True) for c in by_interval[interval]]
            )
    columns = [APPENDIX("weighting", lang), APPENDIX("interval", lang)] + [
        APPENDIX("experts", lang, n=n) for n in (8, 15, 40)
    ]
    return APPENDIX("coverage_text", lang), pd.DataFrame(rows, columns=columns)
