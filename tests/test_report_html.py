"""The HTML report shell (cslib.reporting.html) on a real nbconvert export of a tiny notebook."""

from __future__ import annotations

import datetime as dt

import nbformat
import pytest
from bs4 import BeautifulSoup

from cslib.reporting.html import (
    ExternalResourceError,
    ReportMeta,
    external_resources,
    file_name,
    finish_html,
    finish_report,
)


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """Execute a small notebook with papermill and export it the way the runner does."""
    import papermill as pm

    from cslib.reporting import runner

    folder = tmp_path_factory.mktemp("tiny")
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# 德尔菲权重\n\n## 摘要\n\n- 结论一\n\n### 下一步\n\n文字"),
        nbformat.v4.new_code_cell(
            "import pandas as pd\npd.DataFrame({f'c{k}': range(3) for k in range(12)})"
        ),
        nbformat.v4.new_markdown_cell("## 明细\n\n### 表格\n\n说明"),
        nbformat.v4.new_code_cell(
            "import matplotlib.pyplot as plt\nfig, ax = plt.subplots()\nax.plot([1, 2])\nplt.show()"
        ),
    ]
    source = folder / "tiny.ipynb"
    nbformat.write(nb, str(source))
    executed = folder / "tiny_out.ipynb"
    pm.execute_notebook(
        str(source),
        str(executed),
        kernel_name=runner._kernel_name(),
        progress_bar=False,
        cwd=str(folder),
    )
    html = runner.export_html(executed, folder / "tiny.html")
    return html.read_text(encoding="utf-8")


META = ReportMeta(
    "德尔菲权重",
    "Delphi weights",
    "把专家评分变成指标权重",
    "Turn expert ratings into indicator weights",
    run_date=dt.date(2026, 11, 23),
    data_files=["/home/someone/study/delphi_ratings.csv", r"C:\Users\x\experts.xlsx"],
    parameters={"n_boot": 1000, "rounds": [1, 2], "analysis_round": None, "exclude": False},
    lang="zh",
)


def test_plain_export_has_the_problems_we_fix(exported):
    # guards the test itself: nbconvert's lab export really loads CDN scripts and says "Notebook"
    assert external_resources(exported)
    assert "<title>Notebook</title>" in exported


def test_finished_page_title_lang_and_no_cdn(exported):
    page = finish_html(exported, META)
    soup = BeautifulSoup(page, "html.parser")
    assert soup.title.string == "德尔菲权重"
    assert soup.html["lang"] == "zh-CN"
    assert external_resources(page) == []
    assert "cdnjs" not in page and "mathjax" not in page.lower()
    # the figure is still there, embedded
    assert soup.find("img")["src"].startswith("data:image/png;base64,")
    assert soup.find("meta", attrs={"name": "cslib-run-date"})["content"] == "2026-11-23"


def test_header_line_names_files_not_paths(exported):
    page = finish_html(exported, META)
    soup = BeautifulSoup(page, "html.parser")
    line = soup.select_one(".cslib-meta").get_text(" ", strip=True)
    assert "运行日期：2026-11-23" in line
    assert "delphi_ratings.csv" in line and "experts.xlsx" in line
    assert "/home/someone" not in page and "Users\\x" not in page
    assert [c.string for c in soup.select(".cslib-meta code")] == [
        "n_boot",
        "rounds",
        "analysis_round",
        "exclude",
    ]
    assert "= 1、2" in line and "= 无" in line and "= 否" in line
    assert "None" not in line and "[" not in line
    assert soup.select_one(".cslib-purpose").string == "把专家评分变成指标权重"


def test_contents_list_links_every_h2_and_h3(exported):
    soup = BeautifulSoup(finish_html(exported, META), "html.parser")
    toc = soup.select_one("nav.cslib-toc")
    top = [li.a.string for li in toc.ol.find_all("li", recursive=False)]
    assert top == ["摘要", "明细"]
    nested = [a.string for a in toc.ol.find_all("li", recursive=False)[0].ol.find_all("a")]
    assert nested == ["下一步"]
    for a in toc.find_all("a"):
        target = a["href"][1:]
        assert soup.find(id=target) is not None, target
    # the contents list does not introduce an h2 before the summary
    assert soup.find("h2").get_text(strip=True).startswith("摘要")


def test_back_link_precedes_title_and_header_follows(exported):
    soup = BeautifulSoup(finish_html(exported, META), "html.parser")
    back = soup.select_one("a.cslib-back")
    assert back["href"] == "index.html" and "返回" in back.string
    h1 = soup.find("h1")
    assert back.find_next("h1") is h1
    assert h1.find_next("header")["class"] == ["cslib-header"]


def test_print_css_and_wide_tables(exported):
    page = finish_html(exported, META)
    assert "@page { size: A4" in page and "@media print" in page
    assert "break-inside: avoid" in page and "overflow: visible !important" in page
    soup = BeautifulSoup(page, "html.parser")
    table = soup.find("table")
    assert "cslib-wide" in table["class"]  # 12 data columns + index: printed smaller


def test_english_page(exported):
    meta = ReportMeta(
        "德尔菲权重", "Delphi weights", run_date=dt.datetime(2026, 11, 23, 9, 5), lang="en"
    )
    soup = BeautifulSoup(finish_html(exported, meta), "html.parser")
    assert soup.title.string == "Delphi weights" and soup.html["lang"] == "en"
    assert soup.select_one(".cslib-meta").get_text() == "Run date: 2026-11-23 09:05"
    assert soup.select_one("a.cslib-back").string == "← All reports"
    assert soup.select_one(".cslib-toc-title").string == "Contents"


def test_finishing_twice_changes_nothing(exported):
    once = finish_html(exported, META)
    twice = finish_html(once, META)
    assert finish_html(twice, META) == twice
    soup = BeautifulSoup(twice, "html.parser")
    assert len(soup.select("header.cslib-header")) == 1
    assert len(soup.select("a.cslib-back")) == 1
    assert len(soup.select("style.cslib-style")) == 1


def test_page_without_h1_gets_one():
    page = finish_html("<html><body><h2>Summary</h2></body></html>", META)
    soup = BeautifulSoup(page, "html.parser")
    assert soup.find("h1").string == "德尔菲权重"
    assert soup.find("h1").find_parent("header") is not None


def test_external_image_is_an_error():
    with pytest.raises(ExternalResourceError, match="http://example.org/a.png"):
        finish_html('<html><body><img src="http://example.org/a.png"></body></html>', META)


def test_bad_language_is_an_input_error():
    from cslib.core.errors import InputError

    with pytest.raises(InputError, match="lang"):
        ReportMeta("a", "b", lang="fr")  # type: ignore[arg-type]


def test_file_name_strips_both_kinds_of_folder():
    assert file_name("/a/b/c.csv") == "c.csv"
    assert file_name(r"D:\x\y.xlsx") == "y.xlsx"
    assert file_name("plain.csv") == "plain.csv"


def test_finish_report_rewrites_atomically(exported, tmp_path):
    path = tmp_path / "01_delphi.html"
    path.write_text(exported, encoding="utf-8")
    finish_report(path, META)
    assert "<title>德尔菲权重</title>" in path.read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["01_delphi.html"]  # no staging file left


def test_very_wide_tables_print_smaller_and_numbers_are_not_split():
    cells = "".join(f"<td>{k}.123</td>" for k in range(16))
    page = finish_html(
        f"<html><body><h2>摘要</h2><table><tr>{cells}</tr></table></body></html>", META
    )
    table = BeautifulSoup(page, "html.parser").find("table")
    assert {"cslib-wide", "cslib-very-wide"} <= set(table["class"])
    assert ".cslib-report td { overflow-wrap: normal; word-break: normal; }" in page


def test_report_meta_for_every_notebook():
    from cslib.reporting import runner
    from cslib.reporting.html import REPORTS, report_meta

    for nb in runner.discover():
        assert nb.stem in REPORTS, nb.stem
        params = runner.notebook_parameters(nb)  # the defaults, as papermill reports them
        _, _, keys = REPORTS[nb.stem]
        assert set(keys) <= set(params), nb.stem  # every key parameter exists
        meta = report_meta(nb.stem, {"framework_path": "data/fw.yaml", "lang": "en"}, run_date="x")
        assert meta.lang == "en" and meta.file_names == ["fw.yaml"] and meta.title


def test_report_meta_file_lists_and_unknown_stem():
    from cslib.reporting.html import report_meta

    meta = report_meta(
        "09_new",
        {"scheme_paths": ["a/k.yaml", "b/q.yaml"], "x_path": "", "lang": "zh"},
        run_date="2026-11-23",
    )
    assert meta.title == "09_new" and meta.file_names == ["k.yaml", "q.yaml"]
    assert dict(meta.parameters) == {}


def test_run_parameters_reads_defaults_as_values():
    from cslib.reporting import runner
    from cslib.reporting.html import report_meta, run_parameters

    nb = runner.find_notebook("04")
    params = run_parameters(nb, {"top_k": 3})
    assert params["top_k"] == 3 and params["pseudonymise"] is True
    assert params["source_weights"] == {"self": 0.2, "leader": 0.4, "qa": 0.25, "peer": 0.15}
    meta = report_meta(nb.stem, params, run_date="2026-11-23")
    assert "ratings.csv" in meta.file_names and "courses.csv" in meta.file_names
    assert meta.parameters["top_k"] == 3 and meta.lang == "zh"


def test_html_exporter_embeds_markdown_images(tmp_path):
    import base64

    from cslib.reporting.html import html_exporter

    png = base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
    )
    (tmp_path / "logo.png").write_bytes(png)
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("## 摘要\n\n![logo](logo.png)")]
    body, _ = html_exporter().from_notebook_node(
        nb, resources={"metadata": {"path": str(tmp_path)}}
    )
    page = finish_html(body, META)
    assert 'src="data:image/png;base64,' in page and 'src="logo.png"' not in page
    assert external_resources(page) == []
    assert "<script src=" not in page
