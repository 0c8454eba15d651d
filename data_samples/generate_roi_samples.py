"""Generate the illustrative costs and values files of notebook 06 (ROI), byte-identical on re-run.

Writes, under ``data_samples/roi/``:

* ``costs.csv``   course_id, category, item, item_en, basis, amount, amortise_over, note — fully loaded
                  costs of the ten sample courses of ``data_samples/courses.csv``
* ``values.csv``  kpi, kpi_unit, value, volume_per_agent_week, intangible, source

**The amounts are illustrative**, chosen to be of a plausible order for a Chinese call centre
(CNY, 2025): a loaded agent wage of 75 CNY per hour (wage, social insurance, seat and
supervision), an in-house trainer at 200 CNY per hour, external classroom trainers at 4 000
CNY a day.  They are not data from any organisation; replace both files with your own
(``cslib templates`` writes fill-in workbooks for them).  Money values follow Phillips'
conservative rule: handle time is valued at the agent's wage without overhead (a saved second
only counts if the released time is used), repeat contacts at the handling cost of one more
contact, a sale at its margin; customer satisfaction has no agreed value and is declared
intangible; QA scores are left out of the values file and so are intangible as well.

Run:  python data_samples/generate_roi_samples.py
"""

from __future__ import annotations

import csv
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "roi"

MICRO = ("MC01", "MC02", "MC03", "MC04", "MC05", "MC06", "MC07")
CLASSROOM = {
    # course: (development total, amortise over deliveries, trainer fee per delivery)
    "CL01": (30000, 10, 4000),
    "CL02": (24000, 8, 4000),
    "CL03": (16000, 8, 2500),
}

COLUMNS = ("course_id", "category", "item", "item_en", "basis", "amount", "amortise_over", "note")


def cost_rows() -> list[tuple[object, ...]]:
    rows: list[tuple[object, ...]] = []
    for c in MICRO:
        rows += [
            (
                c,
                "needs_assessment",
                "需求调研与访谈",
                "Needs interviews",
                "fixed",
                3000,
                40,
                "分摊到预计 40 次授课",
            ),
            (
                c,
                "development",
                "微课脚本与视频制作",
                "Script and video",
                "fixed",
                12000,
                40,
                "分摊到预计 40 次授课",
            ),
            (
                c,
                "delivery",
                "内训师授课与备课（2 小时）",
                "In-house trainer (2 h)",
                "per_delivery",
                400,
                "",
                "200 元/小时",
            ),
            (c, "platform", "学习平台账号", "Learning platform seat", "per_participant", 5, "", ""),
            (c, "materials", "学员手册", "Participant handout", "per_participant", 3, "", ""),
            (
                c,
                "participant_time",
                "学员脱岗工时（含福利）",
                "Participants' time (loaded wage)",
                "per_participant_hour",
                75,
                "",
                "",
            ),
            (
                c,
                "evaluation",
                "效果评估（数据整理与分析）",
                "Evaluation (data and analysis)",
                "fixed",
                2500,
                "",
                "本次评估",
            ),
            (
                c,
                "overhead",
                "培训管理分摊",
                "Training administration",
                "per_participant_hour",
                15,
                "",
                "",
            ),
        ]
    for c, (dev, over, fee) in CLASSROOM.items():
        rows += [
            (c, "needs_assessment", "需求调研与访谈", "Needs interviews", "fixed", 4000, over, ""),
            (
                c,
                "development",
                "课程开发",
                "Course development",
                "fixed",
                dev,
                over,
                f"分摊到预计 {over} 次授课",
            ),
            (
                c,
                "delivery",
                "外部讲师课酬（每天）",
                "External trainer (per day)",
                "per_delivery",
                fee,
                "",
                "",
            ),
            (c, "materials", "讲义与教具", "Handouts and props", "per_participant", 40, "", ""),
            (
                c,
                "participant_time",
                "学员脱岗工时（含福利）",
                "Participants' time (loaded wage)",
                "per_participant_hour",
                75,
                "",
                "",
            ),
            (
                c,
                "evaluation",
                "效果评估（数据整理与分析）",
                "Evaluation (data and analysis)",
                "fixed",
                3000,
                "",
                "本次评估",
            ),
            (
                c,
                "overhead",
                "场地与培训管理分摊",
                "Room and administration",
                "per_participant_hour",
                15,
                "",
                "",
            ),
        ]
    return rows


VALUES = (
    ("kpi", "kpi_unit", "value", "volume_per_agent_week", "intangible", "source"),
    ("aht_s", "s", 0.0125, 200, "", "示例：坐席工资 45 元/小时 ÷ 3600 秒；每人每周 200 通"),
    ("repeat_tickets", "ticket", 12, "", "", "示例：多处理一次重复来电的成本"),
    ("sales_conversion", "pp", 40, 60, "", "示例：每单毛利 40 元；每人每周营销 60 次"),
    ("csat", "pp", "", "", "yes", "示例：没有公认的货币价值，列为无形收益"),
)


def write(path: Path, rows: list[tuple[object, ...]] | tuple[tuple[object, ...], ...]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerows(rows)


def main() -> None:
    OUT.mkdir(exist_ok=True)
    write(OUT / "costs.csv", [COLUMNS, *cost_rows()])
    write(OUT / "values.csv", VALUES)


if __name__ == "__main__":
    main()
