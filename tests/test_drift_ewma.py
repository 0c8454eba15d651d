"""EWMA chart run lengths against R ``spc`` 0.6.7 and closed forms; self-starting power."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

from cslib.core.errors import InputError
from cslib.stats.drift_ewma import ewma_arl, ewma_chart, ewma_limit, ewma_survival
from cslib.stats.drift_power import detectable_step, detection_probability, self_starting_means

# Rscript tests/r_reference/drift_ewma_spc.R (R 4.2.2, spc 0.6.7; xewma.arl with r = 100)
SPC_ARL = [
    (0.1, 2.814, 0.0, 499.5795500826),
    (0.2, 2.962, 0.0, 499.7351221659),
    (0.3, 3.0, 1.0, 11.6986285319),
    (0.3, 2.5, 0.5, 23.8239360395),
]
SPC_SF = {
    (0.3, 3.0, 1.0): [
        0.9993147634,
        0.9793946140,
        0.9268125664,
        0.8538247121,
        0.7736861663,
        0.6943413347,
    ],  # fmt: skip
    (0.4, 2.8, 0.0): [0.9995347418, 0.9968961175, 0.9930888722, 0.9889021600],
}
SPC_CRIT = {(0.3, 120): 2.5234642445, (0.3, 240): 2.7771192348}


@pytest.mark.parametrize(("lam", "c", "mu", "expected"), SPC_ARL)
def test_arl_matches_spc(lam, c, mu, expected):
    assert ewma_arl(lam, c, mu) == pytest.approx(expected, rel=1e-8)


def test_arl_small_lambda_needs_more_nodes():
    # λ = 0.05: the kernel is narrow; 200 nodes reach R's value (5.2248798259) closely
    assert ewma_arl(0.05, 2.615, 2.0, nodes=200) == pytest.approx(5.2248798259, rel=1e-6)


@pytest.mark.parametrize("key", list(SPC_SF))
def test_survival_matches_spc(key):
    lam, c, mu = key
    got = ewma_survival(lam, c, [mu] * len(SPC_SF[key]))
    np.testing.assert_allclose(got, SPC_SF[key], rtol=1e-8)


@pytest.mark.parametrize(("key", "expected"), list(SPC_CRIT.items()))
def test_limit_matches_spc_crit(key, expected):
    assert ewma_limit(*key) == pytest.approx(expected, abs=1e-8)


def test_survival_shewhart_closed_form_with_varying_means():
    # λ = 1: observations are independent, P(no signal) = Π (Φ(L − μ) − Φ(−L − μ))
    mus = [0.5, 2.0, -1.0, 0.0]
    lim = 2.2
    step = stats.norm.cdf(lim - np.array(mus)) - stats.norm.cdf(-lim - np.array(mus))
    np.testing.assert_allclose(ewma_survival(1.0, lim, mus), np.cumprod(step), rtol=1e-9)


def test_survival_consistent_with_arl():
    # ARL = Σ_t P(RL > t−1) = 1 + Σ_{t≥1} P(RL > t)
    sf = ewma_survival(0.3, 2.5, [0.5] * 2000)
    assert 1 + sf.sum() == pytest.approx(ewma_arl(0.3, 2.5, 0.5), rel=1e-8)


def test_chart_by_hand():
    c = ewma_chart([0.1, 3.0, 4.0, -9.0], 0.3, 2.5)
    z = [0.03, 0.3 * 3 + 0.7 * 0.03]
    z.append(0.3 * 4 + 0.7 * z[-1])
    z.append(0.3 * -9 + 0.7 * z[-1])
    np.testing.assert_allclose(c.statistic, z, rtol=1e-12)
    assert c.limit == pytest.approx(2.5 * math.sqrt(0.3 / 1.7))
    assert c.signal.tolist() == [False, False, True, True]
    assert c.first_signal == 2
    assert ewma_chart([0.0, 0.1], 0.3, 2.5).first_signal is None


def test_in_control_run_length_by_simulation():
    # the calibrated limit gives the stated in-control ARL on iid N(0, 1) input
    lam, arl0 = 0.3, 50.0
    lim = ewma_limit(lam, arl0)
    rng = np.random.default_rng(4)
    h = lim * math.sqrt(lam / (2 - lam))
    runs = []
    for _ in range(3000):
        z, t = 0.0, 0
        while True:
            t += 1
            z = lam * rng.standard_normal() + (1 - lam) * z
            if abs(z) > h:
                break
        runs.append(t)
    se = np.std(runs) / math.sqrt(len(runs))
    assert abs(np.mean(runs) - arl0) < 3 * se


def test_self_starting_means_by_hand():
    # b = 2 baseline months, step 3 from the first charted month, se 1.5
    got = self_starting_means(3.0, 1.5, 2, 3)
    want = [3 / 1.5 / math.sqrt(1.5), 3 * 2 / 3 / 1.5 / math.sqrt(4 / 3),
            3 * 2 / 4 / 1.5 / math.sqrt(5 / 4)]  # fmt: skip
    np.testing.assert_allclose(got, want, rtol=1e-12)


def test_detection_shewhart_closed_form():
    # λ = 1, one month: P = Φ(μ − L) + Φ(−μ − L)
    mu = 4.0 / (1.2 * math.sqrt(1.5))
    want = stats.norm.sf(2.5 - mu) + stats.norm.cdf(-2.5 - mu)
    got = detection_probability(4.0, 1.2, baseline_months=2, within=1, smoothing=1.0, limit=2.5)
    assert got == pytest.approx(want, rel=1e-9)
    step = detectable_step(1.2, baseline_months=2, within=1, smoothing=1.0, limit=2.5, power=0.8)
    assert detection_probability(
        step, 1.2, baseline_months=2, within=1, smoothing=1.0, limit=2.5
    ) == pytest.approx(0.8, abs=1e-7)


@pytest.mark.parametrize(
    ("call", "column"),
    [
        (lambda: ewma_arl(0.0, 3.0), "smoothing"),
        (lambda: ewma_arl(0.3, -1.0), "limit"),
        (lambda: ewma_limit(0.3, 1.0), "arl0"),
        (lambda: ewma_survival(0.3, 3.0, []), "shifts"),
        (lambda: ewma_chart([1.0, float("nan")], 0.3, 3.0), "x"),
        (lambda: self_starting_means(1.0, 0.0, 2, 3), "se"),
    ],
)
def test_bad_arguments_are_located(call, column):
    with pytest.raises(InputError) as e:
        call()
    assert column in str(e.value)
