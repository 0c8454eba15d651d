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

from decimal import Decimal

from cslib.core.findings import Finding, Severity
from cslib.core.printed import HUNDRED, Printed
from cslib.core.weight_table import WeightTable
from cslib.delphi.phrases import PHRASES


def _msg(key: str, lang: str, **fmt: object) -> str:
    return PHRASES(f"check_{key}", lang, **fmt)


def _fmt(x: Decimal, places: int = 4) -> str:
    return f"{x:.{places}f}"


def _sum_finding(
    rule: str, where: str, values: list[Printed], target: Printed | Decimal, what: str, lang: str
) -> Finding | None:
    """Compare a sum of printed values with a printed (or exact) target."""
    total = sum((v.value for v in values), Decimal(0))
    slack = sum((v.half_unit for v in values), Decimal(0))
    if isinstance(target, Printed):
        t_value, t_half, t_text = target.value, target.half_unit, target.text
    else:
        t_value, t_half, t_text = target, Decimal(0), str(target)
    gap = abs(total - t_value)
    if gap == 0:
        return None
    severity: Severity = "rounding" if gap <= slack + t_half else "problem"
    message = _msg(
        f"sum_{severity}", lang, what=what, total=total, target=t_text, slack=slack + t_half
    )
    return Finding(rule, severity, where, message, str(total), t_text)


def check_weight_table(table: WeightTable, lang: str = "en") -> list[Finding]:
    """Check a printed weight table for sums and combined weights.

    Rules, in this order:

    1. ``group_sum`` — the weights of each sibling group (and the first level) sum to 100;
    2. ``combined_is_product`` — each printed combined weight equals the product of
       the printed weights down its branch, after rounding to the printed decimals;
    3. ``combined_sum_to_parent`` — the combined weights of a group sum to the
       parent's combined weight (level-1 weight for the second level);
    4. ``combined_total`` — the combined weights of the lowest level sum to 100.

    A discrepancy that some exact inputs within the printed values' rounding
    intervals would remove is reported with severity ``"rounding"``; otherwise
    ``"problem"``.  Products of intervals use exact decimal interval arithmetic
    (all values are non-negative, so the bounds multiply directly).

    Parameters
    ----------
    table : WeightTable
        From :func:`cslib.core.weight_table.read_weight_table` (values in per cent).
    lang : {"en", "zh"}
        Language of the messages.

    Returns
    -------
    list of Finding
        Empty when every printed value is consistent.
    """
    findings: list[Finding] = []
    parents = [None] + [i for i in table.ids if table.children(i)]
    for node in parents:
        kids = table.children(node)
        what = _msg("level1", lang) if node is None else _msg("within", lang, node=node)
        f = _sum_finding(
            "group_sum", node or "level 1", [table.weight[k] for k in kids], HUNDRED, what, lang
        )
        if f:
            findings.append(f)

    def chain(i: str) -> list[str]:
        out = [i]
        while (up := table.parent[out[-1]]) is not None:
            out.append(up)
        return out

    for i in table.ids:
        printed = table.combined[i]
        if printed is None:
            continue
        branch = chain(i)
        scale = HUNDRED ** (len(branch) - 1)
        point = _product([table.weight[b].value for b in branch]) / scale
        low = _product([table.weight[b].low for b in branch]) / scale
        high = _product([table.weight[b].high for b in branch]) / scale
        names = " × ".join(table.weight[b].text for b in reversed(branch))
        if printed.holds(point):
            continue
        severity: Severity = (
            "rounding" if low <= printed.high and printed.low <= high else "problem"
        )
        interval = f"{_fmt(low)}–{_fmt(high)}"
        findings.append(
            Finding(
                "combined_is_product",
                severity,
                i,
                _msg(
                    f"product_{severity}",
                    lang,
                    printed=printed.text,
                    names=names,
                    point=_fmt(point),
                    low=_fmt(low),
                    high=_fmt(high),
                ),
                printed.text,
                interval,
            )
        )

    for node in [i for i in table.ids if table.children(i)]:
        kids = [k for k in table.children(node) if table.combined[k] is not None]
        if not kids:
            continue
        target = table.combined[node] or (
            table.weight[node] if table.parent[node] is None else None
        )
        if target is None:
            continue
        f = _sum_finding(
            "combined_sum_to_parent",
            node,
            [c for k in kids if (c := table.combined[k]) is not None],
            target,
            _msg("combined_of", lang, node=node),
            lang,
        )
        if f:
            findings.append(f)

    leaves = [i for i in table.ids if not table.children(i) and table.combined[i] is not None]
    if leaves:
        f = _sum_finding(
            "combined_total",
            "all",
            [c for k in leaves if (c := table.combined[k]) is not None],
            HUNDRED,
            _msg("lowest", lang),
            lang,
        )
        if f:
            findings.append(f)
    return findings


def _product(values: list[Decimal]) -> Decimal:
    out = Decimal(1)
    for v in values:
        out *= v
    return out
