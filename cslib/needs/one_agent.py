"""Notebook 04's gap finding when only one agent was assessed: that agent's gaps, never a
statement about the centre or a team (issue 26: centre-level needs from one agent)."""

from __future__ import annotations

from cslib.core.i18n import Phrases, format_number

__all__ = ["ONE_AGENT_PHRASES", "one_agent_gaps"]

ONE_AGENT_PHRASES = Phrases(
    {
        "gaps_one_agent": (
            "只评估了一名坐席：对照“{post}”岗位目标，这名坐席差距最大的指标是“{indicator}”"
            "（差距{gap}分，目标{target}分）；这是一个人的结果，不能代表中心或班组的培训需求。",
            "Only one agent was assessed: against the {post} target profile, this agent's "
            "largest gap is on {indicator} ({gap} points, target {target}); this is one "
            "person's result and says nothing about the centre's or a team's needs.",
        ),
    }
)


def one_agent_gaps(post: str, indicator: str, gap: float, target: float, lang: str) -> str:
    """The gap finding for a single assessed agent, in ``lang``.

    Examples
    --------
    >>> one_agent_gaps("Agent", "Empathy", 1.5, 4, "en")[:40]
    'Only one agent was assessed: against the'
    """
    return ONE_AGENT_PHRASES(
        "gaps_one_agent",
        lang,
        post=post,
        indicator=indicator,
        gap=format_number(float(gap), 2),
        target=f"{float(target):g}",
    )
