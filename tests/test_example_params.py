"""examples/my_study.yaml is a valid parameter file for `python -m cslib run --params`."""

from __future__ import annotations

from pathlib import Path

import yaml

from cslib.cli import _params_for
from cslib.reporting import runner

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "my_study.yaml"


def test_every_name_is_a_parameter_and_every_path_exists():
    params = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    notebooks = {nb.stem: runner.notebook_parameters(nb) for nb in runner.discover(ROOT)}
    top = {k: v for k, v in params.items() if not isinstance(v, dict)}
    blocks = {k: v for k, v in params.items() if isinstance(v, dict)}
    assert set(blocks) <= set(notebooks), "a block is not named after a notebook"
    for name in top:
        assert any(name in known for known in notebooks.values()), name
    for stem, block in blocks.items():
        unknown = set(block) - set(notebooks[stem])
        assert not unknown, f"{stem}: {unknown}"
    for stem, known in notebooks.items():
        chosen = _params_for(stem, params, known, {})
        for name, value in chosen.items():
            if name.endswith("_path") and value:
                assert (ROOT / value).is_file(), f"{stem}.{name}: {value}"
    assert top["lang"] in ("zh", "en", "zh+en")


def test_the_file_has_comments_in_both_languages():
    text = EXAMPLE.read_text(encoding="utf-8")
    assert "用法 Usage" in text and "report language" in text and "报告语言" in text
