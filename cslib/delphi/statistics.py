"""Delphi round statistics: panel quality, item statistics, concordance, screening, stability.

The statistics follow what Delphi studies in the Chinese nursing/education
literature report (docs/background.md §1): expert positive coefficient, authority
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

from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd

from cslib.core.boundary import located_by
from cslib.core.errors import InputError
from cslib.core.i18n import join_languages
from cslib.core.plausibility import check_ids_covered
from cslib.delphi.io import Ratings
from cslib.delphi.phrases import PHRASES as P
from cslib.stats.agreement import kendall_w
from cslib.stats.multitest import adjust_pvalues
from cslib.stats.stability import sign_test, signed_rank_columns


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
        """The rule in words (``"zh"``, ``"en"`` or ``"zh+en"``).

        Examples
        --------
        >>> ScreeningRule(3.5, 0.25).describe("zh")
        '均值 ≥ 3.5且变异系数 ≤ 0.25'
        """

        def one(side: str) -> str:
            parts = [
                P("screen_mean", side, v=f"{self.min_mean:g}"),
                P("screen_cv", side, v=f"{self.max_cv:g}"),
            ]
            if self.min_full_score is not None:
                parts.append(P("screen_full", side, v=f"{self.min_full_score:g}"))
            return P("screen_and", side).join(parts)

        return join_languages(lang, one, sep=" ")


def positive_coefficient(
    ratings: Ratings, n_invited: int | None = None, returns: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Expert positive coefficient (questionnaire return rate) per round.

    Round 1 is sent to ``n_invited`` experts (default: those who answered round 1);
    every later round is sent to the experts who answered the round before.  A round listed
    in ``returns`` (``round, expert_id, returned``: every invited expert, as written by
    ``cslib collect``) takes its numbers from there: sent = experts listed, returned = those
    marked returned, who must be exactly the experts with scores in that round.  A round
    table of an online survey (``round, sent, returned`` counts, as
    :func:`cslib.delphi.responses.read_returns` reads ``delphi_rounds.csv``) gives sent
    where it knows it (the rule above where not) and its returned count must equal the
    experts with scores in that round.

    Returns
    -------
    DataFrame
        ``round, sent, returned, rate`` with ``rate = returned / sent``.

    Raises
    ------
    InputError
        ``returns`` disagrees with the ratings (an expert returned without scores, or scores
        of an expert the returns file does not list as returned).

    Examples
    --------
    >>> from cslib.core.paths import project_root
    >>> from cslib.core.framework import load_framework
    >>> from cslib.delphi.io import read_ratings
    >>> fw = load_framework(project_root() / "data_samples/framework_complaint_handling.yaml")
    >>> r = read_ratings(project_root() / "data_samples/delphi_ratings.csv", fw)
    >>> positive_coefficient(r, n_invited=30)[["round", "sent", "returned"]].values.tolist()
    [[1, 30, 26], [2, 26, 26]]
    """
    rows = []
    previous: set[str] | None = None
    listed = set() if returns is None else {int(r) for r in returns["round"]}
    for rnd in ratings.rounds:
        answered = set(ratings.experts(rnd))
        if rnd in listed and returns is not None and "sent" in returns.columns:
            sent = _round_table_sent(returns, rnd, answered, ratings.source, n_invited, previous)
            rows.append((rnd, sent, len(answered), len(answered) / sent))
            previous = answered
            continue
        if rnd in listed:
            assert returns is not None
            part = returns.loc[returns["round"] == rnd]
            back = set(part.loc[part["returned"], "expert_id"])
            source = returns.attrs.get("source")
            for expert in sorted(back ^ answered):
                said = "returned" if expert in back else "not returned or not listed"
                raise InputError.single(
                    source,
                    f"the returns of round {rnd} to agree with the ratings file "
                    f"({ratings.source}): expert {expert} is {said} in the returns file but "
                    f"{'has no' if expert in back else 'has'} scores of round {rnd} in the "
                    "ratings; give both files from the same cslib collect",
                    column="returned",
                    found=expert,
                )
            sent = len(part)
        elif previous is None:
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


def _round_table_sent(
    table: pd.DataFrame,
    rnd: int,
    answered: set[str],
    ratings_source: object,
    n_invited: int | None,
    previous: set[str] | None,
) -> int:
    """Questionnaires sent in round ``rnd`` by an online survey's round table (counts)."""
    row = table.loc[table["round"] == rnd].iloc[0]
    source = table.attrs.get("source")
    at = int(table.index[table["round"] == rnd][0]) + 2  # spreadsheet row (header = 1)
    if int(row["returned"]) != len(answered):
        raise InputError.single(
            source,
            f"the returned count of round {rnd} to equal the {len(answered)} experts with "
            f"scores of round {rnd} in the ratings file ({ratings_source}); give both files "
            "from the same cslib import-survey",
            row=at,
            column="returned",
            found=int(row["returned"]),
        )
    if not pd.isna(row["sent"]):
        sent = int(row["sent"])
    elif previous is None:
        sent = n_invited if n_invited is not None else len(answered)
    else:
        sent = len(previous)
    if sent < len(answered):
        raise InputError.single(
            source,
            f"at least the {len(answered)} experts who answered round {rnd} invited",
            row=at,
            column="invited",
            found=sent,
        )
    return sent


@dataclass(frozen=True)
class Authority:
    """Expert authority: Cr = (Ca + Cs)/2 per expert and for the panel.

    Attributes
    ----------
    experts : DataFrame
        ``expert_id`` index; ``ca, cs, authority_cr`` columns (``authority_cr``, not ``cr``,
        so its label never collides with the AHP consistency ratio).
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
    if not 0 < threshold <= 1:
        raise InputError.single(None, "a number in (0, 1]", column="authority_min", found=threshold)
    table = profiles[["ca", "cs"]].astype(float)
    if experts is not None:
        check_ids_covered(experts, profiles, column="expert_id", used_by="the ratings")
        missing = sorted(set(experts) - set(table.index))
        if missing:
            raise InputError.single(
                None,
                "every expert who answered needs a profile (Ca, Cs) in the expert file",
                column="expert_id",
                found=", ".join(missing),
            )
        table = table.loc[sorted(experts)]
    table = table.assign(authority_cr=(table["ca"] + table["cs"]) / 2)
    return Authority(
        experts=table,
        mean_ca=float(table["ca"].mean()),
        mean_cs=float(table["cs"].mean()),
        mean_cr=float(table["authority_cr"].mean()),
        threshold=threshold,
        share_acceptable=float((table["authority_cr"] >= threshold).mean()),
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


@located_by("ratings", "the experts' concordance (Kendall's W)", column="expert_id")
def concordance(
    ratings: Ratings, round: int, *, n_perm: int = 10000, seed: int = 20261123
) -> pd.DataFrame:
    """Kendall's W (tie-corrected) with its test per hierarchy level and sibling group.

    Rows: one per level (``scope="level"``, all indicators of that level together, as
    published studies report) and one per sibling group (``scope="group"``).  The p-value
    is exact for 2–3 items, a seeded Monte-Carlo permutation p for 4–7 items and the χ²
    approximation above (:func:`cslib.stats.agreement.kendall_w`); ``p_method`` and
    ``n_perm`` say which.  When W is undefined (every expert gave every indicator of the
    group the same score) ``w``, ``chi2`` and ``pvalue`` are NaN and ``reason`` says why.
    """
    fw = ratings.framework
    experts = ratings.experts(round)
    if len(experts) < 2:  # the kernel's precondition, stated for the user with the file
        raise InputError.single(
            ratings.source,
            f"round {round} has ratings from only {len(experts)} expert(s) "
            f"({', '.join(experts)}); expected at least 2 experts — agreement (Kendall's W), "
            "consensus and weights need a panel (本轮只有一位专家的评分，至少需要 2 位专家)",
            column="expert_id",
            found=", ".join(experts),
        )
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
        res = kendall_w(ratings.matrix(round, ids).to_numpy(dtype=float), n_perm=n_perm, seed=seed)
        out.append(
            {
                "round": round,
                "scope": scope,
                "group": name,
                "level": level,
                "n_items": res.n,
                "m_experts": res.m,
                "w": res.statistic,
                "chi2": res.chi2,
                "df": res.df,
                "pvalue": res.pvalue,
                "p_method": res.pvalue_method,
                "n_perm": res.n_perm,
                "reason": res.reason,
                "reason_code": res.reason_code,
            }
        )
    return pd.DataFrame(out)


@dataclass(frozen=True)
class StabilityRule:
    """Descriptive criterion for the stability of an indicator between two rounds.

    An indicator is *stable* when at least ``min_unchanged`` of the experts who answered
    both rounds gave the same score, **and** the coefficient of variation changed by at
    most ``max_cv_change`` relative to the earlier round, :math:`|CV_2 - CV_1| / CV_1`
    (with ``require="any"`` one of the two suffices).  The defaults are the conventions
    most often cited: at most 15 % of answers changing (Scheibe, Skutsch & Schofer 1975)
    and a relative CV change of at most 15 %.  In addition, a systematic shift that the
    exact signed-rank test detects after Holm correction across indicators marks an
    indicator unstable; a non-significant test is *not* read as evidence of stability.
    """

    min_unchanged: float = 0.85
    max_cv_change: float = 0.15
    require: Literal["all", "any"] = "all"

    def __post_init__(self) -> None:
        if not 0 <= self.min_unchanged <= 1:
            raise ValueError(f"min_unchanged must be in [0, 1], not {self.min_unchanged!r}")
        if self.max_cv_change < 0:
            raise ValueError(f"max_cv_change must be ≥ 0, not {self.max_cv_change!r}")
        if self.require not in ("all", "any"):
            raise ValueError(f"require must be 'all' or 'any', not {self.require!r}")

    def describe(self, lang: str = "en") -> str:
        """The rule in words (``"zh"``, ``"en"`` or ``"zh+en"``)."""
        return P(
            "stability_rule_" + self.require,
            lang,
            unchanged=f"{self.min_unchanged:.0%}",
            cv=f"{self.max_cv_change:.0%}",
        )


@dataclass(frozen=True)
class ConsensusRule:
    """Consensus defined before the study (Diamond et al. 2014).

    An indicator reaches consensus in a round when at least ``min_share`` of the
    responding experts score it ``agree_min`` or higher (default "≥ 75 % rate 4–5"), and,
    if ``max_iqr`` is given, the interquartile range is at most ``max_iqr``.
    """

    agree_min: float = 4
    min_share: float = 0.75
    max_iqr: float | None = None

    def __post_init__(self) -> None:
        if not 0 < self.min_share <= 1:
            raise ValueError(f"min_share must be in (0, 1], not {self.min_share!r}")
        if self.max_iqr is not None and self.max_iqr < 0:
            raise ValueError(f"max_iqr must be ≥ 0, not {self.max_iqr!r}")

    def describe(self, lang: str = "en", scale_max: int = 5) -> str:
        """The rule in words (``"zh"``, ``"en"`` or ``"zh+en"``)."""
        text = P(
            "consensus_rule",
            lang,
            share=f"{self.min_share:.0%}",
            lo=f"{self.agree_min:g}",
            hi=f"{scale_max:g}",
        )
        if self.max_iqr is not None:
            text += P("consensus_rule_iqr", lang, iqr=f"{self.max_iqr:g}")
        return text


def consensus_table(ratings: Ratings, rule: ConsensusRule | None = None) -> pd.DataFrame:
    """Per-round consensus of every indicator under a pre-defined :class:`ConsensusRule`.

    Columns: ``round, indicator_id, n, share_agree, median, iqr, consensus``; one row per
    indicator and round, rounds in order, indicators in framework order.  ``share_agree``
    is the share of the round's experts scoring at least ``rule.agree_min``.
    """
    rule = rule or ConsensusRule()
    parts = []
    for rnd in ratings.rounds:
        ids = list(ratings.indicators(rnd))
        x = ratings.matrix(rnd, ids).to_numpy(dtype=float)
        share = (x >= rule.agree_min).mean(axis=0)
        q1, median, q3 = np.quantile(x, [0.25, 0.5, 0.75], axis=0, method="weibull")
        ok = share >= rule.min_share
        if rule.max_iqr is not None:
            ok &= (q3 - q1) <= rule.max_iqr
        parts.append(
            pd.DataFrame(
                {
                    "round": rnd,
                    "indicator_id": ids,
                    "n": x.shape[0],
                    "share_agree": share,
                    "median": median,
                    "iqr": q3 - q1,
                    "consensus": ok,
                }
            )
        )
    return pd.concat(parts, ignore_index=True)


@dataclass(frozen=True)
class RoundComparison:
    """What changed between two rounds.

    Attributes
    ----------
    indicators : DataFrame
        Per indicator: means, CVs and their changes; ``n_paired``, ``n_changed`` and
        ``share_unchanged``; ``cv_change_rel`` (:math:`|CV_2 - CV_1|/CV_1`, NaN with the
        code ``cv_reason = "cv_change_undefined"`` when CV₁ = 0 and CV₂ > 0, put into words
        by the report's phrase table); the exact signed-rank test (``wilcoxon_stat``
        = T⁺, ``pvalue``, ``p_holm`` Holm-adjusted across indicators, ``p_min`` the smallest p
        the changes could give) and the exact sign test (``p_sign``); ``stable_descriptive``
        (the :class:`StabilityRule`), ``shift`` (``p_holm < alpha``) and ``stable``
        (descriptively stable and no shift); ``consensus_2`` under the consensus rule.
    concordance : DataFrame
        Kendall's W of both rounds per level/group with the change.
    n_paired : int
        Experts who answered both rounds.
    third_round_advised : bool
        Some indicator is unstable, lacks consensus or fails the screening rule in the
        later round (the stated rule, see :func:`compare_rounds`).
    reasons : tuple of str
        Which parts of the stopping rule fail, as codes in this order: ``"unstable"``,
        ``"no_consensus"``, ``"failing"`` (empty when the rule is met).  Sentences are
        written by :func:`cslib.delphi.report.delphi_summary` in the report language.
    unstable, failing, no_consensus : list of str
        Ids of unstable indicators, of indicators failing the screening rule in the later
        round, and of indicators without consensus in the later round.
    """

    first: int
    second: int
    indicators: pd.DataFrame
    concordance: pd.DataFrame
    n_paired: int
    alpha: float
    third_round_advised: bool
    reasons: tuple[str, ...]
    unstable: list[str]
    failing: list[str]
    stability_rule: StabilityRule = StabilityRule()
    consensus_rule: ConsensusRule = ConsensusRule()
    no_consensus: list[str] = field(default_factory=list)


def compare_rounds(
    ratings: Ratings,
    first: int,
    second: int,
    *,
    alpha: float = 0.05,
    rule: ScreeningRule | None = None,
    stability: StabilityRule | None = None,
    consensus: ConsensusRule | None = None,
    n_perm: int = 10000,
    seed: int = 20261123,
) -> RoundComparison:
    """Compare two rounds: change in mean, CV and W, stability and consensus per indicator.

    Stability is judged by the descriptive :class:`StabilityRule` (share of experts
    unchanged, relative change in CV).  Beside it, on the experts who answered both rounds,
    the exact permutation Wilcoxon signed-rank test (:func:`cslib.stats.stability.
    signed_rank_exact`, Pratt's zeros; valid with ties and zeros at any panel size) and the
    exact sign test are reported, with Holm's adjustment across indicators; a significant
    adjusted signed-rank test (systematic shift) also makes an indicator unstable.

    Third-round rule (stated in the report): another round is advised when some
    indicator is unstable, has no consensus under the :class:`ConsensusRule` in the later
    round, or fails the screening rule in the later round.

    References
    ----------
    Dajani, J. S., Sincoff, M. Z., & Talley, W. K. (1979). Stability and agreement
    criteria for the termination of Delphi studies. *Technological Forecasting and
    Social Change*, 13(1), 83–90.
    Scheibe, M., Skutsch, M., & Schofer, J. (1975). Experiments in Delphi methodology. In
    H. A. Linstone & M. Turoff (Eds.), *The Delphi Method* (pp. 262–287). Addison-Wesley.
    Holm, S. (1979). A simple sequentially rejective multiple test procedure.
    *Scandinavian Journal of Statistics*, 6(2), 65–70.
    """
    rule = rule or ScreeningRule()
    stability = stability or StabilityRule()
    consensus = consensus or ConsensusRule()
    s1 = indicator_statistics(ratings, first, rule).set_index("indicator_id")
    s2 = indicator_statistics(ratings, second, rule).set_index("indicator_id")
    ids = [i for i in s2.index if i in s1.index]
    paired = sorted(set(ratings.experts(first)) & set(ratings.experts(second)))
    x1 = ratings.matrix(first, ids).loc[paired].to_numpy(dtype=float)
    x2 = ratings.matrix(second, ids).loc[paired].to_numpy(dtype=float)
    diff = x2 - x1
    tests = signed_rank_columns(diff)
    signs = [sign_test(diff[:, k]) for k in range(len(ids))]
    p = np.array([t.pvalue for t in tests])
    p_holm = adjust_pvalues(p, "holm")
    n_paired = len(paired)
    n_changed = (diff != 0).sum(axis=0)
    share_unchanged = 1 - n_changed / n_paired if n_paired else np.full(len(ids), np.nan)
    cv1 = s1.loc[ids, "cv"].to_numpy(dtype=float)
    cv2 = s2.loc[ids, "cv"].to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        cv_rel = np.where(cv1 > 0, np.abs(cv2 - cv1) / cv1, np.where(cv2 == 0, 0.0, np.nan))
    # a code, not words: the report puts "cv_change_undefined" into its language
    cv_reason = np.where(np.isnan(cv_rel), "cv_change_undefined", "")
    ok_unchanged = share_unchanged >= stability.min_unchanged
    ok_cv = cv_rel <= stability.max_cv_change  # NaN compares False: undefined is not stable
    descriptive = ok_unchanged & ok_cv if stability.require == "all" else ok_unchanged | ok_cv
    shift = p_holm < alpha
    cons = consensus_table(ratings, consensus)
    cons2 = cons[cons["round"] == second].set_index("indicator_id")
    table = pd.DataFrame(
        {
            "indicator_id": ids,
            "mean_1": s1.loc[ids, "mean"].to_numpy(),
            "mean_2": s2.loc[ids, "mean"].to_numpy(),
            "delta_mean": (s2.loc[ids, "mean"] - s1.loc[ids, "mean"]).to_numpy(),
            "cv_1": cv1,
            "cv_2": cv2,
            "delta_cv": cv2 - cv1,
            "cv_change_rel": cv_rel,
            "cv_reason": cv_reason,
            "n_paired": n_paired,
            "n_changed": n_changed,
            "share_unchanged": share_unchanged,
            "wilcoxon_stat": [t.statistic for t in tests],
            "pvalue": p,
            "p_holm": p_holm,
            "p_min": [t.minimum_pvalue for t in tests],
            "p_sign": [t.pvalue for t in signs],
            "stable_descriptive": descriptive,
            "shift": shift,
            "stable": descriptive & ~shift,
            "consensus_2": cons2.loc[ids, "consensus"].to_numpy(dtype=bool),
            "verdict_2": s2.loc[ids, "verdict"].to_numpy(),
        }
    )
    c1 = concordance(ratings, first, n_perm=n_perm, seed=seed).set_index(["scope", "group"])
    c2 = concordance(ratings, second, n_perm=n_perm, seed=seed).set_index(["scope", "group"])
    conc = (
        pd.DataFrame(
            {
                "level": c2["level"],
                "w_1": c1["w"],
                "p_1": c1["pvalue"],
                "w_2": c2["w"],
                "p_2": c2["pvalue"],
                "p_method": c2["p_method"],
            }
        )
        .assign(delta_w=lambda d: d["w_2"] - d["w_1"])
        .reset_index()
    )
    unstable = table.loc[~table["stable"], "indicator_id"].tolist()
    no_consensus = table.loc[~table["consensus_2"], "indicator_id"].tolist()
    failing = table.loc[table["verdict_2"] != "keep", "indicator_id"].tolist()
    # which rules fail, as codes: the words are the report's business (phrases.py)
    reasons = tuple(
        code
        for code, ids in (
            ("unstable", unstable),
            ("no_consensus", no_consensus),
            ("failing", failing),
        )
        if ids
    )
    return RoundComparison(
        first,
        second,
        table,
        conc,
        n_paired,
        alpha,
        bool(reasons),
        reasons,
        unstable,
        failing,
        stability,
        consensus,
        no_consensus,
    )
