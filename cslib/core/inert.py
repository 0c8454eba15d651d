"""Values from data stay inert in the spreadsheets and text files we write.

A spreadsheet program reads a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula
(and a leading tab or carriage return can hide such a start); a formula can fetch web content,
start programs through DDE or send the sheet's contents elsewhere ("CSV injection", also
called formula injection, in OWASP's words).  Ids and names in our inputs are free text: an
expert called ``=1+1`` or a course titled ``=HYPERLINK("http://…")`` must reach the expert's
questionnaire, the inspector plans or ``04_team_courses.csv`` as the text it is.

* XLSX: :func:`inert_workbook` runs over a finished openpyxl workbook just before it is saved
  and stores every text cell as a string (openpyxl's data type ``"s"``; assigning a ``str``
  that starts with ``=`` makes openpyxl write a *formula*), with Excel's "quote prefix" style
  on text that starts like a formula, so that editing the cell in Excel keeps it text.
  None of our workbooks contains a formula of its own, so every cell is treated alike.
  :func:`save_workbook` saves atomically with this pass; every workbook writer uses it.
* CSV: :func:`csv_cell` prefixes such text with a single quote ``'`` (OWASP's rule: the
  quote makes Excel and LibreOffice show the text instead of evaluating it).  Numbers stay
  numbers: only ``str`` values are changed, and a text that is a plain number (``-0.5``,
  ``+3``, ``-1e-3``) is not, because a spreadsheet reads it as that number, never as a
  formula.  :func:`inert_frame` applies the rule to every text cell and column label of a
  table; :func:`cslib.core.io.write_csv`, the one CSV writer of reports, calls it, and
  :func:`cslib.core.io.read_table` removes exactly that quote again (:func:`uncsv_cell`),
  so ids survive a round trip through our own CSV files (``cslib aggregate`` → notebook 03).
* Markdown files (:func:`inert_markdown`): raw HTML is not allowed in the Markdown we write,
  so every ``<`` is written as the Markdown escape ``\\<`` — a viewer shows the character and
  never starts a tag or script.  HTML reports escape data where they render it (see
  :mod:`cslib.reporting.html` and :mod:`cslib.reporting.tables`).

See ``docs/output_safety.md``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cslib.core.io import atomic_path

if TYPE_CHECKING:
    import pandas as pd
    from openpyxl import Workbook

#: First characters that make a spreadsheet read a cell as a formula (OWASP CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

#: A text that is nothing but a decimal number: read as that number, never as a formula.
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def starts_like_formula(text: str) -> bool:
    """Whether a spreadsheet could read ``text`` as a formula (see :data:`FORMULA_START`).

    A text that is a plain number (``-0.5``) is not: spreadsheets read it as the number.

    Examples
    --------
    >>> [starts_like_formula(t) for t in ("=1+1", "-cmd", "@SUM(A1)", "\\tx", "-0.5", "QA01")]
    [True, True, True, True, False, False]
    """
    return text.startswith(FORMULA_START) and _PLAIN_NUMBER.fullmatch(text) is None


def csv_cell(value: Any) -> Any:
    """``value`` as a CSV cell that no spreadsheet evaluates: formula-like text gets a ``'``.

    Anything but ``str`` (numbers, dates, missing values) is returned unchanged.

    Examples
    --------
    >>> [csv_cell(v) for v in ("=1+1", "+2", "-cmd", "@SUM(A1)", "A & B", -0.5, "-0.5")]
    ["'=1+1", '+2', "'-cmd", "'@SUM(A1)", 'A & B', -0.5, '-0.5']
    """
    if isinstance(value, str) and starts_like_formula(value):
        return "'" + value
    return value


def uncsv_cell(text: str) -> str:
    """The inverse of :func:`csv_cell` for text read back: ``'=2+3`` → ``=2+3``.

    Only a quote that :func:`csv_cell` would have added is removed; any other text,
    ``'quoted'`` or ``'-0.5`` included, is returned as it is.

    Examples
    --------
    >>> [uncsv_cell(t) for t in ("'=2+3", "'-cmd", "'quoted'", "'-0.5", "T1")]
    ['=2+3', '-cmd', "'quoted'", "'-0.5", 'T1']
    """
    if text.startswith("'") and starts_like_formula(text[1:]):
        return text[1:]
    return text


def inert_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with :func:`csv_cell` applied to every text cell, column label
    and index label; numeric columns are untouched.

    Examples
    --------
    >>> import pandas as pd
    >>> t = inert_frame(pd.DataFrame({"team": ["=2+3", "T1"], "gap": [-0.5, 1.0]}))
    >>> t["team"].tolist(), t["gap"].tolist()
    (["'=2+3", 'T1'], [-0.5, 1.0])
    """
    import pandas as pd

    out = frame.copy()
    for col in out.columns:
        if not (
            pd.api.types.is_numeric_dtype(out[col])
            or pd.api.types.is_datetime64_any_dtype(out[col])
        ):
            out[col] = out[col].map(csv_cell)
    out.columns = [csv_cell(c) for c in out.columns]
    if out.index.nlevels == 1 and not pd.api.types.is_numeric_dtype(out.index):
        out.index = pd.Index([csv_cell(i) for i in out.index], name=out.index.name)
    return out


def inert_workbook(wb: Workbook) -> Workbook:
    """Store every text cell of ``wb`` as a string, never a formula (in place; returns ``wb``).

    openpyxl turns a ``str`` that starts with ``=`` into a formula cell (data type ``"f"``);
    here its data type is set back to ``"s"`` (written as an inline string), and text that
    starts like a formula (:data:`FORMULA_START`) gets Excel's quote-prefix style, which keeps
    it text when someone edits the cell.

    Examples
    --------
    >>> from openpyxl import Workbook
    >>> wb = Workbook()
    >>> cell = wb.active.cell(row=1, column=1, value="=1+1")
    >>> cell.data_type
    'f'
    >>> _ = inert_workbook(wb)
    >>> cell.data_type, cell.value, cell.quotePrefix
    ('s', '=1+1', True)
    """
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                value = cell.value
                if isinstance(value, str):
                    cell.data_type = "s"
                    if value.startswith(FORMULA_START):
                        cell.quotePrefix = True
    return wb


def save_workbook(wb: Workbook, path: str | Path) -> Path:
    """Save ``wb`` to ``path`` atomically, every text cell stored as text (:func:`inert_workbook`)."""
    path = Path(path)
    inert_workbook(wb)
    with atomic_path(path) as tmp:
        wb.save(tmp)
    return path


def inert_markdown(text: str) -> str:
    """Markdown with every ``<`` written as ``\\<``, so no raw HTML tag or script can start.

    The Markdown we write has no raw HTML of its own; a backslash-escaped ``<`` shows as the
    character in every CommonMark viewer.  A ``<`` already escaped is left as it is.

    Examples
    --------
    >>> inert_markdown("**MC01** <script>alert(1)</script>: p <0.001")
    '**MC01** \\\\<script>alert(1)\\\\</script>: p \\\\<0.001'
    """
    return re.sub(r"(?<!\\)<", r"\\<", text)


def write_markdown(text: str, path: str | Path) -> Path:
    """Write a Markdown file (UTF-8) atomically, with raw HTML made inert (:func:`inert_markdown`)."""
    path = Path(path)
    with atomic_path(path) as tmp:
        tmp.write_text(inert_markdown(text), encoding="utf-8")
    return path
