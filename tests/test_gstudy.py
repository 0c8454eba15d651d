"""G study / D study (cslib.stats.gstudy) against published and independent results.

* Brennan (2001) Synthetic Data Set No. 1 (p × i, 10 persons × 12 dichotomous items)
  and No. 2 (i:p, 10 persons × 8 items): published sums of squares, mean squares,
  variance components and coefficients, printed to 4 (coefficients 2–3) decimals, so compared
  at half a unit of the last printed digit.  Data and published values as transcribed in the
  test suite of the GeneralizIT package (github.com/tylerjsmith111/GeneralizIT).
* R 4.2.2, lme4 1.1.31 (``tests/r_reference/gstudy_lme4.R``) on the sample QA records:
  REML components and ``REMLcrit``.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from cslib.core.errors import InputError
from cslib.stats.gstudy import (
    CallsReason,
    DStudyReason,
    calls_needed,
    dstudy,
    gstudy_crossed,
    gstudy_henderson,
    gstudy_nested,
    gstudy_nested_unbalanced,
    gstudy_reml,
    reml_intervals,
)

BRENNAN_1 = [
    [1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    [1, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0],
    [1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0],
    [1, 1, 0, 1, 1, 0, 0, 1, 0, 0, 0, 0],
    [1, 1, 1, 1, 1, 0, 1, 0, 0, 0, 0, 0],
    [1, 1, 1, 0, 1, 1, 1, 0, 0, 0, 0, 0],
    [1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0],
    [1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 0, 0],
    [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0],
    [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
]
# Synthetic Data Set No. 2: columns are persons 1–10, rows items 1–8
BRENNAN_2 = np.array(
    [
        [2, 4, 5, 5, 4, 4, 2, 3, 0, 6],
        [6, 5, 5, 9, 3, 4, 6, 4, 5, 8],
        [7, 6, 4, 8, 5, 4, 6, 4, 4, 7],
        [5, 7, 6, 6, 6, 7, 5, 5, 5, 6],
        [2, 6, 5, 5, 4, 6, 2, 6, 5, 6],
        [5, 7, 4, 7, 5, 4, 7, 6, 5, 8],
        [5, 5, 5, 7, 6, 7, 7, 6, 5, 8],
        [5, 7, 5, 6, 4, 8, 5, 4, 3, 6],
    ]
).T


def test_brennan_synthetic_1_p_by_i():
    g = gstudy_crossed(BRENNAN_1)
    for k, v in {"p": 7.3417, "i": 9.6917, "pi,e": 12.5583}.items():
        assert g.ss[k] == pytest.approx(v, abs=5e-5)
    for k, v in {"p": 0.8157, "i": 0.8811, "pi,e": 0.1269}.items():
        assert g.ms[k] == pytest.approx(v, abs=5e-5)
    for k, v in {"p": 0.0574, "i": 0.0754, "pi,e": 0.1269}.items():
        assert g.estimate[k] == pytest.approx(v, abs=5e-5)
    assert g.df == {"p": 9, "i": 11, "pi,e": 99}
    # D study with n'_i = 12 (published with the data set): E rho^2 = .844, Phi = .773
    vc = g.used
    er = vc["p"] / (vc["p"] + vc["pi,e"] / 12)
    phi = vc["p"] / (vc["p"] + (vc["i"] + vc["pi,e"]) / 12)
    assert er == pytest.approx(0.844, abs=5e-4)
    assert phi == pytest.approx(0.773, abs=5e-4)
    # the same through dstudy(): persons as agents, items as calls, one "inspector" facet
    d = dstudy(
        {"agent": vc["p"], "inspector": 0.0, "agent_inspector": 0.0, "residual": vc["pi,e"]}, 12
    )
    assert float(d.g_coefficient) == pytest.approx(er, abs=1e-12)


def test_brennan_synthetic_2_i_in_p():
    g = gstudy_nested(BRENNAN_2)
    assert g.ss["p"] == pytest.approx(62.20, abs=5e-3)
    assert g.ss["i:p"] == pytest.approx(141.75, abs=5e-3)
    assert g.ms["p"] == pytest.approx(6.9111, abs=5e-5)
    assert g.estimate["p"] == pytest.approx(0.6108, abs=5e-5)
    assert g.estimate["i:p"] == pytest.approx(2.0250, abs=5e-5)
    er = g.estimate["p"] / (g.estimate["p"] + g.estimate["i:p"] / 8)
    assert er == pytest.approx(0.71, abs=5e-3)
    # unbalanced estimator reduces to the balanced one on balanced data, to rounding
    persons = np.repeat(np.arange(10), 8)
    u = gstudy_nested_unbalanced(persons, BRENNAN_2.ravel())
    for k in ("p", "i:p"):
        assert u.estimate[k] == pytest.approx(g.estimate[k], rel=1e-12)


def test_unbalanced_nested_against_statsmodels_anova():
    """Henderson I on unbalanced one-way data: MS from statsmodels' anova_lm, n0 by formula."""
    import statsmodels.formula.api as smf
    from statsmodels.stats.anova import anova_lm

    rng = np.random.default_rng(3)
    sizes = np.array([2, 5, 3, 9, 1, 4, 7])
    obj = np.repeat(np.arange(sizes.size), sizes)
    y = rng.normal(size=sizes.size)[obj] * 2 + rng.normal(size=obj.size)
    g = gstudy_nested_unbalanced(obj, y)
    table = anova_lm(smf.ols("y ~ C(g)", data=pd.DataFrame({"y": y, "g": obj})).fit())
    ms_b, ms_w = table["mean_sq"].iloc[0], table["mean_sq"].iloc[1]
    n0 = (sizes.sum() - (sizes**2).sum() / sizes.sum()) / (sizes.size - 1)
    assert g.estimate["i:p"] == pytest.approx(ms_w, rel=1e-10)
    assert g.estimate["p"] == pytest.approx((ms_b - ms_w) / n0, rel=1e-10)


def test_negative_anova_estimate_is_reported_and_floored():
    # items differ, persons do not: sigma^2(p) estimate is negative
    scores = np.array([[1, 5, 3], [2, 4, 3], [1, 5, 2], [2, 4, 2]], dtype=float)
    g = gstudy_crossed(scores)
    assert g.estimate["p"] < 0
    assert "p" in g.negative
    assert g.used["p"] == 0.0


def test_constant_scores_give_undefined_reliability_with_reason():
    g = gstudy_nested(np.full((4, 3), 80.0))
    assert g.used["p"] == 0
    d = dstudy({"agent": 0.0, "inspector": 0.0, "agent_inspector": 0.0, "residual": 0.0}, 4)
    assert math.isnan(float(d.g_coefficient)) and d.reason_code is DStudyReason.NO_AGENT_VARIANCE
    need = calls_needed(
        {"agent": 0.0, "inspector": 0.0, "agent_inspector": 0.0, "residual": 1.0}, 0.8
    )
    assert need.n_calls is None and need.reason_code is CallsReason.NO_AGENT_VARIANCE


def test_bad_shapes_raise_input_error():
    with pytest.raises(InputError):
        gstudy_crossed([[1, 2, 3]])
    with pytest.raises(InputError):
        gstudy_crossed([[1, np.nan], [2, 3]])
    with pytest.raises(InputError):
        gstudy_nested_unbalanced([0, 1], [1.0, 2.0])  # no within-object replication
    with pytest.raises(InputError):
        dstudy({"agent": 1.0}, 4)
    with pytest.raises(InputError):
        dstudy({"agent": 1.0, "inspector": 0, "agent_inspector": 0, "residual": 1}, 2, 3)


def test_dstudy_formulas_and_calls_needed():
    vc = {"agent": 9.0, "inspector": 4.0, "agent_inspector": 1.0, "residual": 64.0}
    d = dstudy(vc, np.array([4, 8, 16]), np.array([1, 2, 2]))
    rel = np.array([1 + 16, 0.5 + 8, 0.5 + 4])
    ab = rel + np.array([4, 2, 2])
    assert np.allclose(d.g_coefficient, 9 / (9 + rel), rtol=1e-14)
    assert np.allclose(d.phi, 9 / (9 + ab), rtol=1e-14)
    assert np.allclose(d.half_width, 1.959963984540054 * np.sqrt(ab), rtol=1e-12)
    need = calls_needed(vc, 0.8, n_inspectors=2)
    # 9 * 0.25 - 0.5 = 1.75 -> 64 / 1.75 = 36.57 -> 37
    assert need.n_calls == 37
    assert float(dstudy(vc, 37, 2).g_coefficient) >= 0.8 > float(dstudy(vc, 36, 2).g_coefficient)
    # with one inspector per agent the agent x inspector error alone is 1 < 2.25: reachable
    assert calls_needed(vc, 0.8, n_inspectors=1).n_calls == 52
    # Phi = 0.8 with one inspector: inspector + a x i = 5 > 2.25 -> unreachable
    out = calls_needed(vc, 0.8, criterion="phi")
    assert out.n_calls is None and out.reason_code is CallsReason.UNREACHABLE
    assert out.n_inspectors == 1
    hw = calls_needed(vc, 5.0, criterion="half_width", n_inspectors=2)
    assert float(dstudy(vc, hw.n_calls, 2).half_width) <= 5.0
    assert float(dstudy(vc, hw.n_calls - 1, 2).half_width) > 5.0


@pytest.fixture(scope="module")
def routine():
    d = pd.read_csv("data_samples/monitoring/qa_records.csv")
    return d[d["must_check"] == 0]


# R 4.2.2, lme4 1.1.31, tests/r_reference/gstudy_lme4.R (REML, bobyqa)
LME4_ALL = {
    "agent": 8.81090903382746,
    "inspector": 2.65609928013580,
    "agent_inspector": 2.77163080293740,
    "residual": 63.66749505972227,
}
LME4_ALL_CRIT = 28997.87120435538964
LME4_SMALL = {
    "agent": 5.85912115790336,
    "inspector": 0.0,
    "agent_inspector": 2.06389479435371,
    "residual": 68.51635629836298,
}
LME4_SMALL_CRIT = 9148.58139022830437


def test_reml_matches_lme4(routine):
    g = gstudy_reml(routine["agent_id"], routine["inspector_id"], routine["score"])
    # same optimum: the REML criterion agrees to 1e-9 relative; components within the
    # optimisers' tolerance on a flat likelihood
    assert g.reml_criterion == pytest.approx(LME4_ALL_CRIT, rel=1e-9)
    for k, v in LME4_ALL.items():
        assert g.estimate[k] == pytest.approx(v, rel=1e-4)
    small = routine[routine["team"].isin(["T01", "T02", "T03", "T04"])]
    s = gstudy_reml(small["agent_id"], small["inspector_id"], small["score"])
    assert s.reml_criterion == pytest.approx(LME4_SMALL_CRIT, rel=1e-9)
    for k, v in LME4_SMALL.items():
        assert s.estimate[k] == pytest.approx(v, rel=1e-4, abs=1e-6)
    assert s.boundary == ("inspector",)


def test_reml_intervals_are_seeded(routine):
    small = routine[routine["team"].isin(["T01", "T02", "T03"])]
    g = gstudy_reml(small["agent_id"], small["inspector_id"], small["score"])
    a = reml_intervals(small["agent_id"], small["inspector_id"], g, n_resamples=12, seed=5)
    b = reml_intervals(small["agent_id"], small["inspector_id"], g, n_resamples=12, seed=5)
    assert a == b
    assert all(a.ci_low[k] <= a.ci_high[k] for k in a.ci_low)


def test_henderson_equals_balanced_anova_from_statsmodels():
    """On balanced a × r data with replication, Henderson I is the ANOVA EMS estimator;
    mean squares from statsmodels' anova_lm (an independent implementation)."""
    import statsmodels.formula.api as smf
    from statsmodels.stats.anova import anova_lm

    rng = np.random.default_rng(4)
    n_a, n_r, n = 12, 4, 3
    a = np.repeat(np.arange(n_a), n_r * n)
    r = np.tile(np.repeat(np.arange(n_r), n), n_a)
    y = (
        50
        + 2 * rng.standard_normal(n_a)[a]
        + 1.5 * rng.standard_normal(n_r)[r]
        + rng.standard_normal(n_a * n_r)[a * n_r + r]
        + 3 * rng.standard_normal(a.size)
    )
    g = gstudy_henderson(a, r, y)
    ms = anova_lm(smf.ols("y ~ C(a) * C(r)", data=pd.DataFrame({"y": y, "a": a, "r": r})).fit())
    msa, msr, msar, mse = ms["mean_sq"].iloc[:4]
    want = {
        "agent": (msa - msar) / (n * n_r),
        "inspector": (msr - msar) / (n * n_a),
        "agent_inspector": (msar - mse) / n,
        "residual": mse,
    }
    for k, v in want.items():
        assert g.estimate[k] == pytest.approx(v, rel=1e-9)


def test_henderson_is_unbiased_on_the_unbalanced_design():
    """Mean of 300 seeded replicates on an unbalanced, partly crossed design is within 3
    Monte-Carlo standard errors of the generating components."""
    rng = np.random.default_rng(12)
    n_agents, n_insp = 40, 6
    sizes = rng.integers(3, 12, n_agents)
    a = np.repeat(np.arange(n_agents), sizes)
    home = a % n_insp
    truth = {"agent": 9.0, "inspector": 4.0, "agent_inspector": 1.0, "residual": 64.0}
    draws = []
    for _ in range(300):
        r = np.where(rng.random(a.size) < 0.3, rng.integers(0, n_insp, a.size), home)
        y = (
            3 * rng.standard_normal(n_agents)[a]
            + 2 * rng.standard_normal(n_insp)[r]
            + rng.standard_normal(n_agents * n_insp)[a * n_insp + r]
            + 8 * rng.standard_normal(a.size)
        )
        draws.append([gstudy_henderson(a, r, y).estimate[k] for k in truth])
    draws = np.array(draws)
    mean = draws.mean(axis=0)
    se = draws.std(axis=0, ddof=1) / np.sqrt(len(draws))
    for k, m, s in zip(truth, mean, se, strict=True):
        assert abs(m - truth[k]) < 3 * s, (k, m, s)


def test_henderson_close_to_reml_on_sample(routine):
    h = gstudy_henderson(routine["agent_id"], routine["inspector_id"], routine["score"])
    for k, v in LME4_ALL.items():
        assert h.estimate[k] == pytest.approx(v, abs=1.0)


def test_half_width_interval_covers_the_universe_score():
    """Simulation: mean of n_c calls over n_r inspectors ± half_width covers the agent's
    universe score in 95 % of draws (inspectors drawn afresh each time: absolute error)."""
    rng = np.random.default_rng(21)
    vc = {"agent": 9.0, "inspector": 4.0, "agent_inspector": 1.0, "residual": 64.0}
    n_c, n_r, reps = 6, 2, 40_000
    hw = float(dstudy(vc, n_c, n_r).half_width)
    insp = 2.0 * rng.standard_normal((reps, n_r))
    inter = 1.0 * rng.standard_normal((reps, n_r))
    per = n_c // n_r
    calls = 8.0 * rng.standard_normal((reps, n_r, per))
    err = (insp + inter).mean(axis=1) + calls.reshape(reps, -1).mean(axis=1)
    coverage = float((np.abs(err) <= hw).mean())
    se = math.sqrt(0.95 * 0.05 / reps)
    assert abs(coverage - 0.95) < 4 * se, coverage


def _dense_deviance(y, a, r, theta):
    """lme4's profiled REML deviance written out densely (numpy), for checking."""
    cells = np.unique(a * (r.max() + 1) + r, return_inverse=True)[1]
    z = np.hstack([np.eye(c.max() + 1)[c] for c in (a, r, cells)])
    lam = np.concatenate(
        [np.full(c.max() + 1, t) for c, t in zip((a, r, cells), theta, strict=True)]
    )
    zl = z * lam
    big_a = zl.T @ zl + np.eye(z.shape[1])
    x = np.ones(y.size)
    # penalised least squares for (mu, u): [X Z Lambda; 0 I] against [y; 0]
    design = np.block([[x[:, None], zl], [np.zeros((z.shape[1], 1)), np.eye(z.shape[1])]])
    coef = np.linalg.lstsq(design, np.concatenate([y, np.zeros(z.shape[1])]), rcond=None)[0]
    r2 = float(((np.concatenate([y, np.zeros(z.shape[1])]) - design @ coef) ** 2).sum())
    rx2 = y.size - float(x @ zl @ np.linalg.solve(big_a, zl.T @ x))
    n1 = y.size - 1
    return np.linalg.slogdet(big_a)[1] + np.log(rx2) + n1 * (1 + np.log(2 * np.pi * r2 / n1))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_reml_deviance_by_block_elimination_equals_the_dense_formula(seed):
    """The structured solver (cells, then agents, then inspectors) against a dense numpy
    evaluation of the same deviance, at interior and boundary values of theta, on an
    unbalanced design with agents seen by one inspector only."""
    from cslib.stats.gstudy import ProfiledREML, _cells

    rng = np.random.default_rng(seed)
    a = np.repeat(np.arange(15), rng.integers(2, 9, 15))
    r = rng.integers(0, 4, a.size)
    r[a == 0] = 2  # one agent scored by one inspector only
    y = (
        70
        + 4 * rng.standard_normal(15)[a]
        + 2 * rng.standard_normal(4)[r]
        + 6 * rng.standard_normal(a.size)
    )
    model = ProfiledREML(y, _cells(a, r))
    for theta in (
        [0.5, 0.3, 0.2],
        [0.0, 0.4, 1.5],
        [2.0, 0.0, 0.0],
        [0.0, 0.0, 0.0],
        [3.0, 1.0, 0.01],
    ):
        got = model.solve(np.array(theta))[0]
        assert got == pytest.approx(_dense_deviance(y, a, r, theta), rel=1e-11)
