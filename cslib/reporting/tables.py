"""Tables in reports: one bilingual styler for every notebook.

:func:`styled_table` translates column headers and values, shows weights and rates in per cent
and p-values as ``<0.001``; :func:`use_report_tables` makes it the default display of
DataFrames in a notebook.
"""

from __future__ import annotations

from collections.abc import Callable

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
    out = translate_columns(frame, lang)
    if out.index.name is not None:
        out.index.name = label(str(out.index.name), lang)
    default_index = isinstance(frame.index, pd.RangeIndex) and frame.index.start == 0
    styler = out.style.format(formatter=formatters, precision=precision, na_rep="", escape="html")
    return styler.hide(axis="index") if default_index else styler


def use_report_tables(lang: str = "zh") -> None:
    """Show every DataFrame of this notebook through :func:`styled_table` (labels in ``lang``).

    Only flat, uniquely labelled frames are restyled; anything else keeps pandas' own HTML.
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
