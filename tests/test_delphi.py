"""Delphi round statistics against hand-computed cases and scipy."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from cslib.delphi import statistics as delphi
from cslib.delphi.io import Ratings, read_experts
from cslib.stats.agreement import kendall_w

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
    assert auth.experts["cr"].tolist() == pytest.approx([0.85, 0.65, 1.0], abs=1e-12)
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
    assert conc.loc["L2", "w"] == pytest.approx(kendall_w(level2).w, abs=1e-12)
    b = ratings.matrix(2, ["B1", "B2", "B3", "B4"]).to_numpy()
    assert conc.loc["B", "w"] == pytest.approx(kendall_w(b).w, abs=1e-12)
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


def test_compare_rounds_uses_wilcoxon_on_paired_experts(ratings):
    comp = delphi.compare_rounds(ratings, 1, 2)
    row = comp.indicators.set_index("indicator_id").loc["A3"]
    x1 = ratings.matrix(1, ["A3"]).to_numpy()[:, 0]
    x2 = ratings.matrix(2, ["A3"]).to_numpy()[:, 0]
    ref = stats.wilcoxon(x2, x1, zero_method="pratt")
    assert row["p"] == pytest.approx(ref.pvalue, rel=1e-12)
    assert row["delta_mean"] == pytest.approx(x2.mean() - x1.mean(), abs=1e-12)
    assert comp.n_paired == 26
    assert comp.third_round_advised == bool(comp.unstable or comp.failing)


def test_identical_rounds_are_stable(framework):
    experts = {f"E{k}": [3 + (k + j) % 3 for j in range(14)] for k in range(6)}
    comp = delphi.compare_rounds(_ratings(framework, {1: experts, 2: experts}), 1, 2)
    assert comp.indicators["stable"].all() and comp.indicators["p"].eq(1).all()
    assert not comp.third_round_advised and (comp.concordance["delta_w"] == 0).all()


def test_sample_experts_file():
    assert len(read_experts(SAMPLES / "delphi_experts.csv")) == 26
