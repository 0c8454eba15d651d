"""Score bands (">90 senior, 80–90 intermediate …"): exact check that bands tile a score range
with no gap and no overlap, honouring open and closed ends.

Arithmetic is exact (:class:`decimal.Decimal` on the printed numbers).  No library does this
check; it is written here by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from cslib.core.findings import Finding
from cslib.core.i18n import join_and, pick, text


@dataclass(frozen=True)
class Band:
    """A grade band: an interval of total scores.

    ``lower``/``upper`` ``None`` means unbounded on that side.
    """

    name_zh: str
    name_en: str
    lower: Decimal | None
    upper: Decimal | None
    lower_closed: bool = True
    upper_closed: bool = True
    line: int | None = None

    def name(self, lang: str = "zh") -> str:
        return pick(self.name_zh, self.name_en, lang)

    def contains(self, x: Decimal) -> bool:
        if self.lower is not None and (
            x < self.lower or (x == self.lower and not self.lower_closed)
        ):
            return False
        return not (
            self.upper is not None
            and (x > self.upper or (x == self.upper and not self.upper_closed))
        )

    def interval(self) -> str:
        """Interval notation, e.g. ``"(90, ∞)"``, ``"[80, 90]"``."""
        lo = (
            "(−∞"
            if self.lower is None
            else ("[" if self.lower_closed else "(") + plain_decimal(self.lower)
        )
        hi = (
            "∞)"
            if self.upper is None
            else plain_decimal(self.upper) + ("]" if self.upper_closed else ")")
        )
        return f"{lo}, {hi}"


def plain_decimal(x: Decimal) -> str:
    return format(x.normalize(), "f") if x == x.to_integral() else format(x, "f")


_TEXT = {
    "no_points": ("项目“{name}”没有分值", "item '{name}' has no points"),
    "zero_points": ("项目“{name}”分值为0", "item '{name}' has 0 points"),
    "children_sum": (
        "“{name}”的子项合计 {got}，应为 {want}",
        "the sub-items of '{name}' add up to {got}, not {want}",
    ),
    "total": (
        "一级项目合计 {got}，但方案标明总分 {want}",
        "the first-level items add up to {got}, but the stated total is {want}",
    ),
    "total_not_100": (
        "百分比方案的总和标为 {got}，应为 100",
        "a percentage scheme states a total of {got}, not 100",
    ),
    "band_empty": (
        "等级“{name}” {interval} 不包含任何分数",
        "band '{name}' {interval} contains no score",
    ),
    "band_overlap": (
        "分数 {interval} 同时属于 {names}，等级不唯一",
        "scores {interval} fall into {names} at once; the grade is ambiguous",
    ),
    "band_gap": ("分数 {interval} 不属于任何等级", "scores {interval} fall into no band"),
    "band_overlap_point": (
        "分数 {interval} 同时属于 {names}，等级不唯一",
        "a score of {interval} falls into {names} at once; the grade is ambiguous",
    ),
    "band_gap_point": (
        "分数 {interval} 不属于任何等级",
        "a score of {interval} falls into no band",
    ),
    "one_band": ("每个分数恰好属于一个等级", "each score in exactly one band"),
}


def band_phrase(key: str, lang: str, **kw: object) -> str:
    return text(_TEXT, key, lang, **kw)


def check_bands(
    bands: tuple[Band, ...] | list[Band],
    score_range: tuple[Decimal, Decimal],
    *,
    score_step: Decimal | None = None,
    lang: str = "zh",
) -> list[Finding]:
    """Check that grade bands cover ``score_range`` with every score in exactly one band.

    Sweeps every band end point and every open stretch between two end points, so closed
    and open ends are honoured (``>90`` and ``80–90`` share no score, ``80–90`` and
    ``70–80`` share 80).  With ``score_step`` a gap no attainable score falls into (e.g.
    ``(89, 90)`` for whole-number scores) is not reported.

    Returns
    -------
    list of Finding
        ``band_empty``, ``band_overlap`` and ``band_gap`` findings; empty when consistent.
    """
    if not bands:
        return []
    out: list[Finding] = []
    lo, hi = (Decimal(str(v)) for v in score_range)
    score_step = Decimal(str(score_step)) if score_step is not None else None
    for b in bands:
        empty = (
            b.lower is not None
            and b.upper is not None
            and (
                b.lower > b.upper
                or (b.lower == b.upper and not (b.lower_closed and b.upper_closed))
            )
        )
        if empty:
            out.append(
                Finding(
                    "band_empty",
                    "problem",
                    b.name(lang),
                    band_phrase("band_empty", lang, name=b.name(lang), interval=b.interval()),
                    b.interval(),
                )
            )
    # sweep the range: every breakpoint and every open stretch between two breakpoints
    points = {lo, hi}
    for b in bands:
        points |= {v for v in (b.lower, b.upper) if v is not None and lo <= v <= hi}
    pts = sorted(points)
    elements: list[tuple[Decimal, Decimal, frozenset[int]]] = []  # (left, right, bands)
    for k, p in enumerate(pts):
        elements.append((p, p, frozenset(i for i, b in enumerate(bands) if b.contains(p))))
        if k + 1 < len(pts):
            mid = (p + pts[k + 1]) / 2
            elements.append(
                (p, pts[k + 1], frozenset(i for i, b in enumerate(bands) if b.contains(mid)))
            )
    k = 0
    while k < len(elements):
        cover = elements[k][2]
        if len(cover) == 1:
            k += 1
            continue
        end = k
        while end + 1 < len(elements) and elements[end + 1][2] == cover:
            end += 1
        first, last = elements[k], elements[end]
        left, left_closed = first[0], first[0] == first[1]
        right, right_closed = last[1], last[0] == last[1]
        k = end + 1
        if not _attainable(left, left_closed, right, right_closed, score_step):
            continue
        point = left == right
        if point:
            text = plain_decimal(left)
        else:
            text = (
                f"{'[' if left_closed else '('}{plain_decimal(left)}, "
                f"{plain_decimal(right)}{']' if right_closed else ')'}"
            )
        if cover:
            names = [bands[i].name(lang) for i in sorted(cover)]
            printed = "; ".join(
                f"{bands[i].name(lang)} {bands[i].interval()}" for i in sorted(cover)
            )
            joined = join_and(names, lang)
            out.append(
                Finding(
                    "band_overlap",
                    "problem",
                    " / ".join(names),
                    band_phrase(
                        "band_overlap_point" if point else "band_overlap",
                        lang,
                        interval=text,
                        names=joined,
                    ),
                    printed,
                    band_phrase("one_band", lang),
                )
            )
        else:
            out.append(
                Finding(
                    "band_gap",
                    "problem",
                    text,
                    band_phrase("band_gap_point" if point else "band_gap", lang, interval=text),
                    None,
                    band_phrase("one_band", lang),
                )
            )
    return out


def _attainable(
    a: Decimal, a_closed: bool, b: Decimal, b_closed: bool, step: Decimal | None
) -> bool:
    """Whether the interval holds a score on the grid of ``step`` (always, if continuous)."""
    if step is None:
        return True
    q = (a / step).to_integral_value(rounding="ROUND_CEILING") * step
    if q == a and not a_closed:
        q += step
    return q < b or (q == b and b_closed)
