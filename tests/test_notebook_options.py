"""Optional notebook inputs left empty: the report says what it leaves out and records nothing
about it (one kernel run per case)."""

from __future__ import annotations

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
