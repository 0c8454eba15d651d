"""Narrative (zh / en phrase table), summary box, figures and per-inspector XLSX of notebook 05.

Every threshold in a sentence is a parameter passed in; numbers are formatted by
:func:`cslib.core.i18n.format_number`, which refuses NaN, so an undefined value is always
replaced by a sentence saying why.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from cslib.core.filenames import file_name_part, file_names
from cslib.core.i18n import Phrases, check_lang, format_number, label, list_separator
from cslib.core.inert import inert_workbook
from cslib.core.io import atomic_path
from cslib.monitoring.analysis import MonitoringPlan
from cslib.reporting.claims import Share, format_share
from cslib.stats.gstudy import CallsNeeded, DStudy, GStudy
from cslib.stats.rotation import Rotation

P = Phrases(
    {
        "title": ("摘要", "Summary"),
        "current": (
            "目前每名坐席每月平均评 {calls} 通常规录音，月度质检分的信度（Eρ²）约为 {g}，"
            "单人月均分的 {level} 置信区间约为 ±{hw} 分。",
            "Agents currently get {calls} routine calls scored a month on average; the "
            "reliability (Eρ²) of a monthly QA score is about {g}, and an agent's monthly mean "
            "is known to within ±{hw} points ({level} interval).",
        ),
        "need": (
            "要使信度达到 {target}，每人每月需评 {n} 通录音（当前 {calls} 通）。",
            "Reaching a reliability of {target} takes {n} calls per agent and month (now {calls}).",
        ),
        "need_r": (
            "要使信度达到 {target}，每人每月需评 {n} 通录音（当前 {calls} 通），并由至少 {r} 名"
            "质检员分评——只由一名质检员评分时，坐席×质检员的偏差无法靠增加通数消除。",
            "Reaching a reliability of {target} takes {n} calls per agent and month (now "
            "{calls}), shared among at least {r} inspectors — with a single inspector the "
            "agent × inspector error does not average out however many calls are scored.",
        ),
        "need_hw_r": (
            "要使月均分精确到 ±{target} 分，每人每月需评 {n} 通录音，并由至少 {r} 名质检员分评。",
            "Knowing a monthly mean to within ±{target} points takes {n} calls per agent and "
            "month, shared among at least {r} inspectors.",
        ),
        "need_none": (
            "信度 {target} 无法达到，因为：{reason}。",
            "A reliability of {target} cannot be reached, because {reason}.",
        ),
        "need_hw": (
            "要使月均分精确到 ±{target} 分，每人每月需评 {n} 通录音。",
            "Knowing a monthly mean to within ±{target} points takes {n} calls per agent and "
            "month.",
        ),
        "need_hw_none": (
            "月均分无法精确到 ±{target} 分，因为：{reason}。",
            "A precision of ±{target} points cannot be reached, because {reason}.",
        ),
        "components": (
            "通话之间的波动占总方差的 {res}，坐席之间的真实差异只占 {agent}，"
            "质检员之间的宽严差异占 {insp}。",
            "Call-to-call variation is {res} of the total variance; real differences between "
            "agents are only {agent}, and differences in inspector leniency {insp}.",
        ),
        "plan": (
            "下月（{month}）共安排 {total} 通：计划抽检 {planned} 通，随机抽检 {random} 通"
            "（{share}），必检 {must} 通；靠近合格线 {pass_mark} 分、新入职或成绩下滑的 {focus} 名"
            "坐席获得多于 {min_calls} 通的计划抽检。",
            "Next month ({month}): {total} calls — {planned} planned, {random} random "
            "({share}), {must} must-check; {focus} agents near the pass mark of {pass_mark}, "
            "new or falling get more than {min_calls} planned calls.",
        ),
        "plan_over": (
            "计划不可行：质检员 {who} 预计的必检录音（共 {needed} 通）超过其每月评分能力"
            "（{available} 通），本月不再为其安排计划或随机抽检。要使计划可行，需把这些质检员的"
            "能力提高到每月 {capacity} 通，或把部分坐席交给其他质检员（全中心按当前能力需要 "
            "{inspectors} 名质检员）。",
            "The plan cannot be met: the expected must-check calls of {who} ({needed} calls) "
            "exceed the monthly capacity ({available} calls), so nothing else is planned there. "
            "It becomes feasible with a capacity of {capacity} calls a month, or by moving "
            "agents to other inspectors ({inspectors} inspectors for the whole centre at the "
            "present capacity).",
        ),
        "plan_short": (
            "计划不可行：质检员 {who} 扣除必检和随机抽检后只剩 {available} 通计划抽检，"
            "不够每名坐席至少 {min_calls} 通（需 {needed} 通）；每月能力提高到 {capacity} 通即可满足。",
            "The plan cannot be met: after must-check and random calls, {available} planned "
            "calls remain for {who}, fewer than {min_calls} per agent ({needed} needed); a "
            "capacity of {capacity} calls a month would meet it.",
        ),
        "plan_target": (
            "目标信度无法在现有能力内实现：每人每月 {n} 通共需 {needed} 通常规录音，扣除必检后"
            "全体质检员只有 {available} 通的能力；需要每名质检员每月评 {capacity} 通，"
            "或按当前能力配备 {inspectors} 名质检员。",
            "The reliability target does not fit the capacity: {n} calls per agent and month "
            "are {needed} routine calls, but after must-check calls the inspectors can score "
            "{available}; it would take {capacity} calls per inspector and month, or "
            "{inspectors} inspectors at the present capacity.",
        ),
        "plan_idle": (
            "质检员 {who} 本月没有分到班组，其 {available} 通评分能力未安排；"
            "请在轮换中为其分配班组。",
            "Without a team this month: {who}; their capacity of {available} calls is not "
            "planned; give them teams in the rotation.",
        ),
        "rotation": (
            "下季度质检员轮换：{n} 名质检员各负责 1–2 个班组（每人不超过 {max_agents} 名坐席），"
            "不重复上季度的搭配，每人坐席数与平均相差不超过 {dev} 人。",
            "Next quarter's rotation: {n} inspectors, each with 1–2 teams (at most "
            "{max_agents} agents), no pairing repeated from last quarter; loads differ from "
            "the average by at most {dev} agents.",
        ),
        "rotation_none": (
            "下季度轮换无可行方案，因为：{reason}。",
            "No rotation is possible next quarter, because {reason}.",
        ),
        "drift": (
            "质检员 {who} 的宽严度相对其前 {base} 个月变化达到或超过 {threshold} 分，"
            "建议安排校准。",
            "Leniency moved by {threshold} points or more against the first {base} months "
            "for: {who}; schedule a calibration session.",
        ),
        "drift_undefined": (
            "无法判断质检员宽严度是否漂移：数据只有 {months} 个月，而每名质检员的基线就要用 {base} "
            "个月；至少需要基线之后再有一个月的数据。",
            "Inspector drift cannot be judged: the data hold {months} month(s) and each "
            "inspector's baseline takes {base}; at least one month after the baseline is needed.",
        ),
        "drift_none": (
            "没有质检员的宽严度变化达到 {threshold} 分。",
            "No inspector's leniency moved by {threshold} points or more.",
        ),
        "next_steps": ("下一步", "Next steps"),
        "step_plan": (
            "把各质检员的抽检表（XLSX）发给对应质检员；月底用本报告复核信度。",
            "Send each inspector their plan (XLSX); re-run this report at month end.",
        ),
        "reason_no_agent_var": (
            "数据中坐席之间没有差异",
            "the data show no variance between agents",
        ),
        "reason_unreachable": (
            "与质检员相关的误差本身已超过目标允许的范围，增加通数无济于事",
            "inspector-related error alone exceeds what the target allows; more calls do not help",
        ),
        "reason_too_many": ("所需通数过多", "too many calls would be needed"),
        "figure_x": ("每人每月评分通数", "Calls scored per agent and month"),
        "figure_y": ("月度质检分信度", "Reliability of the monthly QA score"),
        "figure_hw": ("月均分置信区间半宽（分）", "Half-width of the monthly mean (points)"),
        "figure_now": ("当前 {calls} 通", "now {calls} calls"),
        "figure_target": ("目标 {target}", "target {target}"),
        "drift_y": (
            "宽严度（分，相对当月其他质检员）",
            "Leniency (points vs the other inspectors)",
        ),
        "drift_x": ("月份", "Month"),
        "figure_title": (
            "每人每月评分通数与月度质检分的信度",
            "Calls scored per agent and month and the reliability of the monthly score",
        ),
        "figure_recommended": (
            "建议：{calls} 通，{r} 名质检员",
            "recommended: {calls} calls, {r} inspectors",
        ),
        "figure_inspectors": ("（{r} 名质检员）", "({r} inspectors)"),
        "figure_inspector_one": ("（1 名质检员）", "(1 inspector)"),
        "figure_recommended_one": (
            "建议：{calls} 通，1 名质检员",
            "recommended: {calls} calls, 1 inspector",
        ),
        "drift_title": ("各质检员宽严度的逐月变化", "Each inspector's leniency by month"),
        "sheet_plan": ("抽检计划", "Plan"),
        "last_quarter": ("上季度质检员", "Last quarter's inspector"),
        "component_agent": ("坐席", "Agent"),
        "component_inspector": ("质检员", "Inspector"),
        "component_agent_inspector": ("坐席×质检员", "Agent × inspector"),
        "component_residual": ("通话之间（残差）", "Call to call (residual)"),
        "calibration_absent": (
            "未提供校准录音文件（calibration_path），本节未做。",
            "No calibration file was given (calibration_path); this section was not run.",
        ),
        "component_call": ("录音之间", "Between calls"),
        "component_call_inspector": ("录音×质检员（残差）", "Call × inspector (residual)"),
    }
)


def component_name(key: str, lang: str) -> str:
    return P(f"component_{key}", lang)


def _reason(need: CallsNeeded, lang: str) -> str:
    if "no variance" in need.reason:
        return P("reason_no_agent_var", lang)
    if "not reachable" in need.reason:
        return P("reason_unreachable", lang)
    return P("reason_too_many", lang)


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
        return P("drift_undefined", lang, months=months, base=baseline_months)
    if flagged:
        return P("drift", lang, who=", ".join(flagged), base=baseline_months, threshold=thr)
    return P("drift_none", lang, threshold=thr)


#: words of the claims in the summary (issue 24: a share says what it is a share of)
CLAIM_WORDS = Phrases({"non_must_check": ("通非必检录音", "non-must-check calls")})


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
    if now.reason:
        out.append(P("need_none", lang, target="", reason=P("reason_no_agent_var", lang)))
    else:
        out.append(
            P(
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
        out.append(P("need_r", lang, target=target, n=need.n_calls, calls=calls, r=need_inspectors))
    elif need.n_calls is not None:
        out.append(P("need", lang, target=target, n=need.n_calls, calls=calls))
    else:
        out.append(P("need_none", lang, target=target, reason=_reason(need, lang)))
    hw_target = format_number(need_hw.target, 1)
    if need_hw.n_calls is not None and need_hw_inspectors > 1:
        out.append(P("need_hw_r", lang, target=hw_target, n=need_hw.n_calls, r=need_hw_inspectors))
    elif need_hw.n_calls is not None:
        out.append(P("need_hw", lang, target=hw_target, n=need_hw.n_calls))
    else:
        out.append(P("need_hw_none", lang, target=hw_target, reason=_reason(need_hw, lang)))
    share = g.share
    out.append(
        P(
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
        P(
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
                    of=CLAIM_WORDS["non_must_check"],
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
            P(
                "rotation",
                lang,
                n=len(rotation.load),
                max_agents=max_agents,
                dev=format_number(rotation.max_deviation, 1),
            )
        )
    else:
        out.append(P("rotation_none", lang, reason=rotation.reason))
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
                P(
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
                P(
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
                P(
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
            out.append(P("plan_idle", lang, who=who, available=available))
    return out


def summary_box(findings: list[str], lang: str = "zh") -> str:
    """HTML box with the findings and the next step, for the first screen of the report."""
    import html

    items = "".join(f"<li>{html.escape(f)}</li>" for f in findings)
    return (
        '<div style="border:2px solid #2b6cb0;border-radius:6px;padding:0.6em 1em;'
        'background:#f0f6ff">'
        f"<h2 style='margin-top:0'>{html.escape(P('title', lang))}</h2><ul>{items}</ul>"
        f"<p><b>{html.escape(P('next_steps', lang))}:</b> {html.escape(P('step_plan', lang))}</p>"
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
    fig.suptitle(P("figure_title", lang))
    for k, (r, table) in enumerate(sorted(curves.items())):
        colour = colours[k % len(colours)]
        who = P("figure_inspector_one" if r == 1 else "figure_inspectors", lang, r=r)
        ax.plot(table["n_calls"], table["g_coefficient"], color=colour, lw=2, label=f"Eρ² {who}")
        ax.plot(table["n_calls"], table["phi"], color=colour, lw=1, ls="--", label=f"Φ {who}")
        ax2.plot(table["n_calls"], table["half_width"], color=colour, lw=1.5, label=who)
    last = max(float(t["n_calls"].iloc[-1]) for t in curves.values())
    ax.axhline(target, color="crimson", lw=1)
    ax.text(
        last,
        target,
        P("figure_target", lang, target=f"{target:.2f}"),
        ha="right",
        va="bottom",
        color="crimson",
    )
    if target_half_width is not None:
        ax2.axhline(target_half_width, color="crimson", lw=1)
        ax2.text(
            last,
            target_half_width,
            P("figure_target", lang, target=f"±{target_half_width:g}"),
            ha="right",
            va="bottom",
            color="crimson",
        )
    for axis in (ax, ax2):
        axis.axvline(calls_now, color="grey", lw=1, ls=":")
    ax.text(calls_now, 0.02, P("figure_now", lang, calls=f"{calls_now:.1f}"), color="grey")
    for axis, rec in ((ax, recommended), (ax2, recommended_half_width)):
        if rec is not None and rec[0] is not None:
            axis.axvline(rec[0], color="black", lw=1, ls="-.")
            axis.annotate(
                P(
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
    ax.set_xlabel(P("figure_x", lang))
    ax.set_ylabel(P("figure_y", lang))
    ax2.set_xlabel(P("figure_x", lang))
    ax2.set_ylabel(P("figure_hw", lang))
    ax2.set_ylim(bottom=0)
    ax.legend(loc="lower right", fontsize=7)
    ax2.legend(loc="upper right", fontsize=7)
    fig.tight_layout()
    return fig


def plot_drift(drift: pd.DataFrame, threshold: float, lang: str = "zh"):
    """Leniency by month, one line per inspector; flagged months marked."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 4))
    ax.set_title(P("drift_title", lang))
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
    ax.set_xlabel(P("drift_x", lang))
    ax.set_ylabel(P("drift_y", lang))
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
        sheet = P("sheet_plan", lang)
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
