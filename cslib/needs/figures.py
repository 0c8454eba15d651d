"""Figures for the training-needs analysis: radar chart and team × indicator heat map.

Both functions call :func:`cslib.reporting.fonts.use_cjk_font` first; when no CJK font is
available (it returns ``None`` with a warning) they fall back to English labels.
Figures are created with :mod:`matplotlib.pyplot` (as in :mod:`cslib.delphi.figures`) so a
notebook shows them at the end of the cell; nothing calls ``plt.show()``.

Print size: the figures are sized for the width of an A4 page (about 7–8 inches) so that the
text sizes set here (≥ 8 pt for every label and value) are what the reader sees on paper.
The radar's legend sits below the chart, where it cannot cover an axis label; the radial
scale labels sit between two spokes.  The heat map writes every value in its cell, in white
on dark cells, and labels its colour bar with the unit.
"""

from __future__ import annotations

import textwrap
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.projections.polar import PolarAxes

from cslib.core.framework import Framework
from cslib.core.i18n import choose, name_side
from cslib.needs.phrases import PHRASES
from cslib.reporting.fonts import figure_language

LABEL_PT = 9.0  # axis and tick labels
VALUE_PT = 8.5  # numbers written in heat-map cells
LEGEND_PT = 9.0
TITLE_PT = 12.0
MAX_WIDTH_IN = 8.0  # about the printable width of A4 portrait


def _wrap(text: str, lang: str, width: int | None = None) -> str:
    """Wrap a label: Chinese every ``width`` characters (default 5), English at word breaks."""
    return choose(_wrap_characters, _wrap_words, lang)(text, width)


def _wrap_characters(text: str, width: int | None) -> str:
    width = width or 5
    return "\n".join(text[k : k + width] for k in range(0, len(text), width))


def _wrap_words(text: str, width: int | None) -> str:
    return textwrap.fill(text, width or 14, break_long_words=False)


def radar(
    profiles: pd.DataFrame,
    framework: Framework,
    *,
    lang: str = "zh",
    scale: tuple[int, int] = (1, 5),
    title: str | None = None,
) -> Figure:
    """Radar chart of several profiles over the lowest-level indicators.

    Parameters
    ----------
    profiles : DataFrame
        One row per profile (e.g. agent, team mean, target), columns indicator ids;
        the index gives the legend labels.
    framework : Framework
        For the indicator names.
    lang : {"zh", "en"}
    scale : (int, int)
        Radial axis range; the radial axis is labelled with it (the unit of the chart).
    title : str, optional

    Notes
    -----
    The legend is placed below the chart (never over an axis label) and the radial tick
    labels between the first two spokes.
    """
    lang = figure_language(lang)
    ids = list(profiles.columns)
    labels = [_wrap(f"{i} {framework.name(i, lang)}", lang, choose(6, 16, lang)) for i in ids]
    angles = np.linspace(0, 2 * np.pi, len(ids), endpoint=False)
    closed = np.concatenate([angles, angles[:1]])
    fig = plt.figure(figsize=(7.5, 7.8))
    ax = fig.add_subplot(projection="polar")
    assert isinstance(ax, PolarAxes)
    ax.set_theta_offset(np.pi / 2)  # first indicator at the top, clockwise like a clock
    ax.set_theta_direction(-1)
    styles = ["-", "--", ":", "-."]
    for k, (name, row) in enumerate(profiles.iterrows()):
        values = row.to_numpy(dtype=float)
        ax.plot(
            closed,
            np.concatenate([values, values[:1]]),
            styles[k % len(styles)],
            linewidth=2.2,
            label=str(name),
        )
        if k == 0:
            ax.fill(closed, np.concatenate([values, values[:1]]), alpha=0.12)
    ax.set_xticks(angles)
    ax.set_xticklabels(labels, fontsize=LABEL_PT)
    ax.tick_params(axis="x", pad=10)
    ax.set_ylim(scale[0], scale[1])
    ax.set_yticks(np.arange(scale[0], scale[1] + 1))
    ax.tick_params(axis="y", labelsize=LABEL_PT - 1, colors="#555555")
    if len(ids) > 1:  # radial labels half-way between the first two spokes
        ax.set_rlabel_position(float(np.degrees(angles[1] / 2)))
    ax.legend(
        loc="upper center",
        bbox_to_anchor=(0.5, -0.1),
        ncol=min(3, len(profiles)),
        fontsize=LEGEND_PT,
        frameon=False,
        title=PHRASES("figure_scale", name_side(lang), lo=scale[0], hi=scale[1]),
        title_fontsize=LEGEND_PT,
    )
    if title:
        ax.set_title(title, pad=30, fontsize=TITLE_PT)
    fig.tight_layout()
    return fig


def gap_heatmap(
    team_gaps: pd.DataFrame,
    framework: Framework,
    *,
    lang: str = "zh",
    title: str | None = None,
    fmt: str = "{:.2f}",
    unit: str | None = None,
) -> Figure:
    """Team × indicator heat map of (weighted or unweighted) mean gaps, values annotated.

    Parameters
    ----------
    team_gaps : DataFrame
        Teams × indicator ids.
    framework : Framework
        For the indicator names on the x axis.
    lang : {"zh", "en"}
    title : str, optional
    fmt : str
        Format of the numbers written in the cells.
    unit : str, optional
        Label of the colour bar (default: weighted gap, weight × gap).
    """
    lang = figure_language(lang)
    side = name_side(lang)
    data = team_gaps.to_numpy(dtype=float)
    n_rows, n_cols = data.shape
    width = min(MAX_WIDTH_IN + 3.0, 1.9 + 0.66 * n_cols)
    height = 2.6 + 0.36 * n_rows
    fig = plt.figure(figsize=(width, height))
    ax = fig.add_subplot()
    finite = data[np.isfinite(data)]
    top = float(finite.max()) if finite.size else 0.0
    im = ax.imshow(data, cmap="Reds", aspect="auto", vmin=0, vmax=top if top > 0 else 1)
    ax.set_xticks(range(n_cols))
    # English names are long: one slanted line each, so neighbours never meet; Chinese names
    # wrap under their id
    slanted: dict[str, Any] = {"rotation": 40, "ha": "left", "rotation_mode": "anchor"}
    ax.set_xticklabels(
        [
            choose(
                f"{i}\n{_wrap(framework.name(i, lang), lang, 4)}",
                f"{i} {framework.name(i, lang)}",
                lang,
            )
            for i in team_gaps.columns
        ],
        fontsize=LABEL_PT - 1,
        **choose({}, slanted, lang),
    )
    ax.xaxis.tick_top()  # names above the grid, read before the numbers
    ax.set_yticks(range(n_rows))
    ax.set_yticklabels([str(t) for t in team_gaps.index], fontsize=LABEL_PT)
    ax.set_ylabel(PHRASES("figure_team", side), fontsize=LABEL_PT)
    ax.set_xticks(np.arange(-0.5, n_cols, 1), minor=True)
    ax.set_yticks(np.arange(-0.5, n_rows, 1), minor=True)
    ax.grid(which="minor", color="white", linewidth=1)
    ax.tick_params(which="minor", length=0)
    cmap = im.get_cmap()
    for r in range(n_rows):
        for c in range(n_cols):
            v = data[r, c]
            if not np.isfinite(v):
                continue
            shade = cmap(v / top if top > 0 else 0.0)
            luminance = 0.299 * shade[0] + 0.587 * shade[1] + 0.114 * shade[2]
            ax.text(
                c,
                r,
                fmt.format(v),
                ha="center",
                va="center",
                fontsize=VALUE_PT,
                color="white" if luminance < 0.5 else "black",
            )
    bar = fig.colorbar(im, ax=ax, shrink=0.85, pad=0.02)
    bar.set_label(unit or PHRASES("figure_gap_unit", side), fontsize=LABEL_PT)
    bar.ax.tick_params(labelsize=LABEL_PT - 1)
    if title:
        ax.set_title(title, fontsize=TITLE_PT, pad=12)
    fig.tight_layout()
    return fig
