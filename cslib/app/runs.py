"""One run per study at a time, in a worker process, and its progress.

A run is ``cslib run --study DIR NOTEBOOK …`` executed by :mod:`cslib.app.worker` in its own
process, so it has everything the command line has — the parameter and input checks before
any kernel starts, staging folders, the manifest, refusal to replace other work, and the
clean-up on SIGINT/SIGTERM — and a report that takes minutes never blocks the page.  The
worker writes the run's progress (cells done per notebook, each notebook's result) to
``.cslib-app/status.json`` in the study; :meth:`StudyRun.status` reads it.

Only one run of a study can be in progress: a second start in this app is refused
(:class:`RunBusy`) and the worker itself holds a file lock on the study, so a second app
(or a second worker) started on the same folder is refused too.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["RunBusy", "NotebookState", "RunStatus", "StudyRun", "start_run", "current_run"]

APP_FOLDER = ".cslib-app"
STATUS_FILE = "status.json"
LOCK_FILE = "run.lock"
BUSY_EXIT = 3
"""The worker's exit status when another run of the study holds the lock."""


class RunBusy(RuntimeError):
    """A run of this study is already in progress."""


@dataclass(frozen=True)
class NotebookState:
    """One notebook of a run: ``waiting`` | ``running`` | ``done`` | ``failed``."""

    stem: str
    state: str = "waiting"
    done: int = 0
    total: int = 0
    seconds: float = 0.0
    error: str = ""
    input_error: bool = False
    html: str = ""

    @property
    def fraction(self) -> float:
        if self.state == "done":
            return 1.0
        return self.done / self.total if self.total else 0.0


@dataclass(frozen=True)
class RunStatus:
    """A run's state: ``running`` | ``finished`` | ``busy`` (refused by the lock) | ``stopped``."""

    state: str
    notebooks: tuple[NotebookState, ...] = ()
    returncode: int | None = None
    messages: str = ""  # what the command printed on its error stream (in the run's language)

    @property
    def ok(self) -> int:
        return sum(n.state == "done" for n in self.notebooks)


@dataclass
class StudyRun:
    """A worker process running notebooks of one study."""

    root: Path
    stems: tuple[str, ...]
    process: subprocess.Popen[bytes]
    started: float = field(default_factory=time.monotonic)

    @property
    def folder(self) -> Path:
        return self.root / APP_FOLDER

    def running(self) -> bool:
        return self.process.poll() is None

    def status(self) -> RunStatus:
        """What the worker has written so far, and how it ended."""
        try:
            data = json.loads((self.folder / STATUS_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}
        nbs = data.get("notebooks", {}) if isinstance(data, dict) else {}
        states = tuple(
            NotebookState(stem, **{k: v for k, v in nbs.get(stem, {}).items() if k in _FIELDS})
            for stem in self.stems
        )
        code = self.process.poll()
        try:
            messages = (self.folder / "stderr.txt").read_text(encoding="utf-8", errors="replace")
        except OSError:
            messages = ""
        if code is None:
            return RunStatus("running", states, None, "")
        if code == BUSY_EXIT:
            return RunStatus("busy", states, code, messages)
        if code < 0 or code >= 128:  # ended by a signal: the command cleaned up
            return RunStatus("stopped", states, code, messages)
        return RunStatus("finished", states, code, messages)

    def stop(self) -> None:
        """End the run like Ctrl-C: the command removes its staging folders and kernels."""
        if self.running():
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()


_FIELDS = {"state", "done", "total", "seconds", "error", "input_error", "html"}
_RUNS: dict[Path, StudyRun] = {}
_LOCK = threading.Lock()


def current_run(root: Path) -> StudyRun | None:
    """The last run started for the study at ``root`` in this app (finished or not)."""
    with _LOCK:
        return _RUNS.get(root.resolve())


def start_run(root: Path, stems: list[str] | tuple[str, ...], *, replace: bool = False) -> StudyRun:
    """Start ``cslib run --study root`` on ``stems`` in a worker process (``--replace``
    with ``replace``: report files made from other inputs are replaced, as on the command
    line).

    Raises
    ------
    RunBusy
        A run of this study started by this app is still in progress.
    """
    root = root.resolve()
    with _LOCK:
        previous = _RUNS.get(root)
        if previous is not None and previous.running():
            raise RunBusy(str(root))
        folder = root / APP_FOLDER
        folder.mkdir(mode=0o700, exist_ok=True)
        for name in (STATUS_FILE, "stderr.txt", "stdout.txt"):
            (folder / name).unlink(missing_ok=True)
        from cslib.core.paths import project_root

        env = {**os.environ, "CSLIB_ROOT": str(project_root()), "PYTHONIOENCODING": "utf-8"}
        with (folder / "stdout.txt").open("wb") as out, (folder / "stderr.txt").open("wb") as err:
            process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "cslib.app.worker",
                    str(folder / STATUS_FILE),
                    "--",
                    "run",
                    "--study",
                    str(root),
                    "--no-progress",
                    *(["--replace"] if replace else []),
                    *stems,
                ],
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=err,
                cwd=str(root),
                env=env,
            )
        run = StudyRun(root, tuple(stems), process)
        _RUNS[root] = run
        return run


def stop_all() -> None:
    """End every run this app started (the server is stopping)."""
    with _LOCK:
        runs = list(_RUNS.values())
    for run in runs:
        run.stop()


def status_of(data: dict[str, Any], stem: str) -> dict[str, Any]:
    """The entry of ``stem`` in a status document (created when missing)."""
    return data.setdefault("notebooks", {}).setdefault(stem, {})


__all__ += ["stop_all", "status_of"]
