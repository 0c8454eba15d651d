"""Notebook 02 in a trainer's own study: each analysis runs only when its files are given.

Issue 19 (d): notebook 02 required every input.  Now the AHP survey (with the indicator
hierarchy), the QA form with its calibration scores, the self-assessment answers and the
scoring schemes are each optional: a report given only some of them runs the analyses they
allow, says in its summary which analyses were not run and which file (parameter) would
enable each, and shows a note in each skipped section.  The demo, given every sample file, is
unchanged (``tests/expected/02_consistency_checks.json``).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from audited_run import run_audited, sample_reads

from cslib.consistency import ahp_io, ahp_survey, qa_io
from cslib.consistency.analysis import summarise_qa
from cslib.consistency.io import planned_analyses
from cslib.consistency.methods import consistency_methods
from cslib.consistency.report import not_run_note, summary_box
from cslib.core.framework import load_framework
from cslib.core.inputs import plan_inputs
from cslib.reporting import runner
from cslib.reporting.hygiene import check_report
from cslib.reporting.index import finish_reports
from cslib.reporting.provenance import not_run_entries
from cslib.reporting.records import read_records
from cslib.stats.agreement import cronbach_alpha

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data_samples"
STEM = "02_consistency_checks"
AHP_INPUTS = {"framework_path", "ahp_survey_path"}
QA_INPUTS = {"qa_form_path", "qa_calibration_path"}
NONE_GIVEN = {
    "framework_path": "",
    "ahp_survey_path": "",
    "compare_weights_path": "",
    "qa_form_path": "",
    "qa_calibration_path": "",
    "self_assessment_path": "",
    "scheme_paths": [],
}


# ----------------------------------------------------------------------------- the plan
def test_planned_analyses_need_both_files_of_a_pair() -> None:
    full = {k: "x" for k in NONE_GIVEN if k != "scheme_paths"}
    full.pop("compare_weights_path")
    p = planned_analyses(**full, scheme_paths=["s.yaml"])
    assert (p.ahp, p.qa, p.alpha, p.schemes, p.any) == (True, True, True, True, True)
    p = planned_analyses(**{**full, "framework_path": "", "qa_form_path": ""}, scheme_paths=[])
    assert (p.ahp, p.qa, p.alpha, p.schemes) == (False, False, True, False)
    none = planned_analyses(
        **{k: "" for k in full}, scheme_paths=[""]
    )  # an empty path is no scheme
    assert not none.any


def test_own_run_with_qa_files_only_is_not_stopped() -> None:
    given = {"qa_form_path": "my_form.csv", "qa_calibration_path": "my_calib.csv"}
    plan = plan_inputs(STEM, given, demo=False)
    assert plan.missing == ()
    assert set(plan.absent) == {
        "framework_path",
        "ahp_survey_path",
        "compare_weights_path",
        "self_assessment_path",
        "scheme_paths",
    }
    assert plan.parameters["scheme_paths"] == [] and plan.parameters["ahp_survey_path"] == ""
    entries = {e["parameter"]: e for e in not_run_entries(STEM, plan.parameters)}
    assert set(entries) == set(plan.absent)
    assert entries["ahp_survey_path"]["analysis_en"].startswith("AHP consistency")
    assert entries["scheme_paths"]["analysis_zh"] == "考核方案自洽性检查"
    # the demo is given every sample file: nothing absent, nothing not run
    demo = plan_inputs(STEM, {}, demo=True)
    assert demo.absent == () and not_run_entries(STEM, demo.parameters) == []


def test_not_run_note_names_the_files_in_each_language() -> None:
    zh = not_run_note("qa", "zh")
    assert "本节未运行" in zh and "`qa_form_path`" in zh and "`qa_calibration_path`" in zh
    en = not_run_note("ahp", "en")
    assert en.startswith("This section was not run") and "`framework_path`" in en
    both = not_run_note("schemes", "zh+en")
    assert both.index("本节未运行") < both.index("This section") and "`scheme_paths`" in both
    with pytest.raises(ValueError, match="unknown analysis"):
        not_run_note("delphi", "en")


# ----------------------------------------------------------------------------- summary, methods
@pytest.fixture(scope="module")
def results() -> dict[str, object]:
    framework = load_framework(SAMPLES / "framework_complaint_handling.yaml")
    survey = ahp_survey.analyse_survey(
        ahp_io.read_ahp_survey(SAMPLES / "ahp_survey.csv", framework), framework
    )
    form = qa_io.read_qa_form(SAMPLES / "qa_form.csv")
    qa = summarise_qa(qa_io.read_qa_calibration(SAMPLES / "qa_calibration.csv", form))
    alpha = cronbach_alpha(qa_io.read_item_scores(SAMPLES / "self_assessment.csv"))
    reask = ahp_survey.judgments_to_reask(survey)
    return {"survey": survey, "qa": qa, "alpha": alpha, "reask": reask}


def test_summary_leaves_out_the_analyses_not_run(results: dict[str, object]) -> None:
    r = results
    full = summary_box(r["survey"], r["reask"], r["qa"], r["alpha"], [], lang="en")
    qa_only = summary_box(None, None, r["qa"], None, [], lang="en")
    ahp_only = summary_box(r["survey"], r["reask"], None, None, [], lang="en")
    assert "AHP" in full and "AHP" not in qa_only and "ICC" in qa_only
    assert "ICC" not in ahp_only and "AHP" in ahp_only and "alpha" not in ahp_only.lower()
    nothing = summary_box(None, None, None, None, [], lang="zh+en")
    assert "没有运行任何分析" in nothing and "ran no analysis" in nothing


def test_methods_cite_only_what_ran(results: dict[str, object]) -> None:
    r = results
    full = consistency_methods(r["survey"], r["qa"], r["alpha"], confidence_level=0.95, lang="en")
    qa_only = consistency_methods(
        None, r["qa"], None, confidence_level=0.95, lang="en", schemes=False
    )
    assert "saaty1980" in full.cited and "cronbach1951" in full.cited
    assert "saaty1980" not in qa_only.cited and "cronbach1951" not in qa_only.cited
    assert "shrout1979" in qa_only.cited
    text = " ".join(qa_only.paragraphs)
    assert "AHP" not in text and "Cronbach" not in text and "Scoring schemes" not in text
    assert "cslib" in text  # the version is still stated


# ----------------------------------------------------------------------------- notebook runs
def _html_and_records(result: runner.RunResult) -> tuple[str, dict[str, object]]:
    """The report's HTML and records; its visible text holds no traceback or error box."""
    from bs4 import BeautifulSoup

    finish_reports(result.html.parent)  # as the command line publishes it
    html = result.html.read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["style", "script"]):
        tag.decompose()
    text = soup.get_text(" ")
    assert "Traceback" not in text and "Error" not in text
    assert not soup.select(".jp-RenderedText[data-mime-type='application/vnd.jupyter.stderr']")
    return html, read_records(result.executed)


def test_notebook_02_with_only_the_qa_calibration(tmp_path: Path) -> None:
    params = {
        **NONE_GIVEN,
        "qa_form_path": "data_samples/qa_form.csv",
        "qa_calibration_path": "data_samples/qa_calibration.csv",
        "lang": "en",
    }
    result = runner.execute(runner.find_notebook("02"), params, output_dir=tmp_path, progress=False)
    html, records = _html_and_records(result)
    assert check_report(html, "en") == []
    assert "Analyses not run (input not given)" in html
    for name in ("ahp_survey_path", "framework_path", "self_assessment_path", "scheme_paths"):
        assert f"<code>{name}</code>" in html
    assert "AHP consistency, aggregate weights and sensitivity" in html
    assert html.count("This section was not run") >= 3  # AHP, alpha, schemes
    assert "qa_ICC2_1" in records or any(k.startswith("qa_ICC") for k in records)
    assert not any(k.startswith(("ahp_", "cronbach")) for k in records)
    figures = {p.name for p in (tmp_path / STEM).glob("*.png")}
    assert "qa_agreement_heatmap.png" in figures
    assert not any(f.startswith(("ahp_", "self_assessment")) for f in figures)


def test_notebook_02_with_only_the_ahp_survey(tmp_path: Path) -> None:
    params = {
        **NONE_GIVEN,
        "framework_path": "data_samples/framework_complaint_handling.yaml",
        "ahp_survey_path": "data_samples/ahp_survey.csv",
        "lang": "zh",
    }
    result = runner.execute(runner.find_notebook("02"), params, output_dir=tmp_path, progress=False)
    html, records = _html_and_records(result)
    assert check_report(html, "zh") == []
    assert "未运行的分析（缺少输入文件）" in html
    for name in ("qa_form_path", "qa_calibration_path", "self_assessment_path", "scheme_paths"):
        assert f"<code>{name}</code>" in html
    assert "质检员评分一致性与偏差" in html and "本节未运行" in html
    assert "ahp_combined_weights" in records and "ahp_sensitivity_interval" in records
    assert records["ahp_compared_with"] is not None
    assert not any(k.startswith(("qa_", "cronbach")) for k in records)
    assert records["scheme_findings_total"] == 0


# ----------------------------------------------------------------------------- no sample file read


def test_qa_files_of_ones_own_read_no_sample_file(tmp_path: Path) -> None:
    """``cslib run 02`` given only the user's QA form and calibration scores: the AHP,
    alpha and scheme analyses are not run (no sample file fills in), and the manifest and
    the report say which files would enable them."""
    shutil.copy(SAMPLES / "qa_form.csv", tmp_path / "我的质检表.csv")
    calib = pd.read_csv(SAMPLES / "qa_calibration.csv")
    calib.to_csv(tmp_path / "我的校准.csv", index=False)
    log = tmp_path / "opens.log"
    r = run_audited(
        ["run", "02", "-p", "qa_form_path", "我的质检表.csv", "-p", "qa_calibration_path",
         "我的校准.csv", "-p", "lang", "en", "--output-dir", "out", "--no-progress"],
        tmp_path,
        log,
    )  # fmt: skip
    assert r.returncode == 0, r.stdout + r.stderr
    assert log.stat().st_size > 0  # the hook ran
    assert sample_reads(log, tmp_path) == []
    out = tmp_path / "out"
    manifest = json.loads((out / "cslib-manifest.json").read_text(encoding="utf-8"))
    entry = manifest[f"{STEM}.html"]
    assert entry["data"] == "user"
    assert [i["file"] for i in entry["inputs"]] == ["我的质检表.csv", "我的校准.csv"]
    assert {n["parameter"] for n in entry["not_run"]} == {
        "framework_path",
        "ahp_survey_path",
        "compare_weights_path",
        "self_assessment_path",
        "scheme_paths",
    }
    html = (out / f"{STEM}.html").read_text(encoding="utf-8")
    assert "Traceback" not in html and "This section was not run" in html
    assert "Sample data" not in html
