"""Notebook 01 layout (static, no execution): one language per prose cell, the summary first,
no thresholds typed into prose, parameters kept."""

from __future__ import annotations

import json
import re
from pathlib import Path

NB = Path(__file__).resolve().parents[1] / "notebooks" / "01_delphi_weights.ipynb"
CJK = re.compile(r"[\u4e00-\u9fff]")


def _cells():
    return json.loads(NB.read_text(encoding="utf-8"))["cells"]


def _tags(cell):
    return cell["metadata"].get("tags", [])


def test_every_prose_cell_has_one_language():
    for cell in _cells():
        if cell["cell_type"] == "markdown":
            langs = [t for t in _tags(cell) if t.startswith("lang-")]
            assert langs in (["lang-zh"], ["lang-en"]), "".join(cell["source"])[:80]
            if langs == ["lang-en"]:
                assert not CJK.search("".join(cell["source"])), "".join(cell["source"])[:80]


def test_summary_is_the_first_section_in_each_language():
    first = {}
    for cell in _cells():
        if cell["cell_type"] != "markdown":
            continue
        lang = _tags(cell)[0]
        for line in "".join(cell["source"]).splitlines():
            if line.startswith("## ") and lang not in first:
                first[lang] = line
    assert first == {"lang-zh": "## 摘要", "lang-en": "## Summary"}


def test_prose_names_no_threshold_and_no_outside_file():
    prose = "".join("".join(c["source"]) for c in _cells() if c["cell_type"] == "markdown")
    for typed in ("≥ 0.7", "0.7 ", "CR ≤ 0.1", "α = 0.05", "DESIGN"):
        assert typed not in prose, typed


def test_parameters_kept_and_new_ones_appended():
    params = next(c for c in _cells() if "parameters" in _tags(c))
    names = [
        line.split("=")[0].strip()
        for line in "".join(params["source"]).splitlines()
        if "=" in line and not line.startswith("#")
    ]
    earlier = ["framework_path", "ratings_path", "experts_path", "published_table_path"]
    assert names[:4] == earlier
    assert names[-5:] == [
        "authority_min",
        "ahp_cr_max",
        "deadline",
        "responses_path",
        "returns_path",
    ]
    assert "relevance_path" in names and "ci_nominal_min_experts" in names
