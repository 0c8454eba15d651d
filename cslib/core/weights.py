"""Indicator weights: the one validated weight type (:class:`IndicatorWeights`) that every
method (Delphi, AHP, a published table) is turned into before it scores anyone.

A published table is read by :func:`cslib.core.weight_table.read_weight_table` and turned
into weights by its :meth:`~cslib.core.weight_table.WeightTable.to_indicator_weights`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from cslib.core.errors import InputError
from cslib.core.framework import Framework
from cslib.core.i18n import pick


# ----------------------------------------------------------------------------- weights
@dataclass(frozen=True)
class IndicatorWeights:
    """Combined weights of the lowest-level indicators, summing to 1.

    Attributes
    ----------
    weights : Series
        Indexed by indicator id in framework order.
    name : str
        Where the weights come from (shown in reports), e.g. ``"Delphi normalised mean"``.
    notes : tuple of str
        Anything done to the input (e.g. renormalising printed percentages).
    """

    weights: pd.Series
    name: str
    notes: tuple[str, ...] = field(default_factory=tuple)


def as_weights(
    obj: Any,
    framework: Framework,
    *,
    name: str | None = None,
    tol: float = 1e-6,
) -> IndicatorWeights:
    """Turn weights from any method into validated :class:`IndicatorWeights`.

    Parameters
    ----------
    obj : WeightResult, SurveyResult, IndicatorWeights, Series or mapping
        :class:`cslib.delphi.weights.WeightResult` (its ``.combined()``), an AHP
        :class:`cslib.consistency.ahp_survey.SurveyResult` (its ``.combined`` Series), or a mapping id → weight.
    framework : Framework
        Every lowest-level indicator must have a weight, and no other ids.
    name : str, optional
        Name of the weight source; default taken from ``obj.method`` / ``obj.name``.
    tol : float
        Allowed deviation of the sum from 1.

    Raises
    ------
    InputError
        Missing or unknown indicators, negative weights, or a sum not within ``tol`` of 1.
    """
    if isinstance(obj, IndicatorWeights):
        series, default_name, notes = obj.weights, obj.name, obj.notes
    else:
        notes = ()
        if isinstance(
            getattr(obj, "combined", None), pd.Series
        ):  # cslib.consistency.ahp_survey.SurveyResult
            series = obj.combined
        elif hasattr(obj, "combined") and callable(
            obj.combined
        ):  # cslib.delphi.weights.WeightResult
            series = obj.combined()
        elif hasattr(obj, "weights") and not isinstance(obj, Mapping | pd.Series):
            series = obj.weights
        else:
            series = obj
        series = pd.Series(series, dtype=float) if not isinstance(series, pd.Series) else series
        default_name = str(getattr(obj, "name", None) or getattr(obj, "method", None) or "weights")
        if isinstance(obj, pd.Series | Mapping):
            default_name = str(obj.name) if isinstance(obj, pd.Series) and obj.name else "weights"
    series = series.astype(float)
    leaves = list(framework.leaves)
    missing = [i for i in leaves if i not in series.index]
    extra = [str(i) for i in series.index if i not in leaves]
    if missing or extra:
        msg = []
        if missing:
            msg.append(f"no weight for {', '.join(missing)}")
        if extra:
            msg.append(f"unknown indicator(s) {', '.join(extra)}")
        raise InputError.single(
            None, "; ".join(msg) + f"; expected weights for {', '.join(leaves)}", column="weights"
        )
    series = series.reindex(leaves)
    if (series < 0).any() or not np.isfinite(series).all():
        bad = series[(series < 0) | ~np.isfinite(series)]
        raise InputError.single(
            None,
            "expected non-negative finite weights",
            column=f"weights[{bad.index[0]!r}]",
            found=float(bad.iloc[0]),
        )
    total = float(series.sum())
    if abs(total - 1.0) > tol:
        raise InputError.single(
            None,
            f"weights must sum to 1 (within {tol:g}); they sum to {total:.6g}",
            column="weights",
        )
    series.name = "weight"
    series.index.name = "indicator_id"
    return IndicatorWeights(weights=series, name=name or default_name, notes=tuple(notes))


def as_weights_for_leaves(obj: Any, leaves: list[str], tol: float) -> IndicatorWeights:
    """:func:`as_weights` for a bare list of leaves (no Framework at hand)."""

    class _Leaves:
        def __init__(self, ids: list[str]) -> None:
            self.leaves = tuple(ids)

    return as_weights(obj, _Leaves(leaves), tol=tol)  # type: ignore[arg-type]


#: Display names of the weight sources notebook 04 can use (parameter ``weight_source``).
WEIGHT_SOURCE_NAMES: dict[str, tuple[str, str]] = {
    "published": ("已发表权重表", "published weight table"),
    "delphi_mean": ("德尔菲·均值归一化法", "Delphi, normalised mean"),
    "delphi_ahp_mean_diff": ("德尔菲·均值差层次分析法", "Delphi, mean-difference AHP"),
    "ahp_survey": ("AHP 问卷", "AHP survey"),
}


def weight_source_label(key: str, lang: str = "zh") -> str:
    """Display name of a weight source in ``"zh"``, ``"en"`` or ``"zh+en"``.

    Examples
    --------
    >>> weight_source_label("delphi_ahp_mean_diff", "en")
    'Delphi, mean-difference AHP'
    """
    if key not in WEIGHT_SOURCE_NAMES:
        raise InputError.single(
            None,
            f"unknown weight source; expected one of {', '.join(WEIGHT_SOURCE_NAMES)}",
            column="weight_source",
            found=key,
        )
    zh, en = WEIGHT_SOURCE_NAMES[key]
    return pick(zh, en, lang)
