"""Report hygiene over the real reports: no developer output in any generated HTML page.

Reads every notebook's run on the sample data in Chinese and in English (made once per test
session and shared with the notebook regression, see ``report_runs.py``), then checks each HTML page with
:func:`cslib.reporting.hygiene.check_report`: paths, warnings, tracebacks, ``None``, ``nan``,
object reprs, Python literals, internal identifiers, ``0.000`` p-values, a first section that
is not the summary, and the other language's script.

The test runs in every ``make test``.  Set ``CSLIB_HYGIENE_REPORTS=<folder>`` to check an existing reports folder
instead (its pages' languages are read from the ``cslib-lang`` meta tag the report shell
writes, default ``zh``).

Words from the input data are data, not developer output: the Latin words in the sample
course catalogue's Chinese titles and series (such as the course name "MOT服务技巧") are
allowed in Chinese reports, and nothing else is.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from report_runs import LANGS, NOTEBOOKS, ReportRuns, group

from cslib.reporting.hygiene import check_report

ROOT = Path(__file__).resolve().parents[1]

COURSES = ROOT / "data_samples" / "courses.csv"


def _catalogue_latin() -> frozenset[str]:
    """Latin words in the Chinese course titles and series of the sample catalogue (data)."""
    import csv
    import re

    words: set[str] = set()
    with COURSES.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            text = f"{row['title_zh']} {row['series']}"
            words |= set(re.findall(r"[A-Za-z][A-Za-z'\-]+", text))
    return frozenset(words)


DATA_LATIN = _catalogue_latin()


def _page_lang(html: str) -> str:
    from bs4 import BeautifulSoup

    tag = BeautifulSoup(html, "html.parser").find("meta", attrs={"name": "cslib-lang"})
    return str(tag["content"]) if tag is not None else "zh"


class _Reports:
    """HTML pages by (lang, page name): this session's shared runs, or an existing folder."""

    def __init__(self, runs: ReportRuns, existing: str | None) -> None:
        self.runs, self.pages = runs, {}
        self.existing = existing
        if existing:
            for page in sorted(Path(existing).glob("*.html")):
                self.pages[(_page_lang(page.read_text(encoding="utf-8")), page.name)] = page

    def get(self, lang: str, notebook: Path) -> Path | None:
        if self.existing:
            return self.pages.get((lang, f"{notebook.stem}.html"))
        return self.runs.get(notebook, lang).html


@pytest.fixture(scope="session")
def reports(report_runs) -> _Reports:
    return _Reports(report_runs, os.environ.get("CSLIB_HYGIENE_REPORTS"))


@pytest.mark.parametrize(
    ("notebook", "lang"),
    [
        pytest.param(
            nb, lang, marks=pytest.mark.xdist_group(group(nb, lang)), id=f"{nb.stem}-{lang}"
        )
        for nb in NOTEBOOKS
        for lang in LANGS
    ],
)
def test_report_has_no_developer_leaks(reports, notebook, lang):
    page = reports.get(lang, notebook)
    if page is None:
        pytest.skip(f"no {lang} page for {notebook.stem} in the checked folder")
    leaks = check_report(page.read_text(encoding="utf-8"), lang, allow_latin=DATA_LATIN)
    assert not leaks, f"{page.name} ({lang}), leaks found: {len(leaks)}\n" + "\n".join(
        leak.describe() for leak in leaks[:40]
    )


@pytest.mark.parametrize("lang", LANGS)
def test_index_page_has_no_developer_leaks(reports, lang, tmp_path):
    """The index (rebuilt from the reports of this session) is held to the same rules; it is
    not a report, so it has no summary section.  Every card shows the headline its notebook
    recorded."""
    from cslib.reporting.index import write_index

    pages = [reports.get(lang, nb) for nb in NOTEBOOKS]
    pages = [p for p in pages if p is not None]
    if not pages:
        pytest.skip(f"no {lang} reports")
    folder = pages[0].parent
    if not reports.existing:  # one reports folder, as the command line leaves it
        folder = tmp_path / lang
        for page in pages:
            shutil.copytree(page.parent, folder, dirs_exist_ok=True)
        write_index(folder, lang)
    index = folder / "index.html"
    if not index.is_file():
        pytest.skip("no index.html in the checked folder")
    leaks = check_report(
        index.read_text(encoding="utf-8"), lang, allow_latin=DATA_LATIN, require_summary=False
    )
    assert not leaks, "index.html, leaks found:\n" + "\n".join(x.describe() for x in leaks[:40])
    if not reports.existing:
        from cslib.reporting.index import collect_cards

        cards, _ = collect_cards(folder, lang)
        assert cards and all(card.headline for card in cards), [c.title for c in cards]
