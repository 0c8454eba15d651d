"""Narrative tests for the effectiveness report: every generated sentence carries the numbers it
is given and changes when alpha, power or the target gain change; reader-facing tables show
file names, dates and translated values; internal names are refused."""

from __future__ import annotations

import dataclasses
import math
import re

import pandas as pd
import pytest
from conftest import SAMPLES

from cslib.core.errors import InputError
from cslib.effectiveness import tables as et
from cslib.effectiveness.analysis import analyse
from cslib.effectiveness.io import load_effectiveness
from cslib.effectiveness.phrases import item_flag, label
from cslib.effectiveness.report import (
    item_rules_text,
    l1_text,
    next_steps,
    series_label,
    summary_markdown,
    team_text,
)
from cslib.effectiveness.results import OUTCOMES, ItemRules
from cslib.effectiveness.verdicts import verdict

EFF = SAMPLES / "effectiveness"
LANGS = ("zh", "en", "zh+en")


# the whole module on one xdist worker: its module-scoped sample analyses are then
# computed once per session, not once on each worker that gets some of its tests
pytestmark = pytest.mark.xdist_group("module-effectiveness_narrative")


@pytest.fixture(scope="module")
def small():
    """Sample data without weekly QA/KPI: levels 1–2 only, fast enough to re-analyse."""
    from cslib.core.framework import load_framework

    return load_effectiveness(
        SAMPLES / "courses.csv",
        EFF / "sessions.csv",
        EFF / "reaction.csv",
        EFF / "tests.csv",
        items=EFF / "test_items.csv",
        framework=load_framework(SAMPLES / "framework_complaint_handling.yaml"),
    )


@pytest.fixture(scope="module")
def rep(small):
    return analyse(small)


# ------------------------------------------------------------------------------- verdict
@pytest.mark.parametrize(
    ("args", "kw", "code", "en_parts", "zh_parts"),
    [
        (
            (2.0, 1.0, 3.0, 0.0004),
            {},
            "improved",
            ["estimate +2.00", "95% CI 1.00 to 3.00", "adjusted p < 0.001", "Holm"],
            ["估计 +2.00", "95%置信区间 1.00 ~ 3.00", "校正后p < 0.001"],
        ),
        (
            (2.0, 1.0, 3.0, 0.004),
            {"alpha": 0.01, "correction": "fdr_bh"},
            "improved",
            ["99% CI", "adjusted p = 0.004", "Benjamini–Hochberg"],
            ["99%置信区间", "校正后p = 0.004"],
        ),
        (
            (2.0, 1.0, 3.0, 0.004),
            {"alpha": 0.001},
            "no_evidence",
            ["99.9% CI 1.00 to 3.00", "adjusted p = 0.004", "does not prove"],
            ["99.9%置信区间", "不等于证明"],
        ),
        (
            (-5.0, -8.0, -2.0, 0.01),
            {"direction": -1, "digits": 1, "unit": " s"},
            "improved",
            ["estimate -5.0 s", "-8.0 to -2.0 s"],
            ["估计 -5.0 s"],
        ),
        (
            (1.0, 0.1, 1.9, 0.2),
            {"p_raw": 0.03},
            "no_evidence",
            ["unadjusted p = 0.030", "adjusted p = 0.200", "only without correcting"],
            ["未校正p = 0.030", "校正后p = 0.200"],
        ),
        (
            (1.0, 0.1, 1.9, 0.2),
            {"p_raw": 0.03, "alpha": 0.01},
            "no_evidence",
            ["99% CI", "adjusted p = 0.200", "this does not prove"],
            ["99%置信区间"],
        ),
    ],
)
def test_verdict_sentences_carry_their_numbers(args, kw, code, en_parts, zh_parts):
    v = verdict(*args, **kw)
    assert v.code == code
    for part in en_parts:
        assert part in v.en, (part, v.en)
    for part in zh_parts:
        assert part in v.zh, (part, v.zh)
    assert v.text("zh+en") == f"{v.zh} {v.en}"
    assert "0.000" not in v.en + v.zh and "nan" not in v.en


# ------------------------------------------------------------------------------ level 1
@pytest.mark.parametrize(
    ("alpha", "significant"), [(0.05, True), (0.01, True), (0.005, False), (0.001, False)]
)
def test_l1_sentence_follows_alpha(rep, alpha, significant):
    """p = 0.006 for micro vs classroom in the sample data: significant at 0.01, not at 0.005."""
    r = dataclasses.replace(rep, alpha=alpha, micro_vs_classroom=_comparison(alpha))
    en, zh = l1_text(r, "en"), l1_text(r, "zh")
    assert f"α = {alpha:g}" in en and f"α = {alpha:g}" in zh
    assert ("**significant**" in en) is significant
    assert ("**显著**" in zh) is significant
    conf = f"{100 * (1 - alpha):g}%"
    assert f"Newcombe {conf} CI" in en
    assert "p = 0.006" in en and "96.9%" in en and "93.5%" in en


def _comparison(alpha):
    from cslib.stats.proportions import compare_proportions

    return compare_proportions(1862, 1922, 246, 263, alpha=alpha)


def test_l1_interval_is_the_papers(rep):
    """The Newcombe interval quoted is the one computed (0.8 to 7.0 points at 95 %)."""
    r = dataclasses.replace(rep, micro_vs_classroom=_comparison(0.05))
    assert "CI 0.8 to 7.0" in l1_text(r, "en")


# ------------------------------------------------------------------------------ summary
@pytest.mark.parametrize("lang", LANGS)
def test_summary_box_opens_with_heading_and_has_3_to_6_findings(rep, lang):
    text = summary_markdown(rep, lang)
    first = text.splitlines()[0]
    assert first == {"zh": "## 摘要", "en": "## Summary", "zh+en": "## 摘要 Summary"}[lang]
    assert text.count("## ") == 1
    findings = [ln for ln in text.splitlines() if re.match(r"^\d+\. ", ln)]
    per_language = 2 if lang == "zh+en" else 1
    assert 3 * per_language <= len(findings) <= 6 * per_language
    steps = [ln for ln in text.splitlines() if ln.startswith("- ")]
    assert steps, "next steps are generated"
    assert not re.search(r"\bnan\b|\bNone\b|0\.000|\[|_", text.replace("d_z", ""))


def test_summary_numbers_and_thresholds_come_from_the_analysis(small):
    a = analyse(small, alpha=0.05, power=0.8, target_gain=5.0)
    b = analyse(small, alpha=0.01, power=0.9, target_gain=3.0)
    ta, tb = summary_markdown(a, "en"), summary_markdown(b, "en")
    assert "α = 0.05" in ta and "α = 0.01" in tb and "α = 0.05" not in tb
    # the sample-size step quotes the power and gain it was computed with, and its numbers
    sa = [s for s in next_steps(a, "en") if s.startswith("Next cohort")]
    sb = [s for s in next_steps(b, "en") if s.startswith("Next cohort")]
    assert sb and "3-point gain with 90% power" in sb[0]
    for r in b.planning.itertuples():
        if r.n_needed > r.n_now:
            assert f"{r.course_id} needs {r.n_needed} (now {r.n_now})" in sb[0]
    if sa:
        assert "5-point gain with 80% power" in sa[0]
    assert "97.7%" in ta  # overall 'helpful' rate of the sample survey


def test_summary_names_courses_in_the_report_language(rep):
    en = summary_markdown(rep, "en")
    assert not re.search(r"[\u4e00-\u9fff]", en)
    assert "“Five-step selling: customer types”" in en
    assert "《营销五部曲——客户类型分析》" in summary_markdown(rep, "zh")


def test_next_steps_list_flagged_questions(rep):
    step = next_steps(rep, "en")[0]
    for s in rep.summaries:
        for q in s.flagged_items:
            assert q in step


def test_course_markdown_has_no_undefined_values(rep):
    for s in rep.summaries:
        for lang in LANGS:
            md = s.markdown(lang)
            assert "nan" not in md and "None" not in md
    s = rep.summaries[0]
    assert s.markdown("en").startswith(f"### {s.course_id} {s.title_en} (Micro-course)")


# --------------------------------------------------------------------- labels and inputs
def test_labels_are_strict_and_come_from_one_registry():
    assert label("aht_s", "en") == OUTCOMES["aht_s"].en
    assert OUTCOMES["aht_s"].direction == -1 and OUTCOMES["csat"].upper == 100.0
    assert OUTCOMES["repeat_tickets"].integer
    assert label("event_time", "en") == "Weeks since training"
    with pytest.raises(KeyError):
        label("no_such_thing", "en")


def test_series_needs_an_english_name():
    assert series_label("课堂面授", "zh+en", {"课堂面授": "Classroom"}) == "课堂面授 Classroom"
    with pytest.raises(InputError, match="series_en"):
        series_label("课堂面授", "en", {})


def test_unknown_kpi_is_a_located_error(small):
    with pytest.raises(InputError, match="primary_kpi_by_series"):
        analyse(small, primary_kpi_by_series={"课堂面授": "nps"})
    with pytest.raises(InputError, match="outcomes"):
        analyse(small, outcomes=("qa_score", "nps"))


def test_item_flags_translate():
    assert item_flag("too easy; negative discrimination (check the answer key)", "zh") == (
        "太容易；区分度为负（请核对标准答案）"
    )
    with pytest.raises(KeyError):
        item_flag("something new", "en")


# --------------------------------------------------------------------------- tables
def test_excluded_rows_show_names_and_count(rep):
    shown = et.excluded_rows(rep.excluded, "en", top=10, csv_name="x.csv")
    assert len(shown.frame) == min(10, len(rep.excluded))
    assert all("/" not in f for f in shown.frame["file"])
    assert (
        shown.note
        == f"Showing 10 of {len(rep.excluded)} rows; the full table is in [x.csv](x.csv)."
    )
    zh = et.excluded_rows(rep.excluded, "zh", top=10, csv_name="x.csv")
    assert set(zh.frame["reason"]) <= {
        "没有可配对的后测",
        "没有可配对的前测",
        "该坐席没有这门课程的出勤记录",
    }
    everything = et.excluded_rows(rep.excluded, "en", top=len(rep.excluded), csv_name="x.csv")
    assert everything.note.startswith(f"All {len(rep.excluded)} rows")


def test_rates_show_intervals_in_per_cent(rep):
    t = et.rates(rep.helpful_by_group, "en")
    assert list(t["staff_group"]) == ["Front line", "Back office", "Overall"]
    assert t["interval"].iloc[-1] == "96.9%–98.2%"
    s = et.rates(
        rep.satisfaction_by_series,
        "en",
        series_en={"MOT服务技巧": "MOT", "营销五部曲": "Five", "课堂面授": "Class"},
    )
    assert set(s["series"]) == {"MOT", "Five", "Class"}


def test_team_table_dates_and_untrained_teams():
    team = pd.DataFrame(
        {
            "team": ["T1", "T2"],
            "n_agents": [5, 6],
            "training_week": [pd.Timestamp("2025-03-03"), pd.NaT],
            "qa_score_before": [80.0, math.nan],
            "qa_score_after": [82.5, math.nan],
            "qa_score_change": [2.5, math.nan],
        }
    )
    shown = et.team_changes(team, "en")
    assert list(shown.frame["training_week"]) == ["2025-03-03"]
    assert list(shown.frame["QA score"]) == [2.5]
    assert shown.note.startswith("T2 did not take the course")
    assert et.team_changes(team.iloc[:1], "zh").note == ""


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_item_and_team_sentences_take_their_thresholds(rep, lang):
    assert "0.9" in item_rules_text(rep, lang) and "0.7" in item_rules_text(rep, lang)
    r = dataclasses.replace(rep, item_rules=ItemRules(0.95, 0.1, 0.25, 0.8), team_weeks=6)
    text = item_rules_text(r, lang)
    for v in ("0.95", "0.1", "0.25", "0.8"):
        assert v in text
    assert "0.9 " not in text and "6" in team_text(r, lang)


def test_item_thresholds_reach_the_analysis_and_the_next_steps(small, rep):
    strict = analyse(small, item_rules=ItemRules(easy=0.95, min_discrimination=0.1, min_kr20=0.86))
    loose = rep  # analyse(small): the module's default analysis
    n_strict = sum(len(ia.flagged) for ia in strict.items.values())
    n_loose = sum(len(ia.flagged) for ia in loose.items.values())
    assert n_strict < n_loose
    steps = " ".join(next_steps(strict, "en"))
    weak = [c for c, ia in strict.items.items() if ia.kr20 < 0.86]
    assert weak and all(c in steps for c in weak) and "KR-20 below 0.86" in steps
    assert "KR-20 below" not in " ".join(next_steps(loose, "en"))
