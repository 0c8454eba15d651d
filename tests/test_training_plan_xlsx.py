"""TrainingPlan.to_xlsx: a workbook a trainer can print and hand out (read back with openpyxl)."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pandas as pd
import pytest

from cslib.needs.plan import TrainingPlan


@pytest.fixture
def plan():
    rows = [
        ("T01", 1, "周早班1小时", "MC01", "倾听技巧", "Listening", "micro", 60, 3, "a;b;c", "A1;B2"),
        ("T01", 2, "周早班1小时 ×2", "MC02", "安抚情绪", "Calming", "micro", 120, 1, "a", "B1"),
        ("T01", 0, "课堂面授（需另行排班）", "CL01", "投诉实务", "Complaints", "classroom", 240,
         2, "b;c", "C1"),
        ("T02", 1, "周早班1小时", "MC01", "倾听技巧", "Listening", "micro", 60, 1, "d" * 70, "A1"),
    ]  # fmt: skip
    columns = [
        "team", "week", "slot", "course_id", "title_zh", "title_en", "format", "duration_min",
        "n_attendees", "attendees", "indicators",
    ]  # fmt: skip
    attendance = pd.DataFrame(
        [("T01", "MC01", a) for a in "abc"]
        + [("T01", "MC02", "a"), ("T01", "CL01", "b"), ("T01", "CL01", "c"), ("T02", "MC01", "d")],
        columns=["team", "course_id", "agent_id"],
    )
    return TrainingPlan(pd.DataFrame(rows, columns=columns), attendance, False)


def test_sheets_and_headers_in_chinese(plan, tmp_path):
    wb = openpyxl.load_workbook(plan.to_xlsx(tmp_path / "p.xlsx", lang="zh"))
    assert wb.sheetnames == ["总览", "全部班组", "T01", "T02", "参训名单"]
    header = [c.value for c in wb["T01"][1]]
    assert header == [
        "班组", "周次", "时段", "课程编号", "课程名称", "形式", "时长（分钟）", "参训人数",
        "参训人员", "对应指标",
    ]  # fmt: skip
    for ws in wb.worksheets:  # no internal (snake_case) name anywhere in a header
        assert not any("_" in str(c.value) for c in ws[1]), ws.title
    t1 = list(wb["T01"].iter_rows(min_row=2, values_only=True))
    assert [r[3] for r in t1] == ["MC01", "MC02", "CL01"]
    assert t1[0][4] == "倾听技巧" and t1[0][5] == "微课" and t1[2][5] == "课堂面授"
    assert t1[2][1] == "另行排班"  # week 0 is said in words
    assert t1[0][8] == "a、b、c"
    overview = list(wb["总览"].iter_rows(values_only=True))
    assert overview[0] == (
        "班组",
        "课程数",
        "课程",
        "参训人次",
        "占用每周时段数",
        "需另行排班的课堂课",
    )
    assert overview[1] == ("T01", 3, "MC01、MC02、CL01", 6, 3, 1)
    assert overview[2] == ("T02", 1, "MC01", 1, 1, 0)
    assert [c.value for c in wb["参训名单"][1]] == ["班组", "课程编号", "坐席"]
    assert wb["参训名单"].max_row == 8


def test_english_headers_and_values(plan, tmp_path):
    wb = openpyxl.load_workbook(plan.to_xlsx(tmp_path / "p.xlsx", lang="en"))
    assert wb.sheetnames == ["Overview", "All teams", "T01", "T02", "Attendees"]
    rows = list(wb["T01"].iter_rows(min_row=2, values_only=True))
    assert rows[0][2] == "weekly 1-hour early-shift slot"
    assert rows[1][2] == "weekly 1-hour early-shift slot ×2"
    assert rows[2][2] == "classroom (separate rostered day)" and rows[2][1] == "separate day"
    assert rows[0][4] == "Listening" and rows[0][5] == "micro-course"
    assert rows[0][8] == "a, b, c"


def test_layout_and_print_setup(plan, tmp_path):
    wb = openpyxl.load_workbook(plan.to_xlsx(tmp_path / "p.xlsx"))
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A2", ws.title
        assert ws.auto_filter.ref == ws.dimensions, ws.title
        assert ws.page_setup.orientation == "landscape"
        assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4  # "9" = A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
        assert ws.print_title_rows == "$1:$1"
        assert all(c.font.bold for c in ws[1])
    ws = wb["T01"]
    # Chinese titles count double width; every column is at least as wide as its header
    assert ws.column_dimensions["E"].width >= 2 * len("倾听技巧")
    assert ws.column_dimensions["G"].width >= 2 * len("时长（分钟）")
    long = wb["T02"]
    assert long.column_dimensions["I"].width == 50  # capped ...
    assert long["I2"].alignment.wrap_text  # ... and the long attendee list wraps


def test_start_date_gives_real_dates(plan, tmp_path):
    wb = openpyxl.load_workbook(
        plan.to_xlsx(tmp_path / "p.xlsx", lang="en", start_date=dt.date(2026, 3, 2))
    )
    ws = wb["T01"]
    assert ws["C1"].value == "Starts"
    assert ws["C2"].value == dt.datetime(2026, 3, 2) and ws["C2"].number_format == "yyyy-mm-dd"
    assert ws["C3"].value == dt.datetime(2026, 3, 9)
    assert ws["C4"].value is None  # the classroom course has no weekly date


def test_atomic_and_bad_language(plan, tmp_path):
    from cslib.core.errors import InputError

    with pytest.raises(InputError, match="lang"):
        plan.to_xlsx(tmp_path / "p.xlsx", lang="fr")
    assert list(tmp_path.iterdir()) == []
    plan.to_xlsx(tmp_path / "p.xlsx", lang="zh+en")
    assert [p.name for p in tmp_path.iterdir()] == ["p.xlsx"]
    wb = openpyxl.load_workbook(tmp_path / "p.xlsx")
    assert wb["T01"]["E2"].value == "倾听技巧 Listening"
