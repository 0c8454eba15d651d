"""Time the report suite against its floor, side by side in one run.

Run from the project root::

    .venv/bin/python benchmarks/bench_suite.py            # -j = number of cores
    .venv/bin/python benchmarks/bench_suite.py --jobs 1 --repeat 2

The *floor* is what any papermill report suite costs here: four empty notebooks (a
parameters cell and one trivial cell) executed by papermill, exported to HTML and published
by the same runner (:func:`cslib.reporting.runner.run_many`) with the same ``--jobs``, in this
process.  *Imports only* is the same empty notebooks importing the libraries every report
needs (pandas, scipy.stats, matplotlib, pandera, statsmodels) and nothing else: the part of
the suite's cost that no analysis code can remove while each report runs in its own fresh
kernel.  The *suite* is the report notebooks on the sample data.  Floor, imports-only and
suite runs alternate, so all three see the same machine load; the script prints each wall
time, the medians and the ratios to the floor (target for the suite ≤ 3).  The salt comes from ``CSLIB_SALT`` (set here to a
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


#: What every report notebook imports before it computes anything.
LIBRARIES = "import pandas, scipy.stats, matplotlib.pyplot, pandera.pandas, statsmodels.api"


def _empty_notebooks(folder: Path, n: int = 4, body: str = "x = 1") -> list[Path]:
    import nbformat

    folder.mkdir(parents=True, exist_ok=True)
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
            nbformat.v4.new_code_cell(body),
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
    floors, imports, suites = [], [], []
    with tempfile.TemporaryDirectory(prefix="bench-floor-nb-") as tmp:
        empty = _empty_notebooks(Path(tmp) / "empty", len(suite))
        # the same empty notebooks importing the libraries the reports need, nothing else
        importing = _empty_notebooks(Path(tmp) / "imports", len(suite), body=LIBRARIES)
        _time(empty[:1], 1)  # warm-up: kernelspec, imports
        for _ in range(args.repeat):
            floors.append(_time(empty, args.jobs))
            imports.append(_time(importing, args.jobs))
            suites.append(_time(suite, args.jobs, detail=True))
            print(
                f"floor {floors[-1]:6.1f} s   imports only {imports[-1]:6.1f} s   "
                f"suite {suites[-1]:6.1f} s",
                flush=True,
            )
    f, i, s = (statistics.median(x) for x in (floors, imports, suites))
    print(
        f"{len(suite)} notebooks, -j {args.jobs}, {os.cpu_count()} cores: floor {f:.1f} s, "
        f"imports only {i:.1f} s ({i / f:.2f}x), suite {s:.1f} s, ratio {s / f:.2f}x "
        "(target ≤ 3x)"
    )


if __name__ == "__main__":
    main()
