"""Plain-language summary of a Delphi analysis, in Chinese or English, built from the numbers."""

from __future__ import annotations

import numpy as np
import pandas as pd

from cslib.core.framework import Framework
from cslib.core.i18n import format_p
from cslib.delphi.phrases import PHRASES as P
from cslib.delphi.statistics import Authority, RoundComparison, ScreeningRule
from cslib.delphi.weights import WeightResult, method_label


def summary_paragraphs(
    framework: Framework,
    positive: pd.DataFrame,
    authority: Authority | None,
    concordance: pd.DataFrame,
    stats_table: pd.DataFrame,
    rule: ScreeningRule,
    weights: WeightResult,
    comparison: RoundComparison | None = None,
    lang: str = "zh",
    *,
    alpha: float = 0.05,
    seed: int | None = None,
    small_panel: int = 8,
    scale_max: int = 5,
) -> list[str]:
    """Paragraphs a trainer can read: panel quality, agreement, screening, weights, next step.

    Every figure in the text comes from the arguments; nothing is hard-coded.  ``alpha``
    is the significance level of Kendall's W; ``seed`` the seed of its Monte-Carlo
    p-values; with fewer than ``small_panel`` experts the weight intervals are called
    approximate (the coverage study in ``benchmarks/coverage_weights.py`` sets it).
    """
    zh = lang != "en"
    side = "en" if not zh else "zh"
    name_lang = "en" if not zh else "zh"
    last = positive.iloc[-1]
    out = []
    rates = (
        "、".join(f"{r.rate:.0%}" for r in positive.itertuples())
        if zh
        else ", ".join(f"{r.rate:.0%}" for r in positive.itertuples())
    )
    if zh:
        text = (
            f"专家组：共{len(positive)}轮，问卷回收率（专家积极系数）依次为{rates}，"
            f"最后一轮{int(last.returned)}位专家作答。"
        )
        if authority is not None:
            ok = "达到" if authority.acceptable else "未达到"
            text += (
                f"专家权威系数Cr均值为{authority.mean_cr:.2f}（判断依据Ca {authority.mean_ca:.2f}，"
                f"熟悉程度Cs {authority.mean_cs:.2f}），{ok}0.7的常用标准。"
            )
    else:
        text = (
            f"Panel: {len(positive)} round(s); questionnaire return rates (positive coefficient) "
            f"{rates}; {int(last.returned)} experts answered the last round."
        )
        if authority is not None:
            ok = "meets" if authority.acceptable else "does not meet"
            text += (
                f" Mean authority coefficient Cr = {authority.mean_cr:.2f} (judgment basis "
                f"{authority.mean_ca:.2f}, familiarity {authority.mean_cs:.2f}), which {ok} "
                "the usual 0.7 standard."
            )
    out.append(text)

    levels = concordance[concordance["scope"] == "level"]
    parts = []
    for r in levels.itertuples():
        if not np.isfinite(r.w):
            parts.append(P("w_level_undefined", side, level=r.level))
            continue
        sig = r.p < alpha
        parts.append(
            P(
                "w_sentence",
                side,
                level=r.level,
                w=f"{r.w:.3f}",
                method=_p_method(r.p_method, int(r.n_perm), seed, side),
                p=format_p(r.p, style="sentence").replace("p", "P" if zh else "p", 1),
                verdict=P("w_sig" if sig else "w_nonsig", side),
            )
        )
    if zh:
        out.append(
            "专家意见的一致程度（肯德尔协调系数）："
            + "；".join(parts)
            + "。W 越接近 1 表示专家对指标重要性的排序越一致；W 在 0.3–0.5 之间在德尔菲研究中较常见。"
        )
    else:
        out.append(
            "Agreement among experts (Kendall's W): "
            + "; ".join(parts)
            + ". W near 1 means the experts rank the indicators alike; 0.3–0.5 is common in "
            "Delphi studies."
        )

    flagged = stats_table[stats_table["verdict"] != "keep"]
    if zh:
        if flagged.empty:
            out.append(f"指标筛选（{rule.describe('zh')}）：所有指标均满足标准，全部保留。")
        else:
            items = "、".join(
                f"{framework.name(r.indicator_id, 'zh')}（均值 {r.mean:.2f}，CV {r.cv:.2f}）"
                for r in flagged.itertuples()
            )
            out.append(
                f"指标筛选（{rule.describe('zh')}）：{items}未达到标准，建议专家组讨论修改或删除。"
            )
    else:
        if flagged.empty:
            out.append(f"Screening ({rule.describe()}): every indicator passes and is kept.")
        else:
            items = ", ".join(
                f"{framework.name(r.indicator_id, 'en')} (mean {r.mean:.2f}, CV {r.cv:.2f})"
                for r in flagged.itertuples()
            )
            out.append(
                f"Screening ({rule.describe()}): {items} fall short; the panel should "
                "discuss revising or dropping them."
            )

    top = weights.ranking(name_lang).head(5)
    name_col = "name_en" if not zh else "name_zh"
    method = method_label(weights.method, lang)
    if zh:
        items = "、".join(f"{r[name_col]}（{r.combined:.2%}）" for _, r in top.iterrows())
        text = f"权重（{method}，第{weights.round}轮）：组合权重最高的五项能力依次为{items}。"
        if weights.n_boot:
            text += (
                f"括号内为点估计；{weights.ci_level:.0%}置信区间（{P(_ci_key(weights), 'zh')}）"
                f"由{weights.n_boot}次专家自助抽样（种子 {weights.seed}）得到，"
                "区间重叠的指标之间的先后顺序不宜过度解读。"
            )
            if weights.n_experts < small_panel:
                text += P("ci_small_panel", "zh", n_min=small_panel)
    else:
        items = ", ".join(f"{r[name_col]} ({r.combined:.2%})" for _, r in top.iterrows())
        text = (
            f"Weights ({method}, round {weights.round}): the five highest combined weights are "
            f"{items}."
        )
        if weights.n_boot:
            text += (
                f" {weights.ci_level:.0%} CIs ({P(_ci_key(weights), 'en')}) come from "
                f"{weights.n_boot} bootstrap resamples of experts (seed {weights.seed}); do not "
                "read much into the order of indicators whose intervals overlap."
            )
            if weights.n_experts < small_panel:
                text += " " + P("ci_small_panel", "en", n_min=small_panel)
    out.append(text)

    if comparison is not None:
        c = comparison
        stability = c.stability_rule.describe(side)
        consensus = c.consensus_rule.describe(side, scale_max)
        screening = rule.describe("en" if not zh else "zh")
        if not c.third_round_advised:
            out.append(
                P(
                    "next_stop",
                    side,
                    stability=stability,
                    consensus=consensus,
                    screening=screening,
                    first=c.first,
                    second=c.second,
                )
            )
        else:
            sep = "、" if zh else ", "
            reasons = []
            if c.unstable:
                reasons.append(P("reason_unstable", side, ids=sep.join(c.unstable), rule=stability))
            if c.no_consensus:
                reasons.append(
                    P(
                        "reason_no_consensus",
                        side,
                        ids=sep.join(c.no_consensus),
                        round=c.second,
                        rule=consensus,
                    )
                )
            if c.failing:
                reasons.append(
                    P(
                        "reason_failing",
                        side,
                        ids=sep.join(c.failing),
                        round=c.second,
                        rule=screening,
                    )
                )
            out.append(
                P("next_more", side, first=c.first, reasons=("；" if zh else "; ").join(reasons))
            )
    return out


def _ci_key(weights: WeightResult) -> str:
    return {"bca": "ci_bca", "percentile": "ci_percentile", "expanded": "ci_expanded"}[
        weights.ci_method
    ]


def _p_method(method: str, n_perm: int, seed: int | None, lang: str) -> str:
    if method == "monte_carlo":
        return P("p_monte_carlo", lang, n_perm=n_perm, seed=seed)
    return P("p_exact" if method == "exact" else "p_chi2", lang)
