"""The one zh/en phrase table of notebook 01 and ``cslib collect`` (the Delphi package).

Every user-facing word of :mod:`cslib.delphi` comes from :data:`PHRASES`, in sections: the
report's summary box and statistics sentences (unprefixed), the returned-questionnaire check
of ``cslib collect`` (unprefixed, also printed by the command line), and, with their key
prefix, the feedback workbooks (``fb_``), the methods paragraph (``methods_``) and its
coverage appendix (``appendix_``), figure titles (``figure_``), the published weight-table
check (``check_``) and the weighting methods' names (``method_``).

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
        # ---- cslib collect: returned questionnaires (cslib.delphi.collect; also the CLI)
        # table columns
        "col_file": ("文件", "File"),
        "col_sheet": ("工作表", "Sheet"),
        "col_cell": ("单元格", "Cell"),
        "col_expected": ("应为", "Expected"),
        "col_found": ("实际", "Found"),
        "col_advice": ("处理办法", "What to do"),
        "heading": (
            "{n_files} 个文件中有 {n} 处问题，未写出任何文件。请全部改正后重新运行 cslib collect：",
            "{n} problem(s) in {n_files} file(s); nothing was written. Fix them all and run "
            "cslib collect again:",
        ),
        "what_to_do": ("处理办法：", "What to do:"),
        "empty": ("（空）", "(empty)"),
        "folder": ("（文件夹）", "(folder)"),
        # what was expected
        "exp_workbook": (
            "可以打开的 Excel 工作簿（.xlsx）",
            "an Excel workbook (.xlsx) that opens",
        ),
        "exp_ours": (
            "第 {round} 轮问卷（由报告 01 生成）",
            "a round {round} questionnaire written by report 01",
        ),
        "exp_round": ("第 {round} 轮的问卷", "a questionnaire of round {round}"),
        "exp_batch": (
            "与专家组汇总表同一批生成的问卷",
            "a questionnaire of the same batch as the panel summary",
        ),
        "exp_invited": ("受邀参加第 {round} 轮的专家", "an expert invited to round {round}"),
        "exp_once": ("每位专家只交回一个文件", "one file per expert"),
        "exp_name": ("文件名 {name}", "file name {name}"),
        "exp_sheet": ("工作表“{sheet}”", "worksheet '{sheet}'"),
        "exp_unchanged": ("未改动：{value}", "unchanged: {value}"),
        "exp_unchanged_more": ("以上之外的单元格也未改动", "no other cell changed either"),
        "exp_score": ("{lo}–{hi} 的整数", "a whole number from {lo} to {hi}"),
        "exp_typed": ("直接输入的数字，不是公式", "a typed number, not a formula"),
        "exp_summary": (
            "第 {round} 轮的专家组汇总表 delphi_round{round}_panel_summary.xlsx",
            "the panel summary delphi_round{round}_panel_summary.xlsx of round {round}",
        ),
        "exp_summary_any": (
            "专家组汇总表 delphi_round<轮次>_panel_summary.xlsx",
            "a panel summary delphi_round<N>_panel_summary.xlsx",
        ),
        "exp_one_summary": ("一个轮次的专家组汇总表", "the panel summary of one round"),
        "exp_returns": ("交回的问卷", "returned questionnaires"),
        # what was found
        "found_not_opened": ("无法打开：{why}", "cannot be opened: {why}"),
        "found_old_format": ("{suffix} 格式", "{suffix} format"),
        "found_no_check": (
            "不是报告 01 生成的问卷（没有核对页）",
            "not a questionnaire written by report 01 (no check sheet)",
        ),
        "found_summary": (
            "专家组汇总表（不是专家问卷）",
            "the panel summary (not a questionnaire)",
        ),
        "found_round": ("第 {round} 轮的问卷", "a questionnaire of round {round}"),
        "found_batch": ("另一批生成的问卷", "a questionnaire of another batch"),
        "found_expert": ("专家 {expert}", "expert {expert}"),
        "found_twice": ("专家 {expert} 也交回了 {other}", "expert {expert} also returned {other}"),
        "found_sheets": ("工作表：{sheets}", "worksheets: {sheets}"),
        "found_more": ("另有 {n} 个单元格被改动：{cells}", "{n} more cells changed: {cells}"),
        "found_none": ("未找到", "not found"),
        "found_rounds": ("第 {rounds} 轮的汇总表", "summaries of rounds {rounds}"),
        "found_no_returns": ("文件夹中没有问卷", "no questionnaire in the folder"),
        # what to do
        "do_workbook": (
            "用 Excel 或 WPS 打开该文件并“另存为” .xlsx 格式；不是问卷的文件请移出文件夹。",
            "Open the file in Excel or WPS and save it as .xlsx; move files that are not "
            "questionnaires out of the folder.",
        ),
        "do_ours": (
            "把不是交回问卷的文件移出文件夹；若专家把问卷复制到了新工作簿，请专家交回原文件。",
            "Move files that are not returned questionnaires out of the folder; if an expert "
            "copied the questionnaire into a new workbook, ask for the original file back.",
        ),
        "do_round": (
            "把其他轮次的问卷移出本轮的文件夹；若要收集另一轮，请用 --round 指定该轮。",
            "Move questionnaires of other rounds out of this round's folder; to collect another "
            "round, give it with --round.",
        ),
        "do_batch": (
            "该问卷不是与汇总表同一次生成的（例如旧版问卷）：请专家在本轮发出的问卷上重新填写，"
            "或用 --sent 指定生成这份问卷的报告文件夹。",
            "The questionnaire was not written in the same run as the panel summary (e.g. an "
            "older copy): ask the expert to fill in the questionnaire sent this round, or give "
            "the report folder that wrote it with --sent.",
        ),
        "do_invited": (
            "该专家不在本轮的发放名单中：确认文件来源，不属于本轮的请移出文件夹。",
            "The expert is not on this round's list: check where the file came from and move "
            "it out of the folder if it does not belong to this round.",
        ),
        "do_twice": (
            "同一专家的文件只保留最终版本，其余移出文件夹。",
            "Keep only the expert's final file in the folder and move the other(s) out.",
        ),
        "do_name": (
            "确认是该专家的问卷后，把文件改回应有的文件名。",
            "Check that the file is this expert's and rename it back to the expected name.",
        ),
        "do_unchanged": (
            "问卷中只有评分、理由、意见三列可以填写：请专家在原问卷上重新填写，或把其答案抄到报告"
            "文件夹中的原问卷上，再用原问卷替换该文件。",
            "Only the score, reason and comment columns may be filled in: ask the expert to "
            "fill in the original questionnaire again, or copy their answers into the original "
            "from the report folder and put that file in place of this one.",
        ),
        "do_score": (
            "请专家补全或改正评分；或把该文件移出文件夹（该专家计为未交回）。",
            "Ask the expert to complete or correct the score, or move the file out of the "
            "folder (the expert then counts as not returned).",
        ),
        "do_summary": (
            "把报告 01 在问卷旁写出的汇总表复制到交回文件夹，或用 --sent 指定报告 01 写出问卷的"
            "文件夹（例如 reports/delphi_round2_questionnaires）。",
            "Copy the panel summary report 01 wrote beside the questionnaires into the returns "
            "folder, or give the folder report 01 wrote the questionnaires to with --sent (e.g. "
            "reports/delphi_round2_questionnaires).",
        ),
        "do_one_summary": (
            "用 --round 指定要收集的轮次。",
            "Give the round to collect with --round.",
        ),
        "do_returns": (
            "把专家交回的问卷文件（.xlsx）放入该文件夹。",
            "Put the questionnaire files (.xlsx) the experts returned into the folder.",
        ),
        # console lines on success
        "written": ("已写出 {path}", "wrote {path}"),
        "returned_line": (
            "第 {round} 轮：发出 {sent} 份，交回 {returned} 份。",
            "Round {round}: {sent} sent, {returned} returned.",
        ),
        "missing_line": ("未交回：{experts}", "Not returned: {experts}"),
        "reasons_line": (
            "{n} 个评分仍在四分位区间外但未说明理由（见 {file} 的 reason_missing 列）。",
            "{n} score(s) still outside the IQR without a reason (column reason_missing of "
            "{file}).",
        ),
        "ignored_line": ("已跳过（不是工作簿）：{files}", "Skipped (not workbooks): {files}"),
        "next_line": ("下一步：", "Next:"),
        "next_invited": (
            "（N 为第一轮发出的问卷数；以后各轮的发放和交回人数由 returns 文件给出。）",
            "(N is the number of questionnaires sent in round 1; the later rounds' sent and "
            "returned counts come from the returns file.)",
        ),
        "conflict": (
            "{path} 已存在且内容不同（可能是另一次收集的结果）：请换一个 --output-dir，或加 "
            "--replace 替换。",
            "{path} exists with other content (perhaps another collection): choose another "
            "--output-dir, or pass --replace.",
        ),
        # ---- the next round's questionnaire workbooks, keys fb_* (cslib.delphi.feedback)
        "fb_indicator_id": ("指标编号", "Indicator"),
        "fb_level": ("层级", "Level"),
        "fb_name": ("指标名称", "Name"),
        "fb_definition": ("指标说明", "Definition"),
        "fb_n": ("上轮评分人数", "Experts (last round)"),
        "fb_median": ("上轮中位数", "Panel median (last round)"),
        "fb_q1": ("上轮下四分位数Q1", "Panel Q1 (last round)"),
        "fb_q3": ("上轮上四分位数Q3", "Panel Q3 (last round)"),
        "fb_mean": ("上轮均值", "Panel mean (last round)"),
        "fb_own": ("您上轮的评分", "Your last score"),
        "fb_outside": ("您的评分在四分位区间外", "Your score is outside the panel IQR"),
        "fb_new": ("本轮评分（{lo}–{hi}）", "New score ({lo}–{hi})"),
        "fb_reason": (
            "若仍保持区间外评分，请说明理由",
            "Reason, if you keep a score outside the IQR",
        ),
        "fb_comment": ("修改意见", "Comments"),
        "fb_flag": ("是，请说明理由", "yes, please give a reason"),
        "fb_expert_id": ("专家编号", "Expert"),
        "fb_score": ("上轮评分", "Last score"),
        "fb_file": ("问卷文件", "Questionnaire file"),
        "fb_title": (
            "德尔菲专家咨询 第{round}轮问卷",
            "Delphi consultation: round {round} questionnaire",
        ),
        "fb_summary_title": (
            "德尔菲专家咨询 第{round}轮反馈汇总（仅供研究负责人，勿发给专家）",
            "Delphi consultation: round {round} feedback summary (study lead only; do not send "
            "to experts)",
        ),
        "fb_expert_line": ("专家编号：{expert}", "Expert: {expert}"),
        "fb_deadline_line": ("请于 {deadline} 前交回", "Please return by {deadline}"),
        "fb_deadline_unset": (
            "交回日期：请向研究负责人确认",
            "Return date: please ask the study lead",
        ),
        "fb_instructions": (
            "说明：下表列出第{prev}轮 {n} 位专家评分的中位数和四分位区间（Q1–Q3），以及您本人上轮的"
            "评分；表中不含其他专家的个人评分。请在“本轮评分”列为每个指标重新打分（{lo}–{hi} 的"
            "整数，{lo} 表示最不重要，{hi} 表示最重要），可以保持或修改原评分。标记为“在四分位区间外”"
            "的指标，若您本轮的评分仍低于 Q1 或高于 Q3，请在“理由”列说明理由。只有评分、理由和意见"
            "三列可以填写。",
            "Instructions: the table shows the median and interquartile range (Q1–Q3) of the "
            "{n} experts' scores in round {prev}, and your own score from that round; it holds "
            "no other expert's individual score. Please score every indicator again in the "
            "'New score' column (a whole number from {lo}, least important, to {hi}, most "
            "important); you may keep or change your earlier score. Where your score is flagged "
            "as outside the IQR and your new score is still below Q1 or above Q3, please give "
            "a reason in the 'Reason' column. Only the score, reason and comment columns can "
            "be edited.",
        ),
        "fb_score_error_title": ("评分无效", "Invalid score"),
        "fb_score_error": (
            "请输入 {lo} 到 {hi} 之间的整数。",
            "Please enter a whole number from {lo} to {hi}.",
        ),
        "fb_sheet": ("问卷", "Questionnaire"),
        "fb_sheet_panel": ("专家组统计", "Panel"),
        "fb_sheet_experts": ("专家评分与标记", "Experts"),
        "fb_sheet_files": ("问卷文件", "Files"),
        "fb_page": ("第 &P 页，共 &N 页", "Page &P of &N"),
        # ---- methods paragraph, keys methods_* (cslib.delphi.methods)
        "methods_design": (
            "本研究采用德尔菲法，共进行 {n_rounds} 轮专家咨询。{returns}",
            "A Delphi consultation was run in {n_rounds} {rounds_word}. {returns}",
        ),
        "methods_round_word_one": ("", "round"),
        "methods_round_word_many": ("", "rounds"),
        "methods_return_round": (
            "第 {r} 轮发放问卷 {sent} 份、回收 {returned} 份（回收率 {rate}）",
            "round {r}: {sent} questionnaires sent, {returned} returned ({rate})",
        ),
        "methods_returns_end": ("。", "."),
        "methods_returns_en_start": ("", "Returns by round — "),
        "methods_later_rounds": (
            "第 2 轮起问卷只发给上一轮回复的专家。",
            "From round 2 on, questionnaires went to the experts who answered the round before.",
        ),
        "methods_authority": (
            "专家权威系数 Cr 为判断依据 Ca 与熟悉程度 Cs 的均值，Cr ≥ {t} 视为可接受；"
            "第 {r} 轮专家的平均 Cr 为 {cr}，{share} 的专家达到该标准。",
            "Expert authority Cr was the mean of judgement basis Ca and familiarity Cs, "
            "acceptable at Cr ≥ {t}; the round-{r} panel's mean Cr was {cr}, and {share} of "
            "the experts met the threshold.",
        ),
        "methods_scale": (
            "专家按 {lo}–{hi} 分 Likert 量表评定 {n_items} 个指标的重要性。",
            "Experts rated the importance of {n_items} indicators on a {lo}–{hi} Likert scale.",
        ),
        "methods_rules": (
            "以下判定规则在第 1 轮之前确定（Diamond 等，2014）：共识为{consensus}；"
            "稳定为{stability}；指标筛选标准为{screening}，一项不达标的指标标为“修改”，"
            "两项及以上标为“考虑删除”，由研究者讨论决定，不自动删除。",
            "The following rules were fixed before round 1 (Diamond et al., 2014): consensus, "
            "{consensus}; stability, {stability}; screening, {screening}, an indicator failing "
            "one criterion being flagged for revision and failing two or more for discussion of "
            "its removal (never removed automatically).",
        ),
        "methods_kendall": (
            "专家意见的协调程度用肯德尔协调系数 W（同分校正；Kendall 与 Babington Smith，1939）"
            "按层级和同级指标组计算，P 值的计算方法为：{methods}。",
            "Agreement was measured with Kendall's coefficient of concordance W with tie "
            "correction (Kendall & Babington Smith, 1939) per level and per sibling group; "
            "p-values were {methods}.",
        ),
        "methods_kendall_exact": (
            "2–3 个指标的组用精确置换分布",
            "from the exact permutation distribution for groups of 2–3 indicators",
        ),
        "methods_kendall_mc": (
            "4–7 个指标的组用 {n_perm} 次蒙特卡洛置换（随机种子 {seed}；Legendre，2005）",
            "from {n_perm} Monte-Carlo permutations (seed {seed}; Legendre, 2005) for groups of "
            "4–7 indicators",
        ),
        "methods_kendall_chi2": (
            "8 个及以上指标的组用 χ² = m(n − 1)W（自由度 n − 1）近似",
            "from the χ² approximation m(n − 1)W on n − 1 degrees of freedom for groups of 8 or "
            "more indicators",
        ),
        "methods_kendall_undefined": (
            "全部专家对一组指标评分相同时 W 无定义（0/0），不报告检验",
            "W is undefined (0/0) when every expert gives every indicator of a group the same "
            "score, and no test is reported then",
        ),
        "methods_compare": (
            "第 {a} 轮与第 {b} 轮之间，{n} 位两轮均作答专家的配对评分用精确 Wilcoxon 符号秩检验"
            "（零差值按 Pratt 法处理，同分用中秩；Pratt，1959）和精确符号检验比较，符号秩检验的"
            " P 值在各指标之间做 Holm 校正（Holm，1979），显著性水平 α = {alpha}；检验不显著不作为稳定的证据。",
            "Between rounds {a} and {b}, the paired scores of the {n} experts who answered both "
            "were compared with the exact Wilcoxon signed-rank test (zeros by Pratt's method, "
            "mid-ranks for ties; Pratt, 1959) and the exact sign test, the signed-rank p-values "
            "Holm-adjusted across indicators (Holm, 1979) at α = {alpha}; a non-significant test was not taken as "
            "evidence of stability.",
        ),
        "methods_weights_mean": (
            "指标权重由第 {r} 轮评分计算：各指标的平均重要性在同级指标组内归一化得到层级权重。",
            "Weights were derived from the round-{r} ratings: each indicator's mean importance, "
            "normalised within its sibling group, gave its level weight.",
        ),
        "methods_weights_rank_sum": (
            "指标权重由第 {r} 轮评分计算：每位专家在同级指标组内的评分秩（同分取中秩）求和后"
            "归一化得到层级权重。",
            "Weights were derived from the round-{r} ratings: each expert's within-group "
            "mid-ranks were summed and normalised to give the level weights.",
        ),
        "methods_weights_ahp": (
            "指标权重由第 {r} 轮评分按均值差层次分析法计算（Saaty，1980）：同级指标 i、j 的判断值"
            "为 aᵢⱼ = 1 + (mᵢ − mⱼ)（mᵢ ≥ mⱼ 时，否则取其倒数），m 为平均重要性；优先级按"
            "{priority}求得，判断矩阵一致性比率 CR ≤ {cr_max} 视为可接受。",
            "Weights were derived from the round-{r} ratings by mean-difference AHP (Saaty, "
            "1980): the judgement between sibling indicators i and j was aᵢⱼ = 1 + (mᵢ − mⱼ) "
            "when mᵢ ≥ mⱼ and its reciprocal otherwise, m being the mean importance; "
            "priorities were {priority}, and a judgement matrix with consistency ratio "
            "CR ≤ {cr_max} was accepted.",
        ),
        "methods_priority_geometric": ("行几何平均法", "row geometric means"),
        "methods_priority_eigen": ("主特征向量法", "the principal eigenvector"),
        "methods_combined": (
            "组合权重为各级层级权重沿指标体系的乘积。",
            "Combined weights are the products of the level weights down the hierarchy.",
        ),
        "methods_ci": (
            "权重的 {level} 置信区间由对专家的 {n_boot} 次有放回自助重抽样（随机种子 {seed}）"
            "按{ci}计算。",
            "{level} confidence intervals came from {n_boot} bootstrap resamples of experts "
            "with replacement (seed {seed}) by the {ci}.",
        ),
        "methods_ci_expanded": (
            "扩展百分位法（Hesterberg，2015）",
            "expanded percentile method (Hesterberg, 2015)",
        ),
        "methods_ci_bca": ("BCa 法（Efron，1987）", "BCa method (Efron, 1987)"),
        "methods_ci_percentile": ("百分位法", "percentile method"),
        "methods_coverage": (
            "在以本项目示例数据第 2 轮评分分布生成的模拟专家组中（名义 95%），该区间在 8、15、40 位专家时的"
            "覆盖率分别为 {c8}、{c15} 和 {c40}（见附录）。",
            "In simulated panels drawn from the round-2 score distributions of the project's "
            "sample data "
            "(nominal 95 %), this interval covered the true weight {c8}, {c15} and {c40} of "
            "the time with 8, 15 and 40 experts (see the appendix).",
        ),
        "methods_coverage_unknown": (
            "该区间在{method}下的覆盖率未经模拟检验。",
            "The coverage of this interval has not been checked by simulation for {method}.",
        ),
        "methods_small_panel": (
            "本研究专家少于 {n_min} 人（模拟检验过的最小规模），区间应视为近似。",
            "With fewer than {n_min} experts (the smallest panel simulated) the intervals are "
            "approximate.",
        ),
        "methods_no_ci": ("未计算权重的置信区间。", "No confidence intervals were computed."),
        "methods_cvi": (
            "内容效度用条目水平内容效度指数 I-CVI、量表水平 S-CVI/Ave 与 S-CVI/UA 及调整 kappa "
            "评价（Polit 等，2007），并计算 Aiken V 及其精确右尾 P 值（Aiken，1985）；{source}",
            "Content validity was assessed with the item-level I-CVI, the scale-level S-CVI/Ave "
            "and S-CVI/UA and the modified kappa (Polit et al., 2007), and with Aiken's V and "
            "its exact right-tail p-value (Aiken, 1985); {source}",
        ),
        "methods_cvi_file": (
            "相关性由专家在 1–4 分量表上单独评定，3–4 分视为相关。",
            "relevance was rated separately on a 1–4 scale, 3–4 counting as relevant.",
        ),
        "methods_cvi_ratings": (
            "相关性取第 {r} 轮的重要性评分，评分 ≥ {t} 视为相关。",
            "relevance was taken from the round-{r} importance ratings, a score of {t} or more "
            "counting as relevant.",
        ),
        "methods_reporting": (
            "报告按 CREDES 指南（Jünger 等，2017）的条目组织。计算使用 cslib {version}。",
            "Reporting follows the CREDES guidance (Jünger et al., 2017). Computations used "
            "cslib {version}.",
        ),
        # ---- appendix on interval coverage, keys appendix_* (cslib.delphi.methods)
        "appendix_coverage_text": (
            "权重置信区间的覆盖率用模拟检验：每种专家人数（8、15、40）模拟 1,000 个专家组"
            "（均值归一化法 500 个），每位模拟专家对每个指标的评分从样本数据第 2 轮该指标的评分"
            "分布中抽取；“真实”权重为同一方法用于总体平均评分的结果；每个模拟专家组做 1,000 次"
            "自助重抽样，统计 95% 区间覆盖真实组合权重的比例（11 个末级指标的平均；单个指标覆盖率"
            "的蒙特卡洛标准误约 0.7 个百分点）。普通百分位区间和 BCa 区间在小专家组中偏窄（BCa 校正"
            "的是偏倚和偏度，而非自助分布过窄），扩展百分位区间（Hesterberg，2015）在三种规模下与"
            "95% 相差不超过 2 个百分点，因此作为默认方法。秩和法未做模拟。",
            "The coverage of the weight intervals was checked by simulation: 1,000 panels for "
            "each panel size (8, 15, 40 experts; 500 for normalised means), each simulated "
            "expert drawing every indicator's score from that indicator's round-2 score "
            "distribution in the sample data; the 'true' weight is the method applied to the "
            "population mean scores; each panel was resampled 1,000 times and the share of 95 % "
            "intervals covering the true combined weight was counted (mean over the 11 "
            "lowest-level indicators; Monte-Carlo standard error of one indicator's coverage "
            "about 0.7 points). Percentile and BCa intervals are too narrow in small panels "
            "(BCa corrects bias and skew, not a bootstrap distribution that is too narrow); the "
            "expanded percentile interval (Hesterberg, 2015) is within 2 points of 95 % at all "
            "three sizes and is therefore the default. Rank-sum weights were not simulated.",
        ),
        "appendix_weighting": ("赋权方法", "Weighting method"),
        "appendix_interval": ("区间方法", "Interval method"),
        "appendix_experts": ("{n} 位专家", "{n} experts"),
        # ---- figure titles and legends, keys figure_* (cslib.delphi.figures)
        "figure_weights": (
            "组合权重及{ci:.0%}自助法置信区间（{method}）",
            "Combined weights with {ci:.0%} bootstrap CIs ({method})",
        ),
        "figure_weights_no_ci": ("组合权重（{method}）", "Combined weights ({method})"),
        "figure_screening": (
            "第{round}轮指标筛选：均值与变异系数",
            "Round {round} screening: mean and CV",
        ),
        "figure_concordance": ("各轮肯德尔协调系数W", "Kendall's W by round"),
        "figure_level_tick": ("第{level}级指标（全部）", "All level-{level}\nindicators"),
        "figure_round_n": ("第{round}轮", "Round {round}"),
        "figure_mean_threshold": ("均值阈值 {v:g}", "mean threshold {v:g}"),
        "figure_cv_threshold": ("CV阈值 {v:g}", "CV threshold {v:g}"),
        # ---- published weight-table check, keys check_* (cslib.delphi.table_check)
        "check_sum_rounding": (
            "{what}之和为 {total}，不是 {target}；在印刷值四舍五入允许的范围内（±{slack}）",
            "{what} add up to {total}, not {target}; within the rounding of the printed values (±{slack})",
        ),
        "check_sum_problem": (
            "{what}之和为 {total}，不是 {target}；超出了印刷值四舍五入所能解释的范围（最多 ±{slack}）",
            "{what} add up to {total}, not {target}; more than rounding of the printed values can "
            "explain (at most ±{slack})",
        ),
        "check_product_rounding": (
            "印刷的组合权重 {printed} 不是印刷层级权重乘积的四舍五入值（{names} = {point}）；"
            "考虑层级权重本身的四舍五入，乘积可在 {low}–{high} 之间，因此 {printed} 可由输入的四舍五入解释",
            "printed combined weight {printed} is not the rounded product of the printed weights "
            "({names} = {point}); inputs within their rounding allow {low}–{high}, so {printed} is "
            "explainable by rounding of the inputs",
        ),
        "check_product_problem": (
            "印刷的组合权重 {printed} 不可能由印刷的层级权重得到（{names} = {point}；即使考虑四舍五入，"
            "乘积也只能在 {low}–{high} 之间）",
            "printed combined weight {printed} cannot come from the printed weights ({names} = "
            "{point}; even allowing for their rounding the product lies in {low}–{high})",
        ),
        "check_level1": ("一级指标权重", "first-level weights"),
        "check_within": ("{node} 组内权重", "weights within {node}"),
        "check_combined_of": (
            "{node} 下属指标的组合权重",
            "combined weights of {node}'s indicators",
        ),
        "check_lowest": ("末级指标组合权重", "combined weights of the lowest level"),
        # ---- weighting methods, keys method_* (cslib.delphi.weights.method_label)
        "method_mean": ("均值归一化法", "normalised mean"),
        "method_ahp_mean_diff": ("均值差层次分析法", "mean-difference AHP"),
        "method_rank_sum": ("秩和法", "rank sum"),
        # ---- legacy --------------------------------------------------------
        "legacy_notice": (
            "注意：以下 {n} 个文件是旧版问卷（没有核对页），已按问卷版式读取：{files}。"
            "评分列以外的单元格只与专家组汇总表核对了指标编号、上一轮本人评分和四分位数；"
            "收集结果只含上一轮和本轮的评分。",
            "Note: {n} file(s) are questionnaires of the earlier version (no check sheet) and "
            "were read by their layout: {files}. Outside the score columns only the indicator "
            "ids, the expert's previous score and the quartiles were checked against the panel "
            "summary; the collected ratings hold the previous and this round only.",
        ),
        # ---- panel_reasons -------------------------------------------------
        "sheet": ("专家组理由", "Panel reasons"),
        "title": (
            "第 {round} 轮专家给出的理由与意见（匿名）",
            "Reasons and comments the panel gave in round {round} (anonymous)",
        ),
        "intro": (
            "下表列出第 {round} 轮中评分落在上一轮四分位区间（Q1–Q3）之外的专家给出的理由，"
            "以及专家的意见。表中不含专家编号，按指标、评分和文字排序，不按专家排序。"
            "请在填写本轮评分前阅读；是否据此修改评分由您决定。",
            "Below are the reasons given in round {round} for scores outside the interquartile "
            "range (Q1–Q3) of the round before, and the experts' comments.  No expert id is "
            "shown; rows are ordered by indicator, score and text, never by expert.  Please "
            "read them before you score this round; whether they change your score is yours "
            "to decide.",
        ),
        "reasons_none": (
            "第 {round} 轮没有专家给出理由或意见。",
            "No reasons or comments were given in round {round}.",
        ),
        "indicator_id": ("指标编号", "Indicator"),
        "name": ("指标名称", "Name"),
        "kind": ("类别", "Kind"),
        "score": ("评分", "Score"),
        "text": ("理由或意见", "Reason or comment"),
        "below": ("低于 Q1 的评分的理由", "reason for a score below Q1"),
        "above": ("高于 Q3 的评分的理由", "reason for a score above Q3"),
        "comment": ("意见", "comment"),
    }
)
