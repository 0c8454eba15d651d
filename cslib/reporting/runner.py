"""Execute the notebooks with papermill and export readable HTML reports.

Each notebook runs in a fresh kernel with the project root as working directory
and its ``output_dir`` parameter pointed at a private staging folder.  Only when
every cell succeeded are the executed notebook, its HTML version and the files
it wrote moved into ``reports/`` — a failed run leaves ``reports/`` untouched and
names the notebook and the failing cell.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cslib.core.paths import project_root

NOTEBOOK_GLOB = "[0-9][0-9]_*.ipynb"


class NotebookFailed(RuntimeError):
    """A notebook raised an error; says which notebook and which cell."""

    def __init__(
        self,
        notebook: Path,
        cell: int | None,
        ename: str,
        evalue: str,
        source: str = "",
        executed: Path | None = None,
    ) -> None:
        self.notebook, self.cell, self.ename, self.evalue = notebook, cell, ename, evalue
        self.source, self.executed = source, executed
        where = f"cell {cell}" if cell is not None else "before any cell ran"
        first_line = source.strip().splitlines()[0] if source.strip() else ""
        text = f"{notebook.name} failed in {where}: {ename}: {evalue}"
        if first_line:
            text += f"\n  cell starts with: {first_line}"
        if executed is not None:
            text += f"\n  the partly executed notebook is at {executed} (not in reports/)"
        super().__init__(text)


@dataclass
class RunResult:
    """What one successful notebook run produced."""

    notebook: Path
    executed: Path
    html: Path
    outputs: list[Path] = field(default_factory=list)
    seconds: float = 0.0


def discover(root: Path | None = None) -> list[Path]:
    """The report notebooks (``notebooks/NN_*.ipynb``), sorted by name."""
    root = root or project_root()
    return sorted((root / "notebooks").glob(NOTEBOOK_GLOB))


def find_notebook(name: str, root: Path | None = None) -> Path:
    """Find a notebook by path, file name, stem or number prefix (``01``)."""
    root = root or project_root()
    candidate = Path(name)
    if candidate.suffix == ".ipynb" and (root / candidate).is_file():
        return (root / candidate).resolve()
    if candidate.is_file():
        return candidate.resolve()
    matches = [
        nb
        for nb in discover(root)
        if nb.stem == name or nb.name == name or nb.stem.split("_", 1)[0] == name
    ]
    if len(matches) != 1:
        known = ", ".join(nb.stem for nb in discover(root))
        raise FileNotFoundError(f"no single notebook matches {name!r}; known: {known}")
    return matches[0]


def notebook_parameters(notebook: Path) -> dict[str, Any]:
    """The names and default values in a notebook's ``parameters`` cell."""
    import papermill as pm

    return {name: p["default"] for name, p in pm.inspect_notebook(str(notebook)).items()}


def execute(
    notebook: Path,
    parameters: Mapping[str, Any] | None = None,
    *,
    output_dir: Path | None = None,
    progress: bool = True,
    kernel_name: str | None = None,
    html: bool = True,
    show_code: bool = False,
) -> RunResult:
    """Execute one notebook and move its outputs into ``output_dir`` on success.

    Parameters
    ----------
    notebook : Path
        The notebook to run.
    parameters : mapping, optional
        Values for the notebook's ``parameters`` cell (unknown names are an error).
    output_dir : Path, optional
        Where reports go (default ``<project>/reports``).
    progress : bool
        Show papermill's cell progress bar.
    kernel_name : str, optional
        Jupyter kernel (default: a kernel for the running Python interpreter).
    html : bool
        Also write an HTML version.
    show_code : bool
        Keep code cells in the HTML (default: prose, tables and figures only).

    Raises
    ------
    NotebookFailed
        A cell raised; nothing is written to ``output_dir``.
    """
    import time

    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    root = project_root()
    output_dir = Path(output_dir or root / "reports").resolve()
    params = dict(parameters or {})
    known = notebook_parameters(notebook)
    unknown = sorted(set(params) - set(known))
    if unknown:
        raise ValueError(
            f"{notebook.name} has no parameter(s) {', '.join(unknown)}; "
            f"it takes: {', '.join(known)}"
        )
    output_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{notebook.stem}.", dir=output_dir))
    files_dir = staging / "files"
    files_dir.mkdir()
    if "output_dir" in known:
        params["output_dir"] = str(files_dir)
    executed = staging / notebook.name
    env_root = os.environ.get("CSLIB_ROOT")
    os.environ["CSLIB_ROOT"] = str(root)
    started = time.perf_counter()
    try:
        pm.execute_notebook(
            str(notebook),
            str(executed),
            parameters=params,
            cwd=str(root),
            progress_bar=progress,
            kernel_name=kernel_name or _kernel_name(),
            log_output=False,
        )
    except PapermillExecutionError as exc:
        kept = Path(tempfile.gettempdir()) / f"cslib-failed-{notebook.name}"
        if executed.exists():
            shutil.copyfile(executed, kept)
        shutil.rmtree(staging, ignore_errors=True)
        source = getattr(exc, "source", "") or ""
        raise NotebookFailed(
            notebook,
            _cell_number(notebook, source, exc.cell_index),
            exc.ename,
            exc.evalue,
            source,
            kept if kept.exists() else None,
        ) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        if env_root is None:
            os.environ.pop("CSLIB_ROOT", None)
        else:
            os.environ["CSLIB_ROOT"] = env_root
    seconds = time.perf_counter() - started
    html_path = staging / f"{notebook.stem}.html"
    if html:
        export_html(executed, html_path, show_code=show_code)
    return _publish(notebook, staging, output_dir, seconds, html)


def _cell_number(notebook: Path, source: str, executed_index: int | None) -> int | None:
    """1-based number of the failing cell in the *original* notebook (as JupyterLab counts cells).

    papermill's index counts the cell it injects for parameters, so match by source instead.
    """
    import nbformat

    cells = nbformat.read(str(notebook), as_version=4).cells
    for k, cell in enumerate(cells, 1):
        if cell.cell_type == "code" and cell.source == source:
            return k
    return executed_index


def _kernel_name() -> str:
    """A kernelspec for the running interpreter, installed into this environment if missing."""
    from jupyter_client.kernelspec import KernelSpecManager

    name = "cslib-python3"
    specs = KernelSpecManager().find_kernel_specs()
    if name in specs:
        spec = KernelSpecManager().get_kernel_spec(name)
        if spec.argv and Path(spec.argv[0]).resolve() == Path(sys.executable).resolve():
            return name
    from ipykernel.kernelspec import install

    install(kernel_name=name, display_name="Python 3 (cslib)", prefix=sys.prefix)
    return name


def _publish(
    notebook: Path, staging: Path, output_dir: Path, seconds: float, html: bool
) -> RunResult:
    """Move the finished outputs of ``staging`` into ``output_dir`` (each file by rename)."""
    produced = []
    files_dir = staging / "files"
    for item in sorted(files_dir.rglob("*")):
        if item.is_file():
            target = output_dir / item.relative_to(files_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(item, target)
            produced.append(target)
    executed = output_dir / notebook.name
    os.replace(staging / notebook.name, executed)
    html_path = output_dir / f"{notebook.stem}.html"
    if html:
        os.replace(staging / f"{notebook.stem}.html", html_path)
    shutil.rmtree(staging, ignore_errors=True)
    return RunResult(notebook, executed, html_path, produced, seconds)


LANG_TAGS = {"zh": "lang-zh", "en": "lang-en"}
"""Cell tags marking prose in one language; the HTML of a one-language report drops the other."""


def report_language(nb: Any) -> str:
    """The ``lang`` an executed notebook ran with (injected, else its default, else ``zh``)."""
    meta = nb.metadata.get("papermill", {})
    for key in ("parameters", "default_parameters"):
        lang = (meta.get(key) or {}).get("lang")
        if lang:
            return str(lang)
    return "zh"


def drop_other_language(nb: Any, lang: str) -> None:
    """Remove cells tagged for a language the report is not in (``zh+en`` keeps both)."""
    drop = {tag for code, tag in LANG_TAGS.items() if code not in lang.split("+")}
    nb.cells = [c for c in nb.cells if not drop & set(c.get("metadata", {}).get("tags", []))]


def export_html(executed: Path, target: Path, *, show_code: bool = False) -> Path:
    """Convert an executed notebook to standalone HTML (code hidden unless ``show_code``).

    Markdown cells tagged ``lang-zh`` or ``lang-en`` appear only in reports of that language
    (both in ``zh+en``), so a notebook can carry its fixed prose in both languages.
    """
    import nbformat
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="lab")
    exporter.exclude_input = not show_code
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    from cslib.reporting.records import RECORD_MIME

    nb = nbformat.read(str(executed), as_version=4)
    drop_other_language(nb, report_language(nb))
    for cell in nb.cells:  # recorded values are for the regression tests, not for readers
        if "outputs" in cell:
            cell.outputs = [o for o in cell.outputs if RECORD_MIME not in o.get("data", {})]
    body, _ = exporter.from_notebook_node(nb)
    target.write_text(body, encoding="utf-8")
    return target


def write_index(results: list[RunResult], output_dir: Path) -> Path:
    """Write ``index.html`` linking every report in ``output_dir`` (atomically)."""
    from html import escape

    from cslib.core.io import atomic_path

    rows = []
    for html in sorted(output_dir.glob("[0-9][0-9]_*.html")):
        rows.append(f'<li><a href="{escape(html.name)}">{escape(html.stem)}</a></li>')
    extras = sorted(
        p for p in output_dir.iterdir() if p.is_file() and p.suffix in (".xlsx", ".csv")
    )
    files = "".join(f'<li><a href="{escape(p.name)}">{escape(p.name)}</a></li>' for p in extras)
    page = (
        "<!doctype html><html lang='zh'><meta charset='utf-8'><title>cslib reports 报告</title>"
        "<body style='font-family:sans-serif;max-width:50em;margin:2em auto'>"
        "<h1>报告 Reports</h1><ul>"
        + "".join(rows)
        + "</ul>"
        + ("<h2>数据文件 Files</h2><ul>" + files + "</ul>" if files else "")
        + "</body></html>"
    )
    target = output_dir / "index.html"
    with atomic_path(target) as tmp:
        tmp.write_text(page, encoding="utf-8")
    return target
