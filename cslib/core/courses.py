"""The course catalogue (``courses.csv``): one reader and one validated :class:`Catalogue`,
shared by the effectiveness and training-needs analyses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from cslib.core.codes import FORMAT_CODES, canonical_codes
from cslib.core.errors import InputError, Problem
from cslib.core.framework import Framework
from cslib.core.i18n import pick
from cslib.core.io import read_table, source_of, validate

COURSE_COLUMNS = (
    "course_id",
    "title_zh",
    "title_en",
    "series",
    "duration_min",
    "format",
    "target_indicators",
)
FORMATS = ("micro", "classroom")


def text_column(
    dtype, description: str, *checks: pa.Check, nullable: bool = False, required: bool = True
) -> pa.Column:
    return pa.Column(
        dtype, list(checks), nullable=nullable, required=required, description=description
    )


# ----------------------------------------------------------------------------- catalogue
@dataclass(frozen=True)
class Catalogue:
    """A validated course catalogue.

    Attributes
    ----------
    table : DataFrame
        One row per course in file order, columns :data:`COURSE_COLUMNS`;
        ``target_indicators`` is a tuple of indicator ids.
    source : str or None
    """

    table: pd.DataFrame
    source: str | None = None

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(self.table["course_id"])

    def __contains__(self, course_id: object) -> bool:
        return course_id in set(self.table["course_id"])

    def _row(self, course_id: str) -> pd.Series:
        return self.table.loc[self.table["course_id"] == course_id].iloc[0]

    def title(self, course_id: str, lang: str = "zh") -> str:
        """Course title in ``"zh"``, ``"en"`` or ``"zh+en"``."""
        row = self._row(course_id)
        return pick(str(row["title_zh"]), str(row["title_en"]), lang)

    def format_of(self, course_id: str) -> str:
        return str(self._row(course_id)["format"])

    def series_of(self, course_id: str) -> str:
        return str(self._row(course_id)["series"])

    def mapping(self, column: str) -> dict[str, object]:
        """course_id → value of ``column`` (for fast ``Series.map``)."""
        return dict(zip(self.table["course_id"], self.table[column], strict=True))

    def courses(self, fmt: str | None = None) -> tuple[str, ...]:
        """Course ids (optionally of one format) in catalogue order."""
        t = self.table if fmt is None else self.table[self.table["format"] == fmt]
        return tuple(t["course_id"])


_COURSE_SCHEMA = pa.DataFrameSchema(
    {
        "course_id": text_column(str, "a course id"),
        "title_zh": text_column(str, "a Chinese course title"),
        "title_en": text_column(str, "an English course title"),
        "series": text_column(str, "a series name"),
        "duration_min": text_column(
            int,
            "a duration in minutes (whole number > 0)",
            pa.Check.gt(0, error="a duration in minutes > 0"),
        ),
        "format": text_column(
            str,
            "'micro' or 'classroom' (微课 / 传统课堂)",
            pa.Check.isin(FORMATS, error="'micro' or 'classroom' (微课 / 传统课堂)"),
        ),
        "target_indicators": text_column(str, "indicator ids separated by ';'"),
    },
    strict=False,
)


def read_courses(
    path: str | Path, framework: Framework | None = None, *, lowest_level: bool = False
) -> Catalogue:
    """Read and validate the course catalogue (the one reader for every notebook).

    Parameters
    ----------
    path : str or Path
        CSV/XLSX with columns :data:`COURSE_COLUMNS`.
    framework : Framework, optional
        When given, every target indicator id must be an id of this framework.
    lowest_level : bool
        Targets must be lowest-level indicators of ``framework`` (needed where courses are
        matched to competency gaps, which exist only on the lowest level).

    Raises
    ------
    InputError
        Missing columns or values, duplicate course ids, unknown format, a target indicator not
        in the framework (naming row, column and the id).
    """
    raw = read_table(path)
    if "format" in raw.columns:  # 微课 → micro, 传统课堂 → classroom
        raw["format"] = canonical_codes(raw["format"], FORMAT_CODES)
    table = validate(raw, _COURSE_SCHEMA)
    problems: list[Problem] = []
    first: dict[str, int] = {}
    for row, cid in table["course_id"].items():
        if cid in first:
            problems.append(
                Problem(f"duplicate course id (first in row {first[cid]})", row, "course_id", cid)
            )
        first.setdefault(cid, row)
    targets = []
    for row, text in table["target_indicators"].items():
        ids = tuple(t.strip() for t in re.split(r"[;；]", str(text)) if t.strip())
        if not ids:
            problems.append(Problem("expected at least one indicator id", row, "target_indicators"))
        if framework is not None:
            allowed = framework.leaves if lowest_level else framework.ids
            for i in ids:
                if i not in allowed:
                    kind = "a lowest-level indicator" if lowest_level else "an indicator"
                    problems.append(
                        Problem(
                            f"'{i}' is not {kind} of the framework (expected one of "
                            f"{', '.join(allowed)})",
                            row,
                            "target_indicators",
                            text,
                        )
                    )
        targets.append(ids)
    if problems:
        raise InputError(source_of(raw), problems, raw.attrs.get("sheet"))
    table = table[list(COURSE_COLUMNS)].copy()
    table["target_indicators"] = targets
    return Catalogue(table=table.reset_index(drop=True), source=source_of(raw))


def check_course_ids(df: pd.DataFrame, catalogue: Catalogue) -> None:
    unknown = df.loc[~df["course_id"].isin(catalogue.ids), "course_id"]  # only these are visited
    bad = [
        Problem(
            f"course id is not in the catalogue {catalogue.source or ''}".rstrip()
            + f" (known: {', '.join(catalogue.ids)})",
            r,
            "course_id",
            c,
        )
        for r, c in zip(unknown.index, unknown.tolist(), strict=True)
    ]
    if bad:
        raise InputError(source_of(df), bad, df.attrs.get("sheet"))
