"""Read CSV/XLSX input as text, validate it with pandera, write output atomically.

Every frame returned by :func:`read_table` holds the cells as stripped strings,
is indexed by the *spreadsheet row number* (header = row 1, first data row = 2)
and carries its file name in ``df.attrs["source"]``.  Parsing numbers is left to
:func:`validate`, whose pandera schema coerces and checks values and whose
failures become :class:`~cslib.core.errors.InputError` with file, row and column.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import tempfile
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pandera.pandas as pa
import pyarrow
import pyarrow.compute as pc
from pandas.arrays import ArrowStringArray
from pandera.errors import SchemaError, SchemaErrors

from cslib.core.errors import InputError, Problem
from cslib.core.plausibility import InputWarning

_CSV_ENCODINGS = ("utf-8-sig", "gb18030")  # Excel on Chinese Windows saves CSV as GBK
_EXCEL_SUFFIXES = {".xlsx", ".xlsm"}
_OLD_EXCEL = {".xls", ".xlsb", ".et"}  # binary workbooks openpyxl cannot open


def source_of(df: pd.DataFrame) -> str | None:
    """The file a frame was read from, if known."""
    return df.attrs.get("source")


def sheet_of(df: pd.DataFrame) -> str | None:
    """The worksheet a frame was read from, if any."""
    return df.attrs.get("sheet")


def _tidy(frame: pd.DataFrame, source: str, sheet: str | None, first_row: int = 2) -> pd.DataFrame:
    frame = frame.copy()
    frame.columns = [str(c).strip() for c in frame.columns]
    blank_headers = [i for i, c in enumerate(frame.columns) if c == "" or c.startswith("Unnamed:")]
    # drop fully empty trailing columns Excel likes to leave behind; complain about named-less data
    for i in blank_headers:
        col = frame.iloc[:, i]
        if col.fillna("").astype(str).str.strip().ne("").any():
            raise InputError.single(
                source,
                f"a column has data but no header in row {first_row - 1} (merged header cells? "
                "give every column its own header)",
                column=f"#{i + 1}",
                sheet=sheet,
            )
    keep = [i for i in range(frame.shape[1]) if i not in blank_headers]
    frame = frame.iloc[:, keep]
    dupes = frame.columns[frame.columns.duplicated()].unique().tolist()
    if dupes:
        raise InputError.single(source, "duplicate column header", column=dupes[0], sheet=sheet)
    texts = [_stripped_text(frame.iloc[:, i]) for i in range(frame.shape[1])]
    filled = np.zeros(len(frame), dtype=bool)
    for _, blank in texts:
        filled |= ~blank
    frame = pd.DataFrame(
        {i: text for i, (text, _) in enumerate(texts)},
        index=pd.RangeIndex(first_row, len(frame) + first_row),
    ).set_axis(frame.columns, axis=1)
    frame.index.name = "row"
    # rows that are entirely empty (typical at the end of Excel sheets) carry no data
    frame = frame.loc[filled] if not filled.all() else frame
    frame.attrs["source"] = source
    if sheet is not None:
        frame.attrs["sheet"] = sheet
    return frame


def _stripped_text(column: pd.Series) -> tuple[Any, np.ndarray]:
    """``str(v).strip()`` of every cell (missing → ``""``) and which cells are then empty.

    Computed once per *distinct* value: input columns repeat few values (ids, rounds, scores,
    dates), so factorising first makes the cost one hash pass over the cells plus Python work
    per distinct value only.

    A text our CSV writer neutralised (``'=2+3``, see :func:`cslib.core.inert.csv_cell`) reads
    as the text it was (``=2+3``), so ids survive a round trip through our own files.
    """
    from cslib.core.inert import uncsv_cell

    if isinstance(column.array, ArrowStringArray):
        # text as read from CSV: pyarrow strips every cell vectorised and the result stays an
        # Arrow string column (no round trip through Python objects)
        arrow = pc.fill_null(pc.utf8_trim_whitespace(pyarrow.array(column.array)), "")
        blank = pc.equal(arrow, "").to_numpy(zero_copy_only=False)
        quoted = pc.starts_with(arrow, "'").to_numpy(zero_copy_only=False)
        if not quoted.any():
            return pd.array(arrow, dtype=column.dtype), blank
        values = np.array(arrow.to_pylist(), dtype=object)  # rare: cells our writer quoted
        values[quoted] = [uncsv_cell(v) for v in values[quoted]]
        return pd.array(values, dtype=column.dtype), blank
    codes, uniques = pd.factorize(column, use_na_sentinel=True)
    text = np.array([uncsv_cell(str(v).strip()) for v in uniques] + [""], dtype=object)
    return text[codes], (text == "")[codes]  # code -1 (missing) picks the trailing ""


def _any_contains(values: pd.Series, text: str) -> bool:
    """Whether any cell of a text column contains ``text`` (a literal)."""
    if isinstance(values.array, ArrowStringArray):
        return bool(pc.any(pc.match_substring(pyarrow.array(values.array), text)).as_py())
    return bool(values.str.contains(text, regex=False).any())


def _blank(column: pd.Series) -> np.ndarray:
    """``column == ""`` for a text column, comparing each distinct value once."""
    if isinstance(column.array, ArrowStringArray):  # pyarrow compares vectorised
        equal = pc.equal(pyarrow.array(column.array), "")
        return pc.fill_null(equal, False).to_numpy(zero_copy_only=False)
    codes, uniques = pd.factorize(column, use_na_sentinel=True)
    return np.append(np.asarray(uniques, dtype=object) == "", False)[codes]


def _as_number(raw: pd.Series) -> pd.Series:
    """``pd.to_numeric(raw, errors="coerce")``, parsing each distinct text once."""
    codes, uniques = pd.factorize(raw, use_na_sentinel=True)
    values = pd.to_numeric(pd.Series(uniques, dtype=object), errors="coerce").to_numpy(float)
    return pd.Series(np.append(values, np.nan)[codes], index=raw.index, name=raw.name)


def _excel_cell_text(value: object) -> object:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    # a date typed into an Excel cell is a datetime at midnight: read it as the date it shows
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date().isoformat()
    return value


def read_table(path: str | Path, *, sheet: str | int | None = None) -> pd.DataFrame:
    """Read one CSV file or one worksheet of an XLSX file as text.

    Parameters
    ----------
    path : str or Path
        ``.csv`` (UTF-8, UTF-8 with BOM, or GB18030/GBK) or ``.xlsx``.
    sheet : str or int, optional
        Worksheet of an XLSX file; default the first.

    Returns
    -------
    DataFrame
        Stripped strings (empty cells are ``""``), indexed by spreadsheet row number,
        with ``attrs["source"]`` (and ``attrs["sheet"]`` for XLSX).

    Raises
    ------
    InputError
        Missing or empty file, unreadable encoding, no header, duplicate headers.
    """
    path = Path(path)
    source = str(path)
    if not path.is_file():
        raise InputError.single(source, "file not found")
    if path.stat().st_size == 0:
        raise InputError.single(source, "the file is empty; expected a header row and data rows")
    if path.suffix.lower() in _OLD_EXCEL:
        raise InputError.single(
            source,
            "an old Excel 97–2003 workbook (.xls) cannot be read; expected .xlsx or .csv — open "
            "it in Excel or WPS and save it as an Excel workbook (.xlsx) "
            "(旧版 .xls 文件无法读取，请另存为 .xlsx 或 .csv)",
            found=path.suffix,
        )
    if path.suffix.lower() in _EXCEL_SUFFIXES:
        try:
            book = pd.read_excel(
                path, sheet_name=None, dtype=object, engine="openpyxl", header=None
            )
        except Exception as exc:  # openpyxl raises many types for corrupt files
            raise InputError.single(source, f"cannot read as an Excel workbook ({exc})") from None
        names = list(book)
        if sheet is None:
            name = names[0]
        elif isinstance(sheet, int):
            if not 0 <= sheet < len(names):
                raise InputError.single(source, f"no worksheet number {sheet}; it has {names}")
            name = names[sheet]
        else:
            if sheet not in book:
                raise InputError.single(source, f"no worksheet '{sheet}'; it has {names}")
            name = sheet
        frame, first_row = _with_header(book[name].map(_excel_cell_text), source, name)
        result = _tidy(frame, source, name, first_row)
    else:
        frame = None
        for encoding in _CSV_ENCODINGS:
            try:
                sep, skip, titles = _sniff_delimiter(path, encoding)
                frame = pd.read_csv(
                    path,
                    dtype=str,
                    keep_default_na=False,
                    encoding=encoding,
                    skip_blank_lines=True,
                    header=None,
                    skiprows=skip,
                    sep=sep,
                    engine="c" if sep == "," else "python",
                )
                if sep != ",":
                    warnings.warn(
                        InputWarning(
                            f"columns are separated by {sep!r}, not commas; read that way",
                            f"各列以 {sep!r} 而非逗号分隔，已按 {sep!r} 分隔读取",
                            source,
                        ),
                        stacklevel=2,
                    )
                break
            except UnicodeDecodeError:
                continue
            except pd.errors.EmptyDataError:
                raise InputError.single(
                    source, "the file is empty; expected a header row and data rows"
                ) from None
            except pd.errors.ParserError as exc:
                raise InputError.single(source, f"not a well-formed CSV file ({exc})") from None
        if frame is None:
            raise InputError.single(source, "cannot decode the file as UTF-8 or GBK text")
        if skip:
            _warn_title_rows(source, None, skip, titles)
        frame, first_row = _with_header(frame, source, None, skip)
        result = _tidy(frame, source, None, first_row)
    if result.empty:
        raise InputError.single(
            source, "no data rows below the header", sheet=result.attrs.get("sheet")
        )
    return _normalise_dates(result)


# ----------------------------------------------------------------------------- reading helpers
# Hand-written: these encode how Chinese Excel users' files go wrong (title rows above
# the header, ';' or '，' as separators, 2026年3月1日 and Excel serial dates).
_DELIMITERS = (",", ";", "，", "\t")
_CJK_DATE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
_SERIAL = r"[0-9]{5}(?:\.0+)?"  # for fullmatch; ASCII classes, so pyarrow runs it vectorised
_DATE_COLUMNS = re.compile(r"(date|week|日期|周)", re.IGNORECASE)


def _sniff_delimiter(path: Path, encoding: str) -> tuple[str, int, list[str]]:
    """The separator, how many title lines (at most one filled field) precede the header, and
    the titles' text.

    The separator is ',' unless the header line has none and another candidate has some.
    """
    lines = []
    with path.open(encoding=encoding, newline="") as fh:
        for line in fh:
            lines.append(line.rstrip("\r\n"))
            if len(lines) >= 8:
                break

    def sep_of(line: str) -> str:
        counts = {d: line.count(d) for d in _DELIMITERS}
        if counts[","]:
            return ","
        best = max(_DELIMITERS[1:], key=lambda d: counts[d])
        return best if counts[best] else ","

    def filled(line: str, sep: str) -> int:
        return sum(1 for cell in line.split(sep) if cell.strip().strip('"'))

    widths = [max(filled(x, d) for d in _DELIMITERS) for x in lines]
    skip = 0
    while skip < min(5, len(lines) - 1) and widths[skip] <= 1 and max(widths[skip + 1 :]) >= 2:
        skip += 1
    titles = [
        cell.strip().strip('"').strip()
        for line in lines[:skip]
        for cell in re.split("|".join(map(re.escape, _DELIMITERS)), line)
        if cell.strip().strip('"').strip()
    ]
    return (sep_of(lines[skip]) if lines else ","), skip, titles


def _warn_title_rows(source: str, sheet: str | None, h: int, titles: list[str]) -> None:
    title = "; ".join(titles)[:60]
    shown, shown_zh = (f" ({title})", f"（{title}）") if titles else ("", "")
    above = f"row 1{shown} above it was" if h == 1 else f"rows 1–{h}{shown} above it were"
    rows_zh = "1" if h == 1 else f"1–{h}"
    warnings.warn(
        InputWarning(
            f"row {h + 1} holds the column headers; {above} skipped as {'a title' if h == 1 else 'titles'}",
            f"第 {h + 1} 行为表头，其上的第 {rows_zh} 行{shown_zh}作为标题已跳过",
            source,
            sheet,
        ),
        stacklevel=4,
    )


def _with_header(
    raw: pd.DataFrame, source: str, sheet: str | None, skipped: int = 0
) -> tuple[pd.DataFrame, int]:
    """Use the first row as the header, skipping title rows (at most one filled cell) above it.

    ``skipped`` title lines were already left out by the CSV reader.  Returns the frame with
    column names and the spreadsheet row of the first data row.
    """
    raw = raw.reset_index(drop=True)
    filled = raw.head(8).map(lambda v: not (pd.isna(v) or str(v).strip() == "")).sum(axis=1)
    h = 0
    while h < min(5, len(filled) - 1) and filled.iloc[h] <= 1 and filled.iloc[h + 1 :].max() >= 2:
        h += 1
    if h:
        titles = [
            str(v).strip()
            for v in raw.iloc[:h].to_numpy().ravel()
            if pd.notna(v) and str(v).strip()
        ]
        _warn_title_rows(source, sheet, h + skipped, titles)
    if raw.empty:
        return raw, 2 + skipped
    header = ["" if pd.isna(v) else str(v) for v in raw.iloc[h]]
    frame = raw.iloc[h + 1 :].reset_index(drop=True)
    frame.columns = header
    return frame, h + 2 + skipped


def _normalise_dates(frame: pd.DataFrame) -> pd.DataFrame:
    """``2026年3月1日`` → ``2026-03-01`` anywhere; Excel serial numbers in date columns, with a warning."""
    out = frame
    for column in frame.columns:
        values = frame[column]
        date_column = _DATE_COLUMNS.search(str(column)) is not None
        if not date_column and not _any_contains(values, "年"):
            continue  # nothing below can apply; skips filtering a column that has no dates
        filled = values[values != ""]
        if filled.empty:
            continue
        # a literal pre-filter first: pyarrow tests it vectorised, while the date pattern
        # (\s, \d on CJK text) would make pandas loop in Python over every cell
        candidates = filled[filled.str.contains("年", regex=False)]
        cjk = candidates.str.match(_CJK_DATE)
        if cjk.any():
            if out is frame:
                out = frame.copy()
            parts = candidates[cjk].str.extract(_CJK_DATE).astype(int)
            out.loc[parts.index, column] = [
                f"{y:04d}-{m:02d}-{d:02d}" for y, m, d in parts.itertuples(index=False)
            ]
        if (
            date_column
            and re.fullmatch(_SERIAL, str(filled.iloc[0]))  # cheap early out
            and filled.str.fullmatch(_SERIAL).all()
        ):
            serial = filled.astype(float)
            if serial.between(20_000, 80_000).all():  # 1954-10-03 … 2119-01-10
                if out is frame:
                    out = frame.copy()
                dates = pd.Timestamp("1899-12-30") + pd.to_timedelta(serial, unit="D")
                out.loc[filled.index, column] = dates.dt.strftime("%Y-%m-%d")
                first = f"{filled.iloc[0]} = {dates.iloc[0]:%Y-%m-%d}"
                warnings.warn(
                    InputWarning(
                        f"column '{column}' holds numbers like {filled.iloc[0]}; read as Excel "
                        f"serial dates ({first})",
                        f"列 {column} 为数字（如 {filled.iloc[0]}），已按 Excel 日期序号读取（{first}）",
                        frame.attrs.get("source"),
                    ),
                    stacklevel=3,
                )
    return out


INSTRUCTION_SHEETS = frozenset({"说明", "Instructions", "说明 Instructions", "Instructions 说明"})
"""Worksheets that hold instructions, never data (the input templates end with one)."""


def sheet_names(path: str | Path) -> list[str]:
    """Worksheet names of an XLSX file (``[]`` for CSV); instruction sheets and hidden
    sheets are left out."""
    path = Path(path)
    if path.suffix.lower() not in _EXCEL_SUFFIXES:
        return []
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True)
    except Exception as exc:
        raise InputError.single(str(path), f"cannot read as an Excel workbook ({exc})") from None
    try:  # hidden sheets (scratch work, lookups) are not data either
        return [
            ws.title
            for ws in book.worksheets
            if ws.title not in INSTRUCTION_SHEETS
            and getattr(ws, "sheet_state", "visible") == "visible"
        ]
    finally:
        book.close()


def require_columns(df: pd.DataFrame, columns: list[str] | tuple[str, ...]) -> None:
    """Raise :class:`InputError` naming the first missing column."""
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise InputError(
            source_of(df),
            [
                Problem(f"required column is missing; the header has {list(df.columns)}", 1, c)
                for c in missing
            ],
            sheet_of(df),
        )


def validate(df: pd.DataFrame, schema: pa.DataFrameSchema) -> pd.DataFrame:
    """Parse and check ``df`` with a pandera schema, translating failures to :class:`InputError`.

    Text cells are first parsed into each column's dtype (integers must be whole
    numbers; empty cells are missing values), then the schema's checks run.  Give
    each column a ``description`` saying what is expected (e.g. ``"an integer from
    1 to 5"``) and each check an ``error`` text; they are used in the messages.
    """
    require_columns(df, [name for name, col in schema.columns.items() if col.required])
    parsed, problems = _parse_columns(df, schema)
    if problems:  # still check the rows that parsed, so one pass reports everything
        bad_rows = {p.row for p in problems}
        parsed = parsed.loc[~parsed.index.isin(bad_rows)].copy()
        for name, col in schema.columns.items():
            kind = str(col.dtype)
            if name in parsed and kind.startswith(("int", "float")):
                parsed[name] = _typed(_as_number(parsed[name]), kind)
    try:
        checked = _without_text_dtype_checks(schema, parsed).validate(parsed, lazy=True)
        if not problems:
            return checked
    except SchemaErrors as exc:
        problems += _problems_from_cases(exc.failure_cases, schema)
    except SchemaError as exc:  # pragma: no cover - lazy=True collects, but be safe
        problems.append(Problem(str(exc)))
    raise InputError(source_of(df), _unique(problems), sheet_of(df)) from None


def _without_text_dtype_checks(
    schema: pa.DataFrameSchema, parsed: pd.DataFrame
) -> pa.DataFrameSchema:
    """The schema minus its ``str`` dtype checks on columns already known to hold only text.

    pandera checks a ``str`` column by calling ``type()`` on every cell; a C-level
    ``infer_dtype`` pass proves the same thing 30× faster, so the schema's own check is dropped
    for those columns (value checks such as ``isin`` still run).
    """
    text = {
        name: {"dtype": None}
        for name, col in schema.columns.items()
        if str(col.dtype) in ("str", "string")
        and name in parsed
        and parsed[name].dtype == object
        and pd.api.types.infer_dtype(parsed[name], skipna=True) in ("string", "empty")
    }
    return schema.update_columns(text) if text else schema


def _unique(problems: list[Problem]) -> list[Problem]:
    seen: set[tuple[int | None, str | None]] = set()
    kept = []
    for p in sorted(problems, key=lambda p: (p.row or 0, str(p.column))):
        if (p.row, p.column) not in seen:
            seen.add((p.row, p.column))
            kept.append(p)
    return kept


def _typed(number: pd.Series, kind: str) -> pd.Series:
    """Numbers as float, int64, or nullable Int64 when an integer column has gaps."""
    if kind.startswith("float"):
        return number.astype(float)
    return number.astype("Int64" if number.isna().any() else "int64")


def _parse_columns(
    df: pd.DataFrame, schema: pa.DataFrameSchema
) -> tuple[pd.DataFrame, list[Problem]]:
    out = df.copy()
    for name in schema.columns:
        if name in out.columns:
            column = out[name]
            out[name] = column.where(~_blank(column), None)
    problems: list[Problem] = []
    for name, col in schema.columns.items():
        if name not in out.columns:
            continue
        raw = out[name]
        missing = raw.isna()
        expected = col.description or str(col.dtype)
        if not col.nullable:
            problems += [
                Problem(f"missing value; expected {expected}", r, name) for r in raw.index[missing]
            ]
        kind = str(col.dtype)
        if kind.startswith(("int", "float")):
            number = _as_number(raw)
            bad = number.isna() & ~missing
            if kind.startswith("int"):
                bad |= number.notna() & (number % 1 != 0)
            problems += [Problem(f"expected {expected}", r, name, raw[r]) for r in raw.index[bad]]
            if not bad.any():
                out[name] = _typed(number, kind)
        elif kind in ("str", "string", "object"):
            out[name] = raw.astype(object)
    return out, problems


def _problems_from_cases(cases: pd.DataFrame, schema: pa.DataFrameSchema) -> list[Problem]:
    problems: list[Problem] = []
    for case in cases.itertuples(index=False):
        column = getattr(case, "column", None)
        check = str(getattr(case, "check", ""))
        index = getattr(case, "index", None)
        value = getattr(case, "failure_case", None)
        row = int(index) if index is not None and not pd.isna(index) else None
        expected = _expected_text(schema, column, check)
        found = None if value is None or (isinstance(value, float) and pd.isna(value)) else value
        if found is None and "not_nullable" in check:
            expected = f"a value ({expected})" if expected else "a value"
        problems.append(Problem(f"expected {expected}", row, column, found))
    problems.sort(key=lambda p: (p.row if p.row is not None else 0, str(p.column)))
    return problems


def _expected_text(schema: pa.DataFrameSchema, column: str | None, check: str) -> str:
    col = schema.columns.get(column) if column is not None else None
    if col is None:
        return check
    for c in col.checks:
        if c.error and (check == c.error or check == c.name or c.error in check):
            return c.error
    described = col.description or ""
    if described:
        return described
    if "coerce" in check or "dtype" in check:
        return f"a value of type {col.dtype}"
    return check


@contextlib.contextmanager
def atomic_path(target: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; move it into place only if the block succeeds."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=target.suffix, dir=target.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    umask = os.umask(0)
    os.umask(umask)
    tmp_path.chmod(0o666 & ~umask)  # mkstemp creates 0600; give the file ordinary permissions
    try:
        yield tmp_path
        os.replace(tmp_path, target)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


def write_csv(frame: pd.DataFrame, path: str | Path, *, lang: str | None = None) -> Path:
    """Write a report table as UTF-8 CSV with a BOM (so Excel shows Chinese), atomically.

    With ``lang``, column keys that have a label (:data:`cslib.core.i18n.LABELS`) are written
    as their label in that language, as the report's tables show them.  Text that a
    spreadsheet would read as a formula is neutralised (:func:`cslib.core.inert.inert_frame`);
    numbers stay numbers.
    """
    from cslib.core.inert import inert_frame

    path = Path(path)
    if lang is not None:
        from cslib.core.i18n import translate_columns

        frame = translate_columns(frame, lang)
    with atomic_path(path) as tmp:
        inert_frame(frame).to_csv(tmp, index=False, encoding="utf-8-sig")
    return path
