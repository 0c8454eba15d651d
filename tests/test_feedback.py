"""Next-round Delphi questionnaires (issue 12): one protected, printable workbook per expert.

Everything is checked by reading the files back with openpyxl (and, where LibreOffice is
installed, by rendering one workbook to PDF); the panel statistics are checked against
numpy's Weibull quantiles (R's ``quantile(type = 6)``, the SPSS definition), not our code.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile

import numpy as np
import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook

from cslib.core.errors import InputError
from cslib.delphi.feedback import (
    HEADER_ROW,
    feedback_file_name,
    feedback_flags,
    read_feedback_responses,
    summary_file_name,
    write_feedback_workbooks,
)
from cslib.delphi.io import Ratings

DEADLINE = "2026-12-15"


# the whole module on one xdist worker: its module-scoped sample analyses are then
# computed once per session, not once on each worker that gets some of its tests
pytestmark = pytest.mark.xdist_group("module-feedback")


@pytest.fixture(scope="module")
def written(ratings, tmp_path_factory):
    folder = tmp_path_factory.mktemp("round3")
    return write_feedback_workbooks(ratings, 2, folder, lang="en", deadline=DEADLINE, make_zip=True)


@pytest.fixture(scope="module")
def panel3(ratings):
    """The sample ratings of the first three experts only: for the tests of file handling,
    languages and deadlines, which read one or two workbooks, three files check the same as
    the sample panel's 26 (and write in a ninth of the time)."""
    import dataclasses

    first = sorted(ratings.data["expert_id"].unique())[:3]
    data = ratings.data[ratings.data["expert_id"].isin(first)].reset_index(drop=True)
    return dataclasses.replace(ratings, data=data)


def _data_rows(ws):
    return [
        row for row in ws.iter_rows(min_row=HEADER_ROW + 1, values_only=True) if row[0] is not None
    ]


def _all_text(path) -> str:
    """Every text the xlsx holds: cell strings, document properties, headers and footers.

    (Not the raw sheet XML, whose cell references such as ``E10`` look like expert ids.)
    """
    with zipfile.ZipFile(path) as zf:
        parts = [
            zf.read(n).decode("utf-8")
            for n in zf.namelist()
            if n == "xl/sharedStrings.xml" or n.startswith("docProps/")
        ]
    for ws in load_workbook(path).worksheets:
        parts += [str(c) for row in ws.iter_rows(values_only=True) for c in row if c is not None]
        for hf in (ws.oddHeader, ws.oddFooter):
            parts += [str(part.text) for part in (hf.left, hf.center, hf.right) if part.text]
    return "\n".join(parts)


def test_one_workbook_per_expert_named_by_round_and_expert(written, ratings):
    experts = ratings.experts(2)
    assert written.round == 3 and len(written.experts) == len(experts) == 26
    assert [e for e, _ in written.experts] == list(experts)
    for expert, path in written.experts:
        assert path.name == f"delphi_round3_expert_{expert}.xlsx" == feedback_file_name(3, expert)
        assert path.is_file()
    assert written.summary.name == "delphi_round3_panel_summary.xlsx" == summary_file_name(3)
    folder = written.summary.parent
    assert not list(folder.glob(".*"))  # atomic writes left no temporary file
    with zipfile.ZipFile(written.zip) as zf:  # the archive for sending: experts only
        assert sorted(zf.namelist()) == sorted(p.name for _, p in written.experts)


def test_each_workbook_holds_only_its_experts_scores(written, ratings):
    scores = ratings.matrix(2)
    ids = list(scores.columns)
    # panel statistics from numpy, not from cslib: median and Weibull (SPSS, R type 6) quartiles
    q1, q3 = np.quantile(scores.to_numpy(float), [0.25, 0.75], axis=0, method="weibull")
    median = np.median(scores.to_numpy(float), axis=0)
    for expert, path in written.experts:
        wb = load_workbook(path)
        assert wb.sheetnames == ["Questionnaire", "cslib_check"]  # the check sheet is
        assert wb["cslib_check"].sheet_state == "veryHidden"  # neither shown nor printed
        rows = _data_rows(wb.active)
        assert [r[0] for r in rows] == ids
        np.testing.assert_allclose([r[4] for r in rows], median, rtol=0, atol=1e-12)
        np.testing.assert_allclose([r[5] for r in rows], q1, rtol=0, atol=1e-12)
        np.testing.assert_allclose([r[6] for r in rows], q3, rtol=0, atol=1e-12)
        own = scores.loc[expert].to_numpy()
        assert [r[7] for r in rows] == own.tolist()
        flagged = [r[8] == "yes, please give a reason" for r in rows]
        assert flagged == ((own < q1) | (own > q3)).tolist()
        assert all(r[9] is None and r[10] is None and r[11] is None for r in rows)
        # no other expert's id anywhere in the package (cells, properties, footers)
        text = _all_text(path)
        others = [e for e in scores.index if e != expert]
        assert not [e for e in others if re.search(rf"\b{e}\b", text)]


def test_title_expert_deadline_and_instructions_shown(written):
    expert, path = written.experts[4]
    ws = load_workbook(path).active
    head = [ws.cell(row=r, column=1).value for r in range(1, HEADER_ROW)]
    assert head[0] == "Delphi consultation: round 3 questionnaire"
    assert head[1] == f"Expert: {expert}"
    assert head[2] == f"Please return by {DEADLINE}"
    assert "round 2" in head[3] and "26 experts" in head[3] and "from 1" in head[3]
    assert ws.oddFooter.left.text == f"Expert: {expert}"


def test_score_cells_validated_to_the_scale_and_only_inputs_unlocked(written):
    _, path = written.experts[0]
    ws = load_workbook(path).active
    n = len(_data_rows(ws))
    first, last = HEADER_ROW + 1, HEADER_ROW + n
    (dv,) = ws.data_validations.dataValidation
    assert (dv.type, dv.operator, dv.formula1, dv.formula2) == ("whole", "between", "1", "5")
    assert dv.showErrorMessage and dv.errorStyle == "stop"
    assert str(dv.sqref) == f"J{first}:J{last}"
    assert ws.protection.sheet
    for r in range(1, last + 1):
        for c in range(1, 13):
            unlocked = r >= first and c in (10, 11, 12)  # new score, reason, comment
            assert ws.cell(row=r, column=c).protection.locked is not unlocked, (r, c)
    # a flagged row without a reason is shown in red (conditional format on the reason column)
    (cf,) = ws.conditional_formatting
    assert str(cf.sqref) == f"K{first}:K{last}"
    assert cf.rules[0].formula[0].startswith(f'AND($I{first}<>"",$K{first}=""')


def test_print_setup_a4_landscape_one_page_wide_header_repeated(written):
    for path in [written.experts[0][1], written.summary]:
        for ws in load_workbook(path).worksheets:
            if ws.sheet_state != "visible":
                continue  # the very hidden check sheet is never printed
            assert ws.page_setup.orientation == "landscape"
            assert int(ws.page_setup.paperSize) == 9  # A4 in the OOXML paper-size table
            assert ws.sheet_properties.pageSetUpPr.fitToPage
            assert int(ws.page_setup.fitToWidth) == 1 and int(ws.page_setup.fitToHeight) == 0
    ws = load_workbook(written.experts[0][1]).active
    assert ws.print_area == f"'Questionnaire'!$A$1:$L${HEADER_ROW + 14}"
    assert ws.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"


def test_scale_of_validation_follows_the_ratings(framework, tmp_path):
    rows = [(1, f"X{e}", i, s) for e, s in enumerate([0, 7, 10]) for i in framework.ids]
    ratings = Ratings(
        pd.DataFrame(rows, columns=["round", "expert_id", "indicator_id", "score"]),
        framework,
        scale=(0, 10),
    )
    out = write_feedback_workbooks(ratings, 1, tmp_path, lang="en", deadline=DEADLINE)
    ws = load_workbook(out.experts[0][1]).active
    (dv,) = ws.data_validations.dataValidation
    assert (dv.formula1, dv.formula2) == ("0", "10")
    assert ws.cell(row=HEADER_ROW, column=10).value == "New score (0–10)"


def test_panel_summary_holds_everyone(written, ratings):
    wb = load_workbook(written.summary)
    assert wb.sheetnames == ["Panel", "Experts", "Files", "cslib_check"]
    long = pd.read_excel(written.summary, sheet_name="Experts", header=2, keep_default_na=False)
    scores = ratings.matrix(2)
    assert len(long) == scores.size == 26 * 14
    assert sorted(long["Expert"].unique()) == sorted(scores.index)
    got = long.pivot(index="Expert", columns="Indicator", values="Last score")
    pd.testing.assert_frame_equal(
        got.reindex(index=scores.index, columns=scores.columns),
        scores,
        check_names=False,
        check_dtype=False,
    )
    flags = feedback_flags(ratings, 2)
    assert (long["Your score is outside the panel IQR"] != "").sum() == len(flags)
    assert written.n_flagged == len(flags)
    files = pd.read_excel(written.summary, sheet_name="Files", header=2)
    assert files["Questionnaire file"].tolist() == [p.name for _, p in written.experts]


def test_languages(panel3, tmp_path):
    out = write_feedback_workbooks(panel3, 2, tmp_path / "zhen", lang="zh+en", deadline=DEADLINE)
    ws = load_workbook(out.experts[0][1]).active
    assert ws.title == "问卷 Questionnaire"
    assert ws.cell(row=HEADER_ROW, column=8).value == "您上轮的评分 Your last score"
    assert ws.cell(row=HEADER_ROW + 1, column=3).value == panel3.framework.name("A", "zh+en")
    out = write_feedback_workbooks(panel3, 2, tmp_path / "zh", lang="zh", deadline=DEADLINE)
    ws = load_workbook(out.experts[0][1]).active
    assert ws.cell(row=1, column=1).value == "德尔菲专家咨询 第3轮问卷"
    assert ws.cell(row=3, column=1).value == f"请于 {DEADLINE} 前交回"
    assert ws.cell(row=HEADER_ROW, column=11).value == "若仍保持区间外评分，请说明理由"
    with pytest.raises(InputError, match="lang"):
        write_feedback_workbooks(panel3, 2, tmp_path / "x", lang="fr", deadline=DEADLINE)


def test_deadline_validated_or_missing_said_so(panel3, tmp_path):
    with pytest.raises(InputError, match="deadline.*YYYY-MM-DD|YYYY-MM-DD.*deadline"):
        write_feedback_workbooks(panel3, 2, tmp_path / "a", deadline="15.12.2026")
    with pytest.warns(UserWarning, match="no deadline"):
        out = write_feedback_workbooks(panel3, 2, tmp_path / "b", lang="en")
    ws = load_workbook(out.experts[0][1]).active
    assert ws.cell(row=3, column=1).value == "Return date: please ask the study lead"
    with pytest.raises(InputError, match="no round 5"):
        write_feedback_workbooks(panel3, 5, tmp_path / "c", deadline=DEADLINE)


def test_colliding_expert_ids_refused(framework, tmp_path):
    rows = [(1, e, i, 4) for e in ["E/1", "E_1", "E2"] for i in framework.ids]
    ratings = Ratings(
        pd.DataFrame(rows, columns=["round", "expert_id", "indicator_id", "score"]), framework
    )
    with pytest.raises(InputError, match="'E/1' and 'E_1' give the same file name"):
        write_feedback_workbooks(ratings, 1, tmp_path, deadline=DEADLINE)
    assert not list(tmp_path.iterdir())  # nothing half-written


def test_missing_previous_score_or_unusable_id_refused(framework, tmp_path):
    rows = [(1, e, i, 4) for e in ["E1", "E2"] for i in framework.ids]
    full = pd.DataFrame(rows, columns=["round", "expert_id", "indicator_id", "score"])
    gap = Ratings(full.iloc[1:], framework)  # E1 has no score for the first indicator
    with pytest.raises(InputError, match="expert 'E1' has no score for indicator 'A'"):
        write_feedback_workbooks(gap, 1, tmp_path, deadline=DEADLINE)
    odd = Ratings(full.replace({"E1": "///"}), framework)
    with pytest.raises(InputError, match="can be part of a file name"):
        write_feedback_workbooks(odd, 1, tmp_path, deadline=DEADLINE)
    assert not list(tmp_path.iterdir())


def test_never_silently_replaces_another_rounds_or_answered_workbook(panel3, tmp_path):
    first = write_feedback_workbooks(panel3, 2, tmp_path, lang="en", deadline=DEADLINE)
    # the same round again (nothing answered yet) may be rewritten
    write_feedback_workbooks(panel3, 2, tmp_path, lang="en", deadline=DEADLINE, make_zip=True)
    write_feedback_workbooks(panel3, 2, tmp_path, lang="en", deadline=DEADLINE, make_zip=True)
    target = first.experts[0][1]

    # a workbook that records another round under this name
    wb = load_workbook(target)
    wb.properties.identifier = "round=2;scale=1-5;expert=E01"
    wb.save(target)
    with pytest.raises(InputError, match="made for round 2 with one for round 3"):
        write_feedback_workbooks(panel3, 2, tmp_path, lang="en", deadline=DEADLINE)

    # a file we did not write
    foreign = Workbook()
    foreign.active["A1"] = "someone's notes"
    foreign.save(target)
    with pytest.raises(InputError, match="not made by write_feedback_workbooks"):
        write_feedback_workbooks(panel3, 2, tmp_path, lang="en", deadline=DEADLINE)
    assert load_workbook(target).active["A1"].value == "someone's notes"  # untouched

    # a returned questionnaire with answers
    write_feedback_workbooks(panel3, 2, tmp_path, lang="en", deadline=DEADLINE, replace=True)
    wb = load_workbook(target)
    wb.active.cell(row=HEADER_ROW + 1, column=10, value=4)
    wb.save(target)
    with pytest.raises(InputError, match="already holds an expert's answers"):
        write_feedback_workbooks(panel3, 2, tmp_path, lang="en", deadline=DEADLINE)
    write_feedback_workbooks(panel3, 2, tmp_path, lang="en", deadline=DEADLINE, replace=True)
    assert load_workbook(target).active.cell(row=HEADER_ROW + 1, column=10).value is None


def _answer(path, answers):
    wb = load_workbook(path)
    ws = wb.active
    for indicator, (score, reason) in answers.items():
        row = next(
            r for r in range(HEADER_ROW + 1, ws.max_row + 1) if ws.cell(r, 1).value == indicator
        )
        ws.cell(row=row, column=10).value = score  # (ws.cell(value=None) would not clear)
        ws.cell(row=row, column=11).value = reason
    wb.save(path)
    return path


def test_returned_answers_read_back_and_missing_reasons_listed(framework, tmp_path):
    # five experts; indicator A: 3, 4, 4, 5, 5 → SPSS Q1 = 3.5, Q3 = 5, so E0 is flagged on A
    rows = [
        (1, f"E{e}", i, s if i == "A" else 4)
        for e, s in enumerate([3, 4, 4, 5, 5])
        for i in framework.ids
    ]
    ratings = Ratings(
        pd.DataFrame(rows, columns=["round", "expert_id", "indicator_id", "score"]), framework
    )
    out = write_feedback_workbooks(ratings, 1, tmp_path, lang="en", deadline=DEADLINE)
    paths = dict(out.experts)
    _answer(paths["E0"], {"A": (3, None)})  # keeps 3 < Q1 without a reason
    _answer(paths["E1"], {"A": (4, None)})
    got = read_feedback_responses([paths["E0"], paths["E1"]], round=2)
    assert got.loc[got["reason_missing"], ["expert_id", "indicator_id"]].values.tolist() == [
        ["E0", "A"]
    ]
    _answer(paths["E0"], {"A": (3, "customers expect it")})
    got = read_feedback_responses([paths["E0"]], round=2)
    assert not got["reason_missing"].any()
    assert got.set_index("indicator_id").loc["A", "reason"] == "customers expect it"
    _answer(paths["E0"], {"A": (4, None)})  # moved into the IQR: no reason needed
    assert not read_feedback_responses([paths["E0"]], round=2)["reason_missing"].any()
    # a score typed past the validation (e.g. pasted) is an error naming file, row, column
    _answer(paths["E1"], {"A1": (7, None)})
    with pytest.raises(InputError) as err:
        read_feedback_responses([paths["E1"]], round=2)
    assert err.value.first.row == HEADER_ROW + 2 and err.value.first.column == "J"
    assert "from 1 to 5" in str(err.value) and paths["E1"].name in str(err.value)
    with pytest.raises(InputError, match="not a questionnaire of round 3"):
        read_feedback_responses([paths["E0"]], round=3)


def test_tiny_panel_with_ties_and_a_constant_column(framework, tmp_path):
    # three experts, all give 4 everywhere: Q1 = Q3 = 4, nobody is outside the IQR
    rows = [(1, e, i, 4) for e in ["a", "b", "c"] for i in framework.ids]
    ratings = Ratings(
        pd.DataFrame(rows, columns=["round", "expert_id", "indicator_id", "score"]), framework
    )
    out = write_feedback_workbooks(ratings, 1, tmp_path, lang="en", deadline=DEADLINE)
    assert out.n_flagged == 0 and len(out.experts) == 3
    rows_ = _data_rows(load_workbook(out.experts[1][1]).active)
    assert all(r[4] == r[5] == r[6] == 4 and r[8] is None for r in rows_)


def _long_questionnaire(folder):
    """A round-1 workbook of 60 indicators with long bilingual definitions: several pages."""
    from cslib.core.framework import framework_from_frame

    rows = []
    for g in "ABCDE":  # 60 indicators with long bilingual definitions: several pages
        rows.append(
            dict(
                id=g,
                parent=None,
                level=1,
                name_zh=f"一级指标{g}",
                name_en=f"First {g}",
                definition_zh="说明" * 20,
                definition_en="A working definition " * 4,
            )
        )
        for k in range(1, 12):
            rows.append(
                dict(
                    id=f"{g}{k}",
                    parent=g,
                    level=2,
                    name_zh=f"二级指标{g}{k}",
                    name_en=f"Second {g}{k}",
                    definition_zh="说明" * 15,
                    definition_en="Definition text " * 5,
                )
            )
    fw = framework_from_frame(pd.DataFrame(rows))
    rng = np.random.default_rng(20261123)
    data = [(1, f"E{e:02d}", i, int(rng.integers(1, 6))) for e in range(12) for i in fw.ids]
    ratings = Ratings(
        pd.DataFrame(data, columns=["round", "expert_id", "indicator_id", "score"]), fw
    )
    out = write_feedback_workbooks(ratings, 1, folder, lang="zh+en", deadline=DEADLINE)
    return out.experts[3][1]


@pytest.fixture(scope="module")
def printed(written, tmp_path_factory):
    """Both workbooks printed to PDF by LibreOffice in one ``soffice`` call (its start-up is
    most of a conversion's time): the sample panel's first expert, and expert E03 of the
    long questionnaire."""
    folder = tmp_path_factory.mktemp("print")
    books = {
        "short": written.experts[0][1],
        "long": _long_questionnaire(tmp_path_factory.mktemp("long")),
    }
    inputs = []
    for key, path in books.items():  # distinct names: one output folder for both
        inputs.append(folder / f"{key}-{path.name}")
        shutil.copy(path, inputs[-1])
    subprocess.run(
        [
            "soffice",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            *map(str, inputs),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return {
        key: folder / path.with_suffix(".pdf").name for key, path in zip(books, inputs, strict=True)
    }


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_prints_one_landscape_a4_page(printed):
    pdf = printed["short"].read_bytes()
    pages = re.findall(rb"/Type\s*/Page\b", pdf)
    assert len(pages) == 1  # 14 indicators: the whole questionnaire, answer column included
    (box,) = set(re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)", pdf))
    width, height = float(box[0]), float(box[1])
    assert width == pytest.approx(841.89, abs=1) and height == pytest.approx(595.3, abs=1)


@pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice and poppler-utils are not installed",
)
def test_libreoffice_long_questionnaire_repeats_header_on_every_page(printed):
    pdf = printed["long"]
    pages = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout.split("\f")
    pages = [p for p in pages if p.strip()]
    assert len(pages) > 1
    for page in pages:  # header row (with the answer column) and footer on every page
        assert "您上轮的评分" in page and "New" in page and "Expert: E03" in page
    assert sum(f"{i} " in " ".join(pages) for i in ("A1", "E11")) == 2


def test_deadline_as_date_and_other_files_in_the_way(panel3, tmp_path):
    import datetime as dt

    out = write_feedback_workbooks(
        panel3, 2, tmp_path, lang="en", deadline=dt.date(2026, 12, 15), make_zip=True
    )
    assert load_workbook(out.experts[0][1]).active["A3"].value == f"Please return by {DEADLINE}"
    again = write_feedback_workbooks(
        panel3, 2, tmp_path, lang="en", deadline=dt.datetime(2026, 12, 15, 17), make_zip=True
    )  # same round, unanswered, our own archive: rewritten
    assert again.zip == out.zip
    out.experts[1][1].write_text("not a workbook")
    with pytest.raises(InputError, match="not made by write_feedback_workbooks"):
        write_feedback_workbooks(panel3, 2, tmp_path, lang="en", deadline=DEADLINE)
    assert out.experts[1][1].read_text() == "not a workbook"
    write_feedback_workbooks(panel3, 2, tmp_path, lang="en", deadline=DEADLINE, replace=True)
    out.zip.write_bytes(b"someone else's archive")
    with pytest.raises(InputError, match="archive not made for round 3"):
        write_feedback_workbooks(panel3, 2, tmp_path, lang="en", deadline=DEADLINE, make_zip=True)


def test_reading_responses_refuses_the_summary_and_bad_text_scores(written, tmp_path):
    with pytest.raises(InputError, match="expert questionnaire was expected"):
        read_feedback_responses([written.summary], round=3)
    with pytest.raises(InputError, match="no returned questionnaires"):
        read_feedback_responses([], round=3)
    path = tmp_path / written.experts[0][1].name
    path.write_bytes(written.experts[0][1].read_bytes())
    _answer(path, {"A": ("four", None), "A1": (4.5, None), "A2": ("5", "ok")})
    with pytest.raises(InputError) as err:
        read_feedback_responses([path], round=3)
    assert [(p.row, p.column, p.found) for p in err.value.problems] == [
        (HEADER_ROW + 1, "J", "four"),
        (HEADER_ROW + 2, "J", 4.5),
    ]
    _answer(path, {"A": (4, None), "A1": (None, None)})
    got = read_feedback_responses([path], round=3).set_index("indicator_id")
    assert got.loc["A", "score"] == 4 and got.loc["A2", "score"] == 5
    assert pd.isna(got.loc["A1", "score"])
