"""Reporting checklist: answers come from the data and parameters; the rest is marked."""

from pathlib import Path

import pandas as pd

from cslib.delphi import statistics as delphi
from cslib.delphi.checklist import reporting_checklist
from cslib.delphi.io import Ratings


def test_checklist_from_sample(ratings):
    pos = delphi.positive_coefficient(ratings, n_invited=30)
    comp = delphi.compare_rounds(ratings, 1, 2)
    rule = delphi.ConsensusRule(agree_min=4, min_share=0.8)
    t = reporting_checklist(
        ratings, pos, rule, delphi.StabilityRule(), delphi.ScreeningRule(), comp, lang="en"
    )
    assert len(t) == 9
    answers = dict(zip(t["checklist_item"], t["checklist_answer"], strict=True))
    assert "round 1: 26/30 (87%)" in answers["Response rate per round"]
    assert (
        "at least 80% of experts score 4–5" in answers["Consensus definition (set before round 1)"]
    )
    n_stable = int(comp.indicators["stable"].sum())
    assert f"{n_stable} of 14 indicators stable" in answers["Stability between rounds"]
    user = t[t["source"] == "to be supplied by the researcher"]["checklist_item"].tolist()
    assert any("selection" in i for i in user) and any("ethics" in i for i in user)
    zh = reporting_checklist(
        ratings, pos, rule, delphi.StabilityRule(), delphi.ScreeningRule(), comp, lang="zh"
    )
    assert (zh["source"] == "需由研究者补充").sum() == 2


def test_checklist_reports_dropped_items(framework):
    ids = list(framework.ids)
    rows = [(1, f"E{e}", i, 4) for e in range(4) for i in ids]
    rows += [(2, f"E{e}", i, 4) for e in range(4) for i in ids if i != "B4"]
    ratings = Ratings(
        pd.DataFrame(rows, columns=["round", "expert_id", "indicator_id", "score"]), framework
    )
    pos = delphi.positive_coefficient(ratings)
    t = reporting_checklist(
        ratings,
        pos,
        delphi.ConsensusRule(),
        delphi.StabilityRule(),
        delphi.ScreeningRule(),
        None,
        lang="en",
    )
    items = t.set_index("checklist_item")["checklist_answer"]
    assert "round 2: dropped B4, added none" in items["Items dropped, added or changed per round"]
    assert items["Stability between rounds"] == "only one round: not assessable"


def test_bilingual_checklist_is_chinese_then_english_per_cell():
    from cslib.core.framework import load_framework
    from cslib.delphi import statistics as st
    from cslib.delphi.checklist import reporting_checklist
    from cslib.delphi.io import read_ratings

    root = Path(__file__).resolve().parents[1] / "data_samples"
    fw = load_framework(root / "framework_complaint_handling.yaml")
    r = read_ratings(root / "delphi_ratings.csv", fw)
    args = (r, st.positive_coefficient(r), st.ConsensusRule(), st.StabilityRule())
    rest = (st.ScreeningRule(), st.compare_rounds(r, 1, 2), None)
    both = reporting_checklist(*args, *rest, "zh+en")
    zh = reporting_checklist(*args, *rest, "zh")
    en = reporting_checklist(*args, *rest, "en")
    for b, z, e in zip(both.itertuples(), zh.itertuples(), en.itertuples(), strict=True):
        for col in ("checklist_item", "source", "checklist_answer"):
            z_cell, e_cell = getattr(z, col), getattr(e, col)
            expected = z_cell if z_cell == e_cell else f"{z_cell} {e_cell}"
            assert getattr(b, col) == expected
    assert "rounds: 2;" in " ".join(en["checklist_answer"])
