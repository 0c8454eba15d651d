"""Relevance ratings for content validity: reading and validating the panel's file.

Long format, one row per expert and indicator:

``expert_id, indicator_id, relevance[, lawshe]``

* ``relevance`` — an integer 1–4 (Polit & Beck's scale: 1 not relevant … 4 highly
  relevant; 3–4 count as relevant);
* ``lawshe`` — optional, ``essential`` / ``useful`` / ``not necessary`` (Lawshe 1975);
  Chinese ``必要`` / ``有用但非必要`` / ``不必要`` are accepted too.

Every expert must rate every indicator once (the indices need a complete table).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from cslib.core.errors import InputError, Problem
from cslib.core.framework import Framework
from cslib.core.io import read_table, validate

LAWSHE = {
    "essential": "essential",
    "useful": "useful",
    "not necessary": "not necessary",
    "必要": "essential",
    "有用但非必要": "useful",
    "不必要": "not necessary",
}


@dataclass(frozen=True)
class Relevance:
    """Complete relevance table: ``relevance`` (experts × indicators, 1–4) and, if given,
    ``essential`` (experts × indicators, 1 = "essential", else 0)."""

    relevance: pd.DataFrame
    essential: pd.DataFrame | None
    source: str


def read_relevance(path: str | Path, framework: Framework) -> Relevance:
    """Read and validate a relevance file (see the module docstring)."""
    frame = read_table(path)
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    ids = list(framework.ids)
    schema = pa.DataFrameSchema(
        {
            "expert_id": pa.Column(str, description="an expert id"),
            "indicator_id": pa.Column(
                str,
                pa.Check.isin(ids, error=f"an indicator id of the framework ({', '.join(ids)})"),
                description=f"an indicator id of the framework ({', '.join(ids)})",
            ),
            "relevance": pa.Column(
                int,
                pa.Check.in_range(1, 4, error="an integer relevance rating from 1 to 4"),
                description="an integer relevance rating from 1 to 4",
            ),
            "lawshe": pa.Column(
                str,
                pa.Check.isin(list(LAWSHE), error="essential, useful or not necessary"),
                required=False,
                description="essential, useful or not necessary",
            ),
        },
        strict=False,
    )
    if "lawshe" in frame:
        frame["lawshe"] = frame["lawshe"].map(lambda v: str(v).strip().lower() if v == v else v)
    table = validate(frame, schema)
    dup = table.duplicated(["expert_id", "indicator_id"], keep="first")
    if dup.any():
        rows = [int(i) for i in table.index[dup]]
        raise InputError(
            str(path),
            [
                Problem("a second rating of the same expert and indicator", r, "indicator_id")
                for r in rows
            ],
        )
    wide = table.pivot(index="expert_id", columns="indicator_id", values="relevance")
    wide = wide.reindex(columns=[i for i in ids if i in wide.columns])
    missing = wide.isna().stack()
    if missing.any():
        expert, indicator = missing[missing].index[0]
        raise InputError.single(
            str(path),
            f"expert {expert} has no rating of {indicator}; every expert must rate every indicator",
            column="relevance",
        )
    essential = None
    if "lawshe" in table:
        flag = (table["lawshe"].map(LAWSHE) == "essential").astype(int)
        essential = (
            table.assign(flag=flag)
            .pivot(index="expert_id", columns="indicator_id", values="flag")
            .reindex(columns=wide.columns)
        )
    return Relevance(wide.astype(int), essential, str(path))
