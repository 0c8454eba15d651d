"""Dates that cannot be right: after the day of the run, or far away from all the other dates.

A call scored in 2099 or a training session "attended" next year is a typing error, and one
such date is enough to move the weekly grid (a week 2098-12-29 with one call) or the month a
plan is made for.  :func:`check_dates` refuses both with a located
:class:`~cslib.core.errors.InputError` (file, row, column, the date found and what was
expected), in English and Chinese.

An *outlying* date is one that sits alone at either end of the data: separated from the
rest by a gap of more than ``max_gap_days`` days while holding at most ``max_outliers`` rows
(and under 1 % of them).  Real data that pause for a quarter still pass, because a pause is
followed by many rows, not by one or two.

The rule is hand-written: it encodes this project's idea of a plausible record date; no
library has it.
"""

from __future__ import annotations

import numbers
from datetime import date

import pandas as pd

from cslib.core.errors import InputError
from cslib.core.i18n import Phrases
from cslib.core.messages import both

P = Phrases(
    {
        "future": (
            "日期晚于本次运行的日期 {today}，不可能已经发生；请改正该日期（常见原因：年份输错）",
            "this date is after the day of this run ({today}), so it cannot have happened yet; "
            "expected a date on or before {today} — correct the date (often a mistyped year)",
        ),
        "outlier": (
            "该日期与其余 {n} 行的日期（{first} 至 {last}）相隔 {gap} 天，只有 {k} 行落在那里；"
            "请检查是否输错，否则会改变周、月划分和计划月份",
            "this date lies {gap} days away from the other {n} rows' dates ({first} to {last}) "
            "and only {k} row(s) fall there; expected a date within the data's range — check "
            "for a typing error (it would otherwise define weeks, months or the planning month)",
        ),
        "hired_after_calls": (
            "坐席 {agent} 的入职日期晚于其在 {file} 中的第一通被评录音（{first}）；"
            "请改正入职日期或录音日期",
            "agent {agent} is hired after their own first scored call in {file} ({first}); "
            "expected a hire date on or before it — correct the hire date or the call's date",
        ),
    }
)


def _row(label: object) -> int | None:
    return int(label) if isinstance(label, numbers.Integral) else None


def check_dates(
    df: pd.DataFrame,
    column: str,
    *,
    today: date | None = None,
    max_gap_days: int = 92,
    max_outliers: int = 3,
    file: str | None = None,
) -> None:
    """Refuse dates after ``today`` and dates far outside the range of the others.

    Parameters
    ----------
    df : DataFrame
        Indexed by spreadsheet row; ``column`` holds datetimes (NaT = blank, ignored).
    today : date, optional
        The day of the run (default: the system date); a parameter for tests.
    max_gap_days, max_outliers : int
        A run of at most ``max_outliers`` rows (and < 1 % of the rows) at either end, separated
        from the rest by more than ``max_gap_days`` days, is an outlier.

    Raises
    ------
    InputError
        Naming the file (``df.attrs["source"]`` unless ``file`` is given), the row, the column
        and the date.

    Examples
    --------
    >>> d = pd.DataFrame({"date": pd.to_datetime(["2026-01-05"] * 400 + ["2027-06-01"])},
    ...                  index=range(2, 403))
    >>> d.attrs["source"] = "calls.csv"
    >>> check_dates(d, "date", today=date(2028, 1, 1))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    cslib.core.errors.InputError: calls.csv: row 402, column 'date': this date lies 512 days away ...
    """
    source = file if file is not None else df.attrs.get("source")
    values = pd.to_datetime(df[column], errors="coerce").dropna()
    if values.empty:
        return
    now = pd.Timestamp(today or date.today())
    late = values[values > now + pd.Timedelta(days=1)]  # a day's grace for time zones
    if len(late):
        row = late.index[0]
        raise InputError.single(
            source,
            both(P, "future", today=f"{now:%Y-%m-%d}"),
            row=_row(row),
            column=column,
            found=f"{late.iloc[0]:%Y-%m-%d}",
        )
    order = values.sort_values(kind="stable")
    n = len(order)
    limit = min(max_outliers, (n - 1) // 100)  # fewer than 1 % of the rows
    if limit < 1:
        return
    gaps = order.diff().dt.days.to_numpy()
    for k in range(1, limit + 1):
        for tail, gap, rest in (
            (order.iloc[:k], gaps[k], order.iloc[k:]),  # the k earliest dates
            (order.iloc[n - k :][::-1], gaps[n - k], order.iloc[: n - k]),  # the k latest
        ):
            if gap > max_gap_days:
                raise InputError.single(
                    source,
                    both(
                        P,
                        "outlier",
                        gap=int(gap),
                        n=len(rest),
                        k=k,
                        first=f"{rest.min():%Y-%m-%d}",
                        last=f"{rest.max():%Y-%m-%d}",
                    ),
                    row=_row(tail.index[0]),
                    column=column,
                    found=f"{tail.iloc[0]:%Y-%m-%d}",
                )
