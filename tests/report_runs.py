"""Each report notebook executed once per language per test session, shared by the tests.

The notebook regression (``test_notebooks.py``) and the report hygiene
(``test_report_hygiene.py``) check the same runs: notebook × language is executed once, by
whichever xdist worker needs it first, into a folder shared by all workers of the session, and
reused from there.  Tests of one run are marked with the same ``xdist_group`` (see
``conftest.py``), so they land on one worker and nobody waits for another worker's kernel.

A run is published by renaming its finished folder into place, so another worker sees either
nothing or a complete run; if two workers race, the second keeps its own copy and discards it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from cslib.reporting import runner
from cslib.reporting.earlier_results import EARLIER
from cslib.reporting.html import finish_report, report_meta, run_parameters

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = runner.discover(ROOT)
LANGS = ("zh", "en")


def group(notebook: Path, lang: str) -> str:
    """The ``xdist_group`` of every test that reads this run."""
    return f"report-{notebook.stem}-{lang}"


@dataclass(frozen=True)
class ReportRun:
    """One finished run: the executed notebook and its finished HTML page."""

    notebook: Path
    lang: str
    folder: Path

    @property
    def executed(self) -> Path:
        return self.folder / f"{self.notebook.stem}.ipynb"

    @property
    def html(self) -> Path:
        return self.folder / f"{self.notebook.stem}.html"


class ReportRuns:
    """Runs by (notebook, language), made on first use and shared through ``shared``."""

    def __init__(self, shared: Path) -> None:
        self.shared = shared
        self.shared.mkdir(parents=True, exist_ok=True)

    def get(self, notebook: Path, lang: str) -> ReportRun:
        folder = self.shared / lang / notebook.stem
        if not folder.is_dir():
            self._make(notebook, lang, folder)
        return ReportRun(notebook, lang, folder)

    def _earlier(self, notebook: Path, lang: str, work: Path) -> None:
        """Publish the earlier reports this one reads into its folder, as one study's output
        folder holds them (``cslib.reporting.earlier_results``)."""
        manifest: dict = {}
        for stem in EARLIER.get(notebook.stem, ()):
            run = self.get(ROOT / "notebooks" / f"{stem}.ipynb", lang)
            shutil.copy2(run.executed, work / run.executed.name)
            theirs = json.loads((run.folder / runner.MANIFEST).read_text(encoding="utf-8"))
            manifest[run.executed.name] = theirs[run.executed.name]
        if manifest:
            (work / runner.MANIFEST).write_text(
                json.dumps(manifest, ensure_ascii=False), encoding="utf-8"
            )

    def _make(self, notebook: Path, lang: str, folder: Path) -> None:
        folder.parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=f".{notebook.stem}.", dir=folder.parent))
        try:
            self._earlier(notebook, lang, work)
            params = {"lang": lang} if "lang" in runner.notebook_parameters(notebook) else {}
            result = runner.execute(notebook, params, output_dir=work, progress=False)
            # finished as the command line publishes it: title, header line, contents, print CSS
            meta = report_meta(
                notebook.stem, run_parameters(result.executed, params), run_date=dt.date.today()
            )
            finish_report(result.html, meta)
            try:
                os.rename(work, folder)  # atomic: others see nothing or the whole run
            except OSError:
                if not folder.is_dir():
                    raise
        finally:
            shutil.rmtree(work, ignore_errors=True)
