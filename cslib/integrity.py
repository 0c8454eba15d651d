"""Internal consistency of published weight tables.

A table of level weights and printed combined weights (as printed in a paper)
is checked for: sibling groups that do not sum to 100, combined weights that
do not sum to their parent or to 100, and printed combined weights that are
not the rounded product of the printed level weights.  Every discrepancy is
classified as

* ``"rounding"`` — explainable by rounding of the printed inputs: some exact
  values that round to the printed inputs give a product/sum that rounds to the
  printed output;
* ``"problem"`` — impossible even allowing for rounding of the printed inputs.

Arithmetic is exact (:class:`decimal.Decimal`) on the printed strings, so the
number of printed decimals sets each value's rounding interval.  No library
does this check; it is written here by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["problem", "rounding"]


@dataclass(frozen=True)
class Finding:
    """One discrepancy found by an integrity check.

    Attributes
    ----------
    rule : str
        Short machine name of the rule, e.g. ``"combined_is_product"``, ``"group_sum"``.
    severity : {"problem", "rounding"}
        ``"problem"``: impossible even allowing for rounding; ``"rounding"``: only explainable
        by rounding of the printed inputs.
    where : str
        Indicator id, group or band the finding is about.
    message : str
        One sentence a reader can act on.
    printed : str or None
        The printed value in question.
    expected : str or None
        What the other printed values imply (a value or an interval).
    """

    rule: str
    severity: Severity
    where: str
    message: str
    printed: str | None = None
    expected: str | None = None
