"""Time the report suite against its floor, side by side in one run.

Run from the project root::

    .venv/bin/python benchmarks/bench_suite.py            # -j = number of cores
    .venv/bin/python benchmarks/bench_suite.py --jobs 1 --repeat 2

The *floor* is what any papermill report suite costs here: four empty notebooks (a
parameters cell and one trivial cell) executed by papermill, exported to HTML and published
by the same runner (:func:`cslib.reporting.runner.run_many`) with the same ``--jobs``, in this
process.  The *suite* is the four report notebooks on the sample data.  Floor and suite runs
alternate, so both see the same machine load; the script prints each wall time, the medians
and the ratio suite / floor (target ≤ 3).  The salt comes from ``CSLIB_SALT`` (set here to a
throwaway value so no key file is created).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _empty_notebooks(folder: Path, n: int = 4) -> list[Path]:
    import nbformat

    out = []
    for k in range(1, n + 1):
        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = {
            "name": "python3",
            "display_name": "Python 3",
            "language": "python",
        }
        nb.cells = [
            nbformat.v4.new_code_cell("output_dir = 'reports'", metadata={"tags": ["parameters"]}),
            nbformat.v4.new_code_cell("x = 1"),
        ]
        path = folder / f"{k:02d}_empty.ipynb"
        nbformat.write(nb, path)
        out.append(path)
    return out


def _time(notebooks: list[Path], jobs: int, detail: bool = False) -> float:
    from cslib.reporting import runner

    with tempfile.TemporaryDirectory(prefix="bench-suite-") as out:
        t0 = time.perf_counter()
        results = runner.run_many(notebooks, {}, output_dir=Path(out), jobs=jobs)
        seconds = time.perf_counter() - t0
    failed = [r for r in results if isinstance(r, BaseException)]
    if failed:
        raise SystemExit(f"a notebook failed: {failed[0]}")
    if detail:
        kernels = ", ".join(
            f"{r.notebook.stem[:2]} {r.seconds:.1f} s"
            for r in results
            if isinstance(r, runner.RunResult)
        )
        print(f"      kernel time per notebook: {kernels}", flush=True)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    os.environ.setdefault("CSLIB_SALT", "benchmark-throwaway-key")
    os.chdir(ROOT)
    from cslib.reporting import runner

    suite = runner.discover(ROOT)
    floors, suites = [], []
    with tempfile.TemporaryDirectory(prefix="bench-floor-nb-") as tmp:
        empty = _empty_notebooks(Path(tmp), len(suite))
        _time(empty[:1], 1)  # warm-up: kernelspec, imports
        for _ in range(args.repeat):
            floors.append(_time(empty, args.jobs))
            suites.append(_time(suite, args.jobs, detail=True))
            print(f"floor {floors[-1]:6.1f} s   suite {suites[-1]:6.1f} s", flush=True)
    f, s = statistics.median(floors), statistics.median(suites)
    print(
        f"{len(suite)} notebooks, -j {args.jobs}, {os.cpu_count()} cores: floor {f:.1f} s, "
        f"suite {s:.1f} s, ratio {s / f:.2f}x (target ≤ 3x)"
    )


if __name__ == "__main__":
    main()
