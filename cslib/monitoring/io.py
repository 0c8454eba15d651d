"""Read call-level QA records, the agent roster and calibration scores, with located errors.

QA records (one row per scored call)::

    call_id, agent_id, team, inspector_id, date, score[, must_check]

``date`` is ``YYYY-MM-DD``; ``score`` a number within ``score_range``; ``must_check`` 1 for a
call that had to be scored anyway (complaint, dissatisfied customer), 0 or blank otherwise.
Errors (:class:`~cslib.core.errors.InputError`, naming file, row and column): missing columns,
unparsable dates or scores, scores outside the range, a duplicated ``call_id``, an agent listed
in two teams.

Agent roster::

    agent_id, team[, hire_date]

Calibration (the notebook 02 file, one row per call × inspector × item)::

    call_id, inspector_id, item, score

summed over items per call and inspector; calls not scored completely by every inspector are
left out of the balanced calibration G study and listed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa

from cslib.core.dates import P as DATE_PHRASES
from cslib.core.dates import check_dates
from cslib.core.errors import InputError, Problem
from cslib.core.io import read_table, sheet_of, source_of, validate
from cslib.core.messages import both
from cslib.core.plausibility import rates_as_percent


def _check_number(name: str, value: object, *, low: float | None = None) -> float:
    """Validate one numeric notebook parameter (located error naming the parameter)."""
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise InputError.single(None, "expected a number", column=name, found=value) from None
    if not np.isfinite(number) or (low is not None and number < low):
        expected = f"a number ≥ {low}" if low is not None else "a finite number"
        raise InputError.single(None, f"expected {expected}", column=name, found=value)
    return number


@dataclass(frozen=True)
class MonitoringParameters:
    """The checked scalar parameters of notebook 05 (see :func:`check_parameters`)."""

    score_min: float
    score_max: float
    pass_mark: float
    target_reliability: float
    target_half_width: float
    confidence_level: float
    inspector_capacity: int
    random_share: float
    min_calls: int
    new_agent_months: int
    max_agents_per_inspector: int
    drift_threshold: float
    seed: int
    falling_points: float = 3.0
    baseline_months: int = 2
    n_resamples: int = 100
    drift_false_alarm_rate: float = 0.1


def check_parameters(**params: object) -> MonitoringParameters:
    """Validate notebook 05's parameters up front; an :class:`InputError` names the parameter.

    Examples
    --------
    >>> p = check_parameters(score_min=0, score_max=100, pass_mark=80, target_reliability=0.8,
    ...     target_half_width=3, confidence_level=0.95, inspector_capacity=400, random_share=0.3,
    ...     min_calls=2, new_agent_months=3, max_agents_per_inspector=25, drift_threshold=3,
    ...     seed=1)
    >>> p.random_share
    0.3
    """
    lo = _check_number("score_min", params["score_min"])
    hi = _check_number("score_max", params["score_max"])
    if hi <= lo:
        raise InputError.single(
            None, "expected score_max > score_min", column="score_max", found=hi
        )
    pass_mark = _check_number("pass_mark", params["pass_mark"])
    if not lo < pass_mark < hi:
        raise InputError.single(
            None,
            f"expected a pass mark between {lo:g} and {hi:g}",
            column="pass_mark",
            found=pass_mark,
        )
    unit = {}
    for name in ("target_reliability", "confidence_level"):
        v = _check_number(name, params[name])
        if not 0 < v < 1:
            raise InputError.single(None, "expected a number between 0 and 1", column=name, found=v)
        unit[name] = v
    share = _check_number("random_share", params["random_share"])
    if not 0 <= share <= 1:
        raise InputError.single(
            None, "expected a share from 0 to 1", column="random_share", found=share
        )
    ints = {}
    params.setdefault("baseline_months", 2)
    params.setdefault("n_resamples", 100)
    params.setdefault("falling_points", 3.0)
    params.setdefault("drift_false_alarm_rate", 0.1)
    alarms = _check_number("drift_false_alarm_rate", params["drift_false_alarm_rate"], low=1e-9)
    if not alarms < 12:
        raise InputError.single(
            None,
            "expected false alarms per inspector-year below 12 (one a month)",
            column="drift_false_alarm_rate",
            found=alarms,
        )
    for name, low in (
        ("inspector_capacity", 1),
        ("min_calls", 0),
        ("new_agent_months", 0),
        ("max_agents_per_inspector", 1),
        ("seed", 0),
        ("baseline_months", 1),
        ("n_resamples", 10),
    ):
        v = _check_number(name, params[name], low=low)
        if v != int(v):
            raise InputError.single(
                None, "expected a whole number", column=name, found=params[name]
            )
        ints[name] = int(v)
    return MonitoringParameters(
        score_min=lo,
        score_max=hi,
        pass_mark=pass_mark,
        target_reliability=unit["target_reliability"],
        target_half_width=_check_number("target_half_width", params["target_half_width"], low=1e-9),
        confidence_level=unit["confidence_level"],
        inspector_capacity=ints["inspector_capacity"],
        random_share=share,
        min_calls=ints["min_calls"],
        new_agent_months=ints["new_agent_months"],
        max_agents_per_inspector=ints["max_agents_per_inspector"],
        drift_threshold=_check_number("drift_threshold", params["drift_threshold"], low=1e-9),
        seed=ints["seed"],
        falling_points=_check_number("falling_points", params["falling_points"], low=1e-9),
        baseline_months=ints["baseline_months"],
        n_resamples=ints["n_resamples"],
        drift_false_alarm_rate=alarms,
    )


def _parse_dates(df: pd.DataFrame, column: str) -> pd.Series:
    parsed = pd.to_datetime(df[column], format="%Y-%m-%d", errors="coerce")
    bad = parsed.isna() & df[column].ne("")
    if bad.any():
        raise InputError(
            source_of(df),
            [
                Problem("expected a date YYYY-MM-DD", int(r), column, df.at[r, column])
                for r in df.index[bad]
            ],
            sheet_of(df),
        )
    return parsed


def read_qa_records(
    path: str | Path,
    *,
    score_range: tuple[float, float] = (0, 100),
    sheet: str | int | None = None,
    today: date | None = None,
) -> pd.DataFrame:
    """Read and validate call-level QA records.

    Scores given as fractions (0.97 for 97) on a 0–100 scale are read as per cent with an
    :class:`~cslib.core.plausibility.InputWarning` (as notebook 03 does); a date after the day
    of the run (``today``, default the system date) or far from all the others is a located
    error (:func:`cslib.core.dates.check_dates`), so one mistyped date cannot define next
    month's plan.

    Returns
    -------
    DataFrame
        ``call_id, agent_id, team, inspector_id, date`` (datetime), ``month`` (period),
        ``score`` (float), ``must_check`` (bool); indexed by spreadsheet row.
    """
    df = read_table(path, sheet=sheet)
    if "must_check" not in df.columns:
        df["must_check"] = "0"
    df["must_check"] = df["must_check"].replace("", "0")
    lo, hi = score_range
    if (lo, hi) == (0, 100):  # a per-cent scale given as fractions
        read = rates_as_percent(df, ["score"])
        if read is not df:
            number = read["score"]
            df = df.copy()
            df["score"] = number.map(lambda v: f"{v:.12g}").where(number.notna(), df["score"])
    schema = pa.DataFrameSchema(
        {
            "call_id": pa.Column(str, unique=True, description="a call id used once"),
            "agent_id": pa.Column(str, description="the agent whose call was scored"),
            "team": pa.Column(str, description="the agent's team"),
            "inspector_id": pa.Column(str, description="the inspector who scored the call"),
            "date": pa.Column(str, description="the scoring date YYYY-MM-DD"),
            "score": pa.Column(
                float,
                pa.Check.in_range(lo, hi, error=f"a score from {lo:g} to {hi:g}"),
                description=f"a score from {lo:g} to {hi:g}",
            ),
            "must_check": pa.Column(
                int, pa.Check.isin([0, 1], error="0 or 1"), description="0 or 1 (must-check call)"
            ),
        },
        strict=False,
    )
    t = validate(df, schema)
    t = t[["call_id", "agent_id", "team", "inspector_id", "date", "score", "must_check"]].copy()
    t["date"] = _parse_dates(t, "date")
    check_dates(t, "date", today=today, file=source_of(df))
    teams = t.groupby("agent_id")["team"].nunique()
    two = teams.index[teams > 1]
    if len(two):
        agent = two[0]
        rows = t.index[t["agent_id"] == agent]
        first = t.at[rows[0], "team"]
        other = t.loc[rows][t.loc[rows, "team"] != first]
        raise InputError.single(
            source_of(df),
            f"agent {agent} is in team {first} on row {rows[0]} but in another team here; "
            "expected one team per agent",
            row=int(other.index[0]),
            column="team",
            found=other["team"].iloc[0],
            sheet=sheet_of(df),
        )
    t["score"] = t["score"].astype(float)
    t["must_check"] = t["must_check"].astype(int).eq(1)
    t["month"] = t["date"].dt.to_period("M")
    t.attrs["source"] = source_of(df)
    return t


def read_roster(path: str | Path, *, sheet: str | int | None = None) -> pd.DataFrame:
    """Read the agent roster ``agent_id, team[, hire_date]`` (hire_date may be blank)."""
    df = read_table(path, sheet=sheet)
    if "hire_date" not in df.columns:
        df["hire_date"] = ""
    schema = pa.DataFrameSchema(
        {
            "agent_id": pa.Column(str, unique=True, description="an agent id listed once"),
            "team": pa.Column(str, description="the agent's team"),
            "hire_date": pa.Column(str, nullable=True, description="YYYY-MM-DD or blank"),
        },
        strict=False,
    )
    t = validate(df, schema)[["agent_id", "team", "hire_date"]].copy()
    t["hire_date"] = t["hire_date"].fillna("")
    t.attrs.update(df.attrs)
    t["hire_date"] = _parse_dates(t, "hire_date")
    return t


def check_roster(records: pd.DataFrame, roster: pd.DataFrame) -> None:
    """Every scored agent must be on the roster, in the same team, hired no later than their
    first scored call (located errors)."""
    merged = records[["agent_id", "team"]].join(
        roster.set_index("agent_id")["team"].rename("roster_team"), on="agent_id"
    )
    unknown = merged.index[merged["roster_team"].isna()]
    if len(unknown):
        r = unknown[0]
        raise InputError.single(
            source_of(records),
            "agent is not on the roster",
            row=int(r),
            column="agent_id",
            found=records.at[r, "agent_id"],
        )
    moved = merged.index[merged["roster_team"] != merged["team"]]
    if len(moved):
        r = moved[0]
        raise InputError.single(
            source_of(records),
            f"the roster puts this agent in team {merged.at[r, 'roster_team']}",
            row=int(r),
            column="team",
            found=records.at[r, "team"],
        )
    first_call = records.groupby("agent_id")["date"].min()
    hired = roster.set_index("agent_id")["hire_date"]
    late = roster.loc[hired.to_numpy() > first_call.reindex(hired.index).to_numpy()]
    if len(late):
        r = late.index[0]
        agent = roster.at[r, "agent_id"]
        raise InputError.single(
            source_of(roster),
            both(
                DATE_PHRASES,
                "hired_after_calls",
                agent=agent,
                first=f"{first_call[agent]:%Y-%m-%d}",
                file=Path(str(source_of(records))).name,
            ),
            row=int(r),
            column="hire_date",
            found=f"{roster.at[r, 'hire_date']:%Y-%m-%d}",
        )


@dataclass(frozen=True)
class CalibrationTotals:
    """Calibration totals as a complete calls × inspectors table.

    Attributes
    ----------
    table : DataFrame
        Index ``call_id``, one column per inspector, total score (complete calls only).
    incomplete : tuple of str
        Calls left out because an inspector did not score every item.
    """

    table: pd.DataFrame
    incomplete: tuple[str, ...]


def read_calibration_totals(
    path: str | Path, *, sheet: str | int | None = None
) -> CalibrationTotals:
    """Read the calibration file (``call_id, inspector_id, item, score``) and total each call."""
    df = read_table(path, sheet=sheet)
    schema = pa.DataFrameSchema(
        {
            "call_id": pa.Column(str, description="the calibration call"),
            "inspector_id": pa.Column(str, description="the inspector"),
            "item": pa.Column(str, description="the quality-form item"),
            "score": pa.Column(float, nullable=True, description="a number (blank = not scored)"),
        },
        strict=False,
    )
    t = validate(df, schema)
    dup = t.duplicated(["call_id", "inspector_id", "item"], keep="first")
    if dup.any():
        r = t.index[dup][0]
        raise InputError.single(
            source_of(df),
            "the same call, inspector and item appear twice",
            row=int(r),
            column="item",
            found=t.at[r, "item"],
            sheet=sheet_of(df),
        )
    n_items = t["item"].nunique()
    grouped = t.groupby(["call_id", "inspector_id"])["score"]
    totals = grouped.sum(min_count=1).where(grouped.count() == n_items)
    table = totals.unstack("inspector_id")
    complete = table.notna().all(axis=1)
    return CalibrationTotals(
        table.loc[complete].sort_index(), tuple(sorted(table.index[~complete]))
    )
