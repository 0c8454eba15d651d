"""Controlled feedback: the next round's questionnaire as an XLSX workbook.

Sheet ``panel`` lists every indicator with its definition and the panel's
median, IQR (Q1–Q3) and mean from the finished round, plus an empty column for
the new score.  One further sheet per expert repeats this with the expert's own
previous score, so each expert sees where they stand relative to the panel — the
core of a Delphi round (Hasson, Keeney & McKenna 2000).  Where the expert's score lies
outside the panel's interquartile range (below Q1 or above Q3) the sheet flags it and
asks for a reason in the next round (controlled feedback; Hsu & Sandford 2007,
"Delphi technique", *Practical Assessment, Research & Evaluation*, 12(10)).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from cslib.core.io import atomic_path
from cslib.delphi.io import Ratings
from cslib.delphi.statistics import indicator_statistics

_HEAD = {
    "zh": {
        "indicator_id": "指标编号",
        "level": "层级",
        "name": "指标名称",
        "definition": "指标说明",
        "median": "上轮中位数",
        "iqr": "上轮四分位区间",
        "mean": "上轮均值",
        "own": "您上轮的评分",
        "outside": "您的评分在四分位区间外",
        "new": "本轮评分（1–5）",
        "comment": "修改意见",
        "reason": "若仍保持区间外评分，请说明理由",
        "flag": "是，请说明理由",
    },
    "en": {
        "indicator_id": "Indicator",
        "level": "Level",
        "name": "Name",
        "definition": "Definition",
        "median": "Panel median (last round)",
        "iqr": "Panel IQR (Q1–Q3)",
        "mean": "Panel mean (last round)",
        "own": "Your last score",
        "outside": "Your score is outside the panel IQR",
        "new": "New score (1–5)",
        "comment": "Comments",
        "reason": "Reason, if you keep a score outside the IQR",
        "flag": "yes, please give a reason",
    },
}


def feedback_tables(ratings: Ratings, round: int, lang: str = "zh") -> dict[str, pd.DataFrame]:
    """The feedback sheets as frames: ``{"panel": …, "<expert_id>": …}`` (experts sorted)."""
    head = _HEAD["en" if lang == "en" else "zh"]
    fw = ratings.framework
    st = indicator_statistics(ratings, round).set_index("indicator_id")
    ids = list(st.index)
    name_lang = "en" if lang == "en" else "zh"
    base = pd.DataFrame(
        {
            head["indicator_id"]: ids,
            head["level"]: [fw.level(i) for i in ids],
            head["name"]: [fw.name(i, name_lang) for i in ids],
            head["definition"]: [
                fw.table.set_index("id").loc[i, f"definition_{name_lang}"] for i in ids
            ],
            head["median"]: st["median"].to_numpy(),
            head["iqr"]: [f"{a:g}–{b:g}" for a, b in zip(st["q1"], st["q3"], strict=True)],
            head["mean"]: st["mean"].round(2).to_numpy(),
        }
    )
    sheets = {"panel": base.assign(**{head["new"]: "", head["comment"]: ""})}
    scores = ratings.matrix(round, ids)
    q1 = st["q1"].to_numpy()
    q3 = st["q3"].to_numpy()
    for expert in scores.index:
        own = base.copy()
        values = scores.loc[expert].to_numpy()
        own[head["own"]] = values
        own[head["outside"]] = np.where(outside_iqr(values, q1, q3), head["flag"], "")
        sheets[str(expert)] = own.assign(
            **{head["new"]: "", head["comment"]: "", head["reason"]: ""}
        )
    return sheets


def outside_iqr(scores: np.ndarray, q1: np.ndarray, q3: np.ndarray) -> np.ndarray:
    """True where a score lies outside the panel interquartile range (below Q1 or above Q3)."""
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


def write_feedback_workbook(
    ratings: Ratings, round: int, path: str | Path, lang: str = "zh"
) -> Path:
    """Write the controlled-feedback questionnaire for the round after ``round``.

    The file is written atomically (a temporary file renamed into place).

    Returns
    -------
    Path
        The workbook written.
    """
    path = Path(path)
    sheets = feedback_tables(ratings, round, lang)
    with atomic_path(path) as tmp:
        with pd.ExcelWriter(tmp, engine="openpyxl") as xl:
            for name, frame in sheets.items():
                frame.to_excel(xl, sheet_name=name[:31], index=False)
                sheet = xl.sheets[name[:31]]
                for col, width in zip(
                    "ABCDEFGHIJ", (10, 6, 26, 40, 12, 14, 12, 14, 14, 24), strict=False
                ):
                    sheet.column_dimensions[col].width = width
                sheet.freeze_panes = "A2"
    return path
