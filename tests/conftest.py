"""Shared fixtures: the sample framework and ratings, and small file writers."""

from __future__ import annotations

import inspect
import os
import re
import signal
from dataclasses import dataclass
from pathlib import Path

import pytest

# xdist workers and the notebook kernels they start already fill the cores; BLAS threads on
# top of them only contend (set before numpy is imported by any test module)
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

# One pseudonymisation key for the whole session, set before any notebook kernel starts, so
# every kernel (the shared report runs of notebooks 03 and 04 included) pseudonymises with it;
# test_secrets.py scans those runs' outputs for it.  A key set in the developer's environment
# is never used by the tests, and no key file is created in their home folder.
TEST_SALT = "Zq7-unique-test-key-5Kx"
os.environ["CSLIB_SALT"] = TEST_SALT

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data_samples"


@pytest.fixture(scope="session")
def framework():
    from cslib.core.framework import load_framework

    return load_framework(SAMPLES / "framework_complaint_handling.yaml")


@pytest.fixture(scope="session")
def ratings(framework):
    from cslib.delphi.io import read_ratings

    return read_ratings(SAMPLES / "delphi_ratings.csv", framework)


@pytest.fixture
def write(tmp_path):
    """Write text to a file in tmp_path and return its path."""

    def _write(name: str, text: str, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding=encoding)
        return path

    return _write


@pytest.fixture(scope="session")
def report_runs(tmp_path_factory, worker_id):
    """Every report notebook run once per language per session (see tests/report_runs.py)."""
    from report_runs import ReportRuns

    base = tmp_path_factory.getbasetemp()
    # xdist workers' base folders sit in one folder per session: share the runs there
    return ReportRuns((base if worker_id == "master" else base.parent) / "report-runs")


# what starts another process: a notebook kernel, a CLI run, a subprocess, a browser, LibreOffice
_STARTS_PROCESSES = re.compile(
    r"report_runs|run_many|run_notebook|execute_notebook|papermill\.execute|runner\.execute|"
    r"subprocess|"
    r"soffice|libreoffice|chromium|playwright|together\.|run_cli\(\s*[\"']run[\"']|"
    r"run_cli\(\s*[\"'](collect|app|import-survey)[\"']",
    re.IGNORECASE,
)
_CALLED = re.compile(r"\b([A-Za-z_]\w*)\(")


def _in_tests(function) -> bool:
    """Whether ``function`` is defined in a file under ``tests/``."""
    try:
        return Path(inspect.getfile(function)).resolve().is_relative_to(Path(__file__).parent)
    except TypeError:
        return False


def _starts_processes(item) -> bool:
    """Whether a test, or a fixture it uses, starts another process (read from their source).

    Such tests are marked ``slow`` and left out by ``make check`` (``-m "not slow"``); a test
    can also carry ``@pytest.mark.slow`` itself.
    """
    functions = [getattr(item, "function", None)]
    info = getattr(item, "_fixtureinfo", None)
    for name in getattr(item, "fixturenames", ()):
        for fixturedef in info.name2fixturedefs.get(name, ()) if info else ():
            functions.append(fixturedef.func)
    seen: set[object] = set()
    while functions:
        function = functions.pop()
        if function is None or function in seen:
            continue
        seen.add(function)
        try:
            source = inspect.getsource(function)
        except (OSError, TypeError):
            continue
        if _STARTS_PROCESSES.search(source):
            return True
        # the helpers it calls that tests/ defines (``run_audited(...)``), followed the same way
        module = inspect.getmodule(function)
        for called in _CALLED.findall(source):
            helper = getattr(module, called, None)
            if inspect.isfunction(helper) and _in_tests(helper):
                functions.append(helper)
    return False


def _measured_slow() -> set[str]:
    """Tests measured as slow in-process (``tests/slow_tests.txt``, by ``tools/slow_tests.py``,
    which sets ``CSLIB_MEASURE_ALL`` to measure every in-process test again)."""
    if os.environ.get("CSLIB_MEASURE_ALL"):
        return set()
    listed = Path(__file__).with_name("slow_tests.txt").read_text(encoding="utf-8")
    return {line for line in listed.splitlines() if line and not line.startswith("#")}


def pytest_collection_modifyitems(config, items):
    """Notebook runs first, the index pages (which read every run) last; tests that start
    processes are marked ``slow``.

    Tests listed in ``tests/slow_tests.txt`` (measured by ``tools/slow_tests.py``) are marked
    ``slow`` too.  Kernels are the longest tests: started first, they overlap the many short tests instead
    of leaving one worker busy at the end; the index tests then find the runs made.
    """
    measured = _measured_slow()
    for item in items:
        if item.get_closest_marker("slow") is None and (
            item.nodeid in measured or _starts_processes(item)
        ):
            item.add_marker(pytest.mark.slow)

    def order(item) -> int:
        mark = item.get_closest_marker("xdist_group")
        if mark is not None and str(
            mark.kwargs.get("name", mark.args[0] if mark.args else "")
        ).startswith("report-"):
            return 0
        return 2 if "index_page" in item.name else 1

    items.sort(key=order)  # stable: collection order within each class


@dataclass(frozen=True)
class Ran:
    """What an in-process ``cslib.cli.main`` call returned and printed."""

    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def run_cli(monkeypatch, capfd):
    """Call ``cslib.cli.main(argv)`` in this process, as ``python -m cslib`` would run it.

    The working folder is set like the subprocess's ``cwd``; ``capfd`` captures file
    descriptors 1 and 2, so output of the kernels it starts is captured as a subprocess's
    would be (the kernels inherit this process's environment, ``CSLIB_SALT`` included).  The signal handlers and environment variables ``main`` sets for a run are
    restored afterwards, so they never outlive the call in the test process.  An exception
    escaping ``main`` (which would be a traceback on the command line) fails the test.
    """
    for name in ("CSLIB_OUTPUT_DIR", "CSLIB_ROOT"):
        monkeypatch.setenv(name, "")  # recorded, so the value before is restored afterwards
        monkeypatch.delenv(name)
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}

    from cslib import cli as cslib_cli

    def _run(*args: str, cwd: Path = ROOT) -> Ran:
        monkeypatch.chdir(cwd)
        capfd.readouterr()
        try:
            code = cslib_cli.main(list(args))
        except SystemExit as exc:  # argparse's usage errors
            code = exc.code if isinstance(exc.code, int) else 1
        finally:
            for sig, handler in handlers.items():
                signal.signal(sig, handler)
        out = capfd.readouterr()
        return Ran(code, out.out, out.err)

    yield _run
    for sig, handler in handlers.items():
        signal.signal(sig, handler)
