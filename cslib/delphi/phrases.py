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
        "p_chi2": ("χ² 近似", "χ² approximation"),
        "w_sentence": (
            "第{level}级指标 W = {w}（{method}，{p}，{verdict}）",
            "level {level}: W = {w} ({method}, {p}; {verdict})",
        ),
        "w_sig": ("专家意见协调性显著", "significant agreement"),
        "w_nonsig": ("协调性不显著", "agreement not significant"),
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
        "next_stop": (
            "下一步：按事先设定的规则（稳定：{stability}；共识：{consensus}；筛选：{screening}），"
            "第{first}轮到第{second}轮全部指标稳定、达成共识且达标，可以结束德尔菲咨询。",
            "Next step: by the rule set in advance (stable: {stability}; consensus: "
            "{consensus}; screening: {screening}), every indicator was stable from round "
            "{first} to round {second}, reached consensus and passes; the Delphi can stop.",
        ),
        "next_more": (
            "下一步：按事先设定的规则，与第{first}轮相比，{reasons}。建议再进行一轮咨询，"
            "并把反馈表（各指标上轮中位数、四分位区间、本人评分，及落在四分位区间外时请说明理由）发给专家。",
            "Next step: by the rule set in advance, compared with round {first}, {reasons}. "
            "Another round is advisable, sending each expert the feedback workbook (panel "
            "median, IQR, their own last score, and a request for a reason where it lies "
            "outside the IQR).",
        ),
        "reason_unstable": ("{ids}未达稳定判据（{rule}）", "not stable ({rule}): {ids}"),
        "reason_no_consensus": (
            "{ids}在第{round}轮未达成共识（{rule}）",
            "no consensus in round {round} ({rule}): {ids}",
        ),
        "reason_failing": (
            "{ids}在第{round}轮仍未达筛选标准（{rule}）",
            "still failing the screening rule in round {round} ({rule}): {ids}",
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
            "{n} round(s); stopping rule: every indicator stable ({stability}), with consensus "
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
    }
)
