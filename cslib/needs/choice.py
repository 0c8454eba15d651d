r"""Which courses each agent or team takes: weighted maximum coverage, solved exactly.

For each unit (row of a weighted-gap table) the courses are chosen by
:func:`cslib.stats.coverage.max_coverage`:

* **objective** — maximise the weighted gap :math:`\sum_i w_i g_{ui}` of the indicators the
  chosen courses target, each indicator counted once (``repeat_value`` δ > 0 gives a second
  course on the same indicator δ of its gap, a third δ², …);
* **limits** — at most ``max_courses`` courses (*k*) and, when given, ``max_minutes`` minutes
  per unit;
* **course rules** — ``exclude`` courses are never chosen; ``avoid`` courses (e.g. courses
  notebook 03 found no evidence of effect for) are chosen only when no selection without them
  covers as much weighted gap; with ``prefer_micro`` a classroom course counts only for the
  indicators no micro-course targets (classroom days do not fit the rosters, so a classroom
  course is chosen for what micro-courses cannot reach);
* **ties** — fewest avoided courses, then fewest minutes, then fewest courses, then catalogue
  order (see :mod:`cslib.stats.coverage`).

``method="greedy"`` keeps the earlier rule (:func:`cslib.needs.analysis.recommend_courses`: the
best course for each of the top-*k* gaps in turn) for comparison; :func:`compare_choices` says
how much more weighted gap the optimum covers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from cslib.core.errors import InputError
from cslib.core.i18n import each_language, format_number, list_separator
from cslib.needs.analysis import RECOMMENDATION_COLUMNS, recommend_courses
from cslib.needs.phrases import PHRASES
from cslib.stats.coverage import coverage_value, max_coverage

Method = Literal["optimal", "greedy"]

COLUMNS = RECOMMENDATION_COLUMNS  # the same table as the greedy rule's


@dataclass(frozen=True)
class CourseChoice:
    """Courses chosen for every unit, with the rule that chose them.

    Attributes
    ----------
    table : DataFrame
        ``unit, priority, indicator_id, weighted_gap, course_id, title_zh, title_en, format,
        duration_min, course_score`` — one row per chosen course and indicator it covers
        (``priority`` = the course's place when the chosen courses are taken in order of what
        each adds; ``course_score`` = what it adds, so each indicator's gap is counted once),
        then one row with empty ``course_id`` for each of the unit's ``max_courses`` largest
        gaps that no chosen course reaches.
    coverage : DataFrame
        Per unit: ``unit, total_gap, covered, share, n_courses, minutes`` and ``reason`` (why
        nothing is chosen, else empty).
    method, max_courses, max_minutes, repeat_value, prefer_micro, excluded, avoided
        The rule and limits used (for the report's sentence naming them).
    """

    table: pd.DataFrame
    coverage: pd.DataFrame
    method: str
    max_courses: int
    max_minutes: float | None
    repeat_value: float
    prefer_micro: bool
    excluded: tuple[str, ...]
    avoided: tuple[str, ...]


def _targets(courses: pd.DataFrame, columns: Sequence[str]) -> np.ndarray:
    pos = {c: k for k, c in enumerate(columns)}
    t = np.zeros((len(courses), len(columns)), dtype=bool)
    for r, targets in enumerate(courses["targets"]):
        for i in targets:
            if i in pos:
                t[r, pos[i]] = True
    return t


def _check_ids(ids: Sequence[str], courses: pd.DataFrame, parameter: str) -> tuple[str, ...]:
    known = set(courses["course_id"])
    unknown = [c for c in ids if c not in known]
    if unknown:
        raise InputError.single(
            None,
            f"course ids from the catalogue ({', '.join(sorted(known))})",
            column=parameter,
            found=", ".join(map(str, unknown)),
        )
    return tuple(dict.fromkeys(str(c) for c in ids))


def team_course_limit(agent_courses: int) -> int:
    """How many courses a team's plan may hold: one more than an agent's (``top_k``), because
    a team pools the gaps of several agents.

    Examples
    --------
    >>> team_course_limit(2)
    3
    """
    if isinstance(agent_courses, bool) or not isinstance(agent_courses, (int, np.integer)):
        raise TypeError(f"a number of courses is a whole number, not {agent_courses!r}")
    return int(agent_courses) + 1


def choose_courses(
    weighted_gaps: pd.DataFrame,
    courses: pd.DataFrame,
    *,
    max_courses: int = 2,
    max_minutes: float | None = None,
    repeat_value: float = 0.0,
    prefer_micro: bool = True,
    exclude: Sequence[str] = (),
    avoid: Sequence[str] = (),
    method: Method = "optimal",
) -> CourseChoice:
    r"""Courses for each unit that cover the most weighted gap within the limits.

    Parameters
    ----------
    weighted_gaps : DataFrame
        Units (agents or teams) × lowest-level indicators of weighted gaps :math:`w_i g_{ui}`.
    courses : DataFrame
        Catalogue (:func:`cslib.needs.io.read_courses`).
    max_courses : int
        Courses per unit at most (*k*).
    max_minutes : float, optional
        Minutes per unit at most.
    repeat_value : float in [0, 1]
        Credit for a further course on an already covered indicator (0: counted once).
    prefer_micro : bool
        A classroom course counts only for indicators no micro-course targets.
    exclude, avoid : sequence of str
        Course ids never chosen / chosen only when nothing else covers as much (e.g. courses
        without evidence of effect in notebook 03).
    method : {"optimal", "greedy"}
        ``"greedy"``: the earlier rule, for comparison (``max_courses`` is its top-*k*; it
        ignores ``max_minutes``, ``repeat_value`` and ``avoid``, and drops ``exclude``).

    Returns
    -------
    CourseChoice

    Examples
    --------
    >>> gaps = pd.DataFrame({"A1": [3.0], "A2": [2.5], "A3": [2.0]}, index=["agent1"])
    >>> cat = pd.DataFrame({"course_id": ["C1", "C2", "C3"], "title_zh": ["甲", "乙", "丙"],
    ...     "title_en": ["a", "b", "c"], "format": ["micro"] * 3, "duration_min": [60] * 3,
    ...     "targets": [("A1", "A2"), ("A2",), ("A3",)]})
    >>> choose_courses(gaps, cat, max_courses=2).coverage[["covered", "share"]].iloc[0].tolist()
    [7.5, 1.0]
    >>> float(choose_courses(gaps, cat, max_courses=2, method="greedy").coverage["covered"].sum())
    5.5
    """
    if method not in ("optimal", "greedy"):
        raise InputError.single(None, '"optimal" or "greedy"', column="course_choice", found=method)
    if int(max_courses) != max_courses or max_courses < 1:
        raise InputError.single(None, "a whole number ≥ 1", column="top_k", found=max_courses)
    excluded = _check_ids(exclude, courses, "exclude_courses")
    avoided = _check_ids(avoid, courses, "avoid_courses")
    both = sorted(set(excluded) & set(avoided))
    if both:
        raise InputError.single(
            None,
            "a course either excluded or avoided, not both",
            column="avoid_courses",
            found=", ".join(both),
        )
    cat = courses.loc[~courses["course_id"].isin(excluded)].reset_index(drop=True)
    cols = list(weighted_gaps.columns)
    t = _targets(cat, cols)
    g = weighted_gaps.to_numpy(dtype=float)
    durations = cat["duration_min"].to_numpy(float)
    av = cat["course_id"].isin(avoided).to_numpy()
    if prefer_micro:
        # a classroom course counts only for indicators no (non-excluded) micro-course targets
        micro = (cat["format"] == "micro").to_numpy()
        t[np.ix_(~micro, t[micro].any(axis=0))] = False

    if method == "greedy":
        table = recommend_courses(
            weighted_gaps, cat, top_k=int(max_courses), prefer_micro=prefer_micro
        )
        picks = {
            u: [int(np.flatnonzero(cat["course_id"] == c)[0]) for c in part["course_id"] if c]
            for u, part in table.groupby("unit", sort=False)
        }
        chosen = {u: picks.get(u, []) for u in weighted_gaps.index}
        reasons = {u: "" for u in weighted_gaps.index}
    else:
        chosen, reasons, rows = {}, {}, []
        for k, unit in enumerate(weighted_gaps.index):
            res = max_coverage(
                g[k],
                t,
                max_courses=int(max_courses),
                durations=durations,
                max_minutes=max_minutes,
                repeat_value=repeat_value,
                avoid=av,
            )
            chosen[unit] = list(res.selected)
            reasons[unit] = res.reason
            rows += _rows(unit, g[k], t, cols, cat, res.selected, int(max_courses), repeat_value)
        table = pd.DataFrame(rows, columns=COLUMNS)

    cover = []
    for k, unit in enumerate(weighted_gaps.index):
        sel = chosen[unit]
        total = float(np.clip(g[k], 0, None).sum())
        covered = coverage_value(g[k], t, sel, repeat_value=repeat_value) if len(cat) else 0.0
        cover.append(
            {
                "unit": unit,
                "total_gap": total,
                "covered": covered,
                "share": covered / total if total > 0 else 0.0,
                "n_courses": len(sel),
                "minutes": float(durations[sel].sum()) if sel else 0.0,
                "reason": reasons[unit],
            }
        )
    return CourseChoice(
        table=table,
        coverage=pd.DataFrame(cover),
        method=method,
        max_courses=int(max_courses),
        max_minutes=max_minutes,
        repeat_value=float(repeat_value),
        prefer_micro=bool(prefer_micro),
        excluded=excluded,
        avoided=avoided,
    )


def _rows(
    unit: object,
    gaps: np.ndarray,
    t: np.ndarray,
    cols: list[str],
    cat: pd.DataFrame,
    selected: Sequence[int],
    top_k: int,
    delta: float,
) -> list[dict[str, object]]:
    """Report rows of one unit's choice: courses in order of what each adds (ties: catalogue
    order), one row per indicator with a gap the course targets; then the unit's largest
    ``top_k`` gaps no chosen course reaches."""
    gp = np.clip(gaps, 0, None)
    left = list(selected)
    taken: list[int] = []
    rows: list[dict[str, object]] = []
    base = 0.0
    priority = 0
    while left:
        gains = [coverage_value(gp, t, [*taken, c], repeat_value=delta) - base for c in left]
        j = int(np.argmax(gains))  # first maximum: catalogue order among equal gains
        c = left.pop(j)
        seen = np.asarray(t[taken].any(axis=0)) if taken else np.zeros(gp.size, bool)
        taken.append(c)
        base += gains[j]
        priority += 1
        course = cat.iloc[c]
        hit = [int(i) for i in np.flatnonzero(t[c] & (gp > 0))]
        new = [i for i in hit if not seen[i]] or hit  # repeated cover only when nothing new
        for i in sorted(new, key=lambda i: (-gp[i], i)):
            rows.append(
                {
                    "unit": unit,
                    "priority": priority,
                    "indicator_id": cols[i],
                    "weighted_gap": float(gaps[i]),
                    "course_id": course["course_id"],
                    "title_zh": course["title_zh"],
                    "title_en": course["title_en"],
                    "format": course["format"],
                    "duration_min": int(course["duration_min"]),
                    "course_score": float(gains[j]),
                }
            )
    reached = np.asarray(t[taken].any(axis=0)) if taken else np.zeros(gp.size, bool)
    top = [i for i in np.lexsort((np.arange(gp.size), -gp))[:top_k] if gp[i] > 0]
    for i in top:
        if not reached[i]:
            priority += 1
            rows.append(
                {
                    "unit": unit,
                    "priority": priority,
                    "indicator_id": cols[i],
                    "weighted_gap": float(gaps[i]),
                    "course_id": "",
                    "title_zh": "",
                    "title_en": "",
                    "format": "",
                    "duration_min": 0,
                    "course_score": 0.0,
                }
            )
    return rows


@dataclass(frozen=True)
class ChoiceComparison:
    """How much more weighted gap one rule covers than another, over the same units.

    ``covered_a``/``covered_b`` are the totals over units, ``gain`` their relative difference
    (b over a), ``units_better``/``units_worse`` the units where b covers more/less (by more
    than 1e-9 relative), ``max_gain`` the largest relative gain of a unit.
    """

    covered_a: float
    covered_b: float
    gain: float
    units: int
    units_better: int
    units_worse: int
    max_gain: float


def compare_choices(a: CourseChoice, b: CourseChoice) -> ChoiceComparison:
    """Compare two choices for the same units (e.g. greedy ``a`` and optimal ``b``).

    Examples
    --------
    >>> gaps = pd.DataFrame({"A1": [3.0], "A2": [2.5], "A3": [2.0]}, index=["u"])
    >>> cat = pd.DataFrame({"course_id": ["C1", "C2", "C3"], "title_zh": ["甲", "乙", "丙"],
    ...     "title_en": ["a", "b", "c"], "format": ["micro"] * 3, "duration_min": [60] * 3,
    ...     "targets": [("A1", "A2"), ("A2",), ("A3",)]})
    >>> c = compare_choices(choose_courses(gaps, cat, method="greedy"), choose_courses(gaps, cat))
    >>> round(c.gain, 4), c.units_better
    (0.3636, 1)
    """
    x = a.coverage.set_index("unit")["covered"]
    y = b.coverage.set_index("unit")["covered"].reindex(x.index)
    if y.isna().any():
        raise InputError.single(None, "the same units in both choices", column="unit")
    tol = 1e-9 * np.maximum(1.0, x.abs())
    rel = (y - x) / x.where(x > 0)
    return ChoiceComparison(
        covered_a=float(x.sum()),
        covered_b=float(y.sum()),
        gain=float((y.sum() - x.sum()) / x.sum()) if x.sum() > 0 else 0.0,
        units=int(x.size),
        units_better=int((y - x > tol).sum()),
        units_worse=int((x - y > tol).sum()),
        max_gain=float(rel.max()) if rel.notna().any() else 0.0,
    )


def coverage_shares(a: CourseChoice, b: CourseChoice) -> dict[str, float]:
    """The shares :func:`gain_text` states: weighted gap covered by ``a`` and by ``b`` as shares
    of all weighted gap, and ``b``'s relative gain over ``a`` (recorded by notebook 04 so every
    number of its sentences can be checked)."""
    c = compare_choices(a, b)
    total = float(b.coverage["total_gap"].sum())
    return {
        "share_before": c.covered_a / total if total else 0.0,
        "share_after": c.covered_b / total if total else 0.0,
        "gain": c.gain,
    }


# ----------------------------------------------------------------------------- report text


@each_language(" ")
def choice_text(choice: CourseChoice, unit: str = "agent", *, lang: str = "zh") -> str:
    """The sentence naming the rule that chose the courses: objective, limits, course rules and
    the tie-break (one language at a time; ``unit`` is ``"agent"`` or ``"team"``).

    Examples
    --------
    >>> gaps = pd.DataFrame({"A1": [3.0]}, index=["u"])
    >>> cat = pd.DataFrame({"course_id": ["C1"], "title_zh": ["甲"], "title_en": ["a"],
    ...     "format": ["micro"], "duration_min": [60], "targets": [("A1",)]})
    >>> choice_text(choose_courses(gaps, cat, max_courses=2), lang="en")[:60]
    'Course choice: for each agent, the combination of at most 2 '
    """
    each = PHRASES(f"choice_each_{unit}", lang)
    if choice.method == "greedy":
        return PHRASES("choice_rule_greedy", lang, each=each, k=choice.max_courses)
    sep = list_separator(lang)
    minutes = (
        PHRASES("choice_minutes", lang, m=format_number(choice.max_minutes, 0))
        if choice.max_minutes
        else ""
    )
    d = choice.repeat_value
    count = (
        PHRASES("choice_repeat", lang, d=format_number(d, 2), d2=format_number(d * d, 2))
        if d
        else PHRASES("choice_count_once", lang)
    )
    text = PHRASES(
        "choice_rule_optimal",
        lang,
        each=each,
        k=choice.max_courses,
        minutes=minutes,
        count=count,
        micro=PHRASES("choice_micro", lang) if choice.prefer_micro else "",
        avoid=PHRASES("choice_avoid", lang, courses=sep.join(choice.avoided))
        if choice.avoided
        else "",
    )
    if choice.excluded:
        text += ("" if text.endswith("。") else " ") + PHRASES(
            "choice_excluded", lang, courses=sep.join(choice.excluded)
        )
    return text


@each_language(" ")
def gain_text(
    before: CourseChoice, after: CourseChoice, unit: str = "agent", *, lang: str = "zh"
) -> str:
    """How much more weighted gap ``after`` covers than ``before`` (one sentence).

    Examples
    --------
    >>> gaps = pd.DataFrame({"A1": [3.0], "A2": [2.5], "A3": [2.0]}, index=["u"])
    >>> cat = pd.DataFrame({"course_id": ["C1", "C2", "C3"], "title_zh": ["甲", "乙", "丙"],
    ...     "title_en": ["a", "b", "c"], "format": ["micro"] * 3, "duration_min": [60] * 3,
    ...     "targets": [("A1", "A2"), ("A2",), ("A3",)]})
    >>> gain_text(choose_courses(gaps, cat, method="greedy"), choose_courses(gaps, cat),
    ...           lang="en")[:80]
    'Compared with the earlier pick-by-pick rule, the weighted gap covered over all a'
    """
    c = compare_choices(before, after)
    total = float(after.coverage["total_gap"].sum())
    return PHRASES(
        "choice_gain",
        lang,
        unit=PHRASES(f"choice_unit_{unit}", lang),
        before=format_number(c.covered_a, 2),
        after=format_number(c.covered_b, 2),
        share_before=format_number(c.covered_a / total if total else 0.0, 0, percent=True),
        share_after=format_number(c.covered_b / total if total else 0.0, 0, percent=True),
        gain=format_number(c.gain, 0, percent=True),
        better=c.units_better,
        worse=c.units_worse,
    )
