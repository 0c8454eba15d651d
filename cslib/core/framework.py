"""The competency-indicator hierarchy: ids, parents, levels and bilingual names.

A framework file is a flat table (CSV/XLSX) or a YAML list with one entry per
indicator::

    id, parent, level, name_zh, name_en, definition_zh, definition_en

``parent`` is empty for first-level indicators; ``level`` is optional and, when
given, must equal the depth implied by the parents.  Validation: unique ids,
every parent exists, no cycles, and every indicator with children has at least
two (weights cannot be derived for a single child).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa
import yaml

from cslib.core.errors import InputError, Problem
from cslib.core.i18n import pick
from cslib.core.io import read_table, validate

COLUMNS = ("id", "parent", "level", "name_zh", "name_en", "definition_zh", "definition_en")

_SCHEMA = pa.DataFrameSchema(
    {
        "id": pa.Column(str, description="an indicator id"),
        "parent": pa.Column(str, nullable=True, required=False),
        "level": pa.Column(
            int,
            pa.Check.ge(1, error="a level ≥ 1"),
            nullable=True,
            required=False,
            description="a level number (1 = top)",
        ),
        "name_zh": pa.Column(str, description="a Chinese name"),
        "name_en": pa.Column(str, description="an English name"),
        "definition_zh": pa.Column(str, nullable=True, required=False),
        "definition_en": pa.Column(str, nullable=True, required=False),
    },
    strict=False,
)


@dataclass(frozen=True)
class Framework:
    """A validated indicator hierarchy.

    Attributes
    ----------
    table : DataFrame
        One row per indicator in file order, columns :data:`COLUMNS`; ``parent`` is
        ``None`` for first-level indicators and ``level`` is filled in.
    source : str or None
        The file it came from.
    """

    table: pd.DataFrame
    source: str | None = None

    @cached_property
    def ids(self) -> tuple[str, ...]:
        """All indicator ids in file order."""
        return tuple(self.table["id"])

    @cached_property
    def _by_id(self) -> dict[str, dict]:
        return {r["id"]: r for r in self.table.to_dict("records")}

    def __contains__(self, indicator_id: object) -> bool:
        return indicator_id in self._by_id

    def __len__(self) -> int:
        return len(self.ids)

    def parent(self, indicator_id: str) -> str | None:
        """Parent id, or ``None`` for a first-level indicator."""
        return self._by_id[indicator_id]["parent"]

    def level(self, indicator_id: str) -> int:
        """Depth in the hierarchy (1 = first level)."""
        return int(self._by_id[indicator_id]["level"])

    def name(self, indicator_id: str, lang: str = "zh") -> str:
        """Indicator name in ``"zh"``, ``"en"`` or ``"zh+en"``."""
        row = self._by_id[indicator_id]
        return pick(str(row["name_zh"]), str(row["name_en"]), lang)

    def names(self, lang: str = "zh") -> dict[str, str]:
        """Mapping id → name for every indicator."""
        return {i: self.name(i, lang) for i in self.ids}

    def children(self, indicator_id: str | None) -> tuple[str, ...]:
        """Children of ``indicator_id`` in file order (``None`` → first-level indicators)."""
        return self.groups.get(indicator_id, ())

    @cached_property
    def groups(self) -> dict[str | None, tuple[str, ...]]:
        """Sibling groups: parent id (``None`` for the top) → child ids, in file order."""
        out: dict[str | None, list[str]] = {}
        for i in self.ids:
            out.setdefault(self.parent(i), []).append(i)
        return {k: tuple(v) for k, v in out.items()}

    @cached_property
    def depth(self) -> int:
        """Number of levels."""
        return int(self.table["level"].max())

    def at_level(self, level: int) -> tuple[str, ...]:
        """Ids at a given level, in file order."""
        return tuple(i for i in self.ids if self.level(i) == level)

    @cached_property
    def leaves(self) -> tuple[str, ...]:
        """Indicators without children, in file order."""
        return tuple(i for i in self.ids if i not in self.groups)

    def ancestors(self, indicator_id: str) -> tuple[str, ...]:
        """Parent, grandparent, … up to the first level."""
        out = []
        p = self.parent(indicator_id)
        while p is not None:
            out.append(p)
            p = self.parent(p)
        return tuple(out)

    def combine(self, local: np.ndarray) -> np.ndarray:
        """Combined (global) weights from local weights: :math:`g_i = l_i \\, g_{parent(i)}`.

        Parameters
        ----------
        local : array_like, shape (..., len(self))
            Local weights in :attr:`ids` order (within-group weights; first level as is);
            leading axes (experts, bootstrap resamples) are carried along.

        Returns
        -------
        ndarray, same shape
            On a two-level framework, combined = level-1 weight × within-group weight.
        """
        local = np.asarray(local, dtype=float)
        if local.shape[-1] != len(self.ids):
            raise ValueError(f"expected {len(self.ids)} local weights, got {local.shape[-1]}")
        pos = {i: k for k, i in enumerate(self.ids)}
        combined = local.copy()
        for i in sorted(self.ids, key=self.level):  # parents before children
            p = self.parent(i)
            if p is not None:
                combined[..., pos[i]] = local[..., pos[i]] * combined[..., pos[p]]
        return combined

    def lookup(self) -> dict[str, str]:
        """Mapping from every id, Chinese name and English name to the id (for wide-sheet headers)."""
        out: dict[str, str] = {}
        for r in self.table.itertuples(index=False):
            for key in (r.id, r.name_zh, r.name_en, f"{r.name_zh} {r.name_en}"):
                out.setdefault(str(key).strip(), r.id)
        return out


def load_framework(path: str | Path) -> Framework:
    """Read and validate a framework file (``.yaml``/``.yml``, ``.csv`` or ``.xlsx``).

    Raises
    ------
    InputError
        Naming the row and column of duplicate ids, unknown parents, cycles,
        level mismatches, single-child groups or missing names.
    """
    path = Path(path)
    if path.suffix.lower() in (".yaml", ".yml"):
        frame = _read_yaml(path)
    else:
        frame = read_table(path)
    return framework_from_frame(frame)


def _read_yaml(path: Path) -> pd.DataFrame:
    source = str(path)
    if not path.is_file():
        raise InputError.single(source, "file not found")
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        row = mark.line + 1 if mark is not None else None
        raise InputError.single(
            source, f"not valid YAML ({getattr(exc, 'problem', exc)})", row=row
        ) from None
    if doc is None:
        raise InputError.single(source, "the file is empty; expected a list of indicators")
    items = doc.get("indicators") if isinstance(doc, dict) else doc
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise InputError.single(
            source, "expected a list of indicators (mappings with id, parent, name_zh, name_en)"
        )
    rows = [{k: "" if v is None else str(v).strip() for k, v in item.items()} for item in items]
    frame = pd.DataFrame(rows).fillna("")
    # for YAML the "row" is the position in the list (1-based) + 1, mirroring a table with header
    frame.index = pd.RangeIndex(2, len(frame) + 2, name="row")
    frame.attrs["source"] = source
    return frame


def framework_from_frame(frame: pd.DataFrame) -> Framework:
    """Validate a framework given as a text frame from :func:`cslib.core.io.read_table`."""
    source = frame.attrs.get("source")
    table = validate(frame, _SCHEMA)
    table = table.reindex(columns=list(COLUMNS))
    table["parent"] = pd.Series(
        [None if pd.isna(v) else str(v) for v in table["parent"]], index=table.index, dtype=object
    )
    for col in ("definition_zh", "definition_en"):
        table[col] = table[col].astype(object).fillna("")

    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for row, ident in table["id"].items():
        if ident in seen:
            problems.append(
                Problem(f"duplicate id (first used in row {seen[ident]})", row, "id", ident)
            )
        else:
            seen[ident] = row
    for row, parent in table["parent"].items():
        if parent is not None and parent not in seen:
            problems.append(Problem("parent is not an id in this file", row, "parent", parent))
    if problems:
        raise InputError(source, problems)

    parent_of = dict(zip(table["id"], table["parent"], strict=True))
    depth: dict[str, int] = {}
    for row, ident in table["id"].items():
        chain = [ident]
        node = parent_of[ident]
        while node is not None:
            if node in chain:
                cycle = " → ".join([*chain[chain.index(node) :], node])
                raise InputError.single(
                    source,
                    f"the parents form a cycle: {cycle}",
                    row=row,
                    column="parent",
                    found=parent_of[ident],
                )
            chain.append(node)
            node = parent_of[node]
        depth[ident] = len(chain)
    for row, r in table.iterrows():
        given = r["level"]
        if pd.notna(given) and int(given) != depth[r["id"]]:
            problems.append(
                Problem(
                    f"level does not match the parents (expected {depth[r['id']]})",
                    row,
                    "level",
                    int(given),
                )
            )
    table["level"] = [depth[i] for i in table["id"]]

    counts = table["parent"].value_counts()
    for parent, n in counts.items():
        if n < 2:
            row = seen[parent]
            problems.append(
                Problem(
                    "has a single child; weights need at least two indicators in a group",
                    row,
                    "id",
                    parent,
                )
            )
    if table["parent"].isna().sum() < 2:
        problems.append(Problem("need at least two first-level indicators", None, "parent"))
    if problems:
        raise InputError(source, problems)
    table = table.reset_index(drop=True)
    table["level"] = table["level"].astype(int)
    return Framework(table=table, source=source)
