"""Benchmark: Delphi reading + analysis on a large synthetic panel, and the whole report run.

Prints wall times.  Targets on a 2-core machine (issues #2 and #13), for 1,000 experts ×
200 indicators × 3 rounds (600k scores) written to a long CSV file:

* ``read_ratings`` (read + validate + completeness check) ≤ 10× ``pandas.read_csv`` of the
  same file, timed side by side in this run;
* the analysis alone (with 2,000 bootstrap resamples) under 2 s;
* reading + analysis end to end under 3 s.

    python benchmarks/bench_delphi.py [--skip-reports]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from cslib.core.framework import framework_from_frame
from cslib.delphi import statistics as delphi
from cslib.delphi.io import Ratings, read_ratings
from cslib.delphi.weights import derive_weights

ROOT = Path(__file__).resolve().parents[1]


def synthetic_panel(n_experts=1000, n_groups=10, per_group=19, n_rounds=3, seed=1):
    rows = []
    for g in range(n_groups):
        rows.append({"id": f"G{g}", "parent": "", "name_zh": f"一级{g}", "name_en": f"L1 {g}"})
        for k in range(per_group):
            rows.append(
                {
                    "id": f"G{g}_{k}",
                    "parent": f"G{g}",
                    "name_zh": f"二级{g}-{k}",
                    "name_en": f"L2 {g}-{k}",
                }
            )
    frame = pd.DataFrame(rows)
    frame.index = pd.RangeIndex(2, len(frame) + 2)
    fw = framework_from_frame(frame)
    rng = np.random.default_rng(seed)
    ids = np.array(fw.ids)
    mu = rng.uniform(3.0, 4.8, len(ids))
    experts = np.array([f"E{e:04d}" for e in range(n_experts)])
    parts = []
    for r in range(1, n_rounds + 1):
        scores = np.clip(np.rint(mu + rng.normal(0, 0.9 / r, (n_experts, len(ids)))), 1, 5).astype(
            int
        )
        parts.append(
            pd.DataFrame(
                {
                    "round": r,
                    "expert_id": np.repeat(experts, len(ids)),
                    "indicator_id": np.tile(ids, n_experts),
                    "score": scores.ravel(),
                }
            )
        )
    return Ratings(pd.concat(parts, ignore_index=True), fw)


def analysis(ratings: Ratings, n_boot: int) -> None:
    for r in ratings.rounds:
        delphi.indicator_statistics(ratings, r)
        delphi.concordance(ratings, r)
    delphi.compare_rounds(ratings, ratings.rounds[-2], ratings.rounds[-1])
    derive_weights(ratings, method="ahp_mean_diff", n_boot=n_boot)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--skip-reports", action="store_true")
    args = parser.parse_args()
    ratings = synthetic_panel()
    print(
        f"synthetic panel: {ratings.data['expert_id'].nunique()} experts × "
        f"{len(ratings.framework)} indicators × {len(ratings.rounds)} rounds "
        f"({len(ratings.data):,} scores)"
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "ratings.csv"
        ratings.data.to_csv(path, index=False)
        csv_times, read_times, total_times = [], [], []
        for _ in range(3):
            t = time.perf_counter()
            pd.read_csv(path)
            csv_times.append(time.perf_counter() - t)
            t = time.perf_counter()
            read = read_ratings(path, ratings.framework)
            read_times.append(time.perf_counter() - t)
            analysis(read, n_boot=2000)
            total_times.append(time.perf_counter() - t)
        assert read.data.equals(ratings.data), "read_ratings changed the data"
    csv_best, read_best = min(csv_times), min(read_times)
    print(
        f"pandas.read_csv of the long file: best {csv_best:.3f} s; read_ratings (read, validate, "
        f"completeness): best {read_best:.2f} s = {read_best / csv_best:.1f}× read_csv "
        f"(target ≤ 10×)"
    )
    print(
        f"read_ratings + whole Delphi analysis: best {min(total_times):.2f} s, median "
        f"{sorted(total_times)[1]:.2f} s of 3 (target < 3 s)"
    )
    times = []
    for _ in range(3):
        fresh = Ratings(ratings.data, ratings.framework)  # no cached pivots between runs
        t = time.perf_counter()
        analysis(fresh, n_boot=2000)
        times.append(time.perf_counter() - t)
    print(
        f"Delphi analysis (statistics, W, round comparison, weights + 2,000 bootstrap): "
        f"best {min(times):.2f} s, median {sorted(times)[1]:.2f} s of 3 (target < 2 s)"
    )
    if not args.skip_reports:
        with tempfile.TemporaryDirectory() as out:
            t = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "cslib", "run", "--no-progress", "--output-dir", out],
                cwd=ROOT,
                check=True,
                capture_output=True,
            )
            print(
                f"whole report run on data_samples/ (every notebook + HTML): "
                f"{time.perf_counter() - t:.1f} s"
            )


if __name__ == "__main__":
    main()
