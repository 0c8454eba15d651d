"""Undefined statistics say why (a ``reason``) instead of returning a labelled NaN."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pingouin as pg
import pytest

from cslib.stats.agreement import cohen_kappa, cronbach_alpha, icc_table
from cslib.stats.gwet import fleiss_kappa, krippendorff_alpha


def test_fleiss_single_category_has_reason():
    r = fleiss_kappa(np.ones((6, 4), dtype=bool))
    assert np.isnan(r.statistic) and "one category" in r.reason
    assert fleiss_kappa(np.array([[1, 0], [1, 1], [0, 0]])).reason is None


def test_cohen_single_category_has_reason():
    r = cohen_kappa([True] * 5, [True] * 5, categories=[False, True])
    assert np.isnan(r.statistic) and "one and the same category" in r.reason
    assert cohen_kappa([1, 0, 1], [1, 0, 0]).reason is None


def test_icc_zero_variance_has_reason():
    t = icc_table(np.full((5, 3), 7.0))
    assert t["statistic"].isna().all() and t["reason"].str.contains("every score").all()
    same_units = np.tile([1.0, 2.0, 3.0], (4, 1))  # rater offsets only, units identical
    t = icc_table(same_units)
    assert t["reason"].str.contains("same mean").all()
    assert icc_table(np.arange(12.0).reshape(4, 3) ** 1.5)["reason"].isna().all()


def test_krippendorff_constant_has_reason_not_error():
    r = krippendorff_alpha(np.full((4, 3), 2.0), "ordinal", value_domain=[1, 2, 3])
    assert np.isnan(r.statistic) and "same value" in r.reason


def test_cronbach_constant_item_reason_and_values_match_pingouin():
    rng = np.random.default_rng(3)
    d = pd.DataFrame(rng.integers(1, 6, size=(30, 6)).astype(float), columns=list("abcdef"))
    d["c"] = 3.0  # a constant item
    r = cronbach_alpha(d)
    assert r.statistic == pytest.approx(pg.cronbach_alpha(d)[0], abs=1e-12)
    row = r.items.set_index("item").loc["c"]
    assert np.isnan(row["item_rest_r"]) and "same answer" in row["reason"]
    others = r.items.loc[r.items["item"] != "c"]
    assert others["reason"].isna().all()
    # vectorised item-rest r equals the per-item correlation
    x = d.to_numpy()
    for i, item in enumerate(d.columns):
        if item == "c":
            continue
        rest = x.sum(axis=1) - x[:, i]
        got = r.items.set_index("item").loc[item, "item_rest_r"]
        assert got == pytest.approx(np.corrcoef(x[:, i], rest)[0, 1], abs=1e-12)
        ref = pg.cronbach_alpha(d.drop(columns=item))[0]
        assert r.items.set_index("item").loc[item, "alpha_if_deleted"] == pytest.approx(
            ref, abs=1e-12
        )


def test_cronbach_all_same_total_and_two_items():
    d = pd.DataFrame({"a": [1.0, 2, 3], "b": [3.0, 2, 1]})
    r = cronbach_alpha(d)
    assert np.isnan(r.statistic) and "same total" in r.reason
    r2 = cronbach_alpha(pd.DataFrame({"a": [1.0, 2, 3, 5], "b": [1.0, 3, 3, 4]}))
    assert r2.reason is None and r2.items["reason"].str.contains("2 items").all()
