"""The check sheet of a Delphi questionnaire: what the writer wrote, kept inside the workbook.

:func:`cslib.delphi.feedback.write_feedback_workbooks` adds to every workbook it writes a
*very hidden* worksheet (Excel and WPS do not offer to unhide it; it is not printed) that
records what the workbook is and what it held when it left the study lead:

* in an expert's questionnaire: the round, the expert id, the score scale, the questionnaire
  sheet's name, its first and last data row, the input columns, a *batch* digest shared by
  every file of one run, and the value of every cell the expert must not change;
* in the study lead's panel summary: the round, the scale, the batch digest, the invited
  experts with their file names and every score of every finished round.

:mod:`cslib.delphi.collect` reads it back to name a returned workbook that was filled for
another round or another run, returned twice, renamed, or edited outside the score, reason and
comment cells — cell by cell, with what was written and what was found.  The sheet stops slips
(a pasted block, an unprotected and edited definition), not a determined forger.

openpyxl writes and reads the sheet; the layout (key/value rows, then tables) is our own.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd
from openpyxl import Workbook
from openpyxl.utils import coordinate_to_tuple, get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

SHEET = "cslib_check"
"""Name of the very hidden check sheet."""
MAGIC = "cslib-delphi-check"
VERSION = "1"


def canonical(value: object) -> str:
    """A cell value as comparable text: numbers by value, line ends unified, empty as ``""``.

    Examples
    --------
    >>> canonical(4), canonical(4.0), canonical("4"), canonical(None), canonical("a\\r\\nb")
    ('4', '4', '4', '', 'a\\nb')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        number = float(value)
        return str(int(number)) if number.is_integer() else format(number, ".15g")
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    try:  # a number typed as text reads as the number
        number = float(text)
    except ValueError:
        return text
    if text.strip() and number == number and abs(number) != float("inf"):
        return str(int(number)) if number.is_integer() else format(number, ".15g")
    return text


def _put(ws: Worksheet, row: int, values: Sequence[object]) -> None:
    """One row of the check sheet; text stays text (a value from data never becomes a formula)."""
    for c, value in enumerate(values, start=1):
        cell = ws.cell(row=row, column=c, value=value)
        if isinstance(value, str):
            cell.data_type = "s"


def batch_digest(parts: Iterable[object]) -> str:
    """A short SHA-256 digest naming one run of the questionnaire writer.

    Examples
    --------
    >>> batch_digest(["round=2", 3.5]) == batch_digest(["round=2", 3.5])
    True
    """
    h = hashlib.sha256()
    for part in parts:
        h.update(canonical(part).encode())
        h.update(b"\x1f")
    return h.hexdigest()[:16]


def protected_cells(
    ws: Worksheet, first_row: int, last_row: int, input_columns: Sequence[int]
) -> dict[str, str]:
    """Every non-empty cell of ``ws`` outside the input cells, as ``{"C7": text}``."""
    out = {}
    for row in ws.iter_rows():
        for cell in row:
            if not hasattr(cell, "column_letter"):
                continue  # a merged cell's hidden part
            if first_row <= cell.row <= last_row and cell.column in input_columns:
                continue
            text = canonical(cell.value)
            if text != "":
                out[cell.coordinate] = text
    return out


def stamp_questionnaire(
    wb: Workbook,
    ws: Worksheet,
    *,
    round: int,
    expert: str,
    scale: tuple[int, int],
    batch: str,
    first_row: int,
    last_row: int,
    input_columns: Sequence[int],
) -> None:
    """Add the check sheet to an expert's questionnaire (call after the sheet is complete)."""
    cells = protected_cells(ws, first_row, last_row, input_columns)
    check = wb.create_sheet(SHEET)
    check.sheet_state = "veryHidden"
    rows: list[Sequence[object]] = [
        (MAGIC, VERSION),
        ("kind", "expert"),
        ("round", round),
        ("expert", expert),
        ("scale", f"{scale[0]}-{scale[1]}"),
        ("batch", batch),
        ("sheet", ws.title),
        ("first_row", first_row),
        ("last_row", last_row),
        ("input_columns", ",".join(str(c) for c in input_columns)),
        ("cells", len(cells)),
    ]
    for ref, text in cells.items():  # row and column as numbers: "E10" would read as an id
        row, column = coordinate_to_tuple(ref)
        rows.append((row, column, text))
    for r, values in enumerate(rows, start=1):
        _put(check, r, values)


def stamp_summary(
    wb: Workbook,
    *,
    round: int,
    scale: tuple[int, int],
    batch: str,
    files: dict[str, str],
    ratings: pd.DataFrame,
) -> None:
    """Add the check sheet to the panel summary: invited experts and every earlier score.

    ``ratings`` holds ``round, expert_id, indicator_id, score`` of every finished round.
    """
    check = wb.create_sheet(SHEET)
    check.sheet_state = "veryHidden"
    rows: list[Sequence[object]] = [
        (MAGIC, VERSION),
        ("kind", "summary"),
        ("round", round),
        ("scale", f"{scale[0]}-{scale[1]}"),
        ("batch", batch),
        ("invited", len(files)),
    ]
    rows += [(expert, name) for expert, name in files.items()]
    rows.append(("ratings", len(ratings)))
    rows += [
        (int(r), str(e), str(i), int(s))
        for r, e, i, s in ratings[["round", "expert_id", "indicator_id", "score"]].itertuples(
            index=False
        )
    ]
    for r, values in enumerate(rows, start=1):
        _put(check, r, values)


@dataclass(frozen=True)
class Stamp:
    """What a check sheet says (see the module docstring).

    Attributes
    ----------
    kind : {"expert", "summary"}
    round : int
    scale : (int, int)
    batch : str
    expert : str
        The expert of a questionnaire ("" for the summary).
    sheet : str
        The questionnaire sheet's name ("" for the summary).
    first_row, last_row : int
        Data rows of the questionnaire (0 for the summary).
    input_columns : tuple of int
        Columns the expert fills in (score, reason, comment).
    cells : dict
        ``{"C7": text}`` of every non-empty protected cell as written (stored in the sheet
        as row and column numbers).
    invited : dict
        ``{expert_id: file name}`` (summary only).
    ratings : DataFrame or None
        Every score of every finished round (summary only).
    """

    kind: str
    round: int
    scale: tuple[int, int]
    batch: str
    expert: str = ""
    sheet: str = ""
    first_row: int = 0
    last_row: int = 0
    input_columns: tuple[int, ...] = ()
    cells: dict[str, str] | None = None
    invited: dict[str, str] | None = None
    ratings: pd.DataFrame | None = None


def _text(value: object) -> str:
    """A check-sheet value as written: ids stay as typed (``007`` is not ``7``)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class StampError(ValueError):
    """The check sheet is missing or cannot be read (the workbook is not as written)."""


def read_stamp(wb: Workbook) -> Stamp:
    """Read the check sheet of a workbook written by the questionnaire writer.

    Raises
    ------
    StampError
        No check sheet, or one that does not read as written.
    """
    if SHEET not in wb.sheetnames:
        raise StampError("no check sheet")
    rows = [
        tuple(_text(v) for v in row)
        for row in wb[SHEET].iter_rows(values_only=True)
        if any(v is not None for v in row)
    ]
    try:
        if rows[0][:2] != (MAGIC, VERSION):
            raise StampError("not a check sheet of this version")
        head = {}
        k = 1
        keys = (
            ("kind", "round", "expert", "scale", "batch", "sheet")
            + ("first_row", "last_row", "input_columns", "cells")
            if rows[1][1] == "expert"
            else ("kind", "round", "scale", "batch", "invited")
        )
        for key in keys:
            if rows[k][0] != key:
                raise StampError(f"row {k + 1}: expected {key}")
            head[key] = rows[k][1]
            k += 1
        lo, hi = (int(x) for x in head["scale"].split("-"))
        if head["kind"] == "expert":
            n = int(head["cells"])
            cells = {
                f"{get_column_letter(int(c))}{int(r)}": text for r, c, text, *_ in rows[k : k + n]
            }
            if len(cells) != n:
                raise StampError("cells cut short")
            return Stamp(
                kind="expert",
                round=int(head["round"]),
                scale=(lo, hi),
                batch=head["batch"],
                expert=head["expert"],
                sheet=head["sheet"],
                first_row=int(head["first_row"]),
                last_row=int(head["last_row"]),
                input_columns=tuple(int(c) for c in head["input_columns"].split(",")),
                cells=cells,
            )
        n = int(head["invited"])
        invited = {e: name for e, name, *_ in rows[k : k + n]}
        k += n
        if rows[k][0] != "ratings":
            raise StampError("no ratings")
        m = int(rows[k][1])
        body = rows[k + 1 : k + 1 + m]
        ratings = pd.DataFrame(
            [(int(r), e, i, int(s)) for r, e, i, s, *_ in body],
            columns=["round", "expert_id", "indicator_id", "score"],
        )
        if len(invited) != n or len(ratings) != m:
            raise StampError("tables cut short")
        return Stamp(
            kind="summary",
            round=int(head["round"]),
            scale=(lo, hi),
            batch=head["batch"],
            invited=invited,
            ratings=ratings,
        )
    except (IndexError, ValueError) as exc:
        if isinstance(exc, StampError):
            raise
        raise StampError(f"unreadable check sheet: {exc}") from None
