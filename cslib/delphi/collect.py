"""Collect a Delphi round's returned questionnaires: check every file, then write the round.

``cslib collect RETURNS_DIR --output-dir OUT`` (:func:`collect`) reads every workbook in a
folder of returned questionnaires (written by :func:`cslib.delphi.feedback.write_feedback_workbooks`,
i.e. by notebook 01), checks *all* of them, and either

* names every problem of every file at once — file, sheet, cell, what was expected and what
  was found, in Chinese or English — and writes nothing (:class:`CollectError`), or
* writes three files notebook 01 reads:

  ``delphi_round{N}_ratings.xlsx``
      every score of every round so far in the long format (``round, expert_id,
      indicator_id, score``): the earlier rounds from the panel summary's check sheet, round
      ``N`` from the returns — notebook 01's ``ratings_path``;
  ``delphi_round{N}_responses.xlsx``
      one row per returned score with the expert's reason and comment — ``responses_path``;
  ``delphi_round{N}_returns.xlsx``
      every invited expert with the file sent and whether it came back — ``returns_path``.

A workbook filled for another round or from another run of the questionnaire writer, one
returned twice (two files of one expert), one renamed, or one edited outside the score, reason
and comment cells is named and not merged.  What the writer wrote is known from the very hidden
check sheet of every questionnaire (:mod:`cslib.delphi.stamp`); who was invited and the earlier
rounds' scores from the check sheet of the panel summary, which notebook 01 writes beside the
questionnaires.

All checking is by hand: no library knows this questionnaire's layout.  openpyxl reads and
writes the workbooks.
"""

from __future__ import annotations

import io
import re
import unicodedata
import warnings
import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

from cslib.core.errors import InputError, Problem
from cslib.core.i18n import Phrases, check_lang
from cslib.core.io import atomic_path
from cslib.delphi.feedback import feedback_file_name, outside_iqr
from cslib.delphi.legacy import LEGACY_BATCH, check_legacy, legacy_stamp
from cslib.delphi.stamp import Stamp, StampError, canonical, read_stamp

PHRASES = Phrases(
    {
        # table columns
        "col_file": ("文件", "File"),
        "col_sheet": ("工作表", "Sheet"),
        "col_cell": ("单元格", "Cell"),
        "col_expected": ("应为", "Expected"),
        "col_found": ("实际", "Found"),
        "col_advice": ("处理办法", "What to do"),
        "heading": (
            "{n_files} 个文件中有 {n} 处问题，未写出任何文件。请全部改正后重新运行 cslib collect：",
            "{n} problem(s) in {n_files} file(s); nothing was written. Fix them all and run "
            "cslib collect again:",
        ),
        "what_to_do": ("处理办法：", "What to do:"),
        "empty": ("（空）", "(empty)"),
        "folder": ("（文件夹）", "(folder)"),
        # what was expected
        "exp_workbook": (
            "可以打开的 Excel 工作簿（.xlsx）",
            "an Excel workbook (.xlsx) that opens",
        ),
        "exp_ours": (
            "第 {round} 轮问卷（由报告 01 生成）",
            "a round {round} questionnaire written by report 01",
        ),
        "exp_round": ("第 {round} 轮的问卷", "a questionnaire of round {round}"),
        "exp_batch": (
            "与专家组汇总表同一批生成的问卷",
            "a questionnaire of the same batch as the panel summary",
        ),
        "exp_invited": ("受邀参加第 {round} 轮的专家", "an expert invited to round {round}"),
        "exp_once": ("每位专家只交回一个文件", "one file per expert"),
        "exp_name": ("文件名 {name}", "file name {name}"),
        "exp_sheet": ("工作表“{sheet}”", "worksheet '{sheet}'"),
        "exp_unchanged": ("未改动：{value}", "unchanged: {value}"),
        "exp_unchanged_more": ("以上之外的单元格也未改动", "no other cell changed either"),
        "exp_score": ("{lo}–{hi} 的整数", "a whole number from {lo} to {hi}"),
        "exp_typed": ("直接输入的数字，不是公式", "a typed number, not a formula"),
        "exp_summary": (
            "第 {round} 轮的专家组汇总表 delphi_round{round}_panel_summary.xlsx",
            "the panel summary delphi_round{round}_panel_summary.xlsx of round {round}",
        ),
        "exp_summary_any": (
            "专家组汇总表 delphi_round<轮次>_panel_summary.xlsx",
            "a panel summary delphi_round<N>_panel_summary.xlsx",
        ),
        "exp_one_summary": ("一个轮次的专家组汇总表", "the panel summary of one round"),
        "exp_returns": ("交回的问卷", "returned questionnaires"),
        # what was found
        "found_not_opened": ("无法打开：{why}", "cannot be opened: {why}"),
        "found_old_format": ("{suffix} 格式", "{suffix} format"),
        "found_no_check": (
            "不是报告 01 生成的问卷（没有核对页）",
            "not a questionnaire written by report 01 (no check sheet)",
        ),
        "found_summary": (
            "专家组汇总表（不是专家问卷）",
            "the panel summary (not a questionnaire)",
        ),
        "found_round": ("第 {round} 轮的问卷", "a questionnaire of round {round}"),
        "found_batch": ("另一批生成的问卷", "a questionnaire of another batch"),
        "found_expert": ("专家 {expert}", "expert {expert}"),
        "found_twice": ("专家 {expert} 也交回了 {other}", "expert {expert} also returned {other}"),
        "found_sheets": ("工作表：{sheets}", "worksheets: {sheets}"),
        "found_more": ("另有 {n} 个单元格被改动：{cells}", "{n} more cells changed: {cells}"),
        "found_none": ("未找到", "not found"),
        "found_rounds": ("第 {rounds} 轮的汇总表", "summaries of rounds {rounds}"),
        "found_no_returns": ("文件夹中没有问卷", "no questionnaire in the folder"),
        # what to do
        "do_workbook": (
            "用 Excel 或 WPS 打开该文件并“另存为” .xlsx 格式；不是问卷的文件请移出文件夹。",
            "Open the file in Excel or WPS and save it as .xlsx; move files that are not "
            "questionnaires out of the folder.",
        ),
        "do_ours": (
            "把不是交回问卷的文件移出文件夹；若专家把问卷复制到了新工作簿，请专家交回原文件。",
            "Move files that are not returned questionnaires out of the folder; if an expert "
            "copied the questionnaire into a new workbook, ask for the original file back.",
        ),
        "do_round": (
            "把其他轮次的问卷移出本轮的文件夹；若要收集另一轮，请用 --round 指定该轮。",
            "Move questionnaires of other rounds out of this round's folder; to collect another "
            "round, give it with --round.",
        ),
        "do_batch": (
            "该问卷不是与汇总表同一次生成的（例如旧版问卷）：请专家在本轮发出的问卷上重新填写，"
            "或用 --sent 指定生成这份问卷的报告文件夹。",
            "The questionnaire was not written in the same run as the panel summary (e.g. an "
            "older copy): ask the expert to fill in the questionnaire sent this round, or give "
            "the report folder that wrote it with --sent.",
        ),
        "do_invited": (
            "该专家不在本轮的发放名单中：确认文件来源，不属于本轮的请移出文件夹。",
            "The expert is not on this round's list: check where the file came from and move "
            "it out of the folder if it does not belong to this round.",
        ),
        "do_twice": (
            "同一专家的文件只保留最终版本，其余移出文件夹。",
            "Keep only the expert's final file in the folder and move the other(s) out.",
        ),
        "do_name": (
            "确认是该专家的问卷后，把文件改回应有的文件名。",
            "Check that the file is this expert's and rename it back to the expected name.",
        ),
        "do_unchanged": (
            "问卷中只有评分、理由、意见三列可以填写：请专家在原问卷上重新填写，或把其答案抄到报告"
            "文件夹中的原问卷上，再用原问卷替换该文件。",
            "Only the score, reason and comment columns may be filled in: ask the expert to "
            "fill in the original questionnaire again, or copy their answers into the original "
            "from the report folder and put that file in place of this one.",
        ),
        "do_score": (
            "请专家补全或改正评分；或把该文件移出文件夹（该专家计为未交回）。",
            "Ask the expert to complete or correct the score, or move the file out of the "
            "folder (the expert then counts as not returned).",
        ),
        "do_summary": (
            "把报告 01 在问卷旁写出的汇总表复制到交回文件夹，或用 --sent 指定报告 01 写出问卷的"
            "文件夹（例如 reports/delphi_round2_questionnaires）。",
            "Copy the panel summary report 01 wrote beside the questionnaires into the returns "
            "folder, or give the folder report 01 wrote the questionnaires to with --sent (e.g. "
            "reports/delphi_round2_questionnaires).",
        ),
        "do_one_summary": (
            "用 --round 指定要收集的轮次。",
            "Give the round to collect with --round.",
        ),
        "do_returns": (
            "把专家交回的问卷文件（.xlsx）放入该文件夹。",
            "Put the questionnaire files (.xlsx) the experts returned into the folder.",
        ),
        # console lines on success
        "written": ("已写出 {path}", "wrote {path}"),
        "returned_line": (
            "第 {round} 轮：发出 {sent} 份，交回 {returned} 份。",
            "Round {round}: {sent} sent, {returned} returned.",
        ),
        "missing_line": ("未交回：{experts}", "Not returned: {experts}"),
        "reasons_line": (
            "{n} 个评分仍在四分位区间外但未说明理由（见 {file} 的 reason_missing 列）。",
            "{n} score(s) still outside the IQR without a reason (column reason_missing of "
            "{file}).",
        ),
        "ignored_line": ("已跳过（不是工作簿）：{files}", "Skipped (not workbooks): {files}"),
        "next_line": ("下一步：", "Next:"),
        "next_invited": (
            "（N 为第一轮发出的问卷数；以后各轮的发放和交回人数由 returns 文件给出。）",
            "(N is the number of questionnaires sent in round 1; the later rounds' sent and "
            "returned counts come from the returns file.)",
        ),
        "conflict": (
            "{path} 已存在且内容不同（可能是另一次收集的结果）：请换一个 --output-dir，或加 "
            "--replace 替换。",
            "{path} exists with other content (perhaps another collection): choose another "
            "--output-dir, or pass --replace.",
        ),
    }
)

_WORKBOOK = {".xlsx", ".xlsm"}
_OTHER_SHEETS = {".xls", ".et", ".ods", ".numbers", ".csv", ".wps"}
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")
_MAX_CELLS = 10  # changed protected cells listed one by one per file; the rest in one row


@dataclass(frozen=True)
class Text:
    """A phrase key and its fields, put into words in the language of the run."""

    key: str
    fields: tuple[tuple[str, object], ...] = ()

    def __call__(self, lang: str) -> str:
        return PHRASES(self.key, lang, **dict(self.fields))


def _t(key: str, **fields: object) -> Text:
    return Text(key, tuple(fields.items()))


@dataclass(frozen=True)
class ReturnProblem:
    """One problem in a folder of returns: where it is, what was expected and what was found.

    ``found`` is either the text of the cell (shown as is) or a :class:`Text`.
    """

    file: str
    sheet: str
    cell: str
    expected: Text
    found: Text | str
    advice: str  # a key of the "do_…" phrases

    def row(self, lang: str) -> dict[str, str]:
        found = self.found(lang) if isinstance(self.found, Text) else self.found
        return {
            "file": self.file,
            "sheet": self.sheet,
            "cell": self.cell,
            "expected": self.expected(lang),
            "found": found if found != "" else PHRASES("empty", lang),
        }


@dataclass
class CollectError(InputError):
    """Every problem of every returned questionnaire, found in one pass.

    ``table(lang)`` gives them as a frame (file, sheet, cell, expected, found), ``text(lang)``
    as the message ``cslib collect`` prints.
    """

    rows: tuple[ReturnProblem, ...] = ()

    def __str__(self) -> str:
        return self.text("en")

    __hash__ = object.__hash__

    def table(self, lang: str = "zh") -> pd.DataFrame:
        """The problems, one row each, with headers in ``lang``."""
        lang = check_lang(lang)
        frame = pd.DataFrame(
            [p.row(lang) for p in self.rows],
            columns=["file", "sheet", "cell", "expected", "found"],
        )
        return frame.rename(columns={c: PHRASES(f"col_{c}", lang) for c in frame.columns})

    def advice(self, lang: str = "zh") -> list[str]:
        """What to do, once per kind of problem, in the order the kinds first appear."""
        return [PHRASES(k, lang) for k in dict.fromkeys(p.advice for p in self.rows)]

    def text(self, lang: str = "zh") -> str:
        """The heading, the table (aligned, CJK-aware) and what to do, numbered: the last
        column of each row gives the number of the advice that applies."""
        table = self.table(lang)
        kinds = list(dict.fromkeys(p.advice for p in self.rows))
        table[PHRASES("col_advice", lang)] = [str(kinds.index(p.advice) + 1) for p in self.rows]
        n_files = len({p.file for p in self.rows})
        lines = [PHRASES("heading", lang, n=len(self.rows), n_files=n_files), ""]
        lines += _aligned(table)
        lines += ["", PHRASES("what_to_do", lang)]
        for k, advice in enumerate(self.advice(lang), start=1):
            wrapped = _wrap(advice, 96)
            lines.append(f"  {k}. {wrapped[0]}")
            lines += [f"     {more}" for more in wrapped[1:]]
        return "\n".join(lines)


def _wrap(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` columns (CJK characters count two), broken at a space where
    there is one (English) or between characters (Chinese)."""
    lines: list[str] = []
    line = ""
    for ch in text:
        if _width(line + ch) > width:
            cut = line.rfind(" ")
            if cut > width // 2:
                lines.append(line[:cut])
                line = line[cut + 1 :]
            else:
                lines.append(line)
                line = ""
            if ch == " " and not line:
                continue
        line += ch
    return lines + [line] if line else lines


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _clip(text: str, limit: int = 48) -> str:
    """One line of at most ``limit`` columns; a longer text ends in "..." (marked, not silent)."""
    text = text.replace("\n", " / ")
    if _width(text) <= limit:
        return text
    out = ""
    for ch in text:
        if _width(out + ch) > limit - 3:
            break
        out += ch
    return out + "..."


def _aligned(frame: pd.DataFrame) -> list[str]:
    cells = [[_clip(str(c)) for c in frame.columns]] + [
        [_clip(str(v)) for v in row] for row in frame.itertuples(index=False)
    ]
    widths = [max(_width(r[k]) for r in cells) for k in range(frame.shape[1])]

    def line(r: list[str]) -> str:
        return "  ".join(v + " " * (w - _width(v)) for v, w in zip(r, widths, strict=True)).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return [line(cells[0]), rule] + [line(r) for r in cells[1:]]


@dataclass(frozen=True)
class Collected:
    """A checked round of returns (what :func:`collect_returns` found).

    Attributes
    ----------
    round : int
        The round the questionnaires were for.
    scale : (int, int)
    ratings : DataFrame
        ``round, expert_id, indicator_id, score``: every earlier round (from the panel
        summary) and this round's returned scores.
    responses : DataFrame
        ``round, expert_id, indicator_id, previous, q1, q3, flagged, score, reason, comment,
        reason_missing, file``; ``reason_missing`` marks a flagged score still outside the
        panel IQR without a reason.
    returns : DataFrame
        ``round, expert_id, file, returned``: every invited expert.
    skipped : tuple of str
        Files in the folder that are not workbooks (left alone).
    """

    round: int
    scale: tuple[int, int]
    ratings: pd.DataFrame
    responses: pd.DataFrame
    returns: pd.DataFrame
    skipped: tuple[str, ...] = ()
    legacy: tuple[str, ...] = ()  # read without a check sheet (cslib.delphi.legacy)

    @property
    def not_returned(self) -> list[str]:
        """Invited experts whose questionnaire is not in the folder."""
        return self.returns.loc[~self.returns["returned"], "expert_id"].tolist()


@dataclass
class _Opened:
    path: Path
    stamp: Stamp | None
    wb: Workbook | None
    problems: list[ReturnProblem] = field(default_factory=list)


def _open(path: Path, shown: str) -> _Opened:
    """Open one workbook and read its check sheet; a file that is neither is a problem."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl's notes on extensions it does not read
            wb = load_workbook(path, data_only=False)
    except Exception as exc:  # any file openpyxl cannot read is named, never a traceback
        why = type(exc).__name__ if not str(exc) else str(exc).splitlines()[0][:60]
        problem = ReturnProblem(
            shown, "", "", _t("exp_workbook"), _t("found_not_opened", why=why), "do_workbook"
        )
        return _Opened(path, None, None, [problem])
    try:
        return _Opened(path, read_stamp(wb), wb)
    except StampError:
        return _Opened(path, None, wb)


def _find_summaries(folders: list[Path]) -> list[tuple[Path, Stamp]]:
    out = []
    for folder in folders:
        if folder.is_file():
            candidates = [folder]
        else:  # the summary by its name first; any workbook only if it was renamed
            every = sorted(p for p in folder.glob("*.xlsx") if not p.name.startswith(("~$", ".")))
            named = [p for p in every if p.name.endswith("_panel_summary.xlsx")]
            candidates = named or every
        for path in candidates:
            opened = _open(path, path.name)
            if opened.stamp is not None and opened.stamp.kind == "summary":
                out.append((path, opened.stamp))
            if opened.wb is not None:
                opened.wb.close()
    return out


def _score(value: object, lo: int, hi: int) -> int | None:
    text = canonical(value).strip()
    try:
        number = float(text)
    except ValueError:
        return None
    if number.is_integer() and lo <= number <= hi:
        return int(number)
    return None


def _check_cells(opened: _Opened, shown: str, summary: Stamp) -> list[dict[str, Any]]:
    """Compare the protected cells with the check sheet and read the inputs; rows of answers."""
    stamp = opened.stamp
    wb = opened.wb
    assert stamp is not None and wb is not None and stamp.cells is not None
    if stamp.sheet not in wb.sheetnames:
        opened.problems.append(
            ReturnProblem(
                shown,
                "",
                "",
                _t("exp_sheet", sheet=stamp.sheet),
                _t(
                    "found_sheets", sheets=", ".join(s for s in wb.sheetnames if s != "cslib_check")
                ),
                "do_unchanged",
            )
        )
        return []
    ws = wb[stamp.sheet]
    inputs = set(stamp.input_columns)
    changed: list[tuple[str, str, str]] = []
    seen = set()
    for row in ws.iter_rows():
        for cell in row:
            if not hasattr(cell, "column_letter"):
                continue
            ref = cell.coordinate
            if stamp.first_row <= cell.row <= stamp.last_row and cell.column in inputs:
                continue
            seen.add(ref)
            found = canonical(cell.value)
            if found != stamp.cells.get(ref, ""):
                changed.append((ref, stamp.cells.get(ref, ""), found))
    for ref, text in stamp.cells.items():
        if ref not in seen:
            changed.append((ref, text, ""))
    changed.sort(key=lambda c: _cell_order(c[0]))
    for ref, want, found in changed[:_MAX_CELLS]:
        opened.problems.append(
            ReturnProblem(
                shown,
                ws.title,
                ref,
                _t("exp_unchanged", value=want if want else "—"),
                found,
                "do_unchanged",
            )
        )
    if len(changed) > _MAX_CELLS:
        rest = [c[0] for c in changed[_MAX_CELLS:]]
        opened.problems.append(
            ReturnProblem(
                shown,
                ws.title,
                f"{rest[0]}…{rest[-1]}",
                _t("exp_unchanged_more"),
                _t("found_more", n=len(rest), cells=", ".join(rest)),
                "do_unchanged",
            )
        )
    lo, hi = stamp.scale
    score_col, reason_col, comment_col = stamp.input_columns
    rows = []
    for r in range(stamp.first_row, stamp.last_row + 1):
        ident = stamp.cells.get(f"A{r}", "")
        raw = ws.cell(row=r, column=score_col)
        ref = raw.coordinate
        if raw.data_type == "f" or (isinstance(raw.value, str) and raw.value.startswith("=")):
            opened.problems.append(
                ReturnProblem(shown, ws.title, ref, _t("exp_typed"), str(raw.value), "do_score")
            )
            continue
        score = _score(raw.value, lo, hi)
        if score is None:
            opened.problems.append(
                ReturnProblem(
                    shown,
                    ws.title,
                    ref,
                    _t("exp_score", lo=lo, hi=hi),
                    canonical(raw.value),
                    "do_score",
                )
            )
            continue
        rows.append(
            {
                "round": stamp.round,
                "expert_id": stamp.expert,
                "indicator_id": ident,
                "previous": int(stamp.cells.get(f"H{r}", "0")),
                "q1": float(stamp.cells.get(f"F{r}", "nan")),
                "q3": float(stamp.cells.get(f"G{r}", "nan")),
                "flagged": stamp.cells.get(f"I{r}", "") != "",
                "score": score,
                "reason": _free_text(ws.cell(row=r, column=reason_col).value),
                "comment": _free_text(ws.cell(row=r, column=comment_col).value),
                "file": shown,
            }
        )
    return rows


def _free_text(value: object) -> str:
    return "" if value is None else str(value).strip()


def _cell_order(ref: str) -> tuple[int, int]:
    match = re.fullmatch(r"([A-Z]+)(\d+)", ref)
    if match is None:
        return (0, 0)
    letters, digits = match.groups()
    column = 0
    for ch in letters:
        column = column * 26 + ord(ch) - 64
    return (int(digits), column)


def collect_returns(
    returns_dir: str | Path,
    *,
    round: int | None = None,
    sent: str | Path | None = None,
) -> Collected:
    """Check every returned questionnaire in ``returns_dir`` and read the round.

    Parameters
    ----------
    returns_dir : str or Path
        Folder of the workbooks the experts returned (sub-folders are not read; files that
        are not workbooks are skipped and listed in ``Collected.skipped``).
    round : int, optional
        The round to collect; default: the round of the panel summary found.
    sent : str or Path, optional
        The folder report 01 wrote the questionnaires to (or its panel summary file), used
        when the panel summary is not in ``returns_dir``.

    Returns
    -------
    Collected

    Raises
    ------
    CollectError
        Every problem of every file at once (see the module docstring).

    Examples
    --------
    >>> import tempfile
    >>> try:
    ...     collect_returns(tempfile.mkdtemp())
    ... except CollectError as exc:
    ...     print(exc.table("en").iloc[0, 3])
    a panel summary delphi_round<N>_panel_summary.xlsx
    """
    folder = Path(returns_dir)
    shown_folder = folder.name or str(folder)
    if not folder.is_dir():
        raise CollectError(
            folder,
            [Problem("a folder of returned questionnaires", None, None, str(folder))],
            rows=(
                ReturnProblem(
                    str(folder), "", "", _t("exp_returns"), _t("found_none"), "do_returns"
                ),
            ),
        )
    files = sorted(
        (p for p in folder.iterdir() if p.is_file() and not p.name.startswith(("~$", "."))),
        key=lambda p: p.name,
    )
    problems: list[ReturnProblem] = []
    skipped = []
    opened: list[_Opened] = []
    summaries: list[tuple[Path, Stamp]] = []
    legacy_files: list[str] = []
    for path in files:
        suffix = path.suffix.lower()
        if suffix in _OTHER_SHEETS:
            problems.append(
                ReturnProblem(
                    path.name,
                    "",
                    "",
                    _t("exp_workbook"),
                    _t("found_old_format", suffix=suffix),
                    "do_workbook",
                )
            )
            continue
        if suffix not in _WORKBOOK:
            skipped.append(path.name)
            continue
        o = _open(path, path.name)
        if o.stamp is None and o.wb is not None:  # written before the check sheet existed
            o.stamp = legacy_stamp(o.wb)
            if o.stamp is not None:
                legacy_files.append(path.name)
        if o.stamp is not None and o.stamp.kind == "summary":
            summaries.append((path, o.stamp))
            continue
        opened.append(o)
    if sent is not None:
        summaries += _find_summaries([Path(sent)])
    # the round and the panel summary of the batch being collected
    rounds = sorted({s.round for _, s in summaries})
    summary: Stamp | None = None
    if round is not None:
        chosen = [s for _, s in summaries if s.round == round]
        if not chosen:
            problems.insert(
                0,
                ReturnProblem(
                    shown_folder,
                    "",
                    "",
                    _t("exp_summary", round=round),
                    _t("found_none"),
                    "do_summary",
                ),
            )
        else:
            summary = chosen[-1]
    elif len(rounds) > 1:
        problems.insert(
            0,
            ReturnProblem(
                shown_folder,
                "",
                "",
                _t("exp_one_summary"),
                _t("found_rounds", rounds=", ".join(map(str, rounds))),
                "do_one_summary",
            ),
        )
    elif rounds:
        summary = summaries[-1][1]
    else:
        problems.insert(
            0,
            ReturnProblem(
                shown_folder, "", "", _t("exp_summary_any"), _t("found_none"), "do_summary"
            ),
        )
    if summary is not None and summary.batch == LEGACY_BATCH:  # its scale: the questionnaires'
        scales = sorted({o.stamp.scale for o in opened if o.stamp and o.stamp.kind == "expert"})
        if scales:
            summary = replace(summary, scale=scales[0])
    if not opened and not problems:
        problems.append(
            ReturnProblem(
                shown_folder, "", "", _t("exp_returns"), _t("found_no_returns"), "do_returns"
            )
        )
    answers: list[dict[str, Any]] = []
    by_expert: dict[str, list[str]] = {}
    want = summary.round if summary is not None else round
    for o in opened:
        shown = o.path.name
        stamp = o.stamp
        if o.wb is None:
            problems += o.problems
            continue
        if stamp is None or stamp.kind != "expert":
            exp = _t("exp_ours", round=want) if want is not None else _t("exp_ours", round="N")
            problems.append(ReturnProblem(shown, "", "", exp, _t("found_no_check"), "do_ours"))
            o.wb.close()
            continue
        if want is not None and stamp.round != want:
            problems.append(
                ReturnProblem(
                    shown,
                    "",
                    "",
                    _t("exp_round", round=want),
                    _t("found_round", round=stamp.round),
                    "do_round",
                )
            )
            o.wb.close()
            continue
        if summary is not None and stamp.batch != summary.batch:
            problems.append(
                ReturnProblem(shown, "", "", _t("exp_batch"), _t("found_batch"), "do_batch")
            )
            o.wb.close()
            continue
        if summary is not None and summary.invited is not None:
            if stamp.expert not in summary.invited:
                problems.append(
                    ReturnProblem(
                        shown,
                        "",
                        "",
                        _t("exp_invited", round=stamp.round),
                        _t("found_expert", expert=stamp.expert),
                        "do_invited",
                    )
                )
                o.wb.close()
                continue
        by_expert.setdefault(stamp.expert, []).append(shown)
        expected_name = feedback_file_name(stamp.round, stamp.expert)
        if shown != expected_name:
            o.problems.append(
                ReturnProblem(shown, "", "", _t("exp_name", name=expected_name), shown, "do_name")
            )
        if summary is not None and stamp.batch == LEGACY_BATCH:
            for cell, written, found in check_legacy(stamp, summary):
                o.problems.append(
                    ReturnProblem(
                        shown, stamp.sheet, cell, _t("exp_unchanged", value=written), found,
                        "do_unchanged",
                    )
                )  # fmt: skip
        if summary is not None:
            answers += _check_cells(o, shown, summary)
        o.wb.close()
    for expert, names in by_expert.items():
        if len(names) > 1:
            for name in names:
                others = ", ".join(n for n in names if n != name)
                problems.append(
                    ReturnProblem(
                        name,
                        "",
                        "",
                        _t("exp_once"),
                        _t("found_twice", expert=expert, other=others),
                        "do_twice",
                    )
                )
    for o in opened:
        problems += [p for p in o.problems if o.wb is not None]
    if problems:
        order = {name: k for k, name in enumerate([shown_folder] + [p.name for p in files])}
        problems.sort(key=lambda p: order.get(p.file, len(order)))  # stable: file, then found
        raise CollectError(
            folder,
            [
                Problem(p.expected("en"), None, p.cell or None, p.row("en")["found"])
                for p in problems
            ],
            rows=tuple(problems),
        )
    assert summary is not None and summary.invited is not None and summary.ratings is not None
    responses = pd.DataFrame(answers)
    responses["score"] = responses["score"].astype(int)
    still = pd.Series(
        outside_iqr(responses["score"], responses["q1"], responses["q3"]), index=responses.index
    )
    responses.insert(
        len(responses.columns) - 1,
        "reason_missing",
        responses["flagged"] & still & (responses["reason"] == ""),
    )
    order = {e: k for k, e in enumerate(summary.invited)}
    responses = responses.sort_values(
        "expert_id", key=lambda s: s.map(order), kind="stable"
    ).reset_index(drop=True)
    returned = set(responses["expert_id"])
    returns = pd.DataFrame(
        {
            "round": summary.round,
            "expert_id": list(summary.invited),
            "file": list(summary.invited.values()),
            "returned": [e in returned for e in summary.invited],
        }
    )
    ratings = pd.concat(
        [
            summary.ratings,
            responses[["round", "expert_id", "indicator_id", "score"]],
        ],
        ignore_index=True,
    )
    return Collected(
        round=summary.round,
        scale=summary.scale,
        ratings=ratings,
        responses=responses,
        returns=returns,
        skipped=tuple(skipped),
        legacy=tuple(legacy_files),
    )


def output_names(round: int) -> dict[str, str]:
    """File names :func:`write_collected` uses, by the notebook 01 parameter each one feeds.

    Examples
    --------
    >>> output_names(2)["ratings_path"]
    'delphi_round2_ratings.xlsx'
    """
    return {
        "ratings_path": f"delphi_round{round}_ratings.xlsx",
        "responses_path": f"delphi_round{round}_responses.xlsx",
        "returns_path": f"delphi_round{round}_returns.xlsx",
    }


def _workbook_bytes(frame: pd.DataFrame, sheet: str) -> bytes:
    """An XLSX of ``frame`` whose text cells are text (a value never starts a formula), with
    fixed timestamps so the same frame gives the same bytes."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = sheet
    for c, head in enumerate(frame.columns, start=1):
        ws.cell(row=1, column=c, value=str(head))
    for r, row in enumerate(frame.itertuples(index=False), start=2):
        for c, value in enumerate(row, start=1):
            if hasattr(value, "item"):
                value = value.item()
            cell = ws.cell(row=r, column=c, value=value)
            if isinstance(value, str):
                cell.data_type = "s"
    for c, head in enumerate(frame.columns, start=1):
        longest = max([len(str(head))] + [len(str(v)) for v in frame.iloc[:, c - 1]])
        ws.column_dimensions[get_column_letter(c)].width = min(max(10, longest + 2), 60)
    ws.freeze_panes = "A2"
    wb.properties.creator = "cslib"
    fixed = pd.Timestamp("2000-01-01").to_pydatetime()
    wb.properties.created = fixed
    wb.properties.modified = fixed
    raw = io.BytesIO()
    wb.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed_info = zipfile.ZipInfo(info.filename, date_time=(2000, 1, 1, 0, 0, 0))
            fixed_info.compress_type = zipfile.ZIP_DEFLATED
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the time of saving
                data = _MODIFIED.sub(rb"\g<1>2000-01-01T00:00:00Z\g<2>", data)
            dst.writestr(fixed_info, data)
    return out.getvalue()


class OutputConflict(InputError):
    """An output file exists with other content and ``replace`` was not given."""


def write_collected(
    collected: Collected, output_dir: str | Path, *, replace: bool = False, lang: str = "zh"
) -> dict[str, Path]:
    """Write the ratings, responses and returns files; ``{notebook 01 parameter: path}``.

    An existing file with the same content is left as it is; one with other content is
    refused (:class:`OutputConflict`) unless ``replace``.  Each file is written atomically.
    """
    lang = check_lang(lang)
    folder = Path(output_dir)
    names = output_names(collected.round)
    frames = {
        "ratings_path": (collected.ratings, "ratings"),
        "responses_path": (collected.responses, "responses"),
        "returns_path": (collected.returns, "returns"),
    }
    content = {key: _workbook_bytes(frame, sheet) for key, (frame, sheet) in frames.items()}
    targets = {key: folder / names[key] for key in frames}
    conflicts = [
        t
        for key, t in targets.items()
        if t.exists() and t.read_bytes() != content[key] and not replace
    ]
    if conflicts:
        raise OutputConflict(
            conflicts[0],
            [Problem(PHRASES("conflict", lang, path=t), None, None, None) for t in conflicts],
        )
    for key, target in targets.items():
        if target.exists() and target.read_bytes() == content[key]:
            continue
        with atomic_path(target) as tmp:
            tmp.write_bytes(content[key])
    return targets


def collect(
    returns_dir: str | Path,
    output_dir: str | Path,
    *,
    round: int | None = None,
    sent: str | Path | None = None,
    replace: bool = False,
    lang: str = "zh",
) -> dict[str, Path]:
    """Check a folder of returned questionnaires and write the round for notebook 01.

    Returns ``{notebook 01 parameter: written path}`` (``ratings_path``, ``responses_path``,
    ``returns_path``).  Raises :class:`CollectError` naming every problem of every file, with
    nothing written, when any file is wrong.
    """
    collected = collect_returns(returns_dir, round=round, sent=sent)
    return write_collected(collected, output_dir, replace=replace, lang=lang)
