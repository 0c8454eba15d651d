"""Gwet's AC1/AC2, Fleiss' kappa with standard error, and benchmarking by membership probability.

Reference numbers (AC1, AC2, Fleiss kappa, Krippendorff alpha) were produced once with the
PyPI package ``irrCAC`` 0.4.4 (a port of Gwet's R ``irrCAC``),
``CAC(frame, weights=..., categories=..., digits=15)``, and pasted here; that package is not a test dependency (it pins ``scipy==1.12``).  The 4-rater data
set is Gwet's (2014) handbook example shipped as ``irrCAC.datasets.raw_4raters``; its AC1
(0.77544, SE 0.14295, CI 0.461–1) and Fleiss kappa (0.76117, SE 0.15302) are also the
values printed in the R ``irrCAC`` documentation (``gwet.ac1.raw(cac.raw4raters)``,
``fleiss.kappa.raw(cac.raw4raters)``).
"""

from __future__ import annotations

import numpy as np
import pytest
from statsmodels.stats.inter_rater import aggregate_raters
from statsmodels.stats.inter_rater import fleiss_kappa as sm_fleiss

from cslib.core.errors import InputError
from cslib.stats.benchmarking import ALTMAN, LANDIS_KOCH, BenchmarkScale, benchmark
from cslib.stats.gwet import agreement_weights, fleiss_kappa, gwet_ac, krippendorff_alpha

nan = np.nan
RAW_4RATERS = np.array(
    [
        [1, 1, nan, 1],
        [2, 2, 3, 2],
        [3, 3, 3, 3],
        [3, 3, 3, 3],
        [2, 2, 2, 2],
        [1, 2, 3, 4],
        [4, 4, 4, 4],
        [1, 1, 2, 1],
        [2, 2, 2, 2],
        [nan, 5, 5, 5],
        [nan, nan, 1, 1],
        [nan, nan, 3, nan],
    ]
)
CATS5 = [1, 2, 3, 4, 5]

# (coefficient, se, ci_low, ci_high, pvalue, pa, pe) from irrCAC 0.4.4, digits=15
REF_4RATERS = {
    ("gwet", "identity"): (0.775444068126995, 0.142949950640765, 0.460813348130838, 1.0,
                           0.00020872098406310435, 0.818181818181818, 0.190321180555556),
    ("fleiss", "identity"): (0.761169275422411, 0.153019203469492, 0.424376279377015, 1.0,
                             0.00041917303853056254, 0.818181818181818, 0.238715277777778),
    ("gwet", "linear"): (0.858739136432611, 0.117329021881364, 0.600499700423663, 1.0,
                         1.506030853248852e-05, 0.939393939393939, 0.570963541666667),
    ("fleiss", "linear"): (0.817944767097309, 0.148504355499451, 0.491088884434045, 1.0,
                           0.00018403925824594936, 0.939393939393939, 0.667100694444444),
    ("gwet", "quadratic"): (0.914000723551605, 0.10396224464506, 0.685181365878012, 1.0,
                            2.6344384658205655e-06, 0.975378787878788, 0.713704427083333),
    ("fleiss", "quadratic"): (0.864935064935065, 0.146033610756912, 0.543517254784503, 1.0,
                              9.97608132073946e-05, 0.975378787878788, 0.817708333333333),
}  # fmt: skip

# pass/fail QA, 3 inspectors, 15 calls, 87 % agreement on a floor where most calls pass,
# two missing ratings: the prevalence paradox (AC1 0.84, kappa 0.18)
PASS_FAIL = np.array(
    [[1, 1, 1], [1, 1, 1], [1, 1, 1], [1, 1, 0], [1, 1, 1], [1, 1, 1], [0, 0, 1], [1, 1, 1],
     [1, nan, 1], [1, 1, 1], [1, 1, 1], [1, 0, 1], [1, 1, 1], [nan, 1, 1], [1, 1, 1]]
)  # fmt: skip
REF_PASS_FAIL = {
    "gwet": (0.840895698291102, 0.100050781538783, 0.626308113930947, 1.0,
             7.674651234523822e-07, 0.866666666666667, 0.161975308641975),
    "fleiss": (0.176829268292685, 0.162722433481215, -0.172175640863416, 0.525834177448786,
               0.29552911509365876, 0.866666666666667, 0.838024691358024),
}  # fmt: skip

# two raters, ordinal 1–4 used, 5 declared (unused category changes AC1's chance term)
TWO_RATERS = np.array(
    [[1, 1], [2, 2], [3, 2], [4, 4], [2, 3], [1, 2], [4, 3], [3, 3], [2, 2], [4, 4]]
)
REF_TWO = {
    ("gwet", "identity"): (0.510703363914373, 0.199424210379276, 0.059574457969517,
                           0.961832269859229, 0.03064237869627595, 0.6, 0.1825),
    ("fleiss", "identity"): (0.452054794520548, 0.227444286733737, -0.062459927851704,
                             0.9665695168928, 0.07810540058389526, 0.6, 0.27),
    ("gwet", "linear"): (0.779005524861878, 0.09024815150551, 0.574850022504392,
                         0.983161027219365, 1.2000093180475346e-05, 0.9, 0.5475),
    ("fleiss", "linear"): (0.646017699115044, 0.166264989899158, 0.269900161292092, 1.0,
                           0.003700411573024809, 0.9, 0.7175),
    ("gwet", "quadratic"): (0.920792079207921, 0.032870970067735, 0.846432778821068,
                            0.995151379594774, 4.5757930777767797e-10, 0.975, 0.684375),
    ("fleiss", "quadratic"): (0.807692307692307, 0.105224444442176, 0.569658076995977, 1.0,
                              3.0753692395801835e-05, 0.975, 0.87),
}  # fmt: skip

FUNCS = {"gwet": gwet_ac, "fleiss": fleiss_kappa}


def _check(res, ref, tol=1e-9):
    got = (res.statistic, res.se, res.ci_low, res.ci_high, res.pvalue, res.pa, res.pe)
    np.testing.assert_allclose(got, ref, rtol=tol, atol=1e-12)
    assert res.reason is None


@pytest.mark.parametrize(("kind", "weights"), sorted(REF_4RATERS))
def test_gwet_handbook_four_raters_matches_irrcac(kind, weights):
    res = FUNCS[kind](RAW_4RATERS, weights=weights, categories=CATS5)
    _check(res, REF_4RATERS[(kind, weights)])
    assert res.n_units == 12 and res.n_raters == 4


def test_printed_handbook_digits():
    ac1 = gwet_ac(RAW_4RATERS, categories=CATS5)
    assert (round(ac1.statistic, 5), round(ac1.se, 5), round(ac1.ci_low, 3)) == (
        0.77544,
        0.14295,
        0.461,
    )
    assert ac1.name == "AC1" and gwet_ac(RAW_4RATERS, weights="linear").name == "AC2"


@pytest.mark.parametrize("kind", ["gwet", "fleiss"])
def test_prevalence_paradox_pass_fail_with_missing(kind):
    _check(FUNCS[kind](PASS_FAIL, categories=[0, 1]), REF_PASS_FAIL[kind])


@pytest.mark.parametrize(("kind", "weights"), sorted(REF_TWO))
def test_two_raters_unused_category(kind, weights):
    _check(FUNCS[kind](TWO_RATERS, weights=weights, categories=CATS5), REF_TWO[(kind, weights)])


def test_fleiss_equals_statsmodels_on_complete_data():
    rng = np.random.default_rng(7)
    x = rng.integers(0, 3, size=(25, 6))
    table, _ = aggregate_raters(x, n_cat=3)
    assert fleiss_kappa(x).statistic == pytest.approx(sm_fleiss(table), abs=1e-12)


def test_hand_case_two_by_two():
    # 20 calls: 18 both pass, one (pass, fail), one (fail, pass)
    x = np.array([[1, 1]] * 18 + [[1, 0], [0, 1]])
    # pa = 0.9, pi = (0.05, 0.95): pe(AC1) = 2*0.05*0.95/1 /2*... = 0.095, pe(kappa) = 0.905
    ac1 = gwet_ac(x, categories=[0, 1])
    assert ac1.pa == pytest.approx(0.9, abs=1e-15)
    assert ac1.pe == pytest.approx(0.095, abs=1e-15)
    assert ac1.statistic == pytest.approx((0.9 - 0.095) / 0.905, abs=1e-15)
    k = fleiss_kappa(x, categories=[0, 1])
    assert k.statistic == pytest.approx((0.9 - 0.905) / 0.095, abs=1e-14)


def test_single_category_used_ac1_defined_kappa_undefined():
    x = np.ones((10, 3))
    ac1 = gwet_ac(x, categories=[0, 1])
    assert ac1.statistic == 1.0 and ac1.reason is None
    assert np.isnan(ac1.pvalue) and "standard error is 0" in ac1.pvalue_reason
    k = fleiss_kappa(x, categories=[0, 1])
    assert np.isnan(k.statistic) and "one category" in k.reason
    # without declaring the other category AC1 has no chance term either
    assert "only one category" in gwet_ac(x).reason


def test_undefined_one_rater_and_too_few_units():
    assert "one rater" in gwet_ac(np.ones((5, 1))).reason
    x = np.array([[1, 0], [1, nan], [nan, 0]])
    assert "fewer than 2 units" in gwet_ac(x).reason


def test_bad_input_is_located():
    with pytest.raises(InputError, match="categories"):
        gwet_ac(np.array([[1, 2], [2, 3]]), categories=[1, 2])
    with pytest.raises(InputError, match="numeric"):
        gwet_ac(np.array([["a", "b"], ["b", "b"]]), weights="linear")
    with pytest.raises(InputError, match="confidence_level"):
        gwet_ac(TWO_RATERS, confidence_level=95)


def test_weights_match_gwet_definitions():
    w = agreement_weights([1, 2, 3, 5], "quadratic")
    assert w[0, 3] == 0.0 and w[1, 2] == pytest.approx(1 - 1 / 16)
    assert np.array_equal(agreement_weights(["a", "b"], "identity"), np.eye(2))


def test_ac1_interval_coverage_small_panel():
    # 40 calls, 3 inspectors, 90 % pass, each inspector wrong 5 % of the time: the
    # 95 % t interval must cover the population AC1 (estimated from 400k calls) in
    # roughly 95 % of 400 panels (binomial 3-SE band 0.917–0.983 relaxed to 0.90).
    rng = np.random.default_rng(20261123)

    def panel(n):
        truth = rng.random(n) < 0.9
        flip = rng.random((n, 3)) < 0.05
        return np.where(flip, ~truth[:, None], truth[:, None]).astype(int)

    target = gwet_ac(panel(400_000), categories=[0, 1]).statistic
    hits = [
        (r := gwet_ac(panel(40), categories=[0, 1])).ci_low <= target <= r.ci_high
        for _ in range(400)
    ]
    assert 0.90 <= np.mean(hits) <= 0.99


# ---------------------------------------------------------------------------------------
# Benchmarking


def test_benchmark_irrcac_worked_example_altman():
    b = benchmark(0.67, 0.15, ALTMAN)
    np.testing.assert_allclose(
        b.table["cumulative"], [0.18168, 0.67511, 0.96356, 0.99912, 1.0], atol=5e-6
    )
    assert (b.point_band, b.band) == ("good", "moderate")


def test_benchmark_landis_koch_reference():
    # irrCAC 0.4.4 Benchmark(0.3, 0.2).landis_koch()
    b = benchmark(0.3, 0.2, LANDIS_KOCH)
    np.testing.assert_allclose(
        b.table["cumulative"], [0.00598, 0.06659, 0.30838, 0.69139, 0.93318, 1.0], atol=5e-6
    )
    assert (b.point_band, b.band) == ("fair", "poor")
    assert b.table["probability"].sum() == pytest.approx(1.0, abs=1e-12)


def test_benchmark_undefined_and_zero_se():
    b = benchmark(np.nan, 0.1)
    assert b.band is None and b.reason == "the coefficient is undefined"
    assert benchmark(0.5, np.nan).reason == "the standard error is undefined"
    z = benchmark(1.0, 0.0)
    assert z.band == "almost_perfect" and z.table["cumulative"].iloc[0] == 1.0


def test_benchmark_scale_validation():
    with pytest.raises(InputError):
        BenchmarkScale("bad", (0.5, 0.6, -1.0), ("a", "b", "c"))
    with pytest.raises(InputError, match="threshold"):
        benchmark(0.5, 0.1, threshold=95)


# Krippendorff's alpha with Gwet's SE: irrCAC 0.4.4 CAC(...).krippendorff(), digits=15
REF_KRIPP = {
    "identity": (0.743421052631579, 0.145573886984835, 0.419062219206009, 1.0,
                 0.000459425698154714, 0.805, 0.24),
    "quadratic": (0.849107142857142, 0.129129965714889, 0.561387649292144, 1.0,
                  6.267448311314539e-05, 0.97359375, 0.825),
}  # fmt: skip
REF_KRIPP_PASS_FAIL = (0.192307692307692, 0.163121502800932, -0.157553135412893,
                       0.542168520028277, 0.2580774190264641, 0.863710113574905,
                       0.83126014061655)  # fmt: skip


@pytest.mark.parametrize("weights", ["identity", "quadratic"])
def test_krippendorff_alpha_se_matches_irrcac_and_value_matches_krippendorff(weights):
    import krippendorff

    level = "nominal" if weights == "identity" else "interval"
    res = krippendorff_alpha(RAW_4RATERS, level, value_domain=CATS5)
    _check(res, REF_KRIPP[weights])
    ref = krippendorff.alpha(
        reliability_data=RAW_4RATERS.T, level_of_measurement=level, value_domain=CATS5
    )
    assert res.statistic == pytest.approx(ref, abs=1e-12)


def test_krippendorff_alpha_pass_fail_and_undefined():
    _check(krippendorff_alpha(PASS_FAIL, value_domain=[0, 1]), REF_KRIPP_PASS_FAIL)
    r = krippendorff_alpha(np.ones((5, 3)), value_domain=[0, 1])
    assert np.isnan(r.statistic) and "same value" in r.reason


def test_one_api_per_statistic():
    # one Fleiss' kappa and one Krippendorff's alpha in cslib, each with its SE and interval
    from cslib.stats import agreement

    for name in ("fleiss_kappa", "krippendorff_alpha", "FleissKappa", "KrippendorffAlpha"):
        assert not hasattr(agreement, name)
    k = fleiss_kappa(PASS_FAIL, categories=[0, 1])
    a = krippendorff_alpha(PASS_FAIL, "nominal", value_domain=[0, 1])
    for r in (k, a):
        assert np.isfinite([r.statistic, r.se, r.ci_low, r.ci_high]).all()


def test_krippendorff_ordinal_value_from_the_package_and_no_se():
    import krippendorff

    r = krippendorff_alpha(RAW_4RATERS, "ordinal", value_domain=CATS5)
    ref = krippendorff.alpha(
        reliability_data=RAW_4RATERS.T, level_of_measurement="ordinal", value_domain=CATS5
    )
    assert r.statistic == pytest.approx(ref, abs=1e-12) and r.level == "ordinal"
    assert np.isnan(r.se) and np.isnan(r.ci_low) and "ordinal" in r.pvalue_reason
    with pytest.raises(InputError):
        krippendorff_alpha(RAW_4RATERS, "cardinal")
