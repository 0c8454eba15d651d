"""The bad-input catalogue (issue 11): corrupted copies of the sample files and bad parameters.

Every case asserts one of three classes:

* ``error``   — a located error: the CLI exits non-zero before a kernel starts (parameters) or
  the reader raises :class:`InputError`; the message names the file or parameter, and the row,
  column, expectation and found value where the case gives them; the output folder is
  byte-identical afterwards;
* ``warning`` — accepted with a visible :class:`InputWarning` saying which reading was taken,
  and the data read equal to the clean sample's;
* ``ok``      — accepted silently, and the data read equal to the clean sample's.

No case may pass with a wrong number: ``warning`` and ``ok`` cases compare the parsed data with
the clean sample's.  Cases run in-process (readers and ``cslib.cli.main``); two end-to-end runs
check that the same errors stop a real notebook run.
"""

from __future__ import annotations

import io
import re
import warnings
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sample_args import sample_args

from cslib import cli
from cslib.consistency.ahp_io import read_ahp_survey
from cslib.consistency.qa_io import read_qa_calibration, read_qa_form
from cslib.core.courses import read_courses
from cslib.core.errors import InputError
from cslib.core.framework import load_framework
from cslib.core.plausibility import InputWarning
from cslib.core.weight_table import read_weight_table
from cslib.delphi import statistics as delphi
from cslib.delphi.io import read_experts, read_ratings
from cslib.effectiveness.io import load_effectiveness, read_sessions, read_tests, read_weekly
from cslib.needs.assessment import read_assessments
from cslib.needs.io import read_target_profiles
from cslib.roi.io import read_costs, read_values

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data_samples"
EFF = DATA / "effectiveness"


@cache
def fw():
    return load_framework(DATA / "framework_complaint_handling.yaml")


@cache
def catalogue():
    return read_courses(DATA / "courses.csv", fw())


@cache
def sessions():
    return read_sessions(EFF / "sessions.csv", catalogue())


def _experts_vs_ratings(path: Path):
    """The authority check of notebook 01: every rating expert needs a profile."""
    ratings = read_ratings(DATA / "delphi_ratings.csv", fw())
    experts = read_experts(path)
    return delphi.authority(experts, ratings.experts(ratings.rounds[-1]))


def _effectiveness_with(name: str) -> Callable[[Path], object]:
    """load_effectiveness with one file replaced (cross-file checks)."""

    def load(path: Path):
        files = {"qa": EFF / "qa_weekly.csv", "kpi": EFF / "kpi_weekly.csv", name: path}
        return load_effectiveness(
            DATA / "courses.csv",
            EFF / "sessions.csv",
            EFF / "reaction.csv",
            EFF / "tests.csv",
            qa=files["qa"],
            kpi=files["kpi"],
            framework=fw(),
        )

    return load


READERS: dict[str, tuple[Path, Callable[[Path], object]]] = {
    "delphi_ratings": (DATA / "delphi_ratings.csv", lambda p: read_ratings(p, fw())),
    "delphi_experts": (DATA / "delphi_experts.csv", read_experts),
    "experts_vs_ratings": (DATA / "delphi_experts.csv", _experts_vs_ratings),
    "ahp_survey": (DATA / "ahp_survey.csv", lambda p: read_ahp_survey(p, fw())),
    "qa_form": (DATA / "qa_form.csv", read_qa_form),
    "qa_calibration": (
        DATA / "qa_calibration.csv",
        lambda p: read_qa_calibration(p, read_qa_form(DATA / "qa_form.csv")),
    ),
    "courses": (DATA / "courses.csv", lambda p: read_courses(p, fw())),
    "published_weights": (DATA / "published_weights_complaint_handling.csv", read_weight_table),
    "published_weights_fw": (
        DATA / "published_weights_complaint_handling.csv",
        lambda p: read_weight_table(p).to_indicator_weights(fw()),
    ),
    "needs_ratings": (
        DATA / "needs" / "ratings.csv",
        lambda p: read_assessments(p, fw(), sources=["self", "leader", "qa", "peer"]),
    ),
    "targets": (DATA / "needs" / "target_profiles.csv", lambda p: read_target_profiles(p, fw())),
    "sessions": (EFF / "sessions.csv", lambda p: read_sessions(p, catalogue())),
    "tests": (EFF / "tests.csv", lambda p: read_tests(p, catalogue(), sessions())),
    "qa_weekly": (EFF / "qa_weekly.csv", read_weekly),
    "kpi_weekly": (EFF / "kpi_weekly.csv", read_weekly),
    "qa_grid": (EFF / "qa_weekly.csv", _effectiveness_with("qa")),
    "kpi_ids": (EFF / "kpi_weekly.csv", _effectiveness_with("kpi")),
    "roi_costs": (DATA / "roi" / "costs.csv", lambda p: read_costs(p, catalogue().ids)),
    "roi_values": (DATA / "roi" / "values.csv", read_values),
}

# every reader's clean sample must read without a warning (otherwise a warning case proves nothing)


def _frames(obj) -> list[pd.DataFrame]:
    if isinstance(obj, pd.DataFrame):
        return [obj]
    if isinstance(obj, dict):
        return [f for v in obj.values() for f in _frames(v)]
    if isinstance(obj, list | tuple):
        return [f for v in obj for f in _frames(v)]
    if hasattr(obj, "__dataclass_fields__") or hasattr(obj, "__dict__"):
        out = []
        for name in getattr(obj, "__dataclass_fields__", None) or vars(obj):
            if name in ("framework", "catalogue"):
                continue
            v = getattr(obj, name)
            if isinstance(v, pd.DataFrame | dict | list | tuple):
                out += _frames(v)
        return out
    return []


def _fingerprint(obj) -> list[str]:
    """The data a reader returned, independent of spreadsheet row numbers."""
    out = []
    for f in _frames(obj):
        f = f.drop(columns=[c for c in ("row", "file") if c in f.columns])
        if f.index.name == "row" or isinstance(f.index, pd.RangeIndex):
            f = f.reset_index(drop=True)
        out.append(f.to_csv(float_format="%.9g"))
    return out


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8-sig").splitlines()


def _write(tmp: Path, name: str, lines: list[str], encoding: str = "utf-8") -> Path:
    target = tmp / name
    target.write_text("\n".join(lines) + "\n", encoding=encoding)
    return target


def _set_cell(row: int, column: str, value: str):
    """Mutator: spreadsheet ``row`` (header = 1), ``column`` → value (plain CSV, no quotes)."""

    def mutate(lines: list[str]) -> list[str]:
        header = lines[0].split(",")
        cells = lines[row - 1].split(",")
        cells[header.index(column)] = value
        lines[row - 1] = ",".join(cells)
        return lines

    return mutate


def _map_column(column: str, fn: Callable[[str], str]):
    def mutate(lines: list[str]) -> list[str]:
        header = lines[0].split(",")
        k = header.index(column)
        out = [lines[0]]
        for line in lines[1:]:
            cells = line.split(",")
            if len(cells) > k:
                cells[k] = fn(cells[k])
            out.append(",".join(cells))
        return out

    return mutate


def _drop_column(column: str):
    def mutate(lines: list[str]) -> list[str]:
        k = lines[0].split(",").index(column)
        return [",".join(c for j, c in enumerate(line.split(",")) if j != k) for line in lines]

    return mutate


@dataclass(frozen=True)
class FileCase:
    id: str
    reader: str
    mutate: Callable[[list[str]], list[str]]
    kind: str  # "error", "warning" or "ok"
    row: int | None = None
    column: str | None = None
    found: str | None = None
    words: tuple[str, ...] = ()
    encoding: str = "utf-8"
    #: the message states what was expected (False only where the reader's wording does not yet)
    says_expected: bool = True
    #: write the corrupted copy as an Excel workbook (numbers as numbers, a title row merged)
    xlsx: bool = False


#: words by which a message states what a cell should hold
EXPECTATION = (
    "expected",
    "known:",
    "first given in",
    "first in row",
    "required",
    "should",
    "no data",
    "empty",
)


def _rows(lines, start, stop):
    return lines[:start] + lines[stop:]


# fmt: off
FILE_CASES = [
    # ---------------------------------------------------------------- 01 Delphi
    FileCase("ratings score out of scale", "delphi_ratings", _set_cell(8, "score", "7"), "error", 8, "score", "7", ("expected",)),
    FileCase("ratings score text", "delphi_ratings", _set_cell(5, "score", "五"), "error", 5, "score", "五", ("expected",)),
    FileCase("ratings score decimal comma", "delphi_ratings", _set_cell(5, "score", '"4,5"'), "error", 5, "score", None, ("expected",)),
    FileCase("ratings unknown indicator", "delphi_ratings", _set_cell(6, "indicator_id", "Z9"), "error", 6, "indicator_id", "Z9"),
    # without 'score' the file is taken for the wide layout; the located message names the
    # header that is not an indicator rather than the missing 'score' (cslib.delphi.io wording)
    FileCase("ratings missing column", "delphi_ratings", _drop_column("score"), "error", 1, None, None, ("not an indicator",), says_expected=False),
    FileCase("ratings round text", "delphi_ratings", _set_cell(4, "round", "first"), "error", 4, "round", "first"),
    FileCase("ratings duplicate answer", "delphi_ratings", lambda ls: ls[:3] + [ls[2]] + ls[3:], "error", 4, None, None, ("duplicate",)),
    FileCase("ratings empty file", "delphi_ratings", lambda ls: [], "error", None, None, None, ("empty",)),
    FileCase("ratings header only", "delphi_ratings", lambda ls: ls[:1], "error", None, None, None, ("no data",)),
    FileCase("ratings semicolon CSV", "delphi_ratings", lambda ls: [x.replace(",", ";") for x in ls], "warning", words=("';'",)),
    FileCase("ratings full-width comma CSV", "delphi_ratings", lambda ls: [x.replace(",", "，") for x in ls], "warning", words=("'，'",)),
    FileCase("ratings title row above header", "delphi_ratings", lambda ls: ["德尔菲第1-3轮评分汇总"] + ls, "warning", words=("row 2 holds the column headers", "(德尔菲第1-3轮评分汇总)")),
    FileCase("ratings two title rows", "delphi_ratings", lambda ls: ["德尔菲评分", "2026年3月"] + ls, "warning", words=("row 3 holds",)),
    FileCase("ratings title row with trailing commas", "delphi_ratings", lambda ls: ["德尔菲评分,,,"] + ls, "warning", words=("row 2 holds",)),
    FileCase("ratings GBK encoding", "delphi_ratings", lambda ls: ls, "ok", encoding="gb18030"),
    FileCase("ratings BOM", "delphi_ratings", lambda ls: ls, "ok", encoding="utf-8-sig"),
    FileCase("ratings trailing blank lines", "delphi_ratings", lambda ls: ls + ["", ",,,", ""], "ok"),
    FileCase("ratings padded cells", "delphi_ratings", _map_column("expert_id", lambda v: f" {v} "), "ok"),
    FileCase("ratings CRLF line ends", "delphi_ratings", lambda ls: [x + "\r" for x in ls], "ok"),
    FileCase("ratings expert id in lower case", "delphi_ratings", _set_cell(5, "expert_id", "e01"), "error", 5, "expert_id", "e01", ("only by case",)),
    FileCase("ratings XLSX with merged title row", "delphi_ratings", lambda ls: ["德尔菲评分汇总（2026年3月）"] + ls, "warning", words=("row 2 holds",), xlsx=True),
    FileCase("ratings XLSX plain", "delphi_ratings", lambda ls: ls, "ok", xlsx=True),
    FileCase("ratings XLSX score out of scale", "delphi_ratings", _set_cell(8, "score", "7"), "error", 8, "score", "7", xlsx=True),
    FileCase("experts ca out of range", "delphi_experts", _set_cell(3, "ca", "1.7"), "error", 3, "ca", "1.7"),
    FileCase("experts cs text", "delphi_experts", _set_cell(4, "cs", "high"), "error", 4, "cs", "high"),
    FileCase("experts duplicate id", "delphi_experts", _set_cell(3, "expert_id", "E01"), "error", None, "expert_id", None),
    FileCase("experts profile missing for a rating expert", "experts_vs_ratings", lambda ls: _rows(ls, 1, 2), "error", None, "expert_id", "E01", ("delphi_experts", "missing")),
    FileCase("experts title row", "delphi_experts", lambda ls: ["专家信息表"] + ls, "warning", words=("row 2 holds",)),
    # ---------------------------------------------------------------- 02 consistency
    FileCase("ahp judgement out of scale", "ahp_survey", _set_cell(3, "A~B", "12"), "error", 3, "A~B", None),
    FileCase("ahp judgement text", "ahp_survey", _set_cell(4, "A~C", "big"), "error", 4, "A~C", "big"),
    FileCase("ahp unknown pair column", "ahp_survey", lambda ls: [ls[0].replace("A~B", "A~Z")] + ls[1:], "error", None, None, None, ("A~Z",)),
    FileCase("ahp duplicate expert", "ahp_survey", lambda ls: ls + [ls[1]], "error", None, None, None, ("E01",)),
    FileCase("ahp semicolon", "ahp_survey", lambda ls: [x.replace(",", ";") for x in ls], "warning", words=("';'",)),
    FileCase("ahp title row", "ahp_survey", lambda ls: ["AHP 问卷"] + ls, "warning", words=("row 2 holds",)),
    FileCase("qa form negative points", "qa_form", _set_cell(3, "max_points", "-5"), "error", 3, "max_points", None),
    FileCase("qa form duplicate item", "qa_form", _set_cell(3, "item", "open"), "error", None, "item", None),
    FileCase("qa form points text", "qa_form", _set_cell(2, "max_points", "five"), "error", 2, "max_points", "five"),
    FileCase("qa calibration score above item max", "qa_calibration", _set_cell(2, "score", "99"), "error", 2, "score", None),
    FileCase("qa calibration unknown item", "qa_calibration", _set_cell(3, "item", "nosuch"), "error", 3, "item", "nosuch"),
    FileCase("qa calibration score text", "qa_calibration", _set_cell(4, "score", "x"), "error", 4, "score", "x"),
    FileCase("qa calibration GBK", "qa_calibration", lambda ls: ls, "ok", encoding="gb18030"),
    FileCase("published weights text weight", "published_weights", _set_cell(3, "weight", "abc"), "error", 3, "weight", "abc"),
    FileCase("published weights duplicate id", "published_weights", _set_cell(6, "id", "A1"), "error", 6, "id", "A1", ("duplicate",)),
    FileCase("published weights unknown parent", "published_weights", _set_cell(7, "parent", "Q"), "error", 7, "parent", "Q"),
    FileCase("published weights unknown id", "published_weights_fw", _set_cell(13, "id", "Q1"), "error", 13, "id", "Q1", ("unknown",)),
    FileCase("published weights leaf without combined", "published_weights_fw", _set_cell(13, "combined", ""), "error", 13, "combined", None, ("missing",)),
    # ---------------------------------------------------------------- 03 effectiveness
    FileCase("courses unknown indicator", "courses", _set_cell(2, "target_indicators", "A3;Q9"), "error", 2, "target_indicators", None),
    FileCase("courses duplicate id", "courses", _set_cell(3, "course_id", "MC01"), "error", None, "course_id", None),
    FileCase("courses duration text", "courses", _set_cell(2, "duration_min", "1h"), "error", 2, "duration_min", "1h"),
    FileCase("sessions unknown course", "sessions", _set_cell(2, "course_id", "MC99"), "error", 2, "course_id", "MC99"),
    FileCase("sessions bad date", "sessions", _set_cell(3, "date", "2025-13-45"), "error", 3, "date", "2025-13-45"),
    FileCase("sessions CJK dates", "sessions", _map_column("date", lambda v: f"{int(v[:4])}年{int(v[5:7])}月{int(v[8:10])}日"), "ok"),
    FileCase("sessions Excel serial dates", "sessions", _map_column("date", lambda v: str((pd.Timestamp(v) - pd.Timestamp("1899-12-30")).days)), "warning", words=("Excel serial",)),
    FileCase("sessions XLSX Excel serial dates", "sessions", _map_column("date", lambda v: str((pd.Timestamp(v) - pd.Timestamp("1899-12-30")).days)), "warning", words=("Excel serial",), xlsx=True),
    FileCase("sessions slash dates", "sessions", _map_column("date", lambda v: v.replace("-", "/")), "ok"),
    FileCase("tests score above max", "tests", _set_cell(2, "score", "150"), "error", 2, "score", None),
    FileCase("tests unknown kind", "tests", _set_cell(2, "test", "final"), "error", 2, "test", "final"),
    FileCase("tests score text", "tests", _set_cell(3, "score", "abc"), "error", 3, "score", "abc"),
    FileCase("weekly csat out of range", "kpi_weekly", _set_cell(2, "csat", "191"), "error", 2, "csat", None),
    FileCase("weekly week not a week start", "qa_weekly", _set_cell(2, "week", "2025-01-08"), "error", 2, "week", "2025-01-08", ("Monday",)),
    # "appears twice in week …" locates the row but does not say "expected" (effectiveness.io wording)
    FileCase("weekly duplicate agent week", "qa_weekly", lambda ls: ls[:2] + [ls[1]] + ls[2:], "error", 3, "week", None, ("twice",), says_expected=False),
    FileCase("weekly csat as fractions", "kpi_weekly", _map_column("csat", lambda v: f"{float(v) / 100:.4f}" if v else v), "warning", words=("fractions", "csat")),
    FileCase("weekly qa pass rate as fractions", "kpi_weekly", _map_column("qa_pass_rate", lambda v: f"{float(v) / 100:.6f}" if v else v), "warning", words=("qa_pass_rate",)),
    FileCase("weekly no measure columns", "qa_weekly", _drop_column("qa_score"), "error", None, None, None, ("no measure",)),
    FileCase("weekly semicolon", "qa_weekly", lambda ls: [x.replace(",", ";") for x in ls], "warning", words=("';'",)),
    FileCase("weekly CJK week labels", "qa_weekly", _map_column("week", lambda v: f"{int(v[:4])}年{int(v[5:7])}月{int(v[8:10])}日"), "ok"),
    FileCase("weekly QA on another week grid", "qa_grid", _map_column("week", lambda v: (pd.Timestamp(v) + pd.Timedelta(days=2)).strftime("%Y-%m-%d")), "error", None, "week", "Wednesday", ("same week grid",)),
    FileCase("weekly KPI id in lower case", "kpi_ids", _set_cell(2, "agent_id", "a0001"), "error", 2, "agent_id", "a0001", ("only by case",)),
    FileCase("weekly KPI id full-width", "kpi_ids", _set_cell(2, "agent_id", "Ａ0001"), "error", 2, "agent_id", "Ａ0001", ("full-width",)),
    FileCase("weekly KPI id with inner space", "kpi_ids", _set_cell(2, "agent_id", "A 0001"), "error", 2, "agent_id", "A 0001"),
    FileCase("sessions attended in 2099", "sessions", _set_cell(3, "date", "2099-03-01"), "error", 3, "date", "2099-03-01", ("after the day of this run",)),
    # ---------------------------------------------------------------- 04 training needs
    FileCase("needs score out of scale", "needs_ratings", _set_cell(2, "score", "9"), "error", 2, "score", None),
    FileCase("needs unknown source", "needs_ratings", _set_cell(3, "source", "boss"), "error", 3, "source", "boss"),
    FileCase("needs unknown indicator", "needs_ratings", _set_cell(4, "indicator_id", "Q1"), "error", 4, "indicator_id", "Q1"),
    FileCase("needs score text", "needs_ratings", _set_cell(5, "score", "good"), "error", 5, "score", "good"),
    FileCase("needs missing team column", "needs_ratings", _drop_column("team"), "error", 1, "team", None, ("missing",)),
    FileCase("needs agent id full-width", "needs_ratings", _set_cell(3, "agent_id", "Ａ0001"), "error", 3, "agent_id", "Ａ0001", ("full-width",)),
    FileCase("needs agent id with trailing space inside quotes", "needs_ratings", _set_cell(3, "agent_id", "A 0001"), "error", 3, "agent_id", "A 0001"),
    FileCase("needs title row", "needs_ratings", lambda ls: ["360度评估"] + ls, "warning", words=("row 2 holds",)),
    FileCase("needs GBK", "needs_ratings", lambda ls: ls, "ok", encoding="gb18030"),
    FileCase("targets above scale", "targets", _set_cell(2, "target", "6"), "error", 2, "target", None),
    FileCase("targets unknown indicator", "targets", _set_cell(3, "indicator_id", "Q1"), "error", 3, "indicator_id", "Q1"),
    FileCase("targets text", "targets", _set_cell(2, "target", "high"), "error", 2, "target", "high"),
    # ---------------------------------------------------------------- 06 training ROI
    FileCase("roi negative cost", "roi_costs", _set_cell(3, "amount", "-12000"), "error", 3, "amount", "-12000", ("≥ 0",)),
    FileCase("roi unknown cost category", "roi_costs", _set_cell(2, "category", "catering"), "error", 2, "category", "catering"),
    FileCase("roi cost of unknown course", "roi_costs", _set_cell(2, "course_id", "MC99"), "error", 2, "course_id", "MC99"),
    FileCase("roi value in minutes", "roi_values", _set_cell(2, "kpi_unit", "min"), "error", 2, "kpi_unit", "min", ("seconds per call",)),
    FileCase("roi rate value in per cent", "roi_values", _set_cell(4, "kpi_unit", "%"), "error", 4, "kpi_unit", "%", ("percentage points",)),
    FileCase("roi KPI with no value", "roi_values", _set_cell(3, "value", ""), "error", 3, "value", None, ("intangible",)),
    FileCase("roi negative value", "roi_values", _set_cell(3, "value", "-12"), "error", 3, "value", "-12"),
    FileCase("roi unknown KPI", "roi_values", _set_cell(2, "kpi", "handle_time"), "error", 2, "kpi", "handle_time"),
]
# fmt: on


def _write_xlsx(target: Path, lines: list[str]) -> Path:
    """A workbook as Excel users make it: numbers stored as numbers, a title merged across."""
    from openpyxl import Workbook

    def cell(text: str):
        try:
            return int(text)
        except ValueError:
            try:
                return float(text)
            except ValueError:
                return text

    book = Workbook()
    sheet = book.active
    width = max(len(line.split(",")) for line in lines)
    for r, line in enumerate(lines, 1):
        cells = line.split(",")
        for c, text in enumerate(cells, 1):
            if text != "":
                sheet.cell(r, c, cell(text))
        if len(cells) == 1 and r < len(lines):  # a title row: merged across the table
            sheet.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
    book.save(target)
    return target


def _run_file_case(case: FileCase, tmp_path: Path):
    sample, reader = READERS[case.reader]
    lines = case.mutate(_lines(sample))
    if case.xlsx:
        path = _write_xlsx(tmp_path / (sample.stem + ".xlsx"), lines)
    else:
        path = _write(tmp_path, sample.name, lines, case.encoding)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = reader(path)
        except InputError as exc:
            return (
                None,
                str(exc),
                [w.message for w in caught if isinstance(w.message, InputWarning)],
            )
    return result, None, [w.message for w in caught if isinstance(w.message, InputWarning)]


@pytest.mark.parametrize("case", FILE_CASES, ids=[c.id for c in FILE_CASES])
def test_file_case(case: FileCase, tmp_path):
    result, error, warned = _run_file_case(case, tmp_path)
    if case.kind == "error":
        assert error is not None, f"accepted: {case.id}"
        assert Path(READERS[case.reader][0]).stem in error, error  # names the file (.csv/.xlsx)
        if case.row is not None:
            assert f"row {case.row}" in error, error
        if case.column is not None:
            assert f"'{case.column}'" in error, error
        if case.found is not None:
            assert case.found in error, error
        if case.says_expected:
            assert any(w in error for w in EXPECTATION), error
        for w in case.words:
            assert w in error, error
        return
    assert error is None, error
    if case.kind == "warning":
        assert warned, f"no visible warning for {case.id}"
        for w in case.words:
            assert any(w in str(m) for m in warned), warned
        name = Path(READERS[case.reader][0]).stem
        for m in warned:  # a report shows it in its language, naming the file, not the folder
            zh, en = m.text("zh"), m.text("en")
            assert re.search(r"[\u4e00-\u9fff]", zh.split("：", 1)[1]), zh
            assert re.match(r"[a-z]", en.split(": ", 1)[1]), en  # English (data may follow)
            assert zh.startswith(name) and en.startswith(name), (zh, en)
            assert str(tmp_path) not in zh + en
    else:
        assert not warned, warned
    sample, reader = READERS[case.reader]
    assert _fingerprint(result) == _fingerprint(reader(sample)), "read differently from the sample"


@pytest.mark.parametrize("reader", sorted(READERS))
def test_clean_samples_read_without_warnings(reader):
    sample, read = READERS[reader]
    with warnings.catch_warnings():
        warnings.simplefilter("error", InputWarning)
        read(sample)


# ----------------------------------------------------------------------------- parameters
NB = {
    "01": "01_delphi_weights",
    "02": "02_consistency_checks",
    "03": "03_microcourse_effectiveness",
    "04": "04_training_needs",
    "05": "05_qa_monitoring",
    "06": "06_training_roi",
}
PARAM_CASES = [
    # notebook, name, value (as typed on the command line), words the message must hold
    ("01", "n_boot", "abc", ("valid integer",)),
    ("01", "n_boot", "1e3", ("valid integer",)),
    ("01", "n_boot", "-5", ("greater than or equal to 0",)),
    ("01", "n_boot", "2.5", ("valid integer",)),
    ("01", "seed", "abc", ("valid integer",)),
    ("01", "min_mean", "3,5", ("valid number",)),
    ("01", "min_mean", "true", ("valid number",)),
    ("01", "max_cv", "0", ("greater than 0",)),
    ("01", "alpha", "5", ("less than 0.5",)),
    ("01", "alpha", "0", ("greater than 0",)),
    ("01", "weight_method", "bogus", ("'ahp_mean_diff'",)),
    ("01", "ahp_priority", "power", ("'geometric'",)),
    ("01", "analysis_round", "0", ("greater than or equal to 1",)),
    ("01", "analysis_round", "last", ("valid integer",)),
    ("01", "n_invited", "-1", ("greater than or equal to 1",)),
    ("01", "ratings_path", "nope.csv", ("existing file",)),
    ("01", "lang", "fr", ("'zh', 'en' or 'zh+en'",)),
    ("02", "cr_threshold", "abc", ("valid number",)),
    ("02", "cr_threshold", "1.5", ("less than 1",)),
    ("02", "scheme_paths", "x.yaml", ("valid list",)),
    ("02", "scheme_paths", "[missing.yaml]", ("existing file",)),
    ("02", "pass_mark", "800", ("less than or equal to 100",)),
    ("02", "top_k", "0", ("greater than or equal to 1",)),
    ("02", "priority_method", "power", ("'eigen'",)),
    ("02", "aggregation", "mean", ("'AIJ'",)),
    ("02", "exclude_inconsistent", "maybe", ("valid boolean",)),
    ("02", "reask_per_matrix", "-1", ("greater than or equal to 0",)),
    ("02", "bias_practical_points", "0", ("greater than 0",)),
    ("02", "ahp_survey_path", "nope.csv", ("existing file",)),  # "" is none: AHP not run
    ("03", "correction", "bonferonni", ("'holm'",)),
    ("03", "event_course", "MC99", ("course_id", "MC01")),
    ("03", "event_window", "abc", ("valid list",)),
    ("03", "event_window", "[8, -8]", ("first < 0 < last",)),
    ("03", "event_window", "[-8, 0, 8]", ("at most 2",)),
    ("03", "power", "80", ("less than 1",)),
    ("03", "target_gain", "-2", ("greater than 0",)),
    ("03", "primary_kpi", "csat", ("valid dictionary",)),
    ("03", "pseudonymise", "perhaps", ("valid boolean",)),
    ("04", "weight_source", "bogus", ("'published'",)),
    ("04", "top_k", "0", ("greater than or equal to 1",)),
    ("04", "max_courses_per_team", "0", ("greater than or equal to 1",)),
    ("04", "missing_rule", "drop", ("'renormalise'",)),
    ("04", "post", "cashier", ("complaint_handling",)),
    ("04", "source_weights", "{self: 0.5, leader: 0.6}", ("sum to 1",)),
    ("04", "scale", "[5, 1]", ("lowest < highest",)),
    ("04", "salt", "my-secret", ("not a parameter", "CSLIB_SALT")),
    # issue 26: checked before a kernel starts, naming the parameter (exit 2, not 1)
    ("01", "deadline", "2026-13-45", ("YYYY-MM-DD",)),
    ("01", "consensus_agree_min", "7", ("less than or equal to 5",)),
    ("03", "primary_kpi", "{CL01: nps}", ("'CL01' maps to 'nps'", "csat")),
    ("04", "radar_team", "T99", ("expected a team of", "T01")),
    ("05", "random_share", "2", ("less than",)),
    ("06", "horizon_weeks", "600", ("less than or equal to 520",)),
    ("06", "decay", "fast", ("'none'",)),
    ("06", "n_draws", "10", ("greater than or equal to 99",)),
    ("06", "forecast", "{CL03: {agents: 10}}", ("agents, participants and deliveries",)),
]


def _cli(*args: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = cli.main(list(args))
    return code, err.getvalue()


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    """An output folder with a previous report in it, which no failing run may change."""
    folder = tmp_path_factory.mktemp("reports")
    (folder / "01_delphi_weights.html").write_text("<p>earlier report</p>", encoding="utf-8")
    (folder / "index.html").write_text("<p>index</p>", encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    "case", PARAM_CASES, ids=[f"{nb}-{name}={value}" for nb, name, value, _ in PARAM_CASES]
)
def test_parameter_case(case, reports):
    nb, name, value, words = case
    before = _snapshot(reports)
    code, err = _cli("run", nb, "-p", name, value, "--output-dir", str(reports), "--no-progress")
    assert code == 2, err
    assert f"parameter '{name}" in err and NB[nb] in err, err
    assert "expected" in err or "not a parameter" in err, err
    if name != "salt":  # the salt is never echoed
        assert "found" in err, err
    else:
        assert value not in err
    for w in words:
        assert w in err, err
    assert "Traceback" not in err
    assert _snapshot(reports) == before


def test_yaml_parameter_file_is_validated_too(tmp_path, reports):
    (tmp_path / "p.yaml").write_text(
        "03_microcourse_effectiveness:\n  event_window: [-8, 8, 9]\n", encoding="utf-8"
    )
    before = _snapshot(reports)
    code, err = _cli(
        "run", "03", "--params", str(tmp_path / "p.yaml"), "--output-dir", str(reports)
    )
    assert code == 2 and "parameter 'event_window'" in err, err
    assert _snapshot(reports) == before


def test_yaml_typo_and_mapping_parameter_at_top_level(tmp_path, reports):
    before = _snapshot(reports)
    (tmp_path / "typo.yaml").write_text("n_bot: 500\n", encoding="utf-8")
    code, err = _cli(
        "run", "01", "--params", str(tmp_path / "typo.yaml"), "--output-dir", str(reports)
    )
    assert code == 2 and "n_bot" in err and "typo.yaml" in err, err
    # a mapping-valued parameter at the top level is a parameter, not a notebook section
    (tmp_path / "kpi.yaml").write_text("primary_kpi: csat\n", encoding="utf-8")
    code, err = _cli(
        "run", "03", "--params", str(tmp_path / "kpi.yaml"), "--output-dir", str(reports)
    )
    assert code == 2 and "parameter 'primary_kpi'" in err and "dictionary" in err, err
    (tmp_path / "sec.yaml").write_text("04_training_needs: 5\n", encoding="utf-8")
    code, err = _cli(
        "run", "04", "--params", str(tmp_path / "sec.yaml"), "--output-dir", str(reports)
    )
    assert code == 2 and "must hold a mapping" in err, err
    assert _snapshot(reports) == before


def test_top_level_mapping_parameter_reaches_the_notebook():
    from cslib.cli import _params_for

    known = {"primary_kpi": {}, "alpha": 0.05}
    got = _params_for(
        "03_x", {"primary_kpi": {"MC01": "csat"}, "03_x": {"alpha": 0.1}}, known, {}, {"03_x"}
    )
    assert got == {"primary_kpi": {"MC01": "csat"}, "alpha": 0.1}


def test_every_value_is_checked_before_any_notebook_runs(reports):
    before = _snapshot(reports)
    code, err = _cli("run", "01", "04", "-p", "top_k", "0", "--output-dir", str(reports))
    assert code == 2 and "04_training_needs" in err and "parameter 'top_k'" in err, err
    assert _snapshot(reports) == before  # notebook 01 did not run either


def test_output_dir_is_a_file(tmp_path):
    target = tmp_path / "report.txt"
    target.write_text("x")
    code, err = _cli("run", "01", "--output-dir", str(target), "--no-progress")
    assert code == 2 and str(target) in err and "not a folder" in err, err
    assert target.read_text() == "x"


# ----------------------------------------------------------------------------- end to end
def test_end_to_end_week_grid_error_leaves_reports_unchanged(tmp_path, reports, run_cli):
    lines = _lines(EFF / "qa_weekly.csv")
    shifted = _map_column(
        "week", lambda v: (pd.Timestamp(v) + pd.Timedelta(days=2)).strftime("%Y-%m-%d")
    )(lines)
    bad = _write(tmp_path, "qa_weekly.csv", shifted)
    before = _snapshot(reports)
    # the whole command in this process (run_cli, conftest.py): parameters checked, kernel
    # started, the notebook fails in the cell that reads the weekly files
    out = run_cli(
        "run", "03", "-p", "qa_path", str(bad), "--output-dir", str(reports), "--no-progress",
        *sample_args("03_microcourse_effectiveness", but="qa_path"),
    )  # fmt: skip
    assert out.returncode == 1, out.stderr
    # in the run's language (Chinese by default), naming the file
    assert "周起始日不一致" in out.stderr and str(bad) in out.stderr
    visible = {k: v for k, v in _snapshot(reports).items() if not k.startswith(".cslib-staging/")}
    assert visible == before


# ============================================================================ issue 26
# Degenerate data gives a located statement, never a number from noise.  Each class of the
# issue has at least one case; messages are checked for the file (or parameter), the column
# and what to do.
MON = DATA / "monitoring"


def _records_with(tmp_path: Path, mutate: Callable[[pd.DataFrame], pd.DataFrame]) -> Path:
    frame = pd.read_csv(MON / "qa_records.csv", dtype=str, keep_default_na=False)
    target = tmp_path / "qa_records.csv"
    mutate(frame).to_csv(target, index=False)
    return target


def _records(path: Path, **kw):
    from cslib.monitoring import io as mio

    return mio.read_qa_records(path, **kw)


@cache
def _consistency_parts():
    """The sample's AHP survey, re-ask list and questionnaire alpha (for notebook 02's box)."""
    from cslib.consistency import ahp_survey
    from cslib.consistency.qa_io import read_item_scores
    from cslib.stats.agreement import cronbach_alpha

    survey = ahp_survey.analyse_survey(read_ahp_survey(DATA / "ahp_survey.csv", fw()), fw())
    alpha = cronbach_alpha(read_item_scores(DATA / "self_assessment.csv"))
    return survey, ahp_survey.judgments_to_reask(survey, top=2), alpha


def _box(qa, lang: str) -> str:
    from cslib.consistency import report as crep

    survey, reask, alpha = _consistency_parts()
    return crep.summary_box(survey, reask, qa, alpha, [], lang=lang)


# ---------------------------------------------------------------- no variance at all
def test_05_all_scores_equal_is_a_located_error_not_a_reliability(tmp_path):
    from cslib.monitoring import analysis as mon

    path = _records_with(tmp_path, lambda f: f.assign(score="100"))
    with pytest.raises(InputError) as err:
        mon.gstudy_routine(_records(path))
    msg = str(err.value)
    assert str(path) in msg and "column 'score'" in msg
    assert "same score (100)" in msg and "expected scores that vary" in msg
    assert "所有常规录音的分数都相同" in msg


def test_zero_by_rounding_components_are_exactly_zero():
    from cslib.stats.gstudy import gstudy_crossed, gstudy_reml

    rng = np.random.default_rng(3)
    agents = np.repeat(np.arange(20), 6)
    inspectors = rng.integers(0, 3, agents.size)
    g = gstudy_reml(agents, inspectors, np.full(agents.size, 100.0))
    assert g.estimate == dict.fromkeys(g.estimate, 0.0)  # not 1e-14
    assert all(np.isnan(v) for v in g.share.values())  # shares of nothing are undefined
    # perfect calibration agreement: inspector and residual components exactly 0
    calls = rng.normal(80, 10, size=(12, 1)).round()
    gc = gstudy_crossed(np.repeat(calls, 4, axis=1))
    assert gc.estimate["i"] == 0.0 and gc.estimate["pi,e"] == 0.0 and gc.estimate["p"] > 0


def test_02_perfect_calibration_agreement_is_stated_not_banded(tmp_path):
    from cslib.consistency import report as crep
    from cslib.consistency.analysis import summarise_qa
    from cslib.consistency.conclusions import agreement_conclusions

    form = read_qa_form(DATA / "qa_form.csv")
    frame = pd.read_csv(DATA / "qa_calibration.csv", dtype=str)
    first = frame[frame["inspector_id"] == "QA01"].set_index(["call_id", "item"])["score"]
    frame["score"] = [
        first.get((c, i), v)
        for c, i, v in zip(frame.call_id, frame["item"], frame.score, strict=True)
    ]
    frame.to_csv(tmp_path / "qa_calibration.csv", index=False)
    qa = summarise_qa(read_qa_calibration(tmp_path / "qa_calibration.csv", form))
    assert qa.identical
    for lang in ("zh", "en"):
        text = " ".join(agreement_conclusions(qa, lang))
        assert ("trivially perfect" in text) if lang == "en" else ("平凡情形" in text)
        assert "CI" not in text and "at least" not in text
    box = (
        crep.summary_box(qa=qa, lang="en")
        if "qa" in crep.summary_box.__code__.co_varnames
        else None
    )
    if box is not None:
        assert "at least 'no band'" not in str(box)


def test_03_identical_test_scores_give_undefined_effect_sizes_not_a_crash():
    from cslib.effectiveness.analysis import planning_table

    learning = pd.DataFrame({"course_id": ["CL01"], "n": [30], "sd_change": [0.0]})
    table = planning_table(learning, target_gain=5.0)
    assert table.empty and "course_id" in table.columns  # was: KeyError 'course_id'


def test_04_all_scores_at_the_top_give_a_sentence_not_nan():
    from cslib.needs.phrases import PHRASES

    assert "undefined" in PHRASES("ranks_undefined", "en")
    assert "无法比较" in PHRASES("ranks_undefined", "zh")


# ---------------------------------------------------------------- identification
def _panel(n_agents: int, treated: int, constant: bool = False) -> pd.DataFrame:
    rng = np.random.default_rng(7)
    agent = np.repeat(np.arange(n_agents), 12)
    week = np.tile(np.arange(12), n_agents)
    start = np.where(np.arange(n_agents) < treated, 6 + np.arange(n_agents) % 3, 99)
    y = rng.normal(size=n_agents)[agent] + (0 if constant else rng.normal(size=agent.size))
    return pd.DataFrame(
        {"agent_id": agent, "week": week, "y": y, "D": (week >= start[agent]).astype(float)}
    )


@pytest.mark.parametrize("treated", [1, 2, 9])
def test_twfe_refuses_inference_with_few_treated_agents(treated):
    from cslib.stats.panel import MIN_TREATED_CLUSTERS, twfe

    fit = twfe(_panel(40, treated), "y", ["D"])
    r = fit["D"]
    assert np.isfinite(r["estimate"]) and np.isnan(r["se"]) and np.isnan(r["pvalue"])
    assert np.isnan(r["ci_low"]) and np.isnan(r["ci_high"])
    assert fit.reason_codes == ("few_treated_clusters",)
    assert f"only {treated} treated" in fit.reasons[0] and "MacKinnon & Webb" in fit.reasons[0]
    assert treated < MIN_TREATED_CLUSTERS
    assert np.isfinite(twfe(_panel(40, 20), "y", ["D"])["D"]["pvalue"])  # enough: reported


def test_time_invariant_outcome_is_undefined_in_twfe_and_callaway_santanna():
    from cslib.stats.panel import twfe
    from cslib.stats.staggered import aggregate, att_gt

    panel = _panel(40, 20, constant=True)
    fit = twfe(panel, "y", ["D"])
    assert fit.reason_codes == ("outcome_constant",) and np.isnan(fit["D"]["estimate"])
    assert "does not vary" in fit.reasons[0]
    first = panel.assign(
        g=np.where(
            panel["D"].groupby(panel["agent_id"]).transform("max") > 0,
            panel["week"].where(panel["D"] > 0).groupby(panel["agent_id"]).transform("min"),
            np.nan,
        )
    )
    agg = aggregate(att_gt(first, "y", "agent_id", "week", "g", min_cohort_size=2), "simple")
    assert np.isnan(agg.estimate) and np.isnan(agg.se) and "does not vary" in agg.reason


def test_not_estimable_words_exist_in_both_languages():
    from cslib.effectiveness.verdicts import not_estimable

    for code in ("few_treated_clusters", "outcome_constant"):
        v = not_estimable(code)
        assert "nan" not in (v.zh + v.en).lower()
    assert "10" in not_estimable("few_treated_clusters").en
    assert "MacKinnon" in not_estimable("few_treated_clusters").zh


# ---------------------------------------------------------------- one unit
def test_05_one_inspector_is_a_located_error(tmp_path):
    from cslib.monitoring import analysis as mon

    path = _records_with(tmp_path, lambda f: f.assign(inspector_id="QA01"))
    with pytest.raises(InputError) as err:
        mon.gstudy_routine(_records(path))
    msg = str(err.value)
    assert str(path) in msg and "column 'inspector_id'" in msg and "at least 2 inspectors" in msg


def test_01_one_expert_names_the_ratings_file(tmp_path):
    lines = _lines(DATA / "delphi_ratings.csv")
    one = _write(
        tmp_path, "delphi_ratings.csv", [lines[0]] + [x for x in lines[1:] if ",E01," in x]
    )
    ratings = read_ratings(one, fw())
    with pytest.raises(InputError) as err:
        delphi.concordance(ratings, ratings.rounds[-1])
    msg = str(err.value)
    assert str(one) in msg and "column 'expert_id'" in msg and "at least 2 experts" in msg


# ---------------------------------------------------------------- wrong units
def test_05_scores_as_fractions_are_read_as_per_cent(tmp_path):
    path = _records_with(
        tmp_path, lambda f: f.assign(score=[f"{float(v) / 100:.4f}" for v in f["score"]])
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        got = _records(path)
    assert any("fractions" in str(w.message) for w in caught)
    clean = _records(MON / "qa_records.csv")
    np.testing.assert_allclose(got["score"].to_numpy(), clean["score"].to_numpy(), atol=1e-9)


def test_published_weight_table_in_fractions_reads_as_the_same_table(tmp_path):
    from cslib.delphi.table_check import check_weight_table as check_table

    def frac(v: str) -> str:
        return f"{float(v) / 100:.4f}" if v else v

    lines = _map_column("combined", frac)(
        _map_column("weight", frac)(_lines(DATA / "published_weights_complaint_handling.csv"))
    )
    path = _write(tmp_path, "published_weights.csv", lines)
    table = read_weight_table(path)
    assert table.unit == "fraction"
    clean = read_weight_table(DATA / "published_weights_complaint_handling.csv")
    problems = [f for f in check_table(table) if f.severity == "problem"]
    assert len(problems) == len([f for f in check_table(clean) if f.severity == "problem"])
    got = table.to_indicator_weights(fw()).weights
    assert got.to_numpy() == pytest.approx(
        clean.to_indicator_weights(fw()).weights.to_numpy(), abs=1e-9
    )


# ---------------------------------------------------------------- dates
def test_05_call_dated_2099_is_a_located_error(tmp_path):
    def future(f):
        f.loc[4, "date"] = "2099-01-05"
        return f

    path = _records_with(tmp_path, future)
    with pytest.raises(InputError) as err:
        _records(path)
    msg = str(err.value)
    assert "row 6" in msg and "column 'date'" in msg and "2099-01-05" in msg
    assert "after the day of this run" in msg and "晚于本次运行的日期" in msg


def test_05_one_typo_date_cannot_define_next_month(tmp_path):
    from datetime import date

    def typo(f):
        f.loc[10, "date"] = "2027-06-01"
        return f

    path = _records_with(tmp_path, typo)
    with pytest.raises(InputError) as err:
        _records(path, today=date(2028, 1, 1))
    msg = str(err.value)
    assert "row 12" in msg and "2027-06-01" in msg and "days away" in msg


def test_05_hire_date_after_own_calls(tmp_path):
    from cslib.monitoring import io as mio

    roster = pd.read_csv(MON / "agents.csv", dtype=str, keep_default_na=False)
    roster.loc[0, "hire_date"] = "2026-06-30"
    roster.to_csv(tmp_path / "agents.csv", index=False)
    records = _records(MON / "qa_records.csv")
    with pytest.raises(InputError) as err:
        mio.check_roster(records, mio.read_roster(tmp_path / "agents.csv"))
    msg = str(err.value)
    assert "agents.csv" in msg and "row 2" in msg and "column 'hire_date'" in msg
    assert "hired after their own first scored call" in msg


def test_sessions_in_2099_are_refused_by_the_date_check():
    from datetime import date

    from cslib.core.dates import check_dates

    frame = pd.DataFrame({"date": pd.to_datetime(["2025-03-01", "2099-03-01"])}, index=[2, 3])
    frame.attrs["source"] = "sessions.csv"
    with pytest.raises(InputError, match=r"sessions.csv: row 3, column 'date'"):
        check_dates(frame, "date", today=date(2026, 12, 7))


# ---------------------------------------------------------------- signs
_CI = re.compile(
    r"(?P<est>[+−-]?\d+(?:\.\d+)?)[^()（）\d]{0,40}?[（(][^()（）]*?CI (?P<lo>[−-]?\d+(?:\.\d+)?)"
    r"\s*(?:–|to|到)\s*(?P<hi>[−-]?\d+(?:\.\d+)?)"
)


def _num(text: str) -> float:
    return float(text.replace("−", "-"))


def _sentences_agree_with_their_intervals(sentences: list[str]) -> int:
    """Every "estimate (… CI lo to hi)" has lo ≤ estimate ≤ hi; returns how many were checked."""
    n = 0
    for s in sentences:
        for m in _CI.finditer(s):
            est, lo, hi = _num(m["est"]), _num(m["lo"]), _num(m["hi"])
            assert lo <= hi and lo - 0.051 <= est <= hi + 0.051, s
            n += 1
    return n


def test_every_sentence_with_an_interval_agrees_with_its_estimate():
    from cslib.consistency import report as crep
    from cslib.consistency.analysis import summarise_qa
    from cslib.consistency.conclusions import agreement_conclusions
    from cslib.effectiveness.verdicts import verdict

    form = read_qa_form(DATA / "qa_form.csv")
    qa = summarise_qa(read_qa_calibration(DATA / "qa_calibration.csv", form))
    assert (qa.bias.table["flagged"] & (qa.bias.table["mean_diff"] < 0)).any()  # a harder one
    sentences = []
    for lang in ("zh", "en"):
        sentences += agreement_conclusions(qa, lang)
        box = (
            crep.summary_box(qa=qa, lang=lang)
            if "qa" in crep.summary_box.__code__.co_varnames
            else ""
        )
        sentences.append(str(box))
        for est, lo, hi in ((-5.6, -6.6, -4.6), (2.0, 1.0, 3.0), (-0.4, -1.2, 0.4)):
            sentences.append(verdict(est, lo, hi, 0.01, alpha=0.05, correction="holm").text(lang))
    assert _sentences_agree_with_their_intervals(sentences) >= 6
    harder = [s for s in agreement_conclusions(qa, "en") if "harder" in s]
    assert harder and "CI -" not in harder[0]  # a magnitude beside the magnitude's interval


def test_the_sign_check_catches_the_old_sentence():
    with pytest.raises(AssertionError):
        _sentences_agree_with_their_intervals(
            ["QA03 scores harder than the others by 5.6 points on average (95% CI -6.6 to -4.6)"]
        )


# ---------------------------------------------------------------- aggregate
def _calls(tmp_path: Path, rows: list[str], name: str = "qa_calls.csv") -> Path:
    path = tmp_path / name
    path.write_text(
        "agent_id,team,call_time,qa_score,qa_pass\n" + "\n".join(rows) + "\n", encoding="utf-8"
    )
    return path


def test_aggregate_ids_differing_by_case_are_one_agent_error(tmp_path):
    path = _calls(tmp_path, ["A0001,T1,2025-01-06 09:00,80,1", "a0001,T1,2025-01-07 09:00,70,0"])
    out = tmp_path / "out"
    out.mkdir()
    code, err = _cli("aggregate", "--qa", str(path), "--output-dir", str(out))
    assert code == 2 and str(path) in err and "column 'agent_id'" in err and "only by case" in err
    assert not list(out.iterdir())


def test_aggregate_without_a_scored_call_says_so(tmp_path):
    path = _calls(tmp_path, ["A0001,T1,2025-01-06 09:00,,", "A0002,T1,2025-01-07 09:00,,"])
    code, err = _cli("aggregate", "--qa", str(path), "--output-dir", str(tmp_path))
    assert code == 2 and str(path) in err and "no call has a value" in err
    assert not (tmp_path / "qa_weekly.csv").exists()


def test_aggregate_call_in_2099_is_located(tmp_path):
    path = _calls(tmp_path, ["A0001,T1,2025-01-06 09:00,80,1", "A0001,T1,2099-01-07 09:00,70,0"])
    code, err = _cli("aggregate", "--qa", str(path), "--output-dir", str(tmp_path))
    assert code == 2 and "row 3" in err and "column 'call_time'" in err and "future" in err


# ---------------------------------------------------------------- commands and parameters
def test_templates_output_dir_is_a_file(tmp_path):
    target = tmp_path / "a_file"
    target.write_text("x")
    code, err = _cli("templates", "--output-dir", str(target))
    assert code == 2 and str(target) in err and "not a folder" in err and "Traceback" not in err
    assert target.read_text() == "x"


def test_deadline_in_a_yaml_file_as_a_date_is_accepted():
    from datetime import date

    from cslib.core.params import check_parameters

    p = check_parameters("01_delphi_weights", {"deadline": date(2026, 12, 15)})
    assert p is not None and p.deadline == "2026-12-15"


def test_kpi_names_of_the_parameter_are_the_outcomes_of_notebook_03():
    from cslib.core.params import KPI_NAMES
    from cslib.effectiveness.results import OUTCOMES

    assert set(KPI_NAMES) == set(OUTCOMES) - {"test_score"}


# ---------------------------------------------------------------- smaller statistics gaps
def test_derive_weights_gives_a_cr_for_groups_above_saatys_table(tmp_path):
    from cslib.delphi.weights import derive_weights
    from cslib.stats.random_index import alonso_lamata_ri

    ids = [f"X{i:02d}" for i in range(1, 17)]  # 16 indicators under one parent
    lines = [
        "indicators:",
        "  - id: X",
        "    parent:",
        "    level: 1",
        "    name_zh: X",
        "    name_en: X",
    ]
    lines += [
        f"  - id: {i}\n    parent: X\n    level: 2\n    name_zh: {i}\n    name_en: {i}" for i in ids
    ]
    lines += ["  - id: Y", "    parent:", "    level: 1", "    name_zh: Y", "    name_en: Y"]
    lines += ["  - id: Y1\n    parent: Y\n    level: 2\n    name_zh: Y1\n    name_en: Y1"]
    lines += ["  - id: Y2\n    parent: Y\n    level: 2\n    name_zh: Y2\n    name_en: Y2"]
    (tmp_path / "fw.yaml").write_text("name_zh: t\nname_en: t\n" + "\n".join(lines) + "\n")
    framework = load_framework(tmp_path / "fw.yaml")
    rng = np.random.default_rng(5)
    rows = ["round,expert_id,indicator_id,score"]
    for e in range(1, 9):
        for i in ["X", "Y", *ids, "Y1", "Y2"]:
            rows.append(f"1,E{e:02d},{i},{int(rng.integers(3, 6))}")
    path = _write(tmp_path, "ratings.csv", rows)
    w = derive_weights(read_ratings(path, framework), n_boot=0)
    row = w.consistency.set_index("group").loc["X"]
    assert row["n_items"] == 16 and np.isfinite(row["consistency_ratio"])  # was NaN
    assert row["ri"] == pytest.approx(alonso_lamata_ri(16), abs=1e-12)


def test_ordinal_weights_are_irrcacs():
    from cslib.stats.gwet import agreement_weights, gwet_ac

    # irrCAC R/weights.gen.r, ordinal.weights: n_kl = max(k,l) - min(k,l) + 1,
    # w = n(n-1)/2, weights = 1 - w/max(w); for 4 categories max(w) = 6
    expected = np.array(
        [
            [1, 5 / 6, 3 / 6, 0],
            [5 / 6, 1, 5 / 6, 3 / 6],
            [3 / 6, 5 / 6, 1, 5 / 6],
            [0, 3 / 6, 5 / 6, 1],
        ]
    )
    np.testing.assert_allclose(agreement_weights([1, 2, 3, 4], "ordinal"), expected, atol=1e-15)
    # only the order counts: unequally spaced values give the same weights
    np.testing.assert_allclose(agreement_weights([1, 2, 5, 9], "ordinal"), expected, atol=1e-15)
    ratings = np.array([[1, 2, 2], [3, 3, 4], [4, 4, 4], [2, 1, 2], [3, 3, 3]], dtype=float)
    named = gwet_ac(ratings, categories=[1, 2, 3, 4], weights="ordinal")
    custom = gwet_ac(ratings, categories=[1, 2, 3, 4], weights=expected)
    assert named.statistic == pytest.approx(custom.statistic, abs=1e-15)
    assert named.se == pytest.approx(custom.se, abs=1e-15)


# ---------------------------------------------------------------- files
def test_old_xls_file_says_save_as_xlsx(tmp_path):
    path = tmp_path / "delphi_ratings.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)  # an OLE2 header
    with pytest.raises(InputError) as err:
        read_ratings(path, fw())
    msg = str(err.value)
    assert str(path) in msg and ".xls" in msg and "save it as an Excel workbook (.xlsx)" in msg
    assert "no data rows" not in msg


def test_hidden_sheet_is_not_a_delphi_round(tmp_path):
    from openpyxl import Workbook

    lines = _lines(DATA / "delphi_ratings.csv")
    book = Workbook()
    sheet = book.active
    sheet.title = "ratings"
    for r, line in enumerate(lines, 1):
        for c, v in enumerate(line.split(","), 1):
            sheet.cell(r, c, int(v) if v.isdigit() else v)
    scratch = book.create_sheet("第9轮")  # a hidden scratch copy with a round-like name
    scratch.append(["round", "expert_id", "indicator_id", "score"])
    scratch.append([9, "E01", "A", 1])
    scratch.sheet_state = "hidden"
    book.save(tmp_path / "delphi_ratings.xlsx")
    ratings = read_ratings(tmp_path / "delphi_ratings.xlsx", fw())
    assert 9 not in ratings.rounds
    assert ratings.rounds == read_ratings(DATA / "delphi_ratings.csv", fw()).rounds


def test_05_one_month_against_a_two_month_baseline_is_not_no_drift():
    from cslib.monitoring import analysis as mon
    from cslib.monitoring.report import drift_sentence

    records = _records(MON / "qa_records.csv")
    one = records.loc[records["month"] == records["month"].min()]
    drift = mon.inspector_drift(one, threshold=4.0, baseline_months=2)
    en = drift_sentence(drift, 4.0, 2, "en")
    assert "cannot be judged" in en and "1 month(s)" in en and "No inspector" not in en
    assert "无法判断" in drift_sentence(drift, 4.0, 2, "zh")
    full = mon.inspector_drift(records, threshold=4.0, baseline_months=2)
    assert "cannot be judged" not in drift_sentence(full, 4.0, 2, "en")


def test_04_one_team_is_not_called_the_team_with_the_largest_gap():
    from cslib.needs import analysis as N
    from cslib.needs import assessment
    from cslib.needs import report as needs_report

    framework = fw()
    leaves = list(framework.leaves)
    scores = pd.DataFrame.from_dict(
        {"a": [3.0] * len(leaves), "b": [4.0] * len(leaves)}, orient="index", columns=leaves
    )
    scores.index.name = "agent_id"
    teams = pd.Series({"a": "T01", "b": "T01"})
    combo = assessment.SourceCombination(
        scores, teams, {"self": 1.0}, "renormalise", pd.DataFrame(), pd.DataFrame()
    )
    w = pd.Series(1 / len(leaves), index=leaves, name="equal")
    gaps = N.gap_analysis(combo, pd.Series(4.0, index=leaves), w, post="p")
    empty = pd.DataFrame(columns=["unit", "course_id"])
    for lang, words in (("en", "one team only"), ("zh", "只有一个班组")):
        s = needs_report.needs_summary(
            assessment.composite_scores(combo, w), gaps, N.rank_needs(gaps), empty,
            pd.DataFrame(), framework, lang=lang,
        )  # fmt: skip
        text = " ".join(s.findings)
        assert words in text and "largest total weighted gap" not in text


def test_aiken_v_score_interval_is_the_wilson_interval_of_v_out_of_nk():
    from statsmodels.stats.proportion import proportion_confint

    from cslib.stats.content_validity import aiken_v

    ratings = np.array([[5, 3, 1], [5, 4, 2], [4, 4, 1], [5, 2, 1], [4, 3, 2]])
    res = aiken_v(ratings, lo=1, hi=5, confidence_level=0.95)
    nk = 5 * 4
    for r in res.items.itertuples():
        lo, hi = proportion_confint(r.v * nk, nk, alpha=0.05, method="wilson")
        assert (r.ci_low, r.ci_high) == pytest.approx((lo, hi), abs=1e-12)
        assert r.ci_low <= r.v <= r.ci_high
    # V = 0.9 from 5 experts on a 1–5 scale: the closed form of Penfield & Giacobbi (2004)
    z = 1.959963984540054
    v, n, k = 0.9, 5, 4
    root = z * np.sqrt(4 * n * k * v * (1 - v) + z**2)
    expected = ((2 * n * k * v + z**2 - root) / (2 * (n * k + z**2)),
                (2 * n * k * v + z**2 + root) / (2 * (n * k + z**2)))  # fmt: skip
    assert (res.items.ci_low[0], res.items.ci_high[0]) == pytest.approx(expected, abs=1e-12)


# ---------------------------------------------------------------- issue 26, continued
def test_visible_scratch_sheet_is_not_read_as_a_delphi_round(tmp_path):
    """A visible 'Sheet3' holding a copy of round 2 was read as round 3."""
    from openpyxl import Workbook

    wide = pd.read_excel(DATA / "delphi_ratings_wide.xlsx", sheet_name=None, dtype=str)
    book = Workbook()
    book.remove(book.active)
    for name, frame in [*wide.items(), ("Sheet3", next(reversed(wide.values())))]:
        sheet = book.create_sheet(name)
        sheet.append(list(frame.columns))
        for row in frame.itertuples(index=False):
            sheet.append([int(v) if str(v).isdigit() else v for v in row])
    book.save(tmp_path / "ratings.xlsx")
    with pytest.raises(InputError) as e:
        read_ratings(tmp_path / "ratings.xlsx", fw())
    msg = str(e.value)
    assert "Sheet3" in msg and "which round" in msg and "ratings.xlsx" in msg
    # round-named sheets in either language still read
    from cslib.delphi.io import _round_from_sheet

    for name, r in (("第2轮", 2), ("Round 3", 3), ("R4", 4), ("第1轮 round 1", 1), ("2", 2)):
        assert _round_from_sheet(name) == r
    for name in ("Sheet3", "备份2", "草稿 2", "Round 1 vs 2", "copy of 第2轮"):
        assert _round_from_sheet(name) is None


_DIRECTION = re.compile(
    r"(?P<word>more leniently|more strictly|宽松了|严格了|harder|easier|偏严|偏松)"
    r"[^0-9−+-]{0,12}(?P<num>[−+-]?\d+(?:\.\d+)?)"
)
_VERDICT = re.compile(
    r"(?P<word>improved|worsened|有改善|变差)[^()（）]*?[（(](?:estimate|估计) (?P<num>[−+-]?\d+(?:\.\d+)?)"
)


def _directions_agree(sentences: list[str]) -> int:
    """Magnitude words take a non-negative size; improved/worsened take the estimate's sign."""
    n = 0
    for s in sentences:
        for m in _DIRECTION.finditer(s):
            assert _num(m["num"]) >= 0, s
            n += 1
        for m in _VERDICT.finditer(s):
            x = _num(m["num"])
            assert (x > 0) if m["word"] in ("improved", "有改善") else (x < 0), s
            n += 1
    return n


def test_every_direction_word_agrees_with_its_sign():
    from cslib.consistency.analysis import summarise_qa
    from cslib.consistency.conclusions import agreement_conclusions
    from cslib.effectiveness.verdicts import verdict
    from cslib.monitoring import io as mio
    from cslib.monitoring.drift import drift_monitor
    from cslib.monitoring.drift_text import drift_summary

    form = read_qa_form(DATA / "qa_form.csv")
    qa = summarise_qa(read_qa_calibration(DATA / "qa_calibration.csv", form))
    records = mio.read_qa_records(MON / "qa_records.csv")
    drift = drift_monitor(records)
    # the same records with QA06's drift reversed: a stricter inspector
    flip = records["inspector_id"].eq("QA06") & (records["month"].astype(str) >= "2026-03")
    strict = records.assign(score=records["score"].where(~flip, records["score"] - 20))
    sentences = []
    for lang in ("zh", "en"):
        sentences += agreement_conclusions(qa, lang)
        sentences += [drift_summary(drift, lang), drift_summary(drift_monitor(strict), lang)]
        for est, lo, hi in ((-5.6, -6.6, -4.6), (2.0, 1.0, 3.0), (0.8, 0.1, 1.5)):
            sentences.append(verdict(est, lo, hi, 0.01, alpha=0.05, correction="holm").text(lang))
    assert any("more strictly" in s for s in sentences)
    assert any("more leniently" in s for s in sentences)
    assert _directions_agree(sentences) >= 8
    assert _sentences_agree_with_their_intervals(sentences) >= 8


def test_the_direction_check_catches_a_contradiction():
    with pytest.raises(AssertionError):
        _directions_agree(["QA03 scores more strictly by -5.6 points (95% CI -6.6 to -4.6)"])
    with pytest.raises(AssertionError):
        _directions_agree(["improved, significant (estimate -2.00, 95% CI -3.00 to -1.00)"])


@pytest.mark.parametrize(
    ("rows", "en", "zh"),
    [
        ([[100.0] * 3] * 4, "cannot show whether inspectors agree", "无法说明"),
        ([[80.0] * 3, [90.0] * 3, [70.0] * 3], "show no difference between inspectors", "完全相同"),
    ],
)
def test_05_calibration_without_variance_is_not_called_agreement(rows, en, zh):
    """All calibration totals equal: components of exactly 0 are no information, not praise."""
    from cslib.monitoring.calibration_text import calibration_sentence
    from cslib.stats.gstudy import gstudy_crossed

    totals = pd.DataFrame(rows, columns=["QA01", "QA02", "QA03"])
    gc = gstudy_crossed(totals.to_numpy())
    assert gc.estimate["i"] == 0 and gc.estimate["pi,e"] == 0
    assert en in calibration_sentence(gc, totals, None, "en")
    assert zh in calibration_sentence(gc, totals, None, "zh")


def test_02_one_calibration_call_names_the_file_not_a_bare_value_error(tmp_path):
    """One calibration call: Cohen's kappa raised a bare ValueError from cslib.stats."""
    from cslib.consistency.analysis import summarise_qa

    lines = _lines(DATA / "qa_calibration.csv")
    first = lines[1].split(",")[0]
    path = tmp_path / "qa_calibration.csv"
    path.write_text(
        "\n".join([lines[0]] + [x for x in lines[1:] if x.split(",")[0] == first]) + "\n",
        encoding="utf-8",
    )
    calib = read_qa_calibration(path, read_qa_form(DATA / "qa_form.csv"))
    with pytest.raises(InputError) as e:
        summarise_qa(calib)
    msg = str(e.value)
    assert "qa_calibration.csv" in msg and "call_id" in msg and "at least 2 calibration" in msg


def test_stats_preconditions_become_located_errors():
    from cslib.core.boundary import preconditions
    from cslib.stats.agreement import kendall_w

    with pytest.raises(InputError) as e:
        with preconditions("ratings.csv", "concordance", column="expert_id"):
            kendall_w(np.array([[1.0, 2.0, 3.0]]))
    assert e.value.file == "ratings.csv" and "Kendall" in str(e.value)
    assert "expert_id" in str(e.value)


def test_03_identical_changes_are_not_called_significant():
    """Every agent +5: the paired t is infinite and p = 0 — that is no variance, not evidence."""
    from cslib.effectiveness.verdicts import verdict
    from cslib.stats.paired import paired_change

    r = paired_change(np.full(6, 70.0), np.full(6, 75.0))
    assert r.ci_low == r.ci_high == 5.0  # what the kernel gives
    v = verdict(r.mean_change, r.ci_low, r.ci_high, r.pvalue)
    assert v.code == "not_estimable"
    assert "no variance" in v.en and "significant" not in v.en and "improved" not in v.en
    assert "没有变异" in v.zh and "显著" not in v.zh


def test_04_one_agent_is_not_reported_as_the_centres_needs():
    from cslib.needs import analysis as N
    from cslib.needs import assessment
    from cslib.needs import report as R

    framework = fw()
    leaves = list(framework.leaves)
    scores = pd.DataFrame([[3.0] * len(leaves)], index=["a"], columns=leaves)
    scores.index.name = "agent_id"
    combo = assessment.SourceCombination(
        scores, pd.Series({"a": "T01"}), {"self": 1.0}, "renormalise", pd.DataFrame(),
        pd.DataFrame(),
    )  # fmt: skip
    w = pd.Series(1 / len(leaves), index=leaves, name="equal")
    gaps = N.gap_analysis(combo, pd.Series(4.0, index=leaves), w, post="p")
    empty = pd.DataFrame(columns=["unit", "course_id"])
    for lang, words, not_words in (
        ("en", "Only one agent was assessed", "of agents are below"),
        ("zh", "只评估了一名坐席", "的坐席未达目标"),
    ):
        s = R.needs_summary(
            assessment.composite_scores(combo, w), gaps, N.rank_needs(gaps), empty,
            pd.DataFrame(), framework, lang=lang,
        )  # fmt: skip
        text = " ".join(s.findings)
        assert words in text and not_words not in text


# ---------------------------------------------------------------- collect
@pytest.mark.parametrize("where", ["missing", "a_file", "empty"])
def test_collect_without_returned_questionnaires_is_located(tmp_path, where):
    folder = tmp_path / "returns"
    if where == "a_file":
        folder.write_text("not a folder", encoding="utf-8")
    elif where == "empty":
        folder.mkdir()
    out = tmp_path / "out"
    code, err = _cli("collect", str(folder), "--output-dir", str(out), "--lang", "en")
    assert code == 2 and "returns" in err and "nothing was written" in err
    assert "Traceback" not in err and not out.exists()


@pytest.mark.parametrize(("typed", "shown"), [("4.5", "4.5"), ("五", "五"), ("9", "9")])
def test_collect_scores_that_are_not_on_the_scale_are_located(tmp_path, ratings, typed, shown):
    import shutil

    from openpyxl import load_workbook

    from cslib.delphi.collect import CollectError, collect_returns
    from cslib.delphi.feedback import write_feedback_workbooks
    from cslib.delphi.io import Ratings

    keep = sorted(ratings.experts(1))[:6]
    data = ratings.data[(ratings.data["round"] == 1) & ratings.data["expert_id"].isin(keep)]
    r1 = Ratings(data.reset_index(drop=True), ratings.framework, ratings.scale, source="r1.csv")
    sent = write_feedback_workbooks(r1, 1, tmp_path / "sent", lang="en", deadline="2026-12-20")
    returns = tmp_path / "returns"
    returns.mkdir()
    for _, path in sent.experts:
        book = load_workbook(path)
        ws = book.worksheets[0]
        r = 7
        while ws[f"A{r}"].value not in (None, ""):
            ws[f"J{r}"] = int(ws[f"H{r}"].value)
            r += 1
        book.save(returns / path.name)
    shutil.copy(sent.summary, returns / sent.summary.name)
    bad = returns / sent.experts[0][1].name
    book = load_workbook(bad)
    book.worksheets[0]["J8"] = typed
    book.save(bad)
    with pytest.raises(CollectError) as e:
        collect_returns(returns)
    rows = [tuple(x) for x in e.value.table("en").itertuples(index=False)]
    assert (bad.name, "Questionnaire", "J8", "a whole number from 1 to 5", shown) in [
        r[:5] for r in rows
    ]


def test_aggregate_call_with_a_mistyped_past_year_is_located(tmp_path):
    """One call dated 2023 among a 2025 file added a week of its own, two years early."""
    rows = [
        f"A{a:04d},T1,2025-0{1 + w // 4}-{1 + 7 * (w % 4):02d} 09:00,80,1"
        for a in range(30)
        for w in range(8)
    ]
    path = _calls(tmp_path, [*rows, "A0001,T1,2023-03-04 09:00,70,0"])
    code, err = _cli("aggregate", "--qa", str(path), "--output-dir", str(tmp_path))
    assert code == 2 and str(path) in err and "column 'call_time'" in err
    assert "2023-02-27" in err and "days away" in err
    assert not (tmp_path / "qa_weekly.csv").exists()
    clean = _calls(tmp_path, rows, name="clean.csv")
    out = tmp_path / "out"
    out.mkdir()
    assert _cli("aggregate", "--qa", str(clean), "--output-dir", str(out))[0] == 0


def test_03_identical_changes_give_no_p_value_to_the_correction():
    from cslib.effectiveness.levels import learning_table

    paired = pd.DataFrame(
        {
            "agent_id": [f"A{k}" for k in range(8)],
            "course_id": ["C1"] * 4 + ["C2"] * 4,
            "pre": [70.0, 70, 70, 70, 60, 65, 70, 75],
            "post": [75.0, 75, 75, 75, 66, 69, 71, 82],
            "max_score": 100.0,
        }
    )
    t = learning_table(paired, ["C1", "C2"]).set_index("course_id")
    assert np.isnan(t.at["C1", "pvalue"]) and np.isnan(t.at["C1", "p_adj"])
    assert t.at["C1", "change_ci_low"] == t.at["C1", "change_ci_high"] == 5.0
    # C2's adjustment is not driven by C1's p = 0 (Holm over one defined p-value)
    assert t.at["C2", "p_adj"] == pytest.approx(t.at["C2", "pvalue"])
