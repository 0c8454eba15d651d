"""QA calibration and questionnaire readers (cslib.consistency.qa_io): shapes, missing ratings, errors."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from cslib.consistency.qa_io import read_item_scores, read_qa_calibration, read_qa_form
from cslib.core.errors import InputError

SAMPLES = Path(__file__).resolve().parents[1] / "data_samples"


@pytest.fixture(scope="module")
def form():
    return read_qa_form(SAMPLES / "qa_form.csv")


def _calib(tmp_path, edit):
    df = pd.read_csv(SAMPLES / "qa_calibration.csv", dtype=str, keep_default_na=False)
    df = edit(df)
    path = tmp_path / "calib.csv"
    df.to_csv(path, index=False)
    return path


def test_sample_calibration(form):
    c = read_qa_calibration(SAMPLES / "qa_calibration.csv", form)
    assert form.total == 100
    assert c.inspectors == ("QA01", "QA02", "QA03", "QA04", "QA05")
    assert len(c.calls) == 40 and c.items == form.items
    assert c.cube().shape == (40, 5, 10)
    assert len(c.missing) == 2
    totals = c.totals()
    assert np.isnan(totals.loc["C17", "QA02"]) and totals.notna().sum().sum() == 198
    complete, excluded = c.complete_totals()
    assert excluded == ("C17", "C31") and len(complete) == 38
    raw = pd.read_csv(SAMPLES / "qa_calibration.csv")
    want = raw.loc[(raw.call_id == "C01") & (raw.inspector_id == "QA03"), "score"].sum()
    assert totals.loc["C01", "QA03"] == want


def test_score_above_the_item_maximum(tmp_path, form):
    def edit(df):
        df.loc[0, "score"] = "10"  # item "open" has at most 5 points; spreadsheet row 2
        return df

    with pytest.raises(InputError) as e:
        read_qa_calibration(_calib(tmp_path, edit), form)
    msg = str(e.value)
    assert "calib.csv" in msg and "row 2, column 'score'" in msg
    assert "inspector QA01, call C01, item open: expected a score from 0 to 5" in msg
    assert "found '10'" in msg


def test_unknown_item_text_score_and_duplicates(tmp_path, form):
    def edit(df):
        df.loc[4, "item"] = "greeting"
        df.loc[7, "score"] = "eight"
        return df

    with pytest.raises(InputError) as e:
        read_qa_calibration(_calib(tmp_path, edit), form)
    msg = str(e.value)
    assert (
        "row 6, column 'item': inspector QA01, call C01, item greeting: expected an item of the form"
        in msg
    )
    assert "row 9, column 'score'" in msg and "found 'eight'" in msg

    def dup(df):
        return pd.concat([df, df.iloc[[3]]], ignore_index=True)

    with pytest.raises(
        InputError, match=r"call C01, item accuracy: scored twice \(first in row 5\)"
    ):
        read_qa_calibration(_calib(tmp_path, dup), form)


def test_inspector_with_no_ratings(tmp_path, form):
    def blank(df):
        df.loc[df["inspector_id"] == "QA04", "score"] = ""
        return df

    with pytest.raises(InputError, match=r"column 'inspector_id': inspector QA04 has no ratings"):
        read_qa_calibration(_calib(tmp_path, blank), form)
    with pytest.raises(InputError, match=r"inspector QA06 has no ratings in the file"):
        read_qa_calibration(
            SAMPLES / "qa_calibration.csv",
            form,
            inspectors=["QA01", "QA02", "QA03", "QA04", "QA05", "QA06"],
        )


def test_without_form_uses_score_range(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text(
        "call_id,inspector_id,item,score\nC1,Q1,total,88\nC1,Q2,total,101\n"
        "C2,Q1,total,70\nC2,Q2,total,72\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match=r"row 3, column 'score'.*from 0 to 100"):
        read_qa_calibration(path, score_range=(0, 100))
    c = read_qa_calibration(path)
    assert c.items == ("total",)


def test_form_errors(tmp_path):
    path = tmp_path / "form.csv"
    path.write_text("item,name_zh,name_en,max_points\nopen,开场,Opening,0\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"row 2, column 'max_points'"):
        read_qa_form(path)


def test_questionnaire_reader(tmp_path):
    answers = read_item_scores(SAMPLES / "self_assessment.csv")
    assert answers.shape == (80, 8) and answers.index.name == "respondent"
    path = tmp_path / "q.csv"
    path.write_text("respondent,S1,S2\nR1,4,5\nR2,10,3\nR3,,2\nR4,2.5,3\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        read_item_scores(path)
    msg = str(e.value)
    assert "row 3, column 'S1'" in msg and "a whole number from 1 to 5" in msg
    assert "row 5, column 'S1'" in msg
