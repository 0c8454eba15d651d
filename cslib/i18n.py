"""Bilingual (Chinese / English) labels for report tables and figures."""

from __future__ import annotations

import pandas as pd

LANGS = ("zh", "en")

LABELS: dict[str, tuple[str, str]] = {
    "indicator_id": ("指标编号", "Indicator"),
    "name": ("指标名称", "Indicator name"),
    "name_zh": ("指标名称", "Name (Chinese)"),
    "name_en": ("指标名称（英文）", "Indicator name"),
    "level": ("层级", "Level"),
    "parent": ("上级指标", "Parent"),
    "n": ("专家数", "Experts"),
    "mean": ("均值", "Mean"),
    "sd": ("标准差", "SD"),
    "cv": ("变异系数", "CV"),
    "median": ("中位数", "Median"),
    "q1": ("下四分位数", "Q1"),
    "q3": ("上四分位数", "Q3"),
    "iqr": ("四分位距", "IQR"),
    "full_score": ("满分频率", "Full-score freq."),
    "verdict": ("筛选结论", "Screening"),
    "keep": ("保留", "keep"),
    "revise": ("修改", "revise"),
    "drop": ("考虑删除", "consider dropping"),
    "round": ("轮次", "Round"),
    "sent": ("发放", "Sent"),
    "returned": ("回收", "Returned"),
    "rate": ("积极系数", "Positive coefficient"),
    "scope": ("范围", "Scope"),
    "group": ("指标组", "Group"),
    "n_items": ("指标数", "Items"),
    "m_experts": ("专家数", "Experts"),
    "w": ("肯德尔W", "Kendall's W"),
    "chi2": ("χ²", "χ²"),
    "df": ("自由度", "df"),
    "p": ("P值", "p"),
    "local": ("层级权重", "Level weight"),
    "combined": ("组合权重", "Combined weight"),
    "combined_lo": ("组合权重下限", "Combined CI low"),
    "combined_hi": ("组合权重上限", "Combined CI high"),
    "local_lo": ("层级权重下限", "Level CI low"),
    "local_hi": ("层级权重上限", "Level CI high"),
    "rank": ("排序", "Rank"),
    "mean_1": ("前轮均值", "Mean (earlier)"),
    "mean_2": ("后轮均值", "Mean (later)"),
    "delta_mean": ("均值变化", "Δ mean"),
    "cv_1": ("前轮CV", "CV (earlier)"),
    "cv_2": ("后轮CV", "CV (later)"),
    "delta_cv": ("CV变化", "Δ CV"),
    "n_changed": ("改分专家数", "Experts who changed"),
    "wilcoxon_stat": ("Wilcoxon统计量", "Wilcoxon statistic"),
    "stable": ("稳定", "Stable"),
    "w_1": ("前轮W", "W (earlier)"),
    "w_2": ("后轮W", "W (later)"),
    "p_1": ("前轮P", "p (earlier)"),
    "p_2": ("后轮P", "p (later)"),
    "delta_w": ("W变化", "Δ W"),
    "ca": ("判断依据Ca", "Judgment basis Ca"),
    "cs": ("熟悉程度Cs", "Familiarity Cs"),
    "cr": ("权威系数Cr", "Authority Cr"),
    "lambda_max": ("最大特征根", "λmax"),
    "ci": ("CI", "CI"),
    "ri": ("RI", "RI"),
    "acceptable": ("一致性可接受", "Acceptable"),
    "consistency_ratio": ("一致性比率CR", "Consistency ratio CR"),
    "rule": ("规则", "Rule"),
    "severity": ("性质", "Severity"),
    "where": ("位置", "Where"),
    "message": ("说明", "Explanation"),
    "printed": ("印刷值", "Printed"),
    "expected": ("应为", "Implied"),
    "yes": ("是", "yes"),
    "rounding": ("可由四舍五入解释", "explainable by rounding"),
    "problem": ("不一致（无法由四舍五入解释）", "inconsistent"),
    "no": ("否", "no"),
}


def text(table: dict[str, tuple[str, str]], key: str, lang: str = "zh", **fmt: object) -> str:
    """Pick the ``lang`` side of a ``(zh, en)`` phrase table entry and fill in ``fmt``.

    Every module's message table uses this one rule: English for ``"en"``, Chinese
    otherwise, both for ``"zh+en"``.
    """
    zh, en = table[key]
    if lang == "zh+en":
        return f"{zh.format(**fmt)} {en.format(**fmt)}"
    return (en if lang == "en" else zh).format(**fmt)


def label(key: str, lang: str = "zh") -> str:
    """Label of ``key`` in ``"zh"``, ``"en"`` or ``"zh+en"`` (unknown keys are returned as is)."""
    return text(LABELS, key, lang) if key in LABELS else key


def check_lang(lang: str) -> str:
    """Validate a language parameter."""
    if lang not in (*LANGS, "zh+en"):
        raise ValueError(f"lang must be 'zh', 'en' or 'zh+en', not {lang!r}")
    return lang


def format_p(p: float) -> str:
    """A p-value as reports print it: ``<0.001`` below 0.001, else three decimals."""
    if p != p:  # NaN
        return "–"
    return "<0.001" if p < 0.001 else f"{p:.3f}"


P_COLUMNS = ("p", "p_1", "p_2", "pvalue", "p_adj")


def translate_columns(frame: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """Rename known columns to their labels in ``lang`` (data unchanged)."""
    return frame.rename(columns={c: label(c, lang) for c in frame.columns})


def translate_values(series: pd.Series, lang: str = "zh") -> pd.Series:
    """Translate known categorical values (keep / revise / drop, yes / no)."""
    return series.map(lambda v: label(v, lang) if isinstance(v, str) else v)
