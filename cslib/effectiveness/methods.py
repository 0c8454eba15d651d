"""The methods paragraph of a micro-course effectiveness report, from what the run did.

:func:`effectiveness_methods` reads the :class:`~cslib.effectiveness.results.EffectivenessReport`
of a run and states, in the report's language, the methods of each Kirkpatrick level that was
analysed: Wilson intervals and the two-proportion comparison (level 1); paired tests, effect
sizes and the multiple-testing family (level 2); the Callaway–Sant'Anna estimator with its
control group, base period, clustering, cohort-size rule, pre-test and simultaneous bands
(levels 3–4), with the two-way fixed-effects model and the Goodman-Bacon decomposition as
comparisons; and the sample-size planning.  Levels without data are left out, not described.
"""

from __future__ import annotations

from typing import Any

from cslib.core.i18n import (
    Lang,
    check_lang,
    format_number,
    list_separator,
    per_language,
    sentence_separator,
)
from cslib.core.references import Methods, cite_all
from cslib.effectiveness.phrases import PHRASES

_CORRECTION_CITES = {"holm": ("holm1979",), "fdr_bh": ("benjamini1995",), "bonferroni": ()}


def effectiveness_methods(
    report: Any,
    catalogue: Any = None,
    *,
    event_window: tuple[int, int] = (-8, 8),
    lang: Lang | str = "zh",
) -> Methods:
    """The methods section of notebook 03 (paragraphs and references) in ``lang``.

    Parameters
    ----------
    report : EffectivenessReport
        What :func:`cslib.effectiveness.analysis.analyse` returned.
    catalogue : cslib.core.courses.Catalogue, optional
        The course catalogue (names the event-study course; its id otherwise).
    event_window : (int, int)
        Weeks before/after training of the event-time analysis.
    lang : {"zh", "en", "zh+en"}
    """
    lang = check_lang(lang)
    versions = per_language(
        lang,
        lambda side: _paragraphs(report, catalogue, event_window, side),
    )
    paragraphs = tuple(p for paras, _ in versions for p in paras)
    return Methods(paragraphs, cite_all(*(c for _, c in versions)), lang)


def _paragraphs(
    report: Any,
    catalogue: Any,
    event_window: tuple[int, int],
    lang: str,
) -> tuple[list[str], list[str]]:
    import cslib
    from cslib.effectiveness.phrases import label
    from cslib.effectiveness.report import course_name

    P = PHRASES
    alpha = report.alpha
    correction = P(report.correction, lang) if report.correction in PHRASES else report.correction
    cited = ["kirkpatrick2006", *_CORRECTION_CITES.get(report.correction, ())]
    conf = format_number(1 - alpha, 0, percent=True)
    first = [P("frame", lang, alpha=f"{alpha:g}", conf=conf)]
    if len(report.satisfaction_by_course):
        first.append(P("l1", lang))
        cited.append("wilson1927")
        if report.micro_vs_classroom is not None:
            first.append(P("l1_compare", lang, power=f"{report.power:g}"))
            cited.append("newcombe1998")
    paragraphs = [sentence_separator(lang).join(first)]

    if len(report.learning):
        second = [
            P("l2", lang, n=int(report.learning["course_id"].nunique()), correction=correction)
        ]
        cited += ["lakens2013", "hake1998"]
        if report.items:
            rules = report.item_rules
            second.append(
                P(
                    "l2_items",
                    lang,
                    kr20=f"{rules.min_kr20:g}",
                    easy=f"{rules.easy:g}",
                    hard=f"{rules.hard:g}",
                    disc=f"{rules.min_discrimination:g}",
                )
            )
            cited.append("kuder1937")
        paragraphs.append(sentence_separator(lang).join(second))

    info = report.panel_info
    if len(report.robust) and info.n_agents:
        outcomes = list_separator(lang).join(label(o, lang) for o in info.outcomes)
        third = [
            P(
                "l34",
                lang,
                agents=info.n_agents,
                weeks=info.n_weeks,
                rows=f"{info.n_agent_weeks:,}",
                outcomes=outcomes,
                control=P(f"control_{report.control_group}", lang),
                min_cohort=report.min_cohort_size,
                correction=correction,
                power=f"{report.power:g}",
                pre=-event_window[0],
            )
        ]
        cited.append("callaway2021")
        if len(report.did) and report.bacon is not None:
            event = info.event_course
            name = course_name(catalogue, event)(lang) if catalogue is not None else event
            third.append(P("l34_twfe", lang, course=name))
            cited.append("goodmanbacon2021")
        paragraphs.append(sentence_separator(lang).join(third))

    if len(report.planning):
        paragraphs.append(
            P(
                "planning",
                lang,
                alpha=f"{alpha:g}",
                power=f"{report.power:g}",
                gain=f"{report.target_gain:g}",
            )
        )
        cited.append("cohen1988")
    paragraphs.append(P("software", lang, version=cslib.__version__))
    return paragraphs, cited
