"""Reasons as codes in delphi, consistency and needs (issue 18): every code has its words in
the package's phrase table, and no English sentence leaks into a Chinese report sentence.

A statistic that is undefined carries a ``reason_code`` (:class:`cslib.stats.reasons.
AgreementReason` for agreement and reliability; phrase codes in delphi); the reports put the
code into words through the package's ``PHRASES``, so a Chinese report reads Chinese.
"""

from __future__ import annotations

import re

import pytest
from report_runs import NOTEBOOKS, group

from cslib.consistency.phrases import PHRASES as CONSISTENCY
from cslib.consistency.phrases import why
from cslib.delphi.phrases import PHRASES as DELPHI
from cslib.needs import assessment
from cslib.needs import report as needs_report
from cslib.needs.assessment import EXCLUSION_MESSAGES, ExclusionReason
from cslib.needs.phrases import PHRASES as NEEDS
from cslib.stats.reasons import MESSAGES, AgreementReason, message

CJK = re.compile(r"[\u4e00-\u9fff]")
# an English sentence: four or more Latin words in a row (names such as "Fleiss κ",
# "Gwet AC1" or "Landis & Koch" are shorter)
ENGLISH_RUN = re.compile(r"[A-Za-z][a-z]+(?:[ ,'’-]+[A-Za-z][a-z]+){3,}")


@pytest.mark.parametrize("code", list(AgreementReason), ids=str)
def test_every_agreement_reason_code_has_zh_and_en_words(code):
    zh, en = CONSISTENCY[f"reason_{code.value}"]
    assert CJK.search(zh) and not ENGLISH_RUN.search(zh), zh
    assert en and not CJK.search(en)
    data = {"level": "ordinal"}
    assert why(code, "en", **data) == message(code, **data)  # the stats layer's own words
    assert code in MESSAGES


def test_why_refuses_text_and_unknown_codes():
    with pytest.raises(ValueError):
        why("only one rater, so there is no agreement to measure", "zh")
    with pytest.raises(ValueError):
        why("no_such_code", "en")


@pytest.mark.parametrize(
    "key", ["cv_change_undefined", "reason_unstable", "reason_no_consensus", "reason_failing"]
)
def test_delphi_reason_codes_have_zh_and_en_words(key):
    zh, en = DELPHI[key]
    assert CJK.search(zh) and en and not CJK.search(en)


def test_delphi_round_comparison_gives_codes_not_words(ratings):
    from cslib.delphi import statistics as st

    c = st.compare_rounds(ratings, 1, 2)
    codes = set(c.indicators["cv_reason"]) - {""}
    assert codes <= {"cv_change_undefined"} and all(f"reason_{r}" in DELPHI for r in c.reasons)


def _sentences(html: str) -> list[str]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "code", "pre"]):
        tag.decompose()
    text = soup.get_text("\n")
    return [s for s in re.split(r"[。；！？\n]", text) if CJK.search(s)]


REPORTS = [nb for nb in NOTEBOOKS if nb.stem[:2] in ("01", "02", "04")]


@pytest.mark.parametrize(
    "notebook",
    [
        pytest.param(nb, marks=pytest.mark.xdist_group(group(nb, "zh")), id=nb.stem)
        for nb in REPORTS
    ],
)
def test_no_english_sentence_inside_a_chinese_report_sentence(report_runs, notebook):
    html = report_runs.get(notebook, "zh").html.read_text(encoding="utf-8")
    leaks = [
        (m.group(0), s.strip()[:120]) for s in _sentences(html) for m in ENGLISH_RUN.finditer(s)
    ]
    assert not leaks, "\n".join(f"{run!r} in {s!r}" for run, s in leaks[:20])


def test_the_leak_detector_finds_an_english_reason_and_spares_names():
    html = (
        "<p>分解无法进行：the treatment does not vary after week 3。</p>"
        "<p>Fleiss κ = 0.83，Gwet AC1 = 0.91（Landis & Koch 分级）。</p>"
    )
    leaky, names = _sentences(html)
    assert ENGLISH_RUN.search(leaky) and not ENGLISH_RUN.search(names)


# ---------------------------------------------------- needs: agents left out of the 360° scores
@pytest.mark.parametrize("code", list(ExclusionReason), ids=str)
def test_every_exclusion_reason_code_has_zh_and_en_words(code):
    zh, en = NEEDS[f"excluded_{code.value}"]
    assert CJK.search(zh) and not ENGLISH_RUN.search(zh.format(missing="")), zh
    assert en and not CJK.search(en)
    assert code in EXCLUSION_MESSAGES


@pytest.mark.parametrize("missing", ["exclude", "renormalise"])
def test_the_excluded_agents_table_of_a_chinese_report_has_no_english_reason(
    write, framework, missing
):
    """Notebook 04 shows :func:`cslib.needs.report.excluded_agents` for ``combo.excluded``."""
    leaves = list(framework.leaves)
    rows = [("X1", "T1", s, i, 4) for s in ("self", "leader") for i in leaves]
    if missing == "exclude":  # X2: no leader rating at all
        rows += [("X2", "T1", "self", i, 3) for i in leaves]
    else:  # X2: nobody rated the last indicator
        rows += [("X2", "T1", s, i, 3) for s in ("self", "leader") for i in leaves[:-1]]
    text = "agent_id,team,source,indicator_id,score\n" + "".join(
        ",".join(map(str, r)) + "\n" for r in rows
    )
    ratings = assessment.read_assessments(write("r.csv", text), framework)
    combo = assessment.combine_sources(ratings, {"self": 0.4, "leader": 0.6}, missing=missing)
    assert combo.excluded["agent_id"].tolist() == ["X2"]
    zh = needs_report.excluded_agents(combo, "zh", lambda a: f"P-{a}")
    assert zh.columns.tolist() == ["agent_id", "team", "reason"]
    assert zh["agent_id"].tolist() == ["P-X2"]
    reason = zh["reason"].iloc[0]
    assert CJK.search(reason) and not re.search(r"[A-Za-z]{3,}", reason.replace(leaves[-1], ""))
    assert ("班组长评" in reason) == (missing == "exclude")
    en = needs_report.excluded_agents(combo, "en")["reason"].iloc[0]
    assert not CJK.search(en) and ("team leader" in en) == (missing == "exclude")
