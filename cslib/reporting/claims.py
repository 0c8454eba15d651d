"""Sentences from claims: every number a report states, built from a small structured claim.

A sentence that carries a number is never assembled by hand from an f-string: the analysis
makes a *claim* — the estimate, its interval, unit, what it is relative to, the words for
the two directions — and one formatter per kind turns it into words:

* :class:`Difference` → :func:`format_difference`: a direction word with the magnitude and
  the *magnitude's* interval ("偏严 5.6 分（95% CI 4.6 到 6.6）"), or, when the interval
  crosses zero so that no direction word fits, the signed estimate with its signed interval
  ("+1.2 分（95% CI −0.4 到 +2.8）").  A magnitude never stands next to a signed interval.
* :class:`Share` → :func:`format_share`: a percentage that names its whole ("占 1,153 通非必检
  录音的 30%"); :func:`percent_list` gives every number of one list the same precision.
* :class:`Ratio` → :func:`format_ratio` ("1.8 倍").
* :class:`Count` → :func:`format_count` ("1,200 通").
* :class:`Verdict` → :func:`format_verdict`: a value checked against a target, said plainly
  when it cannot reach it ("无法达到目标 0.80（当前设计最高 0.76）").

A :class:`Caveat` is attached to a value by its condition (e.g. a pass rate of at least 90 %)
and printed only when the condition holds (:func:`caveats_for`).

The formatters validate the claim when it is made (finite numbers, the estimate inside its
interval), so an inconsistent sentence cannot be written.  The narrative audit test
(``tests/test_narrative_audit.py``) checks the finished reports against the same rules.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from cslib.core.i18n import Phrases, check_lang, pick

__all__ = [
    "Difference",
    "Share",
    "Ratio",
    "Count",
    "Verdict",
    "Caveat",
    "format_difference",
    "format_share",
    "format_ratio",
    "format_count",
    "format_verdict",
    "percent_list",
    "caveats_for",
    "PHRASES",
]

Pair = tuple[str, str]
"""A word in both languages: (Chinese, English)."""

PHRASES = Phrases(
    {
        "ci": ("（{conf} CI {lo} 到 {hi}）", " ({conf} CI {lo} to {hi})"),
        "diff_dir": ("{way} {value}{unit}{ci}", "{way} by {value}{unit}{ci}"),
        "diff_signed": ("{value}{unit}{ci}", "{value}{unit}{ci}"),
        "diff_none": ("无差异{ci}", "no difference{ci}"),
        "share": ("占 {whole} {of}的 {pct}", "{pct} of the {whole} {of}"),
        "share_of": ("占{of}的 {pct}", "{pct} of the {of}"),
        "ratio": ("{value} 倍{ci}", "{value} times{ci}"),
        "count": ("{n}{unit}", "{n}{unit}"),
        "reaches": (
            "可达到目标 {target}（{what} {value}）",
            "reaches the target {target} ({what} {value})",
        ),
        "misses": (
            "无法达到目标 {target}（{what}最高 {value}）",
            "cannot reach the target {target} ({what} reaches at most {value})",
        ),
    }
)


def _finite(name: str, value: float) -> None:
    if not isinstance(value, int | float) or not math.isfinite(float(value)):
        raise ValueError(f"a claim's {name} must be a finite number, got {value!r}")


def _fixed(x: float, decimals: int, *, sign: bool = False) -> str:
    """``x`` with ``decimals`` places, thousands separated, a true minus sign (−) when negative;
    ``sign=True`` also writes + for a positive value.  A value that rounds to zero is 0."""
    text = f"{abs(x):,.{decimals}f}"
    if float(text.replace(",", "")) == 0:
        return text
    if x < 0:
        return "−" + text
    return ("+" if sign else "") + text


def _conf(level: float) -> str:
    return f"{100 * level:g}%"


@dataclass(frozen=True)
class Difference:
    """A difference (an effect, a bias) with its interval and the words for its directions.

    Parameters
    ----------
    estimate : float
        The signed point estimate (positive = ``up``).
    ci_low, ci_high : float, optional
        The signed interval of the estimate (both or neither).
    unit : (str, str)
        Unit after the number with its leading space, e.g. ``(" 分", " points")``.
    up, down : (str, str)
        Direction words for a positive and a negative estimate.
    decimals : int
        Places of every number in the sentence.
    confidence_level : float
        Level of the interval.

    Examples
    --------
    >>> d = Difference(-5.6, -6.6, -4.6, unit=(" 分", " points"), up=("偏松", "softer"),
    ...                down=("偏严", "harder"))
    >>> format_difference(d, "en")
    'harder by 5.6 points (95% CI 4.6 to 6.6)'
    >>> format_difference(d, "zh")
    '偏严 5.6 分（95% CI 4.6 到 6.6）'
    """

    estimate: float
    ci_low: float | None = None
    ci_high: float | None = None
    unit: Pair = ("", "")
    up: Pair = ("高", "higher")
    down: Pair = ("低", "lower")
    decimals: int = 1
    confidence_level: float = 0.95

    def __post_init__(self) -> None:
        _finite("estimate", self.estimate)
        if (self.ci_low is None) != (self.ci_high is None):
            raise ValueError("a claim's interval needs both ends or neither")
        if self.ci_low is not None and self.ci_high is not None:
            _finite("ci_low", self.ci_low)
            _finite("ci_high", self.ci_high)
            if not self.ci_low <= self.estimate <= self.ci_high:
                raise ValueError(
                    f"the estimate {self.estimate} lies outside its interval "
                    f"[{self.ci_low}, {self.ci_high}]"
                )

    @property
    def crosses_zero(self) -> bool:
        """Whether the interval holds values of both signs (no direction word fits)."""
        return self.ci_low is not None and self.ci_low < 0 < (self.ci_high or 0)


def format_difference(claim: Difference, lang: str) -> str:
    """The sentence part of a :class:`Difference` in one language (see the class)."""
    side = check_lang(lang)
    d = claim.decimals
    unit = pick(*claim.unit, side)

    def ci(lo: float, hi: float, *, sign: bool) -> str:
        if claim.ci_low is None:
            return ""
        return PHRASES(
            "ci",
            side,
            conf=_conf(claim.confidence_level),
            lo=_fixed(lo, d, sign=sign),
            hi=_fixed(hi, d, sign=sign),
        )

    rounded = float(_fixed(claim.estimate, d).replace(",", "").replace("−", "-"))
    if claim.crosses_zero:
        assert claim.ci_low is not None and claim.ci_high is not None
        return PHRASES(
            "diff_signed",
            side,
            value=_fixed(claim.estimate, d, sign=True),
            unit=unit,
            ci=ci(claim.ci_low, claim.ci_high, sign=True),
        )
    if rounded == 0:
        lo, hi = (claim.ci_low, claim.ci_high) if claim.ci_low is not None else (0.0, 0.0)
        return PHRASES("diff_none", side, ci=ci(lo or 0.0, hi or 0.0, sign=True))
    way = pick(*(claim.up if claim.estimate > 0 else claim.down), side)
    lo = hi = 0.0
    if claim.ci_low is not None and claim.ci_high is not None:
        lo, hi = sorted((abs(claim.ci_low), abs(claim.ci_high)))
    return PHRASES(
        "diff_dir",
        side,
        way=way,
        value=_fixed(abs(claim.estimate), d),
        unit=unit,
        ci=ci(lo, hi, sign=False),
    )


@dataclass(frozen=True)
class Share:
    """A part of a named whole, said as a percentage *of that whole*.

    Examples
    --------
    >>> s = Share(346, 1153, of=("通非必检录音", "non-must-check calls"))
    >>> format_share(s, "zh")
    '占 1,153 通非必检录音的 30%'
    >>> format_share(s, "en")
    '30% of the 1,153 non-must-check calls'
    """

    part: float
    whole: float
    of: Pair
    decimals: int = 0
    show_whole: bool = True
    """Say the whole's size ("of the 1,153 calls"); off for a whole that is not a count."""

    def __post_init__(self) -> None:
        _finite("part", self.part)
        _finite("whole", self.whole)
        if self.whole <= 0:
            raise ValueError("a share needs a positive whole")
        if not 0 <= self.part <= self.whole:
            raise ValueError(f"a share's part {self.part} is not within 0..{self.whole}")

    @property
    def fraction(self) -> float:
        return self.part / self.whole


def _whole(x: float) -> str:
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.1f}"


def format_share(claim: Share, lang: str) -> str:
    """The percentage of a :class:`Share`, naming its whole (see the class)."""
    side = check_lang(lang)
    return PHRASES(
        "share" if claim.show_whole else "share_of",
        side,
        pct=_fixed(100 * claim.fraction, claim.decimals) + "%",
        whole=_whole(claim.whole),
        of=pick(*claim.of, side),
    )


def percent_list(fractions: Sequence[float], decimals: int = 1) -> list[str]:
    """Percentages of one list, every one with the same ``decimals`` (never ``97%`` beside
    ``97.9%``).

    Examples
    --------
    >>> percent_list([0.979, 0.96999, 0.977])
    ['97.9%', '97.0%', '97.7%']
    """
    for f in fractions:
        _finite("share", f)
    return [f"{100 * f:.{decimals}f}%" for f in fractions]


@dataclass(frozen=True)
class Ratio:
    """A ratio (times as much) with an optional interval.

    Examples
    --------
    >>> format_ratio(Ratio(1.84, 1.2, 2.9), "en")
    '1.8 times (95% CI 1.2 to 2.9)'
    """

    estimate: float
    ci_low: float | None = None
    ci_high: float | None = None
    decimals: int = 1
    confidence_level: float = 0.95

    def __post_init__(self) -> None:
        _finite("estimate", self.estimate)
        if self.estimate < 0:
            raise ValueError("a ratio is not negative")
        if self.ci_low is not None and self.ci_high is not None:
            if not self.ci_low <= self.estimate <= self.ci_high:
                raise ValueError("the ratio lies outside its interval")


def format_ratio(claim: Ratio, lang: str) -> str:
    """The words of a :class:`Ratio`."""
    side = check_lang(lang)
    ci = ""
    if claim.ci_low is not None and claim.ci_high is not None:
        ci = PHRASES(
            "ci",
            side,
            conf=_conf(claim.confidence_level),
            lo=_fixed(claim.ci_low, claim.decimals),
            hi=_fixed(claim.ci_high, claim.decimals),
        )
    return PHRASES("ratio", side, value=_fixed(claim.estimate, claim.decimals), ci=ci)


@dataclass(frozen=True)
class Count:
    """A whole number of things.

    Examples
    --------
    >>> format_count(Count(1200, ("通", " calls")), "en")
    '1,200 calls'
    """

    n: int
    unit: Pair = ("", "")

    def __post_init__(self) -> None:
        if int(self.n) != self.n or self.n < 0:
            raise ValueError(f"a count is a whole number ≥ 0, got {self.n!r}")


def format_count(claim: Count, lang: str) -> str:
    """The words of a :class:`Count`."""
    side = check_lang(lang)
    return PHRASES("count", side, n=f"{int(claim.n):,}", unit=pick(*claim.unit, side))


@dataclass(frozen=True)
class Verdict:
    """A value a plan or design reaches, checked against the target the report recommends.

    ``value`` is what the design achieves at best (e.g. the largest reliability the proposed
    rotation allows); ``target`` what the report recommends; the verdict is *reaches* when
    ``value >= target`` (``at_least=True``) or ``value <= target`` (``at_least=False``).

    Examples
    --------
    >>> v = Verdict(0.757, 0.80, what=("当前设计", "the current design"), decimals=2)
    >>> v.reached
    False
    >>> format_verdict(v, "zh")
    '无法达到目标 0.80（当前设计最高 0.76）'
    """

    value: float
    target: float
    what: Pair
    decimals: int = 2
    at_least: bool = True

    def __post_init__(self) -> None:
        _finite("value", self.value)
        _finite("target", self.target)

    @property
    def reached(self) -> bool:
        return self.value >= self.target if self.at_least else self.value <= self.target


def format_verdict(claim: Verdict, lang: str) -> str:
    """The words of a :class:`Verdict`: reached, or plainly not and how far it gets."""
    side = check_lang(lang)
    value = float(claim.value)
    shown = _fixed(value, claim.decimals)
    target = _fixed(claim.target, claim.decimals)
    if not claim.reached and shown == target:
        # never "cannot reach 0.80 (at most 0.80)": show the places that tell them apart
        shown = _fixed(value, claim.decimals + 2)
    return PHRASES(
        "reaches" if claim.reached else "misses",
        side,
        target=target,
        value=shown,
        what=pick(*claim.what, side),
    )


@dataclass(frozen=True)
class Caveat:
    """A caveat that belongs to a value only under a condition.

    It applies when ``at_least <= value`` or ``value <= at_most`` (either bound may be
    omitted; with both, either condition suffices — e.g. a pass rate near 0 or near 1).

    Examples
    --------
    >>> c = Caveat(("合格率很高", "nearly all pass"), at_least=0.9, at_most=0.1)
    >>> caveats_for(0.484, [c], "en"), caveats_for(0.95, [c], "en")
    ([], ['nearly all pass'])
    """

    text: Pair
    at_least: float | None = None
    at_most: float | None = None

    def applies(self, value: float) -> bool:
        if not math.isfinite(value):
            return False
        high = self.at_least is not None and value >= self.at_least
        low = self.at_most is not None and value <= self.at_most
        return high or low


def caveats_for(value: float, caveats: Sequence[Caveat], lang: str) -> list[str]:
    """The texts of the caveats whose condition ``value`` meets, in the order given."""
    side = check_lang(lang)
    return [pick(*c.text, side) for c in caveats if c.applies(value)]
