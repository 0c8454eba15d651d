"""The kernelspec the runner installs: once, even when several processes start together.

On a fresh environment every test worker (and every parallel run) finds no spec and
installs one; ipykernel's ``install`` deletes and rewrites the spec folder, so without a
lock one process removes the folder another is writing (``Directory not empty``) or
another process looks the kernel up in between (``No such kernel``).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from together import run_together

from cslib.reporting import runner

WORKERS = 6


def _install(prefix: str) -> str:  # runs in a child process
    name = runner._kernel_name(Path(prefix))
    spec = Path(prefix) / "share/jupyter/kernels" / name / "kernel.json"
    return json.loads(spec.read_text("utf-8"))["argv"][0]


def test_parallel_first_installs_leave_one_complete_spec(tmp_path):
    interpreters = run_together(_install, str(tmp_path), WORKERS)
    assert {Path(argv0).resolve() for argv0 in interpreters} == {Path(sys.executable).resolve()}
    spec_dir = tmp_path / "share/jupyter/kernels" / runner.KERNEL_NAME
    assert runner._kernelspec_is_ours(spec_dir)


def test_spec_for_another_interpreter_or_broken_is_replaced(tmp_path):
    spec_dir = tmp_path / "share/jupyter/kernels" / runner.KERNEL_NAME
    spec_dir.mkdir(parents=True)
    for broken in (
        json.dumps({"argv": ["/nowhere/python", "-m", "ipykernel_launcher"]}),
        '{"argv": ["',  # cut off mid-write
        json.dumps({"display_name": "no argv"}),
    ):
        (spec_dir / "kernel.json").write_text(broken, encoding="utf-8")
        assert not runner._kernelspec_is_ours(spec_dir)
        assert runner._kernel_name(tmp_path) == runner.KERNEL_NAME
        assert runner._kernelspec_is_ours(spec_dir)


def test_existing_spec_is_left_untouched(tmp_path):
    runner._kernel_name(tmp_path)
    spec = tmp_path / "share/jupyter/kernels" / runner.KERNEL_NAME / "kernel.json"
    before = spec.stat().st_mtime_ns
    runner._kernel_name(tmp_path)
    assert spec.stat().st_mtime_ns == before
