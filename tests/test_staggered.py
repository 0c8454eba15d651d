"""ATT(g,t), its aggregations and the Goodman-Bacon decomposition.

Reference numbers were produced once with ``csdid`` 0.4.3 (a Python port of R ``did`` 2.x;
``ATTgt(...).fit(est_method="reg", bstrap=False)`` and ``.aggte(typec=..., bstrap=False)``) on the
panel built by :func:`_sim` below, and pasted here so CI needs neither package.  The
independent ``differences`` 0.3.0 package (``ATTgt(...).fit(formula="y", est_method="reg")`` and
``.aggregate("simple"|"cohort"|"event", overall=True)``) gives the same cell estimates, analytic
SEs and overall simple/cohort/event aggregates for never- and not-yet-treated controls (checked
once, largest difference 2e-15).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from cslib.core.errors import InputError
from cslib.stats.bacon import COMPARISONS, BaconReason, bacon_decomposition
from cslib.stats.panel import twfe
from cslib.stats.staggered import aggregate, att_gt, att_gt_many


def _sim(seed=1, n=300, T=8, cohorts=(3, 5, 6), never_share=0.3, drop=0.0):
    """Cohorts 3, 5, 6 and never-treated (g = 0); effect 1 + 0.5·(t − g) + 0.3·g from t = g on
    (growing with event time, larger for later cohorts)."""
    rng = np.random.default_rng(seed)
    g = np.where(rng.random(n) < never_share, 0, rng.choice(cohorts, n))
    a = rng.normal(0, 1, n)
    lam = rng.normal(0, 1, T + 1)
    if not drop:
        # the loop below without its Python overhead: numpy's Generator draws an array of
        # normals in the same order as one scalar draw per row, so the panel is the same
        i, t = np.divmod(np.arange(n * T), T)
        t = t + 1
        gi = g[i]
        e = np.where(gi > 0, t - gi, -1)
        eff = np.where((gi > 0) & (e >= 0), 1.0 + 0.5 * e + 0.3 * gi, 0.0)
        y = a[i] + lam[t] + eff + rng.normal(0, 1, n * T)
        df = pd.DataFrame({"id": i + 1, "t": t, "g": gi, "y": y, "team": i % 20})
        df["first"] = df["g"].where(df["g"] > 0)
        return df
    rows = []
    for i in range(n):
        for t in range(1, T + 1):
            if drop and rng.random() < drop:
                continue
            e = t - g[i] if g[i] > 0 else -1
            eff = (1.0 + 0.5 * e + 0.3 * g[i]) if (g[i] > 0 and e >= 0) else 0.0
            rows.append((i + 1, t, g[i], a[i] + lam[t] + eff + rng.normal(0, 1), i % 20))
    df = pd.DataFrame(rows, columns=["id", "t", "g", "y", "team"])
    df["first"] = df["g"].where(df["g"] > 0)
    return df


@pytest.fixture(scope="module")
def sim():
    df = _sim()
    # the numbers below belong to this panel: fail loudly if the generator ever changes
    assert len(df) == 2400 and df["y"].sum() == pytest.approx(2946.329964472021, rel=1e-12)
    return df


CSDID_ATT = [-0.26095043221542813, 2.0992636619683482, 2.7721485317828893, 3.4451369260100213,
             3.6760391898342415, 4.078230455219467, 4.806318612331727, -0.10408254565335118,
             0.11790106860603644, 0.008748213628881008, 2.7986650419460144, 2.9276761327003893,
             3.3448372680074288, 3.7999833139134798, -0.16786554360152717, -0.35327181905802973,
             0.5896338606817773, -0.027071602229438718, 2.7130162032971663, 2.8991888794384373,
             3.6802330811040647]  # fmt: skip
CSDID_SE = [0.22732122236278235, 0.24449029838486724, 0.23652416779722907, 0.2441398007230869,
            0.22968821339972653, 0.22262542074114172, 0.21553894849331168, 0.21059641095991094,
            0.23455763560895326, 0.21912231488144296, 0.2101311723106882, 0.2235282251710942,
            0.231399323135443, 0.2108313737549872, 0.22324719655982722, 0.2355878707022046,
            0.24389248422308743, 0.2125311858987167, 0.2236474057413518, 0.19070285807310797,
            0.196096034617653]  # fmt: skip

# (control, base, cluster) -> W, (simple att, se), (group att, se, per-group att, se),
# (dynamic att, se, event times, per-e att, se)
CSDID_AGG = {
    ("nevertreated", "varying", None): (
        11.725276513842946,
        (3.302251946615264, 0.10588255315679167),
        (3.2590021744818434, 0.10288233364833632,
         [3.479522896191115, 3.217790439141828, 3.097479387946556],
         [0.175946256577794, 0.176258671238013, 0.16136680429327]),
        (3.590262948015564, 0.11528606138915798, list(range(-4, 6)),
         [-0.167865543601527, -0.218148058127324, 0.333835093147749, -0.084632198494344,
          2.558811806304885, 2.87133111937239, 3.482186810396851, 3.744698884468064,
          4.078230455219467, 4.806318612331727],
         [0.223247196559827, 0.132875006529471, 0.149572786860131, 0.123721749050848,
          0.128175985855189, 0.11568766556211, 0.124252788074554, 0.154289082931405,
          0.222625420741142, 0.215538948493312]),
    ),
    ("notyettreated", "varying", "team"): (
        15.199060284135948,
        (3.293882835115273, 0.10559895969300359),
        (3.2533631338758373, 0.10361231328175226,
         [3.457575191126674, 3.220522821354427, 3.097479387946556],
         [0.170195806274711, 0.188838118502163, 0.165390552612711]),
        (3.584280127294574, 0.10718695178179613, list(range(-4, 6)),
         [-0.064915403973167, -0.176295537546562, 0.409391813546912, -0.150317098554847,
          2.580667142336171, 2.839259058465873, 3.456506610946142, 3.744698884468064,
          4.078230455219467, 4.806318612331727],
         [0.172969470618282, 0.132749682956258, 0.152780089335199, 0.086045858111825,
          0.115688573537327, 0.148092514459008, 0.127882634697209, 0.157044932290828,
          0.226636443985116, 0.179594340528902]),
    ),
    ("notyettreated", "universal", None): (
        11.706113225182627,
        (3.293882835115273, 0.10481341403173963),
        (3.2533631338758373, 0.10420977967421466,
         [3.457575191126674, 3.220522821354427, 3.097479387946556],
         [0.159829713653036, 0.170941569819957, 0.16136680429327]),
        # csdid also lists the reference event time −1 (0, no SE); we leave it out of the table
        (3.584280127294574, 0.1129245636818109, [-5, -4, -3, -2, 0, 1, 2, 3, 4, 5],
         [-0.041424895792782, -0.093043448038749, -0.27444200718411, 0.150317098554847,
          2.580667142336171, 2.839259058465873, 3.456506610946142, 3.744698884468064,
          4.078230455219467, 4.806318612331727],
         [0.218656488527262, 0.145645942843726, 0.147261379307254, 0.118931975604236,
          0.126080352767058, 0.121445091703812, 0.125614174928383, 0.154289082931405,
          0.222625420741142, 0.215538948493312]),
    ),
}  # fmt: skip


def test_att_gt_matches_csdid_cells(sim):
    res = att_gt(sim, "y", "id", "t", "first")
    tab = res.table.sort_values(["group", "time"])
    assert len(tab) == 21 and tab["reason"].eq("").all()
    np.testing.assert_allclose(tab["att"], CSDID_ATT, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(tab["se"], CSDID_SE, rtol=1e-9)
    assert res.n_units == 300 and res.n_clusters == 300


@pytest.mark.parametrize("key", list(CSDID_AGG))
def test_aggregations_match_csdid(sim, key):
    control, base, cluster = key
    w, simple, group, dynamic = CSDID_AGG[key]
    res = att_gt(sim, "y", "id", "t", "first", control_group=control, base_period=base,
                 cluster=cluster)  # fmt: skip
    assert res.pretest.statistic == pytest.approx(w, rel=1e-9)
    assert res.pretest.df == 8  # pre-treatment cells: 1 + 3 + 4 for cohorts 3, 5, 6
    assert res.pretest.pvalue == pytest.approx(stats.chi2.sf(w, 8), rel=1e-9)
    s = aggregate(res, "simple")
    assert (s.estimate, s.se) == pytest.approx(simple, rel=1e-9)
    gr = aggregate(res, "group")
    assert (gr.estimate, gr.se) == pytest.approx(group[:2], rel=1e-9)
    np.testing.assert_allclose(gr.table["estimate"], group[2], rtol=1e-9)
    np.testing.assert_allclose(gr.table["se"], group[3], rtol=1e-9)
    dy = aggregate(res, "dynamic")
    assert (dy.estimate, dy.se) == pytest.approx(dynamic[:2], rel=1e-9)
    assert dy.table["event_time"].tolist() == dynamic[2]
    np.testing.assert_allclose(dy.table["estimate"], dynamic[3], rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(dy.table["se"], dynamic[4], rtol=1e-9)
    # simultaneous band: wider than pointwise, narrower than Bonferroni over the event times
    k = len(dy.table)
    assert stats.norm.ppf(0.975) < dy.critical_value < stats.norm.ppf(1 - 0.025 / k)


def test_unbalanced_cells_are_hand_computed_differences_of_means():
    df = _sim(seed=5, n=120, T=6, cohorts=(3, 4), drop=0.15)
    res = att_gt(df, "y", "id", "t", "first", control_group="notyettreated", min_cohort_size=2)
    wide = df.pivot(index="id", columns="t", values="y")
    g = df.groupby("id")["g"].first()
    for r in res.table.itertuples():
        if r.reason:
            continue
        dy = (wide[r.time] - wide[r.base_period]).dropna()
        gg = g.loc[dy.index]
        ctrl = (gg == 0) | ((gg > max(r.time, r.base_period)) & (gg != r.group))
        treat = gg == r.group
        assert r.att == pytest.approx(dy[treat].mean() - dy[ctrl].mean(), abs=1e-12)
        assert (r.n_treated, r.n_control) == (int(treat.sum()), int(ctrl.sum()))
        # R did's analytic SE for a 2×2 of means: sqrt(Σ_D(dy−m_D)²/n_D² + Σ_C(dy−m_C)²/n_C²)
        v = ((dy[treat] - dy[treat].mean()) ** 2).sum() / treat.sum() ** 2
        v += ((dy[ctrl] - dy[ctrl].mean()) ** 2).sum() / ctrl.sum() ** 2
        assert r.se == pytest.approx(np.sqrt(v), rel=1e-9)


def test_att_gt_recovers_heterogeneous_effects_where_twfe_is_biased():
    df = _sim(seed=3, n=3000, T=8)
    res = att_gt(df, "y", "id", "t", "first")
    post = res.table[res.table["post"]]
    truth = 1 + 0.5 * post["event_time"] + 0.3 * post["group"]
    z = (post["att"] - truth) / post["se"]
    assert np.all(np.abs(z) < 4)
    dy = aggregate(res, "dynamic")
    pre = dy.table[dy.table["event_time"] < 0]
    assert np.all(np.abs(pre["estimate"]) < 4 * pre["se"])
    shares = df.groupby("id")["g"].first().value_counts(normalize=True)
    pg = shares.drop(0)
    true_simple = sum(
        pg[g] * (1 + 0.5 * (t - g) + 0.3 * g) for g in pg.index for t in range(g, 9)
    ) / sum(pg[g] * (9 - g) for g in pg.index)
    s = aggregate(res, "simple")
    assert abs(s.estimate - true_simple) < 4 * s.se
    df["D"] = ((df["g"] > 0) & (df["t"] >= df["g"])).astype(float)
    tw = twfe(df, "y", ["D"], unit="id", time="t")
    # TWFE is pulled down by already-treated controls: far outside the robust interval
    assert tw.coef[0] < s.ci_low - 3 * s.se
    bac = bacon_decomposition(df, "y", "id", "t", "first")
    assert bac.twfe == pytest.approx(tw.coef[0], rel=1e-9)
    assert bac.weight_already_treated > 0.1


def test_intervals_cover_by_simulation():
    # 300 small panels (60 agents, 6 weeks): 95 % intervals of the simple ATT and the
    # simultaneous event-time band must cover the truth about 95 % of the time
    # 300 replications: the Monte-Carlo standard error of a 95 % coverage is
    # sqrt(0.95 · 0.05 / 300) = 0.013, so the bounds below lie about 3 standard errors out
    hits_simple = hits_band = 0
    reps = 300
    for rep in range(reps):
        df = _sim(seed=1000 + rep, n=60, T=6, cohorts=(3, 5), never_share=0.4)
        res = att_gt(df, "y", "id", "t", "first", min_cohort_size=2)
        # the true ATT of each post-treatment cell, weighted by cohort share (numpy: the
        # estimators, not this bookkeeping, should take the time)
        g_unit = df["g"].to_numpy()[np.unique(df["id"].to_numpy(), return_index=True)[1]]
        post = (res.table["post"] & res.table["reason"].eq("")).to_numpy()
        group = res.table["group"].to_numpy()[post]
        event = res.table["event_time"].to_numpy()[post]
        w = (g_unit[:, None] == group[None, :]).mean(axis=0)
        truth_cells = 1 + 0.5 * event + 0.3 * group
        truth = float((w * truth_cells).sum() / w.sum())
        s = aggregate(res, "simple")
        hits_simple += s.ci_low <= truth <= s.ci_high
        dy = aggregate(res, "dynamic", n_boot=199, seed=rep)
        tab = dy.table
        truth_e = np.zeros(len(tab))
        for i, e in enumerate(tab["event_time"].to_numpy()):
            at = event == e
            if at.any():
                truth_e[i] = float((w[at] * truth_cells[at]).sum() / w[at].sum())
        hits_band += bool(np.all((tab["band_low"] <= truth_e) & (truth_e <= tab["band_high"])))
    assert 0.91 <= hits_simple / reps <= 0.99
    assert 0.89 <= hits_band / reps <= 0.99


def test_identification_checks_say_why_nothing_is_estimated():
    # one cohort, everyone trained the same week, no untrained agents
    df = _sim(seed=2, n=40, T=6, cohorts=(4,), never_share=0.0)
    res = att_gt(df, "y", "id", "t", "first")
    assert res.table["att"].isna().all()
    assert res.table["reason"].str.contains("no never-treated").all()
    agg = aggregate(res, "simple")
    assert np.isnan(agg.estimate) and "no post-treatment" in agg.reason
    assert np.isnan(res.pretest.pvalue) and res.pretest.reason
    # not-yet-treated controls exist only before the single cohort is treated: post cells fail
    res = att_gt(df, "y", "id", "t", "first", control_group="notyettreated")
    assert res.table.loc[res.table["post"], "reason"].str.contains("not-yet").all()
    # TWFE: the treatment dummy equals a week effect and is dropped, not estimated
    df["D"] = (df["t"] >= df["g"]).astype(float)
    assert twfe(df, "y", ["D"], unit="id", time="t").dropped == ("D",)
    bac = bacon_decomposition(df, "y", "id", "t", "first")
    assert np.isnan(bac.estimate) and bac.reason_code is BaconReason.NO_VARIATION


def test_small_cohorts_and_cohorts_without_pre_period():
    df = _sim(seed=4, n=80, T=6, cohorts=(1, 3, 4))
    first_treated_at_1 = df.loc[df["g"] == 1, "id"].nunique()
    res = att_gt(df, "y", "id", "t", "first", min_cohort_size=200)
    assert res.always_treated == first_treated_at_1 > 0
    assert res.cohorts["reason"].str.contains("too few").all()
    res = att_gt(df, "y", "id", "t", "first", min_pre_periods=3)
    why = res.cohorts.set_index("group")["reason"]
    assert "before treatment" in why[3] and why[4] == ""


def test_bad_input_is_located():
    df = _sim(seed=6, n=20, T=4)
    with pytest.raises(InputError, match="missing"):
        att_gt(df, "nope", "id", "t", "first")
    dup = pd.concat([df, df.iloc[[3]]], ignore_index=True)
    with pytest.raises(InputError, match="more than one row"):
        att_gt(dup, "y", "id", "t", "first")
    bad = df.copy()
    bad.loc[bad.index[bad["first"].notna()][0], "first"] = 99
    with pytest.raises(InputError, match="same on all rows"):
        att_gt(bad, "y", "id", "t", "first")
    with pytest.raises(InputError, match="control_group"):
        att_gt(df, "y", "id", "t", "first", control_group="everyone")  # type: ignore[arg-type]
    with pytest.raises(InputError, match="type"):
        aggregate(att_gt(df, "y", "id", "t", "first", min_cohort_size=1), "calendar")  # type: ignore[arg-type]


def test_errors_name_the_spreadsheet_row_of_a_filtered_frame():
    """A frame read from a file is indexed by spreadsheet row (header = row 1) and keeps that
    index when rows are filtered: errors name that row, not the position + 2."""
    df = _sim(seed=6, n=20, T=4)
    df.index = pd.RangeIndex(2, len(df) + 2, name="row")  # as read_table gives it
    kept = df[df["id"] % 3 != 0].copy()  # some units filtered out: labels ≠ position + 2
    # a missing period
    bad = kept.copy()
    label = bad.index[10]
    bad.loc[label, "t"] = np.nan
    with pytest.raises(InputError) as err:
        att_gt(bad, "y", "id", "t", "first")
    assert err.value.first.row == label != 10 + 2
    # a text outcome
    bad = kept.copy().astype({"y": object})
    label = bad.index[40]
    bad.loc[label, "y"] = "n/a"
    with pytest.raises(InputError, match="numeric") as err:
        att_gt(bad, "y", "id", "t", "first")
    assert err.value.first.row == label != 40 + 2
    # a duplicated unit-period: the second of the two rows
    bad = pd.concat([kept, kept.iloc[[5]].set_axis([999])])
    with pytest.raises(InputError, match="more than one row") as err:
        att_gt(bad, "y", "id", "t", "first")
    assert err.value.first.row == 999
    # first-treated period changes within a unit
    bad = kept.copy()
    label = bad.index[bad["first"].notna()][-1]
    bad.loc[label, "first"] = 99
    with pytest.raises(InputError, match="same on all rows") as err:
        att_gt(bad, "y", "id", "t", "first")
    assert err.value.first.row == label != bad.index.get_loc(label) + 2
    # a frame made in code (default index) counts rows as a file with one header row
    plain = df.reset_index(drop=True)
    plain.loc[4, "t"] = np.nan
    with pytest.raises(InputError) as err:
        att_gt(plain, "y", "id", "t", "first")
    assert err.value.first.row == 4 + 2


def test_confidence_level_sets_the_intervals():
    df = _sim(seed=3, n=120, T=6)
    r95 = att_gt(df, "y", "id", "t", "first")
    r90 = att_gt(df, "y", "id", "t", "first", confidence_level=0.90)
    assert r95.confidence_level == 0.95 and r90.confidence_level == 0.90
    t95, t90 = r95.table.dropna(subset=["se"]), r90.table.dropna(subset=["se"])
    z = stats.norm.ppf(0.95)
    assert np.allclose(t90["ci_high"] - t90["att"], z * t90["se"], rtol=1e-12)
    assert ((t95["ci_high"] - t95["ci_low"]) > (t90["ci_high"] - t90["ci_low"])).all()
    agg = aggregate(r95, "simple", confidence_level=0.90)
    assert agg.confidence_level == 0.90
    assert agg.ci_high - agg.estimate == pytest.approx(z * agg.se, rel=1e-12)
    df["D"] = (df["first"].notna() & (df["t"] >= df["first"])).astype(float)
    fit = twfe(df, "y", ["D"], unit="id", time="t", confidence_level=0.90)
    assert fit.confidence_level == 0.90
    for bad in (0.0, 1.0, 95):
        with pytest.raises(InputError, match="confidence_level"):
            att_gt(df, "y", "id", "t", "first", confidence_level=bad)
        with pytest.raises(InputError, match="confidence_level"):
            twfe(df, "y", ["D"], unit="id", time="t", confidence_level=bad)


@pytest.mark.parametrize(
    "seed, cohorts, never_share, always",
    [(1, (3, 5, 6), 0.3, False), (2, (2, 4, 5, 7), 0.2, True), (3, (4, 6), 0.0, True),
     (4, (2, 3), 0.5, False)],
)  # fmt: skip
def test_bacon_weights_sum_to_one_and_reproduce_twfe(seed, cohorts, never_share, always):
    df = _sim(seed=seed, n=150, T=8, cohorts=cohorts, never_share=never_share)
    if always:
        df.loc[df["id"] % 9 == 0, "first"] = 1
    res = bacon_decomposition(df, "y", "id", "t", "first")
    df["D"] = (df["first"].notna() & (df["t"] >= df["first"])).astype(float)
    ref = twfe(df, "y", ["D"], unit="id", time="t")  # checked against statsmodels elsewhere
    assert res.table["weight"].sum() == pytest.approx(1.0, abs=1e-9)
    assert (res.table["weight"] >= 0).all()
    assert res.estimate == pytest.approx(ref.coef[0], rel=1e-9)
    assert res.twfe == pytest.approx(ref.coef[0], rel=1e-9)
    assert set(res.table["type"]) <= set(COMPARISONS)
    assert (COMPARISONS[3] in set(res.table["type"])) == always
    assert (COMPARISONS[0] in set(res.table["type"])) == (never_share > 0)


@pytest.mark.parametrize("seed, cohorts, always", [(1, (3, 5, 6), False), (2, (2, 4, 5, 7), True)])
def test_bacon_by_type_averages_reproduce_twfe(seed, cohorts, always):
    """Per comparison type: weights add up to 1 and Σ_k w_k · mean_k is the TWFE coefficient
    (computed directly, not from the decomposition); each mean is the weighted mean of its
    rows."""
    df = _sim(seed=seed, n=150, T=8, cohorts=cohorts, never_share=0.3)
    if always:
        df.loc[df["id"] % 9 == 0, "first"] = 1
    res = bacon_decomposition(df, "y", "id", "t", "first")
    df["D"] = (df["first"].notna() & (df["t"] >= df["first"])).astype(float)
    ref = twfe(df, "y", ["D"], unit="id", time="t").coef[0]
    t = res.by_type()
    assert list(t.columns) == ["type", "weight", "estimate"]
    assert list(t["type"]) == list(dict.fromkeys(res.table["type"]))  # order of appearance
    assert t["weight"].sum() == pytest.approx(1.0, abs=1e-12)
    assert float((t["weight"] * t["estimate"]).sum()) == pytest.approx(ref, rel=1e-9)
    for row in t.itertuples():
        part = res.table[res.table["type"] == row.type]
        assert row.estimate == pytest.approx(np.average(part["estimate"], weights=part["weight"]))
    undefined = bacon_decomposition(df.assign(first=3), "y", "id", "t", "first")
    assert undefined.reason_code is BaconReason.NO_VARIATION and undefined.by_type().empty


def test_bacon_drops_units_of_an_unbalanced_panel():
    df = _sim(seed=8, n=100, T=6, drop=0.03)
    res = bacon_decomposition(df, "y", "id", "t", "first")
    complete = df.groupby("id")["t"].count() == 6
    assert res.n_units == complete.sum() and res.n_dropped_units == (~complete).sum()
    sub = df[df["id"].isin(complete[complete].index)].copy()
    sub["D"] = (sub["first"].notna() & (sub["t"] >= sub["first"])).astype(float)
    assert res.estimate == pytest.approx(twfe(sub, "y", ["D"], unit="id", time="t").coef[0])


def _two_treatments(seed, n=600, T=14):
    """Treatment A at week a_i (or never); B starts 3–6 weeks after A for most units.
    Constant effects: A +2, B +3 (additive)."""
    rng = np.random.default_rng(seed)
    a = np.where(rng.random(n) < 0.25, 0, rng.integers(3, 9, n))
    b = np.where((a > 0) & (rng.random(n) < 0.8), a + rng.integers(3, 7, n), 0)
    b = np.where(b > T, 0, b)
    t = np.tile(np.arange(1, T + 1), n)
    i = np.repeat(np.arange(n), T)
    A, B = a[i], b[i]
    y = rng.normal(0, 1, n)[i] + 0.2 * t + 2.0 * ((A > 0) & (t >= A)) + 3.0 * ((B > 0) & (t >= B))
    y = y + rng.normal(0, 1, len(t))
    return pd.DataFrame(
        {
            "id": i,
            "t": t,
            "y": y,
            "fa": np.where(A > 0, A, np.nan),
            "fb": np.where(B > 0, B, np.nan),
        }
    )


def test_clean_comparisons_keep_another_treatment_out():
    df = _two_treatments(seed=11)
    clean = aggregate(att_gt(df, "y", "id", "t", "fa", other_first_treated=["fb"]), "simple")
    naive = aggregate(att_gt(df, "y", "id", "t", "fa"), "simple")
    assert abs(clean.estimate - 2.0) < 4 * clean.se
    assert naive.estimate - 2.0 > 8 * naive.se  # B's effect leaks into A's without the restriction
    # a clean cell is the difference of mean changes among units that started no B in between
    res = att_gt(df, "y", "id", "t", "fa", other_first_treated=["fb"], min_cohort_size=2)
    wide = df.pivot(index="id", columns="t", values="y")
    first = df.groupby("id")[["fa", "fb"]].first()
    for r in res.table[res.table["reason"] == ""].sample(15, random_state=1).itertuples():
        lo, hi = min(r.time, r.base_period), max(r.time, r.base_period)
        ok = ~((first["fb"] > lo) & (first["fb"] <= hi))
        dy = wide[r.time] - wide[r.base_period]
        treat = ok & (first["fa"] == r.group)
        ctrl = ok & first["fa"].isna()
        assert r.att == pytest.approx(dy[treat].mean() - dy[ctrl].mean(), abs=1e-12)


def test_att_gt_many_gives_each_outcome_its_own_result():
    """Outcomes fitted together (panel coded once) equal the one-outcome fits exactly, also
    with different missing rows per outcome, team clusters and another treatment."""
    df = _two_treatments(seed=5, n=200, T=10)
    rng = np.random.default_rng(5)
    df["team"] = df["id"] % 12
    df["y2"] = np.where(rng.random(len(df)) < 0.2, np.nan, 3 * df["y"] + rng.normal(0, 1, len(df)))
    df["y"] = np.where(rng.random(len(df)) < 0.1, np.nan, df["y"])
    kw = dict(
        control_group="notyettreated",
        base_period="universal",
        cluster="team",
        other_first_treated=["fb"],
        min_cohort_size=2,
    )
    many = att_gt_many(df, ["y2", "y"], "id", "t", "fa", **kw)
    assert list(many) == ["y2", "y"]
    for y in ("y", "y2"):
        one = att_gt(df, y, "id", "t", "fa", **kw)
        pd.testing.assert_frame_equal(many[y].table, one.table, check_exact=True)
        pd.testing.assert_frame_equal(many[y].cohorts, one.cohorts, check_exact=True)
        np.testing.assert_array_equal(many[y].influence, one.influence)
        assert many[y].pretest == one.pretest
    assert not many["y"].table["att"].equals(many["y2"].table["att"])
