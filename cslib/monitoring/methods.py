"""The methods paragraph and formula appendix of the QA monitoring report (notebook 05).

:func:`monitoring_methods` states what the run did — which calls entered the G study, the
model and its REML estimation, the bootstrap intervals, the D-study targets, the monthly plan,
the rotation and the drift rule — from the records and the checked parameters.
:func:`formula_appendix` gives the D-study formulas the report relies on, so the report does
not send its reader to a file in the repository.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from cslib.core.i18n import (
    Lang,
    check_lang,
    format_number,
    per_language,
    sentence_separator,
)
from cslib.core.references import Methods, cite_all
from cslib.monitoring.phrases import PHRASES


def monitoring_methods(records: pd.DataFrame, prm: Any, lang: Lang | str = "zh") -> Methods:
    """The methods section of notebook 05 in ``lang``.

    Parameters
    ----------
    records : DataFrame
        The QA records read by :func:`cslib.monitoring.io.read_qa_records` (``must_check``,
        ``agent_id``, ``inspector_id``, ``date`` columns).
    prm : MonitoringParameters
        The checked parameters (:func:`cslib.monitoring.io.check_parameters`).
    lang : {"zh", "en", "zh+en"}
    """
    lang = check_lang(lang)
    versions = per_language(lang, lambda side: _paragraphs(records, prm, side))
    paragraphs = tuple(p for paras in versions for p in paras)
    return Methods(paragraphs, cite_all(["brennan2001"]), lang)


def _paragraphs(records: pd.DataFrame, prm: Any, lang: str) -> list[str]:
    import cslib

    P = PHRASES
    level = format_number(prm.confidence_level, 0, percent=True)
    months = pd.to_datetime(records["date"]).dt.to_period("M").nunique()
    join = sentence_separator(lang)
    return [
        P(
            "data",
            lang,
            n_calls=f"{len(records):,}",
            n_agents=records["agent_id"].nunique(),
            n_inspectors=records["inspector_id"].nunique(),
            n_months=months,
            n_routine=f"{int((~records['must_check']).sum()):,}",
        )
        + join
        + P(
            "gstudy",
            lang,
            level=level,
            n_resamples=prm.n_resamples,
            seed=prm.seed,
        ),
        P(
            "dstudy",
            lang,
            level=level,
            target=f"{prm.target_reliability:g}",
            hw=f"{prm.target_half_width:g}",
        ),
        P(
            "methods_plan",
            lang,
            capacity=prm.inspector_capacity,
            random=format_number(prm.random_share, 0, percent=True),
            seed=prm.seed,
            min_calls=prm.min_calls,
            pass_mark=f"{prm.pass_mark:g}",
            new_months=prm.new_agent_months,
            falling=f"{prm.falling_points:g}",
        )
        + join
        + P("methods_rotation", lang, max_agents=prm.max_agents_per_inspector)
        + join
        + P(
            "methods_drift",
            lang,
            baseline=prm.baseline_months,
            threshold=f"{prm.drift_threshold:g}",
        ),
        P("software", lang, version=cslib.__version__),
    ]


def formula_appendix(lang: Lang | str = "zh") -> str:
    """The appendix of notebook 05: the D-study formulas, in ``lang``."""
    return PHRASES("appendix", check_lang(lang))
