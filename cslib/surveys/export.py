"""Read a 问卷星 (wjx.cn) or 腾讯问卷 export: metadata columns, question columns, answers.

What an export looks like (``docs/online_surveys.md`` has the full description):

* one worksheet (only the first is read) or a CSV file (UTF-8 with BOM, or GBK);
* metadata first — 问卷星: ``序号, 提交答卷时间, 所用时间, 来源, 来源详情, 来自IP`` and
  sometimes ``用户ID``/``总分``; 腾讯问卷: ``编号, 开始答题时间, 结束答题时间, 答题时长,
  地理位置…, 自定义字段`` and more;
* one column per question: ``N、题干`` (腾讯问卷 ``N.题干``); sub-columns of matrix,
  multiple-choice and ranking questions ``第N题(行或选项)``; newer matrix/scale exports
  ``N、题干—1.子题``.  Headers may hold tabs and full-width spaces;
* answers as option text (``按文本``: multiple choices joined with ``┋``, rankings with ``→``,
  text typed into an option in ``〖…〗``, a skipped question ``(跳过)``) or as option numbers
  (``按序号``: ``-2`` skipped, ``-3`` not shown).

The IP-address column is dropped on reading and never kept; the other metadata columns are
kept only as the submission time, the time taken and the serial number.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from cslib.core.errors import InputError
from cslib.core.i18n import name_side
from cslib.core.io import read_table
from cslib.surveys.errors import SurveyError, fail
from cslib.surveys.phrases import PHRASES

Form = Literal["text", "numeric"]

#: Metadata columns by role (问卷星 and 腾讯问卷 names).  ``ip`` is dropped on reading.
META_COLUMNS: dict[str, tuple[str, ...]] = {
    "serial": ("序号", "编号", "答卷编号", "答卷序号", "原始记录编号"),
    "submitted": ("提交答卷时间", "结束答题时间", "提交时间"),
    "started": ("开始答题时间",),
    "duration": ("所用时间", "答题时长"),
    "ip": ("来自IP", "来自ip", "IP", "ip", "IP地址"),
    "other": (
        "来源",
        "来源详情",
        "用户ID",
        "总分",
        "地理位置国家和地区",
        "地理位置省",
        "地理位置市",
        "用户类型",
        "用户标识",
        "昵称",
        "自定义字段",
        "UA",
        "Referrer",
        "清洗数据结果",
        "智能清洗数据无效概率",
        "语言",
        "审核状态",
        "中奖时间",
        "中奖金额",
        "数据版本",
    ),
}
_META_ROLE = {name: role for role, names in META_COLUMNS.items() for name in names}

#: Cell values that mean "no answer": text exports write (跳过); numeric ones -2 / -3.
SKIP_TEXT = ("(跳过)", "（跳过）", "跳过")
SKIP_CODE = {"-2": "skip", "-3": "hidden"}

_SPACE = re.compile(r"[\s\u3000\u00a0]+")
_SUBCOLUMN = re.compile(r"^第\s*(\d+)\s*题\s*[(（](.*)[)）]$")
_NUMBERED = re.compile(r"^(?:[Qq]\s*)?(\d+)\s*(?:、|[.．:：](?!\d))\s*(.*)$")
_DASHED = re.compile(r"^(.*?)\s*(?:—+|--)\s*(?:(\d+)\s*[.．、]\s*)?(.+)$")
_FILL = re.compile(r"〖.*?〗")


def normalise_header(text: object) -> str:
    """A header with tabs, full-width and non-breaking spaces collapsed to one space.

    Examples
    --------
    >>> normalise_header("2、\\t人际沟通能力\\u3000")
    '2、 人际沟通能力'
    """
    return _SPACE.sub(" ", unicodedata.normalize("NFC", str(text))).strip()


@dataclass(frozen=True)
class Question:
    """One question column of an export.

    Attributes
    ----------
    column : str
        The header as written in the file (after trimming the ends).
    header : str
        The header with inner spaces normalised (what a mapping file names).
    number : int or None
        The question number (``N`` of ``N、…`` or ``第N题``).
    stem : str
        The question text (for ``第N题(…)`` columns: empty).
    sub : str
        The row, option or sub-question (``第N题(sub)``, ``题干—1.sub``), else empty.
    sub_number : int or None
        The number before a ``题干—1.sub`` sub-question.
    position : int
        Column number in the file (1 = first column).
    """

    column: str
    header: str
    number: int | None
    stem: str
    sub: str
    sub_number: int | None
    position: int

    @property
    def text(self) -> str:
        """What identifies the question's content: the sub-question if any, else the stem."""
        return self.sub or self.stem

    @property
    def unnumbered(self) -> str:
        """The header without its question number (for matching a renumbered question)."""
        return f"{self.stem}|{self.sub}"


def parse_header(column: str, position: int) -> Question | None:
    """Parse one header into a :class:`Question`; ``None`` if it is not a question.

    Examples
    --------
    >>> parse_header("第3题(人际沟通能力)", 9).sub
    '人际沟通能力'
    >>> q = parse_header("4、请评价各项的重要性—2.情绪管理能力", 10)
    >>> (q.number, q.stem, q.sub_number, q.sub)
    (4, '请评价各项的重要性', 2, '情绪管理能力')
    >>> parse_header("提交答卷时间", 2) is None
    True
    """
    header = normalise_header(column)
    m = _SUBCOLUMN.match(header)
    if m:
        return Question(column, header, int(m[1]), "", m[2].strip(), None, position)
    m = _NUMBERED.match(header)
    if not m:
        return None
    number, rest = int(m[1]), m[2].strip()
    d = _DASHED.match(rest)
    if d and d[1]:
        sub_number = int(d[2]) if d[2] else None
        return Question(column, header, number, d[1].strip(), d[3].strip(), sub_number, position)
    return Question(column, header, number, rest, "", None, position)


@dataclass(frozen=True)
class SurveyExport:
    """An export read as text, split into metadata and questions.

    Attributes
    ----------
    source : str
        The file.
    platform : {"wjx", "tencent", "unknown"}
        Which service wrote it (from the metadata columns).
    form : {"text", "numeric"}
        Answers as option text (``按文本``) or as option numbers (``按序号``): from the file
        name when it says so (``form_from_name``), else guessed from the answers (most
        question columns whole numbers only → numeric); a saved mapping's ``form`` overrides
        a guess.
    questions : tuple of Question
    meta : dict
        Role → column for ``serial``, ``submitted``, ``started``, ``duration`` (present ones).
    frame : DataFrame
        Text cells indexed by spreadsheet row (header = row 1); the IP column removed.
    unknown : tuple of str
        Columns that are neither known metadata nor questions.
    """

    source: str
    platform: str
    form: Form
    questions: tuple[Question, ...]
    meta: dict[str, str]
    frame: pd.DataFrame
    unknown: tuple[str, ...] = ()
    form_from_name: bool = False

    @property
    def name(self) -> str:
        return Path(self.source).name

    @cached_property
    def by_header(self) -> dict[str, Question]:
        return {q.header: q for q in self.questions}

    def answers(self, question: Question) -> pd.Series:
        """The text cells of one question (``""`` for an empty cell)."""
        return self.frame[question.column]

    def submitted(self, lang: str = "zh") -> pd.Series:
        """Submission time of every row (``NaT`` where the export has none)."""
        column = self.meta.get("submitted")
        if column is None:
            return pd.Series(pd.NaT, index=self.frame.index, dtype="datetime64[ns]")
        return parse_times(self.frame[column], self.source, column, lang)

    def seconds(self, lang: str = "zh") -> pd.Series:
        """Time taken per row in seconds (``NaN`` where the export has none)."""
        column = self.meta.get("duration")
        if column is None:
            start, end = self.meta.get("started"), self.meta.get("submitted")
            if start is None or end is None:
                return pd.Series(np.nan, index=self.frame.index)
            s = parse_times(self.frame[start], self.source, start, lang)
            e = parse_times(self.frame[end], self.source, end, lang)
            return (e - s).dt.total_seconds()
        return parse_durations(self.frame[column], self.source, column, lang)


_DURATION = re.compile(
    r"^(?:(\d+)\s*(?:小时|时|h))?\s*(?:(\d+)\s*(?:分钟|分|m))?\s*(?:(\d+)\s*(?:秒|s))?$"
)


def parse_durations(values: pd.Series, source: str, column: str, lang: str) -> pd.Series:
    """``245秒``, ``4分5秒``, ``1时2分3秒``, ``245`` or ``00:04:05`` → seconds (float).

    Examples
    --------
    >>> parse_durations(pd.Series(["245秒", "4分5秒", "61", "00:01:02", ""]), "x", "所用时间", "en").tolist()
    [245.0, 245.0, 61.0, 62.0, nan]
    """
    out = []
    bad = []
    for row, raw in values.items():
        text = str(raw).strip()
        if text == "" or text in ("--", "-"):
            out.append(np.nan)
            continue
        try:
            out.append(float(text))
            continue
        except ValueError:
            pass
        if re.fullmatch(r"\d+:\d{1,2}(:\d{1,2})?", text):
            parts = [int(p) for p in text.split(":")]
            while len(parts) < 3:
                parts.insert(0, 0)
            out.append(float(parts[0] * 3600 + parts[1] * 60 + parts[2]))
            continue
        m = _DURATION.match(text)
        if m and any(m.groups()):
            h, mi, s = (int(g) if g else 0 for g in m.groups())
            out.append(float(h * 3600 + mi * 60 + s))
            continue
        out.append(np.nan)
        bad.append((row, text))
    if bad:
        from cslib.core.errors import Problem

        side = name_side(lang)
        raise SurveyError(
            source,
            [Problem(PHRASES("bad_duration", side), r, column, t) for r, t in bad],
            lang=lang,
        )
    return pd.Series(out, index=values.index, dtype=float)


def parse_times(values: pd.Series, source: str, column: str, lang: str) -> pd.Series:
    """Submission times (``2026/3/4 10:20:30``, ``2026-03-04 10:20:30``, ``02-Feb-2021 20:26:58``).

    Examples
    --------
    >>> parse_times(pd.Series(["2026/3/4 9:05:07", "2026-03-04 10:20:30"]), "x", "t", "en").dt.strftime("%H:%M").tolist()
    ['09:05', '10:20']
    """
    text = values.astype(str).str.strip()
    parsed = pd.to_datetime(text.where(text != ""), format="mixed", errors="coerce")
    bad = parsed.isna() & (text != "")
    if bad.any():
        from cslib.core.errors import Problem

        side = name_side(lang)
        raise SurveyError(
            source,
            [Problem(PHRASES("bad_time", side), r, column, text[r]) for r in text.index[bad]],
            lang=lang,
        )
    return parsed


def _read_xls(path: Path, lang: str) -> pd.DataFrame:
    """Read the first worksheet of an old ``.xls`` export with xlrd, as text with the header
    in the first row (the form :func:`cslib.core.io.read_table` gives)."""
    side = name_side(lang)
    try:
        import xlrd  # type: ignore[import-untyped]  # noqa: F401  (pandas' engine for .xls)
    except ImportError:
        raise fail(str(path), PHRASES("xls_reader", side), lang) from None
    try:
        raw = pd.read_excel(path, sheet_name=0, header=None, dtype=object, engine="xlrd")
    except Exception as exc:  # xlrd raises several types for damaged files
        raise fail(str(path), PHRASES("unreadable", side, why=exc), lang) from None
    raw = raw.map(lambda v: str(int(v)) if isinstance(v, float) and v.is_integer() else v)
    header = [normalise_header("" if pd.isna(v) else v) for v in raw.iloc[0]]
    body = raw.iloc[1:].reset_index(drop=True)
    body = body.map(lambda v: "" if pd.isna(v) else str(v).strip())
    body.columns = header
    keep = [i for i, h in enumerate(header) if h != ""]
    body = body.iloc[:, keep]
    body.index = pd.RangeIndex(2, len(body) + 2, name="row")
    body = body.loc[(body != "").any(axis=1)]
    body.attrs["source"] = str(path)
    return body


def read_export(path: str | Path, *, lang: str = "zh") -> SurveyExport:
    """Read an export (XLSX, XLS or CSV; first worksheet only) into a :class:`SurveyExport`.

    Raises
    ------
    SurveyError
        Missing or unreadable file, no question columns, no submissions.
    """
    path = Path(path)
    side = name_side(lang)
    if not path.is_file():
        raise fail(str(path), PHRASES("not_found", side), lang)
    suffix = path.suffix.lower()
    if suffix == ".xls":
        frame = _read_xls(path, lang)
    elif suffix in (".xlsx", ".xlsm", ".csv"):
        try:
            frame = read_table(path, sheet=0 if suffix != ".csv" else None)
        except InputError as exc:
            raise SurveyError(exc.file, exc.problems, exc.sheet, lang=lang) from None
    else:
        raise fail(str(path), PHRASES("unknown_suffix", side, suffix=suffix or "—"), lang)
    if frame.empty:
        raise fail(str(path), PHRASES("no_rows", side), lang)
    meta: dict[str, str] = {}
    questions: list[Question] = []
    unknown: list[str] = []
    drop: list[str] = []
    for position, column in enumerate(frame.columns, start=1):
        header = normalise_header(column)
        role = _META_ROLE.get(header)
        if role == "ip":
            drop.append(column)
            continue
        if role is not None:
            if role != "other":
                meta.setdefault(role, column)
            continue
        q = parse_header(column, position)
        if q is None:
            unknown.append(column)
        else:
            questions.append(q)
    if not questions:
        raise fail(str(path), PHRASES("no_questions", side), lang, row=1)
    frame = frame.drop(columns=drop)
    platform = (
        "wjx"
        if "提交答卷时间" in {normalise_header(c) for c in frame.columns}
        else "tencent"
        if "答题时长" in {normalise_header(c) for c in frame.columns}
        else "unknown"
    )
    return SurveyExport(
        source=str(path),
        platform=platform,
        form=_guess_form(path, frame, questions),
        questions=tuple(questions),
        meta=meta,
        frame=frame,
        unknown=tuple(unknown),
        form_from_name=any(w in path.name for w in ("按序号", "按分数", "按文本")),
    )


def _guess_form(path: Path, frame: pd.DataFrame, questions: list[Question]) -> Form:
    """按序号 / 按文本 in the file name decide; else: text if any answer joins choices the text
    way (``┋``, ``→``), numeric if most question columns hold whole numbers only."""
    if "按序号" in path.name or "按分数" in path.name:
        return "numeric"
    if "按文本" in path.name:
        return "text"
    numeric = re.compile(r"^-?\d+$")
    whole = 0
    for q in questions:
        cells = frame[q.column]
        cells = cells[cells != ""]
        if cells.str.contains("[┋→]").any():
            return "text"
        cells = cells[~cells.isin(SKIP_TEXT)]
        whole += bool(len(cells)) and bool(cells.str.match(numeric).all())
    return "numeric" if whole * 2 > len(questions) else "text"


def split_cell(text: str) -> list[str]:
    """The answers in one text cell: ``┋``-joined choices and ``→``-joined rankings, with
    ``〖…〗`` text typed into an option removed.

    Examples
    --------
    >>> split_cell("电话┋在线〖微信群〗")
    ['电话', '在线']
    >>> split_cell("重要")
    ['重要']
    """
    parts = re.split(r"[┋→]", text)
    return [_FILL.sub("", p).strip() for p in parts if _FILL.sub("", p).strip()]


def skip_kind(text: str, form: Form) -> str | None:
    """``"skip"``, ``"hidden"`` or ``"empty"`` for a cell that holds no answer, else ``None``."""
    t = text.strip()
    if t == "":
        return "empty"
    if t in SKIP_TEXT:
        return "skip"
    if form == "numeric" and t in SKIP_CODE:
        return SKIP_CODE[t]
    if t in SKIP_CODE:  # text exports too write -3 for a question the logic hid
        return SKIP_CODE[t]
    return None
