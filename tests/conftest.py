"""Shared fixtures: the sample framework and ratings, and small file writers."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# xdist workers and the notebook kernels they start already fill the cores; BLAS threads on
# top of them only contend (set before numpy is imported by any test module)
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

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


def pytest_collection_modifyitems(config, items):
    """Notebook runs first, the index pages (which read every run) last.

    Kernels are the longest tests: started first, they overlap the many short tests instead
    of leaving one worker busy at the end; the index tests then find the runs made.
    """

    def order(item) -> int:
        mark = item.get_closest_marker("xdist_group")
        if mark is not None and str(
            mark.kwargs.get("name", mark.args[0] if mark.args else "")
        ).startswith("report-"):
            return 0
        return 2 if "index_page" in item.name else 1

    items.sort(key=order)  # stable: collection order within each class
