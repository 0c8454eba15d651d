"""Put the Kirkpatrick analyses together: one call for the notebook, verdicts and plain text.

:func:`analyse` runs every level on an :class:`~cslib.effectiveness.io.EffectivenessData` and
returns an :class:`EffectivenessReport` (tables + per-course summaries).  :func:`verdict` turns an
estimate, its interval and its *adjusted* p-value into wording that does not over-claim:

* ``improved``    — "improved, significant after <method> correction";
* ``worsened``    — "worsened, significant after <method> correction";
* ``no_evidence`` — "no evidence of change" with the interval of changes the data still allow
  (never "no effect proven": absence of evidence is not evidence of absence);
* ``insufficient`` — too few data to test.

Level 3/4 estimates come from an observational before/after design with a comparison group
(:mod:`cslib.stats.panel`); the text says "associated with", not "caused".

Label text lives in :data:`LABELS` (``"zh"`` / ``"en"``); the project-wide ``cslib.core.i18n`` is owned
by another module and not used here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from cslib.effectiveness.behaviour import did_table, team_before_after, treatment_panel
from cslib.effectiveness.io import EffectivenessData, pair_tests
from cslib.effectiveness.levels import learning_table, rate_table
from cslib.stats.items import ItemAnalysis, item_analysis
from cslib.stats.paired import retention
from cslib.stats.panel import EventStudyResult, event_study
from cslib.stats.power import (
    paired_sample_size,
    smallest_detectable_difference,
    two_proportion_sample_size,
)
from cslib.stats.proportions import ProportionComparison, compare_proportions, proportion

#: +1 when a higher value is better, −1 when lower is better.
DIRECTION = {
    "test_score": 1,
    "qa_score": 1,
    "qa_pass_rate": 1,
    "repeat_tickets": -1,
    "aht_s": -1,
    "csat": 1,
    "sales_conversion": 1,
}

#: Default level 4 key result per course series (a course's "primary" KPI).
PRIMARY_KPI_BY_SERIES = {
    "MOT服务技巧": "csat",
    "营销五部曲": "sales_conversion",
    "课堂面授": "qa_pass_rate",
}

LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "test_score": "测验得分",
        "qa_score": "质检得分",
        "qa_pass_rate": "质检合格率(%)",
        "repeat_tickets": "重复工单(件/人/周)",
        "aht_s": "平均处理时长(秒)",
        "csat": "客户满意度(%)",
        "sales_conversion": "营销成功率(%)",
        "micro": "微课",
        "classroom": "传统课堂",
        "front_line": "一线员工",
        "back_office": "后台人员",
        "overall": "总体",
        "satisfaction": "满意率",
        "helpful": "认为有帮助的比例",
        "pre": "前测",
        "post": "后测",
        "delayed": "延迟测",
        "rel_week": "相对培训周(周)",
        "effect": "与未培训坐席相比的变化",
        "course": "课程",
        "reaction": "反应层（满意度）",
        "learning": "学习层（测验）",
        "behaviour": "行为层（质检得分）",
        "results": "结果层（业务指标）",
        "difficulty": "难度(答对率)",
        "discrimination": "区分度(校正题总相关)",
        "score": "得分",
        "week": "周",
        "team": "班组",
        "before": "培训前",
        "after": "培训后",
    },
    "en": {
        "test_score": "Test score",
        "qa_score": "QA score",
        "qa_pass_rate": "QA pass rate (%)",
        "repeat_tickets": "Repeat tickets (per agent-week)",
        "aht_s": "Average handle time (s)",
        "csat": "Customer satisfaction (%)",
        "sales_conversion": "Sales conversion (%)",
        "micro": "Micro-course",
        "classroom": "Classroom",
        "front_line": "Front line",
        "back_office": "Back office",
        "overall": "Overall",
        "satisfaction": "Satisfaction rate",
        "helpful": "Found it helpful",
        "pre": "Pre-test",
        "post": "Post-test",
        "delayed": "Delayed test",
        "rel_week": "Weeks relative to training",
        "effect": "Change vs untrained agents",
        "course": "Course",
        "reaction": "Reaction (satisfaction)",
        "learning": "Learning (tests)",
        "behaviour": "Behaviour (QA score)",
        "results": "Results (KPIs)",
        "difficulty": "Difficulty (share correct)",
        "discrimination": "Discrimination (item–rest r)",
        "score": "Score",
        "week": "Week",
        "team": "Team",
        "before": "Before",
        "after": "After",
    },
}

_METHOD_NAME = {"holm": "Holm", "fdr_bh": "Benjamini–Hochberg", "bonferroni": "Bonferroni"}


def label(key: str, lang: str = "zh") -> str:
    """Display label of ``key`` in ``lang`` (falls back to English, then the key)."""
    return LABELS.get(lang, LABELS["en"]).get(key, LABELS["en"].get(key, key))


def _fmt_p(p: float) -> str:
    return "< 0.001" if p < 0.001 else f"= {p:.3f}"


@dataclass(frozen=True)
class Verdict:
    """Plain-language verdict on one estimate.

    Attributes
    ----------
    code : str
        ``improved``, ``worsened``, ``no_evidence`` or ``insufficient``.
    zh, en : str
        The sentence in Chinese and English.
    """

    code: str
    zh: str
    en: str

    def text(self, lang: str = "zh") -> str:
        return self.zh if lang == "zh" else self.en


def verdict(
    estimate: float,
    ci_low: float,
    ci_high: float,
    p_adj: float,
    *,
    alpha: float = 0.05,
    direction: int = 1,
    correction: str = "holm",
    unit: str = "",
    digits: int = 2,
    p_raw: float | None = None,
) -> Verdict:
    """Word a result by its adjusted p-value and the sign of the estimate.

    Significant (``p_adj < alpha``) in the good ``direction`` → "improved", in the bad one →
    "worsened"; otherwise "no evidence of change", quoting the confidence interval so a reader
    sees how large a change the data cannot exclude.  When the unadjusted ``p_raw`` is below
    ``alpha`` but the adjusted one is not, the text says so (the unadjusted interval may then
    exclude zero).  NaN inputs → "insufficient".
    """
    m = _METHOD_NAME.get(correction, correction)
    conf = f"{100 * (1 - alpha):g}%"
    if any(v is None or (isinstance(v, float) and math.isnan(v)) for v in (estimate, p_adj)):
        return Verdict("insufficient", "数据不足，无法检验", "too few data to test")
    est = f"{estimate:+.{digits}f}{unit}"
    ci = f"{ci_low:.{digits}f} ~ {ci_high:.{digits}f}{unit}"
    ci_en = f"{ci_low:.{digits}f} to {ci_high:.{digits}f}{unit}"
    if p_adj < alpha:
        good = estimate * direction > 0
        code = "improved" if good else "worsened"
        zh = (
            f"{'有改善' if good else '变差'}，经{m}校正后仍显著（估计 {est}，{conf}置信区间 {ci}，"
            f"校正后p {_fmt_p(p_adj)}）"
        )
        en = (
            f"{'improved' if good else 'worsened'}, significant after {m} correction "
            f"(estimate {est}, {conf} CI {ci_en}, adjusted p {_fmt_p(p_adj)})"
        )
        return Verdict(code, zh, en)
    if p_raw is not None and not math.isnan(p_raw) and p_raw < alpha:
        zh = (
            f"经{m}校正后未发现变化的证据（估计 {est}，未校正{conf}置信区间 {ci}，未校正p "
            f"{_fmt_p(p_raw)}，校正后p {_fmt_p(p_adj)}）：只在不校正多重比较时显著，不足以认定有变化"
        )
        en = (
            f"no evidence of change after {m} correction (estimate {est}, unadjusted {conf} CI "
            f"{ci_en}, unadjusted p {_fmt_p(p_raw)}, adjusted p {_fmt_p(p_adj)}): significant only "
            "without correcting for multiple comparisons, not enough to claim a change"
        )
        return Verdict("no_evidence", zh, en)
    zh = (
        f"未发现变化的证据（估计 {est}，{conf}置信区间 {ci}，校正后p {_fmt_p(p_adj)}）；"
        f"这不等于证明“没有效果”，区间内的变化都与数据相容"
    )
    en = (
        f"no evidence of change (estimate {est}, {conf} CI {ci_en}, adjusted p {_fmt_p(p_adj)}); "
        "this does not prove there is no effect — changes within the interval remain compatible "
        "with the data"
    )
    return Verdict("no_evidence", zh, en)


@dataclass(frozen=True)
class CourseSummary:
    """One-page summary of one course across the four Kirkpatrick levels.

    Attributes
    ----------
    course_id, title_zh, title_en, format, series : str
    reaction : dict or None
        ``k, n, rate, ci_low, ci_high`` of the satisfaction rate.
    learning : dict
        Row of :func:`cslib.effectiveness.levels.learning_table`.
    learning_verdict : Verdict
    retention : dict or None
        ``n, mean_post, mean_delayed, share_kept, p`` when delayed tests exist.
    behaviour : dict or None
        DiD row for the QA score; ``behaviour_verdict`` its verdict.
    results : dict or None
        DiD row for the series' primary KPI; ``results_verdict`` its verdict.
    flagged_items : tuple of str
        Test questions flagged by the item analysis.
    overall : str
        ``effective`` (every tested level improved), ``partial`` (some improved, none worse),
        ``mixed`` (some level significantly worse), ``no_evidence`` or ``insufficient``.
    """

    course_id: str
    title_zh: str
    title_en: str
    format: str
    series: str
    reaction: dict | None
    learning: dict
    learning_verdict: Verdict
    retention: dict | None
    behaviour: dict | None
    behaviour_verdict: Verdict | None
    results: dict | None
    results_verdict: Verdict | None
    primary_kpi: str | None
    flagged_items: tuple[str, ...] = ()
    overall: str = "insufficient"
    confidence: float = 0.95

    def overall_text(self, lang: str = "zh") -> str:
        """A one-sentence verdict for the course."""
        zh = {
            "effective": "有证据表明该课程有效：测验成绩和在岗表现/业务指标均有显著改善。",
            "partial": "部分证据：有的层级显著改善，有的层级未发现变化的证据。",
            "no_evidence": "未发现该课程带来变化的证据（学习、行为和结果层均不显著）；"
            "建议复查课程内容与测验，而不是下结论说课程“无效”。",
            "insufficient": "数据不足，暂不能评价。",
            "mixed": "结果不一致：至少一个层级显著变差，需要查明原因（例如培训占用了接线时间）。",
        }
        en = {
            "effective": "Evidence that the course works: test scores and on-the-job measures "
            "improved significantly.",
            "partial": "Partial evidence: some levels improved significantly, others show no "
            "evidence of change.",
            "no_evidence": "No evidence that the course changed anything (learning, behaviour and "
            "results not significant); review the course and its test rather than "
            "declaring it useless.",
            "insufficient": "Too few data to judge yet.",
            "mixed": "Mixed: at least one level got significantly worse; find out why (e.g. training "
            "time taken from the phones).",
        }
        return (zh if lang == "zh" else en)[self.overall]

    def markdown(self, lang: str = "zh") -> str:
        """The one-page summary as Markdown."""
        title = self.title_zh if lang == "zh" else self.title_en
        fmt = label(self.format, lang)
        lines = [
            f"### {self.course_id} {title}（{fmt}）"
            if lang == "zh"
            else f"### {self.course_id} {title} ({fmt})",
            "",
        ]
        if self.reaction:
            r = self.reaction
            conf = f"{100 * self.confidence:g}%"
            rate = (
                (
                    f"{100 * r['rate']:.1f}%（{r['k']}/{r['n']}，{conf}CI {100 * r['ci_low']:.1f}–"
                    f"{100 * r['ci_high']:.1f}%）"
                )
                if lang == "zh"
                else (
                    f"{100 * r['rate']:.1f}% ({r['k']}/{r['n']}, {conf} CI {100 * r['ci_low']:.1f}–"
                    f"{100 * r['ci_high']:.1f}%)"
                )
            )
            lines.append(
                f"- **{label('reaction', lang)}**：{rate}"
                if lang == "zh"
                else f"- **{label('reaction', lang)}**: {rate}"
            )
        L = self.learning
        sep = "：" if lang == "zh" else ": "
        if L.get("n", 0) >= 3:
            if lang == "zh":
                extra = (
                    f"n = {L['n']}，前测 {L['mean_before']:.1f} → 后测 {L['mean_after']:.1f}，"
                    f"d_z = {L['d_z']:.2f}，Hedges g_av = {L['g_av']:.2f}，"
                    f"Hake 归一化增益 {L['hake_gain']:.2f}"
                )
            else:
                extra = (
                    f"n = {L['n']}, pre {L['mean_before']:.1f} → post {L['mean_after']:.1f}, "
                    f"d_z = {L['d_z']:.2f}, Hedges' g_av = {L['g_av']:.2f}, "
                    f"Hake gain {L['hake_gain']:.2f}"
                )
            lines.append(
                f"- **{label('learning', lang)}**{sep}{extra}；{self.learning_verdict.text(lang)}"
                if lang == "zh"
                else f"- **{label('learning', lang)}**{sep}{extra}; {self.learning_verdict.text(lang)}"
            )
        else:
            lines.append(f"- **{label('learning', lang)}**{sep}{self.learning_verdict.text(lang)}")
        if self.retention:
            R = self.retention
            lines.append(
                f"- 延迟测（约6周后，n = {R['n']}）：保持了 {100 * R['share_kept']:.0f}% 的学习增益"
                if lang == "zh"
                else f"- Delayed test (about 6 weeks later, n = {R['n']}): {100 * R['share_kept']:.0f}% "
                "of the learning gain retained"
            )
        if self.flagged_items:
            lines.append(
                f"- 需复查的测验题：{', '.join(self.flagged_items)}"
                if lang == "zh"
                else f"- Test questions to review: {', '.join(self.flagged_items)}"
            )
        if self.behaviour_verdict is not None:
            lines.append(
                f"- **{label('behaviour', lang)}**{sep}{self.behaviour_verdict.text(lang)}"
            )
        if self.results_verdict is not None and self.primary_kpi:
            name = label(self.primary_kpi, lang)
            lines.append(
                f"- **{label('results', lang)}**（{name}）{sep}{self.results_verdict.text(lang)}"
                if lang == "zh"
                else f"- **{label('results', lang)}** ({name}){sep}{self.results_verdict.text(lang)}"
            )
        lines += ["", f"**{'结论' if lang == 'zh' else 'Verdict'}**{sep}{self.overall_text(lang)}"]
        return "\n".join(lines)


@dataclass(frozen=True)
class EffectivenessReport:
    """Every table of a run (see :func:`analyse`)."""

    alpha: float
    correction: str
    satisfaction_by_course: pd.DataFrame
    satisfaction_by_series: pd.DataFrame
    satisfaction_by_format: pd.DataFrame
    micro_vs_classroom: ProportionComparison | None
    helpful_by_group: pd.DataFrame
    learning: pd.DataFrame
    retention: pd.DataFrame
    items: dict[str, ItemAnalysis]
    did: pd.DataFrame
    event: EventStudyResult | None
    team_table: pd.DataFrame
    planning: pd.DataFrame
    l1_sample_size: dict
    summaries: tuple[CourseSummary, ...]
    excluded: pd.DataFrame
    panel_info: dict = field(default_factory=dict)
    likert_by_course: pd.DataFrame = field(default_factory=pd.DataFrame)


def analyse(
    data: EffectivenessData,
    *,
    alpha: float = 0.05,
    correction: str = "holm",
    power: float = 0.8,
    target_gain: float = 5.0,
    outcomes: tuple[str, ...] = (
        "qa_score",
        "qa_pass_rate",
        "repeat_tickets",
        "aht_s",
        "csat",
        "sales_conversion",
    ),
    primary_kpi_by_series: dict[str, str] | None = None,
    event_course: str | None = None,
    event_outcome: str = "qa_score",
    event_window: tuple[int, int] = (-8, 8),
    team_weeks: int = 8,
    cluster: str | None = None,
) -> EffectivenessReport:
    """Run levels 1–4 and the planning calculations.

    Parameters
    ----------
    alpha : float
        Significance level (two-sided).
    correction : str
        statsmodels ``multipletests`` method for the per-course families (``"holm"``, ``"fdr_bh"``).
    power : float
        Target power for the sample-size plans.
    target_gain : float
        Smallest test-score gain (points) worth detecting next cycle.
    primary_kpi_by_series : dict, optional
        Series (or a single course id, which takes precedence) → the level 4 KPI that course is
        meant to move (default :data:`PRIMARY_KPI_BY_SERIES`).
    event_course : str, optional
        Course for the event-study figure (default: the first micro-course).
    cluster : str, optional
        Cluster variable of the DiD standard errors (default the agent; ``"team"`` as a
        sensitivity check, see :func:`cslib.effectiveness.behaviour.did_table`).
    """
    cat = data.catalogue
    primary = dict(
        PRIMARY_KPI_BY_SERIES if primary_kpi_by_series is None else primary_kpi_by_series
    )
    courses = cat.ids
    react = data.reaction
    # ---------------------------------------------------------------- level 1
    by_course = rate_table(react, "course_id", alpha=alpha)
    by_course = by_course.set_index("course_id").reindex(
        [c for c in courses if c in set(by_course["course_id"])]
    )
    by_course = by_course.reset_index()
    by_series = rate_table(react, ["format", "series"], alpha=alpha)
    by_format = rate_table(react, "format", alpha=alpha).set_index("format")
    comparison = None
    l1_sample: dict = {}
    if {"micro", "classroom"} <= set(by_format.index):
        km, nm = int(by_format.loc["micro", "k"]), int(by_format.loc["micro", "n"])
        kc, nc = int(by_format.loc["classroom", "k"]), int(by_format.loc["classroom", "n"])
        comparison = compare_proportions(km, nm, kc, nc, alpha=alpha, power=power)
        if comparison.difference != 0:
            l1_n = two_proportion_sample_size(
                comparison.first.rate, comparison.second.rate, power=power, alpha=alpha
            )
            l1_sample = {
                "n_per_group": l1_n.n,
                "cohens_h": l1_n.effect_size,
                "achieved_power": comparison.power,
                "n_micro": nm,
                "n_classroom": nc,
                "power": power,
            }
    by_format = by_format.reset_index()
    micro = react[react["format"] == "micro"]
    helpful = rate_table(micro, "staff_group", "helpful", alpha=alpha)
    answered = micro["helpful"].dropna().astype(bool)
    if len(answered):
        overall = proportion(int(answered.sum()), len(answered), alpha=alpha)
        helpful = pd.concat(
            [
                helpful,
                pd.DataFrame(
                    [
                        {
                            "staff_group": "overall",
                            "k": overall.k,
                            "n": overall.n,
                            "rate": overall.rate,
                            "ci_low": overall.ci_low,
                            "ci_high": overall.ci_high,
                            "n_missing": int(micro["helpful"].isna().sum()),
                        }
                    ]
                ),
            ],
            ignore_index=True,
        )
    # ---------------------------------------------------------------- level 2
    paired, excl_pairs = pair_tests(data.tests, "pre", "post")
    learn = learning_table(paired, courses, alpha=alpha, correction=correction)
    rows = []
    pre = data.tests.scores[data.tests.scores["test"] == "pre"].set_index(["agent_id", "course_id"])
    delayed_pairs, _ = pair_tests(data.tests, "post", "delayed")
    for c in courses:
        g = delayed_pairs[delayed_pairs["course_id"] == c]
        keys = list(zip(g["agent_id"], g["course_id"], strict=True))
        keys = [k for k in keys if k in pre.index]
        if len(keys) < 3:
            continue
        g = g.set_index(["agent_id", "course_id"]).loc[keys]
        res, kept = retention(pre.loc[keys, "score"], g["post"], g["delayed"], alpha=alpha)
        rows.append(
            {
                "course_id": c,
                "n": res.n,
                "mean_pre": float(pre.loc[keys, "score"].mean()),
                "mean_post": res.mean_before,
                "mean_delayed": res.mean_after,
                "change": res.mean_change,
                "ci_low": res.change_ci[0],
                "ci_high": res.change_ci[1],
                "p": res.p_t,
                "share_kept": kept,
            }
        )
    reten = pd.DataFrame(rows)
    items: dict[str, ItemAnalysis] = {}
    if data.items is not None:
        post_items = data.items[data.items["test"] == "post"]
        for c in courses:
            g = post_items[post_items["course_id"] == c]
            if len(g) >= 5:
                cols = [q for q in g.columns if q not in ("agent_id", "course_id", "test")]
                items[c] = item_analysis(g[cols])
    # ------------------------------------------------------------- levels 3/4
    did = pd.DataFrame()
    event = None
    team = pd.DataFrame()
    info: dict = {}
    weekly = None
    if data.qa is not None and data.kpi is not None:
        weekly = data.qa.merge(
            data.kpi.drop(columns=["team"]), on=["agent_id", "week"], how="outer"
        )
        weekly["team"] = weekly["team"].fillna(
            weekly["agent_id"].map(dict(zip(data.kpi["agent_id"], data.kpi["team"], strict=False)))
        )
    elif data.qa is not None or data.kpi is not None:
        weekly = data.qa if data.qa is not None else data.kpi
    if weekly is not None:
        present = [o for o in outcomes if o in weekly]
        panel = treatment_panel(weekly, data.sessions, courses)
        did, _fits = did_table(
            panel, present, courses, alpha=alpha, correction=correction, cluster=cluster
        )
        ev_course = event_course or cat.courses("micro")[0]
        if event_outcome in panel:
            event = event_study(panel, event_outcome, ev_course, window=event_window, alpha=alpha)
        team_measures = [
            m for m in ("qa_score", "qa_pass_rate", "repeat_tickets", "aht_s", "csat") if m in panel
        ]
        team = team_before_after(panel, ev_course, team_measures, weeks=team_weeks)
        info = {
            "n_agent_weeks": len(panel),
            "n_agents": int(panel["agent_id"].nunique()),
            "n_weeks": int(panel["week"].nunique()),
            "event_course": ev_course,
            "outcomes": present,
        }
    # -------------------------------------------------------------- planning
    plan_rows = []
    for _, r in learn.iterrows():
        if r.get("n", 0) >= 3 and r.get("sd_change", 0) > 0:
            need = paired_sample_size(target_gain, float(r["sd_change"]), power=power, alpha=alpha)
            mdd = smallest_detectable_difference(
                int(r["n"]), float(r["sd_change"]), power=power, alpha=alpha
            )
            plan_rows.append(
                {
                    "course_id": r["course_id"],
                    "sd_change": r["sd_change"],
                    "n_now": int(r["n"]),
                    "detectable_now": mdd,
                    "target_gain": target_gain,
                    "n_needed": need.n,
                }
            )
    planning = pd.DataFrame(plan_rows)
    # -------------------------------------------------------------- summaries
    summaries = []
    for c in courses:
        lr = learn.set_index("course_id").loc[c].to_dict()
        lr["course_id"] = c
        lr["n"] = int(lr["n"])
        lv = verdict(
            lr.get("mean_change", math.nan),
            lr.get("change_ci_low", math.nan),
            lr.get("change_ci_high", math.nan),
            lr.get("p_adj", math.nan),
            alpha=alpha,
            correction=correction,
            unit="",
            digits=1,
            p_raw=lr.get("p_t"),
        )
        rc = by_course.set_index("course_id")
        reaction = None
        if c in rc.index:
            reaction = rc.loc[c, ["rate", "ci_low", "ci_high"]].to_dict()
            reaction.update(k=int(rc.loc[c, "k"]), n=int(rc.loc[c, "n"]))
        rt = (
            reten.set_index("course_id").loc[c].to_dict()
            if len(reten) and c in set(reten["course_id"])
            else None
        )
        if rt is not None:
            rt["n"] = int(rt["n"])
        beh = bv = res_row = rv = None
        kpi = primary.get(c, primary.get(cat.series_of(c)))
        if len(did):
            d = did.set_index(["outcome", "course_id"])
            if ("qa_score", c) in d.index:
                beh = d.loc[("qa_score", c)].to_dict()
                bv = verdict(
                    beh["estimate"],
                    beh["ci_low"],
                    beh["ci_high"],
                    beh["p_adj"],
                    alpha=alpha,
                    correction=correction,
                    direction=DIRECTION["qa_score"],
                    p_raw=beh["p_value"],
                )
            if kpi is not None and (kpi, c) in d.index:
                res_row = d.loc[(kpi, c)].to_dict()
                rv = verdict(
                    res_row["estimate"],
                    res_row["ci_low"],
                    res_row["ci_high"],
                    res_row["p_adj"],
                    alpha=alpha,
                    correction=correction,
                    direction=DIRECTION.get(kpi, 1),
                    p_raw=res_row["p_value"],
                )
        flagged = tuple(items[c].flagged["item"]) if c in items else ()
        codes = [v.code for v in (lv, bv, rv) if v is not None]
        tested = [x for x in codes if x != "insufficient"]
        if not tested:
            verdict_code = "insufficient"
        elif any(x == "worsened" for x in tested):
            verdict_code = "mixed"
        elif all(x == "improved" for x in tested):
            verdict_code = "effective"
        elif any(x == "improved" for x in tested):
            verdict_code = "partial"
        else:
            verdict_code = "no_evidence"
        summaries.append(
            CourseSummary(
                c,
                cat.title(c, "zh"),
                cat.title(c, "en"),
                cat.format_of(c),
                cat.series_of(c),
                reaction,
                lr,
                lv,
                rt,
                beh,
                bv,
                res_row,
                rv,
                kpi,
                flagged,
                verdict_code,
                1 - alpha,
            )
        )
    excluded = pd.concat([data.excluded, excl_pairs], ignore_index=True)
    likert_cols = [q for q in react.columns if q.startswith("q_")]
    likert = (
        react.groupby("course_id", sort=False)[likert_cols]
        .mean()
        .reindex([c for c in courses if c in set(react["course_id"])])
        .reset_index()
        if likert_cols
        else pd.DataFrame()
    )
    return EffectivenessReport(
        alpha,
        correction,
        by_course,
        by_series,
        by_format,
        comparison,
        helpful,
        learn,
        reten,
        items,
        did,
        event,
        team,
        planning,
        l1_sample,
        tuple(summaries),
        excluded,
        info,
        likert,
    )


def l1_text(report: EffectivenessReport, lang: str = "zh") -> str:
    """Micro-course vs classroom satisfaction in words, with significance and the n needed."""
    c = report.micro_vs_classroom
    m = report.l1_sample_size
    if c is None:
        return (
            "没有同时包含微课和传统课堂的问卷，无法比较两种形式。"
            if lang == "zh"
            else "The survey does not cover both micro-courses and classroom courses; no comparison."
        )
    sig = c.p_value < report.alpha
    diff = 100 * c.difference
    lo, hi = 100 * c.ci_low, 100 * c.ci_high
    conf = f"{100 * (1 - report.alpha):g}%"
    if lang == "zh":
        s = (
            f"微课满意率 {100 * c.first.rate:.1f}%（{c.first.k}/{c.first.n}），传统课堂 "
            f"{100 * c.second.rate:.1f}%（{c.second.k}/{c.second.n}），相差 {diff:+.1f} 个百分点"
            f"（Newcombe {conf}置信区间 {lo:.1f} ~ {hi:.1f}），两比例z检验 p {_fmt_p(c.p_value)}。"
        )
        s += (
            "在本样本量下差异**显著**。"
            if sig
            else "在本样本量下差异**不显著**，不能说微课满意度更高。"
        )
        if m:
            s += (
                f"要以 {100 * (1 - report.alpha):.0f}% 置信、{100 * m['power']:.0f}% 把握检测出这样大小的差异，"
                f"每组约需 {m['n_per_group']} 份问卷（当前检验把握度 {100 * m['achieved_power']:.0f}%）。"
            )
        return s
    s = (
        f"Micro-course satisfaction {100 * c.first.rate:.1f}% ({c.first.k}/{c.first.n}) vs "
        f"classroom {100 * c.second.rate:.1f}% ({c.second.k}/{c.second.n}): difference "
        f"{diff:+.1f} points (Newcombe {conf} CI {lo:.1f} to {hi:.1f}), two-proportion z test "
        f"p {_fmt_p(c.p_value)}. "
    )
    s += (
        "The difference is **significant** at these sample sizes. "
        if sig
        else "The difference is **not significant** at these sample sizes. "
    )
    if m:
        s += (
            f"Detecting a difference this size with {100 * m['power']:.0f}% power needs about {m['n_per_group']} "
            f"responses per group (achieved power now {100 * m['achieved_power']:.0f}%)."
        )
    return s


def conclusion_text(report: EffectivenessReport, lang: str = "zh") -> str:
    """Plain-language conclusion for trainers, generated from the numbers."""
    groups: dict[str, list[CourseSummary]] = {}
    for s in report.summaries:
        groups.setdefault(s.overall, []).append(s)

    def names(code):
        return (
            "、".join(f"《{s.title_zh}》" for s in groups.get(code, []))
            if lang == "zh"
            else ", ".join(f"“{s.title_en}”" for s in groups.get(code, []))
        )

    h = (
        report.helpful_by_group.set_index("staff_group")["rate"]
        if len(report.helpful_by_group)
        else pd.Series(dtype=float)
    )
    c = report.micro_vs_classroom

    def pct(key, digits=1):
        return f"{100 * h[key]:.{digits}f}%" if key in h.index else "—"

    out = []
    if lang == "zh":
        first = "**学员反应**："
        if c is not None:
            first += (
                f"微课满意率 {100 * c.first.rate:.1f}%，传统课堂 {100 * c.second.rate:.1f}%；"
                f"{'差异显著' if c.p_value < report.alpha else '差异不显著'}（p {_fmt_p(c.p_value)}）。"
            )
        first += (
            f"认为微课有帮助的比例：一线 {pct('front_line')}，后台 {pct('back_office', 0)}，"
            f"总体 {pct('overall')}。"
        )
        out.append(first)
        if groups.get("effective"):
            out.append(
                f"**有证据有效的课程**：{names('effective')}——测验成绩提高，且在岗质检得分/业务指标"
                "与同期未培训坐席相比有显著改善。"
            )
        if groups.get("partial"):
            out.append(
                f"**部分有证据的课程**：{names('partial')}——至少一个层级显著改善，其余层级未发现变化的证据。"
            )
        if groups.get("mixed"):
            out.append(
                f"**结果不一致的课程**：{names('mixed')}——至少一个层级显著变差，需要查明原因。"
            )
        if groups.get("no_evidence"):
            out.append(
                f"**未发现效果证据的课程**：{names('no_evidence')}——测验和在岗指标均未见显著变化。"
                "这不能证明课程“没用”，但提示应复查课程内容、练习设计和测验题。"
            )
        if groups.get("insufficient"):
            out.append(f"**数据不足的课程**：{names('insufficient')}。")
        out.append(
            "**读法提示**：行为层和结果层的估计来自“培训前后 × 已培训/未培训”对比（双重差分），"
            "是与培训相关的变化，而非严格的因果证明；所有显著性都已做多重比较校正。"
        )
    else:
        first = "**Reaction**: "
        if c is not None:
            first += (
                f"micro-course satisfaction {100 * c.first.rate:.1f}% vs classroom "
                f"{100 * c.second.rate:.1f}%; the difference is "
                f"{'significant' if c.p_value < report.alpha else 'not significant'} "
                f"(p {_fmt_p(c.p_value)}). "
            )
        first += (
            f"Found micro-courses helpful: front line {pct('front_line')}, back office "
            f"{pct('back_office', 0)}, overall {pct('overall')}."
        )
        out.append(first)
        if groups.get("effective"):
            out.append(
                f"**Courses with evidence of effect**: {names('effective')} — test scores rose "
                "and on-the-job QA/KPIs improved relative to agents not yet trained."
            )
        if groups.get("partial"):
            out.append(
                f"**Partial evidence**: {names('partial')} — at least one level improved "
                "significantly, others show no evidence of change."
            )
        if groups.get("mixed"):
            out.append(
                f"**Mixed results**: {names('mixed')} — at least one level got significantly "
                "worse; find out why."
            )
        if groups.get("no_evidence"):
            out.append(
                f"**No evidence of change**: {names('no_evidence')} — neither tests nor "
                "on-the-job measures changed significantly. This does not prove the course is "
                "useless; review its content, practice and test."
            )
        if groups.get("insufficient"):
            out.append(f"**Too few data**: {names('insufficient')}.")
        out.append(
            "**How to read this**: level 3/4 estimates compare before/after training against "
            "untrained agents (difference-in-differences): changes associated with training, "
            "not proof of causation; all significance statements are corrected for multiple "
            "comparisons."
        )
    return "\n".join(f"{i}. {line}" for i, line in enumerate(out, start=1))


def key_numbers(report: EffectivenessReport) -> dict[str, object]:
    """Flat dict of the numbers a notebook records for regression tests."""
    c = report.micro_vs_classroom
    h = (
        report.helpful_by_group.set_index("staff_group")["rate"]
        if len(report.helpful_by_group)
        else pd.Series(dtype=float)
    )
    out: dict[str, object] = {f"l1_helpful_{g}": h[g] for g in h.index}
    if c is not None:
        out.update(
            {
                "l1_satisfaction_micro": c.first.rate,
                "l1_satisfaction_classroom": c.second.rate,
                "l1_difference": c.difference,
                "l1_difference_ci": [c.ci_low, c.ci_high],
                "l1_z": c.z,
                "l1_p": c.p_value,
                "l1_n_per_group_needed": report.l1_sample_size.get("n_per_group"),
            }
        )
    for s in report.summaries:
        L = s.learning
        out[f"l2_{s.course_id}"] = {
            k: L.get(k)
            for k in ("n", "mean_change", "p_t", "p_adj", "p_wilcoxon", "d_z", "g_av", "hake_gain")
        }
        out[f"verdict_{s.course_id}"] = {
            "learning": s.learning_verdict.code,
            "behaviour": s.behaviour_verdict.code if s.behaviour_verdict else None,
            "results": s.results_verdict.code if s.results_verdict else None,
            "overall": s.overall,
        }
    for c_id, ia in report.items.items():
        out[f"kr20_{c_id}"] = ia.kr20
    if len(report.did):
        for o, g in report.did.groupby("outcome", sort=False):
            out[f"did_{o}"] = {r.course_id: [r.estimate, r.se, r.p_adj] for r in g.itertuples()}
    if report.event is not None:
        out["event_pretrend_p"] = report.event.pretrend_p
    return {k: (None if isinstance(v, float) and np.isnan(v) else v) for k, v in out.items()}
