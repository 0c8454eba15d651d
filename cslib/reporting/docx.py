"""The Word (DOCX) version of a report, built from its finished HTML page with python-docx.

Why this way (see ``docs/word_reports.md``): the finished page is what the reader of the HTML
sees — one language, summary first, code hidden, tables and figures numbered by
:mod:`cslib.reporting.numbering`.  Building the Word file from that page, element by element,
guarantees the two versions hold the same headings, tables, figures, captions and notes.
python-docx writes the document model directly, so every convention a journal or thesis asks
for is set exactly rather than hoped for from a converter:

* headings as Word's *Heading 1–3* (the navigation pane and an inserted table of contents
  work), the report title as *Title*;
* every table as a real Word table in three-line style (三线表: a heavy rule above and below,
  a light rule under the header row, no vertical lines; APA 7 / GB/T 7713), the header row
  repeated on every page, text columns left- and number columns right-aligned;
* numbered captions with ``SEQ`` fields ("表 1" / "Table 1" above tables, "图 1" / "Figure 1"
  below figures), so Word renumbers them when a researcher adds or removes one;
* the note under each table; figures at print resolution (the PNGs are drawn at 200 dpi,
  :func:`cslib.reporting.tables.use_report_tables`) sized to the text width;
* a table wider than a portrait page on a landscape section of its own;
* Chinese text in 宋体 (SimSun) for the body and 黑体 (SimHei) for headings via the
  ``eastAsia`` font slot, Latin text in Times New Roman / Arial; Word and LibreOffice fall
  back to an installed CJK font when these are missing;
* A4 pages with page numbers.

The alternatives were weighed: pandoc (HTML or notebook → DOCX) writes real tables but no
three-line rules, no ``SEQ`` captions and no landscape sections without a Lua filter and a
reference document, and it is a system program rather than a package from the registry;
Quarto is a separate ~300 MB installation.  python-docx is a pure-Python package from PyPI.
"""

from __future__ import annotations

import base64
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup, NavigableString, Tag

from cslib.core.i18n import Lang, Phrases, check_lang, choose
from cslib.core.io import atomic_path
from cslib.reporting.numbering import classes_of, span_of

PHRASES = Phrases(
    {
        "seq_table": ("表", "Table"),
        "seq_figure": ("图", "Figure"),
        "page": ("第 {page} 页", "Page {page}"),
    }
)

BODY_FONT = ("Times New Roman", "SimSun")  # (Latin, East Asian)
HEADING_FONT = ("Arial", "SimHei")
BODY_PT = 10.5  # 五号
TABLE_PT = 9.0  # 小五
NOTE_PT = 9.0
PRINT_DPI = 200
"""Figures are placed at this resolution (or higher): a 1280-pixel-wide PNG is 6.4 inches."""

_LANDSCAPE_COLUMNS = 10
_SKIP_CLASSES = (
    "cslib-back",
    "cslib-toc",
    "cslib-downloads",
    "anchor-link",
    "jp-InputArea-editor",  # code (shown only with --show-code); markdown cells are kept
    "jp-InputPrompt",
    "jp-OutputPrompt",
)
_BLOCK = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "ul", "ol", "table", "img", "pre", "hr"}
_MONO = "Consolas"


def _docx() -> tuple[Any, ...]:
    import docx
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    return docx, WD_ORIENT, WD_SECTION, WD_TABLE_ALIGNMENT, WD_ALIGN_PARAGRAPH


def _set_fonts(style_or_run: Any, latin: str, east_asian: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    font = style_or_run.font
    font.name = latin
    element = style_or_run.element
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for slot in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(slot), latin)
    fonts.set(qn("w:eastAsia"), east_asian)


def _border(tag: str, size: int) -> Any:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    el = OxmlElement(f"w:{tag}")
    if size:
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), str(size))  # eighths of a point
        el.set(qn("w:space"), "0")
        el.set(qn("w:color"), "000000")
    else:
        el.set(qn("w:val"), "nil")
    return el


def _three_line(table: Any, header_rows: int) -> None:
    """Top and bottom rules (1.5 pt), a 0.75 pt rule under the header, nothing else."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tbl = table._tbl
    tbl_pr = tbl.tblPr
    for old in tbl_pr.findall(qn("w:tblBorders")):
        tbl_pr.remove(old)
    borders = OxmlElement("w:tblBorders")
    for side, size in (
        ("top", 12),
        ("left", 0),
        ("bottom", 12),
        ("right", 0),
        ("insideH", 0),
        ("insideV", 0),
    ):
        borders.append(_border(side, size))
    tbl_pr.append(borders)
    if header_rows:
        for cell in table.rows[header_rows - 1].cells:
            tc_pr = cell._tc.get_or_add_tcPr()
            tc_borders = OxmlElement("w:tcBorders")
            tc_borders.append(_border("bottom", 6))
            tc_pr.append(tc_borders)
        for row in table.rows[:header_rows]:
            tr_pr = row._tr.get_or_add_trPr()
            repeat = OxmlElement("w:tblHeader")  # repeated at the top of every page
            tr_pr.append(repeat)


def _field(paragraph: Any, instruction: str, shown: str) -> None:
    """A Word field (``SEQ``, ``PAGE``) with ``shown`` as its current result."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), f" {instruction} ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = shown
    run.append(text)
    fld.append(run)
    paragraph._p.append(fld)


class _Builder:
    """Walks a finished report page and writes the matching Word document."""

    def __init__(self, soup: BeautifulSoup, lang: Lang) -> None:
        docx, self.WD_ORIENT, self.WD_SECTION, self.WD_TABLE, self.WD_ALIGN = _docx()
        self.soup, self.lang = soup, lang
        self.doc = docx.Document()
        self.tables = 0
        self.figures = 0
        self._setup()

    # --- document set-up -------------------------------------------------------------------
    def _setup(self) -> None:
        from docx.enum.style import WD_STYLE_TYPE
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        from docx.shared import Mm, Pt, RGBColor

        doc = self.doc
        section = doc.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin = section.bottom_margin = Mm(25)
        section.left_margin = section.right_margin = Mm(22)
        styles = doc.styles
        normal = styles["Normal"]
        _set_fonts(normal, *BODY_FONT)
        normal.font.size = Pt(BODY_PT)
        normal.paragraph_format.space_after = Pt(4)
        normal.paragraph_format.line_spacing = 1.25
        # the document's languages: spelling and line breaking of Chinese text
        rpr = normal.element.get_or_add_rPr()
        lang_el = OxmlElement("w:lang")
        lang_el.set(qn("w:val"), choose("zh-CN", "en-GB", self.lang))
        lang_el.set(qn("w:eastAsia"), "zh-CN")
        rpr.append(lang_el)
        for name, size in (("Title", 18), ("Heading 1", 15), ("Heading 2", 13), ("Heading 3", 11)):
            style = styles[name]
            _set_fonts(style, *HEADING_FONT)
            style.font.size = Pt(size)
            style.font.bold = True
            style.font.italic = False
            style.font.color.rgb = RGBColor(0, 0, 0)
            style.paragraph_format.space_before = Pt(12 if name != "Title" else 0)
            style.paragraph_format.space_after = Pt(6)
            style.paragraph_format.keep_with_next = True
        caption = styles["Caption"]
        _set_fonts(caption, *HEADING_FONT)
        caption.font.size = Pt(BODY_PT)
        caption.font.bold = True
        caption.font.italic = False
        caption.font.color.rgb = RGBColor(0, 0, 0)
        caption.paragraph_format.alignment = self.WD_ALIGN.CENTER
        caption.paragraph_format.space_before = Pt(6)
        caption.paragraph_format.space_after = Pt(3)
        note = styles.add_style("Table Note", WD_STYLE_TYPE.PARAGRAPH)
        note.base_style = normal
        note.font.size = Pt(NOTE_PT)
        note.paragraph_format.space_after = Pt(8)
        cell = styles.add_style("Table Text", WD_STYLE_TYPE.PARAGRAPH)
        cell.base_style = normal
        cell.font.size = Pt(TABLE_PT)
        cell.paragraph_format.space_after = Pt(0)
        cell.paragraph_format.space_before = Pt(0)
        cell.paragraph_format.line_spacing = 1.0
        ref = styles.add_style("Reference", WD_STYLE_TYPE.PARAGRAPH)
        ref.base_style = normal
        ref.paragraph_format.left_indent = Mm(8)
        ref.paragraph_format.first_line_indent = Mm(-8)
        ref.paragraph_format.space_after = Pt(3)
        meta = styles.add_style("Report Meta", WD_STYLE_TYPE.PARAGRAPH)
        meta.base_style = normal
        meta.font.size = Pt(NOTE_PT)
        meta.font.color.rgb = RGBColor(0x44, 0x44, 0x44)
        self._footer(section)

    def _footer(self, section: Any) -> None:
        footer = section.footer
        p = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
        p.alignment = self.WD_ALIGN.CENTER
        _field(p, "PAGE", "1")

    @property
    def text_width(self) -> int:
        s = self.doc.sections[-1]
        return int(s.page_width - s.left_margin - s.right_margin)

    def _orient(self, landscape: bool) -> None:
        from docx.shared import Mm

        current = self.doc.sections[-1]
        is_landscape = current.page_width > current.page_height
        if is_landscape == landscape:
            return
        section = self.doc.add_section(self.WD_SECTION.NEW_PAGE)
        section.orientation = self.WD_ORIENT.LANDSCAPE if landscape else self.WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (
            (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
        )

    # --- walking the page ----------------------------------------------------------------
    def build(self) -> Any:
        body = self.soup.find("body") or self.soup
        title = self.soup.find("meta", attrs={"name": "cslib-title"})
        if isinstance(title, Tag):
            self.doc.core_properties.title = str(title.get("content") or "")
        self.doc.core_properties.language = choose("zh-CN", "en-GB", self.lang)
        for el in self._blocks(body):
            self._block(el)
        return self.doc

    def _skip(self, el: Tag) -> bool:
        if el.name in ("script", "style", "nav", "caption"):
            return True
        classes = classes_of(el)
        return any(c in classes for c in _SKIP_CLASSES)

    def _blocks(self, node: Tag) -> Iterator[Tag]:
        for child in node.children:
            if not isinstance(child, Tag) or self._skip(child):
                continue
            if child.name in _BLOCK or "cslib-figcaption" in classes_of(child):
                yield child
            elif child.name == "div" and child.find(list(_BLOCK)) is None:
                text = child.get_text(" ", strip=True)
                if text:  # text written straight into an output block
                    yield child
            else:
                yield from self._blocks(child)

    def _block(self, el: Tag) -> None:
        classes = classes_of(el)
        if el.name != "table" and "cslib-table-note" not in classes:
            self._orient(False)  # a landscape page holds its table and the table's notes only
        if el.name in ("h1", "h2", "h3", "h4", "h5", "h6"):
            level = int(el.name[1])
            style = "Title" if level == 1 else f"Heading {min(level - 1, 3)}"
            p = self.doc.add_paragraph(style=style)
            self._inline(p, el)
        elif "cslib-figcaption" in classes:
            self._caption(el.get_text(strip=True), "figure")
        elif el.name == "p":
            style = "Normal"
            if "cslib-table-note" in classes:
                style = "Table Note"
            elif "cslib-meta" in classes or "cslib-purpose" in classes:
                style = "Report Meta"
            p = self.doc.add_paragraph(style=style)
            self._inline(p, el)
            if not p.text.strip():
                p._p.getparent().remove(p._p)
            elif all(r.bold for r in p.runs if r.text.strip()):
                p.paragraph_format.keep_with_next = True  # a bold lead line stays with its table
        elif el.name in ("ul", "ol"):
            self._list(el, ordered=el.name == "ol", depth=0)
        elif el.name == "table":
            self._table(el)
        elif el.name == "img":
            self._image(el)
        elif el.name == "pre" or el.name == "div":
            for line in el.get_text().strip("\n").splitlines():
                p = self.doc.add_paragraph(style="Normal")
                p.add_run(line)

    def _inline(self, p: Any, el: Tag, bold: bool = False, italic: bool = False) -> None:
        from docx.shared import RGBColor

        for child in el.children:
            if isinstance(child, NavigableString):
                text = re.sub(r"[ \t\r\n\f\v]+", " ", str(child))  # keeps U+3000
                if text.strip() == "¶":
                    continue
                if text:
                    run = p.add_run(text)
                    run.bold = bold or None
                    run.italic = italic or None
            elif isinstance(child, Tag):
                if self._skip(child):
                    continue
                if child.name == "br":
                    p.add_run().add_break()
                elif child.name in ("strong", "b"):
                    self._inline(p, child, True, italic)
                elif child.name in ("em", "i"):
                    self._inline(p, child, bold, True)
                elif child.name == "code":
                    run = p.add_run(child.get_text())
                    _set_fonts(run, _MONO, BODY_FONT[1])
                elif child.name == "a":
                    before = len(p.runs)
                    self._inline(p, child, bold, italic)
                    for run in p.runs[before:]:
                        run.font.color.rgb = RGBColor(0x1F, 0x4E, 0x99)
                elif child.name in ("sub", "sup"):
                    run = p.add_run(child.get_text())
                    run.font.subscript = child.name == "sub"
                    run.font.superscript = child.name == "sup"
                else:
                    self._inline(p, child, bold, italic)

    def _list(self, el: Tag, *, ordered: bool, depth: int) -> None:
        from docx.shared import Mm

        if "cslib-references" in classes_of(el):  # numbered by hand, hanging indent
            for k, li in enumerate(el.find_all("li", recursive=False), 1):
                p = self.doc.add_paragraph(style="Reference")
                p.add_run(f"{k}.\t")
                self._inline(p, li)
            return

        style = "List Number" if ordered else "List Bullet"
        if depth:
            style += f" {min(depth + 1, 3)}"
        for li in el.find_all("li", recursive=False):
            p = self.doc.add_paragraph(style=style)
            nested = [c for c in li.children if isinstance(c, Tag) and c.name in ("ul", "ol")]
            for n in nested:
                n.extract()
            self._inline(p, li)
            if depth:
                p.paragraph_format.left_indent = Mm(6 * (depth + 1))
            for n in nested:
                self._list(n, ordered=n.name == "ol", depth=depth + 1)

    def _caption(self, text: str, kind: str) -> None:
        """A caption paragraph: "表 3\u3000title" with the number as a ``SEQ`` field."""
        m = re.match(r"^(\S+)\s*(\d+)(.*)$", text)
        p = self.doc.add_paragraph(style="Caption")
        if m is None:
            p.add_run(text)
            return
        label = PHRASES(f"seq_{kind}", self.lang)
        p.add_run(m.group(1) + " ")
        _field(p, f"SEQ {label} \\* ARABIC", m.group(2))
        p.add_run(m.group(3))
        if kind == "table":
            p.paragraph_format.keep_with_next = True
            self.tables += 1
        else:
            self.figures += 1

    def _grid(self, table: Tag) -> tuple[list[list[tuple[str, list[str], int, int]]], int]:
        """The table as rows of (text, classes, rowspan, colspan) and its header-row count."""
        rows = []
        header = 0
        for tr in table.find_all("tr"):
            if tr.find_parent("table") is not table:
                continue
            cells = []
            for c in tr.find_all(["th", "td"], recursive=False):
                text = "\n".join(
                    part.strip() for part in c.get_text("\n").split("\n") if part.strip()
                )
                cells.append(
                    (
                        text,
                        classes_of(c),
                        span_of(c, "rowspan"),
                        span_of(c, "colspan"),
                    )
                )
            if tr.find_parent("thead") is not None:
                header += 1
            rows.append(cells)
        if header == 0 and rows and all(c[1] is not None for c in rows[0]):
            first = table.find("tr")
            if first is not None and first.find("td") is None:
                header = 1
        return rows, header

    def _table(self, table: Tag) -> None:
        from docx.shared import Emu, Pt

        caption = table.find("caption")
        rows, header = self._grid(table)
        if not rows:
            return
        # lay the cells out on a grid (rowspan/colspan)
        placed: dict[tuple[int, int], tuple[str, list[str], int, int]] = {}
        taken: set[tuple[int, int]] = set()
        width = 0
        for r, cells in enumerate(rows):
            c = 0
            for cell in cells:
                while (r, c) in taken:
                    c += 1
                placed[(r, c)] = cell
                for dr in range(cell[2]):
                    for dc in range(cell[3]):
                        taken.add((r + dr, c + dc))
                c += cell[3]
                width = max(width, c)
        n_rows = max((r for r, _ in taken), default=0) + 1
        landscape = width > _LANDSCAPE_COLUMNS
        self._orient(landscape)
        if isinstance(caption, Tag):
            self._caption(caption.get_text(strip=True), "table")
        word = self.doc.add_table(rows=n_rows, cols=width)
        word.alignment = self.WD_TABLE.CENTER
        word.autofit = False
        widths = _column_widths(placed, width, self.text_width, max(header, 1))
        # python-docx's table.cell() and paragraph.style look-ups rebuild lists on every call
        # (quadratic in the table size), so the regular grid is filled through its XML rows
        from docx.table import _Cell

        grid = [[_Cell(tc, word) for tc in tr.tc_lst] for tr in word._tbl.tr_lst]
        style_id = self.doc.styles["Table Text"].style_id
        for tr, row in zip(word._tbl.tr_lst, grid, strict=True):
            tr.get_or_add_trPr().trHeight_val = Pt(14)
            for k, word_cell in enumerate(row):
                word_cell.width = Emu(widths[k])
        merges = []
        for (r, c), (text, classes, rs, cs) in placed.items():
            target = grid[r][c]
            p = target.paragraphs[0]
            p._p.style = style_id
            lines = text.split("\n")
            for k, line in enumerate(lines):
                run = p.add_run(line)
                if k < len(lines) - 1:
                    run.add_break()
                if r < header:
                    run.bold = True
            numeric = "cslib-num" in classes
            p.alignment = self.WD_ALIGN.RIGHT if numeric else self.WD_ALIGN.LEFT
            if rs > 1 or cs > 1:
                merges.append((target, grid[min(r + rs, n_rows) - 1][min(c + cs, width) - 1]))
        for first, last in merges:  # after filling: a merge changes the grid
            first.merge(last)
        for k, column in enumerate(word.columns):
            column.width = Emu(widths[k])
        _three_line(word, max(header, 1))

    def _image(self, img: Tag) -> None:
        from PIL import Image

        src = str(img.get("src") or "")
        m = re.match(r"data:image/(png|jpeg);base64,(.*)$", src, re.DOTALL)
        if m is None:
            return
        data = base64.b64decode(m.group(2))
        with Image.open(io.BytesIO(data)) as im:
            px_width = im.width
        self._orient(False)
        # placed at (at least) print resolution, never wider than the text
        width = min(self.text_width, int(px_width / PRINT_DPI * 914400))
        p = self.doc.add_paragraph()
        p.alignment = self.WD_ALIGN.CENTER
        p.paragraph_format.keep_with_next = True
        p.add_run().add_picture(io.BytesIO(data), width=width)

    def finish(self) -> None:
        self._orient(False)


def _text_width(text: str) -> float:
    """Printed width of ``text`` in units of a Latin character (CJK characters count two)."""
    longest = max((line for line in text.split("\n")), key=len, default="")
    return sum(2.0 if ord(ch) > 0x2E80 or ch in "%%@MW" else 1.0 for ch in longest)


def _column_widths(
    placed: dict[tuple[int, int], tuple[str, list[str], int, int]],
    width: int,
    total: int,
    header: int = 1,
) -> list[int]:
    """Column widths (EMU) sharing ``total`` so that numbers never wrap and text wraps last.

    Each column first gets its minimum — the longest number in it (numbers are never broken),
    or up to six CJK characters of text (four of a text header, two of a number header) — and the rest of the width is shared in
    proportion to what each column would need to print on one line (sentences capped at 40
    characters, so one long cell wraps instead of squeezing every other column).  Widths are
    estimated in character units at the table's 9 pt (a CJK character counts two).
    """
    unit = TABLE_PT * 0.52 * 12700  # EMU per Latin character at 9 pt
    pad = 3.0  # cell margins, in characters
    floor = [4.0] * width
    want = [4.0] * width
    is_text = [True] * width
    for (r, c), (text, classes, _, span) in placed.items():
        if span != 1 or c >= width:
            continue
        w = _text_width(text)
        numeric = "cslib-num" in classes
        if r >= header and numeric:
            is_text[c] = False
            floor[c] = max(floor[c], w)  # a number is never broken
        elif r < header:
            floor[c] = max(floor[c], min(w, 4.0 if numeric else 8.0))  # headers wrap first
        else:
            floor[c] = max(floor[c], min(w, 12.0))  # six CJK characters a line at least
        want[c] = max(want[c], min(w, 40.0))
    floor = [f + pad for f in floor]
    want = [max(w + pad, f) for w, f in zip(want, floor, strict=True)]
    available = total / unit
    if sum(floor) > available:  # too wide: text columns give way first (they can wrap)
        spare = sum(f - 6.0 - pad for f, t in zip(floor, is_text, strict=True) if t and f > 6 + pad)
        cut = min(spare, sum(floor) - available)
        if spare > 0:
            floor = [
                f - cut * (f - 6.0 - pad) / spare if t and f > 6 + pad else f
                for f, t in zip(floor, is_text, strict=True)
            ]
    if sum(floor) >= available:
        scale = available / sum(floor)
        return [int(f * scale * unit) for f in floor]
    extra = available - sum(floor)
    slack = [w - f for w, f in zip(want, floor, strict=True)]
    share = min(1.0, extra / sum(slack)) if sum(slack) else 0.0
    widths = [f + share * sl for f, sl in zip(floor, slack, strict=True)]
    left = available - sum(widths)  # everything fits on one line: spread what is left
    widths = [w + left * w / sum(widths) for w in widths]
    return [int(w * unit) for w in widths]


def docx_as_html(document: Any) -> str:
    """The visible text of a Word report as simple HTML, for the report hygiene rules.

    Headings become ``h1``–``h4`` (*Title* is ``h1``, *Heading 1* ``h2`` …), tables ``th`` and
    ``td`` cells (first row as header), reference entries an ``ol class="cslib-references"``
    list, runs in the code font ``<code>``, sub- and superscripts ``<sub>``/``<sup>`` (as in
    the page), every other paragraph a ``p``; headers and
    footers are left out.  :func:`cslib.reporting.hygiene.check_report` then checks a Word
    report exactly as it checks the HTML page.
    """
    import html as html_lib

    from docx.table import Table
    from docx.text.paragraph import Paragraph

    def runs(p: Paragraph) -> str:
        """The paragraph's text in order: runs (code-font runs as ``<code>``) and the
        current results of its fields (the SEQ numbers of captions)."""
        from docx.text.run import Run

        out = []
        for child in p._p.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "r":
                run = Run(child, p)
                text = html_lib.escape(run.text)
                if run.font.name == _MONO:
                    text = f"<code>{text}</code>"
                elif run.font.subscript:
                    text = f"<sub>{text}</sub>"
                elif run.font.superscript:
                    text = f"<sup>{text}</sup>"
                out.append(text)
            elif tag in ("fldSimple", "hyperlink"):
                out.append(
                    html_lib.escape(
                        "".join(x.text or "" for x in child.iter() if x.tag.endswith("}t"))
                    )
                )
        return "".join(out)

    parts = []
    in_refs = False
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            p = Paragraph(child, document)
            style = p.style.name if p.style is not None else ""
            if style == "Reference":
                if not in_refs:
                    parts.append('<ol class="cslib-references">')
                    in_refs = True
                parts.append(f"<li>{runs(p)}</li>")
                continue
            if in_refs:
                parts.append("</ol>")
                in_refs = False
            level = {"Title": 1, "Heading 1": 2, "Heading 2": 3, "Heading 3": 4}.get(style)
            text = runs(p)
            if level:
                parts.append(f"<h{level}>{text}</h{level}>")
            elif text.strip():
                parts.append(f"<p>{text}</p>")
        elif tag == "tbl":
            table = Table(child, document)
            rows = []
            for k, row in enumerate(table.rows):
                cell = "th" if k == 0 else "td"
                cells = "".join(f"<{cell}>{html_lib.escape(c.text)}</{cell}>" for c in row.cells)
                rows.append(f"<tr>{cells}</tr>")
            parts.append("<table>" + "".join(rows) + "</table>")
    if in_refs:
        parts.append("</ol>")
    return "<html><body>" + "\n".join(parts) + "</body></html>"


def build_docx(html: str, lang: Lang | str | None = None) -> Any:
    """The Word document (a ``docx.Document``) of a finished, numbered report page.

    ``lang`` defaults to the page's ``cslib-lang`` meta tag.
    """
    soup = BeautifulSoup(html, "html.parser")
    if lang is None:
        meta = soup.find("meta", attrs={"name": "cslib-lang"})
        lang = str(meta.get("content")) if isinstance(meta, Tag) else "zh"
    builder = _Builder(soup, check_lang(lang))
    doc = builder.build()
    builder.finish()
    return doc


def write_docx(html_path: str | Path, target: str | Path | None = None) -> Path:
    """Write the Word version of the finished report page ``html_path`` (atomically).

    ``target`` defaults to the page's name with ``.docx``.  Returns the path written.
    """
    html_path = Path(html_path)
    target = Path(target) if target is not None else html_path.with_suffix(".docx")
    doc = build_docx(html_path.read_text(encoding="utf-8"))
    with atomic_path(target) as tmp:
        doc.save(str(tmp))
    return target
