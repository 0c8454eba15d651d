"""Consistency-check report layer: QA agreement summary, bilingual labels, plain-language text.

Everything a trainer reads in notebook 02 that is not a table comes from here, generated
from the numbers: :func:`summarise_qa` bundles the agreement statistics of a QA
calibration round, the ``*_conclusions`` functions turn results into short sentences in
Chinese or English, and :data:`LABELS` holds the figure/table labels of this notebook
(the project-wide ``cslib.core.i18n`` belongs to the Delphi part).

Interpretation bands used in the sentences (conventions, not laws):

* AHP: CR ≤ 0.10 acceptable (Saaty 1980).
* ICC: < 0.50 poor, 0.50–0.75 moderate, 0.75–0.90 good, > 0.90 excellent (Koo & Li 2016,
  *J Chiropr Med* 15(2), 155–163).
* Kappa: ≤ 0.20 slight, 0.21–0.40 fair, 0.41–0.60 moderate, 0.61–0.80 substantial, > 0.80
  almost perfect (Landis & Koch 1977, *Biometrics* 33, 159–174).
* Krippendorff's alpha: ≥ 0.800 reliable, 0.667–0.800 tentative conclusions only
  (Krippendorff 2004).
* Cronbach's alpha: ≥ 0.90 excellent, ≥ 0.80 good, ≥ 0.70 acceptable, below questionable.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations

import numpy as np
import pandas as pd

from cslib.consistency.ahp_survey import SurveyResult
from cslib.consistency.qa_io import QACalibration
from cslib.core.findings import Finding
from cslib.core.i18n import text
from cslib.stats.agreement import (
    CronbachAlpha,
    FleissKappa,
    KendallW,
    KrippendorffAlpha,
    RaterBias,
    cohen_kappa,
    fleiss_kappa,
    icc_table,
    kendall_w,
    krippendorff_alpha,
    pairwise_icc,
    rater_bias,
)
from cslib.stats.ahp import TOP, WeightComparison

LABELS: dict[str, tuple[str, str]] = {
    "expert": ("专家", "Expert"),
    "group": ("判断矩阵（父指标）", "Group (parent)"),
    "top": ("一级指标", "First level"),
    "cr": ("一致性比率 CR", "Consistency ratio CR"),
    "cr_threshold": ("CR = 0.10 阈值", "CR = 0.10 threshold"),
    "cr_title": ("各专家判断矩阵的一致性比率", "Consistency ratio of each expert's matrices"),
    "weight": ("权重", "Weight"),
    "combined": ("组合权重", "Combined weight"),
    "indicator": ("指标", "Indicator"),
    "weights_title": ("AHP 组合权重与对照权重", "AHP combined weights vs. the other table"),
    "sens_title": (
        "一级权重可变动范围（前五名排序不变）",
        "How far each first-level weight can move (top-5 order unchanged)",
    ),
    "current": ("当前权重", "Current weight"),
    "stable": ("排序不变区间", "Stable interval"),
    "inspector": ("质检员", "Inspector"),
    "heat_title": (
        "质检员两两一致性 ICC(2,1)（总分）",
        "Pairwise agreement of inspectors, ICC(2,1) on totals",
    ),
    "bias_title": (
        "各质检员相对其他质检员均值的偏差（总分，95% CI）",
        "Each inspector's bias against the others' mean (total score, 95% CI)",
    ),
    "bias": ("偏差（分）", "Bias (points)"),
    "alpha_title": ("删除某题后的 Cronbach's α", "Cronbach's alpha if an item is deleted"),
    "alpha_all": ("全部题目 α", "alpha, all items"),
    "item": ("题目", "Item"),
}


def label(key: str, lang: str = "zh") -> str:
    """Label text for ``key`` in ``"zh"`` or ``"en"``."""
    return text(LABELS, key, lang)


# ---------------------------------------------------------------------------------------------
# QA calibration summary


@dataclass(frozen=True)
class QASummary:
    """Agreement statistics of one QA calibration round.

    Attributes
    ----------
    icc : DataFrame
        :func:`cslib.stats.agreement.icc_table` on the totals of the complete calls.
    calls_used : int
    excluded_calls : tuple of str
        Calls left out of ICC/kappa/Kendall because a rating was missing (Krippendorff's
        alpha uses them).
    pass_mark : float
    fleiss_pass : FleissKappa
        Pass/fail (total ≥ pass mark) agreement of all inspectors.
    cohen_pairs : DataFrame
        Every inspector pair: Cohen's kappa on pass/fail and quadratic-weighted kappa on the
        grade band of the total (bands of width ``band_width`` below the maximum).
    krippendorff_total : KrippendorffAlpha
        Interval alpha on the totals (missing allowed).
    krippendorff_items : DataFrame
        Ordinal alpha per item (missing allowed).
    kendall : KendallW
        Concordance of the inspectors' rankings of the calls (:func:`cslib.stats.agreement.kendall_w`).
    bias : RaterBias
    pairwise : DataFrame
        Inspector × inspector ICC(2,1) on totals.
    """

    icc: pd.DataFrame
    calls_used: int
    excluded_calls: tuple[str, ...]
    pass_mark: float
    fleiss_pass: FleissKappa
    cohen_pairs: pd.DataFrame
    krippendorff_total: KrippendorffAlpha
    krippendorff_items: pd.DataFrame
    kendall: KendallW
    bias: RaterBias
    pairwise: pd.DataFrame = field(repr=False)


def summarise_qa(
    calib: QACalibration,
    *,
    pass_mark: float = 80.0,
    band_width: float = 10.0,
    practical: float = 3.0,
    confidence: float = 0.95,
) -> QASummary:
    """Compute every agreement statistic of a QA calibration round (see :class:`QASummary`)."""
    totals = calib.totals()
    complete, excluded = calib.complete_totals()
    x = complete.to_numpy()
    passed = x >= pass_mark
    top = calib.form.total if calib.form is not None else float(np.nanmax(totals.to_numpy()))
    grade = np.floor((top - x) / band_width).clip(0, None).astype(int)  # 0 = best band
    pairs = []
    for a, b in combinations(range(x.shape[1]), 2):
        ck = cohen_kappa(passed[:, a], passed[:, b], categories=[False, True])
        cats = list(range(int(grade.max()) + 1))
        wk = cohen_kappa(grade[:, a], grade[:, b], weights="quadratic", categories=cats)
        pairs.append(
            {
                "pair": f"{complete.columns[a]}–{complete.columns[b]}",
                "kappa_pass": ck.kappa,
                "kappa_pass_low": ck.ci_low,
                "kappa_pass_high": ck.ci_high,
                "weighted_kappa_band": wk.kappa,
            }
        )
    items = []
    for item in calib.items:
        s = calib.item_scores(item).to_numpy()
        if np.unique(s[np.isfinite(s)]).size < 2:
            items.append({"item": item, "alpha": np.nan})
            continue
        dom = None
        if calib.form is not None:
            dom = list(np.arange(calib.form.min_points[item], calib.form.max_points[item] + 1))
        items.append(
            {"item": item, "alpha": krippendorff_alpha(s, "ordinal", value_domain=dom).alpha}
        )
    return QASummary(
        icc=icc_table(x, confidence=confidence),
        calls_used=len(complete),
        excluded_calls=excluded,
        pass_mark=pass_mark,
        fleiss_pass=fleiss_kappa(passed),
        cohen_pairs=pd.DataFrame(pairs),
        krippendorff_total=krippendorff_alpha(totals.to_numpy(), "interval"),
        krippendorff_items=pd.DataFrame(items),
        kendall=kendall_w(x.T),
        bias=rater_bias(totals, confidence=confidence, practical=practical),
        pairwise=pairwise_icc(totals, "ICC(2,1)"),
    )


# ---------------------------------------------------------------------------------------------
# Plain-language sentences


def _band(value: float, cuts: list[tuple[float, str, str]], lang: str) -> str:
    for cut, zh, en in cuts:
        if value < cut:
            return en if lang == "en" else zh
    return en if lang == "en" else zh


def interpret_icc(value: float, lang: str = "zh") -> str:
    """Koo & Li (2016) verbal band of an ICC."""
    return _band(
        value,
        [
            (0.5, "差", "poor"),
            (0.75, "中等", "moderate"),
            (0.9, "良好", "good"),
            (np.inf, "优秀", "excellent"),
        ],
        lang,
    )


def interpret_kappa(value: float, lang: str = "zh") -> str:
    """Landis & Koch (1977) verbal band of a kappa."""
    return _band(
        value,
        [
            (0.0, "差", "poor"),
            (0.205, "轻微", "slight"),
            (0.405, "一般", "fair"),
            (0.605, "中等", "moderate"),
            (0.805, "较强", "substantial"),
            (np.inf, "几乎完全一致", "almost perfect"),
        ],
        lang,
    )


def interpret_alpha(value: float, lang: str = "zh") -> str:
    """Verbal band of a Cronbach's alpha."""
    return _band(
        value,
        [
            (0.7, "偏低，需修订", "questionable"),
            (0.8, "可以接受", "acceptable"),
            (0.9, "良好", "good"),
            (np.inf, "优秀", "excellent"),
        ],
        lang,
    )


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def _group_name(group: str, names: dict[str, str], lang: str) -> str:
    if group == TOP:
        return label("top", lang)
    return names.get(group, group)


def ahp_conclusions(
    result: SurveyResult,
    reask: pd.DataFrame,
    names: dict[str, str],
    *,
    comparison: WeightComparison | None = None,
    sensitivity: pd.DataFrame | None = None,
    lang: str = "zh",
) -> list[str]:
    """Sentences on the AHP survey: who is inconsistent, what to re-ask, the weights."""
    zh = lang != "en"
    cons = result.consistency
    n_exp = cons["expert"].nunique()
    bad = cons.loc[~cons["acceptable"]]
    bad_experts = list(dict.fromkeys(bad["expert"]))
    out = []
    if bad.empty:
        out.append(
            f"全部 {n_exp} 位专家的判断矩阵均通过一致性检验（CR ≤ {result.cr_threshold:.2f}）。"
            if zh
            else f"All {n_exp} experts' matrices pass the consistency check "
            f"(CR ≤ {result.cr_threshold:.2f})."
        )
    else:
        parts = []
        for e in bad_experts:
            rows = bad.loc[bad["expert"] == e]
            groups = (
                "、".join(_group_name(g, names, lang) for g in rows["group"])
                if zh
                else ", ".join(_group_name(g, names, lang) for g in rows["group"])
            )
            parts.append(
                f"{e}（{groups}，最大 CR = {rows['cr'].max():.2f}）"
                if zh
                else f"{e} ({groups}; max CR = {rows['cr'].max():.2f})"
            )
        out.append(
            (
                f"{n_exp} 位专家中有 {len(bad_experts)} 位的部分判断矩阵 CR 超过 "
                f"{result.cr_threshold:.2f}：" + "；".join(parts) + "。"
            )
            if zh
            else (
                f"{len(bad_experts)} of {n_exp} experts have matrices with CR above "
                f"{result.cr_threshold:.2f}: " + "; ".join(parts) + "."
            )
        )
    if not reask.empty:
        first = reask.loc[reask["rank"] == 1]

        def pair(text: str) -> str:
            left, _, right = text.partition("~")
            return (
                f"“{names.get(left, left)}”比“{names.get(right, right)}”"
                if zh
                else f"'{names.get(left, left)}' vs '{names.get(right, right)}'"
            )

        items = [
            f"{r.expert}：{pair(r.pair)}（{r.pair}，原答 {r.answer}，与其他回答相容的答案约为 "
            f"{r.suggested}）"
            if zh
            else f"{r.expert}: {pair(r.pair)} ({r.pair}; answered {r.answer}, an answer consistent "
            f"with the others ≈ {r.suggested})"
            for r in first.itertuples(index=False)
        ]
        out.append(
            (
                "建议请这些专家重新考虑各自最不一致的一道题（答案编码：正数表示前者更重要，"
                "负数表示后者更重要）：" + "；".join(items) + "。"
            )
            if zh
            else (
                "Ask these experts to reconsider their least consistent judgement (codes: "
                "positive = the first is more important, negative = the second): "
                + "; ".join(items)
                + "."
            )
        )
    if not result.excluded.empty:
        out.append(
            f"汇总时剔除了 {len(result.excluded)} 个不一致的判断矩阵。"
            if zh
            else f"{len(result.excluded)} inconsistent matrices were left out of the aggregate."
        )
    top = result.combined.sort_values(ascending=False, kind="stable").head(3)
    tops = (
        "、".join(f"{names.get(i, i)}（{_pct(v)}）" for i, v in top.items())
        if zh
        else ", ".join(f"{names.get(i, i)} ({_pct(v)})" for i, v in top.items())
    )
    method = (
        {"AIJ": "判断矩阵几何平均", "AIP": "权重几何平均"}[result.aggregation]
        if zh
        else {"AIJ": "geometric mean of judgements", "AIP": "geometric mean of priorities"}[
            result.aggregation
        ]
    )
    out.append(
        f"按{method}汇总，组合权重最高的三项是：{tops}。"
        if zh
        else f"Aggregated by {method}, the three largest combined weights are: {tops}."
    )
    if comparison is not None:
        rho = comparison.spearman
        agree = (
            ("高度一致" if rho >= 0.8 else "基本一致" if rho >= 0.5 else "差别较大")
            if zh
            else (
                "closely agree"
                if rho >= 0.8
                else "broadly agree"
                if rho >= 0.5
                else "differ markedly"
            )
        )
        d = comparison.largest.iloc[0]
        other = comparison.names[1]
        out.append(
            f"与{other}权重相比，两者排序{agree}（Spearman ρ = {rho:.2f}）；差别最大的是"
            f"{names.get(d.name, d.name)}（相差 {100 * d['difference']:+.1f} 个百分点）。"
            if zh
            else f"Against the {other} weights the rankings {agree} (Spearman ρ = {rho:.2f}); "
            f"the largest difference is {names.get(d.name, d.name)} "
            f"({100 * d['difference']:+.1f} percentage points)."
        )
    if sensitivity is not None and not sensitivity.empty:
        s = sensitivity.sort_values("max_decrease", kind="stable")
        tight = (
            s.assign(room=np.minimum(s["max_decrease"], s["max_increase"]))
            .sort_values("room", kind="stable")
            .iloc[0]
        )
        out.append(
            f"前五名的排序对一级权重较敏感：{names.get(tight['id'], tight['id'])}的权重只要"
            f"变动约 {100 * min(tight['max_decrease'], tight['max_increase']):.1f} 个百分点，"
            "前五名顺序就会改变。"
            if zh
            else f"The top-5 order is sensitive: moving the weight of "
            f"{names.get(tight['id'], tight['id'])} by about "
            f"{100 * min(tight['max_decrease'], tight['max_increase']):.1f} percentage "
            "points changes it."
        )
    return out


def agreement_conclusions(
    qa: QASummary, lang: str = "zh", *, item_names: dict[str, str] | None = None
) -> list[str]:
    """Sentences on the QA calibration: how far inspectors agree and who needs calibration.

    ``item_names`` maps item ids to display names (e.g. ``form.names_zh``).
    """
    zh = lang != "en"
    item_names = item_names or {}
    i21 = qa.icc.loc["ICC(2,1)"]
    i3k = qa.icc.loc["ICC(3,k)"]
    fk = qa.fleiss_pass.kappa
    out = [
        (
            f"单个质检员给分的绝对一致性 ICC(2,1) = {i21['value']:.2f}"
            f"（95% CI {i21['ci_low']:.2f}–{i21['ci_high']:.2f}），属于{interpret_icc(i21['value'])}；"
            f"{qa.icc['k_raters'].iloc[0]} 人平均分的一致性 ICC(3,k) = {i3k['value']:.2f}。"
        )
        if zh
        else (
            f"Absolute agreement of a single inspector, ICC(2,1) = {i21['value']:.2f} "
            f"(95% CI {i21['ci_low']:.2f}–{i21['ci_high']:.2f}), is "
            f"{interpret_icc(i21['value'], 'en')}; consistency of the {qa.icc['k_raters'].iloc[0]}-"
            f"inspector mean, ICC(3,k) = {i3k['value']:.2f}."
        ),
        (
            f"以 {qa.pass_mark:g} 分为合格线，质检员对“是否合格”的判定一致性 Fleiss κ = {fk:.2f}"
            f"（{interpret_kappa(fk)}）；总分的 Krippendorff α = {qa.krippendorff_total.alpha:.2f}。"
        )
        if zh
        else (
            f"With a pass mark of {qa.pass_mark:g}, agreement on pass/fail is Fleiss κ = {fk:.2f} "
            f"({interpret_kappa(fk, 'en')}); Krippendorff's α on totals = "
            f"{qa.krippendorff_total.alpha:.2f}."
        ),
    ]
    items = qa.krippendorff_items.dropna().sort_values("alpha", kind="stable")
    if not items.empty:
        w = items.iloc[0]
        wname = item_names.get(w["item"], w["item"])
        out.append(
            f"分歧最大的评分项是“{wname}”（Krippendorff α = {w['alpha']:.2f}），"
            "可作为下次校准会的重点。"
            if zh
            else f"The item inspectors agree on least is '{wname}' (Krippendorff's α = "
            f"{w['alpha']:.2f}); make it the focus of the next calibration session."
        )
    flagged = qa.bias.table.loc[qa.bias.table["flagged"]]
    if flagged.empty:
        out.append(
            "没有质检员的打分明显偏严或偏松。"
            if zh
            else "No inspector scores clearly harder or softer than the others."
        )
    else:
        for r in flagged.sort_values(
            "mean_diff", key=np.abs, ascending=False, kind="stable"
        ).itertuples(index=False):
            way = (
                ("偏严" if r.mean_diff < 0 else "偏松")
                if zh
                else ("harder" if r.mean_diff < 0 else "more leniently")
            )
            out.append(
                f"{r.rater} 的总分平均比其他质检员{way} {abs(r.mean_diff):.1f} 分"
                f"（95% CI {r.ci_low:.1f} 到 {r.ci_high:.1f}），需要单独校准。"
                if zh
                else f"{r.rater} scores {way} than the others by {abs(r.mean_diff):.1f} points "
                f"on average (95% CI {r.ci_low:.1f} to {r.ci_high:.1f}) and needs "
                "calibration."
            )
    if qa.excluded_calls:
        out.append(
            f"有 {len(qa.excluded_calls)} 通录音存在漏评，ICC 与 κ 未使用这些录音"
            f"（{'、'.join(qa.excluded_calls)}）。"
            if zh
            else f"{len(qa.excluded_calls)} calls had a missing rating and are not used in ICC "
            f"and kappa ({', '.join(qa.excluded_calls)})."
        )
    return out


def alpha_conclusions(alpha: CronbachAlpha, lang: str = "zh") -> list[str]:
    """Sentences on a questionnaire's internal consistency."""
    zh = lang != "en"
    out = [
        f"自评问卷 {alpha.k} 题的 Cronbach's α = {alpha.alpha:.2f}（95% CI {alpha.ci_low:.2f}–"
        f"{alpha.ci_high:.2f}），内部一致性{interpret_alpha(alpha.alpha)}。"
        if zh
        else f"The {alpha.k}-item self-assessment has Cronbach's α = {alpha.alpha:.2f} (95% CI "
        f"{alpha.ci_low:.2f}–{alpha.ci_high:.2f}): {interpret_alpha(alpha.alpha, 'en')}."
    ]
    better = alpha.items.loc[alpha.items["alpha_if_deleted"] > alpha.alpha]
    for r in better.itertuples(index=False):
        out.append(
            f"删除题目 {r.item} 后 α 升至 {r.alpha_if_deleted:.2f}（该题与其余题目的相关仅 "
            f"{r.item_rest_r:.2f}），建议检查其措辞或是否测的是同一能力。"
            if zh
            else f"Deleting item {r.item} raises α to {r.alpha_if_deleted:.2f} (its correlation "
            f"with the rest is only {r.item_rest_r:.2f}); check its wording or whether it "
            "measures the same competency."
        )
    if alpha.n_dropped:
        out.append(
            f"{alpha.n_dropped} 份问卷有漏答，未纳入计算。"
            if zh
            else f"{alpha.n_dropped} respondents with missing answers were left out."
        )
    return out


def scheme_conclusions(findings: list[Finding], scheme_name: str, lang: str = "zh") -> list[str]:
    """Sentences on a scoring scheme's integrity findings (messages already localised)."""
    zh = lang != "en"
    if not findings:
        return [
            f"“{scheme_name}”的分值和等级区间没有发现问题。"
            if zh
            else f"No problems found in '{scheme_name}'."
        ]
    head = (
        f"“{scheme_name}”发现 {len(findings)} 处问题："
        if zh
        else f"'{scheme_name}' has {len(findings)} problem(s): "
    )
    return [
        head
        + (
            "；".join(f.message for f in findings) + "。"
            if zh
            else "; ".join(f.message for f in findings) + "."
        )
    ]
