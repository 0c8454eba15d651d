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

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from cslib.core import pseudonyms as _pseudonyms
from cslib.core.errors import InputError
from cslib.core.weights import IndicatorWeights, as_weights
from cslib.needs.assessment import SourceCombination

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


def uncovered_needs(ranking: NeedsRanking, courses: pd.DataFrame, *, top: int = 4) -> list[str]:
    """Indicators among the ``top`` needs (with a positive need) that no catalogue course
    targets — candidates for developing a new micro-course."""
    covered = {i for t in courses["targets"] for i in t}
    head = ranking.table[ranking.table["need"] > 0].head(top)
    return [i for i in head["indicator_id"] if i not in covered]
