"""Controlled feedback: the next round's questionnaire, one workbook per expert.

Each expert receives a workbook of their own holding the panel's median and
interquartile range (Q1–Q3) from the finished round and *that expert's* previous
score — never another expert's score (anonymity is what makes a Delphi panel a
Delphi panel; Hasson, Keeney & McKenna 2000).  Where the expert's score lies
outside the panel IQR (below Q1 or above Q3) the row is flagged and the expert is
asked for a reason if they keep a score outside the IQR (controlled feedback;
Hsu & Sandford 2007, "The Delphi technique", *Practical Assessment, Research &
Evaluation*, 12(10)).

The study lead gets a separate panel summary workbook that holds everyone's
scores and flags, and, optionally, a zip archive of the expert workbooks.

openpyxl writes the workbooks; what it does not do (the questionnaire layout,
refusing to replace another round's file, checking returned answers) is written
here by hand.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
import zipfile
from collections.abc import Iterable
from copy import copy
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from cslib.core.errors import InputError, Problem
from cslib.core.filenames import file_name_part
from cslib.core.i18n import check_lang, pick
from cslib.core.inert import save_workbook
from cslib.core.io import atomic_path
from cslib.core.notices import Notice
from cslib.delphi.io import Ratings
from cslib.delphi.phrases import PHRASES
from cslib.delphi.stamp import batch_digest, stamp_questionnaire, stamp_summary
from cslib.delphi.statistics import indicator_statistics

# Phrases of the questionnaire workbooks (headers, title, instructions).  Numbers and the
# scale come from the data and parameters through ``{…}`` fields.

HEADER_ROW = 6
"""Row of the column headers in an expert workbook (rows 1–5: title, expert, deadline,
instructions); data rows start below it.  Printed at the top of every page."""

_CATEGORY = "cslib-delphi-feedback"
_THIN = Side(style="thin", color="999999")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
_MISSING_FILL = PatternFill("solid", fgColor="F4B6B6")
_HEAD_FILL = PatternFill("solid", fgColor="D9E1F2")


@dataclass(frozen=True)
class FeedbackWorkbooks:
    """The files :func:`write_feedback_workbooks` wrote.

    Attributes
    ----------
    round : int
        The round the questionnaires are for (the finished round + 1).
    experts : tuple of (str, Path)
        ``(expert_id, workbook)`` for every expert, in the ratings' expert order.
    summary : Path
        The panel summary for the study lead (holds every expert's scores).
    zip : Path or None
        Zip archive of the expert workbooks, if asked for.
    n_flagged : int
        Scores outside the panel IQR (a reason is asked for each).
    """

    round: int
    experts: tuple[tuple[str, Path], ...]
    summary: Path
    zip: Path | None
    n_flagged: int


def outside_iqr(scores: np.ndarray, q1: np.ndarray, q3: np.ndarray) -> np.ndarray:
    """True where a score lies outside the panel interquartile range (below Q1 or above Q3).

    Examples
    --------
    >>> outside_iqr(np.array([3, 4, 5]), 3.5, 5.0).tolist()
    [True, False, False]
    """
    return (np.asarray(scores) < np.asarray(q1)) | (np.asarray(scores) > np.asarray(q3))


def feedback_flags(ratings: Ratings, round: int) -> pd.DataFrame:
    """Experts whose score lies outside the panel IQR, per indicator (long format).

    Columns ``expert_id, indicator_id, score, q1, q3``; sorted by expert then framework
    order.  These experts are asked for a reason in the next round's questionnaire.
    """
    st = indicator_statistics(ratings, round).set_index("indicator_id")
    ids = list(st.index)
    scores = ratings.matrix(round, ids)
    mask = outside_iqr(scores.to_numpy(), st["q1"].to_numpy(), st["q3"].to_numpy())
    e, k = np.nonzero(mask)
    return pd.DataFrame(
        {
            "expert_id": scores.index.to_numpy()[e],
            "indicator_id": np.array(ids)[k],
            "score": scores.to_numpy()[e, k],
            "q1": st["q1"].to_numpy()[k],
            "q3": st["q3"].to_numpy()[k],
        }
    )


def round_after(last_round: int) -> int:
    """The round whose questionnaires follow ``last_round`` (the last round analysed).

    Examples
    --------
    >>> round_after(2)
    3
    """
    if isinstance(last_round, bool) or not isinstance(last_round, (int, np.integer)):
        raise TypeError(f"a round is a whole number, not {last_round!r}")
    if last_round < 1:
        raise ValueError(f"rounds are numbered from 1, not {last_round}")
    return int(last_round) + 1


def feedback_file_name(next_round: int, expert_id: str) -> str:
    """File name of an expert's questionnaire: round and expert id, filesystem-safe.

    Examples
    --------
    >>> feedback_file_name(3, "E05")
    'delphi_round3_expert_E05.xlsx'
    """
    return f"delphi_round{next_round}_expert_{file_name_part(expert_id)}.xlsx"


def summary_file_name(next_round: int) -> str:
    """File name of the study lead's panel summary (``delphi_round{n}_panel_summary.xlsx``)."""
    return f"delphi_round{next_round}_panel_summary.xlsx"


def _deadline_text(deadline: dt.date | str | None) -> str | None:
    if deadline is None:
        return None
    if isinstance(deadline, dt.datetime):
        return deadline.date().isoformat()
    if isinstance(deadline, dt.date):
        return deadline.isoformat()
    if isinstance(deadline, str):
        try:
            return dt.date.fromisoformat(deadline.strip()).isoformat()
        except ValueError:
            pass
    raise InputError.single(None, "expected a date YYYY-MM-DD", column="deadline", found=deadline)


def _definitions(ratings: Ratings, ids: list[str], lang: str) -> list[str]:
    """The definition text of each indicator in ``ids``."""
    table = ratings.framework.table.set_index("id")
    out = []
    for indicator_id in ids:
        row = table.loc[indicator_id]
        zh, en = str(row["definition_zh"] or ""), str(row["definition_en"] or "")
        # zh+en: one line each; a missing definition falls back to the other language
        out.append(pick(zh, en, lang, sep="\n") or en or zh)
    return out


def _load(path: Path) -> Workbook | None:
    """The workbook opened read-only; ``None`` if the file is not a workbook at all."""
    try:
        return load_workbook(path, read_only=True)
    except Exception:  # not a workbook at all: treat as someone else's file
        return None


def _workbook_round(wb: Workbook | None) -> int | None:
    """The round a workbook of ours was made for; ``None`` if it is not one of ours."""
    if wb is None:
        return None
    props = wb.properties
    if props.category != _CATEGORY or not props.identifier:
        return None
    match = re.fullmatch(r"round=(\d+)(;.*)?", props.identifier)
    return int(match.group(1)) if match else None


def _recorded_round(path: Path) -> int | None:
    """The round the workbook at ``path`` was made for; ``None`` if it is not one of ours."""
    wb = _load(path)
    if wb is not None:
        wb.close()
    return _workbook_round(wb)


def _has_answers(wb: Workbook) -> bool:
    """Whether a returned expert workbook has any score, reason or comment filled in."""
    ws = wb.worksheets[0]
    inputs = _input_columns(ws)
    return any(
        any(row[c - 1] not in (None, "") for c in inputs if c - 1 < len(row))
        for row in ws.iter_rows(min_row=HEADER_ROW + 1, values_only=True)
    )


def _input_columns(ws: Worksheet) -> list[int]:
    n = ws.max_column or 0
    return [n - 2, n - 1, n]  # new score, reason, comment are the last three columns


def _zip_round(path: Path) -> int | None:
    try:
        with zipfile.ZipFile(path) as zf:
            comment = zf.comment.decode(errors="replace")
    except (OSError, zipfile.BadZipFile):
        return None
    match = re.fullmatch(rf"{_CATEGORY} round=(\d+)", comment)
    return int(match.group(1)) if match else None


def _check_target(path: Path, next_round: int, replace: bool) -> None:
    if not path.exists() or replace:
        return
    wb = _load(path)  # opened once for the round and the answers
    try:
        _check_existing(wb, path, next_round)
    finally:
        if wb is not None:
            wb.close()


def _check_existing(wb: Workbook | None, path: Path, next_round: int) -> None:
    recorded = _workbook_round(wb)
    if recorded != next_round:
        made = (
            f"a workbook made for round {recorded}"
            if recorded is not None
            else "a file not made by write_feedback_workbooks"
        )
        raise InputError.single(
            path,
            f"refusing to replace {made} with one for round {next_round}; "
            "choose another folder or pass replace=True",
            found=recorded,
        )
    assert wb is not None  # a workbook of ours: it opened
    if path.name != summary_file_name(next_round) and _has_answers(wb):
        raise InputError.single(
            path,
            "refusing to replace a questionnaire that already holds an expert's answers; "
            "choose another folder or pass replace=True",
        )


def _text_width(text: str) -> int:
    """Display width in Excel character units: CJK characters count double."""
    return sum(2 if "\u2e80" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" else 1 for ch in text)


def _lines(value: object, width: float) -> int:
    """Lines a wrapped cell needs; openpyxl and LibreOffice do not fit row heights."""
    if value is None:
        return 1
    usable = max(width - 1.5, 1.0)
    return sum(max(1, -(-_text_width(part) // int(usable))) for part in str(value).split("\n"))


def _same_style(cell: Cell, template: Cell) -> None:
    """Give ``cell`` the style of ``template`` (a cell of the same sheet).

    openpyxl stores a cell's style as indices into the workbook's font, fill, border, … lists;
    assigning a style object hashes it to find its index, which dominated the time of writing
    the questionnaires.  Copying the indices is what openpyxl's own worksheet copier does
    (``openpyxl.worksheet.copier``) and gives the same file."""
    number_format = cell.number_format  # set by the value for dates; keep it
    cell._style = copy(template._style)
    if cell.number_format != number_format:
        cell.number_format = number_format


def _style_header(ws: Worksheet, row: int, ncol: int) -> None:
    for c in range(1, ncol + 1):
        cell = ws.cell(row=row, column=c)
        cell.font = Font(bold=True)
        cell.fill = _HEAD_FILL
        cell.border = _BOX
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")


def _print_setup(ws: Worksheet, header_row: int, footer: str, lang: str) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages tall as needed
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.print_options.gridLines = False
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.oddFooter.left.text = footer
    ws.oddFooter.right.text = PHRASES("fb_page", lang)
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)


def _properties(wb: Workbook, title: str, next_round: int, who: str) -> None:
    wb.properties.title = title
    wb.properties.category = _CATEGORY
    wb.properties.identifier = f"round={next_round};{who}"
    wb.properties.creator = "cslib"
    fixed = dt.datetime(2000, 1, 1)  # fixed timestamps: the same input gives the same file
    wb.properties.created = fixed
    wb.properties.modified = fixed


def _expert_workbook(
    ratings: Ratings,
    st: pd.DataFrame,
    expert: str,
    own: np.ndarray,
    prev: int,
    lang: str,
    deadline: str | None,
    definitions: list[str],
) -> Workbook:
    fw = ratings.framework
    lo, hi = ratings.scale
    nxt = prev + 1
    ids = list(st.index)
    heads = [
        PHRASES("fb_indicator_id", lang),
        PHRASES("fb_level", lang),
        PHRASES("fb_name", lang),
        PHRASES("fb_definition", lang),
        PHRASES("fb_median", lang),
        PHRASES("fb_q1", lang),
        PHRASES("fb_q3", lang),
        PHRASES("fb_own", lang),
        PHRASES("fb_outside", lang),
        PHRASES("fb_new", lang, lo=lo, hi=hi),
        PHRASES("fb_reason", lang),
        PHRASES("fb_comment", lang),
    ]
    widths = [10, 6, 24, 44, 11, 11, 11, 11, 14, 12, 30, 24]
    ncol = len(heads)
    last = get_column_letter(ncol)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = PHRASES("fb_sheet", lang)[:31]
    title = PHRASES("fb_title", lang, round=nxt)
    _properties(wb, title, nxt, f"scale={lo}-{hi};expert={expert}")
    n_panel = int(st["n"].max())
    lines = [
        (title, Font(bold=True, size=14)),
        (PHRASES("fb_expert_line", lang, expert=expert), Font(bold=True)),
        (
            PHRASES("fb_deadline_line", lang, deadline=deadline)
            if deadline
            else PHRASES("fb_deadline_unset", lang),
            Font(bold=True, color="C00000"),
        ),
        (PHRASES("fb_instructions", lang, prev=prev, n=n_panel, lo=lo, hi=hi), Font()),
    ]
    for r, (value, font) in enumerate(lines, start=1):
        ws.cell(row=r, column=1, value=value).font = font
        ws.merge_cells(f"A{r}:{last}{r}")
        ws.cell(row=r, column=1).alignment = Alignment(wrap_text=True, vertical="top")
    total = sum(widths)
    ws.row_dimensions[4].height = 15 * _lines(lines[3][0], total) + 6
    for c, (head, width) in enumerate(zip(heads, widths, strict=True), start=1):
        ws.cell(row=HEADER_ROW, column=c, value=head)
        ws.column_dimensions[get_column_letter(c)].width = width
    _style_header(ws, HEADER_ROW, ncol)
    ws.row_dimensions[HEADER_ROW].height = 15 * max(
        _lines(h, w) for h, w in zip(heads, widths, strict=True)
    )
    median, q1, q3 = (st[c].to_numpy() for c in ("median", "q1", "q3"))
    flags = outside_iqr(own, q1, q3)
    for k, ident in enumerate(ids):
        r = HEADER_ROW + 1 + k
        values: list[object] = [
            ident,
            fw.level(ident),
            fw.name(ident, lang),
            definitions[k],
            float(median[k]),
            float(q1[k]),
            float(q3[k]),
            int(own[k]),
            PHRASES("fb_flag", lang) if flags[k] else "",
            None,
            None,
            None,
        ]
        for c, item in enumerate(values, start=1):
            cell = ws.cell(row=r, column=c, value=item)
            if k == 0:
                cell.border = _BOX
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                if c > ncol - 3:  # new score, reason, comment: the expert's input cells
                    cell.protection = Protection(locked=False)
                    cell.fill = _INPUT_FILL
            else:
                _same_style(cell, ws.cell(row=HEADER_ROW + 1, column=c))
        ws.row_dimensions[r].height = 15 * max(
            _lines(v, w) for v, w in zip(values, widths, strict=True)
        )
    first, final = HEADER_ROW + 1, HEADER_ROW + len(ids)
    new, reason = get_column_letter(ncol - 2), get_column_letter(ncol - 1)
    dv = DataValidation(
        type="whole",
        operator="between",
        formula1=str(lo),
        formula2=str(hi),
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="stop",
        errorTitle=PHRASES("fb_score_error_title", lang)[:32],
        error=PHRASES("fb_score_error", lang, lo=lo, hi=hi),
        showInputMessage=True,
        promptTitle=PHRASES("fb_new", lang, lo=lo, hi=hi)[:32],
        prompt=PHRASES("fb_score_error", lang, lo=lo, hi=hi),
    )
    dv.add(f"{new}{first}:{new}{final}")
    ws.add_data_validation(dv)
    # A flagged row whose new score is still outside Q1–Q3 (or not yet given) and whose
    # reason is empty is shown in red, for the expert while filling in and the lead on return.
    ws.conditional_formatting.add(
        f"{reason}{first}:{reason}{final}",
        FormulaRule(
            formula=[
                f'AND($I{first}<>"",${reason}{first}="",OR(${new}{first}="",'
                f"${new}{first}<$F{first},${new}{first}>$G{first}))"
            ],
            fill=_MISSING_FILL,
        ),
    )
    ws.protection.sheet = True
    ws.protection.formatCells = False  # experts may widen columns / rows to read
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    _print_setup(ws, HEADER_ROW, PHRASES("fb_expert_line", lang, expert=expert), lang)
    ws.print_area = f"A1:{last}{final}"
    return wb


def _frame_to_sheet(ws: Worksheet, frame: pd.DataFrame, title: str, widths: Iterable[int]) -> None:
    ws.cell(row=1, column=1, value=title).font = Font(bold=True, size=13)
    for c, head in enumerate(frame.columns, start=1):
        ws.cell(row=3, column=c, value=str(head))
    _style_header(ws, 3, frame.shape[1])
    for r, row in enumerate(frame.itertuples(index=False), start=4):
        for c, value in enumerate(row, start=1):
            if isinstance(value, np.generic):
                value = value.item()
            cell = ws.cell(row=r, column=c, value=value)
            if r == 4:
                cell.border = _BOX
            else:
                _same_style(cell, ws.cell(row=4, column=c))
    for c, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.auto_filter.ref = f"A3:{get_column_letter(frame.shape[1])}{3 + len(frame)}"


def _summary_workbook(
    ratings: Ratings,
    st: pd.DataFrame,
    scores: pd.DataFrame,
    files: dict[str, str],
    prev: int,
    lang: str,
) -> Workbook:
    fw = ratings.framework
    nxt = prev + 1
    ids = list(st.index)
    title = PHRASES("fb_summary_title", lang, round=nxt)
    wb = Workbook()
    _properties(wb, title, nxt, "summary")
    P = PHRASES
    panel = pd.DataFrame(
        {
            P("fb_indicator_id", lang): ids,
            P("fb_level", lang): [fw.level(i) for i in ids],
            P("fb_name", lang): [fw.name(i, lang) for i in ids],
            P("fb_n", lang): st["n"].astype(int).to_numpy(),
            P("fb_median", lang): st["median"].astype(float).to_numpy(),
            P("fb_q1", lang): st["q1"].astype(float).to_numpy(),
            P("fb_q3", lang): st["q3"].astype(float).to_numpy(),
            P("fb_mean", lang): st["mean"].astype(float).to_numpy(),
        }
    )
    long = scores.stack().rename("score").reset_index()
    long.columns = ["expert_id", "indicator_id", "score"]
    q1 = st["q1"].reindex(long["indicator_id"]).to_numpy()
    q3 = st["q3"].reindex(long["indicator_id"]).to_numpy()
    experts = pd.DataFrame(
        {
            P("fb_expert_id", lang): long["expert_id"].astype(str).to_numpy(),
            P("fb_indicator_id", lang): long["indicator_id"].to_numpy(),
            P("fb_name", lang): [fw.name(i, lang) for i in long["indicator_id"]],
            P("fb_score", lang): long["score"].astype(int).to_numpy(),
            P("fb_q1", lang): q1.astype(float),
            P("fb_q3", lang): q3.astype(float),
            P("fb_outside", lang): np.where(
                outside_iqr(long["score"].to_numpy(), q1, q3), P("fb_flag", lang), ""
            ),
        }
    )
    file_frame = pd.DataFrame(
        {P("fb_expert_id", lang): list(files), P("fb_file", lang): list(files.values())}
    )
    sheets = [
        (P("fb_sheet_panel", lang), panel, [10, 6, 26, 10, 11, 11, 11, 11]),
        (P("fb_sheet_experts", lang), experts, [10, 10, 26, 10, 11, 11, 16]),
        (P("fb_sheet_files", lang), file_frame, [10, 40]),
    ]
    ws = wb.active
    assert ws is not None
    for i, (name, frame, widths) in enumerate(sheets):
        sheet = ws if i == 0 else wb.create_sheet()
        sheet.title = name[:31]
        _frame_to_sheet(sheet, frame, title, widths)
        _print_setup(sheet, 3, title, lang)
    return wb


def write_feedback_workbooks(
    ratings: Ratings,
    round: int,
    folder: str | Path,
    *,
    lang: str = "zh",
    deadline: dt.date | str | None = None,
    make_zip: bool = False,
    replace: bool = False,
    responses: pd.DataFrame | None = None,
) -> FeedbackWorkbooks:
    """Write the questionnaire for the round after ``round``: one workbook per expert.

    Every expert workbook holds a title, the expert id, the return deadline, instructions,
    and per indicator the panel median, Q1 and Q3 of round ``round`` (SPSS/Weibull
    quartiles, as in :func:`cslib.delphi.statistics.indicator_statistics`), the expert's
    own previous score, a flag where that score lies outside Q1–Q3
    (:func:`outside_iqr`), and three input cells: the new score (data validation: a whole
    number on ``ratings.scale``), a reason and a comment.  Everything else is locked (sheet
    protection without a password: it stops slips, not a determined user).  Print setup:
    A4 landscape, one page wide, header row repeated on every page.  A flagged row whose
    new score is still outside the IQR and has no reason is shown in red.

    A panel summary for the study lead (every expert's scores and flags) is written beside
    them, and with ``make_zip=True`` a zip of the expert workbooks.

    Parameters
    ----------
    ratings : Ratings
        The panel's ratings.
    round : int
        The finished round whose results are fed back.
    folder : str or Path
        Where the files go (created if missing).
    lang : {"zh", "en", "zh+en"}
        Language of titles, headers and instructions; indicator names from the framework.
    deadline : datetime.date or str (YYYY-MM-DD), optional
        Return date shown to the experts.  ``None`` writes "please ask the study lead"
        and warns.
    make_zip : bool
        Also write ``delphi_round{n}_questionnaires.zip``.
    replace : bool
        Replace existing files even if they were made for another round, are not ours, or
        hold an expert's answers.  Without it such a file raises :class:`InputError`.
    responses : DataFrame, optional
        The collected responses (``cslib collect``; :func:`cslib.delphi.responses.
        read_responses`).  Its rows of round ``round`` give every questionnaire a sheet of
        the panel's reasons for outlying scores and comments, without who wrote them
        (:mod:`cslib.delphi.panel_reasons`).

    Returns
    -------
    FeedbackWorkbooks

    Raises
    ------
    InputError
        Bad ``lang`` or ``deadline``, a round not in the ratings, expert ids that collide as
        file names, or an existing file that must not be replaced.

    Examples
    --------
    >>> import tempfile
    >>> from cslib.core.paths import project_root
    >>> from cslib.core.framework import load_framework
    >>> from cslib.delphi.io import read_ratings
    >>> fw = load_framework(project_root() / "data_samples/framework_complaint_handling.yaml")
    >>> r = read_ratings(project_root() / "data_samples/delphi_ratings.csv", fw)
    >>> out = write_feedback_workbooks(r, 2, tempfile.mkdtemp(), lang="en", deadline="2026-12-15")
    >>> out.round, len(out.experts), out.experts[0][1].name
    (3, 26, 'delphi_round3_expert_E01.xlsx')
    """
    lang = check_lang(lang)
    deadline_text = _deadline_text(deadline)
    if round not in ratings.rounds:
        raise InputError.single(
            ratings.source,
            f"no round {round} in the ratings; it has rounds {list(ratings.rounds)}",
            column="round",
            found=round,
        )
    if deadline_text is None:
        warnings.warn(
            Notice(
                "no deadline given: the questionnaires ask the experts to check the return date "
                "with the study lead",
                "未给出截止日期：问卷请专家向研究负责人确认交回日期",
            ),
            stacklevel=2,
        )
    folder = Path(folder)
    nxt = round + 1
    st = indicator_statistics(ratings, round).set_index("indicator_id")
    ids = list(st.index)
    scores = ratings.matrix(round, ids)
    missing = np.argwhere(scores.isna().to_numpy())
    if len(missing):
        raise InputError(
            ratings.source,
            [
                Problem(
                    f"expert {scores.index[e]!r} has no score for indicator {ids[k]!r} in round "
                    f"{round}; the questionnaire shows each expert's previous score",
                    None,
                    "score",
                    None,
                )
                for e, k in missing
            ],
        )
    experts = [str(e) for e in scores.index]
    names = {e: feedback_file_name(nxt, e) for e in experts}
    seen: dict[str, str] = {}
    problems = []
    for e, name in names.items():
        if name == feedback_file_name(nxt, ""):
            problems.append(
                Problem("an expert id that can be part of a file name", None, "expert_id", e)
            )
        if name.lower() in seen:
            problems.append(
                Problem(
                    f"expert ids {seen[name.lower()]!r} and {e!r} give the same file name",
                    None,
                    "expert_id",
                    name,
                )
            )
        seen[name.lower()] = e
    if problems:
        raise InputError(ratings.source, problems)
    summary = folder / summary_file_name(nxt)
    zip_path = folder / f"delphi_round{nxt}_questionnaires.zip" if make_zip else None
    targets = [folder / n for n in names.values()] + [summary]
    for target in targets:
        _check_target(target, nxt, replace)
    if zip_path is not None and zip_path.exists() and not replace:
        if _zip_round(zip_path) != nxt:
            raise InputError.single(
                zip_path,
                f"refusing to replace an archive not made for round {nxt}; pass replace=True",
            )
    written: list[tuple[str, Path]] = []
    definitions = _definitions(ratings, ids, lang)
    # one digest names this run's files, so `cslib collect` can tell them from another run's
    batch = batch_digest([nxt, *ratings.scale, *ids, *experts, *scores.to_numpy().ravel()])
    panel = None  # the reasons and comments given in the round fed back (anonymous)
    if responses is not None and (responses["round"] == round).any():
        from cslib.delphi.panel_reasons import add_panel_reasons, panel_feedback

        panel = panel_feedback(responses.loc[responses["round"] == round], ratings.framework)
    for e, values in zip(experts, scores.to_numpy(), strict=True):
        wb = _expert_workbook(ratings, st, e, values, round, lang, deadline_text, definitions)
        if panel is not None:
            add_panel_reasons(wb, panel, ratings.framework, round=round, lang=lang)
        stamp_questionnaire(
            wb,
            wb.worksheets[0],
            round=nxt,
            expert=e,
            scale=ratings.scale,
            batch=batch,
            first_row=HEADER_ROW + 1,
            last_row=HEADER_ROW + len(ids),
            input_columns=_input_columns(wb.worksheets[0]),
        )
        target = folder / names[e]
        save_workbook(wb, target)  # ids and names from data stay text, never formulas
        written.append((e, target))
    wb = _summary_workbook(ratings, st, scores, names, round, lang)
    earlier = ratings.data.loc[ratings.data["round"] <= round]
    stamp_summary(wb, round=nxt, scale=ratings.scale, batch=batch, files=names, ratings=earlier)
    save_workbook(wb, summary)
    if zip_path is not None:
        with atomic_path(zip_path) as tmp, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.comment = f"{_CATEGORY} round={nxt}".encode()
            for _, path in written:
                info = zipfile.ZipInfo(path.name, date_time=(2000, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                zf.writestr(info, path.read_bytes())
    n_flagged = int(outside_iqr(scores.to_numpy(), st["q1"].to_numpy(), st["q3"].to_numpy()).sum())
    return FeedbackWorkbooks(
        round=nxt, experts=tuple(written), summary=summary, zip=zip_path, n_flagged=n_flagged
    )


def read_feedback_responses(paths: Iterable[str | Path], round: int) -> pd.DataFrame:
    """Read returned questionnaires of round ``round`` into one long frame for the study lead.

    Columns ``expert_id, indicator_id, q1, q3, previous, flagged, score, reason, comment,
    reason_missing``, sorted by expert then framework order.  ``score`` is ``<NA>`` where
    the expert left it empty.  ``reason_missing`` is true for a flagged row whose new score
    is still outside the panel IQR (or empty) and that gives no reason — the rows the lead
    has to chase up.

    Raises
    ------
    InputError
        A file that is not a questionnaire of ``round``, or a score that is not a whole
        number on the scale (typed in despite the validation, e.g. by pasting), naming
        file, row and column.
    """
    frames = []
    for path in sorted(Path(p) for p in paths):
        if _recorded_round(path) != round:
            raise InputError.single(
                path,
                f"not a questionnaire of round {round} written by write_feedback_workbooks",
                found=_recorded_round(path),
            )
        wb = load_workbook(path, read_only=True)
        ident = wb.properties.identifier or ""
        match = re.search(r"expert=(.*)$", ident)
        if match is None:
            raise InputError.single(path, "an expert questionnaire was expected (not the summary)")
        expert = match.group(1)
        scale = re.search(r"scale=(\d+)-(\d+);", ident)
        if scale is None:
            raise InputError.single(path, "the questionnaire does not record its score scale")
        lo, hi = int(scale.group(1)), int(scale.group(2))
        ws = wb.worksheets[0]
        rows = []
        problems = []
        for r, row in enumerate(
            ws.iter_rows(min_row=HEADER_ROW + 1, values_only=True), HEADER_ROW + 1
        ):
            if row[0] in (None, ""):
                continue
            raw = row[9]
            score: object = pd.NA
            if raw not in (None, ""):
                try:
                    number = float(str(raw).strip())
                except ValueError:
                    number = float("nan")
                if not (number.is_integer() and lo <= number <= hi):
                    problems.append(Problem(f"a whole number from {lo} to {hi}", r, "J", raw))
                    continue
                score = int(number)
            rows.append(
                {
                    "expert_id": expert,
                    "indicator_id": str(row[0]),
                    "q1": float(row[5]),
                    "q3": float(row[6]),
                    "previous": int(row[7]),
                    "flagged": row[8] not in (None, ""),
                    "score": score,
                    "reason": "" if row[10] is None else str(row[10]).strip(),
                    "comment": "" if row[11] is None else str(row[11]).strip(),
                }
            )
        wb.close()
        if problems:
            raise InputError(path, problems, sheet=ws.title)
        frames.append(pd.DataFrame(rows))
    if not frames:
        raise InputError.single(None, "no returned questionnaires given", column="paths")
    out = pd.concat(frames, ignore_index=True)
    out["score"] = out["score"].astype("Int64")
    still_outside = out["score"].isna() | (out["score"] < out["q1"]) | (out["score"] > out["q3"])
    out["reason_missing"] = (out["flagged"] & still_outside & (out["reason"] == "")).astype(bool)
    return out
