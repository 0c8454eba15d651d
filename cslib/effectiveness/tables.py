"""Report-ready tables of the effectiveness report: values in the report's language.

The analysis tables of :mod:`cslib.effectiveness.analysis` keep internal codes (``micro``,
``front_line``, outcome keys, Chinese-only series names, full file paths).  The functions here
turn them into what a reader sees: translated values, file *names*, dates as dates, rates and
their intervals in per cent, and at most ``top`` rows with a note saying how many there are in
all.  Column headers are translated later by :func:`cslib.reporting.tables.styled_table`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from cslib.core.i18n import format_number, pick
from cslib.core.io import write_csv
from cslib.effectiveness.io import EffectivenessData
from cslib.effectiveness.phrases import PHRASES, bacon_type, label
from cslib.effectiveness.report import series_label
from cslib.effectiveness.results import OUTCOMES, EffectivenessReport
from cslib.reporting.tables import showing_note
from cslib.stats.bacon import BaconResult

#: Row names and notes of the tables below.


@dataclass(frozen=True)
class ShownTable:
    """A table to display and the sentence that goes under it (may be empty)."""

    frame: pd.DataFrame
    note: str = ""


def data_check(
    data: EffectivenessData, report: EffectivenessReport, lang: str = "zh"
) -> pd.DataFrame:
    """How many records each input had and how many rows were left out.

    Examples
    --------
    >>> PHRASES("courses", "en")
    'Courses'
    """
    rows = [
        ("courses", len(data.catalogue.ids)),
        ("attendances", len(data.sessions)),
        ("agents", int(data.sessions["agent_id"].nunique())),
        ("rows_l1", len(data.reaction)),
        ("rows_l2", len(data.tests.scores)),
        ("weekly", report.panel_info.n_agent_weeks),
        ("excluded", len(report.excluded)),
    ]
    return pd.DataFrame(
        {"item": [PHRASES(k, lang) for k, _ in rows], "count": [v for _, v in rows]}
    )


def _reason(text: str, lang: str) -> str:
    return PHRASES(text, lang) if text in PHRASES else text


def excluded_rows(
    excluded: pd.DataFrame, lang: str = "zh", *, top: int = 10, csv_name: str
) -> ShownTable:
    """The first ``top`` excluded rows with file *names* (never paths) and reasons in ``lang``;
    the note says how many there are and links the full list ``csv_name`` written beside the
    report (see :func:`write_excluded`)."""
    t = excluded.copy()
    if "file" in t:
        t["file"] = t["file"].map(lambda f: Path(str(f)).name)
    if "test" in t:
        t["test"] = t["test"].map(lambda v: label(v, lang) if isinstance(v, str) and v else v)
    t["reason"] = t["reason"].map(lambda r: _reason(str(r), lang))
    shown = t.head(top).reset_index(drop=True)
    return ShownTable(shown, showing_note(len(shown), len(t), csv_name, lang))


def write_excluded(excluded: pd.DataFrame, path: Path, lang: str = "zh") -> Path:
    """Write every excluded row (file names, reasons in ``lang``) as UTF-8 CSV with BOM."""
    t = excluded_rows(excluded, lang, top=len(excluded), csv_name=path.name).frame
    return write_csv(t, path, lang=lang)  # headers in the report's language


def _ci(lo: float, hi: float) -> str:
    return f"{format_number(lo, 1, percent=True)}–{format_number(hi, 1, percent=True)}"


def rates(
    frame: pd.DataFrame,
    lang: str = "zh",
    *,
    series_en: Mapping[str, str] | None = None,
    titles: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """A :func:`cslib.effectiveness.levels.rate_table` for readers: group values translated
    (format, staff group, series; course ids get their title), the interval as one per-cent
    ``interval`` column beside the rate (shown in per cent by the table styler)."""
    t = frame.copy()
    for col in ("format", "staff_group"):
        if col in t:
            t[col] = t[col].map(lambda v: label(str(v), lang))
    if "series" in t:
        t["series"] = t["series"].map(lambda v: series_label(str(v), lang, series_en))
    if "course_id" in t and titles is not None:
        t.insert(1, "course", t["course_id"].map(titles))
    t["interval"] = [_ci(lo, hi) for lo, hi in zip(t["ci_low"], t["ci_high"], strict=True)]
    return t.drop(columns=["ci_low", "ci_high"])


def team_changes(team: pd.DataFrame, lang: str = "zh") -> ShownTable:
    """Team before/after table narrow enough for a page: team, agents, training week (a date),
    and per measure the change after − before.  Teams never trained on the course are named in
    the note instead of showing as empty rows."""
    trained = team.dropna(subset=["training_week"])
    untrained = team.loc[team["training_week"].isna(), "team"].astype(str).tolist()
    out = trained[["team", "n_agents"]].copy()
    out["training_week"] = pd.to_datetime(trained["training_week"]).dt.strftime("%Y-%m-%d")
    for key in OUTCOMES:
        col = f"{key}_change"
        if col in trained:
            name = (
                PHRASES("repeat_tickets_team", lang)
                if key == "repeat_tickets"
                else OUTCOMES[key].label(lang)
            )
            out[name] = trained[col].to_numpy()
    note = PHRASES("untrained_teams", lang, teams=", ".join(untrained)) if untrained else ""
    return ShownTable(out.reset_index(drop=True), note)


def team_full(team: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """The whole team table for the CSV beside the report: dates as dates, labelled columns."""
    t = team.copy()
    t["training_week"] = pd.to_datetime(t["training_week"]).dt.strftime("%Y-%m-%d")
    rename = {}
    for key, o in OUTCOMES.items():
        for part, (zh, en) in {
            "before": ("培训前", "before"),
            "after": ("培训后", "after"),
            "change": ("变化", "change"),
        }.items():
            rename[f"{key}_{part}"] = f"{o.label(lang)} {pick(zh, en, lang)}"
    return t.rename(columns=rename)


def bacon_types(bacon: BaconResult, lang: str = "zh") -> pd.DataFrame:
    """The Goodman-Bacon decomposition per comparison type (:meth:`BaconResult.by_type`):
    ``comparison`` in ``lang``, total ``weight`` and weighted average ``estimate``."""
    t = bacon.by_type().rename(columns={"type": "comparison"})
    return t.assign(comparison=t["comparison"].map(lambda k: bacon_type(k, lang)))
