"""Figures for the Delphi report (matplotlib, Chinese labels via :mod:`cslib.reporting.fonts`).

Every function returns a :class:`matplotlib.figure.Figure` and never calls
``plt.show()``; notebooks display the figure.  When ``lang="zh"`` is asked for but
no CJK font exists, labels fall back to English (a :class:`~cslib.reporting.fonts.CJKFontWarning`
is shown once).
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from cslib.core.framework import Framework
from cslib.core.i18n import choose, label, name_side
from cslib.delphi.phrases import PHRASES
from cslib.delphi.statistics import RoundComparison, ScreeningRule
from cslib.delphi.weights import WeightResult, method_label
from cslib.reporting.fonts import figure_language as figure_lang


def _t(key: str, lang: str, **fmt: object) -> str:
    return PHRASES(f"figure_{key}", lang, **fmt)


def _name(fw: Framework, i: str, lang: str) -> str:
    return f"{i} {fw.name(i, name_side(lang))}"


def weights_figure(result: WeightResult, framework: Framework, lang: str = "zh") -> Figure:
    """Forest plot of combined weights of the lowest-level indicators, with bootstrap CIs."""
    lang = figure_lang(lang)
    ranking = result.ranking(name_side(lang)).iloc[::-1]
    y = np.arange(len(ranking))
    fig, ax = plt.subplots(figsize=(7.5, 0.42 * len(ranking) + 1.4))
    x = ranking["combined"].to_numpy() * 100
    ax.barh(y, x, color="#4C72B0", alpha=0.35, height=0.6)
    if "combined_lo" in ranking:
        lo = ranking["combined_lo"].to_numpy() * 100
        hi = ranking["combined_hi"].to_numpy() * 100
        ax.errorbar(x, y, xerr=[x - lo, hi - x], fmt="o", color="#1f3b73", capsize=3)
        title = _t(
            "weights", lang, ci=result.confidence_level, method=method_label(result.method, lang)
        )
    else:
        ax.plot(x, y, "o", color="#1f3b73")
        title = _t("weights_no_ci", lang, method=method_label(result.method, lang))
    right = hi if "combined_lo" in ranking else x
    for yi, xi, ri in zip(y, x, right, strict=True):  # the value, right of its interval
        ax.annotate(
            f"{xi:.1f}%",
            (ri, yi),
            xytext=(5, 0),
            textcoords="offset points",
            va="center",
            fontsize=8,
        )
    ax.set_xlim(0, float(np.max(right)) * 1.15)
    ax.set_yticks(y, [_name(framework, i, lang) for i in ranking["indicator_id"]])
    ax.set_xlabel(label("combined", lang) + " (%)")
    ax.set_title(title)
    ax.grid(axis="x", alpha=0.3)
    fig.tight_layout()
    return fig


def screening_figure(
    stats_table: pd.DataFrame,
    framework: Framework,
    rule: ScreeningRule,
    round: int,
    lang: str = "zh",
) -> Figure:
    """Mean vs CV of every indicator, with the screening thresholds; flagged items in red."""
    lang = figure_lang(lang)
    fig, ax = plt.subplots(figsize=(7.5, 5))
    colors = {"keep": "#4C72B0", "revise": "#DD8452", "drop": "#C44E52"}
    for verdict in ("keep", "revise", "drop"):
        part = stats_table[stats_table["verdict"] == verdict]
        if not part.empty:
            ax.scatter(
                part["mean"],
                part["cv"],
                s=45,
                color=colors[verdict],
                label=label(verdict, lang),
                zorder=3,
            )
    # one label per point position: ids only for kept items (names would overlap), the full
    # name for flagged items, which are the ones a reader needs to find
    for (mean, cv), part in stats_table.groupby(["mean", "cv"], sort=True):
        flagged = part["verdict"] != "keep"
        text = "/".join(
            _name(framework, i, lang) if f else i
            for i, f in zip(part["indicator_id"], flagged, strict=True)
        )
        ax.annotate(text, (mean, cv), fontsize=8, xytext=(4, 3), textcoords="offset points")
    ax.axvline(
        rule.min_mean,
        color="grey",
        ls="--",
        lw=1,
        label=_t("mean_threshold", lang, v=rule.min_mean),
    )
    ax.axhline(
        rule.max_cv, color="grey", ls=":", lw=1, label=_t("cv_threshold", lang, v=rule.max_cv)
    )
    ax.set_xlabel(label("mean", lang))
    ax.set_ylabel(label("cv", lang))
    ax.set_title(_t("screening", lang, round=round))
    ax.legend(loc="upper right", fontsize=8)
    ax.grid(alpha=0.3)
    fig.tight_layout()
    return fig


def concordance_figure(
    comparison: RoundComparison, lang: str = "zh", framework: Framework | None = None
) -> Figure:
    """Kendall's W of two rounds per level and group (grouped bars, values on the bars).

    Levels read "Level 1" / "第1级指标"; groups by their parent indicator's id and, with
    ``framework``, name.  An undefined W (NaN) draws no bar and no value.
    """
    import textwrap

    lang = figure_lang(lang)
    side = name_side(lang)
    conc = comparison.concordance
    x = np.arange(len(conc))
    ticks = []
    for r in conc.itertuples():
        if r.scope == "level":
            ticks.append(_t("level_tick", side, level=r.level))
        elif framework is not None:
            ticks.append(
                "\n".join(textwrap.wrap(_name(framework, str(r.group), side), choose(8, 14, side)))
            )
        else:
            ticks.append(str(r.group))
    fig, ax = plt.subplots(figsize=(max(7.0, 1.3 * len(conc) + 1.5), 4.2))
    width = 0.38
    for offset, col, rnd, color in (
        (-width / 2, "w_1", comparison.first, "#A1C9F4"),
        (width / 2, "w_2", comparison.second, "#4C72B0"),
    ):
        values = conc[col].to_numpy(dtype=float)
        bars = ax.bar(x + offset, values, width, label=_t("round_n", side, round=rnd), color=color)
        for bar, v in zip(bars, values, strict=True):
            if np.isfinite(v):
                ax.annotate(
                    f"{v:.2f}",
                    (bar.get_x() + bar.get_width() / 2, v),
                    xytext=(0, 2),
                    textcoords="offset points",
                    ha="center",
                    va="bottom",
                    fontsize=8,
                )
    ax.set_xticks(x, ticks, fontsize=8)
    ax.set_ylabel(label("w", side))
    ax.set_ylim(0, 1.05)
    ax.set_title(_t("concordance", side))
    ax.legend(loc="upper left")
    ax.grid(axis="y", alpha=0.3)
    fig.tight_layout()
    return fig
