"""Integrity of weighted scoring schemes: points that add up, grade bands that tile the range.

A scheme (YAML, format in ``docs/scheme_format.md``) is a hierarchy of items with points
or percentages, a stated total, and optional grade bands such as ">90 senior, 80–90
intermediate, 70–80 junior, <70 warning".  :func:`check_scheme` reports, as
:class:`cslib.core.findings.Finding` records (rule names below):

* ``no_points`` — an item without points (or with 0 points);
* ``children_sum`` — children that do not add up to their parent (points mode) or to 100
  (``children_as: percent_of_parent``);
* ``total`` — first-level items that do not add up to the stated total;
* ``total_not_100`` — a percentage scheme whose stated total is not 100;
* ``band_empty`` — a band that contains no score (lower above upper, or a single point
  with an open end);
* ``band_overlap`` — scores that fall into two or more bands (e.g. 80 in both "80–90" and
  "70–80");
* ``band_gap`` — scores in the scheme's range that fall into no band.

Band ends are explicit: ``lower_closed`` / ``upper_closed`` (default closed, as a printed
range "80–90" includes both ends; ">90" is ``lower: 90, lower_closed: false``; "<70" is
``upper: 70, upper_closed: false``).  With ``score_step`` (e.g. 1 for whole-number scores)
a gap or overlap that contains no attainable score is not reported.  Arithmetic is exact
(:class:`decimal.Decimal` on the printed numbers).  No library does this check; it is
written here by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml

from cslib.core.bands import Band, band_phrase, check_bands, plain_decimal
from cslib.core.errors import InputError
from cslib.core.findings import Finding
from cslib.core.i18n import choose


@dataclass(frozen=True)
class SchemeItem:
    """One scored item (possibly with sub-items).

    Attributes
    ----------
    id, name_zh, name_en : str
    points : Decimal or None
        As printed (``None`` if not given).
    children : tuple of SchemeItem
    line : int or None
        Line in the YAML file.
    """

    id: str
    name_zh: str
    name_en: str
    points: Decimal | None
    children: tuple[SchemeItem, ...] = ()
    line: int | None = None

    def name(self, lang: str = "zh") -> str:
        return choose(self.name_zh, self.name_en, lang)


@dataclass(frozen=True)
class Scheme:
    """A weighted scoring scheme.

    Attributes
    ----------
    name_zh, name_en : str
    unit : {"points", "percent"}
    total : Decimal
        The stated total.
    items : tuple of SchemeItem
    bands : tuple of Band
    score_range : (Decimal, Decimal)
        Lowest and highest attainable total (default 0 … total).
    score_step : Decimal or None
        Resolution of scores (``None`` = continuous).
    children_as : {"points", "percent_of_parent"}
    rules : tuple of str
        Free-text rules (shown, not checked).
    source : str or None
    """

    name_zh: str
    name_en: str
    unit: str
    total: Decimal
    items: tuple[SchemeItem, ...]
    bands: tuple[Band, ...]
    score_range: tuple[Decimal, Decimal]
    score_step: Decimal | None
    children_as: str
    rules: tuple[str, ...]
    source: str | None = None

    def name(self, lang: str = "zh") -> str:
        return choose(self.name_zh, self.name_en, lang)


def _dec(value: object, source: str, where: str, line: int | None) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise InputError.single(source, f"{where}: expected a number", row=line, found=value)
    try:
        d = Decimal(str(value).strip().rstrip("%"))
    except InvalidOperation:
        raise InputError.single(
            source, f"{where}: expected a number", row=line, found=value
        ) from None
    if not d.is_finite():
        raise InputError.single(source, f"{where}: expected a finite number", row=line, found=value)
    return d


def _lines(node: yaml.Node | None, key: str) -> list[int]:
    if not isinstance(node, yaml.MappingNode):
        return []
    for k, v in node.value:
        if k.value == key and isinstance(v, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in v.value]
    return []


def load_scheme(path: str | Path) -> Scheme:
    """Read a scheme YAML file (see ``docs/scheme_format.md``).

    Raises
    ------
    InputError
        File missing, not YAML, unknown ``unit``/``children_as``, items without ``id``,
        duplicate ids, non-numeric points or band ends; messages name the line ("row").
    """
    path = Path(path)
    source = str(path)
    if not path.is_file():
        raise InputError.single(source, "file not found")
    text = path.read_text(encoding="utf-8")
    try:
        doc = yaml.safe_load(text)
        node = yaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError.single(
            source,
            f"not valid YAML ({getattr(exc, 'problem', exc)})",
            row=mark.line + 1 if mark else None,
        ) from None
    if not isinstance(doc, dict) or not isinstance(doc.get("items"), list):
        raise InputError.single(source, "expected a mapping with an 'items' list")
    unit = str(doc.get("unit", "points"))
    if unit not in ("points", "percent"):
        raise InputError.single(source, "unit: expected 'points' or 'percent'", found=unit)
    children_as = str(doc.get("children_as", "points"))
    if children_as not in ("points", "percent_of_parent"):
        raise InputError.single(
            source, "children_as: expected 'points' or 'percent_of_parent'", found=children_as
        )
    total = _dec(doc.get("total", 100), source, "total", None)
    if total is None:
        raise InputError.single(source, "total: expected a number (the scheme's full score)")
    seen: set[str] = set()

    def parse_items(raw: list, lines: list[int], where: str, item_node) -> tuple[SchemeItem, ...]:
        out = []
        sub_nodes = item_node.value if isinstance(item_node, yaml.SequenceNode) else []
        for k, entry in enumerate(raw):
            line = lines[k] if k < len(lines) else None
            label = f"{where}[{k + 1}]"
            if not isinstance(entry, dict) or not str(entry.get("id") or "").strip():
                raise InputError.single(
                    source, f"{label}: expected a mapping with an 'id'", row=line
                )
            ident = str(entry["id"]).strip()
            if ident in seen:
                raise InputError.single(
                    source, f"{label}: duplicate item id", row=line, found=ident
                )
            seen.add(ident)
            kids_raw = entry.get("children") or []
            if not isinstance(kids_raw, list):
                raise InputError.single(source, f"{label}: 'children' must be a list", row=line)
            sub = sub_nodes[k] if k < len(sub_nodes) else None
            kid_node = None
            if isinstance(sub, yaml.MappingNode):
                kid_node = next((v for kk, v in sub.value if kk.value == "children"), None)
            kids = parse_items(kids_raw, _lines(sub, "children"), f"{ident}.children", kid_node)
            out.append(
                SchemeItem(
                    ident,
                    str(entry.get("name_zh") or ident),
                    str(entry.get("name_en") or ident),
                    _dec(entry.get("points"), source, f"{label} ({ident}).points", line),
                    kids,
                    line,
                )
            )
        return tuple(out)

    items_node = None
    if isinstance(node, yaml.MappingNode):
        items_node = next((v for k, v in node.value if k.value == "items"), None)
    items = parse_items(doc["items"], _lines(node, "items"), "items", items_node)
    band_lines = _lines(node, "bands")
    bands = []
    for k, b in enumerate(doc.get("bands") or []):
        line = band_lines[k] if k < len(band_lines) else None
        if not isinstance(b, dict):
            raise InputError.single(source, f"bands[{k + 1}]: expected a mapping", row=line)
        lower = _dec(b.get("lower"), source, f"bands[{k + 1}].lower", line)
        upper = _dec(b.get("upper"), source, f"bands[{k + 1}].upper", line)
        if lower is None and upper is None:
            raise InputError.single(
                source, f"bands[{k + 1}]: give 'lower', 'upper' or both", row=line
            )
        name_en = str(b.get("name_en") or b.get("name_zh") or f"band {k + 1}")
        bands.append(
            Band(
                str(b.get("name_zh") or name_en),
                name_en,
                lower,
                upper,
                bool(b.get("lower_closed", True)),
                bool(b.get("upper_closed", True)),
                line,
            )
        )
    rng = doc.get("score_range") or [0, doc.get("total", 100)]
    if not isinstance(rng, list) or len(rng) != 2:
        raise InputError.single(source, "score_range: expected [lowest, highest]", found=rng)
    lo, hi = (_dec(v, source, "score_range", None) for v in rng)
    if lo is None or hi is None:
        raise InputError.single(source, "score_range: expected [lowest, highest]", found=rng)
    step = _dec(doc.get("score_step"), source, "score_step", None)
    rules = tuple(str(r) for r in doc.get("rules") or [])
    return Scheme(
        str(doc.get("name_zh") or path.stem),
        str(doc.get("name_en") or path.stem),
        unit,
        total,
        items,
        tuple(bands),
        (lo, hi),
        step,
        children_as,
        rules,
        source,
    )


def check_scheme(scheme: Scheme, *, lang: str = "en") -> list[Finding]:
    """Check a scheme's arithmetic and grade bands; return the findings (empty if clean).

    Parameters
    ----------
    scheme : Scheme
    lang : {"en", "zh"}
        Language of the messages.

    Returns
    -------
    list of Finding
        Severity ``"problem"`` for every rule; in order: item findings (file order), total,
        bands.
    """
    out: list[Finding] = []

    def walk(item: SchemeItem) -> None:
        name = item.name(lang)
        if item.points is None:
            out.append(
                Finding("no_points", "problem", item.id, band_phrase("no_points", lang, name=name))
            )
        elif item.points == 0:
            out.append(
                Finding(
                    "no_points",
                    "problem",
                    item.id,
                    band_phrase("zero_points", lang, name=name),
                    plain_decimal(item.points),
                )
            )
        if item.children:
            pts = [c.points for c in item.children if c.points is not None]
            if len(pts) == len(item.children):
                got = sum(pts, Decimal(0))
                want = Decimal(100) if scheme.children_as == "percent_of_parent" else item.points
                if want is not None and got != want:
                    out.append(
                        Finding(
                            "children_sum",
                            "problem",
                            item.id,
                            band_phrase(
                                "children_sum",
                                lang,
                                name=name,
                                got=plain_decimal(got),
                                want=plain_decimal(want),
                            ),
                            plain_decimal(got),
                            plain_decimal(want),
                        )
                    )
            for c in item.children:
                walk(c)

    for item in scheme.items:
        walk(item)
    pts = [i.points for i in scheme.items if i.points is not None]
    if len(pts) == len(scheme.items):
        got = sum(pts, Decimal(0))
        if got != scheme.total:
            out.append(
                Finding(
                    "total",
                    "problem",
                    "total",
                    band_phrase(
                        "total", lang, got=plain_decimal(got), want=plain_decimal(scheme.total)
                    ),
                    plain_decimal(got),
                    plain_decimal(scheme.total),
                )
            )
    if scheme.unit == "percent" and scheme.total != 100:
        out.append(
            Finding(
                "total_not_100",
                "problem",
                "total",
                band_phrase("total_not_100", lang, got=plain_decimal(scheme.total)),
                plain_decimal(scheme.total),
                "100",
            )
        )
    out += check_bands(scheme.bands, scheme.score_range, score_step=scheme.score_step, lang=lang)
    return out
