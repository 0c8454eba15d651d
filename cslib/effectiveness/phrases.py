"""The one zh/en phrase table of notebook 03 (micro-course effectiveness, Kirkpatrick L1–L4).

Every user-facing word of :mod:`cslib.effectiveness` comes from :data:`PHRASES`: display names
of codes and outcomes, the Goodman-Bacon comparison types and item-analysis flags, the level 3/4
wording, the report's generated prose and headings, the table rows and notes, and the methods
paragraph.  Numbers are filled in by the report modules; thresholds, levels and α come from the
parameters.  The small helpers below look words up in the table (:func:`label`,
:func:`item_flag`, :func:`bacon_type`) or format numbers inside sentences.
"""

from __future__ import annotations

from cslib.core.i18n import LABELS, Phrases, clause_separator, format_number
from cslib.core.i18n import label as core_label

PHRASES = Phrases(
    {
        # ---- display names (see NAME_KEYS)
        "micro": ("微课", "Micro-course"),
        "classroom": ("传统课堂", "Classroom"),
        "front_line": ("一线员工", "Front line"),
        "back_office": ("后台人员", "Back office"),
        "overall": ("总体", "Overall"),
        "satisfaction": ("满意率", "Satisfaction rate"),
        "helpful": ("认为有帮助的比例", "Found it helpful"),
        "pre": ("前测", "Pre-test"),
        "post": ("后测", "Post-test"),
        "delayed": ("延迟测", "Delayed test"),
        "rel_week": ("相对培训周(周)", "Weeks relative to training"),
        "effect": ("与未培训坐席相比的变化", "Change vs untrained agents"),
        "course": ("课程", "Course"),
        "reaction": ("反应层（满意度）", "Reaction (satisfaction)"),
        "learning": ("学习层（测验）", "Learning (tests)"),
        "behaviour": ("行为层（质检得分）", "Behaviour (QA score)"),
        "results": ("结果层（业务指标）", "Results (KPIs)"),
        "difficulty": ("难度(答对率)", "Difficulty (share correct)"),
        "discrimination": ("区分度(校正题总相关)", "Discrimination (item–rest r)"),
        "score": ("得分", "Score"),
        "week": ("周", "Week"),
        "team": ("班组", "Team"),
        "before": ("培训前", "Before"),
        "after": ("培训后", "After"),
        # ---- outcomes (cslib.effectiveness.results.OUTCOMES)
        "outcome_test_score": ("测验得分", "Test score"),
        "outcome_qa_score": ("质检得分", "QA score"),
        "outcome_qa_pass_rate": ("质检合格率(%)", "QA pass rate (%)"),
        "outcome_repeat_tickets": ("重复工单(件/人/周)", "Repeat tickets (per agent-week)"),
        "outcome_aht_s": ("平均处理时长(秒)", "Average handle time (s)"),
        "outcome_csat": ("客户满意度(%)", "Customer satisfaction (%)"),
        "outcome_sales_conversion": ("营销成功率(%)", "Sales conversion (%)"),
        # ---- Goodman-Bacon comparison types (values of BaconResult.table["type"])
        "bacon_type_treated_vs_never_treated": ("已培训 vs 从未培训", "treated vs never treated"),
        "bacon_type_earlier_vs_later_not_yet_treated": (
            "先培训 vs 后培训（尚未培训作对照）",
            "earlier vs later (not yet treated)",
        ),
        "bacon_type_later_vs_earlier_already_treated": (
            "后培训 vs 先培训（已培训作对照）",
            "later vs earlier (already treated)",
        ),
        "bacon_type_later_vs_always_treated": ("后培训 vs 一直已培训", "later vs always treated"),
        # ---- item-analysis flags (texts of cslib.stats.items.item_analysis)
        "item_flag_too_easy": ("太容易", "too easy"),
        "item_flag_too_hard": ("太难", "too hard"),
        "item_flag_negative_discrimination_check_the_answer_key": (
            "区分度为负（请核对标准答案）",
            "negative discrimination (check the answer key)",
        ),
        "item_flag_weak_discrimination": ("区分度弱", "weak discrimination"),
        # ---- level 3/4: why an effect cannot be estimated, cautions, estimator names
        "not_estimable": ("无法估计：{why}", "cannot be estimated: {why}"),
        "no_treated": ("数据中没有人参加该课程", "nobody in the weekly data took this course"),
        "no_comparison": (
            "培训后的各周没有尚未培训（或从未培训）的坐席可作对照，课程效果与当周所有人共同的变化无法区分",
            "in the weeks after training there are no agents not yet (or never) trained to "
            "compare with, so the course's effect cannot be told apart from what changed for "
            "everyone in those weeks",
        ),
        "too_few_units": (
            "所比较的周内已培训或对照坐席不足2人，无法估计标准误",
            "fewer than 2 trained or comparison agents were observed in the weeks compared, "
            "too few for a standard error",
        ),
        "cohort_too_small": (
            "每个培训批次（同一周培训的坐席）都少于 {min_cohort} 人",
            "every training cohort (agents trained in the same week) has fewer than "
            "{min_cohort} agents",
        ),
        "no_pre_period": (
            "培训前没有数据周，没有“培训前”可比",
            "there are no weeks of data before training, so there is no 'before' to compare with",
        ),
        "outcome_constant": (
            "该指标在每名坐席各周之间都没有变化，效果无从定义",
            "the outcome does not vary over the weeks for any agent, so an effect is undefined",
        ),
        "few_treated_clusters": (
            "参加培训（或未参加）的聚类单位少于 {min_treated} 个，聚类稳健标准误在这种情况下严重低估不确定性"
            "（MacKinnon & Webb 2017），因此不报告 p 值和置信区间",
            "fewer than {min_treated} trained (or untrained) clusters: cluster-robust standard errors "
            "badly understate the uncertainty with so few (MacKinnon & Webb 2017), so no "
            "p-value or interval is reported",
        ),
        "collinear": (
            "培训指标与坐席和周的固定效应完全共线（例如所有人同一周培训且没有未培训坐席）",
            "the training dummy is a combination of agent and week effects (e.g. everyone "
            "trained in the same week and nobody untrained)",
        ),
        "pretrend_warn": (
            "；注意：培训前已与对照组有差异（培训前各周联合检验 {p}），该估计需谨慎解读",
            "; caution: trained and comparison agents already differed before training "
            "(joint pre-training test {p}), so read this estimate with care",
        ),
        "estimator_cs": (
            "交错双重差分（Callaway–Sant'Anna，对照组：{control}）",
            "staggered difference-in-differences (Callaway–Sant'Anna, comparison: {control})",
        ),
        "pretest_no_pre_cells": (
            "每个参与估计的批次在培训前都只有一周数据，没有可检验的培训前效应",
            "every estimated cohort has a single week before training, so there are no "
            "pre-training effects to test",
        ),
        "pretest_singular": (
            "培训前估计值的协方差矩阵奇异（估计值个数不少于坐席聚类数），无法做联合检验",
            "the covariance of the pre-training estimates is singular (as many estimates as "
            "agent clusters or more), so there is no joint test",
        ),
        "nevertreated": ("从未培训的坐席", "never-trained agents"),
        "notyettreated": ("尚未培训或从未培训的坐席", "agents not yet or never trained"),
        # ---- verdicts on one estimate (cslib.effectiveness.verdicts)
        "verdict_insufficient": ("数据不足，无法检验", "too few data to test"),
        "verdict_no_variance": (
            "无法检验：每个人的变化都相同（{est}），数据没有变异，给不出 p 值和置信区间",
            "cannot be tested: every change is the same ({est}), so the data have no variance "
            "to give a p-value or an interval",
        ),
        "verdict_ci": ("{lo} ~ {hi}{unit}", "{lo} to {hi}{unit}"),
        "verdict_improved": (
            "有改善，经{method}校正后仍显著（估计 {est}，{conf}置信区间 {ci}，校正后{p}）",
            "improved, significant after {method} correction (estimate {est}, {conf} CI {ci}, "
            "adjusted {p})",
        ),
        "verdict_worsened": (
            "变差，经{method}校正后仍显著（估计 {est}，{conf}置信区间 {ci}，校正后{p}）",
            "worsened, significant after {method} correction (estimate {est}, {conf} CI {ci}, "
            "adjusted {p})",
        ),
        "verdict_unadjusted_only": (
            "经{method}校正后未发现变化的证据（估计 {est}，未校正{conf}置信区间 {ci}，未校正{p_raw}，"
            "校正后{p}）：只在不校正多重比较时显著，不足以认定有变化",
            "no evidence of change after {method} correction (estimate {est}, unadjusted {conf} "
            "CI {ci}, unadjusted {p_raw}, adjusted {p}): significant only without correcting for "
            "multiple comparisons, not enough to claim a change",
        ),
        "verdict_no_evidence": (
            "未发现变化的证据（估计 {est}，{conf}置信区间 {ci}，校正后{p}）；"
            "这不等于证明“没有效果”，区间内的变化都与数据相容",
            "no evidence of change (estimate {est}, {conf} CI {ci}, adjusted {p}); this does not "
            "prove there is no effect — changes within the interval remain compatible with the "
            "data",
        ),
        # ---- generated prose, headings and figure titles of the report
        "course_head": ("### {cid} {title}（{fmt}）", "### {cid} {title} ({fmt})"),
        "item": ("- **{name}**：{text}", "- **{name}**: {text}"),
        "rate": (
            "{rate}（{k}/{n}，{conf}置信区间 {lo}–{hi}）",
            "{rate} ({k}/{n}, {conf} CI {lo} to {hi})",
        ),
        "learning_numbers": (
            "n = {n}，前测 {pre} → 后测 {post}，d_z = {dz}，Hedges g_av = {gav}，Hake 归一化增益 {hake}；{verdict}",
            "n = {n}, pre {pre} → post {post}, d_z = {dz}, Hedges' g_av = {gav}, Hake gain {hake}; {verdict}",
        ),
        "hake_undefined": (
            "无法计算，因为前测均值已是满分",
            "undefined, because the pre-test mean is already the maximum score",
        ),
        "es_undefined": (
            "无法计算（所有学员的前后变化相同，变化的标准差为 0）",
            "undefined (every learner changed by the same amount, so the SD of the change is 0)",
        ),
        "retention": (
            "- 延迟测（n = {n}）：保持了 {kept} 的学习增益",
            "- Delayed test (n = {n}): {kept} of the learning gain retained",
        ),
        "retention_undefined": (
            "- 延迟测（n = {n}）：保持比例无法计算，因为平均没有学习增益可保持",
            "- Delayed test (n = {n}): the share retained is undefined, because there was no "
            "average learning gain to keep",
        ),
        "items_to_review": ("- 需复查的测验题：{items}", "- Test questions to review: {items}"),
        "results_name": ("{results}（{kpi}）", "{results} ({kpi})"),
        "verdict_line": ("**结论**：{text}", "**Verdict**: {text}"),
        "effective": (
            "有证据表明该课程有效：测验成绩和在岗表现/业务指标均有显著改善。",
            "Evidence that the course works: test scores and on-the-job measures improved "
            "significantly.",
        ),
        "partial": (
            "部分证据：有的层级显著改善，有的层级未发现变化的证据。",
            "Partial evidence: some levels improved significantly, others show no evidence of "
            "change.",
        ),
        "no_evidence": (
            "未发现该课程带来变化的证据（学习、行为和结果层均不显著）；建议复查课程内容与测验，"
            "而不是下结论说课程“无效”。",
            "No evidence that the course changed anything (learning, behaviour and results not "
            "significant); review the course and its test rather than declaring it useless.",
        ),
        "insufficient": ("数据不足，暂不能评价。", "Too few data to judge yet."),
        "mixed": (
            "结果不一致：至少一个层级显著变差，需要查明原因（例如培训占用了接线时间）。",
            "Mixed: at least one level got significantly worse; find out why (e.g. training "
            "time taken from the phones).",
        ),
        "quoted": ("《{t}》", "“{t}”"),
        "none": ("（无）", "(none)"),
        # level 1
        "l1_one_respondent": (
            "学员反应问卷只有 {n} 人作答：一个人的回答不能代表员工整体，因此不给出满意率或"
            "“认为有帮助”的比例，也不比较微课与传统课堂。",
            "Only {n} person answered the reaction survey: one person's answers do not stand for "
            "the staff, so no satisfaction or 'helpful' rate and no micro-course vs classroom "
            "comparison is given.",
        ),
        "l1_none": (
            "没有同时包含微课和传统课堂的问卷，无法比较两种形式。",
            "The survey does not cover both micro-courses and classroom courses; no comparison.",
        ),
        "l1_rates": (
            "微课满意率 {rm}（{km}/{nm}），传统课堂 {rc}（{kc}/{nc}），相差 {diff} 个百分点"
            "（Newcombe {conf}置信区间 {lo} ~ {hi}），两比例z检验（正态近似） {p}。",
            "Micro-course satisfaction {rm} ({km}/{nm}) vs classroom {rc} ({kc}/{nc}): "
            "difference {diff} points (Newcombe {conf} CI {lo} to {hi}), two-proportion z test "
            "(normal approximation) {p}. ",
        ),
        "l1_sig": (
            "在显著性水平 α = {alpha} 下差异**显著**。",
            "The difference is **significant** at α = {alpha}. ",
        ),
        "l1_nonsig": (
            "在显著性水平 α = {alpha} 下差异**不显著**，不能说微课满意度更高。",
            "The difference is **not significant** at α = {alpha}. ",
        ),
        "l1_n": (
            "要在 α = {alpha}、把握度 {power} 下检测出这样大小的差异，每组约需 {n} 份问卷；"
            "按当前样本量，微课满意率至少要比传统课堂高 {mdd} 个百分点才能以同样把握检测出来。",
            "Detecting a difference this size at α = {alpha} with {power} power needs about {n} "
            "responses per group; with the present numbers, micro-course satisfaction must "
            "exceed the classroom rate by at least {mdd} points to be detected with the same "
            "power.",
        ),
        # summary box
        "summary": ("摘要", "Summary"),
        "findings": ("**主要发现**", "**Findings**"),
        "next_steps": ("**下一步**", "**Next steps**"),
        "f_reaction": (
            "**学员反应**：微课满意率 {rm}，传统课堂 {rc}，相差 {diff} 个百分点（{p}），"
            "在 α = {alpha} 下{sig}。",
            "**Reaction**: micro-course satisfaction {rm} vs classroom {rc}, a difference of "
            "{diff} points ({p}), {sig} at α = {alpha}.",
        ),
        "sig": ("差异显著", "significant"),
        "nonsig": ("差异不显著", "not significant"),
        "f_helpful": (
            "**学员反应**：{groups}认为微课有帮助。",
            "**Reaction**: found the micro-courses helpful — {groups}.",
        ),
        "helpful_group": ("{g} {rate}", "{g} {rate}"),
        "f_effective": (
            "**有证据有效的课程**（{k}/{n}）：{names}——测验成绩提高，且在岗质检得分/业务指标与同期未培训坐席相比有显著改善。",
            "**Courses with evidence of effect** ({k} of {n}): {names} — test scores rose and "
            "on-the-job QA/KPIs improved relative to agents not yet trained.",
        ),
        "f_partial": (
            "**部分有证据的课程**（{k}/{n}）：{names}——至少一个层级显著改善，其余层级未发现变化的证据。",
            "**Partial evidence** ({k} of {n}): {names} — at least one level improved "
            "significantly, others show no evidence of change.",
        ),
        "f_mixed": (
            "**结果不一致的课程**（{k}/{n}）：{names}——至少一个层级显著变差，需要查明原因。",
            "**Mixed results** ({k} of {n}): {names} — at least one level got significantly "
            "worse; find out why.",
        ),
        "f_no_evidence": (
            "**未发现效果证据的课程**（{k}/{n}）：{names}——测验和在岗指标均未见显著变化。"
            "这不能证明课程“没用”，但提示应复查课程内容、练习设计和测验题。",
            "**No evidence of change** ({k} of {n}): {names} — neither tests nor on-the-job "
            "measures changed significantly. This does not prove the course is useless; review "
            "its content, practice and test.",
        ),
        "f_insufficient": (
            "**数据不足的课程**（{k}/{n}）：{names}。",
            "**Too few data** ({k} of {n}): {names}.",
        ),
        "f_method": (
            "**读法提示**：行为层和结果层的结论依据{estimator}：每个培训批次与同期尚未受训的坐席比较培训前后的变化，"
            "再按批次人数平均；双向固定效应估计只作为稳健性对照（交错培训且效果随时间变化时它可能有偏）。"
            "这些是与培训相关的变化，而非严格的因果证明；所有显著性都已做{method}多重比较校正（α = {alpha}）。",
            "**How to read this**: the level 3/4 conclusions rest on {estimator}: each training "
            "cohort's before/after change is compared with that of agents not trained by then, "
            "and the cohorts are averaged by size; the two-way fixed-effects estimate is kept "
            "only as a robustness check (it can be biased when training is staggered and effects "
            "change over time). These are changes associated with training, not proof of "
            "causation; all significance statements are {method}-corrected for multiple "
            "comparisons (α = {alpha}).",
        ),
        "s_items": (
            "下一期开课前修改被标记的测验题：{items}（太容易、太难或区分度低，会让测验量不准学习效果）。",
            "Before the next run, revise the flagged test questions: {items} (too easy, too hard "
            "or weakly discriminating, so the test cannot measure learning well).",
        ),
        "s_kr20": (
            "{courses}的测验信度 KR-20 低于 {kr20}，结论前应先改进测验（增加或替换题目）。",
            "The tests of {courses} have KR-20 below {kr20}; improve the test (add or replace "
            "questions) before relying on its scores.",
        ),
        "s_review": (
            "复查{names}的课程内容和练习设计，再决定是否继续开课。",
            "Review the content and practice of {names} before deciding whether to keep running "
            "them.",
        ),
        "s_mixed": (
            "查明{names}在某个层级变差的原因（例如培训占用了接线时间）。",
            "Find out why {names} got worse at some level (e.g. training time taken from the "
            "phones).",
        ),
        "s_sample": (
            "下一批测验人数：要以把握度 {power} 检测出 {gain} 分的提升，{courses}。",
            "Next cohort's test sample: to detect a {gain}-point gain with {power} power, "
            "{courses}.",
        ),
        "s_sample_course": (
            "{cid} 需 {need} 人（本期 {now} 人）",
            "{cid} needs {need} (now {now})",
        ),
        "s_pretrend": (
            "{names}在培训前已与对照坐席有差异（培训前检验 p < α = {alpha}），其行为/结果层结论需谨慎使用。",
            "{names} already differed from the comparison agents before training (pre-training "
            "test p < α = {alpha}); use their behaviour/results conclusions with care.",
        ),
        "item_rules": (
            "难度 = 答对率（> {easy} 太容易，< {hard} 太难）；区分度 = 该题与“其余各题总分”的相关"
            "（< {disc} 区分度弱，< 0 多半是答案设错了）；**KR-20** 是整份测验的信度（≥ {kr20} 一般可接受）。"
            "被标记的题目应在下一期前修改。",
            "Difficulty = share correct (> {easy} too easy, < {hard} too hard); discrimination = "
            "correlation with the rest of the test (< {disc} weak, < 0 check the answer key); "
            "**KR-20** = reliability of the whole test (≥ {kr20} usually acceptable). Flagged "
            "questions should be revised before the next run.",
        ),
        "team_window": (
            "每个班组在培训周前后各 {weeks} 周的平均值（重复工单为每 4 周的班组合计）；表中是“培训后 − 培训前”的变化，"
            "培训前后的数值在链接的完整表里。这是描述，不扣除同期的整体变化；扣除后的估计见上面的双重差分。",
            "Per team, {weeks} weeks before vs {weeks} weeks after its training week (repeat "
            "tickets = team total per 4 weeks); the table shows the change after − before, the "
            "before and after values are in the linked full table. Descriptive only; the "
            "difference-in-differences above nets out common changes.",
        ),
        "s_keep": (
            "继续按当前数据格式收集每周质检和业务指标，下一期重新运行本报告。",
            "Keep collecting weekly QA and KPI data in the present format and rerun this report "
            "after the next cycle.",
        ),
        # notebook 03: headings, notes and figure titles between the generated tables
        "no_excluded": ("没有未纳入分析的行。", "No rows were left out."),
        "helpful_head": ("**认为微课有帮助的比例**", "**Found the micro-courses helpful**"),
        "fig_rates": (
            "各课程满意率及{conf}置信区间（虚线 = 微课总体）",
            "Satisfaction rate per course with {conf} CI (dashed: all micro-courses)",
        ),
        "series_head": ("**按系列的满意率**", "**Satisfaction by series**"),
        "likert_head": ("**各题平均分（1–5）**", "**Mean Likert item scores (1–5)**"),
        "effect_sizes_head": ("**效应量**", "**Effect sizes**"),
        "fig_learning": (
            "前测与后测平均分（红色短条 = 提升的{conf}置信区间，数字 = 平均提升）",
            "Mean pre- and post-test score (red bar: {conf} CI of the gain; number: mean gain)",
        ),
        "no_retention": ("没有延迟测数据。", "No delayed tests."),
        "blank_discrimination": (
            "区分度空白的题：所有人都答对（或都答错），区分度无法计算。",
            "Blank discrimination: everyone answered the question the same way, so it is "
            "undefined.",
        ),
        "fig_items": (
            "{course}：各题难度与区分度（红色 = 需复查）",
            "{course}: difficulty and discrimination (red: to review)",
        ),
        "cs_head": (
            "**主要结果：Callaway–Sant'Anna 平均处理效应（培训后各周平均）**，对照组 = {control}；"
            "基期为变动基期（与 Callaway–Sant'Anna 原作者程序的默认设置相同）：培训后各周与培训前"
            "最后一周比较，"
            "培训前各周与其前一周比较",
            "**Primary result: Callaway–Sant'Anna average effect over the weeks after training**, "
            "comparison = {control}; base period: varying (the default of the authors' R "
            "package did): "
            "weeks after training are compared with the last week before it, weeks before "
            "training with the week before each",
        ),
        "estimates_head": (
            "**估计值**（重复工单和处理时长越低越好；空白 = 无法估计，原因见下）",
            "**Estimates** (lower is better for repeat tickets and handle time; blank = cannot be "
            "estimated, see below)",
        ),
        "padj_head": ("**校正后 p 值**", "**Adjusted p-values**"),
        "qa_detail_head": (
            "**质检得分详表**（最小可检测效应 = 按当前数据以 {power:.0%} 把握能检测出的最小效果）",
            "**QA score in detail** (smallest detectable effect = the smallest effect these data "
            "detect with {power:.0%} power)",
        ),
        "not_estimable_line": ("- {course} · {outcome}：{why}", "- {course} · {outcome}: {why}"),
        "no_weekly": (
            "没有每周质检/业务指标数据，跳过第3–4层。",
            "No weekly QA/KPI data: levels 3–4 skipped.",
        ),
        "fig_event_time": (
            "{course}：质检得分按距培训周数的变化",
            "{course}: QA score change by weeks since training",
        ),
        "cs_pretest": (
            "培训前各周联合检验：χ²({df}) = {statistic:.2f}，{p}（α = {alpha:g}）。{verdict}",
            "Joint test of the pre-training weeks: χ²({df}) = {statistic:.2f}, {p} "
            "(α = {alpha:g}). {verdict}",
        ),
        "no_pre_difference": ("未见培训前已有差异。", "No sign of pre-existing differences."),
        "pre_difference": (
            "培训前已有差异，结果需谨慎解读。",
            "Pre-training differences: read the estimates with caution.",
        ),
        "pretest_undefined": (
            "培训前检验无法进行：{why}",
            "The pre-training test cannot be done: {why}",
        ),
        "no_event_time": ("没有事件时间结果。", "No event-time results."),
        "twfe_head": (
            "**双向固定效应估计值**（对照）",
            "**Two-way fixed-effects estimates** (comparison)",
        ),
        "fig_did": (
            "双向固定效应：质检得分的变化及{conf}置信区间（实心 = 校正后显著）",
            "Two-way fixed effects: QA score change with {conf} CI (filled: significant after "
            "adjustment)",
        ),
        "bacon": (
            "**{course} 质检得分的 Goodman-Bacon 分解**：{n_units} 名每周都有数据的坐席"
            "（另有 {n_dropped} 名缺周未纳入）；单课程双向固定效应 = {twfe:.3f}，"
            "各 2×2 估计按权重加总 = {estimate:.3f}；以已培训坐席作对照的比较占权重 {already:.0%}。",
            "**Goodman-Bacon decomposition, {course}, QA score**: {n_units} agents observed every "
            "week ({n_dropped} with gaps left out); single-course two-way fixed effects = "
            "{twfe:.3f}, weighted sum of the 2×2 estimates = {estimate:.3f}; comparisons with "
            "already-trained controls carry {already:.0%} of the weight.",
        ),
        "fig_bacon": (
            "{course}：各 2×2 比较的估计值与权重（虚线 = 双向固定效应）",
            "{course}: 2×2 estimates and their weights (dashed: two-way fixed effects)",
        ),
        "no_bacon": ("Goodman-Bacon 分解无法进行：{why}", "No Goodman-Bacon decomposition: {why}"),
        # codes of cslib.stats.bacon.BaconReason (a test checks every code has a phrase)
        "bacon_reason_unbalanced": (
            "没有一名坐席在每一周都有数据（该分解需要平衡面板）",
            "no agent is observed in every week (the decomposition needs a balanced panel)",
        ),
        "bacon_reason_no_variation": (
            "去除坐席和周的固定效应后，培训指标不再变化（所有人在同一周培训，或没有人培训）",
            "the treatment does not vary after removing agent and week effects (everyone "
            "trained in the same week, or nobody trained)",
        ),
        "event_study_undefined": (
            "双向固定效应事件研究无法估计培训前各周（相对周哑变量与周固定效应共线或没有培训前数据），"
            "不给检验结果。",
            "The two-way fixed-effects event study cannot estimate the pre-training weeks "
            "(relative-week dummies collinear with week effects, or no pre-training data); no "
            "test is reported.",
        ),
        "fig_event_study": (
            "{course}：双向固定效应事件研究（阴影 = {conf}置信区间）",
            "{course}: two-way fixed-effects event study (shading: {conf} CI)",
        ),
        "event_study_pretest": (
            "培训前各周联合检验（平行趋势）：F = {statistic:.2f}，{p}（α = {alpha:g}）。{verdict}",
            "Joint test of the pre-training weeks (parallel trends): F = {statistic:.2f}, {p} "
            "(α = {alpha:g}). {verdict}",
        ),
        "did_pre_difference": (
            "培训前已有差异，双重差分结果需谨慎解读。",
            "Pre-training differences: read the difference-in-differences with caution.",
        ),
        "no_event_study": ("没有事件研究结果。", "No event study."),
        "full_table": ("完整表：{link}", "Full table: {link}"),
        "fig_team": (
            "各班组培训前后的平均处理时长（数字 = 变化，秒）",
            "Average handle time per team before and after training (number: change, s)",
        ),
        "no_team": ("没有班组前后对比。", "No team table."),
        # ---- rows and notes of the report-ready tables (cslib.effectiveness.tables)
        "courses": ("课程数", "Courses"),
        "attendances": ("出勤记录", "Attendance records"),
        "agents": ("参训坐席", "Agents attending"),
        "rows_l1": ("反应层问卷", "Level 1 responses"),
        "rows_l2": ("学习层测验成绩", "Level 2 test scores"),
        "weekly": ("每周数据（坐席×周）", "Weekly records (agent-weeks)"),
        "excluded": ("未纳入分析的行（见下）", "Rows left out (see below)"),
        "repeat_tickets_team": (
            "重复工单(班组每4周合计)",
            "Repeat tickets (team total per 4 weeks)",
        ),
        "untrained_teams": (
            "{teams} 在数据期内未参加该课程，没有培训前后可比，未列出。",
            "{teams} did not take the course in the period covered, so they have no before/after "
            "and are not listed.",
        ),
        "no post-test to pair with": ("没有可配对的后测", "no post-test to pair with"),
        "no pre-test to pair with": ("没有可配对的前测", "no pre-test to pair with"),
        "no delayed-test to pair with": ("没有可配对的延迟测", "no delayed test to pair with"),
        "no attendance record for this agent and course": (
            "该坐席没有这门课程的出勤记录",
            "no attendance record for this agent and course",
        ),
        "duplicate answers for this agent, course and test": (
            "同一坐席、课程和测验的重复作答",
            "duplicate answers for this agent, course and test",
        ),
        # ---- the methods paragraph (cslib.effectiveness.methods)
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
        # ---- pretrend_marks ------------------------------------------------
        "note": (
            "{mark} 培训前检验拒绝平行趋势（p < α = {alpha}）：该课程该指标的效应需谨慎使用——{items}。",
            "{mark} the pre-training test rejects parallel trends (p < α = {alpha}); use these "
            "effects with care — {items}.",
        ),
        "pretrend_item": ("{course} {outcome}（{p}）", "{course} {outcome} ({p})"),
        "pretrend_none": (
            "所有课程和指标的培训前检验均未拒绝平行趋势（α = {alpha}）。",
            "No course and outcome fails the pre-training test (α = {alpha}).",
        ),
    }
)

#: Keys of :data:`PHRASES` that are display names of codes (what :func:`label` may return).
NAME_KEYS = frozenset(
    {
        "micro",
        "classroom",
        "front_line",
        "back_office",
        "overall",
        "satisfaction",
        "helpful",
        "pre",
        "post",
        "delayed",
        "rel_week",
        "effect",
        "course",
        "reaction",
        "learning",
        "behaviour",
        "results",
        "difficulty",
        "discrimination",
        "score",
        "week",
        "team",
        "before",
        "after",
    }
)

#: Goodman-Bacon comparison type (as :mod:`cslib.stats.bacon` names it) → phrase key.
BACON_TYPE_KEYS = {
    "treated vs never treated": "bacon_type_treated_vs_never_treated",
    "earlier vs later (not yet treated)": "bacon_type_earlier_vs_later_not_yet_treated",
    "later vs earlier (already treated)": "bacon_type_later_vs_earlier_already_treated",
    "later vs always treated": "bacon_type_later_vs_always_treated",
}

#: Item-analysis flag (as :func:`cslib.stats.items.item_analysis` writes it) → phrase key.
ITEM_FLAG_KEYS = {
    "too easy": "item_flag_too_easy",
    "too hard": "item_flag_too_hard",
    "negative discrimination (check the answer key)": "item_flag_negative_discrimination_check_the_answer_key",
    "weak discrimination": "item_flag_weak_discrimination",
}


def label(key: str, lang: str = "zh") -> str:
    """Display label of ``key``: an outcome, a display name of :data:`PHRASES`, or a column
    label of :data:`cslib.core.i18n.LABELS`.  An unknown key is an error, so internal names
    never reach a report.

    Examples
    --------
    >>> label("aht_s", "en"), label("classroom", "zh"), label("estimate", "en")
    ('Average handle time (s)', '传统课堂', 'Estimate')
    """
    if f"outcome_{key}" in PHRASES:
        return PHRASES(f"outcome_{key}", lang)
    if key in NAME_KEYS:
        return PHRASES(key, lang)
    if key in LABELS:
        return core_label(key, lang)
    raise KeyError(f"no display label for {key!r}")


def item_flag(flag: str, lang: str = "zh") -> str:
    """An item-analysis flag (``"; "``-separated texts) in ``lang``.

    Examples
    --------
    >>> item_flag("too easy; weak discrimination", "zh")
    '太容易；区分度弱'
    """
    parts = [PHRASES(ITEM_FLAG_KEYS[f], lang) for f in flag.split("; ") if f]
    return clause_separator(lang).join(parts)


def bacon_type(comparison: str, lang: str = "zh") -> str:
    """A Goodman-Bacon comparison type in ``lang``.

    Examples
    --------
    >>> bacon_type("treated vs never treated", "zh")
    '已培训 vs 从未培训'
    """
    return PHRASES(BACON_TYPE_KEYS[comparison], lang)


def bacon_reason(code: str, lang: str = "zh") -> str:
    """Why the Goodman-Bacon decomposition is undefined (a :class:`cslib.stats.bacon.
    BaconReason`), in ``lang``.

    Examples
    --------
    >>> bacon_reason("no_variation", "en")[:36]
    'the treatment does not vary after re'
    """
    return PHRASES(f"bacon_reason_{code}", lang)


def percent(x: float, digits: int = 1) -> str:
    """A share as per cent inside a sentence (``0.123`` → ``12.3%``); NaN is refused."""
    return format_number(x, digits, percent=True)


def confidence_text(level: float) -> str:
    """A confidence level as people write it: 95%, 99%, 99.5% (never rounded up to 100%)."""
    return f"{100 * level:g}%"
