"""The one zh/en phrase table of notebook 06 (Kirkpatrick–Phillips level 5, ROI).

Every user-facing word of :mod:`cslib.roi` comes from :data:`PHRASES`; numbers are filled in
by :mod:`cslib.roi.report`, thresholds and levels come from the parameters.
"""

from __future__ import annotations

from cslib.core.i18n import Phrases
from cslib.roi.io import BASES, CATEGORIES

PHRASES = Phrases(
    {
        # ---- summary box
        "title": ("摘要", "Summary"),
        "next_steps": ("下一步：{step}", "Next step: {step}"),
        "summary_course": (
            "{course}：投入 {costs}，收益 {benefits}（{level} 区间 {blo} 至 {bhi}），"
            "投资回报率 ROI {roi}（{level} 区间 {rlo} 至 {rhi}），ROI > 0 的概率 {p}。",
            "{course}: costs {costs}, benefits {benefits} ({level} interval {blo} to {bhi}); "
            "ROI {roi} ({level} interval {rlo} to {rhi}); probability that ROI > 0: {p}.",
        ),
        "summary_course_forecast": (
            "【预测】{course}：按试点效果推广到 {agents} 名坐席，投入 {costs}，"
            "预测 ROI {roi}（{level} 区间 {rlo} 至 {rhi}），ROI > 0 的概率 {p}。这是预测，不是已实现的结果。",
            "[Forecast] {course}: rolling the pilot out to {agents} agents costs {costs}; "
            "forecast ROI {roi} ({level} interval {rlo} to {rhi}); probability that ROI > 0: "
            "{p}. This is a forecast, not a measured result.",
        ),
        "summary_undefined": (
            "{course}：ROI 无法计算，因为{reason}。",
            "{course}: no ROI, because {reason}.",
        ),
        "summary_clear": (
            "区间完全高于 0 的课程（在所述假设下收益确定超过成本）：{courses}。",
            "Courses whose interval lies wholly above 0 (benefits exceed costs under the stated "
            "assumptions): {courses}.",
        ),
        "summary_clear_none": (
            "没有一门课程的 ROI 区间完全高于 0。",
            "No course has an ROI interval wholly above 0.",
        ),
        "summary_loss": (
            "区间完全低于 0 的课程（收益确定不足以抵消成本）：{courses}。",
            "Courses whose interval lies wholly below 0 (benefits do not cover costs): {courses}.",
        ),
        "summary_top": (
            "结论最依赖的假设是{assumption}：在设定范围内，{course}的 ROI 从 {low} 变到 {high}。",
            "The conclusion depends most on {assumption}: over its range the ROI of {course} "
            "moves from {low} to {high}.",
        ),
        "summary_top_flip": (
            "在这个范围内 ROI 会改变符号，请先核实这一假设。",
            "Within this range the ROI changes sign, so check this assumption first.",
        ),
        "summary_horizon": (
            "收益按培训后 {weeks} 周计算（{decay}）；数据观察到培训后最多 {follow} 周。",
            "Benefits are counted for {weeks} weeks after training ({decay}); the data follow "
            "agents for up to {follow} weeks after training.",
        ),
        "summary_extrapolated": (
            "对 {courses}，收益期长于数据观察期，超出部分是外推（假设效果持续）。",
            "For {courses} the horizon is longer than the data's follow-up: the extra weeks are "
            "extrapolated (the effect is assumed to last).",
        ),
        "summary_extrapolated_all": (
            "对所有课程，收益期都长于数据观察期，超出部分是外推（假设效果持续）。",
            "For every course the horizon is longer than the data's follow-up: the extra weeks "
            "are extrapolated (the effect is assumed to last).",
        ),
        "summary_intangible": (
            "未折算成金额的无形收益（只列出，不计入 ROI）：{kpis}。",
            "Intangible benefits (listed, not counted in the ROI): {kpis}.",
        ),
        "step": (
            "核实敏感性分析排在第一位的假设（表 {table}、图 {figure}），再用新一期数据复算。",
            "check the assumption at the top of the sensitivity analysis (Table {table}, Figure {figure}), "
            "then rerun on the next period's data.",
        ),
        # ---- decay
        "decay_none": ("效果在收益期内不衰减", "no decay within the horizon"),
        "decay_linear": ("效果在收益期内线性衰减到 0", "effect fading linearly to 0"),
        "decay_exponential": (
            "效果按半衰期 {h} 周指数衰减",
            "effect fading exponentially with a half-life of {h} weeks",
        ),
        "phillips_default": (
            "，即 Phillips 对短期项目的保守默认：只计第一年收益",
            ", Phillips' conservative default for a short programme: first-year benefits only",
        ),
        # ---- assumptions (sensitivity)
        "assumption_value": ("{kpi}的货币价值", "the money value of {kpi}"),
        "assumption_horizon": ("收益期（周）", "the benefit horizon (weeks)"),
        "assumption_decay": (
            "效果衰减（半衰期，周）",
            "the decay of the effect (half-life, weeks)",
        ),
        "assumption_cost": ("成本项“{item}”", "the cost item '{item}'"),
        "range_factor": ("×{low} 至 ×{high}", "×{low} to ×{high}"),
        "range_weeks": ("{low} 至 {high} 周", "{low} to {high} weeks"),
        "yes": ("是", "yes"),
        "no": ("否", "no"),
        # ---- status and reasons
        "monetised": ("折算为金额", "monetised"),
        "intangible": ("无形收益", "intangible"),
        "not_estimated": ("未估计", "not estimated"),
        "reason_no_treated": ("数据中没有人参加该课程", "nobody in the data took the course"),
        "reason_not_estimated": (
            "效果无法识别（培训批次或对照坐席不足）",
            "the effect is not identified (too few trained cohorts or comparison agents)",
        ),
        "reason_outcome_constant": (
            "该指标在每名坐席各周之间都没有变化，效果无从定义",
            "the KPI does not vary over the weeks for any agent, so an effect is undefined",
        ),
        "reason_declared_intangible": (
            "价值文件声明为无形收益",
            "declared intangible in the values file",
        ),
        "reason_no_value": ("价值文件中没有其货币价值", "no money value in the values file"),
        "reason_no_variation": (
            "有货币价值的指标的效果没有抽样波动（结果恒定），无法给出区间",
            "the monetised effects have no sampling variation (constant outcomes), so no "
            "interval can be given",
        ),
        "reason_no_monetised": (
            "没有一个有货币价值的指标估计出了效果",
            "no KPI with a money value had an estimated effect",
        ),
        # ---- table captions
        "table_roi": (
            "表 {n}　各课程的投资回报（{level} 区间，联合抽样 {draws} 次）",
            "Table {n}. Return on investment by course ({level} intervals, {draws} joint draws)",
        ),
        "table_costs": ("表 {n}　全口径成本：{course}", "Table {n}. Fully loaded costs: {course}"),
        "table_costs_all": (
            "表 {n}　全口径成本（各课程）",
            "Table {n}. Fully loaded costs by course",
        ),
        "table_benefits": (
            "表 {n}　各指标的效果与收益（效果：每名坐席每周，Callaway–Sant'Anna）",
            "Table {n}. Effects and benefits by KPI (effects per agent-week, Callaway–Sant'Anna)",
        ),
        "table_excluded": (
            "表 {n}　未计入 ROI 的效果：无形收益与未估计的效果",
            "Table {n}. Effects not in the ROI: intangibles and effects not estimated",
        ),
        "table_sensitivity": (
            "表 {n}　敏感性分析：每次只改变一个假设时的 ROI",
            "Table {n}. Sensitivity: ROI when one assumption at a time moves over its range",
        ),
        "table_forecast": (
            "表 {n}　【预测】按试点效果推广的投资回报",
            "Table {n}. [Forecast] Return on investment of rolling out a piloted course",
        ),
        "figure_roi": (
            "图 {n}　各课程 ROI 及其 {level} 区间",
            "Figure {n}. ROI by course with its {level} interval",
        ),
        "figure_tornado": (
            "图 {n}　敏感性分析（龙卷风图）：每个假设在其范围内时的 ROI",
            "Figure {n}. Sensitivity (tornado): ROI as each assumption moves over its range",
        ),
        "axis_roi": ("投资回报率 ROI (%)", "Return on investment, ROI (%)"),
        "legend_low": ("范围下限", "low end of range"),
        "legend_high": ("范围上限", "high end of range"),
        "forecast_tag": ("【预测】", "[forecast] "),
        # ---- column headers
        "col_course": ("课程", "Course"),
        "col_costs": ("全口径成本", "Fully loaded costs"),
        "col_benefits": ("收益（区间）", "Benefits (interval)"),
        "col_bcr": ("效益成本比 BCR（区间）", "Benefit–cost ratio (interval)"),
        "col_roi": ("ROI（区间）", "ROI (interval)"),
        "col_p": ("ROI > 0 的概率", "P(ROI > 0)"),
        "col_break_even": ("保本所需效果（主要指标）", "Break-even effect (main KPI)"),
        "col_agents": ("计入收益的坐席数", "Agents counted"),
        "col_kpi": ("指标", "KPI"),
        "col_status": ("处理", "Treatment"),
        "col_effect": ("效果（区间）", "Effect (interval)"),
        "col_money": ("每单位每人每周价值", "Money per unit per agent-week"),
        "col_benefit": ("收益（区间）", "Benefit (interval)"),
        "col_reason": ("原因", "Why"),
        "col_category": ("成本类别", "Category"),
        "col_item": ("成本项", "Item"),
        "col_basis": ("计费方式", "Charged"),
        "col_amount": ("单价/金额", "Amount"),
        "col_quantity": ("数量", "Quantity"),
        "col_charged": ("计入成本", "Charged"),
        "col_share": ("占比", "Share"),
        "col_assumption": ("假设", "Assumption"),
        "col_range": ("范围", "Range"),
        "col_roi_low": ("范围下限时的 ROI", "ROI at low end"),
        "col_roi_high": ("范围上限时的 ROI", "ROI at high end"),
        "col_flips": ("ROI 改变符号", "ROI changes sign"),
        "break_even_text": ("{kpi} {needed}（估计 {est}）", "{kpi} {needed} (estimated {est})"),
        "interval_cell": ("{point}（{lo} 至 {hi}）", "{point} ({lo} to {hi})"),
        "undefined_cell": ("无法计算：{reason}", "undefined: {reason}"),
        "total": ("合计", "Total"),
        # ---- principles
        "principles": (
            "本报告遵循的保守原则（据 Phillips ROI 方法论的指导原则，用我们自己的话概括）："
            "\n\n"
            "1. **成本算全**：开发、授课、平台、资料、评估、管理分摊，以及学员离开电话的工时"
            "（按含福利的工资计），一项不漏；开发成本按课程预计的授课次数分摊。\n"
            "2. **数据缺失时取最保守的选择**：没有货币价值的指标不计收益；无法识别的效果记为 0 并列出。\n"
            "3. **只计培训带来的变化**：收益来自与尚未培训坐席相比的效果"
            "（Callaway–Sant'Anna 双重差分），不是培训前后的简单变化。\n"
            "4. **不在数据之外外推而不说明**：收益期默认只算第一年；超出数据观察期的部分明确标为外推。\n"
            "5. **无形收益只列出，不折算**：例如没有给出价值的质检得分提升。\n"
            "6. **ROI 总带区间**：效果的抽样误差通过联合抽样传递到 ROI，报告区间和 ROI > 0 的概率，"
            "从不只报一个点值。",
            "Conservative standards followed here (the guiding principles of the Phillips ROI "
            "Methodology, in our own words):\n\n"
            "1. **Costs fully loaded**: development, delivery, platform, materials, evaluation, "
            "overhead, and the participants' time away from the phones at a loaded wage; "
            "development is spread over the deliveries the course is expected to have.\n"
            "2. **When data are missing, the most conservative choice**: a KPI without a money "
            "value earns nothing; an effect that is not identified counts as zero and is listed.\n"
            "3. **Only the change the training caused**: benefits come from the effect relative to "
            "agents not yet trained (Callaway–Sant'Anna difference in differences), not from a "
            "before/after change.\n"
            "4. **No extrapolation beyond the data without saying so**: by default only "
            "first-year benefits count, and weeks beyond the data's follow-up are marked as "
            "extrapolated.\n"
            "5. **Intangibles listed, not monetised**: e.g. a QA-score gain without a stated "
            "value.\n"
            "6. **An ROI always comes with its interval**: the sampling error of the effects is "
            "carried to the ROI by joint draws; the interval and the probability that ROI > 0 "
            "are reported, never a point value alone.",
        ),
        "isolation_note": (
            "收益 = 每名坐席每周的效果 × 每单位价值 × 计入的坐席数 × 收益期的有效周数。"
            "效果的 {level} 区间和 ROI 区间来自同一组联合抽样（乘数自助法，{draws} 次，种子 {seed}）。"
            "成本和货币价值按给定值计算，其不确定性见敏感性分析。",
            "Benefit = effect per agent-week × money per unit × agents counted × effective weeks "
            "of the horizon. The {level} intervals of the effects and of the ROI come from the "
            "same joint draws (multiplier bootstrap, {draws} draws, seed {seed}). Costs and money "
            "values are taken as given; their uncertainty is explored in the sensitivity analysis.",
        ),
        "forecast_note": (
            "【预测】以下数字不是已实现的结果：效果来自试点（{pilot} 名坐席），按计划推广到 {agents} 名坐席，"
            "成本按计划的 {participants} 名学员、{deliveries} 次授课计算。区间只包含试点的抽样误差，"
            "不包含试点人群与推广人群之间的差异，实际不确定性更大。",
            "[Forecast] These numbers are not a measured result: the effect comes from a pilot "
            "({pilot} agents), scaled to a planned rollout to {agents} agents, with costs for "
            "{participants} planned participants and {deliveries} deliveries. The interval "
            "carries only the pilot's sampling error, not differences between the pilot and the "
            "rollout groups, so the real uncertainty is larger.",
        ),
        "no_forecast": ("本次运行没有要求预测。", "No forecast was requested in this run."),
    }
)

#: KPI names (the weekly measures of notebook 03), zh / en.
KPI_NAMES = Phrases(
    {
        "qa_score": ("质检得分", "QA score"),
        "qa_pass_rate": ("质检合格率", "QA pass rate"),
        "repeat_tickets": ("重复工单", "repeat tickets"),
        "aht_s": ("平均处理时长", "average handle time"),
        "csat": ("客户满意度", "customer satisfaction"),
        "sales_conversion": ("营销成功率", "sales conversion"),
    }
)

#: Units of the KPIs as shown after a number.
UNIT_NAMES = Phrases(
    {
        "s": ("秒/通", "s per call"),
        "pp": ("个百分点", "pp"),
        "ticket": ("件/人/周", "tickets per agent-week"),
        "point": ("分", "points"),
    }
)

CATEGORY_NAMES = Phrases(CATEGORIES)
BASIS_NAMES = Phrases(BASES)
