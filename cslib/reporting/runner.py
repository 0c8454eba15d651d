"""Execute the notebooks with papermill and export readable HTML reports.

Each notebook runs in a fresh kernel with the project root as working directory
and its ``output_dir`` parameter pointed at a private staging folder.  Only when
every cell succeeded are the executed notebook, its HTML version and the files
it wrote moved into ``reports/`` — a failed run leaves ``reports/`` untouched and
names the notebook and the failing cell.

Output safety (issue 11):

* parameters are validated against their declaration (:mod:`cslib.core.params`)
  before any kernel starts;
* staging folders live in ``<output>/.cslib-staging/`` (mode 0700); a failed run's
  partly executed notebook is kept there under a unique name with mode 0600, and the
  error message says where;
* ``<output>/cslib-manifest.json`` records which notebook and parameters made each
  published file; a file made from other inputs is never replaced silently
  (:class:`OutputConflict`, unless ``replace=True``);
* :func:`run_many` runs notebooks in parallel threads (each notebook has its own
  kernel process), cleans every staging folder on SIGINT/SIGTERM and rebuilds
  ``index.html`` from the files on disk.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cslib.core.i18n import languages
from cslib.core.paths import project_root
from cslib.reporting.private import is_private, private_dir
from cslib.reporting.staging import create as create_staging
from cslib.reporting.staging import sweep as sweep_staging

NOTEBOOK_GLOB = "[0-9][0-9]_*.ipynb"
STAGING = ".cslib-staging"
MANIFEST = "cslib-manifest.json"

# publishing (a sequence of renames) and the signal clean-up never interleave
_PUBLISH_LOCK = threading.Lock()
_ACTIVE_STAGING: set[Path] = set()


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
            text += f"\n  the partly executed notebook is kept (private, mode 0600) at {executed}"
        super().__init__(text)


class OutputConflict(RuntimeError):
    """Publishing would replace files that were made from other inputs."""

    def __init__(self, notebook: Path, conflicts: list[tuple[Path, str]]) -> None:
        self.notebook, self.conflicts = notebook, conflicts
        lines = [
            f"{notebook.name}: not published, because it would replace "
            f"{len(conflicts)} file(s) made from other inputs (输出文件已存在且来自其他输入):"
        ]
        lines += [f"  - {path}: {why}" for path, why in conflicts[:10]]
        lines.append(
            "  choose another --output-dir, or pass --replace to replace them; nothing was changed"
        )
        super().__init__("\n".join(lines))


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
    """The names and default values in a notebook's ``parameters`` cell.

    Declared notebooks answer from their declaration (``tests/test_params.py`` checks it
    matches the cell), so validating parameters does not import papermill.
    """
    from cslib.core.params import declaration, defaults

    if declaration(notebook.stem) is not None and notebook.parent.name == "notebooks":
        return defaults(notebook.stem)
    import papermill as pm

    return {name: p["default"] for name, p in pm.inspect_notebook(str(notebook)).items()}


def validate(notebook: Path, parameters: Mapping[str, Any] | None) -> dict[str, Any]:
    """Check a notebook's parameter values before any kernel starts.

    Notebooks with a declaration in :mod:`cslib.core.params` are validated against it
    (type, range, choices, existing files); others only against the names in their
    ``parameters`` cell.

    Raises
    ------
    cslib.core.params.ParameterError
        A declared parameter has a bad value (or an unknown name is given).
    ValueError
        An undeclared notebook has no parameter of that name.
    """
    from cslib.core.params import declaration, validate_parameters

    params = dict(parameters or {})
    if declaration(notebook.stem) is not None:
        validate_parameters(notebook.stem, params)
        return params
    known = notebook_parameters(notebook)
    unknown = sorted(set(params) - set(known))
    if unknown:
        raise ValueError(
            f"{notebook.name} has no parameter(s) {', '.join(unknown)}; "
            f"it takes: {', '.join(known)}"
        )
    return params


def _staging_root(output_dir: Path) -> Path:
    root = output_dir / STAGING
    root.mkdir(mode=0o700, exist_ok=True)
    return root


def _keep_failed(executed: Path, notebook: Path, output_dir: Path) -> Path | None:
    """Copy a failed run's notebook to a private, uniquely named file in the staging area."""
    if not executed.exists():
        return None
    failed = _staging_root(output_dir) / "failed"
    failed.mkdir(mode=0o700, exist_ok=True)
    import time

    stamp = time.strftime("%Y%m%d-%H%M%S")
    fd, name = tempfile.mkstemp(prefix=f"{notebook.stem}-{stamp}-", suffix=".ipynb", dir=failed)
    os.fchmod(fd, 0o600)
    with os.fdopen(fd, "wb") as out, executed.open("rb") as src:
        shutil.copyfileobj(src, out)
    return Path(name)


def execute(
    notebook: Path,
    parameters: Mapping[str, Any] | None = None,
    *,
    output_dir: Path | None = None,
    progress: bool = True,
    kernel_name: str | None = None,
    html: bool = True,
    show_code: bool = False,
    replace: bool = False,
    set_env: bool = True,
    formats: tuple[str, ...] = ("html", "docx", "xlsx"),
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
    replace : bool
        Replace published files that were made from other inputs (default: refuse).
    set_env : bool
        Set ``CSLIB_ROOT``/``CSLIB_OUTPUT_DIR`` for the kernel here (:func:`run_many`
        sets them once for all threads instead).
    formats : tuple of str
        Besides the HTML page, ``docx`` (the Word version) and ``xlsx`` (the results
        workbook), made from the page (:mod:`cslib.reporting.exports`).

    Raises
    ------
    cslib.core.params.ParameterError
        A bad parameter value; no kernel was started.
    NotebookFailed
        A cell raised; nothing is published to ``output_dir``.
    OutputConflict
        Publishing would replace files made from other inputs; nothing is published.
    """
    import time

    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    root = project_root()
    output_dir = Path(output_dir or root / "reports").resolve()
    params = validate(notebook, parameters)
    known = notebook_parameters(notebook)
    # what made the outputs: every parameter value, defaults included (not the output folder)
    given = {k: v for k, v in {**known, **params}.items() if k != "output_dir"}
    # which files (name, rows, SHA-256) and settings made the outputs, before the kernel starts
    from cslib.reporting.provenance import run_record

    provenance = run_record(notebook.stem, {**known, **params})
    _check_output_dir(output_dir)
    from cslib.reporting.earlier_results import earlier_record

    # which earlier reports' results (same folder, same kind of data) the run reads
    earlier = earlier_record(notebook.stem, output_dir, data=provenance.get("data"))
    if earlier:
        provenance = {**provenance, "earlier": earlier}
    staging_root = _staging_root(output_dir)
    sweep_staging(staging_root)  # partial outputs of runs that were killed (issue 26)
    staging, holder = create_staging(staging_root, f"{notebook.stem}.")
    _ACTIVE_STAGING.add(staging)
    try:
        files_dir = staging / "files"
        files_dir.mkdir()
        if "output_dir" in known:
            params["output_dir"] = str(files_dir)
        executed = staging / notebook.name
        saved = {k: os.environ.get(k) for k in ("CSLIB_ROOT", "CSLIB_OUTPUT_DIR", "CSLIB_DATA")}
        if set_env:
            os.environ["CSLIB_ROOT"] = str(root)
            os.environ["CSLIB_OUTPUT_DIR"] = str(output_dir)
            if provenance.get("data"):  # earlier results of this kind of data only
                os.environ["CSLIB_DATA"] = str(provenance["data"])
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
                # the kernel's own log (e.g. ipykernel's "running over TCP without encryption"
                # notice, or "[IPKernelApp] ERROR" lines) is for developers and is printed on
                # the user's terminal; users' warnings still reach the report
                extra_arguments=["--IPKernelApp.log_level=CRITICAL"],
            )
        except PapermillExecutionError as exc:
            kept = _keep_failed(executed, notebook, output_dir)
            source = getattr(exc, "source", "") or ""
            raise NotebookFailed(
                notebook,
                _cell_number(notebook, source, exc.cell_index),
                exc.ename,
                exc.evalue,
                source,
                kept,
            ) from None
        finally:
            if set_env:
                for k, v in saved.items():
                    if v is None:
                        os.environ.pop(k, None)
                    else:
                        os.environ[k] = v
        seconds = time.perf_counter() - started
        html_path = staging / f"{notebook.stem}.html"
        if html:
            export_html(executed, html_path, show_code=show_code)
            from cslib.reporting.exports import write_exports

            write_exports(executed, html_path, files_dir, formats, stem=notebook.stem)
        return _publish(notebook, staging, output_dir, seconds, html, given, replace, provenance)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        holder.release()
        _ACTIVE_STAGING.discard(staging)
        _tidy_staging_root(output_dir)


def _check_output_dir(output_dir: Path) -> None:
    """A located message (not a traceback) for an output path that cannot be written."""
    from cslib.core.errors import InputError

    if output_dir.exists() and not output_dir.is_dir():
        raise InputError.single(
            output_dir, "the output path is not a folder", column="--output-dir", found="a file"
        )
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
        probe = tempfile.TemporaryFile(dir=output_dir)
        probe.close()
    except OSError as exc:
        raise InputError.single(
            output_dir,
            f"the output folder cannot be written ({exc.strerror or exc})",
            column="--output-dir",
        ) from None


def _tidy_staging_root(output_dir: Path) -> None:
    """Remove ``.cslib-staging`` when nothing is left in it (failed copies keep it)."""
    root = output_dir / STAGING
    try:
        root.rmdir()
    except OSError:
        pass


def cleanup_staging() -> None:
    """Remove every staging folder of runs in progress (called on SIGINT/SIGTERM)."""
    with _PUBLISH_LOCK:
        for staging in list(_ACTIVE_STAGING):
            shutil.rmtree(staging, ignore_errors=True)
            _ACTIVE_STAGING.discard(staging)
            _tidy_staging_root(staging.parent.parent)


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


KERNEL_NAME = "cslib-python3"


def _kernel_name(prefix: Path | None = None) -> str:
    """A kernelspec for the running interpreter, installed into ``prefix`` (default: this
    environment) if it is missing or points at another interpreter.

    Several processes may start at once on a fresh environment (test workers, parallel
    runs); ``install`` removes and rewrites the spec folder, so the check and the install
    happen under one file lock and a second process finds the first one's finished spec.
    """
    from filelock import FileLock

    kernels = Path(prefix or sys.prefix) / "share" / "jupyter" / "kernels"
    if _kernelspec_is_ours(kernels / KERNEL_NAME):
        return KERNEL_NAME
    kernels.mkdir(parents=True, exist_ok=True)
    with FileLock(kernels / f".{KERNEL_NAME}.lock"):
        if not _kernelspec_is_ours(kernels / KERNEL_NAME):
            from ipykernel.kernelspec import install

            install(
                kernel_name=KERNEL_NAME,
                display_name="Python 3 (cslib)",
                prefix=str(prefix or sys.prefix),
            )
    return KERNEL_NAME


def _kernelspec_is_ours(folder: Path) -> bool:
    """Whether ``folder`` holds a complete kernelspec that starts this interpreter."""
    try:
        argv = json.loads((folder / "kernel.json").read_text(encoding="utf-8"))["argv"]
        return Path(argv[0]).resolve() == Path(sys.executable).resolve()
    except (OSError, ValueError, KeyError, IndexError, TypeError):
        return False


def _read_manifest(output_dir: Path) -> dict[str, Any]:
    try:
        data = json.loads((output_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _provenance_text(entry: dict[str, Any] | None, notebook: str, params: dict[str, Any]) -> str:
    if entry is None:
        return "it exists, and no record says which run made it"
    if entry.get("notebook") != notebook:
        return f"made by {entry.get('notebook')}"
    old = entry.get("parameters", {})
    if old == params:
        return "made from input files whose content has since changed (SHA-256 differs)"
    changed = sorted(set(old) | set(params), key=str)
    diffs = [
        f"{k}: {old.get(k, '(default)')!r} → {params.get(k, '(default)')!r}"
        for k in changed
        if old.get(k) != params.get(k)
    ]
    return "made with other parameters (" + "; ".join(diffs[:5]) + ")"


def _same_run(entry: dict[str, Any] | None, me: dict[str, Any]) -> bool:
    """Whether a manifest entry records the same notebook, parameters and input contents."""
    if entry is None or entry.get("notebook") != me.get("notebook"):
        return False
    if entry.get("parameters") != me.get("parameters"):
        return False
    old, new = entry.get("inputs"), me.get("inputs")
    if old is None or new is None:  # recorded before input hashes were kept
        return True
    return [i.get("sha256") for i in old] == [i.get("sha256") for i in new]


def _publish(
    notebook: Path,
    staging: Path,
    output_dir: Path,
    seconds: float,
    html: bool,
    params: dict[str, Any] | None = None,
    replace: bool = False,
    provenance: Mapping[str, Any] | None = None,
) -> RunResult:
    """Move the finished outputs of ``staging`` into ``output_dir`` (each file by rename).

    Refuses (:class:`OutputConflict`) when a target exists that the manifest does not
    record as made by this notebook with the same parameters, unless ``replace``.
    """
    params = json.loads(json.dumps(params or {}, default=str, ensure_ascii=False))
    files_dir = staging / "files"
    moves = [
        (item, output_dir / item.relative_to(files_dir))
        for item in sorted(files_dir.rglob("*"))
        if item.is_file()
    ]
    moves.append((staging / notebook.name, output_dir / notebook.name))
    html_path = output_dir / f"{notebook.stem}.html"
    if html:
        moves.append((staging / f"{notebook.stem}.html", html_path))
    with _PUBLISH_LOCK:
        manifest = _read_manifest(output_dir)
        me = {"notebook": notebook.stem, "parameters": params, **(provenance or {})}
        conflicts = []
        for _, target in moves:
            key = target.relative_to(output_dir).as_posix()
            entry = manifest.get(key)
            if target.exists() and not replace and not _same_run(entry, me):
                conflicts.append((target, _provenance_text(entry, notebook.stem, params)))
        if conflicts:
            raise OutputConflict(notebook, conflicts)
        produced = []
        for item, target in moves:
            target.parent.mkdir(parents=True, exist_ok=True)
            if is_private(target.relative_to(output_dir)):  # real ids: owner only
                private_dir(output_dir, *target.relative_to(output_dir).parts[1:-1])
            os.replace(item, target)
            manifest[target.relative_to(output_dir).as_posix()] = me
            if item.parent == files_dir or files_dir in item.parents:
                produced.append(target)
        new = {target.relative_to(output_dir).as_posix() for _, target in moves}
        _remove_superseded(output_dir, manifest, notebook.stem, new)
        from cslib.core.io import atomic_path

        with atomic_path(output_dir / MANIFEST) as tmp:
            tmp.write_text(
                json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True),
                encoding="utf-8",
            )
    return RunResult(notebook, output_dir / notebook.name, html_path, produced, seconds)


def _remove_superseded(
    output_dir: Path, manifest: dict[str, Any], notebook: str, kept: set[str]
) -> list[Path]:
    """Remove the files an earlier run of ``notebook`` published that this run did not make.

    Two runs of one notebook cannot share a folder (they write the same report), so a run
    published over an earlier one (``--replace``, or the same parameters on changed data)
    supersedes it: its files that the new run did not write again (say round-3
    questionnaires next to a round-2 report) are deleted from disk and from the manifest
    (``manifest`` is changed in place), and folders left empty are removed.  Only paths
    inside ``output_dir`` are touched.
    """
    base = output_dir.resolve()
    removed = []
    for key in sorted(manifest):
        entry = manifest[key]
        if key in kept or not isinstance(entry, dict) or entry.get("notebook") != notebook:
            continue
        path = (output_dir / key).resolve()
        if base not in path.parents:
            continue  # a manifest entry pointing outside the folder is never followed
        del manifest[key]
        if path.is_file() or path.is_symlink():
            path.unlink()
            removed.append(path)
        parent = path.parent
        while parent != base and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent
    return removed


BLAS_THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
"""Environment variables that set the number of BLAS/OpenMP threads of numpy and scipy."""


def run_many(
    notebooks: list[Path],
    parameters: Mapping[Path, Mapping[str, Any]],
    *,
    output_dir: Path,
    jobs: int | None = None,
    show_code: bool = False,
    replace: bool = False,
    progress: bool = False,
    on_done: Callable[[Path, RunResult | BaseException], None] | None = None,
    formats: tuple[str, ...] = ("html", "docx", "xlsx"),
) -> list[RunResult | BaseException]:
    """Run several notebooks, ``jobs`` at a time (default: number of cores).

    Every notebook's parameters are validated before the first kernel starts.  Each
    notebook runs in its own kernel process; the threads here only wait for them and
    export HTML, so a slow notebook's HTML export overlaps the others' execution.
    Returns, in the order given, a :class:`RunResult` or the exception of each
    notebook; ``index.html`` is rebuilt from the files on disk afterwards.
    """
    from concurrent.futures import ThreadPoolExecutor

    output_dir = Path(output_dir).resolve()
    checked = {nb: validate(nb, parameters.get(nb, {})) for nb in notebooks}
    _check_output_dir(output_dir)
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(notebooks) or 1))
    kernel = _kernel_name()
    saved = {
        k: os.environ.get(k)
        for k in ("CSLIB_ROOT", "CSLIB_OUTPUT_DIR", "CSLIB_DATA", *BLAS_THREADS)
    }
    os.environ["CSLIB_ROOT"] = str(project_root())
    os.environ["CSLIB_OUTPUT_DIR"] = str(output_dir)
    from cslib.reporting.earlier_results import waves
    from cslib.reporting.provenance import run_record

    # one kind of data for the whole run (sample or own): later reports read only its results
    kinds = {
        run_record(nb.stem, {**notebook_parameters(nb), **checked[nb]}).get("data")
        for nb in notebooks
    }
    if len(kinds) == 1 and None not in kinds:
        os.environ["CSLIB_DATA"] = str(kinds.pop())
    else:
        os.environ.pop("CSLIB_DATA", None)
    if jobs > 1:
        # the kernels already fill the cores: BLAS threads on top of them only contend
        # (measured: notebook 05's bootstrap 2.9 s single-threaded, 10.5 s with two threads
        # while another kernel runs); a value the user set is kept
        for k in BLAS_THREADS:
            os.environ.setdefault(k, "1")

    def one(nb: Path) -> RunResult | BaseException:
        try:
            result: RunResult | BaseException = execute(
                nb,
                checked[nb],
                output_dir=output_dir,
                progress=progress and jobs == 1,
                kernel_name=kernel,
                show_code=show_code,
                replace=replace,
                set_env=False,
                formats=formats,
            )
        except Exception as exc:  # reported per notebook; the others go on
            result = exc
        if on_done is not None:
            on_done(nb, result)
        return result

    results: list[RunResult | BaseException] = []
    try:
        if jobs == 1:
            ran = {nb: one(nb) for wave in waves(notebooks) for nb in wave}
            results = [ran[nb] for nb in notebooks]
        else:
            # a report that reads earlier reports' results runs after them (earlier_results)
            done: dict[Path, RunResult | BaseException] = {}
            with ThreadPoolExecutor(max_workers=jobs) as pool:
                for wave in waves(notebooks):
                    done.update(zip(wave, pool.map(one, wave), strict=True))
            results = [done[nb] for nb in notebooks]
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        # rebuilt from the files on disk whenever something was published; a run that
        # published nothing leaves the folder byte-identical
        if output_dir.is_dir() and any(isinstance(r, RunResult) for r in results):
            write_index([], output_dir)
    return results


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
    drop = {tag for code, tag in LANG_TAGS.items() if code not in languages(lang)}
    nb.cells = [c for c in nb.cells if not drop & set(c.get("metadata", {}).get("tags", []))]


def export_html(executed: Path, target: Path, *, show_code: bool = False) -> Path:
    """Convert an executed notebook to standalone HTML (code hidden unless ``show_code``).

    Markdown cells tagged ``lang-zh`` or ``lang-en`` appear only in reports of that language
    (both in ``zh+en``), so a notebook can carry its fixed prose in both languages.
    """
    import nbformat

    from cslib.reporting.html import html_exporter
    from cslib.reporting.records import RECORD_MIME

    exporter: Any = html_exporter(show_code=show_code)

    nb = nbformat.read(str(executed), as_version=4)
    drop_other_language(nb, report_language(nb))
    for cell in nb.cells:  # recorded values are for the regression tests, not for readers
        if "outputs" in cell:
            cell.outputs = [o for o in cell.outputs if RECORD_MIME not in o.get("data", {})]
    body, _ = exporter.from_notebook_node(nb)
    target.write_text(body, encoding="utf-8")
    return target


def write_index(results: list[RunResult], output_dir: Path) -> Path:
    """Finish every report page in ``output_dir`` and rebuild ``index.html`` from the disk.

    Built from the files on disk (``results`` is not needed), so it matches the folder even
    after a partial failure; see :func:`cslib.reporting.index.finish_reports`.
    """
    from cslib.reporting.index import finish_reports

    return finish_reports(output_dir)
