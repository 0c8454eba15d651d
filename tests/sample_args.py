"""``-p`` arguments that name a notebook's sample inputs explicitly.

A run given one file of the user's own reads nothing else by default (issue 19), so a test
that swaps one sample file for a broken one names the other sample files itself.
"""

from __future__ import annotations

import json

from cslib.core.inputs import SAMPLE_DERIVED
from cslib.core.params import defaults
from cslib.core.study import input_parameters


def sample_args(stem: str, *, but: str) -> list[str]:
    """``-p NAME VALUE`` for every input and sample-derived parameter of ``stem`` except ``but``."""
    values = defaults(stem)
    names = [*input_parameters(stem), *SAMPLE_DERIVED.get(stem, {})]
    args: list[str] = []
    for name in names:
        if name != but and values.get(name) not in ("", None):
            args += ["-p", name, json.dumps(values[name], ensure_ascii=False)]
    return args
