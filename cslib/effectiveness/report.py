"""Notebook 03's report in one language at a time: the summary box, the level 1 and conclusion
texts, next steps, headings and figure titles, and the numbers recorded for regression.

Every word comes from :data:`cslib.effectiveness.phrases.PHRASES`; p-values are formatted by
:func:`cslib.core.i18n.format_p`.  The tables a reader sees are made by
:mod:`cslib.effectiveness.tables`, the figures by :mod:`cslib.effectiveness.figures`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping

import numpy as np
import pandas as pd

from cslib.core.courses import Catalogue
from cslib.core.errors import InputError
from cslib.core.i18n import (
    Side,
    clause_separator,
    concat_lists,
    each_language,
    format_number,
    join_languages,
    languages,
    list_separator,
    per_language,
    pick,
)
from cslib.effectiveness.analysis import MIN_L1_RESPONDENTS
from cslib.effectiveness.phrases import PHRASES, confidence_text, label, percent
from cslib.effectiveness.results import CourseSummary, EffectivenessReport
from cslib.effectiveness.verdicts import METHOD_NAME, p_sentence
from cslib.reporting.claims import percent_list
from cslib.reporting.fonts import figure_language


def _alpha(a: float) -> str:
    return f"{a:g}"


@each_language("\n\n")
def l1_text(report: EffectivenessReport, lang: str = "zh") -> str:
    """Micro-course vs classroom satisfaction in words, with significance at the report's
    ``alpha`` and the sample size that difference needs."""
    c = report.micro_vs_classroom
    m = report.l1_sample_size
    if report.n_respondents < MIN_L1_RESPONDENTS:
        return PHRASES("l1_one_respondent", lang, n=report.n_respondents)
    if c is None:
        return PHRASES("l1_none", lang)
    a = _alpha(report.alpha)
    s = PHRASES(
        "l1_rates",
        lang,
        rm=percent(c.first.rate),
        km=c.first.k,
        nm=c.first.n,
        rc=percent(c.second.rate),
        kc=c.second.k,
        nc=c.second.n,
        diff=f"{100 * c.difference:+.1f}",
        conf=confidence_text(1 - report.alpha),
        lo=format_number(100 * c.ci_low, 1),
        hi=format_number(100 * c.ci_high, 1),
        p=p_sentence(c.pvalue),
    )
    s += PHRASES("l1_sig" if c.pvalue < report.alpha else "l1_nonsig", lang, alpha=a)
    if m:
        s += PHRASES(
            "l1_n",
            lang,
            alpha=a,
            power=confidence_text(m.power),
            n=m.n_per_group,
            mdd=format_number(100 * m.detectable_now, 1),
        )
    return s


def _names(summaries: list[CourseSummary], lang: str) -> str:
    return list_separator(lang).join(PHRASES("quoted", lang, t=s.title(lang)) for s in summaries)


def _groups(report: EffectivenessReport) -> dict[str, list[CourseSummary]]:
    groups: dict[str, list[CourseSummary]] = {}
    for s in report.summaries:
        groups.setdefault(s.overall, []).append(s)
    return groups


def _reaction_findings(report: EffectivenessReport, lang: str) -> list[str]:
    if report.n_respondents < MIN_L1_RESPONDENTS:  # one person's answer is no rate of staff
        return [PHRASES("l1_one_respondent", lang, n=report.n_respondents)]
    out = []
    c = report.micro_vs_classroom
    if c is not None:
        out.append(
            PHRASES(
                "f_reaction",
                lang,
                rm=percent(c.first.rate),
                rc=percent(c.second.rate),
                diff=f"{100 * c.difference:+.1f}",
                p=p_sentence(c.pvalue),
                alpha=_alpha(report.alpha),
                sig=PHRASES("sig" if c.pvalue < report.alpha else "nonsig", lang),
            )
        )
    h = report.helpful_by_group
    if len(h):
        # one precision for every number of the list (never 97% beside 97.9%)
        rates = percent_list([float(r) for r in h["rate"]], decimals=1)
        parts = [
            PHRASES("helpful_group", lang, g=label(str(r.staff_group), lang), rate=rate)
            for r, rate in zip(h.itertuples(), rates, strict=True)
        ]
        out.append(PHRASES("f_helpful", lang, groups=list_separator(lang).join(parts)))
    return out


def _course_findings(report: EffectivenessReport, lang: str) -> list[str]:
    groups = _groups(report)
    n = len(report.summaries)
    return [
        PHRASES(f"f_{code}", lang, k=len(groups[code]), n=n, names=_names(groups[code], lang))
        for code in ("effective", "partial", "mixed", "no_evidence", "insufficient")
        if groups.get(code)
    ]


def _method_note(report: EffectivenessReport, lang: str) -> str:
    return PHRASES(
        "f_method",
        lang,
        estimator=PHRASES("estimator_cs", lang, control=PHRASES(report.control_group, lang)),
        method=METHOD_NAME.get(report.correction, report.correction),
        alpha=_alpha(report.alpha),
    )


@each_language("\n\n")
def conclusion_text(report: EffectivenessReport, lang: str = "zh") -> str:
    """Plain-language conclusion for trainers, generated from the numbers (numbered list)."""
    out = _reaction_findings(report, lang) + _course_findings(report, lang)
    out.append(_method_note(report, lang))
    return "\n".join(f"{i}. {line}" for i, line in enumerate(out, start=1))


@each_language(concat_lists)
def next_steps(report: EffectivenessReport, lang: str = "zh") -> list[str]:
    """What to do next, from the numbers: questions to revise, courses to review, the test
    sample the next cohort needs (at the report's ``power`` and ``target_gain``), courses whose
    pre-training test failed at ``alpha``."""
    out = []
    sep = list_separator(lang)
    flagged = [
        f"{s.course_id} {sep.join(s.flagged_items)}" for s in report.summaries if s.flagged_items
    ]
    if flagged:
        out.append(PHRASES("s_items", lang, items=clause_separator(lang).join(flagged)))
    weak = [
        f"{c} ({format_number(ia.kr20, 2)})"
        for c, ia in report.items.items()
        if math.isfinite(ia.kr20) and ia.kr20 < report.item_rules.min_kr20
    ]
    if weak:
        out.append(
            PHRASES("s_kr20", lang, courses=sep.join(weak), kr20=f"{report.item_rules.min_kr20:g}")
        )
    groups = _groups(report)
    if groups.get("no_evidence"):
        out.append(PHRASES("s_review", lang, names=_names(groups["no_evidence"], lang)))
    if groups.get("mixed"):
        out.append(PHRASES("s_mixed", lang, names=_names(groups["mixed"], lang)))
    plan = report.planning
    short = plan[plan["n_needed"] > plan["n_now"]] if len(plan) else plan
    if len(short):
        courses = sep.join(
            PHRASES(
                "s_sample_course", lang, cid=r.course_id, need=int(r.n_needed), now=int(r.n_now)
            )
            for r in short.itertuples()
        )
        out.append(
            PHRASES(
                "s_sample",
                lang,
                power=confidence_text(report.power),
                gain=f"{report.target_gain:g}",
                courses=courses,
            )
        )
    caution = [
        s
        for s in report.summaries
        if any(
            r is not None and not r.reason_code and r.pretrend_pvalue < report.alpha
            for r in (s.behaviour, s.results)
        )
    ]
    if caution:
        out.append(
            PHRASES("s_pretrend", lang, names=_names(caution, lang), alpha=_alpha(report.alpha))
        )
    out.append(PHRASES("s_keep", lang))
    return out


def summary_markdown(report: EffectivenessReport, lang: str = "zh") -> str:
    """The summary box that opens the report: ``## 摘要`` / ``## Summary``, 3–6 numbered
    findings with their numbers, then the next steps; all generated from ``report``.

    Thresholds in the sentences (``alpha``, ``power``, ``target_gain``) are the report's
    parameters.
    """
    head = "## " + PHRASES("summary", lang)  # one heading, then the Chinese and the English box
    return "\n".join([head, "", *per_language(lang, lambda x: _summary_body(report, x))])


def _summary_body(report: EffectivenessReport, lang: str) -> str:
    findings = (_reaction_findings(report, lang) + _course_findings(report, lang))[:5]
    findings.append(_method_note(report, lang))
    lines = [PHRASES("findings", lang), ""]
    lines += [f"{i}. {f}" for i, f in enumerate(findings, start=1)]
    lines += ["", PHRASES("next_steps", lang), ""]
    lines += [f"- {s}" for s in next_steps(report, lang)]
    return "\n".join(lines)


def report_language(lang: str) -> str:
    """The language notebook 03 writes in: ``lang``, except that a Chinese-only report is
    written in English when no CJK font is installed (its figures could not show Chinese).

    Examples
    --------
    >>> report_language("en"), report_language("zh+en")
    ('en', 'zh+en')
    """
    return lang if "en" in languages(lang) else figure_language(lang)


def phrase(key: str, lang: str, /, *, sep: str = " ", **fmt: object) -> str:
    """:data:`~cslib.effectiveness.phrases.PHRASES` ``key`` written once per language of ``lang``, Chinese first, joined by
    ``sep``.

    A value in ``fmt`` that is callable is called with the language of the sentence being
    written (``"zh"`` or ``"en"``), so the words put into it — a label, a course title, a
    reason — are in that language; ``PHRASES(key, "zh+en", …)`` would put bilingual words into
    each sentence instead.

    Examples
    --------
    >>> phrase("pretest_undefined", "zh+en", sep=" | ", why=lambda side: PHRASES("collinear", side))
    ... # doctest: +ELLIPSIS
    '培训前检验无法进行：培训指标与坐席和周的固定效应完全共线... | The pre-training test cannot be done: the training dummy is a combination...'
    """

    def one(side: Side) -> str:
        return PHRASES(key, side, **{k: v(side) if callable(v) else v for k, v in fmt.items()})

    return join_languages(lang, one, sep=sep)


def figure_title(key: str, lang: str, /, **fmt: object) -> str:
    """A figure title from :data:`~cslib.effectiveness.phrases.PHRASES` in the language figures can use
    (:func:`cslib.reporting.fonts.figure_language`); for ``"zh+en"`` one line per language.
    ``fmt`` as for :func:`phrase`.
    """
    return phrase(key, figure_language(lang), sep="\n", **fmt)


def course_name(catalogue: Catalogue, course_id: str) -> Callable[[str], str]:
    """``course_id`` and its title, as a function of the language (a value for :func:`phrase`).

    Examples
    --------
    >>> from cslib.core.courses import Catalogue
    >>> cat = Catalogue(pd.DataFrame({"course_id": ["MC01"], "title_zh": ["投诉处理"],
    ...                               "title_en": ["Complaint handling"]}))
    >>> name = course_name(cat, "MC01")
    >>> name("zh"), name("en")
    ('MC01 投诉处理', 'MC01 Complaint handling')
    """
    return lambda side: f"{course_id} {catalogue.title(course_id, side)}"


def item_rules_text(report: EffectivenessReport, lang: str = "zh") -> str:
    """How the test questions were judged, with the thresholds the analysis used."""
    r = report.item_rules
    return PHRASES(
        "item_rules",
        lang,
        easy=f"{r.easy:g}",
        hard=f"{r.hard:g}",
        disc=f"{r.min_discrimination:g}",
        kr20=f"{r.min_kr20:g}",
    )


def team_text(report: EffectivenessReport, lang: str = "zh") -> str:
    """What the team before/after table shows, with the window the analysis used."""
    return PHRASES("team_window", lang, weeks=report.team_weeks)


def series_label(series: str, lang: str = "zh", names: Mapping[str, str] | None = None) -> str:
    """A course series in ``lang``: the catalogue holds series names in Chinese only, so an
    English (or bilingual) report needs ``names`` (series → English name, a notebook parameter).

    Raises
    ------
    InputError
        When an English name is needed and ``names`` lacks the series.

    Examples
    --------
    >>> series_label("课堂面授", "en", {"课堂面授": "Classroom training"})
    'Classroom training'
    >>> series_label("课堂面授", "zh")
    '课堂面授'
    """
    if "en" not in languages(lang):
        return series
    if names is None or series not in names:
        raise InputError.single(
            None, "an English name for every course series", column="series_en", found=series
        )
    return pick(series, names[series], lang)


def key_numbers(report: EffectivenessReport) -> dict[str, object]:
    """Flat dict of the numbers a notebook records for regression tests."""
    c = report.micro_vs_classroom
    h = (
        report.helpful_by_group.set_index("staff_group")["rate"]
        if len(report.helpful_by_group)
        else pd.Series(dtype=float)
    )
    out: dict[str, object] = {f"l1_helpful_{g}": h[g] for g in h.index}
    if c is not None:
        out.update(
            {
                "l1_satisfaction_micro": c.first.rate,
                "l1_satisfaction_classroom": c.second.rate,
                "l1_difference": c.difference,
                "l1_difference_ci": [c.ci_low, c.ci_high],
                "l1_z": c.statistic,
                "l1_p": c.pvalue,
                "l1_n_per_group_needed": (
                    report.l1_sample_size.n_per_group if report.l1_sample_size else None
                ),
            }
        )
    for s in report.summaries:
        L = s.learning
        out[f"l2_{s.course_id}"] = {
            "n": L.n,
            "mean_change": L.mean_change,
            "p_t": L.pvalue,
            "p_adj": L.p_adj,
            "p_wilcoxon": L.p_wilcoxon,
            "d_z": L.d_z,
            "g_av": L.g_av,
            "hake_gain": L.hake_gain,
        }
        out[f"verdict_{s.course_id}"] = {
            "learning": s.learning_verdict.code,
            "behaviour": s.behaviour_verdict.code if s.behaviour_verdict else None,
            "results": s.results_verdict.code if s.results_verdict else None,
            "overall": s.overall,
        }
    for c_id, ia in report.items.items():
        out[f"kr20_{c_id}"] = ia.kr20
    if len(report.did):
        for o, g in report.did.groupby("outcome", sort=False):
            out[f"did_{o}"] = {r.course_id: [r.estimate, r.se, r.p_adj] for r in g.itertuples()}
    if len(report.robust):
        for o, g in report.robust.groupby("outcome", sort=False):
            out[f"att_{o}"] = {r.course_id: [r.estimate, r.se, r.p_adj] for r in g.itertuples()}
    if report.event is not None:
        out["event_pretrend_p"] = report.event.pretrend_pvalue
    return {k: (None if isinstance(v, float) and np.isnan(v) else v) for k, v in out.items()}


def confidence_label(report: EffectivenessReport) -> str:
    """The report's confidence level as people write it (1 − α: ``95%``, ``99.5%``)."""
    return confidence_text(1 - report.alpha)


def printed_l1(report: EffectivenessReport) -> dict[str, object]:
    """Level 1 rates as the report prints them, for the regression record: ``helpful`` by
    staff group (back office at whole per cent, as in the source survey report) and
    ``satisfaction`` micro-course and classroom (absent without a comparison)."""
    h = report.helpful_by_group.set_index("staff_group")["rate"]
    out: dict[str, object] = {
        "helpful": {
            g: format_number(100 * float(r), 0 if g == "back_office" else 1) for g, r in h.items()
        }
    }
    c = report.micro_vs_classroom
    if c is not None:
        out["satisfaction"] = [
            format_number(100 * c.first.rate, 1),
            format_number(100 * c.second.rate, 1),
        ]
    return out
