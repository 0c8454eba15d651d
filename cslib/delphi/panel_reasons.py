"""The panel's reasons and comments in the next round's questionnaire: controlled feedback.

In a Delphi study each round feeds back the panel's results *and* the reasons experts gave,
without saying who gave them (anonymised controlled feedback; Hasson, Keeney & McKenna
2000; Hsu & Sandford 2007).  :func:`add_panel_reasons` adds to a questionnaire workbook a
locked sheet with, per indicator, the reasons given in the finished round for scores
outside the interquartile range the experts saw (which side, the score, the reason) and the
experts' comments — the tables :func:`cslib.delphi.responses.outlier_reasons` and
:func:`~cslib.delphi.responses.panel_comments` make: no expert id, ordered by indicator
(framework order), score and text, never by expert.  Every expert gets the same sheet.

The questionnaire sheet itself (its layout, input columns and check sheet) is unchanged,
so ``cslib collect`` reads a returned questionnaire with or without this sheet alike.
"""

from __future__ import annotations

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from cslib.core.framework import Framework
from cslib.core.i18n import check_lang
from cslib.delphi.phrases import PHRASES
from cslib.delphi.responses import outlier_reasons, panel_comments

__all__ = ["panel_feedback", "add_panel_reasons"]


_HEAD_FILL = PatternFill("solid", fgColor="D9E1F2")
_WIDTHS = (10, 24, 22, 8, 60)


def panel_feedback(responses: pd.DataFrame, framework: Framework) -> pd.DataFrame:
    """Reasons for outlying scores, then comments, per indicator, without who wrote them.

    Returns ``indicator_id, kind, score, text`` with ``kind`` ``"below"``, ``"above"`` or
    ``"comment"`` (``score`` empty for comments), ordered by indicator (framework order),
    then reasons before comments, score and text.

    Examples
    --------
    >>> from cslib.core.paths import project_root
    >>> from cslib.core.framework import load_framework
    >>> fw = load_framework(project_root() / "data_samples/framework_complaint_handling.yaml")
    >>> r = pd.DataFrame({"expert_id": ["E2", "E1"], "indicator_id": ["A", "A"],
    ...                   "score": [2, 4], "q1": [3.0, 3.0], "q3": [4.0, 4.0],
    ...                   "reason": ["too broad", ""], "comment": ["", "keep it"]})
    >>> panel_feedback(r, fw).values.tolist()
    [['A', 'below', 2, 'too broad'], ['A', 'comment', '', 'keep it']]
    """
    reasons = outlier_reasons(responses, framework)
    comments = panel_comments(responses, framework)
    parts = [
        pd.DataFrame(
            {
                "indicator_id": reasons["indicator_id"],
                "kind": reasons["side"],
                "score": reasons["score"].astype(object),
                "text": reasons["reason"],
                "_k": 0,
            }
        ),
        pd.DataFrame(
            {
                "indicator_id": comments["indicator_id"],
                "kind": "comment",
                "score": "",
                "text": comments["comment"],
                "_k": 1,
            }
        ),
    ]
    both = pd.concat(parts, ignore_index=True)
    order = {i: k for k, i in enumerate(framework.ids)}
    both["_o"] = both["indicator_id"].map(order).fillna(len(order))
    both["_s"] = [s if isinstance(s, int | float) and s != "" else -1 for s in both["score"]]
    both = both.sort_values(["_o", "_k", "_s", "text"], kind="stable")
    return both[["indicator_id", "kind", "score", "text"]].reset_index(drop=True)


def add_panel_reasons(
    wb: Workbook, feedback: pd.DataFrame, framework: Framework, *, round: int, lang: str = "zh"
) -> None:
    """Add the locked sheet of the panel's reasons and comments of ``round`` to ``wb``.

    ``feedback`` is :func:`panel_feedback`'s table.  The sheet follows the questionnaire
    sheet; it prints on A4 landscape, one page wide, the header row on every page.
    """
    lang = check_lang(lang)
    ws = wb.create_sheet(PHRASES("sheet", lang)[:31], index=1)
    ncol = len(_WIDTHS)
    last = get_column_letter(ncol)
    ws.cell(row=1, column=1, value=PHRASES("title", lang, round=round)).font = Font(
        bold=True, size=13
    )
    ws.merge_cells(f"A1:{last}1")
    intro = PHRASES("intro" if len(feedback) else "reasons_none", lang, round=round)
    cell = ws.cell(row=2, column=1, value=intro)
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.merge_cells(f"A2:{last}2")
    ws.row_dimensions[2].height = 48
    heads = ("indicator_id", "name", "kind", "score", "text")
    for c, (key, width) in enumerate(zip(heads, _WIDTHS, strict=True), start=1):
        head = ws.cell(row=4, column=c, value=PHRASES(key, lang))
        head.font = Font(bold=True)
        head.fill = _HEAD_FILL
        head.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[get_column_letter(c)].width = width
    for r, row in enumerate(feedback.itertuples(index=False), start=5):
        values = (
            str(row.indicator_id),
            framework.name(str(row.indicator_id), lang),
            PHRASES(str(row.kind), lang),
            row.score if row.score != "" else None,
            str(row.text),
        )
        for c, value in enumerate(values, start=1):
            out = ws.cell(row=r, column=c, value=value)
            out.alignment = Alignment(wrap_text=True, vertical="top")
        lines = max(1, -(-len(str(row.text)) // 30))  # a CJK character is about two columns
        ws.row_dimensions[r].height = 15 * lines + 3
    ws.protection.sheet = True  # read, not edited: the same text went to every expert
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "4:4"
    ws.freeze_panes = "A5"
