"""Rater agreement and reliability (cslib.stats.agreement) against published examples, R psych,
pingouin, statsmodels, krippendorff and scipy.

R numbers: tests/r_reference/agreement_reference.R (R 4.x, psych 2.2.9), output pasted below.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from cslib.stats import agreement as ag
from cslib.stats.gwet import fleiss_kappa, krippendorff_alpha

# Shrout & Fleiss (1979), Table 2: 6 targets × 4 judges
SHROUT_FLEISS = np.array(
    [[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8], [7, 1, 2, 6], [10, 5, 6, 9], [6, 2, 4, 7]],
    dtype=float,
)

QA12 = np.array(
    [
        [88, 85, 80, 90],
        [72, 70, 65, 75],
        [95, 93, 90, 96],
        [60, 62, 55, 66],
        [81, 79, 76, 84],
        [77, 80, 70, 79],
        [90, 86, 84, 91],
        [68, 71, 62, 70],
        [84, 82, 79, 88],
        [73, 75, 69, 78],
        [92, 90, 85, 93],
        [79, 74, 72, 80],
    ],
    dtype=float,
)

LIKERT = np.array(
    [
        [4, 5, 4, 3, 4],
        [3, 3, 2, 3, 2],
        [5, 5, 4, 5, 5],
        [2, 2, 3, 1, 2],
        [4, 4, 4, 4, 3],
        [3, 4, 3, 2, 3],
        [5, 4, 5, 4, 4],
        [1, 2, 2, 2, 1],
        [4, 3, 4, 5, 4],
        [3, 3, 3, 3, 4],
    ],
    dtype=float,
)

FORMS = ["ICC(1,1)", "ICC(2,1)", "ICC(3,1)", "ICC(1,k)", "ICC(2,k)", "ICC(3,k)"]

# R psych::ICC(sf, lmer = FALSE)$results — columns ICC, F, df1, df2, p, lower, upper
R_SF = {
    "ICC(1,1)": (
        0.165741768405476,
        1.79467849223947,
        5,
        18,
        0.164768808344639611,
        -0.1329323248747509,
        0.722560062328121,
    ),
    "ICC(2,1)": (
        0.289763779527559,
        11.02724795640327,
        5,
        15,
        0.000134566516484337,
        0.0187865133747120,
        0.761084369648953,
    ),
    "ICC(3,1)": (
        0.714840714840715,
        11.02724795640327,
        5,
        15,
        0.000134566516484337,
        0.3424647650339254,
        0.945858259955360,
    ),
    "ICC(1,k)": (
        0.442797133679269,
        1.79467849223947,
        5,
        18,
        0.164768808344639611,
        -0.8844421552381190,
        0.912415420340776,
    ),
    "ICC(2,k)": (
        0.620050547598989,
        11.02724795640327,
        5,
        15,
        0.000134566516484337,
        0.0711368153025035,
        0.927232040167722,
    ),
    "ICC(3,k)": (
        0.909315542377069,
        11.02724795640327,
        5,
        15,
        0.000134566516484337,
        0.6756747138163047,
        0.985891678169062,
    ),
}
R_QA = {
    "ICC(1,1)": (
        0.859264739527158,
        25.4221593548114,
        11,
        36,
        1.02009666067977e-13,
        0.708126761335904,
        0.950803562325448,
    ),
    "ICC(2,1)": (
        0.863363891789602,
        172.5631986242470,
        11,
        33,
        7.31886666785293e-26,
        0.411180930050915,
        0.964350453789988,
    ),
    "ICC(3,1)": (
        0.977216181800372,
        172.5631986242470,
        11,
        33,
        7.31886666785293e-26,
        0.946334482911621,
        0.992557899337915,
    ),
    "ICC(1,k)": (
        0.960664238389697,
        25.4221593548114,
        11,
        36,
        1.02009666067977e-13,
        0.906582037993882,
        0.987229700654484,
    ),
    "ICC(2,k)": (
        0.961940774619255,
        172.5631986242470,
        11,
        33,
        7.31886666785293e-26,
        0.736374394730617,
        0.990842775267813,
    ),
    "ICC(3,k)": (
        0.994205021650199,
        172.5631986242470,
        11,
        33,
        7.31886666785293e-26,
        0.986020977109030,
        0.998129031884692,
    ),
}


def test_icc_shrout_fleiss_published_values():
    # Shrout & Fleiss (1979), Table 4: .17 .29 .71 .44 .62 .91
    table = ag.icc_table(SHROUT_FLEISS)
    np.testing.assert_allclose(
        table["statistic"].round(2).to_numpy(), [0.17, 0.29, 0.71, 0.44, 0.62, 0.91]
    )


@pytest.mark.parametrize(
    "data,reference", [(SHROUT_FLEISS, R_SF), (QA12, R_QA)], ids=["shrout_fleiss", "qa12"]
)
def test_icc_matches_r_psych(data, reference):
    table = ag.icc_table(data)
    for form in FORMS:
        value, f, df1, df2, p, lo, hi = reference[form]
        row = table.loc[form]
        # R prints 15 significant digits, so compare relatively at 1e-9
        np.testing.assert_allclose(
            [row["statistic"], row["f"], row["pvalue"], row["ci_low"], row["ci_high"]],
            [value, f, p, lo, hi],
            rtol=1e-9,
            atol=1e-13,
            err_msg=form,
        )
        assert (row["df1"], row["df2"]) == (df1, df2)


def test_icc_matches_pingouin_on_random_data():
    pg = pytest.importorskip("pingouin")
    rng = np.random.default_rng(7)
    x = rng.normal(size=(25, 1)) + 0.6 * rng.normal(size=(25, 5)) + np.linspace(-0.5, 0.5, 5)
    long = pd.DataFrame(x).reset_index().melt(id_vars="index", var_name="rater")
    saved = dict(pg.options)
    pg.options.update({"round": None, "round.column.CI95": None})  # pingouin rounds CIs by default
    try:
        ref = pg.intraclass_corr(long, targets="index", raters="rater", ratings="value")
    finally:
        pg.options.clear()
        pg.options.update(saved)
    ours = ag.icc_table(x)
    np.testing.assert_allclose(ours["statistic"].to_numpy(), ref["ICC"].to_numpy(), rtol=1e-9)
    np.testing.assert_allclose(ours["f"].to_numpy(), ref["F"].to_numpy(), rtol=1e-9)
    np.testing.assert_allclose(ours["pvalue"].to_numpy(), ref["pval"].to_numpy(), rtol=1e-9)
    np.testing.assert_allclose(
        ours[["ci_low", "ci_high"]].to_numpy(), np.vstack(ref["CI95"].to_numpy()), rtol=1e-9
    )


def test_icc_single_form_and_errors():
    r = ag.icc(QA12, "ICC(3,k)")
    assert isinstance(r, ag.ICC) and r.mcgraw_wong == "ICC(C,k)"
    assert r.n_units == 12 and r.k_raters == 4
    with pytest.raises(ValueError, match="complete"):
        ag.icc(np.array([[1, 2], [np.nan, 3], [2, 2]]))
    with pytest.raises(ValueError, match="form must be"):
        ag.icc(QA12, "ICC(4,1)")


def test_pairwise_icc_is_symmetric_and_matches_icc():
    df = pd.DataFrame(QA12, columns=["a", "b", "c", "d"])
    m = ag.pairwise_icc(df)
    assert np.allclose(m.to_numpy(), m.to_numpy().T) and np.allclose(np.diag(m), 1)
    assert m.loc["a", "c"] == pytest.approx(ag.icc(QA12[:, [0, 2]]).statistic, rel=1e-12)


def test_fleiss_kappa_published_example():
    # Fleiss (1971) example as tabulated on Wikipedia "Fleiss' kappa": 10 subjects, 14 raters,
    # 5 categories; P̄ = 0.378, P̄e = 0.213, κ = 0.210
    counts = np.array(
        [
            [0, 0, 0, 0, 14],
            [0, 2, 6, 4, 2],
            [0, 0, 3, 5, 6],
            [0, 3, 9, 2, 0],
            [2, 2, 8, 1, 1],
            [7, 7, 0, 0, 0],
            [3, 2, 6, 3, 0],
            [2, 5, 3, 2, 2],
            [6, 5, 2, 1, 0],
            [0, 2, 2, 3, 7],
        ]
    )
    r = fleiss_kappa(counts, counts=True)
    assert r.statistic == pytest.approx(0.210, abs=5e-4)
    assert r.pa == pytest.approx(0.378, abs=5e-4)
    assert r.pe == pytest.approx(0.213, abs=5e-4)
    # the same data as raw ratings give the same kappa
    raw = np.array([np.repeat(np.arange(5), row) for row in counts])
    assert fleiss_kappa(raw).statistic == pytest.approx(r.statistic, rel=1e-12)
    # P̄ and P̄e are computed here; kappa from them must equal statsmodels' kappa
    assert (r.pa - r.pe) / (1 - r.pe) == pytest.approx(r.statistic, rel=1e-12)


def test_cohen_kappa_published_example():
    # Wikipedia "Cohen's kappa" worked example: 50 proposals, yes/yes 20, yes/no 5, no/yes 10,
    # no/no 15: p_o = 0.7, p_e = 0.5, κ = 0.4
    a = ["yes"] * 25 + ["no"] * 25
    b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    r = ag.cohen_kappa(a, b)
    assert r.statistic == pytest.approx(0.4, abs=1e-12)
    assert r.ci_low < 0.4 < r.ci_high and r.n == 50


def test_cohen_kappa_matches_r_psych():
    r1 = [1, 2, 3, 4, 2, 3, 3, 4, 1, 2, 4, 3, 2, 1, 3, 4, 2, 3, 1, 4]
    r2 = [1, 2, 3, 3, 2, 4, 3, 4, 2, 2, 4, 3, 1, 1, 3, 4, 3, 3, 1, 3]
    # R: cohen.kappa(cbind(r1, r2)) → kappa, weighted.kappa (quadratic)
    assert ag.cohen_kappa(r1, r2).statistic == pytest.approx(0.594594594594595, rel=1e-9)
    assert ag.cohen_kappa(r1, r2, weights="quadratic").statistic == pytest.approx(
        0.862385321100917, rel=1e-9
    )
    lin = ag.cohen_kappa(r1, r2, weights="linear").statistic
    assert 0.594594594594595 < lin < 0.862385321100917


def test_krippendorff_alpha_published_example():
    # Krippendorff (2011), "Computing Krippendorff's alpha-reliability", reliability data of
    # 4 observers × 12 units with missing values: nominal .743, ordinal .815, interval .849,
    # ratio .797
    nan = np.nan
    by_rater = np.array(
        [
            [1, 2, 3, 3, 2, 1, 4, 1, 2, nan, nan, nan],
            [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nan, 3],
            [nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nan],
            [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nan],
        ]
    )
    units = by_rater.T
    for level, want in [
        ("nominal", 0.743),
        ("ordinal", 0.815),
        ("interval", 0.849),
        ("ratio", 0.797),
    ]:
        assert krippendorff_alpha(units, level).statistic == pytest.approx(want, abs=5e-4)
    r = krippendorff_alpha(units, "interval")
    assert r.n_units == 11 and r.n_missing == 7 and r.n_raters == 4


def test_rater_bias_matches_paired_t_test():
    rng = np.random.default_rng(3)
    x = rng.normal(70, 8, size=(30, 1)) + rng.normal(0, 2, size=(30, 4)) + [0, 0, -5, 1]
    df = pd.DataFrame(x, columns=["Q1", "Q2", "Q3", "Q4"])
    b = ag.rater_bias(df, practical=3.0)
    for r in df.columns:
        others = df.drop(columns=r).mean(axis=1)
        ref = stats.ttest_rel(df[r], others)
        row = b.table.loc[b.table["rater"] == r].iloc[0]
        assert row["mean_diff"] == pytest.approx((df[r] - others).mean(), rel=1e-12)
        assert row["pvalue"] == pytest.approx(ref.pvalue, rel=1e-9)
        ci = ref.confidence_interval(0.95)
        assert (row["ci_low"], row["ci_high"]) == pytest.approx((ci.low, ci.high), rel=1e-9)
    assert b.flagged == ["Q3"]


def test_rater_bias_skips_missing_and_needs_two_raters():
    df = pd.DataFrame({"a": [1.0, 2, 3, np.nan], "b": [1.5, 2.7, 3.4, 4]})
    b = ag.rater_bias(df)
    assert b.table.set_index("rater").loc["a", "n"] == 3
    with pytest.raises(ValueError, match="two raters"):
        ag.rater_bias(df[["a"]])


R_ALPHA = 0.932547744819179
R_ALPHA_DROP = [
    0.888272033310201,
    0.929292929292929,
    0.923717584705660,
    0.933759318423855,
    0.905792349726776,
]
R_RDROP = [
    0.961525649837244,
    0.753870392256234,
    0.800813517846273,
    0.748828308428721,
    0.878325750182118,
]
R_FELDT = (0.831892487413244, 0.980858737723086)


def test_cronbach_alpha_matches_r_psych():
    r = ag.cronbach_alpha(pd.DataFrame(LIKERT, columns=[f"S{i}" for i in range(1, 6)]))
    assert r.statistic == pytest.approx(R_ALPHA, rel=1e-9)
    np.testing.assert_allclose(r.items["alpha_if_deleted"], R_ALPHA_DROP, rtol=1e-9)
    np.testing.assert_allclose(r.items["item_rest_r"], R_RDROP, rtol=1e-9)
    assert (r.ci_low, r.ci_high) == pytest.approx(R_FELDT, rel=1e-9)


def test_cronbach_alpha_matches_pingouin_and_icc3k():
    pg = pytest.importorskip("pingouin")
    rng = np.random.default_rng(11)
    x = pd.DataFrame(rng.normal(size=(40, 1)) + rng.normal(size=(40, 6)), columns=list("abcdef"))
    ours = ag.cronbach_alpha(x)
    ref, ci = pg.cronbach_alpha(x)
    assert ours.statistic == pytest.approx(ref, rel=1e-9)
    assert (ours.ci_low, ours.ci_high) == pytest.approx(tuple(ci), abs=5e-4)  # pingouin rounds
    for item, value in zip(ours.items["item"], ours.items["alpha_if_deleted"], strict=True):
        assert value == pytest.approx(pg.cronbach_alpha(x.drop(columns=item))[0], rel=1e-9)
    # alpha is the consistency ICC of the mean (ICC(3,k)) with items as "raters"
    assert ours.statistic == pytest.approx(ag.icc(x.to_numpy(), "ICC(3,k)").statistic, rel=1e-9)


def test_cronbach_alpha_listwise_missing_is_reported():
    x = pd.DataFrame(LIKERT)
    x.iloc[2, 1] = np.nan
    r = ag.cronbach_alpha(x)
    assert r.n == 9 and r.n_dropped == 1


def test_kendall_w_is_reused_in_qa_summary():
    from pathlib import Path

    from cslib.consistency import analysis as consistency
    from cslib.consistency import qa_io

    SAMPLES = Path(__file__).resolve().parents[1] / "data_samples"

    form = qa_io.read_qa_form(SAMPLES / "qa_form.csv")
    calib = qa_io.read_qa_calibration(SAMPLES / "qa_calibration.csv", form)
    qa = consistency.summarise_qa(calib)
    complete, excluded = calib.complete_totals()
    assert qa.kendall == ag.kendall_w(complete.to_numpy().T)
    assert excluded == ("C17", "C31") and qa.calls_used == 38
    # the biased inspector is found, and only he needs calibration
    assert qa.bias.flagged == ["QA03"]
    assert qa.bias.table.set_index("rater").loc["QA03", "mean_diff"] < -4
