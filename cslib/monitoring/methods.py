"""The methods paragraph and formula appendix of the QA monitoring report (notebook 05).

:func:`monitoring_methods` states what the run did — which calls entered the G study, the
model and its REML estimation, the bootstrap intervals, the D-study targets, the monthly plan,
the rotation and the drift rule — from the records and the checked parameters.
:func:`formula_appendix` gives the D-study formulas the report relies on, so the report does
not send its reader to a file in the repository.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from cslib.core.i18n import (
    Lang,
    Phrases,
    check_lang,
    format_number,
    per_language,
    sentence_separator,
)
from cslib.core.references import Methods, cite_all
from cslib.monitoring.drift import SMOOTHING
from cslib.stats.drift_ewma import ewma_limit

PHRASES = Phrases(
    {
        "data": (
            "分析使用 {n_calls} 通质检录音（{n_agents} 名坐席、{n_inspectors} 名质检员、"
            "{n_months} 个月），其中 {n_routine} 通为常规抽检；投诉等必检录音不是随机抽取的，"
            "只计入工作量，不进入信度分析。",
            "The analysis used {n_calls} scored calls ({n_agents} agents, {n_inspectors} "
            "inspectors, {n_months} months), {n_routine} of them routine; must-check calls "
            "(complaints and the like) are not sampled at random and count towards workload "
            "only, not towards the reliability analysis.",
        ),
        "gstudy": (
            "常规录音的分数按概化理论（Brennan，2001）分解为坐席、质检员、坐席×质检员和通话"
            "（残差）四个随机效应的方差分量；设计不平衡，用限制性最大似然（REML）估计，"
            "{level} 置信区间由 {n_resamples} 次参数自助法（随机种子 {seed}）得到。校准录音"
            "（每位质检员评同一批录音）按平衡交叉设计用期望均方 ANOVA 估计，作为质检员分量的对照。",
            "Routine scores were decomposed by generalizability theory (Brennan, 2001) into "
            "variance components of agent, inspector, agent × inspector and call (residual) "
            "random effects, estimated by REML because the design is unbalanced; {level} "
            "intervals come from {n_resamples} parametric bootstrap samples (seed {seed}). The "
            "calibration calls (every inspector scoring the same calls) were analysed as a "
            "balanced crossed design by ANOVA expected mean squares, as a check on the "
            "inspector component.",
        ),
        "dstudy": (
            "D 研究按附录的公式计算月均分的相对信度 Eρ²、绝对可靠度 Φ 和 {level} 区间半宽，"
            "求达到 Eρ² ≥ {target} 和半宽 ≤ ±{hw} 分所需的每人每月通数；一名质检员无法达到时，"
            "依次尝试 2–4 名质检员分评。",
            "The D study computed the relative reliability Eρ², the dependability Φ and the "
            "half-width of the {level} interval of a monthly mean with the formulas of "
            "the appendix, and the calls per agent and month needed for Eρ² ≥ {target} and a "
            "half-width of at most ±{hw} points; where one inspector cannot reach a target, "
            "2 to 4 inspectors per agent were tried.",
        ),
        "plan": (
            "下月计划：每名质检员每月 {capacity} 通的容量先扣除预计必检通数，余下的 {random} "
            "为随机抽检（随机种子 {seed}），其余为计划抽检，每名坐席至少 {min_calls} 通，"
            "其余按优先权重分配：优先权重 = 坐席真实水平落在合格线 {pass_mark} 分另一侧的概率，"
            "入职 {new_months} 个月内的新员工加 0.5，近三个月线性趋势下降 {falling} 分及以上的"
            "坐席再加 0.5。",
            "Next month's plan: each inspector's capacity of {capacity} calls first covers the "
            "expected must-check calls; {random} of the rest is random monitoring (seed "
            "{seed}) and the remainder planned, at least {min_calls} calls per agent, "
            "the rest allocated by a priority weight: the probability that the agent's true "
            "level is on the other side of the pass mark of {pass_mark}, plus 0.5 for agents "
            "hired within {new_months} months and 0.5 for agents whose linear trend over the "
            "last three months fell by {falling} points or more.",
        ),
        "rotation": (
            "质检员轮换用整数规划精确求解：每个班组一名质检员，每名质检员负责 1–2 个班组、合计"
            "不超过 {max_agents} 名坐席，不重复上季度的搭配，在可行方案中使各质检员负责人数与"
            "平均值的最大偏差最小。",
            "Inspector rotation was solved exactly as an integer programme: one inspector per "
            "team, each inspector 1–2 teams and at most {max_agents} agents, no pairing from "
            "last quarter, minimising the largest deviation of an inspector's load from the "
            "average.",
        ),
        "drift": (
            "宽严度漂移：每名质检员每月的宽严度由常规录音按最小二乘估计（扣除所评坐席的水平），"
            "减去当月全体质检员的平均；与其前 {baseline} 个月的基线相比变化达到 {threshold} 分"
            "的月份标出。",
            "Drift: each inspector's monthly leniency was estimated from routine calls by least "
            "squares (adjusting for the agents scored), relative to all inspectors that month; "
            "months that moved by {threshold} points or more against the inspector's "
            "{baseline}-month baseline are flagged.",
        ),
        "software": ("计算使用 cslib {version}。", "Computations used cslib {version}."),
        "appendix": (
            "一名坐席的月均分由 m 通录音、k 名质检员评出时，其误差方差为："
            "相对误差 σ²(δ) = σ²(坐席×质检员)/k + σ²(残差)/m；"
            "绝对误差 σ²(Δ) = σ²(质检员)/k + σ²(δ)。"
            "相对信度 Eρ² = σ²(坐席) / (σ²(坐席) + σ²(δ))，用于给坐席排名；"
            "绝对可靠度 Φ = σ²(坐席) / (σ²(坐席) + σ²(Δ))，用于与合格线比较；"
            "区间半宽 = z × σ(Δ)，z 为所选置信度的标准正态分位数。"
            "所需通数是满足目标的最小 m；当质检员相关的误差（σ²(坐席×质检员)/k，Φ 与半宽"
            "另加 σ²(质检员)/k）本身已超过目标允许的误差时，增加通数无法达到目标，需增加质检员"
            "人数。σ²(坐席) 为 0 时信度无定义，报告说明原因而不给数值。",
            "For an agent's monthly mean over m calls scored by k inspectors: relative "
            "error σ²(δ) = σ²(agent × inspector)/k + σ²(residual)/m; absolute error "
            "σ²(Δ) = σ²(inspector)/k + σ²(δ). Relative reliability Eρ² = σ²(agent) / "
            "(σ²(agent) + σ²(δ)), for ranking agents; dependability Φ = σ²(agent) / "
            "(σ²(agent) + σ²(Δ)), for comparison with the pass mark; half-width = z × σ(Δ), z "
            "the standard normal quantile of the chosen confidence level. The calls needed are "
            "the smallest m meeting the target; when the inspector-related error alone "
            "(σ²(agent × inspector)/k, plus σ²(inspector)/k for Φ and the half-width) "
            "exceeds what the target allows, no number of calls reaches it and more inspectors "
            "are needed. When σ²(agent) is zero the coefficients are undefined, and the report "
            "says why instead of printing a number.",
        ),
        "gstudy_profile": (
            "常规录音的分数按概化理论（Brennan，2001）分解为坐席、质检员、坐席×质检员和通话"
            "（残差）四个随机效应的方差分量；设计不平衡，用限制性最大似然（REML）估计，"
            "{level} 置信区间为剖面似然区间（固定一个分量、其余分量取最优时 REML 偏差不超过最小值"
            "加 χ²₁ 临界值的范围，与 lme4 的剖面区间同法）。校准录音（每位质检员评同一批录音）"
            "按平衡交叉设计用期望均方 ANOVA 估计，作为质检员分量的对照。",
            "Routine scores were decomposed by generalizability theory (Brennan, 2001) into "
            "variance components of agent, inspector, agent × inspector and call (residual) "
            "random effects, estimated by REML because the design is unbalanced; {level} "
            "intervals are profile-likelihood intervals (every value of a component whose REML "
            "deviance, with the other components re-optimised, is within the χ²₁ critical value "
            "of the minimum, as lme4's profile intervals). The calibration calls (every "
            "inspector scoring the same calls) were analysed as a balanced crossed design by "
            "ANOVA expected mean squares, as a check on the inspector component.",
        ),
        "drift_chart": (
            "宽严度漂移：每名质检员每月的宽严度由常规录音按最小二乘估计（扣除所评坐席的水平），"
            "与当月其他质检员的平均相比（不含其本人，使漂移者不拉动自己的参照）；已报警的质检员"
            "不再作为其他人的参照。从第 {first} 个月起，每个月与该质检员此前各月的广义最小二乘"
            "预测之差标准化后（自启动残差；Hawkins，1987）进入双侧 EWMA 控制图（λ = {lam}，"
            "Lucas 和 Saccucci，1990），界限 L = {limit} 使宽严度不变时平均 {arl} 个月误报一次"
            "（每名质检员每年 {rate} 次）；变化量为相对前 {baseline} 个月基线的差值及其标准误。",
            "Drift: each inspector's monthly leniency was estimated from routine calls by least "
            "squares (adjusting for the agents scored) against the mean of the other inspectors "
            "that month (excluding the inspector, so that a drifting inspector does not pull "
            "their own reference; inspectors already signalled are left out of the others' "
            "references). From month {first} on, each month's difference from its generalised "
            "least-squares prediction from the inspector's earlier months, standardised "
            "(self-starting residuals; Hawkins, 1987), entered a two-sided EWMA chart "
            "(λ = {lam}; Lucas & Saccucci, 1990) with limit L = {limit}, which gives one false "
            "alarm every {arl} months for an inspector whose leniency does not change ({rate} "
            "per inspector-year); changes are against the {baseline}-month baseline, with "
            "their standard errors.",
        ),
    }
)


def monitoring_methods(
    records: pd.DataFrame,
    prm: Any,
    lang: Lang | str = "zh",
    *,
    interval_method: str = "bootstrap",
) -> Methods:
    """The methods section of notebook 05 in ``lang``.

    Parameters
    ----------
    records : DataFrame
        The QA records read by :func:`cslib.monitoring.io.read_qa_records` (``must_check``,
        ``agent_id``, ``inspector_id``, ``date`` columns).
    prm : MonitoringParameters
        The checked parameters (:func:`cslib.monitoring.io.check_parameters`).
    lang : {"zh", "en", "zh+en"}
    interval_method : {"bootstrap", "profile"}
        How the variance-component intervals were made (notebook 05's ``interval_method``).
    """
    lang = check_lang(lang)
    versions = per_language(
        lang, lambda side: _paragraphs(records, prm, side, interval_method=interval_method)
    )
    paragraphs = tuple(p for paras in versions for p in paras)
    return Methods(paragraphs, cite_all(["brennan2001", "hawkins1987", "lucas1990"]), lang)


def _drift_paragraph(prm: Any, lang: str) -> str:
    rate = float(getattr(prm, "drift_false_alarm_rate", 0.1))
    return PHRASES(
        "drift_chart",
        lang,
        first=prm.baseline_months + 1,
        lam=f"{SMOOTHING:g}",
        limit=f"{ewma_limit(SMOOTHING, 12 / rate):.3f}",
        arl=f"{12 / rate:.0f}",
        rate=f"{rate:g}",
        baseline=prm.baseline_months,
    )


def _paragraphs(
    records: pd.DataFrame, prm: Any, lang: str, *, interval_method: str = "bootstrap"
) -> list[str]:
    import cslib

    P = PHRASES
    level = format_number(prm.confidence_level, 0, percent=True)
    months = pd.to_datetime(records["date"]).dt.to_period("M").nunique()
    join = sentence_separator(lang)
    return [
        P(
            "data",
            lang,
            n_calls=f"{len(records):,}",
            n_agents=records["agent_id"].nunique(),
            n_inspectors=records["inspector_id"].nunique(),
            n_months=months,
            n_routine=f"{int((~records['must_check']).sum()):,}",
        )
        + join
        + P(
            "gstudy_profile" if interval_method == "profile" else "gstudy",
            lang,
            level=level,
            n_resamples=prm.n_resamples,
            seed=prm.seed,
        ),
        P(
            "dstudy",
            lang,
            level=level,
            target=f"{prm.target_reliability:g}",
            hw=f"{prm.target_half_width:g}",
        ),
        P(
            "plan",
            lang,
            capacity=prm.inspector_capacity,
            random=format_number(prm.random_share, 0, percent=True),
            seed=prm.seed,
            min_calls=prm.min_calls,
            pass_mark=f"{prm.pass_mark:g}",
            new_months=prm.new_agent_months,
            falling=f"{prm.falling_points:g}",
        )
        + join
        + P("rotation", lang, max_agents=prm.max_agents_per_inspector)
        + join
        + _drift_paragraph(prm, lang),
        P("software", lang, version=cslib.__version__),
    ]


def formula_appendix(lang: Lang | str = "zh") -> str:
    """The appendix of notebook 05: the D-study formulas, in ``lang``."""
    return PHRASES("appendix", check_lang(lang))
