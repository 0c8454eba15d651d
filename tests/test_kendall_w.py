"""Kendall's W against a published worked example and against scipy's Friedman test."""

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
    res = kendall_w(ranks_by_judge)
    assert res.w == pytest.approx(1 / 16, abs=1e-12)
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
    res = kendall_w(x)
    with np.errstate(all="ignore"):
        fried = stats.friedmanchisquare(*x.T)
    assert res.chi2 == pytest.approx(fried.statistic, rel=1e-9, abs=1e-9)
    assert res.pvalue == pytest.approx(fried.pvalue, rel=1e-9, abs=1e-12)
    assert 0 <= res.w <= 1 + 1e-12


def test_tie_term_by_hand():
    # one rater with a tie of 2 and one of 3 among 5 items: T = (8-2) + (27-3) = 30
    x = np.array([[1, 1, 2, 2, 2], [1, 2, 3, 4, 5]])
    r = stats.rankdata(x, axis=1)
    s = ((r.sum(0) - r.sum(0).mean()) ** 2).sum()
    expected = 12 * s / (2**2 * (5**3 - 5) - 2 * 30)
    assert kendall_w(x).w == pytest.approx(expected, abs=1e-12)
    uncorrected = 12 * s / (2**2 * (5**3 - 5))
    assert kendall_w(x, ties=False).w == pytest.approx(uncorrected, abs=1e-12)


def test_perfect_agreement_is_one():
    x = np.tile(np.arange(1, 6), (7, 1))
    assert kendall_w(x).w == pytest.approx(1.0, abs=1e-12)


@pytest.mark.parametrize("bad", [np.ones(5), np.ones((1, 4)), np.array([[1, np.nan], [2, 3]])])
def test_rejects_bad_shapes_and_missing(bad):
    with pytest.raises(ValueError):
        kendall_w(bad)
