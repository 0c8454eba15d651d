"""The one reader of printed weight tables and its conversion into IndicatorWeights.

Every rejected table must name file, row and column; the expected weights are the printed
combined weights of docs/background.md §1 divided by their exact (decimal) sum.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pandas as pd
import pytest

from cslib.core.errors import InputError
from cslib.core.weight_table import read_weight_table

LEAVES = ("A1", "A2", "A3", "A4", "B1", "B2", "B3", "B4", "C1", "C2", "C3")
COMBINED = ("9.24", "8.58", "10.35", "9.98", "11.55", "10.10", "7.11", "4.71", "8.86", "10.38")
COMBINED += ("9.14",)
HIER = "id,parent,weight,combined\nA,,38.15,\nB,,33.47,\nC,,28.38,\n" + "".join(
    f"{i},{i[0]},1,{v}\n" for i, v in zip(LEAVES, COMBINED, strict=True)
)
FLAT = "indicator_id,weight\n" + "".join(
    f"{i},{v}\n" for i, v in zip(LEAVES, COMBINED, strict=True)
)


def _only(exc: pytest.ExceptionInfo[InputError]):
    (problem,) = exc.value.problems
    return problem.row, problem.column, problem.found


def test_rows_are_spreadsheet_rows(write):
    table = read_weight_table(write("h.csv", HIER))
    assert table.layout == "hierarchical" and table.unit == "percent"
    assert table.rows["A"] == 2 and table.rows["C3"] == 15
    assert table.combined["A"] is None and table.combined["B2"].text == "10.10"


def test_hierarchical_and_flat_give_the_same_weights(write, framework):
    h = read_weight_table(write("h.csv", HIER)).to_indicator_weights(framework)
    f = read_weight_table(write("f.csv", FLAT)).to_indicator_weights(framework)
    assert h.notes == f.notes == ()  # the printed values add up to exactly 100.00
    total = sum(Fraction(v) for v in COMBINED)
    assert total == 100
    for i, v in zip(LEAVES, COMBINED, strict=True):
        assert h.weights[i] == f.weights[i] == float(Fraction(v) / total)


def test_fractions_are_per_cent_exactly(write, framework):
    text = "indicator_id,weight\n" + "".join(
        f"{i},{Decimal(v).scaleb(-2)}\n" for i, v in zip(LEAVES, COMBINED, strict=True)
    )
    table = read_weight_table(write("fr.csv", text))
    assert table.unit == "fraction" and table.layout == "flat"
    b2 = table.combined["B2"]
    assert (b2.text, b2.value, b2.half_unit) == ("10.10", Decimal("10.10"), Decimal("0.005"))
    w = table.to_indicator_weights(framework)
    assert w.weights["B1"] == pytest.approx(0.1155, abs=1e-15) and w.notes == ()
    # a sum of 0.9999: within 0.05 points, renormalised, and the note speaks in fractions
    w = read_weight_table(write("f2.csv", text.replace("B1,0.1155", "B1,0.1154")))
    note = w.to_indicator_weights(framework).notes
    assert note == ("weights sum to 0.9999; renormalised to 1",)
    with pytest.raises(InputError, match=r"weights must sum to 1 \(within 0.0005\).*0\.9"):
        read_weight_table(
            write("f3.csv", text.replace("B1,0.1155", "B1,0.0155"))
        ).to_indicator_weights(framework)


def test_duplicate_id_names_both_rows(write):
    path = write("d.csv", HIER.replace("B3,B,1,7.11", "B2,B,1,7.11"))
    with pytest.raises(
        InputError,
        match=r"d\.csv: row 11, column 'id': duplicate indicator id "
        r"\(first given in row 10\) \(found 'B2'\)",
    ):
        read_weight_table(path)
    path = write("d2.csv", FLAT.replace("B3,", "B2,"))
    with pytest.raises(InputError) as exc:
        read_weight_table(path)
    assert _only(exc) == (8, "indicator_id", "B2")


def test_unknown_id_is_located(write, framework):
    table = read_weight_table(write("u.csv", HIER.replace("C2,C,", "Q2,C,")))
    with pytest.raises(InputError, match=r"u\.csv: row 14, column 'id': unknown indicator id") as e:
        table.to_indicator_weights(framework)
    assert _only(e) == (14, "id", "Q2")
    table = read_weight_table(write("u2.csv", FLAT.replace("A1,", "a1,").replace("C3,", "Z9,")))
    with pytest.raises(InputError) as e:
        table.to_indicator_weights(framework)
    assert [(p.row, p.column, p.found) for p in e.value.problems] == [
        (2, "indicator_id", "a1"),
        (12, "indicator_id", "Z9"),
    ]


def test_missing_combined_weight_of_a_leaf_is_located(write, framework):
    table = read_weight_table(write("m.csv", HIER.replace("B4,B,1,4.71", "B4,B,1,")))
    with pytest.raises(InputError, match="missing weight of a lowest-level indicator") as e:
        table.to_indicator_weights(framework)
    assert _only(e) == (12, "combined", None)


def test_leaf_not_listed(write, framework):
    table = read_weight_table(
        write("n.csv", FLAT.replace("C3,9.14\n", "").replace("C2,10.38", "C2,19.52"))
    )
    with pytest.raises(InputError, match=r"column 'indicator_id': no weight for C3"):
        table.to_indicator_weights(framework)


def test_sum_far_from_100(write, framework):
    table = read_weight_table(write("s.csv", HIER.replace("B1,B,1,11.55", "B1,B,1,1.55")))
    with pytest.raises(InputError, match=r"column 'combined'.*must sum to 100.*they sum to 90"):
        table.to_indicator_weights(framework)


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        ("B3,B,1,7.11", "B3,B,abc,7.11", (11, "weight", "abc")),
        ("B3,B,1,7.11", "B3,B,1,-7.11", (11, "combined", "-7.11")),
        ("B3,B,1,7.11", "B3,B,1,7.11.", (11, "combined", "7.11.")),
        ("B3,B,1,7.11", "B3,X,1,7.11", (11, "parent", "X")),
    ],
)
def test_bad_cells_are_located(write, old, new, where):
    with pytest.raises(InputError) as exc:
        read_weight_table(write("b.csv", HIER.replace(old, new)))
    assert _only(exc) == where
    assert str(exc.value).startswith(str(exc.value.file) + ": row ")


def test_all_bad_cells_in_one_error(write):
    text = HIER.replace("A1,A,1,9.24", "A1,A,x,9.24").replace("C1,C,1,8.86", "C1,C,1,y")
    with pytest.raises(InputError) as exc:
        read_weight_table(write("two.csv", text))
    assert [(p.row, p.column) for p in exc.value.problems] == [(5, "weight"), (13, "combined")]


def test_neither_header(write):
    with pytest.raises(InputError, match=r"row 1: expected columns 'id, parent, weight, combined'"):
        read_weight_table(write("x.csv", "name,value\nA1,3\n"))


def test_per_cent_sign_allowed(write, framework):
    text = HIER.replace(",9.24\n", ",9.24%\n")
    table = read_weight_table(write("p.csv", text))
    assert table.combined["A1"].text == "9.24"
    assert table.to_indicator_weights(framework).weights.sum() == pytest.approx(1.0, abs=1e-12)


# --------------------------------------------------------------- one column as a Series
def test_series_of_the_published_table_keeps_the_printed_numbers():
    """Notebook 02 compares the AHP weights with these; the values are the printed numbers."""
    path = Path(__file__).resolve().parents[1] / "data_samples"
    table = read_weight_table(path / "published_weights_complaint_handling.csv")
    combined = table.series("combined")
    assert tuple(combined.index) == LEAVES  # first-level rows print no combined weight
    assert combined.to_dict() == {i: float(v) for i, v in zip(LEAVES, COMBINED, strict=True)}
    assert combined.name == "combined"
    within = table.series("weight")
    assert len(within) == 14 and within["A"] == 38.15 and within["B1"] == 34.52


def test_series_of_hierarchical_and_flat_tables_agree(write):
    h = read_weight_table(write("h.csv", HIER)).series("combined")
    f = read_weight_table(write("f.csv", FLAT)).series("combined")
    pd.testing.assert_series_equal(h, f)
    # fractions come back in per cent, exactly as the decimal scaled by 100
    text = "indicator_id,weight\n" + "".join(
        f"{i},{Decimal(v).scaleb(-2)}\n" for i, v in zip(LEAVES, COMBINED, strict=True)
    )
    fr = read_weight_table(write("fr.csv", text)).series("combined")
    assert fr.to_dict() == {i: float(Decimal(v)) for i, v in zip(LEAVES, COMBINED, strict=True)}


def test_series_errors_are_located(write):
    with pytest.raises(InputError) as exc:
        read_weight_table(write("neg.csv", "id,parent,weight,combined\nA1,,5,5\nA2,,5,-1\n"))
    assert _only(exc) == (3, "combined", "-1")
    assert "non-negative" in str(exc.value)
    empty = read_weight_table(write("e.csv", "id,parent,weight,combined\nA,,60,\nB,,40,\n"))
    with pytest.raises(InputError, match=r"e\.csv: row 1, column 'combined': no weights") as exc:
        empty.series("combined")
    with pytest.raises(InputError) as exc:
        empty.series("score")  # type: ignore[arg-type]
    assert _only(exc) == (None, "column", "score")
