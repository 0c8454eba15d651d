"""Kendall's W against a published worked example and against scipy's Friedman test."""

import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy import stats

from cslib.stats.agreement import kendall_w


def test_published_example_without_ties():
    # ProofWiki, "Kendall's Coefficient of Concordance/Examples/Arbitrary Example 1":
    # 4 judges rank 3 competitors; rank sums 7, 9, 8; S = 2; W = 1/16.
    ranks_by_judge = np.array([[1, 3, 2], [1, 2, 3], [2, 3, 1], [3, 1, 2]])
    res = kendall_w(ranks_by_judge, method="chi2")
    assert res.statistic == pytest.approx(1 / 16, abs=1e-12)
    assert res.chi2 == pytest.approx(4 * 2 / 16, abs=1e-12)
    assert res.df == 2
    assert res.pvalue == pytest.approx(stats.chi2.sf(0.5, 2), abs=1e-12)


@settings(max_examples=60, deadline=None)
@given(
    arrays(np.int64, st.tuples(st.integers(2, 12), st.integers(3, 9)), elements=st.integers(1, 5))
)
def test_equals_tie_corrected_friedman(x):
    # chi2 = m (n-1) W equals scipy's tie-corrected Friedman statistic (independent implementation)
    tied_everywhere = np.all(x == x[:, :1], axis=1).all()
    if tied_everywhere:
        return
    res = kendall_w(x, method="chi2")
    with np.errstate(all="ignore"):
        fried = stats.friedmanchisquare(*x.T)
    assert res.chi2 == pytest.approx(fried.statistic, rel=1e-9, abs=1e-9)
    assert res.pvalue == pytest.approx(fried.pvalue, rel=1e-9, abs=1e-12)
    assert 0 <= res.statistic <= 1 + 1e-12


def test_tie_term_by_hand():
    # one rater with a tie of 2 and one of 3 among 5 items: T = (8-2) + (27-3) = 30
    x = np.array([[1, 1, 2, 2, 2], [1, 2, 3, 4, 5]])
    r = stats.rankdata(x, axis=1)
    s = ((r.sum(0) - r.sum(0).mean()) ** 2).sum()
    expected = 12 * s / (2**2 * (5**3 - 5) - 2 * 30)
    assert kendall_w(x).statistic == pytest.approx(expected, abs=1e-12)
    uncorrected = 12 * s / (2**2 * (5**3 - 5))
    assert kendall_w(x, ties=False).statistic == pytest.approx(uncorrected, abs=1e-12)


def test_perfect_agreement_is_one():
    x = np.tile(np.arange(1, 6), (7, 1))
    assert kendall_w(x).statistic == pytest.approx(1.0, abs=1e-12)


@pytest.mark.parametrize("bad", [np.ones(5), np.ones((1, 4)), np.array([[1, np.nan], [2, 3]])])
def test_rejects_bad_shapes_and_missing(bad):
    with pytest.raises(ValueError):
        kendall_w(bad)


# --- p-value methods (issue 10) ------------------------------------------------------------


def _enumerate_p(x):
    """P(S ≥ S_obs) by listing every combination of per-rater permutations (independent check)."""
    r = stats.rankdata(np.asarray(x, float), axis=1)
    m, n = r.shape
    s_obs = ((r.sum(0) - r.sum() / n) ** 2).sum()
    perms = [r[k][list(p)] for k in range(m) for p in itertools.permutations(range(n))]
    per = [perms[k * math.factorial(n) : (k + 1) * math.factorial(n)] for k in range(m)]
    hits = total = 0
    for combo in itertools.product(*per):
        sums = np.sum(combo, axis=0)
        hits += ((sums - r.sum() / n) ** 2).sum() >= s_obs - 1e-9
        total += 1
    return hits / total


@pytest.mark.parametrize(
    "x",
    [
        [[1, 2, 3], [1, 3, 2], [2, 1, 3], [1, 2, 3]],
        [[1, 1, 2], [2, 1, 1], [3, 2, 1]],
        [[5, 4, 4], [4, 4, 5], [5, 5, 3], [4, 3, 3], [5, 4, 2]],
        [[1, 2], [2, 1], [1, 1], [3, 1], [4, 2], [5, 3]],
    ],
)
def test_exact_p_equals_full_enumeration(x):
    res = kendall_w(np.array(x))
    assert res.pvalue_method == "exact"
    assert res.pvalue == pytest.approx(_enumerate_p(x), abs=1e-12)


@pytest.mark.parametrize(
    ("m", "chi2_r", "p_table"),
    [(4, 0.5, 0.931), (4, 6.5, 0.042), (4, 8.0, 0.0046), (3, 6.0, 0.028), (3, 4.667, 0.194)],
)
def test_exact_p_against_friedman_table(m, chi2_r, p_table):
    # Friedman's exact table for k = 3 treatments (Siegel 1956, Table N; also Siegel &
    # Castellan 1988, Table M): find rankings with that chi2_r and compare the printed p.
    found = None
    for combo in itertools.product(itertools.permutations([1, 2, 3]), repeat=m):
        x = np.array(combo)
        if abs(stats.friedmanchisquare(*x.T).statistic - chi2_r) < 1e-3:
            found = x
            break
    assert found is not None
    res = kendall_w(found)
    assert res.pvalue == pytest.approx(p_table, abs=5e-5 if p_table < 0.01 else 5e-4)


def test_two_items_exact_equals_sign_test_issue_example():
    # 15 experts, 2 items: 9 prefer one, 2 the other, 4 ties (issue 10, item 2)
    x = np.array([[2, 1]] * 9 + [[1, 2]] * 2 + [[1, 1]] * 4)
    res = kendall_w(x)
    assert res.pvalue == pytest.approx(stats.binomtest(9, 11).pvalue, abs=1e-12)
    assert res.pvalue == pytest.approx(0.0654, abs=5e-5)
    assert kendall_w(x, method="chi2").pvalue == pytest.approx(0.0348, abs=5e-4)


def test_monte_carlo_is_seeded_and_close_to_exact():
    rng = np.random.default_rng(3)
    x = rng.integers(1, 6, size=(6, 3))
    exact = kendall_w(x, method="exact").pvalue
    mc = kendall_w(x, method="monte_carlo", n_perm=20000, seed=1)
    assert mc.pvalue_method == "monte_carlo" and mc.n_perm == 20000 and mc.seed == 1
    assert mc.pvalue == kendall_w(x, method="monte_carlo", n_perm=20000, seed=1).pvalue
    assert abs(mc.pvalue - exact) < 4 * np.sqrt(exact * (1 - exact) / 20000) + 1e-4


def test_auto_method_choice():
    rng = np.random.default_rng(5)
    assert kendall_w(rng.integers(1, 6, (10, 3))).pvalue_method == "exact"
    assert kendall_w(rng.integers(1, 6, (10, 5))).pvalue_method == "monte_carlo"
    assert kendall_w(rng.integers(1, 6, (10, 9))).pvalue_method == "chi2"
    with pytest.raises(ValueError):
        kendall_w(rng.integers(1, 6, (10, 5)), method="exact")


def test_undefined_when_all_scores_equal_within_every_rater():
    res = kendall_w(np.array([[4, 4, 4], [5, 5, 5], [3, 3, 3]]))
    assert np.isnan(res.statistic) and np.isnan(res.pvalue) and not res.defined
    assert res.pvalue_method == "undefined" and "same score" in res.reason


def test_auto_method_limits_for_large_panels():
    rng = np.random.default_rng(6)
    assert kendall_w(rng.integers(1, 6, (500, 2))).pvalue_method == "exact"
    assert kendall_w(rng.integers(1, 6, (100, 3))).pvalue_method == "monte_carlo"
    assert kendall_w(rng.integers(1, 6, (1000, 3))).pvalue_method == "chi2"
    assert kendall_w(rng.integers(1, 6, (1000, 5))).pvalue_method == "chi2"


def test_statistic_is_w():
    # W = 12 S / (m^2 (n^3 - n)) with no ties: rank sums 5, 8, 11 → S = 18, W = 216/384
    x = np.array([[1, 2, 3], [1, 3, 2], [2, 1, 3], [1, 2, 3]])
    res = kendall_w(x, method="chi2")
    assert res.statistic == pytest.approx(0.5625, abs=1e-12)
    assert res.chi2 == pytest.approx(4 * 2 * 0.5625, abs=1e-12)
