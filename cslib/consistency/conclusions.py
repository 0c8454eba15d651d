"""Plain-language conclusions of the consistency checks (report room of :mod:`cslib.consistency`).

Every sentence a trainer reads in notebook 02 outside the summary box and the tables comes
from here, generated from the numbers: the ``*_conclusions`` functions turn results (the
AHP survey, :class:`~cslib.consistency.analysis.QASummary`, Cronbach's alpha, scheme
checks) into short sentences in Chinese, English or both (``"zh+en"``: each sentence in
Chinese, then English), every one from :data:`cslib.consistency.phrases.PHRASES`.

Interpretation bands used in the sentences (conventions, not laws):

* AHP: CR ≤ 0.10 acceptable (Saaty 1980).
* ICC: < 0.50 poor, 0.50–0.75 moderate, 0.75–0.90 good, > 0.90 excellent (Koo & Li 2016,
  *J Chiropr Med* 15(2), 155–163), read on the 95 % confidence interval as Koo & Li
  advise ("good to excellent" when the interval spans two bands), naming the McGraw–Wong
  form.
* Kappa and Gwet's AC1: Landis & Koch (1977, *Biometrics* 33, 159–174) or Altman (1991)
  bands, reached by cumulative membership probability ≥ 0.95 (Gwet 2014, ch. 6; see
  :mod:`cslib.stats.benchmarking`), not by the point estimate.

A statistic that is undefined for the data (zero variance, one category, one rater) is
never given a band: the sentence says "undefined, because …" (:data:`PHRASES`).
* Krippendorff's alpha: ≥ 0.800 reliable, 0.667–0.800 tentative conclusions only
  (Krippendorff 2004).
* Cronbach's alpha: ≥ 0.90 excellent, ≥ 0.80 good, ≥ 0.70 acceptable, below questionable.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from cslib.consistency.ahp_survey import SurveyResult
from cslib.consistency.analysis import QASummary
from cslib.consistency.phrases import PHRASES, label, why
from cslib.core.findings import Finding
from cslib.core.i18n import (
    check_lang,
    clause_separator,
    each_language,
    list_separator,
    merge_languages,
    sentence_separator,
)
from cslib.reporting.claims import Caveat, caveats_for
from cslib.stats.agreement import (
    CronbachAlpha,
)
from cslib.stats.ahp import TOP, WeightComparison
from cslib.stats.gwet import (
    AgreementCoefficient,
)
from cslib.stats.random_index import SIM_MATRICES, SIM_SEED
from cslib.stats.reasons import AgreementReason

# ---------------------------------------------------------------------------------------------
# Plain-language sentences


#: the kappa/AC1 coverage caveat holds where nearly all calls pass (or fail)
EXTREME_PASS = Caveat(("合格率极端", "extreme pass rate"), at_least=0.9, at_most=0.1)


def magnitude(estimate: float, low: float, high: float) -> tuple[float, float, float]:
    """A signed estimate and interval as a magnitude with the magnitude's interval, for a
    sentence that states the direction in words ("harder by 5.6, 95 % CI 4.6 to 6.6").

    Examples
    --------
    >>> magnitude(-5.6, -6.6, -4.6)
    (5.6, 4.6, 6.6)
    """
    sign = -1.0 if estimate < 0 else 1.0
    lo, hi = sorted((sign * low, sign * high))
    return abs(estimate), lo, hi


def _band(value: float, cuts: list[tuple[float, str]], lang: str) -> str:
    """The phrase of the first band whose upper cut lies above ``value``."""
    if not np.isfinite(value):
        raise ValueError("an undefined statistic gets no verbal band; say why instead")
    key = next((key for cut, key in cuts if value < cut), cuts[-1][1])
    return PHRASES(key, lang)


#: Upper cuts of the verbal bands and their phrase keys (the words are in ``PHRASES``).
_KOO_LI = [(0.5, "icc_poor"), (0.75, "icc_moderate"), (0.9, "icc_good"), (np.inf, "icc_excellent")]
_LANDIS_KOCH = [
    (0.0, "kappa_poor"),
    (0.205, "kappa_slight"),
    (0.405, "kappa_fair"),
    (0.605, "kappa_moderate"),
    (0.805, "kappa_substantial"),
    (np.inf, "kappa_almost_perfect"),
]
_CRONBACH = [
    (0.7, "alpha_questionable"),
    (0.8, "alpha_acceptable"),
    (0.9, "alpha_good"),
    (np.inf, "alpha_excellent"),
]


def interpret_icc(value: float, lang: str = "zh") -> str:
    """Koo & Li (2016) verbal band of an ICC point value (NaN is an error)."""
    return _band(value, _KOO_LI, lang)


def interpret_icc_ci(low: float, high: float, lang: str = "zh") -> str:
    """Koo & Li (2016) band read on the confidence interval: one band or "X to Y".

    Koo & Li advise judging reliability on the 95 % interval, not the point estimate:
    an ICC of 0.86 with interval 0.74–0.93 is "moderate to excellent".

    Examples
    --------
    >>> interpret_icc_ci(0.74, 0.93, "en"), interpret_icc_ci(0.91, 0.97, "zh")
    ('moderate to excellent', '优秀')
    """
    lo, hi = interpret_icc(low, lang), interpret_icc(high, lang)
    return lo if lo == hi else PHRASES("band_range", lang, low=lo, high=hi)


def interpret_kappa(value: float, lang: str = "zh") -> str:
    """Landis & Koch (1977) verbal band of a kappa point value (NaN is an error)."""
    return _band(value, _LANDIS_KOCH, lang)


def interpret_alpha(value: float, lang: str = "zh") -> str:
    """Verbal band of a Cronbach's alpha (NaN is an error)."""
    return _band(value, _CRONBACH, lang)


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def _group_name(group: str, names: dict[str, str], lang: str) -> str:
    if group == TOP:
        return label("top", lang)
    return names.get(group, group)


@each_language(merge_languages)  # zh+en: each sentence in Chinese, then English
def ahp_conclusions(
    result: SurveyResult,
    reask: pd.DataFrame,
    names: dict[str, str],
    *,
    comparison: WeightComparison | None = None,
    sensitivity: pd.DataFrame | None = None,
    lang: str = "zh",
) -> list[str]:
    """Sentences on the AHP survey: who is inconsistent, what to re-ask, the weights.

    ``lang`` is ``"zh"``, ``"en"`` or ``"zh+en"`` (each sentence in Chinese then English);
    any other value raises :class:`~cslib.core.errors.InputError`.
    """
    check_lang(lang)
    cons = result.consistency
    n_exp = cons["expert"].nunique()
    bad = cons.loc[~cons["acceptable"]]
    bad_experts = list(dict.fromkeys(bad["expert"]))
    t = f"{result.cr_threshold:.2f}"
    out = []
    if bad.empty:
        out.append(PHRASES("ahp_all_ok", lang, n=n_exp, t=t))
    else:
        parts = []
        for e in bad_experts:
            rows = bad.loc[bad["expert"] == e]
            groups = list_separator(lang).join(_group_name(g, names, lang) for g in rows["group"])
            parts.append(
                PHRASES("ahp_expert_bad", lang, e=e, groups=groups, cr=f"{rows['cr'].max():.2f}")
            )
        out.append(
            PHRASES(
                "ahp_some_bad", lang, n=n_exp, k=len(bad_experts), t=t,
                parts=clause_separator(lang).join(parts),
            )
        )  # fmt: skip
    if not reask.empty:
        first = reask.loc[reask["rank"] == 1]

        def pair(code: str) -> str:
            left, _, right = code.partition("~")
            return PHRASES(
                "ahp_pair", lang, left=names.get(left, left), right=names.get(right, right)
            )

        items = [
            PHRASES(
                "ahp_reask_item", lang, e=r.expert, pair=pair(r.pair), code=r.pair,
                answer=r.answer, suggested=r.suggested,
            )
            for r in first.itertuples(index=False)
        ]  # fmt: skip
        out.append(PHRASES("ahp_reask", lang, items=clause_separator(lang).join(items)))
        # a matrix that stays inconsistent after that one change is said so, with its CR
        still = first.loc[first["cr_if_revised"] > result.cr_threshold]
        if len(still):
            left = [
                PHRASES(
                    "reask_still_item", lang, e=r.expert, group=_group_name(r.group, names, lang),
                    cr=f"{r.cr_if_revised:.2f}",
                )
                for r in still.itertuples(index=False)
            ]  # fmt: skip
            out.append(
                PHRASES(
                    "reask_still", lang, k=len(left), t=t, items=list_separator(lang).join(left)
                )
            )
    if not result.excluded.empty:
        out.append(PHRASES("ahp_excluded", lang, k=len(result.excluded)))
    out.append(PHRASES(f"ri_{result.ri_table}", lang, t=t, m=SIM_MATRICES, seed=SIM_SEED))
    if result.filled is not None and len(result.filled):
        out.append(
            PHRASES("filled", lang, k=len(result.filled), e=result.filled["expert"].nunique())
        )
    top = result.combined.sort_values(ascending=False, kind="stable").head(3)
    tops = list_separator(lang).join(
        PHRASES("ahp_top_item", lang, name=names.get(i, i), pct=_pct(v)) for i, v in top.items()
    )
    method = PHRASES(result.aggregation, lang)
    out.append(PHRASES("ahp_tops", lang, method=method, tops=tops))
    if comparison is not None:
        rho = comparison.spearman
        agree = PHRASES(
            "rank_close" if rho >= 0.8 else "rank_broad" if rho >= 0.5 else "rank_differ", lang
        )
        d = comparison.largest.iloc[0]
        out.append(
            PHRASES(
                "ahp_compare", lang, other=comparison.names[1], agree=agree, rho=f"{rho:.2f}",
                name=names.get(d.name, d.name), diff=f"{100 * d['difference']:+.1f}",
            )
        )  # fmt: skip
    if sensitivity is not None and not sensitivity.empty:
        s = sensitivity.sort_values("max_decrease", kind="stable")
        tight = (
            s.assign(room=np.minimum(s["max_decrease"], s["max_increase"]))
            .sort_values("room", kind="stable")
            .iloc[0]
        )
        out.append(
            PHRASES(
                "ahp_sensitive", lang, name=names.get(tight["id"], tight["id"]),
                k=len(str(tight["top"]).split(" > ")),
                pp=f"{100 * min(tight['max_decrease'], tight['max_increase']):.1f}",
            )
        )  # fmt: skip
    return out


def _icc_sentence(row: pd.Series, key: str, lang: str) -> str:
    mw = str(row["mcgraw_wong"])
    if isinstance(row.get("reason_code"), str):
        return PHRASES("undefined", lang, what=mw, why=why(row["reason_code"], lang))
    conf = f"{100 * row['confidence_level']:g}%"
    fmt = {
        "mw": mw,
        "sf": row["form"],
        "desc": PHRASES(f"icc_desc_{mw}", lang),
        "value": f"{row['statistic']:.2f}",
        "lo": f"{row['ci_low']:.2f}",
        "hi": f"{row['ci_high']:.2f}",
        "conf": conf,
        "k": int(row["k_raters"]),
    }
    if key == "icc":
        fmt["band"] = interpret_icc_ci(row["ci_low"], row["ci_high"], lang)
    return PHRASES(key, lang, **fmt)


_SHORT = {"Fleiss kappa": "κ", "AC1": "AC1", "Krippendorff alpha": "α"}


def _coef_text(c: AgreementCoefficient, label_: str, lang: str) -> str:
    if c.reason_code is not None:
        return PHRASES("undefined", lang, what=label_, why=why(c.reason_code, lang)).rstrip("。.")
    if c.pvalue_reason_code is not None:
        return PHRASES(
            "coef_no_se", lang, name=label_, value=f"{c.statistic:.2f}",
            why=why(c.pvalue_reason_code, lang, level=getattr(c, "level", "")),
        )  # fmt: skip
    return PHRASES(
        "coef", lang, name=label_, value=f"{c.statistic:.2f}",
        conf=f"{100 * c.confidence_level:g}%", lo=f"{c.ci_low:.2f}", hi=f"{c.ci_high:.2f}",
    )  # fmt: skip


@each_language(merge_languages)  # zh+en: each sentence in Chinese, then English
def agreement_conclusions(
    qa: QASummary,
    lang: str = "zh",
    *,
    item_names: dict[str, str] | None = None,
    paradox_gap: float = 0.10,
    small_sample_calls: int = 50,
) -> list[str]:
    """Sentences on the QA calibration: how far inspectors agree and who needs calibration.

    ``item_names`` maps item ids to display names (e.g. ``form.names_zh``).  The prevalence
    paradox is pointed out when AC1 exceeds Fleiss' kappa by at least ``paradox_gap``; with
    fewer than ``small_sample_calls`` complete calls the intervals are called approximate
    (their coverage at small n is shown by ``benchmarks/coverage_gwet.py``).
    Undefined statistics are stated with their reason, never given a band.  ``lang`` is
    ``"zh"``, ``"en"`` or ``"zh+en"`` (each sentence in Chinese then English).
    """
    item_names = item_names or {}
    sep = clause_separator(lang)
    if qa.identical:  # no disagreement at all: say so instead of intervals of width 0
        return [PHRASES("qa_identical", lang, n=qa.calls_used)]
    out = [
        _icc_sentence(qa.icc.loc["ICC(2,1)"], "icc", lang)
        + sentence_separator(lang)
        + _icc_sentence(qa.icc.loc["ICC(3,k)"], "icc_mean", lang)
    ]
    if qa.gwet_pass is not None and qa.fleiss_pass_ci is not None:
        fk, g = qa.fleiss_pass_ci, qa.gwet_pass
        parts = [_coef_text(fk, "Fleiss κ", lang), _coef_text(g, "Gwet AC1", lang)]
        claims = [
            PHRASES(
                "bench", lang, name=_SHORT[r.coefficient],
                band=PHRASES(r.band, lang), point=PHRASES(r.point_band, lang),
            )
            for r in qa.benchmarks.itertuples(index=False)
            if not isinstance(r.reason_code, str)
            and isinstance(r.band, str)
            and r.coefficient != "Krippendorff alpha"
        ]  # fmt: skip
        if claims:
            scale_name = PHRASES(str(qa.benchmarks["scale"].iloc[0]), lang)
            prob = f"{100 * qa.benchmarks['threshold'].iloc[0]:g}%"
            parts.append(
                PHRASES("bench_head", lang, scale=scale_name, prob=prob)
                + PHRASES("comma_sep", lang).join(claims)
            )
        head = PHRASES("pass_rule", lang, mark=f"{qa.pass_mark:g}", share=_pct(qa.pass_rate))
        out.append(head + sentence_separator(lang) + sep.join(parts) + PHRASES("end", lang))
        if qa.calls_used < small_sample_calls:
            # the coverage caveat belongs to extreme pass rates only (docs/consistency_checks.md:
            # 95 % pass → AC1 0.85, κ 0.59; 80 % and 50 % pass → close to nominal)
            extreme = caveats_for(qa.pass_rate, [EXTREME_PASS], "zh")
            out.append(
                PHRASES(
                    "ci_approx" if extreme else "ci_approx_plain",
                    lang,
                    n=qa.calls_used,
                    small=small_sample_calls,
                )
            )
        if fk.defined and g.defined and g.statistic - fk.statistic >= paradox_gap:
            out.append(PHRASES("paradox", lang, gap=f"{g.statistic - fk.statistic:.2f}"))
    ka = qa.krippendorff_total
    out.append(
        PHRASES("undefined", lang, what="Krippendorff α", why=why(ka.reason_code, lang))
        if ka.reason_code is not None
        else PHRASES("kripp_total", lang, value=f"{ka.statistic:.2f}")
    )
    alpha_rows = qa.benchmarks.loc[qa.benchmarks.get("coefficient") == "Krippendorff alpha"]
    if ka.reason_code is None and len(alpha_rows) and isinstance(alpha_rows["band"].iloc[0], str):
        r = alpha_rows.iloc[0]
        out[-1] = out[-1].rstrip("。.") + PHRASES(
            "kripp_bench", lang, scale=PHRASES(str(r["scale"]), lang),
            prob=f"{100 * r['threshold']:g}%", band=PHRASES(r["band"], lang),
        )  # fmt: skip
    if qa.kendall_reason_code is not None:
        why_w = why(qa.kendall_reason_code, lang)
        out.append(PHRASES("undefined", lang, what="Kendall W", why=why_w))
    items = qa.krippendorff_items.dropna(subset=["alpha"]).sort_values("alpha", kind="stable")
    if not items.empty:
        w = items.iloc[0]
        wname = item_names.get(w["item"], w["item"])
        out.append(PHRASES("qa_weakest_item", lang, item=wname, value=f"{w['alpha']:.2f}"))
    undefined_items = qa.krippendorff_items.loc[qa.krippendorff_items["alpha"].isna()]
    for r in undefined_items.itertuples(index=False):
        out.append(
            PHRASES(
                "undefined", lang,
                what=PHRASES("qa_item_alpha", lang, item=item_names.get(r.item, r.item)),
                why=why(r.reason_code, lang),
            )
        )  # fmt: skip
    flagged = qa.bias.table.loc[qa.bias.table["flagged"]]
    conf = f"{100 * qa.bias.confidence_level:g}%"
    if flagged.empty:
        out.append(PHRASES("qa_no_bias", lang))
    else:
        for r in flagged.sort_values(
            "mean_diff", key=np.abs, ascending=False, kind="stable"
        ).itertuples(index=False):
            way = PHRASES("qa_harder" if r.mean_diff < 0 else "qa_softer", lang)
            # the magnitude with the magnitude's interval: "harder by 5.6 (4.6 to 6.6)", never
            # an unsigned point beside a signed interval
            _, lo, hi = magnitude(r.mean_diff, r.ci_low, r.ci_high)
            out.append(
                PHRASES(
                    "qa_bias", lang, rater=r.rater, way=way, diff=f"{abs(r.mean_diff):.1f}",
                    conf=conf, lo=f"{lo:.1f}", hi=f"{hi:.1f}",
                )
            )  # fmt: skip
    if qa.excluded_calls:
        calls = list_separator(lang).join(qa.excluded_calls)
        out.append(PHRASES("qa_excluded", lang, k=len(qa.excluded_calls), calls=calls))
    return out


@each_language(merge_languages)  # zh+en: each sentence in Chinese, then English
def alpha_conclusions(alpha: CronbachAlpha, lang: str = "zh") -> list[str]:
    """Sentences on a questionnaire's internal consistency (undefined values stated, not banded).

    ``lang`` is ``"zh"``, ``"en"`` or ``"zh+en"`` (each sentence in Chinese then English).
    """
    check_lang(lang)
    conf = f"{100 * alpha.confidence_level:g}%"
    if alpha.reason_code is not None:
        out = [PHRASES("undefined", lang, what="Cronbach's α", why=why(alpha.reason_code, lang))]
    else:
        out = [
            PHRASES(
                "alpha_value", lang, k=alpha.k, value=f"{alpha.statistic:.2f}", conf=conf,
                lo=f"{alpha.ci_low:.2f}", hi=f"{alpha.ci_high:.2f}",
                band=interpret_alpha(alpha.statistic, lang),
            )
        ]  # fmt: skip
        better = alpha.items.loc[
            (alpha.items["alpha_if_deleted"] > alpha.statistic) & alpha.items["reason_code"].isna()
        ]
        for r in better.itertuples(index=False):
            out.append(
                PHRASES(
                    "alpha_better", lang, item=r.item, value=f"{r.alpha_if_deleted:.2f}",
                    r=f"{r.item_rest_r:.2f}",
                )
            )  # fmt: skip
    for r in alpha.items.loc[alpha.items["reason_code"].notna()].itertuples(index=False):
        if r.reason_code == AgreementReason.TWO_ITEMS:
            continue
        out.append(
            PHRASES(
                "undefined", lang, what=PHRASES("alpha_item_r", lang, item=r.item),
                why=why(r.reason_code, lang),
            )
            + PHRASES("alpha_drop_item", lang)
        )  # fmt: skip
    if alpha.n_dropped:
        out.append(PHRASES("alpha_dropped", lang, k=alpha.n_dropped))
    return out


def scheme_conclusions(findings: list[Finding], scheme_name: str, lang: str = "zh") -> list[str]:
    """Sentences on a scoring scheme's integrity findings (messages already localised).

    ``lang`` is ``"zh"``, ``"en"`` or ``"zh+en"``; with ``"zh+en"`` the findings' messages
    are shown as given (they were localised when the findings were made).
    """
    check_lang(lang)
    if not findings:
        return [PHRASES("scheme_ok", lang, name=scheme_name)]
    key = "scheme_problem" if len(findings) == 1 else "scheme_problems"
    listed = clause_separator(lang).join(f.message for f in findings)
    return [PHRASES(key, lang, name=scheme_name, k=len(findings), list=listed)]
