"""Course choice as weighted maximum coverage (cslib.stats.coverage) against brute force."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from cslib.core.errors import InputError
from cslib.stats.coverage import coverage_value, max_coverage


def _brute(gaps, targets, *, k=None, d=None, minutes=None, delta=0.0, avoid=None, order=None):
    """Every subset, the declared objective and tie-break rule, by enumeration."""
    g = np.clip(np.asarray(gaps, float), 0, None)
    t = np.asarray(targets, bool)
    n = t.shape[0]
    d = np.zeros(n) if d is None else np.asarray(d, float)
    avoid = np.zeros(n, bool) if avoid is None else np.asarray(avoid, bool)
    rank = {c: r for r, c in enumerate(order if order is not None else range(n))}
    feasible = []
    for size in range(n + 1):
        if k is not None and size > k:
            break
        for sub in itertools.combinations(range(n), size):
            if minutes is not None and d[list(sub)].sum() > minutes + 1e-9:
                continue
            hits = t[list(sub)].sum(axis=0) if sub else np.zeros(g.size)
            value = float(
                sum(g[i] * sum(delta**m for m in range(int(h))) for i, h in enumerate(hits))
            )
            feasible.append((sub, value))
    best = max(v for _, v in feasible)
    tied = [s for s, v in feasible if v >= best - 1e-9 * max(1, best)]
    # drop courses reaching no positive gap (they only add cost) is implied by the rule below
    key = lambda s: (  # noqa: E731
        int(avoid[list(s)].sum()),
        float(np.round(d[list(s)]).sum()),
        len(s),
        sorted(rank[c] for c in s),
    )
    return min(tied, key=key), best


def _instance(rng, n_courses, n_ind, *, ties):
    if ties:
        gaps = rng.integers(-1, 4, n_ind).astype(float)  # many equal gaps and zeros
    else:
        gaps = rng.gamma(1.0, 1.0, n_ind) - 0.3
    targets = rng.random((n_courses, n_ind)) < rng.uniform(0.15, 0.5)
    durations = rng.choice([30, 60, 60, 90, 120, 480], n_courses).astype(float)
    return gaps, targets, durations


@pytest.mark.parametrize("path", [None, "separate", "walk"])
@pytest.mark.parametrize("seed", range(40))
def test_equals_brute_force_on_small_random_instances(seed, path, monkeypatch):
    """Optimum and the declared tie-break equal enumeration of every subset, on every code path
    of the tie-break: one merged cost, rules 1–3 then rule 4, and the course-by-course walk."""
    import cslib.stats.coverage as cov

    monkeypatch.setattr(cov, "_FORCE", path)
    rng = np.random.default_rng(seed)
    n_c, n_i = int(rng.integers(1, 8)), int(rng.integers(1, 7))
    gaps, targets, d = _instance(rng, n_c, n_i, ties=seed % 2 == 0)
    k = int(rng.integers(0, 4))
    minutes = float(rng.choice([60, 120, 180, 600])) if seed % 3 == 0 else None
    delta = [0.0, 0.0, 0.5, 1.0][seed % 4]
    avoid = rng.random(n_c) < 0.3 if seed % 5 == 0 else None
    order = list(rng.permutation(n_c)) if seed % 7 == 0 else None
    sel, best = _brute(
        gaps, targets, k=k, d=d, minutes=minutes, delta=delta, avoid=avoid, order=order
    )
    got = max_coverage(
        gaps, targets, max_courses=k, durations=d, max_minutes=minutes, repeat_value=delta,
        avoid=avoid, order=order,
    )  # fmt: skip
    assert got.covered == pytest.approx(best, rel=1e-12, abs=1e-12)
    if best > 0:
        assert got.selected == sel
    else:
        assert got.selected == () and got.reason
    assert got.covered == pytest.approx(
        coverage_value(gaps, targets, got.selected, repeat_value=delta), rel=1e-12
    )


def test_greedy_trap_is_avoided():
    """The greedy rule takes the best course for the largest gap and then for the next largest
    one, even when that course covers nothing new."""
    gaps = [3.0, 2.5, 2.0]
    targets = [[1, 1, 0], [0, 1, 0], [0, 0, 1]]
    assert coverage_value(gaps, targets, [0, 1]) == 5.5  # greedy's pair
    got = max_coverage(gaps, targets, max_courses=2)
    assert got.selected == (0, 2) and got.covered == 7.5 and got.share == 1.0


def test_each_gap_counted_once_and_no_useless_course():
    got = max_coverage([1.0, 1.0], [[1, 1], [1, 0], [0, 1]], max_courses=3)
    assert got.selected == (0,) and got.covered == 2.0  # a second course would add nothing


def test_ties_follow_the_declared_rule():
    targets = [[1, 0], [0, 1], [1, 0], [0, 1]]
    assert max_coverage([1.0, 1.0], targets, max_courses=1).selected == (0,)
    assert max_coverage([1.0, 1.0], targets, max_courses=1, order=[3, 2, 1, 0]).selected == (3,)
    # fewer minutes beats catalogue order; an avoided course beats nothing
    assert max_coverage(
        [1.0, 1.0], targets, max_courses=1, durations=[60, 60, 30, 60]
    ).selected == (2,)
    assert max_coverage([1.0, 0.0], targets, avoid=[True, False, False, False]).selected == (2,)
    # …but an avoided course still enters when it is the only way to cover more
    assert max_coverage(
        [1.0, 0.5], [[1, 0], [0, 1]], max_courses=1, avoid=[True, False]
    ).selected == (0,)


def test_undefined_cases_say_why():
    none = max_coverage([0.0, -1.0], [[1, 1]], max_courses=2)
    assert none.selected == () and none.reason == "no positive gap" and none.share == 0.0
    out = max_coverage([1.0, 0.0], [[0, 1]], max_courses=2)
    assert out.selected == () and "no course" in out.reason
    tight = max_coverage([1.0], [[1]], durations=[60], max_minutes=30)
    assert tight.selected == () and "within the limits" in tight.reason
    assert max_coverage([1.0], [[1]], max_courses=0).selected == ()


@pytest.mark.parametrize(
    "kw",
    [
        dict(gaps=[1.0, np.nan], targets=[[1, 0]]),
        dict(gaps=[1.0], targets=[[1, 0]]),
        dict(gaps=[1.0], targets=[[1]], max_courses=-1),
        dict(gaps=[1.0], targets=[[1]], max_minutes=10),
        dict(gaps=[1.0], targets=[[1]], durations=[-5]),
        dict(gaps=[1.0], targets=[[1]], repeat_value=2.0),
        dict(gaps=[1.0], targets=[[1], [1]], order=[0, 0]),
    ],
)
def test_bad_input_is_located(kw):
    with pytest.raises(InputError):
        max_coverage(**kw)
