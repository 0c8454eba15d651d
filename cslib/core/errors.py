"""The one exception type users see for bad input.

Every reader and validator in :mod:`cslib` raises :class:`InputError` with the
file, the spreadsheet row, the column and what was expected, so a trainer can
open the file and fix the cell.  Row numbers are *spreadsheet* rows: the
header is row 1, the first data row is row 2.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One located problem in an input file."""

    message: str
    row: int | None = None
    column: str | None = None
    found: object = None

    def describe(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        text = (", ".join(where) + ": " if where else "") + self.message
        if self.found is not None:
            text += f" (found {self.found!r})"
        return text


@dataclass
class InputError(ValueError):
    """Bad input, located by file, row and column.

    Parameters
    ----------
    file : str or Path or None
        The file the problem is in (``None`` for in-memory frames).
    problems : list of Problem
        At least one problem; only the first ``max_shown`` are printed.
    sheet : str, optional
        Worksheet name for XLSX input.
    """

    file: str | Path | None
    problems: list[Problem] = field(default_factory=list)
    sheet: str | None = None
    max_shown: int = 10

    def __post_init__(self) -> None:
        ValueError.__init__(self, str(self))

    @classmethod
    def single(
        cls,
        file: str | Path | None,
        message: str,
        *,
        row: int | None = None,
        column: str | None = None,
        found: object = None,
        sheet: str | None = None,
    ) -> InputError:
        """Build an error with a single problem."""
        return cls(file, [Problem(message, row, column, found)], sheet)

    @property
    def first(self) -> Problem:
        return self.problems[0]

    def __str__(self) -> str:
        name = str(self.file) if self.file is not None else "<data frame>"
        if self.sheet:
            name += f" [sheet '{self.sheet}']"
        shown = self.problems[: self.max_shown]
        if len(self.problems) == 1:
            return f"{name}: {shown[0].describe()}"
        lines = [f"{name}: {len(self.problems)} problems"]
        lines += [f"  - {p.describe()}" for p in shown]
        if len(self.problems) > self.max_shown:
            lines.append(f"  ... and {len(self.problems) - self.max_shown} more")
        return "\n".join(lines)

    __hash__ = object.__hash__
