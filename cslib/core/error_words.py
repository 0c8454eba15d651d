"""Chinese wording of the readers' error messages.

The readers write the *message* of a located problem in English (``"expected an integer
score from 1 to 5"``); a report run in Chinese must show it in Chinese.  This module is
the catalogue that turns a message into Chinese: whole messages by pattern
(:data:`MESSAGES`), and the "what was expected" part of a message (a column's
description in the reader's schema) by pattern (:data:`EXPECTED`).  A message written in
both languages by :func:`cslib.core.messages.both` (``"English (中文)"``) gives its
Chinese side.

:func:`translate` returns ``None`` for a message the catalogue does not know; the error
then keeps its English message inside a Chinese frame (file, row, column, found).  It
imports nothing from :mod:`cslib` (it sits under :mod:`cslib.core.errors`).
"""

from __future__ import annotations

import re

__all__ = ["translate", "translate_expected", "MESSAGES", "EXPECTED"]

# "what was expected": column descriptions and check texts of the readers' schemas
EXPECTED: list[tuple[str, str]] = [
    (r"an integer score from (-?\d+) to (-?\d+)", r"\1 到 \2 的整数分"),
    (r"an integer (-?\d+)[–-](-?\d+)", r"\1–\2 的整数"),
    (r"a round number ≥ 1", "≥ 1 的轮次编号"),
    (r"a unique expert id", "不重复的专家编号"),
    (r"an expert id", "专家编号"),
    (r"an indicator id of the framework", "指标体系中的指标编号"),
    (r"an indicator id", "指标编号"),
    (r"years of experience ≥ 0", "≥ 0 的工作年限"),
    (r"a judgment-basis coefficient Ca in \[0, 1\]", "0–1 之间的判断依据系数 Ca"),
    (r"a familiarity coefficient Cs in \[0, 1\]", "0–1 之间的熟悉程度系数 Cs"),
    (r"an agent id", "坐席工号"),
    (r"a team name", "班组名称"),
    (r"a course id", "课程编号"),
    (r"a date \(YYYY-MM-DD\)", "日期（年-月-日）"),
    (r"a date written YYYY-MM-DD(.*)", r"按 年-月-日 书写的日期\1"),
    (r"a number between 0 and 1", "0 到 1 之间的数"),
    (r"a non-negative number", "非负数"),
    (r"a date YYYY-MM-DD", "日期（年-月-日，如 2026-03-01）"),
    (r"a score between 0 and the maximum (\S+)", r"0 到满分 \1 之间的分数"),
    (r"a lowest-level indicator id \((.*)\)", r"最低一级指标的编号（\1）"),
    (r"a lowest-level indicator id", "最低一级指标的编号"),
    (r"a rating source such as .*", "评价来源：self 自评、leader 班组长、qa 质检、peer 同事"),
    (r"at least one indicator id", "至少一个指标编号"),
    (r"a whole number", "整数"),
    (r"TRUE or FALSE", "TRUE 或 FALSE（是/否）"),
    (r"a number", "数字"),
    (r"an integer", "整数"),
    (r"a value \((.+)\)", r"一个值（\1）"),
    (r"a value", "一个值"),
    (r"a value of type (\S+)", r"\1 类型的值"),
]
"""(English pattern, Chinese replacement) for what a column expects; matched whole."""

MESSAGES: list[tuple[str, str]] = [
    (r"file not found", "找不到该文件（请核对文件名和所在文件夹）"),
    (
        r"the file is empty; expected a header row and data rows",
        "文件是空的：应有一行表头和若干行数据",
    ),
    (r"the file is empty; expected a list of indicators", "文件是空的：应为指标列表"),
    (r"cannot read as an Excel workbook \((.*)\)", r"无法作为 Excel 工作簿读取（\1）"),
    (r"no worksheet number (\S+); it has (.*)", r"没有第 \1 个工作表；现有工作表：\2"),
    (r"no worksheet '(.*)'; it has (.*)", r"没有名为“\1”的工作表；现有工作表：\2"),
    (r"not a well-formed CSV file \((.*)\)", r"不是格式正确的 CSV 文件（\1）"),
    (
        r"cannot decode the file as UTF-8 or GBK text",
        "无法按 UTF-8 或 GBK 编码读取该文本文件（请在 Excel 中另存为“CSV UTF-8”）",
    ),
    (r"duplicate column header", "表头重复（每列应有不同的列名）"),
    (
        r"a column has data but no header in row (\d+) \(merged header cells\? give every "
        r"column its own header\)",
        r"这一列有数据但第 \1 行没有列名（是否合并了表头单元格？请给每一列单独的列名）",
    ),
    (
        r"required column is missing; the header has (.*)",
        r"缺少必需的列；表头现有：\1",
    ),
    (r"missing value; expected (.+)", "缺少数值；应为{0}"),
    (r"expected (.+)", "应为{0}"),
    (
        r"duplicate score for round (\S+), expert (.+), indicator (.+) \(first given in row "
        r"(\d+)\)",
        r"第 \1 轮专家 \2 对指标 \3 的评分重复（第 \4 行已有）",
    ),
    (
        r"header is not an indicator id or name of the framework",
        "表头不是指标体系中的指标编号或名称",
    ),
    (r"indicator (.+) has two columns \('(.*)'\)", r"指标 \1 有两列（另一列为“\2”）"),
    (
        r"cannot tell which round this sheet is: .*",
        "无法判断这张工作表是第几轮：请加一列 round，或把工作表命名为轮次（如“第2轮”）",
    ),
    (r"expert appears twice in the same round", "同一轮中该专家出现了两次"),
    (
        r"unknown indicator id; expected an id in (.*)",
        r"指标编号不在指标体系中；应为其中之一：\1",
    ),
    (r"unknown agent: not in the agent roster", "坐席不在坐席名册中"),
    (r"team differs from the roster \(expected (.*)\)", r"班组与名册不符（名册为 \1）"),
    (
        r"agent (.+) is in team (.+) in row (\d+); one team per agent expected",
        r"坐席 \1 在第 \3 行属于班组 \2；每名坐席只能属于一个班组",
    ),
    (
        r"duplicate rating of agent (.+) by (.+) on (.+) \(first given in row (\d+)\)",
        r"坐席 \1 由 \2 对 \3 的评分重复（第 \4 行已有）",
    ),
    (
        r"unknown rating source; expected one of (.*?) \(or in Chinese: (.*)\)",
        r"评价来源无法识别；应为 \1 之一（或中文：\2）",
    ),
    (r"parent is not an id in this file", "上级指标编号不在本文件中"),
    (r"no item columns; expected q01, q02, …", "没有题目列；应为 q01、q02……"),
    (r"need at least two first-level indicators", "至少需要两个一级指标"),
    (r"a second rating of the same expert and indicator", "同一专家对同一指标的第二个评分"),
    (
        r"expert (.+) has no score in round (\S+) for (.+) \(every expert must rate every "
        r"indicator of a round; .*\)",
        r"专家 \1 在第 \2 轮缺少以下指标的评分：\3（每位专家须对本轮每个指标评分；"
        r"在 study.yaml 或 -p 中设置 incomplete: exclude 可将这样的专家排除）",
    ),
    (
        r"expected either long columns \(round, expert_id, indicator_id, score\) or a wide "
        r"sheet with an 'expert_id' column and one column per indicator",
        "应为长表（列 round、expert_id、indicator_id、score），或宽表（一列 expert_id，"
        "每个指标一列）",
    ),
]
"""(English pattern, Chinese template) for whole messages.  ``{0}`` in a template is the
translated "expected" part (the pattern's first group); other groups by ``\\1``…"""

_BOTH = re.compile(r"^(?P<en>.*[^\s])\s*\((?P<zh>[^()]*[\u4e00-\u9fff][^()]*)\)$", re.S)
_COMPILED_EXPECTED = [(re.compile(p + r"$", re.S), r) for p, r in EXPECTED]
_COMPILED_MESSAGES = [(re.compile(p + r"$", re.S), r) for p, r in MESSAGES]


def translate_expected(text: str) -> str | None:
    """The Chinese of a column's "expected" description, or ``None`` if unknown.

    Examples
    --------
    >>> translate_expected("an integer score from 1 to 5")
    '1 到 5 的整数分'
    >>> translate_expected("a unicorn") is None
    True
    """
    for pattern, repl in _COMPILED_EXPECTED:
        m = pattern.match(text.strip())
        if m:
            return m.expand(repl)
    return None


def translate(message: str) -> str | None:
    """The Chinese of a reader's message, or ``None`` when the catalogue has none.

    Examples
    --------
    >>> translate("missing value; expected an expert id")
    '缺少数值；应为专家编号'
    >>> translate("no variance (方差为零)")
    '方差为零'
    >>> translate("the moon is square") is None
    True
    """
    text = message.strip()
    both = _BOTH.match(text)
    if both:
        return both.group("zh").strip()
    for pattern, template in _COMPILED_MESSAGES:
        m = pattern.match(text)
        if not m:
            continue
        if "{0}" in template:
            expected = translate_expected(m.group(1))
            if expected is None:
                return None
            # a number or Latin word after Chinese text is set off by a space
            return template.format((" " if expected[:1].isascii() else "") + expected)
        return m.expand(template)
    return None
