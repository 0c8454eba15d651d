"""check_id_variants: every spelling that normalise_id merges is refused, whatever the column type.

The check first compares normalised ids vectorised (pyarrow for ASCII text) and loops in Python
only when two spellings collide; these cases make sure the vectorised pre-check misses none.
"""

from __future__ import annotations

import pandas as pd
import pytest

from cslib.core.errors import InputError
from cslib.core.plausibility import check_id_variants, normalise_id


@pytest.mark.parametrize(
    "variant",
    ["a0001", "A 0001", "A\t0001", "A\x1c0001", " A0001", "Ａ０００１", "ａ0001", "A\u30000001"],
)
@pytest.mark.parametrize("dtype", [object, "str"])
def test_variant_spelling_is_refused(variant, dtype):
    assert normalise_id(variant) == normalise_id("A0001")
    a = pd.DataFrame({"agent_id": pd.Series(["A0001", "A0002"], index=[2, 3], dtype=dtype)})
    b = pd.DataFrame({"agent_id": pd.Series(["A0003", variant], index=[2, 3], dtype=dtype)})
    with pytest.raises(InputError) as err:
        check_id_variants({"sessions.csv": a, "kpi.csv": b})
    problem = err.value.problems[0]
    assert (err.value.file, problem.row, problem.column, problem.found) == (
        "kpi.csv",
        3,
        "agent_id",
        variant,
    )
    assert "differs from 'A0001' (sessions.csv row 2)" in problem.message


@pytest.mark.parametrize("dtype", [object, "str"])
def test_distinct_ids_pass(dtype):
    ids = ["A0001", "A0010", "B0001", "甲01", "A-0001", "A0001x"]
    a = pd.DataFrame({"agent_id": pd.Series(ids + ids, dtype=dtype)})  # repeats are one spelling
    check_id_variants({"a.csv": a, "b.csv": a, "none": None})


def test_within_one_file_and_numbers():
    f = pd.DataFrame({"agent_id": ["x1", "X1"]}, index=[5, 9])
    with pytest.raises(InputError, match=r"row 9.*'X1' differs from 'x1' \(f.csv row 5\)"):
        check_id_variants({"f.csv": f})
    check_id_variants({"n.csv": pd.DataFrame({"agent_id": [1, 2, None]})})
