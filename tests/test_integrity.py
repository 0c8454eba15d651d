"""Published-table check: the seed table gives exactly the one rounding note docs/background.md §1 describes."""

from pathlib import Path

import pytest

from cslib.core.errors import InputError
from cslib.core.weight_table import read_weight_table
from cslib.delphi.table_check import check_weight_table

SAMPLES = Path(__file__).resolve().parents[1] / "data_samples"

SEED = (SAMPLES / "published_weights_complaint_handling.csv").read_text(encoding="utf-8")


def test_seed_table_has_exactly_one_rounding_note():
    findings = check_weight_table(
        read_weight_table(SAMPLES / "published_weights_complaint_handling.csv")
    )
    assert len(findings) == 1
    f = findings[0]
    assert (f.rule, f.severity, f.where, f.printed) == (
        "combined_is_product",
        "rounding",
        "B2",
        "10.10",
    )
    # 33.47 × 30.16 % = 10.0946 → 10.09; inputs up to 33.475 × 30.165 % = 10.0977 ≥ 10.095
    assert "10.0946" in f.message and f.expected == "10.0914–10.0977"


def test_impossible_combined_value(write):
    path = write("t.csv", SEED.replace("B2,B,30.16,10.10", "B2,B,30.16,10.20"))
    findings = check_weight_table(read_weight_table(path))
    severities = {(f.rule, f.where): f.severity for f in findings}
    assert severities[("combined_is_product", "B2")] == "problem"
    assert severities[("combined_sum_to_parent", "B")] == "problem"
    assert severities[("combined_total", "all")] == "problem"


def test_group_sum_rounding_vs_problem(write):
    off_by_rounding = SEED.replace("C3,C,32.22,9.14", "C3,C,32.23,9.15")
    f = check_weight_table(read_weight_table(write("a.csv", off_by_rounding)))
    by_rule = {(x.rule, x.where): x.severity for x in f}
    assert by_rule[("group_sum", "C")] == "rounding"  # 100.01 within 4 × 0.005
    off_by_much = SEED.replace("C3,C,32.22,9.14", "C3,C,34.22,9.14")
    f = check_weight_table(read_weight_table(write("b.csv", off_by_much)))
    assert {(x.rule, x.where): x.severity for x in f}[("group_sum", "C")] == "problem"


def test_bad_number_is_located(write):
    path = write("t.csv", SEED.replace("B3,B,21.24,7.11", "B3,B,21,24,7.11"))
    with pytest.raises(InputError):
        read_weight_table(path)
    path = write("u.csv", SEED.replace("B3,B,21.24,7.11", "B3,B,abc,7.11"))
    with pytest.raises(InputError, match=r"row 10, column 'weight'.*found 'abc'"):
        read_weight_table(path)


def test_chinese_messages():
    table = read_weight_table(SAMPLES / "published_weights_complaint_handling.csv")
    (f,) = check_weight_table(table, lang="zh")
    assert "可由输入的四舍五入解释" in f.message and "10.0914–10.0977" in f.message
