"""Locate the project root and resolve parameter paths against it.

Notebooks run with their own folder as working directory in JupyterLab but with
the project root under the runner; resolving every path parameter against the
project root makes the same parameter values work in both.
"""

from __future__ import annotations

import os
from pathlib import Path

_MARKERS = ("pyproject.toml", "environment.yml")


def project_root(start: str | Path | None = None) -> Path:
    """Return the nearest folder at or above ``start`` (default: cwd) holding ``pyproject.toml``.

    ``CSLIB_ROOT`` in the environment overrides the search.
    """
    env = os.environ.get("CSLIB_ROOT")
    if env:
        return Path(env).resolve()
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if all((folder / m).exists() for m in _MARKERS[:1]) and (folder / "cslib").is_dir():
            return folder
    # run from elsewhere (a study folder): the project this package is installed from
    package_root = Path(__file__).resolve().parents[2]
    if (
        start is None
        and (package_root / "notebooks").is_dir()
        and (package_root / "cslib").is_dir()
    ):
        return package_root
    return here


def resolve(path: str | Path) -> Path:
    """Resolve a (possibly relative) parameter path against the project root."""
    p = Path(path).expanduser()
    return p if p.is_absolute() else project_root() / p
