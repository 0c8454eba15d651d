"""The command line: listing, parameters, and a failing notebook that names its cell."""

import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]


def _cli(*args, cwd=ROOT):
    return subprocess.run(
        [sys.executable, "-m", "cslib", *args], cwd=cwd, capture_output=True, text=True, timeout=600
    )


@pytest.fixture
def project(tmp_path):
    """A throwaway project with one good and one failing notebook."""
    for name in ("pyproject.toml",):
        shutil.copy(ROOT / name, tmp_path / name)
    (tmp_path / "cslib").symlink_to(ROOT / "cslib")
    (tmp_path / "notebooks").mkdir()
    good = nbformat.v4.new_notebook()
    good.cells = [
        nbformat.v4.new_code_cell(
            "x = 1\noutput_dir = 'reports'", metadata={"tags": ["parameters"]}
        ),
        nbformat.v4.new_code_cell(
            "from pathlib import Path\n(Path(output_dir) / 'out.csv').write_text(str(x))"
        ),
    ]
    bad = nbformat.v4.new_notebook()
    bad.cells = [
        nbformat.v4.new_code_cell("output_dir = 'reports'", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("print('fine')"),
        nbformat.v4.new_code_cell("raise ValueError('scores out of range')"),
    ]
    for nb, name in ((good, "01_good.ipynb"), (bad, "02_bad.ipynb")):
        nb.metadata["kernelspec"] = {
            "name": "python3",
            "display_name": "Python 3",
            "language": "python",
        }
        nbformat.write(nb, tmp_path / "notebooks" / name)
    return tmp_path


def test_list_shows_parameters():
    out = _cli("list")
    assert (
        out.returncode == 0 and "01_delphi_weights" in out.stdout and "weight_method" in out.stdout
    )


def test_good_notebook_with_parameter(project):
    out = _cli("run", "01", "-p", "x", "42", "--no-progress", cwd=project)
    assert out.returncode == 0, out.stderr
    reports = project / "reports"
    assert (reports / "out.csv").read_text() == "42"
    assert (reports / "01_good.html").is_file() and (reports / "01_good.ipynb").is_file()
    assert (reports / "index.html").is_file()


def test_failing_notebook_names_cell_and_writes_nothing(project):
    out = _cli("run", "02_bad", "--no-progress", cwd=project)
    assert out.returncode == 1
    assert (
        "02_bad.ipynb failed in cell 3" in out.stderr
        and "ValueError: scores out of range" in out.stderr
    )
    reports = project / "reports"
    assert not reports.exists() or not any(p for p in reports.iterdir())


def test_unknown_parameter_and_notebook(project):
    out = _cli("run", "01", "-p", "nonsense", "1", cwd=project)
    assert out.returncode == 2 and "has no parameter(s) nonsense" in out.stderr
    out = _cli("run", "-p", "nonsense", "1", cwd=project)  # every notebook: checked before any runs
    assert out.returncode == 2 and "no selected notebook has parameter(s) nonsense" in out.stderr
    assert not (project / "reports").exists()
    out = _cli("run", "99", cwd=project)
    assert out.returncode == 2 and "no single notebook matches" in out.stderr


def test_yaml_parameter_file(project):
    (project / "p.yaml").write_text("x: 7\n01_good:\n  x: 9\n", encoding="utf-8")
    out = _cli("run", "01", "--params", "p.yaml", "--no-progress", cwd=project)
    assert out.returncode == 0, out.stderr
    assert (project / "reports" / "out.csv").read_text() == "9"


def test_bad_ratings_file_stops_the_report_with_a_located_error(tmp_path):
    ratings = (
        (ROOT / "data_samples" / "delphi_ratings.csv").read_text(encoding="utf-8").splitlines()
    )
    ratings[7] = ratings[7].rsplit(",", 1)[0] + ",7"  # spreadsheet row 8: score 7 on a 1–5 scale
    bad = tmp_path / "ratings.csv"
    bad.write_text("\n".join(ratings) + "\n", encoding="utf-8")
    reports = tmp_path / "reports"
    out = _cli(
        "run", "01", "-p", "ratings_path", str(bad), "--output-dir", str(reports), "--no-progress"
    )
    assert out.returncode == 1
    assert "01_delphi_weights.ipynb failed in cell" in out.stderr
    assert "row 8, column 'score': expected an integer score from 1 to 5 (found 7)" in out.stderr
    assert str(bad) in out.stderr
    assert not reports.exists() or not any(reports.iterdir())
