"""The one reader of printed weight tables (``id, parent, weight, combined`` in per cent, as
printed in a paper), keeping every printed number with its rounding interval.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from cslib.core.errors import InputError
from cslib.core.io import read_table, validate
from cslib.core.printed import Printed


@dataclass(frozen=True)
class WeightTable:
    """A printed hierarchical weight table (percentages as printed).

    ``weight`` is each indicator's weight within its parent group; ``combined`` the
    printed combined weight (``None`` where the table prints none).
    """

    ids: tuple[str, ...]
    parent: dict[str, str | None]
    weight: dict[str, Printed]
    combined: dict[str, Printed | None]
    source: str | None = None

    def children(self, node: str | None) -> list[str]:
        return [i for i in self.ids if self.parent[i] == node]


_TABLE_SCHEMA = pa.DataFrameSchema(
    {
        "id": pa.Column(str, description="an indicator id"),
        "parent": pa.Column(str, nullable=True, required=False),
        "weight": pa.Column(str, description="a printed weight in percent, e.g. 24.23"),
        "combined": pa.Column(str, nullable=True, required=False),
    },
    strict=False,
)


def _printed(text: str, source: str | None, row: int, column: str) -> Printed:
    cleaned = text.strip().rstrip("%").strip()
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise InputError.single(
            source, "expected a number as printed (e.g. 24.23)", row=row, column=column, found=text
        ) from None
    if not value.is_finite() or value < 0:
        raise InputError.single(
            source, "expected a non-negative number", row=row, column=column, found=text
        )
    return Printed(cleaned, value)


def read_weight_table(path: str | Path) -> WeightTable:
    """Read a printed weight table: columns ``id, parent, weight, combined`` (percent).

    Numbers are kept exactly as printed (``10.10`` has two decimals), because the
    number of decimals decides how much rounding a value can hide.
    """
    frame = read_table(path)
    table = validate(frame, _TABLE_SCHEMA)
    source = frame.attrs.get("source")
    ids = tuple(table["id"])
    if len(set(ids)) != len(ids):
        dup = table.index[table["id"].duplicated()][0]
        raise InputError.single(
            source, "duplicate id", row=int(dup), column="id", found=table.loc[dup, "id"]
        )
    parent, weight, combined = {}, {}, {}
    for row, r in table.iterrows():
        p = r.get("parent")
        p = None if p is None or pd.isna(p) or p == "" else str(p)
        if p is not None and p not in ids:
            raise InputError.single(
                source, "parent is not an id in this table", row=int(row), column="parent", found=p
            )
        parent[r["id"]] = p
        weight[r["id"]] = _printed(r["weight"], source, int(row), "weight")
        c = r.get("combined")
        combined[r["id"]] = (
            None
            if c is None or pd.isna(c) or c == ""
            else _printed(c, source, int(row), "combined")
        )
    return WeightTable(ids, parent, weight, combined, source)
