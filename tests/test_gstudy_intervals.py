"""Profile-likelihood intervals of REML variance components (cslib.stats.gstudy_intervals)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from scipy import stats

from cslib.core.errors import InputError
from cslib.monitoring import analysis as mon
from cslib.monitoring import io as mio
from cslib.stats.gstudy import ProfiledREML, crossed_scores, gstudy_reml
from cslib.stats.gstudy_intervals import _Deviance, _Parts, profile_intervals

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.xdist_group("module-gstudy-intervals")


@pytest.fixture(scope="module")
def small():
    r = mon.routine(mio.read_qa_records(ROOT / "data_samples" / "monitoring" / "qa_records.csv"))
    return r[r["team"].isin(["T01", "T02", "T03", "T04"])]


@pytest.fixture(scope="module")
def small_ci(small):
    return profile_intervals(small["agent_id"], small["inspector_id"], small["score"])


def test_estimates_equal_the_reml_fit(small, small_ci):
    g = gstudy_reml(small["agent_id"], small["inspector_id"], small["score"])
    assert small_ci.deviance == pytest.approx(g.reml_criterion, rel=1e-9)
    for k, v in g.estimate.items():
        assert small_ci.estimate[k] == pytest.approx(v, rel=1e-3, abs=1e-4)


def test_ends_are_where_the_profile_crosses_the_chi2_bound(small, small_ci):
    """At each interior end, the deviance minimised with that component fixed is the minimum
    plus the chi-square(1) quantile."""
    y, cells = crossed_scores(small["agent_id"], small["inspector_id"], small["score"])
    dev = _Deviance(_Parts(y, cells))
    q = stats.chi2.ppf(0.95, 1)
    from scipy import optimize

    def profile(j, s):
        free = [i for i in range(4) if i != j]
        sd0 = np.sqrt(
            [small_ci.estimate[k] for k in ("agent", "inspector", "agent_inspector", "residual")]
        )

        def f(v):
            sd = np.empty(4)
            sd[free] = v
            sd[j] = s
            return dev(sd)

        best = min(
            (optimize.minimize(f, np.maximum(sd0[free], 0.1) * m, method="Nelder-Mead",
                               options={"xatol": 1e-8, "fatol": 1e-10, "maxiter": 4000})
             for m in (1.0, 0.5, 1.5)),
            key=lambda r: r.fun,
        )  # fmt: skip
        return best.fun - small_ci.deviance

    for k, j in (("agent", 0), ("residual", 3)):
        for end in (small_ci.ci_low[k], small_ci.ci_high[k]):
            assert profile(j, np.sqrt(end)) == pytest.approx(q, abs=2e-3)


def test_boundary_component_starts_at_zero(small_ci):
    # on teams T01–T04 REML puts the inspector component on the boundary
    assert small_ci.estimate["inspector"] < 1e-6
    assert small_ci.ci_low["inspector"] == 0.0 and small_ci.ci_high["inspector"] > 0


def test_higher_level_gives_wider_interval(small):
    a, r, y = small["agent_id"], small["inspector_id"], small["score"]
    ci90 = profile_intervals(a, r, y, components=["residual"], confidence_level=0.90)
    ci99 = profile_intervals(a, r, y, components=["residual"], confidence_level=0.99)
    assert ci99.ci_low["residual"] < ci90.ci_low["residual"]
    assert ci99.ci_high["residual"] > ci90.ci_high["residual"]


@pytest.mark.parametrize(
    "kw",
    [dict(confidence_level=1.5), dict(components=["teams"])],
)
def test_bad_arguments(kw):
    a = np.repeat(np.arange(5), 4)
    with pytest.raises(InputError):
        profile_intervals(a, a % 2, np.arange(20.0), **kw)


def test_too_few_levels_is_located():
    with pytest.raises(InputError, match="2 inspectors"):
        profile_intervals([1, 2, 3], [1, 1, 1], [1.0, 2.0, 3.0])


# R 4.2.2, lme4 1.1.31, tests/r_reference/gstudy_profile_lme4.R: confint(method = "profile")
# on teams T01–T04 (1,284 routine calls), squared to variances.  lme4 profiles the ML deviance
# (devfun2 refits by ML), so these are compared with method="ml"; lme4 interpolates its profile
# with a spline, hence the tolerance.
LME4_ML_PROFILE_SMALL = {
    "agent_inspector": (0.0, 5.936105326503050),
    "agent": (2.26108578863736, 10.886264113758386),
    "inspector": (0.0, 0.716310297544644),
    "residual": (63.25837614948585, 74.367918346930011),
}


def test_ml_profile_matches_lme4(small):
    ci = profile_intervals(small["agent_id"], small["inspector_id"], small["score"], method="ml")
    for k, (lo, hi) in LME4_ML_PROFILE_SMALL.items():
        assert ci.ci_low[k] == pytest.approx(lo, rel=5e-5, abs=1e-9), k
        assert ci.ci_high[k] == pytest.approx(hi, rel=5e-5), k


def test_reml_profile_is_wider_than_lme4s_ml_profile_on_few_inspectors(small_ci):
    """REML accounts for the estimated mean; with four inspectors its profile reaches further
    up than lme4's ML one (0.918 against 0.716 for the inspector component)."""
    assert small_ci.ci_high["inspector"] > LME4_ML_PROFILE_SMALL["inspector"][1] * 1.2


def test_parts_add_up_to_the_profiled_reml_deviance(small):
    """_Parts repeats ProfiledREML.solve's elimination: its pieces give the same deviance."""
    y, cells = crossed_scores(small["agent_id"], small["inspector_id"], small["score"])
    whole, parts = ProfiledREML(y, cells), _Parts(y, cells)
    dof = y.size - 1
    for theta in ([0.3, 0.1, 0.2], [0.0, 0.5, 0.0], [1.2, 0.01, 0.7]):
        dev, _, s2 = whole.solve(np.array(theta))
        logdet, rx2, r2 = parts.parts(np.array(theta))
        assert r2 / dof == pytest.approx(s2, rel=1e-12)
        assert logdet + np.log(rx2) + dof * (1 + np.log(2 * np.pi * r2 / dof)) == pytest.approx(
            dev, rel=1e-12
        )
