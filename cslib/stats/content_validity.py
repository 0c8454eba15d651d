"""Content validity of an indicator set: CVI, modified kappa, Lawshe's CVR, Aiken's V.

All functions take a complete ``(experts, items)`` array of ratings (or counts) and
return frozen results; nothing here reads files or speaks a language (interpretations
are English keys that the report translates).

* **I-CVI** — share of experts rating an item relevant (``score ≥ relevant_min``, on a
  4-point relevance scale 3 or 4).  **S-CVI/Ave** — mean I-CVI; **S-CVI/UA** — share of
  items every expert rated relevant (Polit & Beck 2006).
* **Modified kappa** :math:`\\kappa^* = (\\text{I-CVI} - p_c)/(1 - p_c)`, with the
  probability of chance agreement :math:`p_c = \\binom{N}{A} 0.5^N` (N experts, A of them
  rating relevant), interpreted as excellent (> 0.74), good (0.60–0.74), fair
  (0.40–0.59) or poor (< 0.40) (Polit, Beck & Owen 2007, after Cicchetti & Sparrow 1981).
* **Lawshe's CVR** :math:`= (n_e - N/2)/(N/2)` for :math:`n_e` of N experts rating an
  item "essential".  Critical values are **not** Lawshe's (1975) printed table, which
  contains errors (Wilson, Pan & Schumsky 2012); they are computed as Ayre & Scally
  (2014) do: the smallest :math:`n_e` with one-tailed exact binomial
  :math:`P(X \\ge n_e \\mid N, 1/2) \\le \\alpha`, converted to a CVR.
* **Aiken's V** :math:`= \\sum_i (r_i - lo) / (N (c - 1))` for ratings on ``c``
  ordered categories ``lo … lo + c − 1``, with the exact right-tail probability of the
  sum under independent uniform ratings (the null model of Aiken's 1985 tables),
  computed by convolution.

Written by hand: no maintained Python package computes these indices (they are short
closed formulas); they are tested against the published worked examples and tables.

References
----------
Lawshe, C. H. (1975). A quantitative approach to content validity. *Personnel
Psychology*, 28(4), 563–575.
Aiken, L. R. (1985). Three coefficients for analyzing the reliability and validity of
ratings. *Educational and Psychological Measurement*, 45(1), 131–142.
Polit, D. F., & Beck, C. T. (2006). The content validity index: are you sure you know
what's being reported? *Research in Nursing & Health*, 29(5), 489–497.
Polit, D. F., Beck, C. T., & Owen, S. V. (2007). Is the CVI an acceptable indicator of
content validity? *Research in Nursing & Health*, 30(4), 459–467.
Wilson, F. R., Pan, W., & Schumsky, D. A. (2012). Recalculation of the critical values
for Lawshe's content validity ratio. *Measurement and Evaluation in Counseling and
Development*, 45(3), 197–210.
Ayre, C., & Scally, A. J. (2014). Critical values for Lawshe's content validity ratio:
revisiting the original methods of calculation. *Measurement and Evaluation in
Counseling and Development*, 47(1), 79–86.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import special, stats

from cslib.core.errors import InputError


def _matrix(ratings: object, name: str) -> np.ndarray:
    x = np.asarray(ratings, dtype=float)
    if x.ndim != 2 or x.shape[1] < 1:
        raise InputError.single(
            None, "expected a 2-D (experts × items) array", column=name, found=x.shape
        )
    if not np.all(np.isfinite(x)):
        raise InputError.single(
            None, "ratings must be complete (no missing values)", column=name, found="NaN"
        )
    return x


def _names(items: object, k: int) -> list[str]:
    if items is None:
        return [f"item{j + 1}" for j in range(k)]
    names = [str(i) for i in items]  # type: ignore[attr-defined]
    if len(names) != k:
        raise InputError.single(None, f"expected {k} item names", column="items", found=len(names))
    return names


def kappa_interpretation(kappa: float) -> str:
    """Polit, Beck & Owen (2007) band of a modified kappa; ``""`` for NaN (no label).

    Examples
    --------
    >>> kappa_interpretation(0.76), kappa_interpretation(0.74), kappa_interpretation(0.39)
    ('excellent', 'good', 'poor')
    """
    if not np.isfinite(kappa):
        return ""
    if kappa > 0.74:
        return "excellent"
    if kappa >= 0.60:
        return "good"
    if kappa >= 0.40:
        return "fair"
    return "poor"


@dataclass(frozen=True)
class ContentValidity:
    """Item- and scale-level content validity indices.

    Attributes
    ----------
    items : DataFrame
        ``item, n_experts, n_relevant, i_cvi, pc, kappa_star, interpretation``.
    s_cvi_ave : float
        Mean of the I-CVIs.
    s_cvi_ua : float
        Share of items with I-CVI = 1 (universal agreement).
    n_experts : int
    relevant_min : float
        Ratings at or above this count as "relevant".
    reason : str
        Why the indices are undefined (empty when defined).

    Examples
    --------
    Six experts, two items rated 1–4 (3 or 4 = relevant):

    >>> r = content_validity([[4, 4], [4, 3], [3, 4], [3, 2], [4, 4], [2, 4]])
    >>> r.items["i_cvi"].round(2).tolist(), round(r.s_cvi_ave, 2), round(r.s_cvi_ua, 2)
    ([0.83, 0.83], 0.83, 0.0)
    """

    items: pd.DataFrame
    s_cvi_ave: float
    s_cvi_ua: float
    n_experts: int
    relevant_min: float
    reason: str = ""


def content_validity(
    ratings: object, *, relevant_min: float = 3, items: object = None
) -> ContentValidity:
    """I-CVI, S-CVI/Ave, S-CVI/UA and the modified kappa of each item.

    Parameters
    ----------
    ratings : array_like, shape (N, k)
        Relevance ratings, one row per expert, one column per item.
    relevant_min : float
        Ratings ``≥ relevant_min`` count as relevant (3 on Polit's 4-point scale).
    items : sequence of str, optional
        Item names (default ``item1 …``).

    Returns
    -------
    ContentValidity

    Examples
    --------
    Polit, Beck & Owen (2007), Table 2: five of six experts rate an item relevant.

    >>> res = content_validity([[4], [4], [3], [3], [4], [2]])
    >>> r = res.items.iloc[0]
    >>> round(float(r.i_cvi), 2), round(float(r.pc), 3), round(float(r.kappa_star), 2), r.interpretation
    (0.83, 0.094, 0.82, 'excellent')
    """
    x = _matrix(ratings, "ratings")
    n, k = x.shape
    names = _names(items, k)
    if n < 2:
        nan = np.full(k, np.nan)
        table = pd.DataFrame(
            {
                "item": names,
                "n_experts": n,
                "n_relevant": (x >= relevant_min).sum(axis=0),
                "i_cvi": nan,
                "pc": nan,
                "kappa_star": nan,
                "interpretation": "",
            }
        )
        return ContentValidity(
            table, np.nan, np.nan, n, relevant_min, f"only {n} expert rated; at least 2 needed"
        )
    a = (x >= relevant_min).sum(axis=0)
    i_cvi = a / n
    pc = special.comb(n, a) * 0.5**n
    kappa = (i_cvi - pc) / (1 - pc)
    table = pd.DataFrame(
        {
            "item": names,
            "n_experts": n,
            "n_relevant": a,
            "i_cvi": i_cvi,
            "pc": pc,
            "kappa_star": kappa,
            "interpretation": [kappa_interpretation(v) for v in kappa],
        }
    )
    return ContentValidity(table, float(i_cvi.mean()), float((a == n).mean()), n, relevant_min)


def cvr_critical(n_experts: int, alpha: float = 0.05) -> float:
    """Critical CVR by the exact one-tailed binomial test (Ayre & Scally 2014).

    The smallest number of "essential" ratings :math:`n_e` with
    :math:`P(X \\ge n_e) \\le \\alpha`, :math:`X \\sim \\text{Bin}(N, 1/2)`, as a CVR.

    Examples
    --------
    >>> cvr_critical(8), round(cvr_critical(15), 3), cvr_critical(40)
    (0.75, 0.6, 0.3)
    """
    if int(n_experts) != n_experts or n_experts < 1:
        raise InputError.single(
            None, "expected a positive whole number", column="n_experts", found=n_experts
        )
    n = int(n_experts)
    ne = np.arange(n + 1)
    tail = stats.binom.sf(ne - 1, n, 0.5)
    ok = ne[tail <= alpha]
    if ok.size == 0:
        return float("nan")  # no count can be significant (N ≤ 4 at alpha = 0.05)
    return float((ok.min() - n / 2) / (n / 2))


@dataclass(frozen=True)
class LawsheCVR:
    """Lawshe's content validity ratio per item.

    Attributes
    ----------
    items : DataFrame
        ``item, n_experts, n_essential, cvr, cvr_critical, pvalue, significant``.
    alpha : float
    cvi : float
        Mean CVR of the significant items (Lawshe's content validity index); NaN when no
        item is significant, with ``reason``.
    reason : str

    Examples
    --------
    >>> r = lawshe_cvr([[1, 1]] * 8 + [[0, 1]] * 2)
    >>> r.items["cvr"].tolist(), r.items["significant"].tolist(), r.alpha
    ([0.6, 1.0], [False, True], 0.05)
    """

    items: pd.DataFrame
    alpha: float
    cvi: float
    reason: str = ""


def lawshe_cvr(essential: object, *, alpha: float = 0.05, items: object = None) -> LawsheCVR:
    """Lawshe's CVR from 0/1 "essential" indicators (experts × items).

    ``pvalue`` is the one-tailed exact binomial probability of at least the observed
    number of "essential" ratings under :math:`\\pi = 1/2`; an item is significant when
    its CVR reaches :func:`cvr_critical` (equivalently ``pvalue ≤ alpha``).

    Examples
    --------
    Eight of ten experts rate the item essential: CVR = (8 − 5)/5 = 0.6 < 0.8 (critical).

    >>> res = lawshe_cvr([[1]] * 8 + [[0]] * 2)
    >>> float(res.items.cvr[0]), float(res.items.cvr_critical[0]), bool(res.items.significant[0])
    (0.6, 0.8, False)
    """
    x = _matrix(essential, "essential")
    if not np.isin(x, (0, 1)).all():
        raise InputError.single(
            None, "expected 0/1 (1 = essential)", column="essential", found=np.unique(x)[:5]
        )
    n, k = x.shape
    ne = x.sum(axis=0).astype(int)
    cvr = (ne - n / 2) / (n / 2)
    crit = cvr_critical(n, alpha)
    p = stats.binom.sf(ne - 1, n, 0.5)
    sig = p <= alpha
    table = pd.DataFrame(
        {
            "item": _names(items, k),
            "n_experts": n,
            "n_essential": ne,
            "cvr": cvr,
            "cvr_critical": crit,
            "pvalue": p,
            "significant": sig,
        }
    )
    if not sig.any():
        return LawsheCVR(table, alpha, float("nan"), "no item reaches the critical CVR")
    return LawsheCVR(table, alpha, float(cvr[sig].mean()))


@dataclass(frozen=True)
class AikenV:
    """Aiken's V per item with its exact right-tail probability.

    Attributes
    ----------
    items : DataFrame
        ``item, n_experts, v, pvalue, ci_low, ci_high`` (the score interval of Penfield &
        Giacobbi 2004 at ``confidence_level``).
    lo, categories : rating scale ``lo … lo + categories − 1``.
    confidence_level : float

    Examples
    --------
    >>> r = aiken_v([[5, 3], [5, 4], [4, 4], [5, 2], [4, 3]])
    >>> r.items["v"].round(2).tolist(), r.lo, r.categories
    ([0.9, 0.55], 1, 5)
    """

    items: pd.DataFrame
    lo: int
    categories: int
    confidence_level: float = 0.95


def _sum_tail(n: int, c: int) -> np.ndarray:
    """P(S ≥ s), s = 0 … n(c−1), for S the sum of n independent uniforms on 0 … c−1."""
    dist = np.array([1.0])
    one = np.full(c, 1.0 / c)
    for _ in range(n):
        dist = np.convolve(dist, one)
    return dist[::-1].cumsum()[::-1]


def aiken_v(
    ratings: object,
    *,
    lo: int = 1,
    hi: int = 5,
    items: object = None,
    confidence_level: float = 0.95,
) -> AikenV:
    """Aiken's V for ratings on the integer scale ``lo … hi``, with its score interval.

    :math:`V = S / (N (c - 1))` with :math:`S = \\sum_i (r_i - lo)` and ``c = hi − lo + 1``;
    ``pvalue`` = :math:`P(S' \\ge S)` for :math:`S'` the sum of N independent ratings
    uniform on the c categories (Aiken 1985).  The interval is Penfield & Giacobbi's (2004)
    score interval, with :math:`k = c - 1` and :math:`z` the normal quantile:

    .. math::

        \\frac{2NkV + z^2 \\mp z\\sqrt{4NkV(1 - V) + z^2}}{2(Nk + z^2)}

    (the Wilson interval of a proportion V out of :math:`Nk`; ``tests/test_bad_inputs.py``
    checks it against ``statsmodels``' Wilson interval).

    References
    ----------
    Penfield, R. D. & Giacobbi, P. R. (2004). Applying a score confidence interval to Aiken's
    item content-relevance index. *Measurement in Physical Education and Exercise Science* 8,
    213–225.

    Examples
    --------
    Five experts rate 5, 5, 4, 5, 4 on 1–5: S = 4 + 4 + 3 + 4 + 3 = 18, V = 18 / 20.

    >>> res = aiken_v([[5], [5], [4], [5], [4]])
    >>> float(res.items.v[0])
    0.9
    """
    x = _matrix(ratings, "ratings")
    if hi <= lo:
        raise InputError.single(None, f"expected hi > lo = {lo}", column="hi", found=hi)
    if not (np.all(x == np.round(x)) and x.min() >= lo and x.max() <= hi):
        raise InputError.single(
            None,
            f"expected whole numbers from {lo} to {hi}",
            column="ratings",
            found=(x.min(), x.max()),
        )
    n, k = x.shape
    c = hi - lo + 1
    s = (x - lo).sum(axis=0).astype(int)
    tail = _sum_tail(n, c)
    if not 0 < confidence_level < 1:
        raise InputError.single(
            None, "expected a level between 0 and 1", column="confidence_level",
            found=confidence_level,
        )  # fmt: skip
    v = s / (n * (c - 1))
    nk = n * (c - 1)
    z = float(stats.norm.ppf(0.5 + confidence_level / 2))
    centre = 2 * nk * v + z**2
    spread = z * np.sqrt(4 * nk * v * (1 - v) + z**2)
    table = pd.DataFrame(
        {
            "item": _names(items, k),
            "n_experts": n,
            "v": v,
            "pvalue": tail[s],
            "ci_low": (centre - spread) / (2 * (nk + z**2)),
            "ci_high": (centre + spread) / (2 * (nk + z**2)),
        }
    )
    return AikenV(table, lo, c, confidence_level)
