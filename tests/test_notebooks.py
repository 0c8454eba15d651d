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

from cslib.reporting import runner
from cslib.reporting.records import read_records

ROOT = Path(__file__).resolve().parents[1]
EXPECTED = ROOT / "tests" / "expected"
NOTEBOOKS = runner.discover(ROOT)


def _compare(got, want, path="record"):
    if isinstance(want, dict):
        assert isinstance(got, dict) and sorted(got) == sorted(want), f"{path}: keys differ"
        for k in want:
            _compare(got[k], want[k], f"{path}.{k}")
    elif isinstance(want, list):
        assert isinstance(got, list) and len(got) == len(want), f"{path}: length differs"
        for k, (g, w) in enumerate(zip(got, want, strict=True)):
            _compare(g, w, f"{path}[{k}]")
    elif isinstance(want, float) and not isinstance(want, bool):
        assert isinstance(got, int | float), f"{path}: {got!r} is not a number"
        assert math.isclose(got, want, rel_tol=1e-9, abs_tol=1e-12), f"{path}: {got!r} != {want!r}"
    else:
        assert got == want, f"{path}: {got!r} != {want!r}"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[nb.stem for nb in NOTEBOOKS])
def test_notebook_reproduces_expected_values(notebook, tmp_path):
    result = runner.execute(notebook, output_dir=tmp_path, progress=False)
    assert result.html.is_file() and result.html.stat().st_size > 10_000
    records = read_records(result.executed)
    assert records, "the notebook recorded no values"
    expected_file = EXPECTED / f"{notebook.stem}.json"
    if os.environ.get("CSLIB_UPDATE_EXPECTED"):
        expected_file.write_text(
            json.dumps(records, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
            encoding="utf-8",
        )
    assert expected_file.is_file(), f"missing {expected_file}"
    _compare(records, json.loads(expected_file.read_text(encoding="utf-8")))
    # no staging folders are left behind
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]
