"""Notebook-02 sentences: AC1 beside kappa, bands by membership probability, ICC read on
its interval, and undefined statistics stated with a reason — never labelled, never 'nan'."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from cslib.consistency import analysis, conclusions, phrases, qa_io
from cslib.stats.agreement import cronbach_alpha
from cslib.stats.gwet import fleiss_kappa, gwet_ac, krippendorff_alpha

ROOT = Path(__file__).resolve().parents[1]


# the whole module on one xdist worker: its module-scoped sample analyses are then
# computed once per session, not once on each worker that gets some of its tests
pytestmark = pytest.mark.xdist_group("module-consistency_summary")


@pytest.fixture(scope="module")
def calib():
    form = qa_io.read_qa_form(ROOT / "data_samples" / "qa_form.csv")
    return qa_io.read_qa_calibration(ROOT / "data_samples" / "qa_calibration.csv", form)


@pytest.fixture(scope="module")
def qa_of(calib):
    """``analysis.summarise_qa(calib, **options)``, computed once per module for each set of
    options (several tests read the same analysis; none changes it)."""
    made = {}

    def _qa(**options):
        key = tuple(sorted(options.items()))
        if key not in made:
            made[key] = analysis.summarise_qa(calib, **options)
        return made[key]

    return _qa


def _no_nan(sentences):
    for s in sentences:
        assert not re.search(r"\bnan\b", s, flags=re.IGNORECASE), s


def test_ac1_and_kappa_on_complete_calls(calib, qa_of):
    qa = qa_of(pass_mark=80)
    complete, _ = calib.complete_totals()
    passed = (complete.to_numpy() >= 80).astype(int)
    assert qa.gwet_pass.statistic == gwet_ac(passed, categories=[0, 1]).statistic
    # Gwet's Fleiss kappa equals the statsmodels one on the same (complete) calls
    assert qa.fleiss_pass_ci.statistic == pytest.approx(qa.fleiss_pass.statistic, abs=1e-12)
    assert qa.fleiss_pass.statistic == fleiss_kappa(passed, categories=[0, 1]).statistic
    assert qa.fleiss_pass_ci is qa.fleiss_pass  # one kappa, one object
    assert list(qa.benchmarks["coefficient"]) == ["Fleiss kappa", "AC1", "Krippendorff alpha"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_prevalence_paradox_is_pointed_out(qa_of, lang):
    qa = qa_of(pass_mark=60)  # 85 % of ratings pass
    text = conclusions.agreement_conclusions(qa, lang, paradox_gap=0.10)
    _no_nan(text)
    assert any(("患病率悖论" if lang == "zh" else "prevalence paradox") in t for t in text)
    quiet = conclusions.agreement_conclusions(qa, lang, paradox_gap=0.5)
    assert not any(("患病率悖论" if lang == "zh" else "prevalence paradox") in t for t in quiet)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_pass_mark_nobody_reaches_is_undefined_not_almost_perfect(qa_of, lang):
    qa = qa_of(pass_mark=1000)
    assert qa.fleiss_pass.reason is not None and qa.fleiss_pass_ci.reason is not None
    text = conclusions.agreement_conclusions(qa, lang)
    _no_nan(text)
    kappa_sentence = next(t for t in text if "Fleiss κ" in t)
    assert ("无法计算" if lang == "zh" else "is undefined, because") in kappa_sentence
    assert ("几乎完全一致" if lang == "zh" else "almost perfect") not in kappa_sentence


def test_benchmark_band_never_above_point_band(qa_of):
    order = list(analysis.LANDIS_KOCH.labels)
    for mark in (60, 70, 80, 90):
        qa = qa_of(pass_mark=mark)
        for r in qa.benchmarks.itertuples(index=False):
            if r.band is not None:
                assert order.index(r.band) >= order.index(r.point_band)


def test_benchmark_scale_parameter_is_checked(calib, qa_of):
    qa = qa_of(benchmark_scale="altman")
    assert set(qa.benchmarks["scale"]) == {"Altman"}
    with pytest.raises(ValueError, match="benchmark_scale"):
        analysis.summarise_qa(calib, benchmark_scale="fleiss")


def test_icc_sentence_names_form_and_reads_interval(qa_of):
    qa = qa_of()
    row = qa.icc.loc["ICC(2,1)"]
    band = conclusions.interpret_icc_ci(row["ci_low"], row["ci_high"], "en")
    first = conclusions.agreement_conclusions(qa, "en")[0]
    assert "ICC(A,1) (two-way random, absolute agreement, single rater" in first
    assert band in first and band == "good to excellent"


def test_interpret_refuses_nan():
    with pytest.raises(ValueError, match="undefined"):
        conclusions.interpret_kappa(float("nan"))
    with pytest.raises(ValueError):
        conclusions.interpret_icc_ci(float("nan"), 0.9)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_constant_questionnaire_item_is_stated(lang):
    rng = np.random.default_rng(5)
    d = pd.DataFrame(rng.integers(1, 6, size=(40, 5)).astype(float), columns=list("abcde"))
    d["b"] = d["a"] + rng.integers(0, 2, 40)
    d["c"] = 4.0
    text = conclusions.alpha_conclusions(cronbach_alpha(d), lang)
    _no_nan(text)
    joined = " ".join(text)
    assert ("题目 c" if lang == "zh" else "item c") in joined
    assert ("无法计算" if lang == "zh" else "undefined") in joined


def test_every_stats_reason_has_a_translation():
    reasons = [
        gwet_ac(np.ones((4, 1))).reason_code,
        gwet_ac(np.array([[1, 0], [1, np.nan], [np.nan, 0]])).reason_code,
        gwet_ac(np.ones((4, 2))).reason_code,
        gwet_ac(np.ones((4, 2)), categories=[0, 1]).pvalue_reason_code,
        fleiss_kappa(np.ones((4, 2)), categories=[0, 1]).reason_code,
    ]
    from cslib.stats.agreement import cohen_kappa, icc_table

    reasons += [
        fleiss_kappa(np.ones((4, 2))).reason_code,
        krippendorff_alpha(np.ones((1, 2))).reason_code,
        cohen_kappa([1, 1], [1, 1]).reason_code,
        icc_table(np.ones((3, 2)))["reason_code"].iloc[0],
        icc_table(np.tile([1.0, 2.0], (3, 1)))["reason_code"].iloc[0],
        krippendorff_alpha(np.ones((3, 2))).reason_code,
        cronbach_alpha(pd.DataFrame({"a": [1.0, 2], "b": [2.0, 1]})).reason_code,
    ]
    from cslib.stats.reasons import message

    for code in reasons:
        assert code is not None
        # the stats layer's English reason is the code's English phrase; zh is its own
        assert phrases.why(code, "en") == message(code) != phrases.why(code, "zh")


def test_alpha_benchmark_row_is_the_krippendorff_package_value(qa_of):
    qa = qa_of()
    row = qa.benchmarks.set_index("coefficient").loc["Krippendorff alpha"]
    assert row["statistic"] == pytest.approx(qa.krippendorff_total.statistic, abs=1e-12)
    assert row["se"] > 0 and row["band"] is not None


def test_notebook_02_parameters_are_all_visible_to_papermill():
    import papermill

    params = papermill.inspect_notebook(str(ROOT / "notebooks" / "02_consistency_checks.ipynb"))
    for name in (
        "benchmark_scale",
        "benchmark_probability",
        "paradox_gap",
        "small_sample_calls",
        "random_index_table",
        "fill_missing_judgements",
    ):
        assert name in params, name


@functools.cache  # the same sample analysis for every test that reads it (none changes it)
def _ahp_inputs():
    from cslib.consistency import ahp_io, ahp_survey
    from cslib.core.framework import load_framework

    data = ROOT / "data_samples"
    fw = load_framework(data / "framework_complaint_handling.yaml")
    judgments = ahp_io.read_ahp_survey(data / "ahp_survey.csv", fw, fill_missing=True)
    survey = ahp_survey.analyse_survey(judgments, fw, exclude_inconsistent=True)
    return fw, survey, ahp_survey.judgments_to_reask(survey, top=2)


def _all_conclusions(qa_of, lang):
    """Every detail-conclusion function on the sample data, in ``lang``."""
    from cslib.consistency import schemes

    fw, survey, reask = _ahp_inputs()
    answers = qa_io.read_item_scores(ROOT / "data_samples" / "self_assessment.csv")
    constant = answers.copy()
    constant.iloc[:, 0] = 3
    scheme = schemes.load_scheme(ROOT / "data_samples" / "kpi_scheme_ecommerce.yaml")
    findings = schemes.check_scheme(scheme, lang="zh")
    names = fw.names("zh")
    out = conclusions.ahp_conclusions(survey, reask, names, lang=lang)
    out += conclusions.agreement_conclusions(qa_of(pass_mark=95), lang)
    out += conclusions.alpha_conclusions(cronbach_alpha(constant), lang)
    out += conclusions.scheme_conclusions(findings, "S", lang)
    out += conclusions.scheme_conclusions([], "S", lang)
    return out


def test_zh_en_gives_each_sentence_in_chinese_then_english(qa_of):
    zh, en, both = (_all_conclusions(qa_of, lang) for lang in ("zh", "en", "zh+en"))
    assert len(zh) == len(en) == len(both) > 10
    for z, e, b in zip(zh, en, both, strict=True):
        assert z != e
        assert b == f"{z} {e}"
    _no_nan(both)


@pytest.mark.parametrize("lang", ["fr", "EN", None])
def test_unknown_language_is_refused_by_every_conclusion_function(qa_of, lang):
    from cslib.core.errors import InputError

    fw, survey, reask = _ahp_inputs()
    qa = qa_of(pass_mark=80)
    answers = qa_io.read_item_scores(ROOT / "data_samples" / "self_assessment.csv")
    calls = [
        lambda: conclusions.ahp_conclusions(survey, reask, fw.names("zh"), lang=lang),
        lambda: conclusions.agreement_conclusions(qa, lang),
        lambda: conclusions.alpha_conclusions(cronbach_alpha(answers), lang),
        lambda: conclusions.scheme_conclusions([], "S", lang),
        lambda: conclusions.interpret_icc(0.8, lang),
    ]
    for call in calls:
        with pytest.raises(InputError, match="zh\\+en"):
            call()


def test_no_inline_language_branches_left_in_consistency_text():
    # every sentence comes from the phrase table; no `zh = lang != "en"` switches remain
    for name in ("conclusions.py", "report.py", "analysis.py"):
        src = (ROOT / "cslib" / "consistency" / name).read_text(encoding="utf-8")
        assert 'lang != "en"' not in src and " if zh" not in src and "if zh\n" not in src


def test_result_fields_use_the_shared_vocabulary():
    import dataclasses

    from cslib.stats import agreement as ag
    from cslib.stats import gwet

    for cls in (
        ag.KendallW,
        ag.ICC,
        gwet.AgreementCoefficient,
        ag.CohenKappa,
        gwet.KrippendorffAlpha,
    ):
        fields = {f.name for f in dataclasses.fields(cls)}
        assert "statistic" in fields and not fields & {"kappa", "alpha", "value", "w"}, cls
    fields = {f.name for f in dataclasses.fields(ag.CronbachAlpha)}
    assert {"statistic", "ci_low", "ci_high", "confidence_level"} <= fields
    assert "alpha" not in fields


OLD_NAMES = {"value", "p_t", "pretrend_p", "pretrend_f", "pretrend_stat"}


def test_tables_and_event_study_use_the_shared_vocabulary(qa_of):
    # issue 8: the ICC table, the QA tables, the learning and robust-DiD tables and the event
    # study name their number `statistic`, their p-value `pvalue` (`pretrend_pvalue`)
    import dataclasses

    from cslib.consistency import report
    from cslib.effectiveness import behaviour, levels
    from cslib.effectiveness.results import EffectRow
    from cslib.stats import panel
    from cslib.stats.agreement import icc_table

    fields = {f.name for f in dataclasses.fields(panel.EventStudyResult)}
    assert {"pretrend_statistic", "pretrend_pvalue"} <= fields and not fields & OLD_NAMES
    fields = {f.name for f in dataclasses.fields(EffectRow)}
    assert "pretrend_pvalue" in fields and not fields & OLD_NAMES
    assert {"pretrend_statistic", "pretrend_pvalue"} <= set(behaviour._ROBUST_COLUMNS)
    assert not set(behaviour._ROBUST_COLUMNS) & OLD_NAMES
    assert "statistic" in icc_table(np.arange(12.0).reshape(4, 3) ** 1.5).columns
    qa = qa_of()
    for t in (
        qa.icc,
        qa.benchmarks,
        report.icc_display(qa, "en"),
        report.agreement_table(qa, "en"),
        report.benchmark_table(qa, "en"),
    ):
        assert "statistic" in t.columns and not set(t.columns) & OLD_NAMES, list(t.columns)
    paired = pd.DataFrame(
        {
            "agent_id": list("abcd"),
            "course_id": "A",
            "pre": [50.0, 60.0, 55.0, 70.0],
            "post": [58.0, 61.0, 66.0, 72.0],
            "max_score": 100.0,
        }
    )
    t = levels.learning_table(paired, ["A"])
    assert {"pvalue", "p_adj"} <= set(t.columns) and not set(t.columns) & OLD_NAMES


def test_vocabulary_labels_are_distinct():
    # a column label names one thing: the number (`statistic`), the coefficient's name
    # (`coefficient`), a descriptive statistic's name and a key-value display differ
    from cslib.core.i18n import LABELS, P_COLUMNS

    keys = ["statistic", "coefficient", "statistic_name", "value", "confidence_level"]
    keys += ["pvalue", "p_adj", "pretrend_statistic", "pretrend_pvalue", "ci_low", "ci_high"]
    for k in keys:
        assert k in LABELS and all(LABELS[k]), k
    for lang in (0, 1):
        texts = [LABELS[k][lang] for k in keys]
        assert len(set(texts)) == len(texts), texts
    for old in ("p_t", "pretrend_p", "pretrend_stat", "p_value"):
        assert old not in LABELS and old not in P_COLUMNS
    assert "pretrend_pvalue" in P_COLUMNS


@pytest.mark.parametrize("k", [3, 5])
def test_sensitivity_sentence_names_the_k_it_was_computed_for(k):
    from cslib.consistency import ahp_survey

    fw, survey, reask = _ahp_inputs()
    sens = ahp_survey.sensitivity(fw, survey.local(), k=k)
    en = conclusions.ahp_conclusions(survey, reask, fw.names("en"), sensitivity=sens, lang="en")
    zh = conclusions.ahp_conclusions(survey, reask, fw.names("zh"), sensitivity=sens, lang="zh")
    assert any(s.startswith(f"The top-{k} order is sensitive") for s in en)
    assert any(s.startswith(f"前 {k} 名的排序") for s in zh)
