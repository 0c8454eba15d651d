"""Every rule of the report hygiene checker (cslib.reporting.hygiene) fails on a synthetic leak
and stays quiet on the clean version of the same page."""

from __future__ import annotations

import pytest

from cslib.reporting.hygiene import check_report

ZH_HEAD = "<h1>报告</h1><h2>摘要</h2><p>主要发现。</p>"
EN_HEAD = "<h1>Report</h1><h2>Summary</h2><p>Main findings.</p>"


def rules(body: str, lang: str = "en", head: str | None = None, **kw) -> list[str]:
    head = head if head is not None else (EN_HEAD if lang == "en" else ZH_HEAD)
    return [
        leak.rule for leak in check_report(f"<html><body>{head}{body}</body></html>", lang, **kw)
    ]


def test_clean_pages_pass():
    assert rules("<p>Weights sum to 1; CR = 0.03 (p < 0.001).</p>") == []
    assert rules("<p>权重之和为1，CR为0.03，p < 0.001，Kendall's W = 0.41。</p>", "zh") == []
    assert rules("<p>None of the 26 experts changed their score.</p>") == []


@pytest.mark.parametrize(
    "text",
    [
        "written to /tmp/tmpab12cd/03_course.md",
        "see /home/trainer/data/ratings.csv",
        r"file C:\Users\li\Desktop\a.xlsx",
        "folder ~/study/out/",
        "staging tmpk2j3h4x9 kept",
    ],
)
def test_paths(text):
    assert "path" in rules(f"<p>{text}</p>")


def test_path_rule_leaves_fractions_and_units_alone():
    assert rules("<p>calls/agent and 3/4 of teams, km/h</p>") == []


@pytest.mark.parametrize(
    "text",
    [
        "PublicSaltWarning: the salt is public",
        "UserWarning: something",
        "Warning: low counts",
        "FutureWarning",
    ],
)
def test_warnings(text):
    out = rules(
        f'<div class="jp-OutputArea-output" data-mime-type="application/vnd.jupyter.stderr">'
        f"<pre>{text}</pre></div>"
    )
    assert "warning" in out


@pytest.mark.parametrize(
    "text",
    [
        "Traceback (most recent call last):",
        'File "/x/y.py", line 12, in f',
        "ValueError: bad value",
    ],
)
def test_tracebacks(text):
    assert "traceback" in rules(f"<div class='jp-OutputArea-output'><pre>{text}</pre></div>")


def test_bare_none():
    assert "none" in rules("<table><tr><th>a</th></tr><tr><td>None</td></tr></table>")
    assert "none" in rules("<p>threshold None applied</p>")
    assert "none" in rules("<div class='jp-OutputArea-output'><pre>None</pre></div>")
    assert rules("<p>Most agents passed. None of them failed twice.</p>") == []


@pytest.mark.parametrize("text", ["nan", "NaN", "NaT", "&lt;NA&gt;", "inf", "-inf"])
def test_nan(text):
    assert "nan" in rules(f"<table><tr><th>x</th></tr><tr><td>{text}</td></tr></table>")


def test_nan_rule_leaves_words_alone():
    assert rules("<p>financial information, infinite nanny</p>") == []


def test_reprs():
    assert "repr" in rules("<p>&lt;cslib.x.Result object at 0x7f3a2b1c9d00&gt;</p>")
    assert "repr" in rules("<p>&lt;function f at 0x7f3a2b1c9d00&gt;</p>")


@pytest.mark.parametrize("text", ["轮次 [1, 2]", "written: ['a.md', 'b.csv']", "{'mean': 1}"])
def test_literals(text):
    assert "literal" in rules(f"<p>{text}</p>", "zh")


def test_literal_rule_leaves_intervals_alone():
    assert rules("<p>95% CI [0.12, 0.30], range [-0.5, 1].</p>") == []
    # integer lists look like Python output ("轮次 [1, 2]"): write a scale as 1–5
    assert rules("<p>scale [1, 5], weights [0.1, 0.2, 0.7]</p>") == ["literal", "literal"]


def test_grade_band_in_a_table_cell_is_an_interval():
    # an ascending integer pair in a table cell is a grade band; descending, or in prose, not
    table = "<table><tr><th>band</th></tr><tr><td>{}</td></tr></table>"
    assert rules(table.format("Intermediate [80, 90]; Junior [70, 80]")) == []
    assert rules(table.format("[90, 80]")) == ["literal"]
    assert rules(table.format("[1, 2, 3]")) == ["literal"]
    assert rules("<p>Intermediate [80, 90]</p>") == ["literal"]


def test_zh_method_names_and_accented_names():
    assert rules("<p>Landis–Koch 标准，Hesterberg（2015），Jünger 等</p>", "zh") == []
    assert "script" in rules("<p>用 scipy 求解</p>", "zh")


def test_snake_case_in_prose_and_headers():
    assert "snake_case" in rules("<p>rule combined_is_product failed</p>")
    assert "snake_case" in rules("<table><tr><th>qa_score_before</th></tr></table>")
    assert rules("<p>see training_plan.xlsx</p>") == []
    assert rules("<p>see <code>n_boot</code></p>") == []
    assert rules("<p>rule band_overlap</p>", allow_identifiers=["band_overlap"]) == []


def test_code_cells_are_not_checked():
    code = (
        '<div class="jp-InputArea-editor"><pre>x_y = None  # /tmp/a/b nan</pre></div>'
        "<p>text with <code>df['a_b'] = None</code></p><pre><code>/tmp/x/y</code></pre>"
    )
    assert rules(code) == []


def test_p_zero_in_p_columns_and_prose():
    table = (
        "<table><thead><tr><th></th><th>Adjusted p</th><th>Mean</th></tr></thead>"
        "<tbody><tr><th>A1</th><td>0.000</td><td>0.000</td></tr></tbody></table>"
    )
    assert rules(table) == ["p_zero"]  # the mean column's 0.000 is a value, not a p-value
    zh_table = table.replace("Adjusted p", "校正后P值").replace("Mean", "均值")
    assert rules(zh_table, "zh") == ["p_zero"]
    assert rules("<p>difference (p = 0.000)</p>") == ["p_zero"]
    assert rules("<p>difference (p < 0.001)</p>") == []


def test_first_section_must_be_summary():
    assert rules("", "en", head="<h1>R</h1><h2>Data checks</h2><h2>Summary</h2>") == [
        "first_section"
    ]
    assert rules("", "zh", head="<h1>R</h1><h2>数据检查</h2>") == ["first_section"]
    assert rules("", "en", head="<h1>R</h1><p>no sections</p>") == ["first_section"]
    assert rules("", "zh", head="<h1>R</h1><h2>1. 摘要与建议</h2>") == []
    assert rules("", "zh+en", head="<h2>摘要 Summary</h2>") == []
    assert rules("", "zh+en", head="<h2>摘要</h2>") == ["first_section"]


def test_chinese_in_english_report():
    assert rules("<p>Method: 均值差层次分析法</p>") == ["script"]
    assert rules("<td>课堂面授</td>".join(["<table><tr>", "</tr></table>"])) == ["script"]
    assert rules("<p>Course 周早班1小时</p>", allow_names=["周早班1小时"]) == []


def test_english_in_chinese_report():
    assert rules("<p>agents / teams / ratings</p>", "zh") == ["script"]  # one per block
    (leak,) = check_report(ZH_HEAD + "<p>agents / teams</p>", "zh")
    assert leak.found == "agents teams"
    assert rules("<p>指标 A1、T01、q06，CR、ICC、AHP、KPI、QA、SD、CV、IQR、%，3 s</p>", "zh") == []
    assert rules("<p>文件 training_plan.xlsx、questionnaires/E01.xlsx</p>", "zh") == []
    assert rules("<p>File 培训计划.xlsx</p>", "en") == []
    assert rules("<p>Qwen 模型</p>", "zh", allow_latin=["Qwen"]) == []


def test_bilingual_report_skips_the_script_rule():
    assert rules("<p>权重 weights</p>", "zh+en", head="<h2>摘要 Summary</h2>") == []


def test_leaks_say_where():
    page = "<h2>Summary</h2><h3>Plan</h3><table><tr><th>x</th></tr><tr><td>nan</td></tr></table>"
    (leak,) = check_report(page, "en")
    assert leak.where == "table cell under 'Plan'"
    assert "nan" in leak.describe()


def test_bad_language_is_refused():
    from cslib.core.errors import InputError

    with pytest.raises(InputError):
        check_report("<h2>Summary</h2>", "de")


def test_midnight_datetimes():
    assert rules("<table><tr><th>Week</th></tr><tr><td>2025-06-02 00:00:00</td></tr></table>") == [
        "datetime"
    ]
    assert rules("<p>from 2025-06-02 to 2025-06-09</p>") == []


def test_programmer_plurals():
    assert rules("<p>Scheme check — 1 finding(s)</p>") == ["plural"]
    assert rules("<p>Scheme check — 1 finding</p>") == []


def test_eponymous_methods_in_chinese():
    assert (
        rules(
            "<p>Hedges g、Wilson 区间、Newcombe 差值区间、Kirkpatrick 四级、Goodman-Bacon 分解</p>",
            "zh",
        )
        == []
    )


def test_summary_check_can_be_switched_off():
    page = "<h1>目录</h1><h2>报告</h2>"
    assert [x.rule for x in check_report(page, "zh")] == ["first_section"]
    assert check_report(page, "zh", require_summary=False) == []


def test_a_run_time_at_midnight_is_not_a_leak():
    assert rules("<p>Run date: 2026-11-23 00:00</p>") == []


def test_contents_list_is_not_double_counted():
    page = (
        '<nav class="cslib-toc"><ol><li><a href="#s">Summary</a></li>'
        '<li><a href="#d">Data check 数据</a></li></ol></nav>'
        "<h2 id='s'>Summary</h2><h2 id='d'>Data check 数据</h2>"
    )
    assert [x.rule for x in check_report(page, "en")] == ["script"]  # once, at the heading
