"""A trainer's own study, run end to end: no sample file is read, no sample number printed.

Issue 19: a 9-expert ratings file analysed with ``cslib run 01 -p ratings_path …`` printed
"questionnaires sent 26" and a 26-expert content-validity table, all taken silently from
``data_samples/``.  Here every notebook runs on a study folder whose files are the user's
(copies under other names, and for notebook 01 a 9-expert subset), with the optional inputs
left out.  Every file opened by the command and by the notebook kernels is recorded with an
audit hook (``tests/audit_site/sitecustomize.py``); none may be in ``data_samples/``.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from audited_run import run_audited, sample_reads

from cslib.core.study import declare_inputs, set_parameters
from cslib.reporting.hygiene import check_report
from cslib.reporting.records import read_records
from cslib.study_init import init_study

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data_samples"

pytestmark = pytest.mark.xdist_group("own-data")


def _copy(study: Path, sample: str, name: str) -> str:
    target = study / "数据" / name
    shutil.copy(SAMPLES / sample, target)
    return f"数据/{name}"


@pytest.fixture(scope="module")
def study(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A study with the user's own files for every notebook, optional inputs left out."""
    folder = tmp_path_factory.mktemp("own") / "我的研究"
    init_study(folder)
    ratings = pd.read_csv(SAMPLES / "delphi_ratings.csv")
    keep = sorted(ratings["expert_id"].unique())[:9]
    ratings[ratings["expert_id"].isin(keep)].to_excel(
        folder / "数据" / "专家评分.xlsx", index=False
    )
    declare_inputs(
        folder,
        {
            "framework_path": _copy(folder, "framework_complaint_handling.yaml", "指标体系.yaml"),
            "courses_path": _copy(folder, "courses.csv", "课程.csv"),
        },
    )
    declare_inputs(folder, {"ratings_path": "数据/专家评分.xlsx"}, notebook="01_delphi_weights")
    set_parameters(
        folder, {"n_invited": 12, "n_boot": 50, "n_perm": 200}, notebook="01_delphi_weights"
    )
    declare_inputs(
        folder,
        {
            "ahp_survey_path": _copy(folder, "ahp_survey.csv", "ahp.csv"),
            "qa_form_path": _copy(folder, "qa_form.csv", "质检表.csv"),
            "qa_calibration_path": _copy(folder, "qa_calibration.csv", "校准.csv"),
            "self_assessment_path": _copy(folder, "self_assessment.csv", "自评.csv"),
            "scheme_paths": [
                _copy(folder, "kpi_scheme_ecommerce.yaml", "kpi方案.yaml"),
                _copy(folder, "qa_agent_score_scheme.yaml", "质检方案.yaml"),
            ],
        },
        notebook="02_consistency_checks",
    )
    declare_inputs(
        folder,
        {
            "sessions_path": _copy(folder, "effectiveness/sessions.csv", "出勤.csv"),
            "reaction_path": _copy(folder, "effectiveness/reaction.csv", "反应.csv"),
            "tests_path": _copy(folder, "effectiveness/tests.csv", "测验.csv"),
        },
        notebook="03_microcourse_effectiveness",
    )
    set_parameters(folder, {"event_course": "MC01"}, notebook="03_microcourse_effectiveness")
    declare_inputs(
        folder,
        {
            "ratings_path": _copy(folder, "needs/ratings.csv", "360评分.csv"),
            "targets_path": _copy(folder, "needs/target_profiles.csv", "岗位目标.csv"),
            "ahp_survey_path": "数据/ahp.csv",
        },
        notebook="04_training_needs",
    )
    set_parameters(
        folder,
        {"post": "complaint_handling", "weight_source": "ahp_survey"},
        notebook="04_training_needs",
    )
    declare_inputs(
        folder,
        {
            "records_path": _copy(folder, "monitoring/qa_records.csv", "质检记录.csv"),
            "roster_path": _copy(folder, "monitoring/agents.csv", "名册.csv"),
        },
        notebook="05_qa_monitoring",
    )
    set_parameters(folder, {"n_resamples": 20}, notebook="05_qa_monitoring")
    declare_inputs(
        folder,
        {
            "sessions_path": "数据/出勤.csv",
            "kpi_path": _copy(folder, "effectiveness/kpi_weekly.csv", "KPI周数据.csv"),
            "costs_path": _copy(folder, "roi/costs.csv", "培训成本.csv"),
            "values_path": _copy(folder, "roi/values.csv", "指标价值.csv"),
        },
        notebook="06_training_roi",
    )
    return folder


@pytest.fixture(scope="module")
def ran(study: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    log = tmp_path_factory.mktemp("audit") / "opens.log"
    r = run_audited(["run", "--no-progress", "-j", "2"], study, log)
    assert r.returncode == 0, r.stdout + r.stderr
    return study / "报告", log, r.stdout + r.stderr


def test_no_sample_file_is_read_by_any_notebook(ran: tuple[Path, Path, str], study: Path) -> None:
    reports, log, _ = ran
    assert log.stat().st_size > 0  # the hook ran
    assert sample_reads(log, study) == []
    for stem in ("01_delphi_weights", "02_consistency_checks", "03_microcourse_effectiveness",
                 "04_training_needs", "05_qa_monitoring"):  # fmt: skip
        assert (reports / f"{stem}.html").is_file()


def test_manifest_and_header_name_only_the_study_files(ran: tuple[Path, Path, str]) -> None:
    reports, _, _ = ran
    manifest = json.loads((reports / "cslib-manifest.json").read_text(encoding="utf-8"))
    study_files = {p.name for p in (reports.parent / "数据").iterdir()}
    for page in sorted(reports.glob("0[1-5]_*.html")):
        entry = manifest[page.name]
        assert entry["data"] == "user"
        assert {i["file"] for i in entry["inputs"]} <= study_files
        html = page.read_text(encoding="utf-8")
        # no sample banner (the methods paragraph may say that a coverage simulation used the
        # project's sample data: that is a statement about the method, not about these inputs)
        assert "示例数据：" not in html and "cslib-sample" not in html
        for i in entry["inputs"]:
            assert f"{i['file']}" in html and i["sha256"][:12] in html
        for n in entry["not_run"]:
            assert f"<code>{n['parameter']}</code>" in html
        # the header's new lines read as prose: names in code, no leaked identifiers
        header = html.split('<header class="cslib-header"', 1)[1].split("</header>", 1)[0]
        assert check_report(f'<header class="cslib-header"{header}</header>', "zh",
                            require_summary=False) == []  # fmt: skip
    delphi = manifest["01_delphi_weights.html"]
    assert [i["file"] for i in delphi["inputs"]] == ["指标体系.yaml", "专家评分.xlsx"]
    rows = {i["file"]: i["rows"] for i in delphi["inputs"]}
    ratings = pd.read_excel(reports.parent / "数据" / "专家评分.xlsx")
    assert rows["专家评分.xlsx"] == len(ratings)
    assert {n["parameter"] for n in delphi["not_run"]} == {
        "experts_path",
        "published_table_path",
        "relevance_path",
        "responses_path",  # the experts' reasons and the returns come from cslib collect
        "returns_path",
    }
    changed = {c["parameter"]: c for c in delphi["changed"]}
    assert changed["n_invited"]["value"] == 12 and changed["n_invited"]["zh"] == "第一轮发放问卷数"


def test_delphi_numbers_come_from_the_nine_experts(ran: tuple[Path, Path, str]) -> None:
    reports, _, _ = ran
    records = read_records(reports / "01_delphi_weights.ipynb")
    assert records["positive_rate"][0] == pytest.approx(9 / 12)
    html = (reports / "01_delphi_weights.html").read_text(encoding="utf-8")
    assert "34.6" not in html  # 9 of the sample's 26
    assert "authority_mean_cr" not in records  # no expert profiles: no authority
    assert "published_findings" not in records  # no published table: no check


def test_index_groups_files_under_their_report(ran: tuple[Path, Path, str]) -> None:
    reports, _, _ = ran
    index = (reports / "index.html").read_text(encoding="utf-8")
    assert "README" not in index
    other = index.split('class="other"')[1] if 'class="other"' in index else ""
    assert "questionnaires" not in other and "training_plan" not in other


def test_command_line_files_read_nothing_else(tmp_path: Path) -> None:
    """The issue's command, with the two inputs it needs: no sample file, no sample number."""
    ratings = pd.read_csv(SAMPLES / "delphi_ratings.csv")
    keep = sorted(ratings["expert_id"].unique())[:9]
    ratings[ratings["expert_id"].isin(keep)].to_excel(tmp_path / "my_ratings.xlsx", index=False)
    shutil.copy(SAMPLES / "framework_complaint_handling.yaml", tmp_path / "my_framework.yaml")
    log = tmp_path / "opens.log"
    r = run_audited(
        ["run", "01", "-p", "ratings_path", "my_ratings.xlsx", "-p", "framework_path",
         "my_framework.yaml", "-p", "n_invited", "12", "-p", "n_boot", "50",
         "--output-dir", "out", "--no-progress"],
        tmp_path,
        log,
    )  # fmt: skip
    assert r.returncode == 0, r.stdout + r.stderr
    assert sample_reads(log, tmp_path) == []
    manifest = json.loads((tmp_path / "out" / "cslib-manifest.json").read_text(encoding="utf-8"))
    entry = manifest["01_delphi_weights.html"]
    assert entry["data"] == "user"
    assert [i["file"] for i in entry["inputs"]] == ["my_framework.yaml", "my_ratings.xlsx"]
    records = read_records(tmp_path / "out" / "01_delphi_weights.ipynb")
    assert records["positive_rate"][0] == pytest.approx(9 / 12)
