"""AHP readers (cslib.consistency.ahp_io): survey mode, matrix mode; located errors.

The weights notebook 02 compares with are read by cslib.core.weight_table (tests in
test_weight_table.py).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from cslib.consistency import ahp_survey as ahp
from cslib.consistency.ahp_io import read_ahp_matrices, read_ahp_survey
from cslib.core.errors import InputError

SAMPLES = Path(__file__).resolve().parents[1] / "data_samples"


def _survey(tmp_path, edit=None, name="survey.csv"):
    df = pd.read_csv(SAMPLES / "ahp_survey.csv", dtype=str, keep_default_na=False)
    if edit is not None:
        df = edit(df)
    path = tmp_path / name
    if name.endswith(".xlsx"):
        df.to_excel(path, index=False)
    else:
        df.to_csv(path, index=False)
    return path


def test_sample_survey_reads_every_group(framework):
    j = read_ahp_survey(SAMPLES / "ahp_survey.csv", framework)
    assert list(j) == [None, "A", "B", "C"]
    assert j["A"].labels == ("A1", "A2", "A3", "A4") and len(j["A"].experts) == 20
    assert j[None].rows[:2] == (2, 3)
    first = pd.read_csv(SAMPLES / "ahp_survey.csv").iloc[0]
    # code -2 in column A~B means B is twice as important as A: a[A, B] = 1/2
    assert first["A~B"] == -2 and j[None].matrices[0, 0, 1] == pytest.approx(0.5)
    assert j[None].matrices[0, 1, 0] == pytest.approx(2.0)
    for g in j.values():
        np.testing.assert_allclose(g.matrices * np.swapaxes(g.matrices, 1, 2), 1, rtol=1e-12)


def test_matrix_mode_sample_equals_survey_mode(framework):
    survey = read_ahp_survey(SAMPLES / "ahp_survey.csv", framework)
    matrices = read_ahp_matrices(SAMPLES / "ahp_matrices_sample.csv", framework)
    for g, gj in matrices.items():
        assert gj.experts == ("E01", "E02", "E03")
        np.testing.assert_allclose(gj.matrices, survey[g].matrices[:3], rtol=1e-12)


def test_reversed_pair_column_means_the_same_answer(tmp_path, framework):
    def flip(df):
        df = df.rename(columns={"A1~A2": "A2~A1"})
        df["A2~A1"] = [str(-int(v)) if abs(int(v)) != 1 else v for v in df["A2~A1"]]
        return df

    a = read_ahp_survey(SAMPLES / "ahp_survey.csv", framework)
    b = read_ahp_survey(_survey(tmp_path, flip), framework)
    np.testing.assert_allclose(a["A"].matrices, b["A"].matrices, rtol=1e-12)


def test_xlsx_survey(tmp_path, framework):
    j = read_ahp_survey(_survey(tmp_path, name="survey.xlsx"), framework)
    ref = read_ahp_survey(SAMPLES / "ahp_survey.csv", framework)
    np.testing.assert_allclose(j["B"].matrices, ref["B"].matrices)


def test_missing_pair_column(tmp_path, framework):
    path = _survey(tmp_path, lambda df: df.drop(columns=["B2~B4"]))
    with pytest.raises(InputError) as e:
        read_ahp_survey(path, framework)
    msg = str(e.value)
    assert str(path) in msg and "row 1" in msg and "column 'B2~B4'" in msg
    assert "group B, pair B2~B4: no column for this pair" in msg


def test_missing_answer_zero_ten_and_fraction(tmp_path, framework):
    def edit(df):
        df.loc[3, "A1~A3"] = ""  # spreadsheet row 5, expert E04
        df.loc[6, "C1~C2"] = "0"  # row 8, E07
        df.loc[9, "A~B"] = "10"  # row 11, E10
        df.loc[10, "B1~B2"] = "1/3"  # row 12, E11: survey mode takes signed integers
        return df

    path = _survey(tmp_path, edit)
    with pytest.raises(InputError) as e:
        read_ahp_survey(path, framework)
    msg = str(e.value)
    assert "4 problems" in msg
    assert "row 5, column 'A1~A3': expert E04, group A, pair A1~A3: missing value" in msg
    assert "row 8, column 'C1~C2': expert E07, group C, pair C1~C2:" in msg and "found 0" in msg
    assert "row 11, column 'A~B': expert E10, group (top), pair A~B:" in msg
    assert "found 10" in msg
    assert "row 12, column 'B1~B2': expert E11, group B, pair B1~B2:" in msg
    assert "found '1/3'" in msg


def test_unknown_ids_and_duplicate_experts(tmp_path, framework):
    path = _survey(tmp_path, lambda df: df.assign(**{"A1~B1": "3"}))
    with pytest.raises(InputError, match="not in the same sibling group"):
        read_ahp_survey(path, framework)
    path = _survey(tmp_path, lambda df: df.assign(**{"A1~Z9": "3"}))
    with pytest.raises(InputError, match=r"unknown indicator id\(s\) \['Z9'\]"):
        read_ahp_survey(path, framework)

    def dup(df):
        df.loc[1, "expert"] = "E01"
        return df

    with pytest.raises(InputError, match="row 3, column 'expert'"):
        read_ahp_survey(_survey(tmp_path, dup), framework)


def _matrix_file(tmp_path, edit=None, name="m.csv"):
    df = pd.read_csv(SAMPLES / "ahp_matrices_sample.csv", dtype=str, keep_default_na=False)
    if edit is not None:
        df = edit(df)
    path = tmp_path / name
    df.to_csv(path, index=False)
    return path, df


def test_matrix_non_reciprocal_and_zero(tmp_path, framework):
    def nonrec(df):
        row = df.index[(df["expert"] == "E02") & (df["item"] == "B3")][0]
        df.loc[row, "B1"] = "3"  # a[B3, B1] should be the reciprocal of a[B1, B3]
        return df

    path, df = _matrix_file(tmp_path, nonrec)
    sheet_row = int(df.index[(df["expert"] == "E02") & (df["item"] == "B3")][0]) + 2
    with pytest.raises(InputError) as e:
        read_ahp_matrices(path, framework)
    msg = str(e.value)
    assert f"row {sheet_row}, column 'B1'" in msg and "expert E02, group B, pair B3~B1" in msg
    assert "not the reciprocal" in msg

    def zero(df):
        row = df.index[(df["expert"] == "E03") & (df["item"] == "C1")][0]
        df.loc[row, "C2"] = "0"
        return df

    path, df = _matrix_file(tmp_path, zero)
    with pytest.raises(InputError, match=r"expert E03, group C, pair C1~C2: expected a positive"):
        read_ahp_matrices(path, framework)


def test_matrix_missing_row_and_text_cell(tmp_path, framework):
    path, _ = _matrix_file(tmp_path, lambda df: df.drop(index=5))  # E01, group A, item A3
    with pytest.raises(
        InputError, match=r"expert E01, group A: the matrix has no row for \['A3'\]"
    ):
        read_ahp_matrices(path, framework)

    def text(df):
        df.loc[0, "B"] = "two"
        return df

    path, _ = _matrix_file(tmp_path, text)
    with pytest.raises(InputError, match=r"row 2, column 'B'.*pair A~B: not a number"):
        read_ahp_matrices(path, framework)


def test_matrix_workbook_one_sheet_per_group(tmp_path, framework):
    df = pd.read_csv(SAMPLES / "ahp_matrices_sample.csv", dtype=str, keep_default_na=False)
    path = tmp_path / "matrices.xlsx"
    with pd.ExcelWriter(path) as xl:
        for g, block in df.groupby("group", sort=False):
            block.to_excel(xl, sheet_name=g, index=False)
    got = read_ahp_matrices(path, framework)
    ref = read_ahp_matrices(SAMPLES / "ahp_matrices_sample.csv", framework)
    for g in ref:
        np.testing.assert_allclose(got[g].matrices, ref[g].matrices)


def test_aggregate_of_sample_is_acceptable(framework):
    j = read_ahp_survey(SAMPLES / "ahp_survey.csv", framework)
    res = ahp.analyse_survey(j, framework)
    assert res.aggregate_consistency["acceptable"].all()
    assert set(res.consistency.loc[~res.consistency["acceptable"], "expert"]) == {
        "E04",
        "E11",
        "E16",
        "E17",
    }
