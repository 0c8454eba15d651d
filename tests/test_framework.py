"""Framework loading and validation: each defect gives one located error."""

import pytest

from cslib.core.errors import InputError
from cslib.core.framework import load_framework

HEADER = "id,parent,level,name_zh,name_en\n"


def test_sample_framework(framework):
    assert framework.groups[None] == ("A", "B", "C")
    assert framework.children("B") == ("B1", "B2", "B3", "B4")
    assert len(framework.leaves) == 11 and framework.depth == 2
    assert framework.name("B4", "en") == "Self-motivation"
    assert framework.name("B4") == "自我激励能力"
    assert framework.ancestors("C2") == ("C",)


def test_csv_form_matches_yaml(framework, write, tmp_path):
    path = tmp_path / "fw.csv"
    framework.table.to_csv(path, index=False)
    again = load_framework(path)
    assert again.ids == framework.ids and again.groups == framework.groups


def test_cycle_names_row_and_column(write):
    path = write(
        "fw.csv", HEADER + "A,,,甲,a\nB,,,乙,b\nX,Y,,丙,x\nY,X,,丁,y\nA1,A,,a1,a1\nA2,A,,a2,a2\n"
    )
    with pytest.raises(InputError) as err:
        load_framework(path)
    text = str(err.value)
    assert "fw.csv" in text and "row 4" in text and "column 'parent'" in text and "cycle" in text


def test_duplicate_and_unknown_parent(write):
    path = write("fw.csv", HEADER + "A,,,甲,a\nB,,,乙,b\nA,,,甲,a\nC1,Z,,c,c\n")
    with pytest.raises(InputError) as err:
        load_framework(path)
    text = str(err.value)
    assert "row 4, column 'id': duplicate id (first used in row 2)" in text
    assert "row 5, column 'parent': parent is not an id" in text


def test_single_child_and_level_mismatch(write):
    path = write("fw.csv", HEADER + "A,,1,甲,a\nB,,1,乙,b\nA1,A,3,a1,a1\n")
    with pytest.raises(InputError) as err:
        load_framework(path)
    text = str(err.value)
    assert "row 4, column 'level': level does not match the parents (expected 2)" in text
    assert "row 2, column 'id': has a single child" in text


def test_missing_name(write):
    path = write("fw.csv", HEADER + "A,,,甲,a\nB,,,,b\n")
    with pytest.raises(InputError, match=r"row 3, column 'name_zh': missing value"):
        load_framework(path)


def test_yaml_errors(write):
    with pytest.raises(InputError, match="empty"):
        load_framework(write("fw.yaml", ""))
    with pytest.raises(InputError, match="not valid YAML"):
        load_framework(write("fw.yaml", "indicators: [a, : b\n"))


def test_combine_multiplies_down_three_levels(write):
    path = write(
        "fw.csv",
        HEADER + "A,,,甲,a\nB,,,乙,b\nA1,A,,a1,a1\nA2,A,,a2,a2\nA1x,A1,,x,x\nA1y,A1,,y,y\n",
    )
    fw = load_framework(path)
    local = [0.6, 0.4, 0.7, 0.3, 0.25, 0.75]  # A B A1 A2 A1x A1y
    got = fw.combine(local)
    assert got.tolist() == pytest.approx([0.6, 0.4, 0.42, 0.18, 0.105, 0.315], abs=1e-15)
    stacked = fw.combine([local, local])  # leading axes are carried along
    assert stacked.shape == (2, 6) and stacked[1].tolist() == pytest.approx(got.tolist(), abs=1e-15)
