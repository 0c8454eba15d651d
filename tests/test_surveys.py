"""Online-survey exports (问卷星 / 腾讯问卷) → input files: reader, mapping, rules, round trips.

Round trips: the synthetic exports in ``data_samples/surveys/`` (made from the demo data by
``data_samples/generate_survey_exports.py``) are imported and read back with each notebook's
own reader; the result must equal what that reader gives for the demo's own file.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from cslib.cli import main as cli_main
from cslib.consistency.ahp_io import read_ahp_survey
from cslib.core.courses import read_courses
from cslib.core.errors import InputError
from cslib.core.framework import load_framework
from cslib.delphi.io import read_ratings
from cslib.delphi.relevance import read_relevance
from cslib.effectiveness.io import read_reaction
from cslib.needs.assessment import read_assessments
from cslib.surveys.errors import SurveyError
from cslib.surveys.export import parse_header, read_export
from cslib.surveys.importer import MappingProposed, import_survey

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data_samples"
SURVEYS = SAMPLES / "surveys"
FW = load_framework(SAMPLES / "framework_complaint_handling.yaml")
CATALOGUE = read_courses(SAMPLES / "courses.csv")
R1_TEXT = SURVEYS / "delphi_r1_按文本_投诉处理胜任力.xlsx"
R2_TEXT = SURVEYS / "delphi_r2_按文本_投诉处理胜任力.csv"
R1_NUM = SURVEYS / "delphi_r1_按序号_投诉处理胜任力.csv"
R2_NUM = SURVEYS / "delphi_r2_按序号_投诉处理胜任力.xlsx"
DESCENDING = {1: 5, 2: 4, 3: 3, 4: 2, 5: 1}


SAMPLE_FRAMEWORK = (
    Path(__file__).resolve().parents[1] / "data_samples" / "framework_complaint_handling.yaml"
)


def run(export, kind, out, **kw):
    kw.setdefault("framework", FW)
    if kind == "reaction":
        kw.setdefault("catalogue", CATALOGUE)
    return import_survey(export, kind, out, **kw)


def edit_mapping(path: Path, **changes) -> None:
    """What a user does in an editor: change top-level keys or entries of the mapping file."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(data.get(key), dict):
            data[key].update(value)
        else:
            data[key] = value
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def propose_then(export, kind, out, **mapping_changes):
    """First import stops with a proposal (numeric exports need codes); edit it; import again."""
    with pytest.raises(MappingProposed) as info:
        run(export, kind, out, round=1 if kind == "delphi_ratings" else None)
    mapping = Path(info.value.mapping_path)
    assert mapping.is_file()
    edit_mapping(mapping, **mapping_changes)
    return mapping


def write_export(path: Path, frame: pd.DataFrame) -> Path:
    if path.suffix == ".xlsx":
        frame.to_excel(path, index=False)
    else:
        frame.to_csv(path, index=False, encoding="utf-8-sig")
    return path


def small_export(tmp_path: Path, rows: list[dict], name="r_按文本_x.csv") -> Path:
    """A 问卷星 text export of a two-indicator questionnaire (B1, B2 of the framework)."""
    base = {"来源": "微信", "来源详情": "N/A", "来自IP": "192.0.2.7(广东-深圳)"}
    frame = pd.DataFrame(
        [
            {
                "序号": str(k),
                "提交答卷时间": r.get("t", f"2026/3/2 10:{k:02d}:00"),
                "所用时间": r.get("s", "200秒"),
                **base,
                "1、您的专家编号": r["id"],
                "2、人际沟通能力": r.get("b1", "重要"),
                "3、自我管理能力": r.get("b2", "一般"),
                **r.get("extra", {}),
            }
            for k, r in enumerate(rows, start=1)
        ]
    )
    return write_export(tmp_path / name, frame)


# ----------------------------------------------------------------------------- reading
@pytest.mark.parametrize(
    "header, expected",
    [
        ("3、人际沟通能力", (3, "人际沟通能力", "", None)),
        ("3．人际沟通能力", (3, "人际沟通能力", "", None)),
        ("12.你的网络 ID ？", (12, "你的网络 ID ？", "", None)),
        ("第5题(客户信息解读能力)", (5, "", "客户信息解读能力", None)),
        ("第 5 题（客户信息解读能力）", (5, "", "客户信息解读能力", None)),
        ("6、请评价—2.自我管理能力", (6, "请评价", "自我管理能力", 2)),
        ("7、\t请评价“反思实践能力”\u3000的重要性", (7, "请评价“反思实践能力” 的重要性", "", None)),
        ("Q8:团队协作能力", (8, "团队协作能力", "", None)),
    ],
)
def test_header_forms(header, expected):
    q = parse_header(header, 1)
    assert q is not None
    assert (q.number, q.stem, q.sub, q.sub_number) == expected


@pytest.mark.parametrize("header", ["序号", "提交答卷时间", "1.1 小节", "备注"])
def test_non_question_headers(header):
    assert parse_header(header, 1) is None


def test_export_metadata_roles_and_ip_dropped():
    exp = read_export(R1_TEXT)
    assert exp.platform == "wjx" and exp.form == "text"
    assert exp.meta == {"serial": "序号", "submitted": "提交答卷时间", "duration": "所用时间"}
    assert "来自IP" not in exp.frame.columns
    assert len(exp.questions) == 16
    assert exp.seconds().between(90, 900).all()
    assert exp.submitted().dt.year.eq(2026).all()
    num = read_export(R1_NUM)  # GBK CSV, numeric form from the file name
    assert num.form == "numeric" and "来自IP" not in num.frame.columns
    tencent = read_export(SURVEYS / "delphi_r1_tencent.csv")
    assert tencent.platform == "tencent"
    assert tencent.meta["submitted"] == "结束答题时间" and tencent.meta["serial"] == "编号"
    assert tencent.seconds().between(90, 900).all()


def test_tencent_layout_of_a_public_template_is_read(tmp_path):
    """The column layout of a public 腾讯问卷 CSV (trailing comma, quoted cells, English month
    names in the times) — rebuilt here, its content not copied."""
    text = (
        '"编号","开始答题时间","结束答题时间","答题时长","地理位置国家和地区","地理位置省",'
        '"地理位置市","自定义字段","1.您的专家编号","2.人际沟通能力",\n'
        '"1","02-Feb-2026 20:26:58","02-Feb-2026 20:29:09","131","中国","香港","","",'
        '"E01","非常重要",\n'
    )
    path = tmp_path / "tencent.csv"
    path.write_text(text, encoding="utf-8")
    exp = read_export(path)
    assert exp.platform == "tencent"
    assert [q.header for q in exp.questions] == ["1.您的专家编号", "2.人际沟通能力"]
    assert exp.seconds().tolist() == [131.0]
    assert f"{exp.submitted().iloc[0]:%Y-%m-%d %H:%M}" == "2026-02-02 20:29"


def test_xls_is_read_through_xlrd(tmp_path, monkeypatch):
    """``.xls`` goes through pandas' xlrd engine; here the engine is replaced by the XLSX
    reader so the conversion around it is tested without an .xls writer."""
    import sys
    import types

    xls = tmp_path / "old_按文本.xls"
    shutil.copy(R1_TEXT, xls)
    want = read_export(R1_TEXT)
    real = pd.read_excel

    def fake(path, **kw):
        assert kw["engine"] == "xlrd"
        kw["engine"] = "openpyxl"
        return real(R1_TEXT, **kw)

    monkeypatch.setitem(sys.modules, "xlrd", types.ModuleType("xlrd"))
    monkeypatch.setattr(pd, "read_excel", fake)
    exp = read_export(xls)
    assert len(exp.questions) == 16 and "来自IP" not in exp.frame.columns
    assert exp.frame.index[0] == 2
    assert (
        exp.frame[exp.questions[1].column].tolist() == want.frame[want.questions[1].column].tolist()
    )


def test_xls_without_xlrd_says_what_to_do(tmp_path, monkeypatch):
    import sys

    xls = tmp_path / "old.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0")
    monkeypatch.setitem(sys.modules, "xlrd", None)
    with pytest.raises(SurveyError, match=r'pip install "cslib\[xls\]"'):
        read_export(xls, lang="en")
    with pytest.raises(SurveyError, match="可选组件 xls") as err:  # the user's language
        read_export(xls, lang="zh")
    assert "old.xls" in str(err.value)


def test_not_an_export(tmp_path):
    path = write_export(tmp_path / "x.csv", pd.DataFrame({"a": ["1"], "b": ["2"]}))
    with pytest.raises(SurveyError, match="没有题目列"):
        read_export(path)


# ----------------------------------------------------------------------------- round trips
def demo_ratings():
    return read_ratings(SAMPLES / "delphi_ratings.csv", FW).data


def test_delphi_round_trip_text(tmp_path):
    first = run(R1_TEXT, "delphi_ratings", tmp_path, round=1)
    assert first.inputs == {  # the round table is notebook 01's returns file
        "ratings_path": tmp_path / "delphi_ratings.csv",
        "returns_path": tmp_path / "delphi_rounds.csv",
    }
    assert first.notebook == "01_delphi_weights"
    before = (tmp_path / "delphi_ratings_mapping.yaml").read_text(encoding="utf-8")
    run(R2_TEXT, "delphi_ratings", tmp_path, round=2)  # mapping reused, no questions
    assert (tmp_path / "delphi_ratings_mapping.yaml").read_text(encoding="utf-8") == before
    got = read_ratings(tmp_path / "delphi_ratings.csv", FW).data
    pd.testing.assert_frame_equal(got, demo_ratings())


def test_delphi_round_trip_numeric(tmp_path):
    propose_then(R1_NUM, "delphi_ratings", tmp_path, codes=DESCENDING)
    run(R1_NUM, "delphi_ratings", tmp_path, round=1)
    run(R2_NUM, "delphi_ratings", tmp_path, round=2)
    got = read_ratings(tmp_path / "delphi_ratings.csv", FW).data
    pd.testing.assert_frame_equal(got, demo_ratings())


def test_numeric_export_with_ascending_codes_gives_other_scores(tmp_path):
    """The code table matters: the same export read with option 1 = score 1 differs."""
    propose_then(R1_NUM, "delphi_ratings", tmp_path, codes={k: k for k in range(1, 6)})
    got = run(R1_NUM, "delphi_ratings", tmp_path, round=1).table
    want = demo_ratings()
    want = want[want["round"] == 1].reset_index(drop=True)
    assert (got["score"].to_numpy() == 6 - want["score"].to_numpy()).all()


def test_tencent_round_trip(tmp_path):
    run(SURVEYS / "delphi_r1_tencent.csv", "delphi_ratings", tmp_path, round=1)
    got = read_ratings(tmp_path / "delphi_ratings.csv", FW).data
    want = demo_ratings()
    pd.testing.assert_frame_equal(got, want[want["round"] == 1].reset_index(drop=True))


def test_relevance_round_trip_both_forms(tmp_path):
    demo = read_relevance(SAMPLES / "delphi_relevance.csv", FW)
    run(SURVEYS / "relevance_按文本.xlsx", "relevance", tmp_path / "t")
    got = read_relevance(tmp_path / "t" / "delphi_relevance.csv", FW)
    pd.testing.assert_frame_equal(got.relevance, demo.relevance)
    pd.testing.assert_frame_equal(got.essential, demo.essential)
    propose_then(
        SURVEYS / "relevance_按序号.csv",
        "relevance",
        tmp_path / "n",
        codes={k: k for k in range(1, 5)},
        values={"lawshe": {"1": "essential", "2": "useful", "3": "not necessary"}},
    )
    run(SURVEYS / "relevance_按序号.csv", "relevance", tmp_path / "n")
    got = read_relevance(tmp_path / "n" / "delphi_relevance.csv", FW)
    pd.testing.assert_frame_equal(got.relevance, demo.relevance)
    pd.testing.assert_frame_equal(got.essential, demo.essential)


def _same_judgements(got, want):
    assert list(got) == list(want)
    for parent in want:
        assert got[parent].experts == want[parent].experts
        np.testing.assert_allclose(got[parent].matrices, want[parent].matrices, rtol=0, atol=1e-15)


def test_ahp_round_trip_both_forms(tmp_path):
    """Pairs read from three header forms, one group asked right-item-first."""
    want = read_ahp_survey(SAMPLES / "ahp_survey.csv", FW)
    res = run(SURVEYS / "ahp_按文本.xlsx", "ahp_survey", tmp_path / "t")
    assert {"C2~C1", "C3~C1", "C3~C2"} <= set(res.table.columns)
    _same_judgements(read_ahp_survey(tmp_path / "t" / "ahp_survey.csv", FW), want)
    positions = {k: (10 - k if k < 9 else 1 if k == 9 else -(k - 8)) for k in range(1, 18)}
    propose_then(SURVEYS / "ahp_按序号.csv", "ahp_survey", tmp_path / "n", codes=positions)
    run(SURVEYS / "ahp_按序号.csv", "ahp_survey", tmp_path / "n")
    _same_judgements(read_ahp_survey(tmp_path / "n" / "ahp_survey.csv", FW), want)


def test_ahp_multi_expert_analysis_runs_from_the_export(tmp_path):
    """Per-expert CR, aggregation and re-ask lists come out of the imported file as from the
    demo's own file."""
    from cslib.consistency.ahp_survey import analyse_survey, judgments_to_reask

    run(SURVEYS / "ahp_按文本.xlsx", "ahp_survey", tmp_path)
    got = analyse_survey(read_ahp_survey(tmp_path / "ahp_survey.csv", FW), FW)
    want = analyse_survey(read_ahp_survey(SAMPLES / "ahp_survey.csv", FW), FW)
    pd.testing.assert_frame_equal(got.consistency, want.consistency, rtol=1e-12)
    pd.testing.assert_frame_equal(got.aggregate_consistency, want.aggregate_consistency)
    pd.testing.assert_series_equal(got.combined, want.combined, rtol=1e-12)
    reask = judgments_to_reask(got)
    assert len(reask) > 0
    pd.testing.assert_frame_equal(reask, judgments_to_reask(want))


def test_reaction_round_trip_both_forms(tmp_path):
    run(SURVEYS / "reaction_按文本.xlsx", "reaction", tmp_path / "t")
    assert (tmp_path / "t" / "reaction.csv").read_bytes() == (
        SAMPLES / "effectiveness" / "reaction.csv"
    ).read_bytes()
    courses = {str(k): c for k, c in enumerate(CATALOGUE.ids, start=1)}
    propose_then(
        SURVEYS / "reaction_按序号.csv",
        "reaction",
        tmp_path / "n",
        codes=DESCENDING,
        values={
            "@course": courses,
            "@staff_group": {"1": "front_line", "2": "back_office"},
            "@satisfied": {"1": "yes", "2": "no"},
            "@helpful": {"1": "yes", "2": "no"},
        },
    )
    run(SURVEYS / "reaction_按序号.csv", "reaction", tmp_path / "n")
    got = read_reaction(tmp_path / "n" / "reaction.csv", CATALOGUE)
    want = read_reaction(SAMPLES / "effectiveness" / "reaction.csv", CATALOGUE)
    pd.testing.assert_frame_equal(got, want)


def _sorted_360(path):
    data = read_assessments(path, FW).data.drop(columns="row")
    return data.sort_values(list(data.columns)).reset_index(drop=True)


def test_ratings_360_round_trip_both_forms(tmp_path):
    want = _sorted_360(SAMPLES / "needs" / "ratings.csv")
    res = run(SURVEYS / "ratings360_按文本.xlsx", "ratings_360", tmp_path / "t")
    assert res.inputs == {"ratings_path": tmp_path / "t" / "ratings_360.csv"}
    pd.testing.assert_frame_equal(_sorted_360(tmp_path / "t" / "ratings_360.csv"), want)
    log = pd.read_csv(tmp_path / "t" / "ratings_360_import_log.csv")
    assert len(log) > 0 and log["reason"].str.contains("skipped: omit").all()
    propose_then(
        SURVEYS / "ratings360_按序号.csv",
        "ratings_360",
        tmp_path / "n",
        codes={k: k for k in range(1, 6)},
        values={"@source": {"1": "self", "2": "leader", "3": "qa", "4": "peer"}},
    )
    run(SURVEYS / "ratings360_按序号.csv", "ratings_360", tmp_path / "n")
    pd.testing.assert_frame_equal(_sorted_360(tmp_path / "n" / "ratings_360.csv"), want)


def test_no_ip_address_or_metadata_reaches_any_output(tmp_path):
    run(R1_TEXT, "delphi_ratings", tmp_path, round=1)
    for path in tmp_path.iterdir():
        text = path.read_text(encoding="utf-8")
        assert "192.0.2." not in text and "来自IP" not in text and "微信" not in text, path


def test_round_table(tmp_path):
    roster = write_export(
        tmp_path / "roster.csv",
        pd.DataFrame({"expert_id": [f"E{k:02d}" for k in range(1, 29)]}),
    )
    run(R1_TEXT, "delphi_ratings", tmp_path / "o", round=1, roster=roster)
    run(R2_TEXT, "delphi_ratings", tmp_path / "o", round=2, roster=roster)
    rounds = pd.read_csv(tmp_path / "o" / "delphi_rounds.csv")
    assert rounds["round"].tolist() == [1, 2]
    assert rounds["invited"].tolist() == [28, 28]
    assert rounds["returned"].tolist() == [26, 26]
    times = read_export(R1_TEXT).submitted()
    assert rounds.at[0, "first_submitted"] == f"{times.min():%Y-%m-%d %H:%M:%S}"
    assert rounds.at[0, "last_submitted"] == f"{times.max():%Y-%m-%d %H:%M:%S}"
    secs = read_export(R1_TEXT).seconds()
    assert rounds.at[0, "median_minutes"] == pytest.approx(round(secs.median() / 60, 1))


def test_round_already_imported(tmp_path):
    run(R1_TEXT, "delphi_ratings", tmp_path, round=1)
    run(R1_TEXT, "delphi_ratings", tmp_path, round=1)  # same answers: nothing changes
    assert len(pd.read_csv(tmp_path / "delphi_ratings.csv")) == 364
    with pytest.raises(SurveyError, match="已有第 1 轮"):
        run(R2_TEXT, "delphi_ratings", tmp_path, round=1)  # different answers
    run(R2_TEXT, "delphi_ratings", tmp_path, round=1, replace_round=True)
    assert len(pd.read_csv(tmp_path / "delphi_ratings.csv")) == 364


def test_round_is_required_for_delphi(tmp_path):
    with pytest.raises(SurveyError, match="--round"):
        run(R1_TEXT, "delphi_ratings", tmp_path)


# ----------------------------------------------------------------------------- mapping
def test_unmatched_and_doubly_matched_columns_are_named(tmp_path):
    path = small_export(
        tmp_path,
        [
            {
                "id": "E01",
                "extra": {"4、服务意识": "重要", "5、人际沟通能力与自我管理能力": "重要"},
            },
            {
                "id": "E02",
                "extra": {"4、服务意识": "一般", "5、人际沟通能力与自我管理能力": "重要"},
            },
        ],
    )
    with pytest.raises(MappingProposed) as info:
        run(path, "delphi_ratings", tmp_path / "o", round=1)
    problems = {p.column: p.message for p in info.value.problems if p.column}
    assert "不匹配" in problems["4、服务意识"]
    assert "B1, B2" in problems["5、人际沟通能力与自我管理能力"]
    mapping = tmp_path / "o" / "delphi_ratings_mapping.yaml"
    data = yaml.safe_load(mapping.read_text(encoding="utf-8"))
    assert data["columns"]["4、服务意识"] == "?"
    assert not (tmp_path / "o" / "delphi_ratings.csv").exists()
    # the user decides; the import then goes through
    edit_mapping(
        mapping, columns={"4、服务意识": "ignore", "5、人际沟通能力与自我管理能力": "ignore"}
    )
    res = run(path, "delphi_ratings", tmp_path / "o", round=1)
    assert set(res.table["indicator_id"]) == {"B1", "B2"}


def test_english_names_and_ids_are_matched(tmp_path):
    path = small_export(tmp_path, [{"id": "E01", "extra": {"4、Teamwork": "重要"}}])
    frame = pd.read_csv(path, dtype=str).rename(columns={"3、自我管理能力": "3、B2 self"})
    write_export(path, frame)
    res = run(path, "delphi_ratings", tmp_path / "o", round=1)
    assert sorted(res.table["indicator_id"]) == ["B1", "B2", "B3"]


def test_changed_questionnaire_is_reported_not_shifted(tmp_path):
    run(small_export(tmp_path, [{"id": "E01"}]), "delphi_ratings", tmp_path / "o", round=1)
    # round 2: a question added
    added = small_export(
        tmp_path, [{"id": "E01", "extra": {"4、团队协作能力": "重要"}}], name="r2_按文本.csv"
    )
    with pytest.raises(SurveyError) as info:
        run(added, "delphi_ratings", tmp_path / "o", round=2)
    assert info.value.problems[0].column == "4、团队协作能力"
    assert "新增" in info.value.problems[0].message
    # round 2: question 3 renamed
    frame = pd.read_csv(small_export(tmp_path, [{"id": "E01"}], name="r2b.csv"), dtype=str)
    write_export(tmp_path / "r2b.csv", frame.rename(columns={"3、自我管理能力": "3、自我激励能力"}))
    with pytest.raises(SurveyError) as info:
        run(tmp_path / "r2b.csv", "delphi_ratings", tmp_path / "o", round=2)
    assert "3、自我管理能力" in str(info.value) and "3、自我激励能力" in str(info.value)
    # round 2: question 2 dropped and question 3 renumbered to 2 → followed and reported
    frame = frame.drop(columns="2、人际沟通能力").rename(
        columns={"3、自我管理能力": "2、自我管理能力"}
    )
    write_export(tmp_path / "r2c.csv", frame)
    res = run(tmp_path / "r2c.csv", "delphi_ratings", tmp_path / "o", round=2)
    assert res.table["indicator_id"].tolist() == ["B2"]
    notes = " ".join(res.notes)
    assert "2、人际沟通能力" in notes and "3、自我管理能力 → 2、自我管理能力" in notes


def test_mapping_target_must_exist(tmp_path):
    path = small_export(tmp_path, [{"id": "E01"}])
    run(path, "delphi_ratings", tmp_path / "o", round=1)
    mapping = tmp_path / "o" / "delphi_ratings_mapping.yaml"
    edit_mapping(mapping, columns={"2、人际沟通能力": "Z9"})
    with pytest.raises(SurveyError, match="Z9"):
        run(path, "delphi_ratings", tmp_path / "o", round=1)
    edit_mapping(mapping, columns={"2、人际沟通能力": "B2"})
    with pytest.raises(SurveyError, match="两列"):
        run(path, "delphi_ratings", tmp_path / "o", round=1)


def test_mapping_of_another_kind_is_refused(tmp_path):
    path = small_export(tmp_path, [{"id": "E01"}])
    run(path, "delphi_ratings", tmp_path / "o", round=1)
    with pytest.raises(SurveyError, match="relevance"):
        run(
            path,
            "relevance",
            tmp_path / "o",
            mapping=tmp_path / "o" / "delphi_ratings_mapping.yaml",
        )


# ----------------------------------------------------------------------------- error classes
def test_duplicate_submission_keeps_the_last_and_lists_the_other(tmp_path):
    path = small_export(
        tmp_path,
        [
            {"id": "E01", "b1": "一般", "t": "2026/3/2 10:00:00"},
            {"id": "E02", "t": "2026/3/2 11:00:00"},
            {"id": "E01", "b1": "非常重要", "t": "2026/3/3 09:00:00"},
        ],
    )
    res = run(path, "delphi_ratings", tmp_path / "o", round=1)
    e01 = res.table.set_index(["expert_id", "indicator_id"])["score"]
    assert e01[("E01", "B1")] == 5
    log = pd.read_csv(tmp_path / "o" / "delphi_ratings_import_log.csv")
    assert log["row"].tolist() == [2] and log["respondent"].tolist() == ["E01"]
    assert "保留最后提交的一份" in log.at[0, "reason"]
    rounds = pd.read_csv(tmp_path / "o" / "delphi_rounds.csv")
    assert rounds.at[0, "duplicates_dropped"] == 1 and rounds.at[0, "returned"] == 2


def test_duplicate_rule_keep_first_and_stop(tmp_path):
    path = small_export(
        tmp_path,
        [{"id": "E01", "b1": "一般"}, {"id": "E01", "b1": "非常重要"}],
    )
    run(path, "delphi_ratings", tmp_path / "o", round=1)
    mapping = tmp_path / "o" / "delphi_ratings_mapping.yaml"
    edit_mapping(mapping, rules={"duplicates": "keep_first"})
    res = run(path, "delphi_ratings", tmp_path / "o", round=1, replace_round=True)
    assert res.table.set_index("indicator_id").at["B1", "score"] == 3
    edit_mapping(mapping, rules={"duplicates": "stop"})
    with pytest.raises(SurveyError) as info:
        run(path, "delphi_ratings", tmp_path / "o", round=1, replace_round=True)
    assert info.value.problems[0].row == 3 and "多份答卷" in info.value.problems[0].message


def test_respondent_not_on_roster(tmp_path):
    roster = write_export(tmp_path / "roster.csv", pd.DataFrame({"专家编号": ["E01"]}))
    path = small_export(tmp_path, [{"id": "E01"}, {"id": "E99"}])
    with pytest.raises(SurveyError) as info:
        run(path, "delphi_ratings", tmp_path / "o", round=1, roster=roster)
    p = info.value.problems[0]
    assert (p.row, p.column, p.found) == (3, "1、您的专家编号", "E99")
    assert "不在名单" in p.message
    edit_mapping(tmp_path / "o" / "delphi_ratings_mapping.yaml", rules={"not_on_roster": "drop"})
    res = run(path, "delphi_ratings", tmp_path / "o", round=1, roster=roster)
    assert set(res.table["expert_id"]) == {"E01"}
    assert "E99" in " ".join(res.notes)


def test_serial_with_roster_identifies_anonymous_respondents(tmp_path):
    path = small_export(tmp_path, [{"id": "x"}, {"id": "y"}])
    frame = pd.read_csv(path, dtype=str).drop(columns="1、您的专家编号")
    write_export(path, frame)
    roster = write_export(
        tmp_path / "roster.csv", pd.DataFrame({"expert_id": ["E07", "E08"], "序号": ["1", "2"]})
    )
    res = run(path, "delphi_ratings", tmp_path / "o", round=1, roster=roster)
    assert sorted(set(res.table["expert_id"])) == ["E07", "E08"]


def test_answer_outside_the_scale(tmp_path):
    path = small_export(tmp_path, [{"id": "E01", "b1": "7"}])
    with pytest.raises(SurveyError) as info:
        run(path, "delphi_ratings", tmp_path / "o", round=1)
    p = info.value.problems[0]
    assert (p.row, p.column, p.found) == (2, "2、人际沟通能力", "7")
    assert "1–5" in p.message


def test_unknown_option_text(tmp_path):
    path = small_export(tmp_path, [{"id": "E01", "b1": "还行吧"}])
    with pytest.raises(SurveyError, match="还行吧"):
        run(path, "delphi_ratings", tmp_path / "o", round=1)


def test_numeric_code_outside_the_code_table(tmp_path):
    frame = pd.read_csv(R1_NUM, dtype=str, encoding="gb18030")
    frame.iloc[3, frame.columns.get_loc("2、解决具体问题的专业能力")] = "6"
    path = write_export(tmp_path / "r1_按序号.csv", frame)
    propose_then(path, "delphi_ratings", tmp_path / "o", codes=DESCENDING)
    with pytest.raises(SurveyError) as info:
        run(path, "delphi_ratings", tmp_path / "o", round=1)
    p = info.value.problems[0]
    assert (p.row, p.column, p.found) == (5, "2、解决具体问题的专业能力", "6")


def test_skipped_item_stops_or_excludes(tmp_path):
    path = small_export(tmp_path, [{"id": "E01", "b2": "(跳过)"}, {"id": "E02"}])
    with pytest.raises(SurveyError) as info:
        run(path, "delphi_ratings", tmp_path / "o", round=1)
    p = info.value.problems[0]
    assert (p.row, p.column) == (2, "3、自我管理能力") and "跳过" in p.message
    edit_mapping(tmp_path / "o" / "delphi_ratings_mapping.yaml", rules={"skipped": "exclude"})
    res = run(path, "delphi_ratings", tmp_path / "o", round=1)
    assert set(res.table["expert_id"]) == {"E02"}
    assert "E01" in " ".join(res.notes)


def test_numeric_skip_codes(tmp_path):
    frame = pd.read_csv(R1_NUM, dtype=str, encoding="gb18030")
    frame.iloc[0, frame.columns.get_loc("2、解决具体问题的专业能力")] = "-3"
    path = write_export(tmp_path / "r1_按序号.csv", frame)
    propose_then(path, "delphi_ratings", tmp_path / "o", codes=DESCENDING)
    with pytest.raises(SurveyError, match="未显示"):
        run(path, "delphi_ratings", tmp_path / "o", round=1)


def test_test_submission_is_left_out_and_listed(tmp_path):
    path = small_export(tmp_path, [{"id": "E01", "s": "8秒"}, {"id": "E02", "s": "3分12秒"}])
    res = run(path, "delphi_ratings", tmp_path / "o", round=1, min_seconds=30)
    assert set(res.table["expert_id"]) == {"E02"}
    log = pd.read_csv(tmp_path / "o" / "delphi_ratings_import_log.csv")
    assert log["row"].tolist() == [2] and "测试答卷" in log.at[0, "reason"]
    assert pd.read_csv(tmp_path / "o" / "delphi_rounds.csv").at[0, "tests_dropped"] == 1


def test_formula_like_respondent_id_is_refused(tmp_path):
    path = small_export(tmp_path, [{"id": "=HYPERLINK(1)"}])
    with pytest.raises(SurveyError) as info:
        run(path, "delphi_ratings", tmp_path / "o", round=1)
    assert info.value.problems[0].found == "=HYPERLINK(1)"


def test_several_answers_in_a_rating(tmp_path):
    path = small_export(tmp_path, [{"id": "E01", "b1": "重要┋一般"}])
    with pytest.raises(SurveyError, match="┋"):
        run(path, "delphi_ratings", tmp_path / "o", round=1)


def test_messages_in_english(tmp_path):
    path = small_export(tmp_path, [{"id": "E01", "b1": "7"}])
    with pytest.raises(SurveyError) as info:
        run(path, "delphi_ratings", tmp_path / "o", round=1, lang="en")
    text = str(info.value)
    assert text.startswith("r_按文本_x.csv: row 2, column '2、人际沟通能力'")
    assert "outside the scale" in text and not re.search(r"应为|实际为|第 2 行", text)


def test_other_option_text_in_brackets_is_ignored(tmp_path):
    path = small_export(tmp_path, [{"id": "E01", "b1": "重要〖但视情况〗"}])
    res = run(path, "delphi_ratings", tmp_path / "o", round=1)
    assert res.table.set_index("indicator_id").at["B1", "score"] == 4


def test_written_file_is_checked_by_the_notebook_reader(tmp_path):
    """AHP: a pair missing from the questionnaire is caught by read_ahp_survey before any
    file is written."""
    frame = pd.read_excel(SURVEYS / "ahp_按文本.xlsx", dtype=str)
    frame = frame.drop(columns=[c for c in frame.columns if "产品知识运用能力 vs 理解" in c])
    path = write_export(tmp_path / "ahp_按文本.xlsx", frame)
    with pytest.raises(SurveyError, match="read_ahp_survey") as info:
        run(path, "ahp_survey", tmp_path / "o")
    assert "A2~A3" in str(info.value)
    assert not (tmp_path / "o" / "ahp_survey.csv").exists()


# ----------------------------------------------------------------------------- command line
def test_cli(tmp_path, capsys):
    out = tmp_path / "o"
    code = cli_main(
        [
            "import-survey",
            str(R1_TEXT),
            "--as",
            "delphi_ratings",
            "--round",
            "1",
            "--output-dir",
            str(out),
            "--framework",
            str(SAMPLE_FRAMEWORK),
        ]
    )
    assert code == 0
    printed = capsys.readouterr().out
    assert "26 份答卷，保留 26 份，14 题" in printed
    assert "python -m cslib run 01 -p ratings_path" in printed
    code = cli_main(
        [
            "import-survey",
            str(R1_NUM),
            "--as",
            "delphi_ratings",
            "--round",
            "1",
            "--output-dir",
            str(tmp_path / "n"),
            "--framework",
            str(SAMPLE_FRAMEWORK),
            "--lang",
            "en",
        ]
    )
    assert code == 2
    err = capsys.readouterr().err
    assert "codes" in err and "Traceback" not in err


def test_cli_never_borrows_the_sample_framework(tmp_path, capsys):
    """Without --framework and without a study there is no framework: the command says which
    option to give instead of reading the sample's."""
    code = cli_main(
        ["import-survey", str(R1_TEXT), "--as", "delphi_ratings", "--output-dir", str(tmp_path)]
    )
    assert code == 2
    err = capsys.readouterr().err
    assert "--framework" in err and "framework_path" in err and not any(tmp_path.iterdir())


def test_cli_into_a_study_declares_the_file_for_its_notebook(tmp_path, capsys):
    from cslib.core.study import load_study

    study = tmp_path / "研究"
    (study / "数据").mkdir(parents=True)
    shutil.copy(SAMPLE_FRAMEWORK, study / "数据" / "framework.yaml")
    (study / "study.yaml").write_text(
        '# 我的研究\nlang: zh\nframework_path: "数据/framework.yaml"\n', encoding="utf-8"
    )
    code = cli_main(
        [
            "import-survey",
            str(R1_TEXT),
            "--as",
            "delphi_ratings",
            "--round",
            "1",
            "--study",
            str(study),
        ]
    )
    assert code == 0, capsys.readouterr().err
    printed = capsys.readouterr().out
    assert f"cslib run --study {study.resolve()} 01" in printed
    declared = load_study(study).declared("01_delphi_weights")
    assert (study / declared["ratings_path"]).is_file()
    assert str(declared["ratings_path"]).startswith("数据")
    assert "# 我的研究" in (study / "study.yaml").read_text(encoding="utf-8")


def test_survey_error_is_an_input_error():
    assert issubclass(SurveyError, InputError)


def test_form_is_guessed_when_the_file_name_does_not_say(tmp_path):
    numeric = shutil.copy(R1_NUM, tmp_path / "export.csv")
    text = shutil.copy(R1_TEXT, tmp_path / "export.xlsx")
    assert read_export(numeric).form == "numeric" and not read_export(numeric).form_from_name
    assert read_export(text).form == "text"
    # a saved mapping says how answers are written when the name does not
    propose_then(numeric, "delphi_ratings", tmp_path / "o", codes=DESCENDING)
    res = run(numeric, "delphi_ratings", tmp_path / "o", round=1)
    want = demo_ratings()
    pd.testing.assert_frame_equal(
        read_ratings(tmp_path / "o" / "delphi_ratings.csv", FW).data,
        want[want["round"] == 1].reset_index(drop=True),
    )
    assert res.kept == 26


def test_unknown_columns_are_named(tmp_path):
    path = small_export(tmp_path, [{"id": "E01", "extra": {"答题设备": "手机"}}])
    res = run(path, "delphi_ratings", tmp_path / "o", round=1)
    assert any("答题设备" in n for n in res.notes)


def test_360_team_that_would_be_a_formula_is_refused(tmp_path):
    frame = pd.read_excel(SURVEYS / "ratings360_按文本.xlsx", dtype=str).head(5)
    frame.loc[2, "3、被评人所在班组"] = "=1+1"
    path = write_export(tmp_path / "r360_按文本.csv", frame)  # (an XLSX cell would be a formula)
    with pytest.raises(SurveyError) as info:
        run(path, "ratings_360", tmp_path / "o")
    p = info.value.problems[0]
    assert (p.row, p.column, p.found) == (4, "3、被评人所在班组", "=1+1")


def test_numeric_choice_roles_need_their_values(tmp_path):
    """A numeric reaction export: which course option 3 is cannot be guessed."""
    propose_then(SURVEYS / "reaction_按序号.csv", "reaction", tmp_path, codes=DESCENDING)
    with pytest.raises(SurveyError) as info:
        run(SURVEYS / "reaction_按序号.csv", "reaction", tmp_path, lang="en")
    columns = [p.column for p in info.value.problems]
    assert columns == [
        "2、您参加的课程",
        "3、您的岗位",
        "5、总体而言，您对本次课程是否满意？",
        "6、课程对您的工作是否有帮助？",
    ]
    assert "values" in info.value.problems[0].message


def test_several_peers_of_one_agent_are_each_kept_and_averaged(tmp_path):
    """Three peers rate one agent: with the rater's column every peer is kept (the old
    reader took the second and third peer for duplicate submissions and dropped them),
    read_assessments accepts them, and the source score is the peers' mean."""
    from cslib.needs.assessment import combine_sources

    frame = pd.read_excel(SURVEYS / "ratings360_按文本.xlsx", dtype=str)
    first = frame.columns[6]  # 1、被评人工号
    agent = frame.loc[frame["2、您与被评人的关系"] == "同事", first].iloc[0]
    rows = frame[frame[first] == agent].copy()
    peer = rows[rows["2、您与被评人的关系"] == "同事"].iloc[[0]]
    items = [c for c in frame.columns if c.startswith("第4题")]
    extra = []
    for k, word in enumerate(("非常重要", "不重要"), start=2):
        p = peer.copy()
        p[items] = word
        p["序号"] = str(900 + k)
        extra.append(p)
    rows = pd.concat([rows, *extra], ignore_index=True)
    rows.insert(7, "5、评价人工号", [f"R{k:02d}" for k in range(len(rows))])
    path = write_export(tmp_path / "360_按文本_x.xlsx", rows)
    res = run(path, "ratings_360", tmp_path / "o")
    mapping = yaml.safe_load((tmp_path / "o" / "ratings_360_mapping.yaml").read_text("utf-8"))
    assert "@respondent" in mapping["columns"].values()
    written = pd.read_csv(tmp_path / "o" / "ratings_360.csv", dtype=str)
    peers = written[written["source"] == "peer"]
    assert peers["rater"].nunique() == 3  # none dropped as a duplicate
    data = read_assessments(tmp_path / "o" / "ratings_360.csv", FW)
    comb = combine_sources(data, {"self": 0.2, "leader": 0.4, "qa": 0.25, "peer": 0.15})
    leaf = FW.leaves[0]
    peer_scores = peers[peers["indicator_id"] == leaf]["score"].astype(int)
    assert len(peer_scores) == 3
    by_source = data.data[data.data["indicator_id"] == leaf].groupby("source")["score"].mean()
    w = {"self": 0.2, "leader": 0.4, "qa": 0.25, "peer": 0.15}
    want = sum(w[s] * by_source[s] for s in by_source.index) / sum(w[s] for s in by_source.index)
    assert comb.scores.loc[agent, leaf] == pytest.approx(want, abs=1e-12)
    assert res.table["rater"].notna().all()


def test_same_peer_twice_is_still_a_duplicate(tmp_path):
    frame = pd.read_excel(SURVEYS / "ratings360_按文本.xlsx", dtype=str)
    rows = frame.head(3).copy()
    rows = pd.concat([rows, rows.iloc[[0]]], ignore_index=True)
    rows.insert(7, "5、评价人工号", ["R1", "R2", "R3", "R1"])
    path = write_export(tmp_path / "360_按文本_y.xlsx", rows)
    run(path, "ratings_360", tmp_path / "o")
    log = pd.read_csv(tmp_path / "o" / "ratings_360_import_log.csv")
    assert log["row"].tolist() == [2] and "R1" in log.at[0, "reason"]  # the older of the two
    assert len(pd.read_csv(tmp_path / "o" / "ratings_360.csv")) == 3 * len(FW.leaves)
