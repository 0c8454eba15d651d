"""Notebooks stay thin: no arithmetic in their code cells.

A notebook loads parameters, calls ``cslib`` and shows what comes back; a number it computes
itself is a number no unit test checks.  This scans every code cell of every notebook (with
``ast``) for the arithmetic operators ``+ - * / // % ** @`` and their augmented assignments,
and fails listing notebook, cell and line.  Allowed, because they are display formatting and
not arithmetic:

* operations whose operands are all literals (``1 / 3``, ``-1``);
* string building: ``+`` with a string literal or f-string on either side, and ``%`` with a
  string literal on the left (``"**" + title + "**"``, ``"%d" % n``);
* list building: ``+`` or ``+=`` with a list, tuple or comprehension literal
  (``cols + ["note"]``);
* path joining: ``/`` with a string literal or f-string on the right (``out / "plan.xlsx"``),
  or with ``Path(...)`` / ``resolve(...)`` on the left.

Everything else is a finding, even where the operand happens to be text (``text += part``):
the scan reads syntax, not types, and such a line is better as one call into ``cslib``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import nbformat
import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))
ARITHMETIC = (
    ast.Add,
    ast.Sub,
    ast.Mult,
    ast.Div,
    ast.FloorDiv,
    ast.Mod,
    ast.Pow,
    ast.MatMult,
)


def _is_literal(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.UnaryOp):
        return _is_literal(node.operand)
    if isinstance(node, ast.BinOp):
        return _is_literal(node.left) and _is_literal(node.right)
    return False


def _is_text(node: ast.expr) -> bool:
    """A string literal, an f-string, or string building made of them."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.JoinedStr):
        return True
    return isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) and _is_text_concat(node)


def _is_text_concat(node: ast.BinOp) -> bool:
    return _is_text(node.left) or _is_text(node.right)


def _is_list(node: ast.expr) -> bool:
    return isinstance(node, (ast.List, ast.Tuple, ast.ListComp))


def _is_path(node: ast.expr) -> bool:
    """``Path(...)``, ``resolve(...)`` or a path joined from one."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        return node.func.id in ("Path", "resolve")
    return isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div) and _is_path(node.left)


def _allowed(node: ast.BinOp) -> bool:
    if _is_literal(node):
        return True
    if isinstance(node.op, ast.Add) and (
        _is_text_concat(node) or _is_list(node.left) or _is_list(node.right)
    ):
        return True
    if isinstance(node.op, ast.Mod) and _is_text(node.left):
        return True
    return isinstance(node.op, ast.Div) and (_is_text(node.right) or _is_path(node.left))


def _source(cell_source: str) -> str:
    """The cell without IPython magics and shell lines (kept as blank lines for numbering)."""
    return "\n".join(
        "" if line.lstrip().startswith(("%", "!")) else line for line in cell_source.splitlines()
    )


def arithmetic_findings(path: Path) -> list[str]:
    """``notebook, cell N, line L: <code>`` for each arithmetic operation in a code cell."""
    nb = nbformat.read(path, as_version=4)
    out: list[tuple[int, int, str]] = []
    for number, cell in enumerate(nb.cells, start=1):
        if cell.cell_type != "code":
            continue
        source = _source(cell.source)
        lines = source.splitlines()
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.BinOp) and isinstance(node.op, ARITHMETIC):
                if _allowed(node):
                    continue
            elif isinstance(node, ast.AugAssign) and isinstance(node.op, ARITHMETIC):
                if isinstance(node.op, ast.Add) and (_is_list(node.value) or _is_text(node.value)):
                    continue
            else:
                continue
            out.append((number, node.lineno, lines[node.lineno - 1].strip()))
    return [f"{path.name}, cell {c}, line {n}: {code}" for c, n, code in sorted(set(out))]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_code_cells_do_no_arithmetic(path):
    found = arithmetic_findings(path)
    assert not found, "arithmetic in notebook code cells:\n" + "\n".join(found)


def test_the_scan_sees_arithmetic_and_lets_formatting_pass(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell(
            "%matplotlib inline\n"
            "x = a.mean() * 100\n"
            "y = 1 / 3\n"
            'title = "**" + name + "**"\n'
            'path = out / "plan.xlsx"\n'
            'line = "%d calls" % n\n'
            "total += n\n"
            "show(-1)\n"
            "z = a @ b\n"
            "w = f'{n}' + suffix\n"
            'cols = cols + ["note"]\n'
            "cols += [c for c in extra]\n"
            "p = Path(resolve(d)) / name\n"
            "r = total / name\n"
        ),
        nbformat.v4.new_markdown_cell("1 + 1"),
    ]
    path = tmp_path / "nb.ipynb"
    nbformat.write(nb, path)
    assert arithmetic_findings(path) == [
        "nb.ipynb, cell 1, line 2: x = a.mean() * 100",
        "nb.ipynb, cell 1, line 7: total += n",
        "nb.ipynb, cell 1, line 9: z = a @ b",
        "nb.ipynb, cell 1, line 14: r = total / name",
    ]
