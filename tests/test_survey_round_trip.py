"""Round trip through notebook 01: a 问卷星 export → ``cslib import-survey`` → the report.

Both rounds of the demo panel, exported as 问卷星 text files, are imported on the command
line; notebook 01 then reads the imported ratings *and* the import's round table
(``delphi_rounds.csv``) as its returns file — the one reader that also reads ``cslib
collect``'s returns.  Its weights and every other recorded value equal those of the same
notebook on the demo's long-format file.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from cslib.cli import main as cli_main
from cslib.core.errors import InputError
from cslib.core.framework import load_framework
from cslib.delphi import statistics as delphi
from cslib.delphi.io import read_ratings
from cslib.delphi.responses import read_returns
from cslib.reporting import runner
from cslib.reporting.records import read_records

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data_samples"
SURVEYS = SAMPLES / "surveys"
FRAMEWORK = SAMPLES / "framework_complaint_handling.yaml"
NOTEBOOK = ROOT / "notebooks" / "01_delphi_weights.ipynb"


def _import(tmp_path: Path) -> Path:
    out = tmp_path / "imported"
    for rnd, export in (
        (1, "delphi_r1_按文本_投诉处理胜任力.xlsx"),
        (2, "delphi_r2_按文本_投诉处理胜任力.csv"),
    ):
        code = cli_main(
            [
                "import-survey", str(SURVEYS / export), "--as", "delphi_ratings",
                "--round", str(rnd), "--output-dir", str(out), "--framework", str(FRAMEWORK),
            ]
        )  # fmt: skip
        assert code == 0
    return out


def test_round_table_is_read_as_returns(tmp_path):
    out = _import(tmp_path)
    table = read_returns(out / "delphi_rounds.csv")
    assert table.attrs["form"] == "rounds"
    assert table["round"].tolist() == [1, 2] and table["returned"].tolist() == [26, 26]
    assert table["sent"].isna().all()  # no roster: the export does not know who was invited
    fw = load_framework(FRAMEWORK)
    ratings = read_ratings(out / "delphi_ratings.csv", fw)
    got = delphi.positive_coefficient(ratings, n_invited=30, returns=table)
    assert got[["sent", "returned"]].values.tolist() == [[30, 26], [26, 26]]
    # a round table that disagrees with the ratings is a located error
    wrong = table.copy()
    wrong.loc[1, "returned"] = 25
    with pytest.raises(InputError, match="returned") as err:
        delphi.positive_coefficient(ratings, n_invited=30, returns=wrong)
    assert err.value.first.row == 3
    wrong = table.copy()
    wrong["sent"] = pd.array([20, pd.NA], dtype="Int64")
    with pytest.raises(InputError, match="invited"):
        delphi.positive_coefficient(ratings, returns=wrong)
    invited = table.copy()
    invited["sent"] = pd.array([31, 28], dtype="Int64")
    got = delphi.positive_coefficient(ratings, returns=invited)
    assert got[["sent", "returned"]].values.tolist() == [[31, 26], [28, 26]]


def test_export_to_report_gives_the_demo_weights(tmp_path):
    out = _import(tmp_path)
    common = {"framework_path": str(FRAMEWORK), "n_invited": 26, "n_boot": 200, "n_perm": 500}
    runs = {}
    for name, extra in {
        "demo": {"ratings_path": str(SAMPLES / "delphi_ratings.csv"), "returns_path": ""},
        "survey": {
            "ratings_path": str(out / "delphi_ratings.csv"),
            "returns_path": str(out / "delphi_rounds.csv"),
        },
    }.items():
        result = runner.execute(
            NOTEBOOK, {**common, **extra}, output_dir=tmp_path / name, progress=False,
            html=False,
        )  # fmt: skip
        runs[name] = read_records(result.executed)
    demo, survey = runs["demo"], runs["survey"]
    assert survey["combined_weights"] == demo["combined_weights"]
    assert survey["local_weights"] == demo["local_weights"]
    assert survey["positive_rate"] == demo["positive_rate"]
    different = [k for k in demo if k not in ("headline",) and demo[k] != survey.get(k)]
    assert different == [], different


def test_study_names_the_exports_directly(tmp_path):
    """study.yaml names the 问卷星 exports themselves as notebook 01's ratings: the run's
    set-up imports them (no import-survey step) and gives 01 the ratings and round table."""
    import shutil

    import yaml

    from cslib.run_setup import RunSetupError, setup_run
    from cslib.study_init import init_study

    folder = tmp_path / "study"
    init_study(folder)
    (folder / "问卷").mkdir()
    for name in ("delphi_r1_按文本_投诉处理胜任力.xlsx", "delphi_r2_按文本_投诉处理胜任力.csv"):
        shutil.copy(SURVEYS / name, folder / "问卷" / name)
    shutil.copy(FRAMEWORK, folder / "数据" / "指标体系.yaml")
    text = (folder / "study.yaml").read_text(encoding="utf-8")
    extra = {
        "framework_path": "数据/指标体系.yaml",
        "01_delphi_weights": {
            "ratings_path": {
                "survey_export": [
                    "问卷/delphi_r1_按文本_投诉处理胜任力.xlsx",
                    "问卷/delphi_r2_按文本_投诉处理胜任力.csv",
                ]
            },
            "n_invited": 26,
        },
    }
    data = yaml.safe_load(text) or {}
    data.update(extra)
    (folder / "study.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    nb = NOTEBOOK
    setup = setup_run([nb], {}, {}, study=folder)
    params = setup.parameters[nb]
    imported = Path(params["ratings_path"])
    assert imported.parent == folder / "数据" / "导入" / "01_delphi_weights.ratings_path"
    assert Path(params["returns_path"]).name == "delphi_rounds.csv"
    fw = load_framework(FRAMEWORK)
    got = read_ratings(imported, fw).data
    want = read_ratings(SAMPLES / "delphi_ratings.csv", fw).data
    pd.testing.assert_frame_equal(got, want)
    mapping = imported.parent / "delphi_ratings_mapping.yaml"
    before = mapping.read_text(encoding="utf-8")
    setup_run([nb], {}, {}, study=folder)  # again: same files, the mapping kept
    assert mapping.read_text(encoding="utf-8") == before
    # an export the mapping cannot read stops the run before any kernel, in Chinese
    bad = pd.read_csv(folder / "问卷" / "delphi_r2_按文本_投诉处理胜任力.csv", dtype=str)
    column = [c for c in bad.columns if c[:1].isdigit() and "、" in c][1]
    bad.loc[3, column] = "极其不同意得离谱"
    bad.to_csv(folder / "问卷" / "delphi_r2_按文本_投诉处理胜任力.csv", index=False)
    with pytest.raises(RunSetupError) as err:
        setup_run([nb], {}, {}, study=folder)
    assert str(err.value).startswith("错误：") and "第 5 行" in str(err.value)
