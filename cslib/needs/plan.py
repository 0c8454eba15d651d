"""The training plan of notebook 04 and its workbook (analysis room of :mod:`cslib.needs`).

:func:`training_plan` schedules the recommended courses of each team into weekly early-shift
slots (micro-courses) or separate classroom days, and writes the plan workbook (overview,
all teams, attendee lists) with headers in the report's language.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from cslib.core.i18n import (
    check_lang,
    list_separator,
    pick,
)
from cslib.core.inert import inert_workbook
from cslib.core.io import atomic_path
from cslib.needs.phrases import PHRASES


# ----------------------------------------------------------------------------- plan
@dataclass(frozen=True)
class TrainingPlan:
    """Per-team training plan.

    Attributes
    ----------
    plan : DataFrame
        ``team, week, slot, course_id, title_zh, title_en, format, duration_min,
        n_attendees, attendees, indicators`` — micro-courses take consecutive weekly
        1-hour slots (a course of d minutes takes ⌈d/60⌉ weeks); classroom courses
        are listed with ``week`` 0 and ``slot`` saying they need a separate rostered day.
    attendance : DataFrame
        ``team, course_id, agent_id`` (one row per attendee).
    pseudonymised : bool
    """

    plan: pd.DataFrame
    attendance: pd.DataFrame
    pseudonymised: bool

    def to_xlsx(
        self,
        path: str | Path,
        *,
        lang: str = "zh",
        start_date: dt.date | None = None,
    ) -> Path:
        """Write the plan as a workbook a trainer can print and hand out (atomically).

        Sheets: an overview (one row per team: courses, attendee places, weekly slots, classroom
        days), all teams' plan rows, one sheet per team, and the attendee list.  Every sheet has
        headers in ``lang`` (never internal column names), widths fitted to the text, a frozen
        header row, an auto-filter and print setup (A4 landscape, one page wide, header row
        repeated on every page).

        Parameters
        ----------
        path : str or Path
            The ``.xlsx`` file to write (folders are created).
        lang : {"zh", "en", "zh+en"}
            Language of headers, sheet names and the words the plan itself produces (format,
            classroom slot).  Course titles are taken in that language.
        start_date : date, optional
            Date of week 1; when given, a date column (an Excel date, not text) shows the week
            each micro-course starts.

        Examples
        --------
        >>> import tempfile, openpyxl
        >>> plan = TrainingPlan(
        ...     pd.DataFrame([{"team": "T1", "week": 1, "slot": "周早班1小时", "course_id": "M1",
        ...                    "title_zh": "倾听", "title_en": "Listening", "format": "micro",
        ...                    "duration_min": 60, "n_attendees": 2, "attendees": "a;b",
        ...                    "indicators": "A1"}]),
        ...     pd.DataFrame({"team": ["T1", "T1"], "course_id": ["M1", "M1"],
        ...                   "agent_id": ["a", "b"]}), False)
        >>> out = plan.to_xlsx(Path(tempfile.mkdtemp()) / "plan.xlsx", lang="en")
        >>> wb = openpyxl.load_workbook(out)
        >>> wb.sheetnames
        ['Overview', 'All teams', 'T1', 'Attendees']
        >>> [c.value for c in wb["T1"][1]][:5]
        ['Team', 'Week', 'Slot', 'Course', 'Title']
        """

        lang = check_lang(lang)
        path = Path(path)
        frames = _plan_sheets(self, lang, start_date)
        with atomic_path(path) as tmp:
            _write_workbook(frames, tmp)
        return path


def _plan_text(key: str, lang: str) -> str:
    return PHRASES(f"plan_{key}", lang)


def _slot_text(slot: str, lang: str) -> str:
    base, _, times = str(slot).partition(" ×")
    if f"plan_{base}" in PHRASES:
        base = _plan_text(base, lang)
    return f"{base} ×{times}" if times else base


def _plan_sheets(
    plan: TrainingPlan, lang: str, start_date: dt.date | None
) -> dict[str, pd.DataFrame]:
    """Sheet name → frame with localised headers and values (in sheet order)."""
    p = plan.plan
    sep = list_separator(lang)
    titles = [pick(str(z), str(e), lang) for z, e in zip(p["title_zh"], p["title_en"], strict=True)]
    rows = pd.DataFrame(
        {
            "team": p["team"].astype(str),
            "week": p["week"].map(lambda w: int(w) if int(w) > 0 else _plan_text("week_0", lang)),
            "slot": p["slot"].map(lambda v: _slot_text(v, lang)),
            "course_id": p["course_id"],
            "title": titles,
            "format": p["format"].map(
                lambda f: _plan_text("micro" if f == "micro" else "classroom_value", lang)
            ),
            "duration_min": p["duration_min"].astype(int),
            "n_attendees": p["n_attendees"].astype(int),
            "attendees": p["attendees"].map(lambda a: sep.join(str(a).split(";")) if a else ""),
            "indicators": p["indicators"].map(lambda a: sep.join(str(a).split(";")) if a else ""),
        }
    )
    if start_date is not None:
        rows.insert(
            2,
            "start",
            p["week"].map(
                lambda w: start_date + dt.timedelta(weeks=int(w) - 1) if int(w) > 0 else None
            ),
        )
    overview = (
        p.assign(
            micro=(p["format"] == "micro").astype(int),
            classroom=(p["format"] != "micro").astype(int),
            slots=p.apply(
                lambda r: math.ceil(int(r["duration_min"]) / 60) if r["format"] == "micro" else 0,
                axis=1,
            ),
        )
        .groupby("team", sort=True)
        .agg(
            n_courses=("course_id", "size"),
            courses=("course_id", lambda c: sep.join(c)),
            places=("n_attendees", "sum"),
            weekly_slots=("slots", "sum"),
            classroom=("classroom", "sum"),
        )
        .reset_index()
    )
    att = plan.attendance
    header = {k[5:]: PHRASES(k, lang) for k in PHRASES if k.startswith("plan_")}
    sheets: dict[str, pd.DataFrame] = {
        _sheet_name(_plan_text("overview", lang)): overview.rename(columns=header),
        _sheet_name(_plan_text("all", lang)): rows.rename(columns=header),
    }
    for team in sorted(rows["team"].unique()):
        sheets[_sheet_name(team, taken=sheets)] = (
            rows[rows["team"] == team].rename(columns=header).reset_index(drop=True)
        )
    sheets[_sheet_name(_plan_text("attendance", lang), taken=sheets)] = att[
        ["team", "course_id", "agent_id"]
    ].rename(columns=header)
    return sheets


def _sheet_name(name: str, taken: Mapping[str, object] = {}) -> str:  # noqa: B006 (read only)
    """A valid, unused Excel sheet name (≤ 31 characters, none of ``[]:*?/\\``)."""
    base = "".join("_" if ch in "[]:*?/\\" else ch for ch in str(name))[:31] or "sheet"
    out, k = base, 2
    while out in taken:
        out, k = f"{base[: 31 - len(str(k)) - 1]}~{k}", k + 1
    return out


def _display_width(value: object) -> int:
    """Characters an Excel column needs for ``value`` (CJK and full-width count double)."""
    text = "" if value is None else str(value)
    longest = max((line for line in text.splitlines()), key=len, default="")
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in longest)


def _write_workbook(sheets: Mapping[str, pd.DataFrame], path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    wb = Workbook()
    wb.remove(wb.active)
    head_font, head_fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    wrap = Alignment(wrap_text=True, vertical="top")
    for name, frame in sheets.items():
        ws = wb.create_sheet(name)
        ws.append([str(c) for c in frame.columns])
        for row in frame.itertuples(index=False):
            ws.append([None if (isinstance(v, float) and math.isnan(v)) else v for v in row])
        for cell in ws[1]:
            cell.font, cell.fill = head_font, head_fill
            cell.alignment = Alignment(wrap_text=True, vertical="center")
        for k, column in enumerate(frame.columns, 1):
            letter = get_column_letter(k)
            values = frame[column].tolist()
            is_date = any(isinstance(v, dt.date) for v in values)
            if is_date:
                for cell in ws[letter][1:]:
                    cell.number_format = "yyyy-mm-dd"
            width = max([_display_width(column)] + [_display_width(v) for v in values])
            width = 12 if is_date else width
            ws.column_dimensions[letter].width = min(max(width + 2, 8), 50)
            if width > 48:  # long lists wrap inside the column instead of running off the page
                for cell in ws[letter][1:]:
                    cell.alignment = wrap
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = ws.dimensions
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.print_title_rows = "1:1"
        ws.print_options.gridLines = True
    inert_workbook(wb)  # ids and titles from data stay text, never formulas
    wb.save(path)


def training_plan(
    agent_recommendations: pd.DataFrame,
    teams: pd.Series,
    courses: pd.DataFrame,
    *,
    max_courses: int = 4,
    slot_label: str = "周早班1小时",
    pseudonyms: Mapping[str, str] | None = None,
) -> TrainingPlan:
    """Build a per-team plan from per-agent recommendations.

    For each team, the courses recommended to its agents are ordered by number of
    attendees (descending), then total weighted gap covered, then course id; the
    first ``max_courses`` are scheduled.  Micro-courses fill the weekly 1-hour
    slot in that order (week 1, 2, …); classroom courses are listed separately
    (week 0) because they do not fit the weekly slot.

    Parameters
    ----------
    agent_recommendations : DataFrame
        Output of :func:`recommend_courses` on agents' weighted gaps (``unit`` = agent).
    teams : Series
        Team of each agent.
    courses : DataFrame
        Catalogue (:func:`read_courses`).
    pseudonyms : mapping, optional
        Agent id → pseudonym, used in the attendee lists.
    """
    rec = agent_recommendations[agent_recommendations["course_id"] != ""].copy()
    rec["team"] = rec["unit"].map(teams)
    cat = courses.set_index("course_id")
    rows, att = [], []
    for team in sorted(teams.unique()):
        part = rec[rec["team"] == team]
        if part.empty:
            continue
        agg = part.groupby("course_id").agg(n=("unit", "nunique"), g=("weighted_gap", "sum"))
        agg = (
            agg.reset_index()
            .sort_values(["n", "g", "course_id"], ascending=[False, False, True], kind="stable")
            .head(max_courses)
        )
        week = 0
        for cid in agg["course_id"]:
            c = cat.loc[cid]
            who = sorted(part.loc[part["course_id"] == cid, "unit"].unique())
            shown = [pseudonyms.get(a, a) for a in who] if pseudonyms else who
            inds = sorted(set(part.loc[part["course_id"] == cid, "indicator_id"]))
            if c["format"] == "micro":
                week += 1
                n_slots = max(1, math.ceil(int(c["duration_min"]) / 60))
                wk, slot = week, slot_label if n_slots == 1 else f"{slot_label} ×{n_slots}"
                week += n_slots - 1
            else:
                wk, slot = 0, "课堂面授（需另行排班）"
            rows.append(
                {
                    "team": team,
                    "week": wk,
                    "slot": slot,
                    "course_id": cid,
                    "title_zh": c["title_zh"],
                    "title_en": c["title_en"],
                    "format": c["format"],
                    "duration_min": int(c["duration_min"]),
                    "n_attendees": len(who),
                    "attendees": ";".join(shown),
                    "indicators": ";".join(inds),
                }
            )
            att += [{"team": team, "course_id": cid, "agent_id": a} for a in shown]
    plan = pd.DataFrame(
        rows,
        columns=[
            "team",
            "week",
            "slot",
            "course_id",
            "title_zh",
            "title_en",
            "format",
            "duration_min",
            "n_attendees",
            "attendees",
            "indicators",
        ],
    )
    return TrainingPlan(
        plan=plan,
        attendance=pd.DataFrame(att, columns=["team", "course_id", "agent_id"]),
        pseudonymised=pseudonyms is not None,
    )
