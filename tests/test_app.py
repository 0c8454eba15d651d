"""The browser workspace's logic without a browser: forms, uploads, errors, runs, rounds.

The page itself is driven in a real browser by ``tests/test_app_browser.py``; here each
module is checked on its own, and the page object (Panel widgets) in this process.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from cslib.app.forms import changed_values, field_errors, form_fields, parse_field, value_text
from cslib.app.problems import error_rows, problem_rows
from cslib.app.studies import (
    UploadRefused,
    create_study,
    input_slots,
    inside_study,
    list_studies,
    save_upload,
    study_folder,
)
from cslib.core.errors import InputError, Problem
from cslib.core.params import ParameterError, declared_notebooks, validate_parameters
from cslib.core.study import load_study

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data_samples"


# ----------------------------------------------------------------------------- forms
def test_every_declared_parameter_but_files_and_runner_settings_is_a_field():
    from cslib.core.params import declaration
    from cslib.core.study import input_parameters

    for stem in declared_notebooks():
        cls = declaration(stem)
        assert cls is not None
        names = {f.name for f in form_fields(stem)}
        expected = set(cls.model_fields) - set(input_parameters(stem)) - {"lang", "output_dir"}
        assert names == expected, stem
        for f in form_fields(stem):
            assert f.zh and f.en, (stem, f.name)  # a label in both languages


def test_field_kinds_ranges_and_defaults_follow_the_declaration():
    fields = {f.name: f for f in form_fields("02_consistency_checks")}
    assert fields["exclude_inconsistent"].kind == "bool"
    assert fields["aggregation"].choices == ("AIJ", "AIP")
    assert fields["pass_mark"].bounds == (("≥", 0), ("≤", 100))
    assert fields["pass_mark"].unit == "points (0-100)"
    assert "≥ 0 ≤ 100" in fields["pass_mark"].expected("zh")
    assert fields["cr_threshold"].expected("en").startswith("a number > 0 < 1")
    # a value read off the sample data is no study's default (cslib.core.inputs.SAMPLE_DERIVED)
    n_invited = {f.name: f for f in form_fields("01_delphi_weights")}["n_invited"]
    assert n_invited.required and n_invited.default is None and n_invited.main
    fields3 = {f.name: f for f in form_fields("03_microcourse_effectiveness")}
    assert fields3["primary_kpi"].kind == "yaml" and fields3["primary_kpi"].default == {}
    assert fields3["event_window"].kind == "yaml"
    assert {f.name: f for f in form_fields("01_delphi_weights")}["deadline"].kind == "date"


@pytest.mark.parametrize(
    ("stem", "values"),
    [
        ("01_delphi_weights", {"n_boot": "-5", "alpha": "0.7", "weight_method": "median"}),
        ("02_consistency_checks", {"pass_mark": "120", "top_k": "two"}),
        ("03_microcourse_effectiveness", {"event_window": "[1]", "power": "1"}),
        ("05_qa_monitoring", {"random_share": "1.5"}),
    ],
)
def test_field_errors_agree_with_the_run_check(stem, values):
    """A field is marked exactly when ``cslib run``'s check rejects its value."""
    specs = {f.name: f for f in form_fields(stem)}
    parsed = {k: parse_field(specs[k], v) for k, v in values.items()}
    required = {f.name: 1 for f in form_fields(stem) if f.required and f.kind == "int"}
    required |= {f.name: "C" for f in form_fields(stem) if f.required and f.kind == "text"}
    errors = field_errors(stem, {**required, **parsed}, {}, "zh")
    with pytest.raises(ParameterError) as exc:
        validate_parameters(stem, {**required, **parsed})
    rejected = {str(p.column).split(".")[0] for p in exc.value.problems}
    assert set(errors) == rejected & set(specs)
    for text in errors.values():
        assert text.startswith("应为：") and "实际为：" in text, text
    en = field_errors(stem, {**required, **parsed}, {}, "en")
    assert all(t.startswith("Expected: ") for t in en.values())


def test_a_required_study_value_left_empty_is_marked():
    errors = field_errors(
        "01_delphi_weights",
        {
            "n_invited": parse_field(
                {f.name: f for f in form_fields("01_delphi_weights")}["n_invited"], "  "
            )
        },
        {},
        "zh",
    )
    assert "必填" in errors["n_invited"]


def test_cross_file_check_is_worded_at_its_field():
    """event_course must be in the catalogue the study gives (a check written in cslib)."""
    base = {"courses_path": str(SAMPLES / "courses.csv")}
    errors = field_errors("03_microcourse_effectiveness", {"event_course": "NOPE"}, base, "zh")
    assert "NOPE" in errors["event_course"] and "应为" in errors["event_course"]


def test_text_values_are_read_as_the_command_line_reads_them():
    specs = {f.name: f for f in form_fields("03_microcourse_effectiveness")}
    assert parse_field(specs["event_window"], "[-4, 6]") == [-4, 6]
    assert parse_field(specs["alpha"], "1") == 1.0 and isinstance(
        parse_field(specs["alpha"], "1"), float
    )
    assert parse_field(specs["event_course"], "007") == "007"  # text stays text
    assert parse_field(specs["primary_kpi"], value_text({"CL01": "csat"})) == {"CL01": "csat"}
    assert value_text([-8, 8]) == "[-8, 8]" and value_text(None) == ""


def test_only_changed_values_are_written():
    assert changed_values("01_delphi_weights", {"n_boot": 1000, "alpha": 0.05}, {}) == {}
    assert changed_values("01_delphi_weights", {"n_boot": 200}, {}) == {"n_boot": 200}
    assert changed_values("01_delphi_weights", {"n_boot": 1000}, {"n_boot": 200}) == {
        "n_boot": 1000
    }
    assert changed_values("03_microcourse_effectiveness", {"event_window": [-8, 8]}, {}) == {}


# ----------------------------------------------------------------------------- studies
def test_study_names_are_folder_names_in_the_workspace(tmp_path):
    assert study_folder(tmp_path, "../../x") == tmp_path / "x"
    assert study_folder(tmp_path, "a/b\\c") == tmp_path / "a_b_c"
    with pytest.raises(UploadRefused):
        study_folder(tmp_path, "..")
    study, n = create_study(tmp_path, "2026 投诉")
    assert study.root == (tmp_path / "2026_投诉").resolve() and n > 10
    assert list_studies(tmp_path) == ["2026_投诉"]
    with pytest.raises(UploadRefused) as again:
        create_study(tmp_path, "2026 投诉")
    assert again.value.key == "name_exists"


def test_uploads_are_sanitised_confined_and_never_replace(tmp_path):
    study, _ = create_study(tmp_path, "s")
    a = save_upload(study, "../../etc/passwd.csv", b"x\n1\n")
    assert a.parent == study.data_folder() and a.name == "passwd.csv"
    b = save_upload(study, "passwd.csv", b"x\n2\n")  # other content: a new name
    assert b.name == "passwd_2.csv" and a.read_bytes() == b"x\n1\n"
    assert save_upload(study, "passwd.csv", b"x\n1\n") == a  # same content: the same file
    assert save_upload(study, "CON.csv", b"y\n").name == "CON_.csv"  # no Windows device name
    with pytest.raises(UploadRefused) as bad:
        save_upload(study, "run.sh", b"#!/bin/sh\n")
    assert bad.value.key == "bad_suffix"
    with pytest.raises(UploadRefused):
        save_upload(study, "x.csv", b"a\n", tmp_path / "elsewhere")
    assert inside_study(study, "../s/数据/passwd.csv") == a.resolve()
    assert inside_study(study, "报告/private/roster.xlsx") is None
    assert inside_study(study, ".cslib-app/status.json") is None


def test_declaring_an_upload_writes_study_yaml_for_the_cli(tmp_path):
    from cslib.app.studies import declare

    study, _ = create_study(tmp_path, "s")
    slots = {s.name: s for s in input_slots(study, "01_delphi_weights")}
    assert slots["framework_path"].shared_by and slots["framework_path"].notebook is None
    assert slots["ratings_path"].template is not None and slots["ratings_path"].template.is_file()
    assert slots["responses_path"].template is None  # written by collect
    path = save_upload(study, "评分.csv", (SAMPLES / "delphi_ratings.csv").read_bytes())
    study = declare(study, slots["ratings_path"], path.relative_to(study.root).as_posix())
    assert load_study(study.root).declared("01_delphi_weights")["ratings_path"] == "数据/评分.csv"
    study = declare(study, slots["experts_path"], "")
    with pytest.raises(UploadRefused):
        declare(study, slots["experts_path"], "../outside.csv")
    yaml_text = (study.root / "study.yaml").read_text(encoding="utf-8")
    assert yaml_text.startswith("# 研究参数文件")  # the commented file is edited, not rewritten


def test_files_outside_the_study_are_named_before_a_run(tmp_path):
    from cslib.app.studies import outside_inputs

    study, _ = create_study(tmp_path, "s")
    outside = tmp_path / "fw.yaml"
    shutil.copy(SAMPLES / "framework_complaint_handling.yaml", outside)
    from cslib.core.study import declare_inputs

    declare_inputs(study.root, {"framework_path": str(outside)})
    assert outside_inputs(load_study(study.root), ["01_delphi_weights"]) == [
        ("framework_path", str(outside))
    ]


# ----------------------------------------------------------------------------- problems
def test_error_text_reads_back_into_the_located_rows():
    err = InputError(
        "/x/data/ratings.xlsx",
        [
            Problem("expected an integer score from 1 to 5", 8, "score", "9"),
            Problem("missing", column="expert_id"),
        ],
        sheet="数据",
    )
    rows = problem_rows(f"[IPKernelApp] ERROR | x\n{err}")
    assert [r.cells() for r in rows] == [r.cells() for r in error_rows(err)]
    assert rows[0].cells() == (
        "ratings.xlsx",
        "数据",
        "8",
        "score",
        "expected an integer score from 1 to 5",
        "9",
    )
    one = InputError.single("a.csv", "file not found")
    assert problem_rows(str(one))[0].cells() == ("a.csv", "", "", "", "file not found", "")
    with pytest.raises(ParameterError) as exc:
        validate_parameters("01_delphi_weights", {"n_boot": "abc"})
    param = problem_rows(str(exc.value))[0]
    assert (param.file, param.column, param.found) == ("01_delphi_weights", "n_boot", "abc")
    assert problem_rows("the kernel died")[0].cells() == ("", "", "", "", "the kernel died", "")


# ----------------------------------------------------------------------------- runs
def test_a_second_worker_on_the_same_study_is_refused(tmp_path):
    from filelock import FileLock

    from cslib.app import worker
    from cslib.app.runs import BUSY_EXIT, LOCK_FILE

    folder = tmp_path / ".cslib-app"
    folder.mkdir()
    with FileLock(str(folder / LOCK_FILE)):
        assert (
            worker.main([str(folder / "status.json"), "--", "run", "--study", str(tmp_path)])
            == BUSY_EXIT
        )


# ----------------------------------------------------------------------------- rounds
def _questionnaires(study_root: Path) -> Path:
    """Round 2 questionnaires of a 9-expert panel where report 01 would write them."""
    from cslib.core.framework import load_framework
    from cslib.delphi.feedback import write_feedback_workbooks
    from cslib.delphi.io import read_ratings

    ratings = read_ratings(
        SAMPLES / "delphi_ratings.csv",
        load_framework(SAMPLES / "framework_complaint_handling.yaml"),
    )
    from test_collect import round1

    folder = study_root / "报告" / "delphi_round2_questionnaires"
    write_feedback_workbooks(
        round1(ratings), 1, folder, lang="zh", deadline="2026-12-20", make_zip=True
    )
    return folder


def _answered(path: Path, *, bad: bool = False) -> bytes:
    from test_collect import fill

    out = path.parent / f"answered-{path.name}"
    fill(path, out)
    if bad:
        wb = load_workbook(out)
        wb.worksheets[0]["J7"] = 9
        wb.save(out)
    data = out.read_bytes()
    out.unlink()
    return data


def test_round_loop_collects_into_the_study(tmp_path):
    from cslib.app.rounds import collect_round, save_returns, sent_rounds
    from cslib.delphi.collect import CollectError

    study, _ = create_study(tmp_path, "s")
    folder = _questionnaires(study.root)
    sent = sent_rounds(study)
    assert [s.round for s in sent] == [2] and sent[0].zip is not None
    experts = sorted(folder.glob("delphi_round2_expert_*.xlsx"))
    # one bad score: every problem named, nothing written
    files = [(p.name, _answered(p, bad=k == 0)) for k, p in enumerate(experts[:-1])]
    save_returns(study, 2, files)
    with pytest.raises(CollectError) as exc:
        collect_round(study, sent[0], "zh")
    table = exc.value.table("zh")
    assert list(table.columns)[:3] == ["文件", "工作表", "单元格"] and "J7" in set(table["单元格"])
    assert not (study.data_folder() / "delphi_round2_collected").exists()
    # the corrected file, uploaded under the same name, replaces the earlier upload
    save_returns(study, 2, [(experts[0].name, _answered(experts[0]))])
    assert len(list((study.data_folder() / "delphi_round2_returned").glob("*.xlsx"))) == 8
    done = collect_round(study, sent[0], "zh")
    assert (done.round, done.sent, done.returned) == (2, 9, 8)
    declared = load_study(study.root).declared("01_delphi_weights")
    assert declared["n_invited"] == 9
    assert declared["ratings_path"].startswith("数据/delphi_round2_collected/")


# ----------------------------------------------------------------------------- the page object
def test_page_flow_in_process(tmp_path):
    """The page's callbacks without a browser: create, upload, field marks, refusals."""
    pytest.importorskip("panel")
    from cslib.app.page import Workspace

    page = Workspace(tmp_path, lang="en")
    page.create("../pilot")
    assert page.study is not None and page.study.root == (tmp_path / "pilot").resolve()
    assert "Created study pilot" in page.message.object
    stem = "01_delphi_weights"
    spec, widget, error = page.forms[stem]["n_boot"]
    widget.value = "-1"  # the watcher checks the whole form
    assert "invalid" in widget.css_classes and "Expected" in error.object
    widget.value = "300"
    assert "invalid" not in widget.css_classes and error.object == ""
    page.run([])
    assert "Choose at least one report" in page.run_message.object
    page.run([stem])  # n_invited is required in a study: refused before anything starts
    assert "option(s) are wrong" in page.run_message.object
    assert "required" in page.forms[stem]["n_invited"][2].object
    assert "invalid" in page.forms[stem]["n_invited"][1].css_classes
    # an unreadable upload: the located error, nothing declared
    slot = next(s for s in input_slots(page.study, stem) if s.name == "ratings_path")

    class Upload:
        value = b"not a workbook"
        filename = "bad.xlsx"

    import panel as pn

    note = pn.pane.HTML("")
    page.uploaded(slot, Upload, note)
    assert "problems" in note.object and "bad.xlsx" in note.object
    assert load_study(page.study.root).declared(stem)["ratings_path"] == ""
    # text from files is escaped in the page
    Upload.filename = "<script>x</script>.csv"
    Upload.value = b"a,b\n1,2\n"
    page.uploaded(slot, Upload, note)
    assert "<script>" not in note.object
    page.lang = "zh"
    page.render()
    assert "培训分析工作台" in page.root[0][0].object
