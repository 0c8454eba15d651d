"""Error messages in both languages: English with the Chinese version in brackets.

Errors are read in a terminal or an error cell, before any report language applies, so a
located :class:`~cslib.core.errors.InputError` carries both sides of a phrase-table entry.
"""

from __future__ import annotations

from cslib.core.i18n import Phrases


def both(table: Phrases, key: str, /, **fmt: object) -> str:
    """The English side of ``table[key]`` with the Chinese side in brackets.

    Examples
    --------
    >>> both(Phrases({"k": ("中{x}", "en {x}")}), "k", x=1)
    'en 1 (中1)'
    """
    return f"{table(key, 'en', **fmt)} ({table(key, 'zh', **fmt)})"
