"""Notebook-02 summary box and report tables: each sentence carries the numbers it is given
and follows the thresholds it is given (narrative tests); tables show labelled columns and no
None, nan, rule ids or internal names."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from cslib.consistency import ahp_io, ahp_survey, analysis, phrases, qa_io, report
from cslib.consistency import schemes as scheme_check
from cslib.core.errors import InputError
from cslib.core.findings import Finding, findings_table
from cslib.core.framework import load_framework
from cslib.core.i18n import LABELS
from cslib.core.weight_table import read_weight_table
from cslib.stats import ahp
from cslib.stats.agreement import cronbach_alpha

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data_samples"
CJK = re.compile(r"[\u4e00-\u9fff]")
SNAKE = re.compile(r"\b[a-z]+_[a-z_]+\b")


class _Inputs(tuple):
    """The sample inputs, and the analyses ``_box`` made from them, by parameter values
    (``cache``): each analysis is computed once per module, only the sentences per test."""

    cache: dict


# the whole module on one xdist worker: its module-scoped sample analyses are then
# computed once per session, not once on each worker that gets some of its tests
pytestmark = pytest.mark.xdist_group("module-consistency_report")


@pytest.fixture(scope="module")
def inputs():
    framework = load_framework(DATA / "framework_complaint_handling.yaml")
    judgments = ahp_io.read_ahp_survey(DATA / "ahp_survey.csv", framework)
    form = qa_io.read_qa_form(DATA / "qa_form.csv")
    calib = qa_io.read_qa_calibration(DATA / "qa_calibration.csv", form)
    answers = qa_io.read_item_scores(DATA / "self_assessment.csv")
    schemes = []
    for name in ("kpi_scheme_ecommerce.yaml", "qa_agent_score_scheme.yaml"):
        s = scheme_check.load_scheme(DATA / name)
        schemes.append(
            (s, scheme_check.check_scheme(s, lang="en"), scheme_check.check_scheme(s, lang="zh"))
        )
    out = _Inputs((framework, judgments, form, calib, answers, schemes))
    out.cache = {}
    return out


def _once(inputs, key, make):
    if key not in inputs.cache:
        inputs.cache[key] = make()
    return inputs.cache[key]


def _box(inputs, lang="en", *, cr=0.10, conf=0.95, prob=0.95, practical=3.0):
    framework, judgments, form, calib, answers, schemes = inputs
    survey = _once(
        inputs,
        ("survey", cr),
        lambda: ahp_survey.analyse_survey(judgments, framework, cr_threshold=cr),
    )
    reask = ahp_survey.judgments_to_reask(survey, top=2)
    qa = _once(
        inputs,
        ("qa", practical, conf, prob),
        lambda: analysis.summarise_qa(
            calib, practical=practical, confidence_level=conf, benchmark_probability=prob
        ),
    )
    alpha = _once(inputs, ("alpha", conf), lambda: cronbach_alpha(answers, confidence_level=conf))
    sch = [(s.name(lang), f_en if lang == "en" else f_zh) for s, f_en, f_zh in schemes]
    names = form.names_en if lang == "en" else form.names_zh
    text = report.summary_box(survey, reask, qa, alpha, sch, item_names=names, lang=lang)
    return text, survey, reask, qa, alpha


def _findings(text):
    return [line for line in text.splitlines() if line.startswith("- ")]


def _steps(text):
    return [line for line in text.splitlines() if re.match(r"\d+\. ", line)]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_box_has_three_to_six_findings_and_next_steps(inputs, lang):
    text, *_ = _box(inputs, lang)
    assert 3 <= len(_findings(text)) <= 6
    assert 1 <= len(_steps(text)) <= 6
    assert not re.search(r"\bnan\b|\bNone\b", text)
    if lang == "en":
        assert not CJK.search(text), text
    assert not SNAKE.search(text), SNAKE.search(text)


def test_box_carries_the_numbers_it_is_given(inputs):
    text, survey, reask, qa, alpha = _box(inputs, "en")
    bad = survey.consistency.loc[~survey.consistency["acceptable"]]
    experts = list(dict.fromkeys(bad["expert"]))
    f = _findings(text)
    assert f"{len(experts)} of {survey.consistency['expert'].nunique()} experts" in f[0]
    for e in experts:
        assert e in f[0]
        assert e in _steps(text)[0]
    assert f"{bad['cr'].max():.2f}" in f[0]
    assert f"the {len(reask)} judgements" in _steps(text)[0]
    icc = qa.icc.loc["ICC(2,1)"]
    assert f"ICC(2,1) = {icc['statistic']:.2f}" in f[1]
    assert f"{icc['ci_low']:.2f}–{icc['ci_high']:.2f}" in f[1]
    assert f"Fleiss κ = {qa.fleiss_pass_ci.statistic:.2f}" in f[1]
    assert f"Gwet AC1 = {qa.gwet_pass.statistic:.2f}" in f[1]
    bands = qa.benchmarks.set_index("coefficient")["band"]
    assert f"κ is at least '{phrases.PHRASES(bands['Fleiss kappa'], 'en')}'" in f[1]
    flagged = qa.bias.table.loc[qa.bias.table["flagged"]]
    for r in flagged.itertuples(index=False):
        assert f"{r.rater} scores {abs(r.mean_diff):.1f} points" in f[2]
    assert f"α of the {alpha.k} items = {alpha.statistic:.2f}" in f[3]
    assert "E-commerce chat agent KPI appraisal" in f[4]


# (parameter change, sentence index, text before, text after)
NARRATIVE = [
    ({"cr": 0.20}, 0, "CR > 0.10", "CR > 0.20"),
    ({"conf": 0.90}, 1, "(95% CI", "(90% CI"),
    ({"conf": 0.90}, 2, "(95% CI", "(90% CI"),
    ({"conf": 0.90}, 3, "(95% CI", "(90% CI"),
    ({"prob": 0.80}, 1, "with 95% probability", "with 80% probability"),
    ({"practical": 10.0}, 2, "QA03 scores", "by 10 points or more"),
]


@pytest.mark.parametrize(("change", "index", "before", "after"), NARRATIVE)
def test_sentences_follow_the_parameters(inputs, change, index, before, after):
    base = _findings(_box(inputs, "en")[0])[index]
    changed = _findings(_box(inputs, "en", **change)[0])[index]
    assert before in base and before not in changed
    assert after in changed and after not in base


def test_fewer_inconsistent_experts_at_a_looser_threshold(inputs):
    strict = _box(inputs, "en", cr=0.10)[1]
    loose = _box(inputs, "en", cr=0.30)[1]
    n_strict = strict.consistency.loc[~strict.consistency["acceptable"], "expert"].nunique()
    n_loose = loose.consistency.loc[~loose.consistency["acceptable"], "expert"].nunique()
    assert n_loose < n_strict
    text = _box(inputs, "en", cr=0.30)[0]
    assert f"{n_loose} of 20 experts" in _findings(text)[0]


def test_chinese_box_has_no_english_prose(inputs):
    text, *_ = _box(inputs, "zh")
    assert text.startswith("**主要发现**")
    prose = re.sub(
        r"ICC\(2,1\)|Fleiss|Gwet|AC1|Cronbach's|Krippendorff|Landis–Koch|CR|CI|E\d+|QA\d+|S\d+",
        "",
        text,
    )
    assert not re.search(r"[A-Za-z]{4,}", prose), re.search(r"[A-Za-z]{4,}.{0,30}", prose)


def test_bilingual_box_holds_both_and_unknown_language_is_an_error(inputs):
    framework, judgments, form, calib, answers, schemes = inputs
    text, survey, reask, qa, alpha = _box(inputs, "en")
    both = report.summary_box(survey, reask, qa, alpha, [], lang="zh+en")
    assert "**主要发现**" in both and "**Findings**" in both
    with pytest.raises(InputError):
        report.summary_box(survey, reask, qa, alpha, [], lang="de")


def test_nothing_to_do_is_said(inputs):
    _, survey, _, qa, alpha = _box(inputs, "en", cr=0.9, practical=50.0)
    empty = pd.DataFrame(columns=["expert", "group", "pair"])
    qa_ok = qa.__class__(**{**qa.__dict__, "krippendorff_items": qa.krippendorff_items.iloc[:0]})
    a_ok = alpha.__class__(**{**alpha.__dict__, "items": alpha.items.iloc[:0]})
    text = report.summary_box(survey, empty, qa_ok, a_ok, [("S", [])], lang="en")
    assert _steps(text) == ["1. No check calls for action; carry on as planned."]
    assert "no problems in 'S'" in text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_tables_have_labels_and_no_internal_values(inputs, lang):
    text, survey, reask, qa, alpha = _box(inputs, lang)
    framework = inputs[0]
    names = framework.names(lang)
    other = read_weight_table(DATA / "published_weights_complaint_handling.csv").series("combined")
    comparison = ahp.compare_weights(survey.combined, other, names=("AHP", "Delphi"))
    sens = ahp_survey.sensitivity(framework, survey.local(), k=5)
    tables = [
        report.aggregate_table(survey, names, lang),
        report.reask_table(reask, names, lang),
        report.weights_table(survey, names),
        report.rank_agreement_table(comparison, lang),
        report.sensitivity_table(sens, names),
        report.icc_display(qa, lang),
        report.agreement_table(qa, lang),
        report.benchmark_table(qa, lang),
        report.pairs_table(qa, lang),
        report.items_table(qa, inputs[2].names_en, lang),
        report.alpha_overview(alpha),
        report.alpha_items(alpha, lang),
        report.bias_table(qa),
    ]
    for t in tables:
        for c in t.columns:
            assert c in LABELS, c
        assert not t.map(lambda v: v is None).any().any()
    cr = report.cr_matrix(survey, names, lang)
    assert "(top)" not in cr.columns and "TOP" not in cr.columns
    assert cr.index.name == LABELS["expert"][0 if lang == "zh" else 1]
    comp = report.comparison_table(comparison, names, lang)
    assert not any(c.startswith("rank_") for c in comp.columns)
    assert comp.iloc[:, 2].str.endswith("%").all()


def test_undefined_coefficients_get_a_note_not_a_band(inputs):
    calib = inputs[3]
    qa = analysis.summarise_qa(calib, pass_mark=101)  # nobody passes: kappa and AC1 are 0/0
    t = report.benchmark_table(qa, "en")
    row = t.loc[t["coefficient"] == "Fleiss κ"].iloc[0]
    assert row["band"] == ""
    assert row["note"].startswith("undefined: ")
    a = report.agreement_table(qa, "zh")
    assert a.loc[0, "note"].startswith("无法计算：")
    assert np.isnan(a.loc[0, "pvalue"]) or a.loc[0, "note"]


def test_findings_table_names_rules_and_severity():
    f = [
        Finding("band_overlap", "problem", "B / C", "80 in B and C", "B [80, 90]", None),
        Finding("group_sum", "rounding", "A", "sums to 0.999", None, "1"),
    ]
    en = findings_table(f, "en")
    zh = findings_table(f, "zh")
    assert en["check"].tolist() == ["bands do not overlap", "weights within a group add up to 1"]
    assert zh["severity"].tolist() == ["不一致（无法由四舍五入解释）", "可由四舍五入解释"]
    assert "band_overlap" not in en.to_string() and "None" not in en.to_string()
    with pytest.raises(KeyError):
        findings_table([Finding("new_rule", "problem", "x", "y")], "en")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_notebook_prose_is_tagged_and_opens_with_the_summary(lang):
    import json

    nb = json.loads((ROOT / "notebooks" / "02_consistency_checks.ipynb").read_text("utf-8"))
    kept = []
    for cell in nb["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        tags = cell.get("metadata", {}).get("tags", [])
        assert {"lang-zh", "lang-en"} & set(tags), "".join(cell["source"])[:60]
        if f"lang-{lang}" in tags:
            kept.append("".join(cell["source"]))
    headings = [line for text in kept for line in text.splitlines() if line.startswith("## ")]
    assert headings[0] == ("## 摘要" if lang == "zh" else "## Summary")
    prose = "\n".join(kept)
    if lang == "en":
        assert not CJK.search(prose), CJK.search(prose)
    assert "95%" not in prose and "top_k" not in prose
