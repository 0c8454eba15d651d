"""Benchmark: the computing cores of notebooks 03 and 01 on the sample data.

Times, each best of 3 in one process:

* ``cslib.effectiveness.analysis.analyse`` on ``data_samples/effectiveness`` (notebook 03: levels
  1–4, 60 Callaway–Sant'Anna ATT(g,t) fits of the robust table);
* ``cslib.delphi.feedback.write_feedback_workbooks`` on the sample Delphi panel (notebook 01:
  26 expert questionnaires, the panel summary and the zip), written twice into the same folder
  so the check of existing files is timed as well.

With ``--baseline DIR`` (a checkout of another revision, e.g. ``git worktree add /tmp/base
main``) the same timings are run in a subprocess with ``DIR`` first on ``PYTHONPATH`` and
printed side by side with the ratio baseline / this tree.  The machine may be shared, so the two
trees are run alternately in ``--rounds`` rounds (each a fresh process) and the best time of
each is kept.  The run also checks that both trees give the same robust-table numbers.  Use one BLAS thread for comparable numbers:

    OPENBLAS_NUM_THREADS=1 PYTHONPATH=. .venv/bin/python benchmarks/bench_notebook_compute.py \
        --baseline /tmp/base
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

REPEATS = 3


def _best(f, repeats: int = REPEATS) -> float:
    best = float("inf")
    for _ in range(repeats):
        t = time.perf_counter()
        f()
        best = min(best, time.perf_counter() - t)
    return best


def measure() -> dict:
    """Time both steps in this interpreter (whatever ``cslib`` is first on the path)."""
    import cslib
    from cslib.core.framework import load_framework
    from cslib.core.paths import project_root
    from cslib.delphi.feedback import write_feedback_workbooks
    from cslib.delphi.io import read_ratings
    from cslib.effectiveness.analysis import analyse
    from cslib.effectiveness.io import load_effectiveness

    samples = project_root() / "data_samples"
    eff = samples / "effectiveness"
    fw = load_framework(samples / "framework_complaint_handling.yaml")
    data = load_effectiveness(
        samples / "courses.csv",
        eff / "sessions.csv",
        eff / "reaction.csv",
        eff / "tests.csv",
        items=eff / "test_items.csv",
        qa=eff / "qa_weekly.csv",
        kpi=eff / "kpi_weekly.csv",
        framework=fw,
    )
    # the primary KPI per series, as notebook 03's sample parameters set it
    primary = {
        "MOT服务技巧": "csat",
        "营销五部曲": "sales_conversion",
        "CL01": "qa_pass_rate",
        "CL02": "sales_conversion",
        "CL03": "aht_s",
    }
    result = {}
    t_analyse = _best(lambda: result.setdefault("r", analyse(data, primary_kpi_by_series=primary)))
    robust = result["r"].robust
    ratings = read_ratings(samples / "delphi_ratings.csv", fw)
    with tempfile.TemporaryDirectory() as tmp, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        folder = Path(tmp) / "feedback"
        t_feedback = _best(
            lambda: write_feedback_workbooks(
                ratings, 2, folder, lang="zh", deadline="2026-12-15", make_zip=True
            )
        )
    return {
        "cslib": str(Path(cslib.__file__).parent.parent),
        "analyse": t_analyse,
        "feedback": t_feedback,
        "robust_estimates": robust["estimate"].tolist(),
        "robust_se": robust["se"].tolist(),
    }


def _run_in(tree: Path) -> dict:
    """:func:`measure` in a fresh interpreter with ``tree`` first on the path."""
    out = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--json"],
        env=dict(os.environ, PYTHONPATH=str(tree)),
        cwd=tree,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def _same(a: list, b: list) -> bool:
    return len(a) == len(b) and all(
        x == y or (x != x and y != y) for x, y in zip(a, b, strict=True)
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--baseline", type=Path, help="source tree of the revision to compare with")
    ap.add_argument("--rounds", type=int, default=2, help="alternating rounds with --baseline")
    ap.add_argument("--json", action="store_true", help=argparse.SUPPRESS)  # subprocess mode
    args = ap.parse_args()
    if args.json or args.baseline is None:
        here = measure()
        if args.json:
            print(json.dumps(here))
            return
        print(f"this tree: {here['cslib']}   (best of {REPEATS}, seconds)")
        print(f"analyse (notebook 03):                  {here['analyse']:7.3f} s")
        print(f"write_feedback_workbooks (notebook 01): {here['feedback']:7.3f} s")
        return
    this_tree = Path(__file__).resolve().parent.parent
    runs: dict[Path, list[dict]] = {this_tree: [], args.baseline.resolve(): []}
    for _ in range(args.rounds):
        for tree, out in runs.items():
            out.append(_run_in(tree))
    here, base = (
        {k: min(r[k] for r in out) if k in ("analyse", "feedback") else out[0][k] for k in out[0]}
        for out in runs.values()
    )
    print(f"this tree: {here['cslib']}")
    print(f"baseline:  {base['cslib']}")
    print(f"(best of {REPEATS} per process, best of {args.rounds} alternating processes, seconds)")
    print("\n                                          this    baseline   baseline/this")
    for key, label in (
        ("analyse", "analyse (notebook 03)"),
        ("feedback", "write_feedback_workbooks (notebook 01)"),
    ):
        print(f"{label:40s} {here[key]:7.3f} s {base[key]:7.3f} s {base[key] / here[key]:9.2f}×")
    same = _same(here["robust_estimates"], base["robust_estimates"]) and _same(
        here["robust_se"], base["robust_se"]
    )
    print(f"\nrobust-table estimates and SEs identical to the baseline: {same}")


if __name__ == "__main__":
    main()
