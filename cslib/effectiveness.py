"""Kirkpatrick level 1 (reaction) and level 2 (learning) statistics, and sample-size planning.

Every test statistic comes from :mod:`scipy.stats` or :mod:`statsmodels`; the few formulas
written here (standardised effect sizes, Hake's gain, KR-20, item discrimination) say why and
are tested against published worked examples.  Results are frozen dataclasses; the ``*_table``
helpers return one row per course for reports.

References
----------
Wilson, E. B. (1927). Probable inference, the law of succession, and statistical inference.
    JASA 22, 209–212.
Newcombe, R. G. (1998). Interval estimation for the difference between independent proportions:
    comparison of eleven methods. Statistics in Medicine 17, 873–890 (method 10).
Lakens, D. (2013). Calculating and reporting effect sizes to facilitate cumulative science.
    Frontiers in Psychology 4:863.
Hake, R. R. (1998). Interactive-engagement versus traditional methods. Am. J. Phys. 66, 64–74.
Kuder, G. F. & Richardson, M. W. (1937). The theory of the estimation of test reliability.
    Psychometrika 2, 151–160.
Ebel, R. L. & Frisbie, D. A. (1991). Essentials of Educational Measurement, 5th ed.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd
from scipy import optimize, stats
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.power import NormalIndPower, TTestPower
from statsmodels.stats.proportion import (
    confint_proportions_2indep,
    proportion_confint,
    proportion_effectsize,
    proportions_ztest,
)

from cslib.errors import InputError

__all__ = [
    "Proportion", "ProportionComparison", "PairedResult", "ItemAnalysis", "SampleSize",
    "proportion", "compare_proportions", "rate_table", "paired_change", "retention",
    "learning_table", "item_analysis", "kr20", "adjust_pvalues", "paired_sample_size",
    "two_proportion_sample_size", "smallest_detectable_difference",
]


def _as_dict(obj) -> dict:
    return {k: v for k, v in asdict(obj).items() if not isinstance(v, np.ndarray | pd.DataFrame)}


# ------------------------------------------------------------------------------ level 1
@dataclass(frozen=True)
class Proportion:
    """A proportion with its confidence interval.

    Attributes
    ----------
    k, n : int
        Successes and trials.
    rate : float
        k / n.
    ci_low, ci_high : float
        Confidence limits (``method``, default Wilson score).
    """

    k: int
    n: int
    rate: float
    ci_low: float
    ci_high: float
    confidence: float = 0.95
    method: str = "wilson"

    def as_dict(self) -> dict:
        return _as_dict(self)


def proportion(k: int, n: int, *, alpha: float = 0.05, method: str = "wilson") -> Proportion:
    r"""Proportion ``k/n`` with a Wilson score interval (statsmodels ``proportion_confint``).

    .. math:: \frac{\hat p + \frac{z^2}{2n} \pm z\sqrt{\frac{\hat p(1-\hat p)}{n}+\frac{z^2}{4n^2}}}
              {1 + z^2/n}

    Wilson (1927); recommended over the Wald interval by Newcombe (1998, single proportion).
    """
    if n <= 0 or not 0 <= k <= n:
        raise InputError.single(None, f"a proportion needs 0 ≤ k ≤ n and n > 0 (got k={k}, n={n})")
    lo, hi = proportion_confint(k, n, alpha=alpha, method=method)
    return Proportion(int(k), int(n), k / n, float(lo), float(hi), 1 - alpha, method)


@dataclass(frozen=True)
class ProportionComparison:
    """Two independent proportions compared.

    Attributes
    ----------
    first, second : Proportion
    difference : float
        first.rate − second.rate.
    ci_low, ci_high : float
        Newcombe (1998) hybrid score interval for the difference (method 10).
    z, p_value : float
        Pooled two-proportion z test (equivalent to Pearson's χ² without continuity correction;
        R ``prop.test(correct=FALSE)``).
    cohens_h : float
        2·asin√p1 − 2·asin√p2 (Cohen 1988), used for power.
    n_needed_per_group : float
        Per-group n (equal groups) for 80 % power to detect this difference at ``alpha``.
    """

    first: Proportion
    second: Proportion
    difference: float
    ci_low: float
    ci_high: float
    z: float
    p_value: float
    cohens_h: float
    power: float
    n_needed_per_group: float
    alpha: float = 0.05

    @property
    def significant(self) -> bool:
        return self.p_value < self.alpha


def compare_proportions(k1: int, n1: int, k2: int, n2: int, *, alpha: float = 0.05,
                        power: float = 0.8) -> ProportionComparison:
    """Compare two independent proportions (e.g. micro-course vs classroom satisfaction).

    Uses :func:`statsmodels.stats.proportion.proportions_ztest` (pooled z test),
    :func:`~statsmodels.stats.proportion.confint_proportions_2indep` with
    ``method="newcomb"`` (Newcombe 1998, method 10) and
    :class:`~statsmodels.stats.power.NormalIndPower` on Cohen's h for the achieved power and the
    per-group n needed for ``power``.
    """
    p1, p2 = proportion(k1, n1, alpha=alpha), proportion(k2, n2, alpha=alpha)
    with np.errstate(divide="ignore", invalid="ignore"):  # 0/n vs 0/m: z undefined (NaN)
        z, p = proportions_ztest([k1, k2], [n1, n2])
    lo, hi = confint_proportions_2indep(k1, n1, k2, n2, method="newcomb", compare="diff",
                                        alpha=alpha)
    h = float(proportion_effectsize(p1.rate, p2.rate))
    achieved = float(NormalIndPower().power(h, nobs1=n1, alpha=alpha, ratio=n2 / n1))
    needed = float(NormalIndPower().solve_power(abs(h), power=power, alpha=alpha, ratio=1.0)) \
        if h != 0 else math.inf
    return ProportionComparison(p1, p2, p1.rate - p2.rate, float(lo), float(hi), float(z),
                                float(p), h, achieved, needed, alpha)


def rate_table(responses: pd.DataFrame, by: str | list[str], column: str = "satisfied", *,
               alpha: float = 0.05) -> pd.DataFrame:
    """Wilson-interval rates of a yes/no column per group.

    Parameters
    ----------
    responses : DataFrame
        From :func:`cslib.effectiveness_io.read_reaction` (``column`` holds True/False/None;
        missing answers are counted in ``n_missing``, not in ``n``).
    by : str or list of str
        Grouping column(s), e.g. ``"course_id"``, ``"series"``, ``"format"``, ``"staff_group"``.

    Returns
    -------
    DataFrame
        ``<by>, k, n, rate, ci_low, ci_high, n_missing`` in first-appearance order of the groups.
    """
    keys = [by] if isinstance(by, str) else list(by)
    rows = []
    for key, g in responses.groupby(keys, sort=False):
        answered = g[column].dropna().astype(bool)
        key = key if isinstance(key, tuple) else (key,)
        if len(answered) == 0:
            continue
        pr = proportion(int(answered.sum()), len(answered), alpha=alpha)
        rows.append({**dict(zip(keys, key, strict=True)), "k": pr.k, "n": pr.n, "rate": pr.rate,
                     "ci_low": pr.ci_low, "ci_high": pr.ci_high,
                     "n_missing": int(g[column].isna().sum())})
    return pd.DataFrame(rows)


# ------------------------------------------------------------------------------ level 2
@dataclass(frozen=True)
class PairedResult:
    r"""Paired before/after comparison of one course's test scores.

    Attributes
    ----------
    n : int
        Agents with both scores.
    mean_before, mean_after, sd_before, sd_after : float
    mean_change, sd_change : float
        Mean and SD (ddof=1) of after − before.
    change_ci : (float, float)
        t interval for the mean change.
    t, df, p_t : float
        Paired t test (:func:`scipy.stats.ttest_rel`, two-sided).
    w, p_wilcoxon : float
        Wilcoxon signed-rank test (:func:`scipy.stats.wilcoxon`, zero differences dropped,
        exact/normal method chosen by scipy).
    d_z, d_z_ci : float, (float, float)
        Cohen's :math:`d_z = \bar D / s_D` (Lakens 2013, eq. 6) with an exact CI from the
        noncentral t distribution (:math:`t = d_z\sqrt n`, df = n − 1).
    g_av, g_av_ci : float, (float, float)
        Hedges' :math:`g_{av} = J\,\bar D / ((s_1+s_2)/2)`, :math:`J = 1 - 3/(4(2n)-9)`
        (average-SD form, Lakens 2013 eqs. 10–11; comparable to between-group d).  Its CI rescales
        the d_z interval by :math:`J s_D / s_{av}`, treating the SDs as fixed (approximate).
    hake_gain : float or None
        Class-average normalised gain :math:`\langle g\rangle = (\bar y_{post}-\bar y_{pre})/
        (\text{max}-\bar y_{pre})` (Hake 1998); ``None`` without a maximum score.
    """

    n: int
    mean_before: float
    mean_after: float
    sd_before: float
    sd_after: float
    mean_change: float
    sd_change: float
    change_ci: tuple[float, float]
    t: float
    df: int
    p_t: float
    w: float
    p_wilcoxon: float
    d_z: float
    d_z_ci: tuple[float, float]
    g_av: float
    g_av_ci: tuple[float, float]
    hake_gain: float | None
    confidence: float = 0.95

    def as_dict(self) -> dict:
        return _as_dict(self)


def _nct_ci(t_obs: float, df: int, alpha: float) -> tuple[float, float]:
    """Confidence limits for the noncentrality parameter given an observed t (inverting the
    noncentral t cdf; scipy has no built-in inversion for the ncp)."""
    spread = math.sqrt(1.0 + t_obs * t_obs / (2.0 * df))  # approximate SD of t given ncp

    def cdf(ncp: float) -> float:
        v = float(stats.nct.cdf(t_obs, df, ncp))
        if math.isnan(v):  # scipy/boost returns NaN deep in a tail; the tail value is 0 or 1
            v = 1.0 if ncp < t_obs else 0.0
        return v

    def limit(target):
        f = lambda ncp: cdf(ncp) - target  # noqa: E731
        lo, hi = t_obs - 10 * spread, t_obs + 10 * spread
        while f(lo) < 0:
            lo -= 10 * spread
        while f(hi) > 0:
            hi += 10 * spread
        return optimize.brentq(f, lo, hi, xtol=1e-12)

    return limit(1 - alpha / 2), limit(alpha / 2)


def hedges_j(n: int) -> float:
    """Small-sample correction used by Lakens (2013, eq. 11 applied to two paired means):
    ``J = 1 − 3 / (4·(n1+n2) − 9)`` with n1 = n2 = n."""
    return 1.0 - 3.0 / (4.0 * (2 * n) - 9.0)


def paired_change(before, after, *, max_score: float | None = None,
                  alpha: float = 0.05) -> PairedResult:
    """Paired comparison of two measurements on the same agents (pre → post, post → delayed).

    Parameters
    ----------
    before, after : array-like
        Scores of the same agents in the same order; pairs with a missing value are an error
        (pair them first with :func:`cslib.effectiveness_io.pair_tests`, which reports exclusions).
    max_score : float, optional
        Highest possible score, for Hake's normalised gain.

    Raises
    ------
    InputError
        Fewer than 3 pairs, missing values or unequal lengths.
    """
    x = np.asarray(before, dtype=float)
    y = np.asarray(after, dtype=float)
    if x.shape != y.shape or x.ndim != 1:
        raise InputError.single(None, "before and after need the same number of scores")
    if np.isnan(x).any() or np.isnan(y).any():
        raise InputError.single(None, "missing scores; pair the tests first (pair_tests)")
    n = len(x)
    if n < 3:
        raise InputError.single(None, f"need at least 3 pairs for a paired test (got {n})")
    d = y - x
    mean_d, sd_d = float(d.mean()), float(d.std(ddof=1))
    tt = stats.ttest_rel(y, x)
    ci = tt.confidence_interval(1 - alpha)
    if np.all(d == 0):
        w, pw = 0.0, 1.0
    else:
        wres = stats.wilcoxon(y, x)
        w, pw = float(wres.statistic), float(wres.pvalue)
    s1, s2 = float(x.std(ddof=1)), float(y.std(ddof=1))
    if sd_d > 0:
        dz = mean_d / sd_d
        lo, hi = _nct_ci(float(tt.statistic), n - 1, alpha)
        dz_ci = (lo / math.sqrt(n), hi / math.sqrt(n))
    else:
        dz, dz_ci = math.nan, (math.nan, math.nan)
    s_av = (s1 + s2) / 2
    j = hedges_j(n)
    g = j * mean_d / s_av if s_av > 0 else math.nan
    scale = j * sd_d / s_av if s_av > 0 else math.nan
    g_ci = (dz_ci[0] * scale, dz_ci[1] * scale)
    hake = None
    if max_score is not None:
        room = max_score - x.mean()
        hake = float((y.mean() - x.mean()) / room) if room > 0 else None
    return PairedResult(n, float(x.mean()), float(y.mean()), s1, s2, mean_d, sd_d,
                        (float(ci.low), float(ci.high)), float(tt.statistic), n - 1,
                        float(tt.pvalue), w, pw, float(dz), dz_ci, float(g), g_ci, hake, 1 - alpha)


def retention(pre, post, delayed, *, alpha: float = 0.05) -> tuple[PairedResult, float]:
    """Post → delayed comparison and the share of the learning gain retained.

    Returns the :class:`PairedResult` of delayed vs post and
    ``(mean(delayed) − mean(pre)) / (mean(post) − mean(pre))`` (1 = all of the gain kept).
    """
    res = paired_change(post, delayed, alpha=alpha)
    pre, post, delayed = (np.asarray(v, float) for v in (pre, post, delayed))
    gain = post.mean() - pre.mean()
    kept = float((delayed.mean() - pre.mean()) / gain) if gain != 0 else math.nan
    return res, kept


def adjust_pvalues(p_values, method: str = "holm", alpha: float = 0.05) -> np.ndarray:
    """Adjusted p-values across courses (:func:`statsmodels.stats.multitest.multipletests`).

    ``method`` is a statsmodels name: ``"holm"`` (family-wise error, Holm 1979) or ``"fdr_bh"``
    (false-discovery rate, Benjamini & Hochberg 1995).  NaN p-values stay NaN.
    """
    p = np.asarray(p_values, dtype=float)
    out = np.full(p.shape, np.nan)
    ok = ~np.isnan(p)
    if ok.any():
        out[ok] = multipletests(p[ok], alpha=alpha, method=method)[1]
    return out


def learning_table(paired: pd.DataFrame, courses: tuple[str, ...] | list[str], *,
                   before: str = "pre", after: str = "post", alpha: float = 0.05,
                   correction: str = "holm") -> pd.DataFrame:
    """One :func:`paired_change` per course with p-values adjusted across the courses.

    Parameters
    ----------
    paired : DataFrame
        From :func:`cslib.effectiveness_io.pair_tests` (``agent_id, course_id, <before>,
        <after>, max_score``).
    courses : sequence of str
        Courses in display order; a course with fewer than 3 pairs gets NaN statistics.

    Returns
    -------
    DataFrame
        One row per course: n, means, mean_change (+ CI), t, p_t, p_adj, Wilcoxon, d_z (+ CI),
        g_av (+ CI), hake_gain.
    """
    rows = []
    for c in courses:
        g = paired[paired["course_id"] == c]
        row = {"course_id": c, "n": len(g)}
        if len(g) >= 3:
            r = paired_change(g[before], g[after], max_score=float(g["max_score"].max()),
                              alpha=alpha)
            row.update(mean_before=r.mean_before, mean_after=r.mean_after,
                       mean_change=r.mean_change, change_ci_low=r.change_ci[0],
                       change_ci_high=r.change_ci[1], sd_change=r.sd_change, t=r.t, df=r.df,
                       p_t=r.p_t, w=r.w, p_wilcoxon=r.p_wilcoxon, d_z=r.d_z,
                       d_z_ci_low=r.d_z_ci[0], d_z_ci_high=r.d_z_ci[1], g_av=r.g_av,
                       g_av_ci_low=r.g_av_ci[0], g_av_ci_high=r.g_av_ci[1],
                       hake_gain=r.hake_gain)
        rows.append(row)
    table = pd.DataFrame(rows)
    if "p_t" not in table:
        table["p_t"] = np.nan
    table["p_adj"] = adjust_pvalues(table["p_t"], correction, alpha)
    return table


# ------------------------------------------------------------------------ item analysis
def kr20(answers) -> float:
    r"""Kuder–Richardson formula 20 for 0/1 items.

    .. math:: KR_{20} = \frac{k}{k-1}\Bigl(1 - \frac{\sum_j p_j q_j}{\sigma^2_X}\Bigr)

    with population variances (ddof = 0) throughout, so it equals Cronbach's alpha on 0/1 data.
    Written out because neither scipy nor statsmodels has it.
    """
    a = np.asarray(answers, dtype=float)
    if a.ndim != 2 or a.shape[1] < 2 or a.shape[0] < 2:
        raise InputError.single(None, "KR-20 needs at least 2 agents and 2 items")
    k = a.shape[1]
    p = a.mean(axis=0)
    var_total = a.sum(axis=1).var(ddof=0)
    if var_total == 0:
        return math.nan
    return float(k / (k - 1) * (1 - (p * (1 - p)).sum() / var_total))


@dataclass(frozen=True)
class ItemAnalysis:
    """Classical item analysis of one test.

    Attributes
    ----------
    items : DataFrame
        Per item: ``item, n, difficulty`` (p = share correct), ``r_pb`` (point-biserial with the
        total score, :func:`scipy.stats.pointbiserialr`), ``r_rest`` (corrected item–total: with
        the total of the *other* items), ``flag`` (text, empty when fine).
    kr20 : float
        Reliability of the whole test (:func:`kr20`).
    n_agents : int
    """

    items: pd.DataFrame
    kr20: float
    n_agents: int

    @property
    def flagged(self) -> pd.DataFrame:
        return self.items[self.items["flag"] != ""]


def item_analysis(answers: pd.DataFrame, *, easy: float = 0.9, hard: float = 0.2,
                  min_discrimination: float = 0.2) -> ItemAnalysis:
    """Difficulty, discrimination and KR-20 of a test's 0/1 items.

    Parameters
    ----------
    answers : DataFrame
        One row per agent, one column per item (1 correct, 0 wrong); columns that are entirely
        empty are ignored (fewer items on this test), rows with any missing item are an error.
    easy, hard : float
        Flag items answered correctly by more than ``easy`` or fewer than ``hard`` of agents.
    min_discrimination : float
        Flag items whose corrected item–total correlation is below this (Ebel & Frisbie 1991:
        < 0.2 poor; < 0 suggests a wrong answer key).

    Notes
    -----
    ``r_rest`` removes the item from the total so an item is not correlated with itself; it is
    the statistic used for flags.  An item everyone gets right (or wrong) has no discrimination
    (NaN) and is flagged as too easy (hard).
    """
    a = answers.dropna(axis=1, how="all")
    if a.isna().any().any():
        raise InputError.single(None, "item answers have gaps; every agent needs an answer to every item")
    x = a.to_numpy(dtype=float)
    total = x.sum(axis=1)
    rows = []
    for j, name in enumerate(a.columns):
        item = x[:, j]
        rest = total - item
        p = item.mean()
        if item.std() == 0:
            r_pb = r_rest = math.nan
        else:
            r_pb = float(stats.pointbiserialr(item, total).statistic)
            r_rest = float(stats.pointbiserialr(item, rest).statistic) if rest.std() > 0 else math.nan
        flags = []
        if p > easy:
            flags.append("too easy")
        if p < hard:
            flags.append("too hard")
        if not math.isnan(r_rest):
            if r_rest < 0:
                flags.append("negative discrimination (check the answer key)")
            elif r_rest < min_discrimination:
                flags.append("weak discrimination")
        rows.append({"item": name, "n": len(item), "difficulty": p, "r_pb": r_pb,
                     "r_rest": r_rest, "flag": "; ".join(flags)})
    return ItemAnalysis(pd.DataFrame(rows), kr20(x), len(x))


# ----------------------------------------------------------------------------- planning
@dataclass(frozen=True)
class SampleSize:
    """Result of a sample-size calculation.

    Attributes
    ----------
    n : int
        Required size (rounded up): pairs for a paired test, per group for two proportions.
    n_exact : float
        Unrounded solution from statsmodels.
    effect_size : float
        Standardised effect (d_z for paired tests, Cohen's h for proportions).
    alpha, power : float
    """

    n: int
    n_exact: float
    effect_size: float
    alpha: float
    power: float
    test: str


def paired_sample_size(gain: float, sd_change: float, *, power: float = 0.8,
                       alpha: float = 0.05) -> SampleSize:
    """Pairs needed to detect a mean gain with a two-sided paired t test.

    ``d_z = gain / sd_change``; solved with :class:`statsmodels.stats.power.TTestPower`.
    """
    if sd_change <= 0 or gain == 0:
        raise InputError.single(None, "need a non-zero gain and a positive SD of the change")
    dz = abs(gain) / sd_change
    n = float(TTestPower().solve_power(effect_size=dz, power=power, alpha=alpha,
                                       alternative="two-sided"))
    return SampleSize(math.ceil(n - 1e-9), n, dz, alpha, power, "paired t")


def two_proportion_sample_size(p1: float, p2: float, *, power: float = 0.8,
                               alpha: float = 0.05, ratio: float = 1.0) -> SampleSize:
    """Per-group n (first group; second = ratio·n) to detect p1 vs p2 with a two-sided z test.

    Uses Cohen's h (:func:`statsmodels.stats.proportion.proportion_effectsize`) and
    :class:`statsmodels.stats.power.NormalIndPower` (arcsine approximation).
    """
    h = float(proportion_effectsize(p1, p2))
    if h == 0:
        raise InputError.single(None, "the two proportions are equal; nothing to detect")
    n = float(NormalIndPower().solve_power(effect_size=abs(h), power=power, alpha=alpha,
                                           ratio=ratio))
    return SampleSize(math.ceil(n - 1e-9), n, h, alpha, power, "two proportions")


def smallest_detectable_difference(n: int, sd_change: float, *, power: float = 0.8,
                                   alpha: float = 0.05) -> float:
    """Smallest mean gain detectable with ``n`` pairs (TTestPower solved for the effect size)."""
    dz = float(TTestPower().solve_power(nobs=n, power=power, alpha=alpha))
    return dz * sd_change
