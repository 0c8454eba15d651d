"""Weights: hand-computed cases, the mean-difference AHP fit from docs/background.md §1, bootstrap behaviour."""

import numpy as np
import pandas as pd
import pytest

from cslib.core.errors import InputError
from cslib.delphi.io import Ratings
from cslib.delphi.weights import METHODS, _mean_diff_matrices, compare_methods, derive_weights
from cslib.stats.ahp import priorities


def _ratings(framework, matrix):
    rows = [
        (1, f"E{e}", i, s)
        for e, scores in enumerate(matrix)
        for i, s in zip(framework.ids, scores, strict=True)
    ]
    return Ratings(
        pd.DataFrame(rows, columns=["round", "expert_id", "indicator_id", "score"]), framework
    )


def test_normalised_means_by_hand(framework):
    # ids: A A1 A2 A3 A4 B B1 B2 B3 B4 C C1 C2 C3
    scores = [
        [5, 4, 4, 5, 3, 4, 5, 4, 3, 2, 3, 4, 5, 3],
        [4, 4, 2, 5, 5, 4, 5, 4, 3, 2, 3, 2, 5, 5],
    ]
    w = derive_weights(_ratings(framework, scores), method="mean", n_boot=0).table.set_index(
        "indicator_id"
    )
    assert w.loc["A", "local"] == pytest.approx(4.5 / (4.5 + 4 + 3), abs=1e-12)
    assert w.loc["A3", "local"] == pytest.approx(5 / (4 + 3 + 5 + 4), abs=1e-12)
    assert w.loc["A3", "combined"] == pytest.approx(4.5 / 11.5 * 5 / 16, abs=1e-12)
    assert w.loc[list(framework.leaves), "combined"].sum() == pytest.approx(1, abs=1e-12)


def test_rank_sum_by_hand(framework):
    scores = [
        [5, 4, 4, 5, 3, 4, 5, 4, 3, 2, 3, 4, 5, 3],
        [4, 4, 2, 5, 5, 4, 5, 4, 3, 2, 3, 2, 5, 5],
    ]
    w = derive_weights(_ratings(framework, scores), method="rank_sum", n_boot=0).table.set_index(
        "indicator_id"
    )
    # group A: expert 1 ranks (2.5, 2.5, 4, 1), expert 2 (2, 1, 3.5, 3.5) → sums 4.5, 3.5, 7.5, 4.5
    assert w.loc[["A1", "A2", "A3", "A4"], "local"].tolist() == pytest.approx(
        [4.5 / 20, 3.5 / 20, 7.5 / 20, 4.5 / 20], abs=1e-12
    )


def test_mean_difference_ahp_reproduces_design_example():
    # docs/background.md §1: group 2 mean gaps 0, −0.19, −0.67, −1.30 give geometric-mean priorities
    # 34.55, 30.07, 21.29, 14.09 (%), against the study's printed 34.52, 30.16, 21.24, 14.08
    means = np.array([4.8, 4.61, 4.13, 3.5])
    w = priorities(_mean_diff_matrices(means), "geometric") * 100
    assert np.round(w, 2).tolist() == [34.55, 30.07, 21.29, 14.09]
    m = _mean_diff_matrices(means)
    assert m[0, 3] == pytest.approx(2.3, abs=1e-12) and m[3, 0] == pytest.approx(1 / 2.3, abs=1e-12)


def test_bootstrap_is_seeded_and_brackets_point(ratings):
    a = derive_weights(ratings, method="ahp_mean_diff", n_boot=300, seed=7)
    b = derive_weights(ratings, method="ahp_mean_diff", n_boot=300, seed=7)
    pd.testing.assert_frame_equal(a.table, b.table)
    t = a.table
    assert (t["combined_lo"] <= t["combined"] + 1e-12).all() and (
        t["combined"] <= t["combined_hi"] + 1e-12
    ).all()
    c = derive_weights(ratings, method="ahp_mean_diff", n_boot=300, seed=8)
    assert not np.allclose(a.table["combined_lo"], c.table["combined_lo"])


@pytest.mark.parametrize("method", METHODS)
def test_weights_sum_to_one_in_every_group(ratings, method):
    res = derive_weights(ratings, method=method, n_boot=50)
    t = res.table
    for children in ratings.framework.groups.values():
        assert t.set_index("indicator_id").loc[list(children), "local"].sum() == pytest.approx(
            1, abs=1e-12
        )
    assert res.combined().sum() == pytest.approx(1, abs=1e-12)
    assert sorted(res.ranking()["rank"].tolist()) == list(range(1, 12))


def test_sample_weights_resemble_published(ratings):
    # same order as the study (docs/background.md §1): level 1 near 38/33/28 %
    w = derive_weights(ratings, n_boot=0).table.set_index("indicator_id")["local"]
    assert w["A"] > w["B"] > w["C"]
    for i, published in {"A": 0.3815, "B": 0.3347, "C": 0.2838}.items():
        assert abs(w[i] - published) < 0.05


def test_ahp_consistency_reported(ratings):
    res = derive_weights(ratings, method="ahp_mean_diff", n_boot=0)
    assert list(res.consistency["group"]) == ["L1", "A", "B", "C"]
    assert (res.consistency["consistency_ratio"] < 0.1).all()


def test_compare_methods_and_bad_arguments(ratings):
    table = compare_methods(ratings)
    assert list(table.columns) == list(METHODS) and np.allclose(table.sum(), 1)
    with pytest.raises(InputError) as err:
        derive_weights(ratings, method="magic")
    assert err.value.first.column == "method" and err.value.first.found == "magic"
    with pytest.raises(InputError) as err:
        derive_weights(ratings, confidence_level=1.5)
    assert err.value.first.column == "confidence_level" and err.value.first.found == 1.5
    for bad in ({"n_boot": -1}, {"ci_method": "studentised"}):
        with pytest.raises(InputError) as err:
            derive_weights(ratings, **bad)
        assert err.value.first.column == next(iter(bad))


def test_unrated_indicator_and_unknown_round_are_located_input_errors(framework, ratings):
    partial = Ratings(ratings.data[ratings.data["indicator_id"] != "A1"], framework, source="r.csv")
    with pytest.raises(InputError) as err:
        derive_weights(partial, n_boot=0)
    assert err.value.file == "r.csv" and err.value.first.column == "indicator_id"
    assert "A1" in str(err.value.first.found)
    with pytest.raises(InputError) as err:
        derive_weights(ratings, 7, n_boot=0)
    assert err.value.first.column == "round" and err.value.first.found == 7


def test_two_experts_record_the_expanded_interval_they_got(framework):
    # two experts: the expanded percentile interval is computed (its factor needs n >= 2),
    # so it is what the result records; BCa needs three and falls back to percentile
    scores = [
        [5, 4, 4, 5, 3, 4, 5, 4, 3, 2, 3, 4, 5, 3],
        [4, 4, 2, 5, 5, 4, 5, 4, 3, 2, 3, 2, 5, 5],
    ]
    r = _ratings(framework, scores)
    expanded = derive_weights(r, n_boot=200, ci_method="expanded")
    percentile = derive_weights(r, n_boot=200, ci_method="percentile")
    bca = derive_weights(r, n_boot=200, ci_method="bca")
    assert expanded.ci_method == "expanded"
    assert percentile.ci_method == "percentile" and bca.ci_method == "percentile"
    # (at two experts a quarter of the resamples repeat each expert, so both tails sit at the
    # bootstrap extremes and the two intervals coincide; what differs is what was computed)
    pd.testing.assert_frame_equal(bca.table, percentile.table)
    assert expanded.confidence_level == 0.95
