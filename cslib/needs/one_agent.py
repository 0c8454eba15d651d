"""Notebook 04's gap finding when only one agent was assessed: that agent's gaps, never a
statement about the centre or a team (issue 26: centre-level needs from one agent)."""

from __future__ import annotations

from cslib.core.i18n import format_number
from cslib.needs.phrases import PHRASES

__all__ = ["one_agent_gaps"]


def one_agent_gaps(post: str, indicator: str, gap: float, target: float, lang: str) -> str:
    """The gap finding for a single assessed agent, in ``lang``.

    Examples
    --------
    >>> one_agent_gaps("Agent", "Empathy", 1.5, 4, "en")[:40]
    'Only one agent was assessed: against the'
    """
    return PHRASES(
        "gaps_one_agent",
        lang,
        post=post,
        indicator=indicator,
        gap=format_number(float(gap), 2),
        target=f"{float(target):g}",
    )
