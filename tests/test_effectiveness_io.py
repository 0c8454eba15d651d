"""Readers of the effectiveness data: bad input gives located InputErrors or reported exclusions."""

from __future__ import annotations

import pandas as pd
import pytest

from cslib.core.courses import read_courses
from cslib.core.errors import InputError
from cslib.effectiveness.io import (
    pair_tests,
    read_reaction,
    read_sessions,
    read_test_items,
    read_tests,
    read_weekly,
)

COURSES = """course_id,title_zh,title_en,series,duration_min,format,target_indicators
MC01,MOT服务技巧,MOT service skills,MOT服务技巧,60,micro,A3;B1
CL01,投诉处理实务,Complaint handling,课堂面授,420,classroom,A1;B2
"""
SESSIONS = """agent_id,team,course_id,date,format
A1,FL01,MC01,2025-03-04,micro
A2,FL01,MC01,2025-03-04,
A3,FL02,CL01,2025-04-10,classroom
"""


@pytest.fixture
def catalogue(write, framework):
    return read_courses(write("courses.csv", COURSES), framework)


@pytest.fixture
def sessions(write, catalogue):
    return read_sessions(write("sessions.csv", SESSIONS), catalogue)


def test_sample_catalogue_is_valid_against_the_framework(framework):
    from conftest import SAMPLES

    cat = read_courses(SAMPLES / "courses.csv", framework)
    assert list(cat.table.columns) == [
        "course_id",
        "title_zh",
        "title_en",
        "series",
        "duration_min",
        "format",
        "target_indicators",
    ]
    assert len(cat.courses("micro")) == 7 and len(cat.courses("classroom")) >= 2
    assert cat.title("MC04") == "营销五部曲——客户类型分析"


def test_catalogue_target_not_in_framework(write, framework):
    bad = COURSES.replace("A1;B2", "A1;Z9")
    with pytest.raises(InputError) as e:
        read_courses(write("c.csv", bad), framework)
    msg = str(e.value)
    assert "c.csv" in msg and "row 3" in msg and "target_indicators" in msg and "'Z9'" in msg


def test_catalogue_bad_format_and_duplicate(write):
    bad = COURSES.replace("420,classroom", "420,online") + COURSES.splitlines()[1] + "\n"
    with pytest.raises(InputError) as e:
        read_courses(write("c.csv", bad))
    msg = str(e.value)
    assert "'micro' or 'classroom'" in msg and "online" in msg


def test_catalogue_duplicate_id(write):
    with pytest.raises(InputError, match=r"row 4.*duplicate course id \(first in row 2\)"):
        read_courses(write("c.csv", COURSES + COURSES.splitlines()[1] + "\n"))


def test_sessions_fill_format_and_reject_unknown_course(write, catalogue, sessions):
    assert list(sessions["format"]) == ["micro", "micro", "classroom"]
    assert sessions.index.tolist() == [2, 3, 4]
    with pytest.raises(InputError) as e:
        read_sessions(write("s.csv", SESSIONS + "A4,FL01,XX99,2025-03-04,micro\n"), catalogue)
    msg = str(e.value)
    assert "s.csv" in msg and "row 5" in msg and "'course_id'" in msg and "XX99" in msg
    assert "not in the catalogue" in msg


def test_sessions_format_mismatch_bad_date_and_duplicate(write, catalogue):
    with pytest.raises(InputError, match=r"row 2, column 'format'.*expected 'micro'"):
        read_sessions(
            write("s.csv", SESSIONS.replace("03-04,micro", "03-04,classroom", 1)), catalogue
        )
    with pytest.raises(InputError, match=r"row 2, column 'date'.*2025-13-04"):
        read_sessions(write("s.csv", SESSIONS.replace("2025-03-04", "2025-13-04", 1)), catalogue)
    with pytest.raises(InputError, match=r"row 5.*attends course MC01 twice \(also row 2\)"):
        read_sessions(write("s.csv", SESSIONS + "A1,FL01,MC01,2025-05-06,micro\n"), catalogue)


TESTS = """agent_id,course_id,test,date,score,max_score
A1,MC01,pre,2025-03-04,60,100
A1,MC01,post,2025-03-04,80,100
A2,MC01,前测,2025-03-04,55,100
A2,MC01,后测,2025-03-04,70,100
A3,CL01,pre,2025-04-10,50,100
"""


def test_tests_read_and_pair_with_reported_exclusions(write, catalogue, sessions):
    t = read_tests(write("t.csv", TESTS + "A9,MC01,pre,2025-03-04,40,100\n"), catalogue, sessions)
    assert list(t.scores["test"]) == ["pre", "post", "pre", "post", "pre"]
    # A9 never attended MC01: excluded and listed, not silently dropped
    assert t.excluded.to_dict("records") == [
        {
            "file": str(write("t.csv", "x").parent / "t.csv"),
            "row": 7,
            "agent_id": "A9",
            "course_id": "MC01",
            "test": "pre",
            "reason": "no attendance record for this agent and course",
        }
    ]
    paired, excl = pair_tests(t)
    assert paired[["agent_id", "pre", "post"]].values.tolist() == [
        ["A1", 60.0, 80.0],
        ["A2", 55.0, 70.0],
    ]
    assert excl[["row", "agent_id", "reason"]].values.tolist() == [
        [6, "A3", "no post-test to pair with"]
    ]


def test_tests_duplicate_pretest(write, catalogue):
    with pytest.raises(InputError) as e:
        read_tests(write("t.csv", TESTS + "A1,MC01,pre,2025-03-05,65,100\n"), catalogue)
    msg = str(e.value)
    assert "row 7" in msg and "duplicate pre-test for agent A1 in course MC01 (also row 2)" in msg


def test_tests_post_before_pre(write, catalogue):
    bad = TESTS.replace("A1,MC01,post,2025-03-04", "A1,MC01,post,2025-03-01")
    with pytest.raises(InputError) as e:
        read_tests(write("t.csv", bad), catalogue)
    msg = str(e.value)
    assert "row 3, column 'date'" in msg and "post-test dated before the pre-test" in msg
    assert "2025-03-01" in msg


def test_tests_delayed_before_post(write, catalogue):
    with pytest.raises(InputError, match="delayed-test dated before the post-test"):
        read_tests(write("t.csv", TESTS + "A1,MC01,delayed,2025-03-01,70,100\n"), catalogue)


def test_tests_score_out_of_range_and_unknown_course(write, catalogue):
    with pytest.raises(InputError) as e:
        read_tests(
            write(
                "t.csv", TESTS.replace("A1,MC01,post,2025-03-04,80", "A1,MC01,post,2025-03-04,108")
            ),
            catalogue,
        )
    msg = str(e.value)
    assert (
        "row 3, column 'score'" in msg and "between 0 and the maximum 100" in msg and "108" in msg
    )
    with pytest.raises(
        InputError, match=r"row 7, column 'course_id'.*not in the catalogue.*'MC77'"
    ):
        read_tests(write("t.csv", TESTS + "A1,MC77,pre,2025-03-04,1,100\n"), catalogue)
    with pytest.raises(InputError, match=r"row 2, column 'test'.*pre, post or delayed.*'mid'"):
        read_tests(write("t.csv", TESTS.replace("A1,MC01,pre", "A1,MC01,mid")), catalogue)
    with pytest.raises(InputError, match=r"row 2, column 'score'.*expected a number.*'sixty'"):
        read_tests(write("t.csv", TESTS.replace(",60,", ",sixty,")), catalogue)


def test_tests_need_one_scale_per_course(write, catalogue):
    bad = TESTS.replace("A1,MC01,post,2025-03-04,80,100", "A1,MC01,post,2025-03-04,40,50")
    with pytest.raises(
        InputError, match=r"row 3, column 'max_score'.*same maximum score.*row 2 has 100"
    ):
        read_tests(write("t.csv", bad), catalogue)


def test_tests_from_xlsx_keep_spreadsheet_rows(tmp_path, catalogue):
    path = tmp_path / "tests.xlsx"
    df = pd.read_csv(pd.io.common.StringIO(TESTS))
    df.loc[1, "score"] = 130
    df.to_excel(path, index=False, sheet_name="成绩")
    with pytest.raises(InputError) as e:
        read_tests(path, catalogue)
    assert "[sheet '成绩']" in str(e.value) and "row 3, column 'score'" in str(e.value)


REACTION = """response_id,agent_id,course_id,date,staff_group,q_content,q_trainer,satisfied,helpful
R1,A1,MC01,2025-03-04,一线,5,4,是,是
R2,A2,MC01,2025-03-04,back office,4,4,yes,no
R3,,CL01,2025-04-10,front_line,3,2,no,
"""


def test_reaction_parses_aliases(write, catalogue):
    r = read_reaction(write("r.csv", REACTION), catalogue)
    assert list(r["staff_group"]) == ["front_line", "back_office", "front_line"]
    assert list(r["satisfied"]) == [True, True, False]
    assert list(r["helpful"]) == [True, False, None]
    assert list(r["format"]) == ["micro", "micro", "classroom"]
    assert r["q_trainer"].tolist() == [4, 4, 2]


def test_reaction_bad_values(write, catalogue):
    with pytest.raises(InputError, match=r"row 3, column 'satisfied'.*yes or no.*'maybe'"):
        read_reaction(write("r.csv", REACTION.replace("yes,no", "maybe,no")), catalogue)
    with pytest.raises(InputError, match=r"row 2, column 'q_content'.*1–5"):
        read_reaction(write("r.csv", REACTION.replace("一线,5,4", "一线,6,4")), catalogue)
    with pytest.raises(InputError, match=r"row 4, column 'staff_group'.*'manager'"):
        read_reaction(write("r.csv", REACTION.replace("front_line", "manager")), catalogue)


def test_items_reader(write, catalogue):
    text = "agent_id,course_id,test,q01,q02\nA1,MC01,post,1,0\nA2,MC01,post,1,2\n"
    with pytest.raises(InputError, match=r"row 3, column 'q02'.*1 \(correct\) or 0"):
        read_test_items(write("i.csv", text), catalogue)
    ok = read_test_items(write("i.csv", text.replace("1,2\n", "1,1\n")), catalogue)
    assert ok[["q01", "q02"]].to_numpy().tolist() == [[1, 0], [1, 1]]


WEEKLY = """agent_id,team,week,qa_pass_rate,repeat_tickets,aht_s
A1,FL01,2025-03-03,98.5,0,180.2
A1,FL01,2025-03-10,99.1,1,175.0
A2,FL01,2025-03-03,,2,190.0
"""


def test_weekly_reader_and_errors(write):
    w = read_weekly(write("k.csv", WEEKLY))
    assert list(w.columns) == [
        "agent_id",
        "team",
        "week",
        "qa_pass_rate",
        "repeat_tickets",
        "aht_s",
    ]
    assert w["qa_pass_rate"].isna().sum() == 1  # missing stays missing (reported by the DiD)
    with pytest.raises(InputError, match=r"row 3, column 'qa_pass_rate'.*from 0 to 100"):
        read_weekly(write("k.csv", WEEKLY.replace("99.1", "109.1")))
    with pytest.raises(InputError, match=r"row 2, column 'repeat_tickets'.*whole number"):
        read_weekly(write("k.csv", WEEKLY.replace("98.5,0,", "98.5,0.5,")))
    with pytest.raises(InputError, match=r"row 5.*A1 appears twice in week 2025-03-10"):
        read_weekly(write("k.csv", WEEKLY + "A1,FL01,2025-03-10,99.0,0,170\n"))
    with pytest.raises(InputError, match="no measure columns"):
        read_weekly(write("k.csv", "agent_id,team,week\nA1,FL01,2025-03-03\n"))


def test_sessions_from_xlsx_with_excel_dates_and_chinese_format(tmp_path, catalogue):
    path = tmp_path / "sessions.xlsx"
    pd.DataFrame(
        {
            "agent_id": ["A1", "A2"],
            "team": ["FL01", "FL01"],
            "course_id": ["MC01", "CL01"],
            "date": [pd.Timestamp("2025-03-04"), pd.Timestamp("2025-03-05")],
            "format": ["微课", "课堂"],
        }
    ).to_excel(path, index=False)
    s = read_sessions(path, catalogue)
    assert list(s["format"]) == ["micro", "classroom"]
    assert list(s["date"]) == [pd.Timestamp("2025-03-04"), pd.Timestamp("2025-03-05")]
