"""Read and validate the micro-course effectiveness data (Kirkpatrick levels 1–4).

Formats (CSV or XLSX, header in row 1; see ``docs/effectiveness_data.md``):

* course catalogue — ``course_id, title_zh, title_en, series, duration_min, format,
  target_indicators`` (``format`` is ``micro`` or ``classroom``; targets are ``;``-separated
  indicator ids of the competency framework);
* attendance — ``agent_id, team, course_id, date, format``;
* Level 1 survey — ``course_id, staff_group, satisfied`` (+ optional ``response_id, agent_id,
  date, helpful`` and Likert items whose names start with ``q_``);
* Level 2 tests — ``agent_id, course_id, test (pre/post/delayed), date, score, max_score``;
  optional item answers ``agent_id, course_id, test, q01 … qNN`` (1 = correct, 0 = wrong);
* Level 3/4 weekly — ``agent_id, team, week`` and one column per measure
  (``qa_score``; ``qa_pass_rate, repeat_tickets, aht_s, csat, sales_conversion``).

Every reader returns validated frames whose index is the spreadsheet row; bad input raises
:class:`~cslib.core.errors.InputError` naming file, row, column and what was expected.  Rows that are
valid but cannot be used (a test by an agent with no attendance record, a pre-test without a
post-test) are never dropped silently: they are listed in an ``excluded`` table with a reason.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa

from cslib.core import plausibility
from cslib.core.codes import FORMAT_CODES, canonical_codes
from cslib.core.courses import Catalogue, check_course_ids, read_courses, text_column
from cslib.core.dates import check_dates
from cslib.core.errors import InputError, Problem
from cslib.core.framework import Framework
from cslib.core.io import read_table, source_of, validate

TESTS = ("pre", "post", "delayed")
STAFF_GROUPS = ("front_line", "back_office")
#: Weekly measures with their valid range and whether they must be whole numbers.
MEASURES = {
    "qa_score": (0.0, 100.0, False),
    "qa_pass_rate": (0.0, 100.0, False),
    "repeat_tickets": (0.0, np.inf, True),
    "aht_s": (0.0, np.inf, False),
    "csat": (0.0, 100.0, False),
    "sales_conversion": (0.0, 100.0, False),
}
EXCLUDED_COLUMNS = ["file", "row", "agent_id", "course_id", "test", "reason"]

_YES = {"yes", "y", "1", "true", "是", "满意", "有帮助"}
_NO = {"no", "n", "0", "false", "否", "不满意", "没有帮助", "无帮助"}
_GROUP_ALIASES = {
    "front_line": "front_line",
    "front line": "front_line",
    "frontline": "front_line",
    "一线": "front_line",
    "一线员工": "front_line",
    "back_office": "back_office",
    "back office": "back_office",
    "backoffice": "back_office",
    "后台": "back_office",
    "后台人员": "back_office",
    "二线": "back_office",
}
_TEST_ALIASES = {
    "pre": "pre",
    "前测": "pre",
    "post": "post",
    "后测": "post",
    "delayed": "delayed",
    "延迟测": "delayed",
    "retention": "delayed",
}
_DATE_RE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]00:00(?::00)?)?$")


def _empty_excluded() -> pd.DataFrame:
    return pd.DataFrame(columns=EXCLUDED_COLUMNS)


def _parse_dates(df: pd.DataFrame, column: str, *, nullable: bool = False) -> pd.Series:
    """Parse ``YYYY-MM-DD`` (also ``/`` or ``.``, Excel's ``… 00:00:00``) into datetime64.

    Each distinct text is parsed once (dates repeat), so the cost is linear in the rows.
    """
    codes, uniques = pd.factorize(df[column], use_na_sentinel=True)
    parsed: list[pd.Timestamp | None] = []
    error: list[str | None] = []
    for value in uniques:
        text = "" if value is None or (isinstance(value, float) and np.isnan(value)) else str(value)
        m = _DATE_RE.match(text.strip())
        if not text.strip():
            parsed.append(None)
            error.append(None if nullable else "missing date; expected a date like 2025-03-04")
            continue
        try:
            if m is None:
                raise ValueError
            parsed.append(pd.Timestamp(int(m[1]), int(m[2]), int(m[3])))
            error.append(None)
        except ValueError:
            parsed.append(None)
            error.append("expected a date like 2025-03-04")
    if not nullable:  # missing cells (code -1) are errors too
        parsed.append(None)
        error.append("missing date; expected a date like 2025-03-04")
    else:
        parsed.append(None)
        error.append(None)
    bad_code = np.array([e is not None for e in error], dtype=bool)
    bad = bad_code[codes]
    if bad.any():
        problems = []
        for row, code in zip(df.index[bad], codes[bad], strict=True):
            message = error[code]
            text = "" if code < 0 else str(uniques[code])
            found = text if message == "expected a date like 2025-03-04" else None
            problems.append(Problem(str(message), row, column, found))
        raise InputError(source_of(df), problems, df.attrs.get("sheet"))
    # the same conversion as one Timestamp per row would get (its unit follows pandas' default)
    values = pd.to_datetime(parsed)
    return pd.Series(values.take(codes), index=df.index, name=column)  # code -1: trailing NaT


def _map_values(
    df: pd.DataFrame,
    column: str,
    mapping: Mapping[str, object],
    expected: str,
    *,
    nullable: bool = False,
) -> pd.Series:
    codes, uniques = pd.factorize(df[column], use_na_sentinel=True)
    mapped: list[object] = []
    ok: list[bool] = []
    for text in [*uniques, None]:
        key = "" if text is None or (isinstance(text, float) and np.isnan(text)) else str(text)
        key = key.strip().lower()
        if key == "" and nullable:
            mapped.append(None)
            ok.append(True)
        elif key in mapping:
            mapped.append(mapping[key])
            ok.append(True)
        else:
            mapped.append(None)
            ok.append(False)
    bad = ~np.array(ok, dtype=bool)[codes]
    if bad.any():
        raw = df[column]
        problems = [
            Problem(f"expected {expected}", row, column, raw[row] or None) for row in df.index[bad]
        ]
        raise InputError(source_of(df), problems, df.attrs.get("sheet"))
    out = np.empty(len(mapped), dtype=object)
    out[:] = mapped
    return pd.Series(out[codes], index=df.index, name=column, dtype=object)


def _finish(frame: pd.DataFrame, like: pd.DataFrame) -> pd.DataFrame:
    frame.attrs["source"] = source_of(like)
    if "sheet" in like.attrs:
        frame.attrs["sheet"] = like.attrs["sheet"]
    return frame


# ---------------------------------------------------------------------------- attendance
_SESSION_SCHEMA = pa.DataFrameSchema(
    {
        "agent_id": text_column(str, "an agent id"),
        "team": text_column(str, "a team name"),
        "course_id": text_column(str, "a course id"),
        "date": text_column(str, "a date like 2025-03-04"),
        "format": text_column(str, "'micro' or 'classroom'", nullable=True, required=False),
    },
    strict=False,
)


def read_sessions(path: str | Path, catalogue: Catalogue) -> pd.DataFrame:
    """Read attendance: one row per agent and course attended.

    Returns columns ``agent_id, team, course_id, date (datetime64), format`` indexed by
    spreadsheet row.  ``format`` may be left empty (taken from the catalogue) but must agree
    with the catalogue when given.

    Raises
    ------
    InputError
        Unknown course id, bad date, a date after the day of the run, format disagreeing with
        the catalogue, the same agent attending the same course twice.
    """
    raw = read_table(path)
    df = validate(raw, _SESSION_SCHEMA)
    df = _finish(df, raw)
    check_course_ids(df, catalogue)
    df["date"] = _parse_dates(df, "date")
    # attendance after the day of the run is a typing error (a session "in 2099")
    check_dates(df, "date", max_outliers=0, file=source_of(raw))
    expected = df["course_id"].map(catalogue.mapping("format"))
    if "format" not in df:
        df["format"] = expected
    given = canonical_codes(df["format"].fillna(""), FORMAT_CODES)  # 微课 → micro, …
    problems = [
        Problem(f"format disagrees with the catalogue (expected '{e}')", r, "format", g)
        for r, g, e in zip(df.index, given, expected, strict=True)
        if g and g != e
    ]
    first: dict[tuple[str, str], int] = {}
    for r, a, c in zip(df.index, df["agent_id"], df["course_id"], strict=True):
        if (a, c) in first:
            problems.append(
                Problem(
                    f"agent {a} attends course {c} twice (also row {first[a, c]}); "
                    "keep one attendance row per agent and course",
                    r,
                    "course_id",
                    c,
                )
            )
        first.setdefault((a, c), r)
    if problems:
        raise InputError(source_of(raw), problems, raw.attrs.get("sheet"))
    df["format"] = expected
    return _finish(df[["agent_id", "team", "course_id", "date", "format"]].copy(), raw)


# ------------------------------------------------------------------------------ level 1
_REACTION_SCHEMA = pa.DataFrameSchema(
    {
        "course_id": text_column(str, "a course id"),
        "staff_group": text_column(str, "'front_line' or 'back_office' (一线/后台)"),
        "satisfied": text_column(str, "yes or no (是/否)"),
        "helpful": text_column(str, "yes, no or empty", nullable=True, required=False),
        "agent_id": text_column(str, "an agent id", nullable=True, required=False),
        "date": text_column(str, "a date like 2025-03-04", nullable=True, required=False),
    },
    strict=False,
)


def read_reaction(
    path: str | Path, catalogue: Catalogue, *, likert: tuple[int, int] = (1, 5)
) -> pd.DataFrame:
    """Read the post-session satisfaction survey (Kirkpatrick level 1).

    Returns one row per response with ``course_id, format, series, staff_group, satisfied
    (bool), helpful (bool or None)`` and every Likert item column (``q_*``) as integers.

    Raises
    ------
    InputError
        Unknown course, staff group or yes/no answer; Likert answers outside ``likert``.
    """
    raw = read_table(path)
    items = [c for c in raw.columns if c.startswith("q_")]
    lo, hi = likert
    schema = _REACTION_SCHEMA.add_columns(
        {
            q: text_column(
                int,
                f"an integer {lo}–{hi}",
                pa.Check.in_range(lo, hi, error=f"an integer {lo}–{hi}"),
                nullable=True,
            )
            for q in items
        }
    )
    df = _finish(validate(raw, schema), raw)
    check_course_ids(df, catalogue)
    yes_no = {**dict.fromkeys(_YES, True), **dict.fromkeys(_NO, False)}
    df["satisfied"] = _map_values(df, "satisfied", yes_no, "yes or no (是/否)")
    if "helpful" in df:
        df["helpful"] = _map_values(df, "helpful", yes_no, "yes, no or empty", nullable=True)
    else:
        df["helpful"] = None
    df["staff_group"] = _map_values(
        df, "staff_group", _GROUP_ALIASES, "'front_line' or 'back_office' (一线/后台)"
    )
    if "date" in df:
        df["date"] = _parse_dates(df, "date", nullable=True)
    df["format"] = df["course_id"].map(catalogue.mapping("format"))
    df["series"] = df["course_id"].map(catalogue.mapping("series"))
    return _finish(df, raw)


# ------------------------------------------------------------------------------ level 2
_TEST_SCHEMA = pa.DataFrameSchema(
    {
        "agent_id": text_column(str, "an agent id"),
        "course_id": text_column(str, "a course id"),
        "test": text_column(str, "pre, post or delayed (前测/后测/延迟测)"),
        "date": text_column(str, "a date like 2025-03-04"),
        "score": text_column(float, "a number (the test score)"),
        "max_score": text_column(
            float, "the highest possible score (> 0)", pa.Check.gt(0, error="a maximum score > 0")
        ),
    },
    strict=False,
)


@dataclass(frozen=True)
class TestScores:
    """Validated Level 2 test scores.

    Attributes
    ----------
    scores : DataFrame
        Usable rows: ``agent_id, course_id, test, date, score, max_score`` (index = spreadsheet row).
    excluded : DataFrame
        Rows left out, with the reason (:data:`EXCLUDED_COLUMNS`).
    source : str or None
    """

    scores: pd.DataFrame
    excluded: pd.DataFrame = field(default_factory=_empty_excluded)
    source: str | None = None


def read_tests(
    path: str | Path, catalogue: Catalogue, sessions: pd.DataFrame | None = None
) -> TestScores:
    """Read pre-, post- and delayed-test scores (Kirkpatrick level 2).

    Checks, each reported with file, row and column: known course; test kind; score within
    ``0 … max_score``; one maximum score per course (pre and post on the same scale); no duplicate test of the same kind for an agent and course; post-test not
    dated before the pre-test and delayed test not before the post-test.  When ``sessions`` is
    given, scores of an agent with no attendance record for that course are **excluded and
    listed** (reason ``"no attendance record"``), not dropped silently.

    Raises
    ------
    InputError
    """
    raw = read_table(path)
    df = _finish(validate(raw, _TEST_SCHEMA), raw)
    check_course_ids(df, catalogue)
    df["test"] = _map_values(df, "test", _TEST_ALIASES, "pre, post or delayed (前测/后测/延迟测)")
    df["date"] = _parse_dates(df, "date")
    src, sheet = source_of(raw), raw.attrs.get("sheet")
    # vectorised checks (one pass each); only offending rows are turned into problems
    rows = pd.Series(df.index, index=df.index)
    score, top = df["score"], df["max_score"]
    off = ~((score >= 0) & (score <= top))
    problems = [
        Problem(f"expected a score between 0 and the maximum {m:g}", r, "score", s)
        for r, s, m in zip(df.index[off], score[off], top[off], strict=True)
    ]
    by_course = df.groupby("course_id", sort=False)
    first_max = by_course["max_score"].transform("first")
    first_max_row = rows.groupby(df["course_id"], sort=False).transform("first")
    other = top != first_max
    problems += [
        Problem(
            f"every test of course {c} needs the same maximum score (row {fr} has {fm:g})",
            r,
            "max_score",
            m,
        )
        for r, c, m, fm, fr in zip(
            df.index[other],
            df["course_id"][other],
            top[other],
            first_max[other],
            first_max_row[other],
            strict=True,
        )
    ]
    key = ["agent_id", "course_id", "test"]
    dup = df.duplicated(key, keep="first")
    if dup.any():
        first_row = rows.groupby([df[k] for k in key], sort=False).transform("first")
        problems += [
            Problem(
                f"duplicate {t}-test for agent {a} in course {c} (also row {fr})",
                r,
                "test",
                t,
            )
            for r, a, c, t, fr in zip(
                df.index[dup],
                df["agent_id"][dup],
                df["course_id"][dup],
                df["test"][dup],
                first_row[dup],
                strict=True,
            )
        ]
    if problems:
        raise InputError(src, problems, sheet)
    # each test's date against the same agent's earlier test in the course; (agent, course,
    # test) is unique here (duplicates were refused above), so one integer code per
    # (agent, course) and a lookup array per test kind replace a MultiIndex reindex
    pair = df.groupby(["agent_id", "course_id"], sort=False).ngroup().to_numpy()
    kinds = df["test"].to_numpy()
    dates = df["date"].to_numpy()
    file_rows = df.index.to_numpy()
    reported = np.zeros(len(df), dtype=bool)
    late: dict[int, Problem] = {}
    for before, after in (("pre", "post"), ("post", "delayed"), ("pre", "delayed")):
        is_after = (kinds == after) & ~reported
        if not is_after.any():
            continue
        is_before = kinds == before
        ref_date = np.full(len(df), np.datetime64("NaT"), dtype=dates.dtype)
        ref_row = np.zeros(len(df), dtype=np.int64)
        ref_date[pair[is_before]] = dates[is_before]
        ref_row[pair[is_before]] = file_rows[is_before]
        sub = df.loc[is_after]
        sub_ref_date = ref_date[pair[is_after]]
        early = (dates[is_after] < sub_ref_date) & ~np.isnat(sub_ref_date)
        for r, a, c, d, fr, fd in zip(
            sub.index[early],
            sub["agent_id"][early],
            sub["course_id"][early],
            sub["date"][early],
            ref_row[pair[is_after]][early],
            sub_ref_date[early],
            strict=True,
        ):
            late[r] = Problem(
                f"{after}-test dated before the {before}-test of agent {a} in course {c} "
                f"(row {int(fr)}, {pd.Timestamp(fd):%Y-%m-%d})",
                r,
                "date",
                f"{d:%Y-%m-%d}",
            )
        reported[np.flatnonzero(is_after)[early]] = True
    if late:
        raise InputError(src, [late[r] for r in sorted(late)], sheet)
    excluded = _empty_excluded()
    if sessions is not None:
        keep = _pairs_in(df, sessions, ["agent_id", "course_id"])
        if (~keep).any():
            gone = df.loc[~keep]
            excluded = pd.DataFrame(
                {
                    "file": src,
                    "row": gone.index,
                    "agent_id": gone["agent_id"].to_numpy(),
                    "course_id": gone["course_id"].to_numpy(),
                    "test": gone["test"].to_numpy(),
                    "reason": "no attendance record for this agent and course",
                }
            )
            df = df.loc[keep]
    cols = ["agent_id", "course_id", "test", "date", "score", "max_score"]
    return TestScores(scores=_finish(df[cols].copy(), raw), excluded=excluded, source=src)


def _pairs_in(frame: pd.DataFrame, other: pd.DataFrame, key: list[str]) -> np.ndarray:
    """Whether each row's ``key`` values occur together in a row of ``other``.

    ``MultiIndex.isin`` of the two, computed as one integer code per key column over both
    frames (a MultiIndex would factorise every column twice and hash the tuples again).
    """
    n = len(frame)
    if n == 0:
        return np.zeros(0, dtype=bool)
    codes = [
        pd.factorize(pd.concat([frame[k], other[k]], ignore_index=True))[0].astype(np.int64)
        for k in key
    ]
    if any((c < 0).any() for c in codes):  # missing values: keep the MultiIndex semantics
        wanted = pd.MultiIndex.from_arrays([other[k] for k in key])
        return pd.MultiIndex.from_arrays([frame[k] for k in key]).isin(wanted)
    combined = codes[0]
    for c in codes[1:]:
        combined = combined * (int(c.max()) + 1) + c
    return np.isin(combined[:n], combined[n:])


def read_test_items(path: str | Path, catalogue: Catalogue) -> pd.DataFrame:
    """Read item-level answers (wide: ``agent_id, course_id, test, q01 … qNN``; 1/0, empty = not
    on this test).

    Raises
    ------
    InputError
        Unknown course or test kind, answers other than 0/1, duplicate agent/course/test rows.
    """
    raw = read_table(path)
    items = [c for c in raw.columns if c not in ("agent_id", "course_id", "test")]
    if not items:
        raise InputError.single(source_of(raw), "no item columns; expected q01, q02, …", row=1)
    schema = pa.DataFrameSchema(
        {
            "agent_id": text_column(str, "an agent id"),
            "course_id": text_column(str, "a course id"),
            "test": text_column(str, "pre, post or delayed"),
            **{
                q: text_column(
                    float,
                    "1 (correct) or 0 (wrong)",
                    pa.Check.isin([0, 1], error="1 (correct) or 0 (wrong)"),
                    nullable=True,
                )
                for q in items
            },
        },
        strict=False,
    )
    df = _finish(validate(raw, schema), raw)
    check_course_ids(df, catalogue)
    df["test"] = _map_values(df, "test", _TEST_ALIASES, "pre, post or delayed")
    dup = df.duplicated(["agent_id", "course_id", "test"], keep="first")
    if dup.any():
        raise InputError(
            source_of(raw),
            [
                Problem(
                    "duplicate answers for this agent, course and test",
                    r,
                    "agent_id",
                    df.at[r, "agent_id"],
                )
                for r in df.index[dup]
            ],
            raw.attrs.get("sheet"),
        )
    return df


def pair_tests(
    tests: TestScores, first: str = "pre", second: str = "post"
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Pair two test kinds per agent and course.

    Returns
    -------
    paired : DataFrame
        ``agent_id, course_id, <first>, <second>, max_score`` for agents with both scores.
    excluded : DataFrame
        Agents with only one of the two scores (reason says which is missing).
    """
    s = tests.scores.rename_axis("row").reset_index()
    a = s[s["test"] == first].set_index(["agent_id", "course_id"])
    b = s[s["test"] == second].set_index(["agent_id", "course_id"])
    both = a.index.intersection(b.index).sort_values()
    paired = pd.DataFrame(
        {
            first: a.loc[both, "score"].to_numpy(),
            second: b.loc[both, "score"].to_numpy(),
            "max_score": a.loc[both, "max_score"].to_numpy(),
        },
        index=both,
    ).reset_index()
    rows = []
    for frame, other, kind in ((a, b, second), (b, a, first)):
        only = frame.index.difference(other.index).sort_values()
        # one lookup for all unpaired keys (a (agent, course) pair occurs once per test kind)
        file_rows = frame.loc[only, "row"].to_numpy() if len(only) else []
        for key, file_row in zip(only, file_rows, strict=True):
            rows.append(
                {
                    "file": tests.source,
                    "row": int(file_row),
                    "agent_id": key[0],
                    "course_id": key[1],
                    "test": first if kind == second else second,
                    "reason": f"no {kind}-test to pair with",
                }
            )
    excluded = pd.DataFrame(rows, columns=EXCLUDED_COLUMNS) if rows else _empty_excluded()
    return paired, excluded


# --------------------------------------------------------------------------- levels 3/4
def read_weekly(path: str | Path, measures: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Read weekly per-agent measures (QA scores, KPIs).

    Parameters
    ----------
    measures : tuple of str, optional
        Columns to read; default every known measure (:data:`MEASURES`) present in the file.

    Returns
    -------
    DataFrame
        ``agent_id, team, week (datetime64)`` and the measures as floats (missing = NaN).

    Raises
    ------
    InputError
        Values outside the measure's range, non-numbers, bad dates, the same agent twice in a week.
    """
    raw = read_table(path)
    if measures is None:
        measures = tuple(m for m in MEASURES if m in raw.columns)
        if not measures:
            raise InputError.single(
                source_of(raw), "no measure columns; expected some of " + ", ".join(MEASURES), row=1
            )
    cols = {}
    for m in measures:
        lo, hi, whole = MEASURES.get(m, (-np.inf, np.inf, False))
        text = (
            f"a whole number ≥ {lo:g}"
            if whole
            else f"a number from {lo:g} to {hi:g}"
            if np.isfinite(hi)
            else f"a number ≥ {lo:g}"
        )
        checks = [pa.Check.in_range(lo, hi, error=text)] if np.isfinite(lo) else []
        cols[m] = text_column(float, text, *checks, nullable=True)
    schema = pa.DataFrameSchema(
        {
            "agent_id": text_column(str, "an agent id"),
            "team": text_column(str, "a team name"),
            "week": text_column(str, "a week start date like 2025-03-03"),
            **cols,
        },
        strict=False,
    )
    df = _finish(validate(raw, schema), raw)
    problems = []
    for m in measures:
        if MEASURES.get(m, (0, 0, False))[2]:
            v = df[m]
            problems += [
                Problem(f"expected {cols[m].description}", r, m, x)
                for r, x in v[v.notna() & (v % 1 != 0)].items()
            ]
    df["week"] = _parse_dates(df, "week")
    plausibility.check_week_starts(df, "week")
    df = plausibility.rates_as_percent(df, ["qa_score", "qa_pass_rate", "csat"])
    dup = df.duplicated(["agent_id", "week"], keep="first")
    problems += [
        Problem(
            f"agent {df.at[r, 'agent_id']} appears twice in week {df.at[r, 'week']:%Y-%m-%d}",
            r,
            "week",
        )
        for r in df.index[dup]
    ]
    if problems:
        raise InputError(source_of(raw), problems, raw.attrs.get("sheet"))
    return _finish(df[["agent_id", "team", "week", *measures]].copy(), raw)


# ------------------------------------------------------------------------------ bundle
@dataclass(frozen=True)
class EffectivenessData:
    """Everything one analysis run reads, validated and cross-checked."""

    catalogue: Catalogue
    sessions: pd.DataFrame
    reaction: pd.DataFrame
    tests: TestScores
    items: pd.DataFrame | None
    qa: pd.DataFrame | None
    kpi: pd.DataFrame | None

    @property
    def excluded(self) -> pd.DataFrame:
        """Every row left out of an analysis, with file, row and reason."""
        return self.tests.excluded.reset_index(drop=True)


def load_effectiveness(
    courses: str | Path,
    sessions: str | Path,
    reaction: str | Path,
    tests: str | Path,
    *,
    items: str | Path | None = None,
    qa: str | Path | None = None,
    kpi: str | Path | None = None,
    framework: Framework | None = None,
) -> EffectivenessData:
    """Read all effectiveness files (see the module docstring for formats)."""
    cat = read_courses(courses, framework)
    ses = read_sessions(sessions, cat)
    data = EffectivenessData(
        catalogue=cat,
        sessions=ses,
        reaction=read_reaction(reaction, cat),
        tests=read_tests(tests, cat, ses),
        items=read_test_items(items, cat) if items is not None else None,
        qa=read_weekly(qa) if qa is not None else None,
        kpi=read_weekly(kpi) if kpi is not None else None,
    )
    plausibility.check_same_week_grid(data.qa, data.kpi)
    plausibility.check_id_variants(
        {
            source_of(f) or str(f.shape): f
            for f in (ses, data.reaction, data.tests.scores, data.qa, data.kpi)
            if f is not None
        }
    )
    return data
