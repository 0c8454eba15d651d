"""Agreement among raters and reliability of scales.

Kendall's coefficient of concordance; intraclass correlations (all six Shrout & Fleiss /
McGraw & Wong forms with F-based confidence intervals); Cohen's kappa; per-rater bias
against the panel; Cronbach's alpha with alpha-if-item-deleted.  Fleiss' kappa and
Krippendorff's alpha, with their standard errors and intervals, are in
:mod:`cslib.stats.gwet` (one function each).

Data orientation: :func:`kendall_w` takes ``(raters, items)``; every other function here
takes ``(units, raters)`` — one row per rated call / target / respondent, one column per
rater (or item, for Cronbach's alpha), as a QA calibration sheet looks.

Library use: Cohen's kappa calls ``statsmodels.stats.inter_rater.cohens_kappa``, bias tests
``scipy.stats``.  ICC and Cronbach's alpha are
written here by hand (vectorised ANOVA mean squares / covariance algebra, so all six ICC
forms and every alpha-if-deleted come from one pass) and are tested against
``pingouin.intraclass_corr`` / ``pingouin.cronbach_alpha`` and R ``psych``.

References
----------
Kendall, M. G., & Babington Smith, B. (1939). The problem of m rankings.
*Annals of Mathematical Statistics*, 10(3), 275–287.
Siegel, S., & Castellan, N. J. (1988). *Nonparametric Statistics for the Behavioral
Sciences* (2nd ed.), §9.4, McGraw-Hill (tie correction).
Shrout, P. E., & Fleiss, J. L. (1979). Intraclass correlations: uses in assessing rater
reliability. *Psychological Bulletin*, 86(2), 420–428.
McGraw, K. O., & Wong, S. P. (1996). Forming inferences about some intraclass correlation
coefficients. *Psychological Methods*, 1(1), 30–46.
Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters.
*Psychological Bulletin*, 76(5), 378–382.
Cohen, J. (1960). A coefficient of agreement for nominal scales. *Educational and
Psychological Measurement*, 20(1), 37–46; Cohen, J. (1968). Weighted kappa.
*Psychological Bulletin*, 70(4), 213–220.
Krippendorff, K. (2011). Computing Krippendorff's alpha-reliability. Annenberg School
for Communication, University of Pennsylvania.
Cronbach, L. J. (1951). Coefficient alpha and the internal structure of tests.
*Psychometrika*, 16(3), 297–334; Feldt, L. S. (1965). The approximate sampling
distribution of Kuder-Richardson reliability coefficient twenty. *Psychometrika*, 30,
357–370 (confidence interval).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd
from scipy import stats

from cslib.stats.multitest import holm
from cslib.stats.reasons import AgreementReason, message


@dataclass(frozen=True)
class KendallW:
    """Kendall's W with its permutation or chi-square test.

    Attributes
    ----------
    statistic : float
        Kendall's W, the coefficient of concordance, tie-corrected, in [0, 1]; NaN when undefined (every
        rater gave every item the same score: W = 0/0), with ``reason`` saying so.
    chi2 : float
        :math:`\\chi^2 = m (n - 1) W` (the Friedman statistic).
    df : int
        ``n - 1``.
    pvalue : float
        Upper-tail p-value of W by ``pvalue_method``; NaN when W is undefined.
    m : int
        Number of raters (complete rows used).
    n : int
        Number of items ranked.
    pvalue_method : str
        ``"exact"`` (full permutation distribution), ``"monte_carlo"`` (``n_perm`` seeded
        random permutations, :math:`p = (1 + b)/(1 + B)`), ``"chi2"`` (:math:`\\chi^2_{n-1}`
        approximation) or ``"undefined"``.
    n_perm : int
        Random permutations used (0 unless ``pvalue_method == "monte_carlo"``).
    seed : int or None
        Seed of the Monte-Carlo permutations.
    reason : str
        Why W is undefined (empty when it is defined).

    Examples
    --------
    Three experts rank four indicators identically: perfect concordance.

    >>> import numpy as np
    >>> r = kendall_w(np.array([[1, 2, 3, 4]] * 3))
    >>> r.statistic, r.m, r.n, r.defined
    (1.0, 3, 4, True)
    """

    statistic: float
    chi2: float
    df: int
    pvalue: float
    m: int
    n: int
    pvalue_method: str = "chi2"
    n_perm: int = 0
    seed: int | None = None
    reason: str = ""
    reason_code: AgreementReason | None = None

    @property
    def defined(self) -> bool:
        """W is a number (not 0/0)."""
        return not self.reason


KendallMethod = Literal["auto", "exact", "monte_carlo", "chi2"]


def kendall_w(
    scores: np.ndarray,
    *,
    ties: bool = True,
    method: KendallMethod = "auto",
    n_perm: int = 10000,
    seed: int = 20261123,
) -> KendallW:
    """Kendall's coefficient of concordance for ``m`` raters scoring ``n`` items.

    Each rater's scores are converted to ranks (mid-ranks for ties), then

    .. math::

        W = \\frac{12 S}{m^2 (n^3 - n) - m \\sum_k T_k}, \\qquad
        S = \\sum_i (R_i - \\bar R)^2, \\qquad T_k = \\sum_g (t_g^3 - t_g),

    where :math:`R_i` is the rank sum of item *i* and :math:`t_g` the size of each
    group of tied scores of rater *k*.  :math:`\\chi^2 = m (n-1) W` on ``n - 1``
    degrees of freedom; this equals the tie-corrected Friedman statistic
    (``scipy.stats.friedmanchisquare``).

    p-value.  Under :math:`H_0` each rater's ranks (ties included) are a uniformly random
    permutation over the items, independently across raters; W's null distribution is
    that of S with the denominator fixed.  ``method="auto"`` uses

    * ``"exact"`` for 2 items (up to 1000 raters) and 3 items (up to 60 raters): the
      distribution of the rank-sum vector is convolved rater by rater (ranks doubled to
      integers, so ties are exact);
    * ``"monte_carlo"`` for other panels with ``n ≤ 7`` items and ``m·n ≤ 2000``:
      ``n_perm`` random permutations of every rater's ranks (seeded),
      :math:`p = (1 + b)/(1 + B)` (Phipson & Smyth 2010);
    * ``"chi2"`` otherwise: for ``n > 7`` Siegel & Castellan (1988, §9.4) consider the
      :math:`\\chi^2_{n-1}` approximation adequate (they tabulate n ≤ 7), and for large
      ``m·n`` it is accurate as well.

    For two items W is a monotone function of the sign-test statistic and the exact p
    equals the two-sided exact sign test (:func:`scipy.stats.binomtest`).

    When every rater gives every item the same score, S = 0 and the denominator is 0:
    W is undefined (NaN, ``reason`` explains); no p-value is computed.

    Parameters
    ----------
    scores : array_like, shape (m, n)
        One row per rater, one column per item; no missing values.
    ties : bool
        Apply the tie correction (default). ``False`` gives the uncorrected W.
    method : {"auto", "exact", "monte_carlo", "chi2"}
        How the p-value is obtained (see above).  ``"exact"`` is refused for n > 3.
    n_perm : int
        Random permutations for ``"monte_carlo"``.
    seed : int
        Seed of ``numpy.random.default_rng`` for ``"monte_carlo"``.

    Returns
    -------
    KendallW

    References
    ----------
    Kendall & Babington Smith (1939); Siegel & Castellan (1988), §9.4.
    Phipson, B., & Smyth, G. K. (2010). Permutation p-values should never be zero.
    *Statistical Applications in Genetics and Molecular Biology*, 9(1), Article 39.

    Examples
    --------
    Fifteen experts compare two items: nine prefer the first, two the second, four tie.

    >>> x = np.array([[2, 1]] * 9 + [[1, 2]] * 2 + [[1, 1]] * 4)
    >>> res = kendall_w(x)
    >>> res.pvalue_method, round(res.pvalue, 4), round(kendall_w(x, method="chi2").pvalue, 4)
    ('exact', 0.0654, 0.0348)
    """
    x = np.asarray(scores, dtype=float)
    if x.ndim != 2:
        raise ValueError(f"scores must be a 2-D array (raters × items); got shape {x.shape}")
    m, n = x.shape
    if m < 2 or n < 2:
        raise ValueError(f"Kendall's W needs at least 2 raters and 2 items; got {m} × {n}")
    if not np.all(np.isfinite(x)):
        raise ValueError("scores contain missing or non-finite values")
    if method not in ("auto", "exact", "monte_carlo", "chi2"):
        raise ValueError(f"method must be auto, exact, monte_carlo or chi2, not {method!r}")
    if method == "exact" and not _exact_feasible(m, n):
        raise ValueError(
            f"the exact distribution is computed for 2 items and ≤ 1000 raters or 3 items and "
            f"≤ 60 raters; got {n} items, {m} raters"
        )
    if n_perm < 1:
        raise ValueError("n_perm must be ≥ 1")
    ranks = stats.rankdata(x, axis=1)
    rank_sums = ranks.sum(axis=0)
    s = float(((rank_sums - rank_sums.mean()) ** 2).sum())
    tie_term = _tie_term(x) if ties else 0.0
    denominator = m**2 * (n**3 - n) - m * tie_term
    df = n - 1
    if np.all(x == x[:, :1]):
        code = AgreementReason.SAME_SCORES
        return KendallW(np.nan, np.nan, df, np.nan, m, n, "undefined", 0, None, message(code), code)
    w = 12.0 * s / denominator
    chi2 = m * (n - 1) * w
    if method == "auto":
        method = _auto_method(m, n)
    if method == "exact":
        p = _kendall_exact_p(ranks, s)
        return KendallW(w, chi2, df, p, m, n, "exact")
    if method == "monte_carlo":
        p = _kendall_mc_p(ranks, s, n_perm, seed)
        return KendallW(w, chi2, df, p, m, n, "monte_carlo", n_perm, seed)
    return KendallW(w, chi2, df, float(stats.chi2.sf(chi2, df)), m, n, "chi2")


def _exact_feasible(m: int, n: int) -> bool:
    return (n == 2 and m <= 1000) or (n == 3 and m <= 60)


def _auto_method(m: int, n: int) -> KendallMethod:
    if _exact_feasible(m, n):
        return "exact"
    if n <= 7 and m * n <= 2000:
        return "monte_carlo"
    return "chi2"


def _s_tolerance(s: float) -> float:
    return 1e-9 * max(1.0, abs(s))


def _kendall_exact_p(ranks: np.ndarray, s_obs: float) -> float:
    """P(S ≥ S_obs) by convolving every rater's n! equally likely rank assignments.

    Written by hand (no maintained library gives the tie-aware exact distribution of W).
    The state is the vector of doubled rank sums of items 1 … n−1 (the last follows from
    the fixed total), held in a dense (n−1)-dimensional probability array.
    """
    m, n = ranks.shape
    r2 = np.rint(2 * ranks).astype(np.int64)
    size = 2 * n * m + 1
    dist = np.zeros((size,) * (n - 1))
    dist[(0,) * (n - 1)] = 1.0
    perms = list(itertools.permutations(range(n)))
    for row in r2:
        new = np.zeros_like(dist)
        for perm in perms:
            shift = [int(row[p]) for p in perm[: n - 1]]
            src = tuple(slice(0, size - k) for k in shift)
            dst = tuple(slice(k, size) for k in shift)
            new[dst] += dist[src]
        dist = new / len(perms)
    total2 = int(r2.sum())
    grids = np.meshgrid(*([np.arange(size)] * (n - 1)), indexing="ij")
    sums = [g / 2.0 for g in grids] + [(total2 - sum(grids)) / 2.0]
    mean = total2 / 2.0 / n
    s_grid = sum((r - mean) ** 2 for r in sums)
    mask = dist > 0
    return float(min(1.0, dist[mask & (s_grid >= s_obs - _s_tolerance(s_obs))].sum()))


def _kendall_mc_p(ranks: np.ndarray, s_obs: float, n_perm: int, seed: int) -> float:
    """Monte-Carlo permutation p (each rater's ranks shuffled independently), chunked."""
    m, n = ranks.shape
    rng = np.random.default_rng(seed)
    mean = ranks.sum() / n
    hits = 0
    chunk = max(1, 2_000_000 // (m * n))
    done = 0
    while done < n_perm:
        b = min(chunk, n_perm - done)
        order = rng.random((b, m, n)).argsort(axis=2)
        permuted = np.take_along_axis(np.broadcast_to(ranks, (b, m, n)), order, axis=2)
        s = ((permuted.sum(axis=1) - mean) ** 2).sum(axis=1)
        hits += int((s >= s_obs - _s_tolerance(s_obs)).sum())
        done += b
    return (1 + hits) / (1 + n_perm)


def _tie_term(x: np.ndarray) -> float:
    """Σ over raters and tie groups of (t³ − t), vectorised over raters."""
    ordered = np.sort(x, axis=1)
    m, n = ordered.shape
    starts = np.ones((m, n), dtype=bool)
    starts[:, 1:] = ordered[:, 1:] != ordered[:, :-1]
    # run lengths: positions of run starts per row
    idx = np.flatnonzero(np.concatenate([starts, np.ones((m, 1), dtype=bool)], axis=1).ravel())
    flat_row = idx // (n + 1)
    lengths = np.diff(idx)
    valid = flat_row[:-1] == flat_row[1:]
    t = lengths[valid].astype(float)
    return float((t**3 - t).sum())


# ---------------------------------------------------------------------------------------------
# Intraclass correlation


def _units_by_raters(scores: object, what: str = "scores") -> np.ndarray:
    x = np.asarray(scores, dtype=float)
    if x.ndim != 2:
        raise ValueError(f"{what} must be a 2-D array (units × raters); got shape {x.shape}")
    return x


#: The six ICC forms: (name, McGraw & Wong name, description).
ICC_FORMS = (
    ("ICC(1,1)", "ICC(1)", "one-way random, absolute agreement, single rater"),
    ("ICC(2,1)", "ICC(A,1)", "two-way random, absolute agreement, single rater"),
    ("ICC(3,1)", "ICC(C,1)", "two-way mixed, consistency, single rater"),
    ("ICC(1,k)", "ICC(k)", "one-way random, absolute agreement, mean of k raters"),
    ("ICC(2,k)", "ICC(A,k)", "two-way random, absolute agreement, mean of k raters"),
    ("ICC(3,k)", "ICC(C,k)", "two-way mixed, consistency, mean of k raters"),
)
ICCForm = Literal["ICC(1,1)", "ICC(2,1)", "ICC(3,1)", "ICC(1,k)", "ICC(2,k)", "ICC(3,k)"]


@dataclass(frozen=True)
class ICC:
    """One intraclass correlation with its F test and confidence interval.

    Attributes
    ----------
    form : str
        Shrout & Fleiss name, e.g. ``"ICC(2,1)"``.
    mcgraw_wong : str
        McGraw & Wong name, e.g. ``"ICC(A,1)"``.
    description : str
    statistic : float
        The intraclass correlation (column ``statistic`` of :func:`icc_table`).
    f, df1, df2, pvalue : float
        F test of ICC = 0.
    ci_low, ci_high : float
        F-based confidence interval (McGraw & Wong 1996, Table 7; as R ``psych::ICC``).
    confidence_level : float
    n_units, k_raters : int
    reason : str or None
        Why the ICC is undefined (no spread between or within units), else ``None``.

    Examples
    --------
    Shrout & Fleiss (1979), Table 4 (ICC(2,1) = .29):

    >>> import numpy as np
    >>> sf = np.array([[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8], [7, 1, 2, 6], [10, 5, 6, 9], [6, 2, 4, 7]])
    >>> r = icc(sf, "ICC(2,1)")
    >>> r.form, r.mcgraw_wong, round(r.statistic, 2), r.n_units, r.k_raters
    ('ICC(2,1)', 'ICC(A,1)', 0.29, 6, 4)
    """

    form: str
    mcgraw_wong: str
    description: str
    statistic: float
    f: float
    df1: float
    df2: float
    pvalue: float
    ci_low: float
    ci_high: float
    confidence_level: float
    n_units: int
    k_raters: int
    reason: str | None = None
    reason_code: AgreementReason | None = None


def icc_table(scores: object, *, confidence_level: float = 0.95) -> pd.DataFrame:
    """All six intraclass correlations of a complete units × raters table.

    From the two-way ANOVA mean squares of the ``n × k`` table — rows (units) MSR,
    columns (raters) MSC, residual MSE and within-unit MSW:

    .. math::

        ICC(1,1) &= \\frac{MSR - MSW}{MSR + (k-1) MSW}, \\qquad
        ICC(1,k) = \\frac{MSR - MSW}{MSR} \\\\
        ICC(2,1) &= \\frac{MSR - MSE}{MSR + (k-1) MSE + k (MSC - MSE)/n}, \\qquad
        ICC(2,k) = \\frac{MSR - MSE}{MSR + (MSC - MSE)/n} \\\\
        ICC(3,1) &= \\frac{MSR - MSE}{MSR + (k-1) MSE}, \\qquad
        ICC(3,k) = \\frac{MSR - MSE}{MSR}

    F tests: ``MSR/MSW`` on (n−1, n(k−1)) for ICC(1,·), ``MSR/MSE`` on (n−1, (n−1)(k−1))
    otherwise.  Confidence intervals are the exact F-based ones for ICC(1,·) and ICC(3,·)
    and Satterthwaite's approximation for ICC(2,·) (McGraw & Wong 1996, Table 7), as in R
    ``psych::ICC`` and ``pingouin.intraclass_corr``.  Hand-written (vectorised numpy) and
    tested against both to 1e-9.

    Which to report: ICC(2,1) (absolute agreement of a single inspector — "would another
    inspector give this call the same score?") for calibration, ICC(3,k) (consistency of
    the panel mean, rater offsets ignored) for the reliability of averaged scores.

    Parameters
    ----------
    scores : array_like, shape (n_units, k_raters)
        Complete table (no missing values); at least 2 units and 2 raters.
    confidence_level : float

    Returns
    -------
    DataFrame
        One row per form (columns the fields of :class:`ICC`), indexed by ``form``.
        When every score is the same (no variance at all) or the units do not differ
        (MSR = 0), the ICCs are 0/0: their values are NaN and ``reason`` says why.

    Examples
    --------
    >>> import numpy as np
    >>> sf = np.array([[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8], [7, 1, 2, 6], [10, 5, 6, 9], [6, 2, 4, 7]])
    >>> t = icc_table(sf)  # Shrout & Fleiss (1979), Table 4: .17 .29 .71 .44 .62 .91
    >>> [round(v, 2) for v in t["statistic"]]
    [0.17, 0.29, 0.71, 0.44, 0.62, 0.91]
    >>> t.loc["ICC(2,1)", "mcgraw_wong"]
    'ICC(A,1)'
    """
    x = _units_by_raters(scores)
    n, k = x.shape
    if n < 2 or k < 2:
        raise ValueError(f"ICC needs at least 2 units and 2 raters; got {n} × {k}")
    if not np.all(np.isfinite(x)):
        raise ValueError(
            "ICC needs a complete table; drop (and report) units with missing scores first"
        )
    grand = x.mean()
    ssr = k * ((x.mean(axis=1) - grand) ** 2).sum()
    ssc = n * ((x.mean(axis=0) - grand) ** 2).sum()
    sst = ((x - grand) ** 2).sum()
    sse = sst - ssr - ssc
    code = None
    if sst <= 1e-12 * max(1.0, float(np.abs(x).max())) ** 2:
        code = AgreementReason.NO_VARIANCE
    elif ssr <= 1e-12 * sst:
        code = AgreementReason.SAME_UNIT_MEANS
    if code is not None:
        return pd.DataFrame(
            [
                {"form": form, "mcgraw_wong": mw, "description": desc, "statistic": np.nan,
                 "f": np.nan, "df1": float(n - 1), "df2": np.nan, "pvalue": np.nan,
                 "ci_low": np.nan, "ci_high": np.nan, "confidence_level": confidence_level,
                 "n_units": n, "k_raters": k, "reason": message(code), "reason_code": code}
                for form, mw, desc in ICC_FORMS
            ]
        ).set_index("form", drop=False)  # fmt: skip
    msr, msc = ssr / (n - 1), ssc / (k - 1)
    mse = sse / ((n - 1) * (k - 1))
    msw = (sst - ssr) / (n * (k - 1))
    icc1 = (msr - msw) / (msr + (k - 1) * msw)
    icc2 = (msr - mse) / (msr + (k - 1) * mse + k * (msc - mse) / n)
    icc3 = (msr - mse) / (msr + (k - 1) * mse)
    icc1k = (msr - msw) / msr
    icc2k = (msr - mse) / (msr + (msc - mse) / n)
    icc3k = (msr - mse) / msr
    a = 1 - confidence_level
    df1, df1w, df2e = n - 1, n * (k - 1), (n - 1) * (k - 1)
    f1, f3 = msr / msw, msr / mse
    fl1 = f1 / stats.f.ppf(1 - a / 2, df1, df1w)
    fu1 = f1 * stats.f.ppf(1 - a / 2, df1w, df1)
    fl3 = f3 / stats.f.ppf(1 - a / 2, df1, df2e)
    fu3 = f3 * stats.f.ppf(1 - a / 2, df2e, df1)
    fj = msc / mse
    vn = df2e * (k * icc2 * fj + n * (1 + (k - 1) * icc2) - k * icc2) ** 2
    vd = df1 * k**2 * icc2**2 * fj**2 + (n * (1 + (k - 1) * icc2) - k * icc2) ** 2
    v = vn / vd
    f2u = stats.f.ppf(1 - a / 2, n - 1, v)
    f2l = stats.f.ppf(1 - a / 2, v, n - 1)
    l2 = n * (msr - f2u * mse) / (f2u * (k * msc + (k * n - k - n) * mse) + n * msr)
    u2 = n * (f2l * msr - mse) / (k * msc + (k * n - k - n) * mse + n * f2l * msr)
    p1 = stats.f.sf(f1, df1, df1w)
    p3 = stats.f.sf(f3, df1, df2e)
    values = [
        (icc1, f1, df1w, p1, (fl1 - 1) / (fl1 + k - 1), (fu1 - 1) / (fu1 + k - 1)),
        (icc2, f3, df2e, p3, l2, u2),
        (icc3, f3, df2e, p3, (fl3 - 1) / (fl3 + k - 1), (fu3 - 1) / (fu3 + k - 1)),
        (icc1k, f1, df1w, p1, 1 - 1 / fl1, 1 - 1 / fu1),
        (icc2k, f3, df2e, p3, l2 * k / (1 + l2 * (k - 1)), u2 * k / (1 + u2 * (k - 1))),
        (icc3k, f3, df2e, p3, 1 - 1 / fl3, 1 - 1 / fu3),
    ]
    rows = [
        {
            "form": form,
            "mcgraw_wong": mw,
            "description": desc,
            "statistic": float(val),
            "f": float(fv),
            "df1": float(df1),
            "df2": float(d2),
            "pvalue": float(p),
            "ci_low": float(lo),
            "ci_high": float(hi),
            "confidence_level": confidence_level,
            "n_units": n,
            "k_raters": k,
            "reason": None,
            "reason_code": None,
        }
        for (form, mw, desc), (val, fv, d2, p, lo, hi) in zip(ICC_FORMS, values, strict=True)
    ]
    return pd.DataFrame(rows).set_index("form", drop=False)


def icc(scores: object, form: ICCForm = "ICC(2,1)", *, confidence_level: float = 0.95) -> ICC:
    """One intraclass correlation (see :func:`icc_table` for formulas and forms).

    Examples
    --------
    >>> import numpy as np
    >>> sf = np.array([[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8], [7, 1, 2, 6], [10, 5, 6, 9], [6, 2, 4, 7]])
    >>> r = icc(sf, "ICC(3,1)")  # Shrout & Fleiss (1979): .71
    >>> round(r.statistic, 2), r.mcgraw_wong, round(r.ci_low, 2), round(r.ci_high, 2)
    (0.71, 'ICC(C,1)', 0.34, 0.95)
    """
    table = icc_table(scores, confidence_level=confidence_level)
    if form not in table.index:
        raise ValueError(f"form must be one of {list(table.index)}, not {form!r}")
    return ICC(**table.loc[form].to_dict())


def pairwise_icc(scores: pd.DataFrame, form: ICCForm = "ICC(2,1)") -> pd.DataFrame:
    """ICC of every pair of raters (columns), on the units both scored; diagonal 1.

    Useful as a heat map: a rater whose row is pale agrees with nobody.

    Examples
    --------
    >>> import numpy as np
    >>> sf = np.array([[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8], [7, 1, 2, 6], [10, 5, 6, 9], [6, 2, 4, 7]])
    >>> import pandas as pd
    >>> m = pairwise_icc(pd.DataFrame(sf, columns=list("ABCD")))
    >>> round(float(m.loc["A", "D"]), 2), round(float(m.loc["B", "C"]), 2)
    (0.65, 0.56)
    """
    raters = list(scores.columns)
    out = pd.DataFrame(np.eye(len(raters)), index=raters, columns=raters)
    for i, a in enumerate(raters):
        for b in raters[i + 1 :]:
            pair = scores[[a, b]].dropna()
            out.loc[a, b] = out.loc[b, a] = icc(pair.to_numpy(), form).statistic
    return out


# ---------------------------------------------------------------------------------------------
# Cohen's kappa


@dataclass(frozen=True)
class CohenKappa:
    """Cohen's (weighted) kappa for two raters.

    Attributes
    ----------
    statistic : float
        Cohen's kappa (weighted when ``weights`` is given).
    se : float
        Asymptotic standard error (Fleiss, Cohen & Everitt 1969).
    ci_low, ci_high : float
        Wald interval ``kappa ± z·se``, clipped to [−1, 1].
    z, pvalue : float
        Test of kappa = 0 (SE under the null), two-sided.
    weights : str or None
        ``None`` (unweighted), ``"linear"`` or ``"quadratic"``.
    n : int
    categories : tuple
    reason : str or None
        Why kappa is undefined (both raters used one and the same category only, so
        chance agreement is 1), else ``None``.

    Examples
    --------
    Two inspectors, eight calls, pass (1) or fail (0):

    >>> r = cohen_kappa([1, 1, 0, 0, 1, 0, 1, 1], [1, 0, 0, 0, 1, 0, 1, 1])
    >>> round(r.statistic, 4), r.n, r.categories, r.reason
    (0.75, 8, (0, 1), None)
    """

    statistic: float
    se: float
    ci_low: float
    ci_high: float
    z: float
    pvalue: float
    weights: str | None
    n: int
    categories: tuple
    reason: str | None = None
    reason_code: AgreementReason | None = None


def cohen_kappa(
    rater1: Sequence,
    rater2: Sequence,
    *,
    weights: Literal["linear", "quadratic"] | None = None,
    categories: Sequence | None = None,
    confidence_level: float = 0.95,
) -> CohenKappa:
    """Cohen's kappa (1960), weighted (1968) for ordered categories, via statsmodels.

    :math:`\\kappa_w = 1 - \\sum w_{ij} o_{ij} / \\sum w_{ij} e_{ij}` with disagreement
    weights :math:`w_{ij} = |i-j|` (linear) or :math:`(i-j)^2` (quadratic) on the positions
    of the ordered ``categories`` (default: sorted values seen).  Calls
    ``statsmodels.stats.inter_rater.cohens_kappa`` on the square contingency table.

    Examples
    --------
    >>> r = cohen_kappa([1, 1, 0, 0, 1, 0, 1, 1], [1, 0, 0, 0, 1, 0, 1, 1])
    >>> round(r.statistic, 4), round(r.ci_low, 3), r.ci_high, round(r.pvalue, 4)
    (0.75, 0.306, 1.0, 0.0285)
    """
    from statsmodels.stats.inter_rater import cohens_kappa as sm_cohen

    a = pd.Series(list(rater1))
    b = pd.Series(list(rater2))
    if len(a) != len(b) or len(a) < 2:
        raise ValueError("both raters must rate the same ≥ 2 units")
    if a.isna().any() or b.isna().any():
        raise ValueError("Cohen's kappa needs both ratings of every unit")
    cats = list(categories) if categories is not None else sorted(set(a) | set(b))
    unknown = (set(a) | set(b)) - set(cats)
    if unknown:
        raise ValueError(f"ratings {sorted(unknown)} are not among the categories {cats}")
    table = pd.crosstab(pd.Categorical(a, cats), pd.Categorical(b, cats), dropna=False)
    table = table.reindex(index=cats, columns=cats, fill_value=0).to_numpy(dtype=float)
    used = (table.sum(axis=0) + table.sum(axis=1)) > 0
    if used.sum() < 2:
        nan = float("nan")
        return CohenKappa(
            nan, nan, nan, nan, nan, nan, weights, int(table.sum()), tuple(cats),
            reason=message(AgreementReason.SAME_CATEGORY_BOTH),
            reason_code=AgreementReason.SAME_CATEGORY_BOTH,
        )  # fmt: skip
    res = sm_cohen(table, wt=weights)
    kappa, se = float(res["kappa"]), float(res["std_kappa"])
    z = stats.norm.isf((1 - confidence_level) / 2)
    low, high = max(kappa - z * se, -1.0), min(kappa + z * se, 1.0)  # Wald CI, clipped to [-1, 1]
    return CohenKappa(
        kappa,
        se,
        float(low),
        float(high),
        float(res["z_value"]),
        float(res["pvalue_two_sided"]),
        weights,
        int(table.sum()),
        tuple(cats),
    )


# ---------------------------------------------------------------------------------------------
# Rater bias


@dataclass(frozen=True)
class RaterBias:
    """Each rater's mean difference from the panel.

    Attributes
    ----------
    table : DataFrame
        One row per rater: ``rater, n, mean_diff, sd, ci_low, ci_high, t, pvalue, p_holm,
        flagged``.
    reference : str
        ``"others"`` (mean of the other raters on the same unit) or ``"panel"`` (mean of all).
    confidence_level, alpha, practical : float

    Examples
    --------
    Shrout & Fleiss (1979) data: inspectors A and B differ from the others by more than
    2 points after Holm correction.

    >>> import numpy as np, pandas as pd
    >>> sf = np.array([[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8], [7, 1, 2, 6], [10, 5, 6, 9], [6, 2, 4, 7]])
    >>> r = rater_bias(pd.DataFrame(sf, columns=list("ABCD")), practical=2.0)
    >>> r.flagged, r.confidence_level, r.practical
    (['A', 'B'], 0.95, 2.0)
    """

    table: pd.DataFrame
    reference: str
    confidence_level: float
    alpha: float
    practical: float = 0.0

    @property
    def flagged(self) -> list[str]:
        """Raters whose bias is significant after Holm correction."""
        return self.table.loc[self.table["flagged"], "rater"].tolist()


def rater_bias(
    scores: pd.DataFrame,
    *,
    reference: Literal["others", "panel"] = "others",
    confidence_level: float = 0.95,
    alpha: float = 0.05,
    practical: float = 0.0,
) -> RaterBias:
    """Per-rater bias: mean of (rater's score − panel mean) over units, with a t interval.

    For rater *r* and unit *u*, :math:`d_{ru} = x_{ru} - \\bar x_{-r,u}` where the reference
    :math:`\\bar x_{-r,u}` is the mean of the *other* raters on that unit (default, so a
    rater is not compared with himself) or of all raters.  The mean of :math:`d_{ru}` with its
    Student-t confidence interval and one-sample t test (``scipy.stats.ttest_1samp``; equal
    to a paired t test of the rater against the reference); p-values Holm-adjusted over
    raters (``statsmodels.stats.multitest``).  A positive bias means the rater scores more
    leniently than the panel.  Units where the rater or every other rater is missing are
    skipped for that rater (counted in ``n``).

    Parameters
    ----------
    scores : DataFrame
        Units × raters (columns are rater ids), NaN allowed.
    reference : {"others", "panel"}
    confidence_level : float
        Level of the t intervals.
    alpha : float
        Significance level for ``flagged`` (Holm-adjusted p-values).
    practical : float
        Smallest bias worth acting on (in score units); a rater is ``flagged`` when the
        Holm-adjusted p < ``alpha`` *and* ``|mean_diff| >= practical``.  With one strongly
        biased rater the others' leave-one-out references move the other way, so a small
        practical threshold keeps the list to the raters who need calibration.

    Examples
    --------
    >>> import numpy as np
    >>> sf = np.array([[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8], [7, 1, 2, 6], [10, 5, 6, 9], [6, 2, 4, 7]])
    >>> import pandas as pd
    >>> r = rater_bias(pd.DataFrame(sf, columns=list("ABCD")), practical=2.0)
    >>> r.table[["rater", "mean_diff"]].round(2).values.tolist()
    [['A', 3.17], ['B', -3.72], ['C', -1.28], ['D', 1.83]]
    >>> r.flagged  # significant after Holm and at least 2 points
    ['A', 'B']
    """
    x = scores.to_numpy(dtype=float)
    raters = [str(c) for c in scores.columns]
    if x.shape[1] < 2:
        raise ValueError("need at least two raters")
    ok = np.isfinite(x)
    total = np.where(ok, x, 0.0).sum(axis=1, keepdims=True)
    count = ok.sum(axis=1, keepdims=True)
    if reference == "others":
        with np.errstate(invalid="ignore", divide="ignore"):
            ref = (total - np.where(ok, x, 0.0)) / (count - ok)
    elif reference == "panel":
        with np.errstate(invalid="ignore", divide="ignore"):
            ref = np.broadcast_to(total / count, x.shape)
    else:
        raise ValueError("reference must be 'others' or 'panel'")
    rows = []
    for j, r in enumerate(raters):
        d = (x[:, j] - ref[:, j])[np.isfinite(x[:, j]) & np.isfinite(ref[:, j])]
        if len(d) < 2:
            raise ValueError(f"rater {r} has fewer than 2 units shared with the panel")
        test = stats.ttest_1samp(d, 0.0)
        ci = test.confidence_interval(confidence_level)
        rows.append(
            {
                "rater": r,
                "n": len(d),
                "mean_diff": float(d.mean()),
                "sd": float(d.std(ddof=1)),
                "ci_low": float(ci.low),
                "ci_high": float(ci.high),
                "t": float(test.statistic),
                "pvalue": float(test.pvalue),
            }
        )
    table = pd.DataFrame(rows)
    table["p_holm"] = holm(table["pvalue"].to_numpy())
    table["flagged"] = (table["p_holm"] < alpha) & (table["mean_diff"].abs() >= practical)
    return RaterBias(table, reference, confidence_level, alpha, practical)


# ---------------------------------------------------------------------------------------------
# Cronbach's alpha


@dataclass(frozen=True)
class CronbachAlpha:
    """Cronbach's alpha of a scale with its confidence interval and item analysis.

    Attributes
    ----------
    statistic : float
        Cronbach's alpha;
        NaN when undefined (see ``reason``).
    ci_low, ci_high : float
        Feldt (1965) F-based interval.
    confidence_level : float
    n : int
        Respondents used (complete answers).
    k : int
        Items.
    n_dropped : int
        Respondents left out for missing answers (listwise).
    items : DataFrame
        One row per item: ``item, mean, sd, item_rest_r`` (corrected item–total correlation),
        ``alpha_if_deleted`` and ``reason`` (why a row's statistics are undefined, e.g. a
        constant item has no correlation with anything; ``None`` otherwise).
    reason : str or None
        Why alpha is undefined (every respondent has the same total), else ``None``.

    Examples
    --------
    >>> import pandas as pd
    >>> d = pd.DataFrame({"q1": [1, 2, 3, 4, 5], "q2": [2, 2, 4, 4, 5], "q3": [1, 3, 3, 4, 4]})
    >>> r = cronbach_alpha(d)
    >>> round(r.statistic, 4), r.confidence_level, r.n, r.k
    (0.9494, 0.95, 5, 3)
    >>> bool(r.ci_low < r.statistic < r.ci_high)
    True
    """

    statistic: float
    ci_low: float
    ci_high: float
    confidence_level: float
    n: int
    k: int
    n_dropped: int
    items: pd.DataFrame = field(repr=False)
    reason: str | None = None
    reason_code: AgreementReason | None = None


def cronbach_alpha(items: pd.DataFrame, *, confidence_level: float = 0.95) -> CronbachAlpha:
    """Cronbach's alpha, Feldt's confidence interval and alpha-if-item-deleted.

    .. math:: \\alpha = \\frac{k}{k-1}\\Bigl(1 - \\frac{\\sum_i s_i^2}{s_X^2}\\Bigr)

    with item variances :math:`s_i^2` and total-score variance :math:`s_X^2` (Cronbach
    1951).  Interval (Feldt 1965): :math:`1 - (1-\\alpha) F_{1-a/2}` … :math:`1 - (1-\\alpha)
    F_{a/2}` with (n−1, (n−1)(k−1)) degrees of freedom.  Respondents with a missing answer
    are dropped (listwise, as ``psych::alpha(use="complete.obs")``) and counted in
    ``n_dropped``.  Hand-written; tested against ``pingouin.cronbach_alpha``.

    Every item statistic comes from the item variances :math:`s_i^2`, the covariances
    :math:`c_i` of each item with the total and the total variance :math:`s_X^2` (no
    per-item loop, no k × k matrix): the rest score of item *i* has variance
    :math:`s_X^2 - 2c_i + s_i^2` and covariance :math:`c_i - s_i^2` with the item, giving
    the corrected item–total correlation and alpha-if-deleted.  A constant item has no correlation with anything: its
    ``item_rest_r`` is NaN and its ``reason`` says so.

    Parameters
    ----------
    items : DataFrame
        Respondents × items (numeric).

    Examples
    --------
    >>> import pandas as pd
    >>> d = pd.DataFrame({"q1": [1, 2, 3, 4], "q2": [2, 2, 4, 4], "q3": [3, 3, 3, 3]})
    >>> r = cronbach_alpha(d)
    >>> round(r.statistic, 4), r.items["reason"].iloc[2]
    (0.7059, 'the item has the same answer from every respondent')
    """
    data = items.astype(float)
    x = data.to_numpy()
    keep = np.isfinite(x).all(axis=1)
    x = x[keep]
    n, k = x.shape
    if k < 2 or n < 2:
        raise ValueError(
            f"Cronbach's alpha needs ≥ 2 items and ≥ 2 complete respondents; got {n} × {k}"
        )
    mean = x.mean(axis=0)
    dev = x - mean
    dev_total = dev.sum(axis=1)
    # only item variances and item-total covariances are needed (O(n k), no k × k matrix)
    diag = np.einsum("ij,ij->j", dev, dev) / (n - 1)
    cov_total = dev_total @ dev / (n - 1)
    tot = float(dev_total @ dev_total) / (n - 1)
    tr = float(diag.sum())
    constant = diag <= 1e-12 * np.maximum(1.0, np.abs(mean)) ** 2
    code = None
    if tot <= 1e-12 * max(1.0, tr):
        alpha = lo = hi = np.nan
        code = AgreementReason.SAME_TOTAL
    else:
        alpha = k / (k - 1) * (1 - tr / tot)
        a = 1 - confidence_level
        df1, df2 = n - 1, (n - 1) * (k - 1)
        lo = 1 - (1 - alpha) * stats.f.isf(a / 2, df1, df2)
        hi = 1 - (1 - alpha) * stats.f.isf(1 - a / 2, df1, df2)
    var_rest = tot - 2 * cov_total + diag
    with np.errstate(invalid="ignore", divide="ignore"):
        r_rest = (cov_total - diag) / np.sqrt(diag * var_rest)
        if k > 2:
            if_deleted = (k - 1) / (k - 2) * (1 - (tr - diag) / var_rest)
        else:
            if_deleted = np.full(k, np.nan)
    rest_constant = var_rest <= 1e-12 * max(1.0, tot)
    codes: list[AgreementReason | None] = [
        AgreementReason.CONSTANT_ITEM if const else AgreementReason.CONSTANT_REST if rc else None
        for const, rc in zip(constant, rest_constant, strict=True)
    ]
    r_rest = np.where(constant | rest_constant, np.nan, r_rest)
    if k == 2:
        codes = [c or AgreementReason.TWO_ITEMS for c in codes]
    if_deleted = np.where(rest_constant, np.nan, if_deleted)
    table = pd.DataFrame(
        {
            "item": [str(col) for col in data.columns],
            "mean": mean,
            "sd": np.sqrt(diag),
            "item_rest_r": r_rest,
            "alpha_if_deleted": if_deleted,
            "reason": [None if c is None else message(c) for c in codes],
            "reason_code": codes,
        }
    )
    return CronbachAlpha(
        float(alpha), float(lo), float(hi), confidence_level, n, k, len(data) - n, table,
        None if code is None else message(code), code,
    )  # fmt: skip
