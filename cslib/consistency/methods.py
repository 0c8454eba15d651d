"""The methods paragraph of the consistency report (notebook 02), from what the run did.

:func:`consistency_methods` reads the AHP survey result, the QA agreement summary and the
Cronbach's alpha result of a run and states, in the report's language: the AHP design (experts,
matrices, priority method, the random-index table and CR limit, completion of skipped
judgements, group aggregation and exclusion rule), the QA calibration (calls, inspectors and
every coefficient with its interval and banding rule), the inspector-bias test and the
internal consistency of the self-assessment.
"""

from __future__ import annotations

from typing import Any

from cslib.consistency.phrases import PHRASES
from cslib.core.i18n import Lang, check_lang, format_number, per_language
from cslib.core.references import Methods, cite_all


def consistency_methods(
    survey: Any,
    qa: Any,
    alpha: Any,
    *,
    confidence_level: float,
    lang: Lang | str = "zh",
) -> Methods:
    """The methods section of notebook 02 in ``lang``.

    Parameters
    ----------
    survey : cslib.consistency.ahp_survey.SurveyResult
    qa : cslib.consistency.analysis.QASummary
    alpha : Cronbach's alpha result (its ``items`` table lists the items)
    confidence_level : float
    lang : {"zh", "en", "zh+en"}
    """
    lang = check_lang(lang)
    versions = per_language(
        lang, lambda side: _paragraphs(survey, qa, alpha, confidence_level, side)
    )
    paragraphs = tuple(p for paras in versions for p in paras)
    cited = [
        "saaty1980",
        "shrout1979",
        "mcgraw1996",
        "koo2016",
        "gwet2008",
        "gwet2014",
        "holm1979",
        "cronbach1951",
        "feldt1965",
    ]
    if survey.filled is not None and len(survey.filled):
        cited.append("harker1987")
    if survey.ri_table == "alonso_lamata":
        cited.append("alonso2006")
    return Methods(paragraphs, cite_all(cited), lang)


def _paragraphs(survey: Any, qa: Any, alpha: Any, confidence_level: float, lang: str) -> list[str]:
    import cslib
    from cslib.core.i18n import sentence_separator

    def P(key: str, lang: str, /, **fmt: object) -> str:
        return PHRASES(f"methods_{key}", lang, **fmt)

    join = sentence_separator(lang)
    level = format_number(confidence_level, 0, percent=True)
    cons = survey.consistency
    ahp = P(
        "ahp",
        lang,
        n_experts=cons["expert"].nunique(),
        n_groups=cons["group"].nunique(),
        n_matrices=len(cons),
        priority=P(f"priority_{survey.method}", lang),
        ri=P(f"ri_{survey.ri_table}", lang),
        cr=f"{survey.cr_threshold:g}",
    )
    if survey.filled is not None and len(survey.filled):
        ahp += join + P("filled", lang, n=len(survey.filled))
    excluded = P("excluded_yes" if bool((~cons["included"]).any()) else "excluded_no", lang)
    ahp += join + P(f"aggregate_{survey.aggregation}", lang, excluded=excluded)
    qa_text = (
        P(
            "qa",
            lang,
            n_raters=qa.bias.table["rater"].nunique(),
            n_calls=qa.calls_used,
            level=level,
            pass_mark=f"{qa.pass_mark:g}",
        )
        + join
        + P(f"bias_{qa.bias.reference}", lang, practical=f"{qa.bias.practical:g}")
    )
    return [
        ahp,
        qa_text,
        P("alpha", lang, n_items=len(alpha.items), level=level)
        + join
        + P("schemes", lang, version=cslib.__version__),
    ]
