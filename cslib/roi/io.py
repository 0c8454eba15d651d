"""Read the costs file and the values file of notebook 06, with located errors.

Costs file (CSV or XLSX, one row per cost item of a course)::

    course_id, category, item, basis, amount[, amortise_over][, item_en][, note]

``category`` is one of :data:`CATEGORIES` (English key or Chinese name); ``basis`` says what
``amount`` is charged per (:data:`BASES`): ``fixed`` (a total), ``per_participant``,
``per_participant_hour`` (e.g. the loaded wage of an hour away from the phones) or
``per_delivery`` (one run of the course).  ``amortise_over`` (fixed items only, blank = charged
in full) spreads e.g. development over the number of deliveries the course is expected to have
in its life; the evaluation is charged deliveries ÷ amortise_over of it (at most all of it).
``item_en`` (optional) is the item's English name for English reports.

Values file (one row per KPI)::

    kpi, kpi_unit, value, volume_per_agent_week[, intangible][, source]

``kpi`` is a weekly measure of notebook 03 (:data:`KPIS`), ``kpi_unit`` the unit it is measured
in (checked, so a value written per minute for a measure in seconds is caught), ``value`` the
money one unit is worth on one occurrence and ``volume_per_agent_week`` how many occurrences an
agent has in a week (calls for handle time, contacts a rate is taken over).  A KPI whose money
value is not known is written with ``intangible`` = yes and no value: it is reported as an
intangible benefit, never monetised.  A KPI not in the file is intangible as well.

Every problem raises :class:`~cslib.core.errors.InputError` naming file, row (header = row 1),
column, what was expected and what was found.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from cslib.core.errors import InputError, Problem
from cslib.core.io import read_table, require_columns, sheet_of, source_of

#: Cost categories of a fully loaded programme cost (Phillips): key → (zh, en).
CATEGORIES: dict[str, tuple[str, str]] = {
    "needs_assessment": ("需求评估", "Needs assessment"),
    "development": ("课程开发", "Development"),
    "delivery": ("授课（讲师）", "Delivery (trainer)"),
    "platform": ("平台", "Platform"),
    "materials": ("资料", "Materials"),
    "participant_time": ("学员脱岗工时", "Participants' time off the phones"),
    "evaluation": ("效果评估", "Evaluation"),
    "overhead": ("管理分摊", "Overhead share"),
}

#: What a cost amount is charged per: key → (zh, en).
BASES: dict[str, tuple[str, str]] = {
    "fixed": ("固定总额", "fixed total"),
    "per_participant": ("每名学员", "per participant"),
    "per_participant_hour": ("每名学员每小时", "per participant-hour"),
    "per_delivery": ("每次授课", "per delivery"),
}

#: KPIs that can be monetised: key → (unit, direction: +1 higher is better, −1 lower is better).
#: They are notebook 03's weekly measures (``cslib.effectiveness.results.OUTCOMES``; a test keeps
#: the two in step).  Units: ``s`` seconds per call, ``pp`` percentage points, ``ticket`` tickets
#: per agent-week, ``point`` score points.
KPIS: dict[str, tuple[str, int]] = {
    "qa_score": ("point", 1),
    "qa_pass_rate": ("pp", 1),
    "repeat_tickets": ("ticket", -1),
    "aht_s": ("s", -1),
    "csat": ("pp", 1),
    "sales_conversion": ("pp", 1),
}

#: Spellings accepted for each unit.
UNITS: dict[str, tuple[str, ...]] = {
    "s": ("s", "sec", "second", "seconds", "秒"),
    "pp": ("pp", "percentage point", "percentage points", "百分点"),
    "ticket": ("ticket", "tickets", "件"),
    "point": ("point", "points", "分"),
}

#: Units measured per occurrence (a call, a contact): they need a weekly volume.
_NEEDS_VOLUME = ("s", "pp")
_YES = ("yes", "y", "true", "1", "是")
_NO = ("", "no", "n", "false", "0", "否")


def _key(value: str, table: dict[str, tuple[str, str]]) -> str | None:
    """The key whose key, Chinese or English name equals ``value`` (case-insensitive)."""
    v = value.strip().lower()
    for k, (zh, en) in table.items():
        if v in (k, zh.lower(), en.lower()):
            return k
    return None


def _number(
    df: pd.DataFrame, row: int, column: str, problems: list[Problem], *, blank: bool = False
) -> float | None:
    text = str(df.at[row, column]).strip() if column in df else ""
    if text == "":
        if not blank:
            problems.append(Problem("expected a number", row, column, ""))
        return None
    try:
        x = float(text.replace(",", ""))
    except ValueError:
        problems.append(Problem("expected a number", row, column, text))
        return None
    if not math.isfinite(x):
        problems.append(Problem("expected a finite number", row, column, text))
        return None
    return x


def _raise(df: pd.DataFrame, problems: list[Problem]) -> None:
    if problems:
        raise InputError(source_of(df), problems, sheet_of(df))


@dataclass(frozen=True)
class CostItems:
    """The validated costs file: ``table`` with ``course_id, category, item, item_en, basis,
    amount, amortise_over`` (NaN = not amortised), ``row`` (spreadsheet row) and ``source``."""

    table: pd.DataFrame
    source: str | None = None

    def course(self, course_id: str) -> pd.DataFrame:
        """The rows of one course, in file order."""
        return self.table[self.table["course_id"] == course_id].reset_index(drop=True)


def read_costs(path: str | Path, courses: tuple[str, ...] | list[str] | None = None) -> CostItems:
    """Read and check a costs file (see the module docstring for its columns).

    Errors: a missing column, an unknown category or basis, a negative or non-numeric amount,
    ``amortise_over`` below 1 or on an item that is not ``fixed``, a course not in ``courses``
    (the catalogue), the same item twice for a course.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "c.csv").write_text("course_id,category,item,basis,amount,amortise_over\\n"
    ...     "MC01,development,script,fixed,6000,12\\n"
    ...     "MC01,participant_time,wage,per_participant_hour,55,\\n", encoding="utf-8")
    >>> read_costs(d / "c.csv").table[["category", "amount", "amortise_over"]].values.tolist()
    [['development', 6000.0, 12.0], ['participant_time', 55.0, nan]]
    >>> _ = (d / "bad.csv").write_text("course_id,category,item,basis,amount\\n"
    ...     "MC01,delivery,trainer,per_delivery,-300\\n", encoding="utf-8")
    >>> read_costs(d / "bad.csv")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    cslib.core.errors.InputError: ...bad.csv: row 2, column 'amount': expected a cost ≥ 0 ...
    """
    df = read_table(path)
    require_columns(df, ["course_id", "category", "item", "basis", "amount"])
    problems: list[Problem] = []
    rows = []
    seen: dict[tuple[str, str, str], int] = {}
    known = set(courses) if courses is not None else None
    for r in df.index:
        course = str(df.at[r, "course_id"]).strip()
        if not course:
            problems.append(Problem("expected a course id", r, "course_id", ""))
        elif known is not None and course not in known:
            problems.append(
                Problem("expected a course id of the course catalogue", r, "course_id", course)
            )
        cat = _key(str(df.at[r, "category"]), CATEGORIES)
        if cat is None:
            problems.append(
                Problem(
                    "expected a cost category: " + ", ".join(CATEGORIES),
                    r,
                    "category",
                    str(df.at[r, "category"]),
                )
            )
        basis = _key(str(df.at[r, "basis"]), BASES)
        if basis is None:
            problems.append(
                Problem("expected a basis: " + ", ".join(BASES), r, "basis", str(df.at[r, "basis"]))
            )
        item = str(df.at[r, "item"]).strip()
        if not item:
            problems.append(Problem("expected the name of the cost item", r, "item", ""))
        amount = _number(df, r, "amount", problems)
        if amount is not None and amount < 0:
            problems.append(
                Problem(
                    "expected a cost ≥ 0 (savings are benefits, not negative costs)",
                    r,
                    "amount",
                    amount,
                )
            )
        over = _number(df, r, "amortise_over", problems, blank=True)
        if over is not None and over < 1:
            problems.append(
                Problem(
                    "expected the number of deliveries to spread the cost over (≥ 1), or blank",
                    r,
                    "amortise_over",
                    over,
                )
            )
        if over is not None and basis not in (None, "fixed"):
            problems.append(
                Problem(
                    "only a fixed total can be amortised; leave it blank for a cost "
                    f"charged {basis}",
                    r,
                    "amortise_over",
                    over,
                )
            )
        key = (course, cat or "", item)
        if course and cat and item and key in seen:
            problems.append(
                Problem(
                    f"the same cost item is listed twice for {course} (first in row {seen[key]})",
                    r,
                    "item",
                    item,
                )
            )
        seen.setdefault(key, r)
        rows.append(
            {
                "course_id": course,
                "category": cat,
                "item": item,
                "item_en": (str(df.at[r, "item_en"]).strip() if "item_en" in df else "") or item,
                "basis": basis,
                "amount": amount,
                "amortise_over": math.nan if over is None else over,
                "row": r,
            }
        )
    _raise(df, problems)
    if not rows:
        raise InputError.single(source_of(df), "expected at least one cost item", row=2)
    table = pd.DataFrame(rows)
    table["amount"] = table["amount"].astype(float)
    return CostItems(table, source_of(df))


@dataclass(frozen=True)
class KpiValues:
    """The validated values file.

    ``table``: one row per KPI with ``kpi, unit, direction, value, volume, intangible,
    money_per_unit`` (money one unit of improvement is worth per agent-week, NaN for an
    intangible KPI), ``source_note`` and ``row``.
    """

    table: pd.DataFrame
    source: str | None = None

    def monetised(self) -> list[str]:
        return self.table.loc[~self.table["intangible"], "kpi"].tolist()

    def money_per_unit(self, kpi: str) -> float:
        return float(self.table.loc[self.table["kpi"] == kpi, "money_per_unit"].iloc[0])

    def is_monetised(self, kpi: str) -> bool:
        return kpi in self.monetised()


def read_values(path: str | Path) -> KpiValues:
    """Read and check a values file (see the module docstring for its columns).

    money per agent-week of one unit of improvement = ``value`` × ``volume_per_agent_week``
    (÷ 100 for percentage points: one point of a rate over N contacts is N/100 successes).

    Errors: an unknown KPI, a KPI listed twice, a unit that is not the KPI's (e.g. ``min`` for
    handle time in seconds, ``%`` for percentage points), a negative or missing value on a
    KPI that is not marked intangible, a missing volume for a per-call or per-contact KPI, a
    value given for a KPI marked intangible.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "v.csv").write_text("kpi,kpi_unit,value,volume_per_agent_week,intangible\\n"
    ...     "aht_s,s,0.012,300,\\nrepeat_tickets,ticket,40,,\\nqa_score,point,,,yes\\n",
    ...     encoding="utf-8")
    >>> v = read_values(d / "v.csv")
    >>> v.table[["kpi", "money_per_unit", "intangible"]].values.tolist()
    [['aht_s', 3.6, False], ['repeat_tickets', 40.0, False], ['qa_score', nan, True]]
    >>> _ = (d / "w.csv").write_text("kpi,kpi_unit,value,volume_per_agent_week\\n"
    ...     "aht_s,min,0.7,300\\n", encoding="utf-8")
    >>> read_values(d / "w.csv")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    cslib.core.errors.InputError: ...w.csv: row 2, column 'kpi_unit': expected the unit aht_s is measured in: s (seconds per call); ... (found 'min')
    """
    df = read_table(path)
    require_columns(df, ["kpi", "kpi_unit", "value", "volume_per_agent_week"])
    problems: list[Problem] = []
    rows = []
    seen: dict[str, int] = {}
    for r in df.index:
        kpi = str(df.at[r, "kpi"]).strip()
        if kpi not in KPIS:
            problems.append(Problem("expected a KPI: " + ", ".join(KPIS), r, "kpi", kpi))
            continue
        if kpi in seen:
            problems.append(Problem(f"KPI listed twice (first in row {seen[kpi]})", r, "kpi", kpi))
            continue
        seen[kpi] = r
        unit, direction = KPIS[kpi]
        given = str(df.at[r, "kpi_unit"]).strip().lower()
        if given not in UNITS[unit]:
            problems.append(
                Problem(
                    f"expected the unit {kpi} is measured in: {unit} ({_UNIT_TEXT[unit]}); "
                    "convert the value to this unit",
                    r,
                    "kpi_unit",
                    str(df.at[r, "kpi_unit"]).strip(),
                )
            )
        flag = str(df.at[r, "intangible"]).strip().lower() if "intangible" in df else ""
        if flag not in _YES + _NO:
            problems.append(Problem("expected yes or no (or blank)", r, "intangible", flag))
        intangible = flag in _YES
        value = _number(df, r, "value", problems, blank=True)
        volume = _number(df, r, "volume_per_agent_week", problems, blank=True)
        if intangible:
            if value is not None:
                problems.append(
                    Problem(
                        "a KPI marked intangible has no money value; clear the value or "
                        "the intangible mark",
                        r,
                        "value",
                        value,
                    )
                )
        else:
            if value is None:
                problems.append(
                    Problem(
                        f"expected the money value of one unit of {kpi}; if it has none, "
                        "write yes in the column intangible",
                        r,
                        "value",
                        "",
                    )
                )
            elif value < 0:
                problems.append(Problem("expected a value ≥ 0", r, "value", value))
            if unit in _NEEDS_VOLUME and volume is None:
                problems.append(
                    Problem(
                        f"expected the number of {_VOLUME_TEXT[unit]} per agent-week",
                        r,
                        "volume_per_agent_week",
                        "",
                    )
                )
        if volume is not None and volume <= 0:
            problems.append(Problem("expected a volume > 0", r, "volume_per_agent_week", volume))
        vol = 1.0 if volume is None else volume
        money = (
            math.nan
            if intangible or value is None
            else value * vol / (100.0 if unit == "pp" else 1.0)
        )
        rows.append(
            {
                "kpi": kpi,
                "unit": unit,
                "direction": direction,
                "value": math.nan if value is None else value,
                "volume": vol,
                "intangible": intangible,
                "money_per_unit": money,
                "source_note": str(df.at[r, "source"]).strip() if "source" in df else "",
                "row": r,
            }
        )
    _raise(df, problems)
    return KpiValues(pd.DataFrame(rows), source_of(df))


_UNIT_TEXT = {
    "s": "seconds per call",
    "pp": "percentage points",
    "ticket": "tickets per agent-week",
    "point": "score points",
}
_VOLUME_TEXT = {"s": "calls", "pp": "contacts the rate is taken over"}
