"""Reports that know about each other: a later report reads the earlier reports' results.

One study's reports are published into one output folder (the study's output folder, or
``reports/`` for the demo).  Each executed notebook there keeps the values it recorded
(:func:`cslib.reporting.records.record`), and ``cslib-manifest.json`` says which run made it
(inputs with SHA-256, sample or own data).  A later report reads those recorded values and
says where it agrees or disagrees:

==========================  ====================================================================
report                      reads
==========================  ====================================================================
02 consistency checks       01's combined Delphi weights (the weights it compares the AHP with)
04 training needs           03's verdict per course (courses without evidence are deprioritised)
05 QA monitoring            02's calibration findings (inspector bias) beside its routine data
==========================  ====================================================================

The rule (``EARLIER``) is declared here once: the runner runs the earlier notebooks first
(:func:`waves`), notes which earlier results a run read in its manifest record, and the
report header lists them like input files (:func:`cslib.reporting.provenance.add_provenance`).

Only a result of the same kind of data is used: a report on the study's own data never reads
an earlier report made from the sample files, and the other way round.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cslib.core.i18n import Phrases

__all__ = ["EARLIER", "EarlierResult", "read_earlier", "earlier_record", "waves", "PHRASES"]

MANIFEST = "cslib-manifest.json"

EARLIER: dict[str, tuple[str, ...]] = {
    "02_consistency_checks": ("01_delphi_weights",),
    "04_training_needs": ("03_microcourse_effectiveness",),
    "05_qa_monitoring": ("02_consistency_checks",),
}
"""Report → the earlier reports whose recorded results it reads."""

PHRASES = Phrases(
    {
        "earlier": ("读取的前序报告结果：", "Earlier reports' results read: "),
        "report": ("报告 {nn}", "report {nn}"),
        "sample": ("示例数据", "sample data"),
        "user": ("本研究数据", "this study's data"),
    }
)


@dataclass(frozen=True)
class EarlierResult:
    """The recorded values of one earlier report in the same output folder.

    Attributes
    ----------
    stem : str
        The earlier notebook, e.g. ``"03_microcourse_effectiveness"``.
    file : str
        Its executed notebook's file name (never a folder).
    sha256 : str
        SHA-256 of that file, as listed in the report header.
    data : str
        ``"sample"`` or ``"user"``: what the earlier run was made from.
    values : dict
        Every value it recorded, by name.
    """

    stem: str
    file: str
    sha256: str
    data: str
    values: dict[str, Any] = field(default_factory=dict)

    @property
    def number(self) -> str:
        """The report's number, ``"03"``."""
        return self.stem[:2]


def _folder(folder: str | Path | None) -> Path | None:
    if folder is not None:
        return Path(folder)
    env = os.environ.get("CSLIB_OUTPUT_DIR")
    return Path(env) if env else None


def _manifest(folder: Path) -> dict[str, Any]:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _found(stem: str, folder: Path, data: str | None) -> list[tuple[str, Path, str]]:
    """(earlier stem, executed notebook, data kind) of every earlier report present."""
    manifest = _manifest(folder)
    out = []
    for earlier in EARLIER.get(stem, ()):
        name = f"{earlier}.ipynb"
        entry = manifest.get(name)
        path = folder / name
        if not isinstance(entry, dict) or entry.get("notebook") != earlier or not path.is_file():
            continue
        kind = str(entry.get("data", "user"))
        if data is not None and kind != data:
            continue  # sample results never inform a study's report, nor the other way round
        out.append((earlier, path, kind))
    return out


def read_earlier(
    stem: str, folder: str | Path | None = None, *, data: str | None = None
) -> dict[str, EarlierResult]:
    """The earlier reports' recorded results that report ``stem`` reads (see ``EARLIER``).

    Parameters
    ----------
    stem : str
        The reading notebook, e.g. ``"04_training_needs"``.
    folder : path, optional
        The output folder (default: ``CSLIB_OUTPUT_DIR``, set by the runner for the kernel).
    data : {"sample", "user"}, optional
        Only earlier results made from this kind of data (default: what the runner noted
        for this run, ``CSLIB_DATA``, else any).

    Returns
    -------
    dict
        Earlier stem → :class:`EarlierResult`; empty when none is published there (then the
        report says nothing about the others — it is not an error).

    Examples
    --------
    >>> read_earlier("01_delphi_weights", "/nonexistent")
    {}
    """
    from cslib.reporting.records import read_records

    where = _folder(folder)
    if where is None or not where.is_dir():
        return {}
    data = data or os.environ.get("CSLIB_DATA") or None
    out = {}
    for earlier, path, kind in _found(stem, where, data):
        try:
            values = read_records(path)
        except Exception:  # an unreadable earlier notebook informs nothing; it is not ours to fix
            continue
        out[earlier] = EarlierResult(earlier, path.name, _sha256(path), kind, values)
    return out


def earlier_record(
    stem: str, folder: str | Path, *, data: str | None = None
) -> list[dict[str, Any]]:
    """The manifest's note of which earlier results a run reads: file, report, data, SHA-256.

    Made by the runner before the kernel starts, with the same rule as :func:`read_earlier`.
    """
    where = Path(folder)
    if not where.is_dir():
        return []
    return [
        {"report": earlier, "file": path.name, "data": kind, "sha256": _sha256(path)}
        for earlier, path, kind in _found(stem, where, data)
    ]


def waves(notebooks: Sequence[Path]) -> list[list[Path]]:
    """``notebooks`` in waves: every earlier report a notebook reads runs in an earlier wave.

    Within a wave the given order is kept.

    Examples
    --------
    >>> names = ["01_delphi_weights", "02_consistency_checks", "03_microcourse_effectiveness",
    ...          "04_training_needs", "05_qa_monitoring"]
    >>> [[p.stem[:2] for p in w] for w in waves([Path(n + ".ipynb") for n in names])]
    [['01', '03'], ['02', '04'], ['05']]
    """
    stems = {p.stem for p in notebooks}
    depth: dict[str, int] = {}

    def level(stem: str) -> int:
        if stem not in depth:
            before = [e for e in EARLIER.get(stem, ()) if e in stems]
            depth[stem] = 1 + max((level(e) for e in before), default=-1)
        return depth[stem]

    out: list[list[Path]] = []
    for p in notebooks:
        k = level(p.stem)
        while len(out) <= k:
            out.append([])
        out[k].append(p)
    return [w for w in out if w]


def header_items(record: Mapping[str, Any], lang: str) -> list[str]:
    """One text per earlier result for the report header: ``03_….ipynb · 示例数据 · SHA-256``
    (the hash itself is added as code by the caller)."""
    from cslib.core.i18n import check_lang

    side = check_lang(lang)
    return [
        f"{PHRASES('report', side, nn=str(e['report'])[:2])} · {e['file']} · "
        f"{PHRASES('sample' if e.get('data') == 'sample' else 'user', side)} · SHA-256 "
        for e in record.get("earlier", [])
    ]
