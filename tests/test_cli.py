"""The command line: listing, parameters, and a failing notebook that names its cell.

Two tests run the real entry point ``python -m cslib`` in a subprocess (exit code, stderr
without a traceback, and SIGTERM clean-up, which needs a process of its own); the others
call :func:`cslib.cli.main` in this process (``run_cli`` in ``conftest.py``), which checks
the same return codes and messages without starting an interpreter and importing the
package for each call.
"""

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from sample_args import sample_args

ROOT = Path(__file__).resolve().parents[1]


def _cli(*args, cwd=ROOT):
    """``python -m cslib ARGS`` in a subprocess: the real entry point."""
    return subprocess.run(
        [sys.executable, "-m", "cslib", *args], cwd=cwd, capture_output=True, text=True, timeout=600
    )


@pytest.fixture
def project(tmp_path):
    """A throwaway project with one good and one failing notebook."""
    for name in ("pyproject.toml",):
        shutil.copy(ROOT / name, tmp_path / name)
    (tmp_path / "cslib").symlink_to(ROOT / "cslib")
    (tmp_path / "notebooks").mkdir()
    good = nbformat.v4.new_notebook()
    good.cells = [
        nbformat.v4.new_code_cell(
            "x = 1\noutput_dir = 'reports'", metadata={"tags": ["parameters"]}
        ),
        nbformat.v4.new_code_cell(
            "from pathlib import Path\n(Path(output_dir) / 'out.csv').write_text(str(x))"
        ),
    ]
    bad = nbformat.v4.new_notebook()
    bad.cells = [
        nbformat.v4.new_code_cell("output_dir = 'reports'", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("print('fine')"),
        nbformat.v4.new_code_cell("raise ValueError('scores out of range')"),
    ]
    for nb, name in ((good, "01_good.ipynb"), (bad, "02_bad.ipynb")):
        nb.metadata["kernelspec"] = {
            "name": "python3",
            "display_name": "Python 3",
            "language": "python",
        }
        nbformat.write(nb, tmp_path / "notebooks" / name)
    return tmp_path


def _visible(folder: Path) -> dict[str, bytes]:
    """Every file in ``folder`` outside the private staging area, with its bytes."""
    if not folder.exists():
        return {}
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".cslib-staging" not in p.relative_to(folder).parts
    }


def test_list_shows_parameters(run_cli):
    out = run_cli("list")
    assert (
        out.returncode == 0 and "01_delphi_weights" in out.stdout and "weight_method" in out.stdout
    )


def test_good_notebook_with_parameter(project, run_cli):
    out = run_cli("run", "01", "-p", "x", "42", "--no-progress", cwd=project)
    assert out.returncode == 0, out.stderr
    reports = project / "reports"
    assert (reports / "out.csv").read_text() == "42"
    assert (reports / "01_good.html").is_file() and (reports / "01_good.ipynb").is_file()
    assert (reports / "index.html").is_file()


def test_failing_notebook_names_cell_and_writes_nothing(project, run_cli):
    out = _cli("run", "02_bad", "--no-progress", cwd=project)  # the real entry point
    assert out.returncode == 1
    assert "Traceback" not in out.stderr
    # the run's language (zh by default), the cell, the error's text: no Python class name
    assert "报告 02_bad 未生成" in out.stderr and "第 3 个单元格" in out.stderr
    assert "scores out of range" in out.stderr and "ValueError" not in out.stderr
    reports = project / "reports"
    assert _visible(reports) == {}
    # the partly executed notebook is kept privately in the staging area, and the message says where
    kept = [
        Path(line.split("保存在：", 1)[1]) for line in out.stderr.splitlines() if "保存在" in line
    ]
    assert len(kept) == 1 and kept[0].is_file()
    assert kept[0].parent == reports / ".cslib-staging" / "failed"
    assert kept[0].stat().st_mode & 0o777 == 0o600
    again = run_cli("run", "02_bad", "--no-progress", cwd=project)
    assert again.returncode == 1
    assert len(list(kept[0].parent.iterdir())) == 2  # unique names: the first copy survives


def test_unknown_parameter_and_notebook(project, run_cli):
    out = run_cli("run", "01", "-p", "nonsense", "1", cwd=project)
    assert out.returncode == 2 and "has no parameter(s) nonsense" in out.stderr
    # every notebook: checked before any runs
    out = run_cli("run", "-p", "nonsense", "1", cwd=project)
    assert out.returncode == 2 and "no selected notebook has parameter(s) nonsense" in out.stderr
    assert not (project / "reports").exists()
    out = run_cli("run", "99", cwd=project)
    assert out.returncode == 2 and "no single notebook matches" in out.stderr


def test_yaml_parameter_file(project, run_cli):
    (project / "p.yaml").write_text("x: 7\n01_good:\n  x: 9\n", encoding="utf-8")
    out = run_cli("run", "01", "--params", "p.yaml", "--no-progress", cwd=project)
    assert out.returncode == 0, out.stderr
    assert (project / "reports" / "out.csv").read_text() == "9"


def test_bad_ratings_file_stops_the_report_with_a_located_error(tmp_path, run_cli):
    ratings = (
        (ROOT / "data_samples" / "delphi_ratings.csv").read_text(encoding="utf-8").splitlines()
    )
    ratings[7] = ratings[7].rsplit(",", 1)[0] + ",7"  # spreadsheet row 8: score 7 on a 1–5 scale
    bad = tmp_path / "ratings.csv"
    bad.write_text("\n".join(ratings) + "\n", encoding="utf-8")
    reports = tmp_path / "reports"
    out = run_cli(
        "run", "01", "-p", "ratings_path", str(bad), "--output-dir", str(reports), "--no-progress",
        *sample_args("01_delphi_weights", but="ratings_path"),
    )  # fmt: skip
    assert out.returncode == 1
    assert "报告 01_delphi_weights 未生成" in out.stderr and "InputError" not in out.stderr
    # in the run's language (Chinese by default), the file, row, column, expected and found
    assert "第 8 行，列“score”：应为 1 到 5 的整数分（实际为“7”）" in out.stderr
    assert str(bad) in out.stderr
    assert _visible(reports) == {}


def test_rerun_with_other_parameters_refuses_to_replace_outputs(project, run_cli):
    assert run_cli("run", "01", "-p", "x", "1", "--no-progress", cwd=project).returncode == 0
    before = _visible(project / "reports")
    out = run_cli("run", "01", "-p", "x", "2", "--no-progress", cwd=project)
    assert out.returncode == 2
    assert "made from other inputs" in out.stderr and "x: 1 → 2" in out.stderr
    assert _visible(project / "reports") == before  # nothing replaced
    same = run_cli("run", "01", "-p", "x", "1", "--no-progress", cwd=project)
    assert same.returncode == 0, same.stderr  # the same inputs may be re-run freely
    forced = run_cli("run", "01", "-p", "x", "2", "--replace", "--no-progress", cwd=project)
    assert forced.returncode == 0, forced.stderr
    assert (project / "reports" / "out.csv").read_text() == "2"


def test_output_path_that_is_a_file_or_read_only(project, run_cli):
    (project / "afile").write_text("x")
    out = run_cli("run", "01", "--output-dir", "afile", "--no-progress", cwd=project)
    assert out.returncode == 2 and "afile" in out.stderr and "not a folder" in out.stderr
    assert "Traceback" not in out.stderr
    ro = project / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    try:
        out = run_cli("run", "01", "--output-dir", "ro", "--no-progress", cwd=project)
    finally:
        ro.chmod(0o700)
    if os.geteuid() != 0:  # root writes anywhere
        assert out.returncode == 2 and "cannot be written" in out.stderr
        assert "Traceback" not in out.stderr
    if Path("/proc/self").is_dir():  # not writable even for root
        out = run_cli(
            "run", "01", "--output-dir", "/proc/cslib-reports", "--no-progress", cwd=project
        )
        assert out.returncode == 2 and "/proc/cslib-reports" in out.stderr, out.stderr
        assert "cannot be written" in out.stderr and "Traceback" not in out.stderr


def test_partial_failure_runs_the_rest_in_parallel_and_rebuilds_the_index(project, run_cli):
    (project / "reports").mkdir()
    (project / "reports" / "index.html").write_text('<a href="99_gone.html">stale</a>')
    out = run_cli("run", "-j", "2", "--no-progress", cwd=project)
    assert out.returncode == 1
    reports = project / "reports"
    assert (reports / "01_good.html").is_file() and not (reports / "02_bad.html").exists()
    index = (reports / "index.html").read_text(encoding="utf-8")
    assert "01_good.html" in index and "02_bad" not in index
    assert "99_gone" not in index  # built from the folder, not from an earlier index


def test_bad_jobs_value(project, run_cli):
    out = run_cli("run", "01", "-j", "0", cwd=project)
    assert out.returncode == 2 and "-j/--jobs" in out.stderr


def test_sigterm_removes_staging(project):
    slow = nbformat.v4.new_notebook()
    slow.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    slow.cells = [
        nbformat.v4.new_code_cell("output_dir = 'reports'", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell(
            "import time\nfrom pathlib import Path\n(Path(output_dir) / 'part.csv').write_text('1')\n"
            "time.sleep(60)"
        ),
    ]
    nbformat.write(slow, project / "notebooks" / "03_slow.ipynb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "cslib", "run", "03_slow", "--no-progress"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    staging = project / "reports" / ".cslib-staging"
    deadline = time.monotonic() + 120
    while not list(staging.glob("*/files/part.csv")) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert list(staging.glob("*/files/part.csv")), "the notebook never started"
    import psutil

    kernels = psutil.Process(proc.pid).children(recursive=True)
    assert kernels, "no kernel process found"
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    _, alive = psutil.wait_procs(kernels, timeout=15)
    assert not alive, f"kernels still running: {alive}"
    assert proc.returncode == 128 + signal.SIGTERM, err
    assert "staging folders removed" in err
    assert not staging.exists()
    assert _visible(project / "reports") == {} or set(_visible(project / "reports")) == {
        "index.html"
    }
