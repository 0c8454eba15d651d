"""The index page (cslib.reporting.index) rebuilt from a reports folder on disk."""

from __future__ import annotations

import nbformat
import pytest
from bs4 import BeautifulSoup

from cslib.reporting.html import ReportMeta, finish_html
from cslib.reporting.hygiene import check_report
from cslib.reporting.index import collect_cards, write_index
from cslib.reporting.records import RECORD_MIME


def _executed(path, records):
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("record(...)")
    cell.outputs = [
        nbformat.v4.new_output("display_data", data={RECORD_MIME: {"name": name, "value": value}})
        for name, value in records.items()
    ]
    nb.cells = [cell]
    nbformat.write(nb, str(path))


@pytest.fixture
def folder(tmp_path):
    meta = ReportMeta(
        "德尔菲权重", "Delphi weights", "专家评分→权重", "Expert ratings → weights",
        run_date="2026-11-20", lang="zh",
    )  # fmt: skip
    page = "<html><body><h1>Delphi</h1><h2>摘要</h2></body></html>"
    (tmp_path / "01_delphi_weights.html").write_text(finish_html(page, meta), encoding="utf-8")
    _executed(
        tmp_path / "01_delphi_weights.ipynb",
        {"headline": {"zh": "26位专家意见趋于一致（W = 0.41）", "en": "Panel agrees (W = 0.41)"}},
    )
    # a plain nbconvert page without cslib meta tags and without a recorded headline
    (tmp_path / "04_training_needs.html").write_text(
        "<html><head><title>Notebook</title></head><body><h1>培训需求</h1></body></html>",
        encoding="utf-8",
    )
    _executed(
        tmp_path / "04_training_needs.ipynb",
        {"headline": "T03组差距最大", "outputs": ["training_plan.xlsx"]},
    )
    for name in (
        "01_weights.csv",
        "01_questionnaire.xlsx",
        "training_plan.xlsx",
        "notes.md",
        "figure.png",
        "ignored.txt",
        ".01_delphi.abc.html",
    ):
        (tmp_path / name).write_text("x", encoding="utf-8")
    staging = tmp_path / ".04_training_needs.k2j3"
    staging.mkdir()
    (staging / "04_training_needs.html").write_text("x", encoding="utf-8")
    (tmp_path / "01_delphi_weights").mkdir()
    (tmp_path / "01_delphi_weights" / "w.png").write_text("x", encoding="utf-8")
    (tmp_path / "questionnaires").mkdir()
    (tmp_path / "questionnaires" / "01_E01.xlsx").write_text("x", encoding="utf-8")
    return tmp_path


def test_cards_from_disk(folder):
    cards, others = collect_cards(folder, "zh")
    assert [c.page for c in cards] == ["01_delphi_weights.html", "04_training_needs.html"]
    delphi, needs = cards
    assert delphi.title == "德尔菲权重" and delphi.purpose == "专家评分→权重"
    assert delphi.run_date == "2026-11-20"
    assert delphi.headline == "26位专家意见趋于一致（W = 0.41）"
    assert delphi.files == (
        "01_delphi_weights/w.png",
        "01_questionnaire.xlsx",
        "01_weights.csv",
        "questionnaires/01_E01.xlsx",
    )
    assert needs.title == "培训需求"  # from the h1, since the page title is "Notebook"
    assert needs.headline == "T03组差距最大"
    assert needs.files == ("training_plan.xlsx",)  # listed in the recorded "outputs"
    assert others == ["figure.png", "notes.md"]


def test_english_headline(folder):
    cards, _ = collect_cards(folder, "en")
    assert cards[0].headline == "Panel agrees (W = 0.41)"


def test_index_page_links_every_output_and_no_hidden_file(folder):
    page = write_index(folder, "zh").read_text(encoding="utf-8")
    soup = BeautifulSoup(page, "html.parser")
    hrefs = {a["href"] for a in soup.find_all("a")}
    assert hrefs == {
        "01_delphi_weights.html",
        "04_training_needs.html",
        "01_weights.csv",
        "01_questionnaire.xlsx",
        "training_plan.xlsx",
        "notes.md",
        "figure.png",
        "questionnaires/01_E01.xlsx",
        "01_delphi_weights/w.png",
    }
    assert ".04_training_needs" not in page and "ignored.txt" not in page
    assert len(soup.select("section.card")) == 2
    assert soup.title.string == "分析报告目录"
    assert "26位专家意见趋于一致" in soup.select(".headline")[0].get_text()
    assert not any(p.name.startswith(".index") for p in folder.iterdir())  # atomic write


def test_index_page_is_clean_in_both_languages(folder):
    for lang in ("zh", "en"):
        page = write_index(folder, lang).read_text(encoding="utf-8")
        leaks = [
            leak
            # the sample reports are Chinese: their titles, purpose and one headline are names here
            for leak in check_report(
                page,
                lang,
                allow_names=["培训需求", "德尔菲权重", "专家评分", "权重", "T03组差距最大"],
            )
            if leak.rule != "first_section"  # the index is not a report: it has no summary
        ]
        assert leaks == [], [leak.describe() for leak in leaks]


def test_missing_headline_is_said(tmp_path):
    (tmp_path / "02_x.html").write_text("<title>X</title>", encoding="utf-8")
    page = write_index(tmp_path, "en").read_text(encoding="utf-8")
    assert "recorded no headline" in page


def test_empty_folder(tmp_path):
    page = write_index(tmp_path, "en").read_text(encoding="utf-8")
    assert "No reports in this folder yet" in page


def test_bad_language(tmp_path):
    from cslib.core.errors import InputError

    with pytest.raises(InputError):
        write_index(tmp_path, "fr")


def test_finish_reports_after_a_real_run(tmp_path):
    """A notebook run by the runner, then finish_reports: finished page and index card."""
    from cslib.reporting import runner
    from cslib.reporting.index import finish_reports

    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell(
        'lang = "zh"\nratings_path = "data_samples/delphi_ratings.csv"\n'
        'n_boot = 1000\noutput_dir = "reports"'
    )
    params.metadata["tags"] = ["parameters"]
    nb.cells = [
        params,
        nbformat.v4.new_code_cell(
            "from IPython.display import Markdown, display\n"
            "from cslib.reporting.records import record\n"
            "display(Markdown('# T\\n\\n## Summary' if lang == 'en' else '# T\\n\\n## 摘要'))\n"
            "record('headline', {'zh': '专家意见一致', 'en': 'The panel agrees'})"
        ),
    ]
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    source = tmp_path / "01_delphi_weights.ipynb"
    nbformat.write(nb, str(source))
    out = tmp_path / "out"
    runner.execute(source, {"lang": "en", "n_boot": 500}, output_dir=out, progress=False)
    index = finish_reports(out)
    page = BeautifulSoup(
        (out / "01_delphi_weights.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert page.title.string == "Delphi consultation and indicator weights"
    line = page.select_one("header.cslib-header").get_text(" ", strip=True)
    assert "Run date: 20" in line and "500 ( n_boot )" in line  # by its label, code in brackets
    # the inputs read, with rows and hash, and the sample-data banner (issue 19)
    assert "delphi_ratings.csv · 728 rows · SHA-256" in line and "Sample data" in line
    assert "data_samples" not in line
    card = BeautifulSoup(index.read_text(encoding="utf-8"), "html.parser")
    assert card.html["lang"] == "en"
    assert card.select_one(".headline").get_text(" ", strip=True).endswith("The panel agrees")


def test_index_groups_by_manifest_and_leaves_out_other_folders(tmp_path):
    """Issue 19: every file under the card of the report that made it (the manifest says which);
    no file of another output folder inside this one, no README no run wrote."""
    import json

    (tmp_path / "01_delphi_weights.html").write_text("<title>D</title>", encoding="utf-8")
    (tmp_path / "04_training_needs.html").write_text("<title>N</title>", encoding="utf-8")
    (tmp_path / "delphi_round2_questionnaires").mkdir()
    for name in ("E01.xlsx", "panel_summary.xlsx", "round2.zip"):
        (tmp_path / "delphi_round2_questionnaires" / name).write_bytes(b"x")
    (tmp_path / "training_plan.xlsx").write_bytes(b"x")
    (tmp_path / "README.md").write_text("repository notes", encoding="utf-8")
    (tmp_path / "my_study").mkdir()  # another run's output folder
    (tmp_path / "my_study" / "index.html").write_text("x", encoding="utf-8")
    (tmp_path / "my_study" / "01_delphi_weights.html").write_text("x", encoding="utf-8")
    (tmp_path / "stray.csv").write_text("a\n", encoding="utf-8")
    manifest = {
        "delphi_round2_questionnaires/E01.xlsx": {"notebook": "01_delphi_weights"},
        "delphi_round2_questionnaires/panel_summary.xlsx": {"notebook": "01_delphi_weights"},
        "delphi_round2_questionnaires/round2.zip": {"notebook": "01_delphi_weights"},
        "training_plan.xlsx": {"notebook": "04_training_needs"},
    }
    (tmp_path / "cslib-manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    cards, others = collect_cards(tmp_path, "en")
    by_page = {c.page: set(c.files) for c in cards}
    assert by_page["01_delphi_weights.html"] == {
        "delphi_round2_questionnaires/E01.xlsx",
        "delphi_round2_questionnaires/panel_summary.xlsx",
        "delphi_round2_questionnaires/round2.zip",
    }
    assert by_page["04_training_needs.html"] == {"training_plan.xlsx"}
    assert others == ["stray.csv"]  # not README.md, nothing of my_study/
