"""Sentences about inspector drift (notebook 05): who drifted and by how much, and the chart's
stated error rates — or why drift could not be judged.

Every direction word agrees with the sign of its estimate: a change is printed as a size with
"more leniently" or "more strictly" chosen from its sign, and its interval is the interval of
that size.
"""

from __future__ import annotations

from statistics import NormalDist

import pandas as pd

from cslib.core.i18n import (
    check_lang,
    each_language,
    format_number,
    list_separator,
    sentence_separator,
)
from cslib.monitoring.drift import DriftMonitor
from cslib.monitoring.phrases import PHRASES

__all__ = [
    "drift_calibration",
    "drift_summary",
    "flagged_changes",
    "flagged_table",
]


_REASONS = {
    "no other inspector scored routine calls that month": "drift_reason_alone",
    "the inspector's agents are not linked to the others' by shared calls": "drift_reason_linked",
    "the scores have no residual variance": "drift_reason_variance",
}


def flagged_changes(result: DriftMonitor) -> pd.DataFrame:
    """Per flagged inspector, the latest flagged month with its change and standard error."""
    t = result.table
    last = t[t["flagged"]].sort_values(["inspector_id", "month"], kind="stable")
    return last.groupby("inspector_id", sort=True).tail(1).reset_index(drop=True)


def flagged_table(result: DriftMonitor) -> pd.DataFrame:
    """The signalled inspector-months for the report (columns with report labels)."""
    t = result.table
    cols = ["inspector_id", "month", "n", "leniency", "change", "change_se", "ewma"]
    return t.loc[t["flagged"], cols].rename(columns={"change_se": "se"}).reset_index(drop=True)


def _one(row, level: float, lang: str) -> str:
    z = NormalDist().inv_cdf(0.5 + level / 2)
    low, high = row.change - z * row.change_se, row.change + z * row.change_se
    key = "drift_one_lenient" if row.change > 0 else "drift_one_strict"
    if row.change <= 0:  # the size is −change: its interval is (−high, −low)
        low, high = -high, -low
    return PHRASES(
        key,
        lang,
        who=row.inspector_id,
        size=format_number(abs(row.change), 1),
        level=format_number(level, 0, percent=True),
        low=format_number(low, 1),
        high=format_number(high, 1),
        month=row.month,
    )


@each_language(" ")
def drift_summary(result: DriftMonitor, lang: str = "zh", *, confidence_level: float = 0.95) -> str:
    """The summary's sentences on drift: who, by how much, and the chart's error rates.

    With nothing charted (one month, one inspector, no variance) the sentence says why drift
    cannot be judged — never that nobody drifted.
    """
    lang = check_lang(lang)
    if result.reason:
        return PHRASES("drift_cannot", lang, reason=_reason(result, lang))
    flagged = flagged_changes(result)
    if flagged.empty:
        first = PHRASES("drift_quiet", lang)
    else:
        who = list_separator(lang).join(
            _one(r, confidence_level, lang) for r in flagged.itertuples(index=False)
        )
        first = PHRASES("drift_signal", lang, who=who, base=result.baseline_months)
        if int(result.table.groupby("month")["inspector_id"].nunique().max()) <= 2:
            first += sentence_separator(lang) + PHRASES("drift_two", lang)
    return first + sentence_separator(lang) + drift_calibration(result, lang)


@each_language(" ")
def drift_calibration(result: DriftMonitor, lang: str = "zh") -> str:
    """The chart's calibration and detection probability in one sentence ("" if not charted)."""
    lang = check_lang(lang)
    if result.reason:
        return ""
    return PHRASES(
        "drift_calibration",
        lang,
        rate=f"{result.false_alarms_per_year:g}",
        arl=f"{result.arl0:.0f}",
        se=format_number(result.typical_se, 1),
        threshold=format_number(result.threshold, 1),
        within=result.within,
        p=format_number(result.p_detect_threshold, 0, percent=True),
        step=format_number(result.step_80, 1),
    )


def _reason(result: DriftMonitor, lang: str) -> str:
    key = _REASONS.get(result.reason)
    if key is not None:
        return PHRASES(key, lang)
    months = int(result.table["month"].nunique())
    return PHRASES("drift_reason_months", lang, months=months, base=result.baseline_months)
