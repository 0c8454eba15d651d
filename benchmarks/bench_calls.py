"""Benchmark: call-level records → agent-week panels → notebook-03 TWFE, at 5M and 50M calls.

For each size a seeded generator writes call records as Parquet into a temporary folder (never
committed): 90 % handled calls (KPI: handle time, CSAT answer, repeat-contact and sale flags)
and 10 % monitored calls (QA: score, pass flag), for 2,000 agents in 100 teams over 52 weeks.
A *fresh process* then runs the notebook-03 path end to end —
``weekly_from_calls`` (DuckDB through Ibis) → merge of the QA and KPI panels →
``behaviour.treatment_panel`` → ``behaviour.did_table`` (TWFE, agent-clustered) — and reports
its wall time and peak resident memory (``ru_maxrss`` of that process, so generation is not
counted).  Targets (issue #13): 50M calls in < 60 s and < 4 GB, memory not growing with calls.

    python benchmarks/bench_calls.py                 # 5M and 50M
    python benchmarks/bench_calls.py --sizes 1000000 # quick check
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

N_AGENTS, N_TEAMS, N_WEEKS = 2000, 100, 52
START = np.datetime64("2025-01-06T00:00:00", "s")  # a Monday
CHUNK = 5_000_000


def generate(folder: Path, n_calls: int, seed: int = 13) -> None:
    """Write ``qa.parquet`` and ``kpi.parquet`` (plus sessions.csv) with ``n_calls`` rows in all."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rng = np.random.default_rng(seed)
    agents = pa.array([f"A{k:05d}" for k in range(N_AGENTS)])
    teams = pa.array([f"T{k % N_TEAMS:03d}" for k in range(N_AGENTS)])
    # half of the agents attend a micro-course; it lifts CSAT and shortens handle time after
    trained = rng.random(N_AGENTS) < 0.5
    week_of_training = rng.integers(10, 40, N_AGENTS)
    n_qa = n_calls // 10
    for name, total in (("qa", n_qa), ("kpi", n_calls - n_qa)):
        writer = None
        done = 0
        while done < total:
            n = min(CHUNK, total - done)
            done += n
            who = rng.integers(0, N_AGENTS, n).astype(np.int32)
            seconds = rng.integers(0, N_WEEKS * 7 * 86400, n)
            week = seconds // (7 * 86400)
            after = trained[who] & (week >= week_of_training[who])
            cols = {
                "agent_id": pa.DictionaryArray.from_arrays(pa.array(who), agents),
                "team": pa.DictionaryArray.from_arrays(pa.array(who), teams),
                "call_time": pa.array(START + seconds.astype("timedelta64[s]")),
            }
            if name == "qa":
                score = np.clip(np.rint(rng.normal(82 + 2 * after, 8, n) * 2) / 2, 0, 100)
                cols["qa_score"] = pa.array(score)
                cols["qa_pass"] = pa.array(score >= 70)
            else:
                cols["handle_s"] = pa.array(np.rint(rng.gamma(4.0, 60 - 5 * after, n)))
                answered = rng.random(n) < 0.3
                sat = (rng.random(n) < 0.85 + 0.03 * after).astype(float)
                cols["csat"] = pa.array(sat, mask=~answered)
                cols["repeat_contact"] = pa.array((rng.random(n) < 0.05).astype(np.int8))
                sales_call = rng.random(n) < 0.2
                cols["sale"] = pa.array((rng.random(n) < 0.1).astype(float), mask=~sales_call)
            table = pa.table(cols)
            if writer is None:
                writer = pq.ParquetWriter(folder / f"{name}.parquet", table.schema)
            writer.write_table(table)
        assert writer is not None
        writer.close()
    dates = START.astype("datetime64[D]") + (week_of_training * 7 + rng.integers(0, 7, N_AGENTS))
    with open(folder / "sessions.csv", "w", encoding="utf-8") as fh:
        fh.write("agent_id,course_id,date\n")
        for k in np.flatnonzero(trained):
            fh.write(f"A{k:05d},MC01,{dates[k]}\n")


def pipeline(folder: Path) -> dict:
    """The notebook-03 path on call records; returns timings and the result size."""
    import pandas as pd

    from cslib.effectiveness.behaviour import did_table, treatment_panel
    from cslib.effectiveness.calls import weekly_from_calls

    t0 = time.perf_counter()
    qa, kpi = weekly_from_calls(folder / "qa.parquet", folder / "kpi.parquet")
    t1 = time.perf_counter()
    assert qa is not None and kpi is not None
    weekly = qa.merge(kpi.drop(columns=["team"]), on=["agent_id", "week"], how="outer")
    weekly["team"] = weekly["team"].fillna(
        weekly["agent_id"].map(dict(zip(kpi["agent_id"], kpi["team"], strict=False)))
    )
    sessions = pd.read_csv(folder / "sessions.csv", parse_dates=["date"])
    panel = treatment_panel(weekly, sessions, ["MC01"])
    table, _ = did_table(panel, ["qa_score", "qa_pass_rate", "aht_s", "csat"], ["MC01"])
    t2 = time.perf_counter()
    return {
        "aggregate_s": t1 - t0,
        "analyse_s": t2 - t1,
        "total_s": t2 - t0,
        "agent_weeks": len(weekly),
        "estimates": table[["outcome", "estimate"]].round(3).values.tolist(),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        # CPU seconds used: on a shared machine wall time depends on the other load
        "cpu_s": sum(resource.getrusage(resource.RUSAGE_SELF)[:2]),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="*", default=[5_000_000, 50_000_000])
    parser.add_argument("--pipeline", type=Path, help=argparse.SUPPRESS)  # child process mode
    args = parser.parse_args()
    if args.pipeline is not None:
        print(json.dumps(pipeline(args.pipeline)))
        return
    rows = []
    for n in args.sizes:
        with tempfile.TemporaryDirectory(prefix="cslib_bench_calls_") as tmp:
            t = time.perf_counter()
            generate(Path(tmp), n)
            gen = time.perf_counter() - t
            size = sum(f.stat().st_size for f in Path(tmp).iterdir()) / 1e6
            out = subprocess.run(
                [sys.executable, __file__, "--pipeline", tmp],
                check=True,
                capture_output=True,
                text=True,
            )
            result = json.loads(out.stdout.strip().splitlines()[-1])
        rows.append((n, gen, size, result))
        print(
            f"{n:>12,} calls ({size:,.0f} MB Parquet, generated in {gen:.0f} s): "
            f"aggregate {result['aggregate_s']:.1f} s + analyse {result['analyse_s']:.1f} s = "
            f"{result['total_s']:.1f} s (process CPU {result['cpu_s']:.0f} s, load average "
            f"{os.getloadavg()[0]:.1f}); peak RSS {result['peak_rss_mb']:,.0f} MB; "
            f"{result['agent_weeks']:,} agent-weeks; DiD estimates {result['estimates']}",
            flush=True,
        )
    if rows:
        n, _, _, last = rows[-1]
        print(
            f"target for {n:,} calls: < 60 s and < 4,096 MB → "
            f"{'met' if last['total_s'] < 60 and last['peak_rss_mb'] < 4096 else 'NOT met'}"
        )
    if len(rows) > 1:
        lo, hi = rows[0][3]["peak_rss_mb"], rows[-1][3]["peak_rss_mb"]
        print(
            f"peak RSS {rows[0][0]:,} → {rows[-1][0]:,} calls: {lo:,.0f} → {hi:,.0f} MB "
            f"({hi / lo:.2f}× for {rows[-1][0] / rows[0][0]:.0f}× the calls)"
        )


if __name__ == "__main__":
    main()
