"""Methods paragraphs say what the run did, and only that.

The Delphi paragraph is built from the sample ratings with the objects notebook 01 computes;
what it states (rounds, returns, p-value methods, tests, interval method and its coverage) is
checked against those objects, and changing the run changes the text.
"""

from __future__ import annotations

import pytest

from cslib.core.references import REFERENCES, Methods
from cslib.delphi import statistics as delphi
from cslib.delphi.methods import COVERAGE, coverage_appendix, delphi_methods
from cslib.delphi.weights import derive_weights


@pytest.fixture(scope="module")
def run(ratings):
    rule = delphi.ScreeningRule()
    consensus = delphi.ConsensusRule()
    stability = delphi.StabilityRule()
    positive = delphi.positive_coefficient(ratings, n_invited=30)
    conc = {r: delphi.concordance(ratings, r, n_perm=500, seed=1) for r in ratings.rounds}
    comparison = delphi.compare_rounds(
        ratings, ratings.rounds[0], ratings.rounds[-1], rule=rule, n_perm=500, seed=1
    )
    return dict(
        ratings=ratings,
        positive=positive,
        concordance=conc,
        consensus=consensus,
        stability=stability,
        screening=rule,
        analysis_round=ratings.rounds[-1],
        n_items=14,
        comparison=comparison,
        n_perm=500,
        seed=1,
    )


def _weights(ratings, **kw):
    return derive_weights(ratings, ratings.rounds[-1], n_boot=kw.pop("n_boot", 40), seed=3, **kw)


def test_delphi_methods_state_what_was_run(run, ratings):
    weights = _weights(ratings, method="ahp_mean_diff", ci_method="expanded")
    m = delphi_methods(weights=weights, lang="zh", **run)
    text = m.text()
    sent = run["positive"]
    assert (
        f"第 1 轮发放问卷 {int(sent['sent'].iloc[0])} 份、回收 {int(sent['returned'].iloc[0])} 份"
        in text
    )
    assert "共进行 2 轮专家咨询" in text
    used = {str(x) for t in run["concordance"].values() for x in t["p_method"]}
    assert ("500 次蒙特卡洛置换" in text) == ("monte_carlo" in used)
    assert ("精确置换分布" in text) == ("exact" in used)
    assert ("χ² = m(n − 1)W" in text) == ("chi2" in used)
    assert "均值差层次分析法" in text and "扩展百分位法" in text
    c8, c15, c40 = COVERAGE["ahp_mean_diff"]["expanded"]
    assert f"{100 * c8:.1f}%" in text and f"{100 * c40:.1f}%" in text
    assert "Holm" in text and "Pratt" in text
    assert set(m.cited) >= {"diamond2014", "kendall1939", "hesterberg2015", "saaty1980"}
    # the reference list holds exactly the works cited, once each, sorted
    assert m.references == sorted({REFERENCES[k] for k in m.cited})


def test_delphi_methods_follow_the_choices(run, ratings):
    rank = delphi_methods(weights=_weights(ratings, method="rank_sum"), lang="en", **run)
    assert "mid-ranks were summed" in rank.text()
    assert "has not been checked by simulation" in rank.text()  # rank sum was not simulated
    assert "saaty1980" not in rank.cited
    no_ci = delphi_methods(weights=_weights(ratings, method="mean", n_boot=0), lang="en", **run)
    assert "No confidence intervals" in no_ci.text() and "hesterberg2015" not in no_ci.cited
    one_round = {**run, "comparison": None}
    single = delphi_methods(weights=_weights(ratings, method="mean"), lang="en", **one_round)
    assert "Wilcoxon" not in single.text() and "holm1979" not in single.cited


def test_bilingual_methods_are_built_one_language_at_a_time(run, ratings):
    weights = _weights(ratings, method="mean")
    both = delphi_methods(weights=weights, lang="zh+en", **run)
    zh = delphi_methods(weights=weights, lang="zh", **run)
    en = delphi_methods(weights=weights, lang="en", **run)
    assert both.paragraphs == zh.paragraphs + en.paragraphs


def test_methods_html_escapes_and_lists_references():
    m = Methods(("a < b & c",), ("holm1979",), "en")
    html = m.html()
    assert "a &lt; b &amp; c" in html
    assert '<ol class="cslib-references"><li>Holm, S. (1979).' in html
    assert "<em>Scandinavian Journal of Statistics, 6</em>" in html
    with pytest.raises(KeyError):
        Methods(("x",), ("nobody2020",), "en")


def test_coverage_appendix_table_matches_the_coverage_constants():
    text, table = coverage_appendix("zh")
    assert "1,000" in text and len(table) == 6
    assert table.iloc[2, 2:].tolist() == ["94.0%", "94.5%", "95.0%"]
