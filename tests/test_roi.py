"""cslib.roi (notebook 06): ROI arithmetic, costs, values, joint draws, the whole chain."""

from __future__ import annotations

import importlib.util
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from cslib.core.errors import InputError
from cslib.roi import benefit_cost
from cslib.roi.analysis import Horizon, SensitivityRanges, course_roi, sensitivity
from cslib.roi.costs import CourseCosts, fully_loaded_costs
from cslib.roi.io import KPIS, read_costs, read_values
from cslib.stats.staggered import aggregate, att_gt_many, joint_draws

ROOT = Path(__file__).resolve().parents[1]


def _bench():
    spec = importlib.util.spec_from_file_location(
        "coverage_roi", ROOT / "benchmarks/coverage_roi.py"
    )
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


# ------------------------------------------------------------------------------ arithmetic
def test_benefit_cost_against_a_hand_calculation():
    # Hand calculation: benefits 150 000, costs 120 000.
    # BCR = 150 000 / 120 000 = 1.25; ROI = 30 000 / 120 000 × 100 = 25 %; net = 30 000.
    r = benefit_cost(150_000, 120_000)
    assert r.bcr == pytest.approx(1.25, abs=1e-12)
    assert r.roi_percent == pytest.approx(25.0, abs=1e-12)
    assert r.net_benefit == pytest.approx(30_000.0, abs=1e-9)
    # a loss: benefits 30 000 on costs 120 000 → BCR 0.25, ROI −75 %
    r = benefit_cost(30_000, 120_000)
    assert (r.bcr, r.roi_percent, r.net_benefit) == (0.25, -75.0, -90_000.0)
    # a course that made things worse: negative benefits, ROI below −100 %
    assert benefit_cost(-10, 100).roi_percent == pytest.approx(-110.0)
    # break-even: BCR 1, ROI 0
    assert benefit_cost(80, 80).roi_percent == 0.0


def test_benefit_cost_frozen_and_rejects_undefined():
    r = benefit_cost(2, 1)
    with pytest.raises(AttributeError):
        r.bcr = 3  # type: ignore[misc]
    for b, c in [(1, 0), (1, -5), (math.nan, 1), (1, math.inf), ("x", 1)]:
        with pytest.raises(InputError):
            benefit_cost(b, c)  # type: ignore[arg-type]


def test_horizon_effective_weeks():
    assert Horizon(52).effective_weeks == 52.0
    assert Horizon(52, "linear").effective_weeks == pytest.approx(53 / 2)
    h, H = 13.0, 52
    geometric = (1 - 2 ** (-H / h)) / (1 - 2 ** (-1 / h))
    assert Horizon(H, "exponential", h).effective_weeks == pytest.approx(geometric, rel=1e-12)
    for bad in [
        dict(weeks=0),
        dict(weeks=2.5),
        dict(weeks=5, decay="fast"),
        dict(weeks=5, decay="exponential"),
    ]:
        with pytest.raises(InputError):
            Horizon(**bad)  # type: ignore[arg-type]


# ------------------------------------------------------------------------------ costs
def _write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


COSTS = (
    "course_id,category,item,basis,amount,amortise_over\n"
    "MC01,needs_assessment,interviews,fixed,3000,40\n"
    "MC01,development,video,fixed,12000,40\n"
    "MC01,delivery,trainer,per_delivery,400,\n"
    "MC01,platform,seat,per_participant,5,\n"
    "MC01,participant_time,wage,per_participant_hour,75,\n"
    "MC01,evaluation,analysis,fixed,2500,\n"
    "MC01,overhead,admin,per_participant_hour,15,\n"
)


def test_fully_loaded_costs_against_a_hand_calculation(tmp_path):
    items = read_costs(_write(tmp_path, "c.csv", COSTS), ["MC01"])
    c = fully_loaded_costs(items, "MC01", participants=300, hours=1.5, deliveries=20)
    # 3000·20/40 + 12000·20/40 + 400·20 + 5·300 + 75·300·1.5 + 2500 + 15·300·1.5
    expected = [1500.0, 6000.0, 8000.0, 1500.0, 33750.0, 2500.0, 6750.0]
    assert c.table["charged"].tolist() == pytest.approx(expected, abs=1e-9)
    assert c.total == pytest.approx(sum(expected), abs=1e-9)
    assert c.table["share"].sum() == pytest.approx(1.0, abs=1e-12)
    # amortisation never charges more than the whole item
    c = fully_loaded_costs(items, "MC01", participants=1, hours=1, deliveries=100)
    assert c.table.loc[c.table["category"] == "development", "charged"].item() == 12000.0


@pytest.mark.parametrize(
    ("line", "row", "column", "words"),
    [
        ("MC01,delivery,trainer,per_delivery,-300,", 2, "amount", "≥ 0"),
        ("MC01,catering,lunch,fixed,300,", 2, "category", "category"),
        ("MC01,delivery,trainer,per_hour,300,", 2, "basis", "basis"),
        ("MC01,delivery,trainer,per_delivery,abc,", 2, "amount", "number"),
        ("MC01,development,video,per_participant,300,10", 2, "amortise_over", "fixed"),
        ("MC01,development,video,fixed,300,0.5", 2, "amortise_over", "≥ 1"),
        ("MC99,delivery,trainer,per_delivery,300,", 2, "course_id", "catalogue"),
    ],
)
def test_bad_costs_are_located(tmp_path, line, row, column, words):
    p = _write(
        tmp_path, "costs.csv", "course_id,category,item,basis,amount,amortise_over\n" + line + "\n"
    )
    with pytest.raises(InputError) as e:
        read_costs(p, ["MC01"])
    prob = e.value.problems[0]
    assert (prob.row, prob.column) == (row, column)
    assert words in prob.message and "costs.csv" in str(e.value)


def test_costs_duplicate_missing_participant_time_and_zero_total(tmp_path):
    dup = "course_id,category,item,basis,amount\nMC01,delivery,t,per_delivery,1\nMC01,delivery,t,per_delivery,2\n"
    with pytest.raises(InputError, match="twice"):
        read_costs(_write(tmp_path, "d.csv", dup))
    no_time = read_costs(
        _write(
            tmp_path,
            "n.csv",
            "course_id,category,item,basis,amount\nMC01,delivery,t,per_delivery,100\n",
        )
    )
    with pytest.raises(InputError, match="participants' time") as e:
        fully_loaded_costs(no_time, "MC01", participants=10, hours=1, deliveries=1)
    assert e.value.problems[0].column == "category"
    with pytest.raises(InputError, match="cost items of course MC02"):
        fully_loaded_costs(no_time, "MC02", participants=10, hours=1, deliveries=1)
    zero = read_costs(
        _write(
            tmp_path,
            "z.csv",
            "course_id,category,item,basis,amount\nMC01,participant_time,w,per_participant_hour,0\n",
        )
    )
    with pytest.raises(InputError, match="add up to 0"):
        fully_loaded_costs(zero, "MC01", participants=10, hours=1, deliveries=1)
    with pytest.raises(InputError, match="required column"):
        read_costs(_write(tmp_path, "m.csv", "course_id,category,item,amount\nMC01,delivery,t,1\n"))


# ------------------------------------------------------------------------------ values
VALUES_HEAD = "kpi,kpi_unit,value,volume_per_agent_week,intangible\n"


def test_values_convert_units_to_money(tmp_path):
    v = read_values(_write(tmp_path, "v.csv", VALUES_HEAD
        + "aht_s,s,0.0125,200,\nrepeat_tickets,ticket,12,,\nsales_conversion,百分点,40,60,\n"
        "csat,pp,,,yes\n"))  # fmt: skip
    money = dict(zip(v.table["kpi"], v.table["money_per_unit"], strict=True))
    assert money["aht_s"] == pytest.approx(0.0125 * 200)  # 2.5 per second per agent-week
    assert money["repeat_tickets"] == 12.0
    assert money["sales_conversion"] == pytest.approx(40 * 60 / 100)  # 1 pp of 60 offers
    assert math.isnan(money["csat"])
    assert v.monetised() == ["aht_s", "repeat_tickets", "sales_conversion"]


@pytest.mark.parametrize(
    ("line", "column", "words"),
    [
        ("aht_s,min,0.75,200,", "kpi_unit", "seconds per call"),  # value written per minute
        ("csat,%,2,100,", "kpi_unit", "percentage points"),
        ("aht_s,s,,200,", "value", "intangible"),  # a KPI with no value
        ("aht_s,s,-1,200,", "value", "≥ 0"),
        ("aht_s,s,0.01,,", "volume_per_agent_week", "calls"),
        ("qa_score,point,5,,yes", "value", "intangible"),
        ("handle_time,s,0.01,200,", "kpi", "KPI"),
        ("aht_s,s,0.01,200,maybe", "intangible", "yes or no"),
    ],
)
def test_bad_values_are_located(tmp_path, line, column, words):
    p = _write(tmp_path, "values.csv", VALUES_HEAD + line + "\n")
    with pytest.raises(InputError) as e:
        read_values(p)
    prob = e.value.problems[0]
    assert (prob.row, prob.column) == (2, column)
    assert words in prob.message and "values.csv" in str(e.value)


def test_kpi_registry_agrees_with_notebook_03():
    from cslib.effectiveness.results import OUTCOMES

    for kpi, (_unit, direction) in KPIS.items():
        assert OUTCOMES[kpi].direction == direction, kpi


# ------------------------------------------------------------------------------ joint draws
def _panel(seed: int = 3, n: int = 60, weeks: int = 8) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    first = np.repeat([4.0, 6.0, np.nan], n // 3)
    df = pd.DataFrame({"id": np.repeat(np.arange(n), weeks), "t": np.tile(np.arange(1, weeks + 1), n),
                       "g": np.repeat(first, weeks)})  # fmt: skip
    post = df["t"] >= df["g"].fillna(np.inf)
    common = rng.standard_normal(len(df))
    df["aht_s"] = 200 + 5 * common + rng.standard_normal(len(df)) - 6 * post
    df["repeat_tickets"] = 3 + 0.5 * common + 0.3 * rng.standard_normal(len(df)) - 0.4 * post
    return df


def test_joint_draws_keep_the_cluster_robust_covariance():
    fits = att_gt_many(_panel(), ["aht_s", "repeat_tickets"], "id", "t", "g", min_cohort_size=2)
    aggs = [aggregate(f, "simple") for f in fits.values()]
    psi = np.column_stack([a.influence for a in aggs])
    n = psi.shape[0]
    V = psi.T @ psi / n**2  # clusters = agents
    assert np.sqrt(np.diag(V)) == pytest.approx([a.se for a in aggs], rel=1e-12)
    d = joint_draws(aggs, fits["aht_s"].cluster, n_draws=40_000, seed=7, multiplier="normal")
    assert np.cov(d.T) == pytest.approx(V, rel=0.04, abs=1e-12)
    mc_se = np.sqrt(np.diag(V) / 40_000)
    assert np.all(np.abs(d.mean(axis=0) - [a.estimate for a in aggs]) < 4 * mc_se)
    corr = V[0, 1] / np.sqrt(V[0, 0] * V[1, 1])
    assert corr > 0.5  # the common noise makes the KPIs correlated: joint draws matter
    r = joint_draws(aggs, fits["aht_s"].cluster, n_draws=20_000, seed=7)
    assert np.cov(r.T) == pytest.approx(V, rel=0.05)
    # deterministic
    assert np.array_equal(r, joint_draws(aggs, fits["aht_s"].cluster, n_draws=20_000, seed=7))


def test_joint_draws_reject_undefined_or_mismatched():
    fits = att_gt_many(_panel(), ["aht_s"], "id", "t", "g", min_cohort_size=2)
    agg = aggregate(fits["aht_s"], "simple")
    with pytest.raises(InputError):
        joint_draws([agg], np.zeros(3, dtype=int))
    with pytest.raises(InputError):
        joint_draws([], fits["aht_s"].cluster)
    with pytest.raises(InputError):
        joint_draws([agg], fits["aht_s"].cluster, multiplier="mammen")  # type: ignore[arg-type]


# ------------------------------------------------------------------------------ course ROI
def _values(tmp_path: Path):
    return read_values(_write(tmp_path, "v.csv", VALUES_HEAD
        + "aht_s,s,0.0125,200,\nrepeat_tickets,ticket,12,,\ncsat,pp,,,yes\n"))  # fmt: skip


def test_course_roi_chain_against_a_hand_calculation(tmp_path):
    fits = att_gt_many(_panel(), ["aht_s", "repeat_tickets"], "id", "t", "g", min_cohort_size=2)
    aggs = {k: aggregate(f, "simple") for k, f in fits.items()}
    costs = CourseCosts("X", pd.DataFrame(), 20_000.0, 40, 1.0, 2)
    r = course_roi(
        "X",
        fits,
        costs,
        _values(tmp_path),
        Horizon(52),
        kpis=["aht_s", "repeat_tickets", "csat", "sales_conversion"],
        n_draws=999,
        seed=5,
    )
    n = 40  # two trained cohorts of 20
    assert r.exposure == n
    by_hand = (
        (-1 * 2.5 * aggs["aht_s"].estimate + -1 * 12 * aggs["repeat_tickets"].estimate) * n * 52
    )
    assert r.point is not None
    assert r.point.benefits == pytest.approx(by_hand, rel=1e-12)
    assert r.point.roi_percent == pytest.approx((by_hand - 20_000) / 20_000 * 100, rel=1e-12)
    # the interval is the percentile interval of the same joint draws
    d = joint_draws(list(aggs.values()), fits["aht_s"].cluster, n_draws=999, seed=5)
    b = (d @ np.array([-2.5, -12.0])) * n * 52
    roi = (b - 20_000) / 20_000 * 100
    assert r.roi_ci == pytest.approx(tuple(np.quantile(roi, [0.025, 0.975])), rel=1e-12)
    assert r.p_positive == pytest.approx(np.mean(b > 20_000))
    assert r.bcr_ci == pytest.approx(tuple(np.quantile(b / 20_000, [0.025, 0.975])), rel=1e-12)
    e = r.effects.set_index("kpi")
    assert e.loc["csat", "status"] == "not_estimated"  # not in the panel
    assert e.loc["sales_conversion", "status"] == "not_estimated"
    assert e.loc["aht_s", "status"] == "monetised"
    # break-even: the AHT effect that alone pays the costs
    assert e.loc["aht_s", "break_even_effect"] == pytest.approx(20_000 / (-2.5 * n * 52))
    # intangible: a KPI estimated but without a money value is shown, not counted
    fits3 = att_gt_many(
        _panel().assign(csat=lambda d: d["aht_s"] / 10),
        ["aht_s", "csat"],
        "id",
        "t",
        "g",
        min_cohort_size=2,
    )
    r3 = course_roi(
        "X",
        fits3,
        costs,
        _values(tmp_path),
        Horizon(52),
        kpis=["aht_s", "csat", "qa_score"],
        n_draws=99,
    )
    e3 = r3.effects.set_index("kpi")
    assert (
        e3.loc["csat", "status"] == "intangible"
        and e3.loc["csat", "reason_code"] == "declared_intangible"
    )
    assert np.isfinite(e3.loc["csat", "estimate"]) and math.isnan(e3.loc["csat", "benefit"])
    assert r3.point is not None
    assert r3.point.benefits == pytest.approx(-2.5 * aggs["aht_s"].estimate * n * 52, rel=1e-12)


def test_no_monetised_effect_gives_no_roi(tmp_path):
    fits = att_gt_many(_panel(), ["aht_s"], "id", "t", "g", min_cohort_size=2)
    costs = CourseCosts("X", pd.DataFrame(), 1000.0, 40, 1.0, 2)
    r = course_roi("X", {}, costs, _values(tmp_path), Horizon(52), kpis=["aht_s"], n_draws=99)
    assert not r.defined and r.reason and math.isnan(r.roi_ci[0])
    r = course_roi("X", fits, costs, _values(tmp_path), Horizon(52), kpis=["csat"], n_draws=99)
    assert not r.defined
    assert sensitivity(r).empty


def test_horizon_longer_than_the_data_support(tmp_path):
    fits = att_gt_many(_panel(), ["aht_s"], "id", "t", "g", min_cohort_size=2)
    costs = CourseCosts("X", pd.DataFrame(), 1000.0, 40, 1.0, 2)
    r = course_roi("X", fits, costs, _values(tmp_path), Horizon(52), kpis=["aht_s"], n_draws=99)
    assert r.follow_up_weeks == 5 and r.extrapolated  # cohort 4 observed in weeks 4–8
    with pytest.raises(InputError, match="horizon the data can support") as e:
        course_roi("X", fits, costs, _values(tmp_path), Horizon(60), kpis=["aht_s"], n_draws=99)
    assert e.value.problems[0].column == "horizon_weeks"


def test_sensitivity_table(tmp_path):
    fits = att_gt_many(_panel(), ["aht_s", "repeat_tickets"], "id", "t", "g", min_cohort_size=2)
    items = read_costs(_write(tmp_path, "c.csv", COSTS), ["MC01"])
    costs = fully_loaded_costs(items, "MC01", participants=60, hours=1.0, deliveries=3)
    r = course_roi(
        "MC01",
        fits,
        costs,
        _values(tmp_path),
        Horizon(52),
        kpis=["aht_s", "repeat_tickets"],
        n_draws=99,
    )
    t = sensitivity(r, SensitivityRanges(value=(1.0, 2.0), n_cost_items=2))
    assert r.point is not None
    base = r.point.roi_percent
    v = t[(t["kind"] == "value") & (t["name"] == "aht_s")].iloc[0]
    assert v["roi_low"] == pytest.approx(base)  # factor 1 is the base case
    share = r.effects.set_index("kpi").at["aht_s", "benefit"] / r.point.benefits
    assert v["roi_high"] == pytest.approx(base + 100 * r.point.bcr * share, rel=1e-9)
    assert list(t["swing"]) == sorted(t["swing"], reverse=True)
    assert (t["kind"] == "cost").sum() == 2
    h = t[t["kind"] == "horizon"].iloc[0]
    assert h["roi_low"] == pytest.approx(
        benefit_cost(r.point.benefits * 26 / 52, costs.total).roi_percent
    )
    with pytest.raises(InputError):
        SensitivityRanges(value=(1.5, 0.5))


# ------------------------------------------------------------------------------ simulation
def test_roi_interval_covers_the_true_roi_in_a_fast_simulation():
    """Few replications of benchmarks/coverage_roi.py: 40 panels with a known effect, known
    costs and values.  With nominal 0.95, P(≤ 32 of 40 covered) < 0.001, so this fails when the
    coverage is grossly off (e.g. if the KPIs were drawn independently or the interval used
    the wrong scale), not by chance."""
    bench = _bench()
    sc = bench.SCENARIOS["homogeneous, 150 agents"]
    c, _se, width = bench.coverage(sc, reps=40, seed=99, n_draws=299)
    assert c >= 33 / 40
    assert 10 < width < 400


# ------------------------------------------------------------------------------ report
def test_report_never_shows_a_point_roi_without_its_interval(tmp_path):
    from cslib.roi import report as rr

    fits = att_gt_many(_panel(), ["aht_s", "repeat_tickets"], "id", "t", "g", min_cohort_size=2)
    costs = CourseCosts("X", pd.DataFrame(), 20_000.0, 40, 1.0, 2)
    good = course_roi("X", fits, costs, _values(tmp_path), Horizon(52),
                      kpis=["aht_s", "repeat_tickets", "qa_score"], n_draws=199)  # fmt: skip
    none = course_roi("Y", {}, costs, _values(tmp_path), Horizon(52), kpis=["aht_s"], n_draws=99)
    names = {"X": "X course", "Y": "Y course"}
    for lang in ("zh", "en"):
        t = rr.roi_table([good, none], names, lang)
        roi_col = rr.P("col_roi", lang)
        cell = t.loc[0, roi_col]
        assert rr.percent(good.roi_ci[0]) in cell and rr.percent(good.roi_ci[1]) in cell
        assert cell.startswith(rr.percent(good.point.roi_percent))
        assert t.loc[1, roi_col] == rr.P(
            "undefined_cell", lang, reason=rr.P("reason_no_monetised", lang)
        )
        assert "nan" not in t.to_string().lower()
        findings = rr.summary_findings([good, none], {"X": sensitivity(good)}, names, lang)
        assert any(
            rr.percent(good.roi_ci[0]) in f and rr.percent(good.roi_ci[1]) in f for f in findings
        )
        assert not any("nan" in f.lower() for f in findings)
        ex = rr.excluded_table([good, none], names, lang)
        assert len(ex) == 2  # qa_score (no value, not in the panel) and Y's aht_s
    assert rr.top_assumption([good], {"X": sensitivity(good)}) is not None


def test_phrase_table_has_both_languages():
    from cslib.roi.phrases import KPI_NAMES, PHRASES, UNIT_NAMES

    for table in (PHRASES, KPI_NAMES, UNIT_NAMES):
        for key, (zh, en) in table.items():
            assert zh.strip() and en.strip(), key
    assert set(KPI_NAMES) == set(KPIS)


def test_effects_without_sampling_variation_give_no_interval_and_no_roi(tmp_path):
    # every agent's handle time drops by exactly 6 s: the effect is exact, its SE 0, and a
    # zero-width "interval" would look like certainty, so no ROI is reported
    df = _panel()
    post = df["t"] >= df["g"].fillna(np.inf)
    df["aht_s"] = 200.0 - 6 * post
    fits = att_gt_many(df, ["aht_s"], "id", "t", "g", min_cohort_size=2)
    assert aggregate(fits["aht_s"], "simple").se < 1e-15  # zero up to rounding
    costs = CourseCosts("X", pd.DataFrame(), 1000.0, 40, 1.0, 2)
    r = course_roi("X", fits, costs, _values(tmp_path), Horizon(52), kpis=["aht_s"], n_draws=99)
    assert not r.defined and r.reason_code == "no_variation"
    from cslib.roi import report as rr

    cell = rr.roi_table([r], {}, "en").iloc[0][rr.P("col_roi", "en")]
    assert "sampling variation" in cell


def test_a_constant_kpi_is_called_constant_not_too_few_cohorts(tmp_path):
    # the KPI never changes within an agent: the effect is undefined because the outcome does
    # not vary (AggregateReason.OUTCOME_CONSTANT), not because cohorts or controls are too few
    df = _panel()
    df["aht_s"] = 200.0 + df["id"] % 5
    fits = att_gt_many(df, ["aht_s"], "id", "t", "g", min_cohort_size=2)
    assert aggregate(fits["aht_s"], "simple").reason_code == "outcome_constant"
    costs = CourseCosts("X", pd.DataFrame(), 1000.0, 40, 1.0, 2)
    r = course_roi("X", fits, costs, _values(tmp_path), Horizon(52), kpis=["aht_s"], n_draws=99)
    row = r.effects.iloc[0]
    assert (row["status"], row["reason_code"]) == ("not_estimated", "outcome_constant")
    from cslib.roi.phrases import PHRASES

    assert row["reason"] == PHRASES("reason_outcome_constant", "en")
    assert "没有变化" in PHRASES("reason_outcome_constant", "zh")
