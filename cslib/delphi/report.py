"""The summary box of a Delphi report: plain-language findings with their numbers, then next steps.

Every sentence comes from the phrase table :data:`cslib.delphi.phrases.PHRASES`; every number
and every threshold in it is an argument (the screening, stability and consensus rules, the
authority threshold, ``alpha``, the panel size below which intervals are approximate).
Nothing is hard-coded, so the text changes when a parameter changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from cslib.core.findings import Finding
from cslib.core.framework import Framework
from cslib.core.i18n import (
    check_lang,
    choose,
    clause_separator,
    format_number,
    format_p,
    list_separator,
    merge_languages,
    per_language,
    sentence_separator,
)
from cslib.delphi.phrases import PHRASES as P
from cslib.delphi.statistics import Authority, RoundComparison, ScreeningRule
from cslib.delphi.weights import WeightResult, method_label

__all__ = ["DelphiSummary", "delphi_summary"]


@dataclass(frozen=True)
class DelphiSummary:
    """Findings (with their numbers) and next steps, in one report language.

    Attributes
    ----------
    lang : str
        ``"zh"``, ``"en"`` or ``"zh+en"`` (each sentence in Chinese, then in English).
    findings : tuple of str
        3–6 sentences: panel, agreement, screening, stability and whether another round is
        advised, weights, and the published-table check when one was made.
    next_steps : tuple of str
        What to do next, in order.
    """

    lang: str
    findings: tuple[str, ...]
    next_steps: tuple[str, ...]

    def markdown(self, heading_level: int = 0) -> str:
        """Findings as a bullet list, then a bold "next steps" line and a numbered list.

        ``heading_level > 0`` puts a ``#``-heading ("摘要" / "Summary") on top.
        """
        lines = []
        if heading_level:
            lines += ["#" * heading_level + " " + P("summary_heading", self.lang), ""]
        lines += [f"- {f}" for f in self.findings]
        if self.next_steps:
            lines += ["", f"**{P('next_steps_heading', self.lang)}**", ""]
            lines += [f"{k}. {s}" for k, s in enumerate(self.next_steps, 1)]
        return "\n".join(lines)


def delphi_summary(
    framework: Framework,
    positive: pd.DataFrame,
    authority: Authority | None,
    concordance: pd.DataFrame,
    stats_table: pd.DataFrame,
    rule: ScreeningRule,
    weights: WeightResult,
    comparison: RoundComparison | None = None,
    lang: str = "zh",
    *,
    alpha: float = 0.05,
    seed: int | None = None,
    small_panel: int = 8,
    scale_max: int = 5,
    published: Sequence[Finding] | None = None,
    published_file: str = "",
    feedback_file: str = "",
    next_round: int | None = None,
    top: int = 5,
) -> DelphiSummary:
    """The summary box of a Delphi report, built from the results.

    Parameters
    ----------
    framework : Framework
        Indicator names.
    positive : DataFrame
        :func:`~cslib.delphi.statistics.positive_coefficient` (``round, sent, returned, rate``).
    authority : Authority or None
        Expert authority; its ``threshold`` is the standard the sentence names.
    concordance : DataFrame
        :func:`~cslib.delphi.statistics.concordance` of the analysed round.
    stats_table : DataFrame
        :func:`~cslib.delphi.statistics.indicator_statistics` of the analysed round.
    rule : ScreeningRule
        The screening rule (its thresholds appear in the sentence).
    weights : WeightResult
        Weights of the analysed round.
    comparison : RoundComparison or None
        The last two rounds compared; ``None`` with a single round.
    lang : {"zh", "en", "zh+en"}
        Report language.
    alpha : float
        Significance level of Kendall's W.
    seed : int or None
        Seed of the Monte-Carlo p-values of W (named in the text).
    small_panel : int
        Below this number of experts the weight intervals are called approximate.
    scale_max : int
        Top of the rating scale (for the consensus rule).
    published : sequence of Finding or None
        Findings of :func:`~cslib.delphi.table_check.check_weight_table`; ``None`` when no
        published table was checked.
    published_file, feedback_file : str
        File *names* (not paths) of the checked table and of the feedback workbook.
    next_round : int or None
        Number of the next round (default: the later compared round + 1).
    top : int
        How many of the highest weights to name.

    Examples
    --------
    >>> from cslib.core.framework import load_framework
    >>> from cslib.core.paths import resolve
    >>> from cslib.delphi import statistics as st
    >>> from cslib.delphi.io import read_ratings
    >>> from cslib.delphi.weights import derive_weights
    >>> fw = load_framework(resolve("data_samples/framework_complaint_handling.yaml"))
    >>> r = read_ratings(resolve("data_samples/delphi_ratings.csv"), fw)
    >>> rule = st.ScreeningRule(min_mean=3.5, max_cv=0.25)
    >>> box = delphi_summary(fw, st.positive_coefficient(r), None, st.concordance(r, 2, seed=1),
    ...                      st.indicator_statistics(r, 2, rule), rule,
    ...                      derive_weights(r, 2), st.compare_rounds(r, 1, 2), "en", seed=1)
    >>> print(box.findings[2])
    Screening (mean ≥ 3.5 and CV ≤ 0.25, round 2): all 14 indicators pass.
    >>> print(box.next_steps[0])  # doctest: +ELLIPSIS
    Send the feedback workbook with the round 3 questionnaire; ...
    """
    lang = check_lang(lang)
    parts = per_language(
        lang,
        lambda side: _build(
            side,
            framework,
            positive,
            authority,
            concordance,
            stats_table,
            rule,
            weights,
            comparison,
            alpha=alpha,
            seed=seed,
            small_panel=small_panel,
            scale_max=scale_max,
            published=published,
            published_file=published_file,
            feedback_file=feedback_file,
            next_round=next_round,
            top=top,
        ),
    )
    findings = tuple(merge_languages([f for f, _ in parts]))
    steps = tuple(merge_languages([n for _, n in parts]))
    return DelphiSummary(lang=lang, findings=findings, next_steps=steps)


def _names(ids: Sequence[str], lang: str, limit: int = 6, total: int | None = None) -> str:
    """Ids joined in ``lang``; "all n indicators" when they are all; the first ``limit`` and a
    count when there are many."""
    if total is not None and len(ids) == total and total > 1:
        return P("all_n", lang, n=total)
    sep = list_separator(lang)
    if len(ids) <= limit:
        return sep.join(ids)
    return P("list_more", lang, shown=sep.join(ids[:limit]), n=len(ids), rest=len(ids) - limit)


def _build(
    side: str,
    framework: Framework,
    positive: pd.DataFrame,
    authority: Authority | None,
    concordance: pd.DataFrame,
    stats_table: pd.DataFrame,
    rule: ScreeningRule,
    weights: WeightResult,
    comparison: RoundComparison | None,
    *,
    alpha: float,
    seed: int | None,
    small_panel: int,
    scale_max: int,
    published: Sequence[Finding] | None,
    published_file: str,
    feedback_file: str,
    next_round: int | None,
    top: int,
) -> tuple[list[str], list[str]]:
    """Findings and next steps in one language (``"zh"`` or ``"en"``), section by section."""
    agreement, not_significant = _agreement_finding(side, concordance, weights, alpha, seed)
    flagged = stats_table[stats_table["verdict"] != "keep"]
    findings = [
        _panel_finding(side, positive, authority),
        agreement,
        _screening_finding(side, framework, stats_table, flagged, rule, weights),
    ]
    rounds, another_round, upcoming = _rounds_finding(
        side, comparison, rule, weights, scale_max, next_round
    )
    findings += [rounds, _weights_finding(side, weights, small_panel, top)]
    n_problem = 0
    if published is not None:
        n_problem = sum(f.severity == "problem" for f in published)
        findings.append(_published_finding(side, published, published_file, n_problem))
    steps = _next_steps(
        side,
        another_round=another_round,
        n_flagged=len(flagged),
        not_significant=not_significant,
        alpha=alpha,
        feedback_file=feedback_file,
        upcoming=upcoming,
        analysed_round=weights.round,
        authority=authority,
        n_problem=n_problem,
    )
    return findings, steps


def _panel_finding(side: str, positive: pd.DataFrame, authority: Authority | None) -> str:
    """1. The panel: rounds, response rates, and the experts' authority."""
    rates = list_separator(side).join(format_number(r, 0, percent=True) for r in positive["rate"])
    n_last = int(positive["returned"].iloc[-1])
    key = "s_panel_one" if len(positive) == 1 else "s_panel"
    text = P(key, side, n_rounds=len(positive), rates=rates, n_last=n_last)
    if authority is not None:
        text += P(
            "s_authority",
            side,
            cr=f"{authority.mean_cr:.2f}",
            ca=f"{authority.mean_ca:.2f}",
            cs=f"{authority.mean_cs:.2f}",
            verdict=P("auth_meets" if authority.acceptable else "auth_fails", side),
            threshold=f"{authority.threshold:g}",
            share=format_number(authority.share_acceptable, 0, percent=True),
        )
    return text


def _agreement_finding(
    side: str,
    concordance: pd.DataFrame,
    weights: WeightResult,
    alpha: float,
    seed: int | None,
) -> tuple[str, list[str]]:
    """2. Agreement: Kendall's W per level; also the levels whose W is not significant."""
    levels = concordance[concordance["scope"] == "level"]
    clauses = []
    not_significant = []
    for r in levels.itertuples():
        if not np.isfinite(r.w):
            clauses.append(P("w_level_undefined", side, level=r.level))
            continue
        significant = r.pvalue < alpha
        if not significant:
            not_significant.append(str(r.level))
        p_text = format_p(r.pvalue, style="sentence")
        clauses.append(
            P(
                "w_sentence",
                side,
                level=r.level,
                w=f"{r.w:.3f}",
                method=_p_method(r.p_method, int(r.n_perm), seed, side),
                p=p_text.replace("p", P("p_letter", side), 1),
                verdict=P("w_sig" if significant else "w_nonsig", side, alpha=f"{alpha:g}"),
            )
        )
    parts = clause_separator(side).join(clauses)
    return P("s_agreement", side, round=weights.round, parts=parts), not_significant


def _screening_finding(
    side: str,
    framework: Framework,
    stats_table: pd.DataFrame,
    flagged: pd.DataFrame,
    rule: ScreeningRule,
    weights: WeightResult,
) -> str:
    """3. Screening: all indicators pass, or which are flagged and why."""
    rule_text = rule.describe(side)
    if flagged.empty:
        return P("s_screen_pass", side, rule=rule_text, round=weights.round, n=len(stats_table))
    items = [
        P(
            "s_flagged_item",
            side,
            name=framework.name(r.indicator_id, side),
            mean=f"{r.mean:.2f}",
            cv=f"{r.cv:.2f}",
        )
        for r in flagged.itertuples()
    ]
    return P(
        "s_screen_flagged",
        side,
        rule=rule_text,
        round=weights.round,
        n=len(stats_table),
        k=len(flagged),
        items=_names(items, side),
    )


def _rounds_finding(
    side: str,
    comparison: RoundComparison | None,
    rule: ScreeningRule,
    weights: WeightResult,
    scale_max: int,
    next_round: int | None,
) -> tuple[str, bool, int]:
    """4. Stability, consensus and the stopping rule: the sentence, whether another round is
    advised, and the number of the next round."""
    if comparison is None:
        upcoming = (weights.round or 1) + 1 if next_round is None else next_round
        return P("s_one_round", side), True, upcoming
    c = comparison
    upcoming = c.second + 1 if next_round is None else next_round
    stability = c.stability_rule.describe(side)
    consensus = c.consensus_rule.describe(side, scale_max)
    if not c.third_round_advised:
        text = P(
            "s_stop",
            side,
            first=c.first,
            second=c.second,
            stability=stability,
            consensus=consensus,
        )
        return text, False, upcoming
    # why another round: each rule with the indicators that fail it, in this order
    n_rated = len(c.indicators)
    reasons = [
        P(key, side, ids=_names(ids, side, total=n_rated), rule=rule_text)
        for key, ids, rule_text in (
            ("reason_unstable", c.unstable, stability),
            ("reason_no_consensus", c.no_consensus, consensus),
            ("reason_failing", c.failing, rule.describe(side)),
        )
        if ids
    ]
    text = P(
        "s_more", side, first=c.first, second=c.second, reasons=clause_separator(side).join(reasons)
    )
    return text, True, upcoming


def _weights_finding(side: str, weights: WeightResult, small_panel: int, top: int) -> str:
    """5. The weights: the ``top`` highest, and how their intervals were made."""
    ranking = weights.ranking(side).head(top)
    name_col = choose("name_zh", "name_en", side)
    items = [
        P("name_share", side, name=r[name_col], share=f"{r.combined:.1%}")
        for _, r in ranking.iterrows()
    ]
    text = P(
        "s_weights",
        side,
        method=method_label(weights.method, side),
        round=weights.round,
        k=len(items),
        items=list_separator(side).join(items),
    )
    if weights.n_boot:
        text += P(
            "s_weights_ci",
            side,
            level=format_number(weights.confidence_level, 0, percent=True),
            ci=P(_ci_key(weights), side),
            n_boot=weights.n_boot,
            seed=weights.seed,
        )
        if weights.n_experts < small_panel:
            text += sentence_separator(side) + P("ci_small_panel", side, n_min=small_panel)
    return text


def _published_finding(
    side: str, published: Sequence[Finding], published_file: str, n_problem: int
) -> str:
    """6. The published weight table: consistent, or its problems and rounding findings."""
    if not published:
        return P("s_published_ok", side, file=published_file)
    return P(
        "s_published",
        side,
        file=published_file,
        n_problem=n_problem,
        n_rounding=len(published) - n_problem,
    )


def _next_steps(
    side: str,
    *,
    another_round: bool,
    n_flagged: int,
    not_significant: list[str],
    alpha: float,
    feedback_file: str,
    upcoming: int,
    analysed_round: int | None,
    authority: Authority | None,
    n_problem: int,
) -> list[str]:
    """What to do next, in order."""
    steps: list[str] = []
    if another_round:
        if n_flagged:
            steps.append(P("n_revise", side, k=n_flagged))
        if not_significant:
            levels = list_separator(side).join(not_significant)
            steps.append(P("n_agreement", side, levels=levels, alpha=f"{alpha:g}"))
        if feedback_file:
            steps.append(P("n_send", side, file=feedback_file, round=upcoming))
        else:
            steps.append(P("n_send_plain", side, round=upcoming))
    else:
        steps.append(P("n_stop", side, round=analysed_round))
    if authority is not None and not authority.acceptable:
        steps.append(P("n_authority", side, threshold=f"{authority.threshold:g}"))
    if n_problem:
        steps.append(P("n_published", side, n=n_problem))
    return steps


def _ci_key(weights: WeightResult) -> str:
    return {"bca": "ci_bca", "percentile": "ci_percentile", "expanded": "ci_expanded"}[
        weights.ci_method
    ]


def _p_method(method: str, n_perm: int, seed: int | None, lang: str) -> str:
    if method == "monte_carlo":
        if seed is None:
            return P("p_monte_carlo_unseeded", lang, n_perm=n_perm)
        return P("p_monte_carlo", lang, n_perm=n_perm, seed=seed)
    return P("p_exact" if method == "exact" else "p_chi2", lang)
