"""The worker process of a run started in the page: ``cslib run`` with progress.

``python -m cslib.app.worker STATUS.json -- run --study DIR --no-progress NB …`` runs the
command ``python -m cslib run …`` unchanged in this process, with two additions that exist
only here:

* a papermill engine registered as the default (papermill's documented extension point)
  that counts each notebook's finished cells;
* a wrapper around :func:`cslib.reporting.runner.run_many` that adds a callback recording
  each notebook's result (its page, or its error text and whether it is an input error).

Both write ``STATUS.json`` atomically after every change.  The study's ``run.lock`` is held
for the whole run, so a second run of the same study waits for nothing: it exits with
status 3 at once.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

from cslib.app.runs import BUSY_EXIT, LOCK_FILE, status_of

__all__ = ["main"]

_LOCK = threading.Lock()
_DATA: dict[str, Any] = {"notebooks": {}}
_PATH: list[Path] = []


def _write() -> None:
    path = _PATH[0]
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".status-", suffix=".json")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(_DATA, fh, ensure_ascii=False)
    os.replace(tmp, path)


def update(stem: str, **values: Any) -> None:
    """Set fields of one notebook's entry and write the status file."""
    with _LOCK:
        entry = status_of(_DATA, stem)
        if values.pop("one_more_cell", False):
            entry["done"] = int(entry.get("done", 0)) + 1
        entry.update(values)
        _write()


def _install_progress_engine() -> None:
    from papermill.engines import NBClientEngine, papermill_engines

    class ProgressEngine(NBClientEngine):
        """nbclient, counting finished cells per notebook into the status file."""

        @classmethod
        def execute_managed_notebook(cls, nb_man: Any, kernel_name: Any, **kwargs: Any) -> Any:
            source = nb_man.nb.metadata.get("papermill", {}).get("input_path") or ""
            stem = Path(str(source)).stem
            update(stem, state="running", done=0, total=len(nb_man.nb.cells))
            finish = nb_man.cell_complete

            def cell_complete(cell: Any, cell_index: Any = None, **kw: Any) -> Any:
                out = finish(cell, cell_index=cell_index, **kw)
                update(stem, one_more_cell=True)
                return out

            nb_man.cell_complete = cell_complete
            return super().execute_managed_notebook(nb_man, kernel_name, **kwargs)

    papermill_engines.register(None, ProgressEngine)


def _record_results() -> None:
    from cslib.reporting import runner
    from cslib.reporting.failures import INPUT_ERRORS, strip_kernel_log

    original = runner.run_many

    def run_many(notebooks: Any, parameters: Any, **kwargs: Any) -> Any:
        then = kwargs.get("on_done")

        def on_done(nb: Path, result: Any) -> None:
            if isinstance(result, runner.RunResult):
                update(
                    nb.stem,
                    state="done",
                    html=str(result.html),
                    seconds=round(result.seconds, 1),
                )
            else:
                ename = str(getattr(result, "ename", type(result).__name__))
                text = strip_kernel_log(str(getattr(result, "evalue", result)))
                is_input = (
                    ename in INPUT_ERRORS
                    or ename.endswith("InputError")
                    or isinstance(result, runner.OutputConflict | ValueError)
                )
                update(nb.stem, state="failed", error=text, input_error=bool(is_input))
            if then is not None:
                then(nb, result)

        kwargs["on_done"] = on_done
        return original(notebooks, parameters, **kwargs)

    runner.run_many = run_many


def main(argv: list[str]) -> int:
    """Run ``argv`` after ``--`` as ``cslib`` arguments, writing progress to ``argv[0]``."""
    from filelock import FileLock, Timeout

    status = Path(argv[0])
    args = argv[argv.index("--") + 1 :]
    _PATH.append(status)
    lock = FileLock(str(status.parent / LOCK_FILE))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        return BUSY_EXIT
    try:
        _write()
        _install_progress_engine()
        _record_results()
        # the command itself, as ``python -m cslib`` runs it (this process is its launcher;
        # the analyses' layers below never call the command line)
        import runpy

        sys.argv = ["cslib", *args]
        try:
            runpy.run_module("cslib", run_name="__main__", alter_sys=True)
        except SystemExit as exc:
            return exc.code if isinstance(exc.code, int) else 1
        return 0
    finally:
        lock.release()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
