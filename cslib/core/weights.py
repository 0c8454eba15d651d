"""Indicator weights: the one validated weight type (:class:`IndicatorWeights`) that every
method (Delphi, AHP, a published table) is turned into before it scores anyone.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pandera.pandas as pa

from cslib.core.errors import InputError, Problem
from cslib.core.framework import Framework
from cslib.core.i18n import pick
from cslib.core.io import read_table, source_of, validate


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


def read_published_weights(
    path: str | Path,
    framework: Framework,
    *,
    name: str | None = None,
    tol_percent: float = 0.05,
) -> IndicatorWeights:
    """Read a published weight table.

    Two layouts are accepted:

    * ``id, parent, weight, combined`` (percent, as printed in the paper): the
      ``combined`` column of the lowest-level indicators is used;
    * ``indicator_id, weight``: fractions summing to 1, or percent summing to 100.

    Printed percentages are rounded, so a sum within ``tol_percent`` points of 100
    is accepted and renormalised to exactly 1; the note says so.  Larger deviations
    raise :class:`InputError`.
    """
    frame = read_table(path)
    file = source_of(frame)
    if "combined" in frame.columns and "id" in frame.columns:
        id_col, w_col = "id", "combined"
    elif "indicator_id" in frame.columns and "weight" in frame.columns:
        id_col, w_col = "indicator_id", "weight"
    else:
        raise InputError.single(
            file,
            "expected columns 'id, parent, weight, combined' or "
            f"'indicator_id, weight'; the header has {list(frame.columns)}",
            row=1,
        )
    schema = pa.DataFrameSchema(
        {
            id_col: pa.Column(str, description="an indicator id"),
            w_col: pa.Column(
                float,
                pa.Check.ge(0, error="a non-negative weight"),
                nullable=True,
                description="a number (weight)",
            ),
        },
        strict=False,
    )
    table = validate(frame, schema)
    leaves = set(framework.leaves)
    problems = [
        Problem("unknown indicator id", r, id_col, i)
        for r, i in table[id_col].items()
        if i not in framework
    ]
    dup = table[id_col].duplicated()
    problems += [
        Problem("duplicate indicator id", r, id_col, i) for r, i in table.loc[dup, id_col].items()
    ]
    if problems:
        raise InputError(file, problems)
    table = table[table[id_col].isin(leaves)]
    empty = table[w_col].isna()
    if empty.any():
        raise InputError(
            file,
            [
                Problem("missing weight of a lowest-level indicator", r, w_col)
                for r in table.index[empty]
            ],
        )
    series = table.set_index(id_col)[w_col].astype(float)
    total = float(series.sum())
    notes: list[str] = []
    if w_col == "combined" or total > 1.5:
        if abs(total - 100.0) > tol_percent:
            raise InputError.single(
                file,
                f"lowest-level weights (percent) must sum to 100 "
                f"(within {tol_percent:g}); they sum to {total:.4g}",
                column=w_col,
            )
        if total != 100.0:
            notes.append(f"printed percentages sum to {total:.2f}; renormalised to 100")
        if abs(total - 100.0) <= 1e-9:
            notes.clear()
        series = series / total
    else:
        if abs(total - 1.0) > tol_percent / 100:
            raise InputError.single(
                file,
                f"weights must sum to 1 (within {tol_percent / 100:g}); they sum to {total:.6g}",
                column=w_col,
            )
        if total != 1.0:
            notes.append(f"weights sum to {total:.6g}; renormalised to 1")
        series = series / total
    missing = [i for i in framework.leaves if i not in series.index]
    if missing:
        raise InputError.single(file, f"no weight for {', '.join(missing)}", column=id_col)
    result = as_weights(
        series, framework, name=name or f"published table ({Path(path).name})", tol=1e-9
    )
    return IndicatorWeights(result.weights, result.name, tuple(notes))


def _as_weights_for(obj: Any, leaves: list[str], tol: float) -> IndicatorWeights:
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
