"""Delphi round statistics against hand-computed cases and scipy."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from statsmodels.stats.multitest import multipletests

from cslib.delphi import statistics as delphi
from cslib.delphi.io import Ratings, read_experts
from cslib.delphi.phrases import PHRASES as P
from cslib.stats.agreement import kendall_w
from cslib.stats.stability import signed_rank_exact

SAMPLES = Path(__file__).resolve().parents[1] / "data_samples"


def _ratings(framework, scores_by_round):
    """Build Ratings from {round: {expert: [14 scores in framework order]}}."""
    rows = [
        (r, e, i, s)
        for r, experts in scores_by_round.items()
        for e, scores in experts.items()
        for i, s in zip(framework.ids, scores, strict=True)
    ]
    data = pd.DataFrame(rows, columns=["round", "expert_id", "indicator_id", "score"])
    return Ratings(data=data, framework=framework)


@pytest.fixture
def small(framework):
    # 4 experts; first indicator A scores 5, 5, 4, 3 (by hand: mean 4.25, SD 0.957427…)
    base = [4] * 14
    experts = {f"E{k}": list(base) for k in range(1, 5)}
    for e, s in zip(experts, [5, 5, 4, 3], strict=True):
        experts[e][0] = s
    experts["E1"][9] = 2  # B4
    experts["E2"][9] = 3
    return _ratings(framework, {1: experts})


def test_item_statistics_by_hand(small):
    st = delphi.indicator_statistics(small, 1).set_index("indicator_id")
    a = st.loc["A"]
    sd = np.sqrt(((np.array([5, 5, 4, 3]) - 4.25) ** 2).sum() / 3)
    assert a["mean"] == pytest.approx(4.25, abs=1e-12)
    assert a["sd"] == pytest.approx(sd, abs=1e-12)
    assert a["cv"] == pytest.approx(sd / 4.25, abs=1e-12)
    assert a["full_score"] == pytest.approx(0.5, abs=1e-12)
    assert a["median"] == pytest.approx(4.5, abs=1e-12)
    # SPSS (weighted average at (n+1)p): sorted 3,4,5,5; Q1 at 1.25 → 3.25, Q3 at 3.75 → 5
    assert a["q1"] == pytest.approx(3.25, abs=1e-12) and a["q3"] == pytest.approx(5.0, abs=1e-12)
    assert a["iqr"] == pytest.approx(1.75, abs=1e-12)


def test_screening_verdicts(small):
    st = delphi.indicator_statistics(small, 1, delphi.ScreeningRule(min_mean=3.5, max_cv=0.25))
    b4 = st.set_index("indicator_id").loc["B4"]  # 2, 3, 4, 4: mean 3.25, CV 0.295
    assert bool(b4["fails_mean"]) and bool(b4["fails_cv"]) and b4["verdict"] == "drop"
    assert (st.set_index("indicator_id").drop(index="B4")["verdict"] == "keep").all()
    stricter = delphi.indicator_statistics(small, 1, delphi.ScreeningRule(min_full_score=0.6))
    assert stricter.set_index("indicator_id").loc["A", "verdict"] == "revise"


def test_authority_by_hand(write):
    path = write("e.csv", "expert_id,ca,cs\nE1,0.9,0.8\nE2,0.7,0.6\nE3,1.0,1.0\n")
    auth = delphi.authority(read_experts(path))
    assert auth.experts["authority_cr"].tolist() == pytest.approx([0.85, 0.65, 1.0], abs=1e-12)
    assert auth.mean_cr == pytest.approx(2.5 / 3, abs=1e-12)
    assert auth.share_acceptable == pytest.approx(2 / 3, abs=1e-12)


def test_positive_coefficient(framework):
    base = [4] * 14
    r = _ratings(
        framework,
        {1: {e: base for e in ["E1", "E2", "E3", "E4"]}, 2: {e: base for e in ["E1", "E2", "E3"]}},
    )
    pc = delphi.positive_coefficient(r, n_invited=5)
    assert pc[["sent", "returned"]].values.tolist() == [[5, 4], [4, 3]]
    assert pc["rate"].tolist() == pytest.approx([0.8, 0.75], abs=1e-12)
    with pytest.raises(ValueError):
        delphi.positive_coefficient(r, n_invited=3)


def test_concordance_matches_kendall_w(ratings):
    conc = delphi.concordance(ratings, 2).set_index("group")
    level2 = ratings.matrix(2, list(ratings.framework.leaves)).to_numpy()
    assert conc.loc["L2", "w"] == pytest.approx(kendall_w(level2).statistic, abs=1e-12)
    b = ratings.matrix(2, ["B1", "B2", "B3", "B4"]).to_numpy()
    assert conc.loc["B", "w"] == pytest.approx(kendall_w(b).statistic, abs=1e-12)
    assert conc.loc["B", "chi2"] == pytest.approx(stats.friedmanchisquare(*b.T).statistic, rel=1e-9)


def test_sample_panel_is_plausible(ratings):
    # the generator's promises (docs/background.md §1): W ≈ 0.3 / 0.5 in the last round, higher than round 1,
    # one or two indicators failing the screening rule in round 1
    c1 = delphi.concordance(ratings, 1).set_index("group")["w"]
    c2 = delphi.concordance(ratings, 2).set_index("group")["w"]
    assert 0.25 <= c2["L1"] <= 0.45 and 0.4 <= c2["L2"] <= 0.6
    assert c2["L1"] > c1["L1"] and c2["L2"] > c1["L2"]
    flagged = delphi.indicator_statistics(ratings, 1).query("verdict != 'keep'")
    assert 1 <= len(flagged) <= 2


def test_compare_rounds_exact_tests_on_paired_experts(ratings):
    comp = delphi.compare_rounds(ratings, 1, 2)
    row = comp.indicators.set_index("indicator_id").loc["A3"]
    x1 = ratings.matrix(1, ["A3"]).to_numpy()[:, 0]
    x2 = ratings.matrix(2, ["A3"]).to_numpy()[:, 0]
    assert row["pvalue"] == pytest.approx(signed_rank_exact(x2 - x1).pvalue, abs=1e-15)
    assert row["p_sign"] == pytest.approx(
        stats.binomtest(int((x2 > x1).sum()), int((x2 != x1).sum())).pvalue, abs=1e-15
    )
    holm = multipletests(comp.indicators["pvalue"], method="holm")[1]
    np.testing.assert_allclose(comp.indicators["p_holm"], holm, atol=1e-15)
    assert row["delta_mean"] == pytest.approx(x2.mean() - x1.mean(), abs=1e-12)
    assert row["share_unchanged"] == pytest.approx((x2 == x1).mean(), abs=1e-15)
    assert comp.n_paired == 26
    assert comp.third_round_advised == bool(comp.unstable or comp.failing or comp.no_consensus)


def _two_rounds(framework, first, second):
    e1 = {f"E{k}": list(s) for k, s in enumerate(first)}
    e2 = {f"E{k}": list(s) for k, s in enumerate(second)}
    return _ratings(framework, {1: e1, 2: e2})


def test_stability_rule_by_hand(framework):
    # 10 experts; indicator A: round 1 = 4,4,4,4,4,5,5,5,5,5 ; round 2: one expert 4 → 5
    base = [[4] * 14 for _ in range(10)]
    r1 = [list(b) for b in base]
    for k in range(5, 10):
        r1[k][0] = 5
    r2 = [list(r) for r in r1]
    r2[0][0] = 5  # A: 1 of 10 changed (90 % unchanged)
    r2[1][1] = 5  # A1: 1 changed, CV from 0 to > 0 → relative change undefined → not stable
    for k in range(3):  # A2: 3 of 10 changed (70 % unchanged)
        r2[k][2] = 5
    comp = delphi.compare_rounds(_two_rounds(framework, r1, r2), 1, 2)
    t = comp.indicators.set_index("indicator_id")
    a = t.loc["A"]
    cv1 = np.std([4] * 5 + [5] * 5, ddof=1) / 4.5
    cv2 = np.std([4] * 4 + [5] * 6, ddof=1) / 4.6
    assert a["share_unchanged"] == pytest.approx(0.9, abs=1e-15)
    assert a["cv_change_rel"] == pytest.approx(abs(cv2 - cv1) / cv1, abs=1e-12)
    assert bool(a["stable_descriptive"]) == (abs(cv2 - cv1) / cv1 <= 0.15)
    assert np.isnan(t.loc["A1", "cv_change_rel"]) and not t.loc["A1", "stable"]
    assert t.loc["A1", "cv_reason"] == "cv_change_undefined"  # a code; words in phrases
    assert "undefined" in P("cv_change_undefined", "en")
    assert t.loc["A2", "share_unchanged"] == pytest.approx(0.7, abs=1e-15)
    assert not t.loc["A2", "stable_descriptive"]
    assert t.loc["B", "stable"] and t.loc["B", "pvalue"] == 1.0
    loose = delphi.StabilityRule(min_unchanged=0.6, max_cv_change=0.0, require="any")
    comp2 = delphi.compare_rounds(_two_rounds(framework, r1, r2), 1, 2, stability=loose)
    assert comp2.indicators.set_index("indicator_id").loc["A2", "stable_descriptive"]
    # three changes can never reach 0.05: p_min = 2 / 2**3
    assert t.loc["A2", "p_min"] == pytest.approx(0.25, abs=1e-15)


def test_identical_rounds_are_stable(framework):
    experts = {f"E{k}": [3 + (k + j) % 3 for j in range(14)] for k in range(6)}
    rule = delphi.ConsensusRule(agree_min=3, min_share=0.75)
    comp = delphi.compare_rounds(
        _ratings(framework, {1: experts, 2: experts}), 1, 2, consensus=rule
    )
    assert comp.indicators["stable"].all() and comp.indicators["pvalue"].eq(1).all()
    assert not comp.third_round_advised and (comp.concordance["delta_w"] == 0).all()
    strict = delphi.compare_rounds(_ratings(framework, {1: experts, 2: experts}), 1, 2)
    assert strict.third_round_advised and strict.no_consensus  # 2 of 6 score 3: 67 % < 75 %


def test_consensus_table_by_hand(small):
    t = delphi.consensus_table(small, delphi.ConsensusRule(agree_min=4, min_share=0.75))
    a = t.set_index("indicator_id").loc["A"]  # 5, 5, 4, 3 → 3 of 4 score ≥ 4
    assert a["share_agree"] == pytest.approx(0.75, abs=1e-15) and a["consensus"]
    b4 = t.set_index("indicator_id").loc["B4"]  # 2, 3, 4, 4
    assert b4["share_agree"] == pytest.approx(0.5, abs=1e-15) and not b4["consensus"]
    with_iqr = delphi.consensus_table(small, delphi.ConsensusRule(max_iqr=1.0))
    assert not with_iqr.set_index("indicator_id").loc["A", "consensus"]  # IQR 1.75
    assert "75%" in delphi.ConsensusRule().describe("en")


def test_concordance_reports_p_method_and_undefined(framework):
    experts = {f"E{k}": [4] * 14 for k in range(5)}
    conc = delphi.concordance(_ratings(framework, {1: experts}), 1)
    assert conc["w"].isna().all() and (conc["p_method"] == "undefined").all()
    assert conc["reason"].str.contains("same score").all()


def test_sample_experts_file():
    assert len(read_experts(SAMPLES / "delphi_experts.csv")) == 26


def test_summary_states_undefined_w_without_label_or_nan(framework):
    from cslib.delphi.report import delphi_summary
    from cslib.delphi.weights import derive_weights

    experts = {f"E{k}": [4] * 14 for k in range(6)}
    r = _ratings(framework, {1: experts, 2: experts})
    rule = delphi.ScreeningRule()
    pos = delphi.positive_coefficient(r)
    w = derive_weights(r, 2, n_boot=50)
    comp = delphi.compare_rounds(r, 1, 2)
    for lang, word in (("en", "undefined, because"), ("zh", "无定义，因为")):
        box = delphi_summary(
            framework,
            pos,
            None,
            delphi.concordance(r, 2),
            delphi.indicator_statistics(r, 2, rule),
            rule,
            w,
            comp,
            lang,
        )
        text = " ".join(box.findings + box.next_steps)
        assert word in text
        assert "nan" not in text.lower()
        assert "significant" not in text and "协调性" not in text
    small = " ".join(
        delphi_summary(
            framework,
            pos,
            None,
            delphi.concordance(r, 2),
            delphi.indicator_statistics(r, 2, rule),
            rule,
            w,
            comp,
            "en",
            small_panel=10,
        ).findings
    )
    assert "approximate" in small  # 6 experts < 10
