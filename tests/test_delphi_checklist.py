"""Reporting checklist: answers come from the data and parameters; the rest is marked."""

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
