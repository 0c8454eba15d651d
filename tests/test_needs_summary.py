"""Narrative tests of the training-needs report text (cslib.needs.analysis.needs_summary etc.).

Table-driven: each sentence must carry the numbers it is given and change when a threshold
(level bands, number of priorities, the post name, table rows) changes.  The small data set
is hand-computed: agents a, b (team T1) and c (team T2) on the 11 indicators.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from cslib.core.errors import InputError
from cslib.core.framework import load_framework
from cslib.core.weights import weight_source_label
from cslib.needs import analysis as N
from cslib.needs import assessment
from cslib.needs import plan as needs_plan
from cslib.needs import report as needs_report

ROOT = Path(__file__).resolve().parents[1]
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def fw():
    return load_framework(ROOT / "data_samples" / "framework_complaint_handling.yaml")


@pytest.fixture(scope="module")
def parts(fw):
    leaves = list(fw.leaves)
    rows = {
        "a": [3.0] * 11,  # composite 60 % → needs development
        "b": [4.5] * 11,  # 90 % → senior
        "c": [4.0] * 11,  # 80 % → intermediate
    }
    rows["a"][leaves.index("B1")] = 2.0  # the largest gap: B1
    scores = pd.DataFrame.from_dict(rows, orient="index", columns=leaves)
    scores.index.name = "agent_id"
    teams = pd.Series({"a": "T1", "b": "T1", "c": "T2"})
    combo = assessment.SourceCombination(
        scores, teams, {"self": 1.0}, "renormalise", pd.DataFrame(), pd.DataFrame()
    )
    w = pd.Series(1 / 11, index=leaves, name="equal")
    comp = assessment.composite_scores(combo, w)
    gaps = N.gap_analysis(combo, pd.Series(4.0, index=leaves), w, post="p")
    courses = pd.DataFrame(
        {
            "course_id": ["M1"],
            "title_zh": ["沟通微课"],
            "title_en": ["Communication"],
            "format": ["micro"],
            "duration_min": [60],
            "targets": [("B1",)],
        }
    )
    team_rec = N.recommend_courses(gaps.team_weighted, courses, top_k=2)
    agent_rec = N.recommend_courses(gaps.agent_weighted, courses, top_k=2)
    plan = needs_plan.training_plan(agent_rec, teams, courses).plan
    return combo, comp, gaps, courses, team_rec, plan


def summary(fw, parts, lang="en", **kw):
    combo, comp, gaps, courses, team_rec, plan = parts
    ranking = N.rank_needs(gaps, n_priorities=kw.pop("n_priorities", 2))
    comp = kw.pop("comp", comp)
    return needs_report.needs_summary(comp, gaps, ranking, team_rec, plan, fw, lang=lang, **kw)


def test_levels_sentence_carries_numbers_and_band_limits(fw, parts):
    s = summary(fw, parts).findings[0]
    # mean of 60, 90, 80 (+B1 effect on a): a = (10·3 + 2)/11/5 = 58.18 %
    mean = (100 * (32 / 11) / 5 + 90 + 80) / 3
    assert f"{mean:.1f}%" in s
    assert "3 agents" in s
    assert "senior (≥ 90%) 1" in s and "intermediate (80%–90%) 1" in s
    assert "junior (70%–80%) 0" in s and "needs development (< 70%) 1" in s


@pytest.mark.parametrize(
    ("bands", "expected"),
    [
        (assessment.DEFAULT_BANDS, "senior (≥ 90%) 1"),
        (
            (
                assessment.Band(85, 100, "高级", "senior"),
                assessment.Band(75, 85, "中级", "intermediate"),
                assessment.Band(0, 75, "待提升", "needs development"),
            ),
            "senior (≥ 85%) 1, intermediate (75%–85%) 1, needs development (< 75%) 1",
        ),
    ],
)
def test_band_limits_come_from_the_bands(fw, parts, bands, expected):
    combo = parts[0]
    comp = assessment.composite_scores(combo, pd.Series(1 / 11, index=list(fw.leaves)), bands=bands)
    assert expected in summary(fw, parts, comp=comp).findings[0]


@pytest.mark.parametrize(("k", "word"), [(1, "top 1"), (2, "top 2"), (3, "top 3")])
def test_number_of_priorities_follows_the_parameter(fw, parts, k, word):
    text = " ".join(summary(fw, parts, n_priorities=k).findings)
    assert word in text
    zh = " ".join(summary(fw, parts, lang="zh", n_priorities=k).findings)
    assert f"前{k}项培训需求" in zh


def test_gap_sentence_numbers(fw, parts):
    gaps = parts[2]
    s = summary(fw, parts, post_label="complaint handling").findings[1]
    b1 = gaps.centre.loc["B1"]
    assert "Interpersonal communication" in s
    assert f"{b1['mean_gap']:.2f} points" in s  # (2 + 0 + 0) / 3 = 0.67
    assert f"{b1['share_below']:.0%}" == "33%" and "33% of agents" in s
    assert "complaint handling" in s and "target of 4" in s
    assert "team T1" in s


def test_post_label_changes_text(fw, parts):
    a = summary(fw, parts, post_label="X post").findings[1]
    b = summary(fw, parts, post_label="Y post").findings[1]
    assert "X post" in a and "Y post" in b


def test_courses_plan_and_steps(fw, parts):
    s = summary(fw, parts, plan_file="plan.xlsx")
    text = " ".join(s.findings)
    assert "Communication (1 teams)" in text  # only T1 has a B1 gap
    plan = parts[5]
    assert f"{len(plan)} course runs" in text
    assert f"{int(plan['n_attendees'].sum())} places" in text
    assert "plan.xlsx" in s.next_steps[0]
    assert any("team T1" in step for step in s.next_steps)


def test_uncovered_and_weight_dependence_steps(fw, parts):
    gaps = parts[2]
    other = pd.Series(np.r_[np.full(10, 0.01), 0.9], index=list(fw.leaves))
    cmp = N.compare_weight_sources(
        gaps, {"u": pd.Series(1 / 11, index=list(fw.leaves)), "o": other}
    )
    s = summary(fw, parts, comparison=cmp, uncovered=["C2"])
    text = " ".join(s.findings + s.next_steps)
    tau = cmp.tau.loc["u", "o"]
    assert f"{tau:.2f}" in text
    assert ("change with the weight source" in text) == (not cmp.same_priorities)
    assert any("Reflective practice" in step for step in s.next_steps)


def test_one_language_per_summary(fw, parts):
    en = summary(fw, parts, lang="en", post_label="complaint handling")
    zh = summary(fw, parts, lang="zh", post_label="投诉处理岗")
    assert not CJK.search(en.to_markdown())
    assert CJK.search(zh.to_markdown())
    assert not re.search(r"\b(the|of|and)\b", zh.to_markdown())
    both = summary(fw, parts, lang="zh+en")
    assert "本次共评估3名坐席" in both.findings[0] and "3 agents" in both.findings[0]
    for text in (en.to_markdown(), zh.to_markdown()):
        assert "nan" not in text and "None" not in text and "[" not in text
    with pytest.raises(InputError):
        summary(fw, parts, lang="fr")


def test_summary_has_3_to_6_findings_and_steps(fw, parts):
    s = summary(fw, parts)
    assert 3 <= len(s.findings) <= 6
    assert s.next_steps
    md = s.to_markdown()
    assert md.startswith("- ") and "**Next steps**" in md


def test_tables_in_report_language(fw, parts):
    combo, comp, gaps, courses, team_rec, plan = parts
    en = needs_report.recommendation_table(team_rec, fw, "en", unit_column="team")
    assert list(en.columns)[0] == "team"
    assert set(en["format"]) <= {"micro-course", ""}
    zh = needs_report.plan_table(plan, fw, "zh")
    assert zh["plan_slot"].iloc[0] == "第1周 每周早班1小时"
    assert zh["format"].iloc[0] == "微课"
    lv = needs_report.level_table(comp, "en")
    assert list(lv["band_range"]) == ["≥ 90%", "80%–90%", "70%–80%", "< 70%"]
    ct = needs_report.composite_table(comp, "zh")
    assert ct["percent_of_full"].iloc[0] == "3" and ct["percent_of_full"].iloc[1].endswith("%")


def test_weight_source_names():
    assert weight_source_label("delphi_ahp_mean_diff", "en") == "Delphi, mean-difference AHP"
    assert not CJK.search(weight_source_label("delphi_ahp_mean_diff", "en"))
    with pytest.raises(InputError, match="weight_source"):
        weight_source_label("x", "en")


def test_public_key_is_a_note_in_the_report_language(monkeypatch):
    """Notebook 04 pseudonymises agents; with the public sample key the report gets a note in
    its language (no warning box, no path) saying how to set a key of one's own."""
    import warnings

    from cslib.core import pseudonyms
    from cslib.reporting.notices import collect_notices

    shown: list[str] = []
    monkeypatch.setenv("CSLIB_SALT", pseudonyms.SAMPLE_SALT)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a warning box would fail here
        notes = collect_notices("en", display=shown.append)
        mapping = N.pseudonymise(["A1", "A2"])
        notes.show()
    assert set(mapping) == {"A1", "A2"}
    (note,) = shown
    assert "public sample key" in note and "CSLIB\\_SALT" in note and "/" not in note
    monkeypatch.setenv("CSLIB_SALT", "a secret of our own")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        N.pseudonymise(["A1"])


def test_zh_post_label_and_new_course_step(fw, parts):
    s = summary(fw, parts, lang="zh", post_label="投诉处理岗", uncovered=["C2"])
    assert "对照“投诉处理岗”岗位目标" in s.findings[1]
    assert any("还没有针对“反思实践能力”" in step for step in s.next_steps)


def test_radar_row_names_in_report_language(parts):
    gaps = parts[2]
    en = needs_report.radar_profiles(gaps, "a", "T1", lang="en", agent_label="P1")
    assert list(en.index) == ["agent P1", "team T1 mean", "target"]
    zh = needs_report.radar_profiles(gaps, "a", "T1", lang="zh", agent_label="P1")
    assert list(zh.index) == ["坐席 P1", "班组 T1 均值", "岗位目标"]


def test_single_agent_sd_is_undefined_not_nan(fw):
    leaves = list(fw.leaves)
    scores = pd.DataFrame([[4.0] * 11], index=["a"], columns=leaves)
    combo = assessment.SourceCombination(
        scores, pd.Series({"a": "T1"}), {"self": 1.0}, "renormalise", pd.DataFrame(), pd.DataFrame()
    )
    comp = assessment.composite_scores(combo, pd.Series(1 / 11, index=leaves))
    s = comp.summary()
    assert s.n == 1 and s.mean == pytest.approx(80.0, abs=1e-12) and np.isnan(s.sd)
    for lang, word in (("en", "undefined, because"), ("zh", "无法计算")):
        table = needs_report.composite_table(comp, lang)
        assert word in table["percent_of_full"].iloc[2]
        assert not table["percent_of_full"].str.contains("nan").any()
