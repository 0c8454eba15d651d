"""The narrative audit: every prose sentence of a report that carries a number, checked.

Used by ``tests/test_narrative_audit.py`` on this session's runs (zh and en) and runnable by
hand on a reports folder (``python tests/narrative_audit.py reports/``).  The rules:

* **present** — every non-integer number or percentage in a sentence is one of the report's
  recorded values, table cells or parameters after rounding to the decimals it is printed
  with (a fraction may be printed as a percentage);
* **interval** — a point estimate printed before its interval ("5.6 分（95% CI 4.6 到 6.6）",
  "0.94 (95% CI 0.86–0.97)") lies inside it, and the interval's ends are in order;
* **direction** — a direction word (偏严/偏松/harder/softer/higher/lower …) is followed by an
  unsigned magnitude and an interval without negative ends (never "harder by 5.6 (−6.6 to
  −4.6)");
* **one precision** — percentages listed in one run (、 or comma separated) share their decimals;
* **sums** — the monitoring plan's parts add up to its total, and the needs report's level
  counts add up to the agents assessed.

Integers alone are not checked for presence (counts derived in the sentence, section
numbers, months); they are checked by the sum rules.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

NUMBER = re.compile(r"(?<![\w.])([+−\-]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(\s?%)?")
_NUM = r"([+−\-]?\d[\d,]*(?:\.\d+)?)"
_LEVEL_CI = r"\d+(?:\.\d+)?\s?%\s*(?:CI|置信区间)\s*"
_ENDS = _NUM + r"\s?%?\s*(?:到|to|–|~)\s*" + _NUM
CI = re.compile(
    # "5.6 分（95% CI 4.6 到 6.6）", "97.3%（250/257，95%置信区间 94.5%–98.7%）"
    _NUM
    + r"\s?(?:%|分| points)?\s?[（(](?:[^（()）]*?[，,;；]\s*)?"
    + _LEVEL_CI
    + _ENDS
    # "估计 -9.02，95%置信区间 -12.65 ~ -5.38"
    + r"|(?:估计|estimate)\s*"
    + _NUM
    + r"\s?[，,]\s*"
    + _LEVEL_CI
    + _ENDS
)
DIRECTION = re.compile(
    r"(偏严|偏松|harder|softer|higher|lower)(?: by)?\s*([+−\-]?\d[\d,]*(?:\.\d+)?)"
    r"[^（(]{0,12}[（(][^）)]*CI\s+([+−\-]?\d[\d,.]*)\s*(?:到|to|–)\s*([+−\-]?\d[\d,.]*)"
)
SHARE_OF = re.compile(
    # "随机抽检 346 通（占 1,153 通非必检录音的 30%）" / "346 random (30% of the 1,153 …)"
    r"([\d,]+) 通（占 ([\d,]+) 通[^的（）]*的 (\d+(?:\.\d+)?)%）"
    r"|([\d,]+) \w+ \((\d+(?:\.\d+)?)% of the ([\d,]+) "
)
BARE_SHARE = re.compile(r"\d[\d,]* (?:通（\d+(?:\.\d+)?%）|random \(\d+(?:\.\d+)?%\))")
VAGUE = re.compile(r"主要差在|mostly on")
PASS_RATE = re.compile(r"(\d+(?:\.\d+)?)% (?:合格|pass\b)")
EXTREME_CAVEAT = ("合格率很高时", "when nearly all calls pass")
PCT_LIST = re.compile(r"(\d+(?:\.\d+)?%)(?=[^。;；.]*?(?:、|, )[^。;；.]*?\d+(?:\.\d+)?%)")
PLAN = re.compile(
    r"共安排 ([\d,]+) 通：计划抽检 ([\d,]+) 通，随机抽检 ([\d,]+) 通.*?必检 ([\d,]+) 通"
    r"|([\d,]+) calls — ([\d,]+) planned, ([\d,]+) random.*?, ([\d,]+) must-check"
)
LEVELS = re.compile(r"(?:本次共评估|^)\s?([\d,]+)\s?(?:名坐席|agents were assessed)")
LEVEL_COUNT = re.compile(r"[）)]\s?([\d,]+)\s?人?(?=[、,.。]|$)")


def _value(text: str) -> float:
    return float(text.replace(",", "").replace("−", "-"))


def _numbers_in(obj: Any, out: list[float]) -> None:
    if isinstance(obj, bool) or obj is None:
        return
    if isinstance(obj, int | float):
        if math.isfinite(float(obj)):
            out.append(float(obj))
    elif isinstance(obj, str):
        for m in NUMBER.finditer(obj):
            out.append(
                _value((m.group(1) or "") + m.group(2) + ("." + m.group(3) if m.group(3) else ""))
            )
    elif isinstance(obj, dict):
        for v in obj.values():
            _numbers_in(v, out)
    elif isinstance(obj, list | tuple):
        for v in obj:
            _numbers_in(v, out)


@dataclass
class Audit:
    """Sentences checked and the problems found in one report."""

    report: str
    checked: int = 0
    problems: list[str] = field(default_factory=list)


def sentences(html: str) -> list[str]:
    """Prose sentences of a page (tables, code, header and figures left out)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["table", "style", "script", "pre", "code", "header", "figure", "nav"]):
        tag.decompose()
    for tag in soup.select(".cslib-provenance, .cslib-sample, .cslib-header, #toc, .toc"):
        tag.decompose()
    out: list[str] = []
    for block in soup.find_all(["p", "li"]):
        if block.find(["p", "li"]):
            continue
        text = " ".join(block.get_text(" ").split())
        for s in re.split(r"(?<=[。；])|(?<=[.;])\s+(?=[A-Z(])", text):
            s = s.strip()
            if s:
                out.append(s)
    return out


#: cut-offs of published rating rules quoted in methods paragraphs (not results): Polit, Beck
#: & Owen (2007) κ* bands, Lawshe (1975) critical values are recorded by notebook 01 itself
PUBLISHED_CUTOFFS = (0.74, 0.60, 0.59, 0.40)


def candidates(
    records: dict[str, Any],
    html: str,
    parameters: dict[str, Any],
    files: tuple[Path, ...] = (),
) -> list[float]:
    """Every number a sentence may state: recorded values, table cells (of the page and of the
    CSV/Markdown tables the report writes beside it), parameters."""
    from bs4 import BeautifulSoup

    out: list[float] = list(PUBLISHED_CUTOFFS)
    _numbers_in(records, out)
    _numbers_in(parameters, out)
    for f in files:
        _numbers_in(f.read_text(encoding="utf-8", errors="replace"), out)
    soup = BeautifulSoup(html, "html.parser")
    for cell in soup.find_all(["td", "th"]):
        _numbers_in(cell.get_text(" "), out)
    return out


def _present(value: float, decimals: int, percent: bool, pool: list[float]) -> bool:
    tol = 0.5 * 10**-decimals + 1e-9
    target = abs(value)
    for c in pool:
        for scale in (1.0, 100.0) if percent else (1.0, 100.0, 0.01):
            if abs(abs(c * scale) - target) <= tol:
                return True
    return False


def audit(
    report: str,
    html: str,
    records: dict[str, Any],
    parameters: dict[str, Any],
    files: tuple[Path, ...] = (),
) -> Audit:
    """Check every sentence with a number of one report page."""
    result = Audit(report)
    pool = candidates(records, html, parameters, files)
    for s in sentences(html):
        numbers = list(NUMBER.finditer(s))
        if not numbers:
            continue
        result.checked += 1
        for m in numbers:
            decimals = len(m.group(3) or "")
            percent = bool(m.group(4))
            if not decimals and not percent:
                continue
            value = _value(
                (m.group(1) or "") + m.group(2) + ("." + m.group(3) if m.group(3) else "")
            )
            if not _present(value, decimals, percent, pool):
                result.problems.append(f"not in records/tables: {m.group(0)!r} in {s!r}")
        for m in CI.finditer(s):
            x, lo, hi = (_value(g) for g in m.groups() if g is not None)
            if lo > hi + 1e-9:
                result.problems.append(f"interval ends out of order: {m.group(0)!r} in {s!r}")
            elif not lo - 1e-9 <= x <= hi + 1e-9:
                result.problems.append(f"estimate outside its interval: {m.group(0)!r} in {s!r}")
        for m in DIRECTION.finditer(s):
            est, lo, hi = m.group(2), m.group(3), m.group(4)
            if est[:1] in "+−-" or _value(lo.rstrip(".")) < 0 or _value(hi.rstrip(".")) < 0:
                result.problems.append(
                    f"direction word with a signed number or interval: {m.group(0)!r} in {s!r}"
                )
        listed = re.sub(r"\d+(?:\.\d+)?\s?%\s*(?:CI|置信区间)", "CI", s)  # levels are no items
        for run in re.findall(
            r"(?:\d+(?:\.\d+)?%[^。；;%]{0,14}?(?:、|, )){1,}[^。；;%]{0,14}?\d+(?:\.\d+)?%", listed
        ):
            places = {
                len(p.split(".")[1]) if "." in p else 0
                for p in re.findall(r"\d+(?:\.\d+)?(?=%)", run)
            }
            if len(places) > 1:
                result.problems.append(f"one list, several precisions: {run!r} in {s!r}")
        for m in SHARE_OF.finditer(s):
            if m.group(1) is not None:
                part_t, whole_t, pct_t = m.group(1), m.group(2), m.group(3)
            else:
                part_t, pct_t, whole_t = m.group(4), m.group(5), m.group(6)
            part, whole, pct = _value(part_t), _value(whole_t), _value(pct_t)
            decimals = len(pct_t.split(".")[1]) if "." in pct_t else 0
            if whole <= 0 or abs(round(100 * part / whole, decimals) - pct) > 1e-9:
                result.problems.append(
                    f"share does not match its part and whole: {m.group(0)!r} in {s!r}"
                )
        for m in BARE_SHARE.finditer(s):
            result.problems.append(f"a share that does not say of what: {m.group(0)!r} in {s!r}")
        for m in VAGUE.finditer(s):
            result.problems.append(f"a vague quantity word instead of a share: {m.group(0)!r}")
        plan = PLAN.search(s)
        if plan:
            total, *parts = (int(_value(g)) for g in plan.groups() if g is not None)
            if sum(parts) != total:
                result.problems.append(f"plan parts {parts} do not add up to {total}: {s!r}")
        levels = LEVELS.search(s)
        if levels and ("等级分布" in s or "Levels:" in s):
            n = int(_value(levels.group(1)))
            tail = s.split("等级分布")[-1] if "等级分布" in s else s.split("Levels:")[-1]
            counts = [int(_value(c)) for c in LEVEL_COUNT.findall(tail)]
            if counts and sum(counts) != n:
                result.problems.append(f"level counts {counts} do not add up to {n}: {s!r}")
    # a caveat attached by its condition: "when nearly all calls pass" only at such a rate
    text = " ".join(sentences(html))
    rates = [_value(r) for r in PASS_RATE.findall(text)]
    if any(c in text for c in EXTREME_CAVEAT) and rates and all(10 < r < 90 for r in rates):
        result.problems.append(f"high-pass-rate caveat printed at pass rates {rates}")
    return result


def report_files(page: Path) -> tuple[Path, ...]:
    """The CSV and Markdown tables a report wrote beside its page (``NN_*.csv``, ``NN_*.md``)."""
    prefix = page.stem[:3]
    folder = page.parent
    found = [*folder.glob(f"{prefix}*.csv"), *folder.glob(f"{prefix}*.md")]
    found += [*folder.glob(f"{page.stem}/*.csv"), *folder.glob(f"{page.stem}/*.md")]
    return tuple(sorted(found))


def audit_page(page: Path) -> Audit:
    """Audit one finished report page with its executed notebook beside it."""
    from cslib.reporting.html import run_parameters
    from cslib.reporting.records import read_records

    executed = page.with_suffix(".ipynb")
    records = read_records(executed) if executed.is_file() else {}
    params = run_parameters(executed, {}) if executed.is_file() else {}
    return audit(page.stem, page.read_text(encoding="utf-8"), records, params, report_files(page))


def _main(folder: str) -> None:  # pragma: no cover - a tool for people
    import json

    for page in sorted(Path(folder).glob("[0-9][0-9]_*.html")):
        a = audit_page(page)
        print(json.dumps({"report": a.report, "checked": a.checked}, ensure_ascii=False))
        for p in a.problems:
            print("  ", p)


if __name__ == "__main__":  # pragma: no cover
    import sys

    _main(sys.argv[1])
