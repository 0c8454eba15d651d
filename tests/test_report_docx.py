"""The Word version and the results workbook of every report, checked against its HTML page.

Reads the session's shared runs (``report_runs.py``): each run writes ``NN_name.docx`` and
``NN_name_tables.xlsx`` beside the page, made from the finished page.  For every notebook in
Chinese and English the Word file is opened with python-docx and must have the page's
headings as Word headings with the summary first, every numbered table of the page as a real
Word table in three-line style under a numbered ``SEQ`` caption, every figure embedded at
print resolution with its caption below, and no developer output in its visible text (the
HTML hygiene rules, :func:`cslib.reporting.hygiene.check_report`).  The workbook has one sheet
per table with the page's headers.

The small tests at the end build documents from hand-made pages (no kernel).
"""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from report_runs import LANGS, NOTEBOOKS, group
from test_report_hygiene import DATA_LATIN

from cslib.reporting.hygiene import check_report

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _heading_text(tag) -> str:
    return " ".join(
        s.strip()
        for s in tag.find_all(string=True)
        if s.strip() and s.strip() != "¶" and "anchor-link" not in (s.parent.get("class") or [])
    )


def _runs(report_runs, notebook, lang):
    run = report_runs.get(notebook, lang)
    page = BeautifulSoup(run.html.read_text(encoding="utf-8"), "html.parser")
    docx_path = run.folder / f"{notebook.stem}.docx"
    return run, page, docx_path


CASES = [
    pytest.param(nb, lang, marks=pytest.mark.xdist_group(group(nb, lang)), id=f"{nb.stem}-{lang}")
    for nb in NOTEBOOKS
    for lang in LANGS
]


@pytest.mark.parametrize(("notebook", "lang"), CASES)
def test_word_report_matches_its_page(report_runs, notebook, lang):
    import docx
    from PIL import Image

    from cslib.reporting.docx import PRINT_DPI, docx_as_html

    run, page, path = _runs(report_runs, notebook, lang)
    assert path.is_file(), f"no Word version beside {run.html.name}"
    document = docx.Document(str(path))
    paragraphs = document.paragraphs

    # headings: the page's h2/h3 sections as Word Heading 1/2, the summary first
    body = page.find("body")
    page_h2 = [
        _heading_text(h)
        for h in body.find_all("h2")
        if h.find_parent(class_="cslib-header") is None and h.find_parent("nav") is None
    ]
    word_h1 = [p.text.strip() for p in paragraphs if p.style.name == "Heading 1"]
    assert word_h1 == [re.sub(r"[ \t\n]+", " ", h) for h in page_h2]
    summary = {"zh": "摘要", "en": "Summary"}[lang]
    assert word_h1 and word_h1[0].endswith(summary), word_h1[:2]
    assert [p.style.name for p in paragraphs if p.text.strip()][0] == "Title"

    # every numbered table of the page is a Word table, under its numbered caption
    page_captions = [c.get_text(strip=True) for c in page.select("caption.cslib-caption")]
    assert page_captions, "the page has no numbered tables"
    assert len(document.tables) == len(page_captions)
    label = {"zh": "表", "en": "Table"}[lang]
    captions, seq_tables, seq_figures = [], 0, 0
    body_xml = document.element.body
    children = list(body_xml.iterchildren())
    for k, child in enumerate(children):
        if child.tag == f"{W}tbl":
            before = children[k - 1]
            assert before.tag == f"{W}p"
            text = "".join(t.text or "" for t in before.iter(f"{W}t"))
            captions.append(text)
            instr = [f.get(f"{W}instr") for f in before.iter(f"{W}fldSimple")]
            assert instr == [f" SEQ {label} \\* ARABIC "], (text, instr)
            seq_tables += 1
            _check_three_line(child)
    assert [re.sub(r"\s+", "", c) for c in captions] == [
        re.sub(r"\s+", "", c) for c in page_captions
    ]
    assert seq_tables == len(page_captions)

    # every figure embedded, at print resolution, with its numbered caption below
    page_figures = [c.get_text(strip=True) for c in page.select("p.cslib-figcaption")]
    shapes = document.inline_shapes
    assert len(shapes) == len(page_figures)
    for shape in shapes:
        blip = shape._inline.graphic.graphicData.pic.blipFill.blip
        part = document.part.related_parts[blip.embed]
        with Image.open(__import__("io").BytesIO(part.blob)) as im:
            inches = shape.width / 914400
            assert im.width / inches >= PRINT_DPI * 0.99, (im.width, inches)
    figure_captions = []
    for p in paragraphs:
        if p.style.name == "Caption":
            instr = [f.get(f"{W}instr") for f in p._p.iter(f"{W}fldSimple")]
            if instr and "SEQ " + {"zh": "图", "en": "Figure"}[lang] in instr[0]:
                figure_captions.append("".join(t.text or "" for t in p._p.iter(f"{W}t")))
                seq_figures += 1
    assert [re.sub(r"\s+", "", c) for c in figure_captions] == [
        re.sub(r"\s+", "", c) for c in page_figures
    ]

    # the hygiene rules of the HTML: no snake_case, nan, None, paths … in the visible text
    leaks = check_report(docx_as_html(document), lang, allow_latin=DATA_LATIN)
    assert not leaks, "\n".join(leak.describe() for leak in leaks[:30])


def _check_three_line(tbl) -> None:
    """Heavy rules above and below, a light rule under the header, no vertical lines."""
    borders = tbl.find(f"{W}tblPr").find(f"{W}tblBorders")
    sides = {el.tag.replace(W, ""): (el.get(f"{W}val"), el.get(f"{W}sz")) for el in borders}
    assert sides["top"] == ("single", "12") and sides["bottom"] == ("single", "12")
    for side in ("left", "right", "insideV", "insideH"):
        assert sides[side][0] == "nil", side
    rows = tbl.findall(f"{W}tr")
    headers = [
        r
        for r in rows
        if r.find(f"{W}trPr") is not None and r.find(f"{W}trPr").find(f"{W}tblHeader") is not None
    ]
    assert headers and headers == rows[: len(headers)]  # header rows repeat on each page
    for tc in headers[-1].findall(f"{W}tc"):
        bottom = tc.find(f"{W}tcPr").find(f"{W}tcBorders").find(f"{W}bottom")
        assert bottom.get(f"{W}val") == "single"


@pytest.mark.parametrize(("notebook", "lang"), CASES)
def test_results_workbook_has_every_table(report_runs, notebook, lang):
    from openpyxl import load_workbook

    from cslib.reporting.workbook import workbook_name

    run, page, _ = _runs(report_runs, notebook, lang)
    path = run.folder / workbook_name(notebook.stem)
    assert path.is_file()
    wb = load_workbook(path)
    tables = [t for t in page.find_all("table") if t.find("caption", class_="cslib-caption")]
    assert len(wb.sheetnames) == len(tables) + 1  # a contents sheet first
    for ws, table in zip(wb.worksheets[1:], tables, strict=True):
        assert ws["A1"].value == table.find("caption").get_text(strip=True)
        header = [c.get_text(" ", strip=True) for c in table.find("tr").find_all(["th", "td"])]
        values = [ws.cell(row=3, column=k + 1).value for k in range(len(header))]
        assert [v if v is not None else "" for v in values] == header
        for row in ws.iter_rows(min_row=3):
            for cell in row:
                assert cell.data_type != "f", cell.coordinate  # nothing is a formula


# --- hand-made pages (no kernel) ---------------------------------------------------------

PAGE = """<html><head><title>t</title></head><body>
<h1>报告</h1>
<div class="jp-Cell"><div class="jp-RenderedMarkdown"><h2>摘要</h2><p>结论如下。</p></div></div>
<div class="jp-Cell"><div class="jp-RenderedMarkdown"><h2>1. 指标</h2><p>每个指标的均值。</p></div></div>
<div class="jp-Cell"><div class="jp-OutputArea"><div class="jp-OutputArea-child">
<div class="jp-OutputArea-output"><table><thead><tr><th>指标名称</th><th>均值</th><th>CV</th>
<th>P值</th></tr></thead><tbody><tr><td>=SUM(A1)</td><td>4.615</td><td>0.124</td><td>&lt;0.001</td>
</tr><tr><td>乙</td><td>37</td><td>0.2</td><td>0.023</td></tr></tbody></table></div></div>
</div></div>
<div class="jp-Cell"><div class="jp-OutputArea"><div class="jp-OutputArea-child">
<div class="jp-OutputArea-output"><table><thead><tr>{wide}</tr></thead><tbody><tr>{cells}</tr>
</tbody></table></div></div></div></div>
</body></html>"""


def _page() -> str:
    from cslib.reporting.html import ReportMeta, finish_html

    wide = "".join(f"<th>列{k}</th>" for k in range(14))
    cells = "".join(f"<td>{k}.5</td>" for k in range(14))
    return finish_html(
        PAGE.replace("{wide}", wide).replace("{cells}", cells),
        ReportMeta("报告", "Report", run_date="2026-12-07", lang="zh"),
    )


def test_numbering_captions_notes_alignment_and_references():
    page = BeautifulSoup(_page(), "html.parser")
    assert [c.get_text() for c in page.select("caption.cslib-caption")] == [
        "表 1\u3000指标",
        "表 2\u3000指标",
    ]
    note = page.select_one("p.cslib-table-note").get_text()
    assert note.startswith("注：CV，变异系数") and "<0.001" in note
    assert page.select_one("span.cslib-refs").get_text() == "（见表 1、2）"
    first = page.find("table")
    classes = [c.get("class") for c in first.find("tr").find_all("th")]
    assert classes == [["cslib-text"], ["cslib-num"], ["cslib-num"], ["cslib-num"]]
    # a table of 14 columns prints on a landscape page
    assert page.select(".cslib-landscape table")


def test_word_document_from_a_page_has_landscape_section_and_three_line_tables(tmp_path):
    from docx.enum.section import WD_ORIENT

    from cslib.reporting.docx import build_docx, docx_as_html

    document = build_docx(_page(), "zh")
    orientations = [s.orientation for s in document.sections]
    assert orientations == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE, WD_ORIENT.PORTRAIT]
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 1"] == [
        "摘要",
        "1. 指标",
    ]
    first = document.tables[0]
    assert first.cell(1, 0).text == "=SUM(A1)"
    assert first.cell(1, 1).paragraphs[0].alignment == 2  # numbers right-aligned
    assert first.cell(1, 0).paragraphs[0].alignment == 0  # text left-aligned
    for table in document.tables:
        _check_three_line(table._tbl)
    assert check_report(docx_as_html(document), "zh", allow_latin={"SUM"}) == []


def test_workbook_keeps_text_inert_and_numbers_as_numbers():
    from cslib.reporting.workbook import build_workbook

    wb = build_workbook(_page(), "zh")
    assert wb.sheetnames == ["目录", "表1", "表2"]
    ws = wb["表1"]
    assert ws["A4"].value == "=SUM(A1)" and ws["A4"].data_type == "s"
    assert ws["B4"].value == 4.615 and ws["B4"].number_format == "0.000"
    assert ws["B5"].value == 37 and ws["D4"].value == "<0.001"
    assert ws["A6"].value.startswith("注：")


def test_report_header_links_the_word_version_and_workbook(tmp_path):
    from dataclasses import replace

    from cslib.reporting.exports import downloads_beside
    from cslib.reporting.html import ReportMeta, finish_html

    page = tmp_path / "01_delphi_weights.html"
    page.write_text("<h2>摘要</h2>", encoding="utf-8")
    assert downloads_beside(page) == ()
    (tmp_path / "01_delphi_weights.docx").write_bytes(b"x")
    (tmp_path / "01_delphi_weights_tables.xlsx").write_bytes(b"x")
    found = downloads_beside(page)
    meta = replace(ReportMeta("报告", "Report", lang="zh"), downloads=found)
    links = BeautifulSoup(finish_html("<h2>摘要</h2>", meta), "html.parser")
    assert [(a["href"], a.get_text()) for a in links.select(".cslib-downloads a")] == [
        ("01_delphi_weights.docx", "Word 版"),
        ("01_delphi_weights_tables.xlsx", "全部表格（Excel）"),
    ]


def test_format_option_is_checked(run_cli, tmp_path):
    ran = run_cli("run", "01", "--format", "html,pdf", "--output-dir", str(tmp_path))
    assert ran.returncode == 2
    assert "--format" in ran.stderr and "pdf" in ran.stderr


def test_csv_headers_follow_the_report_language(tmp_path):
    import pandas as pd

    from cslib.core.io import write_csv

    frame = pd.DataFrame({"agent_id": ["P1"], "reason": ["没有后测"], "custom": [1]})
    zh = write_csv(frame, tmp_path / "zh.csv", lang="zh")
    en = write_csv(frame, tmp_path / "en.csv", lang="en")
    assert zh.read_text(encoding="utf-8-sig").splitlines()[0] == "坐席,原因,custom"
    assert en.read_text(encoding="utf-8-sig").splitlines()[0] == "Agent,Reason,custom"
    plain = write_csv(frame, tmp_path / "plain.csv")  # without a language: keys as given
    assert plain.read_text(encoding="utf-8-sig").splitlines()[0] == "agent_id,reason,custom"


def test_counts_and_degrees_of_freedom_print_without_decimals():
    import pandas as pd

    from cslib.reporting.tables import styled_table

    frame = pd.DataFrame(
        {"chi2": [11.5943, 39.7923], "df": [37.0, 10.0], "n_changed": [3.0, float("nan")]}
    )
    html = styled_table(frame, "zh").to_html()
    cells = [c.get_text() for c in BeautifulSoup(html, "html.parser").find_all("td")]
    assert cells == ["11.594", "37", "3", "39.792", "10", ""]
    # a count that is not whole keeps its decimals (it is not a count then)
    odd = styled_table(pd.DataFrame({"df": [37.5]}), "zh").to_html()
    assert "37.500" in odd
