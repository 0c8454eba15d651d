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
    schemes: bool = True,
) -> Methods:
    """The methods section of notebook 02 in ``lang``.

    Parameters
    ----------
    survey : cslib.consistency.ahp_survey.SurveyResult or None
    qa : cslib.consistency.analysis.QASummary or None
    alpha : Cronbach's alpha result (its ``items`` table lists the items) or None
    confidence_level : float
    lang : {"zh", "en", "zh+en"}
    schemes : bool
        Whether scoring schemes were checked.

    An analysis not run (its input not given) is ``None``: its paragraph and its
    references are left out.
    """
    lang = check_lang(lang)
    versions = per_language(
        lang, lambda side: _paragraphs(survey, qa, alpha, confidence_level, side, schemes)
    )
    paragraphs = tuple(p for paras in versions for p in paras)
    cited: list[str] = []
    if survey is not None:
        cited.append("saaty1980")
    if qa is not None:
        cited += ["shrout1979", "mcgraw1996", "koo2016", "gwet2008", "gwet2014", "holm1979"]
    if alpha is not None:
        cited += ["cronbach1951", "feldt1965"]
    if survey is not None and survey.filled is not None and len(survey.filled):
        cited.append("harker1987")
    if survey is not None and survey.ri_table == "alonso_lamata":
        cited.append("alonso2006")
    return Methods(paragraphs, cite_all(cited), lang)


def _paragraphs(
    survey: Any, qa: Any, alpha: Any, confidence_level: float, lang: str, schemes: bool = True
) -> list[str]:
    import cslib
    from cslib.core.i18n import sentence_separator

    def P(key: str, lang: str, /, **fmt: object) -> str:
        return PHRASES(f"methods_{key}", lang, **fmt)

    join = sentence_separator(lang)
    level = format_number(confidence_level, 0, percent=True)
    out: list[str] = []
    if survey is not None:
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
        out.append(ahp)
    if qa is not None:
        out.append(
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
    last = []
    if alpha is not None:
        last.append(P("alpha", lang, n_items=len(alpha.items), level=level))
    if schemes:
        last.append(P("schemes", lang, version=cslib.__version__))
    else:
        last.append(P("version", lang, version=cslib.__version__))
    out.append(join.join(last))
    return out
