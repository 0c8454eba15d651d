"""Holm's adjustment (computed here) against statsmodels' ``multipletests``; other methods
delegate to statsmodels."""

from __future__ import annotations

import numpy as np
import pytest
from statsmodels.stats.multitest import multipletests

from cslib.stats.multitest import adjust_pvalues, holm


@pytest.mark.parametrize("seed", range(20))
def test_holm_equals_statsmodels(seed):
    rng = np.random.default_rng(seed)
    m = int(rng.integers(1, 40))
    p = rng.uniform(0, 1, m) ** 3
    if m > 3:  # ties, exact zeros and ones
        p[1] = p[2]
        p[0], p[3] = 0.0, 1.0
    want = multipletests(p, method="holm")[1]
    np.testing.assert_allclose(holm(p), want, rtol=1e-15, atol=0)


def test_adjust_keeps_nan_and_delegates_other_methods():
    p = np.array([0.01, np.nan, 0.04, 0.03])
    got = adjust_pvalues(p, "fdr_bh")
    want = multipletests(p[[0, 2, 3]], method="fdr_bh")[1]
    assert np.isnan(got[1])
    np.testing.assert_allclose(got[[0, 2, 3]], want, rtol=1e-15)
    assert np.isnan(adjust_pvalues([np.nan, np.nan])).all()
    np.testing.assert_allclose(
        adjust_pvalues(p, "holm")[[0, 2, 3]], multipletests(p[[0, 2, 3]], method="holm")[1]
    )
