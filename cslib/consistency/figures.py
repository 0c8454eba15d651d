"""Matplotlib figures of the consistency checks (AHP, rater agreement, reliability).

Every function draws from result objects computed elsewhere in :mod:`cslib` (no
statistics here), returns the :class:`~matplotlib.figure.Figure`, and labels in ``lang``
(``"zh"`` or ``"en"``).  Call :func:`cslib.reporting.fonts.use_cjk_font` first; when it returns
``None`` pass ``lang="en"``.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter

from cslib.consistency.phrases import label
from cslib.stats.agreement import CronbachAlpha, RaterBias
from cslib.stats.ahp import TOP, WeightComparison


def plot_cr_by_expert(
    consistency: pd.DataFrame,
    *,
    threshold: float = 0.10,
    group_names: dict[str, str] | None = None,
    lang: str = "zh",
) -> Figure:
    """Grouped bars: CR of each expert's matrix per group, with the threshold line.

    Parameters
    ----------
    consistency : DataFrame
        ``SurveyResult.consistency`` (columns ``expert, group, cr``).
    """
    group_names = group_names or {}
    table = consistency.pivot(index="expert", columns="group", values="cr")
    groups = list(dict.fromkeys(consistency["group"]))
    table = table[groups]
    fig, ax = plt.subplots(figsize=(10, 4))
    width = 0.8 / len(groups)
    x = np.arange(len(table))
    for g_idx, g in enumerate(groups):
        name = label("top", lang) if g == TOP else group_names.get(g, g)
        ax.bar(x + (g_idx - (len(groups) - 1) / 2) * width, table[g].to_numpy(), width, label=name)
    ax.axhline(
        threshold,
        color="crimson",
        linestyle="--",
        linewidth=1,
        label=label("cr_threshold", lang).replace("0.10", f"{threshold:.2f}"),
    )
    ax.set_xticks(x, table.index, rotation=0, fontsize=8)
    ax.set_xlabel(label("expert", lang))
    ax.set_ylabel(label("cr", lang))
    ax.set_title(label("cr_title", lang))
    ax.legend(fontsize=8, ncols=3)
    fig.tight_layout()
    return fig


def plot_weight_comparison(
    comparison: WeightComparison, *, names: dict[str, str] | None = None, lang: str = "zh"
) -> Figure:
    """Horizontal paired bars of two combined-weight tables (sorted by the first)."""
    names = names or {}
    t = comparison.table.sort_values(comparison.names[0], kind="stable")
    y = np.arange(len(t))
    fig, ax = plt.subplots(figsize=(8, 0.45 * len(t) + 1.2))
    ax.barh(y + 0.2, t[comparison.names[0]], 0.4, label=comparison.names[0])
    ax.barh(y - 0.2, t[comparison.names[1]], 0.4, label=comparison.names[1])
    ax.set_yticks(y, [names.get(i, i) for i in t.index], fontsize=8)
    ax.set_xlabel(label("combined", lang))
    ax.xaxis.set_major_formatter(PercentFormatter(1.0))
    ax.set_title(label("weights_title", lang))
    ax.legend(fontsize=8)
    fig.tight_layout()
    return fig


def plot_sensitivity(
    sensitivity: pd.DataFrame, *, names: dict[str, str] | None = None, lang: str = "zh"
) -> Figure:
    """Each first-level weight with the interval over which the top-k order holds."""
    names = names or {}
    fig, ax = plt.subplots(figsize=(8, 0.6 * len(sensitivity) + 1.2))
    y = np.arange(len(sensitivity))
    ax.hlines(
        y,
        sensitivity["lower"],
        sensitivity["upper"],
        linewidth=6,
        color="#9ecae1",
        label=label("stable", lang),
    )
    ax.plot(sensitivity["weight"], y, "o", color="#08519c", label=label("current", lang))
    for yy, lo, hi in zip(y, sensitivity["lower"], sensitivity["upper"], strict=True):
        ax.annotate(f"{100 * lo:.1f}%", (lo, yy), xytext=(0, -14), textcoords="offset points",
                    ha="right", fontsize=9)  # fmt: skip
        ax.annotate(f"{100 * hi:.1f}%", (hi, yy), xytext=(0, -14), textcoords="offset points",
                    ha="left", fontsize=9)  # fmt: skip
    ax.set_yticks(y, [names.get(i, i) for i in sensitivity["id"]], fontsize=9)
    # zoom on the intervals: on the full 0-100 % axis they are too short to see
    span = float(sensitivity["upper"].max() - sensitivity["lower"].min())
    ax.set_xlim(
        max(0.0, float(sensitivity["lower"].min()) - 0.15 * span - 0.01),
        min(1.0, float(sensitivity["upper"].max()) + 0.15 * span + 0.01),
    )
    ax.set_ylim(-0.7, len(sensitivity) - 0.5)
    ax.xaxis.set_major_formatter(PercentFormatter(1.0))
    ax.set_xlabel(label("weight", lang))
    k = str(sensitivity["top"].iloc[0]).count(">") + 1 if "top" in sensitivity else 0
    ax.set_title(label("sens_title", lang).replace("§k", str(k)), fontsize=10)
    ax.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.32), ncols=2)
    fig.tight_layout()
    return fig


def plot_agreement_heatmap(matrix: pd.DataFrame, *, lang: str = "zh") -> Figure:
    """Heat map of a rater × rater agreement matrix (e.g. pairwise ICC), values printed."""
    fig, ax = plt.subplots(figsize=(6, 5))
    vals = matrix.to_numpy(dtype=float)
    im = ax.imshow(vals, vmin=min(0.5, float(np.nanmin(vals))), vmax=1, cmap="viridis")
    ax.set_xticks(range(len(matrix.columns)), matrix.columns, fontsize=11)
    ax.set_yticks(range(len(matrix.index)), matrix.index, fontsize=11)
    ax.set_xlabel(label("inspector", lang))
    ax.set_ylabel(label("inspector", lang))
    for i in range(vals.shape[0]):
        for j in range(vals.shape[1]):
            ax.text(
                j,
                i,
                f"{vals[i, j]:.2f}",
                ha="center",
                va="center",
                color="white" if vals[i, j] < 0.85 else "black",
                fontsize=13,
            )
    ax.set_title(label("heat_title", lang), fontsize=11)
    fig.colorbar(im, ax=ax, shrink=0.8)
    fig.tight_layout()
    return fig


def plot_rater_bias(bias: RaterBias, *, lang: str = "zh") -> Figure:
    """Forest plot: each rater's mean difference from the panel with its CI; flagged in red."""
    t = bias.table
    fig, ax = plt.subplots(figsize=(7, 0.5 * len(t) + 1.5))
    y = np.arange(len(t))[::-1]
    colors = ["crimson" if f else "#3182bd" for f in t["flagged"]]
    ax.hlines(y, t["ci_low"], t["ci_high"], colors=colors, linewidth=2)
    ax.scatter(t["mean_diff"], y, c=colors, zorder=3)
    ax.axvline(0, color="grey", linewidth=1)
    if bias.practical:
        for s in (-bias.practical, bias.practical):
            ax.axvline(s, color="grey", linewidth=0.8, linestyle=":")
    ax.set_yticks(y, t["rater"])
    ax.set_xlabel(label("bias", lang))
    ax.set_ylabel(label("inspector", lang))
    conf = f"{100 * bias.confidence_level:g}%"
    subtitle = f"{label('ci_of_level', lang)} {conf}"
    ax.set_title(f"{label('bias_title', lang)}\n{subtitle}", fontsize=11)
    fig.tight_layout()
    return fig


def plot_alpha_if_deleted(alpha: CronbachAlpha, *, lang: str = "zh") -> Figure:
    """Bars of alpha-if-item-deleted with the full-scale alpha as a line."""
    t = alpha.items
    fig, ax = plt.subplots(figsize=(7, 3.5))
    colors = np.where(t["alpha_if_deleted"] > alpha.statistic, "crimson", "#3182bd")
    ax.bar(t["item"], t["alpha_if_deleted"], color=colors)
    ax.axhline(
        alpha.statistic,
        color="black",
        linestyle="--",
        linewidth=1,
        label=f"{label('alpha_all', lang)} = {alpha.statistic:.3f}",
    )
    lo = float(np.nanmin(t["alpha_if_deleted"].to_numpy()))
    ax.set_ylim(
        max(0.0, lo - 0.05),
        min(1.0, max(alpha.statistic, float(t["alpha_if_deleted"].max())) + 0.03),
    )
    ax.set_xlabel(label("item", lang))
    ax.set_ylabel("α")
    ax.set_title(label("alpha_title", lang))
    ax.legend(fontsize=8)
    fig.tight_layout()
    return fig
