"""Chinese renders in figures on a fresh machine; the feedback workbook holds what a Delphi round needs."""

import warnings

import matplotlib
import pandas as pd
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from cslib.delphi.feedback import HEADER_ROW, write_feedback_workbooks  # noqa: E402
from cslib.reporting.fonts import use_cjk_font  # noqa: E402


def test_bundled_cjk_font_renders_without_missing_glyphs(tmp_path):
    family = use_cjk_font()
    assert family is not None
    fig, ax = plt.subplots()
    ax.set_title("客户信息解读能力 · 自我激励能力")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns "Glyph … missing from font(s)"
        fig.savefig(tmp_path / "zh.png")
    plt.close(fig)


def test_feedback_workbooks_one_per_expert(ratings, tmp_path):
    # one workbook with every expert's scores breached anonymity (issue 12): one per expert
    # (tests/test_feedback.py checks them in detail)
    out = write_feedback_workbooks(ratings, 2, tmp_path / "fb", lang="en", deadline="2026-12-15")
    assert out.summary.parent == tmp_path / "fb" and len(out.experts) == 26
    own = pd.read_excel(dict(out.experts)["E05"], header=HEADER_ROW - 1).set_index("Indicator")
    panel = pd.read_excel(out.summary, sheet_name="Panel", header=2).set_index("Indicator")
    scores = ratings.matrix(2)
    assert own.loc["B4", "Your last score"] == scores.loc["E05", "B4"]
    assert panel.loc["B4", "Panel median (last round)"] == pytest.approx(scores["B4"].median())
    assert not list((tmp_path / "fb").glob(".*"))  # atomic write left no temporary file


def test_atomic_write_has_ordinary_permissions(tmp_path):
    import os

    from cslib.core.io import atomic_path

    with atomic_path(tmp_path / "out.csv") as tmp:
        tmp.write_text("x")
    umask = os.umask(0)
    os.umask(umask)
    assert (tmp_path / "out.csv").stat().st_mode & 0o777 == 0o666 & ~umask
    with pytest.raises(RuntimeError), atomic_path(tmp_path / "half.csv") as tmp:
        tmp.write_text("partial")
        raise RuntimeError("failed half-way")
    assert not (tmp_path / "half.csv").exists() and not list(tmp_path.glob(".half*"))


def test_without_cjk_font_figures_fall_back_to_english(monkeypatch, framework, ratings):
    from cslib.delphi import figures as plots
    from cslib.delphi import statistics as delphi
    from cslib.reporting import fonts
    from cslib.reporting.fonts import CJKFontWarning

    monkeypatch.setattr(fonts, "find_cjk_font", lambda: None)
    with pytest.warns(CJKFontWarning):
        fig = plots.screening_figure(
            delphi.indicator_statistics(ratings, 1), framework, delphi.ScreeningRule(), 1, lang="zh"
        )
    assert fig.axes[0].get_title() == "Round 1 screening: mean and CV"
    plt.close(fig)
