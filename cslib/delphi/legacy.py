"""Questionnaires written before the check sheet existed: read from their layout, with a notice.

Report 01 wrote the same questionnaire layout before it added the check sheet
(:mod:`cslib.delphi.stamp`): the workbook properties say what the file is (category
``cslib-delphi-feedback``, identifier ``round=N;scale=lo-hi;expert=E`` or
``round=N;summary``), the questionnaire's data rows start below the header row 6 with the
indicator id in column A, the panel's Q1/Q3 in F/G, the expert's previous score in H and the
input cells in J–L; the panel summary holds the panel sheet (indicator, …, Q1, Q3 from row 4),
every expert's scores of the round fed back and the file of each expert.

:func:`legacy_stamp` rebuilds from that layout what a check sheet would say, so ``cslib
collect`` accepts such a round when its structure is otherwise valid.  What the layout cannot
prove is not claimed: the protected cells are checked against the panel summary (indicator
ids, the expert's previous score, the panel's Q1 and Q3) instead of against a copy written
with the file, the batch of the files cannot be told apart, and the summary holds only the
round fed back (earlier rounds are not in the collected ratings file).  ``cslib collect``
names the files it read this way.
"""

from __future__ import annotations

import re

import pandas as pd
from openpyxl import Workbook

from cslib.delphi.stamp import Stamp, canonical, protected_cells

__all__ = ["LEGACY_BATCH", "legacy_stamp", "check_legacy"]

LEGACY_BATCH = "legacy"
"""The batch of every file without a check sheet (they cannot be told apart)."""

_CATEGORY = "cslib-delphi-feedback"
_HEADER_ROW = 6
_INPUTS = (10, 11, 12)


def _identifier(wb: Workbook) -> str | None:
    props = wb.properties
    if props.category != _CATEGORY or not props.identifier:
        return None
    return str(props.identifier)


def _summary(wb: Workbook, rnd: int) -> Stamp | None:
    if len(wb.worksheets) < 3:
        return None
    panel, experts, files = wb.worksheets[:3]
    invited: dict[str, str] = {}
    for row in files.iter_rows(min_row=4, values_only=True):
        if row and row[0] not in (None, ""):
            invited[canonical(row[0])] = canonical(row[1])
    scores = []
    for row in experts.iter_rows(min_row=4, values_only=True):
        if row and row[0] not in (None, "") and len(row) >= 4:
            try:
                score = int(float(canonical(row[3])))
            except ValueError:
                return None
            scores.append((rnd - 1, canonical(row[0]), canonical(row[1]), score))
    quartiles = {}
    for row in panel.iter_rows(min_row=4, values_only=True):
        if row and row[0] not in (None, "") and len(row) >= 7:
            quartiles[canonical(row[0])] = (canonical(row[5]), canonical(row[6]))
    if not invited or not scores:
        return None
    ratings = pd.DataFrame(scores, columns=["round", "expert_id", "indicator_id", "score"])
    cells = {f"q:{k}": f"{a}|{b}" for k, (a, b) in quartiles.items()}  # the panel's Q1|Q3
    return Stamp(
        "summary", rnd, (0, 0), LEGACY_BATCH, cells=cells, invited=invited, ratings=ratings
    )


def legacy_stamp(wb: Workbook) -> Stamp | None:
    """What the check sheet of an earlier questionnaire or panel summary would say.

    ``None`` when the workbook is not one report 01 wrote (its properties say so).
    A panel summary's scale is ``(0, 0)``: the caller takes it from the questionnaires.
    """
    ident = _identifier(wb)
    if ident is None:
        return None
    m = re.fullmatch(r"round=(\d+);(.*)", ident)
    if m is None:
        return None
    rnd, rest = int(m.group(1)), m.group(2)
    if rest == "summary":
        return _summary(wb, rnd)
    m = re.fullmatch(r"scale=(\d+)-(\d+);expert=(.+)", rest)
    if m is None:
        return None
    ws = wb.worksheets[0]
    last = _HEADER_ROW
    while canonical(ws.cell(row=last + 1, column=1).value) != "":
        last += 1
    headers = [canonical(ws.cell(row=_HEADER_ROW, column=c).value) for c in range(1, 13)]
    if last == _HEADER_ROW or "" in headers:
        return None
    return Stamp(
        "expert",
        rnd,
        (int(m.group(1)), int(m.group(2))),
        LEGACY_BATCH,
        expert=m.group(3),
        sheet=ws.title,
        first_row=_HEADER_ROW + 1,
        last_row=last,
        input_columns=_INPUTS,
        cells=protected_cells(ws, _HEADER_ROW + 1, last, _INPUTS),
    )


def check_legacy(stamp: Stamp, summary: Stamp) -> list[tuple[str, str, str]]:
    """Cells of an earlier questionnaire that disagree with the panel summary.

    Returns ``(cell, expected, found)``: a missing or extra indicator id in column A, the
    expert's previous score in H, the panel's Q1/Q3 in F/G.
    """
    assert stamp.cells is not None and summary.ratings is not None
    own = summary.ratings.loc[summary.ratings["expert_id"] == stamp.expert]
    previous = dict(zip(own["indicator_id"], own["score"].astype(int), strict=True))
    quartiles = {
        k[2:]: v.split("|") for k, v in (summary.cells or {}).items() if k.startswith("q:")
    }
    wanted = list(dict.fromkeys(summary.ratings["indicator_id"]))
    out: list[tuple[str, str, str]] = []
    seen = []
    for r in range(stamp.first_row, stamp.last_row + 1):
        ident = stamp.cells.get(f"A{r}", "")
        seen.append(ident)
        if ident not in previous:
            out.append((f"A{r}", " / ".join(wanted), ident))
            continue
        if stamp.cells.get(f"H{r}", "") != str(previous[ident]):
            out.append((f"H{r}", str(previous[ident]), stamp.cells.get(f"H{r}", "")))
        if ident in quartiles:
            for col, want in zip("FG", quartiles[ident], strict=True):
                if stamp.cells.get(f"{col}{r}", "") != want:
                    out.append((f"{col}{r}", want, stamp.cells.get(f"{col}{r}", "")))
    for ident in wanted:
        if ident not in seen:
            out.append((f"A{stamp.last_row + 1}", ident, ""))
    return out
