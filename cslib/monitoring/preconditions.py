"""Notebook 05's words for data that cannot support its analysis (zh + en), used in the
located errors of :mod:`cslib.monitoring.analysis`."""

from __future__ import annotations

from cslib.core.i18n import Phrases

PRECONDITIONS = Phrases(
    {
        "no_variance": (
            "所有常规录音的分数都相同（{score}），没有可分解的方差：信度、方差分量和抽检优先级都"
            "无从计算；请检查是否导出了正确的分数列",
            "every routine call has the same score ({score}), so there is no variance to "
            "analyse: reliability, variance components and monitoring priorities are undefined; "
            "expected scores that vary between calls — check that the right score column was "
            "exported",
        ),
        "one_agent": (
            "常规录音只涉及一名坐席；区分坐席之间的差异至少需要 2 名坐席",
            "the routine calls cover only one agent; expected at least 2 agents to separate "
            "differences between agents",
        ),
        "one_inspector": (
            "常规录音只由一名质检员评分；区分质检员的宽严差异至少需要 2 名质检员",
            "the routine calls were all scored by one inspector; expected at least 2 inspectors "
            "to separate inspector leniency",
        ),
        "no_agent_variance": (
            "数据中坐席之间没有差异（坐席方差分量为 0），无法按坐席排出抽检优先级；"
            "请检查分数是否按坐席正确导出",
            "the data show no variance between agents (the agent component is 0), so agents "
            "cannot be prioritised for monitoring; expected scores that differ between agents "
            "— check that scores were exported per agent",
        ),
    }
)
