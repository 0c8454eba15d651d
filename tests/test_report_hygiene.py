"""Report hygiene over the real reports: no developer output in any generated HTML page.

Runs every notebook on the sample data in Chinese and in English into a temporary reports
folder (once per test session), then checks each HTML page with
:func:`cslib.reporting.hygiene.check_report`: paths, warnings, tracebacks, ``None``, ``nan``,
object reprs, Python literals, internal identifiers, ``0.000`` p-values, a first section that
is not the summary, and the other language's script.

The test runs in every ``make test`` (about 2.5 minutes of notebook runs, spread over the
xdist workers).  Set ``CSLIB_HYGIENE_REPORTS=<folder>`` to check an existing reports folder
instead (its pages' languages are read from the ``cslib-lang`` meta tag the report shell
writes, default ``zh``).

Words from the input data are data, not developer output: the Latin words in the sample
course catalogue's Chinese titles and series (such as the course name "MOT服务技巧") are
allowed in Chinese reports, and nothing else is.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from cslib.reporting import runner
from cslib.reporting.html import finish_report, report_meta, run_parameters
from cslib.reporting.hygiene import check_report

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = runner.discover(ROOT)
LANGS = ("zh", "en")

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
    """HTML pages by (lang, page name): produced on demand by this test session, or read from
    an existing folder."""

    def __init__(self, base: Path, existing: str | None) -> None:
        self.base, self.pages = base, {}
        self.existing = existing
        if existing:
            for page in sorted(Path(existing).glob("*.html")):
                self.pages[(_page_lang(page.read_text(encoding="utf-8")), page.name)] = page

    def get(self, lang: str, notebook: Path) -> Path | None:
        key = (lang, f"{notebook.stem}.html")
        if key not in self.pages and not self.existing:
            out = self.base / lang
            params = {"lang": lang} if "lang" in runner.notebook_parameters(notebook) else {}
            result = runner.execute(notebook, params, output_dir=out, progress=False)
            # finished as the runner publishes it: title, header line, contents, print CSS
            meta = report_meta(
                notebook.stem,
                run_parameters(result.executed, params),
                run_date=dt.date.today(),
            )
            self.pages[key] = finish_report(result.html, meta)
        return self.pages.get(key)


@pytest.fixture(scope="session")
def reports(tmp_path_factory) -> _Reports:
    return _Reports(tmp_path_factory.mktemp("hygiene"), os.environ.get("CSLIB_HYGIENE_REPORTS"))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[nb.stem for nb in NOTEBOOKS])
def test_report_has_no_developer_leaks(reports, notebook, lang):
    page = reports.get(lang, notebook)
    if page is None:
        pytest.skip(f"no {lang} page for {notebook.stem} in the checked folder")
    leaks = check_report(page.read_text(encoding="utf-8"), lang, allow_latin=DATA_LATIN)
    assert not leaks, f"{page.name} ({lang}), leaks found: {len(leaks)}\n" + "\n".join(
        leak.describe() for leak in leaks[:40]
    )


@pytest.mark.parametrize("lang", LANGS)
def test_index_page_has_no_developer_leaks(reports, lang):
    """The index (rebuilt from the reports of this session) is held to the same rules; it is
    not a report, so it has no summary section.  Every card shows the headline its notebook
    recorded."""
    from cslib.reporting.index import write_index

    pages = [reports.get(lang, nb) for nb in NOTEBOOKS]
    pages = [p for p in pages if p is not None]
    if not pages:
        pytest.skip(f"no {lang} reports")
    folder = pages[0].parent
    index = folder / "index.html"
    if not reports.existing:
        write_index(folder, lang)
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
