"""Indicator weights from Delphi ratings: level weights, combined weights, bootstrap CIs.

Methods (``method=``):

``"mean"``
    Normalised mean importance within each sibling group,
    :math:`w_i = \bar x_i / \\sum_{j \\in G} \bar x_j`.
``"ahp_mean_diff"``
    Mean-difference AHP, common in Delphi–AHP studies (often via the yaahp
    software): within a group, the judgement :math:`a_{ij} = 1 + (\bar x_i - \bar x_j)`
    when :math:`\bar x_i \\ge \bar x_j` and its reciprocal otherwise; priorities by
    geometric mean (default) or principal eigenvector (:mod:`cslib.stats.ahp`).
``"rank_sum"``
    Rank-sum weights: each expert's scores are ranked within the group (mid-ranks
    for ties, higher score = higher rank) and the rank sums are normalised,
    :math:`w_i = R_i / \\sum_j R_j` — uses only each expert's ordering, so it is
    insensitive to lenient or strict raters.

Combined weight = product of the local weights from the first level down.
Bootstrap CIs resample experts with replacement (seeded; the resamples are the index
draws ``rng.integers(0, m, (n_boot, m))`` that :func:`scipy.stats.bootstrap` makes); each
resample becomes a vector of counts, so every mean is one matrix product — no Python
loop over experts or resamples.  The interval is Hesterberg's expanded percentile
interval by default (:func:`cslib.stats.bootstrap.expanded_percentile_interval`); BCa
(:func:`cslib.stats.bootstrap.bca_interval`, jackknife over experts for the acceleration)
and the plain percentile interval are available, but both undercover at panel sizes of
8–15 experts (``benchmarks/coverage_weights.py`` measures all three).

References
----------
Saaty, T. L. (1980). *The Analytic Hierarchy Process*. McGraw-Hill.
Efron, B., & Tibshirani, R. J. (1993). *An Introduction to the Bootstrap*, ch. 13–14
(percentile and BCa intervals). Chapman & Hall.
Hesterberg, T. C. (2015). What teachers should know about the bootstrap. *The American
Statistician*, 69(4), 371–386 (expanded percentile interval).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd
from scipy import stats

from cslib.core.errors import InputError
from cslib.core.framework import Framework
from cslib.core.i18n import choose
from cslib.delphi.io import Ratings
from cslib.delphi.phrases import PHRASES
from cslib.stats import ahp
from cslib.stats.bootstrap import (
    bca_interval,
    expanded_percentile_interval,
    percentile_interval,
)
from cslib.stats.random_index import RandomIndexTable

Method = Literal["mean", "ahp_mean_diff", "rank_sum"]
CIMethod = Literal["bca", "percentile", "expanded"]
METHODS: tuple[Method, ...] = ("mean", "ahp_mean_diff", "rank_sum")
CI_METHODS: tuple[CIMethod, ...] = ("expanded", "bca", "percentile")


def method_label(method: str, lang: str = "zh") -> str:
    """Human name of a weighting method in ``"zh"``, ``"en"`` or ``"zh+en"``.

    An unknown language is an error (the one rule of :func:`cslib.core.i18n.pick`).

    Examples
    --------
    >>> method_label("ahp_mean_diff", "en"), method_label("rank_sum", "zh")
    ('mean-difference AHP', '秩和法')
    """
    return PHRASES(f"method_{method}", lang)


@dataclass(frozen=True)
class WeightResult:
    """Weights of every indicator of a framework.

    Attributes
    ----------
    method : str
        Weighting method used (see module docstring).
    table : DataFrame
        One row per indicator in framework order: ``indicator_id, level, parent,
        name_zh, name_en, mean, local, combined`` and, when bootstrapped,
        ``local_lo, local_hi, combined_lo, combined_hi``; ``rank`` ranks the combined
        weights of the lowest level (1 = most important).  Weights are fractions
        (they sum to 1 within each group, and over each level).
    consistency : DataFrame or None
        For AHP: ``group, n_items, lambda_max, ci, ri, consistency_ratio, acceptable`` of each
        group's judgement matrix (groups larger than Saaty's table, n > 15, use Alonso &
        Lamata's 2006 RI, so their CR is defined).
    n_boot, seed, confidence_level : bootstrap settings (``n_boot = 0`` means no CIs).
    ci_method : str
        The interval actually computed: ``"expanded"``, ``"bca"`` or ``"percentile"``.
        A requested method that the panel is too small for falls back to the percentile
        interval (BCa needs 3 experts for its jackknife, the expanded interval 2), and
        the fallback is what is recorded here.
    cr_max : float
        The CR threshold behind ``consistency["acceptable"]``.
    """

    method: str
    table: pd.DataFrame
    consistency: pd.DataFrame | None = None
    n_boot: int = 0
    seed: int | None = None
    confidence_level: float = 0.95
    round: int | None = None
    n_experts: int = 0
    priority: ahp.PriorityMethod = "geometric"
    notes: list[str] = field(default_factory=list)
    ci_method: str = "expanded"
    cr_max: float = 0.10

    def combined(self) -> pd.Series:
        """Combined weights of the lowest-level indicators, indexed by id."""
        leaves = self.table[self.table["is_leaf"]]
        return leaves.set_index("indicator_id")["combined"]

    def ranking(self, lang: str = "zh") -> pd.DataFrame:
        """Lowest-level indicators sorted by combined weight (descending, ties by id)."""
        leaves = self.table[self.table["is_leaf"]].copy()
        leaves = leaves.sort_values(["rank", "indicator_id"], kind="stable")
        name = choose("name_zh", "name_en", lang)
        cols = ["rank", "indicator_id", name, "parent", "local", "combined"]
        cols += [c for c in ("combined_lo", "combined_hi") if c in leaves]
        return leaves[cols].reset_index(drop=True)


def _group_ranks(x: np.ndarray, groups: list[np.ndarray]) -> np.ndarray:
    """Within-group mid-ranks of each expert's scores (experts × indicators)."""
    ranks = np.empty_like(x, dtype=float)
    for cols in groups:
        ranks[:, cols] = stats.rankdata(x[:, cols], axis=1)
    return ranks


def _mean_diff_matrices(means: np.ndarray) -> np.ndarray:
    """Judgement matrices a_ij = 1 + (m_i − m_j) if m_i ≥ m_j else 1 / (1 + m_j − m_i).

    ``means`` has shape (..., k); the result (..., k, k).
    """
    d = means[..., :, None] - means[..., None, :]
    return np.where(d >= 0, 1.0 + d, 1.0 / (1.0 + np.abs(d)))


def _local_weights(
    stat: np.ndarray, groups: list[np.ndarray], method: Method, priority: ahp.PriorityMethod
) -> np.ndarray:
    """Local weights from per-indicator statistics (…, K): means or rank sums."""
    local = np.empty_like(stat, dtype=float)
    for cols in groups:
        part = stat[..., cols]
        if method == "ahp_mean_diff":
            local[..., cols] = ahp.priorities(_mean_diff_matrices(part), priority)
        else:
            local[..., cols] = part / part.sum(axis=-1, keepdims=True)
    return local


def derive_weights(
    ratings: Ratings,
    round: int | None = None,
    *,
    method: Method = "ahp_mean_diff",
    priority: ahp.PriorityMethod = "geometric",
    n_boot: int = 1000,
    confidence_level: float = 0.95,
    seed: int = 20261123,
    ci_method: CIMethod = "expanded",
    cr_max: float = 0.10,
    ri_table: RandomIndexTable = "saaty",
) -> WeightResult:
    """Derive local and combined weights of all indicators from one round's ratings.

    Parameters
    ----------
    ratings : Ratings
        Validated ratings (:func:`cslib.delphi.io.read_ratings`).
    round : int, optional
        Round to use (default: the last).
    method : {"mean", "ahp_mean_diff", "rank_sum"}
        Weighting method (see the module docstring).
    priority : {"geometric", "eigen"}
        AHP priority method for ``"ahp_mean_diff"``.
    n_boot : int
        Bootstrap resamples of experts for the CIs (0 = none).
    confidence_level : float
        Confidence level of the intervals.
    seed : int
        Seed of ``numpy.random.default_rng`` for the bootstrap.
    cr_max : float
        Consistency ratio at or below which an AHP judgement matrix is acceptable (Saaty's
        0.10 by default); stored as ``WeightResult.cr_max``.
    ri_table : {"saaty", "alonso_lamata", "simulated"}
        Random-index table of the consistency ratio (:mod:`cslib.stats.random_index`).
        Saaty's table stops at 15 items; a larger group uses Alonso & Lamata's (2006) fitted
        RI (with Saaty's default; the summary of notebook 01 names the RI source).
    ci_method : {"expanded", "bca", "percentile"}
        Hesterberg's (2015) expanded percentile interval (default), BCa (jackknife over
        experts for the acceleration) or the plain percentile interval.  In the coverage
        study (``benchmarks/coverage_weights.py``) only the expanded interval came within
        2 points of 95 % at 8 and 15 experts; BCa and percentile covered 88–92 %.

    Returns
    -------
    WeightResult
    """
    _check_arguments(method, confidence_level, n_boot, ci_method)
    round = ratings.rounds[-1] if round is None else round
    if round not in ratings.rounds:
        raise InputError.single(
            ratings.source,
            f"a round of the ratings file; it has rounds {list(ratings.rounds)}",
            column="round",
            found=round,
        )
    fw: Framework = ratings.framework
    ids = list(fw.ids)
    rated = set(ratings.indicators(round))
    missing = [i for i in ids if i not in rated]
    if missing:
        raise InputError.single(
            ratings.source,
            f"ratings of every indicator in round {round} (weights need each one rated)",
            column="indicator_id",
            found=f"no ratings for {', '.join(missing)}",
        )
    x = ratings.matrix(round, ids).to_numpy(dtype=float)
    m = x.shape[0]
    pos = {i: k for k, i in enumerate(ids)}
    groups = [np.array([pos[c] for c in children]) for children in fw.groups.values()]

    per_expert = _group_ranks(x, groups) if method == "rank_sum" else x

    def weights_from(stat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        local = _local_weights(stat, groups, method, priority)
        return local, fw.combine(local)

    means = x.mean(axis=0)
    point_stat = per_expert.mean(axis=0)
    local, combined = weights_from(point_stat)

    table = (
        fw.table[["id", "level", "parent", "name_zh", "name_en"]]
        .rename(columns={"id": "indicator_id"})
        .copy()
    )
    table["is_leaf"] = table["indicator_id"].isin(fw.leaves).to_numpy()
    table["mean"] = means
    table["local"] = local
    table["combined"] = combined
    if n_boot:
        rng = np.random.default_rng(seed)
        idx = rng.integers(0, m, (n_boot, m))  # the draws scipy.stats.bootstrap makes
        flat = (np.arange(n_boot)[:, None] * m + idx).ravel()
        counts = np.bincount(flat, minlength=n_boot * m).reshape(n_boot, m).astype(float)
        boot_stat = counts @ per_expert / m
        b_local, b_combined = weights_from(boot_stat)
        computed = _computed_ci_method(ci_method, m)
        if computed == "bca":
            total = per_expert.sum(axis=0)
            j_local, j_combined = weights_from((total - per_expert) / (m - 1))
            ci_l = bca_interval(local, b_local, j_local, confidence_level)
            ci_c = bca_interval(combined, b_combined, j_combined, confidence_level)
        elif computed == "expanded":
            ci_l = expanded_percentile_interval(local, b_local, m, confidence_level)
            ci_c = expanded_percentile_interval(combined, b_combined, m, confidence_level)
        else:
            ci_l = percentile_interval(local, b_local, confidence_level)
            ci_c = percentile_interval(combined, b_combined, confidence_level)
        table["local_lo"], table["local_hi"] = ci_l.ci_low, ci_l.ci_high
        table["combined_lo"], table["combined_hi"] = ci_c.ci_low, ci_c.ci_high
    leaf_combined = table["combined"].where(table["is_leaf"])
    order = leaf_combined.rank(ascending=False, method="min")
    table["rank"] = order.astype("Int64")

    consistency = None
    if method == "ahp_mean_diff":
        rows = []
        for parent, cols in zip(fw.groups, groups, strict=True):
            matrix = _mean_diff_matrices(point_stat[cols])
            group = parent if parent is not None else "L1"
            # Saaty's table stops at n = 15; larger groups use the declared alternative
            saaty_short = ri_table == "saaty" and len(cols) not in ahp.RANDOM_INDEX
            table_n: RandomIndexTable = "alonso_lamata" if saaty_short else ri_table
            c = ahp.consistency(matrix, threshold=cr_max, ri_table=table_n)
            rows.append(
                {
                    "group": group,
                    "n_items": c.n,
                    "lambda_max": float(c.lambda_max),
                    "ci": float(c.ci),
                    "ri": c.ri,
                    "consistency_ratio": float(c.cr),
                    "acceptable": bool(c.acceptable),
                }
            )
        consistency = pd.DataFrame(rows)
    return WeightResult(
        method=method,
        table=table,
        consistency=consistency,
        n_boot=n_boot,
        seed=seed if n_boot else None,
        confidence_level=confidence_level,
        round=round,
        n_experts=m,
        priority=priority,
        ci_method=_computed_ci_method(ci_method, m),
        cr_max=cr_max,
    )


def _check_arguments(method: str, confidence_level: float, n_boot: int, ci_method: str) -> None:
    """Located errors for the settings of :func:`derive_weights` (notebook parameters)."""
    checks = [
        ("method", method in METHODS, f"one of {', '.join(METHODS)}", method),
        ("confidence_level", 0 < confidence_level < 1, "a level between 0 and 1", confidence_level),
        ("n_boot", n_boot >= 0, "a number of resamples ≥ 0", n_boot),
        ("ci_method", ci_method in CI_METHODS, f"one of {', '.join(CI_METHODS)}", ci_method),
    ]
    for column, ok, expected, found in checks:
        if not ok:
            raise InputError.single(None, f"expected {expected}", column=column, found=found)


def _computed_ci_method(requested: str, n_experts: int) -> str:
    """The interval :func:`derive_weights` computes for ``requested`` with ``n_experts``.

    BCa needs at least 3 experts (its jackknife acceleration), the expanded percentile
    interval at least 2 (its factor uses n − 1); below that the plain percentile interval.

    Examples
    --------
    >>> _computed_ci_method("expanded", 2), _computed_ci_method("bca", 2)
    ('expanded', 'percentile')
    """
    if requested == "bca":
        return "bca" if n_experts >= 3 else "percentile"
    if requested == "expanded":
        return "expanded" if n_experts >= 2 else "percentile"
    return "percentile"


def compare_methods(
    ratings: Ratings, round: int | None = None, methods: tuple[Method, ...] = METHODS, **kwargs
) -> pd.DataFrame:
    """Combined weights of the lowest-level indicators under several methods, side by side."""
    cols = {
        m: derive_weights(ratings, round, method=m, n_boot=0, **kwargs).combined() for m in methods
    }
    return pd.DataFrame(cols)
