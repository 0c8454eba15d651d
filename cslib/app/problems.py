"""Located input errors as table rows (file, sheet, row, column, problem, found).

A report that stops on bad input stops inside its kernel; what reaches the page is the
error's text, in the format :class:`cslib.core.errors.InputError` writes it
(``file [sheet 'S']: row 3, column 'score': expected … (found '7')``, one problem per line
when there are several), or that of :class:`cslib.core.params.ParameterError` and
:class:`cslib.core.study.StudyError`.  :func:`problem_rows` reads those formats back into
rows, so the page shows the located error as a table with headers in the user's language;
text in any other form becomes one row with the whole text, never a traceback (kernel log
lines and terminal colours are removed first).  :func:`error_rows` gives the rows of an
error object directly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cslib.core.errors import InputError

__all__ = ["ProblemRow", "problem_rows", "error_rows", "COLUMNS"]

COLUMNS = ("file", "sheet", "row", "column", "problem", "found")
"""Row fields, in table order (headers: ``col_<field>`` of :data:`cslib.app.phrases.PHRASES`)."""


@dataclass(frozen=True)
class ProblemRow:
    """One located problem; empty text where the error does not say."""

    file: str = ""
    sheet: str = ""
    row: str = ""
    column: str = ""
    problem: str = ""
    found: str = ""

    def cells(self) -> tuple[str, ...]:
        return tuple(getattr(self, c) for c in COLUMNS)


def error_rows(exc: InputError) -> list[ProblemRow]:
    """The rows of an :class:`InputError` (every problem, file names without folders)."""
    from pathlib import Path

    name = Path(str(exc.file)).name if exc.file is not None else ""
    return [
        ProblemRow(
            name,
            exc.sheet or "",
            "" if p.row is None else str(p.row),
            p.column or "",
            p.message,
            "" if p.found is None else str(p.found),
        )
        for p in exc.problems
    ]


_HEAD = re.compile(r"^(?P<file>.+?)(?: \[sheet '(?P<sheet>[^']*)'\])?: (?P<rest>.*)$")
_WHERE = re.compile(
    r"^(?:row (?P<row>\d+))?(?:, )?(?:column '(?P<column>[^']*)')?: (?P<message>.*)$"
)
_FOUND = re.compile(r"^(?P<message>.*?) \(found (?P<found>.*)\)$")
_PARAM = re.compile(
    r"^parameter '(?P<column>[^']+)': (?P<message>.*?)(?:; found (?P<found>.*?))?(?: \(参数有误\))?$"
)
_MANY = re.compile(r"^\d+ (?:problems|bad parameters)")
_ZH = re.compile(
    r"^(?P<file>[^：\n]+)：(?:第 (?P<row>\d+) 行，?)?(?:“(?P<column>[^”]*)”：)?(?P<message>.*?)(?:（实际为 (?P<found>.*)）)?$"
)


def _unquote(text: str | None) -> str:
    if text is None:
        return ""
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return text[1:-1]
    return text


def _line(file: str, sheet: str, text: str) -> ProblemRow:
    m = _PARAM.match(text)
    if m:
        return ProblemRow(file, sheet, "", m["column"], m["message"], _unquote(m["found"]))
    found = ""
    m2 = _FOUND.match(text)
    if m2:
        text, found = m2["message"], _unquote(m2["found"])
    m3 = _WHERE.match(text)
    if m3 and (m3["row"] or m3["column"]):
        return ProblemRow(file, sheet, m3["row"] or "", m3["column"] or "", m3["message"], found)
    return ProblemRow(file, sheet, "", "", text, found)


def problem_rows(text: str) -> list[ProblemRow]:
    """Rows read from an error's text (see the module docstring).

    Examples
    --------
    >>> from cslib.core.errors import InputError, Problem
    >>> err = InputError("data/r.csv", [Problem("expected 1–5", 4, "score", "7"),
    ...                                 Problem("missing", None, "expert_id")])
    >>> [r.cells() for r in problem_rows(str(err))]
    [('r.csv', '', '4', 'score', 'expected 1–5', '7'), ('r.csv', '', '', 'expert_id', 'missing', '')]
    >>> problem_rows("something odd happened")[0].problem
    'something odd happened'
    """
    from pathlib import Path

    from cslib.reporting.failures import strip_kernel_log

    text = strip_kernel_log(text)
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return []
    rows: list[ProblemRow] = []
    i = 0
    while i < len(lines):
        line = lines[i].strip()
        zh = _ZH.match(line)
        head = _HEAD.match(line)
        if head is not None and not line.startswith("- "):
            file = Path(head["file"]).name if "/" in head["file"] else head["file"]
            sheet = head["sheet"] or ""
            rest = head["rest"]
            if _MANY.match(rest):
                i += 1
                while i < len(lines) and lines[i].strip().startswith("- "):
                    rows.append(_line(file, sheet, lines[i].strip()[2:]))
                    i += 1
                continue
            rows.append(_line(file, sheet, rest))
        elif zh is not None and "：" in line:
            rows.append(
                ProblemRow(
                    Path(zh["file"]).name,
                    "",
                    zh["row"] or "",
                    zh["column"] or "",
                    zh["message"],
                    _unquote(zh["found"]),
                )
            )
        else:
            rows.append(ProblemRow(problem=line.removeprefix("- ")))
        i += 1
    return rows
