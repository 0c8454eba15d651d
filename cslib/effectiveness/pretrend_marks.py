"""Pre-trend marks on notebook 03's course × outcome table of Callaway–Sant'Anna effects.

Every estimate whose pre-training test (joint test of the pre-training ATT(g, t), see
:mod:`cslib.stats.staggered`) rejects parallel trends at ``alpha`` carries a mark (†), and
the note under the table lists them with their p-values — for *every* outcome, not only the
primary behaviour and results outcomes the summary's caution names.  An estimate whose
pre-test could not be computed is left unmarked and said so nowhere else, as in the detail
tables.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import pandas as pd

from cslib.core.i18n import check_lang, format_p, join_languages, list_separator
from cslib.effectiveness.phrases import PHRASES

__all__ = ["MARK", "marked_estimates", "pretrend_note"]

MARK = "†"


def _failing(robust: pd.DataFrame, alpha: float) -> pd.DataFrame:
    p = pd.to_numeric(robust["pretrend_pvalue"], errors="coerce")
    return robust.loc[p.notna() & (p < alpha)]


def marked_estimates(
    robust: pd.DataFrame, courses: list[str], alpha: float, *, decimals: int = 3
) -> pd.DataFrame:
    """Course × outcome estimates as text, a failing pre-test marked with :data:`MARK`.

    Examples
    --------
    >>> rob = pd.DataFrame({"course_id": ["A", "A"], "outcome": ["qa", "aht"],
    ...                     "estimate": [1.5, -2.25], "pretrend_pvalue": [0.4, 0.01]})
    >>> marked_estimates(rob, ["A"], 0.05).loc["A"].tolist()
    ['−2.250†', '1.500']
    """
    bad = {(r.course_id, r.outcome) for r in _failing(robust, alpha).itertuples()}
    wide = robust.pivot(index="course_id", columns="outcome", values="estimate").reindex(courses)

    def cell(course: str, outcome: str, v: float) -> str:
        if v is None or (isinstance(v, float) and math.isnan(v)):
            return ""
        text = f"{abs(v):.{decimals}f}"
        text = ("−" + text) if v < 0 and float(text) != 0 else text
        return text + (MARK if (course, outcome) in bad else "")

    out = pd.DataFrame(
        {o: [cell(c, o, wide.at[c, o]) for c in wide.index] for o in wide.columns},
        index=wide.index,
    )
    return out


def pretrend_note(
    robust: pd.DataFrame,
    alpha: float,
    *,
    outcome_label: Callable[[str, str], str],
    lang: str = "zh",
) -> str:
    """The note under the table: every marked course and outcome with its pre-test p-value."""
    check_lang(lang)
    bad = _failing(robust, alpha).sort_values(["course_id", "outcome"], kind="stable")

    def build(side: str) -> str:
        if bad.empty:
            return PHRASES("pretrend_none", side, alpha=f"{alpha:g}")
        items = [
            PHRASES(
                "pretrend_item",
                side,
                course=r.course_id,
                outcome=outcome_label(str(r.outcome), side),
                p=format_p(float(r.pretrend_pvalue), style="sentence"),
            )
            for r in bad.itertuples()
        ]
        return PHRASES(
            "note", side, mark=MARK, alpha=f"{alpha:g}", items=list_separator(side).join(items)
        )

    return join_languages(lang, build, sep=" ")
