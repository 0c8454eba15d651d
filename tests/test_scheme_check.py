"""Scoring-scheme integrity (cslib.consistency.schemes) on the printed KPI scheme and constructed cases."""

from __future__ import annotations

import filecmp
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from cslib.consistency.schemes import check_scheme, load_scheme
from cslib.core.bands import Band
from cslib.core.errors import InputError
from cslib.core.findings import Finding

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data_samples"


def test_printed_kpi_scheme_has_exactly_one_problem():
    # docs/background.md §3: items 30+30+10+5+5+5+5+10 = 100 (fine); bands ">90, 80–90, 70–80, <70":
    # 80 is in both "80–90" and "70–80"; 90 is only in "80–90" (">90" excludes it); 70 only in
    # "70–80"; no score is left out.
    scheme = load_scheme(SAMPLES / "kpi_scheme_ecommerce.yaml")
    findings = check_scheme(scheme)
    assert len(findings) == 1
    f = findings[0]
    assert isinstance(f, Finding)
    assert (f.rule, f.severity, f.where) == ("band_overlap", "problem", "Intermediate / Junior")
    assert "80" in f.message and "90" not in f.message.replace("[80, 90]", "")
    zh = check_scheme(scheme, lang="zh")[0]
    assert zh.where == "中级客服 / 初级客服" and "分数 80" in zh.message


def test_qa_agent_score_scheme_is_clean():
    scheme = load_scheme(SAMPLES / "qa_agent_score_scheme.yaml")
    assert scheme.unit == "percent" and scheme.total == 100
    assert check_scheme(scheme) == []


def _scheme(tmp_path, text):
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    return load_scheme(path)


def test_points_that_do_not_add_up(tmp_path):
    s = _scheme(
        tmp_path,
        """
total: 100
items:
  - {id: a, points: 40, children: [{id: a1, points: 25}, {id: a2, points: 10}]}
  - {id: b, points: 35}
  - {id: c}
  - {id: d, points: 0}
""",
    )
    got = [(f.rule, f.where, f.printed, f.expected) for f in check_scheme(s)]
    assert got == [
        ("children_sum", "a", "35", "40"),
        ("no_points", "c", None, None),
        ("no_points", "d", "0", None),
    ]  # no "total" finding while an item has no points: the sum is unknown


def test_total_and_percent_of_parent(tmp_path):
    s = _scheme(
        tmp_path,
        """
unit: percent
total: 90
children_as: percent_of_parent
items:
  - {id: business, points: 80, children: [{id: sales, points: 60}, {id: quality, points: 30}]}
  - {id: growth, points: 20}
""",
    )
    rules = [(f.rule, f.printed, f.expected) for f in check_scheme(s)]
    assert rules == [
        ("children_sum", "90", "100"),
        ("total", "100", "90"),
        ("total_not_100", "90", "100"),
    ]


BANDS = """
total: 100
items: [{{id: x, points: 100}}]
{step}
bands:
  - {{name_en: A, lower: 90}}
  - {{name_en: B, lower: 80, upper: 89}}
  - {{name_en: C, lower: 60, upper: 80, upper_closed: false}}
"""


def test_gaps_continuous_and_whole_number_scores(tmp_path):
    cont = check_scheme(_scheme(tmp_path, BANDS.format(step="")))
    assert [(f.rule, f.where) for f in cont] == [("band_gap", "[0, 60)"), ("band_gap", "(89, 90)")]
    # with whole-number scores (89, 90) holds no attainable score
    whole = check_scheme(_scheme(tmp_path, BANDS.format(step="score_step: 1")))
    assert [(f.rule, f.where) for f in whole] == [("band_gap", "[0, 60)")]


def test_overlap_of_ranges_and_empty_band(tmp_path):
    s = _scheme(
        tmp_path,
        """
total: 100
items: [{id: x, points: 100}]
bands:
  - {name_en: high, lower: 85}
  - {name_en: mid, lower: 70, upper: 90}
  - {name_en: low, upper: 70, upper_closed: false}
  - {name_en: odd, lower: 50, upper: 50, lower_closed: false}
""",
    )
    got = [(f.rule, f.where) for f in check_scheme(s)]
    assert got == [("band_empty", "odd"), ("band_overlap", "high / mid")]
    overlap = check_scheme(s)[1]
    assert "[85, 90]" in overlap.message


def test_band_contains_respects_open_ends():
    b = Band("高", "high", Decimal(90), None, lower_closed=False)
    assert not b.contains(Decimal(90)) and b.contains(Decimal("90.01"))
    assert b.interval() == "(90, ∞)"


def test_load_errors_name_the_line(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(
        "total: 100\nitems:\n  - {id: a, points: 50}\n  - {id: b, points: lots}\n", encoding="utf-8"
    )
    with pytest.raises(
        InputError, match=r"bad.yaml: row 4: items\[2\] \(b\).points: expected a number"
    ):
        load_scheme(path)
    path.write_text(
        "total: 100\nitems:\n  - {id: a, points: 50}\n  - {id: a, points: 50}\n", encoding="utf-8"
    )
    with pytest.raises(InputError, match="duplicate item id"):
        load_scheme(path)
    path.write_text("items: [", encoding="utf-8")
    with pytest.raises(InputError, match="not valid YAML"):
        load_scheme(path)


def test_generator_is_byte_identical(tmp_path):
    script = SAMPLES / "generate_consistency_samples.py"
    shutil.copy(script, tmp_path / script.name)
    subprocess.run([sys.executable, str(tmp_path / script.name)], check=True, cwd=tmp_path)
    names = [
        "ahp_survey.csv",
        "ahp_matrices_sample.csv",
        "qa_form.csv",
        "qa_calibration.csv",
        "self_assessment.csv",
        "kpi_scheme_ecommerce.yaml",
        "qa_agent_score_scheme.yaml",
    ]
    for name in names:
        assert filecmp.cmp(tmp_path / name, SAMPLES / name, shallow=False), name
