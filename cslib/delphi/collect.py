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
from cslib.core.i18n import check_lang
from cslib.core.io import atomic_path
from cslib.delphi.feedback import feedback_file_name, outside_iqr
from cslib.delphi.legacy import LEGACY_BATCH, check_legacy, legacy_stamp
from cslib.delphi.phrases import PHRASES
from cslib.delphi.stamp import Stamp, StampError, canonical, read_stamp

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
    """One line of at most ``limit`` columns; a longer text ends in "..." (marked, not silent),
    a long path starts with "..." so that its file or folder name stays."""
    text = text.replace("\n", " / ")
    if _width(text) <= limit:
        return text
    if ("/" in text or "\\" in text) and " " not in text:  # a path: keep its end, the name
        tail = ""
        for ch in reversed(text):
            if _width(ch + tail) > limit - 3:
                break
            tail = ch + tail
        return "..." + tail
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
    file_problems, skipped, opened, summaries, legacy_files = _sort_files(files)
    if sent is not None:
        summaries += _find_summaries([Path(sent)])
    summary, problems = _choose_summary(summaries, round, shown_folder)
    problems += file_problems
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
        if o.wb is None:
            problems += o.problems
            continue
        refused = _refused(o, want, summary)
        if refused is not None:
            problems.append(refused)
            o.wb.close()
            continue
        assert o.stamp is not None
        shown = o.path.name
        by_expert.setdefault(o.stamp.expert, []).append(shown)
        expected_name = feedback_file_name(o.stamp.round, o.stamp.expert)
        if shown != expected_name:
            o.problems.append(
                ReturnProblem(shown, "", "", _t("exp_name", name=expected_name), shown, "do_name")
            )
        if summary is not None and o.stamp.batch == LEGACY_BATCH:
            for cell, written, found in check_legacy(o.stamp, summary):
                o.problems.append(
                    ReturnProblem(
                        shown, o.stamp.sheet, cell, _t("exp_unchanged", value=written), found,
                        "do_unchanged",
                    )
                )  # fmt: skip
        if summary is not None:
            answers += _check_cells(o, shown, summary)
        o.wb.close()
    problems += _returned_twice(by_expert)
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
    return _collected(summary, answers, tuple(skipped), tuple(legacy_files))


def _sort_files(
    files: list[Path],
) -> tuple[list[ReturnProblem], list[str], list[_Opened], list[tuple[Path, Stamp]], list[str]]:
    """Sort the folder's files: old sheet formats (a problem each), other files (skipped),
    panel summaries, and the workbooks opened as returned questionnaires; the last list names
    the workbooks read without a check sheet (written before it existed)."""
    problems: list[ReturnProblem] = []
    skipped: list[str] = []
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
    return problems, skipped, opened, summaries, legacy_files


def _choose_summary(
    summaries: list[tuple[Path, Stamp]], round: int | None, shown_folder: str
) -> tuple[Stamp | None, list[ReturnProblem]]:
    """The panel summary of the batch being collected (of ``round``, or the one found), or
    the problem that there is none, or several rounds."""
    rounds = sorted({s.round for _, s in summaries})
    if round is not None:
        chosen = [s for _, s in summaries if s.round == round]
        if chosen:
            return chosen[-1], []
        expected, found, advice = _t("exp_summary", round=round), _t("found_none"), "do_summary"
    elif len(rounds) > 1:
        expected = _t("exp_one_summary")
        found = _t("found_rounds", rounds=", ".join(map(str, rounds)))
        advice = "do_one_summary"
    elif rounds:
        return summaries[-1][1], []
    else:
        expected, found, advice = _t("exp_summary_any"), _t("found_none"), "do_summary"
    return None, [ReturnProblem(shown_folder, "", "", expected, found, advice)]


def _refused(o: _Opened, want: int | None, summary: Stamp | None) -> ReturnProblem | None:
    """Why an opened workbook is not a questionnaire of this batch (not ours, another round
    or batch, an expert not invited), or ``None`` when it is."""
    shown, stamp = o.path.name, o.stamp
    if stamp is None or stamp.kind != "expert":
        exp = _t("exp_ours", round=want) if want is not None else _t("exp_ours", round="N")
        return ReturnProblem(shown, "", "", exp, _t("found_no_check"), "do_ours")
    if want is not None and stamp.round != want:
        return ReturnProblem(
            shown,
            "",
            "",
            _t("exp_round", round=want),
            _t("found_round", round=stamp.round),
            "do_round",
        )
    if summary is not None and stamp.batch != summary.batch:
        return ReturnProblem(shown, "", "", _t("exp_batch"), _t("found_batch"), "do_batch")
    if summary is not None and summary.invited is not None:
        if stamp.expert not in summary.invited:
            return ReturnProblem(
                shown,
                "",
                "",
                _t("exp_invited", round=stamp.round),
                _t("found_expert", expert=stamp.expert),
                "do_invited",
            )
    return None


def _returned_twice(by_expert: dict[str, list[str]]) -> list[ReturnProblem]:
    """One problem per file of an expert who returned more than one questionnaire."""
    problems = []
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
    return problems


def _collected(
    summary: Stamp,
    answers: list[dict[str, Any]],
    skipped: tuple[str, ...],
    legacy: tuple[str, ...] = (),
) -> Collected:
    """The checked answers as the round's ratings, responses and returns."""
    assert summary.invited is not None and summary.ratings is not None
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
        skipped=skipped,
        legacy=legacy,
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


def declare_in_study(study_root: str | Path, written: dict[str, Path], n_sent: int) -> None:
    """Make a study read a collected round: its three files for report 01, and the number
    of questionnaires sent as ``n_invited`` (what ``cslib collect --study`` and the browser
    workspace do after :func:`write_collected`)."""
    from cslib.core.study import declare_inputs, set_parameters

    declare_inputs(study_root, written, notebook="01_delphi_weights")
    set_parameters(study_root, {"n_invited": n_sent}, notebook="01_delphi_weights")


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
