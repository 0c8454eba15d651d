"""tools/screenshots.py renders pages with headless Chromium (skipped where Chromium is absent)."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("screenshots", ROOT / "tools" / "screenshots.py")
assert spec is not None and spec.loader is not None
screenshots = importlib.util.module_from_spec(spec)
spec.loader.exec_module(screenshots)

CHROMIUM = screenshots.find_chromium()


def test_missing_chromium_is_a_clear_message(tmp_path, capsys):
    assert screenshots.main([str(tmp_path), "--chromium", str(tmp_path / "nope")]) == 2
    assert "apt-get install -y chromium" in capsys.readouterr().err


def test_no_reports_is_a_clear_message(tmp_path, capsys):
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed")
    assert screenshots.main([str(tmp_path)]) == 2
    assert "no HTML reports" in capsys.readouterr().err


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")
def test_png_and_a4_pdf(tmp_path):
    from PIL import Image

    from cslib.reporting.html import ReportMeta, finish_html

    page = finish_html(
        "<html><body><h1>报告</h1><h2>摘要</h2><p>内容</p></body></html>",
        ReportMeta("报告", "Report", run_date="2026-11-23"),
    )
    (tmp_path / "01_x.html").write_text(page, encoding="utf-8")
    (tmp_path / "index.html").write_text("<h1>index</h1>", encoding="utf-8")
    (tmp_path / ".01_x.staging.html").write_text("x", encoding="utf-8")
    out = tmp_path / "shots"
    assert screenshots.main([str(tmp_path), "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["01_x.pdf", "01_x.png", "index.png"]
    assert Image.open(out / "01_x.png").size == (1280, 4000)
    media = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)", (out / "01_x.pdf").read_bytes())
    assert media is not None
    width_pt, height_pt = float(media.group(1)), float(media.group(2))
    assert abs(width_pt - 595.28) < 1.5 and abs(height_pt - 841.89) < 1.5  # A4
