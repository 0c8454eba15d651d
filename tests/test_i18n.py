"""The language rules of cslib.core.i18n, and a guard that no module elsewhere branches on the
language itself (every zh/en decision goes through core.i18n)."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

from cslib.core.errors import InputError
from cslib.core.i18n import (
    both_sides,
    choose,
    clause_separator,
    concat_lists,
    each_language,
    html_lang,
    join_and,
    join_languages,
    languages,
    list_separator,
    merge_languages,
    name_side,
    per_language,
    pick,
    quote,
    sentence_separator,
)

CSLIB = Path(__file__).resolve().parents[1] / "cslib"

#: Modules allowed to compare a language to "zh"/"en" themselves: the rules in core.i18n, and
#: the hygiene checker, whose rules are about text of one given language.
ALLOWED = {"core/i18n.py", "reporting/hygiene.py"}
LANGUAGE_LITERALS = {"zh", "en", "zh+en"}


def _is_lang_literal(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and node.value in LANGUAGE_LITERALS


def _holds_lang_literal(node: ast.AST) -> bool:
    if _is_lang_literal(node):
        return True
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return any(_is_lang_literal(e) for e in node.elts)
    return False


def _is_languages_call(node: ast.AST) -> bool:
    func = node.func if isinstance(node, ast.Call) else None
    return (isinstance(func, ast.Name) and func.id == "languages") or (
        isinstance(func, ast.Attribute) and func.attr == "languages"
    )


def _lang_keyed_dict(node: ast.AST) -> bool:
    return isinstance(node, ast.Dict) and {"zh", "en"} <= {
        k.value for k in node.keys if isinstance(k, ast.Constant)
    }


def language_branches(source: str) -> list[tuple[int, str]]:
    """Lines of ``source`` that decide on the language by themselves.

    Flagged: ``x == "en"`` / ``x != "zh"`` / ``x in ("zh", "en")`` (any comparison with a
    language literal, except ``"en" in languages(lang)``), ``if zh`` / ``… if en else …`` on a
    variable named ``zh`` or ``en``, and a ``{"zh": …, "en": …}`` literal looked up directly.
    """
    out = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            if any(_holds_lang_literal(o) for o in operands) and not all(
                isinstance(op, ast.In | ast.NotIn) for op in node.ops
            ):
                out.append((node.lineno, "compares a language to a literal"))
            elif any(_holds_lang_literal(o) for o in operands) and not any(
                _is_languages_call(o) for o in node.comparators
            ):
                out.append((node.lineno, "tests membership against language literals"))
        elif isinstance(node, ast.If | ast.IfExp | ast.While):
            test = node.test.operand if isinstance(node.test, ast.UnaryOp) else node.test
            if isinstance(test, ast.Name) and test.id in ("zh", "en"):
                out.append((node.lineno, f"branches on a variable named {test.id!r}"))
        elif isinstance(node, ast.Subscript) and _lang_keyed_dict(node.value):
            out.append((node.lineno, "looks up a {'zh': …, 'en': …} literal"))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "get"
            and _lang_keyed_dict(node.func.value)
        ):
            out.append((node.lineno, "looks up a {'zh': …, 'en': …} literal"))
    return sorted(out)


@pytest.mark.parametrize(
    "snippet",
    [
        'x = "a" if lang == "zh" else "b"',
        'if lang != "en":\n    pass',
        'if side == "zh+en":\n    pass',
        'sep = "、" if zh else ", "',
        'if lang in ("zh", "zh+en"):\n    pass',
        'x = {"zh": "、", "en": ", "}[lang]',
        'x = {"zh": "、", "en": ", "}.get(lang, "; ")',
        "if not en:\n    pass",
    ],
)
def test_guard_finds_language_branches(snippet):
    assert language_branches(snippet), snippet


@pytest.mark.parametrize(
    "snippet",
    [
        'x = pick("是", "yes", lang)',
        'x = choose("name_zh", "name_en", lang)',
        'if "en" not in languages(lang):\n    pass',
        'TAGS = {"zh": "lang-zh", "en": "lang-en"}',
        'if level == "top":\n    pass',
    ],
)
def test_guard_lets_helper_calls_pass(snippet):
    assert not language_branches(snippet), snippet


def test_no_language_branches_outside_core_i18n():
    found = []
    for path in sorted(CSLIB.rglob("*.py")):
        rel = path.relative_to(CSLIB).as_posix()
        if rel in ALLOWED:
            continue
        for line, what in language_branches(path.read_text(encoding="utf-8")):
            found.append(f"cslib/{rel}:{line}: {what}")
    assert not found, "language decided outside cslib.core.i18n:\n" + "\n".join(found)


NOTEBOOKS = CSLIB.parent / "notebooks"


def _code_without_magics(source: str) -> str:
    """A code cell as Python: IPython magics and shell lines (``%…``, ``!…``) blanked."""
    return "\n".join("" if ln.lstrip().startswith(("%", "!")) else ln for ln in source.splitlines())


def test_no_language_branches_in_notebooks():
    """Notebooks stay thin: words come from cslib phrase tables, languages from core.i18n.

    Markdown cells tagged ``lang-zh``/``lang-en`` hold static prose; code cells must not
    decide on the language themselves.
    """
    import nbformat

    notebooks = sorted(NOTEBOOKS.glob("*.ipynb"))
    assert notebooks, f"no notebooks under {NOTEBOOKS}"
    found = []
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        for number, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            for line, what in language_branches(_code_without_magics(cell.source)):
                found.append(f"notebooks/{path.name}, cell {number}, line {line}: {what}")
    assert not found, "language decided in a notebook:\n" + "\n".join(found)


def test_notebook_guard_sees_code_cells():
    """The notebook scan finds a branch in a code cell and ignores magics and markdown."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell('x = "a" if lang == "zh" else "b"'),
        nbformat.v4.new_code_cell('%matplotlib inline\ntitle = "标题" if zh else "Title"'),
    ]
    cells = [c for c in nb.cells if c.cell_type == "code"]
    assert [
        line for c in cells for line, _ in language_branches(_code_without_magics(c.source))
    ] == [2]


# --------------------------------------------------------------------------- the helpers
def test_pick_joins_both_sides_and_skips_an_empty_or_equal_one():
    assert pick("是", "yes", "zh") == "是"
    assert pick("是", "yes", "en") == "yes"
    assert pick("是", "yes", "zh+en") == "是 yes"
    assert pick("是", "yes", "zh+en", sep=" · ") == "是 · yes"
    assert pick("", "yes", "zh+en") == "yes"
    assert pick("是", "", "zh+en") == "是"
    assert pick("CR", "CR", "zh+en") == "CR"
    assert pick("", "yes", "zh") == ""  # one language: no fallback to the other side


@pytest.mark.parametrize(
    "helper",
    [
        languages,
        name_side,
        html_lang,
        both_sides,
        list_separator,
        clause_separator,
        sentence_separator,
        lambda lang: choose(1, 2, lang),
        lambda lang: pick("a", "b", lang),
        lambda lang: quote("x", lang),
        lambda lang: join_and(["a", "b"], lang),
        lambda lang: per_language(lang, str),
    ],
)
@pytest.mark.parametrize("bad", ["fr", "ZH", "zh_en", "", None])
def test_every_helper_rejects_an_unknown_language(helper, bad):
    with pytest.raises(InputError, match="expected 'zh', 'en' or 'zh\\+en'"):
        helper(bad)


def test_sides_chinese_first_and_one_side_chinese_for_bilingual():
    assert languages("zh") == ("zh",)
    assert languages("en") == ("en",)
    assert languages("zh+en") == ("zh", "en")
    assert [name_side(x) for x in ("zh", "en", "zh+en")] == ["zh", "en", "zh"]
    assert [choose("Z", "E", x) for x in ("zh", "en", "zh+en")] == ["Z", "E", "Z"]
    assert [both_sides(x) for x in ("zh", "en", "zh+en")] == [
        ("zh", "en"),
        ("en", "zh"),
        ("zh", "en"),
    ]
    assert [html_lang(x) for x in ("zh", "en", "zh+en")] == ["zh-CN", "en", "zh-CN"]


def test_separators_and_quotes():
    assert [list_separator(x) for x in ("zh", "en", "zh+en")] == ["、", ", ", "; "]
    assert [clause_separator(x) for x in ("zh", "en", "zh+en")] == ["；", "; ", "；"]
    assert [sentence_separator(x) for x in ("zh", "en", "zh+en")] == ["", " ", " "]
    assert [quote("x", x) for x in ("zh", "en", "zh+en")] == ["“x”", "'x'", "“x”"]
    assert join_and([], "zh") == ""
    assert join_and(["甲"], "zh") == "甲"
    assert join_and(["甲", "乙"], "zh") == "甲和乙"
    assert join_and(["a", "b"], "en") == "a and b"
    assert join_and(["甲 a", "乙 b", "丙 c"], "zh+en") == "甲 a; 乙 b; 丙 c"


def test_per_language_join_and_merge():
    calls = []

    def build(side):
        calls.append(side)
        return pick("一。", "One.", side)

    assert join_languages("zh+en", build) == "一。\n\nOne."
    assert calls == ["zh", "en"]
    assert join_languages("en", build) == "One."
    assert merge_languages([["一。", "", "Z"], ["One.", "Two.", "Z"]]) == ["一。 One.", "Two.", "Z"]
    with pytest.raises(ValueError):  # the two languages must say the same number of things
        merge_languages([["一。"], ["One.", "Two."]])
    assert concat_lists([["一"], ["one", "two"]]) == ["一", "one", "two"]


@dataclass(frozen=True)
class _Box:
    n: int

    @each_language()
    def text(self, lang: str = "zh") -> str:
        return pick(f"共{self.n}项", f"{self.n} items", lang)


@each_language(concat_lists)
def _steps(n: int, *, lang: str = "zh") -> list[str]:
    return [pick(f"第{k}步", f"step {k}", lang) for k in range(1, n + 1)]


def test_each_language_decorates_functions_and_methods():
    box = _Box(3)
    assert box.text() == "共3项"
    assert box.text("en") == "3 items"
    assert box.text(lang="zh+en") == "共3项\n\n3 items"
    assert _steps(2, lang="zh+en") == ["第1步", "第2步", "step 1", "step 2"]
    assert _steps(1) == ["第1步"]
    assert _Box.text.__doc__ is None and _Box.text.__name__ == "text"
    with pytest.raises(InputError):
        box.text("fr")
