"""Figures for the training-needs analysis: radar chart and team × indicator heat map.

Both functions call :func:`cslib.reporting.fonts.use_cjk_font` first; when no CJK font is
available (it returns ``None`` with a warning) they fall back to English labels.
Figures are created with :mod:`matplotlib.pyplot` (as in :mod:`cslib.delphi.figures`) so a
notebook shows them at the end of the cell; nothing calls ``plt.show()``.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from cslib.core.framework import Framework
from cslib.reporting.fonts import figure_language


def _wrap(text: str, lang: str, width: int = 4) -> str:
    if lang == "en":
        return text
    return "\n".join(text[k : k + width] for k in range(0, len(text), width))


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
        Radial axis range.
    """
    lang = figure_language(lang)
    ids = list(profiles.columns)
    labels = [f"{i} {framework.name(i, lang)}" for i in ids]
    angles = np.linspace(0, 2 * np.pi, len(ids), endpoint=False)
    closed = np.concatenate([angles, angles[:1]])
    fig = plt.figure(figsize=(7, 7))
    ax = fig.add_subplot(projection="polar")
    styles = ["-", "--", ":", "-."]
    for k, (name, row) in enumerate(profiles.iterrows()):
        values = row.to_numpy(dtype=float)
        ax.plot(
            closed,
            np.concatenate([values, values[:1]]),
            styles[k % len(styles)],
            linewidth=2,
            label=str(name),
        )
        if k == 0:
            ax.fill(closed, np.concatenate([values, values[:1]]), alpha=0.12)
    ax.set_xticks(angles)
    ax.set_xticklabels(labels, fontsize=8)
    ax.set_ylim(scale[0], scale[1])
    ax.set_yticks(np.arange(scale[0], scale[1] + 1))
    ax.legend(loc="upper right", bbox_to_anchor=(1.25, 1.1), fontsize=8)
    if title:
        ax.set_title(title, pad=24)
    fig.tight_layout()
    return fig


def gap_heatmap(
    team_gaps: pd.DataFrame,
    framework: Framework,
    *,
    lang: str = "zh",
    title: str | None = None,
    fmt: str = "{:.2f}",
) -> Figure:
    """Team × indicator heat map of (weighted or unweighted) mean gaps, values annotated."""
    lang = figure_language(lang)
    data = team_gaps.to_numpy(dtype=float)
    fig = plt.figure(figsize=(1.0 + 0.8 * data.shape[1], 3.0 + 0.42 * data.shape[0]))
    ax = fig.add_subplot()
    im = ax.imshow(data, cmap="Reds", aspect="auto", vmin=0)
    ax.set_xticks(range(data.shape[1]))
    ax.set_xticklabels(
        [f"{i}\n{_wrap(framework.name(i, lang), lang)}" for i in team_gaps.columns],
        fontsize=7,
        rotation=90 if lang == "en" else 0,
    )
    ax.set_yticks(range(data.shape[0]))
    ax.set_yticklabels([str(t) for t in team_gaps.index], fontsize=8)
    top = np.nanmax(data) if data.size else 0
    for r in range(data.shape[0]):
        for c in range(data.shape[1]):
            v = data[r, c]
            ax.text(
                c,
                r,
                fmt.format(v),
                ha="center",
                va="center",
                fontsize=6.5,
                color="white" if top and v > 0.6 * top else "black",
            )
    fig.colorbar(im, ax=ax, shrink=0.8)
    if title:
        ax.set_title(title)
    fig.tight_layout()
    return fig
