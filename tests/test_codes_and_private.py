"""Chinese codes wherever a code is expected, and restricted outputs in ``private/``."""

from __future__ import annotations

import re
import stat
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from report_runs import NOTEBOOKS, group

from cslib.core.codes import SOURCE_CODES, canonical_codes
from cslib.core.courses import read_courses
from cslib.core.errors import InputError
from cslib.needs.assessment import read_assessments
from cslib.needs.plan import TrainingPlan
from cslib.needs.roster import ROSTER_FILE, real_id_plan, write_scheduler_roster
from cslib.reporting.index import collect_cards, render_index
from cslib.reporting.private import private_note
from cslib.templates import main as templates_main

ROOT = Path(__file__).resolve().parents[1]


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_360_sources_typed_in_chinese_are_read_as_the_codes(tmp_path, framework):
    sample = pd.read_csv(ROOT / "data_samples/needs/ratings.csv", dtype=str)
    chinese = {"self": "自评", "peer": "同事", "leader": "班组长", "qa": "质检"}
    typed = sample.assign(source=sample["source"].map(chinese))
    (tmp_path / "zh.csv").write_text(typed.to_csv(index=False), encoding="utf-8")
    (tmp_path / "en.csv").write_text(sample.to_csv(index=False), encoding="utf-8")
    zh = read_assessments(tmp_path / "zh.csv", framework, sources=list(chinese))
    en = read_assessments(tmp_path / "en.csv", framework, sources=list(chinese))
    pd.testing.assert_frame_equal(zh.data, en.data)  # canonical codes in what reports show
    assert set(zh.data["source"]) == set(chinese)


def test_unknown_source_names_the_chinese_spellings(tmp_path, framework):
    sample = pd.read_csv(ROOT / "data_samples/needs/ratings.csv", dtype=str)
    sample.loc[3, "source"] = "领导"
    (tmp_path / "bad.csv").write_text(sample.to_csv(index=False), encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_assessments(tmp_path / "bad.csv", framework, sources=list(SOURCE_CODES))
    assert info.value.first.row == 5 and info.value.first.found == "领导"
    assert "自评" in str(info.value) and "班组长" in str(info.value)


def test_course_formats_in_chinese(tmp_path, framework):
    cat = pd.read_csv(ROOT / "data_samples/courses.csv", dtype=str)
    typed = cat.assign(format=cat["format"].map({"micro": "微课", "classroom": "传统课堂"}))
    (tmp_path / "c.csv").write_text(typed.to_csv(index=False), encoding="utf-8")
    read = read_courses(tmp_path / "c.csv", framework)
    assert read.table["format"].tolist() == cat["format"].tolist()


def test_codes_keep_what_they_do_not_know():
    s = pd.Series([" 自评", "QA", None, "x"])
    out = canonical_codes(s, SOURCE_CODES)
    assert out[[0, 1, 3]].tolist() == ["self", "qa", "x"] and pd.isna(out[2])


def test_template_dropdowns_offer_the_chinese_codes(tmp_path):
    class Args:
        output_dir = tmp_path
        lang = "zh"
        framework = None

    assert templates_main(Args()) == 0
    ws = openpyxl.load_workbook(tmp_path / "needs_ratings.xlsx")["数据"]
    header = [c.value for c in ws[1]]
    col = openpyxl.utils.get_column_letter(header.index("source") + 1)
    rule = next(dv for dv in ws.data_validations.dataValidation if str(dv.sqref).startswith(col))
    assert rule.formula1 == '"self,leader,qa,peer,自评,班组长,质检,同事"'


def _plan(pseudonymised: bool) -> TrainingPlan:
    who = ["P1", "P2"] if pseudonymised else ["A0001", "A0002"]
    return TrainingPlan(
        pd.DataFrame(
            [{"team": "T1", "week": 1, "slot": "周早班1小时", "course_id": "M1",
              "title_zh": "倾听", "title_en": "Listening", "format": "micro",
              "duration_min": 60, "n_attendees": 2, "attendees": ";".join(who),
              "indicators": "A1"}]
        ),
        pd.DataFrame({"team": ["T1", "T1"], "course_id": ["M1", "M1"], "agent_id": who}),
        pseudonymised,
    )  # fmt: skip


def test_scheduler_roster_has_real_ids_and_is_private(tmp_path):
    names = {"A0001": "P1", "A0002": "P2"}
    path = write_scheduler_roster(_plan(True), names, tmp_path, lang="en")
    assert path == tmp_path / "private" / ROSTER_FILE
    assert _mode(path) == 0o600 and _mode(path.parent) == 0o700
    text = "".join(df.to_csv() for df in pd.read_excel(path, sheet_name=None).values())
    assert "A0001" in text and "A0002" in text and "P1" not in text
    note = private_note(path, tmp_path, "training_roster", "zh")
    assert "private/04_training_roster.xlsx" in note and "排班" in note
    with pytest.raises(InputError, match="share"):
        real_id_plan(_plan(True), {"A0001": "P1", "A0002": "P1"})


def test_index_names_private_files_without_a_link(tmp_path):
    (tmp_path / "04_training_needs.html").write_text("<html><body>x</body></html>")
    (tmp_path / "private" / "05_qa_monitoring").mkdir(parents=True)
    (tmp_path / "private" / ROSTER_FILE).write_text("x")
    (tmp_path / "private" / "05_qa_monitoring" / "plan_2026-05_I01.xlsx").write_text("x")
    (tmp_path / "05_qa_monitoring.html").write_text("<html><body>y</body></html>")
    cards, others = collect_cards(tmp_path, "en")
    files = {c.page: c.files for c in cards}
    assert "private/04_training_roster.xlsx" in files["04_training_needs.html"]
    assert "private/05_qa_monitoring/plan_2026-05_I01.xlsx" in files["05_qa_monitoring.html"]
    assert others == []
    page = render_index(cards, others, "en")
    assert "private/04_training_roster.xlsx" in page
    assert 'href="private/' not in page


NB04 = next(nb for nb in NOTEBOOKS if nb.stem == "04_training_needs")
NB05 = next(nb for nb in NOTEBOOKS if nb.stem == "05_qa_monitoring")


@pytest.mark.xdist_group(group(NB04, "zh"))
def test_notebook_04_writes_the_scheduler_roster_privately(report_runs):
    run = report_runs.get(NB04, "zh")
    roster = run.folder / "private" / ROSTER_FILE
    assert _mode(roster) == 0o600 and _mode(roster.parent) == 0o700
    text = "".join(df.to_csv() for df in pd.read_excel(roster, sheet_name=None).values())
    assert re.search(r"\bA\d{4}\b", text)  # real agent ids, for the scheduler only
    public = pd.read_excel(run.folder / "training_plan.xlsx", sheet_name=None)
    assert not re.search(r"\bA\d{4}\b", "".join(df.to_csv() for df in public.values()))
    html = run.html.read_text(encoding="utf-8")
    assert "private/04_training_roster.xlsx" in html and "排班" in html


@pytest.mark.xdist_group(group(NB05, "zh"))
def test_notebook_05_inspector_plans_are_private(report_runs):
    run = report_runs.get(NB05, "zh")
    plans = sorted((run.folder / "private" / "05_qa_monitoring").glob("plan_*.xlsx"))
    assert plans and all(_mode(p) == 0o600 for p in plans)
    assert _mode(plans[0].parent) == 0o700 and _mode(plans[0].parent.parent) == 0o700
    assert not list(run.folder.glob("05_qa_monitoring/plan_*.xlsx"))  # none left in public
    assert "private/05_qa_monitoring" in run.html.read_text(encoding="utf-8")
