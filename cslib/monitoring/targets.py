r"""Notebook 05 checks its own design against its targets and against the earlier reports.

* **Rotation vs reliability target.**  The quarterly rotation gives each team *one* inspector.
  With :math:`n'_i` inspectors per agent the reliability of a monthly mean cannot exceed

  .. math:: E\rho^2_{\max}(n'_i) = \frac{\sigma^2_p}{\sigma^2_p + \sigma^2_{pi}/n'_i}

  however many calls are scored (the residual term :math:`\sigma^2_{res}/n'_c` vanishes; the
  agent × inspector term does not).  When the summary recommends shared scoring
  (:func:`cslib.monitoring.analysis.calls_needed_design` needs more than one inspector) and
  the rotation gives one, :func:`rotation_target_sentence` says plainly that the rotation
  cannot reach the target, how far it gets, and what would (Brennan 2001, ch. 4).
* **Calibration vs routine data.**  The inspector component of the calibration set (every
  inspector scores the same calls) estimates the same leniency spread as the routine data's
  inspector component; :func:`calibration_sentence` says whether the calibration value lies
  inside the routine estimate's interval, and flags it when it does not.
* **Report 02's inspector finding.**  Report 02 flags inspectors whose calibration scores
  differ from the others'.  :func:`within_agent_leniency` estimates the same inspector's
  leniency in the routine data — the mean, over agents scored by both, of the inspector's mean
  score minus the other inspectors' mean for the same agent, with a t interval over agents —
  and :func:`report_02_sentence` relates the two and flags a disagreement in direction.

References
----------
Brennan, R. L. (2001). *Generalizability theory*. Springer.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from cslib.core.i18n import check_lang, join_languages, list_separator
from cslib.monitoring.phrases import PHRASES
from cslib.reporting.claims import Difference, Verdict, format_difference, format_verdict
from cslib.reporting.earlier_results import EarlierResult
from cslib.stats.gstudy import CallsNeeded, GStudy
from cslib.stats.rotation import Rotation

__all__ = [
    "max_reliability",
    "rotation_target_sentence",
    "calibration_sentence",
    "within_agent_leniency",
    "Leniency",
    "report_02_sentence",
    "calibration_gstudy",
    "with_design_checks",
]

REPORT_02 = "02_consistency_checks"


def max_reliability(g: GStudy, n_inspectors: int) -> float:
    r"""Largest :math:`E\rho^2` with ``n_inspectors`` per agent, as calls → ∞.

    Examples
    --------
    >>> from cslib.stats.gstudy import GStudy
    >>> vc = {"agent": 9.0, "inspector": 1.0, "agent_inspector": 3.0, "residual": 64.0}
    >>> g = GStudy("(c:a) x r", "reml", vc)
    >>> round(max_reliability(g, 1), 4), round(max_reliability(g, 2), 4)
    (0.75, 0.8571)
    """
    if n_inspectors < 1:
        raise ValueError("n_inspectors must be ≥ 1")
    vc = g.used
    agent = float(vc["agent"])
    if agent <= 0:
        return float("nan")
    return agent / (agent + float(vc["agent_inspector"]) / n_inspectors)


def rotation_target_sentence(
    g: GStudy,
    rotation: Rotation,
    need: CallsNeeded,
    need_inspectors: int,
    *,
    lang: str = "zh",
) -> str:
    """The summary sentence saying whether the rotation can reach the reliability target
    ("" when it can, when there is no rotation, or when reliability is undefined)."""
    check_lang(lang)
    if not rotation.feasible or not rotation.assignment:
        return ""
    r = 1  # the rotation assigns each team to one inspector (team → inspector)
    best = max_reliability(g, r)
    if not np.isfinite(best):
        return ""
    verdict = Verdict(best, need.target, what=("", ""), decimals=2)
    if verdict.reached:
        return ""

    def build(side: str) -> str:
        v = format_verdict(
            Verdict(best, need.target, what=_pair("what_rotation"), decimals=2), side
        )
        if need.n_calls is None:
            return PHRASES("rotation_never", side, r=r, verdict=v, tried=need_inspectors)
        return PHRASES(
            "rotation_misses",
            side,
            r=r,
            verdict=v,
            need_r=need_inspectors,
            n=need.n_calls,
            more=need_inspectors - r,
            more_en=PHRASES(
                "more_one" if need_inspectors - r == 1 else "more_many",
                side,
                more=need_inspectors - r,
            ),
        )

    return join_languages(lang, build, sep=" ")


def _pair(key: str) -> tuple[str, str]:
    return PHRASES[key]


def calibration_sentence(
    calibration_inspector: float,
    routine_inspector: float,
    ci_low: float,
    ci_high: float,
    confidence_level: float,
    *,
    lang: str = "zh",
) -> str:
    """Whether the calibration set's inspector variance lies in the routine estimate's interval.

    Examples
    --------
    >>> calibration_sentence(6.56, 2.66, 0.93, 10.13, 0.95, lang="en")[-14:]
    'the two agree.'
    """
    values = [calibration_inspector, routine_inspector, ci_low, ci_high]
    if not all(np.isfinite(v) for v in values):
        return ""
    inside = ci_low <= calibration_inspector <= ci_high

    def build(side: str) -> str:
        return PHRASES(
            "calib_agree" if inside else "calib_disagree",
            side,
            calib=f"{calibration_inspector:.2f}",
            routine=f"{routine_inspector:.2f}",
            level=f"{100 * confidence_level:g}%",
            lo=f"{ci_low:.2f}",
            hi=f"{ci_high:.2f}",
        )

    return join_languages(lang, build, sep=" ")


@dataclass(frozen=True)
class Leniency:
    """An inspector's leniency in routine data, compared within agents.

    Attributes
    ----------
    inspector : str
    statistic : float
        Mean over agents of (inspector's mean score − other inspectors' mean for that agent);
        NaN when no agent was scored by both.
    ci_low, ci_high : float
        t interval over agents (NaN with fewer than two agents).
    n_agents : int
    confidence_level : float
    """

    inspector: str
    statistic: float
    ci_low: float
    ci_high: float
    n_agents: int
    confidence_level: float


def within_agent_leniency(
    routine: pd.DataFrame, inspector: str, *, confidence_level: float = 0.95
) -> Leniency:
    r"""How much lower (or higher) ``inspector`` scores the same agents than the others do.

    For every agent scored by ``inspector`` and by another inspector,
    :math:`d_a = \bar x_{a,\text{insp}} - \bar x_{a,\text{others}}`; the statistic is
    :math:`\bar d` with the t interval :math:`\bar d \pm t_{n-1} s_d/\sqrt{n}` over agents.

    Examples
    --------
    >>> r = pd.DataFrame({"agent_id": ["a", "a", "b", "b", "c", "c"],
    ...                   "inspector_id": ["X", "Y", "X", "Y", "X", "Y"],
    ...                   "score": [80.0, 85, 70, 74, 90, 96]})
    >>> L = within_agent_leniency(r, "X")
    >>> L.statistic, L.n_agents, round(L.ci_low, 3)
    (-5.0, 3, -7.484)
    """
    mine = routine.loc[routine["inspector_id"] == inspector].groupby("agent_id")["score"].mean()
    others = routine.loc[routine["inspector_id"] != inspector].groupby("agent_id")["score"].mean()
    d = (mine - others).dropna()
    n = int(d.size)
    nan = float("nan")
    if n == 0:
        return Leniency(inspector, nan, nan, nan, 0, confidence_level)
    mean = float(d.mean())
    if n < 2:
        return Leniency(inspector, mean, nan, nan, n, confidence_level)
    res = stats.ttest_1samp(d.to_numpy(dtype=float), 0.0)
    ci = res.confidence_interval(confidence_level)
    return Leniency(inspector, mean, float(ci.low), float(ci.high), n, confidence_level)


def report_02_sentence(
    earlier: Mapping[str, EarlierResult],
    routine: pd.DataFrame,
    *,
    confidence_level: float = 0.95,
    lang: str = "zh",
) -> str:
    """Report 02's flagged inspectors related to the routine data ("" without report 02)."""
    check_lang(lang)
    result = earlier.get(REPORT_02)
    if result is None:
        return ""
    flagged = list(result.values.get("qa_bias_flagged") or [])
    bias = result.values.get("qa_bias") or {}
    if not flagged:
        return ""
    directions = (_pair("softer"), _pair("harder"))

    def build(side: str) -> str:
        out = []
        for who in flagged:
            value = bias.get(who)
            if value is None:
                continue
            calib = format_difference(
                Difference(
                    float(value), unit=_pair("points"), up=directions[0], down=directions[1]
                ),
                side,
            )
            L = within_agent_leniency(routine, who, confidence_level=confidence_level)
            if not np.isfinite(L.statistic) or not np.isfinite(L.ci_low):
                out.append(PHRASES("r02_absent", side, who=who, calib=calib))
                continue
            claim = Difference(
                L.statistic,
                L.ci_low,
                L.ci_high,
                unit=_pair("points"),
                up=directions[0],
                down=directions[1],
                confidence_level=confidence_level,
            )
            text = format_difference(claim, side)
            if claim.crosses_zero:
                key = "r02_unclear"
            elif (L.statistic < 0) == (float(value) < 0):
                key = "r02_agree"
            else:
                key = "r02_disagree"
            out.append(PHRASES(key, side, who=who, calib=calib, routine=text, agents=L.n_agents))
        return list_separator(side).join(out) if len(out) > 1 else "".join(out)

    return join_languages(lang, build, sep=" ")


def calibration_gstudy(path: object) -> GStudy:
    """The calibration set's crossed G study (calls × inspectors, ANOVA), as section 2 shows it."""
    from cslib.monitoring.io import read_calibration_totals
    from cslib.stats.gstudy import gstudy_crossed

    calibration = read_calibration_totals(path)  # type: ignore[arg-type]
    return gstudy_crossed(calibration.table.to_numpy())


@dataclass(frozen=True)
class DesignChecks:
    """The summary's findings with this module's checks added, and the checks' numbers.

    Attributes
    ----------
    findings : list of str
        The findings given, then one sentence per check that has something to say.
    values : dict
        The numbers those sentences state (recorded by the notebook, so the narrative audit
        can check every sentence against them).
    """

    findings: list[str]
    values: dict[str, object]


def with_design_checks(
    findings: list[str],
    g: GStudy,
    intervals: object,
    rotation: Rotation,
    need: CallsNeeded,
    need_inspectors: int,
    routine: pd.DataFrame,
    earlier: Mapping[str, EarlierResult],
    *,
    calibration: GStudy | None = None,
    lang: str = "zh",
) -> DesignChecks:
    """``findings`` with the checks of this module added (each only when it has something to
    say): the rotation against the reliability target, the calibration set against the routine
    data, and report 02's flagged inspectors against the routine data."""
    level = float(getattr(intervals, "confidence_level", 0.95))
    values: dict[str, object] = {"rotation_max_reliability": max_reliability(g, 1)}
    extra = [rotation_target_sentence(g, rotation, need, need_inspectors, lang=lang)]
    if calibration is not None:
        low = getattr(intervals, "ci_low", {}).get("inspector", float("nan"))
        high = getattr(intervals, "ci_high", {}).get("inspector", float("nan"))
        values["calibration_inspector"] = float(calibration.estimate["i"])
        values["calibration_inside_routine_ci"] = bool(
            float(low) <= float(calibration.estimate["i"]) <= float(high)
        )
        extra.append(
            calibration_sentence(
                float(calibration.estimate["i"]),
                float(g.estimate["inspector"]),
                float(low),
                float(high),
                level,
                lang=lang,
            )
        )
    r02 = earlier.get(REPORT_02)
    if r02 is not None:
        values["report_02_leniency"] = {
            who: dataclasses.asdict(within_agent_leniency(routine, who, confidence_level=level))
            for who in r02.values.get("qa_bias_flagged") or []
        }
        # the calibration bias the sentence quotes, as report 02 recorded it
        values["report_02_bias"] = {
            str(who): float(bias)
            for who, bias in (r02.values.get("qa_bias") or {}).items()
            if who in (r02.values.get("qa_bias_flagged") or [])
        }
    extra.append(report_02_sentence(earlier, routine, confidence_level=level, lang=lang))
    return DesignChecks(list(findings) + [e for e in extra if e], values)
