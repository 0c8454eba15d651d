"""One results workbook per report: every numbered table on a sheet of its own.

Built from the finished, numbered report page (:mod:`cslib.reporting.numbering`), so each
sheet is exactly the table the reader sees — headers in the report's language, numbers as
printed — with the caption above it and the note below, in the three-line look of the Word
version (a heavy rule above the header and below the last row, a light rule under the header,
no vertical lines).  Sheets are named by table number ("表1", "Table 1"); a contents sheet
lists every table with a link to its sheet.

Cells hold numbers where the page shows a plain number (``0.512``, ``37``, ``12.5%`` — with
the number of decimals shown kept as the cell format), and text otherwise.  Text is always
written as a text cell, never as a formula, so a label such as ``=SUM(A1)`` from a data file
stays inert.  openpyxl writes the file (it is already a dependency for the input readers).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup, Tag

from cslib.core.i18n import Lang, Phrases, check_lang, choose, name_side
from cslib.core.io import atomic_path
from cslib.reporting.numbering import classes_of, span_of

PHRASES = Phrases(
    {
        "contents": ("目录", "Contents"),
        "sheet": ("表{n}", "Table {n}"),
        "table": ("表格", "Table"),
        "title": ("标题", "Title"),
        "report": ("报告", "Report"),
    }
)

WORKBOOK_SUFFIX = "_tables.xlsx"
"""A report ``NN_name.html`` has its workbook in ``NN_name_tables.xlsx``."""

_PLAIN = re.compile(r"^[-−]?\d+(?:\.(\d+))?$")
_PERCENT = re.compile(r"^[-−]?\d+(?:\.(\d+))?%$")


def workbook_name(stem: str) -> str:
    """The results workbook's file name for the report ``stem``.

    Examples
    --------
    >>> workbook_name("01_delphi_weights")
    '01_delphi_weights_tables.xlsx'
    """
    return stem + WORKBOOK_SUFFIX


def cell_value(text: str) -> tuple[object, str | None]:
    """The value and number format of a cell printed as ``text``.

    Examples
    --------
    >>> cell_value("0.512"), cell_value("37"), cell_value("12.50%"), cell_value("<0.001")
    ((0.512, '0.000'), (37, '0'), (0.125, '0.00%'), ('<0.001', None))
    """
    t = text.strip().replace("−", "-")
    m = _PLAIN.match(t)
    if m:
        decimals = len(m.group(1) or "")
        if decimals == 0:
            return int(t), "0"
        return float(t), "0." + "0" * decimals
    m = _PERCENT.match(t)
    if m:
        decimals = len(m.group(1) or "")
        return round(float(t[:-1]) / 100, decimals + 2), (
            "0." + "0" * decimals + "%" if decimals else "0%"
        )
    return text, None


def _rows(table: Tag) -> tuple[list[list[tuple[str, int]]], int]:
    rows: list[list[tuple[str, int]]] = []
    header = 0
    for tr in table.find_all("tr"):
        if tr.find_parent("table") is not table:
            continue
        cells = []
        for c in tr.find_all(["th", "td"], recursive=False):
            text = " ".join(c.get_text(" ", strip=True).split())
            cells.append((text, span_of(c, "colspan")))
        if tr.find_parent("thead") is not None:
            header += 1
        rows.append(cells)
    return rows, header


def build_workbook(html: str, lang: Lang | str | None = None) -> Any:
    """The results workbook (an openpyxl ``Workbook``) of a finished, numbered report page."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    soup = BeautifulSoup(html, "html.parser")
    if lang is None:
        meta = soup.find("meta", attrs={"name": "cslib-lang"})
        lang = str(meta.get("content")) if isinstance(meta, Tag) else "zh"
    lang = check_lang(lang)
    side = name_side(lang)
    title_meta = soup.find("meta", attrs={"name": "cslib-title"})
    report_title = str(title_meta.get("content")) if isinstance(title_meta, Tag) else ""
    font = choose("SimSun", "Calibri", lang)
    heavy, light = Side(style="medium"), Side(style="thin")
    wb = Workbook()
    contents = wb.active
    contents.title = PHRASES("contents", side)
    contents["A1"] = report_title
    contents["A1"].font = Font(name=font, bold=True, size=13)
    contents.append([])
    contents.append([PHRASES("table", side), PHRASES("title", side)])
    for c in contents[3]:
        c.font = Font(name=font, bold=True)
        c.border = Border(top=heavy, bottom=light)
    tables = [t for t in soup.find_all("table") if t.find("caption", class_="cslib-caption")]
    for n, table in enumerate(tables, 1):
        caption = table.find("caption", class_="cslib-caption")
        caption_text = caption.get_text(strip=True) if isinstance(caption, Tag) else ""
        ws = wb.create_sheet(PHRASES("sheet", side, n=n)[:31])
        _text_cell(ws.cell(row=1, column=1), caption_text).font = Font(
            name=font, bold=True, size=12
        )
        rows, header = _rows(table)
        trs = [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]
        row_cells = [tr.find_all(["th", "td"], recursive=False) for tr in trs]
        header = max(header, 1)
        widths: dict[int, int] = {}
        for r, cells in enumerate(rows):
            col = 1
            for text, span in cells:
                cell = ws.cell(row=r + 3, column=col)
                if r < header:
                    _text_cell(cell, text).font = Font(name=font, bold=True)
                else:
                    value, fmt = cell_value(text)
                    if fmt is None:
                        _text_cell(cell, str(value))
                    else:
                        cell.value = value
                        cell.number_format = fmt
                    cell.font = Font(name=font)
                cell.alignment = Alignment(
                    horizontal="right" if "cslib-num" in _classes(row_cells[r], col) else "left",
                    vertical="top",
                    wrap_text=True,
                )
                if span > 1:
                    ws.merge_cells(
                        start_row=r + 3, start_column=col, end_row=r + 3, end_column=col + span - 1
                    )
                widths[col] = max(widths.get(col, 0), _display_width(text))
                col += span
        n_cols = max((sum(s for _, s in cells) for cells in rows), default=1)
        last = len(rows) + 2
        for col in range(1, n_cols + 1):
            top = ws.cell(row=3, column=col)
            top.border = Border(top=heavy, bottom=light if header == 1 else None)
            under = ws.cell(row=header + 2, column=col)
            under.border = Border(top=under.border.top, bottom=light)
            bottom = ws.cell(row=last, column=col)
            bottom.border = Border(top=bottom.border.top, bottom=heavy)
            letter = ws.cell(row=3, column=col).column_letter
            ws.column_dimensions[letter].width = min(max(8, widths.get(col, 8) + 2), 60)
        ws.freeze_panes = ws.cell(row=header + 3, column=1)
        note = _note_after(table)
        if note:
            _text_cell(ws.cell(row=last + 1, column=1), note).font = Font(name=font, size=9)
        link = contents.cell(row=n + 3, column=1)
        _text_cell(link, ws.title)
        link.hyperlink = f"#'{ws.title}'!A1"
        _text_cell(contents.cell(row=n + 3, column=2), caption_text)
    if tables:
        for c in contents[len(tables) + 3]:
            c.border = Border(bottom=heavy)
    contents.column_dimensions["A"].width = 10
    contents.column_dimensions["B"].width = 70
    return wb


def _classes(cells: list[Tag], col: int) -> list[str]:
    """The classes of the cell of a row that covers column ``col`` (1-based, spans counted)."""
    k = 0
    for c in cells:
        k += span_of(c, "colspan")
        if k >= col:
            return classes_of(c)
    return []


def _text_cell(cell: Any, text: str) -> Any:
    """Write ``text`` as a text cell: never read as a formula, whatever it starts with."""
    cell.value = text
    cell.data_type = "s"
    return cell


def _display_width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text[:60])


def _note_after(table: Tag) -> str:
    notes = []
    for p in table.find_all_next("p", limit=3):
        if "cslib-table-note" in classes_of(p):
            notes.append(p.get_text(" ", strip=True))
        elif notes:
            break
        if p.find_previous("table") is not table:
            break
    return " ".join(notes)


def write_workbook(html_path: str | Path, target: str | Path | None = None) -> Path:
    """Write the results workbook of the finished report ``html_path`` (atomically)."""
    html_path = Path(html_path)
    target = Path(target) if target else html_path.with_name(workbook_name(html_path.stem))
    wb = build_workbook(html_path.read_text(encoding="utf-8"))
    with atomic_path(target) as tmp:
        wb.save(str(tmp))
    return target
