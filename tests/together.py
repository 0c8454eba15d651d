"""Run one function in several fresh processes released at the same moment (race tests)."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from typing import Any


def _child(barrier: Any, results: Any, func: Callable[[str], Any], arg: str) -> None:
    barrier.wait()
    try:
        results.put(("ok", func(arg)))
    except BaseException as exc:  # reported to the parent, which fails the test
        results.put(("error", f"{type(exc).__name__}: {exc}"))


def run_together(func: Callable[[str], Any], arg: str, n: int = 6) -> list[Any]:
    """``func(arg)`` in ``n`` spawned processes started together; their results, or an
    assertion error listing every failure.  ``func`` must be importable (module level)."""
    ctx = multiprocessing.get_context("spawn")
    barrier, results = ctx.Barrier(n), ctx.Queue()
    procs = [ctx.Process(target=_child, args=(barrier, results, func, arg)) for _ in range(n)]
    for p in procs:
        p.start()
    got = [results.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=60)
    errors = [value for status, value in got if status != "ok"]
    assert not errors, errors
    return [value for _, value in got]
