"""Write ``tests/slow_tests.txt``: the tests ``make check`` leaves out because they take long.

``make check`` (the inner loop) must finish in about a minute on a 2-core machine.  Tests that
start a process are recognised from their source (``tests/conftest.py``); the others that take
long in-process (simulations, many workbooks, a full analysis of the sample) are listed by
measurement, here, rather than guessed::

    python tools/slow_tests.py [--threshold 0.25]

runs ``pytest -m "not slow" --durations=0 -n0`` once (with the current list ignored, so every
in-process test is measured again), adds up each test's set-up and call time,
and lists every test at or above the threshold (seconds), sorted.  The list is committed; run it
again after adding tests that may be slow.  An id that no longer exists is simply never matched.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIST = ROOT / "tests" / "slow_tests.txt"
_LINE = re.compile(r"^([\d.]+)s (setup|call|teardown)\s+(\S.*)$")

HEADER = """\
# Tests make check leaves out (besides those that start a process; see tests/conftest.py).
# Measured, not guessed: regenerate with `python tools/slow_tests.py` (threshold {threshold} s
# of set-up + call time, one process).  One pytest node id per line.
"""


def durations(report: str) -> dict[str, float]:
    """Each test's set-up + call + teardown seconds, from pytest's ``--durations`` lines."""
    total: dict[str, float] = defaultdict(float)
    for line in report.splitlines():
        match = _LINE.match(line.strip())
        if match:
            total[match.group(3)] += float(match.group(1))
    return dict(total)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threshold", type=float, default=0.25, help="seconds (default 0.25)")
    parser.add_argument(
        "--from-report", type=Path, help="read an earlier pytest --durations output instead"
    )
    args = parser.parse_args(argv)
    if args.from_report is not None:
        report = args.from_report.read_text(encoding="utf-8")
    else:
        command = [sys.executable, "-m", "pytest", "-q", "-n0", "-m", "not slow",
                   "--durations=0", "-p", "no:cacheprovider"]  # fmt: skip
        env = {**os.environ, "CSLIB_MEASURE_ALL": "1"}  # the listed tests are measured again
        report = subprocess.run(
            command, cwd=ROOT, capture_output=True, text=True, check=False, env=env
        ).stdout
    slow = sorted(name for name, seconds in durations(report).items() if seconds >= args.threshold)
    text = HEADER.format(threshold=args.threshold) + "".join(f"{name}\n" for name in slow)
    LIST.write_text(text, encoding="utf-8")
    print(f"{len(slow)} tests at or above {args.threshold} s written to {LIST.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
