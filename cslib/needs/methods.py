"""The methods paragraph of the training-needs report (notebook 04), from what the run did.

:func:`needs_methods` states, in the report's language, how the 360° ratings were combined
(sources and their weights, the rule for a missing source), the composite score and levels,
the gaps to the post's targets, the needs ranking and its sensitivity to the weight source
(Kendall's τ_b), the course recommendation and the plan, and how people are shown.  It is a
descriptive analysis: no test is run, and the paragraph says so.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cslib.core.i18n import (
    Lang,
    check_lang,
    format_number,
    list_separator,
    per_language,
    pick,
    sentence_separator,
)
from cslib.core.references import Methods, cite_all
from cslib.needs.phrases import PHRASES


def needs_methods(
    ratings: Any,
    source_weights: Mapping[str, float],
    *,
    missing_rule: str,
    primary: str,
    post: tuple[str, str],
    top_k: int,
    max_courses_per_team: int,
    pseudonymised: bool,
    lang: Lang | str = "zh",
) -> Methods:
    """The methods section of notebook 04 in ``lang``.

    Parameters
    ----------
    ratings : cslib.needs.assessment.Assessments
    source_weights : mapping
        Source code → weight, as used.
    missing_rule : {"renormalise", "exclude"}
    primary : str
        Name of the primary weight source, as the report shows it.
    post : (str, str)
        Name of the post whose targets were used, in Chinese and English.
    top_k, max_courses_per_team : int
    pseudonymised : bool
    lang : {"zh", "en", "zh+en"}
    """
    lang = check_lang(lang)
    args = (ratings, source_weights, missing_rule, primary, post, top_k, max_courses_per_team)
    versions = per_language(lang, lambda side: _paragraphs(*args, pseudonymised, side))
    paragraphs = tuple(p for paras in versions for p in paras)
    return Methods(paragraphs, cite_all(["kendall1945"]), lang)


def _paragraphs(
    ratings: Any,
    source_weights: Mapping[str, float],
    missing_rule: str,
    primary: str,
    post: tuple[str, str],
    top_k: int,
    max_courses: int,
    pseudonymised: bool,
    lang: str,
) -> list[str]:
    import cslib
    from cslib.needs.assessment import source_label

    def P(key: str, lang: str, /, **fmt: object) -> str:
        return PHRASES(f"methods_{key}", lang, **fmt)

    sep = list_separator(lang)
    used = [s for s in source_weights if s in ratings.sources]
    lo, hi = ratings.scale
    first = P(
        "ratings",
        lang,
        n_agents=len(ratings.agents),
        n_teams=ratings.agents.nunique(),
        n_items=len(ratings.indicators),
        sources=sep.join(source_label(s, lang) for s in used),
        lo=lo,
        hi=hi,
        weights=sep.join(
            f"{source_label(s, lang)} {format_number(source_weights[s], 0, percent=True)}"
            for s in used
        ),
        missing=P(f"missing_{missing_rule}", lang),
    )
    second = sentence_separator(lang).join(
        [P("composite", lang, primary=primary, post=pick(*post, lang)), P("ranking", lang)]
    )
    third = P(
        "courses",
        lang,
        top_k=top_k,
        max_courses=max_courses,
        privacy=P("privacy_on" if pseudonymised else "privacy_off", lang),
        version=cslib.__version__,
    )
    return [first, second, third]
