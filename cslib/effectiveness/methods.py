"""The methods paragraph of a micro-course effectiveness report, from what the run did.

:func:`effectiveness_methods` reads the :class:`~cslib.effectiveness.report.EffectivenessReport`
of a run and states, in the report's language, the methods of each Kirkpatrick level that was
analysed: Wilson intervals and the two-proportion comparison (level 1); paired tests, effect
sizes and the multiple-testing family (level 2); the Callaway–Sant'Anna estimator with its
control group, base period, clustering, cohort-size rule, pre-test and simultaneous bands
(levels 3–4), with the two-way fixed-effects model and the Goodman-Bacon decomposition as
comparisons; and the sample-size planning.  Levels without data are left out, not described.
"""

from __future__ import annotations

from typing import Any

from cslib.core.i18n import (
    Lang,
    Phrases,
    check_lang,
    format_number,
    list_separator,
    per_language,
    sentence_separator,
)
from cslib.core.references import Methods, cite_all

PHRASES = Phrases(
    {
        "frame": (
            "培训效果按柯氏四级模型评估（Kirkpatrick 与 Kirkpatrick，2006），显著性水平"
            "α = {alpha}，置信区间的置信度为 {conf}。",
            "Training effectiveness was evaluated on Kirkpatrick's four levels (Kirkpatrick & "
            "Kirkpatrick, 2006) at α = {alpha}, with {conf} confidence intervals.",
        ),
        "l1": (
            "反应层：各课程的满意率用 Wilson 区间（Wilson，1927）估计。",
            "Reaction: each course's satisfaction rate was estimated with a Wilson interval "
            "(Wilson, 1927).",
        ),
        "l1_compare": (
            "微课与传统课堂满意率的比较用两比例 z 检验（正态近似），差值区间用 Newcombe 混合"
            "得分法（Newcombe，1998），并按把握度 {power} 计算检测该差异所需的样本量。",
            "Micro-courses and classroom training were compared with the two-proportion z test "
            "(normal approximation) and Newcombe's hybrid score interval for the difference "
            "(Newcombe, 1998), with the sample size needed to detect that difference at power "
            "{power}.",
        ),
        "l2": (
            "学习层：{n} 门课程的前测与后测按学员配对比较，报告平均提升及其 t 区间、配对 t 检验"
            "（双侧）和 Wilcoxon 符号秩检验（零差值剔除）；效应量为 Cohen d_z 和含小样本校正的"
            "Hedges g_av（Lakens，2013），并报告 Hake 归一化增益（Hake，1998）。配对 t 检验的"
            "P 值在各课程之间按{correction}校正。",
            "Learning: pre- and post-test scores of {n} courses were compared within trainees, "
            "with the mean gain and its t interval, the two-sided paired t test and the Wilcoxon "
            "signed-rank test (zero differences dropped); effect sizes were Cohen's d_z and "
            "Hedges' g_av with the small-sample correction (Lakens, 2013), and Hake's "
            "normalised gain (Hake, 1998). The paired t-test p-values were adjusted across "
            "courses by {correction}.",
        ),
        "l2_items": (
            "测验题质量用 KR-20 信度（Kuder 与 Richardson，1937；低于 {kr20} 视为不足）、"
            "答对率（高于 {easy} 为太容易、低于 {hard} 为太难）和校正题总相关（低于 {disc} 为"
            "区分度弱）评价。",
            "Test items were reviewed with KR-20 reliability (Kuder & Richardson, 1937; below "
            "{kr20} insufficient), the share correct (above {easy} too easy, below {hard} too "
            "hard) and the corrected item-total correlation (below {disc} weak).",
        ),
        "l34": (
            "行为层与结果层：用 {agents} 名坐席 {weeks} 周的面板数据（{rows} 个坐席周），以"
            "Callaway–Sant'Anna（2021）方法估计每门课程对{outcomes}的平均处理效应 ATT。同一周"
            "培训的坐席构成一个批次，对照组为{control}坐席；每个 2×2 比较只用两周之间未开始其他"
            "课程的坐席；培训后各期以培训前一周为基期（培训前各期用相邻周比较）；少于 {min_cohort} 人的批次不单独估计。各批次 ATT 按批次人数加权汇总，"
            "标准误按坐席聚类（影响函数法），P 值用正态近似，并在同一结果指标的各课程之间按"
            "{correction}校正；同时给出按把握度 {power} 计算的最小可检测效应。平行趋势用培训前"
            "{pre} 周事件时间效应的联合 Wald χ² 检验；事件时间图的同时置信带用乘数自助法"
            "（sup-t）。",
            "Behaviour and results: on a panel of {agents} agents over {weeks} weeks ({rows} "
            "agent-weeks), each course's average effect on the treated (ATT) on {outcomes} was "
            "estimated with the Callaway–Sant'Anna (2021) estimator. Agents trained in the same "
            "week formed a cohort and the comparison group was the {control} agents; each 2×2 "
            "comparison used only agents who started no other course between its two weeks; "
            "post-training periods were compared with the week before training (pre-training "
            "periods with the preceding week, the default of R's did package); cohorts smaller "
            "than {min_cohort} were not estimated on their own. Cohort ATTs were averaged with "
            "cohort-size weights, standard errors were clustered by agent (influence function), "
            "p-values used the normal approximation and were adjusted by {correction} across "
            "the courses of each outcome; the minimum detectable effect at power {power} is "
            "reported. Parallel trends were tested with the joint Wald χ² test of the "
            "event-time effects in the {pre} weeks before training; the event-time figure's "
            "simultaneous bands come from the multiplier bootstrap (sup-t).",
        ),
        "control_notyettreated": (
            "尚未培训（含从未培训）的",
            "not-yet-trained (and never-trained)",
        ),
        "control_nevertreated": ("从未培训的", "never-trained"),
        "l34_twfe": (
            "作为对照，另报告双向固定效应模型（坐席与周固定效应，按坐席聚类）及其事件研究，并对"
            "{course} 做 Goodman-Bacon 分解（Goodman-Bacon，2021），以显示该模型把已培训坐席当作"
            "对照的比较所占的权重。",
            "For comparison, the two-way fixed-effects model (agent and week fixed effects, "
            "agent-clustered) and its event study are reported, with the Goodman-Bacon "
            "decomposition (Goodman-Bacon, 2021) for {course} showing the weight of comparisons "
            "that use already-trained agents as controls.",
        ),
        "planning": (
            "样本量规划：以本期观察到的提升标准差，计算双侧配对 t 检验在 α = {alpha}、把握度"
            "{power} 下检测 {gain} 分提升所需的人数，以及当前人数可检测的最小提升（Cohen，1988）。",
            "Planning: from the observed SD of the gains, the number of pairs a two-sided paired "
            "t test needs to detect a {gain}-point gain at α = {alpha} and power {power}, and "
            "the smallest gain detectable with the present numbers (Cohen, 1988).",
        ),
        "holm": ("Holm 法（Holm，1979）", "Holm's method (Holm, 1979)"),
        "fdr_bh": (
            "Benjamini–Hochberg 法（Benjamini 与 Hochberg，1995）",
            "the Benjamini–Hochberg method (Benjamini & Hochberg, 1995)",
        ),
        "bonferroni": ("Bonferroni 法", "Bonferroni's method"),
        "software": ("计算使用 cslib {version}。", "Computations used cslib {version}."),
    }
)

_CORRECTION_CITES = {"holm": ("holm1979",), "fdr_bh": ("benjamini1995",), "bonferroni": ()}


def effectiveness_methods(
    report: Any,
    catalogue: Any = None,
    *,
    event_window: tuple[int, int] = (-8, 8),
    lang: Lang | str = "zh",
) -> Methods:
    """The methods section of notebook 03 (paragraphs and references) in ``lang``.

    Parameters
    ----------
    report : EffectivenessReport
        What :func:`cslib.effectiveness.report.analyse` returned.
    catalogue : cslib.core.courses.Catalogue, optional
        The course catalogue (names the event-study course; its id otherwise).
    event_window : (int, int)
        Weeks before/after training of the event-time analysis.
    lang : {"zh", "en", "zh+en"}
    """
    lang = check_lang(lang)
    versions = per_language(
        lang,
        lambda side: _paragraphs(report, catalogue, event_window, side),
    )
    paragraphs = tuple(p for paras, _ in versions for p in paras)
    return Methods(paragraphs, cite_all(*(c for _, c in versions)), lang)


def _paragraphs(
    report: Any,
    catalogue: Any,
    event_window: tuple[int, int],
    lang: str,
) -> tuple[list[str], list[str]]:
    import cslib
    from cslib.effectiveness.report import course_name, label

    P = PHRASES
    alpha = report.alpha
    correction = P(report.correction, lang) if report.correction in PHRASES else report.correction
    cited = ["kirkpatrick2006", *_CORRECTION_CITES.get(report.correction, ())]
    conf = format_number(1 - alpha, 0, percent=True)
    first = [P("frame", lang, alpha=f"{alpha:g}", conf=conf)]
    if len(report.satisfaction_by_course):
        first.append(P("l1", lang))
        cited.append("wilson1927")
        if report.micro_vs_classroom is not None:
            first.append(P("l1_compare", lang, power=f"{report.power:g}"))
            cited.append("newcombe1998")
    paragraphs = [sentence_separator(lang).join(first)]

    if len(report.learning):
        second = [
            P("l2", lang, n=int(report.learning["course_id"].nunique()), correction=correction)
        ]
        cited += ["lakens2013", "hake1998"]
        if report.items:
            rules = report.item_rules
            second.append(
                P(
                    "l2_items",
                    lang,
                    kr20=f"{rules.min_kr20:g}",
                    easy=f"{rules.easy:g}",
                    hard=f"{rules.hard:g}",
                    disc=f"{rules.min_discrimination:g}",
                )
            )
            cited.append("kuder1937")
        paragraphs.append(sentence_separator(lang).join(second))

    info = report.panel_info
    if len(report.robust) and info.n_agents:
        outcomes = list_separator(lang).join(label(o, lang) for o in info.outcomes)
        third = [
            P(
                "l34",
                lang,
                agents=info.n_agents,
                weeks=info.n_weeks,
                rows=f"{info.n_agent_weeks:,}",
                outcomes=outcomes,
                control=P(f"control_{report.control_group}", lang),
                min_cohort=report.min_cohort_size,
                correction=correction,
                power=f"{report.power:g}",
                pre=-event_window[0],
            )
        ]
        cited.append("callaway2021")
        if len(report.did) and report.bacon is not None:
            event = info.event_course
            name = course_name(catalogue, event)(lang) if catalogue is not None else event
            third.append(P("l34_twfe", lang, course=name))
            cited.append("goodmanbacon2021")
        paragraphs.append(sentence_separator(lang).join(third))

    if len(report.planning):
        paragraphs.append(
            P(
                "planning",
                lang,
                alpha=f"{alpha:g}",
                power=f"{report.power:g}",
                gain=f"{report.target_gain:g}",
            )
        )
        cited.append("cohen1988")
    paragraphs.append(P("software", lang, version=cslib.__version__))
    return paragraphs, cited
