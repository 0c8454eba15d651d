"""Notebook 04 figures (cslib.needs.figures): titles, units, values written, legible sizes, no
overlaps.  Geometry is measured on the drawn figure (matplotlib's renderer), not assumed."""

from __future__ import annotations

import itertools

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from cslib.needs import figures as F  # noqa: E402


@pytest.fixture
def team_gaps(framework):
    leaves = list(framework.leaves)
    rng = np.random.default_rng(7)
    data = rng.uniform(0, 0.15, size=(12, len(leaves)))
    return pd.DataFrame(data, index=[f"T{k:02d}" for k in range(1, 13)], columns=leaves)


@pytest.fixture
def profiles(framework, team_gaps):
    leaves = list(framework.leaves)
    rng = np.random.default_rng(3)
    return pd.DataFrame(
        rng.uniform(1.5, 4.8, size=(3, len(leaves))),
        index=["坐席 P1a2b3", "班组 T11 均值", "岗位目标"],
        columns=leaves,
    )


def _boxes(texts, renderer):
    return [t.get_window_extent(renderer) for t in texts if t.get_text().strip()]


def _overlaps(boxes):
    return [
        (a, b)
        for a, b in itertools.combinations(range(len(boxes)), 2)
        if boxes[a].overlaps(boxes[b])
    ]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_heatmap_values_units_and_sizes(team_gaps, framework, lang):
    fig = F.gap_heatmap(team_gaps, framework, lang=lang, fmt="{:.3f}", title="T")
    ax, bar = fig.axes
    assert ax.get_title() == "T"
    assert bar.get_ylabel() == F.PHRASES("figure_gap_unit", lang)  # the colour bar says its unit
    values = [t for t in ax.texts]
    assert len(values) == team_gaps.size  # every cell carries its number
    assert {t.get_text() for t in values} == {f"{v:.3f}" for v in team_gaps.to_numpy().ravel()}
    assert min(t.get_fontsize() for t in values) >= 8
    assert min(t.get_fontsize() for t in ax.get_xticklabels() + ax.get_yticklabels()) >= 8
    assert fig.get_figwidth() <= F.MAX_WIDTH_IN + 3.0
    # the largest value is drawn in white on the darkest cell, the smallest in black
    darkest = max(values, key=lambda t: float(t.get_text()))
    lightest = min(values, key=lambda t: float(t.get_text()))
    assert darkest.get_color() == "white" and lightest.get_color() == "black"
    plt.close(fig)


def test_heatmap_labels_do_not_overlap(team_gaps, framework):
    fig = F.gap_heatmap(team_gaps, framework, lang="zh")
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    ax = fig.axes[0]
    assert _overlaps(_boxes(ax.get_xticklabels(), renderer)) == []
    assert _overlaps(_boxes(ax.get_yticklabels(), renderer)) == []
    assert _overlaps(_boxes(ax.texts, renderer)) == []
    plt.close(fig)


def test_english_heatmap_labels_are_slanted_single_lines(team_gaps, framework):
    fig = F.gap_heatmap(team_gaps, framework, lang="en")
    labels = fig.axes[0].get_xticklabels()
    assert all(t.get_rotation() == 40 and "\n" not in t.get_text() for t in labels)
    plt.close(fig)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_radar_legend_below_and_clear_of_axis_labels(profiles, framework, lang):
    fig = F.radar(profiles, framework, lang=lang, title="雷达")
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    ax = fig.axes[0]
    legend = ax.get_legend().get_window_extent(renderer)
    labels = _boxes(ax.get_xticklabels(), renderer)
    assert len(labels) == len(framework.leaves)
    assert not any(legend.overlaps(b) for b in labels)  # the legend covers no axis label
    assert legend.y1 < ax.get_window_extent(renderer).y0 + 1  # it sits below the chart
    assert _overlaps(labels) == []  # axis labels do not overlap each other
    assert ax.get_legend().get_title().get_text() == F.PHRASES("figure_scale", lang, lo=1, hi=5)
    assert min(t.get_fontsize() for t in ax.get_xticklabels()) >= 8
    assert ax.get_title() == "雷达"
    plt.close(fig)


def test_radar_radial_labels_sit_between_spokes(profiles, framework):
    fig = F.radar(profiles, framework, lang="en")
    ax = fig.axes[0]
    n = len(framework.leaves)
    assert ax.get_rlabel_position() == pytest.approx(180 / n)
    plt.close(fig)
