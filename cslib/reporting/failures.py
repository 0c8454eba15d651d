"""What the command prints when a report could not be made, in the run's language.

A notebook that stops on bad input raises :class:`cslib.core.errors.InputError` inside
its kernel; the runner catches it as :class:`cslib.reporting.runner.NotebookFailed`
with the error's class name and text.  The trainer needs the text (file, row, column,
expected, found) and what to do, not the Python class name, the cell source or the
kernel's log lines.  Errors of cslib's own input checks are shown as they are; any
other error is an internal error and says so, with where the partly run notebook is
kept for whoever fixes it.
"""

from __future__ import annotations

import re
from pathlib import Path

from cslib.core.i18n import Phrases, check_lang, name_side

__all__ = ["failure_message", "error_prefix", "strip_kernel_log", "run_phrase"]

PHRASES = Phrases(
    {
        "error": ("错误：", "error: "),
        "progress_failed": ("[{k}/{n}] {name} 未生成", "[{k}/{n}] {name} FAILED"),
        "progress_done": (
            "[{k}/{n}] {name} → {html}（{s:.1f} 秒）",
            "[{k}/{n}] {name} → {html} ({s:.1f} s)",
        ),
        "all_done": (
            "完成：{ok}/{n} 份报告；报告目录：{index}",
            "done: {ok} of {n} report(s); index at {index}",
        ),
        "failed": ("报告 {name} 未生成：", "Report {name} was not made: "),
        "input_fix": (
            "请按上面的说明修改该文件或参数，然后重新运行；报告文件夹未作任何改动。",
            "Correct the file or parameter as described above and run again; the reports "
            "folder was not changed.",
        ),
        "internal": (
            "程序内部错误（不是您的数据有误时也可能出现），请把这条信息和下面的文件交给维护人员：",
            "Internal error (this need not be a problem with your data); please give this "
            "message and the file below to the maintainers: ",
        ),
        "cell": ("出错位置：第 {cell} 个单元格", "where: cell {cell}"),
        "kept": (
            "未完成的报告（仅本人可读）保存在：{path}",
            "the unfinished notebook (private) is kept at: {path}",
        ),
    }
)

# errors raised by cslib's input checks: their text is the message for the user
INPUT_ERRORS = frozenset(
    {"InputError", "ParameterError", "StudyError", "MissingInputs", "CourseError"}
)

_KERNEL_LOG = re.compile(r"^\s*\[(?:IPKernelApp|KernelApp|NbConvertApp|Papermill)\][^\n]*\n?", re.M)
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def strip_kernel_log(text: str) -> str:
    """``text`` without kernel log lines (``[IPKernelApp] ERROR | …``) and terminal colours.

    Examples
    --------
    >>> strip_kernel_log("[IPKernelApp] ERROR | x\\nratings.csv: row 3")
    'ratings.csv: row 3'
    """
    return _KERNEL_LOG.sub("", _ANSI.sub("", text)).strip()


def error_prefix(lang: str) -> str:
    """``错误：`` or ``error: `` (Chinese for ``zh`` and ``zh+en``)."""
    side = name_side(check_lang(lang))
    return PHRASES("error", side)


def failure_message(failure: BaseException, lang: str, *, notebook: Path | None = None) -> str:
    """The message for a report that failed: the error in the user's terms, what to do next.

    ``failure`` is a :class:`~cslib.reporting.runner.NotebookFailed` (a cell raised) or any
    other exception of the run (then ``notebook`` names the report).
    """
    side = name_side(check_lang(lang))
    nb = getattr(failure, "notebook", None) or notebook
    name = Path(nb).stem if nb is not None else "?"
    ename = str(getattr(failure, "ename", type(failure).__name__))
    evalue = strip_kernel_log(str(getattr(failure, "evalue", failure)))
    lines = [PHRASES("failed", side, name=name)]
    if ename in INPUT_ERRORS or ename.endswith("InputError"):
        lines.append("  " + evalue.replace("\n", "\n  "))
        lines.append(PHRASES("input_fix", side))
    else:
        lines.append(PHRASES("internal", side))
        lines.append("  " + evalue.replace("\n", "\n  "))
        cell = getattr(failure, "cell", None)
        if cell is not None:
            lines.append("  " + PHRASES("cell", side, cell=cell))
    kept = getattr(failure, "executed", None)
    if kept is not None:
        lines.append("  " + PHRASES("kept", side, path=kept))
    return "\n".join(lines)


def run_phrase(key: str, lang: str, **fmt: object) -> str:
    """A progress or closing line of ``cslib run`` in the run's language."""
    side = name_side(check_lang(lang))
    return PHRASES(key, side, **fmt)
