"""Plain-language verdicts on one estimate (the report room of :mod:`cslib.effectiveness`).

:func:`verdict` turns an estimate, its interval and its *adjusted* p-value into wording that
does not over-claim:

* ``improved``    — "improved, significant after <method> correction";
* ``worsened``    — "worsened, significant after <method> correction";
* ``no_evidence`` — "no evidence of change" with the interval of changes the data still allow
  (never "no effect proven": absence of evidence is not evidence of absence);
* ``insufficient`` — too few data to test;
* ``not_estimable`` — a level 3/4 effect the design cannot identify (no comparison agents in the
  weeks after training, cohorts too small, no weeks before training); the sentence says why and
  no estimate, interval or p-value is printed (:func:`not_estimable`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from cslib.core.i18n import format_p, pick
from cslib.effectiveness.phrases import PHRASES, confidence_text
from cslib.stats.panel import MIN_TREATED_CLUSTERS

METHOD_NAME = {"holm": "Holm", "fdr_bh": "Benjamini–Hochberg", "bonferroni": "Bonferroni"}


def not_estimable(code: str, *, min_cohort: int = 5) -> Verdict:
    """Verdict for an effect that cannot be estimated, saying why in zh and en."""
    return Verdict(
        "not_estimable",
        PHRASES(
            "not_estimable",
            "zh",
            why=PHRASES(code, "zh", min_cohort=min_cohort, min_treated=MIN_TREATED_CLUSTERS),
        ),
        PHRASES(
            "not_estimable",
            "en",
            why=PHRASES(code, "en", min_cohort=min_cohort, min_treated=MIN_TREATED_CLUSTERS),
        ),
    )


def p_sentence(p: float) -> str:
    """``p = 0.023`` / ``p < 0.001`` through the one formatter of :mod:`cslib.core.i18n`."""
    return format_p(p, style="sentence")


@dataclass(frozen=True)
class Verdict:
    """Plain-language verdict on one estimate.

    Attributes
    ----------
    code : str
        ``improved``, ``worsened``, ``no_evidence``, ``insufficient`` or ``not_estimable``.
    zh, en : str
        The sentence in Chinese and English.
    """

    code: str
    zh: str
    en: str

    def text(self, lang: str = "zh") -> str:
        return pick(self.zh, self.en, lang)


def verdict(
    estimate: float,
    ci_low: float,
    ci_high: float,
    p_adj: float,
    *,
    alpha: float = 0.05,
    direction: int = 1,
    correction: str = "holm",
    unit: str = "",
    digits: int = 2,
    p_raw: float | None = None,
) -> Verdict:
    """Word a result by its adjusted p-value and the sign of the estimate.

    Significant (``p_adj < alpha``) in the good ``direction`` → "improved", in the bad one →
    "worsened"; otherwise "no evidence of change", quoting the confidence interval so a reader
    sees how large a change the data cannot exclude.  When the unadjusted ``p_raw`` is below
    ``alpha`` but the adjusted one is not, the text says so (the unadjusted interval may then
    exclude zero).  NaN inputs → "insufficient".

    Examples
    --------
    >>> v = verdict(2.0, 1.0, 3.0, 0.004)
    >>> v.code, v.en
    ('improved', 'improved, significant after Holm correction (estimate +2.00, 95% CI 1.00 to 3.00, adjusted p = 0.004)')
    >>> verdict(2.0, 1.0, 3.0, 0.004, alpha=0.001).code
    'no_evidence'
    """
    m = METHOD_NAME.get(correction, correction)
    conf = confidence_text(1 - alpha)
    finite = estimate is not None and not (isinstance(estimate, float) and math.isnan(estimate))
    if finite and ci_low is not None and math.isfinite(ci_low) and ci_low == ci_high:
        # zero-width interval: every change the same, no variance (p is 0 or undefined)
        return _verdict("not_estimable", "verdict_no_variance", est=f"{estimate:+.{digits}f}{unit}")
    if any(v is None or (isinstance(v, float) and math.isnan(v)) for v in (estimate, p_adj)):
        return _verdict("insufficient", "verdict_insufficient")
    est = f"{estimate:+.{digits}f}{unit}"
    words = {
        "method": m,
        "est": est,
        "conf": conf,
        "lo": f"{ci_low:.{digits}f}",
        "hi": f"{ci_high:.{digits}f}",
        "unit": unit,
        "p": p_sentence(p_adj),
    }
    if p_adj < alpha:
        code = "improved" if estimate * direction > 0 else "worsened"
        return _verdict(code, f"verdict_{code}", **words)
    if p_raw is not None and not math.isnan(p_raw) and p_raw < alpha:
        return _verdict("no_evidence", "verdict_unadjusted_only", p_raw=p_sentence(p_raw), **words)
    return _verdict("no_evidence", "verdict_no_evidence", **words)


def _verdict(code: str, key: str, **words: str) -> Verdict:
    """A :class:`Verdict` worded by :data:`PHRASES` ``key`` in both languages (the interval
    ``lo``–``hi`` written as each language writes it)."""

    def side(lang: str) -> str:
        ci = PHRASES("verdict_ci", lang, **words) if "lo" in words else ""
        return PHRASES(key, lang, ci=ci, **words)

    return Verdict(code, side("zh"), side("en"))
