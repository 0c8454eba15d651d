"""Declared notebook parameters (cslib.core.params): declarations match the notebooks, docs match
the declarations, and validation accepts good values and names bad ones."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import nbformat
import pytest

from cslib.core import params
from cslib.reporting import runner

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = runner.discover(ROOT)


def _cell_defaults(notebook: Path) -> dict[str, object]:
    nb = nbformat.read(notebook, as_version=4)
    cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    out = {}
    for node in ast.parse(cell.source).body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            out[node.targets[0].id] = ast.literal_eval(node.value)
    return out


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[nb.stem for nb in NOTEBOOKS])
def test_declaration_matches_the_parameters_cell(notebook):
    cls = params.declaration(notebook.stem)
    if cls is None:
        pytest.skip(f"{notebook.stem} declares no parameters yet")
    cell = _cell_defaults(notebook)
    declared = params.defaults(notebook.stem)
    assert set(cell) == set(declared), set(cell) ^ set(declared)
    for name, value in cell.items():
        want = declared[name]
        assert value == want or (isinstance(want, tuple) and list(want) == list(value)), name
    params.validate_parameters(notebook.stem, cell)  # the shipped defaults are valid


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[nb.stem for nb in NOTEBOOKS])
def test_notebook_checks_its_parameters_first(notebook):
    if params.declaration(notebook.stem) is None:
        pytest.skip("no declaration")
    nb = nbformat.read(notebook, as_version=4)
    k = next(i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", []))
    first = next(c for c in nb.cells[k + 1 :] if c.cell_type == "code")
    call = rf'check_parameters\(\s*"{notebook.stem}",\s*globals\(\)\s*\)'
    assert re.search(call, first.source), first.source[:200]


def test_docs_are_generated_from_the_declarations():
    doc = (ROOT / "docs" / "parameters.md").read_text(encoding="utf-8")
    assert doc == params.parameters_markdown(), (
        "docs/parameters.md is stale: python -m cslib list --markdown > docs/parameters.md"
    )


def test_check_parameters_reads_only_declared_names():
    ns = {"n_boot": 10, "unrelated": object(), "pd": None}
    assert params.check_parameters("01_delphi_weights", ns).n_boot == 10
    with pytest.raises(params.ParameterError, match="parameter 'n_boot'"):
        params.check_parameters("01_delphi_weights", {"n_boot": True})  # bool is not an int


def test_good_values_in_yaml_types_are_accepted():
    p = params.validate_parameters(
        "04_training_needs",
        {"scale": [1, 7], "source_weights": {"self": 0.5, "leader": 0.5}, "top_k": 3},
    )
    assert p.scale == (1, 7) and p.top_k == 3
    p = params.validate_parameters("01_delphi_weights", {"min_mean": 4, "analysis_round": None})
    assert p.min_mean == 4.0


def test_several_bad_values_are_reported_together():
    with pytest.raises(params.ParameterError) as info:
        params.validate_parameters("02_consistency_checks", {"top_k": 0, "pass_mark": 800})
    text = str(info.value)
    assert "2 bad parameters" in text and "'top_k'" in text and "'pass_mark'" in text


def test_undeclared_notebook_is_not_validated():
    assert params.validate_parameters("99_nothing", {"x": 1}) is None
    assert params.parameter_rows("99_nothing") == []
