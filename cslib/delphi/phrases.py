"""Chinese / English phrases of the Delphi report (one table for the package).

Thresholds and numbers are filled in from parameters and results (``{…}`` fields);
nothing here states a threshold itself.
"""

from __future__ import annotations

from cslib.core.i18n import Phrases

PHRASES = Phrases(
    {
        # rules
        "stability_rule_all": (
            "至少{unchanged}的专家未改分，且变异系数相对变化不超过{cv}",
            "at least {unchanged} of experts kept their score and the CV changed by at most "
            "{cv} (relative)",
        ),
        "stability_rule_any": (
            "至少{unchanged}的专家未改分，或变异系数相对变化不超过{cv}",
            "at least {unchanged} of experts kept their score or the CV changed by at most "
            "{cv} (relative)",
        ),
        "consensus_rule": (
            "至少{share}的专家评{lo}–{hi}分",
            "at least {share} of experts score {lo}–{hi}",
        ),
        "consensus_rule_iqr": ("，且四分位距不超过{iqr}", " and IQR ≤ {iqr}"),
        "screen_mean": ("均值 ≥ {v}", "mean ≥ {v}"),
        "screen_cv": ("变异系数 ≤ {v}", "CV ≤ {v}"),
        "screen_full": ("满分频率 ≥ {v}", "full-score frequency ≥ {v}"),
        "screen_and": ("且", " and "),
        "cv_change_undefined": (
            "前一轮所有专家评分相同（CV = 0），相对变化无定义",
            "undefined, because every expert gave the same score in the earlier round (CV = 0)",
        ),
        # Kendall's W
        "w_undefined": (
            "W 无定义，因为每位专家对该组所有指标给出相同评分（0/0）",
            "W is undefined, because every expert gave every indicator of the group the same "
            "score (0/0)",
        ),
        "p_exact": ("精确置换检验", "exact permutation test"),
        "p_monte_carlo": (
            "蒙特卡洛置换检验（{n_perm}次置换，种子 {seed}）",
            "Monte-Carlo permutation test ({n_perm} permutations, seed {seed})",
        ),
        "p_monte_carlo_unseeded": (
            "蒙特卡洛置换检验（{n_perm}次置换）",
            "Monte-Carlo permutation test ({n_perm} permutations)",
        ),
        "p_chi2": ("χ² 近似", "χ² approximation"),
        "w_sentence": (
            "第{level}级指标 W = {w}（{method}，{p}，{verdict}）",
            "level {level}: W = {w} ({method}, {p}; {verdict})",
        ),
        "w_sig": ("在 α = {alpha} 水平上协调性显著", "significant at α = {alpha}"),
        "w_nonsig": ("在 α = {alpha} 水平上协调性不显著", "not significant at α = {alpha}"),
        "w_level_undefined": (
            "第{level}级指标：W 无定义，因为每位专家对该级所有指标给出相同评分",
            "level {level}: W is undefined, because every expert gave every indicator the "
            "same score",
        ),
        # stability and the next round
        "stability_intro": (
            "稳定性判据（事先设定）：{rule}。精确 Wilcoxon 符号秩检验与符号检验仅作参考，"
            "经 Holm 校正后 P < {alpha} 视为系统性变化；检验不显著并不证明稳定。",
            "Stability criterion (set in advance): {rule}. The exact Wilcoxon signed-rank and "
            "sign tests are shown beside it; a Holm-adjusted p < {alpha} counts as a systematic "
            "shift, and a non-significant test is not taken as proof of stability.",
        ),
        "reason_unstable": ("{ids}未达稳定判据（{rule}）", "not stable ({rule}): {ids}"),
        "reason_no_consensus": (
            "{ids}未达成共识（{rule}）",
            "no consensus ({rule}): {ids}",
        ),
        "reason_failing": (
            "{ids}仍未达筛选标准（{rule}）",
            "still failing the screening rule ({rule}): {ids}",
        ),
        # summary box (findings, then next steps); every number and threshold is a field
        "summary_heading": ("摘要", "Summary"),
        "next_steps_heading": ("下一步", "Next steps"),
        "p_letter": ("P", "p"),  # p-values in sentences: P = 0.01 / p = 0.01
        "name_share": ("{name}（{share}）", "{name} ({share})"),
        "list_more": ("{shown}等{n}项", "{shown} and {rest} more"),
        "s_panel": (
            "专家组：共{n_rounds}轮，各轮问卷回收率（专家积极系数）依次为{rates}，"
            "最后一轮{n_last}位专家作答。",
            "Panel: {n_rounds} rounds with return rates (positive coefficient) of {rates}; "
            "{n_last} experts answered the last round.",
        ),
        "s_panel_one": (
            "专家组：共1轮，问卷回收率（专家积极系数）为{rates}，{n_last}位专家作答。",
            "Panel: 1 round with a return rate (positive coefficient) of {rates}; {n_last} "
            "experts answered.",
        ),
        "s_authority": (
            "专家权威系数Cr均值为{cr}（判断依据Ca {ca}，熟悉程度Cs {cs}），{verdict}设定的标准"
            "Cr ≥ {threshold}；{share}的专家个人达到该标准。",
            " Mean authority coefficient Cr = {cr} (judgment basis Ca {ca}, familiarity Cs "
            "{cs}) {verdict} the threshold Cr ≥ {threshold}; {share} of the experts reach it "
            "individually.",
        ),
        "auth_meets": ("达到", "meets"),
        "auth_fails": ("未达到", "does not meet"),
        "s_agreement": (
            "专家意见协调程度（肯德尔W，第{round}轮）：{parts}。",
            "Agreement among experts (Kendall's W, round {round}): {parts}.",
        ),
        "s_screen_pass": (
            "指标筛选（{rule}，第{round}轮）：全部{n}项指标均达标。",
            "Screening ({rule}, round {round}): all {n} indicators pass.",
        ),
        "s_screen_flagged": (
            "指标筛选（{rule}，第{round}轮）：{n}项指标中有{k}项未达标：{items}。",
            "Screening ({rule}, round {round}): {k} of {n} indicators fall short: {items}.",
        ),
        "s_flagged_item": ("{name}（均值 {mean}，CV {cv}）", "{name} (mean {mean}, CV {cv})"),
        "s_stop": (
            "第{first}轮与第{second}轮比较：全部指标稳定（{stability}）、达成共识（{consensus}）"
            "且通过筛选，按事先设定的终止规则不需要再进行一轮。",
            "Rounds {first} and {second}: every indicator is stable ({stability}), reaches "
            "consensus ({consensus}) and passes screening, so by the stopping rule set in "
            "advance no further round is needed.",
        ),
        "s_more": (
            "第{first}轮与第{second}轮比较：{reasons}。按事先设定的终止规则（全部指标稳定、"
            "达成共识且通过筛选才结束），建议再进行一轮。",
            "Rounds {first} and {second}: {reasons}. The stopping rule set in advance (every "
            "indicator stable, with consensus and passing screening) is not met, so another "
            "round is advised.",
        ),
        "s_one_round": (
            "只有一轮数据，稳定性要两轮比较才能判断；按事先设定的终止规则，至少还需要一轮。",
            "Only one round so far: stability needs two rounds to compare, so by the stopping "
            "rule set in advance at least one more round is needed.",
        ),
        "s_weights": (
            "权重（{method}，第{round}轮）：组合权重最高的{k}项依次为{items}。",
            "Weights ({method}, round {round}): the {k} highest combined weights are {items}.",
        ),
        "s_weights_ci": (
            "{level}置信区间（{ci}，{n_boot}次专家自助抽样，种子 {seed}）相互重叠的指标，"
            "其先后顺序不宜过度解读。",
            " Where the {level} intervals ({ci}; {n_boot} bootstrap resamples of experts, "
            "seed {seed}) overlap, do not read much into the order.",
        ),
        "s_published_ok": (
            "已发表权重表（{file}）核查：未发现不一致。",
            "Published weight table ({file}): no inconsistencies found.",
        ),
        "s_published": (
            "已发表权重表（{file}）核查：{n_problem}处不一致无法由四舍五入解释，"
            "{n_rounding}处可由印刷值的四舍五入解释。",
            "Published weight table ({file}): inconsistencies that rounding cannot explain: "
            "{n_problem}; explainable by rounding of the printed values: {n_rounding}.",
        ),
        "n_send": (
            "把文件夹 {file} 中的第{round}轮问卷发给专家（每人只收到自己的一份）；评分落在专家组"
            "四分位区间外的专家，请其说明理由。",
            "Send the round {round} questionnaires in {file} (each expert gets only their own); "
            "experts whose score lies outside the panel's IQR are asked to give a reason.",
        ),
        "n_send_plain": (
            "把反馈表连同第{round}轮问卷发给专家；评分落在专家组四分位区间外的专家，请其说明理由。",
            "Send the feedback workbook with the round {round} questionnaire; experts whose score "
            "lies outside the panel's IQR are asked to give a reason.",
        ),
        "n_revise": (
            "发问卷前，请专家组讨论未达筛选标准的{k}项指标，决定修改措辞还是删除。",
            "Before the next questionnaire goes out, have the panel discuss the {k} indicators "
            "that fail screening "
            "and decide whether to reword or drop them.",
        ),
        "n_stop": (
            "结束咨询，采用第{round}轮的权重；并补齐报告清单中标为“需由研究者补充”的条目。",
            "Close the Delphi and use the round {round} weights; complete the reporting "
            "checklist items marked *to be supplied by the researcher*.",
        ),
        "n_authority": (
            "专家权威系数均值低于{threshold}：考虑补充更熟悉该领域的专家，或在报告中说明这一局限。",
            "Mean authority is below {threshold}: consider adding experts who know the field "
            "better, or report this as a limitation.",
        ),
        "n_agreement": (
            "第{levels}级指标的协调性在 α = {alpha} 下不显著：反馈时说明专家意见的分歧所在。",
            "Agreement is not significant at α = {alpha} for level {levels}: point out where the "
            "experts disagree when giving feedback.",
        ),
        "n_published": (
            "已发表权重表有{n}处无法由四舍五入解释的不一致：引用前按其层级权重重新计算组合权重，或联系作者核实。",
            "Inconsistencies in the published table that rounding cannot explain: {n}. "
            "Recompute its combined weights from the level weights before citing them, or ask "
            "the authors.",
        ),
        # weights
        "ci_bca": ("BCa 自助法", "BCa bootstrap"),
        "ci_percentile": ("百分位自助法", "percentile bootstrap"),
        "ci_expanded": (
            "扩展百分位自助法，适用于小样本（Hesterberg 2015）",
            "expanded percentile bootstrap for small samples (Hesterberg 2015)",
        ),
        "ci_small_panel": (
            "注意：专家少于{n_min}人时，模拟研究显示该区间的实际覆盖率低于名义水平，只能视为近似区间。",
            "Note: with fewer than {n_min} experts, simulation shows these intervals cover less "
            "often than nominal; treat them as approximate.",
        ),
        "cr_undefined": (
            "CR 无定义，因为 Saaty 随机一致性指标 RI 只列到 15 阶（本组 {n} 项）",
            "CR is undefined, because Saaty's random index RI is tabulated only up to 15 "
            "items (this group has {n})",
        ),
        # content validity
        "kappa_excellent": ("优秀", "excellent"),
        "kappa_good": ("良好", "good"),
        "kappa_fair": ("一般", "fair"),
        "kappa_poor": ("差", "poor"),
        "cvi_undefined": (
            "无定义，因为只有{n}位专家评定",
            "undefined, because only {n} expert(s) rated",
        ),
        # reporting checklist (CREDES / ACCORD items)
        "supplied_by_user": ("需由研究者补充", "to be supplied by the researcher"),
        "from_data": ("由数据得出", "from the data"),
        "from_parameters": ("由报告参数得出", "from the report parameters"),
        "ck_panel": ("专家组构成与各轮人数", "Panel composition and size per round"),
        "ck_panel_answer": (
            "各轮作答专家数：{counts}{authority}",
            "experts answering per round: {counts}{authority}",
        ),
        "ck_round_count": ("第{round}轮{n}人", "round {round}: {n}"),
        "ck_round_rate": (
            "第{round}轮 {returned}/{sent}（{rate}）",
            "round {round}: {returned}/{sent} ({rate})",
        ),
        "ck_authority": ("；权威系数Cr均值 {cr}", "; mean authority Cr {cr}"),
        "ck_selection": (
            "专家遴选标准、招募方式、利益冲突声明",
            "Expert selection criteria, recruitment, conflicts of interest",
        ),
        "ck_response": ("各轮应答率", "Response rate per round"),
        "ck_response_answer": ("{rates}", "{rates}"),
        "ck_consensus": (
            "共识定义（须在第一轮前设定）",
            "Consensus definition (set before round 1)",
        ),
        "ck_consensus_answer": (
            "{rule}；研究者须确认该定义在第一轮之前已确定",
            "{rule}; the researcher must confirm it was fixed before round 1",
        ),
        "ck_rounds": ("轮数与终止规则", "Number of rounds and stopping rule"),
        "ck_rounds_answer": (
            "共{n}轮；终止规则：全部指标稳定（{stability}）、达成共识且通过筛选（{screening}）",
            "rounds: {n}; stopping rule: every indicator stable ({stability}), with consensus "
            "and passing screening ({screening})",
        ),
        "ck_items": ("各轮删除、新增或修改的指标", "Items dropped, added or changed per round"),
        "ck_items_answer": (
            "{changes}；措辞修改需由研究者说明",
            "{changes}; changes of wording must be described by the researcher",
        ),
        "ck_items_none": ("各轮评定的指标相同", "the same indicators were rated in every round"),
        "ck_items_round": (
            "第{round}轮删除 {dropped}，新增 {added}",
            "round {round}: dropped {dropped}, added {added}",
        ),
        "ck_feedback": ("反馈给专家的信息", "Feedback given to the experts"),
        "ck_feedback_answer": (
            "各指标上轮中位数、四分位区间、均值及本人评分；评分落在四分位区间外的专家被要求说明理由",
            "panel median, IQR and mean per indicator with the expert's own score; experts "
            "outside the IQR are asked for a reason",
        ),
        "ck_stability": ("轮间稳定性", "Stability between rounds"),
        "ck_stability_answer": (
            "第{first}–{second}轮：{n_stable}/{n}项指标稳定",
            "rounds {first}–{second}: {n_stable} of {n} indicators stable",
        ),
        "ck_stability_none": ("只有一轮，无法评价", "only one round: not assessable"),
        "ck_anonymity": (
            "匿名方式、问卷预试验、伦理审批与资助",
            "Anonymity, questionnaire piloting, ethics approval and funding",
        ),
        "ck_none": ("—", "—"),
        "none": ("无", "none"),
        # notebook 01: short generated lines (fixed prose lives in lang-zh / lang-en cells)
        "round_n": ("第{r}轮", "Round {r}"),
        "rounds_one": ("第{r}轮", "round {r}"),
        "rounds_many": ("第{rounds}轮", "rounds {rounds}"),
        "data_line": (
            "数据：{n}个指标，{rounds}，分析第{round}轮。",
            "Data: {n} indicators, {rounds}; analysing round {round}.",
        ),
        "excluded": ("因答卷不完整而排除的答卷：", "Excluded for incomplete answers:"),
        "rule_consensus": ("共识", "Consensus"),
        "rule_stability": ("稳定", "Stability"),
        "rule_screening": ("筛选", "Screening"),
        "rule_authority": ("专家权威", "Expert authority"),
        "rule_alpha": ("显著性水平", "Significance level"),
        "rule_ci": ("权重置信区间", "Weight intervals"),
        "rule_cr": ("判断矩阵一致性", "Judgement-matrix consistency"),
        "authority_rule": ("权威系数Cr ≥ {t}", "authority coefficient Cr ≥ {t}"),
        "rule_relevant": ("内容效度：视为相关", "Content validity: counted as relevant"),
        "relevant_rule": (
            "相关性评定文件中评 3–4 分；无该文件时重要性评分 ≥ {t}",
            "a relevance rating of 3–4; without a relevance file, an importance score ≥ {t}",
        ),
        "all_n": ("全部{n}项指标", "all {n} indicators"),
        "alpha_rule": ("α = {alpha}", "α = {alpha}"),
        "cr_rule": ("一致性比率CR ≤ {cr_max}", "consistency ratio CR ≤ {cr_max}"),
        "authority_share": (
            "个人权威系数Cr ≥ {t}的专家比例：{share}",
            "Share of experts with Cr ≥ {t}: {share}",
        ),
        "consensus_head": ("各轮共识", "Consensus per round"),
        "method_line": ("方法：{method}", "Method: {method}"),
        "priority_line": ("（优先级：{priority}）", " (priorities: {priority})"),
        "priority_geometric": ("几何平均法", "geometric mean"),
        "priority_eigen": ("特征向量法", "eigenvector"),
        "cr_heading": (
            "判断矩阵一致性（CR ≤ {cr_max} 视为可接受）",
            "Consistency of the judgement matrices (acceptable at CR ≤ {cr_max})",
        ),
        "group_top": ("一级指标", "First level"),
        "group_level": ("第{level}级指标（全部）", "All level-{level} indicators"),
        "ci_method_line": ("置信区间方法：{ci}", "Interval method: {ci}"),
        "feedback_written": (
            "已生成每位专家一份问卷（共{n}份，例如 {example}），专家组汇总（仅供研究负责人）：{summary}，"
            "全部问卷的压缩包：{zip}",
            "One questionnaire per expert written ({n}, e.g. {example}); panel summary (study "
            "lead only): {summary}; all questionnaires zipped: {zip}",
        ),
        "no_deadline": (
            "注意：未设置参数 `deadline`（交回日期），问卷请专家向研究负责人确认交回日期。",
            "Note: the parameter `deadline` (return date) is not set; the questionnaires ask the "
            "experts to check the return date with the study lead.",
        ),
        "feedback_flags": (
            "评分在四分位区间外、需说明理由的条目：{n}条（{k}位专家）",
            "Scores outside the panel IQR (reason requested): {n} ({k} experts)",
        ),
        "no_findings": ("{file}：未发现问题。", "{file}: no inconsistencies found."),
        "findings_head": ("{file}：需核对的地方", "{file}: points to check"),
        "one_round_only": ("只有一轮数据，无法比较。", "Only one round: nothing to compare."),
        "cvi_data_file": ("数据：{file}（1–4 分）", "Data: {file} (1–4)"),
        "cvi_data_ratings": (
            "数据：第{round}轮重要性评分",
            "Data: importance ratings, round {round}",
        ),
        "s_cvi": ("S-CVI/Ave = {ave}；S-CVI/UA = {ua}", "S-CVI/Ave = {ave}; S-CVI/UA = {ua}"),
        "lawshe_head": (
            "Lawshe CVR（临界值 {crit}，N = {n}，单侧 α = {alpha}）",
            "Lawshe CVR (critical value {crit}, N = {n}, one-tailed α = {alpha})",
        ),
        "lawshe_none": ("没有指标达到临界值。", "No indicator reaches the critical value."),
        "lawshe_cvi": (
            "显著指标的平均 CVR（内容效度指数）：{cvi}",
            "Mean CVR of the significant indicators (CVI): {cvi}",
        ),
        # returns collected by `cslib collect`
        "returns_from": (
            "第 {rounds} 轮的发放与交回人数来自 {file}（cslib collect 写出的受邀专家名单）。",
            "Sent and returned in round(s) {rounds} come from {file} (the list of invited "
            "experts written by cslib collect).",
        ),
        "reasons_intro": (
            "第{round}轮交回的问卷（{file}）中，评分仍在上轮四分位区间外并说明了理由的共{n}条，"
            "按指标列出，不注明专家（与问卷相同的匿名规则），可在第{next}轮反馈给专家组。",
            "In the questionnaires returned in round {round} ({file}), {n} score(s) stay outside "
            "last round's IQR with a reason. They are listed by indicator without naming the "
            "expert (the anonymity rule of the questionnaires) and can be fed back to the panel "
            "in round {next}.",
        ),
        "reasons_missing": (
            "另有{n}个评分仍在四分位区间外但没有说明理由。",
            "{n} further score(s) stay outside the IQR without a reason.",
        ),
        "side_below": ("低于 Q1", "below Q1"),
        "side_above": ("高于 Q3", "above Q3"),
        "comments_head": ("专家意见（不注明专家）", "Comments (experts not named)"),
        "no_comments": (
            "交回的问卷中没有修改意见。",
            "The returned questionnaires hold no comments.",
        ),
        "no_responses": (
            "未提供交回问卷的理由与意见（参数 `responses_path`）；用 `cslib collect` 收集交回的问卷"
            "即可得到该文件。",
            "No reasons and comments of returned questionnaires given (parameter "
            "`responses_path`); `cslib collect` writes that file from the returned "
            "questionnaires.",
        ),
    }
)
