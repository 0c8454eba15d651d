"""Security test (issue 26): hostile names in the data come out inert, and inside the folder.

Each notebook runs once, through the runner, on a copy of the sample data in which every
free-text name field — expert ids, team ids, agent ids, inspector ids, respondent ids,
course titles, indicator and QA-item names — carries spreadsheet formulas (``=1+1``,
``+2``, ``-cmd``, ``@SUM(A1)``, ``=HYPERLINK(…)``), HTML (``<script>``, ``<img onerror>``)
and path pieces (``../x``, ``a/b``).  Every output is then checked:

* every XLSX (the per-expert questionnaires inside the zip too): no formula cell, every text
  cell stored as a string, and the hostile text is there as text;
* every CSV: no field a spreadsheet would evaluate (formula-like text has its ``'``);
* every HTML page, parsed with BeautifulSoup: no ``<script>``, event-handler attribute or
  ``<img>`` that came from the data, and the hostile text shown literally; ``A & B`` reads
  ``A & B`` (escaped exactly once);
* every Markdown file: no raw ``<``;
* nothing written outside the output folder.

The readers accept all of these ids (they are odd but legal text); nothing here weakens them.
"""

from __future__ import annotations

import csv
import io
import shutil
import zipfile
from pathlib import Path

import pandas as pd
import pytest
import yaml
from bs4 import BeautifulSoup
from openpyxl import load_workbook

from cslib.core.filenames import file_name, file_name_part, file_names
from cslib.core.inert import FORMULA_START, csv_cell, inert_frame, inert_markdown
from cslib.reporting import runner

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data_samples"

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
LINK = '=HYPERLINK("http://evil.example/x")'
HOSTILE = ["=1+1", "-cmd", "@SUM(A1)", SCRIPT, IMG, "../x", "a/b", "+2"]
AMP = "A & B"


def _map(path: Path, target: Path, columns: dict[str, dict[str, str]]) -> Path:
    """Copy a CSV with the values of some columns replaced (every other cell as is)."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    for col, mapping in columns.items():
        frame[col] = frame[col].map(lambda v, m=mapping: m.get(v, v))
    target.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(target, index=False, encoding="utf-8")
    return target


def _ids(values: list[str], hostile: list[str]) -> dict[str, str]:
    """The first ids of a file, each given one hostile value."""
    return dict(zip(values, hostile, strict=False))


def _framework(data: Path) -> Path:
    """The sample framework with hostile indicator names (ids kept: other files use them)."""
    fw = yaml.safe_load((SAMPLES / "framework_complaint_handling.yaml").read_text("utf-8"))
    names = {"A": SCRIPT, "A1": "=1+1", "A2": AMP, "B": IMG, "B1": "-cmd", "C1": "@SUM(A1)"}
    for ind in fw["indicators"]:
        if ind["id"] in names:
            ind["name_en"] = ind["name_zh"] = names[ind["id"]]
            ind["definition_en"] = ind["definition_zh"] = LINK
    target = data / "framework.yaml"
    target.write_text(yaml.safe_dump(fw, allow_unicode=True), encoding="utf-8")
    return target


def _courses(data: Path) -> Path:
    frame = pd.read_csv(SAMPLES / "courses.csv", dtype=str, keep_default_na=False)
    titles = {"MC01": AMP, "MC02": SCRIPT, "MC03": LINK, "CL01": IMG, "CL02": "-cmd"}
    for cid, title in titles.items():
        frame.loc[frame["course_id"] == cid, ["title_zh", "title_en"]] = title
    frame.to_csv(data / "courses.csv", index=False)
    return data / "courses.csv"


def _first(path: Path, column: str, n: int) -> list[str]:
    values = pd.read_csv(path, dtype=str, keep_default_na=False)[column]
    return list(dict.fromkeys(values))[:n]


def hostile_parameters(notebook: str, data: Path) -> dict:
    """Parameters pointing notebook ``notebook`` at hostile copies of its sample data."""
    data.mkdir(parents=True, exist_ok=True)
    if notebook == "01":
        experts = _ids(_first(SAMPLES / "delphi_experts.csv", "expert_id", 8), HOSTILE)
        return {
            "framework_path": str(_framework(data)),
            "ratings_path": str(
                _map(SAMPLES / "delphi_ratings.csv", data / "ratings.csv", {"expert_id": experts})
            ),
            "experts_path": str(
                _map(SAMPLES / "delphi_experts.csv", data / "experts.csv", {"expert_id": experts})
            ),
            "relevance_path": str(
                _map(
                    SAMPLES / "delphi_relevance.csv", data / "relevance.csv", {"expert_id": experts}
                )
            ),
            "n_boot": 50,
            "n_perm": 200,
        }
    if notebook == "02":
        experts = _ids(_first(SAMPLES / "ahp_survey.csv", "expert", 8), HOSTILE)
        inspectors = _ids(_first(SAMPLES / "qa_calibration.csv", "inspector_id", 8), HOSTILE)
        respondents = _ids(_first(SAMPLES / "self_assessment.csv", "respondent", 8), HOSTILE)
        form = pd.read_csv(SAMPLES / "qa_form.csv", dtype=str, keep_default_na=False)
        form.loc[:3, "name_en"] = [SCRIPT, "=1+1", IMG, AMP]
        form.loc[:3, "name_zh"] = [SCRIPT, "=1+1", IMG, AMP]
        form.to_csv(data / "qa_form.csv", index=False)
        return {
            "framework_path": str(_framework(data)),
            "ahp_survey_path": str(
                _map(SAMPLES / "ahp_survey.csv", data / "ahp_survey.csv", {"expert": experts})
            ),
            "qa_form_path": str(data / "qa_form.csv"),
            "qa_calibration_path": str(
                _map(
                    SAMPLES / "qa_calibration.csv",
                    data / "qa_calibration.csv",
                    {"inspector_id": inspectors},
                )
            ),
            "self_assessment_path": str(
                _map(
                    SAMPLES / "self_assessment.csv",
                    data / "self_assessment.csv",
                    {"respondent": respondents},
                )
            ),
        }
    if notebook == "03":
        eff = SAMPLES / "effectiveness"
        teams = _ids(_first(eff / "sessions.csv", "team", 8), HOSTILE)
        agents = _ids(_first(eff / "sessions.csv", "agent_id", 4), ["-cmd", "=1+1", "@x", "+2"])
        both = {"agent_id": agents, "team": teams}
        files = {}
        for name, cols in (
            ("sessions.csv", both),
            ("reaction.csv", {"agent_id": agents}),
            ("tests.csv", {"agent_id": agents}),
            ("test_items.csv", {"agent_id": agents}),
            ("qa_weekly.csv", both),
            ("kpi_weekly.csv", both),
        ):
            files[name] = str(_map(eff / name, data / name, cols))
        return {
            "courses_path": str(_courses(data)),
            "framework_path": str(_framework(data)),
            "sessions_path": files["sessions.csv"],
            "reaction_path": files["reaction.csv"],
            "tests_path": files["tests.csv"],
            "items_path": files["test_items.csv"],
            "qa_path": files["qa_weekly.csv"],
            "kpi_path": files["kpi_weekly.csv"],
            "pseudonymise": False,  # ids reach the outputs as they are
        }
    if notebook == "04":
        ratings = SAMPLES / "needs" / "ratings.csv"
        teams = _ids(_first(ratings, "team", 8), HOSTILE)
        agents = _ids(_first(ratings, "agent_id", 4), ["-cmd", "=1+1", "@x", "+2"])
        return {
            "framework_path": str(_framework(data)),
            "ratings_path": str(
                _map(ratings, data / "ratings.csv", {"team": teams, "agent_id": agents})
            ),
            "courses_path": str(_courses(data)),
            "delphi_ratings_path": "",
            "ahp_survey_path": "",
            "pseudonymise": False,
        }
    if notebook == "05":
        mon = SAMPLES / "monitoring"
        inspectors = _ids(_first(mon / "qa_records.csv", "inspector_id", 8), HOSTILE[::-1])
        teams = _ids(_first(mon / "agents.csv", "team", 8), HOSTILE)
        agents = _ids(_first(mon / "agents.csv", "agent_id", 3), ["-cmd", "@x", "=1+1"])
        return {
            "records_path": str(
                _map(
                    mon / "qa_records.csv",
                    data / "qa_records.csv",
                    {"inspector_id": inspectors, "team": teams, "agent_id": agents},
                )
            ),
            "roster_path": str(
                _map(mon / "agents.csv", data / "agents.csv", {"team": teams, "agent_id": agents})
            ),
            "calibration_path": str(
                _map(
                    SAMPLES / "qa_calibration.csv",
                    data / "qa_calibration.csv",
                    {"inspector_id": inspectors},
                )
            ),
            "n_resamples": 10,
        }
    raise ValueError(notebook)


def _tree(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")}


def _workbooks(out: Path):
    """(name, workbook) of every XLSX in ``out``, the members of zip archives included."""
    for path in sorted(out.rglob("*.xlsx")):
        yield path.relative_to(out).as_posix(), load_workbook(path)
    for path in sorted(out.rglob("*.zip")):
        with zipfile.ZipFile(path) as zf:
            for member in zf.namelist():
                assert "/" not in member and ".." not in member, member
                if member.endswith(".xlsx"):
                    yield f"{path.name}:{member}", load_workbook(io.BytesIO(zf.read(member)))


def check_workbooks(out: Path) -> set[str]:
    """No formula anywhere, every text cell a string; returns the texts seen."""
    texts: set[str] = set()
    for name, wb in _workbooks(out):
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    where = f"{name}!{ws.title}!{cell.coordinate}"
                    assert cell.data_type != "f", f"formula in {where}: {cell.value!r}"
                    if isinstance(cell.value, str):
                        assert cell.data_type == "s", f"{where}: {cell.data_type}"
                        texts.add(cell.value)
    return texts


def check_csvs(out: Path) -> set[str]:
    """No CSV field starts like a formula (unless it is a plain number); returns the fields."""
    fields: set[str] = set()
    for path in sorted(out.rglob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as fh:
            for r, row in enumerate(csv.reader(fh), 1):
                for field in row:
                    assert csv_cell(field) == field, f"{path.name} row {r}: {field!r}"
                    fields.add(field)
    return fields


def check_html(out: Path) -> str:
    """No live script, handler or image from data in any page; returns all page text."""
    texts = []
    for path in sorted(out.rglob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for script in soup.find_all("script"):
            assert "alert(1)" not in script.get_text(), f"{path.name}: live {script}"
        for tag in soup.find_all(True):
            for attr, value in tag.attrs.items():
                text = " ".join(value) if isinstance(value, list) else str(value)
                assert not (attr.lower().startswith("on") and "alert" in text), (
                    f"{path.name}: live handler on <{tag.name}>"
                )
                assert "javascript:" not in text.lower(), f"{path.name}: {tag.name} {attr}"
        for img in soup.find_all("img"):
            assert img.get("src") != "x", f"{path.name}: <img> from data"
        texts.append(soup.get_text(" "))
    return "\n".join(texts)


def check_markdown(out: Path) -> None:
    for path in sorted(out.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        assert inert_markdown(text) == text, f"{path.name}: raw '<' in Markdown"


NOTEBOOKS = ["01", "02", "03", "04", "05"]


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_hostile_names_come_out_inert(notebook, tmp_path):
    params = hostile_parameters(notebook, tmp_path / "data")
    params["lang"] = "en"
    out = tmp_path / "work" / "out"
    out.mkdir(parents=True)
    outside_before = _tree(tmp_path) - {p for p in _tree(tmp_path) if p.startswith("work/out")}
    root_before = set(ROOT.iterdir())
    result = runner.execute(runner.find_notebook(notebook), params, output_dir=out, progress=False)
    runner.write_index([result], out)

    outside_after = {p for p in _tree(tmp_path) if not p.startswith("work/out")}
    assert outside_after == outside_before, "files written outside the output folder"
    assert set(ROOT.iterdir()) == root_before
    for path in out.rglob("*"):
        assert path.resolve().is_relative_to(out.resolve())

    xlsx_texts = check_workbooks(out)
    csv_fields = check_csvs(out)
    page = check_html(out)
    check_markdown(out)

    # the hostile values reached the outputs, as text (the checks above are not vacuous)
    assert SCRIPT in page or IMG in page, "no hostile text in the HTML"
    assert "&lt;" not in page and "&amp;" not in page, "escaped twice"
    if notebook in ("01", "04", "05"):
        assert any(t.startswith(tuple(FORMULA_START)) for t in xlsx_texts)
    if notebook in ("03", "04"):
        assert any(f.startswith("'") for f in csv_fields)
    if notebook in ("01", "02", "03", "04"):
        assert AMP in page


# ---- the helpers on their own -------------------------------------------------------------


def test_csv_rule_keeps_numbers_and_quotes_formula_text():
    frame = pd.DataFrame(
        {
            "team": ["=2+3", "+2", "-cmd", "@SUM(A1)", "\tx", "\rx", "T1", "-0.5"],
            "gap": [-0.5, 2.0, -3.0, 1.0, 0.0, 0.0, 1.5, 0.0],
        }
    )
    out = inert_frame(frame)
    assert out["team"].tolist() == [
        "'=2+3",
        "+2",
        "'-cmd",
        "'@SUM(A1)",
        "'\tx",
        "'\rx",
        "T1",
        "-0.5",
    ]
    assert out["gap"].tolist() == frame["gap"].tolist()  # numbers untouched
    assert inert_frame(pd.DataFrame({"=x": [1]})).columns.tolist() == ["'=x"]


def test_write_csv_neutralises(tmp_path):
    from cslib.core.io import write_csv

    write_csv(pd.DataFrame({"course": [LINK], "change": [-0.5]}), tmp_path / "t.csv")
    text = (tmp_path / "t.csv").read_text(encoding="utf-8-sig")
    assert text.splitlines() == ["course,change", '"\'=HYPERLINK(""http://evil.example/x"")",-0.5']


@pytest.mark.parametrize(
    "value",
    [
        "..",
        "../x",
        "../../etc/passwd",
        "a/b",
        "a\\b",
        "a\x00b",
        "",
        ".",
        "CON",
        "con",
        "NUL.txt",
        "COM1",
        "LPT1.tar.gz",
        "x" * 300,
        "张" * 300,
        "C:\\Windows\\x",
        "/abs/path",
        "~/x",
        'a:b*c?d"e<f>g|h',
        " . ",
    ],
)
def test_file_name_is_confined_and_portable(value, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    for prefix, suffix in (("", ""), ("", ".xlsx"), ("plan_2026-07_", ".xlsx")):
        path = file_name(value, folder, prefix=prefix, suffix=suffix)
        assert path.parent == folder and path.resolve().parent == folder.resolve()
        name = path.name
        assert name and name not in (".", "..") and len(name.encode("utf-8")) <= 200
        assert not set(name) & set('/\\\x00<>:"|?*')
        assert name.split(".")[0].upper() not in {"CON", "PRN", "AUX", "NUL", "COM1", "LPT1"}
        assert not name.startswith(("-", ".")), name  # no option-like or hidden name
        path.write_text("ok")  # the file system accepts it
        assert path.read_text() == "ok"


def test_file_names_never_collide_and_stay_readable(tmp_path):
    values = ["QA/01", "QA 01", "QA_01", "qa_01", "", "..", "x" * 300, "x" * 299 + "y", "质检 张三"]
    names = file_names(values, tmp_path, prefix="plan_", suffix=".xlsx")
    assert list(names) == values
    lowered = [p.name.casefold() for p in names.values()]
    assert len(set(lowered)) == len(values)
    assert names["质检 张三"].name == "plan_质检_张三.xlsx"  # Chinese stays readable
    again = file_names(list(reversed(values)), tmp_path, prefix="plan_", suffix=".xlsx")
    assert {k: p.name for k, p in again.items()} == {k: p.name for k, p in names.items()}
    assert file_name_part("Ｑ Ａ／01") == "Q_A_01"  # full-width forms normalised (NFKC)


def test_inspector_plans_named_safely(tmp_path):
    from cslib.monitoring.report import write_inspector_plans

    plan = pd.DataFrame(
        {
            "inspector_id": ["QA01/../../x", "QA01/..\\..\\x", "CON", "=1+1", IMG],
            "team": ["=2+3", "-cmd", "@SUM(A1)", "T", SCRIPT],
            "agent_id": ["a", "b", "c", "d", "e"],
            "planned": [1, 2, 3, 4, 5],
            "random": [1, 1, 1, 1, 1],
            "must_check_expected": [0.0, 0.0, 0.0, 0.0, 0.0],
            "total": [2, 3, 4, 5, 6],
        }
    )
    out = tmp_path / "deep" / "out"
    out.mkdir(parents=True)
    files = write_inspector_plans(plan, out, "2026-07", "en")
    assert len({f.name for f in files}) == 5
    assert _tree(tmp_path) == {"deep", "deep/out"} | {f"deep/out/{f.name}" for f in files}
    texts = check_workbooks(out)
    assert {"=2+3", "-cmd", "@SUM(A1)"} <= texts
    assert "Inspector: QA01/../../x · 2026-07" in texts


def test_report_table_labels_escaped():
    from cslib.reporting.tables import styled_table

    frame = pd.DataFrame({"planned": [1, 2]}, index=pd.Index([IMG, AMP], name="inspector_id"))
    html = styled_table(frame, "en").to_html()
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.find_all("img") and IMG in soup.get_text() and AMP in soup.get_text()
    wide = pd.DataFrame([[1]], columns=[SCRIPT])
    soup = BeautifulSoup(styled_table(wide, "en").to_html(), "html.parser")
    assert not [s for s in soup.find_all("script") if "alert" in s.get_text()]
    assert SCRIPT in soup.get_text()


def test_markdown_outputs_render_as_text():
    from cslib.reporting.html import markdown_output_html

    soup = BeautifulSoup(
        markdown_output_html(f"**{AMP}** {SCRIPT} {IMG} [x](javascript:alert(1))"), "html.parser"
    )
    assert not soup.find_all(["script", "img"])
    assert AMP in soup.get_text() and SCRIPT in soup.get_text() and IMG in soup.get_text()
    assert all("javascript" not in (a.get("href") or "") for a in soup.find_all("a"))


def test_templates_instruction_sheets_are_text(tmp_path):
    from cslib.templates import write_templates

    fw_dir = tmp_path / "data"
    fw_dir.mkdir()
    fw = _framework(fw_dir)
    from cslib.core.framework import load_framework

    out = tmp_path / "templates"
    write_templates(out, framework=load_framework(fw))
    texts = check_workbooks(out)
    assert SCRIPT in texts or "=1+1" in texts or any(t.startswith("=") for t in texts)
    shutil.rmtree(out)


def test_our_csv_round_trips_through_the_reader(tmp_path):
    """``read_table`` removes exactly the quote ``write_csv`` adds (aggregate → notebook 03)."""
    from cslib.core.io import read_table, write_csv

    ids = ["=2+3", "-cmd", "@SUM(A1)", "+2", "'quoted'", "-0.5", "T1", SCRIPT]
    write_csv(pd.DataFrame({"team": ids, "n": range(len(ids))}), tmp_path / "t.csv")
    back = read_table(tmp_path / "t.csv")
    assert back["team"].tolist() == ids


def test_aggregate_output_is_inert_and_reads_back(tmp_path, run_cli):
    from cslib.core.io import read_table

    calls = pd.DataFrame(
        {
            "call_id": [f"C{i}" for i in range(8)],
            "agent_id": ["=1+1", "=1+1", "-cmd", "-cmd", "@x", "@x", "A1", "A1"],
            "team": ["=2+3", "=2+3", SCRIPT, SCRIPT, "T", "T", "T", "T"],
            "call_time": pd.date_range("2025-01-06 09:00", periods=8, freq="D").astype(str),
            "qa_score": [80, 90, 70, 75, 88, 92, 60, 65],
        }
    )
    calls.to_csv(tmp_path / "qa_calls.csv", index=False)
    out = run_cli("aggregate", "--qa", "qa_calls.csv", "--output-dir", "agg", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    check_csvs(tmp_path / "agg")
    back = read_table(tmp_path / "agg" / "qa_weekly.csv")
    assert set(back["agent_id"]) == {"=1+1", "-cmd", "@x", "A1"}
    assert set(back["team"]) == {"=2+3", SCRIPT, "T"}
