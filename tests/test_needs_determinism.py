"""Same ratings, same numbers: combined 360° scores do not depend on summation order.

Regression for the notebook-04 value ``centre_share_below.B4`` that read 0.4533 in some runs
and 0.4567 in others.  Agent A0040 of the sample has no self-rating on B4; re-normalising
over leader 4, QA 3 and peer 3 gives exactly (0.4·4 + 0.25·3 + 0.15·3) / 0.8 = 7/2, but
floating point gave 3.4999999999999996 or 3.5000000000000004 depending on the order of the
sources and the BLAS kernel, so the agent was counted below the 3.5 target only sometimes.
The reference here is exact rational arithmetic (:class:`fractions.Fraction`), not our code.
"""

from __future__ import annotations

import itertools
from fractions import Fraction
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from cslib.core.framework import load_framework
from cslib.needs import analysis as N
from cslib.needs import assessment

ROOT = Path(__file__).resolve().parents[1]
WEIGHTS = {"self": 0.2, "leader": 0.4, "qa": 0.25, "peer": 0.15}


@pytest.fixture(scope="module")
def sample():
    fw = load_framework(ROOT / "data_samples" / "framework_complaint_handling.yaml")
    ratings = assessment.read_assessments(
        ROOT / "data_samples" / "needs" / "ratings.csv", fw, sources=list(WEIGHTS)
    )
    return fw, ratings


def _exact_scores(data: pd.DataFrame) -> dict[tuple[str, str], Fraction]:
    w = {s: Fraction(str(v)) for s, v in WEIGHTS.items()}
    num: dict[tuple[str, str], Fraction] = {}
    den: dict[tuple[str, str], Fraction] = {}
    for a, i, s, x in zip(
        data["agent_id"], data["indicator_id"], data["source"], data["score"], strict=True
    ):
        num[a, i] = num.get((a, i), Fraction(0)) + w[s] * int(x)
        den[a, i] = den.get((a, i), Fraction(0)) + w[s]
    return {k: num[k] / den[k] for k in num}


def test_renormalised_score_equal_to_target_is_not_below(sample):
    fw, ratings = sample
    combo = assessment.combine_sources(ratings, WEIGHTS)
    assert combo.scores.at["A0040", "B4"] == 3.5  # exactly 7/2; was 3.4999999999999996
    target = pd.Series(3.5, index=list(fw.leaves))
    gaps = N.gap_analysis(combo, target, pd.Series(1 / 11, index=list(fw.leaves)))
    assert gaps.agent_gaps.at["A0040", "B4"] == 0.0


def test_share_below_matches_exact_arithmetic(sample):
    fw, ratings = sample
    exact = _exact_scores(ratings.data)
    combo = assessment.combine_sources(ratings, WEIGHTS)
    targets = {"A1": 4, "A2": 4, "A3": 4.5, "A4": 4, "B1": 4.5, "B2": 4, "B3": 3.5, "B4": 3.5}
    for ind, t in targets.items():
        n_below = sum(1 for (a, i), v in exact.items() if i == ind and v < Fraction(str(t)))
        got = int((combo.scores[ind] < t).sum())
        assert got == n_below, ind
    # the notebook value: 136 of 300 agents below 3.5 on B4
    assert (combo.scores["B4"] < 3.5).mean() == 136 / 300


def test_scores_equal_exact_values_to_12_decimals(sample):
    _, ratings = sample
    exact = _exact_scores(ratings.data)
    combo = assessment.combine_sources(ratings, WEIGHTS)
    for (a, i), v in exact.items():
        assert combo.scores.at[a, i] == round(float(v), 12)


@pytest.mark.parametrize("perm", list(itertools.permutations(WEIGHTS))[::5])
def test_byte_identical_whatever_the_weight_order_or_row_order(sample, perm):
    fw, ratings = sample
    base = assessment.combine_sources(ratings, WEIGHTS)
    shuffled = ratings.data.sample(frac=1.0, random_state=len(perm[0])).reset_index(drop=True)
    other = assessment.Assessments(shuffled, fw, ratings.scale, ratings.source)
    combo = assessment.combine_sources(other, {s: WEIGHTS[s] for s in perm})
    assert combo.scores.to_numpy().tobytes() == base.scores.to_numpy().tobytes()
    pd.testing.assert_frame_equal(combo.affected, base.affected)
    assert np.array_equal(combo.scores.index, base.scores.index)
