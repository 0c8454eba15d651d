"""Which weight table notebook 02 compares the AHP weights with, named for what it is.

The declared rule:

1. When this study's report 01 has been run into the same output folder, its combined
   Delphi weights are the comparison ("本研究德尔菲（报告 01） / this study's Delphi (report 01)")
   — the study's own weights, not a table from elsewhere.
2. Otherwise the table of ``compare_weights_path`` (a printed weight table, e.g. a published
   one), named ``compare_weights_name`` or, when that is empty, "已发表 / published".
3. Neither: no comparison.

The sentence of :func:`source_sentence` says which it is, so a published table is never
called the study's Delphi weights.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pandas as pd

from cslib.consistency.phrases import PHRASES
from cslib.core.i18n import check_lang, pick
from cslib.reporting.earlier_results import EarlierResult

__all__ = ["ComparisonSource", "comparison_source", "source_sentence"]

REPORT_01 = "01_delphi_weights"


@dataclass(frozen=True)
class ComparisonSource:
    """The comparison weights and what they are.

    Attributes
    ----------
    weights : Series or None
        Indicator id → weight; ``None`` for no comparison.
    name : str
        Their name in the report language (column headers, sentences).
    kind : str
        ``"report_01"``, ``"file"`` or ``"none"``.
    file : str
        The weight table's file name (``kind == "file"``).
    column : str
    """

    weights: pd.Series | None
    name: str
    kind: str
    file: str = ""
    column: str = ""


def comparison_source(
    earlier: Mapping[str, EarlierResult],
    path: str | Path | None,
    *,
    column: Literal["combined", "weight"] = "combined",
    name: str = "",
    lang: str = "zh",
) -> ComparisonSource:
    """The weights notebook 02 compares with, by the rule of this module.

    ``path`` is the resolved ``compare_weights_path`` (empty or ``None``: none given).

    Examples
    --------
    >>> r01 = EarlierResult("01_delphi_weights", "01.ipynb", "0" * 64, "sample",
    ...                     {"combined_weights": {"A": 0.6, "B": 0.4}})
    >>> s = comparison_source({r01.stem: r01}, None, lang="en")
    >>> s.kind, s.name, s.weights.to_dict()
    ('report_01', "this study's Delphi (report 01)", {'A': 0.6, 'B': 0.4})
    >>> comparison_source({}, None).kind
    'none'
    """
    side = check_lang(lang)
    r01 = earlier.get(REPORT_01)
    weights = (r01.values.get("combined_weights") if r01 is not None else None) or {}
    if weights:
        series = pd.Series({str(k): float(v) for k, v in weights.items()}, dtype=float)
        return ComparisonSource(series, PHRASES("name_01", side), "report_01")
    if path:
        from cslib.core.weight_table import read_weight_table

        series = read_weight_table(Path(path)).series(column)
        label = name or PHRASES("name_file", side)
        return ComparisonSource(series, label, "file", Path(path).name, column)
    return ComparisonSource(None, "", "none")


def source_sentence(source: ComparisonSource, lang: str = "zh") -> str:
    """One sentence naming the comparison weights ("" without a comparison)."""
    side = check_lang(lang)
    if source.kind == "report_01":
        return PHRASES("from_01", side)
    if source.kind == "file":
        return PHRASES("from_file", side, file=source.file, column=source.column)
    return pick("", "", side)
