r"""Kirkpatrick–Phillips level 5: fully loaded costs, benefits in money, ROI with its interval.

The chain, per course (Phillips & Phillips' ROI Methodology, with the isolation step taken
from the Callaway–Sant'Anna estimates of notebook 03):

1. **Costs, fully loaded** (:func:`cslib.roi.costs.fully_loaded_costs`): every item of the costs file charged
   for what this evaluation covers — fixed totals (amortised over the course's deliveries
   where the file says so), per participant, per participant-hour (the time away from the
   phones at a loaded wage) and per delivery.
2. **Isolated effect** of the course on each KPI: the simple aggregation of ATT(g,t)
   (:func:`cslib.stats.staggered.aggregate`), in KPI units per agent-week.
3. **Money**: benefit of KPI k = direction_k × effect_k × money per unit_k (values file) ×
   trained agents (exposure) × effective weeks of the horizon, where the effective weeks are
   :math:`\sum_{t=0}^{H-1} w(t)` for the declared decay w (none: 1; linear: 1 − t/H;
   exponential: :math:`2^{-t/h}`).  Effects that were not estimated, and KPIs without a stated
   money value (intangibles), contribute nothing and are listed.
4. **ROI** (:func:`benefit_cost`): BCR = benefits ÷ costs, ROI % = (benefits − costs) ÷ costs
   × 100.
5. **Uncertainty**: the course's KPI effects are drawn jointly by the multiplier bootstrap of
   their influence functions (:func:`cslib.stats.staggered.joint_draws`); each draw gives
   benefits, BCR and ROI, whose percentile interval is reported with the share of draws with
   ROI > 0.  Costs and money values are taken as given; their uncertainty is explored by the
   one-at-a-time sensitivity analysis (:func:`sensitivity`), not mixed into the interval.

References
----------
Phillips, J. J. & Phillips, P. P. (2016). Handbook of Training Evaluation and Measurement
    Methods, 4th ed. Routledge.  (ROI Methodology: levels, guiding principles, cost
    categories, conversion of data to money.)
Callaway, B. & Sant'Anna, P. H. C. (2021). Difference-in-differences with multiple time
    periods. Journal of Econometrics 225, 200–230.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

import numpy as np
import pandas as pd

from cslib.core.errors import InputError
from cslib.roi.costs import CourseCosts, fully_loaded_costs
from cslib.roi.io import KPIS, CostItems, KpiValues
from cslib.roi.phrases import PHRASES
from cslib.stats.bootstrap import percentile_interval
from cslib.stats.staggered import AggregateReason, GroupTimeResult, aggregate, joint_draws

Decay = Literal["none", "linear", "exponential"]

#: Phillips' conservative default for a short programme: benefits of the first year only.
ONE_YEAR_WEEKS = 52


# ------------------------------------------------------------------------------ ROI arithmetic
@dataclass(frozen=True)
class BenefitCost:
    """Benefit–cost ratio and return on investment of one set of benefits and costs.

    Attributes
    ----------
    benefits, costs : float
        Monetary benefits and fully loaded costs (same currency).
    bcr : float
        Benefit–cost ratio, benefits ÷ costs.
    roi_percent : float
        (benefits − costs) ÷ costs × 100.
    net_benefit : float
        benefits − costs.

    Examples
    --------
    >>> r = benefit_cost(150_000, 100_000)
    >>> r.bcr, r.roi_percent, r.net_benefit
    (1.5, 50.0, 50000.0)
    """

    benefits: float
    costs: float
    bcr: float
    roi_percent: float
    net_benefit: float


def benefit_cost(benefits: float, costs: float) -> BenefitCost:
    r"""Benefit–cost ratio and ROI % (Phillips' level 5 arithmetic).

    .. math::

        \mathrm{BCR} = \frac{B}{C}, \qquad
        \mathrm{ROI}\,\% = \frac{B - C}{C} \times 100, \qquad \mathrm{net} = B - C.

    Parameters
    ----------
    benefits : float
        Monetary benefits (may be negative: a course that made a KPI worse).
    costs : float
        Fully loaded costs, > 0 (with no cost there is no ratio).

    Returns
    -------
    BenefitCost

    Raises
    ------
    InputError
        ``costs`` not a positive finite number, ``benefits`` not finite.

    References
    ----------
    Phillips, J. J. & Phillips, P. P. (2016). Handbook of Training Evaluation and Measurement
    Methods, 4th ed., ch. 12 (calculating the return on investment).

    Examples
    --------
    A course costing 80 000 that brings 100 000 of benefits returns 25 % (BCR 1.25: every
    unit spent comes back with a quarter on top).

    >>> r = benefit_cost(100_000, 80_000)
    >>> r.bcr, r.roi_percent, r.net_benefit
    (1.25, 25.0, 20000.0)
    >>> benefit_cost(10, 0)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    cslib.core.errors.InputError: <data frame>: column 'costs': expected fully loaded costs > 0 ...
    """
    b, c = _finite(benefits, "benefits"), _finite(costs, "costs")
    if c <= 0:
        raise InputError.single(
            None,
            "expected fully loaded costs > 0 (a ratio to zero costs is undefined)",
            column="costs",
            found=costs,
        )
    return BenefitCost(b, c, b / c, (b - c) / c * 100.0, b - c)


def _finite(x: object, name: str) -> float:
    try:
        v = float(x)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise InputError.single(None, "expected a number", column=name, found=x) from None
    if not math.isfinite(v):
        raise InputError.single(None, "expected a finite number", column=name, found=x)
    return v


# ------------------------------------------------------------------------------ horizon
@dataclass(frozen=True)
class Horizon:
    """How long benefits are counted and how the effect fades.

    ``weeks`` H of benefits from the training week on; ``decay`` "none" (the effect stays for
    the whole horizon), "linear" (falls to zero at the end) or "exponential" with
    ``half_life_weeks`` h.  :attr:`effective_weeks` is the number of full-effect weeks the
    horizon is worth, :math:`\\sum_{t=0}^{H-1} w(t)`.

    Examples
    --------
    >>> Horizon(52).effective_weeks, Horizon(52, "linear").effective_weeks
    (52.0, 26.5)
    >>> round(Horizon(2, "exponential", 1.0).effective_weeks, 9)  # 1 + 1/2
    1.5
    """

    weeks: int
    decay: Decay = "none"
    half_life_weeks: float = math.inf

    def __post_init__(self) -> None:
        if int(self.weeks) != self.weeks or self.weeks < 1:
            raise InputError.single(
                None,
                "expected a whole number of weeks ≥ 1",
                column="horizon_weeks",
                found=self.weeks,
            )
        if self.decay not in ("none", "linear", "exponential"):
            raise InputError.single(
                None,
                "expected 'none', 'linear' or 'exponential'",
                column="decay",
                found=self.decay,
            )
        if self.decay == "exponential" and not (
            math.isfinite(self.half_life_weeks) and self.half_life_weeks > 0
        ):
            raise InputError.single(
                None,
                "expected a half-life in weeks > 0 for exponential decay",
                column="half_life_weeks",
                found=self.half_life_weeks,
            )

    def weights(self) -> np.ndarray:
        t = np.arange(int(self.weeks), dtype=float)
        if self.decay == "linear":
            return 1.0 - t / self.weeks
        if self.decay == "exponential":
            return np.exp2(-t / self.half_life_weeks)
        return np.ones_like(t)

    @property
    def effective_weeks(self) -> float:
        return float(self.weights().sum())


@dataclass(frozen=True)
class CourseROI:
    """ROI of one course (or a forecast of it) with its uncertainty.

    Attributes
    ----------
    course_id : str
    forecast : bool
        True when the benefits are a forecast from a pilot's effect (``exposure`` is then the
        planned number of agents).
    costs : CourseCosts
    exposure : int
        Trained agents whose KPIs count (those observed in the weekly panel).
    horizon : Horizon
    follow_up_weeks : int
        Weeks after training the data observed (longest estimated event time + 1).
    point : BenefitCost or None
        From the estimated effects; None with ``reason`` when no monetised effect was estimated.
    roi_ci, bcr_ci, benefits_ci : (float, float)
        Percentile intervals of the joint draws at ``confidence_level``.
    p_positive : float
        Share of draws with ROI > 0.
    effects : DataFrame
        One row per KPI considered: ``kpi, unit, direction, status`` (``monetised``,
        ``intangible``, ``not_estimated``), ``estimate, se, ci_low, ci_high`` (NaN when not
        estimated), ``money_per_unit``, ``benefit`` and its interval ``benefit_low,
        benefit_high``, ``break_even_effect`` (the effect on this KPI alone that would pay
        the costs, KPI units), ``reason_code`` (``no_treated``, ``not_estimated``,
        ``outcome_constant``, ``declared_intangible``, ``no_value``; empty when monetised;
        worded by ``reason_<code>`` of :data:`cslib.roi.phrases.PHRASES`) and ``reason`` (its
        English words, for developers).
    roi_draws : ndarray
        ROI % of each draw (empty when undefined).
    reason, reason_code : str
        Why there is no ROI (empty when defined): ``no_monetised`` (no KPI with a money value
        has an estimated effect) or ``no_variation`` (the estimated effects have no sampling
        variation, so no interval — and hence no ROI — can be given).
    """

    course_id: str
    forecast: bool
    costs: CourseCosts
    exposure: int
    horizon: Horizon
    follow_up_weeks: int
    point: BenefitCost | None
    roi_ci: tuple[float, float]
    bcr_ci: tuple[float, float]
    benefits_ci: tuple[float, float]
    p_positive: float
    effects: pd.DataFrame
    confidence_level: float
    n_draws: int
    reason: str = ""
    roi_draws: np.ndarray = field(default_factory=lambda: np.zeros(0), repr=False)
    reason_code: str = ""

    @property
    def defined(self) -> bool:
        return self.point is not None

    @property
    def extrapolated(self) -> bool:
        """The horizon is longer than the follow-up the data observed."""
        return self.horizon.weeks > self.follow_up_weeks


def follow_up_weeks(fits: Mapping[str, GroupTimeResult]) -> int:
    """Longest estimated post-training event time + 1 over the fits (0 if none)."""
    longest = -1
    for fit in fits.values():
        t = fit.table
        ok = t["post"].astype(bool) & t["reason_code"].eq("")
        if ok.any():
            longest = max(longest, int(t.loc[ok, "event_time"].max()))
    return longest + 1


def trained_agents(fits: Mapping[str, GroupTimeResult]) -> int:
    """Agents trained on the course observed in the panel (all cohorts, estimated or not)."""
    best = 0
    for fit in fits.values():
        best = max(best, int(fit.cohorts["n_units"].sum()) if len(fit.cohorts) else 0)
    return best


def course_roi(
    course_id: str,
    fits: Mapping[str, GroupTimeResult],
    costs: CourseCosts,
    values: KpiValues,
    horizon: Horizon,
    *,
    kpis: Sequence[str],
    exposure: int | None = None,
    forecast: bool = False,
    confidence_level: float = 0.95,
    n_draws: int = 1999,
    seed: int = 20240601,
    max_horizon_weeks: int = ONE_YEAR_WEEKS,
) -> CourseROI:
    """ROI of a course with the uncertainty of its isolated effects carried through.

    Parameters
    ----------
    fits : mapping
        KPI → :class:`~cslib.stats.staggered.GroupTimeResult` of this course (the
        Callaway–Sant'Anna fits of notebook 03, one :func:`att_gt_many` call, so the KPIs share
        the unit coding and can be drawn jointly).  A KPI of ``kpis`` without a fit is listed
        as not estimated.
    costs : CourseCosts
    values : KpiValues
    horizon : Horizon
    kpis : sequence of str
        KPIs considered; those without a money value are listed as intangible (their effect
        is still shown).
    exposure : int, optional
        Agents whose KPIs count; default the trained agents observed in the panel.
    forecast : bool
        Label the result a forecast (pilot effect, planned exposure and costs).
    n_draws, seed : int
        Joint multiplier-bootstrap draws and their seed.
    max_horizon_weeks : int
        Longest horizon allowed beyond the observed follow-up (default one year).

    Raises
    ------
    InputError
        ``horizon_weeks`` longer than both the data's follow-up and ``max_horizon_weeks`` (the
        data cannot support it); a bad confidence level or number of draws.

    Examples
    --------
    Two trained and two untrained agents, AHT falls by 6 s per call; 100 calls a week at 0.01
    per second gives 6 a week per agent, over 10 weeks and 2 agents 120 of benefits.

    >>> import pandas as pd
    >>> from cslib.roi.io import KpiValues
    >>> from cslib.stats.staggered import att_gt_many
    >>> df = pd.DataFrame({"id": [1, 1, 2, 2, 3, 3, 4, 4], "t": [1, 2] * 4,
    ...     "aht_s": [200.0, 195.0, 210.0, 203.0, 201.0, 202.0, 199.0, 198.0],
    ...     "g": [2, 2, 2, 2, None, None, None, None]})
    >>> fits = att_gt_many(df, ["aht_s"], "id", "t", "g", min_cohort_size=2)
    >>> vals = KpiValues(pd.DataFrame({"kpi": ["aht_s"], "unit": ["s"], "direction": [-1],
    ...     "value": [0.01], "volume": [100.0], "intangible": [False],
    ...     "money_per_unit": [1.0], "source_note": [""], "row": [2]}))
    >>> costs = CourseCosts("X", pd.DataFrame(), 100.0, 2, 1.0, 1)
    >>> r = course_roi("X", fits, costs, vals, Horizon(10), kpis=["aht_s"], n_draws=99)
    >>> round(r.point.benefits, 9), round(r.point.roi_percent, 9)
    (120.0, 20.0)
    >>> round(float(r.effects["break_even_effect"].iloc[0]), 9)  # −6 s × 100 / 120
    -5.0
    """
    if not 0 < confidence_level < 1:
        raise InputError.single(
            None,
            "expected a number between 0 and 1",
            column="confidence_level",
            found=confidence_level,
        )
    if int(n_draws) != n_draws or n_draws < 99:
        raise InputError.single(
            None, "expected a whole number ≥ 99", column="n_draws", found=n_draws
        )
    for k in kpis:
        if k not in KPIS:
            raise InputError.single(
                None, "expected a KPI: " + ", ".join(KPIS), column="kpis", found=k
            )
    follow = follow_up_weeks(fits)
    limit = max(follow, int(max_horizon_weeks))
    if horizon.weeks > limit:
        raise InputError.single(
            None,
            f"a horizon the data can support for {course_id}: at most {limit} weeks (the "
            f"longer of the {follow} weeks after training the data observed and "
            f"{int(max_horizon_weeks)} weeks, one year of benefits for a short programme)",
            column="horizon_weeks",
            found=horizon.weeks,
        )
    n_agents = trained_agents(fits) if exposure is None else int(exposure)
    eff_weeks = horizon.effective_weeks
    rows, aggs, scale = [], [], []
    cluster = None
    vt = values.table.set_index("kpi")
    for kpi in kpis:
        row: dict = {"kpi": kpi}
        in_file = kpi in vt.index
        row["unit"], row["direction"] = KPIS[kpi]
        money = float(vt.at[kpi, "money_per_unit"]) if in_file else math.nan
        row["money_per_unit"] = money
        fit = fits.get(kpi)
        agg = (
            aggregate(fit, "simple", confidence_level=confidence_level) if fit is not None else None
        )
        if agg is None or agg.reason_code:
            code = (
                "no_treated"
                if agg is None
                else "outcome_constant"
                if agg.reason_code == AggregateReason.OUTCOME_CONSTANT
                else "not_estimated"
            )
            row.update(
                status="not_estimated", reason=PHRASES(f"reason_{code}", "en"), reason_code=code
            )
            rows.append(row)
            continue
        row.update(estimate=agg.estimate, se=agg.se, ci_low=agg.ci_low, ci_high=agg.ci_high)
        if not in_file or vt.at[kpi, "intangible"] or not math.isfinite(money):
            code = "declared_intangible" if in_file else "no_value"
            row.update(
                status="intangible", reason=PHRASES(f"reason_{code}", "en"), reason_code=code
            )
            rows.append(row)
            continue
        a = row["direction"] * money * n_agents * eff_weeks
        row.update(status="monetised", reason="", reason_code="", benefit=a * agg.estimate)
        rows.append(row)
        aggs.append(agg)
        scale.append(a)
        assert fit is not None  # an estimated aggregation comes from a fit
        cluster = fit.cluster
    effects = pd.DataFrame(rows).reindex(columns=_EFFECT_COLUMNS)
    nan2 = (math.nan, math.nan)
    why, code = "", ""
    if not aggs:
        why, code = "no monetised effect was estimated for this course", "no_monetised"
    else:
        assert cluster is not None
        draws = joint_draws(aggs, cluster, n_draws=int(n_draws), seed=seed)
        a_k = np.array(scale)
        money_draws = draws * a_k[None, :]
        benefits = money_draws.sum(axis=1)
        C = costs.total
        point = benefit_cost(float(np.dot(a_k, [g.estimate for g in aggs])), C)
        roi_draws = (benefits - C) / C * 100.0
        # constant outcomes leave only rounding noise (~1e-15) in the draws: a zero-width
        # interval would read as certainty, so there is no ROI to show
        if np.ptp(roi_draws) <= 1e-9 * (1.0 + abs(point.roi_percent)):
            why = "the monetised effects have no sampling variation, so the ROI has no interval"
            code = "no_variation"
    if why:
        return CourseROI(
            course_id,
            forecast,
            costs,
            n_agents,
            horizon,
            follow,
            None,
            nan2,
            nan2,
            nan2,
            math.nan,
            effects,
            confidence_level,
            int(n_draws),
            why,
            reason_code=code,
        )
    per_kpi = percentile_interval(money_draws.mean(axis=0), money_draws, confidence_level)
    mon = effects["status"].eq("monetised").to_numpy()
    effects.loc[mon, "benefit_low"] = per_kpi.ci_low
    effects.loc[mon, "benefit_high"] = per_kpi.ci_high
    effects.loc[mon, "break_even_effect"] = C / a_k  # a_k carries the KPI's direction
    b_ci = _interval(point.benefits, benefits, confidence_level)
    return CourseROI(
        course_id,
        forecast,
        costs,
        n_agents,
        horizon,
        follow,
        point,
        _interval(point.roi_percent, roi_draws, confidence_level),
        (b_ci[0] / C, b_ci[1] / C),
        b_ci,
        float(np.mean(benefits > C)),
        effects,
        confidence_level,
        int(n_draws),
        "",
        roi_draws,
    )


_EFFECT_COLUMNS = [
    "kpi",
    "unit",
    "direction",
    "status",
    "estimate",
    "se",
    "ci_low",
    "ci_high",
    "money_per_unit",
    "benefit",
    "benefit_low",
    "benefit_high",
    "break_even_effect",
    "reason",
    "reason_code",
]


def _interval(estimate: float, draws: np.ndarray, level: float) -> tuple[float, float]:
    iv = percentile_interval(estimate, draws, level)
    return float(iv.ci_low[0]), float(iv.ci_high[0])


def forecast_roi(
    pilot_course: str,
    fits: Mapping[str, GroupTimeResult],
    items: CostItems,
    values: KpiValues,
    horizon: Horizon,
    *,
    planned_agents: int,
    planned_participants: int,
    planned_deliveries: int,
    hours: float,
    kpis: Sequence[str],
    **options: object,
) -> CourseROI:
    """Forecast the ROI of rolling a piloted course out: the pilot's effects (with their
    uncertainty, wide when the pilot was small) × the planned agents, against the costs of the
    planned rollout from the same costs file.  The result is labelled ``forecast``; it carries
    only the pilot's sampling error, not differences between pilot and rollout groups.

    Examples
    --------
    See :func:`course_roi`; the forecast differs only in exposure and costs.
    """
    if int(planned_agents) != planned_agents or planned_agents < 1:
        raise InputError.single(
            None,
            "expected a whole number of agents ≥ 1",
            column="forecast.agents",
            found=planned_agents,
        )
    costs = fully_loaded_costs(
        items,
        pilot_course,
        participants=planned_participants,
        hours=hours,
        deliveries=planned_deliveries,
    )
    return course_roi(
        pilot_course,
        fits,
        costs,
        values,
        horizon,
        kpis=kpis,
        exposure=int(planned_agents),
        forecast=True,
        **options,  # type: ignore[arg-type]
    )


# ------------------------------------------------------------------------------ sensitivity
@dataclass(frozen=True)
class SensitivityRanges:
    """Ranges of the one-at-a-time sensitivity analysis (user-settable).

    ``value``: factors on each KPI's money value; ``horizon_weeks``: shortest and longest
    horizon; ``half_life_weeks``: fastest and slowest exponential fading; ``cost``: factors on
    each of the ``n_cost_items`` largest cost items.
    """

    value: tuple[float, float] = (0.5, 1.5)
    horizon_weeks: tuple[int, int] = (26, 52)
    half_life_weeks: tuple[float, float] = (13.0, 52.0)
    cost: tuple[float, float] = (0.75, 1.5)
    n_cost_items: int = 3

    def __post_init__(self) -> None:
        for name in ("value", "horizon_weeks", "half_life_weeks", "cost"):
            lo, hi = getattr(self, name)
            if not (math.isfinite(lo) and math.isfinite(hi) and 0 < lo <= hi):
                raise InputError.single(
                    None,
                    "expected [low, high] with 0 < low ≤ high",
                    column=f"sensitivity.{name}",
                    found=[lo, hi],
                )


def _point_roi(
    r: CourseROI, horizon: Horizon, money_factor: Mapping[str, float], cost_total: float
) -> float:
    e = r.effects[r.effects["status"].eq("monetised")]
    b = sum(
        float(row.direction)
        * float(row.money_per_unit)
        * money_factor.get(str(row.kpi), 1.0)
        * r.exposure
        * horizon.effective_weeks
        * float(row.estimate)
        for row in e.itertuples(index=False)
    )
    return benefit_cost(b, cost_total).roi_percent


def sensitivity(r: CourseROI, ranges: SensitivityRanges = SensitivityRanges()) -> pd.DataFrame:
    """ROI % of the point estimate when one assumption at a time moves over its range.

    Returns one row per assumption — ``kind`` (``value``, ``horizon``, ``decay``, ``cost``),
    ``name`` (KPI, cost item or empty; ``name_en`` its English name), ``low``/``high`` (the settings), ``roi_low``,
    ``roi_high``, ``swing`` (|roi_high − roi_low|), ``flips`` (ROI changes sign within the
    range) — sorted by swing, largest first (the bars of a tornado chart).  Empty when the
    course's ROI is undefined.

    Examples
    --------
    See the notebook; each row is :func:`benefit_cost` with one input changed.
    """
    if not r.defined:
        return pd.DataFrame(columns=_SENS_COLUMNS)
    assert r.point is not None
    base_roi = r.point.roi_percent
    C = r.costs.total
    rows = []
    for kpi in r.effects.loc[r.effects["status"].eq("monetised"), "kpi"]:
        lo, hi = ranges.value
        rows.append(
            (
                "value",
                kpi,
                kpi,
                lo,
                hi,
                _point_roi(r, r.horizon, {kpi: lo}, C),
                _point_roi(r, r.horizon, {kpi: hi}, C),
            )
        )
    h_lo, h_hi = (int(x) for x in ranges.horizon_weeks)
    limit = max(r.follow_up_weeks, ONE_YEAR_WEEKS, r.horizon.weeks)
    if h_hi > limit:
        raise InputError.single(
            None,
            f"a horizon the data can support for {r.course_id}: at most {limit} weeks",
            column="sensitivity.horizon_weeks",
            found=[h_lo, h_hi],
        )
    rows.append(
        (
            "horizon",
            "",
            "",
            h_lo,
            h_hi,
            _point_roi(r, replace(r.horizon, weeks=h_lo), {}, C),
            _point_roi(r, replace(r.horizon, weeks=h_hi), {}, C),
        )
    )
    fast, slow = ranges.half_life_weeks
    rows.append(
        (
            "decay",
            "",
            "",
            fast,
            slow,
            _point_roi(r, Horizon(r.horizon.weeks, "exponential", fast), {}, C),
            _point_roi(r, Horizon(r.horizon.weeks, "exponential", slow), {}, C),
        )
    )
    items = (
        r.costs.table.sort_values("charged", ascending=False, kind="stable")
        if "charged" in r.costs.table
        else pd.DataFrame()
    )
    for it in items.head(ranges.n_cost_items).itertuples(index=False):
        lo, hi = ranges.cost
        rows.append(
            (
                "cost",
                str(it.item),
                str(getattr(it, "item_en", it.item)),
                lo,
                hi,
                _point_roi(r, r.horizon, {}, C + (lo - 1) * float(it.charged)),
                _point_roi(r, r.horizon, {}, C + (hi - 1) * float(it.charged)),
            )
        )
    t = pd.DataFrame(
        rows, columns=["kind", "name", "name_en", "low", "high", "roi_low", "roi_high"]
    )
    t["swing"] = (t["roi_high"] - t["roi_low"]).abs()
    lo_all = np.minimum(t["roi_low"], np.minimum(t["roi_high"], base_roi))
    hi_all = np.maximum(t["roi_low"], np.maximum(t["roi_high"], base_roi))
    t["flips"] = (lo_all < 0) & (hi_all > 0)
    t["base_roi"] = base_roi
    return t.sort_values(
        ["swing", "kind", "name"], ascending=[False, True, True], kind="stable"
    ).reset_index(drop=True)[_SENS_COLUMNS]


_SENS_COLUMNS = [
    "kind",
    "name",
    "name_en",
    "low",
    "high",
    "roi_low",
    "roi_high",
    "swing",
    "flips",
    "base_roi",
]


# ------------------------------------------------------------------------------ whole report
@dataclass(frozen=True)
class RoiAnalysis:
    """Everything notebook 06 shows: one :class:`CourseROI` per course of the costs file (in
    file order), the forecasts, and each course's sensitivity table (course id → frame)."""

    rois: tuple[CourseROI, ...]
    forecasts: tuple[CourseROI, ...]
    sensitivity: dict[str, pd.DataFrame]

    @property
    def all(self) -> tuple[CourseROI, ...]:
        return self.rois + self.forecasts


def analyse(
    fits: Mapping[str, Mapping[str, GroupTimeResult]],
    attended: pd.DataFrame,
    items: CostItems,
    values: KpiValues,
    horizon: Horizon,
    *,
    kpis: Sequence[str],
    ranges: SensitivityRanges = SensitivityRanges(),
    forecast: Mapping[str, Mapping[str, int]] | None = None,
    durations: Mapping[str, float] | None = None,
    confidence_level: float = 0.95,
    n_draws: int = 1999,
    seed: int = 20240601,
) -> RoiAnalysis:
    """ROI of every course in the costs file, its sensitivity, and the requested forecasts.

    Parameters
    ----------
    fits : mapping
        course → {KPI → GroupTimeResult} (notebook 03's Callaway–Sant'Anna fits).
    attended : DataFrame
        :func:`cslib.roi.costs.attendance` (participants, deliveries, hours per course).
    forecast : mapping, optional
        piloted course → ``{"agents": …, "participants": …, "deliveries": …}``.
    durations : mapping, optional
        course → minutes, for courses not in ``attended`` (a forecast of an unattended
        course); default from ``attended``.

    Raises
    ------
    InputError
        A KPI of ``kpis`` that is not a known weekly measure; a forecast for a course that is
        not in the costs file; everything :func:`fully_loaded_costs` and :func:`course_roi`
        raise.
    """
    for k in kpis:
        if k not in KPIS:
            raise InputError.single(
                None, "expected a KPI: " + ", ".join(KPIS), column="kpis", found=k
            )
    att = attended.set_index("course_id")
    options: dict[str, Any] = dict(confidence_level=confidence_level, n_draws=n_draws, seed=seed)
    rois = []
    for course in dict.fromkeys(items.table["course_id"]):
        if course in att.index:
            a = att.loc[course]
            participants, deliveries, hours = (
                int(a["participants"]),
                int(a["deliveries"]),
                float(a["hours"]),
            )
        else:
            participants, deliveries = 0, 0
            hours = float((durations or {}).get(course, 0.0)) / 60.0
        costs = fully_loaded_costs(
            items, course, participants=participants, hours=hours, deliveries=deliveries
        )
        rois.append(
            course_roi(course, fits.get(course, {}), costs, values, horizon, kpis=kpis, **options)
        )
    sens = {r.course_id: sensitivity(r, ranges) for r in rois}
    forecasts = []
    for course, plan in (forecast or {}).items():
        if course not in set(items.table["course_id"]):
            raise InputError.single(
                items.source,
                f"cost items for the forecast course {course}",
                column="forecast",
                found=course,
            )
        hours = (
            float(att.at[course, "hours"])
            if course in att.index
            else float((durations or {}).get(course, 0.0)) / 60.0
        )
        forecasts.append(
            forecast_roi(
                course,
                fits.get(course, {}),
                items,
                values,
                horizon,
                planned_agents=int(plan["agents"]),
                planned_participants=int(plan["participants"]),
                planned_deliveries=int(plan["deliveries"]),
                hours=hours,
                kpis=kpis,
                **options,
            )
        )
    return RoiAnalysis(tuple(rois), tuple(forecasts), sens)
