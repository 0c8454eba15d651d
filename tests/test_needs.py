"""Tests of cslib.needs.analysis: gaps, needs ranking, Kendall tau, course recommendation, plan, pseudonyms.

Expected values are hand-computed in the tests; Kendall's tau is checked against
``scipy.stats.kendalltau``; pseudonyms against ``hmac``/``hashlib`` directly.
"""

from __future__ import annotations

import hashlib
import hmac
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from cslib.core import weights
from cslib.core.errors import InputError
from cslib.needs import analysis as N
from cslib.needs import assessment
from cslib.needs import io as needs_io
from cslib.needs import plan as needs_plan
from cslib.needs import report as needs_report

LEAVES = ("A1", "A2", "A3", "A4", "B1", "B2", "B3", "B4", "C1", "C2", "C3")
SAMPLES = Path(__file__).resolve().parents[1] / "data_samples"
PUBLISHED = (
    pd.Series(
        dict(
            zip(
                LEAVES,
                (9.24, 8.58, 10.35, 9.98, 11.55, 10.10, 7.11, 4.71, 8.86, 10.38, 9.14),
                strict=True,
            )
        )
    )
    / 100
)

COURSES = """course_id,title_zh,title_en,series,duration_min,format,target_indicators
M1,沟通微课,Communication,S,60,micro,B1
M2,需求微课,Needs,S,60,micro,A3;B1
C1,投诉面授,Complaints day,CL,420,classroom,A3;B1;B2
M3,反思微课,Reflection,R,120,micro,C2
"""


def combo(scores: dict[str, list[float]], teams: dict[str, str]) -> assessment.SourceCombination:
    frame = pd.DataFrame.from_dict(scores, orient="index", columns=list(LEAVES))
    frame.index.name = "agent_id"
    return assessment.SourceCombination(
        frame, pd.Series(teams), {"self": 1.0}, "renormalise", pd.DataFrame(), pd.DataFrame()
    )


@pytest.fixture
def small():
    target = pd.Series([4.0] * 11, index=list(LEAVES))
    c = combo(
        {
            "a": [4, 4, 3, 4, 2, 4, 4, 4, 4, 4, 5],  # gaps A3 1, B1 2
            "b": [4, 4, 4, 4, 3.5, 4, 4, 4, 4, 3, 4],  # gaps B1 .5, C2 1
            "c": [5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5],
        },  # no gaps
        {"a": "T1", "b": "T1", "c": "T2"},
    )
    return N.gap_analysis(c, target, PUBLISHED, post="complaint_handling")


def test_gaps_by_hand(small):
    assert small.agent_gaps.loc["a", "B1"] == 2.0 and small.agent_gaps.loc["a", "C3"] == 0.0
    assert small.agent_weighted.loc["a", "B1"] == pytest.approx(2 * 0.1155, abs=1e-12)
    assert small.team_gaps.loc["T1", "B1"] == pytest.approx(1.25, abs=1e-12)
    assert small.team_gaps.loc["T2"].sum() == 0
    assert small.centre.loc["B1", "mean_gap"] == pytest.approx(2.5 / 3, abs=1e-12)
    assert small.centre.loc["B1", "share_below"] == pytest.approx(2 / 3)


def test_needs_ranking_by_hand(small):
    r = N.rank_needs(small)
    # N = w × mean gap: B1 .1155×2.5/3, A3 .1035×1/3, C2 .1038×1/3 → B1, C2, A3
    assert r.table["indicator_id"].head(3).tolist() == ["B1", "C2", "A3"]
    assert r.table["need"].iloc[0] == pytest.approx(0.1155 * 2.5 / 3, abs=1e-12)
    assert r.priorities == ("B1", "C2")
    # zero needs are tied and keep framework order
    assert r.table["indicator_id"].iloc[3:].tolist() == [
        "A1",
        "A2",
        "A4",
        "B2",
        "B3",
        "B4",
        "C1",
        "C3",
    ]


def test_rank_needs_plain_importances(small):
    r1 = N.rank_needs(small, PUBLISHED * 100)  # percent works: only ratios matter
    assert r1.table["indicator_id"].tolist() == N.rank_needs(small).table["indicator_id"].tolist()
    with pytest.raises(InputError, match="positive sum"):
        N.rank_needs(small, PUBLISHED * 0)
    with pytest.raises(InputError, match="weights must sum to 1"):
        N.rank_needs(small, weights.IndicatorWeights(PUBLISHED * 2, "x"))  # noqa: B018
    with pytest.raises(InputError, match="weights must sum to 1"):
        N.gap_analysis(
            assessment.SourceCombination(small.agent_scores, small.teams, {}, "", None, None),
            small.target,
            PUBLISHED * 2,
        )


@settings(max_examples=40, deadline=None)
@given(
    gaps=st.lists(
        st.lists(st.floats(0, 4, allow_nan=False), min_size=11, max_size=11),
        min_size=2,
        max_size=12,
    ),
    weights=st.lists(st.floats(0.01, 1.0), min_size=11, max_size=11),
    scale=st.floats(0.01, 100.0),
    seed=st.integers(0, 2**32 - 1),
)
def test_ranking_invariant_to_weight_scale_and_agent_order(gaps, weights, scale, seed):
    frame = pd.DataFrame(gaps, columns=list(LEAVES))
    w = pd.Series(weights, index=list(LEAVES))
    base = N.rank_needs(frame, w).table["indicator_id"].tolist()
    scaled = N.rank_needs(frame, w * scale).table["indicator_id"].tolist()
    perm = np.random.default_rng(seed).permutation(len(frame))
    shuffled = N.rank_needs(frame.iloc[perm], w).table["indicator_id"].tolist()
    assert base == scaled == shuffled


def test_compare_weight_sources_tau_matches_scipy(small):
    uniform = pd.Series(1 / 11, index=list(LEAVES))
    cmp = N.compare_weight_sources(small, {"published": PUBLISHED, "uniform": uniform})
    ref = stats.kendalltau(cmp.needs["published"], cmp.needs["uniform"])
    assert cmp.tau.loc["published", "uniform"] == pytest.approx(ref.statistic, abs=1e-12)
    assert cmp.pvalue.loc["uniform", "published"] == pytest.approx(ref.pvalue, abs=1e-12)
    # uniform weights: A3 and C2 both have mean gap 1/3 → tie, framework order A3 first
    assert cmp.priorities["uniform"] == ("B1", "A3")
    assert cmp.priorities["published"] == ("B1", "C2")
    assert not cmp.same_priorities


def test_recommend_courses_by_hand(small, write, framework):
    courses = needs_io.read_courses(write("c.csv", COURSES), framework)
    assert courses.loc[1, "targets"] == ("A3", "B1")
    rec = N.recommend_courses(small.agent_weighted, courses)
    a = rec[rec["unit"] == "a"]
    # a: B1 (.231) then A3 (.1035). For B1, M2 and C1 both score .231+.1035; micro preferred.
    assert a["indicator_id"].tolist() == ["B1", "A3"]
    assert a["course_id"].tolist() == ["M2", "C1"]  # M2 already chosen → next best for A3
    assert a["course_score"].iloc[0] == pytest.approx(2 * 0.1155 + 0.1035, abs=1e-12)
    b = rec[rec["unit"] == "b"]
    # b: C2 .1038 > B1 .5×.1155 = .05775; for B1, M1, M2 and C1 all score .05775 (b has no
    # A3/B2 gap) → micro first, then catalogue order → M1
    assert b["course_id"].tolist() == ["M3", "M1"]
    assert "c" not in set(rec["unit"])  # no gap, no course


def test_uncovered_indicator_gets_empty_course(small, write, framework):
    courses = needs_io.read_courses(
        write("c.csv", COURSES.replace("\nM3,反思微课,Reflection,R,120,micro,C2", "")), framework
    )
    rec = N.recommend_courses(small.agent_weighted, courses)
    row = rec[(rec["unit"] == "b") & (rec["indicator_id"] == "C2")].iloc[0]
    assert row["course_id"] == ""


def test_training_plan_and_xlsx(small, write, framework, tmp_path):
    courses = needs_io.read_courses(write("c.csv", COURSES), framework)
    rec = N.recommend_courses(small.agent_weighted, courses)
    plan = needs_plan.training_plan(rec, small.teams, courses)
    t1 = plan.plan[plan.plan["team"] == "T1"]
    # a: M2 (B1, gap .231), C1 (A3, .1035); b: M3 (C2, .1038), M1 (B1, .05775); one attendee
    # each, so ordered by gap: M2, M3, C1, M1.  M2 → week 1; M3 (120 min) → weeks 2–3;
    # C1 classroom → week 0 (separate day); M1 → week 4
    assert t1["course_id"].tolist() == ["M2", "M3", "C1", "M1"]
    assert t1.set_index("course_id").loc["M2", "attendees"] == "a"
    assert t1.set_index("course_id")["week"].to_dict() == {"M2": 1, "M3": 2, "C1": 0, "M1": 4}
    assert "×2" in t1.set_index("course_id").loc["M3", "slot"]
    assert needs_plan.training_plan(rec, small.teams, courses, max_courses=2).plan[
        "course_id"
    ].tolist() == [
        "M2",
        "M3",
    ]
    out = plan.to_xlsx(tmp_path / "sub" / "plan.xlsx")
    back = pd.read_excel(out, sheet_name=None)
    assert set(back) == {"总览", "全部班组", "T1", "参训名单"} and len(back["参训名单"]) == 4
    assert not list((tmp_path / "sub").glob(".plan*"))  # no temporary file left behind
    ps = N.pseudonymise(small.teams.index, "s")
    plan_p = needs_plan.training_plan(rec, small.teams, courses, pseudonyms=ps)
    assert plan_p.pseudonymised and "a" not in plan_p.attendance["agent_id"].tolist()


def test_pseudonymise_matches_hmac_and_is_stable():
    p = N.pseudonymise(["A0001", "A0002"], "salt", length=10)
    ref = "P" + hmac.new(b"salt", b"A0001", hashlib.sha256).hexdigest()[:10]
    assert p["A0001"] == ref
    assert N.pseudonymise(["A0001"], "salt")["A0001"] == ref  # stable
    assert N.pseudonymise(["A0001"], "other")["A0001"] != ref  # salt matters
    with pytest.raises(ValueError, match="salt"):
        N.pseudonymise(["A0001"], "")


def test_pseudonyms_collision_free_on_sample(framework):
    a = assessment.read_assessments(SAMPLES / "needs" / "ratings.csv", framework)
    ids = a.agents.index
    p = N.pseudonymise(ids, "2026-needs", length=8)
    assert len(set(p.values())) == len(ids) == 300
    assert p == N.pseudonymise(list(reversed(ids)), "2026-needs", length=8)


def test_pseudonym_collision_detected():
    # with 4 hex digits, 2000 ids must collide (birthday bound ≈ 300)
    with pytest.raises(ValueError, match="collision"):
        N.pseudonymise([f"id{k}" for k in range(2000)], "s", length=4)


def test_target_profiles(write, framework):
    prof = needs_io.read_target_profiles(SAMPLES / "needs" / "target_profiles.csv", framework)
    assert list(prof.index) == ["complaint_handling", "general_hotline"]
    assert prof.loc["complaint_handling", "B1"] == 4.5
    with pytest.raises(InputError, match="unknown post.*general_hotline"):
        needs_io.target_for(prof, "sales")
    bad = "post,indicator_id,target\n" + "".join(f"p,{i},4\n" for i in LEAVES[:-1])
    with pytest.raises(InputError, match="row 2, column 'post'.*no target for C3"):
        needs_io.read_target_profiles(write("t.csv", bad), framework)
    bad2 = "post,indicator_id,target\n" + "".join(f"p,{i},4\n" for i in LEAVES) + "p,A1,6\n"
    with pytest.raises(InputError) as e:
        needs_io.read_target_profiles(write("t.csv", bad2), framework)
    assert "row 13" in str(e.value) and "target from 1 to 5" in str(e.value)


def test_courses_bad_indicator(write, framework):
    bad = COURSES.replace(
        "M1,沟通微课,Communication,S,60,micro,B1", "M1,沟通微课,Communication,S,60,micro,B1;X7"
    )
    with pytest.raises(InputError, match=r"row 2, column 'target_indicators'.*B1;X7"):
        needs_io.read_courses(write("c.csv", bad), framework)
    with pytest.raises(InputError, match=r"row 3, column 'format'.*'micro' or 'classroom'"):
        needs_io.read_courses(
            write("c.csv", COURSES.replace("60,micro,A3;B1", "60,online,A3;B1")), framework
        )


def test_report_helpers(small, write, framework):
    team, agent = N.largest_gap(small)
    # T1 totals: mean of a (.231+.1035) and b (.05775+.1038); T2 has no gap
    assert (team, agent) == ("T1", "a")
    assert N.largest_gap(small, "T2") == ("T2", "c")
    with pytest.raises(InputError, match="unknown team"):
        N.largest_gap(small, "T9")
    prof = needs_report.radar_profiles(small, "a", "T1", lang="en", agent_label="P1")
    assert list(prof.index) == ["agent P1", "team T1 mean", "target"]
    assert prof.iloc[1]["B1"] == pytest.approx(2.75)
    courses = needs_io.read_courses(write("c.csv", COURSES), framework)
    r = N.rank_needs(small)  # B1, C2, A3 positive; all covered
    assert N.uncovered_needs(r, courses) == []
    no_c2 = courses[courses["course_id"] != "M3"]
    assert N.uncovered_needs(r, no_c2) == ["C2"]


def test_figures_render(small, framework):
    import matplotlib

    matplotlib.use("Agg")
    from cslib.needs import figures as plots_needs

    fig = plots_needs.radar(needs_report.radar_profiles(small, "a", "T1"), framework)
    assert len(fig.axes[0].lines) == 3
    fig2 = plots_needs.gap_heatmap(small.team_weighted, framework, lang="en")
    assert fig2.axes[0].get_images()[0].get_array().shape == (2, 11)
    import matplotlib.pyplot as plt

    plt.close(fig)
    plt.close(fig2)


def test_public_sample_salt_warns():
    with pytest.warns(N.PublicSaltWarning, match="public sample key"):
        N.pseudonymise(["A1", "A2"], N.SAMPLE_SALT)


def test_course_targets_must_be_lowest_level(write, framework):
    # the shared catalogue reader accepts any framework id; gap matching needs lowest-level ones
    bad = COURSES.replace("60,micro,B1\n", "60,micro,B\n", 1)
    with pytest.raises(
        InputError,
        match=r"row 2, column 'target_indicators': 'B' is not a "
        r"lowest-level indicator",
    ):
        needs_io.read_courses(write("c.csv", bad), framework)
