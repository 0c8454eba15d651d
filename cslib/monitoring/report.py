"""Notebook 05's report in one language at a time: summary box, figures and per-inspector XLSX.

Every word comes from :data:`cslib.monitoring.phrases.PHRASES`.

Every threshold in a sentence is a parameter passed in; numbers are formatted by
:func:`cslib.core.i18n.format_number`, which refuses NaN, so an undefined value is always
replaced by a sentence saying why.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from cslib.core.filenames import file_name_part, file_names
from cslib.core.i18n import check_lang, format_number, label, list_separator
from cslib.core.inert import inert_workbook
from cslib.core.io import atomic_path
from cslib.monitoring.analysis import MonitoringPlan
from cslib.monitoring.phrases import PHRASES
from cslib.reporting.claims import Share, format_share
from cslib.stats.gstudy import CallsNeeded, DStudy, GStudy
from cslib.stats.rotation import Rotation


def component_name(key: str, lang: str) -> str:
    return PHRASES(f"component_{key}", lang)


def calls_reason(need: CallsNeeded, lang: str) -> str:
    """Why no number of calls meets the target, in ``lang`` (from ``need.reason_code``).

    Examples
    --------
    >>> from cslib.stats.gstudy import calls_needed
    >>> vc = {"agent": 1.0, "inspector": 0.0, "agent_inspector": 1.0, "residual": 4.0}
    >>> calls_reason(calls_needed(vc, 0.8, n_inspectors=2), "en")
    'with 2 inspector(s) per agent, inspector-related error alone exceeds what the target allows; more calls do not help'
    """
    if need.reason_code is None:
        raise ValueError("the target is met: there is no reason to word")
    return PHRASES(
        f"calls_reason_{need.reason_code}",
        lang,
        n_inspectors=need.n_inspectors,
        max_calls=need.max_calls,
    )


def rotation_reason(rotation: Rotation, lang: str) -> str:
    """Why there is no rotation next quarter, in ``lang``, with the limits it had to keep.

    Examples
    --------
    >>> from cslib.stats.rotation import rotate_inspectors
    >>> rotation_reason(rotate_inspectors({"T1": 30}, ["A"], max_agents=25), "zh")
    '没有一种分配能让每个班组各有一名质检员、每名质检员负责 1–2 个班组且不超过 25 名坐席，同时不重复上季度的搭配'
    """
    if rotation.reason_code is None:
        raise ValueError("the rotation is feasible: there is no reason to word")
    return PHRASES(
        f"rotation_reason_{rotation.reason_code}",
        lang,
        min_teams=rotation.min_teams,
        max_teams=rotation.max_teams,
        max_agents=rotation.max_agents,
    )


def rotation_none(rotation: Rotation, lang: str) -> str:
    """The sentence saying that no rotation is possible next quarter, and why."""
    return PHRASES("rotation_none", lang, reason=rotation_reason(rotation, lang))


def drift_sentence(
    drift: pd.DataFrame, threshold: float, baseline_months: int, lang: str = "zh"
) -> str:
    """Who drifted, that nobody did, or — with no month after any inspector's baseline —
    that drift cannot be judged (never "nobody moved" from a single month)."""
    flagged = sorted(drift.loc[drift["flagged"], "inspector_id"].unique())
    thr = format_number(threshold, 1)
    judged = drift.groupby("inspector_id")["month"].nunique() > baseline_months
    if not judged.any():
        months = int(drift["month"].nunique())
        return PHRASES("drift_undefined", lang, months=months, base=baseline_months)
    if flagged:
        return PHRASES("drift", lang, who=", ".join(flagged), base=baseline_months, threshold=thr)
    return PHRASES("drift_none", lang, threshold=thr)


def summary_findings(
    g: GStudy,
    now: DStudy,
    calls_now: float,
    need: CallsNeeded,
    need_hw: CallsNeeded,
    plan: MonitoringPlan,
    next_month: str,
    rotation: Rotation,
    drift: pd.DataFrame,
    *,
    pass_mark: float,
    random_share: float,
    max_agents: int,
    drift_threshold: float,
    baseline_months: int,
    need_inspectors: int = 1,
    need_hw_inspectors: int = 1,
    min_calls: int = 0,
    lang: str = "zh",
    drift_text: str | None = None,
) -> list[str]:
    """Three to six plain-language findings with numbers and next steps (one language).

    ``drift_text`` (from :func:`cslib.monitoring.drift_text.drift_summary`) replaces the
    threshold rule's drift sentence."""
    lang = check_lang(lang)
    out = []
    level = format_number(now.confidence_level, 0, percent=True)
    if now.reason_code is not None:
        reason = PHRASES(f"dstudy_reason_{now.reason_code}", lang)
        out.append(PHRASES("need_none", lang, target="", reason=reason))
    else:
        out.append(
            PHRASES(
                "current",
                lang,
                calls=format_number(calls_now, 1),
                g=format_number(float(now.g_coefficient), 2),
                hw=format_number(float(now.half_width), 1),
                level=level,
            )
        )
    target = format_number(need.target, 2)
    calls = format_number(calls_now, 1)
    if need.n_calls is not None and need_inspectors > 1:
        out.append(
            PHRASES("need_r", lang, target=target, n=need.n_calls, calls=calls, r=need_inspectors)
        )
    elif need.n_calls is not None:
        out.append(PHRASES("need", lang, target=target, n=need.n_calls, calls=calls))
    else:
        out.append(PHRASES("need_none", lang, target=target, reason=calls_reason(need, lang)))
    hw_target = format_number(need_hw.target, 1)
    if need_hw.n_calls is not None and need_hw_inspectors > 1:
        out.append(
            PHRASES("need_hw_r", lang, target=hw_target, n=need_hw.n_calls, r=need_hw_inspectors)
        )
    elif need_hw.n_calls is not None:
        out.append(PHRASES("need_hw", lang, target=hw_target, n=need_hw.n_calls))
    else:
        out.append(
            PHRASES("need_hw_none", lang, target=hw_target, reason=calls_reason(need_hw, lang))
        )
    share = g.share
    out.append(
        PHRASES(
            "components",
            lang,
            res=format_number(share["residual"], 0, percent=True),
            agent=format_number(share["agent"], 0, percent=True),
            insp=format_number(share["inspector"], 0, percent=True),
        )
    )
    focus = int((plan.table["planned"] > min_calls).sum())
    per = plan.inspectors
    out.append(
        PHRASES(
            "plan",
            lang,
            month=next_month,
            total=int(per["total"].sum()),
            planned=int(per["planned"].sum()),
            random=int(per["random"].sum()),
            # a share says what it is a share of: the calls that are not must-check
            share=format_share(
                Share(
                    int(per["random"].sum()),
                    max(int(per["planned"].sum() + per["random"].sum()), 1),
                    of=PHRASES["claim_non_must_check"],
                ),
                lang,
            ),
            must=int(per["must_check_reserved"].sum()),
            focus=focus,
            pass_mark=format_number(pass_mark, 0),
            min_calls=min_calls,
        )
    )
    out += plan_problem_sentences(plan, lang, min_calls=min_calls)
    out.append(
        drift_text
        if drift_text is not None
        else drift_sentence(drift, drift_threshold, baseline_months, lang)
    )
    if rotation.feasible:
        out.append(
            PHRASES(
                "rotation",
                lang,
                n=len(rotation.load),
                max_agents=max_agents,
                dev=format_number(rotation.max_deviation, 1),
            )
        )
    else:
        out.append(rotation_none(rotation, lang))
    return out


def plan_problem_sentences(
    plan: MonitoringPlan, lang: str = "zh", *, min_calls: int = 0
) -> list[str]:
    """One sentence per :class:`~cslib.monitoring.analysis.PlanProblem`: what cannot be kept
    and what would make the plan feasible."""
    lang = check_lang(lang)
    sep = list_separator(lang)
    out = []
    for pr in plan.problems:
        who = sep.join(pr.inspectors)
        needed = format_number(pr.needed, 0)
        available = format_number(pr.available, 0)
        if pr.kind == "must_check_over_capacity":
            out.append(
                PHRASES(
                    "plan_over",
                    lang,
                    who=who,
                    needed=needed,
                    available=available,
                    capacity=pr.remedy_capacity,
                    inspectors=pr.remedy_inspectors,
                )
            )
        elif pr.kind == "min_calls_unmet":
            out.append(
                PHRASES(
                    "plan_short",
                    lang,
                    who=who,
                    needed=needed,
                    available=available,
                    min_calls=min_calls,
                    capacity=pr.remedy_capacity,
                )
            )
        elif pr.kind == "target_over_capacity":
            n_agents = max(len(plan.table), 1)
            out.append(
                PHRASES(
                    "plan_target",
                    lang,
                    n=format_number(pr.needed / n_agents, 0),
                    needed=needed,
                    available=available,
                    capacity=pr.remedy_capacity,
                    inspectors=pr.remedy_inspectors,
                )
            )
        else:
            out.append(PHRASES("plan_idle", lang, who=who, available=available))
    return out


def summary_box(findings: list[str], lang: str = "zh") -> str:
    """HTML box with the findings and the next step, for the first screen of the report."""
    import html

    items = "".join(f"<li>{html.escape(f)}</li>" for f in findings)
    return (
        '<div style="border:2px solid #2b6cb0;border-radius:6px;padding:0.6em 1em;'
        'background:#f0f6ff">'
        f"<h2 style='margin-top:0'>{html.escape(PHRASES('title', lang))}</h2><ul>{items}</ul>"
        f"<p><b>{html.escape(PHRASES('next_steps', lang))}:</b> {html.escape(PHRASES('step_plan', lang))}</p>"
        "</div>"
    )


def dstudy_reach(*calls: int | None, minimum: int = 40) -> int:
    """How far the D-study curve must go: past every recommended number of calls.

    The curve covers at least ``minimum`` calls and 10 % beyond the largest recommendation
    (``None``, a target no number of calls reaches, is skipped), so a figure that supports a
    recommendation shows the recommended value.

    Examples
    --------
    >>> dstudy_reach(12, None), dstudy_reach(78, 120)
    (40, 132)
    """
    given = [int(c) for c in calls if c is not None]
    return max([minimum] + [math.ceil(c * 1.1) for c in given])


def dstudy_curves(
    g: GStudy,
    *designs: tuple[int | None, int],
    confidence_level: float = 0.95,
    minimum: int = 40,
) -> dict[int, pd.DataFrame]:
    """D-study curves for one inspector per agent and for every recommended design.

    ``designs`` are ``(calls, inspectors)`` pairs as the summary recommends them (calls
    ``None`` when no number reaches the target); every curve runs to :func:`dstudy_reach`
    of the recommended calls, so the figure shows where each recommendation meets its target.
    """
    from cslib.monitoring.analysis import dstudy_table

    reach = dstudy_reach(*(calls for calls, _ in designs), minimum=minimum)
    inspectors = sorted({1, *(r for _, r in designs)})
    return {
        r: dstudy_table(g, max_calls=reach, n_inspectors=r, confidence_level=confidence_level)
        for r in inspectors
    }


def plot_dstudy(
    curves: dict[int, pd.DataFrame] | pd.DataFrame,
    calls_now: float,
    target: float,
    lang: str = "zh",
    *,
    target_half_width: float | None = None,
    recommended: tuple[int | None, int] | None = None,
    recommended_half_width: tuple[int | None, int] | None = None,
):
    """Calls per agent and month → reliability (left panel: Eρ² solid, Φ dashed) and the
    half-width of the monthly mean (right panel), one colour per number of inspectors, with
    the present number of calls, the targets and the recommended designs marked."""
    import matplotlib.pyplot as plt

    if isinstance(curves, pd.DataFrame):
        curves = {int(curves["n_inspectors"].iloc[0]) if "n_inspectors" in curves else 1: curves}
    colours = ["#2b6cb0", "#2f855a", "#805ad5", "#b7791f"]
    fig, (ax, ax2) = plt.subplots(1, 2, figsize=(10, 4))
    fig.suptitle(PHRASES("figure_title", lang))
    for k, (r, table) in enumerate(sorted(curves.items())):
        colour = colours[k % len(colours)]
        who = PHRASES("figure_inspector_one" if r == 1 else "figure_inspectors", lang, r=r)
        ax.plot(table["n_calls"], table["g_coefficient"], color=colour, lw=2, label=f"Eρ² {who}")
        ax.plot(table["n_calls"], table["phi"], color=colour, lw=1, ls="--", label=f"Φ {who}")
        ax2.plot(table["n_calls"], table["half_width"], color=colour, lw=1.5, label=who)
    last = max(float(t["n_calls"].iloc[-1]) for t in curves.values())
    ax.axhline(target, color="crimson", lw=1)
    ax.text(
        last,
        target,
        PHRASES("figure_target", lang, target=f"{target:.2f}"),
        ha="right",
        va="bottom",
        color="crimson",
    )
    if target_half_width is not None:
        ax2.axhline(target_half_width, color="crimson", lw=1)
        ax2.text(
            last,
            target_half_width,
            PHRASES("figure_target", lang, target=f"±{target_half_width:g}"),
            ha="right",
            va="bottom",
            color="crimson",
        )
    for axis in (ax, ax2):
        axis.axvline(calls_now, color="grey", lw=1, ls=":")
    ax.text(calls_now, 0.02, PHRASES("figure_now", lang, calls=f"{calls_now:.1f}"), color="grey")
    for axis, rec in ((ax, recommended), (ax2, recommended_half_width)):
        if rec is not None and rec[0] is not None:
            axis.axvline(rec[0], color="black", lw=1, ls="-.")
            axis.annotate(
                PHRASES(
                    "figure_recommended_one" if rec[1] == 1 else "figure_recommended",
                    lang,
                    calls=rec[0],
                    r=rec[1],
                ),
                xy=(rec[0], 0.5),
                xycoords=("data", "axes fraction"),
                rotation=90,
                ha="right",
                va="center",
                fontsize=8,
            )
    ax.set_ylim(0, 1)
    ax.set_xlabel(PHRASES("figure_x", lang))
    ax.set_ylabel(PHRASES("figure_y", lang))
    ax2.set_xlabel(PHRASES("figure_x", lang))
    ax2.set_ylabel(PHRASES("figure_hw", lang))
    ax2.set_ylim(bottom=0)
    ax.legend(loc="lower right", fontsize=7)
    ax2.legend(loc="upper right", fontsize=7)
    fig.tight_layout()
    return fig


def plot_drift(drift: pd.DataFrame, threshold: float, lang: str = "zh"):
    """Leniency by month, one line per inspector; flagged months marked."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 4))
    ax.set_title(PHRASES("drift_title", lang))
    for insp, grp in drift.groupby("inspector_id"):
        flagged = grp["flagged"].any()
        ax.plot(
            grp["month"],
            grp["leniency"],
            marker="o",
            lw=2.5 if flagged else 1,
            color="crimson" if flagged else "grey",
            alpha=1 if flagged else 0.6,
            label=insp,
        )
        bad = grp[grp["flagged"]]
        ax.scatter(bad["month"], bad["leniency"], s=80, facecolors="none", edgecolors="crimson")
    ax.axhline(0, color="black", lw=0.5)
    ax.set_xlabel(PHRASES("drift_x", lang))
    ax.set_ylabel(PHRASES("drift_y", lang))
    ax.legend(ncol=4, fontsize=8)
    fig.tight_layout()
    return fig


PLAN_COLUMNS = ["team", "agent_id", "planned", "random", "must_check_expected", "total"]


def write_inspector_plans(
    plan: pd.DataFrame, folder: Path, month: str, lang: str = "zh"
) -> list[Path]:
    """One printable XLSX per inspector: localised headers, landscape, fit to one page wide.

    Files are named ``plan_<month>_<inspector>.xlsx`` through
    :func:`cslib.core.filenames.file_names` (safe, unique, inside ``folder``); ids and names
    in the cells stay text (:func:`cslib.core.inert.inert_workbook`).
    """
    from openpyxl.utils import get_column_letter

    lang = check_lang(lang)
    written = []
    targets = file_names(
        sorted(plan["inspector_id"].astype(str).unique()),
        folder,
        prefix=f"plan_{file_name_part(month)}_",
        suffix=".xlsx",
    )
    for insp, grp in plan.groupby("inspector_id"):
        frame = (
            grp[PLAN_COLUMNS]
            .round({"must_check_expected": 1, "total": 1})
            .rename(columns={c: label(c, lang) for c in PLAN_COLUMNS})
        )
        target = targets[str(insp)]
        sheet = PHRASES("sheet_plan", lang)
        with atomic_path(target) as tmp:
            with pd.ExcelWriter(tmp, engine="openpyxl") as xw:
                frame.to_excel(xw, sheet_name=sheet, index=False, startrow=1)
                ws = xw.sheets[sheet]
                ws["A1"] = f"{label('inspector_id', lang)}: {insp} · {month}"
                for k in range(1, frame.shape[1] + 1):
                    ws.column_dimensions[get_column_letter(k)].width = 14
                ws.page_setup.orientation = "landscape"
                ws.page_setup.fitToWidth = 1
                ws.sheet_properties.pageSetUpPr.fitToPage = True
                ws.print_title_rows = "2:2"
                inert_workbook(xw.book)
        written.append(target)
    return written
