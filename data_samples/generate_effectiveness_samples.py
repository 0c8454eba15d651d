"""Generate the micro-course effectiveness sample data (fixed seed, byte-identical on re-run).

Writes ``data_samples/courses.csv`` and, under ``data_samples/effectiveness/``:

* ``sessions.csv``      attendance: agent_id, team, course_id, date, format
* ``reaction.csv``      Level 1 survey: response_id, agent_id, course_id, date, staff_group,
                        q_content, q_trainer, q_relevance, q_format (1–5), satisfied, helpful
* ``tests.csv``         Level 2: agent_id, course_id, test (pre/post/delayed), date, score, max_score
* ``test_items.csv``    Level 2 item answers of the post-tests (wide: q01 … q20, 1 = correct)
* ``qa_weekly.csv``     Level 3: agent_id, team, week, qa_score
* ``kpi_weekly.csv``    Level 4: agent_id, team, week, qa_pass_rate, repeat_tickets, aht_s,
                        csat, sales_conversion

The world it simulates (docs/background.md §2–3): 15 front-line teams (~300 agents) and three
back-office teams; the seven micro-courses are taught team by team in the weekly early-shift slot
at staggered weeks (some teams not yet trained at year end), three classroom courses are taught on
fixed dates to volunteers.  True effects are known (``TRUE_EFFECTS``); 《营销五部曲——客户类型分析》
(MC04) has **no** effect at any level, so the analysis must be able to say "no evidence of change".
Level 1 counts are chosen so that the published figures are reproduced at their printed precision:
micro-course satisfaction 96.9 %, classroom (internal training) 93.5 %, "helpful" 97.9 % of
front-line and 97 % of back-office respondents, 97.7 % overall.

Run:  python data_samples/generate_effectiveness_samples.py
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import numpy as np
import pandas as pd

SEED = 20250106
HERE = Path(__file__).resolve().parent
OUT = HERE / "effectiveness"
YEAR_START = dt.date(2025, 1, 6)  # a Monday
N_WEEKS = 52
N_ITEMS = 20
POINTS_PER_ITEM = 5

COURSES = [
    # course_id, title_zh, title_en, series, duration_min, format, target_indicators
    ("MC01", "MOT服务技巧", "MOT service skills", "MOT服务技巧", 60, "micro", "A3;B1"),
    (
        "MC02",
        "MOT服务技巧深化提升",
        "MOT service skills: advanced",
        "MOT服务技巧",
        60,
        "micro",
        "A4;B1;B2",
    ),
    (
        "MC03",
        "营销五部曲——抓开场",
        "Five-step selling: the opening",
        "营销五部曲",
        60,
        "micro",
        "B1",
    ),
    (
        "MC04",
        "营销五部曲——客户类型分析",
        "Five-step selling: customer types",
        "营销五部曲",
        60,
        "micro",
        "A1;A3",
    ),
    (
        "MC05",
        "营销五部曲——挖需求",
        "Five-step selling: uncovering needs",
        "营销五部曲",
        60,
        "micro",
        "A3",
    ),
    (
        "MC06",
        "营销五部曲——谈方案",
        "Five-step selling: presenting the offer",
        "营销五部曲",
        60,
        "micro",
        "A2;A4",
    ),
    (
        "MC07",
        "营销五部曲——促交易",
        "Five-step selling: closing the deal",
        "营销五部曲",
        60,
        "micro",
        "A4;B1",
    ),
    (
        "CL01",
        "投诉处理实务",
        "Complaint handling in practice",
        "课堂面授",
        420,
        "classroom",
        "A1;A3;B1;B2",
    ),
    ("CL02", "新业务产品知识", "New products and services", "课堂面授", 360, "classroom", "A2;C1"),
    (
        "CL03",
        "业务系统操作与打字提速",
        "Service systems and typing speed",
        "课堂面授",
        240,
        "classroom",
        "C3",
    ),
]
MICRO = [c[0] for c in COURSES if c[5] == "micro"]
CLASSROOM = [c[0] for c in COURSES if c[5] == "classroom"]
FORMAT = {c[0]: c[5] for c in COURSES}

#: True effects per course on the weekly outcomes (additive; repeat tickets multiplicative log-rate).
TRUE_EFFECTS = {
    "qa_score": {
        "MC01": 3.0,
        "MC02": 1.5,
        "MC03": 0.5,
        "MC04": 0.0,
        "MC05": 1.0,
        "MC06": 0.5,
        "MC07": 0.5,
        "CL01": 1.0,
        "CL02": 0.5,
        "CL03": 0.3,
    },
    "qa_pass_rate": {"MC01": 0.30, "MC02": 0.15, "CL01": 0.15},
    "repeat_tickets": {"MC01": -0.9, "MC02": -0.6, "CL01": -0.2},
    "aht_s": {"MC01": -6.0, "MC02": -4.0, "CL02": -3.0, "CL03": -5.0},
    "csat": {"MC01": 1.5, "MC02": 1.0, "CL01": 0.5},
    "sales_conversion": {"MC03": 0.6, "MC05": 0.8, "MC06": 0.7, "MC07": 1.0, "CL02": 0.3},
}
#: Learning gain on the latent ability scale (IRT), per course; MC04 teaches nothing testable.
TRUE_GAIN = {
    "MC01": 1.0,
    "MC02": 0.6,
    "MC03": 0.7,
    "MC04": 0.0,
    "MC05": 0.8,
    "MC06": 0.6,
    "MC07": 0.7,
    "CL01": 0.8,
    "CL02": 0.9,
    "CL03": 0.5,
}
DELAYED_COURSES = ("MC01", "MC02", "CL01")


def week_start(w: int) -> dt.date:
    return YEAR_START + dt.timedelta(weeks=int(w))


def pct_rounds_to(k: int, n: int, target: str) -> bool:
    """True if 100·k/n rounds (half-up) to ``target`` at its printed precision, robustly.

    Robust = not within 1e-9 of a rounding boundary, so any rounding rule gives the same text.
    """
    exp = Decimal(target)
    step = Decimal(1).scaleb(exp.as_tuple().exponent)
    value = Decimal(100 * k) / Decimal(n)
    lo, hi = exp - step / 2, exp + step / 2
    return (
        lo + Decimal("1e-9") < value < hi - Decimal("1e-9")
        and value.quantize(step, rounding=ROUND_HALF_UP) == exp
    )


def counts_for(n: int, target: str) -> list[int]:
    return [k for k in range(n + 1) if pct_rounds_to(k, n, target)]


def choose_l1_counts(avail_front: int, avail_back: int, avail_class: int, rng) -> dict:
    """Response counts reproducing the published L1 percentages (searching down from ~85 %)."""
    start_f, start_b = int(avail_front * 0.80), int(avail_back * 0.86)
    for n_f in range(start_f, start_f - 300, -1):
        kf = counts_for(n_f, "97.9")
        if not kf:
            continue
        for n_b in range(start_b, start_b - 40, -1):
            for k_b in counts_for(n_b, "97"):
                for k_f in kf:
                    n = n_f + n_b
                    if not pct_rounds_to(k_f + k_b, n, "97.7"):
                        continue
                    ks = counts_for(n, "96.9")
                    if not ks:
                        continue
                    start_t = int(avail_class * 0.86)
                    for n_t in range(start_t, start_t - 60, -1):
                        kt = counts_for(n_t, "93.5")
                        if kt:
                            return {
                                "n_front": n_f,
                                "k_front": k_f,
                                "n_back": n_b,
                                "k_back": k_b,
                                "k_satisfied": ks[0],
                                "n_class": n_t,
                                "k_class": kt[0],
                            }
    raise RuntimeError("no counts reproduce the published percentages")


def make_people(rng):
    rows = []
    aid = 0
    for t in range(1, 16):
        size = int(rng.integers(18, 23))
        for _ in range(size):
            aid += 1
            rows.append((f"A{aid:04d}", f"FL{t:02d}", "front_line"))
    for t in range(1, 4):
        for _ in range(25):
            aid += 1
            rows.append((f"B{aid:04d}", f"BO{t:02d}", "back_office"))
    people = pd.DataFrame(rows, columns=["agent_id", "team", "staff_group"])
    front = people["staff_group"].eq("front_line")
    # employment window (weeks): a few join late or leave early
    first = np.zeros(len(people), dtype=int)
    last = np.full(len(people), N_WEEKS - 1)
    idx = rng.choice(np.flatnonzero(front), size=24, replace=False)
    first[idx[:12]] = rng.integers(8, 30, size=12)
    last[idx[12:]] = rng.integers(24, 46, size=12)
    people["first_week"] = first
    people["last_week"] = last
    people["ability"] = rng.normal(0.0, 1.0, len(people))
    return people


def team_schedule(rng, teams):
    """Training week per (team, course); None = not yet trained by year end."""
    sched = {}
    for team in teams:
        w1 = int(rng.integers(6, 40))
        sched[(team, "MC01")] = w1
        w2 = w1 + int(rng.integers(8, 15))
        sched[(team, "MC02")] = w2 if w2 <= 48 else None
        start = int(rng.integers(4, 34))
        gap = int(rng.integers(2, 6))
        for k, c in enumerate(("MC03", "MC04", "MC05", "MC06", "MC07")):
            w = start + k * gap + int(rng.integers(0, 2))
            sched[(team, c)] = w if w <= 49 else None
    # two front-line teams have not had the MOT course yet (comparison group for the whole year)
    for team in ("FL14", "FL15"):
        sched[(team, "MC01")] = None
        sched[(team, "MC02")] = None
    return sched


def make_sessions(rng, people, sched):
    rows = []
    for p in people.itertuples(index=False):
        for c in MICRO:
            w = sched.get((p.team, c))
            if w is None:
                continue
            if w < p.first_week or w > p.last_week or rng.random() > 0.9:
                # absent (or not yet hired): often a make-up session with another team
                if rng.random() < 0.6:
                    w = max(w, p.first_week) + int(rng.integers(2, 7))
                    if w > min(p.last_week, N_WEEKS - 2):
                        continue
                else:
                    continue
            rows.append((p.agent_id, p.team, c, week_start(w) + dt.timedelta(days=1), "micro"))
        if p.staff_group != "front_line":
            continue
        for c, weeks, share in (
            ("CL01", (12, 20, 28, 36), 0.45),
            ("CL02", (16, 32), 0.35),
            ("CL03", (10, 30, 44), 0.30),
        ):
            if rng.random() < share:
                choices = [w for w in weeks if p.first_week <= w <= p.last_week]
                if choices:
                    w = int(rng.choice(choices))
                    rows.append(
                        (p.agent_id, p.team, c, week_start(w) + dt.timedelta(days=3), "classroom")
                    )
    s = pd.DataFrame(rows, columns=["agent_id", "team", "course_id", "date", "format"])
    return s.sort_values(["date", "team", "agent_id", "course_id"], kind="stable").reset_index(
        drop=True
    )


def make_reaction(rng, sessions, people):
    group = dict(zip(people["agent_id"], people["staff_group"], strict=True))
    s = sessions.assign(staff_group=sessions["agent_id"].map(group))
    micro = s[s["format"].eq("micro")]
    front = micro[micro["staff_group"].eq("front_line")]
    back = micro[micro["staff_group"].eq("back_office")]
    cls = s[s["format"].eq("classroom")]
    c = choose_l1_counts(len(front), len(back), len(cls), rng)
    f_idx = np.sort(rng.choice(front.index.to_numpy(), c["n_front"], replace=False))
    b_idx = np.sort(rng.choice(back.index.to_numpy(), c["n_back"], replace=False))
    t_idx = np.sort(rng.choice(cls.index.to_numpy(), c["n_class"], replace=False))
    resp = s.loc[np.concatenate([f_idx, b_idx, t_idx])].copy()
    resp["helpful"] = ""
    resp.loc[f_idx, "helpful"] = "yes"
    resp.loc[b_idx, "helpful"] = "yes"
    resp.loc[rng.choice(f_idx, c["n_front"] - c["k_front"], replace=False), "helpful"] = "no"
    resp.loc[rng.choice(b_idx, c["n_back"] - c["k_back"], replace=False), "helpful"] = "no"
    resp["satisfied"] = "yes"
    m_idx = np.concatenate([f_idx, b_idx])
    weight = np.where(resp.loc[m_idx, "course_id"].eq("MC04"), 2.5, 1.0)
    n_unsat = len(m_idx) - c["k_satisfied"]
    unsat = rng.choice(m_idx, n_unsat, replace=False, p=weight / weight.sum())
    resp.loc[unsat, "satisfied"] = "no"
    resp.loc[rng.choice(t_idx, c["n_class"] - c["k_class"], replace=False), "satisfied"] = "no"
    sat = resp["satisfied"].eq("yes").to_numpy()
    n = len(resp)
    for q in ("q_content", "q_trainer", "q_relevance", "q_format"):
        hi = rng.choice([3, 4, 5], size=n, p=[0.06, 0.38, 0.56])
        lo = rng.choice([1, 2, 3, 4], size=n, p=[0.15, 0.40, 0.35, 0.10])
        resp[q] = np.where(sat, hi, lo)
    resp = resp.sort_values(["date", "course_id", "agent_id"], kind="stable").reset_index(drop=True)
    resp.insert(0, "response_id", [f"R{i + 1:05d}" for i in range(len(resp))])
    cols = [
        "response_id",
        "agent_id",
        "course_id",
        "date",
        "staff_group",
        "q_content",
        "q_trainer",
        "q_relevance",
        "q_format",
        "satisfied",
        "helpful",
    ]
    return resp[cols], c


def make_tests(rng, sessions, people):
    ability = dict(zip(people["agent_id"], people["ability"], strict=True))
    last_week = dict(zip(people["agent_id"], people["last_week"], strict=True))
    a = {c: rng.uniform(0.8, 1.8, N_ITEMS) for c, *_ in COURSES}
    b = {c: rng.normal(-0.9, 0.7, N_ITEMS) for c, *_ in COURSES}
    a["MC01"][6] = -0.8  # q07 of MC01 is mis-keyed: strong agents get it "wrong"
    b["CL02"][2] = -5.5  # q03 of CL02 is far too easy
    a["MC05"][11] = 0.05  # q12 of MC05 does not discriminate
    tests, items = [], []
    for s in sessions.itertuples(index=False):
        c = s.course_id
        theta_pre = ability[s.agent_id] - 0.6 + rng.normal(0, 0.3)
        theta_post = theta_pre + TRUE_GAIN[c] + rng.normal(0, 0.35)

        def answer(theta, c=c):
            prob = 1.0 / (1.0 + np.exp(-a[c] * (theta - b[c])))
            return (rng.random(N_ITEMS) < prob).astype(int)

        pre, post = answer(theta_pre), answer(theta_post)
        tests.append((s.agent_id, c, "pre", s.date, int(pre.sum()) * POINTS_PER_ITEM))
        if rng.random() < 0.97:  # a few leave before the post-test
            tests.append((s.agent_id, c, "post", s.date, int(post.sum()) * POINTS_PER_ITEM))
            items.append((s.agent_id, c, "post", *post.tolist()))
            if c in DELAYED_COURSES and rng.random() < 0.7:
                d = s.date + dt.timedelta(weeks=6)
                if (d - YEAR_START).days // 7 <= min(last_week[s.agent_id], N_WEEKS - 1):
                    theta_del = theta_pre + 0.7 * (theta_post - theta_pre) + rng.normal(0, 0.2)
                    tests.append(
                        (
                            s.agent_id,
                            c,
                            "delayed",
                            d,
                            int(answer(theta_del).sum()) * POINTS_PER_ITEM,
                        )
                    )
    t = pd.DataFrame(tests, columns=["agent_id", "course_id", "test", "date", "score"])
    t["max_score"] = N_ITEMS * POINTS_PER_ITEM
    t = t.sort_values(["course_id", "agent_id", "date"], kind="stable").reset_index(drop=True)
    cols = ["agent_id", "course_id", "test"] + [f"q{j + 1:02d}" for j in range(N_ITEMS)]
    it = pd.DataFrame(items, columns=cols)
    it = it.sort_values(["course_id", "agent_id"], kind="stable").reset_index(drop=True)
    return t, it


def make_weekly(rng, people, sessions):
    front = people[people["staff_group"].eq("front_line")].reset_index(drop=True)
    n_a = len(front)
    weeks = np.arange(N_WEEKS)
    trained = {c: np.full(n_a, 10**6) for c, *_ in COURSES}
    pos = {a: i for i, a in enumerate(front["agent_id"])}
    for s in sessions.itertuples(index=False):
        if s.agent_id in pos:
            trained[s.course_id][pos[s.agent_id]] = (s.date - YEAR_START).days // 7
    A, W = np.meshgrid(np.arange(n_a), weeks, indexing="ij")
    active = (W >= front["first_week"].to_numpy()[:, None]) & (
        W <= front["last_week"].to_numpy()[:, None]
    )
    active &= rng.random(A.shape) > 0.03  # leave, sickness, rota gaps
    season = 0.8 * np.sin(2 * np.pi * weeks / 52)

    def exposure(c):
        e = W - trained[c][:, None]
        return np.where(e < 0, 0.0, np.where(e == 0, 0.5, 1.0))  # half effect in the training week

    def shifted(outcome):
        total = np.zeros(A.shape)
        for c, eff in TRUE_EFFECTS[outcome].items():
            total += eff * exposure(c)
        return total

    skill = front["ability"].to_numpy()[:, None]
    out = {}
    out["qa_score"] = np.clip(
        84
        + 1.5 * skill
        + rng.normal(0, 2.5, (n_a, 1))
        + season
        + rng.normal(0, 0.6, N_WEEKS)
        + shifted("qa_score")
        + rng.normal(0, 4.0, A.shape),
        0,
        100,
    ).round(1)
    out["qa_pass_rate"] = np.clip(
        98.5
        + 0.2 * skill
        + rng.normal(0, 0.3, (n_a, 1))
        + shifted("qa_pass_rate")
        + rng.normal(0, 0.6, A.shape),
        90,
        100,
    ).round(2)
    lam = 0.17 * np.exp(-0.15 * skill + rng.normal(0, 0.2, (n_a, 1)) + shifted("repeat_tickets"))
    out["repeat_tickets"] = rng.poisson(lam)
    out["aht_s"] = (
        185
        - 4 * skill
        + rng.normal(0, 10, (n_a, 1))
        - 2 * season
        + shifted("aht_s")
        + rng.normal(0, 9, A.shape)
    ).round(1)
    out["csat"] = np.clip(
        90
        + 0.8 * skill
        + rng.normal(0, 1.5, (n_a, 1))
        + shifted("csat")
        + rng.normal(0, 2.5, A.shape),
        0,
        100,
    ).round(1)
    out["sales_conversion"] = np.clip(
        8
        + 0.8 * skill
        + rng.normal(0, 1.2, (n_a, 1))
        + shifted("sales_conversion")
        + rng.normal(0, 1.6, A.shape),
        0,
        100,
    ).round(2)
    mask = active.ravel()
    base = pd.DataFrame(
        {
            "agent_id": front["agent_id"].to_numpy()[A.ravel()],
            "team": front["team"].to_numpy()[A.ravel()],
            "week": [week_start(w) for w in W.ravel()],
        }
    )
    qa = base.assign(qa_score=out["qa_score"].ravel())[mask].reset_index(drop=True)
    kpi = base.assign(
        **{
            k: out[k].ravel()
            for k in ("qa_pass_rate", "repeat_tickets", "aht_s", "csat", "sales_conversion")
        }
    )[mask]
    return qa, kpi.reset_index(drop=True)


def write_csv(df: pd.DataFrame, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    df.to_csv(path, index=False, lineterminator="\n", encoding="utf-8")


def main() -> dict:
    rng = np.random.default_rng(SEED)
    courses = pd.DataFrame(
        COURSES,
        columns=[
            "course_id",
            "title_zh",
            "title_en",
            "series",
            "duration_min",
            "format",
            "target_indicators",
        ],
    )
    write_csv(courses, HERE / "courses.csv")
    people = make_people(rng)
    sched = team_schedule(rng, sorted(people["team"].unique()))
    sessions = make_sessions(rng, people, sched)
    reaction, counts = make_reaction(rng, sessions, people)
    tests, items = make_tests(rng, sessions, people)
    qa, kpi = make_weekly(rng, people, sessions)
    write_csv(sessions, OUT / "sessions.csv")
    write_csv(reaction, OUT / "reaction.csv")
    write_csv(tests, OUT / "tests.csv")
    write_csv(items, OUT / "test_items.csv")
    write_csv(qa, OUT / "qa_weekly.csv")
    write_csv(kpi, OUT / "kpi_weekly.csv")
    return counts


if __name__ == "__main__":
    print(main())
