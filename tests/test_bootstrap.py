"""BCa intervals against scipy.stats.bootstrap(method="BCa") on the same resamples."""

import numpy as np
import pytest
from scipy import stats

from cslib.core.errors import InputError
from cslib.delphi.weights import derive_weights
from cslib.stats.bootstrap import bca_interval, percentile_interval


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("n", [8, 15, 40])
def test_bca_matches_scipy_given_its_bootstrap_distribution(seed, n):
    rng = np.random.default_rng(seed)
    x = rng.lognormal(size=n)
    res = stats.bootstrap(
        (x,), np.mean, method="BCa", n_resamples=999, rng=np.random.default_rng(seed)
    )
    jack = (x.sum() - x) / (n - 1)
    ours = bca_interval(x.mean(), res.bootstrap_distribution, jack, 0.95)
    assert ours.ci_low[0] == pytest.approx(res.confidence_interval.low, abs=1e-12)
    assert ours.ci_high[0] == pytest.approx(res.confidence_interval.high, abs=1e-12)
    assert not ours.degenerate[0]


def test_delphi_weight_interval_equals_scipy_end_to_end(ratings):
    # normalised-mean local weight of B1 within group B; scipy resamples the expert indices
    # with the same seed, so both see the same 500 resamples.
    seed, n_boot = 11, 500
    res = derive_weights(ratings, method="mean", n_boot=n_boot, seed=seed, ci_method="bca")
    fw = ratings.framework
    group = list(fw.groups["B"])
    x = ratings.matrix(ratings.rounds[-1], list(fw.ids)).to_numpy(dtype=float)
    cols = [list(fw.ids).index(i) for i in group]
    k = group.index("B1")

    def weight(idx, axis=-1):
        means = x[idx][..., cols].mean(axis=-2)
        return means[..., k] / means.sum(axis=-1)

    ref = stats.bootstrap(
        (np.arange(x.shape[0]),),
        weight,
        method="BCa",
        n_resamples=n_boot,
        rng=np.random.default_rng(seed),
    )
    row = res.table.set_index("indicator_id").loc["B1"]
    assert res.ci_method == "bca"
    assert row["local_lo"] == pytest.approx(ref.confidence_interval.low, abs=1e-12)
    assert row["local_hi"] == pytest.approx(ref.confidence_interval.high, abs=1e-12)
    pct = derive_weights(ratings, method="mean", n_boot=n_boot, seed=seed, ci_method="percentile")
    lo, hi = np.quantile(ref.bootstrap_distribution, [0.025, 0.975])
    prow = pct.table.set_index("indicator_id").loc["B1"]
    assert prow["local_lo"] == pytest.approx(lo, abs=1e-12)
    assert prow["local_hi"] == pytest.approx(hi, abs=1e-12)


def test_degenerate_columns_fall_back():
    boot = np.column_stack([np.full(50, 0.3), np.linspace(0.4, 0.6, 50)])
    jack = np.column_stack([np.full(6, 0.3), np.linspace(0.45, 0.55, 6)])
    res = bca_interval([0.3, 0.99], boot, jack)  # 0.99 lies above every resample: z0 = +inf
    assert res.degenerate.tolist() == [True, True]
    assert res.ci_low[0] == res.ci_high[0] == 0.3
    pct = percentile_interval([0.3, 0.99], boot)
    assert res.ci_low[1] == pct.ci_low[1] and res.ci_high[1] == pct.ci_high[1]


def test_bad_shapes_are_input_errors():
    with pytest.raises(InputError):
        bca_interval([0.1, 0.2], np.zeros((10, 3)), np.zeros((5, 2)))
    with pytest.raises(InputError):
        bca_interval([0.1], np.zeros((10, 1)), np.zeros((5, 2)))
    with pytest.raises(InputError):
        percentile_interval([0.1], np.zeros((10, 1)), 1.5)


@pytest.mark.parametrize("n", [8, 15, 40])
def test_expanded_percentile_level(n):
    # Hesterberg (2015): tail = Phi(-sqrt(n/(n-1)) * t_{0.975, n-1}); hand values of the
    # widening factor sqrt(n/(n-1)) t / z: 1.29 (n = 8), 1.13 (15), 1.04 (40)
    from cslib.stats.bootstrap import expanded_percentile_interval

    boot = np.random.default_rng(n).normal(size=5000)
    res = expanded_percentile_interval(0.0, boot, n, 0.95)
    z = np.sqrt(n / (n - 1)) * stats.t.ppf(0.975, n - 1)
    tail = stats.norm.cdf(-z)
    assert res.ci_low[0] == pytest.approx(np.quantile(boot, tail), abs=1e-15)
    assert res.ci_high[0] == pytest.approx(np.quantile(boot, 1 - tail), abs=1e-15)
    factor = {8: 1.29, 15: 1.13, 40: 1.04}[n]
    assert z / stats.norm.ppf(0.975) == pytest.approx(factor, abs=0.01)


def test_expanded_is_wider_than_percentile_in_weights(ratings):
    a = derive_weights(ratings, method="mean", n_boot=400, seed=3, ci_method="percentile").table
    b = derive_weights(ratings, method="mean", n_boot=400, seed=3, ci_method="expanded").table
    assert (
        b["combined_hi"] - b["combined_lo"] >= a["combined_hi"] - a["combined_lo"] - 1e-15
    ).all()
