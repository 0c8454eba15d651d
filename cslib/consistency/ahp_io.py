"""Read AHP pairwise judgements: questionnaire exports ("survey mode") and full matrices.

Survey mode
-----------
One row per expert, an ``expert`` column and one column per pair named ``left~right``
with indicator ids from the framework (``A~B``, ``A1~A2`` …).  A cell holds a signed
Saaty code (see :mod:`cslib.stats.ahp`):

* ``k`` (2…9) — *left* is k times as important as *right*;
* ``-k`` (−2…−9) — *right* is k times as important as *left*;
* ``1`` — equally important (``-1`` is accepted as the same answer).

Either orientation of a pair may be used as the column (``A2~A1`` then means left = A2);
every pair of every sibling group of the framework must be present exactly once and
every cell filled.  Columns without ``~`` other than ``expert`` (timestamps, names) are
ignored.

Matrix mode
-----------
Columns ``expert``, ``group``, ``item`` and one column per indicator id; each expert's
matrix for a group is ``n`` consecutive-or-not rows (one per ``item``) with the values of
that row of the matrix in the columns of the group's children.  ``group`` is the parent
id, or empty / ``top`` / ``(top)`` for the first level.  Values are numbers or fractions
(``3``, ``1/3``, ``0.333``).  In an XLSX workbook every worksheet is read (e.g. one per
group) unless ``sheet`` is given.

Both readers return ``{parent id or None: GroupJudgments}`` and raise
:class:`~cslib.core.errors.InputError` naming file, spreadsheet row, column, expert, group and
pair.  ``docs/ahp_input.md`` shows examples.
"""

from __future__ import annotations

import re
from fractions import Fraction
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd
import pandera.pandas as pa

from cslib.core.errors import InputError, Problem
from cslib.core.framework import Framework
from cslib.core.io import read_table, sheet_names, sheet_of, source_of, validate
from cslib.stats.ahp import (
    TOP,
    GroupJudgments,
    complete_harker,
    from_survey_code,
    matrices_from_pairs,
    pair_index,
    validate_matrices,
)

SURVEY_CODES = (*range(-9, 0), *range(1, 10))
_CODE_TEXT = (
    "a Saaty code: 1…9 (left item more important, 1 = equal) or −2…−9 "
    "(right item more important); 0 and values beyond 9 are not allowed"
)
_TOP_NAMES = {"", "top", TOP, "goal", "目标", "一级", "none"}


def read_ahp_survey(
    path: str | Path,
    framework: Framework,
    *,
    sheet: str | int | None = None,
    expert_column: str = "expert",
    fill_missing: bool = False,
) -> dict[str | None, GroupJudgments]:
    """Read a survey-mode file (one row per expert, one ``left~right`` column per pair).

    Parameters
    ----------
    path : str or Path
        CSV or XLSX.
    framework : Framework
        Defines the sibling groups and therefore the pairs expected.
    sheet : str or int, optional
        Worksheet of an XLSX file.
    expert_column : str
        Column holding the expert id (unique, non-empty).
    fill_missing : bool
        Accept empty cells (an expert skipped a pair) and complete each affected matrix by
        Harker's (1987) eigenvector method (:func:`cslib.stats.ahp.complete_harker`); the
        filled judgements are listed in ``GroupJudgments.filled``.  An expert whose answered
        pairs do not connect every indicator of a group is still an error.  Default
        ``False``: an empty cell is an error.

    Returns
    -------
    dict
        Parent id (``None`` = first level) → :class:`~cslib.stats.ahp.GroupJudgments`, in
        framework order.

    Raises
    ------
    InputError
        Missing or duplicated pair columns, unknown ids in a pair column, empty cells,
        codes that are 0, beyond ±9 or not whole numbers, duplicate expert ids.
    """
    df = read_table(path, sheet=sheet)
    source, sheet_name = source_of(df), sheet_of(df)
    known = set(framework.ids)
    pair_cols = [c for c in df.columns if "~" in c]
    # map every expected pair to the column that holds it
    where: dict[tuple[str | None, int, int], tuple[str, bool]] = {}
    problems: list[Problem] = []
    owner = {}
    for parent, children in framework.groups.items():
        for i, j in pair_index(len(children)):
            owner[(children[i], children[j])] = (parent, i, j, False)
            owner[(children[j], children[i])] = (parent, i, j, True)
    for col in pair_cols:
        left, _, right = (s.strip() for s in col.partition("~"))
        if left not in known or right not in known:
            unknown = [x for x in (left, right) if x not in known]
            problems.append(
                Problem(
                    f"pair column names unknown indicator id(s) {unknown}; "
                    f"expected ids of the framework {list(framework.ids)}",
                    1,
                    col,
                )
            )
            continue
        if (left, right) not in owner:
            problems.append(
                Problem(
                    f"{left} and {right} are not in the same sibling group, so "
                    "they are never compared",
                    1,
                    col,
                )
            )
            continue
        parent, i, j, flipped = owner[(left, right)]
        if (parent, i, j) in where:
            problems.append(
                Problem(
                    f"pair {left}~{right} has two columns "
                    f"('{where[(parent, i, j)][0]}' and '{col}')",
                    1,
                    col,
                )
            )
            continue
        where[(parent, i, j)] = (col, flipped)
    for parent, children in framework.groups.items():
        for i, j in pair_index(len(children)):
            if (parent, i, j) not in where:
                name = f"{children[i]}~{children[j]}"
                problems.append(
                    Problem(
                        f"group {TOP if parent is None else parent}, pair {name}: no column for this "
                        f"pair (expected a column '{name}' or '{children[j]}~{children[i]}')",
                        1,
                        name,
                    )
                )
    if expert_column not in df.columns:
        problems.insert(
            0,
            Problem(
                f"required column is missing; the header has {list(df.columns)}", 1, expert_column
            ),
        )
    if problems:
        raise InputError(source, problems, sheet_name)

    schema = pa.DataFrameSchema(
        {expert_column: pa.Column(str, unique=True, description="a unique expert id")}
        | {
            col: pa.Column(
                None if fill_missing else int,
                pa.Check.isin(SURVEY_CODES, error=_CODE_TEXT),
                nullable=fill_missing,
                description=_CODE_TEXT,
            )
            for col, _ in where.values()
        },
        strict=False,
    )
    if fill_missing:
        # blanks become NaN (allowed); numbers become numbers; anything else stays text so
        # the code check reports it
        df = df.copy()
        for col, _ in where.values():
            raw = df[col]
            text = raw.astype("string").str.strip()
            num = pd.to_numeric(text, errors="coerce")
            blank = raw.isna() | (text == "")
            df[col] = pd.Series(
                np.where(blank, np.nan, np.where(num.notna(), num, raw)),
                index=df.index,
                dtype=object,
            ).where(~blank, np.nan)
    col_info = {col: (parent, i, j, flipped) for (parent, i, j), (col, flipped) in where.items()}
    try:
        table = validate(df, schema)
    except InputError as exc:
        raise _with_context(exc, df, expert_column, col_info, framework) from None

    experts = tuple(table[expert_column].astype(str))
    rows = tuple(int(r) for r in table.index)
    out: dict[str | None, GroupJudgments] = {}
    for parent, children in framework.groups.items():
        n = len(children)
        ratios = np.empty((len(table), len(pair_index(n))))
        for p, (i, j) in enumerate(pair_index(n)):
            col, flipped = where[(parent, i, j)]
            codes = pd.to_numeric(table[col], errors="coerce").to_numpy(dtype=float)
            blank = ~np.isfinite(codes)
            r = np.full(len(codes), np.nan)
            r[~blank] = from_survey_code(codes[~blank])
            ratios[:, p] = 1 / r if flipped else r
        matrices = matrices_from_pairs(ratios, n)
        filled: list[tuple[str, str, float]] = []
        for k in np.flatnonzero(~np.isfinite(ratios).all(axis=1)):
            try:
                done = complete_harker(matrices[k])
            except ValueError as exc:
                gname = TOP if parent is None else parent
                raise InputError.single(
                    source,
                    f"expert {experts[k]}, group {gname}: too many pairs skipped to fill "
                    f"them in ({exc})",
                    row=rows[k],
                    sheet=sheet_name,
                ) from None
            matrices[k] = done.matrix
            filled += [
                (experts[k], f"{children[i]}~{children[j]}", float(done.matrix[i, j]))
                for i, j in done.missing
            ]
        out[parent] = GroupJudgments(
            parent, tuple(children), experts, matrices, source, rows, tuple(filled)
        )
    return out


def _with_context(
    exc: InputError, df: pd.DataFrame, expert_column: str, col_info: dict, framework: Framework
) -> InputError:
    """Add expert, group and pair to each problem of a validation error."""
    problems = []
    for p in exc.problems:
        parts = []
        if p.row is not None and p.row in df.index:
            parts.append(f"expert {df.at[p.row, expert_column] or '?'}")
        if p.column in col_info:
            parent, i, j, flipped = col_info[p.column]
            children = framework.children(parent)
            left, right = (children[j], children[i]) if flipped else (children[i], children[j])
            parts.append(f"group {TOP if parent is None else parent}, pair {left}~{right}")
        prefix = ", ".join(parts)
        message = f"{prefix}: {p.message}" if prefix else p.message
        problems.append(Problem(message, p.row, p.column, p.found))
    return InputError(exc.file, problems, exc.sheet)


_NUMBER = re.compile(r"^\s*(\d+(\.\d*)?|\.\d+)\s*(/\s*(\d+(\.\d*)?))?\s*$")


def _parse_number(text: str) -> float | None:
    m = _NUMBER.match(text)
    if not m:
        return None
    try:
        value = float(Fraction(text.replace(" ", ""))) if "/" in text else float(text)
    except (ValueError, ZeroDivisionError):
        return None
    return value


def read_ahp_matrices(
    path: str | Path,
    framework: Framework,
    *,
    sheet: str | int | None = None,
    scale: Literal["saaty", "continuous"] = "saaty",
    tol: float = 0.02,
) -> dict[str | None, GroupJudgments]:
    """Read full pairwise matrices (columns ``expert, group, item`` + one per indicator id).

    Each matrix is validated with :func:`cslib.stats.ahp.validate_matrices` (positive, diagonal 1,
    reciprocal within ``tol``, on Saaty's scale); the upper triangle is used and the lower
    set to its exact reciprocal.  Every expert must give a matrix for every group.

    Returns
    -------
    dict
        Parent id (``None`` = first level) → :class:`~cslib.stats.ahp.GroupJudgments`.
    """
    path = Path(path)
    if sheet is None and path.suffix.lower() in (".xlsx", ".xlsm"):
        frames = [read_table(path, sheet=s) for s in sheet_names(path)]
    else:
        frames = [read_table(path, sheet=sheet)]
    blocks: dict[str | None, dict[str, tuple[np.ndarray, list[int], str | None, str | None]]] = {}
    for df in frames:
        for parent, expert, matrix, rows in _matrix_blocks(df, framework):
            seen = blocks.setdefault(parent, {})
            if expert in seen:
                raise InputError.single(
                    source_of(df),
                    f"expert {expert}, group {TOP if parent is None else parent}: "
                    "a second matrix for the same expert and group",
                    row=rows[0],
                    column="expert",
                    sheet=sheet_of(df),
                )
            seen[expert] = (matrix, rows, source_of(df), sheet_of(df))
    experts_all = list(dict.fromkeys(e for b in blocks.values() for e in b))
    out: dict[str | None, GroupJudgments] = {}
    for parent, children in framework.groups.items():
        got = blocks.get(parent, {})
        missing = [e for e in experts_all if e not in got]
        if missing or not got:
            raise InputError.single(
                str(path),
                f"group {TOP if parent is None else parent}: no matrix for expert(s) "
                f"{missing or 'any'}; every expert needs a matrix for every group "
                f"({list(children)})",
                column="group",
            )
        experts = [e for e in experts_all if e in got]
        stack = np.stack([got[e][0] for e in experts])
        rows = [got[e][1] for e in experts]
        src = got[experts[0]][2]
        try:
            clean = validate_matrices(
                stack,
                children,
                experts=experts,
                group=parent,
                source=src,
                rows=rows,
                scale=scale,
                tol=tol,
            )
        except InputError as exc:
            raise InputError(exc.file, exc.problems, got[experts[0]][3]) from None
        out[parent] = GroupJudgments(parent, tuple(children), tuple(experts), clean, src, None)
    return out


def _matrix_blocks(df: pd.DataFrame, framework: Framework):
    source, sheet = source_of(df), sheet_of(df)
    schema = pa.DataFrameSchema(
        {
            "expert": pa.Column(str, description="an expert id"),
            "item": pa.Column(str, description="the indicator id of this matrix row"),
            "group": pa.Column(
                str,
                nullable=True,
                required=False,
                description="the parent id (empty or 'top' for the first level)",
            ),
        },
        strict=False,
    )
    table = validate(df, schema)
    if "group" not in table.columns:
        table["group"] = None
    problems: list[Problem] = []
    groups = framework.groups
    keys: list[str | None] = []
    for row, r in table.iterrows():
        g = r["group"]
        g = None if g is None or pd.isna(g) or str(g).strip().lower() in _TOP_NAMES else str(g)
        if g not in groups:
            problems.append(
                Problem(
                    f"expected a group (parent id) of the framework "
                    f"{[TOP if k is None else k for k in groups]}",
                    row,
                    "group",
                    r["group"],
                )
            )
            keys.append(None)
            continue
        if r["item"] not in groups[g]:
            problems.append(
                Problem(
                    f"expert {r['expert']}, group {TOP if g is None else g}: "
                    f"expected one of {list(groups[g])}",
                    row,
                    "item",
                    r["item"],
                )
            )
        keys.append(g)
    if problems:
        raise InputError(source, problems, sheet)
    table["_g"] = keys
    for (expert, g), block in table.groupby(["expert", "_g"], sort=False, dropna=False):
        g = None if isinstance(g, float) and pd.isna(g) else g
        children = groups[g]
        gname = TOP if g is None else g
        dup = block["item"][block["item"].duplicated()]
        if len(dup):
            raise InputError.single(
                source,
                f"expert {expert}, group {gname}: row for {dup.iloc[0]} given twice",
                row=int(dup.index[0]),
                column="item",
                found=dup.iloc[0],
                sheet=sheet,
            )
        absent = [c for c in children if c not in set(block["item"])]
        if absent:
            raise InputError.single(
                source,
                f"expert {expert}, group {gname}: the matrix has no row for {absent}",
                row=int(block.index[0]),
                column="item",
                sheet=sheet,
            )
        missing_cols = [c for c in children if c not in df.columns]
        if missing_cols:
            raise InputError.single(
                source,
                f"group {gname}: no column for {missing_cols}",
                row=1,
                column=missing_cols[0],
                sheet=sheet,
            )
        matrix = np.empty((len(children), len(children)))
        rows = []
        for i, child in enumerate(children):
            row = int(block.index[block["item"] == child][0])
            rows.append(row)
            for j, other in enumerate(children):
                text = df.at[row, other]
                value = _parse_number(text)
                if value is None:
                    what = "missing value" if text == "" else "not a number"
                    raise InputError.single(
                        source,
                        f"expert {expert}, group {gname}, pair {child}~{other}: {what}; "
                        "expected a positive number or fraction on Saaty's scale (e.g. 3, 1/3)",
                        row=row,
                        column=other,
                        found=text or None,
                        sheet=sheet,
                    )
                matrix[i, j] = value
        yield g, str(expert), matrix, rows
