"""What notebook 02 shows: the summary box and report-ready tables, in one language.

:func:`summary_box` turns the results of the consistency checks into the 3–6 findings and
next steps that open the report; the ``*_table`` functions give the tables with named
columns (labels in :data:`cslib.core.i18n.LABELS`) and values in the report's language, so
that no internal name, ``None`` or ``nan`` reaches a reader.  Thresholds in the sentences
come from the results (which carry the parameters they were computed with), never from
literals here.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from cslib.consistency.ahp_survey import SurveyResult
from cslib.consistency.summary import PHRASES as SUMMARY_PHRASES
from cslib.consistency.summary import QASummary, interpret_alpha, magnitude, why
from cslib.core.findings import Finding
from cslib.core.i18n import (
    Phrases,
    check_lang,
    clause_separator,
    each_language,
    label,
    list_separator,
    quote,
)
from cslib.stats.agreement import CronbachAlpha
from cslib.stats.ahp import TOP, WeightComparison

#: Summary-box sentences and table values of the consistency checks, (zh, en).
PHRASES = Phrases(
    {
        "findings": ("**主要发现**", "**Findings**"),
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
        "kripp_total": ("Krippendorff α（总分，等距）", "Krippendorff α (totals, interval)"),
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
    }
)


def _sep(lang: str) -> str:
    return list_separator(lang)


def _f2(x: float) -> str:
    return f"{x:.2f}"


def _conf(level: float) -> str:
    return f"{100 * level:g}%"


def _join(parts: list[str], lang: str) -> str:
    return clause_separator(lang).join(parts)


def group_name(group: str, names: dict[str, str], lang: str) -> str:
    """Display name of an AHP matrix: the parent indicator's name, or "first level"."""
    return PHRASES("first_level", lang) if group == TOP else names.get(group, group)


@each_language("\n\n")  # zh+en: the Chinese box, then the English one
def summary_box(
    survey: SurveyResult,
    reask: pd.DataFrame,
    qa: QASummary,
    alpha: CronbachAlpha,
    schemes: list[tuple[str, list[Finding]]],
    *,
    item_names: dict[str, str] | None = None,
    lang: str = "zh",
) -> str:
    """The summary box of notebook 02 as Markdown: findings with their numbers, next steps.

    One finding each for the AHP consistency (and which experts to re-ask), QA agreement
    (ICC(2,1), Fleiss κ beside Gwet's AC1 and the band reached by membership probability),
    biased inspectors, questionnaire reliability and the scoring schemes; then numbered
    next steps.  Thresholds come from the results: ``survey.cr_threshold``, the confidence
    levels stored with each interval, ``qa.benchmarks["threshold"]``, ``qa.bias.practical``.

    Examples
    --------
    See ``tests/test_consistency_report.py``; the sentences are checked there against the
    numbers and thresholds they are given.
    """
    lang = check_lang(lang)
    item_names = item_names or {}
    findings: list[str] = []
    steps: list[str] = []
    # 1 AHP
    cons = survey.consistency
    t = f"{survey.cr_threshold:.2f}"
    n_exp = int(cons["expert"].nunique())
    bad = cons.loc[~cons["acceptable"].astype(bool)]
    if bad.empty:
        findings.append(PHRASES("ahp_ok", lang, n=n_exp, t=t))
    else:
        experts = list(dict.fromkeys(bad["expert"]))
        who = _sep(lang).join(
            PHRASES("ahp_bad_who", lang, e=e, cr=_f2(bad.loc[bad["expert"] == e, "cr"].max()))
            for e in experts
        )
        findings.append(PHRASES("ahp_bad", lang, n=n_exp, k=len(experts), t=t, who=who))
        if not reask.empty:
            steps.append(PHRASES("ahp_next", lang, who=_sep(lang).join(experts), m=len(reask)))
    # 2 QA agreement
    icc = qa.icc.loc["ICC(2,1)"]
    fk, g = qa.fleiss_pass_ci, qa.gwet_pass

    def coef(c: object) -> str:
        if c is None or getattr(c, "reason", None) is not None:
            reason = getattr(c, "reason", None) or "the coefficient is undefined"
            return PHRASES("qa_undefined", lang, why=why(reason, lang))
        return _f2(float(c.statistic))  # type: ignore[attr-defined]

    bench = ""
    rows = qa.benchmarks.set_index("coefficient") if len(qa.benchmarks) else None
    if rows is not None and {"Fleiss kappa", "AC1"} <= set(rows.index):

        def band(stat: str) -> str:
            b = rows.loc[stat, "band"]
            if isinstance(b, str) and not isinstance(rows.loc[stat, "reason"], str):
                return SUMMARY_PHRASES(b, lang)
            return PHRASES("qa_no_band", lang)

        no_band = PHRASES("qa_no_band", lang)
        if {band("Fleiss kappa"), band("AC1")} != {no_band}:  # no claim from no standard error
            bench = PHRASES(
                "qa_bench",
                lang,
                prob=_conf(float(rows["threshold"].iloc[0])),
                scale=SUMMARY_PHRASES(str(rows["scale"].iloc[0]), lang),
                kb=band("Fleiss kappa"),
                ab=band("AC1"),
            )
    if qa.identical:  # trivially perfect agreement: stated, no intervals of width 0
        findings.append(SUMMARY_PHRASES("qa_identical", lang, n=qa.calls_used))
    elif isinstance(icc.get("reason"), str):
        icc_v, lo, hi = PHRASES("qa_undefined", lang, why=why(icc["reason"], lang)), "", ""
    else:
        icc_v, lo, hi = _f2(icc["statistic"]), _f2(icc["ci_low"]), _f2(icc["ci_high"])
    if not qa.identical:
        findings.append(
            PHRASES(
                "qa",
                lang,
                icc=icc_v,
                conf=_conf(float(icc["confidence_level"])),
                lo=lo,
                hi=hi,
                mark=f"{qa.pass_mark:g}",
                share=f"{100 * qa.pass_rate:.1f}%",
                kappa=coef(fk),
                ac1=coef(g),
                bench=bench,
            )
        )
    # 3 inspector bias and the weakest item
    b = qa.bias
    flagged = b.table.loc[b.table["flagged"].astype(bool)]
    items = qa.krippendorff_items.dropna(subset=["alpha"]).sort_values("alpha", kind="stable")
    weakest = items.iloc[0] if len(items) and not qa.identical else None
    if flagged.empty:
        findings.append(PHRASES("bias_none", lang, p=f"{b.practical:g}"))
    else:
        parts = [
            PHRASES(
                "bias_one",
                lang,
                r=r.rater,
                way=PHRASES("harder" if r.mean_diff < 0 else "softer", lang),
                d=f"{abs(r.mean_diff):.1f}",
                conf=_conf(b.confidence_level),
                # the magnitude's interval beside the magnitude (never a signed interval)
                lo=f"{magnitude(r.mean_diff, r.ci_low, r.ci_high)[1]:.1f}",
                hi=f"{magnitude(r.mean_diff, r.ci_low, r.ci_high)[2]:.1f}",
            )
            for r in flagged.sort_values(
                "mean_diff", key=np.abs, ascending=False, kind="stable"
            ).itertuples(index=False)
        ]
        findings.append(PHRASES("bias_some", lang, who=_join(parts, lang)))
    if weakest is not None:
        wname = item_names.get(weakest["item"], weakest["item"])
        if flagged.empty:
            steps.append(PHRASES("item_next", lang, item=wname, a=_f2(weakest["alpha"])))
        else:
            steps.append(
                PHRASES(
                    "bias_next",
                    lang,
                    who=_sep(lang).join(flagged["rater"]),
                    item=wname,
                    a=_f2(weakest["alpha"]),
                )
            )
    # 4 questionnaire
    if alpha.reason is not None:
        findings.append(PHRASES("alpha_undefined", lang, why=why(alpha.reason, lang)))
    else:
        findings.append(
            PHRASES(
                "alpha",
                lang,
                k=alpha.k,
                a=_f2(alpha.statistic),
                conf=_conf(alpha.confidence_level),
                lo=_f2(alpha.ci_low),
                hi=_f2(alpha.ci_high),
                band=interpret_alpha(alpha.statistic, lang),
            )
        )
        better = alpha.items.loc[
            (alpha.items["alpha_if_deleted"] > alpha.statistic) & alpha.items["reason"].isna()
        ]
        if len(better):
            steps.append(PHRASES("alpha_next", lang, items=_sep(lang).join(better["item"])))
    # 5 schemes
    bad_schemes = [(name, f) for name, f in schemes if f]
    if not bad_schemes:
        findings.append(
            PHRASES("schemes_ok", lang, names=_sep(lang).join(quote(n, lang) for n, _ in schemes))
        )
    else:
        what = _join(
            [
                PHRASES("scheme_bad_one", lang, name=n, k=len(f), first=f[0].message)
                for n, f in bad_schemes
            ],
            lang,
        )
        findings.append(PHRASES("schemes_bad", lang, what=what))
        steps.append(
            PHRASES(
                "schemes_next",
                lang,
                names=_sep(lang).join(quote(n, lang) for n, _ in bad_schemes),
            )
        )
    if not steps:
        steps.append(PHRASES("nothing_next", lang))
    lines = [PHRASES("findings", lang), ""]
    lines += [f"- {f}" for f in findings]
    lines += ["", PHRASES("next_steps", lang), ""]
    lines += [f"{i}. {s}" for i, s in enumerate(steps, 1)]
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# Tables (columns are keys of cslib.core.i18n.LABELS; values already in the report language)


def cr_matrix(survey: SurveyResult, names: dict[str, str], lang: str = "zh") -> pd.DataFrame:
    """Expert × matrix table of consistency ratios, matrices named by their parent indicator."""
    groups = list(dict.fromkeys(survey.consistency["group"]))
    table = survey.consistency.pivot(index="expert", columns="group", values="cr")[groups]
    table.columns = [group_name(g, names, lang) for g in groups]
    table.columns.name = None
    table.index.name = label("expert", lang)
    return table


def reask_table(reask: pd.DataFrame, names: dict[str, str], lang: str = "zh") -> pd.DataFrame:
    """Judgements to re-ask with the matrix shown by name."""
    out = reask.copy()
    if "group" in out:
        out["group"] = out["group"].map(lambda g: group_name(g, names, lang))
    return out


def aggregate_table(survey: SurveyResult, names: dict[str, str], lang: str = "zh") -> pd.DataFrame:
    """Consistency of the aggregated matrices, matrices named by their parent indicator."""
    out = survey.aggregate_consistency.copy()
    out["group"] = out["group"].map(lambda g: group_name(g, names, lang))
    return out


def weights_table(survey: SurveyResult, names: dict[str, str]) -> pd.DataFrame:
    """Local and combined AHP weights with indicator names (rates shown in per cent)."""
    w = survey.weights.rename(columns={"id": "indicator_id", "global": "combined"})
    w.insert(1, "name", w["indicator_id"].map(names))
    if "parent" in w:
        w["parent"] = w["parent"].map(lambda p: names.get(p, "") if isinstance(p, str) else "")
    return w


def comparison_table(comparison: WeightComparison, names: dict[str, str], lang: str = "zh"):
    """The two weight tables side by side, in per cent, with ranks."""
    a, b = comparison.names
    t = comparison.table
    out = pd.DataFrame(
        {
            "name": [names.get(i, i) for i in t.index],
            PHRASES("weight_of", lang, name=a): (100 * t[a]).round(1).map(lambda v: f"{v:.1f}%"),
            PHRASES("weight_of", lang, name=b): (100 * t[b]).round(1).map(lambda v: f"{v:.1f}%"),
            PHRASES("difference_pp", lang): (100 * t["difference"]).map(lambda v: f"{v:+.1f}"),
            PHRASES("rank_of", lang, name=a): t[f"rank_{a}"].astype(int),
            PHRASES("rank_of", lang, name=b): t[f"rank_{b}"].astype(int),
        }
    )
    out.insert(0, "indicator_id", list(t.index))
    return out.reset_index(drop=True)


def rank_agreement_table(comparison: WeightComparison, lang: str = "zh") -> pd.DataFrame:
    """Spearman ρ and Kendall τ between the two weight tables with their p-values."""
    return pd.DataFrame(
        {
            "coefficient": [PHRASES("spearman", lang), PHRASES("kendall_tau", lang)],
            "statistic": [comparison.spearman, comparison.kendall],
            "pvalue": [comparison.spearman_p, comparison.kendall_p],
        }
    )


def sensitivity_table(sens: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """Sensitivity intervals with indicator names and the top-k orders spelled out.

    Weights and interval ends in per cent; the room to move in percentage points.
    """
    out = sens.rename(
        columns={
            "id": "indicator_id",
            "top": "order_now",
            "below": "order_below",
            "above": "order_above",
        }
    )
    out.insert(1, "name", out["indicator_id"].map(names))
    for c in ("weight", "lower", "upper"):
        out[c] = out[c].map(lambda v: f"{100 * v:.1f}%")
    for c in ("max_decrease", "max_increase"):
        out[c] = out[c].map(lambda v: f"{100 * v:.1f}")
    return out.rename(
        columns={"max_decrease": "max_decrease_pp", "max_increase": "max_increase_pp"}
    )


def icc_display(qa: QASummary, lang: str = "zh") -> pd.DataFrame:
    """The six ICC forms with both naming conventions, interval and F test."""
    t = qa.icc.reset_index(drop="form" in qa.icc.columns).rename(columns={"f": "f_stat"})
    if "form" not in t:
        t = t.rename(columns={t.columns[0]: "form"})
    t["description"] = t["description"].map(lambda d: PHRASES(d, lang) if d in PHRASES else d)
    cols = [
        "form",
        "mcgraw_wong",
        "description",
        "statistic",
        "ci_low",
        "ci_high",
        "f_stat",
        "df1",
        "df2",
        "pvalue",
    ]
    out = t[[c for c in cols if c in t]].copy()
    for c in ("df1", "df2"):
        if c in out:
            out[c] = out[c].map(lambda v: f"{v:g}" if pd.notna(v) else "")
    return out


def agreement_table(qa: QASummary, lang: str = "zh") -> pd.DataFrame:
    """Fleiss κ beside Gwet's AC1 (pass/fail), Krippendorff's α and Kendall's W.

    A statistic without an interval or p-value has an empty cell and a note saying why.
    """
    rows = []
    for key, c in (("fleiss_pf", qa.fleiss_pass_ci), ("ac1_pf", qa.gwet_pass)):
        if c is None:
            continue
        reason = c.reason or c.pvalue_reason
        rows.append(
            {
                "coefficient": PHRASES(key, lang),
                "statistic": c.statistic,
                "ci_low": c.ci_low,
                "ci_high": c.ci_high,
                "pvalue": c.pvalue,
                "note": PHRASES("undefined_cell", lang, why=why(reason, lang)) if reason else "",
            }
        )
    ka = qa.krippendorff_total
    rows.append(
        {
            "coefficient": PHRASES("kripp_total", lang),
            "statistic": ka.statistic,
            "ci_low": np.nan,
            "ci_high": np.nan,
            "pvalue": np.nan,
            "note": PHRASES("undefined_cell", lang, why=why(ka.reason, lang)) if ka.reason else "",
        }
    )
    rows.append(
        {
            "coefficient": PHRASES("kendall", lang),
            "statistic": qa.kendall.statistic,
            "ci_low": np.nan,
            "ci_high": np.nan,
            "pvalue": qa.kendall.pvalue,
            "note": PHRASES("undefined_cell", lang, why=why(qa.kendall_reason, lang))
            if qa.kendall_reason
            else "",
        }
    )
    return pd.DataFrame(rows)


def benchmark_table(qa: QASummary, lang: str = "zh") -> pd.DataFrame:
    """Bands reached by cumulative membership probability, in the report language."""
    t = qa.benchmarks.copy()

    def tr(v: object) -> str:
        return SUMMARY_PHRASES(v, lang) if isinstance(v, str) else ""

    t["coefficient"] = t["coefficient"].map(lambda s: PHRASES(s, lang) if s in PHRASES else s)
    t["band"] = t["band"].map(tr)
    t["point_band"] = t["point_band"].map(tr)
    t["scale"] = t["scale"].map(tr)
    t["threshold"] = t["threshold"].map(lambda p: f"{100 * p:g}%")
    t["note"] = t["reason"].map(
        lambda r: PHRASES("undefined_cell", lang, why=why(r, lang)) if isinstance(r, str) else ""
    )
    return t.drop(columns=["reason"])


def pairs_table(qa: QASummary, lang: str = "zh") -> pd.DataFrame:
    """Inspector pairs: Cohen's κ with interval, AC1 and weighted κ; a note where undefined."""
    t = qa.cohen_pairs.copy()
    t["note"] = t["reason"].map(
        lambda r: PHRASES("undefined_cell", lang, why=why(r, lang)) if isinstance(r, str) else ""
    )
    return t.drop(columns=["reason"])


def items_table(qa: QASummary, item_names: dict[str, str], lang: str = "zh") -> pd.DataFrame:
    """Krippendorff's α per QA form item (ordinal), weakest first, with item names."""
    t = qa.krippendorff_items.copy()
    t.insert(1, "item_name", t["item"].map(lambda i: item_names.get(i, i)))
    t["note"] = t["reason"].map(
        lambda r: PHRASES("undefined_cell", lang, why=why(r, lang)) if isinstance(r, str) else ""
    )
    t = t.drop(columns=["reason", "item"]).rename(columns={"alpha": "kripp_alpha"})
    return t.sort_values("kripp_alpha", kind="stable", na_position="first").reset_index(drop=True)


def alpha_overview(alpha: CronbachAlpha) -> pd.DataFrame:
    """One row: Cronbach's α, its interval, respondents, items and respondents left out."""
    return pd.DataFrame(
        {
            "alpha": [alpha.statistic],
            "ci_low": [alpha.ci_low],
            "ci_high": [alpha.ci_high],
            "n_respondents": [alpha.n],
            "n_items": [alpha.k],
            "n_dropped": [alpha.n_dropped],
        }
    )


def alpha_items(alpha: CronbachAlpha, lang: str = "zh") -> pd.DataFrame:
    """Items with alpha-if-deleted; a note where a value is undefined."""
    t = alpha.items.copy()
    t["note"] = t["reason"].map(
        lambda r: PHRASES("undefined_cell", lang, why=why(r, lang)) if isinstance(r, str) else ""
    )
    return t.drop(columns=["reason"])


def bands_table(scheme: object, lang: str = "zh") -> pd.DataFrame:
    """The grade bands of a scoring scheme with their intervals."""
    bands = getattr(scheme, "bands", ())
    return pd.DataFrame(
        {"band": [b.name(lang) for b in bands], "interval": [b.interval() for b in bands]}
    )


def bias_table(qa: QASummary) -> pd.DataFrame:
    """Per-inspector bias (mean difference from the others, interval, t test, Holm p)."""
    return qa.bias.table.rename(columns={"rater": "inspector", "t": "t_stat"})
