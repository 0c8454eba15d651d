"""File names made from data: readable, portable, unique and inside the output folder.

Ids in our inputs are free text, and some outputs are named after them (notebook 05's
``plan_<month>_<inspector>.xlsx``, notebook 01's per-expert questionnaires).  An id such as
``QA01/../../x`` must not write outside the output folder, ``CON`` must not name a device on
Windows, and ``QA 01`` and ``QA/01`` must not silently overwrite each other's file.

* :func:`file_name_part` turns one value into text that is safe inside a file name: Unicode
  NFKC (full-width ``／`` becomes ``/``), every path separator, control character (NUL
  included), character Windows forbids (``<>:"/\\|?*``) and white space becomes ``_``;
  leading and trailing dots, dashes and underscores are dropped (no ``..``, no hidden file,
  no name read as a command-line option); letters of every script, Chinese included, are
  kept as they are.  A long value is cut to :data:`MAX_PART_BYTES` UTF-8 bytes and marked
  with a short hash of the whole value, so two long ids that share a beginning stay apart.
* :func:`file_names` gives every value of a set its own path in one folder: names that
  sanitise to the same text — compared without case, as Windows and macOS compare file
  names — or to nothing get a short hash of the original value appended, which depends
  only on that value, so the same inputs always give the same names.  A name whose stem is
  a reserved Windows device name (``CON``, ``NUL``, ``COM1``, ``LPT1`` …, with or without an
  extension) gets a trailing ``_``.  Every path is checked to lie directly in the folder.

See ``docs/output_safety.md``.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

#: Longest part of a file name taken from one value, in UTF-8 bytes (file systems allow 255).
MAX_PART_BYTES = 120

_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"} | {
    f"{d}{n}" for d in ("COM", "LPT") for n in (*"123456789", "¹", "²", "³")
}
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*\s]+')
_EDGES = "._- "


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()[:8]


def file_name_part(value: object) -> str:
    """``value`` as text that is safe inside a file name (may be ``""`` if nothing is left).

    Examples
    --------
    >>> file_name_part("QA01/../../x")
    'QA01_.._.._x'
    >>> file_name_part("../x"), file_name_part("a\\\\b"), file_name_part("a\\x00b")
    ('x', 'a_b', 'a_b')
    >>> file_name_part("张 三"), file_name_part("..")
    ('张_三', '')
    """
    text = unicodedata.normalize("NFKC", str(value))
    text = _UNSAFE.sub("_", text).strip(_EDGES)
    raw = text.encode("utf-8")
    if len(raw) > MAX_PART_BYTES:
        cut = raw[: MAX_PART_BYTES - 9].decode("utf-8", errors="ignore").rstrip(_EDGES)
        text = f"{cut}~{_digest(str(value))}"
    return text


def _not_reserved(name: str) -> str:
    stem = name.split(".", 1)[0]
    if stem.upper().rstrip(" ") in _RESERVED:
        return stem + "_" + name[len(stem) :]
    return name


def file_names(
    values: Iterable[object], folder: str | Path, *, prefix: str = "", suffix: str = ""
) -> dict[str, Path]:
    """A path ``folder / (prefix + part + suffix)`` for each distinct value, all different.

    ``prefix`` and ``suffix`` are ours (e.g. ``"plan_2026-07_"`` and ``".xlsx"``); the part
    is :func:`file_name_part` of the value.  Values whose parts collide (ignoring case) or
    are empty get ``~`` and a short hash of the value appended to the part, so the names
    are unique and depend only on the values.

    Raises
    ------
    ValueError
        A name would not lie directly in ``folder`` (cannot happen with the rules above;
        checked anyway).

    Examples
    --------
    >>> names = file_names(["QA/01", "QA 01", "CON", "质检01"], "out", prefix="", suffix=".xlsx")
    >>> [p.name for p in names.values()]
    ['QA_01~6b26058b.xlsx', 'QA_01~6f52a812.xlsx', 'CON_.xlsx', '质检01.xlsx']
    """
    folder = Path(folder)
    keys = list(dict.fromkeys(str(v) for v in values))
    parts = {k: file_name_part(k) for k in keys}
    count: dict[str, int] = {}
    for part in parts.values():
        count[part.casefold()] = count.get(part.casefold(), 0) + 1
    base = folder.resolve()
    out: dict[str, Path] = {}
    for k, part in parts.items():
        if not part or count[part.casefold()] > 1:
            part = f"{part}~{_digest(k)}" if part else _digest(k)
        path = folder / _not_reserved(f"{prefix}{part}{suffix}")
        if path.resolve().parent != base:
            raise ValueError(f"file name for {k!r} would leave {folder}: {path.name!r}")
        out[k] = path
    if len({p.name.casefold() for p in out.values()}) < len(out):
        raise ValueError(f"values give the same file name in {folder}: {sorted(out)!r}")
    return out


def file_name(value: object, folder: str | Path, *, prefix: str = "", suffix: str = "") -> Path:
    """The path for one value (:func:`file_names` with a single value).

    Examples
    --------
    >>> file_name("../../etc/passwd", "out", prefix="plan_").name
    'plan_etc_passwd'
    """
    return file_names([value], folder, prefix=prefix, suffix=suffix)[str(value)]
