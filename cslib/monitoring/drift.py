"""Inspector drift as a monitoring scheme with stated error rates (notebook 05, section 6).

Each inspector's monthly leniency is measured against the *other* inspectors that month, with
agent effects absorbed (:func:`cslib.stats.drift_effects.inspector_deviations`); from the month
after its baseline on, a two-sided EWMA chart of the self-starting residuals
(:func:`cslib.stats.drift_effects.drift_changes`) signals drift.  Its limit is calibrated so
that an inspector whose leniency does not change raises ``false_alarms_per_year`` false alarms
a year on average (in-control ARL = 12 / rate months, :func:`cslib.stats.drift_ewma.ewma_limit`);
the report states that rate, the probability that a step of ``threshold`` points is signalled
within ``within`` months and the step signalled with 80 % probability
(:mod:`cslib.stats.drift_power`).  Error rates measured by simulation on the sample's design:
``benchmarks/drift_error_rates.py``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from cslib.core.errors import InputError
from cslib.monitoring.analysis import routine
from cslib.stats.drift_effects import drift_changes, inspector_deviations
from cslib.stats.drift_ewma import ewma_chart, ewma_limit
from cslib.stats.drift_power import detectable_step, detection_probability

__all__ = ["DriftMonitor", "SMOOTHING", "WITHIN_MONTHS", "drift_monitor"]

SMOOTHING = 0.3
"""EWMA smoothing constant λ: large enough to react to a step within two or three months."""

WITHIN_MONTHS = 3
"""The detection horizon the report states (months after the step)."""


@dataclass(frozen=True)
class DriftMonitor:
    """The drift chart of every inspector and its error rates.

    Attributes
    ----------
    table : DataFrame
        ``inspector_id, month, n, leniency, change, change_se, statistic, ewma, flagged``:
        leniency against the other inspectors that month (points), change against the
        inspector's baseline with its standard error, the standardised self-starting residual,
        the EWMA and whether it is beyond the limit.  Baseline months have no statistic.
    smoothing, limit, ewma_limit : float
        λ, L and the EWMA's alarm limit :math:`L\\sqrt{\\lambda/(2-\\lambda)}`.
    false_alarms_per_year, arl0 : float
        The calibration: false alarms per inspector-year and the in-control run length (months).
    baseline_months, within : int
    threshold : float
        The step (points) whose detection probability is stated.
    typical_se : float
        Median standard error of a monthly leniency (points); NaN when nothing was charted.
    p_detect_threshold, step_80 : float
        Probability that a step of ``threshold`` points is signalled within ``within`` months;
        the step signalled with 80 % probability.  NaN with ``reason`` when not charted.
    reason : str
        Empty when at least one inspector was charted, otherwise why not.
    """

    table: pd.DataFrame
    smoothing: float
    limit: float
    ewma_limit: float
    false_alarms_per_year: float
    arl0: float
    baseline_months: int
    within: int
    threshold: float
    typical_se: float
    p_detect_threshold: float
    step_80: float
    reason: str


def _chart(ch, smoothing: float, big_l: float) -> pd.DataFrame:
    table = pd.DataFrame(
        {
            "inspector_id": ch.inspector.astype(str),
            "month": ch.month.astype(str),
            "n": ch.n,
            "leniency": ch.deviation,
            "change": ch.change,
            "change_se": ch.change_se,
            "statistic": ch.residual,
        }
    )
    table["ewma"] = np.nan
    table["flagged"] = False
    for _, grp in table.groupby("inspector_id", sort=True):
        charted = grp[np.isfinite(grp["statistic"])].sort_values("month", kind="stable")
        if charted.empty:
            continue
        chart = ewma_chart(charted["statistic"].to_numpy(float), smoothing, big_l)
        table.loc[charted.index, "ewma"] = chart.statistic
        table.loc[charted.index, "flagged"] = chart.signal
    return table


COLUMNS = [
    "inspector_id",
    "month",
    "n",
    "leniency",
    "change",
    "change_se",
    "statistic",
    "ewma",
    "flagged",
]


def drift_monitor(
    records: pd.DataFrame,
    *,
    baseline_months: int = 2,
    false_alarms_per_year: float = 0.1,
    threshold: float = 4.0,
    smoothing: float = SMOOTHING,
    within: int = WITHIN_MONTHS,
) -> DriftMonitor:
    """Chart every inspector's leniency; limits calibrated to ``false_alarms_per_year``."""
    if not (isinstance(false_alarms_per_year, (int, float)) and 0 < false_alarms_per_year < 12):
        raise InputError.single(
            None,
            "expected a false-alarm rate per inspector-year between 0 and 12",
            column="drift_false_alarm_rate",
            found=false_alarms_per_year,
        )
    r = routine(records)
    arl0 = 12.0 / false_alarms_per_year
    big_l = ewma_limit(smoothing, arl0)
    h = big_l * math.sqrt(smoothing / (2 - smoothing))
    agents = r["agent_id"].to_numpy(str)
    inspectors = r["inspector_id"].to_numpy(str)
    months = r["month"].astype(str).to_numpy(str)
    scores = r["score"].to_numpy(float)
    drifting: tuple[str, ...] = ()
    # inspectors found drifting leave the others' references; repeat until the set of drifting
    # inspectors is stable (at most three passes)
    for _ in range(3):
        dev = inspector_deviations(
            agents, inspectors, months, scores, exclude_from_reference=drifting
        )
        ch = drift_changes(dev, baseline_months=baseline_months)
        table = _chart(ch, smoothing, big_l)
        found = tuple(sorted(table.loc[table["flagged"], "inspector_id"].unique()))
        if found == drifting:
            break
        drifting = found
    table = table.sort_values(["inspector_id", "month"], kind="stable").reset_index(drop=True)
    ses = np.sqrt(np.diag(dev.covariance))
    ses = ses[np.isfinite(ses) & (ses > 0)]
    charted_any = bool(np.isfinite(table["statistic"]).any())
    if charted_any and ses.size:
        se = float(np.median(ses))
        p_thr = detection_probability(
            threshold,
            se,
            baseline_months=baseline_months,
            within=within,
            smoothing=smoothing,
            limit=big_l,
        )
        step = detectable_step(
            se, baseline_months=baseline_months, within=within, smoothing=smoothing, limit=big_l
        )
        reason = ""
    else:
        se = p_thr = step = math.nan
        reasons = sorted({x for x in ch.reason if x and x != "baseline month"})
        reason = reasons[0] if reasons else "no month after any inspector's baseline"
    return DriftMonitor(
        table=table[COLUMNS],
        smoothing=float(smoothing),
        limit=big_l,
        ewma_limit=h,
        false_alarms_per_year=float(false_alarms_per_year),
        arl0=arl0,
        baseline_months=int(baseline_months),
        within=int(within),
        threshold=float(threshold),
        typical_se=se,
        p_detect_threshold=p_thr,
        step_80=step,
        reason=reason,
    )
