"""The pseudonymisation key never reaches an output (issue 11).

The key comes from CSLIB_SALT or a key file outside the reports folder, never from a
notebook parameter; a real notebook-04 run (the session's shared run, made with the test
key from ``conftest.py``) and a failed run into the same folder are scanned byte by byte.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
from pathlib import Path

import pandas as pd
import pytest
from conftest import TEST_SALT
from report_runs import NOTEBOOKS, group
from sample_args import sample_args
from together import run_together

from cslib.core import pseudonyms
from cslib.core.errors import InputError

ROOT = Path(__file__).resolve().parents[1]
SECRET = TEST_SALT  # set as CSLIB_SALT in conftest.py before any kernel of the session starts
NB04 = next(nb for nb in NOTEBOOKS if nb.stem == "04_training_needs")


def _files_holding(folder: Path, text: str) -> list[Path]:
    needle = text.encode("utf-8")
    return [p for p in folder.rglob("*") if p.is_file() and needle in p.read_bytes()]


@pytest.mark.xdist_group(group(NB04, "zh"))
def test_no_output_of_notebook_04_holds_the_key(tmp_path, report_runs, run_cli):
    # the good run: the session's shared notebook-04 run (report_runs.py), whose kernel
    # inherited CSLIB_SALT = SECRET from conftest.py; copied so the failing run below can
    # write into the same reports folder without touching the shared one
    assert os.environ["CSLIB_SALT"] == SECRET
    reports = tmp_path / "reports"
    shutil.copytree(report_runs.get(NB04, "zh").folder, reports)
    lines = (ROOT / "data_samples" / "needs" / "ratings.csv").read_text().splitlines()
    lines[1] = lines[1].rsplit(",", 1)[0] + ",9"  # out of scale: fails inside the kernel
    bad_file = tmp_path / "ratings.csv"
    bad_file.write_text("\n".join(lines) + "\n")
    bad = run_cli(
        "run",
        "04",
        "-p",
        "ratings_path",
        str(bad_file),
        "--output-dir",
        str(reports),
        "--no-progress",
        *sample_args("04_training_needs", but="ratings_path"),
    )  # in this process (conftest.py): the key reaches the kernel through the environment
    assert bad.returncode == 1
    failed = list((reports / ".cslib-staging" / "failed").iterdir())
    assert failed, "the failed run's notebook was not kept"
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in failed)
    assert (reports / "04_training_needs.ipynb").is_file()
    assert _files_holding(reports, SECRET) == []
    for log in (bad.stdout, bad.stderr):
        assert SECRET not in log
    # person-level rows show pseudonyms, never the roster ids (A0001 …)
    html = (reports / "04_training_needs.html").read_text(encoding="utf-8")
    assert not re.search(r"\bA\d{4}\b", html)
    assert pseudonyms.pseudonymise(["A0001"], SECRET)["A0001"] in html  # the kernel's key
    # the pseudonyms in the report are the keyed ones, and no raw agent id is listed beside them
    plan = pd.read_excel(reports / "training_plan.xlsx", sheet_name=None)
    text = "".join(df.to_csv() for df in plan.values())
    expected = pseudonyms.pseudonymise(["A0001"], SECRET)["A0001"]
    assert expected in text or "A0001" not in text


def test_key_from_environment_then_key_file(tmp_path, monkeypatch):
    monkeypatch.setenv("CSLIB_SALT", "from-env")
    assert pseudonyms.load_salt() == "from-env"
    monkeypatch.delenv("CSLIB_SALT")
    key = tmp_path / "key"
    key.write_text("from-file\n")
    monkeypatch.setenv("CSLIB_SALT_FILE", str(key))
    assert pseudonyms.load_salt() == "from-file"
    monkeypatch.setenv("CSLIB_SALT_FILE", str(tmp_path / "absent"))
    with pytest.raises(InputError, match="does not exist"):
        pseudonyms.load_salt()


def test_default_key_file_is_created_private(tmp_path, monkeypatch):
    monkeypatch.delenv("CSLIB_SALT", raising=False)
    monkeypatch.delenv("CSLIB_SALT_FILE", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    with pytest.warns(pseudonyms.NewKeyWarning, match="created a new random"):
        first = pseudonyms.load_salt()
    key = tmp_path / "cfg" / "cslib" / "salt"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600 and len(first) == 64
    assert pseudonyms.load_salt() == first  # stable: the same pseudonyms next run


def _load_salt(config: str) -> tuple[str, int]:  # runs in a child process
    import warnings

    os.environ.pop("CSLIB_SALT", None)
    os.environ.pop("CSLIB_SALT_FILE", None)
    os.environ["XDG_CONFIG_HOME"] = config
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        key = pseudonyms.load_salt()
    return key, sum(isinstance(w.message, pseudonyms.NewKeyWarning) for w in caught)


def test_reports_starting_together_on_a_fresh_machine_share_one_new_key(tmp_path):
    """Two reports run side by side (make reports, -j 2) and both pseudonymise: the first
    creates the key file, the other reads that key; nobody sees a half-written or missing
    file, and only the creator says a key was made."""
    got = run_together(_load_salt, str(tmp_path / "cfg"), 6)
    key = (tmp_path / "cfg" / "cslib" / "salt").read_text(encoding="utf-8").strip()
    assert {k for k, _ in got} == {key} and len(key) == 64
    assert sum(new for _, new in got) == 1
    assert sorted(p.name for p in (tmp_path / "cfg" / "cslib").iterdir()) == ["salt"]


def test_key_file_inside_the_reports_folder_is_refused(tmp_path, monkeypatch):
    monkeypatch.delenv("CSLIB_SALT", raising=False)
    key = tmp_path / "reports" / "salt"
    key.parent.mkdir()
    key.write_text("k")
    monkeypatch.setenv("CSLIB_SALT_FILE", str(key))
    with pytest.raises(InputError, match="inside the output folder"):
        pseudonyms.load_salt(output_dir=tmp_path / "reports")


def test_empty_key_is_refused(monkeypatch):
    monkeypatch.setenv("CSLIB_SALT", " ")
    with pytest.raises(InputError, match="CSLIB_SALT"):
        pseudonyms.load_salt()


def test_pseudonymise_frame_keeps_other_columns_and_missing_ids():
    frame = pd.DataFrame({"agent_id": ["A1", None, "A1"], "score": [1, 2, 3]})
    out = pseudonyms.pseudonymise_frame(frame, salt="k")
    assert out["score"].tolist() == [1, 2, 3]
    assert out["agent_id"].iloc[0] == out["agent_id"].iloc[2] != "A1"
    assert out["agent_id"].iloc[0] == pseudonyms.pseudonymise(["A1"], "k")["A1"]
    assert pd.isna(out["agent_id"].iloc[1])
    assert frame["agent_id"].iloc[0] == "A1"  # the input is not changed
