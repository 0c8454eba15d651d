"""One respondent is no rate of staff (issue 26, "one unit where a comparison needs several").

A level 1 reaction survey answered by a single person gives 0 % or 100 % for every rate, with
a Wilson interval that says nothing about the staff; the report states that it gives no rate
and no micro-course vs classroom comparison, in the reader's language.
"""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from cslib.effectiveness import report as er
from cslib.effectiveness.analysis import MIN_L1_RESPONDENTS, reaction_level
from cslib.effectiveness.io import read_courses, read_reaction

DATA = Path(__file__).resolve().parents[1] / "data_samples"
HEAD = "response_id,agent_id,course_id,date,staff_group,q_content,satisfied,helpful\n"
CJK = re.compile(r"[\u4e00-\u9fff]")


def _level(tmp_path: Path, rows: str):
    cat = read_courses(DATA / "courses.csv")
    (tmp_path / "r.csv").write_text(HEAD + rows, encoding="utf-8")
    data = SimpleNamespace(catalogue=cat, reaction=read_reaction(tmp_path / "r.csv", cat))
    return reaction_level(data)


def _report(level):
    """The report fields the level 1 text reads."""
    return SimpleNamespace(
        alpha=0.05,
        micro_vs_classroom=level.comparison,
        l1_sample_size=level.sample_size,
        helpful_by_group=level.helpful,
        n_respondents=level.n_respondents,
    )


@pytest.mark.parametrize(
    "rows",
    [
        "R1,A0001,MC01,2025-02-11,front_line,5,yes,yes\n",
        # the same person answering for a micro-course and a classroom course
        "R1,A0001,MC01,2025-02-11,front_line,5,yes,yes\n"
        "R2,A0001,CL01,2025-02-12,front_line,4,no,\n",
    ],
    ids=["one_answer", "one_person_two_formats"],
)
def test_one_respondent_gives_no_rate_of_staff(tmp_path, rows):
    level = _level(tmp_path, rows)
    assert level.n_respondents == 1 < MIN_L1_RESPONDENTS
    rep = _report(level)
    for lang in ("zh", "en"):
        texts = [er.l1_text(rep, lang), *er._reaction_findings(rep, lang)]
        for t in texts:
            assert "%" not in t and "p =" not in t and "p <" not in t, t
        assert (CJK.search(texts[0]) is not None) == (lang == "zh")
    assert "1 人作答" in er.l1_text(rep, "zh")
    assert "Only 1 person answered" in er.l1_text(rep, "en")


def test_two_respondents_still_give_rates(tmp_path):
    level = _level(
        tmp_path,
        "R1,A0001,MC01,2025-02-11,front_line,5,yes,yes\n"
        "R2,A0002,MC01,2025-02-11,front_line,4,yes,no\n",
    )
    assert level.n_respondents == 2
    findings = er._reaction_findings(_report(level), "en")
    assert any("%" in f for f in findings)


# ----------------------------------------------------------------- 360°: one assessed agent
def _needs_summary(n_agents: int, lang: str):
    import pandas as pd

    from cslib.core.framework import load_framework
    from cslib.needs import assessment
    from cslib.needs.analysis import gap_analysis, rank_needs
    from cslib.needs.report import needs_summary

    fw = load_framework(DATA / "framework_complaint_handling.yaml")
    leaves = list(fw.leaves)
    ids = [f"a{k}" for k in range(n_agents)]
    scores = pd.DataFrame([[3.0] * 5 + [4.5] * 6] * n_agents, index=ids, columns=leaves)
    combo = assessment.SourceCombination(
        scores, pd.Series("T1", index=ids), {"self": 1.0}, "renormalise",
        pd.DataFrame(), pd.DataFrame(),
    )  # fmt: skip
    w = pd.Series(1 / 11, index=leaves)
    comp = assessment.composite_scores(combo, w)
    gaps = gap_analysis(combo, pd.Series(4.0, index=leaves), w, post="P")
    none = pd.DataFrame(columns=["unit", "course_id"])
    plan = pd.DataFrame(columns=["team", "week", "format", "n_attendees"])
    return needs_summary(comp, gaps, rank_needs(gaps, n_priorities=2), none, plan, fw, lang=lang)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_one_assessed_agent_gives_no_centre_or_team_statement(lang):
    s = _needs_summary(1, lang)
    text = "\n".join(s.findings + s.next_steps)
    # no average or middle half of one person, no share of agents below target, no team to
    # start with — and the reader is told why
    for centre_words in ("averages", "middle half", "below target", "Start with team",
                         "平均为", "中间一半", "未达目标", "先从"):  # fmt: skip
        assert centre_words not in text, (centre_words, text)
    assert ("one person" in text) if lang == "en" else ("一个人" in text and "仅此一人" in text)
    assert "76.4%" in s.findings[0]  # the agent's own score is still given


def test_two_agents_keep_the_centre_statements():
    text = "\n".join(_needs_summary(2, "en").findings)
    assert "averages" in text and "below target" in text
