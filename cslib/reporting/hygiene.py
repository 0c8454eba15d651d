"""Report hygiene: find developer output that leaked into an HTML report.

:func:`check_report` reads a finished (or plain nbconvert) HTML report and lists every place
where the reader would see something meant for a developer.  Code is not checked: code
cells (``.jp-InputArea``), ``<code>``/``<pre><code>`` blocks in prose, scripts and styles are
skipped.  Cell *outputs* are checked, including stderr boxes, because that is where warnings
and tracebacks show up.

Rules (the ``rule`` of each :class:`Leak`):

``path``
    an absolute file path (POSIX, Windows, ``~/``, ``file://``) or a temp-folder name.
``warning``
    a Python warning (``Warning:``, ``UserWarning`` and other ``…Warning`` class names).
``traceback``
    a traceback, a ``File "…", line N`` frame or an ``…Error:`` exception line.
``none``
    a bare ``None`` (English prose that starts a sentence with "None of …" is fine).
``nan``
    ``nan``, ``NaN``, ``NaT``, ``<NA>`` or ``inf``: a report says why a number is missing.
``repr``
    ``<… object at 0x…>`` and other default reprs.
``literal``
    a Python list or dict literal in prose (``[1, 2]``, ``['a', 'b']``, ``{'a': 1}``); a
    pair of numbers with decimals in brackets (``[0.12, 0.30]``) is interval notation, and so
    is an ascending pair of integers in a table cell (a grade band ``[80, 90]``, where the
    closed ends matter); in prose ``[1, 2]`` still reads as Python output.
``snake_case``
    an internal identifier (``qa_score_before``) in prose or a table header, unless it is a
    statistic symbol (:data:`STATISTIC_SYMBOLS`), in the allow-list, or a file name
    (``training_plan.xlsx``).
``p_zero``
    a p-value printed as ``0.000`` (in a p-value column or as ``p = 0.000``).
``datetime``
    a date printed with a midnight time (``2025-06-02 00:00:00``): dates are shown as dates.
``plural``
    a programmer's plural such as ``1 finding(s)``.
``first_section``
    the first ``h2`` is not the summary heading (:data:`SUMMARY_HEADING`) in the report's
    language.
``script``
    the other language's script in a single-language report: CJK characters in an ``en``
    report beyond ``allow_names``, Latin words in a ``zh`` report beyond the units and
    abbreviations in :data:`ZH_LATIN_ALLOWED` (single letters such as *p*, *n*, *W* are
    symbols and always allowed; codes mixing letters and digits such as ``A1``, ``T01`` are
    identifiers and allowed too; file names such as ``training_plan.xlsx`` are names).

The rules are regular expressions over the text of each leaf block (paragraph, list item,
table cell, heading, output ``<pre>``) written for this project; no maintained package checks
notebook reports for these leaks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from bs4 import BeautifulSoup, Tag

from cslib.core.i18n import Lang, Phrases, check_lang

SUMMARY_HEADING = Phrases({"summary": ("摘要", "Summary")})
"""The first ``h2`` of every report starts with this heading (after any section number)."""

ZH_LATIN_ALLOWED = frozenset(
    {
        # statistics and method abbreviations
        "CR", "CI", "RI", "ICC", "AHP", "KPI", "QA", "SD", "CV", "IQR", "Kendall", "Kendall's",
        "Cronbach", "Wilcoxon", "Holm", "Hake", "Cohen's", "Fleiss", "Gwet", "AC1", "AC2",
        "Likert", "Delphi", "Saaty", "DiD", "ATT", "Ca", "Cs", "Cr", "CSAT", "AHT", "NPS",
        "FCR", "KPIs", "df", "vs", "TWFE", "OLS", "Kappa", "kappa",
        # eponymous methods, written in Latin letters in Chinese texts too
        "Hedges", "Wilson", "Newcombe", "Kirkpatrick", "Goodman-Bacon", "Bacon", "Callaway",
        "Sant'Anna", "Bonferroni", "Benjamini", "Hochberg", "Pearson", "Spearman", "Shapiro",
        "Wilk", "Krippendorff", "Krippendorff's", "Fisher", "Welch", "McNemar",
        "Cronbach's", "Landis", "Koch", "Hesterberg", "Harker", "Aiken", "Lawshe", "Polit",
        "Shrout", "Koo", "Li", "McGraw", "Wong", "Altman", "Cohen", "Diamond", "Gattrell",
        "Jünger", "Beck", "Owen", "Ayre", "Scally", "Babington", "Smith", "Legendre", "Pratt",
        "Efron", "Lakens", "Kuder", "Richardson", "Wald", "Brennan", "Feldt", "Alonso",
        "Lamata", "cslib",
        # subscripts of symbols (λ_max, a_ij, p_c), written after the Greek or single letter
        "max", "ij", "pc",
        # method and guideline abbreviations
        "REML", "ANOVA", "BCa", "sup-t", "CVR", "I-CVI", "S-CVI", "Ave", "UA", "CREDES",
        "ACCORD", "AIJ", "AIP", "ROI", "BCR", "Phillips",
        "EWMA", "Hawkins", "Lucas", "Saccucci",
        # units and file types
        "min", "h", "s", "ms", "pt", "HTML", "Excel", "Word", "CSV", "XLSX", "PDF", "PNG", "YAML",
    }
)  # fmt: skip
"""Latin words a Chinese report may contain (units and standard abbreviations)."""

STATISTIC_SYMBOLS = frozenset({"d_z", "d_av", "g_av", "r_pb"})
"""Subscripted statistic symbols from the literature (Lakens 2013), not internal names."""

_BLOCKS = (
    "p", "li", "td", "th", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "caption", "dt", "dd",
    "figcaption", "blockquote", "title", "summary", "label", "div",
)  # fmt: skip
# code, the contents list (it repeats the headings, which are checked where they stand) and
# reference lists (works are cited in their original language)
_SKIP = (
    "script, style, code, .jp-InputArea-editor, .jp-InputPrompt, .jp-OutputPrompt, "
    ".anchor-link, nav.cslib-toc, ol.cslib-references"
)

_PATH = re.compile(
    r"(?:file://\S+"
    r"|(?<![\w.:/<>%-])~?/(?:[\w.\-]+/)+[\w.\-]*"  # /tmp/x/y, ~/data/a.csv
    r"|\b[A-Za-z]:\\[^\s<>]+"  # C:\Users\…
    r"|\btmp[a-z0-9_]{6,}\b)"  # tempfile.mkdtemp names
)
_WARNING = re.compile(r"\b(?:[A-Z]\w*Warning\b|Warning:|warnings\.warn)")
_TRACEBACK = re.compile(
    r"Traceback \(most recent call last\)|File \"[^\"]+\", line \d+|\b[A-Z]\w*(?:Error|Exception):"
)
_NONE = re.compile(r"\bNone\b")
_SENTENCE_NONE = re.compile(r"(?:^|[.!?]\s+)None\s+[a-z]")
_NAN = re.compile(r"(?<![\w.])(?:nan|NaN|NAN|NaT|-?inf)(?![\w])|<NA>")
_REPR = re.compile(r"<[\w.]+(?: [\w.]+)* (?:object )?at 0x[0-9a-fA-F]+>|\bat 0x[0-9a-fA-F]{6,}\b")
_ITEM = r"(?:'[^'\[\]]*'|\"[^\"\[\]]*\"|-?\d+(?:\.\d+)?|None|True|False)"
_LITERAL = re.compile(
    rf"\[\s*{_ITEM}(?:\s*,\s*{_ITEM})+\s*\]|\[\s*(?:'[^']*'|\"[^\"]*\")\s*\]"
    r"|\{\s*['\"][^'\"]+['\"]\s*:"
)
_INTERVAL = re.compile(r"\[\s*-?\d+(?:\.\d+)?\s*,\s*-?\d+(?:\.\d+)?\s*\]")
_INTERVAL_INT = re.compile(r"\[\s*-?\d+\s*,\s*-?\d+\s*\]")
_SNAKE = re.compile(
    r"(?<![\w./\\-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w\\/])(?!\.[A-Za-z0-9]{2,4}\b)"
)
_MIDNIGHT = re.compile(r"\b\d{4}-\d{2}-\d{2}[ T]00:00:00\b")
_PLURAL = re.compile(r"\b[A-Za-z]+\(s\)|\b[A-Za-z]+\(es\)")
_P_PROSE = re.compile(r"(?<![\w])[pP](?:值|-value)?\s*[=＝:：]\s*0\.0+(?![0-9])")
_ZERO = re.compile(r"^0\.0+$")
_P_HEADER = re.compile(r"(?:^|[^\w])[pP](?:$|[^\w])|P值|p值")
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]+")
_FILE_NAME = re.compile(
    r"[^\s\\:*?\"<>|]+\.(?:html|xlsx|xlsm|csv|md|png|pdf|zip|yaml|yml|json|ipynb)\b", re.IGNORECASE
)
_LATIN_TOKEN = re.compile(r"[A-Za-z0-9À-ÖØ-öø-ɏ][A-Za-z0-9À-ÖØ-öø-ɏ'’_\-]*")  # Jünger is one word


@dataclass(frozen=True)
class Leak:
    """One place where developer output shows in a report."""

    rule: str
    message: str
    found: str
    where: str

    def describe(self) -> str:
        return f"[{self.rule}] {self.where}: {self.message}: {self.found!r}"


def _excerpt(text: str, match: re.Match[str], width: int = 30) -> str:
    lo, hi = max(0, match.start() - width), min(len(text), match.end() + width)
    return ("…" if lo else "") + text[lo:hi].strip() + ("…" if hi < len(text) else "")


def _leaf_blocks(soup: BeautifulSoup) -> Iterable[tuple[Tag, str]]:
    """Innermost text blocks in document order, with the text of each."""
    for el in soup.find_all(_BLOCKS):
        if el.name == "div":
            own = "".join(str(s) for s in el.find_all(string=True, recursive=False)).strip()
            if not own:
                continue
            text = own
        else:
            if el.find(_BLOCKS[:-1]) is not None:  # an outer block: its inner blocks are read
                continue
            text = el.get_text(" ", strip=False)
        text = re.sub(r"\s+", " ", text).strip()
        if text:
            yield el, text


def _kind(el: Tag) -> str:
    if el.name == "th":
        return "table header"
    if el.name == "td":
        return "table cell"
    if el.name in ("h1", "h2", "h3", "h4", "h5", "h6", "title"):
        return "heading"
    if el.find_parent(class_="jp-OutputArea-output") is not None and el.name in ("pre", "div"):
        return "output"
    return "text"


def check_report(
    html_text: str,
    lang: Lang | str,
    *,
    allow_identifiers: Iterable[str] = (),
    allow_names: Iterable[str] = (),
    allow_latin: Iterable[str] = (),
    require_summary: bool = True,
) -> list[Leak]:
    """Every developer leak in an HTML report, in document order.

    Parameters
    ----------
    html_text : str
        The report page.
    lang : {"zh", "en", "zh+en"}
        The report's language; ``zh+en`` reports are not checked for the other script.
    allow_identifiers : iterable of str
        snake_case words that are allowed (e.g. a term the report defines).
    allow_names : iterable of str
        Proper names written in Chinese that an English report may contain.
    allow_latin : iterable of str
        Latin words a Chinese report may contain besides :data:`ZH_LATIN_ALLOWED`.
    require_summary : bool
        Check that the first ``h2`` is the summary (``False`` for pages that are not reports,
        such as the index).

    Returns
    -------
    list of Leak
        Empty when the report is clean.

    Examples
    --------
    >>> page = "<h2>Summary</h2><p>Saved to /tmp/abc/x.csv; value nan</p>"
    >>> [leak.rule for leak in check_report(page, "en")]
    ['path', 'nan']
    >>> check_report("<h2>摘要</h2><p>权重 0.25，CR 0.03</p>", "zh")
    []
    """
    lang = check_lang(lang)
    identifiers = STATISTIC_SYMBOLS | set(allow_identifiers)
    names = sorted(set(allow_names), key=len, reverse=True)
    latin = ZH_LATIN_ALLOWED | set(allow_latin)
    latin_folded = {w.lower() for w in latin if len(w) > 3}  # "excel", "delphi" in any case
    soup = BeautifulSoup(html_text, "html.parser")
    for el in soup.select(_SKIP):
        el.decompose()
    leaks: list[Leak] = []
    heading = "(top)"
    first_h2: str | None = None

    def add(rule: str, message: str, found: str, where: str) -> None:
        leaks.append(Leak(rule, message, found, where))

    for el, text in _leaf_blocks(soup):
        kind = _kind(el)
        if el.name in ("h1", "h2", "h3"):
            heading = text.replace("¶", "").strip()
            if el.name == "h2" and first_h2 is None:
                first_h2 = heading
        where = f"{kind} under '{heading}'" if kind != "heading" else f"heading '{heading}'"
        for m in _PATH.finditer(text):
            add("path", "a file path", _excerpt(text, m), where)
        for m in _WARNING.finditer(text):
            add("warning", "a Python warning", _excerpt(text, m), where)
        for m in _TRACEBACK.finditer(text):
            add("traceback", "a traceback or exception", _excerpt(text, m), where)
        if kind in ("table cell", "table header") and text == "None":
            add("none", "a bare None", text, where)
        elif _NONE.search(text):
            sentence_starts = {m.end() - 6 for m in _SENTENCE_NONE.finditer(text)}
            for m in _NONE.finditer(text):
                # "None of the experts …" at the start of an English sentence is prose
                if not any(abs(m.start() - s) <= 2 for s in sentence_starts):
                    add("none", "a bare None", _excerpt(text, m), where)
        for m in _NAN.finditer(text):
            add("nan", "an undefined number shown as a placeholder", _excerpt(text, m), where)
        for m in _REPR.finditer(text):
            add("repr", "a Python object repr", _excerpt(text, m), where)
        for m in _LITERAL.finditer(text):
            if _INTERVAL.fullmatch(m.group(0)) and not _INTERVAL_INT.fullmatch(m.group(0)):
                continue  # [0.12, 0.30] is interval notation, not Python output
            if kind == "table cell" and _is_band(m.group(0)):
                continue  # a grade band [80, 90] in a table (closed ends matter): a math interval
            add("literal", "a Python list or dict literal", _excerpt(text, m), where)
        for m in _SNAKE.finditer(text):
            if m.group(0) not in identifiers:
                add("snake_case", "an internal identifier", _excerpt(text, m), where)
        for m in _MIDNIGHT.finditer(text):
            add("datetime", "a date shown with a midnight time", _excerpt(text, m), where)
        for m in _PLURAL.finditer(text):
            add("plural", "a programmer's plural", _excerpt(text, m), where)
        for m in _P_PROSE.finditer(text):
            add("p_zero", "a p-value printed as 0.000", _excerpt(text, m), where)
        if lang in ("en", "zh"):
            text = _FILE_NAME.sub(" ", text)  # file names are names, in any script
        if lang == "en":
            stripped = text
            for name in names:
                stripped = stripped.replace(name, " ")
            runs = _CJK.findall(stripped)
            if runs:  # one leak per block, naming the Chinese runs
                add("script", "Chinese text in an English report", " ".join(runs[:8]), where)
        elif lang == "zh":
            words = []
            for m in _LATIN_TOKEN.finditer(text):
                token = m.group(0).strip("'’-")
                if (
                    len(token) > 1
                    and not text[: m.start()].endswith(".")  # a file extension
                    and not text[: m.start()].endswith("@")
                    and re.fullmatch(r"[A-Za-zÀ-ÖØ-öø-ɏ'’\-]+", token)
                    and token not in latin
                    and token.lower() not in latin_folded
                ):
                    words.append(token)
            if words:  # one leak per block, naming the English words
                add("script", "English text in a Chinese report", " ".join(words[:8]), where)

    for table in soup.find_all("table"):
        _p_zero_cells(table, leaks)

    if not require_summary:
        pass
    elif first_h2 is None:
        add("first_section", "the report has no h2 section; the first must be the summary", "", "")
    elif not _is_summary(first_h2, lang):
        add(
            "first_section",
            f"the first section must be the summary ('{SUMMARY_HEADING('summary', lang)}')",
            first_h2,
            f"heading '{first_h2}'",
        )
    return leaks


def _is_band(found: str) -> bool:
    """``[a, b]`` with two integers ``a < b``: the closed interval of a grade band."""
    m = _INTERVAL_INT.fullmatch(found)
    if m is None:
        return False
    lo, hi = (int(x) for x in found.strip("[]").split(","))
    return lo < hi


def _is_summary(heading: str, lang: Lang) -> bool:
    text = re.sub(r"^[\s§#]*[0-9０-９一二三四五六七八九十]*[.、．:：)\s]*", "", heading)
    zh, en = SUMMARY_HEADING["summary"]
    if lang == "zh":
        return text.startswith(zh)
    if lang == "en":
        return text.lower().startswith(en.lower())
    return text.startswith(zh) and en.lower() in text.lower()


def _p_zero_cells(table: Tag, leaks: list[Leak]) -> None:
    rows = table.find_all("tr")
    if not rows:
        return
    header_rows = [r for r in rows if r.find("td") is None]
    if not header_rows:
        return
    p_columns: set[int] = set()
    for row in header_rows:
        for k, cell in enumerate(row.find_all(["th", "td"])):
            if _P_HEADER.search(cell.get_text(" ", strip=True)):
                p_columns.add(k)
    if not p_columns:
        return
    caption = "a table"
    prev = table.find_previous(["h2", "h3"])
    if prev is not None:
        caption = f"table cell under '{prev.get_text(' ', strip=True).replace('¶', '').strip()}'"
    for row in rows:
        if row in header_rows:
            continue
        cells = row.find_all(["th", "td"])
        for k in p_columns:
            if k < len(cells) and _ZERO.match(cells[k].get_text(strip=True)):
                leaks.append(
                    Leak(
                        "p_zero",
                        "a p-value printed as 0.000",
                        cells[k].get_text(strip=True),
                        caption,
                    )
                )
