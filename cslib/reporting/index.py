"""The reports index page: one card per report, rebuilt from what is on disk.

:func:`write_index` scans an output folder and writes ``index.html`` with one card per report
(``NN_*.html``): its title, one-line purpose and run date (read from the ``cslib-…`` meta tags
that :func:`cslib.reporting.html.finish_html` writes; the page title and file date otherwise),
the headline finding the notebook recorded with
``cslib.reporting.records.record("headline", ...)`` (read back from the executed notebook
beside the report), and a link to every output file written beside the report.

Which files belong to which report: files whose name (or top folder) starts with the
report's number (``03_course_verdicts.csv``, ``02_consistency_checks/ahp.png`` → report 03, 02)
and files the notebook lists in a recorded
``"outputs"`` value (a list of file names).  Every other output file is listed under
"Other files", so nothing written is left out.  Hidden files and folders (names starting with
``.``, such as the runner's staging folders) are never listed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

from cslib.core.i18n import Lang, Phrases, check_lang, html_lang, pick
from cslib.core.io import atomic_path
from cslib.reporting.private import PHRASES as PRIVATE_PHRASES
from cslib.reporting.private import is_private

OUTPUT_SUFFIXES = (".html", ".docx", ".xlsx", ".csv", ".md", ".png", ".pdf", ".zip")
"""File types the index links to (notebooks ``.ipynb`` are for re-running, not reading)."""

_REPORT = re.compile(r"^(\d\d)_.+\.html$")

PHRASES = Phrases(
    {
        "page_title": ("分析报告目录", "Analysis reports"),
        "intro": (
            "每张卡片是一份报告：先看“主要发现”，再点开报告阅读细节；报告旁生成的文件都列在卡片下方。",
            "Each card is one report: read the headline, then open the report for the details; "
            "every file written beside the report is listed under it.",
        ),
        "headline": ("主要发现", "Headline"),
        "no_headline": (
            "（该报告未记录主要发现，请打开报告阅读摘要。）",
            "(This report recorded no headline; open it and read its summary.)",
        ),
        "run_date": ("运行日期：{date}", "Run date: {date}"),
        "open": ("打开报告", "Open the report"),
        "files": ("文件", "Files"),
        "other_files": ("其他文件", "Other files"),
        "no_reports": (
            "此文件夹中还没有报告。运行 python -m cslib run 生成报告。",
            "No reports in this folder yet. Run python -m cslib run to produce them.",
        ),
        "updated": ("目录更新于 {date}", "Index updated {date}"),
    }
)

_KIND = Phrases(
    {
        ".html": ("网页", "web page"),
        ".docx": ("Word 文档", "Word document"),
        ".xlsx": ("Excel 工作簿", "Excel workbook"),
        ".csv": ("CSV 表格", "CSV table"),
        ".md": ("文字摘要", "text summary"),
        ".png": ("图片", "image"),
        ".pdf": ("PDF", "PDF"),
        ".zip": ("压缩包", "zip archive"),
    }
)

CSS = """
body { font-family: system-ui, "Noto Sans CJK SC", "Microsoft YaHei", sans-serif;
  max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1f2328; line-height: 1.5; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(26rem, 1fr));
  gap: 1rem; }
.card { border: 1px solid #d0d7de; border-radius: 8px; padding: 1rem 1.2rem; }
.card h2 { font-size: 1.2rem; margin: 0 0 0.3rem; }
.card .purpose { color: #444; margin: 0.2rem 0; }
.card .headline { background: #f6f8fa; border-left: 4px solid #0969da; padding: 0.4rem 0.7rem;
  margin: 0.6rem 0; }
.card .date { color: #57606a; font-size: 0.9rem; }
.card ul, .other ul { margin: 0.3rem 0; padding-left: 1.2rem; }
.kind { color: #57606a; font-size: 0.85rem; }
.card li, .other li { overflow-wrap: anywhere; }
@media print { .cards { display: block; } .card { break-inside: avoid; margin-bottom: 1rem; } }
"""


@dataclass(frozen=True)
class ReportCard:
    """What the index shows for one report."""

    page: str
    title: str
    purpose: str
    run_date: str
    headline: str | None
    files: tuple[str, ...] = field(default_factory=tuple)


def _meta(html: str) -> dict[str, str]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    found = {
        str(tag["name"]): str(tag.get("content") or "")
        for tag in soup.find_all("meta", attrs={"name": re.compile(r"^cslib-")})
    }
    if "cslib-title" not in found:
        h1 = soup.find("h1")
        title = soup.title.string if soup.title and soup.title.string else ""
        if (not title or title == "Notebook") and h1 is not None:
            title = h1.get_text(" ", strip=True).replace("¶", "").strip()
        found["cslib-title"] = title
    return found


def _pick(value: Any, lang: Lang) -> str | None:
    """A recorded headline: a string, or ``{"zh": …, "en": …}`` picked by language."""
    if value is None:
        return None
    if isinstance(value, dict):
        zh, en = str(value.get("zh") or ""), str(value.get("en") or "")
        return pick(zh, en, lang) or zh or en or None  # a missing side: the other one
    text = str(value).strip()
    return text or None


_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(.+)$", re.MULTILINE)
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_MARK = re.compile(r"\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)|`")


def headline(summary: str | Sequence[str]) -> str:
    """The headline of a report: the first finding of its summary, as plain text.

    ``summary`` is the summary's list of findings or its Markdown (the first bulleted or
    numbered item is taken); Markdown emphasis, code marks and links are reduced to their text,
    because the index card shows the headline as plain text.

    Examples
    --------
    >>> headline("**Findings**\\n\\n1. **3 of 12** experts were *inconsistent*.\\n2. More.")
    '3 of 12 experts were inconsistent.'
    >>> headline(["Panel agrees (W = 0.41)", "Second finding"])
    'Panel agrees (W = 0.41)'
    """
    if isinstance(summary, str):
        m = _LIST_ITEM.search(summary)
        text = m.group(1) if m else summary.strip().split("\n", 1)[0]
    else:
        text = next((str(s) for s in summary if str(s).strip()), "")
    text = _MD_LINK.sub(r"\1", text)
    return re.sub(r"\s+", " ", _MD_MARK.sub("", text)).strip()


def _other_output_folders(output_dir: Path) -> list[Path]:
    """Sub-folders that are output folders of their own (an index or a manifest inside)."""
    return [
        folder.relative_to(output_dir)
        for folder in sorted(output_dir.rglob("*"))
        if folder.is_dir()
        and ((folder / "index.html").is_file() or (folder / "cslib-manifest.json").is_file())
    ]


def _outputs(output_dir: Path) -> list[Path]:
    """Every output file under ``output_dir`` (relative paths), hidden files and folders left out.

    Files of another output folder inside this one (a sub-folder with its own index or
    manifest) and files no run wrote (``README.md`` of the repository's ``reports/``) are
    not outputs of this folder.
    """
    found = []
    others = _other_output_folders(output_dir)
    manifest = _manifest(output_dir)
    for path in sorted(output_dir.rglob("*")):
        rel = path.relative_to(output_dir)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if any(rel.is_relative_to(o) for o in others):
            continue
        if rel.name.lower() == "readme.md" and rel.as_posix() not in manifest:
            continue
        if path.is_file() and path.suffix.lower() in OUTPUT_SUFFIXES and rel.name != "index.html":
            found.append(rel)
    return found


def _manifest(output_dir: Path) -> dict[str, Any]:
    """The runner's ``cslib-manifest.json`` (file → the run that made it), or ``{}``."""
    import json

    try:
        data = json.loads((output_dir / "cslib-manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def collect_cards(
    output_dir: str | Path, lang: Lang | str = "zh"
) -> tuple[list[ReportCard], list[str]]:
    """The report cards and the output files that belong to no report, from ``output_dir``."""
    from cslib.reporting.records import read_records

    lang = check_lang(lang)
    output_dir = Path(output_dir)
    outputs = _outputs(output_dir)
    manifest = _manifest(output_dir)
    reports = [p for p in outputs if len(p.parts) == 1 and _REPORT.match(p.name)]
    claimed: set[Path] = set(reports)
    cards = []
    for page in reports:
        html = (output_dir / page).read_text(encoding="utf-8")
        meta = _meta(html)
        number = page.name[:2]
        executed = output_dir / f"{page.stem}.ipynb"
        records = read_records(executed) if executed.is_file() else {}
        listed = {str(x) for x in records.get("outputs", []) or []}
        # the manifest says which notebook made each file: its whole folder goes with it
        listed |= {
            key
            for key, entry in manifest.items()
            if isinstance(entry, dict) and entry.get("notebook") == page.stem
        }
        files = [
            p
            for p in outputs
            if p != page
            and (
                p.parts[0].startswith(f"{number}_")
                or (is_private(p) and p.parts[1].startswith(f"{number}_"))
                or p.name.startswith(f"{number}_")
                or p.as_posix() in listed
                or p.name in listed
            )
        ]
        claimed.update(files)
        run_date = (
            meta.get("cslib-run-date")
            or dt.date.fromtimestamp((output_dir / page).stat().st_mtime).isoformat()
        )
        cards.append(
            ReportCard(
                page=page.name,
                title=meta.get("cslib-title") or page.stem,
                purpose=meta.get("cslib-purpose", ""),
                run_date=run_date,
                headline=_pick(records.get("headline"), lang),
                files=tuple(str(p.as_posix()) for p in files),
            )
        )
    others = [p.as_posix() for p in outputs if p not in claimed]
    return cards, others


def _file_item(name: str, lang: Lang) -> str:
    suffix = Path(name).suffix.lower()
    kind = _KIND(suffix, lang) if suffix in _KIND else ""
    if is_private(name):  # named, never linked: real ids go only to who needs them
        note = PRIVATE_PHRASES("index_note", lang)
        return f'<li>{escape(name)} <span class="kind">{escape(note)}</span></li>'
    return (
        f'<li><a href="{escape(name)}">{escape(name)}</a>'
        + (f' <span class="kind">{escape(kind)}</span>' if kind else "")
        + "</li>"
    )


def render_index(
    cards: list[ReportCard], others: list[str], lang: Lang | str = "zh", *, updated: str = ""
) -> str:
    """The index page for ``cards`` (pure; :func:`write_index` reads the folder and writes it)."""
    lang = check_lang(lang)
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{html_lang(lang)}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(PHRASES('page_title', lang))}</title><style>{CSS}</style></head><body>",
        f"<h1>{escape(PHRASES('page_title', lang))}</h1>",
        f"<p>{escape(PHRASES('intro', lang))}</p>",
    ]
    if updated:
        parts.append(f'<p class="date">{escape(PHRASES("updated", lang, date=updated))}</p>')
    if not cards:
        parts.append(f"<p>{escape(PHRASES('no_reports', lang))}</p>")
    parts.append('<div class="cards">')
    for card in cards:
        headline = card.headline or PHRASES("no_headline", lang)
        parts += [
            '<section class="card">',
            f'<h2><a href="{escape(card.page)}">{escape(card.title)}</a></h2>',
            f'<p class="purpose">{escape(card.purpose)}</p>' if card.purpose else "",
            f'<p class="headline"><strong>{escape(PHRASES("headline", lang))}</strong> '
            f"{escape(headline)}</p>",
            f'<p class="date">{escape(PHRASES("run_date", lang, date=card.run_date))}</p>',
            f'<p><a href="{escape(card.page)}">{escape(PHRASES("open", lang))}</a></p>',
        ]
        if card.files:
            parts.append(f"<p>{escape(PHRASES('files', lang))}</p><ul>")
            parts += [_file_item(name, lang) for name in card.files]
            parts.append("</ul>")
        parts.append("</section>")
    parts.append("</div>")
    if others:
        parts.append(f'<section class="other"><h2>{escape(PHRASES("other_files", lang))}</h2><ul>')
        parts += [_file_item(name, lang) for name in others]
        parts.append("</ul></section>")
    parts.append("</body></html>")
    return "\n".join(p for p in parts if p)


def write_index(output_dir: str | Path, lang: Lang | str = "zh") -> Path:
    """Rebuild ``output_dir/index.html`` from the reports and files on disk (atomically).

    Parameters
    ----------
    output_dir : str or Path
        The reports folder.
    lang : {"zh", "en", "zh+en"}
        Language of the page's own text (titles and headlines come from the reports).

    Returns
    -------
    Path
        The index page.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "01_delphi.html").write_text("<title>Delphi</title>", encoding="utf-8")
    >>> _ = (folder / "01_weights.csv").write_text("a\\n1\\n", encoding="utf-8")
    >>> page = write_index(folder, "en").read_text(encoding="utf-8")
    >>> '<a href="01_weights.csv">01_weights.csv</a>' in page, "<h2><a href=\\"01_delphi.html\\">Delphi" in page
    (True, True)
    """
    lang = check_lang(lang)
    output_dir = Path(output_dir)
    cards, others = collect_cards(output_dir, lang)
    page = render_index(cards, others, lang, updated=dt.date.today().isoformat())
    target = output_dir / "index.html"
    if target.exists() and target.read_text(encoding="utf-8") == page:
        return target  # unchanged: leave the folder byte-identical
    with atomic_path(target) as tmp:
        tmp.write_text(page, encoding="utf-8")
    return target


def finish_reports(output_dir: str | Path, lang: Lang | str | None = None) -> Path:
    """Finish every report page in ``output_dir`` and rebuild the index; return the index.

    For each ``NN_*.html`` with its executed notebook beside it, the parameters the run used
    (the notebook's defaults overridden by what papermill injected) give the page's data files
    and key parameters, papermill's start time gives the run date, and
    :func:`cslib.reporting.html.finish_report` rewrites the page.  ``lang`` (default: the
    language most reports used) is the index page's language.
    """
    import nbformat

    from cslib.reporting.html import finish_report, report_meta, run_parameters

    output_dir = Path(output_dir)
    used: list[str] = []
    for page in sorted(output_dir.glob("[0-9][0-9]_*.html")):
        executed = page.with_suffix(".ipynb")
        if not executed.is_file():
            continue
        nb = nbformat.read(str(executed), as_version=4)
        papermill = nb.metadata.get("papermill", {})
        params = run_parameters(executed, dict(papermill.get("parameters", {}) or {}))
        started = str(papermill.get("start_time") or "")
        try:
            run_date: dt.date | str = dt.datetime.fromisoformat(started).replace(tzinfo=None)
        except ValueError:
            run_date = dt.date.fromtimestamp(page.stat().st_mtime)
        meta = report_meta(page.stem, params, run_date=run_date)
        from cslib.reporting.exports import downloads_beside

        meta = dataclasses.replace(meta, downloads=downloads_beside(page))
        record = _manifest(output_dir).get(page.name)
        if isinstance(record, dict) and "inputs" in record:
            # the provenance lines name every input with rows and hash: no short file list
            key_parameters = dict(meta.parameters)
            meta = dataclasses.replace(meta, data_files=(), parameters={})
        finish_report(page, meta)
        if isinstance(record, dict) and "inputs" in record:
            from cslib.core.io import atomic_path
            from cslib.reporting.provenance import add_provenance

            text = add_provenance(
                page.read_text(encoding="utf-8"),
                record,
                meta.lang,
                stem=page.stem,
                key_parameters=key_parameters,
            )
            with atomic_path(page) as tmp:
                tmp.write_text(text, encoding="utf-8")
        used.append(meta.lang)
    chosen = lang if lang is not None else max(set(used), key=used.count) if used else "zh"
    return write_index(output_dir, chosen)
