"""Course choice for agents and teams (cslib.needs.choice) on the sample and on tricky shapes."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from cslib.core.errors import InputError
from cslib.core.framework import load_framework
from cslib.core.weight_table import read_weight_table
from cslib.needs import analysis as needs
from cslib.needs import assessment, choice
from cslib.needs import io as needs_io

ROOT = Path(__file__).resolve().parents[1]
SOURCES = {"self": 0.2, "leader": 0.4, "qa": 0.25, "peer": 0.15}


@pytest.fixture(scope="module")
def sample():
    fw = load_framework(ROOT / "data_samples" / "framework_complaint_handling.yaml")
    ratings = assessment.read_assessments(
        ROOT / "data_samples" / "needs" / "ratings.csv", fw, scale=(1, 5), sources=list(SOURCES)
    )
    combo = assessment.combine_sources(ratings, SOURCES, missing="renormalise")
    weights = read_weight_table(
        ROOT / "data_samples" / "published_weights_complaint_handling.csv"
    ).to_indicator_weights(fw)
    profiles = needs_io.read_target_profiles(
        ROOT / "data_samples" / "needs" / "target_profiles.csv", fw, scale=(1, 5)
    )
    gaps = needs.gap_analysis(
        combo,
        needs_io.target_for(profiles, "complaint_handling"),
        weights,
        post="complaint_handling",
    )
    courses = needs_io.read_courses(ROOT / "data_samples" / "courses.csv", fw)
    return gaps, courses


def _credit_matrix(courses, columns):
    """Which course counts for which indicator: a classroom course only where no micro does."""
    t = np.array([[i in tg for i in columns] for tg in courses["targets"]])
    micro = (courses["format"] == "micro").to_numpy()
    t[np.ix_(~micro, t[micro].any(axis=0))] = False
    return t


def test_teams_equal_brute_force_and_beat_greedy(sample):
    """Issue 25: team T08 got MC02 then MC07 (nothing new); the optimum covers more. Every
    team's choice equals enumeration of all course sets of size ≤ k."""
    gaps, courses = sample
    wg = gaps.team_weighted
    opt = choice.choose_courses(wg, courses, max_courses=3)
    greedy = choice.choose_courses(wg, courses, max_courses=3, method="greedy")
    t = _credit_matrix(courses, list(wg.columns))
    for unit, row in opt.coverage.set_index("unit").iterrows():
        g = np.clip(wg.loc[unit].to_numpy(), 0, None)
        best = max(
            float(g @ t[list(s)].any(axis=0))
            for r in range(4)
            for s in itertools.combinations(range(len(courses)), r)
        )
        assert row["covered"] == pytest.approx(best, rel=1e-12)
    cmp = choice.compare_choices(greedy, opt)
    assert cmp.units_worse == 0 and cmp.units_better == 12
    assert cmp.gain == pytest.approx(0.25577209568463877, rel=1e-9)
    two = choice.choose_courses(wg.loc[["T08"]], courses, max_courses=2)
    assert list(dict.fromkeys(two.table["course_id"])) == ["MC02", "MC04"]
    old = choice.choose_courses(wg.loc[["T08"]], courses, max_courses=2, method="greedy")
    assert list(old.table["course_id"]) == ["MC02", "MC07"]
    assert two.coverage["covered"].iloc[0] > 1.4 * old.coverage["covered"].iloc[0]


def test_agents_never_worse_than_greedy_and_deterministic(sample):
    gaps, courses = sample
    wg = gaps.agent_weighted.iloc[:60]
    opt = choice.choose_courses(wg, courses, max_courses=2)
    again = choice.choose_courses(wg, courses, max_courses=2)
    pd.testing.assert_frame_equal(opt.table, again.table)
    greedy = choice.choose_courses(wg, courses, max_courses=2, method="greedy")
    cmp = choice.compare_choices(greedy, opt)
    assert cmp.units_worse == 0 and cmp.units_better > 0
    # each indicator counted once: the per-course gains add up to what is covered
    per_course = opt.table[opt.table["course_id"] != ""].drop_duplicates(["unit", "course_id"])
    sums = per_course.groupby("unit")["course_score"].sum()
    covered = opt.coverage.set_index("unit")["covered"]
    assert np.allclose(sums.reindex(covered.index, fill_value=0.0), covered, rtol=1e-12)
    assert (opt.coverage["n_courses"] <= 2).all()


def test_minutes_exclude_and_avoid(sample):
    gaps, courses = sample
    wg = gaps.team_weighted
    capped = choice.choose_courses(wg, courses, max_courses=3, max_minutes=120)
    assert (capped.coverage["minutes"] <= 120).all()
    no_mc02 = choice.choose_courses(wg, courses, max_courses=3, exclude=["MC02"])
    assert "MC02" not in set(no_mc02.table["course_id"])
    avoided = choice.choose_courses(wg, courses, max_courses=3, avoid=["MC02"])
    # MC02 only where no other selection covers as much: never less covered than excluding it
    cmp = choice.compare_choices(no_mc02, avoided)
    assert cmp.units_worse == 0
    assert "MC02" in choice.choice_text(avoided, "team", lang="en")
    # the sentences name rules in words, never parameter identifiers (report hygiene)
    for lang in ("zh", "en", "zh+en"):
        for c in (avoided, no_mc02, choice.choose_courses(wg, courses, method="greedy")):
            assert "_" not in choice.choice_text(c, "team", lang=lang)
        assert "_" not in choice.gain_text(no_mc02, avoided, "team", lang=lang)


def test_units_without_gaps_or_courses():
    gaps = pd.DataFrame({"A1": [0.0, 1.0], "A2": [-1.0, 2.0]}, index=["none", "uncovered"])
    cat = pd.DataFrame(
        {"course_id": ["C1"], "title_zh": ["甲"], "title_en": ["a"], "format": ["micro"],
         "duration_min": [60], "targets": [("A3",)]}
    )  # fmt: skip
    res = choice.choose_courses(gaps, cat, max_courses=2)
    cov = res.coverage.set_index("unit")
    assert cov.loc["none", "reason"] == "no positive gap" and cov.loc["none", "share"] == 0
    assert "no course" in cov.loc["uncovered", "reason"]
    # the unit's largest gaps no course reaches are listed with an empty course
    rows = res.table[res.table["unit"] == "uncovered"]
    assert list(rows["indicator_id"]) == ["A2", "A1"] and (rows["course_id"] == "").all()


@pytest.mark.parametrize(
    "kw, parameter",
    [
        (dict(exclude=["MC99"]), "exclude_courses"),
        (dict(avoid=["XX"]), "avoid_courses"),
        (dict(avoid=["MC01"], exclude=["MC01"]), "avoid_courses"),
        (dict(method="best"), "course_choice"),
        (dict(max_courses=0), "top_k"),
    ],
)
def test_bad_parameters_name_the_parameter(sample, kw, parameter):
    gaps, courses = sample
    with pytest.raises(InputError) as err:
        choice.choose_courses(gaps.team_weighted, courses, **kw)
    assert parameter in str(err.value)
