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
from cslib.core.io import atomic_path, read_table, source_of, validate
from cslib.core.weights import IndicatorWeights, as_weights
from cslib.needs.assessment import SourceCombination


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
    tau_p : DataFrame
        Their p-values (``scipy.stats.kendalltau``).
    priorities : dict
        Weight source → top priorities.
    """

    ranks: pd.DataFrame
    needs: pd.DataFrame
    tau: pd.DataFrame
    tau_p: pd.DataFrame
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
    tau_p = pd.DataFrame(0.0, index=names, columns=names)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            res = stats.kendalltau(needs[a], needs[b])
            tau.loc[a, b] = tau.loc[b, a] = float(res.statistic)
            tau_p.loc[a, b] = tau_p.loc[b, a] = float(res.pvalue)
    return RankingComparison(
        ranks=ranks,
        needs=needs,
        tau=tau,
        tau_p=tau_p,
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
    columns = [
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
    return pd.DataFrame(rows, columns=columns)


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
    "sep": ("、", ", "),
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
    sep = _plan_text("sep", lang)
    if lang == "en":
        titles = p["title_en"]
    elif lang == "zh":
        titles = p["title_zh"]
    else:
        titles = p["title_zh"] + " " + p["title_en"]
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


# ----------------------------------------------------------------------------- text
def conclusion_text(
    ranking: NeedsRanking,
    comparison: RankingComparison | None,
    composite_summary: Mapping[str, float],
    level_counts: pd.Series,
    gaps: GapResult,
    framework: Framework,
    *,
    lang: str = "zh",
    post_label: str | None = None,
    uncovered: Sequence[str] = (),
) -> str:
    """Plain-language conclusion for a trainer, generated from the numbers.

    Parameters
    ----------
    post_label : str, optional
        Name of the post to print (default ``gaps.post``).
    uncovered : sequence of str
        Top needs no catalogue course targets (:func:`uncovered_needs`).
    """

    def nm(i: str) -> str:
        return framework.name(i, "en" if lang == "en" else "zh")

    top = ranking.table.head(2)
    worst_team = gaps.team_weighted.sum(axis=1).idxmax()
    worst_team_ind = gaps.team_weighted.loc[worst_team].idxmax()
    below = gaps.centre["share_below"]
    n = int(composite_summary["n"])
    post = post_label or gaps.post
    if lang == "en":
        parts = [
            f"{n} agents were assessed; their composite score averages "
            f"{composite_summary['mean']:.1f} % of full marks (middle half "
            f"{composite_summary['q1']:.1f}–{composite_summary['q3']:.1f} %).",
            "Levels: " + ", ".join(f"{k} {v}" for k, v in level_counts.items()) + ".",
            f"Against the {post} target profile, the two largest weighted needs "
            f"(weights: {ranking.weight_source}) are {nm(top.iloc[0]['indicator_id'])} and "
            f"{nm(top.iloc[1]['indicator_id'])}: {below[top.iloc[0]['indicator_id']]:.0%} and "
            f"{below[top.iloc[1]['indicator_id']]:.0%} of agents are below target.",
            f"Team {worst_team} has the largest total weighted gap, mostly on "
            f"{nm(worst_team_ind)}.",
        ]
        if uncovered:
            parts.append(
                "No course in the catalogue targets "
                + ", ".join(nm(i) for i in uncovered)
                + "; consider developing a new micro-course for it."
            )
        if comparison is not None:
            lo = float(comparison.tau.where(~np.eye(len(comparison.tau), dtype=bool)).min().min())
            parts.append(
                "The priorities are the same under every weight source."
                if comparison.same_priorities
                else "The priorities depend on the weight source; see the comparison table."
            )
            parts.append(f"The lowest Kendall tau between rankings is {lo:.2f}.")
        return " ".join(parts)
    levels = "、".join(f"{k}{v}人" for k, v in level_counts.items())
    parts = [
        f"本次共评估{n}名坐席，综合胜任力得分率平均为{composite_summary['mean']:.1f}%"
        f"（中间一半人员在{composite_summary['q1']:.1f}%至{composite_summary['q3']:.1f}%之间）。",
        f"等级分布：{levels}。",
        f"对照“{post}”岗位目标，按权重（{ranking.weight_source}）加权后，最主要的两项培训需求是"
        f"“{nm(top.iloc[0]['indicator_id'])}”和“{nm(top.iloc[1]['indicator_id'])}”，"
        f"分别有{below[top.iloc[0]['indicator_id']]:.0%}和{below[top.iloc[1]['indicator_id']]:.0%}"
        "的坐席未达目标，建议作为本年度微课开发和培训的重点。",
        f"加权差距最大的班组是{worst_team}，主要差在“{nm(worst_team_ind)}”，可优先安排该班组的每周早班微课。",
    ]
    if uncovered:
        parts.append(
            "课程库中还没有针对“"
            + "”“".join(nm(i) for i in uncovered)
            + "”的课程，建议按微课开发流程（外训学习—内化—开发—试讲验收—入库）新开发微课。"
        )
    if comparison is not None:
        lo = float(comparison.tau.where(~np.eye(len(comparison.tau), dtype=bool)).min().min())
        parts.append(
            "换用不同来源的权重，前两项重点需求不变，结论稳健。"
            if comparison.same_priorities
            else "换用不同来源的权重时，前两项重点需求会发生变化，确定重点前请结合比较表再斟酌。"
        )
        parts.append(f"各权重来源之间需求排序的肯德尔τ最低为{lo:.2f}（越接近1越一致）。")
    return "".join(parts)


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
    zh = lang != "en"
    names = [
        f"{'坐席' if zh else 'agent'} {agent_label or agent}",
        f"{'班组' if zh else 'team'} {team} {'均值' if zh else 'mean'}",
        f"{'岗位目标' if zh else 'target'}",
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
