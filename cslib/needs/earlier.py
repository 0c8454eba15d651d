"""What report 04 takes from report 03: courses found without evidence are deprioritised.

The declared rule (also in the report's methods and in ``docs/reports_together.md``):

* A course whose **overall verdict in report 03 is "no evidence"** (no level — learning,
  behaviour, results — showed an effect) is a *deferred* course for the course choice: it is
  added to ``avoid_courses`` (:func:`cslib.needs.choice.choose_courses`), so it is chosen only
  when no combination without it covers as much weighted gap.  It is never silently dropped:
  a gap only it targets still gets it, and the summary says so.
* A course the user already excluded stays excluded (it is not also deferred).
* The summary names the deferred courses, where they were still recommended (teams, agents)
  and advises reviewing them as report 03 does.

Report 03's results are read from the same output folder
(:func:`cslib.reporting.earlier_results.read_earlier`); without them nothing changes and no
sentence is written.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from cslib.core.i18n import (
    join_languages,
    list_separator,
    pick,
    quote,
    sentence_separator,
)
from cslib.needs.phrases import PHRASES
from cslib.reporting.claims import Count, format_count
from cslib.reporting.earlier_results import EarlierResult

__all__ = ["CourseEvidence", "course_evidence"]

REPORT_03 = "03_microcourse_effectiveness"


@dataclass(frozen=True)
class CourseEvidence:
    """Report 03's verdicts as report 04 uses them.

    Attributes
    ----------
    without_evidence : tuple of str
        Catalogue course ids whose overall verdict in report 03 is "no evidence".
    read : bool
        Whether report 03's results were found at all.
    """

    without_evidence: tuple[str, ...] = ()
    read: bool = False

    def avoid(self, avoid_courses: Sequence[str] = (), exclude: Sequence[str] = ()) -> list[str]:
        """``avoid_courses`` plus the courses without evidence (excluded ones stay excluded)."""
        out = list(dict.fromkeys(avoid_courses))
        out += [c for c in self.without_evidence if c not in out and c not in set(exclude)]
        return out


def course_evidence(earlier: Mapping[str, EarlierResult], courses: pd.DataFrame) -> CourseEvidence:
    """The catalogue courses report 03 found without evidence (overall verdict).

    Examples
    --------
    >>> r03 = EarlierResult("03_microcourse_effectiveness", "03.ipynb", "0" * 64, "sample",
    ...     {"verdicts": {"MC04": {"overall": "no_evidence"}, "MC01": {"overall": "partial"}}})
    >>> cat = pd.DataFrame({"course_id": ["MC01", "MC04"]})
    >>> course_evidence({r03.stem: r03}, cat)
    CourseEvidence(without_evidence=('MC04',), read=True)
    """
    result = earlier.get(REPORT_03)
    if result is None:
        return CourseEvidence()
    verdicts = result.values.get("verdicts") or {}
    known = list(courses["course_id"])
    none = tuple(
        c
        for c in known
        if isinstance(verdicts.get(c), Mapping) and verdicts[c].get("overall") == "no_evidence"
    )
    return CourseEvidence(none, True)


def _title(courses: pd.DataFrame, course: str, lang: str) -> str:
    row = courses.loc[courses["course_id"] == course].iloc[0]
    return quote(f"{course} " + pick(str(row["title_zh"]), str(row["title_en"]), lang), lang)


def evidence_sentence(
    evidence: CourseEvidence,
    courses: pd.DataFrame,
    team_recommendations: pd.DataFrame,
    agent_recommendations: pd.DataFrame,
    *,
    lang: str = "zh",
) -> str:
    """The summary sentence on deferred courses ("" when report 03 deferred none)."""
    if not evidence.without_evidence:
        return ""

    def build(side: str) -> str:
        sep = list_separator(side)
        ids = evidence.without_evidence
        it = PHRASES("it_one" if len(ids) == 1 else "it_many", side)
        text = PHRASES(
            "deferred", side, courses=sep.join(_title(courses, c, side) for c in ids), it=it
        )
        items = []
        for c in ids:
            teams = team_recommendations.loc[team_recommendations["course_id"] == c, "unit"]
            agents = agent_recommendations.loc[agent_recommendations["course_id"] == c, "unit"]
            if teams.nunique() or agents.nunique():
                items.append(
                    PHRASES(
                        "still_item",
                        side,
                        course=c,
                        teams=format_count(Count(int(teams.nunique()), _unit("teams")), side),
                        agents=format_count(Count(int(agents.nunique()), _unit("agents")), side),
                    )
                )
        if items:
            text += sentence_separator(side) + PHRASES("still", side, items=sep.join(items))
        else:
            text += sentence_separator(side) + PHRASES("not_any", side, it=it)
        return text

    return join_languages(lang, build, sep=" ")


def _unit(key: str) -> tuple[str, str]:
    zh, en = PHRASES[key]
    return (f" {zh}", f" {en}")


def add_to_summary(summary: object, sentence: str) -> object:
    """``summary`` (a :class:`cslib.needs.analysis.NeedsSummary`) with ``sentence`` as its last
    finding (unchanged when ``sentence`` is empty)."""
    if not sentence:
        return summary
    findings = tuple(summary.findings)  # type: ignore[attr-defined]
    return dataclasses.replace(summary, findings=(*findings, sentence))  # type: ignore[type-var]


def mark_deferred(
    table: pd.DataFrame, recommendations: pd.DataFrame, evidence: CourseEvidence, lang: str
) -> pd.DataFrame:
    """A recommendation table (:func:`cslib.needs.analysis.recommendation_table`, rows in the
    order of ``recommendations``) with "报告 03 未见效果" after every deferred course's title."""
    if not evidence.without_evidence or "course_title" not in table:
        return table
    deferred = recommendations["course_id"].isin(evidence.without_evidence).to_numpy()
    out = table.copy().reset_index(drop=True)
    out.loc[deferred, "course_title"] = [
        PHRASES("marked", lang, title=t, mark=PHRASES("mark", lang))
        for t in out.loc[deferred, "course_title"]
    ]
    return out
