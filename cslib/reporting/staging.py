"""Staging folders of report runs: held while a run lives, swept when its run is gone.

Every run stages its outputs in ``<output>/.cslib-staging/<notebook>.<random>/`` and holds
an exclusive lock (:mod:`filelock`) on the file ``.holder`` inside it for as long as it runs.
The operating system drops the lock when the process ends in any way — a SIGKILL or a
power cut included — so a staging folder whose lock can be taken belongs to no living run.
:func:`sweep` removes such folders; the runner calls it before each run into the folder, so
partial notebooks and workbooks of a killed run do not stay behind.

A run creates its folder and then takes the lock, so for a moment a live folder has no
locked ``.holder``; :func:`sweep` therefore leaves a folder without ``.holder`` alone until
it is :data:`GRACE_SECONDS` old.  ``failed/`` (the private copies of failed runs that the
error message points to) is never swept.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from filelock import FileLock, Timeout

HOLDER = ".holder"
FAILED = "failed"
#: Age after which a staging folder without a ``.holder`` file counts as abandoned.
GRACE_SECONDS = 60.0


def create(root: Path, prefix: str) -> tuple[Path, FileLock]:
    """A new private staging folder in ``root`` and the held lock that marks it as live.

    Release the lock (``lock.release()``) after removing the folder.
    """
    staging = Path(tempfile.mkdtemp(prefix=prefix, dir=root))
    lock = FileLock(staging / HOLDER, timeout=0)
    lock.acquire()
    return staging, lock


def sweep(root: Path, *, now: float | None = None) -> list[Path]:
    """Remove the staging folders in ``root`` that no running process holds; return them.

    Examples
    --------
    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> live, lock = create(root, "01_delphi.")
    >>> dead = root / "01_delphi.killed"
    >>> (dead / "files").mkdir(parents=True)
    >>> (dead / HOLDER).touch()  # its run was killed: nobody holds the lock
    >>> [p.name for p in sweep(root)], live.is_dir()
    (['01_delphi.killed'], True)
    >>> lock.release()
    """
    if not root.is_dir():
        return []
    now = time.time() if now is None else now
    removed = []
    for folder in sorted(root.iterdir()):
        if not folder.is_dir() or folder.name == FAILED or folder.is_symlink():
            continue
        holder = folder / HOLDER
        if not holder.exists():
            try:
                age = now - folder.stat().st_mtime
            except OSError:
                continue
            if age >= GRACE_SECONDS:
                shutil.rmtree(folder, ignore_errors=True)
                removed.append(folder)
            continue
        lock = FileLock(holder, timeout=0)
        try:
            lock.acquire()
        except (Timeout, OSError):
            continue  # a running process holds it
        try:
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
        finally:
            lock.release()
    return removed
