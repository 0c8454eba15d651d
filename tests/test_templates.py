"""Input templates (cslib.templates): every template, filled in, is read by its real reader."""

from __future__ import annotations

import openpyxl
import pytest

from cslib.core.io import INSTRUCTION_SHEETS, sheet_names
from cslib.templates import INSTRUCTIONS_SHEET, all_templates, write_templates


@pytest.fixture(scope="module")
def written(tmp_path_factory, framework):
    out = tmp_path_factory.mktemp("templates")
    return {p.stem: p for p in write_templates(out, lang="zh", framework=framework)}


def _readers(framework, written):
    from cslib.consistency.ahp_io import read_ahp_survey
    from cslib.consistency.qa_io import read_qa_calibration
    from cslib.core.courses import read_courses
    from cslib.delphi.io import read_experts, read_ratings
    from cslib.effectiveness.io import read_reaction, read_sessions, read_tests
    from cslib.needs.assessment import read_assessments
    from cslib.needs.io import read_target_profiles
    from cslib.roi.io import read_costs, read_values

    catalogue = read_courses(written["courses"], framework)
    return {
        "delphi_ratings_long": lambda p: len(read_ratings(p, framework).data),
        "delphi_ratings_wide": lambda p: len(read_ratings(p, framework).data),
        "delphi_experts": lambda p: len(read_experts(p)),
        "ahp_survey": lambda p: len(read_ahp_survey(p, framework)),
        "qa_calibration": lambda p: len(read_qa_calibration(p).scores),
        "courses": lambda p: len(read_courses(p, framework, lowest_level=True).table),
        "sessions": lambda p: len(read_sessions(p, catalogue)),
        "tests": lambda p: len(read_tests(p, catalogue).scores),
        "reaction": lambda p: len(read_reaction(p, catalogue)),
        "needs_ratings": lambda p: len(read_assessments(p, framework).data),
        "target_profiles": lambda p: read_target_profiles(p, framework).shape[1],
        "roi_costs": lambda p: len(read_costs(p, catalogue.ids).table),
        "roi_values": lambda p: len(read_values(p).table),
    }


def test_every_input_has_a_template(written):
    assert sorted(written) == sorted(
        [
            "delphi_ratings_long", "delphi_ratings_wide", "delphi_experts", "ahp_survey",
            "qa_calibration", "courses", "sessions", "tests", "reaction", "needs_ratings",
            "target_profiles", "roi_costs", "roi_values",
        ]
    )  # fmt: skip


def test_filled_templates_are_read_by_the_real_readers(written, framework):
    n_ids, n_leaves = len(framework.ids), len(framework.leaves)
    expected = {
        "delphi_ratings_long": n_ids,  # one expert scores every indicator
        "delphi_ratings_wide": 2 * n_ids,  # two experts, one row each
        "delphi_experts": 1,
        "ahp_survey": len([g for g in framework.groups.values() if len(g) > 1]),
        "qa_calibration": 4,
        "courses": 1,
        "sessions": 1,
        "tests": 2,
        "reaction": 1,
        "needs_ratings": n_leaves,
        "target_profiles": n_leaves,
        "roi_costs": 2,
        "roi_values": 2,
    }
    readers = _readers(framework, written)
    for name, path in written.items():
        assert readers[name](path) == expected[name], name


def test_instruction_sheet_is_never_read_as_data(written):
    for path in written.values():
        wb = openpyxl.load_workbook(path)
        assert wb.sheetnames[-1] == INSTRUCTIONS_SHEET and INSTRUCTIONS_SHEET in INSTRUCTION_SHEETS
        assert sheet_names(path) == wb.sheetnames[:-1] == ["数据"]


def test_headers_ids_comments_frozen_and_examples(written, framework):
    for template in all_templates(framework):
        ws = openpyxl.load_workbook(written[template.name])["数据"]
        assert ws.freeze_panes == "A2"
        header = [c.value for c in ws[1]]
        assert header == [c.id for c in template.columns]
        for cell, col in zip(ws[1], template.columns, strict=True):
            text = cell.comment.text
            assert col.zh in text and col.en in text and col.help_en in text, (
                template.name,
                col.id,
            )
        assert ws.max_row == 1 + len(template.rows)
        assert all(c.font.italic for c in ws[2])  # example rows are marked


def test_validation_rules(written, framework):
    def rules(name):
        ws = openpyxl.load_workbook(written[name])["数据"]
        out = {}
        header = [c.value for c in ws[1]]
        for dv in ws.data_validations.dataValidation:
            col = str(dv.sqref).split(":")[0].rstrip("0123456789")
            out[header[openpyxl.utils.column_index_from_string(col) - 1]] = dv
        return out

    long = rules("delphi_ratings_long")
    assert long["score"].type == "list" and long["score"].formula1 == '"1,2,3,4,5"'
    assert long["indicator_id"].formula1 == '"' + ",".join(framework.ids) + '"'
    assert long["round"].type == "whole" and str(long["score"].sqref) == "D2:D1001"
    experts = rules("delphi_experts")
    assert experts["ca"].type == "decimal" and (experts["ca"].formula1, experts["ca"].formula2) == (
        "0",
        "1",
    )
    ahp = rules("ahp_survey")
    codes = next(iter(ahp.values())).formula1.strip('"').split(",")
    assert "0" not in codes and {"1", "9", "-9", "-2"} <= set(codes) and "-1" not in codes
    sessions = rules("sessions")
    assert sessions["date"].type == "date"
    reaction = rules("reaction")
    assert reaction["satisfied"].formula1 == '"yes,no,是,否"'
    assert reaction["q_content"].formula1 == '"1,2,3,4,5"'
    assert rules("courses")["format"].formula1 == '"micro,classroom,微课,传统课堂"'
    assert rules("tests")["test"].formula1 == '"pre,post,delayed,前测,后测,延迟测"'
    for dv in long.values():
        assert dv.showErrorMessage and "Invalid" in dv.errorTitle


def test_dates_are_dates(written):
    ws = openpyxl.load_workbook(written["sessions"])["数据"]
    assert ws["D2"].is_date and ws["D2"].number_format == "yyyy-mm-dd"


def test_instruction_sheet_in_both_languages(written):
    wb = openpyxl.load_workbook(written["ahp_survey"])
    text = "\n".join(
        str(c.value) for row in wb[INSTRUCTIONS_SHEET].iter_rows() for c in row if c.value
    )
    assert "填写方法" in text and "How to fill in" in text
    assert text.index("填写方法") < text.index("How to fill in")
    assert "cslib.consistency.ahp_io.read_ahp_survey" in text
    assert "A~B" in text


def test_english_first_and_bad_language(tmp_path, framework):
    from cslib.core.errors import InputError

    paths = write_templates(tmp_path, lang="en", framework=framework)
    wb = openpyxl.load_workbook(paths[0])
    assert wb.sheetnames == ["data", INSTRUCTIONS_SHEET]
    text = [str(c.value) for row in wb[INSTRUCTIONS_SHEET].iter_rows() for c in row if c.value]
    assert text.index("How to fill in") < text.index("填写方法")
    with pytest.raises(InputError):
        write_templates(tmp_path, lang="fr", framework=framework)


def test_cli_templates(tmp_path):
    from cslib.cli import main

    assert main(["templates", "--output-dir", str(tmp_path / "t"), "--lang", "en"]) == 0
    assert len(list((tmp_path / "t").glob("*.xlsx"))) == 13
    assert not list((tmp_path / "t").glob(".*"))  # written atomically
