"""Tables in reports: one bilingual styler for every notebook.

:func:`styled_table` translates column headers and values, shows weights and rates in per cent
and p-values as ``<0.001``; :func:`use_report_tables` makes it the default display of
DataFrames in a notebook; :func:`showing_note` is the one "showing N of M rows" note under a
shortened table.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path, PureWindowsPath

from cslib.core.i18n import Phrases, check_lang

#: The note under a table that shows only its first rows.
TABLE_NOTES = Phrases(
    {
        "showing": (
            "显示前 {shown} 行，共 {total} 行；完整表格见 [{file}]({file})。",
            "Showing {shown} of {total} rows; the full table is in [{file}]({file}).",
        ),
        "showing_all": (
            "共 {total} 行，完整表格另见 [{file}]({file})。",
            "All {total} rows; also in [{file}]({file}).",
        ),
    }
)


def showing_note(shown: int, total: int, file: str | Path, lang: str = "zh") -> str:
    """The note under a shortened table: "showing N of M rows", linking the full table.

    The full table is written beside the report, so the link is the file *name* (a path is
    cut to its name).  With ``shown >= total`` the note says every row is shown.

    Examples
    --------
    >>> showing_note(8, 300, "reports/agent_courses.csv", "en")
    'Showing 8 of 300 rows; the full table is in [agent_courses.csv](agent_courses.csv).'
    >>> showing_note(8, 300, "agent_courses.csv", "zh")
    '显示前 8 行，共 300 行；完整表格见 [agent_courses.csv](agent_courses.csv)。'
    >>> showing_note(5, 5, "x.csv", "en")
    'All 5 rows; also in [x.csv](x.csv).'
    """
    check_lang(lang)
    if shown < 0 or total < 0:
        raise ValueError(f"row counts must be non-negative; got shown={shown}, total={total}")
    name = PureWindowsPath(str(file)).name  # a file name, never a path ('/' and '\\' both cut)
    if shown >= total:
        return TABLE_NOTES("showing_all", lang, total=total, file=name)
    return TABLE_NOTES("showing", lang, shown=shown, total=total, file=name)


PERCENT_COLUMNS = (
    "local",
    "combined",
    "local_lo",
    "local_hi",
    "combined_lo",
    "combined_hi",
    "rate",
    "positive_rate",
    "full_score",
)

INTEGER_COLUMNS = ("df", "pretrend_df", "n", "n_calls", "n_inspectors")
"""Counts held as floats (degrees of freedom, sample sizes): shown without decimals when whole.
Every ``n_*`` column is a count too."""


def _whole_number_columns(frame) -> list[str]:
    """Count columns (:data:`INTEGER_COLUMNS`, ``n_*``) of floats whose values are all whole."""
    import numpy as np
    import pandas as pd

    out = []
    for col in frame.columns:
        key = str(col)
        if not (key in INTEGER_COLUMNS or key.startswith("n_")):
            continue
        values = pd.to_numeric(frame[col], errors="coerce")
        if frame[col].dtype.kind != "f" or values.isna().all():
            continue
        finite = values[np.isfinite(values)]
        if len(finite) and bool((finite == finite.round()).all()):
            out.append(key)
    return out


def styled_table(frame, lang: str = "zh", columns: list[str] | None = None, precision: int = 3):
    """A report-ready view of ``frame``: labels in ``lang``, weights and rates in per cent,
    p-values as ``<0.001``, yes/no for booleans.

    Known categorical values (keep / revise / drop, level / group, severity) are translated
    too.  A default 0…n−1 index is hidden; a meaningful index (experts, teams) is kept with a
    translated name.  Returns a pandas ``Styler`` for display in a notebook.
    """
    import html

    import pandas as pd

    from cslib.core.i18n import P_COLUMNS, format_p, label, translate_columns, translate_values

    frame = frame if columns is None else frame[columns]
    frame = frame.copy()
    for col in ("verdict", "scope", "verdict_2", "severity"):
        if col in frame:
            frame[col] = translate_values(frame[col], lang)
    for col in frame.columns:
        if frame[col].dtype == bool:
            frame[col] = frame[col].map({True: label("yes", lang), False: label("no", lang)})

    def p_cell(p: float) -> str:
        if pd.isna(p):  # an untestable row: the analysis says why in its own column or note
            return ""
        return html.escape(format_p(p))  # custom formatters are not escaped by the Styler

    formatters: dict[str, Callable[[float], str] | str] = {
        label(c, lang): p_cell for c in frame.columns if c in P_COLUMNS
    }
    formatters.update({label(c, lang): "{:.2%}" for c in frame.columns if c in PERCENT_COLUMNS})
    # degrees of freedom and counts are integers: never "37.000"
    formatters.update({label(c, lang): "{:.0f}" for c in _whole_number_columns(frame)})
    out = translate_columns(frame, lang)
    if out.index.name is not None:
        out.index.name = label(str(out.index.name), lang)
    default_index = isinstance(frame.index, pd.RangeIndex) and frame.index.start == 0
    styler = escape_labels(
        out.style.format(formatter=formatters, precision=precision, na_rep="", escape="html")
    )
    return styler.hide(axis="index") if default_index else styler


def escape_labels(styler):
    """``styler`` with its row and column labels HTML-escaped (pandas leaves them raw).

    A team or inspector id such as ``<img src=x onerror=…>`` used as a row label is shown as
    that text, never as a tag.  Every ``Styler`` a report shows goes through this.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"<b>n</b>": [1]}, index=["<img src=x onerror=alert(1)>"])
    >>> html = escape_labels(t.style).to_html()
    >>> "<img" in html, "&lt;img src=x onerror=alert(1)&gt;" in html, "&lt;b&gt;n&lt;/b&gt;" in html
    (False, True, True)
    """
    return styler.format_index(escape="html", axis=0).format_index(escape="html", axis=1)


def use_report_tables(lang: str = "zh") -> None:
    """Show every DataFrame of this notebook through :func:`styled_table` (labels in ``lang``).

    Only flat, uniquely labelled frames are restyled; anything else keeps pandas' own HTML.
    Figures are drawn at print resolution too (:func:`cslib.reporting.fonts.use_print_resolution`).
    """
    import pandas as pd
    from IPython import get_ipython

    shell = get_ipython()
    if shell is None:
        return

    def to_html(frame: pd.DataFrame) -> str | None:
        if (
            frame.columns.nlevels > 1
            or frame.index.nlevels > 1
            or not frame.columns.is_unique
            or len(frame) > 500
        ):
            return None  # fall back to pandas' own rendering
        return styled_table(frame, lang).to_html()

    shell.display_formatter.formatters["text/html"].for_type(pd.DataFrame, to_html)
    from cslib.reporting.fonts import use_print_resolution

    use_print_resolution()  # figures at print resolution, for the Word version and paper
