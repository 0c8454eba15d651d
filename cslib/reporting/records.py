"""Recorded values: key numbers a notebook stores for regression tests.

:func:`record` puts a named value into the executed notebook as a custom MIME output
(invisible in the HTML report).  The notebook regression tests read those values back with
:func:`read_records` and compare them with stored expected values, so volatile output
(timings, memory addresses, figure bytes) never enters the comparison.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

RECORD_MIME = "application/vnd.cslib.record+json"


def _plain(value: Any) -> Any:
    """Convert numpy / pandas scalars and containers into JSON-safe values."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if hasattr(value, "to_dict") and not isinstance(value, type):
        return _plain(value.to_dict())
    if isinstance(value, np.ndarray):
        return _plain(value.tolist())
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def record(name: str, value: Any) -> None:
    """Record ``value`` under ``name`` in the executed notebook (not shown in reports)."""
    from IPython.display import display

    display({RECORD_MIME: {"name": name, "value": _plain(value)}}, raw=True)


def read_records(notebook: str | Path) -> dict[str, Any]:
    """Return every value recorded with :func:`record` in an executed notebook."""
    import nbformat

    nb = nbformat.read(str(notebook), as_version=4)
    found: dict[str, Any] = {}
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if RECORD_MIME in data:
                payload = data[RECORD_MIME]
                if isinstance(payload, str):
                    payload = json.loads(payload)
                found[payload["name"]] = payload["value"]
    return found
