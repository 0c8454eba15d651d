"""Delphi round statistics: panel quality, item statistics, concordance, screening, stability.

The statistics follow what Delphi studies in the Chinese nursing/education
literature report (DESIGN.md §1.1): expert positive coefficient, authority
coefficient Cr = (Ca + Cs)/2, per-indicator mean, SD, coefficient of variation
and full-score frequency, Kendall's W with its χ² test per level, and a
screening rule (default mean ≥ 3.5 and CV ≤ 0.25).

References
----------
Hasson, F., Keeney, S., & McKenna, H. (2000). Research guidelines for the Delphi
survey technique. *Journal of Advanced Nursing*, 32(4), 1008–1015.
von der Gracht, H. A. (2012). Consensus measurement in Delphi studies.
*Technological Forecasting and Social Change*, 79(8), 1525–1536 (median, IQR,
stability between rounds).
Zeng, G. (曾光) (1994). 现代流行病学方法与应用 — expert authority coefficient Cr = (Ca + Cs)/2.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from cslib.core.plausibility import check_ids_covered
from cslib.delphi.io import Ratings
from cslib.stats.agreement import kendall_w


@dataclass(frozen=True)
class ScreeningRule:
    """Thresholds an indicator must meet to be kept.

    An indicator failing one criterion is flagged ``"revise"``, failing two or more
    ``"drop"`` (to be discussed by the facilitator, never removed automatically).
    """

    min_mean: float = 3.5
    max_cv: float = 0.25
    min_full_score: float | None = None

    def describe(self, lang: str = "en") -> str:
        """The rule in words (``"en"`` or ``"zh"``)."""
        zh = lang == "zh"
        parts = [
            f"{'均值' if zh else 'mean'} ≥ {self.min_mean:g}",
            f"{'变异系数' if zh else 'CV'} ≤ {self.max_cv:g}",
        ]
        if self.min_full_score is not None:
            parts.append(
                f"{'满分频率' if zh else 'full-score frequency'} ≥ {self.min_full_score:g}"
            )
        return ("且" if zh else " and ").join(parts)


def positive_coefficient(ratings: Ratings, n_invited: int | None = None) -> pd.DataFrame:
    """Expert positive coefficient (questionnaire return rate) per round.

    Round 1 is sent to ``n_invited`` experts (default: those who answered round 1);
    every later round is sent to the experts who answered the round before.

    Returns
    -------
    DataFrame
        ``round, sent, returned, rate`` with ``rate = returned / sent``.
    """
    rows = []
    previous: set[str] | None = None
    for rnd in ratings.rounds:
        answered = set(ratings.experts(rnd))
        if previous is None:
            sent = n_invited if n_invited is not None else len(answered)
            if sent < len(answered):
                raise ValueError(
                    f"n_invited={n_invited} is smaller than the {len(answered)} "
                    f"experts who answered round {rnd}"
                )
        else:
            sent = len(previous)
        rows.append((rnd, sent, len(answered), len(answered) / sent))
        previous = answered
    return pd.DataFrame(rows, columns=["round", "sent", "returned", "rate"])


@dataclass(frozen=True)
class Authority:
    """Expert authority: Cr = (Ca + Cs)/2 per expert and for the panel.

    Attributes
    ----------
    experts : DataFrame
        ``expert_id`` index; ``ca, cs, cr`` columns.
    mean_ca, mean_cs, mean_cr : float
        Panel means.
    share_acceptable : float
        Share of experts with Cr ≥ ``threshold`` (0.7 by convention).
    """

    experts: pd.DataFrame
    mean_ca: float
    mean_cs: float
    mean_cr: float
    threshold: float
    share_acceptable: float

    @property
    def acceptable(self) -> bool:
        """Panel mean Cr reaches the threshold."""
        return self.mean_cr >= self.threshold


def authority(
    profiles: pd.DataFrame,
    experts: list[str] | tuple[str, ...] | None = None,
    threshold: float = 0.7,
) -> Authority:
    """Authority coefficient :math:`C_r = (C_a + C_s)/2` per expert and panel mean.

    Parameters
    ----------
    profiles : DataFrame
        From :func:`cslib.delphi.io.read_experts` (index ``expert_id``, columns ``ca``, ``cs``).
    experts : sequence of str, optional
        Restrict to these experts (e.g. those who answered a round).
    threshold : float
        Cr at or above which authority is considered adequate (0.7).
    """
    table = profiles[["ca", "cs"]].astype(float)
    if experts is not None:
        check_ids_covered(experts, profiles, column="expert_id", used_by="the ratings")
        missing = sorted(set(experts) - set(table.index))
        if missing:
            raise ValueError(f"no profile for expert(s) {', '.join(missing)}")
        table = table.loc[sorted(experts)]
    table = table.assign(cr=(table["ca"] + table["cs"]) / 2)
    return Authority(
        experts=table,
        mean_ca=float(table["ca"].mean()),
        mean_cs=float(table["cs"].mean()),
        mean_cr=float(table["cr"].mean()),
        threshold=threshold,
        share_acceptable=float((table["cr"] >= threshold).mean()),
    )


def indicator_statistics(
    ratings: Ratings, round: int, rule: ScreeningRule | None = None
) -> pd.DataFrame:
    """Per-indicator statistics of one round, with the screening verdict.

    Columns: ``indicator_id, level, parent, n, mean, sd, cv, median, q1, q3, iqr,
    full_score, verdict`` (plus the failed criteria).  SD uses n − 1; CV = SD / mean;
    ``full_score`` is the share of experts giving the top score; quartiles use the
    SPSS definition (Hyndman & Fan type 6, numpy ``method="weibull"``) because the
    Delphi literature reports SPSS output.
    """
    rule = rule or ScreeningRule()
    fw = ratings.framework
    x = ratings.matrix(round).to_numpy(dtype=float)
    ids = list(ratings.indicators(round))
    n = np.full(len(ids), x.shape[0])
    mean = x.mean(axis=0)
    sd = x.std(axis=0, ddof=1) if x.shape[0] > 1 else np.full(len(ids), np.nan)
    q1, median, q3 = np.quantile(x, [0.25, 0.5, 0.75], axis=0, method="weibull")
    table = pd.DataFrame(
        {
            "indicator_id": ids,
            "level": [fw.level(i) for i in ids],
            "parent": [fw.parent(i) for i in ids],
            "n": n,
            "mean": mean,
            "sd": sd,
            "cv": sd / mean,
            "median": median,
            "q1": q1,
            "q3": q3,
            "iqr": q3 - q1,
            "full_score": (x == ratings.scale[1]).mean(axis=0),
        }
    )
    return _apply_rule(table, rule)


def _apply_rule(table: pd.DataFrame, rule: ScreeningRule) -> pd.DataFrame:
    failed = pd.DataFrame(
        {
            "fails_mean": table["mean"] < rule.min_mean,
            "fails_cv": table["cv"] > rule.max_cv,
            "fails_full_score": (
                table["full_score"] < rule.min_full_score
                if rule.min_full_score is not None
                else False
            ),
        }
    )
    count = failed.sum(axis=1)
    verdict = np.select([count == 0, count == 1], ["keep", "revise"], "drop")
    return pd.concat([table, failed], axis=1).assign(verdict=verdict)


def concordance(ratings: Ratings, round: int) -> pd.DataFrame:
    """Kendall's W (tie-corrected) with χ², df and p per hierarchy level and sibling group.

    Rows: one per level (``scope="level"``, all indicators of that level together, as
    published studies report) and one per sibling group (``scope="group"``).
    """
    fw = ratings.framework
    rated = set(ratings.indicators(round))
    rows = []
    for level in range(1, fw.depth + 1):
        ids = [i for i in fw.at_level(level) if i in rated]
        if len(ids) >= 2:
            rows.append(("level", f"L{level}", level, ids))
    for parent, children in fw.groups.items():
        ids = [i for i in children if i in rated]
        if parent is not None and len(ids) >= 2:
            rows.append(("group", parent, fw.level(ids[0]), ids))
    out = []
    for scope, name, level, ids in rows:
        res = kendall_w(ratings.matrix(round, ids).to_numpy(dtype=float))
        out.append(
            {
                "round": round,
                "scope": scope,
                "group": name,
                "level": level,
                "n_items": res.n,
                "m_experts": res.m,
                "w": res.w,
                "chi2": res.chi2,
                "df": res.df,
                "p": res.pvalue,
            }
        )
    return pd.DataFrame(out)


@dataclass(frozen=True)
class RoundComparison:
    """What changed between two rounds.

    Attributes
    ----------
    indicators : DataFrame
        Per indicator: means, CVs and their changes, the Wilcoxon signed-rank test of the
        paired expert scores (``wilcoxon_stat``, ``p``), and ``stable`` (p ≥ alpha).
    concordance : DataFrame
        Kendall's W of both rounds per level/group with the change.
    n_paired : int
        Experts who answered both rounds.
    third_round_advised : bool
        Some indicator is unstable or fails the screening rule in the later round.
    reasons : list of str
        Why a third round is advised (English sentences).
    unstable, failing : list of str
        Ids of unstable indicators, and of indicators failing the rule in the later round.
    """

    first: int
    second: int
    indicators: pd.DataFrame
    concordance: pd.DataFrame
    n_paired: int
    alpha: float
    third_round_advised: bool
    reasons: list[str]
    unstable: list[str]
    failing: list[str]


def compare_rounds(
    ratings: Ratings,
    first: int,
    second: int,
    *,
    alpha: float = 0.05,
    rule: ScreeningRule | None = None,
) -> RoundComparison:
    """Compare two rounds: change in mean, CV and W, and stability of each indicator.

    Stability is tested with the Wilcoxon signed-rank test (``scipy.stats.wilcoxon``,
    Pratt's treatment of zero differences, exact or normal approximation as scipy
    chooses) on the scores of experts who answered both rounds; an indicator whose
    ratings did not change significantly (p ≥ ``alpha``) is *stable*.  A third round
    is advised when an indicator is unstable or fails the screening rule in the
    later round.

    References
    ----------
    Dajani, J. S., Sincoff, M. Z., & Talley, W. K. (1979). Stability and agreement
    criteria for the termination of Delphi studies. *Technological Forecasting and
    Social Change*, 13(1), 83–90.
    """
    rule = rule or ScreeningRule()
    s1 = indicator_statistics(ratings, first, rule).set_index("indicator_id")
    s2 = indicator_statistics(ratings, second, rule).set_index("indicator_id")
    ids = [i for i in s2.index if i in s1.index]
    paired = sorted(set(ratings.experts(first)) & set(ratings.experts(second)))
    x1 = ratings.matrix(first, ids).loc[paired].to_numpy(dtype=float)
    x2 = ratings.matrix(second, ids).loc[paired].to_numpy(dtype=float)
    diff = x2 - x1
    all_zero = np.all(diff == 0, axis=0)
    stat = np.full(len(ids), np.nan)
    p = np.ones(len(ids))
    if len(paired) >= 2 and (~all_zero).any():
        res = stats.wilcoxon(x2[:, ~all_zero], x1[:, ~all_zero], zero_method="pratt", axis=0)
        stat[~all_zero] = res.statistic
        p[~all_zero] = res.pvalue
    table = pd.DataFrame(
        {
            "indicator_id": ids,
            "mean_1": s1.loc[ids, "mean"].to_numpy(),
            "mean_2": s2.loc[ids, "mean"].to_numpy(),
            "delta_mean": (s2.loc[ids, "mean"] - s1.loc[ids, "mean"]).to_numpy(),
            "cv_1": s1.loc[ids, "cv"].to_numpy(),
            "cv_2": s2.loc[ids, "cv"].to_numpy(),
            "delta_cv": (s2.loc[ids, "cv"] - s1.loc[ids, "cv"]).to_numpy(),
            "n_changed": (diff != 0).sum(axis=0),
            "wilcoxon_stat": stat,
            "p": p,
            "stable": p >= alpha,
            "verdict_2": s2.loc[ids, "verdict"].to_numpy(),
        }
    )
    c1 = concordance(ratings, first).set_index(["scope", "group"])
    c2 = concordance(ratings, second).set_index(["scope", "group"])
    conc = (
        pd.DataFrame(
            {
                "level": c2["level"],
                "w_1": c1["w"],
                "p_1": c1["p"],
                "w_2": c2["w"],
                "p_2": c2["p"],
            }
        )
        .assign(delta_w=lambda d: d["w_2"] - d["w_1"])
        .reset_index()
    )
    reasons = []
    unstable = table.loc[~table["stable"], "indicator_id"].tolist()
    if unstable:
        reasons.append(f"ratings still changing (Wilcoxon p < {alpha:g}): {', '.join(unstable)}")
    failing = table.loc[table["verdict_2"] != "keep", "indicator_id"].tolist()
    if failing:
        reasons.append(
            f"fail the screening rule ({rule.describe()}) in round {second}: {', '.join(failing)}"
        )
    return RoundComparison(
        first, second, table, conc, len(paired), alpha, bool(reasons), reasons, unstable, failing
    )
