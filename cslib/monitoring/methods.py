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
from cslib.monitoring.drift import SMOOTHING
from cslib.monitoring.phrases import PHRASES
from cslib.stats.drift_ewma import ewma_limit


def monitoring_methods(
    records: pd.DataFrame,
    prm: Any,
    lang: Lang | str = "zh",
    *,
    interval_method: str = "bootstrap",
) -> Methods:
    """The methods section of notebook 05 in ``lang``.

    Parameters
    ----------
    records : DataFrame
        The QA records read by :func:`cslib.monitoring.io.read_qa_records` (``must_check``,
        ``agent_id``, ``inspector_id``, ``date`` columns).
    prm : MonitoringParameters
        The checked parameters (:func:`cslib.monitoring.io.check_parameters`).
    lang : {"zh", "en", "zh+en"}
    interval_method : {"bootstrap", "profile"}
        How the variance-component intervals were made (notebook 05's ``interval_method``).
    """
    lang = check_lang(lang)
    versions = per_language(
        lang, lambda side: _paragraphs(records, prm, side, interval_method=interval_method)
    )
    paragraphs = tuple(p for paras in versions for p in paras)
    return Methods(paragraphs, cite_all(["brennan2001", "hawkins1987", "lucas1990"]), lang)


def _drift_paragraph(prm: Any, lang: str) -> str:
    rate = float(getattr(prm, "drift_false_alarm_rate", 0.1))
    return PHRASES(
        "methods_drift_chart",
        lang,
        first=prm.baseline_months + 1,
        lam=f"{SMOOTHING:g}",
        limit=f"{ewma_limit(SMOOTHING, 12 / rate):.3f}",
        arl=f"{12 / rate:.0f}",
        rate=f"{rate:g}",
        baseline=prm.baseline_months,
    )


def _paragraphs(
    records: pd.DataFrame, prm: Any, lang: str, *, interval_method: str = "bootstrap"
) -> list[str]:
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
            "methods_gstudy_profile" if interval_method == "profile" else "gstudy",
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
        + _drift_paragraph(prm, lang),
        P("software", lang, version=cslib.__version__),
    ]


def formula_appendix(lang: Lang | str = "zh") -> str:
    """The appendix of notebook 05: the D-study formulas, in ``lang``."""
    return PHRASES("appendix", check_lang(lang))
