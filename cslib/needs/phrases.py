"""The one zh/en phrase table of notebook 04 (training needs).

Every user-facing word of :mod:`cslib.needs` comes from :data:`PHRASES`, in sections: the
summary box, report tables and captions (unprefixed, :mod:`cslib.needs.report`), and, with
their key prefix, the training-plan workbook (``plan_``, :mod:`cslib.needs.plan`), the
course-choice sentences (``choice_``, :mod:`cslib.needs.choice`), figure labels
(``figure_``, :mod:`cslib.needs.figures`), the methods paragraph (``methods_``,
:mod:`cslib.needs.methods`) and the 360° sources' names (``source_``,
:func:`cslib.needs.assessment.source_label`).

Thresholds and numbers are filled in from parameters and results (``{…}`` fields).
"""

from __future__ import annotations

from cslib.core.i18n import Phrases

PHRASES = Phrases(
    {
        # ---- summary box (cslib.needs.report)
        "summary": ("摘要", "Summary"),
        "next_steps": ("下一步", "Next steps"),
        "levels": (
            "本次共评估{n}名坐席，综合胜任力得分率平均为{mean}（中间一半人员在{q1}至{q3}之间）；"
            "等级分布：{levels}。",
            "{n} agents were assessed; their composite score averages {mean} of full marks "
            "(middle half {q1} to {q3}). Levels: {levels}.",
        ),
        "level_item": ("{level}（{band}）{count}人", "{level} ({band}) {count}"),
        "band_top": ("≥{lower}", "≥ {lower}"),
        "band_mid": ("{lower}–{upper}", "{lower}–{upper}"),
        "band_low": ("<{upper}", "< {upper}"),
        "gaps_one_team": (
            "对照“{post}”岗位目标，平均差距最大的指标是“{indicator}”（平均差距{gap}分，"
            "{below}的坐席未达目标{target}分）；数据只有一个班组（{team}），无法比较班组，"
            "其加权差距中最大的一项是“{team_indicator}”（{share}）。",
            "Against the {post} target profile, the largest mean gap is on {indicator} "
            "({gap} points; {below} of agents are below the target of {target}); the data hold "
            "one team only ({team}), so teams cannot be compared; its largest weighted gap is "
            "on {team_indicator} ({share}).",
        ),
        "team_total": ("该班组加权差距总和", "team's total weighted gap"),
        "ranks_undefined": (
            "各来源权重下的需求排序无法比较：各指标的培训需求值完全相同（例如所有评分都已达到目标），"
            "排序相关系数无定义。",
            "The needs rankings under the other weight sources cannot be compared: every "
            "indicator has the same need (e.g. every rating already meets its target), so the "
            "rank correlation is undefined.",
        ),
        "gaps": (
            "对照“{post}”岗位目标，平均差距最大的指标是“{indicator}”（平均差距{gap}分，"
            "{below}的坐席未达目标{target}分）；加权差距最大的班组是{team}，其中最大的一项是"
            "“{team_indicator}”（{share}）。",
            "Against the {post} target profile, the largest mean gap is on {indicator} "
            "({gap} points; {below} of agents are below the target of {target}); team {team} "
            "has the largest total weighted gap, its largest part on {team_indicator} ({share}).",
        ),
        "needs": (
            "按“指标权重 × 平均差距”排序（权重：{source}），前{k}项培训需求是{items}。",
            "Ranked by weight × mean gap (weights: {source}), the top {k} training needs are "
            "{items}.",
        ),
        "need_item": (
            "“{name}”（需求值{need}，{below}未达目标）",
            "{name} (need {need}; {below} below target)",
        ),
        "courses": (
            "最常推荐给班组的课程：{items}。",
            "Courses recommended to the most teams: {items}.",
        ),
        "course_item": ("{title}（{teams}个班组）", "{title} ({teams} teams)"),
        "no_courses": (
            "课程库中没有课程针对各班组的最大差距，无法推荐课程。",
            "No catalogue course targets the teams' largest gaps, so no course is recommended.",
        ),
        "plan": (
            "培训计划为{teams}个班组排了{rows}门次课程、{places}个参训名额；"
            "微课最多排到第{weeks}周，面授课程{classroom}门次需另行排班。",
            "The plan schedules {rows} course runs for {teams} teams with {places} places; "
            "micro-courses run up to week {weeks}, and {classroom} classroom runs need a separate "
            "rostered day.",
        ),
        "robust": (
            "换用其他来源的权重，前{k}项需求不变（各来源排序的肯德尔τ_b最低为{tau}）。",
            "The top {k} needs are the same under every weight source (lowest Kendall's τ_b "
            "between rankings {tau}).",
        ),
        "not_robust": (
            "换用其他来源的权重，前{k}项需求会变化（各来源排序的肯德尔τ_b最低为{tau}），"
            "确定重点前请看第 5 节的比较表。",
            "The top {k} needs change with the weight source (lowest Kendall's τ_b between "
            "rankings {tau}); see the comparison in section 5 before fixing the priorities.",
        ),
        "step_plan": (
            "把 {file} 交给排班人员，从第 1 周起在每周早班 1 小时安排微课。",
            "Give {file} to the roster planners and start the micro-courses in the weekly "
            "1-hour early-shift slot from week 1.",
        ),
        "step_team": (
            "先从{team}班组开始，重点是“{indicator}”。",
            "Start with team {team}, focusing on {indicator}.",
        ),
        "develop_item": ("“{name}”", "{name}"),  # an indicator named in step_develop
        "step_develop": (
            "课程库中还没有针对{items}的课程：按微课开发流程（外训学习—内化—开发—试讲验收—入库）新开发微课。",
            "No catalogue course targets {items}: develop a new micro-course for it (external "
            "study, internalisation, development, trial lesson, catalogue).",
        ),
        "step_weights": (
            "重点需求依赖权重来源：与专家组确认采用哪一套权重后再定年度重点。",
            "The priorities depend on the weight source: agree with the expert panel which "
            "weights to use before fixing the year's priorities.",
        ),
        "step_reassess": (
            "培训周期结束后用同一评分表重新评估，并用效果评估报告（03）检验课程效果。",
            "Re-assess with the same rating form after the training cycle and check the "
            "courses' effect with the effectiveness report (03).",
        ),
        # ---- report tables, captions and figure data (cslib.needs.report)
        "n_agents": ("坐席人数", "Agents"),
        "n_teams": ("班组数", "Teams"),
        "n_ratings": ("评分条数", "Ratings"),
        "sources": ("评分来源", "Rating sources"),
        "n_missing": ("缺少某一来源评分的坐席", "Agents with a missing source"),
        "n_excluded": ("被剔除的坐席", "Agents excluded"),
        # ---- why combine_sources left an agent out (cslib.needs.assessment.ExclusionReason)
        "excluded_no_rating": (
            "没有任何计权来源对以下指标评分：{missing}",
            "no rating from any weighted source on {missing}",
        ),
        "excluded_missing_source": (
            "缺少评分来源：{missing}（缺失规则为“剔除”）",
            "missing source(s): {missing} (missing rule: exclude)",
        ),
        "format_micro": ("微课", "micro-course"),
        "format_classroom": ("课堂面授", "classroom"),
        "slot_weekly": ("第{week}周 每周早班1小时", "week {week}, weekly 1-hour early-shift slot"),
        "slot_weekly_n": (
            "第{week}–{last}周 每周早班1小时",
            "weeks {week}–{last}, weekly 1-hour early-shift slot",
        ),
        "slot_classroom": ("面授，需另行排班", "classroom day, rostered separately"),
        "none": ("无", "none"),
        "label_primary": ("**主要权重来源**：{source}", "**Primary weights:** {source}"),
        "label_priorities": ("**重点需求**：{items}", "**Priorities:** {items}"),
        "label_uncovered": (
            "**课程库未覆盖的重点需求（建议开发新微课）**：{items}",
            "**Top needs without a course (develop a micro-course):** {items}",
        ),
        "label_full_plan": (
            "完整计划和参训名单：[{file}]({file})",
            "Full plan and attendee lists: [{file}]({file})",
        ),
        "title_radar": ("坐席、班组与岗位目标", "Agent vs team vs target"),
        "title_heatmap": ("各班组加权差距（权重 × 差距）", "Weighted gap by team (weight × gap)"),
        "sd_undefined": (
            "无法计算，因为只有1名坐席",
            "undefined, because only one agent was assessed",
        ),
        "radar_agent": ("坐席 {agent}", "agent {agent}"),
        "radar_team": ("班组 {team} 均值", "team {team} mean"),
        "radar_target": ("岗位目标", "target"),
        "weights_renormalised": (
            "“{source}”的权重之和不是 100%，已按比例重新归一。",
            "The weights of “{source}” do not sum to 100 %; they were rescaled proportionally.",
        ),
        "caption_ranks": (
            "**各权重来源下的需求排序**（1 = 需求最大）",
            "**Rank of each need under each weight source** (1 = largest need)",
        ),
        "caption_tau": (
            "**各权重来源需求排序之间的肯德尔τ_b**（1 = 完全一致）",
            "**Kendall's τ_b between the needs rankings** (1 = identical order)",
        ),
        "stat_n": ("人数", "Agents"),
        "stat_mean": ("均值", "Mean"),
        "stat_sd": ("标准差", "SD"),
        "stat_min": ("最低", "Lowest"),
        "stat_q1": ("下四分位数", "Lower quartile"),
        "stat_median": ("中位数", "Median"),
        "stat_q3": ("上四分位数", "Upper quartile"),
        "stat_max": ("最高", "Highest"),
        # ---- training-plan workbook, keys plan_* (cslib.needs.plan)
        # headers
        "plan_team": ("班组", "Team"),
        "plan_week": ("周次", "Week"),
        "plan_start": ("开始日期", "Starts"),
        "plan_slot": ("时段", "Slot"),
        "plan_course_id": ("课程编号", "Course"),
        "plan_title": ("课程名称", "Title"),
        "plan_format": ("形式", "Format"),
        "plan_duration_min": ("时长（分钟）", "Minutes"),
        "plan_n_attendees": ("参训人数", "Attendees"),
        "plan_attendees": ("参训人员", "Attendee list"),
        "plan_indicators": ("对应指标", "Indicators"),
        "plan_agent_id": ("坐席", "Agent"),
        "plan_n_courses": ("课程数", "Courses"),
        "plan_places": ("参训人次", "Attendee places"),
        "plan_weekly_slots": ("占用每周时段数", "Weekly slots used"),
        "plan_classroom": ("需另行排班的课堂课", "Classroom courses (separate day)"),
        "plan_courses": ("课程", "Course list"),
        # sheet names
        "plan_overview": ("总览", "Overview"),
        "plan_all": ("全部班组", "All teams"),
        "plan_attendance": ("参训名单", "Attendees"),
        # values the plan produces
        "plan_micro": ("微课", "micro-course"),
        "plan_classroom_value": ("课堂面授", "classroom"),
        "plan_周早班1小时": ("周早班1小时", "weekly 1-hour early-shift slot"),
        "plan_课堂面授（需另行排班）": (
            "课堂面授（需另行排班）",
            "classroom (separate rostered day)",
        ),
        "plan_week_0": ("另行排班", "separate day"),
        # ---- course-choice sentences, keys choice_* (cslib.needs.choice)
        "choice_rule_optimal": (
            "课程选择：在{each}最多 {k} 门课程{minutes}的限制下，选出覆盖加权差距"
            "（指标权重 × 差距）之和最大的课程组合——{count}——"
            "用整数规划精确求解（不是逐项挑选）。{micro}并列时依次取：{avoid}总时长较短、课程较少、"
            "课程库中靠前者。",
            "Course choice: for {each}, the combination of at most {k} courses{minutes} "
            "that covers the largest weighted gap (indicator weight × gap) — "
            "{count} — solved exactly as an integer programme (not pick by "
            "pick). {micro}Ties go to {avoid}fewer minutes, then fewer courses, then the "
            "course listed first in the catalogue.",
        ),
        "choice_rule_greedy": (
            "课程选择：按{each}最大的 {k} 项差距逐项各选一门课程（按设置采用原先的逐项规则）。"
            "这一规则不保证覆盖最多的差距。",
            "Course choice: one course for each of the {k} largest gaps of {each} in turn "
            "(the earlier pick-by-pick rule, as set). This rule does not guarantee the largest "
            "weighted gap covered.",
        ),
        "choice_unit_agent": ("坐席", "agents"),
        "choice_unit_team": ("班组", "teams"),
        "choice_each_agent": ("每名坐席", "each agent"),
        "choice_each_team": ("每个班组", "each team"),
        "choice_count_once": ("每项指标的差距只计一次", "each indicator's gap counted once"),
        "choice_minutes": ("、合计不超过 {m} 分钟", " and {m} minutes"),
        "choice_repeat": (
            "同一指标的第一门课程计其全部差距，第二门计 {d}、第三门计 {d2}",
            "the first course on an indicator counts its whole gap, a second {d} of it, a "
            "third {d2}",
        ),
        "choice_micro": (
            "面授课程只计入没有任何微课针对的指标。",
            "A classroom course counts only for indicators no micro-course targets. ",
        ),
        "choice_avoid": (
            "较少使用暂缓课程（{courses}）、",
            "fewer deferred courses ({courses}), then ",
        ),
        "choice_excluded": (
            "按设置不纳入选择的课程：{courses}。",
            "Courses left out of the choice as set: {courses}.",
        ),
        "choice_gain": (
            "与原先逐项挑课的规则相比，全部{unit}被覆盖的加权差距从 {before} 提高到 "
            "{after}（占全部加权差距的 {share_before} → {share_after}，多覆盖 {gain}）；"
            "覆盖更多的{unit}：{better}，更少的：{worse}。",
            "Compared with the earlier pick-by-pick rule, the weighted gap covered over all "
            "{unit} rises from {before} to {after} ({share_before} → {share_after} of all "
            "weighted gap, {gain} more); {unit} with more covered: {better}, with less: "
            "{worse}.",
        ),
        # ---- figure labels, keys figure_* (cslib.needs.figures)
        "figure_scale": ("评分（{lo}–{hi} 分）", "Score ({lo}–{hi})"),
        "figure_gap_unit": ("加权差距（权重 × 差距）", "Weighted gap (weight × gap)"),
        "figure_team": ("班组", "Team"),
        "figure_indicator": ("指标", "Indicator"),
        # ---- methods paragraph, keys methods_* (cslib.needs.methods)
        "methods_ratings": (
            "{n_agents} 名坐席（{n_teams} 个班组）在 {n_items} 个指标上由{sources}按 {lo}–{hi} 分"
            "评分（360° 评估）；各来源按权重合成为指标得分：{weights}。{missing}",
            "{n_agents} agents in {n_teams} teams were rated on {n_items} indicators by "
            "{sources} on a {lo}–{hi} scale (360° assessment); the sources were combined with "
            "the weights {weights}. {missing}",
        ),
        "methods_missing_renormalise": (
            "缺少某一来源的评分时，其余来源的权重重新归一，受影响的评分在报告中列出。",
            "Where a source was missing, the other sources' weights were renormalised and the "
            "ratings affected are listed.",
        ),
        "methods_missing_exclude": (
            "缺少某一来源的评分时，该坐席该指标的评分被剔除，并在报告中列出。",
            "Where a source was missing, that agent's rating of that indicator was left out "
            "and listed.",
        ),
        "methods_composite": (
            "综合胜任力得分 C = Σ 指标权重 × 指标得分，指标权重取{primary}；得分率 P = 100 × C / 满分，"
            "按等级分段归档。与{post}的岗位目标比较，差距 g = max(目标 − 得分, 0)，加权差距 = "
            "指标权重 × g。",
            "The composite score C = Σ indicator weight × indicator score used the {primary} "
            "weights; the percentage P = 100 × C / maximum was banded into levels. Against the "
            "targets of the {post} post, the gap is g = max(target − score, 0) and the "
            "weighted gap is weight × g.",
        ),
        "methods_ranking": (
            "培训需求 N = 指标权重 × 全中心平均差距，从大到小排序；不同权重来源下的排序用肯德尔"
            " τ_b 比较（Kendall，1945）。本报告为描述性分析，不做显著性检验。",
            "The training need N = indicator weight × centre-wide mean gap was ranked; the "
            "rankings under the different weight sources were compared with Kendall's τ_b "
            "(Kendall, 1945). The analysis is descriptive; no significance test is made.",
        ),
        "methods_courses": (
            "每个班组和每名坐席取加权差距最大的 {top_k} 项，从课程库中选出覆盖这些指标、加权差距"
            "总和最大的课程（同分时优先微课），每个班组的计划最多 {max_courses} 门课程。{privacy}"
            "计算使用 cslib {version}。",
            "For each team and agent the {top_k} largest weighted gaps were taken and the "
            "catalogue courses covering them with the largest total weighted gap were chosen "
            "(micro-courses first on ties), at most {max_courses} courses per team plan. "
            "{privacy}Computations used cslib {version}.",
        ),
        "methods_privacy_on": (
            "报告中的坐席以加密化名（HMAC-SHA256）显示。",
            "Agents appear under keyed pseudonyms (HMAC-SHA256). ",
        ),
        "methods_privacy_off": ("", ""),
        # ---- 360° rating sources, keys source_* (cslib.needs.assessment.source_label)
        "source_self": ("自评", "self"),
        "source_leader": ("班组长评", "team leader"),
        "source_qa": ("质检评", "QA"),
        "source_peer": ("同事评", "peer"),
        # ---- earlier -------------------------------------------------------
        "deferred": (
            "报告 03 未发现{courses}有效果的证据，建议复核后再开课；按声明的规则，本报告把{it}列为"
            "暂缓课程（只有别无同等覆盖时才推荐）。",
            "Report 03 found no evidence that {courses} changes anything and advises reviewing "
            "{it} before running {it} again; by the declared rule this report defers {it} "
            "(recommended only when nothing else covers as much).",
        ),
        "it_one": ("该课程", "it"),
        "it_many": ("这些课程", "them"),
        "still": (
            "仍推荐：{items}（没有其他课程组合能覆盖同等差距）。",
            "Still recommended: {items} (no other combination covers as much).",
        ),
        "still_item": (
            "{course}给 {teams}、{agents}",
            "{course} to {teams} and {agents}",
        ),
        "not_any": (
            "本报告的课程推荐中已不再出现{it}。",
            "None of this report's recommendations uses {it} any more.",
        ),
        "teams": ("个班组", "teams"),
        "agents": ("名坐席", "agents"),
        "mark": ("报告 03 未见效果", "no evidence in report 03"),
        "marked": ("{title}（{mark}）", "{title} ({mark})"),
        # ---- one_agent -----------------------------------------------------
        "levels_one_agent": (
            "只评估了一名坐席：其综合胜任力得分率为{mean}（{level}）；一个人的得分不是中心的平均水平。",
            "Only one agent was assessed: their composite score is {mean} of full marks "
            "({level}); one person's score is not the centre's average.",
        ),
        "needs_one_agent": (
            "按“指标权重 × 差距”排序（权重：{source}），这名坐席的前{k}项培训需求是{items}"
            "（仅此一人，不是中心的培训需求）。",
            "Ranked by weight × gap (weights: {source}), this agent's top {k} training needs "
            "are {items} (one person's, not the centre's).",
        ),
        "need_item_one_agent": ("“{name}”（需求值{need}）", "{name} (need {need})"),
        "gaps_one_agent": (
            "只评估了一名坐席：对照“{post}”岗位目标，这名坐席差距最大的指标是“{indicator}”"
            "（差距{gap}分，目标{target}分）；这是一个人的结果，不能代表中心或班组的培训需求。",
            "Only one agent was assessed: against the {post} target profile, this agent's "
            "largest gap is on {indicator} ({gap} points, target {target}); this is one "
            "person's result and says nothing about the centre's or a team's needs.",
        ),
    }
)
