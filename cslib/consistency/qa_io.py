"""Read QA calibration scores and questionnaire answers, with located errors.

QA calibration (long format, one row per call × inspector × item)::

    call_id, inspector_id, item, score

A blank ``score`` is a missing rating (allowed: Krippendorff's alpha uses what there is;
ICC uses complete calls and reports the others).  A quality form (``item, name_zh,
name_en, max_points[, min_points]``) gives each item's range; without one, a single
``score_range`` applies.  Errors (:class:`~cslib.core.errors.InputError`, naming file, row,
column, inspector, call and item): unknown item, score outside the item's range or not a
number, the same call/inspector/item twice, an inspector with no ratings at all (also one
listed in ``inspectors`` but absent from the file).

Questionnaire answers (wide, one row per respondent, one column per item)::

    respondent, S1, S2, …

read by :func:`read_item_scores` with a Likert range check.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa

from cslib.core.errors import InputError, Problem
from cslib.core.i18n import choose
from cslib.core.io import read_table, sheet_of, source_of, validate


@dataclass(frozen=True)
class QAForm:
    """A call quality form: items in order with their point ranges.

    Attributes
    ----------
    items : tuple of str
    names_zh, names_en : dict
        Item id → name.
    min_points, max_points : dict
        Item id → lowest / highest score.
    source : str or None
    """

    items: tuple[str, ...]
    names_zh: dict[str, str]
    names_en: dict[str, str]
    min_points: dict[str, float]
    max_points: dict[str, float]
    source: str | None = None

    @property
    def total(self) -> float:
        """Highest possible total score."""
        return float(sum(self.max_points.values()))

    def name(self, item: str, lang: str = "zh") -> str:
        return choose(self.names_zh, self.names_en, lang)[item]


def read_qa_form(path: str | Path, *, sheet: str | int | None = None) -> QAForm:
    """Read a quality form: ``item, name_zh, name_en, max_points[, min_points]``."""
    df = read_table(path, sheet=sheet)
    schema = pa.DataFrameSchema(
        {
            "item": pa.Column(str, unique=True, description="a unique item id"),
            "name_zh": pa.Column(str, description="the item's Chinese name"),
            "name_en": pa.Column(str, description="the item's English name"),
            "max_points": pa.Column(
                float,
                pa.Check.gt(0, error="a positive number of points"),
                description="the highest score of the item (points > 0)",
            ),
            "min_points": pa.Column(
                float,
                nullable=True,
                required=False,
                description="the lowest score of the item (default 0)",
            ),
        },
        strict=False,
    )
    t = validate(df, schema)
    mins = t["min_points"].fillna(0.0) if "min_points" in t else pd.Series(0.0, index=t.index)
    bad = t.index[mins >= t["max_points"]]
    if len(bad):
        raise InputError.single(
            source_of(df),
            "min_points must be below max_points",
            row=int(bad[0]),
            column="min_points",
            found=mins[bad[0]],
            sheet=sheet_of(df),
        )
    items = tuple(t["item"])
    return QAForm(
        items,
        dict(zip(items, t["name_zh"], strict=True)),
        dict(zip(items, t["name_en"], strict=True)),
        dict(zip(items, mins.astype(float), strict=True)),
        dict(zip(items, t["max_points"].astype(float), strict=True)),
        source_of(df),
    )


@dataclass(frozen=True)
class QACalibration:
    """Validated QA calibration scores.

    Attributes
    ----------
    scores : DataFrame
        Long: ``call_id, inspector_id, item, score`` (score NaN = missing), file order,
        indexed by spreadsheet row.
    form : QAForm or None
    inspectors, calls, items : tuple of str
        In order of first appearance (items in form order when a form is given).
    missing : DataFrame
        ``call_id, inspector_id, item`` of every missing rating (blank cell or absent row).
    source : str or None
    """

    scores: pd.DataFrame = field(repr=False)
    form: QAForm | None
    inspectors: tuple[str, ...]
    calls: tuple[str, ...]
    items: tuple[str, ...]
    missing: pd.DataFrame = field(repr=False)
    source: str | None = None

    def cube(self) -> np.ndarray:
        """Scores as an array (calls, inspectors, items), NaN where missing."""
        idx = pd.MultiIndex.from_product([self.calls, self.inspectors, self.items])
        s = self.scores.set_index(["call_id", "inspector_id", "item"])["score"].reindex(idx)
        return s.to_numpy(dtype=float).reshape(
            len(self.calls), len(self.inspectors), len(self.items)
        )

    def item_scores(self, item: str) -> pd.DataFrame:
        """Calls × inspectors scores of one item (NaN = missing)."""
        k = self.items.index(item)
        return pd.DataFrame(
            self.cube()[:, :, k],
            index=pd.Index(self.calls, name="call_id"),
            columns=list(self.inspectors),
        )

    def totals(self) -> pd.DataFrame:
        """Calls × inspectors total scores; NaN where any item of that rating is missing."""
        c = self.cube()
        tot = c.sum(axis=2)  # NaN propagates: a total with a missing item is unknown
        return pd.DataFrame(
            tot, index=pd.Index(self.calls, name="call_id"), columns=list(self.inspectors)
        )

    def complete_totals(self) -> tuple[pd.DataFrame, tuple[str, ...]]:
        """Totals of the calls every inspector scored completely, and the calls left out."""
        t = self.totals()
        keep = t.notna().all(axis=1)
        return t.loc[keep], tuple(t.index[~keep])


def read_qa_calibration(
    path: str | Path,
    form: QAForm | None = None,
    *,
    score_range: tuple[float, float] | None = None,
    inspectors: list[str] | tuple[str, ...] | None = None,
    sheet: str | int | None = None,
) -> QACalibration:
    """Read and validate long-format QA calibration scores.

    Parameters
    ----------
    path : str or Path
        CSV/XLSX with ``call_id, inspector_id, item, score``.
    form : QAForm, optional
        Item ids and point ranges; without it, every item uses ``score_range``.
    score_range : (low, high), optional
        Range for every item when no form is given (default: no range check).
    inspectors : sequence of str, optional
        The roster; an inspector listed here with no ratings in the file is an error.
    """
    df = read_table(path, sheet=sheet)
    source, sheet_name = source_of(df), sheet_of(df)
    item_checks = []
    if form is not None:
        item_checks.append(
            pa.Check.isin(form.items, error=f"an item of the form {list(form.items)}")
        )
    schema = pa.DataFrameSchema(
        {
            "call_id": pa.Column(str, description="a call id"),
            "inspector_id": pa.Column(str, description="an inspector id"),
            "item": pa.Column(str, item_checks, description="an item id"),
            "score": pa.Column(
                float, nullable=True, description="a score (number; blank = missing)"
            ),
        },
        strict=False,
    )
    try:
        t = validate(df, schema)
    except InputError as exc:
        raise _with_context(exc, df) from None
    problems: list[Problem] = []
    # vectorised range and duplicate checks; only offending rows become problems
    if form is not None or score_range is not None:
        if form is not None:
            lo = t["item"].map(form.min_points).astype(float)
            hi = t["item"].map(form.max_points).astype(float)
        else:
            assert score_range is not None
            lo = pd.Series(float(score_range[0]), index=t.index)
            hi = pd.Series(float(score_range[1]), index=t.index)
        s = t["score"]
        off = s.notna() & ~((lo <= s) & (s <= hi))
        problems += [
            Problem(
                f"inspector {ins}, call {call}, item {item}: expected "
                f"a score from {low:g} to {high:g}",
                row,
                "score",
                df.at[row, "score"],
            )
            for row, ins, call, item, low, high in zip(
                t.index[off],
                t["inspector_id"][off],
                t["call_id"][off],
                t["item"][off],
                lo[off],
                hi[off],
                strict=True,
            )
        ]
    key = ["call_id", "inspector_id", "item"]
    dup = t.duplicated(key, keep="first")
    if dup.any():
        first_row = (
            pd.Series(t.index, index=t.index)
            .groupby([t[k] for k in key], sort=False)
            .transform("first")
        )
        for row in t.index[dup]:
            r = t.loc[row]
            problems.append(
                Problem(
                    f"inspector {r['inspector_id']}, call {r['call_id']}, item {r['item']}: "
                    f"scored twice (first in row {first_row[row]})",
                    row,
                    "item",
                    r["item"],
                )
            )
    seen_inspectors = t["inspector_id"].unique().tolist()  # first-seen order
    by_inspector = t.groupby("inspector_id", sort=False)
    all_blank = by_inspector["score"].count() == 0
    first_of = pd.Series(t.index, index=t.index).groupby(t["inspector_id"], sort=False).first()
    for ins in seen_inspectors:
        if all_blank[ins]:
            problems.append(
                Problem(
                    f"inspector {ins} has no ratings (every score is blank); "
                    "remove the inspector or fill in the scores",
                    int(first_of[ins]),
                    "inspector_id",
                    ins,
                )
            )
    for ins in inspectors or ():
        if ins not in seen_inspectors:
            problems.append(
                Problem(
                    f"inspector {ins} has no ratings in the file (expected by the "
                    f"roster {list(inspectors or ())})",
                    None,
                    "inspector_id",
                )
            )
    if problems:
        raise InputError(source, problems, sheet_name)
    calls = tuple(t["call_id"].unique().tolist())  # first-seen order, vectorised
    items = form.items if form is not None else tuple(t["item"].unique().tolist())
    roster = tuple(inspectors) if inspectors else tuple(seen_inspectors)
    full = pd.MultiIndex.from_product(
        [calls, roster, items], names=["call_id", "inspector_id", "item"]
    )
    # cells of the full grid without a score (absent or blank): each row's position in the
    # grid from integer codes ((call, inspector, item) is unique here: duplicates were refused)
    # instead of reindexing a three-level index built from the text
    if len(set(roster)) == len(roster) and len(set(items)) == len(items):
        call_code, _ = pd.factorize(t["call_id"])  # first-seen order, as ``calls``
        ins_code = _positions(t["inspector_id"], roster)
        item_code = _positions(t["item"], items)
        on_grid = (ins_code >= 0) & (item_code >= 0)
        flat = (call_code * len(roster) + ins_code) * len(items) + item_code
        grid = np.full(len(full), np.nan)
        grid[flat[on_grid]] = t["score"].to_numpy(dtype=float, na_value=np.nan)[on_grid]
        missing = full[np.isnan(grid)].to_frame(index=False)
    else:  # a roster naming an inspector twice: reindex copes with repeated labels
        got = t.set_index(["call_id", "inspector_id", "item"])["score"].reindex(full)
        missing = got[got.isna()].index.to_frame(index=False)
    out = t[["call_id", "inspector_id", "item", "score"]].copy()
    out["score"] = out["score"].astype(float)
    return QACalibration(out, form, roster, calls, items, missing, source)


def _positions(values: pd.Series, labels: tuple[str, ...]) -> np.ndarray:
    """Position of each value in ``labels`` (unique), -1 if absent; one lookup per distinct value
    (``Index.get_indexer`` would first copy Arrow text into Python objects)."""
    codes, uniques = pd.factorize(values)
    where = {label: k for k, label in enumerate(labels)}
    return np.array([where.get(u, -1) for u in uniques] + [-1], dtype=np.int64)[codes]


def _with_context(exc: InputError, df: pd.DataFrame) -> InputError:
    problems = []
    for p in exc.problems:
        if (
            p.row is not None
            and p.row in df.index
            and {"call_id", "inspector_id"} <= set(df.columns)
        ):
            ctx = (
                f"inspector {df.at[p.row, 'inspector_id'] or '?'}, call "
                f"{df.at[p.row, 'call_id'] or '?'}"
                + (f", item {df.at[p.row, 'item']}" if "item" in df.columns else "")
            )
            problems.append(Problem(f"{ctx}: {p.message}", p.row, p.column, p.found))
        else:
            problems.append(p)
    return InputError(exc.file, problems, exc.sheet)


def read_item_scores(
    path: str | Path,
    *,
    id_column: str = "respondent",
    scale: tuple[int, int] = (1, 5),
    sheet: str | int | None = None,
) -> pd.DataFrame:
    """Read questionnaire answers (one row per respondent, one column per item).

    Every column except ``id_column`` is an item; answers are whole numbers within
    ``scale``; blanks are missing answers (kept as NaN; Cronbach's alpha drops those
    respondents and reports how many).

    Returns
    -------
    DataFrame
        Respondents (index, named ``id_column``) × items, float.
    """
    df = read_table(path, sheet=sheet)
    lo, hi = scale
    item_cols = [c for c in df.columns if c != id_column]
    if len(item_cols) < 2:
        raise InputError.single(
            source_of(df),
            f"expected at least two item columns besides '{id_column}'",
            row=1,
            sheet=sheet_of(df),
        )
    text = f"a whole number from {lo} to {hi} (blank = no answer)"
    schema = pa.DataFrameSchema(
        {id_column: pa.Column(str, unique=True, description="a unique respondent id")}
        | {
            c: pa.Column(
                float,
                [
                    pa.Check.in_range(lo, hi, error=text),
                    pa.Check(lambda s: s % 1 == 0, element_wise=False, error=text),
                ],
                nullable=True,
                description=text,
            )
            for c in item_cols
        },
        strict=False,
    )
    t = validate(df, schema)
    return t.set_index(id_column)[item_cols].astype(float)
