"""What notebook 04 shows: the summary box, report tables and figure data, in one language.

The report room of :mod:`cslib.needs`: :func:`needs_summary` turns the results into the
findings and next steps that open the report; the ``*_table`` functions give the tables
with named columns and values in the report's language; :func:`radar_profiles` the rows of
the radar chart.  Every word comes from :data:`cslib.needs.phrases.PHRASES`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from cslib.core.errors import InputError
from cslib.core.framework import Framework
from cslib.core.i18n import (
    check_lang,
    each_language,
    format_number,
    join_and,
    list_separator,
    merge_languages,
    pick,
)
from cslib.core.io import write_csv
from cslib.needs.analysis import GapResult, NeedsRanking, RankingComparison
from cslib.needs.assessment import SourceCombination
from cslib.needs.one_agent import one_agent_gaps
from cslib.needs.phrases import PHRASES
from cslib.reporting.claims import Share, format_share


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


# ----------------------------------------------------------------------------- report text


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
    >>> from cslib.needs.analysis import gap_analysis, rank_needs
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

    n_agents = int(composite.summary()["n"])
    gap_text, team, team_ind = _gaps_finding(
        gaps, post_label or gaps.post, nm, lang, n_agents=n_agents
    )
    robustness, depends = _robustness_finding(comparison, ranking, lang)
    one = n_agents == 1  # one person's result is no statement about the centre or a team
    sections = [
        _levels_finding(composite, lang),
        gap_text,
        _needs_finding(ranking, gaps.centre, nm, lang, one_agent=one),
        _courses_finding(team_recommendations, lang),
        _plan_finding(plan, lang),
        robustness,
    ]
    findings = tuple(f for f in sections if f)
    steps = []
    if len(plan):
        steps.append(PHRASES("step_plan", lang, file=plan_file))
    if team and not one:
        steps.append(PHRASES("step_team", lang, team=team, indicator=nm(team_ind)))
    if uncovered:
        items = [PHRASES("develop_item", lang, name=nm(i)) for i in uncovered]
        steps.append(PHRASES("step_develop", lang, items=_join(items, lang)))
    if depends:
        steps.append(PHRASES("step_weights", lang))
    steps.append(PHRASES("step_reassess", lang))
    return NeedsSummary(findings=findings, next_steps=tuple(steps), lang=lang)


def _levels_finding(composite: Any, lang: str) -> str:
    """The composite score (mean, middle half) and how many agents reach each level."""
    s = composite.summary()
    if int(s["n"]) == 1:  # no average, middle half or level counts of one person
        row = composite.table.iloc[0]
        level = pick(str(row["level_zh"]), str(row["level_en"]), lang)
        return PHRASES("levels_one_agent", lang, mean=_pct(s["mean"] / 100, 1), level=level)
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
    return PHRASES(
        "levels",
        lang,
        n=int(s["n"]),
        mean=_pct(s["mean"] / 100, 1),
        q1=_pct(s["q1"] / 100, 1),
        q3=_pct(s["q3"] / 100, 1),
        levels=levels,
    )


def _gaps_finding(
    gaps: GapResult, post: str, nm: Callable[[str], str], lang: str, *, n_agents: int = 2
) -> tuple[str, str, str]:
    """The largest centre gap and the team with the largest weighted gap (with its worst
    indicator and that indicator's share of the team's total); with one assessed agent, that
    agent's gap (not the centre's); empty strings when nobody is below target."""
    centre = gaps.centre
    if not float(centre["mean_gap"].max()) > 0:
        return "", "", ""
    worst = str(centre["mean_gap"].idxmax())
    totals = gaps.team_weighted.sum(axis=1).sort_index(kind="stable")
    team = str(totals.idxmax())
    team_ind = str(gaps.team_weighted.loc[team].idxmax())
    if n_agents == 1:  # one agent: that agent's gaps, not the centre's
        text = one_agent_gaps(
            post, nm(worst), centre.at[worst, "mean_gap"], centre.at[worst, "target"], lang
        )
        return text, team, team_ind
    # the team's largest indicator with its share of the team's total (never "mostly")
    team_share = format_share(
        Share(
            float(gaps.team_weighted.at[team, team_ind]),
            float(totals[team]),
            of=PHRASES["team_total"],
            show_whole=False,
        ),
        lang,
    )
    text = PHRASES(
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
    return text, team, team_ind


def _needs_finding(
    ranking: NeedsRanking,
    centre: pd.DataFrame,
    nm: Callable[[str], str],
    lang: str,
    *,
    one_agent: bool = False,
) -> str:
    """The priority needs with a positive need, with the share of agents below target (one
    assessed agent: that agent's needs, without a share of agents)."""
    top = ranking.table[ranking.table["indicator_id"].isin(ranking.priorities)]
    top = top[top["need"] > 0]
    if not len(top):
        return ""
    if one_agent:
        mine = [
            PHRASES("need_item_one_agent", lang, name=nm(i), need=format_number(float(v), 3))
            for i, v in zip(top["indicator_id"], top["need"], strict=True)
        ]
        return PHRASES(
            "needs_one_agent",
            lang,
            source=ranking.weight_source,
            k=len(mine),
            items=_join(mine, lang),
        )
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
    return PHRASES(
        "needs", lang, source=ranking.weight_source, k=len(items), items=_join(items, lang)
    )


def _courses_finding(team_recommendations: pd.DataFrame, lang: str) -> str:
    """The three courses recommended to most teams (or that no course fits)."""
    rec = team_recommendations[team_recommendations["course_id"] != ""]
    if not len(rec):
        return PHRASES("no_courses", lang) if len(team_recommendations) else ""
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
    return PHRASES("courses", lang, items=_join(items, lang))


def _plan_finding(plan: pd.DataFrame, lang: str) -> str:
    """The size of the training plan: teams, sessions, places, weeks, classroom days."""
    if not len(plan):
        return ""
    micro = plan[plan["format"] == "micro"]
    return PHRASES(
        "plan",
        lang,
        teams=int(plan["team"].nunique()),
        rows=len(plan),
        places=int(plan["n_attendees"].sum()),
        weeks=int(micro["week"].max()) if len(micro) else 0,
        classroom=int((plan["format"] != "micro").sum()),
    )


def _robustness_finding(
    comparison: RankingComparison | None, ranking: NeedsRanking, lang: str
) -> tuple[str, bool]:
    """Whether the priorities depend on the weight source (smallest Kendall's τ_b)."""
    if comparison is None or len(comparison.tau) <= 1:
        return "", False
    k = len(ranking.priorities)
    off = ~np.eye(len(comparison.tau), dtype=bool)
    tau = float(comparison.tau.where(off).min().min())
    if not np.isfinite(tau):  # needs that do not differ (e.g. no gaps) have no ranking
        return PHRASES("ranks_undefined", lang), False
    depends = not comparison.same_priorities
    key = "not_robust" if depends else "robust"
    return PHRASES(key, lang, k=k, tau=format_number(tau, 2)), depends


def write_table(frame: pd.DataFrame, path: str | Path, lang: str | None = None) -> Path:
    """Write a report table beside the report (:func:`cslib.core.io.write_csv`); with
    ``lang``, headers that have a label are written in that language."""
    return write_csv(frame, path, lang=lang)


# ----------------------------------------------------------------------------- report tables


def format_label(fmt: str, lang: str = "zh") -> str:
    """Course format in the report language (``micro`` → 微课 / micro-course)."""
    key = {"micro": "format_micro", "classroom": "format_classroom"}.get(fmt)
    return PHRASES(key, lang) if key else fmt


def excluded_agents(
    combination: SourceCombination,
    lang: str = "zh",
    who: Callable[[str], str] | None = None,
) -> pd.DataFrame:
    """``agent_id, team, reason`` of the agents :func:`~cslib.needs.assessment.combine_sources`
    left out, the reason worded from its ``reason_code`` in ``lang`` (sources by their names).

    ``who`` maps an agent id to the id shown (e.g. a pseudonym); default the id itself.

    Examples
    --------
    >>> import pandas as pd
    >>> from types import SimpleNamespace
    >>> ex = pd.DataFrame({"agent_id": ["A7"], "team": ["T1"], "reason_code": ["missing_source"],
    ...                    "missing": ["leader;peer"], "reason": [""]})
    >>> excluded_agents(SimpleNamespace(excluded=ex), "en")["reason"].iloc[0]
    'missing source(s): team leader, peer (missing rule: exclude)'
    """
    from cslib.needs.assessment import source_label

    ex = combination.excluded
    sep = list_sep(lang)

    def words(code: str, missing: str) -> str:
        items = [m for m in missing.split(";") if m]
        if code == "missing_source":
            items = [source_label(m, lang) for m in items]
        return PHRASES(f"excluded_{code}", lang, missing=sep.join(items))

    return pd.DataFrame(
        {
            "agent_id": [who(a) if who else a for a in ex["agent_id"]],
            "team": ex["team"].to_numpy(),
            "reason": [
                words(str(c), str(m)) for c, m in zip(ex["reason_code"], ex["missing"], strict=True)
            ],
        }
    )


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
