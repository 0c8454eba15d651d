"""Tests of cslib.needs.assessment: reading multi-source ratings, 360° weighting, composite scores.

Expected values are computed by hand in the tests (the formulas are in the module
docstring); published weights are the table of docs/background.md §1 (the Delphi study).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from cslib.core import weights
from cslib.core.errors import InputError
from cslib.core.weight_table import read_weight_table
from cslib.needs import assessment

LEAVES = ("A1", "A2", "A3", "A4", "B1", "B2", "B3", "B4", "C1", "C2", "C3")
# docs/background.md §1, combined weights (%)
PUBLISHED = dict(
    zip(LEAVES, (9.24, 8.58, 10.35, 9.98, 11.55, 10.10, 7.11, 4.71, 8.86, 10.38, 9.14), strict=True)
)
HEADER = "agent_id,team,source,indicator_id,score\n"


def ratings_csv(rows):
    return HEADER + "".join(",".join(map(str, r)) + "\n" for r in rows)


def full_agent(agent, team, scores, sources=("self", "leader")):
    """Rows rating every leaf; ``scores[source]`` is a list of 11 scores."""
    return [(agent, team, s, i, scores[s][k]) for s in sources for k, i in enumerate(LEAVES)]


@pytest.fixture
def two_agents(write, framework):
    rows = full_agent("X1", "T1", {"self": [4] * 11, "leader": [3] * 11})
    rows += full_agent(
        "X2",
        "T2",
        {"self": [5, 4, 3, 2, 1, 5, 4, 3, 2, 1, 5], "leader": [1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 1]},
    )
    # X3: leader missing on A1 only
    rows += [
        r
        for r in full_agent("X3", "T1", {"self": [5] * 11, "leader": [2] * 11})
        if not (r[2] == "leader" and r[3] == "A1")
    ]
    return assessment.read_assessments(write("r.csv", ratings_csv(rows)), framework)


# ----------------------------------------------------------------------------- 360° weighting
def test_360_weighting_by_hand(two_agents):
    c = assessment.combine_sources(two_agents, {"self": 0.3, "leader": 0.7})
    assert c.scores.loc["X1", "A1"] == pytest.approx(0.3 * 4 + 0.7 * 3, abs=1e-12)  # 3.3
    x2 = [
        0.3 * s + 0.7 * m
        for s, m in zip(
            [5, 4, 3, 2, 1, 5, 4, 3, 2, 1, 5], [1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 1], strict=True
        )
    ]
    np.testing.assert_allclose(c.scores.loc["X2"].to_numpy(), x2, rtol=0, atol=1e-12)
    # missing leader on A1: the self weight is renormalised to 1 → the self score
    assert c.scores.loc["X3", "A1"] == pytest.approx(5.0, abs=1e-12)
    assert c.scores.loc["X3", "A2"] == pytest.approx(0.3 * 5 + 0.7 * 2, abs=1e-12)
    assert c.affected_agents == ("X3",)
    aff = c.affected.iloc[0]
    assert (aff["indicator_id"], aff["missing_sources"]) == ("A1", "leader")
    assert aff["weight_used"] == pytest.approx(0.3)
    assert c.excluded.empty


def test_missing_source_exclude_rule_reports(two_agents):
    c = assessment.combine_sources(two_agents, {"self": 0.3, "leader": 0.7}, missing="exclude")
    assert list(c.scores.index) == ["X1", "X2"]
    assert c.excluded["agent_id"].tolist() == ["X3"]
    assert "leader" in c.excluded["reason"].iloc[0]
    assert c.excluded[["reason_code", "missing"]].values.tolist() == [["missing_source", "leader"]]


def test_source_weights_must_sum_to_one(two_agents):
    with pytest.raises(InputError, match=r"source weights must sum to 1.*1\.1"):
        assessment.combine_sources(two_agents, {"self": 0.4, "leader": 0.7})


def test_source_without_weight_is_located(two_agents):
    with pytest.raises(InputError, match=r"row \d+, column 'source'.*no weight"):
        assessment.combine_sources(two_agents, {"self": 1.0})


# ----------------------------------------------------------------------------- composite
def test_composite_by_hand(two_agents):
    c = assessment.combine_sources(two_agents, {"self": 0.3, "leader": 0.7})
    w = pd.Series(PUBLISHED) / 100
    res = assessment.composite_scores(c, weights.IndicatorWeights(w, "docs/background.md §1"))
    x1 = res.table.set_index("agent_id").loc["X1"]
    assert x1["composite"] == pytest.approx(3.3, abs=1e-12)  # all indicators 3.3
    assert x1["percent"] == pytest.approx(66.0, abs=1e-12)
    assert x1["level_en"] == "needs development"
    # X2: Σ w_i x_i by hand
    s = [5, 4, 3, 2, 1, 5, 4, 3, 2, 1, 5]
    m = [1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 1]
    hand = sum(
        PUBLISHED[i] / 100 * (0.3 * a + 0.7 * b) for i, a, b in zip(LEAVES, s, m, strict=True)
    )
    assert res.table.set_index("agent_id").loc["X2", "composite"] == pytest.approx(hand, abs=1e-12)
    assert res.weights.name == "docs/background.md §1"


def test_composite_single_indicator_drop():
    scores = pd.DataFrame([[4.0] * 11], index=pd.Index(["Z"], name="agent_id"), columns=LEAVES)
    scores.loc["Z", "B1"] = 2.0
    comb = assessment.SourceCombination(
        scores, pd.Series({"Z": "T"}), {"self": 1.0}, "renormalise", pd.DataFrame(), pd.DataFrame()
    )
    res = assessment.composite_scores(comb, pd.Series(PUBLISHED) / 100)
    assert res.table["composite"].iloc[0] == pytest.approx(4 - 2 * 0.1155, abs=1e-12)
    assert res.table["percent"].iloc[0] == pytest.approx(100 * (4 - 0.231) / 5, abs=1e-12)
    assert res.table["level_en"].iloc[0] == "junior"  # 75.38 in [70, 80)


def test_weights_not_summing_to_one(two_agents):
    c = assessment.combine_sources(two_agents, {"self": 0.3, "leader": 0.7})
    bad = pd.Series(PUBLISHED) / 100 * 1.1
    with pytest.raises(InputError, match="weights must sum to 1.*1.1"):
        assessment.composite_scores(c, bad)
    with pytest.raises(InputError, match="no weight for C3"):
        assessment.composite_scores(c, (pd.Series(PUBLISHED) / 100).drop("C3"))


def test_weight_result_and_published_table_accepted(framework, ratings, write):
    from cslib.delphi.weights import derive_weights

    wr = derive_weights(ratings, method="mean", n_boot=0)
    w = weights.as_weights(wr, framework)
    assert w.name == "mean"
    np.testing.assert_allclose(w.weights.to_numpy(), wr.combined().reindex(LEAVES).to_numpy())
    text = "id,parent,weight,combined\nA,,38.15,\nB,,33.47,\nC,,28.38,\n" + "".join(
        f"{i},{i[0]},1,{v}\n" for i, v in PUBLISHED.items()
    )
    pub = read_weight_table(write("pub.csv", text)).to_indicator_weights(framework)
    assert pub.weights["B1"] == pytest.approx(0.1155 / 1.0000, abs=1e-12)
    assert pub.name.startswith("published table")
    # the two-column form, percent
    text2 = "indicator_id,weight\n" + "".join(f"{i},{v}\n" for i, v in PUBLISHED.items())
    flat = read_weight_table(write("w.csv", text2)).to_indicator_weights(framework)
    assert flat.weights["C2"] == pytest.approx(0.1038, abs=1e-12)
    # with 10.09 instead of 10.10 (docs/background.md §1) the sum is 99.99: accepted, renormalised, noted
    pub99 = read_weight_table(
        write("w99.csv", text2.replace("B2,10.1", "B2,10.09"))
    ).to_indicator_weights(framework)
    assert "99.99" in pub99.notes[0]
    assert pub99.weights.sum() == pytest.approx(1.0, abs=1e-12)
    with pytest.raises(InputError, match="must sum to 100.*90"):
        read_weight_table(
            write("w90.csv", text2.replace("B1,11.55", "B1,1.55"))
        ).to_indicator_weights(framework)


# ----------------------------------------------------------------------------- bands
def test_check_bands():
    assert assessment.check_bands(assessment.DEFAULT_BANDS) == []
    overlap = (
        assessment.Band(85, 100, "高", "senior"),
        assessment.Band(70, 90, "中", "mid"),
        assessment.Band(0, 70, "低", "low"),
    )
    f = assessment.check_bands(overlap)
    assert [x.rule for x in f] == ["band_overlap"] and "85" in f[0].message
    gap = (assessment.Band(90, 100, "高", "senior"), assessment.Band(0, 80, "低", "low"))
    f = assessment.check_bands(gap)
    assert [x.rule for x in f] == ["band_gap"] and "[80, 90)" in f[0].message
    # the top band holds 100 itself, every other band stops short of its upper end
    assert (
        assessment.check_bands(
            (assessment.Band(90, 100, "高", "senior"), assessment.Band(0, 90, "低", "low"))
        )
        == []
    )


def test_bad_bands_refused(two_agents):
    c = assessment.combine_sources(two_agents, {"self": 0.3, "leader": 0.7})
    with pytest.raises(InputError, match=r"scores \[80, 90\) fall into no band"):
        assessment.composite_scores(
            c,
            pd.Series(PUBLISHED) / 100,
            bands=(assessment.Band(90, 100, "高", "s"), assessment.Band(0, 80, "低", "l")),
        )


def test_band_edges():
    scores = pd.DataFrame(
        [[4.5] * 11, [5.0] * 11, [3.5] * 11],
        columns=LEAVES,
        index=pd.Index(["a", "b", "c"], name="agent_id"),
    )
    comb = assessment.SourceCombination(
        scores,
        pd.Series({"a": "T", "b": "T", "c": "T"}),
        {"self": 1.0},
        "renormalise",
        pd.DataFrame(),
        pd.DataFrame(),
    )
    res = assessment.composite_scores(comb, pd.Series(1 / 11, index=LEAVES))
    # 90 → senior (lower bound inclusive), 100 → senior (top inclusive), 70 → junior
    assert res.table["level_en"].tolist() == ["senior", "senior", "junior"]


# ----------------------------------------------------------------------------- bad input
def test_score_off_scale(write, framework):
    rows = full_agent("X1", "T1", {"self": [4] * 11, "leader": [3] * 11})
    rows[3] = ("X1", "T1", "self", "A4", 7)
    with pytest.raises(InputError) as e:
        assessment.read_assessments(write("r.csv", ratings_csv(rows)), framework)
    msg = str(e.value)
    assert "r.csv" in msg and "row 5" in msg and "column 'score'" in msg
    assert "integer score from 1 to 5" in msg and "7" in msg


def test_unknown_indicator(write, framework):
    rows = full_agent("X1", "T1", {"self": [4] * 11, "leader": [3] * 11})
    rows[0] = ("X1", "T1", "self", "Z9", 4)
    with pytest.raises(InputError, match=r"row 2, column 'indicator_id'.*indicator id.*Z9"):
        assessment.read_assessments(write("r.csv", ratings_csv(rows)), framework)
    rows[0] = ("X1", "T1", "self", "A", 4)  # a first-level id is not rated
    with pytest.raises(InputError, match="lowest-level indicator"):
        assessment.read_assessments(write("r.csv", ratings_csv(rows)), framework)


def test_unknown_agent_and_source(write, framework):
    rows = full_agent("X1", "T1", {"self": [4] * 11, "leader": [3] * 11})
    rows.append(("GHOST", "T1", "self", "A1", 3))
    path = write("r.csv", ratings_csv(rows))
    with pytest.raises(InputError, match=r"row 24, column 'agent_id': unknown agent.*GHOST"):
        assessment.read_assessments(path, framework, agents={"X1": "T1"})
    with pytest.raises(InputError, match=r"row \d+, column 'team': team differs.*'T9'"):
        assessment.read_assessments(path, framework, agents={"X1": "T9", "GHOST": "T1"})
    with pytest.raises(InputError, match="unknown rating source.*'boss'"):
        assessment.read_assessments(path, framework, sources=["boss"])


def test_duplicate_rating(write, framework):
    rows = full_agent("X1", "T1", {"self": [4] * 11, "leader": [3] * 11})
    rows.append(("X1", "T1", "leader", "B2", 5))
    with pytest.raises(InputError) as e:
        assessment.read_assessments(write("r.csv", ratings_csv(rows)), framework)
    msg = str(e.value)
    assert "row 24" in msg and "duplicate rating of agent X1 by leader on B2" in msg
    assert "first given in row 18" in msg  # leader rows are 13–23, B2 the 6th


def test_agent_in_two_teams(write, framework):
    rows = full_agent("X1", "T1", {"self": [4] * 11, "leader": [3] * 11})
    rows[12] = ("X1", "T2", "leader", "A2", 3)
    with pytest.raises(InputError, match="row 14.*agent X1 is in team 'T1' in row 2"):
        assessment.read_assessments(write("r.csv", ratings_csv(rows)), framework)


def test_missing_column(write, framework):
    with pytest.raises(InputError, match="column 'score'.*required column is missing"):
        assessment.read_assessments(
            write("r.csv", "agent_id,team,source,indicator_id\nX,T,self,A1\n"), framework
        )


# ----------------------------------------------------------------------------- sample
def test_sample_ratings(framework):
    from pathlib import Path

    samples = Path(__file__).resolve().parents[1] / "data_samples"
    a = assessment.read_assessments(samples / "needs" / "ratings.csv", framework)
    assert a.agents.size == 300 and a.agents.nunique() == 12
    c = assessment.combine_sources(a)
    assert c.n_agents == 300 and 0 < len(c.affected_agents) < 40
    assert c.scores.notna().all().all()


def test_agent_without_any_rating_on_an_indicator_is_excluded_and_reported(write, framework):
    rows = full_agent("X1", "T1", {"self": [4] * 11, "leader": [3] * 11})
    rows += [
        r for r in full_agent("X2", "T1", {"self": [4] * 11, "leader": [3] * 11}) if r[3] != "C3"
    ]
    a = assessment.read_assessments(write("r.csv", ratings_csv(rows)), framework)
    c = assessment.combine_sources(a, {"self": 0.5, "leader": 0.5})
    assert list(c.scores.index) == ["X1"]
    assert c.excluded.to_dict("records") == [
        {
            "agent_id": "X2",
            "team": "T1",
            "reason_code": "no_rating",
            "missing": "C3",
            "reason": "no rating from any weighted source on C3",
        }
    ]


def test_ahp_survey_result_accepted(framework):
    from pathlib import Path

    from cslib.consistency.ahp_io import read_ahp_survey
    from cslib.consistency.ahp_survey import analyse_survey

    path = Path(__file__).resolve().parents[1] / "data_samples" / "ahp_survey.csv"
    survey = analyse_survey(read_ahp_survey(path, framework), framework)
    w = weights.as_weights(survey, framework, name="AHP")
    np.testing.assert_allclose(w.weights.to_numpy(), survey.combined.reindex(LEAVES).to_numpy())
    assert w.name == "AHP" and w.weights.sum() == pytest.approx(1.0)
