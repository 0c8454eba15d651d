"""The importer's located error, worded in the user's language.

:class:`SurveyError` is an :class:`~cslib.core.errors.InputError` (so every caller that
handles bad input handles it) whose problems are already written in ``lang`` and whose
file/row/column frame is written in that language too.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cslib.core.errors import InputError, Problem
from cslib.core.i18n import choose, name_side
from cslib.surveys.phrases import PHRASES


@dataclass
class SurveyError(InputError):
    """Bad export or mapping, located by file, row and column, in ``lang`` (``zh`` or ``en``).

    Examples
    --------
    >>> err = SurveyError("r1.xlsx", [Problem("答案不在量表内", 5, "3、人际沟通能力", "7")])
    >>> print(err)
    r1.xlsx：第 5 行，列“3、人际沟通能力”：答案不在量表内（实际为“7”）
    >>> print(SurveyError("r1.xlsx", [Problem("outside the scale", 5, "Q3", "7")], lang="en"))
    r1.xlsx: row 5, column 'Q3': outside the scale (found '7')
    """

    lang: str = "zh"

    def describe(self, problem: Problem) -> str:
        side = name_side(self.lang)
        where = []
        if problem.row is not None:
            where.append(PHRASES("row", side, row=problem.row))
        if problem.column is not None:
            where.append(PHRASES("column", side, column=problem.column))
        joint, colon = choose(("，", "："), (", ", ": "), side)
        text = (joint.join(where) + colon if where else "") + problem.message
        if problem.found is not None:
            text += PHRASES("found", side, found=problem.found)
        return text

    def __str__(self) -> str:
        side = name_side(self.lang)
        colon = choose("：", ": ", side)
        name = Path(self.file).name if self.file is not None else "—"
        shown = self.problems[: self.max_shown]
        if len(self.problems) == 1:
            return f"{name}{colon}{self.describe(shown[0])}"
        lines = [f"{name}{colon}{PHRASES('n_problems', side, n=len(self.problems))}"]
        lines += [f"  - {self.describe(p)}" for p in shown]
        if len(self.problems) > self.max_shown:
            lines.append("  " + PHRASES("more", side, n=len(self.problems) - self.max_shown))
        return "\n".join(lines)

    __hash__ = object.__hash__


def fail(
    file: str | Path | None,
    message: str,
    lang: str,
    *,
    row: int | None = None,
    column: str | None = None,
    found: object = None,
) -> SurveyError:
    """One located problem as a :class:`SurveyError`."""
    return SurveyError(file, [Problem(message, row, column, found)], lang=lang)
