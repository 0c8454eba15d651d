"""Content validity indices against published worked examples, tables and enumeration."""

import itertools
from math import comb

import numpy as np
import pytest
from scipy import stats

from cslib.core.errors import InputError
from cslib.stats.content_validity import (
    aiken_v,
    content_validity,
    cvr_critical,
    kappa_interpretation,
    lawshe_cvr,
)

# Polit, Beck & Owen (2007), Table 2 (2–3 decimals): N experts, A rating the item relevant
# -> I-CVI, pc, modified kappa, evaluation.  Rows where a printed value could depend on
# rounded intermediates (e.g. N = 6, A = 4: 0.565) are left out; the exact formula is
# checked on every row below.
POLIT_TABLE = [
    (3, 3, 1.00, 0.125, 1.00, "excellent"),
    (3, 2, 0.67, 0.375, 0.47, "fair"),
    (4, 4, 1.00, 0.063, 1.00, "excellent"),
    (4, 3, 0.75, 0.250, 0.67, "good"),
    (5, 5, 1.00, 0.031, 1.00, "excellent"),
    (5, 4, 0.80, 0.156, 0.76, "excellent"),
    (6, 6, 1.00, 0.016, 1.00, "excellent"),
    (6, 5, 0.83, 0.094, 0.82, "excellent"),
    (7, 6, 0.86, 0.055, 0.85, "excellent"),
    (8, 6, 0.75, 0.109, 0.72, "good"),
    (9, 8, 0.89, 0.018, 0.89, "excellent"),
    (9, 7, 0.78, 0.070, 0.76, "excellent"),
]


@pytest.mark.parametrize(("n", "a", "icvi", "pc", "kappa", "label"), POLIT_TABLE)
def test_polit_beck_owen_table(n, a, icvi, pc, kappa, label):
    ratings = np.array([[4]] * a + [[2]] * (n - a))
    r = content_validity(ratings).items.iloc[0]
    assert r["i_cvi"] == pytest.approx(icvi, abs=0.005)
    assert r["pc"] == pytest.approx(pc, abs=0.00051)
    assert r["kappa_star"] == pytest.approx(kappa, abs=0.005)
    assert r["interpretation"] == label
    # the exact formula
    p_exact = comb(n, a) * 0.5**n
    assert r["pc"] == pytest.approx(p_exact, abs=1e-15)
    assert r["kappa_star"] == pytest.approx((a / n - p_exact) / (1 - p_exact), abs=1e-12)


def test_scale_indices_by_hand():
    # Polit & Beck (2006): S-CVI/Ave is the mean I-CVI, S-CVI/UA the share of items all
    # experts rate 3 or 4.  Three experts, four items:
    x = np.array([[4, 3, 2, 4], [3, 4, 4, 4], [4, 2, 1, 3]])
    res = content_validity(x, items=["a", "b", "c", "d"])
    assert res.items["i_cvi"].tolist() == pytest.approx([1, 2 / 3, 1 / 3, 1], abs=1e-15)
    assert res.s_cvi_ave == pytest.approx((1 + 2 / 3 + 1 / 3 + 1) / 4, abs=1e-15)
    assert res.s_cvi_ua == pytest.approx(0.5, abs=1e-15)
    assert res.items["item"].tolist() == ["a", "b", "c", "d"]
    # a 5-point importance scale counted as relevant at 4–5
    five = content_validity(np.array([[5], [4], [3], [4]]), relevant_min=4)
    assert five.items["i_cvi"].iloc[0] == pytest.approx(0.75, abs=1e-15)


def test_one_expert_is_undefined_without_label():
    res = content_validity([[4, 3]])
    assert res.reason and np.isnan(res.s_cvi_ave)
    assert res.items["kappa_star"].isna().all() and (res.items["interpretation"] == "").all()
    assert kappa_interpretation(float("nan")) == ""


# Ayre & Scally (2014), Table 1 (one-tailed alpha = 0.05): N -> critical CVR.
AYRE_SCALLY = {
    5: 1.0, 6: 1.0, 7: 1.0, 8: 0.75, 9: 0.778, 10: 0.8, 11: 0.636, 12: 0.667, 13: 0.538,
    14: 0.571, 15: 0.6, 16: 0.5, 17: 0.529, 18: 0.444, 19: 0.474, 20: 0.5, 25: 0.44,
    30: 0.333, 35: 0.314, 40: 0.3,
}  # fmt: skip


@pytest.mark.parametrize(("n", "crit"), sorted(AYRE_SCALLY.items()))
def test_cvr_critical_values_ayre_scally(n, crit):
    assert cvr_critical(n) == pytest.approx(crit, abs=5e-4)


def test_cvr_critical_undefined_for_tiny_panels_and_lawshe_disagreement():
    assert np.isnan(cvr_critical(4))  # 4 of 4 has p = 0.0625 > 0.05
    # Lawshe's 1975 table prints 0.62 for N = 10; the exact binomial requires 9 of 10 (0.80)
    assert cvr_critical(10) == pytest.approx(0.8, abs=1e-15)
    assert stats.binom.sf(7, 10, 0.5) > 0.05 >= stats.binom.sf(8, 10, 0.5)


def test_lawshe_cvr_by_hand():
    # Lawshe (1975): CVR = (ne - N/2) / (N/2); 15 experts, 12 / 8 / 15 say "essential"
    x = np.zeros((15, 3), dtype=int)
    x[:12, 0] = 1
    x[:8, 1] = 1
    x[:, 2] = 1
    res = lawshe_cvr(x)
    assert res.items["cvr"].tolist() == pytest.approx([0.6, 1 / 15, 1.0], abs=1e-15)
    assert res.items["significant"].tolist() == [True, False, True]
    assert res.cvi == pytest.approx(0.8, abs=1e-15)
    none = lawshe_cvr(np.zeros((6, 2), dtype=int))
    assert np.isnan(none.cvi) and none.reason
    with pytest.raises(InputError):
        lawshe_cvr([[2, 1]])


def _aiken_tail_bruteforce(n, c, s_obs):
    sums = [sum(t) for t in itertools.product(range(c), repeat=n)]
    return np.mean(np.array(sums) >= s_obs)


@pytest.mark.parametrize(("n", "c"), [(3, 4), (4, 5), (5, 3), (6, 2)])
def test_aiken_v_formula_and_exact_tail(n, c):
    rng = np.random.default_rng(n * 10 + c)
    x = rng.integers(1, c + 1, size=(n, 4))
    res = aiken_v(x, lo=1, hi=c)
    s = (x - 1).sum(axis=0)
    np.testing.assert_allclose(res.items["v"], s / (n * (c - 1)), atol=1e-15)
    for k in range(4):
        assert res.items["pvalue"].iloc[k] == pytest.approx(
            _aiken_tail_bruteforce(n, c, s[k]), abs=1e-12
        )


def test_aiken_v_rejects_off_scale():
    with pytest.raises(InputError):
        aiken_v([[6]], lo=1, hi=5)
    with pytest.raises(InputError):
        content_validity([[np.nan]])
