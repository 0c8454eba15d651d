"""Ratings and expert-profile readers: long/wide equivalence and located errors."""

from pathlib import Path

import pandas as pd
import pytest

from cslib.core.errors import InputError
from cslib.delphi.io import read_experts, read_ratings

SAMPLES = Path(__file__).resolve().parents[1] / "data_samples"

HEAD = "round,expert_id,indicator_id,score\n"


def _long(rows):
    return HEAD + "".join(f"{r},{e},{i},{s}\n" for r, e, i, s in rows)


def _complete(expert="E1", rnd=1, score=4):
    ids = ["A", "A1", "A2", "A3", "A4", "B", "B1", "B2", "B3", "B4", "C", "C1", "C2", "C3"]
    return [(rnd, expert, i, score) for i in ids]


def test_wide_workbook_equals_long_csv(framework, ratings):
    wide = read_ratings(SAMPLES / "delphi_ratings_wide.xlsx", framework)
    pd.testing.assert_frame_equal(wide.data, ratings.data)
    assert ratings.rounds == (1, 2) and len(ratings.experts(2)) == 26


def test_wide_csv_with_english_headers_and_round_argument(framework, write):
    names = {i: framework.name(i, "en") for i in framework.ids}
    header = "expert_id," + ",".join(names[i] for i in framework.ids) + "\n"
    path = write("wide.csv", header + "E1," + ",".join(["4"] * 14) + "\n")
    got = read_ratings(path, framework, round=3)
    assert set(got.data["round"]) == {3} and got.data["score"].eq(4).all()


@pytest.mark.parametrize(
    "score, expected",
    [("7", "found 7"), ("3.5", "found '3.5'"), ("x", "found 'x'"), ("0", "found 0")],
)
def test_bad_scores_are_located(framework, write, score, expected):
    rows = _complete("E1") + _complete("E2")
    rows[17] = (1, "E2", rows[17][2], score)  # data index 17 = spreadsheet row 19
    path = write("r.csv", _long(rows))
    with pytest.raises(InputError) as err:
        read_ratings(path, framework)
    text = str(err.value)
    assert "r.csv" in text and "row 19" in text and "column 'score'" in text
    assert "an integer score from 1 to 5" in text and expected in text


def test_unknown_indicator(framework, write):
    rows = _complete() + [(1, "E1", "Z9", 4)]
    with pytest.raises(
        InputError, match=r"row 16, column 'indicator_id': expected an indicator id"
    ):
        read_ratings(write("r.csv", _long(rows)), framework)


def test_duplicate_rows(framework, write):
    rows = _complete() + [(1, "E1", "B2", 5)]
    with pytest.raises(InputError) as err:
        read_ratings(write("r.csv", _long(rows)), framework)
    assert "row 16" in str(err.value) and "first given in row 9" in str(err.value)


def test_expert_missing_items_error_and_exclusion(framework, write):
    rows = _complete("E1") + _complete("E2")[:-2]
    path = write("r.csv", _long(rows))
    with pytest.raises(InputError, match=r"expert E2 has no score in round 1 for C2, C3"):
        read_ratings(path, framework)
    got = read_ratings(path, framework, incomplete="exclude")
    assert got.experts(1) == ("E1",)
    assert got.excluded.to_dict("records") == [{"round": 1, "expert_id": "E2", "missing": "C2;C3"}]


def test_empty_and_header_only_files(framework, write):
    with pytest.raises(InputError, match="empty"):
        read_ratings(write("r.csv", ""), framework)
    with pytest.raises(InputError, match="no data rows"):
        read_ratings(write("r.csv", HEAD), framework)


def test_wide_unknown_header(framework, write):
    path = write("wide.csv", "expert_id,round,A,沟通\nE1,1,4,5\n")
    with pytest.raises(InputError, match=r"row 1, column '沟通': header is not an indicator"):
        read_ratings(path, framework)


def test_gbk_encoded_csv(framework, tmp_path):
    header = "专家编号,轮次," + ",".join(framework.name(i) for i in framework.ids) + "\n"
    path = tmp_path / "gbk.csv"
    path.write_bytes((header + "E1,1," + ",".join(["5"] * 14) + "\n").encode("gbk"))
    assert read_ratings(path, framework).data["score"].eq(5).all()


def test_expert_profiles(write):
    experts = read_experts(SAMPLES / "delphi_experts.csv")
    assert len(experts) == 26 and experts["ca"].between(0, 1).all()
    bad = write("e.csv", "expert_id,Ca,Cs\nE1,0.8,0.9\nE2,1.3,0.8\nE1,0.7,0.7\n")
    with pytest.raises(InputError) as err:
        read_experts(bad)
    text = str(err.value)
    assert "row 3, column 'ca'" in text and "[0, 1]" in text and "unique expert id" in text
