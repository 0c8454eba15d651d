"""The experts' reasons and comments from a collected round, for the report.

:func:`cslib.delphi.collect.collect` writes a round's responses (one row per returned score
with the expert's reason and comment) and who was invited and returned.  This module reads those
two files back for notebook 01 and turns the responses into the tables fed back to the panel in
the next round: the reasons given for scores that stay outside the panel's interquartile range,
and the comments, per indicator.

Anonymity follows the rule of the questionnaires (:mod:`cslib.delphi.feedback`): what goes back
to the panel never says which expert wrote what.  The tables carry no expert id, and their rows
are ordered by indicator (framework order), score and text, never by expert, so the order does
not give the author away (Hasson, Keeney & McKenna 2000; Hsu & Sandford 2007).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from cslib.core.errors import InputError
from cslib.core.framework import Framework
from cslib.core.io import read_table


def _flag(series: pd.Series, source: str, column: str) -> pd.Series:
    text = series.fillna("").astype(str).str.strip().str.lower()
    truth = {"true": True, "1": True, "yes": True, "是": True}
    false = {"false": False, "0": False, "no": False, "否": False, "": False}
    bad = ~text.isin(list(truth) + list(false))
    if bad.any():
        row = int(bad.index[bad.argmax()])
        raise InputError.single(
            source, "TRUE or FALSE", row=row, column=column, found=series.loc[row]
        )
    return text.map({**truth, **false}).astype(bool)


def _numbers(frame: pd.DataFrame, column: str, kind: type, source: str) -> pd.Series:
    numbers = pd.to_numeric(frame[column], errors="coerce")
    bad = numbers.isna()
    if bad.any():
        row = int(bad.index[bad.argmax()])
        raise InputError.single(
            source, "a number", row=row, column=column, found=frame.loc[row, column]
        )
    if kind is int and not (numbers == numbers.round()).all():
        bad = numbers != numbers.round()
        row = int(bad.index[bad.argmax()])
        raise InputError.single(
            source, "a whole number", row=row, column=column, found=frame.loc[row, column]
        )
    return numbers.astype(kind)


def _require(frame: pd.DataFrame, need: list[str], source: str, what: str) -> None:
    missing = [c for c in need if c not in frame.columns]
    if missing:
        raise InputError.single(
            source,
            f"the columns {', '.join(need)} ({what} written by cslib collect)",
            row=1,
            column=", ".join(missing),
        )


def read_responses(path: str | Path) -> pd.DataFrame:
    """Read a responses file written by ``cslib collect`` (reasons and comments of a round).

    Returns ``round, expert_id, indicator_id, q1, q3, flagged, score, reason, comment``.

    Raises
    ------
    InputError
        A missing column or a value of the wrong kind, located by row and column.
    """
    frame = read_table(path)
    source = str(path)
    need = ["round", "expert_id", "indicator_id", "q1", "q3", "flagged", "score", "reason"]
    need.append("comment")
    _require(frame, need, source, "a responses file")
    out = frame[need].copy()
    for column, kind in (("round", int), ("score", int), ("q1", float), ("q3", float)):
        out[column] = _numbers(frame, column, kind, source)
    out["flagged"] = _flag(frame["flagged"], source, "flagged")
    for column in ("reason", "comment", "expert_id", "indicator_id"):
        out[column] = frame[column].fillna("").astype(str).str.strip()
    out.attrs["source"] = source
    return out.reset_index(drop=True)


def read_returns(path: str | Path) -> pd.DataFrame:
    """Read who was invited and who returned, per round: the one reader of both round files.

    * ``cslib collect``'s returns file, one row per invited expert: returns
      ``round, expert_id, returned``;
    * ``cslib import-survey``'s round table (``delphi_rounds.csv``), one row per round with
      the counts an online survey knows: returns ``round, sent, returned`` (``sent`` is the
      ``invited`` column, ``<NA>`` where the export did not say) plus the first and last
      submission time when given, with ``attrs["form"] == "rounds"``.

    Raises
    ------
    InputError
        A missing column, a round that is not a number or a ``returned`` that is not
        TRUE/FALSE (a count in the round table), located by row and column.
    """
    frame = read_table(path)
    source = str(path)
    if "expert_id" not in frame.columns and {"round", "returned", "invited"} <= set(frame):
        return _round_table(frame, source)
    _require(frame, ["round", "expert_id", "returned"], source, "a returns file")
    out = pd.DataFrame(
        {
            "round": _numbers(frame, "round", int, source),
            "expert_id": frame["expert_id"].fillna("").astype(str).str.strip(),
            "returned": _flag(frame["returned"], source, "returned"),
        }
    )
    out.attrs["source"] = source
    return out.reset_index(drop=True)


def _round_table(frame: pd.DataFrame, source: str) -> pd.DataFrame:
    """``delphi_rounds.csv`` of ``cslib import-survey``: counts per round (see read_returns)."""
    invited = frame["invited"].fillna("").astype(str).str.strip()
    given = invited != ""
    sent = pd.Series(pd.NA, index=frame.index, dtype="Int64")
    if given.any():
        sent[given] = _numbers(frame.loc[given], "invited", int, source).astype("Int64")
    out = pd.DataFrame(
        {
            "round": _numbers(frame, "round", int, source),
            "sent": sent,
            "returned": _numbers(frame, "returned", int, source),
        }
    )
    dupes = out["round"].duplicated()
    if dupes.any():
        row = int(dupes.index[dupes.argmax()])
        raise InputError.single(
            source, "one row per round", row=row, column="round", found=out.at[row, "round"]
        )
    for column in ("first_submitted", "last_submitted"):
        if column in frame.columns:
            out[column] = frame[column].fillna("").astype(str).str.strip()
    out.attrs["source"] = source
    out.attrs["form"] = "rounds"
    return out.reset_index(drop=True)


def _ordered(frame: pd.DataFrame, framework: Framework, by: list[str]) -> pd.DataFrame:
    order = {i: k for k, i in enumerate(framework.ids)}
    keyed = frame.assign(_o=frame["indicator_id"].map(order).fillna(len(order)))
    return keyed.sort_values(["_o", *by], kind="stable").drop(columns="_o").reset_index(drop=True)


def outlier_reasons(responses: pd.DataFrame, framework: Framework) -> pd.DataFrame:
    """Reasons given for scores that stay outside the panel IQR, without who gave them.

    A score is *outlying* when it lies below Q1 or above Q3 of the round the questionnaire
    fed back (the interval the expert saw).  Returns ``indicator_id, side, score, q1, q3,
    reason`` with ``side`` ``"below"`` or ``"above"``, one row per outlying score that has a
    reason, ordered by indicator (framework order), score and reason — never by expert.

    Examples
    --------
    >>> from cslib.core.paths import project_root
    >>> from cslib.core.framework import load_framework
    >>> fw = load_framework(project_root() / "data_samples/framework_complaint_handling.yaml")
    >>> r = pd.DataFrame({"expert_id": ["E2", "E1"], "indicator_id": ["A", "A"],
    ...                   "score": [2, 5], "q1": [3.0, 3.0], "q3": [4.0, 4.0],
    ...                   "reason": ["too broad", "core skill"], "comment": ["", ""]})
    >>> outlier_reasons(r, fw)[["side", "score", "reason"]].values.tolist()
    [['below', 2, 'too broad'], ['above', 5, 'core skill']]
    """
    score = responses["score"].to_numpy()
    below = score < responses["q1"].to_numpy()
    above = score > responses["q3"].to_numpy()
    keep = (below | above) & (responses["reason"] != "").to_numpy()
    out = pd.DataFrame(
        {
            "indicator_id": responses["indicator_id"].to_numpy()[keep],
            "side": np.where(below, "below", "above")[keep],
            "score": score[keep],
            "q1": responses["q1"].to_numpy()[keep],
            "q3": responses["q3"].to_numpy()[keep],
            "reason": responses["reason"].to_numpy()[keep],
        }
    )
    return _ordered(out, framework, ["score", "reason"])


def missing_reasons(responses: pd.DataFrame) -> int:
    """Scores flagged in the questionnaire that stay outside the IQR without a reason."""
    score = responses["score"]
    outside = (score < responses["q1"]) | (score > responses["q3"])
    return int((responses["flagged"] & outside & (responses["reason"] == "")).sum())


def panel_comments(responses: pd.DataFrame, framework: Framework) -> pd.DataFrame:
    """The experts' comments per indicator, without who wrote them: ``indicator_id, comment``.

    Ordered by indicator (framework order), then text; never by expert.
    """
    keep = responses["comment"] != ""
    out = responses.loc[keep, ["indicator_id", "comment"]].reset_index(drop=True)
    return _ordered(out, framework, ["comment"])
