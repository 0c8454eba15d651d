"""Staging left by killed runs is swept; a replaced run's files leave disk, manifest and index.

Issue 26: after a SIGKILL the partial notebooks and workbooks under ``.cslib-staging/``
stayed for ever, and ``--replace`` left the replaced run's files (e.g. round-3
questionnaires) linked next to the new report.
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from filelock import FileLock

from cslib.reporting import staging as stg

ROOT = Path(__file__).resolve().parents[1]


def _notebook(path: Path, *cells: str, params: str = "output_dir = 'reports'") -> None:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.cells = [nbformat.v4.new_code_cell(params, metadata={"tags": ["parameters"]})]
    nb.cells += [nbformat.v4.new_code_cell(c) for c in cells]
    nbformat.write(nb, path)


@pytest.fixture
def project(tmp_path):
    """A throwaway project: a notebook writing round-named files, and a slow one."""
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    (tmp_path / "cslib").symlink_to(ROOT / "cslib")
    (tmp_path / "notebooks").mkdir()
    _notebook(
        tmp_path / "notebooks" / "01_rounds.ipynb",
        "from pathlib import Path\n"
        "d = Path(output_dir) / f'round{rnd}'\n"
        "d.mkdir(parents=True, exist_ok=True)\n"
        "for e in ('E1', 'E2'):\n"
        "    (d / f'q_round{rnd}_{e}.xlsx').write_text(e)\n"
        "(Path(output_dir) / 'summary.csv').write_text(str(rnd))",
        params="rnd = 3\noutput_dir = 'reports'",
    )
    _notebook(
        tmp_path / "notebooks" / "02_slow.ipynb",
        "import time\nfrom pathlib import Path\n(Path(output_dir) / 'part.xlsx').write_text('1')\n"
        "time.sleep(120)",
    )
    return tmp_path


def _stale(root: Path, name: str, *, holder: bool = True) -> Path:
    """A staging folder as a killed run leaves it: partial outputs, nobody holding it."""
    folder = root / name
    (folder / "files").mkdir(parents=True)
    (folder / "files" / "partial.xlsx").write_text("half")
    (folder / "01_rounds.ipynb").write_text("{}")
    if holder:
        (folder / stg.HOLDER).touch()
    return folder


def test_sweep_removes_unheld_keeps_held_fresh_and_failed(tmp_path):
    root = tmp_path / ".cslib-staging"
    root.mkdir()
    dead = _stale(root, "01_rounds.dead")
    live, lock = stg.create(root, "01_rounds.")
    other_thread_style = FileLock(live / stg.HOLDER, timeout=0)  # another holder cannot take it
    with pytest.raises(Exception, match="not be acquired|Timeout|acquire"):
        other_thread_style.acquire()
    fresh = _stale(root, "01_rounds.fresh", holder=False)  # being created right now
    old = _stale(root, "01_rounds.old", holder=False)  # from a run before holders existed
    past = time.time() - 2 * stg.GRACE_SECONDS
    os.utime(old, (past, past))
    (root / "failed").mkdir()
    (root / "failed" / "01_rounds-kept.ipynb").write_text("{}")
    removed = stg.sweep(root)
    assert sorted(p.name for p in removed) == ["01_rounds.dead", "01_rounds.old"]
    assert not dead.exists() and not old.exists()
    assert live.is_dir() and fresh.is_dir() and (root / "failed" / "01_rounds-kept.ipynb").exists()
    lock.release()
    assert [p.name for p in stg.sweep(root)] == [live.name]  # its run ended without cleaning up


def _manifest(folder: Path) -> dict:
    return json.loads((folder / "cslib-manifest.json").read_text(encoding="utf-8"))


def test_next_run_sweeps_stale_staging_but_not_a_held_one(project, run_cli):
    reports = project / "reports"
    root = reports / ".cslib-staging"
    root.mkdir(parents=True)
    dead = _stale(root, "02_slow.killed")
    held = _stale(root, "02_slow.running")
    lock = FileLock(held / stg.HOLDER, timeout=0)
    lock.acquire()  # another run is alive in this folder
    try:
        out = run_cli("run", "01", "--no-progress", cwd=project)
        assert out.returncode == 0, out.stderr
        assert not dead.exists()
        assert (held / "files" / "partial.xlsx").exists()
    finally:
        lock.release()
    assert run_cli("run", "01", "--no-progress", cwd=project).returncode == 0
    assert not root.exists()  # nothing left: the root is tidied away too


def test_sigkill_leftovers_are_removed_by_the_next_run(project, run_cli):
    """A real ``kill -9`` of ``cslib run`` mid-notebook, then a run into the same folder."""
    import psutil

    proc = subprocess.Popen(
        [sys.executable, "-m", "cslib", "run", "02_slow", "--no-progress"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    root = project / "reports" / ".cslib-staging"
    deadline = time.monotonic() + 120
    while not list(root.glob("*/files/part.xlsx")) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert list(root.glob("*/files/part.xlsx")), "the notebook never started"
    kernels = psutil.Process(proc.pid).children(recursive=True)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    for k in kernels:  # the kernel outlives its killed parent; end it (we started it)
        k.kill()
    psutil.wait_procs(kernels, timeout=15)
    assert list(root.glob("*/files/part.xlsx")), "a SIGKILL leaves the staging folder"
    out = run_cli("run", "01", "--no-progress", cwd=project)
    assert out.returncode == 0, out.stderr
    assert not list(root.glob("*/files/part.xlsx"))
    assert not root.exists()


def test_replace_removes_the_replaced_runs_files(project, run_cli):
    reports = project / "reports"
    assert run_cli("run", "01", "--no-progress", cwd=project).returncode == 0
    old = sorted(p.relative_to(reports).as_posix() for p in (reports / "round3").iterdir())
    assert old == ["round3/q_round3_E1.xlsx", "round3/q_round3_E2.xlsx"]
    assert set(old) <= set(_manifest(reports))
    out = run_cli("run", "01", "-p", "rnd", "2", "--replace", "--no-progress", cwd=project)
    assert out.returncode == 0, out.stderr
    assert not (reports / "round3").exists()  # files and their emptied folder
    manifest = _manifest(reports)
    assert not [k for k in manifest if "round3" in k]
    assert {"round2/q_round2_E1.xlsx", "round2/q_round2_E2.xlsx", "summary.csv"} <= set(manifest)
    index = (reports / "index.html").read_text(encoding="utf-8")
    assert "q_round3" not in index and "q_round2_E1.xlsx" in index
    # files of other notebooks and files no run recorded are never touched
    (reports / "mine.txt").write_text("the user's own file")
    assert (
        run_cli("run", "01", "-p", "rnd", "4", "--replace", "--no-progress", cwd=project).returncode
        == 0
    )
    assert (reports / "mine.txt").exists() and not (reports / "round2").exists()
