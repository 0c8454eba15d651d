"""Plausibility checks for mistakes users actually make with valid-looking files.

Each check is called with one line from a reader.  A file that can be read in
more than one plausible way is read in the most likely way and an
:class:`InputWarning` says which reading was taken (notebooks show warnings in the
report); a file whose analysis would be meaningless raises a located
:class:`~cslib.core.errors.InputError`.

The checks are hand-written because they encode this project's file conventions
(week-start dates, percentage columns, agent-id spelling); no library knows them.
"""

from __future__ import annotations

import numbers
import unicodedata
import warnings
from collections.abc import Iterable, Mapping

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from cslib.core.errors import InputError, Problem
from cslib.core.notices import Notice

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAYS_ZH = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")


class InputWarning(Notice):
    """An input file was read in one of several plausible ways; the message says which."""


def _source(df: pd.DataFrame) -> str | None:
    return df.attrs.get("source")


def normalise_id(value: str) -> str:
    """The form two spellings of one id share: NFKC (full-width → ASCII), no spaces, case-folded.

    Examples
    --------
    >>> normalise_id(" Ａ０００１ ") == normalise_id("a0001")
    True
    """
    return "".join(unicodedata.normalize("NFKC", str(value)).split()).casefold()


def check_id_variants(frames: Mapping[str, pd.DataFrame], column: str = "agent_id") -> None:
    """Refuse ids that differ only by case, spaces or full-width characters.

    ``frames`` maps a label (usually the file) to a frame with ``column``; rows are
    the frame's index (spreadsheet rows).  ``A0001`` in one file and ``a0001`` in
    another would otherwise count as two agents.

    Raises
    ------
    InputError
        Naming the file, row and column of the first spelling that differs from another.

    Examples
    --------
    >>> a = pd.DataFrame({"agent_id": ["A0001", "A0002"]}, index=[2, 3])
    >>> b = pd.DataFrame({"agent_id": ["a0001"]}, index=[2])
    >>> check_id_variants({"sessions.csv": a, "kpi.csv": b})
    Traceback (most recent call last):
    ...
    cslib.core.errors.InputError: kpi.csv: row 2, column 'agent_id': id 'a0001' differs from 'A0001' (sessions.csv row 2) only by case, spaces or full-width characters; expected one spelling per agent (found 'a0001')
    """
    if not _spellings_collide(frames, column):
        return  # every spelling normalises to its own id: nothing to report
    first: dict[str, tuple[str, str, object]] = {}  # normalised → (spelling, file, row)
    for label, frame in frames.items():
        if frame is None or column not in frame.columns:
            continue
        values = frame[column].dropna().astype(str)
        for row, value in values.drop_duplicates().items():
            key = normalise_id(value)
            seen = first.setdefault(key, (value, label, row))
            if seen[0] != value:
                raise InputError(
                    label,
                    [
                        Problem(
                            f"id {value!r} differs from {seen[0]!r} ({seen[1]} row {seen[2]}) only "
                            "by case, spaces or full-width characters; expected one spelling per "
                            "agent",
                            int(row) if isinstance(row, numbers.Integral) else None,
                            column,
                            value,
                        )
                    ],
                )


# what ``str.split()`` treats as whitespace among ASCII characters
_ASCII_SPACE = "[\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f ]"


def _spellings_collide(frames: Mapping[str, pd.DataFrame], column: str) -> bool:
    """Whether two distinct spellings of ``column`` in ``frames`` share a :func:`normalise_id`.

    A vectorised pre-check for :func:`check_id_variants`: for ASCII text, NFKC is the identity
    and ``casefold`` is ``lower``, so pyarrow computes those ids without a Python loop; only
    non-ASCII spellings go through :func:`normalise_id`.
    """
    parts = [
        pa.array(frame[column].dropna().astype(str).unique(), type=pa.string())
        for frame in frames.values()
        if frame is not None and column in frame.columns
    ]
    if not parts:
        return False
    spellings = pc.unique(pa.concat_arrays(parts))
    ascii_only = pc.string_is_ascii(spellings)
    ascii_ids = pc.ascii_lower(
        pc.replace_substring_regex(pc.filter(spellings, ascii_only), _ASCII_SPACE, "")
    )
    other = pc.filter(spellings, pc.invert(ascii_only)).to_pylist()
    ids = set(ascii_ids.to_pylist()) | {normalise_id(v) for v in other}
    return len(ids) < len(spellings)


def check_ids_covered(
    used: Iterable[str],
    known: pd.DataFrame | pd.Index,
    *,
    file: str | None = None,
    column: str = "id",
    used_by: str = "the ratings",
) -> None:
    """Every id ``used`` must appear in the profile/mapping ``known`` (its index or frame index).

    Raises
    ------
    InputError
        Naming the profile file, the column and the missing ids.

    Examples
    --------
    >>> check_ids_covered(["E1", "E2"], pd.Index(["E1"]), file="experts.csv", column="expert_id")
    Traceback (most recent call last):
    ...
    cslib.core.errors.InputError: experts.csv: column 'expert_id': 1 id(s) used by the ratings are missing here; expected a row for each (found 'E2')
    """
    index = known.index if isinstance(known, pd.DataFrame) else known
    if file is None and isinstance(known, pd.DataFrame):
        file = _source(known)
    missing = sorted(set(map(str, used)) - set(map(str, index)))
    if missing:
        shown = ", ".join(missing[:10]) + (" …" if len(missing) > 10 else "")
        raise InputError.single(
            file,
            f"{len(missing)} id(s) used by {used_by} are missing here; expected a row for each",
            column=column,
            found=shown,
        )


def rates_as_percent(df: pd.DataFrame, columns: Iterable[str]) -> pd.DataFrame:
    """Percentage columns given as fractions (CSAT 0.91 for 91 %) are read as percentages.

    A column whose every value lies in [0, 1] while percentages (0–100) are expected
    is multiplied by 100, with an :class:`InputWarning` naming the file and column.
    Columns that are entirely 0 or 1 stay as they are (they may be genuine 0 % / 1 %).
    Use it only for measures where every value below 1 % is implausible (CSAT, QA
    scores and pass rates) — a sales conversion of 0.9 % is real.

    Examples
    --------
    >>> import warnings
    >>> with warnings.catch_warnings(record=True):
    ...     rates_as_percent(pd.DataFrame({"csat": [0.91, 0.85]}), ["csat"])["csat"].tolist()
    [91.0, 85.0]
    """
    out = df
    for c in columns:
        if c not in df.columns:
            continue
        v = pd.to_numeric(df[c], errors="coerce").dropna()
        if v.empty:
            continue
        fractional = (v > 0) & (v < 1)
        if (v <= 1).all() and fractional.any():
            if out is df:
                out = df.copy()
            out[c] = pd.to_numeric(df[c], errors="coerce") * 100
            warnings.warn(
                InputWarning(
                    f"column '{c}' holds fractions (largest {v.max():g}) where percentages "
                    f"0–100 are expected; read as percentages (×100)",
                    f"列 {c} 为小数（最大 {v.max():g}），应为 0–100 的百分数；已乘以 100 按百分数读取",
                    _source(df) or "data",
                ),
                stacklevel=2,
            )
    return out


def check_week_starts(df: pd.DataFrame, column: str = "week") -> int | None:
    """Week labels must fall on one weekday (the week start); returns that weekday (0 = Monday).

    Raises
    ------
    InputError
        Naming the first row whose week label falls on another weekday than most.
    """
    weeks = pd.to_datetime(df[column], errors="coerce").dropna()
    if weeks.empty:
        return None
    days = weeks.dt.day_of_week
    common = int(days.mode().iloc[0])
    off = days[days != common]
    if len(off):
        row = off.index[0]
        raise InputError.single(
            _source(df),
            f"week labels should all be week starts on one weekday; most are {WEEKDAYS[common]}s, "
            f"this one is a {WEEKDAYS[int(off.iloc[0])]} (周标签应为同一星期几的周起始日)",
            row=int(row) if isinstance(row, numbers.Integral) else None,
            column=column,
            found=f"{weeks[row]:%Y-%m-%d}",
        )
    return common


def check_same_week_grid(*frames: pd.DataFrame | None, column: str = "week") -> None:
    """Weekly panels that are joined on ``week`` must use the same week start.

    QA weeks starting on Wednesday and KPI weeks starting on Monday share no week, so
    joining them silently drops or misaligns every observation.

    Raises
    ------
    InputError
        Naming the second file and the two weekdays.
    """
    grid: tuple[str | None, int] | None = None
    for df in frames:
        if df is None or df.empty:
            continue
        day = check_week_starts(df, column)
        if day is None:
            continue
        if grid is None:
            grid = (_source(df), day)
        elif grid[1] != day:
            raise InputError.single(
                _source(df),
                f"weeks start on {WEEKDAYS[day]} here but on {WEEKDAYS[grid[1]]} in {grid[0]}; "
                "expected both weekly files on the same week grid (两个周数据文件的周起始日不一致："
                f"本文件的周从{WEEKDAYS_ZH[day]}开始，{grid[0]} 的周从{WEEKDAYS_ZH[grid[1]]}开始)",
                column=column,
                found=WEEKDAYS[day],
            )
