"""One study, one story (issue 24): sentences from claims, reports that read each other,
designs checked against their own targets, and the narrative audit of every report.

The audit (``tests/narrative_audit.py``) runs over this session's runs of every report in
Chinese and in English; its rules are first shown to catch the sentences the issue lists
(the "before" texts), so the audit can fail.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from narrative_audit import audit, audit_page
from report_runs import LANGS, NOTEBOOKS, group

from cslib.reporting.claims import (
    Caveat,
    Count,
    Difference,
    Ratio,
    Share,
    Verdict,
    caveats_for,
    format_count,
    format_difference,
    format_ratio,
    format_share,
    format_verdict,
    percent_list,
)
from cslib.reporting.earlier_results import (
    EARLIER,
    EarlierResult,
    earlier_record,
    read_earlier,
    waves,
)

ROOT = Path(__file__).resolve().parents[1]


def _page(*sentences: str) -> str:
    return "<html><body>" + "".join(f"<p>{s}</p>" for s in sentences) + "</body></html>"


# --------------------------------------------------------------------------- claims
HARDER = dict(unit=(" 分", " points"), up=("偏松", "softer"), down=("偏严", "harder"))


def test_difference_states_the_magnitude_with_the_magnitudes_interval():
    d = Difference(-5.6, -6.6, -4.6, **HARDER)
    assert format_difference(d, "en") == "harder by 5.6 points (95% CI 4.6 to 6.6)"
    assert format_difference(d, "zh") == "偏严 5.6 分（95% CI 4.6 到 6.6）"


def test_difference_crossing_zero_is_signed_with_a_signed_interval():
    d = Difference(1.2, -0.4, 2.8, **HARDER)
    assert format_difference(d, "en") == "+1.2 points (95% CI −0.4 to +2.8)"


def test_a_claim_with_its_estimate_outside_its_interval_cannot_be_made():
    with pytest.raises(ValueError, match="outside its interval"):
        Difference(5.6, -6.6, -4.6)
    with pytest.raises(ValueError, match="finite"):
        Difference(float("nan"))
    with pytest.raises(ValueError, match="within"):
        Share(1200, 1153, of=("通", "calls"))


def test_difference_rounding_to_zero_has_no_direction_word():
    assert format_difference(Difference(0.04, **HARDER), "en") == "no difference"


def test_share_says_what_it_is_a_share_of():
    s = Share(346, 1153, of=("通非必检录音", "non-must-check calls"))
    assert format_share(s, "zh") == "占 1,153 通非必检录音的 30%"
    assert format_share(s, "en") == "30% of the 1,153 non-must-check calls"
    t = Share(0.22, 1.0, of=("该班组加权差距总和", "team's total weighted gap"), show_whole=False)
    assert format_share(t, "zh") == "占该班组加权差距总和的 22%"


def test_one_precision_per_list():
    # the issue's helpful rates: 97.9 % front line, 96.59 % back office, 97.7 % overall
    assert percent_list([0.979, 0.9659, 0.977]) == ["97.9%", "96.6%", "97.7%"]


def test_ratio_count_verdict():
    assert format_ratio(Ratio(1.84, 1.2, 2.9), "zh") == "1.8 倍（95% CI 1.2 到 2.9）"
    assert format_count(Count(1200, (" 通", " calls")), "en") == "1,200 calls"
    v = Verdict(0.7571, 0.80, what=("每班组一名质检员时", "with one inspector per team"))
    assert not v.reached
    assert format_verdict(v, "zh") == "无法达到目标 0.80（每班组一名质检员时最高 0.76）"
    # never "cannot reach 0.80 (at most 0.80)"
    assert "0.7996" in format_verdict(Verdict(0.7996, 0.80, what=("", "")), "en")
    assert Verdict(0.85, 0.80, what=("", "")).reached


def test_caveat_is_attached_by_its_condition():
    c = Caveat(("合格率很高", "nearly all pass"), at_least=0.9, at_most=0.1)
    assert caveats_for(0.484, [c], "en") == []
    assert caveats_for(0.95, [c], "en") == ["nearly all pass"]
    assert caveats_for(0.05, [c], "zh") == ["合格率很高"]
    assert caveats_for(float("nan"), [c], "zh") == []


# --------------------------------------------------------------------------- the audit's rules
@pytest.mark.parametrize(
    "before",
    [
        # the sentences the issue lists, as the reports printed them
        "QA03 scores harder by 5.6 (95% CI −6.6 to −4.6).",
        "学员反应：一线员工 97.9%、后台人员 97%、总体 97.7%认为微课有帮助。",
        "下月（2026-07）共安排 1200 通：计划抽检 807 通，随机抽检 348 通（30%），必检 45 通。",
        "加权差距最大的班组是T11，主要差在“反思实践能力”（0.5 分）。",
        "估计 -9.02，95%置信区间 -5.38 ~ -2.65。",
        "下月共安排 1200 通：计划抽检 800 通，随机抽检 346 通（占 1,146 通非必检录音的 30%），必检 47 通。",
    ],
)
def test_audit_flags_the_issues_sentences(before):
    pool = {"values": [5.6, 6.6, 4.6, 0.979, 0.97, 0.977, 0.5, 9.02, 5.38, 2.65, 0.3, 0.95]}
    assert audit("x", _page(before), pool, {}).problems


def test_audit_flags_the_pass_rate_caveat_at_48_percent():
    page = _page(
        "合格判定（合格线 80 分，48.4% 合格）Fleiss κ = 0.83。",
        "仅 38 通录音（少于 50 通）：κ 与 AC1 的置信区间是近似区间，合格率很高时实际覆盖率低于名义水平。",
    )
    assert audit("x", page, {"v": [0.484, 0.83]}, {}).problems


def test_audit_flags_a_number_in_no_record_or_table():
    assert audit("x", _page("平均差距 0.93 分。"), {"v": [0.92]}, {}).problems
    assert not audit("x", _page("平均差距 0.93 分。"), {"v": [0.9311]}, {}).problems


@pytest.mark.parametrize(
    "after",
    [
        "QA03 平均偏严 5.6 分（95% CI 4.6 到 6.6）。",
        "学员反应：一线员工 97.9%、后台人员 96.6%、总体 97.7%认为微课有帮助。",
        "下月（2026-07）共安排 1200 通：计划抽检 807 通，随机抽检 346 通（占 1,153 通非必检录音的 30%），必检 47 通。",
    ],
)
def test_audit_passes_the_rewritten_sentences(after):
    pool = {"v": [5.6, 6.6, 4.6, 0.979, 0.9659, 0.977, 0.3, 0.95]}
    assert audit("x", _page(after), pool, {}).problems == []


# --------------------------------------------------------------------------- earlier results
def _publish(folder: Path, stem: str, values: dict, data: str = "sample") -> None:
    """An executed notebook with recorded values and its manifest entry, as the runner
    publishes them."""
    import nbformat

    from cslib.reporting.records import RECORD_MIME

    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("")
    cell.outputs = [
        nbformat.v4.new_output(
            "display_data", data={RECORD_MIME: {"name": k, "value": v}}, metadata={}
        )
        for k, v in values.items()
    ]
    nb.cells = [cell]
    nbformat.write(nb, str(folder / f"{stem}.ipynb"))
    manifest_path = folder / "cslib-manifest.json"
    manifest = json.loads(manifest_path.read_text()) if manifest_path.is_file() else {}
    manifest[f"{stem}.ipynb"] = {"notebook": stem, "data": data, "inputs": []}
    manifest_path.write_text(json.dumps(manifest))


def test_later_reports_read_the_earlier_reports_recorded_results(tmp_path):
    verdicts = {"MC04": {"overall": "no_evidence"}, "MC01": {"overall": "partial"}}
    _publish(tmp_path, "03_microcourse_effectiveness", {"verdicts": verdicts})
    found = read_earlier("04_training_needs", tmp_path)
    assert list(found) == ["03_microcourse_effectiveness"]
    assert found["03_microcourse_effectiveness"].values["verdicts"] == verdicts
    record = earlier_record("04_training_needs", tmp_path, data="sample")
    assert record[0]["report"] == "03_microcourse_effectiveness"
    assert record[0]["sha256"] == found["03_microcourse_effectiveness"].sha256
    # a study's report never reads the demo's results, nor the other way round
    assert read_earlier("04_training_needs", tmp_path, data="user") == {}
    assert earlier_record("04_training_needs", tmp_path, data="user") == []
    # nothing published: nothing read, no error
    assert read_earlier("05_qa_monitoring", tmp_path) == {}


def test_the_runner_runs_earlier_reports_first():
    stems = [p.stem for p in NOTEBOOKS]
    order = [p.stem for wave in waves(NOTEBOOKS) for p in wave]
    assert sorted(order) == sorted(stems)
    for later, earlier in EARLIER.items():
        for e in earlier:
            if later in order and e in order:
                assert order.index(e) < order.index(later)


def test_the_header_lists_the_earlier_results_like_input_files():
    from cslib.reporting.provenance import add_provenance

    page = '<html><body><header class="cslib-header"><p class="cslib-meta">x</p></header></body></html>'
    rec = {
        "data": "user",
        "inputs": [],
        "changed": [],
        "not_run": [],
        "earlier": [
            {
                "report": "03_microcourse_effectiveness",
                "file": "03_microcourse_effectiveness.ipynb",
                "data": "user",
                "sha256": "ab" * 32,
            }
        ],
    }
    zh = add_provenance(page, rec, "zh")
    assert "读取的前序报告结果" in zh and "03_microcourse_effectiveness.ipynb" in zh
    assert "<code>abababababab</code>" in zh
    assert "Earlier reports' results read" in add_provenance(page, rec, "en")


# --------------------------------------------------------------------------- 04 ← 03
def _catalogue():
    from cslib.core.framework import load_framework
    from cslib.core.paths import resolve
    from cslib.needs.io import read_courses

    fw = load_framework(resolve("data_samples/framework_complaint_handling.yaml"))
    return read_courses(resolve("data_samples/courses.csv"), fw)


def test_04_defers_courses_report_03_found_without_evidence_and_says_so():
    from cslib.needs import earlier

    courses = _catalogue()
    r03 = EarlierResult(
        "03_microcourse_effectiveness",
        "03.ipynb",
        "0" * 64,
        "sample",
        {"verdicts": {"MC04": {"overall": "no_evidence"}, "MC01": {"overall": "partial"}}},
    )
    ev = earlier.course_evidence({r03.stem: r03}, courses)
    assert ev.without_evidence == ("MC04",)
    assert ev.avoid(["CL03"]) == ["CL03", "MC04"]
    assert ev.avoid([], exclude=["MC04"]) == []  # excluded stays excluded
    team = pd.DataFrame({"unit": ["T1", "T2", "T2"], "course_id": ["MC04", "MC04", "MC01"]})
    agents = pd.DataFrame({"unit": ["a", "b"], "course_id": ["MC04", "MC01"]})
    zh = earlier.evidence_sentence(ev, courses, team, agents, lang="zh")
    assert "报告 03 未发现" in zh and "MC04" in zh and "2 个班组" in zh and "1 名坐席" in zh
    en = earlier.evidence_sentence(ev, courses, team, agents, lang="en")
    assert "Report 03 found no evidence" in en and "2 teams" in en
    none = earlier.evidence_sentence(ev, courses, team.iloc[:0], agents.iloc[:0], lang="en")
    assert "None of this report's recommendations" in none
    # no report 03: nothing changes, nothing said
    assert earlier.course_evidence({}, courses).without_evidence == ()


def test_04_deferral_changes_the_choice_only_by_the_declared_rule():
    from cslib.needs.choice import choose_courses

    # MC04 comes first in the catalogue, so without the rule it wins the tie with MC05
    cat = pd.DataFrame(
        {
            "course_id": ["MC04", "MC05", "MC06"],
            "title_zh": ["甲", "乙", "丙"],
            "title_en": ["a", "b", "c"],
            "format": ["micro"] * 3,
            "duration_min": [60] * 3,
            "targets": [("A3",), ("A3",), ("A1",)],
        }
    )
    gaps = pd.DataFrame({"A1": [0.2, 0.0], "A3": [1.0, 0.0]}, index=["u", "v"])
    gaps.loc["v", "A3"] = 0.5
    free = choose_courses(gaps, cat, max_courses=1)
    deferred = choose_courses(gaps, cat, max_courses=1, avoid=["MC04"])
    assert "MC04" in set(free.table["course_id"])
    assert "MC04" not in set(deferred.table["course_id"])
    # the same gap is covered: deferring costs nothing when another course covers as much
    assert free.coverage["covered"].sum() == deferred.coverage["covered"].sum()
    # a gap only the deferred course covers still gets it (never silently dropped)
    only = pd.DataFrame({"A3": [1.0]}, index=["u"])
    alone = cat.iloc[[0, 2]].reset_index(drop=True)
    kept = choose_courses(only, alone, max_courses=1, avoid=["MC04"])
    assert "MC04" in set(kept.table["course_id"])


# --------------------------------------------------------------------------- 02 ← 01
def test_02_names_the_weights_it_compares_with(tmp_path):
    from cslib.consistency.compare_source import comparison_source, source_sentence
    from cslib.core.paths import resolve

    table = resolve("data_samples/published_weights_complaint_handling.csv")
    published = comparison_source({}, table, lang="zh")
    assert published.kind == "file" and published.name == "已发表"
    assert "不是本研究报告 01 推导的权重" in source_sentence(published, "zh")
    r01 = EarlierResult(
        "01_delphi_weights", "01.ipynb", "0" * 64, "sample", {"combined_weights": {"A1": 1.0}}
    )
    own = comparison_source({r01.stem: r01}, table, lang="en")
    assert own.kind == "report_01" and own.name == "this study's Delphi (report 01)"
    assert "report 01" in source_sentence(own, "en")


# --------------------------------------------------------------------------- 05: targets
def _g(agent=9.0, inspector=3.0, ai=2.89, res=64.0):
    from cslib.stats.gstudy import GStudy

    vc = {"agent": agent, "inspector": inspector, "agent_inspector": ai, "residual": res}
    return GStudy("(c:a) x r", "reml", vc)


def test_05_says_when_its_rotation_cannot_reach_its_reliability_target():
    from cslib.monitoring.targets import max_reliability, rotation_target_sentence
    from cslib.stats.gstudy import calls_needed, dstudy
    from cslib.stats.rotation import Rotation

    g = _g()
    best = max_reliability(g, 1)
    # against the D study itself: reliability with one inspector and very many calls
    assert best == pytest.approx(float(dstudy(g, 10**9, 1).g_coefficient), rel=1e-6)
    assert best < 0.80
    need = calls_needed(g, 0.80, n_inspectors=2)
    assert need.n_calls is not None
    rot = Rotation({"T1": "QA01", "T2": "QA02"}, {"QA01": 10, "QA02": 10}, 0.0, True)
    zh = rotation_target_sentence(g, rot, need, 2, lang="zh")
    assert f"无法达到目标 0.80（每班组一名质检员时最高 {best:.2f}）" in zh
    assert f"至少 2 名质检员分评（每人每月 {need.n_calls} 通）" in zh
    assert "cannot reach the target 0.80" in rotation_target_sentence(g, rot, need, 2, lang="en")
    # a rotation that can reach the target is not flagged
    easy = calls_needed(_g(ai=0.1), 0.80)
    assert rotation_target_sentence(_g(ai=0.1), rot, easy, 1, lang="zh") == ""


def test_05_relates_calibration_to_routine_data_and_flags_disagreement():
    from cslib.monitoring.targets import calibration_sentence

    assert "两者一致" in calibration_sentence(6.56, 2.66, 0.93, 10.13, 0.95, lang="zh")
    # the issue's numbers: 6.56 outside the routine interval 0.43–6.17
    out = calibration_sentence(6.56, 2.66, 0.43, 6.17, 0.95, lang="zh")
    assert out.startswith("不一致") and "6.56" in out and "0.43 到 6.17" in out


def test_05_relates_report_02s_flagged_inspector_to_routine_data():
    from cslib.monitoring.targets import report_02_sentence, within_agent_leniency

    rng = np.random.default_rng(24)
    rows = []
    for a in range(30):
        base = rng.normal(80, 5)
        for insp, shift in (("QA01", 0.0), ("QA03", -5.0)):
            for _ in range(3):
                rows.append((f"a{a}", insp, base + shift + rng.normal(0, 2)))
    routine = pd.DataFrame(rows, columns=["agent_id", "inspector_id", "score"])
    L = within_agent_leniency(routine, "QA03")
    # against scipy directly: the per-agent differences' one-sample t interval
    from scipy import stats

    d = (
        routine[routine.inspector_id == "QA03"].groupby("agent_id")["score"].mean()
        - routine[routine.inspector_id != "QA03"].groupby("agent_id")["score"].mean()
    )
    ci = stats.ttest_1samp(d, 0).confidence_interval(0.95)
    assert L.statistic == pytest.approx(d.mean(), abs=1e-12)
    assert (L.ci_low, L.ci_high) == pytest.approx((ci.low, ci.high), abs=1e-12)
    r02 = EarlierResult(
        "02_consistency_checks",
        "02.ipynb",
        "0" * 64,
        "sample",
        {"qa_bias_flagged": ["QA03"], "qa_bias": {"QA03": -5.60625}},
    )
    zh = report_02_sentence({r02.stem: r02}, routine, lang="zh")
    assert "报告 02 的校准发现 QA03 偏严 5.6 分" in zh and "方向一致" in zh
    flipped = routine.assign(
        score=np.where(routine.inspector_id == "QA03", routine.score + 10, routine.score)
    )
    assert report_02_sentence({r02.stem: r02}, flipped, lang="zh").startswith("不一致")
    assert report_02_sentence({}, routine, lang="zh") == ""


# --------------------------------------------------------------------------- 02 and 03 texts
def test_pretrend_marks_cover_every_outcome():
    from cslib.effectiveness.pretrend_marks import marked_estimates, pretrend_note

    rob = pd.DataFrame(
        {
            "course_id": ["MC03", "MC03", "MC07"],
            "outcome": ["qa_score", "repeat_tickets", "aht_s"],
            "estimate": [1.0, -0.2, -9.0],
            "pretrend_pvalue": [0.5, 0.002, 0.01],
        }
    )
    t = marked_estimates(rob, ["MC03", "MC07"], 0.05)
    assert t.at["MC03", "repeat_tickets"].endswith("†")
    assert not t.at["MC03", "qa_score"].endswith("†")
    assert t.at["MC07", "aht_s"] == "−9.000†"
    note = pretrend_note(rob, 0.05, outcome_label=lambda o, side: o, lang="en")
    assert "MC03 repeat_tickets (p = 0.002)" in note and "MC07 aht_s (p = 0.010)" in note


# --------------------------------------------------------------------------- every report
@pytest.mark.parametrize(
    ("notebook", "lang"),
    [
        pytest.param(
            nb, lang, marks=pytest.mark.xdist_group(group(nb, lang)), id=f"{nb.stem}-{lang}"
        )
        for nb in NOTEBOOKS
        for lang in LANGS
    ],
)
def test_every_sentence_with_a_number_agrees_with_the_report(notebook, lang, report_runs):
    run = report_runs.get(notebook, lang)
    result = audit_page(run.html)
    counts = report_runs.shared / "narrative-audit.jsonl"
    with counts.open("a", encoding="utf-8") as fh:
        fh.write(
            json.dumps({"report": notebook.stem, "lang": lang, "checked": result.checked}) + "\n"
        )
    print(f"{notebook.stem} {lang}: {result.checked} sentences checked")
    assert result.checked >= 10, "the audit found almost no sentences: is the page empty?"
    assert result.problems == [], "\n".join(result.problems)


STORY = {
    # report → what its Chinese page must say once the earlier reports are in its folder
    "02_consistency_checks": (
        "与本研究德尔菲（报告 01）权重相比",
        "对照权重：本研究报告 01 推导的德尔菲组合权重",
    ),
    "03_microcourse_effectiveness": ("MC03 重复工单", "MC07 平均处理时长", "后台人员 96.6%"),
    "04_training_needs": ("报告 03 未发现", "报告 03 未见效果", "占该班组加权差距总和的"),
    "05_qa_monitoring": (
        "无法达到目标 0.80",
        "报告 02 的校准发现 QA03",
        "占 1,153 通非必检录音的 30%",
    ),
}


@pytest.mark.parametrize(
    "stem",
    [pytest.param(s, marks=pytest.mark.xdist_group(f"report-{s}-zh"), id=s) for s in STORY],
)
def test_the_demo_reports_tell_one_story(stem, report_runs):
    run = report_runs.get(ROOT / "notebooks" / f"{stem}.ipynb", "zh")
    text = run.html.read_text(encoding="utf-8")
    for phrase in STORY[stem]:
        assert phrase in text, phrase
    # the old wordings are gone
    for old in ("与Delphi权重相比", "主要差在", "随机抽检 346 通（30%）", "后台人员 97%"):
        assert old not in text


def test_run_many_runs_the_earlier_reports_first_and_keeps_the_given_order(monkeypatch, tmp_path):
    import threading

    from cslib.reporting import runner

    started: list[str] = []
    lock = threading.Lock()

    def fake_execute(nb, params, **kwargs):
        with lock:
            started.append(nb.stem)
        return RuntimeError(nb.stem)  # reported per notebook, like a failed run

    monkeypatch.setattr(runner, "execute", fake_execute)
    given = list(reversed([p for p in NOTEBOOKS if p.stem[:2] in {"01", "02", "03", "04", "05"}]))
    results = runner.run_many(given, {}, output_dir=tmp_path, jobs=2)
    assert [str(r) for r in results] == [p.stem for p in given]  # results in the given order
    for later, earlier in EARLIER.items():
        for e in earlier:
            assert started.index(e) < started.index(later), (e, later, started)
