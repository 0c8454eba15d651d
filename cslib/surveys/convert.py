"""Turn an export and its mapping into the project's long input formats, one per ``--as`` kind.

Every kind goes through the same declared rules first (:class:`~cslib.surveys.mapping.Rules`):

1. respondents are identified (a fill-in column such as 专家编号/工号, or 序号 with a roster);
   an empty id, or one starting with ``= + - @`` (a spreadsheet formula), is an error;
2. test submissions — answered in fewer than ``min_seconds`` (所用时间/答题时长) — are left out
   and listed;
3. respondents not on the roster stop the import (or are left out and listed,
   ``not_on_roster: drop``);
4. several submissions by the same respondent: ``keep_last`` (default; by submission time, then
   by row), ``keep_first``, or ``stop``; every dropped row is listed;
5. every answer is decoded: option text through ``scores`` (or the built-in words), option
   numbers through ``codes``; a skipped question stops the import (or leaves the respondent
   out, ``skipped: exclude``); an answer outside the scale always stops it.

The formats written are exactly those read by :func:`cslib.delphi.io.read_ratings`,
:func:`cslib.delphi.relevance.read_relevance`, :func:`cslib.consistency.ahp_io.read_ahp_survey`,
:func:`cslib.effectiveness.io.read_reaction` and :func:`cslib.needs.assessment.read_assessments`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from cslib.core.errors import InputError, Problem
from cslib.core.framework import Framework
from cslib.core.i18n import name_side
from cslib.core.io import read_table
from cslib.surveys.errors import SurveyError, fail
from cslib.surveys.export import SurveyExport, normalise_header, skip_kind, split_cell
from cslib.surveys.mapping import (
    LAWSHE_WORDS,
    LIKERT_WORDS,
    RELEVANCE_WORDS,
    SOURCE_WORDS,
    Mapping,
)
from cslib.surveys.phrases import PHRASES

LOG_COLUMNS = ["row", "respondent", "submitted", "reason"]
_UNSAFE = re.compile(r"^[=+\-@\t\r]")
_ID_COLUMNS = ("expert_id", "agent_id", "id", "编号", "专家编号", "工号", "员工编号")
_SERIAL_COLUMNS = ("序号", "serial", "编号序号")
_TEAM_COLUMNS = ("team", "班组", "团队")
_YES = {"是", "yes", "y", "满意", "有帮助", "有", "true", "1"}
_NO = {"否", "no", "n", "不满意", "没有帮助", "无帮助", "没有", "false", "0"}
_GROUPS = {
    "一线": "front_line",
    "一线员工": "front_line",
    "front line": "front_line",
    "front_line": "front_line",
    "后台": "back_office",
    "后台人员": "back_office",
    "二线": "back_office",
    "back office": "back_office",
    "back_office": "back_office",
}


@dataclass(frozen=True)
class Roster:
    """People expected to answer: ids, optionally their submission serials and teams."""

    source: str
    ids: tuple[str, ...]
    serial_to_id: dict[str, str] = field(default_factory=dict)
    team: dict[str, str] = field(default_factory=dict)


def read_roster(path: str | Path, *, lang: str = "zh") -> Roster:
    """Read a roster (CSV/XLSX): an id column (``expert_id``, ``agent_id``, ``编号``, ``工号`` …),
    optionally ``序号`` (the export's serial of each person's submission) and ``team``/``班组``."""
    side = name_side(lang)
    try:
        frame = read_table(path)
    except InputError as exc:
        raise SurveyError(exc.file, exc.problems, exc.sheet, lang=lang) from None
    cols = {normalise_header(c): c for c in frame.columns}
    id_col = next((cols[c] for c in _ID_COLUMNS if c in cols), None)
    if id_col is None:
        raise fail(str(path), PHRASES("roster_unreadable", side), lang, row=1)
    serial = next((cols[c] for c in _SERIAL_COLUMNS if c in cols), None)
    team = next((cols[c] for c in _TEAM_COLUMNS if c in cols), None)
    ids = tuple(frame[id_col])
    return Roster(
        source=str(path),
        ids=ids,
        serial_to_id=dict(zip(frame[serial], ids, strict=True)) if serial else {},
        team=dict(zip(ids, frame[team], strict=True)) if team else {},
    )


@dataclass(frozen=True)
class Prepared:
    """Submissions kept after the rules, with who answered and what was left out."""

    rows: pd.Index
    ids: pd.Series
    log: pd.DataFrame
    submitted: pd.Series
    n_submissions: int
    counts: dict[str, int]


def _who(side: str, respondent: object) -> str:
    return PHRASES("who", side, id=respondent)


def prepare(
    exp: SurveyExport,
    mapping: Mapping,
    *,
    roster: Roster | None,
    lang: str,
    id_role: str = "@respondent",
    key_roles: tuple[str, ...] = ("@respondent",),
) -> Prepared:
    """Identify respondents and apply the test, roster and duplicate rules (module docstring)."""
    side = name_side(lang)
    frame = exp.frame
    submitted = exp.submitted(lang)
    seconds = exp.seconds(lang)
    column = mapping.role(id_role)
    if column is None:
        ids = pd.Series("", index=frame.index, dtype=object)
    else:
        real = export_column(exp, column)
        ids = frame[real].astype(str).str.strip()
        serial_col = exp.meta.get("serial")
        if serial_col is not None and normalise_header(serial_col) == column:
            if roster is None or not roster.serial_to_id:
                raise fail(exp.source, PHRASES("no_respondent", side), lang, row=1, column=real)
            unknown = [r for r, s in ids.items() if s not in roster.serial_to_id]
            if unknown and mapping.rules.not_on_roster == "stop":
                raise SurveyError(
                    exp.source,
                    [
                        Problem(
                            PHRASES("serial_not_on_roster", side, id=ids[r], roster=roster.source),
                            r,
                            real,
                        )
                        for r in unknown
                    ],
                    lang=lang,
                )
            ids = ids.map(lambda s: roster.serial_to_id.get(s, f"?{s}"))
        bad = [r for r, v in ids.items() if v == "" or _UNSAFE.match(v)]
        if bad:
            raise SurveyError(
                exp.source,
                [Problem(PHRASES("bad_id", side), r, real, ids[r] or None) for r in bad],
                lang=lang,
            )
    log: list[tuple[int, str, str, str]] = []
    keep = pd.Series(True, index=frame.index)
    counts = {"tests": 0, "not_on_roster": 0, "duplicates": 0, "incomplete": 0}

    def stamp(row: int) -> str:
        t = submitted.get(row)
        return "" if t is None or pd.isna(t) else f"{t:%Y-%m-%d %H:%M:%S}"

    if mapping.rules.min_seconds > 0:
        fast = seconds < mapping.rules.min_seconds
        for row in frame.index[fast.to_numpy()]:
            keep[row] = False
            counts["tests"] += 1
            log.append(
                (
                    int(row),
                    ids[row],
                    stamp(row),
                    PHRASES(
                        "dropped_fast",
                        side,
                        row=row,
                        id=ids[row],
                        seconds=f"{seconds[row]:g}",
                        min=f"{mapping.rules.min_seconds:g}",
                    ),
                )
            )
    if roster is not None and column is not None:
        known = set(roster.ids)
        outside = [r for r in frame.index if keep[r] and ids[r] not in known]
        if outside and mapping.rules.not_on_roster == "stop":
            raise SurveyError(
                exp.source,
                [
                    Problem(
                        PHRASES("not_on_roster", side, id=ids[r], roster=Path(roster.source).name),
                        r,
                        export_column(exp, column),
                        ids[r],
                    )
                    for r in outside
                ],
                lang=lang,
            )
        for r in outside:
            keep[r] = False
            counts["not_on_roster"] += 1
            log.append(
                (int(r), ids[r], stamp(r), PHRASES("dropped_roster", side, row=r, id=ids[r]))
            )
    found = [mapping.role(k) for k in key_roles]
    key_columns = [c for c in found if c is not None]
    if key_columns and len(key_columns) == len(found):
        keys = pd.Series(
            [
                tuple(
                    ids[r] if k == id_role else frame.at[r, export_column(exp, c)]
                    for k, c in zip(key_roles, key_columns, strict=True)
                )
                for r in frame.index
            ],
            index=frame.index,
        )
        order = pd.DataFrame({"t": submitted.to_numpy(), "r": frame.index.to_numpy()}).sort_values(
            ["t", "r"], na_position="first", kind="stable"
        )["r"]
        seen: dict[tuple, int] = {}
        ordered = [r for r in order if keep[r]]
        if mapping.rules.duplicates == "keep_last":
            ordered = ordered[::-1]
        rule = PHRASES(
            "rule_keep_last" if mapping.rules.duplicates == "keep_last" else "rule_keep_first",
            side,
        )
        problems = []
        for r in ordered:
            k = keys[r]
            if k in seen:
                if mapping.rules.duplicates == "stop":
                    problems.append(
                        Problem(
                            PHRASES("duplicate_stop", side, id=" / ".join(k), other=seen[k]),
                            r,
                            export_column(exp, key_columns[0]),
                            ids[r],
                        )
                    )
                    continue
                keep[r] = False
                counts["duplicates"] += 1
                log.append(
                    (
                        int(r),
                        ids[r],
                        stamp(r),
                        PHRASES("dropped_duplicate", side, row=r, id=" / ".join(k), rule=rule),
                    )
                )
            else:
                seen[k] = r
        if problems:
            raise SurveyError(exp.source, sorted(problems, key=lambda p: p.row or 0), lang=lang)
    rows = frame.index[keep.to_numpy()]
    if len(rows) == 0:
        raise fail(exp.source, PHRASES("nothing_left", side), lang)
    return Prepared(
        rows=rows,
        ids=ids,
        log=pd.DataFrame(sorted(log), columns=LOG_COLUMNS),
        submitted=submitted,
        n_submissions=len(frame),
        counts=counts,
    )


def export_column(exp: SurveyExport, header: str) -> str:
    """The file's own column name for a (normalised) mapping header."""
    if header in exp.by_header:
        return exp.by_header[header].column
    for c in exp.frame.columns:
        if normalise_header(c) == header:
            return c
    raise KeyError(header)


# ---------------------------------------------------------------------------------- decoding
class _Skip:
    def __init__(self, kind: str) -> None:
        self.kind = kind


def _number(text: str) -> float | None:
    t = text.strip().removesuffix("分").strip()
    try:
        return float(Fraction(t.replace(" ", ""))) if "/" in t else float(t)
    except (ValueError, ZeroDivisionError):
        return None


def decode(
    text: str,
    mapping: Mapping,
    *,
    words: dict[str, Any],
    numeric: bool,
) -> Any:
    """One answer → its value: a :class:`_Skip`, a mapped value, or ``None`` (not understood).

    Text answers go through the mapping's ``scores`` (then ``words``, then a plain number);
    numeric answers through ``codes``.
    """
    kind = skip_kind(text, "numeric" if numeric else "text")
    if kind is not None:
        return _Skip(kind)
    if numeric:
        n = _number(text)
        if n is None or not float(n).is_integer() or mapping.codes is None:
            return None
        return mapping.codes.get(int(n))
    parts = split_cell(text)
    if len(parts) != 1:
        return "several" if len(parts) > 1 else None
    t = parts[0]
    if t in mapping.scores:
        return mapping.scores[t]
    if t.casefold() in words:
        return words[t.casefold()]
    n = _number(t)
    return n


def _scores(
    exp: SurveyExport,
    mapping: Mapping,
    prep: Prepared,
    targets: dict[str, str],
    *,
    lang: str,
    scale: tuple[int, int],
    words: dict[str, Any],
) -> tuple[pd.DataFrame, list[tuple[int, str, str, str]]]:
    """Integer scores of ``targets`` (column → target) for the kept rows, long:
    ``row, target, score``.  Skips stop or exclude (rules); off-scale answers stop."""
    side = name_side(lang)
    lo, hi = scale
    numeric = exp.form == "numeric"
    expected = f"{lo}–{hi}"
    problems: list[Problem] = []
    skipped: dict[int, list[str]] = {}
    records = []
    for header, target in targets.items():
        col = export_column(exp, header)
        cells = exp.frame[col]
        cache: dict[str, Any] = {}
        for row in prep.rows:
            text = cells[row]
            if text not in cache:
                cache[text] = decode(text, mapping, words=words, numeric=numeric)
            value = cache[text]
            who = _who(side, prep.ids[row])
            if isinstance(value, _Skip):
                skipped.setdefault(int(row), []).append(target)
                if mapping.rules.skipped == "stop":
                    marker = PHRASES(f"skip_marker_{value.kind}", side)
                    problems.append(
                        Problem(
                            PHRASES("skipped", side, who=who, marker=marker), row, col, text or None
                        )
                    )
                continue
            if value == "several":
                problems.append(Problem(PHRASES("several_answers", side, who=who), row, col, text))
                continue
            if value is None and not numeric and _number(text) is None:
                problems.append(
                    Problem(
                        PHRASES(
                            "unknown_option", side, who=who, text=text, mapping=mapping.path or "—"
                        ),
                        row,
                        col,
                    )
                )
                continue
            number = _number(str(value)) if value is not None else None
            if number is None or not float(number).is_integer() or not lo <= number <= hi:
                problems.append(
                    Problem(
                        PHRASES("out_of_scale", side, who=who, expected=expected), row, col, text
                    )
                )
                continue
            records.append((int(row), target, int(number)))
    if problems:
        raise SurveyError(exp.source, sorted(problems, key=lambda p: p.row or 0), lang=lang)
    log = []
    omit = mapping.rules.skipped == "omit"
    for row, items in sorted(skipped.items()):
        key = "omitted" if omit else "dropped_incomplete"
        log.append(
            (
                row,
                prep.ids[row],
                "",
                PHRASES(key, side, row=row, id=prep.ids[row], items=", ".join(items)),
            )
        )
    long = pd.DataFrame(records, columns=["row", "target", "score"])
    if skipped and not omit:
        long = long[~long["row"].isin(list(skipped))]
    return long, log


def _with_log(
    prep: Prepared, extra: list[tuple[int, str, str, str]], *, exclude: bool = True
) -> Prepared:
    """Add log entries; with ``exclude`` their rows are left out (incomplete respondents)."""
    if not extra:
        return prep
    stamps = {
        r: ("" if pd.isna(prep.submitted.get(r)) else f"{prep.submitted[r]:%Y-%m-%d %H:%M:%S}")
        for r, *_ in extra
    }
    extra = [(r, i, stamps[r], why) for r, i, _, why in extra]
    log = pd.DataFrame(
        sorted([*map(tuple, prep.log.itertuples(index=False)), *extra]), columns=LOG_COLUMNS
    )
    if not exclude:
        return Prepared(prep.rows, prep.ids, log, prep.submitted, prep.n_submissions, prep.counts)
    rows = prep.rows[~prep.rows.isin([r for r, *_ in extra])]
    counts = dict(prep.counts, incomplete=prep.counts["incomplete"] + len(extra))
    return Prepared(rows, prep.ids, log, prep.submitted, prep.n_submissions, counts)


def _order(framework: Framework) -> dict[str, int]:
    return {i: k for k, i in enumerate(framework.ids)}


# ---------------------------------------------------------------------------------- kinds
@dataclass(frozen=True)
class Converted:
    """The long table of one kind, the rules' log and the kept submissions."""

    table: pd.DataFrame
    prepared: Prepared


def delphi_ratings(
    exp: SurveyExport,
    mapping: Mapping,
    framework: Framework,
    *,
    round: int,
    roster: Roster | None,
    lang: str,
) -> Converted:
    """``round, expert_id, indicator_id, score`` (read by :func:`cslib.delphi.io.read_ratings`)."""
    prep = prepare(exp, mapping, roster=roster, lang=lang)
    targets = {c: t for c, t in mapping.targets().items() if not t.startswith("@")}
    long, extra = _scores(
        exp, mapping, prep, targets, lang=lang, scale=mapping.scale, words=LIKERT_WORDS
    )
    prep = _with_log(prep, extra)
    order = _order(framework)
    table = pd.DataFrame(
        {
            "round": round,
            "expert_id": prep.ids[long["row"]].to_numpy(),
            "indicator_id": long["target"].to_numpy(),
            "score": long["score"].to_numpy(),
        }
    )
    table = table.sort_values(
        ["round", "expert_id", "indicator_id"],
        key=lambda s: s.map(order) if s.name == "indicator_id" else s,
        kind="stable",
    ).reset_index(drop=True)
    return Converted(table, prep)


def relevance(
    exp: SurveyExport,
    mapping: Mapping,
    framework: Framework,
    *,
    roster: Roster | None,
    lang: str,
) -> Converted:
    """``expert_id, indicator_id, relevance[, lawshe]`` (read by ``read_relevance``)."""
    side = name_side(lang)
    prep = prepare(exp, mapping, roster=roster, lang=lang)
    targets = mapping.targets()
    rel = {c: t for c, t in targets.items() if not t.startswith(("@", "lawshe:"))}
    law = {c: t[7:] for c, t in targets.items() if t.startswith("lawshe:")}
    long, extra = _scores(exp, mapping, prep, rel, lang=lang, scale=(1, 4), words=RELEVANCE_WORDS)
    problems: list[Problem] = []
    law_records = []
    values = mapping.values.get("lawshe", {})
    for header, target in law.items():
        col = export_column(exp, header)
        for row in prep.rows:
            text = exp.frame.at[row, col]
            kind = skip_kind(text, exp.form)
            if kind is not None:
                who = _who(side, prep.ids[row])
                if mapping.rules.skipped == "exclude":
                    items = f"lawshe:{target}"
                    reason = PHRASES(
                        "dropped_incomplete", side, row=row, id=prep.ids[row], items=items
                    )
                    extra.append((int(row), prep.ids[row], "", reason))
                else:
                    marker = PHRASES(f"skip_marker_{kind}", side)
                    problems.append(
                        Problem(PHRASES("skipped", side, who=who, marker=marker), row, col)
                    )
                continue
            t = split_cell(text)[0] if split_cell(text) else ""
            value = values.get(t) or LAWSHE_WORDS.get(t.casefold())
            if value is None:
                problems.append(
                    Problem(
                        PHRASES(
                            "value_unknown",
                            side,
                            who=_who(side, prep.ids[row]),
                            text=text,
                            expected="必要 / 有用但非必要 / 不必要",
                        ),
                        row,
                        col,
                    )
                )
                continue
            law_records.append((int(row), target, value))
    if problems:
        raise SurveyError(exp.source, problems, lang=lang)
    dedup: dict[int, tuple[int, str, str, str]] = {}
    for item in extra:
        dedup.setdefault(item[0], item)
    prep = _with_log(prep, list(dedup.values()))
    long = long[long["row"].isin(prep.rows)]
    table = pd.DataFrame(
        {
            "expert_id": prep.ids[long["row"]].to_numpy(),
            "indicator_id": long["target"].to_numpy(),
            "relevance": long["score"].to_numpy(),
            "_row": long["row"].to_numpy(),
        }
    )
    if law:
        lawshe = pd.DataFrame(law_records, columns=["_row", "indicator_id", "lawshe"])
        table = table.merge(lawshe, on=["_row", "indicator_id"], how="left")
        table["lawshe"] = table["lawshe"].fillna("")
    order = _order(framework)
    table = (
        table.drop(columns="_row")
        .sort_values(
            ["expert_id", "indicator_id"],
            key=lambda s: s.map(order) if s.name == "indicator_id" else s,
            kind="stable",
        )
        .reset_index(drop=True)
    )
    return Converted(table, prep)


#: Numeric AHP answers on a 17-point left/right scale: option k → signed Saaty code.
AHP_17 = {k: (10 - k if k <= 9 else -(k - 8)) for k in range(1, 18)}
AHP_17[9] = 1


def _ahp_code(value: Any) -> int | None:
    """A signed Saaty code from a code, a ratio (``3``, ``1/3``, ``0.333``) or text number."""
    if value is None:
        return None
    n = _number(str(value))
    if n is None or n == 0:
        return None
    if n < 0:
        return int(n) if float(n).is_integer() and -9 <= n <= -1 else None
    if n >= 1:
        return int(round(n)) if abs(n - round(n)) < 0.02 and n <= 9 else None
    k = 1 / n
    return -int(round(k)) if abs(k - round(k)) < 0.02 * k and round(k) <= 9 else None


def ahp_survey(
    exp: SurveyExport,
    mapping: Mapping,
    framework: Framework,
    *,
    roster: Roster | None,
    lang: str,
) -> Converted:
    """``expert, left~right …`` with signed Saaty codes (read by ``read_ahp_survey``)."""
    side = name_side(lang)
    prep = prepare(exp, mapping, roster=roster, lang=lang)
    pairs = {c: t for c, t in mapping.targets().items() if "~" in t}
    numeric = exp.form == "numeric"
    problems: list[Problem] = []
    skipped: dict[int, list[str]] = {}
    table = pd.DataFrame({"expert": prep.ids[prep.rows].to_numpy()}, index=prep.rows)
    expected = "9, 8 … 2, 1, 1/2 … 1/9"
    for header, pair in pairs.items():
        col = export_column(exp, header)
        out = []
        for row in prep.rows:
            text = exp.frame.at[row, col]
            value = decode(text, mapping, words={}, numeric=numeric)
            if isinstance(value, _Skip):
                skipped.setdefault(int(row), []).append(pair)
                if mapping.rules.skipped == "stop":
                    problems.append(
                        Problem(
                            PHRASES(
                                "skipped",
                                side,
                                who=_who(side, prep.ids[row]),
                                marker=PHRASES(f"skip_marker_{value.kind}", side),
                            ),
                            row,
                            col,
                        )
                    )
                out.append("")
                continue
            code = _ahp_code(value) if value != "several" else None
            if code is None:
                problems.append(
                    Problem(
                        PHRASES(
                            "ahp_answer", side, who=_who(side, prep.ids[row]), expected=expected
                        ),
                        row,
                        col,
                        text,
                    )
                )
                out.append("")
                continue
            out.append(str(1 if code == -1 else code))
        table[pair] = out
    if problems:
        raise SurveyError(exp.source, sorted(problems, key=lambda p: p.row or 0), lang=lang)
    extra = [
        (
            r,
            prep.ids[r],
            "",
            PHRASES("dropped_incomplete", side, row=r, id=prep.ids[r], items=", ".join(items)),
        )
        for r, items in sorted(skipped.items())
    ]
    prep = _with_log(prep, extra)
    table = table.loc[prep.rows].sort_values("expert", kind="stable").reset_index(drop=True)
    return Converted(table, prep)


def _yes_no(text: str, values: dict[str, str]) -> str | None:
    t = split_cell(text)[0] if split_cell(text) else ""
    if t in values:
        return values[t]
    low = t.casefold()
    if low in _YES:
        return "yes"
    if low in _NO:
        return "no"
    return None


def reaction(
    exp: SurveyExport,
    mapping: Mapping,
    *,
    catalogue: Any,
    roster: Roster | None,
    lang: str,
) -> Converted:
    """``response_id, agent_id, course_id, date, staff_group, q_*…, satisfied, helpful``
    (read by :func:`cslib.effectiveness.io.read_reaction`)."""
    side = name_side(lang)
    has_agent = mapping.role("@agent") is not None
    prep = prepare(
        exp,
        mapping,
        roster=roster,
        lang=lang,
        id_role="@agent",
        key_roles=("@agent", "@course") if has_agent else (),
    )
    items = {c: t for c, t in mapping.targets().items() if t.startswith("q_")}
    long, extra = _scores(
        exp, mapping, prep, items, lang=lang, scale=mapping.scale, words=LIKERT_WORDS
    )
    prep = _with_log(prep, extra)
    rows = prep.rows
    titles: dict[str, str] = {}
    for cid in catalogue.ids:
        titles[cid.casefold()] = cid
        for key in ("title_zh", "title_en"):
            titles[str(catalogue.mapping(key)[cid]).strip().casefold()] = cid
    problems: list[Problem] = []

    def role_values(role: str, convert: Any, expected: str, required: bool = True) -> list[str]:
        header = mapping.role(role)
        if header is None:
            return [""] * len(rows)
        col = export_column(exp, header)
        given = mapping.values.get(role, {})
        out = []
        for row in rows:
            text = exp.frame.at[row, col]
            kind = skip_kind(text, exp.form)
            if kind is not None:
                out.append("")
                if required:
                    problems.append(
                        Problem(
                            PHRASES(
                                "skipped",
                                side,
                                who=_who(side, prep.ids[row] or row),
                                marker=PHRASES(f"skip_marker_{kind}", side),
                            ),
                            row,
                            col,
                        )
                    )
                continue
            t = split_cell(text)[0] if split_cell(text) else ""
            value = given.get(t) if t in given else convert(t)
            if value is None:
                problems.append(
                    Problem(
                        PHRASES(
                            "course_unknown" if role == "@course" else "value_unknown",
                            side,
                            who=_who(side, prep.ids[row] or row),
                            text=text,
                            expected=expected,
                        ),
                        row,
                        col,
                    )
                )
                out.append("")
                continue
            out.append(value)
        return out

    course = role_values("@course", lambda t: titles.get(t.casefold()), "")
    group = role_values(
        "@staff_group",
        lambda t: _GROUPS.get(t.casefold()),
        "一线 / 后台 (front line / back office)",
    )
    satisfied = role_values("@satisfied", lambda t: _yes_no(t, {}), "是 / 否")
    helpful = role_values("@helpful", lambda t: _yes_no(t, {}), "是 / 否", required=False)
    if problems:
        raise SurveyError(exp.source, sorted(problems, key=lambda p: p.row or 0), lang=lang)
    serial = exp.meta.get("serial")
    ids = [
        f"R{int(exp.frame.at[r, serial]):05d}"
        if serial is not None and str(exp.frame.at[r, serial]).isdigit()
        else f"R{int(r):05d}"
        for r in rows
    ]
    table = pd.DataFrame(
        {
            "response_id": ids,
            "agent_id": prep.ids[rows].to_numpy() if has_agent else [""] * len(rows),
            "course_id": course,
            "date": [
                "" if pd.isna(prep.submitted[r]) else f"{prep.submitted[r]:%Y-%m-%d}" for r in rows
            ],
            "staff_group": group,
        },
        index=rows,
    )
    for item in dict.fromkeys(items.values()):
        part = long[long["target"] == item].set_index("row")["score"]
        table[item] = part.reindex(rows).astype("Int64").astype(str).replace("<NA>", "")
    table["satisfied"] = satisfied
    table["helpful"] = helpful
    if not has_agent:
        table = table.drop(columns="agent_id")
    return Converted(table.reset_index(drop=True), prep)


def ratings_360(
    exp: SurveyExport,
    mapping: Mapping,
    framework: Framework,
    *,
    roster: Roster | None,
    lang: str,
) -> Converted:
    """``agent_id, team, source, indicator_id, score`` (read by ``read_assessments``).

    With the rater's column mapped (``@respondent``, e.g. ``评价人工号``) the table has a
    ``rater`` column and several raters of one source (three peers of one agent) are
    each kept; a second submission is a duplicate only for the same agent, source *and*
    rater.  Without it, one submission per agent and source is kept (the duplicate rule).
    """
    side = name_side(lang)
    rated = mapping.role("@respondent") is not None
    keys = ("@agent", "@source", "@respondent") if rated else ("@agent", "@source")
    prep = prepare(exp, mapping, roster=roster, lang=lang, id_role="@agent", key_roles=keys)
    targets = {c: t for c, t in mapping.targets().items() if not t.startswith("@")}
    long, extra = _scores(
        exp, mapping, prep, targets, lang=lang, scale=mapping.scale, words=LIKERT_WORDS
    )
    prep = _with_log(prep, extra, exclude=mapping.rules.skipped != "omit")
    problems: list[Problem] = []
    source_col = export_column(exp, mapping.role("@source"))  # type: ignore[arg-type]
    given = mapping.values.get("@source", {})
    source: dict[int, str] = {}
    for row in prep.rows:
        text = exp.frame.at[row, source_col]
        t = split_cell(text)[0] if split_cell(text) else ""
        value = given.get(t) or SOURCE_WORDS.get(t.casefold())
        if value is None:
            problems.append(
                Problem(
                    PHRASES(
                        "value_unknown",
                        side,
                        who=_who(side, prep.ids[row]),
                        text=text,
                        expected="自评 / 上级 / 质检 / 同事",
                    ),
                    row,
                    source_col,
                )
            )
        source[int(row)] = value or ""
    team_header = mapping.role("@team")
    team: dict[int, str] = {}
    for row in prep.rows:
        if team_header is not None:
            value = exp.frame.at[row, export_column(exp, team_header)]
            if value == "" or _UNSAFE.match(value):  # an empty team, or a formula in a sheet
                problems.append(
                    Problem(PHRASES("bad_team", side), row, export_column(exp, team_header), value)
                )
            team[int(row)] = value
        elif roster is not None and prep.ids[row] in roster.team:
            team[int(row)] = roster.team[prep.ids[row]]
        else:
            problems.append(
                Problem(
                    PHRASES("role_missing", side, role="@team", what="班组 team"),
                    row,
                )
            )
    if problems:
        raise SurveyError(exp.source, problems[:50], lang=lang)
    order = {i: k for k, i in enumerate(framework.leaves)}
    rows = long["row"].to_numpy()
    table = pd.DataFrame(
        {
            "agent_id": prep.ids[rows].to_numpy(),
            "team": [team[int(r)] for r in rows],
            "source": [source[int(r)] for r in rows],
            "indicator_id": long["target"].to_numpy(),
            "score": long["score"].to_numpy(),
        }
    )
    order_by = ["team", "agent_id", "source", "indicator_id"]
    if rated:
        rater_col = export_column(exp, mapping.role("@respondent"))  # type: ignore[arg-type]
        raters = exp.frame[rater_col].astype(str).str.strip()
        bad = [r for r in prep.rows if raters[r] == "" or _UNSAFE.match(raters[r])]
        if bad:
            raise SurveyError(
                exp.source,
                [Problem(PHRASES("bad_id", side), r, rater_col, raters[r] or None) for r in bad],
                lang=lang,
            )
        table["rater"] = raters[rows].to_numpy()
        order_by = ["team", "agent_id", "source", "rater", "indicator_id"]
    table = table.sort_values(
        order_by,
        key=lambda s: s.map(order) if s.name == "indicator_id" else s,
        kind="stable",
    ).reset_index(drop=True)
    return Converted(table, prep)


def round_record(exp: SurveyExport, conv: Converted, *, round: int, invited: int | None) -> dict:
    """What a Delphi report needs of one round's export: counts and submission times."""
    prep = conv.prepared
    kept = prep.submitted[prep.rows].dropna()
    return {
        "round": round,
        "export": exp.name,
        "invited": "" if invited is None else invited,
        "submissions": prep.n_submissions,
        "returned": int(conv.table["expert_id"].nunique())
        if "expert_id" in conv.table
        else len(prep.rows),
        "tests_dropped": prep.counts["tests"],
        "duplicates_dropped": prep.counts["duplicates"],
        "not_on_roster_dropped": prep.counts["not_on_roster"],
        "incomplete_excluded": prep.counts["incomplete"],
        "first_submitted": "" if kept.empty else f"{kept.min():%Y-%m-%d %H:%M:%S}",
        "last_submitted": "" if kept.empty else f"{kept.max():%Y-%m-%d %H:%M:%S}",
        "median_minutes": (
            ""
            if exp.seconds().loc[prep.rows].dropna().empty
            else round_half(float(np.median(exp.seconds().loc[prep.rows].dropna())) / 60)
        ),
    }


def round_half(x: float) -> float:
    """Minutes to one decimal (a count of minutes, not a statistic)."""
    return float(f"{x:.1f}")
