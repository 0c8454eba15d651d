"""Findings of integrity checks (weight tables, scoring schemes, level bands): one record type
and one table layout.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import pandas as pd

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


def findings_frame(findings: list[Finding]) -> pd.DataFrame:
    """Findings as a table (stable column order, one row per finding)."""
    cols = ["rule", "severity", "where", "message", "printed", "expected"]
    return pd.DataFrame([f.__dict__ for f in findings], columns=cols)
