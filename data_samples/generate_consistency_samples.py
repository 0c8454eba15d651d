"""Generate the sample data of the consistency-checks notebook (fixed seed, byte-identical).

Run from the project root::

    .venv/bin/python data_samples/generate_consistency_samples.py

Writes, under ``data_samples/``:

* ``ahp_survey.csv`` — 20 experts' pairwise judgements (survey codes, see ``docs/ahp_input.md``)
  on the complaint-handling framework (groups top→A,B,C; A→A1..A4; B→B1..B4; C→C1..C3).
  Judgements are the published Delphi weights (docs/background.md §1) seen through each expert's
  own lognormal perturbation and rounded to Saaty's scale; experts E04, E11 and E17 answer
  carelessly (large noise), so some of their matrices have CR > 0.10.
* ``ahp_matrices_sample.csv`` — the first three experts' answers written as full matrices
  (matrix mode), for the reader's documentation and tests.
* ``qa_form.csv`` — the 10-item call quality form (max points, sum 100).
* ``qa_calibration.csv`` — 5 QA inspectors × 40 recorded calls × 10 items (long format);
  inspector QA03 scores systematically harder (about −6 points on the total); two item
  scores are missing (blank).
* ``self_assessment.csv`` — 80 agents × 8 Likert items (1–5) of a competency
  self-assessment; item S6 is weakly related to the rest (alpha rises if it is deleted).
* ``kpi_scheme_ecommerce.yaml`` — the e-commerce chat KPI appraisal scheme as printed
  (docs/background.md §3), and ``qa_agent_score_scheme.yaml`` — QA monthly agent score 80 % + 20 %.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
SEED = 20261123

# published weights (docs/background.md §1), used as the "true" weights the experts perceive
TRUE = {
    None: {"A": 38.15, "B": 33.47, "C": 28.38},
    "A": {"A1": 24.23, "A2": 22.48, "A3": 27.14, "A4": 26.15},
    "B": {"B1": 34.52, "B2": 30.16, "B3": 21.24, "B4": 14.08},
    "C": {"C1": 31.21, "C2": 36.57, "C3": 32.22},
}
CARELESS = {"E04", "E11", "E17"}
SAATY = np.array([1 / k for k in range(9, 1, -1)] + [float(k) for k in range(1, 10)])


def _code(ratio: float) -> int:
    v = SAATY[np.abs(np.log(SAATY) - np.log(ratio)).argmin()]
    return int(round(v)) if v >= 1 else -int(round(1 / v))


def _write_csv(path: Path, header: list[str], rows: list[list[object]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def ahp_survey(rng: np.random.Generator) -> tuple[list[str], list[list[object]]]:
    experts = [f"E{k:02d}" for k in range(1, 21)]
    header = ["expert"]
    for children in TRUE.values():
        ids = list(children)
        header += [f"{ids[i]}~{ids[j]}" for i in range(len(ids)) for j in range(i + 1, len(ids))]
    rows = []
    for e in experts:
        row: list[object] = [e]
        sigma = 0.75 if e in CARELESS else 0.18
        for children in TRUE.values():
            ids = list(children)
            w = np.array([children[i] for i in ids])
            w = w * np.exp(rng.normal(0, 0.20, len(w)))  # the expert's own view
            for i in range(len(ids)):
                for j in range(i + 1, len(ids)):
                    row.append(_code(w[i] / w[j] * np.exp(rng.normal(0, sigma))))
        rows.append(row)
    return header, rows


def ahp_matrices(header: list[str], rows: list[list[object]]) -> list[list[object]]:
    from fractions import Fraction

    out = []
    for row in rows[:3]:
        answers = dict(zip(header, row, strict=True))
        for parent, children in TRUE.items():
            ids = list(children)
            for a in ids:
                cells = []
                for b in ids:
                    if a == b:
                        cells.append("1")
                        continue
                    key, flip = (f"{a}~{b}", False) if f"{a}~{b}" in answers else (f"{b}~{a}", True)
                    c = int(answers[key])
                    ratio = Fraction(c) if c > 0 else Fraction(1, -c)
                    ratio = 1 / ratio if flip else ratio
                    cells.append(str(ratio))
                out.append([row[0], parent or "top", a, *cells, *[""] * (4 - len(ids))])
    return out


FORM = [  # item, name_zh, name_en, max points
    ("open", "开场与身份核实", "Opening and identity check", 5),
    ("listen", "倾听与情绪安抚", "Listening and calming", 10),
    ("clarify", "问题与需求澄清", "Clarifying problem and need", 10),
    ("accuracy", "业务解答准确性", "Accuracy of business answers", 20),
    ("solution", "解决方案与协商", "Solution and negotiation", 15),
    ("courtesy", "服务用语与礼仪", "Courteous language", 10),
    ("empathy", "同理心表达", "Expressing empathy", 10),
    ("record", "工单记录完整", "Complete ticket record", 5),
    ("compliance", "合规与信息安全", "Compliance and data security", 10),
    ("close", "结束语与满意度邀评", "Closing and satisfaction invitation", 5),
]
INSPECTORS = ["QA01", "QA02", "QA03", "QA04", "QA05"]
BIAS = {"QA01": 0.05, "QA02": -0.05, "QA03": -0.6, "QA04": 0.1, "QA05": 0.0}  # points per 10
MISSING = {("C17", "QA02", "empathy"), ("C31", "QA05", "record")}


def qa_calibration(rng: np.random.Generator) -> list[list[object]]:
    calls = [f"C{k:02d}" for k in range(1, 41)]
    quality = rng.beta(7, 1.8, len(calls))  # call quality, mostly 0.7–0.95
    rows = []
    for c, q in zip(calls, quality, strict=True):
        true = {item: float(np.clip(q + rng.normal(0, 0.08), 0, 1)) for item, *_ in FORM}
        for ins in INSPECTORS:
            for item, _, _, top in FORM:
                if (c, ins, item) in MISSING:
                    rows.append([c, ins, item, ""])
                    continue
                score = top * true[item] + BIAS[ins] * top / 10 + rng.normal(0, 0.06 * top + 0.3)
                rows.append([c, ins, item, int(np.clip(np.rint(score), 0, top))])
    return rows


def self_assessment(rng: np.random.Generator) -> list[list[object]]:
    loadings = np.array([0.9, 0.8, 0.85, 0.7, 0.8, 0.1, 0.75, 0.85])
    theta = rng.normal(0, 1, 80)
    rows = []
    for k, t in enumerate(theta, start=1):
        x = 3.4 + loadings * t * 0.9 + rng.normal(0, 0.75, len(loadings))
        rows.append([f"R{k:03d}", *np.clip(np.rint(x), 1, 5).astype(int).tolist()])
    return rows


KPI_SCHEME = """\
# 电商客服 KPI 考核方案（按来源材料原样录入）— e-commerce chat KPI appraisal scheme, as printed
# Source: docs/background.md §3.  Format: docs/scheme_format.md
name_zh: 电商客服KPI考核
name_en: E-commerce chat agent KPI appraisal
unit: points
total: 100
score_range: [0, 100]
items:
  - {id: target_completion, name_zh: 目标完成率, name_en: Target completion, points: 30}
  - {id: inquiry_conversion, name_zh: 询单转化率, name_en: Inquiry conversion, points: 30}
  - {id: order_success, name_zh: 落实客单成功率, name_en: Order success, points: 10}
  - {id: order_value, name_zh: 客单价, name_en: Average order value, points: 5}
  - {id: reply_rate, name_zh: 回复率, name_en: Reply rate, points: 5}
  - {id: response_time, name_zh: 平均响应时间, name_en: Response time, points: 5,
     note: "约40秒为正常，20–30秒为熟练 (about 40 s normal, 20–30 s skilled)"}
  - {id: follow_up, name_zh: 跟进, name_en: Follow-up, points: 5}
  - {id: execution, name_zh: 执行力, name_en: Execution, points: 10}
# printed as ">90 高级, 80–90 中级, 70–80 初级, <70 警告"; a range "a–b" includes both ends
bands:
  - {name_zh: 高级客服, name_en: Senior, lower: 90, lower_closed: false}
  - {name_zh: 中级客服, name_en: Intermediate, lower: 80, upper: 90}
  - {name_zh: 初级客服, name_en: Junior, lower: 70, upper: 80}
  - {name_zh: 警告, name_en: Warning, upper: 70, upper_closed: false}
rules:
  - 连续两次考核在同一区间才评定等级 (a grade needs two consecutive assessments in the same band)
"""

QA_SCHEME = """\
# 质检"团队质量顾问"模式：坐席月度得分 — QA team-advisor scheme, monthly agent score
# Source: docs/background.md §3.  Format: docs/scheme_format.md
name_zh: 坐席月度质量得分
name_en: Monthly agent quality score
unit: percent
total: 100
items:
  - {id: business, name_zh: 业务指标, name_en: Business indicators, points: 80}
  - {id: growth, name_zh: 成长指标, name_en: Growth indicators, points: 20}
rules:
  - 分享案例和建议加分；个人差错率劣于团队目标扣分 (bonus for shared cases and suggestions;
    deduction when the personal error rate is worse than the team target)
"""


def main() -> None:
    rng = np.random.default_rng(SEED)
    header, rows = ahp_survey(rng)
    _write_csv(HERE / "ahp_survey.csv", header, rows)
    # matrix mode needs the indicator ids as headers; one column per id of the framework
    ids = [i for children in TRUE.values() for i in children]
    mrows = []
    for r in ahp_matrices(header, rows):
        expert, group, item, *cells = r
        children = list(TRUE[None if group == "top" else group])
        full = {c: "" for c in ids}
        full.update(dict(zip(children, cells, strict=False)))
        mrows.append([expert, group, item, *[full[c] for c in ids]])
    _write_csv(HERE / "ahp_matrices_sample.csv", ["expert", "group", "item", *ids], mrows)
    _write_csv(
        HERE / "qa_form.csv", ["item", "name_zh", "name_en", "max_points"], [list(f) for f in FORM]
    )
    _write_csv(
        HERE / "qa_calibration.csv",
        ["call_id", "inspector_id", "item", "score"],
        qa_calibration(rng),
    )
    _write_csv(
        HERE / "self_assessment.csv",
        ["respondent", *[f"S{k}" for k in range(1, 9)]],
        self_assessment(rng),
    )
    (HERE / "kpi_scheme_ecommerce.yaml").write_text(KPI_SCHEME, encoding="utf-8")
    (HERE / "qa_agent_score_scheme.yaml").write_text(QA_SCHEME, encoding="utf-8")


if __name__ == "__main__":
    main()
