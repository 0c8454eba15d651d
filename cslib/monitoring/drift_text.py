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
    Phrases,
    check_lang,
    each_language,
    format_number,
    list_separator,
    sentence_separator,
)
from cslib.monitoring.drift import DriftMonitor

__all__ = [
    "DRIFT_PHRASES",
    "drift_calibration",
    "drift_summary",
    "flagged_changes",
    "flagged_table",
]

DRIFT_PHRASES = Phrases(
    {
        "drift_signal": (
            "宽严度控制图报警，建议安排校准：{who}；变化为最近一次报警月份相对该质检员前 {base} "
            "个月的基线。",
            "The leniency chart signalled drift; schedule a calibration session: {who}; each "
            "change is the latest signalled month against the inspector's first {base} months.",
        ),
        "drift_one_lenient": (
            "{who} 打分宽松了 {size} 分（{level} CI {low} 到 {high}，{month}）",
            "{who} scores {size} points more leniently ({level} CI {low} to {high}, {month})",
        ),
        "drift_one_strict": (
            "{who} 打分严格了 {size} 分（{level} CI {low} 到 {high}，{month}）",
            "{who} scores {size} points more strictly ({level} CI {low} to {high}, {month})",
        ),
        "drift_quiet": (
            "没有质检员的宽严度控制图报警。",
            "No inspector's leniency chart signalled drift.",
        ),
        "drift_calibration": (
            "控制图界限按每名质检员每年平均误报 {rate} 次设定（宽严度不变时平均 {arl} 个月"
            "误报一次）；按本数据的估计精度（每月宽严度的标准误约 {se} 分），基线之后 {threshold}"
            " 分的变化在 {within} 个月内被发现的概率约为 {p}，{within} 个月内有 80% 把握发现的"
            "变化约为 {step} 分。",
            "The chart's limits are set for {rate} false alarms per inspector-year on average "
            "(one every {arl} months for an inspector whose leniency does not change); with "
            "this data's precision (standard error of a monthly leniency about {se} points) a "
            "change of {threshold} points after the baseline is signalled within {within} "
            "months with probability {p}, and the change signalled within {within} months with "
            "80% probability is about {step} points.",
        ),
        "drift_two": (
            "注意：每月只有两名质检员可比较，一人变宽松与另一人变严格在数据上无法区分，"
            "两人都应参加校准。",
            "Note: only two inspectors can be compared each month, so one becoming more lenient "
            "cannot be told apart from the other becoming stricter; calibrate both.",
        ),
        "drift_cannot": (
            "无法判断质检员宽严度是否漂移：{reason}。",
            "Inspector drift cannot be judged: {reason}.",
        ),
        "drift_reason_months": (
            "数据只有 {months} 个月，而每名质检员的基线就要用 {base} 个月，基线之后至少还需要"
            "一个月",
            "the data hold {months} month(s) and each inspector's baseline takes {base}; at "
            "least one month after the baseline is needed",
        ),
        "drift_reason_alone": (
            "每个月只有一名质检员评常规录音，没有可比较的同事",
            "only one inspector scored routine calls each month, so nobody is there to "
            "compare with",
        ),
        "drift_reason_linked": (
            "各质检员评分的坐席互不重叠，宽严度与坐席水平无法分开",
            "the inspectors scored disjoint sets of agents, so leniency cannot be told apart "
            "from the agents' level",
        ),
        "drift_reason_variance": (
            "扣除坐席和质检员之后分数没有任何波动",
            "the scores do not vary once agents and inspectors are accounted for",
        ),
    }
)

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
    return DRIFT_PHRASES(
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
        return DRIFT_PHRASES("drift_cannot", lang, reason=_reason(result, lang))
    flagged = flagged_changes(result)
    if flagged.empty:
        first = DRIFT_PHRASES("drift_quiet", lang)
    else:
        who = list_separator(lang).join(
            _one(r, confidence_level, lang) for r in flagged.itertuples(index=False)
        )
        first = DRIFT_PHRASES("drift_signal", lang, who=who, base=result.baseline_months)
        if int(result.table.groupby("month")["inspector_id"].nunique().max()) <= 2:
            first += sentence_separator(lang) + DRIFT_PHRASES("drift_two", lang)
    return first + sentence_separator(lang) + drift_calibration(result, lang)


@each_language(" ")
def drift_calibration(result: DriftMonitor, lang: str = "zh") -> str:
    """The chart's calibration and detection probability in one sentence ("" if not charted)."""
    lang = check_lang(lang)
    if result.reason:
        return ""
    return DRIFT_PHRASES(
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
        return DRIFT_PHRASES(key, lang)
    months = int(result.table["month"].nunique())
    return DRIFT_PHRASES("drift_reason_months", lang, months=months, base=result.baseline_months)
