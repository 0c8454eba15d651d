"""Notices: warnings with one sentence per language, shown in reports as notes."""

from __future__ import annotations

import pickle
import re
import warnings

import pytest

from cslib.core.notices import Notice
from cslib.core.plausibility import InputWarning
from cslib.reporting.notices import collect_notices

CJK = re.compile(r"[\u4e00-\u9fff]")


def test_console_and_report_texts():
    n = InputWarning("read with ';'", "按 ';' 读取", "/home/t/in/kpi.csv")
    assert str(n) == "/home/t/in/kpi.csv: read with ';' （按 ';' 读取）"
    assert n.text("zh") == "kpi.csv：按 ';' 读取"
    assert n.text("en") == "kpi.csv: read with ';'"
    assert n.text("zh+en") == "kpi.csv：按 ';' 读取 / kpi.csv: read with ';'"
    assert Notice("a note", "甲").text("en") == "A note"
    with pytest.raises(ValueError, match="lang"):
        n.text("fr")


def test_notice_survives_pickling_and_warns_as_its_class():
    n = InputWarning("en", "中", "f.xlsx", "Sheet1")
    back = pickle.loads(pickle.dumps(n))
    assert type(back) is InputWarning and str(back) == str(n) and back.text("zh") == n.text("zh")
    with pytest.warns(InputWarning, match="f.xlsx \\[sheet 'Sheet1'\\]: en"):
        warnings.warn(n, stacklevel=1)


@pytest.fixture
def restored():
    """Every test here changes the warning machinery; put it back afterwards."""
    with warnings.catch_warnings():
        warnings.resetwarnings()
        yield


def _warn_from_one_line(notices):
    for source in notices:  # one line of code, several files: every file gets its note
        warnings.warn(InputWarning("read with ';'", "按 ';' 读取", source), stacklevel=1)


def test_notices_wait_for_the_summary_then_show_in_place(restored):
    shown: list[str] = []
    notes = collect_notices("zh", display=shown.append)
    _warn_from_one_line(["/a/x.csv", "/a/y.csv", "/a/x.csv"])
    assert shown == []  # held until the summary has been shown
    notes.show()
    assert shown == ["**数据与运行说明**\n\n- x.csv：按 ';' 读取\n- y.csv：按 ';' 读取"]
    warnings.warn(Notice("figures use English labels", "图表改用英文标注"), stacklevel=1)
    assert shown[-1] == "> **说明：** 图表改用英文标注"
    notes.show()  # nothing new: nothing shown
    assert len(shown) == 2


def test_no_notices_show_nothing(restored):
    shown: list[str] = []
    notes = collect_notices("en", display=shown.append)
    notes.show()
    assert shown == [] and notes.markdown() == ""


def test_other_warnings_reach_python_once_even_after_a_rerun(restored):
    seen = []
    warnings.showwarning = lambda message, *args, **kw: seen.append(str(message))
    shown: list[str] = []
    collect_notices("en", display=shown.append)
    notes = collect_notices("en", display=shown.append)  # the set-up cell run again
    warnings.warn("something else", RuntimeWarning, stacklevel=1)
    warnings.warn(Notice("a note", "说明"), stacklevel=1)
    assert seen == ["something else"]
    assert notes.markdown().endswith("- A note")


def test_language_may_change_before_the_summary(restored):
    shown: list[str] = []
    notes = collect_notices("zh", display=shown.append)
    warnings.warn(Notice("figures use English labels", "图表改用英文标注"), stacklevel=1)
    notes.lang = "en"  # notebook 03 writes in English when no CJK font exists
    notes.show()
    assert shown == ["**Notes on the data and this run**\n\n- Figures use English labels"]


def test_markdown_characters_in_file_names_stay_literal(restored):
    shown: list[str] = []
    notes = collect_notices("en", display=shown.append)
    warnings.warn(Notice("read", "读取", "/in/*draft*_v2 [old].csv"), stacklevel=1)
    notes.show()
    assert shown[0].endswith("- \\*draft\\*\\_v2 \\[old\\].csv: read")


def _no_cjk_font(monkeypatch, tmp_path):
    from cslib.reporting import fonts

    monkeypatch.setattr(fonts, "find_cjk_font", lambda: None)
    fonts.use_cjk_font()


def _public_salt(monkeypatch, tmp_path):
    from cslib.core.pseudonyms import SAMPLE_SALT, pseudonymise

    pseudonymise(["A1"], SAMPLE_SALT)


def _new_key(monkeypatch, tmp_path):
    from cslib.core import pseudonyms

    for name in (pseudonyms.SALT_ENV, pseudonyms.SALT_FILE_ENV):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    pseudonyms.load_salt()


def _no_deadline(monkeypatch, tmp_path):
    from cslib.core.framework import load_framework
    from cslib.core.paths import project_root
    from cslib.delphi.feedback import write_feedback_workbooks
    from cslib.delphi.io import read_ratings

    root = project_root() / "data_samples"
    fw = load_framework(root / "framework_complaint_handling.yaml")
    ratings = read_ratings(root / "delphi_ratings.csv", fw)
    write_feedback_workbooks(ratings, ratings.rounds[0], tmp_path / "fb", deadline=None)


@pytest.mark.parametrize(
    ("cause", "words"),
    [
        (_no_cjk_font, "font"),
        (_public_salt, "public sample key"),
        (_new_key, "new random pseudonymisation key"),
        (_no_deadline, "no deadline given"),
    ],
    ids=lambda v: getattr(v, "__name__", v),
)
def test_every_user_warning_of_cslib_is_a_notice_in_both_languages(
    cause, words, monkeypatch, tmp_path
):
    """The warnings cslib raises outside the readers (the readers' ones are checked in
    test_bad_inputs) carry a Chinese sentence as well as the English one, and a report shows
    no folder."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        cause(monkeypatch, tmp_path)
    notices = [w.message for w in caught if isinstance(w.message, Notice)]
    assert len(notices) == 1, [str(w.message) for w in caught]
    (notice,) = notices
    assert words in notice.text("en").lower() and not CJK.search(notice.text("en"))
    assert CJK.search(notice.text("zh"))
    assert str(tmp_path) not in notice.text("zh") + notice.text("en")


def test_every_notebook_collects_its_notices_and_shows_them_after_the_summary():
    import nbformat

    from cslib.core.paths import project_root

    for path in sorted((project_root() / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        code = [c.source for c in nbformat.read(path, 4).cells if c.cell_type == "code"]
        collect = [i for i, src in enumerate(code) if "notices = collect_notices(lang)" in src]
        show = [i for i, src in enumerate(code) if "notices.show()" in src]
        assert collect and show and collect[0] <= show[0], path.name
        summary = [i for i, src in enumerate(code) if "headline(" in src]
        assert show[0] == summary[0], f"{path.name}: notices.show() belongs in the summary cell"


def test_summary_lists_the_analyses_not_run_and_the_file_for_each(restored):
    """In a report run the summary's notes begin with the analyses skipped for want of an
    input, each with the file (parameter) that would enable it, in the report language."""
    from cslib.core.run_context import _CURRENT, set_message_language, start_run

    try:
        start_run(
            "01_delphi_weights",
            {"lang": "zh", "experts_path": "", "published_table_path": "", "relevance_path": "x"},
        )
        shown: list[str] = []
        notes = collect_notices("zh", display=shown.append)
        notes.show()
        assert len(shown) == 1
        text = shown[0]
        assert text.startswith("**未运行的分析（缺少输入文件）**")
        assert "- 专家权威系数：提供“专家信息”（`experts_path`）即可运行" in text
        assert "已发表权重表核查" in text and "`published_table_path`" in text
        assert "relevance_path" not in text  # given: it ran
        shown.clear()
        collect_notices("en", display=shown.append).show()
        assert (
            "- expert authority (Cr): give 'expert profiles' (`experts_path`) to run it"
            in (shown[0])
        )
    finally:
        _CURRENT.clear()
        set_message_language("en")
