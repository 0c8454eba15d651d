"""The one zh/en phrase table of notebook 05 (QA monitoring design).

Every user-facing word of :mod:`cslib.monitoring` comes from :data:`PHRASES`: the summary box
and its reasons, figure and sheet labels, variance-component names, the methods paragraph and
the D-study appendix, and the preconditions named in located errors.  Thresholds and numbers
are filled in from the parameters and results; nothing here states a threshold itself.
"""

from __future__ import annotations

from cslib.core.i18n import Phrases

PHRASES = Phrases(
    {
        # ---- summary box, figures, sheets and component names (cslib.monitoring.report)
        "title": ("摘要", "Summary"),
        "current": (
            "目前每名坐席每月平均评 {calls} 通常规录音，月度质检分的信度（Eρ²）约为 {g}，"
            "单人月均分的 {level} 置信区间约为 ±{hw} 分。",
            "Agents currently get {calls} routine calls scored a month on average; the "
            "reliability (Eρ²) of a monthly QA score is about {g}, and an agent's monthly mean "
            "is known to within ±{hw} points ({level} interval).",
        ),
        "need": (
            "要使信度达到 {target}，每人每月需评 {n} 通录音（当前 {calls} 通）。",
            "Reaching a reliability of {target} takes {n} calls per agent and month (now {calls}).",
        ),
        "need_r": (
            "要使信度达到 {target}，每人每月需评 {n} 通录音（当前 {calls} 通），并由至少 {r} 名"
            "质检员分评——只由一名质检员评分时，坐席×质检员的偏差无法靠增加通数消除。",
            "Reaching a reliability of {target} takes {n} calls per agent and month (now "
            "{calls}), shared among at least {r} inspectors — with a single inspector the "
            "agent × inspector error does not average out however many calls are scored.",
        ),
        "need_hw_r": (
            "要使月均分精确到 ±{target} 分，每人每月需评 {n} 通录音，并由至少 {r} 名质检员分评。",
            "Knowing a monthly mean to within ±{target} points takes {n} calls per agent and "
            "month, shared among at least {r} inspectors.",
        ),
        "need_none": (
            "信度 {target} 无法达到，因为：{reason}。",
            "A reliability of {target} cannot be reached, because {reason}.",
        ),
        "need_hw": (
            "要使月均分精确到 ±{target} 分，每人每月需评 {n} 通录音。",
            "Knowing a monthly mean to within ±{target} points takes {n} calls per agent and "
            "month.",
        ),
        "need_hw_none": (
            "月均分无法精确到 ±{target} 分，因为：{reason}。",
            "A precision of ±{target} points cannot be reached, because {reason}.",
        ),
        "components": (
            "通话之间的波动占总方差的 {res}，坐席之间的真实差异只占 {agent}，"
            "质检员之间的宽严差异占 {insp}。",
            "Call-to-call variation is {res} of the total variance; real differences between "
            "agents are only {agent}, and differences in inspector leniency {insp}.",
        ),
        "plan": (
            "下月（{month}）共安排 {total} 通：计划抽检 {planned} 通，随机抽检 {random} 通"
            "（{share}），必检 {must} 通；靠近合格线 {pass_mark} 分、新入职或成绩下滑的 {focus} 名"
            "坐席获得多于 {min_calls} 通的计划抽检。",
            "Next month ({month}): {total} calls — {planned} planned, {random} random "
            "({share}), {must} must-check; {focus} agents near the pass mark of {pass_mark}, "
            "new or falling get more than {min_calls} planned calls.",
        ),
        "plan_over": (
            "计划不可行：质检员 {who} 预计的必检录音（共 {needed} 通）超过其每月评分能力"
            "（{available} 通），本月不再为其安排计划或随机抽检。要使计划可行，需把这些质检员的"
            "能力提高到每月 {capacity} 通，或把部分坐席交给其他质检员（全中心按当前能力需要 "
            "{inspectors} 名质检员）。",
            "The plan cannot be met: the expected must-check calls of {who} ({needed} calls) "
            "exceed the monthly capacity ({available} calls), so nothing else is planned there. "
            "It becomes feasible with a capacity of {capacity} calls a month, or by moving "
            "agents to other inspectors ({inspectors} inspectors for the whole centre at the "
            "present capacity).",
        ),
        "plan_short": (
            "计划不可行：质检员 {who} 扣除必检和随机抽检后只剩 {available} 通计划抽检，"
            "不够每名坐席至少 {min_calls} 通（需 {needed} 通）；每月能力提高到 {capacity} 通即可满足。",
            "The plan cannot be met: after must-check and random calls, {available} planned "
            "calls remain for {who}, fewer than {min_calls} per agent ({needed} needed); a "
            "capacity of {capacity} calls a month would meet it.",
        ),
        "plan_target": (
            "目标信度无法在现有能力内实现：每人每月 {n} 通共需 {needed} 通常规录音，扣除必检后"
            "全体质检员只有 {available} 通的能力；需要每名质检员每月评 {capacity} 通，"
            "或按当前能力配备 {inspectors} 名质检员。",
            "The reliability target does not fit the capacity: {n} calls per agent and month "
            "are {needed} routine calls, but after must-check calls the inspectors can score "
            "{available}; it would take {capacity} calls per inspector and month, or "
            "{inspectors} inspectors at the present capacity.",
        ),
        "plan_idle": (
            "质检员 {who} 本月没有分到班组，其 {available} 通评分能力未安排；"
            "请在轮换中为其分配班组。",
            "Without a team this month: {who}; their capacity of {available} calls is not "
            "planned; give them teams in the rotation.",
        ),
        "rotation": (
            "下季度质检员轮换：{n} 名质检员各负责 1–2 个班组（每人不超过 {max_agents} 名坐席），"
            "不重复上季度的搭配，每人坐席数与平均相差不超过 {dev} 人。",
            "Next quarter's rotation: {n} inspectors, each with 1–2 teams (at most "
            "{max_agents} agents), no pairing repeated from last quarter; loads differ from "
            "the average by at most {dev} agents.",
        ),
        "rotation_none": (
            "下季度轮换无可行方案，因为：{reason}。",
            "No rotation is possible next quarter, because {reason}.",
        ),
        "drift": (
            "质检员 {who} 的宽严度相对其前 {base} 个月变化达到或超过 {threshold} 分，"
            "建议安排校准。",
            "Leniency moved by {threshold} points or more against the first {base} months "
            "for: {who}; schedule a calibration session.",
        ),
        "drift_undefined": (
            "无法判断质检员宽严度是否漂移：数据只有 {months} 个月，而每名质检员的基线就要用 {base} "
            "个月；至少需要基线之后再有一个月的数据。",
            "Inspector drift cannot be judged: the data hold {months} month(s) and each "
            "inspector's baseline takes {base}; at least one month after the baseline is needed.",
        ),
        "drift_none": (
            "没有质检员的宽严度变化达到 {threshold} 分。",
            "No inspector's leniency moved by {threshold} points or more.",
        ),
        "next_steps": ("下一步", "Next steps"),
        "step_plan": (
            "把各质检员的抽检表（XLSX）发给对应质检员；月底用本报告复核信度。",
            "Send each inspector their plan (XLSX); re-run this report at month end.",
        ),
        # reasons (codes of cslib.stats.gstudy.CallsReason / DStudyReason and
        # cslib.stats.rotation.RotationReason; a test checks every code has a phrase)
        "calls_reason_no_agent_variance": (
            "数据中坐席之间没有差异",
            "the data show no variance between agents",
        ),
        "calls_reason_unreachable": (
            "每名坐席 {n_inspectors} 名质检员时，与质检员相关的误差本身已超过目标允许的范围，"
            "增加通数无济于事",
            "with {n_inspectors} inspector(s) per agent, inspector-related error alone exceeds "
            "what the target allows; more calls do not help",
        ),
        "calls_reason_too_many": (
            "所需通数超过 {max_calls} 通",
            "more than {max_calls} calls would be needed",
        ),
        "dstudy_reason_no_agent_variance": (
            "数据中坐席之间没有差异",
            "the data show no variance between agents",
        ),
        "rotation_reason_infeasible": (
            "没有一种分配能让每个班组各有一名质检员、每名质检员负责 {min_teams}–{max_teams} 个班组"
            "且不超过 {max_agents} 名坐席，同时不重复上季度的搭配",
            "no assignment gives every team one inspector, each inspector {min_teams}–"
            "{max_teams} teams and at most {max_agents} agents without repeating last quarter's "
            "pairs",
        ),
        "figure_x": ("每人每月评分通数", "Calls scored per agent and month"),
        "figure_y": ("月度质检分信度", "Reliability of the monthly QA score"),
        "figure_hw": ("月均分置信区间半宽（分）", "Half-width of the monthly mean (points)"),
        "figure_now": ("当前 {calls} 通", "now {calls} calls"),
        "figure_target": ("目标 {target}", "target {target}"),
        "drift_y": (
            "宽严度（分，相对当月其他质检员）",
            "Leniency (points vs the other inspectors)",
        ),
        # words of the claims in the summary (issue 24: a share says what it is a share of)
        "claim_non_must_check": ("通非必检录音", "non-must-check calls"),
        "drift_x": ("月份", "Month"),
        "figure_title": (
            "每人每月评分通数与月度质检分的信度",
            "Calls scored per agent and month and the reliability of the monthly score",
        ),
        "figure_recommended": (
            "建议：{calls} 通，{r} 名质检员",
            "recommended: {calls} calls, {r} inspectors",
        ),
        "figure_inspectors": ("（{r} 名质检员）", "({r} inspectors)"),
        "figure_inspector_one": ("（1 名质检员）", "(1 inspector)"),
        "figure_recommended_one": (
            "建议：{calls} 通，1 名质检员",
            "recommended: {calls} calls, 1 inspector",
        ),
        "drift_title": ("各质检员宽严度的逐月变化", "Each inspector's leniency by month"),
        "sheet_plan": ("抽检计划", "Plan"),
        "last_quarter": ("上季度质检员", "Last quarter's inspector"),
        "component_agent": ("坐席", "Agent"),
        "component_inspector": ("质检员", "Inspector"),
        "component_agent_inspector": ("坐席×质检员", "Agent × inspector"),
        "component_residual": ("通话之间（残差）", "Call to call (residual)"),
        "calibration_absent": (
            "未提供校准录音文件（calibration_path），本节未做。",
            "No calibration file was given (calibration_path); this section was not run.",
        ),
        "component_call": ("录音之间", "Between calls"),
        "component_call_inspector": ("录音×质检员（残差）", "Call × inspector (residual)"),
        # ---- methods paragraph and formula appendix (cslib.monitoring.methods)
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
        "methods_plan": (
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
        "methods_rotation": (
            "质检员轮换用整数规划精确求解：每个班组一名质检员，每名质检员负责 1–2 个班组、合计"
            "不超过 {max_agents} 名坐席，不重复上季度的搭配，在可行方案中使各质检员负责人数与"
            "平均值的最大偏差最小。",
            "Inspector rotation was solved exactly as an integer programme: one inspector per "
            "team, each inspector 1–2 teams and at most {max_agents} agents, no pairing from "
            "last quarter, minimising the largest deviation of an inspector's load from the "
            "average.",
        ),
        "methods_drift": (
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
        # ---- data that cannot support the analysis (located errors of cslib.monitoring.analysis)
        "no_variance": (
            "所有常规录音的分数都相同（{score}），没有可分解的方差：信度、方差分量和抽检优先级都"
            "无从计算；请检查是否导出了正确的分数列",
            "every routine call has the same score ({score}), so there is no variance to "
            "analyse: reliability, variance components and monitoring priorities are undefined; "
            "expected scores that vary between calls — check that the right score column was "
            "exported",
        ),
        "one_agent": (
            "常规录音只涉及一名坐席；区分坐席之间的差异至少需要 2 名坐席",
            "the routine calls cover only one agent; expected at least 2 agents to separate "
            "differences between agents",
        ),
        "one_inspector": (
            "常规录音只由一名质检员评分；区分质检员的宽严差异至少需要 2 名质检员",
            "the routine calls were all scored by one inspector; expected at least 2 inspectors "
            "to separate inspector leniency",
        ),
        "no_agent_variance": (
            "数据中坐席之间没有差异（坐席方差分量为 0），无法按坐席排出抽检优先级；"
            "请检查分数是否按坐席正确导出",
            "the data show no variance between agents (the agent component is 0), so agents "
            "cannot be prioritised for monitoring; expected scores that differ between agents "
            "— check that scores were exported per agent",
        ),
        "methods_gstudy_profile": (
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
        "methods_drift_chart": (
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
        # ---- targets -------------------------------------------------------
        "rotation_misses": (
            "下季度轮换让每个班组只由 {r} 名质检员评分：按本报告的方差分量，信度{verdict}"
            "——坐席×质检员的偏差不随通数减少；要达到目标，需让每个班组的录音由至少 {need_r} 名"
            "质检员分评（每人每月 {n} 通），即在轮换中为每个班组再安排 {more} 名质检员。",
            "Next quarter's rotation gives each team one inspector, so by this report's "
            "variance components the reliability {verdict} — the agent × inspector error does "
            "not shrink with more calls; reaching the target takes each team's calls shared "
            "among at least {need_r} inspectors ({n} calls per agent and month), i.e. "
            "{more_en} per team in the rotation.",
        ),
        "rotation_never": (
            "下季度轮换让每个班组只由 {r} 名质检员评分，信度{verdict}；即使由 {tried} 名质检员"
            "分评也达不到，需要先减小坐席×质检员的偏差（统一评分标准、校准）。",
            "Next quarter's rotation gives each team one inspector, so the reliability "
            "{verdict}; not even {tried} inspectors per agent reach it — the agent × inspector "
            "error must shrink first (shared scoring rules, calibration).",
        ),
        "more_one": ("再 1 名质检员", "one more inspector"),
        "more_many": ("再 {more} 名质检员", "{more} more inspectors"),
        "what_rotation": ("每班组一名质检员时", "with one inspector per team"),
        "calib_agree": (
            "校准数据的质检员宽严方差为 {calib}，落在日常数据估计（{routine}，{level} CI {lo} 到 "
            "{hi}）之内：两者一致。",
            "The calibration set's inspector variance, {calib}, lies inside the routine-data "
            "estimate ({routine}, {level} CI {lo} to {hi}): the two agree.",
        ),
        "calib_disagree": (
            "不一致：校准数据的质检员宽严方差为 {calib}，落在日常数据估计（{routine}，{level} CI "
            "{lo} 到 {hi}）之外。校准时质检员知道自己在被比较，或校准录音与日常录音不同；"
            "信度与抽检量以日常数据为准，并复核校准录音。",
            "Disagreement: the calibration set's inspector variance, {calib}, lies outside the "
            "routine-data estimate ({routine}, {level} CI {lo} to {hi}). Inspectors know they "
            "are compared in calibration, or the calibration calls differ from routine ones; "
            "the reliability and sample sizes here rest on the routine data — review the "
            "calibration calls.",
        ),
        "r02_agree": (
            "报告 02 的校准发现 {who} {calib}；日常数据中同一批坐席（{agents} 名）由其评分的录音"
            "{routine}：方向一致。",
            "Report 02's calibration found {who} {calib}; in routine data the same agents' "
            "calls scored by {who} ({agents} agents) are {routine}: the same direction.",
        ),
        "r02_disagree": (
            "不一致：报告 02 的校准发现 {who} {calib}，而日常数据中同一批坐席（{agents} 名）由其"
            "评分的录音{routine}；请在下次校准时核对该质检员的评分。",
            "Disagreement: report 02's calibration found {who} {calib}, but in routine data "
            "the same agents' calls scored by {who} are {routine} ({agents} agents); check "
            "this inspector's scoring at the next calibration.",
        ),
        "r02_unclear": (
            "报告 02 的校准发现 {who} {calib}；日常数据中同一批坐席（{agents} 名）由其评分的录音"
            "{routine}，区间跨过 0，日常数据无法确认方向。",
            "Report 02's calibration found {who} {calib}; in routine data the same agents' "
            "calls scored by {who} are {routine} ({agents} agents) — the interval spans 0, "
            "so the routine data cannot confirm the direction.",
        ),
        "r02_absent": (
            "报告 02 的校准发现 {who} {calib}；该质检员在日常数据中没有与其他质检员共同评过的坐席，"
            "无法对照。",
            "Report 02's calibration found {who} {calib}; in routine data no agent was scored "
            "by both this inspector and another, so it cannot be compared.",
        ),
        "harder": ("偏严", "harder"),
        "softer": ("偏松", "softer"),
        "points": (" 分", " points"),
        # ---- drift_text ----------------------------------------------------
        "drift_signal": (
            "宽严度控制图报警，建议安排校准：{who}；变化为最近一次报警月份相对该质检员前 {base} "
            "个月的基线。",
            "The leniency chart signalled drift; schedule a calibration session: {who}; each "
            "change is the latest signalled month against the inspector's first {base} months.",
        ),
        "drift_one_lenient": (
            "{who} 打分宽松了 {size} 分（{level} CI {low} 到 {high}，{month}）",
            "{who} scores {size} points more leniently ({level} CI {low} to {high}, {month})",
        ),
        "drift_one_strict": (
            "{who} 打分严格了 {size} 分（{level} CI {low} 到 {high}，{month}）",
            "{who} scores {size} points more strictly ({level} CI {low} to {high}, {month})",
        ),
        "drift_quiet": (
            "没有质检员的宽严度控制图报警。",
            "No inspector's leniency chart signalled drift.",
        ),
        "drift_calibration": (
            "控制图界限按每名质检员每年平均误报 {rate} 次设定（宽严度不变时平均 {arl} 个月"
            "误报一次）；按本数据的估计精度（每月宽严度的标准误约 {se} 分），基线之后 {threshold}"
            " 分的变化在 {within} 个月内被发现的概率约为 {p}，{within} 个月内有 80% 把握发现的"
            "变化约为 {step} 分。",
            "The chart's limits are set for {rate} false alarms per inspector-year on average "
            "(one every {arl} months for an inspector whose leniency does not change); with "
            "this data's precision (standard error of a monthly leniency about {se} points) a "
            "change of {threshold} points after the baseline is signalled within {within} "
            "months with probability {p}, and the change signalled within {within} months with "
            "80% probability is about {step} points.",
        ),
        "drift_two": (
            "注意：每月只有两名质检员可比较，一人变宽松与另一人变严格在数据上无法区分，"
            "两人都应参加校准。",
            "Note: only two inspectors can be compared each month, so one becoming more lenient "
            "cannot be told apart from the other becoming stricter; calibrate both.",
        ),
        "drift_cannot": (
            "无法判断质检员宽严度是否漂移：{reason}。",
            "Inspector drift cannot be judged: {reason}.",
        ),
        "drift_reason_months": (
            "数据只有 {months} 个月，而每名质检员的基线就要用 {base} 个月，基线之后至少还需要"
            "一个月",
            "the data hold {months} month(s) and each inspector's baseline takes {base}; at "
            "least one month after the baseline is needed",
        ),
        "drift_reason_alone": (
            "每个月只有一名质检员评常规录音，没有可比较的同事",
            "only one inspector scored routine calls each month, so nobody is there to "
            "compare with",
        ),
        "drift_reason_linked": (
            "各质检员评分的坐席互不重叠，宽严度与坐席水平无法分开",
            "the inspectors scored disjoint sets of agents, so leniency cannot be told apart "
            "from the agents' level",
        ),
        "drift_reason_variance": (
            "扣除坐席和质检员之后分数没有任何波动",
            "the scores do not vary once agents and inspectors are accounted for",
        ),
        # ---- calibration_text ----------------------------------------------
        "calib_constant": (
            "所有校准总分都相同（每通录音、每位质检员都是 {score} 分）：录音之间和质检员之间"
            "都没有差异，这批录音无法说明质检员是否一致；请选用质量参差的录音做校准。",
            "Every calibration total is the same ({score} points for every call and "
            "inspector): neither the calls nor the inspectors differ, so these calls cannot "
            "show whether inspectors agree; calibrate on calls of mixed quality.",
        ),
        "calib_identical": (
            "{n} 通校准录音上，每位质检员给出的总分与其他人完全相同：这批录音上看不到质检员"
            "之间的差异（这是逐通核对的结果，不是估计）；日常数据中的质检员分量见上表。",
            "On the {n} calibration calls every inspector gave exactly the same total as the "
            "others: these calls show no difference between inspectors (a call-by-call fact, "
            "not an estimate); the routine data's inspector component is in the table above.",
        ),
        "calib_no_calls": (
            "校准录音之间没有真实差异（录音分量为 0）：这批录音只能显示质检员的宽严差异，"
            "不能显示质检员是否以相同顺序区分录音的好坏。",
            "The calibration calls do not differ in quality (call component 0): they show "
            "inspector leniency only, not whether inspectors rank calls alike.",
        ),
        "calib_compare": (
            "校准数据中质检员分量为 {calib} 分²，日常数据为 {routine} 分²。",
            "The inspector component is {calib} points² in the calibration data and "
            "{routine} points² in the routine data.",
        ),
    }
)
