"""AHP consistency for any group size (random-index tables, Alonso–Lamata criterion) and
Harker's completion of skipped judgements."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from cslib.consistency import ahp_survey
from cslib.consistency.ahp_io import read_ahp_survey
from cslib.core.errors import InputError
from cslib.stats import ahp
from cslib.stats.random_index import (
    SAATY_RI,
    alonso_lamata_ri,
    alonso_lamata_threshold,
    random_index,
    simulate_random_index,
)

SAMPLES = Path(__file__).resolve().parents[1] / "data_samples"


def test_alonso_lamata_coefficients_by_hand():
    # λ̄max(n) = 2.7699 n − 4.3513 (Alonso & Lamata 2006) ⇒ RI = (1.7699 n − 4.3513)/(n − 1)
    assert alonso_lamata_ri(5) == pytest.approx((1.7699 * 5 - 4.3513) / 4, abs=1e-15)
    assert alonso_lamata_threshold(4, 0.1) == pytest.approx(4 + 0.1 * (7.0796 - 4.3513), abs=1e-12)
    assert alonso_lamata_ri(2) == 0.0 and alonso_lamata_threshold(2) == 2.0


def test_alonso_lamata_criterion_equals_cr_with_their_ri():
    rng = np.random.default_rng(11)
    for n in (3, 5, 9, 19):
        w = rng.dirichlet(np.ones(n), size=200)
        ratio = w[:, :, None] / w[:, None, :] * np.exp(rng.normal(0, 0.4, (200, n, n)))
        iu = np.triu_indices(n, 1)
        a = ahp.matrices_from_pairs(ahp.nearest_saaty(ratio[:, iu[0], iu[1]]), n)
        c = ahp.consistency(a, 0.1, "alonso_lamata")
        rule = c.lambda_max <= alonso_lamata_threshold(n, 0.1)
        assert np.array_equal(c.acceptable, rule) and c.ri_table == "alonso_lamata"


@pytest.mark.parametrize("n", [4, 6, 9, 12, 16, 20])
def test_simulation_reproduces_alonso_lamata_line(n):
    # an independent check of the published coefficients: our seeded simulation of
    # random Saaty-scale matrices has mean λmax within 0.15 of 2.7699 n − 4.3513
    lam = simulate_random_index(n, 4000) * (n - 1) + n
    assert lam == pytest.approx(2.7699 * n - 4.3513, abs=0.15)


@pytest.mark.parametrize("n", [4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15])
def test_simulation_agrees_with_saaty_table(n):
    assert simulate_random_index(n, 4000) == pytest.approx(SAATY_RI[n], abs=0.03)


def test_simulation_is_seeded_and_reproducible():
    assert simulate_random_index(7, 2000, 5) == simulate_random_index.__wrapped__(7, 2000, 5)
    assert simulate_random_index(7, 2000, 5) != simulate_random_index(7, 2000, 6)


def test_saaty_table_refuses_large_groups_with_a_located_error():
    with pytest.raises(InputError, match="random_index_table"):
        random_index(19)
    with pytest.raises(InputError, match="random_index_table"):
        random_index(5, "donegan")  # type: ignore[arg-type]
    assert random_index(19, "alonso_lamata") == pytest.approx(alonso_lamata_ri(19))


def test_consistency_of_a_19_item_group():
    rng = np.random.default_rng(3)
    w = rng.dirichlet(np.ones(19))
    iu = np.triu_indices(19, 1)
    a = ahp.matrices_from_pairs(ahp.nearest_saaty((w[:, None] / w[None, :])[iu]), 19)
    with pytest.raises(InputError):
        ahp.consistency(a)
    c = ahp.consistency(a, ri_table="alonso_lamata")
    assert np.isfinite(c.cr) and c.ri == pytest.approx(alonso_lamata_ri(19))


# ---------------------------------------------------------------------------------------
# Harker (1987)


def test_harker_recovers_a_consistent_matrix():
    w = np.array([0.4, 0.25, 0.2, 0.1, 0.05])
    full = w[:, None] / w[None, :]
    a = full.copy()
    for i, j in [(0, 3), (1, 4), (2, 4), (0, 2)]:
        a[i, j] = a[j, i] = np.nan
    c = ahp.complete_harker(a)
    np.testing.assert_allclose(c.priorities, w, atol=1e-12)
    np.testing.assert_allclose(c.matrix, full, rtol=1e-12)
    assert c.missing == ((0, 2), (0, 3), (1, 4), (2, 4))


def test_harker_weights_are_the_eigenvector_of_the_completed_matrix():
    # Harker's fixed point, checked with numpy.linalg.eig (not the construction used)
    rng = np.random.default_rng(8)
    n = 6
    iu = np.triu_indices(n, 1)
    a = ahp.matrices_from_pairs(ahp.SAATY_VALUES[rng.integers(0, 17, len(iu[0]))], n)
    for i, j in [(0, 1), (2, 5), (3, 4)]:
        a[i, j] = a[j, i] = np.nan
    c = ahp.complete_harker(a)
    values, vectors = np.linalg.eig(c.matrix)
    v = np.abs(vectors[:, np.argmax(values.real)].real)
    np.testing.assert_allclose(c.priorities, v / v.sum(), atol=1e-10)
    np.testing.assert_allclose(c.matrix * c.matrix.T, 1.0, rtol=1e-12)
    known = np.isfinite(a)
    np.testing.assert_array_equal(c.matrix[known], a[known])


def test_harker_refuses_disconnected_comparisons():
    a = np.ones((4, 4))
    for i, j in [(0, 2), (0, 3), (1, 2), (1, 3)]:
        a[i, j] = a[j, i] = np.nan
    with pytest.raises(ValueError, match="do not connect"):
        ahp.complete_harker(a)


def _survey(tmp_path, blanks):
    df = pd.read_csv(SAMPLES / "ahp_survey.csv", dtype=str, keep_default_na=False)
    for row, col in blanks:
        df.loc[row, col] = ""
    path = tmp_path / "survey.csv"
    df.to_csv(path, index=False)
    return path


def test_survey_with_skipped_pairs_is_filled_and_reported(tmp_path, framework):
    path = _survey(tmp_path, [(0, "A1~A2"), (3, "B1~B3"), (3, "B2~B4")])
    with pytest.raises(InputError):
        read_ahp_survey(path, framework)  # default: blanks are errors
    j = read_ahp_survey(path, framework, fill_missing=True)
    assert len(j["A"].filled) == 1 and len(j["B"].filled) == 2
    expert, pair, value = j["A"].filled[0]
    assert pair == "A1~A2" and value > 0
    res = ahp_survey.analyse_survey(j, framework, random_index_table="alonso_lamata")
    assert res.ri_table == "alonso_lamata"
    assert len(res.filled) == 3 and set(res.filled["group"]) == {"A", "B"}
    # the other experts' matrices are untouched
    full = read_ahp_survey(SAMPLES / "ahp_survey.csv", framework)
    np.testing.assert_array_equal(j["A"].matrices[1:], full["A"].matrices[1:])


def test_survey_expert_who_skipped_too_much_is_located(tmp_path, framework):
    cols = ["A1~A2", "A1~A3", "A1~A4"]
    path = _survey(tmp_path, [(2, c) for c in cols])
    with pytest.raises(InputError, match="too many pairs skipped") as exc:
        read_ahp_survey(path, framework, fill_missing=True)
    assert exc.value.first.row == 4


def test_fill_missing_still_rejects_junk(tmp_path, framework):
    df = pd.read_csv(SAMPLES / "ahp_survey.csv", dtype=str, keep_default_na=False)
    df.loc[1, "A1~A2"] = "x"
    df.loc[2, "A1~A3"] = ""
    path = tmp_path / "junk.csv"
    df.to_csv(path, index=False)
    with pytest.raises(InputError, match="A1~A2") as exc:
        read_ahp_survey(path, framework, fill_missing=True)
    assert len(exc.value.problems) == 1
