"""How long the test suite takes: wall and CPU time, and the files that take the most.

Runs pytest in a subprocess (the options in pyproject.toml, so xdist as ``make test`` runs
it) on this tree and, with ``--baseline REV``, first on a clean export of git revision REV
(``git archive``), back to back, and prints both side by side with their ratio.  CPU time
is the user + system time of pytest and everything it waited for (xdist workers, notebook
kernels, LibreOffice), read with ``resource.getrusage(RUSAGE_CHILDREN)``.  Per-file times
are the sums of pytest's ``--durations=0`` (setup + call + teardown of each test).

The machine may be shared: compare runs made back to back, never against old numbers.

    python benchmarks/bench_tests.py                       # this tree only
    python benchmarks/bench_tests.py --baseline main       # main, then this tree
    python benchmarks/bench_tests.py --baseline main -- tests/test_cli.py -n0
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import subprocess
import sys
import tarfile
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DURATION = re.compile(r"^\s*([\d.]+)s (?:call|setup|teardown)\s+(\S+?)::")


@dataclass(frozen=True)
class Run:
    wall: float
    cpu: float
    files: Counter[str]
    summary: str


def run_pytest(tree: Path, args: list[str]) -> Run:
    """pytest on ``tree`` in a subprocess; wall time, CPU time of it and its children."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--durations=0", *args],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    files: Counter[str] = Counter()
    for line in out.stdout.splitlines():
        m = DURATION.match(line)
        if m:
            files[m.group(2)] += float(m.group(1))
    tail = [line for line in out.stdout.splitlines() if " in " in line and "passed" in line]
    summary = tail[-1].strip("= ") if tail else f"pytest exit code {out.returncode}"
    if out.returncode != 0:
        print(out.stdout[-3000:], out.stderr[-3000:], sep="\n", file=sys.stderr)
    return Run(wall, cpu, files, summary)


def export(rev: str, folder: Path) -> Path:
    """A clean copy of git revision ``rev`` (committed files only) in ``folder``."""
    archive = folder / "tree.tar"
    with archive.open("wb") as fh:
        subprocess.run(["git", "archive", rev], cwd=ROOT, stdout=fh, check=True)
    tree = folder / "tree"
    with tarfile.open(archive) as tar:
        tar.extractall(tree, filter="data")
    return tree


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--baseline", metavar="REV", help="git revision to compare with")
    parser.add_argument("--top", type=int, default=20, help="files listed (default 20)")
    parser.add_argument("pytest_args", nargs="*", help="passed to pytest (after --)")
    args = parser.parse_args(argv)

    runs: dict[str, Run] = {}
    with tempfile.TemporaryDirectory(prefix="bench-tests-") as tmp:
        if args.baseline:
            runs[args.baseline] = run_pytest(export(args.baseline, Path(tmp)), args.pytest_args)
        runs["this tree"] = run_pytest(ROOT, args.pytest_args)

    names = list(runs)
    width = max(12, *(len(n) for n in names))
    print(
        f"{'':42}" + "".join(f"{n:>{width}}" for n in names) + ("   ratio" if args.baseline else "")
    )

    def row(label: str, values: list[float]) -> None:
        ratio = f"{values[-1] / values[0]:8.2f}" if len(values) == 2 and values[0] else ""
        print(f"{label:42}" + "".join(f"{v:>{width}.1f}" for v in values) + ratio)

    row("wall time, s", [r.wall for r in runs.values()])
    row("CPU time (user + system), s", [r.cpu for r in runs.values()])
    row("sum of test durations, s", [sum(r.files.values()) for r in runs.values()])
    print("per file (sum of setup + call + teardown), s:")
    first = runs[names[0]].files
    for name, _ in first.most_common(args.top):
        row(
            "  " + name.removeprefix("tests/")[:40], [r.files.get(name, 0.0) for r in runs.values()]
        )
    for n, r in runs.items():
        print(f"{n}: {r.summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
