"""Notebook regression: execute every report notebook on the sample data (papermill) and
compare the values it records (cslib.reporting.records.record) with tests/expected/<stem>.json.

Only recorded values are compared — never timings, figure bytes or HTML — so the test is
insensitive to volatile output.  Refresh an expected file deliberately with
``CSLIB_UPDATE_EXPECTED=1 pytest tests/test_notebooks.py`` and review the diff.
"""

from __future__ import annotations

import json
import math
import os
from pathlib import Path

import pytest
from report_runs import NOTEBOOKS, group

from cslib.reporting.records import read_records

ROOT = Path(__file__).resolve().parents[1]
EXPECTED = ROOT / "tests" / "expected"


# Values from an iterative optimum, not a closed formula: REML variance components (and the
# reliabilities and bootstrap intervals made from them) sit on a flat likelihood, where a
# change of 1e-12 in the deviance moves the optimum by ~1e-7 relative (two evaluations of the
# same deviance, by sparse LU and by block elimination, gave components 3e-7 and bootstrap
# bounds 3e-6 apart).  They are compared at 1e-5; everything else at 1e-9.
ITERATIVE = {
    "05_qa_monitoring": (
        "record.vc_",
        "record.dstudy_",
        "record.design_checks.rotation_max_reliability",  # from the REML components
    )
}


def _compare(got, want, path="record", rel_tol=1e-9, loose=()):
    if isinstance(want, dict):
        assert isinstance(got, dict) and sorted(got) == sorted(want), f"{path}: keys differ"
        for k in want:
            _compare(got[k], want[k], f"{path}.{k}", rel_tol, loose)
    elif isinstance(want, list):
        assert isinstance(got, list) and len(got) == len(want), f"{path}: length differs"
        for k, (g, w) in enumerate(zip(got, want, strict=True)):
            _compare(g, w, f"{path}[{k}]", rel_tol, loose)
    elif isinstance(want, float) and not isinstance(want, bool):
        assert isinstance(got, int | float), f"{path}: {got!r} is not a number"
        tol = 1e-5 if path.startswith(tuple(loose)) else rel_tol
        assert math.isclose(got, want, rel_tol=tol, abs_tol=1e-12), f"{path}: {got!r} != {want!r}"
    else:
        assert got == want, f"{path}: {got!r} != {want!r}"


@pytest.mark.parametrize(
    "notebook",
    [
        pytest.param(nb, marks=pytest.mark.xdist_group(group(nb, "zh")), id=nb.stem)
        for nb in NOTEBOOKS
    ],
)
def test_notebook_reproduces_expected_values(notebook, report_runs):
    """The Chinese run (every notebook's default language) of this session, shared with the
    report hygiene test."""
    run = report_runs.get(notebook, "zh")
    assert run.html.is_file() and run.html.stat().st_size > 10_000
    records = read_records(run.executed)
    assert records, "the notebook recorded no values"
    expected_file = EXPECTED / f"{notebook.stem}.json"
    if os.environ.get("CSLIB_UPDATE_EXPECTED"):
        expected_file.write_text(
            json.dumps(records, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
            encoding="utf-8",
        )
    assert expected_file.is_file(), f"missing {expected_file}"
    want = json.loads(expected_file.read_text(encoding="utf-8"))
    _compare(records, want, loose=ITERATIVE.get(notebook.stem, ()))
    # no staging folders are left behind
    assert not [p for p in run.folder.iterdir() if p.name.startswith(".")]
