"""Optional notebook inputs left empty: the report says what it leaves out and records nothing
about it (one kernel run per case)."""

from __future__ import annotations

import pytest
from report_runs import group

from cslib.reporting import runner
from cslib.reporting.records import read_records


def test_notebook_02_without_comparison_weights(tmp_path):
    nb = runner.find_notebook("02")
    result = runner.execute(
        nb, {"compare_weights_path": "", "lang": "en"}, output_dir=tmp_path, progress=False
    )
    html = result.html.read_text(encoding="utf-8")
    assert "No comparison weights were given" in html
    records = read_records(result.executed)
    assert "ahp_combined_weights" in records
    assert "ahp_vs_other_spearman" not in records
    figures = {p.name for p in (tmp_path / "02_consistency_checks").glob("*.png")}
    assert figures and "ahp_weight_comparison.png" not in figures


@pytest.mark.xdist_group(group(runner.find_notebook("02"), "zh"))
def test_notices_are_notes_in_the_report_language(tmp_path, report_runs):
    """A file read by a guess (';' as separator, a title row above the header) is reported as
    a note under the summary, in the report's language, naming the file but not its folder;
    no Python warning box reaches the report."""
    from cslib.core.paths import project_root
    from cslib.reporting.hygiene import check_report
    from cslib.reporting.index import finish_reports

    sample = project_root() / "data_samples" / "qa_calibration.csv"
    odd = tmp_path / "inputs" / "qa_calibration.csv"
    odd.parent.mkdir()
    lines = sample.read_text(encoding="utf-8").splitlines()
    odd.write_text(
        "\n".join(["QA 校准记录 2026年3月", *(x.replace(",", ";") for x in lines)]) + "\n",
        encoding="utf-8",
    )
    nb = runner.find_notebook("02")
    out = tmp_path / "reports"
    result = runner.execute(
        nb, {"qa_calibration_path": str(odd), "lang": "zh"}, output_dir=out, progress=False
    )
    finish_reports(out)  # as the command line publishes it
    html = result.html.read_text(encoding="utf-8")
    assert check_report(html, "zh") == []
    assert str(odd.parent) not in html and "Warning" not in html
    from bs4 import BeautifulSoup

    tags = BeautifulSoup(html, "html.parser").select("h2, p > strong, li")
    blocks = [(t.name, " ".join(t.get_text(" ", strip=True).split())) for t in tags]
    notes = blocks.index(("strong", "数据与运行说明"))
    assert [text for _, text in blocks[notes + 1 : notes + 3]] == [
        "qa_calibration.csv：各列以 ';' 而非逗号分隔，已按 ';' 分隔读取",
        "qa_calibration.csv：第 2 行为表头，其上的第 1 行（QA 校准记录 2026年3月）作为标题已跳过",
    ]
    sections = [(i, text) for i, (name, text) in enumerate(blocks) if name == "h2"]
    assert sections[0][1].startswith("摘要") and sections[1][1].startswith("1 AHP")
    assert sections[0][0] < notes < sections[1][0]
    # read the same way as the sample: the report's numbers are those of the sample's report
    # (the shared run's folder also holds report 01, whose weights it compares with instead of
    # the published table: cslib.reporting.earlier_results; this run has no report 01)
    same = report_runs.get(nb, "zh")
    compared = {"ahp_vs_other_spearman", "ahp_vs_other_kendall", "ahp_compared_with"}
    ours, theirs = read_records(result.executed), read_records(same.executed)
    assert ours["ahp_compared_with"] == "file" and theirs["ahp_compared_with"] == "report_01"
    assert {k: v for k, v in ours.items() if k not in compared} == {
        k: v for k, v in theirs.items() if k not in compared
    }
