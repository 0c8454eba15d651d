"""Warnings that speak to the user, in both languages.

Some steps go on with a choice the user should know about: a file is read in the most likely
of several ways (``;`` as separator, title rows above the header, fractions where per cent is
expected), figures fall back to English labels, pseudonyms use the public sample key.  They warn
with a :class:`Notice`, which carries one sentence in each language and the file it concerns.

* In a console, a script or a test a notice is an ordinary :class:`UserWarning`: the file's
  path, the English sentence and the Chinese one in brackets.
* In a report, :func:`cslib.reporting.notices.collect_notices` shows it as a note in the
  report's language with the file's *name* (never its folder), instead of a warning box.
"""

from __future__ import annotations

from pathlib import Path

from cslib.core.i18n import pick


class Notice(UserWarning):
    """A warning with one sentence per language, about ``source`` (a file) if given.

    Parameters
    ----------
    en, zh : str
        The sentence in English and in Chinese, without the file name.
    source : str or Path, optional
        The file the notice is about; reports show only its name.
    sheet : str, optional
        The worksheet, for Excel files.

    Examples
    --------
    >>> n = Notice("read as per cent", "已按百分数读取", "/data/kpi.csv", "Week 1")
    >>> str(n)
    "/data/kpi.csv [sheet 'Week 1']: read as per cent （已按百分数读取）"
    >>> n.text("zh")
    'kpi.csv（工作表 Week 1）：已按百分数读取'
    >>> n.text("en")
    "kpi.csv [sheet 'Week 1']: read as per cent"
    """

    def __init__(
        self, en: str, zh: str, source: str | Path | None = None, sheet: str | None = None
    ) -> None:
        self.en = en
        self.zh = zh
        self.source = None if source is None else str(source)
        self.sheet = sheet
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ""
        if self.source is not None:
            where = self.source + (f" [sheet {self.sheet!r}]" if self.sheet else "") + ": "
        return f"{where}{self.en} （{self.zh}）"

    def __reduce__(self) -> tuple[type[Notice], tuple[str, str, str | None, str | None]]:
        return (type(self), (self.en, self.zh, self.source, self.sheet))

    def text(self, lang: str) -> str:
        """The notice in ``lang`` (both sentences for ``zh+en``), naming the file only."""
        name = Path(self.source).name if self.source is not None else None
        zh, en = self.zh, self.en
        if name is not None:
            zh = f"{name}（工作表 {self.sheet}）：{zh}" if self.sheet else f"{name}：{zh}"
            en = f"{name} [sheet {self.sheet!r}]: {en}" if self.sheet else f"{name}: {en}"
        else:  # a sentence of its own
            en = en[:1].upper() + en[1:]
        return pick(zh, en, lang, sep=" / ")
