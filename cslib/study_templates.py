"""Excel templates for the inputs :mod:`cslib.templates` does not cover, and the set a study gets.

:mod:`cslib.templates` writes the templates of the Delphi, AHP, calibration, course and
360° inputs.  A study (``cslib init``) needs one for *every* input a notebook reads;
this module adds the others, in the same layout (ids in the header row, bilingual
header comments, grey example rows, validated cells, an instruction sheet):

* the indicator framework itself (``framework``; read by ``load_framework`` from XLSX);
* the relevance ratings for content validity (notebook 01);
* the weekly QA scores and weekly KPIs of notebook 03 (levels 3 and 4);
* the call-level QA records and the agent roster of notebook 05;
* a published weight table (notebooks 01, 02 and 04);
* the QA form, the self-assessment answers (notebook 02) and item-level test answers (03).

:func:`study_templates` maps every input parameter of every notebook to the template
that fits it, so ``cslib init`` can name a template beside each line of ``study.yaml``.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from cslib.core.framework import Framework
from cslib.core.i18n import Lang
from cslib.templates import (
    AGENT_COLUMN,
    DATE,
    EXAMPLE_DATE,
    NONNEG,
    POSITIVE_WHOLE,
    TEAM_COLUMN,
    Column,
    Rule,
    Template,
    all_templates,
    likert,
    template_column,
    write_template,
)

__all__ = [
    "framework_template",
    "relevance",
    "qa_weekly",
    "kpi_weekly",
    "qa_records",
    "roster",
    "published_weights",
    "qa_form",
    "self_assessment",
    "item_answers",
    "MADE_BY_COMMAND",
    "TEMPLATE_FOR",
    "template_for",
    "study_templates",
    "write_study_templates",
]

_LEVEL = Rule(
    "whole", low=1, high=9, zh="层级：1 为一级指标", en="Level: 1 for first-level indicators"
)
_RELEVANCE = Rule("list", ("1", "2", "3", "4"), zh="请选择 1–4", en="Choose 1–4")
_LAWSHE = Rule(
    "list",
    ("essential", "useful", "not_necessary"),
    zh="essential 必要 / useful 有用 / not_necessary 不必要",
    en="essential, useful or not_necessary",
)
_ZERO_ONE = Rule("list", ("0", "1"), zh="0 否 / 1 是", en="0 no, 1 yes")


def framework_template() -> Template:
    rows = (
        ("A", "", 1, "专业能力", "Professional skills", "", ""),
        ("A1", "A", 2, "产品知识运用", "Applying product knowledge", "", ""),
        ("A2", "A", 2, "问题诊断", "Diagnosing the problem", "", ""),
        ("B", "", 1, "沟通能力", "Communication", "", ""),
        ("B1", "B", 2, "倾听与共情", "Listening and empathy", "", ""),
        ("B2", "B", 2, "情绪安抚", "Calming the customer", "", ""),
    )
    return Template(
        "framework",
        "指标体系",
        "Indicator framework",
        "cslib.core.framework.load_framework",
        "每行一个指标：编号、上级指标、层级和中英文名称。其他模板中的指标编号都来自这里。",
        "One row per indicator: id, parent, level and names. Every other template uses these ids.",
        (
            template_column("id", "指标编号", "Indicator id", "唯一编号，如 A、A1", "A unique id, e.g. A, A1"),
            template_column("parent", "上级指标", "Parent", "一级指标留空", "Empty for first-level indicators", required=False),
            template_column("level", "层级", "Level", "1、2、3 …", "1, 2, 3 …", _LEVEL),
            template_column("name_zh", "中文名称", "Name (Chinese)", "指标的中文名称", "Name in Chinese"),
            template_column("name_en", "英文名称", "Name (English)", "指标的英文名称", "Name in English"),
            template_column("definition_zh", "中文定义", "Definition (Chinese)", "可留空", "May be empty", required=False),
            template_column("definition_en", "英文定义", "Definition (English)", "可留空", "May be empty", required=False),
        ),
        rows,
        ("每组至少两个下级指标；上级指标必须先出现在表中。",),
        ("Each group needs at least two children; a parent must be an id of this table.",),
    )  # fmt: skip


def relevance() -> Template:
    return Template(
        "delphi_relevance",
        "内容效度：相关性评定",
        "Content validity: relevance ratings",
        "cslib.delphi.relevance.read_relevance",
        "每行是一位专家对一个指标的相关性评定（1–4 分），可加 Lawshe 必要性判断。",
        "One row per expert and indicator: relevance 1–4, optionally Lawshe's necessity rating.",
        (
            template_column("expert_id", "专家编号", "Expert id", "与评分文件中的编号一致", "As in the ratings file"),
            template_column("indicator_id", "指标编号", "Indicator id", "指标体系中的编号", "An id of the framework"),
            template_column("relevance", "相关性", "Relevance", "1 不相关 … 4 非常相关", "1 not relevant … 4 highly relevant", _RELEVANCE),
            template_column("lawshe", "必要性", "Necessity", "可留空", "May be empty", _LAWSHE, required=False),
        ),
        (("E01", "A", 4, "essential"), ("E01", "B", 3, "useful")),
    )  # fmt: skip


def qa_weekly() -> Template:
    return Template(
        "qa_weekly",
        "每周质检得分（第3层 行为）",
        "Weekly QA scores (level 3, behaviour)",
        "cslib.effectiveness.io.read_weekly",
        "每行是一位坐席一周的平均质检得分；周以周一的日期表示。也可用 cslib aggregate 从逐通记录生成。",
        "One row per agent and week: the mean QA score; a week is written as its Monday. "
        "cslib aggregate makes this file from call-level records.",
        (
            AGENT_COLUMN,
            TEAM_COLUMN,
            template_column("week", "周（周一日期）", "Week (Monday)", "该周周一的日期", "The week's Monday", DATE),
            template_column("qa_score", "质检得分", "QA score", "0–100", "0–100", Rule("decimal", low=0, high=100, zh="请输入 0–100", en="Enter 0–100")),
        ),
        (("A0001", "T01", EXAMPLE_DATE, 86.5),),
    )  # fmt: skip


def kpi_weekly() -> Template:
    return Template(
        "kpi_weekly",
        "每周业务指标（第4层 结果）",
        "Weekly KPIs (level 4, results)",
        "cslib.effectiveness.io.read_weekly",
        "每行是一位坐席一周的业务指标；没有的指标列可以删除。",
        "One row per agent and week: the KPIs; delete the columns of KPIs you do not have.",
        (
            AGENT_COLUMN,
            TEAM_COLUMN,
            template_column("week", "周（周一日期）", "Week (Monday)", "该周周一的日期", "The week's Monday", DATE),
            template_column("qa_pass_rate", "质检合格率（%）", "QA pass rate (%)", "0–100", "0–100", NONNEG, required=False),
            template_column("repeat_tickets", "重复工单数", "Repeat tickets", "整数", "A whole number", NONNEG, required=False),
            template_column("aht_s", "平均处理时长（秒）", "Average handling time (s)", "秒", "Seconds", NONNEG, required=False),
            template_column("csat", "满意度", "CSAT", "0–100", "0–100", NONNEG, required=False),
            template_column("sales_conversion", "营销成功率（%）", "Sales conversion (%)", "0–100", "0–100", NONNEG, required=False),
        ),
        (("A0001", "T01", EXAMPLE_DATE, 97.5, 0, 184.0, 91.0, 7.5),),
    )  # fmt: skip


def qa_records() -> Template:
    return Template(
        "qa_records",
        "逐通质检记录",
        "Call-level QA records",
        "cslib.monitoring.io.read_qa_records",
        "每行是一通被质检的录音：坐席、班组、质检员、日期和总分。",
        "One row per scored call: agent, team, inspector, date and total score.",
        (
            template_column("call_id", "录音编号", "Call id", "每通录音一个编号", "One id per call"),
            AGENT_COLUMN,
            TEAM_COLUMN,
            template_column("inspector_id", "质检员", "Inspector", "质检员编号", "Inspector id"),
            template_column("date", "日期", "Date", "质检日期", "Date scored", DATE),
            template_column("score", "得分", "Score", "总分", "Total score", NONNEG),
            template_column("must_check", "必检", "Must check", "1 = 按规定必须抽检的录音（投诉等），否则 0", "1 = a call that must be checked (complaints …), else 0", _ZERO_ONE, required=False),
        ),
        (("C00001", "A0001", "T01", "QA01", EXAMPLE_DATE, 92, 0),),
    )  # fmt: skip


def roster() -> Template:
    return Template(
        "roster",
        "坐席名册",
        "Agent roster",
        "cslib.monitoring.io.read_roster",
        "每行一位坐席：班组和入职日期（判断新员工）。",
        "One row per agent: team and hire date (to tell new agents).",
        (AGENT_COLUMN, TEAM_COLUMN, template_column("hire_date", "入职日期", "Hire date", "如 2024-02-15", "e.g. 2024-02-15", DATE)),
        (("A0001", "T01", EXAMPLE_DATE),),
    )  # fmt: skip


def published_weights() -> Template:
    return Template(
        "published_weights",
        "已发表权重表",
        "Published weight table",
        "cslib.core.weight_table.read_weight_table",
        "按原文抄录的权重表（百分数）：组内权重 weight，组合权重 combined（一级指标留空）。",
        "The weight table exactly as printed (per cent): weight within the group, combined "
        "weight (empty for first-level indicators).",
        (
            template_column("id", "指标编号", "Indicator id", "指标体系中的编号", "An id of the framework"),
            template_column("parent", "上级指标", "Parent", "一级指标留空", "Empty for first-level indicators", required=False),
            template_column("weight", "权重（%）", "Weight (%)", "组内权重，按原文", "Within the group, as printed", NONNEG),
            template_column("combined", "组合权重（%）", "Combined (%)", "按原文，可留空", "As printed; may be empty", NONNEG, required=False),
        ),
        (("A", "", 38.15, ""), ("A1", "A", 24.23, 9.24)),
    )  # fmt: skip


def qa_form() -> Template:
    return Template(
        "qa_form",
        "质检表",
        "QA form",
        "cslib.consistency.qa_io.read_qa_form",
        "每行是质检表的一个评分项：编号、中英文名称和满分。",
        "One row per item of the QA form: id, names and maximum points.",
        (
            template_column("item", "评分项编号", "Item id", "如 open、listen", "e.g. open, listen"),
            template_column("name_zh", "中文名称", "Name (Chinese)", "评分项的中文名称", "Name in Chinese"),
            template_column("name_en", "英文名称", "Name (English)", "评分项的英文名称", "Name in English"),
            template_column("max_points", "满分", "Maximum points", "该项满分（大于 0）", "Points > 0", NONNEG),
        ),
        (("open", "开场与身份核实", "Opening and identity check", 5),),
    )  # fmt: skip


def self_assessment(scale: tuple[int, int] = (1, 5)) -> Template:
    items = tuple(
        template_column(
            f"S{k}",
            f"第{k}题",
            f"Item {k}",
            f"{scale[0]}–{scale[1]} 分",
            f"{scale[0]}–{scale[1]}",
            likert(scale),
        )
        for k in range(1, 5)
    )
    return Template(
        "self_assessment",
        "自评问卷",
        "Self-assessment questionnaire",
        "cslib.consistency.qa_io.read_item_scores",
        "每行是一位答卷人的答案，每题一列（题目列可增减，至少两题）。",
        "One row per respondent, one column per item (add or remove item columns; at least two).",
        (template_column("respondent", "答卷人", "Respondent", "每人一个编号", "One id per respondent"), *items),
        (("R001", 4, 3, 4, 5),),
    )  # fmt: skip


def item_answers() -> Template:
    questions = tuple(
        template_column(
            f"q{k:02d}",
            f"第{k}题",
            f"Question {k}",
            "1 答对 / 0 答错",
            "1 right, 0 wrong",
            Rule("list", ("0", "1"), zh="0 或 1", en="0 or 1"),
        )
        for k in range(1, 6)
    )
    return Template(
        "test_items",
        "逐题作答",
        "Item-level test answers",
        "cslib.effectiveness.io.read_test_items",
        "每行是一位坐席一次测验的逐题对错（题目列可增减）。",
        "One row per agent and test: right (1) or wrong (0) per question (add or remove columns).",
        (
            AGENT_COLUMN,
            template_column("course_id", "课程编号", "Course id", "课程目录中的编号", "An id from the course catalogue"),
            template_column("test", "测验类型", "Test", "pre 前测 / post 后测 / delayed 延迟测", "pre, post or delayed", Rule("list", ("pre", "post", "delayed"), zh="请选择", en="Choose")),
            *questions,
        ),
        (("A0001", "MC01", "post", 1, 1, 0, 1, 1),),
    )  # fmt: skip


_ = POSITIVE_WHOLE, Column  # re-exported names other templates use

# notebook parameter → template name ("" where no template fits: a YAML scheme file)
TEMPLATE_FOR: dict[str, str] = {
    "costs_path": "roi_costs",
    "values_path": "roi_values",
    "framework_path": "framework",
    "01_delphi_weights.ratings_path": "delphi_ratings_long",
    "experts_path": "delphi_experts",
    "published_table_path": "published_weights",
    "relevance_path": "delphi_relevance",
    "ahp_survey_path": "ahp_survey",
    "compare_weights_path": "published_weights",
    "qa_form_path": "qa_form",
    "self_assessment_path": "self_assessment",
    "items_path": "test_items",
    "qa_calibration_path": "qa_calibration",
    "calibration_path": "qa_calibration",
    "courses_path": "courses",
    "sessions_path": "sessions",
    "reaction_path": "reaction",
    "tests_path": "tests",
    "qa_path": "qa_weekly",
    "kpi_path": "kpi_weekly",
    "04_training_needs.ratings_path": "needs_ratings",
    "targets_path": "target_profiles",
    "delphi_ratings_path": "delphi_ratings_long",
    "published_weights_path": "published_weights",
    "records_path": "qa_records",
    "roster_path": "roster",
}
"""Which template fits an input: ``notebook.parameter`` first, then the parameter name."""


#: Inputs that a command writes rather than the user (no template): ``cslib collect`` writes
#: the experts' reasons and the returns of a Delphi round.
MADE_BY_COMMAND: dict[str, str] = {
    "responses_path": "cslib collect",
    "returns_path": "cslib collect",
}


def template_for(stem: str, name: str) -> str:
    """The template name for input ``name`` of notebook ``stem`` (``""``: none)."""
    return TEMPLATE_FOR.get(f"{stem}.{name}", TEMPLATE_FOR.get(name, ""))


def _without_indicator_lists(t: Template) -> Template:
    """The template with no drop-down of indicator ids (a study has its own framework)."""
    cols = tuple(
        dataclasses.replace(c, rule=None)
        if c.id in ("indicator_id", "target_indicators") and c.rule is not None
        else c
        for c in t.columns
    )
    return dataclasses.replace(t, columns=cols)


def study_templates(fw: Framework, *, own_framework: bool) -> list[Template]:
    """Every template a study gets; without the user's framework, no indicator drop-downs.

    The wide Delphi layout and the AHP survey have one column per indicator or pair of the
    framework, so without the user's framework they only show the layout.
    """
    base = all_templates(fw)
    if not own_framework:
        base = [_without_indicator_lists(t) for t in base]
    extra = [
        framework_template(),
        relevance(),
        published_weights(),
        qa_form(),
        self_assessment(),
        item_answers(),
        qa_weekly(),
        kpi_weekly(),
        qa_records(),
        roster(),
    ]
    return [extra[0], *base, *extra[1:]]


def write_study_templates(
    folder: str | Path, fw: Framework, *, own_framework: bool, lang: Lang | str = "zh"
) -> list[Path]:
    """Write :func:`study_templates` into ``folder``; return the paths in order."""
    out = Path(folder)
    return [
        write_template(t, out / f"{t.name}.xlsx", lang)
        for t in study_templates(fw, own_framework=own_framework)
    ]
