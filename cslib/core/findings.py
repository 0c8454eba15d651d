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


#: Display names of the integrity rules and severities, (zh, en).  The rule ids stay internal.
RULE_NAMES: dict[str, tuple[str, str]] = {
    "combined_is_product": ("组合权重 = 层级权重 × 上级权重", "combined = level × parent weight"),
    "combined_sum_to_parent": ("子项组合权重之和 = 上级权重", "combined weights add up to parent"),
    "combined_total": ("组合权重合计为 1", "combined weights add up to 1"),
    "group_sum": ("组内权重合计为 1", "weights within a group add up to 1"),
    "no_points": ("每项都有分值", "every item has points"),
    "zero_points": ("分值不为 0", "no item has 0 points"),
    "children_sum": ("子项分值之和 = 上级分值", "sub-items add up to their parent"),
    "total": ("各项分值之和 = 总分", "items add up to the total"),
    "total_not_100": ("百分制总分为 100", "a percent scheme totals 100"),
    "band_empty": ("等级区间非空", "no empty band"),
    "band_overlap": ("等级区间不重叠", "bands do not overlap"),
    "band_gap": ("等级区间无空档", "no gap between bands"),
    "band_cover": ("给出了等级区间", "bands are given"),
}

SEVERITY_NAMES: dict[str, tuple[str, str]] = {
    "problem": ("不一致（无法由四舍五入解释）", "inconsistent"),
    "rounding": ("可由四舍五入解释", "explainable by rounding"),
}


def _pick(table: dict[str, tuple[str, str]], key: str, lang: str) -> str:
    from cslib.core.i18n import pick

    if key not in table:
        raise KeyError(f"no display name for {key!r}; add it to cslib.core.findings")
    zh, en = table[key]
    return pick(zh, en, lang, sep=" / ")


def findings_table(findings: list[Finding], lang: str = "zh") -> pd.DataFrame:
    """Findings as a reader sees them: the rule and severity named in ``lang``, no rule ids,
    empty text (not ``None``) where a finding has no printed or implied value.

    Examples
    --------
    >>> f = Finding("band_overlap", "problem", "B / C", "80 is in B and C", "B [80, 90]", "one band")
    >>> findings_table([f], "en").iloc[0].tolist()
    ['bands do not overlap', 'inconsistent', 'B / C', '80 is in B and C', 'B [80, 90]', 'one band']
    >>> findings_table([], "zh").columns.tolist()
    ['check', 'severity', 'where', 'message', 'printed', 'expected']
    """
    cols = ["check", "severity", "where", "message", "printed", "expected"]
    rows = [
        {
            "check": _pick(RULE_NAMES, f.rule, lang),
            "severity": _pick(SEVERITY_NAMES, f.severity, lang),
            "where": f.where,
            "message": f.message,
            "printed": f.printed or "",
            "expected": f.expected or "",
        }
        for f in findings
    ]
    return pd.DataFrame(rows, columns=cols)
