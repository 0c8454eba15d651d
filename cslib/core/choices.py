"""Words for the options of choice parameters, in Chinese and English.

A parameter declared as a choice (``weight_method: Literal["ahp_mean_diff", "mean",
"rank_sum"]`` in :mod:`cslib.core.params`) has a *code* the user types and a *label* a
reader understands.  Reports show the label, with the code in brackets where the user
may need to type it (the report header's settings); ``cslib list`` keeps the codes.

:data:`CHOICE_LABELS` holds the label of every option of every choice parameter, keyed
by parameter name (names mean the same in every notebook that declares them);
``tests/test_choices.py`` checks that no declared option lacks one.
"""

from __future__ import annotations

from typing import Any

from cslib.core.i18n import pick

__all__ = ["CHOICE_LABELS", "choice_label", "choice_parameters"]

CHOICE_LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "lang": {
        "zh": ("中文", "Chinese"),
        "en": ("英文", "English"),
        "zh+en": ("中英对照", "Chinese and English"),
    },
    "weight_method": {
        "ahp_mean_diff": ("均值差 AHP 法", "AHP from mean differences"),
        "mean": ("均值归一化法", "normalised means"),
        "rank_sum": ("秩和法", "rank sum"),
    },
    "ahp_priority": {
        "geometric": ("几何平均法", "geometric mean"),
        "eigen": ("特征向量法", "principal eigenvector"),
    },
    "priority_method": {
        "geometric": ("几何平均法", "geometric mean"),
        "eigen": ("特征向量法", "principal eigenvector"),
    },
    "stability_require": {
        "all": ("两条标准都满足", "both criteria"),
        "any": ("满足其一", "either criterion"),
    },
    "ci_method": {
        "expanded": ("扩展百分位区间", "expanded percentile"),
        "bca": ("BCa 区间", "BCa"),
        "percentile": ("百分位区间", "percentile"),
    },
    "compare_weights_column": {
        "combined": ("组合权重", "combined weights"),
        "weight": ("组内权重", "weights within the parent"),
    },
    "aggregation": {
        "AIJ": ("集结判断（AIJ）", "aggregated judgements (AIJ)"),
        "AIP": ("集结排序向量（AIP）", "aggregated priorities (AIP)"),
    },
    "benchmark_scale": {
        "landis_koch": ("Landis–Koch 标准", "Landis–Koch scale"),
        "altman": ("Altman 标准", "Altman scale"),
    },
    "random_index_table": {
        "saaty": ("Saaty 表", "Saaty's table"),
        "alonso_lamata": ("Alonso–Lamata 表", "Alonso–Lamata table"),
        "simulated": ("模拟值", "simulated values"),
    },
    "correction": {
        "holm": ("Holm 校正", "Holm"),
        "fdr_bh": ("Benjamini–Hochberg 错误发现率校正", "Benjamini–Hochberg false discovery rate"),
    },
    "control_group": {
        "notyettreated": ("尚未培训者（含从未培训者）", "not yet trained (and never trained)"),
        "nevertreated": ("仅从未培训者", "never trained only"),
    },
    "weight_source": {
        "published": ("已发表权重表", "published weight table"),
        "delphi_mean": ("德尔菲评分（均值归一化法）", "Delphi ratings (normalised means)"),
        "delphi_ahp_mean_diff": (
            "德尔菲评分（均值差 AHP 法）",
            "Delphi ratings (AHP from mean differences)",
        ),
        "ahp_survey": ("AHP 问卷", "AHP survey"),
    },
    "missing_rule": {
        "renormalise": ("按其余来源重新归一", "renormalise over the other sources"),
        "exclude": ("排除该指标", "exclude the indicator"),
    },
    "course_choice": {
        "optimal": ("最优覆盖（精确求解）", "optimal coverage (exact)"),
        "greedy": ("逐项规则", "one course per largest gap"),
    },
    "interval_method": {
        "profile": ("剖面似然区间", "profile likelihood"),
        "bootstrap": ("参数自助法区间", "parametric bootstrap"),
    },
    "decay": {
        "none": ("不衰减", "no decay"),
        "linear": ("线性衰减", "linear"),
        "exponential": ("指数衰减", "exponential"),
    },
}
"""Parameter name → option code → (Chinese label, English label)."""


def choice_label(name: str, value: Any, lang: str) -> str | None:
    """The label of option ``value`` of choice parameter ``name`` in ``lang``, or ``None``.

    ``None`` when ``name`` is not a choice parameter or ``value`` not one of its options.

    Examples
    --------
    >>> choice_label("weight_method", "ahp_mean_diff", "zh")
    '均值差 AHP 法'
    >>> choice_label("weight_method", "rank_sum", "en"), choice_label("n_boot", 5, "en")
    ('rank sum', None)
    """
    labels = CHOICE_LABELS.get(name, {})
    if not isinstance(value, str) or value not in labels:
        return None
    zh, en = labels[value]
    return pick(zh, en, lang, sep=" · ")


def choice_parameters() -> dict[tuple[str, str], tuple[str, ...]]:
    """Every declared choice parameter: ``(notebook, name) → options`` (for the tests)."""
    from typing import Literal, get_args, get_origin

    from cslib.core.params import declaration, declared_notebooks

    out: dict[tuple[str, str], tuple[str, ...]] = {}
    for stem in declared_notebooks():
        cls = declaration(stem)
        if cls is None:
            continue
        for name, f in cls.model_fields.items():
            if get_origin(f.annotation) is Literal:
                out[(stem, name)] = tuple(str(a) for a in get_args(f.annotation))
    return out
