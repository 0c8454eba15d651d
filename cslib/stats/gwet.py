"""Chance-corrected agreement with inference: Gwet's AC1/AC2, Fleiss' kappa, Krippendorff's alpha.

Gwet's AC1 (nominal) and AC2 (weighted) resist the *prevalence paradox*: on a QA floor
where 95 % of calls pass, two inspectors who agree on 96 % of calls can have a kappa near
zero, because kappa's chance agreement :math:`\\sum_k \\pi_k^2` approaches 1 when one
category dominates.  AC1's chance agreement :math:`\\sum_k \\pi_k (1-\\pi_k)/(q-1)` goes to
0 instead, so AC1 stays close to the observed agreement.

Both coefficients are computed in the same framework (Gwet 2014, ch. 2–5) for ``n`` units
rated by any number of raters, missing ratings allowed, with the standard error of
Gwet (2008): the linearised (jackknife-like) variance over units, conditional on the
raters.  This module holds the one Fleiss' kappa (:func:`fleiss_kappa`; equal to
``statsmodels``' on complete data) and the one Krippendorff's alpha
(:func:`krippendorff_alpha`; equal to the ``krippendorff`` package's) of cslib, each with
the standard error and interval that benchmarking by membership probability needs.

Why written here: no maintained Python library computes AC1/AC2 with their variance for
current numpy/scipy (``irrCAC`` on PyPI pins ``scipy==1.12``); the formulas below follow
Gwet's handbook and are tested to 1e-9 against ``irrCAC`` 0.4.4 (run once with
``digits=15``) and to the printed digits against the R ``irrCAC`` documentation.

References
----------
Gwet, K. L. (2008). Computing inter-rater reliability and its variance in the presence
of high agreement. *British Journal of Mathematical and Statistical Psychology*, 61(1),
29–48.
Gwet, K. L. (2014). *Handbook of Inter-Rater Reliability* (4th ed.), Advanced Analytics,
ch. 2–5 (coefficients, weights, variance).
Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters.
*Psychological Bulletin*, 76(5), 378–382.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd
from scipy import stats

from cslib.core.errors import InputError
from cslib.stats.reasons import AgreementReason, message

WeightName = Literal["identity", "linear", "quadratic", "ordinal"]


@dataclass(frozen=True)
class AgreementCoefficient:
    """A chance-corrected agreement coefficient with its standard error and test.

    Attributes
    ----------
    name : str
        ``"AC1"``, ``"AC2"`` or ``"Fleiss kappa"`` (``"weighted Fleiss kappa"``).
    statistic : float
        :math:`(p_a - p_e)/(1 - p_e)`; NaN when undefined (see ``reason``).
    se : float
        Standard error (Gwet 2008), conditional on the raters; NaN when undefined.
    ci_low, ci_high : float
        ``statistic ± t_{n-1} · se``, clipped to [−1, 1] (as R ``irrCAC``).
    confidence_level : float
    pvalue : float
        Two-sided test of "no agreement beyond chance" (coefficient = 0) on Student's t
        with ``n − 1`` degrees of freedom (the normal approximation of the linearised
        estimator, as in Gwet 2014); NaN when the standard error is 0 or undefined.
    pa, pe : float
        Observed and chance agreement.
    n_units : int
        Units with at least one rating.
    n_raters : int
    categories : tuple
    weights : str
        ``"identity"``, ``"linear"``, ``"quadratic"`` or ``"custom"``.
    reason : str or None
        Why the statistic is undefined (``None`` when it is defined), in English; reports
        use ``reason_code`` (:class:`cslib.stats.reasons.AgreementReason`) instead.
    pvalue_reason : str or None
        Why the standard error / p-value is undefined while the statistic is defined
        (e.g. every unit agrees perfectly, so there is no spread to estimate).

    Examples
    --------
    >>> import numpy as np
    >>> r = gwet_ac(np.column_stack([[1] * 18 + [1, 0], [1] * 18 + [0, 1]]), categories=[0, 1])
    >>> r.name, round(r.statistic, 4), r.confidence_level, r.n_units, r.defined
    ('AC1', 0.8895, 0.95, 20, True)
    """

    name: str
    statistic: float
    se: float
    ci_low: float
    ci_high: float
    confidence_level: float
    pvalue: float
    pa: float
    pe: float
    n_units: int
    n_raters: int
    categories: tuple
    weights: str
    reason: str | None = None
    pvalue_reason: str | None = None
    reason_code: AgreementReason | None = None
    pvalue_reason_code: AgreementReason | None = None

    @property
    def defined(self) -> bool:
        """True when the statistic itself is defined."""
        return self.reason is None


def agreement_weights(categories: Sequence[float], kind: WeightName = "identity") -> np.ndarray:
    """Agreement weights :math:`w_{kl}` on the category values (Gwet 2014, ch. 3).

    ``identity``: :math:`w_{kl} = [k = l]`; ``linear``: :math:`1 - |x_k - x_l| /
    (x_{max} - x_{min})`; ``quadratic``: :math:`1 - (x_k - x_l)^2/(x_{max} - x_{min})^2`,
    with :math:`x_k` the numeric value of category *k*; ``ordinal`` (R ``irrCAC``'s
    ``ordinal.weights``, which uses only the order of the categories):
    :math:`1 - \\binom{|r_k - r_l| + 1}{2} / \\max_{k,l} \\binom{|r_k - r_l| + 1}{2}` with
    :math:`r_k` the rank of category *k*.  (Krippendorff's own ordinal metric, which depends
    on the category frequencies, is :func:`cslib.stats.agreement.krippendorff_alpha`'s.)

    Examples
    --------
    >>> agreement_weights([1, 2, 3], "linear")
    array([[1. , 0.5, 0. ],
           [0.5, 1. , 0.5],
           [0. , 0.5, 1. ]])
    """
    q = len(categories)
    if kind == "identity":
        return np.eye(q)
    if kind == "ordinal":  # irrCAC ordinal.weights: n_kl = |k − l| + 1, w = n(n − 1)/2
        if q < 2:
            return np.eye(q)
        rank = np.argsort(np.argsort(np.asarray(categories, dtype=float), kind="stable"))
        n = np.abs(rank[:, None] - rank[None, :]) + 1.0
        w = n * (n - 1) / 2
        return 1.0 - w / w.max()
    x = np.asarray(categories, dtype=float)
    span = x.max() - x.min() if q else 0.0
    if q < 2 or span == 0:
        return np.eye(q)
    d = np.abs(x[:, None] - x[None, :]) / span
    if kind == "linear":
        return 1.0 - d
    if kind == "quadratic":
        return 1.0 - d**2
    raise InputError.single(
        None,
        "unknown weights",
        column="weights",
        found=kind,
    )


def _counts(ratings: object, categories: Sequence | None) -> tuple[np.ndarray, tuple]:
    """Units × categories counts of raters; units with no rating dropped."""
    frame = pd.DataFrame(np.asarray(ratings, dtype=object))
    if frame.ndim != 2 or frame.shape[1] < 1:
        raise InputError.single(
            None, "ratings must be a 2-D table (units × raters)", column="ratings"
        )
    values = frame.stack(future_stack=True).dropna()
    if categories is None:
        cats = tuple(sorted(pd.unique(values).tolist()))
    else:
        cats = tuple(categories)
        unknown = sorted(set(values.tolist()) - set(cats), key=str)
        if unknown:
            raise InputError.single(
                None,
                f"ratings {unknown[:5]} are not among the declared categories {list(cats)}",
                column="categories",
                found=unknown[0],
            )
    counts = np.zeros((len(frame), len(cats)))
    for k, c in enumerate(cats):
        counts[:, k] = (frame == c).sum(axis=1).to_numpy()
    return counts[counts.sum(axis=1) > 0], cats


def _given_counts(table: object, categories: Sequence | None) -> tuple[np.ndarray, tuple, int]:
    """A units × categories table of rater counts, checked; units with no rating dropped."""
    counts = np.asarray(table, dtype=float)
    if counts.ndim != 2 or not np.all(np.isfinite(counts)) or np.any(counts < 0):
        raise InputError.single(
            None,
            "counts must be a 2-D table (units × categories) of non-negative numbers",
            column="ratings",
        )
    if np.any(counts != np.round(counts)):
        raise InputError.single(None, "counts must be whole numbers", column="ratings")
    cats = tuple(range(counts.shape[1])) if categories is None else tuple(categories)
    if len(cats) != counts.shape[1]:
        raise InputError.single(
            None,
            f"one category per column of the counts ({counts.shape[1]})",
            column="categories",
            found=list(cats),
        )
    n_raters = int(counts.sum(axis=1).max()) if counts.size else 0
    return counts[counts.sum(axis=1) > 0], cats, n_raters


def _check_level(confidence_level: float) -> None:
    if not 0 < confidence_level < 1:
        raise InputError.single(
            None,
            "confidence_level must lie strictly between 0 and 1",
            column="confidence_level",
            found=confidence_level,
        )


def _coefficient(
    ratings: object,
    kind: Literal["gwet", "fleiss", "krippendorff"],
    weights: WeightName | np.ndarray,
    categories: Sequence | None,
    confidence_level: float,
    *,
    counts_given: bool = False,
) -> AgreementCoefficient:
    _check_level(confidence_level)
    if counts_given:
        counts, cats, n_raters = _given_counts(ratings, categories)
    else:
        counts, cats = _counts(ratings, categories)
        n_raters = int(np.asarray(ratings, dtype=object).shape[1])
    q = len(cats)
    if isinstance(weights, str):
        if weights != "identity" and not all(
            isinstance(c, int | float | np.integer | np.floating) and not isinstance(c, bool)
            for c in cats
        ):
            raise InputError.single(
                None,
                f"{weights} weights need numeric categories",
                column="categories",
                found=list(cats),
            )
        w = agreement_weights(cats, weights) if q else np.eye(0)
        wname: str = weights
    else:
        w = np.asarray(weights, dtype=float)
        wname = "custom"
        if w.shape != (q, q):
            raise InputError.single(
                None,
                f"weight matrix must be {q} × {q} (one row/column per category)",
                column="weights",
                found=w.shape,
            )
    weighted = not np.array_equal(w, np.eye(q))
    if kind == "gwet":
        name = "AC2" if weighted else "AC1"
    elif kind == "krippendorff":
        name = "Krippendorff alpha"
    else:
        name = "weighted Fleiss kappa" if weighted else "Fleiss kappa"
    n = counts.shape[0]
    r_i = counts.sum(axis=1)
    multi = r_i >= 2
    n2 = int(multi.sum())

    def undefined(
        code: AgreementReason, pa: float = np.nan, pe: float = np.nan
    ) -> AgreementCoefficient:
        return AgreementCoefficient(
            name, np.nan, np.nan, np.nan, np.nan, confidence_level, np.nan, pa, pe, n,
            n_raters, cats, wname, reason=message(code), reason_code=code,
        )  # fmt: skip

    if n_raters < 2:
        return undefined(AgreementReason.ONE_RATER)
    if n2 < 2:
        return undefined(AgreementReason.FEW_UNITS)
    if kind == "gwet" and q < 2:
        return undefined(AgreementReason.ONE_CATEGORY_POSSIBLE)
    if kind == "krippendorff":
        return _krippendorff(counts, w, name, cats, wname, n_raters, confidence_level)
    # observed agreement: weighted pairs of agreeing ratings within each unit
    r_star = counts @ w.T
    pa_i = np.zeros(n)
    pa_i[multi] = (counts * (r_star - 1)).sum(axis=1)[multi] / (r_i * (r_i - 1))[multi]
    pa = float(pa_i[multi].mean())
    pi = (counts / r_i[:, None]).mean(axis=0)  # classification propensities
    if kind == "gwet":
        t_w = float(w.sum())
        pe = t_w * float((pi * (1 - pi)).sum()) / (q * (q - 1))
        pe_i = t_w / (q * (q - 1)) * (counts @ (1 - pi)) / r_i
    else:
        pe = float(pi @ w @ pi)
        pe_i = counts @ ((w @ pi + w.T @ pi) / 2) / r_i
    if pe >= 1:
        return undefined(AgreementReason.ONE_CATEGORY, pa, pe)
    coef = (pa - pe) / (1 - pe)
    # Gwet (2008): linearised unit-level contributions, conditional on the raters
    c_i = np.where(multi, (n / n2) * (pa_i - pe) / (1 - pe), 0.0)
    c_star = c_i - 2 * (1 - coef) * (pe_i - pe) / (1 - pe)
    var = float(((c_star - coef) ** 2).sum()) / (n * (n - 1))
    se = float(np.sqrt(max(var, 0.0)))
    tq = float(stats.t.ppf(0.5 + confidence_level / 2, n - 1))
    lo, hi = max(coef - tq * se, -1.0), min(coef + tq * se, 1.0)
    if se > 1e-12 * max(1.0, abs(coef)):
        pvalue = float(2 * stats.t.sf(abs(coef) / se, n - 1))
        why = None
    else:
        se, lo, hi, pvalue = 0.0, coef, coef, np.nan
        why = AgreementReason.NO_SPREAD
    return AgreementCoefficient(
        name, float(coef), se, float(lo), float(hi), confidence_level, pvalue, pa, pe, n,
        n_raters, cats, wname, pvalue_reason=None if why is None else message(why),
        pvalue_reason_code=why,
    )  # fmt: skip


def gwet_ac(
    ratings: object,
    *,
    weights: WeightName | np.ndarray = "identity",
    categories: Sequence | None = None,
    confidence_level: float = 0.95,
) -> AgreementCoefficient:
    """Gwet's AC1 (``weights="identity"``) or AC2 (weighted) for any number of raters.

    With :math:`r_{ik}` raters putting unit *i* in category *k*, :math:`r_i = \\sum_k
    r_{ik}`, weights :math:`w_{kl}`, :math:`r^*_{ik} = \\sum_l w_{kl} r_{il}` and
    :math:`n'` units rated at least twice:

    .. math::

        p_a = \\frac{1}{n'} \\sum_{i: r_i \\ge 2} \\sum_k
              \\frac{r_{ik}(r^*_{ik} - 1)}{r_i (r_i - 1)}, \\qquad
        \\pi_k = \\frac{1}{n} \\sum_i \\frac{r_{ik}}{r_i}, \\qquad
        p_e = \\frac{T_w}{q(q-1)} \\sum_k \\pi_k (1 - \\pi_k),

        AC = \\frac{p_a - p_e}{1 - p_e},

    :math:`T_w = \\sum_{kl} w_{kl}`.  Variance (Gwet 2008, conditional on the raters):
    :math:`v = \\frac{1}{n(n-1)} \\sum_i (AC^*_i - AC)^2` with
    :math:`AC^*_i = AC_i - 2 (1 - AC)(p_{e|i} - p_e)/(1 - p_e)`,
    :math:`AC_i = \\frac{n}{n'} (p_{a|i} - p_e)/(1 - p_e)` (0 for units rated once) and
    :math:`p_{e|i} = \\frac{T_w}{q(q-1)} \\sum_k \\frac{r_{ik}}{r_i} (1 - \\pi_k)`.
    Interval and test on Student's t with ``n − 1`` degrees of freedom (R ``irrCAC``).

    Declare ``categories`` (e.g. ``[False, True]`` for fail/pass): AC1 is defined — and
    equals 1 — when every rating is "pass", as long as "fail" was possible.

    Parameters
    ----------
    ratings : array_like, shape (n_units, n_raters)
        Category labels; NaN/None where a rater did not rate a unit.
    weights : {"identity", "linear", "quadratic", "ordinal"} or array, shape (q, q)
        Agreement weights on the (numeric) category values; "identity" gives AC1.
    categories : sequence, optional
        All possible categories (default: those observed).  Weighted forms need numbers.
    confidence_level : float

    Returns
    -------
    AgreementCoefficient

    References
    ----------
    Gwet (2008); Gwet (2014), ch. 4–5.

    Examples
    --------
    Twenty calls, two inspectors, 18 passed by both, one split each way — kappa
    collapses, AC1 does not:

    >>> import numpy as np
    >>> a = np.array([1] * 18 + [1, 0])
    >>> b = np.array([1] * 18 + [0, 1])
    >>> r = gwet_ac(np.column_stack([a, b]), categories=[0, 1])
    >>> round(r.pa, 4), round(r.statistic, 4)
    (0.9, 0.8895)
    >>> round(fleiss_kappa(np.column_stack([a, b]), categories=[0, 1]).statistic, 3)
    -0.053
    """
    return _coefficient(ratings, "gwet", weights, categories, confidence_level)


def fleiss_kappa(
    ratings: object,
    *,
    weights: WeightName | np.ndarray = "identity",
    categories: Sequence | None = None,
    counts: bool = False,
    confidence_level: float = 0.95,
) -> AgreementCoefficient:
    """Fleiss' (generalised, optionally weighted) kappa with Gwet's standard error.

    The one Fleiss' kappa of cslib: statistic, standard error, interval and test.
    ``ratings`` is ``(units, raters)`` category labels (missing ratings allowed as NaN/None)
    or, with ``counts=True``, a ``(units, categories)`` table of how many raters put each
    unit in each category (as Fleiss 1971 tabulates it; ``categories`` then names the
    columns).

    Same :math:`p_a` as :func:`gwet_ac`; chance agreement :math:`p_e = \\sum_{kl} w_{kl}
    \\pi_k \\pi_l` and :math:`p_{e|i} = \\sum_k \\frac{r_{ik}}{r_i} \\bar w_{k\\cdot}`
    with :math:`\\bar w_{k\\cdot} = \\sum_l (w_{kl} + w_{lk}) \\pi_l / 2` (Gwet 2014,
    ch. 5).  On complete data the coefficient equals Fleiss (1971) and
    ``statsmodels.stats.inter_rater.fleiss_kappa``.  Undefined (``reason`` set) when all
    ratings fall in one category.

    Examples
    --------
    Six calls, three inspectors, pass (1) or fail (0):

    >>> x = [[1, 1, 0], [1, 1, 1], [0, 0, 0], [1, 0, 1], [0, 0, 0], [1, 1, 1]]
    >>> r = fleiss_kappa(x)
    >>> round(r.statistic, 4), round(r.pa, 4), round(r.pe, 4), r.n_units, r.n_raters
    (0.55, 0.7778, 0.5062, 6, 3)
    >>> fleiss_kappa([[1, 1], [1, 1], [1, 1]], categories=[0, 1]).reason
    'all ratings fall in one category, so chance agreement is 1 and the coefficient is 0/0'
    """
    return _coefficient(
        ratings, "fleiss", weights, categories, confidence_level, counts_given=counts
    )


def _krippendorff(
    counts: np.ndarray,
    w: np.ndarray,
    name: str,
    cats: tuple,
    wname: str,
    n_raters: int,
    confidence_level: float,
) -> AgreementCoefficient:
    """Krippendorff's alpha in Gwet's (2014, ch. 5) agreement form, with its variance."""
    counts = counts[counts.sum(axis=1) >= 2]  # only pairable units count
    n = counts.shape[0]
    r_i = counts.sum(axis=1)
    r_bar = float(r_i.mean())
    eps = 1.0 / float(r_i.sum())
    r_star = counts @ w.T
    sum_q = (counts * (r_star - 1)).sum(axis=1)
    pa_prime = float((sum_q / (r_bar * (r_i - 1))).sum()) / n
    pa = (1 - eps) * pa_prime + eps
    pi = (counts / r_bar).mean(axis=0)
    pe = float(pi @ w @ pi)
    if pe >= 1 - 1e-12:
        return AgreementCoefficient(
            name, np.nan, np.nan, np.nan, np.nan, confidence_level, np.nan, pa, pe, n,
            n_raters, cats, wname,
            reason=message(AgreementReason.SAME_VALUE), reason_code=AgreementReason.SAME_VALUE,
        )  # fmt: skip
    alpha = (pa - pe) / (1 - pe)
    alpha_prime = (pa_prime - pe) / (1 - pe)
    pa_i = sum_q / (r_bar * (r_i - 1)) - pa * (r_i - r_bar) / r_bar
    a_i = (pa_i - pe) / (1 - pe)
    pe_i = counts @ ((w @ pi + w.T @ pi) / 2) / r_bar - pe * (r_i - r_bar) / r_bar
    a_star = a_i - 2 * (1 - alpha_prime) * (pe_i - pe) / (1 - pe)
    var = float(((a_star - alpha_prime) ** 2).sum()) / (n * (n - 1))
    se = float(np.sqrt(max(var, 0.0)))
    tq = float(stats.t.ppf(0.5 + confidence_level / 2, n - 1))
    lo, hi = max(alpha - tq * se, -1.0), min(alpha + tq * se, 1.0)
    if se > 1e-12 * max(1.0, abs(alpha)):
        return AgreementCoefficient(
            name, float(alpha), se, float(lo), float(hi), confidence_level,
            float(2 * stats.t.sf(abs(alpha) / se, n - 1)), pa, pe, n, n_raters, cats, wname,
        )  # fmt: skip
    return AgreementCoefficient(
        name, float(alpha), 0.0, float(alpha), float(alpha), confidence_level, np.nan, pa,
        pe, n, n_raters, cats, wname,
        pvalue_reason=message(AgreementReason.NO_SPREAD),
        pvalue_reason_code=AgreementReason.NO_SPREAD,
    )  # fmt: skip


#: Krippendorff's levels of measurement and the agreement weights that give them in Gwet's
#: form (ordinal and ratio distances depend on the data, so they have no weights here).
KRIPPENDORFF_WEIGHTS: dict[str, WeightName | None] = {
    "nominal": "identity",
    "interval": "quadratic",
    "ordinal": None,
    "ratio": None,
}


@dataclass(frozen=True)
class KrippendorffAlpha(AgreementCoefficient):
    """Krippendorff's alpha with its standard error (an :class:`AgreementCoefficient`).

    Extra attributes
    ----------------
    level : str
        ``"nominal"``, ``"ordinal"``, ``"interval"`` or ``"ratio"``.
    n_values : int
        Pairable ratings used.
    n_missing : int
        Empty cells (allowed).

    ``n_units`` counts the pairable units (rated at least twice).

    Examples
    --------
    >>> import numpy as np
    >>> x = np.array([[1, 1, np.nan], [2, 2, 3], [3, 3, 3], [4, 4, 4], [1, 2, 1]])
    >>> r = krippendorff_alpha(x, "nominal")
    >>> round(r.statistic, 4), r.level, r.n_units, r.n_raters, r.n_values, r.n_missing
    (0.6438, 'nominal', 5, 3, 14, 1)
    """

    level: str = "nominal"
    n_values: int = 0
    n_missing: int = 0


def krippendorff_alpha(
    ratings: object,
    level: Literal["nominal", "ordinal", "interval", "ratio"] = "nominal",
    *,
    value_domain: Sequence | None = None,
    confidence_level: float = 0.95,
) -> KrippendorffAlpha:
    """Krippendorff's alpha, with Gwet's standard error at the nominal and interval levels.

    The one Krippendorff's alpha of cslib.  :math:`\\alpha = 1 - D_o/D_e` (observed over
    expected disagreement) from the ``krippendorff`` package at every level; missing
    ratings (NaN) allowed.  At the nominal and interval levels the same coefficient is,
    in Gwet's (2014, ch. 5) agreement form over the :math:`n` units rated at least twice
    with :math:`\\bar r` ratings on average and :math:`\\varepsilon = 1/\\sum_i r_i`:

    .. math::

        p'_a = \\frac{1}{n}\\sum_i \\sum_k \\frac{r_{ik}(r^*_{ik} - 1)}{\\bar r (r_i - 1)},
        \\quad p_a = (1 - \\varepsilon) p'_a + \\varepsilon, \\quad
        \\pi_k = \\frac{1}{n}\\sum_i \\frac{r_{ik}}{\\bar r}, \\quad
        p_e = \\sum_{kl} w_{kl}\\pi_k\\pi_l, \\quad
        \\alpha = \\frac{p_a - p_e}{1 - p_e},

    with identity (nominal) or quadratic (interval) weights :math:`w_{kl}` on the values;
    its linearised standard error (Gwet 2014, conditional on the raters) gives the
    interval and test on Student's t with ``n − 1`` degrees of freedom (tested against R
    ``irrCAC``).  The ordinal and ratio distances depend on the observed marginals, for
    which this variance does not hold: there the standard error is undefined and
    ``pvalue_reason`` says so.

    Parameters
    ----------
    ratings : array_like, shape (n_units, n_raters)
        Numeric ratings, NaN where a rater did not rate a unit.
    level : {"nominal", "ordinal", "interval", "ratio"}
    value_domain : sequence, optional
        All possible values (values nobody used still count in ordinal distances and in
        the weights); default the values observed.
    confidence_level : float

    Returns
    -------
    KrippendorffAlpha

    References
    ----------
    Krippendorff, K. (2011). Computing Krippendorff's alpha-reliability. Annenberg School
    for Communication, University of Pennsylvania.  Gwet (2014), ch. 5.

    Examples
    --------
    >>> r = krippendorff_alpha([[1, 1], [2, 2], [3, 2], [1, 1]])
    >>> round(r.statistic, 4), round(r.se, 4) > 0, r.level
    (0.6316, True, 'nominal')
    >>> krippendorff_alpha([[1, 2], [2, 3], [3, 3]], "ordinal").pvalue_reason is not None
    True
    """
    import krippendorff

    _check_level(confidence_level)
    if level not in KRIPPENDORFF_WEIGHTS:
        raise InputError.single(
            None,
            f"expected one of {', '.join(KRIPPENDORFF_WEIGHTS)}",
            column="level",
            found=level,
        )
    x = np.asarray(ratings, dtype=float)
    if x.ndim != 2:
        raise InputError.single(
            None, "ratings must be a 2-D table (units × raters)", column="ratings", found=x.shape
        )
    pairable = np.isfinite(x).sum(axis=1) >= 2
    n_units, n_raters = int(pairable.sum()), x.shape[1]
    n_values, n_missing = int(np.isfinite(x[pairable]).sum()), int((~np.isfinite(x)).sum())
    values = np.unique(x[pairable][np.isfinite(x[pairable])])

    def result(base: AgreementCoefficient) -> KrippendorffAlpha:
        fields = {f: getattr(base, f) for f in AgreementCoefficient.__dataclass_fields__}
        fields.update(n_units=n_units, n_raters=n_raters)
        return KrippendorffAlpha(**fields, level=level, n_values=n_values, n_missing=n_missing)

    def undefined(code: AgreementReason) -> KrippendorffAlpha:
        nan = np.nan
        return result(
            AgreementCoefficient(
                "Krippendorff alpha", nan, nan, nan, nan, confidence_level, nan, nan, nan,
                n_units, n_raters, tuple(values.tolist()), level, reason=message(code),
                reason_code=code,
            )
        )  # fmt: skip

    if n_raters < 2:
        return undefined(AgreementReason.ONE_RATER)
    if n_units < 2:
        return undefined(AgreementReason.FEW_UNITS)
    if len(values) < 2:
        return undefined(AgreementReason.SAME_VALUE)
    kw = {"value_domain": list(value_domain)} if value_domain is not None else {}
    statistic = float(krippendorff.alpha(reliability_data=x.T, level_of_measurement=level, **kw))
    weights = KRIPPENDORFF_WEIGHTS[level]
    cats = tuple(values.tolist()) if value_domain is None else tuple(value_domain)
    if weights is None:
        nan = np.nan
        return result(
            AgreementCoefficient(
                "Krippendorff alpha", statistic, nan, nan, nan, confidence_level, nan, nan,
                nan, n_units, n_raters, cats, level,
                pvalue_reason=message(AgreementReason.NO_SE_AT_LEVEL, level=level),
                pvalue_reason_code=AgreementReason.NO_SE_AT_LEVEL,
            )
        )  # fmt: skip
    ratings_obj = np.where(np.isfinite(x), x, np.nan).astype(object)
    ratings_obj[~np.isfinite(x)] = None
    gwet = _coefficient(ratings_obj, "krippendorff", weights, cats, confidence_level)
    # the package's value and Gwet's form agree to rounding (tested); report the package's
    return result(dataclasses.replace(gwet, statistic=statistic))
