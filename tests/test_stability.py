"""Exact paired tests (cslib.stats.stability) against scipy and brute-force enumeration."""

import itertools

import numpy as np
import pytest
from scipy import stats

from cslib.core.errors import InputError
from cslib.stats.stability import sign_test, signed_rank_exact


def _brute_force(d, zero_method="pratt", alternative="two-sided"):
    """Enumerate all 2^k sign vectors of the non-zero differences (independent check)."""
    d = np.asarray(d, dtype=float)
    nz = d != 0
    if zero_method == "pratt":
        r = stats.rankdata(np.abs(d))[nz]
    else:
        r = stats.rankdata(np.abs(d[nz]))
    t_obs = r[d[nz] > 0].sum()
    center = r.sum() / 2
    ts = np.array(
        [
            sum(ri for ri, s in zip(r, signs, strict=True) if s)
            for signs in itertools.product([0, 1], repeat=r.size)
        ]
    )
    if alternative == "greater":
        return np.mean(ts >= t_obs - 1e-9)
    if alternative == "less":
        return np.mean(ts <= t_obs + 1e-9)
    return np.mean(np.abs(ts - center) >= abs(t_obs - center) - 1e-9)


def test_issue_example_four_of_fifteen_changes():
    # four experts raise a score by one point: the normal approximation says 0.046, the exact
    # conditional distribution 2 / 2**4 = 0.125 (all four ranks are tied, T+ is 0 or 4·r)
    d = [1, 1, 1, 1] + [0] * 11
    res = signed_rank_exact(d)
    assert res.pvalue == pytest.approx(0.125, abs=1e-12)
    assert res.minimum_pvalue == pytest.approx(0.125, abs=1e-12)
    approx = stats.wilcoxon(d, zero_method="pratt", method="asymptotic").pvalue
    assert approx == pytest.approx(0.0455, abs=5e-4)  # the number the issue quotes
    assert sign_test(d).pvalue == pytest.approx(0.125, abs=1e-12)


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("n", [5, 9, 14])
def test_matches_scipy_exact_without_ties_or_zeros(seed, n):
    rng = np.random.default_rng(seed)
    d = rng.permutation(np.arange(1, n + 1)) * rng.choice([-1, 1], n) + rng.uniform(-0.1, 0.1, n)
    for alt in ("two-sided", "greater", "less"):
        ours = signed_rank_exact(d, alternative=alt)
        ref = stats.wilcoxon(d, method="exact", alternative=alt)
        assert ours.pvalue == pytest.approx(ref.pvalue, abs=1e-12)
        assert ours.statistic == pytest.approx(np.sum(stats.rankdata(np.abs(d))[d > 0]), abs=1e-12)


@pytest.mark.parametrize("seed", range(25))
@pytest.mark.parametrize("zero_method", ["pratt", "wilcox"])
def test_matches_enumeration_with_ties_and_zeros(seed, zero_method):
    rng = np.random.default_rng(100 + seed)
    n = int(rng.integers(3, 15))
    d = rng.choice([-2, -1, 0, 0, 0, 1, 1, 2], size=n)  # Likert changes: many ties and zeros
    if not np.any(d):
        d[0] = 1
    for alt in ("two-sided", "greater", "less"):
        ours = signed_rank_exact(d, zero_method=zero_method, alternative=alt)
        assert ours.pvalue == pytest.approx(_brute_force(d, zero_method, alt), abs=1e-12)


def test_paired_input_and_no_change():
    x = np.array([4, 5, 3, 4, 4])
    assert signed_rank_exact(x, x).pvalue == 1.0
    assert signed_rank_exact(x, x).method == "no change"
    assert sign_test(x, x).pvalue == 1.0
    y = x + np.array([1, 0, 0, -1, 1])
    assert signed_rank_exact(y, x).pvalue == pytest.approx(_brute_force(y - x), abs=1e-12)


def test_sign_test_against_binomtest_and_issue_example():
    res = sign_test([1] * 9 + [-1] * 2 + [0] * 4)
    assert res.pvalue == pytest.approx(stats.binomtest(9, 11).pvalue, abs=1e-15)
    assert res.pvalue == pytest.approx(0.0654296875, abs=1e-12)  # 2·Σ_{k≤2} C(11,k) / 2^11
    assert (res.n_pos, res.n_neg, res.n_zero) == (9, 2, 4)


def test_bad_input_is_input_error():
    with pytest.raises(InputError):
        signed_rank_exact([1, np.nan])
    with pytest.raises(InputError):
        signed_rank_exact([1, 2], [1, 2, 3])
    with pytest.raises(InputError):
        signed_rank_exact([1, 2], zero_method="zsplit")


def test_large_samples_use_the_named_normal_approximation():
    rng = np.random.default_rng(9)
    d = rng.choice([-1, 0, 1, 2], size=400)
    res = signed_rank_exact(d)
    assert res.method == "normal approximation"
    ref = stats.wilcoxon(d, zero_method="pratt", method="asymptotic")
    assert res.pvalue == pytest.approx(ref.pvalue, abs=1e-15)
    small = signed_rank_exact(d[:150])
    assert small.method == "exact permutation"
    # at 150 pairs exact and tie-corrected normal p agree closely
    approx = stats.wilcoxon(d[:150], zero_method="pratt", method="asymptotic").pvalue
    assert small.pvalue == pytest.approx(approx, abs=0.01)


@pytest.mark.parametrize("n_pos", range(0, 13))
def test_sign_test_equals_binomtest_all_alternatives(n_pos):
    d = [1] * n_pos + [-1] * (12 - n_pos) + [0] * 3
    for alt in ("two-sided", "greater", "less"):
        ref = stats.binomtest(n_pos, 12, 0.5, alternative=alt).pvalue
        assert sign_test(d, alternative=alt).pvalue == pytest.approx(ref, abs=1e-15)


def test_columns_equal_per_column_calls_small_and_large():
    from cslib.stats.stability import signed_rank_columns

    rng = np.random.default_rng(4)
    d = rng.choice([-1, 0, 0, 1, 2], size=(400, 3))
    d[20:, 0] = 0  # column 0: few non-zero -> exact
    got = signed_rank_columns(d)
    for k in range(3):
        want = signed_rank_exact(d[:, k])
        assert got[k].method == want.method
        assert got[k].pvalue == pytest.approx(want.pvalue, abs=1e-14)
        assert got[k].minimum_pvalue == pytest.approx(want.minimum_pvalue, rel=1e-12)
        assert got[k].statistic == pytest.approx(want.statistic, abs=1e-9)
    assert got[0].method == "exact permutation" and got[1].method == "normal approximation"
