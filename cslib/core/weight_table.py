"""The one reader of printed weight tables, keeping every printed number with its rounding
interval, and the one conversion of such a table into :class:`~cslib.core.weights.IndicatorWeights`.

Two layouts are read:

* ``id, parent, weight, combined`` — a hierarchical table in per cent as printed in a paper:
  ``weight`` within the parent group, ``combined`` the printed combined weight (empty where
  the paper prints none, e.g. for first-level indicators), or the same as fractions of 1;
* ``indicator_id, weight`` — one combined weight per lowest-level indicator, in per cent or
  as fractions summing to 1.

Fractions are turned into per cent exactly (:meth:`decimal.Decimal.scaleb`), so a
:class:`WeightTable` always holds per cent and ``0.1155`` keeps its rounding interval
(``11.55 ± 0.005``).  Each id's spreadsheet row is kept, so checks made later (against a
framework) still name file, row and column.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Literal

import pandas as pd
import pandera.pandas as pa

from cslib.core.errors import InputError, Problem
from cslib.core.framework import Framework
from cslib.core.io import read_table, validate
from cslib.core.printed import HUNDRED, Printed
from cslib.core.weights import IndicatorWeights, as_weights

Layout = Literal["hierarchical", "flat"]
Unit = Literal["percent", "fraction"]
WeightColumn = Literal["weight", "combined"]

#: A flat table whose weights add up to at most this is read as fractions of 1.
FRACTION_TOTAL_MAX = Decimal("1.5")


@dataclass(frozen=True)
class WeightTable:
    """A printed weight table, in per cent.

    Attributes
    ----------
    ids : tuple of str
        Indicator ids in file order.
    parent : dict
        id → parent id (``None`` for the first level, and for every id of a flat table).
    weight : dict
        id → :class:`Printed` weight within its parent group, in per cent.
    combined : dict
        id → printed combined weight in per cent, ``None`` where the table prints none.
        In a flat table it is the same as ``weight``.
    source : str or None
        The file read.
    rows : dict
        id → spreadsheet row (header = row 1).
    layout : ``"hierarchical"`` or ``"flat"``
        ``id, parent, weight, combined`` or ``indicator_id, weight``.
    unit : ``"percent"`` or ``"fraction"``
        How the file printed the numbers (the values here are per cent either way).
    """

    ids: tuple[str, ...]
    parent: dict[str, str | None]
    weight: dict[str, Printed]
    combined: dict[str, Printed | None]
    source: str | None = None
    rows: Mapping[str, int] = field(default_factory=dict)
    layout: Layout = "hierarchical"
    unit: Unit = "percent"

    @property
    def id_column(self) -> str:
        """The file's id column."""
        return "id" if self.layout == "hierarchical" else "indicator_id"

    @property
    def combined_column(self) -> str:
        """The file's column of combined weights."""
        return "combined" if self.layout == "hierarchical" else "weight"

    def children(self, node: str | None) -> list[str]:
        return [i for i in self.ids if self.parent[i] == node]

    def series(self, column: WeightColumn = "combined") -> pd.Series:
        """The printed weights of one kind, in per cent, indexed by id in file order.

        ``column="combined"`` gives the combined weights (in a flat table: its weights),
        ``"weight"`` the weights within the parent group.  Ids without a weight of that kind
        (first-level rows of a hierarchical table print no combined weight) are left out.
        The values are the printed numbers exactly as read (``float`` of the decimal), e.g.
        for :func:`cslib.stats.ahp.compare_weights`, which normalises them.

        Raises
        ------
        InputError
            ``column`` is neither ``"weight"`` nor ``"combined"`` (naming the parameter); no id
            has a weight of that kind (naming file and column).

        Examples
        --------
        >>> from cslib.core.printed import Printed
        >>> from decimal import Decimal
        >>> p = lambda s: Printed(s, Decimal(s))
        >>> t = WeightTable(("A", "A1"), {"A": None, "A1": "A"},
        ...                 {"A": p("100"), "A1": p("100")}, {"A": None, "A1": p("9.24")})
        >>> t.series("combined").to_dict(), t.series("weight").to_dict()
        ({'A1': 9.24}, {'A': 100.0, 'A1': 100.0})
        """
        if column not in ("weight", "combined"):
            raise InputError.single(
                None,
                "expected 'weight' or 'combined' (the kinds of weight a printed weight table has)",
                column="column",
                found=column,
            )
        kind: Mapping[str, Printed | None] = self.combined if column == "combined" else self.weight
        values = {i: float(p.value) for i in self.ids if (p := kind.get(i)) is not None}
        if not values:
            file_column = self.combined_column if column == "combined" else "weight"
            raise InputError.single(
                self.source,
                f"no weights in column '{file_column}'; expected at least one printed weight",
                row=1,
                column=file_column,
            )
        return pd.Series(values, dtype=float, name=column)

    def to_indicator_weights(
        self, framework: Framework, *, name: str | None = None, tol_percent: float = 0.05
    ) -> IndicatorWeights:
        """The combined weights of the framework's lowest-level indicators, summing to 1.

        Every id must be an indicator of ``framework`` (first-level ids may be listed; only
        the lowest level is used) and every lowest-level indicator needs a combined weight.
        Printed percentages are rounded, so a sum within ``tol_percent`` points of 100 is
        renormalised to exactly 1 and a note says so; a larger deviation raises.

        Raises
        ------
        InputError
            Unknown ids and lowest-level indicators without a combined weight (file, row,
            column); a sum too far from 100 (file, column); lowest-level indicators the
            table does not list.
        """
        file, id_col, w_col = self.source, self.id_column, self.combined_column
        known = Path(framework.source).name if framework.source else "the framework"
        unknown = [
            Problem(f"unknown indicator id; expected an id in {known}", self.rows.get(i), id_col, i)
            for i in self.ids
            if i not in framework
        ]
        if unknown:
            raise InputError(file, unknown)
        leaves = set(framework.leaves)
        listed = [i for i in self.ids if i in leaves]
        empty = [i for i in listed if self.combined[i] is None]
        if empty:
            raise InputError(
                file,
                [
                    Problem(
                        "missing weight of a lowest-level indicator; expected its printed "
                        "combined weight",
                        self.rows.get(i),
                        w_col,
                    )
                    for i in empty
                ],
            )
        printed = {i: p for i in listed if (p := self.combined[i]) is not None}
        total = sum((p.value for p in printed.values()), Decimal(0))
        notes: list[str] = []
        if self.unit == "percent":
            if abs(float(total) - 100.0) > tol_percent:
                raise InputError.single(
                    file,
                    f"lowest-level weights (percent) must sum to 100 "
                    f"(within {tol_percent:g}); they sum to {float(total):.4g}",
                    column=w_col,
                )
            if total != HUNDRED:
                notes.append(f"printed percentages sum to {float(total):.2f}; renormalised to 100")
        else:
            fraction = float(total / HUNDRED)
            if abs(fraction - 1.0) > tol_percent / 100:
                raise InputError.single(
                    file,
                    f"weights must sum to 1 (within {tol_percent / 100:g}); "
                    f"they sum to {fraction:.6g}",
                    column=w_col,
                )
            if total != HUNDRED:
                notes.append(f"weights sum to {fraction:.6g}; renormalised to 1")
        missing = [i for i in framework.leaves if i not in printed]
        if missing:
            raise InputError.single(file, f"no weight for {', '.join(missing)}", column=id_col)
        series = pd.Series({i: float(p.value / total) for i, p in printed.items()}, dtype=float)
        where = Path(file).name if file is not None else "data frame"
        result = as_weights(series, framework, name=name or f"published table ({where})", tol=1e-9)
        return IndicatorWeights(result.weights, result.name, tuple(notes))


def _schema(layout: Layout) -> pa.DataFrameSchema:
    if layout == "hierarchical":
        columns = {
            "id": pa.Column(str, description="an indicator id"),
            "parent": pa.Column(str, nullable=True, required=False),
            "weight": pa.Column(str, description="a printed weight in percent, e.g. 24.23"),
            "combined": pa.Column(str, nullable=True, required=False),
        }
    else:
        columns = {
            "indicator_id": pa.Column(str, description="an indicator id"),
            "weight": pa.Column(
                str, description="a printed weight, in percent (e.g. 11.55) or as a fraction"
            ),
        }
    return pa.DataFrameSchema(columns, strict=False)


def _printed(text: str, row: int, column: str, problems: list[Problem]) -> Printed | None:
    cleaned = text.strip().rstrip("%").strip()
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        problems.append(Problem("expected a number as printed (e.g. 24.23)", row, column, text))
        return None
    if not value.is_finite() or value < 0:
        problems.append(Problem("expected a non-negative number", row, column, text))
        return None
    return Printed(cleaned, value)


def _percent(p: Printed) -> Printed:
    """A fraction as per cent, exactly: ``0.1155`` → ``11.55`` (rounding interval × 100)."""
    value = p.value.scaleb(2)
    return Printed(f"{value:f}", value)


def _blank(value: object) -> bool:
    """An empty cell (validated text columns hold ``None`` there)."""
    return value is None or value == "" or (isinstance(value, float) and value != value)


def read_weight_table(path: str | Path) -> WeightTable:
    """Read a printed weight table (see the module docstring for the two layouts).

    Numbers are kept exactly as printed (``10.10`` has two decimals), because the
    number of decimals decides how much rounding a value can hide.  A ``%`` after a
    number is allowed.  A flat ``indicator_id, weight`` table whose weights add up to at
    most 1.5 holds fractions; they are turned into per cent exactly.  So does a hierarchical
    table whose first-level weights add up to at most 1.5 and in which no number exceeds 1
    (a published table printed as fractions, 0.3815 for 38.15 %).

    Raises
    ------
    InputError
        Neither layout's header; missing or non-numeric or negative weights; duplicate
        ids (with the row of the first); a parent that is not an id of the table. Every
        problem names file, row and column.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "w.csv"
    >>> _ = f.write_text("indicator_id,weight\\nA1,0.6050\\nA2,0.3950\\n", encoding="utf-8")
    >>> t = read_weight_table(f)
    >>> t.unit, t.combined["A1"].text, t.combined["A1"].half_unit
    ('fraction', '60.50', Decimal('0.005'))
    """
    frame = read_table(path)
    source = frame.attrs.get("source")
    if "id" in frame.columns:
        layout: Layout = "hierarchical"
    elif "indicator_id" in frame.columns:
        layout = "flat"
    else:
        raise InputError.single(
            source,
            "expected columns 'id, parent, weight, combined' or "
            f"'indicator_id, weight'; the header has {list(frame.columns)}",
            row=1,
        )
    table = validate(frame, _schema(layout))
    id_col = "id" if layout == "hierarchical" else "indicator_id"
    ids = tuple(table[id_col])
    rows: dict[str, int] = {}
    problems: list[Problem] = []
    for row, ident in table[id_col].items():
        if ident in rows:
            problems.append(
                Problem(
                    f"duplicate indicator id (first given in row {rows[ident]})",
                    int(row),
                    id_col,
                    ident,
                )
            )
        else:
            rows[ident] = int(row)
    if problems:
        raise InputError(source, problems)
    parent: dict[str, str | None] = {}
    weight: dict[str, Printed] = {}
    combined: dict[str, Printed | None] = {}
    for row, r in table.iterrows():
        ident, at = r[id_col], int(row)
        p = None if _blank(r.get("parent")) else str(r.get("parent"))
        if p is not None and p not in rows:
            problems.append(
                Problem(
                    "parent is not an id in this table; expected an id of column 'id'",
                    at,
                    "parent",
                    p,
                )
            )
        parent[ident] = p
        w = _printed(r["weight"], at, "weight", problems)
        if w is not None:
            weight[ident] = w
        if layout == "flat":  # one number per indicator: its weight is its combined weight
            combined[ident] = w
        elif not _blank(r.get("combined")):
            combined[ident] = _printed(str(r["combined"]), at, "combined", problems)
        else:
            combined[ident] = None
    if problems:
        raise InputError(source, problems)
    unit: Unit = "percent"
    if layout == "flat":
        total = sum((w.value for w in weight.values()), Decimal(0))
        if total <= FRACTION_TOTAL_MAX:
            unit = "fraction"
            weight = {i: _percent(w) for i, w in weight.items()}
            combined = dict(weight)
    else:  # the same table printed as fractions: level-1 weights add up to ~1, none above 1
        top = sum((w.value for i, w in weight.items() if parent[i] is None), Decimal(0))
        numbers = [*weight.values(), *(c for c in combined.values() if c is not None)]
        if top <= FRACTION_TOTAL_MAX and all(v.value <= 1 for v in numbers):
            unit = "fraction"
            weight = {i: _percent(w) for i, w in weight.items()}
            combined = {i: None if c is None else _percent(c) for i, c in combined.items()}
    return WeightTable(ids, parent, weight, combined, source, rows, layout, unit)
