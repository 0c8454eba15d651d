"""Plain-language summary of a Delphi analysis, in Chinese or English, built from the numbers."""

from __future__ import annotations

import pandas as pd

from cslib.core.framework import Framework
from cslib.delphi.statistics import Authority, RoundComparison, ScreeningRule
from cslib.delphi.weights import WeightResult, method_label


def _p(p: float) -> str:
    return "< 0.001" if p < 0.001 else f"= {p:.3f}"


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
) -> list[str]:
    """Paragraphs a trainer can read: panel quality, agreement, screening, weights, next step.

    Every figure in the text comes from the arguments; nothing is hard-coded.
    """
    zh = lang != "en"
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
        sig = r.p < 0.05
        if zh:
            parts.append(
                f"第{r.level}级指标 W = {r.w:.3f}（χ² = {r.chi2:.2f}，df = {r.df}，"
                f"P {_p(r.p)}，{'专家意见协调性显著' if sig else '协调性不显著'}）"
            )
        else:
            parts.append(
                f"level {r.level}: W = {r.w:.3f} (χ² = {r.chi2:.2f}, df = {r.df}, "
                f"p {_p(r.p)}; {'significant' if sig else 'not significant'} agreement)"
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
                f"括号内为点估计；{weights.ci_level:.0%}置信区间由{weights.n_boot}次专家自助抽样"
                f"（种子 {weights.seed}）得到，区间重叠的指标之间的先后顺序不宜过度解读。"
            )
    else:
        items = ", ".join(f"{r[name_col]} ({r.combined:.2%})" for _, r in top.iterrows())
        text = (
            f"Weights ({method}, round {weights.round}): the five highest combined weights are "
            f"{items}."
        )
        if weights.n_boot:
            text += (
                f" {weights.ci_level:.0%} CIs come from {weights.n_boot} bootstrap resamples "
                f"of experts (seed {weights.seed}); do not read much into the order of "
                "indicators whose intervals overlap."
            )
    out.append(text)

    if comparison is not None:
        c = comparison
        if not c.third_round_advised:
            out.append(
                f"下一步：第{c.first}轮到第{c.second}轮评分稳定且全部指标达标，可以结束德尔菲咨询。"
                if zh
                else f"Next step: ratings were stable from round {c.first} to round {c.second} "
                "and every indicator passes; the Delphi can stop."
            )
        elif zh:
            reasons = []
            if c.unstable:
                reasons.append(
                    f"{'、'.join(c.unstable)}的评分仍有显著变化（Wilcoxon P < {c.alpha:g}）"
                )
            if c.failing:
                reasons.append(f"{'、'.join(c.failing)}在第{c.second}轮仍未达筛选标准")
            out.append(
                f"下一步：与第{c.first}轮相比，"
                + "；".join(reasons)
                + "。建议再进行一轮咨询，并把反馈表（各指标上轮中位数、四分位区间及本人评分）发给专家。"
            )
        else:
            out.append(
                f"Next step: compared with round {c.first}, "
                + "; ".join(c.reasons)
                + ". Another round is advisable, sending each expert the feedback workbook "
                "(panel median, IQR and their own last score)."
            )
    return out
