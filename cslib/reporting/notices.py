"""Notices in a report: notes in the report's language instead of Python warning boxes.

A report calls :func:`collect_notices` once in its set-up cell and ``notices.show()`` at the end
of its summary.  Every :class:`~cslib.core.notices.Notice` raised before that (reading the data
happens before the summary) is listed under the summary; any raised later is shown as a note
in the cell that raised it.  A notice names the file, never its folder, and is written in the
report's language.  Other warnings are left to Python: they are not ours to word, and hiding
them could hide a wrong number.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

from cslib.core.i18n import Phrases, check_lang
from cslib.core.notices import Notice

PHRASES = Phrases(
    {
        "heading": ("数据与运行说明", "Notes on the data and this run"),
        "note": ("说明：", "Note:"),
    }
)


def _markdown_text(text: str) -> str:
    """``text`` as literal Markdown: characters Markdown would act on are escaped."""
    return "".join("\\" + c if c in "\\`*_[]<>#|" else c for c in text)


def _display_markdown(text: str) -> None:
    from IPython.display import Markdown, display

    display(Markdown(text))


class ReportNotices:
    """The notices of one report run; see :func:`collect_notices`."""

    def __init__(self, lang: str, display: Callable[[str], None] = _display_markdown) -> None:
        self.lang = check_lang(lang)
        self.pending: list[Notice] = []
        self.shown = False
        self._display = display

    def markdown(self) -> str:
        """The notices so far as a Markdown list under a heading, or ``""`` if there are none.

        From now on, later notices are shown where they are raised.
        """
        self.shown = True
        if not self.pending:
            return ""
        texts = dict.fromkeys(n.text(self.lang) for n in self.pending)  # once each, in order
        items = [f"- {_markdown_text(t)}" for t in texts]
        self.pending.clear()
        return f"**{PHRASES('heading', self.lang)}**\n\n" + "\n".join(items)

    def show(self) -> None:
        """Display :meth:`markdown` (nothing when there were no notices).

        In a report run (:func:`cslib.core.run_context.current_run`) the analyses not run
        for want of an input are listed first, each with the file that would enable it:
        this is called at the end of every report's summary.
        """
        from cslib.core.run_context import current_run
        from cslib.reporting.provenance import not_run_entries, not_run_markdown

        run = current_run()
        if run is not None:
            not_run = not_run_markdown(not_run_entries(run.stem, run.parameters), self.lang)
            if not_run:
                self._display(not_run)
        text = self.markdown()
        if text:
            self._display(text)

    def receive(self, notice: Notice) -> None:
        if self.shown:
            note = PHRASES("note", self.lang)
            self._display(f"> **{note}** {_markdown_text(notice.text(self.lang))}")
        else:
            self.pending.append(notice)


def collect_notices(
    lang: str, *, display: Callable[[str], None] = _display_markdown
) -> ReportNotices:
    """Route every :class:`~cslib.core.notices.Notice` of this process to a report's notes.

    Replaces :func:`warnings.showwarning` with a function that hands notices to the returned
    collector and passes every other warning to the function it replaced.  Calling it again
    (a re-run set-up cell) replaces the earlier collector instead of stacking on it.  Each
    notice is shown every time it is raised (``"always"``), so two files read by the same line
    of code both get their note.

    Examples
    --------
    >>> import warnings
    >>> shown = []
    >>> with warnings.catch_warnings():  # a report keeps the collector; this example does not
    ...     notes = collect_notices("en", display=shown.append)
    ...     warnings.warn(Notice("read with ';' as separator", "按 ';' 分隔读取", "/in/a.csv"))
    ...     print(notes.markdown())
    ...     warnings.warn(Notice("figures use English labels", "图表改用英文标注"))
    **Notes on the data and this run**
    <BLANKLINE>
    - a.csv: read with ';' as separator
    >>> shown
    ['> **Note:** Figures use English labels']
    """
    notices = ReportNotices(lang, display)
    original = getattr(warnings.showwarning, "_cslib_original", warnings.showwarning)

    def showwarning(
        message: Warning | str,
        category: type[Warning],
        filename: str,
        lineno: int,
        file: Any = None,
        line: str | None = None,
    ) -> None:
        if isinstance(message, Notice):
            notices.receive(message)
        else:
            original(message, category, filename, lineno, file, line)

    showwarning._cslib_original = original  # type: ignore[attr-defined]
    warnings.showwarning = showwarning
    warnings.simplefilter("always", Notice)
    return notices
