"""Call-level QA and KPI records aggregated to the agent-week panels of notebook 03.

A contact centre exports one row per monitored call (QA, 质检) and one row per handled call
(KPI).  :func:`weekly_from_calls` turns those records into the two weekly frames that
:func:`cslib.effectiveness.io.read_weekly` returns for ``qa_weekly.csv`` and ``kpi_weekly.csv``
— same columns, same dtypes, same week grid — so everything downstream is unchanged.

The aggregation is written once as an `Ibis <https://ibis-project.org>`_ expression
(:func:`qa_measures`, :func:`kpi_measures`, :func:`aggregate_calls`).  By default it runs in an embedded DuckDB
database, which streams Parquet/CSV from disk (out of core: memory does not grow with the
number of calls).  The same expressions run on a Spark cluster through Ibis's PySpark backend;
see ``docs/call_records.md``.

Input columns (names as below; extra columns are ignored)::

    QA calls:   agent_id, team, call_time, qa_score, qa_pass        (+ optional call_id)
    KPI calls:  agent_id, team, call_time, handle_s, csat, repeat_contact, sale
                                                                    (+ optional call_id)

Of the metric columns any subset may be present (at least one).  Flags (``qa_pass``, ``csat``,
``repeat_contact``, ``sale``) are ``1/0``, ``yes/no``, ``true/false`` or ``是/否``; an empty
flag means "not applicable" (no CSAT survey answered, not a sales call).
"""

from __future__ import annotations

import re
import tempfile
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from cslib.core.dates import check_dates
from cslib.core.errors import InputError, Problem
from cslib.core.io import read_table
from cslib.core.plausibility import InputWarning, normalise_id

#: Weekday names accepted for ``week_start`` (the weekly files use Monday weeks).
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_YES = ("1", "1.0", "yes", "y", "true", "t", "是", "满意")
_NO = ("0", "0.0", "no", "n", "false", "f", "否", "不满意")

QA_METRICS = ("qa_score", "qa_pass")
KPI_METRICS = ("handle_s", "csat", "repeat_contact", "sale")
_KEYS = ("agent_id", "team", "call_time")
_ROW = "_row"  # spreadsheet-style row number: header = 1, first record = 2


@dataclass(frozen=True)
class _Metric:
    """How one call-level column is parsed and checked."""

    kind: str  # "number" or "flag"
    low: float
    high: float
    expected: str


_METRICS = {
    "qa_score": _Metric("number", 0.0, 100.0, "a QA score from 0 to 100"),
    "qa_pass": _Metric("flag", 0, 1, "a pass flag: 1/0, yes/no, true/false or 是/否"),
    "handle_s": _Metric("number", 0.0, np.inf, "a handle time in seconds ≥ 0"),
    "csat": _Metric("flag", 0, 1, "a CSAT answer: 1/0 (satisfied or not), or empty"),
    "repeat_contact": _Metric("flag", 0, 1, "a repeat-contact flag: 1/0 or yes/no"),
    "sale": _Metric("flag", 0, 1, "a sale flag: 1/0 or yes/no, empty when not a sales call"),
}


def _ibis() -> Any:
    import ibis  # imported when used: the weekly-file path does not need it

    return ibis


# Ibis 10 with pandas >= 3.1 and DuckDB >= 1.4 warns about its own calls of deprecated APIs
# (the pandas option ``future.infer_string``, DuckDB's ``fetch_arrow_table``).  They concern
# Ibis's code, not ours or the user's, and are hidden only while we aggregate.
_IBIS_OWN_DEPRECATIONS = ("future.infer_string", "fetch_arrow_table")


@contextmanager
def _without_ibis_own_deprecations() -> Iterator[None]:
    """Hide Ibis's warnings about its own deprecated calls, and nothing else."""
    with warnings.catch_warnings():
        for text in _IBIS_OWN_DEPRECATIONS:
            warnings.filterwarnings("ignore", message=f".*{re.escape(text)}")
        yield


def duckdb_backend(*, tz: str = "Asia/Shanghai", memory_limit: str | None = "2GB") -> Any:
    """An embedded DuckDB connection (through Ibis) set to the time zone ``tz``.

    ``memory_limit`` caps DuckDB's working memory; larger aggregations spill to a temporary
    directory instead of growing the process.
    """
    con = _ibis().duckdb.connect()
    con.raw_sql(f"SET TimeZone = '{_check_tz(tz)}'")
    con.raw_sql("SET enable_progress_bar = false")
    if memory_limit is not None:
        con.raw_sql(f"SET memory_limit = '{memory_limit}'")
    return con


def _check_tz(tz: str) -> str:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise InputError.single(
            None, f"tz: unknown time zone {tz!r}; expected an IANA name like 'Asia/Shanghai'"
        ) from None
    return tz


def _week_offset(week_start: str) -> int:
    key = str(week_start).strip().lower()
    if key not in WEEKDAYS:
        raise InputError.single(
            None, f"week_start: expected one of {', '.join(WEEKDAYS)}", found=week_start
        )
    return WEEKDAYS.index(key)


# ------------------------------------------------------------------------------ sources
@contextmanager
def _opened(source: Any, con: Any) -> Iterator[tuple[Any, str | None]]:
    """An Ibis table with a ``_row`` column for a path (CSV/XLSX/Parquet), or ``source`` itself.

    CSV and XLSX are first streamed into a temporary Parquet file that carries the
    spreadsheet row number, so every format is scanned the same way (and out of core).
    """
    ibis = _ibis()
    if isinstance(source, ibis.expr.types.Table):
        yield source, None
        return
    path = Path(source)
    name = str(path)
    if not path.is_file():
        raise InputError.single(name, "file not found")
    if path.stat().st_size == 0:
        raise InputError.single(name, "the file is empty; expected a header row and data rows")
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        try:
            table = con.read_parquet(path, file_row_number=True)
        except Exception as exc:  # duckdb raises several types for corrupt files
            raise InputError.single(name, f"cannot read as a Parquet file ({exc})") from None
        yield table.mutate(**{_ROW: table.file_row_number + 2}).drop("file_row_number"), name
        return
    with tempfile.TemporaryDirectory(prefix="cslib_calls_") as tmp:
        staged = Path(tmp) / "calls.parquet"
        if suffix in (".xlsx", ".xlsm"):
            _stage_excel(path, staged)
        elif suffix in (".csv", ".txt"):
            _stage_csv(path, staged)
        else:
            raise InputError.single(
                name, f"unknown file type {suffix!r}; expected .csv, .xlsx or .parquet"
            )
        table = con.read_parquet(staged)
        yield table, name


def _stage_excel(path: Path, staged: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    frame = read_table(path)  # located checks of headers and blank rows, text cells
    data = {c: frame[c].astype(str).to_numpy() for c in frame.columns}
    data[_ROW] = frame.index.to_numpy(dtype=np.int64)
    pq.write_table(pa.table(data), staged)


def _stage_csv(path: Path, staged: Path) -> None:
    """Stream a CSV file (UTF-8, UTF-8 with BOM or GB18030) into Parquet, all columns text."""
    import pyarrow as pa
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    name = str(path)
    for encoding in ("utf8", "gb18030"):
        try:
            with open(path, encoding="utf-8-sig" if encoding == "utf8" else encoding) as fh:
                header = fh.readline()
            break
        except UnicodeDecodeError:
            continue
    else:
        raise InputError.single(name, "cannot decode the file as UTF-8 or GBK text")
    columns = [c.strip() for c in next(iter(_csv_header(header)))]
    if any(c == "" for c in columns):
        raise InputError.single(name, "a column has no header", row=1)
    dupes = sorted({c for c in columns if columns.count(c) > 1})
    if dupes:
        raise InputError.single(name, "duplicate column header", row=1, column=dupes[0])
    reader = pacsv.open_csv(
        path,
        read_options=pacsv.ReadOptions(
            encoding=encoding, column_names=columns, skip_rows=1, block_size=1 << 24
        ),
        convert_options=pacsv.ConvertOptions(column_types=dict.fromkeys(columns, pa.string())),
    )
    row = 2
    writer = None
    try:
        for batch in reader:
            n = batch.num_rows
            rows = pa.array(np.arange(row, row + n, dtype=np.int64))
            row += n
            out = pa.Table.from_batches([batch]).append_column(_ROW, rows)
            if writer is None:
                writer = pq.ParquetWriter(staged, out.schema)
            writer.write_table(out)
    except pa.ArrowInvalid as exc:
        raise InputError.single(name, f"not a well-formed CSV file ({exc})") from None
    finally:
        if writer is not None:
            writer.close()
    if writer is None:
        raise InputError.single(name, "no data rows below the header")


def _csv_header(line: str) -> Iterator[list[str]]:
    """The header line split as CSV (quotes respected)."""
    import csv

    return csv.reader([line.rstrip("\r\n")])


# ------------------------------------------------------------------------------ parsing
def _text(col: Any) -> Any:
    ibis = _ibis()
    value = col if col.type().is_string() else col.cast("string")
    return value.strip().nullif(ibis.literal(""))


def _typed(
    table: Any, metrics: tuple[str, ...], today: date | None = None
) -> tuple[Any, list[tuple[str, Any, str]]]:
    """Typed columns and the checks (column, bad-row condition, expected) for each input column.

    A bad-row condition is true where the cell is present but does not parse or is out of range.
    """
    ibis = _ibis()
    checks: list[tuple[str, Any, str]] = []
    fields: dict[str, Any] = {}
    for key in ("agent_id", "team"):
        value = _text(table[key])
        fields[key] = value
        checks.append((key, value.isnull(), f"a non-empty {key.replace('_', ' ')}"))
    raw_time = table["call_time"]
    if raw_time.type().is_timestamp():
        stamp = raw_time
        checks.append(("call_time", raw_time.isnull(), "a call time"))
    else:
        text = _text(raw_time)
        stamp = text.try_cast("timestamp('UTC')")
        checks.append(
            (
                "call_time",
                stamp.isnull(),
                "a call time like 2025-03-04 09:15:00 (optionally with an offset, +08:00)",
            )
        )
    fields["call_date"] = stamp.date()
    # a call after the day of the run (a day's grace for time zones) is a typing error that
    # would create a week of its own, e.g. 2098-12-29 for a call dated 2099
    latest = (today or date.today()) + timedelta(days=1)
    checks.append(
        (
            "call_time",
            (stamp.date() > ibis.literal(latest)).fill_null(False),
            f"a call time not after the day of this run ({latest - timedelta(days=1):%Y-%m-%d}); "
            "this one is in the future — often a mistyped year (通话时间晚于运行当天，常见原因是年份输错)",
        )
    )
    for m in metrics:
        spec = _METRICS[m]
        raw = table[m]
        if spec.kind == "number":
            if raw.type().is_numeric():
                number = raw.cast("float64")
                present = raw.notnull()
            else:
                text = _text(raw)
                number = text.try_cast("float64")
                present = text.notnull()
            bad = present & (number.isnull() | (number < spec.low))
            if np.isfinite(spec.high):
                bad = bad | (present & (number > spec.high))
            # DuckDB reads 'nan'/'inf' as numbers; a measure must be finite
            bad = bad | (present & (number.isnan() | number.isinf()).fill_null(False))
        else:
            if raw.type().is_boolean():
                number = raw.cast("float64")
                present = raw.notnull()
                bad = present & ibis.literal(False)
            elif raw.type().is_numeric():
                number = raw.cast("float64")
                present = raw.notnull()
                bad = present & ~number.isin([0.0, 1.0])
            else:
                text = _text(raw).lower()
                number = ibis.cases(
                    (text.isin(list(_YES)), 1.0),
                    (text.isin(list(_NO)), 0.0),
                    else_=ibis.null("float64"),
                )
                present = text.notnull()
                bad = present & number.isnull()
        fields[m] = number
        checks.append((m, bad.fill_null(False), spec.expected))
    return fields, checks


def _metrics_of(table: Any, known: tuple[str, ...], name: str | None, what: str) -> tuple[str, ...]:
    columns = list(table.columns)
    missing = [c for c in _KEYS if c not in columns]
    if missing:
        raise InputError(
            name,
            [
                Problem(f"required column is missing; the header has {columns}", 1, c)
                for c in missing
            ],
        )
    metrics = tuple(m for m in known if m in columns)
    if not metrics:
        raise InputError.single(
            name, f"no {what} columns; expected some of {', '.join(known)}", row=1
        )
    return metrics


def _week(call_date: Any, offset: int) -> Any:
    """First day of the week containing ``call_date``, as days since 1970-01-01.

    Weeks start ``offset`` days after Monday.  Integer arithmetic on the day number (1970-01-01
    was a Thursday, weekday 3) instead of ``date_trunc``: the same result, several times
    cheaper per row in DuckDB, and plain SQL on every backend.
    """
    day = call_date.epoch_days()
    return day - ((day + (3 - offset + 7)) % 7)


# -------------------------------------------------------------------------- expressions
def _calls(
    table: Any, metrics: tuple[str, ...], offset: int, today: date | None = None
) -> tuple[Any, list]:
    """Typed calls with ``week`` and one 0/1 column ``_bad_<i>`` per check, and the checks."""
    fields, checks = _typed(table, metrics, today)
    typed = table.select(
        **{k: v for k, v in fields.items() if k != "call_date"},
        week=_week(fields["call_date"], offset),
        **{f"_bad_{i}": cond.cast("int64") for i, (_, cond, _) in enumerate(checks)},
    )
    return typed, checks


def qa_measures(calls: Any) -> dict[str, Any]:
    """Per agent-week QA measures (Ibis reductions over the typed calls of :func:`_calls`).

    ``qa_score`` = mean QA score of the week's scored calls; ``qa_pass_rate`` = 100 × share of
    the week's calls with a pass flag that passed.
    """
    measures: dict[str, Any] = {}
    if "qa_score" in calls.columns:
        measures["qa_score"] = calls.qa_score.mean()
    if "qa_pass" in calls.columns:
        measures["qa_pass_rate"] = calls.qa_pass.mean() * 100.0
    return measures


def kpi_measures(calls: Any) -> dict[str, Any]:
    """Per agent-week KPI measures (Ibis reductions over the typed calls of :func:`_calls`).

    ``aht_s`` = mean handle time; ``repeat_tickets`` = number of calls flagged as repeat
    contacts; ``csat`` = 100 × share satisfied among calls with a CSAT answer;
    ``sales_conversion`` = 100 × share of sales calls with a sale.
    """
    measures: dict[str, Any] = {}
    if "repeat_contact" in calls.columns:
        measures["repeat_tickets"] = calls.repeat_contact.sum()
    if "handle_s" in calls.columns:
        measures["aht_s"] = calls.handle_s.mean()
    if "csat" in calls.columns:
        measures["csat"] = calls.csat.mean() * 100.0
    if "sale" in calls.columns:
        measures["sales_conversion"] = calls.sale.mean() * 100.0
    return measures


def aggregate_calls(calls: Any, measures: Any) -> Any:
    """Ibis expression: one row per (agent, team, week) with ``measures(calls)`` and bad counts.

    ``week`` is the week's first day as days since 1970-01-01.  The team is a grouping key
    (cheaper than a string reduction); an agent under two teams in one week shows up as two
    rows and is reported by the caller.

    This single grouped scan is the whole job on valid data: the per-check bad-cell counts
    ride along with the measures, so validation costs no extra pass over the calls.
    """
    bad = {c: calls[c].sum() for c in calls.columns if c.startswith("_bad_")}
    return calls.group_by(["agent_id", "team", "week"]).aggregate(**measures(calls), **bad)


# ----------------------------------------------------------------------------- checking
def _raise_located(
    con: Any, table: Any, checks: list[tuple[str, Any, str]], counts: dict[str, int], name: Any
) -> None:
    """Fetch the first few bad rows of every failing check and raise one located error."""
    problems: list[Problem] = []
    has_row = _ROW in table.columns
    limit = 20
    for i, (column, cond, expected) in enumerate(checks):
        n_bad = int(counts.get(f"_bad_{i}", 0) or 0)
        if not n_bad:
            continue
        cols = [_ROW, column] if has_row else ["agent_id", "call_time", column]
        bad = table.filter(cond).select(*cols)
        if has_row:
            bad = bad.order_by(_ROW)
        rows = con.execute(bad.limit(limit))
        for k in range(len(rows)):
            found = rows[column].iloc[k]
            if found is None or (isinstance(found, float) and np.isnan(found)):
                found = None
            row = int(rows[_ROW].iloc[k]) if has_row else None
            where = (
                ""
                if has_row
                else f" (agent {rows['agent_id'].iloc[k]}, call at {rows['call_time'].iloc[k]})"
            )
            problems.append(Problem(f"expected {expected}{where}", row, column, found))
        if n_bad > limit:
            problems.append(Problem(f"{n_bad - limit} more rows like these", None, column))
    if problems:
        problems.sort(key=lambda p: (p.row if p.row is not None else 1 << 62, str(p.column)))
        raise InputError(name, problems)


def _check_duplicates(con: Any, table: Any, name: Any) -> None:
    """With a ``call_id`` column, each call may appear once."""
    if "call_id" not in table.columns:
        return
    ids = _text(table.call_id)
    dup = (
        table.mutate(_id=ids).filter(ids.notnull()).group_by("_id").aggregate(n=lambda t: t.count())
    )
    dup = dup.filter(dup.n > 1)
    n_dup = int(con.execute(dup.count()))
    if not n_dup:
        return
    first = con.execute(dup.order_by("_id").limit(10))
    problems = []
    for call_id in first["_id"]:
        rows = table.filter(ids == call_id)
        if _ROW in table.columns:
            found = sorted(int(r) for r in con.execute(rows.select(_ROW))[_ROW])
            problems.append(
                Problem(
                    f"call {call_id} appears more than once (also row {found[0]})",
                    found[1],
                    "call_id",
                    call_id,
                )
            )
        else:
            problems.append(Problem(f"call {call_id} appears more than once", None, "call_id"))
    if n_dup > len(problems):
        problems.append(
            Problem(f"{n_dup - len(problems)} more duplicated call ids", None, "call_id")
        )
    raise InputError(name, problems)


def _check_teams(weekly: pd.DataFrame, name: Any) -> None:
    split = weekly.loc[weekly.duplicated(["agent_id", "week"], keep=False)]
    if split.empty:
        return
    teams = split.groupby(["agent_id", "week"], sort=True)["team"].agg(
        lambda t: ", ".join(sorted(str(x) for x in t))
    )
    problems = [
        Problem(
            f"agent {agent} has calls under two or more teams ({names}) in the week of "
            f"{_week_date(week):%Y-%m-%d}; an agent belongs to one team per week",
            None,
            "team",
        )
        for (agent, week), names in teams.head(10).items()
    ]
    if len(teams) > len(problems):
        problems.append(
            Problem(f"{len(teams) - len(problems)} more such agent-weeks", None, "team")
        )
    raise InputError(name, problems)


def _week_date(days: Any) -> Any:
    """Days since 1970-01-01 → datetimes typed as ``read_weekly`` types its ``week`` column.

    ``read_weekly`` converts parsed dates with ``pd.to_datetime``, whose unit follows the
    installed pandas (ns on 2.x, us on 3.x); the probe keeps both paths identical.
    """
    if not np.ndim(days):
        return pd.Timestamp(int(days), unit="D")
    unit = pd.to_datetime([pd.Timestamp(2000, 1, 3)]).dtype
    return pd.to_datetime(np.asarray(days, dtype="int64"), unit="D").astype(unit)


def _to_frame(result: pd.DataFrame, measures: list[str], name: Any) -> pd.DataFrame:
    """The agent-week frame exactly as ``read_weekly`` types it."""
    out = pd.DataFrame(
        {
            # built from Python strings like read_weekly's columns, so the string dtype is
            # whatever the installed pandas infers for them (object, or str on pandas 3)
            "agent_id": pd.Series(result["agent_id"].to_numpy(dtype=object)),
            "team": pd.Series(result["team"].to_numpy(dtype=object)),
            "week": _week_date(result["week"]),
            **{m: pd.to_numeric(result[m]).astype(float) for m in measures},
        }
    )
    out = out.sort_values(["agent_id", "week"], kind="stable").reset_index(drop=True)
    out.attrs["source"] = name
    return out


# ---------------------------------------------------------------------------- public API
def weekly_from_calls(
    qa_calls: Any = None,
    kpi_calls: Any = None,
    *,
    week_start: str = "monday",
    tz: str = "Asia/Shanghai",
    backend: Any = None,
    today: date | None = None,
) -> tuple[pd.DataFrame | None, pd.DataFrame | None]:
    """Aggregate call-level QA and KPI records to the weekly panels of notebook 03.

    Parameters
    ----------
    qa_calls, kpi_calls : path or ibis Table, optional
        Call records: a ``.csv`` (UTF-8/GBK), ``.xlsx`` or ``.parquet`` file, or an Ibis table
        of the ``backend`` (e.g. a Spark table).  Columns: see the module docstring.
    week_start : str
        Weekday a week starts on (default ``"monday"``, the grid of the weekly files).  A call
        counts for the week whose first day is the last ``week_start`` on or before the call's
        local date.
    tz : str
        IANA time zone of the centre.  ``call_time`` without an offset is local time in
        ``tz``; with an offset (``+08:00``, ``Z``) it is converted to ``tz`` before its date
        is taken, so a call at 2025-01-05 23:30 UTC counts for Monday 2025-01-06 in Beijing.
    backend : Ibis backend, optional
        Where the aggregation runs; default an embedded DuckDB (:func:`duckdb_backend`).
        Pass ``ibis.pyspark.connect(spark)`` to run it on Spark; set the session time zone
        there yourself (``spark.sql.session.timeZone``) to ``tz``.
    today : date, optional
        The day of the run (default: the system date); a call after it is a located error.

    Returns
    -------
    qa_weekly, kpi_weekly : DataFrame or None
        The frames :func:`~cslib.effectiveness.io.read_weekly` returns for ``qa_weekly.csv``
        and ``kpi_weekly.csv``: ``agent_id, team, week (datetime64)`` and float measures,
        one row per agent and week *in which the agent has calls*, sorted by agent and week.
        ``qa_weekly`` has ``qa_score`` (mean score); ``kpi_weekly`` has ``qa_pass_rate``
        (100 × passed / QA calls with a pass flag; from the QA records), ``repeat_tickets``
        (calls flagged as repeat contacts), ``aht_s`` (mean handle time), ``csat`` (100 ×
        satisfied / calls with a CSAT answer) and ``sales_conversion`` (100 × sales / calls
        with a sale flag), each only when its input column is present.  A measure with no
        input in an agent-week (e.g. no CSAT answers) is NaN, i.e. missing.  ``None`` when
        there are no records for that frame.

    Raises
    ------
    InputError
        Missing columns; unparseable or out-of-range cells (file, row, column, value; the
        first 20 per column); a ``call_id`` given twice; an agent under two teams in one week;
        a call dated after ``today``; agent ids that differ only by case, spaces or full-width
        characters (one agent, two spellings); a file in which no call has any measure.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "qa.csv").write_text(
    ...     "agent_id,team,call_time,qa_score,qa_pass\\n"
    ...     "A1,T1,2025-01-06 09:00,80,1\\n"
    ...     "A1,T1,2025-01-12 23:59,90,0\\n"
    ...     "A1,T1,2025-01-13 00:01,70,1\\n"
    ... )
    >>> qa, kpi = weekly_from_calls(qa_calls=folder / "qa.csv")
    >>> qa[["week", "qa_score"]].to_string(index=False)
    '      week  qa_score\\n2025-01-06      85.0\\n2025-01-13      70.0'
    >>> kpi["qa_pass_rate"].tolist()
    [50.0, 100.0]
    """
    with _without_ibis_own_deprecations():
        offset = _week_offset(week_start)
        con = backend if backend is not None else duckdb_backend(tz=tz)
        qa_table = kpi_table = None
        pass_table = None
        with _opened(qa_calls, con) if qa_calls is not None else _nothing() as (qa_src, qa_name):
            if qa_src is not None:
                metrics = _metrics_of(qa_src, QA_METRICS, qa_name, "QA metric")
                qa_agg = _checked(con, qa_src, metrics, offset, qa_name, qa_measures, today)
                if "qa_score" in metrics:
                    qa_table = _to_frame(qa_agg, ["qa_score"], qa_name)
                if "qa_pass" in metrics:
                    pass_table = _to_frame(qa_agg, ["qa_pass_rate"], qa_name)
        with _opened(kpi_calls, con) if kpi_calls is not None else _nothing() as (k_src, k_name):
            if k_src is not None:
                metrics = _metrics_of(k_src, KPI_METRICS, k_name, "KPI")
                k_agg = _checked(con, k_src, metrics, offset, k_name, kpi_measures, today)
                measures = [
                    m
                    for m in ("repeat_tickets", "aht_s", "csat", "sales_conversion")
                    if m in k_agg.columns
                ]
                kpi_table = _to_frame(k_agg, measures, k_name)
        kpi_weekly = _with_pass_rate(kpi_table, pass_table)
        _check_spellings([(qa_name, qa_table), (k_name, kpi_weekly)])
        for frame in (qa_table, kpi_weekly):
            _check_measured(frame)
        return qa_table, kpi_weekly


def _check_spellings(frames: list[tuple[Any, pd.DataFrame | None]]) -> None:
    """One agent, one spelling: ids that differ only by case, spaces or full-width characters
    are refused (naming both spellings), as the weekly-file reader does."""
    first: dict[str, tuple[str, Any]] = {}
    for name, frame in frames:
        if frame is None:
            continue
        for agent in sorted(frame["agent_id"].astype(str).unique()):
            seen = first.setdefault(normalise_id(agent), (agent, name))
            if seen[0] != agent:
                raise InputError.single(
                    name,
                    f"id {agent!r} differs from {seen[0]!r} ({Path(str(seen[1])).name}) only by "
                    "case, spaces or full-width characters; expected one spelling per agent "
                    "(同一坐席的编号应只有一种写法)",
                    column="agent_id",
                    found=agent,
                )


def _check_measured(frame: pd.DataFrame | None) -> None:
    """A file whose calls carry no measure at all would give agent-weeks of empty measures."""
    if frame is None or frame.empty:
        return
    measures = [c for c in frame.columns if c not in ("agent_id", "team", "week")]
    empty = [m for m in measures if frame[m].isna().all()]
    if measures and len(empty) == len(measures):
        raise InputError.single(
            frame.attrs.get("source"),
            f"no call has a value in {', '.join(repr(m) for m in measures)}; expected scored "
            "calls (没有任何一通录音有评分或指标值)",
            column=empty[0],
        )
    for m in empty:
        warnings.warn(
            InputWarning(
                f"column '{m}' is empty in every call; the weekly {m} is missing throughout",
                f"列 {m} 在所有通话中都为空，每周的 {m} 均缺失",
                frame.attrs.get("source") or "data",
            ),
            stacklevel=3,
        )


@contextmanager
def _nothing() -> Iterator[tuple[None, None]]:
    yield None, None


def _checked(
    con: Any,
    source: Any,
    metrics: tuple[str, ...],
    offset: int,
    name: Any,
    measures: Any,
    today: date | None = None,
) -> pd.DataFrame:
    typed, checks = _calls(source, metrics, offset, today)
    result = con.execute(aggregate_calls(typed, measures))
    bad = {f"_bad_{i}": int(result[f"_bad_{i}"].fillna(0).sum()) for i in range(len(checks))}
    if any(bad.values()):
        _raise_located(con, source, checks, bad, name)
    _check_duplicates(con, source, name)
    _check_teams(result, name)
    _check_outlying_weeks(result, name)
    return result.drop(columns=[*bad])


def _check_outlying_weeks(result: pd.DataFrame, name: Any) -> None:
    """One or a few agent-weeks far from all the others (a mistyped year in the past) would add
    weeks of their own to the panel: refused as :func:`cslib.core.dates.check_dates` refuses
    an outlying date (the week's first day is what is found; rows are agent-weeks, so no
    spreadsheet row is named)."""
    if result.empty:
        return
    weeks = pd.DataFrame(
        {"call_time": _week_date(result["week"])},
        index=[f"agent-week {k}" for k in range(len(result))],
    )
    check_dates(weeks, "call_time", file=None if name is None else str(name))


def _with_pass_rate(kpi: pd.DataFrame | None, passes: pd.DataFrame | None) -> pd.DataFrame | None:
    """KPI weekly frame with the QA pass rate joined on (agent, week), as in ``kpi_weekly.csv``."""
    if passes is None:
        return kpi
    if kpi is None:
        return passes
    merged = kpi.merge(
        passes.rename(columns={"team": "_qa_team"}), on=["agent_id", "week"], how="outer"
    )
    merged["team"] = merged["team"].fillna(merged.pop("_qa_team"))
    order = ["agent_id", "team", "week", "qa_pass_rate"] + [
        c for c in kpi.columns if c not in ("agent_id", "team", "week")
    ]
    out = merged[order].sort_values(["agent_id", "week"], kind="stable").reset_index(drop=True)
    out.attrs["source"] = kpi.attrs.get("source")
    return out
