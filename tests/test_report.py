"""Report helpers: recorded values round-trip; tables are labelled in the report language."""

import nbformat
import numpy as np
import pandas as pd
import pytest

from cslib.core.errors import InputError
from cslib.reporting.records import RECORD_MIME, _plain, read_records
from cslib.reporting.tables import showing_note, styled_table


def test_styled_table_translates_and_formats():
    frame = pd.DataFrame(
        {
            "indicator_id": ["A", "B"],
            "combined": [0.1234, 0.8766],
            "p": [0.0004, 0.25],
            "stable": [True, False],
            "verdict": ["keep", "drop"],
        }
    )
    html = styled_table(frame, "zh").to_html()
    for text in (
        "指标编号",
        "组合权重",
        "12.34%",
        "&lt;0.001",
        "0.250",
        "是",
        "否",
        "保留",
        "考虑删除",
    ):
        assert text in html, text
    assert "Combined weight" in styled_table(frame, "en").to_html()


def test_meaningful_index_is_kept():
    frame = pd.DataFrame({"mean": [1.0, 2.0]}, index=pd.Index(["T01", "T02"], name="team"))
    html = styled_table(frame, "zh").to_html()
    assert "T01" in html and "班组" in html
    assert "T01" not in styled_table(frame.reset_index(drop=True), "zh").to_html()


def test_records_round_trip(tmp_path):
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("")
    value = {"w": np.float64(0.25), "ids": np.array([1, 2]), "nan": float("nan")}
    cell.outputs = [
        nbformat.v4.new_output(
            "display_data", data={RECORD_MIME: {"name": "x", "value": _plain(value)}}
        )
    ]
    nb.cells = [cell]
    path = tmp_path / "nb.ipynb"
    nbformat.write(nb, path)
    assert read_records(path) == {"x": {"w": 0.25, "ids": [1, 2], "nan": None}}


@pytest.mark.parametrize(
    ("shown", "total", "en", "zh"),
    [
        (
            12,
            36,
            "Showing 12 of 36 rows; the full table is in [x.csv](x.csv).",
            "显示前 12 行，共 36 行；完整表格见 [x.csv](x.csv)。",
        ),
        (0, 1, "Showing 0 of 1 rows; the full table is in [x.csv](x.csv).", "显示前 0 行，共 1 行"),
        (36, 36, "All 36 rows; also in [x.csv](x.csv).", "共 36 行，完整表格另见 [x.csv](x.csv)。"),
        (40, 36, "All 36 rows; also in [x.csv](x.csv).", "共 36 行"),
    ],
)
@pytest.mark.parametrize("file", ["x.csv", "/some/dir/x.csv", "C:\\reports\\x.csv"])
def test_showing_note_one_wording(shown, total, en, zh, file):
    """The one note under shortened tables (notebooks 03 and 04): a file name, never a path."""
    assert showing_note(shown, total, file, "en") == en
    assert showing_note(shown, total, file, "zh").startswith(zh)
    both = showing_note(shown, total, file, "zh+en")
    assert both.startswith(showing_note(shown, total, file, "zh")) and both.endswith(en)


def test_showing_note_rejects_bad_input():
    with pytest.raises(InputError, match="column 'lang'"):
        showing_note(1, 2, "x.csv", "fr")
    with pytest.raises(ValueError, match="non-negative"):
        showing_note(-1, 2, "x.csv", "en")
