"""Finish an nbconvert HTML report: title, header line, contents, print CSS, no CDN scripts.

nbconvert's ``lab`` template writes a page titled "Notebook" that loads require.js, MathJax
and mermaid from a CDN, has no navigation and prints wide tables cut by a scrollbar.
:func:`finish_html` turns such an export (code cells hidden) into a page a trainer can read,
print and mail as one file:

* a real ``<title>`` and ``<html lang>`` in the report's language;
* a back-to-index link, a header line (run date · data files · key parameters) and the
  report's one-line purpose;
* a contents list with anchors built from the ``h2``/``h3`` headings;
* screen CSS for readable tables and A4 print CSS (tables wrap or shrink instead of being cut
  by a scrollbar, rows and figures are not split across pages, figures fit the page width);
* every external script or stylesheet removed: the reports use neither maths nor mermaid
  diagrams, and figures are embedded by nbconvert as ``data:`` URIs.  An external image that
  cannot be embedded is an error (:class:`ExternalResourceError`) rather than a page that
  breaks offline.

The function is pure (text in, text out) and idempotent; :func:`finish_report` rewrites a
file atomically.  The page's metadata is also stored in ``<meta name="cslib-…">`` tags so the
index page (:mod:`cslib.reporting.index`) can read title, purpose and run date back.

The HTML is handled with BeautifulSoup (the parser nbconvert itself depends on); the
contents list, header and CSS are written here because no maintained package post-processes
nbconvert pages this way.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath, PureWindowsPath

from bs4 import BeautifulSoup, Comment, Tag

from cslib.core.i18n import Lang, Phrases, check_lang, html_lang, list_separator, pick
from cslib.core.io import atomic_path

PHRASES = Phrases(
    {
        "back": ("← 返回报告目录", "← All reports"),
        "run_date": ("运行日期：{date}", "Run date: {date}"),
        "data_files": ("数据文件：{files}", "Data: {files}"),
        "parameters": ("主要参数：", "Key parameters: "),
        "contents": ("目录", "Contents"),
        "none": ("无", "none"),
        "yes": ("是", "yes"),
        "no": ("否", "no"),
        "downloads": ("下载：", "Download: "),
    }
)

# nbconvert's lab template loads these from a CDN; the reports need none of them offline
_EXTERNAL = re.compile(r"^\s*(?:https?:)?//", re.IGNORECASE)
_CDN_IMPORT = re.compile(r"import\(\s*[\"'](?:https?:)?//", re.IGNORECASE)
_WIDE_TABLE_COLUMNS = 8  # tables with more columns print in a smaller font
_VERY_WIDE_TABLE_COLUMNS = 14  # ... and with more than this, smaller still

CSS = """
/* cslib report layout: screen */
body.cslib-report { background: #fff; }
.cslib-report main, .cslib-report .jp-Notebook { max-width: 72rem; margin: 0 auto; }
.cslib-header { max-width: 72rem; margin: 1rem auto 0; padding: 0 1rem;
  font-family: system-ui, "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; }
.cslib-header .cslib-back { font-size: 0.95rem; text-decoration: none; }
.cslib-header .cslib-meta { color: #444; font-size: 0.9rem; margin: 0.4rem 0; }
.cslib-header .cslib-purpose { font-size: 1.05rem; margin: 0.4rem 0 0.8rem; }
.cslib-toc { border: 1px solid #d0d7de; border-radius: 6px; padding: 0.5rem 1rem;
  background: #f6f8fa; margin-bottom: 1rem; }
.cslib-toc .cslib-toc-title { font-weight: bold; margin: 0.2rem 0; }
.cslib-toc ol, .cslib-toc ol ol { margin: 0.2rem 0; padding-left: 1.2rem;
  list-style: none !important; }
.cslib-toc li { margin: 0.1rem 0; }
.cslib-report .jp-RenderedHTMLCommon table { border-collapse: collapse; font-size: 0.9rem;
  margin: 0.5rem 0; }
.cslib-report .jp-RenderedHTMLCommon th, .cslib-report .jp-RenderedHTMLCommon td {
  padding: 0.3rem 0.6rem; border: 1px solid #d0d7de; }
.cslib-report .jp-RenderedHTMLCommon thead th { background: #eef2f6; position: sticky; top: 0; }
.cslib-report .jp-RenderedHTMLCommon tbody tr:nth-child(even) { background: #f8fafc; }
.cslib-report img { max-width: 100%; height: auto; }

/* print: A4, nothing cut by a scrollbar */
@page { size: A4; margin: 14mm 12mm; }
@media print {
  .cslib-back { display: none; }
  .cslib-report main, .cslib-report .jp-Notebook, .cslib-header { max-width: none; }
  .cslib-report .jp-Cell, .cslib-report .jp-OutputArea, .cslib-report .jp-OutputArea-output,
  .cslib-report .jp-RenderedHTMLCommon, .cslib-report div {
    overflow: visible !important; max-height: none !important; }
  .cslib-report table { width: 100% !important; max-width: 100% !important;
    table-layout: auto; font-size: 8pt !important; }
  /* never below 8 pt: a table too wide for portrait A4 prints on a landscape page
     (numbering.CSS) */
  .cslib-report th, .cslib-report td { white-space: normal !important;
    padding: 1pt 2pt !important; }
  /* headers may break anywhere; numbers and words in cells are never split */
  .cslib-report th { overflow-wrap: anywhere; }
  .cslib-report td { overflow-wrap: normal; word-break: normal; }
  .cslib-report thead { display: table-header-group; }
  .cslib-report tr, .cslib-report img, .cslib-report svg, .cslib-report figure {
    break-inside: avoid; page-break-inside: avoid; }
  .cslib-report img, .cslib-report svg { max-width: 100% !important; height: auto !important; }
  .cslib-report h1, .cslib-report h2, .cslib-report h3 { break-after: avoid;
    page-break-after: avoid; }
  .cslib-report a { color: inherit; text-decoration: none; }
}
"""


class ExternalResourceError(ValueError):
    """The page still needs a file from the network after the CDN scripts were removed."""


@dataclass(frozen=True)
class ReportMeta:
    """What the header of a finished report says.

    Parameters
    ----------
    title_zh, title_en : str
        Report title in both languages; the page shows the one for ``lang``.
    purpose_zh, purpose_en : str
        One line saying what the report is for.
    run_date : date, datetime or str
        When the analysis ran (a ``datetime`` is shown to the minute).
    data_files : sequence of str
        Input files.  Only the file *names* are shown: a path is reduced to its last part,
        so a page never leaks a folder name.
    parameters : mapping
        Key parameters, name → value, shown as ``name = value`` (names, and values that are
        words, in ``<code>`` because they are what a user types after ``-p``).  Lists are
        joined, booleans and ``None`` are written as words.
    lang : {"zh", "en", "zh+en"}
    index_href : str
        Link target of the back-to-index link.
    downloads : sequence of (format, file name)
        Other versions of the report beside it (``("docx", "01_x.docx")``), linked in the
        header (:mod:`cslib.reporting.exports`).
    """

    title_zh: str
    title_en: str
    purpose_zh: str = ""
    purpose_en: str = ""
    run_date: dt.date | str = ""
    data_files: Sequence[str] = ()
    parameters: Mapping[str, object] = field(default_factory=dict)
    lang: Lang = "zh"
    index_href: str = "index.html"
    downloads: Sequence[tuple[str, str]] = ()

    def __post_init__(self) -> None:
        check_lang(self.lang)

    def pick(self, zh: str, en: str) -> str:
        """``zh`` or ``en`` for this report's language (both, Chinese first, for ``zh+en``)."""
        return pick(zh, en, self.lang, sep=" · ")

    @property
    def title(self) -> str:
        return self.pick(self.title_zh, self.title_en)

    @property
    def purpose(self) -> str:
        return self.pick(self.purpose_zh, self.purpose_en)

    @property
    def run_date_text(self) -> str:
        if isinstance(self.run_date, dt.datetime):
            return self.run_date.strftime("%Y-%m-%d %H:%M")
        if isinstance(self.run_date, dt.date):
            return self.run_date.isoformat()
        return str(self.run_date)

    @property
    def file_names(self) -> list[str]:
        """The data files' names without any folder (POSIX or Windows), in the given order."""
        names = []
        for f in self.data_files:
            name = PureWindowsPath(PurePosixPath(str(f)).name).name
            if name and name not in names:
                names.append(name)
        return names


def file_name(path: str | Path) -> str:
    """The last part of a POSIX or Windows path.

    Examples
    --------
    >>> file_name("/tmp/x/ratings.csv"), file_name(r"C:\\data\\ahp.xlsx")
    ('ratings.csv', 'ahp.xlsx')
    """
    return PureWindowsPath(PurePosixPath(str(path)).name).name


def _value_text(value: object, lang: Lang) -> str:
    if value is None:
        return PHRASES("none", lang)
    if isinstance(value, bool):
        return PHRASES("yes" if value else "no", lang)
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, Mapping):
        return list_separator(lang).join(f"{k} {_value_text(v, lang)}" for k, v in value.items())
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value, key=str) if isinstance(value, set | frozenset) else value
        return list_separator(lang).join(_value_text(v, lang) for v in items)
    if isinstance(value, Path):
        return file_name(value)
    return str(value)


def _typed(value: object) -> bool:
    """Whether a parameter value holds words (option values, names): shown in ``<code>``."""
    if isinstance(value, str):
        return True
    if isinstance(value, Mapping):
        return True  # keys are names the user typed
    if isinstance(value, list | tuple | set | frozenset):
        return any(isinstance(v, str) for v in value)
    return False


def _strip_external(soup: BeautifulSoup) -> None:
    """Remove CDN scripts/stylesheets; raise if an external image or frame remains."""
    for script in soup.find_all("script"):
        src = script.get("src")
        kind = str(script.get("type") or "")
        body = script.string or ""
        if (
            (src is not None and (not str(src).strip() or _EXTERNAL.match(str(src))))
            or kind == "text/x-mathjax-config"
            or _CDN_IMPORT.search(body)
            or "cdnjs" in body
        ):
            script.decompose()
    for link in soup.find_all("link"):
        if _EXTERNAL.match(str(link.get("href") or "")):
            link.decompose()
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()  # "Load mathjax" and similar notes about the removed scripts
    left = external_resources(str(soup))
    if left:
        raise ExternalResourceError(
            "the report loads files from the network, so it would break offline: "
            + ", ".join(left[:5])
        )


_REPORT_TEMPLATE = """{%- extends 'lab/index.html.j2' -%}
{% block data_markdown scoped -%}
<div class="jp-RenderedHTMLCommon jp-RenderedMarkdown jp-OutputArea-output {{ extra_class }}" \
data-mime-type="text/markdown">
{{ output.data['text/markdown'] | markdown2html_inert }}
</div>
{%- endblock data_markdown %}
"""
"""The ``lab`` template with Markdown *outputs* rendered by :func:`markdown_output_html`."""


def markdown_output_html(source: str) -> str:
    """HTML of a Markdown output of a report cell, with raw HTML shown as text.

    Markdown that cells print (``display(Markdown(...))``) carries values from data — course
    titles, team and inspector ids — and we never put HTML of our own into it, so a tag in
    it is shown literally instead of being rendered (nbconvert's own filter passes raw HTML
    through), and links to ``javascript:`` and similar addresses are disabled.  Text is
    escaped here once: ``A & B`` reads ``A & B``.  Markdown *cells* (our own prose) keep
    nbconvert's filter.

    Examples
    --------
    >>> markdown_output_html("**A & B** <script>alert(1)</script>")
    '<p><strong>A &amp; B</strong> &lt;script&gt;alert(1)&lt;/script&gt;</p>\\n'
    """
    from nbconvert.filters.markdown_mistune import IPythonRenderer, MarkdownWithMath

    renderer = IPythonRenderer(escape=True, allow_harmful_protocols=False)
    return str(MarkdownWithMath(renderer=renderer).render(source))


def html_exporter(*, show_code: bool = False) -> object:
    """An nbconvert ``HTMLExporter`` configured for reports that work offline.

    ``lab`` template, prompts hidden, code hidden unless ``show_code``, and images that markdown
    cells reference by file embedded as ``data:`` URIs (nbconvert's ``embed_images``), so the
    page needs no file beside it.  The CDN scripts the template still writes are removed by
    :func:`finish_html`.
    """
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name="lab",
        extra_loaders=[DictLoader({"cslib_report.html.j2": _REPORT_TEMPLATE})],
        template_file="cslib_report.html.j2",
    )
    exporter.register_filter("markdown2html_inert", markdown_output_html)
    exporter.exclude_input = not show_code
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    exporter.embed_images = True
    return exporter


def external_resources(html: str) -> list[str]:
    """Addresses the page would load from the network (scripts, stylesheets, images, frames).

    Ordinary links (``<a href>``) are not resources and are not listed.

    Examples
    --------
    >>> external_resources('<script src="https://cdn.x/a.js"></script><a href="https://y">y</a>')
    ['https://cdn.x/a.js']
    """
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for tag, attr in (
        ("script", "src"),
        ("link", "href"),
        ("img", "src"),
        ("iframe", "src"),
        ("source", "src"),
    ):
        for el in soup.find_all(tag):
            value = str(el.get(attr) or "")
            if _EXTERNAL.match(value):
                found.append(value)
    for script in soup.find_all("script"):
        found += [m.group(0) for m in re.finditer(r"import\(\s*[\"'][^\"']+", script.text or "")]
    for style in soup.find_all("style"):
        found += re.findall(r"@import\s+url\(\s*[\"']?(?:https?:)?//[^)\"']+", style.text or "")
    return found


def _heading_text(tag: Tag) -> str:
    return " ".join(
        s.strip()
        for s in tag.find_all(string=True)
        if s.strip() and s.strip() != "¶" and not _in_anchor_link(s)
    )


def _in_anchor_link(node: object) -> bool:
    parent = getattr(node, "parent", None)
    return parent is not None and "anchor-link" in (parent.get("class") or [])


def _slug(text: str, taken: set[str]) -> str:
    base = re.sub(r"[^\w\-]+", "-", text, flags=re.UNICODE).strip("-") or "section"
    slug, k = base, 2
    while slug in taken:
        slug, k = f"{base}-{k}", k + 1
    taken.add(slug)
    return slug


def _contents(soup: BeautifulSoup, body: Tag, lang: Lang) -> Tag | None:
    """The nested contents list of the body's h2/h3 headings (ids added where missing)."""
    taken = {str(t["id"]) for t in soup.find_all(id=True)}
    headings = [h for h in body.find_all(["h2", "h3"]) if not h.find_parent(class_="cslib-header")]
    if not headings:
        return None
    nav = soup.new_tag("nav", attrs={"class": "cslib-toc"})
    title = soup.new_tag("p", attrs={"class": "cslib-toc-title"})
    title.string = PHRASES("contents", lang)
    nav.append(title)
    top = soup.new_tag("ol")
    nav.append(top)
    current_sub: Tag | None = None
    last_item: Tag | None = None
    for h in headings:
        text = _heading_text(h)
        if not text:
            continue
        if not h.get("id"):
            h["id"] = _slug(text, taken)
        item = soup.new_tag("li")
        link = soup.new_tag("a", href=f"#{h['id']}")
        link.string = text
        item.append(link)
        if h.name == "h2" or last_item is None:
            top.append(item)
            last_item, current_sub = item, None
        else:
            if current_sub is None:
                current_sub = soup.new_tag("ol")
                last_item.append(current_sub)
            current_sub.append(item)
    return nav


def finish_html(html: str, meta: ReportMeta) -> str:
    """Return the finished page for an nbconvert HTML export.

    Parameters
    ----------
    html : str
        An nbconvert HTML export (any template; ``lab`` is what the runner uses).
    meta : ReportMeta
        Title, purpose, run date, data files, key parameters and language.

    Returns
    -------
    str
        The page with a real ``<title>``, header line, contents list, back-to-index link,
        screen and A4 print CSS, and no external scripts.  Finishing a finished page
        replaces the previous header instead of adding a second one.

    Raises
    ------
    ExternalResourceError
        An image, frame or stylesheet is still loaded from the network.

    Examples
    --------
    >>> page = finish_html(
    ...     "<html><head><title>Notebook</title>"
    ...     '<script src="https://cdnjs.cloudflare.com/require.js"></script></head>'
    ...     "<body><h1>Delphi</h1><h2 id='s'>摘要</h2><p>x</p><h2>细节</h2></body></html>",
    ...     ReportMeta("德尔菲权重", "Delphi weights", run_date="2026-11-23",
    ...                data_files=["/tmp/a/ratings.csv"], parameters={"n_boot": 500}),
    ... )
    >>> "<title>德尔菲权重</title>" in page, "cdnjs" in page, "/tmp/a" in page
    (True, False, False)
    >>> 'href="#s"' in page and "ratings.csv" in page and "运行日期：2026-11-23" in page
    True
    """
    lang = check_lang(meta.lang)
    soup = BeautifulSoup(html, "html.parser")
    _strip_external(soup)
    html_tag = soup.find("html")
    if not isinstance(html_tag, Tag):
        html_tag = soup.new_tag("html")
        for child in list(soup.contents):
            html_tag.append(child.extract())
        soup.append(html_tag)
    html_tag["lang"] = html_lang(lang)
    head = soup.find("head")
    if not isinstance(head, Tag):
        head = soup.new_tag("head")
        html_tag.insert(0, head)
    body = soup.find("body")
    if not isinstance(body, Tag):
        body = soup.new_tag("body")
        for child in [c for c in html_tag.contents if c is not head]:
            body.append(child.extract())
        html_tag.append(body)

    # a finished page is finished again from scratch
    for old in soup.select(".cslib-header, style.cslib-style, meta[name^='cslib-']"):
        old.decompose()
    if head.find("meta", charset=True) is None:
        head.insert(0, soup.new_tag("meta", charset="utf-8"))
    title = head.find("title")
    if not isinstance(title, Tag):
        title = soup.new_tag("title")
        head.append(title)
    title.string = meta.title
    for key, content in (
        ("cslib-title", meta.title),
        ("cslib-purpose", meta.purpose),
        ("cslib-run-date", meta.run_date_text),
        ("cslib-lang", lang),
    ):
        head.append(soup.new_tag("meta", attrs={"name": key, "content": content}))
    from cslib.reporting.numbering import CSS as NUMBERING_CSS
    from cslib.reporting.numbering import number_report

    style = soup.new_tag("style", attrs={"class": "cslib-style"})
    style.string = CSS + NUMBERING_CSS
    head.append(style)
    body["class"] = " ".join(sorted({*(body.get("class") or []), "cslib-report"}))
    for table in body.find_all("table"):
        first_row = table.find("tr")
        n_columns = len(first_row.find_all(["th", "td"])) if first_row is not None else 0
        extra = {"cslib-wide"} if n_columns > _WIDE_TABLE_COLUMNS else set()
        if n_columns > _VERY_WIDE_TABLE_COLUMNS:
            extra.add("cslib-very-wide")
        if extra:
            table["class"] = " ".join(sorted({*(table.get("class") or []), *extra}))

    header = soup.new_tag("header", attrs={"class": "cslib-header"})
    back = soup.new_tag("a", href=meta.index_href, attrs={"class": "cslib-back"})
    back.string = PHRASES("back", lang)
    header.append(back)
    h1 = body.find("h1")
    if not isinstance(h1, Tag):  # the notebook has no title heading: the page gets one
        h1 = soup.new_tag("h1")
        h1.string = meta.title
        header.append(h1)
    line = soup.new_tag("p", attrs={"class": "cslib-meta"})
    parts: list[str | Tag] = []
    if meta.run_date_text:
        parts.append(PHRASES("run_date", lang, date=meta.run_date_text))
    if meta.file_names:
        parts.append(PHRASES("data_files", lang, files=list_separator(lang).join(meta.file_names)))
    if meta.parameters:
        span = soup.new_tag("span")
        span.append(PHRASES("parameters", lang))
        for k, (name, value) in enumerate(meta.parameters.items()):
            if k:
                span.append(list_separator(lang))
            code = soup.new_tag("code")
            code.string = str(name)
            span.append(code)
            span.append(" = ")
            text = _value_text(value, lang)
            if _typed(value):  # a word the user types after -p: shown as typed, like the name
                typed = soup.new_tag("code")
                typed.string = text
                span.append(typed)
            else:
                span.append(text)
        parts.append(span)
    for k, part in enumerate(parts):
        if k:
            line.append(" · ")
        line.append(part)
    if parts:
        header.append(line)
    if meta.downloads:
        from cslib.reporting.exports import PHRASES as EXPORT_PHRASES

        links = soup.new_tag("p", attrs={"class": "cslib-downloads"})
        links.append(PHRASES("downloads", lang))
        for k, (fmt, name) in enumerate(meta.downloads):
            if k:
                links.append(" · ")
            a = soup.new_tag("a", href=file_name(name))
            a.string = EXPORT_PHRASES(fmt, lang)
            links.append(a)
        header.append(links)
    if meta.purpose:
        purpose = soup.new_tag("p", attrs={"class": "cslib-purpose"})
        purpose.string = meta.purpose
        header.append(purpose)
    number_report(soup, lang)  # numbered tables and figures, their captions, notes, references
    toc = _contents(soup, body, lang)
    if toc is not None:
        header.append(toc)

    if h1.parent is not None and h1.find_parent("header") is None:
        # keep the notebook's own title first, then the header block right after it
        h1.insert_after(header)
        back.extract()
        h1.insert_before(back)
        back["class"] = "cslib-back cslib-header"
    else:
        body.insert(0, header)
    return str(soup)


REPORTS: dict[str, tuple[tuple[str, str], tuple[str, str], tuple[str, ...]]] = {
    "01_delphi_weights": (
        ("德尔菲专家咨询与指标权重", "Delphi consultation and indicator weights"),
        (
            "专家意见是否一致、哪些指标保留、各指标的权重是多少。",
            "Whether the expert panel agrees, which indicators to keep and how much each weighs.",
        ),
        ("weight_method", "min_mean", "max_cv", "n_boot", "alpha"),
    ),
    "02_consistency_checks": (
        ("一致性检验", "Consistency checks"),
        (
            "层次分析法判断、质检员评分和评分方案是否前后一致。",
            "Whether AHP judgements, QA inspectors' scores and scoring schemes are consistent.",
        ),
        ("cr_threshold", "priority_method", "aggregation", "pass_mark"),
    ),
    "03_microcourse_effectiveness": (
        ("微课培训效果评估", "Micro-course effectiveness"),
        (
            "课程在满意度、学习、行为和业务结果四个层次上是否有效。",
            "Whether the courses worked on reaction, learning, behaviour and results.",
        ),
        ("alpha", "correction", "power", "target_gain"),
    ),
    "04_training_needs": (
        ("培训需求分析与培训计划", "Training needs and plan"),
        (
            "坐席与岗位目标的差距、优先培训需求和各班组的课程计划。",
            "Gaps to the post's target, the priority needs and each team's course plan.",
        ),
        (
            "weight_source",
            "source_weights",
            "missing_rule",
            "post",
            "top_k",
            "max_courses_per_team",
        ),
    ),
    "05_qa_monitoring": (
        ("质检抽样设计", "QA monitoring design"),
        (
            "每名坐席每月需要评多少通录音、下月抽检计划、质检员轮换与宽严度漂移。",
            "How many calls to score per agent, next month's monitoring plan, inspector "
            "rotation and drift.",
        ),
        (
            "target_reliability",
            "target_half_width",
            "pass_mark",
            "inspector_capacity",
            "random_share",
            "drift_threshold",
        ),
    ),
    "06_training_roi": (
        ("培训投资回报", "Training return on investment"),
        (
            "每门课程的收益是否超过全口径成本：效益成本比、ROI 及其区间、保本效果与敏感性。",
            "Whether each course's benefits exceed its fully loaded costs: benefit-cost ratio, "
            "ROI with its interval, break-even effects and sensitivity.",
        ),
        ("horizon_weeks", "decay", "confidence_level", "n_draws"),
    ),
}
"""Notebook stem → ((title zh, en), (purpose zh, en), key parameter names)."""


def report_meta(
    stem: str,
    parameters: Mapping[str, object],
    *,
    run_date: dt.date | str,
    lang: str | None = None,
) -> ReportMeta:
    """The :class:`ReportMeta` of a notebook run, from its stem and the parameters it ran with.

    Data files are the values of parameters named ``*_path`` / ``*_paths`` (names only, empty
    values skipped); the key parameters are the ones listed in :data:`REPORTS` for that
    notebook.  ``lang`` defaults to the run's ``lang`` parameter (else ``zh``).  An unknown stem
    gets its stem as title and no purpose.

    Examples
    --------
    >>> m = report_meta("04_training_needs", {"lang": "en", "ratings_path": "/d/r.csv",
    ...                 "courses_path": "", "top_k": 2, "salt": "x"}, run_date="2026-11-23")
    >>> m.title, m.file_names, dict(m.parameters)
    ('Training needs and plan', ['r.csv'], {'top_k': 2})
    """
    title, purpose, keys = REPORTS.get(stem, ((stem, stem), ("", ""), ()))
    files: list[str] = []
    for name, value in parameters.items():
        if name.endswith("_path") and value:
            files.append(str(value))
        elif name.endswith("_paths") and isinstance(value, list | tuple):
            files += [str(v) for v in value if v]
    chosen = lang if lang is not None else str(parameters.get("lang", "zh"))
    return ReportMeta(
        title[0],
        title[1],
        purpose[0],
        purpose[1],
        run_date=run_date,
        data_files=tuple(files),
        parameters={k: parameters[k] for k in keys if k in parameters},
        lang=check_lang(chosen),
    )


def run_parameters(notebook: str | Path, overrides: Mapping[str, object]) -> dict[str, object]:
    """The parameters a notebook ran with: its ``parameters`` cell defaults, then ``overrides``.

    papermill reports defaults as source text (``'"data/x.csv"'``, ``'0.05'``); they are read
    as Python literals (:func:`ast.literal_eval`), and kept as text when they are not literals.
    """
    import ast

    import papermill as pm

    values: dict[str, object] = {}
    for name, spec in pm.inspect_notebook(str(notebook)).items():
        source = str(spec["default"])
        try:
            values[name] = ast.literal_eval(source)
        except (ValueError, SyntaxError):
            values[name] = source
    values.update(overrides)
    return values


def finish_report(html_path: str | Path, meta: ReportMeta) -> Path:
    """Finish the HTML report at ``html_path`` in place (written atomically)."""
    html_path = Path(html_path)
    page = finish_html(html_path.read_text(encoding="utf-8"), meta)
    with atomic_path(html_path) as tmp:
        tmp.write_text(page, encoding="utf-8")
    return html_path
