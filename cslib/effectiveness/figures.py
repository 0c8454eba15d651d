"""Figures for the micro-course effectiveness report (matplotlib, Chinese or English labels).

Each function draws one figure from a result of :mod:`cslib.effectiveness.levels`,
:mod:`cslib.stats.panel` or :mod:`cslib.effectiveness.analysis` and returns the ``Figure``; no statistics
are computed here.  With ``lang="zh"`` the CJK font is switched on
(:func:`cslib.reporting.fonts.use_cjk_font`); when no CJK font exists the labels fall back to English.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from cslib.core.i18n import pick
from cslib.effectiveness.phrases import bacon_type, label
from cslib.reporting.fonts import figure_language
from cslib.stats.bacon import BaconResult
from cslib.stats.items import ItemAnalysis
from cslib.stats.panel import EventStudyResult
from cslib.stats.staggered import AggregateResult

__all__ = [
    "figure_language",
    "plot_rates",
    "plot_learning",
    "plot_did",
    "plot_event_study",
    "plot_att_dynamic",
    "plot_bacon",
    "plot_items",
    "plot_team_before_after",
]


def _names(ids, titles: dict[str, str] | None) -> list[str]:
    return [f"{i} {titles[i]}" if titles and i in titles else str(i) for i in ids]


def plot_rates(
    table: pd.DataFrame,
    key: str,
    *,
    titles: dict[str, str] | None = None,
    reference: float | None = None,
    lang: str = "zh",
    title: str | None = None,
):
    """Rates with their (Wilson) confidence intervals, one row per group.

    ``table`` is from :func:`cslib.effectiveness.levels.rate_table` (``rate, ci_low, ci_high``);
    ``reference`` draws a dashed vertical line (e.g. the overall rate).
    """
    lang = figure_language(lang)
    t = table.iloc[::-1]
    y = np.arange(len(t))
    fig, ax = plt.subplots(figsize=(7.5, 0.45 * len(t) + 1.5))
    rate = 100 * t["rate"].to_numpy()
    err = np.vstack([rate - 100 * t["ci_low"].to_numpy(), 100 * t["ci_high"].to_numpy() - rate])
    ax.errorbar(rate, y, xerr=err, fmt="o", color="#1f77b4", capsize=3)
    for yi, r, n in zip(y, rate, t["n"], strict=True):
        ax.annotate(
            f"{r:.1f}% (n={n})", (r, yi), xytext=(6, 5), textcoords="offset points", fontsize=8
        )
    if reference is not None:
        ax.axvline(100 * reference, ls="--", color="grey", lw=1)
    names = [
        label(v, lang)
        if str(v) in ("micro", "classroom", "front_line", "back_office", "overall")
        else v
        for v in t[key]
    ]
    ax.set_yticks(y, _names(names, titles))
    ax.set_xlabel(f"{label('satisfaction', lang)} (%)" if title is None else "%")
    if title:
        ax.set_title(title)
    fig.tight_layout()
    return fig


def plot_learning(
    learning: pd.DataFrame,
    *,
    titles: dict[str, str] | None = None,
    lang: str = "zh",
    title: str | None = None,
):
    """Pre → post mean test score per course (dumbbell), with the 95 % CI of the mean change
    drawn around the post mean."""
    lang = figure_language(lang)
    t = learning.dropna(subset=["mean_before"]).iloc[::-1]
    y = np.arange(len(t))
    fig, ax = plt.subplots(figsize=(7.5, 0.45 * len(t) + 1.5))
    for yi, r in zip(y, t.itertuples(), strict=True):
        ax.plot([r.mean_before, r.mean_after], [yi, yi], color="#bbbbbb", lw=2, zorder=1)
        lo = r.mean_before + r.change_ci_low
        hi = r.mean_before + r.change_ci_high
        ax.plot([lo, hi], [yi, yi], color="#d62728", lw=4, alpha=0.35, zorder=2)
    ax.scatter(t["mean_before"], y, color="#7f7f7f", label=label("pre", lang), zorder=3)
    ax.scatter(t["mean_after"], y, color="#d62728", label=label("post", lang), zorder=3)
    for yi, r in zip(y, t.itertuples(), strict=True):  # the change is the value read here
        right = max(r.mean_after, r.mean_before + r.change_ci_high)
        ax.annotate(
            f"{r.mean_change:+.1f}",
            (right, yi),
            xytext=(6, -3),
            textcoords="offset points",
            fontsize=8,
        )
    ax.set_yticks(y, _names(t["course_id"], titles))
    ax.set_xlabel(label("test_score", lang))
    ax.margins(x=0.12)
    ax.legend(loc="lower right", fontsize=8)
    if title:
        ax.set_title(title)
    fig.tight_layout()
    return fig


def plot_did(
    did: pd.DataFrame,
    outcome: str,
    *,
    titles: dict[str, str] | None = None,
    alpha: float = 0.05,
    lang: str = "zh",
    title: str | None = None,
):
    """Forest plot of the per-course DiD estimates for one outcome (CI as estimated; filled =
    adjusted p < ``alpha``)."""
    lang = figure_language(lang)
    t = did[did["outcome"] == outcome].dropna(subset=["estimate"]).iloc[::-1]
    y = np.arange(len(t))
    fig, ax = plt.subplots(figsize=(7.5, 0.45 * len(t) + 1.5))
    est = t["estimate"].to_numpy()
    err = np.vstack([est - t["ci_low"].to_numpy(), t["ci_high"].to_numpy() - est])
    sig = (t["p_adj"] < alpha).to_numpy()
    ax.errorbar(est, y, xerr=err, fmt="none", ecolor="#555555", capsize=3)
    ax.scatter(est[sig], y[sig], color="#2ca02c", zorder=3)
    ax.scatter(est[~sig], y[~sig], facecolor="white", edgecolor="#555555", zorder=3)
    ax.axvline(0, color="black", lw=0.8)
    for yi, e, hi in zip(y, est, t["ci_high"].to_numpy(), strict=True):
        ax.annotate(f"{e:+.2f}", (hi, yi), xytext=(5, -3), textcoords="offset points", fontsize=8)
    ax.set_yticks(y, _names(t["course_id"], titles))
    ax.set_xlabel(f"{label('effect', lang)}: {label(outcome, lang)}")
    ax.margins(x=0.12)
    if title:
        ax.set_title(title)
    fig.tight_layout()
    return fig


def plot_event_study(es: EventStudyResult, *, lang: str = "zh", title: str | None = None):
    """Relative-week effects with 95 % CIs around the training week (week −1 = reference)."""
    lang = figure_language(lang)
    t = es.table
    fig, ax = plt.subplots(figsize=(7.5, 4))
    ax.fill_between(t["rel_week"], t["ci_low"], t["ci_high"], color="#1f77b4", alpha=0.2)
    ax.plot(t["rel_week"], t["estimate"], "o-", color="#1f77b4")
    ax.axhline(0, color="black", lw=0.8)
    ax.axvline(-0.5, color="grey", ls="--", lw=1)
    ax.set_xlabel(label("rel_week", lang))
    ax.set_ylabel(f"{label('effect', lang)}: {label(es.outcome, lang)}")
    if title:
        ax.set_title(title)
    fig.tight_layout()
    return fig


def plot_att_dynamic(
    agg: AggregateResult, outcome: str, *, lang: str = "zh", title: str | None = None
):
    """Callaway–Sant'Anna event-time effects: pointwise CIs (bars) and the simultaneous band
    (shaded) that covers the whole curve with the stated confidence."""
    lang = figure_language(lang)
    t = agg.table
    fig, ax = plt.subplots(figsize=(7.5, 4))
    e = t["event_time"].to_numpy()
    ax.fill_between(e, t["band_low"], t["band_high"], color="#1f77b4", alpha=0.18, step=None)
    ax.errorbar(
        e,
        t["estimate"],
        yerr=[t["estimate"] - t["ci_low"], t["ci_high"] - t["estimate"]],
        fmt="o",
        color="#1f77b4",
        capsize=2,
        lw=1,
    )
    ax.axhline(0, color="black", lw=0.8)
    ax.axvline(-0.5, color="grey", ls="--", lw=1)
    ax.set_xlabel(label("event_time", lang))
    ax.set_ylabel(f"{label('effect', lang)}: {label(outcome, lang)}")
    conf = f"{100 * agg.confidence_level:g}%"
    ax.legend(
        [
            plt.Rectangle((0, 0), 1, 1, color="#1f77b4", alpha=0.18),
            plt.Line2D([], [], marker="o", color="#1f77b4", lw=1),
        ],
        [
            pick(f"{conf}同时置信带", f"{conf} simultaneous band", lang),
            pick(f"估计值与{conf}逐点区间", f"estimate, {conf} pointwise CI", lang),
        ],
        loc="upper left",
        fontsize=8,
    )
    if title:
        ax.set_title(title)
    fig.tight_layout()
    return fig


def plot_bacon(bacon: BaconResult, *, lang: str = "zh", title: str | None = None):
    """Goodman-Bacon decomposition: each 2×2 estimate against its weight in the TWFE
    coefficient, coloured by comparison type; the dashed line is the TWFE coefficient."""
    lang = figure_language(lang)
    t = bacon.table
    fig, ax = plt.subplots(figsize=(7, 4))
    colours = ["#1f77b4", "#2ca02c", "#d62728", "#9467bd"]
    for (kind, g), col in zip(t.groupby("type", sort=False), colours, strict=False):
        ax.scatter(
            g["weight"],
            g["estimate"],
            color=col,
            s=18,
            label=bacon_type(kind, lang),
        )
    ax.axhline(bacon.twfe, color="black", ls="--", lw=1)
    ax.set_xlabel(label("weight", lang))
    ax.set_ylabel(label("estimate", lang))
    ax.legend(fontsize=8)
    if title:
        ax.set_title(title)
    fig.tight_layout()
    return fig


def plot_items(analysis: ItemAnalysis, *, lang: str = "zh", title: str | None = None):
    """Difficulty vs corrected item–total discrimination; flagged items labelled in red."""
    lang = figure_language(lang)
    t = analysis.items
    fig, ax = plt.subplots(figsize=(6, 4))
    bad = (t["flag"] != "").to_numpy()
    ax.scatter(t.loc[~bad, "difficulty"], t.loc[~bad, "r_rest"].fillna(0), color="#1f77b4")
    ax.scatter(t.loc[bad, "difficulty"], t.loc[bad, "r_rest"].fillna(0), color="#d62728")
    placed: list[tuple[float, float]] = []
    for r in t[bad].sort_values("difficulty").itertuples():
        xy = (r.difficulty, 0 if np.isnan(r.r_rest) else r.r_rest)
        # items close together (e.g. two easy items with similar r) get their labels moved
        # apart vertically so the names stay legible
        near = sum(abs(xy[0] - a) < 0.06 and abs(xy[1] - b) < 0.08 for a, b in placed)
        placed.append(xy)
        ax.annotate(
            r.item,
            xy,
            xytext=(-22 if xy[0] > 0.9 else 4, 4 + 11 * near),
            textcoords="offset points",
            fontsize=8,
            color="#d62728",
            arrowprops={"arrowstyle": "-", "color": "#d62728", "lw": 0.5} if near else None,
        )
    ax.axhline(0.2, color="grey", ls="--", lw=1)
    ax.axhline(0, color="black", lw=0.8)
    for x in (0.2, 0.9):
        ax.axvline(x, color="grey", ls=":", lw=1)
    ax.set_xlabel(label("difficulty", lang))
    ax.set_ylabel(label("discrimination", lang))
    ax.set_xlim(0, 1.02)
    if title:
        ax.set_title(title)
    fig.tight_layout()
    return fig


def plot_team_before_after(
    team: pd.DataFrame, measure: str, *, lang: str = "zh", title: str | None = None
):
    """Before → after value of one measure per team (teams not yet trained are left out).

    Drawn as connected points rather than bars, so a zoomed axis does not exaggerate changes.
    """
    lang = figure_language(lang)
    t = team.dropna(subset=[f"{measure}_before"])
    x = np.arange(len(t))
    fig, ax = plt.subplots(figsize=(7.5, 3.8))
    before = t[f"{measure}_before"].to_numpy()
    after = t[f"{measure}_after"].to_numpy()
    ax.vlines(x, np.minimum(before, after), np.maximum(before, after), color="#bbbbbb", lw=2)
    ax.scatter(x, before, color="#7f7f7f", label=label("before", lang), zorder=3)
    ax.scatter(x, after, color="#1f77b4", label=label("after", lang), zorder=3)
    for xi, b, a in zip(x, before, after, strict=True):  # the change is the value read here
        ax.annotate(
            f"{a - b:+.1f}",
            (xi, max(a, b)),
            xytext=(0, 6),
            textcoords="offset points",
            ha="center",
            fontsize=8,
        )
    ax.set_xticks(x, t["team"], rotation=45)
    ax.set_ylabel(label(measure, lang))
    ax.margins(y=0.15)
    ax.legend(fontsize=8)
    if title:
        ax.set_title(title)
    fig.tight_layout()
    return fig
