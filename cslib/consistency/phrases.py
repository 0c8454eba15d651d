"""The one zh/en phrase table of notebook 02 (consistency checks), and its two look-ups.

Every user-facing word of :mod:`cslib.consistency` comes from :data:`PHRASES`
(``cslib.core.i18n.Phrases``), in sections:

* the plain-language conclusions (:mod:`cslib.consistency.conclusions`), including the
  reasons an agreement statistic is undefined (:func:`why`);
* figure and table labels, keys ``label_*`` (:func:`label`);
* the summary box and table values (:mod:`cslib.consistency.report`);
* the methods paragraph, keys ``methods_*`` (:mod:`cslib.consistency.methods`).

Thresholds and numbers are filled in from parameters and results (``{…}`` fields).
"""

from __future__ import annotations

from cslib.core.i18n import Phrases
from cslib.stats.reasons import AgreementReason

PHRASES = Phrases(
    {
        # ---- conclusions (cslib.consistency.conclusions)
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
        # reasons a statistic is undefined, keys reason_<AgreementReason> (why())
        "reason_one_rater": (
            "只有一名评分者，无从衡量一致性",
            "only one rater, so there is no agreement to measure",
        ),
        "reason_few_units": (
            "被至少两人评分的对象不足 2 个",
            "fewer than 2 units were rated by at least 2 raters",
        ),
        "reason_one_category_possible": (
            "只有一个可能的类别，机遇一致性的分母 q(q−1) 为 0",
            "only one category is possible, so chance agreement q(q−1) has no denominator",
        ),
        "reason_one_category": (
            "所有评分都落在同一类别，机遇一致性为 1，系数为 0/0",
            "all ratings fall in one category, so chance agreement is 1 and the coefficient is 0/0",
        ),
        "reason_same_category_both": (
            "两人都只用了同一个类别，机遇一致性为 1，κ 为 0/0",
            "both raters used one and the same category only, so chance agreement is 1 and kappa is 0/0",
        ),
        "reason_no_spread": (
            "每个对象的一致程度完全相同，标准误为 0",
            "every unit contributes the same agreement, so the standard error is 0",
        ),
        "reason_no_variance": (
            "所有分数完全相同，没有可分解的变异",
            "every score is the same, so there is no variance to partition",
        ),
        "reason_same_unit_means": (
            "各对象的平均分完全相同，对象间变异为 0",
            "all units have the same mean score, so between-unit variance is 0",
        ),
        "reason_same_value": (
            "所有评分都是同一个值，期望不一致为 0，α 为 0/0",
            "every rating is the same value, so expected disagreement is 0 and alpha is 0/0",
        ),
        "reason_same_total": (
            "所有答卷人的总分相同，α 为 0/0",
            "every respondent has the same total score, so alpha is 0/0",
        ),
        "reason_constant_item": (
            "所有人对该题的回答都相同",
            "the item has the same answer from every respondent",
        ),
        "reason_constant_rest": (
            "其余各题之和对所有人都相同",
            "the other items add up to the same total for every respondent",
        ),
        "reason_two_items": (
            "只有 2 道题，删去一题后不再构成量表",
            "with 2 items, deleting one leaves no scale",
        ),
        "reason_undefined_coefficient": ("系数无法计算", "the coefficient is undefined"),
        "reason_undefined_se": ("标准误无法计算", "the standard error is undefined"),
        "reason_no_ranking": (
            "每名质检员给所有录音的总分都相同，不存在排序",
            "every inspector gives every call the same total, so no ranking exists",
        ),
        "reason_no_se_at_level": (
            "定序和比率层次的 α 没有可用的标准误",
            "no standard error is available at the {level} level",
        ),
        "reason_same_scores": (
            "每名评分者对所有对象给出相同分数（W = 0/0）",
            "every rater gave every item the same score (W = 0/0)",
        ),
        # ---- verbal bands (conclusions.interpret_*): Koo & Li, Landis & Koch, Cronbach
        "icc_poor": ("差", "poor"),
        "icc_moderate": ("中等", "moderate"),
        "icc_good": ("良好", "good"),
        "icc_excellent": ("优秀", "excellent"),
        "kappa_poor": ("差", "poor"),
        "kappa_slight": ("轻微", "slight"),
        "kappa_fair": ("一般", "fair"),
        "kappa_moderate": ("中等", "moderate"),
        "kappa_substantial": ("较强", "substantial"),
        "kappa_almost_perfect": ("几乎完全一致", "almost perfect"),
        "alpha_questionable": ("偏低，需修订", "questionable"),
        "alpha_acceptable": ("可以接受", "acceptable"),
        "alpha_good": ("良好", "good"),
        "alpha_excellent": ("优秀", "excellent"),
        # ---- figure and table labels (label())
        "label_expert": ("专家", "Expert"),
        "label_group": ("判断矩阵（父指标）", "Group (parent)"),
        "label_top": ("一级指标", "First level"),
        "label_cr": ("一致性比率 CR", "Consistency ratio CR"),
        "label_cr_threshold": ("CR = 0.10 阈值", "CR = 0.10 threshold"),
        "label_cr_title": (
            "各专家判断矩阵的一致性比率",
            "Consistency ratio of each expert's matrices",
        ),
        "label_weight": ("权重", "Weight"),
        "label_combined": ("组合权重", "Combined weight"),
        "label_indicator": ("指标", "Indicator"),
        "label_weights_title": (
            "AHP 组合权重与对照权重",
            "AHP combined weights vs. the other table",
        ),
        "label_sens_title": (
            "一级权重可变动范围（前 §k 名排序不变）",
            "How far each first-level weight can move (top-§k order unchanged)",
        ),
        "label_current": ("当前权重", "Current weight"),
        "label_stable": ("排序不变区间", "Stable interval"),
        "label_inspector": ("质检员", "Inspector"),
        "label_heat_title": (
            "质检员两两一致性 ICC(2,1)（总分，数值越大越一致）",
            "Pairwise agreement of inspectors, ICC(2,1) on totals (higher = closer)",
        ),
        "label_bias_title": (
            "各质检员相对其他质检员均值的偏差（总分）",
            "Each inspector's bias against the others' mean (total score)",
        ),
        "label_bias": ("偏差（分）", "Bias (points)"),
        "label_ci_of_level": ("横线为置信区间，置信水平", "bars: confidence interval at"),
        "label_alpha_title": (
            "删除某题后的 Cronbach's α",
            "Cronbach's alpha if an item is deleted",
        ),
        "label_alpha_all": ("全部题目 α", "alpha, all items"),
        "label_item": ("题目", "Item"),
        # ---- summary box and table values (cslib.consistency.report)
        "findings": ("**主要发现**", "**Findings**"),
        # a section whose input was not given (cslib.consistency.report.not_run_note)
        "not_run_section": (
            "本节未运行：没有提供{what}（{params}）。提供后重新运行即可得到本节结果。",
            "This section was not run because its input was not given: {what} ({params}). "
            "Give it and run again to get this section.",
        ),
        "not_run_ahp": ("AHP 问卷与指标体系", "AHP survey and indicator hierarchy"),
        "not_run_qa": ("质检表与质检校准评分", "QA form and QA calibration scores"),
        "not_run_alpha": ("自评问卷答案", "self-assessment answers"),
        "not_run_schemes": ("评分方案文件", "scoring-scheme files"),
        "nothing_run": (
            "没有提供任何输入文件，本报告没有运行任何分析（见下方“未运行的分析”）。",
            "No input file was given, so this report ran no analysis (see "
            "'Analyses not run' below).",
        ),
        "no_comparison": (
            "未提供对照权重表，本报告不与其他权重比较。",
            "No comparison weights were given, so the AHP weights are not compared with others.",
        ),
        "next_steps": ("**下一步**", "**Next steps**"),
        "ahp_ok": (
            "AHP：{n} 位专家的判断矩阵全部通过一致性检验（CR ≤ {t}）。",
            "AHP: all {n} experts' judgement matrices are consistent (CR ≤ {t}).",
        ),
        "ahp_bad": (
            "AHP：{n} 位专家中有 {k} 位的判断不够一致（CR > {t}）：{who}。",
            "AHP: {k} of {n} experts gave inconsistent judgements (CR > {t}): {who}.",
        ),
        "ahp_bad_who": ("{e}（最大 CR {cr}）", "{e} (largest CR {cr})"),
        "ahp_next": (
            "请 {who} 重新考虑第 1 节“需要请专家重新考虑的判断”表中列出的 {m} 道题，"
            "收回后重新计算权重。",
            "Ask {who} to reconsider the {m} judgements listed under 'Judgements to re-ask' "
            "(section 1), then recompute the weights.",
        ),
        "qa": (
            "质检评分：单个质检员总分的一致性 ICC(2,1) = {icc}（{conf} CI {lo}–{hi}）；"
            "合格判定（合格线 {mark} 分，{share} 合格）Fleiss κ = {kappa}，Gwet AC1 = {ac1}{bench}。",
            "QA scoring: single-inspector agreement on totals ICC(2,1) = {icc} ({conf} CI "
            "{lo}–{hi}); on pass/fail (pass mark {mark}, {share} pass) Fleiss κ = {kappa}, "
            "Gwet AC1 = {ac1}{bench}.",
        ),
        "qa_bench": (
            "；以 {prob} 的把握（{scale} 标尺）κ 至少为“{kb}”、AC1 至少为“{ab}”",
            "; with {prob} probability ({scale} scale) κ is at least '{kb}' and AC1 at "
            "least '{ab}'",
        ),
        "qa_undefined": ("无法计算（{why}）", "undefined ({why})"),
        "qa_no_band": ("无法判定", "no band"),
        "bias_none": (
            "质检员偏差：没有质检员的总分与其他人相差 {p} 分以上且具有统计学意义。",
            "Inspector bias: no inspector differs from the others by {p} points or more with "
            "statistical significance.",
        ),
        "bias_some": ("质检员偏差：{who}。", "Inspector bias: {who}."),
        "bias_one": (
            "{r} 平均{way} {d} 分（{conf} CI {lo} 到 {hi}）",
            "{r} scores {d} points {way} than the others ({conf} CI {lo} to {hi})",
        ),
        "harder": ("偏严", "harder"),
        "softer": ("偏松", "more leniently"),
        "bias_next": (
            "与 {who} 单独复盘本轮校准录音，对照评分标准逐项核对；下次校准会重点讲“{item}”"
            "（各评分项中一致性最低，Krippendorff α = {a}）。",
            "Review this round's calibration calls with {who} item by item against the form; "
            "make '{item}' the focus of the next calibration session (lowest agreement of all "
            "items, Krippendorff's α = {a}).",
        ),
        "item_next": (
            "下次校准会重点讲“{item}”（各评分项中一致性最低，Krippendorff α = {a}）。",
            "Make '{item}' the focus of the next calibration session (lowest agreement of all "
            "items, Krippendorff's α = {a}).",
        ),
        "alpha": (
            "自评问卷：{k} 题的 Cronbach's α = {a}（{conf} CI {lo}–{hi}），内部一致性{band}。",
            "Self-assessment questionnaire: Cronbach's α of the {k} items = {a} ({conf} CI "
            "{lo}–{hi}), {band}.",
        ),
        "alpha_undefined": (
            "自评问卷：Cronbach's α 无法计算，因为{why}。",
            "Self-assessment questionnaire: Cronbach's α is undefined, because {why}.",
        ),
        "alpha_next": (
            "检查题目 {items} 的措辞：删去后 α 反而升高，可能与其余题目测的不是同一能力。",
            "Check the wording of {items}: deleting it raises α, so it may not measure the "
            "same competency as the rest.",
        ),
        "schemes_ok": (
            "考核方案：{names} 的分值和等级区间没有发现问题。",
            "Scoring schemes: no problems in {names}.",
        ),
        "schemes_bad": ("考核方案：{what}。", "Scoring schemes: {what}."),
        "scheme_bad_one": (
            "“{name}”有 {k} 处问题（{first}）",
            "'{name}' has problems ({k}); the first: {first}",
        ),
        "schemes_next": (
            "在下次考核前修改 {names}（问题明细见第 6 节）。",
            "Correct {names} before the next appraisal (details in section 6).",
        ),
        "nothing_next": (
            "各项检查均未发现需要处理的问题，按原计划使用。",
            "No check calls for action; carry on as planned.",
        ),
        # table values
        "fleiss_pf": ("Fleiss κ（合格/不合格）", "Fleiss κ (pass/fail)"),
        "ac1_pf": ("Gwet AC1（合格/不合格）", "Gwet AC1 (pass/fail)"),
        "kripp_total_row": ("Krippendorff α（总分，等距）", "Krippendorff α (totals, interval)"),
        "kendall": ("Kendall W（录音排序）", "Kendall W (ranking of calls)"),
        "spearman": ("Spearman ρ", "Spearman ρ"),
        "kendall_tau": ("Kendall τ", "Kendall τ"),
        "no_interval": ("不给区间", "no interval computed"),
        "undefined_cell": ("无法计算：{why}", "undefined: {why}"),
        "first_level": ("一级指标", "First level"),
        "rank_of": ("排序（{name}）", "Rank ({name})"),
        "weight_of": ("{name} 组合权重", "{name} combined weight"),
        "difference_pp": ("差（百分点）", "Difference (points)"),
        "one-way random, absolute agreement, single rater": (
            "单向随机、绝对一致、单个评分者",
            "one-way random, absolute agreement, single rater",
        ),
        "two-way random, absolute agreement, single rater": (
            "双向随机、绝对一致、单个评分者",
            "two-way random, absolute agreement, single rater",
        ),
        "two-way mixed, consistency, single rater": (
            "双向混合、一致性、单个评分者",
            "two-way mixed, consistency, single rater",
        ),
        "one-way random, absolute agreement, mean of k raters": (
            "单向随机、绝对一致、k 人平均",
            "one-way random, absolute agreement, mean of k raters",
        ),
        "two-way random, absolute agreement, mean of k raters": (
            "双向随机、绝对一致、k 人平均",
            "two-way random, absolute agreement, mean of k raters",
        ),
        "two-way mixed, consistency, mean of k raters": (
            "双向混合、一致性、k 人平均",
            "two-way mixed, consistency, mean of k raters",
        ),
        "Fleiss kappa": ("Fleiss κ", "Fleiss κ"),
        "AC1": ("Gwet AC1", "Gwet AC1"),
        "Krippendorff alpha": ("Krippendorff α", "Krippendorff α"),
        # ---- methods paragraph (cslib.consistency.methods)
        "methods_ahp": (
            "层次分析法（Saaty，1980）：{n_experts} 位专家对 {n_groups} 组指标做两两比较，共"
            "{n_matrices} 个判断矩阵；优先级按{priority}计算，一致性比率 CR = CI/RI，"
            "CI = (λmax − n)/(n − 1)，RI 取{ri}，CR ≤ {cr} 视为可接受。",
            "Analytic hierarchy process (Saaty, 1980): {n_experts} experts compared the "
            "indicators of {n_groups} groups in pairs, {n_matrices} judgement matrices in all; "
            "priorities by {priority}; consistency ratio CR = CI/RI with CI = (λmax − n)/(n − 1) "
            "and RI from {ri}, acceptable at CR ≤ {cr}.",
        ),
        "methods_priority_eigen": ("主特征向量法", "the principal eigenvector"),
        "methods_priority_geometric": ("行几何平均法", "row geometric means"),
        "methods_ri_saaty": ("Saaty 的随机一致性指标表", "Saaty's random-index table"),
        "methods_ri_alonso_lamata": ("Alonso 与 Lamata 的公式", "Alonso and Lamata's formula"),
        "methods_ri_simulated": ("模拟得到的随机一致性指标", "simulated random indices"),
        "methods_filled": (
            "专家跳过的 {n} 个两两比较按 Harker（1987）的特征向量法补全。",
            "{n} skipped comparisons were completed by Harker's (1987) eigenvector method.",
        ),
        "methods_aggregate_AIJ": (
            "群体权重由各专家判断的几何平均（AIJ）求得{excluded}。",
            "Group weights came from the geometric mean of the experts' judgements "
            "(AIJ){excluded}.",
        ),
        "methods_aggregate_AIP": (
            "群体权重由各专家优先级的几何平均（AIP）求得{excluded}。",
            "Group weights came from the geometric mean of the experts' priorities "
            "(AIP){excluded}.",
        ),
        "methods_excluded_yes": (
            "，CR 超过上限的矩阵不参与汇总",
            ", leaving out matrices with CR above the limit",
        ),
        "methods_excluded_no": ("，全部矩阵参与汇总", ", with every matrix included"),
        "methods_qa": (
            "质检员一致性：{n_raters} 名质检员对 {n_calls} 通录音打分（完整评分的录音）。"
            "ICC(2,1)（双向随机、绝对一致、单个评分者）与 ICC(3,k)（双向混合、一致性、k 人平均）"
            "按 Shrout 与 Fleiss（1979）及 McGraw 与 Wong（1996）计算，附 {level} 置信区间，按"
            "Koo 与 Li（2016）解读；以 {pass_mark} 分为合格线，合格判定的一致性用 Fleiss κ 和"
            "Gwet AC1 表示，标准误与区间按 Gwet（2008），等级按隶属概率判定（Gwet，2014）；"
            "另报告两两 Cohen κ（总分等级用二次加权）、Krippendorff α（总分按等距尺度、"
            "各评分项按顺序尺度，允许漏评）和肯德尔 W。",
            "Rater agreement: {n_raters} inspectors scored {n_calls} calls (calls scored by "
            "all). ICC(2,1) (two-way random, absolute agreement, single rater) and ICC(3,k) "
            "(two-way mixed, consistency, mean of k) follow Shrout and Fleiss (1979) and McGraw "
            "and Wong (1996), with {level} intervals read after Koo and Li (2016); with a pass "
            "mark of {pass_mark}, pass/fail agreement is given by Fleiss' κ and Gwet's AC1 with "
            "Gwet's (2008) standard errors and intervals, banded by membership probability "
            "(Gwet, 2014); pairwise Cohen's κ (quadratic weights for grade bands), "
            "Krippendorff's α (interval level for totals, ordinal for items, missing ratings "
            "allowed) and Kendall's W are also reported.",
        ),
        "methods_bias_panel": (
            "每名质检员的偏差为其总分与全体质检员对同一录音平均分之差的均值，用 t 检验并做 Holm "
            "校正（Holm，1979）；显著且偏差不少于 {practical} 分的质检员标为需要校准。",
            "Each inspector's bias is the mean difference between their total and all "
            "inspectors' mean on the same call, tested by t tests with Holm's correction "
            "(Holm, 1979); inspectors with a significant bias of at least {practical} points "
            "are flagged for calibration.",
        ),
        "methods_bias_others": (
            "每名质检员的偏差为其总分与其他质检员对同一录音平均分之差的均值，用 t 检验并做 Holm "
            "校正（Holm，1979）；显著且偏差不少于 {practical} 分的质检员标为需要校准。",
            "Each inspector's bias is the mean difference between their total and the other "
            "inspectors' mean on the same call, tested by t tests with Holm's correction "
            "(Holm, 1979); inspectors with a significant bias of at least {practical} points "
            "are flagged for calibration.",
        ),
        "methods_alpha": (
            "自评问卷 {n_items} 题的内部一致性用 Cronbach α（Cronbach，1951）及 Feldt（1965）"
            "的 {level} 置信区间表示，并列出删除各题后的 α。",
            "Internal consistency of the {n_items}-item self-assessment is Cronbach's α "
            "(Cronbach, 1951) with Feldt's (1965) {level} interval, and α if each item is "
            "deleted.",
        ),
        "methods_version": ("计算使用 cslib {version}。", "Computations used cslib {version}."),
        "methods_schemes": (
            "考核方案的自洽性逐项检查：各项分值之和是否等于上级分值与总分，等级区间是否重叠或"
            "留有空档（区分开闭端点）。计算使用 cslib {version}。",
            "Scoring schemes were checked for points adding up to their parent and the total, "
            "and for grade bands that overlap or leave gaps (open and closed ends "
            "distinguished). Computations used cslib {version}.",
        ),
        # ---- compare_source ------------------------------------------------
        "name_01": ("本研究德尔菲（报告 01）", "this study's Delphi (report 01)"),
        "name_file": ("已发表", "published"),
        "from_01": (
            "对照权重：本研究报告 01 推导的德尔菲组合权重（同一输出文件夹中的结果）。",
            "Weights compared with: this study's combined Delphi weights from report 01 "
            "(the results in the same output folder).",
        ),
        "from_file": (
            "对照权重：权重表 {file} 的 `{column}` 列，不是本研究报告 01 推导的权重。",
            "Weights compared with: the weight table {file} (column `{column}`), not this "
            "study's report 01 weights.",
        ),
    }
)


def why(code: AgreementReason | str, lang: str = "zh", /, **data: object) -> str:
    """Why a statistic is undefined, in ``lang``: the phrase of its ``reason_code``.

    ``code`` is a :class:`cslib.stats.reasons.AgreementReason` (an unknown code is an
    error); ``data`` fills the phrase's fields (``level`` for ``NO_SE_AT_LEVEL``).

    Examples
    --------
    >>> why(AgreementReason.ONE_RATER, "en")
    'only one rater, so there is no agreement to measure'
    """
    return PHRASES(f"reason_{AgreementReason(code).value}", lang, **data)


def label(key: str, lang: str = "zh") -> str:
    """Label text of a figure or table of notebook 02 for ``key`` in ``lang``."""
    return PHRASES(f"label_{key}", lang)
