"""Leave-one-out inspector leniency, exact covariance, self-starting residuals, drift monitor."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import statsmodels.formula.api as smf

from cslib.core.errors import InputError
from cslib.monitoring import analysis as mon
from cslib.monitoring.drift import drift_monitor
from cslib.stats.drift_effects import InspectorDeviations, drift_changes, inspector_deviations


def _design(seed=0, n_agents=48, n_insp=6, months=5, calls=4, rotate_at=3):
    """Agents in teams, each team with a home inspector that rotates at ``rotate_at``,
    a quarter of calls scored by another inspector (cover)."""
    rng = np.random.default_rng(seed)
    team = np.arange(n_agents) % n_insp
    rows = []
    for m in range(months):
        shift = 0 if m < rotate_at else 1
        for a in range(n_agents):
            home = (team[a] + shift) % n_insp
            for _ in range(calls):
                insp = home if rng.random() < 0.75 else int(rng.integers(n_insp))
                rows.append((f"A{a:02d}", f"QA{insp}", f"2026-0{m + 1}"))
    return pd.DataFrame(rows, columns=["agent_id", "inspector_id", "month"])


def test_deviation_and_se_match_statsmodels_ols():
    d = _design()
    rng = np.random.default_rng(1)
    y = 80 + rng.normal(0, 3, 48)[d["agent_id"].str[1:].astype(int)] + rng.normal(0, 8, len(d))
    dev = inspector_deviations(d["agent_id"], d["inspector_id"], d["month"], y)
    d = d.assign(y=y, cell=d["inspector_id"] + "_" + d["month"])
    fit = smf.ols("y ~ 0 + C(cell) + C(agent_id)", data=d).fit()
    names = [f"C(cell)[{c}]" for c in sorted(d["cell"].unique())]
    assert fit.scale == pytest.approx(dev.residual_variance, rel=1e-9)
    assert fit.df_resid == dev.df_residual
    # QA2 in month 2026-04 against the mean of the others that month
    i = int(np.flatnonzero((dev.inspector == "QA2") & (dev.month == "2026-04"))[0])
    others = sorted(set(d.loc[d["month"] == "2026-04", "inspector_id"]) - {"QA2"})
    w = pd.Series(1 / len(others), index=others)
    c = np.zeros(len(fit.params))
    c[fit.params.index.get_loc("C(cell)[QA2_2026-04]")] = 1.0
    for j, wj in w.items():
        c[fit.params.index.get_loc(f"C(cell)[{j}_2026-04]")] -= wj
    t = fit.t_test(c)
    assert dev.deviation[i] == pytest.approx(float(t.effect[0]), abs=1e-9)
    assert math.sqrt(dev.covariance[i, i]) == pytest.approx(float(t.sd[0, 0]), rel=1e-8)
    assert len(names) == dev.deviation.size


def test_step_recovered_exactly_without_noise_old_rule_shrinks_it():
    # noise-free scores: agent effects, inspector effects and a +6 step for QA0 from month 3
    d = _design(seed=2)
    agent_eff = {f"A{a:02d}": 0.5 * a for a in range(48)}
    insp_eff = {f"QA{i}": i - 2.5 for i in range(6)}
    step = np.where(d["inspector_id"].eq("QA0") & (d["month"] >= "2026-03"), 6.0, 0.0)
    y = 80 + d["agent_id"].map(agent_eff) + d["inspector_id"].map(insp_eff) + step
    y = y.to_numpy() + 1e-3 * np.random.default_rng(3).standard_normal(len(d))
    dev = inspector_deviations(d["agent_id"], d["inspector_id"], d["month"], y)
    ch = drift_changes(dev, baseline_months=2)
    mine = (ch.inspector == "QA0") & (ch.month >= "2026-03")
    np.testing.assert_allclose(ch.change[mine], 6.0, atol=0.01)
    others = (ch.inspector != "QA0") & np.isfinite(ch.change)
    # the others' changes move by their reference's share of QA0 (never more than 6/5)
    assert np.abs(ch.change[others]).max() < 6.0 / 5 + 0.01
    old = mon.inspector_drift(d.assign(score=y, must_check=False), baseline_months=2)
    old_mine = old[(old["inspector_id"] == "QA0") & (old["month"] >= "2026-03")]["change"]
    assert (old_mine < 5.5).all()  # the old rule's reference contained QA0: (1 − w) × 6


def test_excluding_a_drifter_from_the_reference_frees_the_others():
    d = _design(seed=2)
    step = np.where(d["inspector_id"].eq("QA0") & (d["month"] >= "2026-03"), 6.0, 0.0)
    y = 80 + step + 1e-3 * np.random.default_rng(3).standard_normal(len(d))
    dev = inspector_deviations(
        d["agent_id"], d["inspector_id"], d["month"], y, exclude_from_reference=["QA0"]
    )
    ch = drift_changes(dev, baseline_months=2)
    others = (ch.inspector != "QA0") & np.isfinite(ch.change)
    assert np.abs(ch.change[others]).max() < 0.01
    mine = (ch.inspector == "QA0") & np.isfinite(ch.change)
    np.testing.assert_allclose(ch.change[mine], 6.0, atol=0.01)


def test_self_starting_residuals_are_independent_standard_normal():
    # known covariance, constant mean: recursive GLS residuals are iid N(0, 1)
    rng = np.random.default_rng(5)
    t = 6
    a = rng.normal(size=(t, t))
    v = a @ a.T + t * np.eye(t)
    chol = np.linalg.cholesky(v)
    draws = []
    for _ in range(4000):
        d = 3.0 + chol @ rng.standard_normal(t)
        dev = InspectorDeviations(
            np.array(["A"] * t), np.array([f"m{k}" for k in range(t)]), np.ones(t, int),
            d, v, 1.0, 100, ("",) * t,
        )  # fmt: skip
        draws.append(drift_changes(dev, baseline_months=2).residual[2:])
    x = np.array(draws)
    np.testing.assert_allclose(x.mean(axis=0), 0, atol=0.06)
    np.testing.assert_allclose(np.cov(x.T), np.eye(t - 2), atol=0.07)


def test_alone_in_a_month_is_undefined_with_reason():
    d = pd.DataFrame(
        {
            "agent_id": ["A", "B", "A", "B", "A", "B"],
            "inspector_id": ["Q1", "Q2", "Q2", "Q1", "Q1", "Q1"],
            "month": ["m1", "m1", "m1", "m1", "m2", "m2"],
        }
    )
    dev = inspector_deviations(d["agent_id"], d["inspector_id"], d["month"], [1, 2, 3, 4, 5, 7])
    k = int(np.flatnonzero(dev.month == "m2")[0])
    assert math.isnan(dev.deviation[k])
    assert "no other inspector" in dev.reason[k]


def _records(step=0.0, months=6, seed=7):
    d = _design(seed=seed, months=months, calls=6)
    rng = np.random.default_rng(seed)
    a = d["agent_id"].str[1:].astype(int).to_numpy()
    y = 80 + rng.normal(0, 3, 48)[a] + rng.normal(0, 8, len(d))
    y += np.where(d["inspector_id"].eq("QA1") & (d["month"] >= "2026-03"), step, 0.0)
    return d.assign(score=y, must_check=False)


def test_monitor_flags_a_large_step_and_states_its_error_rates():
    res = drift_monitor(_records(step=12.0), false_alarms_per_year=0.1, threshold=4.0)
    flagged = set(res.table.loc[res.table["flagged"], "inspector_id"])
    assert flagged == {"QA1"}
    assert res.arl0 == pytest.approx(120.0)
    assert res.reason == ""
    assert 0 < res.p_detect_threshold < 1 and res.step_80 > 0
    # the baseline months carry no statistic; every later month does
    base = res.table["month"] <= "2026-02"
    assert res.table.loc[base, "statistic"].isna().all()
    assert res.table.loc[~base, "statistic"].notna().all()


def test_monitor_one_month_cannot_judge():
    res = drift_monitor(_records(months=1), baseline_months=2)
    assert not res.table["flagged"].any()
    assert math.isnan(res.p_detect_threshold)
    assert "baseline" in res.reason


def test_methods_state_the_chart_calibration_and_the_interval_method():
    from cslib.monitoring import io as mio
    from cslib.monitoring.methods import monitoring_methods

    root = Path(__file__).resolve().parents[1]
    records = mio.read_qa_records(root / "data_samples" / "monitoring" / "qa_records.csv")
    prm = mio.check_parameters(
        score_min=0, score_max=100, pass_mark=80, target_reliability=0.8, target_half_width=3,
        confidence_level=0.95, inspector_capacity=150, random_share=0.3, min_calls=2,
        new_agent_months=3, max_agents_per_inspector=25, drift_threshold=4, seed=1,
        drift_false_alarm_rate=0.2,
    )  # fmt: skip
    en = monitoring_methods(records, prm, "en", interval_method="profile").markdown()
    assert "one false alarm every 60 months" in en and "0.2 per inspector-year" in en
    assert "profile-likelihood" in en and "bootstrap" not in en
    assert "Lucas" in en and "Hawkins" in en
    zh = monitoring_methods(records, prm, "zh", interval_method="bootstrap").markdown()
    assert "参数自助法" in zh and "60 个月误报一次" in zh
    with pytest.raises(InputError, match="drift_false_alarm_rate"):
        mio.check_parameters(
            score_min=0, score_max=100, pass_mark=80, target_reliability=0.8,
            target_half_width=3, confidence_level=0.95, inspector_capacity=150,
            random_share=0.3, min_calls=2, new_agent_months=3, max_agents_per_inspector=25,
            drift_threshold=4, seed=1, drift_false_alarm_rate=12,
        )  # fmt: skip


def test_two_inspectors_a_month_cannot_tell_who_moved():
    from cslib.monitoring.drift_text import drift_summary

    d = _records(step=15.0)
    d = d[d["inspector_id"].isin(["QA0", "QA1"])]
    res = drift_monitor(d)
    assert set(res.table.loc[res.table["flagged"], "inspector_id"]) == {"QA0", "QA1"}
    en = drift_summary(res, "en")
    assert "cannot be told apart" in en and "more strictly" in en and "more leniently" in en
    assert "无法区分" in drift_summary(res, "zh")
