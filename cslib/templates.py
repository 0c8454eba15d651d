"""Excel input templates: one workbook per input file the notebooks read.

``python -m cslib templates [--output-dir D] [--lang zh|en] [--framework F]`` writes, for every
input, a workbook a trainer can fill in without reading the code:

* a data sheet whose first row holds the column ids the readers expect (so a filled-in
  template is read as is), each header carrying a comment with its Chinese and English label
  and what to enter; the header row is frozen;
* example rows (grey, italic) that the real reader accepts — replace them with your data;
* data validation on the cells: Likert scores from a drop-down list, dates, 0–1 coefficients,
  Saaty codes, yes/no, course formats, test kinds, indicator ids of the framework;
* a last sheet "说明 Instructions" with the instructions and a column dictionary in Chinese and
  English (:data:`cslib.core.io.INSTRUCTION_SHEETS` are never read as data).

The templates depend on the framework (indicator ids, AHP pairs), by default the sample
framework shipped in ``data_samples/``.  The workbook layout is written here with openpyxl:
no maintained package generates validated input templates from reader schemas.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from cslib.core.codes import (
    FORMAT_CODES,
    SOURCE_CODES,
    STAFF_GROUP_CODES,
    TEST_CODES,
    dropdown,
)
from cslib.core.framework import Framework
from cslib.core.i18n import Lang, both_sides, check_lang, choose
from cslib.core.inert import save_workbook

INSTRUCTIONS_SHEET = "说明 Instructions"
DATA_SHEET = ("数据", "data")  # (zh, en): one side, Chinese for zh+en
EXAMPLE_ROWS_MAX = 1000  # validation is applied to this many data rows


@dataclass(frozen=True)
class Rule:
    """A data-validation rule for one column (rendered with openpyxl ``DataValidation``)."""

    kind: str  # "list", "whole", "decimal", "date"
    values: tuple[str, ...] = ()
    low: float | None = None
    high: float | None = None
    zh: str = ""
    en: str = ""


@dataclass(frozen=True)
class Column:
    """One column of a template: id (the header the reader expects), labels, rule."""

    id: str
    zh: str
    en: str
    help_zh: str
    help_en: str
    required: bool = True
    rule: Rule | None = None


@dataclass(frozen=True)
class Template:
    """One input template."""

    name: str
    title_zh: str
    title_en: str
    reader: str
    purpose_zh: str
    purpose_en: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[object, ...], ...]
    notes_zh: tuple[str, ...] = ()
    notes_en: tuple[str, ...] = ()


# --------------------------------------------------------------------------- rules
def likert(scale: tuple[int, int] = (1, 5)) -> Rule:
    lo, hi = scale
    values = tuple(str(v) for v in range(lo, hi + 1))
    return Rule(
        "list",
        values,
        zh=f"请从下拉列表选择 {lo}–{hi} 的整数",
        en=f"Choose a whole number {lo}–{hi} from the list",
    )


SAATY = Rule(
    "list",
    tuple(str(v) for v in (*range(-9, -1), *range(1, 10))),
    zh="Saaty 代码：1 表示同等重要；2…9 表示左侧指标更重要；-2…-9 表示右侧指标更重要",
    en="Saaty code: 1 = equal; 2…9 = left item more important; -2…-9 = right item more important",
)
UNIT = Rule("decimal", low=0, high=1, zh="请输入 0 到 1 之间的数", en="Enter a number from 0 to 1")
YES_NO = Rule("list", ("yes", "no", "是", "否"), zh="请选择 是/否", en="Choose yes or no")
DATE = Rule(
    "date",
    low=0,
    zh="请输入日期，例如 2025-03-04",
    en="Enter a date, e.g. 2025-03-04",
)
ROUND = Rule("whole", low=1, high=99, zh="轮次：从 1 开始的整数", en="Round: a whole number from 1")
NONNEG = Rule("decimal", low=0, zh="请输入不小于 0 的数", en="Enter a number ≥ 0")
POSITIVE_WHOLE = Rule("whole", low=1, zh="请输入正整数", en="Enter a whole number ≥ 1")
FORMAT = Rule(
    "list",
    dropdown(FORMAT_CODES),
    zh="micro（微课）或 classroom（传统课堂）",
    en="micro = micro-course; classroom = classroom course",
)
TEST_KIND = Rule(
    "list",
    dropdown(TEST_CODES),
    zh="pre（前测）、post（后测）或 delayed（延迟测）",
    en="pre-test, post-test or delayed test",
)
STAFF_GROUP = Rule(
    "list",
    dropdown(STAFF_GROUP_CODES),
    zh="front_line（一线）或 back_office（后台）",
    en="front line or back office",
)
SOURCES = Rule(
    "list",
    dropdown(SOURCE_CODES),
    zh="self（自评）、leader（班组长）、qa（质检）或 peer（同事）",
    en="self, team leader, QA or peer rating",
)


def _indicator_rule(ids: Sequence[str]) -> Rule | None:
    if len(",".join(ids)) > 250:  # Excel limits an inline list to 255 characters
        return None
    return Rule("list", tuple(ids), zh="框架中的指标编号", en="An indicator id of the framework")


# --------------------------------------------------------------------------- templates
def template_column(
    id: str, zh: str, en: str, help_zh: str, help_en: str, rule: Rule | None = None, **kw: bool
) -> Column:
    return Column(id, zh, en, help_zh, help_en, rule=rule, **kw)


_EXPERT = template_column(
    "expert_id", "专家编号", "Expert id", "每位专家一个编号，如 E01", "One id per expert, e.g. E01"
)
AGENT_COLUMN = template_column(
    "agent_id", "坐席编号", "Agent id", "工号或坐席编号", "Staff or agent id"
)
TEAM_COLUMN = template_column("team", "班组", "Team", "坐席所在班组", "The agent's team")
_COURSE = template_column(
    "course_id", "课程编号", "Course id", "课程目录中的编号", "An id from the course catalogue"
)
_DATE = template_column(
    "date", "日期", "Date", "日期，例如 2025-03-04", "Date, e.g. 2025-03-04", DATE
)
EXAMPLE_DATE = dt.datetime(2025, 3, 4)
EXAMPLE_COURSE = ("MC01", "倾听与共情", "Listening and empathy", "服务技巧", 60, "micro")


def delphi_long(fw: Framework, scale: tuple[int, int] = (1, 5)) -> Template:
    rows = tuple((1, "E01", i, scale[1] - (k % 2)) for k, i in enumerate(fw.ids))
    return Template(
        "delphi_ratings_long",
        "德尔菲评分（长格式）",
        "Delphi ratings (long format)",
        "cslib.delphi.io.read_ratings",
        "每行是一位专家在一轮中对一个指标的重要性评分。",
        "One row per round, expert and indicator: the importance score.",
        (
            template_column(
                "round", "轮次", "Round", "第几轮咨询（1、2…）", "Delphi round (1, 2, …)", ROUND
            ),
            _EXPERT,
            template_column(
                "indicator_id",
                "指标编号",
                "Indicator id",
                "框架中的指标编号（见说明页）",
                "Indicator id from the framework (see the instructions sheet)",
                _indicator_rule(fw.ids),
            ),
            template_column(
                "score",
                "重要性评分",
                "Importance score",
                f"{scale[0]} = 很不重要 … {scale[1]} = 非常重要",
                f"{scale[0]} = not important … {scale[1]} = very important",
                likert(scale),
            ),
        ),
        rows,
        ("每位专家在每一轮都要为所有指标评分。",),
        ("Every expert scores every indicator in every round.",),
    )


def delphi_wide(fw: Framework, scale: tuple[int, int] = (1, 5)) -> Template:
    cols = [
        _EXPERT,
        template_column(
            "round", "轮次", "Round", "第几轮咨询（1、2…）", "Delphi round (1, 2, …)", ROUND
        ),
    ]
    cols += [
        template_column(
            i,
            fw.name(i, "zh"),
            fw.name(i, "en"),
            f"{scale[0]}–{scale[1]} 分",
            f"score {scale[0]}–{scale[1]}",
            likert(scale),
        )
        for i in fw.ids
    ]
    rows = (
        ("E01", 1, *[scale[1] - (k % 2) for k in range(len(fw.ids))]),
        ("E02", 1, *[scale[1] - ((k + 1) % 3) for k in range(len(fw.ids))]),
    )
    return Template(
        "delphi_ratings_wide",
        "德尔菲评分（宽格式）",
        "Delphi ratings (wide format)",
        "cslib.delphi.io.read_ratings",
        "每行是一位专家在一轮中的全部评分，每个指标一列。",
        "One row per expert and round, one column per indicator.",
        tuple(cols),
        rows,
        ("列标题是指标编号；鼠标停在标题上可看到指标名称。",),
        ("Column headers are indicator ids; hover over a header to see the indicator's name.",),
    )


def delphi_experts() -> Template:
    return Template(
        "delphi_experts",
        "专家基本情况",
        "Expert profiles",
        "cslib.delphi.io.read_experts",
        "每行一位专家：工作年限、职务、判断依据系数 Ca 和熟悉程度系数 Cs。",
        "One row per expert: years of experience, job title, judgment basis Ca and familiarity Cs.",
        (
            _EXPERT,
            template_column("sector_zh", "所在行业", "Sector (Chinese)", "行业（中文）", "Sector in Chinese", required=False),
            template_column("sector_en", "所在行业（英文）", "Sector", "行业（英文）", "Sector in English", required=False),
            template_column("years", "工作年限", "Years of experience", "从事客服相关工作的年数", "Years in customer service", NONNEG, required=False),
            template_column("title", "职务", "Job title", "职务或职称", "Job title", required=False),
            template_column("ca", "判断依据 Ca", "Judgment basis Ca", "0–1，按判断依据量化表", "0–1, from the judgment-basis table", UNIT),
            template_column("cs", "熟悉程度 Cs", "Familiarity Cs", "0–1，按熟悉程度量化表", "0–1, from the familiarity table", UNIT),
        ),
        (("E01", "家电零售", "appliance retail", 15, "客服主管", 0.9, 0.8),),
    )  # fmt: skip


def ahp_survey(fw: Framework) -> Template:
    cols = [
        template_column("expert", "专家编号", "Expert id", "每位专家一个编号", "One id per expert")
    ]
    for _parent, children in fw.groups.items():
        for a in range(len(children)):
            for b in range(a + 1, len(children)):
                left, right = children[a], children[b]
                cols.append(
                    template_column(
                        f"{left}~{right}",
                        f"{fw.name(left, 'zh')} 对比 {fw.name(right, 'zh')}",
                        f"{fw.name(left, 'en')} vs {fw.name(right, 'en')}",
                        "左侧比右侧重要几倍（Saaty 代码）",
                        "How much more important left is than right (Saaty code)",
                        SAATY,
                    )
                )
    example = tuple([2, -3, 1, 3, -2][k % 5] for k in range(len(cols) - 1))
    return Template(
        "ahp_survey",
        "层次分析法两两比较问卷",
        "AHP pairwise-comparison survey",
        "cslib.consistency.ahp_io.read_ahp_survey",
        "每行一位专家，每个“左~右”列是一对同级指标的比较。",
        "One row per expert; each left~right column compares two sibling indicators.",
        tuple(cols),
        (("E01", *example),),
        (
            "1 表示同等重要；3 表示左侧稍重要；5 明显重要；7 强烈重要；9 极端重要；负数表示右侧更重要。",
        ),
        (
            "1 = equal; 3 = left moderately more important; 5 strongly; 7 very strongly; "
            "9 extremely; negative codes mean the right item is more important.",
        ),
    )


def qa_calibration() -> Template:
    rows = tuple(
        (call, qa, item, score)
        for call, qa, item, score in (
            ("C01", "QA01", "open", 4),
            ("C01", "QA01", "listen", 8),
            ("C01", "QA02", "open", 5),
            ("C01", "QA02", "listen", 9),
        )
    )
    return Template(
        "qa_calibration",
        "质检校准评分",
        "QA calibration scores",
        "cslib.consistency.qa_io.read_qa_calibration",
        "同一批录音由每位质检员独立评分，每行是一位质检员对一通录音一个评分项的得分。",
        "Every inspector scores the same calls; one row per call, inspector and form item.",
        (
            template_column("call_id", "录音编号", "Call id", "校准用录音的编号", "Id of the calibration call"),
            template_column("inspector_id", "质检员", "Inspector", "质检员编号", "Inspector id"),
            template_column("item", "评分项", "Form item", "质检表中的评分项编号", "Item id of the QA form"),
            template_column("score", "得分", "Score", "该项得分（不超过该项满分）", "Points for the item (up to its maximum)", NONNEG),
        ),
        rows,
    )  # fmt: skip


def courses(fw: Framework) -> Template:
    leaves = fw.leaves
    return Template(
        "courses",
        "课程目录",
        "Course catalogue",
        "cslib.core.courses.read_courses",
        "每行一门课程：名称、系列、时长、形式和对应的能力指标。",
        "One row per course: titles, series, length, format and the indicators it trains.",
        (
            _COURSE,
            template_column("title_zh", "课程名称", "Title (Chinese)", "中文课程名", "Title in Chinese"),
            template_column("title_en", "课程名称（英文）", "Title", "英文课程名", "Title in English"),
            template_column("series", "课程系列", "Series", "所属系列（可与名称相同）", "Course series (may equal the title)"),
            template_column("duration_min", "时长（分钟）", "Minutes", "课程时长（分钟）", "Length in minutes", POSITIVE_WHOLE),
            template_column("format", "形式", "Format", "micro = 微课；classroom = 传统课堂", "micro or classroom", FORMAT),
            template_column("target_indicators", "对应指标", "Target indicators", "指标编号，多个用分号隔开，如 A1;B2", "Indicator ids separated by semicolons, e.g. A1;B2"),
        ),
        ((*EXAMPLE_COURSE, ";".join(leaves[:2])),),
    )  # fmt: skip


def sessions() -> Template:
    return Template(
        "sessions",
        "参训记录",
        "Attendance (sessions)",
        "cslib.effectiveness.io.read_sessions",
        "每行是一位坐席参加一门课程的记录。",
        "One row per agent and course attended.",
        (
            AGENT_COLUMN,
            TEAM_COLUMN,
            _COURSE,
            _DATE,
            template_column("format", "形式", "Format", "可留空（取课程目录中的形式）", "May be left empty (taken from the catalogue)", FORMAT, required=False),
        ),
        (("A0001", "T01", EXAMPLE_COURSE[0], EXAMPLE_DATE, "micro"),),
    )  # fmt: skip


def learning_tests() -> Template:
    return Template(
        "tests",
        "测验成绩",
        "Test scores",
        "cslib.effectiveness.io.read_tests",
        "每行是一位坐席一次测验（前测、后测或延迟测）的成绩。",
        "One row per agent, course and test (pre, post or delayed).",
        (
            AGENT_COLUMN,
            _COURSE,
            template_column("test", "测验类型", "Test", "pre 前测 / post 后测 / delayed 延迟测", "pre, post or delayed", TEST_KIND),
            _DATE,
            template_column("score", "得分", "Score", "0 到满分之间", "Between 0 and the maximum score", NONNEG),
            template_column("max_score", "满分", "Maximum score", "同一课程前后测满分相同", "Same for every test of a course", NONNEG),
        ),
        (
            ("A0001", EXAMPLE_COURSE[0], "pre", EXAMPLE_DATE, 60, 100),
            ("A0001", EXAMPLE_COURSE[0], "post", EXAMPLE_DATE, 80, 100),
        ),
    )  # fmt: skip


def reaction(scale: tuple[int, int] = (1, 5)) -> Template:
    items = (
        ("q_content", "课程内容", "Content"),
        ("q_trainer", "讲师", "Trainer"),
        ("q_relevance", "与工作的相关性", "Relevance to the job"),
        ("q_format", "授课形式", "Format"),
    )
    return Template(
        "reaction",
        "课后满意度调查",
        "Reaction (satisfaction) survey",
        "cslib.effectiveness.io.read_reaction",
        "每行是一份课后问卷。以 q_ 开头的列是李克特量表题，可增减。",
        "One row per questionnaire. Columns starting with q_ are Likert items; add or remove them.",
        (
            template_column("response_id", "问卷编号", "Response id", "每份问卷一个编号", "One id per response", required=False),
            AGENT_COLUMN,
            _COURSE,
            _DATE,
            template_column("staff_group", "人员类别", "Staff group", "front_line 一线 / back_office 后台", "front_line or back_office", STAFF_GROUP),
            *[template_column(i, zh, en, f"{scale[0]}–{scale[1]} 分", f"{scale[0]}–{scale[1]}", likert(scale)) for i, zh, en in items],
            template_column("satisfied", "总体满意", "Satisfied", "是 / 否", "yes or no", YES_NO),
            template_column("helpful", "对工作有帮助", "Helpful", "是 / 否，可留空", "yes, no or empty", YES_NO, required=False),
        ),
        (("R0001", "A0001", EXAMPLE_COURSE[0], EXAMPLE_DATE, "front_line", 5, 4, 4, 5, "yes", "yes"),),
    )  # fmt: skip


def ratings_360(fw: Framework, scale: tuple[int, int] = (1, 5)) -> Template:
    rows = tuple(("A0001", "T01", "self", i, scale[1] - (k % 3)) for k, i in enumerate(fw.leaves))
    return Template(
        "needs_ratings",
        "360° 能力评价",
        "360° competency ratings",
        "cslib.needs.assessment.read_assessments",
        "每行是一个评价来源（自评、班组长、质检、同事）对一位坐席一个指标的评分。",
        "One row per agent, rating source and indicator.",
        (
            AGENT_COLUMN,
            TEAM_COLUMN,
            template_column("source", "评价来源", "Source", "self 自评 / leader 班组长 / qa 质检 / peer 同事", "self, leader, qa or peer", SOURCES),
            template_column("indicator_id", "指标编号", "Indicator id", "最底层指标编号", "A lowest-level indicator id", _indicator_rule(fw.leaves)),
            template_column("score", "评分", "Score", f"{scale[0]}–{scale[1]} 分", f"{scale[0]}–{scale[1]}", likert(scale)),
        ),
        rows,
    )  # fmt: skip


def target_profiles(fw: Framework, scale: tuple[int, int] = (1, 5)) -> Template:
    rows = tuple(("complaint_handling", i, 4.0) for i in fw.leaves)
    return Template(
        "target_profiles",
        "岗位目标能力",
        "Target profiles",
        "cslib.needs.analysis.read_target_profiles",
        "每行是一个岗位在一个最底层指标上的目标水平。",
        "One row per post and lowest-level indicator: the target level.",
        (
            template_column("post", "岗位", "Post", "岗位代码，如 complaint_handling", "Post code, e.g. complaint_handling"),
            template_column("indicator_id", "指标编号", "Indicator id", "最底层指标编号", "A lowest-level indicator id", _indicator_rule(fw.leaves)),
            template_column("target", "目标水平", "Target", f"{scale[0]}–{scale[1]}", f"{scale[0]}–{scale[1]}", Rule("decimal", low=scale[0], high=scale[1], zh=f"请输入 {scale[0]}–{scale[1]} 之间的数", en=f"Enter a number {scale[0]}–{scale[1]}")),
        ),
        rows,
        ("每个岗位都要给出所有最底层指标的目标。",),
        ("Give a target for every lowest-level indicator of each post.",),
    )  # fmt: skip


def roi_costs() -> Template:
    categories = Rule(
        "list",
        (
            "needs_assessment",
            "development",
            "delivery",
            "platform",
            "materials",
            "participant_time",
            "evaluation",
            "overhead",
        ),
        zh="成本类别：需求评估、课程开发、授课、平台、资料、学员脱岗工时、效果评估、管理分摊",
        en="Cost category (Phillips' fully loaded costs)",
    )
    bases = Rule(
        "list",
        ("fixed", "per_participant", "per_participant_hour", "per_delivery"),
        zh="fixed = 固定总额；per_participant = 每名学员；per_participant_hour = 每名学员每小时；per_delivery = 每次授课",
        en="What the amount is per: fixed total, participant, participant-hour or delivery",
    )
    return Template(
        "roi_costs",
        "培训成本（全口径）",
        "Training costs (fully loaded)",
        "cslib.roi.io.read_costs",
        "每行是一门课程的一项成本。学员脱岗工时（按含福利的小时工资）不可遗漏。",
        "One row per cost item of a course. Do not forget the participants' time away from the phones (loaded wage per hour).",
        (
            _COURSE,
            template_column("category", "成本类别", "Category", "从下拉列表选择", "Choose from the list", categories),
            template_column("item", "成本项", "Item", "成本项名称，如 讲师课时费", "Name of the item, e.g. trainer fee"),
            template_column("basis", "计费方式", "Basis", "金额按什么计", "What the amount is charged per", bases),
            template_column("amount", "金额", "Amount", "金额（元），不小于 0", "Amount (currency), ≥ 0", NONNEG),
            template_column("amortise_over", "分摊授课次数", "Amortise over", "固定成本按课程预计授课次数分摊；不分摊留空", "Deliveries a fixed cost is spread over; blank = charged in full", POSITIVE_WHOLE, required=False),
        ),
        (
            (EXAMPLE_COURSE[0], "development", "课程脚本与视频", "fixed", 12000, 40),
            (EXAMPLE_COURSE[0], "participant_time", "学员工时（含福利）", "per_participant_hour", 75, None),
        ),
    )  # fmt: skip


def roi_values() -> Template:
    kpis = Rule(
        "list",
        ("qa_score", "qa_pass_rate", "repeat_tickets", "aht_s", "csat", "sales_conversion"),
        zh="报告 03 的每周指标",
        en="A weekly measure of report 03",
    )
    return Template(
        "roi_values",
        "指标的货币价值",
        "Money value of the KPIs",
        "cslib.roi.io.read_values",
        "每行一个指标：一个单位值多少钱、每名坐席每周发生多少次。没有公认价值的指标填 intangible = yes（只列为无形收益，不折算）。",
        "One row per KPI: what one unit is worth and how often it occurs per agent-week. A KPI without an agreed value: intangible = yes (listed, never monetised).",
        (
            template_column("kpi", "指标", "KPI", "指标代码", "KPI key", kpis),
            template_column("kpi_unit", "指标单位", "KPI unit", "aht_s 填 s（秒/通）；比率填 pp（百分点）；repeat_tickets 填 ticket；qa_score 填 point", "s for aht_s (seconds per call); pp for rates (percentage points); ticket; point"),
            template_column("value", "单位价值", "Value", "一个单位在一次发生上值多少钱（元）；比率填一次成功（如一单）的价值", "Money per unit on one occurrence; for a rate, the value of one success (e.g. a sale)", NONNEG, required=False),
            template_column("volume_per_agent_week", "每人每周次数", "Volume per agent-week", "每名坐席每周的通话数或接触数", "Calls or contacts per agent-week", NONNEG, required=False),
            template_column("intangible", "无形收益", "Intangible", "没有货币价值时填 是", "yes when the KPI has no money value", YES_NO, required=False),
            template_column("source", "依据", "Source", "价值的来源", "Where the value comes from", required=False),
        ),
        (
            ("aht_s", "s", 0.0125, 200, "no", "45 元/小时 ÷ 3600"),
            ("csat", "pp", None, None, "yes", "无公认价值"),
        ),
    )  # fmt: skip


def all_templates(fw: Framework, scale: tuple[int, int] = (1, 5)) -> list[Template]:
    """Every input template for framework ``fw`` (in the order the notebooks use them)."""
    builders: list[Callable[[], Template]] = [
        lambda: delphi_long(fw, scale),
        lambda: delphi_wide(fw, scale),
        delphi_experts,
        lambda: ahp_survey(fw),
        qa_calibration,
        lambda: courses(fw),
        sessions,
        learning_tests,
        lambda: reaction(scale),
        lambda: ratings_360(fw, scale),
        lambda: target_profiles(fw, scale),
        roi_costs,
        roi_values,
    ]
    return [b() for b in builders]


# --------------------------------------------------------------------------- writing
_TEXT = {
    "how": ("填写方法", "How to fill in"),
    "steps": (
        (
            "1. 在“数据”页填写，每行一条记录；第一行的列名不要修改（程序按列名读取）。",
            "2. 灰色斜体行是示例，请用自己的数据替换或删除。",
            "3. 带下拉箭头的单元格请从列表中选择；日期请按 2025-03-04 的格式输入。",
            "4. 鼠标停在列名上可看到该列的中文名称和填写说明；完整说明见下表。",
            "5. 保存为 .xlsx 后，在参数中填写文件路径即可分析。",
        ),
        (
            "1. Fill in the data sheet, one record per row; do not change the column ids in row 1 "
            "(the program reads columns by these ids).",
            "2. Grey italic rows are examples: replace or delete them.",
            "3. Cells with a drop-down arrow take a value from the list; enter dates as 2025-03-04.",
            "4. Hover over a column id to see its label and what to enter; the table below lists "
            "every column.",
            "5. Save as .xlsx and give the file's path in the parameters to analyse it.",
        ),
    ),
    "reader": ("读取函数", "Read by"),
    "columns": ("列说明", "Columns"),
    "col_head": (
        ("列名（勿改）", "中文名称", "英文名称", "必填", "填写说明", "英文说明"),
        (
            "Column id (keep)",
            "Chinese label",
            "English label",
            "Required",
            "Chinese help",
            "What to enter",
        ),
    ),
    "yes": ("是", "yes"),
    "no": ("否", "no"),
    "notes": ("注意", "Notes"),
}


def _pick(key: str, lang: Lang) -> object:
    return choose(*_TEXT[key], lang)


def _data_validation(rule: Rule) -> object:
    from openpyxl.worksheet.datavalidation import DataValidation

    def num(x: float | None) -> str | None:
        return None if x is None else f"{x:g}"

    if rule.kind == "list":
        dv = DataValidation(
            type="list", formula1='"' + ",".join(rule.values) + '"', allow_blank=True
        )
    elif rule.kind == "date":
        dv = DataValidation(
            type="date", operator="greaterThan", formula1="DATE(2000,1,1)", allow_blank=True
        )
    elif rule.low is not None and rule.high is not None:
        dv = DataValidation(
            type=rule.kind,
            operator="between",
            formula1=num(rule.low),
            formula2=num(rule.high),
            allow_blank=True,
        )
    else:
        dv = DataValidation(
            type=rule.kind, operator="greaterThanOrEqual", formula1=num(rule.low), allow_blank=True
        )
    dv.error = f"{rule.zh}\n{rule.en}"
    dv.errorTitle = "输入无效 Invalid entry"
    dv.showErrorMessage = True
    dv.prompt = f"{rule.zh}\n{rule.en}"
    dv.showInputMessage = True
    return dv  # fmt: skip


def _width(text: object) -> int:
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in str(text))


def write_template(template: Template, path: str | Path, lang: Lang | str = "zh") -> Path:
    """Write one template workbook (atomically) and return its path."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    lang = check_lang(lang)
    path = Path(path)
    wb = Workbook()
    ws = wb.active
    ws.title = choose(*DATA_SHEET, lang)
    ws.append([c.id for c in template.columns])
    head_fill = PatternFill("solid", fgColor="DDEBF7")
    example_font, example_fill = (
        Font(italic=True, color="555555"),
        PatternFill("solid", fgColor="EEEEEE"),
    )
    for k, col in enumerate(template.columns, 1):
        cell = ws.cell(row=1, column=k)
        cell.font, cell.fill = Font(bold=True), head_fill
        required = _TEXT["yes" if col.required else "no"]
        note = (
            f"{col.zh} / {col.en}\n{col.help_zh}\n{col.help_en}\n"
            f"必填 Required: {required[0]} / {required[1]}"
        )
        cell.comment = Comment(note, "cslib", width=320, height=140)
    for row in template.rows:
        ws.append(list(row))
    last_example = 1 + len(template.rows)
    for r in range(2, last_example + 1):
        for k in range(1, len(template.columns) + 1):
            cell = ws.cell(row=r, column=k)
            cell.font, cell.fill = example_font, example_fill
            if isinstance(cell.value, dt.datetime | dt.date):
                cell.number_format = "yyyy-mm-dd"
    for k, col in enumerate(template.columns, 1):
        letter = get_column_letter(k)
        if col.rule is not None:
            dv = _data_validation(col.rule)
            ws.add_data_validation(dv)
            dv.add(f"{letter}2:{letter}{EXAMPLE_ROWS_MAX + 1}")  # type: ignore[attr-defined]
        values = [col.id] + [row[k - 1] for row in template.rows]
        ws.column_dimensions[letter].width = min(max(max(_width(v) for v in values) + 3, 10), 40)
    ws.freeze_panes = "A2"

    info = wb.create_sheet(INSTRUCTIONS_SHEET)
    # the instructions are always in both languages; the report language comes first
    order = both_sides(lang)
    bold = Font(bold=True)
    info.append([f"{template.title_zh} · {template.title_en}"])
    info["A1"].font = Font(bold=True, size=14)
    for side in order:
        info.append([choose(template.purpose_zh, template.purpose_en, side)])
    info.append([])
    for side in order:
        info.append([str(_pick("how", side))])
        info.cell(row=info.max_row, column=1).font = bold
        for step in _pick("steps", side):  # type: ignore[attr-defined]
            info.append([step])
        notes = choose(template.notes_zh, template.notes_en, side)
        if notes:
            info.append([str(_pick("notes", side))])
            info.cell(row=info.max_row, column=1).font = bold
            for n in notes:
                info.append([n])
        info.append([])
    info.append([f"{_TEXT['reader'][0]} / {_TEXT['reader'][1]}: {template.reader}"])
    info.append([])
    info.append([f"{_TEXT['columns'][0]} / {_TEXT['columns'][1]}"])
    info.cell(row=info.max_row, column=1).font = bold
    heads_zh, heads_en = _TEXT["col_head"]
    info.append([f"{z} / {e}" for z, e in zip(heads_zh, heads_en, strict=True)])
    for cell in info[info.max_row]:
        cell.font, cell.fill = bold, head_fill
    for col in template.columns:
        req = _TEXT["yes" if col.required else "no"]
        info.append([col.id, col.zh, col.en, f"{req[0]} / {req[1]}", col.help_zh, col.help_en])
    for letter, width in zip("ABCDEF", (22, 26, 30, 12, 40, 50), strict=True):
        info.column_dimensions[letter].width = width
    for row in info.iter_rows(min_row=2, max_row=12):
        for cell in row:
            cell.alignment = Alignment(wrap_text=False, vertical="top")
    save_workbook(wb, path)  # framework names and examples stay text, never formulas
    return path


def default_framework() -> Framework:
    """The sample framework shipped with the project (``data_samples/``)."""
    from cslib.core.framework import load_framework
    from cslib.core.paths import resolve

    return load_framework(resolve("data_samples/framework_complaint_handling.yaml"))


def write_templates(
    output_dir: str | Path,
    *,
    lang: Lang | str = "zh",
    framework: Framework | None = None,
    scale: tuple[int, int] = (1, 5),
) -> list[Path]:
    """Write every input template into ``output_dir``; return the paths in order.

    Parameters
    ----------
    output_dir : str or Path
        Folder for the workbooks (created if needed).
    lang : {"zh", "en", "zh+en"}
        Which language comes first on the instruction sheet and names the data sheet; headers
        always carry both languages.
    framework : Framework, optional
        Indicator framework (default :func:`default_framework`).
    scale : (int, int)
        Likert scale of ratings.
    """
    lang = check_lang(lang)
    fw = framework or default_framework()
    out = Path(output_dir)
    return [write_template(t, out / f"{t.name}.xlsx", lang) for t in all_templates(fw, scale)]


def main(args: object) -> int:
    """The ``templates`` subcommand (``args`` from :mod:`argparse`)."""
    import sys

    from cslib.core.errors import InputError
    from cslib.core.framework import load_framework

    output_dir = Path(getattr(args, "output_dir", None) or "templates")
    if output_dir.exists() and not output_dir.is_dir():
        print(
            f"error: parameter '--output-dir': {output_dir} is a file, not a folder; expected a "
            "folder for the templates (it is created if missing) (--output-dir 应为文件夹)",
            file=sys.stderr,
        )
        return 2
    try:
        fw_path = getattr(args, "framework", None)
        fw = load_framework(fw_path) if fw_path else default_framework()
        paths = write_templates(output_dir, lang=getattr(args, "lang", "zh"), framework=fw)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:  # e.g. a folder that cannot be created or written
        print(
            f"error: parameter '--output-dir': cannot write to {output_dir}: {exc}", file=sys.stderr
        )
        return 2
    for p in paths:
        print(p)
    return 0
