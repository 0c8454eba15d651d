"""The code sets users type, with the Chinese spellings every reader accepts.

A trainer fills in ``自评`` where the reader's code is ``self``, or ``微课`` for ``micro``.
Each code set maps a canonical code (what the analyses and reports use) to the other
spellings accepted for it; :func:`canonical_codes` turns a column into canonical codes and
leaves anything unknown as typed, so the reader's own check names it with row and column.
The Excel templates offer the canonical codes and the first Chinese spelling of each in their
drop-down lists (:func:`dropdown`).

Matching ignores surrounding spaces and, for Latin letters, case (``QA`` is ``qa``).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

CodeSet = Mapping[str, tuple[str, ...]]

#: 360° rating sources (notebook 04).
SOURCE_CODES: CodeSet = {
    "self": ("自评", "自我评价", "本人"),
    "leader": ("班组长", "班组长评", "组长", "team leader", "team_leader"),
    "qa": ("质检", "质检评", "质检员"),
    "peer": ("同事", "同事评", "同伴"),
}

#: Course formats (course catalogue, attendance).
FORMAT_CODES: CodeSet = {
    "micro": ("微课", "micro-course", "microcourse"),
    "classroom": ("传统课堂", "课堂", "面授"),
}

#: Level 2 test kinds.
TEST_CODES: CodeSet = {
    "pre": ("前测",),
    "post": ("后测",),
    "delayed": ("延迟测", "retention"),
}

#: Staff groups of the Level 1 survey.
STAFF_GROUP_CODES: CodeSet = {
    "front_line": ("一线", "一线员工", "front line", "frontline"),
    "back_office": ("后台", "后台人员", "二线", "back office", "backoffice"),
}


def _key(text: str) -> str:
    return text.strip().lower()


def aliases(codes: CodeSet) -> dict[str, str]:
    """Every accepted spelling (normalised) → its canonical code.

    Examples
    --------
    >>> aliases(SOURCE_CODES)["自评"], aliases(SOURCE_CODES)["qa"]
    ('self', 'qa')
    """
    out = {}
    for code, spellings in codes.items():
        for spelling in (code, *spellings):
            out[_key(spelling)] = code
    return out


def canonical_codes(values: pd.Series, codes: CodeSet) -> pd.Series:
    """``values`` with every accepted spelling replaced by its canonical code.

    Values that are no spelling of a code (and empty cells) are kept as they are, for the
    reader's check to report with their row.

    Examples
    --------
    >>> canonical_codes(pd.Series(["自评", " QA ", "同事", "班组长", "boss"]), SOURCE_CODES).tolist()
    ['self', 'qa', 'peer', 'leader', 'boss']
    """
    table = aliases(codes)
    # each distinct spelling looked up once: a file of a million rows has a handful of them
    positions, distinct = pd.factorize(values)  # empty cells → -1, kept as they are
    spelled = np.array(
        [table.get(_key(v), v) if isinstance(v, str) else v for v in distinct], dtype=object
    )
    out = values.to_numpy(dtype=object, copy=True)
    found = positions >= 0
    out[found] = spelled[positions[found]]
    return pd.Series(out, index=values.index, name=values.name, dtype=values.dtype)


def dropdown(codes: CodeSet) -> tuple[str, ...]:
    """What a template's drop-down offers: each canonical code, then its first Chinese spelling.

    Examples
    --------
    >>> dropdown(FORMAT_CODES)
    ('micro', 'classroom', '微课', '传统课堂')
    """
    return tuple(codes) + tuple(spellings[0] for spellings in codes.values())


def described(codes: CodeSet) -> str:
    """``self (自评), leader (班组长) …`` for an error message's "expected".

    Examples
    --------
    >>> described(TEST_CODES)
    'pre (前测), post (后测) or delayed (延迟测)'
    """
    parts = [f"{code} ({spellings[0]})" for code, spellings in codes.items()]
    return ", ".join(parts[:-1]) + " or " + parts[-1]
