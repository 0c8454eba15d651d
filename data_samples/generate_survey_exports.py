"""Generate synthetic 问卷星 / 腾讯问卷 exports of the demo data (fixed seed, byte-identical reruns).

Each file is what a trainer would download after running the demo's questionnaires online
(``docs/online_surveys.md`` describes the format); importing it with ``cslib import-survey``
must give back the demo's own input file exactly.  Written to ``data_samples/surveys/``:

* ``delphi_r{1,2}_按文本.*`` / ``delphi_r{1,2}_按序号.*`` — the Delphi panel
  (``delphi_ratings.csv``) as one questionnaire per round, answers as option text and as option
  numbers (options ordered 非常重要 … 非常不重要, so option 1 = score 5).  The header variants
  are all used: ``N、题干`` for the first-level indicators, ``第N题(行)`` matrix columns for
  A1–A4, ``N、题干—k.子题`` for B1–B4, and headers with tabs and full-width spaces for C1–C3;
  a fill-in ``专家编号`` question, a free-text question, and the six metadata columns;
* ``delphi_r1_tencent.csv`` — round 1 as a 腾讯问卷 CSV (``编号, 开始答题时间, …, N.题干``);
* ``relevance_按文本.xlsx`` / ``relevance_按序号.csv`` — ``delphi_relevance.csv``;
* ``ahp_按文本.xlsx`` / ``ahp_按序号.csv`` — ``ahp_survey.csv`` on a 17-point left/right scale
  (text ``9 … 1 … 1/9``; numbers 1–17, 1 = left 9 times as important);
* ``reaction_按文本.xlsx`` / ``reaction_按序号.csv`` — ``effectiveness/reaction.csv``;
* ``ratings360_按文本.xlsx`` / ``ratings360_按序号.csv`` — ``needs/ratings.csv``, one
  submission per rater and person rated.

CSV files alternate between UTF-8 with BOM and GBK, as the services and Excel write them.
IP addresses are made up from the documentation range 192.0.2.0/24.

Run:  python data_samples/generate_survey_exports.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

HERE = Path(__file__).resolve().parent
OUT = HERE / "surveys"
SEED = 20261207
sys.path.insert(0, str(HERE))
from generate_delphi_samples import _fix_zip_timestamps  # noqa: E402

LIKERT = {5: "非常重要", 4: "重要", 3: "一般", 2: "不重要", 1: "非常不重要"}
RELEVANCE = {4: "非常相关", 3: "较相关", 2: "弱相关", 1: "不相关"}
LAWSHE = {"essential": "必要", "useful": "有用但非必要", "not necessary": "不必要"}
LAWSHE_CODE = {"essential": 1, "useful": 2, "not necessary": 3}
SATISFACTION = {5: "非常满意", 4: "满意", 3: "一般", 2: "不满意", 1: "非常不满意"}
SOURCES = {"self": "自评", "leader": "上级", "qa": "质检", "peer": "同事"}
GROUPS = {"front_line": "一线", "back_office": "后台"}


def names() -> dict[str, str]:
    doc = yaml.safe_load((HERE / "framework_complaint_handling.yaml").read_text(encoding="utf-8"))
    return {i["id"]: i["name_zh"] for i in doc["indicators"]}


def meta(rng: np.random.Generator, n: int, start: str, tencent: bool = False) -> pd.DataFrame:
    """Metadata columns of ``n`` submissions over a week from ``start`` (sorted by time)."""
    offsets = np.sort(rng.integers(0, 7 * 24 * 3600, n))
    times = pd.Timestamp(start) + pd.to_timedelta(offsets, unit="s")
    seconds = rng.integers(90, 900, n)
    if tencent:
        return pd.DataFrame(
            {
                "编号": np.arange(1, n + 1).astype(str),
                "开始答题时间": [
                    f"{t - pd.Timedelta(seconds=int(s)):%Y-%m-%d %H:%M:%S}"
                    for t, s in zip(times, seconds, strict=True)
                ],
                "结束答题时间": [f"{t:%Y-%m-%d %H:%M:%S}" for t in times],
                "答题时长": seconds.astype(str),
                "地理位置国家和地区": "中国",
                "地理位置省": "广东",
                "地理位置市": "深圳",
                "自定义字段": "",
            }
        )
    return pd.DataFrame(
        {
            "序号": np.arange(1, n + 1).astype(str),
            "提交答卷时间": [f"{t.year}/{t.month}/{t.day} {t:%H:%M:%S}" for t in times],
            "所用时间": [f"{s}秒" for s in seconds],
            "来源": "微信",
            "来源详情": "N/A",
            "来自IP": [f"192.0.2.{int(i)}(广东-深圳)" for i in rng.integers(1, 255, n)],
        }
    )


def write(frame: pd.DataFrame, path: Path, encoding: str = "utf-8-sig") -> None:
    if path.suffix == ".xlsx":
        with pd.ExcelWriter(path, engine="openpyxl") as xl:
            frame.to_excel(xl, sheet_name="Sheet1", index=False)
        _fix_zip_timestamps(path)
    else:
        frame.to_csv(path, index=False, encoding=encoding, lineterminator="\r\n")


# ------------------------------------------------------------------------------ Delphi
def delphi_headers(nm: dict[str, str], tencent: bool = False) -> dict[str, str]:
    """Indicator → header; question 1 is the expert id, the last a free-text question."""
    if tencent:
        ids = ["A", "B", "C", "A1", "A2", "A3", "A4", "B1", "B2", "B3", "B4", "C1", "C2", "C3"]
        return {i: f"{k + 2}.{nm[i]}" for k, i in enumerate(ids)}
    heads = {"A": f"2、{nm['A']}", "B": f"3、{nm['B']}", "C": f"4、{nm['C']}"}
    heads |= {i: f"第5题({nm[i]})" for i in ("A1", "A2", "A3", "A4")}
    heads |= {
        i: f"6、请评价以下服务能力指标的重要性—{k}.{nm[i]}"
        for k, i in enumerate(("B1", "B2", "B3", "B4"), start=1)
    }
    heads |= {
        "C1": f"7、\t请评价“{nm['C1']}”的重要性",
        "C2": f"8、请评价“{nm['C2']}”\u3000的重要性",
    }
    heads |= {"C3": f"9、请评价“{nm['C3']}”的重要性"}
    return heads


def delphi_export(
    rng: np.random.Generator, ratings: pd.DataFrame, rnd: int, numeric: bool, tencent: bool = False
) -> pd.DataFrame:
    nm = names()
    part = ratings[ratings["round"] == rnd]
    wide = part.pivot(index="expert_id", columns="indicator_id", values="score")
    order = rng.permutation(len(wide))  # submissions arrive in no particular order
    wide = wide.iloc[order]
    heads = delphi_headers(nm, tencent)
    start = "2026-03-02 09:00" if rnd == 1 else "2026-04-06 09:00"
    out = meta(rng, len(wide), start, tencent)
    id_head = "1.您的专家编号" if tencent else "1、您的专家编号"
    out[id_head] = list(wide.index)
    for ind, head in heads.items():
        scores = wide[ind].to_numpy()
        out[head] = [str(6 - s) if numeric else LIKERT[int(s)] for s in scores]
    free = "15.您对指标体系的其他意见" if tencent else "10、您对指标体系的其他意见"
    out[free] = rng.choice(["无", "建议增加情绪管理", "(跳过)", "暂无"], len(wide))
    return out


# ------------------------------------------------------------------------------ relevance
def relevance_export(rng: np.random.Generator, numeric: bool) -> pd.DataFrame:
    nm = names()
    rel = pd.read_csv(HERE / "delphi_relevance.csv", dtype=str)
    ids = list(dict.fromkeys(rel["indicator_id"]))
    experts = list(dict.fromkeys(rel["expert_id"]))
    out = meta(rng, len(experts), "2026-03-02 09:00")
    out["1、您的专家编号"] = experts
    key = rel.set_index(["expert_id", "indicator_id"])
    for i in ids:
        r = [int(key.at[(e, i), "relevance"]) for e in experts]
        out[f"第2题({nm[i]})"] = [str(v) if numeric else RELEVANCE[v] for v in r]
    for i in ids:
        law = [key.at[(e, i), "lawshe"] for e in experts]
        out[f"3、以下指标对该岗位是否必要—{ids.index(i) + 1}.{nm[i]}"] = [
            str(LAWSHE_CODE[v]) if numeric else LAWSHE[v] for v in law
        ]
    return out


# ------------------------------------------------------------------------------ AHP
def ahp_text(code: int) -> str:
    return str(code) if code >= 1 else f"1/{-code}"


def ahp_position(code: int) -> int:
    return 9 if code == 1 else 10 - code if code > 1 else 8 - code


def ahp_export(rng: np.random.Generator, numeric: bool) -> pd.DataFrame:
    """Questions 2–4 compare the first level one by one, 第5题(…) is a matrix for group A,
    question 6 has one sub-question per pair of group B, questions 7–9 ask group C the other
    way round (right item first, so the code is negated)."""
    nm = names()
    survey = pd.read_csv(HERE / "ahp_survey.csv", dtype=str)
    out = meta(rng, len(survey), "2026-05-11 09:00")
    out["1、您的专家编号"] = list(survey["expert"])
    top, sub_b, number_c = 2, 1, 7
    for col in survey.columns[1:]:
        left, right = col.split("~")
        codes = survey[col].astype(int).to_numpy()
        if left in ("A", "B", "C"):
            head = f"{top}、“{nm[left]}”与“{nm[right]}”相比，哪个更重要？"
            top += 1
        elif left.startswith("A"):
            head = f"第5题({nm[left]} vs {nm[right]})"
        elif left.startswith("B"):
            head = f"6、请比较下列各对指标—{sub_b}.{nm[left]} 与 {nm[right]}"
            sub_b += 1
        else:
            left, right, codes = right, left, np.where(codes == 1, 1, -codes)
            head = f"{number_c}、{nm[left]} 与 {nm[right]} 相比"
            number_c += 1
        out[head] = [str(ahp_position(int(c))) if numeric else ahp_text(int(c)) for c in codes]
    return out


# ------------------------------------------------------------------------------ reaction
def reaction_export(rng: np.random.Generator, numeric: bool) -> pd.DataFrame:
    react = pd.read_csv(HERE / "effectiveness" / "reaction.csv", dtype=str, keep_default_na=False)
    courses = pd.read_csv(HERE / "courses.csv", dtype=str)
    titles = dict(zip(courses["course_id"], courses["title_zh"], strict=True))
    number = {c: k for k, c in enumerate(courses["course_id"], start=1)}
    seconds = rng.integers(40, 300, len(react))
    clock = rng.integers(10 * 3600, 18 * 3600, len(react))
    stamps = [
        pd.Timestamp(d) + pd.Timedelta(seconds=int(s))
        for d, s in zip(react["date"], clock, strict=True)
    ]
    out = pd.DataFrame(
        {
            "序号": [str(int(r[1:])) for r in react["response_id"]],
            "提交答卷时间": [f"{t.year}/{t.month}/{t.day} {t:%H:%M:%S}" for t in stamps],
            "所用时间": [f"{s}秒" for s in seconds],
            "来源": "手机提交",
            "来源详情": "直接访问",
            "来自IP": [f"192.0.2.{int(i)}(未知)" for i in rng.integers(1, 255, len(react))],
        }
    )
    out["1、您的工号"] = react["agent_id"]
    out["2、您参加的课程"] = [str(number[c]) if numeric else titles[c] for c in react["course_id"]]
    out["3、您的岗位"] = [
        ("1" if g == "front_line" else "2") if numeric else GROUPS[g] for g in react["staff_group"]
    ]
    for item, label in (
        ("q_content", "课程内容"),
        ("q_trainer", "讲师"),
        ("q_relevance", "与工作的相关性"),
        ("q_format", "授课形式"),
    ):
        out[f"第4题({label})"] = [
            str(6 - int(v)) if numeric else SATISFACTION[int(v)] for v in react[item]
        ]
    yes = {"yes": ("1", "是"), "no": ("2", "否"), "": ("-2", "(跳过)")}
    out["5、总体而言，您对本次课程是否满意？"] = [
        yes[v][0 if numeric else 1] for v in react["satisfied"]
    ]
    out["6、课程对您的工作是否有帮助？"] = [yes[v][0 if numeric else 1] for v in react["helpful"]]
    return out


# ------------------------------------------------------------------------------ 360°
def ratings360_export(rng: np.random.Generator, numeric: bool) -> pd.DataFrame:
    nm = names()
    r = pd.read_csv(HERE / "needs" / "ratings.csv", dtype=str)
    leaves = list(dict.fromkeys(r["indicator_id"]))
    wide = r.pivot_table(
        index=["agent_id", "team", "source"],
        columns="indicator_id",
        values="score",
        aggfunc="first",
    ).reset_index()
    wide = wide.iloc[rng.permutation(len(wide))].reset_index(drop=True)
    out = meta(rng, len(wide), "2026-06-01 09:00")
    out["1、被评人工号"] = wide["agent_id"]
    out["2、您与被评人的关系"] = [
        str(list(SOURCES).index(s) + 1) if numeric else SOURCES[s] for s in wide["source"]
    ]
    out["3、被评人所在班组"] = wide["team"]
    for i in leaves:
        out[f"第4题({nm[i]})"] = [
            ("-2" if numeric else "(跳过)") if pd.isna(v) else v if numeric else f"{v}分"
            for v in wide[i]
        ]
    return out


def main() -> None:
    OUT.mkdir(exist_ok=True)
    rng = np.random.default_rng(SEED)
    ratings = pd.read_csv(HERE / "delphi_ratings.csv", dtype={"expert_id": str})
    write(delphi_export(rng, ratings, 1, False), OUT / "delphi_r1_按文本_投诉处理胜任力.xlsx")
    write(delphi_export(rng, ratings, 2, False), OUT / "delphi_r2_按文本_投诉处理胜任力.csv")
    write(
        delphi_export(rng, ratings, 1, True), OUT / "delphi_r1_按序号_投诉处理胜任力.csv", "gb18030"
    )
    write(delphi_export(rng, ratings, 2, True), OUT / "delphi_r2_按序号_投诉处理胜任力.xlsx")
    write(delphi_export(rng, ratings, 1, False, tencent=True), OUT / "delphi_r1_tencent.csv")
    write(relevance_export(rng, False), OUT / "relevance_按文本.xlsx")
    write(relevance_export(rng, True), OUT / "relevance_按序号.csv", "gb18030")
    write(ahp_export(rng, False), OUT / "ahp_按文本.xlsx")
    write(ahp_export(rng, True), OUT / "ahp_按序号.csv")
    write(reaction_export(rng, False), OUT / "reaction_按文本.xlsx")
    write(reaction_export(rng, True), OUT / "reaction_按序号.csv", "gb18030")
    write(ratings360_export(rng, False), OUT / "ratings360_按文本.xlsx")
    write(ratings360_export(rng, True), OUT / "ratings360_按序号.csv")


if __name__ == "__main__":
    main()
