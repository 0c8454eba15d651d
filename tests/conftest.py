"""Shared fixtures: the sample framework and ratings, and small file writers."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data_samples"


@pytest.fixture(scope="session")
def framework():
    from cslib.core.framework import load_framework

    return load_framework(SAMPLES / "framework_complaint_handling.yaml")


@pytest.fixture(scope="session")
def ratings(framework):
    from cslib.delphi.io import read_ratings

    return read_ratings(SAMPLES / "delphi_ratings.csv", framework)


@pytest.fixture
def write(tmp_path):
    """Write text to a file in tmp_path and return its path."""

    def _write(name: str, text: str, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding=encoding)
        return path

    return _write
