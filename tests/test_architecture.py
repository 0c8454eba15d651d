"""Architecture rules that import-linter cannot express as allow-lists.

* ``cslib.stats`` is pure numerics: from cslib it may import only ``cslib.core.errors`` and
  its own modules, and from outside only the numerical libraries listed here and the
  standard library — anything new must be added here on purpose.
* No module imports another module's private name (``from x import _y``): what two modules
  share is public, named and documented where it lives.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "cslib"
STATS_MAY_IMPORT = {"numpy", "pandas", "scipy", "statsmodels", "krippendorff"}


def _imports(path: Path) -> list[tuple[int, str, list[str]]]:
    """(line, module, imported names) for every import statement of a file."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.extend((node.lineno, a.name, []) for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            out.append((node.lineno, node.module, [a.name for a in node.names]))
    return out


def _modules(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.py"))


def _stats_violations(path: Path) -> list[str]:
    wrong = []
    for line, module, _ in _imports(path):
        top = module.split(".")[0]
        if top == "cslib":
            ok = module == "cslib.core.errors" or module.startswith("cslib.stats")
        else:
            ok = top in STATS_MAY_IMPORT or top in sys.stdlib_module_names or top == "__future__"
        if not ok:
            wrong.append(f"line {line}: {module}")
    return wrong


def _private_imports(path: Path) -> list[str]:
    return [
        f"line {line}: {name} from {module}"
        for line, module, names in _imports(path)
        if module.startswith("cslib")
        for name in names
        if name.startswith("_") and not name.startswith("__")
    ]


@pytest.mark.parametrize("path", _modules(PACKAGE / "stats"), ids=lambda p: p.name)
def test_stats_imports_only_what_the_allow_list_names(path):
    assert not _stats_violations(path), f"{path.name} imports what stats may not"


@pytest.mark.parametrize("path", _modules(PACKAGE), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_private_name_is_imported_from_another_module(path):
    assert not _private_imports(path), f"{path.relative_to(PACKAGE)} imports private names"


def test_the_rules_see_a_violation(tmp_path):
    """The scans themselves work: planted violations are found."""
    bad = tmp_path / "bad.py"
    bad.write_text(
        "import matplotlib.pyplot as plt\n"
        "from cslib.core.params import X\n"
        "from cslib.stats.x import _y, z\n"
    )
    assert _stats_violations(bad) == ["line 1: matplotlib.pyplot", "line 2: cslib.core.params"]
    assert _private_imports(bad) == ["line 3: _y from cslib.stats.x"]
