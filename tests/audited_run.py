"""Run ``python -m cslib`` with every opened file recorded, and find the sample files it read.

The audit hook (``tests/audit_site/sitecustomize.py``) writes each path the command and its
notebook kernels open to ``CSLIB_AUDIT_OPENS``; the tests of a user's own data
(``test_own_data.py``, ``test_consistency_optional.py``) check that none is in
``data_samples/``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data_samples"


def run_audited(args: list[str], cwd: Path, log: Path) -> subprocess.CompletedProcess[str]:
    """``python -m cslib ARGS`` in ``cwd``, every file opened recorded in ``log``."""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT / "tests" / "audit_site"), str(ROOT)]),
        "CSLIB_AUDIT_OPENS": str(log),
        "PYTHONIOENCODING": "utf-8",
    }
    env.pop("CSLIB_ROOT", None)
    return subprocess.run(
        [sys.executable, "-m", "cslib", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=1800,
    )


def sample_reads(log: Path, cwd: Path) -> list[str]:
    """The files under ``data_samples/`` that ``log`` records as opened (sorted)."""
    samples = SAMPLES.resolve()
    found = set()
    for line in log.read_text(encoding="utf-8").splitlines():
        p = Path(line)
        for base in (ROOT, cwd):
            q = (p if p.is_absolute() else base / p).resolve()
            if q.is_relative_to(samples):
                found.add(str(q))
    return sorted(found)
