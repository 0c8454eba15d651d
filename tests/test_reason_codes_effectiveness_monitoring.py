"""Reasons are codes, words live in the package's phrase table (notebooks 03 and 05).

``cslib.stats`` results that can be undefined or refused carry a ``reason_code`` (a small
``StrEnum`` per topic) and the data for the message; :mod:`cslib.effectiveness.phrases` and
:mod:`cslib.monitoring.phrases` word them.  These tests check that every code has a Chinese
and an English phrase, that the Chinese one is Chinese, and that no English sentence ends up
inside a Chinese sentence — in the reasons themselves and in the executed reports 03 and 05.
"""

from __future__ import annotations

import html
import re

import nbformat
import numpy as np
import pandas as pd
import pytest
from report_runs import NOTEBOOKS, group

from cslib.effectiveness import phrases as eff
from cslib.effectiveness.report import phrase
from cslib.monitoring import report as mon_report
from cslib.monitoring.phrases import PHRASES as MONITORING
from cslib.stats.bacon import BaconReason, bacon_decomposition
from cslib.stats.gstudy import CallsReason, DStudyReason, calls_needed, dstudy
from cslib.stats.panel import PanelReason
from cslib.stats.rotation import RotationReason, rotate_inspectors
from cslib.stats.staggered import AGGREGATE_MESSAGES, AggregateReason, aggregate, att_gt

#: Four or more English words in a row: a sentence, not a name ("Goodman-Bacon", "QA",
#: "MacKinnon & Webb 2017") or a symbol.
ASCII_SENTENCE = re.compile(r"[A-Za-z]{2,}(?:[ ,;:'’-]+[A-Za-z]{2,}){3,}")
CJK = re.compile(r"[\u4e00-\u9fff]")

#: (phrase table, key prefix, codes, data for the message)
TOPICS = [
    (MONITORING, "calls_reason_", CallsReason, {"n_inspectors": 2, "max_calls": 10_000}),
    (MONITORING, "dstudy_reason_", DStudyReason, {}),
    (
        MONITORING,
        "rotation_reason_",
        RotationReason,
        {"min_teams": 1, "max_teams": 2, "max_agents": 25},
    ),
    (eff.PHRASES, "bacon_reason_", BaconReason, {}),
    (eff.PHRASES, "", PanelReason, {"min_treated": 10}),
]


def _staggered(y: list[float], g: list[float | None], n_t: int = 2) -> pd.DataFrame:
    n = len(g)
    return pd.DataFrame(
        {
            "id": [i for i in range(n) for _ in range(n_t)],
            "t": list(range(1, n_t + 1)) * n,
            "y": y,
            "g": [x for x in g for _ in range(n_t)],
        }
    )


def test_every_aggregation_without_an_estimate_carries_its_code():
    """``AggregateResult.reason_code`` (callers branch on it, never on ``reason``)."""
    g = [2, 2, None, None]
    constant = _staggered([1.0, 1.0, 2.0, 2.0, 3.0, 3.0, 4.0, 4.0], g)
    res = att_gt(constant, "y", "id", "t", "g", min_cohort_size=2)
    simple = aggregate(res, "simple")
    assert simple.reason_code == AggregateReason.OUTCOME_CONSTANT
    assert simple.reason == AGGREGATE_MESSAGES[AggregateReason.OUTCOME_CONSTANT]
    assert aggregate(res, "group").reason_code == AggregateReason.NO_EFFECT
    varying = _staggered([1.0, 4.0, 2.0, 6.0, 1.0, 2.0, 3.0, 3.0], g)
    small = att_gt(varying, "y", "id", "t", "g", min_cohort_size=3)  # cohort of 2 < 3
    assert aggregate(small, "simple").reason_code == AggregateReason.NO_POST_EFFECT
    dyn = aggregate(att_gt(varying, "y", "id", "t", "g", min_cohort_size=2), "dynamic", max_e=-1)
    assert dyn.reason_code in (AggregateReason.NO_EFFECT, AggregateReason.NO_POST_EVENT_TIME)
    ok = aggregate(att_gt(varying, "y", "id", "t", "g", min_cohort_size=2), "simple")
    assert ok.reason_code == "" and ok.reason == ""
    assert set(AGGREGATE_MESSAGES) == set(AggregateReason)


def test_the_stored_reason_of_the_robust_table_is_the_phrase_not_the_stats_text():
    from cslib.effectiveness.behaviour import robust_table

    weeks = 6
    rows = []
    for a in range(8):
        trained = a < 4
        for w in range(1, weeks + 1):
            rows.append(
                {
                    "agent_id": f"A{a}",
                    "team": "T1",
                    "week": w,
                    "qa_score": 80.0,  # constant: the effect is undefined
                    "tw_C1": 3 if trained else np.nan,
                    "tw_C2": np.nan,  # nobody took C2
                }
            )
    panel = pd.DataFrame(rows)
    table, _ = robust_table(panel, ["qa_score"], ["C1", "C2"], min_cohort_size=2)
    codes = zip(table["reason_code"], table["reason"], strict=True)
    got = dict(zip(table["course_id"], codes, strict=True))
    assert got["C1"] == ("outcome_constant", eff.PHRASES("outcome_constant", "en"))
    assert got["C2"][0] == "no_treated"
    assert got["C2"][1] == eff.PHRASES("no_treated", "en")


def english_inside_chinese(text: str) -> list[str]:
    """English sentences found inside the Chinese sentences of ``text``."""
    found = []
    for sentence in re.split(r"[。！？\n]", text):
        if CJK.search(sentence):
            found += [m.group(0) for m in ASCII_SENTENCE.finditer(sentence)]
    return found


def test_the_check_sees_english_inside_chinese():
    assert english_inside_chinese(
        "Goodman-Bacon 分解无法进行：the treatment does not vary after removing effects。"
    ) == ["the treatment does not vary after removing effects"]
    assert (
        english_inside_chinese(
            "Goodman-Bacon 分解（MacKinnon & Webb 2017）。\nNo rotation is possible."
        )
        == []
    )


@pytest.mark.parametrize(
    ("table", "prefix", "codes", "data"), TOPICS, ids=[t[1].rstrip("_") for t in TOPICS]
)
def test_every_reason_code_has_a_chinese_and_an_english_phrase(table, prefix, codes, data):
    for code in codes:
        key = f"{prefix}{code}"
        assert key in table, f"no phrase for {codes.__name__}.{code.name}"
        zh, en = table(key, "zh", **data), table(key, "en", **data)
        assert CJK.search(zh) and not english_inside_chinese(zh), zh
        assert not CJK.search(en) and en, en


# ---------------------------------------------------------------- the reasons, rendered


def _flat_panel() -> pd.DataFrame:
    """Everyone trained in the same week: the Goodman-Bacon decomposition is undefined."""
    return pd.DataFrame(
        {
            "id": [1, 1, 1, 2, 2, 2],
            "t": [1, 2, 3] * 2,
            "y": [0.0, 1.0, 2.0, 0.0, 2.0, 3.0],
            "g": [2] * 6,
        }
    )


def test_bacon_reason_is_worded_in_the_report_language():
    bac = bacon_decomposition(_flat_panel(), "y", "id", "t", "g")
    assert bac.reason_code is BaconReason.NO_VARIATION
    zh = phrase("no_bacon", "zh", why=lambda side: eff.bacon_reason(bac.reason_code, side))
    assert zh.startswith("Goodman-Bacon 分解无法进行：") and not english_inside_chinese(zh)
    en = phrase("no_bacon", "en", why=lambda side: eff.bacon_reason(bac.reason_code, side))
    assert "does not vary" in en


def test_monitoring_reasons_are_worded_in_the_report_language():
    rotation = rotate_inspectors({"T1": 30, "T2": 30}, ["A"], max_agents=25)
    assert rotation.reason_code is RotationReason.INFEASIBLE
    zh = mon_report.rotation_none(rotation, "zh")
    assert "下季度轮换无可行方案" in zh and "25" in zh and not english_inside_chinese(zh)
    vc = {"agent": 1.0, "inspector": 0.0, "agent_inspector": 1.0, "residual": 4.0}
    for need in (
        calls_needed(vc, 0.8, n_inspectors=2),
        calls_needed({**vc, "agent": 0.0}, 0.8),
        calls_needed({**vc, "agent_inspector": 0.0}, 0.999, max_calls=10),
    ):
        assert need.reason_code is not None
        zh = MONITORING(
            "need_none", "zh", target="0.80", reason=mon_report.calls_reason(need, "zh")
        )
        assert not english_inside_chinese(zh), zh
    assert calls_needed({**vc, "agent_inspector": 0.0}, 0.999, max_calls=10).reason_code is (
        CallsReason.TOO_MANY
    )
    assert dstudy({**vc, "agent": 0.0}, 4).reason_code is DStudyReason.NO_AGENT_VARIANCE


# ---------------------------------------------------------------- the executed reports


def _report_text(executed) -> str:
    """Markdown, HTML and plain-text outputs of an executed notebook, tags removed."""
    nb = nbformat.read(executed, as_version=4)
    parts = []
    for cell in nb.cells:
        if cell.cell_type == "markdown" and "lang-en" not in cell.metadata.get("tags", []):
            parts.append(cell.source)
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            for mime in ("text/markdown", "text/html"):
                if mime in data:
                    parts.append(html.unescape(re.sub(r"<[^>]+>", "\n", data[mime])))
    return "\n".join(parts)


@pytest.mark.parametrize(
    "notebook",
    [
        pytest.param(nb, marks=pytest.mark.xdist_group(group(nb, "zh")), id=nb.stem)
        for nb in NOTEBOOKS
        if nb.stem.startswith(("03", "05"))
    ],
)
def test_no_english_sentence_inside_a_chinese_sentence_of_reports_03_and_05(notebook, report_runs):
    run = report_runs.get(notebook, "zh")
    found = english_inside_chinese(_report_text(run.executed))
    assert not found, f"{notebook.stem}: English inside Chinese sentences: {found}"
