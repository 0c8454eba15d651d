"""Summary box, numbered tables and figures of notebook 06 (ROI), in one language at a time.

Every word comes from :data:`cslib.roi.phrases.PHRASES`; numbers are formatted here and never
shown when undefined — an undefined ROI is replaced by the sentence saying why, and a point ROI
is never shown without its interval.
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from cslib.core.i18n import check_lang, choose, join_and, list_separator, sentence_separator
from cslib.roi.analysis import CourseROI, Horizon
from cslib.roi.phrases import BASIS_NAMES, CATEGORY_NAMES, KPI_NAMES, PHRASES, UNIT_NAMES

P = PHRASES


# ------------------------------------------------------------------------------ formatting
def money(x: float) -> str:
    """Whole currency units with thousands separators (an undefined amount is an error).

    >>> money(12345.6), money(-800.2)
    ('12,346', '-800')
    """
    if not math.isfinite(x):
        raise ValueError(f"not a finite amount: {x!r}")
    return f"{x:,.0f}".replace("-0", "0") if round(x) == 0 else f"{x:,.0f}"


def percent(x: float) -> str:
    """ROI per cent, no decimals: ``percent(25.4)`` → ``'25%'``.

    >>> percent(25.4), percent(-3.6)
    ('25%', '-4%')
    """
    if not math.isfinite(x):
        raise ValueError(f"not a finite per cent: {x!r}")
    return f"{x:.0f}%" if round(x) != 0 else "0%"


def ratio(x: float) -> str:
    """A benefit–cost ratio with two decimals.

    >>> ratio(1.256)
    '1.26'
    """
    if not math.isfinite(x):
        raise ValueError(f"not a finite ratio: {x!r}")
    return f"{x:.2f}"


def probability(p: float, n_draws: int) -> str:
    """Share of draws as per cent; at 0 or 1 the bound the number of draws allows.

    >>> probability(0.9731, 1999), probability(1.0, 1999), probability(0.0, 1999)
    ('97.3%', '> 99.9%', '< 0.1%')
    >>> probability(9996 / 9999, 9999)  # 99.97 %: not "100.0%"
    '> 99.9%'
    """
    if not (math.isfinite(p) and 0 <= p <= 1):
        raise ValueError(f"not a probability: {p!r}")
    if p >= 1:
        return f"> {100 * (1 - 1 / n_draws):.1f}%"
    if p <= 0:
        return f"< {100 / n_draws:.1f}%"
    if 100 * p >= 99.95:  # would print as 100.0%
        return "> 99.9%"
    if 100 * p < 0.05:  # would print as 0.0%
        return "< 0.1%"
    return f"{100 * p:.1f}%"


def level_text(confidence: float) -> str:
    return f"{100 * confidence:g}%"


def effect_text(x: float, unit: str, lang: str) -> str:
    """A KPI effect with sign and unit: ``-6.1 s per call``."""
    digits = 1 if unit in ("s",) else 2
    return f"{x:+.{digits}f} {UNIT_NAMES(unit, lang)}"


def interval_cell(point: str, low: str, high: str, lang: str) -> str:
    """A point with its interval in one table cell, in words (never a bracketed list).

    >>> interval_cell("25%", "-10%", "60%", "en")
    '25% (-10% to 60%)'
    """
    return P("interval_cell", lang, point=point, lo=low, hi=high)


def effect_cell(est: float, low: float, high: float, unit: str, lang: str) -> str:
    """A KPI effect with its unit and interval."""
    digits = 1 if unit == "s" else 2
    return interval_cell(
        effect_text(est, unit, lang), f"{low:+.{digits}f}", f"{high:+.{digits}f}", lang
    )


def decay_text(h: Horizon, lang: str) -> str:
    text = P(f"decay_{h.decay}", lang, h=f"{h.half_life_weeks:g}")
    if h.decay == "none" and h.weeks == 52:
        text += P("phillips_default", lang)
    return text


def course_label(r: CourseROI, names: Mapping[str, str], lang: str) -> str:
    name = names.get(r.course_id, r.course_id)
    return P("forecast_tag", lang) + name if r.forecast else name


def _get(row: pd.Series | object, key: str) -> object:
    """A field of a sensitivity row, from a Series (whose ``.name`` is its label) or a tuple."""
    return row[key] if isinstance(row, pd.Series) else getattr(row, key)


def assumption_text(row: pd.Series | object, lang: str) -> str:
    """The assumption of a sensitivity row in words."""
    kind, name = _get(row, "kind"), str(_get(row, "name"))
    if kind == "value":
        return P("assumption_value", lang, kpi=KPI_NAMES(name, lang))
    if kind == "cost":
        return P("assumption_cost", lang, item=choose(name, str(_get(row, "name_en")), lang))
    return P(f"assumption_{kind}", lang)


def range_text(row: pd.Series | object, lang: str) -> str:
    """The range a sensitivity row moved over, in words."""
    kind, lo, hi = _get(row, "kind"), _get(row, "low"), _get(row, "high")
    if kind in ("horizon", "decay"):
        return P("range_weeks", lang, low=f"{lo:g}", high=f"{hi:g}")
    return P("range_factor", lang, low=f"{lo:g}", high=f"{hi:g}")


# ------------------------------------------------------------------------------ summary
def top_assumption(
    rois: Sequence[CourseROI], sens: Mapping[str, pd.DataFrame]
) -> tuple[CourseROI, pd.Series] | None:
    """The assumption with the largest ROI swing over all measured courses (flips first)."""
    best: tuple[tuple[bool, float], CourseROI, pd.Series] | None = None
    for r in rois:
        t = sens.get(r.course_id)
        if r.forecast or t is None or t.empty:
            continue
        row = t.iloc[0]
        key = (bool(t["flips"].any()), float(row["swing"]))
        flipping = t[t["flips"]]
        if len(flipping):
            row = flipping.iloc[0]
            key = (True, float(row["swing"]))
        if best is None or key > best[0]:
            best = (key, r, row)
    return None if best is None else (best[1], best[2])


def summary_findings(
    rois: Sequence[CourseROI],
    sens: Mapping[str, pd.DataFrame],
    names: Mapping[str, str],
    lang: str = "zh",
    *,
    table: int = 5,
    figure: int = 2,
) -> list[str]:
    """The findings of the summary box, in the report language."""
    lang = check_lang(lang)
    out = []
    sep = list_separator(lang)
    measured = [r for r in rois if not r.forecast]
    for r in rois:
        out.append(_course_sentence(r, names, lang))
    clear = [course_label(r, names, lang) for r in measured if r.defined and r.roi_ci[0] > 0]
    loss = [course_label(r, names, lang) for r in measured if r.defined and r.roi_ci[1] < 0]
    out.append(
        P("summary_clear", lang, courses=sep.join(clear))
        if clear
        else P("summary_clear_none", lang)
    )
    if loss:
        out.append(P("summary_loss", lang, courses=sep.join(loss)))
    top = top_assumption(rois, sens)
    if top is not None:
        r, row = top
        text = P(
            "summary_top",
            lang,
            assumption=assumption_text(row, lang),
            course=course_label(r, names, lang),
            low=percent(min(row["roi_low"], row["roi_high"])),
            high=percent(max(row["roi_low"], row["roi_high"])),
        )
        if bool(row["flips"]):
            text += sentence_separator(lang) + P("summary_top_flip", lang)
        out.append(text)
    if measured:
        h = measured[0].horizon
        follow = max(r.follow_up_weeks for r in measured)
        out.append(
            P("summary_horizon", lang, weeks=h.weeks, decay=decay_text(h, lang), follow=follow)
        )
        extra = [course_label(r, names, lang) for r in measured if r.extrapolated]
        if extra and len(extra) == len(measured):
            out.append(P("summary_extrapolated_all", lang))
        elif extra:
            out.append(P("summary_extrapolated", lang, courses=sep.join(extra)))
    intangible = sorted(
        {
            str(k)
            for r in measured
            for k in r.effects.loc[r.effects["status"] == "intangible", "kpi"]
        }
    )
    if intangible:
        out.append(
            P(
                "summary_intangible",
                lang,
                kpis=join_and([KPI_NAMES(k, lang) for k in intangible], lang),
            )
        )
    out.append(P("next_steps", lang, step=P("step", lang, table=table, figure=figure)))
    return out


def _course_sentence(r: CourseROI, names: Mapping[str, str], lang: str) -> str:
    name = names.get(r.course_id, r.course_id)
    if not r.defined:
        return P("summary_undefined", lang, course=name, reason=P(f"reason_{r.reason_code}", lang))
    assert r.point is not None
    common = dict(
        course=name,
        costs=money(r.costs.total),
        level=level_text(r.confidence_level),
        roi=percent(r.point.roi_percent),
        rlo=percent(r.roi_ci[0]),
        rhi=percent(r.roi_ci[1]),
        p=probability(r.p_positive, r.n_draws),
    )
    if r.forecast:
        return P("summary_course_forecast", lang, agents=r.exposure, **common)
    return P(
        "summary_course",
        lang,
        benefits=money(r.point.benefits),
        blo=money(r.benefits_ci[0]),
        bhi=money(r.benefits_ci[1]),
        **common,
    )


def summary_box(findings: list[str], lang: str = "zh") -> str:
    """HTML box with the findings, for the first screen of the report."""
    items = "".join(f"<li>{html.escape(f)}</li>" for f in findings)
    return (
        '<div style="border:2px solid #2b6cb0;border-radius:6px;padding:0.6em 1em;'
        'background:#f0f6ff">'
        f"<h2 style='margin-top:0'>{html.escape(P('title', lang))}</h2><ul>{items}</ul></div>"
    )


# ------------------------------------------------------------------------------ tables
def _main_kpi(r: CourseROI) -> pd.Series | None:
    e = r.effects[r.effects["status"] == "monetised"]
    if e.empty:
        return None
    return e.loc[e["benefit"].abs().idxmax()]


def roi_table(
    rois: Sequence[CourseROI], names: Mapping[str, str], lang: str = "zh"
) -> pd.DataFrame:
    """One row per course: costs, benefits, BCR and ROI with intervals, P(ROI > 0), break-even."""
    rows = []
    for r in rois:
        row = {
            P("col_course", lang): course_label(r, names, lang),
            P("col_agents", lang): r.exposure,
            P("col_costs", lang): money(r.costs.total),
        }
        if not r.defined:
            cell = P("undefined_cell", lang, reason=P(f"reason_{r.reason_code}", lang))
            row.update(
                {
                    P(k, lang): cell
                    for k in ("col_benefits", "col_bcr", "col_roi", "col_p", "col_break_even")
                }
            )
        else:
            assert r.point is not None
            row[P("col_benefits", lang)] = interval_cell(
                money(r.point.benefits), money(r.benefits_ci[0]), money(r.benefits_ci[1]), lang
            )
            row[P("col_bcr", lang)] = interval_cell(
                ratio(r.point.bcr), ratio(r.bcr_ci[0]), ratio(r.bcr_ci[1]), lang
            )
            row[P("col_roi", lang)] = interval_cell(
                percent(r.point.roi_percent), percent(r.roi_ci[0]), percent(r.roi_ci[1]), lang
            )
            row[P("col_p", lang)] = probability(r.p_positive, r.n_draws)
            m = _main_kpi(r)
            assert m is not None
            row[P("col_break_even", lang)] = P(
                "break_even_text",
                lang,
                kpi=KPI_NAMES(str(m["kpi"]), lang),
                needed=effect_text(float(m["break_even_effect"]), str(m["unit"]), lang),
                est=effect_text(float(m["estimate"]), str(m["unit"]), lang),
            )
        rows.append(row)
    return pd.DataFrame(rows)


def costs_table(
    rois: Sequence[CourseROI], names: Mapping[str, str], lang: str = "zh"
) -> pd.DataFrame:
    """Every cost item of every course with its charge and share of the course's total."""
    rows = []
    for r in rois:
        for it in r.costs.table.itertuples(index=False):
            rows.append(
                {
                    P("col_course", lang): course_label(r, names, lang),
                    P("col_category", lang): CATEGORY_NAMES(str(it.category), lang),
                    P("col_item", lang): choose(str(it.item), str(it.item_en), lang),
                    P("col_basis", lang): BASIS_NAMES(str(it.basis), lang),
                    P("col_amount", lang): f"{it.amount:,.2f}",
                    P("col_quantity", lang): f"{it.quantity:,.2f}",
                    P("col_charged", lang): money(float(it.charged)),
                    P("col_share", lang): f"{100 * it.share:.1f}%",
                }
            )
        rows.append(
            {
                P("col_course", lang): course_label(r, names, lang),
                P("col_category", lang): P("total", lang),
                P("col_item", lang): "",
                P("col_basis", lang): "",
                P("col_amount", lang): "",
                P("col_quantity", lang): "",
                P("col_charged", lang): money(r.costs.total),
                P("col_share", lang): "100.0%",
            }
        )
    return pd.DataFrame(rows)


def benefits_table(
    rois: Sequence[CourseROI], names: Mapping[str, str], lang: str = "zh"
) -> pd.DataFrame:
    """Monetised KPI effects with their interval, money per unit and benefit with interval."""
    rows = []
    for r in rois:
        e = r.effects[r.effects["status"] == "monetised"]
        for m in e.itertuples(index=False):
            unit = str(m.unit)
            rows.append(
                {
                    P("col_course", lang): course_label(r, names, lang),
                    P("col_kpi", lang): KPI_NAMES(str(m.kpi), lang),
                    P("col_effect", lang): effect_cell(
                        float(m.estimate), float(m.ci_low), float(m.ci_high), unit, lang
                    ),
                    P("col_money", lang): f"{float(m.money_per_unit):,.2f}",
                    P("col_benefit", lang): interval_cell(
                        money(float(m.benefit)),
                        money(float(m.benefit_low)),
                        money(float(m.benefit_high)),
                        lang,
                    ),
                }
            )
    return pd.DataFrame(rows)


def excluded_table(
    rois: Sequence[CourseROI], names: Mapping[str, str], lang: str = "zh"
) -> pd.DataFrame:
    """Intangible effects (shown with their interval) and effects not estimated (with why)."""
    rows = []
    for r in rois:
        e = r.effects[r.effects["status"] != "monetised"]
        for m in e.itertuples(index=False):
            est = float(m.estimate) if pd.notna(m.estimate) else math.nan
            unit = str(m.unit) if m.unit else ""
            rows.append(
                {
                    P("col_course", lang): course_label(r, names, lang),
                    P("col_kpi", lang): KPI_NAMES(str(m.kpi), lang),
                    P("col_status", lang): P(str(m.status), lang),
                    P("col_effect", lang): (
                        effect_cell(est, float(m.ci_low), float(m.ci_high), unit, lang)
                        if math.isfinite(est)
                        else "—"
                    ),
                    P("col_reason", lang): P(f"reason_{m.reason_code}", lang),
                }
            )
    return pd.DataFrame(rows)


def sensitivity_table(
    rois: Sequence[CourseROI],
    sens: Mapping[str, pd.DataFrame],
    names: Mapping[str, str],
    lang: str = "zh",
    *,
    top: int = 5,
) -> pd.DataFrame:
    """The ``top`` assumptions of each course by ROI swing (the tornado chart as a table)."""
    rows = []
    for r in rois:
        t = sens.get(r.course_id)
        if t is None or t.empty:
            continue
        for s in t.head(top).itertuples(index=False):
            rows.append(
                {
                    P("col_course", lang): course_label(r, names, lang),
                    P("col_assumption", lang): assumption_text(s, lang),
                    P("col_range", lang): range_text(s, lang),
                    P("col_roi_low", lang): percent(float(s.roi_low)),
                    P("col_roi_high", lang): percent(float(s.roi_high)),
                    P("col_flips", lang): P("yes" if s.flips else "no", lang),
                }
            )
    return pd.DataFrame(rows)


# ------------------------------------------------------------------------------ figures
def plot_roi(
    rois: Sequence[CourseROI], names: Mapping[str, str], lang: str = "zh", *, number: int = 1
):
    """ROI % with its interval per course (forest plot); undefined courses are left out."""
    import matplotlib.pyplot as plt

    shown = [r for r in rois if r.defined]
    fig, ax = plt.subplots(figsize=(8, 0.45 * max(len(shown), 2) + 1.4))
    y = np.arange(len(shown))[::-1]
    for yi, r in zip(y, shown, strict=True):
        assert r.point is not None
        colour = "#dd6b20" if r.forecast else "#2b6cb0"
        ax.plot(r.roi_ci, [yi, yi], color=colour, lw=2.5)
        ax.plot([r.point.roi_percent], [yi], "o", color=colour, ms=7)
    ax.axvline(0, color="black", lw=0.8)
    ax.set_yticks(y, [course_label(r, names, lang) for r in shown])
    ax.set_xlabel(P("axis_roi", lang))
    level = level_text(shown[0].confidence_level) if shown else "95%"
    ax.set_title(P("figure_roi", lang, n=number, level=level), loc="left", fontsize=11)
    ax.grid(axis="x", alpha=0.3)
    fig.tight_layout()
    return fig


def plot_tornado(
    rois: Sequence[CourseROI],
    sens: Mapping[str, pd.DataFrame],
    names: Mapping[str, str],
    lang: str = "zh",
    *,
    top: int = 5,
    number: int = 2,
):
    """One tornado panel per measured course: ROI at the low and high end of each of the
    ``top`` assumptions with the largest swing, around the point ROI."""
    import matplotlib.pyplot as plt

    shown = [r for r in rois if r.defined and not sens.get(r.course_id, pd.DataFrame()).empty]
    ncol = 2
    nrow = max(1, math.ceil(len(shown) / ncol))
    fig, axes = plt.subplots(nrow, ncol, figsize=(11, 2.3 * nrow + 0.8), squeeze=False)
    for ax, r in zip(axes.flat, shown, strict=False):
        t = sens[r.course_id].head(top).iloc[::-1]
        assert r.point is not None
        base = r.point.roi_percent
        yy = np.arange(len(t))
        ax.barh(
            yy,
            t["roi_low"] - base,
            left=base,
            color="#c05621",
            height=0.6,
            label=P("legend_low", lang),
        )
        ax.barh(
            yy,
            t["roi_high"] - base,
            left=base,
            color="#2b6cb0",
            height=0.6,
            label=P("legend_high", lang),
        )
        ax.axvline(base, color="black", lw=0.8)
        ax.axvline(0, color="grey", lw=0.8, ls=":")
        ax.set_yticks(
            yy, [_short(assumption_text(s, lang)) for s in t.itertuples(index=False)], fontsize=8
        )
        ax.set_title(course_label(r, names, lang), fontsize=9, loc="left")
        ax.tick_params(axis="x", labelsize=8)
        ax.set_xlabel(P("axis_roi", lang), fontsize=8)
    for ax in list(axes.flat)[len(shown) :]:
        ax.axis("off")
    handles, labels = axes.flat[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="upper right", fontsize=8, ncol=2)
    fig.suptitle(P("figure_tornado", lang, n=number), x=0.01, ha="left", fontsize=11)
    fig.tight_layout(rect=(0, 0, 1, 0.97))
    return fig


def _short(text: str, width: int = 28) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


# ------------------------------------------------------------------------------ records
def key_numbers(rois: Sequence[CourseROI], sens: Mapping[str, pd.DataFrame]) -> dict[str, object]:
    """The values notebook 06 records for the regression test."""
    out: dict[str, object] = {}
    for r in rois:
        tag = ("forecast_" if r.forecast else "") + r.course_id
        entry: dict[str, object] = {
            "costs": r.costs.total,
            "exposure": r.exposure,
            "follow_up_weeks": r.follow_up_weeks,
        }
        if r.point is not None:
            entry.update(
                benefits=r.point.benefits,
                bcr=r.point.bcr,
                roi=r.point.roi_percent,
                roi_ci=list(r.roi_ci),
                p_positive=r.p_positive,
            )
            m = _main_kpi(r)
            if m is not None:
                entry["break_even"] = [str(m["kpi"]), float(m["break_even_effect"])]
        else:
            entry["reason"] = r.reason
        t = sens.get(r.course_id)
        if t is not None and not t.empty and not r.forecast:
            entry["top_assumption"] = [str(t["kind"].iloc[0]), str(t["name"].iloc[0])]
        out[tag] = entry
    return out
