"""Why an agreement or reliability statistic is undefined: codes, not sentences.

Every result of :mod:`cslib.stats.agreement`, :mod:`cslib.stats.gwet` and
:mod:`cslib.stats.benchmarking` that can be undefined (or whose standard error can be)
carries a ``reason_code`` from :class:`AgreementReason` next to its English ``reason``
(kept for developers and logs).  The analysis packages put a code into words through their
phrase table (e.g. :func:`cslib.consistency.phrases.why`); no caller reads the English
text.  Codes whose sentence needs data say so in :data:`MESSAGES` (``{level}``), and the
result that carries the code also carries the data.

Examples
--------
>>> AgreementReason.ONE_RATER == "one_rater", message(AgreementReason.ONE_RATER)
(True, 'only one rater, so there is no agreement to measure')
>>> message(AgreementReason.NO_SE_AT_LEVEL, level="ordinal")
'no standard error is available at the ordinal level'
"""

from __future__ import annotations

from enum import StrEnum


class AgreementReason(StrEnum):
    """Why an agreement/reliability statistic (or its standard error) is undefined.

    A ``str`` enum: a code compares equal to its value and can sit in a table column.

    Examples
    --------
    >>> AgreementReason("few_units") is AgreementReason.FEW_UNITS
    True
    """

    ONE_RATER = "one_rater"
    FEW_UNITS = "few_units"
    ONE_CATEGORY_POSSIBLE = "one_category_possible"
    ONE_CATEGORY = "one_category"
    SAME_CATEGORY_BOTH = "same_category_both"
    SAME_VALUE = "same_value"
    NO_SPREAD = "no_spread"
    NO_SE_AT_LEVEL = "no_se_at_level"
    NO_VARIANCE = "no_variance"
    SAME_UNIT_MEANS = "same_unit_means"
    SAME_SCORES = "same_scores"
    NO_RANKING = "no_ranking"
    SAME_TOTAL = "same_total"
    CONSTANT_ITEM = "constant_item"
    CONSTANT_REST = "constant_rest"
    TWO_ITEMS = "two_items"
    UNDEFINED_COEFFICIENT = "undefined_coefficient"
    UNDEFINED_SE = "undefined_se"


#: The English ``reason`` that goes with each code (for developers; reports use phrases).
MESSAGES: dict[AgreementReason, str] = {
    AgreementReason.ONE_RATER: "only one rater, so there is no agreement to measure",
    AgreementReason.FEW_UNITS: "fewer than 2 units were rated by at least 2 raters",
    AgreementReason.ONE_CATEGORY_POSSIBLE: (
        "only one category is possible, so chance agreement q(q−1) has no denominator"
    ),
    AgreementReason.ONE_CATEGORY: (
        "all ratings fall in one category, so chance agreement is 1 and the coefficient is 0/0"
    ),
    AgreementReason.SAME_CATEGORY_BOTH: (
        "both raters used one and the same category only, so chance agreement is 1 and kappa is 0/0"
    ),
    AgreementReason.SAME_VALUE: (
        "every rating is the same value, so expected disagreement is 0 and alpha is 0/0"
    ),
    AgreementReason.NO_SPREAD: (
        "every unit contributes the same agreement, so the standard error is 0"
    ),
    AgreementReason.NO_SE_AT_LEVEL: "no standard error is available at the {level} level",
    AgreementReason.NO_VARIANCE: "every score is the same, so there is no variance to partition",
    AgreementReason.SAME_UNIT_MEANS: (
        "all units have the same mean score, so between-unit variance is 0"
    ),
    AgreementReason.SAME_SCORES: "every rater gave every item the same score (W = 0/0)",
    AgreementReason.NO_RANKING: (
        "every inspector gives every call the same total, so no ranking exists"
    ),
    AgreementReason.SAME_TOTAL: "every respondent has the same total score, so alpha is 0/0",
    AgreementReason.CONSTANT_ITEM: "the item has the same answer from every respondent",
    AgreementReason.CONSTANT_REST: (
        "the other items add up to the same total for every respondent"
    ),
    AgreementReason.TWO_ITEMS: "with 2 items, deleting one leaves no scale",
    AgreementReason.UNDEFINED_COEFFICIENT: "the coefficient is undefined",
    AgreementReason.UNDEFINED_SE: "the standard error is undefined",
}


def message(code: AgreementReason, **data: object) -> str:
    """The English ``reason`` of ``code``, with its data filled in.

    Examples
    --------
    >>> message(AgreementReason.SAME_TOTAL)
    'every respondent has the same total score, so alpha is 0/0'
    """
    return MESSAGES[code].format(**data)
