"""The other formats of a report, made from its finished HTML page in the same run.

:func:`write_exports` finishes a copy of the exported page (header, numbering; as
:func:`cslib.reporting.index.finish_reports` will finish the published one) and writes from it
the Word version (:mod:`cslib.reporting.docx`) and the results workbook
(:mod:`cslib.reporting.workbook`).  The runner calls it in the staging folder, so the files are
published, recorded in the manifest and protected from silent replacement like every other
output of the run.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from cslib.core.i18n import Phrases

FORMATS = ("html", "docx", "xlsx")
"""Every report format: the HTML page (always written; the others are made from it), the Word
document and the results workbook."""

DEFAULT_FORMATS = FORMATS

PHRASES = Phrases(
    {
        "docx": ("Word 版", "Word version"),
        "xlsx": ("全部表格（Excel）", "All tables (Excel)"),
    }
)


def parse_formats(text: str | Iterable[str]) -> tuple[str, ...]:
    """``"html,docx"`` → ``("html", "docx")``; ``html`` is always included.

    Raises
    ------
    ValueError
        A format that is not one of :data:`FORMATS`, naming it and the choices.

    Examples
    --------
    >>> parse_formats("docx"), parse_formats("html, xlsx")
    (('html', 'docx'), ('html', 'xlsx'))
    """
    items = [t.strip().lower() for t in (text.split(",") if isinstance(text, str) else text)]
    items = [t for t in items if t]
    unknown = [t for t in items if t not in FORMATS]
    if unknown:
        raise ValueError(
            f"parameter '--format': expected a comma-separated list of {', '.join(FORMATS)}; "
            f"found {', '.join(unknown)}"
        )
    return tuple(f for f in FORMATS if f == "html" or f in items)


def export_names(stem: str, formats: Iterable[str]) -> dict[str, str]:
    """File name of each non-HTML format of the report ``stem``.

    Examples
    --------
    >>> export_names("01_delphi_weights", ("html", "docx", "xlsx"))
    {'docx': '01_delphi_weights.docx', 'xlsx': '01_delphi_weights_tables.xlsx'}
    """
    from cslib.reporting.workbook import workbook_name

    names = {"docx": f"{stem}.docx", "xlsx": workbook_name(stem)}
    return {f: names[f] for f in FORMATS if f in formats and f in names}


def downloads_beside(page: Path) -> tuple[tuple[str, str], ...]:
    """(format, file name) of the Word version and workbook that exist beside ``page``."""
    return tuple(
        (fmt, name)
        for fmt, name in export_names(page.stem, FORMATS).items()
        if (page.parent / name).is_file()
    )


def run_meta(executed: Path, stem: str, overrides: Mapping[str, Any] | None = None) -> Any:
    """The :class:`~cslib.reporting.html.ReportMeta` of an executed notebook.

    The parameters the run used (the notebook's defaults overridden by what papermill
    injected, then by ``overrides``) and papermill's start time as the run date — the same
    header :func:`cslib.reporting.index.finish_reports` gives the published page.
    """
    import nbformat

    from cslib.reporting.html import report_meta, run_parameters

    nb = nbformat.read(str(executed), as_version=4)
    papermill = nb.metadata.get("papermill", {})
    injected = dict(papermill.get("parameters", {}) or {})
    injected.update(overrides or {})
    params = run_parameters(executed, injected)
    started = str(papermill.get("start_time") or "")
    try:
        run_date: dt.date | str = dt.datetime.fromisoformat(started).replace(tzinfo=None)
    except ValueError:
        run_date = dt.date.today()
    return report_meta(stem, params, run_date=run_date)


def write_exports(
    executed: Path,
    html_path: Path,
    folder: Path,
    formats: Iterable[str],
    *,
    stem: str | None = None,
) -> list[Path]:
    """Write the Word version and/or results workbook of a report into ``folder``.

    Parameters
    ----------
    executed : Path
        The executed notebook (for the run's parameters and date).
    html_path : Path
        Its exported HTML page (finished or not; it is finished here in memory).
    folder : Path
        Where to write (the runner's staging folder of files to publish).
    formats : iterable of str
        Which of ``docx`` and ``xlsx`` to write (``html`` is ignored: it exists already).
    stem : str, optional
        Report name (default: the page's stem).

    Returns
    -------
    list of Path
        The files written.
    """
    from dataclasses import replace

    from cslib.core.io import atomic_path
    from cslib.reporting.docx import build_docx
    from cslib.reporting.html import finish_html
    from cslib.reporting.workbook import build_workbook

    stem = stem or html_path.stem
    names = export_names(stem, formats)
    if not names:
        return []
    meta = replace(run_meta(executed, stem), downloads=tuple(names.items()))
    page = finish_html(html_path.read_text(encoding="utf-8"), meta)
    written = []
    if "docx" in names:
        doc = build_docx(page, meta.lang)
        with atomic_path(folder / names["docx"]) as tmp:
            doc.save(str(tmp))
        written.append(folder / names["docx"])
    if "xlsx" in names:
        wb = build_workbook(page, meta.lang)
        with atomic_path(folder / names["xlsx"]) as tmp:
            wb.save(str(tmp))
        written.append(folder / names["xlsx"])
    return written
