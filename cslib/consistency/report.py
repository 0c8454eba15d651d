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
from cslib.consistency.analysis import QASummary
from cslib.consistency.conclusions import interpret_alpha, magnitude
from cslib.consistency.phrases import PHRASES, why
from cslib.core.findings import Finding
from cslib.core.i18n import (
    check_lang,
    clause_separator,
    each_language,
    label,
    list_separator,
    quote,
)
from cslib.stats.agreement import CronbachAlpha
from cslib.stats.ahp import TOP, WeightComparison
from cslib.stats.reasons import AgreementReason


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
    survey: SurveyResult | None,
    reask: pd.DataFrame | None,
    qa: QASummary | None,
    alpha: CronbachAlpha | None,
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

    An analysis whose input was not given is passed as ``None`` (the schemes as ``[]``) and
    has no finding; the summary's list of analyses not run says which file would enable it.

    Examples
    --------
    See ``tests/test_consistency_report.py``; the sentences are checked there against the
    numbers and thresholds they are given.
    """
    lang = check_lang(lang)
    sections: list[tuple[list[str], list[str]]] = []
    if survey is not None:
        sections.append(_ahp_section(survey, reask if reask is not None else pd.DataFrame(), lang))
    if qa is not None:
        sections += [([_qa_finding(qa, lang)], []), _bias_section(qa, item_names or {}, lang)]
    if alpha is not None:
        sections.append(_alpha_section(alpha, lang))
    if schemes:
        sections.append(_schemes_section(schemes, lang))
    if not sections:
        return PHRASES("nothing_run", lang)
    findings = [f for found, _ in sections for f in found]
    steps = [s for _, next_steps in sections for s in next_steps]
    if not steps:
        steps.append(PHRASES("nothing_next", lang))
    lines = [PHRASES("findings", lang), ""]
    lines += [f"- {f}" for f in findings]
    lines += ["", PHRASES("next_steps", lang), ""]
    lines += [f"{i}. {s}" for i, s in enumerate(steps, 1)]
    return "\n".join(lines)


NOT_RUN_INPUTS: dict[str, tuple[str, ...]] = {
    "ahp": ("ahp_survey_path", "framework_path"),
    "qa": ("qa_form_path", "qa_calibration_path"),
    "alpha": ("self_assessment_path",),
    "schemes": ("scheme_paths",),
}
"""The parameters each analysis of notebook 02 needs (see :func:`not_run_note`)."""


@each_language("\n\n")
def not_run_note(analysis: str, lang: str = "zh") -> str:
    """The note a section of notebook 02 shows when its input was not given.

    ``analysis`` is one of ``"ahp"``, ``"qa"``, ``"alpha"``, ``"schemes"``
    (:class:`cslib.consistency.io.PlannedAnalyses`); the note names the files and the
    parameters that would enable the section.

    Examples
    --------
    >>> print(not_run_note("alpha", "en"))
    This section was not run because its input was not given: self-assessment answers (`self_assessment_path`). Give it and run again to get this section.
    """
    if analysis not in NOT_RUN_INPUTS:
        raise ValueError(f"unknown analysis {analysis!r}; expected one of {list(NOT_RUN_INPUTS)}")
    params = _sep(lang).join(f"`{p}`" for p in NOT_RUN_INPUTS[analysis])
    what = PHRASES(f"not_run_{analysis}", lang)
    return PHRASES("not_run_section", lang, what=what, params=params)


def _ahp_section(
    survey: SurveyResult, reask: pd.DataFrame, lang: str
) -> tuple[list[str], list[str]]:
    """1. AHP consistency: every matrix acceptable, or which experts exceed the CR limit
    (and the step to re-ask their judgements)."""
    cons = survey.consistency
    t = f"{survey.cr_threshold:.2f}"
    n_exp = int(cons["expert"].nunique())
    bad = cons.loc[~cons["acceptable"].astype(bool)]
    if bad.empty:
        return [PHRASES("ahp_ok", lang, n=n_exp, t=t)], []
    experts = list(dict.fromkeys(bad["expert"]))
    who = _sep(lang).join(
        PHRASES("ahp_bad_who", lang, e=e, cr=_f2(bad.loc[bad["expert"] == e, "cr"].max()))
        for e in experts
    )
    finding = PHRASES("ahp_bad", lang, n=n_exp, k=len(experts), t=t, who=who)
    if reask.empty:
        return [finding], []
    return [finding], [PHRASES("ahp_next", lang, who=_sep(lang).join(experts), m=len(reask))]


def _coefficient_value(c: object, lang: str) -> str:
    """A kappa or AC1 with two decimals, or "undefined, because …"."""
    if c is None or getattr(c, "reason_code", None) is not None:
        code = getattr(c, "reason_code", None) or AgreementReason.UNDEFINED_COEFFICIENT
        return PHRASES("qa_undefined", lang, why=why(code, lang))
    return _f2(float(c.statistic))  # type: ignore[attr-defined]


def _benchmark_clause(qa: QASummary, lang: str) -> str:
    """The bands Fleiss κ and AC1 reach by membership probability ("" when neither has one)."""
    rows = qa.benchmarks.set_index("coefficient") if len(qa.benchmarks) else None
    if rows is None or not {"Fleiss kappa", "AC1"} <= set(rows.index):
        return ""

    def band(stat: str) -> str:
        b = rows.loc[stat, "band"]
        if isinstance(b, str) and not isinstance(rows.loc[stat, "reason_code"], str):
            return PHRASES(b, lang)
        return PHRASES("qa_no_band", lang)

    if {band("Fleiss kappa"), band("AC1")} == {PHRASES("qa_no_band", lang)}:
        return ""  # no claim from no standard error
    return PHRASES(
        "qa_bench",
        lang,
        prob=_conf(float(rows["threshold"].iloc[0])),
        scale=PHRASES(str(rows["scale"].iloc[0]), lang),
        kb=band("Fleiss kappa"),
        ab=band("AC1"),
    )


def _qa_finding(qa: QASummary, lang: str) -> str:
    """2. QA agreement: ICC(2,1) with its interval, pass rate, Fleiss κ beside Gwet's AC1."""
    if qa.identical:  # trivially perfect agreement: stated, no intervals of width 0
        return PHRASES("qa_identical", lang, n=qa.calls_used)
    icc = qa.icc.loc["ICC(2,1)"]
    if isinstance(icc.get("reason_code"), str):
        icc_v, lo, hi = PHRASES("qa_undefined", lang, why=why(icc["reason_code"], lang)), "", ""
    else:
        icc_v, lo, hi = _f2(icc["statistic"]), _f2(icc["ci_low"]), _f2(icc["ci_high"])
    return PHRASES(
        "qa",
        lang,
        icc=icc_v,
        conf=_conf(float(icc["confidence_level"])),
        lo=lo,
        hi=hi,
        mark=f"{qa.pass_mark:g}",
        share=f"{100 * qa.pass_rate:.1f}%",
        kappa=_coefficient_value(qa.fleiss_pass, lang),
        ac1=_coefficient_value(qa.gwet_pass, lang),
        bench=_benchmark_clause(qa, lang),
    )


def _bias_section(
    qa: QASummary, item_names: dict[str, str], lang: str
) -> tuple[list[str], list[str]]:
    """3. Inspector bias (who scores harder or softer, by how much), and the step for the
    weakest form item."""
    b = qa.bias
    flagged = b.table.loc[b.table["flagged"].astype(bool)]
    if flagged.empty:
        finding = PHRASES("bias_none", lang, p=f"{b.practical:g}")
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
        finding = PHRASES("bias_some", lang, who=_join(parts, lang))
    items = qa.krippendorff_items.dropna(subset=["alpha"]).sort_values("alpha", kind="stable")
    if not len(items) or qa.identical:
        return [finding], []
    weakest = items.iloc[0]
    wname = item_names.get(weakest["item"], weakest["item"])
    if flagged.empty:
        return [finding], [PHRASES("item_next", lang, item=wname, a=_f2(weakest["alpha"]))]
    step = PHRASES(
        "bias_next",
        lang,
        who=_sep(lang).join(flagged["rater"]),
        item=wname,
        a=_f2(weakest["alpha"]),
    )
    return [finding], [step]


def _alpha_section(alpha: CronbachAlpha, lang: str) -> tuple[list[str], list[str]]:
    """4. Questionnaire reliability (Cronbach's α), and the items whose removal raises it."""
    if alpha.reason_code is not None:
        return [PHRASES("alpha_undefined", lang, why=why(alpha.reason_code, lang))], []
    finding = PHRASES(
        "alpha",
        lang,
        k=alpha.k,
        a=_f2(alpha.statistic),
        conf=_conf(alpha.confidence_level),
        lo=_f2(alpha.ci_low),
        hi=_f2(alpha.ci_high),
        band=interpret_alpha(alpha.statistic, lang),
    )
    better = alpha.items.loc[
        (alpha.items["alpha_if_deleted"] > alpha.statistic) & alpha.items["reason_code"].isna()
    ]
    if not len(better):
        return [finding], []
    return [finding], [PHRASES("alpha_next", lang, items=_sep(lang).join(better["item"]))]


def _schemes_section(
    schemes: list[tuple[str, list[Finding]]], lang: str
) -> tuple[list[str], list[str]]:
    """5. Scoring schemes: all consistent, or each scheme's problems and the step to fix them."""
    bad_schemes = [(name, f) for name, f in schemes if f]
    if not bad_schemes:
        names = _sep(lang).join(quote(n, lang) for n, _ in schemes)
        return [PHRASES("schemes_ok", lang, names=names)], []
    what = _join(
        [
            PHRASES("scheme_bad_one", lang, name=n, k=len(f), first=f[0].message)
            for n, f in bad_schemes
        ],
        lang,
    )
    names = _sep(lang).join(quote(n, lang) for n, _ in bad_schemes)
    return [PHRASES("schemes_bad", lang, what=what)], [PHRASES("schemes_next", lang, names=names)]


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


def _undefined_note(code: object, lang: str) -> str:
    """A table note "undefined, because …" for a reason code; "" when there is none."""
    return PHRASES("undefined_cell", lang, why=why(code, lang)) if isinstance(code, str) else ""


def agreement_table(qa: QASummary, lang: str = "zh") -> pd.DataFrame:
    """Fleiss κ beside Gwet's AC1 (pass/fail), Krippendorff's α and Kendall's W.

    A statistic without an interval or p-value has an empty cell and a note saying why.
    """
    rows = []
    for key, c in (("fleiss_pf", qa.fleiss_pass_ci), ("ac1_pf", qa.gwet_pass)):
        if c is None:
            continue
        code = c.reason_code or c.pvalue_reason_code
        rows.append(
            {
                "coefficient": PHRASES(key, lang),
                "statistic": c.statistic,
                "ci_low": c.ci_low,
                "ci_high": c.ci_high,
                "pvalue": c.pvalue,
                "note": _undefined_note(code, lang),
            }
        )
    ka = qa.krippendorff_total
    rows.append(
        {
            "coefficient": PHRASES("kripp_total_row", lang),
            "statistic": ka.statistic,
            "ci_low": np.nan,
            "ci_high": np.nan,
            "pvalue": np.nan,
            "note": _undefined_note(ka.reason_code, lang),
        }
    )
    rows.append(
        {
            "coefficient": PHRASES("kendall", lang),
            "statistic": qa.kendall.statistic,
            "ci_low": np.nan,
            "ci_high": np.nan,
            "pvalue": qa.kendall.pvalue,
            "note": _undefined_note(qa.kendall_reason_code, lang),
        }
    )
    return pd.DataFrame(rows)


def benchmark_table(qa: QASummary, lang: str = "zh") -> pd.DataFrame:
    """Bands reached by cumulative membership probability, in the report language."""
    t = qa.benchmarks.copy()

    def tr(v: object) -> str:
        return PHRASES(v, lang) if isinstance(v, str) else ""

    t["coefficient"] = t["coefficient"].map(lambda s: PHRASES(s, lang) if s in PHRASES else s)
    t["band"] = t["band"].map(tr)
    t["point_band"] = t["point_band"].map(tr)
    t["scale"] = t["scale"].map(tr)
    t["threshold"] = t["threshold"].map(lambda p: f"{100 * p:g}%")
    t["note"] = t["reason_code"].map(lambda c: _undefined_note(c, lang))
    return t.drop(columns=["reason", "reason_code"])


def pairs_table(qa: QASummary, lang: str = "zh") -> pd.DataFrame:
    """Inspector pairs: Cohen's κ with interval, AC1 and weighted κ; a note where undefined."""
    t = qa.cohen_pairs.copy()
    t["note"] = t["reason_code"].map(lambda c: _undefined_note(c, lang))
    return t.drop(columns=["reason", "reason_code"])


def items_table(qa: QASummary, item_names: dict[str, str], lang: str = "zh") -> pd.DataFrame:
    """Krippendorff's α per QA form item (ordinal), weakest first, with item names."""
    t = qa.krippendorff_items.copy()
    t.insert(1, "item_name", t["item"].map(lambda i: item_names.get(i, i)))
    t["note"] = t["reason_code"].map(lambda c: _undefined_note(c, lang))
    t = t.drop(columns=["reason", "reason_code", "item"]).rename(columns={"alpha": "kripp_alpha"})
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
    t["note"] = t["reason_code"].map(lambda c: _undefined_note(c, lang))
    return t.drop(columns=["reason", "reason_code"])


def bands_table(scheme: object, lang: str = "zh") -> pd.DataFrame:
    """The grade bands of a scoring scheme with their intervals."""
    bands = getattr(scheme, "bands", ())
    return pd.DataFrame(
        {"band": [b.name(lang) for b in bands], "interval": [b.interval() for b in bands]}
    )


def bias_table(qa: QASummary) -> pd.DataFrame:
    """Per-inspector bias (mean difference from the others, interval, t test, Holm p)."""
    return qa.bias.table.rename(columns={"rater": "inspector", "t": "t_stat"})
