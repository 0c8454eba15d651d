"""Study folders: study.yaml, declare_inputs, cslib init, and which inputs a run reads.

These tests start no kernel; ``tests/test_own_data.py`` runs every notebook on a study.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from cslib.core.inputs import (
    REQUIRED,
    SAMPLE_DERIVED,
    MissingInputs,
    gives_user_file,
    is_sample_path,
    load_yaml,
    parse_value,
    plan_inputs,
)
from cslib.core.params import declaration, declared_notebooks, defaults
from cslib.core.study import (
    STUDY_FILE,
    StudyError,
    declare_inputs,
    input_parameters,
    load_study,
    set_parameters,
    shared_inputs,
)
from cslib.study_init import init_study, study_yaml

ROOT = Path(__file__).resolve().parents[1]


def cslib(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "cslib", *args],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        env=env,
        timeout=300,
    )


# ----------------------------------------------------------------------------- declarations
def test_every_sample_default_is_an_input_or_listed_as_sample_derived() -> None:
    """Each default that points into data_samples/ is a file input (absent outside the demo),
    and the non-file defaults read off the sample data are in SAMPLE_DERIVED."""
    for stem in declared_notebooks():
        kinds = input_parameters(stem)
        for name, value in defaults(stem).items():
            values = value if isinstance(value, list) else [value]
            if any(isinstance(v, str) and v.startswith("data_samples/") for v in values):
                assert name in kinds, f"{stem}.{name} defaults to a sample file but is no input"
    assert SAMPLE_DERIVED["01_delphi_weights"]["n_invited"] is REQUIRED
    assert defaults("01_delphi_weights")["n_invited"] == 26  # the demo keeps the sample's number


def test_shared_inputs_are_the_same_file_everywhere() -> None:
    shared = shared_inputs()
    assert "framework_path" in shared and "courses_path" in shared
    assert "ratings_path" not in shared  # Delphi ratings in 01, 360° ratings in 04


# ----------------------------------------------------------------------------- plans
def test_plan_outside_the_demo_never_uses_a_sample_default() -> None:
    for stem in declared_notebooks():
        plan = plan_inputs(stem, {}, demo=False)
        kinds = input_parameters(stem)
        for name, kind in kinds.items():
            if kind == "optional":
                assert plan.parameters[name] == "" and name in plan.absent
            elif kind == "list":  # a list of files not given is empty: its analysis skipped
                assert plan.parameters[name] == [] and name in plan.absent
            else:
                assert name in plan.missing
        for name, value in plan.parameters.items():
            assert not is_sample_path(value), (stem, name)
        for name, neutral in SAMPLE_DERIVED.get(stem, {}).items():
            if callable(neutral):
                neutral = neutral({})
            if neutral is REQUIRED:
                assert name in plan.missing
            else:
                assert plan.parameters[name] == neutral


def test_plan_in_the_demo_keeps_the_declared_defaults() -> None:
    plan = plan_inputs("01_delphi_weights", {"n_boot": 10}, demo=True)
    assert plan.missing == () and plan.parameters == {"n_boot": 10}


def test_a_user_file_is_not_a_sample() -> None:
    assert gives_user_file("01_delphi_weights", {"ratings_path": "my.xlsx"})
    assert not gives_user_file("01_delphi_weights", {"ratings_path": "data_samples/x.csv"})
    assert not gives_user_file("01_delphi_weights", {"experts_path": ""})
    assert not gives_user_file("01_delphi_weights", {"n_boot": 5})


def test_missing_inputs_message_lists_all_in_the_run_language() -> None:
    plans = [plan_inputs(s, {}, demo=False) for s in ("01_delphi_weights", "05_qa_monitoring")]
    zh = str(MissingInputs(plans, "zh"))
    en = str(MissingInputs(plans, "en"))
    assert zh.startswith("运行未开始") and "records_path" in zh and "framework_path" in zh
    assert "n_invited" in zh and "指标体系" in zh and "-p" in zh
    assert en.startswith("Not started") and "indicator hierarchy" in en
    for text in (zh, en):
        assert "Error" not in text and "Traceback" not in text


# ----------------------------------------------------------------------------- values
def test_dates_and_empty_values() -> None:
    assert parse_value("") == ""
    assert parse_value("2026-12-20") == "2026-12-20"
    assert parse_value("2026-13-45") == "2026-13-45"  # PyYAML would raise ValueError here
    assert parse_value("500") == 500 and parse_value("null") is None
    assert load_yaml("deadline: 2026-12-20") == {"deadline": "2026-12-20"}
    with pytest.raises(yaml.YAMLError):
        load_yaml("a: [")


def test_cli_empty_value_means_none_and_bad_date_is_located(tmp_path: Path) -> None:
    # "" for none is accepted where the docs say so (no kernel: a bad date stops first)
    r = cslib("run", "01", "-p", "experts_path", "", "-p", "deadline", "2026-13-45")
    assert r.returncode == 2
    assert "deadline" in r.stderr and "YYYY-MM-DD" in r.stderr
    assert "experts_path" not in r.stderr
    assert "Traceback" not in r.stderr and "ValueError" not in r.stderr
    params = tmp_path / "p.yaml"
    params.write_text("01_delphi_weights:\n  deadline: 2026-02-30\n", encoding="utf-8")
    r = cslib("run", "01", "--params", str(params))
    assert r.returncode == 2 and "deadline" in r.stderr and "Traceback" not in r.stderr


# ----------------------------------------------------------------------------- study.yaml
def _study(tmp_path: Path, text: str) -> Path:
    (tmp_path / STUDY_FILE).write_text(text, encoding="utf-8")
    return tmp_path


def test_load_study_layers_and_paths(tmp_path: Path) -> None:
    (tmp_path / "fw.yaml").write_text("x", encoding="utf-8")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "r.csv").write_text("x", encoding="utf-8")
    study = load_study(
        _study(
            tmp_path,
            "lang: en\nframework_path: fw.yaml\nn_boot: 5\n"
            "01_delphi_weights:\n  ratings_path: data/r.csv\n  experts_path: ''\n"
            "  deadline: 2026-12-20\n",
        )
    )
    assert study.lang == "en"
    p = study.parameters_for("01_delphi_weights")
    assert p["framework_path"] == str(tmp_path.resolve() / "fw.yaml")
    assert p["ratings_path"] == str(tmp_path.resolve() / "data" / "r.csv")
    assert p["experts_path"] == "" and p["n_boot"] == 5 and p["deadline"] == "2026-12-20"
    assert "ratings_path" not in study.parameters_for("04_training_needs")  # not shared
    assert study.given_inputs("01_delphi_weights") == {
        "framework_path": "fw.yaml",
        "ratings_path": "data/r.csv",
    }


def test_load_study_reports_every_problem_at_once(tmp_path: Path) -> None:
    _study(
        tmp_path,
        "framework_path: nowhere.yaml\nn_bots: 5\n01_delphi_weights:\n  ratings_path: x.csv\n"
        "  colour: red\n",
    )
    with pytest.raises(StudyError) as err:
        load_study(tmp_path)
    text = str(err.value)  # in the study's language: Chinese unless lang: en
    assert "共 4 处问题" in text and "“n_bots”" in text and "研究文件夹" in text
    assert "Error" not in text
    cols = [p.column for p in err.value.problems]
    assert cols == ["framework_path", "n_bots", "01_delphi_weights.ratings_path",
                    "01_delphi_weights.colour"]  # fmt: skip
    with pytest.raises(StudyError, match="cslib init 文件夹名"):
        load_study(tmp_path / "nothing")


TEXT = """\
# 我的研究 my study
lang: zh  # 报告语言

framework_path: ""  # 指标体系 framework
# experts_path: ""

01_delphi_weights:  # 德尔菲
  # 专家评分
  ratings_path: ""  # 专家评分 ratings # with a second hash
  # n_invited:   # 必填

# 其他 notes at the end
"""


def test_declare_inputs_keeps_comments_and_other_lines(tmp_path: Path) -> None:
    _study(tmp_path, TEXT)
    declare_inputs(tmp_path, {"ratings_path": "数据/第1轮.csv"}, notebook="01_delphi_weights")
    set_parameters(tmp_path, {"n_invited": 12}, notebook="01_delphi_weights")
    declare_inputs(tmp_path, {"framework_path": tmp_path / "fw.xlsx"})
    declare_inputs(tmp_path, {"relevance_path": "rel.csv"}, notebook="01_delphi_weights")
    declare_inputs(tmp_path, {"ratings_path": "r360.csv"}, notebook="04_training_needs")
    text = (tmp_path / STUDY_FILE).read_text(encoding="utf-8")
    assert text == (
        "# 我的研究 my study\n"
        "lang: zh  # 报告语言\n\n"
        'framework_path: "fw.xlsx"  # 指标体系 framework\n'
        '# experts_path: ""\n\n'
        "01_delphi_weights:  # 德尔菲\n"
        "  # 专家评分\n"
        '  ratings_path: "数据/第1轮.csv"  # 专家评分 ratings # with a second hash\n'
        "  n_invited: 12   # 必填\n"
        '  relevance_path: "rel.csv"\n\n'
        "# 其他 notes at the end\n\n"
        "04_training_needs:\n"
        '  ratings_path: "r360.csv"\n'
    )
    data = yaml.safe_load(text)
    assert data["01_delphi_weights"]["ratings_path"] == "数据/第1轮.csv"


def test_declare_inputs_refuses_what_it_cannot_do_safely(tmp_path: Path) -> None:
    _study(tmp_path, TEXT)
    before = (tmp_path / STUDY_FILE).read_text(encoding="utf-8")
    with pytest.raises(ValueError, match="notebook="):
        declare_inputs(tmp_path, {"ratings_path": "r.csv"})  # 01 or 04?
    with pytest.raises(ValueError, match="not an input"):
        declare_inputs(tmp_path, {"n_boot": "5"}, notebook="01_delphi_weights")
    _study(tmp_path, "01_delphi_weights: {ratings_path: a.csv}\n")
    with pytest.raises(ValueError):
        declare_inputs(tmp_path, {"experts_path": "e.csv"}, notebook="01_delphi_weights")
    assert (tmp_path / STUDY_FILE).read_text(encoding="utf-8").startswith("01_delphi_weights: {")
    assert before  # the first file was not touched by the refused calls
    _study(tmp_path, "01_delphi_weights: {}\n")
    declare_inputs(tmp_path, {"experts_path": "e.csv"}, notebook="01_delphi_weights")
    assert yaml.safe_load((tmp_path / STUDY_FILE).read_text(encoding="utf-8")) == {
        "01_delphi_weights": {"experts_path": "e.csv"}
    }


# ----------------------------------------------------------------------------- cslib init
def test_init_names_every_input_of_every_notebook(tmp_path: Path) -> None:
    folder = tmp_path / "我的研究"
    written = init_study(folder)
    text = (folder / STUDY_FILE).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    shared = shared_inputs()
    for stem in declared_notebooks():
        for name in input_parameters(stem):
            where = data if name in shared else data[stem]
            assert name in where, (stem, name)
        for name in SAMPLE_DERIVED.get(stem, {}):
            assert f"# {name}:" in text
    assert "必填" in text and "required" in text and "可选" in text
    study = load_study(folder)  # the fresh file is valid, and gives nothing
    assert all(not study.given_inputs(s) for s in declared_notebooks())
    names = {p.name for p in written}
    for needed in ("framework.xlsx", "qa_weekly.xlsx", "kpi_weekly.xlsx", "qa_records.xlsx",
                   "roster.xlsx", "delphi_relevance.xlsx", "qa_form.xlsx", "self_assessment.xlsx",
                   "test_items.xlsx", "说明.md"):  # fmt: skip
        assert needed in names
    assert (folder / "数据").is_dir()
    with pytest.raises(FileExistsError, match="未做任何改动"):
        init_study(folder)


def test_every_template_named_in_study_yaml_exists(tmp_path: Path) -> None:
    import re

    init_study(tmp_path / "s")
    text = (tmp_path / "s" / STUDY_FILE).read_text(encoding="utf-8")
    for name in re.findall(r"模板/([\w.]+\.xlsx)", text):
        assert (tmp_path / "s" / "模板" / name).is_file(), name


def test_filled_templates_are_read_by_their_readers(tmp_path: Path) -> None:
    """The new templates' example rows are accepted by the readers they name."""
    from cslib.core.framework import load_framework
    from cslib.effectiveness.io import read_weekly
    from cslib.monitoring.io import read_qa_records, read_roster
    from cslib.study_templates import framework_template, kpi_weekly, qa_records, qa_weekly, roster
    from cslib.templates import write_template

    fw = load_framework(write_template(framework_template(), tmp_path / "fw.xlsx"))
    assert list(fw.leaves) == ["A1", "A2", "B1", "B2"]
    from cslib.core.weight_table import read_weight_table
    from cslib.delphi.relevance import read_relevance
    from cslib.study_templates import published_weights, relevance

    read_weight_table(write_template(published_weights(), tmp_path / "pw.xlsx"))
    sample_fw = load_framework(ROOT / "data_samples" / "framework_complaint_handling.yaml")
    read_relevance(write_template(relevance(), tmp_path / "rel.xlsx"), sample_fw)
    assert len(read_weekly(write_template(qa_weekly(), tmp_path / "qa.xlsx"))) == 1
    assert len(read_weekly(write_template(kpi_weekly(), tmp_path / "kpi.xlsx"))) == 1
    assert len(read_qa_records(write_template(qa_records(), tmp_path / "rec.xlsx"))) == 1
    assert len(read_roster(write_template(roster(), tmp_path / "ro.xlsx"))) == 1
    from cslib.consistency.qa_io import read_item_scores, read_qa_form
    from cslib.core.courses import read_courses
    from cslib.effectiveness.io import read_test_items
    from cslib.study_templates import item_answers, qa_form, self_assessment

    read_qa_form(write_template(qa_form(), tmp_path / "form.xlsx"))
    assert read_item_scores(write_template(self_assessment(), tmp_path / "sa.xlsx")).shape == (1, 4)
    catalogue = read_courses(ROOT / "data_samples" / "courses.csv")
    assert (
        len(read_test_items(write_template(item_answers(), tmp_path / "ti.xlsx"), catalogue)) == 1
    )


def test_study_yaml_is_generated_from_the_declarations() -> None:
    text = study_yaml("zh")
    for stem in declared_notebooks():
        assert f"\n{stem}:" in text
        cls = declaration(stem)
        assert cls is not None


# ----------------------------------------------------------------------------- the command
def _nine_expert_file(tmp_path: Path) -> Path:
    import pandas as pd

    ratings = pd.read_csv(ROOT / "data_samples" / "delphi_ratings.csv")
    keep = sorted(ratings["expert_id"].unique())[:9]
    mine = tmp_path / "my_ratings.xlsx"
    ratings[ratings["expert_id"].isin(keep)].to_excel(mine, index=False)
    return mine


def test_run_with_one_user_file_stops_and_names_what_to_set(tmp_path: Path) -> None:
    mine = _nine_expert_file(tmp_path)
    r = cslib("run", "01", "-p", "ratings_path", mine.name, cwd=tmp_path)
    assert r.returncode == 2, r.stdout + r.stderr
    assert r.stderr.startswith("运行未开始")
    assert "framework_path" in r.stderr and "n_invited" in r.stderr
    assert "ratings_path" not in r.stderr  # given (relative to the current folder)
    assert "Traceback" not in r.stderr and "Error" not in r.stderr
    assert not (ROOT / "reports" / "01_delphi_weights.html").exists() or True
    # the same in a study folder: one message for every missing input
    init = cslib("init", str(tmp_path / "study"))
    assert init.returncode == 0, init.stderr
    shutil.copy(mine, tmp_path / "study" / "数据" / mine.name)
    declare_inputs(
        tmp_path / "study", {"ratings_path": f"数据/{mine.name}"}, notebook="01_delphi_weights"
    )
    r = cslib("run", "01", cwd=tmp_path / "study")
    assert r.returncode == 2 and "framework_path" in r.stderr and "n_invited" in r.stderr
    assert str(tmp_path / "study" / STUDY_FILE) in r.stderr
    r = cslib("run", "--study", str(tmp_path / "study"))
    assert r.returncode == 2
    for stem in declared_notebooks():
        # a notebook whose every input is optional (02) runs what it is given instead
        if "required" in input_parameters(stem).values():
            assert stem in r.stderr
    assert r.stderr.count("\n  - ") >= 10


def test_init_twice_is_refused(tmp_path: Path) -> None:
    assert cslib("init", str(tmp_path / "s")).returncode == 0
    r = cslib("init", str(tmp_path / "s"))
    assert r.returncode == 2 and "study.yaml" in r.stderr and "Traceback" not in r.stderr


def test_every_file_input_has_a_template() -> None:
    from cslib.study_templates import MADE_BY_COMMAND, study_templates, template_for
    from cslib.templates import default_framework

    names = {t.name for t in study_templates(default_framework(), own_framework=False)}
    for stem in declared_notebooks():
        for name, kind in input_parameters(stem).items():
            if kind == "list" or name in MADE_BY_COMMAND:
                continue  # scoring schemes are YAML files (docs/scheme_format.md)
            assert template_for(stem, name) in names, (stem, name)


# ----------------------------------------------------------------------------- 04's weights
def test_needs_weights_are_never_the_sample_table_outside_the_demo() -> None:
    """The declared default weight_source 'published' names the sample's table: outside
    the demo the source follows the weight files given, and with none it must be set."""
    stem = "04_training_needs"
    assert defaults(stem)["weight_source"] == "published"  # the demo keeps it
    plan = plan_inputs(stem, {"ratings_path": "my360.csv"}, demo=False)
    assert "weight_source" in plan.missing and "weight_source" not in plan.parameters
    plan = plan_inputs(stem, {"delphi_ratings_path": "mine.xlsx"}, demo=False)
    assert plan.parameters["weight_source"] == "delphi_ahp_mean_diff"
    plan = plan_inputs(stem, {"ahp_survey_path": "ahp.csv"}, demo=False)
    assert plan.parameters["weight_source"] == "ahp_survey"
    plan = plan_inputs(stem, {"published_weights_path": "table.csv"}, demo=False)
    assert plan.parameters["weight_source"] == "published"
    plan = plan_inputs(stem, {"weight_source": "ahp_survey"}, demo=False)  # declared: kept
    assert plan.parameters["weight_source"] == "ahp_survey"


def test_study_needs_analysis_uses_the_studys_own_delphi_round(tmp_path: Path) -> None:
    from cslib.run_setup import RunSetupError, setup_run

    folder = tmp_path / "s"
    init_study(folder)
    mine = _nine_expert_file(tmp_path)
    shutil.copy(mine, folder / "数据" / mine.name)
    shutil.copy(ROOT / "data_samples" / "needs" / "ratings.csv", folder / "数据" / "360.csv")
    declare_inputs(folder, {"ratings_path": f"数据/{mine.name}"}, notebook="01_delphi_weights")
    declare_inputs(folder, {"ratings_path": "数据/360.csv"}, notebook="04_training_needs")
    nb = ROOT / "notebooks" / "04_training_needs.ipynb"
    with pytest.raises(RunSetupError):  # targets, post … still missing; weights are not
        setup_run([nb], {}, {}, study=folder)
    try:
        setup_run([nb], {}, {}, study=folder)
    except RunSetupError as exc:
        assert "weight_source" not in str(exc)
    from cslib.run_setup import study_weights

    study = load_study(folder)
    given = study.parameters_for("04_training_needs")
    added = study_weights("04_training_needs", given, study)
    assert added == {
        "delphi_ratings_path": str(folder / "数据" / mine.name),
        "weight_source": "delphi_ahp_mean_diff",
    }
    set_parameters(folder, {"weight_method": "mean"}, notebook="01_delphi_weights")
    study = load_study(folder)
    assert study_weights("04_training_needs", given, study)["weight_source"] == "delphi_mean"
    # rank-sum weights have no counterpart in 04: the source must be declared
    set_parameters(folder, {"weight_method": "rank_sum"}, notebook="01_delphi_weights")
    study = load_study(folder)
    assert study_weights("04_training_needs", given, study) == {}
    with pytest.raises(RunSetupError, match="weight_source"):
        setup_run([nb], {}, {}, study=folder)
    # a source the study declares is never replaced
    assert study_weights("04_training_needs", {**given, "weight_source": "ahp_survey"}, study) == {}
