"""`cslib collect`: a folder of returned Delphi questionnaires, every problem at once.

The questionnaires are written by the real writer (``write_feedback_workbooks``) and filled in
with openpyxl as an expert's Excel would; each test breaks them the way experts and study
leads do (a pasted score, an edited definition, a renamed or twice-returned file, a file of
another round or another run) and checks the table ``cslib collect`` prints.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from cslib.cli import main
from cslib.delphi.collect import CollectError, collect, collect_returns, output_names
from cslib.delphi.feedback import write_feedback_workbooks
from cslib.delphi.io import Ratings, read_ratings
from cslib.delphi.responses import (
    missing_reasons,
    outlier_reasons,
    panel_comments,
    read_responses,
    read_returns,
)
from cslib.delphi.stamp import SHEET, canonical, read_stamp
from cslib.delphi.statistics import positive_coefficient

ROOT = Path(__file__).resolve().parents[1]
SCORE, REASON, COMMENT = "J", "K", "L"  # input columns of the questionnaire
FIRST = 7  # first data row


def round1(ratings: Ratings, n: int = 9) -> Ratings:
    """Round 1 of the sample panel, first ``n`` experts."""
    keep = sorted(ratings.experts(1))[:n]
    data = ratings.data[(ratings.data["round"] == 1) & ratings.data["expert_id"].isin(keep)]
    return Ratings(data.reset_index(drop=True), ratings.framework, ratings.scale, source="r1.csv")


def fill(path: Path, target: Path, *, shift: int = 0, comment: str = "") -> None:
    """Answer a questionnaire as an expert would: keep (or shift) each score, give a reason
    for each flagged score that stays outside the IQR, and one comment."""
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    r = FIRST
    while ws[f"A{r}"].value not in (None, ""):
        own = int(ws[f"H{r}"].value)
        new = min(5, max(1, own + shift))
        ws[f"{SCORE}{r}"] = new
        q1, q3 = float(ws[f"F{r}"].value), float(ws[f"G{r}"].value)
        if ws[f"I{r}"].value and not q1 <= new <= q3:
            ws[f"{REASON}{r}"] = f"理由 {ws[f'A{r}'].value} {new}"
        r += 1
    if comment:
        ws[f"{COMMENT}{FIRST}"] = comment
    wb.save(target)


@pytest.fixture
def sent(tmp_path, ratings):
    """Round 2 questionnaires of a 9-expert panel, as report 01 writes them."""
    out = write_feedback_workbooks(
        round1(ratings), 1, tmp_path / "sent", lang="en", deadline="2026-12-20"
    )
    return out


@pytest.fixture
def returns(tmp_path, sent):
    """Every expert's answers, filled in, in a returns folder with the panel summary."""
    folder = tmp_path / "returns"
    folder.mkdir()
    for k, (expert, path) in enumerate(sent.experts):
        fill(path, folder / path.name, comment=f"comment of {expert}" if k % 3 == 0 else "")
    shutil.copy(sent.summary, folder / sent.summary.name)
    return folder


def _rows(exc: CollectError, lang: str = "en") -> list[tuple[str, ...]]:
    return [tuple(r) for r in exc.table(lang).itertuples(index=False)]


def test_a_clean_folder_gives_ratings_responses_and_returns(tmp_path, returns, sent, framework):
    written = collect(returns, tmp_path / "out")
    assert set(written) == {"ratings_path", "responses_path", "returns_path"}
    assert {p.name for p in written.values()} == set(output_names(2).values())
    both = read_ratings(written["ratings_path"], framework)
    assert both.rounds == (1, 2)
    assert len(both.experts(2)) == 9
    # round 1 is the panel's own round 1 (from the summary), round 2 what the experts typed
    r1 = round1(read_ratings(ROOT / "data_samples/delphi_ratings.csv", framework))
    pd.testing.assert_frame_equal(both.matrix(1), r1.matrix(1))
    pd.testing.assert_frame_equal(
        both.matrix(2), r1.matrix(1).rename_axis(index="expert_id"), check_names=False
    )
    responses = read_responses(written["responses_path"])
    assert len(responses) == 9 * len(framework.ids)
    assert responses["comment"].ne("").sum() == 3
    returned = read_returns(written["returns_path"])
    assert returned["returned"].all() and len(returned) == 9


def test_three_mistakes_in_three_files_are_reported_together(tmp_path, returns, capsys):
    e01, e02, e03 = (returns / f"delphi_round2_expert_E0{k}.xlsx" for k in (1, 2, 3))
    wb = load_workbook(e01)
    wb.worksheets[0][f"{SCORE}{FIRST + 1}"] = 7  # pasted past the validation
    wb.save(e01)
    wb = load_workbook(e02)
    ws = wb.worksheets[0]
    written = ws["D9"].value
    ws["D9"] = "my own definition"  # sheet unprotected and a definition rewritten
    wb.save(e02)
    e03.rename(returns / "E03 answers.xlsx")
    out = tmp_path / "out"
    code = main(["collect", str(returns), "--output-dir", str(out), "--lang", "en"])
    assert code == 2
    assert not out.exists()  # nothing written
    err = capsys.readouterr().err
    with pytest.raises(CollectError) as info:
        collect_returns(returns)
    assert _rows(info.value) == [
        ("E03 answers.xlsx", "", "", "file name delphi_round2_expert_E03.xlsx", "E03 answers.xlsx"),
        ("delphi_round2_expert_E01.xlsx", "Questionnaire", "J8", "a whole number from 1 to 5", "7"),
        (
            "delphi_round2_expert_E02.xlsx",
            "Questionnaire",
            "D9",
            f"unchanged: {canonical(written)}",
            "my own definition",
        ),
    ]
    assert "3 problem(s) in 3 file(s); nothing was written" in err
    for name in ("E03 answers.xlsx", "delphi_round2_expert_E01.xlsx", "J8", "D9"):
        assert name in err
    assert "Traceback" not in err
    # the same table in Chinese (the default)
    assert main(["collect", str(returns), "--output-dir", str(out)]) == 2
    zh = capsys.readouterr().err
    assert "3 个文件中有 3 处问题" in zh and "单元格" in zh and "应为" in zh


def test_returned_twice_wrong_round_other_batch_and_strangers_are_named(
    tmp_path, returns, sent, ratings
):
    shutil.copy(returns / "delphi_round2_expert_E04.xlsx", returns / "copy of E04.xlsx")
    # a round-3 questionnaire of the same panel, and a round-2 one from other data
    both = Ratings(
        ratings.data[ratings.data["expert_id"].isin(sorted(ratings.experts(1))[:9])],
        ratings.framework,
    )
    r3 = write_feedback_workbooks(both, 2, tmp_path / "r3", lang="en", deadline="2026-12-20")
    shutil.copy(r3.experts[5][1], returns / r3.experts[5][1].name)
    other = round1(ratings, 10)
    w = write_feedback_workbooks(other, 1, tmp_path / "other", lang="en", deadline="2026-12-20")
    fill(w.experts[9][1], returns / "delphi_round2_expert_E10.xlsx")
    (returns / "notes.xlsx").write_bytes((ROOT / "data_samples/needs/ratings.csv").read_bytes())
    with pytest.raises(CollectError) as info:
        collect_returns(returns)
    rows = {(r[0], r[3]) for r in _rows(info.value)}
    assert ("copy of E04.xlsx", "one file per expert") in rows
    assert ("delphi_round2_expert_E04.xlsx", "one file per expert") in rows
    assert ("copy of E04.xlsx", "file name delphi_round2_expert_E04.xlsx") in rows
    assert (r3.experts[5][1].name, "a questionnaire of round 2") in rows
    assert (
        "delphi_round2_expert_E10.xlsx",
        "a questionnaire of the same batch as the panel summary",
    ) in rows
    assert ("notes.xlsx", "an Excel workbook (.xlsx) that opens") in rows
    advice = " ".join(info.value.advice("en"))
    assert "--round" in advice and "--sent" in advice


def test_empty_score_formula_and_missing_summary(tmp_path, returns, sent):
    e05 = returns / "delphi_round2_expert_E05.xlsx"
    wb = load_workbook(e05)
    wb.worksheets[0][f"{SCORE}{FIRST}"] = None
    wb.worksheets[0][f"{SCORE}{FIRST + 2}"] = "=2+2"
    wb.save(e05)
    (returns / sent.summary.name).unlink()
    with pytest.raises(CollectError) as info:
        collect_returns(returns)
    rows = _rows(info.value)
    assert rows[0][3].startswith("a panel summary")  # folder-level problem first
    assert "--sent" in info.value.text("en")
    # with --sent the summary is found in the report folder; the two cells remain
    with pytest.raises(CollectError) as info:
        collect_returns(returns, sent=sent.summary.parent)
    assert _rows(info.value) == [
        (e05.name, "Questionnaire", "J7", "a whole number from 1 to 5", "(empty)"),
        (e05.name, "Questionnaire", "J9", "a typed number, not a formula", "=2+2"),
    ]


def test_missing_experts_are_listed_and_rerun_is_idempotent(tmp_path, returns, capsys):
    (returns / "delphi_round2_expert_E09.xlsx").unlink()
    out = tmp_path / "out"
    assert main(["collect", str(returns), "--output-dir", str(out), "--lang", "en"]) == 0
    printed = capsys.readouterr().out
    assert "Round 2: 9 sent, 8 returned." in printed
    assert "Not returned: E09" in printed
    assert "-p ratings_path" in printed and "-p responses_path" in printed
    first = {p.name: p.read_bytes() for p in out.iterdir()}
    assert main(["collect", str(returns), "--output-dir", str(out)]) == 0  # same: fine
    assert {p.name: p.read_bytes() for p in out.iterdir()} == first  # byte-identical
    # another collection into the same folder is refused, not silently replaced
    fill(
        returns / "delphi_round2_expert_E01.xlsx",
        returns / "delphi_round2_expert_E01.xlsx",
        shift=-1,
    )
    assert main(["collect", str(returns), "--output-dir", str(out), "--lang", "en"]) == 2
    assert "--replace" in capsys.readouterr().err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == first
    assert main(["collect", str(returns), "--output-dir", str(out), "--replace"]) == 0


def test_formula_like_answers_stay_text(tmp_path, returns, framework):
    e06 = returns / "delphi_round2_expert_E06.xlsx"
    wb = load_workbook(e06)
    wb.worksheets[0][f"{COMMENT}{FIRST}"].value = '=HYPERLINK("http://x","y")'
    wb.worksheets[0][f"{COMMENT}{FIRST}"].data_type = "s"
    wb.save(e06)
    written = collect(returns, tmp_path / "out")
    ws = load_workbook(written["responses_path"]).worksheets[0]
    cells = [c for row in ws.iter_rows() for c in row if str(c.value).startswith("=")]
    assert cells and all(c.data_type == "s" for c in cells)


def test_check_sheet_is_very_hidden_and_records_the_batch(sent):
    wb = load_workbook(sent.experts[0][1])
    assert wb[SHEET].sheet_state == "veryHidden"
    stamp = read_stamp(wb)
    assert (stamp.kind, stamp.round, stamp.expert, stamp.scale) == ("expert", 2, "E01", (1, 5))
    assert stamp.input_columns == (10, 11, 12)
    summary = read_stamp(load_workbook(sent.summary))
    assert summary.batch == stamp.batch
    assert list(summary.invited) == [e for e, _ in sent.experts]
    assert summary.ratings["expert_id"].nunique() == 9 and set(summary.ratings["round"]) == {1}


def test_positive_coefficient_uses_the_returns(framework, tmp_path, returns):
    (returns / "delphi_round2_expert_E09.xlsx").unlink()
    written = collect(returns, tmp_path / "out")
    both = read_ratings(written["ratings_path"], framework)
    back = read_returns(written["returns_path"])
    table = positive_coefficient(both, n_invited=12, returns=back)
    assert table[["round", "sent", "returned"]].values.tolist() == [[1, 12, 9], [2, 9, 8]]
    # returns of another collection disagree with the ratings: a located error, not a number
    wrong = back.assign(returned=True)
    with pytest.raises(ValueError, match="E09"):
        positive_coefficient(both, n_invited=12, returns=wrong)


def test_reasons_and_comments_are_anonymous(framework):
    responses = pd.DataFrame(
        {
            "expert_id": ["E2", "E1", "E3", "E1"],
            "indicator_id": ["B", "A", "A", "A"],
            "score": [1, 5, 2, 4],
            "q1": [3.0, 3.0, 3.0, 3.0],
            "q3": [4.0, 4.0, 4.0, 4.0],
            "flagged": [True, True, True, False],
            "reason": ["b reason", "a high", "", ""],
            "comment": ["", "c1", "", "c0"],
        }
    )
    reasons = outlier_reasons(responses, framework)
    assert "expert_id" not in reasons.columns
    assert reasons[["indicator_id", "side", "score"]].values.tolist() == [
        ["A", "above", 5],
        ["B", "below", 1],
    ]
    assert missing_reasons(responses) == 1  # E3's 2 on A is below Q1 and has no reason
    comments = panel_comments(responses, framework)
    assert comments.values.tolist() == [["A", "c0"], ["A", "c1"]]  # by text, not by expert
    shuffled = responses.iloc[::-1].reset_index(drop=True)
    pd.testing.assert_frame_equal(outlier_reasons(shuffled, framework), reasons)


def _params(path: Path, **values: object) -> Path:
    import yaml

    path.write_text(yaml.safe_dump(values, allow_unicode=True), encoding="utf-8")
    return path


def test_round_loop_end_to_end(tmp_path, ratings, run_cli):
    """Report 01 → questionnaires → three mistakes in three files, reported together → fixed
    → collected → report 01 on round 2 with the experts' reasons and comments."""
    r1 = round1(ratings)
    (tmp_path / "r1.csv").write_text(r1.data.to_csv(index=False), encoding="utf-8")
    common = {
        # a run with the user's own ratings names every input: nothing comes from the samples
        "framework_path": str(ROOT / "data_samples" / "framework_complaint_handling.yaml"),
        "experts_path": "",
        "published_table_path": "",
        "relevance_path": "",
        "n_invited": 12,
        "n_boot": 200,
        "n_perm": 200,
        "lang": "en",
        "deadline": "2026-12-20",
    }
    reports = tmp_path / "reports"
    first = _params(tmp_path / "round1.yaml", ratings_path=str(tmp_path / "r1.csv"), **common)
    ran = run_cli("run", "01", "--params", str(first), "--output-dir", str(reports),
                  "--no-progress")  # fmt: skip
    assert ran.returncode == 0, ran.stderr
    sent = reports / "delphi_round2_questionnaires"
    experts = sorted(sent.glob("delphi_round2_expert_*.xlsx"))
    assert len(experts) == 9
    back = tmp_path / "returns"
    back.mkdir()
    for k, path in enumerate(experts):  # every expert answers; some move up, with reasons
        fill(path, back / path.name, shift=1 if k % 2 else 0, comment=f"note {k}" if k < 3 else "")
    # three mistakes in three files
    wb = load_workbook(back / experts[0].name)
    wb.worksheets[0]["J10"] = 6
    wb.save(back / experts[0].name)
    wb = load_workbook(back / experts[1].name)
    wb.worksheets[0]["H8"] = 1  # the expert "corrected" their previous score
    wb.save(back / experts[1].name)
    wb = load_workbook(back / experts[2].name)
    wb.worksheets[0]["J12"] = None
    wb.save(back / experts[2].name)
    out = tmp_path / "round2"
    ran = run_cli("collect", str(back), "--output-dir", str(out), "--sent", str(sent),
                  "--lang", "en")  # fmt: skip
    assert ran.returncode == 2
    assert not out.exists()
    with pytest.raises(CollectError) as info:
        collect_returns(back, sent=sent)
    owner = load_workbook(experts[1])
    assert _rows(info.value) == [
        (experts[0].name, "Questionnaire", "J10", "a whole number from 1 to 5", "6"),
        (
            experts[1].name,
            "Questionnaire",
            "H8",
            f"unchanged: {canonical(owner.worksheets[0]['H8'].value)}",
            "1",
        ),
        (experts[2].name, "Questionnaire", "J12", "a whole number from 1 to 5", "(empty)"),
    ]
    for row in _rows(info.value):
        assert row[0] in ran.stderr and row[2] in ran.stderr
    # fix: the three experts send corrected files
    for k in range(3):
        fill(experts[k], back / experts[k].name, shift=1 if k % 2 else 0, comment=f"note {k}")
    ran = run_cli("collect", str(back), "--output-dir", str(out), "--sent", str(sent),
                  "--lang", "en")  # fmt: skip
    assert ran.returncode == 0, ran.stderr
    names = output_names(2)
    second = _params(
        tmp_path / "round2.yaml",
        ratings_path=str(out / names["ratings_path"]),
        responses_path=str(out / names["responses_path"]),
        returns_path=str(out / names["returns_path"]),
        **common,
    )
    ran = run_cli("run", "01", "--params", str(second), "--output-dir", str(tmp_path / "r2"),
                  "--no-progress")  # fmt: skip
    assert ran.returncode == 0, ran.stderr
    html = (tmp_path / "r2" / "01_delphi_weights.html").read_text(encoding="utf-8")
    assert "Reasons and comments from the experts" in html
    assert "note 0" in html and "note 2" in html  # comments shown
    assert "理由 " in html  # reasons given for outlying scores
    assert "delphi_round2_returns.xlsx" in html  # sent/returned from the returns file
    assert (tmp_path / "r2" / "delphi_round3_questionnaires").is_dir()


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_questionnaires_saved_by_libreoffice_are_accepted(tmp_path, returns, sent):
    """An expert who opens and saves the questionnaire in LibreOffice keeps the check sheet
    and every protected value as written."""
    import subprocess

    saved = tmp_path / "saved"
    files = sorted(str(p) for p in returns.glob("delphi_round2_expert_*.xlsx"))
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "xlsx:Calc MS Excel 2007 XML",
         "--outdir", str(saved), *files],
        check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    assert len(list(saved.glob("*.xlsx"))) == 9
    collected = collect_returns(saved, sent=sent.summary.parent)
    direct = collect_returns(returns)
    pd.testing.assert_frame_equal(
        collected.ratings.reset_index(drop=True), direct.ratings.reset_index(drop=True)
    )
    assert collected.responses["comment"].tolist() == direct.responses["comment"].tolist()


def test_collect_into_a_study_declares_the_round_for_report_01(tmp_path, returns, capsys):
    """``--study``: the round's files go to the study's data folder, study.yaml names them for
    notebook 01 (comments kept) with the panel size, and the next command is the study run."""
    from cslib.core.study import load_study

    study = tmp_path / "研究"
    (study / "数据").mkdir(parents=True)
    (study / "study.yaml").write_text("# 我的研究\nlang: zh  # 语言\n", encoding="utf-8")
    (returns / "delphi_round2_expert_E09.xlsx").unlink()
    assert main(["collect", str(returns), "--study", str(study)]) == 0
    printed = capsys.readouterr().out
    assert "交回 8 份" in printed  # the round line, in the study's language
    assert f"cslib run --study '{study.resolve()}' 01" in printed
    declared = load_study(study).declared("01_delphi_weights")
    assert declared["n_invited"] == 9
    for key in ("ratings_path", "responses_path", "returns_path"):
        path = study / declared[key]
        assert path.is_file() and path.parent.parent == study / "数据"
    text = (study / "study.yaml").read_text(encoding="utf-8")
    assert text.startswith("# 我的研究\nlang: zh  # 语言\n")
    # --study and --output-dir are one or the other
    with pytest.raises(SystemExit):
        main(["collect", str(returns), "--study", str(study), "--output-dir", str(tmp_path)])


def test_next_round_questionnaires_carry_the_panels_reasons_without_names(
    tmp_path, returns, framework
):
    """Controlled feedback: after collecting round 2, every round 3 questionnaire shows the
    reasons given for outlying scores and the comments of round 2 — the same sheet for
    every expert, no expert id, rows not in expert order — and collect reads it back."""
    from cslib.delphi.panel_reasons import PHRASES as RP

    written = collect(returns, tmp_path / "out")
    both = read_ratings(written["ratings_path"], framework)
    responses = read_responses(written["responses_path"])
    out = write_feedback_workbooks(
        both, 2, tmp_path / "r3", lang="zh", deadline="2027-01-10", responses=responses
    )
    reasons = outlier_reasons(responses, framework)
    comments = panel_comments(responses, framework)
    assert len(reasons) + len(comments) > 0
    sheets = []
    for expert, path in out.experts:
        wb = load_workbook(path)
        assert wb.sheetnames[1] == RP("sheet", "zh")  # right after the questionnaire
        ws = wb[RP("sheet", "zh")]
        assert ws.protection.sheet
        rows = [
            tuple(c for c in row)
            for row in ws.iter_rows(min_row=5, values_only=True)
            if row[0] is not None
        ]
        sheets.append(rows)
        cells = {str(v) for row in ws.iter_rows(values_only=True) for v in row if v}
        assert not cells & set(both.experts(2))  # no cell names an expert
        assert expert not in {str(v) for v in next(ws.iter_rows(min_row=4, values_only=True))}
    assert all(s == sheets[0] for s in sheets)  # every expert sees the same feedback
    assert len(sheets[0]) == len(reasons) + len(comments)
    got_reasons = sorted(r[4] for r in sheets[0] if r[3] is not None)
    assert got_reasons == sorted(reasons["reason"])
    # the questionnaire sheet is unchanged: the returned round 3 is collected as before
    back = tmp_path / "returns3"
    back.mkdir()
    for _, path in out.experts:
        fill(path, back / path.name)
    shutil.copy(out.summary, back / out.summary.name)
    third = collect_returns(back)
    assert third.round == 3 and len(third.responses) == 9 * len(framework.ids)
    # without responses (or of another round) the questionnaire has no such sheet
    plain = write_feedback_workbooks(both, 2, tmp_path / "r3b", lang="zh", deadline="2027-01-10")
    assert RP("sheet", "zh") not in load_workbook(plain.experts[0][1]).sheetnames


def _strip_check_sheet(path: Path, target: Path) -> None:
    """A questionnaire as report 01 wrote it before the check sheet existed."""
    wb = load_workbook(path)
    del wb[SHEET]
    wb.save(target)


def test_questionnaires_without_check_sheet_are_read_with_a_notice(
    tmp_path, sent, framework, capsys
):
    """Earlier questionnaires (no check sheet) are accepted when their layout agrees with
    the panel summary — the old code refused every one of them — and collect names them;
    a changed previous score in such a file is still reported."""
    old = tmp_path / "old"
    old.mkdir()
    for _, path in sent.experts:
        _strip_check_sheet(path, old / path.name)
    _strip_check_sheet(sent.summary, old / sent.summary.name)
    folder = tmp_path / "returns_old"
    folder.mkdir()
    for _, path in sent.experts:
        fill(old / path.name, folder / path.name)
    shutil.copy(old / sent.summary.name, folder / sent.summary.name)
    got = collect_returns(folder)
    assert got.round == 2 and len(got.legacy) == len(sent.experts) + 1
    assert got.responses["expert_id"].nunique() == 9
    assert sorted(got.ratings["round"].unique()) == [1, 2]
    r1 = round1(read_ratings(ROOT / "data_samples/delphi_ratings.csv", framework))
    mine = got.ratings[got.ratings["round"] == 1].sort_values(["expert_id", "indicator_id"])
    want = r1.data.sort_values(["expert_id", "indicator_id"])
    assert mine["score"].tolist() == want["score"].astype(int).tolist()
    assert main(["collect", str(folder), "--output-dir", str(tmp_path / "o")]) == 0
    printed = capsys.readouterr().out
    assert "旧版问卷（没有核对页）" in printed and sent.experts[0][1].name in printed
    # the previous score changed in one old file: named, nothing written
    first = folder / sent.experts[0][1].name
    wb = load_workbook(first)
    ws = wb.worksheets[0]
    before = ws[f"H{FIRST}"].value
    ws[f"H{FIRST}"] = 1 if before != 1 else 2
    wb.save(first)
    with pytest.raises(CollectError) as err:
        collect_returns(folder)
    rows = _rows(err.value)
    assert any(r[0] == first.name and r[2] == f"H{FIRST}" for r in rows), rows
