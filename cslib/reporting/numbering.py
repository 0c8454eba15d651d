"""Numbered tables and figures in a report page: captions, notes, references, alignment.

A report page (an nbconvert export of an executed notebook) holds its tables as pandas HTML
and its figures as embedded PNGs, without numbers or captions.  :func:`number_report` gives
every one of them, in document order,

* a numbered caption in the report's language — above a table (``<caption>``, "表 3　指标筛选"),
  below a figure (``<p class="cslib-figcaption">``, "图 2　…") — as APA 7 and GB/T 7713 ask;
  the title is the table's own caption if it has one, else the bold lead line just before it
  (e.g. "第 2 轮"), joined to the heading of the section it stands in;
* a note under each table (``<p class="cslib-table-note">``): the abbreviations used in its
  header (:data:`ABBREVIATIONS`), and how p-values are printed; a paragraph the notebook
  writes right after a table starting with "注：" / "Note:" is kept as that table's note;
* a reference in the text: the first paragraph of each section names the tables and figures
  of that section ("（见表 3–4、图 2）"), so the prose refers to them by number;
* column classes: columns whose cells are all numbers get ``cslib-num`` (right-aligned, on
  tabular figures); every other column reads left-aligned;
* page classes: a table too wide for a portrait A4 page at 8 pt marks its cell
  ``cslib-landscape`` so print CSS puts it on a landscape page.

The Word version (:mod:`cslib.reporting.docx`) and the results workbook
(:mod:`cslib.reporting.workbook`) read these captions and notes back, so the three agree.
The function is idempotent: numbering a numbered page renumbers it from scratch.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import AttributeValueList

from cslib.core.i18n import Lang, Phrases, check_lang, list_separator

PHRASES = Phrases(
    {
        "table": ("表 {n}", "Table {n}"),
        "figure": ("图 {n}", "Figure {n}"),
        "caption_sep": ("\u3000", ". "),
        "title_sep": ("：", ": "),
        "see": ("（见{items}）", " (see {items})"),
        "tables": ("表 {numbers}", "Tables {numbers}"),
        "figures": ("图 {numbers}", "Figures {numbers}"),
        "note": ("注：", "Note. "),
        "p_format": (
            "P 值保留三位小数，小于 0.001 记为 <0.001。",
            "p-values to three decimals; below 0.001 shown as <0.001.",
        ),
        "abbr": ("{abbr}，{meaning}", "{abbr} = {meaning}"),
        "untitled_table": ("结果表", "Results"),
        "untitled_figure": ("结果图", "Results"),
        "see_line": ("见{items}。", "See {items}."),
        "end": ("。", "."),
        "space": ("", " "),
    }
)

ABBREVIATIONS = Phrases(
    {
        "SD": ("标准差", "standard deviation"),
        "CV": ("变异系数（标准差 ÷ 均值）", "coefficient of variation (SD ÷ mean)"),
        "IQR": ("四分位距（Q3 − Q1）", "interquartile range (Q3 − Q1)"),
        "CI": ("置信区间", "confidence interval"),
        "CR": ("一致性比率（层次分析法）", "consistency ratio (AHP)"),
        "ICC": ("组内相关系数", "intraclass correlation coefficient"),
        "AHP": ("层次分析法", "analytic hierarchy process"),
        "ATT": ("已培训者的平均处理效应", "average treatment effect on the treated"),
        "DiD": ("双重差分", "difference-in-differences"),
        "KR-20": ("Kuder–Richardson 第 20 号信度系数", "Kuder–Richardson formula 20"),
        "I-CVI": ("条目水平内容效度指数", "item-level content validity index"),
        "S-CVI": ("量表水平内容效度指数", "scale-level content validity index"),
        "CVR": ("Lawshe 内容效度比", "Lawshe's content validity ratio"),
        "d_z": (
            "配对设计的 Cohen 效应量（提升均值 ÷ 提升标准差）",
            "Cohen's d for paired data (mean change ÷ SD of change)",
        ),
        "g_av": (
            "Hedges 效应量（除以前后测标准差的平均，含小样本校正）",
            "Hedges' g with the average of the two SDs, small-sample corrected",
        ),
        "χ²": ("卡方统计量", "chi-squared statistic"),
        "df": ("自由度", "degrees of freedom"),
        "AHT": ("平均处理时长", "average handling time"),
        "CSAT": ("客户满意度", "customer satisfaction"),
        "FCR": ("首次解决率", "first-contact resolution"),
        "QA": ("质检", "quality assurance"),
        "KPI": ("关键绩效指标", "key performance indicator"),
        "G": ("概化系数", "generalizability coefficient"),
        "Φ": ("可靠性指数（绝对决策）", "dependability index (absolute decisions)"),
    }
)
"""Abbreviations a table header may use, explained in the note under the table."""

_ABBR_TOKEN = {
    key: re.compile(rf"(?<![\w-]){re.escape(key)}(?![\w-])") for key in ABBREVIATIONS.keys()
}
_P_HEADER = re.compile(r"(?:^|[^\w])[pP](?:$|[^\w])|P值|p值|p-value|P 值")
_NUMBER = re.compile(
    r"^[<>≤≥±+\-−]?\s*\d[\d,]*(?:\.\d+)?\s*%?$"  # 12, 0.512, <0.001, 12.5%, −0.3
    r"|^[\[(]\s*[-−]?\d[\d.,]*%?\s*[,，–~]\s*[-−]?\d[\d.,]*%?\s*[\])]$"  # [0.12, 0.30]
    r"|^[-−]?\d[\d.]*%?\s*[–~]\s*[-−]?\d[\d.]*%?$"  # 0.12–0.30
)
_LANDSCAPE_COLUMNS = 10  # more columns than this do not fit a portrait A4 page at 8 pt
_SECTION_NUMBER = re.compile(r"^[\s§#]*[0-9０-９]+(?:[.．–-][0-9]+)*[.、．:：)\s]*")
_NOTE_START = re.compile(r"^\s*(?:注[:：]|Notes?[.:])")


CSS = """
/* numbered tables and figures (cslib.reporting.numbering) */
.cslib-report caption.cslib-caption { caption-side: top; text-align: left; font-weight: bold;
  padding: 0.2rem 0 0.3rem; color: #1f2328; }
.cslib-report p.cslib-figcaption { text-align: center; font-weight: bold; margin: 0.3rem 0 1rem; }
.cslib-report p.cslib-table-note { font-size: 0.85rem; color: #444; margin: 0.2rem 0 1rem; }
.cslib-report .jp-RenderedHTMLCommon th.cslib-text,
.cslib-report .jp-RenderedHTMLCommon td.cslib-text { text-align: left; }
.cslib-report .jp-RenderedHTMLCommon th.cslib-num,
.cslib-report .jp-RenderedHTMLCommon td.cslib-num { text-align: right;
  font-variant-numeric: tabular-nums; }
.cslib-header .cslib-downloads { font-size: 0.95rem; margin: 0.3rem 0; }
/* a sticky contents column beside the report on wide screens */
@media screen and (min-width: 1200px) {
  body.cslib-report { padding-left: 17rem; }
  .cslib-report nav.cslib-toc { position: fixed; top: 1rem; left: 1rem; width: 15rem;
    max-height: calc(100vh - 2rem); overflow-y: auto; margin: 0; font-size: 0.85rem;
    z-index: 10; }
}
@page landscape { size: A4 landscape; margin: 12mm 14mm; }
@media print {
  .cslib-report .cslib-landscape { page: landscape; }
  /* three-line tables on paper: rules above and below, one under the header */
  .cslib-report table { border-top: 1.5pt solid #000 !important;
    border-bottom: 1.5pt solid #000 !important; }
  .cslib-report th, .cslib-report td { border: none !important; background: none !important; }
  .cslib-report thead th { border-bottom: 0.75pt solid #000 !important; }
  .cslib-report tbody tr { background: none !important; }
  .cslib-report caption.cslib-caption, .cslib-report p.cslib-figcaption { break-after: avoid; }
}
"""


@dataclass(frozen=True)
class Numbered:
    """One numbered table or figure of a page."""

    kind: str  # "table" or "figure"
    number: int
    label: str  # "表 3"
    title: str  # "指标筛选：第 2 轮"
    note: str = ""

    @property
    def caption(self) -> str:
        return self.label + self.sep + self.title

    sep: str = "\u3000"


def classes_of(tag: Tag) -> list[str]:
    """The ``class`` names of ``tag`` as a list (BeautifulSoup gives a list or a string)."""
    value = tag.get("class")
    if value is None:
        return []
    if isinstance(value, str):
        return value.split()
    return [str(v) for v in value]


def _set_classes(tag: Tag, names: list[str]) -> None:
    """Set ``class`` as a list, as the parser does (``find_parent(class_=…)`` then matches)."""
    if names:
        tag["class"] = AttributeValueList(names)
    elif "class" in tag.attrs:
        del tag["class"]


def _add_class(tag: Tag, name: str) -> None:
    _set_classes(tag, [*classes_of(tag), name])


def span_of(cell: Tag, attr: str) -> int:
    """A cell's ``colspan`` / ``rowspan`` (1 when missing or not a positive integer)."""
    try:
        return max(1, int(str(cell.get(attr) or 1)))
    except ValueError:
        return 1


def _text(tag: Tag) -> str:
    return re.sub(
        r"\s+",
        " ",
        " ".join(
            s.strip()
            for s in tag.find_all(string=True)
            if s.strip() and s.strip() != "¶" and not _in_class(s, "anchor-link")
        ),
    ).strip()


def _in_class(node: object, name: str) -> bool:
    parent = getattr(node, "parent", None)
    while parent is not None and getattr(parent, "name", None) is not None:
        if name in classes_of(parent):
            return True
        parent = parent.parent
    return False


def heading_title(text: str) -> str:
    """A heading without its section number ("3. 指标筛选" → "指标筛选").

    Examples
    --------
    >>> heading_title("3. 指标筛选"), heading_title("2.1 保持（延迟测）"), heading_title("摘要")
    ('指标筛选', '保持（延迟测）', '摘要')
    """
    return _SECTION_NUMBER.sub("", text).strip() or text.strip()


def is_number(text: str) -> bool:
    """Whether a table cell holds a number (a count, decimal, per cent, p-value or interval).

    Examples
    --------
    >>> [is_number(t) for t in ("37", "0.512", "<0.001", "12.5%", "−0.3", "[0.12, 0.30]", "A1")]
    [True, True, True, True, True, True, False]
    """
    return bool(_NUMBER.match(text.strip()))


def _body(soup: BeautifulSoup) -> Tag:
    body = soup.find("body")
    return body if isinstance(body, Tag) else soup


def _outside_chrome(tag: Tag) -> bool:
    return tag.find_parent(class_="cslib-header") is None and tag.find_parent("nav") is None


def report_items(soup: BeautifulSoup) -> list[Tag]:
    """The tables and figures of a page in document order (not those of the header)."""
    body = _body(soup)
    items = []
    for el in body.find_all(["table", "img"]):
        if not _outside_chrome(el):
            continue
        if el.name == "table" and el.find_parent("table") is not None:
            continue
        if el.name == "img" and not str(el.get("src") or "").startswith("data:image"):
            continue
        items.append(el)
    return items


def _cell(el: Tag) -> Tag:
    """The notebook cell (or output block) that holds ``el``."""
    cell = el.find_parent(class_="jp-Cell")
    return cell if isinstance(cell, Tag) else el


def _lead(el: Tag) -> str:
    """The bold lead line printed right before a table or figure ("**第 2 轮**"), if any."""
    output = el.find_parent(class_="jp-OutputArea-child") or el
    prev = output.find_previous_sibling()
    if not isinstance(prev, Tag):
        return ""
    paragraphs = prev.find_all("p")
    if not paragraphs:
        return ""
    p = paragraphs[-1]
    strong = p.find(["strong", "b"])
    if strong is None:
        return ""
    return _text(strong).rstrip("：:").strip()


def _section_heading(el: Tag) -> Tag | None:
    h = el.find_previous(["h2", "h3", "h4"])
    while isinstance(h, Tag) and not _outside_chrome(h):
        h = h.find_previous(["h2", "h3", "h4"])
    return h if isinstance(h, Tag) else None


def _clear(soup: BeautifulSoup) -> None:
    for old in soup.select(
        "caption.cslib-caption, p.cslib-figcaption, p.cslib-table-note.cslib-auto, span.cslib-refs"
    ):
        old.decompose()
    for tag in soup.select(".cslib-num, .cslib-text, .cslib-landscape"):
        classes = [
            c for c in classes_of(tag) if c not in ("cslib-num", "cslib-text", "cslib-landscape")
        ]
        _set_classes(tag, classes)


def _align(table: Tag) -> None:
    """Mark numeric columns ``cslib-num`` and the others ``cslib-text``."""
    rows = [r for r in table.find_all("tr") if r.find_parent("table") is table]
    body_rows = [r for r in rows if r.find_parent("tbody") is not None or r.find("td")]
    width = max((len(r.find_all(["td", "th"], recursive=False)) for r in rows), default=0)
    numeric = []
    for k in range(width):
        texts = []
        for r in body_rows:
            cells = r.find_all(["td", "th"], recursive=False)
            if k < len(cells):
                t = cells[k].get_text(" ", strip=True)
                if t and t not in ("—", "-", "–"):
                    texts.append(t)
        numeric.append(bool(texts) and all(is_number(t) for t in texts))
    for r in rows:
        for k, cell in enumerate(r.find_all(["td", "th"], recursive=False)):
            if k < width:
                _add_class(cell, "cslib-num" if numeric[k] else "cslib-text")


def _header_texts(table: Tag) -> list[str]:
    head = table.find("thead")
    cells = (head or table).find_all("th") if head is not None else []
    if not cells:
        first = table.find("tr")
        cells = first.find_all(["th", "td"]) if first is not None else []
    return [c.get_text(" ", strip=True) for c in cells]


def table_note(headers: Iterable[str], lang: Lang) -> str:
    """The automatic note under a table: abbreviations in its header, p-value printing.

    Examples
    --------
    >>> table_note(["指标", "均值", "标准差", "CV", "P值"], "zh")
    '注：CV，变异系数（标准差 ÷ 均值）。P 值保留三位小数，小于 0.001 记为 <0.001。'
    >>> table_note(["Indicator", "Mean"], "en")
    ''
    """
    headers = list(headers)
    joined = " | ".join(headers)
    found = [key for key in ABBREVIATIONS.keys() if _ABBR_TOKEN[key].search(joined)]
    parts = []
    if found:
        parts.append(
            list_separator(lang).join(
                PHRASES("abbr", lang, abbr=key, meaning=ABBREVIATIONS(key, lang)) for key in found
            )
            + PHRASES("end", lang)
        )
    if any(_P_HEADER.search(h) for h in headers):
        parts.append(PHRASES("p_format", lang))
    if not parts:
        return ""
    return PHRASES("note", lang) + PHRASES("space", lang).join(parts)


def _ranges(numbers: list[int], lang: str = "en") -> str:
    """``[1, 2, 3, 5]`` → ``1–3, 5`` (``1–3、5`` in Chinese; runs of three or more joined by
    an en dash).

    Examples
    --------
    >>> _ranges([1, 2, 3, 5]), _ranges([2, 3], "zh")
    ('1–3, 5', '2、3')
    """
    out: list[str] = []
    k = 0
    while k < len(numbers):
        j = k
        while j + 1 < len(numbers) and numbers[j + 1] == numbers[j] + 1:
            j += 1
        if j - k >= 2:
            out.append(f"{numbers[k]}–{numbers[j]}")
        else:
            out.extend(str(n) for n in numbers[k : j + 1])
        k = j + 1
    return list_separator(lang).join(out)


def _references(items: list[Numbered], lang: Lang, key: str = "see") -> str:
    tables = [i.number for i in items if i.kind == "table"]
    figures = [i.number for i in items if i.kind == "figure"]
    parts = []
    if tables:
        nums = _ranges(tables, lang)
        parts.append(
            PHRASES("table", lang, n=nums)
            if len(tables) == 1
            else PHRASES("tables", lang, numbers=nums)
        )
    if figures:
        nums = _ranges(figures, lang)
        parts.append(
            PHRASES("figure", lang, n=nums)
            if len(figures) == 1
            else PHRASES("figures", lang, numbers=nums)
        )
    return PHRASES(key, lang, items=list_separator(lang).join(parts))


def number_report(soup: BeautifulSoup, lang: Lang | str) -> list[Numbered]:
    """Number every table and figure of ``soup`` in place; return them in document order.

    See the module docstring for what is added.  Returns the list the Word and workbook
    writers use to check their own output against.
    """
    lang = check_lang(lang)
    _clear(soup)
    numbered: list[Numbered] = []
    by_heading: dict[int, tuple[Tag, list[Numbered]]] = {}
    counts = {"table": 0, "figure": 0}
    for el in report_items(soup):
        kind = "table" if el.name == "table" else "figure"
        counts[kind] += 1
        n = counts[kind]
        heading = _section_heading(el)
        section = heading_title(_text(heading)) if heading is not None else ""
        own = el.find("caption") if kind == "table" else None
        lead = _text(own) if isinstance(own, Tag) else _lead(el)
        if isinstance(own, Tag):
            own.decompose()
        if section and lead and lead != section:
            title = section + PHRASES("title_sep", lang) + lead
        else:
            title = lead or section or PHRASES(f"untitled_{kind}", lang)
        label = PHRASES(kind, lang, n=n)
        sep = PHRASES("caption_sep", lang)
        note = ""
        if kind == "table":
            _align(el)
            headers = _header_texts(el)
            if len(headers) > _LANDSCAPE_COLUMNS:
                output = el.find_parent(class_="jp-OutputArea-output") or el
                _add_class(output, "cslib-landscape")
            caption = soup.new_tag("caption", attrs={"class": "cslib-caption"})
            caption.string = label + sep + title
            el.insert(0, caption)
            note = table_note(headers, lang)
            own_note = _own_note(el)
            if note:
                p = soup.new_tag("p", attrs={"class": "cslib-table-note cslib-auto"})
                p.string = note
                anchor = own_note or el
                anchor.insert_after(p)
            if own_note is not None:
                note = (_text(own_note) + " " + note).strip()
        else:
            cap = soup.new_tag("p", attrs={"class": "cslib-figcaption"})
            cap.string = label + sep + title
            el.insert_after(cap)
        item = Numbered(kind, n, label, title, note, sep)
        numbered.append(item)
        if heading is not None:
            by_heading.setdefault(id(heading), (heading, []))[1].append(item)
    for heading, items in by_heading.values():
        _add_reference(
            soup, heading, _references(items, lang), _references(items, lang, "see_line")
        )
    return numbered


def _own_note(table: Tag) -> Tag | None:
    """A "注：…" / "Note: …" paragraph the notebook printed right after the table."""
    output = table.find_parent(class_="jp-OutputArea-child") or table
    nxt = output.find_next_sibling()
    if not isinstance(nxt, Tag):
        return None
    p = nxt.find("p")
    if isinstance(p, Tag) and _NOTE_START.match(_text(p)):
        _add_class(p, "cslib-table-note")
        return p
    return None


def _add_reference(soup: BeautifulSoup, heading: Tag, text: str, line: str) -> None:
    """Append "（见表 N）" to the first paragraph after ``heading`` (a new one if none)."""
    span = soup.new_tag("span", attrs={"class": "cslib-refs"})
    span.string = text
    nxt = heading.find_next(["p", "table", "img", "h2", "h3", "h4"])
    if isinstance(nxt, Tag) and nxt.name == "p" and _outside_chrome(nxt):
        last = nxt.contents[-1] if nxt.contents else None
        if isinstance(last, NavigableString) and str(last).endswith(("。", ".")):
            # inside the sentence: "…如下（见表 3）。" / "… below (see Table 3)."
            stripped = str(last)[:-1]
            end = str(last)[-1]
            last.replace_with(stripped)
            nxt.append(span)
            nxt.append(end)
        else:
            nxt.append(span)
        return
    p = soup.new_tag("p", attrs={"class": "cslib-refs-line"})
    span.string = line
    p.append(span)
    heading.insert_after(p)
