"""Benchmark: every large-input reader against ``pandas.read_csv`` of the same file.

For each reader a seeded generator writes a valid file of ``--rows`` data rows (default
1,000,000) into a temporary folder; the reader (read + validate + cross-checks) and
``pandas.read_csv`` are timed side by side in this process (CPU time), best of ``--repeat``.
Target (issue #13): each reader ≤ 10× ``read_csv``.

    python benchmarks/bench_readers.py [--rows 1000000] [--repeat 2]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from cslib.consistency.qa_io import read_qa_calibration
from cslib.core.courses import read_courses
from cslib.core.framework import load_framework
from cslib.effectiveness.io import read_sessions, read_tests, read_weekly
from cslib.needs.assessment import read_assessments

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data_samples"


def weekly_file(folder: Path, n: int, rng: np.random.Generator) -> Path:
    agents = n // 50 + 1
    k = np.arange(n)
    week = pd.Timestamp("2020-01-06") + pd.to_timedelta((k // agents) * 7, unit="D")
    frame = pd.DataFrame(
        {
            "agent_id": [f"A{a:06d}" for a in k % agents],
            "team": [f"T{a % 97:03d}" for a in k % agents],
            "week": week.strftime("%Y-%m-%d"),
            "qa_pass_rate": np.round(rng.uniform(80, 100, n), 2),
            "repeat_tickets": rng.integers(0, 5, n),
            "aht_s": np.round(rng.uniform(100, 400, n), 1),
            "csat": np.round(rng.uniform(60, 100, n), 1),
        }
    )
    path = folder / "kpi_weekly.csv"
    frame.to_csv(path, index=False)
    return path


def tests_file(folder: Path, n: int, rng: np.random.Generator) -> tuple[Path, Path]:
    courses = pd.read_csv(SAMPLES / "courses.csv")["course_id"].tolist()
    pairs = n // 2
    agent = np.arange(pairs) // len(courses)
    course = np.array(courses)[np.arange(pairs) % len(courses)]
    ids = np.array([f"A{a:06d}" for a in agent])
    pre = rng.integers(30, 90, pairs)
    frame = pd.DataFrame(
        {
            "agent_id": np.repeat(ids, 2),
            "course_id": np.repeat(course, 2),
            "test": np.tile(["pre", "post"], pairs),
            "date": np.tile(["2025-03-03", "2025-03-10"], pairs),
            "score": np.ravel(np.column_stack([pre, np.minimum(pre + 5, 100)])),
            "max_score": 100,
        }
    )
    sessions = pd.DataFrame(
        {"agent_id": ids, "team": "T1", "course_id": course, "date": "2025-03-03"}
    )
    path, spath = folder / "tests.csv", folder / "sessions.csv"
    frame.to_csv(path, index=False)
    sessions.to_csv(spath, index=False)
    return path, spath


def calibration_file(folder: Path, n: int, rng: np.random.Generator) -> Path:
    items = [f"Q{i:02d}" for i in range(1, 11)]
    inspectors = [f"I{i:02d}" for i in range(10)]
    calls = n // (len(items) * len(inspectors))
    grid = pd.MultiIndex.from_product(
        [[f"C{c:06d}" for c in range(calls)], inspectors, items],
        names=["call_id", "inspector_id", "item"],
    ).to_frame(index=False)
    grid["score"] = rng.integers(0, 11, len(grid))
    path = folder / "qa_calibration.csv"
    grid.to_csv(path, index=False)
    return path


def assessments_file(folder: Path, n: int, rng: np.random.Generator, leaves: list[str]) -> Path:
    sources = ["self", "peer", "leader"]
    agents = n // (len(sources) * len(leaves)) + 1
    grid = pd.MultiIndex.from_product(
        [[f"A{a:06d}" for a in range(agents)], sources, leaves],
        names=["agent_id", "source", "indicator_id"],
    ).to_frame(index=False)
    grid = grid.iloc[: n - n % (len(sources) * len(leaves))]
    grid.insert(1, "team", "T" + (grid["agent_id"].str[1:].astype(int) % 50).astype(str))
    grid["score"] = rng.integers(1, 6, len(grid))
    path = folder / "ratings.csv"
    grid.to_csv(path, index=False)
    return path


def best(fn: Callable[[], object], repeat: int) -> float:
    """Best CPU time of ``repeat`` calls: on a shared machine, CPU time is what load disturbs
    least (both sides are single-threaded pandas work, so wall and CPU time agree when idle)."""
    times = []
    for _ in range(repeat):
        t = time.process_time()
        fn()
        times.append(time.process_time() - t)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    rng = np.random.default_rng(5)
    framework = load_framework(SAMPLES / "framework_complaint_handling.yaml")
    catalogue = read_courses(SAMPLES / "courses.csv", framework)
    with tempfile.TemporaryDirectory(prefix="cslib_bench_readers_") as tmp:
        folder = Path(tmp)
        weekly = weekly_file(folder, args.rows, rng)
        tests, sessions_path = tests_file(folder, args.rows, rng)
        sessions = read_sessions(sessions_path, catalogue)
        calibration = calibration_file(folder, args.rows, rng)
        ratings = assessments_file(folder, args.rows, rng, list(framework.leaves))
        cases = [
            ("effectiveness.read_weekly", weekly, lambda: read_weekly(weekly)),
            ("effectiveness.read_tests", tests, lambda: read_tests(tests, catalogue, sessions)),
            (
                "consistency.read_qa_calibration",
                calibration,
                lambda: read_qa_calibration(calibration, score_range=(0, 10)),
            ),
            ("needs.read_assessments", ratings, lambda: read_assessments(ratings, framework)),
        ]
        print(f"{'reader':34s} {'rows':>10s} {'read_csv':>9s} {'reader':>9s} {'ratio':>7s}")
        worst = 0.0
        for name, path, fn in cases:
            rows = sum(1 for _ in open(path, encoding="utf-8")) - 1
            base = best(lambda p=path: pd.read_csv(p), args.repeat)
            took = best(fn, args.repeat)
            worst = max(worst, took / base)
            print(f"{name:34s} {rows:>10,} {base:>8.2f}s {took:>8.2f}s {took / base:>6.1f}×")
        print(f"worst ratio {worst:.1f}× (target ≤ 10×)")


if __name__ == "__main__":
    main()
