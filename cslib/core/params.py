"""Declared, typed notebook parameters: one declaration per notebook.

Each report notebook's parameters are declared once here as a pydantic model
(type, allowed range or choices, unit, description in Chinese and English).  The
same declaration is used

* by the command line and the YAML loader, which validate every value *before a
  kernel starts* (:func:`validate_parameters`);
* by the notebook itself, whose first code cell calls :func:`check_parameters` so a
  value typed into JupyterLab is checked the same way;
* by ``cslib list`` and by ``docs/parameters.md`` (:func:`parameters_markdown`).

A bad value raises :class:`ParameterError` (an :class:`~cslib.core.errors.InputError`)
that names the notebook, the parameter, what was expected and what was found.

Adding a notebook: write a subclass of :class:`NotebookParameters` decorated with
``@declare("NN_stem")`` whose defaults equal the notebook's parameters cell
(``tests/test_params.py`` checks that they agree).

pydantic does the type and range checking; only the cross-file checks (a course id
that must exist in the course catalogue, a post that must exist in the target
profiles) are written here, because they depend on this project's file formats.
"""

from __future__ import annotations

import csv
import types
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal, TypeVar, Union, get_args, get_origin

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
)
from pydantic_core import PydanticUndefined

from cslib.core.errors import InputError, Problem
from cslib.core.i18n import Lang
from cslib.core.paths import resolve

__all__ = [
    "NotebookParameters",
    "ParameterError",
    "declare",
    "declaration",
    "declared_notebooks",
    "validate_parameters",
    "check_parameters",
    "parameter_rows",
    "parameters_markdown",
]


class ParameterError(InputError):
    """A notebook parameter has a value of the wrong type, range or choice."""

    def __str__(self) -> str:
        from cslib.core.errors import chinese_messages

        if chinese_messages():
            return self._text_zh()
        name = str(self.file) if self.file is not None else "parameters"
        lines = [
            f"{name}: parameter '{p.column}': {p.message}"
            + (f"; found {p.found!r}" if p.found is not None else "")
            for p in self.problems[: self.max_shown]
        ]
        if len(self.problems) > 1:
            lines.insert(0, f"{name}: {len(self.problems)} bad parameters (参数有误)")
            return "\n  - ".join([lines[0], *lines[1:]])
        return lines[0] + " (参数有误)"

    def _text_zh(self) -> str:
        from cslib.core.error_words import translate

        name = str(self.file) if self.file is not None else "参数"
        lines = [
            f"{name}：参数“{p.column}”：{translate(p.message) or p.message}"
            + (f"；实际为“{p.found}”" if p.found is not None else "")
            for p in self.problems[: self.max_shown]
        ]
        if len(self.problems) > 1:
            return "\n  - ".join([f"{name}：共 {len(self.problems)} 个参数有误", *lines])
        return lines[0]

    __hash__ = object.__hash__


# ----------------------------------------------------------------------------- field helpers
def P(  # noqa: N802 - reads like a declaration
    default: Any,
    en: str,
    zh: str,
    *,
    unit: str = "",
    strict: bool | None = None,
    **constraints: Any,
) -> Any:
    """A parameter field: default, description (en, zh), unit and pydantic constraints."""
    if strict is not None:
        constraints["strict"] = strict
    return Field(default, description=en, json_schema_extra={"zh": zh, "unit": unit}, **constraints)


def existing_file(value: str) -> str:
    path = resolve(value)
    if not path.is_file():
        raise ValueError(
            f"expected an existing file (paths are relative to the project root: {path})"
        )
    return value


def optional_file(value: str) -> str:
    return existing_file(value) if value else value


#: A path to an input file that must exist (relative to the project root).
InputPath = Annotated[str, Field(min_length=1), AfterValidator(existing_file)]
#: A path to an input file, or "" for none.
OptionalPath = Annotated[str, AfterValidator(optional_file)]


def _iso_date(value: str) -> str:
    import datetime as dt

    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError("expected a date written YYYY-MM-DD, e.g. 2026-12-15") from None
    return value


def _date_text(value: object) -> object:
    """A date YAML already parsed (``deadline: 2026-12-15``) back to its text."""
    import datetime as dt

    return value.isoformat() if isinstance(value, dt.date) else value


#: A calendar date written YYYY-MM-DD (YAML's parsed dates accepted as such).
IsoDate = Annotated[str, BeforeValidator(_date_text), AfterValidator(_iso_date)]


def _column_values(path: str, column: str) -> list[str] | None:
    """The values of one column of a small CSV (None if it cannot be read this simply)."""
    p = resolve(path)
    if p.suffix.lower() != ".csv":
        return None
    try:
        with p.open(encoding="utf-8-sig", newline="") as fh:
            return [
                str(row.get(column, "")).strip() for row in csv.DictReader(fh) if row.get(column)
            ]
    except (OSError, UnicodeDecodeError, csv.Error):
        return None


class NotebookParameters(BaseModel):
    """Base class: strict types (``"abc"`` is not a number, ``1`` is not ``True``), no extras."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True, validate_default=True)

    stem: ClassVar[str] = ""

    lang: Lang = P("zh", "report language", "报告语言")
    output_dir: str = P(
        "scratch",
        "folder a notebook run by hand (JupyterLab) writes to; cslib run sets its own",
        "手动运行（JupyterLab）时的输出目录；cslib run 自行设定",
    )


_REGISTRY: dict[str, type[NotebookParameters]] = {}
M = TypeVar("M", bound=type[NotebookParameters])


def declare(stem: str) -> Callable[[M], M]:
    """Register a parameter declaration for the notebook ``notebooks/<stem>.ipynb``."""

    def register(cls: M) -> M:
        cls.stem = stem
        _REGISTRY[stem] = cls
        return cls

    return register


def declared_notebooks() -> list[str]:
    """Stems of the notebooks with a declaration, sorted."""
    return sorted(_REGISTRY)


def declaration(stem: str) -> type[NotebookParameters] | None:
    """The declaration for a notebook stem (``None`` if the notebook declares nothing)."""
    return _REGISTRY.get(stem)


#: The business KPIs notebook 03 can use as a course's primary KPI (the weekly measures of
#: ``cslib.effectiveness.results.OUTCOMES`` other than the test score; a test keeps them equal).
KPI_NAMES = ("qa_score", "qa_pass_rate", "repeat_tickets", "aht_s", "csat", "sales_conversion")


# ----------------------------------------------------------------------------- 01 Delphi
@declare("01_delphi_weights")
class DelphiParameters(NotebookParameters):
    framework_path: InputPath = P(
        "data_samples/framework_complaint_handling.yaml", "indicator hierarchy (YAML)", "指标体系"
    )
    ratings_path: InputPath = P(
        "data_samples/delphi_ratings.csv", "expert ratings, long or wide (CSV/XLSX)", "专家评分"
    )
    experts_path: OptionalPath = P(
        "data_samples/delphi_experts.csv", 'expert profiles; "" for none', "专家信息，可为空"
    )
    published_table_path: OptionalPath = P(
        "data_samples/published_weights_complaint_handling.csv",
        'published weight table to check; "" for none',
        "已发表权重表，可为空",
    )
    n_invited: int | None = P(
        26, "questionnaires sent in round 1; None: the respondents", "第一轮发放问卷数", ge=1
    )
    analysis_round: int | None = P(
        None, "round to analyse; None: the last", "分析的轮次，None 为最后一轮", ge=1
    )
    min_mean: float = P(
        3.5, "screening: minimum mean rating", "筛选标准：均值下限", unit="points", ge=0
    )
    max_cv: float = P(
        0.25, "screening: maximum coefficient of variation", "筛选标准：变异系数上限", gt=0, le=5
    )
    weight_method: Literal["ahp_mean_diff", "mean", "rank_sum"] = P(
        "ahp_mean_diff", "how ratings become weights", "赋权方法"
    )
    ahp_priority: Literal["geometric", "eigen"] = P(
        "geometric", "AHP priority vector", "AHP 排序向量算法"
    )
    n_boot: int = P(1000, "bootstrap resamples; 0: no intervals", "自助法次数", ge=0, le=100_000)
    seed: int = P(20261123, "random seed", "随机种子", ge=0)
    alpha: float = P(0.05, "significance level", "显著性水平", gt=0, lt=0.5)
    consensus_agree_min: int = P(
        4,
        "consensus: a score at or above this counts as agreeing (1–5 rating scale)",
        "共识：评分下限（1–5 分量表）",
        ge=1,
        le=5,
    )
    consensus_min_share: float = P(
        0.75, "consensus: share of experts that must agree", "共识：最低比例", gt=0, le=1
    )
    consensus_max_iqr: float | None = P(
        None, "consensus: maximum IQR; None: not used", "共识：四分位距上限，None 为不要求", ge=0
    )
    stability_min_unchanged: float = P(
        0.85,
        "stability: share of experts keeping their score",
        "稳定：未改分专家比例下限",
        ge=0,
        le=1,
    )
    stability_max_cv_change: float = P(
        0.15, "stability: maximum relative change in CV", "稳定：CV 相对变化上限", ge=0
    )
    stability_require: Literal["all", "any"] = P(
        "all", "stability: both criteria (all) or either (any)", "稳定：两条都满足或满足其一"
    )
    n_perm: int = P(
        10000,
        "Monte-Carlo permutations for Kendall's W (4–7 items)",
        "肯德尔W蒙特卡洛置换次数",
        ge=100,
        le=1_000_000,
    )
    ci_method: Literal["expanded", "bca", "percentile"] = P(
        "expanded", "bootstrap interval for the weights", "权重置信区间方法"
    )
    ci_nominal_min_experts: int = P(
        8,
        "below this panel size intervals are called approximate",
        "少于此人数时区间注明为近似",
        ge=2,
    )
    cvi_relevant_min: int = P(
        4,
        "content validity: score counted as relevant (1–4 scale)",
        "内容效度：相关的评分下限",
        ge=1,
        le=4,
    )
    relevance_path: OptionalPath = P(
        "data_samples/delphi_relevance.csv",
        'relevance ratings (1–4, optional Lawshe necessity); "" for none',
        "相关性评定，可为空",
    )
    authority_min: float = P(
        0.7,
        "authority coefficient Cr at or above which an expert counts as authoritative",
        "专家权威系数标准",
        gt=0,
        le=1,
    )
    ahp_cr_max: float = P(
        0.10,
        "AHP consistency ratio at or below which a judgement matrix is acceptable",
        "判断矩阵一致性比率上限",
        gt=0,
        lt=1,
    )
    deadline: IsoDate | None = P(
        None,
        "return date of the next-round questionnaires (YYYY-MM-DD); None: ask the study lead",
        "下一轮问卷交回日期（YYYY-MM-DD），None 为请专家向研究负责人确认",
    )
    responses_path: OptionalPath = P(
        "",
        'reasons and comments of the returned questionnaires (written by cslib collect); "" for none',
        "交回问卷中的理由与意见（由回收命令写出），可为空",
    )
    returns_path: OptionalPath = P(
        "",
        'invited experts and who returned (written by cslib collect); "" for none',
        "受邀专家及交回情况（由回收命令写出），可为空",
    )


# ----------------------------------------------------------------------------- 02 consistency
@declare("02_consistency_checks")
class ConsistencyParameters(NotebookParameters):
    framework_path: OptionalPath = P(
        "data_samples/framework_complaint_handling.yaml",
        'indicator hierarchy (YAML); "" for none (then no AHP analyses)',
        "指标体系（AHP 分析需要），可为空",
    )
    ahp_survey_path: OptionalPath = P(
        "data_samples/ahp_survey.csv",
        'AHP pairwise-comparison survey; "" for none',
        "AHP 两两比较问卷，可为空",
    )
    compare_weights_path: OptionalPath = P(
        "data_samples/published_weights_complaint_handling.csv",
        'weights to compare with the AHP weights; "" for none',
        "对照权重表，可为空",
    )
    compare_weights_column: Literal["combined", "weight"] = P(
        "combined",
        'weights of the comparison table to use: "combined" or "weight" (within the parent)',
        "对照权重表中使用的权重：combined 组合权重，weight 组内权重",
    )
    compare_weights_name: str = P(
        "",
        "name of the comparison table's weights (empty: 'published'; report 01's weights in "
        "the same output folder are named for what they are)",
        "对照权重名称（留空为“已发表”；同一输出文件夹中有报告 01 的结果时用本研究德尔菲权重）",
    )
    qa_form_path: OptionalPath = P(
        "data_samples/qa_form.csv", 'QA form items; "" for none', "质检表，可为空"
    )
    qa_calibration_path: OptionalPath = P(
        "data_samples/qa_calibration.csv",
        'QA calibration scores; "" for none',
        "质检校准评分，可为空",
    )
    self_assessment_path: OptionalPath = P(
        "data_samples/self_assessment.csv",
        'self-assessment answers; "" for none',
        "自评问卷，可为空",
    )
    scheme_paths: list[InputPath] = P(
        ["data_samples/kpi_scheme_ecommerce.yaml", "data_samples/qa_agent_score_scheme.yaml"],
        "scoring schemes to check, a list of YAML files; [] for none",
        "评分方案（YAML 文件列表），可为空列表",
    )
    cr_threshold: float = P(
        0.10, "largest acceptable consistency ratio", "一致性比率上限", gt=0, lt=1
    )
    priority_method: Literal["eigen", "geometric"] = P(
        "eigen", "AHP priority vector", "排序向量算法"
    )
    aggregation: Literal["AIJ", "AIP"] = P(
        "AIJ", "aggregate judgements (AIJ) or priorities (AIP)", "群决策集结方式"
    )
    exclude_inconsistent: bool = P(
        False, "leave matrices with CR > cr_threshold out of the aggregate", "剔除不一致矩阵"
    )
    reask_per_matrix: int = P(
        2, "judgements to re-ask per inconsistent matrix", "每个矩阵重问的判断数", ge=0, le=50
    )
    top_k: int = P(5, "items listed in the QA item ranking", "列出的质检项目数", ge=1, le=1000)
    pass_mark: float = P(80, "QA pass mark", "质检及格线", unit="points (0-100)", ge=0, le=100)
    bias_practical_points: float = P(
        3.0, "smallest rater bias that matters", "有实际意义的评分偏差", unit="points", gt=0, le=100
    )
    benchmark_scale: Literal["landis_koch", "altman"] = P(
        "landis_koch", "benchmark scale for kappa and AC1", "kappa 与 AC1 的评价标准"
    )
    benchmark_probability: float = P(
        0.95,
        "claim a band only with this cumulative membership probability",
        "判定等级所需的累计归属概率",
        gt=0.5,
        lt=1,
    )
    paradox_gap: float = P(
        0.10,
        "point out the prevalence paradox when AC1 exceeds kappa by this much",
        "AC1 高出 kappa 多少时提示流行率悖论",
        ge=0,
        le=1,
    )
    random_index_table: Literal["saaty", "alonso_lamata", "simulated"] = P(
        "saaty", "random-index table for the AHP consistency ratio", "AHP 随机一致性指标表"
    )
    fill_missing_judgements: bool = P(
        True,
        "complete pairs an expert skipped (Harker 1987) instead of rejecting the file",
        "补全专家跳过的两两比较（Harker 1987）",
    )
    small_sample_calls: int = P(
        50,
        "below this many complete calls the kappa/AC1 intervals are called approximate",
        "完整录音少于此数时区间注明为近似",
        ge=2,
    )
    confidence_level: float = P(
        0.95,
        "confidence level of every interval in the report (ICC, kappa, AC1, bias, alpha)",
        "报告中所有置信区间的置信水平",
        gt=0.5,
        lt=1,
    )


# ----------------------------------------------------------------------------- 03 effectiveness
@declare("03_microcourse_effectiveness")
class EffectivenessParameters(NotebookParameters):
    courses_path: InputPath = P("data_samples/courses.csv", "course catalogue", "课程库")
    framework_path: InputPath = P(
        "data_samples/framework_complaint_handling.yaml", "indicator hierarchy (YAML)", "指标体系"
    )
    sessions_path: InputPath = P("data_samples/effectiveness/sessions.csv", "attendance", "出勤")
    reaction_path: InputPath = P(
        "data_samples/effectiveness/reaction.csv", "L1 reaction survey", "反应层问卷"
    )
    tests_path: InputPath = P(
        "data_samples/effectiveness/tests.csv",
        "L2 pre/post/delayed test scores",
        "前测/后测/延迟测",
    )
    items_path: OptionalPath = P(
        "data_samples/effectiveness/test_items.csv",
        'item-level answers; "" for none',
        "逐题作答，可为空",
    )
    qa_path: OptionalPath = P(
        "data_samples/effectiveness/qa_weekly.csv",
        'weekly QA scores (L3); "" for none',
        "每周质检得分，可为空",
    )
    kpi_path: OptionalPath = P(
        "data_samples/effectiveness/kpi_weekly.csv",
        'weekly KPIs (L4); "" for none',
        "每周业务指标，可为空",
    )
    alpha: float = P(0.05, "significance level", "显著性水平", gt=0, lt=0.5)
    correction: Literal["holm", "fdr_bh"] = P(
        "holm", "multiple-comparison correction", "多重比较校正"
    )
    power: float = P(0.8, "target power for sample-size planning", "目标把握度", gt=0, lt=1)
    target_gain: float = P(
        5.0, "smallest test gain worth detecting", "最小值得检测的提升", unit="points", gt=0
    )
    primary_kpi: dict[str, str] = P(
        {
            "MOT服务技巧": "csat",
            "营销五部曲": "sales_conversion",
            "CL01": "qa_pass_rate",
            "CL02": "sales_conversion",
            "CL03": "aht_s",
        },
        "series or course → primary business KPI",
        "系列/课程 → 主要业务指标",
    )
    event_course: str = P(
        "MC01", "course for the event-study figure", "事件研究图的课程", min_length=1
    )
    event_window: list[int] = P(
        [-8, 8],
        "weeks before/after training [first, last]",
        "培训前后的周数",
        unit="weeks",
        min_length=2,
        max_length=2,
    )
    pseudonymise: bool = P(
        True,
        "pseudonymise agents in person-level rows (key from CSLIB_SALT or a key file)",
        "个人数据用化名",
    )
    control_group: Literal["notyettreated", "nevertreated"] = P(
        "notyettreated",
        "L3/L4 comparison agents: not yet (or never) trained, or never trained only",
        "第3–4层对照组",
    )
    min_cohort_size: int = P(
        5,
        "smallest group trained in the same week that is estimated",
        "单独估计的最小批次人数",
        ge=1,
    )
    series_en: dict[str, str] = P(
        {
            "MOT服务技巧": "MOT service skills",
            "营销五部曲": "Five-step selling",
            "课堂面授": "Classroom training",
        },
        "English names of the course series",
        "课程系列的英文名",
    )
    team_weeks: int = P(
        8, "weeks before/after training in the team table", "班组前后对比的周数", unit="weeks", ge=1
    )
    item_easy: float = P(
        0.9, "share correct above which a question is too easy", "太容易的答对率", gt=0, le=1
    )
    item_hard: float = P(
        0.2, "share correct below which a question is too hard", "太难的答对率", ge=0, lt=1
    )
    item_min_discrimination: float = P(
        0.2,
        "item-rest correlation below which a question discriminates weakly",
        "区分度下限",
        ge=-1,
        le=1,
    )
    item_min_kr20: float = P(
        0.7, "KR-20 below which the test is unreliable", "测验信度 KR-20 下限", ge=0, le=1
    )

    @field_validator("event_course")
    @classmethod
    def _course_in_catalogue(cls, value: str, info: Any) -> str:
        path = info.data.get("courses_path")
        known = _column_values(path, "course_id") if path else None
        if known is not None and value not in known:
            raise ValueError(
                f"expected a course_id of {path} ({', '.join(sorted(set(known))[:12])}…)"
                if len(set(known)) > 12
                else f"expected a course_id of {path} ({', '.join(sorted(set(known)))})"
            )
        return value

    @field_validator("event_window")
    @classmethod
    def _window(cls, value: list[int]) -> list[int]:
        if not value[0] < 0 < value[1]:
            raise ValueError("expected [first, last] weeks with first < 0 < last, e.g. [-8, 8]")
        return value

    @field_validator("primary_kpi")
    @classmethod
    def _kpis(cls, value: dict[str, str]) -> dict[str, str]:
        bad = {k: v for k, v in value.items() if v not in KPI_NAMES}
        if bad:
            key, kpi = next(iter(bad.items()))
            raise ValueError(f"expected KPIs among {', '.join(KPI_NAMES)}; {key!r} maps to {kpi!r}")
        return value


# ----------------------------------------------------------------------------- 04 needs
@declare("04_training_needs")
class NeedsParameters(NotebookParameters):
    framework_path: InputPath = P(
        "data_samples/framework_complaint_handling.yaml", "indicator hierarchy (YAML)", "指标体系"
    )
    ratings_path: InputPath = P(
        "data_samples/needs/ratings.csv", "multi-source ratings (long)", "多来源评分"
    )
    targets_path: InputPath = P(
        "data_samples/needs/target_profiles.csv", "target profiles per post", "岗位目标"
    )
    courses_path: InputPath = P("data_samples/courses.csv", "course catalogue", "课程库")
    delphi_ratings_path: OptionalPath = P(
        "data_samples/delphi_ratings.csv", 'Delphi ratings; "" for none', "德尔菲评分，可为空"
    )
    ahp_survey_path: OptionalPath = P(
        "data_samples/ahp_survey.csv", 'AHP survey; "" for none', "AHP 问卷，可为空"
    )
    published_weights_path: OptionalPath = P(
        "data_samples/published_weights_complaint_handling.csv",
        'published weight table; "" for none',
        "已发表权重表，可为空",
    )
    weight_source: Literal["published", "delphi_mean", "delphi_ahp_mean_diff", "ahp_survey"] = P(
        "published", "primary weights", "主要权重来源"
    )
    source_weights: dict[str, float] = P(
        {"self": 0.2, "leader": 0.4, "qa": 0.25, "peer": 0.15},
        "weight of each 360° source (sum 1)",
        "360° 各来源权重（和为 1）",
    )
    missing_rule: Literal["renormalise", "exclude"] = P(
        "renormalise", "what to do when a source is missing", "缺少来源时的处理"
    )
    scale: tuple[int, int] = P((1, 5), "rating scale (lowest, highest)", "评分量表", strict=False)
    post: str = P(
        "complaint_handling", "target post (a post in targets_path)", "对照的岗位", min_length=1
    )
    post_label: str = P("投诉处理岗", "post name shown in the text", "报告中的岗位名称")
    top_k: int = P(
        2,
        "courses per agent at most, teams one more (greedy rule: largest gaps used)",
        "每名坐席最多推荐的课程数，班组多一门（逐项规则：按最大的几项差距）",
        ge=1,
        le=100,
    )
    max_courses_per_team: int = P(4, "courses per team plan", "每个班组的课程数上限", ge=1, le=100)
    pseudonymise: bool = P(
        True, "pseudonymise individuals (key from CSLIB_SALT or a key file)", "个人数据用化名"
    )
    radar_team: str = P(
        "", 'team for the radar chart; "": the largest gap', "雷达图班组，留空自动选择"
    )
    post_label_en: str = P(
        "complaint handling", "post name shown in English reports", "英文报告中的岗位名称"
    )
    table_rows: int = P(
        12,
        "rows shown of a long table (the full table is written beside the report)",
        "长表格显示的行数（完整表格另存）",
        ge=1,
        le=500,
    )
    course_choice: Literal["optimal", "greedy"] = P(
        "optimal",
        "course choice: courses covering the most weighted gap (exact), or the earlier "
        "one-course-per-largest-gap rule",
        "选课方法：覆盖加权差距最多（精确求解）或原先的逐项规则",
    )
    max_minutes: int = P(
        0,
        "minutes of courses per agent or team at most (0: no limit)",
        "每人/每组课程总时长上限（0 为不限）",
        unit="minutes",
        ge=0,
        le=100000,
    )
    repeat_value: float = P(
        0.0,
        "credit of a second course on an already covered indicator (0: each gap counted once)",
        "同一指标第二门课程的计分比例（0 为每项差距只计一次）",
        ge=0,
        le=1,
    )
    exclude_courses: list[str] = P([], "course ids never recommended", "不推荐的课程编号")
    avoid_courses: list[str] = P(
        [],
        "course ids recommended only when nothing else covers as much (e.g. no evidence of "
        "effect in report 03)",
        "暂缓课程：只有别无同等覆盖时才推荐（如报告 03 未见效果的课程）",
    )

    @field_validator("exclude_courses", "avoid_courses")
    @classmethod
    def _courses_in_catalogue(cls, value: list[str], info: Any) -> list[str]:
        path = info.data.get("courses_path")
        known = _column_values(path, "course_id") if path else None
        unknown = [c for c in value if known is not None and c not in known]
        if unknown:
            raise ValueError(
                f"expected course_ids of {path} ({', '.join(sorted(set(known or [])))}); "
                f"found {', '.join(unknown)}"
            )
        return value

    @field_validator("radar_team")
    @classmethod
    def _team_rated(cls, value: str, info: Any) -> str:
        path = info.data.get("ratings_path")
        known = _column_values(path, "team") if path and value else None
        if known is not None and value not in known:
            raise ValueError(f"expected a team of {path} ({', '.join(sorted(set(known)))})")
        return value

    @field_validator("source_weights")
    @classmethod
    def _weights(cls, value: dict[str, float]) -> dict[str, float]:
        if (
            not value
            or any(not w > 0 for w in value.values())
            or abs(sum(value.values()) - 1) > 1e-6
        ):
            raise ValueError("expected positive weights per source that sum to 1")
        return value

    @field_validator("scale")
    @classmethod
    def _scale(cls, value: tuple[int, int]) -> tuple[int, int]:
        if not value[0] < value[1]:
            raise ValueError("expected (lowest, highest) with lowest < highest")
        return value

    @field_validator("post")
    @classmethod
    def _post(cls, value: str, info: Any) -> str:
        path = info.data.get("targets_path")
        known = _column_values(path, "post") if path else None
        if known is not None and value not in known:
            raise ValueError(f"expected a post of {path} ({', '.join(sorted(set(known)))})")
        return value

    @field_validator("weight_source")
    @classmethod
    def _source_has_file(cls, value: str, info: Any) -> str:
        needs = {
            "published": "published_weights_path",
            "delphi_mean": "delphi_ratings_path",
            "delphi_ahp_mean_diff": "delphi_ratings_path",
            "ahp_survey": "ahp_survey_path",
        }[value]
        if needs in info.data and not info.data[needs]:
            raise ValueError(f"weight_source {value!r} needs the parameter {needs}, which is empty")
        return value


# ----------------------------------------------------------------------------- 05 QA monitoring
@declare("05_qa_monitoring")
class MonitoringParameters(NotebookParameters):
    records_path: InputPath = P(
        "data_samples/monitoring/qa_records.csv", "call-level QA records", "逐通质检记录"
    )
    roster_path: InputPath = P(
        "data_samples/monitoring/agents.csv", "agent roster (team, hire date)", "坐席名册"
    )
    calibration_path: OptionalPath = P(
        "data_samples/qa_calibration.csv",
        'calibration calls scored by every inspector (notebook 02\'s file); "" for none',
        "校准录音，可为空",
    )
    score_min: float = P(0, "lowest possible QA score", "质检分下限", unit="points")
    score_max: float = P(100, "highest possible QA score", "质检分上限", unit="points")
    pass_mark: float = P(80, "QA pass mark", "合格线", unit="points")
    target_reliability: float = P(
        0.80, "target reliability Eρ² of a monthly score", "目标信度", gt=0, lt=1
    )
    target_half_width: float = P(
        3.0, "target precision of a monthly mean (±)", "目标精度", unit="points", gt=0
    )
    confidence_level: float = P(0.95, "confidence level", "置信水平", gt=0.5, lt=1)
    inspector_capacity: int = P(
        150, "calls an inspector can score per month", "每名质检员每月可评通数", ge=1
    )
    random_share: float = P(0.30, "share of calls drawn at random", "随机抽检比例", ge=0, le=1)
    min_calls: int = P(2, "planned calls per agent at least", "每人至少计划抽检通数", ge=0)
    new_agent_months: int = P(
        3, "months an agent counts as new", "入职几个月内算新员工", unit="months", ge=0
    )
    falling_points: float = P(
        3.0, "drop over the window that counts as falling", "下滑判定分数", unit="points", ge=0
    )
    max_agents_per_inspector: int = P(
        25, "agents one inspector may cover", "每名质检员负责的坐席上限", ge=1
    )
    drift_threshold: float = P(
        4.0, "leniency change that calls for recalibration", "宽严度漂移阈值", unit="points", gt=0
    )
    baseline_months: int = P(
        2, "months that define each inspector's baseline", "质检员基线月数", unit="months", ge=1
    )
    drift_false_alarm_rate: float = P(
        0.1,
        "false alarms per inspector-year the drift chart's limits are set for",
        "漂移控制图每名质检员每年的误报次数",
        unit="per inspector-year",
        gt=0,
        lt=12,
    )
    n_resamples: int = P(
        100,
        "parametric bootstrap resamples for the variance-component intervals",
        "方差分量区间的自助法次数",
        ge=10,
        le=10_000,
    )
    seed: int = P(2026, "random seed", "随机种子", ge=0)
    interval_method: Literal["profile", "bootstrap"] = P(
        "profile",
        "variance-component intervals: profile likelihood (REML) or parametric bootstrap "
        "(n_resamples)",
        "方差分量区间：剖面似然（REML）或参数自助法",
    )


# ----------------------------------------------------------------------------- 06 training ROI
@declare("06_training_roi")
class RoiParameters(NotebookParameters):
    courses_path: InputPath = P("data_samples/courses.csv", "course catalogue", "课程库")
    sessions_path: InputPath = P("data_samples/effectiveness/sessions.csv", "attendance", "出勤")
    qa_path: OptionalPath = P(
        "data_samples/effectiveness/qa_weekly.csv",
        'weekly QA scores (notebook 03\'s file); "" for none',
        "每周质检得分，可为空",
    )
    kpi_path: OptionalPath = P(
        "data_samples/effectiveness/kpi_weekly.csv",
        'weekly KPIs (notebook 03\'s file); "" for none',
        "每周业务指标，可为空",
    )
    costs_path: InputPath = P(
        "data_samples/roi/costs.csv",
        "fully loaded costs per course (illustrative sample)",
        "全口径培训成本",
    )
    values_path: InputPath = P(
        "data_samples/roi/values.csv", "money value of one unit of each KPI", "指标的货币价值"
    )
    kpis: list[str] = P(
        ["qa_score", "qa_pass_rate", "repeat_tickets", "aht_s", "csat", "sales_conversion"],
        "weekly measures considered (those without a money value are intangible)",
        "考虑的每周指标",
        min_length=1,
    )
    control_group: Literal["notyettreated", "nevertreated"] = P(
        "notyettreated", "comparison agents of the isolated effect (as notebook 03)", "对照组"
    )
    min_cohort_size: int = P(
        5,
        "smallest group trained in the same week that is estimated",
        "单独估计的最小批次人数",
        ge=1,
    )
    horizon_weeks: int = P(
        52,
        "weeks of benefits after training (Phillips: one year)",
        "收益期",
        unit="weeks",
        ge=1,
        le=520,
    )
    decay: Literal["none", "linear", "exponential"] = P(
        "none", "how the effect fades within the horizon", "效果衰减方式"
    )
    half_life_weeks: float = P(
        26.0, "half-life of exponential decay", "指数衰减的半衰期", unit="weeks", gt=0
    )
    confidence_level: float = P(0.95, "confidence level", "置信水平", gt=0.5, lt=1)
    n_draws: int = P(1999, "joint multiplier-bootstrap draws", "联合抽样次数", ge=99, le=100_000)
    seed: int = P(20240601, "random seed", "随机种子", ge=0)
    value_range: list[float] = P(
        [0.5, 1.5],
        "sensitivity: factors on each money value [low, high]",
        "敏感性：货币价值倍数",
        min_length=2,
        max_length=2,
    )
    horizon_range: list[int] = P(
        [26, 52],
        "sensitivity: horizon [shortest, longest]",
        "敏感性：收益期",
        unit="weeks",
        min_length=2,
        max_length=2,
    )
    half_life_range: list[float] = P(
        [13.0, 52.0],
        "sensitivity: half-life of the decay [fastest, slowest]",
        "敏感性：衰减半衰期",
        unit="weeks",
        min_length=2,
        max_length=2,
    )
    cost_range: list[float] = P(
        [0.75, 1.5],
        "sensitivity: factors on the largest cost items [low, high]",
        "敏感性：主要成本项倍数",
        min_length=2,
        max_length=2,
    )
    n_cost_items: int = P(
        3,
        "sensitivity: largest cost items varied per course",
        "敏感性：变动的成本项数",
        ge=0,
        le=20,
    )
    forecast: dict[str, dict[str, int]] = P(
        {"CL03": {"agents": 300, "participants": 300, "deliveries": 10}},
        "forecast: piloted course → planned agents, participants, deliveries; {} for none",
        "预测：试点课程 → 计划推广人数、学员数、授课次数",
    )

    @field_validator("forecast")
    @classmethod
    def _forecast_keys(cls, value: dict[str, dict[str, int]]) -> dict[str, dict[str, int]]:
        for course, plan in value.items():
            if sorted(plan) != ["agents", "deliveries", "participants"]:
                raise ValueError(
                    f"forecast[{course!r}] needs exactly agents, participants and deliveries"
                )
            if min(plan.values()) < 1:
                raise ValueError(f"forecast[{course!r}]: every planned number must be ≥ 1")
        return value


# ----------------------------------------------------------------------------- validation
def _problems(exc: ValidationError) -> list[Problem]:
    out = []
    for err in exc.errors():
        loc = err.get("loc", ())
        name = ".".join(str(x) for x in loc) if loc else "?"
        msg = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden" and name == "salt":
            msg = (
                "the pseudonymisation key is not a parameter (it would be written into the "
                "executed notebook); set the environment variable CSLIB_SALT or a key file "
                "CSLIB_SALT_FILE outside the reports folder"
            )
            err = {**err, "input": None}
        elif err["type"] == "extra_forbidden":
            msg = "no such parameter"
        elif msg.startswith("expected"):
            pass
        else:
            msg = "expected: " + msg[0].lower() + msg[1:]
        out.append(Problem(msg, column=name, found=err.get("input")))
    return out


def validate_parameters(stem: str, values: Mapping[str, Any]) -> NotebookParameters | None:
    """Validate the values given for a notebook (missing ones take their defaults).

    Returns ``None`` for a notebook without a declaration.

    Raises
    ------
    ParameterError
        Naming the notebook, each bad parameter, what was expected and what was found.

    Examples
    --------
    >>> validate_parameters("01_delphi_weights", {"n_boot": 500}).n_boot
    500
    >>> validate_parameters("01_delphi_weights", {"n_boot": "abc"})
    Traceback (most recent call last):
    ...
    cslib.core.params.ParameterError: 01_delphi_weights: parameter 'n_boot': expected: input should be a valid integer; found 'abc' (参数有误)
    """
    cls = declaration(stem)
    if cls is None:
        return None
    try:
        return cls.model_validate(dict(values))
    except ValidationError as exc:
        raise ParameterError(stem, _problems(exc)) from None


def check_parameters(stem: str, namespace: Mapping[str, Any]) -> NotebookParameters | None:
    """Validate a notebook's parameters from its namespace (call with ``globals()``).

    Only the declared names are read from ``namespace``.
    """
    cls = declaration(stem)
    if cls is None:
        return None
    # the report's language is the language of its errors, and the run is noted for the
    # summary's list of analyses not run (cslib.core.run_context)
    from cslib.core.run_context import start_run

    given = {k: namespace[k] for k in cls.model_fields if k in namespace}
    start_run(stem, given)
    return validate_parameters(stem, given)


def defaults(stem: str) -> dict[str, Any]:
    """Declared default values (in declaration order)."""
    cls = declaration(stem)
    if cls is None:
        return {}
    return {k: f.default for k, f in cls.model_fields.items() if f.default is not PydanticUndefined}


def _type_name(t: Any) -> str:
    """A readable type: ``int``, ``'zh' | 'en'``, ``list[file path]``."""
    origin, args = get_origin(t), get_args(t)
    if origin is Annotated:
        funcs = [getattr(m, "func", None) for m in args[1:]]
        if existing_file in funcs:
            return "file path"
        if optional_file in funcs:
            return 'file path or ""'
        return _type_name(args[0])
    if origin is Literal:
        return " | ".join(repr(a) for a in args)
    if origin in (Union, types.UnionType):
        return " | ".join(_type_name(a) for a in args)
    if origin is not None:
        return f"{origin.__name__}[{', '.join(_type_name(a) for a in args)}]"
    if t is type(None):
        return "None"
    return getattr(t, "__name__", str(t))


def _describe_type(field: Any) -> str:
    funcs = [getattr(m, "func", None) for m in field.metadata]
    if existing_file in funcs:
        name = "file path"
    elif optional_file in funcs:
        name = 'file path or ""'
    else:
        name = _type_name(field.annotation)
    meta = []
    for m in field.metadata:
        for attr, sym in (("ge", "≥"), ("gt", ">"), ("le", "≤"), ("lt", "<")):
            if getattr(m, attr, None) is not None:
                meta.append(f"{sym} {getattr(m, attr)}")
    return name + (f" ({', '.join(meta)})" if meta else "")


def parameter_rows(stem: str) -> list[dict[str, str]]:
    """One row per declared parameter: name, type and range, default, unit, en, zh."""
    cls = declaration(stem)
    if cls is None:
        return []
    rows = []
    for name, f in cls.model_fields.items():
        extra = f.json_schema_extra if isinstance(f.json_schema_extra, dict) else {}
        rows.append(
            {
                "name": name,
                "type": _describe_type(f),
                "default": repr(f.default),
                "unit": str(extra.get("unit", "")),
                "en": f.description or "",
                "zh": str(extra.get("zh", "")),
            }
        )
    return rows


def parameters_markdown() -> str:
    """``docs/parameters.md``: every declared parameter of every notebook."""
    lines = [
        "# Notebook parameters 参数",
        "",
        "Generated from the declarations in `cslib/core/params.py` by "
        "`python -m cslib list --markdown > docs/parameters.md` — edit the declarations, not "
        "this file (a test fails when the two differ).",
        "",
        "Values given with `-p NAME VALUE` or in a `--params` YAML file are read as YAML "
        "(`500` is an integer, `0.25` a number, `[a.yaml, b.yaml]` a list) and checked for "
        "every selected notebook before the first kernel starts; the notebook checks them "
        "again in its first cell, so values typed into JupyterLab get the same checks. A bad "
        "value stops the run with a message naming the notebook, the parameter, what was "
        'expected and what was found. Types are strict: `"500"` in quotes is not a number '
        "and `true` is not an integer. File paths are relative to the project root and must "
        "exist.",
        "",
        "Adding a notebook: declare its parameters in a subclass of `NotebookParameters` "
        'decorated with `@declare("NN_stem")`, with the same defaults as its parameters '
        "cell, and start its first code cell with "
        '`check_parameters("NN_stem", globals())`.',
        "",
        "The pseudonymisation key of notebook 04 is *not* a parameter: set the environment "
        "variable `CSLIB_SALT`, or point `CSLIB_SALT_FILE` at a key file outside the reports "
        "folder (default `~/.config/cslib/salt`, created on first use with mode 0600).",
    ]
    for stem in declared_notebooks():
        lines += [
            "",
            f"## {stem}",
            "",
            "| parameter | type and range | default | unit | description | 说明 |",
        ]
        lines.append("|---|---|---|---|---|---|")
        for r in parameter_rows(stem):
            cells = [f"`{r['name']}`", r["type"], f"`{r['default']}`", r["unit"], r["en"], r["zh"]]
            lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines) + "\n"


def declaration_path() -> Path:
    """This file (for messages that tell a developer where parameters are declared)."""
    return Path(__file__)
