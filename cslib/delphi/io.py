"""Read Delphi panel data: importance ratings (long or wide) and expert profiles.

Long form (one row per score)::

    round, expert_id, indicator_id, score

Wide form, as trainers type it in Excel: one row per expert, one column per
indicator (headed by the indicator id, its Chinese name or its English name),
plus ``expert_id`` and optionally ``round``.  In an XLSX workbook without a
``round`` column each worksheet is one round and its name carries the number
(``第2轮``, ``round 2``, ``R2``).

Expert profiles::

    expert_id, years, title, ca, cs   (+ any further descriptive columns)

``ca`` is the judgment-basis coefficient and ``cs`` the familiarity coefficient,
both in [0, 1].
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa

from cslib.core.errors import InputError, Problem
from cslib.core.framework import Framework
from cslib.core.io import read_table, sheet_names, validate
from cslib.core.plausibility import check_id_variants

_EXPERT_ALIASES = ("expert_id", "expert", "专家编号", "专家", "专家编号 expert_id")
_ROUND_ALIASES = ("round", "轮次", "轮次 round")


@dataclass(frozen=True)
class Ratings:
    """Validated Likert ratings of a framework by an expert panel.

    Attributes
    ----------
    data : DataFrame
        Columns ``round, expert_id, indicator_id, score``, sorted by round, expert and
        framework order of indicators.
    framework : Framework
    scale : (int, int)
        Lowest and highest score of the Likert scale.
    excluded : DataFrame
        Experts left out of a round because their answers were incomplete
        (only when reading with ``incomplete="exclude"``): ``round, expert_id, missing``.
    source : str or None
    """

    data: pd.DataFrame
    framework: Framework
    scale: tuple[int, int] = (1, 5)
    excluded: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=["round", "expert_id", "missing"])
    )
    source: str | None = None

    @cached_property
    def rounds(self) -> tuple[int, ...]:
        """Rounds present, ascending."""
        return tuple(sorted(int(r) for r in self.data["round"].unique()))

    @cached_property
    def _by_round(self) -> dict[int, pd.DataFrame]:
        """Each round's scores as one experts × indicators frame (pivoted once, then reused)."""
        out = {}
        order = [i for i in self.framework.ids]
        for rnd, part in self.data.groupby("round", sort=True):
            wide = part.pivot(index="expert_id", columns="indicator_id", values="score")
            out[int(rnd)] = wide.reindex(
                columns=[i for i in order if i in wide.columns]
            ).sort_index()
        return out

    def experts(self, round: int) -> tuple[str, ...]:
        """Experts who answered ``round``, sorted."""
        return tuple(self._round(round).index)

    def indicators(self, round: int) -> tuple[str, ...]:
        """Indicators rated in ``round``, in framework order."""
        return tuple(self._round(round).columns)

    def _round(self, round: int) -> pd.DataFrame:
        if round not in self._by_round:
            raise ValueError(f"round {round} is not in the data (rounds: {list(self.rounds)})")
        return self._by_round[round]

    def matrix(
        self, round: int, indicators: tuple[str, ...] | list[str] | None = None
    ) -> pd.DataFrame:
        """Scores of ``round`` as an experts × indicators frame (rows sorted by expert id)."""
        wide = self._round(round)
        return wide if indicators is None else wide.reindex(columns=list(indicators))


def _score_description(scale: tuple[int, int]) -> str:
    return f"an integer score from {scale[0]} to {scale[1]}"


def _round_from_sheet(name: str) -> int | None:
    """The round a worksheet's name gives ('第2轮', 'Round 2', 'R2', '第2轮 round 2', '2'), or
    None when the name is anything else: a visible scratch sheet such as 'Sheet3' or '备份2'
    is not read as round 3 or 2 (the reader then asks which round it is)."""
    numbers = {int(d) for d in re.findall(r"\d+", name)}
    rest = re.sub(r"(?i)round|rnd|轮次|第|轮|[\s#_\-–—.:：()（）]|\d+", "", name)
    return numbers.pop() if len(numbers) == 1 and rest.lower() in ("", "r") else None


def read_ratings(
    path: str | Path,
    framework: Framework,
    *,
    scale: tuple[int, int] = (1, 5),
    round: int | None = None,
    incomplete: str = "error",
) -> Ratings:
    """Read and validate Delphi ratings from CSV or XLSX, long or wide.

    Parameters
    ----------
    path : str or Path
        The ratings file.
    framework : Framework
        The indicator hierarchy the ratings refer to.
    scale : (int, int)
        Likert scale end points (default 1–5).
    round : int, optional
        Round number for a wide sheet with neither a ``round`` column nor a numbered sheet name.
    incomplete : {"error", "exclude"}
        An expert who skipped some indicators in a round raises an :class:`InputError`
        (default), or is left out of that round and listed in ``Ratings.excluded``.

    Raises
    ------
    InputError
        Out-of-range or non-integer scores, unknown indicators, duplicate
        (round, expert, indicator) rows, experts missing items, empty files.
    """
    if incomplete not in ("error", "exclude"):
        raise ValueError("incomplete must be 'error' or 'exclude'")
    path = Path(path)
    sheets: list[str | None] = list(sheet_names(path)) or [None]
    parts = []
    for sheet in sheets:
        frame = read_table(path, sheet=sheet)
        check_id_variants({str(path): frame}, "expert_id")  # E01 and e01 would be two experts
        if {"indicator_id", "score"} <= set(frame.columns):
            parts.append(_long_part(frame, framework, scale))
        else:
            sheet_round = (
                _round_from_sheet(sheet) if sheet is not None and len(sheets) > 1 else None
            )
            parts.append(
                _wide_part(frame, framework, scale, round if sheet_round is None else sheet_round)
            )
    data = pd.concat(parts, ignore_index=True)
    data, excluded = _check_complete(data, framework, str(path), incomplete)
    order = {i: k for k, i in enumerate(framework.ids)}
    data = (
        data.assign(_o=data["indicator_id"].map(order))
        .sort_values(["round", "expert_id", "_o"], kind="stable")
        .drop(columns="_o")
        .reset_index(drop=True)
    )
    return Ratings(data=data, framework=framework, scale=scale, excluded=excluded, source=str(path))


def _long_part(frame: pd.DataFrame, framework: Framework, scale: tuple[int, int]) -> pd.DataFrame:
    lo, hi = scale
    schema = pa.DataFrameSchema(
        {
            "round": pa.Column(
                int, pa.Check.ge(1, error="a round number ≥ 1"), description="a round number ≥ 1"
            ),
            "expert_id": pa.Column(str, description="an expert id"),
            "indicator_id": pa.Column(
                str,
                pa.Check.isin(list(framework.ids), error="an indicator id of the framework"),
                description="an indicator id of the framework",
            ),
            "score": pa.Column(
                int,
                pa.Check.in_range(lo, hi, error=_score_description(scale)),
                description=_score_description(scale),
            ),
        },
        strict=False,
    )
    table = validate(frame, schema)
    key = ["round", "expert_id", "indicator_id"]
    dup = table.duplicated(key, keep=False)
    if dup.any():
        first_rows = (
            table.loc[dup]
            .groupby(key, sort=False)
            .apply(lambda g: g.index[0], include_groups=False)
        )
        problems = []
        for row, r in table.loc[table.duplicated(key, keep="first")].iterrows():
            first = first_rows[(r["round"], r["expert_id"], r["indicator_id"])]
            problems.append(
                Problem(
                    f"duplicate score for round {r['round']}, expert {r['expert_id']}, indicator "
                    f"{r['indicator_id']} (first given in row {first})",
                    row,
                    "indicator_id",
                )
            )
        raise InputError(frame.attrs.get("source"), problems, frame.attrs.get("sheet"))
    out = table[key + ["score"]].copy()
    out["_row"] = table.index
    out.attrs = dict(frame.attrs)
    return out


def _wide_part(
    frame: pd.DataFrame, framework: Framework, scale: tuple[int, int], round: int | None
) -> pd.DataFrame:
    source, sheet = frame.attrs.get("source"), frame.attrs.get("sheet")
    expert_col = next((c for c in frame.columns if c in _EXPERT_ALIASES), None)
    if expert_col is None:
        raise InputError.single(
            source,
            "expected either long columns (round, expert_id, indicator_id, score) or a "
            "wide sheet with an 'expert_id' column and one column per indicator",
            row=1,
            column=str(list(frame.columns)[:4]),
            sheet=sheet,
        )
    round_col = next((c for c in frame.columns if c in _ROUND_ALIASES), None)
    lookup = framework.lookup()
    indicator_cols = {}
    problems = []
    for col in frame.columns:
        if col in (expert_col, round_col):
            continue
        if col in lookup:
            indicator_cols[col] = lookup[col]
        else:
            problems.append(
                Problem("header is not an indicator id or name of the framework", 1, col)
            )
    if problems:
        raise InputError(source, problems, sheet)
    seen: dict[str, str] = {}
    for col, ind in indicator_cols.items():
        if ind in seen:
            raise InputError.single(
                source,
                f"indicator {ind} has two columns ('{seen[ind]}')",
                row=1,
                column=col,
                sheet=sheet,
            )
        seen[ind] = col
    columns = {expert_col: pa.Column(str, description="an expert id")}
    if round_col is not None:
        columns[round_col] = pa.Column(
            int, pa.Check.ge(1, error="a round number ≥ 1"), description="a round number ≥ 1"
        )
    elif round is None:
        raise InputError.single(
            source,
            "cannot tell which round this sheet is: add a 'round' column, name the "
            "worksheet after its round (e.g. '第2轮'), or pass round=",
            sheet=sheet,
        )
    for col in indicator_cols:
        columns[col] = pa.Column(
            int,
            pa.Check.in_range(*scale, error=_score_description(scale)),
            nullable=True,
            description=_score_description(scale),
        )
    table = validate(frame, pa.DataFrameSchema(columns, strict=False))
    rounds = table[round_col] if round_col is not None else pd.Series(round, index=table.index)
    dup = pd.DataFrame({"r": rounds, "e": table[expert_col]}).duplicated(keep="first")
    if dup.any():
        row = int(dup.index[dup.argmax()])
        raise InputError.single(
            source,
            "expert appears twice in the same round",
            row=row,
            column=expert_col,
            found=table.loc[row, expert_col],
            sheet=sheet,
        )
    long = table[list(indicator_cols)].rename(columns=indicator_cols)
    long = long.assign(round=rounds, expert_id=table[expert_col], _row=table.index)
    long = long.melt(
        id_vars=["round", "expert_id", "_row"], var_name="indicator_id", value_name="score"
    ).dropna(subset=["score"])
    long["score"] = long["score"].astype(int)
    long["round"] = long["round"].astype(int)
    long.attrs = dict(frame.attrs)
    return long[["round", "expert_id", "indicator_id", "score", "_row"]]


def _check_complete(
    data: pd.DataFrame, framework: Framework, source: str, incomplete: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every expert of a round must score every indicator rated in that round."""
    excluded = []
    problems = []
    keep = np.ones(len(data), dtype=bool)
    # one vectorised pass finds the incomplete experts (distinct indicators per expert vs per
    # round); only those few are then examined one by one to name what they skipped
    r_codes, r_uniq = pd.factorize(data["round"])
    e_codes, e_uniq = pd.factorize(data["expert_id"])
    i_codes, i_uniq = pd.factorize(data["indicator_id"])
    n_ind = max(len(i_uniq), 1)
    pair = r_codes.astype(np.int64) * len(e_uniq) + e_codes
    given = np.bincount(pd.unique(pair * n_ind + i_codes) // n_ind, minlength=1)
    rated = np.bincount(pd.unique(r_codes.astype(np.int64) * n_ind + i_codes) // n_ind)
    short = given[pair] < rated[r_codes]  # distinct indicators per expert vs per round
    if short.any():
        rated_in = {rnd: set(ids) for rnd, ids in data.groupby("round")["indicator_id"]}
        for (rnd, expert), answers in data.loc[short].groupby(["round", "expert_id"], sort=True):
            answered = set(answers["indicator_id"])
            missing = [i for i in framework.ids if i in rated_in[rnd] and i not in answered]
            if incomplete == "exclude":
                excluded.append((int(rnd), expert, ";".join(missing)))
                keep[answers.index] = False
            else:
                problems.append(
                    Problem(
                        f"expert {expert} has no score in round {rnd} for {', '.join(missing)} "
                        "(every expert must rate every indicator of a round; read with "
                        "incomplete='exclude' to leave such experts out)",
                        int(answers["_row"].max()),
                        "indicator_id",
                    )
                )
    if problems:
        raise InputError(source, problems)
    excluded_frame = pd.DataFrame(excluded, columns=["round", "expert_id", "missing"])
    return data.loc[keep].drop(columns="_row"), excluded_frame


_PROFILE_SCHEMA = pa.DataFrameSchema(
    {
        "expert_id": pa.Column(
            str,
            pa.Check(lambda s: ~s.duplicated(), element_wise=False, error="a unique expert id"),
            description="a unique expert id",
        ),
        "years": pa.Column(
            float,
            pa.Check.ge(0, error="years of experience ≥ 0"),
            nullable=True,
            required=False,
            description="years of experience ≥ 0",
        ),
        "ca": pa.Column(
            float,
            pa.Check.in_range(0, 1, error="a judgment-basis coefficient Ca in [0, 1]"),
            description="a judgment-basis coefficient Ca in [0, 1]",
        ),
        "cs": pa.Column(
            float,
            pa.Check.in_range(0, 1, error="a familiarity coefficient Cs in [0, 1]"),
            description="a familiarity coefficient Cs in [0, 1]",
        ),
    },
    strict=False,
)


def read_experts(path: str | Path) -> pd.DataFrame:
    """Read and validate the expert profile table (``expert_id, years, title, ca, cs, …``).

    Column names are case-insensitive (``Ca``/``Cs`` accepted).  Returns the table
    indexed by ``expert_id``.
    """
    frame = read_table(path)
    frame = frame.rename(columns={c: c.lower() for c in frame.columns if c.lower() in ("ca", "cs")})
    table = validate(frame, _PROFILE_SCHEMA)
    return table.set_index("expert_id")
