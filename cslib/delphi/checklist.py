"""Reporting checklist for a Delphi study: what the data answers, what the user must supply.

Items follow the reporting guidance for Delphi studies — CREDES (Jünger et al. 2017) and
ACCORD (Gattrell et al. 2024): panel composition and response per round, the consensus
definition, number of rounds and stopping rule, items dropped or changed, feedback given,
stability.  Items no data file can answer (selection criteria, anonymity, piloting,
ethics, funding) are listed with ``source = "supplied_by_user"``.

References
----------
Jünger, S., Payne, S. A., Brine, J., Radbruch, L., & Brearley, S. G. (2017). Guidance on
Conducting and REporting DElphi Studies (CREDES) in palliative care. *Palliative
Medicine*, 31(8), 684–706.
Gattrell, W. T., et al. (2024). ACCORD (ACcurate COnsensus Reporting Document): a
reporting guideline for consensus methods in biomedicine. *PLOS Medicine*, 21(1),
e1004326.
Diamond, I. R., et al. (2014). Defining consensus: a systematic review recommends
methodologic criteria for reporting of Delphi studies. *Journal of Clinical
Epidemiology*, 67(4), 401–409.
"""

from __future__ import annotations

import pandas as pd

from cslib.core.i18n import (
    check_lang,
    format_number,
    list_separator,
    merge_languages,
    per_language,
)
from cslib.delphi.io import Ratings
from cslib.delphi.phrases import PHRASES as P
from cslib.delphi.statistics import (
    Authority,
    ConsensusRule,
    RoundComparison,
    ScreeningRule,
    StabilityRule,
)


def reporting_checklist(
    ratings: Ratings,
    positive: pd.DataFrame,
    consensus: ConsensusRule,
    stability: StabilityRule,
    screening: ScreeningRule,
    comparison: RoundComparison | None = None,
    authority: Authority | None = None,
    lang: str = "zh",
) -> pd.DataFrame:
    """The checklist as a frame: ``checklist_item, source, checklist_answer`` (translated).

    Parameters
    ----------
    ratings : Ratings
    positive : DataFrame
        :func:`cslib.delphi.statistics.positive_coefficient`.
    consensus, stability, screening : the rules of the report.
    comparison : RoundComparison, optional
        The last two rounds compared (None with one round).
    authority : Authority, optional
    lang : {"zh", "en", "zh+en"}
    """
    lang = check_lang(lang)

    def one(lang: str) -> list[tuple[str, str, str]]:
        sep = list_separator(lang)
        data, params, user = (
            P("from_data", lang),
            P("from_parameters", lang),
            P("supplied_by_user", lang),
        )
        rows: list[tuple[str, str, str]] = []
        counts = sep.join(
            P("ck_round_count", lang, round=r.round, n=int(r.returned))
            for r in positive.itertuples()
        )
        auth = P("ck_authority", lang, cr=f"{authority.mean_cr:.2f}") if authority else ""
        rows.append(
            (P("ck_panel", lang), data, P("ck_panel_answer", lang, counts=counts, authority=auth))
        )
        rows.append((P("ck_selection", lang), user, P("ck_none", lang)))
        rates = sep.join(
            P(
                "ck_round_rate",
                lang,
                round=r.round,
                returned=int(r.returned),
                sent=int(r.sent),
                rate=format_number(r.rate, 0, percent=True),
            )
            for r in positive.itertuples()
        )
        rows.append((P("ck_response", lang), data, P("ck_response_answer", lang, rates=rates)))
        rule = consensus.describe(lang, ratings.scale[1])
        rows.append((P("ck_consensus", lang), params, P("ck_consensus_answer", lang, rule=rule)))
        rows.append(
            (
                P("ck_rounds", lang),
                params,
                P(
                    "ck_rounds_answer",
                    lang,
                    n=len(ratings.rounds),
                    stability=stability.describe(lang),
                    screening=screening.describe(lang),
                ),
            )
        )
        changes = []
        for before, after in zip(ratings.rounds[:-1], ratings.rounds[1:], strict=True):
            old, new = set(ratings.indicators(before)), set(ratings.indicators(after))
            if old != new:
                order = list(ratings.framework.ids)
                dropped = sep.join(i for i in order if i in old - new) or P("none", lang)
                added = sep.join(i for i in order if i in new - old) or P("none", lang)
                changes.append(P("ck_items_round", lang, round=after, dropped=dropped, added=added))
        text = "; ".join(changes) if changes else P("ck_items_none", lang)
        rows.append((P("ck_items", lang), data, P("ck_items_answer", lang, changes=text)))
        rows.append((P("ck_feedback", lang), data, P("ck_feedback_answer", lang)))
        if comparison is None:
            stab = P("ck_stability_none", lang)
        else:
            t = comparison.indicators
            stab = P(
                "ck_stability_answer",
                lang,
                first=comparison.first,
                second=comparison.second,
                n_stable=int(t["stable"].sum()),
                n=len(t),
            )
        rows.append((P("ck_stability", lang), data, stab))
        rows.append((P("ck_anonymity", lang), user, P("ck_none", lang)))
        return rows

    versions = per_language(lang, one)
    rows = [tuple(merge_languages(row)) for row in zip(*versions, strict=True)]
    return pd.DataFrame(rows, columns=["checklist_item", "source", "checklist_answer"])
