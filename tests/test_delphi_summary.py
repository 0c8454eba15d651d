"""Narrative tests of the Delphi summary box: each sentence carries the numbers it is given and
changes when alpha or a threshold changes; no placeholder, `nan`, rule id or other language."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

from cslib.core.errors import InputError
from cslib.core.findings import Finding
from cslib.delphi import statistics as delphi
from cslib.delphi.io import Ratings, read_experts
from cslib.delphi.report import delphi_summary
from cslib.delphi.weights import derive_weights

SAMPLES = Path(__file__).resolve().parents[1] / "data_samples"
CJK = re.compile(r"[\u4e00-\u9fff]")
SNAKE = re.compile(r"\b[a-z]+_[a-z_]+\b")


@dataclass
class Inputs:
    framework: object
    ratings: Ratings
    positive: pd.DataFrame
    experts: pd.DataFrame
    conc: pd.DataFrame
    weights: object


@pytest.fixture(scope="module")
def inputs(framework, ratings):
    return Inputs(
        framework=framework,
        ratings=ratings,
        positive=delphi.positive_coefficient(ratings, n_invited=26),
        experts=read_experts(SAMPLES / "delphi_experts.csv"),
        conc=delphi.concordance(ratings, 2, n_perm=200, seed=1),
        weights=derive_weights(ratings, 2, n_boot=40, seed=3),
    )


def _box(
    inp: Inputs,
    lang: str = "en",
    *,
    alpha: float = 0.05,
    authority_min: float = 0.7,
    min_mean: float = 3.5,
    max_cv: float = 0.25,
    min_unchanged: float = 0.85,
    small_panel: int = 8,
    published: list[Finding] | None = None,
    ratings: Ratings | None = None,
):
    r = ratings if ratings is not None else inp.ratings
    rule = delphi.ScreeningRule(min_mean=min_mean, max_cv=max_cv)
    stability = delphi.StabilityRule(min_unchanged=min_unchanged)
    comparison = delphi.compare_rounds(r, 1, 2, alpha=alpha, rule=rule, stability=stability)
    conc = inp.conc if ratings is None else delphi.concordance(r, 2)
    return delphi_summary(
        inp.framework,
        inp.positive,
        delphi.authority(inp.experts, r.experts(2), threshold=authority_min),
        conc,
        delphi.indicator_statistics(r, 2, rule),
        rule,
        inp.weights,
        comparison,
        lang,
        alpha=alpha,
        seed=1,
        small_panel=small_panel,
        published=published,
        published_file="published.csv",
        feedback_file="delphi_round3_feedback.xlsx",
    )


def _text(box) -> str:
    return "\n".join(box.findings + box.next_steps)


# (parameter changes, language, substrings expected, substrings that must be absent)
CASES = [
    ({}, "en", ["α = 0.05", "Cr ≥ 0.7", "mean ≥ 3.5 and CV ≤ 0.25", "at least 85%"], []),
    ({"authority_min": 0.9}, "en", ["does not meet the threshold Cr ≥ 0.9", "below 0.9"], []),
    ({"authority_min": 0.9}, "zh", ["未达到设定的标准Cr ≥ 0.9", "低于0.9"], []),
    ({"authority_min": 0.7}, "zh", ["达到设定的标准Cr ≥ 0.7"], ["未达到", "低于0.7"]),
    ({"min_mean": 4.3}, "en", ["mean ≥ 4.3", "indicators fall short", "reword or drop"], []),
    ({"min_mean": 4.3}, "zh", ["均值 ≥ 4.3", "项未达标", "修改措辞还是删除"], []),
    ({"max_cv": 0.1}, "en", ["CV ≤ 0.1"], ["all 14 indicators pass"]),
    ({"min_unchanged": 0.5}, "en", ["at least 50% of experts kept"], []),
    ({"min_unchanged": 0.5}, "zh", ["至少50%的专家未改分"], []),
    ({"small_panel": 30}, "en", ["fewer than 30 experts", "approximate"], []),
    ({"small_panel": 8}, "en", [], ["approximate"]),
    ({"small_panel": 30}, "zh", ["少于30人"], []),
]


@pytest.mark.parametrize(("change", "lang", "present", "absent"), CASES)
def test_sentences_carry_parameters(inputs, change, lang, present, absent):
    text = _text(_box(inputs, lang, **change))
    for s in present:
        assert s in text, (s, text)
    for s in absent:
        assert s not in text, (s, text)


def test_alpha_changes_the_verdict(inputs):
    # put alpha on either side of the smallest level p-value: the sentence and the steps follow
    p = float(inputs.conc.loc[inputs.conc["scope"] == "level", "pvalue"].max())
    above, below = _box(inputs, alpha=min(2 * p, 0.5)), _box(inputs, alpha=p / 2)
    a_above, a_below = f"{min(2 * p, 0.5):g}", f"{p / 2:g}"
    assert f"significant at α = {a_above}" in above.findings[1]
    assert f"not significant at α = {a_below}" in below.findings[1]
    assert "not significant" not in above.findings[1]
    assert any(f"not significant at α = {a_below}" in s for s in below.next_steps)
    zh = _box(inputs, "zh", alpha=p / 2)
    assert f"在 α = {a_below} 水平上协调性不显著" in zh.findings[1]


def test_numbers_come_from_the_results(inputs):
    box = _box(inputs)
    auth = delphi.authority(inputs.experts, inputs.ratings.experts(2))
    assert f"Cr = {auth.mean_cr:.2f}" in box.findings[0]
    assert f"{auth.share_acceptable:.0%}" in box.findings[0]
    top = inputs.weights.ranking("en").iloc[0]
    assert f"{top['name_en']} ({top['combined']:.1%})" in box.findings[4]
    w1 = inputs.conc[(inputs.conc["scope"] == "level") & (inputs.conc["level"] == 1)]["w"].iloc[0]
    assert f"W = {w1:.3f}" in box.findings[1]
    assert "round 3 questionnaire" in box.next_steps[-1]
    assert "delphi_round3_feedback.xlsx" in box.next_steps[-1]


def test_stop_when_rule_is_met(inputs):
    # the same answers twice: everything stable; lenient screening and consensus → stop
    r = inputs.ratings
    one = r.data[r.data["round"] == 2]
    same = Ratings(data=pd.concat([one.assign(round=1), one]), framework=r.framework)
    box = _box(inputs, ratings=same, min_mean=1, max_cv=10)
    text = _text(box)
    if "no consensus" in text:  # the sample's B4 lacks consensus; then another round is right
        assert "another round is advised" in text
    else:
        assert "no further round is needed" in text
        assert "Close the Delphi" in box.next_steps[0]


def test_published_findings_counted_without_rule_ids(inputs):
    found = [
        Finding("combined_is_product", "problem", "A1", "m"),
        Finding("group_sum", "rounding", "A", "m"),
        Finding("group_sum", "rounding", "B", "m"),
    ]
    en = _text(_box(inputs, published=found))
    assert "rounding cannot explain: 1; explainable by rounding of the printed values: 2" in en
    assert "Recompute" in en and "published.csv" in en
    assert "combined_is_product" not in en and "finding(s)" not in en
    assert "no inconsistencies found" in _text(_box(inputs, published=[]))
    assert "Published" not in _text(_box(inputs, published=None))


@pytest.mark.parametrize("lang", ["zh", "en", "zh+en"])
def test_clean_text(inputs, lang):
    box = _box(inputs, lang, published=[Finding("group_sum", "problem", "A", "m")])
    text = _text(box)
    assert 3 <= len(box.findings) <= 6 and box.next_steps
    for bad in ("nan", "None", "[", "]", "0.000", "/tmp", "/work", "data_samples"):
        assert bad not in text, bad
    assert not SNAKE.search(text.replace("delphi_round3_feedback.xlsx", "")), SNAKE.search(text)
    if lang == "en":
        assert not CJK.search(text)
    if lang == "zh":
        # Chinese prose: no English words beyond names, symbols and file names
        words = set(re.findall(r"[A-Za-z]{4,}", text.replace("delphi_round3_feedback.xlsx", "")))
        assert words <= {"Hesterberg", "published"}, words
    if lang == "zh+en":
        assert box.markdown(2).startswith("## 摘要 Summary")


def test_unknown_language_is_an_error(inputs):
    with pytest.raises(InputError):
        _box(inputs, "fr")


def test_authority_bad_input_names_column(inputs):
    with pytest.raises(InputError, match="expert_id"):
        delphi.authority(inputs.experts, ["E01", "NOBODY"])
    with pytest.raises(InputError, match="authority_min"):
        delphi.authority(inputs.experts, threshold=7)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_single_round_no_authority_no_intervals(inputs, lang):
    r = inputs.ratings
    one = Ratings(data=r.data[r.data["round"] == 1], framework=r.framework)
    rule = delphi.ScreeningRule()
    box = delphi_summary(
        inputs.framework,
        delphi.positive_coefficient(one),
        None,
        delphi.concordance(one, 1),
        delphi.indicator_statistics(one, 1, rule),
        rule,
        derive_weights(one, 1, n_boot=0),
        None,
        lang,
    )
    text = _text(box)
    expected = {
        "en": ["Panel: 1 round", "stability needs two rounds", "round 2 questionnaire"],
        "zh": ["共1轮", "稳定性要两轮比较才能判断", "第2轮问卷"],
    }[lang]
    for s in expected:
        assert s in text, (s, text)
    assert "bootstrap" not in text and "自助" not in text  # no intervals were computed
    assert "Cr" not in text  # no authority data: no authority sentence
    # round 1 of the sample flags B3 (revise) and B4 (drop): both named, with their numbers
    assert ("Teamwork" if lang == "en" else "团队协作能力") in box.findings[2]
    assert "3.27" in box.findings[2] and "0.32" in box.findings[2]


def test_authority_column_label_differs_from_ahp_consistency_ratio(inputs):
    from cslib.core.i18n import label

    auth = delphi.authority(inputs.experts)
    assert "authority_cr" in auth.experts and "cr" not in auth.experts
    for lang in ("zh", "en"):
        mine = label("authority_cr", lang)
        assert mine not in {label("cr", lang), label("consistency_ratio", lang)}
        assert ("权威" if lang == "zh" else "Authority") in mine


def test_p_method_names_seed_only_when_known():
    from cslib.delphi.report import _p_method

    assert _p_method("monte_carlo", 500, 7, "en") == (
        "Monte-Carlo permutation test (500 permutations, seed 7)"
    )
    assert "None" not in _p_method("monte_carlo", 500, None, "en")
    assert "None" not in _p_method("monte_carlo", 500, None, "zh")
    assert _p_method("exact", 0, None, "zh") == "精确置换检验"


def test_round_comparison_reasons_are_codes(inputs):
    comp = delphi.compare_rounds(inputs.ratings, 1, 2)
    assert comp.reasons == ("unstable", "no_consensus")  # sample: all unstable, B4 no consensus
    assert comp.third_round_advised
    assert comp.no_consensus == ["B4"] and len(comp.unstable) == 14
