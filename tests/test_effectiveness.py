"""Level 1/2 statistics and planning, each against something we did not write:
scipy / statsmodels on the same data, published worked examples (sources named per test),
and small hand-computed cases."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pingouin as pg
import pytest
from scipy import stats
from statsmodels.stats.multitest import multipletests

from cslib.core.errors import InputError
from cslib.effectiveness.levels import learning_table, rate_table
from cslib.stats.items import item_analysis, kr20
from cslib.stats.multitest import adjust_pvalues
from cslib.stats.paired import paired_change, retention
from cslib.stats.power import (
    paired_sample_size,
    smallest_detectable_difference,
    two_proportion_sample_size,
)
from cslib.stats.proportions import compare_proportions, proportion

# --------------------------------------------------------------------------- level 1


@pytest.mark.parametrize(
    ("k", "n", "lo", "hi"),
    [
        # Newcombe (1998) "Two-sided confidence intervals for the single proportion: comparison of
        # seven methods", Stat Med 17:857-872, Table I, method 3 (Wilson score, no continuity corr.)
        (81, 263, 0.2553, 0.3662),
        (15, 148, 0.0624, 0.1605),
        (0, 20, 0.0000, 0.1611),
        (1, 29, 0.0061, 0.1718),
    ],
)
def test_wilson_interval_matches_newcombe_1998(k, n, lo, hi):
    p = proportion(k, n)
    assert p.rate == k / n
    assert p.ci_low == pytest.approx(lo, abs=5e-5)
    assert p.ci_high == pytest.approx(hi, abs=5e-5)


def test_wilson_interval_formula():
    # Wilson (1927) closed form, written out here only as the reference
    k, n, z = 37, 52, stats.norm.ppf(0.975)
    ph = k / n
    centre = (ph + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(ph * (1 - ph) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    p = proportion(k, n)
    assert (p.ci_low, p.ci_high) == pytest.approx((centre - half, centre + half), rel=1e-12)


@pytest.mark.parametrize(
    ("counts", "lo", "hi"),
    [
        # Newcombe (1998) "Interval estimation for the difference between independent proportions:
        # comparison of eleven methods", Stat Med 17:873-890, Table II, method 10 (hybrid score)
        ((56, 70, 48, 80), 0.0524, 0.3339),
        ((9, 10, 3, 10), 0.1705, 0.8090),
        ((5, 56, 0, 29), -0.0381, 0.1926),
        ((0, 10, 0, 20), -0.1611, 0.2775),
    ],
)
def test_newcombe_difference_interval(counts, lo, hi):
    c = compare_proportions(*counts)
    assert c.difference == pytest.approx(counts[0] / counts[1] - counts[2] / counts[3])
    assert c.ci_low == pytest.approx(lo, abs=5e-5)
    assert c.ci_high == pytest.approx(hi, abs=5e-5)


def test_two_proportion_z_equals_pearson_chi2():
    k1, n1, k2, n2 = 1862, 1922, 246, 263
    c = compare_proportions(k1, n1, k2, n2)
    table = np.array([[k1, n1 - k1], [k2, n2 - k2]])
    chi2, p, _, _ = stats.chi2_contingency(table, correction=False)
    assert c.statistic**2 == pytest.approx(chi2, rel=1e-10)
    assert c.pvalue == pytest.approx(p, rel=1e-10)


def test_two_proportion_matches_r_prop_test():
    # tests/r_reference/effectiveness_reference.R:
    # prop.test(c(1862, 246), c(1922, 263), correct = FALSE)
    # -> X-squared = 7.6005664, p-value = 0.005834997 (R's Wald CI is not the Newcombe one)
    c = compare_proportions(1862, 1922, 246, 263)
    assert c.statistic**2 == pytest.approx(7.6005664, rel=1e-7)
    assert c.pvalue == pytest.approx(0.005834997, rel=1e-6)
    assert c.first.rate == pytest.approx(0.9687825182, rel=1e-9)


def test_rate_table_counts_and_missing():
    df = pd.DataFrame(
        {
            "g": ["a"] * 5 + ["b"] * 3,
            "satisfied": [True, True, False, None, True, False, False, True],
        }
    )
    t = rate_table(df, "g").set_index("g")
    assert t.loc["a", "k"] == 3 and t.loc["a", "n"] == 4 and t.loc["a", "n_missing"] == 1
    assert t.loc["b", "rate"] == pytest.approx(1 / 3)
    assert t.loc["b", "ci_low"] == pytest.approx(proportion(1, 3).ci_low)


def test_proportion_rejects_bad_counts():
    with pytest.raises(InputError, match="0 ≤ k ≤ n"):
        proportion(5, 4)


# --------------------------------------------------------------------------- level 2
# Lakens (2013), Frontiers in Psychology 4:863, Table 1: ratings of two movies by the same
# 10 people; reported: t(9) = 4.74, p = .001, Cohen's d_z = 1.50, d_av = 1.13, Hedges' g_av = 1.08.
MOVIE1 = [9, 7, 8, 9, 8, 9, 9, 10, 9, 9]
MOVIE2 = [9, 6, 7, 8, 7, 9, 8, 8, 8, 7]


def test_effect_sizes_match_lakens_2013_worked_example():
    r = paired_change(MOVIE2, MOVIE1)
    assert round(r.statistic, 2) == 4.74 and r.df == 9
    assert round(r.pvalue, 3) == 0.001
    assert round(r.d_z, 2) == 1.50
    d_av = r.mean_change / ((r.sd_before + r.sd_after) / 2)
    assert round(d_av, 2) == 1.13
    assert round(r.g_av, 2) == 1.08


def test_paired_change_matches_scipy():
    rng = np.random.default_rng(3)
    pre = rng.normal(60, 10, 40).round()
    post = pre + rng.normal(5, 8, 40).round()
    r = paired_change(pre, post, max_score=100)
    tt = stats.ttest_rel(post, pre)
    w = stats.wilcoxon(post, pre)
    assert r.statistic == pytest.approx(tt.statistic, rel=1e-12)
    assert r.pvalue == pytest.approx(tt.pvalue, rel=1e-12)
    assert (r.ci_low, r.ci_high) == pytest.approx(tuple(tt.confidence_interval()), rel=1e-12)
    assert r.w == w.statistic and r.p_wilcoxon == pytest.approx(w.pvalue, rel=1e-12)
    d = post - pre
    assert r.d_z == pytest.approx(d.mean() / d.std(ddof=1), rel=1e-12)
    # Hake (1998): <g> = (post% - pre%) / (100% - pre%) on class averages
    assert r.hake_gain == pytest.approx((post.mean() - pre.mean()) / (100 - pre.mean()), rel=1e-12)


def test_paired_matches_r_t_test_and_wilcox_test():
    # tests/r_reference/effectiveness_reference.R (R 4.x): t.test(movie1, movie2, paired = TRUE)
    # -> t = 4.7434165, df = 9, p = 0.001053871, CI 0.523095396 1.476904604;
    # wilcox.test(movie1, movie2, paired = TRUE, exact = FALSE, correct = TRUE) -> V = 36,
    # p = 0.01027826 (two zero differences dropped, n = 8)
    r = paired_change(MOVIE2, MOVIE1)
    assert r.statistic == pytest.approx(4.7434165, rel=1e-7)
    assert r.pvalue == pytest.approx(0.001053871, rel=1e-6)
    assert (r.ci_low, r.ci_high) == pytest.approx((0.523095396, 1.476904604), rel=1e-8)
    # scipy reports min(V+, V-): V+ = 36 of n(n+1)/2 = 36, so V- = 0
    assert r.w == 0.0
    approx = stats.wilcoxon(MOVIE1, MOVIE2, method="approx", correction=True)
    assert approx.pvalue == pytest.approx(0.01027826, rel=1e-6)
    assert r.p_wilcoxon == pytest.approx(stats.wilcoxon(MOVIE1, MOVIE2).pvalue, rel=1e-12)


def test_hake_gain_hand_example():
    # class average 40 % before, 70 % after: <g> = 30 / 60 = 0.5 (Hake 1998 definition)
    r = paired_change([30, 40, 50], [61, 70, 79], max_score=100)
    assert r.hake_gain == pytest.approx(0.5)


def test_dz_confidence_interval_inverts_noncentral_t():
    r = paired_change(MOVIE2, MOVIE1)
    n = r.n
    lo, hi = r.d_z_ci
    # at the limits the observed t is the 97.5 % / 2.5 % quantile of the noncentral t
    assert stats.nct.cdf(r.statistic, n - 1, lo * math.sqrt(n)) == pytest.approx(0.975, abs=1e-9)
    assert stats.nct.cdf(r.statistic, n - 1, hi * math.sqrt(n)) == pytest.approx(0.025, abs=1e-9)
    assert lo < r.d_z < hi


def test_dz_interval_survives_large_t():
    # scipy's noncentral t cdf returns NaN deep in a tail; the interval must still be found
    rng = np.random.default_rng(0)
    pre = rng.normal(50, 10, 300)
    post = pre + rng.normal(3.2, 10, 300)
    r = paired_change(pre, post)
    assert all(np.isfinite(r.d_z_ci)) and r.d_z_ci[0] < r.d_z < r.d_z_ci[1]


def test_paired_change_rejects_bad_input():
    with pytest.raises(InputError, match="at least 3 pairs"):
        paired_change([1, 2], [2, 3])
    with pytest.raises(InputError, match="same number"):
        paired_change([1, 2, 3], [2, 3])
    with pytest.raises(InputError, match="missing"):
        paired_change([1, np.nan, 3], [2, 3, 4])


def test_retention_share_kept():
    pre, post, delayed = [40, 50, 60, 50], [70, 80, 90, 80], [60, 65, 80, 71]
    res, kept = retention(pre, post, delayed)
    assert kept == pytest.approx((np.mean(delayed) - 50) / 30)
    assert res.statistic == pytest.approx(stats.ttest_rel(delayed, post).statistic)


def test_adjust_pvalues_hand_computed_holm_and_bh():
    p = [0.01, 0.04, 0.03, 0.005, np.nan]
    # Holm: sorted 0.005*4=0.02, 0.01*3=0.03, 0.03*2=0.06, 0.04*1 -> max(0.06, 0.04) = 0.06
    np.testing.assert_allclose(adjust_pvalues(p, "holm")[:4], [0.03, 0.06, 0.06, 0.02])
    # BH: 0.005*4/1=0.02, 0.01*4/2=0.02, 0.03*4/3=0.04, 0.04*4/4=0.04
    np.testing.assert_allclose(adjust_pvalues(p, "fdr_bh")[:4], [0.02, 0.04, 0.04, 0.02])
    assert np.isnan(adjust_pvalues(p)[4])
    np.testing.assert_allclose(
        adjust_pvalues(p[:4], "holm"), multipletests(p[:4], method="holm")[1]
    )


def test_learning_table_adjusts_across_courses():
    rng = np.random.default_rng(1)
    rows = []
    for c, gain in (("A", 8.0), ("B", 0.0), ("C", 3.0)):
        pre = rng.normal(50, 10, 30)
        post = pre + rng.normal(gain, 8, 30)
        rows += [
            {"agent_id": f"{c}{i}", "course_id": c, "pre": a, "post": b, "max_score": 100.0}
            for i, (a, b) in enumerate(zip(pre, post, strict=True))
        ]
    rows.append({"agent_id": "x", "course_id": "D", "pre": 1.0, "post": 2.0, "max_score": 100.0})
    t = learning_table(pd.DataFrame(rows), ["A", "B", "C", "D"])
    assert list(t["course_id"]) == ["A", "B", "C", "D"]
    assert np.isnan(t.loc[3, "pvalue"]) and t.loc[3, "n"] == 1
    np.testing.assert_allclose(t["p_adj"][:3], multipletests(t["pvalue"][:3], method="holm")[1])


# ------------------------------------------------------------------------ item analysis


def test_kr20_hand_computed():
    # 5 agents x 4 items; p = (.8, .6, .4, .2), sum pq = .16+.24+.24+.16 = .80;
    # totals 4,3,2,1,0 -> population variance 2.0; KR-20 = 4/3 * (1 - .8/2) = 0.8
    a = np.array([[1, 1, 1, 1], [1, 1, 1, 0], [1, 1, 0, 0], [1, 0, 0, 0], [0, 0, 0, 0]])
    assert kr20(a) == pytest.approx(0.8, rel=1e-12)


def test_kr20_equals_cronbach_alpha_on_binary_items():
    rng = np.random.default_rng(2)
    theta = rng.normal(size=200)
    a = (rng.random((200, 12)) < 1 / (1 + np.exp(-(theta[:, None] - rng.normal(size=12))))).astype(
        int
    )
    alpha, _ = pg.cronbach_alpha(pd.DataFrame(a))
    assert kr20(a) == pytest.approx(alpha, rel=1e-10)


def test_item_analysis_discrimination_and_flags():
    rng = np.random.default_rng(4)
    theta = rng.normal(size=300)
    b = np.linspace(-1.5, 1.5, 10)
    a = (rng.random((300, 10)) < 1 / (1 + np.exp(-1.5 * (theta[:, None] - b)))).astype(float)
    a[:, 3] = (rng.random(300) < 1 / (1 + np.exp(1.5 * theta))).astype(float)  # mis-keyed
    a[:, 7] = 1.0  # everyone right
    df = pd.DataFrame(a, columns=[f"q{i + 1:02d}" for i in range(10)])
    res = item_analysis(df)
    total = a.sum(axis=1)
    row = res.items.set_index("item")
    assert row.loc["q01", "r_pb"] == pytest.approx(
        stats.pearsonr(a[:, 0], total).statistic, rel=1e-10
    )
    assert row.loc["q01", "r_rest"] == pytest.approx(
        stats.pearsonr(a[:, 0], total - a[:, 0]).statistic, rel=1e-10
    )
    assert "negative discrimination" in row.loc["q04", "flag"]
    assert row.loc["q08", "flag"] == "too easy" and np.isnan(row.loc["q08", "r_rest"])
    assert set(res.flagged["item"]) >= {"q04", "q08"}
    assert res.kr20 == pytest.approx(kr20(a))


def test_item_analysis_rejects_gaps():
    df = pd.DataFrame({"q1": [1, 0, np.nan], "q2": [1, 1, 0]})
    with pytest.raises(InputError, match="gaps"):
        item_analysis(df)


# ----------------------------------------------------------------------------- planning


def test_paired_sample_size_matches_gpower():
    # G*Power 3.1, t tests - means: difference from constant (matched pairs), two tails,
    # d_z = 0.5, alpha = .05, power = .80 -> total sample size 34
    s = paired_sample_size(5.0, 10.0, power=0.8, alpha=0.05)
    assert s.n == 34 and s.effect_size == 0.5
    d = smallest_detectable_difference(34, 10.0)
    assert d < 5.0 and smallest_detectable_difference(33, 10.0) > 5.0 - 0.2


def test_two_proportion_sample_size_normal_formula():
    # Cohen (1988) arcsine approximation: var(2 asin sqrt(p_hat)) = 1/n, so per group
    # n = 2 ((z_{1-a/2} + z_{power}) / h)^2  (h = 0.2 gives Cohen's tabled 392)
    p1, p2 = 0.969, 0.935
    h = 2 * math.asin(math.sqrt(p1)) - 2 * math.asin(math.sqrt(p2))
    n = 2 * ((stats.norm.ppf(0.975) + stats.norm.ppf(0.8)) / h) ** 2
    s = two_proportion_sample_size(p1, p2)
    assert s.effect_size == pytest.approx(h, rel=1e-12)
    assert s.n_exact == pytest.approx(n, rel=1e-3)  # statsmodels also adds the far tail
    assert s.n == math.ceil(s.n_exact)
    with pytest.raises(InputError):
        two_proportion_sample_size(0.5, 0.5)
