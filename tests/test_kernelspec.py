"""The kernelspec the runner installs: once, even when several processes start together.

On a fresh environment every test worker (and every parallel run) finds no spec and
installs one; ipykernel's ``install`` deletes and rewrites the spec folder, so without a
lock one process removes the folder another is writing (``Directory not empty``) or
another process looks the kernel up in between (``No such kernel``).
"""

from __future__ import annotations

import json
import multiprocessing
import sys
from pathlib import Path

from cslib.reporting import runner

WORKERS = 6


def _install_after(barrier, prefix: str, results) -> None:  # runs in a child process
    barrier.wait()
    try:
        name = runner._kernel_name(Path(prefix))
        spec = json.loads(
            (Path(prefix) / "share/jupyter/kernels" / name / "kernel.json").read_text("utf-8")
        )
        results.put(("ok", spec["argv"][0]))
    except BaseException as exc:  # reported to the parent, which fails the test
        results.put(("error", f"{type(exc).__name__}: {exc}"))


def test_parallel_first_installs_leave_one_complete_spec(tmp_path):
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(WORKERS)
    results = ctx.Queue()
    procs = [
        ctx.Process(target=_install_after, args=(barrier, str(tmp_path), results))
        for _ in range(WORKERS)
    ]
    for p in procs:
        p.start()
    got = [results.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=60)
    assert [status for status, _ in got] == ["ok"] * WORKERS, got
    assert {Path(argv0).resolve() for _, argv0 in got} == {Path(sys.executable).resolve()}
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
