"""Competency assessment: multi-source (360°) ratings, composite scores and levels.

Input is a long table ``agent_id, team, source, indicator_id, score`` with one row
per rating of an agent on a lowest-level indicator of the framework by one source
(``self``, ``leader``, ``qa``, ``peer`` …) on an integer scale (default 1–5).

Combining sources (360° weighting), for agent *a*, indicator *i*, source weights
:math:`v_s` (summing to 1) and the set :math:`S_{ai}` of sources that rated *a* on *i*:

.. math:: x_{ai} = \frac{\\sum_{s \\in S_{ai}} v_s\\, x_{ais}}{\\sum_{s \\in S_{ai}} v_s}

With every source present the denominator is 1.  When a source is missing the
rule is explicit (``missing=``): ``"renormalise"`` uses the formula above and
lists the affected agents; ``"exclude"`` drops every agent missing any source and
lists them.  Nothing is dropped silently.

Composite competency score of agent *a* with combined indicator weights
:math:`w_i` (:math:`\\sum_i w_i = 1`):

.. math:: C_a = \\sum_i w_i\\, x_{ai}, \\qquad P_a = 100\\, C_a / x_{\\max}

:math:`P_a` is the percentage of full marks (得分率) used with level bands such
as ≥ 90 senior, 80–90 intermediate, 70–80 junior, < 70 needs development.  A band
holds ``lower ≤ P < upper`` (the top band also its upper end); :math:`P_a` is
rounded to 9 decimals before banding so floating-point noise cannot cross a border.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd
import pandera.pandas as pa

from cslib.core import bands as scheme_check
from cslib.core.codes import SOURCE_CODES, canonical_codes, described
from cslib.core.errors import InputError, Problem
from cslib.core.findings import Finding
from cslib.core.framework import Framework
from cslib.core.i18n import pick
from cslib.core.io import read_table, source_of, validate
from cslib.core.plausibility import check_id_variants
from cslib.core.weights import IndicatorWeights, as_weights_for_leaves
from cslib.needs.phrases import PHRASES

MissingRule = Literal["renormalise", "exclude"]

#: Default 360° source weights (documented in docs/training_needs.md).
DEFAULT_SOURCE_WEIGHTS: dict[str, float] = {"self": 0.2, "leader": 0.4, "qa": 0.25, "peer": 0.15}

#: Combined scores are rounded to this many decimals (see :func:`combine_sources`).
SCORE_DECIMALS = 12


# ----------------------------------------------------------------------------- ratings
@dataclass(frozen=True)
class Assessments:
    """Validated multi-source ratings.

    Attributes
    ----------
    data : DataFrame
        ``row, agent_id, team, source, indicator_id, score`` (``row`` = spreadsheet row).
    framework : Framework
        The indicator hierarchy.
    scale : (int, int)
        Score scale end points.
    source : str or None
        File the ratings came from.
    """

    data: pd.DataFrame
    framework: Framework
    scale: tuple[int, int] = (1, 5)
    source: str | None = None

    @property
    def agents(self) -> pd.Series:
        """Team of each agent, indexed by agent_id (sorted by team, then agent)."""
        t = self.data.drop_duplicates("agent_id").set_index("agent_id")["team"]
        return t.sort_index(kind="stable").sort_values(kind="stable")

    @property
    def sources(self) -> tuple[str, ...]:
        """Rating sources present, sorted."""
        return tuple(sorted(self.data["source"].unique()))

    @property
    def indicators(self) -> tuple[str, ...]:
        """Indicators rated, in framework order."""
        present = set(self.data["indicator_id"])
        return tuple(i for i in self.framework.leaves if i in present)

    def source_summary(self) -> pd.DataFrame:
        """Number of ratings, mean and SD (n − 1) of the scores given by each source."""
        return self.data.groupby("source", sort=True)["score"].agg(["count", "mean", "std"])


def _schema(framework: Framework, scale: tuple[int, int]) -> pa.DataFrameSchema:
    lo, hi = scale
    leaves = list(framework.leaves)
    return pa.DataFrameSchema(
        {
            "agent_id": pa.Column(str, description="an agent id"),
            "team": pa.Column(str, description="a team name"),
            "source": pa.Column(
                str,
                description="a rating source such as self 自评, leader 班组长, qa 质检, peer 同事",
            ),
            "indicator_id": pa.Column(
                str,
                pa.Check.isin(leaves, error=f"a lowest-level indicator id ({', '.join(leaves)})"),
                description="a lowest-level indicator id",
            ),
            "score": pa.Column(
                int,
                pa.Check.in_range(lo, hi, error=f"an integer score from {lo} to {hi}"),
                description=f"an integer score from {lo} to {hi}",
            ),
        },
        strict=False,
    )


def ratings_from_frame(
    frame: pd.DataFrame,
    framework: Framework,
    *,
    scale: tuple[int, int] = (1, 5),
    agents: Sequence[str] | Mapping[str, str] | None = None,
    sources: Sequence[str] | None = None,
) -> Assessments:
    """Validate a text frame from :func:`cslib.core.io.read_table` as multi-source ratings.

    See :func:`read_assessments` for the parameters and checks.
    """
    file = source_of(frame)
    data = validate(frame, _schema(framework, scale))
    # several raters of one source (peers): an optional ``rater`` column tells them apart
    rater = ["rater"] if "rater" in data.columns else []
    data = data[["agent_id", "team", "source", "indicator_id", "score", *rater]].copy()
    if rater:
        data["rater"] = data["rater"].fillna("").astype(str).str.strip()
    data["source"] = canonical_codes(data["source"], SOURCE_CODES)  # 自评 → self, …
    data["score"] = data["score"].astype(int)
    problems: list[Problem] = []
    if agents is not None:
        roster = dict(agents) if isinstance(agents, Mapping) else {a: None for a in agents}
        for row, a in data["agent_id"].items():
            if a not in roster:
                problems.append(
                    Problem("unknown agent: not in the agent roster", row, "agent_id", a)
                )
            elif roster[a] is not None and data.at[row, "team"] != roster[a]:
                problems.append(
                    Problem(
                        f"team differs from the roster (expected {roster[a]!r})",
                        row,
                        "team",
                        data.at[row, "team"],
                    )
                )
    if sources is not None:
        allowed = list(sources)
        for row, s in data["source"].items():
            if s not in allowed:
                problems.append(
                    Problem(
                        f"unknown rating source; expected one of {allowed} "
                        f"(or in Chinese: {described(SOURCE_CODES)})",
                        row,
                        "source",
                        s,
                    )
                )
    # each agent's first team and the row it was given in; only rows that differ are visited
    agent_code, _ = pd.factorize(data["agent_id"])
    first_at = np.unique(agent_code, return_index=True)[1][agent_code]  # each agent's 1st row
    teams = data["team"].to_numpy()
    moved = teams != teams[first_at]
    for row, a, t, t0, r0 in zip(
        data.index[moved],
        data.loc[moved, "agent_id"].tolist(),
        teams[moved].tolist(),
        teams[first_at][moved].tolist(),
        data.index.to_numpy()[first_at][moved].tolist(),
        strict=True,
    ):
        problems.append(
            Problem(
                f"agent {a} is in team {t0!r} in row {r0}; one team per agent expected",
                row,
                "team",
                t,
            )
        )
    key = ["agent_id", "source", "indicator_id", *rater]
    dup = data.duplicated(key, keep="first")
    if dup.any():
        firsts = data[~dup].reset_index().set_index(key)["row"]
        for row, r in data[dup].iterrows():
            first = firsts.loc[tuple(r[k] for k in key)]
            by = f"{r['source']} {r['rater']}" if rater else r["source"]
            problems.append(
                Problem(
                    f"duplicate rating of agent {r['agent_id']} by {by} on "
                    f"{r['indicator_id']} (first given in row {first})",
                    row,
                    "indicator_id",
                    r["indicator_id"],
                )
            )
    if problems:
        problems.sort(key=lambda p: (p.row or 0, str(p.column)))
        raise InputError(file, problems)
    data = data.rename_axis("row").reset_index()
    # framework order of each row's indicator (every id is a leaf: the schema checked it),
    # looked up once per distinct id: ``Series.map(dict)`` on Arrow text loops in Python
    order = {i: k for k, i in enumerate(framework.leaves)}
    codes, ids = pd.factorize(data["indicator_id"])
    data = (
        data.assign(_o=np.array([order[i] for i in ids], dtype=np.int64)[codes])
        .sort_values(["team", "agent_id", "source", "_o"], kind="stable")
        .drop(columns="_o")
    )
    return Assessments(
        data=data.reset_index(drop=True), framework=framework, scale=scale, source=file
    )


def read_assessments(
    path: str | Path,
    framework: Framework,
    *,
    scale: tuple[int, int] = (1, 5),
    agents: Sequence[str] | Mapping[str, str] | None = None,
    sources: Sequence[str] | None = None,
) -> Assessments:
    """Read and validate multi-source competency ratings (CSV or XLSX, long format).

    Parameters
    ----------
    path : str or Path
        Table with columns ``agent_id, team, source, indicator_id, score``, and optionally
        ``rater`` when a source has several raters of one agent (e.g. three peers).
    framework : Framework
        Indicator hierarchy; ratings must be on its lowest-level indicators.
    scale : (int, int)
        Integer score range (default 1–5).
    agents : sequence of ids or mapping id → team, optional
        Agent roster; ratings of agents not in it (or in another team) are errors.
    sources : sequence of str, optional
        Allowed rating sources (e.g. the keys of the source weights).

    Returns
    -------
    Assessments

    Raises
    ------
    InputError
        Naming file, spreadsheet row and column of: missing columns, non-integer or
        off-scale scores, unknown indicators, agents or sources, an agent listed in
        two teams, and duplicate (agent, source, indicator) ratings (with a ``rater``
        column: duplicate (agent, source, rater, indicator) ratings).
    """
    table = read_table(path)
    check_id_variants({str(path): table})  # A0001 and a0001 would be two agents
    return ratings_from_frame(table, framework, scale=scale, agents=agents, sources=sources)


# ----------------------------------------------------------------------------- 360° weighting
def check_source_weights(weights: Mapping[str, float], tol: float = 1e-6) -> dict[str, float]:
    """Validate 360° source weights: non-negative numbers summing to 1 (± ``tol``).

    Raises
    ------
    InputError
        Naming the offending source, or the sum when it is not 1.
    """
    if not weights:
        raise InputError.single(
            None,
            "no source weights given; expected e.g. {'self': 0.3, 'leader': 0.7}",
            column="source_weights",
        )
    out = {}
    for s, v in weights.items():
        try:
            v = float(v)
        except (TypeError, ValueError):
            raise InputError.single(
                None, "expected a number", column=f"source_weights[{s!r}]", found=v
            ) from None
        if not math.isfinite(v) or v < 0:
            raise InputError.single(
                None, "expected a non-negative weight", column=f"source_weights[{s!r}]", found=v
            )
        out[str(s)] = v
    total = sum(out.values())
    if abs(total - 1.0) > tol:
        raise InputError.single(
            None,
            f"source weights must sum to 1 (within {tol:g}); they sum to {total:.6g}",
            column="source_weights",
            found=out,
        )
    return out


@dataclass(frozen=True)
class SourceCombination:
    """Indicator scores after 360° weighting of the rating sources.

    Attributes
    ----------
    scores : DataFrame
        Agents × indicators (framework order) of combined scores, index ``agent_id``.
    teams : Series
        Team of each agent in ``scores``.
    source_weights : dict
        Weights used.
    missing_rule : str
        ``"renormalise"`` or ``"exclude"``.
    affected : DataFrame
        ``agent_id, team, indicator_id, missing_sources, weight_used`` for every
        (agent, indicator) where some source was missing (re-normalised or excluded).
    excluded : DataFrame
        ``agent_id, team, reason_code, missing, reason`` of agents left out: an
        :class:`ExclusionReason`, what is missing (indicator ids or sources, ``;``-joined) and
        the English ``reason`` (for developers; reports use
        :func:`cslib.needs.report.excluded_agents`).
    """

    scores: pd.DataFrame
    teams: pd.Series
    source_weights: dict[str, float]
    missing_rule: str
    affected: pd.DataFrame
    excluded: pd.DataFrame

    @property
    def n_agents(self) -> int:
        return len(self.scores)

    @property
    def affected_agents(self) -> tuple[str, ...]:
        """Agents with at least one missing source (sorted)."""
        return tuple(sorted(self.affected["agent_id"].unique()))


class ExclusionReason(StrEnum):
    """Why :func:`combine_sources` left an agent out (:func:`cslib.needs.report.excluded_agents`
    words it in the report's language).

    Examples
    --------
    >>> ExclusionReason("missing_source") is ExclusionReason.MISSING_SOURCE
    True
    """

    #: No weighted source rated the agent on some indicator (``missing``: the indicator ids).
    NO_RATING = "no_rating"
    #: ``missing="exclude"`` and some weighted source is missing (``missing``: the sources).
    MISSING_SOURCE = "missing_source"


#: The English ``reason`` of each code (for developers and logs), ``{}``: what is missing.
EXCLUSION_MESSAGES: dict[ExclusionReason, str] = {
    ExclusionReason.NO_RATING: "no rating from any weighted source on {}",
    ExclusionReason.MISSING_SOURCE: "missing source(s): {}",
}


def combine_sources(
    assessments: Assessments,
    source_weights: Mapping[str, float] | None = None,
    *,
    missing: MissingRule = "renormalise",
    tol: float = 1e-6,
) -> SourceCombination:
    """Combine the sources' ratings into one score per agent and indicator.

    .. math:: x_{ai} = \\sum_{s \\in S_{ai}} v_s x_{ais} / \\sum_{s \\in S_{ai}} v_s

    where :math:`x_{ais}` is the score source :math:`s` gave agent :math:`a` on indicator
    :math:`i`, or the mean over its raters when the ratings name several (``rater``
    column, e.g. three peers), so each source counts with its weight however many
    raters it has.

    Parameters
    ----------
    assessments : Assessments
        Validated ratings.
    source_weights : mapping source → weight, optional
        Must sum to 1; default :data:`DEFAULT_SOURCE_WEIGHTS`.  A source with weight 0
        is ignored; a source in the data but not in the weights is an error.
    missing : {"renormalise", "exclude"}
        ``"renormalise"``: divide by the available sources' weights and report the
        affected agents; ``"exclude"``: drop agents missing any weighted source.
        Agents with no rating at all on some indicator are always excluded (reported).

    Combined scores are rounded to :data:`SCORE_DECIMALS` (12) decimals, so a score whose
    exact value equals a target compares equal to it whatever the order of summation, and
    the same ratings give byte-identical scores in every run.

    Returns
    -------
    SourceCombination
    """
    if missing not in ("renormalise", "exclude"):
        raise ValueError("missing must be 'renormalise' or 'exclude'")
    weights = check_source_weights(
        DEFAULT_SOURCE_WEIGHTS if source_weights is None else source_weights, tol
    )
    data = assessments.data
    unknown = data[~data["source"].isin(list(weights))]
    if len(unknown):
        r = unknown.iloc[0]
        raise InputError.single(
            assessments.source,
            f"rating source has no weight; weights are given for {sorted(weights)}",
            row=int(r["row"]),
            column="source",
            found=r["source"],
        )
    # sources in sorted order, so the result does not depend on the order the weights are given in
    used = sorted(s for s in weights if weights[s] > 0)
    data = data[data["source"].isin(used)]
    leaves = list(assessments.framework.leaves)
    teams = assessments.agents
    agents = list(teams.index)
    # several raters of one source (a ``rater`` column): their mean is the source's score
    cube = data.pivot_table(
        index=["agent_id", "indicator_id"], columns="source", values="score", aggfunc="mean"
    )
    full = pd.MultiIndex.from_product([agents, leaves], names=["agent_id", "indicator_id"])
    cube = cube.reindex(index=full, columns=used)
    x = cube.to_numpy(dtype=float)
    v = np.array([weights[s] for s in used])
    present = ~np.isnan(x)
    denom = present @ v
    numer = np.where(present, x, 0.0) @ v
    with np.errstate(invalid="ignore", divide="ignore"):
        combined = np.where(denom > 0, numer / np.where(denom > 0, denom, 1), np.nan)
    # A weighted mean of integer scores is a rational number, but its floating-point value
    # depends on the summation order and on the BLAS kernel numpy picks (alignment, threads):
    # (0.4·4 + 0.25·3 + 0.15·3) / 0.8 gives 3.4999999999999996 instead of 3.5, and the agent
    # then counts as "below a target of 3.5" in some runs only.  Rounding to SCORE_DECIMALS
    # puts every combined score on one canonical grid, far below any meaningful precision.
    combined = np.round(combined, SCORE_DECIMALS)
    combined = (
        pd.Series(combined, index=full)
        .unstack("indicator_id")
        .reindex(index=agents, columns=leaves)
    )

    missing_mask = ~present.all(axis=1)
    aff = cube.index[missing_mask].to_frame(index=False)
    aff["team"] = aff["agent_id"].map(teams)
    aff["missing_sources"] = [
        ";".join(s for s, p in zip(used, row, strict=True) if not p)
        for row in present[missing_mask]
    ]
    aff["weight_used"] = denom[missing_mask]
    aff = aff[["agent_id", "team", "indicator_id", "missing_sources", "weight_used"]]

    # agent → (code, what is missing: indicator ids or sources, sorted)
    excl: dict[str, tuple[ExclusionReason, tuple[str, ...]]] = {}
    for a in combined.index[combined.isna().any(axis=1)]:
        gone = tuple(i for i in leaves if pd.isna(combined.at[a, i]))
        excl[a] = (ExclusionReason.NO_RATING, gone)
    if missing == "exclude":
        for a in aff["agent_id"].unique():
            lost = ";".join(aff.loc[aff["agent_id"] == a, "missing_sources"]).split(";")
            excl.setdefault(a, (ExclusionReason.MISSING_SOURCE, tuple(sorted(set(lost)))))
    excluded = pd.DataFrame(
        {
            "agent_id": list(excl),
            "team": [teams[a] for a in excl],
            "reason_code": [str(code) for code, _ in excl.values()],
            "missing": [";".join(what) for _, what in excl.values()],
            "reason": [
                EXCLUSION_MESSAGES[code].format(", ".join(what)) for code, what in excl.values()
            ],
        }
    )
    keep = [a for a in agents if a not in excl]
    return SourceCombination(
        scores=combined.loc[keep],
        teams=teams.loc[keep],
        source_weights=weights,
        missing_rule=missing,
        affected=aff.reset_index(drop=True),
        excluded=excluded.reset_index(drop=True),
    )


# ----------------------------------------------------------------------------- composite & levels
@dataclass(frozen=True)
class Band:
    """A score band ``lower ≤ P < upper`` (the top band includes its upper end)."""

    lower: float
    upper: float
    level_zh: str
    level_en: str


#: Default level bands on the percentage-of-full-marks scale.
DEFAULT_BANDS: tuple[Band, ...] = (
    Band(90, 100, "高级", "senior"),
    Band(80, 90, "中级", "intermediate"),
    Band(70, 80, "初级", "junior"),
    Band(0, 70, "待提升", "needs development"),
)


def check_bands(
    bands: Sequence[Band], lo: float = 0.0, hi: float = 100.0, lang: str = "en"
) -> list[Finding]:
    """Check that level bands cover ``[lo, hi]`` exactly once: no overlaps, no gaps.

    Each band is ``lower ≤ P < upper`` and the top band also holds ``hi``; the check itself
    is :func:`cslib.core.bands.check_bands`, the one used for scoring schemes.

    Returns a list of :class:`cslib.core.findings.Finding` (empty = consistent).
    """
    if not bands:
        return [Finding("band_cover", "problem", "bands", "no bands given")]
    top = max(b.upper for b in bands)
    intervals = [
        scheme_check.Band(
            b.level_zh,
            b.level_en,
            Decimal(str(b.lower)),
            Decimal(str(b.upper)),
            True,
            b.upper == top == hi,
        )
        for b in bands
    ]
    return scheme_check.check_bands(intervals, (Decimal(str(lo)), Decimal(str(hi))), lang=lang)


@dataclass(frozen=True)
class CompositeSummary:
    """Distribution of the composite scores on the percent-of-full-marks scale.

    ``sd`` is NaN for a single agent (a standard deviation needs two); reports show it as
    undefined, never as a number.
    """

    n: int
    mean: float
    sd: float
    min: float
    q1: float
    median: float
    q3: float
    max: float

    def __getitem__(self, key: str) -> float:
        """``summary["mean"]``: field access by name (for tables built from field names)."""
        if key not in self.__dataclass_fields__:
            raise KeyError(key)
        return float(getattr(self, key))

    def as_dict(self) -> dict[str, float]:
        """The fields as a plain dict (for recording regression values)."""
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


@dataclass(frozen=True)
class CompositeResult:
    """Composite competency scores.

    Attributes
    ----------
    table : DataFrame
        ``agent_id, team, composite, percent, level_zh, level_en``.
    weights : IndicatorWeights
        The weights used (``weights.name`` names the source).
    scale : (int, int)
    bands : tuple of Band
    """

    table: pd.DataFrame
    weights: IndicatorWeights
    scale: tuple[int, int]
    bands: tuple[Band, ...]

    def summary(self) -> CompositeSummary:
        """Mean, SD (n − 1), min, quartiles (linear interpolation) and max of the percentage scores."""
        p = self.table["percent"]
        return CompositeSummary(
            n=int(p.size),
            mean=float(p.mean()),
            sd=float(p.std(ddof=1)) if p.size > 1 else math.nan,
            min=float(p.min()),
            q1=float(p.quantile(0.25)),
            median=float(p.median()),
            q3=float(p.quantile(0.75)),
            max=float(p.max()),
        )

    def team_summary(self) -> pd.DataFrame:
        """Agents, mean, min and max percentage score per team (teams sorted)."""
        return self.table.groupby("team", sort=True)["percent"].agg(["count", "mean", "min", "max"])

    def level_counts(self, lang: str = "zh") -> pd.Series:
        """Number of agents per level, in band order (highest first)."""
        labels = self.table["level_zh"].map(
            {b.level_zh: pick(b.level_zh, b.level_en, lang) for b in self.bands}
        )
        order = [
            pick(b.level_zh, b.level_en, lang) for b in sorted(self.bands, key=lambda b: -b.lower)
        ]
        return labels.value_counts().reindex(order, fill_value=0)


def composite_scores(
    combination: SourceCombination,
    weights: Any,
    *,
    scale: tuple[int, int] = (1, 5),
    bands: Sequence[Band] = DEFAULT_BANDS,
    tol: float = 1e-6,
) -> CompositeResult:
    """Composite competency score per agent and its level.

    .. math:: C_a = \\sum_i w_i x_{ai}, \\qquad P_a = 100\\,C_a / x_{\\max}

    Parameters
    ----------
    combination : SourceCombination
        Combined indicator scores (:func:`combine_sources`).
    weights : WeightResult, IndicatorWeights, Series or mapping
        Combined weights of the lowest-level indicators (see :func:`as_weights`).
    scale : (int, int)
        Score scale; :math:`x_{\\max}` is its upper end.
    bands : sequence of Band
        Level bands on the percent scale, checked with :func:`check_bands`.

    Raises
    ------
    InputError
        Weights not summing to 1, missing indicators, or bands that overlap or leave gaps.
    """
    fw_leaves = list(combination.scores.columns)
    findings = check_bands(bands)
    if findings:
        raise InputError(None, [Problem(f.message, None, "bands") for f in findings])
    w = as_weights_for_leaves(weights, fw_leaves, tol)
    x = combination.scores[list(w.weights.index)].to_numpy(dtype=float)
    comp = x @ w.weights.to_numpy()
    pct = 100.0 * comp / scale[1]
    ordered = sorted(bands, key=lambda b: -b.lower)

    def level(p: float) -> Band:
        p = round(float(p), 9)  # floating-point noise must not move a score across a border
        for b in ordered:
            if b.lower <= p < b.upper or (p == b.upper and b is ordered[0]):
                return b
        raise InputError.single(
            None,
            f"score {p:g} % is outside every band ({ordered[-1].lower:g}–{ordered[0].upper:g})",
            column="bands",
        )

    levels = [level(p) for p in pct]
    table = pd.DataFrame(
        {
            "agent_id": combination.scores.index,
            "team": combination.teams.to_numpy(),
            "composite": comp,
            "percent": pct,
            "level_zh": [b.level_zh for b in levels],
            "level_en": [b.level_en for b in levels],
        }
    )
    return CompositeResult(table=table, weights=w, scale=scale, bands=tuple(bands))


def source_label(source: str, lang: str = "zh") -> str:
    """Human name of a rating source."""
    key = f"source_{source}"
    return PHRASES(key, lang) if key in PHRASES else source
