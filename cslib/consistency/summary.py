"""Consistency-check report layer: QA agreement summary, bilingual labels, plain-language text.

Everything a trainer reads in notebook 02 that is not a table comes from here, generated
from the numbers: :func:`summarise_qa` bundles the agreement statistics of a QA
calibration round, the ``*_conclusions`` functions turn results into short sentences in
Chinese, English or both (``"zh+en"``: each sentence in Chinese, then English), every one
from the phrase table :data:`PHRASES` (``cslib.core.i18n.Phrases``); :data:`LABELS` holds
the figure/table labels of this notebook.

Interpretation bands used in the sentences (conventions, not laws):

* AHP: CR ≤ 0.10 acceptable (Saaty 1980).
* ICC: < 0.50 poor, 0.50–0.75 moderate, 0.75–0.90 good, > 0.90 excellent (Koo & Li 2016,
  *J Chiropr Med* 15(2), 155–163), read on the 95 % confidence interval as Koo & Li
  advise ("good to excellent" when the interval spans two bands), naming the McGraw–Wong
  form.
* Kappa and Gwet's AC1: Landis & Koch (1977, *Biometrics* 33, 159–174) or Altman (1991)
  bands, reached by cumulative membership probability ≥ 0.95 (Gwet 2014, ch. 6; see
  :mod:`cslib.stats.benchmarking`), not by the point estimate.

A statistic that is undefined for the data (zero variance, one category, one rater) is
never given a band: the sentence says "undefined, because …" (:data:`PHRASES`).
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
from cslib.core.boundary import located_by
from cslib.core.findings import Finding
from cslib.core.i18n import (
    Phrases,
    check_lang,
    clause_separator,
    each_language,
    list_separator,
    merge_languages,
    pick,
    sentence_separator,
    text,
)
from cslib.reporting.claims import Caveat, caveats_for
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
from cslib.stats.benchmarking import ALTMAN, LANDIS_KOCH, Benchmark, BenchmarkScale, benchmark
from cslib.stats.gwet import (
    AgreementCoefficient,
    fleiss_kappa_ci,
    gwet_ac,
    krippendorff_alpha_ci,
)
from cslib.stats.random_index import SIM_MATRICES, SIM_SEED

#: Benchmark scales selectable by name (notebook parameter ``benchmark_scale``).
SCALES: dict[str, BenchmarkScale] = {"landis_koch": LANDIS_KOCH, "altman": ALTMAN}

#: Report sentences of the consistency checks, (zh, en).  The reasons a statistic is
#: undefined are keyed by the English ``reason`` the stats layer returns.
PHRASES = Phrases(
    {
        # benchmark bands
        "almost_perfect": ("几乎完全一致", "almost perfect"),
        "substantial": ("较强", "substantial"),
        "moderate": ("中等", "moderate"),
        "fair": ("一般", "fair"),
        "slight": ("轻微", "slight"),
        "poor": ("差", "poor"),
        "very_good": ("很好", "very good"),
        "good": ("良好", "good"),
        "excellent": ("优秀", "excellent"),
        "Landis-Koch": ("Landis–Koch", "Landis–Koch"),
        "Altman": ("Altman", "Altman"),
        "band_range": ("{low}至{high}", "{low} to {high}"),
        # sentences
        "icc": (
            "单个质检员给分的绝对一致性 {mw}（{desc}，即 Shrout–Fleiss {sf}）= {value}"
            "（{conf} CI {lo}–{hi}）；按 Koo & Li (2016) 以置信区间判断，属于“{band}”。",
            "Absolute agreement of a single inspector, {mw} ({desc}; Shrout–Fleiss {sf}), is "
            "{value} ({conf} CI {lo}–{hi}); read on its interval (Koo & Li 2016) it is "
            "{band}.",
        ),
        "icc_mean": (
            "{k} 人平均分的一致性 {mw}（{desc}）= {value}（{conf} CI {lo}–{hi}）。",
            "Consistency of the {k}-inspector mean, {mw} ({desc}), is {value} ({conf} CI "
            "{lo}–{hi}).",
        ),
        # the two McGraw–Wong forms the sentences name (descriptions as in icc_table)
        "icc_desc_ICC(A,1)": (
            "双向随机、绝对一致、单个评分者",
            "two-way random, absolute agreement, single rater",
        ),
        "icc_desc_ICC(C,k)": (
            "双向混合、一致性、k 人平均",
            "two-way mixed, consistency, mean of k raters",
        ),
        "undefined": ("{what} 无法计算，因为{why}。", "{what} is undefined, because {why}."),
        "pass_rule": (
            "以 {mark} 分为合格线（{share} 的评分为合格），质检员对“是否合格”的判定一致性：",
            "With a pass mark of {mark} ({share} of ratings pass), agreement on pass/fail:",
        ),
        "coef": (
            "{name} = {value}（{conf} CI {lo}–{hi}）",
            "{name} = {value} ({conf} CI {lo}–{hi})",
        ),
        "coef_no_se": (
            "{name} = {value}（无法估计标准误，因为{why}）",
            "{name} = {value} (no standard error, because {why})",
        ),
        "bench_head": (
            "按隶属概率（Gwet 2014）在 {scale} 标尺上以 {prob} 的把握：",
            "by membership probability (Gwet 2014) on the {scale} scale, with {prob} probability: ",
        ),
        "bench": (
            "{name} 至少为“{band}”（点估计落在“{point}”）",
            "{name} is at least '{band}' (point estimate in '{point}')",
        ),
        "ci_approx": (
            "仅 {n} 通录音（少于 {small} 通）：κ 与 AC1 的置信区间是近似区间，合格率很高时实际覆盖率"
            "低于名义水平（模拟结果见文档），解读时应留有余地。",
            "Only {n} calls (fewer than {small}): the kappa and AC1 intervals are approximate and, "
            "when nearly all calls pass, cover less often than stated (simulation in the "
            "documentation); read them with caution.",
        ),
        "paradox": (
            "AC1 比 κ 高 {gap}：合格（或不合格）占绝大多数时 κ 的机遇一致性接近 1，"
            "即使质检员实际很一致 κ 也会偏低（患病率悖论），此时以 AC1 为准。",
            "AC1 exceeds kappa by {gap}: when nearly all ratings fall in one class, kappa's "
            "chance agreement approaches 1 and kappa collapses although inspectors agree "
            "(the prevalence paradox); rely on AC1 here.",
        ),
        "ri_saaty": (
            "CR 的随机一致性指标 RI 取 Saaty (1980) 表（n ≤ 15）。",
            "CR uses Saaty's (1980) random index table (n ≤ 15).",
        ),
        "ri_alonso_lamata": (
            "CR 的随机一致性指标 RI 取 Alonso & Lamata (2006) 的拟合式 RI(n) = (1.7699n − 4.3513)/(n − 1)，"
            "因此 CR ≤ {t} 等价于其 λmax ≤ n + {t}·(1.7699n − 4.3513) 准则，适用于任意阶数。",
            "CR uses Alonso & Lamata's (2006) random index RI(n) = (1.7699n − 4.3513)/(n − 1), so "
            "CR ≤ {t} is their criterion λmax ≤ n + {t}·(1.7699n − 4.3513), valid for any size.",
        ),
        "ri_simulated": (
            "CR 的随机一致性指标 RI 由模拟得到（每个阶数 {m} 个 1–9 标度随机互反矩阵，随机种子 {seed}）。",
            "CR uses a simulated random index ({m} random reciprocal Saaty-scale matrices per size, "
            "seed {seed}).",
        ),
        "filled": (
            "有 {k} 个判断被专家跳过（涉及 {e} 位专家），已按 Harker (1987) 特征向量法补全后再计算"
            "（补全值见表）。",
            "{k} judgements skipped by {e} expert(s) were completed by Harker's (1987) eigenvector "
            "method before the analysis (filled values in the table).",
        ),
        "kripp_bench": (
            "；按隶属概率在 {scale} 标尺上以 {prob} 的把握至少为“{band}”。",
            "; by membership probability on the {scale} scale it is at least '{band}' with "
            "{prob} probability.",
        ),
        "kripp_total": (
            "总分的 Krippendorff α（等距）= {value}。",
            "Krippendorff's α on totals (interval) = {value}.",
        ),
        # detail conclusions: separators
        "comma_sep": ("，", ", "),
        "end": ("。", "."),
        # AHP survey
        "ahp_all_ok": (
            "全部 {n} 位专家的判断矩阵均通过一致性检验（CR ≤ {t}）。",
            "All {n} experts' matrices pass the consistency check (CR ≤ {t}).",
        ),
        "ahp_expert_bad": ("{e}（{groups}，最大 CR = {cr}）", "{e} ({groups}; max CR = {cr})"),
        "ahp_some_bad": (
            "{n} 位专家中有 {k} 位的部分判断矩阵 CR 超过 {t}：{parts}。",
            "{k} of {n} experts have matrices with CR above {t}: {parts}.",
        ),
        "ahp_pair": ("“{left}”比“{right}”", "'{left}' vs '{right}'"),
        "ahp_reask_item": (
            "{e}：{pair}（{code}，原答 {answer}，与其他回答相容的答案约为 {suggested}）",
            "{e}: {pair} ({code}; answered {answer}, an answer consistent with the others ≈ "
            "{suggested})",
        ),
        "ahp_reask": (
            "建议请这些专家重新考虑各自最不一致的一道题（答案编码：正数表示前者更重要，"
            "负数表示后者更重要）：{items}。",
            "Ask these experts to reconsider their least consistent judgement (codes: "
            "positive = the first is more important, negative = the second): {items}.",
        ),
        "ahp_excluded": (
            "汇总时剔除了 {k} 个不一致的判断矩阵。",
            "{k} inconsistent matrices were left out of the aggregate.",
        ),
        "ahp_top_item": ("{name}（{pct}）", "{name} ({pct})"),
        "AIJ": ("判断矩阵几何平均", "geometric mean of judgements"),
        "AIP": ("权重几何平均", "geometric mean of priorities"),
        "ahp_tops": (
            "按{method}汇总，组合权重最高的三项是：{tops}。",
            "Aggregated by {method}, the three largest combined weights are: {tops}.",
        ),
        "rank_close": ("高度一致", "closely agree"),
        "rank_broad": ("基本一致", "broadly agree"),
        "rank_differ": ("差别较大", "differ markedly"),
        "ahp_compare": (
            "与{other}权重相比，两者排序{agree}（Spearman ρ = {rho}）；差别最大的是"
            "{name}（相差 {diff} 个百分点）。",
            "Against the {other} weights the rankings {agree} (Spearman ρ = {rho}); the largest "
            "difference is {name} ({diff} percentage points).",
        ),
        "ahp_sensitive": (
            "前 {k} 名的排序对一级权重较敏感：{name}的权重只要变动约 {pp} 个百分点，"
            "前 {k} 名顺序就会改变。",
            "The top-{k} order is sensitive: moving the weight of {name} by about {pp} percentage "
            "points changes it.",
        ),
        # QA calibration
        "qa_weakest_item": (
            "分歧最大的评分项是“{item}”（Krippendorff α = {value}），可作为下次校准会的重点。",
            "The item inspectors agree on least is '{item}' (Krippendorff's α = {value}); make "
            "it the focus of the next calibration session.",
        ),
        "qa_item_alpha": ("“{item}”的 Krippendorff α", "Krippendorff's α of '{item}'"),
        "qa_no_bias": (
            "没有质检员的打分明显偏严或偏松。",
            "No inspector scores clearly harder or softer than the others.",
        ),
        "qa_identical": (
            "全部 {n} 通完整评分的录音，每位质检员给出的总分完全相同：一致性是完全一致（平凡情形），"
            "ICC、κ、AC1 和 α 都等于 1，没有抽样误差可言，因此不给置信区间和等级判断；"
            "这通常说明校准录音太容易区分或分数被复制，请用更有难度的录音再做一次校准。",
            "On all {n} completely scored calls every inspector gave the same total: agreement "
            "is trivially perfect (ICC, kappa, AC1 and alpha are all 1 with no sampling error), "
            "so no interval or benchmark band is given; this usually means the calibration calls "
            "were too easy or scores were copied — repeat the calibration with harder calls.",
        ),
        "qa_harder": ("偏严", "harder"),
        "qa_softer": ("偏松", "more leniently"),
        "qa_bias": (
            "{rater} 的总分平均比其他质检员{way} {diff} 分（{conf} CI {lo} 到 {hi}），需要单独校准。",
            "{rater} scores {way} than the others by {diff} points on average ({conf} CI {lo} "
            "to {hi}) and needs calibration.",
        ),
        "qa_excluded": (
            "有 {k} 通录音存在漏评，ICC 与 κ 未使用这些录音（{calls}）。",
            "{k} calls had a missing rating and are not used in ICC and kappa ({calls}).",
        ),
        # questionnaire
        "alpha_value": (
            "自评问卷 {k} 题的 Cronbach's α = {value}（{conf} CI {lo}–{hi}），内部一致性{band}。",
            "The {k}-item self-assessment has Cronbach's α = {value} ({conf} CI {lo}–{hi}): "
            "{band}.",
        ),
        "alpha_better": (
            "删除题目 {item} 后 α 升至 {value}（该题与其余题目的相关仅 {r}），"
            "建议检查其措辞或是否测的是同一能力。",
            "Deleting item {item} raises α to {value} (its correlation with the rest is only "
            "{r}); check its wording or whether it measures the same competency.",
        ),
        "alpha_item_r": (
            "题目 {item} 与其余题目的相关",
            "the correlation of item {item} with the rest",
        ),
        "alpha_drop_item": (" 建议删除或改写该题。", " Drop or reword the item."),
        "alpha_dropped": (
            "{k} 份问卷有漏答，未纳入计算。",
            "{k} respondents with missing answers were left out.",
        ),
        # scoring schemes
        "scheme_ok": (
            "“{name}”的分值和等级区间没有发现问题。",
            "No problems found in '{name}'.",
        ),
        "scheme_problem": (
            "“{name}”发现 {k} 处问题：{list}。",
            "'{name}' has {k} problem: {list}.",
        ),
        "scheme_problems": (
            "“{name}”发现 {k} 处问题：{list}。",
            "'{name}' has {k} problems: {list}.",
        ),
        # reasons (keys: the English reasons of cslib.stats)
        "only one rater, so there is no agreement to measure": (
            "只有一名评分者，无从衡量一致性",
            "only one rater, so there is no agreement to measure",
        ),
        "fewer than 2 units were rated by at least 2 raters": (
            "被至少两人评分的对象不足 2 个",
            "fewer than 2 units were rated by at least 2 raters",
        ),
        "only one category is possible, so chance agreement q(q−1) has no denominator": (
            "只有一个可能的类别，机遇一致性的分母 q(q−1) 为 0",
            "only one category is possible, so chance agreement q(q−1) has no denominator",
        ),
        "all ratings fall in one category, so chance agreement is 1 and the coefficient is 0/0": (
            "所有评分都落在同一类别，机遇一致性为 1，系数为 0/0",
            "all ratings fall in one category, so chance agreement is 1 and the coefficient is 0/0",
        ),
        "every rating falls in one category, so chance agreement is 1 and kappa is 0/0": (
            "所有评分都落在同一类别，机遇一致性为 1，κ 为 0/0",
            "every rating falls in one category, so chance agreement is 1 and kappa is 0/0",
        ),
        "both raters used one and the same category only, so chance agreement is 1 and "
        "kappa is 0/0": (
            "两人都只用了同一个类别，机遇一致性为 1，κ 为 0/0",
            "both raters used one and the same category only, so chance agreement is 1 and "
            "kappa is 0/0",
        ),
        "every unit contributes the same agreement, so the standard error is 0": (
            "每个对象的一致程度完全相同，标准误为 0",
            "every unit contributes the same agreement, so the standard error is 0",
        ),
        "every score is the same, so there is no variance to partition": (
            "所有分数完全相同，没有可分解的变异",
            "every score is the same, so there is no variance to partition",
        ),
        "all units have the same mean score, so between-unit variance is 0": (
            "各对象的平均分完全相同，对象间变异为 0",
            "all units have the same mean score, so between-unit variance is 0",
        ),
        "every rating is the same value, so expected disagreement is 0 and alpha is 0/0": (
            "所有评分都是同一个值，期望不一致为 0，α 为 0/0",
            "every rating is the same value, so expected disagreement is 0 and alpha is 0/0",
        ),
        "every respondent has the same total score, so alpha is 0/0": (
            "所有答卷人的总分相同，α 为 0/0",
            "every respondent has the same total score, so alpha is 0/0",
        ),
        "the item has the same answer from every respondent": (
            "所有人对该题的回答都相同",
            "the item has the same answer from every respondent",
        ),
        "the other items add up to the same total for every respondent": (
            "其余各题之和对所有人都相同",
            "the other items add up to the same total for every respondent",
        ),
        "with 2 items, deleting one leaves no scale": (
            "只有 2 道题，删去一题后不再构成量表",
            "with 2 items, deleting one leaves no scale",
        ),
        "the coefficient is undefined": ("系数无法计算", "the coefficient is undefined"),
        "the standard error is undefined": ("标准误无法计算", "the standard error is undefined"),
        "every inspector gives every call the same total, so no ranking exists": (
            "每名质检员给所有录音的总分都相同，不存在排序",
            "every inspector gives every call the same total, so no ranking exists",
        ),
    }
)


def why(reason: str, lang: str = "zh") -> str:
    """The ``reason`` of an undefined statistic in ``lang`` (unknown reasons are an error)."""
    return PHRASES(reason, lang)


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
        "一级权重可变动范围（前 §k 名排序不变）",
        "How far each first-level weight can move (top-§k order unchanged)",
    ),
    "current": ("当前权重", "Current weight"),
    "stable": ("排序不变区间", "Stable interval"),
    "inspector": ("质检员", "Inspector"),
    "heat_title": (
        "质检员两两一致性 ICC(2,1)（总分，数值越大越一致）",
        "Pairwise agreement of inspectors, ICC(2,1) on totals (higher = closer)",
    ),
    "bias_title": (
        "各质检员相对其他质检员均值的偏差（总分）",
        "Each inspector's bias against the others' mean (total score)",
    ),
    "bias": ("偏差（分）", "Bias (points)"),
    "ci_of_level": ("横线为置信区间，置信水平", "bars: confidence interval at"),
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
    gwet_pass : AgreementCoefficient
        Gwet's AC1 on pass/fail of the complete calls, with SE, CI and p-value.
    fleiss_pass_ci : AgreementCoefficient
        Fleiss' kappa on the same calls with Gwet's (2008) SE, CI and p-value.
    pass_rate : float
        Share of ratings (complete calls) at or above the pass mark.
    benchmarks : DataFrame
        One row per coefficient (``Fleiss kappa``, ``AC1`` on pass/fail; ``Krippendorff
        alpha`` on totals, interval level, all calls): ``coefficient, statistic, se, band,
        point_band, scale, threshold, reason`` — the band reached with cumulative
        membership probability ≥ ``threshold`` (:func:`cslib.stats.benchmarking.benchmark`).
    kendall_reason : str or None
        Why Kendall's W is undefined (no inspector ranks the calls), else ``None``.
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
    gwet_pass: AgreementCoefficient | None = None
    fleiss_pass_ci: AgreementCoefficient | None = None
    pass_rate: float = float("nan")
    benchmarks: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)
    kendall_reason: str | None = None
    #: every inspector gave every complete call the same total: agreement is trivially perfect
    identical: bool = False


@located_by(
    "calib",
    "QA calibration agreement",
    column="call_id",
    remedy="score at least 2 calibration calls by every inspector",
)
def summarise_qa(
    calib: QACalibration,
    *,
    pass_mark: float = 80.0,
    band_width: float = 10.0,
    practical: float = 3.0,
    confidence_level: float = 0.95,
    benchmark_scale: str = "landis_koch",
    benchmark_probability: float = 0.95,
) -> QASummary:
    """Compute every agreement statistic of a QA calibration round (see :class:`QASummary`).

    ``benchmark_scale`` (``"landis_koch"`` or ``"altman"``) and ``benchmark_probability``
    choose how kappa and AC1 are benchmarked (Gwet 2014, ch. 6).
    """
    if benchmark_scale not in SCALES:
        from cslib.core.errors import InputError

        raise InputError.single(
            None,
            f"expected one of {sorted(SCALES)}",
            column="benchmark_scale",
            found=benchmark_scale,
        )
    scale = SCALES[benchmark_scale]
    totals = calib.totals()
    complete, excluded = calib.complete_totals()
    x = complete.to_numpy()
    passed = x >= pass_mark
    top = calib.form.total if calib.form is not None else float(np.nanmax(totals.to_numpy()))
    grade = np.floor((top - x) / band_width).clip(0, None).astype(int)  # 0 = best band
    pairs = []
    passed_int = passed.astype(int)
    for a, b in combinations(range(x.shape[1]), 2):
        ck = cohen_kappa(passed[:, a], passed[:, b], categories=[False, True])
        ac = gwet_ac(passed_int[:, [a, b]], categories=[0, 1], confidence_level=confidence_level)
        cats = list(range(int(grade.max()) + 1))
        wk = cohen_kappa(grade[:, a], grade[:, b], weights="quadratic", categories=cats)
        pairs.append(
            {
                "pair": f"{complete.columns[a]}–{complete.columns[b]}",
                "kappa_pass": ck.statistic,
                "kappa_pass_low": ck.ci_low,
                "kappa_pass_high": ck.ci_high,
                "ac1_pass": ac.statistic,
                "weighted_kappa_band": wk.statistic,
                "reason": ck.reason or wk.reason,
            }
        )
    g = gwet_ac(passed_int, categories=[0, 1], confidence_level=confidence_level)
    fk = fleiss_kappa_ci(passed_int, categories=[0, 1], confidence_level=confidence_level)
    # interval alpha of the totals = Gwet's quadratic weights on the observed totals
    ka_totals = krippendorff_alpha_ci(
        totals.to_numpy(), weights="quadratic", confidence_level=confidence_level
    )
    bench_rows = []
    for coef in (fk, g, ka_totals):
        # a zero SE from degenerate data (one class only) gives no basis for a probability
        se = np.nan if coef.pvalue_reason is not None else coef.se
        bm: Benchmark = benchmark(coef.statistic, se, scale, threshold=benchmark_probability)
        bench_rows.append(
            {
                "coefficient": coef.name,
                "statistic": coef.statistic,
                "se": coef.se,
                "band": bm.band,
                "point_band": bm.point_band,
                "scale": scale.name,
                "threshold": benchmark_probability,
                "reason": coef.reason or coef.pvalue_reason or bm.reason,
            }
        )
    constant_raters = bool(np.all(x == x[:1, :]))
    kendall_reason = (
        "every inspector gives every call the same total, so no ranking exists"
        if constant_raters
        else None
    )
    items = []
    for item in calib.items:
        s = calib.item_scores(item).to_numpy()
        dom = None
        if calib.form is not None:
            dom = list(np.arange(calib.form.min_points[item], calib.form.max_points[item] + 1))
        ka = krippendorff_alpha(s, "ordinal", value_domain=dom)
        items.append({"item": item, "alpha": ka.statistic, "reason": ka.reason})
    return QASummary(
        icc=icc_table(x, confidence_level=confidence_level),
        calls_used=len(complete),
        excluded_calls=excluded,
        pass_mark=pass_mark,
        fleiss_pass=fleiss_kappa(passed),
        cohen_pairs=pd.DataFrame(pairs),
        krippendorff_total=krippendorff_alpha(totals.to_numpy(), "interval"),
        krippendorff_items=pd.DataFrame(items),
        kendall=kendall_w(x.T),
        bias=rater_bias(totals, confidence_level=confidence_level, practical=practical),
        pairwise=pairwise_icc(totals, "ICC(2,1)"),
        gwet_pass=g,
        fleiss_pass_ci=fk,
        pass_rate=float(passed.mean()),
        benchmarks=pd.DataFrame(bench_rows),
        kendall_reason=kendall_reason,
        identical=bool(x.size) and bool(np.all(x == x[:, :1])),
    )


# ---------------------------------------------------------------------------------------------
# Plain-language sentences


#: sentences whose wording depends on a condition of their numbers (issue 24)
CLAIM_PHRASES = Phrases(
    {
        "ci_approx_plain": (
            "仅 {n} 通录音（少于 {small} 通）：κ 与 AC1 的置信区间是近似区间，解读时应留有余地。",
            "Only {n} calls (fewer than {small}): the kappa and AC1 intervals are approximate; "
            "read them with caution.",
        ),
        "reask_still": (
            "注意：只改这一题还不够——{k} 个矩阵改后 CR 仍高于 {t}（{items}），请这些专家按第 1 节"
            "表中的顺序再考虑下一道题，或重新填写整个矩阵。",
            "Note: that one change is not enough for {k} matrices — their CR stays above {t} "
            "({items}); ask these experts to reconsider the next judgement listed in section 1 "
            "as well, or to answer the whole matrix again.",
        ),
        "reask_still_item": ("{e} {group} 改后 CR {cr}", "{e} {group}: CR {cr} after the change"),
    }
)

#: the kappa/AC1 coverage caveat holds where nearly all calls pass (or fail)
EXTREME_PASS = Caveat(("合格率极端", "extreme pass rate"), at_least=0.9, at_most=0.1)


def magnitude(estimate: float, low: float, high: float) -> tuple[float, float, float]:
    """A signed estimate and interval as a magnitude with the magnitude's interval, for a
    sentence that states the direction in words ("harder by 5.6, 95 % CI 4.6 to 6.6").

    Examples
    --------
    >>> magnitude(-5.6, -6.6, -4.6)
    (5.6, 4.6, 6.6)
    """
    sign = -1.0 if estimate < 0 else 1.0
    lo, hi = sorted((sign * low, sign * high))
    return abs(estimate), lo, hi


def _band(value: float, cuts: list[tuple[float, str, str]], lang: str) -> str:
    if not np.isfinite(value):
        raise ValueError("an undefined statistic gets no verbal band; say why instead")
    for cut, zh, en in cuts:
        if value < cut:
            return pick(zh, en, lang)
    return pick(zh, en, lang)


_KOO_LI = [
    (0.5, "差", "poor"),
    (0.75, "中等", "moderate"),
    (0.9, "良好", "good"),
    (np.inf, "优秀", "excellent"),
]


def interpret_icc(value: float, lang: str = "zh") -> str:
    """Koo & Li (2016) verbal band of an ICC point value (NaN is an error)."""
    return _band(value, _KOO_LI, lang)


def interpret_icc_ci(low: float, high: float, lang: str = "zh") -> str:
    """Koo & Li (2016) band read on the confidence interval: one band or "X to Y".

    Koo & Li advise judging reliability on the 95 % interval, not the point estimate:
    an ICC of 0.86 with interval 0.74–0.93 is "moderate to excellent".

    Examples
    --------
    >>> interpret_icc_ci(0.74, 0.93, "en"), interpret_icc_ci(0.91, 0.97, "zh")
    ('moderate to excellent', '优秀')
    """
    lo, hi = interpret_icc(low, lang), interpret_icc(high, lang)
    return lo if lo == hi else PHRASES("band_range", lang, low=lo, high=hi)


def interpret_kappa(value: float, lang: str = "zh") -> str:
    """Landis & Koch (1977) verbal band of a kappa point value (NaN is an error)."""
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
    """Verbal band of a Cronbach's alpha (NaN is an error)."""
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


@each_language(merge_languages)  # zh+en: each sentence in Chinese, then English
def ahp_conclusions(
    result: SurveyResult,
    reask: pd.DataFrame,
    names: dict[str, str],
    *,
    comparison: WeightComparison | None = None,
    sensitivity: pd.DataFrame | None = None,
    lang: str = "zh",
) -> list[str]:
    """Sentences on the AHP survey: who is inconsistent, what to re-ask, the weights.

    ``lang`` is ``"zh"``, ``"en"`` or ``"zh+en"`` (each sentence in Chinese then English);
    any other value raises :class:`~cslib.core.errors.InputError`.
    """
    check_lang(lang)
    cons = result.consistency
    n_exp = cons["expert"].nunique()
    bad = cons.loc[~cons["acceptable"]]
    bad_experts = list(dict.fromkeys(bad["expert"]))
    t = f"{result.cr_threshold:.2f}"
    out = []
    if bad.empty:
        out.append(PHRASES("ahp_all_ok", lang, n=n_exp, t=t))
    else:
        parts = []
        for e in bad_experts:
            rows = bad.loc[bad["expert"] == e]
            groups = list_separator(lang).join(_group_name(g, names, lang) for g in rows["group"])
            parts.append(
                PHRASES("ahp_expert_bad", lang, e=e, groups=groups, cr=f"{rows['cr'].max():.2f}")
            )
        out.append(
            PHRASES(
                "ahp_some_bad", lang, n=n_exp, k=len(bad_experts), t=t,
                parts=clause_separator(lang).join(parts),
            )
        )  # fmt: skip
    if not reask.empty:
        first = reask.loc[reask["rank"] == 1]

        def pair(code: str) -> str:
            left, _, right = code.partition("~")
            return PHRASES(
                "ahp_pair", lang, left=names.get(left, left), right=names.get(right, right)
            )

        items = [
            PHRASES(
                "ahp_reask_item", lang, e=r.expert, pair=pair(r.pair), code=r.pair,
                answer=r.answer, suggested=r.suggested,
            )
            for r in first.itertuples(index=False)
        ]  # fmt: skip
        out.append(PHRASES("ahp_reask", lang, items=clause_separator(lang).join(items)))
        # a matrix that stays inconsistent after that one change is said so, with its CR
        still = first.loc[first["cr_if_revised"] > result.cr_threshold]
        if len(still):
            left = [
                CLAIM_PHRASES(
                    "reask_still_item", lang, e=r.expert, group=_group_name(r.group, names, lang),
                    cr=f"{r.cr_if_revised:.2f}",
                )
                for r in still.itertuples(index=False)
            ]  # fmt: skip
            out.append(
                CLAIM_PHRASES(
                    "reask_still", lang, k=len(left), t=t, items=list_separator(lang).join(left)
                )
            )
    if not result.excluded.empty:
        out.append(PHRASES("ahp_excluded", lang, k=len(result.excluded)))
    out.append(PHRASES(f"ri_{result.ri_table}", lang, t=t, m=SIM_MATRICES, seed=SIM_SEED))
    if result.filled is not None and len(result.filled):
        out.append(
            PHRASES("filled", lang, k=len(result.filled), e=result.filled["expert"].nunique())
        )
    top = result.combined.sort_values(ascending=False, kind="stable").head(3)
    tops = list_separator(lang).join(
        PHRASES("ahp_top_item", lang, name=names.get(i, i), pct=_pct(v)) for i, v in top.items()
    )
    method = PHRASES(result.aggregation, lang)
    out.append(PHRASES("ahp_tops", lang, method=method, tops=tops))
    if comparison is not None:
        rho = comparison.spearman
        agree = PHRASES(
            "rank_close" if rho >= 0.8 else "rank_broad" if rho >= 0.5 else "rank_differ", lang
        )
        d = comparison.largest.iloc[0]
        out.append(
            PHRASES(
                "ahp_compare", lang, other=comparison.names[1], agree=agree, rho=f"{rho:.2f}",
                name=names.get(d.name, d.name), diff=f"{100 * d['difference']:+.1f}",
            )
        )  # fmt: skip
    if sensitivity is not None and not sensitivity.empty:
        s = sensitivity.sort_values("max_decrease", kind="stable")
        tight = (
            s.assign(room=np.minimum(s["max_decrease"], s["max_increase"]))
            .sort_values("room", kind="stable")
            .iloc[0]
        )
        out.append(
            PHRASES(
                "ahp_sensitive", lang, name=names.get(tight["id"], tight["id"]),
                k=len(str(tight["top"]).split(" > ")),
                pp=f"{100 * min(tight['max_decrease'], tight['max_increase']):.1f}",
            )
        )  # fmt: skip
    return out


def _icc_sentence(row: pd.Series, key: str, lang: str) -> str:
    mw = str(row["mcgraw_wong"])
    if isinstance(row.get("reason"), str):
        return PHRASES("undefined", lang, what=mw, why=why(row["reason"], lang))
    conf = f"{100 * row['confidence_level']:g}%"
    fmt = {
        "mw": mw,
        "sf": row["form"],
        "desc": PHRASES(f"icc_desc_{mw}", lang),
        "value": f"{row['statistic']:.2f}",
        "lo": f"{row['ci_low']:.2f}",
        "hi": f"{row['ci_high']:.2f}",
        "conf": conf,
        "k": int(row["k_raters"]),
    }
    if key == "icc":
        fmt["band"] = interpret_icc_ci(row["ci_low"], row["ci_high"], lang)
    return PHRASES(key, lang, **fmt)


_SHORT = {"Fleiss kappa": "κ", "AC1": "AC1", "Krippendorff alpha": "α"}


def _coef_text(c: AgreementCoefficient, label_: str, lang: str) -> str:
    if c.reason is not None:
        return PHRASES("undefined", lang, what=label_, why=why(c.reason, lang)).rstrip("。.")
    if c.pvalue_reason is not None:
        return PHRASES(
            "coef_no_se", lang, name=label_, value=f"{c.statistic:.2f}",
            why=why(c.pvalue_reason, lang),
        )  # fmt: skip
    return PHRASES(
        "coef", lang, name=label_, value=f"{c.statistic:.2f}",
        conf=f"{100 * c.confidence_level:g}%", lo=f"{c.ci_low:.2f}", hi=f"{c.ci_high:.2f}",
    )  # fmt: skip


@each_language(merge_languages)  # zh+en: each sentence in Chinese, then English
def agreement_conclusions(
    qa: QASummary,
    lang: str = "zh",
    *,
    item_names: dict[str, str] | None = None,
    paradox_gap: float = 0.10,
    small_sample_calls: int = 50,
) -> list[str]:
    """Sentences on the QA calibration: how far inspectors agree and who needs calibration.

    ``item_names`` maps item ids to display names (e.g. ``form.names_zh``).  The prevalence
    paradox is pointed out when AC1 exceeds Fleiss' kappa by at least ``paradox_gap``; with
    fewer than ``small_sample_calls`` complete calls the intervals are called approximate
    (their coverage at small n is shown by ``benchmarks/coverage_gwet.py``).
    Undefined statistics are stated with their reason, never given a band.  ``lang`` is
    ``"zh"``, ``"en"`` or ``"zh+en"`` (each sentence in Chinese then English).
    """
    item_names = item_names or {}
    sep = clause_separator(lang)
    if qa.identical:  # no disagreement at all: say so instead of intervals of width 0
        return [PHRASES("qa_identical", lang, n=qa.calls_used)]
    out = [
        _icc_sentence(qa.icc.loc["ICC(2,1)"], "icc", lang)
        + sentence_separator(lang)
        + _icc_sentence(qa.icc.loc["ICC(3,k)"], "icc_mean", lang)
    ]
    if qa.gwet_pass is not None and qa.fleiss_pass_ci is not None:
        fk, g = qa.fleiss_pass_ci, qa.gwet_pass
        parts = [_coef_text(fk, "Fleiss κ", lang), _coef_text(g, "Gwet AC1", lang)]
        claims = [
            PHRASES(
                "bench", lang, name=_SHORT[r.coefficient],
                band=PHRASES(r.band, lang), point=PHRASES(r.point_band, lang),
            )
            for r in qa.benchmarks.itertuples(index=False)
            if not isinstance(r.reason, str)
            and isinstance(r.band, str)
            and r.coefficient != "Krippendorff alpha"
        ]  # fmt: skip
        if claims:
            scale_name = PHRASES(str(qa.benchmarks["scale"].iloc[0]), lang)
            prob = f"{100 * qa.benchmarks['threshold'].iloc[0]:g}%"
            parts.append(
                PHRASES("bench_head", lang, scale=scale_name, prob=prob)
                + PHRASES("comma_sep", lang).join(claims)
            )
        head = PHRASES("pass_rule", lang, mark=f"{qa.pass_mark:g}", share=_pct(qa.pass_rate))
        out.append(head + sentence_separator(lang) + sep.join(parts) + PHRASES("end", lang))
        if qa.calls_used < small_sample_calls:
            # the coverage caveat belongs to extreme pass rates only (docs/consistency_checks.md:
            # 95 % pass → AC1 0.85, κ 0.59; 80 % and 50 % pass → close to nominal)
            extreme = caveats_for(qa.pass_rate, [EXTREME_PASS], "zh")
            out.append(
                PHRASES("ci_approx", lang, n=qa.calls_used, small=small_sample_calls)
                if extreme
                else CLAIM_PHRASES(
                    "ci_approx_plain", lang, n=qa.calls_used, small=small_sample_calls
                )
            )
        if fk.defined and g.defined and g.statistic - fk.statistic >= paradox_gap:
            out.append(PHRASES("paradox", lang, gap=f"{g.statistic - fk.statistic:.2f}"))
    ka = qa.krippendorff_total
    out.append(
        PHRASES("undefined", lang, what="Krippendorff α", why=why(ka.reason, lang))
        if ka.reason is not None
        else PHRASES("kripp_total", lang, value=f"{ka.statistic:.2f}")
    )
    alpha_rows = qa.benchmarks.loc[qa.benchmarks.get("coefficient") == "Krippendorff alpha"]
    if ka.reason is None and len(alpha_rows) and isinstance(alpha_rows["band"].iloc[0], str):
        r = alpha_rows.iloc[0]
        out[-1] = out[-1].rstrip("。.") + PHRASES(
            "kripp_bench", lang, scale=PHRASES(str(r["scale"]), lang),
            prob=f"{100 * r['threshold']:g}%", band=PHRASES(r["band"], lang),
        )  # fmt: skip
    if qa.kendall_reason is not None:
        out.append(PHRASES("undefined", lang, what="Kendall W", why=why(qa.kendall_reason, lang)))
    items = qa.krippendorff_items.dropna(subset=["alpha"]).sort_values("alpha", kind="stable")
    if not items.empty:
        w = items.iloc[0]
        wname = item_names.get(w["item"], w["item"])
        out.append(PHRASES("qa_weakest_item", lang, item=wname, value=f"{w['alpha']:.2f}"))
    undefined_items = qa.krippendorff_items.loc[qa.krippendorff_items["alpha"].isna()]
    for r in undefined_items.itertuples(index=False):
        out.append(
            PHRASES(
                "undefined", lang,
                what=PHRASES("qa_item_alpha", lang, item=item_names.get(r.item, r.item)),
                why=why(r.reason, lang),
            )
        )  # fmt: skip
    flagged = qa.bias.table.loc[qa.bias.table["flagged"]]
    conf = f"{100 * qa.bias.confidence_level:g}%"
    if flagged.empty:
        out.append(PHRASES("qa_no_bias", lang))
    else:
        for r in flagged.sort_values(
            "mean_diff", key=np.abs, ascending=False, kind="stable"
        ).itertuples(index=False):
            way = PHRASES("qa_harder" if r.mean_diff < 0 else "qa_softer", lang)
            # the magnitude with the magnitude's interval: "harder by 5.6 (4.6 to 6.6)", never
            # an unsigned point beside a signed interval
            _, lo, hi = magnitude(r.mean_diff, r.ci_low, r.ci_high)
            out.append(
                PHRASES(
                    "qa_bias", lang, rater=r.rater, way=way, diff=f"{abs(r.mean_diff):.1f}",
                    conf=conf, lo=f"{lo:.1f}", hi=f"{hi:.1f}",
                )
            )  # fmt: skip
    if qa.excluded_calls:
        calls = list_separator(lang).join(qa.excluded_calls)
        out.append(PHRASES("qa_excluded", lang, k=len(qa.excluded_calls), calls=calls))
    return out


@each_language(merge_languages)  # zh+en: each sentence in Chinese, then English
def alpha_conclusions(alpha: CronbachAlpha, lang: str = "zh") -> list[str]:
    """Sentences on a questionnaire's internal consistency (undefined values stated, not banded).

    ``lang`` is ``"zh"``, ``"en"`` or ``"zh+en"`` (each sentence in Chinese then English).
    """
    check_lang(lang)
    conf = f"{100 * alpha.confidence_level:g}%"
    if alpha.reason is not None:
        out = [PHRASES("undefined", lang, what="Cronbach's α", why=why(alpha.reason, lang))]
    else:
        out = [
            PHRASES(
                "alpha_value", lang, k=alpha.k, value=f"{alpha.statistic:.2f}", conf=conf,
                lo=f"{alpha.ci_low:.2f}", hi=f"{alpha.ci_high:.2f}",
                band=interpret_alpha(alpha.statistic, lang),
            )
        ]  # fmt: skip
        better = alpha.items.loc[
            (alpha.items["alpha_if_deleted"] > alpha.statistic) & alpha.items["reason"].isna()
        ]
        for r in better.itertuples(index=False):
            out.append(
                PHRASES(
                    "alpha_better", lang, item=r.item, value=f"{r.alpha_if_deleted:.2f}",
                    r=f"{r.item_rest_r:.2f}",
                )
            )  # fmt: skip
    for r in alpha.items.loc[alpha.items["reason"].notna()].itertuples(index=False):
        if r.reason == "with 2 items, deleting one leaves no scale":
            continue
        out.append(
            PHRASES(
                "undefined", lang, what=PHRASES("alpha_item_r", lang, item=r.item),
                why=why(r.reason, lang),
            )
            + PHRASES("alpha_drop_item", lang)
        )  # fmt: skip
    if alpha.n_dropped:
        out.append(PHRASES("alpha_dropped", lang, k=alpha.n_dropped))
    return out


def scheme_conclusions(findings: list[Finding], scheme_name: str, lang: str = "zh") -> list[str]:
    """Sentences on a scoring scheme's integrity findings (messages already localised).

    ``lang`` is ``"zh"``, ``"en"`` or ``"zh+en"``; with ``"zh+en"`` the findings' messages
    are shown as given (they were localised when the findings were made).
    """
    check_lang(lang)
    if not findings:
        return [PHRASES("scheme_ok", lang, name=scheme_name)]
    key = "scheme_problem" if len(findings) == 1 else "scheme_problems"
    listed = clause_separator(lang).join(f.message for f in findings)
    return [PHRASES(key, lang, name=scheme_name, k=len(findings), list=listed)]
