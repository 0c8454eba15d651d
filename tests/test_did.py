"""TWFE difference-in-differences: checked against statsmodels OLS with explicit dummies."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from cslib.core.errors import InputError
from cslib.effectiveness.behaviour import did_table, team_before_after, treatment_panel
from cslib.stats.panel import cluster_vcov, demean, demean_two_way, event_study, twfe


def _panel(seed=1, n_units=40, n_weeks=12, drop=0.1, effect=2.0):
    rng = np.random.default_rng(seed)
    rows = []
    start = rng.integers(3, n_weeks + 4, n_units)  # some never treated within the window
    for i in range(n_units):
        a = rng.normal(0, 2)
        for t in range(n_weeks):
            if rng.random() < drop:
                continue
            d = float(t >= start[i])
            d2 = float(t >= start[i] + 2)
            y = 10 + a + 0.3 * t + effect * d + 0.5 * d2 + rng.normal(0, 1 + 0.5 * (i % 3))
            rows.append(
                {
                    "agent_id": f"a{i:02d}",
                    "week": t,
                    "D_x": d,
                    "D_z": d2,
                    "y": y,
                    "team": f"T{i % 4}",
                }
            )
    return pd.DataFrame(rows)


def _statsmodels_fit(df, regs, groups="agent_id"):
    X = pd.concat(
        [
            df[regs],
            pd.get_dummies(df["agent_id"], drop_first=True, dtype=float),
            pd.get_dummies(df["week"], prefix="w", drop_first=True, dtype=float),
        ],
        axis=1,
    )
    X = sm.add_constant(X)
    codes = pd.factorize(df[groups])[0]
    return sm.OLS(df["y"], X).fit(cov_type="cluster", cov_kwds={"groups": codes}, use_t=True)


@pytest.mark.parametrize("method", ["exact", "map"])
def test_twfe_matches_statsmodels_dummies_unbalanced(method):
    df = _panel()
    res = twfe(df, "y", ["D_x", "D_z"], method=method, tol=1e-13)
    ref = _statsmodels_fit(df, ["D_x", "D_z"])
    for j, term in enumerate(["D_x", "D_z"]):
        assert res.coef[j] == pytest.approx(ref.params[term], rel=1e-9)
        assert res.se[j] == pytest.approx(ref.bse[term], rel=1e-7)
        assert res.pvalue[j] == pytest.approx(ref.pvalues[term], rel=1e-6)
        lo, hi = ref.conf_int().loc[term]
        assert res.ci_low[j] == pytest.approx(lo, rel=1e-7)
        assert res.ci_high[j] == pytest.approx(hi, rel=1e-7)
    assert res.df == ref.df_resid_inference
    assert res.n_obs == len(df) and res.n_clusters == df["agent_id"].nunique()


def test_demean_exact_and_map_agree_with_dummy_residuals():
    df = _panel(seed=3, drop=0.2)
    u = pd.factorize(df["agent_id"])[0]
    t = pd.factorize(df["week"])[0]
    D = sm.add_constant(
        pd.concat(
            [
                pd.get_dummies(u, drop_first=True, dtype=float),
                pd.get_dummies(t, prefix="w", drop_first=True, dtype=float),
            ],
            axis=1,
        )
    ).to_numpy()
    y = df["y"].to_numpy()
    ref = y - D @ np.linalg.lstsq(D, y, rcond=None)[0]
    np.testing.assert_allclose(demean_two_way(y, u, t), ref, atol=1e-9)
    got, iters = demean(y, [u, t], tol=1e-13)
    np.testing.assert_allclose(got, ref, atol=1e-8)
    assert iters > 1  # unbalanced panels need iterating


def test_cluster_vcov_matches_statsmodels_plain_ols():
    rng = np.random.default_rng(5)
    X = sm.add_constant(rng.normal(size=(200, 2)))
    g = rng.integers(0, 25, 200)
    y = X @ [1, 2, -1] + rng.normal(size=200) + rng.normal(size=25)[g]
    ref = sm.OLS(y, X).fit(cov_type="cluster", cov_kwds={"groups": g})
    resid = y - X @ ref.params
    np.testing.assert_allclose(cluster_vcov(X, resid, g), ref.cov_params(), rtol=1e-10)


def test_treatment_panel_and_event_study_recover_effect():
    rng = np.random.default_rng(7)
    weeks = pd.date_range("2025-01-06", periods=30, freq="7D")
    agents = [f"a{i:03d}" for i in range(120)]
    start = {
        a: (weeks[rng.integers(5, 25)] + pd.Timedelta(days=1) if i < 90 else None)
        for i, a in enumerate(agents)
    }
    sessions = pd.DataFrame(
        [(a, "C1", d) for a, d in start.items() if d is not None],
        columns=["agent_id", "course_id", "date"],
    )
    rows = []
    for i, a in enumerate(agents):
        base = rng.normal(80, 3)
        for w in weeks:
            treated = start[a] is not None and w + pd.Timedelta(days=6) >= start[a]
            rows.append((a, f"T{i % 6}", w, base + 2.0 * treated + rng.normal(0, 1)))
    weekly = pd.DataFrame(rows, columns=["agent_id", "team", "week", "qa_score"])
    panel = treatment_panel(weekly, sessions, ["C1"])
    # the dummy switches on in the week containing the Tuesday session
    a0 = panel[panel["agent_id"] == "a000"]
    first = a0.loc[a0["D_C1"] == 1, "week"].min()
    assert first == start["a000"] - pd.Timedelta(days=1)
    tab, fits = did_table(panel, ["qa_score"], ["C1"])
    assert tab.loc[0, "estimate"] == pytest.approx(2.0, abs=0.15)
    es = event_study(panel, "qa_score", "C1", window=(-4, 4))
    pre = es.table[es.table["rel_week"] < -1]["estimate"]
    post = es.table[es.table["rel_week"] >= 0]["estimate"]
    assert np.all(np.abs(pre) < 0.5) and np.all(np.abs(post - 2.0) < 0.5)
    assert es.pretrend_pvalue > 0.01
    team = team_before_after(panel, "C1", ["qa_score"], weeks=4)
    assert set(team.columns) >= {"team", "training_week", "qa_score_before", "qa_score_after"}


def test_event_study_matches_statsmodels():
    df = _panel(seed=11, n_units=30, n_weeks=10, drop=0.05)
    # event-time dummies for D_x built by hand, compared with twfe through event_study
    first = df[df["D_x"] == 1].groupby("agent_id")["week"].min()
    base = pd.Timestamp("2025-01-06")
    df = df.assign(week=base + pd.to_timedelta(df["week"] * 7, unit="D"))
    df["tw_x"] = df["agent_id"].map(base + pd.to_timedelta(first * 7, unit="D"))
    # numerical equivalence on a small panel: the few-treated-clusters refusal is switched off
    es = event_study(df, "y", "x", window=(-3, 3), controls=[], min_treated_clusters=1)
    rel = ((df["week"] - df["tw_x"]).dt.days // 7).clip(-3, 3)
    names = []
    for e in range(-3, 4):
        if e != -1:
            df[f"e{e:+d}"] = (rel == e).astype(float)
            names.append(f"e{e:+d}")
    ref = _statsmodels_fit(df.assign(week=df["week"].astype(str)), names)
    for e in (-3, 0, 3):
        row = es.table.set_index("rel_week").loc[e]
        assert row["estimate"] == pytest.approx(ref.params[f"e{e:+d}"], rel=1e-8)
        assert row["se"] == pytest.approx(ref.bse[f"e{e:+d}"], rel=1e-7)
    pre = [n for n in names if n in ("e-3", "e-2")]
    wald = ref.wald_test(
        np.eye(len(ref.params))[[list(ref.params.index).index(n) for n in pre]],
        use_f=True,
        scalar=True,
    )
    assert es.pretrend_statistic == pytest.approx(float(wald.statistic), rel=1e-7)


def test_twfe_reports_missing_and_dropped_terms():
    df = _panel(seed=2)
    df.loc[df.index[:5], "y"] = np.nan
    df["D_none"] = 0.0
    res = twfe(df, "y", ["D_x", "D_none"])
    assert res.n_missing == 5 and res.dropped == ("D_none",)
    with pytest.raises(InputError, match="missing"):
        twfe(df, "nope", ["D_x"])


def test_twfe_matches_r_sandwich_vcovcl():
    # tests/r_reference/effectiveness_reference.R: lm(y ~ D + factor(id) + factor(t)) with
    # sandwich::vcovCL(fit, cluster = ~id, type = "HC1") and lmtest::coeftest(df = G - 1):
    # n = 87, G = 12; D: 1.480447444, SE 0.2490670116, t 5.943972403, p 9.676121201e-05
    rows = []
    for i in range(1, 13):
        for t in range(1, 9):
            if (i * 7 + t * 3) % 11 == 0:
                continue
            start = 3 + i % 5 if i <= 9 else 99
            d = float(t >= start)
            y = 10 + 2 * np.sin(i) + 0.3 * t + 1.5 * d + np.cos(i * t * 0.7) + 0.1 * (i % 3) * t
            rows.append({"agent_id": i, "week": t, "D": d, "y": y})
    df = pd.DataFrame(rows)
    res = twfe(df, "y", ["D"], min_treated_clusters=1)  # R's numbers on a 12-agent panel
    assert res.n_obs == 87 and res.n_clusters == 12
    r = res["D"]
    assert r["estimate"] == pytest.approx(1.480447444, rel=1e-9)
    assert r["se"] == pytest.approx(0.2490670116, rel=1e-9)
    assert r["statistic"] == pytest.approx(5.943972403, rel=1e-9)
    assert r["pvalue"] == pytest.approx(9.676121201e-05, rel=1e-8)


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), drop=st.floats(0.0, 0.5))
def test_exact_two_way_demeaning_equals_alternating_projections(seed, drop):
    rng = np.random.default_rng(seed)
    n_u, n_t = 15, 9
    u = np.repeat(np.arange(n_u), n_t)
    t = np.tile(np.arange(n_t), n_u)
    keep = rng.random(len(u)) >= drop
    keep[::n_t] = True  # every unit keeps a row
    keep[:n_t] = True  # every week keeps a row
    u, t = u[keep], t[keep]
    x = rng.normal(size=(len(u), 2)) + u[:, None] * 0.3 - t[:, None] * 0.2
    exact = demean_two_way(x, u, t)
    mapped, _ = demean(x, [u, t], tol=1e-14)
    np.testing.assert_allclose(exact, mapped, atol=1e-8)
    # residuals are orthogonal to both sets of dummies: zero sums within units and weeks
    np.testing.assert_allclose(np.bincount(u, weights=exact[:, 0]), 0, atol=1e-9)
    np.testing.assert_allclose(np.bincount(t, weights=exact[:, 0]), 0, atol=1e-9)


def test_did_table_can_cluster_by_team():
    df = _panel(seed=4)
    by_agent, _ = did_table(df, ["y"], ["x", "z"])
    # 4 teams: below the few-clusters rule, so numerical equivalence is checked with it off
    by_team, fits = did_table(df, ["y"], ["x", "z"], cluster="team", min_treated_clusters=1)
    refused, _ = did_table(df, ["y"], ["x", "z"], cluster="team")
    assert set(refused["reason_code"]) == {"few_treated_clusters"}
    assert refused["se"].isna().all() and refused["p_adj"].isna().all()
    assert by_team["estimate"].tolist() == pytest.approx(by_agent["estimate"].tolist(), rel=1e-12)
    assert fits["y"].n_clusters == 4 and fits["y"].df == 3
    ref = _statsmodels_fit(df, ["D_x", "D_z"], groups="team")
    assert fits["y"].se == pytest.approx(ref.bse[["D_x", "D_z"]].to_numpy(), rel=1e-7)


def _dummy_residuals(x, u, t):
    """Residuals of x on unit and time dummies by dense least squares (numpy lstsq, SVD)."""
    D = np.column_stack(
        [np.eye(u.max() + 1)[u], np.eye(t.max() + 1)[t]]
    )  # rank-deficient on purpose: lstsq finds the minimum-norm solution, residuals are unique
    return x - D @ np.linalg.lstsq(D, x, rcond=None)[0]


@pytest.mark.parametrize("n_u, n_t", [(2, 2), (5, 3), (40, 30), (400, 30), (30, 60)])
def test_demean_two_way_exact_on_balanced_panels(n_u, n_t):
    # balanced panels are where a pseudo-inverse with a default cutoff went wrong
    rng = np.random.default_rng(n_u * 1000 + n_t)
    u = np.repeat(np.arange(n_u), n_t)
    t = np.tile(np.arange(n_t), n_u)
    x = rng.normal(size=(len(u), 2)) + u[:, None] * 0.7 - t[:, None] * 1.3
    got = demean_two_way(x, u, t)
    # balanced panel: residual = x − unit mean − time mean + grand mean (closed form)
    ref = np.empty_like(x)
    for j in range(2):
        m = x[:, j].reshape(n_u, n_t)
        ref[:, j] = (m - m.mean(1, keepdims=True) - m.mean(0) + m.mean()).ravel()
    np.testing.assert_allclose(got, ref, atol=1e-9)
    if n_u * (n_u + n_t) < 20_000:
        np.testing.assert_allclose(got[:, 0], _dummy_residuals(x[:, 0], u, t), atol=1e-9)


def test_demean_two_way_exact_on_unbalanced_and_disconnected_designs():
    rng = np.random.default_rng(12)
    # singly connected: a chain in which each unit shares exactly one week with the next
    u_chain = np.repeat(np.arange(6), 2)
    t_chain = np.array([0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6])
    # disconnected: two blocks of units observed in disjoint weeks, plus an unbalanced block
    u_blocks = np.concatenate([np.repeat(np.arange(4), 3), np.repeat(np.arange(4, 9), 4)])
    t_blocks = np.concatenate([np.tile([0, 1, 2], 4), np.tile([3, 4, 5, 6], 5)])
    keep = np.ones(len(u_blocks), dtype=bool)
    keep[[1, 14, 20]] = False
    cases = [(u_chain, t_chain), (u_blocks[keep], t_blocks[keep])]
    df = _panel(seed=21, drop=0.3)
    cases.append((pd.factorize(df["agent_id"])[0], pd.factorize(df["week"])[0]))
    for u, t in cases:
        x = rng.normal(size=len(u)) + 2.0 * t - u
        np.testing.assert_allclose(demean_two_way(x, u, t), _dummy_residuals(x, u, t), atol=1e-9)


def _two_course_panel(seed=9, n_agents=60, n_weeks=16):
    """Course A staggered over three weeks; course B taken by everybody in week 8."""
    rng = np.random.default_rng(seed)
    weeks = pd.date_range("2025-01-06", periods=n_weeks, freq="7D")
    agents = [f"a{i:02d}" for i in range(n_agents)]
    rows, sessions = [], []
    for i, a in enumerate(agents):
        wa = weeks[4 + i % 3 * 3] if i < 45 else None
        sessions.append((a, "B", weeks[8] + pd.Timedelta(days=2)))
        if wa is not None:
            sessions.append((a, "A", wa + pd.Timedelta(days=1)))
        base = rng.normal(80, 3)
        for w in weeks:
            eff = 2.0 * (wa is not None and w >= wa) + 1.0 * (w >= weeks[8])
            rows.append((a, "T1", w, base + eff + rng.normal(0, 1)))
    weekly = pd.DataFrame(rows, columns=["agent_id", "team", "week", "qa_score"])
    sess = pd.DataFrame(sessions, columns=["agent_id", "course_id", "date"])
    return treatment_panel(weekly, sess, ["A", "B"])


def test_a_course_everyone_took_in_one_week_gets_a_reason_not_a_verdict():
    from cslib.effectiveness.analysis import l34_verdict
    from cslib.effectiveness.behaviour import robust_table

    panel = _two_course_panel()
    tab, _ = robust_table(panel, ["qa_score"], ["A", "B"], min_cohort_size=5)
    rows = tab.set_index("course_id")
    assert rows.loc["B", "reason_code"] == "no_comparison"
    assert np.isnan(
        rows.loc["B", ["estimate", "se", "ci_low", "ci_high", "p_adj"]].astype(float)
    ).all()
    assert rows.loc["A", "reason_code"] == "" and abs(rows.loc["A", "estimate"] - 2.0) < 0.6
    v = l34_verdict(rows.loc["B"].to_dict(), "qa_score", 0.05, "holm")
    assert v.code == "not_estimable"
    assert v.zh.startswith("无法估计") and "对照" in v.zh and "估计 " not in v.zh
    assert "cannot be estimated" in v.en and "CI" not in v.en
    did, _ = did_table(panel, ["qa_score"], ["A", "B"])
    b = did.set_index("course_id").loc["B"]
    assert b["reason_code"] == "collinear" and np.isnan(b["estimate"])


def test_prospective_power_matches_statsmodels():
    from statsmodels.stats.power import NormalIndPower
    from statsmodels.stats.proportion import proportion_effectsize

    from cslib.stats.power import detectable_rate_difference, minimum_detectable_effect

    d = minimum_detectable_effect(0.37, 227, target=0.5, power=0.9, alpha=0.01)
    achieved = NormalIndPower().power(d.mde / 0.37, nobs1=1, alpha=0.01, ratio=0)
    assert achieved == pytest.approx(0.9, abs=1e-6)  # far tail ignored in the closed form
    z = stats.norm.ppf(0.995) + stats.norm.ppf(0.9)  # closed form, far tail ignored (< 1e-9)
    assert d.mde == pytest.approx(z * 0.37, rel=1e-6)
    assert d.n_for_target == int(np.ceil(227 * (d.mde / 0.5) ** 2))
    diff = detectable_rate_difference(0.935, 1922, 263, power=0.8, alpha=0.05)
    h = proportion_effectsize(0.935 + diff, 0.935)
    assert NormalIndPower().power(h, nobs1=1922, alpha=0.05, ratio=263 / 1922) == pytest.approx(
        0.8, abs=1e-6
    )
    with pytest.raises(InputError):
        minimum_detectable_effect(float("nan"), 10)
