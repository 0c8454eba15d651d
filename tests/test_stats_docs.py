"""Every public function and result class of ``cslib.stats`` shows how it is used.

The ``Examples`` sections are run as doctests (``pytest --doctest-modules cslib``), so an
example that stops being true fails the build; this test makes sure none is missing.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest

import cslib.stats


def _public_objects() -> list[tuple[str, object]]:
    out = []
    for info in sorted(pkgutil.iter_modules(cslib.stats.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"cslib.stats.{info.name}")
        names = getattr(module, "__all__", None) or [
            n for n in vars(module) if not n.startswith("_")
        ]
        for name in sorted(names):
            obj = getattr(module, name)
            if (inspect.isfunction(obj) or inspect.isclass(obj)) and (
                obj.__module__ == module.__name__
            ):
                out.append((f"{module.__name__}.{name}", obj))
    return out


PUBLIC = _public_objects()


def test_the_walk_finds_the_stats_api():
    names = {n for n, _ in PUBLIC}
    # functions, result dataclasses and a Literal-free class from several modules
    assert {
        "cslib.stats.ahp.priorities",
        "cslib.stats.ahp.Consistency",
        "cslib.stats.agreement.icc_table",
        "cslib.stats.panel.EventStudyResult",
        "cslib.stats.power.SampleSize",
    } <= names
    assert len(PUBLIC) > 80


@pytest.mark.parametrize(("name", "obj"), PUBLIC, ids=[n for n, _ in PUBLIC])
def test_public_stats_object_has_a_doctest_example(name, obj):
    doc = inspect.getdoc(obj) or ""
    assert "Examples\n--------" in doc, f"{name}: no Examples section"
    assert ">>> " in doc.split("Examples\n--------", 1)[1], f"{name}: Examples without >>>"
