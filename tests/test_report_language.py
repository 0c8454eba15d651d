"""One language per report: cells tagged for the other language are dropped from the HTML."""

import nbformat

from cslib.reporting.runner import drop_other_language, report_language


def _nb(lang_param=None, default=None):
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("## 摘要", metadata={"tags": ["lang-zh"]}),
        nbformat.v4.new_markdown_cell("## Summary", metadata={"tags": ["lang-en"]}),
        nbformat.v4.new_code_cell("x = 1"),
    ]
    nb.metadata["papermill"] = {
        "parameters": {"lang": lang_param} if lang_param else {},
        "default_parameters": {"lang": default} if default else {},
    }
    return nb


def _texts(nb):
    return [c.source for c in nb.cells]


def test_english_report_keeps_english_and_untagged_cells():
    nb = _nb("en")
    drop_other_language(nb, report_language(nb))
    assert _texts(nb) == ["## Summary", "x = 1"]


def test_chinese_is_the_default_language():
    nb = _nb()
    assert report_language(nb) == "zh"
    drop_other_language(nb, "zh")
    assert _texts(nb) == ["## 摘要", "x = 1"]


def test_default_parameter_is_used_when_nothing_is_injected():
    assert report_language(_nb(default="en")) == "en"


def test_bilingual_report_keeps_both():
    nb = _nb("zh+en")
    drop_other_language(nb, report_language(nb))
    assert _texts(nb) == ["## 摘要", "## Summary", "x = 1"]
