"""Relevance file reader: sample file, located errors."""

from pathlib import Path

import pytest

from cslib.core.errors import InputError
from cslib.delphi.relevance import read_relevance

SAMPLES = Path(__file__).resolve().parents[1] / "data_samples"


def test_sample_relevance_file(framework):
    rel = read_relevance(SAMPLES / "delphi_relevance.csv", framework)
    assert rel.relevance.shape == (26, 14)
    assert rel.relevance.isin([1, 2, 3, 4]).all().all()
    assert rel.essential is not None and rel.essential.isin([0, 1]).all().all()
    assert list(rel.relevance.columns) == list(framework.ids)


def test_bad_rating_is_located(framework, write):
    path = write("rel.csv", "expert_id,indicator_id,relevance\nE1,A,4\nE1,A1,5\n")
    with pytest.raises(InputError) as err:
        read_relevance(path, framework)
    assert err.value.first.row == 3 and err.value.first.column == "relevance"


def test_incomplete_and_duplicate_are_errors(framework, write):
    ids = list(framework.ids)
    body = "".join(f"E1,{i},4\n" for i in ids) + "".join(f"E2,{i},3\n" for i in ids[:-1])
    path = write("rel.csv", "expert_id,indicator_id,relevance\n" + body)
    with pytest.raises(InputError, match="every expert must rate every indicator"):
        read_relevance(path, framework)
    dup = write(
        "dup.csv", "expert_id,indicator_id,relevance\n" + body + f"E2,{ids[-1]},3\nE2,A,2\n"
    )
    with pytest.raises(InputError) as err:
        read_relevance(dup, framework)
    assert err.value.first.row == 2 + 2 * len(ids)


def test_lawshe_categories(framework, write):
    ids = list(framework.ids)
    body = "".join(f"E1,{i},4,必要\n" for i in ids)
    path = write("rel.csv", "expert_id,indicator_id,relevance,lawshe\n" + body)
    rel = read_relevance(path, framework)
    assert rel.essential is not None and (rel.essential == 1).all().all()
    bad = write("bad.csv", "expert_id,indicator_id,relevance,lawshe\nE1,A,4,maybe\n")
    with pytest.raises(InputError) as err:
        read_relevance(bad, framework)
    assert err.value.first.column == "lawshe"
