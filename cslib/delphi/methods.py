"""The methods paragraph of a Delphi report, written from what the run actually did.

:func:`delphi_methods` takes the objects notebook 01 computed (rounds and returns, the rules
set in advance, Kendall's W tables, the round comparison, the weights) and states, in the
report's language, what was done: rounds, questionnaires sent and returned per round, the
scale, the consensus, stability and screening rules, Kendall's W with the p-value method
each group actually used, the exact tests between rounds with their correction, the weighting
method, and the bootstrap interval with the coverage it was checked for.  Every number and
choice comes from the arguments; nothing is assumed.

The coverage figures are those of the project's simulation (``benchmarks/coverage_weights.py``,
1,000 simulated panels per size for mean-difference AHP, 500 for normalised means; nominal
95 %), kept in :data:`COVERAGE` and explained in the report's appendix.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from cslib.core.i18n import (
    Lang,
    check_lang,
    clause_separator,
    format_number,
    per_language,
    sentence_separator,
)
from cslib.core.references import Methods, cite_all
from cslib.delphi.phrases import PHRASES

COVERAGE: dict[str, dict[str, tuple[float, float, float]]] = {
    "ahp_mean_diff": {
        "percentile": (0.884, 0.914, 0.940),
        "bca": (0.885, 0.917, 0.941),
        "expanded": (0.940, 0.945, 0.950),
    },
    "mean": {
        "percentile": (0.873, 0.920, 0.942),
        "bca": (0.878, 0.921, 0.940),
        "expanded": (0.936, 0.951, 0.950),
    },
}
"""Simulated coverage of the 95 % weight intervals at 8, 15 and 40 experts, by weighting
method and interval method (``benchmarks/coverage_weights.py``; rank-sum weights were not
simulated)."""

COVERAGE_MIN_EXPERTS = 8
"""The smallest panel size in the coverage simulation."""


def delphi_methods(
    ratings: Any,
    positive: pd.DataFrame,
    concordance: Mapping[int, pd.DataFrame],
    weights: Any,
    *,
    consensus: Any,
    stability: Any,
    screening: Any,
    analysis_round: int,
    n_items: int,
    comparison: Any | None = None,
    authority: Any | None = None,
    alpha: float = 0.05,
    n_perm: int = 10000,
    seed: int | None = None,
    relevance_file: bool = False,
    relevant_min: float = 4,
    lang: Lang | str = "zh",
) -> Methods:
    """The methods section of a Delphi report (paragraphs and references) in ``lang``.

    Parameters
    ----------
    ratings : cslib.delphi.io.Ratings
        The ratings analysed (rounds, scale).
    positive : DataFrame
        :func:`cslib.delphi.statistics.positive_coefficient` (``round, sent, returned, rate``).
    concordance : mapping
        Round → :func:`cslib.delphi.statistics.concordance` table (its ``p_method`` column
        says which p-value method each group used).
    weights : cslib.delphi.weights.WeightResult
    consensus, stability, screening
        The :class:`~cslib.delphi.statistics.ConsensusRule`, ``StabilityRule`` and
        ``ScreeningRule`` of the run.
    analysis_round : int
        The round the weights and screening are based on.
    n_items : int
        Number of indicators rated.
    comparison : RoundComparison, optional
        The comparison of the last two rounds, if there were two.
    authority : Authority, optional
        Expert authority, when expert profiles were given.
    alpha, n_perm, seed
        Significance level, Monte-Carlo permutations and seed of the run.
    relevance_file : bool
        Content validity came from a separate relevance file (else from the ratings, with
        ``relevant_min``).
    lang : {"zh", "en", "zh+en"}

    Returns
    -------
    cslib.core.references.Methods
    """
    lang = check_lang(lang)
    args = {k: v for k, v in locals().items() if k in _PARAMETERS}
    # one language at a time, Chinese first ("zh+en": the Chinese section, then the English)
    versions = per_language(lang, lambda side: _paragraphs(**args, lang=side))
    paragraphs = tuple(p for paras, _ in versions for p in paras)
    return Methods(paragraphs, cite_all(*(cited for _, cited in versions)), lang)


def _paragraphs(
    ratings: Any,
    positive: pd.DataFrame,
    concordance: Mapping[int, pd.DataFrame],
    weights: Any,
    *,
    consensus: Any,
    stability: Any,
    screening: Any,
    analysis_round: int,
    n_items: int,
    comparison: Any | None,
    authority: Any | None,
    alpha: float,
    n_perm: int,
    seed: int | None,
    relevance_file: bool,
    relevant_min: float,
    lang: str,
) -> tuple[list[str], list[str]]:
    """The paragraphs in one language and the keys of the works they cite."""
    import cslib

    def P(key: str, lang: str, /, **fmt: object) -> str:
        return PHRASES(f"methods_{key}", lang, **fmt)

    rounds = list(positive["round"])
    returns = [
        P(
            "return_round",
            lang,
            r=int(r.round),
            sent=int(r.sent),
            returned=int(r.returned),
            rate=format_number(float(r.rate), 1, percent=True),
        )
        for r in positive.itertuples()
    ]
    returns_text = (
        P("returns_en_start", lang) + clause_separator(lang).join(returns) + P("returns_end", lang)
    )
    if len(rounds) > 1:
        returns_text += sentence_separator(lang) + P("later_rounds", lang)
    design = P(
        "design",
        lang,
        n_rounds=len(rounds),
        rounds_word=P("round_word_one" if len(rounds) == 1 else "round_word_many", lang),
        returns=returns_text,
    )
    cited = ["diamond2014", "kendall1939", "junger2017"]
    p1 = [design]
    if authority is not None:
        p1.append(
            P(
                "authority",
                lang,
                t=f"{authority.threshold:g}",
                r=analysis_round,
                cr=format_number(authority.mean_cr, 2),
                share=format_number(authority.share_acceptable, 0, percent=True),
            )
        )
    lo, hi = ratings.scale
    p1.append(P("scale", lang, lo=lo, hi=hi, n_items=n_items))
    p1.append(
        P(
            "rules",
            lang,
            consensus=consensus.describe(lang, hi),
            stability=stability.describe(lang),
            screening=screening.describe(lang),
        )
    )

    used = {str(m) for t in concordance.values() for m in t["p_method"]}
    methods = []
    if "exact" in used:
        methods.append(P("kendall_exact", lang))
    if "monte_carlo" in used:
        methods.append(P("kendall_mc", lang, n_perm=f"{n_perm:,}", seed=seed))
        cited.append("legendre2005")
    if "chi2" in used:
        methods.append(P("kendall_chi2", lang))
    if "undefined" in used:
        methods.append(P("kendall_undefined", lang))
    p2 = [P("kendall", lang, methods=clause_separator(lang).join(methods))]
    if comparison is not None:
        p2.append(
            P(
                "compare",
                lang,
                a=comparison.first,
                b=comparison.second,
                n=comparison.n_paired,
                alpha=f"{alpha:g}",
            )
        )
        cited += ["pratt1959", "holm1979"]

    method = weights.method
    if method == "ahp_mean_diff":
        p3 = [
            P(
                "weights_ahp",
                lang,
                r=analysis_round,
                priority=P(f"priority_{weights.priority}", lang),
                cr_max=f"{weights.cr_max:g}",
            )
        ]
        cited.append("saaty1980")
    else:
        p3 = [P(f"weights_{method}", lang, r=analysis_round)]
    p3.append(P("combined", lang))
    if weights.n_boot:
        ci_method = weights.ci_method
        p3.append(
            P(
                "ci",
                lang,
                level=format_number(weights.confidence_level, 0, percent=True),
                n_boot=f"{weights.n_boot:,}",
                seed=weights.seed,
                ci=P(f"ci_{ci_method}", lang),
            )
        )
        if ci_method == "expanded":
            cited.append("hesterberg2015")
        elif ci_method == "bca":
            cited.append("efron1987")
        cov = COVERAGE.get(method, {}).get(ci_method)
        if cov is not None:
            c8, c15, c40 = (format_number(c, 1, percent=True) for c in cov)
            p3.append(P("coverage", lang, c8=c8, c15=c15, c40=c40))
        else:
            from cslib.delphi.weights import method_label

            p3.append(P("coverage_unknown", lang, method=method_label(method, lang)))
        if weights.n_experts < COVERAGE_MIN_EXPERTS:
            p3.append(P("small_panel", lang, n_min=COVERAGE_MIN_EXPERTS))
    else:
        p3.append(P("no_ci", lang))

    source = (
        P("cvi_file", lang)
        if relevance_file
        else P("cvi_ratings", lang, r=analysis_round, t=f"{relevant_min:g}")
    )
    p4 = [
        P("cvi", lang, source=source),
        P("reporting", lang, version=cslib.__version__),
    ]
    cited += ["polit2007", "aiken1985"]
    join = sentence_separator(lang)
    return [join.join(p) for p in (p1, p2, p3, p4)], cited


_PARAMETERS = (
    "ratings",
    "positive",
    "concordance",
    "weights",
    "consensus",
    "stability",
    "screening",
    "analysis_round",
    "n_items",
    "comparison",
    "authority",
    "alpha",
    "n_perm",
    "seed",
    "relevance_file",
    "relevant_min",
)


def coverage_appendix(lang: Lang | str = "zh") -> tuple[str, pd.DataFrame]:
    """The appendix on the coverage of the weight intervals: a paragraph and its table.

    The table has one row per weighting and interval method and the simulated coverage at
    8, 15 and 40 experts (:data:`COVERAGE`), headers in ``lang``.

    Examples
    --------
    >>> text, table = coverage_appendix("en")
    >>> table.iloc[2].tolist()
    ['mean-difference AHP', 'expanded percentile method (Hesterberg, 2015)', '94.0%', '94.5%', '95.0%']
    """
    from cslib.delphi.weights import method_label

    lang = check_lang(lang)
    rows = []
    for method, by_interval in COVERAGE.items():
        for interval in ("percentile", "bca", "expanded"):
            rows.append(
                [method_label(method, lang), PHRASES(f"methods_ci_{interval}", lang)]
                + [format_number(c, 1, percent=True) for c in by_interval[interval]]
            )
    columns = [PHRASES("appendix_weighting", lang), PHRASES("appendix_interval", lang)] + [
        PHRASES("appendix_experts", lang, n=n) for n in (8, 15, 40)
    ]
    return PHRASES("appendix_coverage_text", lang), pd.DataFrame(rows, columns=columns)
