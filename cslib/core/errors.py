"""The one exception type users see for bad input.

Every reader and validator in :mod:`cslib` raises :class:`InputError` with the
file, the spreadsheet row, the column and what was expected, so a trainer can
open the file and fix the cell.  Row numbers are *spreadsheet* rows: the
header is row 1, the first data row is row 2.

Errors are shown in the language of the run: a report notebook sets it from its ``lang``
parameter (:func:`cslib.core.run_context.set_message_language`, called by
``check_parameters`` in the notebook's first cell), so a Chinese report's error names file, row, column and what was found in
Chinese, with the message itself from the catalogue in :mod:`cslib.core.error_words`.
Outside a run (library use, tests) errors are English.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

_CHINESE = [False]  # errors in Chinese (set for a report run: cslib.core.run_context)


def use_chinese(chinese: bool) -> bool:
    """Show errors from now on in Chinese (``True``) or English; returns the previous setting.

    The run's language decides (:func:`cslib.core.run_context.set_message_language`).

    Examples
    --------
    >>> before = use_chinese(True)
    >>> print(InputError.single("r.csv", "file not found"))
    r.csv：找不到该文件（请核对文件名和所在文件夹）
    >>> _ = use_chinese(before)
    >>> print(InputError.single("r.csv", "file not found"))
    r.csv: file not found
    """
    before = _CHINESE[0]
    _CHINESE[0] = bool(chinese)
    return before


def chinese_messages() -> bool:
    """Whether errors are shown in Chinese now."""
    return _CHINESE[0]


@dataclass(frozen=True)
class Problem:
    """One located problem in an input file."""

    message: str
    row: int | None = None
    column: str | None = None
    found: object = None

    def describe(self) -> str:
        if chinese_messages():
            return self.describe_zh()
        where = []
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        text = (", ".join(where) + ": " if where else "") + self.message
        if self.found is not None:
            text += f" (found {self.found!r})"
        return text

    def describe_zh(self) -> str:
        """The problem in Chinese (the message from the catalogue when it has it)."""
        from cslib.core.error_words import translate

        where = []
        if self.row is not None:
            where.append(f"第 {self.row} 行")
        if self.column is not None:
            where.append(f"列“{self.column}”")
        text = ("，".join(where) + "：" if where else "") + (
            translate(self.message) or self.message
        )
        if self.found is not None:
            text += f"（实际为“{self.found}”）"
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
        if chinese_messages():
            return self.text_zh()
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

    def text_zh(self) -> str:
        """The error in Chinese: file, sheet, every problem shown (up to ``max_shown``)."""
        name = str(self.file) if self.file is not None else "（数据表）"
        if self.sheet:
            name += f"［工作表“{self.sheet}”］"
        shown = self.problems[: self.max_shown]
        if len(self.problems) == 1:
            return f"{name}：{shown[0].describe_zh()}"
        lines = [f"{name}：共 {len(self.problems)} 处问题"]
        lines += [f"  - {p.describe_zh()}" for p in shown]
        if len(self.problems) > self.max_shown:
            lines.append(f"  ……另有 {len(self.problems) - self.max_shown} 处")
        return "\n".join(lines)

    __hash__ = object.__hash__
