"""Errors are in the run's language: readers' located errors inside a report run in Chinese.

A notebook's first cell (``check_parameters``) sets the language of errors from its
``lang``; the readers' messages come from the catalogue in ``cslib.core.error_words``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from cslib.core.error_words import EXPECTED, MESSAGES, translate
from cslib.core.errors import InputError
from cslib.core.framework import load_framework
from cslib.core.params import ParameterError, check_parameters
from cslib.core.run_context import _CURRENT, set_message_language
from cslib.delphi.io import read_ratings

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data_samples"


@pytest.fixture
def english_after():
    yield
    set_message_language("en")
    _CURRENT.clear()


def _bad_ratings(folder: Path) -> Path:
    r = pd.read_csv(SAMPLES / "delphi_ratings.csv")
    r.loc[3, "score"] = 7
    r.loc[5, "expert_id"] = None
    path = folder / "专家评分.csv"
    r.to_csv(path, index=False)
    return path


def test_reader_error_follows_the_language_of_the_run(tmp_path, english_after):
    fw = load_framework(SAMPLES / "framework_complaint_handling.yaml")
    path = _bad_ratings(tmp_path)
    with pytest.raises(InputError) as err:
        read_ratings(path, fw)
    assert "row 5, column 'score': expected an integer score from 1 to 5 (found 7)" in str(
        err.value
    )
    check_parameters("01_delphi_weights", {"lang": "zh", "n_boot": 10})  # a notebook's cell 1
    text = str(err.value)  # the same error, shown in a Chinese run
    assert "共 2 处问题" in text
    assert "第 5 行，列“score”：应为 1 到 5 的整数分（实际为“7”）" in text
    assert "第 7 行，列“expert_id”：缺少数值；应为专家编号" in text
    assert "row" not in text and "expected" not in text and "found" not in text
    with pytest.raises(ParameterError) as perr:
        check_parameters("01_delphi_weights", {"lang": "zh", "n_boot": True})
    assert "参数“n_boot”" in str(perr.value)
    check_parameters("01_delphi_weights", {"lang": "en"})
    assert "expected an integer score" in str(err.value)


def test_both_language_messages_give_their_chinese_side(english_after):
    err = InputError.single("qa.csv", "no variance in the scores (分数没有差异)", column="score")
    set_message_language("zh")
    assert str(err) == "qa.csv：列“score”：分数没有差异"


def test_catalogue_patterns_are_whole_and_distinct():
    assert translate("expected a unicorn") is None  # unknown "expected": not half-translated
    assert len({p for p, _ in MESSAGES}) == len(MESSAGES)
    assert len({p for p, _ in EXPECTED}) == len(EXPECTED)


def test_zh_report_run_on_a_bad_file_prints_the_error_in_chinese(tmp_path):
    """The issue's case: ``cslib run 01`` (Chinese by default) on a ratings file with an
    off-scale score and a missing id stops with the located error in Chinese."""
    bad = _bad_ratings(tmp_path)
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    r = subprocess.run(
        [
            sys.executable, "-m", "cslib", "run", "01", "--no-progress",
            "--output-dir", str(tmp_path / "out"),
            "-p", "ratings_path", str(bad),
            "-p", "framework_path", str(SAMPLES / "framework_complaint_handling.yaml"),
            "-p", "n_invited", "26", "-p", "n_boot", "0",
        ],
        capture_output=True, text=True, cwd=tmp_path, env=env, timeout=600,
    )  # fmt: skip
    out = r.stdout + r.stderr
    assert r.returncode != 0, out
    assert "第 5 行，列“score”：应为 1 到 5 的整数分（实际为“7”）" in out, out
    assert "缺少数值；应为专家编号" in out
    assert "expected" not in out and "InputError" not in out and "IPKernelApp" not in out


@pytest.mark.parametrize(
    ("english", "chinese"),
    [
        ("missing value; expected an integer score from 1 to 5", "缺少数值；应为 1 到 5 的整数分"),
        ("expected a number between 0 and 1", "应为 0 到 1 之间的数"),
        ("unknown agent: not in the agent roster", "坐席不在坐席名册中"),
        (
            "duplicate rating of agent A01 by peer R2 on B1 (first given in row 4)",
            "坐席 A01 由 peer R2 对 B1 的评分重复（第 4 行已有）",
        ),
        ("required column is missing; the header has ['a']", "缺少必需的列；表头现有：['a']"),
        ("no worksheet 'R2'; it has ['R1']", "没有名为“R2”的工作表；现有工作表：['R1']"),
    ],
)
def test_catalogue_wording(english, chinese):
    assert translate(english) == chinese
