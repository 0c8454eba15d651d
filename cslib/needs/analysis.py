"""Training-needs analysis: gaps to a target profile, needs ranking, course recommendation, plan.

Gap of agent *a* on indicator *i* against the post's target :math:`t_i`
(same 1–5 scale as the combined scores :math:`x_{ai}`):

.. math:: g_{ai} = \\max(t_i - x_{ai}, 0), \\qquad \tilde g_{ai} = w_i\\, g_{ai}

where :math:`w_i` is the indicator's combined weight (importance).  Team and
centre gaps are means over their agents.  The training need of the centre on
indicator *i* (as in the yearly needs survey) is the weighted mean gap

.. math:: N_i = w_i \\cdot \frac{1}{n} \\sum_a g_{ai},

ranked from largest to smallest (ties by framework order); the top two are the
year's priorities.  Sensitivity to the weight source is measured by Kendall's
:math:`\tau_b` between the rankings (``scipy.stats.kendalltau``).

Courses are recommended for a unit (agent or team) from its largest weighted
gaps: for each of its ``top_k`` indicators with a positive gap, the catalogue's
courses targeting that indicator are scored by the unit's total weighted gap over
all their target indicators, and the best course not yet chosen is taken —
micro-courses first, a classroom course only when no micro-course targets the
indicator (``prefer_micro``).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pandera.pandas as pa
from scipy import stats

from cslib.core import courses as effectiveness_io
from cslib.core import pseudonyms as _pseudonyms
from cslib.core.errors import InputError, Problem
from cslib.core.framework import Framework
from cslib.core.i18n import (
    Phrases,
    check_lang,
    each_language,
    format_number,
    join_and,
    list_separator,
    merge_languages,
    pick,
)
from cslib.core.inert import inert_workbook
from cslib.core.io import atomic_path, read_table, source_of, validate, write_csv
from cslib.core.weights import IndicatorWeights, as_weights
from cslib.needs.assessment import SourceCombination
from cslib.needs.one_agent import one_agent_gaps
from cslib.reporting.claims import Share, format_share

#: Columns of a course-recommendation table (greedy here, optimal in :mod:`cslib.needs.choice`).
RECOMMENDATION_COLUMNS = [
    "unit",
    "priority",
    "indicator_id",
    "weighted_gap",
    "course_id",
    "title_zh",
    "title_en",
    "format",
    "duration_min",
    "course_score",
]


# ----------------------------------------------------------------------------- targets
def read_target_profiles(
    path: str | Path, framework: Framework, *, scale: tuple[int, int] = (1, 5)
) -> pd.DataFrame:
    """Read target profiles ``post, indicator_id, target``.

    Returns
    -------
    DataFrame
        Posts × lowest-level indicators (framework order) of target levels.

    Raises
    ------
    InputError
        Unknown indicators, targets off the scale, duplicate (post, indicator) rows,
        or a post without a target for every lowest-level indicator.
    """
    lo, hi = scale
    leaves = list(framework.leaves)
    frame = read_table(path)
    file = source_of(frame)
    schema = pa.DataFrameSchema(
        {
            "post": pa.Column(str, description="a post name"),
            "indicator_id": pa.Column(
                str,
                pa.Check.isin(leaves, error=f"a lowest-level indicator id ({', '.join(leaves)})"),
            ),
            "target": pa.Column(
                float,
                pa.Check.in_range(lo, hi, error=f"a target from {lo} to {hi}"),
                description=f"a number from {lo} to {hi}",
            ),
        },
        strict=False,
    )
    table = validate(frame, schema)
    problems = []
    dup = table.duplicated(["post", "indicator_id"])
    problems += [
        Problem("duplicate target for this post and indicator", r, "indicator_id", i)
        for r, i in table.loc[dup, "indicator_id"].items()
    ]
    for post, part in table.groupby("post", sort=False):
        missing = [i for i in leaves if i not in set(part["indicator_id"])]
        if missing:
            problems.append(
                Problem(
                    f"post {post!r} has no target for {', '.join(missing)}",
                    int(part.index[0]),
                    "post",
                    post,
                )
            )
    if problems:
        raise InputError(file, problems)
    wide = table.pivot(index="post", columns="indicator_id", values="target")
    posts = list(dict.fromkeys(table["post"]))
    return wide.reindex(index=posts, columns=leaves)


def target_for(profiles: pd.DataFrame, post: str) -> pd.Series:
    """Target profile of one post; :class:`InputError` listing the posts if unknown."""
    if post not in profiles.index:
        raise InputError.single(
            None,
            f"unknown post; the target profiles have {list(profiles.index)}",
            column="post",
            found=post,
        )
    return profiles.loc[post].astype(float)


# ----------------------------------------------------------------------------- gaps
@dataclass(frozen=True)
class GapResult:
    """Gaps of agents, teams and the centre to a target profile.

    Attributes
    ----------
    post : str
    target : Series
        Target per indicator.
    weights : IndicatorWeights
    agent_scores, agent_gaps, agent_weighted : DataFrame
        Agents × indicators: combined score, gap :math:`g_{ai}`, weighted gap
        :math:`w_i g_{ai}`.
    teams : Series
        Team of each agent.
    team_scores, team_gaps, team_weighted : DataFrame
        Teams × indicators: mean score, mean gap, mean weighted gap.
    centre : DataFrame
        Indicators × ``target, weight, mean_score, mean_gap, share_below, weighted_gap``.
    """

    post: str
    target: pd.Series
    weights: IndicatorWeights
    agent_scores: pd.DataFrame
    agent_gaps: pd.DataFrame
    agent_weighted: pd.DataFrame
    teams: pd.Series
    team_scores: pd.DataFrame
    team_gaps: pd.DataFrame
    team_weighted: pd.DataFrame
    centre: pd.DataFrame


def gap_analysis(
    combination: SourceCombination,
    target: pd.Series,
    weights: Any,
    *,
    post: str = "",
    tol: float = 1e-6,
) -> GapResult:
    """Gaps :math:`g_{ai} = \\max(t_i - x_{ai}, 0)` per agent, team and centre.

    Parameters
    ----------
    combination : SourceCombination
        Combined indicator scores (:func:`cslib.needs.assessment.combine_sources`).
    target : Series
        Target per indicator (:func:`target_for`).
    weights : WeightResult, IndicatorWeights, Series or mapping
        Combined indicator weights summing to 1.
    post : str
        Name of the post (for reports).
    """
    leaves = list(combination.scores.columns)
    w = _weights(weights, leaves, tol)
    target = target.reindex(leaves).astype(float)
    if target.isna().any():
        raise InputError.single(
            None, f"no target for {', '.join(target.index[target.isna()])}", column="target"
        )
    scores = combination.scores[leaves]
    gaps = (target - scores).clip(lower=0.0)
    weighted = gaps * w.weights
    teams = combination.teams

    def by_team(frame: pd.DataFrame) -> pd.DataFrame:
        return frame.groupby(teams, sort=True).mean()

    centre = pd.DataFrame(
        {
            "target": target,
            "weight": w.weights,
            "mean_score": scores.mean(),
            "mean_gap": gaps.mean(),
            "share_below": (scores < target).mean(),
            "weighted_gap": weighted.mean(),
        }
    )
    centre.index.name = "indicator_id"
    return GapResult(
        post=post,
        target=target,
        weights=w,
        agent_scores=scores,
        agent_gaps=gaps,
        agent_weighted=weighted,
        teams=teams,
        team_scores=by_team(scores),
        team_gaps=by_team(gaps),
        team_weighted=by_team(weighted),
        centre=centre,
    )


def _weights(obj: Any, leaves: list[str], tol: float) -> IndicatorWeights:
    class _Leaves:
        def __init__(self, ids: list[str]) -> None:
            self.leaves = tuple(ids)

    return as_weights(obj, _Leaves(leaves), tol=tol)  # type: ignore[arg-type]


# ----------------------------------------------------------------------------- needs ranking
@dataclass(frozen=True)
class NeedsRanking:
    """Centre-wide training needs ranked by weighted gap.

    Attributes
    ----------
    table : DataFrame
        ``rank, indicator_id, weight, mean_gap, need`` sorted by rank, with
        ``need = weight × mean_gap``.
    weight_source : str
    priorities : tuple of str
        The top ``n_priorities`` indicator ids (the year's priorities).
    """

    table: pd.DataFrame
    weight_source: str
    priorities: tuple[str, ...]


def rank_needs(
    gaps: GapResult | pd.DataFrame, weights: Any = None, *, n_priorities: int = 2, tol: float = 1e-6
) -> NeedsRanking:
    """Rank training needs :math:`N_i = w_i \\bar g_i` (largest first, ties by framework order).

    Parameters
    ----------
    gaps : GapResult or DataFrame
        A gap result, or an agents × indicators frame of unweighted gaps.
    weights : optional
        Weights to use instead of those in ``gaps``: a weight result or
        :class:`IndicatorWeights` (must sum to 1), or plain importances (Series or
        mapping; non-negative with a positive sum, divided by their sum — only the
        ratios matter for a ranking).
    n_priorities : int
        How many top needs are the priorities (default 2).
    """
    raw = gaps.agent_gaps if isinstance(gaps, GapResult) else gaps
    leaves = list(raw.columns)
    if weights is None:
        if not isinstance(gaps, GapResult):
            raise ValueError("weights are required when gaps is a frame")
        w = gaps.weights
    elif isinstance(weights, IndicatorWeights) or hasattr(weights, "combined"):
        w = _weights(weights, leaves, tol)
    else:  # plain importances: only their ratios matter, so scale them to sum 1
        raw_w = pd.Series(weights, dtype=float)
        total = float(raw_w.sum())
        if not total > 0 or (raw_w < 0).any():
            raise InputError.single(
                None, "expected non-negative weights with a positive sum", column="weights"
            )
        name = str(raw_w.name) if raw_w.name else "weights"
        w = IndicatorWeights(_weights(raw_w / total, leaves, tol).weights, name)
    mean_gap = raw.mean()
    need = w.weights.reindex(leaves) * mean_gap
    top = float(need.max())
    # needs equal to 12 significant digits are ties (broken by framework order), so the
    # ranking does not depend on summation order or on rescaling the weights
    key = np.round(need.to_numpy() / top, 12) if top > 0 else need.to_numpy()
    order = np.lexsort((np.arange(len(leaves)), -key))
    table = pd.DataFrame(
        {
            "indicator_id": [leaves[k] for k in order],
            "weight": w.weights.reindex(leaves).to_numpy()[order],
            "mean_gap": mean_gap.to_numpy()[order],
            "need": need.to_numpy()[order],
        }
    )
    table.insert(0, "rank", np.arange(1, len(leaves) + 1))
    return NeedsRanking(
        table=table,
        weight_source=w.name,
        priorities=tuple(table["indicator_id"].head(n_priorities)),
    )


@dataclass(frozen=True)
class RankingComparison:
    """Needs rankings under several weight sources.

    Attributes
    ----------
    ranks : DataFrame
        Indicators × weight sources: rank of each need (1 = largest).
    needs : DataFrame
        Indicators × weight sources: need values.
    tau : DataFrame
        Pairwise Kendall :math:`\\tau_b` between the need values.
    pvalue : DataFrame
        Their two-sided p-values from ``scipy.stats.kendalltau`` (``method="auto"``: the exact
        null distribution when there are no ties and few indicators, else the normal
        approximation).
    priorities : dict
        Weight source → top priorities.
    """

    ranks: pd.DataFrame
    needs: pd.DataFrame
    tau: pd.DataFrame
    pvalue: pd.DataFrame
    priorities: dict[str, tuple[str, ...]]

    @property
    def same_priorities(self) -> bool:
        """True when every weight source gives the same set of priorities."""
        sets = {frozenset(p) for p in self.priorities.values()}
        return len(sets) == 1


def compare_weight_sources(
    gaps: GapResult, sources: Mapping[str, Any], *, n_priorities: int = 2
) -> RankingComparison:
    """Needs ranking under each weight source, and Kendall's τ_b between them."""
    rankings = {name: rank_needs(gaps, w, n_priorities=n_priorities) for name, w in sources.items()}
    leaves = list(gaps.agent_gaps.columns)
    ranks = pd.DataFrame(
        {n: r.table.set_index("indicator_id")["rank"].reindex(leaves) for n, r in rankings.items()}
    )
    needs = pd.DataFrame(
        {n: r.table.set_index("indicator_id")["need"].reindex(leaves) for n, r in rankings.items()}
    )
    names = list(rankings)
    tau = pd.DataFrame(1.0, index=names, columns=names)
    pvalue = pd.DataFrame(0.0, index=names, columns=names)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            res = stats.kendalltau(needs[a], needs[b])
            tau.loc[a, b] = tau.loc[b, a] = float(res.statistic)
            pvalue.loc[a, b] = pvalue.loc[b, a] = float(res.pvalue)
    return RankingComparison(
        ranks=ranks,
        needs=needs,
        tau=tau,
        pvalue=pvalue,
        priorities={n: r.priorities for n, r in rankings.items()},
    )


# ----------------------------------------------------------------------------- courses
def read_courses(path: str | Path, framework: Framework) -> pd.DataFrame:
    """Read the course catalogue with :func:`cslib.core.courses.read_courses`.

    Targets must be lowest-level indicator ids (gaps exist only there).

    Returns
    -------
    DataFrame
        The catalogue (columns of :data:`cslib.core.courses.COURSE_COLUMNS`) with
        ``targets`` (tuple of ids) added, in file order.

    Raises
    ------
    InputError
        Unknown or non-lowest-level indicator ids, duplicate course ids, bad format or duration.
    """
    table = effectiveness_io.read_courses(path, framework, lowest_level=True).table
    return table.assign(targets=table["target_indicators"])


def recommend_courses(
    weighted_gaps: pd.DataFrame,
    courses: pd.DataFrame,
    *,
    top_k: int = 2,
    prefer_micro: bool = True,
) -> pd.DataFrame:
    """Recommend courses for each unit (row) from its largest weighted gaps.

    For each unit, its ``top_k`` indicators with the largest positive weighted gap
    :math:`w_i g_{ui}` are taken in order; for each, the courses targeting it are
    scored by :math:`\\sum_{i \\in T_c} w_i g_{ui}` over the course's targets
    :math:`T_c`, and the best course not yet chosen is recommended (ties: catalogue
    order).  With ``prefer_micro`` (default) micro-courses come first and a classroom
    course is only recommended when no unchosen micro-course targets the indicator —
    classroom days do not fit the rosters.

    Parameters
    ----------
    weighted_gaps : DataFrame
        Units (agents or teams) × indicators of weighted gaps.
    courses : DataFrame
        Catalogue from :func:`read_courses`.

    Returns
    -------
    DataFrame
        ``unit, priority, indicator_id, weighted_gap, course_id, title_zh, title_en,
        format, duration_min, course_score``; a unit without positive gaps gets no rows;
        an indicator no course targets gets a row with empty ``course_id``.
    """
    cols = list(weighted_gaps.columns)
    t = np.zeros((len(courses), len(cols)))
    pos = {c: k for k, c in enumerate(cols)}
    for r, targets in enumerate(courses["targets"]):
        for i in targets:
            if i in pos:
                t[r, pos[i]] = 1.0
    g = weighted_gaps.to_numpy(dtype=float)
    scores = g @ t.T  # units × courses
    micro = (courses["format"] == "micro").to_numpy()
    rows = []
    for u, unit in enumerate(weighted_gaps.index):
        order = np.lexsort((np.arange(len(cols)), -g[u]))
        chosen: set[int] = set()
        for priority, k in enumerate(order[:top_k], start=1):
            if not g[u, k] > 0:
                break
            cand = [c for c in np.flatnonzero(t[:, k]) if c not in chosen]
            row = {
                "unit": unit,
                "priority": priority,
                "indicator_id": cols[k],
                "weighted_gap": float(g[u, k]),
            }
            if cand:
                keys = [
                    (0 if (micro[c] or not prefer_micro) else 1, -scores[u, c], c) for c in cand
                ]
                best = int(min(keys)[2])
                chosen.add(best)
                c = courses.iloc[best]
                row.update(
                    course_id=c["course_id"],
                    title_zh=c["title_zh"],
                    title_en=c["title_en"],
                    format=c["format"],
                    duration_min=int(c["duration_min"]),
                    course_score=float(scores[u, best]),
                )
            else:
                row.update(
                    course_id="",
                    title_zh="",
                    title_en="",
                    format="",
                    duration_min=0,
                    course_score=0.0,
                )
            rows.append(row)
    return pd.DataFrame(rows, columns=RECOMMENDATION_COLUMNS)


# ----------------------------------------------------------------------------- privacy
# The key and the HMAC live in cslib.core.pseudonyms (notebook 03 pseudonymises too); the
# key comes from CSLIB_SALT or a key file, never from a notebook parameter.
SAMPLE_SALT = _pseudonyms.SAMPLE_SALT
PublicSaltWarning = _pseudonyms.PublicSaltWarning
load_salt = _pseudonyms.load_salt


def pseudonymise(
    ids: Sequence[str] | pd.Index | pd.Series,
    salt: str | None = None,
    *,
    length: int = 10,
    prefix: str = "P",
) -> dict[str, str]:
    """Stable pseudonyms ``prefix + hex(HMAC-SHA256(salt, id))[:length]``.

    ``salt=None`` reads the key from ``CSLIB_SALT`` or the key file
    (:func:`cslib.core.pseudonyms.load_salt`).  See :func:`cslib.core.pseudonyms.pseudonymise`.

    Examples
    --------
    >>> pseudonymise(["A0001"], "k")
    {'A0001': 'P582366c81e'}
    """
    return _pseudonyms.pseudonymise(ids, salt, length=length, prefix=prefix)


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
        from cslib.core.i18n import check_lang

        lang = check_lang(lang)
        path = Path(path)
        frames = _plan_sheets(self, lang, start_date)
        with atomic_path(path) as tmp:
            _write_workbook(frames, tmp)
        return path


_PLAN_TEXT: dict[str, tuple[str, str]] = {
    # headers
    "team": ("班组", "Team"),
    "week": ("周次", "Week"),
    "start": ("开始日期", "Starts"),
    "slot": ("时段", "Slot"),
    "course_id": ("课程编号", "Course"),
    "title": ("课程名称", "Title"),
    "format": ("形式", "Format"),
    "duration_min": ("时长（分钟）", "Minutes"),
    "n_attendees": ("参训人数", "Attendees"),
    "attendees": ("参训人员", "Attendee list"),
    "indicators": ("对应指标", "Indicators"),
    "agent_id": ("坐席", "Agent"),
    "n_courses": ("课程数", "Courses"),
    "places": ("参训人次", "Attendee places"),
    "weekly_slots": ("占用每周时段数", "Weekly slots used"),
    "classroom": ("需另行排班的课堂课", "Classroom courses (separate day)"),
    "courses": ("课程", "Course list"),
    # sheet names
    "overview": ("总览", "Overview"),
    "all": ("全部班组", "All teams"),
    "attendance": ("参训名单", "Attendees"),
    # values the plan produces
    "micro": ("微课", "micro-course"),
    "classroom_value": ("课堂面授", "classroom"),
    "周早班1小时": ("周早班1小时", "weekly 1-hour early-shift slot"),
    "课堂面授（需另行排班）": ("课堂面授（需另行排班）", "classroom (separate rostered day)"),
    "week_0": ("另行排班", "separate day"),
}


def _plan_text(key: str, lang: str) -> str:
    from cslib.core.i18n import text

    return text(_PLAN_TEXT, key, lang)


def _slot_text(slot: str, lang: str) -> str:
    base, _, times = str(slot).partition(" ×")
    if base in _PLAN_TEXT:
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
    header = {k: _plan_text(k, lang) for k in _PLAN_TEXT}
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


# ----------------------------------------------------------------------------- helpers for reports
def largest_gap(gaps: GapResult, team: str | None = None) -> tuple[str, str]:
    """Team with the largest total weighted gap :math:`\\sum_i \\bar{\\tilde g}_{ti}` and, within
    it (or within ``team``), the agent with the largest :math:`\\sum_i \\tilde g_{ai}`.

    Ties go to the first in sorted order.
    """
    totals = gaps.team_weighted.sum(axis=1)
    if team is None or team == "":
        team = str(totals.sort_index(kind="stable").idxmax())
    elif team not in totals.index:
        raise InputError.single(
            None, f"unknown team; teams are {list(totals.index)}", column="team", found=team
        )
    members = gaps.teams.index[gaps.teams == team]
    agent_totals = gaps.agent_weighted.loc[members].sum(axis=1).sort_index(kind="stable")
    return team, str(agent_totals.idxmax())


def radar_profiles(
    gaps: GapResult, agent: str, team: str, *, lang: str = "zh", agent_label: str | None = None
) -> pd.DataFrame:
    """Rows agent score, team mean score and target, columns indicators (for :func:`radar`)."""
    if agent not in gaps.agent_scores.index:
        raise InputError.single(None, "unknown agent", column="agent_id", found=agent)
    names = [
        PHRASES("radar_agent", lang, agent=agent_label or agent),
        PHRASES("radar_team", lang, team=team),
        PHRASES("radar_target", lang),
    ]
    return pd.DataFrame(
        [gaps.agent_scores.loc[agent], gaps.team_scores.loc[team], gaps.target], index=names
    )


def uncovered_needs(ranking: NeedsRanking, courses: pd.DataFrame, *, top: int = 4) -> list[str]:
    """Indicators among the ``top`` needs (with a positive need) that no catalogue course
    targets — candidates for developing a new micro-course."""
    covered = {i for t in courses["targets"] for i in t}
    head = ranking.table[ranking.table["need"] > 0].head(top)
    return [i for i in head["indicator_id"] if i not in covered]


# ----------------------------------------------------------------------------- report text
#: Every sentence of the training-needs report that code writes, in Chinese and English.
PHRASES = Phrases(
    {
        "summary": ("摘要", "Summary"),
        "next_steps": ("下一步", "Next steps"),
        "levels": (
            "本次共评估{n}名坐席，综合胜任力得分率平均为{mean}（中间一半人员在{q1}至{q3}之间）；"
            "等级分布：{levels}。",
            "{n} agents were assessed; their composite score averages {mean} of full marks "
            "(middle half {q1} to {q3}). Levels: {levels}.",
        ),
        "level_item": ("{level}（{band}）{count}人", "{level} ({band}) {count}"),
        "band_top": ("≥{lower}", "≥ {lower}"),
        "band_mid": ("{lower}–{upper}", "{lower}–{upper}"),
        "band_low": ("<{upper}", "< {upper}"),
        "gaps_one_team": (
            "对照“{post}”岗位目标，平均差距最大的指标是“{indicator}”（平均差距{gap}分，"
            "{below}的坐席未达目标{target}分）；数据只有一个班组（{team}），无法比较班组，"
            "其加权差距主要在“{team_indicator}”。",
            "Against the {post} target profile, the largest mean gap is on {indicator} "
            "({gap} points; {below} of agents are below the target of {target}); the data hold "
            "one team only ({team}), so teams cannot be compared; its weighted gap is mostly on "
            "{team_indicator}.",
        ),
        "ranks_undefined": (
            "各来源权重下的需求排序无法比较：各指标的培训需求值完全相同（例如所有评分都已达到目标），"
            "排序相关系数无定义。",
            "The needs rankings under the other weight sources cannot be compared: every "
            "indicator has the same need (e.g. every rating already meets its target), so the "
            "rank correlation is undefined.",
        ),
        "gaps": (
            "对照“{post}”岗位目标，平均差距最大的指标是“{indicator}”（平均差距{gap}分，"
            "{below}的坐席未达目标{target}分）；加权差距最大的班组是{team}，主要差在“{team_indicator}”。",
            "Against the {post} target profile, the largest mean gap is on {indicator} "
            "({gap} points; {below} of agents are below the target of {target}); team {team} "
            "has the largest total weighted gap, mostly on {team_indicator}.",
        ),
        "needs": (
            "按“指标权重 × 平均差距”排序（权重：{source}），前{k}项培训需求是{items}。",
            "Ranked by weight × mean gap (weights: {source}), the top {k} training needs are "
            "{items}.",
        ),
        "need_item": (
            "“{name}”（需求值{need}，{below}未达目标）",
            "{name} (need {need}; {below} below target)",
        ),
        "courses": (
            "最常推荐给班组的课程：{items}。",
            "Courses recommended to the most teams: {items}.",
        ),
        "course_item": ("{title}（{teams}个班组）", "{title} ({teams} teams)"),
        "no_courses": (
            "课程库中没有课程针对各班组的最大差距，无法推荐课程。",
            "No catalogue course targets the teams' largest gaps, so no course is recommended.",
        ),
        "plan": (
            "培训计划为{teams}个班组排了{rows}门次课程、{places}个参训名额；"
            "微课最多排到第{weeks}周，面授课程{classroom}门次需另行排班。",
            "The plan schedules {rows} course runs for {teams} teams with {places} places; "
            "micro-courses run up to week {weeks}, and {classroom} classroom runs need a separate "
            "rostered day.",
        ),
        "robust": (
            "换用其他来源的权重，前{k}项需求不变（各来源排序的肯德尔τ_b最低为{tau}）。",
            "The top {k} needs are the same under every weight source (lowest Kendall's τ_b "
            "between rankings {tau}).",
        ),
        "not_robust": (
            "换用其他来源的权重，前{k}项需求会变化（各来源排序的肯德尔τ_b最低为{tau}），"
            "确定重点前请看第 5 节的比较表。",
            "The top {k} needs change with the weight source (lowest Kendall's τ_b between "
            "rankings {tau}); see the comparison in section 5 before fixing the priorities.",
        ),
        "step_plan": (
            "把 {file} 交给排班人员，从第 1 周起在每周早班 1 小时安排微课。",
            "Give {file} to the roster planners and start the micro-courses in the weekly "
            "1-hour early-shift slot from week 1.",
        ),
        "step_team": (
            "先从{team}班组开始，重点是“{indicator}”。",
            "Start with team {team}, focusing on {indicator}.",
        ),
        "develop_item": ("“{name}”", "{name}"),  # an indicator named in step_develop
        "step_develop": (
            "课程库中还没有针对{items}的课程：按微课开发流程（外训学习—内化—开发—试讲验收—入库）新开发微课。",
            "No catalogue course targets {items}: develop a new micro-course for it (external "
            "study, internalisation, development, trial lesson, catalogue).",
        ),
        "step_weights": (
            "重点需求依赖权重来源：与专家组确认采用哪一套权重后再定年度重点。",
            "The priorities depend on the weight source: agree with the expert panel which "
            "weights to use before fixing the year's priorities.",
        ),
        "step_reassess": (
            "培训周期结束后用同一评分表重新评估，并用效果评估报告（03）检验课程效果。",
            "Re-assess with the same rating form after the training cycle and check the "
            "courses' effect with the effectiveness report (03).",
        ),
    }
)


def list_sep(lang: str) -> str:
    """Separator of a list of names: ``、`` (zh), ``, `` (en), ``; `` (zh+en, whose names
    already hold a comma-free "中文 English" pair)."""
    return list_separator(lang)


def _join(items: Sequence[str], lang: str) -> str:
    """``a、b和c`` / ``a, b and c`` (``zh+en`` joins the English way after the Chinese)."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return join_and(items, lang)


def _pct(x: float, digits: int = 0) -> str:
    return format_number(float(x), digits, percent=True)


def band_text(band: Any, bands: Sequence[Any], lang: str = "zh") -> str:
    """Range of a level band on the percent scale, e.g. ``≥ 90`` or ``80–90`` (from the bands)."""
    top = max(b.upper for b in bands)
    bottom = min(b.lower for b in bands)
    lower, upper = f"{band.lower:g}%", f"{band.upper:g}%"
    if band.upper == top:
        return PHRASES("band_top", lang, lower=lower)
    if band.lower == bottom:
        return PHRASES("band_low", lang, upper=upper)
    return PHRASES("band_mid", lang, lower=lower, upper=upper)


@dataclass(frozen=True)
class NeedsSummary:
    """The summary box of the training-needs report.

    Attributes
    ----------
    findings : tuple of str
        3–6 plain-language findings, each carrying its numbers.
    next_steps : tuple of str
        What the trainer does next.
    lang : str
    """

    findings: tuple[str, ...]
    next_steps: tuple[str, ...]
    lang: str

    def to_markdown(self) -> str:
        """Findings as a bulleted list, then the next steps (no heading; the notebook has it)."""
        lines = [f"- {f}" for f in self.findings]
        lines += ["", f"**{PHRASES('next_steps', self.lang)}**", ""]
        lines += [f"{k}. {s}" for k, s in enumerate(self.next_steps, start=1)]
        return "\n".join(lines)


def _merge_summaries(parts: list[NeedsSummary]) -> NeedsSummary:
    """``zh+en``: each Chinese sentence followed by its English one."""
    return NeedsSummary(
        findings=tuple(merge_languages([p.findings for p in parts])),
        next_steps=tuple(merge_languages([p.next_steps for p in parts])),
        lang="zh+en",
    )


#: the gap sentences with the team's largest indicator as a share of the team's total (issue 24)
GAP_CLAIMS = Phrases(
    {
        "gaps_one_team": (
            "对照“{post}”岗位目标，平均差距最大的指标是“{indicator}”（平均差距{gap}分，"
            "{below}的坐席未达目标{target}分）；数据只有一个班组（{team}），无法比较班组，"
            "其加权差距中最大的一项是“{team_indicator}”（{share}）。",
            "Against the {post} target profile, the largest mean gap is on {indicator} "
            "({gap} points; {below} of agents are below the target of {target}); the data hold "
            "one team only ({team}), so teams cannot be compared; its largest weighted gap is "
            "on {team_indicator} ({share}).",
        ),
        "gaps": (
            "对照“{post}”岗位目标，平均差距最大的指标是“{indicator}”（平均差距{gap}分，"
            "{below}的坐席未达目标{target}分）；加权差距最大的班组是{team}，其中最大的一项是"
            "“{team_indicator}”（{share}）。",
            "Against the {post} target profile, the largest mean gap is on {indicator} "
            "({gap} points; {below} of agents are below the target of {target}); team {team} "
            "has the largest total weighted gap, its largest part on {team_indicator} ({share}).",
        ),
        "team_total": ("该班组加权差距总和", "team's total weighted gap"),
    }
)


@each_language(_merge_summaries)  # each sentence built in one language, then Chinese first
def needs_summary(
    composite: Any,
    gaps: GapResult,
    ranking: NeedsRanking,
    team_recommendations: pd.DataFrame,
    plan: pd.DataFrame,
    framework: Framework,
    *,
    comparison: RankingComparison | None = None,
    uncovered: Sequence[str] = (),
    lang: str = "zh",
    post_label: str | None = None,
    plan_file: str = "training_plan.xlsx",
) -> NeedsSummary:
    """Summary box of the training-needs report, generated from the numbers.

    Findings: composite score and levels (band limits from ``composite.bands``); the
    largest centre gap and the team with the largest weighted gap; the top needs (as many
    as ``ranking.priorities``); the courses recommended to most teams; the size of the plan;
    and, with ``comparison``, whether the priorities depend on the weight source.

    Parameters
    ----------
    composite : CompositeResult
        :func:`cslib.needs.assessment.composite_scores`.
    gaps : GapResult
    ranking : NeedsRanking
    team_recommendations : DataFrame
        :func:`recommend_courses` on ``gaps.team_weighted``.
    plan : DataFrame
        ``TrainingPlan.plan``.
    framework : Framework
        For indicator names.
    comparison : RankingComparison, optional
    uncovered : sequence of str
        Top needs no course targets (:func:`uncovered_needs`).
    lang : {"zh", "en", "zh+en"}
    post_label : str, optional
        Post name to print (default ``gaps.post``).
    plan_file : str
        File name of the plan workbook (a name, not a path).

    Examples
    --------
    >>> from cslib.core.framework import load_framework
    >>> from cslib.core.paths import resolve
    >>> fw = load_framework(resolve("data_samples/framework_complaint_handling.yaml"))
    >>> leaves = list(fw.leaves)
    >>> import pandas as pd
    >>> from cslib.needs import assessment
    >>> scores = pd.DataFrame([[3.0] * 11, [4.0] * 11], index=["a", "b"], columns=leaves)
    >>> combo = assessment.SourceCombination(scores, pd.Series({"a": "T1", "b": "T2"}),
    ...     {"self": 1.0}, "renormalise", pd.DataFrame(), pd.DataFrame())
    >>> w = pd.Series(1 / 11, index=leaves)
    >>> comp = assessment.composite_scores(combo, w)
    >>> gaps = gap_analysis(combo, pd.Series(4.0, index=leaves), w, post="P")
    >>> ranking = rank_needs(gaps, n_priorities=1)
    >>> s = needs_summary(comp, gaps, ranking, pd.DataFrame(columns=["unit", "course_id"]),
    ...     pd.DataFrame(columns=["team", "week", "format", "n_attendees"]), fw, lang="en")
    >>> s.findings[0]
    '2 agents were assessed; their composite score averages 70.0% of full marks (middle half 65.0% to 75.0%). Levels: senior (≥ 90%) 0, intermediate (80%–90%) 1, junior (70%–80%) 0, needs development (< 70%) 1.'
    """
    lang = check_lang(lang)

    def nm(i: str) -> str:
        return pick(framework.name(i, "zh"), framework.name(i, "en"), lang)

    s = composite.summary()
    ordered = sorted(composite.bands, key=lambda b: -b.lower)
    counts = composite.table["level_en"].value_counts()
    levels = list_sep(lang).join(
        PHRASES(
            "level_item",
            lang,
            level=pick(b.level_zh, b.level_en, lang),
            band=band_text(b, ordered, lang),
            count=int(counts.get(b.level_en, 0)),
        )
        for b in ordered
    )
    findings = [
        PHRASES(
            "levels",
            lang,
            n=int(s["n"]),
            mean=_pct(s["mean"] / 100, 1),
            q1=_pct(s["q1"] / 100, 1),
            q3=_pct(s["q3"] / 100, 1),
            levels=levels,
        )
    ]
    centre = gaps.centre
    post = post_label or gaps.post
    if float(centre["mean_gap"].max()) > 0:
        worst = str(centre["mean_gap"].idxmax())
        totals = gaps.team_weighted.sum(axis=1).sort_index(kind="stable")
        team = str(totals.idxmax())
        team_ind = str(gaps.team_weighted.loc[team].idxmax())
        if int(s["n"]) == 1:  # one agent: that agent's gaps, not the centre's
            findings.append(
                one_agent_gaps(
                    post, nm(worst), centre.at[worst, "mean_gap"], centre.at[worst, "target"], lang
                )
            )
        else:
            # the team's largest indicator with its share of the team's total (never "mostly")
            team_share = format_share(
                Share(
                    float(gaps.team_weighted.at[team, team_ind]),
                    float(totals[team]),
                    of=GAP_CLAIMS["team_total"],
                    show_whole=False,
                ),
                lang,
            )
            findings.append(
                GAP_CLAIMS(
                    "gaps" if len(totals) > 1 else "gaps_one_team",  # one team: no "largest" team
                    lang,
                    share=team_share,
                    post=post,
                    indicator=nm(worst),
                    gap=format_number(float(centre.at[worst, "mean_gap"]), 2),
                    below=_pct(centre.at[worst, "share_below"]),
                    target=f"{float(centre.at[worst, 'target']):g}",
                    team=team,
                    team_indicator=nm(team_ind),
                )
            )
    else:
        team, team_ind = "", ""
    top = ranking.table[ranking.table["indicator_id"].isin(ranking.priorities)]
    top = top[top["need"] > 0]
    if len(top):
        items = [
            PHRASES(
                "need_item",
                lang,
                name=nm(i),
                need=format_number(float(v), 3),
                below=_pct(centre.at[i, "share_below"]),
            )
            for i, v in zip(top["indicator_id"], top["need"], strict=True)
        ]
        findings.append(
            PHRASES(
                "needs",
                lang,
                source=ranking.weight_source,
                k=len(items),
                items=_join(items, lang),
            )
        )
    rec = team_recommendations[team_recommendations["course_id"] != ""]
    if len(rec):
        per_course = (
            rec.groupby("course_id", sort=True)["unit"]
            .nunique()
            .sort_values(ascending=False, kind="stable")
        )
        titles = rec.drop_duplicates("course_id").set_index("course_id")
        items = [
            PHRASES(
                "course_item",
                lang,
                title=pick(titles.at[c, "title_zh"], titles.at[c, "title_en"], lang),
                teams=int(k),
            )
            for c, k in per_course.head(3).items()
        ]
        findings.append(PHRASES("courses", lang, items=_join(items, lang)))
    elif len(team_recommendations):
        findings.append(PHRASES("no_courses", lang))
    if len(plan):
        micro = plan[plan["format"] == "micro"]
        findings.append(
            PHRASES(
                "plan",
                lang,
                teams=int(plan["team"].nunique()),
                rows=len(plan),
                places=int(plan["n_attendees"].sum()),
                weeks=int(micro["week"].max()) if len(micro) else 0,
                classroom=int((plan["format"] != "micro").sum()),
            )
        )
    depends = False
    if comparison is not None and len(comparison.tau) > 1:
        k = len(ranking.priorities)
        off = ~np.eye(len(comparison.tau), dtype=bool)
        tau = float(comparison.tau.where(off).min().min())
        depends = not comparison.same_priorities
        if not np.isfinite(tau):  # needs that do not differ (e.g. no gaps) have no ranking
            depends = False
            findings.append(PHRASES("ranks_undefined", lang))
        else:
            findings.append(
                PHRASES("not_robust" if depends else "robust", lang, k=k, tau=format_number(tau, 2))
            )
    steps = []
    if len(plan):
        steps.append(PHRASES("step_plan", lang, file=plan_file))
    if team:
        steps.append(PHRASES("step_team", lang, team=team, indicator=nm(team_ind)))
    if uncovered:
        steps.append(
            PHRASES(
                "step_develop",
                lang,
                items=_join([PHRASES("develop_item", lang, name=nm(i)) for i in uncovered], lang),
            )
        )
    if depends:
        steps.append(PHRASES("step_weights", lang))
    steps.append(PHRASES("step_reassess", lang))
    return NeedsSummary(findings=tuple(findings), next_steps=tuple(steps), lang=lang)


def write_table(frame: pd.DataFrame, path: str | Path, lang: str | None = None) -> Path:
    """Write a report table beside the report (:func:`cslib.core.io.write_csv`); with
    ``lang``, headers that have a label are written in that language."""
    return write_csv(frame, path, lang=lang)


# ----------------------------------------------------------------------------- report tables
PHRASES.update(
    {
        "n_agents": ("坐席人数", "Agents"),
        "n_teams": ("班组数", "Teams"),
        "n_ratings": ("评分条数", "Ratings"),
        "sources": ("评分来源", "Rating sources"),
        "n_missing": ("缺少某一来源评分的坐席", "Agents with a missing source"),
        "n_excluded": ("被剔除的坐席", "Agents excluded"),
        "format_micro": ("微课", "micro-course"),
        "format_classroom": ("课堂面授", "classroom"),
        "slot_weekly": ("第{week}周 每周早班1小时", "week {week}, weekly 1-hour early-shift slot"),
        "slot_weekly_n": (
            "第{week}–{last}周 每周早班1小时",
            "weeks {week}–{last}, weekly 1-hour early-shift slot",
        ),
        "slot_classroom": ("面授，需另行排班", "classroom day, rostered separately"),
        "none": ("无", "none"),
        "label_primary": ("**主要权重来源**：{source}", "**Primary weights:** {source}"),
        "label_priorities": ("**重点需求**：{items}", "**Priorities:** {items}"),
        "label_uncovered": (
            "**课程库未覆盖的重点需求（建议开发新微课）**：{items}",
            "**Top needs without a course (develop a micro-course):** {items}",
        ),
        "label_full_plan": (
            "完整计划和参训名单：[{file}]({file})",
            "Full plan and attendee lists: [{file}]({file})",
        ),
        "title_radar": ("坐席、班组与岗位目标", "Agent vs team vs target"),
        "title_heatmap": ("各班组加权差距（权重 × 差距）", "Weighted gap by team (weight × gap)"),
        "sd_undefined": (
            "无法计算，因为只有1名坐席",
            "undefined, because only one agent was assessed",
        ),
        "radar_agent": ("坐席 {agent}", "agent {agent}"),
        "radar_team": ("班组 {team} 均值", "team {team} mean"),
        "radar_target": ("岗位目标", "target"),
        "weights_renormalised": (
            "“{source}”的权重之和不是 100%，已按比例重新归一。",
            "The weights of “{source}” do not sum to 100 %; they were rescaled proportionally.",
        ),
        "caption_ranks": (
            "**各权重来源下的需求排序**（1 = 需求最大）",
            "**Rank of each need under each weight source** (1 = largest need)",
        ),
        "caption_tau": (
            "**各权重来源需求排序之间的肯德尔τ_b**（1 = 完全一致）",
            "**Kendall's τ_b between the needs rankings** (1 = identical order)",
        ),
        "stat_n": ("人数", "Agents"),
        "stat_mean": ("均值", "Mean"),
        "stat_sd": ("标准差", "SD"),
        "stat_min": ("最低", "Lowest"),
        "stat_q1": ("下四分位数", "Lower quartile"),
        "stat_median": ("中位数", "Median"),
        "stat_q3": ("上四分位数", "Upper quartile"),
        "stat_max": ("最高", "Highest"),
    }
)


def format_label(fmt: str, lang: str = "zh") -> str:
    """Course format in the report language (``micro`` → 微课 / micro-course)."""
    key = {"micro": "format_micro", "classroom": "format_classroom"}.get(fmt)
    return PHRASES(key, lang) if key else fmt


def data_check_table(
    assessments: Any, combination: SourceCombination, lang: str = "zh"
) -> pd.DataFrame:
    """``item, value`` rows of the data check (agents, teams, ratings, sources, missing, excluded)."""
    from cslib.needs.assessment import source_label

    items = [
        ("n_agents", str(assessments.agents.size)),
        ("n_teams", str(assessments.agents.nunique())),
        ("n_ratings", str(len(assessments.data))),
        (
            "sources",
            list_sep(lang).join(source_label(s, lang) for s in assessments.sources),
        ),
        ("n_missing", str(len(combination.affected_agents))),
        ("n_excluded", str(len(combination.excluded))),
    ]
    return pd.DataFrame(
        {"item": [PHRASES(k, lang) for k, _ in items], "value": [v for _, v in items]}
    )


def composite_table(composite: Any, lang: str = "zh") -> pd.DataFrame:
    """``statistic_name, percent_of_full`` rows: n, mean, SD, min, quartiles, max (as ``73.2%``)."""
    s = composite.summary()
    rows = []
    for k in ("n", "mean", "sd", "min", "q1", "median", "q3", "max"):
        v = s[k]
        if k == "n":
            shown = str(int(v))
        elif not math.isfinite(v):  # the SD of a single agent
            shown = PHRASES("sd_undefined", lang)
        else:
            shown = format_number(v / 100, 1, percent=True)
        rows.append((PHRASES(f"stat_{k}", lang), shown))
    return pd.DataFrame(rows, columns=["statistic_name", "percent_of_full"])


def level_table(composite: Any, lang: str = "zh") -> pd.DataFrame:
    """``competency_level, band_range, n`` in band order (highest first)."""
    ordered = sorted(composite.bands, key=lambda b: -b.lower)
    counts = composite.table["level_en"].value_counts()
    return pd.DataFrame(
        {
            "competency_level": [pick(b.level_zh, b.level_en, lang) for b in ordered],
            "band_range": [band_text(b, ordered, lang) for b in ordered],
            "n": [int(counts.get(b.level_en, 0)) for b in ordered],
        }
    )


def recommendation_table(
    recommendations: pd.DataFrame,
    framework: Framework,
    lang: str = "zh",
    unit_names: Mapping[str, str] | None = None,
    unit_column: str = "unit",
) -> pd.DataFrame:
    """Recommendations for a report: unit, priority, indicator name, weighted gap, course, format.

    ``unit_column`` names the first column (``"team"`` or ``"agent_id"``, so its label says
    what the unit is); ``unit_names`` maps units to the names shown (e.g. pseudonyms).
    """
    r = recommendations
    title = [
        pick(z, e, lang) if c else PHRASES("none", lang)
        for c, z, e in zip(r["course_id"], r["title_zh"], r["title_en"], strict=True)
    ]
    return pd.DataFrame(
        {
            unit_column: [unit_names.get(u, u) for u in r["unit"]]
            if unit_names
            else list(r["unit"]),
            "priority": r["priority"].to_numpy(),
            "name": [
                pick(framework.name(i, "zh"), framework.name(i, "en"), lang)
                for i in r["indicator_id"]
            ],
            "weighted_gap": r["weighted_gap"].to_numpy(),
            "course_title": title,
            "format": [format_label(f, lang) if f else "" for f in r["format"]],
        }
    )


def plan_table(plan: pd.DataFrame, framework: Framework, lang: str = "zh") -> pd.DataFrame:
    """The training plan for a report: team, schedule, course, format, minutes, attendees, indicators."""
    slots = []
    for fmt, week, minutes in zip(plan["format"], plan["week"], plan["duration_min"], strict=True):
        n = max(1, math.ceil(int(minutes) / 60))
        if fmt != "micro":
            slots.append(PHRASES("slot_classroom", lang))
        elif n == 1:
            slots.append(PHRASES("slot_weekly", lang, week=int(week)))
        else:
            slots.append(PHRASES("slot_weekly_n", lang, week=int(week), last=int(week) + n - 1))
    sep = list_sep(lang)
    return pd.DataFrame(
        {
            "team": plan["team"].to_numpy(),
            "plan_slot": slots,
            "course_title": [
                pick(z, e, lang) for z, e in zip(plan["title_zh"], plan["title_en"], strict=True)
            ],
            "format": [format_label(f, lang) for f in plan["format"]],
            "duration_min": plan["duration_min"].to_numpy(),
            "n_attendees": plan["n_attendees"].to_numpy(),
            "indicators": [
                sep.join(
                    pick(framework.name(i, "zh"), framework.name(i, "en"), lang)
                    for i in s.split(";")
                    if i
                )
                for s in plan["indicators"]
            ],
        }
    )
